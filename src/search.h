/*
 * search.h - finding segments: what `praxis search` asks the index.
 *
 * px_search_run ranks the newest WINDOW matches by bm25 (FTS5 with the
 * praxis tokenizer; a codes-only query ranks the coded segments, newest
 * first) and counts the matches up to COUNT_CAP; px_search_gather then
 * reads each hit's segment, codes and snippet. The command formats the
 * result (text or JSON); the benchmark times the same calls. The SQL is
 * the data layer's (db_search.c).
 */
#ifndef PX_SEARCH_H
#define PX_SEARCH_H

#include "buf.h"
#include "db.h"
#include "json.h"
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
	const char *note; /* one note's path, relative to the knowledge base
			   * as the index holds it ("2022-2023/zuid/01.md"); NULL: any */
} px_search_filters;

#define PX_SEARCH_FILTERS_INIT { NULL, NULL, NULL, NULL, NULL, -1, 20, NULL }

/* A snippet's matched words are between these two characters. */
#define PX_SEARCH_MARK_ON "\x01"
#define PX_SEARCH_MARK_OFF "\x02"

typedef struct {
	px_db_hit *hits; /* best first, at most the limit */
	size_t n;
	long total;      /* matches, up to PX_SEARCH_COUNT_CAP */
	int capped;      /* there were more */
	char *match;     /* the FTS5 expression ranked, with the filters' scope
			  * words (owned; NULL when nothing was) */
} px_search_result;

/* The scope of a segment: its filters as words of the full-text index,
 * in the FTS column `scope`, so that --community, --cycle, --lang,
 * --kind and codes are matched by FTS5 itself instead of by joins. Each
 * word is "zz", a letter for the filter, "0" and a digest of the value in
 * base 36 (values may hold any character; the words must survive the
 * tokenizer, and words with digits are not stemmed):
 *   c community, y cycle, l lang, k kind ("followup" for task items), x code */
void px_scope_word(px_buf *b, char filter, const char *value);

/* What the query and filters match, for the data layer: the FTS5
 * expression written into `expr` (m->match points into it, so keep
 * `expr` while `m` is used), the dates and the note. 1 when the query
 * has neither text nor codes (it matches nothing: `m` is not set), 0,
 * or -1 with a diagnostic (out of memory). */
int px_search_match(px_db_match *m, px_buf *expr, const px_query *q, const px_search_filters *f,
		    px_diag *d);

/* Ranks and counts: the hits hold their id and score. Returns 0,
 * PX_DB_EQUERY (the expression is malformed: the caller words it with
 * the user's text, no diagnostic) or -1 with a diagnostic. A query of
 * neither text nor codes finds nothing. */
int px_search_run(px_search_result *out, px_index *ix, const px_query *q,
		  const px_search_filters *f, px_diag *d);
/* Reads each hit's segment and codes (a hit whose segment is gone
 * meanwhile is dropped) and its snippet: the matches of the text query
 * between the marks, the segment's whole text for a codes-only query.
 * 0, PX_DB_EQUERY or -1 as px_search_run. */
int px_search_gather(px_search_result *r, px_index *ix, const px_query *q, px_diag *d);
/* Orders gathered hits in session order (--sort date): by date, then
 * cycle, community, session, path and line; the oldest first. The hits
 * are the same as ranked (the best `limit`); with a limit of 0, every
 * match. */
void px_search_sort_by_date(px_search_result *r);
void px_search_result_free(px_search_result *r);

/* A snippet with its match marks replaced, appended to `out`: ANSI bold
 * when `color`, else **word**; line breaks become spaces; the text goes
 * through the terminal sanitiser unless `json` (the JSON writer escapes
 * its own). */
void px_search_snippet(px_buf *out, const char *s, int color, int json);
/* The result as `praxis search --format json` prints it (doc/json.md,
 * "search"): `text` is the query as shown, `cb` gives the codes' labels.
 * Errors are the buffer's. */
void px_search_json(px_buf *out, const char *text, const px_search_result *r,
		    const px_codebook *cb);
/* The same object's members, written into the object `j` has open, for
 * an answer that adds its own (the facets of `search --facets`). */
void px_search_json_fields(px_json *j, const char *text, const px_search_result *r,
			   const px_codebook *cb);

#endif
