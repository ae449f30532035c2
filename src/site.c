#include "site.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "brief.h"
#include "data.h"
#include "db.h"
#include "cycle.h"
#include "note.h"
#include "out.h"
#include "render.h"
#include "report.h"
#include "xmlout.h"

#define MANIFEST ".praxis-site"

typedef struct {
	char *path;
	char *digest;
} entry;

typedef struct {
	entry *v;
	size_t n, cap;
} manifest;

typedef struct pool pool;

typedef struct {
	px_index *ix;
	const px_site_opts *o;
	px_site_stats *st;
	px_diag *d;
	px_renderer *page, *report, *brief;
	char today[PX_DATE_SIZE];
	char global[17];   /* codebook, communities, stylesheets */
	px_buf communities; /* the <communities> element every page carries */
	px_buf css;
	manifest old, now;
	long total;
	char *target;  /* the site's folder as it is (resolved), NULL when new */
	char *dir;     /* the site's folder as given, without trailing '/' */
	char *build;   /* the fresh sibling folder this run writes */
	int leftovers; /* the old folder holds temporary files of killed runs */
	int internal;  /* the internal site (audience.h): notes, follow-ups, names */
	int reports;   /* the site carries the cycle reports */
	char *pagefind; /* the Pagefind program, NULL: no search index */
	const char *deflang; /* the language of index.html */
	pool *pool;     /* the threads rendering pages, NULL: this one */
} site;


/* ------------------------------------------------------------ helpers */

static int cmp_entry(const void *a, const void *b)
{
	return strcmp(((const entry *)a)->path, ((const entry *)b)->path);
}

static void manifest_add(manifest *m, const char *path, const char *digest)
{
	if (m->n == m->cap) {
		size_t cap = m->cap ? m->cap * 2 : 256;
		entry *p = realloc(m->v, cap * sizeof *p);
		if (!p)
			return;
		m->v = p;
		m->cap = cap;
	}
	m->v[m->n].path = strdup(path);
	m->v[m->n].digest = strdup(digest);
	m->n++;
}

static void manifest_free(manifest *m)
{
	size_t i;

	for (i = 0; i < m->n; i++) {
		free(m->v[i].path);
		free(m->v[i].digest);
	}
	free(m->v);
	memset(m, 0, sizeof *m);
}

