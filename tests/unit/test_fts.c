/*
 * test_fts.c - the "praxis" FTS5 tokenizer: Dutch and French stemming,
 * accent folding, prefixes, phrases, operators, ranking and highlighting.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fts.h"

static const char *const docs[] = {
	/*  1 */ "Het ziekenhuis belde niet terug.",
	/*  2 */ "Les hôpitaux manquent de personnel.",
	/*  3 */ "We schreven brieven naar het OCMW.",
	/*  4 */ "Elle a perdu confiance.",
	/*  5 */ "De fietsen van de buurtwerkers.",
	/*  6 */ "Twee ziekenhuizen in Anderlecht sloten vorig jaar hun spoeddienst.",
	/*  7 */ "L'hôpital Saint-Pierre a répondu.",
	/*  8 */ "Een brief van het ziekenhuis kwam pas na drie weken aan.",
	/*  9 */ "Réunion au CPAS : la méfiance grandit.",
	/* 10 */ "#Buurtwerk en #Expérience : de fiets als hefboom.",
};
#define NDOCS ((int)(sizeof docs / sizeof docs[0]))

static void exec_ok(sqlite3 *db, const char *sql)
{
	char *err = NULL;
	int rc = sqlite3_exec(db, sql, NULL, NULL, &err);

	if (rc != SQLITE_OK)
		print_error("%s: %s\n", sql, err ? err : sqlite3_errstr(rc));
	sqlite3_free(err);
	assert_int_equal(rc, SQLITE_OK);
}

static void insert(sqlite3 *db, sqlite3_int64 rowid, const char *body, int len)
{
	sqlite3_stmt *st;

	assert_int_equal(sqlite3_prepare_v2(db, "INSERT INTO t(rowid, body) VALUES (?1, ?2)",
					    -1, &st, NULL), SQLITE_OK);
	sqlite3_bind_int64(st, 1, rowid);
	sqlite3_bind_text(st, 2, body, len, SQLITE_STATIC);
	assert_int_equal(sqlite3_step(st), SQLITE_DONE);
	sqlite3_finalize(st);
}

static int setup(void **state)
{
	sqlite3 *db;
	int i;

	if (sqlite3_open(":memory:", &db) != SQLITE_OK)
		return -1;
	if (px_fts_register(db) != SQLITE_OK ||
	    sqlite3_exec(db, "CREATE VIRTUAL TABLE t USING fts5(body, tokenize='praxis');"
			 "CREATE VIRTUAL TABLE v USING fts5vocab(t, 'instance');",
			 NULL, NULL, NULL) != SQLITE_OK) {
		sqlite3_close(db);
		return -1;
	}
	for (i = 0; i < NDOCS; i++)
		insert(db, i + 1, docs[i], -1);
	*state = db;
	return 0;
}

static int teardown(void **state)
{
	return sqlite3_close(*state) == SQLITE_OK ? 0 : -1;
}

/* Runs `sql` with ?1 = arg and returns its first column, rows joined
 * with ","; fails the test on any SQLite error. */
static char *column(sqlite3 *db, const char *sql, const char *arg)
{
	static char out[1024];
	sqlite3_stmt *st;
	size_t at = 0;
	int rc;

	out[0] = '\0';
	rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
	if (rc != SQLITE_OK)
		print_error("%s: %s\n", sql, sqlite3_errmsg(db));
	assert_int_equal(rc, SQLITE_OK);
	if (arg)
		sqlite3_bind_text(st, 1, arg, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *v = (const char *)sqlite3_column_text(st, 0);
		int n = snprintf(out + at, sizeof out - at, "%s%s", at ? "," : "",
				 v ? v : "NULL");
		assert_true(n >= 0 && (size_t)n < sizeof out - at);
		at += (size_t)n;
	}
	if (rc != SQLITE_DONE)
		print_error("%s [%s]: %s\n", sql, arg ? arg : "", sqlite3_errmsg(db));
	assert_int_equal(rc, SQLITE_DONE);
	sqlite3_finalize(st);
	return out;
}

