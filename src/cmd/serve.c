/*
 * praxis serve [--listen ADDRESS:PORT] [--token TOKEN] [--threads N] [--timeout S]
 *               [--max-connections N] [--cache-size MIB]
 *
 * The analysts' web app over the knowledge base (doc/serve.md): serve.c
 * answers HTTP, web*.c the pages and the API. Runs until SIGINT or
 * SIGTERM; the first line on stdout is the address served.
 */
#include <stdlib.h>
#include <string.h>

#include "../cmd.h"
#include "../opt.h"
#include "../serve.h"

enum { OPT_LISTEN = 1, OPT_TOKEN, OPT_THREADS, OPT_TIMEOUT, OPT_MAX_CONNECTIONS, OPT_CACHE_SIZE,
       OPT_HELP };

int cmd_serve(int argc, char **argv, px_ctx *ctx)
{
	static const px_opt opts[] = {
		{ "listen", 'l', 1, OPT_LISTEN },
		{ "token", 't', 1, OPT_TOKEN },
		{ "threads", 0, 1, OPT_THREADS },
		{ "timeout", 0, 1, OPT_TIMEOUT },
		{ "max-connections", 0, 1, OPT_MAX_CONNECTIONS },
		{ "cache-size", 0, 1, OPT_CACHE_SIZE },
		{ "help", 'h', 0, OPT_HELP },
		{ 0, 0, 0, 0 }
	};
	px_optstate st = PX_OPTSTATE_INIT("serve");
	px_serve_opts o = PX_SERVE_OPTS_INIT;
	px_diag d = PX_DIAG_INIT;
	long n;
	int id;

	while ((id = px_getopt(&st, argc, argv, opts)) != PX_OPT_END) {
		switch (id) {
		case PX_OPT_ERROR: return PX_EXIT_USAGE;
		case OPT_HELP: return px_help(MSG_HELP_SERVE);
		case OPT_LISTEN: o.listen = st.arg; break;
		case OPT_TOKEN:
			if (!px_serve_token_ok(st.arg)) {
				px_error(MSG_SERVE_BAD_TOKEN);
				return PX_EXIT_USAGE;
			}
			o.token = st.arg;
			break;
		case OPT_THREADS:
			if ((n = px_opt_number(&st, 1, 64)) < 0)
				return PX_EXIT_USAGE;
			o.threads = (unsigned)n;
			break;
		case OPT_TIMEOUT:
			if ((n = px_opt_number(&st, 1, 3600)) < 0)
				return PX_EXIT_USAGE;
			o.timeout = (unsigned)n;
			break;
		case OPT_MAX_CONNECTIONS:
			if ((n = px_opt_number(&st, 1, PX_SERVE_MAX_CONNECTIONS)) < 0)
				return PX_EXIT_USAGE;
			o.max_connections = (unsigned)n;
			break;
		case OPT_CACHE_SIZE:
			if ((n = px_opt_number(&st, 0, PX_SERVE_MAX_CACHE_MIB)) < 0)
				return PX_EXIT_USAGE;
			o.cache_mib = (unsigned)n;
			break;
		default:
			px_error(MSG_EXTRA_ARG, st.arg);
			return PX_EXIT_USAGE;
		}
	}
	if (px_serve_run(ctx->kb, ctx->store, ctx->index, &o, &d) < 0) {
		px_diag_take(&ctx->diag, &d);
		px_diag_free(&d);
		return PX_EXIT_USAGE;
	}
	px_diag_free(&d);
	return PX_EXIT_OK;
}
