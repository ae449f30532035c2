/*
 * opt.h - command-line options, with messages in the user's language.
 *
 *     static const px_opt opts[] = {
 *             { "format", 'f', 1, OPT_FORMAT }, { "help", 'h', 0, OPT_HELP }, { 0 }
 *     };
 *     px_optstate st = PX_OPTSTATE_INIT("check");
 *     while ((id = px_getopt(&st, argc, argv, opts)) != PX_OPT_END) {
 *             if (id == PX_OPT_ERROR) return 2;      // message already printed
 *             if (id == PX_OPT_ARG) use(st.arg);     // a positional argument
 *     }
 *
 * Accepts --name=value, --name value, -x value, -xvalue and "--".
 * Commands that take only --help use px_simple_opts (cmd.h), which
 * returns 0 to go on, PX_OPTS_DONE after the help, -1 after a usage
 * error (already printed).
 */
#ifndef PX_OPT_H
#define PX_OPT_H

typedef struct {
	const char *name;
	char short_name;
	int has_arg;
	int id;      /* > 0 */
} px_opt;

typedef struct {
	const char *cmd; /* for "see 'praxis CMD --help'" */
	int i;           /* next argv index */
	int only_args;   /* after "--" */
	const char *arg; /* the value or positional argument */
	const char *opt; /* the option as written, for messages ("--limit"
			  * also for "--limit=5") */
	char opt_name[40]; /* opt's room when it is cut from "--name=value" */
} px_optstate;

#define PX_OPTSTATE_INIT(cmd) { cmd, 1, 0, 0, 0, "" }
enum { PX_OPT_END = -1, PX_OPT_ERROR = -2, PX_OPT_ARG = 0 };

int px_getopt(px_optstate *st, int argc, char **argv, const px_opt *opts);

/* Checks st->arg against a NULL-terminated list; prints the error. */
int px_opt_choice(const px_optstate *st, const char *const *choices);

/* A whole number as a user writes one, in an option, a web parameter or
 * front matter: decimal digits only (no sign, space or "0x"), from lo to
 * hi (lo >= 0). Stores it and returns 0, or returns -1 (out untouched);
 * a number too large for a long is out of range, never clamped. */
int px_whole_number(const char *s, long lo, long hi, long *out);

/* st->arg as px_whole_number reads it, or -1 after printing "option
 * '--x' needs a whole number from LO to HI, not '...'". */
long px_opt_number(const px_optstate *st, long lo, long hi);

/* The bound of --limit and --offset. */
#define PX_OPT_COUNT_MAX 1000000000L

#endif
