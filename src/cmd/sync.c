/*
 * praxis sync [REMOTE]
 *
 * For leads on several machines sharing one knowledge base through a git
 * remote: fetch, integrate, push. Integration is a fast-forward, or a
 * merge commit when both sides changed; a true conflict stops before
 * anything changes here. The work tree is updated with a safe checkout,
 * which refuses to overwrite uncommitted edits.
 */
#include <string.h>

#include "../cmd.h"

static int fail(px_diag *d)
{
	px_store_error(d, NULL);
	return -1;
}

/* Checks out `tree` safely and moves the branch to `target`. */
static int move_to(git_repository *repo, git_reference *branch, const git_oid *target,
		   git_commit *commit, px_diag *d)
{
	git_checkout_options co;
	git_reference *moved = NULL;
	int rc;

	git_checkout_options_init(&co, GIT_CHECKOUT_OPTIONS_VERSION);
	co.checkout_strategy = GIT_CHECKOUT_SAFE;
	if (git_checkout_tree(repo, (const git_object *)commit, &co) < 0) {
		px_diag_add(d, NULL, 0, 0, PX_SEV_ERROR, "sync", MSG_SYNC_DIRTY,
			    git_error_last() ? git_error_last()->message : "?");
		return -1;
	}
	rc = git_reference_set_target(&moved, branch, target, "praxis sync");
	git_reference_free(moved);
	return rc < 0 ? fail(d) : 0;
}

static int merge(git_repository *repo, git_reference *branch, git_commit *ours,
		 git_commit *theirs, px_diag *d)
{
	git_index *idx = NULL;
	git_tree *tree = NULL;
	git_signature *sig = NULL;
	git_commit *merged = NULL;
	git_oid tree_id, id;
	const git_commit *parents[2] = { ours, theirs };
	int rc = -1;

	if (git_merge_commits(&idx, repo, ours, theirs, NULL) < 0)
		return fail(d);
	if (git_index_has_conflicts(idx)) {
		git_index_conflict_iterator *it = NULL;
		const git_index_entry *a, *o, *t;
		if (git_index_conflict_iterator_new(&it, idx) == 0) {
			while (git_index_conflict_next(&a, &o, &t, it) == 0) {
				const char *p = o ? o->path : t ? t->path : a ? a->path : "?";
				px_diag_add(d, p, 0, 0, PX_SEV_ERROR, "sync-conflict", MSG_SYNC_CONFLICT, p);
			}
			git_index_conflict_iterator_free(it);
		}
		px_diag_add(d, NULL, 0, 0, PX_SEV_ERROR, "sync-conflict", MSG_SYNC_CONFLICT_HINT);
		goto cleanup;
	}
	if (git_index_write_tree_to(&tree_id, idx, repo) < 0 ||
	    git_tree_lookup(&tree, repo, &tree_id) < 0)
		goto git;
	if (git_signature_default(&sig, repo) < 0 && git_signature_now(&sig, "praxis", "") < 0)
		goto git;
	if (git_commit_create(&id, repo, NULL, sig, sig, NULL, px_msg_in(MSG_SYNC_MERGE_MSG, PX_LANG_EN),
			      tree, 2, parents) < 0 ||
	    git_commit_lookup(&merged, repo, &id) < 0)
		goto git;
	rc = move_to(repo, branch, &id, merged, d);
	goto cleanup;
git:
	fail(d);
cleanup:
	git_commit_free(merged);
	git_signature_free(sig);
	git_tree_free(tree);
	git_index_free(idx);
	return rc;
}

int cmd_sync(int argc, char **argv, px_ctx *ctx)
{
	git_repository *repo = ctx->store->repo;
	git_remote *remote = NULL;
	git_reference *head = NULL, *upstream = NULL;
	git_commit *ours = NULL, *theirs = NULL;
	git_fetch_options fo;
	git_push_options po;
	px_diag d = PX_DIAG_INIT;
	px_buf ref = PX_BUF_INIT, spec = PX_BUF_INIT;
	const char *args[1], *name = "origin", *branch;
	char *specs[1];
	git_strarray refspecs = { specs, 1 };
	size_t ahead = 0, behind = 0;
	int n, rc, status = PX_EXIT_USAGE;

	rc = px_simple_opts(argc, argv, MSG_HELP_SYNC, args, 1, &n);
	if (rc)
		return rc < 0 ? PX_EXIT_USAGE : PX_EXIT_OK;
	if (n)
		name = args[0];
	if (git_remote_lookup(&remote, repo, name) < 0) {
		px_diag_add(&d, NULL, 0, 0, PX_SEV_ERROR, "sync", MSG_SYNC_NO_REMOTE, name, name);
		goto out;
	}
	if (git_repository_head(&head, repo) < 0) {
		fail(&d);
		goto out;
	}
	branch = git_reference_shorthand(head);
	git_fetch_options_init(&fo, GIT_FETCH_OPTIONS_VERSION);
	if (git_remote_fetch(remote, NULL, &fo, "praxis sync") < 0) {
		px_diag_add(&d, name, 0, 0, PX_SEV_ERROR, "sync", MSG_SYNC_FETCH, name,
			    git_error_last() ? git_error_last()->message : "?");
		goto out;
	}
	px_buf_printf(&ref, "refs/remotes/%s/%s", name, branch);
	if (git_commit_lookup(&ours, repo, git_reference_target(head)) < 0) {
		fail(&d);
		goto out;
	}
	if (git_reference_lookup(&upstream, repo, ref.ptr) == 0) {
		if (git_commit_lookup(&theirs, repo, git_reference_target(upstream)) < 0 ||
		    git_graph_ahead_behind(&ahead, &behind, repo, git_commit_id(ours),
					   git_commit_id(theirs)) < 0) {
			fail(&d);
			goto out;
		}
		if (behind && !ahead) {
			if (move_to(repo, head, git_commit_id(theirs), theirs, &d) < 0)
				goto out;
			px_say(stdout, px_plural(MSG_SYNC_FF_1, MSG_SYNC_FF, behind), behind);
		} else if (behind && ahead) {
			if (merge(repo, head, ours, theirs, &d) < 0)
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
		px_buf_printf(&spec, "refs/heads/%s:refs/heads/%s", branch, branch);
		specs[0] = spec.ptr;
		git_push_options_init(&po, GIT_PUSH_OPTIONS_VERSION);
		if (git_remote_push(remote, &refspecs, &po) < 0) {
			px_diag_add(&d, name, 0, 0, PX_SEV_ERROR, "sync", MSG_SYNC_PUSH, name,
				    git_error_last() ? git_error_last()->message : "?");
			goto out;
		}
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
	px_buf_free(&spec);
	git_commit_free(ours);
	git_commit_free(theirs);
	git_reference_free(head);
	git_reference_free(upstream);
	git_remote_free(remote);
	px_diag_free(&d);
	return status;
}
