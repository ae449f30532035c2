/*
 * dl.h - the libraries only some commands use, opened when one of them
 * first needs it.
 *
 * Every library the binary links is loaded and bound at each start, by
 * every command: libmicrohttpd alone brings GnuTLS and eight more. So
 * the libraries of one command (libmicrohttpd for serve, libxlsxwriter
 * for workbooks, libzip for the REFI-QDA project), libgit2 (with
 * libssh2, libcrypto, Kerberos and mbedTLS behind it: a search or stats
 * on a current index never starts it) and libxml2, libxslt and libexslt
 * (with ICU, libstdc++ and libgcrypt behind them: half of every start,
 * for the commands that parse XML or render) are not linked: the one
 * module that calls each (serve.c, xlsx.c, qda.c, store*.c, xml_int.h's
 * files, render.c) declares the functions
 * it uses as a table, and px_dl_load() opens the library by its Debian
 * soname and fills the table the first time it is needed. A missing
 * library or function is one diagnostic naming the library and the
 * Debian package that installs it.
 *
 *     #define ZIP_FNS(X, T) X(T, zip_, open_from_source) X(T, zip_, close)
 *     PX_DL_LIBRARY(libzip, "libzip.so.4", "libzip4", ZIP_FNS);
 *
 *     if (px_dl_load(&libzip_lib, d) < 0)
 *             return -1;
 *     za = libzip.open_from_source(src, ZIP_TRUNCATE, &err);
 *
 * The table's members keep the library's names without their prefix, and
 * the library's own header gives their types, so a call is checked as if
 * it were linked. Loading is thread-safe; a library is never closed.
 */
#ifndef PX_DL_H
#define PX_DL_H

#include <stddef.h>

#include "diag.h"

typedef struct {
	const char *name; /* the library's symbol */
	size_t offset;    /* where its pointer goes in the table */
} px_dl_sym;

typedef struct {
	const char *soname;  /* "libmicrohttpd.so.12" (objdump -p: SONAME) */
	const char *package; /* the Debian package that installs it */
	const px_dl_sym *syms;
	size_t nsyms;
	void *table;         /* the struct of function pointers syms fill */
	int loaded;          /* set once every symbol is in the table */
} px_dl_lib;

/* Opens lib->soname (once per process) and fills lib->table. 0, or -1
 * with a diagnostic naming the library, its package and the loader's
 * words; the table is then left as it was. */
int px_dl_load(px_dl_lib *lib, px_diag *d);
/* Whether lib's table is filled (safe from any thread: the table is
 * written before the flag). */
int px_dl_loaded(const px_dl_lib *lib);

/* The table `var` (a static struct of pointers named as the functions
 * without `prefix`) and its descriptor `var##_lib`, from the list
 * LIST(X, T) of X(T, prefix, name) entries. */
#define PX_DL_MEMBER_(T, prefix, name) __typeof__(prefix##name) *name;
#define PX_DL_SYM_(T, prefix, name) { #prefix #name, offsetof(T, name) },
#define PX_DL_LIBRARY(var, soname, package, LIST)                                         \
	static struct var##_fns { LIST(PX_DL_MEMBER_, _) } var;                           \
	static const px_dl_sym var##_syms[] = { LIST(PX_DL_SYM_, struct var##_fns) };     \
	static px_dl_lib var##_lib = { soname, package, var##_syms,                       \
				       sizeof var##_syms / sizeof *var##_syms, &var, 0 }

/* The same table shared by the files of one module (libgit2: store.c,
 * store_read.c, store_sync.c): PX_DL_SHARED in their private header
 * declares it, PX_DL_SHARED_DEFINE in one of them defines it. */
#define PX_DL_SHARED(var, LIST)                                                           \
	struct var##_fns { LIST(PX_DL_MEMBER_, _) };                                      \
	extern struct var##_fns var;                                                      \
	extern px_dl_lib var##_lib
#define PX_DL_SHARED_DEFINE(var, soname, package, LIST)                                   \
	struct var##_fns var;                                                             \
	static const px_dl_sym var##_syms[] = { LIST(PX_DL_SYM_, struct var##_fns) };     \
	px_dl_lib var##_lib = { soname, package, var##_syms,                              \
				sizeof var##_syms / sizeof *var##_syms, &var, 0 }

#endif
