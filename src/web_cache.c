/*
 * web_cache.c - what `praxis serve` keeps between requests (web_cache.h):
 * the counts of a commit, and whole answers, least recently used out
 * first.
 */
#include "web_cache.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct entry {
	char *key;
	size_t keylen;
	uint64_t hash;
	int status;
	const char *type, *filename; /* static (web.h) */
	char *body;
	size_t len;
	struct entry *chain;       /* the bucket's next */
	struct entry *newer, *older; /* the LRU list */
} entry;

struct px_web_cache {
	pthread_mutex_t lock; /* the answers */
	size_t max, bytes, entries;
	entry **buckets;
	size_t nbuckets;
	entry *newest, *oldest;
	char *state; /* of the answers kept */
	unsigned long long hits, misses;

	pthread_mutex_t counts_lock; /* the counts, made by one worker at a time */
	char *counts_state;
	const px_codebook *counts_cb;
	px_stats_count *codes;
	long long *methods;

	pthread_mutex_t orders_lock; /* the codes' orders */
	char *orders_state;
	const px_codebook *orders_cb;
	px_codes_order *orders; /* [orders_cb->ncodes], made when first asked */
	unsigned char *have;    /* [orders_cb->ncodes] */
};

/* an entry's share of memory beyond its key and body */
#define OVERHEAD (sizeof(entry) + 2 * sizeof(entry *))

static uint64_t hash(const char *s, size_t n)
{
	uint64_t h = 14695981039346656037ULL; /* FNV-1a */
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ULL;
	}
	return h;
}

int px_web_cache_new(px_web_cache **out, size_t max_bytes, px_diag *d)
{
	px_web_cache *c = calloc(1, sizeof *c);

	*out = NULL;
	if (!c) {
		px_diag_add(d, NULL, 0, 0, PX_SEV_ERROR, "serve", MSG_OOM);
		return -1;
	}
	c->max = max_bytes;
	pthread_mutex_init(&c->lock, NULL);
	pthread_mutex_init(&c->counts_lock, NULL);
	pthread_mutex_init(&c->orders_lock, NULL);
	*out = c;
	return 0;
}

static void entry_free(entry *e)
{
	free(e->key);
	free(e->body);
	free(e);
}

static void unlink_lru(px_web_cache *c, entry *e)
{
	if (e->newer)
		e->newer->older = e->older;
	else
		c->newest = e->older;
	if (e->older)
		e->older->newer = e->newer;
	else
		c->oldest = e->newer;
	e->newer = e->older = NULL;
}

static void push_newest(px_web_cache *c, entry *e)
{
	e->older = c->newest;
	e->newer = NULL;
	if (c->newest)
		c->newest->newer = e;
	c->newest = e;
	if (!c->oldest)
		c->oldest = e;
}

static void drop(px_web_cache *c, entry *e)
{
	entry **p = &c->buckets[e->hash % c->nbuckets];

	while (*p != e)
		p = &(*p)->chain;
	*p = e->chain;
	unlink_lru(c, e);
	c->bytes -= e->keylen + e->len + OVERHEAD;
	c->entries--;
	entry_free(e);
}

static void drop_all(px_web_cache *c)
{
	while (c->oldest)
		drop(c, c->oldest);
}

static void drop_orders(px_web_cache *c)
{
	size_t i;

	for (i = 0; c->orders && i < c->orders_cb->ncodes; i++)
		px_codes_order_free(&c->orders[i]);
	free(c->orders);
	free(c->have);
	free(c->orders_state);
	c->orders = NULL;
	c->have = NULL;
	c->orders_state = NULL;
	c->orders_cb = NULL;
}

void px_web_cache_free(px_web_cache *c)
{
	if (!c)
		return;
	if (c->buckets)
		drop_all(c);
	free(c->buckets);
	free(c->state);
	free(c->counts_state);
	free(c->codes);
	free(c->methods);
	drop_orders(c);
	pthread_mutex_destroy(&c->lock);
	pthread_mutex_destroy(&c->orders_lock);
	pthread_mutex_destroy(&c->counts_lock);
	free(c);
}

