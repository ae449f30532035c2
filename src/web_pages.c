/*
 * web_pages.c - the HTML pages of praxis serve (web_pages.h): each page
 * gathered through the data layer, written as XML (schema/web.rng) and
 * rendered by xslt/web.xsl.
 */
#include "web_pages.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codes.h"
#include "cycle.h"
#include "db.h"
#include "facets.h"
#include "history.h"
#include "matrix.h"
#include "note.h"
#include "opt.h"
#include "query.h"
#include "render.h"
#include "search.h"
#include "stats.h"
#include "web_cache.h"
#include "xmlout.h"

/* ------------------------------------------------------------ links */

/* A page's query string as it is rebuilt for its links: the request's
 * parameters that still apply, with one changed, added or removed. The
 * values are borrowed (from the request or the caller's strings). */
#define QS_MAX 48

typedef struct {
	const char *name, *value;
} qp;

typedef struct {
	qp v[QS_MAX];
	size_t n;
} qs;

static void qs_add(qs *q, const char *name, const char *value)
{
	if (value && *value && q->n < QS_MAX) {
		q->v[q->n].name = name;
		q->v[q->n].value = value;
		q->n++;
	}
}

/* Removes every `name` (with `value` only, when not NULL). */
static void qs_del(qs *q, const char *name, const char *value)
{
	size_t i, k = 0;

	for (i = 0; i < q->n; i++)
		if (strcmp(q->v[i].name, name) || (value && strcmp(q->v[i].value, value)))
			q->v[k++] = q->v[i];
	q->n = k;
}

static void qs_set(qs *q, const char *name, const char *value)
{
	qs_del(q, name, NULL);
	qs_add(q, name, value);
}

/* The request's parameters named in `names` (NULL-terminated), in the
 * request's order. */
static void qs_keep(qs *q, const px_web_request *rq, const char *const *names)
{
	size_t i, k;

	q->n = 0;
	for (i = 0; i < rq->nparams; i++)
		for (k = 0; names[k]; k++)
			if (!strcmp(rq->params[i].name, names[k]))
				qs_add(q, names[k], rq->params[i].value);
}

static void url_enc(px_buf *b, const char *s, int keep_slash)
{
	static const char hex[] = "0123456789ABCDEF";

	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		    c == '-' || c == '_' || c == '.' || c == '~' || (keep_slash && c == '/'))
			px_buf_putc(b, (char)c);
		else
			px_buf_printf(b, "%%%c%c", hex[c >> 4], hex[c & 15]);
	}
}

/* PATH?name=value&...&lang=LANG, every part encoded. */
static void href(px_buf *b, const char *path, const qs *q, px_lang lang)
{
	size_t i;

	url_enc(b, path, 1);
	for (i = 0; q && i < q->n; i++) {
		px_buf_putc(b, i ? '&' : '?');
		url_enc(b, q->v[i].name, 0);
		px_buf_putc(b, '=');
		url_enc(b, q->v[i].value, 0);
	}
	/* PX_LANG_EN: no interface language (the API's exports, where
	 * `lang` filters the notes) */
	if (lang != PX_LANG_EN)
		px_buf_printf(b, "%clang=%s", q && q->n ? '&' : '?', px_lang_code(lang));
}

/* name="URL" (escaped as an attribute). */
static void attr_href(px_buf *xml, const char *name, const char *path, const qs *q, px_lang lang)
{
	px_buf u = PX_BUF_INIT;

	href(&u, path, q, lang);
	px_xml_attr(xml, name, u.ptr);
	px_buf_free(&u);
}

/* A path with a prefix ("/codes/" + id, "/notes/" + path). */
static void attr_href2(px_buf *xml, const char *name, const char *prefix, const char *rest,
		       const qs *q, px_lang lang)
{
	px_buf p = PX_BUF_INIT;

	px_buf_puts(&p, prefix);
	px_buf_puts(&p, rest);
	attr_href(xml, name, p.ptr, q, lang);
	px_buf_free(&p);
}

/* A parameter's first value; an empty one (a form's empty field) is
 * absent. */
static const char *arg(const px_web_request *rq, const char *name)
{
	const char *v = px_web_arg(rq, name);

	return v && *v ? v : NULL;
}

static px_lang other_lang(px_lang l)
{
	return l == PX_LANG_FR ? PX_LANG_NL : PX_LANG_FR;
}

/* ------------------------------------------------------------ render */

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static px_renderer *renderer;

void px_web_pages_shutdown(void)
{
	pthread_mutex_lock(&lock);
	px_renderer_free(renderer);
	renderer = NULL;
	pthread_mutex_unlock(&lock);
}

static int render(const px_web_request *rq, const px_buf *xml, int status, px_web_response *rs,
		  px_diag *d)
{
	const char *params[] = { "lang", px_lang_code(rq->lang), NULL };
	px_renderer *r;
	int rc = -1;

	/* the lock guards making the compiled stylesheet once; pages are
	 * transformed concurrently with it (render.h) */
	pthread_mutex_lock(&lock);
	if (!renderer && px_renderer_new(&renderer, "web.rng", "web.xsl", d) == 0) {
		const char *v = getenv("PRAXIS_VALIDATE");
		px_renderer_validate(renderer, v && *v && strcmp(v, "0"));
	}
	r = renderer;
	pthread_mutex_unlock(&lock);
	if (r) {
		px_buf_clear(&rs->body);
		rc = px_renderer_run(r, xml, params, &rs->body, d);
	}
	if (rc < 0)
		return -1;
	rs->status = status;
	rs->type = "text/html; charset=utf-8";
	return 0;
}

/* The start of every page: <page> with the language switch (this page's
 * query in the other language) and the communities. */
