#include "store.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"

#define RETRIES 20

static int commit_locked(px_store *s, char **paths, size_t n, const px_commit_opts *o, git_oid *out,
			 px_diag *d);

void px_store_error(px_diag *d, const char *what)
{
	const git_error *e = git_error_last();

	px_diag_add(d, what, 0, 0, PX_SEV_ERROR, "git", MSG_GIT,
		    e && e->message ? e->message : "?");
}

static const char communities_template[] =
	"# The communities of practice of this knowledge base, one entry each.\n"
	"# De praktijkgemeenschappen van deze kennisbank, een item per gemeenschap.\n"
	"# Les communautés de pratique de cette base, une entrée par communauté.\n"
	"#\n"
	"#  - id: zuid                 # [a-z0-9-]+, stable forever / blijvend / définitif\n"
	"#    name: { nl: \"PG Zuid\", fr: \"CdP Sud\" }\n"
	"#    zone: { nl: \"Zorgzone Zuid\", fr: \"Bassin Sud\" }\n"
	"#    lang: nl                 # nl or/of/ou fr\n"
	"#    moderators: [ \"A. Moderator\", \"B. Moderator\" ]\n"
	"communities: []\n";

static const char gitignore_template[] =
	"# editors / editors / éditeurs\n"
	"*~\n"
	"*.swp\n"
	".DS_Store\n";

static int write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "wx");
	int rc = 0;

	if (!f)
		return -1;
	if (fputs(text, f) == EOF)
		rc = -1;
	if (fclose(f) != 0)
		rc = -1;
	return rc;
}

static int dir_is_empty(const char *dir)
{
	px_buf b = PX_BUF_INIT;
	int empty;

	/* a folder with communities.yaml or .git is not a place for a new one */
	px_buf_printf(&b, "%s/communities.yaml", dir);
	empty = access(b.ptr, F_OK) != 0;
	px_buf_clear(&b);
	px_buf_printf(&b, "%s/.git", dir);
	empty = empty && access(b.ptr, F_OK) != 0;
	px_buf_free(&b);
	return empty;
}

int px_store_init(const char *dir, px_diag *d)
{
	git_repository_init_options opts;
	git_repository *repo = NULL;
	px_store *s = NULL;
	px_buf p = PX_BUF_INIT;
	char *paths[2] = { "communities.yaml", ".gitignore" };
	px_commit_opts co = PX_COMMIT_OPTS_INIT;
	git_oid oid;
	int rc = -1;

	if (!dir_is_empty(dir)) {
		px_diag_add(d, dir, 0, 0, PX_SEV_ERROR, "init", MSG_INIT_EXISTS, dir);
		return -1;
	}
	git_repository_init_options_init(&opts, GIT_REPOSITORY_INIT_OPTIONS_VERSION);
	opts.flags = GIT_REPOSITORY_INIT_MKPATH;
	opts.initial_head = "main";
	if (git_repository_init_ext(&repo, dir, &opts) < 0) {
		px_store_error(d, dir);
		goto cleanup;
	}
	px_buf_printf(&p, "%s/communities.yaml", dir);
	if (write_file(p.ptr, communities_template) < 0)
		goto io;
	px_buf_clear(&p);
	px_buf_printf(&p, "%s/.gitignore", dir);
	if (write_file(p.ptr, gitignore_template) < 0)
		goto io;
	if (px_store_open(&s, dir, d) < 0)
		goto cleanup;
	co.message = px_msg(MSG_INIT_COMMIT);
	co.fallback_name = "praxis";
	rc = px_store_commit(s, paths, 2, &co, &oid, d) < 0 ? -1 : 0;
	goto cleanup;
io:
	px_diag_add(d, p.ptr, 0, 0, PX_SEV_ERROR, "io-error", MSG_IO, p.ptr, strerror(errno));
cleanup:
	px_store_free(s);
	git_repository_free(repo);
	px_buf_free(&p);
	return rc;
}

/* Whether the nearest folder at or above `dir` holding .git belongs to
 * another user (git's safe.directory check refuses it). */
