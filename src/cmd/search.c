/*
 * praxis search QUERY [filters] [--limit N] [--format text|json]
 *
 * Segments ranked by bm25 (FTS5 with the praxis tokenizer: Dutch and
 * French stems, accents folded); hashtags in the query filter by code.
 * The JSON shape is documented in doc/search.md.
 */
#include <stdlib.h>
#include <string.h>

#include "../cmd.h"
#include "../note.h"
#include "../opt.h"
#include "../query.h"

enum { OPT_COMMUNITY = 1, OPT_CYCLE, OPT_CODE, OPT_LANG, OPT_KIND, OPT_SINCE, OPT_UNTIL,
       OPT_LIMIT, OPT_FORMAT, OPT_HELP };

#define MARK_ON "\x01"
#define MARK_OFF "\x02"

typedef struct {
	const char *community, *cycle, *lang, *since, *until;
	int kind; /* index into kinds, -1: any */
	long limit;
	int json;
} filters;

static const char *const kinds[] = { "quote", "followup", "paragraph", "item", "row", NULL };

/* The FROM and WHERE shared by the hit list and the count, with the
 * values bound in the order they appear. */
static void build_where(px_buf *sql, const px_query *q, const filters *f)
{
	size_t i;

	if (q->fts.len)
		px_buf_puts(sql, " FROM segments_fts f JOIN segments s ON s.id = f.rowid"
				 " JOIN notes n ON n.id = s.note WHERE segments_fts MATCH ?");
	else
		px_buf_puts(sql, " FROM segments s JOIN notes n ON n.id = s.note WHERE 1");
	/* without filters on the notes, the FTS table alone answers */
	if (q->fts.len && !f->community && !f->cycle && !f->lang && !f->since && !f->until &&
	    f->kind < 0 && !q->ncodes) {
		px_buf_clear(sql);
		px_buf_puts(sql, " FROM segments_fts f WHERE segments_fts MATCH ?");
		return;
	}
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

static int bind_where(sqlite3_stmt *st, const px_query *q, const filters *f)
{
	int k = 1;
	size_t i;

	if (q->fts.len)
		sqlite3_bind_text(st, k++, q->fts.ptr, -1, SQLITE_STATIC);
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
		sqlite3_bind_text(st, k++, kinds[f->kind], -1, SQLITE_STATIC);
	for (i = 0; i < q->ncodes; i++)
		sqlite3_bind_text(st, k++, q->codes[i]->id, -1, SQLITE_STATIC);
	return k;
}

/* Replaces the match markers: ANSI bold on a terminal, **word** else. */
static void put_snippet(px_buf *out, const char *s, int color, int json)
{
	px_buf tmp = PX_BUF_INIT;

	for (; *s; s++) {
		if (*s == MARK_ON[0])
			px_buf_puts(&tmp, color ? "\033[1;33m" : "**");
		else if (*s == MARK_OFF[0])
			px_buf_puts(&tmp, color ? "\033[0m" : "**");
		else if (*s == '\n')
			px_buf_putc(&tmp, ' ');
		else
			px_buf_putc(&tmp, *s);
	}
	if (json)
		px_buf_json_str(out, tmp.ptr);
	else
		px_buf_puts(out, tmp.ptr);
	px_buf_free(&tmp);
}

static int query_error(sqlite3 *db, const char *text, px_diag *d)
{
	const char *m = sqlite3_errmsg(db);

	if (strstr(m, "fts5") || strstr(m, "syntax") || strstr(m, "no such column") ||
	    strstr(m, "unknown special query"))
		px_error(MSG_BAD_QUERY, text);
	else
		px_index_error(d, db);
	return PX_EXIT_USAGE;
}

static void put_codes(px_buf *out, sqlite3_stmt *codes, sqlite3_int64 seg, int json)
{
	int first = 1;

	sqlite3_bind_int64(codes, 1, seg);
	while (sqlite3_step(codes) == SQLITE_ROW) {
		const char *c = (const char *)sqlite3_column_text(codes, 0);
		if (json) {
			px_buf_puts(out, first ? "\"" : ", \"");
			px_buf_json_str(out, c);
			px_buf_putc(out, '"');
		} else {
			px_buf_printf(out, "%s#%s", first ? "" : " ", c);
		}
		first = 0;
	}
	sqlite3_reset(codes);
}

/* How many matching segments are ranked: the most recent ones (highest
 * ids: later cycles, later commits). Ranking every match of a word found
 * in a fifth of a million segments costs half a second and changes
 * nothing a reader sees in the first twenty hits. --limit 0 ranks all. */
#define WINDOW 2000
/* Counting stops here; above it the total is a lower bound. */
#define COUNT_CAP 10000

typedef struct {
	sqlite3_int64 id;
	double score;
} hit;

static int by_score(const void *a, const void *b)
{
	const hit *x = a, *y = b;

	if (x->score != y->score)
		return x->score < y->score ? -1 : 1;
	return x->id < y->id ? 1 : x->id > y->id ? -1 : 0;
}

static int prepare(sqlite3 *db, const char *sql, sqlite3_stmt **st)
{
	return sqlite3_prepare_v2(db, sql, -1, st, NULL) == SQLITE_OK ? 0 : -1;
}

static int run_search(px_ctx *ctx, const char *text, const px_query *q, const filters *f, px_diag *d)
{
	sqlite3 *db = ctx->index->db;
	sqlite3_stmt *cand = NULL, *cnt = NULL, *row = NULL, *codes = NULL;
	px_buf sql = PX_BUF_INIT, where = PX_BUF_INIT, out = PX_BUF_INIT;
	hit *hits = NULL;
	size_t nhits = 0, cap = 0, i;
	long total = 0, shown = 0, window = f->limit ? WINDOW : -1;
	int rc, capped, fts = q->fts.len > 0, status = PX_EXIT_USAGE;

	if (f->limit > window && window > 0)
		window = f->limit;
	build_where(&where, q, f);

	/* 1. the candidates: the newest matches, with their score */
	if (fts)
		px_buf_printf(&sql, "SELECT f.rowid, bm25(segments_fts, 1.0, 0.3)%s ORDER BY f.rowid DESC LIMIT %ld",
			      where.ptr, window);
	else
		px_buf_printf(&sql, "SELECT s.id, 0.0%s ORDER BY s.id DESC LIMIT %ld", where.ptr,
			      f->limit ? f->limit : -1L);
	/* 2. the total, counted up to a cap */
	if (prepare(db, sql.ptr, &cand) < 0)
		goto query_error;
	px_buf_clear(&sql);
	px_buf_printf(&sql, "SELECT count(*) FROM (SELECT 1%s LIMIT %d)", where.ptr, COUNT_CAP + 1);
	if (prepare(db, sql.ptr, &cnt) < 0)
		goto query_error;
	/* 3. what is shown of each hit */
	px_buf_clear(&sql);
	px_buf_puts(&sql, "SELECT n.path, n.community, n.cycle, n.session, n.date, n.lang, s.line,"
			  " s.kind, s.heading, s.id, s.task, ");
	if (fts)
		px_buf_printf(&sql, "snippet(segments_fts, 0, '%s', '%s', '…', 24) FROM segments_fts"
				    " JOIN segments s ON s.id = segments_fts.rowid JOIN notes n ON n.id = s.note"
				    " WHERE segments_fts MATCH ?1 AND segments_fts.rowid = ?2", MARK_ON, MARK_OFF);
	else
		px_buf_puts(&sql, "s.text FROM segments s JOIN notes n ON n.id = s.note WHERE s.id = ?2 AND ?1 IS ?1");
	if (prepare(db, sql.ptr, &row) < 0 ||
	    prepare(db, "SELECT code FROM segment_codes WHERE segment = ? ORDER BY code", &codes) < 0)
		goto query_error;

	bind_where(cand, q, f);
	while ((rc = sqlite3_step(cand)) == SQLITE_ROW) {
		if (nhits == cap) {
			hit *p = realloc(hits, (cap = cap ? cap * 2 : 64) * sizeof *p);
			if (!p)
				goto cleanup;
			hits = p;
		}
		hits[nhits].id = sqlite3_column_int64(cand, 0);
		hits[nhits].score = sqlite3_column_double(cand, 1);
		nhits++;
	}
	if (rc != SQLITE_DONE)
		goto query_error;
	bind_where(cnt, q, f);
	if (sqlite3_step(cnt) != SQLITE_ROW)
		goto query_error;
	total = sqlite3_column_int64(cnt, 0);
	capped = total > COUNT_CAP;
	if (capped)
		total = COUNT_CAP;
	if (fts && nhits > 1)
		qsort(hits, nhits, sizeof *hits, by_score);
	if (f->limit && nhits > (size_t)f->limit)
		nhits = (size_t)f->limit;

	if (f->json) {
		px_buf_puts(&out, "{\"query\": \"");
		px_buf_json_str(&out, text);
		px_buf_printf(&out, "\", \"total\": %ld, \"total_capped\": %s, \"hits\": [", total,
			      capped ? "true" : "false");
	}
	if (fts)
		sqlite3_bind_text(row, 1, q->fts.ptr, -1, SQLITE_STATIC);
	for (i = 0; i < nhits; i++) {
		const char *path, *community, *cycle, *date, *lang, *kind, *heading, *snip;
		int session, line, is_task;
		sqlite3_int64 sid;

		sqlite3_bind_int64(row, 2, hits[i].id);
		rc = sqlite3_step(row);
		if (rc != SQLITE_ROW) {
			sqlite3_reset(row);
			if (rc == SQLITE_DONE)
				continue;
			goto query_error;
		}
		path = (const char *)sqlite3_column_text(row, 0);
		community = (const char *)sqlite3_column_text(row, 1);
		cycle = (const char *)sqlite3_column_text(row, 2);
		session = sqlite3_column_int(row, 3);
		date = (const char *)sqlite3_column_text(row, 4);
		lang = (const char *)sqlite3_column_text(row, 5);
		line = sqlite3_column_int(row, 6);
		kind = (const char *)sqlite3_column_text(row, 7);
		heading = (const char *)sqlite3_column_text(row, 8);
		sid = sqlite3_column_int64(row, 9);
		is_task = sqlite3_column_type(row, 10) != SQLITE_NULL;
		snip = (const char *)sqlite3_column_text(row, 11);
		if (!community) community = "";
		if (!cycle) cycle = "";
		if (!date) date = "";
		if (!lang) lang = "";
		if (f->json) {
			px_buf_puts(&out, shown ? ",\n  {\"path\": \"" : "\n  {\"path\": \"");
			px_buf_json_str(&out, path);
			px_buf_puts(&out, "\", \"community\": \"");
			px_buf_json_str(&out, community);
			px_buf_puts(&out, "\", \"cycle\": \"");
			px_buf_json_str(&out, cycle);
			px_buf_printf(&out, "\", \"session\": %d, \"date\": \"", session);
			px_buf_json_str(&out, date);
			px_buf_puts(&out, "\", \"lang\": \"");
			px_buf_json_str(&out, lang);
			px_buf_printf(&out, "\", \"line\": %d, \"kind\": \"%s\", \"heading\": \"", line,
				      is_task ? "followup" : kind);
			px_buf_json_str(&out, heading);
			px_buf_puts(&out, "\", \"codes\": [");
			put_codes(&out, codes, sid, 1);
			px_buf_puts(&out, "], \"snippet\": \"");
			put_snippet(&out, snip ? snip : "", 0, 1);
			px_buf_printf(&out, "\", \"score\": %.6f}", -hits[i].score);
		} else {
			px_buf_printf(&out, "%s%s:%d%s  %s %s #%d %s", ctx->color ? "\033[1m" : "", path,
				      line, ctx->color ? "\033[0m" : "", community, cycle, session, date);
			if (heading && *heading)
				px_buf_printf(&out, "  %s", heading);
			px_buf_puts(&out, "  ");
			put_codes(&out, codes, sid, 0);
			px_buf_puts(&out, "\n    ");
			put_snippet(&out, snip ? snip : "", ctx->color, 0);
			px_buf_putc(&out, '\n');
		}
		sqlite3_reset(row);
		shown++;
	}
	if (f->json) {
		px_buf_puts(&out, shown ? "\n]}\n" : "]}\n");
	} else if (!total) {
		px_buf_puts(&out, px_msg(MSG_SEARCH_NONE));
	} else {
		px_buf_printf(&out, px_msg(capped ? MSG_SEARCH_TOTAL_CAPPED : MSG_SEARCH_TOTAL), total, shown);
	}
	fwrite(out.ptr, 1, out.len, stdout);
	status = PX_EXIT_OK;
	goto cleanup;
query_error:
	status = query_error(db, text, d);
cleanup:
	free(hits);
	sqlite3_finalize(cand);
	sqlite3_finalize(cnt);
	sqlite3_finalize(row);
	sqlite3_finalize(codes);
	px_buf_free(&sql);
	px_buf_free(&where);
	px_buf_free(&out);
	return status;
}

static int valid_date(const char *s)
{
	int y, m, d;
	return px_parse_date(s, &y, &m, &d) == 0;
}

int cmd_search(int argc, char **argv, px_ctx *ctx)
{
	static const px_opt opts[] = {
		{ "community", 'c', 1, OPT_COMMUNITY }, { "cycle", 'y', 1, OPT_CYCLE },
		{ "code", 'k', 1, OPT_CODE }, { "lang", 'l', 1, OPT_LANG },
		{ "kind", 't', 1, OPT_KIND }, { "since", 's', 1, OPT_SINCE },
		{ "until", 'u', 1, OPT_UNTIL }, { "limit", 'n', 1, OPT_LIMIT },
		{ "format", 'f', 1, OPT_FORMAT }, { "help", 'h', 0, OPT_HELP },
		{ 0, 0, 0, 0 }
	};
	static const char *const formats[] = { "text", "json", NULL };
	static const char *const langs[] = { "nl", "fr", NULL };
	px_optstate st = PX_OPTSTATE_INIT("search");
	px_diag d = PX_DIAG_INIT;
	px_query q;
	px_buf text = PX_BUF_INIT, codes = PX_BUF_INIT;
	filters f = { NULL, NULL, NULL, NULL, NULL, -1, 20, 0 };
	char *end;
	int id, status = PX_EXIT_USAGE;

	memset(&q, 0, sizeof q);
	while ((id = px_getopt(&st, argc, argv, opts)) != PX_OPT_END) {
		switch (id) {
		case PX_OPT_ERROR: goto cleanup;
		case OPT_HELP: status = px_help(MSG_HELP_SEARCH); goto cleanup;
		case OPT_COMMUNITY:
			if (!px_kb_community(ctx->kb, st.arg)) {
				px_error(MSG_UNKNOWN_COMMUNITY, st.arg);
				goto cleanup;
			}
			f.community = st.arg;
			break;
		case OPT_CYCLE: f.cycle = st.arg; break;
		case OPT_CODE: px_buf_printf(&codes, " #%s", st.arg[0] == '#' ? st.arg + 1 : st.arg); break;
		case OPT_LANG:
			if (px_opt_choice(&st, langs) < 0)
				goto cleanup;
			f.lang = st.arg;
			break;
		case OPT_KIND:
			if ((f.kind = px_opt_choice(&st, kinds)) < 0)
				goto cleanup;
			break;
		case OPT_SINCE:
		case OPT_UNTIL:
			if (!valid_date(st.arg)) {
				px_error(MSG_BAD_DATE, st.arg);
				goto cleanup;
			}
			*(id == OPT_SINCE ? &f.since : &f.until) = st.arg;
			break;
		case OPT_LIMIT:
			f.limit = strtol(st.arg, &end, 10);
			if (*end || f.limit < 0 || !*st.arg) {
				px_error(MSG_BAD_NUMBER, st.opt, st.arg);
				goto cleanup;
			}
			break;
		case OPT_FORMAT:
			if ((f.json = px_opt_choice(&st, formats)) < 0)
				goto cleanup;
			break;
		default:
			px_buf_printf(&text, "%s%s", text.len ? " " : "", st.arg);
		}
	}
	px_buf_puts(&text, codes.ptr);
	if (!text.len) {
		px_error(MSG_EMPTY_QUERY);
		goto cleanup;
	}
	if (px_query_parse(&q, text.ptr, ctx->kb->cb, &d) < 0) {
		px_diag_print(&d, stderr, 0);
		goto cleanup;
	}
	if (!q.fts.len && !q.ncodes) {
		px_error(MSG_EMPTY_QUERY);
		goto cleanup;
	}
	status = run_search(ctx, text.ptr, &q, &f, &d);
	if (d.n)
		px_diag_print(&d, stderr, 0);
cleanup:
	px_query_free(&q);
	px_buf_free(&text);
	px_buf_free(&codes);
	px_diag_free(&d);
	return status;
}