static void manifest_load(site *s)
{
	px_buf b = PX_BUF_INIT, p = PX_BUF_INIT;
	char *line, *save = NULL;

	if (!s->target)
		return;
	px_buf_printf(&p, "%s/%s", s->target, MANIFEST);
	if (px_buf_read_file(&b, p.ptr, 64 << 20) == 0) {
		for (line = strtok_r(b.ptr, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
			char *tab = strchr(line, '\t');
			if (!tab)
				continue;
			*tab = '\0';
			manifest_add(&s->old, tab + 1, line);
		}
	}
	if (s->old.n)
		qsort(s->old.v, s->old.n, sizeof *s->old.v, cmp_entry);
	px_buf_free(&b);
	px_buf_free(&p);
}

/* Pages go into the fresh folder, which holds nothing of anyone else. */
static const px_out_opts batch = { 1, 0, 1, NULL };

static int manifest_save(site *s)
{
	px_buf b = PX_BUF_INIT, p = PX_BUF_INIT;
	size_t i;
	int rc;

	for (i = 0; i < s->now.n; i++)
		px_buf_printf(&b, "%s\t%s\n", s->now.v[i].digest, s->now.v[i].path);
	px_buf_printf(&p, "%s/%s", s->build, MANIFEST);
	rc = px_out_write_buf(p.ptr, &b, &batch, s->d);
	px_buf_free(&b);
	px_buf_free(&p);
	return rc;
}

/* The page `rel` of the old site into the new one, as a hard link: an
 * unchanged page keeps its file. */
static int keep(site *s, const char *rel, px_diag *d)
{
	char *from = NULL, *to = NULL, *slash;
	int ok = 0;

	if (!s->target || px_out_join(&from, s->target, rel, d) < 0 ||
	    px_out_join(&to, s->build, rel, d) < 0)
		goto done;
	slash = strrchr(to, '/');
	*slash = '\0';
	if (px_out_mkdirs(to, d) < 0)
		goto done;
	*slash = '/';
	ok = link(from, to) == 0;
done:
	free(from);
	free(to);
	return ok;
}

/* Writes `data` as the page `rel` of the new site; an unchanged page is
 * kept from the old one. */
static int write_page(site *s, const char *rel, const char *data, size_t len, px_diag *d)
{
	px_buf old = PX_BUF_INIT;
	char *prev = NULL, *full = NULL, *slash;
	int rc = -1;

	if (s->target && px_out_join(&prev, s->target, rel, d) == 0 &&
	    px_buf_read_file(&old, prev, PX_BUF_MAX) == 0 && old.len == len &&
	    !memcmp(old.ptr, data, len) && keep(s, rel, d)) {
		rc = 0;
		goto done;
	}
	if (px_out_join(&full, s->build, rel, d) < 0)
		goto done;
	slash = strrchr(full, '/');
	*slash = '\0';
	if (px_out_mkdirs(full, d) < 0)
		goto done;
	*slash = '/';
	rc = px_out_write(full, data, len, &batch, d);
	if (!rc)
		__atomic_fetch_add(&s->st->written, 1, __ATOMIC_RELAXED);
done:
	free(prev);
	free(full);
	px_buf_free(&old);
	return rc;
}

/* Whether the page `rel` was made from `digest` and is kept from the old
 * site; records it. */
static int fresh(site *s, const char *rel, const char *digest)
{
	entry key, *hit;
	int ok = 0;

	key.path = (char *)rel;
	hit = s->old.n ? bsearch(&key, s->old.v, s->old.n, sizeof *s->old.v, cmp_entry) : NULL;
	if (hit && !strcmp(hit->digest, digest))
		ok = keep(s, rel, s->d);
	manifest_add(&s->now, rel, digest);
	s->st->pages++;
	return ok;
}

/* The digest of a page made from `xml` (its data, the whole document
 * the stylesheet reads) by the site's stylesheets (the global digest):
 * a page is rendered again when either changes, and only then. */
static void page_digest(char out[17], const site *s, const px_buf *xml)
{
	px_digest_hex(out, px_fnv1a(px_fnv1a(PX_FNV_INIT, s->global, 16), xml->ptr, xml->len));
}

static void progress(site *s)
{
	if (s->o->progress && (s->st->pages % 100 == 0 || s->st->pages == s->total))
		px_say(stderr, MSG_SITE_PROGRESS, s->st->pages, s->total);
}

static char *root_of(const char *rel)
{
	px_buf b = PX_BUF_INIT;

	for (; *rel; rel++)
		if (*rel == '/')
			px_buf_puts(&b, "../");
	return px_buf_detach(&b);
}

/* With many communities, the navigation links to the home page's list
 * and a page carries only the community it is about. */
#define NAV_MAX 8

/* A community of the navigation: <community id lang> and its names. */
static void community_element(px_buf *b, const px_community *c)
{
	px_buf_puts(b, "<community");
	px_xml_attr(b, "id", c->id);
	px_xml_attr(b, "lang", c->lang);
	px_buf_puts(b, ">");
	px_xml_community_names(b, c, c->id);
	px_buf_puts(b, "</community>");
}

static void page_open(site *s, px_buf *b, const char *kind, const char *lang, const char *self,
		      const char *only)
{
	char *root = root_of(self);
	const px_kb *kb = s->ix->kb;

	px_buf_puts(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<page xmlns=\"urn:praxis:site:1\"");
	px_xml_attr(b, "kind", kind);
	px_xml_attr(b, "lang", lang);
	px_xml_attr(b, "root", root);
	px_xml_attr(b, "self", self);
	px_xml_attr(b, "generated", s->today);
	px_xml_attr(b, "audience", px_audience_names[s->o->audience]);
	px_xml_attr(b, "search", s->pagefind ? "true" : "false");
	px_buf_puts(b, ">\n");
	if (only && kb->ncommunities > NAV_MAX) {
		const px_community *c = px_kb_community(kb, only);
		px_buf_printf(b, "<communities total=\"%zu\" nav=\"home\">", kb->ncommunities);
		if (c)
			community_element(b, c);
		px_buf_puts(b, "</communities>\n");
	} else {
		px_buf_put(b, s->communities.ptr, s->communities.len);
	}
	free(root);
}

/* ------------------------------------------------------------- pool */

/* A page to render: this thread builds its XML, the pool's threads
 * transform it with the shared compiled stylesheet (render.h) and write
 * it. Pages do not depend on each other, so the site is the same bytes
 * whatever the number of threads. */
typedef struct {
	px_renderer *r;
	char *rel, *lang, *links[3]; /* links NULL: none */
	px_buf xml;
} job;

#define QUEUE 32

struct pool {
	site *s;
	pthread_mutex_t mu;
	pthread_cond_t more, room;
	job q[QUEUE];
	size_t head, n;
	int closing, failed;
	px_diag diag; /* what the threads found, merged */
	pthread_t *threads;
	int nthreads;
};

static void job_free(job *j)
{
	int i;

	free(j->rel);
	free(j->lang);
	for (i = 0; i < 3; i++)
		free(j->links[i]);
	px_buf_free(&j->xml);
	memset(j, 0, sizeof *j);
}

static int job_run(site *s, job *j, px_diag *d)
{
	const char *params[] = { "lang", j->lang, "for", j->lang, "css", s->css.ptr,
				 "generated", s->today,
				 "home", j->links[0] ? j->links[0] : "",
				 "back", j->links[1] ? j->links[1] : "",
				 "switch", j->links[2] ? j->links[2] : "",
				 "audience", px_audience_names[s->o->audience], NULL };
	px_buf html = PX_BUF_INIT;
	int rc;

	rc = px_renderer_run(j->r, &j->xml, params, &html, d);
	if (!rc)
		rc = write_page(s, j->rel, html.ptr, html.len, d);
	px_buf_free(&html);
	return rc;
}

static void *worker(void *arg)
{
	pool *p = arg;

	for (;;) {
		px_diag d = PX_DIAG_INIT;
		job j;
		int rc, skip;

		pthread_mutex_lock(&p->mu);
		while (!p->n && !p->closing)
			pthread_cond_wait(&p->more, &p->mu);
		if (!p->n) {
			pthread_mutex_unlock(&p->mu);
			return NULL;
		}
		j = p->q[p->head];
		p->head = (p->head + 1) % QUEUE;
		p->n--;
		skip = p->failed; /* after a failure, the rest is dropped */
		pthread_cond_signal(&p->room);
		pthread_mutex_unlock(&p->mu);
		rc = skip ? 0 : job_run(p->s, &j, &d);
		job_free(&j);
		pthread_mutex_lock(&p->mu);
		if (rc < 0)
			p->failed = 1;
		px_diag_take(&p->diag, &d);
		pthread_mutex_unlock(&p->mu);
		px_diag_free(&d);
	}
}

/* The number of threads rendering: PRAXIS_SITE_THREADS, else one per
 * core (at most 8); 1 renders on the calling thread. */
static int thread_count(void)
{
	const char *v = getenv("PRAXIS_SITE_THREADS");
	long n;

	if (v && *v) {
		n = strtol(v, NULL, 10);
		return n < 1 ? 1 : n > 64 ? 64 : (int)n;
	}
	n = sysconf(_SC_NPROCESSORS_ONLN);
	return n < 1 ? 1 : n > 8 ? 8 : (int)n;
}

static int pool_start(site *s)
{
	int n = thread_count(), i;
	pool *p;

	if (n < 2)
		return 0;
	p = calloc(1, sizeof *p);
	if (!p || !(p->threads = calloc((size_t)n, sizeof *p->threads))) {
		free(p);
		px_diag_add(s->d, NULL, 0, 0, PX_SEV_ERROR, "environment", MSG_OOM);
		return -1;
	}
	p->s = s;
	p->diag = (px_diag)PX_DIAG_INIT;
	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->more, NULL);
	pthread_cond_init(&p->room, NULL);
	for (i = 0; i < n; i++) {
		if (pthread_create(&p->threads[i], NULL, worker, p) != 0)
			break;
		p->nthreads++;
	}
	s->pool = p;
	return 0;
}

/* Waits for the pages under way and stops the threads; their
 * diagnostics go to the site's. Negative when a page failed. */
static int pool_stop(site *s)
{
	pool *p = s->pool;
	int i, rc;

	if (!p)
		return 0;
	pthread_mutex_lock(&p->mu);
	p->closing = 1;
	pthread_cond_broadcast(&p->more);
	pthread_mutex_unlock(&p->mu);
	for (i = 0; i < p->nthreads; i++)
		pthread_join(p->threads[i], NULL);
	while (p->n) { /* no thread started: none took them */
		job_free(&p->q[p->head]);
		p->head = (p->head + 1) % QUEUE;
		p->n--;
	}
	rc = p->failed ? -1 : 0;
	px_diag_take(s->d, &p->diag);
	px_diag_free(&p->diag);
	pthread_mutex_destroy(&p->mu);
	pthread_cond_destroy(&p->more);
	pthread_cond_destroy(&p->room);
	free(p->threads);
	free(p);
	s->pool = NULL;
	return rc;
}

/* `links`: home, back and switch URLs for the brief and report pages,
 * which are made for use outside the site too (NULL: none). */
