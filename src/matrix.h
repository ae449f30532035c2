/*
 * matrix.h - the code matrices of `praxis codes --matrix` and the web
 * app (the code matrix browser and co-occurrence table of QDA tools):
 * a row per code of the codebook, a column per community, per session
 * (a note) or per code, each cell the segments coded with the row's code
 * there; every cell's segments are what `praxis codes CODE` lists with
 * the column as a filter (px_codes_filter, codes.h).
 *
 *     px_matrix_opts o = PX_MATRIX_OPTS_INIT;
 *     o.cols = PX_MATRIX_COMMUNITY;
 *     px_matrix m;
 *     if (px_matrix_gather(&m, ix, &o, &d) < 0) ...
 *     ... m.rows[i]->id, m.cols[k].id, px_matrix_cell(&m, i, k), m.totals[i] ...
 *     px_matrix_json(&out, &m);  px_matrix_table(&t, &m);
 *     px_matrix_free(&m);
 *
 * Gathered from the data layer (db.h: the code counts by community and by
 * note, the code pairs), like stats.h.
 */
#ifndef PX_MATRIX_H
#define PX_MATRIX_H

#include <stddef.h>

#include "buf.h"
#include "codebook.h"
#include "db.h"
#include "table.h"

/* The columns: the communities of communities.yaml (in its order), the
 * notes of the scope (sessions: by cycle, community, session, date and
 * path), or the codes of the codebook (co-occurrence). */
typedef enum { PX_MATRIX_COMMUNITY, PX_MATRIX_SESSION, PX_MATRIX_CODE } px_matrix_cols;
extern const char *const px_matrix_names[]; /* community session code, NULL-ended */

typedef struct {
	px_matrix_cols cols;
	const char *cycle;     /* only this cycle's notes; NULL: every cycle (validated) */
	const char *community; /* only this community's; NULL: every one (a known id) */
} px_matrix_opts;

#define PX_MATRIX_OPTS_INIT { PX_MATRIX_COMMUNITY, NULL, NULL }

typedef struct {
	const char *id;         /* the community id, the note's path or the code id */
	const px_community *community; /* PX_MATRIX_COMMUNITY: its entry */
	const px_code *code;    /* PX_MATRIX_CODE: the code */
	px_db_note *note;       /* PX_MATRIX_SESSION: the note (community, cycle,
				 * session, date; "" when it gives none) */
} px_matrix_col;

typedef struct {
	const px_kb *kb;            /* borrowed: the index's */
	px_matrix_opts opts;        /* as given (strings borrowed) */
	const px_code **rows;       /* [nrows]: every code, in codebook order */
	size_t nrows;
	px_matrix_col *cols;        /* [ncols] */
	size_t ncols;
	long long *cells;           /* [row * ncols + col]: segments (a code with
				     * itself: its segments) */
	long long *totals;          /* [nrows]: the code's segments in the scope */
	px_db_note *notes;          /* the notes the session columns point into */
	size_t nnotes;
} px_matrix;

/* Fills `out`. 0, or -1 with a diagnostic; px_matrix_free is safe after
 * both. */
int px_matrix_gather(px_matrix *out, px_index *ix, const px_matrix_opts *o, px_diag *d);

/* The segments of row i in column k. */
long long px_matrix_cell(const px_matrix *m, size_t row, size_t col);

/* The matrix as JSON (doc/json.md, section "codes --matrix"), a whole
 * document appended to `out`. */
void px_matrix_json(px_buf *out, const px_matrix *m);
/* The matrix as a table (doc/spreadsheets.md): code, label_nl,
 * label_fr, segments, then a column per column id. Cells borrow from
 * `m`: keep it until the table is freed. */
void px_matrix_table(px_table *t, const px_matrix *m);
/* The matrix as aligned text: a header of column ids, a line per code
 * with its counts (0 shown as "."), through the terminal sanitiser. */
void px_matrix_text(px_buf *out, const px_matrix *m);

void px_matrix_free(px_matrix *m);

#endif
