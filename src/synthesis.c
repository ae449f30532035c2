#include "synthesis.h"

#include <stdlib.h>
#include <string.h>

#include "fold.h"

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

const char *px_synthesis_suggest(const px_codebook *cb, const char *text)
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
