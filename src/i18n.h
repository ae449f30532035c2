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

typedef enum { PX_LANG_EN, PX_LANG_NL, PX_LANG_FR, PX_LANG_COUNT } px_lang;

typedef enum {
#define M(id, en, nl, fr) id,
#include "messages.def"
#undef M
	PX_MSG_COUNT
} px_msgid;

void px_i18n_init(void);
int px_i18n_set(const char *code); /* "en", "nl", "fr": 0; else -1 */
px_lang px_ui_lang(void);
const char *px_lang_code(px_lang l);
/* The format string of `id` in the user's language. */
const char *px_msg(px_msgid id);
/* The format string in a given language. */
const char *px_msg_in(px_msgid id, px_lang l);

/* "praxis: error: <message>\n" on stderr, in the user's language. */
void px_error(px_msgid id, ...);
void px_warning(px_msgid id, ...);
/* Prints message `id` (formatted) to `f`. */
void px_say(FILE *f, px_msgid id, ...);

#endif
