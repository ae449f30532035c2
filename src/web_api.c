/*
 * web_api.c - the JSON API of `praxis serve` (doc/serve.md): search,
 * stats, the codebook, a code's segments, a note. Each answer has the
 * shape of the matching command's --format json (doc/json.md), written
 * by the same functions (px_search_json_fields and px_facets_json,
 * px_stats_json, px_codes_json): search's answer is `search --facets`'s;
 * ?format=csv gives a list as the command's CSV. A parameter that cannot
 * be read is a 400 with the message the command gives for it.
 */
#include "web.h"

#include <stdlib.h>
#include <string.h>

#include "codes.h"
#include "csv.h"
#include "cycle.h"
#include "facets.h"
#include "json.h"
#include "matrix.h"
#include "note.h"
#include "opt.h"
#include "query.h"
#include "search.h"
#include "sheet.h"
#include "stats.h"
#include "web_cache.h"

/* The most hits one answer gives, and the deepest page. */
#define MAX_LIMIT 10000L
#define MAX_OFFSET 10000L
/* A code's page: any size, any depth (SQL pages it). */
#define MAX_CODE_LIMIT 1000000000L

static const char *const formats[] = { "json", "csv", NULL };

/* The index of `v` in `choices` (NULL: 0, the default), or -1 after a
 * 400 answer naming the parameter. */
static int choice(px_web_response *rs, const px_web_request *rq, const char *name,
		  const char *const *choices)
{
	const char *v = px_web_arg(rq, name);
	px_buf list = PX_BUF_INIT;
	int i;

	if (!v)
		return 0;
	for (i = 0; choices[i]; i++)
		if (!strcmp(v, choices[i]))
			return i;
	for (i = 0; choices[i]; i++)
		px_buf_printf(&list, "%s%s", i ? ", " : "", choices[i]);
	px_web_error(rs, rq, 400, MSG_WEB_BAD_PARAM, name, v, list.ptr);
	px_buf_free(&list);
	return -1;
}

/* A whole number from lo to hi (`def` when absent), or -1 after a 400. */
static long number(px_web_response *rs, const px_web_request *rq, const char *name, long def,
		   long lo, long hi)
{
	const char *v = px_web_arg(rq, name);
	long n;

	if (!v)
		return def;
	if (px_whole_number(v, lo, hi, &n) < 0) {
		px_web_error(rs, rq, 400, MSG_WEB_BAD_NUMBER, name, lo, hi, v);
		return -1;
	}
	return n;
}

/* A known community id, or NULL after a 404-free 400 (as the CLI). */
static int community(px_web_response *rs, const px_web_request *rq, const px_kb *kb,
		     const char **out)
{
	const char *v = px_web_arg(rq, "community"), *hint;

	*out = NULL;
	if (!v)
		return 0;
	if (px_kb_community(kb, v)) {
		*out = v;
		return 0;
	}
	if ((hint = px_kb_community_hint(kb, v)))
		px_web_error(rs, rq, 400, MSG_UNKNOWN_COMMUNITY_HINT, v, hint);
	else
		px_web_error(rs, rq, 400, MSG_UNKNOWN_COMMUNITY, v);
	return -1;
}

static int cycle(px_web_response *rs, const px_web_request *rq, const char **out)
{
	const char *v = px_web_arg(rq, "cycle");
	int year;

	*out = v;
	if (v && px_cycle_parse(v, &year) < 0) {
		px_web_error(rs, rq, 400, MSG_BAD_CYCLE, v);
		return -1;
	}
	return 0;
}

/* A code as the CLI reads one (id or alias, '#' or not), or NULL after
 * an answer with `status`. */
static const px_code *code_arg(px_web_response *rs, const px_web_request *rq, const px_kb *kb,
			       const char *s, int status)
{
	const char *tag = *s == '#' ? s + 1 : s, *hint;
	const px_code *c = *tag ? px_codebook_resolve(kb->cb, tag, strlen(tag)) : NULL;

	if (c)
		return c;
	if ((hint = *tag ? px_codebook_suggest(kb->cb, tag) : NULL))
		px_web_error(rs, rq, status, MSG_UNKNOWN_CODE_HINT, s, hint);
	else
		px_web_error(rs, rq, status, MSG_UNKNOWN_CODE, s);
	return NULL;
}

static void csv_answer(px_web_response *rs, const px_table *t, const char *filename)
{
	px_buf_clear(&rs->body);
	if (px_csv_table(&rs->body, t) < 0 && !px_buf_failed(&rs->body))
		rs->body.err = PX_BUF_ENOMEM;
	rs->type = "text/csv; charset=utf-8";
	rs->filename = filename;
}

