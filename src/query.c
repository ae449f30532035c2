/*
 * query.c - the query language (query.h): a lexer, a recursive descent
 * parser building a small tree, and the FTS5 expression written from it.
 */
#include "query.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "fold.h"
#include "search.h"

enum { T_END, T_WORD, T_PHRASE, T_CODE, T_AND, T_OR, T_NOT, T_MINUS, T_OPEN, T_CLOSE };
enum { N_LEAF, N_AND, N_OR, N_NOT };

#define MAX_NODES (4 * PX_QUERY_MAX_TERMS + 8)

typedef struct {
	int type;
	size_t at, len; /* the token in the text, as the user wrote it */
} token;

typedef struct {
	int type;
	size_t at;      /* column of the node's first token (byte offset) */
	token tok;      /* N_LEAF */
	const px_code *code;
	int child, next; /* first child, next sibling; -1: none */
} node;

typedef struct {
	const char *s;
	size_t len, pos;
	token peeked;
	int has_peek;
	int terms, depth;
	int stop;   /* a syntax error: parse no further */
	int failed; /* any error (an unknown code lets the parse go on) */
	node nodes[MAX_NODES];
	int nnodes;
	px_query *q;
	const px_codebook *cb;
	px_diag *d;
} parser;

/* the lowercase words that are operators in capitals, in the three
 * languages of the CLI */
static const struct {
	const char *word, *op;
} opwords[] = {
	{ "and", "AND" }, { "or", "OR" }, { "not", "NOT" },
	{ "en", "AND" }, { "of", "OR" }, { "niet", "NOT" },
	{ "et", "AND" }, { "ou", "OR" }, { "sauf", "NOT" },
};

static int bare_char(unsigned char c)
{
	return isalnum(c) || c == '_' || c >= 0x80;
}

/* A syntax error at byte `at` of the query: the parse stops. -1. */
static int syntax(parser *p, size_t at, px_msgid msg, ...)
{
	va_list ap;

	va_start(ap, msg);
	px_diag_vadd(p->d, "query", 1, (int)px_utf8_width(p->s, at) + 1, PX_SEV_ERROR, "query",
		     msg, ap);
	va_end(ap);
	p->failed = p->stop = 1;
	return -1;
}

static int word_is(const char *s, size_t n, const char *w)
{
	return strlen(w) == n && !memcmp(s, w, n);
}

static void lex(parser *p, token *t)
{
	const char *s = p->s;
	size_t i = p->pos;

	while (i < p->len && isspace((unsigned char)s[i]))
		i++;
	t->at = i;
	t->len = 0;
	if (i >= p->len) {
		t->type = T_END;
		p->pos = i;
		return;
	}
	if (s[i] == '(' || s[i] == ')') {
		t->type = s[i] == '(' ? T_OPEN : T_CLOSE;
		t->len = 1;
		p->pos = i + 1;
		return;
	}
	if (s[i] == '-' && i + 1 < p->len && !isspace((unsigned char)s[i + 1]) && s[i + 1] != ')') {
		t->type = T_MINUS;
		t->len = 1;
		p->pos = i + 1;
		return;
	}
	if (s[i] == '"') {
		const char *close = memchr(s + i + 1, '"', p->len - i - 1);
		t->type = T_PHRASE;
		if (!close) {
			t->len = p->len - i; /* the caller reports it */
			p->pos = p->len;
			t->type = -1;
			return;
		}
		p->pos = (size_t)(close - s) + 1;
		if (p->pos < p->len && s[p->pos] == '*')
			p->pos++;
		t->len = p->pos - i;
		return;
	}
	while (i < p->len && !isspace((unsigned char)s[i]) && s[i] != '(' && s[i] != ')' &&
	       s[i] != '"')
		i++;
	t->len = i - t->at;
	p->pos = i;
	if (word_is(s + t->at, t->len, "AND"))
		t->type = T_AND;
	else if (word_is(s + t->at, t->len, "OR"))
		t->type = T_OR;
	else if (word_is(s + t->at, t->len, "NOT"))
		t->type = T_NOT;
	else if (s[t->at] == '#')
		t->type = T_CODE;
	else
		t->type = T_WORD;
}