static int owned_by_other(const char *dir)
{
	px_buf p = PX_BUF_INIT;
	struct stat st;
	int other = 0;

	px_buf_puts(&p, dir);
	for (;;) {
		size_t len = p.len;
		char *slash;
		px_buf_puts(&p, "/.git");
		if (lstat(p.ptr, &st) == 0) {
			other = st.st_uid != geteuid();
			px_buf_truncate(&p, len);
			other |= stat(p.ptr, &st) == 0 && st.st_uid != geteuid();
			break;
		}
		px_buf_truncate(&p, len);
		slash = strrchr(p.ptr, '/');
		if (!slash || slash == p.ptr)
			break;
		px_buf_truncate(&p, (size_t)(slash - p.ptr));
	}
	px_buf_free(&p);
	return other;
}

int px_store_open(px_store **out, const char *root, px_diag *d)
{
	px_store *s = calloc(1, sizeof *s);
	char *abs = realpath(root, NULL);
	const char *wd;
	size_t wl;
	int err;

	*out = NULL;
	if (!s || !abs)
		goto fail;
	if ((err = git_repository_open_ext(&s->repo, abs, 0, NULL)) < 0) {
		/* libgit2 1.5 says GIT_EOWNER, or GIT_ENOTFOUND when no
		 * safe.directory is configured at all: look at the owner */
		if (err == GIT_EOWNER || owned_by_other(abs))
			px_diag_add(d, root, 0, 0, PX_SEV_ERROR, "git", MSG_GIT_OWNER, root, abs);
		else
			px_diag_add(d, root, 0, 0, PX_SEV_ERROR, "git", MSG_NOT_REPO, root);
		goto fail;
	}
	wd = git_repository_workdir(s->repo);
	if (!wd) {
		px_diag_add(d, root, 0, 0, PX_SEV_ERROR, "git", MSG_NOT_REPO, root);
		goto fail;
	}
	s->workdir = strdup(wd);
	wl = strlen(wd);
	/* realpath drops the trailing slash; the work dir has one */
	if (strlen(abs) + 1 >= wl && !strncmp(abs, wd, wl - 1))
		s->prefix = strlen(abs) + 1 > wl ? strdup(abs + wl) : strdup("");
	else
		s->prefix = strdup("");
	if (*s->prefix) {
		char *p = realloc(s->prefix, strlen(s->prefix) + 2);
		if (!p)
			goto fail;
		s->prefix = p;
		strcat(s->prefix, "/");
	}
	free(abs);
	*out = s;
	return 0;
fail:
	free(abs);
	px_store_free(s);
	return -1;
}

void px_store_free(px_store *s)
{
	if (!s)
		return;
	git_repository_free(s->repo);
	free(s->workdir);
	free(s->prefix);
	free(s);
}

int px_store_head(px_store *s, git_oid *out)
{
	int rc = git_reference_name_to_id(out, s->repo, "HEAD");

	if (rc == GIT_ENOTFOUND || rc == GIT_EUNBORNBRANCH)
		return 1;
	return rc < 0 ? -1 : 0;
}

static int make_signature(git_signature **sig, px_store *s, const px_commit_opts *o, px_diag *d)
{
	if (o->author) {
		const char *lt = strchr(o->author, '<'), *gt = lt ? strchr(lt, '>') : NULL;
		char *name, *email;
		size_t nl;
		int rc;
		if (!lt || !gt || gt[1]) {
			px_diag_add(d, "--author", 0, 0, PX_SEV_ERROR, "usage", MSG_BAD_AUTHOR, o->author);
			return -1;
		}
		nl = (size_t)(lt - o->author);
		while (nl && o->author[nl - 1] == ' ')
			nl--;
		name = strndup(o->author, nl);
		email = strndup(lt + 1, (size_t)(gt - lt - 1));
		rc = name && email && *name ? git_signature_now(sig, name, email) : -1;
		free(name);
		free(email);
		if (rc < 0)
			px_diag_add(d, "--author", 0, 0, PX_SEV_ERROR, "usage", MSG_BAD_AUTHOR, o->author);
		return rc < 0 ? -1 : 0;
	}
	if (git_signature_default(sig, s->repo) == 0)
		return 0;
	if (o->fallback_name && git_signature_now(sig, o->fallback_name, "") == 0)
		return 0;
	px_diag_add(d, NULL, 0, 0, PX_SEV_ERROR, "git", MSG_NO_IDENTITY);
	return -1;
}

