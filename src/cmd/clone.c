/*
 * praxis clone URL [DIR]
 *
 * A second laptop joins a shared knowledge base: the repository at URL
 * into DIR, on main (or the remote's only branch) following origin
 * (store_sync.c), then the index built, and what to do next.
 */
#include <stdlib.h>
#include <string.h>

#include "../cmd.h"

/* git's default folder for a URL: its last part without ".git". */
static char *default_dir(const char *url)
{
	size_t len = strlen(url), start;

	while (len > 1 && url[len - 1] == '/')
		len--;
	if (len > 4 && !strncmp(url + len - 4, ".git", 4))
		len -= 4;
	while (len > 1 && url[len - 1] == '/')
		len--;
	start = len;
	while (start && url[start - 1] != '/' && url[start - 1] != ':')
		start--;
	if (start == len)
		return NULL;
	return strndup(url + start, len - start);
}

int cmd_clone(int argc, char **argv, px_ctx *ctx)
{
	const char *args[2];
	char *dir = NULL, *branch = NULL, *root = NULL, *abs = NULL;
	px_kb *kb = NULL;
	px_store *st = NULL;
	px_index *ix = NULL;
	px_update_opts uo = PX_UPDATE_OPTS_INIT;
	long indexed;
	int n, rc, status = PX_CMD_FAILED;

	rc = px_simple_opts(argc, argv, MSG_HELP_CLONE, args, 2, &n);
	if (rc)
		return rc < 0 ? PX_EXIT_USAGE : PX_EXIT_OK;
	if (n < 1) {
		px_error(MSG_NEED_ARG, "URL");
		return PX_EXIT_USAGE;
	}
	dir = n == 2 ? strdup(args[1]) : default_dir(args[0]);
	if (!dir) {
		px_error(MSG_NEED_ARG, "DIR");
		return PX_EXIT_USAGE;
	}
	if (px_store_clone(&branch, args[0], dir, &ctx->diag) < 0)
		goto cleanup;
	/* the knowledge base is the clone itself, never a folder above it */
	root = px_kb_find(dir);
	abs = realpath(dir, NULL);
	if (!root || !abs || strcmp(root, abs)) {
		px_diag_add(&ctx->diag, dir, 0, 0, PX_SEV_ERROR, "clone", MSG_CLONE_NO_KB, dir);
		goto cleanup;
	}
	uo.progress = ctx->tty_err;
	if (px_kb_open(&kb, root, 0, &ctx->diag) < 0 || px_store_open(&st, root, &ctx->diag) < 0 ||
	    px_index_open(&ix, kb, st, &ctx->diag) < 0 ||
	    (indexed = px_index_update(ix, &uo, &ctx->diag)) < 0)
		goto cleanup;
	px_say(stdout, MSG_CLONE_DONE, args[0], dir, branch, indexed);
	status = PX_EXIT_OK;
cleanup:
	px_index_close(ix);
	px_store_free(st);
	px_kb_free(kb);
	free(root);
	free(abs);
	free(branch);
	free(dir);
	return status;
}
