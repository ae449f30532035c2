/*
 * matrix.c - the code matrices (matrix.h): code x community, code x
 * session, code x code, from the data layer's counts.
 */
#include "matrix.h"

#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "kb.h"
#include "text.h"

const char *const px_matrix_names[] = { "community", "session", "code", NULL };

static void oom(px_diag *d)
{
	px_diag_add(d, NULL, 0, 0, PX_SEV_ERROR, "environment", MSG_OOM);
}

/* sessions in order: cycle, community, session, date, path */
static int by_session(const void *a, const void *b)
{
	const px_db_note *x = ((const px_matrix_col *)a)->note, *y = ((const px_matrix_col *)b)->note;
	int c;

	if ((c = strcmp(x->cycle, y->cycle)) || (c = strcmp(x->community, y->community)))
		return c;
	if (x->session != y->session)
		return x->session < y->session ? -1 : 1;
	if ((c = strcmp(x->date, y->date)))
		return c;
	return strcmp(x->path, y->path);
}

static int by_id(const void *a, const void *b)
{
	return strcmp((*(const px_matrix_col *const *)a)->id, (*(const px_matrix_col *const *)b)->id);
}

/* The column whose id is `id`: through `index` (the columns sorted by
 * id), or -1. */
static long col_of(px_matrix_col *const *index, size_t n, const char *id)
{
	px_matrix_col key, *kp = &key;
	px_matrix_col *const *hit;

	key.id = id;
	hit = bsearch(&kp, index, n, sizeof *index, by_id);
	return hit ? (long)(hit - index) : -1;
}

static int columns(px_matrix *m, px_index *ix, const px_db_scope *s, px_diag *d)
{
	const px_kb *kb = m->kb;
	const px_codebook *cb = kb->cb;
	size_t i, cap;

	switch (m->opts.cols) {
	case PX_MATRIX_COMMUNITY: cap = kb->ncommunities; break;
	case PX_MATRIX_CODE: cap = cb->ncodes; break;
	default:
		if (px_db_export_notes(&m->notes, &m->nnotes, ix, s, d) < 0)
			return -1;
		cap = m->nnotes;
	}
	if (!(m->cols = calloc(cap + 1, sizeof *m->cols))) {
		oom(d);
		return -1;
	}
	switch (m->opts.cols) {
	case PX_MATRIX_COMMUNITY:
		for (i = 0; i < kb->ncommunities; i++) {
			const px_community *c = &kb->communities[i];
			if (m->opts.community && strcmp(m->opts.community, c->id))
				continue;
			m->cols[m->ncols].id = c->id;
			m->cols[m->ncols++].community = c;
		}
		break;
	case PX_MATRIX_CODE:
		for (i = 0; i < cb->ncodes; i++) {
			m->cols[m->ncols].id = cb->codes[i].id;
			m->cols[m->ncols++].code = &cb->codes[i];
		}
		break;
	default:
		for (i = 0; i < m->nnotes; i++) {
			m->cols[m->ncols].id = m->notes[i].path;
			m->cols[m->ncols++].note = &m->notes[i];
		}
		if (m->ncols > 1)
			qsort(m->cols, m->ncols, sizeof *m->cols, by_session);
	}
	return 0;
}

/* Adds `n` to the cell of code `code`, column `id` (through `index`). */
static void add(px_matrix *m, px_matrix_col *const *index, const char *code, const char *id,
		long long n)
{
	const px_code *c = px_codebook_code(m->kb->cb, code);
	long k = col_of(index, m->ncols, id);
	size_t r;

	if (!c || k < 0)
		return;
	for (r = 0; r < m->nrows; r++)
		if (m->rows[r] == c) {
			m->cells[r * m->ncols + (size_t)(index[k] - m->cols)] += n;
			return;
		}
}

