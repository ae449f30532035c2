/*
 * kb.h - a knowledge base: the folder holding communities.yaml, its
 * communities, its codebook (its own codebook.xml, or the default one
 * from the data directory) and the privacy deny list kept inside the git
 * directory (GITDIR/praxis/denylist, never committed).
 *
 * px_kb_find walks up from a folder to the one holding communities.yaml,
 * as git does for .git. All strings are owned by the px_kb.
 */
#ifndef PX_KB_H
#define PX_KB_H

#include <stddef.h>

#include "codebook.h"
#include "diag.h"
#include "privacy.h"

typedef struct {
	char *id;
	char *name[PX_CONTENT_LANGS]; /* [PX_LANG_NL], [PX_LANG_FR] */
	char *zone[PX_CONTENT_LANGS];
	char *lang;    /* "nl" or "fr" */
	char **moderators;
	size_t nmoderators;
} px_community;

/* publication.yaml (optional, at the root): what the published report
 * and site say of themselves, per content language. A key given is
 * given in both languages. doc/brief.md describes the file. */
enum {
	PX_PUB_TITLE,
	PX_PUB_SUBTITLE,
	PX_PUB_PUBLISHER,
	PX_PUB_ABOUT,
	PX_PUB_CONTACT,
	PX_PUB_LICENCE,
	PX_PUB_FIELDS
};
/* "title", "subtitle", "publisher", "about", "contact", "licence", in enum order */
extern const char *const px_pub_keys[PX_PUB_FIELDS];

typedef struct {
	int present;                                /* the file exists */
	char *text[PX_PUB_FIELDS][PX_CONTENT_LANGS]; /* NULL: not given */
	char **allow;   /* texts the privacy guard lets through (a public contact) */
	size_t nallow;
} px_publication;

typedef struct {
	char *root;      /* absolute path of the knowledge base */
	char *gitdir;    /* NULL when the folder is not in a git repository */
	px_community *communities;
	size_t ncommunities;
	px_codebook *cb;
	px_denylist *deny;
	px_publication pub;
} px_kb;

/* Finds the knowledge base at or above `start`; returns a malloc'd
 * absolute root, or NULL. */
char *px_kb_find(const char *start);

/* Opens the knowledge base rooted at `root`. Problems with
 * communities.yaml or the codebook go to `d`; returns 0 or -1. Every
 * problem of communities.yaml is reported (doc/check.md lists the
 * rules), and any one of them makes the open fail, so that no command
 * runs on communities it cannot trust; with PX_KB_KEEP_GOING (for
 * `check`, which shows them with the notes' own) they are reported and
 * the knowledge base opens with the communities that have a valid id. */
enum { PX_KB_KEEP_GOING = 1 };
int px_kb_open(px_kb **out, const char *root, int flags, px_diag *d);
void px_kb_free(px_kb *kb);

#define PX_COMMUNITIES_MAX ((size_t)1 << 20)

/* Reads the communities of `len` bytes of communities.yaml at `src` (not
 * necessarily NUL-terminated) into `kb` (whose list must be empty):
 * what px_kb_open does with the file. Problems go to `d`; returns 0 or
 * -1, and on -1 kb may hold a partial list (px_kb_free frees it). */
int px_kb_read_communities(px_kb *kb, const char *src, size_t len, px_diag *d);

#define PX_PUBLICATION_MAX ((size_t)1 << 20)

/* Reads `len` bytes of publication.yaml at `src` into kb->pub (which must
 * be empty): what px_kb_open does with the file when it exists. Every
 * problem goes to `d` at its line and column; returns 0 or -1. */
int px_kb_read_publication(px_kb *kb, const char *src, size_t len, px_diag *d);

const px_community *px_kb_community(const px_kb *kb, const char *id);
/* The community id nearest `id` (px_suggest: case and accents aside,
 * a typo or two), or NULL. */
const char *px_kb_community_hint(const px_kb *kb, const char *id);
/* Reports MSG_UNKNOWN_COMMUNITY(_HINT) for `id` on stderr. */
void px_kb_unknown_community(const px_kb *kb, const char *id);
/* The code a user named on the command line (its id or an alias, with or
 * without '#', any case, any accents), or NULL after reporting
 * MSG_UNKNOWN_CODE(_HINT) on stderr. Borrowed from the codebook. */
const px_code *px_kb_code_arg(const px_kb *kb, const char *s);

/* Lists the notes of the knowledge base: *.md files in its folders (not
 * at the top, not hidden, not CYCLE/synthesis.LANG.md), relative to the
 * root, sorted. Entries with a note's name that are not regular files
 * (symbolic links, FIFOs) are listed too, so that `check` says what they
 * are: read every entry with px_kb_read_file, which refuses them. Returns
 * the count or -1; free with px_strv_free. */
long px_kb_list_notes(const px_kb *kb, char ***out);
void px_strv_free(char **v, size_t n);
/* The same, with the synthesis texts (CYCLE/synthesis.LANG.md) among
 * them: every Markdown text praxis publishes. */
long px_kb_list_texts(const px_kb *kb, char ***out);

/* `path` relative to the knowledge base's root (malloc'd), or NULL when
 * it lies outside. */
char *px_kb_relpath(const px_kb *kb, const char *path);

/* The note a user named on the command line (`search --note`, `codes
 * --note`): a path relative to the knowledge base, or to the current
 * folder when the file is there; malloc'd, relative to the root as the
 * index holds it. NULL after reporting MSG_NOT_NOTE_PATH on stderr when
 * it cannot name a note (px_kb_is_note_path), or when out of memory. */
char *px_kb_note_arg(const px_kb *kb, const char *arg);

/* Whether `id` may name a community: 1 to PX_ID_MAX of [a-z0-9-], since
 * it becomes a folder, file names and links. */
#define PX_ID_MAX 64
int px_kb_valid_id(const char *id);

/* Whether `rel` (relative to the root) names a note by those rules. */
int px_kb_is_note_path(const char *rel);
/* Whether `rel` names a synthesis text: synthesis.nl.md or .fr.md in a
 * folder, nothing hidden on the way. */
int px_kb_is_synthesis_path(const char *rel);

/* The one rule for what praxis reads as a file of the knowledge base,
 * shared by `check` and `commit`: a regular file, read once into `out`
 * (at most `max` bytes), never through a symbolic link, as git would see
 * it; with `kb` (may be NULL), no folder between its root and the file
 * may be a link either. `st` (may be NULL) gets the file's status at the time it was read.
 * Returns 0 when read, PX_READ_GONE when there is no such file (no
 * diagnostic), PX_READ_TOO_LARGE or PX_READ_REFUSED with a diagnostic for
 * `display`. */
enum { PX_READ_GONE = 1, PX_READ_REFUSED = -1, PX_READ_TOO_LARGE = -2 };
struct stat;
int px_kb_read_file(px_buf *out, struct stat *st, const px_kb *kb, const char *fs_path,
		    const char *display, size_t max, px_diag *d);

#endif
