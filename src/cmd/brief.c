/*
 * praxis brief COMMUNITY [--lang nl|fr] [--format text|md|html|json] [-o FILE] [--force]
 *
 * brief.c gathers the data as XML; xslt/brief.xsl writes text and Markdown,
 * brief-html.xsl the HTML, px_brief_json the JSON,
 * each format written one way.
 */
#include <stdlib.h>
#include <string.h>

#include "../brief.h"
#include "../cmd.h"
#include "../data.h"
#include "../opt.h"
#include "../out.h"
#include "../render.h"

enum { OPT_LANG = 1, OPT_FORMAT, OPT_OUTPUT, OPT_XML, OPT_FORCE, OPT_HELP };

int cmd_brief(int argc, char **argv, px_ctx *ctx)
{
	static const px_opt opts[] = {
		{ "lang", 'l', 1, OPT_LANG }, { "format", 'f', 1, OPT_FORMAT },
		{ "output", 'o', 1, OPT_OUTPUT }, { "xml", 0, 0, OPT_XML },
		{ "force", 0, 0, OPT_FORCE },
		{ "help", 'h', 0, OPT_HELP }, { 0, 0, 0, 0 }
	};
	static const char *const langs[] = { "nl", "fr", NULL };
	static const char *const formats[] = { "text", "md", "html", "json", NULL };
	px_optstate st = PX_OPTSTATE_INIT("brief");
	px_diag d = PX_DIAG_INIT;
	px_buf xml = PX_BUF_INIT, out = PX_BUF_INIT, css = PX_BUF_INIT;
	const px_community *c = NULL;
	const char *lang = NULL, *output = "-";
	char *css_path = NULL, *registry = px_out_registry(ctx->kb ? ctx->kb->gitdir : NULL);
	px_out_opts oo = PX_OUT_OPTS_INIT;
	int id, format = 0, want_xml = 0, rc, status = PX_EXIT_USAGE;

	while ((id = px_getopt(&st, argc, argv, opts)) != PX_OPT_END) {
		switch (id) {
		case PX_OPT_ERROR: goto cleanup;
		case OPT_HELP: status = px_help(MSG_HELP_BRIEF); goto cleanup;
		case OPT_LANG:
			if (px_opt_choice(&st, langs) < 0)
				goto cleanup;
			lang = st.arg;
			break;
		case OPT_FORMAT:
			if ((format = px_opt_choice(&st, formats)) < 0)
				goto cleanup;
			break;
		case OPT_OUTPUT: output = st.arg; break;
		case OPT_XML: want_xml = 1; break;
		case OPT_FORCE: oo.force = 1; break;
		default:
			if (c) {
				px_error(MSG_EXTRA_ARG, st.arg);
				goto cleanup;
			}
			c = px_kb_community(ctx->kb, st.arg);
			if (!c) {
				px_kb_unknown_community(ctx->kb, st.arg);
				goto cleanup;
			}
		}
	}
	if (!c) {
		px_error(MSG_NEED_ARG, "COMMUNITY");
		goto cleanup;
	}
	oo.registry = registry;
	rc = px_brief_xml(ctx->index, c, lang ? lang : c->lang, &xml, &d);
	if (rc < 0)
		goto env;
	if (rc == 1) {
		px_error(MSG_NO_NOTES_FOR_COMMUNITY, c->id);
		status = PX_EXIT_FINDINGS;
		goto cleanup;
	}
	if (want_xml) {
		if (px_out_write_buf(output, &xml, &oo, &d) < 0)
			goto env;
		status = PX_EXIT_OK;
		goto cleanup;
	}
	css_path = px_data_path("site/report.css");
	if (format == 2 && (!css_path || px_buf_read_file(&css, css_path, 1 << 20) < 0)) {
		px_diag_add(&d, "site/report.css", 0, 0, PX_SEV_ERROR, "environment", MSG_NO_SCHEMA);
		goto env;
	}
	if (format == 3) {
		if (px_brief_json(&xml, &out, &d) < 0 || px_out_write_buf(output, &out, &oo, &d) < 0)
			goto env;
	} else {
		const char *params[] = { "format", formats[format], "css", css.ptr, NULL };
		if (px_render(&xml, "brief.rng", format == 2 ? "brief-html.xsl" : "brief.xsl",
			      params, &out, &d) < 0 ||
		    px_out_write_buf(output, &out, &oo, &d) < 0)
			goto env;
	}
	status = PX_EXIT_OK;
	goto cleanup;
env:
	px_diag_take(&ctx->diag, &d);
	status = PX_CMD_FAILED;
cleanup:
	free(css_path);
	free(registry);
	px_buf_free(&xml);
	px_buf_free(&out);
	px_buf_free(&css);
	px_diag_free(&d);
	return status;
}
