/* px_buf's sticky error and its consumers: a buffer that could not hold
 * its text refuses every later append, and whoever turns it into an
 * output refuses it whole rather than write it truncated. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "diag.h"
#include "out.h"

/* A buffer past PX_BUF_MAX (refused before anything is allocated). */
static void fail_by_size(px_buf *b)
{
	assert_int_equal(px_buf_puts(b, "begin "), 0);
	assert_int_equal(px_buf_grow(b, PX_BUF_MAX), -1);
}

static void test_sticky(void **state)
{
	px_buf b = PX_BUF_INIT;
	char *s;

	(void)state;
	assert_false(px_buf_failed(&b));
	fail_by_size(&b);
	assert_true(px_buf_failed(&b));
	assert_int_equal(px_buf_error(&b), PX_BUF_TOOBIG);
	/* every later append is refused and changes nothing */
	assert_int_equal(px_buf_puts(&b, "end"), -1);
	assert_int_equal(px_buf_putc(&b, 'x'), -1);
	assert_int_equal(px_buf_printf(&b, "%d", 42), -1);
	assert_int_equal(px_buf_put(&b, "", 0), -1);
	assert_int_equal(px_buf_json_str(&b, "q"), -1);
	assert_string_equal(b.ptr, "begin ");
	assert_int_equal(b.len, 6);
	/* clearing keeps the failure: the text is still not whole */
	px_buf_clear(&b);
	assert_true(px_buf_failed(&b));
	assert_int_equal(px_buf_puts(&b, "again"), -1);
	/* detaching a failed buffer gives nothing and frees it */
	s = px_buf_detach(&b);
	assert_null(s);
	assert_false(px_buf_failed(&b));
	assert_int_equal(b.len, 0);
	/* a fresh start after px_buf_free */
	fail_by_size(&b);
	px_buf_free(&b);
	assert_false(px_buf_failed(&b));
	assert_int_equal(px_buf_puts(&b, "ok"), 0);
	assert_string_equal(b.ptr, "ok");
	px_buf_free(&b);
}

static void test_diag_buf(void **state)
{
	px_buf ok = PX_BUF_INIT, bad = PX_BUF_INIT;
	px_diag d = PX_DIAG_INIT;

	(void)state;
	px_buf_puts(&ok, "fine");
	fail_by_size(&bad);
	assert_int_equal(px_diag_buf(&d, &ok, "x"), 0);
	assert_int_equal(d.n, 0);
	assert_int_equal(px_diag_buf(&d, &bad, "report.html"), -1);
	assert_int_equal(d.n, 1);
	assert_int_equal(d.errors, 1);
	assert_string_equal(d.items[0].file, "report.html");
	assert_string_equal(d.items[0].rule, "text-too-long");
	assert_string_equal(d.items[0].message,
			    "text too long: more than the 256 MiB limit, nothing was written");
	/* a failure of the environment: exit status 2 */
	assert_int_equal(px_diag_status(&d), 2);
	px_diag_free(&d);
	px_buf_free(&ok);
	px_buf_free(&bad);
}

static void test_out_write_refuses(void **state)
{
	char dir[] = "/tmp/praxis-test-buf-XXXXXX", *path;
	px_buf bad = PX_BUF_INIT, good = PX_BUF_INIT;
	px_diag d = PX_DIAG_INIT;
	px_out_opts o = PX_OUT_OPTS_INIT;
	px_buf p = PX_BUF_INIT;

	(void)state;
	assert_non_null(mkdtemp(dir));
	px_buf_printf(&p, "%s/out.html", dir);
	path = p.ptr;
	fail_by_size(&bad);
	assert_int_equal(px_out_write_buf(path, &bad, &o, &d), -1);
	assert_int_equal(access(path, F_OK), -1); /* nothing written */
	assert_int_equal(d.errors, 1);
	assert_string_equal(d.items[0].rule, "text-too-long");
	assert_string_equal(d.items[0].file, path);
	/* a whole buffer is written */
	px_buf_puts(&good, "<p>whole</p>\n");
	assert_int_equal(px_out_write_buf(path, &good, &o, &d), 0);
	assert_int_equal(access(path, F_OK), 0);
	assert_int_equal(d.n, 1);
	unlink(path);
	rmdir(dir);
	px_buf_free(&p);
	px_buf_free(&bad);
	px_buf_free(&good);
	px_diag_free(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sticky),
		cmocka_unit_test(test_diag_buf),
		cmocka_unit_test(test_out_write_refuses),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
