/*
 * db_report.c - the index read for the report, the brief and stats
 * (db.h, section "report, brief and stats"). Each statement is a named
 * static string, prepared once per index; each reads through the views
 * of schema/index.sql and filters by a px_db_scope.
 */
#define PX_DB_INTERNAL
#include "db.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "kb.h"

/* The scope's filter over a row of notes, note_segments or
 * coded_segments: a NULL parameter matches everything. */
#define SCOPE \
	" (:cycle IS NULL OR cycle = :cycle) AND (:community IS NULL OR community = :community)" \
	" AND (:lang IS NULL OR lang = :lang)"

/* The same filter for a row of note_segments or coded_segments, through
 * its note: the scope's columns are the note's, and with the filter on
 * the view itself SQLite cannot use an index for the ORs of SCOPE, so it
 * walked every coded segment of every cycle (looking each one's segment
 * and note up) to keep a cycle's; this way it walks the scope's notes and
 * reaches their segments and codes through the indexes by note and by
 * segment (a report's data: 1.9 s to 0.3 s at 150 communities). */
#define NOTE_IN_SCOPE "note IN (SELECT id FROM notes WHERE" SCOPE ")"

/* Column i as a malloc'd string into *out ("" for NULL); -1 when memory
 * runs out. */
static int text(char **out, sqlite3_stmt *st, int i)
{
	*out = px_db_dup(st, i);
	return *out ? 0 : -1;
}

static void oom(px_diag *d)
{
	px_diag_add(d, NULL, 0, 0, PX_SEV_ERROR, "environment", MSG_OOM);
}

/* ------------------------------------------------------ code counts */

static int fill_code_count(void *row, sqlite3_stmt *st)
{
	px_db_code_count *c = row;

	c->segments = px_db_int(st, 2);
	c->notes = px_db_int(st, 3);
	return text(&c->code, st, 0) | text(&c->community, st, 1);
}

static const size_t code_counts_strings[] = { offsetof(px_db_code_count, code), offsetof(px_db_code_count, community), PX_DB_END };
static const px_db_rowtype code_counts_type = { sizeof(px_db_code_count), fill_code_count, code_counts_strings };

void px_db_code_counts_free(px_db_code_count *v, size_t n) { px_db_rows_free(v, n, &code_counts_type); }

int px_db_code_counts(px_db_code_count **out, size_t *n, px_index *ix, const px_db_scope *s,
		      px_diag *d)
{
	static const char sql[] =
		"SELECT code, community, count(DISTINCT segment), count(DISTINCT note)"
		" FROM coded_segments WHERE " NOTE_IN_SCOPE
		" GROUP BY code, community ORDER BY code, community";
	sqlite3_stmt *st = px_db_stmt(ix, sql, d);

	if (st)
		px_db_bind_scope(st, s);
	return px_db_list(out, n, &code_counts_type, ix, st, d);
}

/* ---------------------------------------------- code counts by value */

static int fill_code_key(void *row, sqlite3_stmt *st)
{
	px_db_code_key *c = row;

	c->ord = px_db_int(st, 2);
	c->segments = px_db_int(st, 3);
	c->notes = px_db_int(st, 4);
	return text(&c->code, st, 0) | text(&c->key, st, 1);
}

static const size_t code_keys_strings[] = { offsetof(px_db_code_key, code), offsetof(px_db_code_key, key), PX_DB_END };
static const px_db_rowtype code_keys_type = { sizeof(px_db_code_key), fill_code_key, code_keys_strings };

void px_db_code_keys_free(px_db_code_key *v, size_t n) { px_db_rows_free(v, n, &code_keys_type); }

/* KEY: the value's expression, ORD: its order */
#define CODE_COUNTS_BY(KEY, ORD) \
	"SELECT code, " KEY ", " ORD ", count(DISTINCT segment), count(DISTINCT note)" \
	" FROM coded_segments WHERE" SCOPE " AND " KEY " IS NOT NULL" \
	" GROUP BY code, " KEY " ORDER BY code, " ORD ", " KEY

int px_db_code_counts_by(px_db_code_key **out, size_t *n, px_index *ix, const px_db_scope *s,
			 px_db_by by, px_diag *d)
{
	static const char by_community[] = CODE_COUNTS_BY("community", "NULL");
	static const char by_session[] = CODE_COUNTS_BY("CAST(session AS TEXT)", "session");
	static const char by_month[] = CODE_COUNTS_BY("substr(date, 1, 7)", "NULL");
	static const char by_cycle[] = CODE_COUNTS_BY("cycle", "NULL");
	static const char *const sql[] = { by_community, by_session, by_month, by_cycle };
	sqlite3_stmt *st = px_db_stmt(ix, sql[by], d);

	if (st)
		px_db_bind_scope(st, s);
	return px_db_list(out, n, &code_keys_type, ix, st, d);
}