static void page_open(px_buf *b, px_web *w, const px_web_request *rq, const char *kind)
{
	const px_kb *kb = w->kb;
	char today[PX_DATE_SIZE] = "";
	px_diag quiet = PX_DIAG_INIT;
	qs q;
	size_t i;

	q.n = 0;
	for (i = 0; i < rq->nparams; i++)
		if (strcmp(rq->params[i].name, "lang") && strcmp(rq->params[i].name, "token"))
			qs_add(&q, rq->params[i].name, rq->params[i].value);
	if (px_today(today, &quiet) < 0)
		strcpy(today, "1970-01-01");
	px_diag_free(&quiet);
	px_buf_puts(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<page xmlns=\"urn:praxis:web:1\"");
	px_xml_attr(b, "kind", kind);
	px_xml_attr(b, "lang", px_lang_code(rq->lang));
	px_xml_attr(b, "generated", today);
	attr_href(b, "switch", rq->path, &q, other_lang(rq->lang));
	attr_href(b, "self", rq->path, &q, rq->lang);
	px_buf_puts(b, ">\n<communities>");
	for (i = 0; i < kb->ncommunities; i++) {
		const px_community *c = &kb->communities[i];
		px_buf_puts(b, "<community");
		px_xml_attr(b, "id", c->id);
		px_buf_puts(b, ">");
		px_xml_community_names(b, c, c->id);
		px_buf_puts(b, "</community>");
	}
	px_buf_puts(b, "</communities>\n");
}

/* <problem>MESSAGE</problem>, in the request's language. */
static void problem(px_buf *b, const px_web_request *rq, px_msgid id, ...)
{
	px_buf m = PX_BUF_INIT;
	va_list ap;

	va_start(ap, id);
	px_buf_vprintf(&m, px_msg_in(id, rq->lang), ap);
	va_end(ap);
	px_xml_element(b, "problem", NULL, m.ptr);
	px_buf_free(&m);
}

/* The problems a parser left in `d` (a query's: in the server's
 * language, as the CLI words them). */
static void problems(px_buf *b, const px_diag *d)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		if (d->items[i].sev == PX_SEV_ERROR)
			px_xml_element(b, "problem", NULL, d->items[i].message);
}

int px_web_page_error(px_web *w, const px_web_request *rq, px_web_response *rs, int status,
		      const char *message, px_diag *d)
{
	px_buf xml = PX_BUF_INIT;
	int rc;

	page_open(&xml, w, rq, "error");
	px_buf_puts(&xml, "<error");
	px_xml_attr_int(&xml, "status", status);
	px_buf_puts(&xml, ">");
	if (message && *message)
		px_xml_element(&xml, "problem", NULL, message);
	px_buf_puts(&xml, "</error></page>\n");
	rc = render(rq, &xml, status, rs, d);
	px_buf_free(&xml);
	return rc;
}

/* A page that says the thing asked for is not there (404). */
static int not_found(px_web *w, const px_web_request *rq, px_web_response *rs, px_diag *d)
{
	return px_web_page_error(w, rq, rs, 404, NULL, d);
}

/* <code id category>labels</code>, with its link */
static void code_ref(px_buf *b, const px_codebook *cb, const char *id, px_lang lang)
{
	const px_code *c = px_codebook_code(cb, id);

	px_buf_puts(b, "<code");
	px_xml_attr(b, "id", id);
	px_xml_attr(b, "category", c ? cb->cats[c->category].id : "");
	attr_href2(b, "href", "/codes/", id, NULL, lang);
	px_buf_puts(b, ">");
	if (c) {
		px_xml_labels(b, c->label, NULL);
	} else {
		px_xml_element(b, "label", "nl", id);
		px_xml_element(b, "label", "fr", id);
	}
	px_buf_puts(b, "</code>");
}

/* A code named in a request: its id or an alias, with or without '#'. */
static const px_code *code_arg(const px_codebook *cb, const char *s)
{
	const px_code *c;

	if (!s)
		return NULL;
	if (*s == '#')
		s++;
	c = px_codebook_code(cb, s);
	return c ? c : px_codebook_resolve(cb, s, strlen(s));
}

/* A page number from 1 to `max`, 1 when absent or not one. */
static long page_arg(const px_web_request *rq, long max)
{
	long v;

	return px_whole_number(arg(rq, "page"), 1, max, &v) < 0 ? 1 : v;
}

/* <pages> with a link to each page around the current one. */
static void pages(px_buf *b, const char *path, qs *q, px_lang lang, long page, long total,
		  long size)
{
	long last = total ? (total + size - 1) / size : 1, i;
	char num[24];

	px_buf_puts(b, "<pages");
	px_xml_attr_int(b, "page", page);
	px_xml_attr_int(b, "last", last);
	if (page > 1) {
		snprintf(num, sizeof num, "%ld", page - 1);
		qs_set(q, "page", num);
		attr_href(b, "prev", path, q, lang);
	}
	if (page < last) {
		snprintf(num, sizeof num, "%ld", page + 1);
		qs_set(q, "page", num);
		attr_href(b, "next", path, q, lang);
	}
	px_buf_puts(b, ">");
	for (i = 1; i <= last; i++) {
		if (i > 2 && i < last - 1 && (i < page - 3 || i > page + 3))
			continue;
		snprintf(num, sizeof num, "%ld", i);
		qs_set(q, "page", i > 1 ? num : NULL);
		px_buf_puts(b, "<p");
		px_xml_attr_int(b, "n", i);
		attr_href(b, "href", path, q, lang);
		if (i == page)
			px_xml_attr(b, "current", "true");
		px_buf_puts(b, "/>");
	}
	qs_del(q, "page", NULL);
	px_buf_puts(b, "</pages>");
}

/* A segment's text (or snippet) with the match marks as <mark>. */
static void marked(px_buf *b, const char *element, const char *s)
{
	size_t run;

	px_buf_printf(b, "<%s>", element);
	for (; *s; s += run) {
		run = strcspn(s, PX_SEARCH_MARK_ON PX_SEARCH_MARK_OFF);
		px_buf_xml_text(b, s, run, 1);
		if (!s[run])
			break;
		px_buf_puts(b, s[run] == PX_SEARCH_MARK_ON[0] ? "<mark>" : "</mark>");
		run++;
	}
	px_buf_printf(b, "</%s>", element);
}

/* A segment's attributes and children as the lists show it: its note
 * (linked at its line), session, codes. `snippet` NULL: its text. */
