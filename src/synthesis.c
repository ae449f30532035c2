#include "synthesis.h"

#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "fold.h"
#include "kb.h"
#include "note.h"

#define STRONGEST 3     /* segments listed per code */
#define EXCERPT 220     /* bytes of a segment's text in the evidence, about */

/* The heading's words: no '#' or spaces around them. */
static void bounds(const char *text, const char **start, size_t *len)
{
	const char *s = text, *e;

	while (*s == ' ' || *s == '\t' || *s == '#')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t'))
		e--;
	*start = s;
	*len = (size_t)(e - s);
}

static int same(const char *folded, const char *name)
{
	char *f;
	int r;

	if (!name)
		return 0;
	f = px_fold(name, strlen(name));
	r = f && !strcmp(f, folded);
	free(f);
	return r;
}

static int find(px_section *out, const px_codebook *cb, const char *folded, const char *raw,
		size_t rawlen, px_section_kind kind)
{
	size_t i;
	int l;

	switch (kind) {
	case PX_SECTION_CHAPTER:
		for (i = 0; i < cb->nchapters; i++) {
			int hit = same(folded, cb->chapters[i].id);
			for (l = 0; !hit && l < PX_CONTENT_LANGS; l++)
				hit = same(folded, cb->chapters[i].label[l]);
			if (hit) {
				out->kind = kind;
				out->index = i;
				return 0;
			}
		}
		return -1;
	case PX_SECTION_CATEGORY:
		for (i = 0; i < cb->ncats; i++) {
			int hit = same(folded, cb->cats[i].id);
			for (l = 0; !hit && l < PX_CONTENT_LANGS; l++)
				hit = same(folded, cb->cats[i].label[l]);
			if (hit) {
				out->kind = kind;
				out->index = i;
				return 0;
			}
		}
		return -1;
	case PX_SECTION_CODE: {
		const px_code *c = px_codebook_resolve(cb, raw, rawlen);
		for (i = 0; !c && i < cb->ncodes; i++)
			for (l = 0; !c && l < PX_CONTENT_LANGS; l++)
				if (same(folded, cb->codes[i].label[l]))
					c = &cb->codes[i];
		if (!c)
			return -1;
		out->kind = kind;
		out->index = c->index;
		return 0;
	}
	}
	return -1;
}

int px_synthesis_resolve(px_section *out, const px_codebook *cb, const char *text, int level)
{
	static const px_section_kind order[3][3] = {
		{ PX_SECTION_CHAPTER, PX_SECTION_CATEGORY, PX_SECTION_CODE },
		{ PX_SECTION_CATEGORY, PX_SECTION_CHAPTER, PX_SECTION_CODE },
		{ PX_SECTION_CODE, PX_SECTION_CATEGORY, PX_SECTION_CHAPTER },
	};
	const char *s;
	size_t len;
	char *folded;
	int k, rc = -1, row = level <= 1 ? 0 : level == 2 ? 1 : 2;

	bounds(text, &s, &len);
	if (!len)
		return -1;
	folded = px_fold(s, len);
	if (!folded)
		return -1;
	for (k = 0; k < 3 && rc < 0; k++)
		rc = find(out, cb, folded, s, len, order[row][k]);
	free(folded);
	return rc;
}

