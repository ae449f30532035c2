/*
 * test_privacy.c - the privacy guard's detectors: what they must find
 * (kind, start and length exactly) and what they must leave alone.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "privacy.h"

enum { MAXH = 16 };

static size_t scan(const char *line, const px_denylist *d, px_priv_hit *h)
{
	return px_privacy_scan(line, strlen(line), d, h, MAXH);
}

/* Exactly one hit, of `kind`, covering `what` (its first occurrence). */
static void one_hit(const char *line, const px_denylist *d, px_priv_kind kind,
		    const char *what)
{
	px_priv_hit h[MAXH];
	const char *at = strstr(line, what);
	size_t n = scan(line, d, h);

	if (n != 1 || !at || h[0].kind != kind || h[0].start != (size_t)(at - line) ||
	    h[0].len != strlen(what)) {
		print_error("line: \"%s\": %zu hit(s)", line, n);
		if (n)
			print_error(", first %s at %zu+%zu", px_priv_kind_name(h[0].kind),
				    h[0].start, h[0].len);
		print_error("; want one %s \"%s\"\n", px_priv_kind_name(kind), what);
	}
	assert_int_equal(n, 1);
	assert_non_null(at);
	assert_int_equal(h[0].kind, kind);
	assert_int_equal(h[0].start, (size_t)(at - line));
	assert_int_equal(h[0].len, strlen(what));
}

static void no_hit(const char *line, const px_denylist *d)
{
	px_priv_hit h[MAXH];
	size_t n = scan(line, d, h);

	if (n)
		print_error("line: \"%s\": unexpected %s at %zu+%zu\n", line,
			    px_priv_kind_name(h[0].kind), h[0].start, h[0].len);
	assert_int_equal(n, 0);
}

/* ---- email ------------------------------------------------------------ */

static void test_email_found(void **state)
{
	(void)state;
	one_hit("Mail: jan.peeters@example.be", NULL, PX_PRIV_EMAIL, "jan.peeters@example.be");
	one_hit("<marie+note@sub.mail.co.uk>.", NULL, PX_PRIV_EMAIL, "marie+note@sub.mail.co.uk");
	one_hit("voir [ici](mailto:a_b-c%d@cpas-1060.brussels), merci", NULL, PX_PRIV_EMAIL,
		"a_b-c%d@cpas-1060.brussels");
	one_hit("écrire à josé.garcía@correo.es.", NULL, PX_PRIV_EMAIL, "josé.garcía@correo.es");
	one_hit("UPPER@EXAMPLE.ORG", NULL, PX_PRIV_EMAIL, "UPPER@EXAMPLE.ORG");
	/* the hit stops at what cannot be in an address */
	one_hit("(x@y.be)", NULL, PX_PRIV_EMAIL, "x@y.be");
	one_hit("jan..piet@x.be", NULL, PX_PRIV_EMAIL, "piet@x.be");
}

static void test_email_rejected(void **state)
{
	(void)state;
	no_hit("Volg ons op @cpas_bxl of @jan", NULL);
	no_hit("a bare @ sign, an @ at the end @", NULL);
	no_hit("jan@ niets", NULL);
	no_hit("@example.be", NULL);
	no_hit("user@localhost en root@server", NULL);
	no_hit("logo@2x.png and icon@3x.JPG", NULL);
	no_hit("jan @ example.be", NULL);
	no_hit("a@b.c", NULL);
	no_hit("v@1.2.3", NULL);
	no_hit("jan.@example.be", NULL);
}

/* ---- phone ------------------------------------------------------------ */

static void test_phone_national(void **state)
{
	(void)state;
	one_hit("Tel 02 555 12 34.", NULL, PX_PRIV_PHONE, "02 555 12 34");
	one_hit("02/555.12.34", NULL, PX_PRIV_PHONE, "02/555.12.34");
	one_hit("bureau: 010 45 67 89", NULL, PX_PRIV_PHONE, "010 45 67 89");
	one_hit("025551234", NULL, PX_PRIV_PHONE, "025551234");
	one_hit("gsm 0470 12 34 56, 's avonds", NULL, PX_PRIV_PHONE, "0470 12 34 56");
	one_hit("0470/12.34.56", NULL, PX_PRIV_PHONE, "0470/12.34.56");
	one_hit("tel:0470123456.", NULL, PX_PRIV_PHONE, "0470123456");
	one_hit("0470-12-34-56", NULL, PX_PRIV_PHONE, "0470-12-34-56");
	one_hit("0470 123 456", NULL, PX_PRIV_PHONE, "0470 123 456");
	one_hit("(02) 555 12 34", NULL, PX_PRIV_PHONE, "(02) 555 12 34");
	/* cut from a preceding number at a space */
	one_hit("kamer 12 0470 12 34 56", NULL, PX_PRIV_PHONE, "0470 12 34 56");
}

