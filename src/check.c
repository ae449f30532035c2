#include "check.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "out.h"
#include "privacy.h"

static void check_community(const px_kb *kb, const px_note *n, px_diag *d)
{
	const char **ids;
	const char *hint;
	size_t i;

	if (!n->community.s || px_kb_community(kb, n->community.s))
		return;
	ids = malloc((kb->ncommunities + 1) * sizeof *ids);
	if (!ids)
		return;
	for (i = 0; i < kb->ncommunities; i++)
		ids[i] = kb->communities[i].id;
	hint = px_suggest(n->community.s, ids, kb->ncommunities);
	px_diag_add(d, n->path, n->community.line, n->community.col, PX_SEV_ERROR,
		    "unknown-community", hint ? MSG_UNKNOWN_COMMUNITY_HINT : MSG_UNKNOWN_COMMUNITY,
		    n->community.s, hint);
	free(ids);
}

/* CYCLE/COMMUNITY/NN.md, where NN may also be written without the zero. */
static void check_path(const px_note *n, const char *rel, px_diag *d)
{
	px_buf want = PX_BUF_INIT, alt = PX_BUF_INIT;

	if (!rel || !n->cycle_year || !n->community.s || !n->session)
		return;
	px_buf_printf(&want, "%s/%s/%02d.md", n->cycle.s, n->community.s, n->session);
	px_buf_printf(&alt, "%s/%s/%d.md", n->cycle.s, n->community.s, n->session);
	if (strcmp(rel, want.ptr) && strcmp(rel, alt.ptr))
		px_diag_add(d, n->path, 1, 1, PX_SEV_WARNING, "path-mismatch", MSG_PATH_MISMATCH,
			    want.ptr);
	px_buf_free(&want);
	px_buf_free(&alt);
}

static const struct {
	const char *rule;
	px_msgid msg;
} priv_rules[] = {
	[PX_PRIV_EMAIL] = { "privacy-email", MSG_PRIV_EMAIL },
	[PX_PRIV_PHONE] = { "privacy-phone", MSG_PRIV_PHONE },
	[PX_PRIV_NRN] = { "privacy-nrn", MSG_PRIV_NRN },
	[PX_PRIV_IBAN] = { "privacy-iban", MSG_PRIV_IBAN },
	[PX_PRIV_NAME] = { "privacy-name", MSG_PRIV_NAME },
};

static void check_privacy(const px_kb *kb, const px_note *n, const char *src, size_t len,
			  px_diag *d)
{
	enum { MAX_HITS = 32 };
	px_priv_hit hits[MAX_HITS];
	char *used = calloc(n->allow.n + 1, 1);
	size_t off = 0, i;
	int line = 1;

	if (!used)
		return;
	while (off < len) {
		const char *nl = memchr(src + off, '\n', len - off);
		size_t end = nl ? (size_t)(nl - src) : len;
		size_t nh = px_privacy_scan(src + off, end - off, kb ? kb->deny : NULL, hits, MAX_HITS);

		if (nh > MAX_HITS)
			nh = MAX_HITS;
		for (i = 0; i < nh; i++) {
			char *found = strndup(src + off + hits[i].start, hits[i].len);
			size_t k;
			int allowed = 0;
			for (k = 0; found && k < n->allow.n; k++)
				if (!strcmp(n->allow.v[k].s, found)) {
					used[k] = allowed = 1;
				}
			if (found && !allowed) {
				px_diag_add_at(d, n->path, line, hits[i].start, PX_SEV_ERROR,
					       priv_rules[hits[i].kind].rule, priv_rules[hits[i].kind].msg,
					       found);
				px_diag_hint(d, MSG_PRIV_HINT);
			}
			free(found);
		}
		off = end + 1;
		line++;
	}
	for (i = 0; i < n->allow.n; i++)
		if (!used[i])
			px_diag_add(d, n->path, n->allow.v[i].line, n->allow.v[i].col, PX_SEV_WARNING,
				    "unused-allow", MSG_UNUSED_ALLOW, n->allow.v[i].s);
	free(used);
}


