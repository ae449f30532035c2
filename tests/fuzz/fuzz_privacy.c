/* The privacy scan of one line, with its promises checked: hits in
 * order, within the line, not overlapping, on valid UTF-8 boundaries. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	enum { MAX = 16 };
	const px_kb *kb = fz_kb();
	char *line = fz_copy(data, size);
	px_priv_hit hits[MAX];
	size_t n, i, end = 0;

	n = px_privacy_scan(line, size, kb->deny, hits, MAX);
	for (i = 0; i < n && i < MAX; i++) {
		if (hits[i].len == 0 || hits[i].start < end || hits[i].start + hits[i].len > size)
			fz_die("hits out of order, overlapping or outside the line", NULL);
		if ((unsigned)hits[i].kind > PX_PRIV_NAME)
			fz_die("unknown kind", NULL);
		end = hits[i].start + hits[i].len;
	}
	/* fewer slots must give the same first hits and the same count */
	if (n) {
		px_priv_hit one;
		if (px_privacy_scan(line, size, kb->deny, &one, 1) != n ||
		    one.start != hits[0].start || one.len != hits[0].len || one.kind != hits[0].kind)
			fz_die("the scan depends on the number of slots", NULL);
	}
	free(line);
	return 0;
}
