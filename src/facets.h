/*
 * facets.h - what a search's matches are made of: how many of them fall
 * in each community, cycle, code (by category), language and kind, and
 * the range of their session dates, for the query and filters of
 * `praxis search` (the facets of a faceted search: each value, added as
 * a filter, would find that many segments).
 *
 *     px_facets fc;
 *     if (px_facets_gather(&fc, ix, &q, &filters, PX_SEARCH_COUNT_CAP, &d) < 0) ...
 *     ... fc.dims[PX_FACET_COMMUNITY].v[i].value, .count, fc.codes[code->index] ...
 *     px_facets_json(&j, &fc, kb);   (the value of "facets", doc/json.md)
 *     px_facets_free(&fc);
 *
 * Counts are segments, the ones `praxis search` counts in its total: a
 * value's count equals the total of the same search with that value as
 * one more filter (--community, --cycle, --code, --lang, --kind), and a
 * code query's community counts equal `praxis stats`' cells. The SQL is
 * the data layer's (db_search.c): one statement for every dimension,
 * running the FTS5 match once (and, with a cap, the count of search.h
 * up to it, which reads no row).
 */
#ifndef PX_FACETS_H
#define PX_FACETS_H

#include <stddef.h>

#include "buf.h"
#include "db.h"
#include "json.h"
#include "kb.h"
#include "query.h"
#include "search.h"

/* The dimensions with values, in this order: community cycle lang kind. */
enum { PX_FACET_COMMUNITY, PX_FACET_CYCLE, PX_FACET_LANG, PX_FACET_KIND, PX_FACET_DIMS };
extern const char *const px_facet_names[PX_FACET_DIMS];

typedef struct {
	char *value;      /* a community id, cycle, "nl"/"fr", a kind of px_search_kinds */
	long long count;  /* matching segments with that value */
} px_facet_value;

typedef struct {
	px_facet_value *v; /* most segments first, then by value (bytes) */
	size_t n;          /* values with at least one segment */
} px_facet;

typedef struct {
	const px_codebook *cb;          /* borrowed: the index's */
	px_facet dims[PX_FACET_DIMS];   /* notes that do not give a value are in none */
	long long *codes;               /* [cb->ncodes]: matching segments coded so */
	char *date_min, *date_max;      /* the matches' session dates; NULL: no date */
	long long counted;              /* the matches counted */
	int capped;                     /* there were more than `cap`: the facets
					 * count the newest `cap` matches */
} px_facets;

/* Counts the matches of `q` with filters `f` (f->limit is not used):
 * every match, or with `cap` > 0 the newest `cap` (the highest segment
 * ids, as search ranks them), so that a word found everywhere costs a
 * bounded time; `capped` then says there were more. A query of neither
 * text nor codes counts nothing. Returns 0, PX_DB_EQUERY (the
 * expression is refused: the caller words it, as for px_search_run) or
 * -1 with a diagnostic; px_facets_free is safe after each. */
int px_facets_gather(px_facets *out, px_index *ix, const px_query *q, const px_search_filters *f,
		     long cap, px_diag *d);

/* Writes the facets as one JSON value (an object, doc/json.md section
 * "search --facets") at the writer's position: after px_json_key, or
 * as an array element. Community names come from `kb` (the id when the
 * community is not in communities.yaml), code labels from the codebook. */
void px_facets_json(px_json *j, const px_facets *fc, const px_kb *kb);

/* The facets as text, a line per dimension with values, in the user's
 * language ("community: zuid 5, centrum 3"), every value through the
 * terminal sanitiser. */
void px_facets_text(px_buf *out, const px_facets *fc);

void px_facets_free(px_facets *fc);

#endif
