#include "privacy.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "fold.h"
#include "out.h"

/*
 * Each detector is an iterator that yields its candidates in increasing
 * start order, never overlapping one another. px_privacy_scan merges the
 * streams and settles overlaps between detectors by keeping the longer
 * candidate (the more specific kind on a tie). Nothing is collected, so
 * a scan allocates only to fold non-ASCII words for the deny list.
 *
 * A SHADOW is an IBAN-shaped token whose checksum fails: it is never
 * reported, but it wins overlaps so that the digits of a mistyped IBAN
 * do not come out as a phone number.
 */
enum { SHADOW = -1 };

struct cand {
	int kind;
	size_t start, len;
};

/* ---- bytes and code points ---------------------------------------- */

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int is_alnum(char c)
{
	return is_digit(c) || is_alpha(c);
}

static char to_lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

static char to_upper(char c)
{
	return c >= 'a' && c <= 'z' ? (char)(c - 'a' + 'A') : c;
}

static int is_ascii(char c)
{
	return !((unsigned char)c & 0x80);
}

/* Is the code point at s[i] a letter or digit (any script)? */
static int alnum_at(const char *s, size_t len, size_t i)
{
	if (i >= len)
		return 0;
	if (is_ascii(s[i]))
		return is_alnum(s[i]);
	return px_utf8_is_alnum(s + i, len - i);
}

/* Start of the code point that ends just before s[i] (i > 0); a byte
 * that is not part of a valid sequence stands for itself. */
static size_t prev_cp(const char *s, size_t i)
{
	size_t j = i - 1, k = 0;

	while (j > 0 && k < 3 && ((unsigned char)s[j] & 0xc0) == 0x80) {
		j--;
		k++;
	}
	if (((unsigned char)s[j] & 0xc0) != 0x80 && px_utf8_next(s + j, i - j) == i - j)
		return j;
	return i - 1;
}

/* Is the code point just before s[i] a letter or digit? */
static int alnum_before(const char *s, size_t i)
{
	size_t j;

	if (!i)
		return 0;
	if (is_ascii(s[i - 1]))
		return is_alnum(s[i - 1]);
	j = prev_cp(s, i);
	return px_utf8_is_alnum(s + j, i - j);
}

/* ---- national register number -------------------------------------- */

int px_nrn_valid(const char *digits)
{
	unsigned long base = 0;
	unsigned check;
	size_t i;

	if (!digits)
		return 0;
	for (i = 0; i < 11; i++)
		if (!is_digit(digits[i]))
			return 0;
	if (digits[11])
		return 0;
	for (i = 0; i < 9; i++)
		base = base * 10 + (unsigned long)(digits[i] - '0');
	check = (unsigned)(digits[9] - '0') * 10 + (unsigned)(digits[10] - '0');
	return 97 - base % 97 == check || 97 - (2000000000UL + base) % 97 == check;
}

/* ---- IBAN ------------------------------------------------------------ */

/* Lengths from the SWIFT IBAN registry; other country codes get 15..34. */
static const struct {
	char cc[3];
	unsigned char len;
} iban_lengths[] = {
	{ "AD", 24 }, { "AE", 23 }, { "AL", 28 }, { "AT", 20 }, { "AZ", 28 },
	{ "BA", 20 }, { "BE", 16 }, { "BG", 22 }, { "BH", 22 }, { "BR", 29 },
	{ "BY", 28 }, { "CH", 21 }, { "CR", 22 }, { "CY", 28 }, { "CZ", 24 },
	{ "DE", 22 }, { "DK", 18 }, { "DO", 28 }, { "EE", 20 }, { "EG", 29 },
	{ "ES", 24 }, { "FI", 18 }, { "FO", 18 }, { "FR", 27 }, { "GB", 22 },
	{ "GE", 22 }, { "GI", 23 }, { "GL", 18 }, { "GR", 27 }, { "GT", 28 },
	{ "HR", 21 }, { "HU", 28 }, { "IE", 22 }, { "IL", 23 }, { "IQ", 23 },
	{ "IS", 26 }, { "IT", 27 }, { "JO", 30 }, { "KW", 30 }, { "KZ", 20 },
	{ "LB", 28 }, { "LC", 32 }, { "LI", 21 }, { "LT", 20 }, { "LU", 20 },
	{ "LV", 21 }, { "MC", 27 }, { "MD", 24 }, { "ME", 22 }, { "MK", 19 },
	{ "MR", 27 }, { "MT", 31 }, { "MU", 30 }, { "NL", 18 }, { "NO", 15 },
	{ "PK", 24 }, { "PL", 28 }, { "PS", 29 }, { "PT", 25 }, { "QA", 29 },
	{ "RO", 24 }, { "RS", 22 }, { "SA", 24 }, { "SC", 31 }, { "SE", 24 },
	{ "SI", 19 }, { "SK", 24 }, { "SM", 27 }, { "ST", 25 }, { "SV", 28 },
	{ "TL", 23 }, { "TN", 24 }, { "TR", 26 }, { "UA", 29 }, { "VA", 22 },
	{ "VG", 24 }, { "XK", 20 },
};

enum { IBAN_MIN = 15, IBAN_MAX = 34 };

/* The registered length for the country of `iban`, or 0 if unknown. */
static size_t iban_country_len(const char *iban)
{
	char a = to_upper(iban[0]), b = to_upper(iban[1]);
	size_t i;

	for (i = 0; i < sizeof iban_lengths / sizeof iban_lengths[0]; i++)
		if (iban_lengths[i].cc[0] == a && iban_lengths[i].cc[1] == b)
			return iban_lengths[i].len;
	return 0;
}

static int iban_len_ok(const char *iban, size_t len)
{
	size_t want = iban_country_len(iban);

	return want ? len == want : len >= IBAN_MIN && len <= IBAN_MAX;
}

/* Is `iban` shaped like one: letters, check digits, alphanumerics, and
 * a plausible length? The checksum is not looked at. */
static int iban_shape(const char *iban, size_t len)
{
	size_t i;

	if (len < 5 || !is_alpha(iban[0]) || !is_alpha(iban[1]) ||
	    !is_digit(iban[2]) || !is_digit(iban[3]))
		return 0;
	for (i = 4; i < len; i++)
		if (!is_alnum(iban[i]))
			return 0;
	return iban_len_ok(iban, len);
}

