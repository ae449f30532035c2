/*
 * qda.c - REFI-QDA export: the codebook (QDC) and the project (QDPX).
 * The import of a QDC is qda_import.c. doc/refi-qda.md is the mapping.
 */
#include <stdlib.h>
#include <string.h>

#include <zip.h>

#include "cycle.h"
#include "db.h"
#include "dl.h"
#include "fold.h"
#include "guid.h"
#include "kb.h"
#include "note.h"
#include "qda.h"
#include "store.h"
#include "xmlout.h"

/* libzip, opened by the project export only (dl.h) */
#define ZIP_FNS(X, T)                                                                     \
	X(T, zip_, open_from_source) X(T, zip_, close) X(T, zip_, discard)                \
	X(T, zip_, dir_add) X(T, zip_, file_add) X(T, zip_, file_set_mtime)               \
	X(T, zip_, get_error) X(T, zip_, error_init) X(T, zip_, error_fini)               \
	X(T, zip_, error_set) X(T, zip_, error_code_zip) X(T, zip_, error_strerror)       \
	X(T, zip_, source_buffer) X(T, zip_, source_buffer_create) X(T, zip_, source_keep) \
	X(T, zip_, source_free) X(T, zip_, source_open) X(T, zip_, source_read)           \
	X(T, zip_, source_close) X(T, zip_, source_stat) X(T, zip_, source_error)
PX_DL_LIBRARY(libzip, "libzip.so.4", "libzip4", ZIP_FNS);

#define NS_CODEBOOK "urn:QDA-XML:codebook:1.0"
#define NS_PROJECT "urn:QDA-XML:project:1.0"

/* The GUID of kind:key in g; when memory runs out, `b` (the document it
 * goes into) is marked failed, so the output is refused, never wrong. */
static void guid(px_buf *b, char g[PX_GUID_LEN + 1], const char *kind, const char *key)
{
	if (px_guid(g, kind, key) < 0)
		b->err = PX_BUF_ENOMEM;
}

/* ------------------------------------------------------------ codebook */

px_lang px_qda_default_lang(void)
{
	return px_ui_lang() == PX_LANG_FR ? PX_LANG_FR : PX_LANG_NL;
}

/* The Description of a code or category: both languages' label and
 * description, the aliases, and the id praxis knows it by. */
static void description(px_buf *b, char *const label[2], char *const desc[2], char *const *aliases,
			const int *alias_lang, size_t naliases, int ambivalent, const char *id)
{
	px_buf t = PX_BUF_INIT;
	size_t i;
	int l;

	for (l = 0; l < PX_CONTENT_LANGS; l++)
		px_buf_printf(&t, "[%s] %s\n%s\n", px_lang_code((px_lang)l), label[l] ? label[l] : "",
			      desc[l] ? desc[l] : "");
	for (l = 0; l < PX_CONTENT_LANGS; l++) {
		int any = 0;
		for (i = 0; i < naliases; i++) {
			if (alias_lang[i] != l)
				continue;
			px_buf_printf(&t, any ? " %s" : "[%s #] %s", any ? aliases[i] : px_lang_code((px_lang)l),
				      aliases[i]);
			any = 1;
		}
		if (any)
			px_buf_putc(&t, '\n');
	}
	if (ambivalent)
		px_buf_puts(&t, "[ambivalent]\n");
	px_buf_printf(&t, "[praxis] %s", id);
	px_xml_element(b, "Description", NULL, t.ptr);
	if (px_buf_failed(&t))
		b->err = t.err;
	px_buf_free(&t);
}

static void code_open(px_buf *b, const char *kind, const char *id, const char *name, int codable)
{
	char g[PX_GUID_LEN + 1];

	guid(b, g, kind, id);
	px_buf_puts(b, "<Code");
	px_xml_attr(b, "guid", g);
	px_xml_attr(b, "name", name);
	px_xml_attr(b, "isCodable", codable ? "true" : "false");
	px_buf_puts(b, ">");
}

/* The code whose id is the longest dotted prefix of code i's id within
 * its category: its parent in the tree (-1: the category). */