static void segment(px_buf *b, const px_codebook *cb, const px_db_hit *h, const char *snippet,
		    px_lang lang)
{
	const px_db_segment *g = &h->seg;
	px_buf u = PX_BUF_INIT;
	size_t k;

	px_buf_puts(b, "<hit");
	px_xml_attr(b, "path", g->path);
	px_xml_attr(b, "community", g->community);
	px_xml_attr(b, "cycle", g->cycle);
	px_xml_attr_int(b, "session", g->session);
	px_xml_attr(b, "date", g->date);
	px_xml_attr(b, "lang", strcmp(g->lang, "fr") ? "nl" : "fr");
	px_xml_attr_int(b, "line", g->line);
	px_xml_attr(b, "kind", g->kind);
	px_buf_puts(&u, "/notes/");
	url_enc(&u, g->path, 1);
	px_buf_printf(&u, "?lang=%s#L%ld", px_lang_code(lang), g->line);
	px_xml_attr(b, "note", u.ptr);
	px_buf_puts(b, ">");
	if (*g->title)
		px_xml_element(b, "title", NULL, g->title);
	if (*g->heading)
		px_xml_element(b, "heading", NULL, g->heading);
	if (snippet && *snippet)
		marked(b, "snippet", snippet);
	else
		marked(b, "snippet", g->text);
	for (k = 0; k < h->ncodes; k++)
		code_ref(b, cb, h->codes[k], lang);
	px_buf_puts(b, "</hit>\n");
	px_buf_free(&u);
}

/* Export links: the same list from the API, as CSV and as JSON. */
static void exports(px_buf *b, const char *api, qs *q)
{
	px_buf_puts(b, "<export");
	qs_set(q, "format", "csv");
	attr_href(b, "csv", api, q, PX_LANG_EN);
	qs_set(q, "format", "json");
	attr_href(b, "json", api, q, PX_LANG_EN);
	qs_del(q, "format", NULL);
	px_buf_puts(b, "/>");
}

/* ------------------------------------------------------------ search */

static const char *const search_params[] = { "q", "community", "cycle", "code", "in", "kind",
					     "since", "until", "sort", NULL };

/* The facets of the search: each value with its count for the current
 * query and filters, and the link that narrows the search to it (a
 * value in force: the link that drops it). */
static void facets_xml(px_buf *b, const px_facets *fc, const px_web_request *rq,
		       const px_codebook *cb)
{
	/* the page's parameter of each dimension */
	static const char *const param[PX_FACET_DIMS] = { "community", "cycle", "in", "kind" };
	size_t k, i, c;
	qs q;

	px_buf_puts(b, "<facets>");
	for (k = 0; k < PX_FACET_DIMS; k++) {
		const char *now = arg(rq, param[k]);
		px_buf_puts(b, "<facet");
		px_xml_attr(b, "name", px_facet_names[k]);
		px_buf_puts(b, ">");
		for (i = 0; i < fc->dims[k].n; i++) {
			const char *v = fc->dims[k].v[i].value;
			int on = now && !strcmp(now, v);
			qs_keep(&q, rq, search_params);
			qs_set(&q, param[k], on ? NULL : v);
			px_buf_puts(b, "<value");
			px_xml_attr(b, "id", v);
			px_xml_attr_int(b, "count", fc->dims[k].v[i].count);
			attr_href(b, "href", "/", &q, rq->lang);
			if (on)
				px_xml_attr(b, "selected", "true");
			px_buf_puts(b, "/>");
		}
		px_buf_puts(b, "</facet>");
	}
	px_buf_puts(b, "<codes>");
	for (c = 0; c < cb->ncats; c++) {
		px_buf_puts(b, "<category");
		px_xml_attr(b, "id", cb->cats[c].id);
		px_buf_puts(b, ">");
		px_xml_labels(b, cb->cats[c].label, NULL);
		for (i = 0; i < cb->ncodes; i++) {
			const px_code *code = &cb->codes[i];
			int on = 0;
			size_t p;
			if (code->category != c || !fc->codes[i])
				continue;
			qs_keep(&q, rq, search_params);
			for (p = 0; p < rq->nparams && !on; p++)
				on = !strcmp(rq->params[p].name, "code") &&
				     code_arg(cb, rq->params[p].value) == code;
			if (on) {
				for (p = 0; p < rq->nparams; p++)
					if (!strcmp(rq->params[p].name, "code") &&
					    code_arg(cb, rq->params[p].value) == code)
						qs_del(&q, "code", rq->params[p].value);
			} else {
				qs_add(&q, "code", code->id);
			}
			px_buf_puts(b, "<value");
			px_xml_attr(b, "id", code->id);
			px_xml_attr_int(b, "count", fc->codes[i]);
			attr_href(b, "href", "/", &q, rq->lang);
			if (on)
				px_xml_attr(b, "selected", "true");
			px_buf_puts(b, ">");
			px_xml_labels(b, code->label, NULL);
			px_buf_puts(b, "</value>");
		}
		px_buf_puts(b, "</category>");
	}
	px_buf_puts(b, "</codes><dates");
	if (fc->date_min && fc->date_max) {
		px_xml_attr(b, "min", fc->date_min);
		px_xml_attr(b, "max", fc->date_max);
	}
	px_buf_puts(b, "/></facets>\n");
}

static int valid_date(const char *s)
{
	int y, m, dd;
	return px_date_parse(s, &y, &m, &dd) == 0;
}

