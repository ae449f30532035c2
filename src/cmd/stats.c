/*
 * praxis stats [--cycle C] [--format text|json]
 *
 * Codes by community (segments and notes), per community its notes,
 * sessions and attendance, and the code pairs that most often code the
 * same segment. The JSON shape is documented in doc/search.md.
 */
#include <stdlib.h>
#include <string.h>

#include "../cmd.h"
#include "../cycle.h"
#include "../opt.h"
#include "../text.h"

enum { OPT_CYCLE = 1, OPT_FORMAT, OPT_HELP };

typedef struct {
	long segments, notes;
} count;

static int prepare(sqlite3 *db, sqlite3_stmt **st, const char *sql, const char *cycle, px_diag *d)
{
	if (sqlite3_prepare_v2(db, sql, -1, st, NULL) != SQLITE_OK) {
		px_index_error(d, db);
		return -1;
	}
	if (cycle)
		sqlite3_bind_text(*st, 1, cycle, -1, SQLITE_STATIC);
	return 0;
}

/* `s` made safe for the terminal, in `t` (reused by the next call). */
static const char *term(px_buf *t, const char *s)
{
	px_buf_clear(t);
	px_buf_term_str(t, s, PX_TERM_LINE);
	return t->ptr;
}

static long community_index(const px_kb *kb, const char *id)
{
	size_t i;

	for (i = 0; id && i < kb->ncommunities; i++)
		if (!strcmp(kb->communities[i].id, id))
			return (long)i;
	return -1;
}

