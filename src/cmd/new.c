/*
 * praxis new COMMUNITY [--date YYYY-MM-DD] [--edit]
 *
 * Writes the next session's note from a template in the community's
 * language and prints its path. The session number follows the highest
 * one of that community in the cycle, read through the note model.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "../cmd.h"
#include "../cycle.h"
#include "../note.h"
#include "../opt.h"
#include "../out.h"
#include "../text.h"

enum { OPT_DATE = 1, OPT_EDIT, OPT_HELP };

static const char *const sections[2][4] = {
	{ "Casus", "Bespreking", "Wat we meenemen", "Opvolging" },
	{ "Présentation du cas", "Discussion", "Ce que nous retenons", "Suivi" },
};
static const char *const guidance[2][4] = {
	{ "Wie stelde welke situatie voor? Gebruik pseudoniemen (mevrouw A.). Codeer met #tijd, #vertrouwen, ...",
	  "Wat zeiden de deelnemers? Citaten als > \"...\".",
	  "Wat neemt de groep mee?",
	  "Afspraken als taken: - [ ] ..." },
	{ "Qui a présenté quelle situation ? Utilisez des pseudonymes (Madame A.). Codez avec #temps, #confiance, ...",
	  "Qu'ont dit les participants ? Citations en > \"...\".",
	  "Que retient le groupe ?",
	  "Les engagements en tâches : - [ ] ..." },
};

/* The author as git would name them in this knowledge base: the
 * repository's own user.name first (store.c reads git's configuration). */
static char *user_name(const char *root)
{
	char *s = px_store_user_name(root);

	if (!s && getenv("USER"))
		s = strdup(getenv("USER"));
	return s ? s : strdup("");
}

/* Highest session number of the community in the cycle, from its notes. */
static int last_session(const px_kb *kb, const char *community, const char *cycle)
{
	char **notes = NULL;
	long n = px_kb_list_notes(kb, &notes), i;
	int best = 0;

	for (i = 0; i < n; i++) {
		px_buf src = PX_BUF_INIT, full = PX_BUF_INIT;
		px_diag quiet = PX_DIAG_INIT;
		px_note *note = NULL;
		px_buf_printf(&full, "%s/%s", kb->root, notes[i]);
		if (px_kb_read_file(&src, NULL, kb, full.ptr, notes[i], PX_NOTE_MAX, &quiet) == 0 &&
		    px_note_parse(&note, notes[i], src.ptr, src.len, kb->cb, &quiet) == 0 &&
		    note->community.s && !strcmp(note->community.s, community) && note->cycle.s &&
		    !strcmp(note->cycle.s, cycle) && note->session > best)
			best = note->session;
		px_note_free(note);
		px_diag_free(&quiet);
		px_buf_free(&src);
		px_buf_free(&full);
	}
	px_strv_free(notes, n > 0 ? (size_t)n : 0);
	return best;
}

static void yaml_quoted(px_buf *b, const char *s)
{
	px_buf_putc(b, '"');
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			px_buf_putc(b, '\\');
		px_buf_putc(b, *s);
	}
	px_buf_putc(b, '"');
}

/* Runs the editor through the shell as git does ("$EDITOR" "$@"), so
 * an editor given with options ("code -w") works. */
static int run_editor(const char *editor, const char *path)
{
	px_buf cmd = PX_BUF_INIT;
	pid_t pid;
	int status;

	px_buf_printf(&cmd, "%s \"$@\"", editor);
	fflush(NULL);
	pid = fork();
	if (pid < 0) {
		px_buf_free(&cmd);
		return -1;
	}
	if (pid == 0) {
		execl("/bin/sh", "sh", "-c", cmd.ptr, "sh", path, (char *)NULL);
		_exit(127);
	}
	px_buf_free(&cmd);
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
}