const char *px_synthesis_suggest(const px_codebook *cb, const char *text, int lang)
{
	const char **cands;
	const char *s, *hint = NULL;
	size_t n = 0, i, k, len;
	int l;
	char *word;

	bounds(text, &s, &len);
	word = strndup(s, len);
	for (i = 0; i < cb->ncodes; i++)
		n += cb->codes[i].naliases;
	cands = malloc(((cb->nchapters + cb->ncats + cb->ncodes) * 3 + n + 1) * sizeof *cands);
	if (!cands || !word)
		goto done;
	n = 0;
	for (i = 0; i < cb->nchapters; i++) {
		cands[n++] = cb->chapters[i].id;
		for (l = 0; l < PX_CONTENT_LANGS; l++)
			cands[n++] = cb->chapters[i].label[l];
	}
	for (i = 0; i < cb->ncats; i++) {
		cands[n++] = cb->cats[i].id;
		for (l = 0; l < PX_CONTENT_LANGS; l++)
			cands[n++] = cb->cats[i].label[l];
	}
	for (i = 0; i < cb->ncodes; i++) {
		cands[n++] = cb->codes[i].id;
		for (l = 0; l < PX_CONTENT_LANGS; l++)
			cands[n++] = cb->codes[i].label[l];
		for (k = 0; k < cb->codes[i].naliases; k++)
			cands[n++] = cb->codes[i].aliases[k];
	}
	hint = px_suggest(word, cands, n);
	if (hint && lang >= 0 && lang < PX_CONTENT_LANGS) {
		px_section sec;
		int is_id = 0;
		for (i = 0; i < cb->nchapters && !is_id; i++)
			is_id = !strcmp(hint, cb->chapters[i].id);
		for (i = 0; i < cb->ncats && !is_id; i++)
			is_id = !strcmp(hint, cb->cats[i].id);
		for (i = 0; i < cb->ncodes && !is_id; i++)
			is_id = !strcmp(hint, cb->codes[i].id);
		if (!is_id && px_synthesis_resolve(&sec, cb, hint, 0) == 0)
			hint = px_section_label(cb, &sec, (px_lang)lang);
	}
done:
	free(cands);
	free(word);
	return hint;
}

const char *px_section_label(const px_codebook *cb, const px_section *s, px_lang lang)
{
	switch (s->kind) {
	case PX_SECTION_CHAPTER: return cb->chapters[s->index].label[lang];
	case PX_SECTION_CATEGORY: return cb->cats[s->index].label[lang];
	case PX_SECTION_CODE: return cb->codes[s->index].label[lang];
	}
	return "";
}

const char *px_section_id(const px_codebook *cb, const px_section *s)
{
	switch (s->kind) {
	case PX_SECTION_CHAPTER: return cb->chapters[s->index].id;
	case PX_SECTION_CATEGORY: return cb->cats[s->index].id;
	case PX_SECTION_CODE: return cb->codes[s->index].id;
	}
	return "";
}

int px_synthesis_sections(px_section **out, int **levels, size_t *n, const px_codebook *cb)
{
	size_t cap = cb->nchapters + cb->ncats + cb->ncodes + 1, ch, k, i, m = 0;
	int base = cb->nchapters ? 1 : 0;
	px_section *v = malloc(cap * sizeof *v);
	int *lv = malloc(cap * sizeof *lv);

	*out = NULL;
	*levels = NULL;
	*n = 0;
	if (!v || !lv) {
		free(v);
		free(lv);
		return -1;
	}
	for (ch = 0; ch < (cb->nchapters ? cb->nchapters : 1); ch++) {
		if (cb->nchapters) {
			v[m] = (px_section){ PX_SECTION_CHAPTER, ch };
			lv[m++] = 1;
		}
		for (k = 0; k < cb->ncats; k++) {
			if (cb->nchapters && cb->cats[k].chapter != ch)
				continue;
			v[m] = (px_section){ PX_SECTION_CATEGORY, k };
			lv[m++] = base + 1;
			for (i = 0; i < cb->ncodes; i++)
				if (cb->codes[i].category == k) {
					v[m] = (px_section){ PX_SECTION_CODE, i };
					lv[m++] = base + 2;
				}
		}
	}
	*out = v;
	*levels = lv;
	*n = m;
	return 0;
}

typedef struct {
	px_index *ix;
	const px_codebook *cb;
	px_db_scope scope;
	px_lang lang;
	px_db_code_count *cnt;
	size_t ncnt;
	px_db_code_session *ses;
	size_t nses;
	px_diag *d;
} evidence;