int px_iban_valid(const char *iban, size_t len)
{
	unsigned r = 0;
	size_t i;

	if (!iban || !iban_shape(iban, len))
		return 0;
	/* check digits 00, 01 and 99 are never issued */
	if ((iban[2] == '0' && iban[3] <= '1') || (iban[2] == '9' && iban[3] == '9'))
		return 0;
	for (i = 0; i < len; i++) {
		char c = to_upper(iban[(i + 4) % len]);
		if (is_digit(c))
			r = (r * 10 + (unsigned)(c - '0')) % 97;
		else
			r = (r * 100 + (unsigned)(c - 'A' + 10)) % 97;
	}
	return r == 1;
}

/*
 * An IBAN candidate at s[i] (a word start, two letters), its two check
 * digits at s[cd] (right after the letters, or after one space: "BE 68").
 * Compact: all the following ASCII alphanumerics. Grouped: groups of 4
 * after one separator, the same all along (' ', '-' or '.'), the last
 * group possibly shorter; trailing groups beyond the country's length are
 * left out (the next word may be one). With the check digits set apart,
 * only a valid IBAN is a candidate (never a shadow).
 */
static int iban_at(const char *s, size_t len, size_t i, size_t cd, struct cand *c)
{
	char flat[IBAN_MAX + 1], sep;
	size_t ends[IBAN_MAX + 1]; /* ends[n]: byte end of the first n chars */
	size_t n = 4, q = cd + 2, k, want;
	int apart = cd != i + 2;

	flat[0] = s[i];
	flat[1] = s[i + 1];
	flat[2] = s[cd];
	flat[3] = s[cd + 1];
	memset(ends, 0, sizeof ends);
	ends[4] = q;
	sep = q < len ? s[q] : 0;
	if (alnum_at(s, len, q)) {
		while (q < len && is_alnum(s[q]) && n <= IBAN_MAX)
			flat[n++] = s[q++];
		if (n > IBAN_MAX || alnum_at(s, len, q))
			return 0;
		ends[n] = q;
	} else if (sep == ' ' || sep == '-' || sep == '.') {
		while (q + 1 < len && s[q] == sep && is_alnum(s[q + 1])) {
			size_t g = 0;
			while (q + 1 + g < len && g < 5 && is_alnum(s[q + 1 + g]))
				g++;
			if (g == 5 || n + g > IBAN_MAX || alnum_at(s, len, q + 1 + g))
				break;
			memcpy(flat + n, s + q + 1, g);
			n += g;
			q += 1 + g;
			ends[n] = q;
			if (g < 4)
				break;
		}
	}
	want = iban_country_len(flat);
	for (k = n; k >= IBAN_MIN; k--) {
		if (!ends[k] || (want && k != want))
			continue;
		c->start = i;
		c->len = ends[k] - i;
		if (px_iban_valid(flat, k)) {
			c->kind = PX_PRIV_IBAN;
			return 1;
		}
		if (apart)
			return 0;
		if (want) {
			c->kind = SHADOW;
			return 1;
		}
	}
	/* unknown country: shadow the longest plausible length */
	for (k = n; !want && !apart && k >= IBAN_MIN; k--) {
		if (ends[k] && k <= IBAN_MAX) {
			c->kind = SHADOW;
			c->start = i;
			c->len = ends[k] - i;
			return 1;
		}
	}
	return 0;
}

static int next_iban(const char *s, size_t len, size_t *pos, struct cand *c)
{
	size_t i;

	for (i = *pos; i + 4 <= len; i++) {
		size_t cd = i + 2;

		if (!is_alpha(s[i]) || !is_alpha(s[i + 1]) || alnum_before(s, i))
			continue;
		/* "BE 68 5390 ...": a registered country, a space, check digits */
		if (s[cd] == ' ' && i + 5 <= len && is_digit(s[i + 3]) && is_digit(s[i + 4]) &&
		    iban_country_len(s + i))
			cd++;
		if (!is_digit(s[cd]) || cd + 1 >= len || !is_digit(s[cd + 1]))
			continue;
		if (iban_at(s, len, i, cd, c)) {
			*pos = c->start + c->len;
			return 1;
		}
	}
	*pos = len;
	return 0;
}

/* ---- e-mail ---------------------------------------------------------- */

static int local_char(const char *s, size_t len, size_t i)
{
	char c = s[i];

	if (!is_ascii(c))
		return px_utf8_is_alnum(s + i, len - i);
	return is_alnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
}

/* Length of the domain label character at s[i], 0 if there is none. */
static size_t label_char(const char *s, size_t len, size_t i)
{
	if (i >= len)
		return 0;
	if (is_ascii(s[i]))
		return is_alnum(s[i]) || s[i] == '-';
	return px_utf8_is_alnum(s + i, len - i) ? px_utf8_next(s + i, len - i) : 0;
}

static int tld_ok(const char *t, size_t n)
{
	/* logo@2x.png is a file name, not an address */
	static const char *const ext[] = {
		"png", "jpg", "jpeg", "gif", "svg", "webp", "bmp", "tif", "tiff", "pdf", "heic",
	};
	size_t i, j;

	if (n < 2)
		return 0;
	for (i = 0; i < sizeof ext / sizeof ext[0]; i++) {
		if (strlen(ext[i]) != n)
			continue;
		for (j = 0; j < n && to_lower(t[j]) == ext[i][j]; j++)
			;
		if (j == n)
			return 0;
	}
	if (n > 4 && (t[0] == 'x' || t[0] == 'X') && (t[1] == 'n' || t[1] == 'N') &&
	    t[2] == '-' && t[3] == '-')
		return 1;
	for (i = 0; i < n; i++)
		if (is_ascii(t[i]) && !is_alpha(t[i]))
			return 0;
	return 1;
}

/* End of the longest domain (two labels or more, ending in a top-level
 * label) that starts at s[i], or 0. */
static size_t email_domain(const char *s, size_t len, size_t i)
{
	size_t q = i, best = 0, labels = 0;

	for (;;) {
		size_t ls = q, w;
		while ((w = label_char(s, len, q)) > 0)
			q += w;
		if (q == ls || q - ls > 63 || s[ls] == '-' || s[q - 1] == '-')
			break;
		if (++labels >= 2 && tld_ok(s + ls, q - ls))
			best = q;
		if (q < len && s[q] == '.' && label_char(s, len, q + 1)) {
			q++;
			continue;
		}
		break;
	}
	return best;
}

static int next_email(const char *s, size_t len, size_t *pos, size_t *lo,
		      struct cand *c)
{
	while (*pos < len) {
		const char *at = memchr(s + *pos, '@', len - *pos);
		size_t a, j, end;

		if (!at)
			break;
		a = (size_t)(at - s);
		*pos = a + 1;
		j = a;
		while (j > *lo) {
			size_t k = prev_cp(s, j);
			if (k < *lo || !local_char(s, len, k))
				break;
			if (s[k] == '.' && j < a && s[j] == '.')
				break; /* ".." cannot be in an address */
			j = k;
		}
		while (j < a && s[j] == '.')
			j++;
		if (j == a || s[a - 1] == '.')
			continue;
		end = email_domain(s, len, a + 1);
		if (!end)
			continue;
		c->kind = PX_PRIV_EMAIL;
		c->start = j;
		c->len = end - j;
		*pos = *lo = end;
		return 1;
	}
	*pos = len;
	return 0;
}

