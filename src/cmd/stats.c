/*
 * praxis stats [--cycle C] [--community ID] [--by community|session|month|cycle]
 *              [--codes A,B,...] [--label-lang nl|fr]
 *              [--format text|json|csv|xlsx] [-o FILE] [--force]
 *
 * Codes by community, session, month or cycle (segments and notes), per
 * community its notes, sessions and attendance, and the code pairs that
 * most often code the same segment. stats.c gathers them; this file
 * writes them as text, JSON (the shape is doc/json.md's), CSV (the code
 * table) or an XLSX workbook (a sheet per table; doc/spreadsheets.md).
 */
#include <stdlib.h>
#include <string.h>

#include "../cmd.h"
#include "../cycle.h"
#include "../fold.h"
#include "../opt.h"
#include "../out.h"
#include "../sheet.h"
#include "../stats.h"
#include "../table.h"
#include "../text.h"

enum { OPT_CYCLE = 1, OPT_COMMUNITY, OPT_BY, OPT_CODES, OPT_LABEL_LANG, OPT_FORMAT, OPT_OUTPUT,
       OPT_FORCE, OPT_HELP };
enum { FMT_TEXT, FMT_JSON, FMT_CSV, FMT_XLSX };

#define PAIRS_SHOWN 15 /* in the text output; the others list every pair */

/* `s` made safe for the terminal, in `t` (reused by the next call). */
static const char *term(px_buf *t, const char *s)
{
	px_buf_clear(t);
	px_buf_term_str(t, s, PX_TERM_LINE);
	return t->ptr;
}

/* `s`, then spaces up to `width` characters (at least one space after a
 * longer text); right-aligned when `right`. */
static void pad(px_buf *out, const char *s, size_t width, int right)
{
	size_t w = px_utf8_width(s, strlen(s));

	if (!right)
		px_buf_puts(out, s);
	for (; w < width; w++)
		px_buf_putc(out, ' ');
	if (right)
		px_buf_puts(out, s);
}

/* "Label (id)" of row i, in the terminal's safe form. */
static void row_label(px_buf *b, const px_code *c, px_lang lang)
{
	px_buf_clear(b);
	px_buf_term_str(b, c->label[lang], PX_TERM_LINE);
	px_buf_puts(b, " (");
	px_buf_term_str(b, c->id, PX_TERM_LINE);
	px_buf_putc(b, ')');
}

