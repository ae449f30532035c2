#include "search.h"

#include <stdlib.h>
#include <string.h>

const char *const px_search_kinds[] = { "quote", "followup", "paragraph", "item", "row", NULL };

void px_scope_word(px_buf *b, char filter, const char *value)
{
	/* 48 bits of the value's digest, in base 36 with a digit first: short
	 * words keep the index small (two values meeting is a chance of one
	 * in 2^48 per pair) */
	static const char digits[] = "0123456789abcdefghijklmnopqrstuvwxyz";
	unsigned long long h = px_fnv1a(PX_FNV_INIT, value, strlen(value)) & 0xffffffffffffULL;
	char w[16];
	int n = 0;

	do {
		w[n++] = digits[h % 36];
		h /= 36;
	} while (h);
	if (b->len)
		px_buf_putc(b, ' ');
	px_buf_printf(b, "zz%c0", filter);
	while (n)
		px_buf_putc(b, w[--n]);
}

/* The FTS5 expression: the user's, and the filters as scope words. */
static void fts_expression(px_buf *e, const px_query *q, const px_search_filters *f)
{
	px_buf words = PX_BUF_INIT;
	size_t i;

	if (f->community)
		px_scope_word(&words, 'c', f->community);
	if (f->cycle)
		px_scope_word(&words, 'y', f->cycle);
	if (f->lang)
		px_scope_word(&words, 'l', f->lang);
	if (f->kind >= 0)
		px_scope_word(&words, 'k', px_search_kinds[f->kind]);
	for (i = 0; i < q->ncodes; i++)
		px_scope_word(&words, 'x', q->codes[i]->id);
	if (!words.len) {
		px_buf_puts(e, q->fts.ptr);
	} else {
		char *w, *save = NULL;
		if (q->fts.len)
			px_buf_printf(e, "(%s)", q->fts.ptr);
		for (w = strtok_r(words.ptr, " ", &save); w; w = strtok_r(NULL, " ", &save))
			px_buf_printf(e, "%sscope:%s", e->len ? " AND " : "", w);
	}
	px_buf_free(&words);
}

/* The FROM and WHERE shared by the hit list and the count, with the
 * values bound in the order they appear. With a text query, FTS5 answers
 * every filter but the dates through the scope words. */
static int use_fts(const px_query *q)
{
	return q->fts.len > 0 || q->ncodes > 0;
}

static void build_where(px_buf *sql, const px_query *q, const px_search_filters *f)
{
	size_t i;

	if (use_fts(q)) {
		if (!f->since && !f->until) {
			px_buf_puts(sql, " FROM segments_fts f WHERE segments_fts MATCH ?");
			return;
		}
		px_buf_puts(sql, " FROM segments_fts f JOIN segments s ON s.id = f.rowid"
				 " JOIN notes n ON n.id = s.note WHERE segments_fts MATCH ?");
		if (f->since)
			px_buf_puts(sql, " AND n.date >= ?");
		if (f->until)
			px_buf_puts(sql, " AND n.date <= ?");
		return;
	}
	px_buf_puts(sql, " FROM segments s JOIN notes n ON n.id = s.note WHERE 1");
	if (f->community)
		px_buf_puts(sql, " AND n.community = ?");
	if (f->cycle)
		px_buf_puts(sql, " AND n.cycle = ?");
	if (f->lang)
		px_buf_puts(sql, " AND n.lang = ?");
	if (f->since)
		px_buf_puts(sql, " AND n.date >= ?");
	if (f->until)
		px_buf_puts(sql, " AND n.date <= ?");
	if (f->kind == 1)
		px_buf_puts(sql, " AND s.task IS NOT NULL");
	else if (f->kind >= 0)
		px_buf_puts(sql, " AND s.kind = ?");
	for (i = 0; i < q->ncodes; i++)
		px_buf_puts(sql, " AND s.id IN (SELECT segment FROM segment_codes WHERE code = ?)");
}

