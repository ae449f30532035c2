/*
 * web.c - what every answer of `praxis serve` shares, apart from HTTP:
 * the route table, parameters, the request's language, JSON errors and
 * the project's static files (web.h).
 */
#include "web.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "data.h"
#include "json.h"
#include "web_pages.h"

/* Exact routes first, then prefixes (a prefix ends in '/'; "/" alone is
 * exact). The pages'
 * handlers (web_pages.c) add their rows here. */
const px_web_route px_web_routes[] = {
	{ "/", px_web_page_search },
	{ "/codes", px_web_page_codes },
	{ "/matrix", px_web_page_matrix },
	{ "/api/search", px_web_api_search },
	{ "/api/stats", px_web_api_stats },
	{ "/api/codes", px_web_api_codes },
	{ "/api/matrix", px_web_api_matrix },
	{ "/api/codes/", px_web_api_code },
	{ "/api/notes/", px_web_api_note },
	{ "/codes/", px_web_page_code },
	{ "/notes/", px_web_page_note },
	{ "/static/", px_web_static },
	{ NULL, NULL }
};

const char *px_web_arg(const px_web_request *rq, const char *name)
{
	size_t i;

	for (i = 0; i < rq->nparams; i++)
		if (!strcmp(rq->params[i].name, name))
			return rq->params[i].value;
	return NULL;
}

/* The q= weight of one Accept-Language entry ("fr-BE;q=0.8"): 0 to 1000. */
static int weight(const char *s, size_t n)
{
	const char *q = memchr(s, ';', n);
	int w = 1000, scale = 100;

	if (!q)
		return w;
	for (q++; q < s + n && (*q == ' ' || *q == '\t'); q++)
		;
	if (s + n - q < 2 || q[0] != 'q' || q[1] != '=')
		return w;
	q += 2;
	if (q < s + n && *q == '0') {
		w = 0;
		for (q++; q < s + n && (*q == '.' || (*q >= '0' && *q <= '9')); q++)
			if (*q != '.' && scale) {
				w += (*q - '0') * scale;
				scale /= 10;
			}
	}
	return w;
}

px_lang px_web_lang(const char *path, const char *param, const char *accept)
{
	px_lang l = PX_LANG_NL;
	int best = 0;

	if (param && strncmp(path, "/api/", 5) && px_lang_parse(param, &l) == 0 && l != PX_LANG_EN)
		return l;
	l = PX_LANG_NL;
	while (accept && *accept) {
		size_t n = strcspn(accept, ",");
		const char *s = accept;
		int w;
		while (n && (*s == ' ' || *s == '\t')) {
			s++;
			n--;
		}
		w = weight(s, n);
		if (n >= 2 && (n == 2 || s[2] == '-' || s[2] == ';' || s[2] == ' ') && w > best) {
			if (!strncasecmp(s, "nl", 2)) {
				l = PX_LANG_NL;
				best = w;
			} else if (!strncasecmp(s, "fr", 2)) {
				l = PX_LANG_FR;
				best = w;
			}
		}
		accept = s + n + (s[n] == ',');
	}
	return l;
}

static void error_body(px_web_response *rs, int status, const char *message)
{
	px_json j;

	rs->status = status;
	rs->type = "application/json; charset=utf-8";
	rs->filename = NULL;
	px_buf_clear(&rs->body);
	px_json_init(&j, &rs->body);
	px_json_object(&j);
	px_json_kint(&j, "status", status);
	px_json_kstr(&j, "error", message);
	px_json_end(&j);
}

int px_web_error(px_web_response *rs, const px_web_request *rq, int status, px_msgid msg, ...)
{
	px_buf m = PX_BUF_INIT;
	va_list ap;

	va_start(ap, msg);
	px_buf_vprintf(&m, px_msg_in(msg, rq->lang), ap);
	va_end(ap);
	error_body(rs, status, m.ptr);
	px_buf_free(&m);
	return 0;
}

int px_web_error_diag(px_web_response *rs, const px_web_request *rq, int status,
		      const px_diag *d)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		if (d->items[i].sev == PX_SEV_ERROR) {
			error_body(rs, status, d->items[i].message);
			return 0;
		}
	return px_web_error(rs, rq, status, d->lost ? MSG_OOM : MSG_WEB_INTERNAL);
}

int px_web_fail(px_web *w, const px_web_request *rq, px_web_response *rs, int status,
		const char *message)
{
	px_diag d = PX_DIAG_INIT;

	if (w && strncmp(rq->path, "/api/", 5) && strncmp(rq->path, "/static/", 8) &&
	    px_web_page_error(w, rq, rs, status, message, &d) == 0) {
		px_diag_free(&d);
		return 0;
	}
	px_diag_free(&d);
	error_body(rs, status, message ? message : "");
	return 0;
}

int px_web_dispatch(px_web *w, px_web_request *rq, px_web_response *rs, px_diag *d)
{
	const px_web_route *r;
	int rc;

	for (r = px_web_routes; r->prefix; r++) {
		size_t n = strlen(r->prefix);
		/* "/" is the search page's exact route, not a prefix */
		if (n > 1 && r->prefix[n - 1] == '/' ? !strncmp(rq->path, r->prefix, n)
					    : !strcmp(rq->path, r->prefix))
			break;
	}
	if (!r->prefix) {
		px_buf m = PX_BUF_INIT;
		px_buf_printf(&m, px_msg_in(MSG_WEB_NOT_FOUND, rq->lang), rq->path);
		px_i18n_thread(rq->lang);
		rc = px_web_fail(w, rq, rs, 404, m.ptr);
		px_i18n_thread(-1);
		px_buf_free(&m);
		return rc;
	}
	rq->rest = strlen(r->prefix) > 1 && r->prefix[strlen(r->prefix) - 1] == '/'
			   ? rq->path + strlen(r->prefix) : "";
	px_i18n_thread(rq->lang);
	rc = r->fn(w, rq, rs, d);
	px_i18n_thread(-1);
	return rc;
}

/* The static files: nothing else under site/ is served. */
static const struct {
	const char *name, *file, *type;
} statics[] = {
	{ "report.css", "site/report.css", "text/css; charset=utf-8" },
	{ "web.js", "site/web.js", "text/javascript; charset=utf-8" },
};

int px_web_static(px_web *w, const px_web_request *rq, px_web_response *rs, px_diag *d)
{
	char *path;
	size_t i;
	int rc;

	(void)w;
	for (i = 0; i < sizeof statics / sizeof *statics; i++)
		if (!strcmp(rq->rest, statics[i].name))
			break;
	if (i == sizeof statics / sizeof *statics)
		return px_web_error(rs, rq, 404, MSG_WEB_NOT_FOUND, rq->path);
	if (!(path = px_data_path(statics[i].file)))
		return px_web_error(rs, rq, 404, MSG_WEB_NOT_FOUND, rq->path);
	px_buf_clear(&rs->body);
	rc = px_buf_read_file(&rs->body, path, 1 << 20);
	free(path);
	if (rc < 0) {
		px_buf_free(&rs->body);
		return px_web_error(rs, rq, 404, MSG_WEB_NOT_FOUND, rq->path);
	}
	(void)d;
	rs->type = statics[i].type;
	return 0;
}