static int render_linked(site *s, px_renderer *r, const char *rel, const px_buf *xml,
			 const char *lang, const char *const links[3])
{
	pool *p = s->pool;
	job j;
	int i, rc = 0;

	memset(&j, 0, sizeof j);
	j.r = r;
	j.xml = (px_buf)PX_BUF_INIT;
	j.rel = strdup(rel);
	j.lang = strdup(lang);
	for (i = 0; links && i < 3; i++)
		if (!(j.links[i] = strdup(links[i])))
			rc = -1;
	px_buf_put(&j.xml, xml->ptr, xml->len);
	s->st->rendered++;
	if (rc < 0 || !j.rel || !j.lang || px_buf_failed(&j.xml)) {
		job_free(&j);
		px_diag_add(s->d, rel, 0, 0, PX_SEV_ERROR, "environment", MSG_OOM);
		return -1;
	}
	if (!p || !p->nthreads) {
		rc = job_run(s, &j, s->d);
		job_free(&j);
		return rc;
	}
	pthread_mutex_lock(&p->mu);
	while (p->n == QUEUE && !p->failed)
		pthread_cond_wait(&p->room, &p->mu);
	if (p->failed) {
		rc = -1;
		job_free(&j);
	} else {
		p->q[(p->head + p->n) % QUEUE] = j;
		p->n++;
		pthread_cond_signal(&p->more);
	}
	pthread_mutex_unlock(&p->mu);
	return rc;
}

static int render(site *s, px_renderer *r, const char *rel, const px_buf *xml, const char *lang)
{
	return render_linked(s, r, rel, xml, lang, NULL);
}

static void code_head(site *s, px_buf *b, const char *id)
{
	const px_codebook *cb = s->ix->kb->cb;
	const px_code *c = px_codebook_code(cb, id);

	px_xml_attr(b, "id", id);
	px_xml_attr(b, "category", c ? cb->cats[c->category].id : "");
	px_buf_puts(b, ">");
	if (c) {
		px_xml_labels(b, c->label, NULL);
	} else {
		px_xml_element(b, "label", "nl", id);
		px_xml_element(b, "label", "fr", id);
	}
}

/* A note's attributes as the pages carry them: a language other than
 * French is shown as Dutch. */
static void note_attrs(px_buf *b, const px_db_note *n)
{
	px_xml_attr(b, "path", n->path);
	px_xml_attr(b, "community", n->community);
	px_xml_attr(b, "cycle", n->cycle);
	px_xml_attr_int(b, "session", n->session);
	px_xml_attr(b, "date", n->date);
	px_xml_attr(b, "lang", strcmp(n->lang, "fr") ? "nl" : "fr");
	if (n->attendance >= 0)
		px_xml_attr_int(b, "attendance", n->attendance);
}

/* Sessions as the pages list them: the internal site links each to its
 * note page and shows its title; the public one gives community, cycle,
 * number, date and attendance only (a title is the lead's words). */
static void note_refs(site *s, px_buf *b, const px_db_note *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		px_buf_puts(b, "<note-ref");
		if (s->internal) {
			note_attrs(b, &v[i]);
		} else {
			px_xml_attr(b, "community", v[i].community);
			px_xml_attr(b, "cycle", v[i].cycle);
			px_xml_attr_int(b, "session", v[i].session);
			px_xml_attr(b, "date", v[i].date);
			px_xml_attr(b, "lang", strcmp(v[i].lang, "fr") ? "nl" : "fr");
			if (v[i].attendance >= 0)
				px_xml_attr_int(b, "attendance", v[i].attendance);
		}
		px_buf_puts(b, ">");
		if (s->internal && *v[i].title)
			px_xml_element(b, "title", NULL, v[i].title);
		px_buf_puts(b, "</note-ref>");
	}
}


/* ------------------------------------------------------------- pages */

static int cycles(site *s, px_buf *b, const char *community)
{
	px_db_scope scope = PX_DB_SCOPE_INIT;
	px_db_tally *v;
	size_t n, i;

	scope.community = community;
	if (px_db_site_cycles(&v, &n, s->ix, &scope, s->d) < 0)
		goto fail;
	px_buf_puts(b, "<cycles>");
	for (i = 0; i < n; i++) {
		px_buf_puts(b, "<cycle");
		px_xml_attr(b, "id", v[i].id);
		px_xml_attr_int(b, "notes", v[i].notes);
		if (s->reports)
			px_xml_attr(b, "report", "true");
		px_buf_puts(b, "/>");
	}
	px_buf_puts(b, "</cycles>\n");
	px_db_tallies_free(v, n);
	return 0;
fail:
	px_db_tallies_free(v, n);
	return -1;
}

static int home(site *s)
{
	const px_kb *kb = s->ix->kb;
	const px_codebook *cb = kb->cb;
	px_db_note *latest = NULL;
	px_db_tally *heat = NULL;
	px_buf xml = PX_BUF_INIT, base = PX_BUF_INIT;
	size_t k, i, j, nlatest = 0, nheat = 0;
	char digest[17];
	int l, rc = -1;

	if (cycles(s, &base, NULL) < 0)
		goto cleanup;
	if (s->internal) {
		if (px_db_site_latest(&latest, &nlatest, s->ix, 12, s->d) < 0)
			goto cleanup;
		px_buf_puts(&base, "<latest>");
		note_refs(s, &base, latest, nlatest);
		px_buf_puts(&base, "</latest>\n");
	}
	px_buf_puts(&base, "<heat>");
	for (k = 0; k < cb->ncats; k++) {
		px_buf_puts(&base, "<category");
		px_xml_attr(&base, "id", cb->cats[k].id);
		px_buf_puts(&base, ">");
		px_xml_labels(&base, cb->cats[k].label, NULL);
		for (i = 0; i < cb->ncodes; i++) {
			px_buf cells = PX_BUF_INIT;
			long long total = 0;
			if (cb->codes[i].category != k)
				continue;
			px_db_tallies_free(heat, nheat);
			if (px_db_site_heat(&heat, &nheat, s->ix, cb->codes[i].id, s->d) < 0)
				goto cleanup;
			for (j = 0; j < nheat; j++) {
				px_buf_puts(&cells, "<cell");
				px_xml_attr(&cells, "community", heat[j].id);
				px_xml_attr_int(&cells, "segments", heat[j].segments);
				px_buf_puts(&cells, "/>");
				total += heat[j].segments;
			}
			px_buf_puts(&base, "\n<code");
			px_xml_attr_int(&base, "segments", total);
			code_head(s, &base, cb->codes[i].id);
			px_buf_put(&base, cells.ptr, cells.len);
			px_buf_puts(&base, "</code>");
			px_buf_free(&cells);
		}
		px_buf_puts(&base, "</category>\n");
	}
	px_buf_puts(&base, "</heat>\n");
	/* index.LANG.html for each language, and index.html: the same page
	 * in the default language (its links work from the root too) */
	for (l = 0; l < 3; l++) {
		px_buf rel = PX_BUF_INIT;
		const char *lang = l < 2 ? px_lang_code(l) : s->deflang;
		if (l < 2)
			px_buf_printf(&rel, "index.%s.html", lang);
		else
			px_buf_puts(&rel, "index.html");
		px_buf_clear(&xml);
		page_open(s, &xml, "home", lang, "index", NULL);
		px_buf_puts(&xml, "<home>");
		px_buf_put(&xml, base.ptr, base.len);
		px_buf_puts(&xml, "</home></page>\n");
		page_digest(digest, s, &xml);
		if (!fresh(s, rel.ptr, digest)) {
			if (render(s, s->page, rel.ptr, &xml, lang) < 0) {
				px_buf_free(&rel);
				goto cleanup;
			}
		}
		px_buf_free(&rel);
	}
	rc = 0;
cleanup:
	px_db_notes_free(latest, nlatest);
	px_db_tallies_free(heat, nheat);
	px_buf_free(&xml);
	px_buf_free(&base);
	return rc;
}

