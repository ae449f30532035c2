/*
 * searchlat.c - in-process latency of `praxis search` queries.
 *
 *     searchlat INDEX.DB CODEBOOK.XML QUERIES.TSV [RUNS [BUDGET_S]]
 *
 * For each line of QUERIES.TSV (label <TAB> query <TAB> filters <TAB>
 * rg pattern; '#' lines are comments; filters are search options such as
 * "--community c0001", "--cycle 2003-2004", "--kind quote", "--lang nl",
 * or "-"), runs what `praxis search` runs (px_search_run from
 * src/search.c: the ranked candidates and the count, then px_search_gather
 * for the 20 hits: each one's segment, codes and snippet), with the query parsed
 * by px_query_parse, RUNS times (default 200, at most
 * BUDGET_S seconds per query, default 5, at least 5 runs), on one
 * connection opened like px_index_open does, and prints the latency of
 * the first run on a fresh connection, then median, p99 and max of the
 * following ones, in ms. Statements are prepared on every run, as one
 * command prepares them once.
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
#include "db.h"
#include "fts.h"
#include "i18n.h"
#include "query.h"
#include "search.h"
#include "xml.h"

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
 * split[0]: ms spent ranking and counting, split[1]: gathering the
 * hits. The statements are prepared on every run, as in one command. */
static long run_once(sqlite3 *db, const px_query *q, const px_search_filters *f, long *shown,
		     double split[2])
{
	px_index ix;
	px_diag d = PX_DIAG_INIT;
	px_search_result res;
	double t0;
	long total = -1;

	memset(&ix, 0, sizeof ix);
	ix.db = db;
	*shown = 0;
	t0 = now_ms();
	if (px_search_run(&res, &ix, q, f, &d) != 0)
		goto done;
	split[0] = now_ms() - t0;
	t0 = now_ms();
	if (px_search_gather(&res, &ix, q, &d) != 0)
		goto done;
	split[1] = now_ms() - t0;
	*shown = (long)res.n;
	total = res.total;
done:
	if (total < 0) {
		fprintf(stderr, "searchlat: search failed\n");
		px_diag_print(&d, stderr, 0);
	}
	px_search_result_free(&res);
	px_db_release(&ix);
	px_diag_free(&d);
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

		/* the first run on a fresh connection: what one CLI call sees */
		{
			sqlite3 *fresh = open_db(argv[1]);
			start = now_ms();
			total = run_once(fresh, &q, &f, &shown, split);
			first = now_ms() - start;
			sqlite3_close(fresh);
		}
		start = now_ms();
		while (n < runs && (n < 5 || now_ms() - start < budget)) {
			double t0 = now_ms();
			if (run_once(db, &q, &f, &shown, split) < 0) {
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
