/*
 * praxis codes [CODE] [--format text|json|csv] [-o FILE] [--force]
 * praxis codes CODE [--cycle C] [--community ID] [--note PATH] [--with CODE2]
 *                   [--session N] [--limit N] [--offset N] ...
 * praxis codes --matrix community|session|code [--cycle C] [--community ID] ...
 *
 * The codebook as the knowledge base uses it: categories in order, each
 * code with its id, Dutch and French labels, description, aliases and
 * how many segments and notes carry it; the methods with their labels,
 * aliases and notes. With a CODE (id or alias): every segment coded with
 * it, by community and session, with its full text and source line;
 * --cycle, --community, --note, --session and --with keep those of one
 * cell of a matrix; --limit and --offset page them (as the web API). --matrix: the code matrices (matrix.h).
 * codes.c gathers; this file writes text, JSON (doc/json.md) or CSV
 * (doc/spreadsheets.md).
 */
#include <stdlib.h>
#include <string.h>

#include "../cmd.h"
#include "../codes.h"
#include "../cycle.h"
#include "../matrix.h"
#include "../note.h"
#include "../opt.h"
#include "../out.h"
#include "../sheet.h"
#include "../table.h"
#include "../text.h"

enum { OPT_FORMAT = 1, OPT_OUTPUT, OPT_FORCE, OPT_MATRIX, OPT_CYCLE, OPT_COMMUNITY, OPT_NOTE,
       OPT_WITH, OPT_SESSION, OPT_LIMIT, OPT_OFFSET, OPT_HELP };
enum { FMT_TEXT, FMT_JSON, FMT_CSV };

static const int langs[PX_CONTENT_LANGS] = { PX_LANG_NL, PX_LANG_FR };

/* ------------------------------------------------------------- text */

static void term(px_buf *out, const char *s)
{
	px_buf_term_str(out, s, PX_TERM_LINE);
}

static void text_aliases(px_buf *out, char *const *aliases, const int *alias_lang, size_t n)
{
	size_t i;
	int l, any;

	for (l = 0; l < PX_CONTENT_LANGS; l++) {
		any = 0;
		for (i = 0; i < n; i++) {
			if (alias_lang[i] != langs[l])
				continue;
			px_buf_puts(out, any ? " #" : l ? "   " : "    ");
			if (!any)
				px_buf_printf(out, "%s: #", px_lang_code(langs[l]));
			term(out, aliases[i]);
			any = 1;
		}
	}
}

static void text_code(px_buf *out, const px_codes *c, const px_code *k, int full)
{
	const px_stats_count *n = &c->codes[k->index];
	size_t before;

	px_buf_puts(out, "  ");
	term(out, k->id);
	px_buf_puts(out, "  ");
	term(out, k->label[PX_LANG_NL]);
	px_buf_puts(out, " / ");
	term(out, k->label[PX_LANG_FR]);
	px_buf_puts(out, "  (");
	px_buf_printf(out, px_msg(px_plural(MSG_CODES_SEGMENTS_1, MSG_CODES_SEGMENTS,
					    (unsigned long)n->segments)), n->segments);
	px_buf_puts(out, ", ");
	px_buf_printf(out, px_msg(px_plural(MSG_CODES_NOTES_1, MSG_CODES_NOTES, (unsigned long)n->notes)),
		      n->notes);
	px_buf_puts(out, ")\n");
	before = out->len;
	text_aliases(out, k->aliases, k->alias_lang, k->naliases);
	if (out->len > before)
		px_buf_putc(out, '\n');
	if (full) {
		int l;
		for (l = 0; l < PX_CONTENT_LANGS; l++) {
			px_buf_printf(out, "    %s: ", px_lang_code(langs[l]));
			term(out, k->desc[langs[l]]);
			px_buf_putc(out, '\n');
		}
	}
}

