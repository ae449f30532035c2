/* The search query parser: any text gives a query or diagnostics. */
#include "fuzz.h"

#include "query.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const px_kb *kb = fz_kb();
	char *text;
	px_diag d = PX_DIAG_INIT;
	px_query q;

	if (memchr(data, '\0', size))
		return 0; /* a query is a C string: the command line has no NULs */
	text = fz_cstr(data, size);
	px_query_parse(&q, text, kb->cb, &d);
	px_query_free(&q);
	fz_report(&d);
	free(text);
	return 0;
}
