/*
 * facets.c - a search's matches counted by community, cycle, code,
 * language and kind (facets.h), from the data layer's two facet
 * statements.
 */
#include "facets.h"

#include <stdlib.h>
#include <string.h>

#include "text.h"

const char *const px_facet_names[PX_FACET_DIMS] = { "community", "cycle", "lang", "kind" };

/* Adds `count` to `value` in `fc` (a new value at the end); -1 when out
 * of memory. A NULL value (not given) is counted nowhere. */
static int add(px_facet *fc, size_t *cap, const char *value, long long count)
{
	px_facet_value *v;
	size_t i;

	if (!value)
		return 0;
	for (i = 0; i < fc->n; i++)
		if (!strcmp(fc->v[i].value, value)) {
			fc->v[i].count += count;
			return 0;
		}
	if (fc->n == *cap) {
		size_t ncap = *cap ? *cap * 2 : 8;
		v = realloc(fc->v, ncap * sizeof *v);
		if (!v)
			return -1;
		fc->v = v;
		*cap = ncap;
	}
	if (!(fc->v[fc->n].value = strdup(value)))
		return -1;
	fc->v[fc->n++].count = count;
	return 0;
}

static int by_count(const void *a, const void *b)
{
	const px_facet_value *x = a, *y = b;

	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	return strcmp(x->value, y->value);
}

/* the lesser (max 0) or greater (max 1) date of *slot and `date` */
static int keep_date(char **slot, const char *date, int max)
{
	char *c;

	if (!date || (*slot && (max ? strcmp(date, *slot) <= 0 : strcmp(date, *slot) >= 0)))
		return 0;
	if (!(c = strdup(date)))
		return -1;
	free(*slot);
	*slot = c;
	return 0;
}

int px_facets_gather(px_facets *out, px_index *ix, const px_query *q, const px_search_filters *f,
		     long cap, px_diag *d)
{
	px_buf expr = PX_BUF_INIT;
	px_db_match m;
	px_db_facet_row *rows = NULL;
	size_t nrows = 0, caps[PX_FACET_DIMS] = { 0 }, i, k;
	long total = 0;
	int rc;

	memset(out, 0, sizeof *out);
	out->cb = ix->kb->cb;
	if (!(out->codes = calloc(out->cb->ncodes + 1, sizeof *out->codes)))
		goto oom;
	rc = px_search_match(&m, &expr, q, f, d);
	if (rc == 1) {
		rc = 0;
		goto done;
	}
	if (rc)
		goto done;
	/* counting one past the cap is cheap (no row is read) */
	if (cap > 0 && (rc = px_db_search_count(&total, ix, &m, cap + 1, d)) != 0)
		goto done;
	out->capped = cap > 0 && total > cap;
	if ((rc = px_db_search_facets(&rows, &nrows, ix, &m, cap > 0 ? cap : -1, d)) != 0)
		goto done;
	for (i = 0; i < nrows; i++) {
		const px_db_facet_row *r = &rows[i];
		if (r->code) {
			const px_code *c = px_codebook_code(out->cb, r->code);
			if (c) /* the index is rebuilt when the codebook changes */
				out->codes[c->index] += r->segments;
			continue;
		}
		out->counted += r->segments;
		if (add(&out->dims[PX_FACET_COMMUNITY], &caps[PX_FACET_COMMUNITY], r->community, r->segments) < 0 ||
		    add(&out->dims[PX_FACET_CYCLE], &caps[PX_FACET_CYCLE], r->cycle, r->segments) < 0 ||
		    add(&out->dims[PX_FACET_LANG], &caps[PX_FACET_LANG], r->lang, r->segments) < 0 ||
		    add(&out->dims[PX_FACET_KIND], &caps[PX_FACET_KIND], r->kind, r->segments) < 0 ||
		    keep_date(&out->date_min, r->date_min, 0) < 0 ||
		    keep_date(&out->date_max, r->date_max, 1) < 0)
			goto oom;
	}
	for (k = 0; k < PX_FACET_DIMS; k++)
		if (out->dims[k].n > 1)
			qsort(out->dims[k].v, out->dims[k].n, sizeof *out->dims[k].v, by_count);
	goto done;
oom:
	px_diag_add(d, NULL, 0, 0, PX_SEV_ERROR, "environment", MSG_OOM);
	rc = -1;
done:
	px_db_facet_rows_free(rows, nrows);
	px_buf_free(&expr);
	if (rc)
		px_facets_free(out);
	return rc;
}


