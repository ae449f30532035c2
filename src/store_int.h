/*
 * store_int.h - what the store's files (store.c, store_read.c,
 * store_sync.c) share, and nothing else includes: the one place besides
 * them where libgit2 is named.
 */
#ifndef PX_STORE_INT_H
#define PX_STORE_INT_H

#include <string.h>

#include <git2.h>

#include "dl.h"
#include "store.h"

/* libgit2 is not linked (dl.h): px_store_live() opens it, and every
 * libgit2 call below goes through its table (the names stay libgit2's:
 * each is defined as the table's member). A function added to the store
 * goes in this list (one missing from it fails to link). */
#define PX_LIBGIT2_FNS(X, T) \
	X(T, git_, blob_create_from_buffer) \
	X(T, git_, blob_filter) \
	X(T, git_, blob_free) \
	X(T, git_, blob_lookup) \
	X(T, git_, blob_rawcontent) \
	X(T, git_, blob_rawsize) \
	X(T, git_, branch_create) \
	X(T, git_, branch_iterator_free) \
	X(T, git_, branch_iterator_new) \
	X(T, git_, branch_lookup) \
	X(T, git_, branch_name) \
	X(T, git_, branch_next) \
	X(T, git_, branch_set_upstream) \
	X(T, git_, buf_dispose) \
	X(T, git_, checkout_head) \
	X(T, git_, checkout_options_init) \
	X(T, git_, checkout_tree) \
	X(T, git_, commit_author) \
	X(T, git_, commit_create) \
	X(T, git_, commit_free) \
	X(T, git_, commit_id) \
	X(T, git_, commit_lookup) \
	X(T, git_, commit_message) \
	X(T, git_, commit_parent) \
	X(T, git_, commit_parentcount) \
	X(T, git_, commit_tree) \
	X(T, git_, commit_tree_id) \
	X(T, git_, config_free) \
	X(T, git_, config_get_bool) \
	X(T, git_, config_get_string) \
	X(T, git_, config_get_string_buf) \
	X(T, git_, config_open_default) \
	X(T, git_, credential_ssh_key_from_agent) \
	X(T, git_, credential_username_new) \
	X(T, git_, credential_userpass_plaintext_new) \
	X(T, git_, diff_free) \
	X(T, git_, diff_get_delta) \
	X(T, git_, diff_num_deltas) \
	X(T, git_, diff_options_init) \
	X(T, git_, diff_tree_to_tree) \
	X(T, git_, error_clear) \
	X(T, git_, error_last) \
	X(T, git_, fetch_options_init) \
	X(T, git_, filter_list_apply_to_buffer) \
	X(T, git_, filter_list_free) \
	X(T, git_, filter_list_load) \
	X(T, git_, graph_ahead_behind) \
	X(T, git_, index_add) \
	X(T, git_, index_conflict_get) \
	X(T, git_, index_conflict_iterator_free) \
	X(T, git_, index_conflict_iterator_new) \
	X(T, git_, index_conflict_next) \
	X(T, git_, index_conflict_remove) \
	X(T, git_, index_free) \
	X(T, git_, index_get_bypath) \
	X(T, git_, index_has_conflicts) \
	X(T, git_, index_new) \
	X(T, git_, index_open) \
	X(T, git_, index_remove) \
	X(T, git_, index_write) \
	X(T, git_, index_write_tree_to) \
	X(T, git_, libgit2_init) \
	X(T, git_, libgit2_opts) \
	X(T, git_, libgit2_shutdown) \
	X(T, git_, merge_base) \
	X(T, git_, merge_commits) \
	X(T, git_, merge_file_from_index) \
	X(T, git_, merge_file_options_init) \
	X(T, git_, merge_file_result_free) \
	X(T, git_, oid_cpy) \
	X(T, git_, oid_equal) \
	X(T, git_, oid_fromstr) \
	X(T, git_, oid_is_zero) \
	X(T, git_, oid_tostr) \
	X(T, git_, patch_free) \
	X(T, git_, patch_from_buffers) \
	X(T, git_, patch_get_hunk) \
	X(T, git_, patch_get_line_in_hunk) \
	X(T, git_, patch_num_hunks) \
	X(T, git_, push_options_init) \
	X(T, git_, reference_create) \
	X(T, git_, reference_create_matching) \
	X(T, git_, reference_free) \
	X(T, git_, reference_lookup) \
	X(T, git_, reference_name) \
	X(T, git_, reference_name_to_id) \
	X(T, git_, reference_set_target) \
	X(T, git_, reference_shorthand) \
	X(T, git_, reference_symbolic_target) \
	X(T, git_, reference_target) \
	X(T, git_, reference_type) \
	X(T, git_, remote_create) \
	X(T, git_, remote_default_branch) \
	X(T, git_, remote_fetch) \
	X(T, git_, remote_free) \
	X(T, git_, remote_init_callbacks) \
	X(T, git_, remote_lookup) \
	X(T, git_, remote_push) \
	X(T, git_, remote_url) \
	X(T, git_, repository_commondir) \
	X(T, git_, repository_config) \
	X(T, git_, repository_config_snapshot) \
	X(T, git_, repository_discover) \
	X(T, git_, repository_free) \
	X(T, git_, repository_hashfile) \
	X(T, git_, repository_head) \
	X(T, git_, repository_init_ext) \
	X(T, git_, repository_init_options_init) \
	X(T, git_, repository_open) \
	X(T, git_, repository_open_ext) \
	X(T, git_, repository_path) \
	X(T, git_, repository_set_head) \
	X(T, git_, repository_state) \
	X(T, git_, repository_state_cleanup) \
	X(T, git_, repository_workdir) \
	X(T, git_, reset_default) \
	X(T, git_, revwalk_free) \
	X(T, git_, revwalk_hide) \
	X(T, git_, revwalk_new) \
	X(T, git_, revwalk_next) \
	X(T, git_, revwalk_push) \
	X(T, git_, revwalk_push_head) \
	X(T, git_, revwalk_sorting) \
	X(T, git_, signature_default) \
	X(T, git_, signature_free) \
	X(T, git_, signature_now) \
	X(T, git_, status_byindex) \
	X(T, git_, status_list_entrycount) \
	X(T, git_, status_list_free) \
	X(T, git_, status_list_new) \
	X(T, git_, status_options_init) \
	X(T, git_, tree_create_updated) \
	X(T, git_, tree_entry_bypath) \
	X(T, git_, tree_entry_filemode) \
	X(T, git_, tree_entry_free) \
	X(T, git_, tree_entry_id) \
	X(T, git_, tree_entry_name) \
	X(T, git_, tree_entry_type) \
	X(T, git_, tree_free) \
	X(T, git_, tree_lookup) \
	X(T, git_, tree_walk)
