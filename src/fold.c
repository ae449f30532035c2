#include "fold.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

struct fold_entry {
	utf8proc_int32_t cp;
	char to[4];
};

#include "fold_table.h"

/* The spelling of `cp` in `t` (sorted), or NULL. */
static const char *spelling(const struct fold_entry *t, size_t n, utf8proc_int32_t cp)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (t[mid].cp == cp)
			return t[mid].to;
		if (t[mid].cp < cp)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/*
 * Spells out, in place, the letters of `t` found in `s` (`len` bytes):
 * no spelling is longer than the letter it replaces (the generator makes
 * sure). Bytes that are not valid UTF-8 are kept. Returns the new length.
 */
static size_t spell_out(char *s, size_t len, const struct fold_entry *t, size_t n)
{
	size_t i = 0, o;

	while (i < len && !((unsigned char)s[i] & 0x80))
		i++;
	o = i;

	while (i < len) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t k;
		const char *to;

		if (!((unsigned char)s[i] & 0x80)) {
			s[o++] = s[i++];
			continue;
		}
		k = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(len - i), &cp);
		if (k <= 0)
			k = 1;
		to = k > 1 ? spelling(t, n, cp) : NULL;
		if (to) {
			size_t m = strlen(to);
			memcpy(s + o, to, m);
			o += m;
		} else {
			memmove(s + o, s + i, (size_t)k);
			o += (size_t)k;
		}
		i += (size_t)k;
	}
	s[o] = '\0';
	return o;
}

static int has_raw(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t k;

		if (!((unsigned char)s[i] & 0x80) || !strchr(fold_raw_leads, s[i]))
			continue;
		k = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(len - i), &cp);
		if (k > 1 && spelling(fold_raw, sizeof fold_raw / sizeof *fold_raw, cp))
			return 1;
	}
	return 0;
}

char *px_fold(const char *s, size_t len)
{
	utf8proc_uint8_t *out = NULL;
	utf8proc_ssize_t n;
	char *pre = NULL;

	/* the few letters NFKC would split (l + middle dot): spelled first */
	if (has_raw(s, len)) {
		pre = malloc(len + 1);
		if (!pre)
			return NULL;
		memcpy(pre, s, len);
		len = spell_out(pre, len, fold_raw, sizeof fold_raw / sizeof *fold_raw);
		s = pre;
	}
	n = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, &out,
			 UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT |
			 UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK | UTF8PROC_IGNORE);
	free(pre);
	if (n < 0)
		return NULL;
	spell_out((char *)out, (size_t)n, fold_table, sizeof fold_table / sizeof *fold_table);
	return (char *)out;
}

size_t px_utf8_invalid_at(const char *s, size_t len)
{
	size_t i = 0;

	while (i < len) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t n;

		/* ASCII is valid: eight bytes at a time while none has its
		 * high bit set (every note is mostly ASCII) */
		while (len - i >= 8) {
			uint64_t w;
			memcpy(&w, s + i, 8);
			if (w & 0x8080808080808080ULL)
				break;
			i += 8;
		}
		if (i < len && !((unsigned char)s[i] & 0x80)) {
			i++;
			continue;
		}
		if (i >= len)
			break;
		n = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
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
