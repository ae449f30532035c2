/*
 * xlsx.h - spreadsheets as Excel workbooks (libxlsxwriter), one sheet per
 * table (table.h), each with its header row in bold and frozen.
 *
 * Text cells are written as strings, never as formulas: a cell that
 * starts with '=' stays text, so workbooks need no formula guard (csv.h
 * does). A spreadsheet cell holds at most 32767 characters; a longer text
 * is an error and nothing is written (rather than a cut segment). The
 * file goes through out.h: built next to its place under a temporary
 * name, then published (atomic, never over a file praxis did not write).
 * With SOURCE_DATE_EPOCH set, the workbook's creation time is that.
 */
#ifndef PX_XLSX_H
#define PX_XLSX_H

#include <stddef.h>

#include "diag.h"
#include "out.h"
#include "table.h"

/* The most characters a cell holds (Excel's limit). */
#define PX_XLSX_CELL_MAX 32767

/* Writes the `n` tables to the workbook `path` (not "-"). 0, or -1 with a
 * diagnostic and no file written. */
int px_xlsx_write(const char *path, const px_table *const *tables, size_t n,
		  const px_out_opts *o, px_diag *d);

#endif
