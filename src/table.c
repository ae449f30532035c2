#include "table.h"

#include <stdlib.h>
#include <string.h>

void px_table_init(px_table *t, const char *name, size_t ncols)
{
	memset(t, 0, sizeof *t);
	t->name = name;
	t->ncols = ncols ? ncols : 1;
}

static px_cell *next(px_table *t)
{
	if (t->failed)
		return NULL;
	if (t->n == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 64;
		px_cell *v = cap > t->cap ? realloc(t->cells, cap * sizeof *v) : NULL;
		if (!v) {
			t->failed = 1;
			return NULL;
		}
		t->cells = v;
		t->cap = cap;
	}
	memset(&t->cells[t->n], 0, sizeof *t->cells);
	return &t->cells[t->n++];
}

void px_table_str(px_table *t, const char *s)
{
	px_cell *c = next(t);

	if (c)
		c->s = s ? s : "";
}

void px_table_dup(px_table *t, const char *s)
{
	char *copy = strdup(s ? s : "");
	px_cell *c;

	if (!copy) {
		t->failed = 1;
		return;
	}
	if (!(c = next(t))) {
		free(copy);
		return;
	}
	c->s = copy;
	c->owned = 1;
}

void px_table_int(px_table *t, long long v)
{
	px_cell *c = next(t);

	if (c)
		c->i = v;
}

size_t px_table_rows(const px_table *t)
{
	return t->n / t->ncols;
}

const px_cell *px_table_cell(const px_table *t, size_t row, size_t col)
{
	return &t->cells[row * t->ncols + col];
}

void px_table_free(px_table *t)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		if (t->cells[i].owned)
			free((char *)t->cells[i].s);
	free(t->cells);
	memset(t, 0, sizeof *t);
}
