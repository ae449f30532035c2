#include "brief.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cycle.h"
#include "db.h"
#include "history.h"
#include "json.h"
#include "note.h"
#include "xmlout.h"
#include "xml_int.h"

#define EXPECTED_SESSIONS 10 /* a cycle has about 10 monthly sessions */
#define RECURRING_MAX 8
#define ELSEWHERE_PER_CODE 1
#define ELSEWHERE_LOOK 4 /* segments looked at per code, for those shown already */

typedef struct {
	px_index *ix;
	const px_community *c;
	px_db_scope scope; /* the community in its latest cycle */
	px_buf *out;
	px_diag *d;
} gather;

static void code_labels(gather *g, const char *id)
{
	const px_code *c = px_codebook_code(g->ix->kb->cb, id);
	char *none[2] = { (char *)id, (char *)id };

	px_xml_labels(g->out, c ? c->label : none, NULL);
}

static void source(px_buf *b, const char *path, long long line, long long session, const char *date)
{
	px_xml_attr(b, "path", path);
	px_xml_attr_int(b, "line", line);
	px_xml_attr_int(b, "session", session);
	px_xml_attr(b, "date", date);
}

/* A note counts as a session when it gives its number and date. */
static int dated(const px_db_session *s)
{
	return s->has_session && s->has_date;
}

static int last_session(gather *g, const px_db_session *ses, size_t nses)
{
	const px_codebook *cb = g->ix->kb->cb;
	const px_db_session *last = NULL;
	char **m = NULL, **codes = NULL, *seen = NULL;
	size_t nm = 0, ncodes = 0, i;
	px_buf *b = g->out;
	int rc = -1;

	/* the highest session, and of its notes the latest */
	for (i = 0; i < nses; i++)
		if (dated(&ses[i]))
			last = &ses[i];
	if (!last)
		return 0;
	if (px_db_note_methods(&m, &nm, g->ix, last->note, g->d) < 0 ||
	    px_db_note_codes(&codes, &ncodes, g->ix, last->note, g->d) < 0)
		goto cleanup;
	seen = calloc(cb->ncodes + 1, 1);
	if (!seen) {
		px_diag_add(g->d, NULL, 0, 0, PX_SEV_ERROR, "environment", MSG_OOM);
		goto cleanup;
	}
	px_buf_puts(b, "<last");
	source(b, last->path, 1, last->session, last->date);
	if (last->has_attendance)
		px_xml_attr_int(b, "attendance", last->attendance);
	px_buf_puts(b, ">");
	if (*last->title)
		px_xml_element(b, "title", NULL, last->title);
	if (*last->summary)
		px_xml_element(b, "summary", NULL, last->summary);
	for (i = 0; i < nm; i++) {
		const px_method *me = px_codebook_method(cb, m[i]);
		char *none[2] = { m[i], m[i] };
		px_buf_puts(b, "<method");
		px_xml_attr(b, "id", m[i]);
		px_buf_puts(b, ">");
		px_xml_labels(b, me ? me->label : none, NULL);
		px_buf_puts(b, "</method>");
	}
	/* codes in codebook order */
	for (i = 0; i < ncodes; i++) {
		const px_code *c = px_codebook_code(cb, codes[i]);
		if (c)
			seen[c->index] = 1;
	}
	for (i = 0; i < cb->ncodes; i++) {
		if (!seen[i])
			continue;
		px_buf_puts(b, "<code");
		px_xml_attr(b, "id", cb->codes[i].id);
		px_buf_puts(b, ">");
		code_labels(g, cb->codes[i].id);
		px_buf_puts(b, "</code>");
	}
	px_buf_puts(b, "</last>\n");
	rc = 0;
cleanup:
	free(seen);
	px_strv_free(m, nm);
	px_strv_free(codes, ncodes);
	return rc;
}

