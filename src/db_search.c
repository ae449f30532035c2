/*
 * db_search.c - the SQL of `praxis search` (db.h, section "search"):
 * ranking and counting the matches of an FTS5 expression, reading a
 * hit's segment and codes, and its snippet.
 */
#define PX_DB_INTERNAL
#include "db.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "fts.h"
#include "json.h"

/* The matches, without and with the note's date range and path (which
 * need the notes: every other filter is a scope word inside the
 * expression). */
#define MATCH " FROM segments_fts f WHERE segments_fts MATCH :match"
#define MATCH_DATES " FROM segments_fts f JOIN note_segments s ON s.segment = f.rowid" \
	" WHERE segments_fts MATCH :match AND (:since IS NULL OR s.date >= :since)" \
	" AND (:until IS NULL OR s.date <= :until) AND (:note IS NULL OR s.path = :note)"
/* bm25 (fts.h: praxis_rank) with each phrase's rows counted up to :cap;
 * weights: text 1, heading 0.3, scope words 0 */
#define RANK "SELECT f.rowid, praxis_rank(segments_fts, :cap, 1.0, 0.3, 0.0, :counts)"
#define NEWEST " ORDER BY f.rowid DESC LIMIT :window"
#define COUNT(from) "SELECT count(*) FROM (SELECT 1" from " LIMIT :cap)"

static const char SQL_RANK[] = RANK MATCH NEWEST;
static const char SQL_RANK_DATES[] = RANK MATCH_DATES NEWEST;
static const char SQL_COUNT[] = COUNT(MATCH);
static const char SQL_COUNT_DATES[] = COUNT(MATCH_DATES);
/* Facets: the newest :cap matches (all for -1), matched once; then one
 * row per community, cycle, language and kind met together (a few
 * hundred at most), and one per code. CROSS JOIN keeps the matches
 * outermost: otherwise SQLite may scan every coded segment and probe the
 * matches, which costs the same for one match as for ten thousand. */
#define FACET_MATCHES(from) "WITH m(id) AS MATERIALIZED (SELECT f.rowid" from \
	" ORDER BY f.rowid DESC LIMIT :cap) "
#define FACETS "SELECT n.community, n.cycle, n.lang," \
	" CASE WHEN s.task IS NULL THEN s.kind ELSE 'followup' END, NULL, count(*), min(n.date), max(n.date)" \
	" FROM m CROSS JOIN segments s ON s.id = m.id CROSS JOIN notes n ON n.id = s.note" \
	" GROUP BY 1, 2, 3, 4" \
	" UNION ALL SELECT NULL, NULL, NULL, NULL, c.code, count(*), NULL, NULL" \
	" FROM m CROSS JOIN segment_codes c ON c.segment = m.id GROUP BY c.code"
static const char SQL_FACETS[] = FACET_MATCHES(MATCH) FACETS;
static const char SQL_FACETS_DATES[] = FACET_MATCHES(MATCH_DATES) FACETS;
static const char SQL_HIT[] = "SELECT " PX_DB_SEGMENT_COLS " FROM note_segments WHERE segment = :id";
static const char SQL_HIT_CODES[] = "SELECT code FROM segment_codes WHERE segment = :id ORDER BY code";
#define SNIPPET "SELECT rowid, snippet(segments_fts, 0, :on, :off, '…', 24) FROM segments_fts" \
	" WHERE segments_fts MATCH :match AND "
/* The hits' snippets, matched again but only between the lowest and
 * the highest hit: FTS5 finds a rowid by walking each word's doclist from
 * the end it starts at (24,000 matches of a common word: 4.5 M
 * instructions from the far end, 0.3 M from the near one), walking
 * backwards costs about 1.7 times as much per match, and a prefix merges
 * the doclists of every word it starts once per statement. So the hits in
 * the top third of the ids (the ranked window holds the newest matches)
 * are read newest first in one statement, the others oldest first in
 * another; a prefix query's all in one. */
#define SNIPPETS SNIPPET "rowid BETWEEN :lo AND :hi AND +rowid IN (SELECT value FROM json_each(:ids))"
static const char SQL_SNIPPETS_UP[] = SNIPPETS " ORDER BY rowid";
static const char SQL_SNIPPETS_DOWN[] = SNIPPETS " ORDER BY rowid DESC";
static const char SQL_MAX_SEGMENT[] = "SELECT max(id) FROM segments";

/* Steps a statement whose MATCH holds the user's expression. FTS5
 * refusing the expression is an SQLITE_ERROR (a syntax error, an unknown
 * column or special query) where a damaged or unreadable index is
 * CORRUPT, IOERR, NOMEM...: that one is the user's to correct. */