static int is_file(const char *p)
{
	struct stat st;
	return lstat(p, &st) == 0 && S_ISREG(st.st_mode);
}

/* HEAD's tree with `paths` replaced by the work tree's files, for a
 * first commit (no tree to start from). */
static int build_first_tree(px_store *s, git_commit *parent, char **paths, size_t n, git_oid *tree_oid,
		      px_diag *d)
{
	git_index *idx = NULL;
	git_tree *tree = NULL;
	px_buf full = PX_BUF_INIT, gp = PX_BUF_INIT, content = PX_BUF_INIT;
	size_t i;
	int rc = -1;

	if (git_index_new(&idx) < 0)
		goto git;
	if (parent) {
		if (git_commit_tree(&tree, parent) < 0 || git_index_read_tree(idx, tree) < 0)
			goto git;
	}
	for (i = 0; i < n; i++) {
		px_buf_clear(&full);
		px_buf_clear(&gp);
		px_buf_printf(&gp, "%s%s", s->prefix, paths[i]);
		px_buf_printf(&full, "%s%s", s->workdir, gp.ptr);
		if (is_file(full.ptr)) {
			git_index_entry e;
			px_buf_clear(&content);
			if (px_buf_read_file(&content, full.ptr, PX_BUF_MAX) < 0) {
				px_diag_add(d, paths[i], 0, 0, PX_SEV_ERROR, "io-error", MSG_IO, paths[i],
					    strerror(errno));
				goto cleanup;
			}
			memset(&e, 0, sizeof e);
			e.mode = GIT_FILEMODE_BLOB;
			e.path = gp.ptr;
			if (git_blob_create_from_buffer(&e.id, s->repo, content.ptr, content.len) < 0 ||
			    git_index_add(idx, &e) < 0)
				goto git;
		} else if (git_index_remove(idx, gp.ptr, 0) < 0 && git_error_last() &&
			   git_error_last()->klass != GIT_ERROR_INDEX) {
			goto git;
		}
	}
	if (git_index_write_tree_to(tree_oid, idx, s->repo) < 0)
		goto git;
	rc = 0;
	goto cleanup;
git:
	px_store_error(d, NULL);
cleanup:
	git_tree_free(tree);
	git_index_free(idx);
	px_buf_free(&full);
	px_buf_free(&gp);
	px_buf_free(&content);
	return rc;
}

/* HEAD's tree with `paths` replaced: only the trees on those paths are
 * rewritten, the rest of the repository is not read. */
static int build_tree(px_store *s, git_commit *parent, char **paths, size_t n, git_oid *tree_oid,
		      px_diag *d)
{
	git_tree *base = NULL;
	git_tree_update *u = NULL;
	char **gp = NULL;
	px_buf full = PX_BUF_INIT, content = PX_BUF_INIT;
	size_t i, nu = 0;
	int rc = -1;

	if (!parent)
		return build_first_tree(s, parent, paths, n, tree_oid, d);
	u = calloc(n + 1, sizeof *u);
	gp = calloc(n + 1, sizeof *gp);
	if (!u || !gp || git_commit_tree(&base, parent) < 0)
		goto git;
	for (i = 0; i < n; i++) {
		px_buf g = PX_BUF_INIT;
		px_buf_printf(&g, "%s%s", s->prefix, paths[i]);
		gp[i] = px_buf_detach(&g);
		px_buf_clear(&full);
		px_buf_printf(&full, "%s%s", s->workdir, gp[i]);
		if (is_file(full.ptr)) {
			px_buf_clear(&content);
			if (px_buf_read_file(&content, full.ptr, PX_BUF_MAX) < 0) {
				px_diag_add(d, paths[i], 0, 0, PX_SEV_ERROR, "io-error", MSG_IO, paths[i],
					    strerror(errno));
				goto cleanup;
			}
			if (git_blob_create_from_buffer(&u[nu].id, s->repo, content.ptr, content.len) < 0)
				goto git;
			u[nu].action = GIT_TREE_UPDATE_UPSERT;
			u[nu].filemode = GIT_FILEMODE_BLOB;
			u[nu].path = gp[i];
			nu++;
		} else {
			git_tree_entry *e = NULL;
			/* a deletion of what HEAD does not have changes nothing */
			if (git_tree_entry_bypath(&e, base, gp[i]) == 0) {
				u[nu].action = GIT_TREE_UPDATE_REMOVE;
				u[nu].path = gp[i];
				nu++;
			}
			git_tree_entry_free(e);
		}
	}
	if (git_tree_create_updated(tree_oid, s->repo, base, nu, u) < 0)
		goto git;
	rc = 0;
	goto cleanup;
git:
	px_store_error(d, NULL);
cleanup:
	for (i = 0; gp && i < n; i++)
		free(gp[i]);
	free(gp);
	free(u);
	git_tree_free(base);
	px_buf_free(&full);
	px_buf_free(&content);
	return rc;
}