int px_web_page_search(px_web *w, const px_web_request *rq, px_web_response *rs, px_diag *d)
{
	const px_codebook *cb = w->kb->cb;
	const char *text = arg(rq, "q"), *sort = arg(rq, "sort");
	px_search_filters f = PX_SEARCH_FILTERS_INIT;
	px_search_result res;
	px_facets fc;
	px_query query;
	px_diag qd = PX_DIAG_INIT;
	px_buf xml = PX_BUF_INIT;
	/* a search pages through its best PX_SEARCH_WINDOW hits at most: a
	 * page past them would only cost */
	long page = page_arg(rq, PX_SEARCH_WINDOW / PX_WEB_PAGE_SIZE), offset;
	int by_date = sort && !strcmp(sort, "date"), bad = 0, rc = -1, k, searched = 0;
	size_t i;
	qs q;

	memset(&res, 0, sizeof res);
	memset(&fc, 0, sizeof fc);
	memset(&query, 0, sizeof query);
	page_open(&xml, w, rq, "search");
	px_buf_puts(&xml, "<search");
	px_xml_attr(&xml, "q", text ? text : "");
	px_xml_attr(&xml, "sort", by_date ? "date" : "rank");
	px_buf_puts(&xml, ">");

	/* the filters, each checked as the CLI checks its options */
	f.community = arg(rq, "community");
	f.cycle = arg(rq, "cycle");
	f.lang = arg(rq, "in");
	f.since = arg(rq, "since");
	f.until = arg(rq, "until");
	if (f.community && !px_kb_community(w->kb, f.community)) {
		problem(&xml, rq, MSG_UNKNOWN_COMMUNITY, f.community);
		bad = 1;
	}
	if (f.cycle) {
		int year;
		if (px_cycle_parse(f.cycle, &year) < 0) {
			problem(&xml, rq, MSG_BAD_CYCLE, f.cycle);
			bad = 1;
		}
	}
	if (f.lang && strcmp(f.lang, "nl") && strcmp(f.lang, "fr")) {
		problem(&xml, rq, MSG_WEB_BAD_PARAM, "in", f.lang, "nl, fr");
		bad = 1;
	}
	if (f.since && !valid_date(f.since)) {
		problem(&xml, rq, MSG_BAD_DATE, f.since);
		bad = 1;
	}
	if (f.until && !valid_date(f.until)) {
		problem(&xml, rq, MSG_BAD_DATE, f.until);
		bad = 1;
	}
	if (arg(rq, "kind")) {
		const char *kind = arg(rq, "kind");
		for (k = 0; px_search_kinds[k] && strcmp(px_search_kinds[k], kind); k++)
			;
		if (!px_search_kinds[k]) {
			problem(&xml, rq, MSG_WEB_BAD_PARAM, "kind", kind,
				"quote, followup, paragraph, item, row");
			bad = 1;
		} else {
			f.kind = k;
		}
	}
	if (px_query_parse(&query, text ? text : "", cb, &qd) < 0)
		bad = 1;
	for (i = 0; i < rq->nparams; i++)
		if (!strcmp(rq->params[i].name, "code") && *rq->params[i].value &&
		    px_query_add_code(&query, rq->params[i].value, cb, &qd) < 0)
			bad = 1;
	problems(&xml, &qd);

	/* the hits of this page: the best `page` pages (by date: the best of
	 * the window, ordered by date) */
	offset = (page - 1) * PX_WEB_PAGE_SIZE;
	if (!bad && (query.fts.len || query.ncodes)) {
		f.limit = by_date ? PX_SEARCH_WINDOW : offset + PX_WEB_PAGE_SIZE;
		rc = px_search_run(&res, w->index, &query, &f, d);
		if (!rc)
			rc = px_search_gather(&res, w->index, &query, d);
		if (rc == PX_DB_EQUERY) {
			problem(&xml, rq, MSG_BAD_QUERY, text ? text : "");
			bad = 1;
		} else if (rc < 0) {
			goto cleanup;
		} else {
			searched = 1;
		}
		if (searched && by_date)
			px_search_sort_by_date(&res);
		if (searched && px_facets_gather(&fc, w->index, &query, &f, PX_SEARCH_COUNT_CAP, d) < 0)
			goto cleanup;
	}
	rc = -1;

	qs_keep(&q, rq, search_params);
	if (searched) {
		long shown = (long)res.n - offset;
		px_buf_puts(&xml, "<result");
		px_xml_attr_int(&xml, "total", res.total);
		px_xml_attr(&xml, "capped", res.capped ? "true" : "false");
		px_xml_attr_int(&xml, "from", shown > 0 ? offset + 1 : 0);
		px_xml_attr_int(&xml, "to", shown > 0 ? offset + shown : 0);
		px_buf_puts(&xml, ">");
		for (i = (size_t)offset; i < res.n && i < (size_t)(offset + PX_WEB_PAGE_SIZE); i++)
			segment(&xml, cb, &res.hits[i], res.hits[i].snippet, rq->lang);
		pages(&xml, "/", &q, rq->lang, page,
		      res.total < (long)PX_SEARCH_WINDOW ? res.total : PX_SEARCH_WINDOW,
		      PX_WEB_PAGE_SIZE);
		px_buf_puts(&xml, "</result>");
		/* the sort links */
		for (k = 0; k < 2; k++) {
			qs_set(&q, "sort", k ? "date" : NULL);
			px_buf_puts(&xml, "<sort");
			px_xml_attr(&xml, "by", k ? "date" : "rank");
			attr_href(&xml, "href", "/", &q, rq->lang);
			px_buf_puts(&xml, "/>");
		}
		qs_keep(&q, rq, search_params);
		/* the API's filter of the note's language is `lang` */
		qs_del(&q, "in", NULL);
		qs_del(&q, "sort", NULL);
		qs_add(&q, "lang", f.lang);
		qs_add(&q, "sort", by_date ? "date" : NULL);
		{
			/* the page's own hits */
			char lim[24], off[24];
			snprintf(lim, sizeof lim, "%d", PX_WEB_PAGE_SIZE);
			snprintf(off, sizeof off, "%ld", offset);
			qs_add(&q, "limit", lim);
			qs_add(&q, "offset", off);
			exports(&xml, "/api/search", &q);
		}
		qs_keep(&q, rq, search_params);
		facets_xml(&xml, &fc, rq, cb);
	}
	/* the filters in force, each with the link that drops it */
	for (i = 0; i < rq->nparams; i++) {
		const char *n = rq->params[i].name, *v = rq->params[i].value;
		if (!*v || !(!strcmp(n, "community") || !strcmp(n, "cycle") || !strcmp(n, "code") ||
			     !strcmp(n, "in") || !strcmp(n, "kind") || !strcmp(n, "since") ||
			     !strcmp(n, "until")))
			continue;
		qs_keep(&q, rq, search_params);
		qs_del(&q, n, v);
		px_buf_puts(&xml, "<filter");
		px_xml_attr(&xml, "name", n);
		px_xml_attr(&xml, "value", v);
		attr_href(&xml, "remove", "/", &q, rq->lang);
		px_buf_puts(&xml, ">");
		if (!strcmp(n, "code")) {
			const px_code *c = code_arg(cb, v);
			if (c)
				code_ref(&xml, cb, c->id, rq->lang);
		}
		px_buf_puts(&xml, "</filter>");
	}
	if (!searched && !bad) {
		/* no search yet: the codes to choose from, each a search of
		 * its segments */
		size_t cat;
		px_buf_puts(&xml, "<start>");
		for (cat = 0; cat < cb->ncats; cat++) {
			px_buf_puts(&xml, "<category");
			px_xml_attr(&xml, "id", cb->cats[cat].id);
			px_buf_puts(&xml, ">");
			px_xml_labels(&xml, cb->cats[cat].label, NULL);
			for (i = 0; i < cb->ncodes; i++) {
				const px_code *c = &cb->codes[i];
				if (c->category != cat)
					continue;
				q.n = 0;
				qs_add(&q, "code", c->id);
				px_buf_puts(&xml, "<code");
				px_xml_attr(&xml, "id", c->id);
				px_xml_attr(&xml, "category", cb->cats[cat].id);
				attr_href(&xml, "href", "/", &q, rq->lang);
				px_buf_puts(&xml, ">");
				px_xml_labels(&xml, c->label, NULL);
				px_buf_puts(&xml, "</code>");
			}
			px_buf_puts(&xml, "</category>");
		}
		px_buf_puts(&xml, "</start>");
	}
	px_buf_puts(&xml, "</search></page>\n");
	rc = render(rq, &xml, bad ? 400 : 200, rs, d);
cleanup:
	px_search_result_free(&res);
	px_facets_free(&fc);
	px_query_free(&query);
	px_diag_free(&qd);
	px_buf_free(&xml);
	return rc;
}

