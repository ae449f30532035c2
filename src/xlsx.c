#include "xlsx.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "cycle.h"
#include "dl.h"
#include "fold.h"

/* libxlsxwriter, opened by the workbook writer only (dl.h) */
#define XL_FNS(X, T)                                                                      \
	X(T, , workbook_new_opt) X(T, , workbook_set_properties) X(T, , workbook_add_format) \
	X(T, , workbook_add_worksheet) X(T, , workbook_close) X(T, , format_set_bold)      \
	X(T, , worksheet_write_number) X(T, , worksheet_write_string)                      \
	X(T, , worksheet_freeze_panes) X(T, , lxw_strerror)
PX_DL_LIBRARY(xl, "libxlsxwriter.so.4", "libxlsxwriter4", XL_FNS);

/* The workbook's creation time: SOURCE_DATE_EPOCH (checked by px_today),
 * or 0, which libxlsxwriter takes for now. */
static int created(time_t *out, px_diag *d)
{
	char today[PX_DATE_SIZE];
	const char *sde = getenv("SOURCE_DATE_EPOCH");

	*out = 0;
	if (px_today(today, d) < 0)
		return -1;
	if (sde && *sde)
		*out = (time_t)strtoll(sde, NULL, 10);
	return 0;
}

static int sheet(lxw_workbook *wb, const px_table *t, lxw_format *bold, const char *path,
		 px_diag *d)
{
	lxw_worksheet *ws = xl.workbook_add_worksheet(wb, t->name);
	size_t r, c, rows = px_table_rows(t);
	lxw_error e = LXW_NO_ERROR;

	if (!ws) {
		px_diag_add(d, path, 0, 0, PX_SEV_ERROR, "environment", MSG_XLSX_ERROR, path,
			    "worksheet");
		return -1;
	}
	if (rows > LXW_ROW_MAX || t->ncols > LXW_COL_MAX) {
		px_diag_add(d, path, 0, 0, PX_SEV_ERROR, "environment", MSG_XLSX_TOO_MANY_ROWS,
			    t->name, (long)LXW_ROW_MAX);
		return -1;
	}
	for (r = 0; r < rows && !e; r++)
		for (c = 0; c < t->ncols && !e; c++) {
			const px_cell *cell = px_table_cell(t, r, c);
			if (!cell->s) {
				e = xl.worksheet_write_number(ws, (lxw_row_t)r, (lxw_col_t)c,
							   (double)cell->i, NULL);
				continue;
			}
			if (px_utf8_width(cell->s, strlen(cell->s)) > PX_XLSX_CELL_MAX) {
				px_diag_add(d, path, 0, 0, PX_SEV_ERROR, "environment",
					    MSG_XLSX_CELL_TOO_LONG, t->name, (unsigned long)r + 1,
					    PX_XLSX_CELL_MAX);
				return -1;
			}
			e = xl.worksheet_write_string(ws, (lxw_row_t)r, (lxw_col_t)c, cell->s,
						   r ? NULL : bold);
		}
	if (e) {
		px_diag_add(d, path, 0, 0, PX_SEV_ERROR, "environment", MSG_XLSX_ERROR, path,
			    xl.lxw_strerror(e));
		return -1;
	}
	xl.worksheet_freeze_panes(ws, 1, 0);
	return 0;
}

int px_xlsx_write(const char *path, const px_table *const *tables, size_t n,
		  const px_out_opts *o, px_diag *d)
{
	lxw_workbook_options wo = { 0 };
	lxw_doc_properties props;
	lxw_workbook *wb = NULL;
	lxw_format *bold;
	lxw_error e;
	char *tmp = NULL;
	size_t i;
	int rc = -1;

	memset(&props, 0, sizeof props);
	if (px_dl_load(&xl_lib, d) < 0)
		return -1;
	for (i = 0; i < n; i++)
		if (px_table_failed(tables[i])) {
			px_diag_add(d, path, 0, 0, PX_SEV_ERROR, "environment", MSG_OOM);
			return -1;
		}
	if (created(&props.created, d) < 0)
		return -1;
	px_out_clean_stale(path);
	if (!(tmp = px_out_tmpname(path))) {
		px_diag_add(d, path, 0, 0, PX_SEV_ERROR, "environment", MSG_OOM);
		return -1;
	}
	unlink(tmp); /* a killed run's, of our own pid */
	if (!(wb = xl.workbook_new_opt(tmp, &wo))) {
		px_diag_add(d, path, 0, 0, PX_SEV_ERROR, "environment", MSG_WRITE, path,
			    px_strerror(errno ? errno : ENOMEM));
		goto cleanup;
	}
	xl.workbook_set_properties(wb, &props);
	bold = xl.workbook_add_format(wb);
	if (bold)
		xl.format_set_bold(bold);
	for (i = 0; i < n; i++)
		if (sheet(wb, tables[i], bold, path, d) < 0)
			break;
	e = xl.workbook_close(wb); /* frees the workbook, writes the file */
	wb = NULL;
	if (i < n) {
		unlink(tmp);
		goto cleanup;
	}
	if (e) {
		px_diag_add(d, path, 0, 0, PX_SEV_ERROR, "environment", MSG_XLSX_ERROR, path,
			    xl.lxw_strerror(e));
		unlink(tmp);
		goto cleanup;
	}
	rc = px_out_publish(tmp, path, o, d);
cleanup:
	free(tmp);
	return rc;
}
