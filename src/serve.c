/*
 * serve.c - the HTTP side of `praxis serve` (serve.h): GNU libmicrohttpd
 * with a thread pool, one px_web per worker thread, one updater.
 */
#include "serve.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <microhttpd.h>

#include "cycle.h"
#include "dl.h"
#include "i18n.h"
#include "opt.h"
#include "web.h"
#include "web_cache.h"
#include "web_pages.h"

/* libmicrohttpd, opened by `praxis serve` only (dl.h) */
#define MHD_FNS(X, T)                                                                     \
	X(T, MHD_, start_daemon) X(T, MHD_, stop_daemon) X(T, MHD_, get_daemon_info)      \
	X(T, MHD_, create_response_from_buffer) X(T, MHD_, add_response_header)           \
	X(T, MHD_, queue_response) X(T, MHD_, destroy_response)                           \
	X(T, MHD_, lookup_connection_value) X(T, MHD_, get_connection_values)            \
	X(T, MHD_, get_connection_info)
PX_DL_LIBRARY(mhd, "libmicrohttpd.so.12", "libmicrohttpd12", MHD_FNS);

/* The headers of every answer (doc/serve.md): no script but the
 * project's own files, no inline script or style, no framing. */
static const char CSP[] = "default-src 'none'; script-src 'self'; style-src 'self'; "
			  "img-src 'self' data:; connect-src 'self'; form-action 'self'; "
			  "base-uri 'none'; frame-ancestors 'none'";
static const char COOKIE[] = "praxis_token";

typedef struct worker {
	px_web web;
	unsigned gen; /* the server's kb generation its index was opened with */
	char state[PX_OID_HEXSZ + 48]; /* web.state: HEAD, gen, today */
	struct worker *next;
} worker;

/* A knowledge base the server opened when HEAD moved (a codebook or
 * communities.yaml committed), kept until it stops: a worker may still
 * be answering with an older one. */
typedef struct kbs {
	px_kb *kb;
	px_index *index; /* the updater's on it */
	struct kbs *next;
} kbs;

/* A connection while it is open (its socket_context): the watchdog
 * shuts the ones whose request line and headers take longer than the
 * server's `timeout` in all, however slowly they trickle in. */
typedef struct conn {
	int fd;          /* a duplicate of the socket (the same socket even
			  * once MHD closed its own descriptor) */
	int reading;     /* awaiting a request's headers, since `since` */
	struct timespec since;
	struct conn *prev, *next;
} conn;

typedef struct {
	const px_kb *kb;   /* the current one (under lock) */
	unsigned gen;      /* bumped with each new kb */
	char kb_stamp[512]; /* kb_stamp() of `kb`'s files */
	kbs *opened;       /* the kbs opened since the start, newest first */
	px_store *store;   /* the updater's (under lock) */
	px_index *index;   /* the updater's (under lock), on `kb` */
	const char *token; /* NULL: none */
	pthread_mutex_t lock; /* head, the updater, the workers' list, the log */
	px_oid head;       /* the commit the index holds */
	int have_head;     /* 0 while the branch has no commit */
	worker *workers;
	px_web_cache *cache; /* shared by the workers (web_cache.h) */
	/* the watchdog of slow requests */
	pthread_mutex_t conn_lock; /* conns, each conn's fields, stopping */
	pthread_cond_t wake;
	conn *conns;
	unsigned header_limit;     /* seconds */
	int stopping;
} server;

/* This thread's web, tied to the server it serves. */
static _Thread_local struct {
	server *srv;
	worker *w;
} tl;

int px_serve_token_ok(const char *t)
{
	size_t n = t ? strlen(t) : 0;

	if (n < 16 || n > 256)
		return 0;
	for (; *t; t++)
		if (!((*t >= 'a' && *t <= 'z') || (*t >= 'A' && *t <= 'Z') || (*t >= '0' && *t <= '9') ||
		      strchr("-._~+/=", *t)))
			return 0;
	return 1;
}

/* Equal, in a time that does not tell how much of a guess was right. */
static int same_secret(const char *a, const char *b)
{
	size_t na = strlen(a), nb = strlen(b), n = na > nb ? na : nb, i;
	unsigned char x = na != nb;

	for (i = 0; i < n; i++)
		x |= (unsigned char)((i < na ? a[i] : 0) ^ (i < nb ? b[i] : 0));
	return x == 0;
}

static void log_diag(server *srv, px_diag *d)
{
	pthread_mutex_lock(&srv->lock);
	px_diag_print(d, stderr, 0);
	pthread_mutex_unlock(&srv->lock);
}

