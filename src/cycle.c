#include "cycle.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int px_date_parse(const char *s, int *y, int *m, int *d)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int i, leap, max;

	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return -1;
	for (i = 0; i < 10; i++)
		if (i != 4 && i != 7 && !isdigit((unsigned char)s[i]))
			return -1;
	*y = atoi(s);
	*m = atoi(s + 5);
	*d = atoi(s + 8);
	if (*m < 1 || *m > 12 || *d < 1)
		return -1;
	leap = (*y % 4 == 0 && *y % 100 != 0) || *y % 400 == 0;
	max = mdays[*m - 1] + (*m == 2 && leap);
	return *d <= max ? 0 : -1;
}

int px_cycle_parse(const char *s, int *first_year)
{
	int y;

	if (!s || strlen(s) != 9 || s[4] != '-' || strspn(s, "0123456789") != 4 ||
	    strspn(s + 5, "0123456789") != 4)
		return -1;
	y = atoi(s);
	if (y < 1900 || atoi(s + 5) != y + 1)
		return -1;
	*first_year = y;
	return 0;
}

int px_cycle_of(int y, int m)
{
	return m >= 9 ? y : y - 1;
}

void px_cycle_name(char out[PX_CYCLE_SIZE], int first_year)
{
	snprintf(out, PX_CYCLE_SIZE, "%04u-%04u", (unsigned)first_year % 10000u,
		 (unsigned)(first_year + 1) % 10000u);
}

void px_cycle_period(char from[PX_DATE_SIZE], char to[PX_DATE_SIZE], int first_year)
{
	snprintf(from, PX_DATE_SIZE, "%04u-09-01", (unsigned)first_year % 10000u);
	snprintf(to, PX_DATE_SIZE, "%04u-08-31", (unsigned)(first_year + 1) % 10000u);
}

int px_cycle_holds(int first_year, int y, int m)
{
	return px_cycle_of(y, m) == first_year;
}

int px_today(char out[PX_DATE_SIZE], px_diag *d)
{
	/* read on every call, nothing kept: threads (praxis serve's workers)
	 * call it at once, and a server runs across midnight */
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	struct tm tm;
	time_t t;

	if (sde && *sde) {
		char *end;
		long long v;
		errno = 0;
		v = strtoll(sde, &end, 10);
		t = (time_t)v;
		if (!isdigit((unsigned char)*sde) || *end || errno || v < 0 || (long long)t != v ||
		    !gmtime_r(&t, &tm) || tm.tm_year + 1900 > 9999) {
			px_diag_add(d, "SOURCE_DATE_EPOCH", 0, 0, PX_SEV_ERROR, "environment",
				    MSG_BAD_SOURCE_DATE_EPOCH, sde);
			return -1;
		}
	} else {
		t = time(NULL);
		localtime_r(&t, &tm);
	}
	strftime(out, PX_DATE_SIZE, "%Y-%m-%d", &tm);
	return 0;
}
