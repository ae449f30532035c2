/*
 * cache.h - what a command would otherwise read again every time, kept
 * under GITDIR/praxis/ and trusted only while the files it came from are
 * as they were: the record of HEAD (store.c, head.ok) and the parsed
 * communities.yaml, publication.yaml and codebook (kb.c, kb.cache).
 *
 * A file's identity is one line: present or not, size, modification and
 * change times in ns, inode, device, then the path. A cache holds the
 * identities of its files, taken BEFORE they were read, so that a change
 * made while they were read leaves a cache that no longer matches. A file
 * changed less than PX_RACY_NS before its identity was taken could still
 * change within the clock's coarse granularity and keep every field:
 * such files are not cached (git's "racy" rule); the next command caches
 * them. `touch -d` cannot put the change time back, so a file rewritten
 * with its size and modification time restored is still seen.
 *
 * A cache file is its kind's first line (which holds the version of its
 * format: raise it when the payload changes), the identities, a line with
 * the payload's length and FNV-1a digest, then the payload. It is written
 * to a temporary name and renamed; anything that does not match exactly
 * (a damaged, truncated or foreign file) is ignored and written again.
 *
 * The payload is packed with px_pack_* (numbers as LEB128, strings as
 * length + 1, 0 for NULL) and read back with px_unpack_*, which check
 * every length against the end: a bad payload sets `bad`, never reads
 * past the end.
 */
#ifndef PX_CACHE_H
#define PX_CACHE_H

#include <stddef.h>

#include "buf.h"

#define PX_RACY_NS 2000000000LL

/* Now, in ns since the epoch (CLOCK_REALTIME); 0 when unknown. */
long long px_now_ns(void);

/* Appends the identity line of `path`. Returns 0, or 1 when the file
 * changed less than PX_RACY_NS before `now` (the line is appended all
 * the same; `now` LLONG_MAX: never). */
int px_file_identity(px_buf *out, const char *path, long long now);

/* The identities of the `n` files, in order, into `out`. Returns 0, 1
 * when one is too recent to be cached (usable to compare, not to
 * write), -1 when one cannot be written on a line (a newline, NULL). */
int px_cache_stamp(px_buf *out, const char *const *paths, size_t n);

/* 1 with the payload of the cache `path` appended to `payload` when its
 * first line is `magic` (ending in '\n'), its identities are `stamp`
 * byte for byte and its digest holds; 0 otherwise. */
int px_cache_read(px_buf *payload, const char *path, const char *magic, const px_buf *stamp);

/* Writes the cache `path` (best effort: a cache that cannot be written
 * only makes the next command slower); removes it when `payload` is
 * NULL, so that a stale one is not tried again. */
void px_cache_write(const char *path, const char *magic, const px_buf *stamp,
		    const px_buf *payload);

void px_pack_num(px_buf *b, unsigned long long v);
void px_pack_str(px_buf *b, const char *s);

typedef struct {
	const char *p, *end;
	int bad; /* a length past the end, a number too large, out of memory */
} px_unpack;

/* A number of at most `max` (else bad and 0). */
unsigned long long px_unpack_num(px_unpack *u, unsigned long long max);
/* A malloc'd copy of the string, or NULL for a NULL string (and when
 * bad: check u->bad once the reading is done). */
char *px_unpack_str(px_unpack *u);

#endif
