/*
 * qda_import.c - a REFI-QDA codebook (QDC) from another tool as a
 * knowledge base's codebook.xml (qda.h; doc/refi-qda.md).
 *
 * The tree: a top-level code with codes under it is a category, the codes
 * under it (at any depth) its codes, their ids the path of folded names
 * (role.listening.silence); top-level codes without codes under them go to
 * the category "imported". Two names of one parent folding to the same id
 * are an error (a hashtag must name one thing). A code praxis exported
 * (its Description ends in "[praxis] ID" and its GUID is ID's) keeps its
 * id, both languages' texts and its aliases.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "codebook.h"
#include "fold.h"
#include "guid.h"
#include "qda.h"
#include "xmlout.h"
#include "xml_int.h"

#define RULE "import"
#define IMPORTED "imported"

static const char *const namespaces[] = {
	"urn:QDA-XML:codebook:1.0", "urn:QDA-XML:codebook:1:0", "urn:QDA-XML:codebook:0:4",
};

/* One category or code to write. */
typedef struct {
	char *id;
	char *name;
	char *label[PX_CONTENT_LANGS], *desc[PX_CONTENT_LANGS];
	char *aliases[PX_CONTENT_LANGS]; /* space-separated, or NULL */
	int untranslated;                /* -1, or the language of the copies */
	int ambivalent;
	size_t cat;                      /* codes: their category's item */
	int is_cat;
	int line;
} item;

typedef struct {
	item *v;
	size_t n;
	px_lang lang;
	const char *display;
	px_diag *d;
	int oom;
} state;

static void item_clear(item *it)
{
	int l;

	free(it->id);
	free(it->name);
	for (l = 0; l < PX_CONTENT_LANGS; l++) {
		free(it->label[l]);
		free(it->desc[l]);
		free(it->aliases[l]);
	}
}

static int is_qdc(xmlNodePtr n, const char *name)
{
	size_t i;

	if (n->type != XML_ELEMENT_NODE || strcmp((const char *)n->name, name) || !n->ns ||
	    !n->ns->href)
		return 0;
	for (i = 0; i < sizeof namespaces / sizeof *namespaces; i++)
		if (!strcmp((const char *)n->ns->href, namespaces[i]))
			return 1;
	return 0;
}

static int has_codes(xmlNodePtr n)
{
	xmlNodePtr c;

	for (c = n->children; c; c = c->next)
		if (is_qdc(c, "Code"))
			return 1;
	return 0;
}

/* The text of `s` without white space at both ends (malloc'd). */
static char *trimmed(const char *s, size_t len)
{
	char *r;

	while (len && isspace((unsigned char)*s))
		s++, len--;
	while (len && isspace((unsigned char)s[len - 1]))
		len--;
	r = malloc(len + 1);
	if (r) {
		memcpy(r, s, len);
		r[len] = '\0';
	}
	return r;
}

/* What praxis wrote into a code's Description (qda.c): "[nl] LABEL",
 * lines of description, "[fr] LABEL", ..., "[nl #] ALIASES",
 * "[ambivalent]", "[praxis] ID". */
typedef struct {
	px_buf label[PX_CONTENT_LANGS], desc[PX_CONTENT_LANGS], aliases[PX_CONTENT_LANGS], id;
	int has_label[PX_CONTENT_LANGS];
	int ambivalent;
} marks;

static void marks_free(marks *m)
{
	int l;

	for (l = 0; l < PX_CONTENT_LANGS; l++) {
		px_buf_free(&m->label[l]);
		px_buf_free(&m->desc[l]);
		px_buf_free(&m->aliases[l]);
	}
	px_buf_free(&m->id);
}

