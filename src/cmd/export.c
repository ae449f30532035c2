/*
 * praxis export --format qdc|qdpx [--cycle C] [--community ID]
 *                [--label-lang nl|fr] [-o FILE] [--force]
 *
 * The REFI-QDA exchange files (qda.h, doc/refi-qda.md): the codebook as
 * QDC, the committed notes as a QDPX project. What the format cannot
 * carry is said on stderr (REFI-QDA 1.5, §6-7 ask for it).
 */
#include <stdlib.h>
#include <string.h>

#include "../cmd.h"
#include "../cycle.h"
#include "../opt.h"
#include "../out.h"
#include "../qda.h"

enum { OPT_FORMAT = 1, OPT_CYCLE, OPT_COMMUNITY, OPT_LANG, OPT_OUTPUT, OPT_FORCE, OPT_HELP };

int cmd_export(int argc, char **argv, px_ctx *ctx)
{
	static const px_opt opts[] = {
		{ "format", 'f', 1, OPT_FORMAT }, { "cycle", 'y', 1, OPT_CYCLE },
		{ "community", 'c', 1, OPT_COMMUNITY }, { "label-lang", 'l', 1, OPT_LANG },
		{ "output", 'o', 1, OPT_OUTPUT }, { "force", 0, 0, OPT_FORCE },
		{ "help", 'h', 0, OPT_HELP }, { 0, 0, 0, 0 }
	};
	static const char *const formats[] = { "qdc", "qdpx", NULL };
	static const char *const langs[] = { "nl", "fr", NULL };
	px_optstate st = PX_OPTSTATE_INIT("export");
	px_diag d = PX_DIAG_INIT;
	px_buf out = PX_BUF_INIT;
	px_qda_opts qo = { NULL, NULL, PX_LANG_NL, NULL };
	px_qda_counts n;
	px_out_opts oo = PX_OUT_OPTS_INIT;
	const char *output = NULL, *base;
	char *registry = NULL;
	int id, format = -1, lang = -1, year, status = PX_EXIT_USAGE;

	while ((id = px_getopt(&st, argc, argv, opts)) != PX_OPT_END) {
		switch (id) {
		case PX_OPT_ERROR: goto cleanup;
		case OPT_HELP: status = px_help(MSG_HELP_EXPORT); goto cleanup;
		case OPT_FORMAT:
			if ((format = px_opt_choice(&st, formats)) < 0)
				goto cleanup;
			break;
		case OPT_CYCLE:
			if (px_cycle_parse(st.arg, &year) < 0) {
				px_error(MSG_BAD_CYCLE, st.arg);
				goto cleanup;
			}
			qo.cycle = st.arg;
			break;
		case OPT_COMMUNITY:
			if (!px_kb_community(ctx->kb, st.arg)) {
				px_kb_unknown_community(ctx->kb, st.arg);
				goto cleanup;
			}
			qo.community = st.arg;
			break;
		case OPT_LANG:
			if ((lang = px_opt_choice(&st, langs)) < 0)
				goto cleanup;
			break;
		case OPT_OUTPUT: output = st.arg; break;
		case OPT_FORCE: oo.force = 1; break;
		default:
			px_error(MSG_EXTRA_ARG, st.arg);
			goto cleanup;
		}
	}
	if (format < 0) {
		px_error(MSG_QDA_NEED_FORMAT);
		goto cleanup;
	}
	if (format == 1 && !output) {
		px_error(MSG_QDA_NEED_OUTPUT);
		goto cleanup;
	}
	qo.lang = lang < 0 ? px_qda_default_lang() : (px_lang)lang;
	base = strrchr(ctx->kb->root, '/');
	qo.name = base && base[1] ? base + 1 : "praxis";
	registry = px_out_registry(ctx->kb->gitdir);
	oo.registry = registry;
	if (format == 0) {
		px_qda_codebook(&out, ctx->kb->cb, qo.lang);
	} else if (px_qda_project(&out, &n, ctx->index, &qo, &d) < 0) {
		goto env;
	}
	if (px_out_write_buf(output ? output : "-", &out, &oo, &d) < 0)
		goto env;
	px_say(stderr, MSG_QDA_LOST_HEAD);
	px_say(stderr, MSG_QDA_LOST_NAMES, px_lang_code(qo.lang));
	if (format == 0) {
		px_say(stderr, MSG_QDA_LOST_METHODS_QDC);
	} else {
		px_say(stderr, MSG_QDA_LOST_METHODS);
		px_say(stderr, MSG_QDA_LOST_MARKUP);
		px_say(stderr, MSG_QDA_LOST_PEOPLE);
		if (n.uncased)
			px_say(stderr, MSG_QDA_LOST_UNCASED, (unsigned long)n.uncased);
		px_say(stderr, MSG_QDA_WROTE, output, (unsigned long)n.sources,
		       (unsigned long)n.selections, (unsigned long)n.codings, (unsigned long)n.cases,
		       (unsigned long)n.notes);
	}
	status = PX_EXIT_OK;
	goto cleanup;
env:
	px_diag_take(&ctx->diag, &d);
	status = PX_CMD_FAILED;
cleanup:
	free(registry);
	px_buf_free(&out);
	px_diag_free(&d);
	return status;
}