static int followups(gather *g)
{
	px_db_segment *fu = NULL;
	size_t nfu = 0, i;
	px_buf *b = g->out;

	if (px_db_followups(&fu, &nfu, g->ix, &g->scope, g->d) < 0)
		return -1;
	px_buf_puts(b, "<followups>");
	for (i = 0; i < nfu; i++) {
		char *clean;
		if (fu[i].task != 0)
			continue; /* done */
		clean = px_text_without_tags(fu[i].text);
		px_buf_puts(b, "\n<followup");
		source(b, fu[i].path, fu[i].line, fu[i].session, fu[i].date);
		px_buf_puts(b, ">");
		px_buf_xml_str(b, clean);
		px_buf_puts(b, "</followup>");
		free(clean);
	}
	px_buf_puts(b, "</followups>\n");
	px_db_segments_free(fu, nfu);
	return 0;
}

/* The follow-ups of the cycle checked since the last session: in a
 * commit made on or after its date, by someone, after they were written
 * open (what git knows: history.h). Without a dated session, none. */
static int closed(gather *g, const px_db_session *ses, size_t nses)
{
	const px_db_session *last = NULL;
	px_history h;
	px_buf *b = g->out;
	size_t i;
	px_history_followup_opts o = PX_HISTORY_FOLLOWUP_OPTS_INIT;
	px_db_segment *fu = NULL;
	char **paths = NULL;
	size_t nfu = 0, npaths = 0;
	int rc;

	memset(&h, 0, sizeof h);
	for (i = 0; i < nses; i++)
		if (dated(&ses[i]))
			last = &ses[i];
	px_buf_puts(b, "<closed>");
	/* git is read for the notes with a done follow-up, since that date */
	if (last && px_db_followups(&fu, &nfu, g->ix, &g->scope, g->d) < 0)
		return -1;
	if (nfu && !(paths = calloc(nfu, sizeof *paths))) {
		px_db_segments_free(fu, nfu);
		px_diag_add(g->d, NULL, 0, 0, PX_SEV_ERROR, "environment", MSG_OOM);
		return -1;
	}
	for (i = 0; i < nfu; i++)
		if (fu[i].task == 1 && (!npaths || strcmp(paths[npaths - 1], fu[i].path)))
			paths[npaths++] = fu[i].path; /* borrowed; a note's items are together */
	o.community = g->c->id;
	o.paths = paths;
	o.npaths = npaths;
	o.since = last ? last->date : NULL;
	rc = npaths ? px_history_followups(&h, g->ix->store, g->ix->kb->cb, &o, g->d) : 0;
	free(paths);
	px_db_segments_free(fu, nfu);
	if (rc < 0) {
		px_history_free(&h);
		return -1;
	}
	for (i = 0; i < h.nfollowups; i++) {
		const px_history_followup *f = &h.followups[i];
		char when[PX_HISTORY_TIME_SIZE];
		char *clean;
		if (!f->done || f->checked < 0 || !f->cycle || strcmp(f->cycle, g->scope.cycle) ||
		    !f->date || !f->session)
			continue;
		px_history_time(when, &h.commits[f->checked]);
		when[10] = '\0';
		if (strcmp(when, last->date) < 0)
			continue;
		if (!(clean = px_text_without_tags(f->text))) {
			px_history_free(&h);
			px_diag_add(g->d, NULL, 0, 0, PX_SEV_ERROR, "environment", MSG_OOM);
			return -1;
		}
		px_buf_puts(b, "\n<followup");
		source(b, f->path, f->line, f->session, f->date);
		px_xml_attr(b, "checked", when);
		px_xml_attr(b, "by", h.commits[f->checked].author);
		px_buf_puts(b, ">");
		px_buf_xml_str(b, clean);
		px_buf_puts(b, "</followup>");
		free(clean);
	}
	px_buf_puts(b, "</closed>\n");
	px_history_free(&h);
	return 0;
}

