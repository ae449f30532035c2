#define _GNU_SOURCE /* renameat2, syncfs */
#include "out.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "i18n.h"

/* ------------------------------------------------------------ errors */

const char *px_strerror(int errnum)
{
	switch (errnum) {
	case ENOENT: return px_msg(MSG_E_NOENT);
	case EACCES:
	case EPERM: return px_msg(MSG_E_ACCES);
	case ENOSPC: return px_msg(MSG_E_NOSPC);
#ifdef EDQUOT
	case EDQUOT: return px_msg(MSG_E_DQUOT);
#endif
	case EROFS: return px_msg(MSG_E_ROFS);
	case EEXIST: return px_msg(MSG_E_EXIST);
	case ENOTDIR: return px_msg(MSG_E_NOTDIR);
	case EISDIR: return px_msg(MSG_E_ISDIR);
	case ELOOP: return px_msg(MSG_E_LOOP);
	case EIO: return px_msg(MSG_E_IO);
	case EFBIG: return px_msg(MSG_E_FBIG);
	case EPIPE: return px_msg(MSG_E_PIPE);
	case EBADF: return px_msg(MSG_E_BADF);
	case ENOMEM: return px_msg(MSG_E_NOMEM);
	default: {
		/* never the C library's English inside a translated sentence */
		static char other[64];
		snprintf(other, sizeof other, px_msg(MSG_E_OTHER), errnum);
		return other;
	}
	}
}

/* ------------------------------------------------------------ stdout */

/* Standard output goes through a stream of our own so that the cause of
 * its FIRST failed write is kept (stdio reports a later flush's errno, or
 * none, and errno is long overwritten by then); after a failure nothing
 * more is written, and the failure is reported once (px_stdout_check). */
static int stdout_errno;
static int stdout_reported;

static ssize_t stdout_write(void *cookie, const char *data, size_t len)
{
	size_t done = 0;

	(void)cookie;
	if (stdout_errno) {
		errno = stdout_errno;
		return -1;
	}
	while (done < len) {
		ssize_t n = write(STDOUT_FILENO, data + done, len - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			stdout_errno = n < 0 ? errno : EIO;
			errno = stdout_errno;
			return -1;
		}
		done += (size_t)n;
	}
	return (ssize_t)done;
}

void px_stdout_init(void)
{
	cookie_io_functions_t io = { NULL, stdout_write, NULL, NULL };
	FILE *f = fopencookie(NULL, "w", io);

	if (!f)
		return; /* the plain stdout, its errno less precise */
	setvbuf(f, NULL, isatty(STDOUT_FILENO) ? _IOLBF : _IOFBF, BUFSIZ);
	stdout = f;
}

int px_stdout_fail(int errnum)
{
	if (!stdout_errno)
		stdout_errno = errnum;
	return -1;
}

int px_buf_fwrite(const px_buf *b, FILE *f)
{
	if (!px_buf_failed(b))
		return fwrite(b->ptr, 1, b->len, f) == b->len ? 0 : -1;
	if (f == stdout)
		return px_stdout_fail(px_buf_error(b) == PX_BUF_TOOBIG ? EFBIG : ENOMEM);
	fprintf(f, "praxis: %s: %s\n", px_msg(MSG_SEV_ERROR), px_msg(MSG_BUF_NOMEM));
	return -1;
}

int px_stdout_check(void)
{
	int err;

	if (fflush(stdout) == 0 && !ferror(stdout) && !stdout_errno)
		return 0;
	err = stdout_errno ? stdout_errno : errno ? errno : EIO;
	if (!stdout_reported) {
		stdout_reported = 1;
		px_error(MSG_WRITE_FAILED, px_strerror(err));
	}
	return -1;
}

static int write_error(px_diag *d, const char *path, int err)
{
	px_diag_add(d, path, 0, 0, PX_SEV_ERROR, "io-error", MSG_WRITE, path, px_strerror(err));
	return -1;
}

/* ------------------------------------------------------------ names */

