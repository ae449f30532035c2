/*
 * history.c - the notes' history from git (history.h).
 */
#include "history.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "kb.h"
#include "note.h"

static void followup_clear(px_history_followup *f);

static void commit_clear(px_history_commit *c)
{
	free(c->author);
	free(c->email);
	free(c->message);
}

void px_history_free(px_history *h)
{
	size_t i;

	for (i = 0; i < h->ncommits; i++)
		commit_clear(&h->commits[i]);
	free(h->commits);
	for (i = 0; i < h->nentries; i++) {
		free(h->entries[i].path);
		free(h->entries[i].community);
		free(h->entries[i].cycle);
		free(h->entries[i].date);
	}
	free(h->entries);
	for (i = 0; i < h->nfollowups; i++)
		followup_clear(&h->followups[i]);
	free(h->followups);
	memset(h, 0, sizeof *h);
}

void px_history_time(char out[PX_HISTORY_TIME_SIZE], const px_history_commit *c)
{
	time_t t = (time_t)c->time + (time_t)c->offset * 60;
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, PX_HISTORY_TIME_SIZE, "%Y-%m-%d %H:%M", &tm);
}

const char *px_history_subject(const px_history_commit *c, size_t *len)
{
	const char *m = c->message ? c->message : "";

	while (*m == '\n')
		m++;
	*len = strcspn(m, "\n");
	while (*len && (m[*len - 1] == ' ' || m[*len - 1] == '\r'))
		(*len)--;
	return m;
}

static char *dup_or_null(const char *s)
{
	return s ? strdup(s) : NULL;
}

static int oom(px_diag *d)
{
	px_diag_add(d, NULL, 0, 0, PX_SEV_ERROR, "environment", MSG_OOM);
	return -1;
}

/* Grows *v (of *n elements of `size` bytes) by one zeroed element. */
static void *push(void *v, size_t *n, size_t size)
{
	void **p = v;
	char *grown = realloc(*p, (*n + 1) * size);

	if (!grown)
		return NULL;
	*p = grown;
	memset(grown + *n * size, 0, size);
	return grown + (*n)++ * size;
}

/* The commit being visited, added to out->commits once (its index). */
typedef struct {
	px_history *h;
	px_store *s;
	const px_codebook *cb;
	px_diag *d;
	long current; /* index of the visited commit in h->commits, -1 not yet */
	/* log */
	const px_history_opts *o;
} walker;

static long commit_index(walker *w, const px_commit_info *c)
{
	px_history_commit *hc;

	if (w->current >= 0)
		return w->current;
	if (!(hc = push(&w->h->commits, &w->h->ncommits, sizeof *hc)))
		return oom(w->d);
	px_oid_hex(hc->hex, &c->id);
	hc->time = c->time;
	hc->offset = c->offset;
	hc->author = strdup(c->author_name ? c->author_name : "");
	hc->email = strdup(c->author_email ? c->author_email : "");
	hc->message = strdup(c->message ? c->message : "");
	if (!hc->author || !hc->email || !hc->message)
		return oom(w->d);
	{ /* without the line ends git keeps after it */
		size_t len = strlen(hc->message);
		while (len && (hc->message[len - 1] == '\n' || hc->message[len - 1] == '\r'))
			hc->message[--len] = '\0';
	}
	return w->current = (long)w->h->ncommits - 1;
}

/* The note in blob `id` at `rel`, parsed; NULL when it cannot be read or
 * parsed (a version git holds that is no note is listed without values). */
static px_note *read_note(walker *w, const px_oid *id, const char *rel)
{
	px_buf b = PX_BUF_INIT;
	px_diag quiet = PX_DIAG_INIT;
	px_note *n = NULL;

	if (px_store_blob(w->s, id, rel, PX_NOTE_MAX, &b, &quiet) == 0)
		px_note_parse(&n, rel, b.ptr, b.len, w->cb, &quiet);
	px_diag_free(&quiet);
	px_buf_free(&b);
	return n;
}