/* ---- phone numbers and national register numbers --------------------- */

/*
 * Digits come in groups joined by one separator: ' ', '.', '/' or '-'.
 * "(0)" may join too (+32 (0)2 ...), as may ")" after an opening "(" in
 * front of the first group ((02) 555 12 34). From a group that starts a
 * number (or follows a plain space inside one), the groups ahead are
 * tried as windows: the longest one that is a phone number or a national
 * register number wins. A window may only end where the number ends or
 * at a space; so a date or a longer number never yields a phone number.
 */
enum { SEP_SPACE = 1, SEP_PUNCT, SEP_PAREN0, SEP_CLOSE };
enum { NUM_MAXD = 17, NUM_MAXG = 14 }; /* "00" and E.164's 15 digits */

struct numrun {
	size_t start[NUM_MAXG], end[NUM_MAXG];
	int sep[NUM_MAXG];    /* separator before group k (k > 0) */
	int end_ok[NUM_MAXG]; /* a window may end after group k */
	size_t n;
	int plus, open; /* "+" or "(" right before the first group */
};

static int is_numsep(char c)
{
	return c == ' ' || c == '.' || c == '/' || c == '-';
}

/* If another group follows the one ending at q, its start and the kind
 * of separator; 0 otherwise. */
static int num_next(const char *s, size_t len, size_t q, int close_ok, size_t *next)
{
	size_t p = q;

	if (q + 1 < len && is_numsep(s[q]) && is_digit(s[q + 1])) {
		*next = q + 1;
		return s[q] == ' ' ? SEP_SPACE : SEP_PUNCT;
	}
	/* "02 / 555 12 34": a slash between spaces */
	if (q + 3 < len && s[q] == ' ' && s[q + 1] == '/' && s[q + 2] == ' ' && is_digit(s[q + 3])) {
		*next = q + 3;
		return SEP_PUNCT;
	}
	if (p < len && s[p] == ' ')
		p++;
	if (p + 3 <= len && !memcmp(s + p, "(0)", 3)) {
		p += 3;
		if (p < len && s[p] == ' ')
			p++;
		if (p < len && is_digit(s[p])) {
			*next = p;
			return SEP_PAREN0;
		}
		return 0;
	}
	if (close_ok && q < len && s[q] == ')') {
		p = q + 1;
		if (p < len && s[p] == ' ')
			p++;
		if (p < len && is_digit(s[p])) {
			*next = p;
			return SEP_CLOSE;
		}
	}
	return 0;
}

static void num_parse(const char *s, size_t len, size_t p, struct numrun *r)
{
	size_t digits = 0;

	r->n = 0;
	for (;;) {
		size_t q = p, next = 0;
		int sep;

		while (q < len && is_digit(s[q]) && q - p <= NUM_MAXD)
			q++;
		digits += q - p;
		if (digits > NUM_MAXD)
			return;
		r->start[r->n] = p;
		r->end[r->n] = q;
		sep = num_next(s, len, q, r->n == 0 && r->open, &next);
		if (sep) {
			r->end_ok[r->n] = sep == SEP_SPACE;
		} else {
			/* the number ends here: not glued to a word, not a time
			 * (14:30) or a decimal (3,5) */
			r->end_ok[r->n] = !alnum_at(s, len, q) &&
					  !(q + 1 < len && (s[q] == ',' || s[q] == ':') &&
					    is_digit(s[q + 1]));
		}
		r->n++;
		if (!sep || r->n == NUM_MAXG)
			return;
		r->sep[r->n] = sep;
		p = next;
	}
}

/* Concatenated digits of groups 0..k and the group lengths. */
static size_t num_digits(const char *s, const struct numrun *r, size_t k, char *d,
			 size_t *gl)
{
	size_t nd = 0, j;

	for (j = 0; j <= k; j++) {
		gl[j] = r->end[j] - r->start[j];
		memcpy(d + nd, s + r->start[j], gl[j]);
		nd += gl[j];
	}
	d[nd] = '\0';
	return nd;
}

static int nrn_window(const char *s, const struct numrun *r, size_t k)
{
	char d[NUM_MAXD + 1];
	size_t gl[NUM_MAXG], nd, j, at = 0;

	if (r->plus)
		return 0;
	nd = num_digits(s, r, k, d, gl);
	if (nd != 11)
		return 0;
	for (j = 0; j < k; j++) {
		at += gl[j];
		if (r->sep[j + 1] != SEP_SPACE && r->sep[j + 1] != SEP_PUNCT)
			return 0;
		if (at != 2 && at != 4 && at != 6 && at != 9)
			return 0;
	}
	return px_nrn_valid(d);
}

/* The national part (without the leading 0) of a Belgian number. */
static int be_national(const char *n, size_t nn)
{
	return (nn == 8 && n[0] != '0') || (nn == 9 && n[0] == '4');
}

/*
 * Countries whose numbers are found in international form (+CC or 00CC)
 * with the length of their national number (without the trunk 0). Any
 * other country code counts with a "+" only (see other_intl).
 */
static const struct {
	char cc[4];
	unsigned char min, max;
} countries[] = {
	{ "32", 8, 9 },   /* Belgium: be_national() decides */
	{ "31", 9, 9 },   /* the Netherlands */
	{ "33", 9, 9 },   /* France */
	{ "352", 6, 11 }, /* Luxembourg */
	{ "49", 7, 11 },  /* Germany */
};

/* "+" and another country code: 10 to 15 digits in all, compact, or a
 * code of 1 to 3 digits and groups of 2 digits or more after the first
 * national one. */
static int other_intl(const char *d, size_t nd, const size_t *gl, const struct numrun *r,
		      size_t k)
{
	size_t j;

	if (nd < 10 || nd > 15 || d[0] == '0')
		return 0;
	if (k == 0)
		return 1;
	if (gl[0] > 3)
		return 0;
	for (j = 1; j <= k; j++) {
		if (r->sep[j] == SEP_CLOSE || (r->sep[j] == SEP_PAREN0 && j != 1))
			return 0;
		if (j > 1 && gl[j] < 2)
			return 0;
	}
	return 1;
}