/* ------------------------------------------------------------- codes */

int px_web_page_codes(px_web *w, const px_web_request *rq, px_web_response *rs, px_diag *d)
{
	const px_codebook *cb = w->kb->cb;
	px_codes c;
	px_buf xml = PX_BUF_INIT;
	size_t k, i, a;
	int rc = -1;
	qs q;

	if (px_web_cache_counts(&c, w, d) < 0)
		goto cleanup;
	page_open(&xml, w, rq, "codes");
	px_buf_puts(&xml, "<codebook>");
	for (k = 0; k < cb->ncats; k++) {
		px_buf_puts(&xml, "<category");
		px_xml_attr(&xml, "id", cb->cats[k].id);
		px_buf_puts(&xml, ">");
		px_xml_labels(&xml, cb->cats[k].label, NULL);
		for (i = 0; i < cb->ncodes; i++) {
			const px_code *code = &cb->codes[i];
			if (code->category != k)
				continue;
			px_buf_puts(&xml, "<code");
			px_xml_attr(&xml, "id", code->id);
			px_xml_attr_int(&xml, "segments", c.codes[i].segments);
			px_xml_attr_int(&xml, "notes", c.codes[i].notes);
			px_xml_attr(&xml, "ambivalent", code->ambivalent ? "true" : "false");
			attr_href2(&xml, "href", "/codes/", code->id, NULL, rq->lang);
			px_buf_puts(&xml, ">");
			px_xml_labels(&xml, code->label, code->desc);
			for (a = 0; a < code->naliases; a++)
				px_xml_element(&xml, "alias", px_lang_code(code->alias_lang[a]),
					       code->aliases[a]);
			px_buf_puts(&xml, "</code>");
		}
		px_buf_puts(&xml, "</category>\n");
	}
	q.n = 0;
	exports(&xml, "/api/codes", &q);
	px_buf_puts(&xml, "</codebook></page>\n");
	rc = render(rq, &xml, 200, rs, d);
cleanup:
	px_codes_free(&c);
	px_buf_free(&xml);
	return rc;
}

static const char *const code_params[] = { "community", "cycle", "session", "note", "with",
					   NULL };

/* The session numbers a code's timeline shows, 1 to this minus one. */
#define PX_WEB_TIMELINE_SESSIONS 1024