/* `path` split at its last '/': the folder ("." when none) and the name. */
static void split(const char *path, px_buf *dir, const char **base)
{
	const char *slash = strrchr(path, '/');

	px_buf_clear(dir);
	if (!slash) {
		px_buf_puts(dir, ".");
		*base = path;
	} else {
		px_buf_put(dir, path, slash == path ? 1 : (size_t)(slash - path));
		*base = slash + 1;
	}
}

char *px_out_tmpname(const char *path)
{
	px_buf dir = PX_BUF_INIT, b = PX_BUF_INIT;
	const char *base;

	split(path, &dir, &base);
	px_buf_printf(&b, "%s/.%s.tmp%ld", dir.ptr, base, (long)getpid());
	px_buf_free(&dir);
	return px_buf_detach(&b);
}

int px_out_alive(long pid)
{
	return pid > 0 && (kill((pid_t)pid, 0) == 0 || errno == EPERM);
}

/* Whether `name` is NAME.tmpPID or .NAME.tmpPID[-WHAT] of `base`; its PID. */
static long tmp_of(const char *name, const char *base)
{
	size_t bl = strlen(base);
	char *end;
	long pid;

	if (*name == '.' && !strncmp(name + 1, base, bl) && !strncmp(name + 1 + bl, ".tmp", 4))
		name += 1 + bl + 4;
	else if (!strncmp(name, base, bl) && !strncmp(name + bl, ".tmp", 4))
		name += bl + 4;
	else
		return 0;
	if (!*name || *name < '0' || *name > '9')
		return 0;
	pid = strtol(name, &end, 10);
	return *end && *end != '-' ? 0 : pid;
}

void px_out_clean_stale(const char *path)
{
	px_buf dir = PX_BUF_INIT, p = PX_BUF_INIT;
	const char *base;
	DIR *dh;
	struct dirent *e;

	split(path, &dir, &base);
	dh = *base ? opendir(dir.ptr) : NULL;
	while (dh && (e = readdir(dh))) {
		long pid = tmp_of(e->d_name, base);
		struct stat st;
		if (!pid || (pid != (long)getpid() && px_out_alive(pid)))
			continue;
		px_buf_clear(&p);
		px_buf_printf(&p, "%s/%s", dir.ptr, e->d_name);
		if (lstat(p.ptr, &st) < 0)
			continue;
		if (S_ISREG(st.st_mode))
			unlink(p.ptr);
		else if (S_ISDIR(st.st_mode) && e->d_name[0] == '.')
			px_out_rmtree(p.ptr);
	}
	if (dh)
		closedir(dh);
	px_buf_free(&dir);
	px_buf_free(&p);
}

/* ----------------------------------------------------------- registry */

/* The absolute form of `path` (its folder resolved), malloc'd. */
static char *absolute(const char *path)
{
	px_buf dir = PX_BUF_INIT, b = PX_BUF_INIT;
	const char *base;
	char *real;

	split(path, &dir, &base);
	real = realpath(dir.ptr, NULL);
	if (real)
		px_buf_printf(&b, "%s%s%s", real, strcmp(real, "/") ? "/" : "", base);
	free(real);
	px_buf_free(&dir);
	return real ? px_buf_detach(&b) : NULL;
}

static void digest_of(char out[17], const char *data, size_t len)
{
	px_digest_hex(out, px_fnv1a(PX_FNV_INIT, data, len));
}

/* The next registry line for `abs` from `line` on, "DIGEST\tABS", or
 * NULL (in `reg`). */
static char *reg_find(char *line, const char *abs)
{
	size_t al = strlen(abs);

	while (*line) {
		char *nl = strchr(line, '\n');
		size_t ll = nl ? (size_t)(nl - line) : strlen(line);
		if (ll == 17 + al && line[16] == '\t' && !memcmp(line + 17, abs, al))
			return line;
		line += ll + (nl != NULL);
	}
	return NULL;
}

