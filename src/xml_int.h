/*
 * xml_int.h - libxml2 for the files that call it (xml.c, check.c,
 * codebook.c, guard.c, brief.c, qda_import.c, render.c): include it
 * after every other header, and no libxml2 header after it.
 *
 * libxml2 is not linked (dl.h): with ICU and libstdc++ behind it, loading
 * it was half of the start of every command, and a search, stats or log
 * on a current index never parses XML (the codebook is read from
 * kb.cache). px_xml_live() opens it and sets it up; every entry point of
 * xml.c calls it, so a document, and anything taken from one, means the
 * library is there. Code that calls libxml2 without a document first
 * (guard.c's entity names) calls px_xml_live() itself.
 *
 * Every call below goes through the table; the names stay libxml2's,
 * each defined as the table's member. A function added to praxis goes
 * in this list (one missing from it is a call through an undeclared
 * member: it fails to compile). `xmlFree` is a variable of libxml2's
 * (its deallocator): the table holds its address.
 */
#ifndef PX_XML_INT_H
#define PX_XML_INT_H

#include <libxml/HTMLparser.h>
#include <libxml/globals.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/relaxng.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlstring.h>

#include "dl.h"
#include "xml.h"

#define PX_LIBXML_FNS(X, T) \
	X(T, html, EntityLookup) \
	X(T, xml, CleanupParser) \
	X(T, xml, CtxtGetLastError) \
	X(T, xml, CtxtReadMemory) \
	X(T, xml, DocGetRootElement) \
	X(T, xml, Free) \
	X(T, xml, FreeDoc) \
	X(T, xml, FreeParserCtxt) \
	X(T, xml, GetLineNo) \
	X(T, xml, GetProp) \
	X(T, xml, InitParser) \
	X(T, xml, NewInputFromFile) \
	X(T, xml, NewParserCtxt) \
	X(T, xml, NodeGetContent) \
	X(T, xml, NodeListGetString) \
	X(T, xml, RelaxNGFree) \
	X(T, xml, RelaxNGFreeParserCtxt) \
	X(T, xml, RelaxNGFreeValidCtxt) \
	X(T, xml, RelaxNGNewMemParserCtxt) \
	X(T, xml, RelaxNGNewValidCtxt) \
	X(T, xml, RelaxNGParse) \
	X(T, xml, RelaxNGSetParserStructuredErrors) \
	X(T, xml, RelaxNGSetValidStructuredErrors) \
	X(T, xml, RelaxNGValidateDoc) \
	X(T, xml, SetExternalEntityLoader) \
	X(T, xml, SetGenericErrorFunc) \
	X(T, xml, StopParser) \
	X(T, xml, Strcmp)
PX_DL_SHARED(px_libxml, PX_LIBXML_FNS);

/* The frees do nothing with NULL, as libxml2's do, without touching the
 * table: a cleanup after the library failed to load has only NULLs to
 * free (a non-NULL object means the library is there). `p` is read
 * twice: pass a variable. */
#define PX_XML_FREE_(fn, p) ((p) ? (fn)(p) : (void)0)

#define htmlEntityLookup px_libxml.EntityLookup
#define xmlCleanupParser px_libxml.CleanupParser
#define xmlCtxtGetLastError px_libxml.CtxtGetLastError
#define xmlCtxtReadMemory px_libxml.CtxtReadMemory
#define xmlDocGetRootElement px_libxml.DocGetRootElement
#define xmlFree(p) PX_XML_FREE_(*px_libxml.Free, p)
#define xmlFreeDoc(p) PX_XML_FREE_(px_libxml.FreeDoc, p)
#define xmlFreeParserCtxt(p) PX_XML_FREE_(px_libxml.FreeParserCtxt, p)
#define xmlGetLineNo px_libxml.GetLineNo
#define xmlGetProp px_libxml.GetProp
#define xmlInitParser px_libxml.InitParser
#define xmlNewInputFromFile px_libxml.NewInputFromFile
#define xmlNewParserCtxt px_libxml.NewParserCtxt
#define xmlNodeGetContent px_libxml.NodeGetContent
#define xmlNodeListGetString px_libxml.NodeListGetString
#define xmlRelaxNGFree(p) PX_XML_FREE_(px_libxml.RelaxNGFree, p)
#define xmlRelaxNGFreeParserCtxt(p) PX_XML_FREE_(px_libxml.RelaxNGFreeParserCtxt, p)
#define xmlRelaxNGFreeValidCtxt(p) PX_XML_FREE_(px_libxml.RelaxNGFreeValidCtxt, p)
#define xmlRelaxNGNewMemParserCtxt px_libxml.RelaxNGNewMemParserCtxt
#define xmlRelaxNGNewValidCtxt px_libxml.RelaxNGNewValidCtxt
#define xmlRelaxNGParse px_libxml.RelaxNGParse
#define xmlRelaxNGSetParserStructuredErrors px_libxml.RelaxNGSetParserStructuredErrors
#define xmlRelaxNGSetValidStructuredErrors px_libxml.RelaxNGSetValidStructuredErrors
#define xmlRelaxNGValidateDoc px_libxml.RelaxNGValidateDoc
#define xmlSetExternalEntityLoader px_libxml.SetExternalEntityLoader
#define xmlSetGenericErrorFunc px_libxml.SetGenericErrorFunc
#define xmlStopParser px_libxml.StopParser
#define xmlStrcmp px_libxml.Strcmp

#endif
