/*
 * render.h - XML data to HTML through praxis' stylesheets (libxslt).
 *
 * The data document is validated against its RELAX NG schema first. The
 * stylesheets run with security preferences that forbid writing files,
 * creating folders and any network access; documents are parsed without
 * network or entity expansion (xml.c), and only praxis' own data
 * directory can be read. C never writes HTML: every word a reader sees is
 * in xslt/ or in the data.
 */
#ifndef PX_RENDER_H
#define PX_RENDER_H

#include "buf.h"
#include "diag.h"

/* Validates `xml` against schema/`rng` and transforms it with
 * xslt/`xsl`. `params` are name/value pairs of plain strings (quoted
 * here), NULL-terminated. Appends the result to `out`. A failed buffer
 * (buf.h), `xml` or `out`, is an error ("out of memory", "text too
 * long"), never a page rendered from half its data. */
int px_render(const px_buf *xml, const char *rng, const char *xsl,
	      const char *const *params, px_buf *out, px_diag *d);

/* A compiled stylesheet and schema, for rendering many documents. Once
 * made, px_renderer_run may be called on one renderer from several
 * threads at once: each run has its own transform context, and the
 * messages of libxml2 and libxslt go to the diagnostics of the run on the
 * thread they come from. Make and free renderers before and after the
 * threads run (px_renderer_new sets process-wide loaders and security
 * preferences). */
typedef struct px_renderer px_renderer;

int px_renderer_new(px_renderer **out, const char *rng, const char *xsl, px_diag *d);
int px_renderer_run(px_renderer *r, const px_buf *xml, const char *const *params,
		    px_buf *out, px_diag *d);
/* Whether each document is checked against the schema first (the
 * default). The site turns it off for its thousands of pages unless
 * PRAXIS_VALIDATE is set, as the test suite does. */
void px_renderer_validate(px_renderer *r, int on);
void px_renderer_free(px_renderer *r);

#endif
