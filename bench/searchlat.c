/*
 * searchlat.c - in-process latency of `praxis search` queries.
 *
 *     searchlat INDEX.DB CODEBOOK.XML QUERIES.TSV [RUNS [BUDGET_S]]
 *
 * For each line of QUERIES.TSV (label <TAB> query <TAB> filters <TAB>
 * rg pattern; '#' lines are comments; filters are search options such as
 * "--community c0001", "--cycle 2003-2004", "--kind quote", "--lang nl",
 * or "-"), runs what `praxis search` runs (px_search_run from
 * src/search.c: the ranked candidates and the count, then for each of the
 * 20 hits its row with the snippet and its codes), with the query parsed
 * by px_query_parse, RUNS times (default 200, at most
 * BUDGET_S seconds per query, default 5, at least 5 runs), on one
 * connection opened like px_index_open does, and prints the latency of
 * the first run on a fresh connection, then median, p99 and max of the
 * following ones, in ms. Statements are prepared on every run, as the
 * command does.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sqlite3.h>

#include "buf.h"
#include "codebook.h"
#include "diag.h"
#include "fts.h"
#include "i18n.h"
#include "query.h"
#include "search.h"
#include "xml.h"

#define MARK_ON "\x01"
#define MARK_OFF "\x02"
#define LIMIT 20

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static sqlite3 *open_db(const char *path)
{
	sqlite3 *db = NULL;

	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK ||
	    px_fts_register(db) != SQLITE_OK ||
	    sqlite3_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
			     " PRAGMA foreign_keys=ON; PRAGMA cache_size=-16384;",
			 NULL, NULL, NULL) != SQLITE_OK) {
		fprintf(stderr, "searchlat: %s: %s\n", path, db ? sqlite3_errmsg(db) : "?");
		exit(2);
	}
	sqlite3_busy_timeout(db, 10000);
	return db;
}

/* One search as cmd_search runs it; returns the total, -1 on error.
 * split[0]: ms spent ranking and counting, split[1]: showing the hits. */
