/*
 * praxis check [--format text|json] [--summary] [--lang nl|fr|en] [PATH...]
 *
 * Shows the problems of communities.yaml (found when the dispatcher
 * opened the knowledge base), then reads each note through the note
 * model and adds what only the knowledge base knows: the community, the
 * conventional path, the privacy guard, and sessions claimed twice.
 * Nothing here parses Markdown or YAML itself.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../cmd.h"
#include "../out.h"
#include "../note.h"
#include "../opt.h"
#include "../check.h"

enum { OPT_FORMAT = 1, OPT_SUMMARY, OPT_LANG, OPT_HELP };

typedef struct {
	size_t notes, segments, quotes, open, done;
	size_t *code_segments; /* per codebook code */
} summary;

static void tally(summary *s, const px_note *n)
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
}

static void check_one(px_ctx *ctx, const char *display, const char *fs_path, px_diag *d,
		      summary *s, px_claims *claims)
{
	px_note *n = NULL;
	char *rel = px_kb_relpath(ctx->kb, fs_path);

	/* communities.yaml's rules are checked when the knowledge base
	 * opens; here only what it shows goes through the privacy guard,
	 * and it is not counted as a note */
	if (rel && (!strcmp(rel, "communities.yaml") || !strcmp(rel, "publication.yaml"))) {
		px_check_file(ctx->kb, display, fs_path, d, &n);
		px_note_free(n);
		free(rel);
		return;
	}
	if (px_check_file(ctx->kb, display, fs_path, d, &n) == PX_CHECK_UNREADABLE) {
		free(rel);
		return;
	}
	if (n) {
		tally(s, n);
		px_claims_add(claims, n, rel);
	} else {
		s->notes++;
	}
	free(rel);
	px_note_free(n);
}

/* communities.yaml, publication.yaml and the knowledge base's own
 * codebook.xml: what they show goes through the privacy guard too (their other rules are
 * checked when the knowledge base is opened). */
static void check_kb_files(px_ctx *ctx, px_diag *d)
{
	static const char *const files[] = { "communities.yaml", "codebook.xml", "publication.yaml" };
	size_t i;

	for (i = 0; i < sizeof files / sizeof *files; i++) {
		px_buf full = PX_BUF_INIT, src = PX_BUF_INIT;
		px_buf_printf(&full, "%s/%s", ctx->kb->root, files[i]);
		if (px_kb_read_file(&src, NULL, ctx->kb, full.ptr, files[i], PX_BUF_MAX, d) == 0)
			px_check_kb_file(ctx->kb, files[i], files[i], src.ptr, src.len, d);
		px_buf_free(&src);
		px_buf_free(&full);
	}
}

/* The categories and codes praxis import left untranslated (their
 * untranslated attribute): one warning each, until someone translates. */
static void check_untranslated(const px_codebook *cb, px_diag *d)
{
	size_t i;

	for (i = 0; i < cb->ncats; i++)
		if (cb->cats[i].untranslated)
			px_diag_add(d, "codebook.xml", cb->cats[i].line, 0, PX_SEV_WARNING,
				    "untranslated", MSG_CODEBOOK_UNTRANSLATED, cb->cats[i].id,
				    px_lang_code((px_lang)(cb->cats[i].untranslated - 1)));
	for (i = 0; i < cb->ncodes; i++)
		if (cb->codes[i].untranslated)
			px_diag_add(d, "codebook.xml", cb->codes[i].line, 0, PX_SEV_WARNING,
				    "untranslated", MSG_CODEBOOK_UNTRANSLATED, cb->codes[i].id,
				    px_lang_code((px_lang)(cb->codes[i].untranslated - 1)));
}