int px_web_page_code(px_web *w, const px_web_request *rq, px_web_response *rs, px_diag *d)
{
	const px_codebook *cb = w->kb->cb;
	const px_code *code = code_arg(cb, rq->rest);
	px_codes_filter f = PX_CODES_FILTER_INIT;
	px_codes c;
	px_buf xml = PX_BUF_INIT, path = PX_BUF_INIT, probs = PX_BUF_INIT;
	size_t i, a;
	long page = page_arg(rq, 100000), offset, last;
	int rc = -1, bad = 0, year;
	qs q;

	memset(&c, 0, sizeof c);
	if (!code || strchr(rq->rest, '/'))
		return not_found(w, rq, rs, d);
	/* the narrowing a matrix cell asks for, checked as `praxis codes
	 * CODE --community --cycle --session --note --with` checks it */
	f.community = arg(rq, "community");
	f.cycle = arg(rq, "cycle");
	f.note = arg(rq, "note");
	if (f.community && !px_kb_community(w->kb, f.community)) {
		problem(&probs, rq, MSG_UNKNOWN_COMMUNITY, f.community);
		bad = 1;
	}
	if (f.cycle && px_cycle_parse(f.cycle, &year) < 0) {
		problem(&probs, rq, MSG_BAD_CYCLE, f.cycle);
		bad = 1;
	}
	if (arg(rq, "session")) {
		const char *v = arg(rq, "session");
		if (px_whole_number(v, PX_SESSION_MIN, PX_SESSION_MAX, &f.session) < 0) {
			problem(&probs, rq, MSG_WEB_BAD_NUMBER, "session", (long)PX_SESSION_MIN,
				(long)PX_SESSION_MAX, v);
			f.session = 0;
			bad = 1;
		}
	}
	if (f.note && !px_kb_is_note_path(f.note)) {
		problem(&probs, rq, MSG_NOT_NOTE_PATH, f.note);
		bad = 1;
	}
	if (arg(rq, "with") && !(f.with = code_arg(cb, arg(rq, "with")))) {
		problem(&probs, rq, MSG_UNKNOWN_CODE, arg(rq, "with"));
		bad = 1;
	}
	/* the commit's counts (kept), then this page of the segments in SQL;
	 * the timeline and the total count every segment the filter keeps */
	f.offset = (page - 1) * PX_WEB_CODE_PAGE_SIZE;
	f.limit = PX_WEB_CODE_PAGE_SIZE;
	if (px_web_cache_counts(&c, w, d) < 0 ||
	    (!bad && px_web_cache_code(&c, w, code, &f, d) < 0))
		goto cleanup;
	/* a page past the last is the first (as the search page) */
	if (!bad && page > 1 && f.offset >= c.total) {
		page = 1;
		f.offset = 0;
		px_codes_free(&c);
		if (px_web_cache_counts(&c, w, d) < 0 ||
		    px_web_cache_code(&c, w, code, &f, d) < 0)
			goto cleanup;
	}
	offset = f.offset;
	page_open(&xml, w, rq, "code");
	px_buf_puts(&xml, "<code-page");
	px_xml_attr(&xml, "id", code->id);
	px_xml_attr(&xml, "category", cb->cats[code->category].id);
	px_xml_attr(&xml, "ambivalent", code->ambivalent ? "true" : "false");
	px_xml_attr_int(&xml, "segments", c.codes[code->index].segments);
	px_xml_attr_int(&xml, "notes", c.codes[code->index].notes);
	px_buf_puts(&xml, ">");
	px_xml_labels(&xml, code->label, code->desc);
	px_xml_pair(&xml, "category-label", cb->cats[code->category].label, NULL);
	for (a = 0; a < code->naliases; a++)
		px_xml_element(&xml, "alias", px_lang_code(code->alias_lang[a]), code->aliases[a]);
	px_buf_put(&xml, probs.ptr, probs.len);
	for (i = 0; code_params[i]; i++) {
		const char *v = arg(rq, code_params[i]);
		if (!v)
			continue;
		qs_keep(&q, rq, code_params);
		qs_del(&q, code_params[i], NULL);
		px_buf_puts(&xml, "<filter");
		px_xml_attr(&xml, "name", code_params[i]);
		px_xml_attr(&xml, "value", v);
		px_buf_clear(&path);
		px_buf_printf(&path, "/codes/%s", code->id);
		attr_href(&xml, "remove", path.ptr, &q, rq->lang);
		px_buf_puts(&xml, ">");
		if (f.with && !strcmp(code_params[i], "with"))
			code_ref(&xml, cb, f.with->id, rq->lang);
		px_buf_puts(&xml, "</filter>");
	}

	/* the timeline: segments per cycle (oldest first) and per session,
	 * every session from 1 to the cycle's last shown */
	px_buf_puts(&xml, "<timeline>");
	for (i = 0; i < c.ntimeline;) {
		const char *cy = c.timeline[i].cycle;
		long long segs = 0;
		long sess, max = 0;
		size_t k, end;
		for (end = i; end < c.ntimeline && !strcmp(c.timeline[end].cycle, cy); end++) {
			segs += c.timeline[end].segments;
			if (c.timeline[end].session > max &&
			    c.timeline[end].session < PX_WEB_TIMELINE_SESSIONS)
				max = c.timeline[end].session;
		}
		if (px_cycle_parse(cy, &year) == 0) {
			px_buf_puts(&xml, "<cycle");
			px_xml_attr(&xml, "id", cy);
			px_xml_attr_int(&xml, "segments", segs);
			px_buf_puts(&xml, ">");
			for (sess = 1, k = i; sess <= max; sess++) {
				long long n = 0;
				while (k < end && c.timeline[k].session < sess)
					k++;
				if (k < end && c.timeline[k].session == sess)
					n = c.timeline[k].segments;
				px_buf_puts(&xml, "<session");
				px_xml_attr_int(&xml, "n", sess);
				px_xml_attr_int(&xml, "segments", n);
				px_buf_puts(&xml, "/>");
			}
			px_buf_puts(&xml, "</cycle>");
		}
		i = end;
	}
	px_buf_puts(&xml, "</timeline>\n");

	last = offset + (long)c.nhits;
	px_buf_puts(&xml, "<segments");
	px_xml_attr_int(&xml, "total", c.total);
	px_xml_attr_int(&xml, "from", c.nhits ? offset + 1 : 0);
	px_xml_attr_int(&xml, "to", c.nhits ? last : 0);
	px_buf_puts(&xml, ">");
	for (i = 0; i < c.nhits; i++)
		segment(&xml, cb, &c.hits[i], NULL, rq->lang);
	qs_keep(&q, rq, code_params);
	px_buf_clear(&path);
	px_buf_printf(&path, "/codes/%s", code->id);
	pages(&xml, path.ptr, &q, rq->lang, page, (long)c.total, PX_WEB_CODE_PAGE_SIZE);
	px_buf_puts(&xml, "</segments>");
	px_buf_clear(&path);
	px_buf_printf(&path, "/api/codes/%s", code->id);
	exports(&xml, path.ptr, &q);
	px_buf_puts(&xml, "</code-page></page>\n");
	rc = render(rq, &xml, bad ? 400 : 200, rs, d);
cleanup:
	px_codes_free(&c);
	px_buf_free(&xml);
	px_buf_free(&path);
	px_buf_free(&probs);
	return rc;
}

/* ------------------------------------------------------------ matrix */

/* A column's filter of the code's segments (codes.h, px_codes_filter). */
static const char *const col_param[] = { "community", "note", "with" };

