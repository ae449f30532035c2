#include "search.h"

#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "text.h"

const char *const px_search_kinds[] = { "quote", "followup", "paragraph", "item", "row", NULL };

void px_scope_word(px_buf *b, char filter, const char *value)
{
	/* 48 bits of the value's digest, in base 36 with a digit first: short
	 * words keep the index small (two values meeting is a chance of one
	 * in 2^48 per pair) */
	static const char digits[] = "0123456789abcdefghijklmnopqrstuvwxyz";
	unsigned long long h = px_fnv1a(PX_FNV_INIT, value, strlen(value)) & 0xffffffffffffULL;
	char w[24];
	int n = (int)sizeof w;

	/* written from the end: the digest's digits, then "zz" FILTER "0",
	 * then the space before it (the index writes millions: no printf) */
	do {
		w[--n] = digits[h % 36];
		h /= 36;
	} while (h);
	w[--n] = '0';
	w[--n] = filter;
	w[--n] = 'z';
	w[--n] = 'z';
	if (b->len)
		w[--n] = ' ';
	px_buf_put(b, w + n, sizeof w - (size_t)n);
}

/* The FTS5 expression: the user's, and the filters as scope words. */
static void fts_expression(px_buf *e, const px_query *q, const px_search_filters *f)
{
	px_buf words = PX_BUF_INIT;
	size_t i;

	if (f->community)
		px_scope_word(&words, 'c', f->community);
	if (f->cycle)
		px_scope_word(&words, 'y', f->cycle);
	if (f->lang)
		px_scope_word(&words, 'l', f->lang);
	if (f->kind >= 0)
		px_scope_word(&words, 'k', px_search_kinds[f->kind]);
	for (i = 0; i < q->ncodes; i++)
		px_scope_word(&words, 'x', q->codes[i]->id);
	if (!words.len) {
		px_buf_puts(e, q->fts.ptr);
	} else {
		char *w, *save = NULL;
		if (q->fts.len)
			px_buf_printf(e, "(%s)", q->fts.ptr);
		for (w = strtok_r(words.ptr, " ", &save); w; w = strtok_r(NULL, " ", &save))
			px_buf_printf(e, "%sscope:%s", e->len ? " AND " : "", w);
	}
	px_buf_free(&words);
}

static int by_score(const void *a, const void *b)
{
	const px_db_hit *x = a, *y = b;

	if (x->score != y->score)
		return x->score < y->score ? -1 : 1;
	return x->seg.id < y->seg.id ? 1 : x->seg.id > y->seg.id ? -1 : 0;
}

int px_search_match(px_db_match *m, px_buf *expr, const px_query *q, const px_search_filters *f,
		    px_diag *d)
{
	if (!q->fts.len && !q->ncodes)
		return 1;
	fts_expression(expr, q, f);
	if (px_diag_buf(d, expr, NULL) < 0)
		return -1;
	m->match = expr->ptr;
	m->since = f->since;
	m->until = f->until;
	m->note = f->note;
	return 0;
}

int px_search_run(px_search_result *out, px_index *ix, const px_query *q,
		  const px_search_filters *f, px_diag *d)
{
	px_buf expr = PX_BUF_INIT;
	px_db_match m;
	long window = f->limit ? PX_SEARCH_WINDOW : -1;
	int rc = 0;

	memset(out, 0, sizeof *out);
	if (f->limit > window && window > 0)
		window = f->limit;
	rc = px_search_match(&m, &expr, q, f, d);
	if (rc)
		goto done;
	rc = px_db_search_rank(&out->hits, &out->n, &out->total, ix, &m, window,
			       PX_SEARCH_COUNT_CAP + 1, d);
	if (!rc && out->total < 0)
		rc = px_db_search_count(&out->total, ix, &m, PX_SEARCH_COUNT_CAP + 1, d);
	if (rc)
		goto done;
	out->capped = out->total > PX_SEARCH_COUNT_CAP;
	if (out->capped)
		out->total = PX_SEARCH_COUNT_CAP;
	if (out->n > 1)
		qsort(out->hits, out->n, sizeof *out->hits, by_score);
	if (f->limit && out->n > (size_t)f->limit)
		out->n = (size_t)f->limit; /* the rest hold nothing to free */
	out->match = px_buf_detach(&expr);
	if (!out->match) {
		px_diag_add(d, NULL, 0, 0, PX_SEV_ERROR, "environment", MSG_OOM);
		rc = -1;
	}
done:
	if (rc)
		px_search_result_free(out);
	px_buf_free(&expr);
	return rc == 1 ? 0 : rc;
}

