#include "guard.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "fold.h"
#include "xml_int.h"

typedef struct {
	size_t src;        /* byte offset in the file */
	px_priv_kind kind;
	char *text;        /* as scanned (normalised) */
} finding;

struct px_guard {
	const px_denylist *deny;
	char **allow;      /* normalised */
	char *used;
	size_t nallow;
	finding *f;
	size_t nf, capf;
	px_priv_hit *hits; /* scratch, grown to what a scan needs */
	size_t caph;
	int oom;
	int noxml; /* libxml2 (the entity names) could not be loaded */
};

/* ---- normalisation -------------------------------------------------- */

static int put_space(px_buf *out, px_srcmap *map, size_t from)
{
	if (out->len && out->ptr[out->len - 1] == ' ')
		return 0;
	if (map)
		px_srcmap_add(map, out->len, from, 1, 0);
	return px_buf_putc(out, ' ');
}

static int put_cp(px_buf *out, px_srcmap *map, size_t from, utf8proc_int32_t cp, int as_space,
		  int *invisible)
{
	utf8proc_uint8_t enc[4];
	utf8proc_ssize_t n;

	switch (utf8proc_category(cp)) {
	case UTF8PROC_CATEGORY_ZS:
	case UTF8PROC_CATEGORY_ZL:
	case UTF8PROC_CATEGORY_ZP:
		return put_space(out, map, from);
	case UTF8PROC_CATEGORY_CF:
		/* soft hyphen, zero-width space and joiners, word joiner, BOM */
		*invisible = 1;
		return (as_space & PX_GUARD_INVISIBLE) ? put_space(out, map, from) : 0;
	case UTF8PROC_CATEGORY_PD:
		cp = '-';
		break;
	default:
		break;
	}
	if (cp < 0x20 && (cp == '\t' || cp == '\n' || cp == '\r' || cp == '\v' || cp == '\f'))
		return put_space(out, map, from);
	n = utf8proc_encode_char(cp, enc);
	if (map)
		px_srcmap_add(map, out->len, from, (size_t)n, 0);
	return px_buf_put(out, (const char *)enc, (size_t)n);
}

int px_guard_normalise(px_buf *out, px_srcmap *map, const char *s, size_t len, int as_space)
{
	size_t i = 0;
	int invisible = 0, err = 0;

	while (i < len) {
		unsigned char c = (unsigned char)s[i];
		utf8proc_int32_t cp;
		utf8proc_ssize_t w;
		utf8proc_uint8_t *nf = NULL;
		size_t j, k;

		if (c < 0x80) {
			size_t run = i;
			if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' ||
			    c == '\f' || (c == '_' && (as_space & PX_GUARD_UNDERSCORE))) {
				err |= put_space(out, map, i);
				i++;
				continue;
			}
			/* a run of plain ASCII maps one to one */
			while (run < len && (unsigned char)s[run] >= 0x21 && (unsigned char)s[run] < 0x80 &&
			       !(s[run] == '_' && (as_space & PX_GUARD_UNDERSCORE)))
				run++;
			/* a letter before a combining mark composes with it */
			if (run < len && (unsigned char)s[run] >= 0x80)
				run--;
			if (run > i) {
				if (map)
					px_srcmap_add(map, out->len, i, run - i, 1);
				err |= px_buf_put(out, s + i, run - i);
				i = run;
				continue;
			}
		}
		w = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(len - i), &cp);
		if (w <= 0) { /* not UTF-8: kept as it is, never part of a finding */
			if (map)
				px_srcmap_add(map, out->len, i, 1, 1);
			err |= px_buf_put(out, s + i, 1);
			i++;
			continue;
		}
		/* the character and the combining marks that follow it */
		j = i + (size_t)w;
		while (j < len) {
			utf8proc_int32_t m;
			utf8proc_ssize_t mw = utf8proc_iterate((const utf8proc_uint8_t *)s + j,
							       (utf8proc_ssize_t)(len - j), &m);
			if (mw <= 0 || !utf8proc_get_property(m)->combining_class)
				break;
			j += (size_t)mw;
		}
		if (utf8proc_map((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(j - i), &nf,
				 UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT) < 0 || !nf) {
			free(nf);
			err |= put_cp(out, map, i, cp, as_space, &invisible);
			i += (size_t)w;
			continue;
		}
		for (k = 0; nf[k];) {
			utf8proc_int32_t o;
			utf8proc_ssize_t ow = utf8proc_iterate(nf + k, -1, &o);
			if (ow <= 0)
				break;
			err |= put_cp(out, map, i, o, as_space, &invisible);
			k += (size_t)ow;
		}
		free(nf);
		i = j;
	}
	return err ? -1 : invisible;
}

