/*
 * query.h - a user's search query, made safe for FTS5.
 *
 * The query language is FTS5's, made forgiving: words, "phrases",
 * prefix* words, AND / OR / NOT (upper case), parentheses and NEAR(...)
 * pass through; a word FTS5 would choke on (ziekenhuis-overleg,
 * l'hôpital, a:b) becomes a quoted phrase; a hashtag (#tijd, #temps,
 * #resource.time) is taken out of the text query and becomes a code
 * filter, whatever alias was used. Problems (an unclosed quote, an
 * unknown code, a query past PX_QUERY_MAX_CHARS or PX_QUERY_MAX_TERMS)
 * are diagnostics with the column in the query.
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

typedef struct {
	px_buf fts;            /* the FTS5 MATCH expression; empty: codes only */
	const px_code **codes; /* every one must code the segment */
	size_t ncodes;
} px_query;

int px_query_parse(px_query *q, const char *text, const px_codebook *cb, px_diag *d);
void px_query_free(px_query *q);

#endif
