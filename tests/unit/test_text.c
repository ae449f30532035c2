/* The one rule for unsafe characters and its XML, terminal and JSON
 * sanitisers, over a table of inputs. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "buf.h"
#include "diag.h"
#include "fold.h"
#include "text.h"

static const struct {
	const char *in, *xml, *term, *json;
} cases[] = {
	{ "plain", "plain", "plain", "plain" },
	{ "a\tb\nc", "a\tb\nc", "a\tb\nc", "a\\tb\\nc" },
	{ "a\rb", "a\rb", "a\\u000Db", "a\\rb" },
	{ "a\vb\fc", "a\nb\nc", "a\\u000Bb\\u000Cc", "a\\u000bb\\u000cc" },
	{ "\033]0;owned\007\033[2J", "\xEF\xBF\xBD]0;owned\xEF\xBF\xBD\xEF\xBF\xBD[2J",
	  "\\u001B]0;owned\\u0007\\u001B[2J", "\\u001b]0;owned\\u0007\\u001b[2J" },
	{ "x\x7fy", "x\xEF\xBF\xBDy", "x\\u007Fy", "x\\u007fy" },
	{ "x\xC2\x9By", "x\xEF\xBF\xBDy", "x\\u009By", "x\\u009by" },
	{ "x\xC2\x85y", "x\xEF\xBF\xBDy", "x\\u0085y", "x\\u0085y" },
	{ "x\xEF\xBF\xBEy\xEF\xBF\xBFz", "x\xEF\xBF\xBDy\xEF\xBF\xBDz", "x\\uFFFEy\\uFFFFz",
	  "x\\ufffey\\uffffz" },
	{ "x\xEF\xB7\x90y", "x\xEF\xBF\xBDy", "x\\uFDD0y", "x\\ufdd0y" },
	{ "x\xF0\x9F\xBF\xBEy", "x\xEF\xBF\xBDy", "x\\u1FFFEy", "x\\ud83f\\udffey" },
	{ "caf\xC3\xA9 \xE2\x80\x94 \xF0\x9F\x98\x80", "caf\xC3\xA9 \xE2\x80\x94 \xF0\x9F\x98\x80",
	  "caf\xC3\xA9 \xE2\x80\x94 \xF0\x9F\x98\x80", "caf\xC3\xA9 \xE2\x80\x94 \xF0\x9F\x98\x80" },
	{ "x\xE9y", "x\xEF\xBF\xBDy", "x\\xE9y", "x\\ufffdy" },
	{ "x\xED\xA0\x80y", "x\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBDy", "x\\xED\\xA0\\x80y",
	  "x\\ufffd\\ufffd\\ufffdy" },
	{ "<a href=\"x\">&'", "&lt;a href=&quot;x&quot;&gt;&amp;&apos;", "<a href=\"x\">&'",
	  "<a href=\\\"x\\\">&'" },
};

static void test_sanitisers(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof *cases; i++) {
		px_buf x = PX_BUF_INIT, t = PX_BUF_INIT, j = PX_BUF_INIT;
		assert_int_equal(px_buf_xml_str(&x, cases[i].in), 0);
		assert_int_equal(px_buf_term_str(&t, cases[i].in, 0), 0);
		assert_int_equal(px_buf_json_str(&j, cases[i].in), 0);
		assert_string_equal(x.ptr, cases[i].xml);
		assert_string_equal(t.ptr, cases[i].term);
		assert_string_equal(j.ptr, cases[i].json);
		px_buf_free(&x);
		px_buf_free(&t);
		px_buf_free(&j);
	}
}

static void test_xml_unescaped_and_one_line(void **state)
{
	px_buf b = PX_BUF_INIT;

	(void)state;
	/* XML that cmark-gfm wrote: markup kept, the characters replaced */
	px_buf_xml_text(&b, "<text>a\vb&amp;\x1b</text>", strlen("<text>a\vb&amp;\x1b</text>"), 0);
	assert_string_equal(b.ptr, "<text>a\nb&amp;\xEF\xBF\xBD</text>");
	px_buf_clear(&b);
	/* one line: a file name's line feed cannot start a fake line */
	px_buf_term_str(&b, "a\nb\tc", PX_TERM_LINE);
	assert_string_equal(b.ptr, "a\\u000Ab\tc");
	px_buf_free(&b);
}

