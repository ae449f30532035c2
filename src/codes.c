#include "codes.h"

#include <stdlib.h>
#include <string.h>

#include "kb.h"

static int keep(const px_db_segment *g, const px_codes_filter *f)
{
	return !f || ((!f->cycle || !strcmp(g->cycle, f->cycle)) &&
		      (!f->community || !strcmp(g->community, f->community)) &&
		      (!f->note || !strcmp(g->path, f->note)));
}

static int coded(const px_db_hit *h, const px_code *c)
{
	size_t i;

	for (i = 0; i < h->ncodes; i++)
		if (!strcmp(h->codes[i], c->id))
			return 1;
	return 0;
}

static int retrieve(px_codes *out, px_index *ix, const px_code *code, const px_codes_filter *f,
		    px_diag *d)
{
	px_db_segment *seg = NULL;
	size_t n = 0, i, k = 0;
	int rc = 0;

	if (px_db_site_code_segments(&seg, &n, ix, code->id, d) < 0)
		return -1;
	out->hits = calloc(n + 1, sizeof *out->hits);
	if (!out->hits) {
		px_diag_add(d, NULL, 0, 0, PX_SEV_ERROR, "environment", MSG_OOM);
		rc = -1;
	}
	/* each segment with its codes, read as search reads a hit */
	for (i = 0; !rc && i < n; i++) {
		if (!keep(&seg[i], f))
			continue;
		out->hits[k].seg.id = seg[i].id;
		rc = px_db_search_hit(&out->hits[k], ix, d);
		if (rc == 1 && (!f || !f->with || coded(&out->hits[k], f->with)))
			k++;
		else
			px_db_hit_clear(&out->hits[k]);
		rc = rc < 0 ? -1 : 0;
	}
	out->nhits = k;
	px_db_segments_free(seg, n);
	return rc;
}

int px_codes_gather(px_codes *out, px_index *ix, const px_code *code, px_diag *d)
{
	return px_codes_gather_filtered(out, ix, code, NULL, d);
}

int px_codes_gather_filtered(px_codes *out, px_index *ix, const px_code *code,
			     const px_codes_filter *f, px_diag *d)
{
	const px_codebook *cb = ix->kb->cb;
	px_db_scope all = PX_DB_SCOPE_INIT;
	px_db_code_count *cnt = NULL;
	px_db_method_count *mc = NULL;
	size_t ncnt = 0, nmc = 0, i;

	memset(out, 0, sizeof *out);
	out->cb = cb;
	out->code = code;
	out->codes = calloc(cb->ncodes + 1, sizeof *out->codes);
	out->methods = calloc(cb->nmethods + 1, sizeof *out->methods);
	if (!out->codes || !out->methods) {
		px_diag_add(d, NULL, 0, 0, PX_SEV_ERROR, "environment", MSG_OOM);
		goto fail;
	}
	if (px_db_code_counts(&cnt, &ncnt, ix, &all, d) < 0 ||
	    px_db_method_counts(&mc, &nmc, ix, &all, d) < 0)
		goto fail;
	/* a segment and a note have one community: the sums are the totals */
	for (i = 0; i < ncnt; i++) {
		const px_code *c = px_codebook_code(cb, cnt[i].code);
		if (c) {
			out->codes[c->index].segments += cnt[i].segments;
			out->codes[c->index].notes += cnt[i].notes;
		}
	}
	for (i = 0; i < nmc; i++) {
		const px_method *m = px_codebook_resolve_method(cb, mc[i].method);
		if (m)
			out->methods[m - cb->methods] += mc[i].notes;
	}
	if (code && retrieve(out, ix, code, f, d) < 0)
		goto fail;
	px_db_code_counts_free(cnt, ncnt);
	px_db_method_counts_free(mc, nmc);
	return 0;
fail:
	px_db_code_counts_free(cnt, ncnt);
	px_db_method_counts_free(mc, nmc);
	px_codes_free(out);
	return -1;
}

void px_codes_free(px_codes *c)
{
	if (!c)
		return;
	free(c->codes);
	free(c->methods);
	px_db_hits_free(c->hits, c->nhits);
	memset(c, 0, sizeof *c);
}
