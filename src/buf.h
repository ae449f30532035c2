/*
 * buf.h - the one growable byte buffer of praxis.
 *
 * Invariants (like git's strbuf): `ptr` is never NULL and always
 * NUL-terminated, `len` excludes the terminator. A buffer starts as
 * PX_BUF_INIT and needs no allocation until something is appended.
 *
 * The error is sticky (like curl's dynbuf): a growth that fails, because
 * memory ran out or the text would pass PX_BUF_MAX (what any user-fed
 * text may reach), returns -1 and marks the buffer; every later append
 * is refused (returns -1, changes nothing) until px_buf_free. So a
 * writer may append without checking each call, and the consumer checks
 * once, before the text becomes an output (a file, stdout, a commit, an
 * index row, a stylesheet's input): a failed buffer is an error there,
 * never a truncated output. diag.h's px_diag_buf reports it.
 *
 *     px_buf b = PX_BUF_INIT;
 *     px_buf_puts(&b, "hello");
 *     px_buf_printf(&b, " %d", 42);
 *     if (px_buf_failed(&b))
 *             return px_diag_buf(d, &b, what);   // "out of memory" / "text too long"
 *     use(b.ptr);
 *     px_buf_free(&b);
 */
#ifndef PX_BUF_H
#define PX_BUF_H

#include <stdarg.h>
#include <stddef.h>

#define PX_BUF_MAX ((size_t)256 << 20) /* 256 MiB */

/* Why a buffer failed (px_buf_error); 0 while it has not. */
enum { PX_BUF_ENOMEM = -1, PX_BUF_TOOBIG = -2 };

typedef struct {
	char *ptr;
	size_t len;
	size_t cap; /* 0 while ptr points at the shared empty string */
	int err;    /* 0, PX_BUF_ENOMEM or PX_BUF_TOOBIG: sticky */
} px_buf;

extern char px_buf_empty[];
#define PX_BUF_INIT { px_buf_empty, 0, 0, 0 }

/* 0, or PX_BUF_ENOMEM / PX_BUF_TOOBIG once a growth has failed. */
static inline int px_buf_error(const px_buf *b) { return b->err; }
static inline int px_buf_failed(const px_buf *b) { return b->err != 0; }

int px_buf_grow(px_buf *b, size_t extra);
int px_buf_put(px_buf *b, const char *data, size_t len);
int px_buf_puts(px_buf *b, const char *s);
int px_buf_putc(px_buf *b, char c);
int px_buf_printf(px_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
int px_buf_vprintf(px_buf *b, const char *fmt, va_list ap);
/* Shorten the text; a failed buffer stays failed. */
void px_buf_clear(px_buf *b);
void px_buf_truncate(px_buf *b, size_t len);
/* Gives the caller the malloc'd string (free() it); the buffer is reset.
 * NULL, the text freed, when the buffer failed or memory ran out: the
 * caller reports it. */
char *px_buf_detach(px_buf *b);
/* Frees the text and resets the buffer, error included. */
void px_buf_free(px_buf *b);

/* Reads a whole file, refusing files over `max` bytes (returns -2 then,
 * -1 with errno set on I/O errors, ENOMEM when the buffer failed). */
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
