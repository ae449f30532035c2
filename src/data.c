#include "data.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"

static int exists(const char *p)
{
	return access(p, R_OK) == 0;
}

static char *join(const char *dir, const char *rel)
{
	px_buf b = PX_BUF_INIT;

	px_buf_printf(&b, "%s/%s", dir, rel);
	return px_buf_detach(&b);
}

char *px_data_path(const char *rel)
{
	static const char *const probes[] = { "../share/praxis", "." };
	const char *env = getenv("PRAXIS_DATADIR");
	char exe[PATH_MAX];
	ssize_t n;
	size_t i;

	if (env && *env)
		return join(env, rel);
	n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		char *slash;
		exe[n] = '\0';
		slash = strrchr(exe, '/');
		if (slash)
			*slash = '\0';
		for (i = 0; i < sizeof probes / sizeof *probes; i++) {
			px_buf b = PX_BUF_INIT;
			px_buf_printf(&b, "%s/%s/schema/codebook.rng", exe, probes[i]);
			if (exists(b.ptr)) {
				px_buf_clear(&b);
				px_buf_printf(&b, "%s/%s/%s", exe, probes[i], rel);
				return px_buf_detach(&b);
			}
			px_buf_free(&b);
		}
	}
	return NULL;
}