/* Whether praxis wrote the regular file `path` as it is now. */
static int registered(const char *registry, const char *path)
{
	px_buf reg = PX_BUF_INIT, cur = PX_BUF_INIT;
	char *abs = absolute(path), *line, dg[17];
	int ok = 0;

	if (registry && abs && px_buf_read_file(&reg, registry, 64 << 20) == 0 &&
	    reg_find(reg.ptr, abs) && px_buf_read_file(&cur, path, PX_BUF_MAX) == 0) {
		digest_of(dg, cur.ptr, cur.len);
		for (line = reg_find(reg.ptr, abs); line && !ok;) {
			char *nl = strchr(line, '\n');
			ok = !memcmp(line, dg, 16);
			line = nl ? reg_find(nl + 1, abs) : NULL;
		}
	}
	free(abs);
	px_buf_free(&reg);
	px_buf_free(&cur);
	return ok;
}

/* Records that praxis wrote `data` to `path`. Before the rename it is
 * recorded next to what was there (`keep`), so a kill between the two
 * leaves either file recognised; after it, alone. */
static int record(const char *registry, const char *path, const char *data, size_t len, int keep,
		  px_diag *d)
{
	px_out_opts o = PX_OUT_OPTS_INIT;
	px_buf reg = PX_BUF_INIT, now = PX_BUF_INIT;
	char *abs = absolute(path), *line, dg[17];
	int rc = 0;

	if (!registry || !abs)
		goto done;
	if (px_buf_read_file(&reg, registry, 64 << 20) < 0 && errno != ENOENT)
		px_buf_clear(&reg);
	digest_of(dg, data, len);
	while (!keep && (line = reg_find(reg.ptr, abs))) {
		char *nl = strchr(line, '\n');
		size_t cut = nl ? (size_t)(nl - line) + 1 : strlen(line);
		memmove(line, line + cut, reg.len - (size_t)(line - reg.ptr) - cut + 1);
		reg.len -= cut;
	}
	px_buf_put(&now, reg.ptr, reg.len);
	px_buf_printf(&now, "%s\t%s\n", dg, abs);
	o.force = 1;
	rc = px_out_write_buf(registry, &now, &o, d);
done:
	free(abs);
	px_buf_free(&reg);
	px_buf_free(&now);
	return rc;
}

/* ------------------------------------------------------------ writing */