static token *peek(parser *p)
{
	if (!p->has_peek) {
		lex(p, &p->peeked);
		p->has_peek = 1;
		if (p->peeked.type == -1) {
			syntax(p, p->peeked.at, MSG_QUERY_QUOTE);
			p->peeked.type = T_END;
		} else if (p->peeked.type != T_END && p->peeked.type != T_OPEN &&
			   p->peeked.type != T_CLOSE && p->peeked.type != T_MINUS &&
			   ++p->terms > PX_QUERY_MAX_TERMS) {
			syntax(p, p->peeked.at, MSG_QUERY_TOO_MANY, PX_QUERY_MAX_TERMS);
			p->peeked.type = T_END;
		}
	}
	return &p->peeked;
}

static token take(parser *p)
{
	token t = *peek(p);

	p->has_peek = 0;
	return t;
}

static int new_node(parser *p, int type, size_t at)
{
	node *n;

	if (p->nnodes >= MAX_NODES) /* unreachable within the bounds */
		return syntax(p, at, MSG_QUERY_TOO_MANY, PX_QUERY_MAX_TERMS);
	n = &p->nodes[p->nnodes];
	memset(n, 0, sizeof *n);
	n->type = type;
	n->at = at;
	n->child = n->next = -1;
	return p->nnodes++;
}

/* Makes a list node of type `type` from the chain starting at `first`,
 * or returns `first` itself when it is alone. */
static int group(parser *p, int type, int first)
{
	int g;

	if (p->nodes[first].next < 0)
		return first;
	if ((g = new_node(p, type, p->nodes[first].at)) < 0)
		return -1;
	p->nodes[g].child = first;
	return g;
}

static int starts_term(int type)
{
	return type == T_WORD || type == T_PHRASE || type == T_CODE || type == T_NOT ||
	       type == T_MINUS || type == T_OPEN;
}

static int parse_or(parser *p);

static int leaf(parser *p, token t)
{
	int n = new_node(p, N_LEAF, t.at);

	if (n < 0)
		return -1;
	p->nodes[n].tok = t;
	if (t.type == T_CODE) {
		const char *s = p->s + t.at + 1;
		size_t len = t.len - 1;
		const px_code *code;
		char *tag;
		while (len && strchr(".,;:!?", s[len - 1]))
			len--; /* a trailing full stop is not part of the tag */
		tag = strndup(s, len);
		if (!tag)
			return syntax(p, t.at, MSG_OOM);
		code = len ? px_codebook_resolve(p->cb, tag, len) : NULL;
		if (!code) {
			const char *hint = len ? px_codebook_suggest(p->cb, tag) : NULL;
			px_buf w = PX_BUF_INIT, h = PX_BUF_INIT;
			px_buf_printf(&w, "#%s", tag);
			px_buf_printf(&h, "#%s", hint ? hint : "");
			px_diag_add_at(p->d, "query", 1, t.at, PX_SEV_ERROR, "query",
				       hint ? MSG_UNKNOWN_CODE_HINT : MSG_UNKNOWN_CODE, w.ptr, h.ptr);
			px_buf_free(&w);
			px_buf_free(&h);
			p->failed = 1; /* go on: every unknown code is told at once */
		}
		free(tag);
		p->nodes[n].code = code;
	} else if (t.type == T_WORD) {
		size_t k;
		for (k = 0; k < sizeof opwords / sizeof *opwords; k++)
			if (word_is(p->s + t.at, t.len, opwords[k].word)) {
				px_query_opword *v = realloc(p->q->opwords,
							     (p->q->nopwords + 1) * sizeof *v);
				if (!v)
					return syntax(p, t.at, MSG_OOM);
				p->q->opwords = v;
				v[p->q->nopwords].at = t.at;
				v[p->q->nopwords].len = t.len;
				v[p->q->nopwords++].op = opwords[k].op;
			}
	}
	return n;
}

