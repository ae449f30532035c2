/*
 * genfold.c - writes src/fold_table.h, the letters px_fold() spells out.
 *
 * Source: ICU's "Latin-ASCII" transliterator (CLDR's transform data, here
 * ICU 72 from Debian's libicu-dev), the well-kept list of how letters
 * without a canonical decomposition (ł ø đ ħ ı ß æ œ þ ...) are usually
 * written in ASCII.
 *
 * For every Latin letter (Unicode script Latin, general category L*),
 * the generator compares what utf8proc's folding (px_fold's first step:
 * NFKC, case folding, marks stripped) makes of it with the folded ASCII
 * spelling ICU gives. Where they differ, the folded letter maps to that
 * spelling. Letters whose folded form is not one code point, and
 * mappings that disagree, are reported and left out; the table is checked
 * in the end by replaying it over every letter.
 *
 *   make fold-table     rebuilds src/fold_table.h (needs libicu-dev)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/ustring.h>
#include <unicode/utrans.h>
#include <utf8proc.h>

#define MAXE 4096

struct entry {
	int32_t cp;    /* a folded letter */
	char to[4];    /* its ASCII spelling, folded */
};

static struct entry tab[MAXE], raw[MAXE];
static size_t ntab, nraw;

static char *fold(const char *s)
{
	utf8proc_uint8_t *out = NULL;

	if (utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)strlen(s), &out,
			 UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT |
			 UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK | UTF8PROC_IGNORE) < 0)
		return NULL;
	return (char *)out;
}

static int is_ascii(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s >= 0x80)
			return 0;
	return 1;
}

static struct entry *find(int32_t cp)
{
	size_t i;

	for (i = 0; i < ntab; i++)
		if (tab[i].cp == cp)
			return &tab[i];
	return NULL;
}

/* What the table makes of folded text: each code point found in it
 * replaced by its spelling. */
static void replay(const char *f, char *out, size_t max)
{
	size_t n = 0, i = 0, len = strlen(f);

	while (i < len) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)f + i,
						      (utf8proc_ssize_t)(len - i), &cp);
		struct entry *e = k > 0 ? find(cp) : NULL;
		const char *p = e ? e->to : f + i;
		size_t m = e ? strlen(e->to) : (size_t)(k > 0 ? k : 1);

		if (n + m < max) {
			memcpy(out + n, p, m);
			n += m;
		}
		i += (size_t)(k > 0 ? k : 1);
	}
	out[n] = '\0';
}

static int cmp(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;

	return (x->cp > y->cp) - (x->cp < y->cp);
}

/* ICU's spelling of one code point, folded; NULL if not ASCII. */
static char *spell(UTransliterator *tr, int32_t c)
{
	UChar buf[64];
	char u8[256];
	int32_t len = 0, lim;
	UErrorCode err = U_ZERO_ERROR;
	char *f;

	U16_APPEND_UNSAFE(buf, len, c);
	lim = len;
	utrans_transUChars(tr, buf, &len, 64, 0, &lim, &err);
	if (U_FAILURE(err))
		return NULL;
	u_strToUTF8(u8, sizeof u8, NULL, buf, len, &err);
	if (U_FAILURE(err) || !is_ascii(u8))
		return NULL;
	f = fold(u8);
	return f;
}

