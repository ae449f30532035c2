/*
 * site.h - the static bilingual site: every page in Dutch and French,
 * working from file:// and any web host.
 *
 *   index.LANG.html                 home: communities, cycles, latest notes, heat map
 *   communities/ID.LANG.html        a community: sessions, attendance, codes, follow-ups
 *   communities/ID.brief.LANG.html  its brief
 *   codes/ID.LANG.html              a code: every segment coded with it
 *   notes/PATH.LANG.html            a note, rendered, codes linked
 *   reports/CYCLE.LANG.html         the cycle's synthesis report
 *   style.css                       the one stylesheet (site/report.css)
 *
 * Each page is XML data (schema/site.rng) rendered by xslt/site.xsl. A
 * page is only rewritten when what it is made of changed: note pages are
 * keyed by their blob, the others by the indexed commit, and all by the
 * codebook, communities and stylesheets (DIR/.praxis-site records it).
 */
#ifndef PX_SITE_H
#define PX_SITE_H

#include "diag.h"
#include "index.h"

typedef struct {
	const char *outdir;
	int progress;
} px_site_opts;

#define PX_SITE_OPTS_INIT { "build/site", 0 }

typedef struct {
	long pages;     /* pages the site has */
	long rendered;  /* pages rendered this run */
	long written;   /* files whose content changed */
} px_site_stats;

int px_site_build(px_index *ix, const px_site_opts *o, px_site_stats *st, px_diag *d);

#endif
