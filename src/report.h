/*
 * report.h - a cycle's synthesis as XML data (schema/report.rng).
 *
 * Everything comes from the index (at HEAD) and the codebook, plus the
 * analysts' narrative from CYCLE/synthesis.nl.md and .fr.md at HEAD, read
 * through the note model: a heading naming a code (id or alias) or a
 * category id starts that code's or category's narrative; text before any
 * such heading is the introduction.
 */
#ifndef PX_REPORT_H
#define PX_REPORT_H

#include "buf.h"
#include "diag.h"
#include "index.h"

/* Appends the report data of `cycle` to `out`. Returns 0, 1 when the
 * cycle has no notes, -1 on error (with a diagnostic). */
int px_report_xml(px_index *ix, const char *cycle, px_buf *out, px_diag *d);

#endif