/* The rowids that MATCH `query`, in order, must be exactly `want`. */
static void expect(sqlite3 *db, const char *query, const char *want)
{
	const char *got = column(db, "SELECT rowid FROM t WHERE t MATCH ?1 ORDER BY rowid",
				 query);

	if (strcmp(got, want))
		print_error("MATCH '%s': got {%s}, want {%s}\n", query, got, want);
	assert_string_equal(got, want);
}

/* The terms indexed at token `offset` of document `rowid`. */
static const char *terms_at(sqlite3 *db, int rowid, int offset)
{
	char sql[128];

	snprintf(sql, sizeof sql, "SELECT term FROM v WHERE doc = %d AND offset = %d "
		 "ORDER BY term", rowid, offset);
	return column(db, sql, NULL);
}

/* "aaa…aken", `len` bytes: stems to "aaa…ak" */
static void long_word(char *w, size_t len)
{
	memset(w, 'a', len - 3);
	memcpy(w + len - 3, "ken", 4);
}

static void test_dutch_plurals(void **state)
{
	sqlite3 *db = *state;

	/* z/v plurals conflate only thanks to the final z->s, v->f fix */
	expect(db, "ziekenhuizen", "1,6,8");
	expect(db, "ziekenhuis", "1,6,8");
	expect(db, "brief", "3,8");
	expect(db, "brieven", "3,8");
	expect(db, "fiets", "5,10");
	expect(db, "fietsen", "5,10");
	expect(db, "buurtwerkers", "5");
}

static void test_french_plurals_and_case(void **state)
{
	sqlite3 *db = *state;

	expect(db, "hopitaux", "2,7");
	expect(db, "hopital", "2,7");
	expect(db, "HÔPITAL", "2,7");
	expect(db, "hôpitaux", "2,7");
	expect(db, "Hôpitaux", "2,7");
}

static void test_accents_fold_both_ways(void **state)
{
	sqlite3 *db = *state;

	expect(db, "confiance", "4");
	expect(db, "cônfiance", "4");
	expect(db, "CONFIANCE", "4");
	expect(db, "reunion", "9");
	expect(db, "RÉUNION", "9");
	expect(db, "mefiance", "9");
	expect(db, "repondu", "7");
	expect(db, "experience", "10");
}

static void test_prefix(void **state)
{
	sqlite3 *db = *state;

	expect(db, "ziek*", "1,6,8");
	expect(db, "hop*", "2,7");
	expect(db, "hôp*", "2,7");
	expect(db, "HÔP*", "2,7");
	expect(db, "brie*", "3,8");
	/* a prefix is not stemmed: ziekenhuiz* must not become ziekenhuis* */
	expect(db, "ziekenhuiz*", "6");
	expect(db, "qqq*", "");
}

static void test_phrase_and_near(void **state)
{
	sqlite3 *db = *state;

	expect(db, "\"ziekenhuis belde\"", "1");
	expect(db, "\"belde ziekenhuis\"", "");
	expect(db, "\"ziekenhuizen belde\"", "1");
	expect(db, "\"manquent de personnel\"", "2");
	expect(db, "\"perdu cônfiance\"", "4");
	expect(db, "\"l'hopital saint-pierre\"", "7");
	expect(db, "NEAR(ziekenhuis terug, 3)", "1");
	expect(db, "NEAR(ziekenhuis aan, 2)", "");
}

static void test_boolean_operators(void **state)
{
	sqlite3 *db = *state;

	expect(db, "ziekenhuis AND brief", "8");
	expect(db, "ziekenhuis brief", "8");
	expect(db, "ziekenhuis OR hopital", "1,2,6,7,8");
	expect(db, "ziekenhuis NOT brief", "1,6");
	expect(db, "(fiets OR brief) NOT buurtwerk", "3,5,8");
	expect(db, "body:confiance OR body:mefiance", "4,9");
}

static void test_no_match(void **state)
{
	sqlite3 *db = *state;

	expect(db, "onbestaand", "");
	expect(db, "xylofoon", "");
	expect(db, "ziekenhuis AND hopital", "");
}

