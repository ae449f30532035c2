/*
 * main.c - the command table. Parses the global options, finds and opens
 * the knowledge base for the commands that need one, runs the command and
 * makes sure its output reached its destination.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmark-gfm-core-extensions.h>

#include "cmd.h"
#include "opt.h"
#include "out.h"
#include "xml.h"

#ifndef PX_VERSION
#define PX_VERSION "0.1.0"
#endif

/*
 * A command runs only with everything its flags promise open: the
 * dispatcher answers --help itself from `help`, so no command is ever
 * called with a context it was not given.
 */
static const struct {
	const char *name;
	px_cmd_fn fn;
	int flags;
	px_msgid help;
} commands[] = {
	{ "brief", cmd_brief, PX_NEED_INDEX, MSG_HELP_BRIEF },
	{ "check", cmd_check, PX_NEED_KB | PX_KB_PROBLEMS, MSG_HELP_CHECK },
	{ "clone", cmd_clone, 0, MSG_HELP_CLONE },
	{ "codes", cmd_codes, PX_NEED_INDEX | PX_INDEX_ONLY, MSG_HELP_CODES },
	{ "commit", cmd_commit, PX_NEED_STORE, MSG_HELP_COMMIT },
	{ "export", cmd_export, PX_NEED_INDEX, MSG_HELP_EXPORT },
	{ "import", cmd_import, PX_NEED_KB, MSG_HELP_IMPORT },
	{ "init", cmd_init, 0, MSG_HELP_INIT },
	{ "log", cmd_log, PX_NEED_STORE, MSG_HELP_LOG },
	{ "new", cmd_new, PX_NEED_KB, MSG_HELP_NEW },
	{ "reindex", cmd_reindex, PX_NEED_STORE, MSG_HELP_REINDEX },
	{ "report", cmd_report, PX_NEED_INDEX, MSG_HELP_REPORT },
	{ "search", cmd_search, PX_NEED_INDEX | PX_INDEX_ONLY, MSG_HELP_SEARCH },
	{ "serve", cmd_serve, PX_NEED_INDEX, MSG_HELP_SERVE },
	{ "stats", cmd_stats, PX_NEED_INDEX | PX_INDEX_ONLY, MSG_HELP_STATS },
	{ "site", cmd_site, PX_NEED_INDEX, MSG_HELP_SITE },
	{ "sync", cmd_sync, PX_NEED_STORE, MSG_HELP_SYNC },
	{ "synthesis", cmd_synthesis, PX_NEED_INDEX, MSG_HELP_SYNTHESIS },
};
#define NCOMMANDS (sizeof commands / sizeof *commands)

/* Whether the arguments ask for help: --help or -h before any "--". */
static int wants_help(int argc, char **argv)
{
	int i;

	for (i = 1; i < argc && strcmp(argv[i], "--"); i++)
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h"))
			return 1;
	return 0;
}

int px_simple_opts(int argc, char **argv, px_msgid help, const char **args, int max, int *nargs)
{
	static const px_opt opts[] = { { "help", 'h', 0, 1 }, { 0, 0, 0, 0 } };
	px_optstate st = PX_OPTSTATE_INIT(argv[0]);
	int id;

	*nargs = 0;
	while ((id = px_getopt(&st, argc, argv, opts)) != PX_OPT_END) {
		if (id == PX_OPT_ERROR)
			return -1;
		if (id == 1) {
			px_help(help);
			return PX_OPTS_DONE;
		}
		if (*nargs == max) {
			px_error(MSG_EXTRA_ARG, st.arg);
			return -1;
		}
		args[(*nargs)++] = st.arg;
	}
	return 0;
}

int px_help(px_msgid msg)
{
	fputs(px_msg(msg), stdout);
	return PX_EXIT_OK;
}

int px_finish_stdout(int status)
{
	return px_stdout_check() < 0 ? PX_EXIT_USAGE : status;
}

