/*
 * store_sync.c - sharing the repository through a remote: fetch,
 * ahead/behind, merge, fast-forward, push (store.h). The steps stay
 * separate so that a caller decides what to do between them.
 */
#include "store_int.h"

#include <stdlib.h>
#include <string.h>

struct px_remote {
	px_store *s;
	git_remote *remote;
	char *name;
};

/* libgit2's message for an error quoted inside a sentence of ours. */
static const char *last_message(void)
{
	const git_error *e = git_error_last();

	return e && e->message ? e->message : "?";
}

int px_store_remote(px_remote **out, px_store *s, const char *name, px_diag *d)
{
	px_remote *r = calloc(1, sizeof *r);

	*out = NULL;
	if (!r || !(r->name = strdup(name))) {
		px_diag_add(d, NULL, 0, 0, PX_SEV_ERROR, "git", MSG_OOM);
		free(r);
		return -1;
	}
	r->s = s;
	if (git_remote_lookup(&r->remote, s->repo, name) < 0) {
		px_diag_add(d, NULL, 0, 0, PX_SEV_ERROR, "sync", MSG_SYNC_NO_REMOTE, name, name);
		px_remote_free(r);
		return -1;
	}
	*out = r;
	return 0;
}

void px_remote_free(px_remote *r)
{
	if (!r)
		return;
	git_remote_free(r->remote);
	free(r->name);
	free(r);
}

int px_remote_fetch(px_remote *r, px_diag *d)
{
	git_fetch_options fo;

	git_fetch_options_init(&fo, GIT_FETCH_OPTIONS_VERSION);
	if (git_remote_fetch(r->remote, NULL, &fo, "praxis sync") < 0) {
		px_diag_add(d, r->name, 0, 0, PX_SEV_ERROR, "sync", MSG_SYNC_FETCH, r->name,
			    last_message());
		return -1;
	}
	return 0;
}

int px_remote_push(px_remote *r, const char *branch, px_diag *d)
{
	git_push_options po;
	px_buf spec = PX_BUF_INIT;
	char *specs[1];
	git_strarray refspecs = { specs, 1 };
	int rc = 0;

	px_buf_printf(&spec, "refs/heads/%s:refs/heads/%s", branch, branch);
	specs[0] = spec.ptr;
	git_push_options_init(&po, GIT_PUSH_OPTIONS_VERSION);
	if (git_remote_push(r->remote, &refspecs, &po) < 0) {
		px_diag_add(d, r->name, 0, 0, PX_SEV_ERROR, "sync", MSG_SYNC_PUSH, r->name,
			    last_message());
		rc = -1;
	}
	px_buf_free(&spec);
	return rc;
}

int px_store_branch(px_store *s, char **out, px_diag *d)
{
	git_reference *head = NULL;
	int rc = -1;

	*out = NULL;
	if (git_repository_head(&head, s->repo) < 0) {
		px_store_error(d, NULL);
		return -1;
	}
	*out = strdup(git_reference_shorthand(head));
	if (*out)
		rc = 0;
	else
		px_diag_add(d, NULL, 0, 0, PX_SEV_ERROR, "git", MSG_OOM);
	git_reference_free(head);
	return rc;
}

int px_store_ref(px_store *s, const char *name, px_oid *out, px_diag *d)
{
	git_reference *ref = NULL;
	git_commit *c = NULL;
	int rc = -1;

	if (git_reference_lookup(&ref, s->repo, name) < 0)
		return 1;
	/* the reference must name a commit */
	if (git_commit_lookup(&c, s->repo, git_reference_target(ref)) < 0) {
		px_store_error(d, NULL);
		goto cleanup;
	}
	oid_from_git(out, git_commit_id(c));
	rc = 0;
cleanup:
	git_commit_free(c);
	git_reference_free(ref);
	return rc;
}

int px_store_ahead_behind(px_store *s, size_t *ahead, size_t *behind, const px_oid *local,
			  const px_oid *upstream, px_diag *d)
{
	git_oid l, u;

	oid_to_git(&l, local);
	oid_to_git(&u, upstream);
	if (git_graph_ahead_behind(ahead, behind, s->repo, &l, &u) < 0) {
		px_store_error(d, NULL);
		return -1;
	}
	return 0;
}

