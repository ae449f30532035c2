/*
 * praxis log [COMMUNITY | PATH] [--limit N] [--format text|json|csv]
 * praxis log --followups [COMMUNITY] [--format text|json]
 *
 * Who committed which session when, and why: the git history, newest
 * first, one line per note a commit added, changed or removed, with the
 * commit's message; or one note's history; or each follow-up with when
 * it was added and checked, and by whom. Gathered by history.c, formatted
 * here; the JSON shapes are doc/json.md's sections "log" and
 * "log --followups".
 */
#include <stdlib.h>
#include <string.h>

#include "../cmd.h"
#include "../fold.h"
#include "../history.h"
#include "../json.h"
#include "../opt.h"
#include "../sheet.h"
#include "../out.h"
#include "../text.h"

enum { OPT_FORMAT = 1, OPT_LIMIT, OPT_FOLLOWUPS, OPT_HELP };

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

/* A table of text cells, each already through the terminal sanitiser,
 * written with its columns aligned by their width on screen (code
 * points, not bytes: "gewijzigd" and "modif." line up as "changed"
 * does); the last column is not padded, and no line ends in spaces. */
typedef struct {
	px_buf *cells;
	size_t n, cap, ncols;
} table;

static px_buf *cell(table *t)
{
	if (t->n == t->cap) {
		size_t cap = t->cap ? 2 * t->cap : 64;
		px_buf *v = realloc(t->cells, cap * sizeof *v);
		if (!v)
			return NULL;
		t->cells = v;
		t->cap = cap;
	}
	t->cells[t->n] = (px_buf)PX_BUF_INIT;
	return &t->cells[t->n++];
}

static int put(table *t, const char *s)
{
	px_buf *c = cell(t);

	if (!c)
		return -1;
	px_buf_term_str(c, s ? s : "", PX_TERM_LINE);
	return 0;
}

static void table_write(px_buf *out, const table *t)
{
	size_t *w = calloc(t->ncols, sizeof *w), i, c;

	if (!w) {
		out->err = PX_BUF_ENOMEM;
		return;
	}
	for (i = 0; i < t->n; i++) {
		size_t k = px_utf8_width(t->cells[i].ptr, t->cells[i].len);
		if (k > w[i % t->ncols])
			w[i % t->ncols] = k;
	}
	for (i = 0; i < t->n; i += t->ncols) {
		size_t end = t->ncols; /* the last non-empty cell ends the line */
		while (end > 1 && !t->cells[i + end - 1].len)
			end--;
		for (c = 0; c < end; c++) {
			const px_buf *b = &t->cells[i + c];
			px_buf_put(out, b->ptr, b->len);
			if (c + 1 < end) {
				size_t k;
				for (k = px_utf8_width(b->ptr, b->len); k < w[c] + 2; k++)
					px_buf_putc(out, ' ');
			}
		}
		px_buf_putc(out, '\n');
	}
	free(w);
}

static void table_free(table *t)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		px_buf_free(&t->cells[i]);
	free(t->cells);
}

/* "zuid 2022-2023 #4 (2023-01-17)", or "" when the note says no session */
static void session_of(px_buf *b, const char *community, const char *cycle, int session,
		       const char *date)
{
	if (!community || !session)
		return;
	px_buf_printf(b, "%s %s #%d (%s)", community, cycle ? cycle : "?", session,
		      date ? date : "?");
}

static int log_text(px_buf *out, const px_history *h)
{
	table t = { NULL, 0, 0, 7 };
	px_buf s = PX_BUF_INIT;
	size_t i, len;
	int rc = 0;

	for (i = 0; i < h->nentries && !rc; i++) {
		const px_history_entry *e = &h->entries[i];
		const px_history_commit *c = &h->commits[e->commit];
		char hex[8], when[PX_HISTORY_TIME_SIZE];
		const char *subject = px_history_subject(c, &len);
		memcpy(hex, c->hex, 7);
		hex[7] = '\0';
		px_history_time(when, c);
		px_buf_clear(&s);
		session_of(&s, e->community, e->cycle, e->session, e->date);
		rc |= put(&t, hex) | put(&t, when) | put(&t, c->author) |
		      put(&t, px_msg(change_msg(e->change))) | put(&t, s.ptr) | put(&t, e->path);
		px_buf_clear(&s);
		px_buf_put(&s, subject, len);
		rc |= put(&t, s.ptr);
	}
	if (!rc)
		table_write(out, &t);
	table_free(&t);
	px_buf_free(&s);
	return rc ? -1 : 0;
}