static long run_once(sqlite3 *db, const char *row_sql, const px_query *q,
		     const px_search_filters *f, long *shown, double split[2])
{
	double t0;
	sqlite3_stmt *row = NULL, *codes = NULL;
	px_search_result res;
	char **snippets = NULL;
	long total = -1;
	size_t sink = 0, i;

	*shown = 0;
	memset(&res, 0, sizeof res);
	t0 = now_ms();
	if (px_search_run(db, q, f, &res) != SQLITE_OK)
		goto done;
	split[0] = now_ms() - t0;
	t0 = now_ms();
	if (q->fts.len)
		snippets = px_search_snippets(db, q, &res, MARK_ON, MARK_OFF);
	if (sqlite3_prepare_v2(db, row_sql, -1, &row, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "SELECT code FROM segment_codes WHERE segment = ? ORDER BY code",
			       -1, &codes, NULL) != SQLITE_OK)
		goto done;
	for (i = 0; i < res.n; i++) {
		int c;
		if (snippets && snippets[i])
			sink += strlen(snippets[i]);
		sqlite3_bind_int64(row, 1, res.hits[i].id);
		if (sqlite3_step(row) == SQLITE_ROW) {
			for (c = 0; c < 12; c++) {
				const unsigned char *t = sqlite3_column_text(row, c);
				sink += t ? strlen((const char *)t) : 0;
			}
			(*shown)++;
		}
		sqlite3_reset(row);
		sqlite3_bind_int64(codes, 1, res.hits[i].id);
		while (sqlite3_step(codes) == SQLITE_ROW)
			sink += strlen((const char *)sqlite3_column_text(codes, 0));
		sqlite3_reset(codes);
	}
	split[1] = now_ms() - t0;
	total = res.total;
	if (sink == (size_t)-1)
		total = -2; /* keeps the reads */
done:
	if (total < 0)
		fprintf(stderr, "searchlat: %s\n", sqlite3_errmsg(db));
	px_search_snippets_free(snippets, res.n);
	px_search_result_free(&res);
	sqlite3_finalize(row);
	sqlite3_finalize(codes);
	return total;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* Nearest-rank percentile of sorted v[0..n). */
static double pct(const double *v, size_t n, double p)
{
	size_t k = (size_t)(p / 100.0 * (double)n + 0.999999);

	if (k < 1)
		k = 1;
	if (k > n)
		k = n;
	return v[k - 1];
}

static int parse_filters(char *s, px_search_filters *f)
{
	char *save = NULL, *opt = strtok_r(s, " ", &save);

	memset(f, 0, sizeof *f);
	f->kind = -1;
	f->limit = LIMIT;
	for (; opt && strcmp(opt, "-"); opt = strtok_r(NULL, " ", &save)) {
		char *val = strtok_r(NULL, " ", &save);
		int i;
		if (!val)
			return -1;
		if (!strcmp(opt, "--community"))
			f->community = val;
		else if (!strcmp(opt, "--cycle"))
			f->cycle = val;
		else if (!strcmp(opt, "--lang"))
			f->lang = val;
		else if (!strcmp(opt, "--since"))
			f->since = val;
		else if (!strcmp(opt, "--until"))
			f->until = val;
		else if (!strcmp(opt, "--kind")) {
			for (i = 0; px_search_kinds[i] && strcmp(px_search_kinds[i], val); i++)
				;
			if (!px_search_kinds[i])
				return -1;
			f->kind = i;
		} else
			return -1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	px_codebook *cb = NULL;
	px_diag d = PX_DIAG_INIT;
	FILE *in;
	char line[1024];
	long runs = argc > 4 ? strtol(argv[4], NULL, 10) : 200;
	double budget = argc > 5 ? strtod(argv[5], NULL) * 1e3 : 5000.0;
	double *t, *tc, *th;
	sqlite3 *db;
	int status = 0;

	if (argc < 4 || runs < 5) {
		fprintf(stderr, "usage: searchlat INDEX.DB CODEBOOK.XML QUERIES.TSV [RUNS [BUDGET_S]]\n");
		return 2;
	}
	px_i18n_init();
	px_xml_init();
	if (px_codebook_load(&cb, argv[2], argv[2], &d) < 0) {
		px_diag_print(&d, stderr, 0);
		return 2;
	}
	in = fopen(argv[3], "r");
	t = malloc((size_t)runs * sizeof *t);
	tc = malloc((size_t)runs * sizeof *tc);
	th = malloc((size_t)runs * sizeof *th);
	if (!in || !t || !tc || !th) {
		perror(argv[3]);
		return 2;
	}
	db = open_db(argv[1]);
	printf("%-12s %5s %7s %9s %9s %9s %9s %9s %9s\n", "query", "runs", "total", "first_ms",
	       "median_ms", "p99_ms", "max_ms", "rank_ms", "show_ms");
	while (fgets(line, sizeof line, in)) {
		char *label, *text, *fl, *save = NULL;
		px_buf sql = PX_BUF_INIT;
		px_query q;
		px_search_filters f;
		double start, first, split[2] = { 0, 0 };
		long total = 0, shown = 0, n = 0;

		line[strcspn(line, "\n")] = '\0';
		if (!*line || *line == '#')
			continue;
		label = strtok_r(line, "\t", &save);
		text = strtok_r(NULL, "\t", &save);
		fl = strtok_r(NULL, "\t", &save);
		if (!label || !text || !fl || parse_filters(fl, &f) < 0) {
			fprintf(stderr, "searchlat: bad line in %s\n", argv[3]);
			return 2;
		}
		if (px_query_parse(&q, text, cb, &d) < 0) {
			px_diag_print(&d, stderr, 0);
			return 2;
		}
		px_search_row_sql(&sql);

		/* the first run on a fresh connection: what one CLI call sees */
		{
			sqlite3 *fresh = open_db(argv[1]);
			start = now_ms();
			total = run_once(fresh, sql.ptr, &q, &f, &shown, split);
			first = now_ms() - start;
			sqlite3_close(fresh);
		}
		start = now_ms();
		while (n < runs && (n < 5 || now_ms() - start < budget)) {
			double t0 = now_ms();
			if (run_once(db, sql.ptr, &q, &f, &shown, split) < 0) {
				status = 1;
				break;
			}
			t[n] = now_ms() - t0;
			tc[n] = split[0];
			th[n] = split[1];
			n++;
		}
		if (n) {
			qsort(t, (size_t)n, sizeof *t, cmp_double);
			qsort(tc, (size_t)n, sizeof *tc, cmp_double);
			qsort(th, (size_t)n, sizeof *th, cmp_double);
			printf("%-12s %5ld %7ld %9.2f %9.2f %9.2f %9.2f %9.2f %9.2f\n", label, n, total,
			       first, pct(t, (size_t)n, 50), pct(t, (size_t)n, 99), t[n - 1],
			       pct(tc, (size_t)n, 50), pct(th, (size_t)n, 50));
			fflush(stdout);
		}
		px_query_free(&q);
		px_buf_free(&sql);

	}
	fclose(in);
	free(t);
	free(tc);
	free(th);
	sqlite3_close(db);
	px_codebook_free(cb);
	px_diag_free(&d);
	px_xml_cleanup();
	return status;
}
