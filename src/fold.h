/*
 * fold.h - Unicode case and accent folding (utf8proc), UTF-8 helpers and
 * the edit distance behind "did you mean".
 *
 * Folding is what makes `#Expérience`, `#experience` and `#EXPERIENCE` the
 * same hashtag: NFKC-compatible case folding with combining marks removed.
 */
#ifndef PX_FOLD_H
#define PX_FOLD_H

#include <stddef.h>

/* Returns a malloc'd folded copy of `s` (`len` bytes), or NULL when `s`
 * is not valid UTF-8 or memory runs out. */
char *px_fold(const char *s, size_t len);

/* Offset of the first byte that is not valid UTF-8, or `len` if all is. */
size_t px_utf8_invalid_at(const char *s, size_t len);

/* Number of code points in the first `len` bytes (invalid bytes count 1). */
size_t px_utf8_width(const char *s, size_t len);

/* Length in bytes of the code point starting at s (1 for invalid). */
size_t px_utf8_next(const char *s, size_t len);

/* True if the code point at s is a letter or a digit (Unicode). */
int px_utf8_is_alnum(const char *s, size_t len);

/* Levenshtein distance counted in code points, over the first
 * PX_EDIT_MAX code points of each string. */
#define PX_EDIT_MAX 128
size_t px_edit_distance(const char *a, const char *b);

#endif
