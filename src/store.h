/*
 * store.h - the knowledge base's git repository: the truth.
 *
 * The store is the only module that calls libgit2 (store.c: opening,
 * init, the commit protocol, status; store_read.c: history, trees,
 * diffs, blobs; store_sync.c: remotes, fetch, merge, push; their private
 * header store_int.h). Nothing else sees a libgit2 type: objects are
 * named by px_oid, paths are relative to the knowledge base.
 *
 * Commits are made the way `git add` + `git commit -- PATHS` would: the
 * new tree is HEAD's tree with the given paths replaced, the repository's
 * own index is updated for those paths (so `git status` stays clean), and
 * a commit whose parent went stale under us (another process committed)
 * is retried on the new HEAD, never forced.
 *
 * Errors, as libgit2's: a function returns 0 or -1, or a positive "nothing
 * to do" where its comment says so. Every libgit2 error is turned into one
 * diagnostic here, in the user's language, with libgit2's own message
 * quoted as the detail; callers never translate it again. Where a comment
 * says "`d` may be NULL", the caller may choose not to hear about the
 * error (it takes every failure as "not there").
 *
 *     px_store *s;
 *     px_oid head;
 *     px_buf b = PX_BUF_INIT;
 *     if (px_store_open(&s, root, d) == 0 && px_store_head(s, &head, d) == 0)
 *             px_store_read(s, &head, "2022-2023/zuid/01.md", &b, d);
 */
#ifndef PX_STORE_H
#define PX_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "diag.h"

/* A git object id (SHA-1). */
#define PX_OID_RAWSZ 20
#define PX_OID_HEXSZ 40
typedef struct {
	unsigned char id[PX_OID_RAWSZ];
} px_oid;

/* The 40 lowercase hex digits of `id` into out[PX_OID_HEXSZ + 1]. */
void px_oid_hex(char out[PX_OID_HEXSZ + 1], const px_oid *id);
/* Parses exactly 40 hex digits; returns 0, or -1 for anything else. */
int px_oid_parse(px_oid *out, const char *hex);
int px_oid_equal(const px_oid *a, const px_oid *b);

typedef struct px_store px_store;

/* libgit2's global state: once in main, before and after everything.
 * libgit2 is opened (dl.h: it is not linked) and started on first use
 * (px_store_live, which every function here that needs it calls): a
 * command that opens no repository neither maps it and its libraries
 * nor pays for its start-up (with mbedTLS, reading the system's CA
 * bundle). Shutdown stops it only if it started. px_store_live: 0, or
 * -1 with a diagnostic naming the library and its package when it
 * cannot be loaded. */
void px_store_global_init(void);
void px_store_global_shutdown(void);
int px_store_live(px_diag *d);

/* Creates DIR as a new knowledge base: a repository on branch main,
 * communities.yaml to fill in, .gitignore, and a first commit. */
int px_store_init(const char *dir, px_diag *d);

/* git's user.name for the knowledge base rooted at `root`, as git itself
 * reads it: the repository's own configuration over the global and the
 * system ones; only the global ones when `root` is in no repository.
 * malloc'd, or NULL when none is set. */
char *px_store_user_name(const char *root);

/* The git directory of the repository holding `root`, without a trailing
 * '/', malloc'd; NULL when `root` is in no repository. */
char *px_store_discover(const char *root);

/* Opens the repository holding the knowledge base rooted at `root`. */
int px_store_open(px_store **out, const char *root, px_diag *d);
/* A second handle on the same repository, for a thread that only reads
 * (px_store_blob); free it with px_store_free. `d` may be NULL. */
int px_store_reader(px_store **out, const px_store *s, px_diag *d);
void px_store_free(px_store *s);

/* The repository's git directory, with a trailing '/' (borrowed). */
const char *px_store_gitdir(const px_store *s);

/* Whether libgit2 keeps the objects it read in its cache (process-wide,
 * on by default): off while every blob is read once, so that memory does
 * not grow with the knowledge base; off also maps packs in small windows
 * (a few MB mapped at a time), on restores libgit2's own sizes. */
void px_store_cache(int on);

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

/* Commits the files, as `git commit -- PATHS` after `git add` would.
 * While a merge started by px_store_resolve waits, the commit is that
 * merge: the merge's tree with the files replaced, the remote's commit
 * as second parent; every edited note must be among the files (else an
 * error naming it, nothing committed). Otherwise:
 * modes as core.filemode says, the repository's index updated for those
 * paths under git's index.lock, taken before HEAD moves (a lock that
 * another program holds for longer than a moment is reported by name and
 * nothing changes). Fills `out` with the new commit's id. Returns 0, 1
 * when HEAD's tree already holds exactly these files (no commit; `out`
 * is not set), or -1 with a diagnostic. */
int px_store_commit(px_store *s, const px_store_file *f, size_t n, const px_commit_opts *o,
		    px_oid *out, px_diag *d);

/* Finishes a praxis commit killed after HEAD moved and before the index
 * followed (its journal is the index.lock it left), and removes that
 * stale lock. px_store_open calls it; returns 0 or -1 with a diagnostic. */
int px_store_reconcile(px_store *s, px_diag *d);

