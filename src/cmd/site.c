/* praxis site [-o DIR] [--audience public|internal]: the static bilingual site (site.c does the work). */
#include <stdlib.h>

#include "../cmd.h"
#include "../opt.h"
#include "../site.h"

enum { OPT_OUTPUT = 1, OPT_AUDIENCE, OPT_HELP };

int cmd_site(int argc, char **argv, px_ctx *ctx)
{
	static const px_opt opts[] = {
		{ "output", 'o', 1, OPT_OUTPUT }, { "audience", 0, 1, OPT_AUDIENCE },
		{ "help", 'h', 0, OPT_HELP }, { 0, 0, 0, 0 }
	};
	px_optstate st = PX_OPTSTATE_INIT("site");
	px_site_opts o = PX_SITE_OPTS_INIT;
	px_site_stats stats;
	int id, status = PX_EXIT_USAGE;

	while ((id = px_getopt(&st, argc, argv, opts)) != PX_OPT_END) {
		switch (id) {
		case PX_OPT_ERROR: return PX_EXIT_USAGE;
		case OPT_HELP: return px_help(MSG_HELP_SITE);
		case OPT_OUTPUT: o.outdir = st.arg; break;
		case OPT_AUDIENCE:
			if ((id = px_opt_choice(&st, px_audience_names)) < 0)
				return PX_EXIT_USAGE;
			o.audience = (px_audience)id;
			break;
		default:
			px_error(MSG_EXTRA_ARG, st.arg);
			return PX_EXIT_USAGE;
		}
	}
	o.progress = ctx->tty_err;
	if (px_site_build(ctx->index, &o, &stats, &ctx->diag) < 0) {
		status = PX_CMD_FAILED;
	} else {
		char *pages = px_count(MSG_N_PAGES_1, MSG_N_PAGES, (unsigned long)stats.pages);
		char *rendered = px_count(MSG_N_RENDERED_1, MSG_N_RENDERED,
					  (unsigned long)stats.rendered);
		char *written = px_count(MSG_N_FILES_CHANGED_1, MSG_N_FILES_CHANGED,
					 (unsigned long)stats.written);
		px_say(stdout, MSG_SITE_DONE, o.outdir, pages, rendered, written);
		free(pages);
		free(rendered);
		free(written);
		status = PX_EXIT_OK;
	}
	return status;
}