static int is_dir(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Every note below a folder, shown with the folder as typed. Inside the
 * knowledge base the knowledge base's own rules say what a note is. */
static void check_dir(px_ctx *ctx, const char *dir, px_diag *d, summary *s, px_claims *claims)
{
	char *rel = px_kb_relpath(ctx->kb, dir), *abs = realpath(dir, NULL);
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
		nn = px_kb_list_texts(ctx->kb, &notes);
	} else {
		sub.root = abs;
		nn = px_kb_list_texts(&sub, &notes);
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
		check_one(ctx, disp.ptr, full.ptr, d, s, claims);
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
	char *notes = px_count(MSG_N_NOTES_1, MSG_N_NOTES, s->notes);
	char *segs = px_count(MSG_N_SEGMENTS_1, MSG_N_SEGMENTS, s->segments);
	char *quotes = px_count(MSG_N_QUOTES_1, MSG_N_QUOTES, s->quotes);
	px_buf follow = PX_BUF_INIT, codes = PX_BUF_INIT;
	size_t i, used = 0;

	for (i = 0; i < cb->ncodes; i++)
		used += s->code_segments[i] > 0;
	px_buf_printf(&follow, px_msg(px_plural(MSG_N_FOLLOWUPS_1, MSG_N_FOLLOWUPS,
						s->open + s->done)), s->open, s->done);
	px_buf_printf(&codes, px_msg(px_plural(MSG_N_CODES_USED_1, MSG_N_CODES_USED, cb->ncodes)),
		      used, cb->ncodes);
	px_say(stdout, MSG_CHECK_CONTENTS, notes, segs, quotes, follow.ptr, codes.ptr);
	free(notes);
	free(segs);
	free(quotes);
	px_buf_free(&follow);
	px_buf_free(&codes);
}

int cmd_check(int argc, char **argv, px_ctx *ctx)
{
	static const px_opt opts[] = {
		{ "format", 'f', 1, OPT_FORMAT },
		{ "summary", 's', 0, OPT_SUMMARY },
		{ "lang", 'l', 1, OPT_LANG },
		{ "help", 'h', 0, OPT_HELP },
		{ 0, 0, 0, 0 }
	};
	static const char *const formats[] = { "text", "json", NULL };
	static const char *const langs[] = { "nl", "fr", "en", NULL };
	px_optstate st = PX_OPTSTATE_INIT("check");
	px_diag d = PX_DIAG_INIT;
	px_claims claims = PX_CLAIMS_INIT;
	summary s;
	char **paths = NULL, **notes = NULL;
	size_t npaths = 0, i;
	long nn;
	int id, json = 0, want_summary = 0, relang = 0, status = PX_EXIT_USAGE;

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
		case OPT_LANG:
			/* the same as 'praxis --lang LANG check' */
			if (px_opt_choice(&st, langs) < 0)
				goto cleanup;
			px_i18n_set(st.arg);
			relang = 1;
			break;
		default: paths[npaths++] = (char *)st.arg; break;
		}
	}
	if (relang && ctx->kb_diag) {
		/* communities.yaml's problems were worded before --lang was
		 * read: open the knowledge base again to word them anew */
		px_kb *kb = NULL;
		px_diag_free(ctx->kb_diag);
		if (px_kb_open(&kb, ctx->kb->root, PX_KB_KEEP_GOING, ctx->kb_diag) < 0) {
			px_diag_print(ctx->kb_diag, stderr, 0);
			status = ctx->kb_diag->errors ? PX_EXIT_FINDINGS : PX_EXIT_USAGE;
			goto cleanup;
		}
		px_kb_free(ctx->kb);
		ctx->kb = kb;
	}
	if (ctx->kb_diag)
		px_diag_take(&d, ctx->kb_diag);
	s.code_segments = calloc(ctx->kb->cb->ncodes + 1, sizeof *s.code_segments);
	if (!npaths) {
		nn = px_kb_list_texts(ctx->kb, &notes);
		for (i = 0; nn > 0 && i < (size_t)nn; i++) {
			px_buf full = PX_BUF_INIT;
			px_buf_printf(&full, "%s/%s", ctx->kb->root, notes[i]);
			check_one(ctx, notes[i], full.ptr, &d, &s, &claims);
			px_buf_free(&full);
		}
		px_strv_free(notes, nn > 0 ? (size_t)nn : 0);
		check_kb_files(ctx, &d);
		check_untranslated(ctx->kb->cb, &d);
	}
	for (i = 0; i < npaths; i++) {
		if (is_dir(paths[i])) {
			check_dir(ctx, paths[i], &d, &s, &claims);
		} else {
			check_one(ctx, paths[i], paths[i], &d, &s, &claims);
		}
	}
	px_claims_check(&claims, ctx->kb, &d);
	px_diag_sort(&d);
	if (json) {
		px_buf out = PX_BUF_INIT;
		px_diag_json(&d, &out);
		px_buf_fwrite(&out, stdout);
		px_buf_free(&out);
	} else {
		px_diag_print(&d, stdout, ctx->color);
		char *checked = px_count(MSG_N_NOTES_CHECKED_1, MSG_N_NOTES_CHECKED, s.notes);
		char *errors = px_count(MSG_N_ERRORS_1, MSG_N_ERRORS, d.errors);
		char *warnings = px_count(MSG_N_WARNINGS_1, MSG_N_WARNINGS, d.warnings);
		px_say(stdout, MSG_CHECK_SUMMARY, checked, errors, warnings);
		free(checked);
		free(errors);
		free(warnings);
		if (want_summary)
			print_summary(ctx, &s);
	}
	status = d.errors ? PX_EXIT_FINDINGS : PX_EXIT_OK;
cleanup:
	free(s.code_segments);
	px_claims_free(&claims);
	free(paths);
	px_diag_free(&d);
	return status;
}
