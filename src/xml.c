#include "xml.h"

#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/relaxng.h>
#include <libxml/xmlerror.h>

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

void px_xml_init(void)
{
	xmlInitParser();
	xmlSetExternalEntityLoader(deny_loader);
	xmlSetGenericErrorFunc(NULL, silent);
}

void px_xml_cleanup(void)
{
	px_xml_allow_dir(NULL);
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

xmlDocPtr px_xml_read_mem(const char *data, size_t len, const char *url, px_buf *err, int *line)
{
	xmlParserCtxtPtr ctx;
	xmlDocPtr doc;

	if (len > (size_t)PX_XML_MAX) {
		if (err)
			px_buf_puts(err, "document too large");
		return NULL;
	}
	ctx = xmlNewParserCtxt();
	if (!ctx)
		return NULL;
	doc = xmlCtxtReadMemory(ctx, data, (int)len, url, NULL, PX_XML_OPTS);
	if (!doc || !ctx->wellFormed) {
		put_error(err, line, xmlCtxtGetLastError(ctx));
		if (err && !err->len)
			px_buf_puts(err, "unreadable");
		xmlFreeDoc(doc);
		doc = NULL;
	}
	xmlFreeParserCtxt(ctx);
	return doc;
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
	xmlRelaxNGValidCtxtPtr vc = xmlRelaxNGNewValidCtxt(schema);
	struct verr v = { err, line };
	int rc = -1;

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
