#include "codebook.h"

#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data.h"
#include "fold.h"
#include "xml_int.h"

struct px_cb_name {
	char *folded;
	size_t ncp; /* code points in folded, as px_edit_distance counts them */
	const char *shown; /* borrowed: the id or alias as written */
	size_t code;
	int lang;          /* of an alias; -1 for an id */
};



static int is_el(xmlNodePtr n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, name);
}

/* Copies of the document's strings; a failed copy sets *oom, and the
 * load fails (never a code without its id, label or alias). */
static char *attr(xmlNodePtr n, const char *name, int *oom)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
	char *s;

	if (!v)
		return NULL;
	s = strdup((const char *)v);
	xmlFree(v);
	if (!s)
		*oom = 1;
	return s;
}

/* untranslated="nl|fr" (the schema allows only these): 1 + the language,
 * or 0. */
static int untranslated(xmlNodePtr n, int *oom)
{
	char *v = attr(n, "untranslated", oom);
	int l = !v ? 0 : 1 + (!strcmp(v, "fr") ? PX_LANG_FR : PX_LANG_NL);

	free(v);
	return l;
}

static char *text(xmlNodePtr n, int *oom)
{
	xmlChar *v = xmlNodeGetContent(n);
	char *s = strdup(v ? (const char *)v : "");
	xmlFree(v);
	if (!s)
		*oom = 1;
	return s;
}

static int lang_index(xmlNodePtr n)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)"lang");
	int i = -1;

	if (v && !strcmp((const char *)v, "nl"))
		i = PX_LANG_NL;
	else if (v && !strcmp((const char *)v, "fr"))
		i = PX_LANG_FR;
	xmlFree(v);
	return i;
}

/* Reads the label/description children shared by categories, codes and
 * methods; a missing one is reported. */
static int read_texts(xmlNodePtr el, const char *id, char *label[2], char *desc[2],
		      const char *file, px_diag *d, int *oom)
{
	static const char *const what[2] = { "label", "description" };
	xmlNodePtr c;
	int i, rc = 0;

	for (c = el->children; c; c = c->next) {
		int l = lang_index(c);
		if (l < 0)
			continue;
		if (is_el(c, "label") && !label[l])
			label[l] = text(c, oom);
		else if (is_el(c, "description") && !desc[l])
			desc[l] = text(c, oom);
	}
	if (*oom)
		return -1;
	for (i = 0; i < 2; i++) {
		int w;
		for (w = 0; w < 2; w++) {
			char *s = w ? desc[i] : label[i];
			if (!s || !*s) {
				px_diag_add(d, file, (int)xmlGetLineNo(el), 0, PX_SEV_ERROR,
					    "codebook-invalid", MSG_CODEBOOK_LABEL, id, what[w],
					    px_lang_code((px_lang)i));
				rc = -1;
			}
		}
	}
	return rc;
}

static int cmp_name(const void *a, const void *b)
{
	const struct px_cb_name *x = a, *y = b;
	return strcmp(x->folded, y->folded);
}

