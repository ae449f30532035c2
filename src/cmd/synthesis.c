/*
 * praxis synthesis CYCLE [--update]
 *
 * Writes the analysts' synthesis texts, CYCLE/synthesis.nl.md and
 * .fr.md, as skeletons with the evidence at hand (synthesis.h) when they
 * are missing; never over an existing one. --update adds to existing
 * texts the headings they lack, leaving the rest as written.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../cmd.h"
#include "../cycle.h"
#include "../db.h"
#include "../opt.h"
#include "../out.h"
#include "../synthesis.h"

enum { OPT_UPDATE = 1, OPT_HELP };

int cmd_synthesis(int argc, char **argv, px_ctx *ctx)
{
	static const px_opt opts[] = {
		{ "update", 'u', 0, OPT_UPDATE }, { "help", 'h', 0, OPT_HELP }, { 0, 0, 0, 0 }
	};
	px_optstate st = PX_OPTSTATE_INIT("synthesis");
	px_diag d = PX_DIAG_INIT;
	px_out_opts oo = PX_OUT_OPTS_INIT;
	px_db_scope scope = { 0 };
	px_db_totals t;
	const char *cycle = NULL;
	char *dir = NULL, *registry = px_out_registry(ctx->kb ? ctx->kb->gitdir : NULL);
	int id, update = 0, year, l, status = PX_EXIT_USAGE;

	while ((id = px_getopt(&st, argc, argv, opts)) != PX_OPT_END) {
		switch (id) {
		case PX_OPT_ERROR: goto cleanup;
		case OPT_HELP: status = px_help(MSG_HELP_SYNTHESIS); goto cleanup;
		case OPT_UPDATE: update = 1; break;
		default:
			if (cycle) {
				px_error(MSG_EXTRA_ARG, st.arg);
				goto cleanup;
			}
			cycle = st.arg;
		}
	}
	if (!cycle) {
		px_error(MSG_NEED_ARG, "CYCLE");
		goto cleanup;
	}
	if (px_cycle_parse(cycle, &year) < 0) {
		px_error(MSG_BAD_CYCLE, cycle);
		goto cleanup;
	}
	scope.cycle = cycle;
	if (px_db_totals_get(&t, ctx->index, &scope, &d) < 0)
		goto env;
	if (t.notes == 0) {
		px_error(MSG_NO_NOTES_IN_CYCLE, cycle);
		status = PX_EXIT_FINDINGS;
		goto cleanup;
	}
	if (px_out_join(&dir, ctx->kb->root, cycle, &d) < 0)
		goto env;
	if (mkdir(dir, 0777) < 0 && errno != EEXIST) {
		px_diag_add(&d, cycle, 0, 0, PX_SEV_ERROR, "environment", MSG_WRITE_FILE, cycle,
			    px_strerror(errno));
		goto env;
	}
	oo.registry = registry;
	for (l = 0; l < PX_CONTENT_LANGS; l++) {
		px_buf rel = PX_BUF_INIT, full = PX_BUF_INIT, old = PX_BUF_INIT, text = PX_BUF_INIT;
		size_t added = 0;
		int r, ok = -1;

		px_buf_printf(&rel, "%s/synthesis.%s.md", cycle, px_lang_code((px_lang)l));
		px_buf_printf(&full, "%s/%s", ctx->kb->root, rel.ptr);
		r = px_kb_read_file(&old, NULL, ctx->kb, full.ptr, rel.ptr, PX_BUF_MAX, &d);
		if (r == PX_READ_GONE) {
			if (px_synthesis_skeleton(&text, &added, ctx->index, cycle, (px_lang)l, NULL, 0,
						  &d) == 0 &&
			    px_out_write_buf(full.ptr, &text, &oo, &d) == 0) {
				px_say(stdout, MSG_WROTE, rel.ptr);
				ok = 0;
			}
		} else if (r == 0 && !update) {
			px_say(stdout, MSG_SYN_KEPT, rel.ptr);
			ok = 0;
		} else if (r == 0) {
			px_out_opts force = oo;
			force.force = 1; /* the analysts' own file: only added to */
			if (px_synthesis_skeleton(&text, &added, ctx->index, cycle, (px_lang)l, old.ptr,
						  old.len, &d) == 0) {
				if (!added) {
					px_say(stdout, MSG_SYN_COMPLETE, rel.ptr);
					ok = 0;
				} else if (px_out_write_buf(full.ptr, &text, &force, &d) == 0) {
					px_say(stdout, px_plural(MSG_SYN_ADDED_1, MSG_SYN_ADDED, added),
					       (unsigned long)added, rel.ptr);
					ok = 0;
				}
			}
		}
		px_buf_free(&rel);
		px_buf_free(&full);
		px_buf_free(&old);
		px_buf_free(&text);
		if (ok < 0)
			goto env;
	}
	status = PX_EXIT_OK;
	goto cleanup;
env:
	px_diag_take(&ctx->diag, &d);
	status = PX_CMD_FAILED;
cleanup:
	free(dir);
	free(registry);
	px_diag_free(&d);
	return status;
}
