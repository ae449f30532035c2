#include "i18n.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "out.h"
#include "text.h"

#pragma GCC diagnostic ignored "-Wformat-nonliteral"

static const char *const catalogue[PX_MSG_COUNT][PX_LANG_COUNT] = {
#define M(id, en, nl, fr) [id] = { [PX_LANG_EN] = en, [PX_LANG_NL] = nl, [PX_LANG_FR] = fr },
#include "messages.def"
#undef M
};

static px_lang ui = PX_LANG_EN;
/* a thread's own language (praxis serve: a request's), -1 for none */
static _Thread_local int thread_ui = -1;

static int from_code(const char *s, px_lang *out)
{
	if (!s || !*s)
		return -1;
	if (!strncmp(s, "nl", 2)) { *out = PX_LANG_NL; return 0; }
	if (!strncmp(s, "fr", 2)) { *out = PX_LANG_FR; return 0; }
	if (!strncmp(s, "en", 2)) { *out = PX_LANG_EN; return 0; }
	return -1;
}

void px_i18n_init(void)
{
	static const char *const vars[] = { "PRAXIS_LANG", "LC_ALL", "LC_MESSAGES", "LANG" };
	size_t i;

	for (i = 0; i < sizeof vars / sizeof *vars; i++) {
		const char *v = getenv(vars[i]);
		if (v && *v) {
			/* the first variable that is set decides, like setlocale */
			if (from_code(v, &ui) < 0)
				ui = PX_LANG_EN;
			return;
		}
	}
}

int px_i18n_set(const char *code)
{
	px_lang l;

	if (from_code(code, &l) < 0 || strlen(code) != 2)
		return -1;
	ui = l;
	return 0;
}

px_lang px_ui_lang(void) { return thread_ui >= 0 ? (px_lang)thread_ui : ui; }

void px_i18n_thread(int lang)
{
	thread_ui = lang >= 0 && lang < PX_LANG_COUNT ? lang : -1;
}

int px_lang_parse(const char *code, px_lang *out)
{
	if (!code || strlen(code) != 2)
		return -1;
	return from_code(code, out);
}

const char *const px_lang_codes[PX_LANG_COUNT] = {
	[PX_LANG_NL] = "nl", [PX_LANG_FR] = "fr", [PX_LANG_EN] = "en"
};

const char *px_lang_code(px_lang l)
{
	return px_lang_codes[l];
}

const char *px_msg_in(px_msgid id, px_lang l)
{
	return catalogue[id][l];
}

const char *px_msg(px_msgid id)
{
	return catalogue[id][px_ui_lang()];
}

px_msgid px_plural_in(px_msgid one, px_msgid other, unsigned long n, px_lang l)
{
	/* CLDR's rule "one": n = 1 in English and Dutch, n = 0 or 1 in French */
	if (l == PX_LANG_FR)
		return n <= 1 ? one : other;
	return n == 1 ? one : other;
}

px_msgid px_plural(px_msgid one, px_msgid other, unsigned long n)
{
	return px_plural_in(one, other, n, px_ui_lang());
}

char *px_count(px_msgid one, px_msgid other, unsigned long n)
{
	px_buf b = PX_BUF_INIT;

	px_buf_printf(&b, px_msg(px_plural(one, other, n)), n);
	return px_buf_detach(&b);
}

/* Every message may carry text from notes, git or file names: it goes
 * out through the terminal sanitiser (the catalogue's own line feeds
 * stay, and the CR that starts a progress line). */
static void vsay(FILE *f, const char *prefix, px_msgid id, va_list ap)
{
	px_buf m = PX_BUF_INIT, out = PX_BUF_INIT;

	size_t cr = px_msg(id)[0] == '\r'; /* a progress line rewrites itself */

	px_buf_vprintf(&m, px_msg(id), ap);
	px_buf_puts(&out, prefix);
	px_buf_put(&out, m.ptr, cr);
	px_buf_term_text(&out, m.ptr + cr, m.len - cr, 0);
	px_buf_fwrite(&out, f);
	px_buf_free(&m);
	px_buf_free(&out);
}

static void report(px_msgid sev, px_msgid id, va_list ap)
{
	px_buf prefix = PX_BUF_INIT;

	px_buf_printf(&prefix, "praxis: %s: ", px_msg(sev));
	vsay(stderr, prefix.ptr, id, ap);
	fputc('\n', stderr);
	px_buf_free(&prefix);
}

void px_error(px_msgid id, ...)
{
	va_list ap;
	va_start(ap, id);
	report(MSG_SEV_ERROR, id, ap);
	va_end(ap);
}

void px_warning(px_msgid id, ...)
{
	va_list ap;
	va_start(ap, id);
	report(MSG_SEV_WARNING, id, ap);
	va_end(ap);
}

void px_say(FILE *f, px_msgid id, ...)
{
	va_list ap;
	va_start(ap, id);
	vsay(f, "", id, ap);
	va_end(ap);
}