/* Paths (relative to the knowledge base) of new, modified and deleted
 * files in the work tree whose names pass `keep`: their number, with
 * *out a malloc'd array of malloc'd strings (px_strv_free), or -1 with a
 * diagnostic. */
long px_store_changed(px_store *s, int (*keep)(const char *rel), char ***out, px_diag *d);

/* HEAD's commit id. Returns 0, 1 when the branch has no commit yet, or
 * -1 with a diagnostic (`d` may be NULL). */
int px_store_head(px_store *s, px_oid *out, px_diag *d);

/* As px_store_head, and records HEAD's commit with the identities of the
 * files it was read from in GITDIR/praxis/head.ok (nothing is recorded
 * when one of them changed less than 2 s ago, or HEAD is unusual).
 * px_store_head_recorded (no libgit2: a few stat() calls) returns 1 with
 * `hex` the recorded commit (40 hex digits; "" when unborn) when every
 * such file is as recorded, 0 otherwise: then ask libgit2. `gitdir` as
 * px_kb's (without a trailing '/'). */
int px_store_head_record(px_store *s, px_oid *out, px_diag *d);
int px_store_head_recorded(const char *gitdir, char hex[PX_OID_HEXSZ + 1]);

/* Whether `id` names a commit of the repository (1) or not (0). */
int px_store_has_commit(px_store *s, const px_oid *id);

/* Appends the file at `rel` in the tree of commit `commit` to `out`.
 * Returns 0, 1 when that tree has no file there, or -1 with a diagnostic
 * (`d` may be NULL). */
int px_store_read(px_store *s, const px_oid *commit, const char *rel, px_buf *out, px_diag *d);

/* Appends the blob `id` to `out`. Returns 0, 1 when it is larger than
 * `max` bytes (0: no limit; nothing appended), or -1 with a diagnostic
 * for `rel`, the path it was found at (`d` may be NULL). */
int px_store_blob(px_store *s, const px_oid *id, const char *rel, size_t max, px_buf *out,
		  px_diag *d);

/* Calls `each` for the files under the knowledge base whose paths pass
 * `keep` in the tree of `commit` (NULL: none), in git's order, one at a
 * time (nothing is collected: memory does not grow with the tree):
 * regular files only (a symbolic link is never a note); `rel` is
 * relative to the knowledge base and lives for the call. A nonzero
 * return from `each` stops the walk and is returned as it is (a
 * negative one with `each`'s own diagnostic). Returns 0, or -1 with a
 * diagnostic (a tree that cannot be read). */
int px_store_walk(px_store *s, const px_oid *commit, int (*keep)(const char *rel),
		  int (*each)(void *payload, const char *rel, const px_oid *blob), void *payload,
		  px_diag *d);

typedef enum {
	PX_CHANGE_ADDED,
	PX_CHANGE_MODIFIED,
	PX_CHANGE_DELETED,
	PX_CHANGE_RENAMED
} px_change;

/* One file that differs between two trees. A side's path is NULL when
 * it is outside the knowledge base or fails `keep`; deltas where both
 * are NULL are left out. Without rename detection, an added file has the
 * same path on both sides (git's convention), as has a deleted one. */
typedef struct {
	px_change change;
	char *old_path, *new_path;  /* relative to the knowledge base */
	px_oid old_blob, new_blob;  /* zero on the side where it is absent */
	int new_is_link;            /* the new side is a symbolic link */
} px_store_delta;

/* What changed from the tree of commit `from` to that of `to` (NULL: the
 * empty tree), in git's order: the number of deltas, with *out malloc'd
 * (px_store_deltas_free), or -1 with a diagnostic. */
long px_store_diff(px_store *s, const px_oid *from, const px_oid *to, int (*keep)(const char *rel),
		   px_store_delta **out, px_diag *d);
void px_store_deltas_free(px_store_delta *v, size_t n);

/* One commit of the history (the strings are borrowed for the call). */
typedef struct {
	px_oid id;
	const char *author_name, *author_email;
	int64_t time;     /* author time, seconds since the epoch */
	int offset;       /* author time zone, minutes east of UTC */
	const char *message;
} px_commit_info;

/* Called for each commit with its changes against its first parent. A
 * non-zero return stops the walk: a positive one quietly, a negative one
 * as an error the callback reported itself. */
typedef int (*px_history_cb)(const px_commit_info *c, const px_store_delta *v, size_t n,
			     void *payload);

/* Walks the history from HEAD, newest first (commit time). Returns 0
 * (also when there is no commit yet, or the callback stopped it), the
 * callback's negative value, or -1 with a diagnostic. */
int px_store_history(px_store *s, int (*keep)(const char *rel), px_history_cb cb, void *payload,
		     px_diag *d);

/* ---- sharing through a remote (store_sync.c) ---- */

typedef struct px_remote px_remote;

/* The remote called `name`; when there is none, an error that says how
 * to add one. */
int px_store_remote(px_remote **out, px_store *s, const char *name, px_diag *d);
void px_remote_free(px_remote *r);

