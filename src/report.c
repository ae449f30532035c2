#include "report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cycle.h"
#include "db.h"
#include "note.h"
#include "synthesis.h"
#include "xmlout.h"

#define QUOTES_PER_LANG 4 /* the renderer shows up to three, preferring the report's language */

typedef struct {
	px_index *ix;
	const char *cycle;
	px_db_scope scope; /* the cycle */
	px_buf *out;
	px_diag *d;
	int internal; /* the audience is the team: paths, names, follow-ups, every quote */
	/* narratives: per code, category and chapter, and the introduction; [lang] */
	px_buf *code_text[2], *cat_text[2], *chap_text[2], intro[2];
} gather;

static int totals(gather *g)
{
	px_db_totals t;
	px_buf *b = g->out;
	char today[PX_DATE_SIZE], from[PX_DATE_SIZE], to[PX_DATE_SIZE];
	int y;

	if (px_db_totals_get(&t, g->ix, &g->scope, g->d) < 0)
		return -1;
	if (t.notes == 0)
		return 1;
	if (px_cycle_parse(g->cycle, &y) < 0 || px_today(today, g->d) < 0)
		return -1;
	px_buf_puts(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<report xmlns=\"urn:praxis:report:1\"");
	px_xml_attr(b, "cycle", g->cycle);
	/* the cycle's period (cycle.h) */
	px_cycle_period(from, to, y);
	px_xml_attr(b, "from", from);
	px_xml_attr(b, "to", to);
	px_xml_attr(b, "generated", today);
	px_xml_attr(b, "audience", px_audience_names[g->internal ? PX_AUDIENCE_INTERNAL : PX_AUDIENCE_PUBLIC]);
	px_buf_puts(b, ">\n<totals");
	px_xml_attr_int(b, "communities", t.communities);
	px_xml_attr_int(b, "sessions", t.sessions);
	px_xml_attr_int(b, "notes", t.notes);
	px_xml_attr_int(b, "attendance", t.attendance);
	px_xml_attr_int(b, "attended-notes", t.attended_notes);
	px_xml_attr_int(b, "segments", t.segments);
	px_xml_attr_int(b, "quotes", t.quotes);
	px_xml_attr_int(b, "codes-raised", t.codes_raised);
	px_xml_attr_int(b, "codes", (long long)g->ix->kb->cb->ncodes);
	px_xml_attr_int(b, "max-session", t.max_session);
	px_buf_puts(b, "/>\n");
	return 0;
}

/* The sessions of the cycle, by community, and their notes' methods by
 * note: read once for the whole report (db.h). */
typedef struct {
	px_db_session *ses;
	size_t nses, next; /* next: the first not yet written */
	px_db_note_method *meth;
	size_t nmeth;
} cycle_sessions;

/* The methods of `note` (the run of m that names it), as <method>s. */
static void methods_of(px_buf *b, const cycle_sessions *cs, long long note)
{
	size_t lo = 0, hi = cs->nmeth;

	while (lo < hi) { /* the first row of the note */
		size_t mid = lo + (hi - lo) / 2;
		if (cs->meth[mid].note < note)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < cs->nmeth && cs->meth[lo].note == note; lo++) {
		px_buf_puts(b, "<method");
		px_xml_attr(b, "ref", cs->meth[lo].method);
		px_buf_puts(b, "/>");
	}
}

/* The sessions of one community, each with its methods; communities
 * come in the order of the sessions (by id), so each call takes the run
 * that follows the last. */
static void sessions(gather *g, cycle_sessions *cs, const char *community)
{
	px_buf *b = g->out;
	size_t i;

	/* a note without a community is in no community's list */
	while (cs->next < cs->nses && (!cs->ses[cs->next].has_community ||
				       strcmp(cs->ses[cs->next].community, community) < 0))
		cs->next++;
	for (i = cs->next; i < cs->nses && cs->ses[i].has_community &&
			   !strcmp(cs->ses[i].community, community); i++) {
		const px_db_session *ses = &cs->ses[i];
		px_buf_puts(b, "\n <session");
		px_xml_attr_int(b, "n", ses->session);
		px_xml_attr(b, "date", ses->date);
		if (g->internal)
			px_xml_attr(b, "path", ses->path);
		px_xml_attr(b, "lang", strcmp(ses->lang, "fr") ? "nl" : "fr");
		if (ses->has_attendance)
			px_xml_attr_int(b, "attendance", ses->attendance);
		px_buf_puts(b, ">");
		if (g->internal && *ses->title) /* a lead's words, may name someone */
			px_xml_element(b, "title", NULL, ses->title);
		methods_of(b, cs, ses->note);
		px_buf_puts(b, "</session>");
	}
	cs->next = i;
}