static void text(px_buf *out, const px_stats *s, px_lang lang)
{
	px_buf t = PX_BUF_INIT, label = PX_BUF_INIT;
	size_t i, k, lw = px_utf8_width(px_msg(MSG_STATS_CODE), strlen(px_msg(MSG_STATS_CODE)));
	size_t *cw = calloc(s->ncols + 1, sizeof *cw);
	char cell[64];

	if (!cw) {
		out->err = PX_BUF_ENOMEM;
		return;
	}
	for (i = 0; i < s->nrows; i++) {
		row_label(&label, s->rows[i], lang);
		if (px_utf8_width(label.ptr, label.len) > lw)
			lw = px_utf8_width(label.ptr, label.len);
	}
	for (k = 0; k < s->ncols; k++) {
		term(&t, s->cols[k]);
		cw[k] = px_utf8_width(t.ptr, t.len) + 1;
		if (cw[k] < 10)
			cw[k] = 10;
	}
	pad(out, px_msg(MSG_STATS_CODE), lw, 0);
	pad(out, px_msg(MSG_STATS_TOTAL), 13, 1);
	for (k = 0; k < s->ncols; k++)
		pad(out, term(&t, s->cols[k]), cw[k] + 1, 1);
	px_buf_putc(out, '\n');
	pad(out, "", lw, 0);
	pad(out, px_msg(MSG_STATS_UNIT), 13, 1);
	px_buf_putc(out, '\n');
	for (i = 0; i < s->nrows; i++) {
		row_label(&label, s->rows[i], lang);
		pad(out, label.ptr, lw, 0);
		snprintf(cell, sizeof cell, "%lld/%lld", s->codes[i].segments, s->codes[i].notes);
		pad(out, cell, 13, 1);
		for (k = 0; k < s->ncols; k++) {
			const px_stats_count *c = px_stats_cell(s, i, k);
			snprintf(cell, sizeof cell, "%lld/%lld", c->segments, c->notes);
			pad(out, c->segments ? cell : "-", cw[k] + 1, 1);
		}
		px_buf_putc(out, '\n');
	}
	px_buf_printf(out, "\n%-14s %6s %9s %11s\n", px_msg(MSG_STATS_COMMUNITY),
		      px_msg(MSG_STATS_NOTES), px_msg(MSG_STATS_SESSIONS), px_msg(MSG_STATS_ATTENDANCE));
	for (i = 0; i < s->ncounted; i++) {
		const px_db_community_count *c = &s->communities[i];
		px_buf_printf(out, "%-14s %6lld %9lld %11lld\n", term(&t, c->id), c->notes, c->sessions,
			      c->attendance);
	}
	px_buf_printf(out, "\n%s\n", px_msg(MSG_STATS_PAIRS));
	for (i = 0; i < s->npairs && i < PAIRS_SHOWN; i++) {
		px_buf_printf(out, "%5lld  ", s->pairs[i].segments);
		px_buf_term_str(out, s->pairs[i].a, PX_TERM_LINE);
		px_buf_puts(out, " + ");
		px_buf_term_str(out, s->pairs[i].b, PX_TERM_LINE);
		px_buf_putc(out, '\n');
	}
	free(cw);
	px_buf_free(&t);
	px_buf_free(&label);
}

/* The codes of --codes a,b,... (ids or aliases) into *out; -1 after a
 * usage error. */
static int parse_codes(const px_code ***out, size_t *n, const px_kb *kb, const char *arg)
{
	char *copy = strdup(arg), *w, *save = NULL;
	const px_code **v = calloc(strlen(arg) / 2 + 2, sizeof *v);
	int rc = -1;

	if (!copy || !v) {
		px_error(MSG_OOM);
		goto done;
	}
	for (w = strtok_r(copy, ", ", &save); w; w = strtok_r(NULL, ", ", &save))
		if (!(v[(*n)++] = px_kb_code_arg(kb, w)))
			goto done;
	if (!*n) {
		px_error(MSG_UNKNOWN_CODE, arg);
		goto done;
	}
	free(*out);
	*out = v;
	v = NULL;
	rc = 0;
done:
	free(copy);
	free(v);
	return rc;
}

/* The message for a scope without notes. */
static void no_notes(const px_stats_opts *o)
{
	if (o->cycle && o->community)
		px_error(MSG_NO_NOTES_FOR_COMMUNITY_IN_CYCLE, o->community, o->cycle);
	else if (o->community)
		px_error(MSG_NO_NOTES_FOR_COMMUNITY, o->community);
	else if (o->cycle)
		px_error(MSG_NO_NOTES_IN_CYCLE, o->cycle);
	else
		px_error(MSG_NO_NOTES_YET);
}

