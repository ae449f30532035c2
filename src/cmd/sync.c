/*
 * praxis sync [REMOTE] [--mine PATH] [--theirs PATH] [--edit PATH]
 *
 * For leads on several machines sharing one knowledge base through a git
 * remote: fetch, integrate, push. Integration is a fast-forward, or a
 * merge commit when both sides changed different notes. When both
 * changed the same note, sync stops before anything changes and shows,
 * for each such note, a diff of the two versions with who changed each
 * and when; the lead then runs sync again with a choice for every one of
 * them: --mine, --theirs (the merge is committed and pushed at once) or
 * --edit (both versions marked in the note; `praxis commit` of it makes
 * the merge, the next sync pushes). The work tree is only ever updated
 * with a safe checkout, which refuses to overwrite uncommitted edits and
 * names the notes.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../cmd.h"
#include "../opt.h"
#include "../out.h"
#include "../text.h"

enum { OPT_MINE = 1, OPT_THEIRS, OPT_EDIT, OPT_HELP };

/* "NAME, YYYY-MM-DD HH:MM" of one side, in its author's time zone. */
static void side_label(px_buf *b, px_msgid whose, const px_conflict_side *s)
{
	time_t t = (time_t)(s->time + (int64_t)s->offset * 60);
	struct tm tm;
	char when[32] = "?";

	if (gmtime_r(&t, &tm))
		strftime(when, sizeof when, "%Y-%m-%d %H:%M", &tm);
	px_buf_printf(b, "%s: ", px_msg(whose));
	px_buf_term_str(b, s->name, PX_TERM_LINE);
	px_buf_printf(b, ", %s", when);
	if (s->gone)
		px_buf_printf(b, " (%s)", px_msg(MSG_SYNC_SIDE_GONE));
}

/* The notes in conflict, each with its diff, on stdout; the errors. */
static int show_conflicts(px_store *st, const px_oid *ours, const px_oid *theirs, char **paths,
			  size_t n, px_diag *d)
{
	px_buf out = PX_BUF_INIT, diff = PX_BUF_INIT;
	size_t i;
	int rc = 0;

	for (i = 0; i < n; i++) {
		px_conflict c;
		if (px_store_conflict(st, &c, ours, theirs, paths[i], d) < 0) {
			rc = -1;
			break;
		}
		px_buf_clear(&diff);
		if (px_store_diff_text(&diff, &c.mine.text, &c.theirs.text, d) < 0) {
			px_conflict_free(&c);
			rc = -1;
			break;
		}
		if (i)
			px_buf_putc(&out, '\n');
		{
			px_buf head = PX_BUF_INIT;
			px_buf_term_str(&head, paths[i], PX_TERM_LINE);
			px_buf_printf(&out, px_msg(MSG_SYNC_CONFLICT_HEAD), head.ptr);
			px_buf_free(&head);
		}
		px_buf_puts(&out, "--- ");
		side_label(&out, MSG_SYNC_SIDE_MINE, &c.mine);
		px_buf_puts(&out, "\n+++ ");
		side_label(&out, MSG_SYNC_SIDE_THEIRS, &c.theirs);
		px_buf_putc(&out, '\n');
		px_buf_term_text(&out, diff.ptr, diff.len, 0);
		px_conflict_free(&c);
		px_diag_add(d, paths[i], 0, 0, PX_SEV_ERROR, "sync-conflict", MSG_SYNC_CONFLICT, paths[i]);
	}
	if (rc == 0 && px_diag_buf(d, &out, NULL) == 0)
		px_buf_fwrite(&out, stdout);
	px_diag_add(d, NULL, 0, 0, PX_SEV_ERROR, "sync-conflict", MSG_SYNC_CONFLICT_HINT);
	px_buf_free(&out);
	px_buf_free(&diff);
	return rc;
}

/* A path as typed, relative to the knowledge base when it is in it. */
static char *kb_path(const px_kb *kb, const char *typed)
{
	char *rel = px_kb_relpath(kb, typed);

	return rel ? rel : strdup(typed);
}