/* ---- the guard ------------------------------------------------------ */

px_guard *px_guard_new(const px_denylist *deny, const char *const *allow, size_t nallow)
{
	px_guard *g = calloc(1, sizeof *g);
	size_t i;

	if (!g)
		return NULL;
	g->deny = deny;
	{
		px_diag d = PX_DIAG_INIT;
		g->noxml = px_xml_live(&d) < 0;
		px_diag_free(&d);
	}
	if (nallow) {
		g->allow = calloc(nallow, sizeof *g->allow);
		g->used = calloc(nallow, 1);
		if (!g->allow || !g->used) {
			free(g->allow);
			free(g->used);
			free(g);
			return NULL;
		}
		g->nallow = nallow;
		for (i = 0; i < nallow; i++) {
			px_buf b = PX_BUF_INIT;
			const char *a = allow[i] ? allow[i] : "";
			size_t from = 0;
			if (px_guard_normalise(&b, NULL, a, strlen(a), 0) < 0)
				g->oom = 1;
			/* spaces around the text are not part of what is allowed */
			if (b.len && b.ptr[b.len - 1] == ' ')
				px_buf_truncate(&b, b.len - 1);
			if (b.len && b.ptr[0] == ' ')
				from = 1;
			g->allow[i] = strdup(b.ptr + from);
			if (!g->allow[i])
				g->oom = 1;
			px_buf_free(&b);
		}
	}
	return g;
}

void px_guard_free(px_guard *g)
{
	size_t i;

	if (!g)
		return;
	for (i = 0; i < g->nallow; i++)
		free(g->allow[i]);
	free(g->allow);
	free(g->used);
	for (i = 0; i < g->nf; i++)
		free(g->f[i].text);
	free(g->f);
	free(g->hits);
	free(g);
}

void px_guard_incomplete(px_guard *g)
{
	if (g)
		g->oom = 1;
}

/* All the findings of one scanned text: the scratch array grows to
 * what the detectors count, and the text is scanned again. */
static size_t scan(px_guard *g, const char *s, size_t len)
{
	size_t n = px_privacy_scan(s, len, g->deny, g->hits, g->caph);

	if (n > g->caph) {
		px_priv_hit *h = realloc(g->hits, n * sizeof *h);
		if (!h) {
			g->oom = 1;
			return 0;
		}
		g->hits = h;
		g->caph = n;
		n = px_privacy_scan(s, len, g->deny, g->hits, g->caph);
	}
	return n;
}

static void add_finding(px_guard *g, size_t src, px_priv_kind kind, const char *t, size_t tl)
{
	finding *f;

	if (g->nf == g->capf) {
		size_t cap = g->capf ? g->capf * 2 : 16;
		finding *p = realloc(g->f, cap * sizeof *p);
		if (!p) {
			g->oom = 1;
			return;
		}
		g->f = p;
		g->capf = cap;
	}
	f = &g->f[g->nf];
	f->text = strndup(t, tl);
	if (!f->text) {
		g->oom = 1;
		return;
	}
	f->src = src;
	f->kind = kind;
	g->nf++;
}

/* Scans `s` normalised: once as it is, once more with invisible
 * separators read as spaces when it holds any, and once more with '_'
 * read as a space when it holds one (Jan_Peeters). An e-mail address may
 * hold '_': the '_' pass leaves e-mail addresses to the first one. Each
 * finding's place is `base` + where `tmap` (may be NULL) sends the byte
 * of `s` it starts at. */
