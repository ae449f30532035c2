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
 * array. A listing that fails leaves its array NULL and its count 0
 * (what it had read is freed), so a caller frees every array once,
 * whatever happened.
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
/* Binds text to the named parameter `name` (":code"), NULL as NULL,
 * without a copy: `v` must stay valid while the statement runs. The SQL
 * must have the parameter (asserted). */
void px_db_bind_text(sqlite3_stmt *st, const char *name, const char *v);
void px_db_bind_int(sqlite3_stmt *st, const char *name, long long v);
#endif

/* ------------------------------------------------------- segments, notes */

/* A segment with its note, as the listings show it. */
typedef struct {
	long long id;
	char *path, *community, *cycle, *date, *lang;
	long session;
	long line;     /* its first line */
	char *kind;    /* paragraph item row quote, or followup for a task item */
	char *heading; /* "" for none */
	char *text;    /* plain text, inline markup removed (hashtags as written) */
	int task;      /* -1 not a task item, 0 an open follow-up, 1 a done one */
	long last_line; /* its last line */
	char *title;   /* the note's title, "" for none */
} px_db_segment;

void px_db_segments_free(px_db_segment *v, size_t n);

/* A note (the columns of its row that pages show). */
typedef struct {
	long long id;
	char *path, *blob, *community, *cycle, *date, *lang, *title, *author, *summary;
	long session;
	long attendance; /* -1: not recorded */
} px_db_note;

void px_db_notes_free(px_db_note *v, size_t n);

/* A count by id: a cycle's notes, a community's coded segments, a code's
 * segments and notes (what a listing does not count is 0). */
typedef struct {
	char *id;
	long long segments, notes;
} px_db_tally;

void px_db_tallies_free(px_db_tally *v, size_t n);


#ifdef PX_DB_INTERNAL
/* The listings' rows (db_rows.c). Columns a segment is read from, out
 * of note_segments or coded_segments, and a note's, out of notes: */
#define PX_DB_SEGMENT_COLS "segment, path, community, cycle, session, date, lang, line," \
	" CASE WHEN task IS NULL THEN kind ELSE 'followup' END, heading, text, coalesce(task, -1)," \
	" last_line, title"
#define PX_DB_NOTE_COLS "id, path, blob, community, cycle, session, date, lang, title," \
	" author, summary, coalesce(attendance, -1)"
/* Reads the row's columns from `first` on into *g / *n; -1 when out of
 * memory (what was copied belongs to *g / *n). */
int px_db_read_segment(px_db_segment *g, sqlite3_stmt *st, int first);
int px_db_read_note(px_db_note *n, sqlite3_stmt *st, int first);
/* Column i copied (never NULL but out of memory). */
char *px_db_dup(sqlite3_stmt *st, int i);
/* A new zeroed element at the end of the array *v of *n elements of
 * `size` bytes (*cap allocated); NULL when out of memory. */
void *px_db_push(void *v, size_t *n, size_t *cap, size_t size);
/* Out of memory in a row loop: resets `st` (ending its read), sets the
 * diagnostic, returns -1. */
int px_db_oom(sqlite3_stmt *st, px_diag *d);

/* What a listing's rows are: their size, how one is read from a result
 * row (zeroed before; 0, or -1 when memory runs out), and the offsets of
 * the malloc'd strings each holds (PX_DB_END last), which is all it takes
 * to free them. One descriptor per struct; every listing of the data
 * layer is px_db_list with its statement and its row type. */
#define PX_DB_END ((size_t)-1)
typedef int (*px_db_fill_fn)(void *row, sqlite3_stmt *st);
typedef struct {
	size_t size;
	px_db_fill_fn fill;
	const size_t *strings;
} px_db_rowtype;
/* The rows of `st` (NULL: its preparation failed, -1) as a malloc'd
 * array in *out (a T **), their number in *n; 0, or -1 with a diagnostic
 * and *out NULL, *n 0 (what was read is freed). */
