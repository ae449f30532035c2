#include "xmlout.h"

void px_xml_attr(px_buf *b, const char *name, const char *value)
{
	px_buf_printf(b, " %s=\"", name);
	px_buf_xml_str(b, value ? value : "");
	px_buf_putc(b, '"');
}

void px_xml_attr_int(px_buf *b, const char *name, long long v)
{
	px_buf_printf(b, " %s=\"%lld\"", name, v < 0 ? 0 : v);
}

void px_xml_element(px_buf *b, const char *name, const char *lang, const char *text)
{
	px_buf_printf(b, "<%s", name);
	if (lang)
		px_xml_attr(b, "lang", lang);
	px_buf_putc(b, '>');
	px_buf_xml_str(b, text ? text : "");
	px_buf_printf(b, "</%s>", name);
}

void px_xml_labels(px_buf *b, char *const label[2], char *const desc[2])
{
	px_xml_element(b, "label", "nl", label[0]);
	px_xml_element(b, "label", "fr", label[1]);
	if (desc) {
		px_xml_element(b, "description", "nl", desc[0]);
		px_xml_element(b, "description", "fr", desc[1]);
	}
}

void px_xml_pair(px_buf *b, const char *element, char *const v[PX_CONTENT_LANGS], const char *fallback)
{
	int l;

	for (l = 0; l < PX_CONTENT_LANGS; l++)
		px_xml_element(b, element, px_lang_code((px_lang)l), v ? v[l] : fallback);
}

void px_xml_community_names(px_buf *b, const px_community *c, const char *id)
{
	px_xml_pair(b, "name", c ? c->name : NULL, id);
	px_xml_pair(b, "zone", c ? c->zone : NULL, "");
}
