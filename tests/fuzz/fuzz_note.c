/* Parsing and checking a note: front matter, body, privacy guard, and
 * the body as CommonMark XML (what report and site read). */
#include "fuzz.h"

#include "check.h"
#include "note.h"

static void use(const px_note *n, const char *src, size_t len, const px_codebook *cb)
{
	px_buf xml = PX_BUF_INIT;
	size_t i;

	for (i = 0; i < n->nsegs; i++) {
		char *t = px_text_without_tags(n->segs[i].text);
		if (!t)
			abort();
		free(t);
		if (n->segs[i].first_line > n->segs[i].last_line)
			fz_die("a segment ends before it starts", NULL);
	}
	px_note_body_xml(n, src, len, cb, &xml);
	px_buf_free(&xml);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const px_kb *kb = fz_kb();
	char *src = fz_copy(data, size);
	px_diag d = PX_DIAG_INIT;
	px_note *n;

	n = px_check_text(kb, "2022-2023/zuid/04.md", "2022-2023/zuid/04.md", src, size, &d);
	if (n) {
		use(n, src, size, kb->cb);
		px_note_free(n);
	}
	fz_report(&d);

	d = (px_diag)PX_DIAG_INIT;
	if (px_note_parse_body(&n, "2022-2023/synthesis.nl.md", src, size, kb->cb, &d) == 0) {
		use(n, src, size, kb->cb);
		px_note_free(n);
	}
	fz_report(&d);
	free(src);
	return 0;
}