int cmd_stats(int argc, char **argv, px_ctx *ctx)
{
	static const px_opt opts[] = {
		{ "cycle", 'y', 1, OPT_CYCLE },
		{ "community", 'c', 1, OPT_COMMUNITY },
		{ "by", 'b', 1, OPT_BY },
		{ "codes", 'k', 1, OPT_CODES },
		{ "label-lang", 'l', 1, OPT_LABEL_LANG },
		{ "format", 'f', 1, OPT_FORMAT },
		{ "output", 'o', 1, OPT_OUTPUT },
		{ "force", 0, 0, OPT_FORCE },
		{ "help", 'h', 0, OPT_HELP },
		{ 0, 0, 0, 0 }
	};
	static const char *const formats[] = { "text", "json", "csv", "xlsx", NULL };
	static const char *const langs[] = { "nl", "fr", NULL };
	px_optstate st = PX_OPTSTATE_INIT("stats");
	px_diag d = PX_DIAG_INIT;
	px_buf out = PX_BUF_INIT;
	px_stats_opts o = PX_STATS_OPTS_INIT;
	const px_code **codes = NULL;
	px_table t[3];
	px_stats s;
	px_lang lang = px_ui_lang() == PX_LANG_FR ? PX_LANG_FR : PX_LANG_NL;
	px_out_opts oo = PX_OUT_OPTS_INIT;
	char *registry = NULL;
	const char *output = NULL;
	int id, format = FMT_TEXT, year, rc, status = PX_EXIT_USAGE, ntables = 0, i;

	memset(&s, 0, sizeof s);
	while ((id = px_getopt(&st, argc, argv, opts)) != PX_OPT_END) {
		switch (id) {
		case PX_OPT_ERROR: goto cleanup;
		case OPT_HELP: status = px_help(MSG_HELP_STATS); goto cleanup;
		case OPT_CYCLE:
			o.cycle = st.arg;
			if (px_cycle_parse(o.cycle, &year) < 0) {
				px_error(MSG_BAD_CYCLE, o.cycle);
				goto cleanup;
			}
			break;
		case OPT_COMMUNITY:
			if (!px_kb_community(ctx->kb, st.arg)) {
				px_kb_unknown_community(ctx->kb, st.arg);
				goto cleanup;
			}
			o.community = st.arg;
			break;
		case OPT_BY:
			if ((rc = px_opt_choice(&st, px_stats_bys)) < 0)
				goto cleanup;
			o.by = (px_db_by)rc;
			break;
		case OPT_CODES:
			if (parse_codes(&codes, &o.ncodes, ctx->kb, st.arg) < 0)
				goto cleanup;
			o.codes = codes;
			break;
		case OPT_LABEL_LANG:
			if ((rc = px_opt_choice(&st, langs)) < 0)
				goto cleanup;
			lang = rc ? PX_LANG_FR : PX_LANG_NL;
			break;
		case OPT_FORMAT:
			if ((format = px_opt_choice(&st, formats)) < 0)
				goto cleanup;
			break;
		case OPT_OUTPUT: output = st.arg; break;
		case OPT_FORCE: oo.force = 1; break;
		default:
			px_error(MSG_EXTRA_ARG, st.arg);
			goto cleanup;
		}
	}
	if (format == FMT_XLSX && (!output || !strcmp(output, "-"))) {
		px_error(MSG_XLSX_NEEDS_FILE);
		goto cleanup;
	}
	rc = px_stats_gather(&s, ctx->index, &o, &d);
	if (rc < 0)
		goto env;
	if (rc == 1) {
		no_notes(&o);
		status = PX_EXIT_FINDINGS;
		goto cleanup;
	}
	registry = px_out_registry(ctx->kb->gitdir);
	oo.registry = registry;
	if (format == FMT_CSV || format == FMT_XLSX) {
		const px_table *tv[3] = { &t[0], &t[1], &t[2] };
		px_stats_tables(t, &s, lang);
		ntables = 3;
		if (px_sheet_write(tv, 3, format == FMT_CSV ? PX_SHEET_CSV : PX_SHEET_XLSX, output,
				   &oo, &d) < 0)
			goto env;
		status = PX_EXIT_OK;
		goto cleanup;
	}
	if (format == FMT_JSON)
		px_stats_json(&out, &s, &o, lang);
	else
		text(&out, &s, lang);
	if (px_out_write_buf(output ? output : "-", &out, &oo, &d) < 0)
		goto env;
	status = PX_EXIT_OK;
	goto cleanup;
env:
	px_diag_take(&ctx->diag, &d);
	status = PX_CMD_FAILED;
cleanup:
	for (i = 0; i < ntables; i++)
		px_table_free(&t[i]);
	px_stats_free(&s);
	free(codes);
	free(registry);
	px_buf_free(&out);
	px_diag_free(&d);
	return status;
}