/* The calling thread's web, opened on its first request. */
static px_web *web_of_thread(server *srv, px_diag *d)
{
	worker *w;

	if (tl.srv == srv && tl.w)
		return &tl.w->web;
	if (!(w = calloc(1, sizeof *w))) {
		px_diag_add(d, NULL, 0, 0, PX_SEV_ERROR, "serve", MSG_OOM);
		return NULL;
	}
	pthread_mutex_lock(&srv->lock);
	w->web.kb = srv->kb;
	w->web.cache = srv->cache;
	w->gen = srv->gen;
	if (px_store_reader(&w->web.store, srv->store, d) < 0 ||
	    px_index_open(&w->web.index, srv->kb, w->web.store, d) < 0) {
		pthread_mutex_unlock(&srv->lock);
		px_index_close(w->web.index);
		px_store_free(w->web.store);
		free(w);
		return NULL;
	}
	w->next = srv->workers;
	srv->workers = w;
	pthread_mutex_unlock(&srv->lock);
	tl.srv = srv;
	tl.w = w;
	return &w->web;
}

/* What the files px_kb_open reads look like on disk (size, times,
 * inode of each): when it changes, the knowledge base is read again. */
static void kb_stamp(char out[512], const char *root)
{
	static const char *const files[] = { "codebook.xml", "communities.yaml",
					      "publication.yaml" };
	char path[4096];
	struct stat st;
	size_t i, n = 0;

	out[0] = 0;
	for (i = 0; i < sizeof files / sizeof *files && n < 500; i++) {
		snprintf(path, sizeof path, "%s/%s", root, files[i]);
		if (stat(path, &st) == 0)
			n += (size_t)snprintf(out + n, 512 - n, "%lld.%ld.%ld.%llu;",
					      (long long)st.st_size, (long)st.st_mtim.tv_sec,
					      st.st_mtim.tv_nsec, (unsigned long long)st.st_ino);
		else
			n += (size_t)snprintf(out + n, 512 - n, "-;");
	}
}

/* The knowledge base read again (the codebook and communities.yaml a
 * commit may have changed), with an updater's index on it; under
 * srv->lock. A knowledge base that no longer opens is logged and the
 * server goes on with the one it has. */
static void reopen_kb(server *srv, px_diag *d)
{
	char stamp[sizeof srv->kb_stamp];
	kbs *k;

	kb_stamp(stamp, srv->kb->root);
	if (!strcmp(stamp, srv->kb_stamp))
		return;
	if (!(k = calloc(1, sizeof *k))) {
		px_diag_add(d, NULL, 0, 0, PX_SEV_ERROR, "serve", MSG_OOM);
		return;
	}
	if (px_kb_open(&k->kb, srv->kb->root, 0, d) < 0 ||
	    px_index_open(&k->index, k->kb, srv->store, d) < 0) {
		px_index_close(k->index);
		px_kb_free(k->kb);
		free(k);
		return;
	}
	memcpy(srv->kb_stamp, stamp, sizeof stamp);
	k->next = srv->opened;
	srv->opened = k;
	srv->kb = k->kb;
	srv->index = k->index;
	srv->gen++;
}

/* The worker's index opened again on the server's current kb, when a
 * new one came since its last request; under srv->lock. */
static void follow_kb(server *srv, worker *w, px_diag *d)
{
	px_index *ix = NULL;

	if (w->gen == srv->gen)
		return;
	if (px_index_open(&ix, srv->kb, w->web.store, d) < 0) {
		px_index_close(ix);
		return;
	}
	px_index_close(w->web.index);
	w->web.index = ix;
	w->web.kb = srv->kb;
	w->gen = srv->gen;
}

/* What the answers of this request are kept for (web.h's state): the
 * commit the index holds, the kb it was read with, and the day (pages
 * show it); under srv->lock. */
static void set_state(server *srv, px_web *w)
{
	char hex[PX_OID_HEXSZ + 1] = "none", today[PX_DATE_SIZE] = "";
	px_diag quiet = PX_DIAG_INIT;

	if (srv->have_head)
		px_oid_hex(hex, &srv->head);
	if (px_today(today, &quiet) < 0)
		today[0] = 0;
	px_diag_free(&quiet);
	snprintf(tl.w->state, sizeof tl.w->state, "%s.%u.%s", hex, tl.w->gen, today);
	w->state = tl.w->state;
}

