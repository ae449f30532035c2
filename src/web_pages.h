/*
 * web_pages.h - the HTML pages of `praxis serve` (web.h's handlers for
 * people; web_api.c has those for scripts).
 *
 * Each page is gathered through the data layer and the gatherers
 * (search.h, codes.h, stats.h, history.h), written as XML data
 * (schema/web.rng) and rendered by xslt/web.xsl into HTML, in the
 * request's language (Dutch or French). C writes no HTML and no word a
 * reader sees: the words are in xslt/web-strings.xsl, the data escaped
 * by xmlout.h and by the HTML serialiser. Every link a page carries
 * (facets, paging, sorting, the language switch, exports, matrix cells)
 * is a plain URL written here, so the pages work without JavaScript.
 *
 *   /                 search: query, facets with counts, ranked hits with
 *                     highlighted snippets, paging, sort by rank or date
 *   /codes            the codebook: categories and codes with labels,
 *                     descriptions, aliases and counts
 *   /codes/CODE       a code's segments by community and session, a page
 *                     of PX_WEB_CODE_PAGE_SIZE read at a time, with its
 *                     timeline over cycles and sessions and the total (of
 *                     every segment); ?community=ID, ?session=N, ?cycle=Y,
 *                     ?with=CODE2, ?note=PATH narrow it (as `praxis codes
 *                     CODE` and /api/codes/CODE)
 *   /matrix           ?cols=community|session|code: codes by community, by
 *                     session number, or by code (co-occurrence); each cell
 *                     links to the segments behind it
 *   /notes/PATH       a committed note, rendered, codes linked, follow-ups
 *                     and their state, its history from git; ?version=OID
 *                     shows the note as that commit has it
 *
 * Handlers follow web.h: 0 with the response filled (200, 400 with the
 * problem shown in the page, 404), or -1 with a diagnostic when the page
 * could not be made. Only committed notes known to the index are read: a
 * path is looked up in the index, never on disk.
 */
#ifndef PX_WEB_PAGES_H
#define PX_WEB_PAGES_H

#include "web.h"

/* Hits per page of the search page. */
#define PX_WEB_PAGE_SIZE 20
/* Segments per page of a code's page. */
#define PX_WEB_CODE_PAGE_SIZE 100

int px_web_page_search(px_web *w, const px_web_request *rq, px_web_response *rs, px_diag *d);
int px_web_page_codes(px_web *w, const px_web_request *rq, px_web_response *rs, px_diag *d);
int px_web_page_code(px_web *w, const px_web_request *rq, px_web_response *rs, px_diag *d);
int px_web_page_matrix(px_web *w, const px_web_request *rq, px_web_response *rs, px_diag *d);
int px_web_page_note(px_web *w, const px_web_request *rq, px_web_response *rs, px_diag *d);

/* The error page: `status` (400 to 599) with `message` (may be NULL) in
 * rq's language, the language switch kept (web.h, px_web_fail). */
int px_web_page_error(px_web *w, const px_web_request *rq, px_web_response *rs, int status,
		      const char *message, px_diag *d);

/* The pages share one compiled stylesheet, made on first use and used by
 * one worker at a time (libxslt's error handlers are process-wide). The
 * server frees it when it stops; safe when never used. */
void px_web_pages_shutdown(void);

#endif