static void json_answer(px_web_response *rs)
{
	rs->type = "application/json; charset=utf-8";
}

/* ------------------------------------------------------------ search */

/* The filters of `praxis search`, from the parameters, with its checks.
 * 0, or -1 after a 400 answer. */
static int search_filters(px_search_filters *f, px_web_response *rs, const px_web_request *rq,
			  const px_kb *kb)
{
	static const char *const langs[] = { "nl", "fr", NULL };
	const char *v;
	int y, m, dd, k;

	if (community(rs, rq, kb, &f->community) < 0 || cycle(rs, rq, &f->cycle) < 0)
		return -1;
	if ((v = px_web_arg(rq, "lang"))) {
		if (choice(rs, rq, "lang", langs) < 0)
			return -1;
		f->lang = v;
	}
	if (px_web_arg(rq, "kind")) {
		if ((k = choice(rs, rq, "kind", px_search_kinds)) < 0)
			return -1;
		f->kind = k;
	}
	if ((v = px_web_arg(rq, "since")) && px_date_parse(v, &y, &m, &dd) < 0)
		return px_web_error(rs, rq, 400, MSG_BAD_DATE, v), -1;
	f->since = v;
	if ((v = px_web_arg(rq, "until")) && px_date_parse(v, &y, &m, &dd) < 0)
		return px_web_error(rs, rq, 400, MSG_BAD_DATE, v), -1;
	f->until = v;
	/* one note, by its path in the knowledge base (as --note) */
	if ((v = px_web_arg(rq, "note")) && !px_kb_is_note_path(v))
		return px_web_error(rs, rq, 400, MSG_NOT_NOTE_PATH, v), -1;
	f->note = v;
	return 0;
}

int px_web_api_search(px_web *w, const px_web_request *rq, px_web_response *rs, px_diag *d)
{
	px_search_filters f = PX_SEARCH_FILTERS_INIT;
	px_search_result res;
	px_facets fc;
	px_json j;
	px_diag qd = PX_DIAG_INIT;
	px_buf text = PX_BUF_INIT;
	px_query q;
	px_table t;
	const char *qs = px_web_arg(rq, "q");
	long limit, offset;
	size_t i, ncodes = 0;
	int by_date, format, rc = 0, parsed;

	memset(&q, 0, sizeof q);
	memset(&res, 0, sizeof res);
	memset(&fc, 0, sizeof fc);
	if (search_filters(&f, rs, rq, w->kb) < 0 ||
	    (limit = number(rs, rq, "limit", 20, 1, MAX_LIMIT)) < 0 ||
	    (offset = number(rs, rq, "offset", 0, 0, MAX_OFFSET)) < 0 ||
	    (by_date = choice(rs, rq, "sort", (const char *const[]){ "rank", "date", NULL })) < 0 ||
	    (format = choice(rs, rq, "format", formats)) < 0)
		goto cleanup;
	for (i = 0; i < rq->nparams; i++)
		ncodes += !strcmp(rq->params[i].name, "code");
	if ((!qs || !*qs) && !ncodes) {
		px_web_error(rs, rq, 400, MSG_EMPTY_QUERY);
		goto cleanup;
	}
	/* the words are the query language's; each code= is one more
	 * filter, shown after them (as `praxis search WORDS --code C`) */
	parsed = px_query_parse(&q, qs ? qs : "", w->kb->cb, &qd);
	px_buf_puts(&text, qs ? qs : "");
	for (i = 0; i < rq->nparams; i++) {
		const char *c = rq->params[i].value;
		if (strcmp(rq->params[i].name, "code"))
			continue;
		if (parsed == 0 && px_query_add_code(&q, c, w->kb->cb, &qd) < 0)
			parsed = -1;
		px_buf_printf(&text, " #%s", c[0] == '#' ? c + 1 : c);
	}
	if (parsed < 0) {
		px_web_error_diag(rs, rq, 400, &qd);
		goto cleanup;
	}
	if (!q.fts.len && !q.ncodes) {
		px_web_error(rs, rq, 400, MSG_EMPTY_QUERY);
		goto cleanup;
	}
	/* by rank: the best offset+limit (as `search --limit`); by date:
	 * the whole window ordered by date, then paged, as the search page
	 * pages it (the best offset+limit ordered by date would give each
	 * page other hits than the page shows) */
	f.limit = limit + offset;
	if (by_date && f.limit < PX_SEARCH_WINDOW)
		f.limit = PX_SEARCH_WINDOW;
	rc = px_search_run(&res, w->index, &q, &f, d);
	if (!rc)
		rc = px_search_gather(&res, w->index, &q, d);
	/* the facets count what `total` counts (as `search --facets`) */
	if (!rc && format == 0)
		rc = px_facets_gather(&fc, w->index, &q, &f, PX_SEARCH_COUNT_CAP, d);
	if (rc == PX_DB_EQUERY) {
		px_web_error(rs, rq, 400, MSG_BAD_QUERY, text.ptr);
		rc = 0;
		goto cleanup;
	}
	if (rc < 0)
		goto cleanup;
	if (by_date)
		px_search_sort_by_date(&res);
	/* the page: the hits before it and after it are dropped */
	if (offset) {
		size_t drop = (size_t)offset < res.n ? (size_t)offset : res.n;
		for (i = 0; i < drop; i++)
			px_db_hit_clear(&res.hits[i]);
		memmove(res.hits, res.hits + drop, (res.n - drop) * sizeof *res.hits);
		res.n -= drop;
	}
	for (i = (size_t)limit; i < res.n; i++)
		px_db_hit_clear(&res.hits[i]);
	if (res.n > (size_t)limit)
		res.n = (size_t)limit;
	if (format == 1) {
		px_sheet_segments_init(&t, "search");
		for (i = 0; i < res.n; i++)
			px_sheet_segment(&t, &res.hits[i].seg, res.hits[i].codes, res.hits[i].ncodes);
		csv_answer(rs, &t, "search.csv");
		px_table_free(&t);
	} else {
		px_json_init(&j, &rs->body);
		px_json_object(&j);
		px_search_json_fields(&j, text.ptr, &res, w->kb->cb);
		px_json_key(&j, "facets");
		px_facets_json(&j, &fc, w->kb);
		px_json_end(&j);
		json_answer(rs);
	}
cleanup:
	px_search_result_free(&res);
	px_facets_free(&fc);
	px_query_free(&q);
	px_buf_free(&text);
	px_diag_free(&qd);
	return rc < 0 ? -1 : 0;
}