static int community_pages(site *s)
{
	const px_kb *kb = s->ix->kb;
	px_db_note *ses = NULL;
	px_db_tally *codes = NULL;
	px_db_segment *fu = NULL;
	px_buf xml = PX_BUF_INIT, base = PX_BUF_INIT, rel = PX_BUF_INIT, bxml = PX_BUF_INIT;
	size_t i, k, nses = 0, ncodes = 0, nfu = 0;
	char digest[17];
	int l, rc = -1;

	for (i = 0; i < kb->ncommunities; i++) {
		const px_community *c = &kb->communities[i];
		px_buf_clear(&base);
		px_buf_puts(&base, "<community-page");
		px_xml_attr(&base, "id", c->id);
		px_buf_puts(&base, ">");
		if (cycles(s, &base, c->id) < 0)
			goto cleanup;
		for (k = 0; s->internal && k < c->nmoderators; k++)
			px_xml_element(&base, "moderator", NULL, c->moderators[k]);
		/* a listing that fails leaves NULL and 0 (db.h), so every
		 * array is freed once, here or at cleanup */
		px_db_notes_free(ses, nses);
		px_db_tallies_free(codes, ncodes);
		px_db_segments_free(fu, nfu);
		ses = NULL, codes = NULL, fu = NULL;
		nses = ncodes = nfu = 0;
		if (px_db_site_sessions(&ses, &nses, s->ix, c->id, s->d) < 0 ||
		    px_db_site_community_codes(&codes, &ncodes, s->ix, c->id, s->d) < 0 ||
		    (s->internal && px_db_site_followups(&fu, &nfu, s->ix, c->id, s->d) < 0))
			goto cleanup;
		px_buf_puts(&base, "<sessions>");
		note_refs(s, &base, ses, nses);
		px_buf_puts(&base, "</sessions>\n<codes>");
		for (k = 0; k < ncodes; k++) {
			px_buf_puts(&base, "<code");
			px_xml_attr_int(&base, "segments", codes[k].segments);
			px_xml_attr_int(&base, "notes", codes[k].notes);
			code_head(s, &base, codes[k].id);
			px_buf_puts(&base, "</code>");
		}
		px_buf_puts(&base, "</codes>\n");
		if (s->internal)
			px_buf_puts(&base, "<followups>");
		for (k = 0; k < nfu; k++) {
			char *clean = px_text_without_tags(fu[k].text);
			px_buf_puts(&base, "\n<followup");
			px_xml_attr(&base, "path", fu[k].path);
			px_xml_attr_int(&base, "line", fu[k].line);
			px_xml_attr_int(&base, "session", fu[k].session);
			px_xml_attr(&base, "date", fu[k].date);
			px_xml_attr(&base, "done", fu[k].task > 0 ? "true" : "false");
			px_buf_puts(&base, ">");
			px_buf_xml_str(&base, clean);
			px_buf_puts(&base, "</followup>");
			free(clean);
		}
		if (s->internal)
			px_buf_puts(&base, "</followups>");
		px_buf_puts(&base, "</community-page>");
		for (l = 0; l < 2; l++) {
			px_buf_clear(&rel);
			px_buf_printf(&rel, "communities/%s.%s.html", c->id, px_lang_code(l));
			{
				px_buf self = PX_BUF_INIT;
				px_buf_printf(&self, "communities/%s", c->id);
				px_buf_clear(&xml);
				page_open(s, &xml, "community", px_lang_code(l), self.ptr, c->id);
				px_buf_put(&xml, base.ptr, base.len);
				px_buf_puts(&xml, "</page>\n");
				px_buf_free(&self);
			}
			page_digest(digest, s, &xml);
			if (!fresh(s, rel.ptr, digest) &&
			    render(s, s->page, rel.ptr, &xml, px_lang_code(l)) < 0)
				goto cleanup;
			progress(s);
			if (!s->internal) /* a brief is for the moderator */
				continue;
			px_buf_clear(&rel);
			px_buf_printf(&rel, "communities/%s.brief.%s.html", c->id, px_lang_code(l));
			/* one brief, written in both languages; its data is
			 * what tells whether it changed */
			if (l == 0) {
				rc = px_brief_xml(s->ix, c, c->lang, &bxml, s->d);
				if (rc < 0)
					goto cleanup;
				rc = -1;
			}
			page_digest(digest, s, &bxml);
			if (!fresh(s, rel.ptr, digest)) {
				/* no notes yet: no brief, and the community page
				 * does not link to one */
				if (bxml.len) {
					px_buf home = PX_BUF_INIT, back = PX_BUF_INIT, sw = PX_BUF_INIT;
					const char *links[3];
					px_buf_printf(&home, "../index.%s.html", px_lang_code(l));
					px_buf_printf(&back, "%s.%s.html", c->id, px_lang_code(l));
					px_buf_printf(&sw, "%s.brief.%s.html", c->id, px_lang_code(!l));
					links[0] = home.ptr;
					links[1] = back.ptr;
					links[2] = sw.ptr;
					rc = render_linked(s, s->brief, rel.ptr, &bxml, px_lang_code(l), links);
					px_buf_free(&home);
					px_buf_free(&back);
					px_buf_free(&sw);
					if (rc < 0)
						goto cleanup;
					rc = -1;
				}
			}
		}
		px_buf_clear(&bxml);
	}
	rc = 0;
cleanup:
	px_db_notes_free(ses, nses);
	px_db_tallies_free(codes, ncodes);
	px_db_segments_free(fu, nfu);
	px_buf_free(&xml);
	px_buf_free(&base);
	px_buf_free(&rel);
	px_buf_free(&bxml);
	return rc;
}

