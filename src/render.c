#include "render.h"

#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libexslt/exslt.h>
#include <libxslt/security.h>
#include <libxslt/transform.h>
#include <libxslt/variables.h>
#include <libxslt/xsltInternals.h>
#include <libxslt/xsltutils.h>

#include "data.h"
#include "xml_int.h"

/* libxslt and libexslt are opened by the first renderer (dl.h), as
 * libxml2 is (xml_int.h): only the site, reports, briefs and the
 * server render. */
#define PX_LIBXSLT_FNS(X, T) \
	X(T, xslt, ApplyStylesheetUser) \
	X(T, xslt, FreeSecurityPrefs) \
	X(T, xslt, FreeStylesheet) \
	X(T, xslt, FreeTransformContext) \
	X(T, xslt, NewSecurityPrefs) \
	X(T, xslt, NewTransformContext) \
	X(T, xslt, ParseStylesheetDoc) \
	X(T, xslt, QuoteUserParams) \
	X(T, xslt, SaveResultToString) \
	X(T, xslt, SecurityForbid) \
	X(T, xslt, SetCtxtSecurityPrefs) \
	X(T, xslt, SetDefaultSecurityPrefs) \
	X(T, xslt, SetGenericErrorFunc) \
	X(T, xslt, SetSecurityPrefs) \
	X(T, xslt, SetTransformErrorFunc)
#define PX_LIBEXSLT_FNS(X, T) X(T, exslt, RegisterAll)
PX_DL_LIBRARY(libxslt, "libxslt.so.1", "libxslt1.1", PX_LIBXSLT_FNS);
PX_DL_LIBRARY(libexslt, "libexslt.so.0", "libxslt1.1", PX_LIBEXSLT_FNS);

#define xsltApplyStylesheetUser libxslt.ApplyStylesheetUser
#define xsltFreeSecurityPrefs(p) PX_XML_FREE_(libxslt.FreeSecurityPrefs, p)
#define xsltFreeStylesheet(p) PX_XML_FREE_(libxslt.FreeStylesheet, p)
#define xsltFreeTransformContext(p) PX_XML_FREE_(libxslt.FreeTransformContext, p)
#define xsltNewSecurityPrefs libxslt.NewSecurityPrefs
#define xsltNewTransformContext libxslt.NewTransformContext
#define xsltParseStylesheetDoc libxslt.ParseStylesheetDoc
#define xsltQuoteUserParams libxslt.QuoteUserParams
#define xsltSaveResultToString libxslt.SaveResultToString
#define xsltSecurityForbid libxslt.SecurityForbid
#define xsltSetCtxtSecurityPrefs libxslt.SetCtxtSecurityPrefs
#define xsltSetDefaultSecurityPrefs libxslt.SetDefaultSecurityPrefs
#define xsltSetGenericErrorFunc libxslt.SetGenericErrorFunc
#define xsltSetSecurityPrefs libxslt.SetSecurityPrefs
#define xsltSetTransformErrorFunc libxslt.SetTransformErrorFunc
#define exsltRegisterAll libexslt.RegisterAll

struct errs {
	px_buf *msg;
};

static void vcollect(struct errs *e, const char *fmt, va_list ap)
{
	if (!e || e->msg->len > 2000)
		return;
	px_buf_vprintf(e->msg, fmt, ap);
}

static void collect(void *ctx, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vcollect(ctx, fmt, ap);
	va_end(ap);
}

/* The messages of the compile or transform under way on this thread.
 * libxslt's generic error handler is one for the whole process, so it is
 * set once, to route(), which hands each message to the collector of the
 * thread it comes from (libxml2's generic handler is per thread, set to
 * route() by each run). A transform's own errors go to its context
 * (xsltSetTransformErrorFunc); this catches the rest (XPath, stylesheet
 * compilation). Outside a render a message is dropped, as xml.c's
 * silent handler drops it. */
static _Thread_local struct errs *current;

static void route(void *ctx, const char *fmt, ...)
{
	va_list ap;

	(void)ctx;
	va_start(ap, fmt);
	vcollect(current, fmt, ap);
	va_end(ap);
}

static pthread_once_t once = PTHREAD_ONCE_INIT;

static void init_once(void)
{
	exsltRegisterAll();
	xsltSetGenericErrorFunc(NULL, route);
}

/* Points this thread's messages at `e` (NULL: dropped). */
static void errors_to(struct errs *e)
{
	pthread_once(&once, init_once);
	current = e;
	xmlSetGenericErrorFunc(NULL, route);
}

static xsltSecurityPrefsPtr secure(void)
{
	xsltSecurityPrefsPtr p = xsltNewSecurityPrefs();

	if (!p)
		return NULL;
	xsltSetSecurityPrefs(p, XSLT_SECPREF_WRITE_FILE, xsltSecurityForbid);
	xsltSetSecurityPrefs(p, XSLT_SECPREF_CREATE_DIRECTORY, xsltSecurityForbid);
	xsltSetSecurityPrefs(p, XSLT_SECPREF_READ_NETWORK, xsltSecurityForbid);
	xsltSetSecurityPrefs(p, XSLT_SECPREF_WRITE_NETWORK, xsltSecurityForbid);
	return p;
}

struct px_renderer {
	int validate;
	xsltStylesheetPtr style;
	xmlRelaxNGPtr schema;
	xsltSecurityPrefsPtr prefs;
	char *xsl;
	char *rng;
};

void px_renderer_validate(px_renderer *r, int on)
{
	r->validate = on;
}