/*
 * A number in international form: "+" or "00" (the two may stand apart:
 * "00 32 470 ..."), the country code, then the national number, glued to
 * the code ("+32470 12 34 56") or in groups after it, the trunk 0 written
 * or not ("+32 (0)2 ...", "+32 0470 ..."). Groups after the first
 * national one have 2 digits or more; that one has at most 4 when more
 * follow.
 */
static int phone_intl(const char *d, size_t nd, const size_t *gl, const struct numrun *r,
		      size_t k)
{
	size_t pre = r->plus ? 0 : 2, P, cum = 0, m, j, first, cl = 0, nn, i;
	int c = -1, paren = 0;
	const char *n;

	if (!r->plus && (nd < 2 || d[0] != '0' || d[1] != '0'))
		return 0;
	for (i = 0; i < sizeof countries / sizeof *countries && c < 0; i++) {
		cl = strlen(countries[i].cc);
		if (nd > pre + cl && !memcmp(d + pre, countries[i].cc, cl))
			c = (int)i;
	}
	if (c < 0)
		return r->plus && other_intl(d, nd, gl, r, k);
	P = pre + cl;
	/* group m holds the code's last digit */
	for (m = 0; m <= k && cum + gl[m] < P; m++)
		cum += gl[m];
	if (m > k || (m > 0 && !(m == 1 && pre == 2 && gl[0] == 2 && r->sep[1] == SEP_SPACE)))
		return 0;
	cum += gl[m];
	if (cum == P) {
		first = m + 1; /* the national number starts a group */
		if (first > k)
			return 0;
		paren = r->sep[first] == SEP_PAREN0;
	} else {
		first = m; /* glued to the code: a zone or a prefix */
		if (k > m && cum - P > 4)
			return 0;
	}
	for (j = m + 1; j <= k; j++) {
		if (r->sep[j] == SEP_CLOSE || (r->sep[j] == SEP_PAREN0 && !(j == first && cum == P)))
			return 0;
		if (j > first && gl[j] < 2)
			return 0;
	}
	if (first == m + 1 && k > first && gl[first] > 4)
		return 0;
	n = d + P;
	nn = nd - P;
	if (n[0] == '0') {
		if (paren)
			return 0;
		n++;
		nn--;
	}
	if (!nn || n[0] == '0')
		return 0;
	if (!strcmp(countries[c].cc, "32"))
		return be_national(n, nn);
	return nn >= countries[c].min && nn <= countries[c].max;
}

/* An old Belgian account number, 539-0075470-34: 3|7|2 digits; the last
 * two are the first ten mod 97 (97 when that is 0). */
static int account_window(const char *s, const struct numrun *r, size_t k)
{
	char d[NUM_MAXD + 1];
	size_t gl[NUM_MAXG], j;
	unsigned long long base = 0;
	unsigned want;

	if (r->plus || r->open || k != 2 || num_digits(s, r, k, d, gl) != 12 || gl[0] != 3 ||
	    gl[1] != 7 || gl[2] != 2)
		return 0;
	for (j = 1; j <= k; j++)
		if (r->sep[j] != SEP_SPACE && r->sep[j] != SEP_PUNCT)
			return 0;
	for (j = 0; j < 10; j++)
		base = base * 10 + (unsigned long long)(d[j] - '0');
	want = (unsigned)(base % 97);
	return (want ? want : 97) == (unsigned)((d[10] - '0') * 10 + (d[11] - '0'));
}

/* An enterprise number (KBO/BCE, 0403.170.701) has the shape of a
 * mobile number; its last two digits are 97 - (first eight mod 97). */
static int enterprise_number(const char *s, const struct numrun *r, const char *d,
			     const size_t *gl, size_t k)
{
	unsigned long base = 0;
	size_t i;

	if (k != 2 || gl[0] != 4 || gl[1] != 3 || gl[2] != 3 ||
	    s[r->start[1] - 1] != '.' || s[r->start[2] - 1] != '.')
		return 0;
	for (i = 0; i < 8; i++)
		base = base * 10 + (unsigned long)(d[i] - '0');
	return 97 - base % 97 == (unsigned long)((d[8] - '0') * 10 + (d[9] - '0'));
}

/* 04 70 12 34 56: five groups of two digits (not a date: 04/05/2023 12) */
static int pairs(const size_t *gl, size_t k)
{
	size_t j;

	for (j = 0; j <= k; j++)
		if (gl[j] != 2)
			return 0;
	return k == 4;
}

/* Returns 0, or 1 for a phone number starting at the first group, or 2
 * for one starting at the "(" before it. */
static int phone_window(const char *s, const struct numrun *r, size_t k)
{
	char d[NUM_MAXD + 1];
	size_t gl[NUM_MAXG], nd, j;
	int mobile, closed = 0;

	nd = num_digits(s, r, k, d, gl);
	if (r->plus || (nd > 4 && d[0] == '0' && d[1] == '0'))
		return phone_intl(d, nd, gl, r, k);
	if (nd < 9 || d[0] != '0' || d[1] == '0')
		return 0;
	mobile = nd == 10 && d[1] == '4';
	if (nd != 9 && !mobile)
		return 0;
	for (j = 1; j <= k; j++) {
		if (r->sep[j] == SEP_PAREN0)
			return 0;
		if (r->sep[j] == SEP_CLOSE)
			closed = 1;
		if (gl[j] < 2)
			return 0;
	}
	if (k > 0) {
		/* 0470 12 34 56, 04 70 12 34 56; 02 555 12 34; 010 45 67 89
		 * (and not a date like 01/02/23 456: a 2-digit zone is
		 * followed by 3+ digits) */
		if (mobile && gl[0] != 4 && !(gl[0] == 2 && pairs(gl, k)))
			return 0;
		if (!mobile && gl[0] != 2 && gl[0] != 3)
			return 0;
		if (!mobile && gl[0] == 2 && gl[1] < 3)
			return 0;
		if (mobile && enterprise_number(s, r, d, gl, k))
			return 0;
	}
	return closed ? 2 : 1;
}

/* The context of the digit group starting at s[p]: -1 if no number can
 * start here, else 0 with r->plus and r->open set. */
static int num_context(const char *s, size_t p, struct numrun *r)
{
	char c;

	r->plus = r->open = 0;
	if (!p)
		return 0;
	c = s[p - 1];
	if (p >= 2 && is_digit(s[p - 2])) {
		if (is_numsep(c))
			return c == ' ' ? 0 : -1;
		if (c == ',' || c == ':')
			return -1;
	}
	if (alnum_before(s, p))
		return -1;
	if (c == '+') {
		if (alnum_before(s, p - 1))
			return -1;
		r->plus = 1;
	} else if (c == '(') {
		r->open = 1;
	}
	return 0;
}

