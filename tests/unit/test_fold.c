/*
 * test_fold.c - px_fold(): case, accents, and the letters that do not
 * decompose (ICU's Latin-ASCII spellings, src/fold_table.h), which every
 * caller (hashtags, search, deny list, did-you-mean) shares.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "codebook.h"
#include "fold.h"

static void test_letters_without_decomposition(void **state)
{
	static const struct {
		const char *in, *want;
	} cases[] = {
		{ "cœur", "coeur" }, { "SŒUR", "soeur" }, { "Œuvre", "oeuvre" },
		{ "Łódź", "lodz" }, { "Łukasz", "lukasz" }, { "Øresund", "oresund" },
		{ "Straße", "strasse" }, { "STRAẞE", "strasse" }, { "Đorđević", "dordevic" },
		{ "Ħamrun", "hamrun" }, { "Yıldız", "yildiz" }, { "Ayşe", "ayse" },
		{ "Æsir", "aesir" }, { "nævø", "naevo" }, { "Þór", "thor" },
		{ "þorn", "thorn" }, { "coŀlecció", "colleccio" }, { "COĿLECCIÓ", "colleccio" },
		{ "ĳs", "ijs" }, { "Ĳssel", "ijssel" }, { "Garðar", "gardar" },
		{ "ŋ ĸ ŧ", "n q t" }, { "ǿ", "o" }, { "o\xcc\xb8", "o" },
		/* what folded before still does */
		{ "Expérience", "experience" }, { "hôpital", "hopital" },
		{ "Mu\xcc\x88ller", "muller" }, { "ＡＢＣ１", "abc1" }, { "plain ascii", "plain ascii" },
		{ "", "" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof *cases; i++) {
		char *f = px_fold(cases[i].in, strlen(cases[i].in));
		assert_non_null(f);
		if (strcmp(f, cases[i].want))
			print_error("px_fold(\"%s\") = \"%s\", want \"%s\"\n", cases[i].in, f,
				    cases[i].want);
		assert_string_equal(f, cases[i].want);
		free(f);
	}
	/* invalid UTF-8 is refused, also next to a letter of the table */
	assert_null(px_fold("c\xc5\x93\xff", 4));
	assert_null(px_fold("\xc5", 1));
}

static void test_did_you_mean_folds_alike(void **state)
{
	static const char *const cands[] = { "sœur", "Łódź", "tijd", "Øresund" };

	(void)state;
	assert_string_equal(px_suggest("soeurr", cands, 4), "sœur");
	assert_string_equal(px_suggest("lodzz", cands, 4), "Łódź");
	assert_string_equal(px_suggest("oresunt", cands, 4), "Øresund");
	assert_null(px_suggest("xyzzy", cands, 4));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_letters_without_decomposition),
		cmocka_unit_test(test_did_you_mean_folds_alike),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
