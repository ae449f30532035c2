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
 *          02/555.12.34) or international (+32 470 12 34 56, 0032 2 ...)
 *   nrn    a Belgian national register number (YY.MM.DD-XXX.CC, with or
 *          without separators) whose mod-97 check digits are right, for
 *          people born before 2000 or from 2000 on (the "2" prefix rule)
 *   iban   an IBAN (any country, spaces allowed in groups of 4) whose
 *          ISO 13616 mod-97 checksum is right
 *   name   a name from the knowledge base's deny list, matched as whole
 *          words, case- and accent-insensitively
 */
#ifndef PX_PRIVACY_H
#define PX_PRIVACY_H

#include <stddef.h>

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

/* Loads one name per line from `path`; blank lines and lines starting
 * with '#' are skipped. A missing file gives an empty list (returns 0).
 * Returns -1 (errno set) when the file exists but cannot be read. */
int px_denylist_load(px_denylist **out, const char *path);
/* Builds a list from an array of names (for tests and callers). */
int px_denylist_from(px_denylist **out, const char *const *names, size_t n);
void px_denylist_free(px_denylist *d);

/* Scans one line (`len` bytes of UTF-8, no newline). Stores up to `max`
 * hits in `hits`, ordered by start offset, non-overlapping, and returns
 * how many there are in all (which may exceed max). `deny` may be NULL. */
size_t px_privacy_scan(const char *line, size_t len, const px_denylist *deny,
		       px_priv_hit *hits, size_t max);

/* Stable name of a kind ("email", "phone", "nrn", "iban", "name"). */
const char *px_priv_kind_name(px_priv_kind k);

/* The checksum rules, exposed for tests: `digits` holds 11 digits. */
int px_nrn_valid(const char *digits);
/* `iban` is compact (no spaces), upper- or lowercase. */
int px_iban_valid(const char *iban, size_t len);

#endif