static int communities(gather *g)
{
	const px_kb *kb = g->ix->kb;
	px_db_community_count *cc = NULL;
	cycle_sessions cs;
	size_t ncc = 0, k, i;
	px_buf *b = g->out;
	int rc = -1;

	memset(&cs, 0, sizeof cs);
	if (px_db_community_counts(&cc, &ncc, g->ix, &g->scope, g->d) < 0 ||
	    px_db_sessions(&cs.ses, &cs.nses, g->ix, &g->scope, g->d) < 0 ||
	    px_db_scope_methods(&cs.meth, &cs.nmeth, g->ix, &g->scope, g->d) < 0)
		goto cleanup;
	px_buf_puts(b, "<communities>\n");
	for (k = 0; k < ncc; k++) {
		const char *id = cc[k].id;
		const px_community *c = px_kb_community(kb, id);
		px_buf_puts(b, "<community");
		px_xml_attr(b, "id", id);
		px_xml_attr(b, "lang", c ? c->lang : "nl");
		px_xml_attr_int(b, "notes", cc[k].notes);
		px_xml_attr_int(b, "sessions", cc[k].sessions);
		px_xml_attr_int(b, "attendance", cc[k].attendance);
		px_buf_puts(b, ">");
		px_xml_community_names(b, c, id);
		for (i = 0; g->internal && c && i < c->nmoderators; i++)
			px_xml_element(b, "moderator", NULL, c->moderators[i]);
		sessions(g, &cs, id);
		px_buf_puts(b, "\n</community>\n");
	}
	px_buf_puts(b, "</communities>\n");
	rc = 0;
cleanup:
	px_db_community_counts_free(cc, ncc);
	px_db_sessions_free(cs.ses, cs.nses);
	px_db_note_methods_free(cs.meth, cs.nmeth);
	return rc;
}

/* What the knowledge base's publication.yaml says of the publication. */
static void publication(gather *g)
{
	const px_publication *pub = &g->ix->kb->pub;
	int f, l;

	px_buf_puts(g->out, "<publication>");
	for (f = 0; f < PX_PUB_FIELDS; f++)
		for (l = 0; l < PX_CONTENT_LANGS; l++)
			if (pub->text[f][l])
				px_xml_element(g->out, px_pub_keys[f], px_lang_code((px_lang)l),
					       pub->text[f][l]);
	px_buf_puts(g->out, "</publication>\n");
}

static int methods(gather *g)
{
	const px_codebook *cb = g->ix->kb->cb;
	px_db_method_count *mc = NULL;
	size_t nmc = 0, i, k;
	px_buf *b = g->out;

	if (px_db_method_counts(&mc, &nmc, g->ix, &g->scope, g->d) < 0)
		return -1;
	px_buf_puts(b, "<methods>\n");
	for (i = 0; i < cb->nmethods; i++) {
		long long notes = 0;
		for (k = 0; k < nmc; k++)
			if (!strcmp(mc[k].method, cb->methods[i].id))
				notes = mc[k].notes;
		px_buf_puts(b, "<method");
		px_xml_attr(b, "id", cb->methods[i].id);
		px_xml_attr_int(b, "notes", notes);
		px_buf_puts(b, ">");
		px_xml_labels(b, cb->methods[i].label, cb->methods[i].desc);
		px_buf_puts(b, "</method>\n");
	}
	px_buf_puts(b, "</methods>\n");
	px_db_method_counts_free(mc, nmc);
	return 0;
}

static void put_narratives(px_buf *b, px_buf *per_lang[2], size_t i);

