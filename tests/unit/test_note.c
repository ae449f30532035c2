/* The note model: segments, heading paths, lines, codes, quotes, tasks. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include <cmark-gfm-core-extensions.h>

#include "codebook.h"
#include "cycle.h"
#include "data.h"
#include "note.h"
#include "xml.h"

static px_codebook *cb;

static int setup(void **state)
{
	px_diag d = PX_DIAG_INIT;
	char *path = px_data_path("schema/codebook.xml");

	(void)state;
	px_xml_init();
	cmark_gfm_core_extensions_ensure_registered();
	assert_non_null(path);
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

static const char *const NOTE =
	"---\n"                                             /* 1 */
	"community: zuid\n"
	"cycle: 2022-2023\n"
	"session: 4\n"
	"date: 2023-01-17\n"                                /* 5 */
	"lang: nl\n"
	"author: \"M. Lead\"\n"
	"attendance: 11\n"
	"methods: [case-presentation, tool-demo]\n"
	"themes: [tijd, '#Vertrouwen', tijd]\n"             /* 10 */
	"title: \"Wie trekt aan de touwtjes?\"\n"
	"---\n"
	"\n"
	"Inleiding zonder kop. #Hôpital\n"
	"\n"                                                /* 15 */
	"## Casus #tijd\n"
	"\n"
	"Een deelnemer stelde de situatie van mevrouw A. voor. Niemand wist wie de\n"
	"coördinatie opnam. #samenwerking #ziekenhuis #SAMENWERKING\n"
	"\n"                                                /* 20 */
	"> \"Ik voel me radeloos, alsof alles op mij terechtkomt.\" #emotionele-last\n"
	"\n"
	"### Detail\n"
	"\n"
	"Code `#tijd` en [link](https://x.org/#tijd) en https://x.org/#tijd niet.\n" /* 25 */
	"\n"
	"| Dienst | Wat |\n"
	"| --- | --- |\n"
	"| OCMW | leefloon #resource.experience |\n"
	"| CAW | #EXPÉRIENCE en #experience |\n"           /* 30 */
	"\n"
	"## Opvolging\n"
	"\n"
	"- [ ] De helpdesk contacteren #ziekenhuis\n"
	"  - genest punt #tijd\n"                          /* 35 */
	"- [x] BabbelBoost voorstellen\n"
	"- gewoon punt\n";

static px_note *parse(const char *src, px_diag *d)
{
	px_note *n = NULL;

	assert_int_equal(px_note_parse(&n, "zuid/04.md", src, strlen(src), cb, d), 0);
	assert_non_null(n);
	return n;
}

static void test_metadata(void **state)
{
	px_diag d = PX_DIAG_INIT;
	px_note *n = parse(NOTE, &d);

	(void)state;
	assert_int_equal(d.errors, 0);
	assert_string_equal(n->community.s, "zuid");
	assert_int_equal(n->community.line, 2);
	assert_int_equal(n->community.col, 12);
	assert_int_equal(n->cycle_year, 2022);
	assert_int_equal(n->session, 4);
	assert_int_equal(n->attendance, 11);
	assert_string_equal(n->lang.s, "nl");
	assert_string_equal(n->title.s, "Wie trekt aan de touwtjes?");
	assert_int_equal(n->methods.n, 2);
	assert_string_equal(n->methods.v[1].s, "tool-demo");
	/* themes: aliases resolve, '#' is tolerated, duplicates collapse */
	assert_int_equal(n->ntheme_codes, 2);
	assert_string_equal(n->theme_codes[0]->id, "resource.time");
	assert_string_equal(n->theme_codes[1]->id, "resource.trust");
	assert_int_equal(n->body_line, 13);
	px_note_free(n);
	px_diag_free(&d);
}

