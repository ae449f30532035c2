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

struct px_web {
	const px_kb *kb;
	px_store *store;
	px_index *index;
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
	px_lang lang;               /* ?lang=nl|fr, else Accept-Language,
				     * else Dutch: never PX_LANG_EN */
} px_web_request;

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

/* A JSON error answer: {"status": N, "error": MESSAGE}, in rq's language.
 * Returns 0. */
int px_web_error(px_web_response *rs, const px_web_request *rq, int status, px_msgid msg, ...);

#endif