/* A quote the analysts chose (synthesis.h), attributed to the community
 * and session of the segment it cites, as that note is at HEAD; one
 * whose segment cannot be found (check refuses it) is left out, never
 * shown unattributed, and so is one citing a follow-up. */
static void chosen_quote(gather *g, px_buf *to, const px_segment *s, const px_oid *head, int l)
{
	px_synth_quote q;
	px_buf src = PX_BUF_INIT;
	px_diag quiet = PX_DIAG_INIT;
	px_note *n = NULL;
	const px_segment *t;

	if (px_synthesis_quote(&q, s->text) < 0)
		return;
	if (px_store_read(g->ix->store, head, q.path, &src, NULL) == 0 &&
	    px_note_parse(&n, q.path, src.ptr, src.len, g->ix->kb->cb, &quiet) == 0 &&
	    (t = px_synthesis_segment_at(n, q.line)) && t->task < 0 && n->community.s &&
	    n->session > 0 && n->date.s && n->lang.s &&
	    (q.translated || px_synthesis_quote_matches(q.text, t->text))) {
		const char *from = strcmp(n->lang.s, "fr") ? "nl" : "fr";
		char *clean = px_text_without_tags(q.text);
		px_buf_puts(to, "<quote");
		px_xml_attr(to, "lang", q.translated ? px_lang_code((px_lang)l) : from);
		px_xml_attr(to, "community", n->community.s);
		px_xml_attr_int(to, "session", n->session);
		px_xml_attr(to, "date", n->date.s);
		if (g->internal) {
			px_xml_attr(to, "path", q.path);
			px_xml_attr_int(to, "line", t->first_line);
		}
		if (q.translated)
			px_xml_attr(to, "translated-from", from);
		px_buf_puts(to, ">");
		px_buf_xml_str(to, clean ? clean : q.text);
		px_buf_puts(to, "</quote>");
		free(clean);
	}
	px_note_free(n);
	px_diag_free(&quiet);
	px_buf_free(&src);
	px_synth_quote_free(&q);
}

/* The bold words a paragraph at `line` of src opens with (its lead,
 * "**Tijd maakt het verschil.** ..."), malloc'd, or NULL. */
static char *bold_lead(const char *src, size_t len, int line)
{
	const char *p = src, *end = src + len, *close;
	int l = 1;

	while (p < end && l < line) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl)
			return NULL;
		p = nl + 1;
		l++;
	}
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	if (end - p < 5 || strncmp(p, "**", 2))
		return NULL;
	p += 2;
	for (close = p; close + 1 < end && *close != '\n'; close++)
		if (close[0] == '*' && close[1] == '*')
			break;
	if (close + 1 >= end || *close != '*' || close == p)
		return NULL;
	return strndup(p, (size_t)(close - p));
}

/* Reads CYCLE/synthesis.LANG.md at HEAD into the narrative buffers: the
 * text under a heading goes to the chapter, category or code it names
 * (synthesis.h); under a heading naming nothing (which `check` refuses),
 * to the section before it; before any, to the introduction. */