/* Brings the repository's own index in line for the committed paths, as
 * `git add` would have; waits for another writer's lock. */
static int update_repo_index(px_store *s, char **paths, size_t n, px_diag *d)
{
	git_index *idx = NULL;
	px_buf gp = PX_BUF_INIT, full = PX_BUF_INIT;
	struct timespec pause = { 0, 50 * 1000 * 1000 };
	size_t i;
	int attempt, rc = -1;

	if (git_repository_index(&idx, s->repo) < 0)
		goto git;
	for (attempt = 0; attempt < RETRIES; attempt++) {
		/* again from disk only if another writer changed it */
		if (git_index_read(idx, 0) < 0)
			goto git;
		for (i = 0; i < n; i++) {
			px_buf_clear(&gp);
			px_buf_clear(&full);
			px_buf_printf(&gp, "%s%s", s->prefix, paths[i]);
			px_buf_printf(&full, "%s%s", s->workdir, gp.ptr);
			if (is_file(full.ptr) ? git_index_add_bypath(idx, gp.ptr) < 0 :
			    (git_index_remove_bypath(idx, gp.ptr) < 0))
				goto git;
		}
		rc = git_index_write(idx);
		if (rc != GIT_ELOCKED)
			break;
		nanosleep(&pause, NULL);
	}
	if (rc < 0)
		goto git;
	goto cleanup;
git:
	px_store_error(d, NULL);
	rc = -1;
cleanup:
	git_index_free(idx);
	px_buf_free(&gp);
	px_buf_free(&full);
	return rc;
}

/* Serialises praxis commits on one repository: the repository's index is
 * read, changed and written back, and two writers must not interleave.
 * Returns an fd to close, or -1. */
static int lock_commits(px_store *s, px_diag *d)
{
	px_buf p = PX_BUF_INIT;
	struct flock fl;
	int fd;

	px_buf_printf(&p, "%spraxis", git_repository_path(s->repo));
	mkdir(p.ptr, 0777);
	px_buf_puts(&p, "/commit.lock");
	fd = open(p.ptr, O_RDWR | O_CREAT, 0666);
	if (fd < 0) {
		px_diag_add(d, p.ptr, 0, 0, PX_SEV_ERROR, "io-error", MSG_IO, p.ptr, strerror(errno));
		px_buf_free(&p);
		return -1;
	}
	memset(&fl, 0, sizeof fl);
	fl.l_type = F_WRLCK;
	fl.l_whence = SEEK_SET;
	while (fcntl(fd, F_SETLKW, &fl) < 0) {
		if (errno != EINTR) {
			px_diag_add(d, p.ptr, 0, 0, PX_SEV_ERROR, "io-error", MSG_IO, p.ptr,
				    strerror(errno));
			close(fd);
			px_buf_free(&p);
			return -1;
		}
	}
	px_buf_free(&p);
	return fd;
}

int px_store_commit(px_store *s, char **paths, size_t n, const px_commit_opts *o, git_oid *out,
		    px_diag *d)
{
	int lock = lock_commits(s, d), rc;

	if (lock < 0)
		return -1;
	rc = commit_locked(s, paths, n, o, out, d);
	close(lock);
	return rc;
}