int px_db_list(void *out, size_t *n, const px_db_rowtype *t, px_index *ix, sqlite3_stmt *st,
	       px_diag *d);
/* Frees the strings of one row; an array of n rows and the array. */
void px_db_row_clear(void *row, const px_db_rowtype *t);
void px_db_rows_free(void *v, size_t n, const px_db_rowtype *t);
/* The shared structs' row types: a segment or a note (PX_DB_SEGMENT_COLS,
 * PX_DB_NOTE_COLS), a tally (id, segments, notes), a string (one column). */
extern const px_db_rowtype px_db_segment_type, px_db_note_type, px_db_tally_type,
	px_db_string_type;
#endif

/* ---------------------------------------------------------------- search */

/* The full-text expression was refused by FTS5 (a syntax error, an
 * unknown column or special query): no diagnostic is set, the caller
 * words it with what the user typed (MSG_BAD_QUERY). */
#define PX_DB_EQUERY (-2)

/* What a search matches: an FTS5 expression over segments_fts, the
 * note's date range (NULL: open) and its path (NULL: any note). */
typedef struct {
	const char *match;
	const char *since, *until;
	const char *note;
} px_db_match;

/* A hit: the segment, its score, its codes (sorted) and its snippet. */
typedef struct {
	px_db_segment seg;
	double score;  /* bm25: smaller is better */
	char **codes;
	size_t ncodes;
	char *snippet; /* NULL until px_db_search_snippets */
} px_db_hit;

void px_db_hits_free(px_db_hit *v, size_t n);
/* Frees what one hit holds and zeroes it. */
void px_db_hit_clear(px_db_hit *h);

/* The newest `window` matches (highest ids; -1: all), id and score only,
 * in id order, each phrase's document frequency counted up to `cap`
 * (fts.h: praxis_rank). *count: the number of matches (up to `cap`)
 * when the ranking tells it (fewer matches than the window, or an
 * expression of one phrase without dates nor path), else -1. 0,
 * PX_DB_EQUERY or -1. */
int px_db_search_rank(px_db_hit **out, size_t *n, long *count, px_index *ix,
		      const px_db_match *m, long window, long cap, px_diag *d);
/* The number of matches, counting no further than `cap`. */
int px_db_search_count(long *out, px_index *ix, const px_db_match *m, long cap, px_diag *d);
/* Fills the segment and codes of hit h->seg.id: 1, 0 when the segment
 * is gone (a concurrent update), -1. */
int px_db_search_hit(px_db_hit *h, px_index *ix, px_diag *d);
/* Each hit's snippet for the FTS5 expression `match` (matches between
 * `on` and `off`, 24 tokens, "" when FTS5 has none). 0, PX_DB_EQUERY
 * or -1. */
int px_db_search_snippets(px_db_hit *hits, size_t n, px_index *ix, const char *match,
			  const char *on, const char *off, px_diag *d);

/* Facets (facets.h): the matches counted by community, cycle, language
 * and kind met together, with their session dates' range (`code` NULL);
 * or by code (`code` set, the others NULL). A NULL community, cycle,
 * lang or date: notes that do not give it. */
typedef struct {
	char *community, *cycle, *lang;
	char *kind;               /* as px_db_segment's */
	char *code;
	char *date_min, *date_max;
	long long segments;
} px_db_facet_row;

void px_db_facet_rows_free(px_db_facet_row *v, size_t n);
/* The facet rows of the newest `cap` matches (-1: every one), in no
 * order: one statement, running the FTS5 match once. 0, PX_DB_EQUERY
 * or -1. */
int px_db_search_facets(px_db_facet_row **out, size_t *n, px_index *ix, const px_db_match *m,
			long cap, px_diag *d);

/* ------------------------------------------------------------------ site */

/* The listings count only notes with community, cycle, session and date
 * (the index also holds notes that failed those checks). */

/* Cycles, newest first, with their notes (scope: community). */
int px_db_site_cycles(px_db_tally **out, size_t *n, px_index *ix, const px_db_scope *s,
		      px_diag *d);