void px_renderer_free(px_renderer *r)
{
	if (!r)
		return;
	xsltFreeStylesheet(r->style);
	xmlRelaxNGFree(r->schema);
	xsltSetDefaultSecurityPrefs(NULL);
	xsltFreeSecurityPrefs(r->prefs);
	free(r->xsl);
	free(r->rng);
	free(r);
}

int px_renderer_new(px_renderer **out, const char *rng, const char *xsl, px_diag *d)
{
	px_renderer *r = calloc(1, sizeof *r);
	px_buf err = PX_BUF_INIT, rel = PX_BUF_INIT;
	struct errs e = { &err };
	xmlDocPtr sdoc = NULL;
	char *rng_path = NULL, *xsl_path = NULL, *xslt_dir = NULL;
	int line = 0, rc = -1;

	*out = NULL;
	if (!r || px_xml_live(d) < 0 || px_dl_load(&libxslt_lib, d) < 0 ||
	    px_dl_load(&libexslt_lib, d) < 0) {
		free(r);
		return -1;
	}
	r->xsl = strdup(xsl);
	r->rng = strdup(rng);
	r->validate = 1;
	px_buf_printf(&rel, "schema/%s", rng);
	rng_path = px_data_path(rel.ptr);
	px_buf_clear(&rel);
	px_buf_printf(&rel, "xslt/%s", xsl);
	xsl_path = px_data_path(rel.ptr);
	xslt_dir = px_data_path("xslt");
	if (!rng_path || !xsl_path || !xslt_dir) {
		px_diag_add(d, xsl, 0, 0, PX_SEV_ERROR, "environment", MSG_NO_SCHEMA);
		goto cleanup;
	}
	r->schema = px_xml_schema(rng_path, &err);
	if (!r->schema) {
		px_diag_add(d, rng, 0, 0, PX_SEV_ERROR, "environment", MSG_RENDER_STYLE, err.ptr);
		goto cleanup;
	}
	px_xml_allow_dir(xslt_dir);
	r->prefs = secure();
	if (!r->prefs)
		goto cleanup;
	xsltSetDefaultSecurityPrefs(r->prefs);
	errors_to(&e);
	sdoc = px_xml_read_file(xsl_path, &err, &line);
	if (sdoc) {
		r->style = xsltParseStylesheetDoc(sdoc);
		if (!r->style)
			xmlFreeDoc(sdoc);
	}
	errors_to(NULL);
	px_xml_init();
	if (!r->style) {
		px_diag_add(d, xsl, line, 0, PX_SEV_ERROR, "internal", MSG_RENDER_STYLE,
			    err.len ? err.ptr : "?");
		goto cleanup;
	}
	rc = 0;
	*out = r;
	r = NULL;
cleanup:
	px_renderer_free(r);
	free(rng_path);
	free(xsl_path);
	free(xslt_dir);
	px_buf_free(&err);
	px_buf_free(&rel);
	return rc;
}

int px_renderer_run(px_renderer *r, const px_buf *xml, const char *const *params,
		    px_buf *out, px_diag *d)
{
	px_buf err = PX_BUF_INIT;
	struct errs e = { &err };
	xsltTransformContextPtr tc = NULL;
	xmlDocPtr data = NULL, result = NULL;
	xmlChar *text = NULL;
	int line = 0, tlen = 0, rc = -1;

	if (px_diag_buf(d, xml, r->rng) < 0)
		return -1;
	data = px_xml_read_mem(xml->ptr, xml->len, "data.xml", &err, &line);
	if (!data || (r->validate && px_xml_check(data, r->schema, &err, &line) < 0)) {
		/* a bug in praxis, not in the notes: say so plainly */
		px_diag_add(d, r->rng, line, 0, PX_SEV_ERROR, "internal", MSG_RENDER_DATA, err.ptr);
		goto cleanup;
	}
	tc = xsltNewTransformContext(r->style, data);
	if (!tc)
		goto cleanup;
	tc->parserOptions = PX_XML_OPTS;
	xsltSetCtxtSecurityPrefs(r->prefs, tc);
	xsltSetTransformErrorFunc(tc, &e, collect);
	errors_to(&e);
	if (params && xsltQuoteUserParams(tc, (const char **)params) != 0)
		goto style_error;
	result = xsltApplyStylesheetUser(r->style, data, NULL, NULL, NULL, tc);
	if (!result || tc->state != XSLT_STATE_OK)
		goto style_error;
	if (xsltSaveResultToString(&text, &tlen, result, r->style) < 0)
		goto style_error;
	px_buf_put(out, text ? (const char *)text : "", text ? (size_t)tlen : 0);
	rc = px_diag_buf(d, out, r->xsl);
	goto cleanup;
style_error:
	px_diag_add(d, r->xsl, line, 0, PX_SEV_ERROR, "internal", MSG_RENDER_STYLE,
		    err.len ? err.ptr : "?");
cleanup:
	errors_to(NULL);
	xmlFree(text);
	xmlFreeDoc(result);
	xsltFreeTransformContext(tc);
	xmlFreeDoc(data);
	px_buf_free(&err);
	return rc;
}

int px_render(const px_buf *xml, const char *rng, const char *xsl,
	      const char *const *params, px_buf *out, px_diag *d)
{
	px_renderer *r = NULL;
	int rc = -1;

	if (px_renderer_new(&r, rng, xsl, d) == 0)
		rc = px_renderer_run(r, xml, params, out, d);
	px_renderer_free(r);
	return rc;
}