/* Brings the index to HEAD when HEAD moved since the last request. A
 * failure is logged and the index left as it was: the answer is then of
 * the commit before. */
static void refresh(server *srv, px_web *w)
{
	px_update_opts uo = PX_UPDATE_OPTS_INIT;
	px_diag d = PX_DIAG_INIT;
	px_oid head;

	if (px_store_head(w->store, &head, NULL) != 0) {
		/* no commit to read (yet): the state of the one served */
		pthread_mutex_lock(&srv->lock);
		set_state(srv, w);
		pthread_mutex_unlock(&srv->lock);
		return;
	}
	pthread_mutex_lock(&srv->lock);
	if (!srv->have_head || !px_oid_equal(&head, &srv->head)) {
		reopen_kb(srv, &d);
		if (px_index_update(srv->index, &uo, &d) >= 0) {
			/* the index holds `head` or a later commit: a later
			 * one makes the next request update again, for nothing */
			srv->head = head;
			srv->have_head = 1;
		}
	}
	follow_kb(srv, tl.w, &d);
	set_state(srv, w);
	px_diag_print(&d, stderr, 0);
	pthread_mutex_unlock(&srv->lock);
	px_diag_free(&d);
}

/* ----------------------------------------------------- slow requests */

unsigned px_serve_per_ip(unsigned max_connections)
{
	unsigned n = max_connections / 4;

	if (n < 8)
		n = 8;
	return n < max_connections ? n : max_connections;
}

static void conn_reading(server *srv, conn *k, int reading)
{
	if (!k)
		return;
	pthread_mutex_lock(&srv->conn_lock);
	k->reading = reading;
	clock_gettime(CLOCK_MONOTONIC, &k->since);
	pthread_mutex_unlock(&srv->conn_lock);
}

/* MHD_OPTION_NOTIFY_CONNECTION: a connection opened or closed. One that
 * could not be followed (no memory, no descriptor) keeps the idle
 * timeout alone. */
static void conn_notify(void *cls, struct MHD_Connection *c, void **socket_context,
			enum MHD_ConnectionNotificationCode toe)
{
	server *srv = cls;
	const union MHD_ConnectionInfo *ci;
	conn *k;

	if (toe == MHD_CONNECTION_NOTIFY_STARTED) {
		*socket_context = NULL;
		if (!(ci = mhd.get_connection_info(c, MHD_CONNECTION_INFO_CONNECTION_FD)) ||
		    !(k = calloc(1, sizeof *k)))
			return;
		if ((k->fd = fcntl(ci->connect_fd, F_DUPFD_CLOEXEC, 0)) < 0) {
			free(k);
			return;
		}
		k->reading = 1;
		clock_gettime(CLOCK_MONOTONIC, &k->since);
		pthread_mutex_lock(&srv->conn_lock);
		k->next = srv->conns;
		if (srv->conns)
			srv->conns->prev = k;
		srv->conns = k;
		pthread_mutex_unlock(&srv->conn_lock);
		*socket_context = k;
	} else if ((k = *socket_context)) {
		pthread_mutex_lock(&srv->conn_lock);
		if (k->prev)
			k->prev->next = k->next;
		else
			srv->conns = k->next;
		if (k->next)
			k->next->prev = k->prev;
		pthread_mutex_unlock(&srv->conn_lock);
		close(k->fd);
		free(k);
		*socket_context = NULL;
	}
}

/* MHD_OPTION_NOTIFY_COMPLETED: an answer went out (or the request
 * ended); the connection awaits the next request's headers. */
static void request_done(void *cls, struct MHD_Connection *c, void **con_cls,
			 enum MHD_RequestTerminationCode toe)
{
	const union MHD_ConnectionInfo *ci =
		mhd.get_connection_info(c, MHD_CONNECTION_INFO_SOCKET_CONTEXT);

	(void)con_cls;
	(void)toe;
	if (ci)
		conn_reading(cls, ci->socket_context, 1);
}

/* The watchdog: twice a second, shuts every connection that has been
 * reading one request's headers for header_limit seconds or more; MHD
 * then sees the end of the stream and closes it in its own thread. */
