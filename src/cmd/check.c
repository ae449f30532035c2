/*
 * praxis check [--format text|json] [--summary] [PATH...]
 *
 * Reads each note through the note model and adds what only the
 * knowledge base knows: the community, the conventional path, and the
 * privacy guard. Nothing here parses Markdown or YAML itself.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../cmd.h"
#include "../fold.h"
#include "../note.h"
#include "../opt.h"
#include "../privacy.h"

enum { OPT_FORMAT = 1, OPT_SUMMARY, OPT_HELP };

typedef struct {
	size_t notes, segments, quotes, open, done;
	size_t *code_segments; /* per codebook code */
} summary;

static void check_community(const px_kb *kb, const px_note *n, px_diag *d)
{
	const char **ids;
	const char *hint;
	size_t i;

	if (!n->community.s || px_kb_community(kb, n->community.s))
		return;
	ids = malloc((kb->ncommunities + 1) * sizeof *ids);
	if (!ids)
		return;
	for (i = 0; i < kb->ncommunities; i++)
		ids[i] = kb->communities[i].id;
	hint = px_suggest(n->community.s, ids, kb->ncommunities);
	px_diag_add(d, n->path, n->community.line, n->community.col, PX_SEV_ERROR,
		    "unknown-community", hint ? MSG_UNKNOWN_COMMUNITY_HINT : MSG_UNKNOWN_COMMUNITY,
		    n->community.s, hint);
	free(ids);
}

/* CYCLE/COMMUNITY/NN.md, where NN may also be written without the zero. */
static void check_path(const px_note *n, const char *rel, px_diag *d)
{
	px_buf want = PX_BUF_INIT, alt = PX_BUF_INIT;

	if (!rel || !n->cycle_year || !n->community.s || !n->session)
		return;
	px_buf_printf(&want, "%s/%s/%02d.md", n->cycle.s, n->community.s, n->session);
	px_buf_printf(&alt, "%s/%s/%d.md", n->cycle.s, n->community.s, n->session);
	if (strcmp(rel, want.ptr) && strcmp(rel, alt.ptr))
		px_diag_add(d, n->path, 1, 1, PX_SEV_WARNING, "path-mismatch", MSG_PATH_MISMATCH,
			    want.ptr);
	px_buf_free(&want);
	px_buf_free(&alt);
}

static const struct {
	const char *rule;
	px_msgid msg;
} priv_rules[] = {
	[PX_PRIV_EMAIL] = { "privacy-email", MSG_PRIV_EMAIL },
	[PX_PRIV_PHONE] = { "privacy-phone", MSG_PRIV_PHONE },
	[PX_PRIV_NRN] = { "privacy-nrn", MSG_PRIV_NRN },
	[PX_PRIV_IBAN] = { "privacy-iban", MSG_PRIV_IBAN },
	[PX_PRIV_NAME] = { "privacy-name", MSG_PRIV_NAME },
};

static void check_privacy(const px_kb *kb, const px_note *n, const char *src, size_t len,
			  px_diag *d)
{
	enum { MAX_HITS = 32 };
	px_priv_hit hits[MAX_HITS];
	char *used = calloc(n->allow.n + 1, 1);
	size_t off = 0, i;
	int line = 1;

	if (!used)
		return;
	while (off < len) {
		const char *nl = memchr(src + off, '\n', len - off);
		size_t end = nl ? (size_t)(nl - src) : len;
		size_t nh = px_privacy_scan(src + off, end - off, kb ? kb->deny : NULL, hits, MAX_HITS);

		if (nh > MAX_HITS)
			nh = MAX_HITS;
		for (i = 0; i < nh; i++) {
			char *found = strndup(src + off + hits[i].start, hits[i].len);
			size_t k;
			int allowed = 0;
			for (k = 0; found && k < n->allow.n; k++)
				if (!strcmp(n->allow.v[k].s, found)) {
					used[k] = allowed = 1;
				}
			if (found && !allowed) {
				px_diag_add_at(d, n->path, line, hits[i].start, PX_SEV_ERROR,
					       priv_rules[hits[i].kind].rule, priv_rules[hits[i].kind].msg,
					       found);
				px_diag_hint(d, MSG_PRIV_HINT);
			}
			free(found);
		}
		off = end + 1;
		line++;
	}
	for (i = 0; i < n->allow.n; i++)
		if (!used[i])
			px_diag_add(d, n->path, n->allow.v[i].line, n->allow.v[i].col, PX_SEV_WARNING,
				    "unused-allow", MSG_UNUSED_ALLOW, n->allow.v[i].s);
	free(used);
}

