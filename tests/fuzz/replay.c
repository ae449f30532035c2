/*
 * replay.c - a harness without libFuzzer: calls LLVMFuzzerTestOneInput
 * on every file named, or in the folders named. With no arguments it
 * replays $TOP/tests/fuzz/regressions/NAME and $TOP/tests/fuzz/seeds/NAME
 * (NAME compiled in), which is how `make check` runs it, in both its
 * plain and its sanitizer pass.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "buf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int replay_file(const char *path)
{
	px_buf b = PX_BUF_INIT;
	char *exact;
	size_t len;

	if (px_buf_read_file(&b, path, (size_t)64 << 20) < 0) {
		fprintf(stderr, "replay: cannot read %s\n", path);
		return -1;
	}
	/* exactly sized, as libFuzzer gives it */
	len = b.len;
	exact = malloc(len ? len : 1);
	if (!exact)
		return -1;
	memcpy(exact, b.ptr, len);
	px_buf_free(&b);
	LLVMFuzzerTestOneInput((const uint8_t *)exact, len);
	free(exact);
	return 0;
}

static int cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Returns the number of inputs replayed, -1 on a read error. */
static long replay(const char *path, int must_exist)
{
	struct stat st;
	struct dirent *e;
	DIR *dir;
	char **names = NULL;
	size_t n = 0, i;
	long done = 0;

	if (stat(path, &st) < 0) {
		if (!must_exist)
			return 0;
		fprintf(stderr, "replay: no such file: %s\n", path);
		return -1;
	}
	if (!S_ISDIR(st.st_mode))
		return replay_file(path) < 0 ? -1 : 1;
	dir = opendir(path);
	if (!dir)
		return -1;
	while ((e = readdir(dir))) {
		char **p;
		if (e->d_name[0] == '.')
			continue;
		p = realloc(names, (n + 1) * sizeof *p);
		if (!p)
			return -1;
		names = p;
		names[n++] = strdup(e->d_name);
	}
	closedir(dir);
	qsort(names, n, sizeof *names, cmp);
	for (i = 0; i < n; i++) {
		px_buf f = PX_BUF_INIT;
		px_buf_printf(&f, "%s/%s", path, names[i]);
		if (done >= 0) {
			if (replay_file(f.ptr) < 0)
				done = -1;
			else
				done++;
		}
		px_buf_free(&f);
		free(names[i]);
	}
	free(names);
	return done;
}

int main(int argc, char **argv)
{
	long n = 0, k;
	int i;

	if (argc > 1) {
		for (i = 1; i < argc; i++) {
			if ((k = replay(argv[i], 1)) < 0)
				return 1;
			n += k;
		}
	} else {
		const char *top = getenv("TOP");
		static const char *const dirs[] = { "regressions", "seeds" };
		for (i = 0; i < 2; i++) {
			px_buf p = PX_BUF_INIT;
			px_buf_printf(&p, "%s/tests/fuzz/%s/%s", top ? top : ".", dirs[i], FUZZ_NAME);
			k = replay(p.ptr, 0);
			px_buf_free(&p);
			if (k < 0)
				return 1;
			n += k;
		}
		if (n == 0) {
			fprintf(stderr, "replay: no inputs for %s (is TOP set?)\n", FUZZ_NAME);
			return 1;
		}
	}
	printf("replayed %ld inputs through %s\n", n, FUZZ_NAME);
	return 0;
}
