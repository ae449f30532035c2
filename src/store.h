/*
 * store.h - the knowledge base's git repository (libgit2): the truth.
 *
 * Commits are made the way `git add` + `git commit -- PATHS` would: the
 * new tree is HEAD's tree with the given paths replaced, the repository's
 * own index is updated for those paths (so `git status` stays clean), and
 * a commit whose parent went stale under us (another process committed)
 * is retried on the new HEAD, never forced. Every libgit2 error is turned
 * into one diagnostic here, at the boundary.
 */
#ifndef PX_STORE_H
#define PX_STORE_H

#include <stddef.h>

#include <git2.h>

#include "diag.h"

typedef struct {
	git_repository *repo;
	char *workdir;  /* with a trailing '/' */
	char *prefix;   /* the knowledge base's folder inside the work tree: "" or "notes/" */
} px_store;

/* Creates DIR as a new knowledge base: a repository on branch main,
 * communities.yaml to fill in, .gitignore, and a first commit. */
int px_store_init(const char *dir, px_diag *d);

/* git's user.name for the knowledge base rooted at `root`, as git itself
 * reads it: the repository's own configuration over the global and the
 * system ones; only the global ones when `root` is in no repository.
 * malloc'd, or NULL when none is set. */
char *px_store_user_name(const char *root);

/* Opens the repository holding the knowledge base rooted at `root`. */
int px_store_open(px_store **out, const char *root, px_diag *d);
void px_store_free(px_store *s);

typedef struct {
	const char *message;
	const char *author;   /* "Name <email>", or NULL: the git configuration */
	const char *fallback_name; /* used when git has no user.name */
} px_commit_opts;

#define PX_COMMIT_OPTS_INIT { NULL, NULL, NULL }

struct stat;

/* One file to commit: the bytes the caller read once (px_kb_read_file),
 * cleaned (px_store_clean) and checked; exactly these are committed. */
typedef struct {
	const char *path;       /* relative to the knowledge base */
	const char *data;       /* NULL: the file is gone, commit its deletion */
	size_t len;
	const struct stat *st;  /* the work tree file when it was read */
} px_store_file;

/* `raw` (the work tree bytes of `rel`) as `git add` stores them: through
 * the clean filters of core.autocrlf, core.eol and .gitattributes.
 * Appends to `out`; returns 0 or -1 with a diagnostic. */
int px_store_clean(px_store *s, const char *rel, const char *raw, size_t len, px_buf *out,
		   px_diag *d);

/* Commits the files, as `git commit -- PATHS` after `git add` would:
 * modes as core.filemode says, the repository's index updated for those
 * paths under git's index.lock, taken before HEAD moves (a lock that
 * another program holds for longer than a moment is reported by name and
 * nothing changes). Fills `out` with the new commit's id. Returns 0, 1
 * when HEAD's tree already holds exactly these files (no commit), or -1
 * with a diagnostic. */
int px_store_commit(px_store *s, const px_store_file *f, size_t n, const px_commit_opts *o,
		    git_oid *out, px_diag *d);

/* Finishes a praxis commit killed after HEAD moved and before the index
 * followed (its journal is the index.lock it left), and removes that
 * stale lock. px_store_open calls it; returns 0 or -1. */
int px_store_reconcile(px_store *s, px_diag *d);

/* Paths (relative to the knowledge base) of new, modified and deleted
 * files in the work tree whose names pass `keep`. */
long px_store_changed(px_store *s, int (*keep)(const char *rel), char ***out, px_diag *d);

/* HEAD's commit id; returns 1 when the branch has no commit yet. */
int px_store_head(px_store *s, git_oid *out);

/* Reads the blob at `rel` in the tree of commit `id` into a buffer. */
int px_store_read(px_store *s, const git_oid *commit, const char *rel, px_buf *out);

/* Reports the last libgit2 error as a diagnostic for `what`. */
void px_store_error(px_diag *d, const char *what);

#endif