static int code_pages(site *s)
{
	const px_codebook *cb = s->ix->kb->cb;
	px_db_segment *segs = NULL;
	px_buf xml = PX_BUF_INIT, base = PX_BUF_INIT, rel = PX_BUF_INIT, self = PX_BUF_INIT;
	size_t i, k, nsegs = 0;
	int l, rc = -1;

	for (i = 0; i < cb->ncodes; i++) {
		const px_code *c = &cb->codes[i];
		long long notes = 0;
		px_buf body = PX_BUF_INIT;

		px_db_segments_free(segs, nsegs);
		segs = NULL;
		nsegs = 0;
		if (px_db_site_code_segments(&segs, &nsegs, s->ix, c->id, s->d) < 0 ||
		    px_db_site_code_notes(&notes, s->ix, c->id, s->d) < 0)
			goto cleanup;
		for (k = 0; !s->internal && k < nsegs; k++) {
			/* public: the sessions the code was raised in, with how
			 * often; segments come grouped by community and session */
			size_t e = k + 1;
			while (e < nsegs && !strcmp(segs[e].community, segs[k].community) &&
			       !strcmp(segs[e].cycle, segs[k].cycle) && segs[e].session == segs[k].session)
				e++;
			px_buf_puts(&body, "\n<occurrence");
			px_xml_attr(&body, "community", segs[k].community);
			px_xml_attr(&body, "cycle", segs[k].cycle);
			px_xml_attr_int(&body, "session", segs[k].session);
			px_xml_attr(&body, "date", segs[k].date);
			px_xml_attr_int(&body, "segments", (long long)(e - k));
			px_buf_puts(&body, "/>");
			k = e - 1;
		}
		/* Public: the quotes the analysts chose for this code go here,
		 * as <quote community cycle session lang> (schema/site.rng,
		 * rendered by xslt/site.xsl), once the synthesis texts carry
		 * them (issue 11, chosen quotes); until then none. */
		for (k = 0; s->internal && k < nsegs; k++) {
			char *clean = px_text_without_tags(segs[k].text);
			px_buf_puts(&body, "\n<segment");
			px_xml_attr(&body, "path", segs[k].path);
			px_xml_attr_int(&body, "line", segs[k].line);
			px_xml_attr(&body, "community", segs[k].community);
			px_xml_attr(&body, "cycle", segs[k].cycle);
			px_xml_attr_int(&body, "session", segs[k].session);
			px_xml_attr(&body, "date", segs[k].date);
			px_xml_attr(&body, "lang", strcmp(segs[k].lang, "fr") ? "nl" : "fr");
			px_xml_attr(&body, "kind", segs[k].kind);
			px_buf_puts(&body, ">");
			px_buf_xml_str(&body, clean);
			px_buf_puts(&body, "</segment>");
			free(clean);
		}
		px_buf_clear(&base);
		px_buf_puts(&base, "<code-page");
		px_xml_attr(&base, "ambivalent", c->ambivalent ? "true" : "false");
		px_xml_attr_int(&base, "segments", (long long)nsegs);
		px_xml_attr_int(&base, "notes", notes);
		code_head(s, &base, c->id);
		px_xml_element(&base, "description", "nl", c->desc[PX_LANG_NL]);
		px_xml_element(&base, "description", "fr", c->desc[PX_LANG_FR]);
		px_xml_element(&base, "category-label", "nl", cb->cats[c->category].label[PX_LANG_NL]);
		px_xml_element(&base, "category-label", "fr", cb->cats[c->category].label[PX_LANG_FR]);
		px_buf_put(&base, body.ptr, body.len);
		px_buf_puts(&base, "</code-page>");
		px_buf_free(&body);
		for (l = 0; l < 2; l++) {
			char digest[17];
			px_buf_clear(&rel);
			px_buf_printf(&rel, "codes/%s.%s.html", c->id, px_lang_code(l));
			px_buf_clear(&self);
			px_buf_printf(&self, "codes/%s", c->id);
			px_buf_clear(&xml);
			page_open(s, &xml, "code", px_lang_code(l), self.ptr, NULL);
			px_buf_put(&xml, base.ptr, base.len);
			px_buf_puts(&xml, "</page>\n");
			page_digest(digest, s, &xml);
			if (!fresh(s, rel.ptr, digest) &&
			    render(s, s->page, rel.ptr, &xml, px_lang_code(l)) < 0)
				goto cleanup;
			progress(s);
		}
	}
	rc = 0;
cleanup:
	px_db_segments_free(segs, nsegs);
	px_buf_free(&xml);
	px_buf_free(&base);
	px_buf_free(&rel);
	px_buf_free(&self);
	return rc;
}