/* ------------------------------------------------------------ keys */

void px_web_cache_key(px_buf *key, const char *state, const px_web_request *rq)
{
	size_t order[PX_WEB_MAX_PARAMS], n = rq->nparams < PX_WEB_MAX_PARAMS ? rq->nparams
									     : PX_WEB_MAX_PARAMS;
	size_t i, k;

	/* the parameters sorted by name (insertion: stable, so those of one
	 * name keep their order, which can matter: code=a&code=b) */
	for (i = 0; i < n; i++) {
		for (k = i; k > 0 && strcmp(rq->params[order[k - 1]].name, rq->params[i].name) > 0; k--)
			order[k] = order[k - 1];
		order[k] = i;
	}
	if (!state)
		state = "";
	px_buf_clear(key);
	/* lengths before texts: no text can pass for a separator */
	px_buf_printf(key, "%zu:%s %d %zu:%s", strlen(state), state, (int)rq->lang, strlen(rq->path),
		      rq->path);
	for (i = 0; i < n; i++) {
		const px_web_param *p = &rq->params[order[i]];
		px_buf_printf(key, " %zu:%s=%zu:%s", strlen(p->name), p->name, strlen(p->value),
			      p->value);
	}
}

void px_web_cache_etag(char out[PX_WEB_ETAG_SIZE], const px_buf *key)
{
	static const char hex[] = "0123456789abcdef";
	uint64_t h = hash(key->ptr, key->len);
	int i;

	out[0] = '"';
	for (i = 0; i < 16; i++)
		out[1 + i] = hex[(h >> (60 - 4 * i)) & 15];
	out[17] = '"';
	out[18] = 0;
}

int px_web_cache_matches(const char *h, const char *etag)
{
	size_t n = strlen(etag);

	while (h && *h) {
		size_t len;
		while (*h == ' ' || *h == '\t' || *h == ',')
			h++;
		if (*h == '*')
			return 1;
		if (!strncmp(h, "W/", 2))
			h += 2;
		len = strcspn(h, ",");
		while (len && (h[len - 1] == ' ' || h[len - 1] == '\t'))
			len--;
		if (len == n && !memcmp(h, etag, n))
			return 1;
		h += strcspn(h, ",");
	}
	return 0;
}

/* --------------------------------------------------------- answers */

static entry *find(px_web_cache *c, const px_buf *key, uint64_t h)
{
	entry *e;

	if (!c->nbuckets)
		return NULL;
	for (e = c->buckets[h % c->nbuckets]; e; e = e->chain)
		if (e->hash == h && e->keylen == key->len && !memcmp(e->key, key->ptr, key->len))
			return e;
	return NULL;
}

int px_web_cache_get(px_web_cache *c, const px_buf *key, px_web_response *rs)
{
	uint64_t h = hash(key->ptr, key->len);
	entry *e;
	int found = 0;

	if (!c || !c->max)
		return 0;
	pthread_mutex_lock(&c->lock);
	if ((e = find(c, key, h))) {
		px_buf_clear(&rs->body);
		px_buf_put(&rs->body, e->body, e->len);
		if (!px_buf_failed(&rs->body)) {
			rs->status = e->status;
			rs->type = e->type;
			rs->filename = e->filename;
			unlink_lru(c, e);
			push_newest(c, e);
			found = 1;
		}
	}
	if (found)
		c->hits++;
	else
		c->misses++;
	pthread_mutex_unlock(&c->lock);
	return found;
}

/* The buckets doubled (at most one entry per bucket on average). */
static void grow(px_web_cache *c)
{
	size_t n = c->nbuckets ? 2 * c->nbuckets : 256, i;
	entry **b, *e, *next;

	if (c->entries < c->nbuckets)
		return;
	if (!(b = calloc(n, sizeof *b)))
		return; /* longer chains: slower, not wrong */
	for (i = 0; i < c->nbuckets; i++)
		for (e = c->buckets[i]; e; e = next) {
			next = e->chain;
			e->chain = b[e->hash % n];
			b[e->hash % n] = e;
		}
	free(c->buckets);
	c->buckets = b;
	c->nbuckets = n;
}

