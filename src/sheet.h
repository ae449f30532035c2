/*
 * sheet.h - what the commands put in spreadsheets: the row of a segment
 * (search, codes), and writing tables as CSV (csv.h) or as an XLSX
 * workbook (xlsx.h) to standard output or a file. doc/spreadsheets.md
 * lists the columns.
 *
 *     px_table t;
 *     px_sheet_segments_init(&t, "search");
 *     for each hit: px_sheet_segment(&t, &h->seg, h->codes, h->ncodes);
 *     rc = px_sheet_write(&t, 1, PX_SHEET_CSV, output, &oo, &d);
 */
#ifndef PX_SHEET_H
#define PX_SHEET_H

#include <stddef.h>

#include "db.h"
#include "diag.h"
#include "out.h"
#include "table.h"

enum { PX_SHEET_CSV, PX_SHEET_XLSX };

/* A table named `name` with the header of a segment row: community,
 * cycle, session, date, lang, kind, heading, codes, text, path, line. */
void px_sheet_segments_init(px_table *t, const char *name);
/* The row of segment `g` (borrowed: it must outlive the table) with its
 * codes, joined by ", " (copied). */
void px_sheet_segment(px_table *t, const px_db_segment *g, char *const *codes, size_t ncodes);

/* Writes the `n` tables: as CSV the first one only (a CSV file holds one
 * table), to `output` or, when it is NULL or "-", to standard output; as
 * XLSX every table, one sheet each, to `output` (a file: the caller made
 * sure one was given). 0, or -1 with a diagnostic. */
int px_sheet_write(const px_table *const *t, size_t n, int format, const char *output,
		   const px_out_opts *o, px_diag *d);

#endif
