/*
 * codes.h - the codebook as the knowledge base uses it (`praxis codes`):
 * how many segments and notes carry each code, how many notes name each
 * method, and, for one code, every segment coded with it (the code
 * retrieval of QDA tools). Gathered once from the index (db.h), then
 * written by cmd/codes.c as text, JSON or CSV.
 *
 *     px_codes c;
 *     if (px_codes_gather(&c, ix, code_or_NULL, &d) < 0) ...
 *     ... c.codes[code->index], c.methods[i], c.hits ...
 *     px_codes_free(&c);
 */
#ifndef PX_CODES_H
#define PX_CODES_H

#include <stddef.h>

#include "codebook.h"
#include "db.h"
#include "stats.h"
#include "table.h"

typedef struct {
	const px_codebook *cb;  /* borrowed: the index's */
	px_stats_count *codes;  /* [cb->ncodes]: segments and notes of each code */
	long long *methods;     /* [cb->nmethods]: notes naming each method */
	const px_code *code;    /* the code retrieved, or NULL */
	px_db_hit *hits;        /* its segments with their codes: by community,
				 * cycle (newest first), session, path, line;
				 * the filter's page of them */
	size_t nhits;
	long long total;        /* the segments the filter keeps, every page */
	px_db_code_cell *timeline; /* those segments per cycle and session */
	size_t ntimeline;
} px_codes;

/* Which of the code's segments to retrieve: those of a matrix cell
 * (matrix.h). NULL fields do not filter. */
typedef struct {
	const char *cycle;     /* of this cycle's notes */
	const char *community; /* of this community's notes */
	const char *note;      /* of this note (its path, as the index holds it) */
	const px_code *with;   /* also coded with this code (co-occurrence) */
	long session;          /* of this session number's notes; 0: any */
	long limit, offset;    /* the page: `limit` segments (-1: all) after
				* the first `offset` */
} px_codes_filter;

#define PX_CODES_FILTER_INIT { NULL, NULL, NULL, NULL, 0, -1, 0 }

/* Fills `out` for every code and method and, when `code` is given, its
 * segments (of the notes that give community, cycle, session and date).
 * 0, or -1 with a diagnostic; px_codes_free is safe after both. */
int px_codes_gather(px_codes *out, px_index *ix, const px_code *code, px_diag *d);
/* The same, with the code's segments filtered by `f` (NULL: all); the
 * counts (codes, methods) are the knowledge base's, unfiltered. */
int px_codes_gather_filtered(px_codes *out, px_index *ix, const px_code *code,
			     const px_codes_filter *f, px_diag *d);
/* The two halves of a gather: the counts alone (code NULL, no
 * segments), then the code's segments, page, total and timeline added to
 * counts made before (`praxis serve` keeps them per commit). Each 0, or
 * -1 with a diagnostic; px_codes_free is safe after both. */
int px_codes_counts(px_codes *out, px_index *ix, px_diag *d);
int px_codes_retrieve(px_codes *c, px_index *ix, const px_code *code, const px_codes_filter *f,
		      px_diag *d);
/* A code's retrieval made once and paged many times (`praxis serve`
 * keeps it per commit): every segment the filter keeps, in order, and
 * its timeline. 0, or -1 with a diagnostic; free with px_codes_order_free. */
typedef struct {
	long long *ids;
	size_t nids;
	px_db_code_cell *timeline;
	size_t ntimeline;
} px_codes_order;

int px_codes_order_gather(px_codes_order *out, px_index *ix, const px_code *code,
			  const px_codes_filter *f, px_diag *d);
void px_codes_order_free(px_codes_order *o);
/* px_codes_retrieve from an order gathered before with the same filter:
 * the page f->offset, f->limit of it read, the timeline copied. */
int px_codes_retrieve_ordered(px_codes *c, px_index *ix, const px_code *code,
			      const px_codes_order *o, const px_codes_filter *f, px_diag *d);
void px_codes_free(px_codes *c);

/* What `praxis codes --format json` prints (doc/json.md, "codes", or
 * "codes CODE" when c->code is set). Errors are the buffer's. */
void px_codes_json(px_buf *out, const px_codes *c);
/* The same as one table for CSV (doc/spreadsheets.md): the codebook, or
 * the code's segments. Free it with px_table_free; a failed table is
 * marked so (t->failed). */
void px_codes_table(px_table *t, const px_codes *c);

#endif