static void marks_read(marks *m, const char *text)
{
	const char *p = text;
	int cur = -1, l;

	while (*p) {
		const char *e = strchr(p, '\n');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		int known = 0;
		if (len && p[len - 1] == '\r')
			len--;
		for (l = 0; l < PX_CONTENT_LANGS; l++) {
			const char *code = px_lang_code((px_lang)l);
			if (len >= 5 && p[0] == '[' && !strncmp(p + 1, code, 2) && !strncmp(p + 3, "] ", 2)) {
				px_buf_clear(&m->label[l]);
				px_buf_put(&m->label[l], p + 5, len - 5);
				m->has_label[l] = 1;
				cur = l;
				known = 1;
			} else if (len >= 7 && p[0] == '[' && !strncmp(p + 1, code, 2) &&
				   !strncmp(p + 3, " #] ", 4)) {
				px_buf_put(&m->aliases[l], p + 7, len - 7);
				cur = -1;
				known = 1;
			}
		}
		if (!known && len == 12 && !strncmp(p, "[ambivalent]", 12)) {
			m->ambivalent = 1;
			cur = -1;
		} else if (!known && len > 9 && !strncmp(p, "[praxis] ", 9)) {
			px_buf_clear(&m->id);
			px_buf_put(&m->id, p + 9, len - 9);
			cur = -1;
		} else if (!known && cur >= 0) {
			if (m->desc[cur].len)
				px_buf_putc(&m->desc[cur], '\n');
			px_buf_put(&m->desc[cur], p, len);
		}
		p += len;
		if (*p == '\r')
			p++;
		if (*p == '\n')
			p++;
	}
}

/* The id part for `name`: folded, runs of anything but a-z and 0-9 as one
 * '-', starting with a letter ("c-" before a digit, "code-N" when nothing
 * is left). */
static char *id_part(const char *name, size_t nth)
{
	char *f = px_fold(name, strlen(name)), *r;
	px_buf b = PX_BUF_INIT;
	const char *s;

	if (!f)
		return NULL;
	for (s = f; *s; s++) {
		if ((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9')) {
			if (!b.len && *s <= '9')
				px_buf_puts(&b, "c-");
			px_buf_putc(&b, *s);
		} else if (b.len && b.ptr[b.len - 1] != '-') {
			px_buf_putc(&b, '-');
		}
	}
	free(f);
	while (b.len && b.ptr[b.len - 1] == '-')
		px_buf_truncate(&b, b.len - 1);
	if (!b.len)
		px_buf_printf(&b, "code-%zu", nth);
	r = px_buf_detach(&b);
	return r;
}

static char *attr(xmlNodePtr n, const char *name)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
	char *r = v ? strdup((const char *)v) : NULL;

	xmlFree(v);
	return r;
}

static char *description_of(xmlNodePtr n)
{
	xmlNodePtr c;

	for (c = n->children; c; c = c->next)
		if (is_qdc(c, "Description")) {
			xmlChar *t = xmlNodeGetContent(c);
			char *r = t ? trimmed((const char *)t, strlen((const char *)t)) : strdup("");
			xmlFree(t);
			return r;
		}
	return strdup("");
}

/* Adds the item for code element `n` (a category when is_cat), its id
 * `prefix`.PART or the id praxis marked it with. 0, or -1 with the error
 * set (or s->oom). */
