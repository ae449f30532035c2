/*
 * praxis log [COMMUNITY] [--format text|json] [--limit N]
 *
 * Who committed which session when: the git history, newest first, one
 * line per note a commit added, changed or removed.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../cmd.h"
#include "../out.h"
#include "../note.h"
#include "../opt.h"
#include "../sheet.h"
#include "../text.h"

enum { OPT_FORMAT = 1, OPT_LIMIT, OPT_HELP };

typedef struct {
	px_ctx *ctx;
	const char *community;
	int json;
	long limit, shown;
	px_buf out;
	px_table csv; /* --format csv: a row per line (sheet.h) */
} logger;

static const char *change_name(px_change c)
{
	switch (c) {
	case PX_CHANGE_ADDED: return "added";
	case PX_CHANGE_DELETED: return "deleted";
	case PX_CHANGE_RENAMED: return "renamed";
	default: return "modified";
	}
}

static px_msgid change_msg(px_change c)
{
	switch (c) {
	case PX_CHANGE_ADDED: return MSG_LOG_ADDED;
	case PX_CHANGE_DELETED: return MSG_LOG_DELETED;
	default: return MSG_LOG_MODIFIED;
	}
}

static void emit(logger *lg, const px_commit_info *c, const px_store_delta *dd, const char *rel)
{
	const px_oid *blob = dd->change == PX_CHANGE_DELETED ? &dd->old_blob : &dd->new_blob;
	px_buf b = PX_BUF_INIT;
	px_diag quiet = PX_DIAG_INIT;
	px_note *n = NULL;
	char hex[PX_OID_HEXSZ + 1], when[32];
	time_t t = (time_t)c->time;
	struct tm tm;

	/* a note that cannot be read or parsed is listed without its values */
	if (px_store_blob(lg->ctx->store, blob, rel, PX_NOTE_MAX, &b, &quiet) == 0)
		px_note_parse(&n, rel, b.ptr, b.len, lg->ctx->kb->cb, &quiet);
	if (lg->community && (!n || !n->community.s || strcmp(n->community.s, lg->community)))
		goto done;
	if (lg->limit && lg->shown >= lg->limit)
		goto done;
	lg->shown++;
	px_oid_hex(hex, &c->id);
	t += (time_t)c->offset * 60;
	gmtime_r(&t, &tm);
	strftime(when, sizeof when, "%Y-%m-%d %H:%M", &tm);
	if (lg->json == 2) {
		px_table *tb = &lg->csv;
		px_table_dup(tb, hex);
		px_table_dup(tb, when);
		px_table_dup(tb, c->author_name);
		px_table_dup(tb, c->author_email);
		px_table_dup(tb, change_name(dd->change));
		px_table_dup(tb, rel);
		px_table_dup(tb, n && n->community.s ? n->community.s : "");
		px_table_dup(tb, n && n->cycle_year ? n->cycle.s : "");
		px_table_int(tb, n ? n->session : 0);
		px_table_dup(tb, n && n->date.s ? n->date.s : "");
	} else if (lg->json) {
		px_buf *o = &lg->out;
		px_buf_puts(o, lg->shown > 1 ? ",\n {\"commit\": \"" : "\n {\"commit\": \"");
		px_buf_printf(o, "%s\", \"time\": \"%s\", \"author\": \"", hex, when);
		px_buf_json_str(o, c->author_name);
		px_buf_puts(o, "\", \"email\": \"");
		px_buf_json_str(o, c->author_email);
		px_buf_printf(o, "\", \"change\": \"%s\", \"path\": \"", change_name(dd->change));
		px_buf_json_str(o, rel);
		px_buf_puts(o, "\", \"community\": ");
		if (n && n->community.s) {
			px_buf_putc(o, '"');
			px_buf_json_str(o, n->community.s);
			px_buf_putc(o, '"');
		} else {
			px_buf_puts(o, "null");
		}
		px_buf_puts(o, ", \"cycle\": ");
		if (n && n->cycle_year)
			px_buf_printf(o, "\"%s\"", n->cycle.s);
		else
			px_buf_puts(o, "null");
		px_buf_printf(o, ", \"session\": %d, \"date\": ", n ? n->session : 0);
		if (n && n->date.s) {
			px_buf_putc(o, '"');
			px_buf_json_str(o, n->date.s);
			px_buf_putc(o, '"');
		} else {
			px_buf_puts(o, "null");
		}
		px_buf_puts(o, "}");
	} else {
		/* the author's name, the path and the note's values may hold
		 * anything: through the terminal sanitiser */
		px_buf line = PX_BUF_INIT, name = PX_BUF_INIT;
		hex[7] = '\0';
		px_buf_term_str(&name, c->author_name ? c->author_name : "", PX_TERM_LINE);
		px_buf_printf(&line, "%s  %s  %-20s ", hex, when, name.ptr);
		px_buf_puts(&line, px_msg(change_msg(dd->change)));
		if (n && n->community.s && n->session) {
			px_buf_puts(&line, "  ");
			px_buf_term_str(&line, n->community.s, PX_TERM_LINE);
			px_buf_putc(&line, ' ');
			px_buf_term_str(&line, n->cycle.s ? n->cycle.s : "?", PX_TERM_LINE);
			px_buf_printf(&line, " #%d (", n->session);
			px_buf_term_str(&line, n->date.s ? n->date.s : "?", PX_TERM_LINE);
			px_buf_putc(&line, ')');
		}
		px_buf_puts(&line, "  ");
		px_buf_term_str(&line, rel, PX_TERM_LINE);
		px_buf_putc(&line, '\n');
		px_buf_fwrite(&line, stdout);
		px_buf_free(&line);
		px_buf_free(&name);
	}
done:
	px_note_free(n);
	px_diag_free(&quiet);
	px_buf_free(&b);
}

