/* web_cache.h: the answer cache's keys (parameters sorted by name, those
 * of one name in order, nothing that could pass for a separator), its
 * bound (least recently used out first, a get making an answer recent),
 * a new state dropping the old answers, ETags and If-None-Match. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "web_cache.h"

static void key_of(px_buf *key, const char *state, const char *path, const px_web_param *p,
		   size_t n, px_lang lang)
{
	px_web_request rq;

	memset(&rq, 0, sizeof rq);
	rq.path = path;
	rq.rest = "";
	rq.params = p;
	rq.nparams = n;
	rq.lang = lang;
	px_web_cache_key(key, state, &rq);
}

static void test_keys(void **state)
{
	static const px_web_param ab[] = { { "q", "x" }, { "code", "a" }, { "code", "b" } };
	static const px_web_param ba[] = { { "code", "a" }, { "q", "x" }, { "code", "b" } };
	static const px_web_param swapped[] = { { "code", "b" }, { "code", "a" }, { "q", "x" } };
	static const px_web_param glued[] = { { "q", "x code=a" } };
	static const px_web_param apart[] = { { "q", "x" }, { "code", "a" } };
	px_buf k1 = PX_BUF_INIT, k2 = PX_BUF_INIT;
	char e1[PX_WEB_ETAG_SIZE], e2[PX_WEB_ETAG_SIZE];

	(void)state;
	/* the order of other names does not matter, that of one name does */
	key_of(&k1, "H", "/", ab, 3, PX_LANG_NL);
	key_of(&k2, "H", "/", ba, 3, PX_LANG_NL);
	assert_string_equal(k1.ptr, k2.ptr);
	px_web_cache_etag(e1, &k1);
	px_web_cache_etag(e2, &k2);
	assert_string_equal(e1, e2);
	key_of(&k2, "H", "/", swapped, 3, PX_LANG_NL);
	assert_string_not_equal(k1.ptr, k2.ptr);
	/* the state, the language, the path */
	key_of(&k2, "H2", "/", ab, 3, PX_LANG_NL);
	assert_string_not_equal(k1.ptr, k2.ptr);
	key_of(&k2, "H", "/", ab, 3, PX_LANG_FR);
	assert_string_not_equal(k1.ptr, k2.ptr);
	key_of(&k2, "H", "/codes", ab, 3, PX_LANG_NL);
	assert_string_not_equal(k1.ptr, k2.ptr);
	/* a value cannot pass for two parameters */
	key_of(&k1, "H", "/", glued, 1, PX_LANG_NL);
	key_of(&k2, "H", "/", apart, 2, PX_LANG_NL);
	assert_string_not_equal(k1.ptr, k2.ptr);
	px_web_cache_etag(e1, &k1);
	assert_int_equal(strlen(e1), 18);
	assert_true(e1[0] == '"' && e1[17] == '"');
	assert_true(px_web_cache_matches(e1, e1));
	assert_true(px_web_cache_matches("*", e1));
	assert_false(px_web_cache_matches(NULL, e1));
	assert_false(px_web_cache_matches("\"0\"", e1));
	{
		char list[64];
		snprintf(list, sizeof list, "\"0\" , W/%s", e1);
		assert_true(px_web_cache_matches(list, e1));
	}
	px_buf_free(&k1);
	px_buf_free(&k2);
}

static void put(px_web_cache *c, const char *state, const char *key, const char *body)
{
	px_web_response rs = PX_WEB_RESPONSE_INIT;
	px_buf k = PX_BUF_INIT;

	px_buf_puts(&k, key);
	px_buf_puts(&rs.body, body);
	rs.type = "text/plain";
	px_web_cache_put(c, state, &k, &rs);
	px_buf_free(&k);
	px_buf_free(&rs.body);
}

/* The body kept under `key`, or "" when none. */
static const char *get(px_web_cache *c, const char *key, px_buf *out)
{
	px_web_response rs = PX_WEB_RESPONSE_INIT;
	px_buf k = PX_BUF_INIT;

	px_buf_puts(&k, key);
	px_buf_clear(out);
	if (px_web_cache_get(c, &k, &rs))
		px_buf_put(out, rs.body.ptr, rs.body.len);
	px_buf_free(&k);
	px_buf_free(&rs.body);
	return out->ptr;
}

static void test_lru(void **state)
{
	px_web_cache *c = NULL;
	px_web_cache_stats st;
	px_buf b = PX_BUF_INIT;
	char body[1001], key[16];
	px_diag d = PX_DIAG_INIT;
	int i;

	(void)state;
	memset(body, 'x', 1000);
	body[1000] = 0;
	/* room for three answers of 1000 bytes and their keys, not four */
	assert_int_equal(px_web_cache_new(&c, 3 * 1200, &d), 0);
	put(c, "S", "a", body);
	put(c, "S", "b", body);
	put(c, "S", "c", body);
	assert_string_equal(get(c, "a", &b), body); /* a is recent now */
	put(c, "S", "d", body);                      /* b goes */
	assert_string_equal(get(c, "b", &b), "");
	assert_string_equal(get(c, "a", &b), body);
	assert_string_equal(get(c, "c", &b), body);
	assert_string_equal(get(c, "d", &b), body);
	px_web_cache_stat(c, &st);
	assert_int_equal(st.entries, 3);
	assert_true(st.bytes <= 3 * 1200);
	/* many more: the bound holds, the buckets grow */
	for (i = 0; i < 2000; i++) {
		snprintf(key, sizeof key, "k%d", i);
		put(c, "S", key, "small");
	}
	px_web_cache_stat(c, &st);
	assert_true(st.bytes <= 3 * 1200);
	assert_string_equal(get(c, "k1999", &b), "small");
	assert_string_equal(get(c, "k0", &b), "");
	/* another state: what was kept goes with the first answer kept */
	put(c, "T", "new", "fresh");
	px_web_cache_stat(c, &st);
	assert_int_equal(st.entries, 1);
	assert_string_equal(get(c, "k1999", &b), "");
	assert_string_equal(get(c, "new", &b), "fresh");
	/* too large for the bound: not kept, nothing dropped */
	{
		char big[5000];
		memset(big, 'y', sizeof big - 1);
		big[sizeof big - 1] = 0;
		put(c, "T", "big", big);
		assert_string_equal(get(c, "big", &b), "");
		assert_string_equal(get(c, "new", &b), "fresh");
	}
	px_web_cache_free(c);
	/* 0: nothing is kept */
	assert_int_equal(px_web_cache_new(&c, 0, &d), 0);
	put(c, "S", "a", "x");
	assert_string_equal(get(c, "a", &b), "");
	px_web_cache_free(c);
	px_buf_free(&b);
	px_diag_free(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_keys),
		cmocka_unit_test(test_lru),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
