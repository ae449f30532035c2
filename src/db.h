/*
 * db.h - the data layer: every read of the index (index.db).
 *
 * Commands and renderers ask for what they need in their own terms (a
 * code's counts per community, a cycle's notes, a search's hits) and get
 * plain structs; they never see SQLite. The SQL lives in schema/index.sql
 * (tables, and the views for the joins everyone needs: coded_segments,
 * note_segments) and in the db*.c files, each statement a named static
 * string prepared once per index (px_db_stmt). index.c is the one writer.
 *
 * Errors follow the project's contract: 0 (or a documented count) on
 * success, -1 with a diagnostic in `d`, set once here. Every row loop
 * goes through px_db_step, which tells a row from the end from an error,
 * so a read error can never end a listing early with success.
 *
 * Sections below: the core (for db*.c only), then one section per
 * consumer. Returned arrays are malloc'd and owned by the caller (free
 * them with the section's _free); strings inside them belong to the
 * array.
 */
#ifndef PX_DB_H
#define PX_DB_H

#include <stddef.h>

#include "diag.h"
#include "index.h"

/* ------------------------------------------------------------------ core */

/* A filter shared by the listings: NULL fields do not filter. Values are
 * matched exactly (the caller validated them: cycle.h, kb.h). */
typedef struct {
	const char *cycle;
	const char *community;
	const char *lang;
} px_db_scope;

#define PX_DB_SCOPE_INIT { NULL, NULL, NULL }

#ifdef PX_DB_INTERNAL
#include <sqlite3.h>
/* The statement for `sql` (a static string: its address names it),
 * prepared on first use and kept until the index closes, reset and
 * with its bindings cleared. NULL with a diagnostic on error. */
sqlite3_stmt *px_db_stmt(px_index *ix, const char *sql, px_diag *d);
/* Steps `st`: 1 a row, 0 done (the statement is reset), -1 an error
 * (diagnostic set, statement reset). */
int px_db_step(px_index *ix, sqlite3_stmt *st, px_diag *d);
/* Column i as text, "" for NULL; as an integer, 0 for NULL. */
const char *px_db_text(sqlite3_stmt *st, int i);
long long px_db_int(sqlite3_stmt *st, int i);
int px_db_is_null(sqlite3_stmt *st, int i);
/* Binds the scope's fields to the named parameters :cycle, :community
 * and :lang that the statement has (NULL binds NULL: "any"). */
void px_db_bind_scope(sqlite3_stmt *st, const px_db_scope *s);
/* Binds text to the named parameter `name` (":code"), NULL as NULL. */
void px_db_bind_text(sqlite3_stmt *st, const char *name, const char *v);
void px_db_bind_int(sqlite3_stmt *st, const char *name, long long v);
#endif

/* Finalizes the statements px_db_stmt kept for `ix` (px_index_close
 * calls it). */
void px_db_release(px_index *ix);

#endif
