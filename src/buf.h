/*
 * buf.h - the one growable byte buffer of praxis.
 *
 * Invariants (like git's strbuf): `ptr` is never NULL and always
 * NUL-terminated, `len` excludes the terminator. A buffer starts as
 * PX_BUF_INIT and needs no allocation until something is appended.
 * Growth beyond PX_BUF_MAX (what any user-fed text may reach) fails
 * with -1 and leaves the buffer as it was; the caller reports it.
 *
 *     px_buf b = PX_BUF_INIT;
 *     px_buf_puts(&b, "hello");
 *     px_buf_printf(&b, " %d", 42);
 *     use(b.ptr);
 *     px_buf_free(&b);
 */
#ifndef PX_BUF_H
#define PX_BUF_H

#include <stdarg.h>
#include <stddef.h>

#define PX_BUF_MAX ((size_t)256 << 20) /* 256 MiB */

typedef struct {
	char *ptr;
	size_t len;
	size_t cap; /* 0 while ptr points at the shared empty string */
} px_buf;

extern char px_buf_empty[];
#define PX_BUF_INIT { px_buf_empty, 0, 0 }

int px_buf_grow(px_buf *b, size_t extra);
int px_buf_put(px_buf *b, const char *data, size_t len);
int px_buf_puts(px_buf *b, const char *s);
int px_buf_putc(px_buf *b, char c);
int px_buf_printf(px_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
int px_buf_vprintf(px_buf *b, const char *fmt, va_list ap);
void px_buf_clear(px_buf *b);
void px_buf_truncate(px_buf *b, size_t len);
/* Gives the caller the malloc'd string (free() it); the buffer is reset. */
char *px_buf_detach(px_buf *b);
void px_buf_free(px_buf *b);

/* Reads a whole file, refusing files over `max` bytes (returns -2 then,
 * -1 with errno set on I/O errors). */
int px_buf_read_file(px_buf *b, const char *path, size_t max);

/* Appends `s` escaped for JSON (without the quotes); control characters
 * and noncharacters as \u escapes (text.h has the XML and terminal
 * escapes). */
int px_buf_json_str(px_buf *b, const char *s);

/* FNV-1a, 64 bits: a digest to notice that inputs changed (not for
 * security). Start with PX_FNV_INIT and chain calls. */
#define PX_FNV_INIT 1469598103934665603ULL
unsigned long long px_fnv1a(unsigned long long h, const void *data, size_t n);
/* The 16 hex digits of a digest into out[17]. */
void px_digest_hex(char out[17], unsigned long long h);

#endif
