/* The codebook: the default is complete and bilingual; broken ones fail. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/xpath.h>

#include "buf.h"
#include "codebook.h"
#include "data.h"
#include "fold.h"
#include "synthesis.h"
#include "xml.h"

static px_codebook *load_default(void)
{
	px_diag d = PX_DIAG_INIT;
	px_codebook *cb = NULL;
	char *path = px_data_path("schema/codebook.xml");

	assert_non_null(path);
	assert_int_equal(px_codebook_load(&cb, path, path, &d), 0);
	assert_int_equal(d.n, 0);
	px_diag_free(&d);
	free(path);
	return cb;
}

/* The default codebook read by libxml2 itself, from memory (praxis' own
 * entity loader refuses every file, by design). */
static xmlDocPtr read_default(void)
{
	char *path = px_data_path("schema/codebook.xml"), *data = NULL;
	FILE *f;
	long len;
	xmlDocPtr doc;

	assert_non_null(path);
	f = fopen(path, "rb");
	assert_non_null(f);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	len = ftell(f);
	rewind(f);
	data = malloc((size_t)len);
	assert_non_null(data);
	assert_int_equal(fread(data, 1, (size_t)len, f), (size_t)len);
	fclose(f);
	doc = xmlReadMemory(data, (int)len, "codebook.xml", NULL, XML_PARSE_NONET);
	assert_non_null(doc);
	free(data);
	free(path);
	return doc;
}

/* What libxml2's own XPath finds in the default codebook: the number of
 * elements NAME, or (i > 0) the id of the i-th one. The sizes are read
 * from the file, so adding a code changes no number in this test. */
static double xml_count(const char *name)
{
	char xp[128];
	xmlDocPtr doc = read_default();
	xmlXPathContextPtr ctx = xmlXPathNewContext(doc);
	xmlXPathObjectPtr o;
	double n;

	snprintf(xp, sizeof xp, "count(//*[local-name()='%s'])", name);
	o = xmlXPathEvalExpression((const xmlChar *)xp, ctx);
	assert_non_null(o);
	n = o->floatval;
	xmlXPathFreeObject(o);
	xmlXPathFreeContext(ctx);
	xmlFreeDoc(doc);
	return n;
}

static void assert_xml_id(const char *name, size_t i, const char *id)
{
	char xp[128];
	xmlDocPtr doc = read_default();
	xmlXPathContextPtr ctx = xmlXPathNewContext(doc);
	xmlXPathObjectPtr o;

	snprintf(xp, sizeof xp, "string((//*[local-name()='%s'])[%zu]/@id)", name, i + 1);
	o = xmlXPathEvalExpression((const xmlChar *)xp, ctx);
	assert_non_null(o);
	assert_string_equal((const char *)o->stringval, id);
	xmlXPathFreeObject(o);
	xmlXPathFreeContext(ctx);
	xmlFreeDoc(doc);
}

static void test_default_complete(void **state)
{
	px_codebook *cb = load_default();
	size_t i;
	int l;

	(void)state;
	/* every category, code and method of the file, in its order */
	assert_true(cb->ncats > 0 && cb->ncodes > 0 && cb->nmethods > 0);
	assert_int_equal(cb->ncats, (size_t)xml_count("category"));
	for (i = 0; i < cb->ncats; i++)
		assert_xml_id("category", i, cb->cats[i].id);
	assert_int_equal(cb->ncodes, (size_t)xml_count("code"));
	for (i = 0; i < cb->ncodes; i++)
		assert_xml_id("code", i, cb->codes[i].id);
	assert_int_equal(cb->nmethods, (size_t)xml_count("method"));
	for (i = 0; i < cb->nmethods; i++)
		assert_xml_id("method", i, cb->methods[i].id);
	for (i = 0; i < cb->ncodes; i++) {
		const px_code *c = &cb->codes[i];
		/* a code's id starts with its category's */
		assert_int_equal(strncmp(c->id, cb->cats[c->category].id,
					 strlen(cb->cats[c->category].id)), 0);
		for (l = 0; l < 2; l++) {
			assert_true(strlen(c->label[l]) > 0);
			assert_true(strlen(c->desc[l]) > 10);
		}
		assert_true(c->naliases >= 2);
	}
	assert_string_equal(px_codebook_code(cb, "resource.time")->label[PX_LANG_NL], "tijd");
	assert_string_equal(px_codebook_code(cb, "resource.time")->label[PX_LANG_FR], "temps");
	assert_true(px_codebook_code(cb, "resource.trust")->ambivalent);
	assert_false(px_codebook_code(cb, "resource.values")->ambivalent);
	px_codebook_free(cb);
}