static void test_phone_international(void **state)
{
	(void)state;
	one_hit("+32 2 555 12 34", NULL, PX_PRIV_PHONE, "+32 2 555 12 34");
	one_hit("bel +32 470 12 34 56!", NULL, PX_PRIV_PHONE, "+32 470 12 34 56");
	one_hit("+32 (0)2 555 12 34", NULL, PX_PRIV_PHONE, "+32 (0)2 555 12 34");
	one_hit("+32(0)470 12 34 56", NULL, PX_PRIV_PHONE, "+32(0)470 12 34 56");
	one_hit("0032 470 12 34 56", NULL, PX_PRIV_PHONE, "0032 470 12 34 56");
	one_hit("+32470123456", NULL, PX_PRIV_PHONE, "+32470123456");
	one_hit("+32 0470 12 34 56", NULL, PX_PRIV_PHONE, "+32 0470 12 34 56");
}

static void test_phone_rejected(void **state)
{
	(void)state;
	/* dates, years, times */
	no_hit("Gesprek op 2023-01-17, 17/01/2023 of 17.01.2023 om 14:30", NULL);
	no_hit("01/02/23 456 en 04/05/2023 12 en 14:30-16:00", NULL);
	no_hit("In 2023 en 2024; session du 02.05.2023 10h", NULL);
	/* counts, session numbers, amounts, postal codes, short numbers */
	no_hit("sessie 3, 12 aanwezigen, dossier 4521", NULL);
	no_hit("1 500 euro, 0,50 euro, 12 345 678 euro", NULL);
	no_hit("1000 Brussel, 1060 Saint-Gilles, 1080", NULL);
	no_hit("bel 112 of 1712", NULL);
	/* glued to letters or digits, or part of a longer number */
	no_hit("x0470123456 0470123456x tel0470123456", NULL);
	no_hit("04701234567 12340470123456 0470.12.34.56.78", NULL);
	no_hit("0470 12 34 567 and 0470 12 34 56:30 and 0470 12 34 56,5", NULL);
	no_hit("2023-0470123456", NULL);
	/* wrong length, wrong prefix, or not a Belgian number */
	no_hit("02 555 12 3 and 0470 12 34 5 and 0370 12 34 56", NULL);
	no_hit("+33 6 12 34 5 and +31 20 555 12 and 0044 20 7946 0958", NULL);
	no_hit("00 555 12 34 and 0 2 5 5 5 1 2 3 4", NULL);
	/* an enterprise number (KBO/BCE): 97 - 4031707 % 97 == 01 */
	no_hit("KBO 0403.170.701", NULL);
}

/* ---- national register number ------------------------------------------ */

/*
 * Values derived with python3:
 *   pre-2000:  97 - 850730033 % 97 == 28               -> 85073003328
 *              97 - 920101001 % 97 == 65               -> 92010100165
 *   post-2000: 97 - (2000000000 + 170615456) % 97 == 7  -> 17061545607
 *              (the pre-2000 rule would want 75)
 *              97 - (2000000000 + 010203123) % 97 == 45 -> 01020312345
 *              (the pre-2000 rule would want 16)
 *   wrong: 85073003329 (wants 28 or 57), 17061545608 (7 or 75),
 *          01020312346 (45 or 16)
 */
static void test_nrn_checksum(void **state)
{
	(void)state;
	assert_true(px_nrn_valid("85073003328"));
	assert_true(px_nrn_valid("92010100165"));
	assert_true(px_nrn_valid("17061545607"));
	assert_true(px_nrn_valid("01020312345"));
	assert_false(px_nrn_valid("85073003329"));
	assert_false(px_nrn_valid("17061545608"));
	assert_false(px_nrn_valid("01020312346"));
	assert_false(px_nrn_valid("8507300332"));
	assert_false(px_nrn_valid("850730033280"));
	assert_false(px_nrn_valid("85073003a28"));
	assert_false(px_nrn_valid(""));
	assert_false(px_nrn_valid(NULL));
}

static void test_nrn_found(void **state)
{
	(void)state;
	one_hit("RR 85.07.30-033.28.", NULL, PX_PRIV_NRN, "85.07.30-033.28");
	one_hit("nr 85073003328", NULL, PX_PRIV_NRN, "85073003328");
	one_hit("850730 033 28", NULL, PX_PRIV_NRN, "850730 033 28");
	one_hit("(85.07.30 033-28)", NULL, PX_PRIV_NRN, "85.07.30 033-28");
	one_hit("NN: 17.06.15-456.07", NULL, PX_PRIV_NRN, "17.06.15-456.07");
	one_hit("01020312345", NULL, PX_PRIV_NRN, "01020312345");
	one_hit("92 01 01 001 65", NULL, PX_PRIV_NRN, "92 01 01 001 65");
}

