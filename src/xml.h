/*
 * xml.h - the one safe way praxis reads XML and validates it.
 *
 * Parsing never touches the network and never expands entities: options
 * are NONET|NOCDATA (never NOENT, DTDLOAD, DTDATTR, XINCLUDE or HUGE), a
 * document with a DOCTYPE is stopped where it declares it (praxis' XML
 * has none), and a deny-all external entity loader is installed by
 * px_xml_init. Every XML praxis reads goes through here. Errors are captured
 * and returned as text with a line number, never printed by libxml2.
 */
#ifndef PX_XML_H
#define PX_XML_H

#include <libxml/relaxng.h>
#include <libxml/tree.h>

#include "buf.h"
#include "diag.h"

#define PX_XML_OPTS (XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_NOERROR | \
		     XML_PARSE_NOWARNING | XML_PARSE_BIG_LINES)

/* Opens libxml2 (not linked: xml_int.h) and sets it up, once per
 * process: 0, or -1 with the loader's diagnostic in `d`. Every function
 * below that parses calls it. */
int px_xml_live(px_diag *d);
/* px_xml_live, quietly, then praxis' handlers installed again (no
 * network, no file outside the allowed folder, no message printed): for
 * a caller that changed libxml2's generic error handler. */
void px_xml_init(void);
/* Lets the parsers read files below `dir` (praxis' own stylesheets);
 * every other external resource stays refused. NULL: none. */
void px_xml_allow_dir(const char *dir);
/* Frees libxml2's globals at exit, if it was ever loaded. */
void px_xml_cleanup(void);

#define PX_XML_MAX (64 << 20)
/* XML a knowledge base supplies (its codebook.xml): at most 4 MiB. */
#define PX_XML_KB_MAX (4 << 20)

/* Reads and parses the file `path`, which a knowledge base supplies (the
 * raw bytes stay in `raw`): the file must be at most PX_XML_KB_MAX
 * bytes, and a DOCTYPE (so any entity, internal or external, and any
 * external DTD) or an XInclude element refuses it; no network is ever
 * used. On failure returns -1 with one error in `d` that names
 * `display`, says why in the user's language and has the line, under
 * `rule`; 0 with the document in *out (xmlFreeDoc it). */
int px_xml_load(xmlDocPtr *out, px_buf *raw, const char *path, const char *display,
		const char *rule, px_diag *d);
/* The same for a document already in memory (`len` bytes, not
 * NUL-terminated): PX_XML_KB_MAX at most, same refusals. */
int px_xml_load_mem(xmlDocPtr *out, const char *data, size_t len, const char *display,
		    const char *rule, px_diag *d);
/* Reads a knowledge base's XML file into `raw` (at most PX_XML_KB_MAX):
 * 0, or -1 with a diagnostic naming `display`. */
int px_xml_slurp(px_buf *raw, const char *path, const char *display, const char *rule,
		 px_diag *d);

/* Internal documents (praxis' own stylesheets, the data it generates):
 * on failure NULL, with the parser's English detail in err, for an
 * "internal" error. A DOCTYPE or XInclude is refused here too. */
xmlDocPtr px_xml_read_mem(const char *data, size_t len, const char *url, px_buf *err, int *line);
/* Parses a file; on failure returns NULL and puts "line N: what" in err. */
xmlDocPtr px_xml_read_file(const char *path, px_buf *err, int *line);

/* A compiled RELAX NG schema (xmlRelaxNGFree it), or NULL with err. */
xmlRelaxNGPtr px_xml_schema(const char *rng_path, px_buf *err);
/* Validates `doc` against a compiled schema: 0, or -1 with err/line. */
int px_xml_check(xmlDocPtr doc, xmlRelaxNGPtr schema, px_buf *err, int *line);

/* Validates `doc` against the RELAX NG schema at `rng_path`. Returns 0
 * when valid; else -1 with the first problem and its line in err/line. */
int px_xml_validate(xmlDocPtr doc, const char *rng_path, px_buf *err, int *line);

#endif
