#include "diag.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "fold.h"
#include "json.h"
#include "out.h"
#include "text.h"

#pragma GCC diagnostic ignored "-Wformat-nonliteral"

int px_lines_build(px_lines *l, const char *src, size_t len)
{
	size_t n = 1, cap = 1;
	const char *p = src, *end = src + len;

	while ((p = memchr(p, '\n', (size_t)(end - p)))) {
		cap++;
		p++;
	}
	l->off = malloc(cap * sizeof *l->off);
	l->len = len;
	if (!l->off) {
		l->n = 0;
		return -1;
	}
	l->off[0] = 0;
	for (p = src; (p = memchr(p, '\n', (size_t)(end - p))); p++)
		l->off[n++] = (size_t)(p - src) + 1;
	l->n = n;
	return 0;
}

size_t px_lines_offset(const px_lines *l, int line)
{
	if (line < 1 || (size_t)line > l->n)
		return l->len;
	return l->off[line - 1];
}

int px_lines_find(const px_lines *l, size_t off)
{
	size_t lo = 0, hi = l->n;

	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (l->off[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	return (int)lo + 1;
}

void px_lines_free(px_lines *l)
{
	free(l->off);
	l->off = NULL;
	l->n = 0;
}

void px_diag_source(px_diag *d, const char *file, const char *src, size_t len)
{
	px_lines_free(&d->lines);
	d->src_file = file;
	d->src = src;
	d->src_len = len;
	if (src)
		px_lines_build(&d->lines, src, len);
}

static char *source_line(const px_diag *d, const char *file, int line, size_t *lenp)
{
	size_t off, end;

	if (!d->src || line <= 0 || !d->src_file || strcmp(file, d->src_file))
		return NULL;
	off = px_lines_offset(&d->lines, line);
	if (off >= d->src_len)
		return NULL;
	/* a caret under a megabyte line helps nobody: look no further than
	 * 400 bytes, so that many findings on one long line stay linear */
	end = d->src_len - off > 401 ? off + 401 : d->src_len;
	{
		const char *nl = memchr(d->src + off, '\n', end - off);
		if (nl)
			end = (size_t)(nl - d->src);
	}
	if (end > off && d->src[end - 1] == '\r')
		end--;
	if (end - off > 400)
		end = off + 400;
	*lenp = end - off;
	return strndup(d->src + off, end - off);
}

static void vadd(px_diag *d, const char *file, int line, int col, px_severity sev,
		 const char *rule, px_msgid msg, va_list ap)
{
	px_diag_item *it;
	px_buf m = PX_BUF_INIT;
	size_t slen;

	if (d->n == d->cap) {
		size_t cap = d->cap ? d->cap * 2 : 16;
		px_diag_item *p = realloc(d->items, cap * sizeof *p);
		if (!p) {
			/* never a problem dropped in silence: it still counts */
			d->lost++;
			if (sev == PX_SEV_ERROR)
				d->errors++;
			else
				d->warnings++;
			return;
		}
		d->items = p;
		d->cap = cap;
	}
	it = &d->items[d->n];
	memset(it, 0, sizeof *it);
	it->file = strdup(file ? file : "");
	if (!it->file) {
		d->lost++;
		if (sev == PX_SEV_ERROR)
			d->errors++;
		else
			d->warnings++;
		return;
	}
	d->n++;
	it->line = line;
	it->col = col;
	it->sev = sev;
	it->rule = rule;
	px_buf_vprintf(&m, px_msg(msg), ap);
	it->message = px_buf_detach(&m);
	if (!it->message) /* the item stays, its text lost: say so */
		it->message = strdup(px_msg(MSG_OOM));
	it->source = source_line(d, it->file, line, &slen);
	if (sev == PX_SEV_ERROR)
		d->errors++;
	else
		d->warnings++;
}

void px_diag_vadd(px_diag *d, const char *file, int line, int col, px_severity sev,
		  const char *rule, px_msgid msg, va_list ap)
{
	vadd(d, file, line, col, sev, rule, msg, ap);
}

void px_diag_add(px_diag *d, const char *file, int line, int col, px_severity sev,
		 const char *rule, px_msgid msg, ...)
{
	va_list ap;

	va_start(ap, msg);
	vadd(d, file, line, col, sev, rule, msg, ap);
	va_end(ap);
}

void px_diag_add_at(px_diag *d, const char *file, int line, size_t byte_col,
		    px_severity sev, const char *rule, px_msgid msg, ...)
{
	va_list ap;
	int col = (int)byte_col + 1;

	if (d->src && file && d->src_file && !strcmp(file, d->src_file) && line > 0) {
		size_t off = px_lines_offset(&d->lines, line);
		if (off + byte_col <= d->src_len)
			col = (int)px_utf8_width(d->src + off, byte_col) + 1;
	}
	va_start(ap, msg);
	vadd(d, file, line, col, sev, rule, msg, ap);
	va_end(ap);
}

void px_diag_hint(px_diag *d, px_msgid msg, ...)
{
	va_list ap;
	px_buf m = PX_BUF_INIT;

	if (!d->n)
		return;
	va_start(ap, msg);
	px_buf_vprintf(&m, px_msg(msg), ap);
	va_end(ap);
	free(d->items[d->n - 1].hint);
	d->items[d->n - 1].hint = px_buf_detach(&m);
}

void px_diag_take(px_diag *dst, px_diag *src)
{
	size_t i;

	if (dst->n + src->n > dst->cap) {
		size_t cap = dst->n + src->n;
		px_diag_item *p = realloc(dst->items, (cap ? cap : 1) * sizeof *p);
		if (!p) {
			dst->lost += src->n + src->lost;
			dst->errors += src->errors;
			dst->warnings += src->warnings;
			px_diag_free(src);
			return;
		}
		dst->items = p;
		dst->cap = cap;
	}
	for (i = 0; i < src->n; i++)
		dst->items[dst->n++] = src->items[i];
	dst->lost += src->lost;
	src->lost = 0;
	dst->errors += src->errors;
	dst->warnings += src->warnings;
	src->n = src->errors = src->warnings = 0;
}

typedef struct {
	size_t file;  /* rank of the file by first appearance */
	size_t seq;   /* position before sorting */
	px_diag_item it;
} sort_item;

static int cmp_item(const void *a, const void *b)
{
	const sort_item *x = a, *y = b;

	if (x->file != y->file)
		return x->file < y->file ? -1 : 1;
	if (x->it.line != y->it.line)
		return x->it.line < y->it.line ? -1 : 1;
	if (x->it.col != y->it.col)
		return x->it.col < y->it.col ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static int cmp_by_file(const void *a, const void *b)
{
	const sort_item *x = a, *y = b;
	int r = strcmp(x->it.file, y->it.file);

	return r ? r : x->seq < y->seq ? -1 : x->seq > y->seq;
}

void px_diag_sort(px_diag *d)
{
	sort_item *v;
	size_t i, first = 0;

	if (d->n < 2 || !(v = malloc(d->n * sizeof *v)))
		return;
	for (i = 0; i < d->n; i++) {
		v[i].seq = i;
		v[i].it = d->items[i];
	}
	/* a file's rank: where its first item was added */
	qsort(v, d->n, sizeof *v, cmp_by_file);
	for (i = 0; i < d->n; i++) {
		if (i && strcmp(v[i - 1].it.file, v[i].it.file))
			first = v[i].seq;
		else if (!i)
			first = v[0].seq;
		v[i].file = first;
	}
	qsort(v, d->n, sizeof *v, cmp_item);
	for (i = 0; i < d->n; i++)
		d->items[i] = v[i].it;
	free(v);
}

int px_diag_buf(px_diag *d, const px_buf *b, const char *file)
{
	if (!px_buf_failed(b))
		return 0;
	if (px_buf_error(b) == PX_BUF_TOOBIG)
		px_diag_add(d, file, 0, 0, PX_SEV_ERROR, "text-too-long", MSG_BUF_TOOBIG,
			    (int)(PX_BUF_MAX >> 20));
	else
		px_diag_add(d, file, 0, 0, PX_SEV_ERROR, "out-of-memory", MSG_BUF_NOMEM);
	return -1;
}

/* The rules of errors that are findings, not failures of the
 * environment: what the user resolves in the knowledge base. */
static const char *const finding_rules[] = { "sync-conflict", "sync-uncommitted", NULL };

int px_diag_status(const px_diag *d)
{
	size_t i, k;
	int findings = 0;

	for (i = 0; i < d->n; i++) {
		if (d->items[i].sev != PX_SEV_ERROR)
			continue;
		for (k = 0; finding_rules[k] && strcmp(finding_rules[k], d->items[i].rule); k++)
			;
		if (!finding_rules[k])
			return 2;
		findings = 1;
	}
	return findings ? 1 : 2;
}

static const char *sev_word(px_severity s)
{
	return px_msg(s == PX_SEV_ERROR ? MSG_SEV_ERROR : MSG_SEV_WARNING);
}

/* The caret's indentation: as wide as the sanitised text before column
 * `col` of `src` (escapes are wider than the character they stand for),
 * tabs kept so it lines up under them. */
static void caret_pad(px_buf *b, const char *src, int col)
{
	px_buf pre = PX_BUF_INIT;
	const char *s = src;
	size_t i;
	int k;

	for (k = 1; k < col && *s; k++)
		s += px_utf8_next(s, strlen(s));
	px_buf_term_text(&pre, src, (size_t)(s - src), PX_TERM_LINE);
	for (i = 0; i < pre.len; i += px_utf8_next(pre.ptr + i, pre.len - i))
		px_buf_putc(b, pre.ptr[i] == '\t' ? '\t' : ' ');
	px_buf_free(&pre);
}

void px_diag_print(const px_diag *d, FILE *out, int color)
{
	px_buf b = PX_BUF_INIT;
	size_t i;

	for (i = 0; i < d->n; i++) {
		const px_diag_item *it = &d->items[i];
		const char *on = "", *off = "";

		if (color) {
			on = it->sev == PX_SEV_ERROR ? "\033[1;31m" : "\033[1;35m";
			off = "\033[0m";
		}
		/* a file name, a message quoting a note and its source line may
		 * hold anything: they reach the terminal sanitised */
		px_buf_clear(&b);
		px_buf_term_str(&b, *it->file ? it->file : "praxis", PX_TERM_LINE);
		if (*it->file && it->line > 0) {
			px_buf_printf(&b, ":%d", it->line);
			if (it->col > 0)
				px_buf_printf(&b, ":%d", it->col);
		}
		px_buf_printf(&b, ": %s%s:%s ", on, sev_word(it->sev), off);
		px_buf_term_str(&b, it->message ? it->message : "", PX_TERM_LINE);
		px_buf_printf(&b, " [%s]\n", it->rule);
		if (it->source) {
			px_buf_printf(&b, "%5d | ", it->line);
			px_buf_term_str(&b, it->source, PX_TERM_LINE);
			px_buf_puts(&b, "\n      | ");
			if (it->col > 0) {
				caret_pad(&b, it->source, it->col);
				px_buf_printf(&b, "%s^%s", on, off);
			}
			px_buf_putc(&b, '\n');
		}
		if (it->hint) {
			px_buf_puts(&b, "      = ");
			px_buf_term_str(&b, it->hint, PX_TERM_LINE);
			px_buf_putc(&b, '\n');
		}
		if (px_buf_fwrite(&b, out) < 0 && px_buf_failed(&b))
			break;
	}
	if (d->lost)
		fprintf(out, "praxis: %s: %s [out-of-memory]\n", sev_word(PX_SEV_ERROR),
			px_msg(MSG_OOM));
	px_buf_free(&b);
}

void px_diag_json(const px_diag *d, px_buf *out)
{
	px_json j;
	size_t i;

	px_json_init(&j, out);
	px_json_array(&j);
	for (i = 0; i < d->n; i++) {
		const px_diag_item *it = &d->items[i];
		px_json_object(&j);
		px_json_kstr(&j, "file", it->file ? it->file : "");
		px_json_kint(&j, "line", it->line);
		px_json_kint(&j, "column", it->col);
		px_json_kstr(&j, "severity", it->sev == PX_SEV_ERROR ? "error" : "warning");
		px_json_kstr(&j, "rule", it->rule);
		px_json_kstr(&j, "message", it->message);
		if (it->hint)
			px_json_kstr(&j, "hint", it->hint);
		px_json_end(&j);
	}
	px_json_end(&j);
}

void px_diag_free(px_diag *d)
{
	size_t i;

	for (i = 0; i < d->n; i++) {
		free(d->items[i].file);
		free(d->items[i].message);
		free(d->items[i].hint);
		free(d->items[i].source);
	}
	free(d->items);
	px_lines_free(&d->lines);
	memset(d, 0, sizeof *d);
}

int px_diag_out_of_memory(const px_diag *d)
{
	size_t i;

	if (d->lost)
		return 1;
	for (i = 0; i < d->n; i++)
		if (d->items[i].rule && !strcmp(d->items[i].rule, "out-of-memory"))
			return 1;
	return 0;
}
