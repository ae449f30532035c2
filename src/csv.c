#include "csv.h"

#include <string.h>

int px_csv_formula(const char *s)
{
	return s[0] && strchr("=+-@\t\r", s[0]) != NULL;
}

void px_buf_csv_str(px_buf *b, const char *s)
{
	size_t run;

	px_buf_putc(b, '"');
	if (px_csv_formula(s))
		px_buf_putc(b, '\'');
	for (; *s; s += run) {
		run = strcspn(s, "\"");
		px_buf_put(b, s, run);
		if (!s[run])
			break;
		px_buf_puts(b, "\"\"");
		run++;
	}
	px_buf_putc(b, '"');
}

int px_csv_table(px_buf *b, const px_table *t)
{
	size_t r, c, rows = px_table_rows(t);

	if (t->failed) {
		/* the table ran out of memory: so does the buffer (sticky) */
		if (!b->err)
			b->err = PX_BUF_ENOMEM;
		return -1;
	}
	px_buf_puts(b, PX_CSV_BOM);
	for (r = 0; r < rows; r++) {
		for (c = 0; c < t->ncols; c++) {
			const px_cell *cell = px_table_cell(t, r, c);
			if (c)
				px_buf_putc(b, ',');
			if (cell->s)
				px_buf_csv_str(b, cell->s);
			else
				px_buf_printf(b, "%lld", cell->i);
		}
		px_buf_puts(b, "\r\n");
	}
	return px_buf_failed(b) ? -1 : 0;
}