static int add_item(state *s, xmlNodePtr n, int is_cat, size_t cat, const char *prefix, size_t nth,
		    size_t *index)
{
	char *name = attr(n, "name"), *guid = attr(n, "guid"), *descr = NULL, *part = NULL;
	marks m;
	item *it, *v;
	size_t i;
	int l, rc = -1;

	memset(&m, 0, sizeof m);
	for (l = 0; l < PX_CONTENT_LANGS; l++)
		m.label[l] = m.desc[l] = m.aliases[l] = (px_buf)PX_BUF_INIT;
	m.id = (px_buf)PX_BUF_INIT;
	if (!name || !*name) {
		free(name);
		name = NULL;
		px_diag_add(s->d, s->display, (int)xmlGetLineNo(n), 0, PX_SEV_ERROR, RULE,
			    MSG_QDA_NO_NAME);
		goto cleanup;
	}
	if (!(descr = description_of(n))) {
		s->oom = 1;
		goto cleanup;
	}
	marks_read(&m, descr);
	v = realloc(s->v, (s->n + 1) * sizeof *v);
	if (!v) {
		s->oom = 1;
		goto cleanup;
	}
	s->v = v;
	it = &s->v[s->n];
	memset(it, 0, sizeof *it);
	it->is_cat = is_cat;
	it->cat = cat;
	it->line = (int)xmlGetLineNo(n);
	it->untranslated = -1;
	/* praxis' own code, recognised by its id and GUID */
	if (m.id.len && guid && px_guid_is(guid, is_cat ? "category" : "code", m.id.ptr) &&
	    (is_cat || (!strncmp(m.id.ptr, prefix, strlen(prefix)) &&
			m.id.ptr[strlen(prefix)] == '.'))) {
		it->id = strdup(m.id.ptr);
		for (l = 0; l < PX_CONTENT_LANGS; l++) {
			if (!m.has_label[l])
				continue;
			it->label[l] = strdup(m.label[l].ptr);
			it->desc[l] = trimmed(m.desc[l].ptr, m.desc[l].len);
			if (m.aliases[l].len)
				it->aliases[l] = strdup(m.aliases[l].ptr);
		}
		it->ambivalent = m.ambivalent;
	} else {
		part = id_part(name, nth);
		if (part) {
			px_buf b = PX_BUF_INIT;
			px_buf_printf(&b, "%s%s%s", prefix, *prefix ? "." : "", part);
			it->id = px_buf_detach(&b);
		}
	}
	s->n++;
	it->name = name;
	name = NULL;
	if (!it->id) {
		s->oom = 1;
		goto cleanup;
	}
	/* the name is the label in the import's language; what the other
	 * language lacks is a copy, marked to translate */
	if (!((it->label[0] && !strcmp(it->label[0], it->name)) ||
	      (it->label[1] && !strcmp(it->label[1], it->name)))) {
		free(it->label[s->lang]);
		it->label[s->lang] = strdup(it->name);
	}
	if (!it->desc[s->lang] || !*it->desc[s->lang]) {
		free(it->desc[s->lang]);
		it->desc[s->lang] = strdup(*descr && !m.id.len ? descr : it->name);
	}
	for (l = 0; l < PX_CONTENT_LANGS; l++) {
		if (it->label[l] && it->desc[l] && *it->desc[l])
			continue;
		it->untranslated = l;
		free(it->label[l]);
		free(it->desc[l]);
		it->label[l] = strdup(it->label[s->lang]);
		it->desc[l] = strdup(it->desc[s->lang]);
	}
	for (l = 0; l < PX_CONTENT_LANGS; l++)
		if (!it->label[l] || !it->desc[l]) {
			s->oom = 1;
			goto cleanup;
		}
	for (i = 0; i + 1 < s->n; i++)
		if (!strcmp(s->v[i].id, it->id)) {
			px_diag_add(s->d, s->display, it->line, 0, PX_SEV_ERROR, RULE, MSG_QDA_ID_CLASH,
				    it->name, s->v[i].name, it->id);
			goto cleanup;
		}
	*index = s->n - 1;
	rc = 0;
cleanup:
	free(name);
	free(guid);
	free(descr);
	free(part);
	marks_free(&m);
	return rc;
}

/* The codes under `n`, their ids under `prefix`. */
static int add_codes(state *s, xmlNodePtr n, size_t cat, const char *prefix)
{
	xmlNodePtr c;
	size_t nth = 0, at;

	for (c = n->children; c; c = c->next) {
		char *id;
		int rc;
		if (!is_qdc(c, "Code"))
			continue;
		if (add_item(s, c, 0, cat, prefix, ++nth, &at) < 0)
			return -1;
		if (!(id = strdup(s->v[at].id))) {
			s->oom = 1;
			return -1;
		}
		rc = add_codes(s, c, cat, id);
		free(id);
		if (rc < 0)
			return -1;
	}
	return 0;
}