static int write_all(int fd, const char *data, size_t len)
{
	while (len) {
		ssize_t n = write(fd, data, len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		data += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Devices and pipes: written in place, not replaced. */
static int write_in_place(const char *path, const char *data, size_t len, px_diag *d)
{
	int fd = open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC), err;

	if (fd < 0)
		return write_error(d, path, errno);
	if (write_all(fd, data, len) < 0 ||
	    (fsync(fd) < 0 && errno != EINVAL && errno != EROFS && errno != ENOTSUP)) {
		err = errno;
		close(fd);
		return write_error(d, path, err);
	}
	if (close(fd) < 0)
		return write_error(d, path, errno);
	return 0;
}

enum { TARGET_NEW, TARGET_FILE, TARGET_DEVICE };

/* What is at `path` and whether praxis may replace it. */
static int check_target(const char *path, const px_out_opts *o, px_diag *d)
{
	struct stat st;

	if (lstat(path, &st) < 0) {
		if (errno == ENOENT)
			return TARGET_NEW;
		return write_error(d, path, errno);
	}
	if (S_ISDIR(st.st_mode))
		return write_error(d, path, EISDIR);
	if (S_ISCHR(st.st_mode) || S_ISFIFO(st.st_mode) || S_ISSOCK(st.st_mode))
		return o->excl ? write_error(d, path, EEXIST) : TARGET_DEVICE;
	if (o->excl)
		return write_error(d, path, EEXIST);
	if (!o->force && !(S_ISREG(st.st_mode) && registered(o->registry, path))) {
		px_diag_add(d, path, 0, 0, PX_SEV_ERROR, "not-ours", MSG_OUT_FOREIGN, path);
		return -1;
	}
	return TARGET_FILE;
}

static int sync_dir_of(const char *path)
{
	px_buf dir = PX_BUF_INIT;
	const char *base;
	int fd, rc = 0;

	split(path, &dir, &base);
	fd = open(dir.ptr, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0) {
		if (fsync(fd) < 0 && errno != EINVAL && errno != EROFS)
			rc = -1;
		close(fd);
	}
	px_buf_free(&dir);
	return rc;
}

/* The temporary file into place: rename, or link for a new note, which
 * must not replace one made meanwhile. */
static int finish(const char *tmp, const char *path, const px_out_opts *o, const char *data,
		  size_t len, px_diag *d)
{
	int err;

	if (o->registry && record(o->registry, path, data, len, 1, d) < 0) {
		unlink(tmp);
		return -1;
	}
	if (o->excl) {
		if (link(tmp, path) < 0) {
			err = errno;
			unlink(tmp);
			return write_error(d, path, err);
		}
		unlink(tmp);
	} else if (rename(tmp, path) < 0) {
		err = errno;
		unlink(tmp);
		return write_error(d, path, err);
	}
	if (!o->batch && sync_dir_of(path) < 0)
		return write_error(d, path, errno);
	return o->registry ? record(o->registry, path, data, len, 0, d) : 0;
}

int px_out_write_buf(const char *path, const px_buf *b, const px_out_opts *o, px_diag *d)
{
	if (px_diag_buf(d, b, strcmp(path, "-") ? path : NULL) < 0)
		return -1;
	return px_out_write(path, b->ptr, b->len, o, d);
}

int px_out_write(const char *path, const char *data, size_t len, const px_out_opts *o, px_diag *d)
{
	char *tmp = NULL;
	int fd = -1, kind, err, rc = -1;

	if (!strcmp(path, "-")) {
		/* reported here, once (px_stdout_check), not again at exit */
		if (fwrite(data, 1, len, stdout) != len)
			(void)fflush(stdout);
		return px_stdout_check();
	}
	kind = check_target(path, o, d);
	if (kind < 0)
		return -1;
	if (kind == TARGET_DEVICE)
		return write_in_place(path, data, len, d);
	if (!o->batch)
		px_out_clean_stale(path);
	tmp = px_out_tmpname(path);
	if (!tmp)
		return write_error(d, path, ENOMEM);
	fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
	if (fd < 0 && errno == EEXIST && unlink(tmp) == 0) /* our own pid, a killed run's */
		fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
	if (fd < 0) {
		write_error(d, path, errno);
		goto cleanup;
	}
	if (write_all(fd, data, len) < 0 || (!o->batch && fsync(fd) < 0)) {
		err = errno;
		close(fd);
		unlink(tmp);
		write_error(d, path, err);
		goto cleanup;
	}
	if (close(fd) < 0) {
		err = errno;
		unlink(tmp);
		write_error(d, path, err);
		goto cleanup;
	}
	rc = finish(tmp, path, o, data, len, d);
cleanup:
	free(tmp);
	return rc;
}

int px_out_publish(const char *tmp, const char *path, const px_out_opts *o, px_diag *d)
{
	px_buf data = PX_BUF_INIT;
	int kind, fd, rc = -1;

	if (px_buf_read_file(&data, tmp, PX_BUF_MAX) < 0) {
		write_error(d, path, errno);
		unlink(tmp);
		goto cleanup;
	}
	kind = check_target(path, o, d);
	if (kind < 0) {
		unlink(tmp);
		goto cleanup;
	}
	if (kind == TARGET_DEVICE) {
		unlink(tmp);
		rc = write_in_place(path, data.ptr, data.len, d);
		goto cleanup;
	}
	fd = open(tmp, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0 || fsync(fd) < 0) {
		write_error(d, path, errno);
		if (fd >= 0)
			close(fd);
		unlink(tmp);
		goto cleanup;
	}
	close(fd);
	rc = finish(tmp, path, o, data.ptr, data.len, d);
cleanup:
	px_buf_free(&data);
	return rc;
}

/* ------------------------------------------------------------ folders */

int px_out_join(char **out, const char *dir, const char *rel, px_diag *d)
{
	px_buf b = PX_BUF_INIT;
	const char *p = rel;
	int ok = *rel && *rel != '/';

	*out = NULL;
	while (ok && *p) {
		size_t n = strcspn(p, "/");
		const char *q;
		if (n == 0 || (n == 1 && p[0] == '.') || (n == 2 && p[0] == '.' && p[1] == '.'))
			ok = 0;
		for (q = p; q < p + n; q++)
			if ((unsigned char)*q < 0x20 || *q == 0x7f || *q == '\\')
				ok = 0;
		p += n + (p[n] == '/');
		if (!p[0] && p[-1] == '/')
			ok = 0;
	}
	px_buf_printf(&b, "%s/", dir);
	for (p = rel; ok && *p;) {
		size_t n = strcspn(p, "/");
		struct stat st;
		px_buf_put(&b, p, n);
		if (lstat(b.ptr, &st) < 0)
			break; /* what does not exist yet is no link */
		if (S_ISLNK(st.st_mode))
			ok = 0;
		p += n;
		if (*p == '/')
			px_buf_putc(&b, *p++);
	}
	if (!ok) {
		px_diag_add(d, rel, 0, 0, PX_SEV_ERROR, "outside", MSG_OUT_OUTSIDE, rel, dir);
		px_buf_free(&b);
		return -1;
	}
	px_buf_clear(&b);
	px_buf_printf(&b, "%s/%s", dir, rel);
	*out = px_buf_detach(&b);
	return 0;
}

int px_out_mkdirs(const char *dir, px_diag *d)
{
	px_buf b = PX_BUF_INIT;
	size_t i;
	int rc = 0;

	px_buf_puts(&b, dir);
	for (i = 1; i <= b.len && !rc; i++) {
		if (b.ptr[i] != '/' && b.ptr[i] != '\0')
			continue;
		b.ptr[i] = '\0';
		if (mkdir(b.ptr, 0777) < 0 && errno != EEXIST)
			rc = write_error(d, b.ptr, errno);
		if (i < b.len)
			b.ptr[i] = '/';
	}
	if (!rc) {
		struct stat st;
		if (stat(dir, &st) < 0)
			rc = write_error(d, dir, errno);
		else if (!S_ISDIR(st.st_mode))
			rc = write_error(d, dir, ENOTDIR);
	}
	px_buf_free(&b);
	return rc;
}

static int rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	return flag == FTW_DP ? rmdir(path) : unlink(path);
}

int px_out_rmtree(const char *dir)
{
	return nftw(dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

int px_out_sync(const char *dir, px_diag *d)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC), rc = 0;

	if (fd < 0)
		return write_error(d, dir, errno);
	if (syncfs(fd) < 0)
		rc = write_error(d, dir, errno);
	close(fd);
	return rc;
}

char *px_out_registry(const char *gitdir)
{
	px_buf b = PX_BUF_INIT;

	if (!gitdir)
		return NULL;
	px_buf_printf(&b, "%s/praxis/outputs", gitdir);
	return px_buf_detach(&b);
}

int px_out_replace_dir(const char *fresh, const char *dir, px_diag *d)
{
	px_buf old = PX_BUF_INIT;
	struct stat st;
	int rc = -1;

	if (lstat(dir, &st) < 0) {
		if (errno != ENOENT || rename(fresh, dir) < 0) {
			write_error(d, dir, errno);
			goto cleanup;
		}
		rc = 0;
		goto cleanup;
	}
	if (renameat2(AT_FDCWD, fresh, AT_FDCWD, dir, RENAME_EXCHANGE) == 0) {
		px_out_rmtree(fresh); /* now the old folder */
		rc = 0;
		goto cleanup;
	}
	if (errno != EINVAL && errno != ENOSYS && errno != ENOTSUP) {
		write_error(d, dir, errno);
		goto cleanup;
	}
	/* a file system without exchange: for a moment there is no `dir` */
	px_buf_printf(&old, "%s-old", fresh);
	if (rename(dir, old.ptr) < 0) {
		write_error(d, dir, errno);
		goto cleanup;
	}
	if (rename(fresh, dir) < 0) {
		write_error(d, dir, errno);
		rename(old.ptr, dir);
		goto cleanup;
	}
	px_out_rmtree(old.ptr);
	rc = 0;
cleanup:
	px_buf_free(&old);
	return rc;
}