static int recurring(gather *g, px_db_recurring **codes, size_t *ncodes)
{
	/* the same codes in the other communities of the cycle */
	px_db_scope cycle = PX_DB_SCOPE_INIT;
	px_db_code_count *cnt = NULL;
	size_t ncnt = 0, i, k;
	px_buf *b = g->out;

	cycle.cycle = g->scope.cycle;
	if (px_db_recurring_codes(codes, ncodes, g->ix, &g->scope, 2, RECURRING_MAX, g->d) < 0 ||
	    px_db_code_counts(&cnt, &ncnt, g->ix, &cycle, g->d) < 0)
		return -1;
	px_buf_puts(b, "<recurring>");
	for (i = 0; i < *ncodes; i++) {
		const px_db_recurring *r = &(*codes)[i];
		long long os = 0, oc = 0;
		for (k = 0; k < ncnt; k++)
			if (!strcmp(cnt[k].code, r->code) && *cnt[k].community &&
			    strcmp(cnt[k].community, g->c->id)) {
				os += cnt[k].segments;
				oc++;
			}
		px_buf_puts(b, "\n<code");
		px_xml_attr(b, "id", r->code);
		px_xml_attr_int(b, "sessions", r->sessions);
		px_xml_attr_int(b, "segments", r->segments);
		px_xml_attr_int(b, "other-segments", os);
		px_xml_attr_int(b, "other-communities", oc);
		px_buf_puts(b, ">");
		code_labels(g, r->code);
		px_buf_puts(b, "</code>");
	}
	px_buf_puts(b, "</recurring>\n");
	px_db_code_counts_free(cnt, ncnt);
	return 0;
}

/* What other communities said lately on the recurring codes: quotes
 * first, then the newest. */
static int elsewhere(gather *g, const px_db_recurring *codes, size_t ncodes)
{
	px_buf *b = g->out, seen = PX_BUF_INIT;
	size_t i, k;
	int rc = -1;

	px_buf_puts(b, "<elsewhere>");
	for (i = 0; i < ncodes; i++) {
		px_db_segment *seg = NULL;
		size_t nseg = 0;
		int shown = 0;
		if (px_db_elsewhere(&seg, &nseg, g->ix, &g->scope, codes[i].code, ELSEWHERE_LOOK,
				    g->d) < 0)
			goto cleanup;
		for (k = 0; k < nseg && shown < ELSEWHERE_PER_CODE; k++) {
			const px_db_segment *s = &seg[k];
			const px_community *c = px_kb_community(g->ix->kb, s->community);
			px_buf key = PX_BUF_INIT;
			char *clean;
			/* one segment raised by two recurring codes is shown once */
			px_buf_printf(&key, "\n%s:%ld\n", s->path, s->line);
			if (seen.len && strstr(seen.ptr, key.ptr)) {
				px_buf_free(&key);
				continue;
			}
			px_buf_puts(&seen, key.ptr + 1);
			px_buf_free(&key);
			shown++;
			clean = px_text_without_tags(s->text);
			px_buf_puts(b, "\n<segment");
			source(b, s->path, s->line, s->session, s->date);
			px_xml_attr(b, "community", s->community);
			px_xml_attr(b, "code", codes[i].code);
			px_xml_attr(b, "kind", s->kind);
			px_buf_puts(b, ">");
			px_xml_pair(b, "community-name", c ? c->name : NULL, s->community);
			px_xml_element(b, "text", NULL, clean);
			px_buf_puts(b, "</segment>");
			free(clean);
		}
		px_db_segments_free(seg, nseg);
	}
	px_buf_puts(b, "</elsewhere>\n");
	rc = 0;
cleanup:
	px_buf_free(&seen);
	return rc;
}

static void attendance(gather *g, const px_db_session *ses, size_t nses)
{
	px_buf *b = g->out;
	size_t i;

	px_buf_puts(b, "<attendance>");
	for (i = 0; i < nses; i++) {
		if (!dated(&ses[i]))
			continue;
		px_buf_puts(b, "<session");
		px_xml_attr_int(b, "n", ses[i].session);
		px_xml_attr(b, "date", ses[i].date);
		if (ses[i].has_attendance)
			px_xml_attr_int(b, "attendance", ses[i].attendance);
		px_buf_puts(b, "/>");
	}
	px_buf_puts(b, "</attendance>\n");
}