static void *watchdog(void *arg)
{
	server *srv = arg;
	struct timespec now, until;
	conn *k;

	pthread_mutex_lock(&srv->conn_lock);
	while (!srv->stopping) {
		clock_gettime(CLOCK_MONOTONIC, &now);
		for (k = srv->conns; k; k = k->next)
			if (k->reading && now.tv_sec - k->since.tv_sec -
						  (now.tv_nsec < k->since.tv_nsec) >=
					  (time_t)srv->header_limit) {
				shutdown(k->fd, SHUT_RDWR);
				k->reading = 0;
			}
		until = now;
		until.tv_nsec += 500000000L;
		if (until.tv_nsec >= 1000000000L) {
			until.tv_sec++;
			until.tv_nsec -= 1000000000L;
		}
		while (!srv->stopping &&
		       pthread_cond_timedwait(&srv->wake, &srv->conn_lock, &until) == EINTR)
			;
	}
	pthread_mutex_unlock(&srv->conn_lock);
	return NULL;
}

/* ------------------------------------------------------------ requests */

typedef struct {
	px_web_param p[PX_WEB_MAX_PARAMS];
	size_t n, total, bytes;
} params;

static enum MHD_Result collect(void *cls, enum MHD_ValueKind kind, const char *key,
			       const char *value)
{
	params *ps = cls;

	(void)kind;
	ps->total++;
	ps->bytes += strlen(key) + (value ? strlen(value) : 0) + 2;
	if (ps->n < PX_WEB_MAX_PARAMS) {
		ps->p[ps->n].name = key;
		ps->p[ps->n].value = value ? value : "";
		ps->n++;
	}
	return MHD_YES;
}

/* `cached`: the answer has an ETag, a browser may keep it but asks
 * again each time (If-None-Match); otherwise it keeps nothing. */
static void secure(struct MHD_Response *r, int cached)
{
	mhd.add_response_header(r, "Content-Security-Policy", CSP);
	mhd.add_response_header(r, "X-Content-Type-Options", "nosniff");
	mhd.add_response_header(r, "X-Frame-Options", "DENY");
	mhd.add_response_header(r, "Referrer-Policy", "no-referrer");
	mhd.add_response_header(r, "Cross-Origin-Opener-Policy", "same-origin");
	mhd.add_response_header(r, "Cross-Origin-Resource-Policy", "same-origin");
	mhd.add_response_header(r, "Cache-Control", cached ? "private, no-cache" : "no-store");
}

/* Sends rs (its body taken); MHD_NO when even that failed. */
static enum MHD_Result reply_tagged(struct MHD_Connection *c, px_web_response *rs,
				   const char *location, const char *cookie, int authenticate,
				   const char *etag)
{
	struct MHD_Response *r;
	size_t len = rs->body.len;
	char *body = px_buf_detach(&rs->body);
	char disposition[128];
	enum MHD_Result ok;

	if (!body) {
		len = 0;
		rs->status = 500;
		rs->type = "text/plain; charset=utf-8";
		rs->filename = NULL;
	}
	r = body ? mhd.create_response_from_buffer(len, body, MHD_RESPMEM_MUST_FREE)
		 : mhd.create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT);
	if (!r) {
		free(body);
		return MHD_NO;
	}
	secure(r, etag != NULL);
	if (etag)
		mhd.add_response_header(r, "ETag", etag);
	if (rs->status != 304)
		mhd.add_response_header(r, "Content-Type", rs->type);
	if (rs->filename) {
		snprintf(disposition, sizeof disposition, "attachment; filename=\"%s\"", rs->filename);
		mhd.add_response_header(r, "Content-Disposition", disposition);
	}
	if (location)
		mhd.add_response_header(r, "Location", location);
	if (cookie)
		mhd.add_response_header(r, "Set-Cookie", cookie);
	if (authenticate)
		mhd.add_response_header(r, "WWW-Authenticate", "Bearer realm=\"praxis\"");
	if (rs->status == 405)
		mhd.add_response_header(r, "Allow", "GET, HEAD");
	ok = mhd.queue_response(c, (unsigned)rs->status, r);
	mhd.destroy_response(r);
	return ok;
}

static enum MHD_Result reply(struct MHD_Connection *c, px_web_response *rs, const char *location,
			    const char *cookie, int authenticate)
{
	return reply_tagged(c, rs, location, cookie, authenticate, NULL);
}

/* `s` percent-encoded for a URL (unreserved characters and '/' kept). */
static void url_escape(px_buf *b, const char *s, int keep_slash)
{
	for (; *s; s++) {
		unsigned char ch = (unsigned char)*s;
		if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
		    strchr("-._~", ch) || (keep_slash && ch == '/'))
			px_buf_putc(b, (char)ch);
		else
			px_buf_printf(b, "%%%02X", ch);
	}
}

/* Whether the request brings the token: the Authorization header, the
 * cookie, or ?token= (then *via_query). */