int px_db_code_cells(px_db_code_key **out, size_t *n, px_index *ix, const px_db_scope *s,
		     int by_note, px_diag *d)
{
	/* segment_codes holds a (code, segment) pair once: count(*) counts
	 * segments, without the sorts of count(DISTINCT) */
#define CODE_CELLS(KEY) "SELECT code, " KEY ", 0, count(*), 0 FROM coded_segments WHERE" SCOPE \
	" GROUP BY code, " KEY " ORDER BY code, " KEY
	static const char by_community[] = CODE_CELLS("coalesce(community, '')");
	static const char by_path[] = CODE_CELLS("path");
	sqlite3_stmt *st = px_db_stmt(ix, by_note ? by_path : by_community, d);

	if (st)
		px_db_bind_scope(st, s);
	return px_db_list(out, n, &code_keys_type, ix, st, d);
}

/* ---------------------------------------------------- code sessions */

static int fill_code_session(void *row, sqlite3_stmt *st)
{
	px_db_code_session *c = row;

	c->session = px_db_int(st, 1);
	c->segments = px_db_int(st, 2);
	return text(&c->code, st, 0);
}

static const size_t code_sessions_strings[] = { offsetof(px_db_code_session, code), PX_DB_END };
static const px_db_rowtype code_sessions_type = { sizeof(px_db_code_session), fill_code_session, code_sessions_strings };

void px_db_code_sessions_free(px_db_code_session *v, size_t n) { px_db_rows_free(v, n, &code_sessions_type); }

int px_db_code_sessions(px_db_code_session **out, size_t *n, px_index *ix, const px_db_scope *s,
			px_diag *d)
{
	static const char sql[] =
		"SELECT code, session, count(DISTINCT segment) FROM coded_segments"
		" WHERE " NOTE_IN_SCOPE " AND session IS NOT NULL"
		" GROUP BY code, session ORDER BY code, session";
	sqlite3_stmt *st = px_db_stmt(ix, sql, d);

	if (st)
		px_db_bind_scope(st, s);
	return px_db_list(out, n, &code_sessions_type, ix, st, d);
}

/* ------------------------------------------------------- code pairs */

static int fill_pair(void *row, sqlite3_stmt *st)
{
	px_db_pair *p = row;

	p->segments = px_db_int(st, 2);
	return text(&p->a, st, 0) | text(&p->b, st, 1);
}

static const size_t pairs_strings[] = { offsetof(px_db_pair, a), offsetof(px_db_pair, b), PX_DB_END };
static const px_db_rowtype pairs_type = { sizeof(px_db_pair), fill_pair, pairs_strings };

void px_db_pairs_free(px_db_pair *v, size_t n) { px_db_rows_free(v, n, &pairs_type); }

int px_db_code_pairs(px_db_pair **out, size_t *n, px_index *ix, const px_db_scope *s, px_diag *d)
{
	static const char sql[] =
		"SELECT a.code, b.code, count(*) FROM coded_segments a"
		" JOIN segment_codes b ON b.segment = a.segment AND a.code < b.code"
		" WHERE a." NOTE_IN_SCOPE
		" GROUP BY a.code, b.code ORDER BY 3 DESC, 1, 2";
	sqlite3_stmt *st = px_db_stmt(ix, sql, d);

	if (st)
		px_db_bind_scope(st, s);
	return px_db_list(out, n, &pairs_type, ix, st, d);
}

/* -------------------------------------------------- community counts */

static int fill_community_count(void *row, sqlite3_stmt *st)
{
	px_db_community_count *c = row;

	c->notes = px_db_int(st, 1);
	c->sessions = px_db_int(st, 2);
	c->attendance = px_db_int(st, 3);
	c->attendance_avg = sqlite3_column_double(st, 4);
	return text(&c->id, st, 0);
}

static const size_t community_counts_strings[] = { offsetof(px_db_community_count, id), PX_DB_END };
static const px_db_rowtype community_counts_type = { sizeof(px_db_community_count), fill_community_count, community_counts_strings };

void px_db_community_counts_free(px_db_community_count *v, size_t n) { px_db_rows_free(v, n, &community_counts_type); }