static int parse_unary(parser *p)
{
	token t = *peek(p);
	int n, c;

	if (p->stop)
		return -1;
	if (t.type == T_NOT || t.type == T_MINUS) {
		take(p);
		if (!starts_term(peek(p)->type)) {
			if (p->stop)
				return -1;
			return syntax(p, t.at, MSG_QUERY_NEEDS_AFTER, t.type == T_NOT ? "NOT" : "-");
		}
		if (++p->depth > PX_QUERY_MAX_DEPTH)
			return syntax(p, t.at, MSG_QUERY_DEEP, PX_QUERY_MAX_DEPTH);
		c = parse_unary(p);
		p->depth--;
		if (c < 0)
			return -1;
		if (p->nodes[c].type == N_NOT) /* NOT NOT x is x */
			return p->nodes[c].child;
		if ((n = new_node(p, N_NOT, t.at)) < 0)
			return -1;
		p->nodes[n].child = c;
		return n;
	}
	if (t.type == T_OPEN) {
		take(p);
		if (++p->depth > PX_QUERY_MAX_DEPTH)
			return syntax(p, t.at, MSG_QUERY_DEEP, PX_QUERY_MAX_DEPTH);
		if (peek(p)->type == T_CLOSE)
			return syntax(p, t.at, MSG_QUERY_EMPTY_GROUP);
		n = parse_or(p);
		p->depth--;
		if (n < 0)
			return -1;
		if (peek(p)->type != T_CLOSE) {
			if (p->stop)
				return -1;
			return syntax(p, t.at, MSG_QUERY_PAREN_OPEN);
		}
		take(p);
		return n;
	}
	if (t.type == T_WORD || t.type == T_PHRASE || t.type == T_CODE)
		return leaf(p, take(p));
	return -1; /* the callers only come here at the start of a term */
}

/* An AND: its terms side by side or joined by AND; those under NOT
 * exclude from the others. */
static int parse_and(parser *p)
{
	int first = -1, last = -1, n, positive = 0;
	size_t neg_at = 0;
	int negs = 0;

	for (;;) {
		token t = *peek(p);
		if (p->stop)
			return -1;
		if (t.type == T_AND) {
			take(p);
			if (first < 0)
				return syntax(p, t.at, MSG_QUERY_NEEDS_BEFORE, "AND");
			if (!starts_term(peek(p)->type)) {
				if (p->stop)
					return -1;
				return syntax(p, t.at, MSG_QUERY_NEEDS_AFTER, "AND");
			}
			continue;
		}
		if (!starts_term(t.type))
			break;
		if ((n = parse_unary(p)) < 0)
			return -1;
		if (p->nodes[n].type == N_NOT) {
			if (!negs++)
				neg_at = p->nodes[n].at;
		} else {
			positive++;
		}
		if (last >= 0)
			p->nodes[last].next = n;
		else
			first = n;
		last = n;
	}
	if (first < 0) {
		token t = *peek(p);
		if (t.type == T_OR)
			return syntax(p, t.at, MSG_QUERY_NEEDS_BEFORE, "OR");
		if (t.type == T_CLOSE)
			return syntax(p, t.at, MSG_QUERY_PAREN_CLOSE);
		return -1;
	}
	if (!positive && p->nodes[first].next >= 0)
		return syntax(p, neg_at, MSG_QUERY_ONLY_NOT);
	return group(p, N_AND, first);
}