static int narratives(gather *g)
{
	const px_codebook *cb = g->ix->kb->cb;
	px_oid head;
	int l, rc;

	/* a missing file is no text; a repository or memory error fails the
	 * report (never a report silently without the analysts' words) */
	rc = px_store_head(g->ix->store, &head, g->d);
	if (rc != 0)
		return rc < 0 ? -1 : 0;
	for (l = 0; l < 2 && rc == 0; l++) {
		px_buf path = PX_BUF_INIT, src = PX_BUF_INIT;
		px_diag quiet = PX_DIAG_INIT;
		px_note *n = NULL;
		px_buf **target = NULL;
		size_t i;

		px_buf_printf(&path, "%s/synthesis.%s.md", g->cycle, px_lang_code(l));
		rc = px_buf_failed(&path) ? -1 : px_store_read(g->ix->store, &head, path.ptr, &src, g->d);
		if (rc == 0 && px_note_parse_body(&n, path.ptr, src.ptr, src.len, cb, &quiet) < 0) {
			/* what check says of the text is check's; only a failure
			 * to read it at all stops the report */
			px_diag_take(g->d, &quiet);
			rc = -1;
		}
		if (rc == 1)
			rc = 0; /* no such file: no text in this language */
		else if (rc == 0 && !(target = calloc(n->nheadings + 1, sizeof *target))) {
			px_diag_add(g->d, NULL, 0, 0, PX_SEV_ERROR, "out-of-memory", MSG_OOM);
			rc = -1;
		}
		if (rc == 0 && target) {
			px_buf *cur = &g->intro[l];
			for (i = 0; i < n->nheadings; i++) {
				px_section sec;
				if (px_synthesis_resolve(&sec, cb, n->headings[i].text,
							 n->headings[i].level) == 0)
					cur = sec.kind == PX_SECTION_CHAPTER ? &g->chap_text[l][sec.index] :
					      sec.kind == PX_SECTION_CATEGORY ? &g->cat_text[l][sec.index] :
					      &g->code_text[l][sec.index];
				target[i] = cur;
			}
			for (i = 0; i < n->nsegs; i++) {
				const px_segment *s = &n->segs[i];
				px_buf *to = s->head >= 0 ? target[s->head] : &g->intro[l];
				char *clean;
				if (s->kind == PX_SEG_QUOTE) {
					chosen_quote(g, to, s, &head, l);
					continue;
				}
				clean = px_text_without_tags(s->text);
				if (s->kind == PX_SEG_PARAGRAPH && clean) {
					/* a lead the analysts set in bold: kept apart */
					char *lead = bold_lead(src.ptr, src.len, s->first_line);
					char *plain = lead ? px_text_without_tags(lead) : NULL;
					size_t pl = plain ? strlen(plain) : 0;
					if (plain && pl && !strncmp(clean, plain, pl)) {
						const char *rest = clean + pl;
						while (*rest == ' ')
							rest++;
						px_buf_puts(to, "<p");
						px_xml_attr(to, "lead", plain);
						px_buf_puts(to, ">");
						px_buf_xml_str(to, rest);
						px_buf_puts(to, "</p>");
						free(lead);
						free(plain);
						free(clean);
						continue;
					}
					free(lead);
					free(plain);
				}
				px_xml_element(to, "p", NULL, clean);
				free(clean);
			}
		}
		free(target);
		px_note_free(n);
		px_diag_free(&quiet);
		px_buf_free(&path);
		px_buf_free(&src);
	}
	return rc < 0 ? -1 : 0;
}

/* The codebook's chapters, each with the analysts' text. */
static void chapters(gather *g)
{
	const px_codebook *cb = g->ix->kb->cb;
	size_t k;

	if (!cb->nchapters)
		return;
	px_buf_puts(g->out, "<chapters>\n");
	for (k = 0; k < cb->nchapters; k++) {
		const px_chapter *c = &cb->chapters[k];
		px_buf_puts(g->out, "<chapter");
		px_xml_attr(g->out, "id", c->id);
		px_buf_puts(g->out, ">");
		px_xml_pair(g->out, "label", c->label, c->id);
		if (c->desc[0] && c->desc[1])
			px_xml_pair(g->out, "description", c->desc, "");
		put_narratives(g->out, g->chap_text, k);
		px_buf_puts(g->out, "</chapter>\n");
	}
	px_buf_puts(g->out, "</chapters>\n");
}

static void put_narratives(px_buf *b, px_buf *per_lang[2], size_t i)
{
	int l;

	for (l = 0; l < 2; l++) {
		if (!per_lang[l][i].len)
			continue;
		px_buf_printf(b, "<narrative lang=\"%s\">", px_lang_code(l));
		px_buf_put(b, per_lang[l][i].ptr, per_lang[l][i].len);
		px_buf_puts(b, "</narrative>");
	}
}

/* Where a segment comes from; the file and line only for the team. */
static void put_source(px_buf *b, const px_db_segment *s, int internal)
{
	px_xml_attr(b, "lang", strcmp(s->lang, "fr") ? "nl" : "fr");
	px_xml_attr(b, "community", s->community);
	px_xml_attr_int(b, "session", s->session);
	px_xml_attr(b, "date", s->date);
	if (internal) {
		px_xml_attr(b, "path", s->path);
		px_xml_attr_int(b, "line", s->line);
	}
}