/* Fetches the remote's branches into refs/remotes/NAME/. Credentials
 * (an SSH agent, an HTTPS token from the environment) are offered once
 * each; a refused authentication is one error (doc/sync.md). */
int px_remote_fetch(px_remote *r, px_diag *d);

/* Pushes refs/heads/BRANCH to the remote's branch of that name. */
int px_remote_push(px_remote *r, const char *branch, px_diag *d);

/* Makes `branch` follow the remote's branch of that name (git's
 * branch.NAME.remote and .merge), unless it already follows one. */
int px_remote_set_upstream(px_remote *r, const char *branch, px_diag *d);

/* Creates DIR (missing or empty) as a bare repository with HEAD on main:
 * the shared repository leads push to. */
int px_store_init_bare(const char *dir, px_diag *d);

/* Gets the repository at `url` into DIR (missing or empty) with the
 * remote "origin": the branch main, else the remote's only branch, else
 * the one its HEAD names (*branch, malloc'd), checked out and following
 * origin's. On failure nothing stays in DIR. */
int px_store_clone(char **branch, const char *url, const char *dir, px_diag *d);

/* The short name of the branch HEAD points at ("main"), malloc'd. */
int px_store_branch(px_store *s, char **out, px_diag *d);

/* The commit the reference `name` ("refs/remotes/origin/main") points
 * at. Returns 0, 1 when there is no such reference, or -1. */
int px_store_ref(px_store *s, const char *name, px_oid *out, px_diag *d);

/* How many commits `local` has that `upstream` has not, and the other
 * way round. */
int px_store_ahead_behind(px_store *s, size_t *ahead, size_t *behind, const px_oid *local,
			  const px_oid *upstream, px_diag *d);

/* Checks out commit `to` (safely: uncommitted changes are never
 * overwritten; if they would be, nothing changes and the error says so)
 * and moves HEAD's branch to it, with `reflog` as its reflog line. */
int px_store_fast_forward(px_store *s, const px_oid *to, const char *reflog, px_diag *d);

/* Merges `theirs` into `ours` as a commit with two parents and `message`,
 * by the configured identity (else "praxis"), into *out. Neither HEAD
 * nor the work tree changes (px_store_fast_forward to *out does that).
 * Returns 0; 1 when both sides changed the same files, with *conflicts
 * the malloc'd array of their paths (relative to the knowledge base when
 * in it; px_strv_free) and
 * nothing created; or -1 with a diagnostic. */
int px_store_merge(px_store *s, px_oid *out, const px_oid *ours, const px_oid *theirs,
		   const char *message, char ***conflicts, size_t *nconflicts, px_diag *d);

/* One side of a note both sides changed: the author and date of its
 * last change there, and its text (`gone`: that side deleted it). */
typedef struct {
	char *name;
	int64_t time;
	int offset;      /* minutes east of UTC */
	px_buf text;
	int gone;
} px_conflict_side;

typedef struct {
	px_conflict_side mine, theirs;
} px_conflict;

/* Both versions of `rel` (relative to the knowledge base), a note that
 * px_store_merge found in conflict between `ours` and `theirs`. Free
 * with px_conflict_free (also after an error). */
int px_store_conflict(px_store *s, px_conflict *out, const px_oid *ours, const px_oid *theirs,
		      const char *rel, px_diag *d);
void px_conflict_free(px_conflict *c);

/* A unified diff of the texts `a` and `b` (hunks only, 2 lines of
 * context) appended to `out`. */
int px_store_diff_text(px_buf *out, const px_buf *a, const px_buf *b, px_diag *d);

/* A lead's choice for one conflicting note. */
typedef enum { PX_KEEP_MINE, PX_KEEP_THEIRS, PX_KEEP_EDIT } px_keep;
typedef struct {
	const char *path;        /* relative to the knowledge base */
	px_keep how;
	const char *mine_label, *theirs_label; /* PX_KEEP_EDIT: the marker lines' words */
} px_resolution;

/* Merges `theirs` into `ours` with a choice for each conflicting note.
 * Every conflicting note needs one, and each choice must name one; else
 * each missing or stray one is reported and 1 returned, nothing done.
 * Without PX_KEEP_EDIT: the merge commit (two parents, `message`) into
 * *out, HEAD untouched (px_store_fast_forward moves it), 0. With edits:
 * the merge's files go into the work tree and git's index (HEAD stays),
 * each edited note gets both versions with git's conflict markers, git's
 * MERGE_HEAD and GITDIR/praxis/sync-merge record the merge, and 2 is
 * returned: px_store_commit of the edited notes makes the merge commit.
 * -1 with a diagnostic on error (uncommitted edits in the way included:
 * then nothing changed). */
int px_store_resolve(px_store *s, px_oid *out, const px_oid *ours, const px_oid *theirs,
		     const px_resolution *r, size_t n, const char *message, px_diag *d);

/* The notes of a merge started by px_store_resolve with edits that is
 * waiting for their commit: their number (0: none), with *out their
 * paths relative to the knowledge base (px_strv_free), or -1. A record
 * that no longer fits (HEAD moved, MERGE_HEAD gone) is removed: 0. */
long px_store_merge_pending(px_store *s, char ***out, px_diag *d);

#endif
