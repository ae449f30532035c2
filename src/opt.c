#include "opt.h"

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