/* Text for inside an HTML comment, on one line: no "--" (which could
 * end it), whitespace as single spaces, cut at about EXCERPT bytes on a
 * character boundary. */
static void put_comment_text(px_buf *b, const char *t)
{
	size_t n = 0;
	int space = 0;

	for (; *t && n < EXCERPT; t++) {
		unsigned char c = (unsigned char)*t;
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
			space = 1;
			continue;
		}
		if (space && n)
			px_buf_putc(b, ' ');
		space = 0;
		if (c == '-' && t[1] == '-') {
			px_buf_puts(b, "- ");
			n += 2;
			continue;
		}
		if (c == '>' && n && b->len && b->ptr[b->len - 1] == '-')
			px_buf_putc(b, ' ');
		px_buf_putc(b, (char)c);
		n++;
	}
	/* finish the character */
	for (; *t && ((unsigned char)*t & 0xC0) == 0x80; t++)
		px_buf_putc(b, *t);
	if (*t)
		px_buf_puts(b, " …");
}

static const char *community_name(const evidence *e, const char *id)
{
	const px_community *c = px_kb_community(e->ix->kb, id);
	return c && c->name[e->lang] ? c->name[e->lang] : id;
}

/* Whether code `c` belongs to section `s` (is it, or is in it). */
static int in_section(const px_codebook *cb, const px_code *c, const px_section *s)
{
	switch (s->kind) {
	case PX_SECTION_CODE: return c->index == s->index;
	case PX_SECTION_CATEGORY: return c->category == s->index;
	case PX_SECTION_CHAPTER: return cb->cats[c->category].chapter == s->index;
	}
	return 0;
}

/* The segments by community over the codes of `s` (one code, or every
 * code of a category or chapter), communities in the index's order. */
static void put_counts(px_buf *b, const evidence *e, const px_section *s)
{
	const px_codebook *cb = e->cb;
	px_buf by = PX_BUF_INIT;
	long long segs = 0, notes = 0;
	size_t i, k;

	for (i = 0; i < e->ncnt; i++) {
		const px_code *c = px_codebook_code(cb, e->cnt[i].code);
		long long sum = 0;
		if (!c || !in_section(cb, c, s))
			continue;
		notes += e->cnt[i].notes;
		/* a community once, at its first row in the section */
		for (k = 0; k < i; k++) {
			const px_code *o = px_codebook_code(cb, e->cnt[k].code);
			if (o && in_section(cb, o, s) && !strcmp(e->cnt[k].community, e->cnt[i].community))
				break;
		}
		if (k < i)
			continue;
		for (k = i; k < e->ncnt; k++) {
			const px_code *o = px_codebook_code(cb, e->cnt[k].code);
			if (o && in_section(cb, o, s) && !strcmp(e->cnt[k].community, e->cnt[i].community))
				sum += e->cnt[k].segments;
		}
		px_buf_printf(&by, "%s%s %lld", by.len ? ", " : "", community_name(e, e->cnt[i].community),
			      sum);
		segs += sum;
	}
	if (!segs)
		px_buf_puts(b, px_msg_in(MSG_SYN_NOT_RAISED, e->lang));
	else if (s->kind == PX_SECTION_CODE)
		px_buf_printf(b, px_msg_in(MSG_SYN_RAISED, e->lang), segs, notes, by.ptr);
	else
		px_buf_printf(b, px_msg_in(MSG_SYN_SEGMENTS, e->lang), segs, by.ptr);
	px_buf_putc(b, '\n');
	px_buf_free(&by);
}

