/*
 * fts.h - the "praxis" FTS5 tokenizer: Dutch and French Snowball stemming
 * with accent folding, for session notes written in either language.
 *
 *     px_fts_register(db);
 *     CREATE VIRTUAL TABLE t USING fts5(body, tokenize='praxis');
 *
 * The tokenizer exists only on the connection that registered it, so
 * every connection (and every thread's connection) must call
 * px_fts_register() before touching such a table. It takes no arguments
 * (tokenize='praxis x' fails with SQLITE_ERROR).
 *
 * Splitting and lowercasing are done by the built-in unicode61 tokenizer
 * (remove_diacritics 0, default token characters: letters, digits and
 * private-use characters; '#', '-', '\'' and all other punctuation
 * separate words, so "#Buurtwerk" is the word "buurtwerk"). For each word
 * w, lowercased but still accented:
 *
 *   raw = fold(w)
 *   nl  = fold(dutch_stem(w)), then a final 'z' becomes 's' and a final
 *         'v' becomes 'f' (ziekenhuizen -> ziekenhuis, brieven -> brief)
 *   fr  = fold(french_stem(w))      (hôpitaux, hopital -> hopital)
 *
 * where fold() is px_fold() (NFKC, case folding, combining marks
 * removed, letters such as œ ł ø spelled oe l o; ASCII words are
 * already folded; PX_FOLD_VERSION in the index meta). What is emitted, all with
 * the byte offsets of w in the original text:
 *
 *   documents (FTS5_TOKENIZE_DOCUMENT), plain queries
 *   (FTS5_TOKENIZE_QUERY) and auxiliary functions (FTS5_TOKENIZE_AUX):
 *       raw, then nl and fr with FTS5_TOKEN_COLOCATED, each only if it
 *       differs from the tokens already emitted for w;
 *   prefix queries (FTS5_TOKENIZE_QUERY | FTS5_TOKENIZE_PREFIX, "ziek*"):
 *       raw only;
 *   words longer than PX_FTS_MAX_STEM bytes: raw only.
 *
 * A query word thus matches any document word that shares its raw form
 * or one of its stems. A word that px_fold() rejects (not valid UTF-8)
 * is emitted and stemmed as unicode61 produced it.
 *
 * Memory: each tokenizer instance (FTS5 makes one per table and
 * connection) keeps two Snowball stemmers and, from the first document it
 * tokenizes, a 1 MiB cache of the forms of recent words.
 */
#ifndef PX_FTS_H
#define PX_FTS_H

#include <sqlite3.h>

/*
 * The rank function, registered with the tokenizer (rank.c):
 *
 *     praxis_rank(t, CAP, W0, W1, ... [, COUNTS])
 *
 * is FTS5's bm25(t, W0, W1, ...) (smaller is better; a missing weight
 * is 1.0), except that each phrase's document frequency is counted only
 * when the phrase first weighs in a row's score, and no further than CAP
 * rows (CAP <= 0: all; a phrase in more rows counts as in CAP). With no
 * phrase in more than CAP rows, its value is bm25()'s. COUNTS, after one
 * weight per column, may be a pointer bound with
 * sqlite3_bind_pointer(st, i, &counts, PX_RANK_COUNTS, NULL): each call
 * sets counts.phrases and counts.first (the first phrase's rows counted
 * up to CAP, or -1 while not counted). The pointer stays the caller's.
 */
typedef struct {
	int phrases;
	long long first;
} px_rank_counts;
#define PX_RANK_COUNTS "px_rank_counts"

/* Longest word (in bytes, lowercased UTF-8) that gets stemmed. */
#define PX_FTS_MAX_STEM 64

/* Registers the "praxis" tokenizer and praxis_rank() on `db`. Returns
 * SQLITE_OK, or an SQLite error code (FTS5 missing, out of memory). */
int px_fts_register(sqlite3 *db);
/* Registers praxis_rank() with FTS5 (px_fts_register calls it). */
int px_rank_create(fts5_api *api);

#endif
