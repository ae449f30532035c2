/*
 * note.h - the one note model: every command reads notes through here.
 *
 * A note is YAML front matter (libyaml) and a CommonMark+GFM body
 * (cmark-gfm with table, tasklist, strikethrough and autolink). Parsing
 * gives the metadata, the segments (paragraph, list item, table row,
 * blockquote) with their heading path, source lines, plain text and
 * codes, and reports every problem to a px_diag as it goes.
 *
 *     px_note *n;
 *     if (px_note_parse(&n, "2022-2023/zuid/04.md", src, len, cb, &diag) == 0) {
 *             for (size_t i = 0; i < n->nsegs; i++) use(&n->segs[i]);
 *             px_note_free(n);
 *     }
 *
 * The note owns all its strings; codes are borrowed from the codebook,
 * which must outlive the note.
 */
#ifndef PX_NOTE_H
#define PX_NOTE_H

#include <stddef.h>

#include "codebook.h"
#include "diag.h"
#include "srcmap.h"

#define PX_NOTE_MAX ((size_t)2 << 20) /* 2 MiB: a session note is ~5 KB */
/* A session's number in its cycle (NOTE-FORMAT.md: about ten monthly
 * sessions, September to June) */
#define PX_SESSION_MIN 1
#define PX_SESSION_MAX 12

/* Bounds on a body, checked before cmark-gfm sees it: beyond them the
 * parser (cmark-gfm 0.29.0.gfm.6) takes quadratic time. A body that
 * exceeds one is not read (an error at the line; metadata still counts).
 * doc/check.md states them and why. */
#define PX_NOTE_NEST_MAX 16        /* block quotes and list items, nested */
#define PX_NOTE_LINE_MAX (32 << 10) /* bytes on one line (32 KiB) */
#define PX_NOTE_COLS_MAX 64        /* table columns: at most 65 '|' on a line */
#define PX_NOTE_WWW_MAX 8          /* "www." in one run of domain characters */
#define PX_NOTE_TREE_MAX 100       /* depth of the parsed tree (emphasis, links...) */

typedef enum {
	PX_SEG_PARAGRAPH,
	PX_SEG_ITEM,
	PX_SEG_ROW,
	PX_SEG_QUOTE
} px_seg_kind;

typedef struct {
	const px_code *code;
	char *tag;      /* as written, without '#' */
	int line, col;  /* where the '#' is */
} px_tag;

typedef struct {
	px_seg_kind kind;
	char *heading;  /* heading path joined with " > ", "" before any heading */
	int first_line, last_line;
	char *text;     /* plain text, inline markup removed */
	px_tag *tags;   /* known hashtags in order of appearance */
	size_t ntags;
	const px_code **codes; /* distinct codes, first appearance first */
	size_t ncodes;
	int task;       /* -1: not a task item; 0: open follow-up; 1: done */
	long head;      /* index of its innermost heading in the note's headings, -1: none */
} px_segment;

/* A heading of the body, in order (a synthesis text's sections). */
typedef struct {
	char *text;     /* plain text, as in segments' heading paths */
	int level;      /* 1..6 */
	int line;       /* in the file */
} px_heading;

typedef struct {
	char *s;        /* NULL when absent */
	int line, col;
} px_val;

typedef struct {
	px_val *v;
	size_t n;
} px_vals;

typedef struct {
	char *path;
	px_val community, cycle, date, lang, author, title, summary;
	px_val session_v, attendance_v;
	int session;     /* PX_SESSION_MIN..MAX; 0 when absent or invalid */
	int attendance;  /* -1 when absent */
	int cycle_year;  /* first year of the cycle, 0 when invalid */
	px_vals moderators, methods, themes, allow;
	const px_code **theme_codes;
	size_t ntheme_codes;
	px_segment *segs;
	size_t nsegs;
	px_heading *headings;
	size_t nheadings;
	int body_line;   /* first line of the body */
	int body_refused; /* the body exceeded a bound: no segments */
	/* Every text of the note as praxis stores and shows it, each with a
	 * map to the bytes of the source it was parsed from: the front
	 * matter's scalars (keys and values) as libyaml decodes them, the
	 * segments' texts and the headings as cmark renders them. The
	 * privacy guard scans them (guard.h). */
	px_shown *shown;
	size_t nshown;
	int shown_incomplete; /* memory ran out building them */
} px_note;

/* Parses `len` bytes of `src`, which need not be NUL-terminated: no
 * byte at or after src[len] is read (this holds for every function here
 * that takes a pointer and a length). Returns 0 with a model in *out (which may
 * still carry errors in `d`), or -1 when the note could not be read at
 * all (binary, invalid UTF-8, too large, no front matter), with the
 * reason in `d`. `path` is used in diagnostics as given. */
int px_note_parse(px_note **out, const char *path, const char *src, size_t len,
		  const px_codebook *cb, px_diag *d);
void px_note_free(px_note *n);

/* What a parse keeps besides the model. */
typedef struct {
	int shown; /* the shown texts and their maps (px_note.shown), which
		    * only the privacy guard reads: 0 leaves them out (the
		    * index), a third of the parse's time */
	int body;  /* the body (segments, headings, its checks): 0 reads the
		    * front matter alone (the sessions every other note
		    * claims, check.c), nearly all of the parse's time */
} px_note_opts;

#define PX_NOTE_OPTS_INIT { 1, 1 }

/* px_note_parse with options (NULL: PX_NOTE_OPTS_INIT). */
int px_note_parse_opts(px_note **out, const char *path, const char *src, size_t len,
		       const px_codebook *cb, const px_note_opts *o, px_diag *d);

/* The same for a text without front matter (the analysts' synthesis):
 * all of it is body; metadata stays empty. */
int px_note_parse_body(px_note **out, const char *path, const char *src, size_t len,
		       const px_codebook *cb, px_diag *d);

/* The body of a parsed note `n` (whose text is src/len) as CommonMark XML
 * (namespace http://commonmark.org/xml/1.0, source positions relative to
 * the body), every known hashtag made a <custom_inline on_enter="CODE">
 * element around its text. Appends to `out`; 0 or -1. */
int px_note_body_xml(const px_note *n, const char *src, size_t len, const px_codebook *cb,
		     px_buf *out);

/* A segment's text with its hashtags taken out, for quoting (malloc'd). */
char *px_text_without_tags(const char *text);

const char *px_seg_kind_name(px_seg_kind k); /* "paragraph", "item", "row", "quote" */

#endif
