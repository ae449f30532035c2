/*
 * history.h - what git knows about the notes: who changed which note
 * when and why (`praxis log`), and when each follow-up was added and
 * checked, and by whom (`praxis log --followups`, the brief's "closed
 * since the last session").
 *
 * Gathered from the store's history (px_store_history: newest first,
 * each commit against its first parent, without rename detection: a
 * moved note is removed from one path and added at another) and, for
 * follow-ups, from each version of the notes. A follow-up
 * is known by its note's path and its text (the task item's plain text):
 * a follow-up whose text is edited is a new one, added when it was edited.
 * The commands format the result (cmd/log.c, brief.c).
 */
#ifndef PX_HISTORY_H
#define PX_HISTORY_H

#include <stddef.h>
#include <stdint.h>

#include "codebook.h"
#include "store.h"

/* A commit (strings malloc'd, owned by the px_history). */
typedef struct {
	char hex[PX_OID_HEXSZ + 1];
	char *author, *email;
	char *message; /* whole, as written */
	int64_t time;  /* author time, seconds since the epoch */
	int offset;    /* author time zone, minutes east of UTC */
} px_history_commit;

/* A note a commit added, changed or removed, with what that version of
 * the note says (the removed version for a removal; NULL or 0 where it
 * says nothing or cannot be read). */
typedef struct {
	size_t commit; /* index into commits */
	px_change change;
	char *path;
	char *community, *cycle, *date;
	int session;
} px_history_entry;

/* A follow-up (a task item) of a note at HEAD, as that version has it,
 * with the commits that added it and (when done) that checked it. */
typedef struct {
	char *path, *community, *cycle, *date; /* NULL where the note says nothing */
	int session;
	long line;   /* its first line */
	char *text;  /* its plain text */
	int done;
	long added;  /* index into commits; -1: not found in the history */
	long checked; /* the commit that made it done; -1: open, or done from
		       * the start (written as done when it was added) */
} px_history_followup;

typedef struct {
	px_history_commit *commits; /* newest first */
	size_t ncommits;
	px_history_entry *entries;  /* newest first, in each commit git's order */
	size_t nentries;
	px_history_followup *followups; /* by community, date, path and line */
	size_t nfollowups;
} px_history;

/* Which changes px_history_log lists: of one community's notes (by what
 * the changed version says), of one path, at most `limit` (0: all). */
typedef struct {
	const char *community;
	const char *path;
	long limit;
} px_history_opts;

#define PX_HISTORY_OPTS_INIT { NULL, NULL, 0 }

/* The changes to notes, newest first, with their commits (only those
 * with a listed change). 0, or -1 with a diagnostic (a history git
 * cannot read fully is an error, never a shorter list). Free with
 * px_history_free, whatever the result. */
int px_history_log(px_history *out, px_store *s, const px_codebook *cb,
		   const px_history_opts *o, px_diag *d);

/* Which follow-ups px_history_followups reads: of one community's notes
 * (NULL: all), of these notes only (paths NULL: all), and the commits
 * made on or after a date only (since "YYYY-MM-DD" in the commit's own
 * time zone, NULL: the whole history; a note no commit of that period
 * touched is left out). The brief asks for the done follow-ups of its
 * cycle since its last session: the notes are read only where needed. */
typedef struct {
	const char *community;
	char *const *paths;
	size_t npaths;
	const char *since;
} px_history_followup_opts;

#define PX_HISTORY_FOLLOWUP_OPTS_INIT { NULL, NULL, 0, NULL }

/* The follow-ups of the notes at HEAD, each with when it was added and
 * checked; commits holds the commits they name. Read from git alone:
 * walking the history newest first, the first version of a note met is
 * HEAD's. 0 or -1 as above. */
int px_history_followups(px_history *out, px_store *s, const px_codebook *cb,
			 const px_history_followup_opts *o, px_diag *d);

void px_history_free(px_history *h);

/* The commit's local date and time ("2023-01-18 14:02") into
 * out[PX_HISTORY_TIME_SIZE]; the date alone is its first 10 bytes. */
#define PX_HISTORY_TIME_SIZE 17
void px_history_time(char out[PX_HISTORY_TIME_SIZE], const px_history_commit *c);
/* The first line of the commit's message (borrowed up to *len bytes). */
const char *px_history_subject(const px_history_commit *c, size_t *len);

#endif