int cmd_sync(int argc, char **argv, px_ctx *ctx)
{
	static const px_opt opts[] = {
		{ "mine", 0, 1, OPT_MINE },
		{ "theirs", 0, 1, OPT_THEIRS },
		{ "edit", 0, 1, OPT_EDIT },
		{ "help", 'h', 0, OPT_HELP },
		{ 0, 0, 0, 0 }
	};
	px_optstate ost = PX_OPTSTATE_INIT("sync");
	px_store *st = ctx->store;
	px_remote *remote = NULL;
	px_diag d = PX_DIAG_INIT;
	px_buf ref = PX_BUF_INIT;
	px_oid ours, theirs, merged;
	px_resolution *res = NULL;
	px_buf *labels = NULL;
	const char *name = NULL;
	char *branch = NULL, **conflicts = NULL, **pending = NULL, **typed = NULL;
	size_t ahead = 0, behind = 0, nconflicts = 0, nres = 0, i;
	long npending = 0;
	int id, rc, status = PX_EXIT_USAGE, pushed_merge = 0;

	res = calloc((size_t)argc + 1, sizeof *res);
	typed = calloc((size_t)argc + 1, sizeof *typed);
	labels = calloc(2 * (size_t)argc + 2, sizeof *labels);
	if (!res || !typed || !labels)
		goto cleanup;
	while ((id = px_getopt(&ost, argc, argv, opts)) != PX_OPT_END) {
		switch (id) {
		case PX_OPT_ERROR: goto cleanup;
		case OPT_HELP: status = px_help(MSG_HELP_SYNC); goto cleanup;
		case OPT_MINE:
		case OPT_THEIRS:
		case OPT_EDIT:
			if (!(typed[nres] = kb_path(ctx->kb, ost.arg)))
				goto cleanup;
			res[nres].path = typed[nres];
			res[nres].how = id == OPT_MINE ? PX_KEEP_MINE
					: id == OPT_THEIRS ? PX_KEEP_THEIRS : PX_KEEP_EDIT;
			nres++;
			break;
		default:
			if (name) {
				px_error(MSG_EXTRA_ARG, ost.arg);
				goto cleanup;
			}
			name = ost.arg;
		}
	}
	if (!name)
		name = "origin";
	status = PX_EXIT_OK;
	/* a merge waiting for its edited notes comes first */
	npending = px_store_merge_pending(st, &pending, &d);
	if (npending < 0)
		goto out;
	if (npending > 0) {
		for (i = 0; i < (size_t)npending; i++)
			px_diag_add(&d, pending[i], 0, 0, PX_SEV_ERROR, "sync-conflict", MSG_SYNC_PENDING,
				    pending[i], pending[i]);
		goto out;
	}
	if (px_store_remote(&remote, st, name, &d) < 0 || px_store_branch(st, &branch, &d) < 0 ||
	    px_remote_fetch(remote, &d) < 0 || px_store_head(st, &ours, &d) != 0)
		goto out;
	px_buf_printf(&ref, "refs/remotes/%s/%s", name, branch);
	rc = px_store_ref(st, ref.ptr, &theirs, &d);
	if (rc < 0)
		goto out;
	if (rc == 0 && px_store_ahead_behind(st, &ahead, &behind, &ours, &theirs, &d) < 0)
		goto out;
	if (nres) {
		/* the lead's choices: only for a merge that conflicts */
		rc = behind && ahead ? px_store_merge(st, &merged, &ours, &theirs,
						      px_msg_in(MSG_SYNC_MERGE_MSG, PX_LANG_EN),
						      &conflicts, &nconflicts, &d)
				     : 0;
		if (rc < 0)
			goto out;
		if (rc == 0) {
			px_diag_add(&d, NULL, 0, 0, PX_SEV_ERROR, "sync-conflict",
				    MSG_SYNC_NOTHING_TO_RESOLVE, name);
			goto out;
		}
		for (i = 0; i < nres; i++) {
			px_conflict c;
			if (res[i].how != PX_KEEP_EDIT)
				continue;
			/* the marker lines say whose version each is */
			if (px_store_conflict(st, &c, &ours, &theirs, res[i].path, &d) < 0)
				goto out;
			labels[2 * i] = (px_buf)PX_BUF_INIT;
			labels[2 * i + 1] = (px_buf)PX_BUF_INIT;
			side_label(&labels[2 * i], MSG_SYNC_SIDE_MINE, &c.mine);
			side_label(&labels[2 * i + 1], MSG_SYNC_SIDE_THEIRS, &c.theirs);
			px_conflict_free(&c);
			res[i].mine_label = labels[2 * i].ptr;
			res[i].theirs_label = labels[2 * i + 1].ptr;
		}
		rc = px_store_resolve(st, &merged, &ours, &theirs, res, nres,
				      px_msg_in(MSG_SYNC_MERGE_MSG, PX_LANG_EN), &d);
		if (rc < 0 || rc == 1)
			goto out;
		if (rc == 2) {
			for (i = 0; i < nres; i++)
				if (res[i].how == PX_KEEP_EDIT)
					px_say(stdout, MSG_SYNC_EDIT_READY, res[i].path, res[i].path);
			goto done;
		}
		if (px_store_fast_forward(st, &merged, "praxis sync", &d) < 0)
			goto out;
		px_say(stdout, MSG_SYNC_RESOLVED);
		pushed_merge = 1;
	} else if (rc == 0) {
		if (behind && !ahead) {
			if (px_store_fast_forward(st, &theirs, "praxis sync", &d) < 0)
				goto out;
			px_say(stdout, px_plural(MSG_SYNC_FF_1, MSG_SYNC_FF, behind), behind);
		} else if (behind && ahead) {
			rc = px_store_merge(st, &merged, &ours, &theirs,
					    px_msg_in(MSG_SYNC_MERGE_MSG, PX_LANG_EN), &conflicts,
					    &nconflicts, &d);
			if (rc == 1)
				show_conflicts(st, &ours, &theirs, conflicts, nconflicts, &d);
			if (rc != 0 || px_store_fast_forward(st, &merged, "praxis sync", &d) < 0)
				goto out;
			char *theirs_n = px_count(MSG_N_REMOTE_COMMITS_1, MSG_N_REMOTE_COMMITS,
						  (unsigned long)behind);
			char *ours_n = px_count(MSG_N_LOCAL_COMMITS_1, MSG_N_LOCAL_COMMITS,
						(unsigned long)ahead);
			px_say(stdout, MSG_SYNC_MERGED, theirs_n, ours_n);
			free(theirs_n);
			free(ours_n);
		}
	} else {
		ahead = 1; /* the remote has no such branch yet */
	}
	if (ahead || pushed_merge) {
		if (px_remote_push(remote, branch, &d) < 0 ||
		    px_remote_set_upstream(remote, branch, &d) < 0)
			goto out;
		px_say(stdout, MSG_SYNC_PUSHED, name);
	} else if (!behind) {
		px_say(stdout, MSG_SYNC_UP_TO_DATE, name);
	}
done:
	{
		px_index *ix = NULL;
		px_update_opts uo = PX_UPDATE_OPTS_INIT;
		uo.progress = ctx->tty_err;
		if (px_index_open(&ix, ctx->kb, ctx->store, &d) < 0 || px_index_update(ix, &uo, &d) < 0)
			px_diag_take(&ctx->diag, &d);
		px_index_close(ix);
	}
	status = PX_EXIT_OK;
out:
	if (status != PX_EXIT_OK || d.errors) {
		px_diag_take(&ctx->diag, &d);
		status = PX_CMD_FAILED; /* a conflict is a finding (px_diag_status) */
	}
cleanup:
	for (i = 0; labels && i < 2 * nres; i++)
		if (labels[i].ptr)
			px_buf_free(&labels[i]);
	free(labels);
	px_strv_free(typed, nres);
	free(res);
	px_strv_free(pending, npending > 0 ? (size_t)npending : 0);
	px_buf_free(&ref);
	px_strv_free(conflicts, nconflicts);
	free(branch);
	px_remote_free(remote);
	px_diag_free(&d);
	return status;
}