static long parent_of(const px_codebook *cb, size_t i)
{
	const char *id = cb->codes[i].id;
	size_t j, best_len = 0;
	long best = -1;

	for (j = 0; j < cb->ncodes; j++) {
		const char *p = cb->codes[j].id;
		size_t len = strlen(p);
		if (j == i || cb->codes[j].category != cb->codes[i].category)
			continue;
		if (len > best_len && !strncmp(id, p, len) && id[len] == '.') {
			best = (long)j;
			best_len = len;
		}
	}
	return best;
}

static void put_code(px_buf *b, const px_codebook *cb, const long *parent, size_t i, px_lang lang)
{
	const px_code *c = &cb->codes[i];
	size_t j;

	code_open(b, "code", c->id, c->label[lang], 1);
	description(b, c->label, c->desc, c->aliases, c->alias_lang, c->naliases, c->ambivalent,
		    c->id);
	for (j = 0; j < cb->ncodes; j++)
		if (parent[j] == (long)i)
			put_code(b, cb, parent, j, lang);
	px_buf_puts(b, "</Code>\n");
}

/* <Codes>: each category a code that cannot be coded, its codes nested
 * by their ids (a.b.c under a.b). */
static void put_codes(px_buf *b, const px_codebook *cb, px_lang lang)
{
	long *parent = calloc(cb->ncodes ? cb->ncodes : 1, sizeof *parent);
	size_t k, i;

	if (!parent) {
		b->err = PX_BUF_ENOMEM;
		return;
	}
	for (i = 0; i < cb->ncodes; i++)
		parent[i] = parent_of(cb, i);
	px_buf_puts(b, "<Codes>\n");
	for (k = 0; k < cb->ncats; k++) {
		const px_category *cat = &cb->cats[k];
		code_open(b, "category", cat->id, cat->label[lang], 0);
		description(b, cat->label, cat->desc, NULL, NULL, 0, 0, cat->id);
		px_buf_putc(b, '\n');
		for (i = 0; i < cb->ncodes; i++)
			if (cb->codes[i].category == k && parent[i] < 0)
				put_code(b, cb, parent, i, lang);
		px_buf_puts(b, "</Code>\n");
	}
	px_buf_puts(b, "</Codes>\n");
	free(parent);
}

