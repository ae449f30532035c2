/*
 * cache.c - copies kept while their files are unchanged (cache.h).
 */
#include "cache.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* the most a cache file may hold: the payload is under 1 MiB per
 * file cached (PX_COMMUNITIES_MAX and its kind) */
#define CACHE_MAX ((size_t)64 << 20)

static long long ns_of(const struct timespec *t)
{
	return (long long)t->tv_sec * 1000000000LL + t->tv_nsec;
}

long long px_now_ns(void)
{
	struct timespec now;

	return clock_gettime(CLOCK_REALTIME, &now) < 0 ? 0 : ns_of(&now);
}

int px_file_identity(px_buf *out, const char *path, long long now)
{
	struct stat st;

	if (stat(path, &st) < 0) {
		px_buf_printf(out, "0 0 0 0 0 0 %s\n", path);
		return 0;
	}
	px_buf_printf(out, "1 %lld %lld %lld %llu %llu %s\n", (long long)st.st_size,
		      ns_of(&st.st_mtim), ns_of(&st.st_ctim), (unsigned long long)st.st_ino,
		      (unsigned long long)st.st_dev, path);
	return ns_of(&st.st_mtim) > now - PX_RACY_NS || ns_of(&st.st_ctim) > now - PX_RACY_NS;
}

int px_cache_stamp(px_buf *out, const char *const *paths, size_t n)
{
	long long now = px_now_ns();
	size_t i;
	int rc = now ? 0 : 1;

	for (i = 0; i < n; i++) {
		if (!paths[i] || strchr(paths[i], '\n'))
			return -1;
		if (px_file_identity(out, paths[i], now))
			rc = 1;
	}
	return px_buf_failed(out) ? -1 : rc;
}

/* "sum LENGTH DIGEST\n" */
static void sum_line(px_buf *b, const px_buf *payload)
{
	char hex[17];

	px_digest_hex(hex, px_fnv1a(PX_FNV_INIT, payload->ptr, payload->len));
	px_buf_printf(b, "sum %zu %s\n", payload->len, hex);
}

int px_cache_read(px_buf *payload, const char *path, const char *magic, const px_buf *stamp)
{
	px_buf f = PX_BUF_INIT, want = PX_BUF_INIT, got = PX_BUF_INIT;
	size_t head = strlen(magic) + stamp->len, nl;
	const char *p;
	int ok = 0;

	if (px_buf_read_file(&f, path, CACHE_MAX) < 0 || f.len < head ||
	    memcmp(f.ptr, magic, strlen(magic)) || memcmp(f.ptr + strlen(magic), stamp->ptr, stamp->len))
		goto cleanup;
	p = memchr(f.ptr + head, '\n', f.len - head);
	if (!p)
		goto cleanup;
	nl = (size_t)(p - f.ptr) + 1;
	/* the payload is what follows the sum line, and its sum matches */
	px_buf_put(&got, f.ptr + nl, f.len - nl);
	sum_line(&want, &got);
	if (px_buf_failed(&want) || px_buf_failed(&got) || want.len != nl - head ||
	    memcmp(want.ptr, f.ptr + head, want.len))
		goto cleanup;
	ok = px_buf_put(payload, got.ptr, got.len) == 0;
cleanup:
	px_buf_free(&f);
	px_buf_free(&want);
	px_buf_free(&got);
	return ok;
}

void px_cache_write(const char *path, const char *magic, const px_buf *stamp,
		    const px_buf *payload)
{
	px_buf b = PX_BUF_INIT, tmp = PX_BUF_INIT;
	FILE *f = NULL;

	if (!payload) {
		unlink(path);
		return;
	}
	px_buf_puts(&b, magic);
	px_buf_put(&b, stamp->ptr, stamp->len);
	sum_line(&b, payload);
	px_buf_put(&b, payload->ptr, payload->len);
	px_buf_printf(&tmp, "%s.%ld", path, (long)getpid());
	if (px_buf_failed(&b) || px_buf_failed(&tmp) || px_buf_failed(stamp) ||
	    px_buf_failed(payload))
		goto cleanup;
	f = fopen(tmp.ptr, "w");
	if (f && fwrite(b.ptr, 1, b.len, f) == b.len && fclose(f) == 0) {
		f = NULL;
		if (rename(tmp.ptr, path) == 0)
			goto cleanup;
	}
	if (f)
		fclose(f);
	unlink(tmp.ptr);
cleanup:
	px_buf_free(&b);
	px_buf_free(&tmp);
}

void px_pack_num(px_buf *b, unsigned long long v)
{
	do {
		unsigned char c = v & 0x7f;
		v >>= 7;
		px_buf_putc(b, (char)(c | (v ? 0x80 : 0)));
	} while (v);
}

void px_pack_str(px_buf *b, const char *s)
{
	size_t n = s ? strlen(s) : 0;

	px_pack_num(b, s ? (unsigned long long)n + 1 : 0);
	if (s)
		px_buf_put(b, s, n);
}

unsigned long long px_unpack_num(px_unpack *u, unsigned long long max)
{
	unsigned long long v = 0;
	int shift = 0;

	while (!u->bad) {
		unsigned char c;
		if (u->p >= u->end || shift > 63) {
			u->bad = 1;
			break;
		}
		c = (unsigned char)*u->p++;
		v |= (unsigned long long)(c & 0x7f) << shift;
		shift += 7;
		if (!(c & 0x80)) {
			if (v > max)
				break;
			return v;
		}
	}
	u->bad = 1;
	return 0;
}

char *px_unpack_str(px_unpack *u)
{
	unsigned long long n = px_unpack_num(u, (unsigned long long)(u->end - u->p) + 1);
	char *s;

	if (u->bad || !n)
		return NULL;
	n--;
	s = malloc((size_t)n + 1);
	if (!s) {
		u->bad = 1;
		return NULL;
	}
	memcpy(s, u->p, (size_t)n);
	s[n] = '\0';
	u->p += n;
	return s;
}
