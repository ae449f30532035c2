/*
 * cmd.h - what every subcommand gets from the dispatcher in main.c.
 *
 * One file per subcommand in cmd/, each defining `int cmd_NAME(int argc,
 * char **argv, px_ctx *ctx)`. argv[0] is the command's name. Commands
 * flagged PX_NEED_KB find ctx->kb open; none opens it itself.
 *
 * A command returns its exit status (0 clean, 1 findings, 2 usage or
 * environment), or PX_CMD_FAILED: it failed, and ctx->diag says why.
 * What goes wrong is added to ctx->diag where it happens; the
 * dispatcher prints ctx->diag to stderr once, after the command returns,
 * and turns PX_CMD_FAILED into the exit status px_diag_status gives (1
 * for findings such as a sync conflict, 2 for the environment). Usage
 * errors found while reading the arguments, before any work, are printed
 * at once with px_error and return PX_EXIT_USAGE. A command's findings
 * that are its output (check, commit) go to stdout, not to ctx->diag.
 */
#ifndef PX_CMD_H
#define PX_CMD_H

#include <stdio.h>

#include "index.h"
#include "kb.h"
#include "store.h"

enum { PX_EXIT_OK = 0, PX_EXIT_FINDINGS = 1, PX_EXIT_USAGE = 2 };
enum { PX_CMD_FAILED = -1 };

typedef struct {
	px_kb *kb;         /* PX_NEED_KB */
	px_store *store;   /* PX_NEED_STORE */
	px_index *index;   /* PX_NEED_INDEX: up to date with HEAD */
	int color;         /* stdout is a terminal and NO_COLOR is unset */
	int tty_err;       /* stderr is a terminal: progress may be shown */
	px_diag *kb_diag;  /* PX_KB_PROBLEMS: what opening the knowledge base
			    * reported (communities.yaml), for the command to show */
	px_diag diag;      /* the command's errors and warnings, printed by
			    * the dispatcher after it returns */
} px_ctx;

enum { PX_NEED_KB = 1, PX_NEED_STORE = 2 | 1, PX_NEED_INDEX = 4 | 2 | 1,
       PX_KB_PROBLEMS = 8, /* the command shows communities.yaml's problems itself */
       /* with PX_NEED_INDEX: uses the index only (ctx->store and
        * ctx->index->store may be NULL), so a current index is opened
        * without starting libgit2 when HEAD's record matches */
       PX_INDEX_ONLY = 16 };

typedef int (*px_cmd_fn)(int argc, char **argv, px_ctx *ctx);

int cmd_brief(int argc, char **argv, px_ctx *ctx);
int cmd_check(int argc, char **argv, px_ctx *ctx);
int cmd_clone(int argc, char **argv, px_ctx *ctx);
int cmd_codes(int argc, char **argv, px_ctx *ctx);
int cmd_commit(int argc, char **argv, px_ctx *ctx);
int cmd_export(int argc, char **argv, px_ctx *ctx);
int cmd_import(int argc, char **argv, px_ctx *ctx);
int cmd_init(int argc, char **argv, px_ctx *ctx);
int cmd_log(int argc, char **argv, px_ctx *ctx);
int cmd_new(int argc, char **argv, px_ctx *ctx);
int cmd_reindex(int argc, char **argv, px_ctx *ctx);
int cmd_report(int argc, char **argv, px_ctx *ctx);
int cmd_search(int argc, char **argv, px_ctx *ctx);
int cmd_serve(int argc, char **argv, px_ctx *ctx);
int cmd_site(int argc, char **argv, px_ctx *ctx);
int cmd_stats(int argc, char **argv, px_ctx *ctx);
int cmd_sync(int argc, char **argv, px_ctx *ctx);
int cmd_synthesis(int argc, char **argv, px_ctx *ctx);

/* Parses options that are only --help (and -h). Positional arguments
 * are stored in `args` (up to max; more is a usage error). Returns 0 to
 * go on, PX_OPTS_DONE when it printed the help (the command is done,
 * status 0), or -1 after a usage error it reported (status 2):
 *
 *     if ((rc = px_simple_opts(argc, argv, MSG_HELP_X, args, 1, &n)) != 0)
 *             return rc < 0 ? PX_EXIT_USAGE : PX_EXIT_OK;
 */
enum { PX_OPTS_DONE = 1 };
int px_simple_opts(int argc, char **argv, px_msgid help, const char **args, int max, int *nargs);

/* Prints the help text `msg` to stdout. Returns 0. */
int px_help(px_msgid msg);

/* Flushes and checks stdout: a full disk must not exit 0. */
int px_finish_stdout(int status);

#endif