static int next_number(const char *s, size_t len, size_t *pos, struct cand *c)
{
	size_t p = *pos;

	while (p < len) {
		struct numrun r;
		size_t k, q;

		if (!is_digit(s[p]) || (p > 0 && is_digit(s[p - 1]))) {
			p++;
			continue;
		}
		for (q = p; q < len && is_digit(s[q]) && q - p < 2; q++)
			;
		/* every number we look for starts with 2 digits or more, or
		 * with "+" and a one-digit country code (+1, +7) */
		if ((q - p >= 2 || (p > 0 && s[p - 1] == '+')) && num_context(s, p, &r) == 0) {
			num_parse(s, len, p, &r);
			for (k = r.n; k-- > 0;) {
				int ph;
				if (!r.end_ok[k] || r.end[k] - r.start[0] < 9)
					continue;
				if (nrn_window(s, &r, k)) {
					c->kind = PX_PRIV_NRN;
					c->start = p;
				} else if (account_window(s, &r, k)) {
					c->kind = PX_PRIV_IBAN; /* a bank account number */
					c->start = p;
				} else if ((ph = phone_window(s, &r, k)) > 0) {
					c->kind = PX_PRIV_PHONE;
					c->start = ph == 2 || r.plus ? p - 1 : p;
				} else {
					continue;
				}
				c->len = r.end[k] - c->start;
				*pos = r.end[k];
				return 1;
			}
		}
		for (q = p; q < len && is_digit(s[q]); q++)
			;
		p = q;
	}
	*pos = len;
	return 0;
}

/* ---- deny list ------------------------------------------------------- */

enum { NAME_MAXW = 16, SEP_MAX = 16, TOK_SMALL = 64 };

struct name {
	char *fold; /* the folded name */
	size_t nw;
	size_t comma_at; /* a spelling "Peeters, Jan": word j may follow a comma */
	size_t off[NAME_MAXW], len[NAME_MAXW];
	char sep[NAME_MAXW][SEP_MAX]; /* normalized separator before word j */
	unsigned char seplen[NAME_MAXW];
};

struct px_denylist {
	struct name *v;
	size_t n, cap;
	size_t maxw; /* longest word, bytes */
	char first[256]; /* first bytes of the first words */
};

/* Characters that folding drops (soft hyphen, zero-width space, joiners,
 * word joiner, BOM): a word goes on across them. */
static size_t ignorable_at(const char *s, size_t len, size_t i)
{
	const unsigned char *u = (const unsigned char *)s + i;
	size_t n = len - i;

	if (n >= 2 && u[0] == 0xc2 && u[1] == 0xad)
		return 2;
	if (n >= 3 && u[0] == 0xe2 && u[1] == 0x80 && u[2] >= 0x8b && u[2] <= 0x8d)
		return 3;
	if (n >= 3 && u[0] == 0xe2 && u[1] == 0x81 && u[2] == 0xa0)
		return 3;
	if (n >= 3 && u[0] == 0xef && u[1] == 0xbb && u[2] == 0xbf)
		return 3;
	return 0;
}

/* Normalizes a separator between words: runs of white space and dashes
 * become one ' ' (Jean-Pierre is Jean Pierre), apostrophes '\''; anything
 * else stays as it is.
 * Returns the length, or SEP_MAX + 1 when it does not fit. */
static size_t sep_norm(const char *s, size_t a, size_t b, char *out)
{
	static const struct {
		char utf8[4];
		char as;
	} map[] = {
		{ "\xc2\xa0", ' ' }, { "\xe2\x80\xaf", ' ' }, { "\xe2\x80\x89", ' ' },
		{ "\xe2\x80\x87", ' ' }, { "\xe2\x80\x99", '\'' }, { "\xe2\x80\x98", '\'' },
		{ "\xca\xbc", '\'' }, { "\xe2\x80\x90", ' ' }, { "\xe2\x80\x91", ' ' },
		{ "\xe2\x80\x93", ' ' },
	};
	size_t n = 0, i = a, j;

	while (i < b) {
		size_t w = px_utf8_next(s + i, b - i), ig = ignorable_at(s, b, i);
		char as = 0;

		if (ig) {
			i += ig;
			continue;
		}
		if (w == 1) {
			as = s[i] == '\t' || s[i] == '\r' || s[i] == '\n' || s[i] == '\v' ||
			     s[i] == '\f' || s[i] == '-' ? ' ' : s[i] == '`' ? '\'' : s[i];
		} else {
			for (j = 0; j < sizeof map / sizeof map[0]; j++)
				if (strlen(map[j].utf8) == w && !memcmp(s + i, map[j].utf8, w))
					as = map[j].as;
		}
		if (as == ' ' && n && out[n - 1] == ' ') {
			i += w;
			continue;
		}
		if (n + (as ? 1 : w) > SEP_MAX)
			return SEP_MAX + 1;
		if (as) {
			out[n++] = as;
		} else {
			memcpy(out + n, s + i, w);
			n += w;
		}
		i += w;
	}
	return n;
}

/* The word (letters, digits, combining marks, ignorables) at s[i]: its
 * end, or i when no word starts here. */
static size_t word_end(const char *s, size_t len, size_t i)
{
	size_t q = i;

	if (!alnum_at(s, len, i))
		return i;
	while (q < len) {
		size_t ig;
		if (is_ascii(s[q])) {
			if (!is_alnum(s[q]))
				break;
			q++;
		} else if ((ig = ignorable_at(s, len, q)) > 0) {
			q += ig;
		} else if (px_utf8_is_alnum(s + q, len - q)) {
			q += px_utf8_next(s + q, len - q);
		} else {
			break;
		}
	}
	return q;
}

static void name_free(struct name *nm)
{
	free(nm->fold);
}

/* Whether `s` holds an ä ö ü (or a U+0308), before any copying. */
static int has_umlaut(const char *s, size_t n)
{
	const char *p = s, *e = s + n;

	while ((p = memchr(p, 0xc3, (size_t)(e - p))) != NULL && p + 1 < e) {
		unsigned char c1 = (unsigned char)p[1];
		if (c1 == 0xa4 || c1 == 0xb6 || c1 == 0xbc || c1 == 0x84 || c1 == 0x96 || c1 == 0x9c)
			return 1;
		p++;
	}
	for (p = s; (p = memchr(p, 0xcc, (size_t)(e - p))) != NULL && p + 1 < e; p++)
		if ((unsigned char)p[1] == 0x88)
			return 1;
	return 0;
}

/*
 * German spells ä ö ü (precomposed or with U+0308) ae oe ue as well:
 * writes `s` so spelled to `out`. Returns 1 if there was one, 0 if not,
 * -1 when memory runs out.
 */
