#include "codebook.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "data.h"
#include "fold.h"
#include "xml.h"

struct px_cb_name {
	char *folded;
	size_t ncp; /* code points in folded, as px_edit_distance counts them */
	const char *shown; /* borrowed: the id or alias as written */
	size_t code;
};

static const char *const lang_codes[2] = { "nl", "fr" };

static int is_el(xmlNodePtr n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, name);
}

static char *attr(xmlNodePtr n, const char *name)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
	char *s;

	if (!v)
		return NULL;
	s = strdup((const char *)v);
	xmlFree(v);
	return s;
}

static char *text(xmlNodePtr n)
{
	xmlChar *v = xmlNodeGetContent(n);
	char *s = strdup(v ? (const char *)v : "");
	xmlFree(v);
	return s;
}

static int lang_index(xmlNodePtr n)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)"lang");
	int i = -1;

	if (v && !strcmp((const char *)v, "nl"))
		i = PX_NL;
	else if (v && !strcmp((const char *)v, "fr"))
		i = PX_FR;
	xmlFree(v);
	return i;
}

/* Reads the label/description children shared by categories, codes and
 * methods; a missing one is reported. */
static int read_texts(xmlNodePtr el, const char *id, char *label[2], char *desc[2],
		      const char *file, px_diag *d)
{
	static const char *const what[2] = { "label", "description" };
	xmlNodePtr c;
	int i, rc = 0;

	for (c = el->children; c; c = c->next) {
		int l = lang_index(c);
		if (l < 0)
			continue;
		if (is_el(c, "label") && !label[l])
			label[l] = text(c);
		else if (is_el(c, "description") && !desc[l])
			desc[l] = text(c);
	}
	for (i = 0; i < 2; i++) {
		int w;
		for (w = 0; w < 2; w++) {
			char *s = w ? desc[i] : label[i];
			if (!s || !*s) {
				px_diag_add(d, file, (int)xmlGetLineNo(el), 0, PX_SEV_ERROR,
					    "codebook-invalid", MSG_CODEBOOK_LABEL, id, what[w],
					    lang_codes[i]);
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

static int add_name(px_codebook *cb, const char *shown, size_t code)
{
	struct px_cb_name *n = &cb->names[cb->nnames];

	n->folded = px_fold(shown, strlen(shown));
	if (!n->folded)
		return -1;
	n->ncp = edit_len(n->folded);
	n->shown = shown;
	n->code = code;
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

int px_codebook_load_mem(px_codebook **out, const char *data, size_t len, const char *display,
			 const char *cache, px_diag *d)
{
	char digest[17];
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
	if (!cb)
		goto cleanup;
	root = xmlDocGetRootElement(doc);
	cb->ncats = count_children(root, "category");
	for (cat = root->children; cat; cat = cat->next) {
		if (is_el(cat, "category"))
			ncodes += count_children(cat, "code");
		else if (is_el(cat, "methods"))
			cb->nmethods = count_children(cat, "method");
	}
	cb->cats = calloc(cb->ncats ? cb->ncats : 1, sizeof *cb->cats);
	cb->codes = calloc(ncodes ? ncodes : 1, sizeof *cb->codes);
	cb->methods = calloc(cb->nmethods ? cb->nmethods : 1, sizeof *cb->methods);
	if (!cb->cats || !cb->codes || !cb->methods)
		goto cleanup;

	rc = 0;
	cb->ncats = 0;
	cb->nmethods = 0;
	for (cat = root->children; cat; cat = cat->next) {
		if (is_el(cat, "category")) {
			px_category *k = &cb->cats[cb->ncats++];
			k->id = attr(cat, "id");
			rc |= read_texts(cat, k->id, k->label, k->desc, display, d);
			for (c = cat->children; c; c = c->next) {
				px_code *code;
				xmlNodePtr a;
				char *amb;
				size_t na;
				if (!is_el(c, "code"))
					continue;
				code = &cb->codes[cb->ncodes];
				code->index = cb->ncodes++;
				code->id = attr(c, "id");
				code->category = cb->ncats - 1;
				amb = attr(c, "ambivalent");
				code->ambivalent = amb && !strcmp(amb, "true");
				free(amb);
				rc |= read_texts(c, code->id, code->label, code->desc, display, d);
				na = count_children(c, "alias");
				code->aliases = calloc(na ? na : 1, sizeof *code->aliases);
				if (!code->aliases) {
					rc = -1;
					goto cleanup;
				}
				for (a = c->children; a; a = a->next)
					if (is_el(a, "alias"))
						code->aliases[code->naliases++] = text(a);
				nnames += 1 + code->naliases;
			}
		} else if (is_el(cat, "methods")) {
			for (c = cat->children; c; c = c->next) {
				px_method *m;
				if (!is_el(c, "method"))
					continue;
				m = &cb->methods[cb->nmethods++];
				m->id = attr(c, "id");
				rc |= read_texts(c, m->id, m->label, m->desc, display, d);
			}
		}
	}
	if (rc)
		goto cleanup;

	/* every id and alias, folded, must name exactly one code */
	cb->names = calloc(nnames ? nnames : 1, sizeof *cb->names);
	if (!cb->names) {
		rc = -1;
		goto cleanup;
	}
	for (i = 0; i < cb->ncodes; i++) {
		size_t k;
		rc |= add_name(cb, cb->codes[i].id, i);
		for (k = 0; k < cb->codes[i].naliases; k++)
			rc |= add_name(cb, cb->codes[i].aliases[k], i);
	}
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
	}
	*out = cb;
	cb = NULL;
cleanup:
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
	}
	for (i = 0; i < cb->nmethods; i++) {
		free(cb->methods[i].id);
		free_texts(cb->methods[i].label, cb->methods[i].desc);
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

/* The largest distance a suggestion for `word` may be at. */
static size_t suggest_limit(const char *word)
{
	size_t wl = px_utf8_width(word, strlen(word));

	return wl <= 3 ? 1 : wl <= 6 ? 2 : 3;
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
	const char *best = NULL;
	size_t bestd = SIZE_MAX, i, limit = suggest_limit(tag), wl;
	char *fw = px_fold(tag, strlen(tag));

	if (!fw)
		return NULL;
	wl = edit_len(fw);
	for (i = 0; i < cb->nnames; i++) {
		const struct px_cb_name *nm = &cb->names[i];
		size_t dist;
		if ((wl > nm->ncp ? wl - nm->ncp : nm->ncp - wl) > limit)
			continue; /* the distance is at least the difference in length */
		dist = px_edit_distance(fw, nm->folded);
		if (dist < bestd) {
			bestd = dist;
			best = nm->shown;
		}
	}
	free(fw);
	return bestd <= limit ? best : NULL;
}

const char *px_codebook_suggest_method(const px_codebook *cb, const char *id)
{
	const char **c = malloc((cb->nmethods ? cb->nmethods : 1) * sizeof *c);
	const char *s;
	size_t i;

	if (!c)
		return NULL;
	for (i = 0; i < cb->nmethods; i++)
		c[i] = cb->methods[i].id;
	s = px_suggest(id, c, cb->nmethods);
	free(c);
	return s;
}
