/*
 * table.h - a table for spreadsheets: a name, a header row and rows of
 * text or whole-number cells, filled by a command and written by one of
 * the spreadsheet writers (csv.h: RFC 4180 text; xlsx.h: an Excel
 * workbook of one sheet per table). One model, so a CSV file and a sheet
 * of a workbook always hold the same cells.
 *
 *     px_table t;
 *     px_table_init(&t, "search", 3);
 *     px_table_str(&t, "path"); px_table_str(&t, "line"); px_table_str(&t, "text");
 *     px_table_str(&t, g->path); px_table_int(&t, g->line); px_table_str(&t, g->text);
 *     if (px_table_failed(&t)) ... out of memory ...
 *     px_csv_table(&out, &t);
 *     px_table_free(&t);
 *
 * Cells are added row by row, left to right; the first row is the
 * header. px_table_str borrows its text (it must outlive the table);
 * px_table_dup copies it. Like px_buf, the error is sticky: an
 * allocation that fails marks the table, later cells are refused, and
 * the writers refuse a failed table (so a spreadsheet never misses a
 * cell).
 */
#ifndef PX_TABLE_H
#define PX_TABLE_H

#include <stddef.h>

typedef struct {
	const char *s; /* NULL: the cell is the number `i` */
	long long i;
	int owned;     /* s is the table's (px_table_dup) */
} px_cell;

typedef struct {
	const char *name; /* borrowed: the sheet's name (at most 31 characters) */
	size_t ncols;
	px_cell *cells;   /* row-major: cells[row * ncols + col]; row 0 the header */
	size_t n, cap;
	int failed;
} px_table;

void px_table_init(px_table *t, const char *name, size_t ncols);
/* A text cell, borrowed (NULL is written as an empty cell). */
void px_table_str(px_table *t, const char *s);
/* A text cell, copied. */
void px_table_dup(px_table *t, const char *s);
void px_table_int(px_table *t, long long v);
/* The number of rows, the header included (complete rows only). */
size_t px_table_rows(const px_table *t);
const px_cell *px_table_cell(const px_table *t, size_t row, size_t col);
static inline int px_table_failed(const px_table *t) { return t->failed; }
void px_table_free(px_table *t);

#endif