/* One commit: a line per note it added, changed or removed. */
static int visit(const px_commit_info *c, const px_store_delta *v, size_t n, void *payload)
{
	logger *lg = payload;
	size_t i;

	for (i = 0; i < n; i++)
		if (v[i].new_path)
			emit(lg, c, &v[i], v[i].new_path);
	return lg->limit && lg->shown >= lg->limit;
}

static int walk(logger *lg, px_diag *d)
{
	return px_store_history(lg->ctx->store, px_kb_is_note_path, visit, lg, d) < 0 ? -1 : 0;
}

int cmd_log(int argc, char **argv, px_ctx *ctx)
{
	static const px_opt opts[] = {
		{ "format", 'f', 1, OPT_FORMAT },
		{ "limit", 'n', 1, OPT_LIMIT },
		{ "help", 'h', 0, OPT_HELP },
		{ 0, 0, 0, 0 }
	};
	static const char *const formats[] = { "text", "json", "csv", NULL };
	static const char *const cols[] = { "commit", "time", "author", "email", "change", "path",
					    "community", "cycle", "session", "date" };
	px_optstate st = PX_OPTSTATE_INIT("log");
	px_diag d = PX_DIAG_INIT;
	logger lg;
	char *end;
	int id, status = PX_EXIT_USAGE;

	memset(&lg, 0, sizeof lg);
	lg.ctx = ctx;
	lg.out = (px_buf)PX_BUF_INIT;
	while ((id = px_getopt(&st, argc, argv, opts)) != PX_OPT_END) {
		switch (id) {
		case PX_OPT_ERROR: goto cleanup;
		case OPT_HELP: status = px_help(MSG_HELP_LOG); goto cleanup;
		case OPT_FORMAT:
			if ((lg.json = px_opt_choice(&st, formats)) < 0)
				goto cleanup;
			break;
		case OPT_LIMIT:
			lg.limit = strtol(st.arg, &end, 10);
			if (*end || lg.limit < 0 || !*st.arg) {
				px_error(MSG_BAD_NUMBER, st.opt, st.arg);
				goto cleanup;
			}
			break;
		default:
			if (lg.community) {
				px_error(MSG_EXTRA_ARG, st.arg);
				goto cleanup;
			}
			lg.community = st.arg;
			if (!px_kb_community(ctx->kb, st.arg)) {
				px_kb_unknown_community(ctx->kb, st.arg);
				goto cleanup;
			}
		}
	}
	px_table_init(&lg.csv, "log", sizeof cols / sizeof *cols);
	for (id = 0; id < (int)(sizeof cols / sizeof *cols); id++)
		px_table_str(&lg.csv, cols[id]);
	if (lg.json == 1)
		px_buf_puts(&lg.out, "[");
	if (walk(&lg, &d) < 0) {
		px_diag_take(&ctx->diag, &d);
		status = PX_CMD_FAILED;
		goto cleanup;
	}
	if (lg.json == 2) {
		const px_table *tv[1] = { &lg.csv };
		if (px_sheet_write(tv, 1, PX_SHEET_CSV, NULL, NULL, &ctx->diag) < 0) {
			status = PX_CMD_FAILED;
			goto cleanup;
		}
	} else if (lg.json) {
		px_buf_puts(&lg.out, lg.shown ? "\n]\n" : "]\n");
		if (px_diag_buf(&ctx->diag, &lg.out, NULL) < 0) {
			status = PX_CMD_FAILED;
			goto cleanup;
		}
		fwrite(lg.out.ptr, 1, lg.out.len, stdout);
	}
	status = PX_EXIT_OK;
cleanup:
	px_table_free(&lg.csv);
	px_buf_free(&lg.out);
	px_diag_free(&d);
	return status;
}