/* The chapters of the default codebook group its categories as the
 * 2022-2023 analysis does, in the file's order; a synthesis heading
 * resolves to a chapter, a category or a code by id, alias or label in
 * either language, the heading's level breaking a tie. */
static void test_chapters(void **state)
{
	static const struct { const char *chapter, *cats; } want[] = {
		{ "participant", "role factor" },
		{ "means", "resource difficulty" },
		{ "effects", "effect place" },
		{ "teams", "transfer" },
	};
	static const struct { const char *text; int level; px_section_kind kind; const char *id; } heads[] = {
		{ "Rol van de deelnemer", 1, PX_SECTION_CHAPTER, "participant" },
		{ "Rôle du participant", 2, PX_SECTION_CATEGORY, "role" },
		{ "role du PARTICIPANT", 3, PX_SECTION_CATEGORY, "role" },
		{ "# means", 2, PX_SECTION_CHAPTER, "means" },
		{ "Ressources", 2, PX_SECTION_CATEGORY, "resource" },
		{ "#tijd", 3, PX_SECTION_CODE, "resource.time" },
		{ "temps", 1, PX_SECTION_CODE, "resource.time" },
		{ "resource.time", 3, PX_SECTION_CODE, "resource.time" },
		{ "communication avec l'hôpital", 3, PX_SECTION_CODE, "difficulty.hospital" },
		{ "Effets rapportés des communautés de pratique", 3, PX_SECTION_CHAPTER, "effects" },
	};
	px_codebook *cb = load_default();
	size_t i, k;

	(void)state;
	assert_int_equal(cb->nchapters, (size_t)xml_count("chapter"));
	assert_int_equal(cb->nchapters, sizeof want / sizeof *want);
	for (i = 0; i < cb->nchapters; i++) {
		px_buf cats = PX_BUF_INIT;
		assert_string_equal(cb->chapters[i].id, want[i].chapter);
		assert_xml_id("chapter", i, cb->chapters[i].id);
		for (k = 0; k < cb->ncats; k++)
			if (cb->cats[k].chapter == i)
				px_buf_printf(&cats, "%s%s", cats.len ? " " : "", cb->cats[k].id);
		assert_string_equal(cats.ptr, want[i].cats);
		px_buf_free(&cats);
	}
	for (i = 0; i < sizeof heads / sizeof *heads; i++) {
		px_section s;
		const char *id;
		if (px_synthesis_resolve(&s, cb, heads[i].text, heads[i].level) < 0)
			fail_msg("'%s' resolves to nothing", heads[i].text);
		id = s.kind == PX_SECTION_CHAPTER ? cb->chapters[s.index].id :
		     s.kind == PX_SECTION_CATEGORY ? cb->cats[s.index].id : cb->codes[s.index].id;
		if (s.kind != heads[i].kind || strcmp(id, heads[i].id))
			fail_msg("'%s' at level %d resolves to %s", heads[i].text, heads[i].level, id);
	}
	assert_int_equal(px_synthesis_resolve(&(px_section){ 0 }, cb, "#tmps", 2), -1);
	assert_string_equal(px_synthesis_suggest(cb, "#tmps", -1), "temps");
	assert_string_equal(px_synthesis_suggest(cb, "#tmps", PX_LANG_NL), "tijd");
	assert_string_equal(px_synthesis_suggest(cb, "resource.tme", PX_LANG_NL), "resource.time");
	assert_string_equal(px_synthesis_suggest(cb, "Role du particpant", PX_LANG_FR), "Rôle du participant");
	assert_string_equal(px_synthesis_suggest(cb, "Role du particpant", PX_LANG_NL), "Rol van de deelnemer");
	px_codebook_free(cb);
}

