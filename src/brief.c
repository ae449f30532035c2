#include "brief.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cycle.h"
#include "note.h"
#include "xmlout.h"

#define EXPECTED_SESSIONS 10 /* a cycle has about 10 monthly sessions */
#define RECURRING_MAX 8
#define ELSEWHERE_PER_CODE 1

typedef struct {
	px_index *ix;
	const px_community *c;
	char *cycle;
	px_buf *out;
	px_diag *d;
} gather;

static sqlite3_stmt *prep(gather *g, const char *sql)
{
	sqlite3_stmt *st = NULL;

	if (sqlite3_prepare_v2(g->ix->db, sql, -1, &st, NULL) != SQLITE_OK) {
		px_index_error(g->d, g->ix->db);
		return NULL;
	}
	sqlite3_bind_text(st, 1, g->c->id, -1, SQLITE_STATIC);
	if (g->cycle && sqlite3_bind_parameter_count(st) >= 2)
		sqlite3_bind_text(st, 2, g->cycle, -1, SQLITE_STATIC);
	return st;
}

static void code_labels(gather *g, const char *id)
{
	const px_code *c = px_codebook_code(g->ix->kb->cb, id);
	char *none[2] = { (char *)id, (char *)id };

	px_xml_labels(g->out, c ? c->label : none, NULL);
}

/* path, line, session, date of columns first.. first+3 */
static void source(px_buf *b, sqlite3_stmt *st, int first)
{
	px_xml_attr(b, "path", px_col(st, first));
	px_xml_attr_int(b, "line", sqlite3_column_int64(st, first + 1));
	px_xml_attr_int(b, "session", sqlite3_column_int64(st, first + 2));
	px_xml_attr(b, "date", px_col(st, first + 3));
}

static int last_session(gather *g)
{
	sqlite3_stmt *st = prep(g,
		"SELECT id, path, 1, session, date, attendance, title, summary FROM notes"
		" WHERE community = ?1 AND cycle = ?2 AND date IS NOT NULL AND session IS NOT NULL"
		" ORDER BY session DESC, date DESC LIMIT 1");
	sqlite3_stmt *m = NULL, *codes = NULL;
	px_buf *b = g->out;
	int rc = -1;

	if (!st)
		return -1;
	if (sqlite3_step(st) != SQLITE_ROW) {
		rc = 0;
		goto cleanup;
	}
	m = prep(g, "SELECT method FROM note_methods WHERE note = ?2 AND ?1 = ?1");
	codes = prep(g,
		"SELECT code FROM (SELECT c.code FROM segment_codes c JOIN segments s ON s.id = c.segment"
		" WHERE s.note = ?2 UNION SELECT code FROM note_themes WHERE note = ?2) WHERE ?1 = ?1");
	if (!m || !codes)
		goto cleanup;
	px_buf_puts(b, "<last");
	source(b, st, 1);
	if (sqlite3_column_type(st, 5) != SQLITE_NULL)
		px_xml_attr_int(b, "attendance", sqlite3_column_int64(st, 5));
	px_buf_puts(b, ">");
	if (*px_col(st, 6))
		px_xml_element(b, "title", NULL, px_col(st, 6));
	if (*px_col(st, 7))
		px_xml_element(b, "summary", NULL, px_col(st, 7));
	sqlite3_bind_int64(m, 2, sqlite3_column_int64(st, 0));
	while (sqlite3_step(m) == SQLITE_ROW) {
		const px_method *me = px_codebook_method(g->ix->kb->cb, px_col(m, 0));
		char *none[2] = { (char *)px_col(m, 0), (char *)px_col(m, 0) };
		px_buf_puts(b, "<method");
		px_xml_attr(b, "id", px_col(m, 0));
		px_buf_puts(b, ">");
		px_xml_labels(b, me ? me->label : none, NULL);
		px_buf_puts(b, "</method>");
	}
	/* codes in codebook order */
	{
		const px_codebook *cb = g->ix->kb->cb;
		char *seen = calloc(cb->ncodes + 1, 1);
		size_t i;
		sqlite3_bind_int64(codes, 2, sqlite3_column_int64(st, 0));
		while (seen && sqlite3_step(codes) == SQLITE_ROW) {
			const px_code *c = px_codebook_code(cb, px_col(codes, 0));
			if (c)
				seen[c->index] = 1;
		}
		for (i = 0; seen && i < cb->ncodes; i++) {
			if (!seen[i])
				continue;
			px_buf_puts(b, "<code");
			px_xml_attr(b, "id", cb->codes[i].id);
			px_buf_puts(b, ">");
			code_labels(g, cb->codes[i].id);
			px_buf_puts(b, "</code>");
		}
		free(seen);
	}
	px_buf_puts(b, "</last>\n");
	rc = 0;
cleanup:
	sqlite3_finalize(st);
	sqlite3_finalize(m);
	sqlite3_finalize(codes);
	return rc;
}