int main(void)
{
	UErrorCode err = U_ZERO_ERROR;
	UChar id[32];
	UTransliterator *tr;
	int32_t c;
	size_t i, bad = 0, letters = 0;

	u_uastrcpy(id, "Latin-ASCII");
	tr = utrans_openU(id, -1, UTRANS_FORWARD, NULL, 0, NULL, &err);
	if (U_FAILURE(err)) {
		fprintf(stderr, "genfold: Latin-ASCII: %s\n", u_errorName(err));
		return 1;
	}
	for (c = 0x80; c <= 0x10ffff; c++) {
		char u8[8], *f, *t;
		utf8proc_int32_t fc;
		UErrorCode e2 = U_ZERO_ERROR;
		struct entry *e;

		if (!(U_GET_GC_MASK(c) & U_GC_L_MASK) || uscript_getScript(c, &e2) != USCRIPT_LATIN)
			continue;
		u8[utf8proc_encode_char(c, (utf8proc_uint8_t *)u8)] = '\0';
		f = fold(u8);
		t = spell(tr, c);
		if (!f || !t || !strcmp(f, t) || !*t) {
			free(f);
			free(t);
			continue;
		}
		letters++;
		if (utf8proc_iterate((const utf8proc_uint8_t *)f, -1, &fc) != (utf8proc_ssize_t)strlen(f)) {
			free(f);
			free(t);
			continue; /* several code points: checked by the replay below */
		}
		e = find(fc);
		if (e && strcmp(e->to, t)) {
			fprintf(stderr, "genfold: U+%04X folds to U+%04X: '%s' or '%s'?\n",
				(unsigned)c, (unsigned)fc, e->to, t);
			bad++;
		} else if (!e && strlen(t) < sizeof tab[0].to && ntab < MAXE &&
			   strlen(t) <= (size_t)utf8proc_encode_char(fc, (utf8proc_uint8_t *)u8)) {
			/* never longer than the letter: px_fold spells in place */
			tab[ntab].cp = fc;
			strcpy(tab[ntab].to, t);
			ntab++;
		}
		free(f);
		free(t);
	}
	/* replay: every Latin letter now folds to ICU's spelling */
	for (c = 0x80; c <= 0x10ffff; c++) {
		char u8[8], *f, *t, got[256];
		UErrorCode e2 = U_ZERO_ERROR;

		if (!(U_GET_GC_MASK(c) & U_GC_L_MASK) || uscript_getScript(c, &e2) != USCRIPT_LATIN)
			continue;
		u8[utf8proc_encode_char(c, (utf8proc_uint8_t *)u8)] = '\0';
		f = fold(u8);
		t = spell(tr, c);
		if (f && t) {
			replay(f, got, sizeof got);
			if (strcmp(got, t) && strlen(t) < sizeof raw[0].to && nraw < MAXE &&
			    strlen(t) <= strlen(u8)) {
				/* spelled before folding: utf8proc splits it (l + middle dot) */
				raw[nraw].cp = c;
				strcpy(raw[nraw].to, t);
				nraw++;
			} else if (strcmp(got, t)) {
				fprintf(stderr, "genfold: U+%04X '%s' folds to '%s', ICU says '%s'\n",
					(unsigned)c, u8, got, t);
				bad++;
			}
		}
		free(f);
		free(t);
	}
	utrans_close(tr);
	if (bad)
		return 1;
	qsort(tab, ntab, sizeof tab[0], cmp);
	printf("/* Generated by src/gen/genfold.c from ICU %s's Latin-ASCII transliterator\n"
	       " * (Unicode %s); do not edit: run `make fold-table`. %zu letters. */\n",
	       U_ICU_VERSION, U_UNICODE_VERSION, letters);
	qsort(raw, nraw, sizeof raw[0], cmp);
	printf("\n/* folded letters (after NFKC and case folding) */\n");
	printf("static const struct fold_entry fold_table[] = {\n");
	for (i = 0; i < ntab; i++)
		printf("\t{ 0x%04X, \"%s\" },\n", (unsigned)tab[i].cp, tab[i].to);
	printf("};\n\n/* letters spelled before folding, which would split them */\n");
	printf("static const struct fold_entry fold_raw[] = {\n");
	for (i = 0; i < nraw; i++)
		printf("\t{ 0x%04X, \"%s\" },\n", (unsigned)raw[i].cp, raw[i].to);
	printf("};\n\n/* the first bytes of their UTF-8 */\nstatic const char fold_raw_leads[] = \"");
	for (i = 0; i < nraw; i++) {
		char u8[8];
		size_t j;
		utf8proc_encode_char(raw[i].cp, (utf8proc_uint8_t *)u8);
		for (j = 0; j < i; j++) {
			char v[8];
			utf8proc_encode_char(raw[j].cp, (utf8proc_uint8_t *)v);
			if (v[0] == u8[0])
				break;
		}
		if (j == i)
			printf("\\x%02X", (unsigned char)u8[0]);
	}
	printf("\";\n");
	return 0;
}
