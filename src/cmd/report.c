/*
 * praxis report CYCLE [--audience public|internal] [--no-figures] [--lang nl|fr|nl,fr|both]
 *                     [-o FILE] [--pdf] [--xml] [--force]
 *
 * The yearly synthesis: report.c gathers the data as XML, the
 * stylesheets in xslt/ write the HTML, weasyprint (or Chromium) the PDF.
 */
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "../cmd.h"
#include "../cycle.h"
#include "../data.h"
#include "../opt.h"
#include "../out.h"
#include "../render.h"
#include "../report.h"

enum { OPT_LANG = 1, OPT_OUTPUT, OPT_PDF, OPT_XML, OPT_FORCE, OPT_AUDIENCE, OPT_NO_FIGURES, OPT_HELP };

/* FILE with .LANG before its extension: report.html -> report.nl.html */
static char *with_lang(const char *file, const char *lang, int several)
{
	px_buf b = PX_BUF_INIT;
	const char *dot = strrchr(file, '.'), *slash = strrchr(file, '/');

	if (!several)
		return strdup(file);
	if (dot && (!slash || dot > slash))
		px_buf_printf(&b, "%.*s.%s%s", (int)(dot - file), file, lang, dot);
	else
		px_buf_printf(&b, "%s.%s", file, lang);
	return px_buf_detach(&b);
}

static int in_path(const char *prog)
{
	const char *path = getenv("PATH");
	px_buf b = PX_BUF_INIT;
	int found = 0;

	while (path && *path && !found) {
		size_t n = strcspn(path, ":");
		px_buf_clear(&b);
		px_buf_printf(&b, "%.*s/%s", (int)n, path, prog);
		found = access(b.ptr, X_OK) == 0;
		path += n + (path[n] == ':');
	}
	px_buf_free(&b);
	return found;
}