/* The path relative to the knowledge base, or NULL when outside it. */
static char *relative_to_kb(const px_kb *kb, const char *path)
{
	char *abs = realpath(path, NULL);
	size_t rl = strlen(kb->root);
	char *rel = NULL;

	if (abs && !strncmp(abs, kb->root, rl) && abs[rl] == '/')
		rel = strdup(abs + rl + 1);
	free(abs);
	return rel;
}

static void tally(summary *s, const px_note *n, const px_codebook *cb)
{
	size_t i, k;

	s->notes++;
	for (i = 0; i < n->nsegs; i++) {
		const px_segment *g = &n->segs[i];
		s->segments++;
		s->quotes += g->kind == PX_SEG_QUOTE;
		s->open += g->task == 0;
		s->done += g->task == 1;
		for (k = 0; k < g->ncodes; k++)
			if (s->code_segments)
				s->code_segments[g->codes[k]->index]++;
	}
	(void)cb;
}

static void check_one(px_ctx *ctx, const char *display, const char *fs_path, px_diag *d,
		      summary *s)
{
	px_buf src = PX_BUF_INIT;
	px_note *n = NULL;
	char *rel;
	int rc;

	rc = px_buf_read_file(&src, fs_path, PX_NOTE_MAX + 1);
	if (rc == -2 || (rc == 0 && src.len > PX_NOTE_MAX)) {
		px_diag_add(d, display, 1, 1, PX_SEV_ERROR, "too-large", MSG_TOO_LARGE,
			    (int)(PX_NOTE_MAX >> 20));
		goto done;
	}
	if (rc < 0) {
		px_diag_add(d, display, 0, 0, PX_SEV_ERROR, "io-error", MSG_IO, display,
			    strerror(errno));
		goto done;
	}
	if (px_note_parse(&n, display, src.ptr, src.len, ctx->kb->cb, d) < 0) {
		s->notes++;
		goto done;
	}
	check_community(ctx->kb, n, d);
	rel = relative_to_kb(ctx->kb, fs_path);
	check_path(n, rel, d);
	free(rel);
	check_privacy(ctx->kb, n, src.ptr, src.len, d);
	tally(s, n, ctx->kb->cb);
done:
	px_diag_source(d, NULL, NULL, 0);
	px_note_free(n);
	px_buf_free(&src);
}