void px_qda_codebook(px_buf *out, const px_codebook *cb, px_lang lang)
{
	px_buf_puts(out, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<CodeBook");
	px_xml_attr(out, "xmlns", NS_CODEBOOK);
	px_xml_attr(out, "origin", "praxis");
	px_buf_puts(out, ">\n");
	put_codes(out, cb, lang);
	px_buf_puts(out, "</CodeBook>\n");
}

/* ------------------------------------------------------------- project */

/* The variables of sources, cases and notes (doc/refi-qda.md). */
static const struct {
	const char *name, *type;
} variables[] = {
	{ "community", "Text" }, { "cycle", "Text" }, { "session", "Integer" },
	{ "date", "Date" }, { "language", "Text" }, { "attendance", "Integer" },
	{ "methods", "Text" }, { "themes", "Text" }, { "zone-nl", "Text" },
	{ "zone-fr", "Text" }, { "done", "Boolean" },
};

static void value(px_buf *b, const char *var, const char *type, const char *v)
{
	char g[PX_GUID_LEN + 1];

	guid(b, g, "variable", var);
	px_buf_puts(b, "<VariableValue><VariableRef");
	px_xml_attr(b, "targetGUID", g);
	px_buf_puts(b, "/>");
	px_xml_element(b, type, NULL, v);
	px_buf_puts(b, "</VariableValue>\n");
}

static void value_int(px_buf *b, const char *var, long long v)
{
	char s[32];

	snprintf(s, sizeof s, "%lld", v);
	value(b, var, "IntegerValue", s);
}

/* A source's plain text as it grows: its bytes and its length in code
 * points (REFI-QDA positions count code points from 0). */
typedef struct {
	px_buf text;
	size_t cps;
} plain;

/* Appends `s` to the text: made safe as for XML (text.h), line ends LF. */
static void plain_put(plain *p, const char *s)
{
	px_buf safe = PX_BUF_INIT;
	size_t i, from = p->text.len;

	px_buf_xml_text(&safe, s, strlen(s), 0);
	for (i = 0; i < safe.len; i++) {
		if (safe.ptr[i] == '\r') {
			if (i + 1 < safe.len && safe.ptr[i + 1] == '\n')
				continue;
			px_buf_putc(&p->text, '\n');
		} else {
			px_buf_putc(&p->text, safe.ptr[i]);
		}
	}
	if (px_buf_failed(&safe))
		p->text.err = safe.err;
	px_buf_free(&safe);
	p->cps += px_utf8_width(p->text.ptr + from, p->text.len - from);
}

typedef struct {
	char guid[PX_GUID_LEN + 1];
	px_buf text;
} source_file;

typedef struct {
	px_index *ix;
	const px_qda_opts *o;
	px_qda_counts *counts;
	px_buf sources, notes, noterefs;
	source_file *files;
	size_t nfiles;
	char **cycles; /* the cycles seen, for their synthesis texts */
	size_t ncycles;
} run;

static void note_text_source(px_buf *b, const char *guid, const char *name, const char *text)
{
	px_buf_puts(b, "<Note");
	px_xml_attr(b, "guid", guid);
	px_xml_attr(b, "name", name);
	px_buf_puts(b, ">");
	px_xml_element(b, "PlainTextContent", NULL, text);
}

/* One note: its text file, its TextSource with selections and codings,
 * its follow-ups as Notes. */
static int one_note(run *r, const px_db_note *n, px_diag *d)
{
	const px_codebook *cb = r->ix->kb->cb;
	px_db_segment *segs = NULL;
	px_db_coding *cod = NULL;
	char **methods = NULL, **themes = NULL;
	size_t nsegs = 0, ncod = 0, nmethods = 0, nthemes = 0, i, k, m;
	px_buf sel = PX_BUF_INIT, refs = PX_BUF_INIT, key = PX_BUF_INIT, list = PX_BUF_INIT;
	plain p = { PX_BUF_INIT, 0 };
	const char *last_heading = "";
	char g[PX_GUID_LEN + 1], sg[PX_GUID_LEN + 1];
	source_file *f;
	int y, mo, dd, rc = -1;

	if (px_db_export_segments(&segs, &nsegs, r->ix, n->id, d) < 0 ||
	    px_db_export_codings(&cod, &ncod, r->ix, n->id, d) < 0 ||
	    px_db_note_methods(&methods, &nmethods, r->ix, n->id, d) < 0 ||
	    px_db_export_themes(&themes, &nthemes, r->ix, n->id, d) < 0)
		goto cleanup;
	guid(&r->sources, sg, "source", n->path);
	if (*n->title) {
		plain_put(&p, n->title);
		plain_put(&p, "\n\n");
	}
	for (i = 0; i < nsegs; i++) {
		const px_db_segment *s = &segs[i];
		size_t start, ncodes = 0;
		if (*s->heading && strcmp(s->heading, last_heading)) {
			plain_put(&p, s->heading);
			plain_put(&p, "\n\n");
		}
		last_heading = s->heading;
		start = p.cps;
		plain_put(&p, s->text);
		px_buf_clear(&key);
		px_buf_printf(&key, "%s#%zu", n->path, i);
		if (px_buf_failed(&key))
			goto oom;
		for (m = 0; m < ncod; m++)
			ncodes += cod[m].segment == s->id && px_codebook_code(cb, cod[m].code);
		if (ncodes) {
			guid(&sel, g, "selection", key.ptr);
			px_buf_puts(&sel, "<PlainTextSelection");
			px_xml_attr(&sel, "guid", g);
			px_xml_attr_int(&sel, "startPosition", (long long)start);
			px_xml_attr_int(&sel, "endPosition", (long long)p.cps);
			px_buf_puts(&sel, ">\n");
			for (k = 0; k < ncod; k++) {
				px_buf ck = PX_BUF_INIT;
				char cg[PX_GUID_LEN + 1];
				if (cod[k].segment != s->id || !px_codebook_code(cb, cod[k].code))
					continue;
				px_buf_printf(&ck, "%s#%s", key.ptr, cod[k].code);
				if (px_buf_failed(&ck))
					sel.err = ck.err;
				guid(&sel, g, "coding", ck.ptr);
				guid(&sel, cg, "code", cod[k].code);
				px_buf_free(&ck);
				px_buf_puts(&sel, "<Coding");
				px_xml_attr(&sel, "guid", g);
				px_buf_puts(&sel, "><CodeRef");
				px_xml_attr(&sel, "targetGUID", cg);
				px_buf_puts(&sel, "/></Coding>\n");
				r->counts->codings++;
			}
			px_buf_puts(&sel, "</PlainTextSelection>\n");
			r->counts->selections++;
		}
		if (s->task >= 0) {
			px_buf name = PX_BUF_INIT;
			guid(&r->notes, g, "followup", key.ptr);
			px_buf_printf(&name, "%s: %ld", n->path, s->line);
			if (px_buf_failed(&name))
				r->notes.err = name.err;
			note_text_source(&r->notes, g, name.ptr, s->text);
			value(&r->notes, "done", "BooleanValue", s->task ? "true" : "false");
			px_buf_puts(&r->notes, "</Note>\n");
			px_buf_puts(&refs, "<NoteRef");
			px_xml_attr(&refs, "targetGUID", g);
			px_buf_puts(&refs, "/>\n");
			px_buf_free(&name);
			r->counts->notes++;
		}
		plain_put(&p, "\n\n");
	}

	px_buf_puts(&r->sources, "<TextSource");
	px_xml_attr(&r->sources, "guid", sg);
	px_xml_attr(&r->sources, "name", n->path);
	px_buf_printf(&r->sources, " plainTextPath=\"internal://%s.txt\">\n", sg);
	if (*n->summary)
		px_xml_element(&r->sources, "Description", NULL, n->summary);
	px_buf_put(&r->sources, sel.ptr, sel.len);
	px_buf_put(&r->sources, refs.ptr, refs.len);
	if (*n->community)
		value(&r->sources, "community", "TextValue", n->community);
	if (*n->cycle)
		value(&r->sources, "cycle", "TextValue", n->cycle);
	if (n->session > 0)
		value_int(&r->sources, "session", n->session);
	if (px_date_parse(n->date, &y, &mo, &dd) == 0)
		value(&r->sources, "date", "DateValue", n->date);
	if (*n->lang)
		value(&r->sources, "language", "TextValue", n->lang);
	if (n->attendance >= 0)
		value_int(&r->sources, "attendance", n->attendance);
	for (i = 0; i < nmethods; i++)
		px_buf_printf(&list, "%s%s", i ? " " : "", methods[i]);
	if (nmethods)
		value(&r->sources, "methods", "TextValue", list.ptr);
	px_buf_clear(&list);
	for (i = 0; i < nthemes; i++)
		px_buf_printf(&list, "%s%s", i ? " " : "", themes[i]);
	if (nthemes)
		value(&r->sources, "themes", "TextValue", list.ptr);
	px_buf_puts(&r->sources, "</TextSource>\n");
	if (px_buf_failed(&sel) || px_buf_failed(&refs) || px_buf_failed(&list))
		goto oom;

	f = realloc(r->files, (r->nfiles + 1) * sizeof *f);
	if (!f)
		goto oom;
	r->files = f;
	f = &r->files[r->nfiles++];
	memcpy(f->guid, sg, sizeof sg);
	f->text = p.text;
	p.text = (px_buf)PX_BUF_INIT;
	r->counts->sources++;
	if (*n->cycle) {
		for (i = 0; i < r->ncycles && strcmp(r->cycles[i], n->cycle); i++)
			;
		if (i == r->ncycles) {
			char **v = realloc(r->cycles, (r->ncycles + 1) * sizeof *v);
			if (!v)
				goto oom;
			r->cycles = v;
			if (!(v[r->ncycles] = strdup(n->cycle)))
				goto oom;
			r->ncycles++;
		}
	}
	rc = 0;
	goto cleanup;
oom:
	px_diag_add(d, NULL, 0, 0, PX_SEV_ERROR, "out-of-memory", MSG_OOM);
cleanup:
	px_db_segments_free(segs, nsegs);
	px_db_codings_free(cod, ncod);
	px_strv_free(methods, nmethods);
	px_strv_free(themes, nthemes);
	px_buf_free(&sel);
	px_buf_free(&refs);
	px_buf_free(&key);
	px_buf_free(&list);
	px_buf_free(&p.text);
	return rc;
}

/* The analysts' synthesis texts of the cycles exported, at HEAD: their
 * plain text (as for a source) as project Notes. */
static void synthesis(run *r)
{
	px_oid head;
	size_t c, i;
	int l;

	if (px_store_head(r->ix->store, &head, NULL) != 0)
		return;
	for (c = 0; c < r->ncycles; c++) {
		for (l = 0; l < PX_CONTENT_LANGS; l++) {
			px_buf path = PX_BUF_INIT, src = PX_BUF_INIT;
			px_diag quiet = PX_DIAG_INIT;
			plain p = { PX_BUF_INIT, 0 };
			px_note *n = NULL;
			const char *last = "";
			char g[PX_GUID_LEN + 1];

			px_buf_printf(&path, "%s/synthesis.%s.md", r->cycles[c], px_lang_code((px_lang)l));
			if (px_store_read(r->ix->store, &head, path.ptr, &src, NULL) == 0 &&
			    px_note_parse_body(&n, path.ptr, src.ptr, src.len, r->ix->kb->cb, &quiet) == 0 &&
			    n->nsegs) {
				for (i = 0; i < n->nsegs; i++) {
					if (*n->segs[i].heading && strcmp(n->segs[i].heading, last)) {
						plain_put(&p, n->segs[i].heading);
						plain_put(&p, "\n\n");
					}
					last = n->segs[i].heading;
					plain_put(&p, n->segs[i].text);
					plain_put(&p, "\n\n");
				}
				guid(&r->notes, g, "synthesis", path.ptr);
				note_text_source(&r->notes, g, path.ptr, p.text.ptr);
				value(&r->notes, "cycle", "TextValue", r->cycles[c]);
				value(&r->notes, "language", "TextValue", px_lang_code((px_lang)l));
				px_buf_puts(&r->notes, "</Note>\n");
				px_buf_puts(&r->noterefs, "<NoteRef");
				px_xml_attr(&r->noterefs, "targetGUID", g);
				px_buf_puts(&r->noterefs, "/>\n");
				r->counts->notes++;
			}
			px_note_free(n);
			px_diag_free(&quiet);
			px_buf_free(&path);
			px_buf_free(&src);
			px_buf_free(&p.text);
		}
	}
}

/* Each community of communities.yaml with notes in the export. */
static void cases(px_buf *b, run *r, const px_db_note *notes, size_t nnotes)
{
	const px_kb *kb = r->ix->kb;
	size_t c, i;
	int any = 0;

	for (c = 0; c < kb->ncommunities; c++) {
		const px_community *cm = &kb->communities[c];
		char g[PX_GUID_LEN + 1];
		int has = 0;

		for (i = 0; i < nnotes && !has; i++)
			has = !strcmp(notes[i].community, cm->id);
		if (!has)
			continue;
		if (!any)
			px_buf_puts(b, "<Cases>\n");
		any = 1;
		guid(b, g, "case", cm->id);
		px_buf_puts(b, "<Case");
		px_xml_attr(b, "guid", g);
		px_xml_attr(b, "name", cm->name[r->o->lang] ? cm->name[r->o->lang] : cm->id);
		px_buf_puts(b, ">\n");
		px_xml_element(b, "Description", NULL, cm->id);
		value(b, "community", "TextValue", cm->id);
		if (cm->zone[PX_LANG_NL])
			value(b, "zone-nl", "TextValue", cm->zone[PX_LANG_NL]);
		if (cm->zone[PX_LANG_FR])
			value(b, "zone-fr", "TextValue", cm->zone[PX_LANG_FR]);
		if (cm->lang)
			value(b, "language", "TextValue", cm->lang);
		for (i = 0; i < nnotes; i++) {
			if (strcmp(notes[i].community, cm->id))
				continue;
			guid(b, g, "source", notes[i].path);
			px_buf_puts(b, "<SourceRef");
			px_xml_attr(b, "targetGUID", g);
			px_buf_puts(b, "/>\n");
		}
		px_buf_puts(b, "</Case>\n");
		r->counts->cases++;
	}
	if (any)
		px_buf_puts(b, "</Cases>\n");
	for (i = 0; i < nnotes; i++)
		r->counts->uncased += !px_kb_community(kb, notes[i].community);
}

static void run_free(run *r)
{
	size_t i;

	for (i = 0; i < r->nfiles; i++)
		px_buf_free(&r->files[i].text);
	free(r->files);
	px_strv_free(r->cycles, r->ncycles);
	px_buf_free(&r->sources);
	px_buf_free(&r->notes);
	px_buf_free(&r->noterefs);
}

static int build(px_buf *qde, run *r, px_diag *d)
{
	px_db_scope scope = PX_DB_SCOPE_INIT;
	px_db_note *notes = NULL;
	size_t nnotes = 0, i;
	int rc = -1;

	scope.cycle = r->o->cycle;
	scope.community = r->o->community;
	if (px_db_export_notes(&notes, &nnotes, r->ix, &scope, d) < 0)
		return -1;
	for (i = 0; i < nnotes; i++)
		if (one_note(r, &notes[i], d) < 0)
			goto cleanup;
	synthesis(r);

	px_buf_puts(qde, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<Project");
	px_xml_attr(qde, "xmlns", NS_PROJECT);
	px_xml_attr(qde, "name", r->o->name);
	px_xml_attr(qde, "origin", "praxis");
	px_buf_puts(qde, ">\n<CodeBook>");
	put_codes(qde, r->ix->kb->cb, r->o->lang);
	px_buf_puts(qde, "</CodeBook>\n<Variables>\n");
	for (i = 0; i < sizeof variables / sizeof *variables; i++) {
		char g[PX_GUID_LEN + 1];
		guid(qde, g, "variable", variables[i].name);
		px_buf_puts(qde, "<Variable");
		px_xml_attr(qde, "guid", g);
		px_xml_attr(qde, "name", variables[i].name);
		px_xml_attr(qde, "typeOfVariable", variables[i].type);
		px_buf_puts(qde, "/>\n");
	}
	px_buf_puts(qde, "</Variables>\n");
	cases(qde, r, notes, nnotes);
	if (r->sources.len) {
		px_buf_puts(qde, "<Sources>\n");
		px_buf_put(qde, r->sources.ptr, r->sources.len);
		px_buf_puts(qde, "</Sources>\n");
	}
	if (r->notes.len) {
		px_buf_puts(qde, "<Notes>\n");
		px_buf_put(qde, r->notes.ptr, r->notes.len);
		px_buf_puts(qde, "</Notes>\n");
	}
	px_buf_put(qde, r->noterefs.ptr, r->noterefs.len);
	px_buf_puts(qde, "</Project>\n");
	if (px_buf_failed(qde) || px_buf_failed(&r->sources) || px_buf_failed(&r->notes) ||
	    px_buf_failed(&r->noterefs)) {
		px_diag_add(d, NULL, 0, 0, PX_SEV_ERROR, "out-of-memory", MSG_OOM);
		goto cleanup;
	}
	rc = 0;
cleanup:
	px_db_notes_free(notes, nnotes);
	return rc;
}

/* A fixed time for every entry (1 January 2000, UTC): the archive's bytes
 * depend on its content only. */
#define ZIP_MTIME ((time_t)946684800)

static int zip_fail(zip_error_t *ze, px_diag *d)
{
	px_diag_add(d, NULL, 0, 0, PX_SEV_ERROR, "environment", MSG_QDA_ZIP, libzip.error_strerror(ze));
	return -1;
}

static int add(zip_t *za, const char *name, const px_buf *b, zip_error_t *ze)
{
	zip_source_t *s = libzip.source_buffer(za, b->ptr, b->len, 0);
	zip_int64_t idx;

	if (!s || (idx = libzip.file_add(za, name, s, ZIP_FL_ENC_UTF_8)) < 0) {
		libzip.source_free(s);
		libzip.error_set(ze, libzip.error_code_zip(libzip.get_error(za)), 0);
		return -1;
	}
	if (libzip.file_set_mtime(za, (zip_uint64_t)idx, ZIP_MTIME, 0) < 0) {
		libzip.error_set(ze, libzip.error_code_zip(libzip.get_error(za)), 0);
		return -1;
	}
	return 0;
}

int px_qda_project(px_buf *zipbuf, px_qda_counts *counts, px_index *ix, const px_qda_opts *o,
		   px_diag *d)
{
	px_buf qde = PX_BUF_INIT;
	zip_source_t *mem = NULL;
	zip_t *za = NULL;
	zip_error_t ze;
	zip_stat_t zs;
	zip_int64_t dir;
	run r;
	size_t i;
	int rc = -1;

	memset(counts, 0, sizeof *counts);
	if (px_dl_load(&libzip_lib, d) < 0)
		return -1;
	memset(&r, 0, sizeof r);
	r.ix = ix;
	r.o = o;
	r.counts = counts;
	libzip.error_init(&ze);
	if (build(&qde, &r, d) < 0)
		goto cleanup;
	if (!(mem = libzip.source_buffer_create(NULL, 0, 0, &ze)))
		goto zfail;
	libzip.source_keep(mem);
	if (!(za = libzip.open_from_source(mem, ZIP_TRUNCATE, &ze)))
		goto zfail;
	if (add(za, "project.qde", &qde, &ze) < 0)
		goto zfail;
	if ((dir = libzip.dir_add(za, "sources", ZIP_FL_ENC_UTF_8)) < 0 ||
	    libzip.file_set_mtime(za, (zip_uint64_t)dir, ZIP_MTIME, 0) < 0) {
		libzip.error_set(&ze, libzip.error_code_zip(libzip.get_error(za)), 0);
		goto zfail;
	}
	for (i = 0; i < r.nfiles; i++) {
		char name[PX_GUID_LEN + 16];
		snprintf(name, sizeof name, "sources/%s.txt", r.files[i].guid);
		if (px_buf_failed(&r.files[i].text)) {
			px_diag_add(d, NULL, 0, 0, PX_SEV_ERROR, "out-of-memory", MSG_OOM);
			goto cleanup;
		}
		if (add(za, name, &r.files[i].text, &ze) < 0)
			goto zfail;
	}
	if (libzip.close(za) < 0) {
		libzip.error_set(&ze, libzip.error_code_zip(libzip.get_error(za)), 0);
		libzip.discard(za);
		za = NULL;
		goto zfail;
	}
	za = NULL;
	if (libzip.source_stat(mem, &zs) < 0 || libzip.source_open(mem) < 0) {
		libzip.error_set(&ze, libzip.error_code_zip(libzip.source_error(mem)), 0);
		goto zfail;
	}
	if (px_buf_grow(zipbuf, (size_t)zs.size) < 0) {
		libzip.source_close(mem);
		px_diag_add(d, NULL, 0, 0, PX_SEV_ERROR, "out-of-memory", MSG_OOM);
		goto cleanup;
	}
	if (libzip.source_read(mem, zipbuf->ptr + zipbuf->len, zs.size) != (zip_int64_t)zs.size) {
		libzip.error_set(&ze, libzip.error_code_zip(libzip.source_error(mem)), 0);
		libzip.source_close(mem);
		goto zfail;
	}
	zipbuf->len += (size_t)zs.size;
	zipbuf->ptr[zipbuf->len] = '\0';
	libzip.source_close(mem);
	rc = 0;
	goto cleanup;
zfail:
	zip_fail(&ze, d);
cleanup:
	if (za)
		libzip.discard(za);
	libzip.source_free(mem);
	libzip.error_fini(&ze);
	px_buf_free(&qde);
	run_free(&r);
	return rc;
}
