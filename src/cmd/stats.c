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
#include "../json.h"
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

static void json(px_buf *out, const px_stats *s, const px_stats_opts *o, px_lang lang)
{
	px_json j;
	size_t i, k;

	px_json_init(&j, out);
	px_json_object(&j);
	px_json_kstr(&j, "cycle", o->cycle);
	px_json_kstr(&j, "community", o->community);
	px_json_kstr(&j, "by", px_stats_bys[s->by]);
	px_json_kstr(&j, "label_lang", px_lang_code(lang));
	px_json_key(&j, "columns");
	px_json_array(&j);
	for (k = 0; k < s->ncols; k++)
		px_json_str(&j, s->cols[k]);
	px_json_end(&j);
	px_json_key(&j, "codes");
	px_json_array(&j);
	for (i = 0; i < s->nrows; i++) {
		const px_code *c = s->rows[i];
		px_json_object(&j);
		px_json_kstr(&j, "code", c->id);
		px_json_key(&j, "label");
		px_json_object(&j);
		px_json_kstr(&j, "nl", c->label[PX_LANG_NL]);
		px_json_kstr(&j, "fr", c->label[PX_LANG_FR]);
		px_json_end(&j);
		px_json_kint(&j, "segments", s->codes[i].segments);
		px_json_kint(&j, "notes", s->codes[i].notes);
		px_json_key(&j, "by");
		px_json_object(&j);
		for (k = 0; k < s->ncols; k++) {
			const px_stats_count *n = px_stats_cell(s, i, k);
			if (!n->segments)
				continue;
			px_json_key(&j, s->cols[k]);
			px_json_object(&j);
			px_json_kint(&j, "segments", n->segments);
			px_json_kint(&j, "notes", n->notes);
			px_json_end(&j);
		}
		px_json_end(&j);
		px_json_end(&j);
	}
	px_json_end(&j);
	px_json_key(&j, "communities");
	px_json_array(&j);
	for (i = 0; i < s->ncounted; i++) {
		const px_db_community_count *c = &s->communities[i];
		px_json_object(&j);
		px_json_kstr(&j, "id", c->id);
		px_json_kint(&j, "notes", c->notes);
		px_json_kint(&j, "sessions", c->sessions);
		px_json_kint(&j, "attendance", c->attendance);
		px_json_knum(&j, "attendance_avg", c->attendance_avg, 1);
		px_json_end(&j);
	}
	px_json_end(&j);
	px_json_key(&j, "cooccurrence");
	px_json_array(&j);
	for (i = 0; i < s->npairs; i++) {
		px_json_object(&j);
		px_json_kstr(&j, "a", s->pairs[i].a);
		px_json_kstr(&j, "b", s->pairs[i].b);
		px_json_kint(&j, "segments", s->pairs[i].segments);
		px_json_end(&j);
	}
	px_json_end(&j);
	px_json_end(&j);
}

/* The spreadsheet tables (doc/spreadsheets.md): the codes by the columns,
 * then the communities and the pairs. */
static void tables(px_table t[3], const px_stats *s, px_lang lang)
{
	px_buf h = PX_BUF_INIT;
	size_t i, k;

	px_table_init(&t[0], "codes", 4 + 2 * s->ncols);
	px_table_str(&t[0], "code");
	px_table_str(&t[0], "label");
	px_table_str(&t[0], "segments");
	px_table_str(&t[0], "notes");
	for (k = 0; k < s->ncols; k++) {
		px_buf_clear(&h);
		px_buf_printf(&h, "%s/segments", s->cols[k]);
		px_table_dup(&t[0], h.ptr);
		px_buf_clear(&h);
		px_buf_printf(&h, "%s/notes", s->cols[k]);
		px_table_dup(&t[0], h.ptr);
	}
	if (px_buf_failed(&h))
		t[0].failed = 1;
	for (i = 0; i < s->nrows; i++) {
		px_table_str(&t[0], s->rows[i]->id);
		px_table_str(&t[0], s->rows[i]->label[lang]);
		px_table_int(&t[0], s->codes[i].segments);
		px_table_int(&t[0], s->codes[i].notes);
		for (k = 0; k < s->ncols; k++) {
			px_table_int(&t[0], px_stats_cell(s, i, k)->segments);
			px_table_int(&t[0], px_stats_cell(s, i, k)->notes);
		}
	}
	px_table_init(&t[1], "communities", 4);
	px_table_str(&t[1], "id");
	px_table_str(&t[1], "notes");
	px_table_str(&t[1], "sessions");
	px_table_str(&t[1], "attendance");
	for (i = 0; i < s->ncounted; i++) {
		px_table_str(&t[1], s->communities[i].id);
		px_table_int(&t[1], s->communities[i].notes);
		px_table_int(&t[1], s->communities[i].sessions);
		px_table_int(&t[1], s->communities[i].attendance);
	}
	px_table_init(&t[2], "cooccurrence", 3);
	px_table_str(&t[2], "a");
	px_table_str(&t[2], "b");
	px_table_str(&t[2], "segments");
	for (i = 0; i < s->npairs; i++) {
		px_table_str(&t[2], s->pairs[i].a);
		px_table_str(&t[2], s->pairs[i].b);
		px_table_int(&t[2], s->pairs[i].segments);
	}
	px_buf_free(&h);
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
		tables(t, &s, lang);
		ntables = 3;
		if (px_sheet_write(tv, 3, format == FMT_CSV ? PX_SHEET_CSV : PX_SHEET_XLSX, output,
				   &oo, &d) < 0)
			goto env;
		status = PX_EXIT_OK;
		goto cleanup;
	}
	if (format == FMT_JSON)
		json(&out, &s, &o, lang);
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
