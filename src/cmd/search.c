/*
 * praxis search QUERY [filters] [--note PATH] [--facets] [--limit N] [--sort rank|date]
 *               [--format text|json|csv|xlsx]
 *
 * Segments ranked by bm25 (FTS5 with the praxis tokenizer: Dutch and
 * French stems, accents folded); hashtags in the query filter by code.
 * Gathers the hits (search.h), then formats them as text or JSON; the
 * JSON shape is documented in doc/json.md.
 */
#include <stdlib.h>
#include <string.h>

#include "../cmd.h"
#include "../out.h"
#include "../cycle.h"
#include "../facets.h"
#include "../json.h"
#include "../note.h"
#include "../opt.h"
#include "../query.h"
#include "../search.h"
#include "../sheet.h"
#include "../text.h"

enum { OPT_COMMUNITY = 1, OPT_CYCLE, OPT_CODE, OPT_LANG, OPT_KIND, OPT_SINCE, OPT_UNTIL,
       OPT_LIMIT, OPT_FORMAT, OPT_OUTPUT, OPT_FORCE, OPT_SORT, OPT_NOTE, OPT_FACETS, OPT_HELP };
enum { FMT_TEXT, FMT_JSON, FMT_CSV, FMT_XLSX };

/* The JSON shape is doc/json.md's, section "search" (with --facets,
 * "search --facets"). */
static void format_json(px_buf *out, const char *text, const px_search_result *r,
			const px_facets *fc, const px_kb *kb)
{
	px_json j;

	px_json_init(&j, out);
	px_json_object(&j);
	px_search_json_fields(&j, text, r, kb->cb);
	if (fc) {
		px_json_key(&j, "facets");
		px_facets_json(&j, fc, kb);
	}
	px_json_end(&j);
}

static void format_text(px_buf *out, const px_search_result *r, int color)
{
	size_t i, k;

	for (i = 0; i < r->n; i++) {
		const px_db_segment *g = &r->hits[i].seg;
		/* every field comes from a note or its path */
		px_buf_puts(out, color ? "\033[1m" : "");
		px_buf_term_str(out, g->path, PX_TERM_LINE);
		px_buf_printf(out, ":%ld%s  ", g->line, color ? "\033[0m" : "");
		px_buf_term_str(out, g->community, PX_TERM_LINE);
		px_buf_putc(out, ' ');
		px_buf_term_str(out, g->cycle, PX_TERM_LINE);
		px_buf_printf(out, " #%ld ", g->session);
		px_buf_term_str(out, g->date, PX_TERM_LINE);
		if (*g->heading) {
			px_buf_puts(out, "  ");
			px_buf_term_str(out, g->heading, PX_TERM_LINE);
		}
		px_buf_puts(out, "  ");
		for (k = 0; k < r->hits[i].ncodes; k++) {
			px_buf_puts(out, k ? " #" : "#");
			px_buf_term_str(out, r->hits[i].codes[k], PX_TERM_LINE);
		}
		px_buf_puts(out, "\n    ");
		px_search_snippet(out, r->hits[i].snippet, color, 0);
		px_buf_putc(out, '\n');
	}
	if (!r->total) {
		px_buf_puts(out, px_msg(MSG_SEARCH_NONE));
		return;
	}
	px_buf_printf(out,
		      px_msg(r->capped ? px_plural(MSG_SEARCH_TOTAL_CAPPED_1, MSG_SEARCH_TOTAL_CAPPED,
						   (unsigned long)r->total)
				       : px_plural(MSG_SEARCH_TOTAL_1, MSG_SEARCH_TOTAL,
						   (unsigned long)r->total)),
		      r->total);
	/* the second count has its own plural ("1 affiché") */
	px_buf_printf(out, px_msg(px_plural(MSG_SEARCH_SHOWN_1, MSG_SEARCH_SHOWN, (unsigned long)r->n)),
		      (long)r->n);
}

/* The hits as a spreadsheet (sheet.h): a row per segment. */
static int format_sheet(const px_search_result *r, int format, const char *output, int force,
			px_ctx *ctx, px_diag *d)
{
	px_out_opts oo = PX_OUT_OPTS_INIT;
	char *registry = px_out_registry(ctx->kb->gitdir);
	const px_table *tv[1];
	px_table t;
	size_t i;
	int rc;

	px_sheet_segments_init(&t, "search");
	for (i = 0; i < r->n; i++)
		px_sheet_segment(&t, &r->hits[i].seg, r->hits[i].codes, r->hits[i].ncodes);
	tv[0] = &t;
	oo.registry = registry;
	oo.force = force;
	rc = px_sheet_write(tv, 1, format == FMT_XLSX ? PX_SHEET_XLSX : PX_SHEET_CSV, output, &oo, d);
	px_table_free(&t);
	free(registry);
	return rc;
}

