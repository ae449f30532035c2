/* Queries made safe for FTS5, and texts quoted without their codes. */
#include <stdarg.h>
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

static void expect(const char *in, const char *fts, size_t ncodes, const char *code0)
{
	px_diag d = PX_DIAG_INIT;
	px_query q;

	assert_int_equal(px_query_parse(&q, in, cb, &d), 0);
	assert_int_equal(d.n, 0);
	assert_string_equal(q.fts.ptr, fts);
	assert_int_equal(q.ncodes, ncodes);
	if (code0)
		assert_string_equal(q.codes[0]->id, code0);
	px_query_free(&q);
	px_diag_free(&d);
}

static void test_passthrough(void **state)
{
	(void)state;
	expect("ziekenhuis", "ziekenhuis", 0, NULL);
	expect("  ziekenhuis   overleg ", "ziekenhuis overleg", 0, NULL);
	expect("hôpital", "hôpital", 0, NULL);
	expect("ziek*", "ziek*", 0, NULL);
	expect("\"belde niet terug\"", "\"belde niet terug\"", 0, NULL);
	expect("a OR (b NOT c)", "a OR (b NOT c)", 0, NULL);
}

static void test_quoting(void **state)
{
	(void)state;
	expect("ziekenhuis-overleg", "\"ziekenhuis-overleg\"", 0, NULL);
	expect("l'hôpital", "\"l'hôpital\"", 0, NULL);
	expect("a:b", "\"a:b\"", 0, NULL);
	expect("x-y*", "\"x-y\"*", 0, NULL);
	expect("*", "\"*\"", 0, NULL);
}

static void test_codes(void **state)
{
	(void)state;
	expect("#tijd", "", 1, "resource.time");
	expect("#TEMPS.", "", 1, "resource.time");
	expect("#resource.time mezelf", "mezelf", 1, "resource.time");
	expect("mezelf #tijd #temps", "mezelf", 1, "resource.time");
	expect("#hôpital #samenwerking", "", 2, "difficulty.hospital");
}

static void test_errors(void **state)
{
	px_diag d = PX_DIAG_INIT;
	px_query q;

	(void)state;
	assert_int_equal(px_query_parse(&q, "a \"open", cb, &d), -1);
	assert_int_equal(d.items[0].col, 3);
	assert_string_equal(d.items[0].rule, "query");
	px_query_free(&q);
	px_diag_free(&d);
	assert_int_equal(px_query_parse(&q, "x #tjid", cb, &d), -1);
	assert_int_equal(d.items[0].col, 3);
	assert_string_equal(d.items[0].message, "unknown code '#tjid' (did you mean '#tijd'?)");
	px_query_free(&q);
	px_diag_free(&d);
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
		cmocka_unit_test(test_without_tags),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