static void test_nrn_rejected(void **state)
{
	(void)state;
	no_hit("85.07.30-033.29", NULL);
	no_hit("17061545608 en 01020312346", NULL);
	/* a valid number glued to letters or inside a longer one */
	no_hit("X85073003328 850730033281 1.85.07.30-033.28", NULL);
	/* groups that do not fall on the 2|2|2|3|2 boundaries */
	no_hit("850 730 033 28 en 8507 3003 328", NULL);
	/* with a "+" it is a phone number (test_layouts) */
}

/* ---- IBAN --------------------------------------------------------------- */

/*
 * Checked with python3 (int(rearranged, 36-digit expansion) % 97 == 1):
 * BE71 0961 2345 6769, BE68 5390 0754 7034, NL91 ABNA 0417 1643 00,
 * FR14 2004 1010 0505 0001 3M02 606, DE89 3704 0044 0532 0130 00,
 * LU28 0019 4006 4475 0000 are valid; the same with the last character
 * changed (…6760, …1643 01, …3M02 607) are not.
 */
static void test_iban_checksum(void **state)
{
	static const char *const good[] = {
		"BE71096123456769", "BE68539007547034", "NL91ABNA0417164300",
		"FR1420041010050500013M02606", "DE89370400440532013000",
		"LU280019400644750000", "be71096123456769", "nl91abna0417164300",
	};
	static const char *const bad[] = {
		"BE71096123456760", "NL91ABNA0417164301", "FR1420041010050500013M02607",
		"BE7109612345676", "BE710961234567690", /* wrong length for BE */
		"BE7A096123456769", "B371096123456769", "BE71-0961234567",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof good / sizeof good[0]; i++)
		assert_true(px_iban_valid(good[i], strlen(good[i])));
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++)
		assert_false(px_iban_valid(bad[i], strlen(bad[i])));
	assert_false(px_iban_valid("", 0));
	assert_false(px_iban_valid(NULL, 0));
}

static void test_iban_found(void **state)
{
	(void)state;
	one_hit("IBAN BE71 0961 2345 6769.", NULL, PX_PRIV_IBAN, "BE71 0961 2345 6769");
	one_hit("rek. BE71096123456769", NULL, PX_PRIV_IBAN, "BE71096123456769");
	one_hit("be68 5390 0754 7034 betaald", NULL, PX_PRIV_IBAN, "be68 5390 0754 7034");
	one_hit("op BE71 0961 2345 6769 2023 overgeschreven", NULL, PX_PRIV_IBAN,
		"BE71 0961 2345 6769");
	one_hit("NL91 ABNA 0417 1643 00", NULL, PX_PRIV_IBAN, "NL91 ABNA 0417 1643 00");
	one_hit("(FR14 2004 1010 0505 0001 3M02 606)", NULL, PX_PRIV_IBAN,
		"FR14 2004 1010 0505 0001 3M02 606");
	one_hit("DE89370400440532013000", NULL, PX_PRIV_IBAN, "DE89370400440532013000");
	one_hit("LU28 0019 4006 4475 0000", NULL, PX_PRIV_IBAN, "LU28 0019 4006 4475 0000");
}

static void test_iban_rejected(void **state)
{
	(void)state;
	/* wrong checksum: and the digits are no phone number either */
	no_hit("BE71 0961 2345 6760", NULL);
	no_hit("NL91 ABNA 0417 1643 01", NULL);
	no_hit("FR14 2004 1010 0505 0001 3M02 607", NULL);
	/* glued, wrongly grouped, too short or too long for BE */
	no_hit("XBE71096123456769 BE71096123456769X", NULL);
	no_hit("BE71 09612345 6769 and BE71  0961 2345 6769", NULL);
	no_hit("BE7109612345676 BE710961234567690", NULL);
	no_hit("BE68 5390 0754 703", NULL);
}

/* ---- deny list ---------------------------------------------------------- */

static char *temp_file(const char *content)
{
	const char *dir = getenv("TMPDIR");
	char *path = malloc(4096);
	int fd;
	FILE *f;

	assert_non_null(path);
	snprintf(path, 4096, "%s/px-deny-XXXXXX", dir && *dir ? dir : "/tmp");
	fd = mkstemp(path);
	assert_true(fd >= 0);
	f = fdopen(fd, "w");
	assert_non_null(f);
	fputs(content, f);
	fclose(f);
	return path;
}

static void test_denylist_load(void **state)
{
	char *path = temp_file("# clients, do not commit\n"
			       "\n"
			       "Müller\r\n"
			       "   Jean Dupont  \n"
			       "\t# indented comment\n"
			       "   \n"
			       "Van der Berg\n"
			       "D'Hondt");
	px_denylist *d = NULL;
	px_diag diag = PX_DIAG_INIT;

	(void)state;
	assert_int_equal(px_denylist_load(&d, path, &diag), 0);
	assert_non_null(d);
	one_hit("Mevrouw MULLER kwam", d, PX_PRIV_NAME, "MULLER");
	one_hit("avec jean dupont", d, PX_PRIV_NAME, "jean dupont");
	one_hit("familie van der berg", d, PX_PRIV_NAME, "van der berg");
	one_hit("d’Hondt", d, PX_PRIV_NAME, "d’Hondt");
	/* comments are not names */
	no_hit("clients do not commit indented comment", d);
	px_denylist_free(d);
	unlink(path);
	free(path);
}

