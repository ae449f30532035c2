/*
 * store_read.c - reading what the repository holds: blobs, trees, the
 * differences between two commits and the history (store.h).
 */
#include "store_int.h"

#include <stdlib.h>
#include <string.h>

/* `path` (in the repository) relative to the knowledge base when it is
 * inside it and passes `keep`, else NULL. */
static const char *kb_rel(const px_store *s, const char *path, int (*keep)(const char *rel))
{
	size_t pl = strlen(s->prefix);

	if (!path || strncmp(path, s->prefix, pl) || (keep && !keep(path + pl)))
		return NULL;
	return path + pl;
}

static void oom(px_diag *d, const char *what)
{
	if (d)
		px_diag_add(d, what, 0, 0, PX_SEV_ERROR, "git", MSG_OOM);
}

int px_store_tree(git_tree **out, px_store *s, const px_oid *id, px_diag *d)
{
	git_commit *c = NULL;
	git_oid g;
	int rc = 0;

	*out = NULL;
	if (!id)
		return 0;
	oid_to_git(&g, id);
	if (git_commit_lookup(&c, s->repo, &g) < 0 || git_commit_tree(out, c) < 0) {
		px_store_error(d, NULL);
		rc = -1;
	}
	git_commit_free(c);
	return rc;
}

int px_store_has_commit(px_store *s, const px_oid *id)
{
	git_commit *c = NULL;
	git_oid g;
	int found;

	oid_to_git(&g, id);
	found = git_commit_lookup(&c, s->repo, &g) == 0;
	git_commit_free(c);
	return found;
}

int px_store_blob(px_store *s, const px_oid *id, const char *rel, size_t max, px_buf *out,
		  px_diag *d)
{
	git_blob *b = NULL;
	git_oid g;
	size_t size;
	int rc = -1;

	oid_to_git(&g, id);
	if (git_blob_lookup(&b, s->repo, &g) < 0) {
		px_store_error(d, rel);
		return -1;
	}
	size = (size_t)git_blob_rawsize(b);
	if (max && size > max) {
		rc = 1;
	} else if (px_buf_put(out, git_blob_rawcontent(b), size) < 0) {
		oom(d, rel);
	} else {
		rc = 0;
	}
	git_blob_free(b);
	return rc;
}

int px_store_read(px_store *s, const px_oid *commit, const char *rel, px_buf *out, px_diag *d)
{
	git_tree *t = NULL;
	git_tree_entry *e = NULL;
	px_buf gp = PX_BUF_INIT;
	px_oid blob;
	int err, rc = -1;

	if (px_store_tree(&t, s, commit, d) < 0)
		goto cleanup;
	px_buf_printf(&gp, "%s%s", s->prefix, rel);
	err = git_tree_entry_bypath(&e, t, gp.ptr);
	if (err == GIT_ENOTFOUND || (err == 0 && git_tree_entry_type(e) != GIT_OBJECT_BLOB)) {
		rc = 1;
		goto cleanup;
	}
	if (err < 0) {
		px_store_error(d, rel);
		goto cleanup;
	}
	oid_from_git(&blob, git_tree_entry_id(e));
	rc = px_store_blob(s, &blob, rel, 0, out, d);
cleanup:
	git_tree_entry_free(e);
	git_tree_free(t);
	px_buf_free(&gp);
	return rc;
}

struct walk {
	px_store *s;
	int (*keep)(const char *rel);
	int (*each)(void *payload, const char *rel, const px_oid *blob);
	void *payload;
	px_buf full;
	int stop; /* each's nonzero value */
};

static int walk_cb(const char *root, const git_tree_entry *e, void *payload)
{
	struct walk *w = payload;
	const char *rel;
	px_oid blob;

	/* a symbolic link is never a note, in git as in the work tree */
	if (git_tree_entry_type(e) != GIT_OBJECT_BLOB || git_tree_entry_filemode(e) == GIT_FILEMODE_LINK)
		return 0;
	px_buf_clear(&w->full);
	px_buf_puts(&w->full, root);
	px_buf_puts(&w->full, git_tree_entry_name(e));
	if (px_buf_failed(&w->full)) {
		w->stop = -1;
		return -1;
	}
	rel = kb_rel(w->s, w->full.ptr, w->keep);
	if (!rel)
		return 0;
	oid_from_git(&blob, git_tree_entry_id(e));
	w->stop = w->each(w->payload, rel, &blob);
	return w->stop ? -1 : 0;
}

int px_store_walk(px_store *s, const px_oid *commit, int (*keep)(const char *rel),
		  int (*each)(void *payload, const char *rel, const px_oid *blob), void *payload,
		  px_diag *d)
{
	struct walk w = { s, keep, each, payload, PX_BUF_INIT, 0 };
	git_tree *t = NULL;
	int err, rc = 0;

	if (px_store_tree(&t, s, commit, d) < 0)
		return -1;
	if (t && (err = git_tree_walk(t, GIT_TREEWALK_PRE, walk_cb, &w)) < 0) {
		if (err != GIT_EUSER)
			px_store_error(d, NULL);
		else if (px_buf_failed(&w.full))
			oom(d, NULL);
		rc = err == GIT_EUSER ? w.stop : -1;
	}
	git_tree_free(t);
	px_buf_free(&w.full);
	return rc;
}