int px_store_fast_forward(px_store *s, const px_oid *to, const char *reflog, px_diag *d)
{
	git_checkout_options co;
	git_reference *branch = NULL, *moved = NULL;
	git_commit *commit = NULL;
	git_oid target;
	int rc = -1;

	oid_to_git(&target, to);
	if (git_repository_head(&branch, s->repo) < 0 ||
	    git_commit_lookup(&commit, s->repo, &target) < 0) {
		px_store_error(d, NULL);
		goto cleanup;
	}
	git_checkout_options_init(&co, GIT_CHECKOUT_OPTIONS_VERSION);
	co.checkout_strategy = GIT_CHECKOUT_SAFE;
	if (git_checkout_tree(s->repo, (const git_object *)commit, &co) < 0) {
		px_diag_add(d, NULL, 0, 0, PX_SEV_ERROR, "sync", MSG_SYNC_DIRTY, last_message());
		goto cleanup;
	}
	if (git_reference_set_target(&moved, branch, &target, reflog) < 0) {
		px_store_error(d, NULL);
		goto cleanup;
	}
	rc = 0;
cleanup:
	git_reference_free(moved);
	git_reference_free(branch);
	git_commit_free(commit);
	return rc;
}

/* The paths in conflict in a merged index, each once. */
static int conflict_paths(git_index *idx, char ***out, size_t *n, px_diag *d)
{
	git_index_conflict_iterator *it = NULL;
	const git_index_entry *a, *o, *t;
	char **v = NULL;
	size_t cap = 0;
	int rc = -1;

	*out = NULL;
	*n = 0;
	if (git_index_conflict_iterator_new(&it, idx) < 0) {
		px_store_error(d, NULL);
		return -1;
	}
	while (git_index_conflict_next(&a, &o, &t, it) == 0) {
		const char *p = o ? o->path : t ? t->path : a ? a->path : "?";
		if (*n + 1 >= cap) {
			size_t nc = cap ? cap * 2 : 8;
			char **q = realloc(v, nc * sizeof *q);
			if (!q)
				goto oom;
			v = q;
			cap = nc;
		}
		if (!(v[*n] = strdup(p)))
			goto oom;
		(*n)++;
		v[*n] = NULL;
	}
	*out = v;
	v = NULL;
	rc = 0;
	goto cleanup;
oom:
	px_diag_add(d, NULL, 0, 0, PX_SEV_ERROR, "git", MSG_OOM);
cleanup:
	if (v) {
		while (*n)
			free(v[--*n]);
		free(v);
	}
	git_index_conflict_iterator_free(it);
	return rc;
}

int px_store_merge(px_store *s, px_oid *out, const px_oid *ours, const px_oid *theirs,
		   const char *message, char ***conflicts, size_t *nconflicts, px_diag *d)
{
	git_commit *c[2] = { NULL, NULL };
	git_index *idx = NULL;
	git_tree *tree = NULL;
	git_signature *sig = NULL;
	git_oid o, t, tree_id, id;
	int rc = -1;

	*conflicts = NULL;
	*nconflicts = 0;
	oid_to_git(&o, ours);
	oid_to_git(&t, theirs);
	if (git_commit_lookup(&c[0], s->repo, &o) < 0 || git_commit_lookup(&c[1], s->repo, &t) < 0 ||
	    git_merge_commits(&idx, s->repo, c[0], c[1], NULL) < 0)
		goto git;
	if (git_index_has_conflicts(idx)) {
		rc = conflict_paths(idx, conflicts, nconflicts, d) < 0 ? -1 : 1;
		goto cleanup;
	}
	if (git_index_write_tree_to(&tree_id, idx, s->repo) < 0 ||
	    git_tree_lookup(&tree, s->repo, &tree_id) < 0)
		goto git;
	if (git_signature_default(&sig, s->repo) < 0 && git_signature_now(&sig, "praxis", "") < 0)
		goto git;
	if (git_commit_create(&id, s->repo, NULL, sig, sig, NULL, message, tree, 2,
			      (const git_commit **)c) < 0)
		goto git;
	oid_from_git(out, &id);
	rc = 0;
	goto cleanup;
git:
	px_store_error(d, NULL);
cleanup:
	git_signature_free(sig);
	git_tree_free(tree);
	git_index_free(idx);
	git_commit_free(c[0]);
	git_commit_free(c[1]);
	return rc;
}
