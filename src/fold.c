#include "fold.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

char *px_fold(const char *s, size_t len)
{
	utf8proc_uint8_t *out = NULL;
	utf8proc_ssize_t n;

	n = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, &out,
			 UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT |
			 UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK | UTF8PROC_IGNORE);
	if (n < 0)
		return NULL;
	return (char *)out;
}

size_t px_utf8_invalid_at(const char *s, size_t len)
{
	size_t i = 0;

	while (i < len) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
						      (utf8proc_ssize_t)(len - i), &cp);
		if (n <= 0)
			return i;
		i += (size_t)n;
	}
	return len;
}

size_t px_utf8_next(const char *s, size_t len)
{
	utf8proc_int32_t cp;
	utf8proc_ssize_t n;

	if (!len)
		return 0;
	n = utf8proc_iterate((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, &cp);
	return n > 0 ? (size_t)n : 1;
}

size_t px_utf8_width(const char *s, size_t len)
{
	size_t i = 0, w = 0;

	while (i < len) {
		i += px_utf8_next(s + i, len - i);
		w++;
	}
	return w;
}

int px_utf8_is_alnum(const char *s, size_t len)
{
	utf8proc_int32_t cp;
	utf8proc_category_t c;

	if (utf8proc_iterate((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, &cp) <= 0)
		return 0;
	c = utf8proc_category(cp);
	return (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO) ||
	       (c >= UTF8PROC_CATEGORY_MN && c <= UTF8PROC_CATEGORY_ME) ||
	       c == UTF8PROC_CATEGORY_ND;
}

static size_t decode(const char *s, utf8proc_int32_t *cps, size_t max)
{
	size_t n = 0, len = strlen(s), i = 0;

	while (i < len && n < max) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
						      (utf8proc_ssize_t)(len - i), &cp);
		if (k <= 0) {
			cp = (unsigned char)s[i];
			k = 1;
		}
		cps[n++] = cp;
		i += (size_t)k;
	}
	return n;
}

size_t px_edit_distance(const char *a, const char *b)
{
	utf8proc_int32_t x[PX_EDIT_MAX], y[PX_EDIT_MAX];
	size_t row[PX_EDIT_MAX + 1], n, m, i, j;

	n = decode(a, x, PX_EDIT_MAX);
	m = decode(b, y, PX_EDIT_MAX);
	for (j = 0; j <= m; j++)
		row[j] = j;
	for (i = 1; i <= n; i++) {
		size_t diag = row[0];
		row[0] = i;
		for (j = 1; j <= m; j++) {
			size_t up = row[j];
			size_t best = diag + (x[i - 1] != y[j - 1]);
			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	return row[m];
}