static int followups(gather *g)
{
	sqlite3_stmt *st = prep(g,
		"SELECT s.text, n.path, s.line, n.session, n.date FROM segments s JOIN notes n ON n.id = s.note"
		" WHERE n.community = ?1 AND n.cycle = ?2 AND s.task = 0 AND n.date IS NOT NULL"
		" AND n.session IS NOT NULL ORDER BY n.date, n.path, s.line");
	px_buf *b = g->out;

	if (!st)
		return -1;
	px_buf_puts(b, "<followups>");
	while (sqlite3_step(st) == SQLITE_ROW) {
		char *clean = px_text_without_tags(px_col(st, 0));
		px_buf_puts(b, "\n<followup");
		source(b, st, 1);
		px_buf_puts(b, ">");
		px_buf_xml_str(b, clean);
		px_buf_puts(b, "</followup>");
		free(clean);
	}
	px_buf_puts(b, "</followups>\n");
	sqlite3_finalize(st);
	return 0;
}

static int recurring(gather *g, char ***codes, size_t *ncodes)
{
	sqlite3_stmt *st = prep(g,
		"SELECT c.code, count(DISTINCT n.session), count(DISTINCT s.id) FROM segment_codes c"
		" JOIN segments s ON s.id = c.segment JOIN notes n ON n.id = s.note"
		" WHERE n.community = ?1 AND n.cycle = ?2 GROUP BY c.code"
		" HAVING count(DISTINCT n.session) >= 2 ORDER BY 2 DESC, 3 DESC, 1 LIMIT 8");
	/* the same codes in the other communities of the cycle, in one pass
	 * over the cycle's notes */
	sqlite3_stmt *other = prep(g,
		"SELECT c.code, count(DISTINCT s.id), count(DISTINCT n.community)"
		" FROM notes n CROSS JOIN segments s ON s.note = n.id"
		" CROSS JOIN segment_codes c ON c.segment = s.id"
		" WHERE n.cycle = ?2 AND n.community != ?1 GROUP BY c.code");
	px_buf *b = g->out, rows = PX_BUF_INIT;
	int rc = -1;

	*codes = calloc(RECURRING_MAX + 1, sizeof **codes);
	*ncodes = 0;
	if (!st || !other || !*codes)
		goto cleanup;
	while (sqlite3_step(st) == SQLITE_ROW && *ncodes < RECURRING_MAX) {
		(*codes)[*ncodes] = strdup(px_col(st, 0));
		px_buf_printf(&rows, "%lld %lld\n", sqlite3_column_int64(st, 1), sqlite3_column_int64(st, 2));
		(*ncodes)++;
	}
	{
		long long *os = calloc(*ncodes + 1, sizeof *os), *oc = calloc(*ncodes + 1, sizeof *oc);
		const char *r = rows.ptr;
		size_t i;
		while (os && oc && sqlite3_step(other) == SQLITE_ROW)
			for (i = 0; i < *ncodes; i++)
				if (!strcmp((*codes)[i], px_col(other, 0))) {
					os[i] = sqlite3_column_int64(other, 1);
					oc[i] = sqlite3_column_int64(other, 2);
				}
		px_buf_puts(b, "<recurring>");
		for (i = 0; os && oc && i < *ncodes; i++) {
			long long sessions = strtoll(r, (char **)&r, 10), segments = strtoll(r, (char **)&r, 10);
			px_buf_puts(b, "\n<code");
			px_xml_attr(b, "id", (*codes)[i]);
			px_xml_attr_int(b, "sessions", sessions);
			px_xml_attr_int(b, "segments", segments);
			px_xml_attr_int(b, "other-segments", os[i]);
			px_xml_attr_int(b, "other-communities", oc[i]);
			px_buf_puts(b, ">");
			code_labels(g, (*codes)[i]);
			px_buf_puts(b, "</code>");
		}
		px_buf_puts(b, "</recurring>\n");
		rc = os && oc ? 0 : -1;
		free(os);
		free(oc);
	}
cleanup:
	px_buf_free(&rows);
	sqlite3_finalize(st);
	sqlite3_finalize(other);
	return rc;
}

/* What other communities said lately on the recurring codes: quotes
 * first, then the newest. */
