/* The CSV writer (csv.h) over tables (table.h): whole files compared
 * exactly: the byte order mark, quoting, CRLF, numbers bare, and the
 * formula guard over a table of the characters that start formulas. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "buf.h"
#include "csv.h"
#include "table.h"

static void whole(void **state)
{
	px_buf b = PX_BUF_INIT;
	px_table t;

	(void)state;
	px_table_init(&t, "t", 3);
	px_table_str(&t, "text");
	px_table_str(&t, "n");
	px_table_str(&t, "path");
	px_table_str(&t, "zei \"iemand\", twee\nregels é");
	px_table_int(&t, -3);
	px_table_dup(&t, "a/b.md");
	px_table_str(&t, NULL);
	px_table_int(&t, 0);
	px_table_str(&t, "");
	assert_int_equal(px_table_rows(&t), 3);
	assert_int_equal(px_csv_table(&b, &t), 0);
	assert_string_equal(b.ptr, "\xEF\xBB\xBF\"text\",\"n\",\"path\"\r\n"
				   "\"zei \"\"iemand\"\", twee\nregels \xC3\xA9\",-3,\"a/b.md\"\r\n"
				   "\"\",0,\"\"\r\n");
	px_table_free(&t);
	px_buf_free(&b);
}

static void formulas(void **state)
{
	static const struct { const char *in, *out; } cases[] = {
		{ "=1+1", "\"'=1+1\"" },
		{ "+32", "\"'+32\"" },
		{ "-minder", "\"'-minder\"" },
		{ "@SUM(A1)", "\"'@SUM(A1)\"" },
		{ "\tx", "\"'\tx\"" },
		{ "\rx", "\"'\rx\"" },
		{ "=HYPERLINK(\"u\")", "\"'=HYPERLINK(\"\"u\"\")\"" },
		{ " =1", "\" =1\"" },
		{ "a=1", "\"a=1\"" },
		{ "'=1", "\"'=1\"" },
		{ "", "\"\"" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof *cases; i++) {
		px_buf b = PX_BUF_INIT;
		px_buf_csv_str(&b, cases[i].in);
		assert_string_equal(b.ptr, cases[i].out);
		px_buf_free(&b);
	}
}

static void failed_table(void **state)
{
	px_buf b = PX_BUF_INIT;
	px_table t;

	(void)state;
	px_table_init(&t, "t", 1);
	px_table_str(&t, "x");
	t.failed = 1; /* as after an allocation that failed */
	px_table_str(&t, "y");
	assert_int_equal(px_table_rows(&t), 1);
	assert_int_equal(px_csv_table(&b, &t), -1);
	assert_true(px_buf_failed(&b));
	px_table_free(&t);
	px_buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(whole),
		cmocka_unit_test(formulas),
		cmocka_unit_test(failed_table),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
