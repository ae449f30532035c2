/*
 * csv.h - the one CSV writer (RFC 4180), for spreadsheets.
 *
 *   - UTF-8 with a byte order mark (EF BB BF) first: Excel reads a file
 *     without one in the computer's old code page (é becomes Ã©), and
 *     LibreOffice and Python's "utf-8-sig" read the mark as what it is.
 *   - fields separated by commas, records ended by CRLF; every text field
 *     between double quotes (a quote inside doubled), numbers bare, so a
 *     spreadsheet sees them as numbers; line breaks inside a text stay.
 *   - no formulas: a text field starting with '=', '+', '-', '@', a tab
 *     or a carriage return would be run as a formula by Excel and
 *     LibreOffice (CSV injection); it gets a single quote (') in front,
 *     as OWASP recommends, which spreadsheets show as text.
 *
 * doc/spreadsheets.md says the same for users.
 */
#ifndef PX_CSV_H
#define PX_CSV_H

#include "buf.h"
#include "table.h"

/* The byte order mark the writer starts with. */
#define PX_CSV_BOM "\xEF\xBB\xBF"

/* Whether text `s` would start a formula (and so gets the quote). */
int px_csv_formula(const char *s);
/* One text field, quoted, with the formula guard. */
void px_buf_csv_str(px_buf *b, const char *s);
/* The whole table: the mark, the header, the rows. A failed table fails
 * the buffer (nothing of it is written): -1; else 0. */
int px_csv_table(px_buf *b, const px_table *t);

#endif
