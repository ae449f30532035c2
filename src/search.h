/*
 * search.h - finding segments: the SQL of `praxis search`, in one place.
 *
 * px_search_run ranks the newest WINDOW matches by bm25 (FTS5 with the
 * praxis tokenizer), or lists the newest coded segments for a codes-only
 * query, and counts the matches up to COUNT_CAP. The command then shows
 * each hit (px_search_row_sql); the benchmark times the same calls.
 */
#ifndef PX_SEARCH_H
#define PX_SEARCH_H

#include <sqlite3.h>

#include "buf.h"
#include "query.h"

/* How many matching segments are ranked: the most recent ones (highest
 * ids: later cycles, later commits). Ranking every match of a word found
 * in a fifth of a million segments costs half a second and changes
 * nothing a reader sees in the first twenty hits. A limit of 0 ranks all. */
#define PX_SEARCH_WINDOW 2000
/* Counting stops here; above it the total is a lower bound. */
#define PX_SEARCH_COUNT_CAP 10000

extern const char *const px_search_kinds[]; /* quote followup paragraph item row */

typedef struct {
	const char *community, *cycle, *lang, *since, *until;
	int kind;   /* index into px_search_kinds, -1: any */
	long limit; /* 0: all */
	int json;
} px_search_filters;

#define PX_SEARCH_FILTERS_INIT { NULL, NULL, NULL, NULL, NULL, -1, 20, 0 }

typedef struct {
	sqlite3_int64 id;
	double score; /* bm25: smaller is better */
} px_hit;

typedef struct {
	px_hit *hits;  /* best first, at most the limit */
	size_t n;
	long total;    /* matches, up to PX_SEARCH_COUNT_CAP */
	int capped;    /* there were more */
} px_search_result;

/* The scope of a segment: its filters as words of the full-text index,
 * in the FTS column `scope`, so that --community, --cycle, --lang,
 * --kind and codes are matched by FTS5 itself instead of by joins. Each
 * word is "zz", a letter for the filter, "0" and a digest of the value in
 * base 36 (values may hold any character; the words must survive the
 * tokenizer, and words with digits are not stemmed):
 *   c community, y cycle, l lang, k kind ("followup" for task items), x code */
void px_scope_word(px_buf *b, char filter, const char *value);

/* Runs the query; returns SQLITE_OK or the SQLite error (the message is
 * sqlite3_errmsg(db): a malformed FTS5 query is the caller's to word). */
int px_search_run(sqlite3 *db, const px_query *q, const px_search_filters *f,
		  px_search_result *out);
void px_search_result_free(px_search_result *r);

/* The statement that shows one hit: bind ?1 the segment id. Columns:
 * path, community, cycle, session, date, lang, line, kind, heading, id,
 * task, text. */
void px_search_row_sql(px_buf *sql);

/* The snippets of the hits of a text query, in hit order, matches
 * between `on` and `off` (malloc'd; an entry may be NULL). */
char **px_search_snippets(sqlite3 *db, const px_query *q, const px_search_result *res,
			  const char *on, const char *off);
void px_search_snippets_free(char **snippets, size_t n);

#endif