static int is_dir(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Every note below a folder, shown with the folder as typed. Inside the
 * knowledge base the knowledge base's own rules say what a note is. */
static void check_dir(px_ctx *ctx, const char *dir, px_diag *d, summary *s)
{
	char *rel = relative_to_kb(ctx->kb, dir), *abs = realpath(dir, NULL);
	char **notes = NULL;
	size_t k, rl;
	long nn;
	px_kb sub = *ctx->kb;

	if (!abs)
		return;
	if (!strcmp(abs, ctx->kb->root)) {
		free(rel);
		rel = strdup("");
	}
	if (rel) {
		nn = px_kb_list_notes(ctx->kb, &notes);
	} else {
		sub.root = abs;
		nn = px_kb_list_notes(&sub, &notes);
	}
	rl = rel ? strlen(rel) : 0;
	for (k = 0; nn > 0 && k < (size_t)nn; k++) {
		px_buf disp = PX_BUF_INIT, full = PX_BUF_INIT;
		const char *tail = notes[k];
		if (rel && rl) {
			if (strncmp(notes[k], rel, rl) || notes[k][rl] != '/')
				continue;
			tail = notes[k] + rl + 1;
		}
		px_buf_printf(&disp, "%s%s%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/", tail);
		px_buf_printf(&full, "%s/%s", rel ? ctx->kb->root : abs, notes[k]);
		check_one(ctx, disp.ptr, full.ptr, d, s);
		px_buf_free(&disp);
		px_buf_free(&full);
	}
	px_strv_free(notes, nn > 0 ? (size_t)nn : 0);
	free(rel);
	free(abs);
}

static void print_summary(const px_ctx *ctx, const summary *s)
{
	const px_codebook *cb = ctx->kb->cb;
	size_t i, used = 0;

	for (i = 0; i < cb->ncodes; i++)
		used += s->code_segments[i] > 0;
	px_say(stdout, MSG_CHECK_CONTENTS, s->notes, s->segments, s->quotes, s->open, s->done,
	       used, cb->ncodes);
}

int cmd_check(int argc, char **argv, px_ctx *ctx)
{
	static const px_opt opts[] = {
		{ "format", 'f', 1, OPT_FORMAT },
		{ "summary", 's', 0, OPT_SUMMARY },
		{ "help", 'h', 0, OPT_HELP },
		{ 0, 0, 0, 0 }
	};
	static const char *const formats[] = { "text", "json", NULL };
	px_optstate st = PX_OPTSTATE_INIT("check");
	px_diag d = PX_DIAG_INIT;
	summary s;
	char **paths = NULL, **notes = NULL;
	size_t npaths = 0, i;
	long nn;
	int id, json = 0, want_summary = 0, status = PX_EXIT_USAGE;

	memset(&s, 0, sizeof s);
	paths = calloc((size_t)argc, sizeof *paths);
	if (!paths)
		return PX_EXIT_USAGE;
	while ((id = px_getopt(&st, argc, argv, opts)) != PX_OPT_END) {
		switch (id) {
		case PX_OPT_ERROR: goto cleanup;
		case OPT_HELP: status = px_help(MSG_HELP_CHECK); goto cleanup;
		case OPT_SUMMARY: want_summary = 1; break;
		case OPT_FORMAT:
			if ((json = px_opt_choice(&st, formats)) < 0)
				goto cleanup;
			break;
		default: paths[npaths++] = (char *)st.arg; break;
		}
	}
	s.code_segments = calloc(ctx->kb->cb->ncodes + 1, sizeof *s.code_segments);
	if (!npaths) {
		nn = px_kb_list_notes(ctx->kb, &notes);
		for (i = 0; nn > 0 && i < (size_t)nn; i++) {
			px_buf full = PX_BUF_INIT;
			px_buf_printf(&full, "%s/%s", ctx->kb->root, notes[i]);
			check_one(ctx, notes[i], full.ptr, &d, &s);
			px_buf_free(&full);
		}
		px_strv_free(notes, nn > 0 ? (size_t)nn : 0);
	}
	for (i = 0; i < npaths; i++) {
		if (is_dir(paths[i])) {
			check_dir(ctx, paths[i], &d, &s);
		} else {
			check_one(ctx, paths[i], paths[i], &d, &s);
		}
	}
	if (json) {
		px_buf out = PX_BUF_INIT;
		px_diag_json(&d, &out);
		fwrite(out.ptr, 1, out.len, stdout);
		px_buf_free(&out);
	} else {
		px_diag_print(&d, stdout, ctx->color);
		px_say(stdout, MSG_CHECK_SUMMARY, s.notes, d.errors, d.warnings);
		if (want_summary)
			print_summary(ctx, &s);
	}
	status = d.errors ? PX_EXIT_FINDINGS : PX_EXIT_OK;
cleanup:
	free(s.code_segments);
	free(paths);
	px_diag_free(&d);
	return status;
}
