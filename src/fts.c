/*
 * fts.c - the "praxis" FTS5 tokenizer (see fts.h for what it emits).
 *
 * Built twice: into praxis, where it calls SQLite directly, and with
 * -DPX_FTS_EXTENSION into the loadable extension (fts_ext.c), where every
 * sqlite3_* call goes through the sqlite3_api table that fts_ext.c
 * defines and fills in.
 */
#ifdef PX_FTS_EXTENSION
#include <sqlite3ext.h>
SQLITE_EXTENSION_INIT3
#else
#include <sqlite3.h>
#endif

#include "fts.h"

#include "buf.h"
#include "fold.h"

#include <libstemmer.h>
#include <stdlib.h>
#include <string.h>

typedef int (*token_fn)(void *ctx, int tflags, const char *tok, int ntok,
			int start, int end);

/*
 * Stemming is most of the cost of indexing, and words repeat (Zipf), so
 * each tokenizer keeps what it emitted for recent words in a small
 * direct-mapped cache: the lowercased word, then its raw, Dutch and
 * French forms back to back (len 0 = not emitted). Words whose forms do
 * not fit in a slot are simply not cached.
 */
#define CACHE_SLOTS 8192	/* power of two; 128 bytes each, 1 MiB */

struct slot {
	unsigned char klen;	/* 0: empty */
	unsigned char len[3];	/* raw, nl, fr */
	char data[124];
};

/* One per FTS5 table and connection; FTS5 never uses it from two threads
 * at once, which is all the stemmers and the cache need. */
struct tokenizer {
	fts5_tokenizer inner_mod;	/* unicode61 */
	Fts5Tokenizer *inner;
	struct sb_stemmer *nl, *fr;
	px_buf nl_stem;			/* the Dutch stem, fixed up */
	struct slot *cache;		/* allocated on first document */
};

/* State of one xTokenize call. */
struct run {
	struct tokenizer *t;
	void *ctx;
	token_fn emit;
	int prefix;
};

/* A folded form: `p`/`n` is either the input itself (ASCII, or text
 * px_fold() rejects) or `own`, which the caller frees. n == 0: none. */
struct form {
	const char *p;
	size_t n;
	char *own;
};

static int is_ascii(const char *s, size_t n)
{
	unsigned char acc = 0;
	size_t i;

	for (i = 0; i < n; i++)
		acc |= (unsigned char)s[i];
	return acc < 0x80;
}

static int fold(struct form *f, const char *s, size_t n)
{
	f->p = s;
	f->n = n;
	f->own = NULL;
	if (is_ascii(s, n))
		return SQLITE_OK;
	f->own = px_fold(s, n);
	if (!f->own) {
		/* invalid UTF-8 is kept as it is; valid text failed for memory */
		return px_utf8_invalid_at(s, n) < n ? SQLITE_OK : SQLITE_NOMEM;
	}
	if (f->own[0]) {
		f->p = f->own;
		f->n = strlen(f->own);
	}
	return SQLITE_OK;
}

static int same(const struct form *a, const struct form *b)
{
	return a->n == b->n && !memcmp(a->p, b->p, a->n);
}

/*
 * Kraaij-Pohlmann's fix-up for the Porter-style Dutch stemmer, which does
 * not undo the consonant change of plurals: ziekenhuiz(en) -> ziekenhuis,
 * briev(en) -> brief.
 */
static void dutch_fixup(px_buf *b)
{
	if (!b->len)
		return;
	if (b->ptr[b->len - 1] == 'z')
		b->ptr[b->len - 1] = 's';
	else if (b->ptr[b->len - 1] == 'v')
		b->ptr[b->len - 1] = 'f';
}

/* The stems of `tok` (ntok <= PX_FTS_MAX_STEM) that differ from `raw`
 * and from each other; nl->n or fr->n is 0 for a stem not to emit. */