/* The `limit` latest notes, by date, then path. */
int px_db_site_latest(px_db_note **out, size_t *n, px_index *ix, long limit, px_diag *d);
/* Segments coded `code`, per community (sorted), counted in `segments`. */
int px_db_site_heat(px_db_tally **out, size_t *n, px_index *ix, const char *code, px_diag *d);
/* A community's notes by cycle (newest first), session, date. */
int px_db_site_sessions(px_db_note **out, size_t *n, px_index *ix, const char *community,
			px_diag *d);
/* The codes used in a community, segments and notes, most used first. */
int px_db_site_community_codes(px_db_tally **out, size_t *n, px_index *ix,
			       const char *community, px_diag *d);
/* A community's follow-ups: open first, then newest first. */
int px_db_site_followups(px_db_segment **out, size_t *n, px_index *ix, const char *community,
			 px_diag *d);
/* The segments coded `code`, by community, cycle (newest first),
 * session, path and line. */
int px_db_site_code_segments(px_db_segment **out, size_t *n, px_index *ix, const char *code,
			     px_diag *d);
/* The number of notes with a segment coded `code` (any note). */
int px_db_site_code_notes(long long *out, px_index *ix, const char *code, px_diag *d);
/* Every note, by path. */
int px_db_site_notes(px_db_note **out, size_t *n, px_index *ix, px_diag *d);
/* The note at `path` (relative to the knowledge base, as indexed): one
 * row, or none when the index has no note there (any note, also one
 * that failed the checks). */
int px_db_site_note(px_db_note **out, size_t *n, px_index *ix, const char *path, px_diag *d);
/* The codes of a note's segments, sorted (its methods: px_db_note_methods). */
int px_db_site_note_codes(char ***out, size_t *n, px_index *ix, long long note, px_diag *d);

/* ----------------------------------------------------------------- codes */

/* One code's segments (codes.h), of the notes that give community,
 * cycle, session and date, narrowed: NULL fields and a session of 0 do
 * not narrow. */
typedef struct {
	const char *code;               /* the code's id */
	const char *cycle, *community;  /* of this cycle's, community's notes */
	const char *note;               /* of the note at this path */
	long session;                   /* of notes of this session number */
	const char *with;               /* also coded with this code id */
} px_db_code_filter;

#define PX_DB_CODE_FILTER_INIT { NULL, NULL, NULL, NULL, 0, NULL }

/* The segments `f` keeps, by community, cycle (newest first), session,
 * path and line: `limit` of them (-1: all) after the first `offset`. */
int px_db_code_segments(px_db_segment **out, size_t *n, px_index *ix, const px_db_code_filter *f,
			long limit, long offset, px_diag *d);

/* The ids of every segment `f` keeps, in that order (a malloc'd array). */
int px_db_code_segment_ids(long long **out, size_t *n, px_index *ix, const px_db_code_filter *f,
			   px_diag *d);

/* How many segments `f` keeps in each cycle and session (oldest first). */
typedef struct {
	char *cycle;
	long session;
	long long segments;
} px_db_code_cell;

int px_db_code_timeline(px_db_code_cell **out, size_t *n, px_index *ix,
			const px_db_code_filter *f, px_diag *d);
void px_db_code_cells_free(px_db_code_cell *v, size_t n);

/* ---------------------------------------------------------------- export */

/* The notes of the scope (cycle, community), by path. */
int px_db_export_notes(px_db_note **out, size_t *n, px_index *ix, const px_db_scope *s,
		       px_diag *d);
/* The note at `path` (relative to the knowledge base), as a one-row
 * array (free with px_db_notes_free(*out, 1)). 0; 1 when the index has
 * no note there (*out NULL); -1 with a diagnostic. */
int px_db_note_at(px_db_note **out, px_index *ix, const char *path, px_diag *d);
/* A note's segments in the order of the note. */
int px_db_export_segments(px_db_segment **out, size_t *n, px_index *ix, long long note,
			  px_diag *d);