static int put_evidence(px_buf *b, const evidence *e, const px_section *s)
{
	const px_code *c = s->kind == PX_SECTION_CODE ? &e->cb->codes[s->index] : NULL;
	px_db_segment *seg = NULL;
	size_t nseg = 0, i;
	px_buf list = PX_BUF_INIT;

	px_buf_puts(b, "<!--\n");
	put_counts(b, e, s);
	for (i = 0; c && i < e->nses; i++)
		if (!strcmp(e->ses[i].code, c->id))
			px_buf_printf(&list, "%s%lld", list.len ? ", " : "", e->ses[i].session);
	if (list.len) {
		px_buf_printf(b, px_msg_in(MSG_SYN_SESSIONS, e->lang), list.ptr);
		px_buf_putc(b, '\n');
	}
	px_buf_free(&list);
	if (c && px_db_strongest(&seg, &nseg, e->ix, &e->scope, c->id, STRONGEST, e->d) < 0)
		return -1;
	if (nseg) {
		px_buf_puts(b, px_msg_in(MSG_SYN_STRONGEST, e->lang));
		px_buf_putc(b, '\n');
	}
	for (i = 0; i < nseg; i++) {
		char *clean = px_text_without_tags(seg[i].text);
		px_buf_printf(b, "- [quote: %s:%ld] (", seg[i].path, seg[i].line);
		px_buf_printf(b, px_msg_in(MSG_SYN_SOURCE, e->lang), community_name(e, seg[i].community),
			      seg[i].session, seg[i].lang);
		px_buf_puts(b, ") ");
		put_comment_text(b, clean ? clean : seg[i].text);
		px_buf_putc(b, '\n');
		free(clean);
	}
	px_db_segments_free(seg, nseg);
	px_buf_puts(b, "-->\n");
	return 0;
}

/* `t` with its first letter in upper case (ASCII and Latin-1 letters). */
static void put_ucfirst(px_buf *b, const char *t)
{
	unsigned char c0 = (unsigned char)t[0], c1 = c0 ? (unsigned char)t[1] : 0;

	if (c0 >= 'a' && c0 <= 'z') {
		px_buf_putc(b, (char)(c0 - 32));
		t++;
	} else if (c0 == 0xC3 && c1 >= 0xA0 && c1 <= 0xBE && c1 != 0xB7) {
		px_buf_putc(b, (char)c0);
		px_buf_putc(b, (char)(c1 - 0x20));
		t += 2;
	}
	px_buf_puts(b, t);
}

static int put_section(px_buf *b, const evidence *e, const px_section *s, int level)
{
	int i;

	for (i = 0; i < level; i++)
		px_buf_putc(b, '#');
	px_buf_putc(b, ' ');
	put_ucfirst(b, px_section_label(e->cb, s, e->lang));
	px_buf_puts(b, "\n\n");
	if (put_evidence(b, e, s) < 0)
		return -1;
	px_buf_putc(b, '\n');
	return 0;
}

