/*
 * rank.c - praxis_rank(), the FTS5 auxiliary function that ranks search
 * hits (fts.h says how it is called; doc/search.md, "Ranking", what it
 * means to a user).
 *
 * It is Okapi BM25 as FTS5's own bm25() computes it (Robertson and
 * Zaragoza, "The Probabilistic Relevance Framework: BM25 and Beyond",
 * 2009; k1 = 1.2, b = 0.75, one weight per column, a phrase's inverse
 * document frequency floored at 1e-6), with two differences that only
 * change what it costs:
 *
 *  - A phrase's document frequency is counted on the first row where
 *    the phrase weighs something, not for every phrase on the first row.
 *    A phrase that only ever meets zero-weight columns (the filters'
 *    scope words) or is excluded (NOT) adds nothing to any score, and
 *    bm25() walks its whole doclist all the same.
 *  - The count stops at `cap` rows. Counting is walking the phrase's
 *    doclist, so without a cap one search of a common word costs in
 *    proportion to the whole knowledge base. A phrase found in more rows
 *    counts as found in `cap`: the scores of phrases rarer than the cap
 *    are exactly bm25()'s.
 *
 * Built into praxis and into the loadable extension, as fts.c.
 */
#ifdef PX_FTS_EXTENSION
#include <sqlite3ext.h>
SQLITE_EXTENSION_INIT3
#else
#include <sqlite3.h>
#endif

#include "fts.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define K1 1.2
#define B 0.75
#define UNKNOWN (-1.0) /* an idf not counted yet (a real one is > 0) */

/* What one query computes once (FTS5's auxiliary data, freed with the
 * statement's cursor). */
struct query {
	int nphrase, ncol;
	sqlite3_int64 rows, cap;
	double avgdl;
	double *idf;   /* [nphrase], UNKNOWN until counted */
	double *freq;  /* [nphrase], the current row's weighted frequencies */
	double *w;     /* [ncol] */
	sqlite3_int64 *df; /* [nphrase], the counts behind idf */
};

struct walk {
	sqlite3_int64 n, cap;
};

static int count_row(const Fts5ExtensionApi *api, Fts5Context *fts, void *arg)
{
	struct walk *c = arg;

	(void)api;
	(void)fts;
	return ++c->n == c->cap ? SQLITE_DONE : SQLITE_OK;
}

static struct query *query_new(const Fts5ExtensionApi *api, Fts5Context *fts, int nval,
			       sqlite3_value **val, int *rc)
{
	int nphrase = api->xPhraseCount(fts), ncol = api->xColumnCount(fts), i;
	sqlite3_int64 tokens = 0;
	struct query *q;
	size_t size = sizeof *q + (size_t)nphrase * (2 * sizeof(double) + sizeof(sqlite3_int64)) +
		      (size_t)ncol * sizeof(double);

	q = sqlite3_malloc64(size);
	if (!q) {
		*rc = SQLITE_NOMEM;
		return NULL;
	}
	memset(q, 0, size);
	q->nphrase = nphrase;
	q->ncol = ncol;
	q->df = (sqlite3_int64 *)(q + 1);
	q->idf = (double *)(q->df + nphrase);
	q->freq = q->idf + nphrase;
	q->w = q->freq + nphrase;
	for (i = 0; i < nphrase; i++)
		q->idf[i] = UNKNOWN;
	q->cap = sqlite3_value_int64(val[0]);
	for (i = 0; i < ncol; i++)
		q->w[i] = i + 1 < nval ? sqlite3_value_double(val[i + 1]) : 1.0;
	*rc = api->xRowCount(fts, &q->rows);
	if (*rc == SQLITE_OK)
		*rc = api->xColumnTotalSize(fts, -1, &tokens);
	if (*rc == SQLITE_OK)
		*rc = api->xSetAuxdata(fts, q, sqlite3_free); /* frees q on failure */
	else
		sqlite3_free(q);
	if (*rc != SQLITE_OK)
		return NULL;
	q->avgdl = q->rows ? (double)tokens / (double)q->rows : 1.0;
	return q;
}

/* Phrase i's idf: its rows counted up to the cap. */
static int count_phrase(const Fts5ExtensionApi *api, Fts5Context *fts, struct query *q, int i)
{
	struct walk c = { 0, q->cap > 0 ? q->cap : -1 };
	int rc = api->xQueryPhrase(fts, i, &c, count_row);
	double idf;

	if (rc != SQLITE_OK)
		return rc;
	idf = log(((double)q->rows - (double)c.n + 0.5) / ((double)c.n + 0.5));
	q->idf[i] = idf > 0.0 ? idf : 1e-6;
	q->df[i] = c.n;
	return SQLITE_OK;
}

static void rank(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx, int nval,
		 sqlite3_value **val)
{
	struct query *q = api->xGetAuxdata(fts, 0);
	px_rank_counts *out;
	double score = 0.0, d;
	int rc = SQLITE_OK, n = 0, i, size = 0;

	if (nval < 1) {
		sqlite3_result_error(ctx, "praxis_rank: the first argument is the count's cap", -1);
		return;
	}
	if (!q && !(q = query_new(api, fts, nval, val, &rc)))
		goto done;
	memset(q->freq, 0, (size_t)q->nphrase * sizeof *q->freq);
	rc = api->xInstCount(fts, &n);
	for (i = 0; rc == SQLITE_OK && i < n; i++) {
		int phrase, col, off;
		rc = api->xInst(fts, i, &phrase, &col, &off);
		if (rc == SQLITE_OK && col >= 0 && col < q->ncol)
			q->freq[phrase] += q->w[col];
	}
	if (rc == SQLITE_OK)
		rc = api->xColumnSize(fts, -1, &size);
	d = K1 * (1.0 - B + B * (double)size / q->avgdl);
	for (i = 0; rc == SQLITE_OK && i < q->nphrase; i++) {
		if (q->freq[i] == 0.0)
			continue;
		if (q->idf[i] == UNKNOWN && (rc = count_phrase(api, fts, q, i)) != SQLITE_OK)
			break;
		score += q->idf[i] * ((q->freq[i] * (K1 + 1.0)) / (q->freq[i] + d));
	}
	/* what the caller may read after the statement: the phrase count and
	 * the first phrase's rows, once counted */
	if (rc == SQLITE_OK && q->ncol + 1 < nval &&
	    (out = sqlite3_value_pointer(val[q->ncol + 1], PX_RANK_COUNTS))) {
		out->phrases = q->nphrase;
		out->first = q->idf[0] == UNKNOWN ? -1 : q->df[0];
	}
done:
	if (rc == SQLITE_OK)
		sqlite3_result_double(ctx, -score);
	else
		sqlite3_result_error_code(ctx, rc);
}

int px_rank_create(fts5_api *api)
{
	return api->xCreateFunction(api, "praxis_rank", NULL, rank, NULL);
}