static int stem(struct tokenizer *t, const char *tok, int ntok,
		const struct form *raw, struct form *nl, struct form *fr)
{
	const sb_symbol *s;
	int rc, n;

	s = sb_stemmer_stem(t->nl, (const sb_symbol *)tok, ntok);
	if (!s)
		return SQLITE_NOMEM;
	n = sb_stemmer_length(t->nl);
	px_buf_clear(&t->nl_stem);
	if (px_buf_put(&t->nl_stem, (const char *)s, (size_t)n) < 0)
		return SQLITE_NOMEM;
	dutch_fixup(&t->nl_stem);
	if (t->nl_stem.len && (t->nl_stem.len != (size_t)ntok ||
			       memcmp(t->nl_stem.ptr, tok, (size_t)ntok))) {
		rc = fold(nl, t->nl_stem.ptr, t->nl_stem.len);
		if (rc != SQLITE_OK)
			return rc;
		if (same(nl, raw))
			nl->n = 0;
	}

	s = sb_stemmer_stem(t->fr, (const sb_symbol *)tok, ntok);
	if (!s)
		return SQLITE_NOMEM;
	n = sb_stemmer_length(t->fr);
	if (n > 0 && (n != ntok || memcmp(s, tok, (size_t)ntok))) {
		rc = fold(fr, (const char *)s, (size_t)n);
		if (rc != SQLITE_OK)
			return rc;
		if (same(fr, raw) || (nl->n && same(fr, nl)))
			fr->n = 0;
	}
	return SQLITE_OK;
}

