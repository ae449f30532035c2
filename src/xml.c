#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "out.h"
#include "xml_int.h"

PX_DL_SHARED_DEFINE(px_libxml, "libxml2.so.2", "libxml2", PX_LIBXML_FNS);

static char *allowed_dir; /* set once at start-up, before any thread */

/* Loads local files below praxis' own data directory (the stylesheets
 * include each other) and nothing else: no network, no other file. */
static xmlParserInputPtr deny_loader(const char *url, const char *id, xmlParserCtxtPtr ctxt)
{
	xmlParserInputPtr in = NULL;
	char *real;
	size_t n;

	(void)id;
	if (!url || !allowed_dir)
		return NULL;
	if (!strncmp(url, "file://", 7))
		url += 7;
	if (strstr(url, "://"))
		return NULL;
	real = realpath(url, NULL);
	n = strlen(allowed_dir);
	if (real && !strncmp(real, allowed_dir, n) && real[n] == '/')
		in = xmlNewInputFromFile(ctxt, real);
	free(real);
	return in;
}

void px_xml_allow_dir(const char *dir)
{
	free(allowed_dir);
	allowed_dir = dir ? realpath(dir, NULL) : NULL;
}

static void silent(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

static void handlers(void)
{
	xmlSetExternalEntityLoader(deny_loader);
	xmlSetGenericErrorFunc(NULL, silent);
}

static pthread_once_t live_once = PTHREAD_ONCE_INIT;

static void live_init(void)
{
	xmlInitParser();
	handlers();
}

int px_xml_live(px_diag *d)
{
	if (px_dl_load(&px_libxml_lib, d) < 0)
		return -1;
	pthread_once(&live_once, live_init);
	return 0;
}

/* px_xml_live for the functions that say what went wrong in `err`: the
 * loader's message, in the user's language */
static int live_err(px_buf *err)
{
	px_diag d = PX_DIAG_INIT;
	int rc = px_xml_live(&d);

	if (rc < 0 && err && !err->len)
		px_buf_puts(err, d.n ? d.items[0].message : "libxml2");
	px_diag_free(&d);
	return rc;
}

void px_xml_init(void)
{
	if (live_err(NULL) == 0)
		handlers();
}

void px_xml_cleanup(void)
{
	px_xml_allow_dir(NULL);
	if (px_dl_loaded(&px_libxml_lib))
		xmlCleanupParser();
}

static void put_error(px_buf *err, int *line, const xmlError *e)
{
	size_t n;

	if (!e || !err || err->len)
		return;
	px_buf_puts(err, e->message ? e->message : "?");
	n = err->len;
	while (n && (err->ptr[n - 1] == '\n' || err->ptr[n - 1] == ' '))
		n--;
	px_buf_truncate(err, n);
	if (line)
		*line = e->line;
}

/* praxis' XML has no DOCTYPE: a document that declares one is stopped
 * where it does, before any entity of it is declared, expanded or
 * loaded (billion laughs, external entities, external DTDs). */
struct guard {
	int refused; /* the line of a DOCTYPE, 0: none */
};

static void refuse_dtd(void *ctx, const xmlChar *name, const xmlChar *ext, const xmlChar *sys)
{
	xmlParserCtxtPtr c = ctx;
	struct guard *g = c->_private;

	(void)name;
	(void)ext;
	(void)sys;
	if (g && !g->refused)
		g->refused = c->input ? c->input->line : 1;
	if (g && !g->refused)
		g->refused = 1;
	xmlStopParser(c);
}

/* The first element of the XInclude namespaces below `n`, or NULL:
 * XInclude is never processed (no XML_PARSE_XINCLUDE), and a document
 * that asks for it is refused rather than read without its parts. */
static xmlNodePtr find_xinclude(xmlNodePtr n)
{
	for (; n; n = n->next) {
		xmlNodePtr hit;
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (n->ns && n->ns->href &&
		    (!xmlStrcmp(n->ns->href, (const xmlChar *)"http://www.w3.org/2001/XInclude") ||
		     !xmlStrcmp(n->ns->href, (const xmlChar *)"http://www.w3.org/2003/XInclude")))
			return n;
		if ((hit = find_xinclude(n->children)))
			return hit;
	}
	return NULL;
}

/* The one parse: safe options, DOCTYPE refused, XInclude refused.
 * *why: 0 ok, 1 not well-formed (detail in err), 2 DOCTYPE, 3 XInclude,
 * 4 too large, 5 libxml2 cannot be loaded (its message in err); *line
 * where. */
static xmlDocPtr parse(const char *data, size_t len, const char *url, size_t max, px_buf *err,
		       int *line, int *why)
{
	xmlParserCtxtPtr ctx;
	xmlDocPtr doc = NULL;
	xmlNodePtr inc;
	struct guard g = { 0 };

	*why = 0;
	if (live_err(err) < 0) {
		*why = 5;
		return NULL;
	}
	if (len > max || len > (size_t)PX_XML_MAX) {
		*why = 4;
		if (err)
			px_buf_puts(err, "document too large");
		return NULL;
	}
	ctx = xmlNewParserCtxt();
	if (!ctx) {
		*why = 1;
		return NULL;
	}
	ctx->_private = &g;
	ctx->sax->internalSubset = refuse_dtd;
	ctx->sax->externalSubset = refuse_dtd;
	doc = xmlCtxtReadMemory(ctx, data, (int)len, url, NULL, PX_XML_OPTS);
	if (g.refused) {
		*why = 2;
		if (line)
			*line = g.refused;
		if (err && !err->len)
			px_buf_puts(err, "a DOCTYPE is not allowed");
	} else if (!doc || !ctx->wellFormed) {
		*why = 1;
		put_error(err, line, xmlCtxtGetLastError(ctx));
		if (err && !err->len)
			px_buf_puts(err, "unreadable");
	} else if ((inc = find_xinclude(doc->children))) {
		*why = 3;
		if (line)
			*line = (int)xmlGetLineNo(inc);
		if (err && !err->len)
			px_buf_puts(err, "XInclude is not allowed");
	}
	if (*why) {
		xmlFreeDoc(doc);
		doc = NULL;
	}
	xmlFreeParserCtxt(ctx);
	return doc;
}

xmlDocPtr px_xml_read_mem(const char *data, size_t len, const char *url, px_buf *err, int *line)
{
	int why;

	return parse(data, len, url, (size_t)PX_XML_MAX, err, line, &why);
}

xmlDocPtr px_xml_read_file(const char *path, px_buf *err, int *line)
{
	px_buf b = PX_BUF_INIT;
	xmlDocPtr doc = NULL;

	if (px_buf_read_file(&b, path, PX_XML_MAX) < 0) {
		if (err)
			px_buf_printf(err, "cannot read '%s'", path);
	} else {
		doc = px_xml_read_mem(b.ptr, b.len, path, err, line);
	}
	px_buf_free(&b);
	return doc;
}

int px_xml_slurp(px_buf *raw, const char *path, const char *display, const char *rule,
		 px_diag *d)
{
	int rc = px_buf_read_file(raw, path, PX_XML_KB_MAX);

	if (rc == -2) {
		px_diag_add(d, display, 0, 0, PX_SEV_ERROR, rule, MSG_XML_TOO_LARGE, display,
			    PX_XML_KB_MAX >> 20);
		return -1;
	}
	if (rc < 0) {
		px_diag_add(d, display, 0, 0, PX_SEV_ERROR, "io-error", MSG_IO, display,
			    px_strerror(errno));
		return -1;
	}
	return 0;
}

int px_xml_load(xmlDocPtr *out, px_buf *raw, const char *path, const char *display,
		const char *rule, px_diag *d)
{
	*out = NULL;
	if (px_xml_slurp(raw, path, display, rule, d) < 0)
		return -1;
	return px_xml_load_mem(out, raw->ptr, raw->len, display, rule, d);
}

int px_xml_load_mem(xmlDocPtr *out, const char *data, size_t len, const char *display,
		    const char *rule, px_diag *d)
{
	px_buf detail = PX_BUF_INIT;
	int why = 0, line = 0;

	*out = NULL;
	if (px_xml_live(d) < 0)
		return -1;
	*out = parse(data, len, display, PX_XML_KB_MAX, &detail, &line, &why);
	switch (why) {
	case 0:
		break;
	case 2:
		px_diag_add(d, display, line, 0, PX_SEV_ERROR, rule, MSG_XML_DTD, display);
		break;
	case 3:
		px_diag_add(d, display, line, 0, PX_SEV_ERROR, rule, MSG_XML_XINCLUDE, display);
		break;
	case 4:
		px_diag_add(d, display, 0, 0, PX_SEV_ERROR, rule, MSG_XML_TOO_LARGE, display,
			    PX_XML_KB_MAX >> 20);
		break;
	default:
		px_diag_add(d, display, line, 0, PX_SEV_ERROR, rule, MSG_XML_SYNTAX, display);
		if (detail.len)
			px_diag_hint(d, MSG_XML_DETAIL, detail.ptr);
		break;
	}
	px_buf_free(&detail);
	return *out ? 0 : -1;
}

struct verr {
	px_buf *err;
	int *line;
};

static void structured(void *data, xmlErrorPtr e)
{
	struct verr *v = data;
	put_error(v->err, v->line, e);
}

xmlRelaxNGPtr px_xml_schema(const char *rng_path, px_buf *err)
{
	xmlRelaxNGParserCtxtPtr pc = NULL;
	xmlRelaxNGPtr schema = NULL;
	struct verr v = { err, NULL };
	px_buf rng = PX_BUF_INIT;

	if (live_err(err) < 0)
		return NULL;
	if (px_buf_read_file(&rng, rng_path, PX_XML_MAX) < 0)
		goto cleanup;
	pc = xmlRelaxNGNewMemParserCtxt(rng.ptr, (int)rng.len);
	if (!pc)
		goto cleanup;
	xmlRelaxNGSetParserStructuredErrors(pc, structured, &v);
	schema = xmlRelaxNGParse(pc);
cleanup:
	if (!schema && err && !err->len)
		px_buf_printf(err, "cannot use schema '%s'", rng_path);
	xmlRelaxNGFreeParserCtxt(pc);
	px_buf_free(&rng);
	return schema;
}

int px_xml_check(xmlDocPtr doc, xmlRelaxNGPtr schema, px_buf *err, int *line)
{
	xmlRelaxNGValidCtxtPtr vc;
	struct verr v = { err, line };
	int rc = -1;

	if (!doc || !schema) /* (a document and a schema: libxml2 is loaded) */
		return -1;
	vc = xmlRelaxNGNewValidCtxt(schema);
	if (!vc)
		return -1;
	xmlRelaxNGSetValidStructuredErrors(vc, structured, &v);
	rc = xmlRelaxNGValidateDoc(vc, doc) == 0 ? 0 : -1;
	xmlRelaxNGFreeValidCtxt(vc);
	return rc;
}

int px_xml_validate(xmlDocPtr doc, const char *rng_path, px_buf *err, int *line)
{
	xmlRelaxNGPtr schema = px_xml_schema(rng_path, err);
	int rc;

	if (!schema)
		return -1;
	rc = px_xml_check(doc, schema, err, line);
	xmlRelaxNGFree(schema);
	return rc;
}