static void test_classes(void **state)
{
	unsigned long cp;
	size_t n;

	(void)state;
	assert_int_equal(px_char_at("\v", 1, &cp, &n), PX_CH_BREAK);
	assert_int_equal(px_char_at("\x1b", 1, &cp, &n), PX_CH_CONTROL);
	assert_int_equal(px_char_at("\xC2\x80", 2, &cp, &n), PX_CH_CONTROL);
	assert_int_equal(cp, 0x80);
	assert_int_equal(n, 2);
	assert_int_equal(px_char_at("\xC2\xA0", 2, &cp, &n), PX_CH_OK);
	assert_int_equal(px_char_at("\xEF\xBF\xBD", 3, &cp, &n), PX_CH_OK);
	assert_int_equal(px_char_at("\xEF\xBF\xBE", 3, &cp, &n), PX_CH_NONCHAR);
	assert_int_equal(px_char_at("\xF4\x8F\xBF\xBF", 4, &cp, &n), PX_CH_NONCHAR);
	assert_int_equal(px_char_at("\xEF\xBF", 2, &cp, &n), PX_CH_INVALID);
	assert_int_equal(px_char_at("\xC0\x80", 2, &cp, &n), PX_CH_INVALID);
	assert_int_equal(px_text_unsafe_at("abc\r\n\tdef", 9), 9);
	assert_int_equal(px_text_unsafe_at("ab\x0c", 3), 2);
}

/* The scanners every note passes through skip ASCII in bulk (eight
 * bytes at a time, or a run of printable bytes): what they find must not
 * depend on where it falls against those runs. Each case is put at every
 * offset of a 40-byte line of plain ASCII, and cut short at its end. */
static void test_scanners_at_every_offset(void **state)
{
	static const struct {
		const char *bytes;
		int invalid; /* px_utf8_invalid_at finds it (else it is valid UTF-8) */
		int unsafe;  /* px_text_unsafe_at finds it */
	} probes[] = {
		{ "\x80", 1, 1 }, { "\xC3", 1, 1 }, { "\xC0\x80", 1, 1 }, { "\xED\xA0\x80", 1, 1 },
		{ "\xF4\x90\x80\x80", 1, 1 }, { "\xFF", 1, 1 },
		{ "\x7F", 0, 1 }, { "\x01", 0, 1 }, { "\x0c", 0, 1 }, { "\x1b", 0, 1 },
		{ "\xC2\x85", 0, 1 }, /* U+0085, a C1 control */
		{ "\xC3\xA9", 0, 0 }, { "\xE2\x82\xAC", 0, 0 }, { "\xF0\x9F\x98\x80", 0, 0 },
		{ "\r\n\t", 0, 0 },
	};
	size_t i, at;

	(void)state;
	for (i = 0; i < sizeof probes / sizeof *probes; i++) {
		size_t cl = strlen(probes[i].bytes);
		for (at = 0; at <= 40; at++) {
			char line[64];
			size_t len = 40 + cl, cut;

			memset(line, 'a', sizeof line);
			memcpy(line + at, probes[i].bytes, cl);
			assert_int_equal(px_utf8_invalid_at(line, len), probes[i].invalid ? at : len);
			assert_int_equal(px_text_unsafe_at(line, len), probes[i].unsafe ? at : len);
			/* a character cut short by the end of the text */
			if (at == 40 && cl > 1 && !probes[i].invalid && (probes[i].bytes[0] & 0x80)) {
				cut = 40 + cl - 1;
				assert_int_equal(px_utf8_invalid_at(line, cut), 40);
				assert_int_equal(px_text_unsafe_at(line, cut), 40);
			}
		}
	}
	assert_int_equal(px_utf8_invalid_at("", 0), 0);
	assert_int_equal(px_text_unsafe_at("", 0), 0);
}

/* Line offsets, against counting by hand. */
static void test_lines(void **state)
{
	static const char *const texts[] = {
		"", "a", "\n", "\n\n", "a\nb", "a\nb\n", "\nab\n\ncd", "line one\nline two\r\nthree",
	};
	size_t i, k;

	(void)state;
	for (i = 0; i < sizeof texts / sizeof *texts; i++) {
		const char *t = texts[i];
		size_t len = strlen(t), want[16], n = 1;
		px_lines l;

		want[0] = 0;
		for (k = 0; k < len; k++)
			if (t[k] == '\n')
				want[n++] = k + 1;
		assert_int_equal(px_lines_build(&l, t, len), 0);
		assert_int_equal(l.n, n);
		for (k = 0; k < n; k++)
			assert_int_equal(px_lines_offset(&l, (int)k + 1), want[k]);
		assert_int_equal(px_lines_offset(&l, (int)n + 1), len);
		px_lines_free(&l);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sanitisers),
		cmocka_unit_test(test_xml_unescaped_and_one_line),
		cmocka_unit_test(test_classes),
		cmocka_unit_test(test_scanners_at_every_offset),
		cmocka_unit_test(test_lines),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