static int log_visit(const px_commit_info *c, const px_store_delta *v, size_t n, void *payload)
{
	walker *w = payload;
	size_t i;

	w->current = -1;
	for (i = 0; i < n; i++) {
		const px_store_delta *dd = &v[i];
		const char *rel = dd->new_path;
		px_history_entry *e;
		px_note *note;
		long ci;

		if (!rel)
			continue;
		if (w->o->path && strcmp(rel, w->o->path) &&
		    !(dd->old_path && !strcmp(dd->old_path, w->o->path)))
			continue;
		note = read_note(w, dd->change == PX_CHANGE_DELETED ? &dd->old_blob : &dd->new_blob,
				 rel);
		if (w->o->community &&
		    (!note || !note->community.s || strcmp(note->community.s, w->o->community))) {
			px_note_free(note);
			continue;
		}
		if ((ci = commit_index(w, c)) < 0 ||
		    !(e = push(&w->h->entries, &w->h->nentries, sizeof *e))) {
			px_note_free(note);
			return ci < 0 ? -1 : oom(w->d);
		}
		e->commit = (size_t)ci;
		e->change = dd->change;
		e->path = strdup(rel);
		if (note) {
			e->community = dup_or_null(note->community.s);
			e->cycle = note->cycle_year ? dup_or_null(note->cycle.s) : NULL;
			e->date = dup_or_null(note->date.s);
			e->session = note->session;
		}
		px_note_free(note);
		if (!e->path)
			return oom(w->d);
		if (w->o->limit && w->h->nentries >= (size_t)w->o->limit)
			return 1;
	}
	return 0;
}

int px_history_log(px_history *out, px_store *s, const px_codebook *cb,
		   const px_history_opts *o, px_diag *d)
{
	walker w;

	memset(out, 0, sizeof *out);
	memset(&w, 0, sizeof w);
	w.h = out;
	w.s = s;
	w.cb = cb;
	w.d = d;
	w.o = o;
	w.current = -1;
	return px_store_history(s, px_kb_is_note_path, log_visit, &w, d) < 0 ? -1 : 0;
}

/* ------------------------------------------------------------ follow-ups */

static void followup_clear(px_history_followup *f)
{
	free(f->path);
	free(f->community);
	free(f->cycle);
	free(f->date);
	free(f->text);
}

/* A path met in the walk: its follow-ups are h->followups[first, first + n). */
typedef struct {
	char *path;
	size_t first, n;
} seen_path;

typedef struct {
	walker w;
	const px_history_followup_opts *o;
	seen_path *seen;
	size_t nseen;
} fu_walker;

static int listed(const fu_walker *fw, const char *path)
{
	size_t i;

	if (!fw->o->paths)
		return 1;
	for (i = 0; i < fw->o->npaths; i++)
		if (!strcmp(fw->o->paths[i], path))
			return 1;
	return 0;
}

static seen_path *find_seen(fu_walker *fw, const char *path)
{
	size_t i;

	for (i = 0; i < fw->nseen; i++)
		if (!strcmp(fw->seen[i].path, path))
			return &fw->seen[i];
	return NULL;
}

/* HEAD's version of a note, met first: its follow-ups become records. */
static int first_sight(fu_walker *fw, const px_store_delta *dd)
{
	px_history *h = fw->w.h;
	seen_path *sp = push(&fw->seen, &fw->nseen, sizeof *sp);
	px_note *n;
	size_t j;

	if (!sp || !(sp->path = strdup(dd->new_path)))
		return oom(fw->w.d);
	sp->first = h->nfollowups;
	if (dd->change == PX_CHANGE_DELETED || !listed(fw, dd->new_path))
		return 0; /* not at HEAD, or not asked for */
	n = read_note(&fw->w, &dd->new_blob, dd->new_path);
	if (!n)
		return 0;
	if (fw->o->community && (!n->community.s || strcmp(n->community.s, fw->o->community))) {
		px_note_free(n);
		return 0;
	}
	for (j = 0; j < n->nsegs; j++) {
		const px_segment *g = &n->segs[j];
		px_history_followup *f;
		if (g->task < 0)
			continue;
		if (!(f = push(&h->followups, &h->nfollowups, sizeof *f))) {
			px_note_free(n);
			return oom(fw->w.d);
		}
		f->added = -1;
		f->checked = -2; /* not seen yet */
		f->done = g->task == 1;
		f->line = g->first_line;
		f->session = n->session;
		f->path = strdup(dd->new_path);
		f->text = strdup(g->text);
		f->community = dup_or_null(n->community.s);
		f->cycle = n->cycle_year ? dup_or_null(n->cycle.s) : NULL;
		f->date = dup_or_null(n->date.s);
		if (!f->path || !f->text || (n->community.s && !f->community) ||
		    (n->date.s && !f->date)) {
			px_note_free(n);
			return oom(fw->w.d);
		}
	}
	px_note_free(n);
	sp->n = h->nfollowups - sp->first;
	return 0;
}

