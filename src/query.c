#include "query.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "fold.h"

static int bare_char(unsigned char c)
{
	return isalnum(c) || c == '_' || c >= 0x80;
}

static void quote_word(px_buf *b, const char *w, size_t n)
{
	size_t i;
	int prefix = n > 1 && w[n - 1] == '*';

	if (prefix)
		n--;
	px_buf_putc(b, '"');
	for (i = 0; i < n; i++) {
		if (w[i] == '"')
			px_buf_putc(b, '"');
		px_buf_putc(b, w[i]);
	}
	px_buf_putc(b, '"');
	if (prefix)
		px_buf_putc(b, '*');
}

static int add_code(px_query *q, const px_code *c)
{
	const px_code **p;
	size_t i;

	for (i = 0; i < q->ncodes; i++)
		if (q->codes[i] == c)
			return 0;
	p = realloc(q->codes, (q->ncodes + 1) * sizeof *p);
	if (!p)
		return -1;
	q->codes = p;
	q->codes[q->ncodes++] = c;
	return 0;
}

int px_query_parse(px_query *q, const char *text, const px_codebook *cb, px_diag *d)
{
	size_t i = 0, len = strlen(text);
	int rc = 0, terms = 0;

	memset(q, 0, sizeof *q);
	q->fts = (px_buf)PX_BUF_INIT;
	px_diag_source(d, "query", text, len);
	if (px_utf8_width(text, len) > PX_QUERY_MAX_CHARS) {
		size_t at = 0, k;
		for (k = 0; k < PX_QUERY_MAX_CHARS; k++)
			at += px_utf8_next(text + at, len - at);
		px_diag_add_at(d, "query", 1, at, PX_SEV_ERROR, "query", MSG_QUERY_TOO_LONG,
			       PX_QUERY_MAX_CHARS);
		rc = -1;
		goto done;
	}
	while (i < len) {
		unsigned char c = (unsigned char)text[i];
		size_t start = i;

		if (isspace(c)) {
			i++;
			continue;
		}
		if (c != '(' && c != ')' && ++terms > PX_QUERY_MAX_TERMS) {
			px_diag_add_at(d, "query", 1, i, PX_SEV_ERROR, "query", MSG_QUERY_TOO_MANY,
				       PX_QUERY_MAX_TERMS);
			rc = -1;
			break;
		}
		if (q->fts.len && q->fts.ptr[q->fts.len - 1] != '(')
			px_buf_putc(&q->fts, ' ');
		if (c == '"') {
			const char *close = strchr(text + i + 1, '"');
			if (!close) {
				px_diag_add_at(d, "query", 1, i, PX_SEV_ERROR, "query", MSG_QUERY_QUOTE);
				rc = -1;
				break;
			}
			i = (size_t)(close - text) + 1;
			px_buf_put(&q->fts, text + start, i - start);
			if (i < len && text[i] == '*')
				px_buf_putc(&q->fts, text[i++]);
			continue;
		}
		if (c == '(' || c == ')') {
			if (c == ')' && q->fts.len && q->fts.ptr[q->fts.len - 1] == ' ')
				px_buf_truncate(&q->fts, q->fts.len - 1);
			px_buf_putc(&q->fts, (char)c);
			i++;
			continue;
		}
		while (i < len && !isspace((unsigned char)text[i]) && text[i] != '(' &&
		       text[i] != ')' && text[i] != '"')
			i++;
		if (c == '#') {
			size_t n = i - start - 1;
			const px_code *code;
			char *tag;
			while (n && strchr(".,;:!?", text[start + n]))
				n--; /* a trailing full stop is not part of the tag */
			tag = strndup(text + start + 1, n);
			code = tag && n ? px_codebook_resolve(cb, tag, n) : NULL;
			if (!code) {
				const char *hint = tag && n ? px_codebook_suggest(cb, tag) : NULL;
				px_buf t = PX_BUF_INIT, h = PX_BUF_INIT;
				px_buf_printf(&t, "#%s", tag ? tag : "");
				px_buf_printf(&h, "#%s", hint ? hint : "");
				px_diag_add_at(d, "query", 1, start, PX_SEV_ERROR, "query",
					       hint ? MSG_UNKNOWN_CODE_HINT : MSG_UNKNOWN_CODE, t.ptr, h.ptr);
				px_buf_free(&t);
				px_buf_free(&h);
				rc = -1;
			} else if (add_code(q, code) < 0) {
				rc = -1;
			}
			free(tag);
			/* drop the separator written for it */
			if (q->fts.len && q->fts.ptr[q->fts.len - 1] == ' ')
				px_buf_truncate(&q->fts, q->fts.len - 1);
			continue;
		}
		{
			size_t n = i - start, k;
			int plain = 1;
			for (k = 0; k < n; k++)
				if (!bare_char((unsigned char)text[start + k]) && !(k == n - 1 && text[start + k] == '*' && k))
					plain = 0;
			if (plain)
				px_buf_put(&q->fts, text + start, n);
			else
				quote_word(&q->fts, text + start, n);
		}
	}
done:
	px_diag_source(d, NULL, NULL, 0);
	return rc;
}

void px_query_free(px_query *q)
{
	px_buf_free(&q->fts);
	free(q->codes);
	q->codes = NULL;
	q->ncodes = 0;
}
