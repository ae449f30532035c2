/* Queries made safe for FTS5, and texts quoted without their codes. */
#include <stdarg.h>
#include <stdio.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "codebook.h"
#include "data.h"
#include "note.h"
#include "query.h"
#include "search.h"
#include "xml.h"

static px_codebook *cb;

static int setup(void **state)
{
	px_diag d = PX_DIAG_INIT;
	char *path = px_data_path("schema/codebook.xml");

	(void)state;
	px_xml_init();
	assert_int_equal(px_codebook_load(&cb, path, path, &d), 0);
	px_diag_free(&d);
	free(path);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	px_codebook_free(cb);
	px_xml_cleanup();
	return 0;
}

/* The scope word of a code, as the index writes it. */
static char *scope(const char *id)
{
	px_buf b = PX_BUF_INIT, w = PX_BUF_INIT;

	px_scope_word(&w, 'x', id);
	px_buf_printf(&b, "scope:%s", w.ptr);
	px_buf_free(&w);
	return b.ptr;
}

/* `in` gives the expression `fts`, where each %s is the scope word of
 * the codes given after it, in order. */
static void expect_words(const char *in, size_t words, const char *fts, ...)
{
	px_diag d = PX_DIAG_INIT;
	px_buf want = PX_BUF_INIT;
	const char *s;
	va_list ap;
	px_query q;

	va_start(ap, fts);
	for (s = fts; *s; s++) {
		if (s[0] == '%' && s[1] == 's') {
			char *w = scope(va_arg(ap, const char *));
			px_buf_puts(&want, w);
			free(w);
			s++;
		} else {
			px_buf_putc(&want, *s);
		}
	}
	va_end(ap);
	if (px_query_parse(&q, in, cb, &d) != 0 || d.n)
		fail_msg("'%s': %s", in, d.n ? d.items[0].message : "failed");
	if (strcmp(q.fts.ptr, want.ptr))
		fail_msg("'%s': got [%s], want [%s]", in, q.fts.ptr, want.ptr);
	assert_int_equal(q.words, words);
	assert_int_equal(q.ncodes, 0);
	px_query_free(&q);
	px_diag_free(&d);
	px_buf_free(&want);
}


