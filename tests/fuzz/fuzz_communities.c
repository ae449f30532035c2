/* Reading communities.yaml from bytes. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *yaml;
	px_kb *kb = calloc(1, sizeof *kb);
	px_diag d = PX_DIAG_INIT;
	size_t i;

	if (!kb)
		abort();
	fz_kb();
	yaml = fz_copy(data, size);
	if (px_kb_read_communities(kb, yaml, size, &d) == 0) {
		for (i = 0; i < kb->ncommunities; i++)
			if (px_kb_community(kb, kb->communities[i].id) == NULL)
				fz_die("a community cannot be found by its id", NULL);
	}
	fz_report(&d);
	px_kb_free(kb);
	free(yaml);
	return 0;
}