/* One code of one segment. */
typedef struct {
	long long segment;
	char *code;
} px_db_coding;

/* Every (segment, code) pair of a note, by the segment's order, then code. */
int px_db_export_codings(px_db_coding **out, size_t *n, px_index *ix, long long note, px_diag *d);
void px_db_codings_free(px_db_coding *v, size_t n);
/* A note's themes (codes of the session as a whole), as written in
 * order: a string vector, free with px_strv_free (kb.h). */
int px_db_export_themes(char ***out, size_t *n, px_index *ix, long long note, px_diag *d);

/* Finalizes the statements px_db_stmt kept for `ix` (px_index_close
 * calls it). */
void px_db_release(px_index *ix);

/* -------------------------------------------- report, brief and stats */

/* A code's segments and notes in one community (community "" for notes
 * without one). A segment and a note belong to one community, so the
 * sums over the rows of a code are the code's totals. */
typedef struct {
	char *code, *community;
	long long segments, notes;
} px_db_code_count;

/* Every code raised in the scope (cycle, community) by community, ordered
 * by code then community. */
int px_db_code_counts(px_db_code_count **out, size_t *n, px_index *ix, const px_db_scope *s,
		      px_diag *d);
void px_db_code_counts_free(px_db_code_count *v, size_t n);

/* A code's segments and notes for one value of a dimension of the notes
 * (the `by` of px_db_code_counts_by): `key` is the value as text, `ord`
 * orders the values (the session number; 0 for the others, which order
 * as text). */
typedef enum { PX_DB_BY_COMMUNITY, PX_DB_BY_SESSION, PX_DB_BY_MONTH, PX_DB_BY_CYCLE } px_db_by;

typedef struct {
	char *code, *key;
	long long ord, segments, notes;
} px_db_code_key;

/* Every code raised in the scope by its notes' community, session number,
 * month of the date (YYYY-MM) or cycle, ordered by code then value; notes
 * that do not give the value are left out. */
int px_db_code_counts_by(px_db_code_key **out, size_t *n, px_index *ix, const px_db_scope *s,
			 px_db_by by, px_diag *d);
void px_db_code_keys_free(px_db_code_key *v, size_t n);

/* The segments of each code of the scope by community (`key` "" for
 * notes without one) or, by_note, by note (`key` its path); ord and
 * notes 0; ordered by code then key. A code's rows add up to its
 * segments in the scope (a segment is in one note, of one community). */
int px_db_code_cells(px_db_code_key **out, size_t *n, px_index *ix, const px_db_scope *s,
		     int by_note, px_diag *d);

/* A code's coded segments in one session, ordered by code then session;
 * notes without a session are left out. */
typedef struct {
	char *code;
	long long session, segments;
} px_db_code_session;

int px_db_code_sessions(px_db_code_session **out, size_t *n, px_index *ix, const px_db_scope *s,
			px_diag *d);
void px_db_code_sessions_free(px_db_code_session *v, size_t n);

/* Two codes (a < b) coding the same segments, most frequent first. */
typedef struct {
	char *a, *b;
	long long segments;
} px_db_pair;

int px_db_code_pairs(px_db_pair **out, size_t *n, px_index *ix, const px_db_scope *s, px_diag *d);
void px_db_pairs_free(px_db_pair *v, size_t n);

/* A community's notes, distinct sessions (a session is a cycle's) and
 * attendance (sum, and mean over the notes that give it: 0 when none
 * does). Ordered by community. */
typedef struct {
	char *id;
	long long notes, sessions, attendance;
	double attendance_avg;
} px_db_community_count;

int px_db_community_counts(px_db_community_count **out, size_t *n, px_index *ix,
			   const px_db_scope *s, px_diag *d);
void px_db_community_counts_free(px_db_community_count *v, size_t n);

/* The scope's totals; notes is 0 when it has none. */
typedef struct {
	long long communities, sessions, notes, attendance, attended_notes, max_session;
	long long segments, quotes, codes_raised;
} px_db_totals;

