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
	const char *opt; /* the option as written, for messages */
} px_optstate;

#define PX_OPTSTATE_INIT(cmd) { cmd, 1, 0, 0, 0 }
enum { PX_OPT_END = -1, PX_OPT_ERROR = -2, PX_OPT_ARG = 0 };

int px_getopt(px_optstate *st, int argc, char **argv, const px_opt *opts);

/* Checks st->arg against a NULL-terminated list; prints the error. */
int px_opt_choice(const px_optstate *st, const char *const *choices);

#endif
