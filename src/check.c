#include "check.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "guard.h"
#include "out.h"
#include "privacy.h"
#include "synthesis.h"
#include "yaml.h"
#include "xml_int.h"

static void check_community(const px_kb *kb, const px_note *n, px_diag *d)
{
	const char *hint;

	if (!n->community.s || px_kb_community(kb, n->community.s))
		return;
	hint = px_kb_community_hint(kb, n->community.s);
	px_diag_add(d, n->path, n->community.line, n->community.col, PX_SEV_ERROR,
		    "unknown-community", hint ? MSG_UNKNOWN_COMMUNITY_HINT : MSG_UNKNOWN_COMMUNITY,
		    n->community.s, hint);
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

/* The note through the privacy guard: as written, and as stored and
 * shown (guard.h); its `allow:` entries let exactly their texts through. */
static void check_privacy(const px_kb *kb, const px_note *n, const char *src, size_t len,
			  px_diag *d)
{
	const char **allow = calloc(n->allow.n + 1, sizeof *allow);
	px_guard *g;
	size_t i;

	for (i = 0; allow && i < n->allow.n; i++)
		allow[i] = n->allow.v[i].s;
	g = allow ? px_guard_new(kb ? kb->deny : NULL, allow, n->allow.n) : NULL;
	px_guard_source(g, src, len);
	for (i = 0; i < n->nshown; i++)
		px_guard_shown(g, &n->shown[i]);
	if (n->shown_incomplete)
		px_guard_incomplete(g);
	px_guard_report(g, d, n->path, src, len, MSG_PRIV_HINT);
	for (i = 0; g && i < n->allow.n; i++)
		if (!px_guard_allow_used(g, i))
			px_diag_add(d, n->path, n->allow.v[i].line, n->allow.v[i].col, PX_SEV_WARNING,
				    "unused-allow", MSG_UNUSED_ALLOW, n->allow.v[i].s);
	px_guard_free(g);
	free(allow);
}

void px_check_name(const px_kb *kb, const char *display, const char *rel, px_diag *d)
{
	const char *name = rel;

	if (!name) {
		name = strrchr(display, '/');
		name = name ? name + 1 : display;
	}
	px_guard_string(kb ? kb->deny : NULL, d, display, name, 1, MSG_PRIV_HINT_FILENAME);
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

px_note *px_check_synthesis_text(const px_kb *kb, const char *display, const char *src,
				 size_t len, px_diag *d)
{
	px_note *n = NULL;
	px_guard *g;
	size_t i;

	if (px_note_parse_body(&n, display, src, len, kb->cb, d) < 0) {
		px_diag_source(d, NULL, NULL, 0);
		return NULL;
	}
	g = px_guard_new(kb->deny, NULL, 0);
	px_guard_source(g, src, len);
	for (i = 0; i < n->nshown; i++)
		px_guard_shown(g, &n->shown[i]);
	if (n->shown_incomplete)
		px_guard_incomplete(g);
	px_guard_report(g, d, display, src, len, MSG_PRIV_HINT_TEXT);
	px_guard_free(g);
	px_diag_source(d, NULL, NULL, 0);
	return n;
}

/* The sections of a parsed synthesis text that have text: one flag per
 * section of px_synthesis_sections' list, and intro for the text before
 * any section. */
static int sections_with_text(unsigned char *has, int *intro, const px_section *secs, size_t nsecs,
			      const px_codebook *cb, const px_note *n)
{
	px_section *heads = NULL;
	int *named = NULL;
	size_t i, k;

	*intro = 0;
	if (px_synthesis_heads(&heads, &named, cb, n) < 0)
		return -1;
	for (i = 0; i < n->nsegs; i++) {
		long h = n->segs[i].head;
		if (h < 0 || named[h] < 0) {
			*intro = 1;
			continue;
		}
		for (k = 0; k < nsecs; k++)
			if (secs[k].kind == heads[h].kind && secs[k].index == heads[h].index)
				has[k] = 1;
	}
	free(heads);
	free(named);
	return 0;
}

/* A section with text in this synthesis text but none in the other
 * language's (read from the working tree) is a warning naming it. */
static void check_synthesis_pair(const px_kb *kb, const char *display, const char *rel,
				 const px_note *n, px_diag *d)
{
	const char *base = strrchr(rel, '/');
	px_lang lang = base && !strcmp(base, "/synthesis.fr.md") ? PX_LANG_FR : PX_LANG_NL;
	px_buf other = PX_BUF_INIT, full = PX_BUF_INIT, src = PX_BUF_INIT;
	px_diag quiet = PX_DIAG_INIT;
	px_note *o = NULL;
	px_section *secs = NULL;
	int *levels = NULL, intro = 0, ointro = 0;
	unsigned char *has = NULL, *ohas = NULL;
	size_t nsecs = 0, i;

	if (!base)
		return;
	px_buf_printf(&other, "%.*s/synthesis.%s.md", (int)(base - rel), rel,
		      px_lang_code(lang == PX_LANG_NL ? PX_LANG_FR : PX_LANG_NL));
	px_buf_printf(&full, "%s/%s", kb->root, other.ptr);
	if (px_kb_read_file(&src, NULL, kb, full.ptr, other.ptr, PX_BUF_MAX, &quiet) == 0 &&
	    px_note_parse_body(&o, other.ptr, src.ptr, src.len, kb->cb, &quiet) < 0)
		goto cleanup; /* unreadable: its own check says why */
	if (px_synthesis_sections(&secs, &levels, &nsecs, kb->cb) < 0 ||
	    !(has = calloc(nsecs + 1, 1)) || !(ohas = calloc(nsecs + 1, 1)) ||
	    sections_with_text(has, &intro, secs, nsecs, kb->cb, n) < 0 ||
	    (o && sections_with_text(ohas, &ointro, secs, nsecs, kb->cb, o) < 0)) {
		px_diag_add(d, display, 0, 0, PX_SEV_ERROR, "out-of-memory", MSG_OOM);
		goto cleanup;
	}
	if (intro && !ointro)
		px_diag_add(d, display, n->body_line, 1, PX_SEV_WARNING, "one-language",
			    MSG_SYN_ONE_LANG_INTRO, other.ptr);
	for (i = 0; i < nsecs; i++) {
		size_t h;
		int line = 1;
		if (!has[i] || ohas[i])
			continue;
		/* at the heading naming it */
		for (h = 0; h < n->nheadings; h++) {
			px_section s;
			if (px_synthesis_resolve(&s, kb->cb, n->headings[h].text, n->headings[h].level) == 0 &&
			    s.kind == secs[i].kind && s.index == secs[i].index) {
				line = n->headings[h].line;
				break;
			}
		}
		px_diag_add(d, display, line, 1, PX_SEV_WARNING, "one-language", MSG_SYN_ONE_LANG,
			    px_section_label(kb->cb, &secs[i], lang), px_section_id(kb->cb, &secs[i]),
			    other.ptr);
	}
cleanup:
	px_note_free(o);
	px_diag_free(&quiet);
	free(secs);
	free(levels);
	free(has);
	free(ohas);
	px_buf_free(&other);
	px_buf_free(&full);
	px_buf_free(&src);
}

/* A chosen quote: its reference names a segment of a note, not a
 * follow-up, and untranslated words are that segment's. */
static void check_quote(const px_kb *kb, const char *display, const px_segment *s, px_diag *d)
{
	px_synth_quote q;
	px_buf full = PX_BUF_INIT, src = PX_BUF_INIT;
	px_diag quiet = PX_DIAG_INIT;
	px_note *n = NULL;
	const px_segment *t;
	size_t i;

	if (px_synthesis_quote(&q, s->text) < 0) {
		px_diag_add(d, display, s->first_line, 1, PX_SEV_ERROR, "quote-reference",
			    MSG_SYN_QUOTE_NO_REF);
		return;
	}
	px_buf_printf(&full, "%s/%s", kb->root, q.path);
	if (!px_kb_is_note_path(q.path) || strstr(q.path, "..") ||
	    px_kb_read_file(&src, NULL, kb, full.ptr, q.path, PX_NOTE_MAX, &quiet) != 0 ||
	    px_note_parse(&n, q.path, src.ptr, src.len, kb->cb, &quiet) < 0) {
		px_diag_add(d, display, s->first_line, 1, PX_SEV_ERROR, "quote-reference",
			    MSG_SYN_QUOTE_NO_NOTE, q.path);
		goto cleanup;
	}
	t = px_synthesis_segment_at(n, q.line);
	if (!t) {
		px_diag_add(d, display, s->first_line, 1, PX_SEV_ERROR, "quote-reference",
			    MSG_SYN_QUOTE_NO_SEGMENT, q.path, q.line);
	} else if (t->task >= 0) {
		px_diag_add(d, display, s->first_line, 1, PX_SEV_ERROR, "quote-reference",
			    MSG_SYN_QUOTE_FOLLOWUP, q.path, q.line);
		goto cleanup;
	} else if (q.translated || px_synthesis_quote_matches(q.text, t->text)) {
		goto cleanup;
	} else {
		px_diag_add(d, display, s->first_line, 1, PX_SEV_ERROR, "quote-mismatch",
			    MSG_SYN_QUOTE_MISMATCH, q.path, q.line);
	}
	/* the note changed since: where the words are now */
	for (i = 0; !q.translated && i < n->nsegs; i++)
		if (n->segs[i].task < 0 && px_synthesis_quote_matches(q.text, n->segs[i].text)) {
			px_diag_hint(d, MSG_SYN_QUOTE_MOVED, n->segs[i].first_line);
			break;
		}
cleanup:
	px_synth_quote_free(&q);
	px_note_free(n);
	px_diag_free(&quiet);
	px_buf_free(&full);
	px_buf_free(&src);
}

/* What the report needs of a synthesis text: every heading names a
 * section, every quote cites a segment, and each section has text in
 * both languages (a warning). */
static void check_synthesis(const px_kb *kb, const char *display, const char *rel,
			    const px_note *n, px_diag *d)
{
	const char *name = rel ? rel : display, *dot = strstr(name, "synthesis.");
	int lang = dot && !strncmp(dot, "synthesis.fr.", 13) ? PX_LANG_FR :
		   dot && !strncmp(dot, "synthesis.nl.", 13) ? PX_LANG_NL : -1;
	size_t i;

	for (i = 0; i < n->nheadings; i++) {
		px_section s;
		const char *hint;
		if (px_synthesis_resolve(&s, kb->cb, n->headings[i].text, n->headings[i].level) == 0)
			continue;
		hint = px_synthesis_suggest(kb->cb, n->headings[i].text, lang);
		if (hint)
			px_diag_add(d, display, n->headings[i].line, 1, PX_SEV_ERROR, "unknown-section",
				    MSG_SYN_UNKNOWN_HEADING_HINT, n->headings[i].text, hint);
		else
			px_diag_add(d, display, n->headings[i].line, 1, PX_SEV_ERROR, "unknown-section",
				    MSG_SYN_UNKNOWN_HEADING, n->headings[i].text);
	}
	for (i = 0; i < n->nsegs; i++)
		if (n->segs[i].kind == PX_SEG_QUOTE)
			check_quote(kb, display, &n->segs[i], d);
	if (rel)
		check_synthesis_pair(kb, display, rel, n, d);
}

/* A YAML file of the knowledge base through the privacy guard, letting
 * `allow` through. */
static void check_yaml_text(const px_kb *kb, const char *display, const char *src, size_t len,
			    const char *const *allow, size_t nallow, px_msgid hint, px_diag *d)
{
	px_diag quiet = PX_DIAG_INIT; /* its YAML errors are the loader's to tell */
	px_guard *g = px_guard_new(kb->deny, allow, nallow);
	yaml_document_t doc;
	px_lines lines;
	px_shown *shown = NULL;
	size_t nshown = 0, cap = 0, i;

	px_guard_source(g, src, len);
	if (px_lines_build(&lines, src, len) < 0) {
		px_guard_incomplete(g);
	} else {
		if (px_yaml_load(&doc, src, len, display, 1, &quiet) == 0) {
			if (px_yaml_shown(&shown, &nshown, &cap, &doc, src, len, &lines, 1) < 0)
				px_guard_incomplete(g);
			yaml_document_delete(&doc);
		}
		px_lines_free(&lines);
	}
	for (i = 0; i < nshown; i++)
		px_guard_shown(g, &shown[i]);
	px_guard_report(g, d, display, src, len, hint);
	px_guard_free(g);
	px_shown_free(shown, nshown);
	px_diag_free(&quiet);
}

void px_check_communities_text(const px_kb *kb, const char *display, const char *src,
			       size_t len, px_diag *d)
{
	check_yaml_text(kb, display, src, len, NULL, 0, MSG_PRIV_HINT_TEXT, d);
}

/* Every text and attribute value of an XML element tree, as libxml2
 * decodes it, mapped to the source from the line its element starts. */
static void xml_shown(px_guard *g, xmlNodePtr node, const char *src, size_t len,
		      const px_lines *lines)
{
	for (; node; node = node->next) {
		xmlNodePtr el = node->type == XML_ELEMENT_NODE ? node : node->parent;
		long line = el ? xmlGetLineNo(el) : 0;
		size_t from = line > 0 ? px_lines_offset(lines, (int)line) : 0;

		if (node->type == XML_TEXT_NODE && node->content) {
			const char *t = (const char *)node->content;
			px_srcmap map = PX_SRCMAP_INIT;
			px_shown sh;
			size_t at = from;
			/* the text follows its element's start tag */
			while (at < len && src[at] != '>')
				at++;
			if (at < len)
				at++;
			px_srcmap_align(&map, 0, t, strlen(t), src, &at, len);
			sh.text = (char *)t;
			sh.len = strlen(t);
			sh.map = map;
			px_guard_shown(g, &sh);
			px_srcmap_free(&map);
		} else if (node->type == XML_ELEMENT_NODE) {
			xmlAttrPtr a;
			for (a = node->properties; a; a = a->next) {
				xmlChar *v = xmlNodeListGetString(node->doc, a->children, 1);
				px_srcmap map = PX_SRCMAP_INIT;
				px_shown sh;
				size_t at = from;
				if (!v) {
					px_guard_incomplete(g);
					continue;
				}
				px_srcmap_align(&map, 0, (const char *)v, strlen((const char *)v), src,
						&at, len);
				sh.text = (char *)v;
				sh.len = strlen((const char *)v);
				sh.map = map;
				px_guard_shown(g, &sh);
				px_srcmap_free(&map);
				xmlFree(v);
			}
			xml_shown(g, node->children, src, len, lines);
		}
	}
}

void px_check_codebook_text(const px_kb *kb, const char *display, const char *src, size_t len,
			    px_diag *d)
{
	px_guard *g = px_guard_new(kb->deny, NULL, 0);
	px_buf err = PX_BUF_INIT;
	xmlDocPtr doc;
	px_lines lines;
	int line = 0;

	px_guard_source(g, src, len);
	doc = px_xml_read_mem(src, len, display, &err, &line);
	if (doc && px_lines_build(&lines, src, len) == 0) {
		xml_shown(g, xmlDocGetRootElement(doc), src, len, &lines);
		px_lines_free(&lines);
	}
	/* XML that cannot be read is the codebook loader's error to tell */
	if (doc)
		xmlFreeDoc(doc);
	px_guard_report(g, d, display, src, len, MSG_PRIV_HINT_TEXT);
	px_guard_free(g);
	px_buf_free(&err);
}

static int is_synthesis_name(const char *path)
{
	const char *base = strrchr(path, '/');

	base = base ? base + 1 : path;
	return !strcmp(base, "synthesis.nl.md") || !strcmp(base, "synthesis.fr.md");
}

/* Whether the line at `p` (`n` bytes, no newline) is git's conflict
 * marker `c` x 7, alone or followed by a space and a label. */
static int marker_line(const char *p, size_t n, char c)
{
	size_t i;

	if (n && p[n - 1] == '\r')
		n--;
	for (i = 0; i < 7; i++)
		if (i >= n || p[i] != c)
			return 0;
	return n == 7 || p[7] == ' ';
}

/* The lines `praxis sync --edit` (or git) marks a conflict with: a note
 * holding them is never committed. '=======' alone is also Markdown's
 * heading underline, so it counts only between the other two. */
static void check_markers(const char *display, const char *src, size_t len, px_diag *d)
{
	const char *p = src, *end = src + len;
	int line = 1, open = 0;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		int hit = 0;
		if (marker_line(p, n, '<'))
			hit = open = 1;
		else if (marker_line(p, n, '>'))
			hit = 1, open = 0;
		else if (open && (marker_line(p, n, '=') || marker_line(p, n, '|')))
			hit = 1;
		if (hit)
			px_diag_add(d, display, line, 1, PX_SEV_ERROR, "conflict-marker",
				    MSG_CONFLICT_MARKER);
		if (!nl)
			break;
		p = nl + 1;
		line++;
	}
}

px_note *px_check_kb_file(const px_kb *kb, const char *display, const char *rel,
			  const char *src, size_t len, px_diag *d)
{
	const char *path = rel ? rel : display;

	px_check_name(kb, display, rel, d);
	check_markers(display, src, len, d);
	if (rel && !strcmp(rel, "communities.yaml")) {
		px_check_communities_text(kb, display, src, len, d);
		return NULL;
	}
	if (rel && !strcmp(rel, "codebook.xml")) {
		px_check_codebook_text(kb, display, src, len, d);
		return NULL;
	}
	if (rel && !strcmp(rel, "publication.yaml")) {
		/* it is published: what it lets through is the publisher's
		 * own public contact, listed under allow: */
		check_yaml_text(kb, display, src, len, (const char *const *)kb->pub.allow,
				kb->pub.nallow, MSG_PRIV_HINT_PUB, d);
		return NULL;
	}
	if (rel ? px_kb_is_synthesis_path(rel) : is_synthesis_name(path)) {
		px_note *n = px_check_synthesis_text(kb, display, src, len, d);
		if (n)
			check_synthesis(kb, display, rel, n, d);
		return n;
	}
	if (strlen(path) > 3 && !strcmp(path + strlen(path) - 3, ".md"))
		return px_check_text(kb, display, rel, src, len, d);
	{
		/* any other file praxis commits (.gitignore): as written */
		px_guard *g = px_guard_new(kb->deny, NULL, 0);
		px_guard_source(g, src, len);
		px_guard_report(g, d, display, src, len, MSG_PRIV_HINT_TEXT);
		px_guard_free(g);
	}
	return NULL;
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
	n = px_check_kb_file(kb, display, rel, src.ptr, src.len, d);
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
	static const px_note_opts front = { 0, 0 };
	char **notes = NULL;
	long nn;
	size_t i, k, nchecked = c->n;

	if (!c->n)
		return;
	/* the knowledge base's other notes, read as check reads them: their
	 * front matter, which holds the claim */
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
		    px_note_parse_opts(&n, notes[i], src.ptr, src.len, kb->cb, &front, &quiet) == 0)
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
