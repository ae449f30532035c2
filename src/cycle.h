/*
 * cycle.h - the calendar of a knowledge base: dates, cycles and today.
 *
 * A cycle is a working year of the communities, named by its two years
 * ("2022-2023"). It runs from 1 September of the first year to 31 August
 * of the second: a session's date must fall inside it (praxis check), a
 * date belongs to the cycle that holds it (praxis new), and a report
 * covers that period (praxis report). Sessions usually run September to
 * June; July and August belong to the cycle that ends then.
 *
 * "Today" is the local date, or, when the environment sets
 * SOURCE_DATE_EPOCH (seconds since 1970-01-01 00:00 UTC, as
 * https://reproducible-builds.org/specs/source-date-epoch/ defines it),
 * that instant's UTC date (an empty value counts as unset), so that reports, briefs and sites built twice
 * from the same commit are byte for byte the same.
 */
#ifndef PX_CYCLE_H
#define PX_CYCLE_H

#include "diag.h"

/* A date as YYYY-MM-DD with its terminator. */
#define PX_DATE_SIZE 11
/* A cycle as YYYY-YYYY with its terminator. */
#define PX_CYCLE_SIZE 10

/* Parses a real calendar date written YYYY-MM-DD. Returns 0, or -1 when
 * `s` is not one (the caller says MSG_BAD_DATE). */
int px_date_parse(const char *s, int *y, int *m, int *d);

/* Parses a cycle name: two consecutive years from 1900, "YYYY-YYYY".
 * Sets *first_year; returns 0, or -1 when `s` is not one (the caller
 * says MSG_BAD_CYCLE, the one message for every place a cycle is read). */
int px_cycle_parse(const char *s, int *first_year);

/* The first year of the cycle holding the date y-m (any day). */
int px_cycle_of(int y, int m);

/* The cycle's name, "YYYY-YYYY", into out. */
void px_cycle_name(char out[PX_CYCLE_SIZE], int first_year);

/* The cycle's first and last days, YYYY-09-01 and (YYYY+1)-08-31. */
void px_cycle_period(char from[PX_DATE_SIZE], char to[PX_DATE_SIZE], int first_year);

/* Whether the date y-m (any day) falls inside the cycle. */
int px_cycle_holds(int first_year, int y, int m);

/* Today, YYYY-MM-DD, into out (see above). Returns 0, or -1 with a
 * diagnostic when SOURCE_DATE_EPOCH is set but is not a number of
 * seconds this machine can date. Read on every call (thread-safe; a
 * server running across midnight moves on): set SOURCE_DATE_EPOCH for
 * outputs that must carry one fixed day. */
int px_today(char out[PX_DATE_SIZE], px_diag *d);

#endif
