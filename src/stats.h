/*
 * stats.h - the numbers of `praxis stats`, gathered once from the index
 * (db.h) so that every output format (text, JSON) is written from the
 * same struct.
 *
 *     px_stats s;
 *     if (px_stats_gather(&s, ix, "2022-2023", &d) < 0) ...
 *     ... s.codes[i], px_stats_by(&s, i, k), s.communities, s.pairs ...
 *     px_stats_free(&s);
 */
#ifndef PX_STATS_H
#define PX_STATS_H

#include <stddef.h>

#include "db.h"

typedef struct {
	long long segments, notes;
} px_stats_count;

typedef struct {
	const px_kb *kb;                     /* borrowed: the index's */
	size_t ncodes;                       /* the codebook's, in its order */
	size_t ncommunities;                 /* communities.yaml's, in its order */
	px_stats_count *codes;               /* [ncodes]: over every note */
	px_stats_count *by;                  /* [code * ncommunities + community] */
	px_db_community_count *communities;  /* every community with notes, by id */
	size_t ncounted;
	px_db_pair *pairs;                   /* every pair, most frequent first */
	size_t npairs;
} px_stats;

/* Fills `out` for the notes of `cycle` (NULL: every cycle), which the
 * caller validated (cycle.h). Returns 0, or -1 with a diagnostic (then
 * `out` holds nothing to free, though px_stats_free is safe). */
int px_stats_gather(px_stats *out, px_index *ix, const char *cycle, px_diag *d);

/* The counts of code i in community k (kb order). */
const px_stats_count *px_stats_by(const px_stats *s, size_t code, size_t community);

void px_stats_free(px_stats *s);

#endif
