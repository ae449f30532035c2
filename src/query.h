/*
 * query.h - a user's search query, parsed and made into one FTS5
 * expression.
 *
 * The grammar (doc/search.md, "The query language"), by a recursive
 * descent parser:
 *
 *     query   = or
 *     or      = and { "OR" and }
 *     and     = unary { [ "AND" ] unary }      (side by side: AND)
 *     unary   = ( "NOT" | "-" ) unary | primary
 *     primary = "(" or ")" | word | word* | "phrase" | "phrase"* | #code
 *
 * AND, OR and NOT are operators in capitals only; a hashtag (#tijd,
 * #temps, #resource.time: any alias) stands anywhere a word can and means
 * "a segment coded so": it becomes the code's scope word (search.h) on
 * the FTS column `scope`. `-x` is `NOT x`. A NOT excludes from the terms
 * it stands beside (`a -b`, `a AND NOT b`, `(NOT b) a`); a query or an
 * OR branch made only of exclusions is refused (FTS5 cannot list "every
 * segment but"). A word FTS5 would choke on (ziekenhuis-overleg,
 * l'hôpital, a:b) becomes a quoted phrase, so no column filter or
 * special query ever comes from the user. Lowercase and/or/not (and
 * en/of/niet, et/ou/sauf) stay words; px_query_explain adds a warning
 * on each when a search found nothing.
 *
 * Problems (an unclosed quote or parenthesis, an operator without its
 * terms, an unknown code with its did-you-mean, a query past the bounds)
 * are diagnostics with the column in the query (file "query").
 */
#ifndef PX_QUERY_H
#define PX_QUERY_H

#include "buf.h"
#include "codebook.h"
#include "diag.h"

/* Bounds on a query, refused with a usage error beyond them: FTS5's
 * time grows faster than linearly with the number of terms (2,000
 * repeated words took 26 s). doc/search.md states them. */
#define PX_QUERY_MAX_CHARS 1000
#define PX_QUERY_MAX_TERMS 64
/* parentheses and NOTs inside each other */
#define PX_QUERY_MAX_DEPTH 16

/* A lowercase word that is an operator in capitals (offset into the
 * query's text, its length, and the operator's name). */
typedef struct {
	size_t at, len;
	const char *op;
} px_query_opword;

typedef struct {
	px_buf fts;            /* the FTS5 MATCH expression; empty: --code filters only */
	size_t words;          /* words and phrases searched for (not excluded): 0 means
				* there is nothing to highlight, codes select */
	const px_code **codes; /* filters added by px_query_add_code: every one must code
				* the segment */
	size_t ncodes;
	px_query_opword *opwords; /* lowercase operator words, in order */
	size_t nopwords;
} px_query;

/* Parses `text` into *q (always initialised: free it with px_query_free
 * whatever the result). 0, or -1 with diagnostics in `d`. */
int px_query_parse(px_query *q, const char *text, const px_codebook *cb, px_diag *d);
/* Adds a code filter (a tag, with or without '#', any alias) that every
 * hit must carry, as --code does. 0, or -1 with a diagnostic (unknown
 * code, with its did-you-mean) in `d`. */
int px_query_add_code(px_query *q, const char *tag, const px_codebook *cb, px_diag *d);
/* A search of `text` (parsed into q) found nothing: a warning in `d` at
 * each lowercase operator word, saying how to write the operator. */
void px_query_explain(const px_query *q, const char *text, px_diag *d);
void px_query_free(px_query *q);

#endif