static int bind_where(sqlite3_stmt *st, const px_query *q, const px_search_filters *f,
		      const px_buf *expr)
{
	int k = 1;
	size_t i;

	if (use_fts(q)) {
		sqlite3_bind_text(st, k++, expr->ptr, -1, SQLITE_STATIC);
		if (f->since)
			sqlite3_bind_text(st, k++, f->since, -1, SQLITE_STATIC);
		if (f->until)
			sqlite3_bind_text(st, k++, f->until, -1, SQLITE_STATIC);
		return k;
	}
	if (f->community)
		sqlite3_bind_text(st, k++, f->community, -1, SQLITE_STATIC);
	if (f->cycle)
		sqlite3_bind_text(st, k++, f->cycle, -1, SQLITE_STATIC);
	if (f->lang)
		sqlite3_bind_text(st, k++, f->lang, -1, SQLITE_STATIC);
	if (f->since)
		sqlite3_bind_text(st, k++, f->since, -1, SQLITE_STATIC);
	if (f->until)
		sqlite3_bind_text(st, k++, f->until, -1, SQLITE_STATIC);
	if (f->kind >= 0 && f->kind != 1)
		sqlite3_bind_text(st, k++, px_search_kinds[f->kind], -1, SQLITE_STATIC);
	for (i = 0; i < q->ncodes; i++)
		sqlite3_bind_text(st, k++, q->codes[i]->id, -1, SQLITE_STATIC);
	return k;
}

static int by_score(const void *a, const void *b)
{
	const px_hit *x = a, *y = b;

	if (x->score != y->score)
		return x->score < y->score ? -1 : 1;
	return x->id < y->id ? 1 : x->id > y->id ? -1 : 0;
}

int px_search_run(sqlite3 *db, const px_query *q, const px_search_filters *f,
		  px_search_result *out)
{
	sqlite3_stmt *cand = NULL, *cnt = NULL;
	px_buf sql = PX_BUF_INIT, where = PX_BUF_INIT, expr = PX_BUF_INIT;
	size_t cap = 0;
	long window = f->limit ? PX_SEARCH_WINDOW : -1;
	int rc, fts = use_fts(q);

	memset(out, 0, sizeof *out);
	if (f->limit > window && window > 0)
		window = f->limit;
	build_where(&where, q, f);
	if (fts)
		fts_expression(&expr, q, f);
	if (fts)
		px_buf_printf(&sql, "SELECT f.rowid, bm25(segments_fts, 1.0, 0.3, 0.0)%s ORDER BY f.rowid DESC LIMIT %ld",
			      where.ptr, window);
	else
		px_buf_printf(&sql, "SELECT s.id, 0.0%s ORDER BY s.id DESC LIMIT %ld", where.ptr,
			      f->limit ? f->limit : -1L);
	rc = sqlite3_prepare_v2(db, sql.ptr, -1, &cand, NULL);
	if (rc != SQLITE_OK)
		goto cleanup;
	px_buf_clear(&sql);
	px_buf_printf(&sql, "SELECT count(*) FROM (SELECT 1%s LIMIT %d)", where.ptr, PX_SEARCH_COUNT_CAP + 1);
	rc = sqlite3_prepare_v2(db, sql.ptr, -1, &cnt, NULL);
	if (rc != SQLITE_OK)
		goto cleanup;
	bind_where(cand, q, f, &expr);
	while ((rc = sqlite3_step(cand)) == SQLITE_ROW) {
		if (out->n == cap) {
			px_hit *p = realloc(out->hits, (cap = cap ? cap * 2 : 64) * sizeof *p);
			if (!p) {
				rc = SQLITE_NOMEM;
				goto cleanup;
			}
			out->hits = p;
		}
		out->hits[out->n].id = sqlite3_column_int64(cand, 0);
		out->hits[out->n].score = sqlite3_column_double(cand, 1);
		out->n++;
	}
	if (rc != SQLITE_DONE)
		goto cleanup;
	bind_where(cnt, q, f, &expr);
	rc = sqlite3_step(cnt);
	if (rc != SQLITE_ROW)
		goto cleanup;
	out->total = (long)sqlite3_column_int64(cnt, 0);
	out->capped = out->total > PX_SEARCH_COUNT_CAP;
	if (out->capped)
		out->total = PX_SEARCH_COUNT_CAP;
	if (fts && out->n > 1)
		qsort(out->hits, out->n, sizeof *out->hits, by_score);
	if (f->limit && out->n > (size_t)f->limit)
		out->n = (size_t)f->limit;
	rc = SQLITE_OK;
cleanup:
	sqlite3_finalize(cand);
	sqlite3_finalize(cnt);
	px_buf_free(&sql);
	px_buf_free(&where);
	px_buf_free(&expr);
	return rc;
}

