/* The search query parser: any text gives a query or diagnostics. The
 * FTS5 expression it makes then runs, with the "praxis" tokenizer and
 * the index's columns, against the same text indexed as a document,
 * snippet included; FTS5 must accept every expression the parser made
 * (the parser's grammar writes only what FTS5 reads). */
#include "fuzz.h"

#include <sqlite3.h>

#include "fts.h"
#include "query.h"

static sqlite3_stmt *ins, *del, *sel;

static void open_index(void)
{
	sqlite3 *db;

	if (sqlite3_open(":memory:", &db) != SQLITE_OK || px_fts_register(db) != SQLITE_OK ||
	    sqlite3_exec(db, "CREATE VIRTUAL TABLE t USING fts5(text, heading, scope, tokenize = 'praxis')", NULL,
			 NULL, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "INSERT INTO t (rowid, text) VALUES (1, ?)", -1, &ins, NULL) ||
	    sqlite3_prepare_v2(db, "DELETE FROM t", -1, &del, NULL) ||
	    sqlite3_prepare_v2(db, "SELECT rowid, snippet(t, 0, '[', ']', '...', 8) FROM t "
			       "WHERE t MATCH ? ORDER BY rank", -1, &sel, NULL))
		fz_die("cannot make the in-memory index", NULL);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const px_kb *kb = fz_kb();
	char *text;
	px_diag d = PX_DIAG_INIT;
	px_query q;
	int rc;

	if (memchr(data, '\0', size))
		return 0; /* a query is a C string: the command line has no NULs */
	if (!sel)
		open_index();
	text = fz_cstr(data, size);
	if (px_query_parse(&q, text, kb->cb, &d) == 0 && q.fts.len) {
		sqlite3_step(del);
		sqlite3_reset(del);
		sqlite3_bind_text(ins, 1, text, (int)size, SQLITE_STATIC);
		sqlite3_step(ins);
		sqlite3_reset(ins);
		sqlite3_bind_text(sel, 1, q.fts.ptr, (int)q.fts.len, SQLITE_STATIC);
		while ((rc = sqlite3_step(sel)) == SQLITE_ROW)
			;
		if (rc != SQLITE_DONE) {
			fprintf(stderr, "fuzz: %s\n", q.fts.ptr);
			fz_die("FTS5 refused the expression", NULL);
		}
		sqlite3_reset(sel);
		sqlite3_clear_bindings(ins);
		sqlite3_clear_bindings(sel);
	}
	px_query_free(&q);
	fz_report(&d);
	free(text);
	return 0;
}