int px_db_totals_get(px_db_totals *out, px_index *ix, const px_db_scope *s, px_diag *d);

/* A note as a session: ordered by community, then session, date and
 * path. has_* say whether the note gives the value (date, title and
 * community are "" otherwise). */
typedef struct {
	long long note, session, attendance;
	int has_session, has_date, has_attendance, has_community;
	char *date, *path, *lang, *title, *summary, *community;
} px_db_session;

int px_db_sessions(px_db_session **out, size_t *n, px_index *ix, const px_db_scope *s, px_diag *d);
void px_db_sessions_free(px_db_session *v, size_t n);

/* The methods of a note (as written), or the codes of a note (of its
 * segments and its themes, each once, in no order): a string vector,
 * free with px_strv_free (kb.h). */
int px_db_note_methods(char ***out, size_t *n, px_index *ix, long long note, px_diag *d);
int px_db_note_codes(char ***out, size_t *n, px_index *ix, long long note, px_diag *d);

/* The methods of every note of the scope, as written: ordered by note,
 * then as the note lists them. */
typedef struct {
	long long note;
	char *method;
} px_db_note_method;

int px_db_scope_methods(px_db_note_method **out, size_t *n, px_index *ix, const px_db_scope *s,
			px_diag *d);
void px_db_note_methods_free(px_db_note_method *v, size_t n);

/* How many notes of the scope name each method, ordered by method. */
typedef struct {
	char *method;
	long long notes;
} px_db_method_count;

int px_db_method_counts(px_db_method_count **out, size_t *n, px_index *ix, const px_db_scope *s,
			px_diag *d);
void px_db_method_counts_free(px_db_method_count *v, size_t n);


/* Representative quotes of each code in the scope, per language (the
 * note's): dated and numbered notes only, about the code above all
 * (fewest other codes), of a readable length, then the earliest; at most
 * `limit` for each code and language, ordered by code, language, then
 * that rank. */
typedef struct {
	char *code;
	px_db_segment seg;
} px_db_quote;

int px_db_quotes(px_db_quote **out, size_t *n, px_index *ix, const px_db_scope *s, int limit,
		 px_diag *d);
void px_db_quotes_free(px_db_quote *v, size_t n);
/* The strongest evidence for `code` in the scope, for the analysts'
 * skeleton (synthesis.h): its segments but follow-ups, quotes first,
 * then as px_db_quotes orders them; at most `limit`. */
int px_db_strongest(px_db_segment **out, size_t *n, px_index *ix, const px_db_scope *s,
		    const char *code, int limit, px_diag *d);
/* The task items of dated and numbered notes of the scope, open and done,
 * ordered by community, date, path and line. */
int px_db_followups(px_db_segment **out, size_t *n, px_index *ix, const px_db_scope *s,
		    px_diag *d);
/* Segments coded `code` in the scope's cycle outside the scope's
 * community, dated and numbered notes only: newest first, quotes first,
 * then by line; at most `limit`. */
int px_db_elsewhere(px_db_segment **out, size_t *n, px_index *ix, const px_db_scope *s,
		    const char *code, int limit, px_diag *d);

/* The latest cycle of a community and its highest session (0 if none).
 * Returns 0, 1 when the community has no note with a cycle, -1 on error.
 * *cycle is malloc'd. */
int px_db_latest_cycle(char **cycle, long long *max_session, px_index *ix, const char *community,
		       px_diag *d);

/* The codes raised in at least `min_sessions` sessions of the scope,
 * with those sessions and their segments: most sessions first, then most
 * segments, then by code; at most `limit`. */
typedef struct {
	char *code;
	long long sessions, segments;
} px_db_recurring;

int px_db_recurring_codes(px_db_recurring **out, size_t *n, px_index *ix, const px_db_scope *s,
			  int min_sessions, int limit, px_diag *d);
void px_db_recurring_free(px_db_recurring *v, size_t n);


#endif
