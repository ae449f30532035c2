#include "stats.h"

#include <stdlib.h>
#include <string.h>

#include "kb.h"

const char *const px_stats_bys[] = { "community", "session", "month", "cycle", NULL };

static void oom(px_diag *d)
{
	px_diag_add(d, NULL, 0, 0, PX_SEV_ERROR, "environment", MSG_OOM);
}

static long find(char *const *v, size_t n, const char *s)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!strcmp(v[i], s))
			return (long)i;
	return -1;
}

static long row_of(const px_stats *s, const px_code *c)
{
	size_t i;

	for (i = 0; c && i < s->nrows; i++)
		if (s->rows[i] == c)
			return (long)i;
	return -1;
}

/* The rows: the codes asked for, each once, in codebook order. */
static int rows(px_stats *s, const px_codebook *cb, const px_stats_opts *o)
{
	size_t i, k;

	s->rows = calloc(cb->ncodes + 1, sizeof *s->rows);
	if (!s->rows)
		return -1;
	for (i = 0; i < cb->ncodes; i++) {
		int want = !o->codes;
		for (k = 0; !want && k < o->ncodes; k++)
			want = o->codes[k] == &cb->codes[i];
		if (want)
			s->rows[s->nrows++] = &cb->codes[i];
	}
	return 0;
}

/* The columns: the communities of communities.yaml (or the one asked
 * for), or the values the counts give, in their order (ord, then text). */
static int columns(px_stats *s, const px_kb *kb, const px_stats_opts *o,
		   const px_db_code_key *v, size_t n)
{
	size_t i, k, cap = (o->by == PX_DB_BY_COMMUNITY ? kb->ncommunities : n) + 1;
	long long *ord = NULL;

	s->cols = calloc(cap, sizeof *s->cols);
	ord = calloc(cap, sizeof *ord);
	if (!s->cols || !ord)
		goto fail;
	if (o->by == PX_DB_BY_COMMUNITY) {
		for (i = 0; i < kb->ncommunities; i++) {
			if (o->community && strcmp(o->community, kb->communities[i].id))
				continue;
			if (!(s->cols[s->ncols] = strdup(kb->communities[i].id)))
				goto fail;
			s->ncols++;
		}
		free(ord);
		return 0;
	}
	for (i = 0; i < n; i++) {
		char *key;
		if (find(s->cols, s->ncols, v[i].key) >= 0)
			continue;
		if (!(key = strdup(v[i].key)))
			goto fail;
		/* insertion in order: a handful of values */
		for (k = s->ncols; k > 0 && (ord[k - 1] > v[i].ord ||
					     (ord[k - 1] == v[i].ord && strcmp(s->cols[k - 1], key) > 0)); k--) {
			s->cols[k] = s->cols[k - 1];
			ord[k] = ord[k - 1];
		}
		s->cols[k] = key;
		ord[k] = v[i].ord;
		s->ncols++;
	}
	free(ord);
	return 0;
fail:
	free(ord);
	return -1;
}

int px_stats_gather(px_stats *out, px_index *ix, const px_stats_opts *o, px_diag *d)
{
	const px_kb *kb = ix->kb;
	const px_codebook *cb = kb->cb;
	px_db_scope scope = PX_DB_SCOPE_INIT;
	px_db_totals tot;
	px_db_code_count *cnt = NULL;
	px_db_code_key *by = NULL;
	size_t ncnt = 0, nby = 0, i, k;

	memset(out, 0, sizeof *out);
	out->kb = kb;
	out->by = o->by;
	scope.cycle = o->cycle;
	scope.community = o->community;
	if (px_db_totals_get(&tot, ix, &scope, d) < 0)
		goto fail;
	if (!(out->notes = tot.notes))
		return 1;
	if (px_db_code_counts(&cnt, &ncnt, ix, &scope, d) < 0 ||
	    px_db_code_counts_by(&by, &nby, ix, &scope, o->by, d) < 0 ||
	    px_db_community_counts(&out->communities, &out->ncounted, ix, &scope, d) < 0 ||
	    px_db_code_pairs(&out->pairs, &out->npairs, ix, &scope, d) < 0)
		goto fail;
	if (rows(out, cb, o) < 0 || columns(out, kb, o, by, nby) < 0)
		goto oom;
	out->codes = calloc(out->nrows + 1, sizeof *out->codes);
	out->cells = calloc(out->nrows * out->ncols + 1, sizeof *out->cells);
	if (!out->codes || !out->cells)
		goto oom;
	/* a segment and a note have one community: the sums are the totals */
	for (i = 0; i < ncnt; i++) {
		long r = row_of(out, px_codebook_code(cb, cnt[i].code));
		if (r >= 0) {
			out->codes[r].segments += cnt[i].segments;
			out->codes[r].notes += cnt[i].notes;
		}
	}
	for (i = 0; i < nby; i++) {
		long r = row_of(out, px_codebook_code(cb, by[i].code));
		long c = find(out->cols, out->ncols, by[i].key);
		if (r >= 0 && c >= 0) {
			out->cells[(size_t)r * out->ncols + (size_t)c].segments = by[i].segments;
			out->cells[(size_t)r * out->ncols + (size_t)c].notes = by[i].notes;
		}
	}
	/* the pairs that hold a code of the rows */
	if (o->codes) {
		for (i = k = 0; i < out->npairs; i++) {
			px_db_pair p = out->pairs[i];
			if (row_of(out, px_codebook_code(cb, p.a)) >= 0 ||
			    row_of(out, px_codebook_code(cb, p.b)) >= 0) {
				out->pairs[k++] = p;
			} else {
				free(p.a);
				free(p.b);
			}
		}
		out->npairs = k;
	}
	px_db_code_counts_free(cnt, ncnt);
	px_db_code_keys_free(by, nby);
	return 0;
oom:
	oom(d);
fail:
	px_db_code_counts_free(cnt, ncnt);
	px_db_code_keys_free(by, nby);
	px_stats_free(out);
	return -1;
}

const px_stats_count *px_stats_cell(const px_stats *s, size_t row, size_t col)
{
	return &s->cells[row * s->ncols + col];
}

void px_stats_free(px_stats *s)
{
	size_t i;

	if (!s)
		return;
	free(s->rows);
	for (i = 0; s->cols && i < s->ncols; i++)
		free(s->cols[i]);
	free(s->cols);
	free(s->codes);
	free(s->cells);
	px_db_community_counts_free(s->communities, s->ncounted);
	px_db_pairs_free(s->pairs, s->npairs);
	memset(s, 0, sizeof *s);
}