static int match_step(px_index *ix, sqlite3_stmt *st, px_diag *d)
{
	px_diag mine = PX_DIAG_INIT;
	int rc = px_db_step(ix, st, &mine);

	if (rc < 0 && sqlite3_errcode(ix->db) == SQLITE_ERROR)
		rc = PX_DB_EQUERY;
	else
		px_diag_take(d, &mine);
	px_diag_free(&mine);
	return rc;
}

static sqlite3_stmt *match_stmt(px_index *ix, const px_db_match *m, const char *plain,
				const char *dates, px_diag *d)
{
	int dated = m->since || m->until || m->note;
	sqlite3_stmt *st = px_db_stmt(ix, dated ? dates : plain, d);

	if (st) {
		px_db_bind_text(st, ":match", m->match);
		if (dated) {
			px_db_bind_text(st, ":since", m->since);
			px_db_bind_text(st, ":until", m->until);
			px_db_bind_text(st, ":note", m->note);
		}
	}
	return st;
}

int px_db_search_rank(px_db_hit **out, size_t *n, long *count, px_index *ix,
		      const px_db_match *m, long window, long cap, px_diag *d)
{
	sqlite3_stmt *st = match_stmt(ix, m, SQL_RANK, SQL_RANK_DATES, d);
	px_rank_counts counts = { 0, -1 };
	size_t size = 0;
	int rc;

	*out = NULL;
	*n = 0;
	*count = -1;
	if (!st)
		return -1;
	px_db_bind_int(st, ":window", window);
	px_db_bind_int(st, ":cap", cap);
	sqlite3_bind_pointer(st, sqlite3_bind_parameter_index(st, ":counts"), &counts,
			     PX_RANK_COUNTS, NULL);
	while ((rc = match_step(ix, st, d)) > 0) {
		px_db_hit *h = px_db_push(out, n, &size, sizeof **out);
		if (!h) {
			rc = px_db_oom(st, d);
			break;
		}
		h->seg.id = px_db_int(st, 0);
		h->seg.task = -1;
		h->score = sqlite3_column_double(st, 1);
	}
	/* Fewer rows than the window are all the matches. Otherwise the
	 * matches of an expression of one phrase are that phrase's rows,
	 * counted by the rank function (the dates' join keeps fewer). */
	if (!rc && (window < 0 || *n < (size_t)window))
		*count = (long)*n;
	else if (!rc && counts.phrases == 1 && counts.first >= 0 && !(m->since || m->until || m->note))
		*count = (long)counts.first;
	/* the cached statement keeps no pointer into this frame */
	sqlite3_reset(st);
	sqlite3_bind_null(st, sqlite3_bind_parameter_index(st, ":counts"));
	return rc;
}

int px_db_search_count(long *out, px_index *ix, const px_db_match *m, long cap, px_diag *d)
{
	sqlite3_stmt *st = match_stmt(ix, m, SQL_COUNT, SQL_COUNT_DATES, d);
	int rc;

	*out = 0;
	if (!st)
		return -1;
	px_db_bind_int(st, ":cap", cap);
	rc = match_step(ix, st, d);
	if (rc <= 0)
		return rc; /* count(*) always has its row */
	*out = (long)px_db_int(st, 0);
	sqlite3_reset(st);
	return 0;
}

int px_db_search_hit(px_db_hit *h, px_index *ix, px_diag *d)
{
	sqlite3_stmt *st = px_db_stmt(ix, SQL_HIT, d);
	size_t cap = 0;
	int rc;

	if (!st)
		return -1;
	px_db_bind_int(st, ":id", h->seg.id);
	rc = px_db_step(ix, st, d);
	if (rc <= 0)
		return rc;
	if (px_db_read_segment(&h->seg, st, 0) < 0)
		return px_db_oom(st, d);
	sqlite3_reset(st);
	st = px_db_stmt(ix, SQL_HIT_CODES, d);
	if (!st)
		return -1;
	px_db_bind_int(st, ":id", h->seg.id);
	while ((rc = px_db_step(ix, st, d)) > 0) {
		char **c = px_db_push(&h->codes, &h->ncodes, &cap, sizeof *h->codes);
		if (!c || !(*c = px_db_dup(st, 0)))
			return px_db_oom(st, d);
	}
	return rc < 0 ? -1 : 1;
}

/* The snippets of the hits whose id is above `top` (up: 0) or not
 * (up: 1), keeping each row's on the hit of that id. */