/* ------------------------------------------------------------- stats */

int px_web_api_stats(px_web *w, const px_web_request *rq, px_web_response *rs, px_diag *d)
{
	static const char *const langs[] = { "nl", "fr", NULL };
	px_stats_opts o = PX_STATS_OPTS_INIT;
	const px_code **codes = NULL;
	const char *v;
	px_stats s;
	px_table t[3];
	px_lang lang = rq->lang;
	int by, format, rc = 0, l;

	memset(&s, 0, sizeof s);
	if (cycle(rs, rq, &o.cycle) < 0 || community(rs, rq, w->kb, &o.community) < 0 ||
	    (by = choice(rs, rq, "by", px_stats_bys)) < 0 ||
	    (l = choice(rs, rq, "label_lang", langs)) < 0 ||
	    (format = choice(rs, rq, "format", formats)) < 0)
		goto cleanup;
	o.by = (px_db_by)by;
	if (px_web_arg(rq, "label_lang"))
		lang = l ? PX_LANG_FR : PX_LANG_NL;
	if ((v = px_web_arg(rq, "codes"))) {
		char *copy = strdup(v), *word, *save = NULL;
		if (!copy || !(codes = calloc(strlen(v) / 2 + 2, sizeof *codes))) {
			free(copy);
			px_diag_add(d, NULL, 0, 0, PX_SEV_ERROR, "serve", MSG_OOM);
			rc = -1;
			goto cleanup;
		}
		for (word = strtok_r(copy, ", ", &save); word; word = strtok_r(NULL, ", ", &save))
			if (!(codes[o.ncodes++] = code_arg(rs, rq, w->kb, word, 400)))
				break;
		free(copy);
		if (!o.ncodes) {
			px_web_error(rs, rq, 400, MSG_UNKNOWN_CODE, v);
			goto cleanup;
		}
		if (!codes[o.ncodes - 1])
			goto cleanup;
		o.codes = codes;
	}
	rc = px_stats_gather(&s, w->index, &o, d);
	if (rc < 0)
		goto cleanup;
	if (rc == 1) {
		rc = 0;
		if (o.cycle && o.community)
			px_web_error(rs, rq, 404, MSG_NO_NOTES_FOR_COMMUNITY_IN_CYCLE, o.community,
				     o.cycle);
		else if (o.community)
			px_web_error(rs, rq, 404, MSG_NO_NOTES_FOR_COMMUNITY, o.community);
		else if (o.cycle)
			px_web_error(rs, rq, 404, MSG_NO_NOTES_IN_CYCLE, o.cycle);
		else
			px_web_error(rs, rq, 404, MSG_NO_NOTES_YET);
		goto cleanup;
	}
	if (format == 1) {
		/* the CSV of `praxis stats`: its first table, the codes */
		px_stats_tables(t, &s, lang);
		csv_answer(rs, &t[0], "stats.csv");
		px_table_free(&t[0]);
		px_table_free(&t[1]);
		px_table_free(&t[2]);
	} else {
		px_stats_json(&rs->body, &s, &o, lang);
		json_answer(rs);
	}
cleanup:
	px_stats_free(&s);
	free(codes);
	return rc < 0 ? -1 : 0;
}

