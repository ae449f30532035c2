/*
 * check.h - a note as the knowledge base sees it.
 *
 * The note model's own rules (note.h), plus what only the knowledge base
 * knows: its communities, the conventional path CYCLE/COMMUNITY/NN.md,
 * and the privacy guard (guard.h) over every file praxis commits or
 * publishes, as written and as stored, and over file names. `check` and
 * `commit` both come here, so nothing that fails `check` can be committed.
 */
#ifndef PX_CHECK_H
#define PX_CHECK_H

#include "kb.h"
#include "note.h"

enum { PX_CHECK_OK = 0, PX_CHECK_UNREADABLE = -1 };

/* Checks `len` bytes of `src`. `rel` is the note's path inside the
 * knowledge base (NULL: outside it, no path rule). Returns the parsed
 * note (free with px_note_free) or NULL when it could not be parsed. */
px_note *px_check_text(const px_kb *kb, const char *display, const char *rel,
		       const char *src, size_t len, px_diag *d);

/* A synthesis text (CYCLE/synthesis.LANG.md): all of it is body, no
 * front matter; the note model's rules and the privacy guard. */
px_note *px_check_synthesis_text(const px_kb *kb, const char *display, const char *src,
				 size_t len, px_diag *d);
/* communities.yaml and a knowledge base's own codebook.xml through the
 * privacy guard (as written, and every value as decoded). Their other
 * rules are the loader's (kb.c, codebook.c). */
void px_check_communities_text(const px_kb *kb, const char *display, const char *src,
			       size_t len, px_diag *d);
void px_check_codebook_text(const px_kb *kb, const char *display, const char *src, size_t len,
			    px_diag *d);
/* A file's name through the privacy guard: `rel` (its path in the
 * knowledge base), or the last part of `display` when rel is NULL. */
void px_check_name(const px_kb *kb, const char *display, const char *rel, px_diag *d);

/* Any file praxis commits, by its name: a note, a synthesis text,
 * communities.yaml, codebook.xml, or another file (scanned as written);
 * its name too. Returns the note or synthesis parsed (or NULL). */
px_note *px_check_kb_file(const px_kb *kb, const char *display, const char *rel,
			  const char *src, size_t len, px_diag *d);

/* Reads and checks a file (by px_check_kb_file). *out gets the note (or NULL; `out` may be
 * NULL). Returns PX_CHECK_UNREADABLE when the file could not be read.
 * A note is read as git would see it: a regular file, opened without
 * following a symbolic link (O_NOFOLLOW), and no part of its path inside
 * the knowledge base may be a link; a link is an error ("symlink"), its
 * target never read. */
int px_check_file(const px_kb *kb, const char *display, const char *fs_path, px_diag *d,
		  px_note **out);

/* Sessions claimed twice. Each note checked is added with its path
 * inside the knowledge base (notes outside it are not added);
 * px_claims_check then reads the knowledge base's other notes and
 * reports, at the session line of each note checked, every other note
 * that claims the same community, cycle and session ("duplicate-session",
 * an error naming the other file). */
typedef struct {
	char *file;       /* as shown in diagnostics */
	char *rel;        /* relative to the knowledge base's root */
	char *community, *cycle;
	int session, line, col;
	int checked;
} px_claim;

typedef struct {
	px_claim *v;
	size_t n, cap;
} px_claims;

#define PX_CLAIMS_INIT { NULL, 0, 0 }

void px_claims_add(px_claims *c, const px_note *n, const char *rel);
void px_claims_check(px_claims *c, const px_kb *kb, px_diag *d);
void px_claims_free(px_claims *c);

#endif
