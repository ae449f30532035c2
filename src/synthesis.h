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
#include "note.h"

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
 * borrowed from the codebook. With `lang` a content language (-1:
 * none), a label or alias is given as the label in that language of what
 * it names ('#tmps' in a Dutch text: 'tijd'). */
const char *px_synthesis_suggest(const px_codebook *cb, const char *text, int lang);

/* The heading of a section in `lang`: its label. */
const char *px_section_label(const px_codebook *cb, const px_section *s, px_lang lang);
/* A section's id (chapter, category or code id). */
const char *px_section_id(const px_codebook *cb, const px_section *s);

/* The section the text under each heading of `n` belongs to: the one the
 * heading names, else (a heading naming nothing, which check refuses)
 * the section before it; named[h] is 1, 0 or -1 (before any section:
 * the introduction). *out and *named malloc'd (n->nheadings entries);
 * 0 or -1 (out of memory). */
int px_synthesis_heads(px_section **out, int **named, const px_codebook *cb, const px_note *n);

/*
 * A chosen quote: a blockquote of the synthesis text whose words end
 * with the reference of the segment it cites,
 *
 *     > Ik voel me radeloos. [quote: 2022-2023/zuid/04.md:36]
 *     > Je me sens désemparée. [quote: 2022-2023/zuid/04.md:36, translated]
 *
 * (PATH:LINE as search and the skeleton's evidence show them; LINE any
 * line of the segment). Without ", translated" the words are the
 * participant's own, and must be found in the segment (an elision "…"
 * or "..." may leave words out).
 */
typedef struct {
	char *text;     /* the quote's words, without the reference */
	char *path;
	int line;
	int translated;
} px_synth_quote;

/* Reads the reference at the end of a quote segment's text: 0, or -1
 * when it has none or a malformed one. */
int px_synthesis_quote(px_synth_quote *out, const char *segtext);
void px_synth_quote_free(px_synth_quote *q);
/* The segment of `n` holding `line`, or NULL. */
const px_segment *px_synthesis_segment_at(const px_note *n, int line);
/* Whether `quote`'s words are the segment text's: case, accents,
 * punctuation and hashtags aside, each piece between elisions found in
 * order. */
int px_synthesis_quote_matches(const char *quote, const char *segtext);

/* Every section of the codebook in its order: each chapter, then each of
 * its categories followed by its codes (without chapters, categories and
 * codes), with the heading level a skeleton gives it (1, 2, 3; without
 * chapters 1, 2). *out and *levels malloc'd; 0 or -1 (out of memory). */
int px_synthesis_sections(px_section **out, int **levels, size_t *n, const px_codebook *cb);

/*
 * The text of CYCLE/synthesis.LANG.md as `praxis synthesis` writes it,
 * appended to `out`. With `existing` NULL: a new skeleton, a guiding
 * comment, then one heading per section, each followed by the evidence
 * of the cycle in an HTML comment. With `existing` (elen bytes, the
 * file as it is): that text byte for byte, with the sections it lacks
 * (no heading resolves to them) inserted where the codebook's order
 * puts them, before the first later section it has. *added: the
 * sections written. 0, or -1 with a diagnostic.
 */
int px_synthesis_skeleton(px_buf *out, size_t *added, px_index *ix, const char *cycle,
			  px_lang lang, const char *existing, size_t elen, px_diag *d);

#endif