int px_db_community_counts(px_db_community_count **out, size_t *n, px_index *ix,
			   const px_db_scope *s, px_diag *d)
{
	static const char sql[] =
		"SELECT community, count(*), count(DISTINCT cycle || '/' || session),"
		" coalesce(sum(attendance), 0), avg(attendance)"
		" FROM notes WHERE" SCOPE " GROUP BY community ORDER BY community";
	sqlite3_stmt *st = px_db_stmt(ix, sql, d);

	if (st)
		px_db_bind_scope(st, s);
	return px_db_list(out, n, &community_counts_type, ix, st, d);
}

/* ------------------------------------------------------------ totals */

int px_db_totals_get(px_db_totals *out, px_index *ix, const px_db_scope *s, px_diag *d)
{
	static const char sql[] =
		"SELECT count(DISTINCT community), count(DISTINCT community || '/' || cycle || '/' || session),"
		" count(*), coalesce(sum(attendance), 0), count(attendance), coalesce(max(session), 0),"
		" (SELECT count(*) FROM note_segments WHERE " NOTE_IN_SCOPE "),"
		" (SELECT count(*) FROM note_segments WHERE " NOTE_IN_SCOPE " AND kind = 'quote'),"
		" (SELECT count(DISTINCT code) FROM coded_segments WHERE " NOTE_IN_SCOPE ")"
		" FROM notes WHERE" SCOPE;
	sqlite3_stmt *st = px_db_stmt(ix, sql, d);
	int rc;

	memset(out, 0, sizeof *out);
	if (!st)
		return -1;
	px_db_bind_scope(st, s);
	rc = px_db_step(ix, st, d);
	if (rc < 0)
		return -1;
	if (rc == 1) {
		out->communities = px_db_int(st, 0);
		out->sessions = px_db_int(st, 1);
		out->notes = px_db_int(st, 2);
		out->attendance = px_db_int(st, 3);
		out->attended_notes = px_db_int(st, 4);
		out->max_session = px_db_int(st, 5);
		out->segments = px_db_int(st, 6);
		out->quotes = px_db_int(st, 7);
		out->codes_raised = px_db_int(st, 8);
		sqlite3_reset(st);
	}
	return 0;
}

/* ---------------------------------------------------------- sessions */

static int fill_session(void *row, sqlite3_stmt *st)
{
	px_db_session *s = row;

	s->note = px_db_int(st, 0);
	s->session = px_db_int(st, 1);
	s->has_session = !px_db_is_null(st, 1);
	s->has_date = !px_db_is_null(st, 2);
	s->attendance = px_db_int(st, 5);
	s->has_attendance = !px_db_is_null(st, 5);
	s->has_community = !px_db_is_null(st, 8);
	return text(&s->date, st, 2) | text(&s->path, st, 3) | text(&s->lang, st, 4) |
	       text(&s->title, st, 6) | text(&s->summary, st, 7) | text(&s->community, st, 8);
}

static const size_t sessions_strings[] = { offsetof(px_db_session, date), offsetof(px_db_session, path), offsetof(px_db_session, lang), offsetof(px_db_session, title), offsetof(px_db_session, summary), offsetof(px_db_session, community), PX_DB_END };
static const px_db_rowtype sessions_type = { sizeof(px_db_session), fill_session, sessions_strings };

void px_db_sessions_free(px_db_session *v, size_t n) { px_db_rows_free(v, n, &sessions_type); }

int px_db_sessions(px_db_session **out, size_t *n, px_index *ix, const px_db_scope *s, px_diag *d)
{
	static const char sql[] =
		"SELECT id, session, date, path, lang, attendance, title, summary, community FROM notes"
		" WHERE" SCOPE " ORDER BY community, session, date, path";
	sqlite3_stmt *st = px_db_stmt(ix, sql, d);

	if (st)
		px_db_bind_scope(st, s);
	return px_db_list(out, n, &sessions_type, ix, st, d);
}

/* ------------------------------------------- a note's methods, codes */

static int note_strings(char ***out, size_t *n, px_index *ix, const char *sql, long long note,
			px_diag *d)
{
	sqlite3_stmt *st = px_db_stmt(ix, sql, d);

	if (st)
		px_db_bind_int(st, ":note", note);
	return px_db_list(out, n, &px_db_string_type, ix, st, d);
}

int px_db_note_methods(char ***out, size_t *n, px_index *ix, long long note, px_diag *d)
{
	static const char sql[] = "SELECT method FROM note_methods WHERE note = :note ORDER BY rowid";

	return note_strings(out, n, ix, sql, note, d);
}