static int run_search(px_ctx *ctx, const char *text, const px_query *q, const px_search_filters *f,
		      int json, int by_date, int facets, const char *output, int force, px_diag *d)
{
	px_search_result res;
	px_facets fc;
	px_buf out = PX_BUF_INIT;
	int rc;

	memset(&fc, 0, sizeof fc);
	rc = px_search_run(&res, ctx->index, q, f, d);
	if (!rc)
		rc = px_search_gather(&res, ctx->index, q, d);
	/* the facets count what `total` counts */
	if (!rc && facets)
		rc = px_facets_gather(&fc, ctx->index, q, f, PX_SEARCH_COUNT_CAP, d);
	if (rc == PX_DB_EQUERY)
		px_error(MSG_BAD_QUERY, text);
	if (!rc && by_date)
		px_search_sort_by_date(&res);
	if (!rc && !res.total)
		px_query_explain(q, text, d); /* a lowercase and/or/not, and nothing found */
	if (!rc && json >= FMT_CSV) {
		if (format_sheet(&res, json, output, force, ctx, d) < 0)
			rc = PX_CMD_FAILED;
	} else if (!rc) {
		if (json) {
			format_json(&out, text, &res, facets ? &fc : NULL, ctx->kb);
		} else {
			format_text(&out, &res, ctx->color);
			if (facets)
				px_facets_text(&out, &fc);
		}
		px_buf_fwrite(&out, stdout);
	}
	px_search_result_free(&res);
	px_facets_free(&fc);
	px_buf_free(&out);
	/* a malformed query is the user's (usage); a read or write error
	 * is in `d`, which the dispatcher prints and maps */
	return rc == PX_DB_EQUERY ? PX_EXIT_USAGE : rc ? PX_CMD_FAILED : PX_EXIT_OK;
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
		{ "format", 'f', 1, OPT_FORMAT }, { "output", 'o', 1, OPT_OUTPUT },
		{ "force", 0, 0, OPT_FORCE }, { "sort", 0, 1, OPT_SORT },
		{ "note", 0, 1, OPT_NOTE }, { "facets", 0, 0, OPT_FACETS },
		{ "help", 'h', 0, OPT_HELP },
		{ 0, 0, 0, 0 }
	};
	static const char *const formats[] = { "text", "json", "csv", "xlsx", NULL };
	static const char *const langs[] = { "nl", "fr", NULL };
	static const char *const sorts[] = { "rank", "date", NULL };
	px_optstate st = PX_OPTSTATE_INIT("search");
	px_diag d = PX_DIAG_INIT;
	px_query q;
	px_buf text = PX_BUF_INIT, codes = PX_BUF_INIT;
	px_search_filters f = PX_SEARCH_FILTERS_INIT;
	const char *output = NULL;
	char *note = NULL;
	const char *code_args[PX_QUERY_MAX_TERMS];
	size_t ncode = 0, i;
	int json = 0, by_date = 0, force = 0, facets = 0, id, rc, status = PX_EXIT_USAGE;

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
		case OPT_CODE:
			px_buf_printf(&codes, " #%s", st.arg[0] == '#' ? st.arg + 1 : st.arg);
			if (ncode == sizeof code_args / sizeof *code_args) {
				px_error(MSG_QUERY_TOO_MANY, PX_QUERY_MAX_TERMS);
				goto cleanup;
			}
			code_args[ncode++] = st.arg;
			break;
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
			if ((f.limit = px_opt_number(&st, 0, PX_OPT_COUNT_MAX)) < 0)
				goto cleanup;
			break;
		case OPT_FORMAT:
			if ((json = px_opt_choice(&st, formats)) < 0)
				goto cleanup;
			break;
		case OPT_OUTPUT: output = st.arg; break;
		case OPT_FORCE: force = 1; break;
		case OPT_FACETS: facets = 1; break;
		case OPT_NOTE:
			free(note);
			if (!(note = px_kb_note_arg(ctx->kb, st.arg)))
				goto cleanup;
			f.note = note;
			break;
		case OPT_SORT:
			if ((by_date = px_opt_choice(&st, sorts)) < 0)
				goto cleanup;
			break;
		default:
			px_buf_printf(&text, "%s%s", text.len ? " " : "", st.arg);
		}
	}
	if (facets && json >= FMT_CSV) {
		px_error(MSG_FACETS_FORMAT);
		goto cleanup;
	}
	if (json == FMT_XLSX && (!output || !strcmp(output, "-"))) {
		px_error(MSG_XLSX_NEEDS_FILE);
		goto cleanup;
	}
	if (!text.len && !codes.len) {
		px_error(MSG_EMPTY_QUERY);
		goto cleanup;
	}
	/* the words are the query language's; each --code is one more filter */
	rc = px_query_parse(&q, text.ptr, ctx->kb->cb, &d);
	for (i = 0; i < ncode; i++)
		if (px_query_add_code(&q, code_args[i], ctx->kb->cb, &d) < 0)
			rc = -1;
	if (rc < 0) {
		px_diag_take(&ctx->diag, &d);
		goto cleanup;
	}
	px_buf_puts(&text, codes.ptr); /* the query as shown: words, then each --code */
	if (!q.fts.len && !q.ncodes) {
		px_error(MSG_EMPTY_QUERY);
		goto cleanup;
	}
	status = run_search(ctx, text.ptr, &q, &f, json, by_date, facets, output, force, &d);
	px_diag_take(&ctx->diag, &d);
cleanup:
	px_query_free(&q);
	free(note);
	px_buf_free(&text);
	px_buf_free(&codes);
	px_diag_free(&d);
	return status;
}
