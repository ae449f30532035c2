#include "index.h"

#include <sqlite3.h>

#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include "data.h"
#include "db.h"
#include "fold.h"
#include "fts.h"
#include "note.h"
#include "out.h"
#include "search.h"

#define SCHEMA_KEY "schema"
#define CODEBOOK_KEY "codebook"
#define COMMIT_KEY "commit"
#define LAYOUT_KEY "layout"
#define FOLDING_KEY "folding" /* PX_FOLD_VERSION: the tokenizer's folding */
#define INDEXES_MARK "-- @indexes"
/* SQLite's page cache in KB: memory must not grow with the knowledge
 * base (a 64 MB cache saves under 10% of a rebuild); while a rebuild
 * creates its indexes, half of it, the sorter taking the other half */
#define CACHE_KB "16384"
#define CACHE_KB_SORTING "8192"
/* FTS5 keeps the terms of the rows inserted in a transaction in a hash
 * and writes them out as a new segment when it holds this many bytes
 * (FTS5's 'hashsize' option; its default is 1 MB). Segments are merged
 * four at a level: at 100,000 notes, 1 MB made hundreds of first-level
 * segments, each byte merged about five times. 8 MB makes a full
 * rebuild 27% less CPU (doc/benchmarks.md a.) for 8 MB more peak memory.
 * Kept in the table's own configuration, so later commits use it too;
 * they hold far less than 8 MB of new terms. */
#define FTS_HASH_BYTES "8388608"

static const char *px_col(sqlite3_stmt *st, int i)
{
	const char *s = (const char *)sqlite3_column_text(st, i);
	return s ? s : "";
}

/* The code of the last error reported, to tell damage from the rest. */
static int last_error;

static void sql_error(px_diag *d, sqlite3 *db)
{
	px_msgid id = MSG_INDEX_ERROR;

	last_error = db ? sqlite3_extended_errcode(db) : SQLITE_ERROR;
	/* the user's sentence by the kind of failure; SQLite's own
	 * (English) text after it, marked as SQLite's */
	switch (last_error & 0xff) {
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB:
	case SQLITE_FORMAT:
		id = MSG_INDEX_CORRUPT;
		break;
	case SQLITE_READONLY:
	case SQLITE_CANTOPEN:
	case SQLITE_PERM:
		id = MSG_INDEX_READONLY;
		break;
	case SQLITE_FULL:
		id = MSG_INDEX_FULL;
		break;
	case SQLITE_IOERR:
		id = MSG_INDEX_IOERR;
		break;
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		id = MSG_INDEX_BUSY;
		break;
	case SQLITE_NOMEM:
		id = MSG_INDEX_NOMEM;
		break;
	default:
		break;
	}
	px_diag_add(d, NULL, 0, 0, PX_SEV_ERROR, "index", id, db ? sqlite3_errmsg(db) : "?");
}

void px_index_error(px_diag *d, const px_index *ix)
{
	sql_error(d, ix ? ix->db : NULL);
}

typedef struct {
	px_index *ix;
	px_diag *d;
	sqlite3_stmt *ins_note, *ins_method, *ins_moderator, *ins_theme, *ins_seg, *ins_code,
		*ins_fts, *del_fts, *del_note, *find_note;
	long done, total;
	int progress;
	px_buf scope;
} writer;

static int prep(writer *w, sqlite3_stmt **st, const char *sql)
{
	if (sqlite3_prepare_v2(w->ix->db, sql, -1, st, NULL) != SQLITE_OK) {
		sql_error(w->d, w->ix->db);
		return -1;
	}
	return 0;
}

static int writer_init(writer *w)
{
	return prep(w, &w->ins_note,
		    "INSERT INTO notes (path, blob, community, cycle, session, date, lang, author,"
		    " title, summary, attendance) VALUES (?,?,?,?,?,?,?,?,?,?,?)") |
	       prep(w, &w->ins_method, "INSERT INTO note_methods (note, method) VALUES (?,?)") |
	       prep(w, &w->ins_moderator, "INSERT INTO note_moderators (note, name) VALUES (?,?)") |
	       prep(w, &w->ins_theme, "INSERT INTO note_themes (note, code) VALUES (?,?)") |
	       prep(w, &w->ins_seg,
		    "INSERT INTO segments (note, ord, kind, heading, line, last_line, task, text, scope)"
		    " VALUES (?,?,?,?,?,?,?,?,?)") |
	       prep(w, &w->ins_code, "INSERT INTO segment_codes (segment, code) VALUES (?,?)") |
	       prep(w, &w->ins_fts, "INSERT INTO segments_fts (rowid, text, heading, scope) VALUES (?,?,?,?)") |
	       prep(w, &w->del_fts,
		    "INSERT INTO segments_fts (segments_fts, rowid, text, heading, scope)"
		    " SELECT 'delete', id, text, heading, scope FROM segments WHERE note = ?") |
	       prep(w, &w->del_note, "DELETE FROM notes WHERE id = ?") |
	       prep(w, &w->find_note, "SELECT id FROM notes WHERE path = ?");
}