static int note_pages(site *s)
{
	const px_codebook *cb = s->ix->kb->cb;
	px_db_note *notes = NULL;
	char **methods = NULL, **codes = NULL;
	px_buf xml = PX_BUF_INIT, base = PX_BUF_INIT, rel = PX_BUF_INIT, self = PX_BUF_INIT;
	size_t i, k, nnotes = 0, nmethods = 0, ncodes = 0;
	int l, rc = -1;

	if (!s->internal) /* the public site has no note pages */
		return 0;
	if (px_db_site_notes(&notes, &nnotes, s->ix, s->d) < 0)
		goto cleanup;
	for (i = 0; i < nnotes; i++) {
		const px_db_note *note = &notes[i];
		const char *path = note->path, *blob = note->blob;
		size_t pl = strlen(path);
		char digest[17];
		px_oid oid;
		px_buf src = PX_BUF_INIT;
		px_note *n = NULL;
		px_diag quiet = PX_DIAG_INIT;
		int need = 0;

		px_digest_hex(digest, px_fnv1a(px_fnv1a(PX_FNV_INIT, blob, strlen(blob)), s->global, 16));
		px_buf_clear(&self);
		px_buf_printf(&self, "notes/%.*s", (int)(pl > 3 ? pl - 3 : pl), path);
		for (l = 0; l < 2; l++) {
			px_buf_clear(&rel);
			px_buf_printf(&rel, "%s.%s.html", self.ptr, px_lang_code(l));
			need |= !fresh(s, rel.ptr, digest) << l;
			progress(s);
		}
		if (!need)
			continue;
		px_strv_free(methods, nmethods);
		px_strv_free(codes, ncodes);
		methods = codes = NULL;
		nmethods = ncodes = 0;
		if (px_db_note_methods(&methods, &nmethods, s->ix, note->id, s->d) < 0 ||
		    px_db_site_note_codes(&codes, &ncodes, s->ix, note->id, s->d) < 0)
			goto cleanup;
		if (px_oid_parse(&oid, blob) < 0) {
			px_diag_add(s->d, path, 0, 0, PX_SEV_ERROR, "git", MSG_BAD_OID, blob);
			goto cleanup;
		}
		if (px_store_blob(s->ix->store, &oid, path, 0, &src, s->d) < 0)
			goto cleanup;
		px_buf_clear(&base);
		px_buf_puts(&base, "<note-page");
		note_attrs(&base, note);
		px_xml_attr(&base, "author", note->author);
		px_buf_puts(&base, ">");
		if (*note->title)
			px_xml_element(&base, "title", NULL, note->title);
		if (*note->summary)
			px_xml_element(&base, "summary", NULL, note->summary);
		for (k = 0; k < nmethods; k++) {
			const px_method *m = px_codebook_method(cb, methods[k]);
			px_buf_puts(&base, "<method");
			px_xml_attr(&base, "id", methods[k]);
			px_buf_puts(&base, ">");
			px_xml_element(&base, "label", "nl", m ? m->label[PX_LANG_NL] : methods[k]);
			px_xml_element(&base, "label", "fr", m ? m->label[PX_LANG_FR] : methods[k]);
			px_buf_puts(&base, "</method>");
		}
		for (k = 0; k < ncodes; k++) {
			px_buf_puts(&base, "<code");
			code_head(s, &base, codes[k]);
			px_buf_puts(&base, "</code>");
		}
		px_buf_puts(&base, "<body>");
		rc = px_note_parse(&n, path, src.ptr, src.len, cb, &quiet);
		if (rc == 0)
			rc = px_note_body_xml(n, src.ptr, src.len, cb, &base);
		px_note_free(n);
		px_diag_free(&quiet);
		px_buf_free(&src);
		if (rc < 0) /* the index only holds notes that parse */
			goto cleanup;
		rc = -1;
		px_buf_puts(&base, "</body></note-page>");
		for (l = 0; l < 2; l++) {
			if (!(need & (1 << l)))
				continue;
			px_buf_clear(&rel);
			px_buf_printf(&rel, "%s.%s.html", self.ptr, px_lang_code(l));
			px_buf_clear(&xml);
			page_open(s, &xml, "note", px_lang_code(l), self.ptr, note->community);
			px_buf_put(&xml, base.ptr, base.len);
			px_buf_puts(&xml, "</page>\n");
			if (render(s, s->page, rel.ptr, &xml, px_lang_code(l)) < 0)
				goto cleanup;
		}
	}
	rc = 0;
cleanup:
	px_db_notes_free(notes, nnotes);
	px_strv_free(methods, nmethods);
	px_strv_free(codes, ncodes);
	px_buf_free(&xml);
	px_buf_free(&base);
	px_buf_free(&rel);
	px_buf_free(&self);
	return rc;
}

static int report_pages(site *s)
{
	px_db_tally *all = NULL;
	px_buf xml = PX_BUF_INIT, rel = PX_BUF_INIT;
	size_t i, nall = 0;
	int l, rc = -1;

	if (!s->reports)
		return 0;
	if (px_db_site_cycles(&all, &nall, s->ix, NULL, s->d) < 0)
		goto cleanup;
	for (i = nall; i-- > 0;) { /* oldest first */
		const char *cycle = all[i].id;
		px_report_opts ro = PX_REPORT_OPTS_INIT;
		char digest[17];
		int need = 0;

		/* gathering a report takes a good part of rendering it: what
		 * it reads tells whether it changed (report.h) */
		ro.audience = s->internal ? PX_AUDIENCE_INTERNAL : PX_AUDIENCE_PUBLIC;
		px_buf_clear(&xml);
		if (px_report_inputs(&xml, s->ix, cycle, &ro, s->d) < 0)
			goto cleanup;
		page_digest(digest, s, &xml);
		for (l = 0; l < 2; l++) {
			px_buf_clear(&rel);
			px_buf_printf(&rel, "reports/%s.%s.html", cycle, px_lang_code(l));
			need |= !fresh(s, rel.ptr, digest) << l;
		}
		if (!need)
			continue;
		px_buf_clear(&xml);
		if (px_report_xml_opts(s->ix, cycle, &ro, &xml, s->d) != 0)
			goto cleanup;
		for (l = 0; l < 2; l++) {
			if (!(need & (1 << l)))
				continue;
			px_buf_clear(&rel);
			px_buf_printf(&rel, "reports/%s.%s.html", cycle, px_lang_code(l));
			{
				px_buf home = PX_BUF_INIT, sw = PX_BUF_INIT;
				const char *links[3];
				int r2;
				px_buf_printf(&home, "../index.%s.html", px_lang_code(l));
				px_buf_printf(&sw, "%s.%s.html", cycle, px_lang_code(!l));
				links[0] = home.ptr;
				links[1] = "";
				links[2] = sw.ptr;
				r2 = render_linked(s, s->report, rel.ptr, &xml, px_lang_code(l), links);
				px_buf_free(&home);
				px_buf_free(&sw);
				if (r2 < 0)
					goto cleanup;
			}
		}
	}
	rc = 0;
cleanup:
	px_db_tallies_free(all, nall);
	px_buf_free(&xml);
	px_buf_free(&rel);
	return rc;
}

/* ------------------------------------------------------------- driver */

static unsigned long long hash_file(unsigned long long h, const char *rel)
{
	char *p = px_data_path(rel);
	px_buf b = PX_BUF_INIT;

	if (p && px_buf_read_file(&b, p, 16 << 20) == 0)
		h = px_fnv1a(h, b.ptr, b.len);
	free(p);
	px_buf_free(&b);
	return h;
}

static void global_digest(site *s)
{
	static const char *const files[] = {
		"xslt/site.xsl", "xslt/strings.xsl", "xslt/report.xsl", "xslt/brief-html.xsl",
		"xslt/ui-strings.xsl", "xslt/note-body.xsl", "schema/site.rng", "site/report.css"
	};
	unsigned long long h = PX_FNV_INIT;
	size_t i;

	for (i = 0; i < sizeof files / sizeof *files; i++)
		h = hash_file(h, files[i]);
	h = px_fnv1a(h, s->ix->kb->cb->digest, strlen(s->ix->kb->cb->digest));
	h = px_fnv1a(h, s->communities.ptr, s->communities.len);
	h = px_fnv1a(h, px_audience_names[s->o->audience], strlen(px_audience_names[s->o->audience]));
	h = px_fnv1a(h, s->pagefind ? "search" : "-", s->pagefind ? 6 : 1);
	h = px_fnv1a(h, s->deflang, 2);
	px_digest_hex(s->global, h);
}

/* The pages the site has: two of each note, community page, brief,
 * code and the home page. */