/* The cycle's counts of every code (ordered by code), and for the team
 * its quotes (db.h: by code, language and rank). */
typedef struct {
	px_db_code_count *cnt;
	px_db_code_session *ses;
	px_db_quote *q;
	size_t ncnt, nses, nq;
} code_data;

/* One code's section. */
static void code(gather *g, const px_code *c, const code_data *cd)
{
	static const char *const langs[2] = { "nl", "fr" };
	const px_db_code_count *cnt = cd->cnt;
	const px_db_code_session *ses = cd->ses;
	size_t ncnt = cd->ncnt, nses = cd->nses;
	px_buf *b = g->out, inner = PX_BUF_INIT;
	long long segs = 0, notes = 0;
	size_t i;
	int l;

	for (i = 0; i < ncnt; i++) {
		if (strcmp(cnt[i].code, c->id))
			continue;
		px_buf_puts(&inner, "<raised");
		px_xml_attr(&inner, "community", cnt[i].community);
		px_xml_attr_int(&inner, "segments", cnt[i].segments);
		px_xml_attr_int(&inner, "notes", cnt[i].notes);
		px_buf_puts(&inner, "/>");
		/* a segment and a note have one community: the sums are the totals */
		segs += cnt[i].segments;
		notes += cnt[i].notes;
	}
	for (i = 0; i < nses; i++) {
		if (strcmp(ses[i].code, c->id))
			continue;
		px_buf_puts(&inner, "<by-session");
		px_xml_attr_int(&inner, "n", ses[i].session);
		px_xml_attr_int(&inner, "segments", ses[i].segments);
		px_buf_puts(&inner, "/>");
	}
	put_narratives(&inner, g->code_text, c->index);
	/* the quotes the index finds representative: evidence for the team */
	for (l = 0; g->internal && l < 2; l++) {
		for (i = 0; i < cd->nq; i++) {
			const px_db_segment *q = &cd->q[i].seg;
			char *clean;
			if (strcmp(cd->q[i].code, c->id) || strcmp(q->lang, langs[l]))
				continue;
			clean = px_text_without_tags(q->text);
			px_buf_puts(&inner, "<quote");
			put_source(&inner, q, 1);
			px_buf_puts(&inner, ">");
			px_buf_xml_str(&inner, clean);
			px_buf_puts(&inner, "</quote>");
			free(clean);
		}
	}
	px_buf_puts(b, "\n<code");
	px_xml_attr(b, "id", c->id);
	px_xml_attr(b, "ambivalent", c->ambivalent ? "true" : "false");
	px_xml_attr_int(b, "segments", segs);
	px_xml_attr_int(b, "notes", notes);
	px_buf_puts(b, ">");
	px_xml_labels(b, c->label, c->desc);
	px_buf_put(b, inner.ptr, inner.len);
	px_buf_puts(b, "</code>");
	px_buf_free(&inner);
}

static int categories(gather *g)
{
	const px_codebook *cb = g->ix->kb->cb;
	code_data cd;
	size_t k, i;
	px_buf *b = g->out;
	int rc = -1;

	memset(&cd, 0, sizeof cd);
	if (px_db_code_counts(&cd.cnt, &cd.ncnt, g->ix, &g->scope, g->d) < 0 ||
	    px_db_code_sessions(&cd.ses, &cd.nses, g->ix, &g->scope, g->d) < 0 ||
	    (g->internal && px_db_quotes(&cd.q, &cd.nq, g->ix, &g->scope, QUOTES_PER_LANG, g->d) < 0))
		goto cleanup;
	px_buf_puts(b, "<categories>\n");
	for (k = 0; k < cb->ncats; k++) {
		px_buf_puts(b, "<category");
		px_xml_attr(b, "id", cb->cats[k].id);
		if (cb->cats[k].chapter != PX_NO_CHAPTER)
			px_xml_attr(b, "chapter", cb->chapters[cb->cats[k].chapter].id);
		px_buf_puts(b, ">");
		px_xml_labels(b, cb->cats[k].label, cb->cats[k].desc);
		put_narratives(b, g->cat_text, k);
		for (i = 0; i < cb->ncodes; i++)
			if (cb->codes[i].category == k)
				code(g, &cb->codes[i], &cd);
		px_buf_puts(b, "\n</category>\n");
	}
	px_buf_puts(b, "</categories>\n");
	rc = 0;
cleanup:
	px_db_code_counts_free(cd.cnt, cd.ncnt);
	px_db_code_sessions_free(cd.ses, cd.nses);
	px_db_quotes_free(cd.q, cd.nq);
	return rc;
}

