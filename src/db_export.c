/*
 * db_export.c - the SQL of the REFI-QDA export (db.h, section "export"):
 * the notes of a scope, each note's segments in order and its codings.
 */
#define PX_DB_INTERNAL
#include "db.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

static const char SQL_NOTES[] = "SELECT " PX_DB_NOTE_COLS " FROM notes"
	" WHERE (:cycle IS NULL OR cycle = :cycle) AND (:community IS NULL OR community = :community)"
	" ORDER BY path";
static const char SQL_NOTE[] = "SELECT " PX_DB_NOTE_COLS " FROM notes WHERE path = :path";
static const char SQL_SEGMENTS[] = "SELECT " PX_DB_SEGMENT_COLS " FROM note_segments"
	" WHERE note = :note ORDER BY ord";
static const char SQL_CODINGS[] = "SELECT segment, code FROM coded_segments"
	" WHERE note = :note ORDER BY ord, code";
static const char SQL_THEMES[] = "SELECT code FROM note_themes WHERE note = :note ORDER BY rowid";

int px_db_export_notes(px_db_note **out, size_t *n, px_index *ix, const px_db_scope *s,
		       px_diag *d)
{
	sqlite3_stmt *st = px_db_stmt(ix, SQL_NOTES, d);

	if (st)
		px_db_bind_scope(st, s);
	return px_db_list(out, n, &px_db_note_type, ix, st, d);
}

int px_db_note_at(px_db_note **out, px_index *ix, const char *path, px_diag *d)
{
	sqlite3_stmt *st = px_db_stmt(ix, SQL_NOTE, d);
	size_t n = 0;

	*out = NULL;
	if (st)
		px_db_bind_text(st, ":path", path);
	if (px_db_list(out, &n, &px_db_note_type, ix, st, d) < 0)
		return -1;
	return n ? 0 : 1;
}

int px_db_export_segments(px_db_segment **out, size_t *n, px_index *ix, long long note,
			  px_diag *d)
{
	sqlite3_stmt *st = px_db_stmt(ix, SQL_SEGMENTS, d);

	if (st)
		px_db_bind_int(st, ":note", note);
	return px_db_list(out, n, &px_db_segment_type, ix, st, d);
}

static int fill_coding(void *row, sqlite3_stmt *st)
{
	px_db_coding *c = row;

	c->segment = px_db_int(st, 0);
	c->code = px_db_dup(st, 1);
	return c->code ? 0 : -1;
}

static const size_t coding_strings[] = { offsetof(px_db_coding, code), PX_DB_END };
static const px_db_rowtype coding_type = { sizeof(px_db_coding), fill_coding, coding_strings };

void px_db_codings_free(px_db_coding *v, size_t n) { px_db_rows_free(v, n, &coding_type); }

int px_db_export_codings(px_db_coding **out, size_t *n, px_index *ix, long long note, px_diag *d)
{
	sqlite3_stmt *st = px_db_stmt(ix, SQL_CODINGS, d);

	if (st)
		px_db_bind_int(st, ":note", note);
	return px_db_list(out, n, &coding_type, ix, st, d);
}

int px_db_export_themes(char ***out, size_t *n, px_index *ix, long long note, px_diag *d)
{
	sqlite3_stmt *st = px_db_stmt(ix, SQL_THEMES, d);

	if (st)
		px_db_bind_int(st, ":note", note);
	return px_db_list(out, n, &px_db_string_type, ix, st, d);
}