static void text_list(px_buf *out, const px_codes *c)
{
	const px_codebook *cb = c->cb;
	size_t i, k;

	for (i = 0; i < cb->ncats; i++) {
		term(out, cb->cats[i].id);
		px_buf_puts(out, ": ");
		term(out, cb->cats[i].label[PX_LANG_NL]);
		px_buf_puts(out, " / ");
		term(out, cb->cats[i].label[PX_LANG_FR]);
		px_buf_putc(out, '\n');
		for (k = 0; k < cb->ncodes; k++)
			if (cb->codes[k].category == i)
				text_code(out, c, &cb->codes[k], 0);
		px_buf_putc(out, '\n');
	}
	px_buf_printf(out, "%s\n", px_msg(MSG_CODES_METHODS));
	for (i = 0; i < cb->nmethods; i++) {
		const px_method *m = &cb->methods[i];
		size_t before;
		px_buf_puts(out, "  ");
		term(out, m->id);
		px_buf_puts(out, "  ");
		term(out, m->label[PX_LANG_NL]);
		px_buf_puts(out, " / ");
		term(out, m->label[PX_LANG_FR]);
		px_buf_puts(out, "  (");
		px_buf_printf(out, px_msg(px_plural(MSG_CODES_NOTES_1, MSG_CODES_NOTES,
						    (unsigned long)c->methods[i])), c->methods[i]);
		px_buf_puts(out, ")\n");
		before = out->len;
		text_aliases(out, m->aliases, m->alias_lang, m->naliases);
		if (out->len > before)
			px_buf_putc(out, '\n');
	}
}

/* The retrieval: the code, then its segments under their community and
 * session. */
static void text_code_segments(px_buf *out, const px_codes *c)
{
	const px_db_segment *prev = NULL;
	size_t i;

	text_code(out, c, c->code, 1);
	for (i = 0; i < c->nhits; i++) {
		const px_db_segment *g = &c->hits[i].seg;
		if (!prev || strcmp(prev->community, g->community)) {
			px_buf_putc(out, '\n');
			term(out, g->community);
			px_buf_putc(out, '\n');
		}
		if (!prev || strcmp(prev->community, g->community) || strcmp(prev->cycle, g->cycle) ||
		    prev->session != g->session) {
			px_buf_puts(out, "  ");
			term(out, g->cycle);
			px_buf_printf(out, " #%ld  ", g->session);
			term(out, g->date);
			px_buf_putc(out, '\n');
		}
		px_buf_puts(out, "    ");
		term(out, g->path);
		px_buf_printf(out, ":%ld  ", g->line);
		term(out, g->kind);
		if (*g->heading) {
			px_buf_puts(out, "  ");
			term(out, g->heading);
		}
		px_buf_puts(out, "\n      ");
		/* the whole text, its line breaks kept and indented */
		{
			const char *s = g->text, *nl;
			while ((nl = strchr(s, '\n'))) {
				px_buf_term_text(out, s, (size_t)(nl - s), PX_TERM_LINE);
				px_buf_puts(out, "\n      ");
				s = nl + 1;
			}
			term(out, s);
		}
		px_buf_putc(out, '\n');
		prev = g;
	}
}