static px_change change_of(git_delta_t s)
{
	switch (s) {
	case GIT_DELTA_ADDED: return PX_CHANGE_ADDED;
	case GIT_DELTA_DELETED: return PX_CHANGE_DELETED;
	case GIT_DELTA_RENAMED: return PX_CHANGE_RENAMED;
	default: return PX_CHANGE_MODIFIED;
	}
}

/* The deltas from tree `a` to tree `b` (NULL: empty) that touch the
 * knowledge base's files passing `keep`. */
static long diff_trees(px_store *s, git_tree *a, git_tree *b, int (*keep)(const char *rel),
		       px_store_delta **out, px_diag *d)
{
	git_diff *diff = NULL;
	px_store_delta *v = NULL;
	size_t i, n, cnt = 0;

	*out = NULL;
	if (git_diff_tree_to_tree(&diff, s->repo, a, b, NULL) < 0) {
		px_store_error(d, NULL);
		return -1;
	}
	n = git_diff_num_deltas(diff);
	v = calloc(n + 1, sizeof *v);
	if (!v) {
		oom(d, NULL);
		git_diff_free(diff);
		return -1;
	}
	for (i = 0; i < n; i++) {
		const git_diff_delta *dd = git_diff_get_delta(diff, i);
		const char *old_rel = kb_rel(s, dd->old_file.path, keep);
		const char *new_rel = kb_rel(s, dd->new_file.path, keep);
		px_store_delta *e = &v[cnt];

		if (!old_rel && !new_rel)
			continue;
		e->change = change_of(dd->status);
		e->old_path = old_rel ? strdup(old_rel) : NULL;
		e->new_path = new_rel ? strdup(new_rel) : NULL;
		cnt++;
		if ((old_rel && !e->old_path) || (new_rel && !e->new_path)) {
			oom(d, NULL);
			px_store_deltas_free(v, cnt);
			git_diff_free(diff);
			return -1;
		}
		oid_from_git(&e->old_blob, &dd->old_file.id);
		oid_from_git(&e->new_blob, &dd->new_file.id);
		e->new_is_link = dd->new_file.mode == GIT_FILEMODE_LINK;
	}
	git_diff_free(diff);
	*out = v;
	return (long)cnt;
}

long px_store_diff(px_store *s, const px_oid *from, const px_oid *to, int (*keep)(const char *rel),
		   px_store_delta **out, px_diag *d)
{
	git_tree *a = NULL, *b = NULL;
	long rc = -1;

	*out = NULL;
	if (px_store_tree(&a, s, from, d) == 0 && px_store_tree(&b, s, to, d) == 0)
		rc = diff_trees(s, a, b, keep, out, d);
	git_tree_free(a);
	git_tree_free(b);
	return rc;
}

void px_store_deltas_free(px_store_delta *v, size_t n)
{
	size_t i;

	for (i = 0; v && i < n; i++) {
		free(v[i].old_path);
		free(v[i].new_path);
	}
	free(v);
}

/* One commit of the walk: its changes against its first parent, given
 * to the callback. */
static int visit(px_store *s, const git_oid *id, int (*keep)(const char *rel), px_history_cb cb,
		 void *payload, px_diag *d)
{
	git_commit *c = NULL, *p = NULL;
	git_tree *t = NULL, *pt = NULL;
	px_store_delta *v = NULL;
	px_commit_info info;
	const git_signature *a;
	long n = -1;
	int rc = -1;

	if (git_commit_lookup(&c, s->repo, id) < 0 || git_commit_tree(&t, c) < 0 ||
	    (git_commit_parentcount(c) > 0 &&
	     (git_commit_parent(&p, c, 0) < 0 || git_commit_tree(&pt, p) < 0))) {
		px_store_error(d, NULL);
		goto cleanup;
	}
	n = diff_trees(s, pt, t, keep, &v, d);
	if (n < 0)
		goto cleanup;
	a = git_commit_author(c);
	memset(&info, 0, sizeof info);
	oid_from_git(&info.id, id);
	info.author_name = a->name;
	info.author_email = a->email;
	info.time = (int64_t)a->when.time;
	info.offset = a->when.offset;
	info.message = git_commit_message(c);
	rc = cb(&info, v, (size_t)n, payload);
cleanup:
	px_store_deltas_free(v, n < 0 ? 0 : (size_t)n);
	git_tree_free(t);
	git_tree_free(pt);
	git_commit_free(c);
	git_commit_free(p);
	return rc;
}

int px_store_history(px_store *s, int (*keep)(const char *rel), px_history_cb cb, void *payload,
		     px_diag *d)
{
	git_revwalk *w = NULL;
	git_oid id;
	int err, rc = -1;

	if (git_revwalk_new(&w, s->repo) < 0) {
		px_store_error(d, NULL);
		return -1;
	}
	git_revwalk_sorting(w, GIT_SORT_TIME);
	if (git_revwalk_push_head(w) < 0) {
		rc = 0; /* no commit yet */
		goto cleanup;
	}
	while ((err = git_revwalk_next(&id, w)) == 0) {
		rc = visit(s, &id, keep, cb, payload, d);
		if (rc != 0)
			break;
	}
	if (err == GIT_ITEROVER || rc > 0) {
		rc = 0;
	} else if (err < 0) {
		px_store_error(d, NULL);
		rc = -1;
	}
cleanup:
	git_revwalk_free(w);
	return rc;
}
