/*
 * fuzz.h - what the libFuzzer harnesses share.
 *
 * Each harness defines LLVMFuzzerTestOneInput. libFuzzer calls it with a
 * (pointer, length) buffer; the harnesses hand the code under test an
 * exactly-sized copy, never NUL-terminated, so that AddressSanitizer
 * sees any read past its end. The same harness, linked with replay.c
 * instead of libFuzzer, replays the regression inputs in `make check`.
 *
 * The knowledge base the harnesses check against: the default codebook
 * (PRAXIS_DATADIR/schema/codebook.xml), two communities and a deny list
 * of two names.
 */
#ifndef PX_FUZZ_H
#define PX_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmark-gfm-core-extensions.h>

#include "codebook.h"
#include "data.h"
#include "diag.h"
#include "kb.h"
#include "privacy.h"
#include "xml.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* An exactly-sized copy of the input (not terminated); never NULL. */
static inline char *fz_copy(const uint8_t *data, size_t size)
{
	char *p = malloc(size ? size : 1);

	if (!p)
		abort();
	if (size)
		memcpy(p, data, size);
	return p;
}

/* A NUL-terminated copy, for the interfaces that take C strings. */
static inline char *fz_cstr(const uint8_t *data, size_t size)
{
	char *p = malloc(size + 1);

	if (!p)
		abort();
	if (size)
		memcpy(p, data, size);
	p[size] = '\0';
	return p;
}

static inline void fz_die(const char *what, px_diag *d)
{
	fprintf(stderr, "fuzz: %s\n", what);
	if (d)
		px_diag_print(d, stderr, 0);
	abort();
}

/* Renders the diagnostics as the commands do (text with and without
 * colour, JSON), then frees them. */
static inline void fz_report(px_diag *d)
{
	static FILE *null;
	px_buf json = PX_BUF_INIT;

	if (!null && !(null = fopen("/dev/null", "w")))
		abort();
	px_diag_print(d, null, 0);
	px_diag_print(d, null, 1);
	px_diag_json(d, &json);
	px_buf_free(&json);
	px_diag_free(d);
}

static const char FZ_COMMUNITIES[] =
	"communities:\n"
	"  - id: zuid\n"
	"    name: { nl: Zuid, fr: Sud }\n"
	"    zone: { nl: Antwerpen-Zuid, fr: Anvers-Sud }\n"
	"    lang: nl\n"
	"    moderators: [M. Lead]\n"
	"  - id: centre\n"
	"    name: { nl: Centrum, fr: Centre }\n"
	"    lang: fr\n";

/* The shared knowledge base, made once and kept (reachable, not leaked). */
static inline const px_kb *fz_kb(void)
{
	static px_kb *kb;
	static const char *const deny[] = { "Jan Peeters", "Fatima El Amrani" };
	px_diag d = PX_DIAG_INIT;
	char *path;

	if (kb)
		return kb;
	px_xml_init();
	cmark_gfm_core_extensions_ensure_registered();
	kb = calloc(1, sizeof *kb);
	path = px_data_path("schema/codebook.xml");
	if (!kb || !path)
		fz_die("no data directory (set PRAXIS_DATADIR)", NULL);
	if (px_codebook_load(&kb->cb, path, path, &d) < 0)
		fz_die("cannot load the default codebook", &d);
	if (px_kb_read_communities(kb, FZ_COMMUNITIES, sizeof FZ_COMMUNITIES - 1, &d) < 0)
		fz_die("cannot read the communities", &d);
	if (px_denylist_from(&kb->deny, deny, 2) < 0)
		fz_die("cannot build the deny list", NULL);
	px_diag_free(&d);
	free(path);
	return kb;
}

#endif
