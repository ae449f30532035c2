#include "sheet.h"

#include <stdio.h>
#include <string.h>

#include "csv.h"
#include "xlsx.h"

void px_sheet_segments_init(px_table *t, const char *name)
{
	static const char *const cols[] = { "community", "cycle", "session", "date", "lang", "kind",
					    "heading", "codes", "text", "path", "line" };
	size_t i;

	px_table_init(t, name, sizeof cols / sizeof *cols);
	for (i = 0; i < sizeof cols / sizeof *cols; i++)
		px_table_str(t, cols[i]);
}

void px_sheet_segment(px_table *t, const px_db_segment *g, char *const *codes, size_t ncodes)
{
	px_buf b = PX_BUF_INIT;
	size_t k;

	for (k = 0; k < ncodes; k++)
		px_buf_printf(&b, "%s%s", k ? ", " : "", codes[k]);
	if (px_buf_failed(&b))
		t->failed = 1;
	px_table_str(t, g->community);
	px_table_str(t, g->cycle);
	px_table_int(t, g->session);
	px_table_str(t, g->date);
	px_table_str(t, g->lang);
	px_table_str(t, g->kind);
	px_table_str(t, g->heading);
	px_table_dup(t, b.ptr);
	px_table_str(t, g->text);
	px_table_str(t, g->path);
	px_table_int(t, g->line);
	px_buf_free(&b);
}

int px_sheet_write(const px_table *const *t, size_t n, int format, const char *output,
		   const px_out_opts *o, px_diag *d)
{
	px_buf out = PX_BUF_INIT;
	int rc;

	if (format == PX_SHEET_XLSX)
		return px_xlsx_write(output, t, n, o, d);
	px_csv_table(&out, t[0]);
	if (output && strcmp(output, "-"))
		rc = px_out_write_buf(output, &out, o, d);
	else if ((rc = px_diag_buf(d, &out, NULL)) >= 0)
		rc = px_buf_fwrite(&out, stdout);
	px_buf_free(&out);
	return rc < 0 ? -1 : 0;
}