static int count_pages(site *s)
{
	px_db_tally *v;
	size_t n, i;
	long notes = 0;
	int rc = px_db_site_cycles(&v, &n, s->ix, NULL, s->d);

	for (i = 0; i < n; i++)
		notes += (long)v[i].notes;
	px_db_tallies_free(v, n);
	if (!s->internal)
		notes = 0;
	s->total = 2 * (notes + (long)s->ix->kb->ncommunities * (1 + s->internal) +
			(long)s->ix->kb->cb->ncodes + 1) + 1;
	return rc;
}

/* ------------------------------------------------------------ search */

/* The Pagefind program: $PRAXIS_PAGEFIND (empty: none), else `pagefind`
 * on the PATH, else the one .ci/deps.sh installs beside the data
 * (build/node/node_modules/.bin/pagefind). NULL when there is none. */
static char *pagefind_find(void)
{
	const char *env = getenv("PRAXIS_PAGEFIND"), *path = getenv("PATH");
	char *p;

	if (env)
		return *env && access(env, X_OK) == 0 ? strdup(env) : NULL;
	while (path && *path) {
		size_t n = strcspn(path, ":");
		px_buf b = PX_BUF_INIT;
		if (n) {
			px_buf_printf(&b, "%.*s/pagefind", (int)n, path);
			if (!px_buf_failed(&b) && access(b.ptr, X_OK) == 0)
				return px_buf_detach(&b);
		}
		px_buf_free(&b);
		path += n + (path[n] == ':');
	}
	/* the program itself, not npm's node wrapper around it: killed with
	 * praxis, the wrapper's child would go on writing into a folder the
	 * next run has cleaned away */
	p = px_data_path("build/node/node_modules/@pagefind/linux-x64/bin/pagefind_extended");
	if (p && access(p, X_OK) == 0)
		return p;
	free(p);
	p = px_data_path("build/node/node_modules/.bin/pagefind");
	if (p && access(p, X_OK) == 0)
		return p;
	free(p);
	return NULL;
}

/* Pagefind over the fresh folder: one index per page language (the lang
 * of <html>), the pages in Dutch and French only (index.html repeats
 * index.LANG.html), written to DIR/pagefind/. */