int px_brief_xml(px_index *ix, const px_community *community, const char *lang, px_buf *out,
		 px_diag *d)
{
	gather g = { ix, community, PX_DB_SCOPE_INIT, out, d };
	px_db_recurring *codes = NULL;
	px_db_session *ses = NULL;
	char *cycle = NULL, today[PX_DATE_SIZE];
	size_t ncodes = 0, nses = 0, i;
	long long max_session = 0;
	int rc;

	rc = px_db_latest_cycle(&cycle, &max_session, ix, community->id, d);
	if (rc != 0)
		return rc;
	rc = -1;
	g.scope.cycle = cycle;
	g.scope.community = community->id;
	if (px_today(today, d) < 0 || px_db_sessions(&ses, &nses, ix, &g.scope, d) < 0)
		goto cleanup;

	px_buf_puts(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<brief xmlns=\"urn:praxis:brief:1\"");
	px_xml_attr(out, "community", community->id);
	px_xml_attr(out, "lang", lang);
	px_xml_attr(out, "cycle", cycle);
	px_xml_attr_int(out, "next-session", max_session + 1);
	px_xml_attr_int(out, "expected-sessions", EXPECTED_SESSIONS);
	px_xml_attr(out, "generated", today);
	px_buf_puts(out, ">\n");
	px_xml_community_names(out, community, community->id);
	for (i = 0; i < community->nmoderators; i++)
		px_xml_element(out, "moderator", NULL, community->moderators[i]);
	px_buf_putc(out, '\n');
	if (last_session(&g, ses, nses) < 0 || followups(&g) < 0 || closed(&g, ses, nses) < 0 ||
	    recurring(&g, &codes, &ncodes) < 0 || elsewhere(&g, codes, ncodes) < 0)
		goto cleanup;
	attendance(&g, ses, nses);
	px_buf_puts(out, "</brief>\n");
	rc = 0;
cleanup:
	px_db_recurring_free(codes, ncodes);
	px_db_sessions_free(ses, nses);
	free(cycle);
	return rc;
}

/* ------------------------------------------------------------------ JSON */

/* The brief's JSON (doc/json.md, "brief") from its XML data, through the
 * one JSON writer: the XML is what was gathered; this only formats it. */

static int is(xmlNodePtr n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, name);
}

static xmlNodePtr child(xmlNodePtr n, const char *name, const char *lang)
{
	xmlNodePtr c;

	for (c = n ? n->children : NULL; c; c = c->next) {
		xmlChar *l;
		int match;
		if (!is(c, name))
			continue;
		if (!lang)
			return c;
		l = xmlGetProp(c, (const xmlChar *)"lang");
		match = l && !strcmp((const char *)l, lang);
		xmlFree(l);
		if (match)
			return c;
	}
	return NULL;
}

/* An attribute as a JSON string, or null when absent. */
static void kattr(px_json *j, const char *key, xmlNodePtr n, const char *attr)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)attr);

	px_json_key(j, key);
	px_json_str(j, (const char *)v);
	xmlFree(v);
}

/* An attribute as a JSON integer, or null when absent. */
static void kattr_int(px_json *j, const char *key, xmlNodePtr n, const char *attr)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)attr);

	px_json_key(j, key);
	if (v)
		px_json_int(j, strtoll((const char *)v, NULL, 10));
	else
		px_json_null(j);
	xmlFree(v);
}

/* An element's text as a JSON string, or null when there is none. */
static void ktext(px_json *j, const char *key, xmlNodePtr n)
{
	xmlChar *v = n ? xmlNodeGetContent(n) : NULL;

	px_json_key(j, key);
	px_json_str(j, (const char *)v);
	xmlFree(v);
}

static void json_source(px_json *j, xmlNodePtr n)
{
	kattr(j, "path", n, "path");
	kattr_int(j, "line", n, "line");
	kattr_int(j, "session", n, "session");
	kattr(j, "date", n, "date");
}

/* [ @id of each child `name` of n ] */
static void ids(px_json *j, const char *key, xmlNodePtr n, const char *name)
{
	xmlNodePtr c;

	px_json_key(j, key);
	px_json_array(j);
	for (c = n->children; c; c = c->next)
		if (is(c, name)) {
			xmlChar *v = xmlGetProp(c, (const xmlChar *)"id");
			px_json_str(j, (const char *)v);
			xmlFree(v);
		}
	px_json_end(j);
}

