#include "srcmap.h"

#include <stdlib.h>
#include <string.h>

#include "fold.h"

void px_srcmap_add(px_srcmap *m, size_t text, size_t src, size_t len, int exact)
{
	px_srcrun *last = m->n ? &m->v[m->n - 1] : NULL;

	if (!len)
		return;
	if (last && last->text + last->len == text &&
	    ((exact && last->exact && last->src + last->len == src) ||
	     (!exact && !last->exact && last->src == src))) {
		last->len += len;
		return;
	}
	if (m->n == m->cap) {
		size_t cap = m->cap ? m->cap * 2 : 16;
		px_srcrun *v = realloc(m->v, cap * sizeof *v);
		if (!v) {
			/* coarser, never lost: the previous run covers this text */
			m->oom = 1;
			if (last)
				last->len = text + len - last->text;
			return;
		}
		m->v = v;
		m->cap = cap;
	}
	m->v[m->n].text = text;
	m->v[m->n].src = src;
	m->v[m->n].len = len;
	m->v[m->n].exact = exact;
	m->n++;
}

size_t px_srcmap_src(const px_srcmap *m, size_t text)
{
	size_t lo = 0, hi = m->n;
	const px_srcrun *r;

	if (!m->n)
		return 0;
	/* the last run starting at or before `text` */
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (m->v[mid].text <= text)
			lo = mid;
		else
			hi = mid;
	}
	r = &m->v[lo];
	if (text < r->text)
		return r->src;
	if (!r->exact)
		return r->src;
	if (text - r->text < r->len)
		return r->src + (text - r->text);
	return r->src + r->len - (r->len > 0);
}

void px_srcmap_free(px_srcmap *m)
{
	free(m->v);
	m->v = NULL;
	m->n = m->cap = 0;
}

static int is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}

static int is_hex(char c)
{
	return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'f');
}

static int is_alnum(char c)
{
	return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

/* End of an HTML/XML entity reference at src[q] ('&'), or 0. */
static size_t entity_end(const char *src, size_t q, size_t end)
{
	size_t p = q + 1, lim = q + 40 < end ? q + 40 : end;

	if (p < lim && src[p] == '#')
		p++;
	while (p < lim && is_alnum(src[p]))
		p++;
	if (p < lim && src[p] == ';' && p > q + 1)
		return p + 1;
	return 0;
}

/* End of a backslash escape at src[q]: Markdown's \@, YAML's \x40,
 * \u0020, \U0001F600 and a line continued with '\'. */
static size_t escape_end(const char *src, size_t q, size_t end)
{
	size_t p = q + 1, want = 0, k;

	if (p >= end)
		return end;
	switch (src[p]) {
	case 'x': want = 2; break;
	case 'u': want = 4; break;
	case 'U': want = 8; break;
	case '\n':
	case '\r':
		while (p < end && is_ws(src[p]))
			p++;
		return p;
	default:
		return p + px_utf8_next(src + p, end - p);
	}
	for (k = 0; k < want && p + 1 + k < end && is_hex(src[p + 1 + k]); k++)
		;
	return p + 1 + k;
}

enum { LOOKAHEAD = 64 };

void px_srcmap_align(px_srcmap *m, size_t at, const char *text, size_t tlen, const char *src,
		     size_t *cursor, size_t end)
{
	size_t i = 0, q = *cursor;

	while (i < tlen) {
		size_t w = px_utf8_next(text + i, tlen - i), p, lim;
		char c;

		if (q < end && q + w <= end && !memcmp(src + q, text + i, w)) {
			px_srcmap_add(m, at + i, q, w, 1);
			i += w;
			q += w;
			continue;
		}
		if (q >= end) {
			px_srcmap_add(m, at + i, end > 0 && q >= end ? end - 1 : q, w, 0);
			i += w;
			continue;
		}
		c = src[q];
		if (c == '&' && (p = entity_end(src, q, end)) > 0) {
			px_srcmap_add(m, at + i, q, w, 0);
			i += w;
			q = p;
			continue;
		}
		if (c == '\\') {
			px_srcmap_add(m, at + i, q, w, 0);
			i += w;
			q = escape_end(src, q, end);
			continue;
		}
		if (is_ws(text[i]) && is_ws(c)) {
			px_srcmap_add(m, at + i, q, w, 0);
			i += w;
			while (q < end && is_ws(src[q]))
				q++;
			continue;
		}
		if (is_ws(c) || ((unsigned char)c < 0x80 && !is_alnum(c))) {
			q++; /* markup the text does not hold */
			continue;
		}
		/* a little further on? */
		lim = q + LOOKAHEAD < end ? q + LOOKAHEAD : end;
		for (p = q + 1; p + w <= lim; p++)
			if (!memcmp(src + p, text + i, w))
				break;
		if (p + w <= lim) {
			q = p;
			continue;
		}
		px_srcmap_add(m, at + i, q, w, 0);
		i += w;
	}
	*cursor = q;
}

int px_shown_push(px_shown **v, size_t *n, size_t *cap, const char *text, size_t len,
		  px_srcmap *map)
{
	px_shown *s;

	if (*n == *cap) {
		size_t nc = *cap ? *cap * 2 : 16;
		px_shown *p = realloc(*v, nc * sizeof *p);
		if (!p)
			return -1;
		*v = p;
		*cap = nc;
	}
	s = &(*v)[*n];
	s->text = malloc(len + 1);
	if (!s->text)
		return -1;
	memcpy(s->text, text, len);
	s->text[len] = '\0';
	s->len = len;
	s->map = *map;
	memset(map, 0, sizeof *map);
	(*n)++;
	return 0;
}

void px_shown_free(px_shown *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(v[i].text);
		px_srcmap_free(&v[i].map);
	}
	free(v);
}
