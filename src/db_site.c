/*
 * db_site.c - the SQL of the static site (db.h, section "site"): the
 * listings its pages are made of.
 */
#define PX_DB_INTERNAL
#include "db.h"

#include <stdlib.h>
#include <string.h>

/* the notes the site shows: those that passed the checks */
#define VALID "community IS NOT NULL AND cycle IS NOT NULL AND session IS NOT NULL AND date IS NOT NULL"

static const char SQL_CYCLES[] = "SELECT cycle, count(*) FROM notes WHERE " VALID
	" AND (:community IS NULL OR community = :community) GROUP BY cycle ORDER BY cycle DESC";
static const char SQL_LATEST[] = "SELECT " PX_DB_NOTE_COLS " FROM notes WHERE " VALID
	" ORDER BY date DESC, path LIMIT :limit";
static const char SQL_HEAT[] = "SELECT community, count(DISTINCT segment) FROM coded_segments"
	" WHERE code = :code GROUP BY community ORDER BY community";
static const char SQL_SESSIONS[] = "SELECT " PX_DB_NOTE_COLS " FROM notes WHERE " VALID
	" AND community = :community ORDER BY cycle DESC, session, date";
static const char SQL_COMMUNITY_CODES[] = "SELECT code, count(DISTINCT segment), count(DISTINCT note)"
	" FROM coded_segments WHERE community = :community GROUP BY code ORDER BY 2 DESC, 1";
static const char SQL_FOLLOWUPS[] = "SELECT " PX_DB_SEGMENT_COLS " FROM note_segments WHERE " VALID
	" AND community = :community AND task IS NOT NULL ORDER BY task, date DESC, path, line";
static const char SQL_CODE_SEGMENTS[] = "SELECT " PX_DB_SEGMENT_COLS " FROM coded_segments"
	" WHERE code = :code AND " VALID " ORDER BY community, cycle DESC, session, path, line";
static const char SQL_CODE_NOTES[] = "SELECT count(DISTINCT note) FROM coded_segments WHERE code = :code";
static const char SQL_NOTES[] = "SELECT " PX_DB_NOTE_COLS " FROM notes WHERE " VALID " ORDER BY path";
static const char SQL_NOTE_METHODS[] = "SELECT method FROM note_methods WHERE note = :note";
static const char SQL_NOTE_CODES[] = "SELECT DISTINCT code FROM coded_segments WHERE note = :note ORDER BY 1";

/* Steps `st` into a list of tallies: id, then the segments and notes
 * columns when `seg_col` / `note_col` are not 0. */
static int tallies(px_db_tally **out, size_t *n, px_index *ix, sqlite3_stmt *st, int seg_col,
		   int note_col, px_diag *d)
{
	size_t cap = 0;
	int rc;

	while ((rc = px_db_step(ix, st, d)) > 0) {
		px_db_tally *t = px_db_push(out, n, &cap, sizeof **out);
		if (!t || !(t->id = px_db_dup(st, 0)))
			return px_db_oom(st, d);
		t->segments = seg_col ? px_db_int(st, seg_col) : 0;
		t->notes = note_col ? px_db_int(st, note_col) : 0;
	}
	return rc;
}

static int notes(px_db_note **out, size_t *n, px_index *ix, sqlite3_stmt *st, px_diag *d)
{
	size_t cap = 0;
	int rc;

	while ((rc = px_db_step(ix, st, d)) > 0) {
		px_db_note *t = px_db_push(out, n, &cap, sizeof **out);
		if (!t || px_db_read_note(t, st, 0) < 0)
			return px_db_oom(st, d);
	}
	return rc;
}

static int segments(px_db_segment **out, size_t *n, px_index *ix, sqlite3_stmt *st, px_diag *d)
{
	size_t cap = 0;
	int rc;

	while ((rc = px_db_step(ix, st, d)) > 0) {
		px_db_segment *t = px_db_push(out, n, &cap, sizeof **out);
		if (!t || px_db_read_segment(t, st, 0) < 0)
			return px_db_oom(st, d);
	}
	return rc;
}

static int strings(char ***out, size_t *n, px_index *ix, sqlite3_stmt *st, px_diag *d)
{
	size_t cap = 0;
	int rc;

	while ((rc = px_db_step(ix, st, d)) > 0) {
		char **t = px_db_push(out, n, &cap, sizeof **out);
		if (!t || !(*t = px_db_dup(st, 0)))
			return px_db_oom(st, d);
	}
	return rc;
}

