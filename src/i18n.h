/*
 * i18n.h - every sentence praxis prints, in English, Dutch and French.
 *
 * The catalogue is messages.def (one X-macro line a message: id, then the
 * three translations). Format strings may use positional arguments
 * (%1$s) so a translation can reorder them. The language is chosen once
 * at start-up from --lang, PRAXIS_LANG, LC_ALL, LC_MESSAGES or LANG
 * (nl*, fr*, en*), English when none says.
 */
#ifndef PX_I18N_H
#define PX_I18N_H

#include <stdio.h>

/* The one language type. Dutch and French come first: they are also the
 * languages of the content (codebook labels, community names, notes), and
 * arrays of those are indexed by them, `label[PX_CONTENT_LANGS]`; English
 * is a language of the command line only. */
typedef enum { PX_LANG_NL, PX_LANG_FR, PX_LANG_EN, PX_LANG_COUNT } px_lang;
#define PX_CONTENT_LANGS 2

typedef enum {
#define M(id, en, nl, fr) id,
#include "messages.def"
#undef M
	PX_MSG_COUNT
} px_msgid;

void px_i18n_init(void);
int px_i18n_set(const char *code); /* "en", "nl", "fr": 0; else -1 */
px_lang px_ui_lang(void);
/* The calling thread's language, over the process's (praxis serve
 * answers each request in its own): a px_lang, or -1 to follow the
 * process again. Every px_msg, px_plural and diagnostic of the thread
 * uses it. */
void px_i18n_thread(int lang);
/* "nl", "fr" or "en"; the table, whose first PX_CONTENT_LANGS entries
 * are the content languages. */
extern const char *const px_lang_codes[PX_LANG_COUNT];
const char *px_lang_code(px_lang l);
/* The language of a two-letter code ("nl", "fr", "en"); -1 when none. */
int px_lang_parse(const char *code, px_lang *out);
/* The format string of `id` in the user's language. */
const char *px_msg(px_msgid id);
/* The format string in a given language. */
const char *px_msg_in(px_msgid id, px_lang l);

/* Plurals. A counted message comes as a pair in messages.def, the
 * singular (id ending in _1) and the plural, in every language; this picks
 * the one for `n` by the language's rule (English and Dutch: 1 is
 * singular; French: 0 and 1 are). Use it wherever a count is printed:
 *
 *     px_say(stdout, px_plural(MSG_REINDEX_DONE_1, MSG_REINDEX_DONE, n), n);
 */
px_msgid px_plural(px_msgid one, px_msgid other, unsigned long n);
px_msgid px_plural_in(px_msgid one, px_msgid other, unsigned long n, px_lang l);
/* The pair formatted with `n` (its format takes one %lu), malloc'd: a
 * piece for a message that counts several things ("%1$s: %2$s"). */
char *px_count(px_msgid one, px_msgid other, unsigned long n);

/* "praxis: error: <message>\n" on stderr, in the user's language. */
void px_error(px_msgid id, ...);
void px_warning(px_msgid id, ...);
/* Prints message `id` (formatted) to `f`. */
void px_say(FILE *f, px_msgid id, ...);

#endif
