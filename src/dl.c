/*
 * dl.c - libraries opened on first use (dl.h).
 */
#include "dl.h"

#include <dlfcn.h>
#include <pthread.h>
#include <string.h>

/* one lock for every library: loading happens once per library, and
 * dlerror() speaks of the last call of this thread */
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

int px_dl_loaded(const px_dl_lib *lib)
{
	return __atomic_load_n(&lib->loaded, __ATOMIC_ACQUIRE);
}

int px_dl_load(px_dl_lib *lib, px_diag *d)
{
	void *h, *fn, *ptrs[192]; /* libgit2: 141 */
	const char *err = NULL;
	size_t i;
	int rc = -1;

	if (px_dl_loaded(lib))
		return 0; /* no lock once loaded: a site's threads parse per page */
	pthread_mutex_lock(&lock);
	if (lib->loaded) {
		rc = 0;
		goto cleanup;
	}
	if (lib->nsyms > sizeof ptrs / sizeof *ptrs) {
		err = "too many symbols";
		goto cleanup;
	}
	/* RTLD_LOCAL: its symbols bind nothing else in the process */
	if (!(h = dlopen(lib->soname, RTLD_NOW | RTLD_LOCAL))) {
		err = dlerror();
		goto cleanup;
	}
	for (i = 0; i < lib->nsyms; i++) {
		dlerror();
		if (!(fn = dlsym(h, lib->syms[i].name))) {
			err = dlerror();
			if (!err)
				err = lib->syms[i].name;
			goto cleanup; /* the handle stays: dlclose gains nothing */
		}
		ptrs[i] = fn;
	}
	/* POSIX: a function pointer and void * have the same representation */
	for (i = 0; i < lib->nsyms; i++)
		memcpy((char *)lib->table + lib->syms[i].offset, &ptrs[i], sizeof ptrs[i]);
	__atomic_store_n(&lib->loaded, 1, __ATOMIC_RELEASE); /* after the table */
	rc = 0;
cleanup:
	if (rc < 0)
		px_diag_add(d, NULL, 0, 0, PX_SEV_ERROR, "environment", MSG_DL_MISSING, lib->soname,
			    lib->package, err ? err : "?");
	pthread_mutex_unlock(&lock);
	return rc;
}
