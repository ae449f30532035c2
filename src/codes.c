#include "codes.h"

#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "kb.h"
#include "sheet.h"

static void db_filter(px_db_code_filter *df, const px_code *code, const px_codes_filter *f)
{
	px_db_code_filter init = PX_DB_CODE_FILTER_INIT;

	*df = init;
	df->code = code->id;
	if (f) {
		df->cycle = f->cycle;
		df->community = f->community;
		df->note = f->note;
		df->session = f->session;
		df->with = f->with ? f->with->id : NULL;
	}
}

int px_codes_retrieve(px_codes *c, px_index *ix, const px_code *code, const px_codes_filter *f,
		      px_diag *d)
{
	px_db_code_filter df;
	px_db_segment *seg = NULL;
	size_t n = 0, i, k = 0;
	int rc = 0;

	c->code = code;
	db_filter(&df, code, f);
	if (px_db_code_timeline(&c->timeline, &c->ntimeline, ix, &df, d) < 0 ||
	    px_db_code_segments(&seg, &n, ix, &df, f ? f->limit : -1, f ? f->offset : 0, d) < 0)
		return -1;
	for (i = 0; i < c->ntimeline; i++)
		c->total += c->timeline[i].segments;
	c->hits = calloc(n + 1, sizeof *c->hits);
	if (!c->hits) {
		px_diag_add(d, NULL, 0, 0, PX_SEV_ERROR, "environment", MSG_OOM);
		rc = -1;
	}
	/* each segment with its codes, read as search reads a hit */
	for (i = 0; !rc && i < n; i++) {
		c->hits[k].seg.id = seg[i].id;
		rc = px_db_search_hit(&c->hits[k], ix, d);
		if (rc == 1)
			k++;
		else
			px_db_hit_clear(&c->hits[k]);
		rc = rc < 0 ? -1 : 0;
	}
	c->nhits = k;
	px_db_segments_free(seg, n);
	return rc;
}

int px_codes_order_gather(px_codes_order *out, px_index *ix, const px_code *code,
			  const px_codes_filter *f, px_diag *d)
{
	px_db_code_filter df;

	memset(out, 0, sizeof *out);
	db_filter(&df, code, f);
	if (px_db_code_timeline(&out->timeline, &out->ntimeline, ix, &df, d) < 0 ||
	    px_db_code_segment_ids(&out->ids, &out->nids, ix, &df, d) < 0) {
		px_codes_order_free(out);
		return -1;
	}
	return 0;
}

void px_codes_order_free(px_codes_order *o)
{
	if (!o)
		return;
	free(o->ids);
	px_db_code_cells_free(o->timeline, o->ntimeline);
	memset(o, 0, sizeof *o);
}

int px_codes_retrieve_ordered(px_codes *c, px_index *ix, const px_code *code,
			      const px_codes_order *o, const px_codes_filter *f, px_diag *d)
{
	size_t from = f && f->offset > 0 ? (size_t)f->offset : 0, i, k = 0, n;
	int rc = 0;

	c->code = code;
	c->timeline = calloc(o->ntimeline + 1, sizeof *c->timeline);
	if (!c->timeline)
		goto oom;
	for (i = 0; i < o->ntimeline; i++) {
		if (!(c->timeline[i].cycle = strdup(o->timeline[i].cycle)))
			goto oom;
		c->timeline[i].session = o->timeline[i].session;
		c->timeline[i].segments = o->timeline[i].segments;
		c->ntimeline++;
		c->total += o->timeline[i].segments;
	}
	if (from > o->nids)
		from = o->nids;
	n = o->nids - from;
	if (f && f->limit >= 0 && (size_t)f->limit < n)
		n = (size_t)f->limit;
	if (!(c->hits = calloc(n + 1, sizeof *c->hits)))
		goto oom;
	for (i = 0; !rc && i < n; i++) {
		c->hits[k].seg.id = o->ids[from + i];
		rc = px_db_search_hit(&c->hits[k], ix, d);
		if (rc == 1)
			k++;
		else
			px_db_hit_clear(&c->hits[k]);
		rc = rc < 0 ? -1 : 0;
	}
	c->nhits = k;
	return rc;
oom:
	px_diag_add(d, NULL, 0, 0, PX_SEV_ERROR, "environment", MSG_OOM);
	return -1;
}

int px_codes_gather(px_codes *out, px_index *ix, const px_code *code, px_diag *d)
{
	return px_codes_gather_filtered(out, ix, code, NULL, d);
}

