/*
 * index.h - the SQLite index (GITDIR/praxis/index.db): a cache of the
 * notes at one commit, with FTS5 over the segments.
 *
 * Git is the truth: px_index_update brings the index to HEAD by diffing
 * the indexed commit's tree with HEAD's and re-indexing only the notes
 * that changed, in one transaction, so a process killed half-way leaves
 * the old state. A new schema (schema/index.sql) or codebook rebuilds it
 * from scratch. WAL and a busy timeout let processes read and update at
 * once. This module is the index's one writer; every read is the data
 * layer's (db.h). SQL lives in schema/index.sql, here and in db*.c.
 */
#ifndef PX_INDEX_H
#define PX_INDEX_H

#include "diag.h"
#include "kb.h"
#include "store.h"

typedef struct {
	struct sqlite3 *db; /* index.c's and the data layer's (db.h) only */
	const px_kb *kb;  /* borrowed */
	px_store *store;  /* borrowed */
	char *path;
	int readonly;     /* opened read-only: nothing to write so far */
	int wrote;        /* an update wrote: the file is known sound */
	int rebuilt;      /* found damaged and replaced */
	struct px_db_cache *cache; /* the data layer's prepared statements (db.h) */
} px_index;

/* Opens (creating it when needed) the index of the knowledge base.
 * It is opened read-only, and for writing only when px_index_update
 * has something to change, so a reader of a current index needs no disk
 * space. The index is a cache of git: a file that is not a sound SQLite
 * database (cut short, overwritten, a folder, a link, tables missing) is
 * removed with a warning in `d` and built again from HEAD. A file changed
 * by anything but praxis passes SQLite's quick check before it is
 * trusted. */
int px_index_open(px_index **out, const px_kb *kb, px_store *store, px_diag *d);
void px_index_close(px_index *ix);

typedef struct {
	int rebuild;   /* drop everything and index HEAD from scratch */
	int progress;  /* report progress on stderr */
} px_update_opts;

#define PX_UPDATE_OPTS_INIT { 0, 0 }

/* Brings the index to HEAD. Returns the number of notes (re)indexed,
 * or -1 with a diagnostic. */
long px_index_update(px_index *ix, const px_update_opts *o, px_diag *d);

/* Whether the index, opened without a store (px_index_open with store
 * NULL: found through kb->gitdir), is current for HEAD at `head_hex`
 * (from px_store_head_recorded): same schema, folding, codebook, commit
 * and layout, and not just rebuilt. 1 or 0; when 0, the caller closes
 * it and opens it again with a store to update it. An index opened
 * without a store must not be updated. */
int px_index_fresh(px_index *ix, const char *head_hex);

/* Reports the last SQLite error of the index as a diagnostic. */
void px_index_error(px_diag *d, const px_index *ix);

#endif
