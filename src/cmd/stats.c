/*
 * praxis stats [--cycle C] [--format text|json]
 *
 * Codes by community (segments and notes), per community its notes,
 * sessions and attendance, and the code pairs that most often code the
 * same segment. stats.c gathers them; this file writes them as text or
 * as JSON (the shape is doc/json.md's).
 */
#include <stdlib.h>
#include <string.h>

#include "../cmd.h"
#include "../cycle.h"
#include "../json.h"
#include "../opt.h"
#include "../out.h"
#include "../stats.h"
#include "../text.h"

enum { OPT_CYCLE = 1, OPT_FORMAT, OPT_HELP };

#define PAIRS_SHOWN 15 /* in the text output; JSON lists every pair */

/* `s` made safe for the terminal, in `t` (reused by the next call). */
static const char *term(px_buf *t, const char *s)
{
	px_buf_clear(t);
	px_buf_term_str(t, s, PX_TERM_LINE);
	return t->ptr;
}

static void text(px_buf *out, const px_stats *s)
{
	const px_kb *kb = s->kb;
	px_buf t = PX_BUF_INIT;
	char cell[64];
	size_t i, k;

	px_buf_printf(out, "%-34s %9s", px_msg(MSG_STATS_CODE), px_msg(MSG_STATS_TOTAL));
	for (k = 0; k < s->ncommunities; k++)
		px_buf_printf(out, " %10.10s", term(&t, kb->communities[k].id));
	px_buf_printf(out, "\n%-34s %9s\n", "", px_msg(MSG_STATS_UNIT));
	for (i = 0; i < s->ncodes; i++) {
		snprintf(cell, sizeof cell, "%lld/%lld", s->codes[i].segments, s->codes[i].notes);
		px_buf_printf(out, "%-34s %9s", kb->cb->codes[i].id, cell);
		for (k = 0; k < s->ncommunities; k++) {
			const px_stats_count *c = px_stats_by(s, i, k);
			snprintf(cell, sizeof cell, "%lld/%lld", c->segments, c->notes);
			px_buf_printf(out, " %10s", c->segments ? cell : "-");
		}
		px_buf_putc(out, '\n');
	}
	px_buf_printf(out, "\n%-14s %6s %9s %11s\n", px_msg(MSG_STATS_COMMUNITY),
		      px_msg(MSG_STATS_NOTES), px_msg(MSG_STATS_SESSIONS), px_msg(MSG_STATS_ATTENDANCE));
	for (i = 0; i < s->ncounted; i++) {
		const px_db_community_count *c = &s->communities[i];
		px_buf_printf(out, "%-14s %6lld %9lld %11lld\n", term(&t, c->id), c->notes, c->sessions,
			      c->attendance);
	}
	px_buf_printf(out, "\n%s\n", px_msg(MSG_STATS_PAIRS));
	for (i = 0; i < s->npairs && i < PAIRS_SHOWN; i++) {
		px_buf_printf(out, "%5lld  ", s->pairs[i].segments);
		px_buf_term_str(out, s->pairs[i].a, PX_TERM_LINE);
		px_buf_puts(out, " + ");
		px_buf_term_str(out, s->pairs[i].b, PX_TERM_LINE);
		px_buf_putc(out, '\n');
	}
	px_buf_free(&t);
}

static void json(px_buf *out, const px_stats *s)
{
	const px_kb *kb = s->kb;
	px_json j;
	size_t i, k;

	px_json_init(&j, out);
	px_json_object(&j);
	px_json_key(&j, "codes");
	px_json_array(&j);
	for (i = 0; i < s->ncodes; i++) {
		px_json_object(&j);
		px_json_kstr(&j, "code", kb->cb->codes[i].id);
		px_json_kint(&j, "segments", s->codes[i].segments);
		px_json_kint(&j, "notes", s->codes[i].notes);
		px_json_key(&j, "communities");
		px_json_object(&j);
		for (k = 0; k < s->ncommunities; k++) {
			const px_stats_count *c = px_stats_by(s, i, k);
			if (!c->segments)
				continue;
			px_json_key(&j, kb->communities[k].id);
			px_json_object(&j);
			px_json_kint(&j, "segments", c->segments);
			px_json_kint(&j, "notes", c->notes);
			px_json_end(&j);
		}
		px_json_end(&j);
		px_json_end(&j);
	}
	px_json_end(&j);
	px_json_key(&j, "communities");
	px_json_array(&j);
	for (i = 0; i < s->ncounted; i++) {
		const px_db_community_count *c = &s->communities[i];
		px_json_object(&j);
		px_json_kstr(&j, "id", c->id);
		px_json_kint(&j, "notes", c->notes);
		px_json_kint(&j, "sessions", c->sessions);
		px_json_kint(&j, "attendance", c->attendance);
		px_json_knum(&j, "attendance_avg", c->attendance_avg, 1);
		px_json_end(&j);
	}
	px_json_end(&j);
	px_json_key(&j, "cooccurrence");
	px_json_array(&j);
	for (i = 0; i < s->npairs; i++) {
		px_json_object(&j);
		px_json_kstr(&j, "a", s->pairs[i].a);
		px_json_kstr(&j, "b", s->pairs[i].b);
		px_json_kint(&j, "segments", s->pairs[i].segments);
		px_json_end(&j);
	}
	px_json_end(&j);
	px_json_end(&j);
}

int cmd_stats(int argc, char **argv, px_ctx *ctx)
{
	static const px_opt opts[] = {
		{ "cycle", 'y', 1, OPT_CYCLE },
		{ "format", 'f', 1, OPT_FORMAT },
		{ "help", 'h', 0, OPT_HELP },
		{ 0, 0, 0, 0 }
	};
	static const char *const formats[] = { "text", "json", NULL };
	px_optstate st = PX_OPTSTATE_INIT("stats");
	px_diag d = PX_DIAG_INIT;
	px_buf out = PX_BUF_INIT;
	px_stats s;
	const char *cycle = NULL;
	int id, format = 0, year, status = PX_EXIT_USAGE;

	memset(&s, 0, sizeof s);
	while ((id = px_getopt(&st, argc, argv, opts)) != PX_OPT_END) {
		switch (id) {
		case PX_OPT_ERROR: goto cleanup;
		case OPT_HELP: status = px_help(MSG_HELP_STATS); goto cleanup;
		case OPT_CYCLE:
			cycle = st.arg;
			if (px_cycle_parse(cycle, &year) < 0) {
				px_error(MSG_BAD_CYCLE, cycle);
				goto cleanup;
			}
			break;
		case OPT_FORMAT:
			if ((format = px_opt_choice(&st, formats)) < 0)
				goto cleanup;
			break;
		default:
			px_error(MSG_EXTRA_ARG, st.arg);
			goto cleanup;
		}
	}
	if (px_stats_gather(&s, ctx->index, cycle, &d) < 0)
		goto env;
	if (format == 1)
		json(&out, &s);
	else
		text(&out, &s);
	if (px_diag_buf(&d, &out, NULL) < 0)
		goto env;
	px_buf_fwrite(&out, stdout);
	status = PX_EXIT_OK;
	goto cleanup;
env:
	px_diag_take(&ctx->diag, &d);
	status = PX_CMD_FAILED;
cleanup:
	px_stats_free(&s);
	px_buf_free(&out);
	px_diag_free(&d);
	return status;
}