void px_web_cache_put(px_web_cache *c, const char *state, const px_buf *key,
		      const px_web_response *rs)
{
	uint64_t h = hash(key->ptr, key->len);
	size_t size = key->len + rs->body.len + OVERHEAD;
	entry *e = NULL;

	if (!c || !c->max || px_buf_failed(&rs->body) || size > c->max ||
	    rs->body.len > PX_WEB_CACHE_MAX_ENTRY)
		return;
	pthread_mutex_lock(&c->lock);
	/* a new commit: what was kept answers nothing any more */
	if (!c->state || strcmp(c->state, state)) {
		char *s = strdup(state);
		if (!s)
			goto done;
		if (c->buckets)
			drop_all(c);
		free(c->state);
		c->state = s;
	}
	grow(c);
	if (!c->nbuckets || find(c, key, h))
		goto done; /* another worker kept it meanwhile */
	if (!(e = calloc(1, sizeof *e)) || !(e->key = malloc(key->len + 1)) ||
	    !(e->body = malloc(rs->body.len + 1))) {
		if (e)
			entry_free(e);
		goto done;
	}
	memcpy(e->key, key->ptr, key->len + 1);
	memcpy(e->body, rs->body.ptr, rs->body.len);
	e->keylen = key->len;
	e->len = rs->body.len;
	e->hash = h;
	e->status = rs->status;
	e->type = rs->type;
	e->filename = rs->filename;
	while (c->oldest && c->bytes + size > c->max)
		drop(c, c->oldest);
	e->chain = c->buckets[h % c->nbuckets];
	c->buckets[h % c->nbuckets] = e;
	push_newest(c, e);
	c->bytes += size;
	c->entries++;
done:
	pthread_mutex_unlock(&c->lock);
}

void px_web_cache_stat(px_web_cache *c, px_web_cache_stats *out)
{
	memset(out, 0, sizeof *out);
	if (!c)
		return;
	pthread_mutex_lock(&c->lock);
	out->entries = c->entries;
	out->bytes = c->bytes;
	out->hits = c->hits;
	out->misses = c->misses;
	pthread_mutex_unlock(&c->lock);
}

/* ---------------------------------------------------------- counts */

/* Copies the kept counts into `out` (a px_codes of counts only). */
static int copy_counts(px_codes *out, const px_web_cache *c, px_diag *d)
{
	const px_codebook *cb = c->counts_cb;

	memset(out, 0, sizeof *out);
	out->cb = cb;
	out->codes = malloc((cb->ncodes + 1) * sizeof *out->codes);
	out->methods = malloc((cb->nmethods + 1) * sizeof *out->methods);
	if (!out->codes || !out->methods) {
		px_codes_free(out);
		px_diag_add(d, NULL, 0, 0, PX_SEV_ERROR, "serve", MSG_OOM);
		return -1;
	}
	memcpy(out->codes, c->codes, cb->ncodes * sizeof *out->codes);
	memcpy(out->methods, c->methods, cb->nmethods * sizeof *out->methods);
	return 0;
}