static int authorized(server *srv, struct MHD_Connection *c, const params *ps, int *via_query)
{
	const char *h = mhd.lookup_connection_value(c, MHD_HEADER_KIND, "Authorization");
	const char *k = mhd.lookup_connection_value(c, MHD_COOKIE_KIND, COOKIE);
	size_t i;

	*via_query = 0;
	if (!srv->token)
		return 1;
	if (h && !strncmp(h, "Bearer ", 7) && same_secret(srv->token, h + 7))
		return 1;
	if (k && same_secret(srv->token, k))
		return 1;
	for (i = 0; i < ps->n; i++)
		if (!strcmp(ps->p[i].name, "token") && same_secret(srv->token, ps->p[i].value)) {
			*via_query = 1;
			return 1;
		}
	return 0;
}

static int hexval(char ch)
{
	if (ch >= '0' && ch <= '9')
		return ch - '0';
	if (ch >= 'a' && ch <= 'f')
		return ch - 'a' + 10;
	if (ch >= 'A' && ch <= 'F')
		return ch - 'A' + 10;
	return -1;
}

/* An error answer (px_web_fail: the HTML page outside /api/, JSON
 * under it), with the security headers as every answer. */
static enum MHD_Result refuse(server *srv, struct MHD_Connection *c, const px_web_request *rq,
			      int status, px_msgid msg, ...)
{
	px_web_response rs = PX_WEB_RESPONSE_INIT;
	px_diag d = PX_DIAG_INIT;
	px_buf m = PX_BUF_INIT;
	px_web *w = web_of_thread(srv, &d);
	va_list ap;

	if (!w)
		log_diag(srv, &d);
	px_diag_free(&d);
	va_start(ap, msg);
	px_buf_vprintf(&m, px_msg_in(msg, rq->lang), ap);
	va_end(ap);
	px_i18n_thread(rq->lang);
	px_web_fail(w, rq, &rs, status, m.ptr);
	px_i18n_thread(-1);
	px_buf_free(&m);
	return reply(c, &rs, NULL, NULL, 0);
}

/* libmicrohttpd's memory per connection, for the request line and
 * headers, then the answer's headers. It reads the headers into half of
 * it at first and answers a request that does not fit with its own
 * fixed English text (it has no hook for that answer): 128 KiB so that
 * what a client can send in headers before it is ours to refuse
 * (PX_WEB_MAX_HEADERS, 431) is tens of times that bound. A pool over
 * 32 KiB is an anonymous mapping, its pages used only as a request
 * fills them. */
#define PX_SERVE_CONNECTION_MEMORY (128 * 1024)

/* Where a connection's request is (its *con_cls): headers read, or a
 * body seen after all. */
static char started, body_seen;