int px_brief_json(const px_buf *xml, px_buf *out, px_diag *d)
{
	xmlDocPtr doc = NULL;
	xmlNodePtr root, n, c;
	xmlChar *lang;
	px_json j;

	if (px_diag_buf(d, xml, NULL) < 0 ||
	    px_xml_load_mem(&doc, xml->ptr, xml->len, "brief", "environment", d) < 0)
		return -1;
	root = xmlDocGetRootElement(doc);
	lang = xmlGetProp(root, (const xmlChar *)"lang");
	px_json_init(&j, out);
	px_json_object(&j);
	kattr(&j, "community", root, "community");
	ktext(&j, "name", child(root, "name", (const char *)lang));
	kattr(&j, "lang", root, "lang");
	kattr(&j, "cycle", root, "cycle");
	kattr_int(&j, "next_session", root, "next-session");
	kattr_int(&j, "expected_sessions", root, "expected-sessions");
	px_json_key(&j, "last_session");
	if ((n = child(root, "last", NULL))) {
		px_json_object(&j);
		json_source(&j, n);
		ktext(&j, "title", child(n, "title", NULL));
		ktext(&j, "summary", child(n, "summary", NULL));
		kattr_int(&j, "attendance", n, "attendance");
		ids(&j, "methods", n, "method");
		ids(&j, "codes", n, "code");
		px_json_end(&j);
	} else {
		px_json_null(&j);
	}
	px_json_key(&j, "open_followups");
	px_json_array(&j);
	for (c = (n = child(root, "followups", NULL)) ? n->children : NULL; c; c = c->next)
		if (is(c, "followup")) {
			px_json_object(&j);
			json_source(&j, c);
			ktext(&j, "text", c);
			px_json_end(&j);
		}
	px_json_end(&j);
	px_json_key(&j, "closed_followups");
	px_json_array(&j);
	for (c = (n = child(root, "closed", NULL)) ? n->children : NULL; c; c = c->next)
		if (is(c, "followup")) {
			px_json_object(&j);
			json_source(&j, c);
			ktext(&j, "text", c);
			kattr(&j, "checked", c, "checked");
			kattr(&j, "by", c, "by");
			px_json_end(&j);
		}
	px_json_end(&j);
	px_json_key(&j, "recurring_codes");
	px_json_array(&j);
	for (c = (n = child(root, "recurring", NULL)) ? n->children : NULL; c; c = c->next)
		if (is(c, "code")) {
			px_json_object(&j);
			kattr(&j, "code", c, "id");
			px_json_key(&j, "label");
			px_json_object(&j);
			ktext(&j, "nl", child(c, "label", "nl"));
			ktext(&j, "fr", child(c, "label", "fr"));
			px_json_end(&j);
			kattr_int(&j, "sessions", c, "sessions");
			kattr_int(&j, "segments", c, "segments");
			px_json_key(&j, "other_communities");
			px_json_object(&j);
			kattr_int(&j, "segments", c, "other-segments");
			kattr_int(&j, "communities", c, "other-communities");
			px_json_end(&j);
			px_json_end(&j);
		}
	px_json_end(&j);
	px_json_key(&j, "elsewhere");
	px_json_array(&j);
	for (c = (n = child(root, "elsewhere", NULL)) ? n->children : NULL; c; c = c->next)
		if (is(c, "segment")) {
			px_json_object(&j);
			kattr(&j, "community", c, "community");
			kattr(&j, "code", c, "code");
			kattr(&j, "kind", c, "kind");
			json_source(&j, c);
			ktext(&j, "text", child(c, "text", NULL));
			px_json_end(&j);
		}
	px_json_end(&j);
	px_json_key(&j, "attendance");
	px_json_array(&j);
	for (c = (n = child(root, "attendance", NULL)) ? n->children : NULL; c; c = c->next)
		if (is(c, "session")) {
			px_json_object(&j);
			kattr_int(&j, "session", c, "n");
			kattr(&j, "date", c, "date");
			kattr_int(&j, "attendance", c, "attendance");
			px_json_end(&j);
		}
	px_json_end(&j);
	px_json_end(&j);
	xmlFree(lang);
	xmlFreeDoc(doc);
	return px_diag_buf(d, out, NULL);
}
