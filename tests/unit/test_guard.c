/*
 * test_guard.c - the privacy guard's pipeline: the normalised text it
 * scans, and the maps that take a finding back to its source byte.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "guard.h"
#include "srcmap.h"

static void norm(const char *in, int as_space, const char *want)
{
	px_buf b = PX_BUF_INIT;

	assert_true(px_guard_normalise(&b, NULL, in, strlen(in), as_space) >= 0);
	assert_string_equal(b.ptr, want);
	px_buf_free(&b);
}

static void test_normalise(void **state)
{
	(void)state;
	norm("0470\xc2\xa0" "12\xe2\x80\xaf" "34\xe2\x80\x89" "56", 0, "0470 12 34 56");
	norm("\xef\xbc\x90\xef\xbc\x94\xef\xbc\x97\xef\xbc\x90 jan\xef\xbc\xa0x.org", 0, "0470 jan@x.org");
	norm("0470\xe2\x80\x93" "12", 0, "0470-12");
	norm("a \t\n  b", 0, "a b");
	norm("Pee\xc2\xadters Jan\xe2\x80\x8bPeeters", 0, "Peeters JanPeeters");
	norm("Pee\xc2\xadters Jan\xe2\x80\x8bPeeters", 1, "Pee ters Jan Peeters");
	norm("e\xcc\x81t\xc3\xa9", 0, "\xc3\xa9t\xc3\xa9"); /* composed */
	norm("\xff" "ab", 0, "\xff" "ab");                 /* not UTF-8: kept */
}

static void test_normalise_map(void **state)
{
	const char *in = "x\xc2\xa0\xef\xbc\x90" "1";
	px_buf b = PX_BUF_INIT;
	px_srcmap m = PX_SRCMAP_INIT;

	(void)state;
	assert_int_equal(px_guard_normalise(&b, &m, in, strlen(in), 0), 0);
	assert_string_equal(b.ptr, "x 01");
	assert_int_equal(px_srcmap_src(&m, 0), 0);
	assert_int_equal(px_srcmap_src(&m, 1), 1); /* the no-break space */
	assert_int_equal(px_srcmap_src(&m, 2), 3); /* the full-width 0 */
	assert_int_equal(px_srcmap_src(&m, 3), 6);
	px_srcmap_free(&m);
	px_buf_free(&b);
}

static void align(const char *text, const char *src, const size_t *want)
{
	px_srcmap m = PX_SRCMAP_INIT;
	size_t cur = 0, i;

	px_srcmap_align(&m, 0, text, strlen(text), src, &cur, strlen(src));
	for (i = 0; i < strlen(text); i++)
		assert_int_equal(px_srcmap_src(&m, i), want[i]);
	px_srcmap_free(&m);
}

static void test_align(void **state)
{
	static const size_t entity[] = { 0, 1, 2, 3, 8, 9 };     /* "jan@ex" in "jan&#64;ex" */
	static const size_t escape[] = { 0, 1, 2, 3, 5 };        /* "jan@x" in "jan\@x" */
	static const size_t emph[] = { 0, 2, 3, 5 };             /* "jan@" in "j*an*@" */
	static const size_t fold[] = { 0, 1, 2, 6, 7 };          /* "12 34" in "12\n   34" */
	static const size_t yaml[] = { 1, 2, 3, 4, 8 };          /* "jan@x" in "\"jan\x40x\"" */

	(void)state;
	align("jan@ex", "jan&#64;ex", entity);
	align("jan@x", "jan\\@x", escape);
	align("jan@", "j*an*@", emph);
	align("12 34", "12\n   34", fold);
	align("jan@x", "\"jan\\x40x\"", yaml);
}

static void test_string_findings(void **state)
{
	px_diag d = PX_DIAG_INIT;
	px_buf many = PX_BUF_INIT;
	int i;

	(void)state;
	for (i = 0; i < 100; i++)
		px_buf_puts(&many, "02 555 12 34, ");
	assert_int_equal(px_guard_string(NULL, &d, "x", many.ptr, 0, MSG_PRIV_HINT_MESSAGE), 100);
	assert_int_equal(d.errors, 100);
	assert_int_equal(d.items[0].line, 0);
	assert_string_equal(d.items[0].rule, "privacy-phone");
	px_diag_free(&d);
	px_buf_free(&many);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_normalise),
		cmocka_unit_test(test_normalise_map),
		cmocka_unit_test(test_align),
		cmocka_unit_test(test_string_findings),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