static void test_denylist_missing_and_errors(void **state)
{
	char *path = temp_file("Dupont\n\xff\xfe\n");
	px_denylist *d = (px_denylist *)&d;
	px_diag diag = PX_DIAG_INIT;

	(void)state;
	assert_int_equal(px_denylist_load(&d, "/nonexistent/praxis/denylist", &diag), 0);
	assert_int_equal(diag.n, 0);
	assert_non_null(d);
	no_hit("Jean Dupont", d);
	px_denylist_free(d);
	px_denylist_free(NULL);

	/* a name that is not UTF-8: an error at its line, a negative code */
	assert_int_equal(px_denylist_load(&d, path, &diag), -1);
	assert_null(d);
	assert_int_equal(diag.n, 1);
	assert_int_equal(diag.errors, 1);
	assert_string_equal(diag.items[0].rule, "encoding");
	assert_int_equal(diag.items[0].line, 2);
	assert_string_equal(diag.items[0].file, path);
	{
		static const char *const bad[] = { "Dupont", "\xff\xfe" };
		assert_int_equal(px_denylist_from(&d, bad, 2), PX_DENY_EILSEQ);
		assert_null(d);
	}
	unlink(path);
	free(path);

	/* a directory cannot be read */
	assert_int_equal(px_denylist_load(&d, "/", &diag), -1);
	assert_null(d);
	assert_int_equal(diag.n, 2);
	assert_string_equal(diag.items[1].rule, "io-error");
	px_diag_free(&diag);
}

static void test_name_matching(void **state)
{
	static const char *const names[] = {
		"Müller", "Dupont", "Jean Dupont", "Jean-Pierre Martin", "Strauß", " Éloïse ",
		NULL, "", "---",
	};
	px_denylist *d = NULL;
	px_priv_hit h[MAXH];

	(void)state;
	assert_int_equal(px_denylist_from(&d, names, sizeof names / sizeof names[0]), 0);
	/* case- and accent-insensitive, hits in original bytes */
	one_hit("Herr muller", d, PX_PRIV_NAME, "muller");
	one_hit("Herr MÜLLER", d, PX_PRIV_NAME, "MÜLLER");
	one_hit("Herr Müller.", d, PX_PRIV_NAME, "Müller");
	one_hit("Herr Mu\xcc\x88ller", d, PX_PRIV_NAME, "Mu\xcc\x88ller"); /* decomposed */
	one_hit("eloise", d, PX_PRIV_NAME, "eloise");
	one_hit("ÉLOÏSE!", d, PX_PRIV_NAME, "ÉLOÏSE");
	one_hit("Familie STRAUSS", d, PX_PRIV_NAME, "STRAUSS");
	/* whole words only */
	one_hit("dupont", d, PX_PRIV_NAME, "dupont");
	one_hit("Dupont's zoon", d, PX_PRIV_NAME, "Dupont");
	no_hit("Dupontel, Dupont2, LeDupont, Müllerstraße", d);
	no_hit("Dupon, Jean", d);
	/* multi-word names: any run of white space, the longest name wins */
	one_hit("vu Jean   Dupont hier", d, PX_PRIV_NAME, "Jean   Dupont");
	one_hit("JEAN\tdupont", d, PX_PRIV_NAME, "JEAN\tdupont");
	one_hit("Jean Pierre Martin", d, PX_PRIV_NAME, "Jean Pierre Martin");
	one_hit("jean-pierre MARTIN", d, PX_PRIV_NAME, "jean-pierre MARTIN");
	/* "Jean, Dupont" is not "Jean Dupont", but Dupont alone is a name */
	one_hit("Jean, Dupont", d, PX_PRIV_NAME, "Dupont");
	no_hit("Jean-Pierre Martinez", d);
	/* a NULL or empty deny list finds no names */
	assert_int_equal(scan("Jean Dupont", NULL, h), 0);
	px_denylist_free(d);
	assert_int_equal(px_denylist_from(&d, NULL, 0), 0);
	assert_int_equal(scan("Jean Dupont", d, h), 0);
	px_denylist_free(d);
}

/* ---- layouts ---------------------------------------------------------------- */

/*
 * Every layout doc/check.md names, and the numbers it says are left
 * alone: each line gives one finding of `kind` covering `what`, or none
 * (kind NONE). 539-0075470-34: 5390075470 % 97 == 34; 539-0075470-35
 * fails; 000-0000097-97 holds (0 % 97 == 0 gives 97).
 */