/* ------------------------------------------------------------ matrix */

/* GET /api/matrix?cols=community|session|code&cycle=&community=: what
 * `praxis codes --matrix COLS --format json|csv` writes. */
int px_web_api_matrix(px_web *w, const px_web_request *rq, px_web_response *rs, px_diag *d)
{
	px_matrix_opts o = PX_MATRIX_OPTS_INIT;
	px_matrix m;
	px_table t;
	int format, cols = 0;

	memset(&m, 0, sizeof m);
	if ((format = choice(rs, rq, "format", formats)) < 0 ||
	    (px_web_arg(rq, "cols") && (cols = choice(rs, rq, "cols", px_matrix_names)) < 0) ||
	    cycle(rs, rq, &o.cycle) < 0 || community(rs, rq, w->kb, &o.community) < 0)
		return 0;
	o.cols = (px_matrix_cols)cols;
	if (px_matrix_gather(&m, w->index, &o, d) < 0) {
		px_matrix_free(&m);
		return -1;
	}
	if (format == 1) {
		px_matrix_table(&t, &m);
		csv_answer(rs, &t, "matrix.csv");
		px_table_free(&t);
	} else {
		px_matrix_json(&rs->body, &m);
		json_answer(rs);
	}
	px_matrix_free(&m);
	return 0;
}

/* ------------------------------------------------------------- codes */

static int codes_answer(px_web *w, const px_web_request *rq, px_web_response *rs,
			const px_code *code, px_diag *d)
{
	px_codes c;
	px_table t;
	int format;

	px_codes_filter f = PX_CODES_FILTER_INIT;
	const char *v;

	memset(&c, 0, sizeof c);
	if ((format = choice(rs, rq, "format", formats)) < 0)
		return 0;
	/* a code's segments narrowed as `praxis codes CODE --cycle
	 * --community --note --with` (a matrix cell's) */
	if (code) {
		if (cycle(rs, rq, &f.cycle) < 0 || community(rs, rq, w->kb, &f.community) < 0)
			return 0;
		if ((v = px_web_arg(rq, "note")) && !px_kb_is_note_path(v))
			return px_web_error(rs, rq, 400, MSG_NOT_NOTE_PATH, v);
		f.note = v;
		if ((v = px_web_arg(rq, "with")) && !(f.with = code_arg(rs, rq, w->kb, v, 400)))
			return 0;
		/* the page (`praxis codes CODE --limit --offset`): all by default */
		if ((px_web_arg(rq, "session") &&
		     (f.session = number(rs, rq, "session", 0, PX_SESSION_MIN, PX_SESSION_MAX)) < 0) ||
		    (px_web_arg(rq, "limit") &&
		     (f.limit = number(rs, rq, "limit", 0, 0, MAX_CODE_LIMIT)) < 0) ||
		    (f.offset = number(rs, rq, "offset", 0, 0, MAX_CODE_LIMIT)) < 0)
			return 0;
	}
	/* the counts are the commit's, kept for the next requests */
	if (px_web_cache_counts(&c, w, d) < 0 ||
	    (code && px_web_cache_code(&c, w, code, &f, d) < 0)) {
		px_codes_free(&c);
		return -1;
	}
	if (format == 1) {
		px_codes_table(&t, &c);
		csv_answer(rs, &t, code ? "segments.csv" : "codes.csv");
		px_table_free(&t);
	} else {
		px_codes_json(&rs->body, &c);
		json_answer(rs);
	}
	px_codes_free(&c);
	return 0;
}

int px_web_api_codes(px_web *w, const px_web_request *rq, px_web_response *rs, px_diag *d)
{
	return codes_answer(w, rq, rs, NULL, d);
}

