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

/* CYCLE/COMMUNITY/NN.md, where NN may also be written without the zero;
 * reported at the first key that disagrees with the path (cycle,
 * community, session), where the lead looks. */
static void check_path(const px_note *n, const char *rel, px_diag *d)
{
	px_buf want = PX_BUF_INIT, alt = PX_BUF_INIT;
	const px_val *at = &n->cycle;
	const char *s1, *s2;

	if (!rel || !n->cycle_year || !n->community.s || !n->session)
		return;
	px_buf_printf(&want, "%s/%s/%02d.md", n->cycle.s, n->community.s, n->session);
	px_buf_printf(&alt, "%s/%s/%d.md", n->cycle.s, n->community.s, n->session);
	if (strcmp(rel, want.ptr) && strcmp(rel, alt.ptr)) {
		s1 = strchr(rel, '/');
		s2 = s1 ? strchr(s1 + 1, '/') : NULL;
		if (s1 && s2 && !strchr(s2 + 1, '/') &&
		    (size_t)(s1 - rel) == strlen(n->cycle.s) && !strncmp(rel, n->cycle.s, (size_t)(s1 - rel)))
			at = (size_t)(s2 - s1 - 1) == strlen(n->community.s) &&
				     !strncmp(s1 + 1, n->community.s, (size_t)(s2 - s1 - 1))
			     ? &n->session_v : &n->community;
		px_diag_add(d, n->path, at->line ? at->line : 1, at->line ? at->col : 1,
			    PX_SEV_WARNING, "path-mismatch", MSG_PATH_MISMATCH, want.ptr);
	}
	px_buf_free(&want);
	px_buf_free(&alt);
}

/* A note fresh from `praxis new` has its headings and the guidance in
 * HTML comments, nothing else: not a session yet. */
static void check_content(const px_note *n, px_diag *d)
{
	if (n->nsegs || n->body_refused)
		return;
	px_diag_add(d, n->path, n->body_line, 0, PX_SEV_ERROR, "empty-note", MSG_EMPTY_NOTE);
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
	check_content(n, d);
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

static int claim_add(px_claims *c, const px_note *n, const char *rel, int checked)
{
	px_claim *cl;

	if (!rel || !n || !n->community.s || !n->cycle_year || !n->session)
		return 0;
	if (c->n == c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 32;
		px_claim *p = realloc(c->v, cap * sizeof *p);
		if (!p)
			return -1;
		c->v = p;
		c->cap = cap;
	}
	cl = &c->v[c->n++];
	cl->file = strdup(n->path);
	cl->rel = strdup(rel);
	cl->community = strdup(n->community.s);
	cl->cycle = strdup(n->cycle.s);
	cl->session = n->session;
	cl->line = n->session_v.line;
	cl->col = n->session_v.col;
	cl->checked = checked;
	return 0;
}

void px_claims_add(px_claims *c, const px_note *n, const char *rel)
{
	claim_add(c, n, rel, 1);
}

static int cmp_claim_rel(const void *a, const void *b)
{
	return strcmp(((const px_claim *)a)->rel, ((const px_claim *)b)->rel);
}

static int cmp_claim_same(const px_claim *x, const px_claim *y)
{
	int r = strcmp(x->community, y->community);

	if (!r)
		r = strcmp(x->cycle, y->cycle);
	return r ? r : x->session - y->session;
}

static int cmp_claim(const void *a, const void *b)
{
	const px_claim *x = a, *y = b;
	int r = strcmp(x->community, y->community);

	if (!r)
		r = strcmp(x->cycle, y->cycle);
	if (!r)
		r = x->session - y->session;
	return r ? r : strcmp(x->rel, y->rel);
}

void px_claims_check(px_claims *c, const px_kb *kb, px_diag *d)
{
	char **notes = NULL;
	long nn;
	size_t i, k, nchecked = c->n;

	if (!c->n)
		return;
	/* the knowledge base's other notes, read as check reads them */
	qsort(c->v, c->n, sizeof *c->v, cmp_claim_rel);
	nn = px_kb_list_notes(kb, &notes);
	for (i = 0; nn > 0 && i < (size_t)nn; i++) {
		px_claim key;
		px_buf src = PX_BUF_INIT, full = PX_BUF_INIT;
		px_diag quiet = PX_DIAG_INIT;
		px_note *n = NULL;

		key.rel = notes[i];
		if (bsearch(&key, c->v, nchecked, sizeof *c->v, cmp_claim_rel))
			continue;
		px_buf_printf(&full, "%s/%s", kb->root, notes[i]);
		if (px_kb_read_file(&src, NULL, kb, full.ptr, notes[i], PX_NOTE_MAX, &quiet) == 0 &&
		    px_note_parse(&n, notes[i], src.ptr, src.len, kb->cb, &quiet) == 0)
			claim_add(c, n, notes[i], 0);
		px_note_free(n);
		px_diag_free(&quiet);
		px_buf_free(&src);
		px_buf_free(&full);
	}
	px_strv_free(notes, nn > 0 ? (size_t)nn : 0);
	qsort(c->v, c->n, sizeof *c->v, cmp_claim);
	for (i = 0; i < c->n; i = k) {
		size_t j;
		for (k = i + 1; k < c->n && !cmp_claim_same(&c->v[i], &c->v[k]); k++)
			;
		for (j = i; k - i > 1 && j < k; j++) {
			const px_claim *other = NULL;
			size_t o;
			for (o = i; o < k && !other; o++)
				if (strcmp(c->v[o].rel, c->v[j].rel))
					other = &c->v[o];
			if (!c->v[j].checked || !other)
				continue;
			px_diag_add(d, c->v[j].file, c->v[j].line, c->v[j].col, PX_SEV_ERROR,
				    "duplicate-session", MSG_DUP_SESSION, c->v[j].session,
				    c->v[j].community, c->v[j].cycle, other->file);
		}
	}
}

void px_claims_free(px_claims *c)
{
	size_t i;

	for (i = 0; i < c->n; i++) {
		free(c->v[i].file);
		free(c->v[i].rel);
		free(c->v[i].community);
		free(c->v[i].cycle);
	}
	free(c->v);
	memset(c, 0, sizeof *c);
}