/* The length px_edit_distance sees: code points, at most PX_EDIT_MAX. */
static size_t edit_len(const char *s)
{
	size_t n = 0;

	for (; *s && n < PX_EDIT_MAX; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

static int add_name(px_codebook *cb, const char *shown, size_t code, int lang)
{
	struct px_cb_name *n = &cb->names[cb->nnames];

	n->folded = px_fold(shown, strlen(shown));
	if (!n->folded)
		return -1; /* out of memory */
	n->ncp = edit_len(n->folded);
	n->shown = shown;
	n->code = code;
	n->lang = lang;
	cb->nnames++;
	return 0;
}

static const char *owner_id(const px_codebook *cb, size_t code)
{
	return code == SIZE_MAX ? "?" : cb->codes[code].id;
}

static size_t count_children(xmlNodePtr el, const char *name)
{
	size_t n = 0;
	xmlNodePtr c;

	for (c = el->children; c; c = c->next)
		n += is_el(c, name);
	return n;
}

/* The <alias lang="..."> children of a code or method. */
static int read_aliases(xmlNodePtr el, char ***aliases, int **langs, size_t *n, int *oom)
{
	size_t na = count_children(el, "alias");
	xmlNodePtr a;

	*aliases = calloc(na ? na : 1, sizeof **aliases);
	*langs = calloc(na ? na : 1, sizeof **langs);
	if (!*aliases || !*langs) {
		*oom = 1;
		return -1;
	}
	for (a = el->children; a; a = a->next) {
		if (!is_el(a, "alias"))
			continue;
		(*langs)[*n] = lang_index(a) == PX_LANG_FR ? PX_LANG_FR : PX_LANG_NL;
		if (!((*aliases)[*n] = text(a, oom)))
			return -1;
		(*n)++;
	}
	return 0;
}

/* Whether this exact codebook already passed this exact schema: a
 * digest of both in `cache` (GITDIR/praxis/codebook-valid). The schema
 * check is the slow part of loading and the codebook rarely changes. */
static int known_valid(const char *cache, const char *data, size_t len, const char *rng,
		       char digest[17])
{
	px_buf schema = PX_BUF_INIT, seen = PX_BUF_INIT;
	int ok = 0;

	digest[0] = '\0';
	if (!cache || px_buf_read_file(&schema, rng, 1 << 20) < 0)
		goto done;
	px_digest_hex(digest, px_fnv1a(px_fnv1a(PX_FNV_INIT, data, len), schema.ptr, schema.len));
	ok = px_buf_read_file(&seen, cache, 64) == 0 && !strcmp(seen.ptr, digest);
done:
	px_buf_free(&schema);
	px_buf_free(&seen);
	return ok;
}

int px_codebook_load(px_codebook **out, const char *path, const char *display, px_diag *d)
{
	return px_codebook_load_cached(out, path, display, NULL, d);
}

int px_codebook_load_cached(px_codebook **out, const char *path, const char *display,
			    const char *cache, px_diag *d)
{
	px_buf raw = PX_BUF_INIT;
	int rc;

	*out = NULL;
	if (px_xml_slurp(&raw, path, display, "codebook-invalid", d) < 0) {
		px_buf_free(&raw);
		return -1;
	}
	rc = px_codebook_load_mem(out, raw.ptr, raw.len, display, cache, d);
	px_buf_free(&raw);
	return rc;
}

/* One <category> and its codes, appended to the codebook's arrays
 * (sized beforehand); `nnames` counts the ids and aliases read. */
static int read_category(px_codebook *cb, xmlNodePtr cat, size_t chapter, size_t *nnames,
			 const char *display, px_diag *d, int *oom)
{
	px_category *k = &cb->cats[cb->ncats++];
	xmlNodePtr c;
	int rc = 0;

	k->id = attr(cat, "id", oom);
	k->chapter = chapter;
	k->untranslated = untranslated(cat, oom);
	k->line = (int)xmlGetLineNo(cat);
	rc |= read_texts(cat, k->id, k->label, k->desc, display, d, oom);
	for (c = cat->children; c; c = c->next) {
		px_code *code;
		char *amb;
		if (!is_el(c, "code"))
			continue;
		code = &cb->codes[cb->ncodes];
		code->index = cb->ncodes++;
		code->id = attr(c, "id", oom);
		code->category = cb->ncats - 1;
		amb = attr(c, "ambivalent", oom);
		code->ambivalent = amb && !strcmp(amb, "true");
		free(amb);
		code->untranslated = untranslated(c, oom);
		code->line = (int)xmlGetLineNo(c);
		rc |= read_texts(c, code->id, code->label, code->desc, display, d, oom);
		if (read_aliases(c, &code->aliases, &code->alias_lang, &code->naliases, oom) < 0)
			return -1;
		*nnames += 1 + code->naliases;
	}
	return rc;
}

int px_codebook_load_mem(px_codebook **out, const char *data, size_t len, const char *display,
			 const char *cache, px_diag *d)
{
	char digest[17];
	int oom = 0;
	px_codebook *cb = NULL;
	xmlDocPtr doc = NULL;
	xmlNodePtr root, cat, c;
	px_buf err = PX_BUF_INIT;
	char *rng = NULL;
	size_t ncodes = 0, nnames = 0, i;
	int line = 0, rc = -1;

	*out = NULL;
	if (px_xml_load_mem(&doc, data, len, display, "codebook-invalid", d) < 0)
		goto cleanup;
	rng = px_data_path("schema/codebook.rng");
	if (!rng) {
		px_diag_add(d, display, 0, 0, PX_SEV_ERROR, "environment", MSG_NO_SCHEMA);
		goto cleanup;
	}
	if (!known_valid(cache, data, len, rng, digest)) {
		if (px_xml_validate(doc, rng, &err, &line) < 0) {
			px_diag_add(d, display, line, 0, PX_SEV_ERROR, "codebook-invalid",
				    MSG_CODEBOOK_SCHEMA, err.ptr);
			goto cleanup;
		}
		if (cache && digest[0]) {
			/* best effort: a cache that cannot be written is only slower */
			FILE *f = fopen(cache, "w");
			if (f) {
				fputs(digest, f);
				fclose(f);
			}
		}
	}

	cb = calloc(1, sizeof *cb);
	if (!cb) {
		oom = 1;
		goto cleanup;
	}
	root = xmlDocGetRootElement(doc);
	cb->ncats = count_children(root, "category");
	cb->nchapters = count_children(root, "chapter");
	for (cat = root->children; cat; cat = cat->next) {
		if (is_el(cat, "category")) {
			ncodes += count_children(cat, "code");
		} else if (is_el(cat, "chapter")) {
			cb->ncats += count_children(cat, "category");
			for (c = cat->children; c; c = c->next)
				if (is_el(c, "category"))
					ncodes += count_children(c, "code");
		} else if (is_el(cat, "methods")) {
			cb->nmethods = count_children(cat, "method");
		}
	}
	cb->chapters = calloc(cb->nchapters ? cb->nchapters : 1, sizeof *cb->chapters);
	cb->cats = calloc(cb->ncats ? cb->ncats : 1, sizeof *cb->cats);
	cb->codes = calloc(ncodes ? ncodes : 1, sizeof *cb->codes);
	cb->methods = calloc(cb->nmethods ? cb->nmethods : 1, sizeof *cb->methods);
	if (!cb->chapters || !cb->cats || !cb->codes || !cb->methods) {
		cb->ncats = cb->nmethods = cb->nchapters = 0; /* nothing read yet to free */
		oom = 1;
		goto cleanup;
	}

	rc = 0;
	cb->ncats = 0;
	cb->nmethods = 0;
	cb->nchapters = 0;
	for (cat = root->children; cat; cat = cat->next) {
		if (is_el(cat, "category")) {
			rc |= read_category(cb, cat, PX_NO_CHAPTER, &nnames, display, d, &oom);
		} else if (is_el(cat, "chapter")) {
			px_chapter *ch = &cb->chapters[cb->nchapters++];
			xmlNodePtr t;
			ch->id = attr(cat, "id", &oom);
			for (t = cat->children; t; t = t->next) {
				int l = lang_index(t);
				if (l >= 0 && is_el(t, "label") && !ch->label[l])
					ch->label[l] = text(t, &oom);
				else if (l >= 0 && is_el(t, "description") && !ch->desc[l])
					ch->desc[l] = text(t, &oom);
			}
			for (t = cat->children; t; t = t->next)
				if (is_el(t, "category"))
					rc |= read_category(cb, t, cb->nchapters - 1, &nnames, display, d,
							    &oom);
		} else if (is_el(cat, "methods")) {
			for (c = cat->children; c; c = c->next) {
				px_method *m;
				if (!is_el(c, "method"))
					continue;
				m = &cb->methods[cb->nmethods++];
				m->id = attr(c, "id", &oom);
				rc |= read_texts(c, m->id, m->label, m->desc, display, d, &oom);
				if (read_aliases(c, &m->aliases, &m->alias_lang, &m->naliases, &oom) < 0) {
					rc = -1;
					goto cleanup;
				}
			}
		}
		if (oom) {
			rc = -1;
			goto cleanup;
		}
	}
	/* a chapter's, a category's and a code's id name one thing: the
	 * synthesis texts' headings resolve through them */
	for (i = 0; i < cb->nchapters; i++) {
		size_t k;
		for (k = 0; k < cb->ncats; k++)
			if (!strcmp(cb->chapters[i].id, cb->cats[k].id)) {
				px_diag_add(d, display, 0, 0, PX_SEV_ERROR, "codebook-duplicate-alias",
					    MSG_CODEBOOK_DUP, cb->chapters[i].id, cb->chapters[i].id,
					    cb->cats[k].id);
				rc = -1;
			}
		for (k = 0; k < i; k++)
			if (!strcmp(cb->chapters[i].id, cb->chapters[k].id)) {
				px_diag_add(d, display, 0, 0, PX_SEV_ERROR, "codebook-duplicate-alias",
					    MSG_CODEBOOK_DUP, cb->chapters[i].id, cb->chapters[k].id,
					    cb->chapters[i].id);
				rc = -1;
			}
	}
	if (rc)
		goto cleanup;
	if (rc)
		goto cleanup;

	/* every id and alias, folded, must name exactly one code */
	cb->names = calloc(nnames ? nnames : 1, sizeof *cb->names);
	if (!cb->names) {
		oom = 1;
		rc = -1;
		goto cleanup;
	}
	for (i = 0; i < cb->ncodes; i++) {
		size_t k;
		rc |= add_name(cb, cb->codes[i].id, i, -1);
		for (k = 0; k < cb->codes[i].naliases; k++)
			rc |= add_name(cb, cb->codes[i].aliases[k], i, cb->codes[i].alias_lang[k]);
	}
	if (rc)
		oom = 1;
	if (rc)
		goto cleanup;
	qsort(cb->names, cb->nnames, sizeof *cb->names, cmp_name);
	for (i = 1; i < cb->nnames; i++) {
		if (strcmp(cb->names[i - 1].folded, cb->names[i].folded))
			continue;
		if (cb->names[i - 1].code == cb->names[i].code)
			continue; /* the same word twice for one code is harmless */
		px_diag_add(d, display, 0, 0, PX_SEV_ERROR, "codebook-duplicate-alias",
			    MSG_CODEBOOK_DUP, cb->names[i].shown,
			    owner_id(cb, cb->names[i - 1].code), owner_id(cb, cb->names[i].code));
		rc = -1;
	}
	if (rc)
		goto cleanup;
	{
		char hex[17];
		px_digest_hex(hex, px_fnv1a(PX_FNV_INIT, data, len));
		cb->digest = strdup(hex);
		if (!cb->digest) {
			oom = 1;
			rc = -1;
			goto cleanup;
		}
	}
	*out = cb;
	cb = NULL;
cleanup:
	if (oom) {
		px_diag_add(d, display, 0, 0, PX_SEV_ERROR, "out-of-memory", MSG_OOM);
		rc = -1;
	}
	if (rc == 0 && !*out)
		rc = -1;
	px_codebook_free(cb);
	xmlFreeDoc(doc);
	free(rng);
	px_buf_free(&err);
	return rc;
}

static void free_texts(char *label[2], char *desc[2])
{
	int i;

	for (i = 0; i < 2; i++) {
		free(label[i]);
		free(desc[i]);
	}
}

void px_codebook_free(px_codebook *cb)
{
	size_t i, k;

	if (!cb)
		return;
	for (i = 0; i < cb->nchapters; i++) {
		free(cb->chapters[i].id);
		free_texts(cb->chapters[i].label, cb->chapters[i].desc);
	}
	free(cb->chapters);
	for (i = 0; i < cb->ncats; i++) {
		free(cb->cats[i].id);
		free_texts(cb->cats[i].label, cb->cats[i].desc);
	}
	for (i = 0; i < cb->ncodes; i++) {
		free(cb->codes[i].id);
		free_texts(cb->codes[i].label, cb->codes[i].desc);
		for (k = 0; k < cb->codes[i].naliases; k++)
			free(cb->codes[i].aliases[k]);
		free(cb->codes[i].aliases);
		free(cb->codes[i].alias_lang);
	}
	for (i = 0; i < cb->nmethods; i++) {
		free(cb->methods[i].id);
		free_texts(cb->methods[i].label, cb->methods[i].desc);
		for (k = 0; k < cb->methods[i].naliases; k++)
			free(cb->methods[i].aliases[k]);
		free(cb->methods[i].aliases);
		free(cb->methods[i].alias_lang);
	}
	for (i = 0; i < cb->nnames; i++)
		free(cb->names[i].folded);
	free(cb->names);
	free(cb->cats);
	free(cb->codes);
	free(cb->methods);
	free(cb->digest);
	free(cb);
}

const px_code *px_codebook_resolve(const px_codebook *cb, const char *tag, size_t len)
{
	struct px_cb_name key, *hit;
	char *f = px_fold(tag, len);

	if (!f)
		return NULL;
	key.folded = f;
	hit = bsearch(&key, cb->names, cb->nnames, sizeof *cb->names, cmp_name);
	free(f);
	return hit ? &cb->codes[hit->code] : NULL;
}

const px_code *px_codebook_code(const px_codebook *cb, const char *id)
{
	size_t i;

	for (i = 0; i < cb->ncodes; i++)
		if (!strcmp(cb->codes[i].id, id))
			return &cb->codes[i];
	return NULL;
}

const px_method *px_codebook_method(const px_codebook *cb, const char *id)
{
	size_t i;

	for (i = 0; i < cb->nmethods; i++)
		if (!strcmp(cb->methods[i].id, id))
			return &cb->methods[i];
	return NULL;
}

/* How far a suggestion may be from the word: 1 edit for up to 3
 * characters, 2 up to 6, 3 beyond. */
static size_t suggest_limit(const char *word)
{
	size_t wl = px_utf8_width(word, strlen(word));
	return wl <= 3 ? 1 : wl <= 6 ? 2 : 3;
}

/* The index of the candidate closest to `word` (folded), preferring
 * language `lang` among equally close ones; SIZE_MAX when none is within
 * the limit. langs may be NULL (no language). */
static size_t closest(const char *word, const char *const *cands, const int *langs, size_t n,
		      int lang, size_t limit)
{
	size_t best = SIZE_MAX, bestscore = SIZE_MAX, i;
	char *fw = px_fold(word, strlen(word));

	if (!fw)
		return SIZE_MAX;
	for (i = 0; i < n; i++) {
		char *fc = px_fold(cands[i], strlen(cands[i]));
		size_t dist, score;
		if (!fc)
			continue;
		dist = px_edit_distance(fw, fc);
		free(fc);
		if (dist > limit)
			continue;
		score = dist * 2 + (lang >= 0 && langs && langs[i] >= 0 && langs[i] != lang);
		if (score < bestscore) {
			bestscore = score;
			best = i;
		}
	}
	free(fw);
	return best;
}

const char *px_suggest(const char *word, const char *const *cands, size_t n)
{
	const char *best = NULL;
	size_t bestd = SIZE_MAX, i, limit = suggest_limit(word);
	char *fw = px_fold(word, strlen(word));

	if (!fw)
		return NULL;
	for (i = 0; i < n; i++) {
		char *fc = px_fold(cands[i], strlen(cands[i]));
		size_t dist;
		if (!fc)
			continue;
		dist = px_edit_distance(fw, fc);
		free(fc);
		if (dist < bestd) {
			bestd = dist;
			best = cands[i];
		}
	}
	free(fw);
	return bestd <= limit ? best : NULL;
}

/* px_suggest over the codebook's names, which are folded once at load:
 * a note or a query may hold thousands of unknown hashtags, so a
 * suggestion must not fold every name again, nor measure the distance
 * to names whose length alone puts them out of reach. Same answer as
 * px_suggest over the names in the same order. */
const char *px_codebook_suggest(const px_codebook *cb, const char *tag)
{
	return px_codebook_suggest_in(cb, tag, -1);
}

const char *px_codebook_suggest_in(const px_codebook *cb, const char *tag, int lang)
{
	size_t best = SIZE_MAX, bestscore = SIZE_MAX, alt = SIZE_MAX, altd = SIZE_MAX;
	size_t i, limit = suggest_limit(tag), wl;
	const struct px_cb_name *b;
	char *fw = px_fold(tag, strlen(tag));

	if (!fw)
		return NULL;
	wl = edit_len(fw);
	for (i = 0; i < cb->nnames; i++) {
		const struct px_cb_name *nm = &cb->names[i];
		size_t dist, score;
		if ((wl > nm->ncp ? wl - nm->ncp : nm->ncp - wl) > limit)
			continue; /* the distance is at least the difference in length */
		dist = px_edit_distance(fw, nm->folded);
		if (dist > limit)
			continue;
		/* among equally close names, the note's language first */
		score = dist * 2 + (lang >= 0 && nm->lang >= 0 && nm->lang != lang);
		if (score < bestscore) {
			bestscore = score;
			best = i;
		}
	}
	if (best == SIZE_MAX) {
		free(fw);
		return NULL;
	}
	b = &cb->names[best];
	if (lang >= 0 && b->lang >= 0 && b->lang != lang) {
		/* the other language's word: the same code's word in this one */
		for (i = 0; i < cb->nnames; i++) {
			const struct px_cb_name *nm = &cb->names[i];
			size_t dist;
			if (nm->code != b->code || nm->lang != lang)
				continue;
			dist = px_edit_distance(fw, nm->folded);
			if (dist < altd) {
				altd = dist;
				alt = i;
			}
		}
		if (alt != SIZE_MAX)
			b = &cb->names[alt];
	}
	free(fw);
	return b->shown;
}

/* Every name of the methods: id, labels, aliases, with their language. */
static size_t method_names(const px_codebook *cb, const char **c, int *l, size_t *owner)
{
	size_t i, k, n = 0;

	for (i = 0; i < cb->nmethods; i++) {
		const px_method *m = &cb->methods[i];
		c[n] = m->id, l[n] = -1, owner[n++] = i;
		for (k = 0; k < 2; k++)
			if (m->label[k])
				c[n] = m->label[k], l[n] = (int)k, owner[n++] = i;
		for (k = 0; k < m->naliases; k++)
			c[n] = m->aliases[k], l[n] = m->alias_lang[k], owner[n++] = i;
	}
	return n;
}

static size_t count_method_names(const px_codebook *cb)
{
	size_t i, n = 1;

	for (i = 0; i < cb->nmethods; i++)
		n += 3 + cb->methods[i].naliases;
	return n;
}

const px_method *px_codebook_resolve_method(const px_codebook *cb, const char *s)
{
	size_t cap = count_method_names(cb), n, i;
	const char **c = malloc(cap * sizeof *c);
	int *l = malloc(cap * sizeof *l);
	size_t *owner = malloc(cap * sizeof *owner);
	const px_method *m = px_codebook_method(cb, s);
	char *fs = NULL;

	if (m || !c || !l || !owner || !(fs = px_fold(s, strlen(s))))
		goto done;
	n = method_names(cb, c, l, owner);
	for (i = 0; i < n && !m; i++) {
		char *fc = px_fold(c[i], strlen(c[i]));
		if (fc && !strcmp(fc, fs))
			m = &cb->methods[owner[i]];
		free(fc);
	}
done:
	free(fs);
	free(c);
	free(l);
	free(owner);
	return m;
}

const char *px_codebook_suggest_method(const px_codebook *cb, const char *id, int lang)
{
	size_t cap = count_method_names(cb), n, best;
	const char **c = malloc(cap * sizeof *c);
	int *l = malloc(cap * sizeof *l);
	size_t *owner = malloc(cap * sizeof *owner);
	const char *s = NULL;

	if (!c || !l || !owner)
		goto done;
	n = method_names(cb, c, l, owner);
	best = closest(id, c, l, n, lang, suggest_limit(id));
	if (best == SIZE_MAX)
		goto done;
	s = c[best];
	/* the other language's label: this method's label in the note's */
	if (lang >= 0 && l[best] >= 0 && l[best] != lang)
		s = cb->methods[owner[best]].label[lang];
done:
	free(c);
	free(l);
	free(owner);
	return s;
}

/* ------------------------------------------------ the cached copy (cache.h) */

/* the most of anything a cached codebook may claim: a damaged count must
 * not become a huge allocation */
#define PACK_MAX ((unsigned long long)1 << 20)

static void pack_texts(px_buf *b, char *const label[2], char *const desc[2])
{
	int i;

	for (i = 0; i < PX_CONTENT_LANGS; i++) {
		px_pack_str(b, label[i]);
		px_pack_str(b, desc[i]);
	}
}

static void unpack_texts(px_unpack *u, char *label[2], char *desc[2])
{
	int i;

	for (i = 0; i < PX_CONTENT_LANGS; i++) {
		label[i] = px_unpack_str(u);
		desc[i] = px_unpack_str(u);
	}
}

static void pack_aliases(px_buf *b, char *const *aliases, const int *langs, size_t n)
{
	size_t i;

	px_pack_num(b, n);
	for (i = 0; i < n; i++) {
		px_pack_str(b, aliases[i]);
		px_pack_num(b, (unsigned long long)langs[i]);
	}
}

static void unpack_aliases(px_unpack *u, char ***aliases, int **langs, size_t *n)
{
	size_t na = (size_t)px_unpack_num(u, PACK_MAX), i;

	*aliases = calloc(na ? na : 1, sizeof **aliases);
	*langs = calloc(na ? na : 1, sizeof **langs);
	if (!*aliases || !*langs) {
		u->bad = 1;
		return;
	}
	*n = na;
	for (i = 0; i < na && !u->bad; i++) {
		(*aliases)[i] = px_unpack_str(u);
		(*langs)[i] = (int)px_unpack_num(u, PX_CONTENT_LANGS - 1);
		if (!(*aliases)[i])
			u->bad = 1;
	}
}

/* A calloc'd array of a count read first (at least one element). */
static void *unpack_array(px_unpack *u, size_t *n, size_t size)
{
	void *a;

	*n = (size_t)px_unpack_num(u, PACK_MAX);
	a = u->bad ? NULL : calloc(*n ? *n : 1, size);
	if (!a) {
		*n = 0;
		u->bad = 1;
	}
	return a;
}

void px_codebook_pack(px_buf *out, const px_codebook *cb)
{
	size_t i;

	px_pack_str(out, cb->digest);
	px_pack_num(out, cb->nchapters);
	for (i = 0; i < cb->nchapters; i++) {
		px_pack_str(out, cb->chapters[i].id);
		pack_texts(out, cb->chapters[i].label, cb->chapters[i].desc);
	}
	px_pack_num(out, cb->ncats);
	for (i = 0; i < cb->ncats; i++) {
		const px_category *k = &cb->cats[i];
		px_pack_str(out, k->id);
		pack_texts(out, k->label, k->desc);
		px_pack_num(out, (unsigned long long)k->untranslated);
		px_pack_num(out, (unsigned long long)k->line);
		px_pack_num(out, k->chapter == PX_NO_CHAPTER ? 0 : k->chapter + 1);
	}
	px_pack_num(out, cb->ncodes);
	for (i = 0; i < cb->ncodes; i++) {
		const px_code *c = &cb->codes[i];
		px_pack_str(out, c->id);
		pack_texts(out, c->label, c->desc);
		pack_aliases(out, c->aliases, c->alias_lang, c->naliases);
		px_pack_num(out, c->category);
		px_pack_num(out, (unsigned long long)c->ambivalent);
		px_pack_num(out, c->index);
		px_pack_num(out, (unsigned long long)c->untranslated);
		px_pack_num(out, (unsigned long long)c->line);
	}
	px_pack_num(out, cb->nmethods);
	for (i = 0; i < cb->nmethods; i++) {
		const px_method *m = &cb->methods[i];
		px_pack_str(out, m->id);
		pack_texts(out, m->label, m->desc);
		pack_aliases(out, m->aliases, m->alias_lang, m->naliases);
	}
	/* the lookup table as sorted, each name's shown text as the code's
	 * id (0) or its alias k (k + 1) */
	px_pack_num(out, cb->nnames);
	for (i = 0; i < cb->nnames; i++) {
		const struct px_cb_name *n = &cb->names[i];
		const px_code *c = &cb->codes[n->code];
		size_t k = 0;
		while (k < c->naliases && n->shown != c->aliases[k])
			k++;
		px_pack_str(out, n->folded);
		px_pack_num(out, n->ncp);
		px_pack_num(out, n->code);
		px_pack_num(out, (unsigned long long)(n->lang + 1));
		px_pack_num(out, n->shown == c->id ? 0 : k + 1);
	}
}

px_codebook *px_codebook_unpack(px_unpack *u)
{
	px_codebook *cb = calloc(1, sizeof *cb);
	size_t i;

	if (!cb) {
		u->bad = 1;
		return NULL;
	}
	cb->digest = px_unpack_str(u);
	cb->chapters = unpack_array(u, &cb->nchapters, sizeof *cb->chapters);
	for (i = 0; i < cb->nchapters && !u->bad; i++) {
		cb->chapters[i].id = px_unpack_str(u);
		unpack_texts(u, cb->chapters[i].label, cb->chapters[i].desc);
	}
	cb->cats = unpack_array(u, &cb->ncats, sizeof *cb->cats);
	for (i = 0; i < cb->ncats && !u->bad; i++) {
		px_category *k = &cb->cats[i];
		size_t ch;
		k->id = px_unpack_str(u);
		unpack_texts(u, k->label, k->desc);
		k->untranslated = (int)px_unpack_num(u, PX_CONTENT_LANGS);
		k->line = (int)px_unpack_num(u, INT_MAX);
		ch = (size_t)px_unpack_num(u, cb->nchapters);
		k->chapter = ch ? ch - 1 : PX_NO_CHAPTER;
	}
	cb->codes = unpack_array(u, &cb->ncodes, sizeof *cb->codes);
	for (i = 0; i < cb->ncodes && !u->bad; i++) {
		px_code *c = &cb->codes[i];
		c->id = px_unpack_str(u);
		unpack_texts(u, c->label, c->desc);
		unpack_aliases(u, &c->aliases, &c->alias_lang, &c->naliases);
		c->category = (size_t)px_unpack_num(u, cb->ncats ? cb->ncats - 1 : 0);
		c->ambivalent = (int)px_unpack_num(u, 1);
		c->index = (size_t)px_unpack_num(u, PACK_MAX);
		c->untranslated = (int)px_unpack_num(u, PX_CONTENT_LANGS);
		c->line = (int)px_unpack_num(u, INT_MAX);
	}
	cb->methods = unpack_array(u, &cb->nmethods, sizeof *cb->methods);
	for (i = 0; i < cb->nmethods && !u->bad; i++) {
		px_method *m = &cb->methods[i];
		m->id = px_unpack_str(u);
		unpack_texts(u, m->label, m->desc);
		unpack_aliases(u, &m->aliases, &m->alias_lang, &m->naliases);
	}
	cb->names = unpack_array(u, &cb->nnames, sizeof *cb->names);
	for (i = 0; i < cb->nnames && !u->bad; i++) {
		struct px_cb_name *n = &cb->names[i];
		const px_code *c;
		size_t k;
		n->folded = px_unpack_str(u);
		n->ncp = (size_t)px_unpack_num(u, PX_EDIT_MAX);
		n->code = (size_t)px_unpack_num(u, cb->ncodes ? cb->ncodes - 1 : 0);
		n->lang = (int)px_unpack_num(u, PX_CONTENT_LANGS) - 1;
		if (u->bad || !cb->ncodes)
			break;
		c = &cb->codes[n->code];
		k = (size_t)px_unpack_num(u, c->naliases);
		n->shown = k ? c->aliases[k - 1] : c->id;
		if (!n->folded || !n->shown)
			u->bad = 1;
	}
	/* every code and method named, the names in order */
	for (i = 0; i < cb->ncodes && !u->bad; i++)
		if (!cb->codes[i].id)
			u->bad = 1;
	for (i = 0; i < cb->nmethods && !u->bad; i++)
		if (!cb->methods[i].id)
			u->bad = 1;
	for (i = 1; i < cb->nnames && !u->bad; i++)
		if (strcmp(cb->names[i - 1].folded, cb->names[i].folded) > 0)
			u->bad = 1;
	if (u->bad || !cb->digest || (cb->nnames && !cb->ncodes) || (cb->ncodes && !cb->ncats)) {
		u->bad = 1;
		px_codebook_free(cb);
		return NULL;
	}
	return cb;
}