static void test_resolve(void **state)
{
	static const struct {
		const char *tag, *id;
	} cases[] = {
		{ "tijd", "resource.time" },
		{ "TEMPS", "resource.time" },
		{ "resource.time", "resource.time" },
		{ "Resource.Time", "resource.time" },
		{ "hôpital", "difficulty.hospital" },
		{ "HOPITAL", "difficulty.hospital" },
		{ "ziekenhuis", "difficulty.hospital" },
		{ "samenwerking", "difficulty.coordination" },
		{ "concertation", "difficulty.coordination" },
		{ "emotionele-last", "difficulty.emotional-load" },
		{ "charge-émotionnelle", "difficulty.emotional-load" },
		{ "experience", "resource.experience" },
		{ "Expérience", "resource.experience" },
	};
	px_codebook *cb = load_default();
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof *cases; i++) {
		const px_code *c = px_codebook_resolve(cb, cases[i].tag, strlen(cases[i].tag));
		assert_non_null(c);
		assert_string_equal(c->id, cases[i].id);
	}
	assert_null(px_codebook_resolve(cb, "tjid", 4));
	assert_null(px_codebook_resolve(cb, "resource", 8));
	assert_string_equal(px_codebook_suggest(cb, "tjid"), "tijd");
	assert_string_equal(px_codebook_suggest(cb, "ziekenhuiz"), "ziekenhuis");
	assert_null(px_codebook_suggest(cb, "xyzzyplugh"));
	/* methods by id, label (either language) or alias, any case or accents */
	assert_string_equal(px_codebook_resolve_method(cb, "intervisie")->id, "intervision");
	assert_string_equal(px_codebook_resolve_method(cb, "présentation de cas")->id, "case-presentation");
	assert_string_equal(px_codebook_resolve_method(cb, "PRESENTATION DE CAS")->id, "case-presentation");
	assert_string_equal(px_codebook_resolve_method(cb, "Casusbespreking")->id, "case-presentation");
	assert_null(px_codebook_resolve_method(cb, "casusbesprekin"));
	assert_string_equal(px_codebook_suggest_method(cb, "intervisoin", -1), "intervision");
	/* the note's language first: the same method's label in it */
	assert_string_equal(px_codebook_suggest_method(cb, "casusbesprekin", PX_LANG_NL), "casusbespreking");
	assert_string_equal(px_codebook_suggest_method(cb, "casusbesprekin", PX_LANG_FR), "présentation de cas");
	assert_string_equal(px_codebook_suggest_in(cb, "coordination", PX_LANG_NL), "coördinatie");
	assert_string_equal(px_codebook_suggest_in(cb, "coordination", PX_LANG_FR), "concertation");
	assert_string_equal(px_codebook_suggest_in(cb, "tmps", PX_LANG_FR), "temps");
	px_codebook_free(cb);
}

/* px_codebook_suggest (over the names folded at load, skipping those too
 * long or too short to be close) answers as px_suggest over every id and
 * alias: the same distance, found or not found alike. */
static void test_suggest_same(void **state)
{
	static const char *const words[] = {
		"tjid", "TIJD", "tijdd", "ti", "t", "x", "ziekenhuiz", "hopitall", "Hôpitl",
		"resource.tim", "resource", "emotionele-lst", "expérienc", "samenwerkin",
		"temp", "tempss", "xyzzyplugh", "vertrouwn", "a-b-c-d-e-f-g-h-i-j-k-l-m-n-o-p-q",
		"ééééé", "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz",
	};
	px_codebook *cb = load_default();
	const char **cands;
	size_t n = 0, i, k;

	(void)state;
	for (i = 0; i < cb->ncodes; i++)
		n += 1 + cb->codes[i].naliases;
	cands = malloc(n * sizeof *cands);
	assert_non_null(cands);
	for (n = 0, i = 0; i < cb->ncodes; i++) {
		cands[n++] = cb->codes[i].id;
		for (k = 0; k < cb->codes[i].naliases; k++)
			cands[n++] = cb->codes[i].aliases[k];
	}
	for (i = 0; i < sizeof words / sizeof *words; i++) {
		const char *a = px_codebook_suggest(cb, words[i]);
		const char *b = px_suggest(words[i], cands, n);
		char *fw = px_fold(words[i], strlen(words[i]));
		if (!a || !b) {
			if (a != b)
				fail_msg("%s: suggest %s, px_suggest %s", words[i], a ? a : "none",
					 b ? b : "none");
		} else {
			char *fa = px_fold(a, strlen(a)), *fb = px_fold(b, strlen(b));
			assert_int_equal(px_edit_distance(fw, fa), px_edit_distance(fw, fb));
			free(fa);
			free(fb);
		}
		free(fw);
	}
	free(cands);
	px_codebook_free(cb);
}