int px_web_api_code(px_web *w, const px_web_request *rq, px_web_response *rs, px_diag *d)
{
	const px_code *c = code_arg(rs, rq, w->kb, rq->rest, 404);

	return c ? codes_answer(w, rq, rs, c, d) : 0;
}

/* -------------------------------------------------------------- note */

static void json_strv(px_json *j, const char *key, char *const *v, size_t n)
{
	size_t i;

	px_json_key(j, key);
	px_json_array(j);
	for (i = 0; i < n; i++)
		px_json_str(j, v[i]);
	px_json_end(j);
}

/* doc/json.md, "note": the note as indexed at HEAD, its segments with
 * their codes, and its Markdown as committed. */
static void note_json(px_buf *out, const px_db_note *n, const px_db_segment *g, size_t ng,
		      const px_db_coding *c, size_t nc, char *const *themes, size_t nthemes,
		      const px_buf *md)
{
	px_json j;
	size_t i, k;

	px_json_init(&j, out);
	px_json_object(&j);
	px_json_kstr(&j, "path", n->path);
	px_json_kstr(&j, "community", n->community);
	px_json_kstr(&j, "cycle", n->cycle);
	px_json_kint(&j, "session", n->session);
	px_json_kstr(&j, "date", n->date);
	px_json_kstr(&j, "lang", n->lang);
	px_json_kstr(&j, "title", n->title);
	px_json_kstr(&j, "author", n->author);
	px_json_kstr(&j, "summary", n->summary);
	px_json_key(&j, "attendance");
	if (n->attendance < 0)
		px_json_null(&j);
	else
		px_json_int(&j, n->attendance);
	px_json_kstr(&j, "blob", n->blob);
	json_strv(&j, "themes", themes, nthemes);
	px_json_key(&j, "segments");
	px_json_array(&j);
	for (i = 0; i < ng; i++) {
		px_json_object(&j);
		px_json_kint(&j, "line", g[i].line);
		px_json_kint(&j, "last_line", g[i].last_line);
		px_json_kstr(&j, "kind", g[i].kind);
		px_json_kstr(&j, "heading", g[i].heading);
		px_json_key(&j, "task");
		if (g[i].task < 0)
			px_json_null(&j);
		else
			px_json_str(&j, g[i].task ? "done" : "open");
		px_json_key(&j, "codes");
		px_json_array(&j);
		for (k = 0; k < nc; k++)
			if (c[k].segment == g[i].id)
				px_json_str(&j, c[k].code);
		px_json_end(&j);
		px_json_kstr(&j, "text", g[i].text);
		px_json_end(&j);
	}
	px_json_end(&j);
	px_json_kstr(&j, "markdown", md->ptr);
	px_json_end(&j);
}

int px_web_api_note(px_web *w, const px_web_request *rq, px_web_response *rs, px_diag *d)
{
	px_db_note *n = NULL;
	px_db_segment *g = NULL;
	px_db_coding *c = NULL;
	char **themes = NULL;
	size_t ng = 0, nc = 0, nt = 0;
	px_buf md = PX_BUF_INIT;
	px_oid blob;
	int rc;

	/* only a note the index holds: the committed tree's regular files,
	 * by their relative path (no "..", no absolute path, no link) */
	if (!px_kb_is_note_path(rq->rest))
		return px_web_error(rs, rq, 404, MSG_WEB_NO_NOTE, rq->rest);
	rc = px_db_note_at(&n, w->index, rq->rest, d);
	if (rc == 1)
		return px_web_error(rs, rq, 404, MSG_WEB_NO_NOTE, rq->rest);
	if (rc < 0)
		return -1;
	rc = -1;
	if (px_db_export_segments(&g, &ng, w->index, n->id, d) < 0 ||
	    px_db_export_codings(&c, &nc, w->index, n->id, d) < 0 ||
	    px_db_export_themes(&themes, &nt, w->index, n->id, d) < 0)
		goto cleanup;
	if (px_oid_parse(&blob, n->blob) < 0) {
		px_web_error(rs, rq, 404, MSG_WEB_NO_NOTE, rq->rest);
		rc = 0;
		goto cleanup;
	}
	rc = px_store_blob(w->store, &blob, n->path, PX_NOTE_MAX, &md, d);
	if (rc < 0)
		goto cleanup;
	note_json(&rs->body, n, g, ng, c, nc, themes, nt, &md);
	json_answer(rs);
	rc = 0;
cleanup:
	px_db_notes_free(n, 1);
	px_db_segments_free(g, ng);
	px_db_codings_free(c, nc);
	px_strv_free(themes, nt);
	px_buf_free(&md);
	return rc;
}