/* The category of the top-level codes with no code under them. */
static int add_imported(state *s, size_t *at)
{
	static const char *const label[2] = { "Geïmporteerd", "Importé" };
	static const char *const desc[2] = {
		"Codes die in het ingevoerde codeboek onder geen andere code stonden.",
		"Codes qui, dans le livre de codes importé, ne relevaient d'aucun autre code.",
	};
	item *v = realloc(s->v, (s->n + 1) * sizeof *v);
	size_t i;
	int l;

	if (!v) {
		s->oom = 1;
		return -1;
	}
	s->v = v;
	memset(&v[s->n], 0, sizeof *v);
	v[s->n].is_cat = 1;
	v[s->n].untranslated = -1;
	v[s->n].id = strdup(IMPORTED);
	v[s->n].name = strdup(IMPORTED);
	for (l = 0; l < PX_CONTENT_LANGS; l++) {
		v[s->n].label[l] = strdup(label[l]);
		v[s->n].desc[l] = strdup(desc[l]);
		if (!v[s->n].label[l] || !v[s->n].desc[l])
			s->oom = 1;
	}
	s->n++;
	if (!v[s->n - 1].id || !v[s->n - 1].name || s->oom) {
		s->oom = 1;
		return -1;
	}
	for (i = 0; i + 1 < s->n; i++)
		if (!strcmp(s->v[i].id, IMPORTED)) {
			px_diag_add(s->d, s->display, s->v[i].line, 0, PX_SEV_ERROR, RULE,
				    MSG_QDA_ID_CLASH, s->v[i].name, IMPORTED, IMPORTED);
			return -1;
		}
	*at = s->n - 1;
	return 0;
}

static void put_aliases(px_buf *b, const char *list, int l)
{
	const char *p = list;

	while (p && *p) {
		size_t len = strcspn(p, " ");
		if (len) {
			px_buf_puts(b, "      <alias");
			px_xml_attr(b, "lang", px_lang_code((px_lang)l));
			px_buf_putc(b, '>');
			px_buf_xml_text(b, p, len, 1);
			px_buf_puts(b, "</alias>\n");
		}
		p += len;
		while (*p == ' ')
			p++;
	}
}

static void put_item(px_buf *b, const item *it, const char *indent)
{
	px_buf_printf(b, "%s  ", indent);
	px_xml_labels(b, it->label, it->desc);
	px_buf_putc(b, '\n');
	if (!it->is_cat) {
		put_aliases(b, it->aliases[PX_LANG_NL], PX_LANG_NL);
		put_aliases(b, it->aliases[PX_LANG_FR], PX_LANG_FR);
	}
}

static void put_open(px_buf *b, const item *it, const char *el)
{
	px_buf_printf(b, "<%s", el);
	px_xml_attr(b, "id", it->id);
	if (it->ambivalent)
		px_xml_attr(b, "ambivalent", "true");
	if (it->untranslated >= 0)
		px_xml_attr(b, "untranslated", px_lang_code((px_lang)it->untranslated));
	px_buf_puts(b, ">\n");
}

static void write_codebook(px_buf *out, const state *s, const px_codebook *current)
{
	size_t i, k;

	px_buf_puts(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		    "<!-- Made by praxis import codebook from a REFI-QDA codebook (doc/refi-qda.md).\n"
		    "     untranslated=\"LANG\": the label and description in LANG are copies of the\n"
		    "     other language's, to be translated; praxis check lists them. -->\n"
		    "<codebook xmlns=\"urn:praxis:codebook:1\" version=\"1\">\n");
	for (i = 0; i < s->n; i++) {
		if (!s->v[i].is_cat)
			continue;
		px_buf_puts(out, "  ");
		put_open(out, &s->v[i], "category");
		put_item(out, &s->v[i], "  ");
		for (k = 0; k < s->n; k++) {
			if (s->v[k].is_cat || s->v[k].cat != i)
				continue;
			px_buf_puts(out, "    ");
			put_open(out, &s->v[k], "code");
			put_item(out, &s->v[k], "    ");
			px_buf_puts(out, "    </code>\n");
		}
		px_buf_puts(out, "  </category>\n");
	}
	px_buf_puts(out, "  <methods>\n");
	for (i = 0; i < current->nmethods; i++) {
		const px_method *m = &current->methods[i];
		px_buf_puts(out, "    <method");
		px_xml_attr(out, "id", m->id);
		px_buf_puts(out, ">\n      ");
		px_xml_labels(out, m->label, m->desc);
		px_buf_putc(out, '\n');
		for (k = 0; k < m->naliases; k++) {
			px_buf_puts(out, "      <alias");
			px_xml_attr(out, "lang", px_lang_code((px_lang)m->alias_lang[k]));
			px_buf_putc(out, '>');
			px_buf_xml_str(out, m->aliases[k]);
			px_buf_puts(out, "</alias>\n");
		}
		px_buf_puts(out, "    </method>\n");
	}
	px_buf_puts(out, "  </methods>\n</codebook>\n");
}