static void test_hashtags_are_plain_words(void **state)
{
	sqlite3 *db = *state;

	expect(db, "buurtwerk", "10");
	expect(db, "\"#buurtwerk\"", "10");
	expect(db, "\"#Expérience\"", "10");
	assert_string_equal(terms_at(db, 10, 0), "buurtwerk");
}

static void test_emitted_terms(void **state)
{
	sqlite3 *db = *state;
	char word[PX_FTS_MAX_STEM + 2], want[2 * PX_FTS_MAX_STEM + 2];

	/* raw folded word first, then the distinct folded stems */
	assert_string_equal(terms_at(db, 6, 1), "ziekenhuis,ziekenhuizen");
	assert_string_equal(terms_at(db, 1, 1), "ziekenhuis");
	assert_string_equal(terms_at(db, 3, 2), "brief,brieven");
	assert_string_equal(terms_at(db, 2, 1), "hopital,hopitaux");
	assert_string_equal(terms_at(db, 7, 1), "hopital");	/* L' | hôpital */
	assert_string_equal(terms_at(db, 9, 0), "reunion");

	/* a word over the limit is indexed as it is, without stems */
	long_word(word, PX_FTS_MAX_STEM + 1);
	insert(db, 100, word, -1);
	assert_string_equal(terms_at(db, 100, 0), word);
	/* at the limit it is stemmed (Dutch drops -en) */
	long_word(word, PX_FTS_MAX_STEM);
	insert(db, 101, word, -1);
	memcpy(want, word, PX_FTS_MAX_STEM - 2);
	snprintf(want + PX_FTS_MAX_STEM - 2, sizeof want - PX_FTS_MAX_STEM + 2, ",%s", word);
	assert_string_equal(terms_at(db, 101, 0), want);
}

static void test_bm25(void **state)
{
	sqlite3 *db = *state;
	const char *q = "SELECT rowid FROM t WHERE t MATCH ?1 ORDER BY bm25(t), rowid";

	/* same term frequency, so the shorter document ranks first */
	assert_string_equal(column(db, q, "brief"), "3,8");
	assert_string_equal(column(db, q, "brieven"), "3,8");
	/* both terms beat one, the rarer term (brief: 2 of 10 documents)
	 * beats the commoner (ziekenhuis: 3 of 10), then the shorter wins */
	assert_string_equal(column(db, q, "brief OR ziekenhuis"), "8,3,1,6");
	assert_string_equal(column(db, "SELECT count(*) FROM t WHERE t MATCH ?1 "
				   "AND bm25(t) < 0", "hopital"), "2");
}

/* praxis_rank (fts.h) against FTS5's bm25(), on a table shaped as the
 * index's (text, heading, scope): 60 rows, "ziekenhuis" in a third of
 * them, the other words rarer. */