int px_web_page_matrix(px_web *w, const px_web_request *rq, px_web_response *rs, px_diag *d)
{
	const px_codebook *cb = w->kb->cb;
	const char *cols = arg(rq, "cols"), *cycle = arg(rq, "cycle");
	const char *community = arg(rq, "community");
	px_matrix_opts o = PX_MATRIX_OPTS_INIT;
	px_matrix m;
	px_buf xml = PX_BUF_INIT;
	size_t i, k, cat;
	int kind = 0, rc = -1, bad = 0, choose = 0, year;
	qs q;

	memset(&m, 0, sizeof m);
	if (cols)
		for (kind = 0; px_matrix_names[kind] && strcmp(px_matrix_names[kind], cols); kind++)
			;
	page_open(&xml, w, rq, "matrix");
	px_buf_puts(&xml, "<matrix");
	px_xml_attr(&xml, "cols", px_matrix_names[kind] ? px_matrix_names[kind] : "community");
	px_xml_attr(&xml, "cycle", cycle ? cycle : "");
	px_buf_puts(&xml, ">");
	if (!px_matrix_names[kind]) {
		problem(&xml, rq, MSG_WEB_BAD_PARAM, "cols", cols, "community, session, code");
		bad = 1;
		kind = 0;
	}
	if (cycle && px_cycle_parse(cycle, &year) < 0) {
		problem(&xml, rq, MSG_BAD_CYCLE, cycle);
		bad = 1;
	}
	if (community && !px_kb_community(w->kb, community)) {
		problem(&xml, rq, MSG_UNKNOWN_COMMUNITY, community);
		bad = 1;
	}
	for (k = 0; px_matrix_names[k]; k++) {
		q.n = 0;
		qs_add(&q, "cols", px_matrix_names[k]);
		qs_add(&q, "cycle", cycle);
		qs_add(&q, "community", community);
		px_buf_puts(&xml, "<view");
		px_xml_attr(&xml, "cols", px_matrix_names[k]);
		attr_href(&xml, "href", "/matrix", &q, rq->lang);
		px_buf_puts(&xml, "/>");
	}
	o.cols = (px_matrix_cols)kind;
	o.cycle = cycle;
	o.community = community;
	if (!bad && o.cols == PX_MATRIX_SESSION && !community) {
		/* sessions are one community's: one column per note of the
		 * whole knowledge base would be thousands */
		px_buf_puts(&xml, "<choose>");
		for (k = 0; k < w->kb->ncommunities; k++) {
			q.n = 0;
			qs_add(&q, "cols", "session");
			qs_add(&q, "cycle", cycle);
			qs_add(&q, "community", w->kb->communities[k].id);
			px_buf_puts(&xml, "<community");
			px_xml_attr(&xml, "id", w->kb->communities[k].id);
			attr_href(&xml, "href", "/matrix", &q, rq->lang);
			px_buf_puts(&xml, "/>");
		}
		px_buf_puts(&xml, "</choose>");
		choose = 1;
	}
	if (!bad && !choose && px_matrix_gather(&m, w->index, &o, d) < 0)
		goto cleanup;
	/* the columns */
	for (k = 0; k < m.ncols; k++) {
		const px_matrix_col *c = &m.cols[k];
		px_buf_puts(&xml, "<col");
		px_xml_attr(&xml, "id", c->id);
		if (c->code) {
			px_xml_attr(&xml, "category", cb->cats[c->code->category].id);
			px_buf_puts(&xml, ">");
			px_xml_labels(&xml, c->code->label, NULL);
		} else if (c->note) {
			px_xml_attr(&xml, "community", c->note->community);
			px_xml_attr(&xml, "cycle", c->note->cycle);
			if (c->note->session > 0)
				px_xml_attr_int(&xml, "session", c->note->session);
			px_xml_attr(&xml, "date", c->note->date);
			px_buf_puts(&xml, ">");
		} else {
			px_buf_puts(&xml, ">");
		}
		px_buf_puts(&xml, "</col>");
	}
	/* the rows, by category; a cell links to the code's segments there */
	for (cat = 0; cat < cb->ncats && !bad && !choose; cat++) {
		px_buf_puts(&xml, "<category");
		px_xml_attr(&xml, "id", cb->cats[cat].id);
		px_buf_puts(&xml, ">");
		px_xml_labels(&xml, cb->cats[cat].label, NULL);
		for (i = 0; i < m.nrows; i++) {
			const px_code *code = m.rows[i];
			if (code->category != cat)
				continue;
			px_buf_puts(&xml, "<row");
			px_xml_attr(&xml, "id", code->id);
			px_xml_attr(&xml, "category", cb->cats[code->category].id);
			px_xml_attr_int(&xml, "segments", m.totals[i]);
			q.n = 0;
			qs_add(&q, "cycle", cycle);
			qs_add(&q, "community", community);
			attr_href2(&xml, "href", "/codes/", code->id, &q, rq->lang);
			px_buf_puts(&xml, ">");
			px_xml_labels(&xml, code->label, NULL);
			for (k = 0; k < m.ncols; k++) {
				long long n = px_matrix_cell(&m, i, k);
				px_buf_puts(&xml, "<cell");
				px_xml_attr(&xml, "col", m.cols[k].id);
				px_xml_attr_int(&xml, "segments", n);
				if (n) {
					q.n = 0;
					qs_add(&q, "cycle", cycle);
					qs_add(&q, "community", community);
					qs_set(&q, col_param[kind], m.cols[k].id);
					attr_href2(&xml, "href", "/codes/", code->id, &q, rq->lang);
				}
				px_buf_puts(&xml, "/>");
			}
			px_buf_puts(&xml, "</row>");
		}
		px_buf_puts(&xml, "</category>\n");
	}
	q.n = 0;
	qs_add(&q, "cols", px_matrix_names[kind]);
	qs_add(&q, "cycle", cycle);
	qs_add(&q, "community", community);
	exports(&xml, "/api/matrix", &q);
	px_buf_puts(&xml, "</matrix></page>\n");
	rc = render(rq, &xml, bad ? 400 : 200, rs, d);
cleanup:
	px_matrix_free(&m);
	px_buf_free(&xml);
	return rc;
}

/* ------------------------------------------------------------- notes */

/* The codes a note raises: its segments' and its themes', each once, in
 * codebook order. */
static void note_codes(px_buf *b, const px_codebook *cb, const px_note *n, px_lang lang)
{
	size_t i, k, t;

	for (i = 0; i < cb->ncodes; i++) {
		const px_code *c = &cb->codes[i];
		int found = 0;
		for (k = 0; k < n->nsegs && !found; k++)
			for (t = 0; t < n->segs[k].ncodes && !found; t++)
				found = n->segs[k].codes[t] == c;
		for (k = 0; k < n->ntheme_codes && !found; k++)
			found = n->theme_codes[k] == c;
		if (found)
			code_ref(b, cb, c->id, lang);
	}
}

static void val_attr(px_buf *b, const char *name, const px_val *v)
{
	if (v->s)
		px_xml_attr(b, name, v->s);
}

/* Whether `hex` is 40 hexadecimal digits. */
static int is_oid(const char *hex)
{
	size_t i;

	for (i = 0; hex[i]; i++)
		if (!((hex[i] >= '0' && hex[i] <= '9') || (hex[i] >= 'a' && hex[i] <= 'f')))
			return 0;
	return i == PX_OID_HEXSZ;
}

