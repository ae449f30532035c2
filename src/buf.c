#include "buf.h"
#include "text.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char px_buf_empty[1];

int px_buf_grow(px_buf *b, size_t extra)
{
	size_t want, cap;
	char *p;

	if (b->err)
		return -1;
	if (extra > PX_BUF_MAX || b->len > PX_BUF_MAX - extra) {
		b->err = PX_BUF_TOOBIG;
		return -1;
	}
	want = b->len + extra + 1;
	if (want <= b->cap)
		return 0;
	cap = b->cap ? b->cap : 64;
	while (cap < want)
		cap = cap / 2 * 3 + 16;
	if (cap > PX_BUF_MAX + 1)
		cap = PX_BUF_MAX + 1;
	p = realloc(b->cap ? b->ptr : NULL, cap);
	if (!p) {
		b->err = PX_BUF_ENOMEM;
		return -1;
	}
	if (!b->cap)
		p[0] = '\0';
	b->ptr = p;
	b->cap = cap;
	return 0;
}

int px_buf_put(px_buf *b, const char *data, size_t len)
{
	if (px_buf_grow(b, len) < 0)
		return -1;
	if (len)
		memcpy(b->ptr + b->len, data, len);
	b->len += len;
	b->ptr[b->len] = '\0';
	return 0;
}

int px_buf_puts(px_buf *b, const char *s)
{
	return px_buf_put(b, s, strlen(s));
}

int px_buf_putc(px_buf *b, char c)
{
	return px_buf_put(b, &c, 1);
}

int px_buf_vprintf(px_buf *b, const char *fmt, va_list ap)
{
	va_list cp;
	int n;

	va_copy(cp, ap);
	n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n < 0 && !b->err)
		b->err = errno == EOVERFLOW ? PX_BUF_TOOBIG : PX_BUF_ENOMEM;
	if (n < 0 || px_buf_grow(b, (size_t)n) < 0)
		return -1;
	vsnprintf(b->ptr + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
	return 0;
}

int px_buf_printf(px_buf *b, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = px_buf_vprintf(b, fmt, ap);
	va_end(ap);
	return rc;
}

void px_buf_clear(px_buf *b)
{
	px_buf_truncate(b, 0);
}

void px_buf_truncate(px_buf *b, size_t len)
{
	if (len >= b->len)
		return;
	b->len = len;
	b->ptr[len] = '\0';
}

char *px_buf_detach(px_buf *b)
{
	char *s;

	if (b->err) {
		px_buf_free(b);
		return NULL;
	}
	s = b->cap ? b->ptr : strdup("");
	b->ptr = px_buf_empty;
	b->len = b->cap = 0;
	return s;
}

void px_buf_free(px_buf *b)
{
	if (b->cap)
		free(b->ptr);
	b->ptr = px_buf_empty;
	b->len = b->cap = 0;
	b->err = 0;
}

int px_buf_read_file(px_buf *b, const char *path, size_t max)
{
	FILE *f = fopen(path, "rb");
	char tmp[65536];
	size_t n;
	int rc = 0;

	if (!f)
		return -1;
	while ((n = fread(tmp, 1, sizeof tmp, f)) > 0) {
		if (b->len + n > max) {
			rc = -2;
			break;
		}
		if (px_buf_put(b, tmp, n) < 0) {
			errno = ENOMEM;
			rc = -1;
			break;
		}
	}
	if (!rc && ferror(f))
		rc = -1;
	fclose(f);
	return rc;
}

int px_buf_json_str(px_buf *b, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t len = strlen(s), n;
	unsigned long cp;

	for (; *p; p += n, len -= n) {
		int rc;
		n = 1;
		switch (*p) {
		case '"': rc = px_buf_puts(b, "\\\""); break;
		case '\\': rc = px_buf_puts(b, "\\\\"); break;
		case '\n': rc = px_buf_puts(b, "\\n"); break;
		case '\r': rc = px_buf_puts(b, "\\r"); break;
		case '\t': rc = px_buf_puts(b, "\\t"); break;
		default:
			/* controls (C1 too: a terminal acts on them) and
			 * noncharacters as \u escapes; an invalid byte as U+FFFD */
			switch (*p < 0x20 ? PX_CH_CONTROL : *p < 0x7F ? PX_CH_OK :
				px_char_at((const char *)p, len, &cp, &n)) {
			case PX_CH_OK:
				rc = px_buf_put(b, (const char *)p, n);
				break;
			case PX_CH_INVALID:
				rc = px_buf_puts(b, "\\ufffd");
				break;
			default:
				if (*p < 0x20)
					cp = *p;
				if (cp > 0xFFFF) /* a surrogate pair */
					rc = px_buf_printf(b, "\\u%04lx\\u%04lx",
							   0xD800 + ((cp - 0x10000) >> 10),
							   0xDC00 + ((cp - 0x10000) & 0x3FF));
				else
					rc = px_buf_printf(b, "\\u%04lx", cp);
			}
		}
		if (rc < 0)
			return -1;
	}
	return 0;
}

unsigned long long px_fnv1a(unsigned long long h, const void *data, size_t n)
{
	const unsigned char *p = data;
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= p[i];
		h *= 1099511628211ULL;
	}
	return h;
}

void px_digest_hex(char out[17], unsigned long long h)
{
	snprintf(out, 17, "%016llx", h);
}
