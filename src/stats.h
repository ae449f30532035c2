/*
 * stats.h - the numbers of `praxis stats`, gathered once from the index
 * (db.h) so that every output format (text, JSON, CSV, XLSX) is written
 * from the same struct.
 *
 *     px_stats_opts o = PX_STATS_OPTS_INIT;
 *     o.cycle = "2022-2023";
 *     o.by = PX_DB_BY_SESSION;
 *     px_stats s;
 *     if (px_stats_gather(&s, ix, &o, &d) < 0) ...
 *     ... s.rows[i], s.codes[i], px_stats_cell(&s, i, k), s.cols[k],
 *         s.communities, s.pairs ...
 *     px_stats_free(&s);
 *
 * The matrix: a row per code (the codebook's, or those asked for, in
 * codebook order), a column per value of `by`: the communities of
 * communities.yaml in that file's order (only the one asked for), or the
 * session numbers, months (YYYY-MM) or cycles the notes of the scope
 * give, in order. A cell counts the code's segments and notes there; a
 * row's totals count every note of the scope (also one that gives no
 * session or date), so they equal what `praxis search '#code'` finds
 * with the same filters.
 */
#ifndef PX_STATS_H
#define PX_STATS_H

#include <stddef.h>

#include "codebook.h"
#include "db.h"
#include "table.h"

/* The names of px_db_by's values: community session month cycle. */
extern const char *const px_stats_bys[];

typedef struct {
	const char *cycle;            /* NULL: every cycle (validated by the caller) */
	const char *community;        /* NULL: every community (a known id) */
	px_db_by by;
	const px_code *const *codes;  /* the rows; NULL: every code */
	size_t ncodes;
} px_stats_opts;

#define PX_STATS_OPTS_INIT { NULL, NULL, PX_DB_BY_COMMUNITY, NULL, 0 }

typedef struct {
	long long segments, notes;
} px_stats_count;

typedef struct {
	const px_kb *kb;                     /* borrowed: the index's */
	px_db_by by;
	const px_code **rows;                /* [nrows]: the codebook's */
	size_t nrows;
	char **cols;                         /* [ncols]: the values of `by` */
	size_t ncols;
	px_stats_count *codes;               /* [nrows]: over every note of the scope */
	px_stats_count *cells;               /* [row * ncols + col] */
	px_db_community_count *communities;  /* every community with notes, by id */
	size_t ncounted;
	px_db_pair *pairs;                   /* the pairs with a code of the rows, most frequent first */
	size_t npairs;
	long long notes;                     /* the scope's notes */
} px_stats;

/* Fills `out` for the options. Returns 0; 1 when the scope has no note
 * (nothing to count: `out` is empty); or -1 with a diagnostic. After
 * any of them px_stats_free is safe. */
int px_stats_gather(px_stats *out, px_index *ix, const px_stats_opts *o, px_diag *d);

/* The counts of row i in column k. */
const px_stats_count *px_stats_cell(const px_stats *s, size_t row, size_t col);

void px_stats_free(px_stats *s);

/* What `praxis stats --format json` prints (doc/json.md, "stats"), the
 * labels' language `lang` named in it. Errors are the buffer's. */
void px_stats_json(px_buf *out, const px_stats *s, const px_stats_opts *o, px_lang lang);
/* The spreadsheet tables (doc/spreadsheets.md): the codes by the columns
 * (labels in `lang`), the communities, the pairs; free each with
 * px_table_free. */
void px_stats_tables(px_table t[3], const px_stats *s, px_lang lang);

#endif
