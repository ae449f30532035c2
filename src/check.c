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

int px_check_file(const px_kb *kb, const char *display, const char *fs_path, px_diag *d,
		  px_note **out)
{
	px_buf src = PX_BUF_INIT;
	px_note *n = NULL;
	char *rel;
	int rc;

	if (out)
		*out = NULL;
	/* one rule with commit: a regular file, never read through a link */
	rc = px_kb_read_file(&src, NULL, kb, fs_path, display, PX_NOTE_MAX, d);
	if (rc == PX_READ_GONE)
		px_diag_add(d, display, 0, 0, PX_SEV_ERROR, "io-error", MSG_IO, display,
			    px_strerror(ENOENT));
	if (rc != 0) {
		px_buf_free(&src);
		return rc == PX_READ_TOO_LARGE ? PX_CHECK_OK : PX_CHECK_UNREADABLE;
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
