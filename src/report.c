#include "report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cycle.h"
#include "note.h"
#include "xmlout.h"

typedef struct {
	px_index *ix;
	const char *cycle;
	px_buf *out;
	px_diag *d;
	/* narratives: per code, per category, and the introduction; [lang] */
	px_buf *code_text[2], *cat_text[2], intro[2];
} gather;

static sqlite3_stmt *prep(gather *g, const char *sql)
{
	sqlite3_stmt *st = NULL;

	if (sqlite3_prepare_v2(g->ix->db, sql, -1, &st, NULL) != SQLITE_OK) {
		px_index_error(g->d, g->ix->db);
		return NULL;
	}
	sqlite3_bind_text(st, 1, g->cycle, -1, SQLITE_STATIC);
	return st;
}

static int totals(gather *g)
{
	sqlite3_stmt *st = prep(g,
		"SELECT count(DISTINCT community), count(DISTINCT community || '/' || session), count(*),"
		" coalesce(sum(attendance), 0), count(attendance), coalesce(max(session), 0),"
		" (SELECT count(*) FROM segments s JOIN notes n ON n.id = s.note WHERE n.cycle = ?1),"
		" (SELECT count(*) FROM segments s JOIN notes n ON n.id = s.note WHERE n.cycle = ?1 AND s.kind = 'quote'),"
		" (SELECT count(DISTINCT c.code) FROM segment_codes c JOIN segments s ON s.id = c.segment"
		"  JOIN notes n ON n.id = s.note WHERE n.cycle = ?1),"
		" min(date), max(date)"
		" FROM notes WHERE cycle = ?1");
	px_buf *b = g->out;
	char today[PX_DATE_SIZE], from[PX_DATE_SIZE], to[PX_DATE_SIZE];
	int y;

	if (!st)
		return -1;
	if (sqlite3_step(st) != SQLITE_ROW || sqlite3_column_int64(st, 2) == 0) {
		sqlite3_finalize(st);
		return 1;
	}
	if (px_cycle_parse(g->cycle, &y) < 0 || px_today(today, g->d) < 0) {
		sqlite3_finalize(st);
		return -1;
	}
	px_buf_puts(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<report xmlns=\"urn:praxis:report:1\"");
	px_xml_attr(b, "cycle", g->cycle);
	/* the cycle's period (cycle.h) */
	px_cycle_period(from, to, y);
	px_xml_attr(b, "from", from);
	px_xml_attr(b, "to", to);
	px_xml_attr(b, "generated", today);
	px_buf_puts(b, ">\n<totals");
	px_xml_attr_int(b, "communities", sqlite3_column_int64(st, 0));
	px_xml_attr_int(b, "sessions", sqlite3_column_int64(st, 1));
	px_xml_attr_int(b, "notes", sqlite3_column_int64(st, 2));
	px_xml_attr_int(b, "attendance", sqlite3_column_int64(st, 3));
	px_xml_attr_int(b, "attended-notes", sqlite3_column_int64(st, 4));
	px_xml_attr_int(b, "segments", sqlite3_column_int64(st, 6));
	px_xml_attr_int(b, "quotes", sqlite3_column_int64(st, 7));
	px_xml_attr_int(b, "codes-raised", sqlite3_column_int64(st, 8));
	px_xml_attr_int(b, "codes", (long long)g->ix->kb->cb->ncodes);
	px_xml_attr_int(b, "max-session", sqlite3_column_int64(st, 5));
	px_buf_puts(b, "/>\n");
	sqlite3_finalize(st);
	return 0;
}