int px_codes_counts(px_codes *out, px_index *ix, px_diag *d)
{
	const px_codebook *cb = ix->kb->cb;
	px_db_scope all = PX_DB_SCOPE_INIT;
	px_db_code_count *cnt = NULL;
	px_db_method_count *mc = NULL;
	size_t ncnt = 0, nmc = 0, i;

	memset(out, 0, sizeof *out);
	out->cb = cb;
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
	px_db_code_counts_free(cnt, ncnt);
	px_db_method_counts_free(mc, nmc);
	return 0;
fail:
	px_db_code_counts_free(cnt, ncnt);
	px_db_method_counts_free(mc, nmc);
	px_codes_free(out);
	return -1;
}

int px_codes_gather_filtered(px_codes *out, px_index *ix, const px_code *code,
			     const px_codes_filter *f, px_diag *d)
{
	if (px_codes_counts(out, ix, d) < 0)
		return -1;
	if (code && px_codes_retrieve(out, ix, code, f, d) < 0) {
		px_codes_free(out);
		return -1;
	}
	return 0;
}

void px_codes_free(px_codes *c)
{
	if (!c)
		return;
	free(c->codes);
	free(c->methods);
	px_db_hits_free(c->hits, c->nhits);
	px_db_code_cells_free(c->timeline, c->ntimeline);
	memset(c, 0, sizeof *c);
}

static const int langs[PX_CONTENT_LANGS] = { PX_LANG_NL, PX_LANG_FR };

/* ------------------------------------------------------------- JSON */


static void json_aliases(px_json *j, char *const *aliases, const int *alias_lang, size_t n)
{
	size_t i;
	int l;

	px_json_key(j, "aliases");
	px_json_object(j);
	for (l = 0; l < PX_CONTENT_LANGS; l++) {
		px_json_key(j, px_lang_code(langs[l]));
		px_json_array(j);
		for (i = 0; i < n; i++)
			if (alias_lang[i] == langs[l])
				px_json_str(j, aliases[i]);
		px_json_end(j);
	}
	px_json_end(j);
}

static void json_code(px_json *j, const px_codes *c, const px_code *k)
{
	px_json_object(j);
	px_json_kstr(j, "id", k->id);
	px_json_kstr(j, "category", c->cb->cats[k->category].id);
	px_json_kbilingual(j, "label", k->label);
	px_json_kbilingual(j, "description", k->desc);
	json_aliases(j, k->aliases, k->alias_lang, k->naliases);
	px_json_kint(j, "segments", c->codes[k->index].segments);
	px_json_kint(j, "notes", c->codes[k->index].notes);
	px_json_end(j);
}

static void json_list(px_buf *out, const px_codes *c)
{
	const px_codebook *cb = c->cb;
	px_json j;
	size_t i, k;

	px_json_init(&j, out);
	px_json_object(&j);
	px_json_key(&j, "categories");
	px_json_array(&j);
	for (i = 0; i < cb->ncats; i++) {
		px_json_object(&j);
		px_json_kstr(&j, "id", cb->cats[i].id);
		px_json_kbilingual(&j, "label", cb->cats[i].label);
		px_json_key(&j, "codes");
		px_json_array(&j);
		for (k = 0; k < cb->ncodes; k++)
			if (cb->codes[k].category == i)
				json_code(&j, c, &cb->codes[k]);
		px_json_end(&j);
		px_json_end(&j);
	}
	px_json_end(&j);
	px_json_key(&j, "methods");
	px_json_array(&j);
	for (i = 0; i < cb->nmethods; i++) {
		const px_method *m = &cb->methods[i];
		px_json_object(&j);
		px_json_kstr(&j, "id", m->id);
		px_json_kbilingual(&j, "label", m->label);
		px_json_kbilingual(&j, "description", m->desc);
		json_aliases(&j, m->aliases, m->alias_lang, m->naliases);
		px_json_kint(&j, "notes", c->methods[i]);
		px_json_end(&j);
	}
	px_json_end(&j);
	px_json_end(&j);
}

