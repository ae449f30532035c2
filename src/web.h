/*
 * web.h - what `praxis serve` answers: requests, responses and the
 * route table, apart from HTTP.
 *
 * serve.c (the HTTP side, GNU libmicrohttpd) reads a request into a
 * px_web_request, finds its route in px_web_routes and calls the
 * handler with the worker's px_web (its own read-only index connection),
 * then sends the px_web_response with the security headers every
 * answer carries. Handlers never see HTTP and never write to the
 * knowledge base: they gather through the data layer (db.h and the
 * gatherers: search.h, stats.h, codes.h, facets.h) and format JSON
 * (json.h), CSV (csv.h) or HTML (XML through xslt/web-*.xsl).
 *
 * Errors: a handler returns 0 with the response filled, whatever its
 * status (400 with the same message the CLI gives, 404...), or -1 when
 * the response could not be made (out of memory, a damaged index): the
 * server then answers 500 with px_web_error_body's text and logs `d`.
 */
#ifndef PX_WEB_H
#define PX_WEB_H

#include <stddef.h>

#include "buf.h"
#include "diag.h"
#include "i18n.h"
#include "index.h"

/* One worker's view of the knowledge base (serve.c owns it): the kb,
 * a store reader and an index opened read-only, brought to HEAD by the
 * server before the handler runs. Never shared between two threads at
 * once. */
typedef struct px_web px_web;

typedef struct px_web_cache px_web_cache;

struct px_web {
	const px_kb *kb;
	px_store *store;
	px_index *index;
	/* what the workers share (web_cache.h), NULL: nothing; and the
	 * state it is kept for, set by serve.c before each request (HEAD,
	 * the kb's generation, the day), NULL: none */
	px_web_cache *cache;
	const char *state;
	void *priv; /* serve.c's */
};

typedef struct {
	const char *name, *value; /* decoded; a name may repeat */
} px_web_param;

typedef struct {
	const char *path;           /* decoded, starts with '/', no query */
	const char *rest;           /* what follows the route's prefix
				     * (routes ending in '/'), or "" */
	const px_web_param *params; /* the query string, in order */
	size_t nparams;
	px_lang lang;               /* ?lang=nl|fr (not on /api/, where lang
				     * is search's filter), else
				     * Accept-Language, else Dutch: never
				     * PX_LANG_EN (px_web_lang) */
} px_web_request;

/* Bounds on a request, answered 414 by serve.c beyond them: the path and
 * query string together, in bytes, and the number of parameters. */
#define PX_WEB_MAX_URL 4096
#define PX_WEB_MAX_PARAMS 64
/* The request line and headers together, in bytes (431 beyond), well
 * under what libmicrohttpd holds per connection (serve.c), so that the
 * server answers it with its own headers. */
#define PX_WEB_MAX_HEADERS 8192

/* The language of a request to `path`: its ?lang= (`param`, may be NULL;
 * ignored under /api/), else the first of nl or fr that `accept` (the
 * Accept-Language header, may be NULL) prefers, else Dutch. */
px_lang px_web_lang(const char *path, const char *param, const char *accept);

/* The first value of a parameter, or NULL. */
const char *px_web_arg(const px_web_request *rq, const char *name);

typedef struct {
	int status;           /* HTTP status; 200 unless set */
	const char *type;     /* static: "text/html; charset=utf-8", ... */
	const char *filename; /* not NULL: sent as an attachment (exports) */
	px_buf body;
} px_web_response;

#define PX_WEB_RESPONSE_INIT { 200, "text/plain; charset=utf-8", NULL, PX_BUF_INIT }

typedef int (*px_web_handler)(px_web *w, const px_web_request *rq, px_web_response *rs,
			      px_diag *d);

typedef struct {
	const char *prefix; /* "/api/search" exact; "/api/notes/" a prefix */
	px_web_handler fn;
} px_web_route;

/* The routes, ended by { NULL, NULL }; exact routes before prefixes. */
extern const px_web_route px_web_routes[];

/* A JSON error answer: {"status": N, "error": MESSAGE}, in rq's language
 * (doc/serve.md). Returns 0. */
int px_web_error(px_web_response *rs, const px_web_request *rq, int status, px_msgid msg, ...);
/* The same with the message of d's first error (what the CLI prints for
 * the same input), e.g. a query that cannot be read. Returns 0. */
int px_web_error_diag(px_web_response *rs, const px_web_request *rq, int status,
		      const px_diag *d);

/* An error answer in the form its path asks for: under /api/ and
 * /static/, JSON as px_web_error; elsewhere the HTML error page in rq's
 * language (web_pages.c) with `message` (may be NULL) and the language
 * switch, or the JSON when the page could not be made. `w` may be NULL
 * (JSON). Returns 0. */
int px_web_fail(px_web *w, const px_web_request *rq, px_web_response *rs, int status,
		const char *message);

/* Answers `rq`: finds its route (setting rq->rest), runs the handler in
 * rq's language (px_i18n_thread), or answers 404 (px_web_fail: the
 * HTML page outside /api/). Returns what the
 * handler returns (0, or -1 with `d` set: the caller answers 500). */
int px_web_dispatch(px_web *w, px_web_request *rq, px_web_response *rs, px_diag *d);

/* The handlers of web_api.c (doc/serve.md, "API"): JSON in the shapes
 * of doc/json.md, CSV with ?format=csv on lists. */
int px_web_api_search(px_web *w, const px_web_request *rq, px_web_response *rs, px_diag *d);
int px_web_api_stats(px_web *w, const px_web_request *rq, px_web_response *rs, px_diag *d);
int px_web_api_codes(px_web *w, const px_web_request *rq, px_web_response *rs, px_diag *d);
int px_web_api_code(px_web *w, const px_web_request *rq, px_web_response *rs, px_diag *d);
/* The code matrices (`praxis codes --matrix`): ?cols=community|session|code,
 * ?cycle=, ?community=, ?format=json|csv. */
int px_web_api_matrix(px_web *w, const px_web_request *rq, px_web_response *rs, px_diag *d);
int px_web_api_note(px_web *w, const px_web_request *rq, px_web_response *rs, px_diag *d);
/* The project's own static files (site/: the CSS, the small script), by
 * a fixed table: /static/NAME. */
int px_web_static(px_web *w, const px_web_request *rq, px_web_response *rs, px_diag *d);

#endif
