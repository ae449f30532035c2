/* Transforms on several threads at once with one compiled stylesheet
 * (render.h): each page comes out as it does alone, and a stylesheet
 * error on one thread (an XPath type error, a terminating xsl:message)
 * shows in that transform's diagnostics only, never in another's. The
 * stylesheet and schema are the test's own, in a data folder of its own
 * (PRAXIS_DATADIR). */
#include <stdarg.h>
#include <stdio.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "diag.h"
#include "render.h"
#include "xml.h"

#define THREADS 6
#define ROUNDS 60

static char dir[] = "/tmp/px-render-XXXXXX";
static px_renderer *shared;
static pthread_barrier_t start;

static const char rng[] =
	"<grammar xmlns=\"http://relaxng.org/ns/structure/1.0\">\n"
	"<start><element name=\"doc\"><attribute name=\"id\"/>\n"
	"<optional><attribute name=\"fail\"/></optional>\n"
	"<zeroOrMore><element name=\"item\"><text/></element></zeroOrMore>\n"
	"</element></start></grammar>\n";

static const char xsl[] =
	"<xsl:stylesheet version=\"1.0\" xmlns:xsl=\"http://www.w3.org/1999/XSL/Transform\">\n"
	"<xsl:output method=\"html\" encoding=\"UTF-8\"/>\n"
	"<xsl:param name=\"lang\"/>\n"
	"<xsl:key name=\"item\" match=\"item\" use=\".\"/>\n"
	"<xsl:template match=\"/doc\">\n"
	"<xsl:if test=\"@fail = 'xpath'\"><xsl:value-of select=\"count(string(@id))\"/></xsl:if>\n"
	"<xsl:if test=\"@fail = 'message'\">\n"
	"<xsl:message terminate=\"yes\">stopped in '<xsl:value-of select=\"@id\"/>'</xsl:message>\n"
	"</xsl:if>\n"
	"<p lang=\"{$lang}\"><xsl:value-of select=\"@id\"/>:"
	"<xsl:for-each select=\"item\"><xsl:sort select=\".\"/>"
	"<xsl:value-of select=\"concat(., '=', count(key('item', .)), ' ')\"/></xsl:for-each></p>\n"
	"</xsl:template>\n"
	"</xsl:stylesheet>\n";

static void put(const char *rel, const char *text)
{
	char path[256];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", dir, rel);
	f = fopen(path, "w");
	assert_non_null(f);
	assert_int_equal(fputs(text, f) >= 0, 1);
	assert_int_equal(fclose(f), 0);
}

/* fail: 0 none, 1 an XPath type error (reported through libxml2's
 * per-thread generic handler), 2 a terminating xsl:message (through the
 * transform context's handler) */
static void doc(px_buf *b, const char *id, int fail)
{
	int i;

	px_buf_printf(b, "<doc id=\"%s\"%s>", id,
		      fail == 1 ? " fail=\"xpath\"" : fail == 2 ? " fail=\"message\"" : "");
	for (i = 0; i < 40; i++)
		px_buf_printf(b, "<item>w%d</item>", (i * 7) % 13);
	px_buf_puts(b, "</doc>\n");
}

/* Whether any diagnostic of `d` mentions `needle`. */
static int mentions(const px_diag *d, const char *needle)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		if (strstr(d->items[i].message, needle))
			return 1;
	return 0;
}

static int setup(void **state)
{
	px_diag d = PX_DIAG_INIT;

	(void)state;
	if (!mkdtemp(dir))
		return -1;
	setenv("PRAXIS_DATADIR", dir, 1);
	if (system("mkdir -p $PRAXIS_DATADIR/schema $PRAXIS_DATADIR/xslt") != 0)
		return -1;
	put("schema/t.rng", rng);
	put("xslt/t.xsl", xsl);
	px_xml_init();
	if (px_renderer_new(&shared, "t.rng", "t.xsl", &d) < 0) {
		px_diag_print(&d, stderr, 0);
		px_diag_free(&d);
		return -1;
	}
	px_diag_free(&d);
	return 0;
}

