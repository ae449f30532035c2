/* The one JSON writer: whole documents compared exactly (the layout is
 * part of the contract: one record per line), and every document parses
 * back as JSON (checked by the e2e tests with jq). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <string.h>

#include "buf.h"
#include "json.h"

static void nested(void **state)
{
	px_buf b = PX_BUF_INIT;
	px_json j;

	(void)state;
	px_json_init(&j, &b);
	px_json_object(&j);
	px_json_key(&j, "codes");
	px_json_array(&j);
	px_json_object(&j);
	px_json_kstr(&j, "code", "time");
	px_json_kint(&j, "segments", 3);
	px_json_key(&j, "communities");
	px_json_object(&j);
	px_json_kint(&j, "zuid", 2);
	px_json_kint(&j, "centrum", 1);
	px_json_end(&j);
	px_json_end(&j);
	px_json_object(&j);
	px_json_kstr(&j, "code", "a\"b\n\x01");
	px_json_key(&j, "in");
	px_json_array(&j);
	px_json_str(&j, "x");
	px_json_int(&j, 2);
	px_json_end(&j);
	px_json_kbool(&j, "done", 0);
	px_json_key(&j, "x");
	px_json_null(&j);
	px_json_end(&j);
	px_json_end(&j);
	px_json_key(&j, "empty");
	px_json_array(&j);
	px_json_end(&j);
	px_json_knum(&j, "avg", 12.25, 1);
	px_json_knum(&j, "nan", NAN, 1);
	px_json_end(&j);
	assert_string_equal(b.ptr,
		"{\n"
		" \"codes\": [\n"
		"  {\"code\": \"time\", \"segments\": 3, \"communities\": {\"zuid\": 2, \"centrum\": 1}},\n"
		"  {\"code\": \"a\\\"b\\n\\u0001\", \"in\": [\"x\", 2], \"done\": false, \"x\": null}\n"
		" ],\n"
		" \"empty\": [],\n"
		" \"avg\": 12.2,\n"
		" \"nan\": 0.0\n"
		"}\n");
	px_buf_free(&b);
}

static void top_array(void **state)
{
	px_buf b = PX_BUF_INIT;
	px_json j;

	(void)state;
	px_json_init(&j, &b);
	px_json_array(&j);
	px_json_str(&j, "a");
	px_json_int(&j, -4);
	px_json_str(&j, NULL);
	px_json_end(&j);
	assert_string_equal(b.ptr, "[\n \"a\",\n -4,\n null\n]\n");
	px_buf_clear(&b);
	px_json_init(&j, &b);
	px_json_object(&j);
	px_json_end(&j);
	assert_string_equal(b.ptr, "{}\n");
	px_buf_free(&b);
}

/* nesting past PX_JSON_DEPTH fails the document (the buffer's sticky
 * error), so no consumer prints a broken one */
static void too_deep(void **state)
{
	px_buf b = PX_BUF_INIT;
	px_json j;
	int i;

	(void)state;
	px_json_init(&j, &b);
	for (i = 0; i < PX_JSON_DEPTH + 2; i++)
		px_json_array(&j);
	for (i = 0; i < PX_JSON_DEPTH + 2; i++)
		px_json_end(&j);
	assert_true(px_buf_failed(&b));
	px_buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(nested),
		cmocka_unit_test(top_array),
		cmocka_unit_test(too_deep),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