static int commit_locked(px_store *s, char **paths, size_t n, const px_commit_opts *o, git_oid *out,
			 px_diag *d)
{
	git_signature *sig = NULL;
	git_commit *parent = NULL;
	git_tree *tree = NULL;
	struct timespec pause = { 0, 20 * 1000 * 1000 };
	int attempt, rc = -1, err;

	if (make_signature(&sig, s, o, d) < 0)
		return -1;
	for (attempt = 0; attempt < RETRIES; attempt++) {
		git_oid head, tree_oid;
		const git_commit *parents[1];
		int unborn = px_store_head(s, &head);

		if (unborn < 0)
			goto git;
		if (!unborn && git_commit_lookup(&parent, s->repo, &head) < 0)
			goto git;
		if (build_tree(s, parent, paths, n, &tree_oid, d) < 0)
			goto cleanup;
		if (parent && git_oid_equal(&tree_oid, git_commit_tree_id(parent))) {
			rc = 1; /* nothing changed */
			goto cleanup;
		}
		if (git_tree_lookup(&tree, s->repo, &tree_oid) < 0)
			goto git;
		parents[0] = parent;
		err = git_commit_create(out, s->repo, "HEAD", sig, sig, NULL, o->message, tree,
					parent ? 1 : 0, parents);
		git_tree_free(tree);
		tree = NULL;
		git_commit_free(parent);
		parent = NULL;
		if (err == 0)
			break;
		/* another process moved HEAD: build again on top of its commit */
		if (err != GIT_EMODIFIED && err != GIT_ELOCKED)
			goto git;
		nanosleep(&pause, NULL);
	}
	if (attempt == RETRIES) {
		px_diag_add(d, NULL, 0, 0, PX_SEV_ERROR, "git", MSG_COMMIT_BUSY);
		goto cleanup;
	}
	rc = update_repo_index(s, paths, n, d);
	goto cleanup;
git:
	px_store_error(d, NULL);
cleanup:
	git_tree_free(tree);
	git_commit_free(parent);
	git_signature_free(sig);
	return rc;
}

long px_store_changed(px_store *s, int (*keep)(const char *rel), char ***out, px_diag *d)
{
	git_status_options opts;
	git_status_list *list = NULL;
	size_t i, n, pl = strlen(s->prefix), cnt = 0;
	char **v = NULL;

	*out = NULL;
	git_status_options_init(&opts, GIT_STATUS_OPTIONS_VERSION);
	opts.show = GIT_STATUS_SHOW_INDEX_AND_WORKDIR;
	opts.flags = GIT_STATUS_OPT_INCLUDE_UNTRACKED | GIT_STATUS_OPT_RECURSE_UNTRACKED_DIRS;
	if (git_status_list_new(&list, s->repo, &opts) < 0) {
		px_store_error(d, NULL);
		return -1;
	}
	n = git_status_list_entrycount(list);
	v = calloc(n + 1, sizeof *v);
	if (!v) {
		git_status_list_free(list);
		return -1;
	}
	for (i = 0; i < n; i++) {
		const git_status_entry *e = git_status_byindex(list, i);
		const git_diff_delta *dd = e->index_to_workdir ? e->index_to_workdir : e->head_to_index;
		const char *path;
		if (!dd || e->status == GIT_STATUS_CURRENT || (e->status & GIT_STATUS_IGNORED))
			continue;
		path = dd->new_file.path ? dd->new_file.path : dd->old_file.path;
		if (strncmp(path, s->prefix, pl) || !keep(path + pl))
			continue;
		v[cnt++] = strdup(path + pl);
	}
	git_status_list_free(list);
	*out = v;
	return (long)cnt;
}

int px_store_read(px_store *s, const git_oid *commit, const char *rel, px_buf *out)
{
	git_commit *c = NULL;
	git_tree *t = NULL;
	git_tree_entry *e = NULL;
	git_blob *b = NULL;
	px_buf gp = PX_BUF_INIT;
	int rc = -1;

	px_buf_printf(&gp, "%s%s", s->prefix, rel);
	if (git_commit_lookup(&c, s->repo, commit) < 0 || git_commit_tree(&t, c) < 0 ||
	    git_tree_entry_bypath(&e, t, gp.ptr) < 0 ||
	    git_blob_lookup(&b, s->repo, git_tree_entry_id(e)) < 0)
		goto cleanup;
	rc = px_buf_put(out, git_blob_rawcontent(b), (size_t)git_blob_rawsize(b));
cleanup:
	git_blob_free(b);
	git_tree_entry_free(e);
	git_tree_free(t);
	git_commit_free(c);
	px_buf_free(&gp);
	return rc;
}
