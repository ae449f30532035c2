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

#include "audience.h"
#include "buf.h"
#include "diag.h"
#include "index.h"

/*
 * Who the report is for (audience.h). C decides what the data holds, the
 * stylesheet only renders it: for the public the XML has no file paths or
 * line numbers, no moderators, no session titles, no follow-ups and no
 * quote the analysts did not choose.
 */
typedef struct {
	px_audience audience;
} px_report_opts;

#define PX_REPORT_OPTS_INIT { PX_AUDIENCE_PUBLIC }

/* Appends the report data of `cycle` for the audience of `o` (NULL: the
 * defaults, public) to `out`. Returns 0, 1 when the cycle has no notes,
 * -1 on error (with a diagnostic). */
int px_report_xml_opts(px_index *ix, const char *cycle, const px_report_opts *o, px_buf *out,
		       px_diag *d);

/* px_report_xml_opts with the defaults: the public report's data. */
int px_report_xml(px_index *ix, const char *cycle, px_buf *out, px_diag *d);

/* Appends to `out` a text naming everything the report of `cycle` for
 * the audience of `o` reads, for much less than it takes to gather it:
 * the day, the cycle's notes (path and blob: the index rows come from
 * them and the codebook), the codebook's digest, the communities and the
 * publication as the knowledge base has them, the analysts' synthesis
 * texts and, when there is one, the commit (its chosen quotes cite notes
 * at HEAD, in any cycle). Equal texts, equal reports (the site renders a
 * cycle's report again only when its text changed). 0, or -1 with a
 * diagnostic. */
int px_report_inputs(px_buf *out, px_index *ix, const char *cycle, const px_report_opts *o,
		     px_diag *d);

#endif