static int umlaut_expand(const char *s, size_t n, px_buf *out)
{
	size_t i;
	int any = 0;

	px_buf_clear(out);
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i], c1 = i + 1 < n ? (unsigned char)s[i + 1] : 0;
		int r = 0;
		char b = 0;

		if (c == 0xc3) {
			switch (c1) {
			case 0xa4: b = 'a'; break;
			case 0xb6: b = 'o'; break;
			case 0xbc: b = 'u'; break;
			case 0x84: b = 'A'; break;
			case 0x96: b = 'O'; break;
			case 0x9c: b = 'U'; break;
			}
		}
		if (b) {
			r = px_buf_putc(out, b) | px_buf_putc(out, 'e');
			i++;
			any = 1;
		} else if (i + 2 < n && c && strchr("aouAOU", (char)c) && c1 == 0xcc &&
			   (unsigned char)s[i + 2] == 0x88) {
			r = px_buf_putc(out, (char)c) | px_buf_putc(out, 'e');
			i += 2;
			any = 1;
		} else {
			r = px_buf_putc(out, (char)c);
		}
		if (r < 0)
			return -1;
	}
	return any;
}

static int name_cmp(const void *a, const void *b)
{
	const struct name *x = a, *y = b;
	size_t n = x->len[0] < y->len[0] ? x->len[0] : y->len[0];
	int c = memcmp(x->fold + x->off[0], y->fold + y->off[0], n);

	if (c)
		return c;
	return (x->len[0] > y->len[0]) - (x->len[0] < y->len[0]);
}

/* Splits a folded name (which `nm` takes) into words. Returns 1 when
 * all of it was taken, 0 when words were dropped (see add_name). */
static int name_parse(struct name *nm, char *fold)
{
	size_t fl, i = 0;

	memset(nm, 0, sizeof *nm);
	nm->fold = fold;
	fl = strlen(fold);
	while (i < fl && nm->nw < NAME_MAXW) {
		size_t e = word_end(fold, fl, i);
		if (e == i) {
			i += px_utf8_next(fold + i, fl - i);
			continue;
		}
		if (nm->nw) {
			size_t prev = nm->off[nm->nw - 1] + nm->len[nm->nw - 1];
			size_t sl = sep_norm(fold, prev, i, nm->sep[nm->nw]);
			if (sl > SEP_MAX)
				return 0;
			nm->seplen[nm->nw] = (unsigned char)sl;
		}
		nm->off[nm->nw] = i;
		nm->len[nm->nw] = e - i;
		nm->nw++;
		i = e;
	}
	while (i < fl && word_end(fold, fl, i) == i)
		i += px_utf8_next(fold + i, fl - i);
	return i >= fl;
}

/* Adds a parsed name to the list, which takes it (also on failure). */
static int name_push(px_denylist *d, struct name nm)
{
	size_t i;

	if (d->n == d->cap) {
		size_t cap = d->cap ? d->cap * 2 : 16;
		struct name *v = realloc(d->v, cap * sizeof *v);
		if (!v) {
			name_free(&nm);
			return PX_DENY_ENOMEM;
		}
		d->v = v;
		d->cap = cap;
	}
	d->first[(unsigned char)nm.fold[nm.off[0]]] = 1;
	for (i = 0; i < nm.nw; i++)
		if (nm.len[i] > d->maxw)
			d->maxw = nm.len[i];
	d->v[d->n++] = nm;
	return 0;
}

/*
 * Adds a folded name (which the list takes) and, for a name of several
 * words, its spellings with the words turned around, the last ones
 * first, as lists and forms write names: "Jan Peeters" is also
 * "Peeters Jan" and "Peeters, Jan" (and "Broeck, Jan Van den"'s like).
 */
static int add_folded(px_denylist *d, char *fold)
{
	struct name nm, rot;
	int whole = name_parse(&nm, fold);
	size_t k, j;

	if (!nm.nw) {
		name_free(&nm);
		return 0;
	}
	if (name_push(d, nm) < 0)
		return PX_DENY_ENOMEM;
	for (k = 1; whole && k < nm.nw; k++) {
		px_buf b = PX_BUF_INIT;
		char *r;
		int ok = 1;

		for (j = k; j < nm.nw + k; j++) {
			size_t w = j % nm.nw;
			if (j > k)
				ok &= w ? px_buf_put(&b, nm.sep[w], nm.seplen[w]) == 0
					: px_buf_putc(&b, ' ') == 0;
			ok &= px_buf_put(&b, nm.fold + nm.off[w], nm.len[w]) == 0;
		}
		r = ok ? px_buf_detach(&b) : NULL;
		px_buf_free(&b);
		if (!r)
			return PX_DENY_ENOMEM;
		name_parse(&rot, r);
		if (rot.nw != nm.nw) {
			name_free(&rot);
			continue;
		}
		rot.comma_at = nm.nw - k;
		if (name_push(d, rot) < 0)
			return PX_DENY_ENOMEM;
	}
	return 0;
}

/* Adds one name (trimmed, not blank), with its other spellings (above,
 * and ae oe ue for ä ö ü). A name that has no letters or digits is
 * skipped. Words past NAME_MAXW or past a separator too long to compare
 * are dropped: the name then matches on its leading words, which is
 * stricter, never laxer (and it is not turned around). */
static int add_name(px_denylist *d, const char *p, size_t n)
{
	px_buf alt = PX_BUF_INIT;
	char *fold = px_fold(p, n);
	int u, rc = PX_DENY_ENOMEM;

	if (!fold)
		return px_utf8_invalid_at(p, n) < n ? PX_DENY_EILSEQ : PX_DENY_ENOMEM;
	if (add_folded(d, fold) < 0)
		goto cleanup;
	u = umlaut_expand(p, n, &alt);
	if (u < 0)
		goto cleanup;
	if (u) {
		fold = px_fold(alt.ptr, alt.len);
		if (!fold || add_folded(d, fold) < 0)
			goto cleanup;
	}
	rc = 0;
cleanup:
	px_buf_free(&alt);
	return rc;
}

static int is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

/* Trims [*p, *p + *n) in place; returns 0 if nothing is left. */
static size_t trim(const char **p, size_t n)
{
	while (n && is_blank(**p)) {
		(*p)++;
		n--;
	}
	while (n && is_blank((*p)[n - 1]))
		n--;
	return n;
}

static void denylist_sort(px_denylist *d)
{
	if (d->n > 1)
		qsort(d->v, d->n, sizeof *d->v, name_cmp);
}

void px_denylist_free(px_denylist *d)
{
	size_t i;

	if (!d)
		return;
	for (i = 0; i < d->n; i++)
		name_free(&d->v[i]);
	free(d->v);
	free(d);
}