int px_db_note_codes(char ***out, size_t *n, px_index *ix, long long note, px_diag *d)
{
	static const char sql[] =
		"SELECT code FROM coded_segments WHERE note = :note"
		" UNION SELECT code FROM note_themes WHERE note = :note";

	return note_strings(out, n, ix, sql, note, d);
}

static int fill_note_method(void *row, sqlite3_stmt *st)
{
	px_db_note_method *m = row;

	m->note = px_db_int(st, 0);
	return text(&m->method, st, 1);
}

static const size_t note_methods_strings[] = { offsetof(px_db_note_method, method), PX_DB_END };
static const px_db_rowtype note_methods_type = { sizeof(px_db_note_method), fill_note_method, note_methods_strings };

void px_db_note_methods_free(px_db_note_method *v, size_t n) { px_db_rows_free(v, n, &note_methods_type); }

int px_db_scope_methods(px_db_note_method **out, size_t *n, px_index *ix, const px_db_scope *s,
			px_diag *d)
{
	static const char sql[] =
		"SELECT note, method FROM note_methods WHERE " NOTE_IN_SCOPE " ORDER BY note, rowid";
	sqlite3_stmt *st = px_db_stmt(ix, sql, d);

	if (st)
		px_db_bind_scope(st, s);
	return px_db_list(out, n, &note_methods_type, ix, st, d);
}

/* ---------------------------------------------------- method counts */

static int fill_method_count(void *row, sqlite3_stmt *st)
{
	px_db_method_count *m = row;

	m->notes = px_db_int(st, 1);
	return text(&m->method, st, 0);
}

static const size_t method_counts_strings[] = { offsetof(px_db_method_count, method), PX_DB_END };
static const px_db_rowtype method_counts_type = { sizeof(px_db_method_count), fill_method_count, method_counts_strings };

void px_db_method_counts_free(px_db_method_count *v, size_t n) { px_db_rows_free(v, n, &method_counts_type); }

int px_db_method_counts(px_db_method_count **out, size_t *n, px_index *ix, const px_db_scope *s,
			px_diag *d)
{
	static const char sql[] =
		"SELECT m.method, count(DISTINCT m.note) FROM note_methods m JOIN notes ON notes.id = m.note"
		" WHERE" SCOPE " GROUP BY m.method ORDER BY m.method";
	sqlite3_stmt *st = px_db_stmt(ix, sql, d);

	if (st)
		px_db_bind_scope(st, s);
	return px_db_list(out, n, &method_counts_type, ix, st, d);
}

/* ---------------------------------------------------------- segments */

/* Segments of the scope; `code` and `limit` bind :code and :limit when
 * given (NULL, 0: the statement has no such parameter). */
static int segments(px_db_segment **out, size_t *n, px_index *ix, const char *sql,
		    const px_db_scope *s, const char *code, int limit, px_diag *d)
{
	sqlite3_stmt *st = px_db_stmt(ix, sql, d);

	if (st) {
		px_db_bind_scope(st, s);
		if (code)
			px_db_bind_text(st, ":code", code);
		if (limit)
			px_db_bind_int(st, ":limit", limit);
	}
	return px_db_list(out, n, &px_db_segment_type, ix, st, d);
}

static int fill_quote(void *row, sqlite3_stmt *st)
{
	px_db_quote *q = row;

	return text(&q->code, st, 0) | px_db_read_segment(&q->seg, st, 1);
}

#define Q(field) offsetof(px_db_quote, field)
static const size_t quotes_strings[] = { Q(code), Q(seg.path), Q(seg.community), Q(seg.cycle), Q(seg.date), Q(seg.lang), Q(seg.kind), Q(seg.heading), Q(seg.text), Q(seg.title), PX_DB_END };
#undef Q
static const px_db_rowtype quotes_type = { sizeof(px_db_quote), fill_quote, quotes_strings };

void px_db_quotes_free(px_db_quote *v, size_t n) { px_db_rows_free(v, n, &quotes_type); }

int px_db_quotes(px_db_quote **out, size_t *n, px_index *ix, const px_db_scope *s, int limit,
		 px_diag *d)
{
	/* one statement for every code and language (it was one per code
	 * and language, each walking all the code's segments of every
	 * cycle): each (code, language)'s quotes ranked, the first `limit` */
	static const char sql[] =
		"SELECT code, " PX_DB_SEGMENT_COLS " FROM (SELECT *, row_number() OVER"
		" (PARTITION BY code, lang ORDER BY"
		" (SELECT count(*) FROM segment_codes o WHERE o.segment = c.segment),"
		" abs(length(text) - 160), date, segment) AS rank"
		" FROM coded_segments c"
		" WHERE " NOTE_IN_SCOPE " AND kind = 'quote' AND date IS NOT NULL AND session IS NOT NULL)"
		" WHERE rank <= :limit ORDER BY code, lang, rank";
	sqlite3_stmt *st = px_db_stmt(ix, sql, d);

	if (st) {
		px_db_bind_scope(st, s);
		px_db_bind_int(st, ":limit", limit);
	}
	return px_db_list(out, n, &quotes_type, ix, st, d);
}

