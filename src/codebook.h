/*
 * codebook.h - the bilingual codebook: categories, codes, methods.
 *
 * Loaded from codebook.xml (schema/codebook.rng describes it), validated
 * against the schema and against the rules the schema cannot say: every
 * label and description in both languages, and no alias (after case and
 * accent folding) naming two things. Hashtags resolve through it:
 *
 *     const px_code *c = px_codebook_resolve(cb, "Tijd", 4);  // resource.time
 *
 * Everything returned is borrowed from the codebook.
 */
#ifndef PX_CODEBOOK_H
#define PX_CODEBOOK_H

#include <stddef.h>

#include "cache.h"
#include "diag.h"
#include "i18n.h"


/* A chapter (optional) groups categories for the report, as the
 * analysis' chapters do; its title in both languages, a description
 * optional (both NULL then). */
typedef struct {
	char *id;
	char *label[PX_CONTENT_LANGS];
	char *desc[PX_CONTENT_LANGS];
} px_chapter;

#define PX_NO_CHAPTER ((size_t)-1)

typedef struct {
	char *id;
	char *label[PX_CONTENT_LANGS];  /* [PX_LANG_NL], [PX_LANG_FR] */
	char *desc[PX_CONTENT_LANGS];
	int untranslated; /* 0, or 1 + the language (px_lang) whose label and
			   * description are copies to translate
			   * (untranslated="nl|fr", written by praxis import) */
	int line;         /* of its element in codebook.xml */
	size_t chapter;                 /* index into chapters, or PX_NO_CHAPTER */
} px_category;

typedef struct {
	char *id;
	char *label[PX_CONTENT_LANGS];
	char *desc[PX_CONTENT_LANGS];
	char **aliases;  /* as written in the codebook */
	int *alias_lang; /* alias_lang[i]: PX_LANG_NL or PX_LANG_FR */
	size_t naliases;
	size_t category; /* index into categories */
	int ambivalent;
	size_t index;    /* position in codebook order */
	int untranslated; /* as for categories */
	int line;
} px_code;

typedef struct {
	char *id;
	char *label[PX_CONTENT_LANGS];
	char *desc[PX_CONTENT_LANGS];
	char **aliases;  /* optional, as for codes */
	int *alias_lang;
	size_t naliases;
} px_method;

typedef struct px_codebook px_codebook;

struct px_codebook {
	px_chapter *chapters; /* in codebook order; none when the codebook has none */
	size_t nchapters;
	px_category *cats;
	size_t ncats;
	px_code *codes;
	size_t ncodes;
	px_method *methods;
	size_t nmethods;
	char *digest;  /* hex digest of the file, to notice changes */
	/* private: folded names sorted for lookup */
	struct px_cb_name *names;
	size_t nnames;
};

/* Loads and validates `path` (the RELAX NG schema comes from the data
 * directory). Problems go to `d` with file:line; returns 0 or -1. */
int px_codebook_load(px_codebook **out, const char *path, const char *display, px_diag *d);
/* The same, skipping the schema check when `cache` (a file path, may be
 * NULL) records that this codebook already passed it. */
int px_codebook_load_cached(px_codebook **out, const char *path, const char *display,
			    const char *cache, px_diag *d);
/* The same from `len` bytes at `data` (not necessarily NUL-terminated);
 * the path versions read the file and call this. */
int px_codebook_load_mem(px_codebook **out, const char *data, size_t len, const char *display,
			 const char *cache, px_diag *d);
void px_codebook_free(px_codebook *cb);

/* The codebook packed for a cache (cache.h): every field, the lookup
 * table too, so that px_codebook_unpack gives back the same codebook
 * without parsing or checking anything again. NULL (and u->bad) when the
 * payload does not hold a whole, consistent one. */
void px_codebook_pack(px_buf *out, const px_codebook *cb);
px_codebook *px_codebook_unpack(px_unpack *u);

/* Resolves a hashtag (without '#') written as an id or alias, any case,
 * any accents. NULL if unknown. */
const px_code *px_codebook_resolve(const px_codebook *cb, const char *tag, size_t len);
const px_code *px_codebook_code(const px_codebook *cb, const char *id);
const px_method *px_codebook_method(const px_codebook *cb, const char *id);
/* A method written as its id, its Dutch or French label or an alias, any
 * case, any accents ("présentation de cas", "Casusbespreking"). */
const px_method *px_codebook_resolve_method(const px_codebook *cb, const char *s);
/* The closest id or alias to `tag`, for "did you mean" (NULL: none close).
 * With `lang` PX_LANG_NL or PX_LANG_FR (-1: none), the text's language is
 * preferred: of names equally close, one in that language; and when the
 * closest is the other language's word, the same code's word in `lang`
 * (#coordination in a French note: '#concertation', not '#coördinatie'). */
const char *px_codebook_suggest(const px_codebook *cb, const char *tag);
const char *px_codebook_suggest_in(const px_codebook *cb, const char *tag, int lang);
/* The same for methods: ids, labels and aliases. */
const char *px_codebook_suggest_method(const px_codebook *cb, const char *id, int lang);

/* The closest of `n` candidates to `word` within a sensible distance. */
const char *px_suggest(const char *word, const char *const *cands, size_t n);

#endif
