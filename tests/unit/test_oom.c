/* Out of memory is an error, never a note with a part missing: every
 * allocation the library makes while parsing a note, loading the
 * codebook or reading communities.yaml is failed in turn (ld --wrap,
 * see the Makefile), and each run must either fail with an error
 * or give exactly what a run with enough memory gives. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include <cmark-gfm-core-extensions.h>

#include "buf.h"
#include "codebook.h"
#include "data.h"
#include "kb.h"
#include "note.h"
#include "xml.h"

/* ------------------------------------------------ failing the Nth call */

static long fail_at = -1; /* the call to fail, counted from 0; -1: none */
static long calls;
static int failed;

static int fail_now(void)
{
	if (fail_at < 0)
		return 0;
	if (calls++ == fail_at) {
		failed = 1;
		return 1;
	}
	return 0;
}

void *__real_malloc(size_t n);
void *__real_calloc(size_t n, size_t m);
void *__real_realloc(void *p, size_t n);
char *__real_strdup(const char *s);
char *__real_strndup(const char *s, size_t n);

void *__wrap_malloc(size_t n) { return fail_now() ? NULL : __real_malloc(n); }
void *__wrap_calloc(size_t n, size_t m) { return fail_now() ? NULL : __real_calloc(n, m); }
void *__wrap_realloc(void *p, size_t n) { return fail_now() ? NULL : __real_realloc(p, n); }
char *__wrap_strdup(const char *s) { return fail_now() ? NULL : __real_strdup(s); }
char *__wrap_strndup(const char *s, size_t n) { return fail_now() ? NULL : __real_strndup(s, n); }

static void arm(long n)
{
	calls = 0;
	failed = 0;
	fail_at = n;
}

static void disarm(void)
{
	fail_at = -1;
}

/* A failure says why: an error (most often "out-of-memory"; a file
 * that could not be found for want of memory says that), or the
 * diagnostics themselves counted as lost. */
static int has_oom(const px_diag *d)
{
	return d->errors > 0 || d->lost > 0;
}

/* ------------------------------------------------------------ the note */

static px_codebook *cb;

static const char *const NOTE =
	"---\n"
	"community: zuid\n"
	"cycle: 2022-2023\n"
	"session: 4\n"
	"date: 2023-01-17\n"
	"lang: nl\n"
	"author: \"M. Lead\"\n"
	"attendance: 11\n"
	"methods: [case-presentation, tool-demo]\n"
	"themes: [tijd, '#Vertrouwen', tijd]\n"
	"title: \"Wie trekt aan de touwtjes?\"\n"
	"---\n"
	"\n"
	"Inleiding zonder kop. #Hôpital\n"
	"\n"
	"## Casus #tijd\n"
	"\n"
	"Een deelnemer stelde de situatie van mevrouw A. voor. #samenwerking #ziekenhuis\n"
	"\n"
	"> \"Ik voel me radeloos.\" #emotionele-last\n"
	"\n"
	"| Dienst | Wat |\n"
	"| --- | --- |\n"
	"| OCMW | leefloon #tijd | extra #ziekenhuis |\n"
	"\n"
	"## Opvolging\n"
	"\n"
	"- [ ] De helpdesk contacteren #ziekenhuis\n"
	"  - genest punt #tijd\n"
	"- [x] BabbelBoost voorstellen\n";

/* Everything a parse gives, as one text to compare. */
static void fingerprint(const px_note *n, px_buf *b)
{
	size_t i, k;

	px_buf_printf(b, "%s|%s|%s|%d|%s|%zu|%zu|%zu\n", n->community.s, n->cycle.s, n->date.s,
		      n->session, n->author.s, n->methods.n, n->themes.n, n->ntheme_codes);
	for (i = 0; i < n->methods.n; i++)
		px_buf_printf(b, "m:%s\n", n->methods.v[i].s);
	for (i = 0; i < n->nsegs; i++) {
		const px_segment *s = &n->segs[i];
		px_buf_printf(b, "%d|%d|%s|%s|", (int)s->kind, s->task, s->heading, s->text);
		for (k = 0; k < s->ntags; k++)
			px_buf_printf(b, "#%s", s->tags[k].tag);
		for (k = 0; k < s->ncodes; k++)
			px_buf_printf(b, "=%s", s->codes[k]->id);
		px_buf_putc(b, '\n');
	}
}