static int tail(gather *g)
{
	px_db_pair *pairs = NULL;
	px_db_segment *fu = NULL;
	size_t npairs = 0, nfu = 0, i;
	px_buf *b = g->out;
	int rc = -1;

	if (px_db_code_pairs(&pairs, &npairs, g->ix, &g->scope, g->d) < 0 ||
	    (g->internal && px_db_followups(&fu, &nfu, g->ix, &g->scope, g->d) < 0))
		goto cleanup;
	px_buf_puts(b, "<cooccurrence>");
	for (i = 0; i < npairs; i++) {
		px_buf_puts(b, "\n<pair");
		px_xml_attr(b, "a", pairs[i].a);
		px_xml_attr(b, "b", pairs[i].b);
		px_xml_attr_int(b, "segments", pairs[i].segments);
		px_buf_puts(b, "/>");
	}
	px_buf_puts(b, "</cooccurrence>\n");
	if (!g->internal) { /* follow-ups are cases: never public */
		px_buf_puts(b, "</report>\n");
		rc = 0;
		goto cleanup;
	}
	px_buf_puts(b, "<followups>");
	for (i = 0; i < nfu; i++) {
		char *clean = px_text_without_tags(fu[i].text);
		px_buf_puts(b, "\n<followup");
		put_source(b, &fu[i], 1);
		px_xml_attr(b, "done", fu[i].task == 1 ? "true" : "false");
		px_buf_puts(b, ">");
		px_buf_xml_str(b, clean);
		px_buf_puts(b, "</followup>");
		free(clean);
	}
	px_buf_puts(b, "</followups>\n</report>\n");
	rc = 0;
cleanup:
	px_db_pairs_free(pairs, npairs);
	px_db_segments_free(fu, nfu);
	return rc;
}

int px_report_xml(px_index *ix, const char *cycle, px_buf *out, px_diag *d)
{
	return px_report_xml_opts(ix, cycle, NULL, out, d);
}

int px_report_xml_opts(px_index *ix, const char *cycle, const px_report_opts *o, px_buf *out,
		       px_diag *d)
{
	const px_codebook *cb = ix->kb->cb;
	gather g;
	int l, rc = -1;
	size_t i;

	memset(&g, 0, sizeof g);
	g.internal = o && o->audience == PX_AUDIENCE_INTERNAL;
	g.ix = ix;
	g.cycle = cycle;
	g.scope.cycle = cycle;
	g.out = out;
	g.d = d;
	for (l = 0; l < 2; l++) {
		g.code_text[l] = calloc(cb->ncodes + 1, sizeof(px_buf));
		g.cat_text[l] = calloc(cb->ncats + 1, sizeof(px_buf));
		g.chap_text[l] = calloc(cb->nchapters + 1, sizeof(px_buf));
		if (!g.code_text[l] || !g.cat_text[l] || !g.chap_text[l])
			goto cleanup;
		for (i = 0; i < cb->nchapters; i++)
			g.chap_text[l][i] = (px_buf)PX_BUF_INIT;
		for (i = 0; i < cb->ncodes; i++)
			g.code_text[l][i] = (px_buf)PX_BUF_INIT;
		for (i = 0; i < cb->ncats; i++)
			g.cat_text[l][i] = (px_buf)PX_BUF_INIT;
		g.intro[l] = (px_buf)PX_BUF_INIT;
	}
	rc = totals(&g);
	if (rc != 0)
		goto cleanup;
	rc = -1;
	if (narratives(&g) < 0)
		goto cleanup;
	publication(&g);
	if (communities(&g) < 0 || methods(&g) < 0)
		goto cleanup;
	if (g.intro[0].len || g.intro[1].len) {
		px_buf *intro[2] = { &g.intro[0], &g.intro[1] };
		px_buf_puts(out, "<introduction>");
		put_narratives(out, intro, 0);
		px_buf_puts(out, "</introduction>\n");
	}
	chapters(&g);
	if (categories(&g) < 0 || tail(&g) < 0)
		goto cleanup;
	rc = 0;
cleanup:
	for (l = 0; l < 2; l++) {
		for (i = 0; g.code_text[l] && i < cb->ncodes; i++)
			px_buf_free(&g.code_text[l][i]);
		for (i = 0; g.cat_text[l] && i < cb->ncats; i++)
			px_buf_free(&g.cat_text[l][i]);
		for (i = 0; g.chap_text[l] && i < cb->nchapters; i++)
			px_buf_free(&g.chap_text[l][i]);
		free(g.code_text[l]);
		free(g.cat_text[l]);
		free(g.chap_text[l]);
		px_buf_free(&g.intro[l]);
	}
	return rc;
}