static void scan_text(px_guard *g, const char *s, size_t len, size_t base, const px_srcmap *tmap)
{
	int pass, invisible = 0;
	int underscore = memchr(s, '_', len) != NULL;

	for (pass = 0; pass < 3; pass++) {
		px_buf b = PX_BUF_INIT;
		px_srcmap m = PX_SRCMAP_INIT;
		int how = pass == 1 ? PX_GUARD_INVISIBLE : pass == 2 ? PX_GUARD_UNDERSCORE : 0;
		int r;
		size_t n, i;

		if ((pass == 1 && !invisible) || (pass == 2 && !underscore))
			continue;
		r = px_guard_normalise(&b, &m, s, len, how);
		if (r < 0 || m.oom)
			g->oom = 1;
		if (pass == 0)
			invisible = r > 0;
		n = scan(g, b.ptr, b.len);
		for (i = 0; i < n; i++) {
			size_t at = px_srcmap_src(&m, g->hits[i].start);
			size_t src = tmap ? px_srcmap_src(tmap, at) : base + at;
			if (pass == 2 && g->hits[i].kind == PX_PRIV_EMAIL)
				continue;
			add_finding(g, src, g->hits[i].kind, b.ptr + g->hits[i].start,
				    g->hits[i].len);
		}
		px_srcmap_free(&m);
		px_buf_free(&b);
	}
}

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* The length of an HTML character reference at s (&#64; &#x40; &amp;),
 * its code point in *cp; 0 when there is none. */
static const struct {
	const char *name;
	utf8proc_int32_t cp;
} html5[] = {
	{ "commat", '@' }, { "period", '.' }, { "plus", '+' }, { "lowbar", '_' },
	{ "hyphen", 0x2010 }, { "dash", 0x2010 }, { "colon", ':' }, { "sol", '/' },
	{ "num", '#' }, { "lpar", '(' }, { "rpar", ')' }, { "comma", ',' },
	{ "Tab", '\t' }, { "NewLine", '\n' }, { "NonBreakingSpace", 0xA0 },
	{ "hyphen", 0x2010 }, { "minus", 0x2212 }, { "excl", '!' }, { "semi", ';' },
};

static size_t entity_at(const char *s, size_t len, utf8proc_int32_t *cp)
{
	size_t i = 1, k;
	long v = 0;

	if (len < 3 || s[0] != '&')
		return 0;
	if (s[1] == '#') {
		int hex = len > 2 && (s[2] == 'x' || s[2] == 'X');
		size_t d0 = i = hex ? 3 : 2;
		for (; i < len && i - d0 < 8; i++) {
			int h = hexval((unsigned char)s[i]);
			if (h < 0 || (!hex && h > 9))
				break;
			v = v * (hex ? 16 : 10) + h;
		}
		if (i == d0 || v > 0x10FFFF)
			return 0;
		*cp = (utf8proc_int32_t)v;
		return i < len && s[i] == ';' ? i + 1 : i;
	} else {
		char name[33];
		const htmlEntityDesc *e;
		while (i < len && i < sizeof name && ((s[i] >= 'a' && s[i] <= 'z') ||
						      (s[i] >= 'A' && s[i] <= 'Z') ||
						      (s[i] >= '0' && s[i] <= '9')))
			i++;
		if (i == 1 || i >= len || s[i] != ';' || i > sizeof name)
			return 0;
		memcpy(name, s + 1, i - 1);
		name[i - 1] = '\0';
		/* a guard is refused whole when libxml2 is missing (noxml) */
		e = px_dl_loaded(&px_libxml_lib) ? htmlEntityLookup((const xmlChar *)name) : NULL;
		if (e) {
			*cp = (utf8proc_int32_t)e->value;
			return i + 1;
		}
		/* HTML5 names libxml2's HTML 4 table lacks, for the
		 * characters an address or a number is written with */
		for (k = 0; k < sizeof html5 / sizeof *html5; k++)
			if (!strcmp(name, html5[k].name)) {
				*cp = html5[k].cp;
				return i + 1;
			}
		return 0;
	}
}

/* `s` with HTML character references and URL percent escapes (%40)
 * decoded, in `out`, with a map from `out`'s bytes to the source: base +
 * the byte of `s`, or where `tmap` (may be NULL) sends it. Returns 1 when
 * something was decoded, 0 when not, -1 when memory ran out. */
static int decode_refs(px_buf *out, px_srcmap *map, const char *s, size_t len, size_t base,
		       const px_srcmap *tmap)
{
	size_t i = 0;
	int any = 0, err = 0;

	while (i < len) {
		utf8proc_int32_t cp = 0;
		utf8proc_uint8_t enc[4];
		size_t w = 0, from = tmap ? px_srcmap_src(tmap, i) : base + i;

		if (s[i] == '&')
			w = entity_at(s + i, len - i, &cp);
		else if (s[i] == '%' && i + 2 < len && hexval((unsigned char)s[i + 1]) >= 0 &&
			 hexval((unsigned char)s[i + 2]) >= 0) {
			/* a byte of UTF-8: an escaped multibyte character stays bytes */
			unsigned char byte = (unsigned char)(hexval((unsigned char)s[i + 1]) * 16 +
							     hexval((unsigned char)s[i + 2]));
			px_srcmap_add(map, out->len, from, 1, 0);
			err |= px_buf_putc(out, (char)byte);
			i += 3;
			any = 1;
			continue;
		}
		if (w && cp > 0 && utf8proc_codepoint_valid(cp)) {
			utf8proc_ssize_t n = utf8proc_encode_char(cp, enc);
			px_srcmap_add(map, out->len, from, (size_t)n, 0);
			err |= px_buf_put(out, (const char *)enc, (size_t)n);
			i += w;
			any = 1;
			continue;
		}
		px_srcmap_add(map, out->len, from, 1, tmap ? 0 : 1);
		err |= px_buf_putc(out, s[i]);
		i++;
	}
	return err || map->oom ? -1 : any;
}

/* Scans `s` as it is and, when it holds character references or
 * percent escapes, once more decoded. */
static void scan_both(px_guard *g, const char *s, size_t len, size_t base, const px_srcmap *tmap)
{
	px_buf b = PX_BUF_INIT;
	px_srcmap m = PX_SRCMAP_INIT;
	int r;

	scan_text(g, s, len, base, tmap);
	if (!memchr(s, '&', len) && !memchr(s, '%', len))
		return;
	r = decode_refs(&b, &m, s, len, base, tmap);
	if (r < 0)
		g->oom = 1;
	if (r != 0)
		scan_text(g, b.ptr ? b.ptr : "", b.len, 0, &m);
	px_srcmap_free(&m);
	px_buf_free(&b);
}

void px_guard_source(px_guard *g, const char *src, size_t len)
{
	size_t off = 0;

	if (!g)
		return;
	if (len >= 3 && !memcmp(src, "\xEF\xBB\xBF", 3))
		off = 3;
	while (off < len) {
		const char *nl = memchr(src + off, '\n', len - off);
		size_t end = nl ? (size_t)(nl - src) : len;

		scan_both(g, src + off, end - off, off, NULL);
		off = end + 1;
	}
}

void px_guard_shown(px_guard *g, const px_shown *s)
{
	if (!g || !s || !s->text)
		return;
	if (s->map.oom)
		g->oom = 1;
	scan_both(g, s->text, s->len, 0, &s->map);
}

static int cmp_finding(const void *a, const void *b)
{
	const finding *x = a, *y = b;
	size_t lx, ly;

	if (x->src != y->src)
		return x->src < y->src ? -1 : 1;
	if (x->kind != y->kind)
		return (int)x->kind - (int)y->kind;
	/* the longest first: it is the one kept */
	lx = strlen(x->text);
	ly = strlen(y->text);
	return (ly > lx) - (ly < lx);
}

static const struct {
	const char *rule;
	px_msgid msg;
} rules[] = {
	[PX_PRIV_EMAIL] = { "privacy-email", MSG_PRIV_EMAIL },
	[PX_PRIV_PHONE] = { "privacy-phone", MSG_PRIV_PHONE },
	[PX_PRIV_NRN] = { "privacy-nrn", MSG_PRIV_NRN },
	[PX_PRIV_IBAN] = { "privacy-iban", MSG_PRIV_IBAN },
	[PX_PRIV_NAME] = { "privacy-name", MSG_PRIV_NAME },
};

static int allowed(px_guard *g, const char *text)
{
	size_t k;
	int yes = 0;

	for (k = 0; k < g->nallow; k++)
		if (g->allow[k] && !strcmp(g->allow[k], text))
			g->used[k] = 1, yes = 1;
	return yes;
}

/* libxml2 (the entity names) could not be loaded: the text is refused,
 * with the loader's words once a process */
static void noxml_refuse(px_diag *d, const char *file)
{
	static int told;
	size_t i;

	if (!__atomic_exchange_n(&told, 1, __ATOMIC_RELAXED))
		px_xml_live(d);
	/* once a file: check guards its name and its text */
	for (i = 0; i < d->n; i++)
		if (d->items[i].rule && !strcmp(d->items[i].rule, "privacy-noxml") &&
		    d->items[i].file && file && !strcmp(d->items[i].file, file))
			return;
	px_diag_add(d, file, 0, 0, PX_SEV_ERROR, "privacy-noxml", MSG_PRIV_NOXML);
}

size_t px_guard_report(px_guard *g, px_diag *d, const char *file, const char *src, size_t len,
		       px_msgid hint)
{
	px_lines lines;
	size_t i, shown = 0;

	if (!g || g->oom) {
		px_diag_add(d, file, 0, 0, PX_SEV_ERROR, "privacy-incomplete", MSG_PRIV_OOM);
		if (!g)
			return 1;
		shown++;
	}
	if (g->noxml) {
		noxml_refuse(d, file);
		shown++;
	}
	if (!g->nf)
		return shown;
	qsort(g->f, g->nf, sizeof *g->f, cmp_finding);
	if (px_lines_build(&lines, src, len) < 0) {
		px_diag_add(d, file, 0, 0, PX_SEV_ERROR, "privacy-incomplete", MSG_PRIV_OOM);
		return shown + 1;
	}
	px_diag_source(d, file, src, len);
	for (i = 0; i < g->nf; i++) {
		const finding *f = &g->f[i];
		int line;

		if (i && f->src == g->f[i - 1].src && f->kind == g->f[i - 1].kind) {
			allowed(g, f->text); /* the same finding, seen another way */
			continue;
		}
		if (allowed(g, f->text))
			continue;
		line = px_lines_find(&lines, f->src);
		px_diag_add_at(d, file, line, f->src - px_lines_offset(&lines, line), PX_SEV_ERROR,
			       rules[f->kind].rule, rules[f->kind].msg, f->text);
		px_diag_hint(d, hint);
		shown++;
	}
	px_diag_source(d, NULL, NULL, 0);
	px_lines_free(&lines);
	return shown;
}

int px_guard_allow_used(const px_guard *g, size_t i)
{
	return g && i < g->nallow && g->used[i];
}

size_t px_guard_string(const px_denylist *deny, px_diag *d, const char *file, const char *text,
		       int is_path, px_msgid hint)
{
	px_guard *g = px_guard_new(deny, NULL, 0);
	size_t len = strlen(text), i, shown = 0;

	if (g) {
		scan_both(g, text, len, 0, NULL);
		if (is_path && strchr(text, '_')) {
			char *t = strdup(text);
			if (!t) {
				g->oom = 1;
			} else {
				for (i = 0; t[i]; i++)
					if (t[i] == '_')
						t[i] = ' ';
				scan_text(g, t, len, 0, NULL);
				free(t);
			}
		}
	}
	if (!g || g->oom) {
		px_diag_add(d, file, 0, 0, PX_SEV_ERROR, "privacy-incomplete", MSG_PRIV_OOM);
		px_guard_free(g);
		return 1;
	}
	if (g->noxml) { /* refused as a file is (px_guard_report) */
		noxml_refuse(d, file);
		px_guard_free(g);
		return 1;
	}
	if (g->nf)
		qsort(g->f, g->nf, sizeof *g->f, cmp_finding);
	for (i = 0; i < g->nf; i++) {
		const finding *f = &g->f[i];
		if (i && f->src == g->f[i - 1].src && f->kind == g->f[i - 1].kind)
			continue;
		px_diag_add(d, file, 0, 0, PX_SEV_ERROR, rules[f->kind].rule, rules[f->kind].msg,
			    f->text);
		px_diag_hint(d, hint);
		shown++;
	}
	px_guard_free(g);
	return shown;
}