void px_search_result_free(px_search_result *r)
{
	free(r->hits);
	memset(r, 0, sizeof *r);
}

void px_search_row_sql(px_buf *sql)
{
	px_buf_puts(sql, "SELECT n.path, n.community, n.cycle, n.session, n.date, n.lang, s.line,"
			 " s.kind, s.heading, s.id, s.task, s.text FROM segments s"
			 " JOIN notes n ON n.id = s.note WHERE s.id = ?1");
}

char **px_search_snippets(sqlite3 *db, const px_query *q, const px_search_result *res,
			  const char *on, const char *off)
{
	char **out = calloc(res->n + 1, sizeof *out);
	px_buf sql = PX_BUF_INIT, ids = PX_BUF_INIT;
	sqlite3_stmt *st = NULL;
	size_t i;
	/* a prefix makes FTS5 merge the doclists of every word it starts:
	 * once for all hits rather than once per hit */
	int batch = strchr(q->fts.ptr, '*') != NULL;

	if (!out || !q->fts.len || !res->n)
		return out;
	px_buf_printf(&sql, "SELECT rowid, snippet(segments_fts, 0, '%s', '%s', '…', 24) FROM segments_fts"
			    " WHERE segments_fts MATCH ?1 AND %s", on, off,
		      batch ? "+rowid IN (SELECT value FROM json_each(?2))" : "rowid = ?2");
	if (sqlite3_prepare_v2(db, sql.ptr, -1, &st, NULL) != SQLITE_OK)
		goto done;
	sqlite3_bind_text(st, 1, q->fts.ptr, -1, SQLITE_STATIC);
	if (batch) {
		px_buf_putc(&ids, '[');
		for (i = 0; i < res->n; i++)
			px_buf_printf(&ids, "%s%lld", i ? "," : "", (long long)res->hits[i].id);
		px_buf_putc(&ids, ']');
		sqlite3_bind_text(st, 2, ids.ptr, -1, SQLITE_STATIC);
		while (sqlite3_step(st) == SQLITE_ROW) {
			sqlite3_int64 id = sqlite3_column_int64(st, 0);
			for (i = 0; i < res->n; i++)
				if (res->hits[i].id == id && !out[i])
					out[i] = strdup((const char *)sqlite3_column_text(st, 1));
		}
	} else {
		for (i = 0; i < res->n; i++) {
			sqlite3_bind_int64(st, 2, res->hits[i].id);
			if (sqlite3_step(st) == SQLITE_ROW)
				out[i] = strdup((const char *)sqlite3_column_text(st, 1));
			sqlite3_reset(st);
		}
	}
done:
	sqlite3_finalize(st);
	px_buf_free(&sql);
	px_buf_free(&ids);
	return out;
}

void px_search_snippets_free(char **snippets, size_t n)
{
	size_t i;

	for (i = 0; snippets && i < n; i++)
		free(snippets[i]);
	free(snippets);
}