int px_denylist_from(px_denylist **out, const char *const *names, size_t n)
{
	px_denylist *d = calloc(1, sizeof *d);
	size_t i;
	int rc;

	*out = NULL;
	if (!d)
		return PX_DENY_ENOMEM;
	for (i = 0; i < n; i++) {
		const char *p = names[i];
		size_t l;
		if (!p)
			continue;
		l = trim(&p, strlen(p));
		if (l && (rc = add_name(d, p, l)) < 0) {
			px_denylist_free(d);
			return rc;
		}
	}
	denylist_sort(d);
	*out = d;
	return 0;
}

int px_denylist_load(px_denylist **out, const char *path, px_diag *diag)
{
	px_buf b = PX_BUF_INIT;
	px_denylist *d = NULL;
	size_t off = 0, k;
	int rc = -1, r, line = 0;

	*out = NULL;
	d = calloc(1, sizeof *d);
	if (!d) {
		px_diag_add(diag, path, 0, 0, PX_SEV_ERROR, "out-of-memory", MSG_OOM);
		goto cleanup;
	}
	r = px_buf_read_file(&b, path, (size_t)64 << 20);
	if (r == -1 && errno == ENOENT) {
		rc = 0;
		goto done;
	}
	if (r < 0) {
		px_diag_add(diag, path, 0, 0, PX_SEV_ERROR, "io-error", MSG_IO, path,
			    px_strerror(r == -2 ? EFBIG : errno));
		goto cleanup;
	}
	if (b.len >= 3 && !memcmp(b.ptr, "\xef\xbb\xbf", 3))
		off = 3;
	while (off < b.len) {
		const char *nl = memchr(b.ptr + off, '\n', b.len - off);
		size_t end = nl ? (size_t)(nl - b.ptr) : b.len;
		const char *p = b.ptr + off;
		size_t l = trim(&p, end - off);

		off = end + 1;
		line++;
		/* a comment: a whole line, or from a '#' after a space on */
		for (k = 1; k < l; k++)
			if (p[k] == '#' && is_blank(p[k - 1])) {
				l = trim(&p, k);
				break;
			}
		if (!l || *p == '#')
			continue;
		r = add_name(d, p, l);
		if (r == PX_DENY_EILSEQ) {
			px_diag_add(diag, path, line, 0, PX_SEV_ERROR, "encoding", MSG_DENY_NOT_UTF8);
			goto cleanup;
		}
		if (r < 0) {
			px_diag_add(diag, path, 0, 0, PX_SEV_ERROR, "out-of-memory", MSG_OOM);
			goto cleanup;
		}
	}
	rc = 0;
done:
	denylist_sort(d);
	*out = d;
	d = NULL;
cleanup:
	px_buf_free(&b);
	px_denylist_free(d);
	return rc;
}

/* A word of the scanned line and its folded form. */
struct tok {
	size_t start, end;
	const char *fold;
	size_t flen;
	char *heap;
	char *alt; /* folded with ae oe ue for ä ö ü, or NULL */
	size_t alen;
	int failed; /* could not be folded (out of memory) */
	char small[TOK_SMALL];
	char sep[SEP_MAX]; /* normalized separator before the word */
	size_t seplen;
};

static void tok_fold(const char *s, const px_denylist *d, struct tok *t)
{
	size_t n = t->end - t->start, i;
	int ascii = 1;

	t->heap = NULL;
	t->alt = NULL;
	t->alen = 0;
	t->failed = 0;
	for (i = 0; i < n && ascii; i++)
		ascii = is_ascii(s[t->start + i]);
	if (ascii && n > d->maxw && n >= TOK_SMALL) {
		t->fold = ""; /* too long to be any word of the list */
		t->flen = 0;
		return;
	}
	if (ascii && n < TOK_SMALL) {
		for (i = 0; i < n; i++)
			t->small[i] = to_lower(s[t->start + i]);
		t->fold = t->small;
		t->flen = n;
		return;
	}
	t->heap = px_fold(s + t->start, n);
	if (!t->heap) {
		t->failed = 1;
		t->fold = "";
		t->flen = 0;
		return;
	}
	t->fold = t->heap;
	t->flen = strlen(t->heap);
	/* Müller may be written Mueller: the word's other spelling too */
	if (!ascii && has_umlaut(s + t->start, n)) {
		px_buf b = PX_BUF_INIT;
		int u = umlaut_expand(s + t->start, n, &b);
		if (u > 0)
			t->alt = px_fold(b.ptr, b.len);
		if (u < 0 || (u > 0 && !t->alt))
			t->failed = 1; /* fail closed: reported */
		else if (t->alt)
			t->alen = strlen(t->alt);
		px_buf_free(&b);
	}
}

/* The word after position i (skipping non-words); 0 when there is none. */
static int tok_next(const char *s, size_t len, size_t i, struct tok *t)
{
	while (i < len) {
		size_t e = word_end(s, len, i);
		if (e > i) {
			t->start = i;
			t->end = e;
			return 1;
		}
		i += px_utf8_next(s + i, len - i);
	}
	return 0;
}

static int word_eq(const struct name *nm, size_t j, const struct tok *t)
{
	return !t->failed && ((nm->len[j] == t->flen && !memcmp(nm->fold + nm->off[j], t->fold, t->flen)) ||
			      (t->alt && nm->len[j] == t->alen &&
			       !memcmp(nm->fold + nm->off[j], t->alt, t->alen)));
}

/* Whether the separator before word j of the text is the name's: for a
 * name turned around, the words may also part at a comma. */
static int sep_eq(const struct name *nm, size_t j, const struct tok *t)
{
	static const char *const comma[] = { " ", ",", ", ", " ,", " , " };
	size_t i;

	if (j == nm->comma_at) {
		for (i = 0; i < sizeof comma / sizeof *comma; i++)
			if (t->seplen == strlen(comma[i]) && !memcmp(t->sep, comma[i], t->seplen))
				return 1;
		return 0;
	}
	return t->seplen == nm->seplen[j] && !memcmp(t->sep, nm->sep[j], nm->seplen[j]);
}