int cmd_new(int argc, char **argv, px_ctx *ctx)
{
	static const px_opt opts[] = {
		{ "date", 'd', 1, OPT_DATE },
		{ "edit", 'e', 0, OPT_EDIT },
		{ "help", 'h', 0, OPT_HELP },
		{ 0, 0, 0, 0 }
	};
	px_optstate st = PX_OPTSTATE_INIT("new");
	const px_community *c;
	const char *community = NULL, *date = NULL;
	char today[PX_DATE_SIZE], cycle[PX_CYCLE_SIZE], *author = NULL;
	px_buf rel = PX_BUF_INIT, text = PX_BUF_INIT;
	px_out_opts oo = PX_OUT_OPTS_INIT;
	px_diag d = PX_DIAG_INIT;
	char *path = NULL, *slash;
	int id, edit = 0, y, m, dd, l, session, status = PX_EXIT_USAGE;
	size_t i;

	while ((id = px_getopt(&st, argc, argv, opts)) != PX_OPT_END) {
		switch (id) {
		case PX_OPT_ERROR: return PX_EXIT_USAGE;
		case OPT_HELP: return px_help(MSG_HELP_NEW);
		case OPT_DATE: date = st.arg; break;
		case OPT_EDIT: edit = 1; break;
		default:
			if (community) {
				px_error(MSG_EXTRA_ARG, st.arg);
				return PX_EXIT_USAGE;
			}
			community = st.arg;
		}
	}
	if (!community) {
		px_error(MSG_NEED_ARG, "COMMUNITY");
		return PX_EXIT_USAGE;
	}
	c = px_kb_community(ctx->kb, community);
	if (!c) {
		px_kb_unknown_community(ctx->kb, community);
		return PX_EXIT_USAGE;
	}
	if (!date) {
		if (px_today(today, &ctx->diag) < 0)
			return PX_CMD_FAILED;
		date = today;
	}
	if (px_date_parse(date, &y, &m, &dd) < 0) {
		px_error(MSG_BAD_DATE, date);
		return PX_EXIT_USAGE;
	}
	px_cycle_name(cycle, px_cycle_of(y, m));
	session = last_session(ctx->kb, community, cycle) + 1;
	if (session > PX_SESSION_MAX) {
		char next[24];
		snprintf(next, sizeof next, "%d", session);
		px_error(MSG_BAD_INT, "session", PX_SESSION_MIN, PX_SESSION_MAX, next);
		return PX_EXIT_USAGE;
	}
	l = !strcmp(c->lang, "fr");
	author = user_name(ctx->kb->root);

	px_buf_printf(&rel, "%s/%s/%02d.md", cycle, community, session);
	/* CYCLE/ and CYCLE/COMMUNITY/, which may exist already, inside the
	 * knowledge base */
	if (px_out_join(&path, ctx->kb->root, rel.ptr, &d) < 0)
		goto env;
	slash = strrchr(path, '/');
	*slash = '\0';
	if (px_out_mkdirs(path, &d) < 0)
		goto env;
	*slash = '/';

	px_buf_printf(&text, "---\ncommunity: %s\ncycle: %s\nsession: %d\ndate: %s\nlang: %s\nauthor: ",
		      community, cycle, session, date, c->lang);
	yaml_quoted(&text, author);
	px_buf_puts(&text, "\nmoderators: [");
	for (i = 0; i < c->nmoderators; i++) {
		if (i)
			px_buf_puts(&text, ", ");
		yaml_quoted(&text, c->moderators[i]);
	}
	px_buf_puts(&text, "]\n# attendance: 12\nmethods: []\nthemes: []\ntitle: \"\"\nsummary: \"\"\n---\n");
	for (i = 0; i < 4; i++)
		px_buf_printf(&text, "\n## %s\n\n<!-- %s -->\n", sections[l][i], guidance[l][i]);

	oo.excl = 1; /* a note is never replaced */
	if (px_out_write_buf(path, &text, &oo, &d) < 0)
		goto env;
	px_term_fputs(path, PX_TERM_LINE, stdout);
	putchar('\n');
	status = PX_EXIT_OK;
	if (edit) {
		const char *ed = getenv("VISUAL");
		if (!ed || !*ed)
			ed = getenv("EDITOR");
		if (run_editor(ed && *ed ? ed : "vi", path) < 0)
			status = PX_EXIT_USAGE;
	}
	goto cleanup;
env:
	px_diag_take(&ctx->diag, &d);
	status = PX_CMD_FAILED;
cleanup:
	px_diag_free(&d);
	free(path);
	free(author);
	px_buf_free(&rel);
	px_buf_free(&text);
	return status;
}
