/*
 * fts_ext.c - the "praxis" tokenizer as an SQLite loadable extension, so
 * that the sqlite3 shell can read praxis's full-text index:
 *
 *     sqlite> .load ./build/praxisfts
 *     sqlite> SELECT rowid FROM t WHERE t MATCH 'ziekenhuizen';
 *
 * Link it with fts.c compiled with -DPX_FTS_EXTENSION, which makes fts.c
 * call SQLite through the sqlite3_api pointer defined here. Built into
 * praxis itself, this file is never linked (nothing refers to it).
 */
#include <sqlite3ext.h>
SQLITE_EXTENSION_INIT1

#include "fts.h"

/* the one symbol the extension needs to export (-fvisibility=hidden) */
#if defined(_WIN32)
__declspec(dllexport)
#elif defined(__GNUC__)
__attribute__((visibility("default")))
#endif
int sqlite3_praxisfts_init(sqlite3 *db, char **errmsg,
			   const sqlite3_api_routines *api);

int sqlite3_praxisfts_init(sqlite3 *db, char **errmsg,
			   const sqlite3_api_routines *api)
{
	int rc;

	SQLITE_EXTENSION_INIT2(api);
	rc = px_fts_register(db);
	if (rc != SQLITE_OK && errmsg)
		*errmsg = sqlite3_mprintf("praxisfts: cannot register the praxis tokenizer: %s",
					  sqlite3_errstr(rc));
	return rc;
}