static void test_note_parse_oom(void **state)
{
	px_buf want = PX_BUF_INIT;
	px_diag d0 = PX_DIAG_INIT;
	px_note *n = NULL;
	long i, failures = 0;

	(void)state;
	assert_int_equal(px_note_parse(&n, "zuid/04.md", NOTE, strlen(NOTE), cb, &d0), 0);
	assert_true(n->nsegs >= 7);
	fingerprint(n, &want);
	px_note_free(n);
	for (i = 0;; i++) {
		px_diag d = PX_DIAG_INIT;
		int rc;
		n = NULL;
		arm(i);
		rc = px_note_parse(&n, "zuid/04.md", NOTE, strlen(NOTE), cb, &d);
		disarm();
		if (!failed) {
			assert_int_equal(rc, 0);
			px_note_free(n);
			px_diag_free(&d);
			break;
		}
		if (rc == 0) {
			/* the failure was absorbed: then nothing may be missing */
			px_buf got = PX_BUF_INIT;
			fingerprint(n, &got);
			if (strcmp(got.ptr, want.ptr))
				fail_msg("allocation %ld failed and the parse returned 0 with:\n%s\n"
					 "instead of:\n%s", i, got.ptr, want.ptr);
			assert_int_equal(d.errors, d0.errors);
			px_buf_free(&got);
		} else {
			assert_int_equal(rc, -1);
			assert_null(n);
			if (!has_oom(&d))
				fail_msg("allocation %ld failed: the parse failed without saying why", i);
			failures++;
		}
		px_note_free(n);
		px_diag_free(&d);
	}
	assert_true(i > 50);      /* the note made many allocations */
	assert_true(failures > 0);
	px_buf_free(&want);
	px_diag_free(&d0);
}

/* ------------------------------------------------------- the codebook */

static void test_codebook_load_oom(void **state)
{
	char *path = px_data_path("schema/codebook.xml");
	px_buf src = PX_BUF_INIT;
	long i, failures = 0;

	(void)state;
	assert_non_null(path);
	assert_int_equal(px_buf_read_file(&src, path, 1 << 20), 0);
	for (i = 0;; i++) {
		px_diag d = PX_DIAG_INIT;
		px_codebook *c = NULL;
		int rc;
		arm(i);
		rc = px_codebook_load_mem(&c, src.ptr, src.len, "codebook.xml", NULL, &d);
		disarm();
		if (!failed) {
			assert_int_equal(rc, 0);
			px_codebook_free(c);
			px_diag_free(&d);
			break;
		}
		if (rc == 0) {
			/* absorbed: the whole codebook, ids and aliases */
			size_t k, a;
			assert_int_equal(c->ncodes, cb->ncodes);
			for (k = 0; k < c->ncodes; k++) {
				assert_string_equal(c->codes[k].id, cb->codes[k].id);
				assert_int_equal(c->codes[k].naliases, cb->codes[k].naliases);
				for (a = 0; a < c->codes[k].naliases; a++)
					assert_non_null(c->codes[k].aliases[a]);
			}
		} else {
			assert_null(c);
			if (!has_oom(&d))
				fail_msg("allocation %ld failed: the codebook failed without saying why", i);
			failures++;
		}
		px_codebook_free(c);
		px_diag_free(&d);
	}
	assert_true(failures > 0);
	px_buf_free(&src);
	free(path);
}

/* ------------------------------------------------- communities.yaml */

static const char *const COMMUNITIES =
	"communities:\n"
	"  - id: zuid\n"
	"    name: { nl: Zuid, fr: Sud }\n"
	"    lang: fr\n"
	"    moderators: [An, Bo]\n"
	"  - id: noord\n"
	"    name: { nl: Noord, fr: Nord }\n"
	"    zone: { nl: Laken, fr: Laeken }\n"
	"    lang: nl\n";

static void test_communities_oom(void **state)
{
	long i, failures = 0;

	(void)state;
	for (i = 0;; i++) {
		px_diag d = PX_DIAG_INIT;
		px_kb kb;
		size_t k;
		int rc;
		memset(&kb, 0, sizeof kb);
		arm(i);
		rc = px_kb_read_communities(&kb, COMMUNITIES, strlen(COMMUNITIES), &d);
		disarm();
		if (rc == 0) {
			/* whole or not at all: a French community stays French */
			assert_int_equal(kb.ncommunities, 2);
			assert_string_equal(kb.communities[0].lang, "fr");
			assert_int_equal(kb.communities[0].nmoderators, 2);
			assert_string_equal(kb.communities[0].moderators[1], "Bo");
			assert_string_equal(kb.communities[1].zone[1], "Laeken");
			assert_string_equal(kb.communities[1].name[0], "Noord");
		} else {
			if (!has_oom(&d))
				fail_msg("allocation %ld failed: communities.yaml failed without saying why", i);
			failures++;
		}
		for (k = 0; k < kb.ncommunities; k++) {
			px_community *c = &kb.communities[k];
			free(c->id);
			free(c->name[0]);
			free(c->name[1]);
			free(c->zone[0]);
			free(c->zone[1]);
			free(c->lang);
			px_strv_free(c->moderators, c->nmoderators);
		}
		free(kb.communities);
		px_diag_free(&d);
		if (!failed)
			break;
	}
	assert_true(failures > 0);
}

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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_note_parse_oom),
		cmocka_unit_test(test_codebook_load_oom),
		cmocka_unit_test(test_communities_oom),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