static void json_code_segments(px_buf *out, const px_codes *c)
{
	px_json j;
	size_t i, k;

	px_json_init(&j, out);
	px_json_object(&j);
	px_json_key(&j, "code");
	json_code(&j, c, c->code);
	px_json_key(&j, "segments");
	px_json_array(&j);
	for (i = 0; i < c->nhits; i++) {
		const px_db_segment *g = &c->hits[i].seg;
		px_json_object(&j);
		px_json_kstr(&j, "community", g->community);
		px_json_kstr(&j, "cycle", g->cycle);
		px_json_kint(&j, "session", g->session);
		px_json_kstr(&j, "date", g->date);
		px_json_kstr(&j, "lang", g->lang);
		px_json_kstr(&j, "kind", g->kind);
		px_json_kstr(&j, "heading", g->heading);
		px_json_key(&j, "codes");
		px_json_array(&j);
		for (k = 0; k < c->hits[i].ncodes; k++)
			px_json_str(&j, c->hits[i].codes[k]);
		px_json_end(&j);
		px_json_kstr(&j, "text", g->text);
		px_json_kstr(&j, "path", g->path);
		px_json_kint(&j, "line", g->line);
		px_json_end(&j);
	}
	px_json_end(&j);
	px_json_end(&j);
}

/* -------------------------------------------------------------- CSV */

/* The aliases of one language, joined by ", ", into `b`. */
static const char *aliases_in(px_buf *b, char *const *aliases, const int *alias_lang, size_t n,
			      int lang)
{
	size_t i;

	px_buf_clear(b);
	for (i = 0; i < n; i++)
		if (alias_lang[i] == lang)
			px_buf_printf(b, "%s%s", b->len ? ", " : "", aliases[i]);
	return b->ptr;
}

/* The codebook as one table: a row per code, then a row per method. */
static void csv_list(px_table *t, const px_codes *c)
{
	static const char *const cols[] = { "type", "category", "id", "label_nl", "label_fr",
					    "description_nl", "description_fr", "aliases_nl",
					    "aliases_fr", "segments", "notes" };
	const px_codebook *cb = c->cb;
	px_buf b = PX_BUF_INIT;
	size_t i, k;

	px_table_init(t, "codes", sizeof cols / sizeof *cols);
	for (i = 0; i < sizeof cols / sizeof *cols; i++)
		px_table_str(t, cols[i]);
	for (i = 0; i < cb->ncats; i++)
		for (k = 0; k < cb->ncodes; k++) {
			const px_code *x = &cb->codes[k];
			if (x->category != i)
				continue;
			px_table_str(t, "code");
			px_table_str(t, cb->cats[i].id);
			px_table_str(t, x->id);
			px_table_str(t, x->label[PX_LANG_NL]);
			px_table_str(t, x->label[PX_LANG_FR]);
			px_table_str(t, x->desc[PX_LANG_NL]);
			px_table_str(t, x->desc[PX_LANG_FR]);
			px_table_dup(t, aliases_in(&b, x->aliases, x->alias_lang, x->naliases, PX_LANG_NL));
			px_table_dup(t, aliases_in(&b, x->aliases, x->alias_lang, x->naliases, PX_LANG_FR));
			px_table_int(t, c->codes[k].segments);
			px_table_int(t, c->codes[k].notes);
		}
	for (i = 0; i < cb->nmethods; i++) {
		const px_method *m = &cb->methods[i];
		px_table_str(t, "method");
		px_table_str(t, "");
		px_table_str(t, m->id);
		px_table_str(t, m->label[PX_LANG_NL]);
		px_table_str(t, m->label[PX_LANG_FR]);
		px_table_str(t, m->desc[PX_LANG_NL]);
		px_table_str(t, m->desc[PX_LANG_FR]);
		px_table_dup(t, aliases_in(&b, m->aliases, m->alias_lang, m->naliases, PX_LANG_NL));
		px_table_dup(t, aliases_in(&b, m->aliases, m->alias_lang, m->naliases, PX_LANG_FR));
		px_table_int(t, 0);
		px_table_int(t, c->methods[i]);
	}
	if (px_buf_failed(&b))
		t->failed = 1;
	px_buf_free(&b);
}

static void csv_code_segments(px_table *t, const px_codes *c)
{
	size_t i;

	px_sheet_segments_init(t, "segments");
	for (i = 0; i < c->nhits; i++)
		px_sheet_segment(t, &c->hits[i].seg, c->hits[i].codes, c->hits[i].ncodes);
}

void px_codes_json(px_buf *out, const px_codes *c)
{
	if (c->code)
		json_code_segments(out, c);
	else
		json_list(out, c);
}

void px_codes_table(px_table *t, const px_codes *c)
{
	if (c->code)
		csv_code_segments(t, c);
	else
		csv_list(t, c);
}