int px_web_page_note(px_web *w, const px_web_request *rq, px_web_response *rs, px_diag *d)
{
	const px_codebook *cb = w->kb->cb;
	const char *path = rq->rest, *version = arg(rq, "version");
	px_db_note *row = NULL;
	px_history h;
	px_history_opts ho = PX_HISTORY_OPTS_INIT;
	px_buf xml = PX_BUF_INIT, src = PX_BUF_INIT;
	px_note *n = NULL;
	px_diag quiet = PX_DIAG_INIT;
	px_oid oid;
	size_t nrow = 0, i, k;
	int rc = -1, r;
	qs q;

	memset(&h, 0, sizeof h);
	/* only a note the index holds at HEAD: never a path on disk */
	if (!*path || !px_kb_is_note_path(path))
		return not_found(w, rq, rs, d);
	if (px_db_site_note(&row, &nrow, w->index, path, d) < 0)
		goto cleanup;
	if (!nrow)
		goto missing;
	if (version) {
		if (!is_oid(version) || px_oid_parse(&oid, version) < 0 ||
		    !px_store_has_commit(w->store, &oid))
			goto missing;
		r = px_store_read(w->store, &oid, path, &src, d);
	} else {
		if (px_oid_parse(&oid, row[0].blob) < 0) {
			px_diag_add(d, path, 0, 0, PX_SEV_ERROR, "git", MSG_BAD_OID, row[0].blob);
			goto cleanup;
		}
		r = px_store_blob(w->store, &oid, path, PX_NOTE_MAX, &src, d);
	}
	if (r < 0)
		goto cleanup;
	if (r > 0)
		goto missing;
	ho.path = path;
	if (px_history_log(&h, w->store, cb, &ho, d) < 0)
		goto cleanup;

	page_open(&xml, w, rq, "note");
	px_buf_puts(&xml, "<note-page");
	px_xml_attr(&xml, "path", path);
	if (version)
		px_xml_attr(&xml, "version", version);
	attr_href2(&xml, "head", "/notes/", path, NULL, rq->lang);
	if (px_note_parse(&n, path, src.ptr, src.len, cb, &quiet) < 0) {
		/* an old version that no longer reads: said, not shown */
		px_buf_puts(&xml, "><unreadable/>");
	} else {
		val_attr(&xml, "community", &n->community);
		val_attr(&xml, "cycle", &n->cycle);
		if (n->session > 0)
			px_xml_attr_int(&xml, "session", n->session);
		val_attr(&xml, "date", &n->date);
		px_xml_attr(&xml, "lang", n->lang.s && !strcmp(n->lang.s, "fr") ? "fr" : "nl");
		if (n->attendance >= 0)
			px_xml_attr_int(&xml, "attendance", n->attendance);
		val_attr(&xml, "author", &n->author);
		px_buf_puts(&xml, ">");
		if (n->title.s)
			px_xml_element(&xml, "title", NULL, n->title.s);
		if (n->summary.s)
			px_xml_element(&xml, "summary", NULL, n->summary.s);
		for (k = 0; k < n->methods.n; k++) {
			const px_method *m = px_codebook_method(cb, n->methods.v[k].s);
			const char *id = n->methods.v[k].s ? n->methods.v[k].s : "";
			px_buf_puts(&xml, "<method");
			px_xml_attr(&xml, "id", id);
			px_buf_puts(&xml, ">");
			px_xml_element(&xml, "label", "nl", m ? m->label[PX_LANG_NL] : id);
			px_xml_element(&xml, "label", "fr", m ? m->label[PX_LANG_FR] : id);
			px_buf_puts(&xml, "</method>");
		}
		note_codes(&xml, cb, n, rq->lang);
		for (k = 0; k < n->nsegs; k++) {
			if (n->segs[k].task < 0)
				continue;
			px_buf_puts(&xml, "<followup");
			px_xml_attr_int(&xml, "line", n->segs[k].first_line);
			px_xml_attr(&xml, "done", n->segs[k].task ? "true" : "false");
			px_buf_puts(&xml, ">");
			px_buf_xml_str(&xml, n->segs[k].text);
			px_buf_puts(&xml, "</followup>");
		}
		px_buf_puts(&xml, "<body");
		px_xml_attr_int(&xml, "line", n->body_line > 0 ? n->body_line : 1);
		px_buf_puts(&xml, ">");
		if (px_note_body_xml(n, src.ptr, src.len, cb, &xml) < 0) {
			px_diag_add(d, path, 0, 0, PX_SEV_ERROR, "environment", MSG_OOM);
			goto cleanup;
		}
		px_buf_puts(&xml, "</body>");
	}
	/* its history: every commit that changed it, newest first */
	px_buf_puts(&xml, "<history>");
	for (i = 0; i < h.nentries; i++) {
		const px_history_entry *e = &h.entries[i];
		const px_history_commit *c = &h.commits[e->commit];
		static const char *const changes[] = { "added", "modified", "deleted", "renamed" };
		char when[PX_HISTORY_TIME_SIZE];
		const char *subject;
		size_t slen;
		px_buf sub = PX_BUF_INIT;

		px_history_time(when, c);
		subject = px_history_subject(c, &slen);
		px_buf_put(&sub, subject, slen);
		px_buf_puts(&xml, "<commit");
		px_xml_attr(&xml, "id", c->hex);
		px_xml_attr(&xml, "time", when);
		px_xml_attr(&xml, "author", c->author ? c->author : "");
		px_xml_attr(&xml, "change", changes[e->change]);
		if (e->change != PX_CHANGE_DELETED) {
			q.n = 0;
			qs_add(&q, "version", c->hex);
			attr_href2(&xml, "href", "/notes/", path, &q, rq->lang);
		}
		if (version && !strcmp(version, c->hex))
			px_xml_attr(&xml, "current", "true");
		px_buf_puts(&xml, ">");
		px_buf_xml_str(&xml, sub.ptr);
		px_buf_puts(&xml, "</commit>");
		px_buf_free(&sub);
	}
	px_buf_puts(&xml, "</history></note-page></page>\n");
	rc = render(rq, &xml, 200, rs, d);
	goto cleanup;
missing:
	rc = not_found(w, rq, rs, d);
cleanup:
	px_db_notes_free(row, nrow);
	px_history_free(&h);
	px_note_free(n);
	px_diag_free(&quiet);
	px_buf_free(&xml);
	px_buf_free(&src);
	return rc;
}
