/*
 * db_codes.c - the SQL of one code's retrieval (db.h, section "codes"):
 * its segments narrowed and paged, and their counts by cycle and session.
 */
#define PX_DB_INTERNAL
#include "db.h"

#include <stddef.h>
#include <stdlib.h>

/* the notes a code's retrieval shows: those that passed the checks */
#define VALID "cs.community IS NOT NULL AND cs.cycle IS NOT NULL AND cs.session IS NOT NULL" \
	" AND cs.date IS NOT NULL"
#define NARROW " FROM coded_segments cs WHERE cs.code = :code AND " VALID \
	" AND (:cycle IS NULL OR cs.cycle = :cycle)" \
	" AND (:community IS NULL OR cs.community = :community)" \
	" AND (:note IS NULL OR cs.path = :note)" \
	" AND (:session IS NULL OR cs.session = :session)" \
	" AND (:with IS NULL OR EXISTS (SELECT 1 FROM segment_codes w" \
	" WHERE w.segment = cs.segment AND w.code = :with))"

/* the page's segments found and sorted on the narrow columns, then read */
static const char SQL_PAGE[] = "WITH page AS (SELECT cs.segment AS p_segment,"
	" cs.community AS p_community, cs.cycle AS p_cycle, cs.session AS p_session,"
	" cs.path AS p_path, cs.line AS p_line" NARROW
	" ORDER BY cs.community, cs.cycle DESC, cs.session, cs.path, cs.line"
	" LIMIT :limit OFFSET :offset)"
	" SELECT " PX_DB_SEGMENT_COLS " FROM page JOIN note_segments ON segment = p_segment"
	" ORDER BY p_community, p_cycle DESC, p_session, p_path, p_line";
static const char SQL_IDS[] = "SELECT cs.segment" NARROW
	" ORDER BY cs.community, cs.cycle DESC, cs.session, cs.path, cs.line";
static const char SQL_TIMELINE[] = "SELECT cs.cycle, cs.session, count(*)" NARROW
	" GROUP BY cs.cycle, cs.session ORDER BY cs.cycle, cs.session";

static sqlite3_stmt *narrowed(px_index *ix, const char *sql, const px_db_code_filter *f,
			      px_diag *d)
{
	sqlite3_stmt *st = px_db_stmt(ix, sql, d);

	if (!st)
		return NULL;
	px_db_bind_text(st, ":code", f->code);
	px_db_bind_text(st, ":cycle", f->cycle);
	px_db_bind_text(st, ":community", f->community);
	px_db_bind_text(st, ":note", f->note);
	px_db_bind_text(st, ":with", f->with);
	if (f->session > 0)
		px_db_bind_int(st, ":session", f->session);
	return st;
}

int px_db_code_segments(px_db_segment **out, size_t *n, px_index *ix, const px_db_code_filter *f,
			long limit, long offset, px_diag *d)
{
	sqlite3_stmt *st = narrowed(ix, SQL_PAGE, f, d);

	if (st) {
		px_db_bind_int(st, ":limit", limit);
		px_db_bind_int(st, ":offset", offset);
	}
	return px_db_list(out, n, &px_db_segment_type, ix, st, d);
}

static int fill_cell(void *row, sqlite3_stmt *st)
{
	px_db_code_cell *c = row;

	c->session = (long)px_db_int(st, 1);
	c->segments = px_db_int(st, 2);
	return (c->cycle = px_db_dup(st, 0)) ? 0 : -1;
}

static const size_t cell_strings[] = { offsetof(px_db_code_cell, cycle), PX_DB_END };
static const px_db_rowtype cell_type = { sizeof(px_db_code_cell), fill_cell, cell_strings };

void px_db_code_cells_free(px_db_code_cell *v, size_t n) { px_db_rows_free(v, n, &cell_type); }

int px_db_code_timeline(px_db_code_cell **out, size_t *n, px_index *ix,
			const px_db_code_filter *f, px_diag *d)
{
	sqlite3_stmt *st = narrowed(ix, SQL_TIMELINE, f, d);

	return px_db_list(out, n, &cell_type, ix, st, d);
}

static int fill_id(void *row, sqlite3_stmt *st)
{
	*(long long *)row = px_db_int(st, 0);
	return 0;
}

static const size_t id_strings[] = { PX_DB_END };
static const px_db_rowtype id_type = { sizeof(long long), fill_id, id_strings };

int px_db_code_segment_ids(long long **out, size_t *n, px_index *ix, const px_db_code_filter *f,
			   px_diag *d)
{
	sqlite3_stmt *st = narrowed(ix, SQL_IDS, f, d);

	return px_db_list(out, n, &id_type, ix, st, d);
}
