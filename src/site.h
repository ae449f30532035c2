/*
 * site.h - the static bilingual site: every page in Dutch and French,
 * working from file:// and any web host.
 *
 *   index.html                      the home page in the default language
 *   index.LANG.html                 home: communities, cycles, latest notes, heat map
 *   communities/ID.LANG.html        a community: sessions, attendance, codes, follow-ups
 *   communities/ID.brief.LANG.html  its brief                    (internal only)
 *   codes/ID.LANG.html              a code: every segment coded with it
 *   notes/PATH.LANG.html            a note, rendered, codes linked (internal only)
 *   reports/CYCLE.LANG.html         the cycle's synthesis report (internal only)
 *   style.css                       the one stylesheet (site/report.css)
 *   pagefind/                       the search index, when Pagefind is there
 *
 * The public site (the default, audience.h) shows counts, sessions by
 * date and number, and the codebook's words: no note text, no follow-up,
 * no path, no name, no code id (ids stay in the codes' URLs only).
 * doc/site.md says what each audience shows.
 *
 * Each page is XML data (schema/site.rng) rendered by xslt/site.xsl. A
 * page is only rewritten when what it is made of changed: note pages are
 * keyed by their blob, the others by the indexed commit, and all by the
 * codebook, communities and stylesheets (DIR/.praxis-site records it).
 */
#ifndef PX_SITE_H
#define PX_SITE_H

#include "audience.h"
#include "diag.h"
#include "index.h"

typedef struct {
	const char *outdir;
	int progress;
	px_audience audience;
} px_site_opts;

#define PX_SITE_OPTS_INIT { "build/site", 0, PX_AUDIENCE_PUBLIC }

typedef struct {
	long pages;     /* pages the site has */
	long rendered;  /* pages rendered this run */
	long written;   /* files whose content changed */
} px_site_stats;

int px_site_build(px_index *ix, const px_site_opts *o, px_site_stats *st, px_diag *d);

#endif