int px_synthesis_skeleton(px_buf *out, size_t *added, px_index *ix, const char *cycle,
			  px_lang lang, const char *existing, size_t elen, px_diag *d)
{
	evidence e;
	px_section *secs = NULL;
	int *levels = NULL;
	size_t nsecs = 0, i, k;
	long *have = NULL; /* per section: the index of the heading naming it, -1 */
	px_note *n = NULL;
	px_diag quiet = PX_DIAG_INIT;
	int rc = -1;

	*added = 0;
	memset(&e, 0, sizeof e);
	e.ix = ix;
	e.cb = ix->kb->cb;
	e.scope.cycle = cycle;
	e.lang = lang;
	e.d = d;
	if (px_db_code_counts(&e.cnt, &e.ncnt, ix, &e.scope, d) < 0 ||
	    px_db_code_sessions(&e.ses, &e.nses, ix, &e.scope, d) < 0)
		goto cleanup;
	if (px_synthesis_sections(&secs, &levels, &nsecs, e.cb) < 0 ||
	    !(have = malloc((nsecs + 1) * sizeof *have))) {
		px_diag_add(d, cycle, 0, 0, PX_SEV_ERROR, "out-of-memory", MSG_OOM);
		goto cleanup;
	}
	for (i = 0; i < nsecs; i++)
		have[i] = -1;
	if (!existing) {
		px_buf_puts(out, "<!--\n");
		px_buf_printf(out, px_msg_in(MSG_SYN_GUIDE, lang), cycle);
		px_buf_puts(out, "\n-->\n\n<!-- ");
		px_buf_puts(out, px_msg_in(MSG_SYN_INTRO_HINT, lang));
		px_buf_puts(out, " -->\n\n");
		for (i = 0; i < nsecs; i++) {
			if (put_section(out, &e, &secs[i], levels[i]) < 0)
				goto cleanup;
			(*added)++;
		}
		rc = 0;
		goto cleanup;
	}
	/* which sections the file has: its headings, resolved */
	if (px_note_parse_body(&n, cycle, existing, elen, e.cb, &quiet) < 0) {
		px_diag_take(d, &quiet);
		goto cleanup;
	}
	for (k = 0; k < n->nheadings; k++) {
		px_section s;
		if (px_synthesis_resolve(&s, e.cb, n->headings[k].text, n->headings[k].level) < 0)
			continue;
		for (i = 0; i < nsecs; i++)
			if (secs[i].kind == s.kind && secs[i].index == s.index && have[i] < 0)
				have[i] = (long)k;
	}
	{
		/* walk the file's lines; before the heading of a section the
		 * file has, put the missing sections that come before it */
		size_t next = 0; /* the next section to place */
		const char *p = existing, *end = existing + elen;
		int line = 1;
		while (p < end) {
			const char *nl = memchr(p, '\n', (size_t)(end - p));
			const char *eol = nl ? nl + 1 : end;
			for (i = next; i < nsecs; i++) {
				if (have[i] < 0 || n->headings[have[i]].line != line)
					continue;
				/* missing sections before section i go here */
				for (k = next; k < i; k++) {
					if (have[k] >= 0)
						continue;
					if (put_section(out, &e, &secs[k], levels[k]) < 0)
						goto cleanup;
					(*added)++;
				}
				next = i + 1;
				break;
			}
			px_buf_put(out, p, (size_t)(eol - p));
			p = eol;
			line++;
		}
		if (elen && existing[elen - 1] != '\n')
			px_buf_putc(out, '\n');
		for (k = next; k < nsecs; k++) {
			if (have[k] >= 0)
				continue;
			/* a blank line between the file's end and what is added */
			if (out->len && !(out->len > 1 && out->ptr[out->len - 2] == '\n'))
				px_buf_putc(out, '\n');
			if (put_section(out, &e, &secs[k], levels[k]) < 0)
				goto cleanup;
			(*added)++;
		}
	}
	rc = 0;
cleanup:
	if (rc == 0 && px_buf_failed(out)) {
		px_diag_add(d, cycle, 0, 0, PX_SEV_ERROR, "out-of-memory", MSG_OOM);
		rc = -1;
	}
	px_note_free(n);
	px_diag_free(&quiet);
	free(have);
	free(secs);
	free(levels);
	px_db_code_counts_free(e.cnt, e.ncnt);
	px_db_code_sessions_free(e.ses, e.nses);
	return rc;
}

int px_synthesis_heads(px_section **out, int **named, const px_codebook *cb, const px_note *n)
{
	px_section *v = malloc((n->nheadings + 1) * sizeof *v), cur = { PX_SECTION_CHAPTER, 0 };
	int *f = malloc((n->nheadings + 1) * sizeof *f), have = 0;
	size_t h;

	*out = NULL;
	*named = NULL;
	if (!v || !f) {
		free(v);
		free(f);
		return -1;
	}
	for (h = 0; h < n->nheadings; h++) {
		px_section s;
		if (px_synthesis_resolve(&s, cb, n->headings[h].text, n->headings[h].level) == 0) {
			cur = s;
			have = 1;
			f[h] = 1;
		} else {
			f[h] = have ? 0 : -1;
		}
		v[h] = cur;
	}
	*out = v;
	*named = f;
	return 0;
}