/* Writes the default codebook with one substitution applied. */
static char *variant(const char *from, const char *to)
{
	char *path = px_data_path("schema/codebook.xml");
	px_buf src = PX_BUF_INIT, out = PX_BUF_INIT;
	char tmpl[] = "/tmp/px-codebook-XXXXXX";
	char *at;
	int fd;
	FILE *f;

	assert_int_equal(px_buf_read_file(&src, path, 1 << 24), 0);
	at = strstr(src.ptr, from);
	assert_non_null(at);
	px_buf_put(&out, src.ptr, (size_t)(at - src.ptr));
	px_buf_puts(&out, to);
	at += strlen(from);
	px_buf_puts(&out, at);
	fd = mkstemp(tmpl);
	assert_true(fd >= 0);
	f = fdopen(fd, "w");
	fwrite(out.ptr, 1, out.len, f);
	fclose(f);
	px_buf_free(&src);
	px_buf_free(&out);
	free(path);
	return strdup(tmpl);
}

static void expect_failure(const char *from, const char *to, const char *rule, const char *msg_part)
{
	char *p = variant(from, to);
	px_diag d = PX_DIAG_INIT;
	px_codebook *cb = NULL;

	assert_int_equal(px_codebook_load(&cb, p, "codebook.xml", &d), -1);
	assert_null(cb);
	assert_true(d.errors >= 1);
	assert_string_equal(d.items[0].rule, rule);
	if (!strstr(d.items[0].message, msg_part))
		fail_msg("message '%s' lacks '%s'", d.items[0].message, msg_part);
	px_diag_free(&d);
	unlink(p);
	free(p);
}

static void test_broken(void **state)
{
	(void)state;
	/* an alias naming two codes */
	expect_failure("<alias lang=\"fr\">temps</alias>", "<alias lang=\"fr\">confiance</alias>",
		       "codebook-duplicate-alias", "'confiance' is used by both");
	/* the same after accent folding */
	expect_failure("<alias lang=\"fr\">temps</alias>", "<alias lang=\"fr\">Hôpital</alias>",
		       "codebook-invalid", "schema");
	expect_failure("<alias lang=\"fr\">temps</alias>", "<alias lang=\"fr\">hôpital</alias>",
		       "codebook-duplicate-alias", "is used by both");
	/* a code without its French description */
	expect_failure("<description lang=\"fr\">Le participant travaille de manière transparente",
		       "<description lang=\"nl\">Le participant travaille de manière transparente",
		       "codebook-invalid", "schema");
	/* a chapter named like a category */
	expect_failure("<chapter id=\"teams\">", "<chapter id=\"transfer\">",
		       "codebook-duplicate-alias", "'transfer' is used by both");
	/* a chapter without its French title */
	expect_failure("<label lang=\"fr\">Transfert vers les équipes</label>", "",
		       "codebook-invalid", "schema");
	/* not XML at all */
	expect_failure("<codebook", "<<codebook", "codebook-invalid", "'codebook.xml' is not well-formed XML");
	/* a DOCTYPE, with or without entities, and XInclude are refused */
	expect_failure("<codebook", "<!DOCTYPE codebook [<!ENTITY a \"aaaa\"><!ENTITY b \"&a;&a;&a;&a;\">]><codebook",
		       "codebook-invalid", "'codebook.xml' has a DOCTYPE");
	expect_failure("<codebook", "<!DOCTYPE codebook SYSTEM \"http://example.invalid/x.dtd\"><codebook",
		       "codebook-invalid", "has a DOCTYPE");
	expect_failure("</codebook>", "<xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" href=\"/etc/passwd\" parse=\"text\"/></codebook>",
		       "codebook-invalid", "'codebook.xml' uses XInclude");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_default_complete),
		cmocka_unit_test(test_chapters),
		cmocka_unit_test(test_resolve),
		cmocka_unit_test(test_suggest_same),
		cmocka_unit_test(test_broken),
	};
	int rc;

	px_xml_init();
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	px_xml_cleanup();
	return rc;
}
