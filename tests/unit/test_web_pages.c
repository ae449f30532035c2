/* The web app's pages (web_pages.h), called as the server calls them, on
 * the demo knowledge base committed with git plus a hostile note: every
 * page in both languages, what the pages show against what the CLI's
 * gatherers find, links, escaping, 400 and 404. The HTML is read back
 * with libxml2's HTML parser and XPath. */
#include <stdarg.h>
#include <stdio.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmark-gfm-core-extensions.h>
#include <libxml/HTMLparser.h>
#include <libxml/xpath.h>

#include "data.h"
#include "db.h"
#include "index.h"
#include "kb.h"
#include "query.h"
#include "search.h"
#include "store.h"
#include "web_pages.h"
#include "xml.h"

static char dir[] = "/tmp/px-web-pages-XXXXXX";
static px_kb *kb;
static px_store *store;
static px_index *ix;
static px_web w;

static const char hostile[] =
	"---\n"
	"community: zuid\n"
	"cycle: 2022-2023\n"
	"session: 9\n"
	"date: 2023-06-20\n"
	"lang: nl\n"
	"author: \"<b>Eve</b>\"\n"
	"title: \"<script>alert(1)</script>\"\n"
	"summary: \"a & b <img src=x onerror=alert(2)>\"\n"
	"---\n"
	"\n"
	"## <i>Kop</i>\n"
	"\n"
	"Tekst met <script>alert(3)</script> en [link](javascript:alert(4)) over ziekenhuizen. #tijd\n"
	"\n"
	"- [ ] iemand belt het het terug\n"
	"- [x] verslag rondgestuurd\n";

static int sh(const char *fmt, ...)
{
	char cmd[4096];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof cmd, fmt, ap);
	va_end(ap);
	return system(cmd);
}

static int setup(void **state)
{
	px_diag d = PX_DIAG_INIT;
	px_update_opts uo = PX_UPDATE_OPTS_INIT;
	char *notes = px_data_path("notes");
	FILE *f;
	char path[512];

	(void)state;
	px_i18n_init();
	px_xml_init();
	px_store_global_init();
	cmark_gfm_core_extensions_ensure_registered();
	assert_non_null(mkdtemp(dir));
	assert_non_null(notes);
	assert_int_equal(sh("git init -q -b main %s && cp -r %s/. %s/", dir, notes, dir), 0);
	snprintf(path, sizeof path, "%s/2022-2023/zuid/09.md", dir);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(hostile, f);
	fclose(f);
	assert_int_equal(sh("cd %s && git add -A && git -c user.name=Demo -c user.email=demo@example.org "
			    "commit -qm 'Demo notes' && echo '- [x] nog een' >> 2022-2023/zuid/09.md && "
			    "git -c user.name='Second <Author>' -c user.email=s@example.org commit -qam "
			    "'Follow-up <done>'", dir), 0);
	free(notes);
	assert_int_equal(px_kb_open(&kb, dir, 0, &d), 0);
	assert_int_equal(px_store_open(&store, dir, &d), 0);
	assert_int_equal(px_index_open(&ix, kb, store, &d), 0);
	assert_true(px_index_update(ix, &uo, &d) > 0);
	px_diag_free(&d);
	w.kb = kb;
	w.store = store;
	w.index = ix;
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	px_web_pages_shutdown();
	px_index_close(ix);
	px_store_free(store);
	px_kb_free(kb);
	sh("rm -rf %s", dir);
	px_store_global_shutdown();
	px_xml_cleanup();
	return 0;
}

/* ------------------------------------------------------------ helpers */

typedef struct {
	int status;
	px_buf body;
	htmlDocPtr doc;
	xmlXPathContextPtr xp;
} page;

/* Decodes %XX in place, as the server does with a query's values. */
static void decode(char *s)
{
	char *o = s;
	unsigned v;

	for (; *s; s++) {
		if (*s == '%' && s[1] && s[2] && sscanf(s + 1, "%2x", &v) == 1) {
			*o++ = (char)v;
			s += 2;
		} else {
			*o++ = *s == '+' ? ' ' : *s;
		}
	}
	*o = '\0';
}

