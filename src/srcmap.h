/*
 * srcmap.h - where the bytes of a derived text come from in its source.
 *
 * praxis stores and shows texts that are not the bytes a lead wrote:
 * cmark renders a segment (entities decoded, emphasis removed, line
 * breaks made spaces), libyaml decodes a value ("\x40", folded lines),
 * the privacy guard normalises what it scans (NFKC, spaces). A px_srcmap
 * maps each byte of such a text back to the source byte it comes from,
 * so that a finding in the text is reported where it starts in the file.
 *
 * A map is a list of runs, appended in text order: the text bytes
 * [text, text + len) come from [src, src + len) when `exact`, else all
 * from `src` (an entity, an escape, a decoded character).
 *
 *     px_srcmap m = PX_SRCMAP_INIT;
 *     px_srcmap_add(&m, 0, 17, 5, 1);       // text 0..4 is source 17..21
 *     size_t at = px_srcmap_src(&m, 3);      // 20
 *     px_srcmap_free(&m);
 *
 * Running out of memory never loses a text: the map only gets coarser
 * (a lookup then answers with the nearest run before it) and `oom` is set.
 */
#ifndef PX_SRCMAP_H
#define PX_SRCMAP_H

#include <stddef.h>

typedef struct {
	size_t text, src, len;
	int exact;
} px_srcrun;

typedef struct {
	px_srcrun *v;
	size_t n, cap;
	int oom;
} px_srcmap;

#define PX_SRCMAP_INIT { NULL, 0, 0, 0 }

/* Maps text [text, text + len) to source `src` (exactly, or all of it
 * to `src`). Runs must be added in increasing text order; a run that
 * continues the previous one is merged with it. */
void px_srcmap_add(px_srcmap *m, size_t text, size_t src, size_t len, int exact);
/* The source offset of text byte `text` (0 for an empty map). */
size_t px_srcmap_src(const px_srcmap *m, size_t text);
void px_srcmap_free(px_srcmap *m);

/*
 * Aligns `tlen` bytes of decoded `text` (appended to a derived text at
 * offset `at`) with the source they were decoded from, starting at
 * *cursor and never past `end`, and adds the runs to `m`. A character
 * that is in the source as it is maps there; otherwise the source at
 * the cursor may be an entity (&#64;, &nbsp;) or a backslash escape
 * (\@, \x40, \u0020), which the character maps to as a whole; white
 * space in the text matches a run of white space (a line break and the
 * next line's indentation); markup (* _ ` [ ] > " ' ...) the text does
 * not hold is stepped over; failing all these the character is looked
 * for a little further on. *cursor is left after the last character.
 * Time is linear in tlen plus the source covered.
 */
void px_srcmap_align(px_srcmap *m, size_t at, const char *text, size_t tlen, const char *src,
		     size_t *cursor, size_t end);

/* A text of a file as praxis stores or shows it, with its map back to
 * the file's bytes. */
typedef struct {
	char *text;     /* NUL-terminated, but may hold a NUL of its own */
	size_t len;     /* its length: the guard scans all of it */
	px_srcmap map;
} px_shown;

/* Appends a shown text (owned copy of `text`) to a growable array;
 * the map is moved in (and reset). 0 or -1 (out of memory). */
int px_shown_push(px_shown **v, size_t *n, size_t *cap, const char *text, size_t len,
		  px_srcmap *map);
void px_shown_free(px_shown *v, size_t n);

#endif
