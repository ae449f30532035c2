/*
 * store_sync.c - sharing the repository through a remote: fetch,
 * ahead/behind, merge, fast-forward, push (store.h). The steps stay
 * separate so that a caller decides what to do between them.
 */
#include "store_int.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "out.h"

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

/*
 * Credentials, as git users expect them (doc/sync.md): an SSH agent for
 * ssh:// and user@host: remotes, and for HTTPS the token in
 * PRAXIS_GIT_TOKEN (user PRAXIS_GIT_USER, else the URL's, else "git").
 * Each kind is offered once: a server that refuses it ends the attempt
 * with one message (MSG_SYNC_AUTH), never a loop of retries.
 */
typedef struct {
	unsigned tried;   /* the kinds of credential already offered */
	int refused;      /* we had nothing (more) to offer */
	char *rejected;   /* the remote's reason for refusing a pushed branch */
} auth_state;

static int credentials(git_credential **out, const char *url, const char *user_from_url,
		       unsigned int allowed, void *payload)
{
	auth_state *a = payload;
	const char *user = user_from_url && *user_from_url ? user_from_url : NULL;

	(void)url;
	if ((allowed & GIT_CREDENTIAL_SSH_KEY) && !(a->tried & GIT_CREDENTIAL_SSH_KEY)) {
		a->tried |= GIT_CREDENTIAL_SSH_KEY;
		return git_credential_ssh_key_from_agent(out, user ? user : "git");
	}
	if ((allowed & GIT_CREDENTIAL_USERPASS_PLAINTEXT) &&
	    !(a->tried & GIT_CREDENTIAL_USERPASS_PLAINTEXT) && getenv("PRAXIS_GIT_TOKEN")) {
		const char *u = getenv("PRAXIS_GIT_USER");
		a->tried |= GIT_CREDENTIAL_USERPASS_PLAINTEXT;
		return git_credential_userpass_plaintext_new(out, u && *u ? u : user ? user : "git",
							     getenv("PRAXIS_GIT_TOKEN"));
	}
	if ((allowed & GIT_CREDENTIAL_USERNAME) && !(a->tried & GIT_CREDENTIAL_USERNAME)) {
		a->tried |= GIT_CREDENTIAL_USERNAME;
		return git_credential_username_new(out, user ? user : "git");
	}
	a->refused = 1;
	return GIT_EAUTH;
}

/* A branch the remote refused to update (someone pushed meanwhile):
 * libgit2's push succeeds all the same, so it is noted here. */
static int push_update(const char *refname, const char *status, void *payload)
{
	auth_state *a = payload;

	(void)refname;
	if (status && !a->rejected)
		a->rejected = strdup(status);
	return 0;
}

static void remote_callbacks(git_remote_callbacks *cb, auth_state *a)
{
	memset(a, 0, sizeof *a);
	git_remote_init_callbacks(cb, GIT_REMOTE_CALLBACKS_VERSION);
	cb->credentials = credentials;
	cb->push_update_reference = push_update;
	cb->payload = a;
}

/* One diagnostic for a failed transfer: a refused authentication said
 * as such, anything else as `msg` with libgit2's text. */