static int parse_or(parser *p)
{
	int first, last, n;

	if ((first = parse_and(p)) < 0)
		return -1;
	last = first;
	while (peek(p)->type == T_OR) {
		token t = take(p);
		if (!starts_term(peek(p)->type)) {
			if (p->stop)
				return -1;
			return syntax(p, t.at, MSG_QUERY_NEEDS_AFTER, "OR");
		}
		if ((n = parse_and(p)) < 0)
			return -1;
		p->nodes[last].next = n;
		last = n;
	}
	if (p->stop)
		return -1;
	if (first != last)
		for (n = first; n >= 0; n = p->nodes[n].next)
			if (p->nodes[n].type == N_NOT)
				return syntax(p, p->nodes[n].at, MSG_QUERY_ONLY_NOT);
	return group(p, N_OR, first);
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

static void emit(parser *p, px_buf *b, int n, int negated);

static int count(const parser *p, int n)
{
	int c, k = 0;

	for (c = p->nodes[n].child; c >= 0; c = p->nodes[c].next)
		k++;
	return k;
}

/* A node as an operand: in parentheses when it has operators. */
static void emit_operand(parser *p, px_buf *b, int n, int negated)
{
	int wrap = p->nodes[n].type != N_LEAF;

	if (wrap)
		px_buf_putc(b, '(');
	emit(p, b, n, negated);
	if (wrap)
		px_buf_putc(b, ')');
}

/* An FTS5 keyword, also with a prefix star: only ever a word when quoted. */
static int keyword(const char *w, size_t len)
{
	static const char *const kw[] = { "AND", "OR", "NOT", "NEAR" };
	size_t k;

	if (len && w[len - 1] == '*')
		len--;
	for (k = 0; k < sizeof kw / sizeof *kw; k++)
		if (word_is(w, len, kw[k]))
			return 1;
	return 0;
}

static void emit_leaf(parser *p, px_buf *b, const node *n, int negated)
{
	const char *w = p->s + n->tok.at;
	size_t len = n->tok.len, k;
	int plain = 1;

	if (n->tok.type == T_CODE) {
		px_buf sw = PX_BUF_INIT;
		px_scope_word(&sw, 'x', n->code ? n->code->id : "");
		px_buf_printf(b, "scope:%s", sw.ptr);
		px_buf_free(&sw);
		return;
	}
	if (!negated)
		p->q->words++;
	if (n->tok.type == T_PHRASE) {
		px_buf_put(b, w, len);
		return;
	}
	for (k = 0; k < len; k++)
		if (!bare_char((unsigned char)w[k]) && !(k == len - 1 && w[k] == '*' && k))
			plain = 0;
	if (plain && !keyword(w, len))
		px_buf_put(b, w, len);
	else
		quote_word(b, w, len);
}

static void emit(parser *p, px_buf *b, int n, int negated)
{
	const node *nd = &p->nodes[n];
	int c, k = 0, npos = 0, wrap;

	switch (nd->type) {
	case N_LEAF:
		emit_leaf(p, b, nd, negated);
		return;
	case N_OR:
		for (c = nd->child; c >= 0; c = p->nodes[c].next) {
			px_buf_puts(b, k++ ? " OR " : "");
			emit_operand(p, b, c, negated);
		}
		return;
	case N_NOT: /* alone: only as an AND's operand (the parser sees to it) */
		emit_operand(p, b, nd->child, !negated);
		return;
	default:
		break;
	}
	/* AND: the terms searched for, then NOT each excluded one */
	for (c = nd->child; c >= 0; c = p->nodes[c].next)
		npos += p->nodes[c].type != N_NOT;
	wrap = npos > 1 && npos < count(p, n);
	if (wrap)
		px_buf_putc(b, '(');
	for (c = nd->child; c >= 0; c = p->nodes[c].next)
		if (p->nodes[c].type != N_NOT) {
			px_buf_puts(b, k++ ? " AND " : "");
			emit_operand(p, b, c, negated);
		}
	if (wrap)
		px_buf_putc(b, ')');
	for (c = nd->child; c >= 0; c = p->nodes[c].next)
		if (p->nodes[c].type == N_NOT) {
			px_buf_puts(b, " NOT ");
			emit_operand(p, b, p->nodes[c].child, !negated);
		}
}

int px_query_parse(px_query *q, const char *text, const px_codebook *cb, px_diag *d)
{
	parser *p = NULL;
	size_t len = strlen(text);
	int root, rc = -1;

	memset(q, 0, sizeof *q);
	q->fts = (px_buf)PX_BUF_INIT;
	px_diag_source(d, "query", text, len);
	if (px_utf8_width(text, len) > PX_QUERY_MAX_CHARS) {
		size_t at = 0, k;
		for (k = 0; k < PX_QUERY_MAX_CHARS; k++)
			at += px_utf8_next(text + at, len - at);
		px_diag_add_at(d, "query", 1, at, PX_SEV_ERROR, "query", MSG_QUERY_TOO_LONG,
			       PX_QUERY_MAX_CHARS);
		goto done;
	}
	if (!(p = calloc(1, sizeof *p))) {
		px_diag_add(d, NULL, 0, 0, PX_SEV_ERROR, "environment", MSG_OOM);
		goto done;
	}
	p->s = text;
	p->len = len;
	p->q = q;
	p->cb = cb;
	p->d = d;
	if (peek(p)->type == T_END) {
		rc = p->failed ? -1 : 0; /* nothing: the caller says the query is empty */
		goto done;
	}
	root = parse_or(p);
	if (!p->stop && peek(p)->type != T_END) {
		token t = *peek(p);
		if (t.type == T_CLOSE)
			syntax(p, t.at, MSG_QUERY_PAREN_CLOSE);
		else if (!p->stop)
			syntax(p, t.at, MSG_QUERY_NEEDS_BEFORE, t.type == T_OR ? "OR" : "AND");
	}
	if (root >= 0 && !p->stop && p->nodes[root].type == N_NOT)
		syntax(p, p->nodes[root].at, MSG_QUERY_ONLY_NOT);
	if (p->failed || root < 0)
		goto done;
	emit(p, &q->fts, root, 0);
	rc = 0;
done:
	free(p);
	px_diag_source(d, NULL, NULL, 0);
	return rc;
}

static int add_code(px_query *q, const px_code *c)
{
	const px_code **v;
	size_t i;

	for (i = 0; i < q->ncodes; i++)
		if (q->codes[i] == c)
			return 0;
	v = realloc(q->codes, (q->ncodes + 1) * sizeof *v);
	if (!v)
		return -1;
	q->codes = v;
	q->codes[q->ncodes++] = c;
	return 0;
}

int px_query_add_code(px_query *q, const char *tag, const px_codebook *cb, px_diag *d)
{
	const px_code *c;

	if (*tag == '#')
		tag++;
	c = *tag ? px_codebook_resolve(cb, tag, strlen(tag)) : NULL;
	if (!c) {
		const char *hint = *tag ? px_codebook_suggest(cb, tag) : NULL;
		px_buf w = PX_BUF_INIT, h = PX_BUF_INIT;
		px_buf_printf(&w, "#%s", tag);
		px_buf_printf(&h, "#%s", hint ? hint : "");
		px_diag_add(d, NULL, 0, 0, PX_SEV_ERROR, "query",
			    hint ? MSG_UNKNOWN_CODE_HINT : MSG_UNKNOWN_CODE, w.ptr, h.ptr);
		px_buf_free(&w);
		px_buf_free(&h);
		return -1;
	}
	if (add_code(q, c) < 0) {
		px_diag_add(d, NULL, 0, 0, PX_SEV_ERROR, "environment", MSG_OOM);
		return -1;
	}
	return 0;
}

void px_query_explain(const px_query *q, const char *text, px_diag *d)
{
	size_t i;

	px_diag_source(d, "query", text, strlen(text));
	for (i = 0; i < q->nopwords; i++) {
		char *w = strndup(text + q->opwords[i].at, q->opwords[i].len);
		px_diag_add_at(d, "query", 1, q->opwords[i].at, PX_SEV_WARNING, "query",
			       MSG_QUERY_OPWORD, w ? w : "", q->opwords[i].op);
		free(w);
	}
	px_diag_source(d, NULL, NULL, 0);
}

void px_query_free(px_query *q)
{
	px_buf_free(&q->fts);
	free(q->codes);
	free(q->opwords);
	memset(q, 0, sizeof *q);
}