/* An event of the follow-ups of `sp` with `text`: added, or checked. */
static int apply(fu_walker *fw, const seen_path *sp, const char *text, int added,
		 const px_commit_info *c)
{
	size_t i;
	long ci;

	for (i = sp->first; i < sp->first + sp->n; i++) {
		px_history_followup *f = &fw->w.h->followups[i];
		if (strcmp(f->text, text))
			continue;
		if ((ci = commit_index(&fw->w, c)) < 0)
			return -1;
		if (added)
			f->added = ci; /* newest first: the last one met is the first */
		else if (f->checked == -2 && f->done)
			f->checked = ci; /* the newest check */
	}
	return 0;
}

/* What one commit did to a note's follow-ups, against its parent's
 * version: each task item of the new version is the old one with its
 * text (the first unmatched), or was added; open then done: checked. */
static int events(fu_walker *fw, const seen_path *sp, const px_store_delta *dd,
		  const px_commit_info *c)
{
	px_note *old = NULL, *new = NULL;
	char *matched = NULL;
	size_t j, k;
	int rc = 0;

	new = read_note(&fw->w, &dd->new_blob, dd->new_path);
	if (dd->change != PX_CHANGE_ADDED && dd->old_path)
		old = read_note(&fw->w, &dd->old_blob, dd->old_path);
	if (!new)
		goto done;
	if (old && !(matched = calloc(old->nsegs + 1, 1))) {
		rc = oom(fw->w.d);
		goto done;
	}
	for (j = 0; j < new->nsegs && !rc; j++) {
		const px_segment *g = &new->segs[j];
		int found = 0;
		if (g->task < 0)
			continue;
		for (k = 0; old && k < old->nsegs; k++) {
			const px_segment *o = &old->segs[k];
			if (o->task < 0 || matched[k] || strcmp(o->text, g->text))
				continue;
			matched[k] = 1;
			found = 1;
			if (o->task == 0 && g->task == 1)
				rc = apply(fw, sp, g->text, 0, c);
			break;
		}
		if (!found)
			rc = apply(fw, sp, g->text, 1, c);
	}
done:
	free(matched);
	px_note_free(old);
	px_note_free(new);
	return rc;
}

static int followup_visit(const px_commit_info *c, const px_store_delta *v, size_t n,
			  void *payload)
{
	fu_walker *fw = payload;
	size_t i;
	int rc = 0;

	fw->w.current = -1;
	if (fw->o->since) {
		px_history_commit when = { .time = c->time, .offset = c->offset };
		char t[PX_HISTORY_TIME_SIZE];
		px_history_time(t, &when);
		if (strncmp(t, fw->o->since, 10) < 0)
			return 0; /* before the period asked for */
	}
	for (i = 0; i < n && !rc; i++) {
		const px_store_delta *dd = &v[i];
		seen_path *sp;
		if (!dd->new_path)
			continue;
		if (!(sp = find_seen(fw, dd->new_path))) {
			if ((rc = first_sight(fw, dd)) < 0)
				break;
			sp = &fw->seen[fw->nseen - 1];
		}
		if (sp->n && dd->change != PX_CHANGE_DELETED)
			rc = events(fw, sp, dd, c);
	}
	return rc;
}

static int by_place(const void *a, const void *b)
{
	const px_history_followup *x = a, *y = b;
	int c;

	if ((c = strcmp(x->community ? x->community : "", y->community ? y->community : "")) ||
	    (c = strcmp(x->date ? x->date : "", y->date ? y->date : "")) ||
	    (c = strcmp(x->path, y->path)))
		return c;
	return x->line < y->line ? -1 : x->line > y->line;
}

int px_history_followups(px_history *out, px_store *s, const px_codebook *cb,
			 const px_history_followup_opts *o, px_diag *d)
{
	fu_walker fw;
	size_t i;
	int rc;

	memset(out, 0, sizeof *out);
	memset(&fw, 0, sizeof fw);
	fw.w.h = out;
	fw.w.s = s;
	fw.w.cb = cb;
	fw.w.d = d;
	fw.w.current = -1;
	fw.o = o;
	rc = px_store_history(s, px_kb_is_note_path, followup_visit, &fw, d) < 0 ? -1 : 0;
	for (i = 0; i < fw.nseen; i++)
		free(fw.seen[i].path);
	free(fw.seen);
	for (i = 0; i < out->nfollowups; i++)
		if (out->followups[i].checked == -2)
			out->followups[i].checked = -1;
	if (out->nfollowups > 1)
		qsort(out->followups, out->nfollowups, sizeof *out->followups, by_place);
	return rc;
}
