/*
 * serve.h - the HTTP side of `praxis serve` (GNU libmicrohttpd): the one
 * module that sees HTTP. It reads each request into a px_web_request,
 * answers it through px_web_dispatch (web.h) with the worker thread's own
 * px_web (a store reader and a read-only index), and sends the answer
 * with the security headers every answer carries (doc/serve.md).
 *
 *     px_serve_opts o = PX_SERVE_OPTS_INIT;
 *     o.listen = "127.0.0.1:0";
 *     rc = px_serve_run(kb, store, index, &o, &d);  // until SIGINT/SIGTERM
 *
 * Freshness: before each request the worker reads HEAD; when it moved,
 * one updater (under a mutex) brings `index` to it (px_index_update), so
 * a commit made while the server runs is in the next answer; when the
 * knowledge base's own files changed too (the codebook,
 * communities.yaml), it is opened again first and each worker reopens
 * its index on it. Nothing else writes: no request changes the
 * knowledge base.
 *
 * Bounds: PX_WEB_MAX_URL and PX_WEB_MAX_PARAMS per request (414), no
 * request body (413), methods GET and HEAD (405), max_connections at
 * once and px_serve_per_ip(max_connections) from one address, a
 * connection silent for `timeout` seconds closed, and one whose request
 * line and headers are not all in `timeout` seconds after it opened (or
 * after its last answer) shut (a client that trickles a byte a second
 * holds nothing longer), 128 KiB of memory per connection for the
 * request line and headers (libmicrohttpd answers a request over it,
 * or one it cannot read, with its own text).
 *
 * Cache (web_cache.h): the answers of GET and HEAD requests, once
 * authorised, come from the cache when an earlier request at the same
 * HEAD asked the same; every answer of a page or the API carries an
 * ETag of that key and an If-None-Match naming it is answered 304.
 *
 * Authentication: with a token, every request brings it as
 * `Authorization: Bearer TOKEN`, as the cookie set by a request with
 * ?token=TOKEN (answered by a redirect to the same address without it),
 * or gets 401 and nothing else. Listening on an address other computers
 * can reach needs a token (px_serve_run refuses to start without one).
 */
#ifndef PX_SERVE_H
#define PX_SERVE_H

#include "diag.h"
#include "index.h"
#include "kb.h"
#include "store.h"

typedef struct {
	const char *listen;       /* "ADDRESS:PORT" ("[::1]:8080" for IPv6); port 0: any */
	const char *token;        /* NULL: none (loopback only) */
	unsigned threads;         /* worker threads; 0: the processors, 2 to 16 */
	unsigned timeout;         /* seconds a silent connection is kept */
	unsigned max_connections; /* connections at once; more wait to be accepted */
	unsigned cache_mib;       /* the answers kept (web_cache.h), in MiB; 0: none */
} px_serve_opts;

#define PX_SERVE_OPTS_INIT { "127.0.0.1:8080", NULL, 0, 15, 256, 64 }
/* The most --cache-size allows, in MiB. */
#define PX_SERVE_MAX_CACHE_MIB 4096
/* The most connections --max-connections allows. */
#define PX_SERVE_MAX_CONNECTIONS 4096

/* The connections one client address may hold at once: a quarter of
 * `max_connections`, at least 8 (a browser opens 6), at most all. */
unsigned px_serve_per_ip(unsigned max_connections);

/* Whether `token` is acceptable: 16 to 256 characters of [A-Za-z0-9-._~+/=]. */
int px_serve_token_ok(const char *token);

/* Serves until SIGINT or SIGTERM: prints the address as its first line
 * on stdout ("http://127.0.0.1:PORT/"), flushed. `store` and `index`
 * are the caller's, open and at HEAD; the server updates `index` (under
 * its mutex) and opens its own readers. 0 after a clean stop; -1 with a
 * diagnostic when it could not start (a bad address, a non-loopback
 * address without a token, the port in use). */
int px_serve_run(const px_kb *kb, px_store *store, px_index *index, const px_serve_opts *o,
		 px_diag *d);

#endif