static int communities(gather *g)
{
	const px_kb *kb = g->ix->kb;
	sqlite3_stmt *st = prep(g,
		"SELECT community, count(*), count(DISTINCT session), coalesce(sum(attendance), 0)"
		" FROM notes WHERE cycle = ?1 GROUP BY community ORDER BY community");
	sqlite3_stmt *ses = prep(g,
		"SELECT n.id, n.session, n.date, n.path, n.lang, n.attendance, n.title FROM notes n"
		" WHERE n.cycle = ?1 AND n.community = ?2 ORDER BY n.session, n.date, n.path");
	sqlite3_stmt *meth = prep(g, "SELECT method FROM note_methods WHERE note = ?2 AND ?1 = ?1");
	px_buf *b = g->out;
	size_t i;
	int rc = -1;

	if (!st || !ses || !meth)
		goto cleanup;
	px_buf_puts(b, "<communities>\n");
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *id = px_col(st, 0);
		const px_community *c = px_kb_community(kb, id);
		px_buf_puts(b, "<community");
		px_xml_attr(b, "id", id);
		px_xml_attr(b, "lang", c ? c->lang : "nl");
		px_xml_attr_int(b, "notes", sqlite3_column_int64(st, 1));
		px_xml_attr_int(b, "sessions", sqlite3_column_int64(st, 2));
		px_xml_attr_int(b, "attendance", sqlite3_column_int64(st, 3));
		px_buf_puts(b, ">");
		px_xml_element(b, "name", "nl", c ? c->name[PX_LANG_NL] : id);
		px_xml_element(b, "name", "fr", c ? c->name[PX_LANG_FR] : id);
		px_xml_element(b, "zone", "nl", c ? c->zone[PX_LANG_NL] : "");
		px_xml_element(b, "zone", "fr", c ? c->zone[PX_LANG_FR] : "");
		for (i = 0; c && i < c->nmoderators; i++)
			px_xml_element(b, "moderator", NULL, c->moderators[i]);
		sqlite3_bind_text(ses, 2, id, -1, SQLITE_TRANSIENT);
		while (sqlite3_step(ses) == SQLITE_ROW) {
			const char *lang = px_col(ses, 4);
			px_buf_puts(b, "\n <session");
			px_xml_attr_int(b, "n", sqlite3_column_int64(ses, 1));
			px_xml_attr(b, "date", px_col(ses, 2));
			px_xml_attr(b, "path", px_col(ses, 3));
			px_xml_attr(b, "lang", strcmp(lang, "fr") ? "nl" : "fr");
			if (sqlite3_column_type(ses, 5) != SQLITE_NULL)
				px_xml_attr_int(b, "attendance", sqlite3_column_int64(ses, 5));
			px_buf_puts(b, ">");
			if (sqlite3_column_type(ses, 6) != SQLITE_NULL && *px_col(ses, 6))
				px_xml_element(b, "title", NULL, px_col(ses, 6));
			sqlite3_bind_int64(meth, 2, sqlite3_column_int64(ses, 0));
			while (sqlite3_step(meth) == SQLITE_ROW) {
				px_buf_puts(b, "<method");
				px_xml_attr(b, "ref", px_col(meth, 0));
				px_buf_puts(b, "/>");
			}
			sqlite3_reset(meth);
			px_buf_puts(b, "</session>");
		}
		sqlite3_reset(ses);
		px_buf_puts(b, "\n</community>\n");
	}
	px_buf_puts(b, "</communities>\n");
	rc = 0;
cleanup:
	sqlite3_finalize(st);
	sqlite3_finalize(ses);
	sqlite3_finalize(meth);
	return rc;
}

static int methods(gather *g)
{
	const px_codebook *cb = g->ix->kb->cb;
	sqlite3_stmt *st = prep(g,
		"SELECT count(DISTINCT m.note) FROM note_methods m JOIN notes n ON n.id = m.note"
		" WHERE n.cycle = ?1 AND m.method = ?2");
	px_buf *b = g->out;
	size_t i;

	if (!st)
		return -1;
	px_buf_puts(b, "<methods>\n");
	for (i = 0; i < cb->nmethods; i++) {
		sqlite3_bind_text(st, 2, cb->methods[i].id, -1, SQLITE_STATIC);
		px_buf_puts(b, "<method");
		px_xml_attr(b, "id", cb->methods[i].id);
		px_xml_attr_int(b, "notes", sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0);
		sqlite3_reset(st);
		px_buf_puts(b, ">");
		px_xml_labels(b, cb->methods[i].label, cb->methods[i].desc);
		px_buf_puts(b, "</method>\n");
	}
	px_buf_puts(b, "</methods>\n");
	sqlite3_finalize(st);
	return 0;
}

