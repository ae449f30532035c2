/* praxis reindex: rebuild the index from HEAD, from scratch. */
#include "../cmd.h"

int cmd_reindex(int argc, char **argv, px_ctx *ctx)
{
	px_update_opts o = PX_UPDATE_OPTS_INIT;
	px_index *ix = NULL;
	const char *args[1];
	long n = -1;
	int na, rc;

	rc = px_simple_opts(argc, argv, MSG_HELP_REINDEX, args, 0, &na);
	if (rc)
		return rc < 0 ? PX_EXIT_USAGE : PX_EXIT_OK;
	o.rebuild = 1;
	o.progress = ctx->tty_err;
	/* ctx->diag also says when a damaged index was replaced */
	if (px_index_open(&ix, ctx->kb, ctx->store, &ctx->diag) == 0)
		n = px_index_update(ix, &o, &ctx->diag);
	px_index_close(ix);
	if (n < 0)
		return PX_CMD_FAILED;
	px_say(stdout, px_plural(MSG_REINDEX_DONE_1, MSG_REINDEX_DONE, (unsigned long)n), n);
	return PX_EXIT_OK;
}
