/*
 * text.h - what text from notes, git and file names may carry out of
 * praxis.
 *
 * One rule says which characters are unsafe (px_char_at), and one
 * sanitiser per destination applies it:
 *
 *   px_buf_xml_text  every XML document praxis writes (report, brief and
 *                    site data, the note bodies cmark-gfm renders): a line
 *                    or page break (U+000B, U+000C) becomes a line feed,
 *                    every other unsafe character U+FFFD;
 *   px_buf_term_str  everything printed on a terminal (diagnostics, the
 *                    source lines they echo, search hits, log, file
 *                    names): an unsafe character becomes a visible escape,
 *                    `\u001B`, an invalid byte `\xE9`, so no escape
 *                    sequence from a note reaches the terminal.
 *
 * doc/check.md lists the classes and what `check` says about each.
 */
#ifndef PX_TEXT_H
#define PX_TEXT_H

#include <stddef.h>
#include <stdio.h>

#include "buf.h"

typedef enum {
	PX_CH_OK,      /* any other character, TAB, LF and CR included */
	PX_CH_BREAK,   /* U+000B, U+000C: what word processors paste for a break */
	PX_CH_CONTROL, /* other C0 controls (U+0000-U+001F), DEL, C1 (U+0080-U+009F) */
	PX_CH_NONCHAR, /* U+FDD0-U+FDEF and U+nFFFE, U+nFFFF of every plane */
	PX_CH_INVALID  /* a byte that does not start valid UTF-8 */
} px_char_kind;

/* The kind of the character at `s` (`len` > 0 bytes); its code point (or
 * the byte, when invalid) in *cp and its length in bytes in *n. */
px_char_kind px_char_at(const char *s, size_t len, unsigned long *cp, size_t *n);

/* Offset of the first character that is not PX_CH_OK, or `len`. */
size_t px_text_unsafe_at(const char *s, size_t len);

/* Appends `len` bytes of `s` for XML: with `escape`, & < > " ' become
 * references (text and attributes); without, `s` is XML already (what
 * cmark-gfm renders) and only the unsafe characters are replaced. */
int px_buf_xml_text(px_buf *b, const char *s, size_t len, int escape);
/* px_buf_xml_text of a NUL-terminated string, escaped. */
int px_buf_xml_str(px_buf *b, const char *s);

enum {
	PX_TERM_LINE = 1 /* one line: a line feed is escaped too (file names, fields) */
};

/* Appends `len` bytes of `s` made safe for a terminal. TAB is kept; LF
 * too unless PX_TERM_LINE; CR and every unsafe character become escapes. */
int px_buf_term_text(px_buf *b, const char *s, size_t len, int flags);
int px_buf_term_str(px_buf *b, const char *s, int flags);
/* Writes `s` to `f` through px_buf_term_str. */
void px_term_fputs(const char *s, int flags, FILE *f);

#endif