static int teardown(void **state)
{
	char cmd[300];

	(void)state;
	px_renderer_free(shared);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

/* What each page must be: rendered alone, before any thread runs. */
static px_buf expected[THREADS];

struct job {
	int t;
	int bad; /* failures seen: a wrong page, a missing or foreign message */
};

static void *worker(void *arg)
{
	struct job *j = arg;
	int i;

	pthread_barrier_wait(&start);
	for (i = 0; i < ROUNDS; i++) {
		/* odd threads fail every other round, by turns with an XPath
		 * error and a message; even ones never fail */
		int fail = (j->t & 1) && (i & 1) ? 1 + ((i >> 1) & 1) : 0;
		px_buf xml = PX_BUF_INIT, out = PX_BUF_INIT;
		px_diag d = PX_DIAG_INIT;
		char id[32];
		const char *params[] = { "lang", (j->t & 2) ? "fr" : "nl", NULL };
		int k, rc;

		snprintf(id, sizeof id, "%s%d", fail ? "bad" : "ok", j->t);
		doc(&xml, id, fail);
		rc = px_renderer_run(shared, &xml, params, &out, &d);
		if (fail == 1) {
			if (rc == 0 || !mentions(&d, "Invalid type") || mentions(&d, "stopped in"))
				j->bad++;
		} else if (fail == 2) {
			char own[40];
			snprintf(own, sizeof own, "stopped in 'bad%d'", j->t);
			if (rc == 0 || !mentions(&d, own) || mentions(&d, "Invalid type"))
				j->bad++;
		} else if (rc != 0 || d.n || out.len != expected[j->t].len ||
			   memcmp(out.ptr, expected[j->t].ptr, out.len)) {
			j->bad++;
		}
		/* no other thread's words in this transform's diagnostics */
		for (k = 0; k < THREADS; k++) {
			char other[40];
			snprintf(other, sizeof other, "'bad%d'", k);
			if (k != j->t && mentions(&d, other))
				j->bad++;
		}
		px_buf_free(&xml);
		px_buf_free(&out);
		px_diag_free(&d);
	}
	return NULL;
}

static void concurrent_transforms(void **state)
{
	pthread_t th[THREADS];
	struct job jobs[THREADS];
	int t;

	(void)state;
	for (t = 0; t < THREADS; t++) {
		px_buf xml = PX_BUF_INIT;
		px_diag d = PX_DIAG_INIT;
		char id[32];
		const char *params[] = { "lang", (t & 2) ? "fr" : "nl", NULL };
		expected[t] = (px_buf)PX_BUF_INIT;
		snprintf(id, sizeof id, "ok%d", t);
		doc(&xml, id, 0);
		assert_int_equal(px_renderer_run(shared, &xml, params, &expected[t], &d), 0);
		assert_int_equal(d.n, 0);
		assert_non_null(strstr(expected[t].ptr, id));
		assert_non_null(strstr(expected[t].ptr, "w0=4 "));
		px_buf_free(&xml);
		px_diag_free(&d);
	}
	/* alone, each failing document reports its error */
	for (t = 1; t <= 2; t++) {
		px_buf xml = PX_BUF_INIT, out = PX_BUF_INIT;
		px_diag d = PX_DIAG_INIT;
		const char *params[] = { "lang", "nl", NULL };
		doc(&xml, "bad1", t);
		assert_int_equal(px_renderer_run(shared, &xml, params, &out, &d), -1);
		assert_true(mentions(&d, t == 1 ? "Invalid type" : "stopped in 'bad1'"));
		px_buf_free(&xml);
		px_buf_free(&out);
		px_diag_free(&d);
	}
	assert_int_equal(pthread_barrier_init(&start, NULL, THREADS), 0);
	for (t = 0; t < THREADS; t++) {
		jobs[t].t = t;
		jobs[t].bad = 0;
		assert_int_equal(pthread_create(&th[t], NULL, worker, &jobs[t]), 0);
	}
	for (t = 0; t < THREADS; t++)
		assert_int_equal(pthread_join(th[t], NULL), 0);
	pthread_barrier_destroy(&start);
	for (t = 0; t < THREADS; t++) {
		assert_int_equal(jobs[t].bad, 0);
		px_buf_free(&expected[t]);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(concurrent_transforms),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
