#include "search.h"

#include <stdlib.h>
#include <string.h>

const char *const px_search_kinds[] = { "quote", "followup", "paragraph", "item", "row", NULL };

void px_scope_word(px_buf *b, char filter, const char *value)
{
	/* 48 bits of the value's digest, in base 36 with a digit first: short
	 * words keep the index small (two values meeting is a chance of one
	 * in 2^48 per pair) */
	static const char digits[] = "0123456789abcdefghijklmnopqrstuvwxyz";
	unsigned long long h = px_fnv1a(PX_FNV_INIT, value, strlen(value)) & 0xffffffffffffULL;
	char w[16];
	int n = 0;

	do {
		w[n++] = digits[h % 36];
		h /= 36;
	} while (h);
	if (b->len)
		px_buf_putc(b, ' ');
	px_buf_printf(b, "zz%c0", filter);
	while (n)
		px_buf_putc(b, w[--n]);
}

/* The FTS5 expression: the user's, and the filters as scope words. */
static void fts_expression(px_buf *e, const px_query *q, const px_search_filters *f)
{
	px_buf words = PX_BUF_INIT;
	size_t i;

	if (f->community)
		px_scope_word(&words, 'c', f->community);
	if (f->cycle)
		px_scope_word(&words, 'y', f->cycle);
	if (f->lang)
		px_scope_word(&words, 'l', f->lang);
	if (f->kind >= 0)
		px_scope_word(&words, 'k', px_search_kinds[f->kind]);
	for (i = 0; i < q->ncodes; i++)
		px_scope_word(&words, 'x', q->codes[i]->id);
	if (!words.len) {
		px_buf_puts(e, q->fts.ptr);
	} else {
		char *w, *save = NULL;
		if (q->fts.len)
			px_buf_printf(e, "(%s)", q->fts.ptr);
		for (w = strtok_r(words.ptr, " ", &save); w; w = strtok_r(NULL, " ", &save))
			px_buf_printf(e, "%sscope:%s", e->len ? " AND " : "", w);
	}
	px_buf_free(&words);
}

static int by_score(const void *a, const void *b)
{
	const px_db_hit *x = a, *y = b;

	if (x->score != y->score)
		return x->score < y->score ? -1 : 1;
	return x->seg.id < y->seg.id ? 1 : x->seg.id > y->seg.id ? -1 : 0;
}

int px_search_match(px_db_match *m, px_buf *expr, const px_query *q, const px_search_filters *f,
		    px_diag *d)
{
	if (!q->fts.len && !q->ncodes)
		return 1;
	fts_expression(expr, q, f);
	if (px_diag_buf(d, expr, NULL) < 0)
		return -1;
	m->match = expr->ptr;
	m->since = f->since;
	m->until = f->until;
	m->note = f->note;
	return 0;
}

int px_search_run(px_search_result *out, px_index *ix, const px_query *q,
		  const px_search_filters *f, px_diag *d)
{
	px_buf expr = PX_BUF_INIT;
	px_db_match m;
	long window = f->limit ? PX_SEARCH_WINDOW : -1;
	int rc = 0;

	memset(out, 0, sizeof *out);
	if (f->limit > window && window > 0)
		window = f->limit;
	rc = px_search_match(&m, &expr, q, f, d);
	if (rc)
		goto done;
	rc = px_db_search_rank(&out->hits, &out->n, ix, &m, window, d);
	if (!rc)
		rc = px_db_search_count(&out->total, ix, &m, PX_SEARCH_COUNT_CAP + 1, d);
	if (rc)
		goto done;
	out->capped = out->total > PX_SEARCH_COUNT_CAP;
	if (out->capped)
		out->total = PX_SEARCH_COUNT_CAP;
	if (out->n > 1)
		qsort(out->hits, out->n, sizeof *out->hits, by_score);
	if (f->limit && out->n > (size_t)f->limit)
		out->n = (size_t)f->limit; /* the rest hold nothing to free */
done:
	if (rc)
		px_search_result_free(out);
	px_buf_free(&expr);
	return rc == 1 ? 0 : rc;
}

int px_search_gather(px_search_result *r, px_index *ix, const px_query *q, px_diag *d)
{
	size_t i, k = 0;
	int rc = 0;

	for (i = 0; i < r->n && rc >= 0; i++) {
		rc = px_db_search_hit(&r->hits[i], ix, d);
		if (rc <= 0) {
			px_db_hit_clear(&r->hits[i]);
			continue;
		}
		if (k != i) {
			r->hits[k] = r->hits[i];
			memset(&r->hits[i], 0, sizeof r->hits[i]);
		}
		k++;
	}
	r->n = k;
	if (rc < 0)
		return -1;
	if (q->words)
		return px_db_search_snippets(r->hits, r->n, ix, q->fts.ptr, PX_SEARCH_MARK_ON,
					     PX_SEARCH_MARK_OFF, d);
	/* codes only (or words only excluded): there is no match to show,
	 * the segment is */
	for (i = 0; i < r->n; i++)
		if (!(r->hits[i].snippet = strdup(r->hits[i].seg.text))) {
			px_diag_add(d, NULL, 0, 0, PX_SEV_ERROR, "environment", MSG_OOM);
			return -1;
		}
	return 0;
}

static int by_date(const void *a, const void *b)
{
	const px_db_segment *x = &((const px_db_hit *)a)->seg, *y = &((const px_db_hit *)b)->seg;
	int c;

	if ((c = strcmp(x->date, y->date)) || (c = strcmp(x->cycle, y->cycle)) ||
	    (c = strcmp(x->community, y->community)))
		return c;
	if (x->session != y->session)
		return x->session < y->session ? -1 : 1;
	if ((c = strcmp(x->path, y->path)))
		return c;
	return x->line < y->line ? -1 : x->line > y->line;
}

void px_search_sort_by_date(px_search_result *r)
{
	if (r->n > 1)
		qsort(r->hits, r->n, sizeof *r->hits, by_date);
}

void px_search_result_free(px_search_result *r)
{
	px_db_hits_free(r->hits, r->n);
	memset(r, 0, sizeof *r);
}
