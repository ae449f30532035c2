/* praxis init [--bare] DIR: a new knowledge base, or the shared
 * repository leads sync with (store.c, store_sync.c do the work). */
#include "../cmd.h"
#include "../opt.h"

enum { OPT_BARE = 1, OPT_HELP };

int cmd_init(int argc, char **argv, px_ctx *ctx)
{
	static const px_opt opts[] = {
		{ "bare", 0, 0, OPT_BARE },
		{ "help", 'h', 0, OPT_HELP },
		{ 0, 0, 0, 0 }
	};
	px_optstate st = PX_OPTSTATE_INIT("init");
	const char *dir = NULL;
	int id, bare = 0;

	while ((id = px_getopt(&st, argc, argv, opts)) != PX_OPT_END) {
		switch (id) {
		case PX_OPT_ERROR: return PX_EXIT_USAGE;
		case OPT_HELP: return px_help(MSG_HELP_INIT);
		case OPT_BARE: bare = 1; break;
		default:
			if (dir) {
				px_error(MSG_EXTRA_ARG, st.arg);
				return PX_EXIT_USAGE;
			}
			dir = st.arg;
		}
	}
	if (!dir) {
		px_error(MSG_NEED_ARG, "DIR");
		return PX_EXIT_USAGE;
	}
	if (bare) {
		if (px_store_init_bare(dir, &ctx->diag) < 0)
			return PX_CMD_FAILED;
		px_say(stdout, MSG_INIT_BARE_DONE, dir);
		return PX_EXIT_OK;
	}
	if (px_store_init(dir, &ctx->diag) < 0)
		return PX_CMD_FAILED;
	px_say(stdout, MSG_INIT_DONE, dir);
	return PX_EXIT_OK;
}