static int run(char *const argv[])
{
	pid_t pid;
	int status;

	fflush(NULL); /* or the child writes what is still buffered again */
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		/* the converters are chatty; their words are not ours */
		int null = open("/dev/null", O_WRONLY);
		if (null < 0 || dup2(null, STDOUT_FILENO) < 0 || dup2(null, STDERR_FILENO) < 0)
			_exit(127);
		execvp(argv[0], argv);
		_exit(127);
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

/* The converter writes a temporary file next to the PDF, published the
 * way praxis writes every file (out.h). */
static int to_pdf(const char *html, const px_out_opts *oo, px_diag *d)
{
	px_buf pdf = PX_BUF_INIT, arg = PX_BUF_INIT, url = PX_BUF_INIT;
	char *abs = realpath(html, NULL), *tmp = NULL;
	const char *dot = strrchr(html, '.');
	int rc = -1;

	px_buf_printf(&pdf, "%.*s.pdf", dot ? (int)(dot - html) : (int)strlen(html), html);
	tmp = px_out_tmpname(pdf.ptr);
	if (in_path("weasyprint")) {
		char *argv[] = { "weasyprint", (char *)html, tmp, NULL };
		rc = run(argv);
	} else if (in_path("chromium") && abs) {
		char tmpl[] = "/tmp/praxis-chromium-XXXXXX";
		char *dir = mkdtemp(tmpl);
		px_buf prof = PX_BUF_INIT;
		px_buf_printf(&arg, "--print-to-pdf=%s", tmp);
		px_buf_printf(&url, "file://%s", abs);
		px_buf_printf(&prof, "--user-data-dir=%s", dir ? dir : "/tmp");
		{
			char *argv[] = { "chromium", "--headless", "--no-sandbox", "--disable-gpu",
					 "--no-first-run", "--disable-background-networking",
					 "--disable-component-update", "--disable-sync",
					 "--no-pdf-header-footer", prof.ptr, arg.ptr, url.ptr, NULL };
			rc = run(argv);
		}
		/* the browser's throw-away profile */
		if (dir)
			nftw(dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
		px_buf_free(&prof);
	} else {
		px_diag_add(d, html, 0, 0, PX_SEV_ERROR, "environment", MSG_NO_PDF);
		goto done;
	}
	if (rc < 0) {
		unlink(tmp);
		px_diag_add(d, pdf.ptr, 0, 0, PX_SEV_ERROR, "environment", MSG_PDF_FAILED, pdf.ptr);
	} else if ((rc = px_out_publish(tmp, pdf.ptr, oo, d)) == 0) {
		px_say(stdout, MSG_WROTE, pdf.ptr);
	}
done:
	free(abs);
	free(tmp);
	px_buf_free(&pdf);
	px_buf_free(&arg);
	px_buf_free(&url);
	return rc;
}

int cmd_report(int argc, char **argv, px_ctx *ctx)
{
	static const px_opt opts[] = {
		{ "lang", 'l', 1, OPT_LANG }, { "output", 'o', 1, OPT_OUTPUT },
		{ "pdf", 0, 0, OPT_PDF }, { "xml", 0, 0, OPT_XML },
		{ "force", 0, 0, OPT_FORCE }, { "audience", 'a', 1, OPT_AUDIENCE },
		{ "no-figures", 0, 0, OPT_NO_FIGURES },
		{ "help", 'h', 0, OPT_HELP }, { 0, 0, 0, 0 }
	};
	static const char *const lang_choices[] = { "nl", "fr", "nl,fr", "both", NULL };
	static const char *const lang_sets[][3] = {
		{ "nl", NULL }, { "fr", NULL }, { "nl", "fr", NULL }, { "both", NULL },
	};
	px_optstate st = PX_OPTSTATE_INIT("report");
	px_diag d = PX_DIAG_INIT;
	px_buf xml = PX_BUF_INIT, css = PX_BUF_INIT, def = PX_BUF_INIT;
	const char *cycle = NULL, *output = NULL;
	char *css_path = NULL, today[PX_DATE_SIZE];
	const char *figures = "1";
	char *registry = px_out_registry(ctx->kb ? ctx->kb->gitdir : NULL);
	px_out_opts oo = PX_OUT_OPTS_INIT;
	px_report_opts ro = PX_REPORT_OPTS_INIT;
	int id, set = -1, pdf = 0, want_xml = 0, status = PX_EXIT_USAGE, rc, i, several, year;

	while ((id = px_getopt(&st, argc, argv, opts)) != PX_OPT_END) {
		switch (id) {
		case PX_OPT_ERROR: goto cleanup;
		case OPT_HELP: status = px_help(MSG_HELP_REPORT); goto cleanup;
		case OPT_LANG:
			if ((set = px_opt_choice(&st, lang_choices)) < 0)
				goto cleanup;
			break;
		case OPT_OUTPUT: output = st.arg; break;
		case OPT_PDF: pdf = 1; break;
		case OPT_XML: want_xml = 1; break;
		case OPT_FORCE: oo.force = 1; break;
		case OPT_NO_FIGURES: figures = "0"; break;
		case OPT_AUDIENCE: {
			int a = px_opt_choice(&st, px_audience_names);
			if (a < 0)
				goto cleanup;
			ro.audience = (px_audience)a;
			break;
		}
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
	if (set < 0) /* the user's language when it is one of the two, else both */
		set = px_ui_lang() == PX_LANG_NL ? 0 : px_ui_lang() == PX_LANG_FR ? 1 : 3;
	oo.registry = registry;
	rc = px_report_xml_opts(ctx->index, cycle, &ro, &xml, &d);
	if (rc < 0)
		goto env;
	if (rc == 1) {
		px_error(MSG_NO_NOTES_IN_CYCLE, cycle);
		status = PX_EXIT_FINDINGS;
		goto cleanup;
	}
	if (want_xml) {
		if (px_out_write_buf(output ? output : "-", &xml, &oo, &d) < 0)
			goto env;
		status = PX_EXIT_OK;
		goto cleanup;
	}
	css_path = px_data_path("site/report.css");
	if (!css_path || px_buf_read_file(&css, css_path, 1 << 20) < 0) {
		px_diag_add(&d, "site/report.css", 0, 0, PX_SEV_ERROR, "environment", MSG_NO_SCHEMA);
		goto env;
	}
	if (px_today(today, &d) < 0)
		goto env;
	several = lang_sets[set][1] != NULL;
	if (output && !strcmp(output, "-") && (several || pdf)) {
		px_error(MSG_STDOUT_ONE, "-o -");
		goto cleanup;
	}
	for (i = 0; lang_sets[set][i]; i++) {
		const char *lang = lang_sets[set][i];
		const char *params[] = { "lang", lang, "css", css.ptr, "generated", today,
					 "figures", figures, NULL };
		px_buf html = PX_BUF_INIT;
		char *file;
		if (output) {
			file = with_lang(output, lang, several);
		} else {
			px_buf_clear(&def);
			px_buf_printf(&def, "report-%s.%s.html", cycle, lang);
			file = strdup(def.ptr);
		}
		if (px_render(&xml, "report.rng", "report.xsl", params, &html, &d) < 0 ||
		    px_out_write_buf(file, &html, &oo, &d) < 0) {
			free(file);
			px_buf_free(&html);
			goto env;
		}
		if (strcmp(file, "-"))
			px_say(stdout, MSG_WROTE, file);
		if (pdf && to_pdf(file, &oo, &d) < 0) {
			free(file);
			px_buf_free(&html);
			goto env;
		}
		free(file);
		px_buf_free(&html);
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
	px_buf_free(&css);
	px_buf_free(&def);
	px_diag_free(&d);
	return status;
}