#define NONE (-1)
static const struct {
	const char *line;
	int kind;
	const char *what;
} layouts[] = {
	/* phone: Belgian landlines and mobiles */
	{ "tel. 02 / 555 12 34.", PX_PRIV_PHONE, "02 / 555 12 34" },
	{ "02/555 12 34", PX_PRIV_PHONE, "02/555 12 34" },
	{ "02 555 1234", PX_PRIV_PHONE, "02 555 1234" },
	{ "gsm 04 70 12 34 56", PX_PRIV_PHONE, "04 70 12 34 56" },
	{ "0470 / 12 34 56", PX_PRIV_PHONE, "0470 / 12 34 56" },
	/* phone: Belgian, international */
	{ "+32 (0)2 555 12 34", PX_PRIV_PHONE, "+32 (0)2 555 12 34" },
	{ "0032 2 555 12 34", PX_PRIV_PHONE, "0032 2 555 12 34" },
	{ "bel +32470 12 34 56", PX_PRIV_PHONE, "+32470 12 34 56" },
	{ "+322 555 12 34", PX_PRIV_PHONE, "+322 555 12 34" },
	{ "00 32 470 12 34 56", PX_PRIV_PHONE, "00 32 470 12 34 56" },
	{ "00 32 2 555 12 34", PX_PRIV_PHONE, "00 32 2 555 12 34" },
	{ "0032470123456", PX_PRIV_PHONE, "0032470123456" },
	/* phone: the neighbours, + or 00 */
	{ "+33 6 12 34 56 78", PX_PRIV_PHONE, "+33 6 12 34 56 78" },
	{ "+33 (0)6 12 34 56 78", PX_PRIV_PHONE, "+33 (0)6 12 34 56 78" },
	{ "0033 1 23 45 67 89", PX_PRIV_PHONE, "0033 1 23 45 67 89" },
	{ "+33612345678", PX_PRIV_PHONE, "+33612345678" },
	{ "+31 6 12345678", PX_PRIV_PHONE, "+31 6 12345678" },
	{ "+31 20 555 1234", PX_PRIV_PHONE, "+31 20 555 1234" },
	{ "0031 20 555 1234", PX_PRIV_PHONE, "0031 20 555 1234" },
	{ "+352 621 123 456", PX_PRIV_PHONE, "+352 621 123 456" },
	{ "+352 22 33 44", PX_PRIV_PHONE, "+352 22 33 44" },
	{ "00352 621 123 456", PX_PRIV_PHONE, "00352 621 123 456" },
	{ "+49 30 1234567", PX_PRIV_PHONE, "+49 30 1234567" },
	{ "+49 151 12345678", PX_PRIV_PHONE, "+49 151 12345678" },
	{ "0049 30 12345678", PX_PRIV_PHONE, "0049 30 12345678" },
	{ "0031 0 20 555 1234", PX_PRIV_PHONE, "0031 0 20 555 1234" }, /* trunk 0 written */
	/* phone: other countries, with a "+" */
	{ "+212 6 12 34 56 78", PX_PRIV_PHONE, "+212 6 12 34 56 78" },
	{ "+1 212 555 0123", PX_PRIV_PHONE, "+1 212 555 0123" },
	{ "+85073003328", PX_PRIV_PHONE, "+85073003328" },
	{ "+44 20 7946 0958", PX_PRIV_PHONE, "+44 20 7946 0958" },
	/* phone: left alone */
	{ "0033 6 12 34", NONE, NULL },     /* too short for France */
	{ "+31 6 1234567", NONE, NULL },    /* 8 digits: too short for NL */
	{ "+49 30 12", NONE, NULL },
	{ "0044 20 7946 0958", NONE, NULL }, /* 00 + another country */
	{ "04 70 12 34 5", NONE, NULL },
	{ "04/05/2023 12 en 03 04 2023", NONE, NULL },
	{ "+12 aanwezigen, +1 500 euro, +2,5 %", NONE, NULL },
	{ "+15 000 000 euro", NONE, NULL },
	{ "02 - 555 12 34", NONE, NULL },  /* " - " reads as a range */
	/* IBAN */
	{ "BE68-5390-0754-7034", PX_PRIV_IBAN, "BE68-5390-0754-7034" },
	{ "BE68539007547034", PX_PRIV_IBAN, "BE68539007547034" },
	{ "BE68.5390.0754.7034.", PX_PRIV_IBAN, "BE68.5390.0754.7034" },
	{ "rek. BE 68 5390 0754 7034", PX_PRIV_IBAN, "BE 68 5390 0754 7034" },
	{ "be 68 5390 0754 7034", PX_PRIV_IBAN, "be 68 5390 0754 7034" },
	{ "NL91-ABNA-0417-1643-00", PX_PRIV_IBAN, "NL91-ABNA-0417-1643-00" },
	{ "BE68-5390 0754-7034", NONE, NULL }, /* mixed separators */
	{ "BE 68 5390 0754 7035", NONE, NULL }, /* checksum */
	{ "BE68.5390.0754.7035", NONE, NULL },
	{ "XX 68 5390 0754 7034", NONE, NULL }, /* no such country */
	/* the old Belgian account number */
	{ "rek. 539-0075470-34", PX_PRIV_IBAN, "539-0075470-34" },
	{ "539 0075470 34", PX_PRIV_IBAN, "539 0075470 34" },
	{ "539.0075470.34", PX_PRIV_IBAN, "539.0075470.34" },
	{ "000-0000097-97", PX_PRIV_IBAN, "000-0000097-97" },
	{ "539-0075470-35", NONE, NULL },
	{ "539007547034", NONE, NULL }, /* compact: not looked for */
	{ "5390-075470-34", NONE, NULL },
	/* national register number, with and without separators */
	{ "RR 85073003328", PX_PRIV_NRN, "85073003328" },
	{ "85.07.30-033.28", PX_PRIV_NRN, "85.07.30-033.28" },
	{ "85 07 30 033 28", PX_PRIV_NRN, "85 07 30 033 28" },
	{ "85073003329", NONE, NULL },
	/* what a note is full of */
	{ "Sessie 4 op 2023-01-17 (17/01/2023), cyclus 2022-2023", NONE, NULL },
	{ "1 234,56 EUR en 12 345,00 EUR; 1.234.567 euro", NONE, NULL },
	{ "14 aanwezigen, 3 afwezig; sessie 12 van 2022-2023; 2022 - 2023", NONE, NULL },
	{ "om 14:30, 1060 Sint-Gillis, dossier 2023/0456", NONE, NULL },
};