static enum MHD_Result answer(void *cls, struct MHD_Connection *c, const char *url,
			      const char *method, const char *version, const char *upload,
			      size_t *upload_size, void **con_cls)
{
	server *srv = cls;
	px_web_request rq;
	px_web_response rs = PX_WEB_RESPONSE_INIT;
	px_diag d = PX_DIAG_INIT;
	px_buf key = PX_BUF_INIT;
	char etag[PX_WEB_ETAG_SIZE];
	params ps;
	px_web *w;
	const char *cl = mhd.lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");
	const char *te = mhd.lookup_connection_value(c, MHD_HEADER_KIND, "Transfer-Encoding");
	int via_query;
	enum MHD_Result ok;

	(void)version;
	(void)upload;
	if (!*con_cls) {
		/* the headers are in: the watchdog leaves this one be */
		const union MHD_ConnectionInfo *ci =
			mhd.get_connection_info(c, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
		if (ci)
			conn_reading(srv, ci->socket_context, 0);
	}
	/* the first call has the headers: a request that announces a body
	 * or uses another method is answered at once (and the connection
	 * closed); the others are answered by the last call, after MHD read
	 * the whole request, so that the connection can be kept */
	if (*con_cls == &body_seen || (*con_cls == &started && *upload_size)) {
		*upload_size = 0;
		*con_cls = &body_seen;
		return MHD_YES;
	}
	memset(&rq, 0, sizeof rq);
	memset(&ps, 0, sizeof ps);
	mhd.get_connection_values(c, MHD_GET_ARGUMENT_KIND, collect, &ps);
	rq.path = url;
	rq.rest = "";
	rq.params = ps.p;
	rq.nparams = ps.n;
	rq.lang = px_web_lang(url, px_web_arg(&rq, "lang"),
			      mhd.lookup_connection_value(c, MHD_HEADER_KIND, "Accept-Language"));
	if (!authorized(srv, c, &ps, &via_query)) {
		px_web_error(&rs, &rq, 401, MSG_WEB_UNAUTHORIZED);
		return reply(c, &rs, NULL, NULL, 1);
	}
	if (strcmp(method, "GET") && strcmp(method, "HEAD"))
		return refuse(srv, c, &rq, 405, MSG_WEB_METHOD, method);
	if ((cl && strcmp(cl, "0")) || te || *con_cls == &body_seen)
		return refuse(srv, c, &rq, 413, MSG_WEB_BODY);
	if (!*con_cls) {
		const union MHD_ConnectionInfo *hi =
			mhd.get_connection_info(c, MHD_CONNECTION_INFO_REQUEST_HEADER_SIZE);
		if (hi && hi->header_size > PX_WEB_MAX_HEADERS)
			return refuse(srv, c, &rq, 431, MSG_WEB_HEADERS_TOO_LARGE, PX_WEB_MAX_HEADERS);
		*con_cls = &started;
		return MHD_YES;
	}
	if (strlen(url) + ps.bytes > PX_WEB_MAX_URL || ps.total > PX_WEB_MAX_PARAMS)
		return refuse(srv, c, &rq, 414, MSG_WEB_TOO_LONG, PX_WEB_MAX_URL, PX_WEB_MAX_PARAMS);
	if (via_query) {
		/* the token becomes a cookie; the address loses it */
		px_buf loc = PX_BUF_INIT, cookie = PX_BUF_INIT;
		size_t i;
		int first = 1;
		/* one leading '/': "//host/x" would send the browser elsewhere */
		while (url[0] == '/' && url[1] == '/')
			url++;
		url_escape(&loc, url, 1);
		for (i = 0; i < ps.n; i++) {
			if (!strcmp(ps.p[i].name, "token"))
				continue;
			px_buf_putc(&loc, first ? '?' : '&');
			url_escape(&loc, ps.p[i].name, 0);
			px_buf_putc(&loc, '=');
			url_escape(&loc, ps.p[i].value, 0);
			first = 0;
		}
		px_buf_printf(&cookie, "%s=%s; Path=/; HttpOnly; SameSite=Lax", COOKIE, srv->token);
		rs.status = 303;
		rs.type = "text/plain; charset=utf-8";
		ok = px_buf_failed(&loc) || px_buf_failed(&cookie)
			     ? MHD_NO
			     : reply(c, &rs, loc.ptr, cookie.ptr, 0);
		px_buf_free(&loc);
		px_buf_free(&cookie);
		return ok;
	}
	if (!(w = web_of_thread(srv, &d)))
		goto failed;
	refresh(srv, w);
	/* the same question at the same commit has the same answer: its
	 * ETag, then the answer kept (web_cache.h) */
	px_web_cache_key(&key, w->state, &rq);
	if (px_buf_failed(&key)) {
		px_diag_add(&d, NULL, 0, 0, PX_SEV_ERROR, "serve", MSG_OOM);
		goto failed;
	}
	px_web_cache_etag(etag, &key);
	if (px_web_cache_matches(mhd.lookup_connection_value(c, MHD_HEADER_KIND, "If-None-Match"),
				 etag)) {
		rs.status = 304;
		goto done;
	}
	if (px_web_cache_get(srv->cache, &key, &rs))
		goto done;
	if (px_web_dispatch(w, &rq, &rs, &d) < 0)
		goto failed;
	if (px_buf_failed(&rs.body)) {
		px_diag_add(&d, NULL, 0, 0, PX_SEV_ERROR, "serve", MSG_SERVE_REQUEST_FAILED, url);
		goto failed;
	}
	if (rs.status == 200)
		px_web_cache_put(srv->cache, w->state, &key, &rs);
done:
	px_buf_free(&key);
	px_diag_free(&d);
	return reply_tagged(c, &rs, NULL, NULL, 0, rs.status == 200 || rs.status == 304 ? etag : NULL);
failed:
	log_diag(srv, &d);
	px_buf_free(&key);
	px_diag_free(&d);
	px_buf_free(&rs.body);
	return refuse(srv, c, &rq, 500, MSG_WEB_INTERNAL);
}

/* MHD's percent-decoding of the path and the parameters, but for %00:
 * a NUL would end the text early (".../01.md%00.txt" read as
 * ".../01.md"), so it stays as the three characters it was. */
static size_t unescape(void *cls, struct MHD_Connection *c, char *s)
{
	char *r = s, *w = s;

	(void)cls;
	(void)c;
	while (*r) {
		int hi, lo;
		if (r[0] == '%' && (hi = hexval(r[1])) >= 0 && (lo = hexval(r[2])) >= 0 &&
		    (hi || lo)) {
			*w++ = (char)(hi * 16 + lo);
			r += 3;
		} else {
			*w++ = *r++;
		}
	}
	*w = 0;
	return (size_t)(w - s);
}

/* -------------------------------------------------------------- start */

/* "ADDRESS:PORT" or "[ADDRESS]:PORT" into `ss`; 0, or -1. */
static int parse_listen(struct sockaddr_storage *ss, socklen_t *sslen, const char *s)
{
	char host[256];
	const char *colon, *h = s;
	size_t hl;
	long port;
	struct addrinfo hints, *ai = NULL;

	if (*s == '[') {
		const char *close = strchr(s, ']');
		if (!close || close[1] != ':')
			return -1;
		h = s + 1;
		hl = (size_t)(close - h);
		colon = close + 1;
	} else {
		if (!(colon = strrchr(s, ':')))
			return -1;
		hl = (size_t)(colon - s);
	}
	if (!hl || hl >= sizeof host || !colon[1])
		return -1;
	if (px_whole_number(colon + 1, 0, 65535, &port) < 0)
		return -1;
	memcpy(host, h, hl);
	host[hl] = 0;
	memset(&hints, 0, sizeof hints);
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	if (getaddrinfo(host, NULL, &hints, &ai) != 0 || !ai)
		return -1;
	memcpy(ss, ai->ai_addr, ai->ai_addrlen);
	*sslen = ai->ai_addrlen;
	freeaddrinfo(ai);
	if (ss->ss_family == AF_INET)
		((struct sockaddr_in *)ss)->sin_port = htons((unsigned short)port);
	else if (ss->ss_family == AF_INET6)
		((struct sockaddr_in6 *)ss)->sin6_port = htons((unsigned short)port);
	else
		return -1;
	return 0;
}

static int loopback(const struct sockaddr_storage *ss)
{
	if (ss->ss_family == AF_INET)
		return (ntohl(((const struct sockaddr_in *)ss)->sin_addr.s_addr) >> 24) == 127;
	if (ss->ss_family == AF_INET6) {
		const struct in6_addr *a = &((const struct sockaddr_in6 *)ss)->sin6_addr;
		return IN6_IS_ADDR_LOOPBACK(a) || (IN6_IS_ADDR_V4MAPPED(a) && a->s6_addr[12] == 127);
	}
	return 0;
}

/* Whether `ss` is the unspecified address (every address of the host). */
static int any_address(const struct sockaddr_storage *ss)
{
	if (ss->ss_family == AF_INET)
		return ((const struct sockaddr_in *)ss)->sin_addr.s_addr == htonl(INADDR_ANY);
	if (ss->ss_family == AF_INET6)
		return IN6_IS_ADDR_UNSPECIFIED(&((const struct sockaddr_in6 *)ss)->sin6_addr);
	return 0;
}

static unsigned default_threads(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	n = n > 0 ? 2 * n : 4;
	return (unsigned)(n < 4 ? 4 : n > 16 ? 16 : n);
}

int px_serve_run(const px_kb *kb, px_store *store, px_index *index, const px_serve_opts *o,
		 px_diag *d)
{
	struct sockaddr_storage ss;
	socklen_t sslen;
	struct MHD_Daemon *daemon = NULL;
	const union MHD_DaemonInfo *info;
	server srv;
	sigset_t stop, old;
	char host[1025]; /* NI_MAXHOST */
	worker *w, *next;
	pthread_condattr_t ca;
	pthread_t dog;
	int sig, rc = -1, dog_running = 0;

	memset(&srv, 0, sizeof srv);
	if (px_dl_load(&mhd_lib, d) < 0)
		return -1;
	if (parse_listen(&ss, &sslen, o->listen) < 0) {
		px_diag_add(d, NULL, 0, 0, PX_SEV_ERROR, "serve", MSG_SERVE_BAD_LISTEN, o->listen);
		return -1;
	}
	if (!o->token && !loopback(&ss)) {
		px_diag_add(d, NULL, 0, 0, PX_SEV_ERROR, "serve", MSG_SERVE_NEEDS_TOKEN, o->listen);
		return -1;
	}
	srv.kb = kb;
	srv.store = store;
	srv.index = index;
	srv.token = o->token;
	srv.have_head = px_store_head(store, &srv.head, NULL) == 0;
	kb_stamp(srv.kb_stamp, kb->root);
	pthread_mutex_init(&srv.lock, NULL);
	pthread_mutex_init(&srv.conn_lock, NULL);
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&srv.wake, &ca);
	pthread_condattr_destroy(&ca);
	srv.header_limit = o->timeout;
	/* the workers inherit a mask without the stopping signals: only
	 * this thread takes them, in sigwait */
	sigemptyset(&stop);
	sigaddset(&stop, SIGINT);
	sigaddset(&stop, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &stop, &old);
	if (px_web_cache_new(&srv.cache, (size_t)o->cache_mib << 20, d) < 0)
		goto cleanup;
	daemon = mhd.start_daemon(
		MHD_USE_AUTO | MHD_USE_INTERNAL_POLLING_THREAD |
			(ss.ss_family == AF_INET6 ? MHD_USE_IPv6 : 0),
		0, NULL, NULL, answer, &srv,
		MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
		MHD_OPTION_THREAD_POOL_SIZE, o->threads ? o->threads : default_threads(),
		MHD_OPTION_CONNECTION_LIMIT, o->max_connections,
		MHD_OPTION_PER_IP_CONNECTION_LIMIT, px_serve_per_ip(o->max_connections),
		MHD_OPTION_CONNECTION_TIMEOUT, o->timeout,
		MHD_OPTION_NOTIFY_CONNECTION, conn_notify, &srv,
		MHD_OPTION_NOTIFY_COMPLETED, request_done, &srv,
		MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)PX_SERVE_CONNECTION_MEMORY,
		MHD_OPTION_UNESCAPE_CALLBACK, unescape, NULL,
		MHD_OPTION_END);
	if (!daemon || !(info = mhd.get_daemon_info(daemon, MHD_DAEMON_INFO_BIND_PORT))) {
		px_diag_add(d, NULL, 0, 0, PX_SEV_ERROR, "serve", MSG_SERVE_CANNOT_LISTEN, o->listen);
		goto cleanup;
	}
	if (pthread_create(&dog, NULL, watchdog, &srv) != 0) {
		px_diag_add(d, NULL, 0, 0, PX_SEV_ERROR, "serve", MSG_OOM);
		goto cleanup;
	}
	dog_running = 1;
	if (any_address(&ss)) {
		/* 0.0.0.0 or ::: no browser opens that; this computer's
		 * loopback first (what scripts read), then where others go */
		printf(ss.ss_family == AF_INET6 ? "http://[::1]:%u/\n" : "http://127.0.0.1:%u/\n",
		       (unsigned)info->port);
		if (gethostname(host, sizeof host - 1) != 0 || !*host)
			snprintf(host, sizeof host, "%s", "localhost");
		host[sizeof host - 1] = 0;
		px_say(stdout, MSG_SERVE_ALL_ADDRESSES, host, (unsigned)info->port);
		putchar('\n');
	} else {
		if (getnameinfo((struct sockaddr *)&ss, sslen, host, sizeof host, NULL, 0,
				NI_NUMERICHOST))
			snprintf(host, sizeof host, "%s", "localhost");
		printf(ss.ss_family == AF_INET6 ? "http://[%s]:%u/\n" : "http://%s:%u/\n", host,
		       (unsigned)info->port);
	}
	fflush(stdout);
	while (sigwait(&stop, &sig) != 0)
		;
	rc = 0;
cleanup:
	if (daemon)
		mhd.stop_daemon(daemon);
	if (dog_running) {
		pthread_mutex_lock(&srv.conn_lock);
		srv.stopping = 1;
		pthread_cond_signal(&srv.wake);
		pthread_mutex_unlock(&srv.conn_lock);
		pthread_join(dog, NULL);
	}
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	for (w = srv.workers; w; w = next) {
		next = w->next;
		px_index_close(w->web.index);
		px_store_free(w->web.store);
		free(w);
	}
	while (srv.opened) {
		kbs *k = srv.opened;
		srv.opened = k->next;
		px_index_close(k->index);
		px_kb_free(k->kb);
		free(k);
	}
	/* the pages' compiled stylesheet, once no worker runs */
	px_web_pages_shutdown();
	px_web_cache_free(srv.cache);
	pthread_mutex_destroy(&srv.lock);
	pthread_cond_destroy(&srv.wake);
	pthread_mutex_destroy(&srv.conn_lock);
	return rc;
}
