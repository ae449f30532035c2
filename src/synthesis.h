/*
 * synthesis.h - the analysts' synthesis texts (CYCLE/synthesis.nl.md,
 * CYCLE/synthesis.fr.md): what their headings name, and the skeleton
 * `praxis synthesis` writes.
 *
 * A heading names a chapter, a category or a code of the codebook by
 * its id, an alias (codes) or its label in either language, any case,
 * any accents, with or without a leading '#'. The heading's level
 * breaks a tie between a chapter and a category of the same name: '#'
 * prefers chapters, '##' categories, deeper levels codes.
 *
 *     px_section s;
 *     if (px_synthesis_resolve(&s, cb, "Rôle du participant", 2) == 0)
 *         ... s.kind == PX_SECTION_CATEGORY, cb->cats[s.index] ...
 */
#ifndef PX_SYNTHESIS_H
#define PX_SYNTHESIS_H

#include <stddef.h>

#include "buf.h"
#include "codebook.h"
#include "diag.h"
#include "i18n.h"
#include "index.h"

typedef enum {
	PX_SECTION_CHAPTER,
	PX_SECTION_CATEGORY,
	PX_SECTION_CODE
} px_section_kind;

typedef struct {
	px_section_kind kind;
	size_t index; /* into cb->chapters, cb->cats or cb->codes */
} px_section;

/* Resolves a heading's text; 0, or -1 when it names nothing. */
int px_synthesis_resolve(px_section *out, const px_codebook *cb, const char *text, int level);

/* The id, label or alias nearest `text` (did you mean), or NULL;
 * borrowed from the codebook. */
const char *px_synthesis_suggest(const px_codebook *cb, const char *text);

/* The heading of a section in `lang`: its label, capitalised. */
const char *px_section_label(const px_codebook *cb, const px_section *s, px_lang lang);

#endif