static void test_layouts(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof layouts / sizeof *layouts; i++) {
		if (layouts[i].kind == NONE)
			no_hit(layouts[i].line, NULL);
		else
			one_hit(layouts[i].line, NULL, (px_priv_kind)layouts[i].kind, layouts[i].what);
	}
}

/* One person, however a list or a form writes the name. */
static void test_name_spellings(void **state)
{
	static const char *const names[] = { "Jan Peeters", "Müller", "Jürgen Schäfer",
					     "Lukasz Nowak", "Ayse Yildiz", "Mueller-Lüdenscheidt",
					     "Marie Van den Broeck" };
	static const struct {
		const char *line, *what;
	} found[] = {
		{ "Peeters, Jan belde", "Peeters, Jan" },
		{ "PEETERS Jan belde", "PEETERS Jan" },
		{ "Peeters Jan belde", "Peeters Jan" },
		{ "peeters ,jan", "peeters ,jan" },
		{ "Jan Peeters", "Jan Peeters" },
		{ "Herr Mueller", "Mueller" },
		{ "MUELLER", "MUELLER" },
		{ "Herr Müller", "Müller" },
		{ "Mu\xcc\x88ller", "Mu\xcc\x88ller" },
		{ "Juergen Schaefer", "Juergen Schaefer" },
		{ "Jürgen Schaefer", "Jürgen Schaefer" },
		{ "Schäfer, Juergen", "Schäfer, Juergen" },
		{ "Łukasz Nowak", "Łukasz Nowak" },
		{ "NOWAK Łukasz", "NOWAK Łukasz" },
		{ "Ayşe Yıldız", "Ayşe Yıldız" },
		{ "Yıldız, Ayşe", "Yıldız, Ayşe" },
		{ "Müller-Lüdenscheidt", "Müller-Lüdenscheidt" },
		{ "Van den Broeck, Marie", "Van den Broeck, Marie" },
		{ "Broeck Marie Van den", "Broeck Marie Van den" },
	};
	static const char *const none[] = {
		"Jan, Peeters", "Peeters; Jan", "Peeters. Jan", "Peters Jan", "Ludenscheidt",
		"Mueler", "Jurgen Schaefer", "Nowak Lukas",
	};
	px_denylist *d = NULL;
	size_t i;

	(void)state;
	assert_int_equal(px_denylist_from(&d, names, sizeof names / sizeof *names), 0);
	for (i = 0; i < sizeof found / sizeof *found; i++)
		one_hit(found[i].line, d, PX_PRIV_NAME, found[i].what);
	for (i = 0; i < sizeof none / sizeof *none; i++)
		no_hit(none[i], d);
	px_denylist_free(d);
}

/* ---- several findings, overlaps, limits ---------------------------------- */