int px_qda_import_codebook(px_buf *out, px_qda_import *made, const char *path,
			   const char *display, px_lang lang, const px_codebook *current,
			   px_diag *d)
{
	px_buf raw = PX_BUF_INIT;
	xmlDocPtr doc = NULL;
	xmlNodePtr root, codes = NULL, c;
	px_codebook *check = NULL;
	state s;
	size_t i, at, imported = (size_t)-1, nth = 0;
	int rc = -1;

	memset(&s, 0, sizeof s);
	memset(made, 0, sizeof *made);
	s.lang = lang;
	s.display = display;
	s.d = d;
	if (px_xml_load(&doc, &raw, path, display, RULE, d) < 0)
		goto cleanup;
	root = xmlDocGetRootElement(doc);
	if (!root || !is_qdc(root, "CodeBook")) {
		px_diag_add(d, display, root ? (int)xmlGetLineNo(root) : 0, 0, PX_SEV_ERROR, RULE,
			    MSG_QDA_NOT_CODEBOOK, display,
			    root ? (const char *)root->name : "",
			    root && root->ns && root->ns->href ? (const char *)root->ns->href : "");
		goto cleanup;
	}
	for (c = root->children; c && !codes; c = c->next)
		if (is_qdc(c, "Codes"))
			codes = c;
	if (!codes || !has_codes(codes)) {
		px_diag_add(d, display, (int)xmlGetLineNo(root), 0, PX_SEV_ERROR, RULE,
			    MSG_QDA_NO_CODES, display);
		goto cleanup;
	}
	/* categories first, in order, with their codes */
	for (c = codes->children; c; c = c->next) {
		char *id;
		int r;
		if (!is_qdc(c, "Code"))
			continue;
		nth++;
		if (!has_codes(c))
			continue;
		if (add_item(&s, c, 1, 0, "", nth, &at) < 0)
			goto fail;
		if (!(id = strdup(s.v[at].id))) {
			s.oom = 1;
			goto fail;
		}
		r = add_codes(&s, c, at, id);
		free(id);
		if (r < 0)
			goto fail;
	}
	nth = 0;
	for (c = codes->children; c; c = c->next) {
		if (!is_qdc(c, "Code"))
			continue;
		nth++;
		if (has_codes(c))
			continue;
		if (imported == (size_t)-1 && add_imported(&s, &imported) < 0)
			goto fail;
		if (add_item(&s, c, 0, imported, IMPORTED, nth, &at) < 0)
			goto fail;
	}
	write_codebook(out, &s, current);
	if (px_buf_failed(out)) {
		s.oom = 1;
		goto fail;
	}
	/* what it wrote must load as a codebook: the schema and its rules */
	if (px_codebook_load_mem(&check, out->ptr, out->len, "codebook.xml", NULL, d) < 0)
		goto cleanup;
	made->v = calloc(s.n ? s.n : 1, sizeof *made->v);
	if (!made->v) {
		s.oom = 1;
		goto fail;
	}
	for (i = 0; i < s.n; i++) {
		made->v[i].id = s.v[i].id;
		made->v[i].name = s.v[i].name;
		made->v[i].category = s.v[i].is_cat;
		made->v[i].untranslated = s.v[i].untranslated >= 0;
		s.v[i].id = s.v[i].name = NULL;
	}
	made->n = s.n;
	rc = 0;
	goto cleanup;
fail:
	if (s.oom)
		px_diag_add(d, display, 0, 0, PX_SEV_ERROR, "out-of-memory", MSG_OOM);
cleanup:
	for (i = 0; i < s.n; i++)
		item_clear(&s.v[i]);
	free(s.v);
	px_codebook_free(check);
	xmlFreeDoc(doc);
	px_buf_free(&raw);
	return rc;
}

void px_qda_import_free(px_qda_import *m)
{
	size_t i;

	for (i = 0; m && i < m->n; i++) {
		free(m->v[i].id);
		free(m->v[i].name);
	}
	if (m) {
		free(m->v);
		m->v = NULL;
		m->n = 0;
	}
}
