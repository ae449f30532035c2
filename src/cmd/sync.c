/*
 * praxis sync [REMOTE]
 *
 * For leads on several machines sharing one knowledge base through a git
 * remote: fetch, integrate, push. Integration is a fast-forward, or a
 * merge commit when both sides changed; a true conflict stops before
 * anything changes here. The work tree is updated with a safe checkout,
 * which refuses to overwrite uncommitted edits.
 */
#include <stdlib.h>
#include <string.h>

#include "../cmd.h"

int cmd_sync(int argc, char **argv, px_ctx *ctx)
{
	px_store *st = ctx->store;
	px_remote *remote = NULL;
	px_diag d = PX_DIAG_INIT;
	px_buf ref = PX_BUF_INIT;
	px_oid ours, theirs, merged;
	const char *args[1], *name = "origin";
	char *branch = NULL, **conflicts = NULL;
	size_t ahead = 0, behind = 0, nconflicts = 0, i;
	int n, rc, status = PX_EXIT_USAGE;

	rc = px_simple_opts(argc, argv, MSG_HELP_SYNC, args, 1, &n);
	if (rc)
		return rc < 0 ? PX_EXIT_USAGE : PX_EXIT_OK;
	if (n)
		name = args[0];
	if (px_store_remote(&remote, st, name, &d) < 0 || px_store_branch(st, &branch, &d) < 0 ||
	    px_remote_fetch(remote, &d) < 0 || px_store_head(st, &ours, &d) != 0)
		goto out;
	px_buf_printf(&ref, "refs/remotes/%s/%s", name, branch);
	rc = px_store_ref(st, ref.ptr, &theirs, &d);
	if (rc < 0)
		goto out;
	if (rc == 0) {
		if (px_store_ahead_behind(st, &ahead, &behind, &ours, &theirs, &d) < 0)
			goto out;
		if (behind && !ahead) {
			if (px_store_fast_forward(st, &theirs, "praxis sync", &d) < 0)
				goto out;
			px_say(stdout, px_plural(MSG_SYNC_FF_1, MSG_SYNC_FF, behind), behind);
		} else if (behind && ahead) {
			rc = px_store_merge(st, &merged, &ours, &theirs,
					    px_msg_in(MSG_SYNC_MERGE_MSG, PX_LANG_EN), &conflicts,
					    &nconflicts, &d);
			if (rc == 1) {
				for (i = 0; i < nconflicts; i++)
					px_diag_add(&d, conflicts[i], 0, 0, PX_SEV_ERROR, "sync-conflict",
						    MSG_SYNC_CONFLICT, conflicts[i]);
				px_diag_add(&d, NULL, 0, 0, PX_SEV_ERROR, "sync-conflict",
					    MSG_SYNC_CONFLICT_HINT);
			}
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
	if (ahead) {
		if (px_remote_push(remote, branch, &d) < 0 ||
		    px_remote_set_upstream(remote, branch, &d) < 0)
			goto out;
		px_say(stdout, MSG_SYNC_PUSHED, name);
	} else if (!behind) {
		px_say(stdout, MSG_SYNC_UP_TO_DATE, name);
	}
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
	if (status != PX_EXIT_OK) {
		px_diag_take(&ctx->diag, &d);
		status = PX_CMD_FAILED; /* a conflict is a finding (px_diag_status) */
	}
	px_buf_free(&ref);
	px_strv_free(conflicts, nconflicts);
	free(branch);
	px_remote_free(remote);
	px_diag_free(&d);
	return status;
}