static void writer_free(writer *w)
{
	sqlite3_finalize(w->ins_note);
	sqlite3_finalize(w->ins_method);
	sqlite3_finalize(w->ins_moderator);
	sqlite3_finalize(w->ins_theme);
	sqlite3_finalize(w->ins_seg);
	sqlite3_finalize(w->ins_code);
	sqlite3_finalize(w->ins_fts);
	sqlite3_finalize(w->del_fts);
	sqlite3_finalize(w->del_note);
	sqlite3_finalize(w->find_note);
	px_buf_free(&w->scope);
}

/* Every value bound lives until the statement has run (run()), so
 * SQLite need not copy it; every parameter is bound before each run
 * (NULL explicitly), so no binding is left over from the last. */
static void bind_text(sqlite3_stmt *st, int i, const char *s)
{
	if (s)
		sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, i);
}

static void bind_int_or_null(sqlite3_stmt *st, int i, int v, int present)
{
	if (present)
		sqlite3_bind_int(st, i, v);
	else
		sqlite3_bind_null(st, i);
}

static int run(writer *w, sqlite3_stmt *st)
{
	int rc = sqlite3_step(st);

	sqlite3_reset(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		sql_error(w->d, w->ix->db);
		return -1;
	}
	return 0;
}

static int insert_list(writer *w, sqlite3_stmt *st, sqlite3_int64 note, const px_vals *v)
{
	size_t i;

	for (i = 0; i < v->n; i++) {
		sqlite3_bind_int64(st, 1, note);
		bind_text(st, 2, v->v[i].s);
		if (run(w, st) < 0)
			return -1;
	}
	return 0;
}

static int insert_note(writer *w, const char *rel, const char *blob, const px_note *n)
{
	sqlite3_stmt *st = w->ins_note;
	sqlite3_int64 id;
	size_t i, k, note_scope;

	bind_text(st, 1, rel);
	bind_text(st, 2, blob);
	bind_text(st, 3, n->community.s);
	bind_text(st, 4, n->cycle_year ? n->cycle.s : NULL);
	bind_int_or_null(st, 5, n->session, n->session != 0);
	bind_text(st, 6, n->date.s);
	bind_text(st, 7, n->lang.s);
	bind_text(st, 8, n->author.s);
	bind_text(st, 9, n->title.s);
	bind_text(st, 10, n->summary.s);
	bind_int_or_null(st, 11, n->attendance, n->attendance >= 0);
	if (run(w, st) < 0)
		return -1;
	id = sqlite3_last_insert_rowid(w->ix->db);
	if (insert_list(w, w->ins_method, id, &n->methods) < 0 ||
	    insert_list(w, w->ins_moderator, id, &n->moderators) < 0)
		return -1;
	for (i = 0; i < n->ntheme_codes; i++) {
		sqlite3_bind_int64(w->ins_theme, 1, id);
		bind_text(w->ins_theme, 2, n->theme_codes[i]->id);
		if (run(w, w->ins_theme) < 0)
			return -1;
	}
	/* the note's scope words, the same for each of its segments */
	px_buf_clear(&w->scope);
	if (n->community.s)
		px_scope_word(&w->scope, 'c', n->community.s);
	if (n->cycle_year)
		px_scope_word(&w->scope, 'y', n->cycle.s);
	if (n->lang.s)
		px_scope_word(&w->scope, 'l', n->lang.s);
	note_scope = w->scope.len;
	for (i = 0; i < n->nsegs; i++) {
		const px_segment *s = &n->segs[i];
		sqlite3_int64 sid;
		px_buf_truncate(&w->scope, note_scope);
		px_scope_word(&w->scope, 'k', s->task >= 0 ? "followup" : px_seg_kind_name(s->kind));
		for (k = 0; k < s->ncodes; k++)
			px_scope_word(&w->scope, 'x', s->codes[k]->id);
		if (px_diag_buf(w->d, &w->scope, NULL) < 0)
			return -1;
		st = w->ins_seg;
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_int(st, 2, (int)i);
		bind_text(st, 3, px_seg_kind_name(s->kind));
		bind_text(st, 4, s->heading);
		sqlite3_bind_int(st, 5, s->first_line);
		sqlite3_bind_int(st, 6, s->last_line);
		bind_int_or_null(st, 7, s->task, s->task >= 0);
		bind_text(st, 8, s->text);
		bind_text(st, 9, w->scope.ptr);
		if (run(w, st) < 0)
			return -1;
		sid = sqlite3_last_insert_rowid(w->ix->db);
		sqlite3_bind_int64(w->ins_fts, 1, sid);
		bind_text(w->ins_fts, 2, s->text);
		bind_text(w->ins_fts, 3, s->heading);
		bind_text(w->ins_fts, 4, w->scope.ptr);
		if (run(w, w->ins_fts) < 0)
			return -1;
		for (k = 0; k < s->ncodes; k++) {
			sqlite3_bind_int64(w->ins_code, 1, sid);
			bind_text(w->ins_code, 2, s->codes[k]->id);
			if (run(w, w->ins_code) < 0)
				return -1;
		}
	}
	return 0;
}