int cmd_codes(int argc, char **argv, px_ctx *ctx)
{
	static const px_opt opts[] = {
		{ "format", 'f', 1, OPT_FORMAT },
		{ "output", 'o', 1, OPT_OUTPUT },
		{ "force", 0, 0, OPT_FORCE },
		{ "matrix", 0, 1, OPT_MATRIX },
		{ "cycle", 'y', 1, OPT_CYCLE },
		{ "community", 'c', 1, OPT_COMMUNITY },
		{ "note", 0, 1, OPT_NOTE },
		{ "with", 0, 1, OPT_WITH },
		{ "session", 0, 1, OPT_SESSION },
		{ "limit", 'n', 1, OPT_LIMIT },
		{ "offset", 0, 1, OPT_OFFSET },
		{ "help", 'h', 0, OPT_HELP },
		{ 0, 0, 0, 0 }
	};
	static const char *const formats[] = { "text", "json", "csv", NULL };
	px_optstate st = PX_OPTSTATE_INIT("codes");
	px_diag d = PX_DIAG_INIT;
	px_buf out = PX_BUF_INIT;
	px_out_opts oo = PX_OUT_OPTS_INIT;
	px_codes c;
	px_matrix m;
	px_codes_filter f = PX_CODES_FILTER_INIT;
	px_table t;
	const px_code *code = NULL;
	const char *output = NULL, *arg = NULL, *cell_opt = NULL, *scope_opt = NULL;
	char *registry = NULL, *note = NULL;
	int id, format = FMT_TEXT, status = PX_EXIT_USAGE, table = 0, matrix = -1;

	memset(&c, 0, sizeof c);
	memset(&m, 0, sizeof m);
	while ((id = px_getopt(&st, argc, argv, opts)) != PX_OPT_END) {
		switch (id) {
		case PX_OPT_ERROR: goto cleanup;
		case OPT_HELP: status = px_help(MSG_HELP_CODES); goto cleanup;
		case OPT_FORMAT:
			if ((format = px_opt_choice(&st, formats)) < 0)
				goto cleanup;
			break;
		case OPT_OUTPUT: output = st.arg; break;
		case OPT_FORCE: oo.force = 1; break;
		case OPT_MATRIX:
			if ((matrix = px_opt_choice(&st, px_matrix_names)) < 0)
				goto cleanup;
			break;
		case OPT_CYCLE: {
			int year;
			if (px_cycle_parse(st.arg, &year) < 0) {
				px_error(MSG_BAD_CYCLE, st.arg);
				goto cleanup;
			}
			f.cycle = st.arg;
			scope_opt = "--cycle";
			break;
		}
		case OPT_COMMUNITY:
			if (!px_kb_community(ctx->kb, st.arg)) {
				px_kb_unknown_community(ctx->kb, st.arg);
				goto cleanup;
			}
			f.community = st.arg;
			scope_opt = "--community";
			break;
		case OPT_NOTE:
			free(note);
			if (!(note = px_kb_note_arg(ctx->kb, st.arg)))
				goto cleanup;
			f.note = note;
			cell_opt = "--note";
			break;
		case OPT_WITH:
			if (!(f.with = px_kb_code_arg(ctx->kb, st.arg)))
				goto cleanup;
			cell_opt = "--with";
			break;
		case OPT_SESSION:
		case OPT_LIMIT:
		case OPT_OFFSET: {
			long n = id == OPT_SESSION ? px_opt_number(&st, PX_SESSION_MIN, PX_SESSION_MAX)
						   : px_opt_number(&st, 0, PX_OPT_COUNT_MAX);
			if (n < 0)
				goto cleanup;
			if (id == OPT_SESSION)
				f.session = n;
			else
				*(id == OPT_LIMIT ? &f.limit : &f.offset) = n;
			cell_opt = id == OPT_SESSION ? "--session" : id == OPT_LIMIT ? "--limit" : "--offset";
			break;
		}
		default:
			if (arg) {
				px_error(MSG_EXTRA_ARG, st.arg);
				goto cleanup;
			}
			arg = st.arg;
			if (!(code = px_kb_code_arg(ctx->kb, arg)))
				goto cleanup;
		}
	}
	if (matrix >= 0 && code) {
		px_error(MSG_CODES_MATRIX_CODE, arg);
		goto cleanup;
	}
	if (cell_opt && !code) {
		px_error(MSG_CODES_NEEDS_CODE, cell_opt);
		goto cleanup;
	}
	if (scope_opt && !code && matrix < 0) {
		px_error(MSG_CODES_NEEDS_CODE_OR_MATRIX, scope_opt);
		goto cleanup;
	}
	registry = px_out_registry(ctx->kb->gitdir);
	oo.registry = registry;
	if (matrix >= 0) {
		px_matrix_opts mo = PX_MATRIX_OPTS_INIT;
		mo.cols = (px_matrix_cols)matrix;
		mo.cycle = f.cycle;
		mo.community = f.community;
		if (px_matrix_gather(&m, ctx->index, &mo, &d) < 0)
			goto env;
		if (format == FMT_CSV) {
			const px_table *tv[1] = { &t };
			px_matrix_table(&t, &m);
			table = 1;
			if (px_sheet_write(tv, 1, PX_SHEET_CSV, output, &oo, &d) < 0)
				goto env;
		} else {
			if (format == FMT_JSON)
				px_matrix_json(&out, &m);
			else
				px_matrix_text(&out, &m);
			if (px_out_write_buf(output ? output : "-", &out, &oo, &d) < 0)
				goto env;
		}
		status = PX_EXIT_OK;
		goto cleanup;
	}
	if (px_codes_gather_filtered(&c, ctx->index, code, &f, &d) < 0)
		goto env;
	if (format == FMT_CSV) {
		const px_table *tv[1] = { &t };
		px_codes_table(&t, &c);
		table = 1;
		if (px_sheet_write(tv, 1, PX_SHEET_CSV, output, &oo, &d) < 0)
			goto env;
		status = PX_EXIT_OK;
		goto cleanup;
	}
	if (format == FMT_JSON)
		px_codes_json(&out, &c);
	else
		code ? text_code_segments(&out, &c) : text_list(&out, &c);
	if (px_out_write_buf(output ? output : "-", &out, &oo, &d) < 0)
		goto env;
	status = PX_EXIT_OK;
	goto cleanup;
env:
	px_diag_take(&ctx->diag, &d);
	status = PX_CMD_FAILED;
cleanup:
	if (table)
		px_table_free(&t);
	px_codes_free(&c);
	px_matrix_free(&m);
	free(note);
	free(registry);
	px_buf_free(&out);
	px_diag_free(&d);
	return status;
}
