/*
 * praxis commit [PATH...] [-m MSG] [--author 'Name <email>']
 *
 * Checks the notes first, through the same module as `check`; one error
 * and nothing is committed. Then one commit (store.c) and the index is
 * brought up to date.
 */
#include <errno.h>
#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../check.h"
#include "../cmd.h"
#include "../guard.h"
#include "../opt.h"
#include "../text.h"

enum { OPT_MESSAGE = 1, OPT_AUTHOR, OPT_HELP };

/* What `commit` picks up by default besides notes. */
static int committable(const char *rel)
{
	const char *base = strrchr(rel, '/');

	if (px_kb_is_note_path(rel))
		return 1;
	if (!strcmp(rel, "communities.yaml") || !strcmp(rel, "codebook.xml") ||
	    !strcmp(rel, "publication.yaml") ||
	    !strcmp(rel, ".gitignore"))
		return 1;
	return base && (!strcmp(base, "/synthesis.nl.md") || !strcmp(base, "/synthesis.fr.md"));
}

/* A path typed by the user, relative to the knowledge base, even when
 * the file itself is gone (a deletion to commit). Only the folders are
 * resolved: a symbolic link is named, never followed to its target. */
static char *kb_relative(const px_kb *kb, const char *typed)
{
	char *copy = strdup(typed), *copy2 = strdup(typed), *dir, *base, *parent = NULL, *rel = NULL;
	px_buf b = PX_BUF_INIT;

	if (!copy || !copy2)
		goto cleanup;
	dir = dirname(copy);
	base = basename(copy2);
	if (!strcmp(base, ".") || !strcmp(base, "..") || !strcmp(base, "/"))
		goto cleanup;
	parent = px_kb_relpath(kb, dir);
	if (!parent) {
		char *abs = realpath(dir, NULL);
		if (abs && !strcmp(abs, kb->root))
			parent = strdup("");
		free(abs);
	}
	if (parent) {
		px_buf_printf(&b, "%s%s%s", parent, *parent ? "/" : "", base);
		rel = px_buf_detach(&b);
	}
cleanup:
	free(parent);
	free(copy);
	free(copy2);
	return rel;
}

static int in_head(px_store *s, const char *rel)
{
	px_buf b = PX_BUF_INIT;
	px_oid head;
	int found = px_store_head(s, &head, NULL) == 0 && px_store_read(s, &head, rel, &b, NULL) == 0;

	px_buf_free(&b);
	return found;
}

static void describe(px_buf *msg, const px_note *n, const char *rel)
{
	if (msg->len)
		px_buf_puts(msg, "; ");
	if (n && n->community.s && n->cycle.s && n->session)
		px_buf_printf(msg, "%s %s #%d (%s)", n->community.s, n->cycle.s, n->session,
			      n->date.s ? n->date.s : "?");
	else
		px_buf_puts(msg, rel);
}

/* --author goes into git as it is: no control characters, and the name
 * through the same guard as -m, before anything is written. The e-mail
 * address between '<' and '>' is the lead's own, which git needs: it is
 * left out of the scan. */
/* A control character or noncharacter in text given on the command line
 * (what git would store as it is) is refused, as in a note. */
static void check_chars(px_diag *d, const char *what, px_msgid msg, const char *text)
{
	size_t len = strlen(text), at = px_text_unsafe_at(text, len), n;
	unsigned long cp;

	if (at < len) {
		px_char_at(text + at, len - at, &cp, &n);
		px_diag_add(d, what, 0, 0, PX_SEV_ERROR, "control-character", msg, cp);
	}
}

