/*
 * web_cache.h - what `praxis serve` keeps between requests, shared by
 * its workers (doc/serve.md, "Cache"):
 *
 * - what changes only with the commit served (the "state": HEAD, the
 *   knowledge base's generation, today's date), computed once per state:
 *   the code and method counts of every code over every segment
 *   (px_web_cache_counts), and the order and timeline of every segment
 *   of a code, for its page unnarrowed (px_web_cache_code);
 * - whole answers of GET requests (status, type, attachment name, body),
 *   per (state, path, normalised query, language), bounded in bytes,
 *   least recently used out first; their ETag is a hash of the same key.
 *
 * serve.c makes one cache per server and sets each worker's px_web
 * cache and state before a request (after authorisation and after it
 * brought the index to HEAD). A state that moved makes every older entry
 * useless: they are dropped the first time the new state is seen. No
 * answer depends on who asks (the token is checked before, and no page
 * shows anything per user), so one cache serves every client.
 *
 * Thread-safe: one mutex guards each part.
 */
#ifndef PX_WEB_CACHE_H
#define PX_WEB_CACHE_H

#include <stddef.h>

#include "buf.h"
#include "codes.h"
#include "web.h"

/* The default bound of the answers kept, in bytes (--cache-size). */
#define PX_WEB_CACHE_DEFAULT (64u << 20)
/* An answer larger than this is never kept (an export of everything). */
#define PX_WEB_CACHE_MAX_ENTRY (8u << 20)

/* A cache keeping at most `max_bytes` of answers (0: none; the counts
 * are kept whatever the bound). 0, or -1 with a diagnostic. */
int px_web_cache_new(px_web_cache **out, size_t max_bytes, px_diag *d);
void px_web_cache_free(px_web_cache *c);

/* The key of `rq` in `state` (px_web_request's path, its parameters
 * sorted by name, those of one name in their order, its language). */
void px_web_cache_key(px_buf *key, const char *state, const px_web_request *rq);
/* The ETag of an answer under `key`: a quoted hash, 19 bytes. */
#define PX_WEB_ETAG_SIZE 24
void px_web_cache_etag(char out[PX_WEB_ETAG_SIZE], const px_buf *key);
/* Whether an If-None-Match header (may be NULL) names `etag` (or is *). */
int px_web_cache_matches(const char *if_none_match, const char *etag);

/* The answer kept under `key` copied into `rs` (its body replaced): 1,
 * or 0 when none is (or it could not be copied). */
int px_web_cache_get(px_web_cache *c, const px_buf *key, px_web_response *rs);
/* Keeps a copy of `rs` under `key` (the least recently used answers
 * dropped to make room); an answer too large, or a failed copy, is not
 * kept. `state` is the key's state: entries of another state go. */
void px_web_cache_put(px_web_cache *c, const char *state, const px_buf *key,
		      const px_web_response *rs);

/* The counts of every code and method (px_codes' `codes` and `methods`)
 * at `w->state`, computed by the first request of a state with `w`'s
 * index and copied into `out` (its arrays malloc'd: free with
 * px_codes_free). 0, or -1 with a diagnostic. */
int px_web_cache_counts(px_codes *out, px_web *w, px_diag *d);

/* The code's segments the filter keeps (its page f->offset, f->limit),
 * their total and timeline, added to `c` (px_codes_retrieve's part).
 * Unnarrowed (no cycle, community, note, session or with: a code's page
 * as the codebook links it), the order of every segment and the timeline
 * are made by the first request at `w->state` and kept; narrowed, read
 * for this request. 0, or -1 with a diagnostic. */
int px_web_cache_code(px_codes *c, px_web *w, const px_code *code, const px_codes_filter *f,
		      px_diag *d);

/* What the cache holds: answers, bytes, and since the start hits and
 * misses of answers (doc/serve.md; the tests read them). */
typedef struct {
	size_t entries, bytes;
	unsigned long long hits, misses;
} px_web_cache_stats;
void px_web_cache_stat(px_web_cache *c, px_web_cache_stats *out);

#endif