static void test_segments(void **state)
{
	px_diag d = PX_DIAG_INIT;
	px_note *n = parse(NOTE, &d);
	const px_segment *s;

	(void)state;
	assert_int_equal(d.errors, 0);
	assert_int_equal(n->nsegs, 10);

	s = &n->segs[0];
	assert_int_equal(s->kind, PX_SEG_PARAGRAPH);
	assert_string_equal(s->heading, "");
	assert_int_equal(s->first_line, 14);
	assert_string_equal(s->text, "Inleiding zonder kop. #Hôpital");
	assert_int_equal(s->ncodes, 1);
	assert_string_equal(s->codes[0]->id, "difficulty.hospital");
	assert_int_equal(s->tags[0].line, 14);
	assert_int_equal(s->tags[0].col, 23);

	s = &n->segs[1];
	assert_int_equal(s->kind, PX_SEG_PARAGRAPH);
	assert_string_equal(s->heading, "Casus #tijd");
	assert_int_equal(s->first_line, 18);
	assert_int_equal(s->last_line, 19);
	assert_int_equal(s->ntags, 3);
	assert_int_equal(s->ncodes, 2);
	assert_string_equal(s->codes[0]->id, "difficulty.coordination");
	assert_string_equal(s->codes[1]->id, "difficulty.hospital");
	assert_int_equal(s->tags[2].line, 19);
	assert_int_equal(s->tags[2].col, 46);
	assert_non_null(strstr(s->text, "Niemand wist wie de coördinatie opnam."));

	s = &n->segs[2];
	assert_int_equal(s->kind, PX_SEG_QUOTE);
	assert_int_equal(s->first_line, 21);
	assert_string_equal(s->codes[0]->id, "difficulty.emotional-load");

	/* code spans, links and URLs do not code; the heading path nests */
	s = &n->segs[3];
	assert_int_equal(s->kind, PX_SEG_PARAGRAPH);
	assert_string_equal(s->heading, "Casus #tijd > Detail");
	assert_int_equal(s->ncodes, 0);

	s = &n->segs[4];
	assert_int_equal(s->kind, PX_SEG_ROW);
	assert_int_equal(s->first_line, 29);
	assert_string_equal(s->text, "OCMW | leefloon #resource.experience");
	assert_string_equal(s->codes[0]->id, "resource.experience");
	s = &n->segs[5];
	assert_int_equal(s->kind, PX_SEG_ROW);
	assert_int_equal(s->ntags, 2);
	assert_int_equal(s->ncodes, 1);

	s = &n->segs[6];
	assert_int_equal(s->kind, PX_SEG_ITEM);
	assert_string_equal(s->heading, "Opvolging");
	assert_int_equal(s->task, 0);
	assert_int_equal(s->first_line, 34);
	assert_string_equal(s->text, "De helpdesk contacteren #ziekenhuis");
	s = &n->segs[7];
	assert_int_equal(s->kind, PX_SEG_ITEM);
	assert_int_equal(s->task, -1);
	assert_string_equal(s->text, "genest punt #tijd");
	assert_int_equal(s->first_line, 35);
	s = &n->segs[8];
	assert_int_equal(s->task, 1);
	assert_string_equal(s->text, "BabbelBoost voorstellen");
	s = &n->segs[9];
	assert_int_equal(s->task, -1);
	px_note_free(n);
	px_diag_free(&d);
}

static void test_unknown_and_positions(void **state)
{
	px_diag d = PX_DIAG_INIT;
	const char *src =
		"---\ncommunity: zuid\ncycle: 2022-2023\nsession: 4\ndate: 2023-01-17\n"
		"lang: nl\nauthor: x\n---\n"
		"Één #tjid, dan #ervaring.\n";
	px_note *n = parse(src, &d);

	(void)state;
	assert_int_equal(d.errors, 1);
	assert_string_equal(d.items[0].rule, "unknown-code");
	assert_int_equal(d.items[0].line, 9);
	assert_int_equal(d.items[0].col, 5);
	assert_string_equal(d.items[0].message, "unknown code '#tjid' (did you mean '#tijd'?)");
	/* the trailing full stop is not part of the tag */
	assert_int_equal(n->segs[0].ncodes, 1);
	assert_string_equal(n->segs[0].codes[0]->id, "resource.experience");
	px_note_free(n);
	px_diag_free(&d);
}

static void test_fatal(void **state)
{
	static const struct {
		const char *src;
		size_t len;
		const char *rule;
		int line, col;
	} cases[] = {
		{ "", 0, "empty", 1, 1 },
		{ "  \n\n", 4, "empty", 1, 1 },
		{ "---\na: b\n", 9, "front-matter", 1, 1 },
		{ "hello\n", 6, "front-matter", 1, 1 },
		{ "---\n---\n\xff\n", 10, "encoding", 3, 1 },
		{ "---\n---\nab\0", 11, "binary", 3, 3 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof *cases; i++) {
		px_diag d = PX_DIAG_INIT;
		px_note *n = NULL;
		assert_int_equal(px_note_parse(&n, "x.md", cases[i].src, cases[i].len, cb, &d), -1);
		assert_null(n);
		assert_int_equal(d.n, 1);
		assert_string_equal(d.items[0].rule, cases[i].rule);
		assert_int_equal(d.items[0].line, cases[i].line);
		assert_int_equal(d.items[0].col, cases[i].col);
		px_diag_free(&d);
	}
}

static void test_dates(void **state)
{
	int y, m, d;

	(void)state;
	assert_int_equal(px_date_parse("2024-02-29", &y, &m, &d), 0);
	assert_int_equal(px_date_parse("2023-02-29", &y, &m, &d), -1);
	assert_int_equal(px_date_parse("1900-02-29", &y, &m, &d), -1);
	assert_int_equal(px_date_parse("2000-02-29", &y, &m, &d), 0);
	assert_int_equal(px_date_parse("2023-13-01", &y, &m, &d), -1);
	assert_int_equal(px_date_parse("2023-1-01", &y, &m, &d), -1);
	assert_int_equal(px_date_parse("2023-04-31", &y, &m, &d), -1);
	assert_int_equal(px_date_parse("2023-12-31", &y, &m, &d), 0);
	assert_int_equal(y, 2023);
	assert_int_equal(m, 12);
	assert_int_equal(d, 31);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_metadata),
		cmocka_unit_test(test_segments),
		cmocka_unit_test(test_unknown_and_positions),
		cmocka_unit_test(test_fatal),
		cmocka_unit_test(test_dates),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
