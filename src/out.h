/*
 * out.h - every file praxis writes for its users: reports, briefs, the
 * site's pages, new notes. One way to write, so one set of guarantees:
 *
 *   - atomic: the data goes to a temporary file in the same folder
 *     (".NAME.tmpPID"), is flushed and fsync'ed, every error checked, and
 *     only then renamed over NAME; a reader sees the old file or the new
 *     one. A killed run's temporary files are removed by the next write
 *     to the same NAME (when their process is gone).
 *   - no clobbering: an existing file is replaced only when praxis wrote
 *     it and nobody changed it since (the registry, GITDIR/praxis/outputs,
 *     records the digest of what praxis wrote where), or with --force.
 *     Devices and pipes (/dev/null, /dev/stdout) are written in place.
 *   - contained: px_out_join builds DIR/REL only when REL stays inside DIR
 *     (no '..', no absolute REL, no symbolic link on the way).
 *   - errors are write errors naming the path, in the user's language.
 *
 *     px_out_opts o = PX_OUT_OPTS_INIT;
 *     o.registry = registry;            // from px_out_registry(kb->gitdir)
 *     o.force = force;
 *     if (px_out_write("report.nl.html", html.ptr, html.len, &o, &d) < 0) ...
 */
#ifndef PX_OUT_H
#define PX_OUT_H

#include <stddef.h>
#include <stdio.h>

#include "diag.h"

typedef struct {
	int force;            /* replace a file praxis did not write */
	int excl;             /* never replace anything (a new note) */
	int batch;            /* no fsync per file: the caller syncs once (px_out_sync) */
	const char *registry; /* what praxis wrote where; NULL: every existing file is foreign */
} px_out_opts;

#define PX_OUT_OPTS_INIT { 0, 0, 0, NULL }

/* Writes `data` to `path` as described above; "-" is stdout. */
int px_out_write(const char *path, const char *data, size_t len, const px_out_opts *o, px_diag *d);
/* The same for a buffer, checked first: a failed buffer (buf.h) is an
 * error for `path` ("out of memory", "text too long") and nothing is
 * written. */
int px_out_write_buf(const char *path, const px_buf *b, const px_out_opts *o, px_diag *d);

/* A temporary name next to `path` for a file another program writes
 * (malloc'd), and publishing it: the same checks as px_out_write, then
 * the rename. The temporary file is removed on failure. */
char *px_out_tmpname(const char *path);
int px_out_publish(const char *tmp, const char *path, const px_out_opts *o, px_diag *d);

/* DIR/REL into *out (malloc'd) when REL is a relative path of plain
 * names (no '', '.', '..' part, no control character) and no part of it
 * that exists is a symbolic link; otherwise an error naming both. */
int px_out_join(char **out, const char *dir, const char *rel, px_diag *d);

/* Removes the temporary files and folders (.NAME.tmpPID) that killed
 * runs left next to `path`, when their process is gone. */
void px_out_clean_stale(const char *path);

/* Puts the folder `fresh` in the place of `dir` in one step (the old
 * folder is then removed): a reader sees the old one or the new one.
 * Where the file system cannot exchange two folders, `dir` is missing
 * for the moment between two renames. */
int px_out_replace_dir(const char *fresh, const char *dir, px_diag *d);

/* Makes `dir` and its missing parents. */
int px_out_mkdirs(const char *dir, px_diag *d);

/* Removes a folder and all it holds, never following a symbolic link. */
int px_out_rmtree(const char *dir);

/* Flushes the file system holding `dir` to disk (after a batch). */
int px_out_sync(const char *dir, px_diag *d);

/* GITDIR/praxis/outputs (malloc'd), or NULL without a git directory. */
char *px_out_registry(const char *gitdir);

/* Whether a process `pid` still runs (for stale temporary files). */
int px_out_alive(long pid);

/* The system error `errnum` in the user's language: praxis' own words
 * for the common ones, the C library's otherwise. */
const char *px_strerror(int errnum);

/* px_stdout_init: standard output through a stream that keeps the cause of
 * its first failed write (glibc's fopencookie). px_stdout_check: flushes
 * it; on a failure reports MSG_WRITE_FAILED with that cause, the first
 * time only, and returns -1. */
void px_stdout_init(void);
int px_stdout_check(void);
/* Marks standard output failed with `errnum` (when it has not failed
 * yet): nothing more is written, and px_stdout_check reports it. -1. */
int px_stdout_fail(int errnum);

/* Writes a buffer's text to `f`, or, for a failed buffer, nothing of it:
 * stdout is then marked failed (ENOMEM, or EFBIG for a text too long:
 * the exit status says so), another stream gets "out of memory". 0 or
 * -1. Every printer of a px_buf to a stream goes through it. */
int px_buf_fwrite(const px_buf *b, FILE *f);

#endif
