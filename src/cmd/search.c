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
#include "../out.h"
#include "../cycle.h"
#include "../note.h"
#include "../opt.h"
#include "../query.h"
#include "../search.h"
#include "../text.h"

enum { OPT_COMMUNITY = 1, OPT_CYCLE, OPT_CODE, OPT_LANG, OPT_KIND, OPT_SINCE, OPT_UNTIL,
       OPT_LIMIT, OPT_FORMAT, OPT_HELP };

#define MARK_ON "\x01"
#define MARK_OFF "\x02"


/* Replaces the match markers: ANSI bold on a terminal, **word** else;
 * line breaks become spaces, and the note's text between the markers
 * goes through the terminal sanitiser. */
static void put_snippet(px_buf *out, const char *s, int color, int json)
{
	px_buf tmp = PX_BUF_INIT;
	size_t run;

	for (; *s; s += run) {
		run = strcspn(s, MARK_ON MARK_OFF "\n");
		if (json)
			px_buf_put(&tmp, s, run);
		else
			px_buf_term_text(&tmp, s, run, PX_TERM_LINE);
		if (!s[run])
			break;
		if (s[run] == MARK_ON[0])
			px_buf_puts(&tmp, color ? "\033[1;33m" : "**");
		else if (s[run] == MARK_OFF[0])
			px_buf_puts(&tmp, color ? "\033[0m" : "**");
		else
			px_buf_putc(&tmp, ' ');
		run++;
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
			px_buf_printf(out, "%s#", first ? "" : " ");
			px_buf_term_str(out, c, PX_TERM_LINE);
		}
		first = 0;
	}
	sqlite3_reset(codes);
}

static int run_search(px_ctx *ctx, const char *text, const px_query *q, const px_search_filters *f,
		      px_diag *d)
{
	sqlite3 *db = ctx->index->db;
	sqlite3_stmt *row = NULL, *codes = NULL;
	px_buf sql = PX_BUF_INIT, out = PX_BUF_INIT;
	px_search_result res;
	px_hit *hits;
	char **snippets = NULL;
	size_t nhits, i;
	long total, shown = 0;
	int rc, capped, fts = q->fts.len > 0, status = PX_EXIT_USAGE;

	if (px_search_run(db, q, f, &res) != SQLITE_OK)
		goto query_error;
	hits = res.hits;
	nhits = res.n;
	total = res.total;
	capped = res.capped;
	px_search_row_sql(&sql);
	if (fts)
		snippets = px_search_snippets(db, q, &res, MARK_ON, MARK_OFF);
	if (sqlite3_prepare_v2(db, sql.ptr, -1, &row, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "SELECT code FROM segment_codes WHERE segment = ? ORDER BY code", -1,
			       &codes, NULL) != SQLITE_OK)
		goto query_error;

	if (f->json) {
		px_buf_puts(&out, "{\"query\": \"");
		px_buf_json_str(&out, text);
		px_buf_printf(&out, "\", \"total\": %ld, \"total_capped\": %s, \"hits\": [", total,
			      capped ? "true" : "false");
	}
	for (i = 0; i < nhits; i++) {
		const char *path, *community, *cycle, *date, *lang, *kind, *heading, *snip;
		int session, line, is_task;
		sqlite3_int64 sid;

		sqlite3_bind_int64(row, 1, hits[i].id);
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
		snip = fts ? (snippets && snippets[i] ? snippets[i] : "")
			   : (const char *)sqlite3_column_text(row, 11);
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
			/* every field comes from a note or its path */
			px_buf_puts(&out, ctx->color ? "\033[1m" : "");
			px_buf_term_str(&out, path, PX_TERM_LINE);
			px_buf_printf(&out, ":%d%s  ", line, ctx->color ? "\033[0m" : "");
			px_buf_term_str(&out, community, PX_TERM_LINE);
			px_buf_putc(&out, ' ');
			px_buf_term_str(&out, cycle, PX_TERM_LINE);
			px_buf_printf(&out, " #%d ", session);
			px_buf_term_str(&out, date, PX_TERM_LINE);
			if (heading && *heading) {
				px_buf_puts(&out, "  ");
				px_buf_term_str(&out, heading, PX_TERM_LINE);
			}
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
		px_buf_printf(&out,
			      px_msg(capped ? px_plural(MSG_SEARCH_TOTAL_CAPPED_1, MSG_SEARCH_TOTAL_CAPPED,
							(unsigned long)total)
					    : px_plural(MSG_SEARCH_TOTAL_1, MSG_SEARCH_TOTAL,
							(unsigned long)total)),
			      total);
		/* the second count has its own plural ("1 affiché") */
		px_buf_printf(&out, px_msg(px_plural(MSG_SEARCH_SHOWN_1, MSG_SEARCH_SHOWN,
						     (unsigned long)shown)),
			      shown);
	}
	px_buf_fwrite(&out, stdout);
	status = PX_EXIT_OK;
	goto cleanup;
query_error:
	status = query_error(db, text, d);
cleanup:
	px_search_snippets_free(snippets, res.n);
	px_search_result_free(&res);
	sqlite3_finalize(row);
	sqlite3_finalize(codes);
	px_buf_free(&sql);
	px_buf_free(&out);
	return status;
}

static int valid_date(const char *s)
{
	int y, m, d;
	return px_date_parse(s, &y, &m, &d) == 0;
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
	px_search_filters f = PX_SEARCH_FILTERS_INIT;
	char *end;
	int id, status = PX_EXIT_USAGE;

	memset(&q, 0, sizeof q);
	while ((id = px_getopt(&st, argc, argv, opts)) != PX_OPT_END) {
		switch (id) {
		case PX_OPT_ERROR: goto cleanup;
		case OPT_HELP: status = px_help(MSG_HELP_SEARCH); goto cleanup;
		case OPT_COMMUNITY:
			if (!px_kb_community(ctx->kb, st.arg)) {
				px_kb_unknown_community(ctx->kb, st.arg);
				goto cleanup;
			}
			f.community = st.arg;
			break;
		case OPT_CYCLE: {
			int year;
			if (px_cycle_parse(st.arg, &year) < 0) {
				px_error(MSG_BAD_CYCLE, st.arg);
				goto cleanup;
			}
			f.cycle = st.arg;
			break;
		}
		case OPT_CODE: px_buf_printf(&codes, " #%s", st.arg[0] == '#' ? st.arg + 1 : st.arg); break;
		case OPT_LANG:
			if (px_opt_choice(&st, langs) < 0)
				goto cleanup;
			f.lang = st.arg;
			break;
		case OPT_KIND:
			if ((f.kind = px_opt_choice(&st, px_search_kinds)) < 0)
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
		px_diag_take(&ctx->diag, &d);
		goto cleanup;
	}
	if (!q.fts.len && !q.ncodes) {
		px_error(MSG_EMPTY_QUERY);
		goto cleanup;
	}
	status = run_search(ctx, text.ptr, &q, &f, &d);
	px_diag_take(&ctx->diag, &d);
cleanup:
	px_query_free(&q);
	px_buf_free(&text);
	px_buf_free(&codes);
	px_diag_free(&d);
	return status;
}