/* Reads CYCLE/synthesis.LANG.md at HEAD into the narrative buffers. */
static void narratives(gather *g)
{
	const px_codebook *cb = g->ix->kb->cb;
	px_oid head;
	int l;

	if (px_store_head(g->ix->store, &head, NULL) != 0)
		return;
	for (l = 0; l < 2; l++) {
		px_buf path = PX_BUF_INIT, src = PX_BUF_INIT;
		px_diag quiet = PX_DIAG_INIT;
		px_note *n = NULL;
		size_t i;

		px_buf_printf(&path, "%s/synthesis.%s.md", g->cycle, px_lang_code(l));
		if (px_store_read(g->ix->store, &head, path.ptr, &src, NULL) == 0 &&
		    px_note_parse_body(&n, path.ptr, src.ptr, src.len, cb, &quiet) == 0) {
			for (i = 0; i < n->nsegs; i++) {
				const px_segment *s = &n->segs[i];
				const char *h = s->heading, *last = strrchr(h, '>');
				const px_code *code;
				px_buf *target = &g->intro[l];
				size_t k;
				char *clean;

				/* the innermost heading names the code or category */
				last = last ? last + 1 : h;
				while (*last == ' ' || *last == '#')
					last++;
				code = px_codebook_resolve(cb, last, strlen(last));
				if (code)
					target = &g->code_text[l][code->index];
				for (k = 0; !code && k < cb->ncats; k++)
					if (!strcmp(cb->cats[k].id, last))
						target = &g->cat_text[l][k];
				clean = px_text_without_tags(s->text);
				px_xml_element(target, "p", NULL, clean);
				free(clean);
			}
		}
		px_note_free(n);
		px_diag_free(&quiet);
		px_buf_free(&path);
		px_buf_free(&src);
	}
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

static void put_source(px_buf *b, sqlite3_stmt *st, int first)
{
	px_xml_attr(b, "lang", strcmp(px_col(st, first), "fr") ? "nl" : "fr");
	px_xml_attr(b, "community", px_col(st, first + 1));
	px_xml_attr_int(b, "session", sqlite3_column_int64(st, first + 2));
	px_xml_attr(b, "date", px_col(st, first + 3));
	px_xml_attr(b, "path", px_col(st, first + 4));
	px_xml_attr_int(b, "line", sqlite3_column_int64(st, first + 5));
}

static int categories(gather *g)
{
	const px_codebook *cb = g->ix->kb->cb;
	sqlite3_stmt *raised = prep(g,
		"SELECT n.community, count(DISTINCT s.id), count(DISTINCT n.id) FROM segment_codes c"
		" JOIN segments s ON s.id = c.segment JOIN notes n ON n.id = s.note"
		" WHERE n.cycle = ?1 AND c.code = ?2 GROUP BY n.community ORDER BY n.community");
	sqlite3_stmt *by_session = prep(g,
		"SELECT n.session, count(DISTINCT s.id) FROM segment_codes c"
		" JOIN segments s ON s.id = c.segment JOIN notes n ON n.id = s.note"
		" WHERE n.cycle = ?1 AND c.code = ?2 AND n.session IS NOT NULL GROUP BY n.session ORDER BY 1");
	/* representative quotes: about this code above all (few other codes),
	 * of a readable length, then the earliest */
	sqlite3_stmt *quotes = prep(g,
		"SELECT s.text, n.lang, n.community, n.session, n.date, n.path, s.line FROM segment_codes c"
		" JOIN segments s ON s.id = c.segment JOIN notes n ON n.id = s.note"
		" WHERE n.cycle = ?1 AND c.code = ?2 AND s.kind = 'quote' AND n.lang = ?3"
		" AND n.date IS NOT NULL AND n.session IS NOT NULL"
		" ORDER BY (SELECT count(*) FROM segment_codes o WHERE o.segment = s.id),"
		" abs(length(s.text) - 160), n.date, s.id LIMIT 4");
	px_buf *b = g->out;
	size_t k, i;
	int rc = -1;

	if (!raised || !by_session || !quotes)
		goto cleanup;
	px_buf_puts(b, "<categories>\n");
	for (k = 0; k < cb->ncats; k++) {
		px_buf_puts(b, "<category");
		px_xml_attr(b, "id", cb->cats[k].id);
		px_buf_puts(b, ">");
		px_xml_labels(b, cb->cats[k].label, cb->cats[k].desc);
		put_narratives(b, g->cat_text, k);
		for (i = 0; i < cb->ncodes; i++) {
			const px_code *c = &cb->codes[i];
			long long segs = 0, notes = 0;
			px_buf inner = PX_BUF_INIT;
			int l;

			if (c->category != k)
				continue;
			sqlite3_bind_text(raised, 2, c->id, -1, SQLITE_STATIC);
			while (sqlite3_step(raised) == SQLITE_ROW) {
				px_buf_puts(&inner, "<raised");
				px_xml_attr(&inner, "community", px_col(raised, 0));
				px_xml_attr_int(&inner, "segments", sqlite3_column_int64(raised, 1));
				px_xml_attr_int(&inner, "notes", sqlite3_column_int64(raised, 2));
				px_buf_puts(&inner, "/>");
			}
			sqlite3_reset(raised);
			sqlite3_bind_text(by_session, 2, c->id, -1, SQLITE_STATIC);
			while (sqlite3_step(by_session) == SQLITE_ROW) {
				px_buf_puts(&inner, "<by-session");
				px_xml_attr_int(&inner, "n", sqlite3_column_int64(by_session, 0));
				px_xml_attr_int(&inner, "segments", sqlite3_column_int64(by_session, 1));
				px_buf_puts(&inner, "/>");
			}
			sqlite3_reset(by_session);
			put_narratives(&inner, g->code_text, i);
			for (l = 0; l < 2; l++) {
				sqlite3_bind_text(quotes, 2, c->id, -1, SQLITE_STATIC);
				sqlite3_bind_text(quotes, 3, l ? "fr" : "nl", -1, SQLITE_STATIC);
				while (sqlite3_step(quotes) == SQLITE_ROW) {
					char *clean = px_text_without_tags(px_col(quotes, 0));
					px_buf_puts(&inner, "<quote");
					put_source(&inner, quotes, 1);
					px_buf_puts(&inner, ">");
					px_buf_xml_str(&inner, clean);
					px_buf_puts(&inner, "</quote>");
					free(clean);
				}
				sqlite3_reset(quotes);
			}
			{
				/* totals over all communities */
				sqlite3_stmt *t = prep(g,
					"SELECT count(DISTINCT s.id), count(DISTINCT n.id) FROM segment_codes c"
					" JOIN segments s ON s.id = c.segment JOIN notes n ON n.id = s.note"
					" WHERE n.cycle = ?1 AND c.code = ?2");
				if (!t) {
					px_buf_free(&inner);
					goto cleanup;
				}
				sqlite3_bind_text(t, 2, c->id, -1, SQLITE_STATIC);
				if (sqlite3_step(t) == SQLITE_ROW) {
					segs = sqlite3_column_int64(t, 0);
					notes = sqlite3_column_int64(t, 1);
				}
				sqlite3_finalize(t);
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
		px_buf_puts(b, "\n</category>\n");
	}
	px_buf_puts(b, "</categories>\n");
	rc = 0;
cleanup:
	sqlite3_finalize(raised);
	sqlite3_finalize(by_session);
	sqlite3_finalize(quotes);
	return rc;
}

static int tail(gather *g)
{
	sqlite3_stmt *pairs = prep(g,
		"SELECT a.code, b.code, count(*) FROM segment_codes a"
		" JOIN segment_codes b ON b.segment = a.segment AND a.code < b.code"
		" JOIN segments s ON s.id = a.segment JOIN notes n ON n.id = s.note"
		" WHERE n.cycle = ?1 GROUP BY a.code, b.code ORDER BY 3 DESC, 1, 2");
	sqlite3_stmt *fu = prep(g,
		"SELECT s.text, n.lang, n.community, n.session, n.date, n.path, s.line, s.task"
		" FROM segments s JOIN notes n ON n.id = s.note"
		" WHERE n.cycle = ?1 AND s.task IS NOT NULL AND n.date IS NOT NULL AND n.session IS NOT NULL"
		" ORDER BY n.community, n.date, s.line");
	px_buf *b = g->out;
	int rc = -1;

	if (!pairs || !fu)
		goto cleanup;
	px_buf_puts(b, "<cooccurrence>");
	while (sqlite3_step(pairs) == SQLITE_ROW) {
		px_buf_puts(b, "\n<pair");
		px_xml_attr(b, "a", px_col(pairs, 0));
		px_xml_attr(b, "b", px_col(pairs, 1));
		px_xml_attr_int(b, "segments", sqlite3_column_int64(pairs, 2));
		px_buf_puts(b, "/>");
	}
	px_buf_puts(b, "</cooccurrence>\n<followups>");
	while (sqlite3_step(fu) == SQLITE_ROW) {
		char *clean = px_text_without_tags(px_col(fu, 0));
		px_buf_puts(b, "\n<followup");
		put_source(b, fu, 1);
		px_xml_attr(b, "done", sqlite3_column_int(fu, 7) ? "true" : "false");
		px_buf_puts(b, ">");
		px_buf_xml_str(b, clean);
		px_buf_puts(b, "</followup>");
		free(clean);
	}
	px_buf_puts(b, "</followups>\n</report>\n");
	rc = 0;
cleanup:
	sqlite3_finalize(pairs);
	sqlite3_finalize(fu);
	return rc;
}

int px_report_xml(px_index *ix, const char *cycle, px_buf *out, px_diag *d)
{
	const px_codebook *cb = ix->kb->cb;
	gather g;
	int l, rc = -1;
	size_t i;

	memset(&g, 0, sizeof g);
	g.ix = ix;
	g.cycle = cycle;
	g.out = out;
	g.d = d;
	for (l = 0; l < 2; l++) {
		g.code_text[l] = calloc(cb->ncodes + 1, sizeof(px_buf));
		g.cat_text[l] = calloc(cb->ncats + 1, sizeof(px_buf));
		if (!g.code_text[l] || !g.cat_text[l])
			goto cleanup;
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
	narratives(&g);
	if (communities(&g) < 0 || methods(&g) < 0)
		goto cleanup;
	if (g.intro[0].len || g.intro[1].len) {
		px_buf *intro[2] = { &g.intro[0], &g.intro[1] };
		px_buf_puts(out, "<introduction>");
		put_narratives(out, intro, 0);
		px_buf_puts(out, "</introduction>\n");
	}
	if (categories(&g) < 0 || tail(&g) < 0)
		goto cleanup;
	rc = 0;
cleanup:
	for (l = 0; l < 2; l++) {
		for (i = 0; g.code_text[l] && i < cb->ncodes; i++)
			px_buf_free(&g.code_text[l][i]);
		for (i = 0; g.cat_text[l] && i < cb->ncats; i++)
			px_buf_free(&g.cat_text[l][i]);
		free(g.code_text[l]);
		free(g.cat_text[l]);
		px_buf_free(&g.intro[l]);
	}
	return rc;
}
