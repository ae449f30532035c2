/*
 * store_int.h - what the store's files (store.c, store_read.c,
 * store_sync.c) share, and nothing else includes: the one place besides
 * them where libgit2 is named.
 */
#ifndef PX_STORE_INT_H
#define PX_STORE_INT_H

#include <string.h>

#include <git2.h>

#include "store.h"

struct px_store {
	git_repository *repo;
	char *workdir;  /* with a trailing '/' */
	char *prefix;   /* the knowledge base's folder inside the work tree: "" or "notes/" */
};

_Static_assert(sizeof(((px_oid *)0)->id) == GIT_OID_RAWSZ, "px_oid is a SHA-1 like git_oid");

static inline void oid_to_git(git_oid *g, const px_oid *p)
{
	memcpy(g->id, p->id, PX_OID_RAWSZ);
}

static inline void oid_from_git(px_oid *p, const git_oid *g)
{
	memcpy(p->id, g->id, PX_OID_RAWSZ);
}

/* Reports the last libgit2 error as one diagnostic for `what` (a file,
 * or NULL); nothing when `d` is NULL. */
void px_store_error(px_diag *d, const char *what);

/* The tree of commit `id` (NULL: *out is NULL, the empty tree). */
int px_store_tree(git_tree **out, px_store *s, const px_oid *id, px_diag *d);

/* Serialises what praxis changes in one repository: an fcntl lock on
 * GITDIR/praxis/NAME: "commit.lock" for commits and sync's checkouts,
 * "transfer.lock" for fetches and pushes (store_sync.c). With `wait` 0,
 * returns -2 when another praxis process holds it. Returns an fd to
 * close (closing any fd of that file releases the process' lock), or -1
 * with a diagnostic (none when `d` is NULL). */
int px_store_lock(px_store *s, const char *name, int wait, px_diag *d);

/* Removes the ref lock at `path` (absolute) if it is the one a killed
 * praxis left while writing `hex` (40 hex digits) into it: empty (taken,
 * not yet written) or holding a start of "HEX\n", as libgit2 writes a
 * loose ref. Any other content is another writer's and stays. */
void px_store_drop_lock_of(const char *path, const char *hex);

/* The same for HEAD's branch lock (refs/heads/NAME.lock), left while
 * moving the branch to `next_hex`. */
void px_store_drop_branch_lock(px_store *s, const char *next_hex);

/* A sync killed inside its checkout (store_sync.c) leaves its journal,
 * GITDIR/praxis/checkout: when HEAD is still where the checkout started
 * (and no merge waits), every file the journal names that holds what
 * praxis was writing (HEAD's version, the incoming one, a part of it, or
 * nothing) is put back to HEAD's version, in the work tree and git's
 * index; any other file is a lead's edit and stays. The journal then
 * goes. Nothing happens while another praxis process holds the lock.
 * 0, or -1 with a diagnostic. */
int px_store_checkout_recover(px_store *s, px_diag *d);

/* A merge a lead finishes by committing edited notes (store_sync.c,
 * px_store_resolve); paths are the repository's. */
typedef struct {
	git_oid ours, theirs, tree;
	char **paths;
	size_t n;
} px_merge_state;

/* 1 with *ms filled when such a merge waits, 0 when none (a stale
 * record is removed), -1 with a diagnostic. */
int px_store_merge_state(px_store *s, px_merge_state *ms, px_diag *d);
void px_store_merge_state_free(px_merge_state *ms);
/* The merge was committed: its records go (MERGE_HEAD included). */
void px_store_merge_done(px_store *s);

#endif