static int delete_note(writer *w, const char *rel)
{
	sqlite3_int64 id;
	int rc;

	bind_text(w->find_note, 1, rel);
	rc = sqlite3_step(w->find_note);
	id = rc == SQLITE_ROW ? sqlite3_column_int64(w->find_note, 0) : -1;
	sqlite3_reset(w->find_note);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		sql_error(w->d, w->ix->db);
		return -1;
	}
	if (id < 0)
		return 0;
	sqlite3_bind_int64(w->del_fts, 1, id);
	if (run(w, w->del_fts) < 0)
		return -1;
	sqlite3_bind_int64(w->del_note, 1, id);
	return run(w, w->del_note);
}

static void progress(writer *w)
{
	w->done++;
	if (w->progress && (w->done % 250 == 0 || w->done == w->total)) {
		px_say(stderr, MSG_INDEX_PROGRESS, w->done, w->total);
		if (w->done == w->total)
			fputc('\n', stderr);
	}
}

/* Reads and parses one note's blob. *out is NULL for a note that cannot
 * be parsed at all: it stays out of the index (check says why). */
static int parse_blob(px_store *st, const px_codebook *cb, const char *rel, const px_oid *blob_id,
		      px_note **out, px_diag *d)
{
	px_buf b = PX_BUF_INIT;
	px_diag quiet = PX_DIAG_INIT;
	px_note_opts o = PX_NOTE_OPTS_INIT;
	int rc;

	*out = NULL;
	o.shown = 0; /* the index stores no shown texts: only check reads them */
	rc = px_store_blob(st, blob_id, rel, PX_NOTE_MAX, &b, d);
	if (rc == 0 && px_note_parse_opts(out, rel, b.ptr, b.len, cb, &o, &quiet) < 0 &&
	    px_diag_out_of_memory(&quiet)) {
		/* a note that cannot be parsed stays out of the index;
		 * one that could not be parsed for want of memory fails
		 * the update (it must not be left out as if it were broken) */
		px_diag_take(d, &quiet);
		rc = -1;
	}
	px_diag_free(&quiet);
	px_buf_free(&b);
	return rc < 0 ? -1 : 0;
}

static int index_blob(writer *w, const char *rel, const px_oid *blob_id)
{
	px_note *n = NULL;
	char hex[PX_OID_HEXSZ + 1];
	int rc = 0;

	if (parse_blob(w->ix->store, w->ix->kb->cb, rel, blob_id, &n, w->d) < 0)
		return -1;
	px_oid_hex(hex, blob_id);
	if (n)
		rc = insert_note(w, rel, hex, n);
	progress(w);
	px_note_free(n);
	return rc;
}

static int exec(px_index *ix, const char *sql, px_diag *d)
{
	if (sqlite3_exec(ix->db, sql, NULL, NULL, NULL) != SQLITE_OK) {
		sql_error(d, ix->db);
		return -1;
	}
	return 0;
}

static char *meta_get(px_index *ix, const char *key)
{
	sqlite3_stmt *st = NULL;
	char *v = NULL;

	if (sqlite3_prepare_v2(ix->db, "SELECT value FROM meta WHERE key = ?", -1, &st, NULL) != SQLITE_OK)
		return NULL;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = strdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return v;
}

static int meta_set(px_index *ix, const char *key, const char *value, px_diag *d)
{
	sqlite3_stmt *st = NULL;
	int rc;

	if (sqlite3_prepare_v2(ix->db, "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", -1,
			       &st, NULL) != SQLITE_OK) {
		sql_error(d, ix->db);
		return -1;
	}
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, value, -1, SQLITE_STATIC);
	rc = sqlite3_step(st) == SQLITE_DONE ? 0 : -1;
	if (rc)
		sql_error(d, ix->db);
	sqlite3_finalize(st);
	return rc;
}

/* Drops every table and creates them again from schema/index.sql. */
static int recreate(px_index *ix, const char *schema_sql, px_diag *d)
{
	static const char *const drops =
		"DROP VIEW IF EXISTS coded_segments; DROP VIEW IF EXISTS note_segments;"
		"DROP TABLE IF EXISTS segments_fts; DROP TABLE IF EXISTS segment_codes;"
		"DROP TABLE IF EXISTS segments; DROP TABLE IF EXISTS note_themes;"
		"DROP TABLE IF EXISTS note_moderators; DROP TABLE IF EXISTS note_methods;"
		"DROP TABLE IF EXISTS notes; DROP TABLE IF EXISTS meta;";
	static const char hashsize[] =
		"INSERT INTO segments_fts (segments_fts, rank) VALUES ('hashsize', " FTS_HASH_BYTES ")";

	const char *mark = strstr(schema_sql, INDEXES_MARK);
	char *tables = mark ? strndup(schema_sql, (size_t)(mark - schema_sql)) : strdup(schema_sql);
	int rc;

	rc = !tables || exec(ix, drops, d) < 0 || exec(ix, tables, d) < 0 ||
		     exec(ix, hashsize, d) < 0 ? -1 : 0;
	free(tables);
	return rc;
}

/* The part of the schema a full rebuild creates after loading. SQLite
 * sorts in memory up to the page cache's size on top of the cache
 * itself (at 100,000 notes 16 MB more, the rebuild's peak): while the
 * indexes are built the cache gives half its room to the sorter. */