void px_facets_json(px_json *j, const px_facets *fc, const px_kb *kb)
{
	const px_codebook *cb = fc->cb;
	size_t i, k, c;

	px_json_object(j);
	px_json_kint(j, "counted", fc->counted);
	px_json_kbool(j, "capped", fc->capped);
	for (k = 0; k < PX_FACET_DIMS; k++) {
		const px_facet *f = &fc->dims[k];
		px_json_key(j, px_facet_names[k]);
		px_json_array(j);
		for (i = 0; i < f->n; i++) {
			px_json_object(j);
			px_json_kstr(j, "value", f->v[i].value);
			px_json_kint(j, "count", f->v[i].count);
			if (k == PX_FACET_COMMUNITY) {
				const px_community *cm = px_kb_community(kb, f->v[i].value);
				char *id[PX_CONTENT_LANGS];
				id[PX_LANG_NL] = id[PX_LANG_FR] = f->v[i].value;
				px_json_kbilingual(j, "name", cm ? cm->name : id);
			}
			px_json_end(j);
		}
		px_json_end(j);
	}
	/* the codes under their categories, in codebook order, the used ones */
	px_json_key(j, "code");
	px_json_array(j);
	for (c = 0; cb && c < cb->ncats; c++) {
		int open = 0;
		for (i = 0; i < cb->ncodes; i++) {
			const px_code *x = &cb->codes[i];
			if (x->category != c || !fc->codes[i])
				continue;
			if (!open) {
				px_json_object(j);
				px_json_kstr(j, "category", cb->cats[c].id);
				px_json_kbilingual(j, "label", cb->cats[c].label);
				px_json_key(j, "codes");
				px_json_array(j);
				open = 1;
			}
			px_json_object(j);
			px_json_kstr(j, "value", x->id);
			px_json_kint(j, "count", fc->codes[i]);
			px_json_kbilingual(j, "label", x->label);
			px_json_end(j);
		}
		if (open) {
			px_json_end(j);
			px_json_end(j);
		}
	}
	px_json_end(j);
	px_json_key(j, "date");
	if (fc->date_min) {
		px_json_object(j);
		px_json_kstr(j, "min", fc->date_min);
		px_json_kstr(j, "max", fc->date_max);
		px_json_end(j);
	} else {
		px_json_null(j);
	}
	px_json_end(j);
}

void px_facets_text(px_buf *out, const px_facets *fc)
{
	static const px_msgid names[PX_FACET_DIMS] = { MSG_FACET_COMMUNITY, MSG_FACET_CYCLE,
						       MSG_FACET_LANG, MSG_FACET_KIND };
	const px_codebook *cb = fc->cb;
	size_t i, k, any;

	if (!fc->counted)
		return;
	if (fc->capped)
		px_buf_printf(out, px_msg(MSG_FACETS_CAPPED), fc->counted);
	for (k = 0; k < PX_FACET_DIMS; k++) {
		const px_facet *f = &fc->dims[k];
		if (!f->n)
			continue;
		px_buf_printf(out, "%s:", px_msg(names[k]));
		for (i = 0; i < f->n; i++) {
			px_buf_puts(out, i ? ", " : " ");
			px_buf_term_str(out, f->v[i].value, PX_TERM_LINE);
			px_buf_printf(out, " %lld", f->v[i].count);
		}
		px_buf_putc(out, '\n');
	}
	any = 0;
	for (i = 0; cb && i < cb->ncodes; i++) {
		if (!fc->codes[i])
			continue;
		px_buf_puts(out, any++ ? ", #" : "");
		if (any == 1)
			px_buf_printf(out, "%s: #", px_msg(MSG_FACET_CODE));
		px_buf_term_str(out, cb->codes[i].id, PX_TERM_LINE);
		px_buf_printf(out, " %lld", fc->codes[i]);
	}
	if (any)
		px_buf_putc(out, '\n');
	if (fc->date_min) {
		px_buf_printf(out, "%s: ", px_msg(MSG_FACET_DATES));
		px_buf_term_str(out, fc->date_min, PX_TERM_LINE);
		px_buf_puts(out, " .. ");
		px_buf_term_str(out, fc->date_max, PX_TERM_LINE);
		px_buf_putc(out, '\n');
	}
}

void px_facets_free(px_facets *fc)
{
	size_t i, k;

	if (!fc)
		return;
	for (k = 0; k < PX_FACET_DIMS; k++) {
		for (i = 0; i < fc->dims[k].n; i++)
			free(fc->dims[k].v[i].value);
		free(fc->dims[k].v);
	}
	free(fc->codes);
	free(fc->date_min);
	free(fc->date_max);
	memset(fc, 0, sizeof *fc);
}