px_note *px_check_text(const px_kb *kb, const char *display, const char *rel,
		       const char *src, size_t len, px_diag *d)
{
	px_note *n = NULL;

	if (px_note_parse(&n, display, src, len, kb->cb, d) < 0) {
		px_diag_source(d, NULL, NULL, 0);
		return NULL;
	}
	check_community(kb, n, d);
	check_path(n, rel, d);
	check_privacy(kb, n, src, len, d);
	px_diag_source(d, NULL, NULL, 0);
	return n;
}

/* Whether a part of `path` below the knowledge base's root is a symbolic
 * link (the path as written, made absolute, not resolved). */
static int link_inside(const px_kb *kb, const char *path)
{
	px_buf b = PX_BUF_INIT;
	char cwd[4096];
	size_t rl = strlen(kb->root), i;
	int found = 0;

	if (*path != '/' && getcwd(cwd, sizeof cwd))
		px_buf_printf(&b, "%s/", cwd);
	px_buf_puts(&b, path);
	if (b.len > rl && !strncmp(b.ptr, kb->root, rl) && b.ptr[rl] == '/') {
		for (i = rl + 1; i <= b.len && !found; i++) {
			struct stat st;
			char c = b.ptr[i];
			if (c != '/' && c != '\0')
				continue;
			b.ptr[i] = '\0';
			found = lstat(b.ptr, &st) == 0 && S_ISLNK(st.st_mode);
			b.ptr[i] = c;
		}
	}
	px_buf_free(&b);
	return found;
}

/* Reads a note as git would see it: a regular file, never through a
 * symbolic link (errno ELOOP then), at most `max` bytes (-2 beyond). */
static int read_note(px_buf *b, const px_kb *kb, const char *path, size_t max)
{
	struct stat st;
	char tmp[65536];
	ssize_t n;
	int fd, rc = 0;

	if (link_inside(kb, path)) {
		errno = ELOOP;
		return -1;
	}
	fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return -1;
	if (fstat(fd, &st) < 0) {
		int err = errno;
		close(fd);
		errno = err;
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		close(fd);
		errno = S_ISDIR(st.st_mode) ? EISDIR : EINVAL;
		return -1;
	}
	while ((n = read(fd, tmp, sizeof tmp)) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			rc = -1;
			break;
		}
		if (b->len + (size_t)n > max) {
			rc = -2;
			break;
		}
		if (px_buf_put(b, tmp, (size_t)n) < 0) {
			errno = ENOMEM;
			rc = -1;
			break;
		}
	}
	close(fd);
	return rc;
}

int px_check_file(const px_kb *kb, const char *display, const char *fs_path, px_diag *d,
		  px_note **out)
{
	px_buf src = PX_BUF_INIT;
	px_note *n = NULL;
	char *rel;
	int rc;

	if (out)
		*out = NULL;
	rc = read_note(&src, kb, fs_path, PX_NOTE_MAX + 1);
	if (rc == -2 || (rc == 0 && src.len > PX_NOTE_MAX)) {
		px_diag_add(d, display, 1, 1, PX_SEV_ERROR, "too-large", MSG_TOO_LARGE,
			    (int)(PX_NOTE_MAX >> 20));
		px_buf_free(&src);
		return PX_CHECK_OK;
	}
	if (rc < 0 && errno == ELOOP) {
		px_diag_add(d, display, 0, 0, PX_SEV_ERROR, "symlink", MSG_NOTE_LINK, display);
		px_buf_free(&src);
		return PX_CHECK_UNREADABLE;
	}
	if (rc < 0) {
		px_diag_add(d, display, 0, 0, PX_SEV_ERROR, "io-error", MSG_IO, display,
			    px_strerror(errno));
		px_buf_free(&src);
		return PX_CHECK_UNREADABLE;
	}
	rel = px_kb_relpath(kb, fs_path);
	n = px_check_text(kb, display, rel, src.ptr, src.len, d);
	free(rel);
	px_buf_free(&src);
	if (out)
		*out = n;
	else
		px_note_free(n);
	return PX_CHECK_OK;
}