int px_report_inputs(px_buf *out, px_index *ix, const char *cycle, const px_report_opts *o,
		     px_diag *d)
{
	const px_kb *kb = ix->kb;
	const px_publication *pub = &kb->pub;
	px_db_scope scope = PX_DB_SCOPE_INIT;
	px_db_note *notes = NULL;
	size_t n = 0, i, k;
	char today[PX_DATE_SIZE], hex[PX_OID_HEXSZ + 1];
	px_oid head;
	int l, f, synthesis = 0, rc = -1;

	scope.cycle = cycle;
	if (px_today(today, d) < 0 || px_db_export_notes(&notes, &n, ix, &scope, d) < 0)
		goto cleanup;
	px_buf_printf(out, "report %s %s %s\ncodebook %s\n", cycle,
		      px_audience_names[o && o->audience == PX_AUDIENCE_INTERNAL ?
					PX_AUDIENCE_INTERNAL : PX_AUDIENCE_PUBLIC],
		      today, kb->cb->digest);
	for (i = 0; i < n; i++)
		px_buf_printf(out, "note %s %s\n", notes[i].blob, notes[i].path);
	for (i = 0; i < kb->ncommunities; i++) {
		const px_community *c = &kb->communities[i];
		px_xml_element(out, "community", c->lang, c->id);
		px_xml_community_names(out, c, c->id);
		for (k = 0; k < c->nmoderators; k++)
			px_xml_element(out, "moderator", NULL, c->moderators[k]);
		px_buf_puts(out, "\n");
	}
	for (f = 0; f < PX_PUB_FIELDS; f++)
		for (l = 0; l < PX_CONTENT_LANGS; l++)
			if (pub->text[f][l])
				px_xml_element(out, px_pub_keys[f], px_lang_code((px_lang)l),
					       pub->text[f][l]);
	rc = px_store_head(ix->store, &head, d);
	if (rc != 0) { /* no commit: no synthesis text */
		rc = rc < 0 ? -1 : 0;
		goto cleanup;
	}
	for (l = 0; l < 2; l++) {
		px_buf path = PX_BUF_INIT, src = PX_BUF_INIT;
		px_buf_printf(&path, "%s/synthesis.%s.md", cycle, px_lang_code(l));
		rc = px_buf_failed(&path) ? -1 : px_store_read(ix->store, &head, path.ptr, &src, d);
		if (rc == 0) {
			synthesis = 1;
			px_buf_printf(out, "\nsynthesis %s %zu\n", path.ptr, src.len);
			px_buf_put(out, src.ptr, src.len);
		}
		px_buf_free(&path);
		px_buf_free(&src);
		if (rc < 0)
			goto cleanup;
	}
	if (synthesis) {
		px_oid_hex(hex, &head);
		px_buf_printf(out, "\ncommit %s\n", hex);
	}
	rc = px_buf_failed(out) ? -1 : 0;
	if (rc < 0)
		px_diag_add(d, NULL, 0, 0, PX_SEV_ERROR, "out-of-memory", MSG_OOM);
cleanup:
	px_db_notes_free(notes, n);
	return rc;
}
