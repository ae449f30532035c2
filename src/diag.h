/*
 * diag.h - diagnostics collected like a compiler's.
 *
 * Every problem found in user input becomes a px_diag_item: file, line,
 * column (1-based; the column counts characters, not bytes), severity, a
 * stable rule name and a message in the user's language. Modules add
 * items and keep going; commands print them all at the end, as text
 *
 *     2022-2023/zuid/04.md:12:7: error: unknown code '#tjid' (did you mean '#tijd'?)
 *        12 | Niemand wist wie de coördinatie opnam. #tjid
 *           |                                        ^
 *
 * or as JSON (see doc/check.md). Line 0 means "the whole file"; a NULL
 * file a problem of no file in particular (printed as "praxis:").
 */
#ifndef PX_DIAG_H
#define PX_DIAG_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

#include "buf.h"
#include "i18n.h"

typedef enum { PX_SEV_ERROR, PX_SEV_WARNING } px_severity;

/* Where each line of a text starts, for line:column in O(log n). */
typedef struct {
	size_t *off; /* off[i]: byte offset of line i + 1 */
	size_t n;
	size_t len;  /* length of the text */
} px_lines;

int px_lines_build(px_lines *l, const char *src, size_t len);
/* Offset of 1-based `line` (the text's length past the last line). */
size_t px_lines_offset(const px_lines *l, int line);
/* 1-based line holding byte `off`. */
int px_lines_find(const px_lines *l, size_t off);
void px_lines_free(px_lines *l);

typedef struct {
	char *file;
	int line, col;
	px_severity sev;
	const char *rule;  /* static string */
	char *message;
	char *hint;        /* NULL or a second line of advice */
	char *source;      /* NULL or a copy of the offending source line */
} px_diag_item;

typedef struct {
	px_diag_item *items;
	size_t n, cap;
	size_t errors, warnings;
	/* the text the next items refer to, for the source line and caret */
	const char *src_file;
	const char *src;
	size_t src_len;
	px_lines lines;
	size_t lost;       /* items memory could not hold: counted as errors,
			    * printed as one "out of memory" */
} px_diag;

#define PX_DIAG_INIT { NULL, 0, 0, 0, 0, NULL, NULL, 0, { NULL, 0, 0 }, 0 }

/* Tells the collector which text items for `file` point into; the
 * text must outlive the calls to px_diag_add that follow. */
void px_diag_source(px_diag *d, const char *file, const char *src, size_t len);

/* Adds an item; `col` is a 1-based character column (0: none). */
void px_diag_add(px_diag *d, const char *file, int line, int col,
		 px_severity sev, const char *rule, px_msgid msg, ...);
/* px_diag_add with the message's arguments as a va_list, for helpers
 * that add their own context (a YAML node's line and column). */
void px_diag_vadd(px_diag *d, const char *file, int line, int col, px_severity sev,
		  const char *rule, px_msgid msg, va_list ap);
/* Same, with the column given as a byte offset into line `line` of the
 * current source, converted to characters here. */
void px_diag_add_at(px_diag *d, const char *file, int line, size_t byte_col,
		    px_severity sev, const char *rule, px_msgid msg, ...);
/* Attaches advice to the last item added. */
void px_diag_hint(px_diag *d, px_msgid msg, ...);

/* Moves every item of `src` to the end of `dst` (counts included);
 * `src` is left empty. */
void px_diag_take(px_diag *dst, px_diag *src);
/* Whether memory ran out while `d` was filled: an item of rule
 * "out-of-memory", or an item lost for want of memory. Such a result is
 * an error of the run, never a finding about the input. */
int px_diag_out_of_memory(const px_diag *d);
/* Orders the items of each file by line, then column (a file's items
 * stay together, files in the order they first appear; line 0, the
 * whole file, comes first), keeping the order of items at one place. */
void px_diag_sort(px_diag *d);

/* The consumer's check of a buffer (buf.h): 0 when `b` holds its whole
 * text; otherwise an error for `file` (NULL: none in particular), "out
 * of memory" or "text too long", and -1. Call it before the text
 * becomes an output. */
int px_diag_buf(px_diag *d, const px_buf *b, const char *file);

/* The exit status a failure reported in `d` calls for: 1 (findings)
 * when its errors are findings the user resolves in their data (a sync
 * conflict), 2 (usage or environment: a file, git, the index, memory)
 * otherwise. The dispatcher in main.c applies it to a failed command. */
int px_diag_status(const px_diag *d);

void px_diag_print(const px_diag *d, FILE *out, int color);
void px_diag_json(const px_diag *d, px_buf *out);
void px_diag_free(px_diag *d);

#endif
