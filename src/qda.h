/*
 * qda.h - REFI-QDA (QDA-XML 1.0, REFI-QDA 1.5): the codebook as a QDC
 * file, a whole project as a QDPX archive, and a QDC from another tool
 * turned into a knowledge base's codebook.xml. doc/refi-qda.md gives the
 * mapping (what becomes a source, a case, a variable, a note) and what
 * the format cannot carry.
 *
 * Every GUID comes from guid.h (name-based, stable). Codes: the name is
 * the label in the chosen language; the Description carries both
 * languages' labels and descriptions, the aliases and "[praxis] ID", by
 * which praxis recognises its own codes on import (only when the code's
 * GUID is the one that id gives).
 */
#ifndef PX_QDA_H
#define PX_QDA_H

#include "buf.h"
#include "codebook.h"
#include "diag.h"
#include "i18n.h"
#include "index.h"

/* The language of names when --label-lang does not say: the messages'
 * when they are in Dutch or French, else Dutch. */
px_lang px_qda_default_lang(void);

/* The QDC document of `cb`, names in `lang`, appended to `out`. */
void px_qda_codebook(px_buf *out, const px_codebook *cb, px_lang lang);

typedef struct {
	const char *cycle;     /* NULL: every cycle */
	const char *community; /* NULL: every community */
	px_lang lang;          /* the language of codes' and cases' names */
	const char *name;      /* the project's name */
} px_qda_opts;

/* What an export wrote, for its summary. */
typedef struct {
	size_t sources, selections, codings, cases, notes, uncased;
} px_qda_counts;

/* The QDPX archive (a ZIP: project.qde and sources/GUID.txt) of the
 * notes of the scope at the index's commit, in `zip`. Returns 0, or -1
 * with a diagnostic. The ZIP's bytes depend only on the commit and the
 * options. */
int px_qda_project(px_buf *zip, px_qda_counts *counts, px_index *ix, const px_qda_opts *o,
		   px_diag *d);

/* One code or category an import made: its id, and the name it came from. */
typedef struct {
	char *id;
	char *name;
	int category;     /* a category (a top-level code with codes under it) */
	int untranslated; /* the other language's texts are copies, to translate */
} px_qda_made;

typedef struct {
	px_qda_made *v;
	size_t n;
} px_qda_import;

/* Turns the QDC at `path` (`display` in messages) into a codebook.xml
 * (schema/codebook.rng) in `out`: names as labels in `lang` and, marked
 * untranslated, in the other language; ids folded from the names; the
 * methods of `current`. The result is loaded as a codebook before it is
 * returned. 0, or -1 with one error in `d`. */
int px_qda_import_codebook(px_buf *out, px_qda_import *made, const char *path,
			   const char *display, px_lang lang, const px_codebook *current,
			   px_diag *d);
void px_qda_import_free(px_qda_import *m);

#endif