static void transfer_error(px_diag *d, const auth_state *a, int err, const char *url,
			   px_msgid msg, const char *name)
{
	if (a->refused || err == GIT_EAUTH)
		px_diag_add(d, name, 0, 0, PX_SEV_ERROR, "sync-auth", MSG_SYNC_AUTH, url);
	else
		px_diag_add(d, name, 0, 0, PX_SEV_ERROR, "sync", msg, name, last_message());
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
	auth_state a;
	int err;

	git_fetch_options_init(&fo, GIT_FETCH_OPTIONS_VERSION);
	remote_callbacks(&fo.callbacks, &a);
	if ((err = git_remote_fetch(r->remote, NULL, &fo, "praxis sync")) < 0) {
		transfer_error(d, &a, err, git_remote_url(r->remote), MSG_SYNC_FETCH, r->name);
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
	auth_state a;
	int err, rc = 0;

	px_buf_printf(&spec, "refs/heads/%s:refs/heads/%s", branch, branch);
	specs[0] = spec.ptr;
	git_push_options_init(&po, GIT_PUSH_OPTIONS_VERSION);
	remote_callbacks(&po.callbacks, &a);
	if ((err = git_remote_push(r->remote, &refspecs, &po)) < 0) {
		transfer_error(d, &a, err, git_remote_url(r->remote), MSG_SYNC_PUSH, r->name);
		rc = -1;
	} else if (a.rejected) {
		px_diag_add(d, r->name, 0, 0, PX_SEV_ERROR, "sync", MSG_SYNC_PUSH, r->name,
			    a.rejected);
		rc = -1;
	}
	free(a.rejected);
	px_buf_free(&spec);
	return rc;
}

int px_remote_set_upstream(px_remote *r, const char *branch, px_diag *d)
{
	git_reference *ref = NULL;
	px_buf up = PX_BUF_INIT, key = PX_BUF_INIT;
	git_config *cfg = NULL;
	const char *have = NULL;
	int rc = -1;

	/* an upstream the lead chose stays */
	px_buf_printf(&key, "branch.%s.remote", branch);
	if (git_repository_config(&cfg, r->s->repo) < 0)
		goto git;
	if (git_config_get_string(&have, cfg, key.ptr) == 0) {
		rc = 0;
		goto cleanup;
	}
	px_buf_printf(&up, "%s/%s", r->name, branch);
	if (git_branch_lookup(&ref, r->s->repo, branch, GIT_BRANCH_LOCAL) < 0 ||
	    git_branch_set_upstream(ref, up.ptr) < 0)
		goto git;
	rc = 0;
	goto cleanup;
git:
	px_store_error(d, NULL);
cleanup:
	git_config_free(cfg);
	git_reference_free(ref);
	px_buf_free(&up);
	px_buf_free(&key);
	return rc;
}

/* Whether `dir` is missing (1), an empty folder (2), or anything else (0). */
static int free_place(const char *dir)
{
	struct stat st;
	int r;

	if (lstat(dir, &st) < 0)
		return errno == ENOENT ? 1 : 0;
	if (!S_ISDIR(st.st_mode))
		return 0;
	r = rmdir(dir) == 0; /* empty: gone, and made again by init */
	return r ? 2 : 0;
}

int px_store_init_bare(const char *dir, px_diag *d)
{
	git_repository_init_options opts;
	git_repository *repo = NULL;

	if (!free_place(dir)) {
		px_diag_add(d, dir, 0, 0, PX_SEV_ERROR, "init", MSG_INIT_EXISTS, dir);
		return -1;
	}
	git_repository_init_options_init(&opts, GIT_REPOSITORY_INIT_OPTIONS_VERSION);
	opts.flags = GIT_REPOSITORY_INIT_MKPATH | GIT_REPOSITORY_INIT_BARE;
	opts.initial_head = "main";
	if (git_repository_init_ext(&repo, dir, &opts) < 0) {
		px_store_error(d, dir);
		return -1;
	}
	git_repository_free(repo);
	return 0;
}

/* The branch a clone takes from the fetched refs/remotes/origin/: main,
 * else the only one, else the one the remote's HEAD names. Returns 0
 * with *out malloc'd, 1 when the remote has no branch, 2 when it has
 * several and none of them is main or its HEAD. */
static int pick_branch(git_repository *repo, git_remote *remote, char **out)
{
	git_branch_iterator *it = NULL;
	git_reference *ref = NULL, *main_ref = NULL;
	git_branch_t type;
	git_buf def = { 0 };
	char *only = NULL;
	size_t n = 0;
	const char *prefix = "origin/";

	*out = NULL;
	if (git_branch_lookup(&main_ref, repo, "origin/main", GIT_BRANCH_REMOTE) == 0) {
		git_reference_free(main_ref);
		*out = strdup("main");
		return *out ? 0 : -1;
	}
	if (git_branch_iterator_new(&it, repo, GIT_BRANCH_REMOTE) < 0)
		return -1;
	while (git_branch_next(&ref, &type, it) == 0) {
		const char *name = NULL;
		if (git_branch_name(&name, ref) == 0 && !strncmp(name, prefix, strlen(prefix)) &&
		    strcmp(name + strlen(prefix), "HEAD")) {
			n++;
			free(only);
			only = strdup(name + strlen(prefix));
		}
		git_reference_free(ref);
	}
	git_branch_iterator_free(it);
	if (n == 1) {
		*out = only;
		return only ? 0 : -1;
	}
	free(only);
	if (n == 0)
		return 1;
	/* several: the remote's HEAD, when it names one of them */
	if (git_remote_default_branch(&def, remote) == 0 &&
	    !strncmp(def.ptr, "refs/heads/", 11)) {
		px_buf rb = PX_BUF_INIT;
		px_buf_printf(&rb, "origin/%s", def.ptr + 11);
		if (git_branch_lookup(&ref, repo, rb.ptr, GIT_BRANCH_REMOTE) == 0) {
			git_reference_free(ref);
			*out = strdup(def.ptr + 11);
		}
		px_buf_free(&rb);
	}
	git_buf_dispose(&def);
	return *out ? 0 : 2;
}

int px_store_clone(char **branch, const char *url, const char *dir, px_diag *d)
{
	git_repository_init_options opts;
	git_repository *repo = NULL;
	git_remote *remote = NULL;
	git_fetch_options fo;
	git_checkout_options co;
	git_reference *local = NULL, *up = NULL;
	git_commit *commit = NULL;
	px_buf b = PX_BUF_INIT;
	auth_state a;
	int made, err, rc = -1;

	*branch = NULL;
	made = free_place(dir);
	if (!made) {
		px_diag_add(d, dir, 0, 0, PX_SEV_ERROR, "clone", MSG_CLONE_EXISTS, dir);
		return -1;
	}
	git_repository_init_options_init(&opts, GIT_REPOSITORY_INIT_OPTIONS_VERSION);
	opts.flags = GIT_REPOSITORY_INIT_MKPATH;
	opts.initial_head = "main";
	if (git_repository_init_ext(&repo, dir, &opts) < 0 ||
	    git_remote_create(&remote, repo, "origin", url) < 0)
		goto git;
	git_fetch_options_init(&fo, GIT_FETCH_OPTIONS_VERSION);
	remote_callbacks(&fo.callbacks, &a);
	if ((err = git_remote_fetch(remote, NULL, &fo, "praxis clone")) < 0) {
		transfer_error(d, &a, err, url, MSG_SYNC_FETCH, url);
		goto cleanup;
	}
	err = pick_branch(repo, remote, branch);
	if (err < 0)
		goto git;
	if (err == 1) {
		px_diag_add(d, url, 0, 0, PX_SEV_ERROR, "clone", MSG_CLONE_EMPTY, url);
		goto cleanup;
	}
	if (err == 2) {
		px_diag_add(d, url, 0, 0, PX_SEV_ERROR, "clone", MSG_CLONE_WHICH, url);
		goto cleanup;
	}
	px_buf_printf(&b, "origin/%s", *branch);
	if (git_branch_lookup(&up, repo, b.ptr, GIT_BRANCH_REMOTE) < 0 ||
	    git_commit_lookup(&commit, repo, git_reference_target(up)) < 0 ||
	    git_branch_create(&local, repo, *branch, commit, 0) < 0 ||
	    git_branch_set_upstream(local, b.ptr) < 0 ||
	    git_repository_set_head(repo, git_reference_name(local)) < 0)
		goto git;
	git_checkout_options_init(&co, GIT_CHECKOUT_OPTIONS_VERSION);
	co.checkout_strategy = GIT_CHECKOUT_SAFE | GIT_CHECKOUT_RECREATE_MISSING;
	if (git_checkout_head(repo, &co) < 0)
		goto git;
	rc = 0;
	goto cleanup;
git:
	px_store_error(d, NULL);
cleanup:
	git_commit_free(commit);
	git_reference_free(local);
	git_reference_free(up);
	git_remote_free(remote);
	git_repository_free(repo);
	px_buf_free(&b);
	if (rc < 0) {
		/* nothing half-made stays: the folder was ours */
		px_out_rmtree(dir);
		if (made == 2)
			mkdir(dir, 0777);
		free(*branch);
		*branch = NULL;
	}
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
