/*
 * guard.h - the privacy guard: what is scanned, and where it is reported.
 *
 * privacy.h has the detectors (one line of text in, findings out). The
 * guard decides which texts they see, so that they see what a reader
 * sees: every file praxis commits or publishes (notes, synthesis texts,
 * communities.yaml, a knowledge base's codebook.xml), scanned
 *
 *   - as written: line by line, front matter included;
 *   - as stored and shown: the note model's texts (segments and headings
 *     as cmark renders them, YAML values as libyaml decodes them), each
 *     with a map back to the source (srcmap.h);
 *
 * both after normalisation (Unicode NFKC, every space a plain space and
 * runs of them one, dashes '-', invisible separators removed, and once
 * more as spaces when there are any). A finding is reported once, at the
 * source line and column where it starts. Nothing is dropped: findings
 * are kept in growable arrays, and a guard that runs out of memory says
 * so as an error, so the file is refused (it fails closed).
 *
 * Texts without a place in a file (a file's name, a commit message) go
 * through px_guard_string.
 *
 *     px_guard *g = px_guard_new(kb->deny, allow, nallow);
 *     px_guard_source(g, src, len);
 *     for (i = 0; i < n->nshown; i++) px_guard_shown(g, &n->shown[i]);
 *     px_guard_report(g, d, "2022-2023/zuid/04.md", src, len, MSG_PRIV_HINT);
 *     px_guard_free(g);
 */
#ifndef PX_GUARD_H
#define PX_GUARD_H

#include <stddef.h>

#include "diag.h"
#include "privacy.h"
#include "srcmap.h"

typedef struct px_guard px_guard;

/* A guard for one file. `allow` (may be NULL) holds the exact texts the
 * file lets through; they are compared normalised. `deny` may be NULL.
 * Returns NULL when memory runs out; every function takes a NULL guard,
 * and px_guard_report then reports an error (the guard fails closed). */
px_guard *px_guard_new(const px_denylist *deny, const char *const *allow, size_t nallow);
void px_guard_free(px_guard *g);

/* Scans `src` line by line as written. */
void px_guard_source(px_guard *g, const char *src, size_t len);
/* Scans a text as praxis stores or shows it; its map points into the
 * same source. */
void px_guard_shown(px_guard *g, const px_shown *s);
/* Marks the scan incomplete (the note model ran out of memory building
 * its texts): reported as an error. */
void px_guard_incomplete(px_guard *g);

/* Reports the findings of `file` (whose text is src/len) at their
 * places, each with the hint `hint`, sorted by place, each once; allowed
 * ones are left out. Returns the number reported. */
size_t px_guard_report(px_guard *g, px_diag *d, const char *file, const char *src, size_t len,
		       px_msgid hint);
/* Whether allow entry `i` let a finding through (after px_guard_report). */
int px_guard_allow_used(const px_guard *g, size_t i);

/* Scans a text that has no place in a file (a path, a commit message)
 * and reports each finding for `file` at line 0 with `hint`, which says
 * where it is. With `is_path`, '_' is also read as a space. Returns the
 * number of findings. */
size_t px_guard_string(const px_denylist *deny, px_diag *d, const char *file, const char *text,
		       int is_path, px_msgid hint);

/* The text as the guard scans it (normalised as above, invisible
 * separators removed, or as spaces with `as_space`), appended to `out`,
 * with a map from `out`'s bytes to `s`'s (may be NULL). Returns 1 when `s`
 * holds invisible separators, 0 when not, -1 when memory ran out. */
#define PX_GUARD_INVISIBLE 1  /* invisible separators as spaces */
#define PX_GUARD_UNDERSCORE 2 /* '_' as a space */
int px_guard_normalise(px_buf *out, px_srcmap *map, const char *s, size_t len, int as_space);

#endif