static size_t hash(const char *s, size_t n)
{
	size_t i;
	unsigned h = 2166136261u;	/* FNV-1a */

	for (i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return (h ^ (h >> 15)) & (CACHE_SLOTS - 1);
}

static void cache_put(struct slot *sl, const char *tok, size_t ntok,
		      const struct form *f)
{
	size_t i, at = ntok;

	if (ntok + f[0].n + f[1].n + f[2].n > sizeof sl->data)
		return;
	sl->klen = (unsigned char)ntok;
	memcpy(sl->data, tok, ntok);
	for (i = 0; i < 3; i++) {
		sl->len[i] = (unsigned char)f[i].n;
		if (f[i].n)
			memcpy(sl->data + at, f[i].p, f[i].n);
		at += f[i].n;
	}
}

static int emit_forms(struct run *r, const struct form *f, int start, int end)
{
	int rc, i;

	rc = r->emit(r->ctx, 0, f[0].p, (int)f[0].n, start, end);
	for (i = 1; i < 3 && rc == SQLITE_OK; i++)
		if (f[i].n)
			rc = r->emit(r->ctx, FTS5_TOKEN_COLOCATED, f[i].p,
				     (int)f[i].n, start, end);
	return rc;
}

/* Whether the token holds an ASCII digit. */
static int has_digit(const char *tok, int ntok)
{
	int i;

	for (i = 0; i < ntok; i++)
		if (tok[i] >= '0' && tok[i] <= '9')
			return 1;
	return 0;
}

static int on_token(void *arg, int tflags, const char *tok, int ntok,
		    int start, int end)
{
	struct run *r = arg;
	struct tokenizer *t = r->t;
	struct form f[3] = { { 0 } };	/* raw, nl, fr */
	struct slot *sl = NULL;
	int rc;

	(void)tflags;
	if (ntok <= 0)
		return SQLITE_OK;
	/* numbers, dates and the index's own scope words (search.h) are
	 * not language: they go in as they are, without stemming */
	if (has_digit(tok, ntok))
		return r->emit(r->ctx, 0, tok, ntok, start, end);
	if (t->cache && !r->prefix && ntok <= PX_FTS_MAX_STEM) {
		sl = &t->cache[hash(tok, (size_t)ntok)];
		if (sl->klen == ntok && !memcmp(sl->data, tok, (size_t)ntok)) {
			const char *p = sl->data + ntok;
			int i;

			for (i = 0; i < 3; i++) {
				f[i].p = p;
				f[i].n = sl->len[i];
				p += f[i].n;
			}
			return emit_forms(r, f, start, end);
		}
	}

	rc = fold(&f[0], tok, (size_t)ntok);
	if (rc == SQLITE_OK && !r->prefix && ntok <= PX_FTS_MAX_STEM)
		rc = stem(t, tok, ntok, &f[0], &f[1], &f[2]);
	if (rc != SQLITE_OK)
		goto cleanup;
	if (sl)
		cache_put(sl, tok, (size_t)ntok, f);
	rc = emit_forms(r, f, start, end);

cleanup:
	free(f[0].own);
	free(f[1].own);
	free(f[2].own);
	return rc;
}

static int tok_tokenize(Fts5Tokenizer *p, void *ctx, int flags,
			const char *text, int ntext, token_fn emit)
{
	struct tokenizer *t = (struct tokenizer *)p;
	struct run r = { t, ctx, emit, 0 };

	r.prefix = (flags & FTS5_TOKENIZE_PREFIX) != 0;
	/* queries are short: only documents (and snippets) use the cache;
	 * without memory for it, words are just stemmed every time */
	if (!t->cache && !(flags & FTS5_TOKENIZE_QUERY))
		t->cache = calloc(CACHE_SLOTS, sizeof *t->cache);
	return t->inner_mod.xTokenize(t->inner, &r, flags, text, ntext, on_token);
}

static void tok_delete(Fts5Tokenizer *p)
{
	struct tokenizer *t = (struct tokenizer *)p;

	if (!t)
		return;
	if (t->inner)
		t->inner_mod.xDelete(t->inner);
	if (t->nl)
		sb_stemmer_delete(t->nl);
	if (t->fr)
		sb_stemmer_delete(t->fr);
	px_buf_free(&t->nl_stem);
	free(t->cache);
	free(t);
}

static int tok_create(void *udata, const char **argv, int argc,
		      Fts5Tokenizer **out)
{
	/* '#' and all punctuation are separators by default: plain words */
	static const char *inner_args[] = { "remove_diacritics", "0" };
	fts5_api *api = udata;
	struct tokenizer *t;
	void *inner_udata = NULL;
	int rc;

	(void)argv;
	*out = NULL;
	if (argc > 0)
		return SQLITE_ERROR;
	t = calloc(1, sizeof *t);
	if (!t)
		return SQLITE_NOMEM;
	t->nl_stem = (px_buf)PX_BUF_INIT;
	rc = api->xFindTokenizer(api, "unicode61", &inner_udata, &t->inner_mod);
	if (rc != SQLITE_OK)
		goto cleanup;
	rc = t->inner_mod.xCreate(inner_udata, inner_args, 2, &t->inner);
	if (rc != SQLITE_OK)
		goto cleanup;
	/* NULL means out of memory: both languages are built into libstemmer */
	t->nl = sb_stemmer_new("dutch", "UTF_8");
	t->fr = sb_stemmer_new("french", "UTF_8");
	if (!t->nl || !t->fr) {
		rc = SQLITE_NOMEM;
		goto cleanup;
	}
	*out = (Fts5Tokenizer *)t;
	return SQLITE_OK;

cleanup:
	tok_delete((Fts5Tokenizer *)t);
	return rc;
}

static int get_api(sqlite3 *db, fts5_api **api)
{
	sqlite3_stmt *st = NULL;
	int rc;

	*api = NULL;
	rc = sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, NULL);
	if (rc != SQLITE_OK)
		return rc;
	sqlite3_bind_pointer(st, 1, (void *)api, "fts5_api_ptr", NULL);
	sqlite3_step(st);	/* its error, if any, comes back from finalize */
	rc = sqlite3_finalize(st);
	if (rc == SQLITE_OK && (!*api || (*api)->iVersion < 2))
		rc = SQLITE_ERROR;
	return rc;
}

int px_fts_register(sqlite3 *db)
{
	fts5_tokenizer mod = { tok_create, tok_delete, tok_tokenize };
	fts5_api *api;
	int rc;

	rc = get_api(db, &api);
	if (rc != SQLITE_OK)
		return rc;
	rc = api->xCreateTokenizer(api, "praxis", api, &mod, NULL);
	return rc == SQLITE_OK ? px_rank_create(api) : rc;
}
