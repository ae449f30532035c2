/* praxis init DIR: a new knowledge base (store.c does the work). */
#include "../cmd.h"

int cmd_init(int argc, char **argv, px_ctx *ctx)
{
	const char *args[1];
	int n, rc;

	rc = px_simple_opts(argc, argv, MSG_HELP_INIT, args, 1, &n);
	if (rc)
		return rc < 0 ? PX_EXIT_USAGE : PX_EXIT_OK;
	if (n != 1) {
		px_error(MSG_NEED_ARG, "DIR");
		return PX_EXIT_USAGE;
	}
	if (px_store_init(args[0], &ctx->diag) < 0)
		return PX_CMD_FAILED;
	px_say(stdout, MSG_INIT_DONE, args[0]);
	return PX_EXIT_OK;
}