int px_db_strongest(px_db_segment **out, size_t *n, px_index *ix, const px_db_scope *s,
		    const char *code, int limit, px_diag *d)
{
	static const char sql[] =
		"SELECT " PX_DB_SEGMENT_COLS " FROM coded_segments c"
		" WHERE code = :code AND" SCOPE " AND task IS NULL"
		" AND date IS NOT NULL AND session IS NOT NULL"
		" ORDER BY kind = 'quote' DESC,"
		" (SELECT count(*) FROM segment_codes o WHERE o.segment = c.segment),"
		" abs(length(text) - 160), date, segment LIMIT :limit";

	return segments(out, n, ix, sql, s, code, limit, d);
}

int px_db_followups(px_db_segment **out, size_t *n, px_index *ix, const px_db_scope *s,
		    px_diag *d)
{
	static const char sql[] =
		"SELECT " PX_DB_SEGMENT_COLS " FROM note_segments"
		" WHERE " NOTE_IN_SCOPE " AND task IS NOT NULL AND date IS NOT NULL AND session IS NOT NULL"
		" ORDER BY community, date, path, line";

	return segments(out, n, ix, sql, s, NULL, 0, d);
}

int px_db_elsewhere(px_db_segment **out, size_t *n, px_index *ix, const px_db_scope *s,
		    const char *code, int limit, px_diag *d)
{
	static const char sql[] =
		"SELECT " PX_DB_SEGMENT_COLS " FROM coded_segments"
		" WHERE code = :code AND cycle = :cycle AND community != :community"
		" AND (:lang IS NULL OR lang = :lang) AND date IS NOT NULL AND session IS NOT NULL"
		" ORDER BY date DESC, kind = 'quote' DESC, line, path LIMIT :limit";

	return segments(out, n, ix, sql, s, code, limit, d);
}

/* ------------------------------------------------------------ brief */

int px_db_latest_cycle(char **cycle, long long *max_session, px_index *ix, const char *community,
		       px_diag *d)
{
	static const char sql[] =
		"SELECT cycle, coalesce(max(session), 0) FROM notes"
		" WHERE community = :community AND cycle IS NOT NULL"
		" GROUP BY cycle ORDER BY cycle DESC LIMIT 1";
	sqlite3_stmt *st = px_db_stmt(ix, sql, d);
	int rc;

	*cycle = NULL;
	*max_session = 0;
	if (!st)
		return -1;
	px_db_bind_text(st, ":community", community);
	rc = px_db_step(ix, st, d);
	if (rc <= 0)
		return rc < 0 ? -1 : 1;
	*max_session = px_db_int(st, 1);
	rc = text(cycle, st, 0);
	sqlite3_reset(st);
	if (rc < 0)
		oom(d);
	return rc;
}

static int fill_recurring(void *row, sqlite3_stmt *st)
{
	px_db_recurring *c = row;

	c->sessions = px_db_int(st, 1);
	c->segments = px_db_int(st, 2);
	return text(&c->code, st, 0);
}

static const size_t recurring_strings[] = { offsetof(px_db_recurring, code), PX_DB_END };
static const px_db_rowtype recurring_type = { sizeof(px_db_recurring), fill_recurring, recurring_strings };

void px_db_recurring_free(px_db_recurring *v, size_t n) { px_db_rows_free(v, n, &recurring_type); }

int px_db_recurring_codes(px_db_recurring **out, size_t *n, px_index *ix, const px_db_scope *s,
			  int min_sessions, int limit, px_diag *d)
{
	static const char sql[] =
		"SELECT code, count(DISTINCT session), count(DISTINCT segment) FROM coded_segments"
		" WHERE" SCOPE " GROUP BY code HAVING count(DISTINCT session) >= :min"
		" ORDER BY 2 DESC, 3 DESC, 1 LIMIT :limit";
	sqlite3_stmt *st = px_db_stmt(ix, sql, d);

	if (st) {
		px_db_bind_scope(st, s);
		px_db_bind_int(st, ":min", min_sessions);
		px_db_bind_int(st, ":limit", limit);
	}
	return px_db_list(out, n, &recurring_type, ix, st, d);
}