static int snippet_group(px_db_hit *hits, size_t n, px_index *ix, const char *match,
			 const char *on, const char *off, long long top, int up, px_diag *d)
{
	sqlite3_stmt *st;
	px_buf ids = PX_BUF_INIT;
	px_json j;
	long long lo = 0, hi = 0;
	size_t i, k, in = 0;
	int rc = -1;

	px_json_init(&j, &ids);
	px_json_array(&j);
	for (i = 0; i < n; i++) {
		long long id = hits[i].seg.id;
		if ((id > top) == up)
			continue;
		px_json_int(&j, id);
		if (!in++ || id < lo)
			lo = id;
		if (in == 1 || id > hi)
			hi = id;
	}
	px_json_end(&j);
	if (!in) {
		rc = 0;
		goto cleanup;
	}
	if (px_diag_buf(d, &ids, NULL) < 0 ||
	    !(st = px_db_stmt(ix, up ? SQL_SNIPPETS_UP : SQL_SNIPPETS_DOWN, d)))
		goto cleanup;
	px_db_bind_text(st, ":match", match);
	px_db_bind_text(st, ":on", on);
	px_db_bind_text(st, ":off", off);
	px_db_bind_int(st, ":lo", lo);
	px_db_bind_int(st, ":hi", hi);
	px_db_bind_text(st, ":ids", ids.ptr);
	while ((rc = match_step(ix, st, d)) > 0) {
		long long id = px_db_int(st, 0);
		for (k = 0; k < n; k++)
			if (hits[k].seg.id == id && !hits[k].snippet &&
			    !(hits[k].snippet = px_db_dup(st, 1))) {
				rc = px_db_oom(st, d);
				goto cleanup;
			}
	}
cleanup:
	px_buf_free(&ids);
	return rc;
}

int px_db_search_snippets(px_db_hit *hits, size_t n, px_index *ix, const char *match,
			  const char *on, const char *off, px_diag *d)
{
	sqlite3_stmt *st;
	long long top = -1; /* a prefix: every hit is above it */
	size_t i;
	int rc;

	if (!n)
		return 0;
	if (!strchr(match, '*')) {
		if (!(st = px_db_stmt(ix, SQL_MAX_SEGMENT, d)))
			return -1;
		if ((rc = px_db_step(ix, st, d)) < 0)
			return -1;
		top = px_db_int(st, 0) / 3 * 2;
		sqlite3_reset(st);
	}
	if ((rc = snippet_group(hits, n, ix, match, on, off, top, 0, d)) < 0 ||
	    (rc = snippet_group(hits, n, ix, match, on, off, top, 1, d)) < 0)
		return rc;
	for (i = 0; i < n; i++)
		if (!hits[i].snippet && !(hits[i].snippet = strdup(""))) {
			px_diag_add(d, NULL, 0, 0, PX_SEV_ERROR, "environment", MSG_OOM);
			return -1;
		}
	return 0;
}

/* ---------------------------------------------------------------- facets */

/* column i copied into *out, NULL for NULL; -1 when out of memory */
static int opt_text(char **out, sqlite3_stmt *st, int i)
{
	*out = px_db_is_null(st, i) ? NULL : px_db_dup(st, i);
	return px_db_is_null(st, i) || *out ? 0 : -1;
}

static int fill_facet(void *row, sqlite3_stmt *st)
{
	px_db_facet_row *r = row;

	r->segments = px_db_int(st, 5);
	/* NULL stays NULL: a note that does not give the value */
	return opt_text(&r->community, st, 0) | opt_text(&r->cycle, st, 1) |
	       opt_text(&r->lang, st, 2) | opt_text(&r->kind, st, 3) | opt_text(&r->code, st, 4) |
	       opt_text(&r->date_min, st, 6) | opt_text(&r->date_max, st, 7);
}

static const size_t facet_strings[] = {
	offsetof(px_db_facet_row, community), offsetof(px_db_facet_row, cycle),
	offsetof(px_db_facet_row, lang), offsetof(px_db_facet_row, kind), offsetof(px_db_facet_row, code),
	offsetof(px_db_facet_row, date_min), offsetof(px_db_facet_row, date_max), PX_DB_END
};
static const px_db_rowtype facet_type = { sizeof(px_db_facet_row), fill_facet, facet_strings };

void px_db_facet_rows_free(px_db_facet_row *v, size_t n) { px_db_rows_free(v, n, &facet_type); }

/* px_db_list, with a refused expression told apart (PX_DB_EQUERY) */
static int match_list(void *out, size_t *n, const px_db_rowtype *t, px_index *ix,
		      sqlite3_stmt *st, px_diag *d)
{
	px_diag mine = PX_DIAG_INIT;
	int rc = px_db_list(out, n, t, ix, st, &mine);

	if (rc < 0 && st && sqlite3_errcode(ix->db) == SQLITE_ERROR)
		rc = PX_DB_EQUERY;
	else
		px_diag_take(d, &mine);
	px_diag_free(&mine);
	return rc;
}

int px_db_search_facets(px_db_facet_row **out, size_t *n, px_index *ix, const px_db_match *m,
			long cap, px_diag *d)
{
	sqlite3_stmt *st = match_stmt(ix, m, SQL_FACETS, SQL_FACETS_DATES, d);

	if (st)
		px_db_bind_int(st, ":cap", cap);
	return match_list(out, n, &facet_type, ix, st, d);
}