static void test_ordered_hits(void **state)
{
	static const char *const names[] = { "Jean Dupont", "Peeters" };
	const char *line = "Jean Dupont (jean.dupont@example.be, 0470 12 34 56) "
			   "betaalt via BE71 0961 2345 6769; RR 85.07.30-033.28, "
			   "Peeters +32 2 555 12 34";
	static const struct {
		px_priv_kind kind;
		const char *what;
	} want[] = {
		{ PX_PRIV_NAME, "Jean Dupont" },
		{ PX_PRIV_EMAIL, "jean.dupont@example.be" },
		{ PX_PRIV_PHONE, "0470 12 34 56" },
		{ PX_PRIV_IBAN, "BE71 0961 2345 6769" },
		{ PX_PRIV_NRN, "85.07.30-033.28" },
		{ PX_PRIV_NAME, "Peeters" },
		{ PX_PRIV_PHONE, "+32 2 555 12 34" },
	};
	px_denylist *d = NULL;
	px_priv_hit h[MAXH];
	size_t n, i;

	(void)state;
	assert_int_equal(px_denylist_from(&d, names, 2), 0);
	n = scan(line, d, h);
	assert_int_equal(n, sizeof want / sizeof want[0]);
	for (i = 0; i < n; i++) {
		const char *at = strstr(line, want[i].what);
		assert_int_equal(h[i].kind, want[i].kind);
		assert_int_equal(h[i].start, (size_t)(at - line));
		assert_int_equal(h[i].len, strlen(want[i].what));
		if (i)
			assert_true(h[i].start >= h[i - 1].start + h[i - 1].len);
	}
	/* the count is the total even when fewer fit */
	memset(h, 0, sizeof h);
	assert_int_equal(px_privacy_scan(line, strlen(line), d, h, 2), n);
	assert_int_equal(h[1].kind, PX_PRIV_EMAIL);
	assert_int_equal(h[2].len, 0);
	assert_int_equal(px_privacy_scan(line, strlen(line), d, NULL, 0), n);
	px_denylist_free(d);
}

static void test_overlaps(void **state)
{
	static const char *const names[] = { "Dupont", "ABNA" };
	px_denylist *d = NULL;

	(void)state;
	assert_int_equal(px_denylist_from(&d, names, 2), 0);
	/* the digits of a valid IBAN would make a mobile number */
	one_hit("NL91 ABNA 0417 1643 00", d, PX_PRIV_IBAN, "NL91 ABNA 0417 1643 00");
	/* the name inside an address */
	one_hit("jan.dupont@example.be", d, PX_PRIV_EMAIL, "jan.dupont@example.be");
	/* the name still counts next to it */
	one_hit("Dupont: 17/01/2023", d, PX_PRIV_NAME, "Dupont");
	px_denylist_free(d);
	assert_string_equal(px_priv_kind_name(PX_PRIV_EMAIL), "email");
	assert_string_equal(px_priv_kind_name(PX_PRIV_PHONE), "phone");
	assert_string_equal(px_priv_kind_name(PX_PRIV_NRN), "nrn");
	assert_string_equal(px_priv_kind_name(PX_PRIV_IBAN), "iban");
	assert_string_equal(px_priv_kind_name(PX_PRIV_NAME), "name");
}

/* ---- robustness ----------------------------------------------------------- */

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void plant(char *s, size_t at, const char *what)
{
	memcpy(s + at, what, strlen(what));
}

static void test_long_line(void **state)
{
	enum { N = 1 << 20 };
	static const char *const names[] = { "Jean Dupont", "Müller", "Peeters" };
	const char *text = "De cliënt kwam op 17/01/2023 om 14:30 met 3 kinderen; "
			   "1060 Sint-Gillis, 1 500 euro. L'usager était présent (2e fois). ";
	char *s = malloc(N);
	px_denylist *d = NULL;
	px_priv_hit h[MAXH];
	size_t i, tl = strlen(text), n;
	double t0;

	(void)state;
	assert_non_null(s);
	assert_int_equal(px_denylist_from(&d, names, 3), 0);
	for (i = 0; i < N; i++)
		s[i] = text[i % tl];
	/* plant values between spaces, away from the pattern's own words */
	plant(s, 100000, " jan@example.be ");
	plant(s, 400000, " 0470 12 34 56 ");
	plant(s, 600000, " BE71 0961 2345 6769 ");
	plant(s, 800000, " 85073003328 ");
	plant(s, N - 14, " Jean   Dupont");
	t0 = now();
	n = px_privacy_scan(s, N, d, h, MAXH);
	/* linear time: well under 100 ms optimised, generous for valgrind */
	assert_true(now() - t0 < 10.0);
	assert_int_equal(n, 5);
	assert_int_equal(h[0].kind, PX_PRIV_EMAIL);
	assert_int_equal(h[0].start, 100001);
	assert_int_equal(h[1].kind, PX_PRIV_PHONE);
	assert_int_equal(h[1].start, 400001);
	assert_int_equal(h[2].kind, PX_PRIV_IBAN);
	assert_int_equal(h[2].start, 600001);
	assert_int_equal(h[3].kind, PX_PRIV_NRN);
	assert_int_equal(h[3].start, 800001);
	assert_int_equal(h[4].kind, PX_PRIV_NAME);
	assert_int_equal(h[4].start, N - 13);
	assert_int_equal(h[4].len, 13);
	px_denylist_free(d);
	free(s);
}