static void test_passthrough(void **state)
{
	static const struct {
		const char *in, *fts;
		size_t words;
	} cases[] = {
		{ "ziekenhuis", "ziekenhuis", 1 },
		{ "  ziekenhuis   overleg ", "ziekenhuis AND overleg", 2 },
		{ "hôpital", "hôpital", 1 },
		{ "ziek*", "ziek*", 1 },
		{ "\"belde niet terug\"", "\"belde niet terug\"", 1 },
		{ "\"belde niet\"*", "\"belde niet\"*", 1 },
		{ "a OR (b NOT c)", "a OR (b NOT c)", 2 },
		{ "a OR b c", "a OR (b AND c)", 3 },
		{ "(a OR b) c", "(a OR b) AND c", 3 },
		{ "a AND b OR c", "(a AND b) OR c", 3 },
		{ "a -b", "a NOT b", 1 },
		{ "a -b -c d", "(a AND d) NOT b NOT c", 2 },
		{ "a AND NOT b", "a NOT b", 1 },
		{ "(NOT b) a", "a NOT b", 1 },
		{ "a NOT NOT b", "a AND b", 2 },
		{ "a -(b OR \"c d\")", "a NOT (b OR \"c d\")", 1 },
		{ "a NOT (b -c)", "a NOT (b NOT c)", 2 },
		{ "((a))", "a", 1 },
		{ "tijd and temps", "tijd AND and AND temps", 3 },
		{ "NEAR", "\"NEAR\"", 1 },
		{ "AND* x OR*", "\"AND\"* AND x AND \"OR\"*", 3 },
		{ "x- y", "\"x-\" AND y", 2 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof *cases; i++)
		expect_words(cases[i].in, cases[i].words, cases[i].fts);
}

static void test_quoting(void **state)
{
	(void)state;
	expect_words("ziekenhuis-overleg", 1, "\"ziekenhuis-overleg\"");
	expect_words("l'hôpital", 1, "\"l'hôpital\"");
	expect_words("a:b", 1, "\"a:b\"");
	expect_words("scope:zzx0abc", 1, "\"scope:zzx0abc\"");
	expect_words("x-y*", 1, "\"x-y\"*");
	expect_words("*", 1, "\"*\"");
	expect_words("^a +b", 2, "\"^a\" AND \"+b\"");
}

static void test_codes(void **state)
{
	(void)state;
	expect_words("#tijd", 0, "%s", "resource.time");
	expect_words("#TEMPS.", 0, "%s", "resource.time");
	expect_words("#resource.time mezelf", 1, "%s AND mezelf", "resource.time");
	expect_words("#temps AND hôpital", 1, "%s AND hôpital", "resource.time");
	expect_words("hôpital NOT #temps", 1, "hôpital NOT %s", "resource.time");
	expect_words("#temps OR #tijd", 0, "%s OR %s", "resource.time", "resource.time");
	expect_words("(#tijd OR #hopital) overleg", 1, "(%s OR %s) AND overleg", "resource.time",
		     "difficulty.hospital");
	expect_words("(#tijd OR #hopital) NOT overleg", 0, "(%s OR %s) NOT overleg",
		     "resource.time", "difficulty.hospital");
	expect_words("temps -#hopital", 1, "temps NOT %s", "difficulty.hospital");
	expect_words("#hôpital #samenwerking", 0, "%s AND %s", "difficulty.hospital",
		     "difficulty.coordination");
}

/* Each bad query: the message and its column. */
static void test_errors(void **state)
{
	static const struct {
		const char *in, *message;
		int col;
	} cases[] = {
		{ "a \"open", "this quote is never closed", 3 },
		{ "x #tjid", "unknown code '#tjid' (did you mean '#tijd'?)", 3 },
		{ "(ziekenhuis", "unbalanced parenthesis: this one is never closed", 1 },
		{ "a (b (c) d", "unbalanced parenthesis: this one is never closed", 3 },
		{ "hôpital)", "unbalanced parenthesis: this one closes nothing", 8 },
		{ "a ) b", "unbalanced parenthesis: this one closes nothing", 3 },
		{ "a ()", "nothing between these parentheses", 3 },
		{ "AND a", "'AND' needs a word, a \"phrase\" or a #code before it", 1 },
		{ "OR a", "'OR' needs a word, a \"phrase\" or a #code before it", 1 },
		{ "a OR", "'OR' needs a word, a \"phrase\" or a #code after it", 3 },
		{ "a AND", "'AND' needs a word, a \"phrase\" or a #code after it", 3 },
		{ "é NOT", "'NOT' needs a word, a \"phrase\" or a #code after it", 3 },
		{ "a AND OR b", "'AND' needs a word, a \"phrase\" or a #code after it", 3 },
		{ "(a OR) b", "'OR' needs a word, a \"phrase\" or a #code after it", 4 },
		{ "NOT a", "nothing to exclude from: also give a word, a \"phrase\" or a #code to search for", 1 },
		{ "-#tijd", "nothing to exclude from: also give a word, a \"phrase\" or a #code to search for", 1 },
		{ "-a -b", "nothing to exclude from: also give a word, a \"phrase\" or a #code to search for", 1 },
		{ "a OR -b", "nothing to exclude from: also give a word, a \"phrase\" or a #code to search for", 6 },
		{ "(a -b) OR (NOT c)", "nothing to exclude from: also give a word, a \"phrase\" or a #code to search for", 12 },
		{ "a (((((((((((((((((b)))))))))))))))))", "parentheses and NOT nested more than 16 deep", 19 },
		{ "a ((((((((((((((((b)))))))))))))))) c", NULL, 0 }, /* 16 deep: accepted */
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof *cases; i++) {
		px_diag d = PX_DIAG_INIT;
		px_query q;
		if (!cases[i].message) {
			assert_int_equal(px_query_parse(&q, cases[i].in, cb, &d), 0);
			px_query_free(&q);
			continue;
		}
		if (px_query_parse(&q, cases[i].in, cb, &d) != -1)
			fail_msg("'%s' was accepted: %s", cases[i].in, q.fts.ptr);
		assert_true(d.n >= 1);
		if (strcmp(d.items[0].message, cases[i].message) || d.items[0].col != cases[i].col)
			fail_msg("'%s': %d: %s", cases[i].in, d.items[0].col, d.items[0].message);
		assert_string_equal(d.items[0].rule, "query");
		px_query_free(&q);
		px_diag_free(&d);
	}
}

/* Every unknown code is told, the parse goes on after the first. */
static void test_unknown_codes(void **state)
{
	px_diag d = PX_DIAG_INIT;
	px_query q;

	(void)state;
	assert_int_equal(px_query_parse(&q, "#tjid OR (#tmps x)", cb, &d), -1);
	assert_int_equal(d.n, 2);
	assert_int_equal(d.items[0].col, 1);
	assert_int_equal(d.items[1].col, 11);
	assert_string_equal(d.items[1].message, "unknown code '#tmps' (did you mean '#temps'?)");
	px_query_free(&q);
	px_diag_free(&d);
}

/* --code filters; lowercase operator words are noted, and explained. */
static void test_filters_and_opwords(void **state)
{
	px_diag d = PX_DIAG_INIT;
	px_query q;

	(void)state;
	assert_int_equal(px_query_parse(&q, "tijd and \"of\" temps ou niet NOT x", cb, &d), 0);
	assert_int_equal(px_query_add_code(&q, "tijd", cb, &d), 0);
	assert_int_equal(px_query_add_code(&q, "#temps", cb, &d), 0);
	assert_int_equal(q.ncodes, 1);
	assert_string_equal(q.codes[0]->id, "resource.time");
	assert_int_equal(px_query_add_code(&q, "tjid", cb, &d), -1);
	assert_string_equal(d.items[0].message, "unknown code '#tjid' (did you mean '#tijd'?)");
	px_diag_free(&d);
	assert_int_equal(q.nopwords, 3);
	px_query_explain(&q, "tijd and \"of\" temps ou niet NOT x", &d);
	assert_int_equal(d.n, 3);
	assert_int_equal(d.items[0].sev, PX_SEV_WARNING);
	assert_int_equal(d.items[0].col, 6);
	assert_string_equal(d.items[0].message,
			    "nothing found: 'and' was searched as a word; to combine, write AND in capitals");
	assert_int_equal(d.items[1].col, 21);
	assert_string_equal(d.items[1].message,
			    "nothing found: 'ou' was searched as a word; to combine, write OR in capitals");
	assert_string_equal(d.items[2].message,
			    "nothing found: 'niet' was searched as a word; to combine, write NOT in capitals");
	px_query_free(&q);
	px_diag_free(&d);
}

/* The bounds: terms (operators count, parentheses do not), characters. */
static void test_bounds(void **state)
{
	px_buf b = PX_BUF_INIT;
	px_diag d = PX_DIAG_INIT;
	px_query q;
	int i;

	(void)state;
	for (i = 0; i < 32; i++)
		px_buf_printf(&b, "%s(w%d", i ? " OR " : "", i);
	for (i = 0; i < 32; i++)
		px_buf_putc(&b, ')');
	assert_int_equal(px_query_parse(&q, b.ptr, cb, &d), -1); /* 32 words, 31 OR */
	assert_string_equal(d.items[0].message, "parentheses and NOT nested more than 16 deep");
	px_query_free(&q);
	px_diag_free(&d);
	px_buf_clear(&b);
	for (i = 0; i < 32; i++)
		px_buf_printf(&b, "%sw%d", i ? " OR " : "", i);
	assert_int_equal(px_query_parse(&q, b.ptr, cb, &d), 0); /* 63 terms */
	px_query_free(&q);
	px_buf_puts(&b, " x x");
	assert_int_equal(px_query_parse(&q, b.ptr, cb, &d), -1);
	assert_string_equal(d.items[0].message,
			    "query has more than 64 words, phrases and codes: search for fewer");
	assert_int_equal(d.items[0].col, (int)b.len);
	px_query_free(&q);
	px_diag_free(&d);
	px_buf_free(&b);
}

static void test_without_tags(void **state)
{
	static const struct {
		const char *in, *out;
	} cases[] = {
		{ "Niemand wist het. #samenwerking #ziekenhuis", "Niemand wist het." },
		{ "\"Ik voel me radeloos.\" #emotionele-last", "\"Ik voel me radeloos.\"" },
		{ "Veel #tijd nodig.", "Veel nodig." },
		{ "Zin #tijd. Nog een zin", "Zin. Nog een zin" },
		{ "C#sharp en mail#x blijven", "C#sharp en mail#x blijven" },
		{ "#4 is een nummer", "#4 is een nummer" },
		{ "", "" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof *cases; i++) {
		char *s = px_text_without_tags(cases[i].in);
		assert_string_equal(s, cases[i].out);
		free(s);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_passthrough),
		cmocka_unit_test(test_quoting),
		cmocka_unit_test(test_codes),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_unknown_codes),
		cmocka_unit_test(test_filters_and_opwords),
		cmocka_unit_test(test_bounds),
		cmocka_unit_test(test_without_tags),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