int px_search_gather(px_search_result *r, px_index *ix, const px_query *q, px_diag *d)
{
	size_t i, k = 0;
	int rc = 0;

	for (i = 0; i < r->n && rc >= 0; i++) {
		rc = px_db_search_hit(&r->hits[i], ix, d);
		if (rc <= 0) {
			px_db_hit_clear(&r->hits[i]);
			continue;
		}
		if (k != i) {
			r->hits[k] = r->hits[i];
			memset(&r->hits[i], 0, sizeof r->hits[i]);
		}
		k++;
	}
	r->n = k;
	if (rc < 0)
		return -1;
	/* the filters' scope words too: they only narrow the walk to the
	 * hits (the scope column holds no text to show) */
	if (q->words)
		return px_db_search_snippets(r->hits, r->n, ix, r->match ? r->match : q->fts.ptr,
					     PX_SEARCH_MARK_ON, PX_SEARCH_MARK_OFF, d);
	/* codes only (or words only excluded): there is no match to show,
	 * the segment is */
	for (i = 0; i < r->n; i++)
		if (!(r->hits[i].snippet = strdup(r->hits[i].seg.text))) {
			px_diag_add(d, NULL, 0, 0, PX_SEV_ERROR, "environment", MSG_OOM);
			return -1;
		}
	return 0;
}

static int by_date(const void *a, const void *b)
{
	const px_db_segment *x = &((const px_db_hit *)a)->seg, *y = &((const px_db_hit *)b)->seg;
	int c;

	if ((c = strcmp(x->date, y->date)) || (c = strcmp(x->cycle, y->cycle)) ||
	    (c = strcmp(x->community, y->community)))
		return c;
	if (x->session != y->session)
		return x->session < y->session ? -1 : 1;
	if ((c = strcmp(x->path, y->path)))
		return c;
	return x->line < y->line ? -1 : x->line > y->line;
}

void px_search_sort_by_date(px_search_result *r)
{
	if (r->n > 1)
		qsort(r->hits, r->n, sizeof *r->hits, by_date);
}

void px_search_result_free(px_search_result *r)
{
	px_db_hits_free(r->hits, r->n);
	free(r->match);
	memset(r, 0, sizeof *r);
}

/* Replaces the match marks: ANSI bold on a terminal, **word** else;
 * line breaks become spaces, and the note's text between the marks
 * goes through the terminal sanitiser (JSON escapes its own). */
void px_search_snippet(px_buf *out, const char *s, int color, int json)
{
	size_t run;

	for (; *s; s += run) {
		run = strcspn(s, PX_SEARCH_MARK_ON PX_SEARCH_MARK_OFF "\n");
		if (json)
			px_buf_put(out, s, run);
		else
			px_buf_term_text(out, s, run, PX_TERM_LINE);
		if (!s[run])
			break;
		if (s[run] == PX_SEARCH_MARK_ON[0])
			px_buf_puts(out, color ? "\033[1;33m" : "**");
		else if (s[run] == PX_SEARCH_MARK_OFF[0])
			px_buf_puts(out, color ? "\033[0m" : "**");
		else
			px_buf_putc(out, ' ');
		run++;
	}
}

/* The JSON shape is doc/json.md's, section "search". */
void px_search_json_fields(px_json *j, const char *text, const px_search_result *r,
			   const px_codebook *cb)
{
	px_buf snip = PX_BUF_INIT;
	size_t i, k;

	px_json_kstr(j, "query", text);
	px_json_kint(j, "total", r->total);
	px_json_kbool(j, "total_capped", r->capped);
	px_json_key(j, "hits");
	px_json_array(j);
	for (i = 0; i < r->n; i++) {
		const px_db_hit *h = &r->hits[i];
		px_json_object(j);
		px_json_kstr(j, "path", h->seg.path);
		px_json_kstr(j, "community", h->seg.community);
		px_json_kstr(j, "cycle", h->seg.cycle);
		px_json_kint(j, "session", h->seg.session);
		px_json_kstr(j, "date", h->seg.date);
		px_json_kstr(j, "lang", h->seg.lang);
		px_json_kint(j, "line", h->seg.line);
		px_json_kint(j, "last_line", h->seg.last_line);
		px_json_kstr(j, "title", h->seg.title);
		px_json_kstr(j, "kind", h->seg.kind);
		px_json_kstr(j, "heading", h->seg.heading);
		px_json_key(j, "codes");
		px_json_array(j);
		for (k = 0; k < h->ncodes; k++)
			px_json_str(j, h->codes[k]);
		px_json_end(j);
		/* the codes again, with their labels in both languages (the index
		 * is rebuilt when the codebook changes: every code is in it) */
		px_json_key(j, "code_labels");
		px_json_array(j);
		for (k = 0; k < h->ncodes; k++) {
			const px_code *c = px_codebook_code(cb, h->codes[k]);
			px_json_object(j);
			px_json_kstr(j, "code", h->codes[k]);
			px_json_kstr(j, "nl", c ? c->label[PX_LANG_NL] : h->codes[k]);
			px_json_kstr(j, "fr", c ? c->label[PX_LANG_FR] : h->codes[k]);
			px_json_end(j);
		}
		px_json_end(j);
		px_buf_clear(&snip);
		px_search_snippet(&snip, h->snippet, 0, 1);
		px_json_kstr(j, "snippet", snip.ptr);
		px_json_kstr(j, "text", h->seg.text);
		px_json_knum(j, "score", -h->score, 6);
		px_json_end(j);
	}
	px_json_end(j);
	px_buf_free(&snip);
}

void px_search_json(px_buf *out, const char *text, const px_search_result *r,
		    const px_codebook *cb)
{
	px_json j;

	px_json_init(&j, out);
	px_json_object(&j);
	px_search_json_fields(&j, text, r, cb);
	px_json_end(&j);
}
