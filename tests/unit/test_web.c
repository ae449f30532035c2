/* web.c without HTTP: the request's language from ?lang and
 * Accept-Language (a table), parameters, the route table's matching
 * (exact routes, prefixes and what they leave in `rest`), and the JSON
 * error answers in the request's language. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "web.h"

static void test_lang(void **state)
{
	static const struct {
		const char *path, *param, *accept;
		px_lang want;
	} cases[] = {
		{ "/", NULL, NULL, PX_LANG_NL },
		{ "/", NULL, "", PX_LANG_NL },
		{ "/", NULL, "fr", PX_LANG_FR },
		{ "/", NULL, "fr-BE,fr;q=0.9,nl;q=0.8", PX_LANG_FR },
		{ "/", NULL, "nl-BE, fr;q=0.9", PX_LANG_NL },
		{ "/", NULL, "en-GB,en;q=0.9,fr;q=0.8,nl;q=0.7", PX_LANG_FR },
		{ "/", NULL, "nl;q=0.3, fr;q=0.7", PX_LANG_FR },
		{ "/", NULL, "fr;q=0.25,nl;q=0.5", PX_LANG_NL },
		{ "/", NULL, "fr;q=0, nl;q=0.1", PX_LANG_NL },
		{ "/", NULL, "fry,frisian", PX_LANG_NL },     /* not French */
		{ "/", NULL, "de, en", PX_LANG_NL },
		{ "/", NULL, "FR-be", PX_LANG_FR },
		{ "/", NULL, ",,;;q=,fr;q=abc", PX_LANG_FR },
		{ "/", "fr", "nl", PX_LANG_FR },
		{ "/", "nl", "fr", PX_LANG_NL },
		{ "/", "en", "fr", PX_LANG_FR },              /* never English */
		{ "/", "xx", NULL, PX_LANG_NL },
		{ "/codes", "fr", NULL, PX_LANG_FR },
		{ "/api/search", "fr", NULL, PX_LANG_NL },    /* lang= filters there */
		{ "/api/search", "nl", "fr", PX_LANG_FR },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof *cases; i++) {
		px_lang got = px_web_lang(cases[i].path, cases[i].param, cases[i].accept);
		if (got != cases[i].want)
			fail_msg("case %zu (%s, %s, %s): %d, not %d", i, cases[i].path,
				 cases[i].param ? cases[i].param : "-",
				 cases[i].accept ? cases[i].accept : "-", got, cases[i].want);
	}
}

static void test_arg(void **state)
{
	static const px_web_param p[] = { { "q", "a" }, { "code", "x" }, { "code", "y" }, { "e", "" } };
	px_web_request rq;

	(void)state;
	memset(&rq, 0, sizeof rq);
	rq.params = p;
	rq.nparams = 4;
	assert_string_equal(px_web_arg(&rq, "q"), "a");
	assert_string_equal(px_web_arg(&rq, "code"), "x");
	assert_string_equal(px_web_arg(&rq, "e"), "");
	assert_null(px_web_arg(&rq, "Q"));
	assert_null(px_web_arg(&rq, "cod"));
}

/* Routing: a request to a path that no route takes is a 404 in the
 * request's language, without calling any handler (the px_web is NULL:
 * a handler would crash; without one, the 404 is JSON even outside
 * /api/, where t7050 checks the page). Each route of the table is found by its own
 * path, exact routes only by themselves. */
static void test_routes(void **state)
{
	const px_web_route *r;
	static const char *const none[] = { "/x", "/api", "/api/", "/api/searchx", "/api/search/",
					    "/api/codesx", "/apix/notes/a", "//", "/static" };
	size_t i, n = 0;

	(void)state;
	for (r = px_web_routes; r->prefix; r++, n++) {
		const px_web_route *s;
		assert_true(r->prefix[0] == '/');
		assert_non_null(r->fn);
		/* no route is shadowed by an earlier prefix */
		for (s = px_web_routes; s != r; s++) {
			size_t k = strlen(s->prefix);
			if (k > 1 && s->prefix[k - 1] == '/')
				assert_false(strncmp(r->prefix, s->prefix, k) == 0);
		}
	}
	assert_true(n >= 6);
	for (i = 0; i < sizeof none / sizeof *none; i++) {
		px_web_request rq;
		px_web_response rs = PX_WEB_RESPONSE_INIT;
		px_diag d = PX_DIAG_INIT;
		char want[128];
		memset(&rq, 0, sizeof rq);
		rq.path = none[i];
		rq.lang = i % 2 ? PX_LANG_FR : PX_LANG_NL;
		assert_int_equal(px_web_dispatch(NULL, &rq, &rs, &d), 0);
		assert_int_equal(rs.status, 404);
		assert_string_equal(rs.type, "application/json; charset=utf-8");
		snprintf(want, sizeof want, i % 2 ? "{\n \"status\": 404,\n \"error\": \"rien à '%s'\"\n}\n"
						   : "{\n \"status\": 404,\n \"error\": \"niets op '%s'\"\n}\n",
			 none[i]);
		assert_string_equal(rs.body.ptr, want);
		px_buf_free(&rs.body);
		px_diag_free(&d);
	}
}

/* The static files: the fixed table only. */
static void test_static(void **state)
{
	static const char *const bad[] = { "", "../Makefile", "report.css/", "report.css\n", "REPORT.CSS",
					   "./report.css", "web.js.map" };
	size_t i;

	(void)state;
	for (i = 0; i < sizeof bad / sizeof *bad; i++) {
		px_web_request rq;
		px_web_response rs = PX_WEB_RESPONSE_INIT;
		memset(&rq, 0, sizeof rq);
		rq.path = "/static/x";
		rq.rest = bad[i];
		assert_int_equal(px_web_static(NULL, &rq, &rs, NULL), 0);
		assert_int_equal(rs.status, 404);
		px_buf_free(&rs.body);
	}
}

/* An error from a diagnostic: its first error's message, escaped. */
static void test_error_diag(void **state)
{
	px_web_request rq;
	px_web_response rs = PX_WEB_RESPONSE_INIT;
	px_diag d = PX_DIAG_INIT;

	(void)state;
	memset(&rq, 0, sizeof rq);
	rq.lang = PX_LANG_NL;
	px_diag_add(&d, "query", 1, 1, PX_SEV_WARNING, "query", MSG_UNKNOWN_CODE, "w");
	px_diag_add(&d, "query", 1, 1, PX_SEV_ERROR, "query", MSG_UNKNOWN_CODE, "<a \"b\">");
	assert_int_equal(px_web_error_diag(&rs, &rq, 400, &d), 0);
	assert_int_equal(rs.status, 400);
	assert_string_equal(rs.body.ptr, "{\n \"status\": 400,\n \"error\": \"unknown code '<a \\\"b\\\">'\"\n}\n");
	px_buf_free(&rs.body);
	px_diag_free(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lang),
		cmocka_unit_test(test_arg),
		cmocka_unit_test(test_routes),
		cmocka_unit_test(test_static),
		cmocka_unit_test(test_error_diag),
	};
	px_i18n_init();
	px_i18n_set("en"); /* the diagnostics' language */
	return cmocka_run_group_tests(tests, NULL, NULL);
}