int px_matrix_gather(px_matrix *out, px_index *ix, const px_matrix_opts *o, px_diag *d)
{
	const px_codebook *cb = ix->kb->cb;
	px_db_scope scope = PX_DB_SCOPE_INIT;
	px_db_code_key *keys = NULL;
	px_db_pair *pairs = NULL;
	px_matrix_col **index = NULL;
	size_t nkeys = 0, npairs = 0, i, r;
	int rc = -1;

	memset(out, 0, sizeof *out);
	out->kb = ix->kb;
	out->opts = *o;
	scope.cycle = o->cycle;
	scope.community = o->community;
	out->rows = calloc(cb->ncodes + 1, sizeof *out->rows);
	out->totals = calloc(cb->ncodes + 1, sizeof *out->totals);
	if (!out->rows || !out->totals)
		goto oom;
	for (i = 0; i < cb->ncodes; i++)
		out->rows[out->nrows++] = &cb->codes[i];
	if (columns(out, ix, &scope, d) < 0)
		goto done;
	if (!(out->cells = calloc(out->nrows * out->ncols + 1, sizeof *out->cells)) ||
	    !(index = calloc(out->ncols + 1, sizeof *index)))
		goto oom;
	for (i = 0; i < out->ncols; i++)
		index[i] = &out->cols[i];
	if (out->ncols > 1)
		qsort(index, out->ncols, sizeof *index, by_id);
	/* the cells by community or note; every segment is in one of each,
	 * so a code's rows add up to its total */
	if (px_db_code_cells(&keys, &nkeys, ix, &scope, o->cols == PX_MATRIX_SESSION, d) < 0)
		goto done;
	for (i = 0; i < nkeys; i++) {
		const px_code *c = px_codebook_code(cb, keys[i].code);
		for (r = 0; c && r < out->nrows; r++)
			if (out->rows[r] == c)
				out->totals[r] += keys[i].segments;
		if (o->cols != PX_MATRIX_CODE)
			add(out, index, keys[i].code, keys[i].key, keys[i].segments);
	}
	if (o->cols == PX_MATRIX_CODE) {
		if (px_db_code_pairs(&pairs, &npairs, ix, &scope, d) < 0)
			goto done;
		for (i = 0; i < npairs; i++) {
			add(out, index, pairs[i].a, pairs[i].b, pairs[i].segments);
			add(out, index, pairs[i].b, pairs[i].a, pairs[i].segments);
		}
		/* a code with itself: its segments (rows and columns are the
		 * same codes in the same order) */
		for (r = 0; r < out->nrows; r++)
			out->cells[r * out->ncols + r] = out->totals[r];
	}
	rc = 0;
	goto done;
oom:
	oom(d);
done:
	free(index);
	px_db_code_keys_free(keys, nkeys);
	px_db_pairs_free(pairs, npairs);
	if (rc)
		px_matrix_free(out);
	return rc;
}

long long px_matrix_cell(const px_matrix *m, size_t row, size_t col)
{
	return m->cells[row * m->ncols + col];
}


void px_matrix_json(px_buf *out, const px_matrix *m)
{
	const px_codebook *cb = m->kb->cb;
	px_json j;
	size_t i, k;

	px_json_init(&j, out);
	px_json_object(&j);
	px_json_kstr(&j, "cols", px_matrix_names[m->opts.cols]);
	px_json_kstr(&j, "cycle", m->opts.cycle);
	px_json_kstr(&j, "community", m->opts.community);
	px_json_key(&j, "columns");
	px_json_array(&j);
	for (k = 0; k < m->ncols; k++) {
		const px_matrix_col *c = &m->cols[k];
		px_json_object(&j);
		px_json_kstr(&j, "id", c->id);
		if (c->community)
			px_json_kbilingual(&j, "name", c->community->name);
		if (c->code)
			px_json_kbilingual(&j, "label", c->code->label);
		if (c->note) {
			px_json_kstr(&j, "community", c->note->community);
			px_json_kstr(&j, "cycle", c->note->cycle);
			px_json_kint(&j, "session", c->note->session);
			px_json_kstr(&j, "date", c->note->date);
		}
		px_json_end(&j);
	}
	px_json_end(&j);
	px_json_key(&j, "codes");
	px_json_array(&j);
	for (i = 0; i < m->nrows; i++) {
		const px_code *c = m->rows[i];
		px_json_object(&j);
		px_json_kstr(&j, "code", c->id);
		px_json_kstr(&j, "category", cb->cats[c->category].id);
		px_json_kbilingual(&j, "label", c->label);
		px_json_kint(&j, "segments", m->totals[i]);
		px_json_key(&j, "cells");
		px_json_array(&j);
		for (k = 0; k < m->ncols; k++)
			px_json_int(&j, px_matrix_cell(m, i, k));
		px_json_end(&j);
		px_json_end(&j);
	}
	px_json_end(&j);
	px_json_end(&j);
}

