#include "opt.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "i18n.h"

int px_getopt(px_optstate *st, int argc, char **argv, const px_opt *opts)
{
	const char *a, *eq;
	const px_opt *o;

	if (st->i >= argc)
		return PX_OPT_END;
	a = argv[st->i++];
	st->opt = a;
	if (st->only_args || a[0] != '-' || !a[1]) {
		st->arg = a;
		return PX_OPT_ARG;
	}
	if (!strcmp(a, "--")) {
		st->only_args = 1;
		return px_getopt(st, argc, argv, opts);
	}
	if (a[1] == '-') {
		size_t n;
		eq = strchr(a + 2, '=');
		n = eq ? (size_t)(eq - a - 2) : strlen(a + 2);
		for (o = opts; o->id; o++)
			if (strlen(o->name) == n && !strncmp(o->name, a + 2, n))
				break;
		if (!o->id || (eq && !o->has_arg)) {
			px_error(MSG_UNKNOWN_OPTION, a, st->cmd);
			return PX_OPT_ERROR;
		}
		if (o->has_arg) {
			if (eq) {
				st->arg = eq + 1;
				/* a known name: shorter than the room */
				if (n + 3 <= sizeof st->opt_name) {
					memcpy(st->opt_name, a, n + 2);
					st->opt_name[n + 2] = 0;
					st->opt = st->opt_name;
				}
			} else if (st->i < argc) {
				st->arg = argv[st->i++];
			} else {
				px_error(MSG_MISSING_ARG, a);
				return PX_OPT_ERROR;
			}
		}
		return o->id;
	}
	for (o = opts; o->id; o++)
		if (o->short_name && o->short_name == a[1])
			break;
	if (!o->id || (!o->has_arg && a[2])) {
		px_error(MSG_UNKNOWN_OPTION, a, st->cmd);
		return PX_OPT_ERROR;
	}
	if (o->has_arg) {
		if (a[2]) {
			st->arg = a + 2;
		} else if (st->i < argc) {
			st->arg = argv[st->i++];
		} else {
			px_error(MSG_MISSING_ARG, a);
			return PX_OPT_ERROR;
		}
	}
	return o->id;
}

int px_opt_choice(const px_optstate *st, const char *const *choices)
{
	px_buf list = PX_BUF_INIT;
	size_t i;

	for (i = 0; choices[i]; i++)
		if (!strcmp(st->arg, choices[i]))
			return (int)i;
	for (i = 0; choices[i]; i++)
		px_buf_printf(&list, "%s%s", i ? ", " : "", choices[i]);
	px_error(MSG_BAD_OPTION_VALUE, st->opt, st->arg, list.ptr);
	px_buf_free(&list);
	return -1;
}

int px_whole_number(const char *s, long lo, long hi, long *out)
{
	const char *p;
	char *end;
	long v;

	if (!s || !*s)
		return -1;
	for (p = s; *p; p++)
		if (!isdigit((unsigned char)*p))
			return -1;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno == ERANGE || *end || v < lo || v > hi)
		return -1;
	*out = v;
	return 0;
}

long px_opt_number(const px_optstate *st, long lo, long hi)
{
	long v;

	if (px_whole_number(st->arg, lo, hi, &v) < 0) {
		px_error(MSG_OPT_RANGE, st->opt, lo, hi, st->arg);
		return -1;
	}
	return v;
}