/* First entry whose first word is not below `w`. */
static size_t name_lower(const px_denylist *d, const char *w, size_t wl)
{
	size_t lo = 0, hi = d->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct name *nm = &d->v[mid];
		size_t n = nm->len[0] < wl ? nm->len[0] : wl;
		int c = memcmp(nm->fold + nm->off[0], w, n);
		if (c < 0 || (!c && nm->len[0] < wl))
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* ASCII letters and digits fold to themselves in lowercase, so the
 * ASCII start of a word is the start of its folded form: most words are
 * ruled out before any folding. */
static int may_match(const char *s, const px_denylist *d, const struct tok *t)
{
	char pre[TOK_SMALL];
	size_t n = 0, i;

	if (!is_ascii(s[t->start]))
		return 1;
	if (!d->first[(unsigned char)to_lower(s[t->start])])
		return 0;
	while (n < TOK_SMALL && t->start + n < t->end && is_ascii(s[t->start + n])) {
		pre[n] = to_lower(s[t->start + n]);
		n++;
	}
	i = name_lower(d, pre, n);
	return i < d->n && d->v[i].len[0] >= n && !memcmp(d->v[i].fold + d->v[i].off[0], pre, n);
}

/* Matches the names of `d` that start with word t[0]: the end of the
 * longest, or 0. t[1..] are filled in (and folded) once, as needed; *nt
 * says how many are. */
static size_t name_match(const char *s, size_t len, const px_denylist *d, struct tok *t,
			 size_t *nt)
{
	size_t i, best = 0, form;
	int eol = 0;

	/* the names starting with the first word, then its other spelling */
	for (form = 0; form < 2; form++)
	for (i = form ? (t[0].alt ? name_lower(d, t[0].alt, t[0].alen) : d->n)
		      : name_lower(d, t[0].fold, t[0].flen);
	     i < d->n; i++) {
		const struct name *nm = &d->v[i];
		size_t j;

		if (form ? nm->len[0] != t[0].alen || memcmp(nm->fold + nm->off[0], t[0].alt, t[0].alen)
			 : nm->len[0] != t[0].flen || memcmp(nm->fold + nm->off[0], t[0].fold, t[0].flen))
			break;
		for (j = 1; j < nm->nw; j++) {
			if (j >= *nt) {
				if (eol || !tok_next(s, len, t[j - 1].end, &t[j])) {
					eol = 1;
					break;
				}
				tok_fold(s, d, &t[j]);
				t[j].seplen = sep_norm(s, t[j - 1].end, t[j].start, t[j].sep);
				(*nt)++;
			}
			if (!sep_eq(nm, j, &t[j]) || !word_eq(nm, j, &t[j]))
				break;
		}
		if (j == nm->nw && t[j - 1].end > best)
			best = t[j - 1].end;
	}
	return best;
}

static int next_name(const char *s, size_t len, const px_denylist *d, size_t *pos,
		     struct cand *c)
{
	struct tok t[NAME_MAXW];
	size_t i = *pos;

	while (tok_next(s, len, i, &t[0])) {
		size_t nt = 1, end = 0, k;

		if (!may_match(s, d, &t[0])) {
			i = t[0].end;
			continue;
		}
		tok_fold(s, d, &t[0]);
		if (t[0].failed)
			end = t[0].end; /* fail closed: report the word */
		else
			end = name_match(s, len, d, t, &nt);
		for (k = 0; k < nt; k++) {
			free(t[k].heap);
			free(t[k].alt);
		}
		i = t[0].end;
		if (end) {
			c->kind = PX_PRIV_NAME;
			c->start = t[0].start;
			c->len = end - t[0].start;
			*pos = end;
			return 1;
		}
	}
	*pos = len;
	return 0;
}

/* ---- the scan -------------------------------------------------------- */

enum { DET_IBAN, DET_NUMBER, DET_EMAIL, DET_NAME, NDET };

struct scan {
	const char *s;
	size_t len;
	const px_denylist *deny;
	size_t pos[NDET];
	size_t email_floor;
};

static int advance(struct scan *sc, int det, struct cand *c)
{
	switch (det) {
	case DET_IBAN:
		return next_iban(sc->s, sc->len, &sc->pos[det], c);
	case DET_NUMBER:
		return next_number(sc->s, sc->len, &sc->pos[det], c);
	case DET_EMAIL:
		return next_email(sc->s, sc->len, &sc->pos[det], &sc->email_floor, c);
	case DET_NAME:
		if (!sc->deny || !sc->deny->n)
			return 0;
		return next_name(sc->s, sc->len, sc->deny, &sc->pos[det], c);
	}
	return 0;
}

static int rank(int kind)
{
	switch (kind) {
	case SHADOW: return 6;
	case PX_PRIV_IBAN: return 5;
	case PX_PRIV_NRN: return 4;
	case PX_PRIV_EMAIL: return 3;
	case PX_PRIV_PHONE: return 2;
	default: return 1;
	}
}

static int better(const struct cand *a, const struct cand *b)
{
	if (a->len != b->len)
		return a->len > b->len;
	return rank(a->kind) > rank(b->kind);
}

static void emit(const struct cand *c, px_priv_hit *hits, size_t max, size_t *count)
{
	if (c->kind == SHADOW)
		return;
	if (*count < max) {
		hits[*count].kind = (px_priv_kind)c->kind;
		hits[*count].start = c->start;
		hits[*count].len = c->len;
	}
	(*count)++;
}

size_t px_privacy_scan(const char *line, size_t len, const px_denylist *deny,
		       px_priv_hit *hits, size_t max)
{
	struct scan sc;
	struct cand cur[NDET], pend;
	int live[NDET], have = 0, k;
	size_t count = 0;

	memset(&pend, 0, sizeof pend);

	if (!line)
		return 0;
	if (!hits)
		max = 0;
	memset(&sc, 0, sizeof sc);
	sc.s = line;
	sc.len = len;
	sc.deny = deny;
	for (k = 0; k < NDET; k++)
		live[k] = advance(&sc, k, &cur[k]);
	for (;;) {
		struct cand c;
		int b = -1;

		for (k = 0; k < NDET; k++) {
			if (!live[k])
				continue;
			if (b < 0 || cur[k].start < cur[b].start ||
			    (cur[k].start == cur[b].start && better(&cur[k], &cur[b])))
				b = k;
		}
		if (b < 0)
			break;
		c = cur[b];
		live[b] = advance(&sc, b, &cur[b]);
		if (have && c.start < pend.start + pend.len) {
			if (better(&c, &pend))
				pend = c;
			continue;
		}
		if (have)
			emit(&pend, hits, max, &count);
		pend = c;
		have = 1;
	}
	if (have)
		emit(&pend, hits, max, &count);
	return count;
}

const char *px_priv_kind_name(px_priv_kind k)
{
	switch (k) {
	case PX_PRIV_EMAIL: return "email";
	case PX_PRIV_PHONE: return "phone";
	case PX_PRIV_NRN: return "nrn";
	case PX_PRIV_IBAN: return "iban";
	case PX_PRIV_NAME: return "name";
	}
	return "unknown";
}
