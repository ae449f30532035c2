/*
 * cmd.h - what every subcommand gets from the dispatcher in main.c.
 *
 * One file per subcommand in cmd/, each defining `int cmd_NAME(int argc,
 * char **argv, px_ctx *ctx)`. argv[0] is the command's name. Commands
 * flagged PX_NEED_KB find ctx->kb open; none opens it itself. A command
 * returns its exit status: 0 clean, 1 findings, 2 usage or environment.
 */
#ifndef PX_CMD_H
#define PX_CMD_H

#include <stdio.h>

#include "kb.h"

enum { PX_EXIT_OK = 0, PX_EXIT_FINDINGS = 1, PX_EXIT_USAGE = 2 };

typedef struct {
	px_kb *kb;
	int color; /* stdout is a terminal and NO_COLOR is unset */
} px_ctx;

typedef int (*px_cmd_fn)(int argc, char **argv, px_ctx *ctx);

int cmd_check(int argc, char **argv, px_ctx *ctx);

/* Prints the help text `msg` to stdout. Returns 0. */
int px_help(px_msgid msg);

/* Flushes and checks stdout: a full disk must not exit 0. */
int px_finish_stdout(int status);

#endif
