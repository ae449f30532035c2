/* Loading a codebook from bytes: XML parse, schema, the rules after. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *xml;
	px_codebook *cb = NULL;
	px_diag d = PX_DIAG_INIT;
	size_t i;

	fz_kb(); /* libxml2 set up as praxis sets it up */
	xml = fz_copy(data, size);
	if (px_codebook_load_mem(&cb, xml, size, "codebook.xml", NULL, &d) == 0) {
		for (i = 0; i < cb->ncodes; i++) {
			const px_code *c = &cb->codes[i];
			if (px_codebook_resolve(cb, c->id, strlen(c->id)) != c)
				fz_die("a code does not resolve to itself", NULL);
			if (c->naliases && !px_codebook_resolve(cb, c->aliases[0], strlen(c->aliases[0])))
				fz_die("an alias does not resolve", NULL);
		}
		px_codebook_suggest(cb, "tijdd");
		px_codebook_suggest_in(cb, "coordination", PX_LANG_FR);
		px_codebook_suggest_method(cb, "case", PX_LANG_NL);
		px_codebook_free(cb);
	}
	fz_report(&d);
	free(xml);
	return 0;
}