static int run(int argc, char **argv)
{
	static const px_opt opts[] = {
		{ "directory", 'C', 1, 1 },
		{ "lang", 'L', 1, 2 },
		{ "help", 'h', 0, 3 },
		{ "version", 'V', 0, 4 },
		{ "list-commands", 0, 0, 5 },
		{ 0, 0, 0, 0 }
	};
	px_optstate st = PX_OPTSTATE_INIT("");
	px_ctx ctx;
	px_diag d = PX_DIAG_INIT;
	const char *names[sizeof commands / sizeof *commands];
	char *root = NULL, head[PX_OID_HEXSZ + 1];
	size_t i, ci;
	int id, status = PX_EXIT_USAGE, fresh = 0;

	memset(&ctx, 0, sizeof ctx);
	ctx.diag = (px_diag)PX_DIAG_INIT;
	/* global options stop at the first word that is not one */
	while (st.i < argc && argv[st.i][0] == '-') {
		id = px_getopt(&st, argc, argv, opts);
		if (id == PX_OPT_ERROR || id == PX_OPT_END)
			return PX_EXIT_USAGE;
		if (id == 1 && chdir(st.arg) < 0) {
			px_error(MSG_NO_SUCH_DIR, st.arg, px_strerror(errno));
			return PX_EXIT_USAGE;
		}
		if (id == 2 && px_i18n_set(st.arg) < 0) {
			static const char *const langs[] = { "nl", "fr", "en", NULL };
			px_opt_choice(&st, langs);
			return PX_EXIT_USAGE;
		}
		if (id == 3)
			return px_help(MSG_HELP_MAIN);
		if (id == 4) {
			printf("praxis %s\n", PX_VERSION);
			return PX_EXIT_OK;
		}
		if (id == 5) {
			for (i = 0; i < NCOMMANDS; i++)
				puts(commands[i].name);
			return PX_EXIT_OK;
		}
	}
	if (st.i >= argc) {
		px_help(MSG_HELP_MAIN);
		px_error(MSG_NO_COMMAND);
		return PX_EXIT_USAGE;
	}
	for (ci = 0; ci < NCOMMANDS; ci++)
		if (!strcmp(commands[ci].name, argv[st.i]))
			break;
	if (ci == NCOMMANDS) {
		const char *hint;
		for (i = 0; i < NCOMMANDS; i++)
			names[i] = commands[i].name;
		hint = px_suggest(argv[st.i], names, NCOMMANDS);
		if (hint)
			px_error(MSG_UNKNOWN_COMMAND_HINT, argv[st.i], hint);
		else
			px_error(MSG_UNKNOWN_COMMAND, argv[st.i]);
		return PX_EXIT_USAGE;
	}
	argc -= st.i;
	argv += st.i;
	ctx.color = isatty(STDOUT_FILENO) && !getenv("NO_COLOR");
	ctx.tty_err = isatty(STDERR_FILENO);
	if (wants_help(argc, argv))
		return px_help(commands[ci].help);
	if (commands[ci].flags & PX_NEED_KB) {
		root = px_kb_find(".");
		if (!root) {
			char cwd[4096];
			px_error(MSG_NOT_KB, getcwd(cwd, sizeof cwd) ? cwd : ".");
			return PX_EXIT_USAGE;
		}
		if (px_kb_open(&ctx.kb, root,
			       commands[ci].flags & PX_KB_PROBLEMS ? PX_KB_KEEP_GOING : 0, &d) < 0) {
			px_diag_sort(&d);
			px_diag_print(&d, stderr, 0);
			status = d.errors ? PX_EXIT_FINDINGS : PX_EXIT_USAGE;
			goto cleanup;
		}
	}
	if ((commands[ci].flags & PX_INDEX_ONLY) && ctx.kb->gitdir &&
	    px_store_head_recorded(ctx.kb->gitdir, head)) {
		/* HEAD as recorded: an index current for it needs no libgit2 */
		px_diag quiet = PX_DIAG_INIT;
		if (px_index_open(&ctx.index, ctx.kb, NULL, &quiet) == 0 && !quiet.n &&
		    px_index_fresh(ctx.index, head))
			fresh = 1;
		/* a damaged index replaced: its warning, once (its errors
		 * come again from the path below) */
		if (!fresh && ctx.index && ctx.index->rebuilt)
			px_diag_take(&d, &quiet);
		px_diag_free(&quiet);
		if (!fresh) {
			px_index_close(ctx.index);
			ctx.index = NULL;
		}
	}
	if (!fresh && (commands[ci].flags & PX_NEED_STORE) == PX_NEED_STORE &&
	    px_store_open(&ctx.store, root, &d) < 0)
		goto env_error;
	if (!fresh && (commands[ci].flags & PX_NEED_INDEX) == PX_NEED_INDEX) {
		px_update_opts uo = PX_UPDATE_OPTS_INIT;
		uo.progress = ctx.tty_err;
		if (px_index_open(&ctx.index, ctx.kb, ctx.store, &d) < 0 ||
		    px_index_update(ctx.index, &uo, &d) < 0)
			goto env_error;
		/* a damaged index that was rebuilt */
		px_diag_print(&d, stderr, 0);
	}
	if (commands[ci].flags & PX_KB_PROBLEMS)
		ctx.kb_diag = &d;
	status = commands[ci].fn(argc, argv, &ctx);
	/* the command's diagnostics, once, and what they mean for the exit */
	px_diag_print(&ctx.diag, stderr, 0);
	if (status < 0)
		status = px_diag_status(&ctx.diag);
	goto cleanup;
env_error:
	px_diag_print(&d, stderr, 0);
	status = PX_EXIT_USAGE;
cleanup:
	px_index_close(ctx.index);
	px_store_free(ctx.store);
	px_kb_free(ctx.kb);
	px_diag_free(&ctx.diag);
	px_diag_free(&d);
	free(root);
	return status;
}

int main(int argc, char **argv)
{
	int status;

	px_i18n_init();
	px_stdout_init();
	px_store_global_init();
	cmark_gfm_core_extensions_ensure_registered();
	status = run(argc, argv);
	px_store_global_shutdown();
	px_xml_cleanup();
	return px_finish_stdout(status);
}