/* The JSON shape is doc/json.md's, section "log". */
static void log_json(px_buf *out, const px_history *h)
{
	px_json j;
	size_t i;

	px_json_init(&j, out);
	px_json_array(&j);
	for (i = 0; i < h->nentries; i++) {
		const px_history_entry *e = &h->entries[i];
		const px_history_commit *c = &h->commits[e->commit];
		char when[PX_HISTORY_TIME_SIZE];
		px_history_time(when, c);
		px_json_object(&j);
		px_json_kstr(&j, "commit", c->hex);
		px_json_kstr(&j, "time", when);
		px_json_kstr(&j, "author", c->author);
		px_json_kstr(&j, "email", c->email);
		px_json_kstr(&j, "message", c->message);
		px_json_kstr(&j, "change", change_name(e->change));
		px_json_kstr(&j, "path", e->path);
		px_json_kstr(&j, "community", e->community);
		px_json_kstr(&j, "cycle", e->cycle);
		px_json_kint(&j, "session", e->session);
		px_json_kstr(&j, "date", e->date);
		px_json_end(&j);
	}
	px_json_end(&j);
	px_buf_putc(out, '\n');
}

/* --format csv: the columns of the JSON, a row per line (sheet.h, RFC
 * 4180 with the formula guard); 0, or -1 with a diagnostic. */
static int log_csv(const px_history *h, px_diag *d)
{
	static const char *const cols[] = { "commit", "time", "author", "email", "message", "change",
					    "path", "community", "cycle", "session", "date" };
	const px_table *tv[1];
	px_table t;
	size_t i, k;
	int rc;

	px_table_init(&t, "log", sizeof cols / sizeof *cols);
	for (k = 0; k < sizeof cols / sizeof *cols; k++)
		px_table_str(&t, cols[k]);
	for (i = 0; i < h->nentries; i++) {
		const px_history_entry *e = &h->entries[i];
		const px_history_commit *c = &h->commits[e->commit];
		char when[PX_HISTORY_TIME_SIZE];
		px_history_time(when, c);
		px_table_dup(&t, c->hex);
		px_table_dup(&t, when);
		px_table_str(&t, c->author ? c->author : "");
		px_table_str(&t, c->email ? c->email : "");
		px_table_str(&t, c->message ? c->message : "");
		px_table_str(&t, change_name(e->change));
		px_table_str(&t, e->path ? e->path : "");
		px_table_str(&t, e->community ? e->community : "");
		px_table_str(&t, e->cycle ? e->cycle : "");
		px_table_int(&t, e->session);
		px_table_str(&t, e->date ? e->date : "");
	}
	tv[0] = &t;
	rc = px_sheet_write(tv, 1, PX_SHEET_CSV, NULL, NULL, d);
	px_table_free(&t);
	return rc;
}

static void commit_json(px_json *j, const char *key, const px_history *h, long i)
{
	char when[PX_HISTORY_TIME_SIZE];
	const px_history_commit *c;

	px_json_key(j, key);
	if (i < 0) {
		px_json_null(j);
		return;
	}
	c = &h->commits[i];
	px_history_time(when, c);
	px_json_object(j);
	px_json_kstr(j, "commit", c->hex);
	px_json_kstr(j, "time", when);
	px_json_kstr(j, "author", c->author);
	px_json_kstr(j, "email", c->email);
	px_json_end(j);
}

/* The JSON shape is doc/json.md's, section "log --followups". */
static void followups_json(px_buf *out, const px_history *h)
{
	px_json j;
	size_t i;

	px_json_init(&j, out);
	px_json_array(&j);
	for (i = 0; i < h->nfollowups; i++) {
		const px_history_followup *f = &h->followups[i];
		px_json_object(&j);
		px_json_kstr(&j, "path", f->path);
		px_json_kint(&j, "line", f->line);
		px_json_kstr(&j, "community", f->community);
		px_json_kstr(&j, "cycle", f->cycle);
		px_json_kint(&j, "session", f->session);
		px_json_kstr(&j, "date", f->date);
		px_json_kstr(&j, "text", f->text);
		px_json_kbool(&j, "done", f->done);
		commit_json(&j, "added", h, f->added);
		commit_json(&j, "checked", h, f->checked);
		px_json_end(&j);
	}
	px_json_end(&j);
	px_buf_putc(out, '\n');
}

/* One block per follow-up: where, its state and text, then a line for
 * when it was added and one for when it was checked, their labels padded
 * to the same width on screen. */