static int create_indexes(px_index *ix, const char *schema_sql, px_diag *d)
{
	const char *mark = strstr(schema_sql, INDEXES_MARK);
	int rc;

	if (!mark)
		return 0;
	if (exec(ix, "PRAGMA cache_size=-" CACHE_KB_SORTING, d) < 0)
		return -1;
	rc = exec(ix, mark, d);
	if (exec(ix, "PRAGMA cache_size=-" CACHE_KB, d) < 0)
		rc = -1;
	return rc;
}

/* Errors that say the file is not a sound SQLite database. */
static int damaged_code(int rc)
{
	rc &= 0xff;
	return rc == SQLITE_CORRUPT || rc == SQLITE_NOTADB || rc == SQLITE_FORMAT;
}

/* SQLite counts every allocation under a global mutex (memory
 * statistics, which praxis never reads): a full rebuild makes over a
 * million, 4% of its instructions. Off once per process, before SQLite
 * starts (later, sqlite3_config refuses and nothing changes). */
static void sqlite_setup(void)
{
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

/* Opens the database file: read-only (a reader that needs no write
 * never fails for want of space), or read-write with WAL. With
 * `exclusive`, a read-only connection keeps SQLite's WAL index in memory
 * instead of the -shm file (for a full disk). Returns an SQLite code. */
static int open_db(px_index *ix, int writable, int exclusive, px_diag *d)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	int rc;

	pthread_once(&once, sqlite_setup);
	sqlite3_close(ix->db);
	ix->db = NULL;
	ix->readonly = !writable;
	rc = sqlite3_open_v2(ix->path, &ix->db,
			     writable ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE : SQLITE_OPEN_READONLY,
			     NULL);
	if (rc != SQLITE_OK)
		goto fail;
	sqlite3_busy_timeout(ix->db, 10000);
	rc = px_fts_register(ix->db);
	if (rc != SQLITE_OK)
		goto fail;
	if (exclusive && (rc = sqlite3_exec(ix->db, "PRAGMA locking_mode=EXCLUSIVE", NULL, NULL,
					    NULL)) != SQLITE_OK)
		goto fail;
	/* the first read: a file that is no database, or is cut short, says so here */
	rc = sqlite3_exec(ix->db, "SELECT count(*) FROM sqlite_master", NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		goto fail;
	if (writable && (rc = sqlite3_exec(ix->db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
						   " PRAGMA foreign_keys=ON;", NULL, NULL, NULL)) != SQLITE_OK)
		goto fail;
	sqlite3_exec(ix->db, "PRAGMA cache_size=-" CACHE_KB, NULL, NULL, NULL);
	return SQLITE_OK;
fail:
	(void)d;
	return rc;
}

/* The index file's identity when it was last known sound: size, change
 * time and inode. A file changed by anything but praxis is checked
 * (PRAGMA quick_check) before it is trusted. */
static void stamp_of(const char *path, px_buf *out)
{
	struct stat st;

	px_buf_clear(out);
	if (stat(path, &st) == 0)
		px_buf_printf(out, "%lld %lld.%09ld %llu\n", (long long)st.st_size,
			      (long long)st.st_mtim.tv_sec, (long)st.st_mtim.tv_nsec,
			      (unsigned long long)st.st_ino);
}

static void stamp_path(const px_index *ix, px_buf *out)
{
	px_buf_clear(out);
	px_buf_printf(out, "%s.ok", ix->path);
}

static void write_stamp(px_index *ix)
{
	px_buf sp = PX_BUF_INIT, tmp = PX_BUF_INIT, st = PX_BUF_INIT;
	FILE *f;

	stamp_path(ix, &sp);
	stamp_of(ix->path, &st);
	px_buf_printf(&tmp, "%s.%ld", sp.ptr, (long)getpid());
	f = fopen(tmp.ptr, "w");
	if (f) {
		/* closed once, whether the write went through or not */
		int written = st.len && fputs(st.ptr, f) != EOF;
		if (fclose(f) == 0 && written)
			rename(tmp.ptr, sp.ptr);
	}
	unlink(tmp.ptr);
	px_buf_free(&sp);
	px_buf_free(&tmp);
	px_buf_free(&st);
}

/* Whether the file is sound: unchanged since praxis last knew it sound,
 * or passing SQLite's quick check now. */
static int sound(px_index *ix)
{
	px_buf sp = PX_BUF_INIT, want = PX_BUF_INIT, seen = PX_BUF_INIT;
	sqlite3_stmt *st = NULL;
	int ok;

	stamp_path(ix, &sp);
	stamp_of(ix->path, &want);
	ok = px_buf_read_file(&seen, sp.ptr, 256) == 0 && want.len && !strcmp(seen.ptr, want.ptr);
	if (!ok && sqlite3_prepare_v2(ix->db, "PRAGMA quick_check", -1, &st, NULL) == SQLITE_OK) {
		ok = sqlite3_step(st) == SQLITE_ROW && !strcmp(px_col(st, 0), "ok");
		sqlite3_finalize(st);
		if (ok)
			write_stamp(ix); /* may fail on a full disk: checked again next time */
	}
	px_buf_free(&sp);
	px_buf_free(&want);
	px_buf_free(&seen);
	return ok;
}

static int layout(px_index *ix, char digest[17]);

/* Whether the tables are those praxis made (when it recorded them). */
static int same_layout(px_index *ix)
{
	char *l = meta_get(ix, LAYOUT_KEY), now[17];
	int ok = !l || (layout(ix, now) == 0 && !strcmp(l, now));

	free(l);
	return ok;
}

static int remove_tree(const char *path)
{
	struct stat st;
	int rc = 0;

	if (lstat(path, &st) < 0)
		return errno == ENOENT ? 0 : -1;
	if (S_ISDIR(st.st_mode)) {
		DIR *dp = opendir(path);
		struct dirent *e;
		if (!dp)
			return -1;
		while ((e = readdir(dp))) {
			px_buf sub = PX_BUF_INIT;
			if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
				continue;
			px_buf_printf(&sub, "%s/%s", path, e->d_name);
			rc |= remove_tree(sub.ptr);
			px_buf_free(&sub);
		}
		closedir(dp);
		return rc | rmdir(path);
	}
	return unlink(path);
}

/* A damaged index is a cache gone bad: it goes, with a warning, and an
 * empty one takes its place for a full rebuild. Returns 0 or -1. */
static int replace_damaged(px_index *ix, px_diag *d)
{
	static const char *const sfx[] = { "", "-wal", "-shm", "-journal", ".ok" };
	px_buf p = PX_BUF_INIT;
	size_t i;
	int rc;

	sqlite3_close(ix->db);
	ix->db = NULL;
	px_diag_add(d, NULL, 0, 0, PX_SEV_WARNING, "index", MSG_INDEX_DAMAGED, ix->path);
	for (i = 0; i < sizeof sfx / sizeof *sfx; i++) {
		px_buf_clear(&p);
		px_buf_printf(&p, "%s%s", ix->path, sfx[i]);
		if (remove_tree(p.ptr) < 0) {
			px_diag_add(d, p.ptr, 0, 0, PX_SEV_ERROR, "io-error", MSG_WRITE_FILE, p.ptr,
				    px_strerror(errno));
			px_buf_free(&p);
			return -1;
		}
	}
	px_buf_free(&p);
	ix->rebuilt = 1;
	rc = open_db(ix, 1, 0, d);
	if (rc != SQLITE_OK)
		sql_error(d, ix->db);
	return rc == SQLITE_OK ? 0 : -1;
}

int px_index_open(px_index **out, const px_kb *kb, px_store *store, px_diag *d)
{
	px_index *ix = calloc(1, sizeof *ix);
	px_buf p = PX_BUF_INIT;
	struct stat st;
	int rc;

	*out = NULL;
	if (!ix)
		return -1;
	ix->kb = kb;
	ix->store = store;
	if (store)
		px_buf_printf(&p, "%spraxis", px_store_gitdir(store));
	else if (kb->gitdir)
		px_buf_printf(&p, "%s/praxis", kb->gitdir);
	else
		goto fail;
	if (mkdir(p.ptr, 0777) < 0 && errno != EEXIST) {
		px_diag_add(d, p.ptr, 0, 0, PX_SEV_ERROR, "io-error", MSG_WRITE_FILE, p.ptr, px_strerror(errno));
		goto fail;
	}
	px_buf_puts(&p, "/index.db");
	ix->path = px_buf_detach(&p);
	if (lstat(ix->path, &st) < 0) {
		/* none yet: a new one */
		if (open_db(ix, 1, 0, d) != SQLITE_OK) {
			sql_error(d, ix->db);
			goto fail;
		}
	} else if (!S_ISREG(st.st_mode) || st.st_size % 512) {
		/* a folder or a link where the index belongs, or a file cut
		 * short: SQLite writes whole pages of at least 512 bytes */
		if (replace_damaged(ix, d) < 0)
			goto fail;
	} else {
		/* read-only until a change is needed */
		rc = open_db(ix, 0, 0, d);
		if (rc != SQLITE_OK && !damaged_code(rc)) {
			/* no room for SQLite's -shm file: keep its WAL index in memory */
			rc = open_db(ix, 0, 1, d);
		}
		if (rc != SQLITE_OK && !damaged_code(rc)) {
			sql_error(d, ix->db);
			goto fail;
		}
		if ((rc != SQLITE_OK || !sound(ix) || !same_layout(ix)) && replace_damaged(ix, d) < 0)
			goto fail;
	}
	*out = ix;
	return 0;
fail:
	px_buf_free(&p);
	px_index_close(ix);
	return -1;
}

void px_index_close(px_index *ix)
{
	if (!ix)
		return;
	px_db_release(ix);
	sqlite3_close(ix->db);
	/* what praxis wrote is known sound: no quick check next time */
	if (ix->wrote)
		write_stamp(ix);
	free(ix->path);
	free(ix);
}

static int read_schema(px_buf *sql, char digest[17], px_diag *d)
{
	char *path = px_data_path("schema/index.sql");

	if (!path || px_buf_read_file(sql, path, 1 << 20) < 0) {
		px_diag_add(d, "schema/index.sql", 0, 0, PX_SEV_ERROR, "environment", MSG_NO_SCHEMA);
		free(path);
		return -1;
	}
	free(path);
	px_digest_hex(digest, px_fnv1a(PX_FNV_INIT, sql->ptr, sql->len));
	return 0;
}

/* A digest of what the database holds (tables, indexes, their SQL): a
 * table dropped or added by anything but praxis changes it. */
static int layout(px_index *ix, char digest[17])
{
	sqlite3_stmt *st = NULL;
	uint64_t h = PX_FNV_INIT;
	int rc;

	if (sqlite3_prepare_v2(ix->db, "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY name",
			       -1, &st, NULL) != SQLITE_OK)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int i;
		for (i = 0; i < 4; i++) {
			const char *v = px_col(st, i);
			h = px_fnv1a(h, v, strlen(v) + 1);
		}
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return -1;
	px_digest_hex(digest, h);
	return 0;
}

/* Whether the index is current: same schema, folding, codebook, commit
 * and layout. */
static int is_current(px_index *ix, const char *schema, const char *head)
{
	char *s = meta_get(ix, SCHEMA_KEY), *c = meta_get(ix, CODEBOOK_KEY), *h = meta_get(ix, COMMIT_KEY),
	     *l = meta_get(ix, LAYOUT_KEY), *f = meta_get(ix, FOLDING_KEY);
	char now[17];
	int ok = s && c && h && l && f && !strcmp(s, schema) && !strcmp(f, PX_FOLD_VERSION) &&
		 !strcmp(c, ix->kb->cb->digest) && !strcmp(h, head) && layout(ix, now) == 0 &&
		 !strcmp(l, now);

	free(f);
	free(s);
	free(c);
	free(h);
	free(l);
	return ok;
}

/* A full rebuild uses both cores: a worker thread walks the tree and
 * reads and parses the notes (with its own repository handle, as
 * libgit2 wants) while this thread writes them, through a small ring of
 * parsed notes. Nothing is collected first: memory does not grow with
 * the number of notes. */
#define RING 64

struct parsed {
	px_note *note;    /* NULL: left out (cannot be parsed) */
	px_diag failed;   /* why a note could not be read */
	char *path;
	px_oid blob;
};

struct ring {
	pthread_mutex_t lock;
	pthread_cond_t not_empty, not_full;
	struct parsed slot[RING];
	size_t head, tail; /* produced, consumed */
	int stop;          /* the writer gave up */
	int finished;      /* the walk is over */
	int walk_rc;       /* its result (px_store_walk) */
	px_diag walk_failed; /* why the tree could not be read */
	const px_oid *head_commit;
	px_store *reader;
	const px_codebook *cb;
};

static int count_one(void *payload, const char *rel, const px_oid *blob)
{
	(void)rel;
	(void)blob;
	++*(long *)payload;
	return 0;
}

/* The worker's step: one note read, parsed and handed over. */
static int parse_one(void *payload, const char *rel, const px_oid *blob)
{
	struct ring *r = payload;
	struct parsed p;

	memset(&p, 0, sizeof p);
	p.failed = (px_diag)PX_DIAG_INIT;
	p.blob = *blob;
	p.path = strdup(rel);
	if (!p.path)
		px_diag_add(&p.failed, rel, 0, 0, PX_SEV_ERROR, "out-of-memory", MSG_NOTE_OOM);
	else
		parse_blob(r->reader, r->cb, rel, blob, &p.note, &p.failed);

	pthread_mutex_lock(&r->lock);
	while (r->head - r->tail == RING && !r->stop)
		pthread_cond_wait(&r->not_full, &r->lock);
	if (r->stop) {
		pthread_mutex_unlock(&r->lock);
		px_note_free(p.note);
		px_diag_free(&p.failed);
		free(p.path);
		return 1;
	}
	r->slot[r->head % RING] = p;
	r->head++;
	pthread_cond_signal(&r->not_empty);
	pthread_mutex_unlock(&r->lock);
	return 0;
}

static void *parse_all(void *arg)
{
	struct ring *r = arg;
	int rc = px_store_walk(r->reader, r->head_commit, px_kb_is_note_path, parse_one, r,
			       &r->walk_failed);

	pthread_mutex_lock(&r->lock);
	r->walk_rc = rc < 0 ? -1 : 0;
	r->finished = 1;
	pthread_cond_signal(&r->not_empty);
	pthread_mutex_unlock(&r->lock);
	return NULL;
}

static long write_all(writer *w, struct ring *r)
{
	long rc = 0;

	for (;;) {
		struct parsed p;
		char hex[PX_OID_HEXSZ + 1];

		pthread_mutex_lock(&r->lock);
		while (r->head == r->tail && !r->finished)
			pthread_cond_wait(&r->not_empty, &r->lock);
		if (r->head == r->tail) {
			/* the walk is over and every note written */
			pthread_mutex_unlock(&r->lock);
			break;
		}
		p = r->slot[r->tail % RING];
		r->tail++;
		pthread_cond_signal(&r->not_full);
		pthread_mutex_unlock(&r->lock);
		if (p.failed.errors)
			rc = -1;
		px_diag_take(w->d, &p.failed);
		px_diag_free(&p.failed);
		px_oid_hex(hex, &p.blob);
		if (rc >= 0 && p.note && insert_note(w, p.path, hex, p.note) < 0)
			rc = -1;
		px_note_free(p.note);
		free(p.path);
		progress(w);
		if (rc < 0)
			break;
		rc++;
	}
	pthread_mutex_lock(&r->lock);
	r->stop = 1;
	pthread_cond_signal(&r->not_full);
	pthread_mutex_unlock(&r->lock);
	return rc;
}

/* One thread does it all (few notes, or no second handle). */
static int index_one(void *payload, const char *rel, const px_oid *blob)
{
	return index_blob(payload, rel, blob) < 0 ? -1 : 0;
}

static long index_full(writer *w, const px_oid *head)
{
	struct ring r;
	pthread_t worker;
	long n = 0, rc = -1;

	memset(&r, 0, sizeof r);
	r.walk_failed = (px_diag)PX_DIAG_INIT;
	/* every object is read once: libgit2's object cache would only grow */
	px_store_cache(0);
	/* the number of notes, for the progress (reading the trees twice
	 * costs little next to reading every blob) */
	if (px_store_walk(w->ix->store, head, px_kb_is_note_path, count_one, &n, w->d) < 0)
		goto cleanup;
	w->total = n;
	r.head_commit = head;
	r.cb = w->ix->kb->cb;
	if (n < 64 || px_store_reader(&r.reader, w->ix->store, NULL) < 0) {
		rc = px_store_walk(w->ix->store, head, px_kb_is_note_path, index_one, w, w->d) < 0 ? -1 : n;
		goto cleanup;
	}
	pthread_mutex_init(&r.lock, NULL);
	pthread_cond_init(&r.not_empty, NULL);
	pthread_cond_init(&r.not_full, NULL);
	if (pthread_create(&worker, NULL, parse_all, &r) != 0) {
		rc = px_store_walk(w->ix->store, head, px_kb_is_note_path, index_one, w, w->d) < 0 ? -1 : n;
		goto destroy;
	}
	rc = write_all(w, &r);
	pthread_join(worker, NULL);
	/* what the worker parsed after the writer stopped */
	for (; r.tail < r.head; r.tail++) {
		struct parsed *p = &r.slot[r.tail % RING];
		px_note_free(p->note);
		px_diag_free(&p->failed);
		free(p->path);
	}
	if (rc >= 0 && r.walk_rc < 0)
		rc = -1;
	/* the tree could not be read (not an early stop by the writer) */
	if (r.walk_failed.errors)
		px_diag_take(w->d, &r.walk_failed);
destroy:
	pthread_mutex_destroy(&r.lock);
	pthread_cond_destroy(&r.not_empty);
	pthread_cond_destroy(&r.not_full);
cleanup:
	px_diag_free(&r.walk_failed);
	px_store_cache(1);
	px_store_free(r.reader);
	return rc;
}

static long index_diff(writer *w, const px_oid *from, const px_oid *to)
{
	px_store_delta *v = NULL;
	long i, n, count = 0;

	n = px_store_diff(w->ix->store, from, to, px_kb_is_note_path, &v, w->d);
	if (n < 0)
		return -1;
	w->total = n;
	for (i = 0; i < n; i++) {
		const px_store_delta *dd = &v[i];
		const char *old_rel = dd->old_path;
		const char *new_rel = dd->new_is_link ? NULL : dd->new_path;

		if (old_rel && dd->change != PX_CHANGE_ADDED && delete_note(w, old_rel) < 0)
			goto fail;
		if (new_rel && dd->change != PX_CHANGE_DELETED) {
			if (dd->change != PX_CHANGE_ADDED && old_rel && strcmp(old_rel, new_rel) &&
			    delete_note(w, new_rel) < 0)
				goto fail;
			if (index_blob(w, new_rel, &dd->new_blob) < 0)
				goto fail;
			count++;
		} else if (old_rel) {
			count++;
		}
	}
	px_store_deltas_free(v, (size_t)n);
	return count;
fail:
	px_store_deltas_free(v, (size_t)n);
	return -1;
}

static long update_once(px_index *ix, const px_update_opts *o, px_diag *d)
{
	px_buf schema = PX_BUF_INIT;
	char digest[17], head_hex[PX_OID_HEXSZ + 1] = "";
	char *old = NULL, *old_schema = NULL, *old_cb = NULL, *old_layout = NULL, *old_fold = NULL,
	     now[17];
	px_oid head, old_id;
	writer w;
	int unborn, full, fk_off = 0;
	long rc = -1;

	memset(&w, 0, sizeof w);
	w.scope = (px_buf)PX_BUF_INIT;
	w.ix = ix;
	w.d = d;
	w.progress = o->progress;
	if (read_schema(&schema, digest, d) < 0)
		goto cleanup;
	unborn = px_store_head_record(ix->store, &head, d);
	if (unborn < 0)
		goto cleanup;
	if (!unborn)
		px_oid_hex(head_hex, &head);
	if (!o->rebuild && is_current(ix, digest, head_hex)) {
		rc = 0;
		goto cleanup;
	}
	/* a change is needed: only now is the index opened for writing */
	if (ix->readonly && open_db(ix, 1, 0, d) != SQLITE_OK) {
		sql_error(d, ix->db);
		goto cleanup;
	}
	ix->wrote = 1;
	/* a rebuild writes every row from scratch, each child after its
	 * parent with the parent's new id: no foreign key to look up per
	 * row (a lookup per segment and per code). Set outside the
	 * transaction (inside, SQLite ignores it) and restored after. */
	if (o->rebuild) {
		if (exec(ix, "PRAGMA foreign_keys=OFF", d) < 0)
			goto cleanup;
		fk_off = 1;
	}
	/* one writer at a time; look again once we hold the lock */
	if (exec(ix, "BEGIN IMMEDIATE", d) < 0)
		goto cleanup;
	if (!o->rebuild && is_current(ix, digest, head_hex)) {
		rc = 0;
		exec(ix, "COMMIT", d);
		goto cleanup;
	}
	old = meta_get(ix, COMMIT_KEY);
	old_schema = meta_get(ix, SCHEMA_KEY);
	old_cb = meta_get(ix, CODEBOOK_KEY);
	old_layout = meta_get(ix, LAYOUT_KEY);
	old_fold = meta_get(ix, FOLDING_KEY);
	/* words folded another way are not found: all notes again */
	full = o->rebuild || !old || !old_schema || strcmp(old_schema, digest) || !old_cb ||
	       !old_fold || strcmp(old_fold, PX_FOLD_VERSION) ||
	       !old_layout || layout(ix, now) < 0 || strcmp(old_layout, now) ||
	       strcmp(old_cb, ix->kb->cb->digest) ||
	       (*old && (px_oid_parse(&old_id, old) < 0 || !px_store_has_commit(ix->store, &old_id)));
	if (full && recreate(ix, schema.ptr, d) < 0)
		goto rollback;
	if (writer_init(&w) < 0)
		goto rollback;
	if (full) {
		/* the page cache stays at 16 MB: memory must not grow with
		 * the knowledge base (a 64 MB cache saves under 10% here) */
		rc = index_full(&w, unborn ? NULL : &head);
		if (rc >= 0 && create_indexes(ix, schema.ptr, d) < 0)
			rc = -1;
	} else {
		rc = index_diff(&w, *old ? &old_id : NULL, unborn ? NULL : &head);
	}
	if (rc < 0)
		goto rollback;
	if (full && (layout(ix, now) < 0 || meta_set(ix, LAYOUT_KEY, now, d) < 0)) {
		sql_error(d, ix->db);
		goto rollback;
	}
	if (meta_set(ix, SCHEMA_KEY, digest, d) < 0 ||
	    meta_set(ix, FOLDING_KEY, PX_FOLD_VERSION, d) < 0 ||
	    meta_set(ix, CODEBOOK_KEY, ix->kb->cb->digest, d) < 0 ||
	    meta_set(ix, COMMIT_KEY, head_hex, d) < 0)
		goto rollback;
	writer_free(&w);
	memset(&w, 0, sizeof w);
	if (exec(ix, "COMMIT", d) < 0)
		goto rollback;
	goto cleanup;
rollback:
	rc = -1;
	writer_free(&w);
	memset(&w, 0, sizeof w);
	sqlite3_exec(ix->db, "ROLLBACK", NULL, NULL, NULL);
cleanup:
	if (fk_off && sqlite3_exec(ix->db, "PRAGMA foreign_keys=ON", NULL, NULL, NULL) != SQLITE_OK &&
	    rc >= 0) {
		sql_error(d, ix->db);
		rc = -1;
	}
	writer_free(&w);
	free(old);
	free(old_schema);
	free(old_cb);
	free(old_layout);
	free(old_fold);
	px_buf_free(&schema);
	return rc;
}

int px_index_fresh(px_index *ix, const char *head_hex)
{
	px_buf schema = PX_BUF_INIT;
	char digest[17];
	px_diag quiet = PX_DIAG_INIT;
	int ok;

	ok = !ix->rebuilt && read_schema(&schema, digest, &quiet) == 0 && is_current(ix, digest, head_hex);
	px_buf_free(&schema);
	px_diag_free(&quiet);
	return ok;
}

/* Drops the items added after the first `n`. */
static void diag_truncate(px_diag *d, size_t n)
{
	while (d->n > n) {
		px_diag_item *it = &d->items[--d->n];
		if (it->sev == PX_SEV_ERROR)
			d->errors--;
		else
			d->warnings--;
		free(it->file);
		free(it->message);
		free(it->hint);
		free(it->source);
	}
}

long px_index_update(px_index *ix, const px_update_opts *o, px_diag *d)
{
	size_t n0 = d->n;
	long rc;

	last_error = SQLITE_OK;
	rc = update_once(ix, o, d);
	/* damage found while updating: the cache goes and is built again */
	if (rc < 0 && !ix->rebuilt && damaged_code(last_error)) {
		px_update_opts again = *o;
		diag_truncate(d, n0);
		if (replace_damaged(ix, d) < 0)
			return -1;
		again.rebuild = 1;
		rc = update_once(ix, &again, d);
	}
	return rc;
}