#define RANK_ROWS 60
static sqlite3 *rank_db(void)
{
	static const char *const words[] = { "huisarts", "brieven", "fiets", "méfiance",
					     "logopedist" };
	sqlite3 *db;
	sqlite3_stmt *st;
	int r, w;

	assert_int_equal(sqlite3_open(":memory:", &db), SQLITE_OK);
	assert_int_equal(px_fts_register(db), SQLITE_OK);
	exec_ok(db, "CREATE VIRTUAL TABLE r USING fts5(text, heading, scope, tokenize='praxis')");
	assert_int_equal(sqlite3_prepare_v2(db, "INSERT INTO r(rowid, text, heading, scope) "
					    "VALUES (?1, ?2, ?3, ?4)", -1, &st, NULL), SQLITE_OK);
	for (r = 1; r <= RANK_ROWS; r++) {
		char text[256] = "", head[64] = "", scope[16];
		if (r % 3 == 0)
			strcat(text, "Het ziekenhuis ");
		for (w = 0; w < 5; w++)
			if (r % (w + 4) == 1)
				strcat(strcat(text, words[w]), r % 2 ? " en " : " ");
		strcat(text, r % 5 ? "belde." : "belde niet terug naar de ziekenhuizen.");
		if (r % 7 == 0)
			strcpy(head, "Brief van de huisarts");
		snprintf(scope, sizeof scope, "zzc0%d", r % 3);
		sqlite3_bind_int(st, 1, r);
		sqlite3_bind_text(st, 2, text, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 3, head, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 4, scope, -1, SQLITE_TRANSIENT);
		assert_int_equal(sqlite3_step(st), SQLITE_DONE);
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	return db;
}

/* Every row of `expr`: praxis_rank with `cap` against bm25() times
 * `ratio`; returns the rows compared. */
static int rank_compare(sqlite3 *db, const char *expr, long cap, double ratio)
{
	sqlite3_stmt *st;
	int n = 0;

	assert_int_equal(sqlite3_prepare_v2(db,
		"WITH m AS MATERIALIZED (SELECT praxis_rank(r, ?2, 1.0, 0.3, 0.0) AS mine,"
		" bm25(r, 1.0, 0.3, 0.0) AS theirs FROM r WHERE r MATCH ?1) SELECT mine, theirs FROM m",
		-1, &st, NULL), SQLITE_OK);
	sqlite3_bind_text(st, 1, expr, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, cap);
	while (sqlite3_step(st) == SQLITE_ROW) {
		double mine = sqlite3_column_double(st, 0), theirs = sqlite3_column_double(st, 1);
		/* the same operations in the same order: equal to the bit
		 * when uncapped */
		if (ratio == 1.0 ? mine != theirs : fabs(mine - theirs * ratio) > 1e-9 * fabs(theirs))
			fail_msg("%s (cap %ld): praxis_rank %.12g, bm25 %.12g x %.6g", expr, cap, mine,
				 theirs, ratio);
		n++;
	}
	assert_int_equal(sqlite3_finalize(st), SQLITE_OK);
	return n;
}

static double idf(double rows, double n)
{
	double v = log((rows - n + 0.5) / (n + 0.5));
	return v > 0 ? v : 1e-6;
}

static void test_rank(void **state)
{
	static const char *const exprs[] = {
		"ziekenhuis", "brief", "\"van de huisarts\"", "fiets*", "huisarts OR logopedist",
		"huisarts NOT brief", "huisarts brief", "huisarts AND scope:zzc01", "heading:brief",
		"méfiance AND scope:zzc00 AND scope:zzc00", "NEAR(huisarts brief, 3)",
	};
	sqlite3 *db = rank_db();
	sqlite3_stmt *st;
	px_rank_counts counts = { 0, -1 };
	size_t i;
	long n;
	int rows;

	(void)state;
	/* no cap, or a cap no phrase reaches: bm25() exactly */
	for (i = 0; i < sizeof exprs / sizeof *exprs; i++) {
		rows = rank_compare(db, exprs[i], 0, 1.0);
		if (rows == 0)
			fail_msg("%s matches nothing: the comparison proves nothing", exprs[i]);
		assert_int_equal(rank_compare(db, exprs[i], RANK_ROWS + 1, 1.0), rows);
	}
	/* a phrase in more rows than the cap counts as in `cap` rows */
	n = atol(column(db, "SELECT count(*) FROM r WHERE r MATCH ?1", "ziekenhuis"));
	assert_true(n > 10 && n < RANK_ROWS / 2);
	assert_int_equal(rank_compare(db, "ziekenhuis", 10, idf(RANK_ROWS, 10) / idf(RANK_ROWS, n)),
			 n);
	assert_int_equal(rank_compare(db, "ziekenhuis", n, 1.0), n);

	/* the counts a caller reads: phrases, and the first one's rows up
	 * to the cap (the scope word is counted never: it weighs nothing) */
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT praxis_rank(r, ?2, 1.0, 0.3, 0.0, ?3) "
					    "FROM r WHERE r MATCH ?1", -1, &st, NULL), SQLITE_OK);
	sqlite3_bind_text(st, 1, "ziekenhuis", -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, 10);
	sqlite3_bind_pointer(st, 3, &counts, PX_RANK_COUNTS, NULL);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal(counts.phrases, 1);
	assert_int_equal(counts.first, 10);
	sqlite3_reset(st);
	sqlite3_bind_int64(st, 2, 0);
	while (sqlite3_step(st) == SQLITE_ROW)
		;
	assert_int_equal(counts.first, n);
	sqlite3_reset(st);
	counts.first = -1;
	sqlite3_bind_text(st, 1, "scope:zzc01 AND ziekenhuis", -1, SQLITE_STATIC);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal(counts.phrases, 2);
	assert_int_equal(counts.first, -1);
	sqlite3_finalize(st);
	/* a wrong call is an SQL error, not a crash */
	assert_int_not_equal(sqlite3_exec(db, "SELECT praxis_rank(r) FROM r WHERE r MATCH 'fiets'",
					  NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
}

static void test_highlight_and_snippet(void **state)
{
	sqlite3 *db = *state;
	const char *hl = "SELECT highlight(t, 0, '[', ']') FROM t WHERE t MATCH ?1 "
			 "ORDER BY rowid";

	/* the original, accented and inflected words are wrapped */
	assert_string_equal(column(db, hl, "hopital"),
			    "Les [hôpitaux] manquent de personnel.,"
			    "L'[hôpital] Saint-Pierre a répondu.");
	assert_string_equal(column(db, hl, "ziekenhuizen brief"),
			    "Een [brief] van het [ziekenhuis] kwam pas na drie weken aan.");
	assert_string_equal(column(db, hl, "\"#Expérience\" OR fietsen"),
			    "De [fietsen] van de buurtwerkers.,"
			    "#Buurtwerk en #[Expérience] : de [fiets] als hefboom.");
	assert_string_equal(column(db, hl, "ziek*"),
			    "Het [ziekenhuis] belde niet terug.,"
			    "Twee [ziekenhuizen] in Anderlecht sloten vorig jaar hun spoeddienst.,"
			    "Een brief van het [ziekenhuis] kwam pas na drie weken aan.");
	assert_string_equal(column(db, "SELECT snippet(t, 0, '[', ']', '…', 4) FROM t "
				   "WHERE t MATCH ?1", "spoeddiensten"),
			    "…vorig jaar hun [spoeddienst].");
	assert_string_equal(column(db, "SELECT snippet(t, 0, '<b>', '</b>', '…', 3) FROM t "
				   "WHERE t MATCH ?1", "reunion"),
			    "<b>Réunion</b> au CPAS…");
}

static void test_bad_arguments(void **state)
{
	sqlite3 *db = *state;

	assert_int_not_equal(sqlite3_exec(db, "CREATE VIRTUAL TABLE x USING "
					  "fts5(b, tokenize='praxis remove_diacritics 2')",
					  NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(px_fts_register(db), SQLITE_OK);	/* again: replaces */
	expect(db, "ziekenhuizen", "1,6,8");
}

static void test_other_connection_needs_registering(void **state)
{
	sqlite3 *db;

	(void)state;
	assert_int_equal(sqlite3_open(":memory:", &db), SQLITE_OK);
	assert_int_not_equal(sqlite3_exec(db, "CREATE VIRTUAL TABLE t USING "
					  "fts5(body, tokenize='praxis')", NULL, NULL, NULL),
			     SQLITE_OK);
	assert_int_equal(px_fts_register(db), SQLITE_OK);
	exec_ok(db, "CREATE VIRTUAL TABLE t USING fts5(body, tokenize='praxis')");
	insert(db, 1, "Les hôpitaux", -1);
	expect(db, "hopital", "1");
	assert_int_equal(sqlite3_close(db), SQLITE_OK);
}

static void test_invalid_utf8(void **state)
{
	static const char bad[] =
		"\xff\xfe ziek\xc3 \xe9t\xe9 \xed\xa0\x80 \xf8\x88\x80\x80\x80 "
		"\xf4\x90\x80\x80 h\xc3\xb4pitaux\x80 \xc0\xaf \xe2\x82 ziekenhuizen";
	sqlite3 *db = *state;
	unsigned seed = 12345;
	char junk[200];
	int i, j;

	insert(db, 200, bad, (int)sizeof bad - 1);
	/* the valid words around the damage are still found */
	expect(db, "ziekenhuis", "1,6,8,200");
	assert_non_null(strstr(column(db, "SELECT highlight(t, 0, '[', ']') FROM t "
				      "WHERE t MATCH ?1", "ziekenhuis AND \"ziek\""),
			       "[ziekenhuizen]"));

	/* random bytes: no crash, and the index stays consistent with what
	 * the tokenizer emits when it reads the rows again */
	for (i = 0; i < 300; i++) {
		int n = (int)(seed % sizeof junk);

		for (j = 0; j < n; j++) {
			seed = seed * 1103515245u + 12345u;
			junk[j] = (char)(seed >> 16);
		}
		insert(db, 1000 + i, junk, n);
	}
	exec_ok(db, "INSERT INTO t(t) VALUES ('integrity-check')");
	exec_ok(db, "DELETE FROM t WHERE rowid >= 1000 AND rowid % 2 = 0");
	exec_ok(db, "INSERT INTO t(t) VALUES ('integrity-check')");
	assert_string_not_equal(column(db, "SELECT count(*) FROM t WHERE t MATCH ?1 "
				       "AND length(highlight(t, 0, '[', ']')) > 0 "
				       "AND length(snippet(t, 0, '[', ']', '', 8)) > 0",
				       "a OR e"), "0");
	expect(db, "ziekenhuizen", "1,6,8,200");
}

static void test_huge_inputs(void **state)
{
	static const char sep[] = " .,;:!?-#'\"()[]/\t\n";
	enum { MB = 1 << 20 };
	sqlite3 *db = *state;
	char *s = malloc(MB + 1);
	size_t i;

	assert_non_null(s);
	/* 1 MB without a single token */
	for (i = 0; i < MB; i++)
		s[i] = sep[i % (sizeof sep - 1)];
	s[MB] = '\0';
	insert(db, 300, s, MB);
	assert_string_equal(terms_at(db, 300, 0), "");

	/* one 1 MB word, ASCII and then accented (2 bytes a letter) */
	memset(s, 'z', MB);
	insert(db, 301, s, MB);
	for (i = 0; i + 1 < MB; i += 2)
		memcpy(s + i, "\xc3\xa9", 2);
	insert(db, 302, s, MB);
	/* 1 MB of real words */
	for (i = 0; i < MB; i++)
		s[i] = "ziekenhuizen hôpitaux "[i % 23];
	s[MB - 1] = ' ';
	insert(db, 303, s, MB);
	free(s);

	expect(db, "ziekenhuis", "1,6,8,303");
	expect(db, "hopital", "2,7,303");
	expect(db, "zzz*", "301");
	expect(db, "eee*", "302");
	exec_ok(db, "INSERT INTO t(t) VALUES ('integrity-check')");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_dutch_plurals, setup, teardown),
		cmocka_unit_test_setup_teardown(test_french_plurals_and_case, setup, teardown),
		cmocka_unit_test_setup_teardown(test_accents_fold_both_ways, setup, teardown),
		cmocka_unit_test_setup_teardown(test_prefix, setup, teardown),
		cmocka_unit_test_setup_teardown(test_phrase_and_near, setup, teardown),
		cmocka_unit_test_setup_teardown(test_boolean_operators, setup, teardown),
		cmocka_unit_test_setup_teardown(test_no_match, setup, teardown),
		cmocka_unit_test_setup_teardown(test_hashtags_are_plain_words, setup, teardown),
		cmocka_unit_test_setup_teardown(test_emitted_terms, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bm25, setup, teardown),
		cmocka_unit_test(test_rank),
		cmocka_unit_test_setup_teardown(test_highlight_and_snippet, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_arguments, setup, teardown),
		cmocka_unit_test(test_other_connection_needs_registering),
		cmocka_unit_test_setup_teardown(test_invalid_utf8, setup, teardown),
		cmocka_unit_test_setup_teardown(test_huge_inputs, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