void px_matrix_table(px_table *t, const px_matrix *m)
{
	size_t i, k;

	px_table_init(t, "matrix", 4 + m->ncols);
	px_table_str(t, "code");
	px_table_str(t, "label_nl");
	px_table_str(t, "label_fr");
	px_table_str(t, "segments");
	for (k = 0; k < m->ncols; k++)
		px_table_str(t, m->cols[k].id);
	for (i = 0; i < m->nrows; i++) {
		px_table_str(t, m->rows[i]->id);
		px_table_str(t, m->rows[i]->label[PX_LANG_NL]);
		px_table_str(t, m->rows[i]->label[PX_LANG_FR]);
		px_table_int(t, m->totals[i]);
		for (k = 0; k < m->ncols; k++)
			px_table_int(t, px_matrix_cell(m, i, k));
	}
}

/* `s` right-aligned in `w` columns (its width counted in bytes: ids
 * and numbers are ASCII, a path may not be, which only shifts its line) */
static void pad(px_buf *out, const char *s, size_t w, int left)
{
	size_t n = strlen(s);

	if (left)
		px_buf_term_str(out, s, PX_TERM_LINE);
	for (; n < w; n++)
		px_buf_putc(out, ' ');
	if (!left)
		px_buf_term_str(out, s, PX_TERM_LINE);
}

void px_matrix_text(px_buf *out, const px_matrix *m)
{
	size_t i, k, w0 = strlen(px_msg(MSG_STATS_CODE)), wt = strlen(px_msg(MSG_STATS_TOTAL));
	size_t *w = calloc(m->ncols + 1, sizeof *w);
	char num[32];

	if (!w) {
		if (!out->err)
			out->err = PX_BUF_ENOMEM; /* the consumer refuses the text */
		return;
	}
	for (i = 0; i < m->nrows; i++) {
		if (strlen(m->rows[i]->id) > w0)
			w0 = strlen(m->rows[i]->id);
		if ((size_t)snprintf(num, sizeof num, "%lld", m->totals[i]) > wt)
			wt = strlen(num);
	}
	for (k = 0; k < m->ncols; k++) {
		w[k] = strlen(m->cols[k].id);
		for (i = 0; i < m->nrows; i++)
			if ((size_t)snprintf(num, sizeof num, "%lld", px_matrix_cell(m, i, k)) > w[k])
				w[k] = strlen(num);
	}
	pad(out, px_msg(MSG_STATS_CODE), w0, 1);
	px_buf_puts(out, "  ");
	pad(out, px_msg(MSG_STATS_TOTAL), wt, 0);
	for (k = 0; k < m->ncols; k++) {
		px_buf_puts(out, "  ");
		pad(out, m->cols[k].id, w[k], 0);
	}
	px_buf_putc(out, '\n');
	for (i = 0; i < m->nrows; i++) {
		pad(out, m->rows[i]->id, w0, 1);
		px_buf_puts(out, "  ");
		snprintf(num, sizeof num, "%lld", m->totals[i]);
		pad(out, num, wt, 0);
		for (k = 0; k < m->ncols; k++) {
			long long v = px_matrix_cell(m, i, k);
			snprintf(num, sizeof num, "%lld", v);
			px_buf_puts(out, "  ");
			pad(out, v ? num : ".", w[k], 0);
		}
		px_buf_putc(out, '\n');
	}
	free(w);
}

void px_matrix_free(px_matrix *m)
{
	if (!m)
		return;
	free(m->rows);
	free(m->cols);
	free(m->cells);
	free(m->totals);
	px_db_notes_free(m->notes, m->nnotes);
	memset(m, 0, sizeof *m);
}
