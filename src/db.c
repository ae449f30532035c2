#define PX_DB_INTERNAL
#include "db.h"

#include <assert.h>
#include <stdlib.h>

/* The statements of one index, by the address of their SQL. A handful
 * per command: a linear search is the fastest there is. */
struct px_db_cache {
	const char **sql;
	sqlite3_stmt **st;
	size_t n, cap;
};

sqlite3_stmt *px_db_stmt(px_index *ix, const char *sql, px_diag *d)
{
	struct px_db_cache *c = ix->cache;
	sqlite3_stmt *st = NULL;
	size_t i;

	if (!c) {
		c = calloc(1, sizeof *c);
		if (!c)
			goto oom;
		ix->cache = c;
	}
	for (i = 0; i < c->n; i++)
		if (c->sql[i] == sql) {
			sqlite3_reset(c->st[i]);
			sqlite3_clear_bindings(c->st[i]);
			return c->st[i];
		}
	if (c->n == c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 16;
		const char **s = realloc(c->sql, cap * sizeof *s);
		sqlite3_stmt **t;
		if (!s)
			goto oom;
		c->sql = s;
		t = realloc(c->st, cap * sizeof *t);
		if (!t)
			goto oom;
		c->st = t;
		c->cap = cap;
	}
	if (sqlite3_prepare_v3(ix->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK) {
		px_index_error(d, ix);
		sqlite3_finalize(st);
		return NULL;
	}
	c->sql[c->n] = sql;
	c->st[c->n++] = st;
	return st;
oom:
	px_diag_add(d, NULL, 0, 0, PX_SEV_ERROR, "environment", MSG_OOM);
	return NULL;
}

int px_db_step(px_index *ix, sqlite3_stmt *st, px_diag *d)
{
	int rc = sqlite3_step(st);

	if (rc == SQLITE_ROW)
		return 1;
	if (rc != SQLITE_DONE)
		px_index_error(d, ix);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

const char *px_db_text(sqlite3_stmt *st, int i)
{
	const char *s = (const char *)sqlite3_column_text(st, i);
	return s ? s : "";
}

long long px_db_int(sqlite3_stmt *st, int i)
{
	return sqlite3_column_int64(st, i);
}

int px_db_is_null(sqlite3_stmt *st, int i)
{
	return sqlite3_column_type(st, i) == SQLITE_NULL;
}

/* Binds without copying (SQLITE_STATIC): nothing to allocate, so a
 * binding cannot fail and leave NULL ("any") in its place. The caller's
 * value outlives the statement's run; px_db_stmt clears the bindings
 * before the statement is used again. */
static void bind_text(sqlite3_stmt *st, int i, const char *v)
{
	if (v)
		sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, i);
}

void px_db_bind_text(sqlite3_stmt *st, const char *name, const char *v)
{
	int i = sqlite3_bind_parameter_index(st, name);

	assert(i > 0); /* a name the SQL lacks is a bug of the data layer */
	bind_text(st, i, v);
}

void px_db_bind_int(sqlite3_stmt *st, const char *name, long long v)
{
	int i = sqlite3_bind_parameter_index(st, name);

	assert(i > 0);
	sqlite3_bind_int64(st, i, v);
}

void px_db_bind_scope(sqlite3_stmt *st, const px_db_scope *s)
{
	static const char *const names[] = { ":cycle", ":community", ":lang" };
	const char *v[3] = { s ? s->cycle : NULL, s ? s->community : NULL, s ? s->lang : NULL };
	int k, i;

	/* a statement may filter by some of the scope only */
	for (k = 0; k < 3; k++)
		if ((i = sqlite3_bind_parameter_index(st, names[k])) > 0)
			bind_text(st, i, v[k]);
}

void px_db_release(px_index *ix)
{
	struct px_db_cache *c = ix ? ix->cache : NULL;
	size_t i;

	if (!c)
		return;
	for (i = 0; i < c->n; i++)
		sqlite3_finalize(c->st[i]);
	free(c->sql);
	free(c->st);
	free(c);
	ix->cache = NULL;
}
