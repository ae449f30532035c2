/*
 * db_rows.c - the plain structs the data layer's listings fill (db.h):
 * reading them from a row, growing their arrays, freeing them.
 */
#define PX_DB_INTERNAL
#include "db.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

char *px_db_dup(sqlite3_stmt *st, int i)
{
	return strdup(px_db_text(st, i));
}

void *px_db_push(void *pv, size_t *n, size_t *cap, size_t size)
{
	char *v;

	memcpy(&v, pv, sizeof v);
	if (*n == *cap) {
		size_t c = *cap ? *cap * 2 : 16;
		char *p = c > (size_t)-1 / size ? NULL : realloc(v, c * size);
		if (!p)
			return NULL;
		v = p;
		memcpy(pv, &v, sizeof v);
		*cap = c;
	}
	memset(v + *n * size, 0, size);
	return v + (*n)++ * size;
}

int px_db_oom(sqlite3_stmt *st, px_diag *d)
{
	sqlite3_reset(st);
	px_diag_add(d, NULL, 0, 0, PX_SEV_ERROR, "environment", MSG_OOM);
	return -1;
}

int px_db_read_segment(px_db_segment *g, sqlite3_stmt *st, int first)
{
	g->id = px_db_int(st, first);
	g->path = px_db_dup(st, first + 1);
	g->community = px_db_dup(st, first + 2);
	g->cycle = px_db_dup(st, first + 3);
	g->session = (long)px_db_int(st, first + 4);
	g->date = px_db_dup(st, first + 5);
	g->lang = px_db_dup(st, first + 6);
	g->line = (long)px_db_int(st, first + 7);
	g->kind = px_db_dup(st, first + 8);
	g->heading = px_db_dup(st, first + 9);
	g->text = px_db_dup(st, first + 10);
	g->task = (int)px_db_int(st, first + 11);
	g->last_line = (long)px_db_int(st, first + 12);
	g->title = px_db_dup(st, first + 13);
	return g->path && g->community && g->cycle && g->date && g->lang && g->kind && g->heading &&
	       g->text && g->title ? 0 : -1;
}

int px_db_read_note(px_db_note *n, sqlite3_stmt *st, int first)
{
	n->id = px_db_int(st, first);
	n->path = px_db_dup(st, first + 1);
	n->blob = px_db_dup(st, first + 2);
	n->community = px_db_dup(st, first + 3);
	n->cycle = px_db_dup(st, first + 4);
	n->session = (long)px_db_int(st, first + 5);
	n->date = px_db_dup(st, first + 6);
	n->lang = px_db_dup(st, first + 7);
	n->title = px_db_dup(st, first + 8);
	n->author = px_db_dup(st, first + 9);
	n->summary = px_db_dup(st, first + 10);
	n->attendance = (long)px_db_int(st, first + 11);
	return n->path && n->blob && n->community && n->cycle && n->date && n->lang && n->title &&
	       n->author && n->summary ? 0 : -1;
}

void px_db_segments_free(px_db_segment *v, size_t n) { px_db_rows_free(v, n, &px_db_segment_type); }
void px_db_notes_free(px_db_note *v, size_t n) { px_db_rows_free(v, n, &px_db_note_type); }
void px_db_tallies_free(px_db_tally *v, size_t n) { px_db_rows_free(v, n, &px_db_tally_type); }

void px_db_hit_clear(px_db_hit *h)
{
	px_db_row_clear(&h->seg, &px_db_segment_type);
	px_strv_free(h->codes, h->ncodes);
	free(h->snippet);
	memset(h, 0, sizeof *h);
}

void px_db_hits_free(px_db_hit *v, size_t n)
{
	size_t i;

	for (i = 0; v && i < n; i++)
		px_db_hit_clear(&v[i]);
	free(v);
}

void px_db_row_clear(void *row, const px_db_rowtype *t)
{
	const size_t *o;
	char *p;

	for (o = t->strings; *o != PX_DB_END; o++) {
		memcpy(&p, (char *)row + *o, sizeof p);
		free(p);
	}
}

void px_db_rows_free(void *v, size_t n, const px_db_rowtype *t)
{
	size_t i;

	for (i = 0; v && i < n; i++)
		px_db_row_clear((char *)v + i * t->size, t);
	free(v);
}

int px_db_list(void *out, size_t *n, const px_db_rowtype *t, px_index *ix, sqlite3_stmt *st,
	       px_diag *d)
{
	char *v = NULL;
	size_t cap = 0;
	int rc = -1;

	memcpy(out, &v, sizeof v);
	*n = 0;
	if (!st)
		return -1;
	while ((rc = px_db_step(ix, st, d)) == 1) {
		void *row = px_db_push(&v, n, &cap, t->size);
		if (!row || t->fill(row, st) < 0) {
			rc = px_db_oom(st, d);
			break;
		}
	}
	if (rc < 0) {
		px_db_rows_free(v, *n, t);
		*n = 0;
		return -1;
	}
	memcpy(out, &v, sizeof v);
	return 0;
}

static int fill_segment(void *row, sqlite3_stmt *st) { return px_db_read_segment(row, st, 0); }
static int fill_note(void *row, sqlite3_stmt *st) { return px_db_read_note(row, st, 0); }

static int fill_tally(void *row, sqlite3_stmt *st)
{
	px_db_tally *t = row;

	t->segments = px_db_int(st, 1);
	t->notes = px_db_int(st, 2);
	return (t->id = px_db_dup(st, 0)) ? 0 : -1;
}

static int fill_string(void *row, sqlite3_stmt *st)
{
	char **s = row;

	return (*s = px_db_dup(st, 0)) ? 0 : -1;
}

#define S(type, field) offsetof(type, field)
static const size_t segment_strings[] = {
	S(px_db_segment, path), S(px_db_segment, community), S(px_db_segment, cycle),
	S(px_db_segment, date), S(px_db_segment, lang), S(px_db_segment, kind),
	S(px_db_segment, heading), S(px_db_segment, text), S(px_db_segment, title), PX_DB_END
};
static const size_t note_strings[] = {
	S(px_db_note, path), S(px_db_note, blob), S(px_db_note, community), S(px_db_note, cycle),
	S(px_db_note, date), S(px_db_note, lang), S(px_db_note, title), S(px_db_note, author),
	S(px_db_note, summary), PX_DB_END
};
static const size_t tally_strings[] = { S(px_db_tally, id), PX_DB_END };
static const size_t string_strings[] = { 0, PX_DB_END };
#undef S

const px_db_rowtype px_db_segment_type = { sizeof(px_db_segment), fill_segment, segment_strings };
const px_db_rowtype px_db_note_type = { sizeof(px_db_note), fill_note, note_strings };
const px_db_rowtype px_db_tally_type = { sizeof(px_db_tally), fill_tally, tally_strings };
const px_db_rowtype px_db_string_type = { sizeof(char *), fill_string, string_strings };