/* Inputs built to make a careless scanner quadratic. */
static void test_pathological_lines(void **state)
{
	enum { N = 1 << 18 };
	static const char *const pats[] = {
		"1 ", "0470 ", "01 ", "a@", "a@b.", "a.", "BE71 ", "BE71 0961 ", "jean ",
		"+32 ", "(0)", "1 (0) ", "\xc3\xa9 ", "e\xcc\x81", " ",
	};
	static const char *const names[] = { "Jean Dupont", "Jean Dupont Junior", "Jean Martin" };
	char *s = malloc(N);
	px_denylist *d = NULL;
	px_priv_hit h[MAXH];
	size_t i, p;
	double t0 = now();

	(void)state;
	assert_non_null(s);
	assert_int_equal(px_denylist_from(&d, names, 3), 0);
	for (p = 0; p < sizeof pats / sizeof pats[0]; p++) {
		size_t pl = strlen(pats[p]);
		for (i = 0; i < N; i++)
			s[i] = pats[p][i % pl];
		assert_int_equal(px_privacy_scan(s, N, d, h, MAXH), 0);
	}
	/* one long word, one long address-like run */
	memset(s, 'a', N);
	assert_int_equal(px_privacy_scan(s, N, d, h, MAXH), 0);
	s[N / 2] = '@';
	assert_int_equal(px_privacy_scan(s, N, d, h, MAXH), 0);
	memcpy(s, "jean", 4);
	memset(s + 4, ' ', N - 4);
	assert_int_equal(px_privacy_scan(s, N, d, h, MAXH), 0);
	assert_true(now() - t0 < 20.0);
	px_denylist_free(d);
	free(s);
}

static void test_invalid_utf8(void **state)
{
	static const char *const names[] = { "Müller", "Jean Dupont" };
	static const char bad[] = "\xff\xfe M\xc3 \xc3\xbc\xed\xa0\x80 \xe2\x82 \xf0\x9f\x98 "
				  "\xc0\xaf \x80\x80\x80 ";
	px_denylist *d = NULL;
	px_priv_hit h[MAXH];
	char buf[512];
	char *rnd;
	size_t i, r;
	unsigned seed = 12345;

	(void)state;
	assert_int_equal(px_denylist_from(&d, names, 2), 0);
	assert_int_equal(px_privacy_scan(bad, sizeof bad - 1, d, h, MAXH), 0);
	/* values next to invalid bytes are still found, the bytes are not in them */
	snprintf(buf, sizeof buf, "\xff%s\xfe Müller\xc3 Jean\xa0" "Dupont 0470 12 34 56\xe2\x82",
		 "jan@example.be");
	assert_int_equal(px_privacy_scan(buf, strlen(buf), d, h, MAXH), 3);
	assert_int_equal(h[0].kind, PX_PRIV_EMAIL);
	assert_int_equal(h[0].start, 1);
	assert_int_equal(h[0].len, 14);
	assert_int_equal(h[1].kind, PX_PRIV_NAME);
	assert_int_equal(h[1].start, 17);
	assert_int_equal(h[1].len, 7);
	assert_int_equal(h[2].kind, PX_PRIV_PHONE);
	assert_int_equal(h[2].start, 38);
	/* truncated sequences at the very end, and embedded NULs */
	assert_int_equal(px_privacy_scan("M\xc3", 2, d, h, MAXH), 0);
	assert_int_equal(px_privacy_scan("a@b\0.be", 7, d, h, MAXH), 0);
	assert_int_equal(px_privacy_scan("", 0, d, h, MAXH), 0);
	/* random bytes */
	rnd = malloc(1 << 16);
	assert_non_null(rnd);
	for (r = 0; r < 8; r++) {
		for (i = 0; i < 1 << 16; i++) {
			seed = seed * 1103515245u + 12345u;
			rnd[i] = (char)(seed >> 16);
		}
		(void)px_privacy_scan(rnd, 1 << 16, d, h, MAXH);
	}
	free(rnd);
	px_denylist_free(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_email_found),
		cmocka_unit_test(test_email_rejected),
		cmocka_unit_test(test_phone_national),
		cmocka_unit_test(test_phone_international),
		cmocka_unit_test(test_phone_rejected),
		cmocka_unit_test(test_nrn_checksum),
		cmocka_unit_test(test_nrn_found),
		cmocka_unit_test(test_nrn_rejected),
		cmocka_unit_test(test_iban_checksum),
		cmocka_unit_test(test_iban_found),
		cmocka_unit_test(test_iban_rejected),
		cmocka_unit_test(test_denylist_load),
		cmocka_unit_test(test_denylist_missing_and_errors),
		cmocka_unit_test(test_name_matching),
		cmocka_unit_test(test_layouts),
		cmocka_unit_test(test_name_spellings),
		cmocka_unit_test(test_ordered_hits),
		cmocka_unit_test(test_overlaps),
		cmocka_unit_test(test_long_line),
		cmocka_unit_test(test_pathological_lines),
		cmocka_unit_test(test_invalid_utf8),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