int px_synthesis_quote(px_synth_quote *out, const char *t)
{
	const char *m = NULL, *p, *ref, *end;
	size_t len = strlen(t);
	char *colon, *comma;
	long line;

	memset(out, 0, sizeof *out);
	for (p = strstr(t, "[quote:"); p; p = strstr(p + 1, "[quote:"))
		m = p;
	if (!m)
		return -1;
	end = t + len;
	while (end > m && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\n'))
		end--;
	if (end == m || end[-1] != ']')
		return -1;
	ref = m + 7;
	while (*ref == ' ')
		ref++;
	out->path = strndup(ref, (size_t)(end - 1 - ref));
	if (!out->path)
		return -1;
	comma = strchr(out->path, ',');
	if (comma) {
		char *w = comma + 1;
		while (*w == ' ')
			w++;
		if (strncmp(w, "translated", 10) || strspn(w + 10, " ") != strlen(w + 10))
			goto bad;
		out->translated = 1;
		*comma = '\0';
	}
	len = strlen(out->path);
	while (len && out->path[len - 1] == ' ')
		out->path[--len] = '\0';
	colon = strrchr(out->path, ':');
	if (!colon || !colon[1] || strspn(colon + 1, "0123456789") != strlen(colon + 1))
		goto bad;
	line = strtol(colon + 1, NULL, 10);
	if (line < 1 || line > 10000000)
		goto bad;
	out->line = (int)line;
	*colon = '\0';
	if (!*out->path)
		goto bad;
	/* the words: before the reference, trimmed */
	p = m;
	while (p > t && (p[-1] == ' ' || p[-1] == '\t' || p[-1] == '\n'))
		p--;
	out->text = strndup(t, (size_t)(p - t));
	if (!out->text || !*out->text)
		goto bad;
	return 0;
bad:
	px_synth_quote_free(out);
	return -1;
}

void px_synth_quote_free(px_synth_quote *q)
{
	free(q->text);
	free(q->path);
	memset(q, 0, sizeof *q);
}

const px_segment *px_synthesis_segment_at(const px_note *n, int line)
{
	size_t i;

	for (i = 0; n && i < n->nsegs; i++)
		if (n->segs[i].first_line <= line && line <= n->segs[i].last_line)
			return &n->segs[i];
	return NULL;
}

/* `t` (len bytes) folded to ASCII, letters and digits only, hashtags left out;
 * malloc'd. */
static char *words(const char *t, size_t len)
{
	char *f = px_fold(t, len), *r, *w;
	const char *p;

	if (!f)
		return NULL;
	r = w = f;
	for (p = f; *p; p++) {
		unsigned char c = (unsigned char)*p;
		if (c == '#') { /* a hashtag codes, it is not said */
			while (p[1] && p[1] != ' ' && p[1] != '\n' && p[1] != '\t')
				p++;
			continue;
		}
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
			*w++ = (char)c;
	}
	*w = '\0';
	return r;
}

int px_synthesis_quote_matches(const char *quote, const char *segtext)
{
	char *hay = words(segtext, strlen(segtext));
	const char *p = quote, *at;
	int ok = hay != NULL, pieces = 0;

	at = hay;
	while (ok && *p) {
		/* the next piece ends at an elision */
		const char *e1 = strstr(p, "…"), *e2 = strstr(p, "..."), *e = NULL;
		size_t skip = 0;
		char *piece;
		if (e1 && (!e2 || e1 < e2)) {
			e = e1;
			skip = strlen("…");
		} else if (e2) {
			e = e2;
			skip = 3;
		}
		piece = words(p, e ? (size_t)(e - p) : strlen(p));
		if (!piece) {
			ok = 0;
			break;
		}
		if (*piece) {
			const char *hit = strstr(at, piece);
			pieces++;
			if (!hit)
				ok = 0;
			else
				at = hit + strlen(piece);
		}
		free(piece);
		if (!e)
			break;
		p = e + skip;
	}
	free(hay);
	return ok && pieces > 0;
}