static int pagefind_run(site *s)
{
	char *argv[] = { s->pagefind, "--site", s->build, "--glob", "**/*.{nl,fr}.html", "--silent",
			 NULL };
	pid_t parent = getpid(), pid;
	int status;

	pid = fork();
	if (pid < 0)
		goto fail;
	if (pid == 0) {
		/* dies with praxis (a killed run leaves no writer behind in
		 * the folder it was building); only async-signal-safe calls */
		int in = open("/dev/null", O_RDONLY), out = open("/dev/null", O_WRONLY);
		if (prctl(PR_SET_PDEATHSIG, SIGKILL) < 0 || getppid() != parent || in < 0 || out < 0 ||
		    dup2(in, 0) < 0 || dup2(out, 1) < 0)
			_exit(127);
		execv(s->pagefind, argv);
		_exit(127);
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			goto fail;
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return 0;
	px_diag_add(s->d, s->pagefind, 0, 0, PX_SEV_ERROR, "environment", MSG_SITE_PAGEFIND_FAILED,
		    s->pagefind, WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
	return -1;
fail:
	px_diag_add(s->d, s->pagefind, 0, 0, PX_SEV_ERROR, "environment", MSG_SITE_PAGEFIND_FAILED,
		    s->pagefind, 127);
	return -1;
}

/* The default language: the one most communities speak, Dutch on a tie
 * (and with no community). */
static const char *default_lang(const px_kb *kb)
{
	size_t i, fr = 0;

	for (i = 0; i < kb->ncommunities; i++)
		fr += kb->communities[i].lang && !strcmp(kb->communities[i].lang, "fr");
	return 2 * fr > kb->ncommunities ? "fr" : "nl";
}

/* ----------------------------------------------------------- folders */

/* The first file under `dir` that praxis did not write: neither the
 * manifest, a page it lists, nor a temporary file of a killed run. */
static int foreign_file(site *s, const char *dir, px_buf *rel, px_buf *found)
{
	px_buf p = PX_BUF_INIT;
	DIR *dh = opendir(dir);
	struct dirent *e;
	size_t mark = rel->len;
	int rc = 0;

	if (!dh)
		return 0;
	while (!rc && (e = readdir(dh))) {
		struct stat st;
		entry key, *hit;
		const char *t;
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		px_buf_truncate(rel, mark);
		px_buf_printf(rel, "%s%s", mark ? "/" : "", e->d_name);
		px_buf_clear(&p);
		px_buf_printf(&p, "%s/%s", dir, e->d_name);
		if (lstat(p.ptr, &st) < 0)
			continue;
		if (S_ISDIR(st.st_mode)) {
			rc = foreign_file(s, p.ptr, rel, found);
			continue;
		}
		key.path = rel->ptr;
		hit = s->old.n ? bsearch(&key, s->old.v, s->old.n, sizeof *s->old.v, cmp_entry) : NULL;
		t = strstr(e->d_name, ".tmp");
		if (S_ISREG(st.st_mode) && t && t[4] >= '0' && t[4] <= '9' &&
		    strspn(t + 4, "0123456789") == strlen(t + 4)) {
			s->leftovers = 1;
			continue;
		}
		if (S_ISREG(st.st_mode) && (hit || !strcmp(rel->ptr, MANIFEST) || !strcmp(rel->ptr, "style.css")))
			continue;
		/* the search index Pagefind wrote into a site praxis made */
		if (s->old.n && !strncmp(rel->ptr, "pagefind/", 9))
			continue;
		px_buf_clear(found);
		px_buf_puts(found, rel->ptr);
		rc = 1;
	}
	px_buf_truncate(rel, mark);
	closedir(dh);
	px_buf_free(&p);
	return rc;
}

/* Finds the site's folder and refuses one holding files of others;
 * makes the fresh sibling folder the pages go to. */
/* 1 when the target folder is the knowledge base's or holds it */
static int holds_kb(const site *s)
{
	char *kb = s->ix->kb->root ? realpath(s->ix->kb->root, NULL) : NULL;
	size_t n = strlen(s->target);
	int r;

	if (!kb)
		return 0;
	r = !strncmp(kb, s->target, n) && (kb[n] == '\0' || kb[n] == '/');
	free(kb);
	return r;
}

static int open_folders(site *s)
{
	px_buf rel = PX_BUF_INIT, found = PX_BUF_INIT, parent = PX_BUF_INIT, p = PX_BUF_INIT;
	struct stat st;
	size_t n;
	char *slash;
	int rc = -1;

	px_buf_puts(&p, s->o->outdir);
	while (p.len > 1 && p.ptr[p.len - 1] == '/')
		px_buf_truncate(&p, p.len - 1);
	if (stat(p.ptr, &st) == 0) {
		if (!S_ISDIR(st.st_mode)) {
			px_diag_add(s->d, p.ptr, 0, 0, PX_SEV_ERROR, "io-error", MSG_WRITE, p.ptr,
				    px_strerror(ENOTDIR));
			goto cleanup;
		}
		s->target = realpath(p.ptr, NULL);
		if (!s->target)
			goto cleanup;
		if (!strcmp(s->target, "/")) {
			px_diag_add(s->d, p.ptr, 0, 0, PX_SEV_ERROR, "not-ours", MSG_SITE_ROOT, p.ptr);
			goto cleanup;
		}
		if (holds_kb(s)) {
			px_diag_add(s->d, p.ptr, 0, 0, PX_SEV_ERROR, "not-ours", MSG_SITE_HOLDS_KB, p.ptr);
			goto cleanup;
		}
		manifest_load(s);
		if (foreign_file(s, s->target, &rel, &found)) {
			px_diag_add(s->d, p.ptr, 0, 0, PX_SEV_ERROR, "not-ours", MSG_SITE_FOREIGN, p.ptr,
				    found.len ? found.ptr : "/");
			goto cleanup;
		}
		s->dir = strdup(s->target);
	} else {
		s->dir = strdup(p.ptr);
	}
	if (!s->dir)
		goto cleanup;
	slash = strrchr(s->dir, '/');
	n = slash ? (size_t)(slash - s->dir) : 0;
	px_buf_put(&parent, s->dir, slash == s->dir ? 1 : n);
	if (parent.len && px_out_mkdirs(parent.ptr, s->d) < 0)
		goto cleanup;
	px_out_clean_stale(s->dir);
	s->build = px_out_tmpname(s->dir);
	if (!s->build)
		goto cleanup;
	px_out_rmtree(s->build); /* a killed run's that had our pid */
	if (mkdir(s->build, 0777) < 0) {
		px_diag_add(s->d, s->dir, 0, 0, PX_SEV_ERROR, "io-error", MSG_WRITE, s->dir,
			    px_strerror(errno));
		free(s->build);
		s->build = NULL;
		goto cleanup;
	}
	rc = 0;
cleanup:
	px_buf_free(&rel);
	px_buf_free(&found);
	px_buf_free(&parent);
	px_buf_free(&p);
	return rc;
}

/* Whether the new site differs from the old one. */
static int changed(site *s)
{
	size_t i;

	if (!s->target || s->leftovers || s->st->written || s->now.n != s->old.n)
		return 1;
	qsort(s->now.v, s->now.n, sizeof *s->now.v, cmp_entry);
	for (i = 0; i < s->now.n; i++)
		if (strcmp(s->now.v[i].path, s->old.v[i].path) ||
		    strcmp(s->now.v[i].digest, s->old.v[i].digest))
			return 1;
	return 0;
}

int px_site_build(px_index *ix, const px_site_opts *o, px_site_stats *st, px_diag *d)
{
	site s;
	const px_kb *kb = ix->kb;
	char *css_path = px_data_path("site/report.css");
	size_t i;
	int rc = -1;

	memset(&s, 0, sizeof s);
	memset(st, 0, sizeof *st);
	s.ix = ix;
	s.o = o;
	s.st = st;
	s.d = d;
	s.communities = (px_buf)PX_BUF_INIT;
	s.css = (px_buf)PX_BUF_INIT;
	s.internal = o->audience == PX_AUDIENCE_INTERNAL;
	/* the internal site carries the internal cycle reports; the public
	 * one none yet: its pages would quote the analysts' chosen words,
	 * which t5040's leak test does not yet tell from leaked note text */
	s.reports = s.internal;
	s.deflang = default_lang(kb);
	s.pagefind = pagefind_find();
	if (!s.pagefind)
		px_diag_add(d, NULL, 0, 0, PX_SEV_WARNING, "no-search", MSG_SITE_NO_PAGEFIND);
	if (px_today(s.today, d) < 0)
		goto cleanup;
	if (!css_path || px_buf_read_file(&s.css, css_path, 1 << 20) < 0) {
		px_diag_add(d, "site/report.css", 0, 0, PX_SEV_ERROR, "environment", MSG_NO_SCHEMA);
		goto cleanup;
	}
	px_buf_printf(&s.communities, "<communities total=\"%zu\" nav=\"%s\">", kb->ncommunities,
		      kb->ncommunities > NAV_MAX ? "home" : "each");
	for (i = 0; i < kb->ncommunities; i++)
		community_element(&s.communities, &kb->communities[i]);
	px_buf_puts(&s.communities, "</communities>\n");
	global_digest(&s);
	if (open_folders(&s) < 0)
		goto cleanup;
	if (px_renderer_new(&s.page, "site.rng", "site.xsl", d) < 0 ||
	    px_renderer_new(&s.report, "report.rng", "report.xsl", d) < 0 ||
	    px_renderer_new(&s.brief, "brief.rng", "brief-html.xsl", d) < 0)
		goto cleanup;
	{
		const char *v = getenv("PRAXIS_VALIDATE");
		int on = v && *v && strcmp(v, "0");
		px_renderer_validate(s.page, on);
		px_renderer_validate(s.report, on);
		px_renderer_validate(s.brief, on);
	}
	if (pool_start(&s) < 0)
		goto cleanup;
	if (count_pages(&s) < 0 || home(&s) < 0 || community_pages(&s) < 0 || code_pages(&s) < 0 ||
	    note_pages(&s) < 0 || report_pages(&s) < 0) {
		pool_stop(&s);
		goto cleanup;
	}
	if (pool_stop(&s) < 0)
		goto cleanup;
	{
		char dg[17];
		px_digest_hex(dg, px_fnv1a(PX_FNV_INIT, s.css.ptr, s.css.len));
		manifest_add(&s.now, "style.css", dg);
		if (write_page(&s, "style.css", s.css.ptr, s.css.len, d) < 0)
			goto cleanup;
	}
	if (s.o->progress)
		fputc('\n', stderr);
	if (manifest_save(&s) < 0)
		goto cleanup;
	if (!changed(&s)) { /* the site as it is stays */
		rc = 0;
		goto cleanup;
	}
	if (s.pagefind && pagefind_run(&s) < 0)
		goto cleanup;
	if (px_out_sync(s.build, d) < 0 || px_out_replace_dir(s.build, s.dir, d) < 0)
		goto cleanup;
	rc = 0;
cleanup:
	pool_stop(&s);
	if (s.build)
		px_out_rmtree(s.build);
	free(s.build);
	free(s.pagefind);
	free(s.target);
	free(s.dir);
	px_renderer_free(s.page);
	px_renderer_free(s.report);
	px_renderer_free(s.brief);
	manifest_free(&s.old);
	manifest_free(&s.now);
	px_buf_free(&s.communities);
	px_buf_free(&s.css);
	free(css_path);
	return rc;
}
