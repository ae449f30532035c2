/*
 * praxis import codebook FILE.qdc [--label-lang nl|fr] [--force]
 *
 * A REFI-QDA codebook from another tool as the knowledge base's
 * codebook.xml (qda.h, doc/refi-qda.md). Nothing is written unless the
 * whole file converts and the result loads as a codebook; an existing
 * codebook.xml is replaced only with --force.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../cmd.h"
#include "../opt.h"
#include "../out.h"
#include "../qda.h"
#include "../text.h"

enum { OPT_LANG = 1, OPT_FORCE, OPT_HELP };

int cmd_import(int argc, char **argv, px_ctx *ctx)
{
	static const px_opt opts[] = {
		{ "label-lang", 'l', 1, OPT_LANG }, { "force", 0, 0, OPT_FORCE },
		{ "help", 'h', 0, OPT_HELP }, { 0, 0, 0, 0 }
	};
	static const char *const langs[] = { "nl", "fr", NULL };
	px_optstate st = PX_OPTSTATE_INIT("import");
	px_diag d = PX_DIAG_INIT;
	px_buf xml = PX_BUF_INIT, target = PX_BUF_INIT, list = PX_BUF_INIT;
	px_qda_import made = { NULL, 0 };
	px_out_opts oo = PX_OUT_OPTS_INIT;
	const char *args[2] = { NULL, NULL };
	struct stat sb;
	size_t i, untranslated = 0;
	int id, nargs = 0, lang = -1, status = PX_EXIT_USAGE;

	while ((id = px_getopt(&st, argc, argv, opts)) != PX_OPT_END) {
		switch (id) {
		case PX_OPT_ERROR: goto cleanup;
		case OPT_HELP: status = px_help(MSG_HELP_IMPORT); goto cleanup;
		case OPT_LANG:
			if ((lang = px_opt_choice(&st, langs)) < 0)
				goto cleanup;
			break;
		case OPT_FORCE: oo.force = 1; break;
		default:
			if (nargs == 2) {
				px_error(MSG_EXTRA_ARG, st.arg);
				goto cleanup;
			}
			args[nargs++] = st.arg;
		}
	}
	if (!nargs || strcmp(args[0], "codebook")) {
		px_error(MSG_QDA_IMPORT_WHAT);
		goto cleanup;
	}
	if (nargs < 2) {
		px_error(MSG_NEED_ARG, "FILE.qdc");
		goto cleanup;
	}
	px_buf_printf(&target, "%s/codebook.xml", ctx->kb->root);
	if (!oo.force && lstat(target.ptr, &sb) == 0) {
		px_diag_add(&d, "codebook.xml", 0, 0, PX_SEV_ERROR, "import", MSG_QDA_EXISTS,
			    "codebook.xml");
		goto env;
	}
	if (px_qda_import_codebook(&xml, &made, args[1], args[1],
				   lang < 0 ? px_qda_default_lang() : (px_lang)lang, ctx->kb->cb,
				   &d) < 0)
		goto env;
	oo.force = 1; /* checked above: absent, or --force */
	if (px_out_write_buf(target.ptr, &xml, &oo, &d) < 0)
		goto env;
	for (i = 0; i < made.n; i++) {
		px_buf_puts(&list, made.v[i].category ? "" : "  ");
		px_buf_term_str(&list, made.v[i].id, PX_TERM_LINE);
		px_buf_puts(&list, "\t");
		px_buf_term_str(&list, made.v[i].name, PX_TERM_LINE);
		if (made.v[i].untranslated) {
			px_buf_printf(&list, "\t(%s)", px_msg(MSG_QDA_TO_TRANSLATE));
			untranslated++;
		}
		px_buf_putc(&list, '\n');
	}
	px_buf_fwrite(&list, stdout);
	px_say(stdout, MSG_QDA_IMPORTED, "codebook.xml", (unsigned long)made.n,
	       (unsigned long)untranslated);
	status = PX_EXIT_OK;
	goto cleanup;
env:
	px_diag_take(&ctx->diag, &d);
	status = PX_CMD_FAILED;
cleanup:
	px_qda_import_free(&made);
	px_buf_free(&xml);
	px_buf_free(&target);
	px_buf_free(&list);
	px_diag_free(&d);
	return status;
}
