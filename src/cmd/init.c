/* praxis init DIR: a new knowledge base (store.c does the work). */
#include "../cmd.h"

int cmd_init(int argc, char **argv, px_ctx *ctx)
{
	px_diag d = PX_DIAG_INIT;
	const char *args[1];
	int n, rc;

	(void)ctx;
	rc = px_simple_opts(argc, argv, MSG_HELP_INIT, args, 1, &n);
	if (rc >= 0)
		return rc;
	if (n != 1) {
		px_error(MSG_NEED_ARG, "DIR");
		return PX_EXIT_USAGE;
	}
	if (px_store_init(args[0], &d) < 0) {
		px_diag_print(&d, stderr, 0);
		px_diag_free(&d);
		return PX_EXIT_USAGE;
	}
	px_say(stdout, MSG_INIT_DONE, args[0]);
	px_diag_free(&d);
	return PX_EXIT_OK;
}