PX_DL_SHARED(px_libgit2, PX_LIBGIT2_FNS);

#define git_blob_create_from_buffer px_libgit2.blob_create_from_buffer
#define git_blob_filter px_libgit2.blob_filter
#define git_blob_free px_libgit2.blob_free
#define git_blob_lookup px_libgit2.blob_lookup
#define git_blob_rawcontent px_libgit2.blob_rawcontent
#define git_blob_rawsize px_libgit2.blob_rawsize
#define git_branch_create px_libgit2.branch_create
#define git_branch_iterator_free px_libgit2.branch_iterator_free
#define git_branch_iterator_new px_libgit2.branch_iterator_new
#define git_branch_lookup px_libgit2.branch_lookup
#define git_branch_name px_libgit2.branch_name
#define git_branch_next px_libgit2.branch_next
#define git_branch_set_upstream px_libgit2.branch_set_upstream
#define git_buf_dispose px_libgit2.buf_dispose
#define git_checkout_head px_libgit2.checkout_head
#define git_checkout_options_init px_libgit2.checkout_options_init
#define git_checkout_tree px_libgit2.checkout_tree
#define git_commit_author px_libgit2.commit_author
#define git_commit_create px_libgit2.commit_create
#define git_commit_free px_libgit2.commit_free
#define git_commit_id px_libgit2.commit_id
#define git_commit_lookup px_libgit2.commit_lookup
#define git_commit_message px_libgit2.commit_message
#define git_commit_parent px_libgit2.commit_parent
#define git_commit_parentcount px_libgit2.commit_parentcount
#define git_commit_tree px_libgit2.commit_tree
#define git_commit_tree_id px_libgit2.commit_tree_id
#define git_config_free px_libgit2.config_free
#define git_config_get_bool px_libgit2.config_get_bool
#define git_config_get_string px_libgit2.config_get_string
#define git_config_get_string_buf px_libgit2.config_get_string_buf
#define git_config_open_default px_libgit2.config_open_default
#define git_credential_ssh_key_from_agent px_libgit2.credential_ssh_key_from_agent
#define git_credential_username_new px_libgit2.credential_username_new
#define git_credential_userpass_plaintext_new px_libgit2.credential_userpass_plaintext_new
#define git_diff_free px_libgit2.diff_free
#define git_diff_get_delta px_libgit2.diff_get_delta
#define git_diff_num_deltas px_libgit2.diff_num_deltas
#define git_diff_options_init px_libgit2.diff_options_init
#define git_diff_tree_to_tree px_libgit2.diff_tree_to_tree
#define git_error_clear px_libgit2.error_clear
#define git_error_last px_libgit2.error_last
#define git_fetch_options_init px_libgit2.fetch_options_init
#define git_filter_list_apply_to_buffer px_libgit2.filter_list_apply_to_buffer
#define git_filter_list_free px_libgit2.filter_list_free
#define git_filter_list_load px_libgit2.filter_list_load
#define git_graph_ahead_behind px_libgit2.graph_ahead_behind
#define git_index_add px_libgit2.index_add
#define git_index_conflict_get px_libgit2.index_conflict_get
#define git_index_conflict_iterator_free px_libgit2.index_conflict_iterator_free
#define git_index_conflict_iterator_new px_libgit2.index_conflict_iterator_new
#define git_index_conflict_next px_libgit2.index_conflict_next
#define git_index_conflict_remove px_libgit2.index_conflict_remove
#define git_index_free px_libgit2.index_free
#define git_index_get_bypath px_libgit2.index_get_bypath
#define git_index_has_conflicts px_libgit2.index_has_conflicts
#define git_index_new px_libgit2.index_new
#define git_index_open px_libgit2.index_open
#define git_index_remove px_libgit2.index_remove
#define git_index_write px_libgit2.index_write
#define git_index_write_tree_to px_libgit2.index_write_tree_to
#define git_libgit2_init px_libgit2.libgit2_init
#define git_libgit2_opts px_libgit2.libgit2_opts
#define git_libgit2_shutdown px_libgit2.libgit2_shutdown
#define git_merge_base px_libgit2.merge_base
#define git_merge_commits px_libgit2.merge_commits
#define git_merge_file_from_index px_libgit2.merge_file_from_index
#define git_merge_file_options_init px_libgit2.merge_file_options_init
#define git_merge_file_result_free px_libgit2.merge_file_result_free
#define git_oid_cpy px_libgit2.oid_cpy
#define git_oid_equal px_libgit2.oid_equal
#define git_oid_fromstr px_libgit2.oid_fromstr
#define git_oid_is_zero px_libgit2.oid_is_zero
#define git_oid_tostr px_libgit2.oid_tostr
#define git_patch_free px_libgit2.patch_free
#define git_patch_from_buffers px_libgit2.patch_from_buffers
#define git_patch_get_hunk px_libgit2.patch_get_hunk
#define git_patch_get_line_in_hunk px_libgit2.patch_get_line_in_hunk
#define git_patch_num_hunks px_libgit2.patch_num_hunks
#define git_push_options_init px_libgit2.push_options_init
#define git_reference_create px_libgit2.reference_create
#define git_reference_create_matching px_libgit2.reference_create_matching
#define git_reference_free px_libgit2.reference_free
#define git_reference_lookup px_libgit2.reference_lookup
#define git_reference_name px_libgit2.reference_name
#define git_reference_name_to_id px_libgit2.reference_name_to_id
#define git_reference_set_target px_libgit2.reference_set_target
#define git_reference_shorthand px_libgit2.reference_shorthand
#define git_reference_symbolic_target px_libgit2.reference_symbolic_target
#define git_reference_target px_libgit2.reference_target
#define git_reference_type px_libgit2.reference_type
#define git_remote_create px_libgit2.remote_create
#define git_remote_default_branch px_libgit2.remote_default_branch
#define git_remote_fetch px_libgit2.remote_fetch
#define git_remote_free px_libgit2.remote_free
#define git_remote_init_callbacks px_libgit2.remote_init_callbacks
#define git_remote_lookup px_libgit2.remote_lookup
#define git_remote_push px_libgit2.remote_push
#define git_remote_url px_libgit2.remote_url
#define git_repository_commondir px_libgit2.repository_commondir
#define git_repository_config px_libgit2.repository_config
#define git_repository_config_snapshot px_libgit2.repository_config_snapshot
#define git_repository_discover px_libgit2.repository_discover
#define git_repository_free px_libgit2.repository_free
#define git_repository_hashfile px_libgit2.repository_hashfile
#define git_repository_head px_libgit2.repository_head
#define git_repository_init_ext px_libgit2.repository_init_ext
#define git_repository_init_options_init px_libgit2.repository_init_options_init
#define git_repository_open px_libgit2.repository_open
#define git_repository_open_ext px_libgit2.repository_open_ext
#define git_repository_path px_libgit2.repository_path
#define git_repository_set_head px_libgit2.repository_set_head
#define git_repository_state px_libgit2.repository_state
#define git_repository_state_cleanup px_libgit2.repository_state_cleanup
#define git_repository_workdir px_libgit2.repository_workdir
#define git_reset_default px_libgit2.reset_default
#define git_revwalk_free px_libgit2.revwalk_free
#define git_revwalk_hide px_libgit2.revwalk_hide
#define git_revwalk_new px_libgit2.revwalk_new
#define git_revwalk_next px_libgit2.revwalk_next
#define git_revwalk_push px_libgit2.revwalk_push
#define git_revwalk_push_head px_libgit2.revwalk_push_head
#define git_revwalk_sorting px_libgit2.revwalk_sorting
#define git_signature_default px_libgit2.signature_default
#define git_signature_free px_libgit2.signature_free
#define git_signature_now px_libgit2.signature_now
#define git_status_byindex px_libgit2.status_byindex
#define git_status_list_entrycount px_libgit2.status_list_entrycount
#define git_status_list_free px_libgit2.status_list_free
#define git_status_list_new px_libgit2.status_list_new
#define git_status_options_init px_libgit2.status_options_init
#define git_tree_create_updated px_libgit2.tree_create_updated
#define git_tree_entry_bypath px_libgit2.tree_entry_bypath
#define git_tree_entry_filemode px_libgit2.tree_entry_filemode
#define git_tree_entry_free px_libgit2.tree_entry_free
#define git_tree_entry_id px_libgit2.tree_entry_id
#define git_tree_entry_name px_libgit2.tree_entry_name
#define git_tree_entry_type px_libgit2.tree_entry_type
#define git_tree_free px_libgit2.tree_free
#define git_tree_lookup px_libgit2.tree_lookup
#define git_tree_walk px_libgit2.tree_walk

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
