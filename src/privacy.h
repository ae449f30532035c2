/*
 * privacy.h - detectors for content that identifies a person.
 *
 * Notes speak of vulnerable people; before a note is committed, `check`
 * runs these detectors over every line of it (front matter included) and
 * refuses what they find. Each detector is precise rather than eager:
 * numbers whose checksum fails are not flagged.
 *
 *   email  an e-mail address (local@domain.tld)
 *   phone  a Belgian phone number: national (02 555 12 34, 0470 12 34 56,
 *          02/555.12.34) or international (+32 470 12 34 56, 0032 2 ...);
 *          a French, Dutch, Luxembourg or German one with + or 00; any
 *          other country's with +
 *   nrn    a Belgian national register number (YY.MM.DD-XXX.CC, with or
 *          without separators) whose mod-97 check digits are right, for
 *          people born before 2000 or from 2000 on (the "2" prefix rule)
 *   iban   a bank account number: an IBAN (any country, in groups of 4
 *          or compact) whose ISO 13616 mod-97 checksum is right, or an
 *          old Belgian account number (539-0075470-34) whose check holds
 *   name   a name from the knowledge base's deny list, matched as whole
 *          words, case- and accent-insensitively (px_fold), also with
 *          its last words first
 *
 * What each accepts, in more detail:
 *
 *   email  local@domain.tld: the local part of letters (any script),
 *          digits and . _ % + -; two domain labels or more, the last one
 *          of letters (2+) or xn--. "@handle", a bare "@", user@localhost
 *          and file names such as logo@2x.png are not addresses.
 *   phone  digit groups joined by one ' ', '.', '/' or '-', or " / ": 9
 *          digits starting 0 (0X XXX XX XX, 0XX XX XX XX), 10 starting 04
 *          (04XX XX XX XX, 04 XX XX XX XX), or +32 / 0032 / 00 32 + the
 *          same without the 0 ("(0)" or the 0 allowed after it, the first
 *          group glued to the code: +32470 ...); also "(02) 555 12 34" and
 *          compact forms. Grouped landlines start with a group of 2 or 3
 *          digits (a 2-digit one followed by 3+ digits), mobiles with
 *          0XXX or five pairs. +33 / 0033 and +31 / 0031: 9 national
 *          digits; +352 / 00352: 6 to 11; +49 / 0049: 7 to 11; any other
 *          + number: 10 to 15 digits in all.
 *          Not: dates, times, amounts, postal codes, short numbers, a
 *          number glued to letters, or part of a longer number (one
 *          joined by . / - or followed by ":30" / ",5"); a number may be
 *          cut from its neighbours only at a space. A 0XXX.XXX.XXX
 *          whose enterprise-number (KBO/BCE) check holds is not a phone.
 *   nrn    11 digits grouped as 2|2|2|3|2 (any groups may be merged):
 *          85.07.30-033.28, 850730 033 28, 85073003328.
 *   iban   compact, or groups of 4 after one separator, the same all
 *          along (' ', '-' or '.'; case does not matter); "BE 68 5390 ..."
 *          for registered countries; the length registered for the
 *          country (BE 16, NL 18, FR 27, ...), 15..34 for others; check
 *          digits 02..98. Old Belgian account numbers: 3|7|2 digits after
 *          ' ', '-' or '.', the last two the first ten mod 97 (97 for 0).
 *   name   words are letters, digits and combining marks; a name's
 *          words must follow each other, separated by any run of white
 *          space (a dash counts as white space, apostrophes ' and ’ are
 *          alike); "Dupont" does not match "Dupontel". A name of several
 *          words also matches with its last words first, with or
 *          without a comma ("Peeters, Jan", "PEETERS Jan"); ä ö ü also
 *          match ae oe ue, either way (Müller, Mueller).
 */
#ifndef PX_PRIVACY_H
#define PX_PRIVACY_H

#include <stddef.h>

#include "diag.h"

typedef enum {
	PX_PRIV_EMAIL,
	PX_PRIV_PHONE,
	PX_PRIV_NRN,
	PX_PRIV_IBAN,
	PX_PRIV_NAME
} px_priv_kind;

typedef struct {
	px_priv_kind kind;
	size_t start; /* byte offset in the scanned line */
	size_t len;   /* bytes */
} px_priv_hit;

/* A deny list: names that must never appear in a note. Owned by the
 * caller; free with px_denylist_free (NULL-safe). */
typedef struct px_denylist px_denylist;

/* Why a deny list could not be built (negative, as every status). */
enum { PX_DENY_ENOMEM = -1, PX_DENY_EILSEQ = -2 /* a name that is not UTF-8 */ };

/* Loads one name per line from `path`; blank lines and lines starting
 * with '#' are skipped, white space (and a '\r') around names is
 * trimmed. A missing file gives an empty list (returns 0). Returns -1,
 * with the error in `d`, when the file exists but cannot be read, is
 * over 64 MiB, holds a name that is not UTF-8 (at its line) or memory
 * runs out. */
int px_denylist_load(px_denylist **out, const char *path, px_diag *d);
/* Builds a list from an array of names (for tests and callers); names
 * are trimmed, NULL and blank ones skipped. 0, PX_DENY_ENOMEM or
 * PX_DENY_EILSEQ. */
int px_denylist_from(px_denylist **out, const char *const *names, size_t n);
void px_denylist_free(px_denylist *d);

/* Scans one line (`len` bytes of UTF-8, no newline). Stores up to `max`
 * hits in `hits`, ordered by start offset, non-overlapping, and returns
 * how many there are in all (which may exceed max). `deny` may be NULL.
 * Where findings overlap the longer one is kept (on a tie: iban, nrn,
 * email, phone, name); the digits of an IBAN-shaped token whose checksum
 * fails are not reported as anything. Any bytes are safe (invalid UTF-8
 * is never part of a finding) and time is linear in `len`. Should memory
 * run out while folding a word for the deny list, that word is reported
 * as a name: the guard fails closed. */
size_t px_privacy_scan(const char *line, size_t len, const px_denylist *deny,
		       px_priv_hit *hits, size_t max);

/* Stable name of a kind ("email", "phone", "nrn", "iban", "name"). */
const char *px_priv_kind_name(px_priv_kind k);

/* The checksum rules, exposed for tests: `digits` holds 11 digits. */
int px_nrn_valid(const char *digits);
/* `iban` is compact (no spaces), upper- or lowercase. */
int px_iban_valid(const char *iban, size_t len);

#endif