static void check_author(const px_denylist *deny, px_diag *d, const char *author)
{
	const char *lt = strchr(author, '<'), *gt = lt ? strchr(lt, '>') : NULL;
	char *name;

	check_chars(d, "--author", MSG_CTRL_AUTHOR, author);
	name = strdup(author);
	if (!name) {
		px_diag_add(d, "--author", 0, 0, PX_SEV_ERROR, "privacy-incomplete", MSG_PRIV_OOM);
		return;
	}
	if (lt && gt)
		memset(name + (lt - author), ' ', (size_t)(gt - lt) + 1);
	px_guard_string(deny, d, px_msg(MSG_PRIV_WHERE_AUTHOR), name, 0, MSG_PRIV_HINT_AUTHOR);
	free(name);
}

int cmd_commit(int argc, char **argv, px_ctx *ctx)
{
	static const px_opt opts[] = {
		{ "message", 'm', 1, OPT_MESSAGE },
		{ "author", 'a', 1, OPT_AUTHOR },
		{ "help", 'h', 0, OPT_HELP },
		{ 0, 0, 0, 0 }
	};
	px_optstate st = PX_OPTSTATE_INIT("commit");
	px_commit_opts co = PX_COMMIT_OPTS_INIT;
	px_diag d = PX_DIAG_INIT;
	px_claims claims = PX_CLAIMS_INIT;
	px_buf msg = PX_BUF_INIT;
	char **paths = NULL, *first_author = NULL;
	px_store_file *files = NULL;
	px_buf *bufs = NULL;
	struct stat *stats = NULL;
	size_t n = 0, i;
	long nc;
	px_oid oid;
	struct stat sb;
	int id, rc, status = PX_EXIT_USAGE;

	paths = calloc((size_t)argc + 1, sizeof *paths);
	if (!paths)
		return PX_EXIT_USAGE;
	while ((id = px_getopt(&st, argc, argv, opts)) != PX_OPT_END) {
		switch (id) {
		case PX_OPT_ERROR: goto cleanup;
		case OPT_HELP: status = px_help(MSG_HELP_COMMIT); goto cleanup;
		case OPT_MESSAGE: co.message = st.arg; break;
		case OPT_AUTHOR: co.author = st.arg; break;
		default:
			paths[n] = kb_relative(ctx->kb, st.arg);
			if (paths[n] && lstat(st.arg, &sb) != 0 && !in_head(ctx->store, paths[n])) {
				/* neither here nor committed: a typo, not a deletion */
				free(paths[n]);
				paths[n] = NULL;
			}
			if (!paths[n]) {
				px_error(MSG_NOT_NOTE_PATH, st.arg);
				goto cleanup;
			}
			n++;
		}
	}
	/* a message given with -m is committed as it is: the same guard,
	 * before anything is written */
	if (co.message)
		check_chars(&d, "-m", MSG_CTRL_MESSAGE, co.message);
	if (co.message)
		px_guard_string(ctx->kb->deny, &d, px_msg(MSG_PRIV_WHERE_MESSAGE), co.message, 0,
				MSG_PRIV_HINT_MESSAGE);
	if (co.author)
		check_author(ctx->kb->deny, &d, co.author);
	if (!n) {
		char **changed = NULL;
		nc = px_store_changed(ctx->store, committable, &changed, &d);
		if (nc < 0)
			goto env;
		free(paths);
		paths = changed;
		n = (size_t)nc;
	}
	if (!n && !d.errors) {
		px_say(stdout, MSG_NOTHING_TO_COMMIT);
		status = PX_EXIT_OK;
		goto cleanup;
	}
	/* each file is read once: the bytes checked are the bytes committed,
	 * whatever an editor writes in between */
	files = calloc(n + 1, sizeof *files);
	bufs = calloc(n + 1, sizeof *bufs);
	stats = calloc(n + 1, sizeof *stats);
	if (!files || !bufs || !stats)
		goto cleanup;
	for (i = 0; i < n; i++) {
		px_buf full = PX_BUF_INIT, raw = PX_BUF_INIT;
		px_note *note = NULL;
		int note_path = px_kb_is_note_path(paths[i]);
		int r;
		bufs[i] = (px_buf)PX_BUF_INIT;
		files[i].path = paths[i];
		px_buf_printf(&full, "%s/%s", ctx->kb->root, paths[i]);
		r = px_kb_read_file(&raw, &stats[i], ctx->kb, full.ptr, paths[i],
				    note_path ? PX_NOTE_MAX : PX_BUF_MAX, &d);
		if (r == 0 && px_store_clean(ctx->store, paths[i], raw.ptr, raw.len, &bufs[i], &d) == 0) {
			files[i].data = bufs[i].ptr;
			files[i].len = bufs[i].len;
			files[i].st = &stats[i];
			/* check what git will store, through the same module as
			 * check: notes, synthesis texts, communities.yaml,
			 * codebook.xml and every file's name */
			note = px_check_kb_file(ctx->kb, paths[i], paths[i], bufs[i].ptr,
						bufs[i].len, &d);
			if (note_path) {
				px_claims_add(&claims, note, paths[i]);
				if (note && note->author.s && !first_author)
					first_author = strdup(note->author.s);
			}
		}
		describe(&msg, note, paths[i]);
		px_note_free(note);
		px_buf_free(&raw);
		px_buf_free(&full);
	}
	px_claims_check(&claims, ctx->kb, &d);
	px_diag_sort(&d);
	if (d.errors) {
		px_diag_print(&d, stdout, ctx->color);
		px_say(stdout, px_plural(MSG_COMMIT_REFUSED_1, MSG_COMMIT_REFUSED, d.errors), d.errors);
		status = PX_EXIT_FINDINGS;
		goto cleanup;
	}
	px_diag_print(&d, stdout, ctx->color); /* warnings */
	if (!co.message && n > 3) {
		/* a subject line that fits, the sessions in the body */
		px_buf full = PX_BUF_INIT;
		px_buf_printf(&full, px_msg_in(MSG_COMMIT_MANY, PX_LANG_EN), n);
		px_buf_puts(&full, "\n\n");
		for (i = 0; i < msg.len; i++) {
			if (msg.ptr[i] == ';' && msg.ptr[i + 1] == ' ') {
				px_buf_putc(&full, '\n');
				i++;
			} else {
				px_buf_putc(&full, msg.ptr[i]);
			}
		}
		px_buf_putc(&full, '\n');
		px_buf_free(&msg);
		msg = full;
	}
	if (!co.message)
		co.message = msg.ptr;
	co.fallback_name = first_author;
	rc = px_store_commit(ctx->store, files, n, &co, &oid, &d);
	if (rc < 0)
		goto env;
	if (rc == 1) {
		px_say(stdout, MSG_NOTHING_TO_COMMIT);
		status = PX_EXIT_OK;
		goto cleanup;
	}
	{
		char hex[PX_OID_HEXSZ + 1];
		px_index *ix = NULL;
		px_update_opts uo = PX_UPDATE_OPTS_INIT;
		px_diag xd = PX_DIAG_INIT;
		px_oid_hex(hex, &oid);
		hex[7] = '\0';
		{
			char *subject = strndup(co.message, strcspn(co.message, "\n"));
			px_say(stdout, MSG_COMMITTED, hex, subject ? subject : "");
			free(subject);
		}
		/* the commit stands; a failing index update is reported, not fatal */
		uo.progress = ctx->tty_err;
		if (px_index_open(&ix, ctx->kb, ctx->store, &xd) == 0)
			px_index_update(ix, &uo, &xd);
		px_diag_take(&ctx->diag, &xd);
		px_diag_free(&xd);
		px_index_close(ix);
	}
	status = PX_EXIT_OK;
	goto cleanup;
env:
	px_diag_take(&ctx->diag, &d);
	status = PX_CMD_FAILED;
cleanup:
	for (i = 0; bufs && i < n; i++)
		px_buf_free(&bufs[i]);
	free(bufs);
	free(files);
	free(stats);
	px_strv_free(paths, n);
	free(first_author);
	px_buf_free(&msg);
	px_claims_free(&claims);
	px_diag_free(&d);
	return status;
}
