#include "stats.h"

#include <stdlib.h>
#include <string.h>

#include "json.h"
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

void px_stats_json(px_buf *out, const px_stats *s, const px_stats_opts *o, px_lang lang)
{
	px_json j;
	size_t i, k;

	px_json_init(&j, out);
	px_json_object(&j);
	px_json_kstr(&j, "cycle", o->cycle);
	px_json_kstr(&j, "community", o->community);
	px_json_kstr(&j, "by", px_stats_bys[s->by]);
	px_json_kstr(&j, "label_lang", px_lang_code(lang));
	px_json_key(&j, "columns");
	px_json_array(&j);
	for (k = 0; k < s->ncols; k++)
		px_json_str(&j, s->cols[k]);
	px_json_end(&j);
	px_json_key(&j, "codes");
	px_json_array(&j);
	for (i = 0; i < s->nrows; i++) {
		const px_code *c = s->rows[i];
		px_json_object(&j);
		px_json_kstr(&j, "code", c->id);
		px_json_kbilingual(&j, "label", c->label);
		px_json_kint(&j, "segments", s->codes[i].segments);
		px_json_kint(&j, "notes", s->codes[i].notes);
		px_json_key(&j, "by");
		px_json_object(&j);
		for (k = 0; k < s->ncols; k++) {
			const px_stats_count *n = px_stats_cell(s, i, k);
			if (!n->segments)
				continue;
			px_json_key(&j, s->cols[k]);
			px_json_object(&j);
			px_json_kint(&j, "segments", n->segments);
			px_json_kint(&j, "notes", n->notes);
			px_json_end(&j);
		}
		px_json_end(&j);
		px_json_end(&j);
	}
	px_json_end(&j);
	px_json_key(&j, "communities");
	px_json_array(&j);
	for (i = 0; i < s->ncounted; i++) {
		const px_db_community_count *c = &s->communities[i];
		px_json_object(&j);
		px_json_kstr(&j, "id", c->id);
		px_json_kint(&j, "notes", c->notes);
		px_json_kint(&j, "sessions", c->sessions);
		px_json_kint(&j, "attendance", c->attendance);
		px_json_knum(&j, "attendance_avg", c->attendance_avg, 1);
		px_json_end(&j);
	}
	px_json_end(&j);
	px_json_key(&j, "cooccurrence");
	px_json_array(&j);
	for (i = 0; i < s->npairs; i++) {
		px_json_object(&j);
		px_json_kstr(&j, "a", s->pairs[i].a);
		px_json_kstr(&j, "b", s->pairs[i].b);
		px_json_kint(&j, "segments", s->pairs[i].segments);
		px_json_end(&j);
	}
	px_json_end(&j);
	px_json_end(&j);
}

/* The spreadsheet tables (doc/spreadsheets.md): the codes by the columns,
 * then the communities and the pairs. */
void px_stats_tables(px_table t[3], const px_stats *s, px_lang lang)
{
	px_buf h = PX_BUF_INIT;
	size_t i, k;

	px_table_init(&t[0], "codes", 4 + 2 * s->ncols);
	px_table_str(&t[0], "code");
	px_table_str(&t[0], "label");
	px_table_str(&t[0], "segments");
	px_table_str(&t[0], "notes");
	for (k = 0; k < s->ncols; k++) {
		px_buf_clear(&h);
		px_buf_printf(&h, "%s/segments", s->cols[k]);
		px_table_dup(&t[0], h.ptr);
		px_buf_clear(&h);
		px_buf_printf(&h, "%s/notes", s->cols[k]);
		px_table_dup(&t[0], h.ptr);
	}
	if (px_buf_failed(&h))
		t[0].failed = 1;
	for (i = 0; i < s->nrows; i++) {
		px_table_str(&t[0], s->rows[i]->id);
		px_table_str(&t[0], s->rows[i]->label[lang]);
		px_table_int(&t[0], s->codes[i].segments);
		px_table_int(&t[0], s->codes[i].notes);
		for (k = 0; k < s->ncols; k++) {
			px_table_int(&t[0], px_stats_cell(s, i, k)->segments);
			px_table_int(&t[0], px_stats_cell(s, i, k)->notes);
		}
	}
	px_table_init(&t[1], "communities", 4);
	px_table_str(&t[1], "id");
	px_table_str(&t[1], "notes");
	px_table_str(&t[1], "sessions");
	px_table_str(&t[1], "attendance");
	for (i = 0; i < s->ncounted; i++) {
		px_table_str(&t[1], s->communities[i].id);
		px_table_int(&t[1], s->communities[i].notes);
		px_table_int(&t[1], s->communities[i].sessions);
		px_table_int(&t[1], s->communities[i].attendance);
	}
	px_table_init(&t[2], "cooccurrence", 3);
	px_table_str(&t[2], "a");
	px_table_str(&t[2], "b");
	px_table_str(&t[2], "segments");
	for (i = 0; i < s->npairs; i++) {
		px_table_str(&t[2], s->pairs[i].a);
		px_table_str(&t[2], s->pairs[i].b);
		px_table_int(&t[2], s->pairs[i].segments);
	}
	px_buf_free(&h);
}