/* The statement `sql` with the text `v` bound to `name`. */
static sqlite3_stmt *with_text(px_index *ix, const char *sql, const char *name, const char *v,
			       px_diag *d)
{
	sqlite3_stmt *st = px_db_stmt(ix, sql, d);

	if (st)
		px_db_bind_text(st, name, v);
	return st;
}

#define START(out, n) do { *(out) = NULL; *(n) = 0; } while (0)

int px_db_site_cycles(px_db_tally **out, size_t *n, px_index *ix, const px_db_scope *s,
		      px_diag *d)
{
	sqlite3_stmt *st = px_db_stmt(ix, SQL_CYCLES, d);

	START(out, n);
	if (!st)
		return -1;
	px_db_bind_scope(st, s);
	return tallies(out, n, ix, st, 0, 1, d);
}

int px_db_site_latest(px_db_note **out, size_t *n, px_index *ix, long limit, px_diag *d)
{
	sqlite3_stmt *st = px_db_stmt(ix, SQL_LATEST, d);

	START(out, n);
	if (!st)
		return -1;
	px_db_bind_int(st, ":limit", limit);
	return notes(out, n, ix, st, d);
}

int px_db_site_heat(px_db_tally **out, size_t *n, px_index *ix, const char *code, px_diag *d)
{
	sqlite3_stmt *st = with_text(ix, SQL_HEAT, ":code", code, d);

	START(out, n);
	return st ? tallies(out, n, ix, st, 1, 0, d) : -1;
}

int px_db_site_sessions(px_db_note **out, size_t *n, px_index *ix, const char *community,
			px_diag *d)
{
	sqlite3_stmt *st = with_text(ix, SQL_SESSIONS, ":community", community, d);

	START(out, n);
	return st ? notes(out, n, ix, st, d) : -1;
}

int px_db_site_community_codes(px_db_tally **out, size_t *n, px_index *ix,
			       const char *community, px_diag *d)
{
	sqlite3_stmt *st = with_text(ix, SQL_COMMUNITY_CODES, ":community", community, d);

	START(out, n);
	return st ? tallies(out, n, ix, st, 1, 2, d) : -1;
}

int px_db_site_followups(px_db_segment **out, size_t *n, px_index *ix, const char *community,
			 px_diag *d)
{
	sqlite3_stmt *st = with_text(ix, SQL_FOLLOWUPS, ":community", community, d);

	START(out, n);
	return st ? segments(out, n, ix, st, d) : -1;
}

int px_db_site_code_segments(px_db_segment **out, size_t *n, px_index *ix, const char *code,
			     px_diag *d)
{
	sqlite3_stmt *st = with_text(ix, SQL_CODE_SEGMENTS, ":code", code, d);

	START(out, n);
	return st ? segments(out, n, ix, st, d) : -1;
}

int px_db_site_code_notes(long long *out, px_index *ix, const char *code, px_diag *d)
{
	sqlite3_stmt *st = with_text(ix, SQL_CODE_NOTES, ":code", code, d);
	int rc;

	*out = 0;
	if (!st)
		return -1;
	rc = px_db_step(ix, st, d);
	if (rc <= 0)
		return rc; /* count(*) always has its row */
	*out = px_db_int(st, 0);
	sqlite3_reset(st);
	return 0;
}

int px_db_site_notes(px_db_note **out, size_t *n, px_index *ix, px_diag *d)
{
	sqlite3_stmt *st = px_db_stmt(ix, SQL_NOTES, d);

	START(out, n);
	return st ? notes(out, n, ix, st, d) : -1;
}

int px_db_site_note_methods(char ***out, size_t *n, px_index *ix, long long note, px_diag *d)
{
	sqlite3_stmt *st = px_db_stmt(ix, SQL_NOTE_METHODS, d);

	START(out, n);
	if (!st)
		return -1;
	px_db_bind_int(st, ":note", note);
	return strings(out, n, ix, st, d);
}

int px_db_site_note_codes(char ***out, size_t *n, px_index *ix, long long note, px_diag *d)
{
	sqlite3_stmt *st = px_db_stmt(ix, SQL_NOTE_CODES, d);

	START(out, n);
	if (!st)
		return -1;
	px_db_bind_int(st, ":note", note);
	return strings(out, n, ix, st, d);
}
