/*
 * db_rows.c - the plain structs the data layer's listings fill (db.h):
 * reading them from a row, growing their arrays, freeing them.
 */
#define PX_DB_INTERNAL
#include "db.h"

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

static void segment_free(px_db_segment *g)
{
	free(g->path);
	free(g->community);
	free(g->cycle);
	free(g->date);
	free(g->lang);
	free(g->kind);
	free(g->heading);
	free(g->text);
	free(g->title);
}

void px_db_segments_free(px_db_segment *v, size_t n)
{
	size_t i;

	for (i = 0; v && i < n; i++)
		segment_free(&v[i]);
	free(v);
}

void px_db_notes_free(px_db_note *v, size_t n)
{
	size_t i;

	for (i = 0; v && i < n; i++) {
		free(v[i].path);
		free(v[i].blob);
		free(v[i].community);
		free(v[i].cycle);
		free(v[i].date);
		free(v[i].lang);
		free(v[i].title);
		free(v[i].author);
		free(v[i].summary);
	}
	free(v);
}

void px_db_tallies_free(px_db_tally *v, size_t n)
{
	size_t i;

	for (i = 0; v && i < n; i++)
		free(v[i].id);
	free(v);
}

void px_db_hit_clear(px_db_hit *h)
{
	segment_free(&h->seg);
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

int px_db_collect(px_db_rows *r, px_index *ix, sqlite3_stmt *st, px_db_fill_fn fill,
		  px_db_drop_fn drop, px_diag *d)
{
	int rc;

	while ((rc = px_db_step(ix, st, d)) == 1) {
		void *row = px_db_push(&r->v, &r->n, &r->cap, r->size);
		if (!row || fill(row, st) < 0) {
			rc = px_db_oom(st, d);
			break;
		}
	}
	if (rc < 0) {
		drop(r->v, r->n);
		r->v = NULL;
		r->n = 0;
		return -1;
	}
	return 0;
}

int px_db_list(void *out, size_t *n, size_t size, px_index *ix, sqlite3_stmt *st,
	       px_db_fill_fn fill, px_db_drop_fn drop, px_diag *d)
{
	px_db_rows r = { NULL, 0, 0, size };
	int rc;

	memcpy(out, &r.v, sizeof r.v);
	*n = 0;
	if (!st)
		return -1;
	rc = px_db_collect(&r, ix, st, fill, drop, d);
	memcpy(out, &r.v, sizeof r.v);
	*n = r.n;
	return rc;
}

int px_db_fill_segment(void *row, sqlite3_stmt *st) { return px_db_read_segment(row, st, 0); }
int px_db_fill_note(void *row, sqlite3_stmt *st) { return px_db_read_note(row, st, 0); }

int px_db_fill_tally(void *row, sqlite3_stmt *st)
{
	px_db_tally *t = row;

	t->segments = px_db_int(st, 1);
	t->notes = px_db_int(st, 2);
	return (t->id = px_db_dup(st, 0)) ? 0 : -1;
}

int px_db_fill_string(void *row, sqlite3_stmt *st)
{
	char **s = row;

	return (*s = px_db_dup(st, 0)) ? 0 : -1;
}

void px_db_drop_segments(void *v, size_t n) { px_db_segments_free(v, n); }
void px_db_drop_notes(void *v, size_t n) { px_db_notes_free(v, n); }
void px_db_drop_tallies(void *v, size_t n) { px_db_tallies_free(v, n); }
void px_db_drop_strings(void *v, size_t n) { px_strv_free(v, n); }
