#include "stats.h"

#include <stdlib.h>
#include <string.h>

static long community_index(const px_kb *kb, const char *id)
{
	size_t i;

	for (i = 0; i < kb->ncommunities; i++)
		if (!strcmp(kb->communities[i].id, id))
			return (long)i;
	return -1;
}

int px_stats_gather(px_stats *out, px_index *ix, const char *cycle, px_diag *d)
{
	const px_kb *kb = ix->kb;
	const px_codebook *cb = kb->cb;
	px_db_scope scope = PX_DB_SCOPE_INIT;
	px_db_code_count *cnt = NULL;
	size_t ncnt = 0, i;

	memset(out, 0, sizeof *out);
	out->kb = kb;
	out->ncodes = cb->ncodes;
	out->ncommunities = kb->ncommunities;
	scope.cycle = cycle;
	out->codes = calloc(cb->ncodes + 1, sizeof *out->codes);
	out->by = calloc(cb->ncodes * kb->ncommunities + 1, sizeof *out->by);
	if (!out->codes || !out->by) {
		px_diag_add(d, NULL, 0, 0, PX_SEV_ERROR, "environment", MSG_OOM);
		goto fail;
	}
	if (px_db_code_counts(&cnt, &ncnt, ix, &scope, d) < 0 ||
	    px_db_community_counts(&out->communities, &out->ncounted, ix, &scope, d) < 0 ||
	    px_db_code_pairs(&out->pairs, &out->npairs, ix, &scope, d) < 0)
		goto fail;
	for (i = 0; i < ncnt; i++) {
		const px_code *c = px_codebook_code(cb, cnt[i].code);
		long k = community_index(kb, cnt[i].community);
		if (!c)
			continue;
		/* a segment and a note have one community: the sums are the totals */
		out->codes[c->index].segments += cnt[i].segments;
		out->codes[c->index].notes += cnt[i].notes;
		if (k >= 0) {
			out->by[c->index * kb->ncommunities + (size_t)k].segments = cnt[i].segments;
			out->by[c->index * kb->ncommunities + (size_t)k].notes = cnt[i].notes;
		}
	}
	px_db_code_counts_free(cnt, ncnt);
	return 0;
fail:
	px_db_code_counts_free(cnt, ncnt);
	px_stats_free(out);
	return -1;
}

const px_stats_count *px_stats_by(const px_stats *s, size_t code, size_t community)
{
	return &s->by[code * s->ncommunities + community];
}

void px_stats_free(px_stats *s)
{
	if (!s)
		return;
	free(s->codes);
	free(s->by);
	px_db_community_counts_free(s->communities, s->ncounted);
	px_db_pairs_free(s->pairs, s->npairs);
	memset(s, 0, sizeof *s);
}