int cmd_stats(int argc, char **argv, px_ctx *ctx)
{
	static const px_opt opts[] = {
		{ "cycle", 'y', 1, OPT_CYCLE },
		{ "format", 'f', 1, OPT_FORMAT },
		{ "help", 'h', 0, OPT_HELP },
		{ 0, 0, 0, 0 }
	};
	static const char *const formats[] = { "text", "json", NULL };
	const px_kb *kb = ctx->kb;
	const px_codebook *cb = kb->cb;
	sqlite3 *db = ctx->index->db;
	px_optstate st = PX_OPTSTATE_INIT("stats");
	px_diag d = PX_DIAG_INIT;
	px_buf out = PX_BUF_INIT, t = PX_BUF_INIT;
	sqlite3_stmt *q = NULL;
	const char *cycle = NULL;
	size_t nc = kb->ncommunities, i, k;
	count *by = NULL, *tot = NULL; /* by[code * nc + community] */
	int id, json = 0, status = PX_EXIT_USAGE, lang = px_ui_lang() == PX_LANG_FR ? PX_LANG_FR : PX_LANG_NL;
	long pairs = 0;
	int year;

	while ((id = px_getopt(&st, argc, argv, opts)) != PX_OPT_END) {
		switch (id) {
		case PX_OPT_ERROR: goto cleanup;
		case OPT_HELP: status = px_help(MSG_HELP_STATS); goto cleanup;
		case OPT_CYCLE:
			cycle = st.arg;
			if (px_cycle_parse(cycle, &year) < 0) {
				px_error(MSG_BAD_CYCLE, cycle);
				goto cleanup;
			}
			break;
		case OPT_FORMAT:
			if ((json = px_opt_choice(&st, formats)) < 0)
				goto cleanup;
			break;
		default:
			px_error(MSG_EXTRA_ARG, st.arg);
			goto cleanup;
		}
	}
	by = calloc(cb->ncodes * (nc + 1) + 1, sizeof *by);
	tot = calloc(cb->ncodes + 1, sizeof *tot);
	if (!by || !tot)
		goto cleanup;

	/* codes by community */
	if (prepare(db, &q,
		    "SELECT c.code, n.community, count(DISTINCT s.id), count(DISTINCT n.id)"
		    " FROM segment_codes c JOIN segments s ON s.id = c.segment"
		    " JOIN notes n ON n.id = s.note WHERE ?1 IS NULL OR n.cycle = ?1"
		    " GROUP BY c.code, n.community", cycle, &d) < 0)
		goto env;
	while (sqlite3_step(q) == SQLITE_ROW) {
		const px_code *c = px_codebook_code(cb, (const char *)sqlite3_column_text(q, 0));
		long ci = community_index(kb, (const char *)sqlite3_column_text(q, 1));
		if (!c || ci < 0)
			continue;
		by[c->index * nc + (size_t)ci].segments = sqlite3_column_int64(q, 2);
		by[c->index * nc + (size_t)ci].notes = sqlite3_column_int64(q, 3);
	}
	sqlite3_finalize(q);
	if (prepare(db, &q,
		    "SELECT c.code, count(DISTINCT s.id), count(DISTINCT n.id)"
		    " FROM segment_codes c JOIN segments s ON s.id = c.segment"
		    " JOIN notes n ON n.id = s.note WHERE ?1 IS NULL OR n.cycle = ?1"
		    " GROUP BY c.code", cycle, &d) < 0)
		goto env;
	while (sqlite3_step(q) == SQLITE_ROW) {
		const px_code *c = px_codebook_code(cb, (const char *)sqlite3_column_text(q, 0));
		if (!c)
			continue;
		tot[c->index].segments = sqlite3_column_int64(q, 1);
		tot[c->index].notes = sqlite3_column_int64(q, 2);
	}
	sqlite3_finalize(q);
	q = NULL;

	if (json) {
		px_buf_puts(&out, "{\"codes\": [");
		for (i = 0; i < cb->ncodes; i++) {
			int first = 1;
			px_buf_printf(&out, "%s\n  {\"code\": \"%s\", \"segments\": %ld, \"notes\": %ld, \"communities\": {",
				      i ? "," : "", cb->codes[i].id, tot[i].segments, tot[i].notes);
			for (k = 0; k < nc; k++) {
				count *c = &by[i * nc + k];
				if (!c->segments)
					continue;
				px_buf_printf(&out, "%s\"", first ? "" : ", ");
				px_buf_json_str(&out, kb->communities[k].id);
				px_buf_printf(&out, "\": {\"segments\": %ld, \"notes\": %ld}", c->segments, c->notes);
				first = 0;
			}
			px_buf_puts(&out, "}}");
		}
		px_buf_puts(&out, "\n ],\n \"communities\": [");
	} else {
		px_buf_printf(&out, "%-34s %9s", px_msg(MSG_STATS_CODE), px_msg(MSG_STATS_TOTAL));
		for (k = 0; k < nc; k++)
			px_buf_printf(&out, " %10.10s", term(&t, kb->communities[k].id));
		px_buf_printf(&out, "\n%-34s %9s\n", "", px_msg(MSG_STATS_UNIT));
		for (i = 0; i < cb->ncodes; i++) {
			char cell[32];
			snprintf(cell, sizeof cell, "%ld/%ld", tot[i].segments, tot[i].notes);
			px_buf_printf(&out, "%-34s %9s", cb->codes[i].id, cell);
			for (k = 0; k < nc; k++) {
				count *c = &by[i * nc + k];
				snprintf(cell, sizeof cell, "%ld/%ld", c->segments, c->notes);
				px_buf_printf(&out, " %10s", c->segments ? cell : "-");
			}
			px_buf_putc(&out, '\n');
		}
		px_buf_printf(&out, "\n%-14s %6s %9s %11s\n", px_msg(MSG_STATS_COMMUNITY),
			      px_msg(MSG_STATS_NOTES), px_msg(MSG_STATS_SESSIONS), px_msg(MSG_STATS_ATTENDANCE));
	}

	/* communities */
	if (prepare(db, &q,
		    "SELECT community, count(*), count(DISTINCT cycle || '/' || session),"
		    " coalesce(sum(attendance), 0), avg(attendance)"
		    " FROM notes WHERE ?1 IS NULL OR cycle = ?1 GROUP BY community ORDER BY community",
		    cycle, &d) < 0)
		goto env;
	for (i = 0; sqlite3_step(q) == SQLITE_ROW; i++) {
		const char *c = (const char *)sqlite3_column_text(q, 0);
		if (!c)
			c = "";
		if (json) {
			px_buf_puts(&out, i ? ",\n  {\"id\": \"" : "\n  {\"id\": \"");
			px_buf_json_str(&out, c);
			px_buf_printf(&out, "\", \"notes\": %lld, \"sessions\": %lld, \"attendance\": %lld, \"attendance_avg\": %.1f}",
				      sqlite3_column_int64(q, 1), sqlite3_column_int64(q, 2),
				      sqlite3_column_int64(q, 3), sqlite3_column_double(q, 4));
		} else {
			px_buf_printf(&out, "%-14s %6lld %9lld %11lld\n", term(&t, c), sqlite3_column_int64(q, 1),
				      sqlite3_column_int64(q, 2), sqlite3_column_int64(q, 3));
		}
	}
	sqlite3_finalize(q);
	q = NULL;

	/* co-occurrence */
	if (json)
		px_buf_puts(&out, "\n ],\n \"cooccurrence\": [");
	else
		px_buf_printf(&out, "\n%s\n", px_msg(MSG_STATS_PAIRS));
	if (prepare(db, &q,
		    "SELECT a.code, b.code, count(*) FROM segment_codes a"
		    " JOIN segment_codes b ON b.segment = a.segment AND a.code < b.code"
		    " JOIN segments s ON s.id = a.segment JOIN notes n ON n.id = s.note"
		    " WHERE ?1 IS NULL OR n.cycle = ?1"
		    " GROUP BY a.code, b.code ORDER BY 3 DESC, 1, 2", cycle, &d) < 0)
		goto env;
	while (sqlite3_step(q) == SQLITE_ROW) {
		const char *a = (const char *)sqlite3_column_text(q, 0);
		const char *b = (const char *)sqlite3_column_text(q, 1);
		if (json) {
			px_buf_printf(&out, "%s\n  {\"a\": \"", pairs ? "," : "");
			px_buf_json_str(&out, a);
			px_buf_puts(&out, "\", \"b\": \"");
			px_buf_json_str(&out, b);
			px_buf_printf(&out, "\", \"segments\": %lld}", sqlite3_column_int64(q, 2));
		} else if (pairs < 15) {
			px_buf_printf(&out, "%5lld  ", sqlite3_column_int64(q, 2));
			px_buf_term_str(&out, a, PX_TERM_LINE);
			px_buf_puts(&out, " + ");
			px_buf_term_str(&out, b, PX_TERM_LINE);
			px_buf_putc(&out, '\n');
		}
		pairs++;
	}
	if (json)
		px_buf_puts(&out, "\n ]\n}\n");
	(void)lang;
	if (px_diag_buf(&d, &out, NULL) < 0)
		goto env;
	fwrite(out.ptr, 1, out.len, stdout);
	status = PX_EXIT_OK;
	goto cleanup;
env:
	px_diag_take(&ctx->diag, &d);
	status = PX_CMD_FAILED;
cleanup:
	sqlite3_finalize(q);
	free(by);
	free(tot);
	px_buf_free(&out);
	px_buf_free(&t);
	px_diag_free(&d);
	return status;
}
