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

static const char SQL_CYCLES[] = "SELECT cycle, 0, count(*) FROM notes WHERE " VALID
	" GROUP BY cycle ORDER BY cycle DESC";
/* a community's: its own statement, so that SQLite finds its notes by the
 * index on community (with ":community IS NULL OR" it read every note,
 * for each community page) */
static const char SQL_COMMUNITY_CYCLES[] = "SELECT cycle, 0, count(*) FROM notes WHERE " VALID
	" AND community = :community GROUP BY cycle ORDER BY cycle DESC";
static const char SQL_LATEST[] = "SELECT " PX_DB_NOTE_COLS " FROM notes WHERE " VALID
	" ORDER BY date DESC, path LIMIT :limit";
static const char SQL_HEAT[] = "SELECT community, count(DISTINCT segment), 0 FROM coded_segments"
	" WHERE code = :code GROUP BY community ORDER BY community";
static const char SQL_SESSIONS[] = "SELECT " PX_DB_NOTE_COLS " FROM notes WHERE " VALID
	" AND community = :community ORDER BY cycle DESC, session, date";
/* through the community's notes: filtered on the view, SQLite walked every
 * coded segment of the knowledge base for each community */
static const char SQL_COMMUNITY_CODES[] = "SELECT code, count(DISTINCT segment), count(DISTINCT note)"
	" FROM coded_segments WHERE note IN (SELECT id FROM notes WHERE community = :community)"
	" GROUP BY code ORDER BY 2 DESC, 1";
static const char SQL_FOLLOWUPS[] = "SELECT " PX_DB_SEGMENT_COLS " FROM note_segments WHERE " VALID
	" AND community = :community AND task IS NOT NULL ORDER BY task, date DESC, path, line";
static const char SQL_CODE_SEGMENTS[] = "SELECT " PX_DB_SEGMENT_COLS " FROM coded_segments"
	" WHERE code = :code AND " VALID " ORDER BY community, cycle DESC, session, path, line";
static const char SQL_CODE_NOTES[] = "SELECT count(DISTINCT note) FROM coded_segments WHERE code = :code";
static const char SQL_NOTES[] = "SELECT " PX_DB_NOTE_COLS " FROM notes WHERE " VALID " ORDER BY path";
static const char SQL_NOTE[] = "SELECT " PX_DB_NOTE_COLS " FROM notes WHERE path = :path";
static const char SQL_NOTE_CODES[] = "SELECT DISTINCT code FROM coded_segments WHERE note = :note ORDER BY 1";

/* The statement `sql` with the text `v` bound to `name`. */
static sqlite3_stmt *with_text(px_index *ix, const char *sql, const char *name, const char *v,
			       px_diag *d)
{
	sqlite3_stmt *st = px_db_stmt(ix, sql, d);

	if (st)
		px_db_bind_text(st, name, v);
	return st;
}

int px_db_site_cycles(px_db_tally **out, size_t *n, px_index *ix, const px_db_scope *s,
		      px_diag *d)
{
	sqlite3_stmt *st = s && s->community ?
		with_text(ix, SQL_COMMUNITY_CYCLES, ":community", s->community, d) :
		px_db_stmt(ix, SQL_CYCLES, d);

	return px_db_list(out, n, &px_db_tally_type, ix, st, d);
}

int px_db_site_latest(px_db_note **out, size_t *n, px_index *ix, long limit, px_diag *d)
{
	sqlite3_stmt *st = px_db_stmt(ix, SQL_LATEST, d);

	if (st)
		px_db_bind_int(st, ":limit", limit);
	return px_db_list(out, n, &px_db_note_type, ix, st, d);
}

int px_db_site_heat(px_db_tally **out, size_t *n, px_index *ix, const char *code, px_diag *d)
{
	sqlite3_stmt *st = with_text(ix, SQL_HEAT, ":code", code, d);

	return px_db_list(out, n, &px_db_tally_type, ix, st, d);
}

int px_db_site_sessions(px_db_note **out, size_t *n, px_index *ix, const char *community,
			px_diag *d)
{
	sqlite3_stmt *st = with_text(ix, SQL_SESSIONS, ":community", community, d);

	return px_db_list(out, n, &px_db_note_type, ix, st, d);
}

int px_db_site_community_codes(px_db_tally **out, size_t *n, px_index *ix,
			       const char *community, px_diag *d)
{
	sqlite3_stmt *st = with_text(ix, SQL_COMMUNITY_CODES, ":community", community, d);

	return px_db_list(out, n, &px_db_tally_type, ix, st, d);
}

int px_db_site_followups(px_db_segment **out, size_t *n, px_index *ix, const char *community,
			 px_diag *d)
{
	sqlite3_stmt *st = with_text(ix, SQL_FOLLOWUPS, ":community", community, d);

	return px_db_list(out, n, &px_db_segment_type, ix, st, d);
}

int px_db_site_code_segments(px_db_segment **out, size_t *n, px_index *ix, const char *code,
			     px_diag *d)
{
	sqlite3_stmt *st = with_text(ix, SQL_CODE_SEGMENTS, ":code", code, d);

	return px_db_list(out, n, &px_db_segment_type, ix, st, d);
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

	return px_db_list(out, n, &px_db_note_type, ix, st, d);
}

int px_db_site_note_codes(char ***out, size_t *n, px_index *ix, long long note, px_diag *d)
{
	sqlite3_stmt *st = px_db_stmt(ix, SQL_NOTE_CODES, d);

	if (st)
		px_db_bind_int(st, ":note", note);
	return px_db_list(out, n, &px_db_string_type, ix, st, d);
}

int px_db_site_note(px_db_note **out, size_t *n, px_index *ix, const char *path, px_diag *d)
{
	sqlite3_stmt *st = with_text(ix, SQL_NOTE, ":path", path, d);

	return px_db_list(out, n, &px_db_note_type, ix, st, d);
}