/* Calls `fn` for PATH?QUERY (QUERY: name=value&..., URL-encoded or not) in
 * `lang`, as the server would; the page parsed. */
static void get(page *p, px_web_handler fn, const char *prefix, const char *path,
		const char *query, px_lang lang)
{
	px_web_param params[32];
	px_web_request rq;
	px_web_response rs = PX_WEB_RESPONSE_INIT;
	px_diag d = PX_DIAG_INIT;
	static char copy[2048];
	char *save = NULL, *tok;
	size_t n = 0;

	memset(&rq, 0, sizeof rq);
	snprintf(copy, sizeof copy, "%s", query ? query : "");
	for (tok = strtok_r(copy, "&", &save); tok && n < 32; tok = strtok_r(NULL, "&", &save)) {
		char *eq = strchr(tok, '=');
		params[n].name = tok;
		params[n].value = eq ? eq + 1 : "";
		if (eq)
			*eq = '\0';
		decode(tok);
		if (eq)
			decode(eq + 1);
		n++;
	}
	rq.path = path;
	rq.rest = prefix ? path + strlen(prefix) : "";
	rq.params = params;
	rq.nparams = n;
	rq.lang = lang;
	assert_int_equal(fn(&w, &rq, &rs, &d), 0);
	if (d.errors)
		px_diag_print(&d, stderr, 0);
	assert_int_equal((int)d.errors, 0);
	assert_string_equal(rs.type, "text/html; charset=utf-8");
	assert_null(rs.filename);
	p->status = rs.status;
	p->body = rs.body;
	p->doc = htmlReadMemory(p->body.ptr, (int)p->body.len, "page.html", "UTF-8",
				HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
	assert_non_null(p->doc);
	p->xp = xmlXPathNewContext(p->doc);
	px_diag_free(&d);
}

static void put(page *p)
{
	xmlXPathFreeContext(p->xp);
	xmlFreeDoc(p->doc);
	px_buf_free(&p->body);
}

static double num(page *p, const char *expr)
{
	xmlXPathObjectPtr o = xmlXPathEvalExpression((const xmlChar *)expr, p->xp);
	double v;

	assert_non_null(o);
	v = xmlXPathCastToNumber(o);
	xmlXPathFreeObject(o);
	return v;
}

/* The string value of `expr`, malloc'd. */
static char *str(page *p, const char *expr)
{
	xmlXPathObjectPtr o = xmlXPathEvalExpression((const xmlChar *)expr, p->xp);
	xmlChar *s;
	char *r;

	assert_non_null(o);
	s = xmlXPathCastToString(o);
	r = strdup((const char *)s);
	xmlFree(s);
	xmlXPathFreeObject(o);
	return r;
}

/* What every page has: the language, the switch to the other language
 * that keeps the query, no script, the navigation. */
static void common(page *p, px_lang lang)
{
	char *l = str(p, "string(/html/@lang)"), *sw = str(p, "string(//a[@id='lang-switch']/@href)");

	assert_string_equal(l, px_lang_code(lang));
	assert_non_null(strstr(sw, lang == PX_LANG_NL ? "lang=fr" : "lang=nl"));
	assert_int_equal((int)num(p, "count(//script)"), 0);
	assert_int_equal((int)num(p, "count(//*[@style])"), 0);
	assert_int_equal((int)num(p, "count(//header//ul//a[starts-with(@href, '/codes?')])"), 1);
	free(l);
	free(sw);
}

/* The CLI's search (search.h) for `text`: its total. */
static long cli_total(const char *text, const char *community)
{
	px_search_filters f = PX_SEARCH_FILTERS_INIT;
	px_search_result r;
	px_query q;
	px_diag d = PX_DIAG_INIT;
	long total;

	assert_int_equal(px_query_parse(&q, text, kb->cb, &d), 0);
	f.community = community;
	assert_int_equal(px_search_run(&r, ix, &q, &f, &d), 0);
	total = r.total;
	px_search_result_free(&r);
	px_query_free(&q);
	px_diag_free(&d);
	return total;
}

/* -------------------------------------------------------------- tests */

static void every_page_both_languages(void **state)
{
	static const struct {
		px_web_handler fn;
		const char *prefix, *path, *query;
	} pages[] = {
		{ px_web_page_search, NULL, "/", "" },
		{ px_web_page_search, NULL, "/", "q=het" },
		{ px_web_page_codes, NULL, "/codes", "" },
		{ px_web_page_code, "/codes/", "/codes/tijd", "" },
		{ px_web_page_matrix, NULL, "/matrix", "" },
		{ px_web_page_matrix, NULL, "/matrix", "cols=session" },
		{ px_web_page_matrix, NULL, "/matrix", "cols=code" },
		{ px_web_page_note, "/notes/", "/notes/2022-2023/zuid/01.md", "" },
	};
	size_t i;
	int l;

	(void)state;
	for (i = 0; i < sizeof pages / sizeof *pages; i++)
		for (l = 0; l < 2; l++) {
			page p;
			get(&p, pages[i].fn, pages[i].prefix, pages[i].path, pages[i].query, (px_lang)l);
			assert_int_equal(p.status, 200);
			common(&p, (px_lang)l);
			assert_true(num(&p, "string-length(//h1)") > 0);
			put(&p);
		}
}

static void search_matches_cli(void **state)
{
	page p, p2;
	long total = cli_total("het", NULL);
	char *first, *first2, *sw;

	(void)state;
	assert_true(total > PX_WEB_PAGE_SIZE); /* the demo has enough for two pages */
	get(&p, px_web_page_search, NULL, "/", "q=het", PX_LANG_NL);
	assert_int_equal((int)num(&p, "count(//article[@class='hit'])"), PX_WEB_PAGE_SIZE);
	assert_true(num(&p, "count(//article[@class='hit']//mark)") >= PX_WEB_PAGE_SIZE);
	assert_int_equal((int)num(&p, "count(//nav[@class='pager']//a[@rel='next'])"), 1);
	/* the count the page states is the CLI's */
	{
		char *count = str(&p, "string(//p[@class='count'])"), want[64];
		snprintf(want, sizeof want, "van %ld segmenten", total);
		assert_non_null(strstr(count, want));
		free(count);
	}
	sw = str(&p, "string(//a[@id='lang-switch']/@href)");
	assert_non_null(strstr(sw, "q=het"));
	first = str(&p, "string(//article[@class='hit'][1]//a[@class='note-link']/@href)");
	get(&p2, px_web_page_search, NULL, "/", "q=het&page=2", PX_LANG_NL);
	first2 = str(&p2, "string(//article[@class='hit'][1]//a[@class='note-link']/@href)");
	assert_true(*first2);
	assert_string_not_equal(first, first2);
	assert_true(num(&p2, "count(//article[@class='hit'])") >= 1);
	assert_int_equal((int)num(&p2, "count(//nav[@class='pager']//a[@rel='prev'])"), 1);
	put(&p2);
	/* a filter narrows to the CLI's count for that filter */
	get(&p2, px_web_page_search, NULL, "/", "q=het&community=zuid", PX_LANG_FR);
	{
		char *count = str(&p2, "string(//p[@class='count'])"), want[64];
		snprintf(want, sizeof want, "sur %ld segments", cli_total("het", "zuid"));
		assert_non_null(strstr(count, want));
		free(count);
	}
	assert_int_equal((int)num(&p2, "count(//li[@class='filter']//a[@class='remove'])"), 1);
	put(&p2);
	/* the community facet counts what the filter finds, and its link
	 * narrows to it */
	{
		char *zuid = str(&p, "string(//a[@data-facet='community'][@data-value='zuid']/../span[@class='n'])");
		char *link = str(&p, "string(//a[@data-facet='community'][@data-value='zuid']/@href)");
		assert_int_equal(atol(zuid), cli_total("het", "zuid"));
		assert_non_null(strstr(link, "community=zuid"));
		assert_non_null(strstr(link, "q=het"));
		free(zuid);
		free(link);
	}
	free(first);
	free(first2);
	free(sw);
	put(&p);
}

static void search_problems(void **state)
{
	page p;

	(void)state;
	get(&p, px_web_page_search, NULL, "/", "q=\"het", PX_LANG_NL);
	assert_int_equal(p.status, 400);
	assert_int_equal((int)num(&p, "count(//p[@class='problem'])"), 1);
	put(&p);
	get(&p, px_web_page_search, NULL, "/", "q=x&community=nergens", PX_LANG_FR);
	assert_int_equal(p.status, 400);
	{
		char *m = str(&p, "string(//p[@class='problem'])");
		assert_non_null(strstr(m, "communauté inconnue 'nergens'"));
		free(m);
	}
	put(&p);
	get(&p, px_web_page_search, NULL, "/", "q=x&kind=poem&since=2023-02-30", PX_LANG_NL);
	assert_int_equal(p.status, 400);
	assert_int_equal((int)num(&p, "count(//p[@class='problem'])"), 2);
	put(&p);
}

static void hostile_note_is_text(void **state)
{
	page p;
	char *title;

	(void)state;
	get(&p, px_web_page_note, "/notes/", "/notes/2022-2023/zuid/09.md", "", PX_LANG_NL);
	assert_int_equal(p.status, 200);
	assert_null(strstr(p.body.ptr, "<script"));
	assert_null(strstr(p.body.ptr, "<img"));
	assert_null(strstr(p.body.ptr, "<b>Eve"));
	assert_null(strstr(p.body.ptr, "javascript:"));
	title = str(&p, "string(//h1)");
	assert_string_equal(title, "<script>alert(1)</script>");
	free(title);
	/* its follow-ups and their state, as the last commit left them */
	assert_int_equal((int)num(&p, "count(//section[@class='followups']//li)"), 3);
	assert_int_equal((int)num(&p, "count(//section[@class='followups']//li[@class='task done-true'])"), 2);
	/* its history: two commits, newest first, each viewable */
	assert_int_equal((int)num(&p, "count(//ol[@class='commits']/li)"), 2);
	{
		char *who = str(&p, "string(//ol[@class='commits']/li[1])");
		assert_non_null(strstr(who, "Follow-up <done>"));
		free(who);
	}
	/* the codes it raises link to their pages */
	assert_true(num(&p, "count(//article[@class='note']//a[@class='code-tag'][starts-with(@href, '/codes/')])") >= 1);
	{
		char *older = str(&p, "string(//ol[@class='commits']/li[2]//a[@class='version']/@href)");
		char *q = strchr(older, '?');
		page v;
		assert_non_null(q);
		/* ?version=OID&lang=nl */
		*strchr(q, '&') = '\0';
		get(&v, px_web_page_note, "/notes/", "/notes/2022-2023/zuid/09.md", q + 1, PX_LANG_NL);
		assert_int_equal(v.status, 200);
		assert_int_equal((int)num(&v, "count(//section[@class='followups']//li)"), 2);
		assert_int_equal((int)num(&v, "count(//p[contains(@class, 'version')])"), 1);
		put(&v);
		free(older);
	}
	put(&p);
	/* in the search's hits and the code's segments, too */
	get(&p, px_web_page_search, NULL, "/", "q=alert", PX_LANG_NL);
	assert_null(strstr(p.body.ptr, "<script"));
	assert_true(num(&p, "count(//article[@class='hit'])") >= 1);
	put(&p);
}

static void not_found(void **state)
{
	static const char *const notes[] = {
		"/notes/../../etc/passwd", "/notes//etc/passwd", "/notes/2022-2023/zuid/99.md",
		"/notes/communities.yaml", "/notes/", "/notes/2022-2023/zuid/../zuid/01.md",
	};
	size_t i;
	page p;

	(void)state;
	for (i = 0; i < sizeof notes / sizeof *notes; i++) {
		get(&p, px_web_page_note, "/notes/", notes[i], "", PX_LANG_NL);
		assert_int_equal(p.status, 404);
		put(&p);
	}
	get(&p, px_web_page_note, "/notes/", "/notes/2022-2023/zuid/01.md",
	    "version=0123456789012345678901234567890123456789", PX_LANG_FR);
	assert_int_equal(p.status, 404);
	put(&p);
	get(&p, px_web_page_note, "/notes/", "/notes/2022-2023/zuid/01.md", "version=../HEAD", PX_LANG_FR);
	assert_int_equal(p.status, 404);
	put(&p);
	get(&p, px_web_page_code, "/codes/", "/codes/nergens", "", PX_LANG_NL);
	assert_int_equal(p.status, 404);
	put(&p);
}

/* A matrix cell's link leads to as many segments as the cell says; a
 * row's cells add up to its total (a segment has one community). */
static void matrix_cells_lead_to_segments(void **state)
{
	page m, c;
	char *href, *n, *path, *query;
	int l;

	(void)state;
	for (l = 0; l < 3; l++) {
		static const char *const views[] = { "cols=community", "cols=session&community=zuid",
						     "cols=code" };
		get(&m, px_web_page_matrix, NULL, "/matrix", views[l], PX_LANG_NL);
		assert_int_equal(m.status, 200);
		if (l == 0)
			assert_int_equal((int)num(&m, "sum((//tbody/tr[td])[1]/td[contains(@class, 'cell')])"),
					 (int)num(&m, "number((//tbody/tr[td])[1]/td[contains(@class, 'total')])"));
		href = str(&m, "string((//td[contains(@class, 'cell')]/a)[1]/@href)");
		n = str(&m, "string((//td[contains(@class, 'cell')]/a)[1])");
		assert_true(*href);
		path = href;
		query = strchr(href, '?');
		*query++ = '\0';
		get(&c, px_web_page_code, "/codes/", path, query, PX_LANG_NL);
		assert_int_equal(c.status, 200);
		assert_int_equal((int)num(&c, "count(//section[@class='segments']//article[@class='hit'])"), atoi(n));
		/* the cell's filter, and the view's community for sessions */
		assert_int_equal((int)num(&c, "count(//li[@class='filter'])"), l == 1 ? 2 : 1);
		put(&c);
		free(href);
		free(n);
		put(&m);
	}
}

static void code_page_groups_and_timeline(void **state)
{
	page p;

	(void)state;
	get(&p, px_web_page_code, "/codes/", "/codes/tijd", "", PX_LANG_FR);
	assert_int_equal(p.status, 200);
	/* grouped by community, each with its sessions */
	assert_true(num(&p, "count(//section[@class='community-group'])") >= 2);
	assert_true(num(&p, "count(//h4[@class='session'])") >= num(&p, "count(//section[@class='community-group'])"));
	assert_true(num(&p, "count(//section[@class='timeline']//*[local-name()='rect'])") >= 1);
	/* an alias names the same code */
	put(&p);
	get(&p, px_web_page_code, "/codes/", "/codes/temps", "community=zuid", PX_LANG_FR);
	assert_int_equal(p.status, 200);
	assert_int_equal((int)num(&p, "count(//section[@class='community-group'])"), 1);
	put(&p);
	get(&p, px_web_page_code, "/codes/", "/codes/tijd", "note=nergens", PX_LANG_NL);
	assert_int_equal(p.status, 400);
	put(&p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_page_both_languages),
		cmocka_unit_test(search_matches_cli),
		cmocka_unit_test(search_problems),
		cmocka_unit_test(hostile_note_is_text),
		cmocka_unit_test(not_found),
		cmocka_unit_test(matrix_cells_lead_to_segments),
		cmocka_unit_test(code_page_groups_and_timeline),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