static int elsewhere(gather *g, char **codes, size_t ncodes)
{
	sqlite3_stmt *st = prep(g,
		"SELECT n.path, s.line, n.session, n.date, n.community, s.kind, s.text"
		" FROM segment_codes c JOIN segments s ON s.id = c.segment JOIN notes n ON n.id = s.note"
		" WHERE n.community != ?1 AND c.code = ?2 AND n.cycle = ?3 AND n.date IS NOT NULL"
		" AND n.session IS NOT NULL ORDER BY n.date DESC, s.kind = 'quote' DESC, s.line LIMIT 4");
	px_buf *b = g->out, seen = PX_BUF_INIT;
	size_t i;

	if (!st)
		return -1;
	px_buf_puts(b, "<elsewhere>");
	sqlite3_bind_text(st, 3, g->cycle, -1, SQLITE_STATIC);
	for (i = 0; i < ncodes; i++) {
		int shown = 0;
		sqlite3_bind_text(st, 2, codes[i], -1, SQLITE_STATIC);
		while (shown < ELSEWHERE_PER_CODE && sqlite3_step(st) == SQLITE_ROW) {
			const px_community *c = px_kb_community(g->ix->kb, px_col(st, 4));
			px_buf key = PX_BUF_INIT;
			char *clean;
			/* one segment raised by two recurring codes is shown once */
			px_buf_printf(&key, "\n%s:%lld\n", px_col(st, 0), sqlite3_column_int64(st, 1));
			if (seen.len && strstr(seen.ptr, key.ptr)) {
				px_buf_free(&key);
				continue;
			}
			px_buf_puts(&seen, key.ptr + 1);
			px_buf_free(&key);
			shown++;
			clean = px_text_without_tags(px_col(st, 6));
			px_buf_puts(b, "\n<segment");
			source(b, st, 0);
			px_xml_attr(b, "community", px_col(st, 4));
			px_xml_attr(b, "code", codes[i]);
			px_xml_attr(b, "kind", px_col(st, 5));
			px_buf_puts(b, ">");
			px_xml_element(b, "community-name", "nl", c ? c->name[PX_LANG_NL] : px_col(st, 4));
			px_xml_element(b, "community-name", "fr", c ? c->name[PX_LANG_FR] : px_col(st, 4));
			px_xml_element(b, "text", NULL, clean);
			px_buf_puts(b, "</segment>");
			free(clean);
		}
		sqlite3_reset(st);
	}
	px_buf_puts(b, "</elsewhere>\n");
	px_buf_free(&seen);
	sqlite3_finalize(st);
	return 0;
}

static int attendance(gather *g)
{
	sqlite3_stmt *st = prep(g,
		"SELECT session, date, attendance FROM notes WHERE community = ?1 AND cycle = ?2"
		" AND session IS NOT NULL AND date IS NOT NULL ORDER BY session, date");
	px_buf *b = g->out;

	if (!st)
		return -1;
	px_buf_puts(b, "<attendance>");
	while (sqlite3_step(st) == SQLITE_ROW) {
		px_buf_puts(b, "<session");
		px_xml_attr_int(b, "n", sqlite3_column_int64(st, 0));
		px_xml_attr(b, "date", px_col(st, 1));
		if (sqlite3_column_type(st, 2) != SQLITE_NULL)
			px_xml_attr_int(b, "attendance", sqlite3_column_int64(st, 2));
		px_buf_puts(b, "/>");
	}
	px_buf_puts(b, "</attendance>\n");
	sqlite3_finalize(st);
	return 0;
}

int px_brief_xml(px_index *ix, const px_community *community, const char *lang, px_buf *out,
		 px_diag *d)
{
	gather g = { ix, community, NULL, out, d };
	sqlite3_stmt *st;
	char **codes = NULL, today[PX_DATE_SIZE];
	size_t ncodes = 0, i;
	long long next = 1;
	int rc = -1;

	st = prep(&g, "SELECT cycle, max(session) FROM notes WHERE community = ?1 AND cycle IS NOT NULL"
		      " GROUP BY cycle ORDER BY cycle DESC LIMIT 1");
	if (!st)
		return -1;
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_finalize(st);
		return 1;
	}
	g.cycle = strdup(px_col(st, 0));
	next = sqlite3_column_int64(st, 1) + 1;
	sqlite3_finalize(st);
	if (px_today(today, d) < 0)
		goto cleanup;

	px_buf_puts(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<brief xmlns=\"urn:praxis:brief:1\"");
	px_xml_attr(out, "community", community->id);
	px_xml_attr(out, "lang", lang);
	px_xml_attr(out, "cycle", g.cycle);
	px_xml_attr_int(out, "next-session", next);
	px_xml_attr_int(out, "expected-sessions", EXPECTED_SESSIONS);
	px_xml_attr(out, "generated", today);
	px_buf_puts(out, ">\n");
	px_xml_element(out, "name", "nl", community->name[PX_LANG_NL]);
	px_xml_element(out, "name", "fr", community->name[PX_LANG_FR]);
	px_xml_element(out, "zone", "nl", community->zone[PX_LANG_NL]);
	px_xml_element(out, "zone", "fr", community->zone[PX_LANG_FR]);
	for (i = 0; i < community->nmoderators; i++)
		px_xml_element(out, "moderator", NULL, community->moderators[i]);
	px_buf_putc(out, '\n');
	if (last_session(&g) < 0 || followups(&g) < 0 || recurring(&g, &codes, &ncodes) < 0 ||
	    elsewhere(&g, codes, ncodes) < 0 || attendance(&g) < 0)
		goto cleanup;
	px_buf_puts(out, "</brief>\n");
	rc = 0;
cleanup:
	px_strv_free(codes, ncodes);
	free(g.cycle);
	return rc;
}
