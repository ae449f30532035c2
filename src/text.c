#include "text.h"

#include <string.h>

px_char_kind px_char_at(const char *s, size_t len, unsigned long *cp, size_t *n)
{
	const unsigned char *p = (const unsigned char *)s;
	unsigned long c;
	size_t need, i;

	*n = 1;
	*cp = p[0];
	if (p[0] < 0x80) {
		if (p[0] == '\t' || p[0] == '\n' || p[0] == '\r')
			return PX_CH_OK;
		if (p[0] == 0x0B || p[0] == 0x0C)
			return PX_CH_BREAK;
		return p[0] < 0x20 || p[0] == 0x7F ? PX_CH_CONTROL : PX_CH_OK;
	}
	if (p[0] >= 0xC2 && p[0] <= 0xDF) {
		need = 1;
		c = p[0] & 0x1F;
	} else if (p[0] >= 0xE0 && p[0] <= 0xEF) {
		need = 2;
		c = p[0] & 0x0F;
	} else if (p[0] >= 0xF0 && p[0] <= 0xF4) {
		need = 3;
		c = p[0] & 0x07;
	} else {
		return PX_CH_INVALID;
	}
	if (len <= need)
		return PX_CH_INVALID;
	for (i = 1; i <= need; i++) {
		if ((p[i] & 0xC0) != 0x80)
			return PX_CH_INVALID;
		c = c << 6 | (p[i] & 0x3F);
	}
	/* overlong forms, surrogates and code points past U+10FFFF */
	if ((need == 2 && c < 0x800) || (need == 3 && (c < 0x10000 || c > 0x10FFFF)) ||
	    (c >= 0xD800 && c <= 0xDFFF))
		return PX_CH_INVALID;
	*cp = c;
	*n = need + 1;
	if (c <= 0x9F)
		return PX_CH_CONTROL;
	if ((c >= 0xFDD0 && c <= 0xFDEF) || (c & 0xFFFE) == 0xFFFE)
		return PX_CH_NONCHAR;
	return PX_CH_OK;
}

/* True for the bytes that start no unsafe character on their own: the
 * fast path over ordinary ASCII text. */
static int plain(unsigned char c)
{
	return (c >= 0x20 && c < 0x7F) || c == '\n' || c == '\t';
}

size_t px_text_unsafe_at(const char *s, size_t len)
{
	size_t i = 0, n;
	unsigned long cp;

	while (i < len) {
		/* printable ASCII, the bulk of any text, in one comparison */
		while (i < len && (unsigned char)((unsigned char)s[i] - 0x20) < 0x5F)
			i++;
		if (i >= len)
			break;
		if (plain((unsigned char)s[i]) || s[i] == '\r') {
			i++;
			continue;
		}
		if (px_char_at(s + i, len - i, &cp, &n) != PX_CH_OK)
			return i;
		i += n;
	}
	return len;
}

int px_buf_xml_text(px_buf *b, const char *s, size_t len, int escape)
{
	size_t i = 0, from = 0, n;
	unsigned long cp;
	int rc = 0;

	while (i < len && rc == 0) {
		unsigned char c = (unsigned char)s[i];
		const char *rep = NULL;

		if (plain(c) || c == '\r') {
			if (escape) {
				switch (c) {
				case '&': rep = "&amp;"; break;
				case '<': rep = "&lt;"; break;
				case '>': rep = "&gt;"; break;
				case '"': rep = "&quot;"; break;
				case '\'': rep = "&apos;"; break;
				default: break;
				}
			}
			n = 1;
		} else {
			switch (px_char_at(s + i, len - i, &cp, &n)) {
			case PX_CH_OK: break;
			case PX_CH_BREAK: rep = "\n"; break;
			default: rep = "\xEF\xBF\xBD"; break; /* U+FFFD */
			}
		}
		if (rep) {
			rc = px_buf_put(b, s + from, i - from);
			if (rc == 0)
				rc = px_buf_puts(b, rep);
			from = i + n;
		}
		i += n;
	}
	if (rc == 0)
		rc = px_buf_put(b, s + from, len - from);
	return rc;
}

int px_buf_xml_str(px_buf *b, const char *s)
{
	return px_buf_xml_text(b, s, strlen(s), 1);
}

int px_buf_term_text(px_buf *b, const char *s, size_t len, int flags)
{
	size_t i = 0, from = 0, n;
	unsigned long cp;
	int rc = 0;

	while (i < len && rc == 0) {
		unsigned char c = (unsigned char)s[i];
		px_char_kind k;

		if ((c >= 0x20 && c < 0x7F) || c == '\t' || (c == '\n' && !(flags & PX_TERM_LINE))) {
			i++;
			continue;
		}
		k = px_char_at(s + i, len - i, &cp, &n);
		if (k == PX_CH_OK && c != '\n' && c != '\r') {
			i += n;
			continue;
		}
		rc = px_buf_put(b, s + from, i - from);
		if (rc == 0)
			rc = k == PX_CH_INVALID ? px_buf_printf(b, "\\x%02X", (unsigned)cp)
						: px_buf_printf(b, "\\u%04lX", cp);
		i += n;
		from = i;
	}
	if (rc == 0)
		rc = px_buf_put(b, s + from, len - from);
	return rc;
}

int px_buf_term_str(px_buf *b, const char *s, int flags)
{
	return px_buf_term_text(b, s, strlen(s), flags);
}

#ifndef PX_FTS_EXTENSION /* the tokenizer as an extension prints nothing */
#include "out.h"

void px_term_fputs(const char *s, int flags, FILE *f)
{
	px_buf b = PX_BUF_INIT;

	px_buf_term_str(&b, s, flags);
	px_buf_fwrite(&b, f);
	px_buf_free(&b);
}
#endif
