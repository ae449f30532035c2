/* praxis reindex: rebuild the index from HEAD, from scratch. */
#include "../cmd.h"

int cmd_reindex(int argc, char **argv, px_ctx *ctx)
{
	px_update_opts o = PX_UPDATE_OPTS_INIT;
	px_diag d = PX_DIAG_INIT;
	px_index *ix = NULL;
	const char *args[1];
	long n = -1;
	int na, rc;

	rc = px_simple_opts(argc, argv, MSG_HELP_REINDEX, args, 0, &na);
	if (rc >= 0)
		return rc;
	o.rebuild = 1;
	o.progress = ctx->tty_err;
	if (px_index_open(&ix, ctx->kb, ctx->store, &d) == 0)
		n = px_index_update(ix, &o, &d);
	px_index_close(ix);
	if (n < 0) {
		px_diag_print(&d, stderr, 0);
		px_diag_free(&d);
		return PX_EXIT_USAGE;
	}
	px_diag_print(&d, stderr, 0); /* a damaged index that was replaced */
	px_say(stdout, px_plural(MSG_REINDEX_DONE_1, MSG_REINDEX_DONE, (unsigned long)n), n);
	px_diag_free(&d);
	return PX_EXIT_OK;
}
