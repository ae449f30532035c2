/*
 * xmlout.h - writing the XML data documents (report, brief) into a
 * px_buf, everything escaped. One way to write XML in praxis.
 */
#ifndef PX_XMLOUT_H
#define PX_XMLOUT_H

#include "buf.h"
#include "i18n.h"
#include "kb.h"
#include "text.h" /* px_buf_xml_str, px_buf_xml_text */

/*  name="value" with a leading space; NULL is written as "" */
void px_xml_attr(px_buf *b, const char *name, const char *value);
void px_xml_attr_int(px_buf *b, const char *name, long long v);
/* <name lang="lang">text</name>; lang may be NULL */
void px_xml_element(px_buf *b, const char *name, const char *lang, const char *text);
/* the nl and fr label (and description, when desc is not NULL) */
void px_xml_labels(px_buf *b, char *const label[PX_CONTENT_LANGS], char *const desc[PX_CONTENT_LANGS]);
/* <element lang="nl">v[nl]</element><element lang="fr">v[fr]</element>;
 * with v NULL, `fallback` in both languages */
void px_xml_pair(px_buf *b, const char *element, char *const v[PX_CONTENT_LANGS], const char *fallback);

/* The children every document gives a community (site, report, brief):
 * its name and its zone in both languages. `c` NULL (a community that
 * communities.yaml does not list): named by `id`, with an empty zone. */
void px_xml_community_names(px_buf *b, const px_community *c, const char *id);

#endif