static void followups_text(px_buf *out, const px_history *h)
{
	static const px_msgid what[2] = { MSG_LOG_FU_ADDED, MSG_LOG_FU_CHECKED };
	px_buf s = PX_BUF_INIT;
	size_t i, w = 0, k;

	for (k = 0; k < 2; k++) {
		const char *m = px_msg(what[k]);
		if (px_utf8_width(m, strlen(m)) > w)
			w = px_utf8_width(m, strlen(m));
	}
	for (i = 0; i < h->nfollowups; i++) {
		const px_history_followup *f = &h->followups[i];
		long ev[2];
		px_buf_term_str(out, f->path, PX_TERM_LINE);
		px_buf_printf(out, ":%ld  ", f->line);
		px_buf_clear(&s);
		session_of(&s, f->community, f->cycle, f->session, f->date);
		if (s.len) {
			px_buf_term_str(out, s.ptr, PX_TERM_LINE);
			px_buf_puts(out, "  ");
		}
		px_buf_puts(out, f->done ? "[x] " : "[ ] ");
		px_buf_term_str(out, f->text, PX_TERM_LINE);
		px_buf_putc(out, '\n');
		ev[0] = f->added;
		ev[1] = f->checked;
		for (k = 0; k < 2; k++) {
			const char *m = px_msg(what[k]);
			char when[PX_HISTORY_TIME_SIZE];
			const px_history_commit *c;
			size_t pad;
			if (ev[k] < 0 && !(k == 1 && f->done))
				continue; /* open, or (never) an addition git does not know */
			px_buf_printf(out, "    %s", m);
			for (pad = px_utf8_width(m, strlen(m)); pad < w + 2; pad++)
				px_buf_putc(out, ' ');
			if (ev[k] < 0) { /* done, and never seen open */
				px_buf_printf(out, "%s\n", px_msg(MSG_LOG_FU_DONE_AT_ADD));
				continue;
			}
			c = &h->commits[ev[k]];
			px_history_time(when, c);
			px_buf_printf(out, "%s  ", when);
			px_buf_term_str(out, c->author, PX_TERM_LINE);
			px_buf_printf(out, "  %.7s\n", c->hex);
		}
	}
	px_buf_free(&s);
}

int cmd_log(int argc, char **argv, px_ctx *ctx)
{
	static const px_opt opts[] = {
		{ "format", 'f', 1, OPT_FORMAT },
		{ "limit", 'n', 1, OPT_LIMIT },
		{ "followups", 0, 0, OPT_FOLLOWUPS },
		{ "help", 'h', 0, OPT_HELP },
		{ 0, 0, 0, 0 }
	};
	static const char *const formats[] = { "text", "json", "csv", NULL };
	px_optstate st = PX_OPTSTATE_INIT("log");
	px_history_opts o = PX_HISTORY_OPTS_INIT;
	px_history h;
	px_buf out = PX_BUF_INIT;
	const char *arg = NULL;
	char *rel = NULL;
	int id, json = 0, followups = 0, rc, status = PX_EXIT_USAGE;

	memset(&h, 0, sizeof h);
	while ((id = px_getopt(&st, argc, argv, opts)) != PX_OPT_END) {
		switch (id) {
		case PX_OPT_ERROR: goto cleanup;
		case OPT_HELP: status = px_help(MSG_HELP_LOG); goto cleanup;
		case OPT_FORMAT:
			if ((json = px_opt_choice(&st, formats)) < 0)
				goto cleanup;
			break;
		case OPT_FOLLOWUPS: followups = 1; break;
		case OPT_LIMIT:
			if ((o.limit = px_opt_number(&st, 0, PX_OPT_COUNT_MAX)) < 0)
				goto cleanup;
			break;
		default:
			if (arg) {
				px_error(MSG_EXTRA_ARG, st.arg);
				goto cleanup;
			}
			arg = st.arg;
		}
	}
	/* a community's id, or a note's path (relative to the knowledge
	 * base, or to here when the file is here) */
	if (arg && px_kb_community(ctx->kb, arg)) {
		o.community = arg;
	} else if (arg && !followups && (strchr(arg, '/') || strstr(arg, ".md"))) {
		rel = px_kb_relpath(ctx->kb, arg);
		o.path = rel ? rel : arg;
		while (*o.path == '.' && o.path[1] == '/')
			o.path += 2;
	} else if (arg) {
		px_kb_unknown_community(ctx->kb, arg);
		goto cleanup;
	}
	if (followups) {
		px_history_followup_opts fo = PX_HISTORY_FOLLOWUP_OPTS_INIT;
		fo.community = o.community;
		rc = px_history_followups(&h, ctx->store, ctx->kb->cb, &fo, &ctx->diag);
	} else {
		rc = px_history_log(&h, ctx->store, ctx->kb->cb, &o, &ctx->diag);
	}
	if (rc < 0) {
		status = PX_CMD_FAILED;
		goto cleanup;
	}
	if (json == 2 && followups) {
		px_error(MSG_BAD_OPTION_VALUE, "--format", "csv", "text, json");
		goto cleanup;
	}
	if (json == 2) {
		status = log_csv(&h, &ctx->diag) < 0 ? PX_CMD_FAILED : PX_EXIT_OK;
		goto cleanup;
	}
	if (followups && json)
		followups_json(&out, &h);
	else if (followups)
		followups_text(&out, &h);
	else if (json)
		log_json(&out, &h);
	else
		rc = log_text(&out, &h);
	if (rc < 0)
		out.err = PX_BUF_ENOMEM; /* a cell could not be made */
	if (px_diag_buf(&ctx->diag, &out, NULL) < 0) {
		status = PX_CMD_FAILED;
		goto cleanup;
	}
	px_buf_fwrite(&out, stdout);
	status = PX_EXIT_OK;
cleanup:
	px_history_free(&h);
	px_buf_free(&out);
	free(rel);
	return status;
}