int px_web_cache_counts(px_codes *out, px_web *w, px_diag *d)
{
	px_web_cache *c = w->cache;
	const px_codebook *cb = w->kb->cb;
	px_codes fresh;
	char *state;
	int rc;

	if (!c || !w->state)
		return px_codes_counts(out, w->index, d);
	/* one worker counts, those of the same commit wait for its counts */
	pthread_mutex_lock(&c->counts_lock);
	if (c->counts_state && !strcmp(c->counts_state, w->state) && c->counts_cb == cb) {
		rc = copy_counts(out, c, d);
		pthread_mutex_unlock(&c->counts_lock);
		return rc;
	}
	if (px_codes_counts(&fresh, w->index, d) < 0) {
		pthread_mutex_unlock(&c->counts_lock);
		memset(out, 0, sizeof *out);
		return -1;
	}
	if ((state = strdup(w->state))) {
		free(c->counts_state);
		free(c->codes);
		free(c->methods);
		c->counts_state = state;
		c->counts_cb = cb;
		c->codes = fresh.codes;
		c->methods = fresh.methods;
		fresh.codes = NULL;
		fresh.methods = NULL;
		rc = copy_counts(out, c, d);
	} else {
		/* not kept: the counts are this request's alone */
		*out = fresh;
		memset(&fresh, 0, sizeof fresh);
		rc = 0;
	}
	px_codes_free(&fresh);
	pthread_mutex_unlock(&c->counts_lock);
	return rc;
}

/* ---------------------------------------------------------- orders */

/* `n` ids from `from` and the timeline of `o` copied into `view`. */
static int copy_view(px_codes_order *view, const px_codes_order *o, size_t from, size_t n)
{
	size_t i;

	memset(view, 0, sizeof *view);
	if (!(view->ids = malloc((n + 1) * sizeof *view->ids)) ||
	    !(view->timeline = calloc(o->ntimeline + 1, sizeof *view->timeline)))
		return -1;
	memcpy(view->ids, o->ids + from, n * sizeof *view->ids);
	view->nids = n;
	for (i = 0; i < o->ntimeline; i++) {
		if (!(view->timeline[i].cycle = strdup(o->timeline[i].cycle)))
			return -1;
		view->timeline[i].session = o->timeline[i].session;
		view->timeline[i].segments = o->timeline[i].segments;
		view->ntimeline++;
	}
	return 0;
}

int px_web_cache_code(px_codes *c, px_web *w, const px_code *code, const px_codes_filter *f,
		      px_diag *d)
{
	px_web_cache *k = w->cache;
	const px_codebook *cb = w->kb->cb;
	px_codes_filter page = PX_CODES_FILTER_INIT;
	px_codes_order view;
	size_t from, n;
	int rc;

	if (!k || !w->state || f->cycle || f->community || f->note || f->session || f->with ||
	    code->index >= cb->ncodes)
		return px_codes_retrieve(c, w->index, code, f, d);
	pthread_mutex_lock(&k->orders_lock);
	if (!k->orders_state || strcmp(k->orders_state, w->state) || k->orders_cb != cb) {
		drop_orders(k);
		if (!(k->orders_state = strdup(w->state)) ||
		    !(k->orders = calloc(cb->ncodes + 1, sizeof *k->orders)) ||
		    !(k->have = calloc(cb->ncodes + 1, 1))) {
			drop_orders(k);
			pthread_mutex_unlock(&k->orders_lock);
			px_diag_add(d, NULL, 0, 0, PX_SEV_ERROR, "serve", MSG_OOM);
			return -1;
		}
		k->orders_cb = cb;
	}
	if (!k->have[code->index]) {
		if (px_codes_order_gather(&k->orders[code->index], w->index, code, NULL, d) < 0) {
			pthread_mutex_unlock(&k->orders_lock);
			return -1;
		}
		k->have[code->index] = 1;
	}
	/* this request's slice, read once the lock is let go */
	{
		const px_codes_order *o = &k->orders[code->index];
		from = f->offset > 0 ? (size_t)f->offset : 0;
		if (from > o->nids)
			from = o->nids;
		n = o->nids - from;
		if (f->limit >= 0 && (size_t)f->limit < n)
			n = (size_t)f->limit;
		rc = copy_view(&view, o, from, n);
	}
	pthread_mutex_unlock(&k->orders_lock);
	if (rc < 0) {
		px_codes_order_free(&view);
		px_diag_add(d, NULL, 0, 0, PX_SEV_ERROR, "serve", MSG_OOM);
		return -1;
	}
	rc = px_codes_retrieve_ordered(c, w->index, code, &view, &page, d);
	px_codes_order_free(&view);
	return rc;
}
