#include "store_int.h"
#include "out.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "cache.h"

#define RETRIES 20


void px_store_error(px_diag *d, const char *what)
{
	const git_error *e = git_error_last();
	px_msgid id = MSG_GIT;

	/* the user's sentence by the kind of failure; libgit2's own
	 * (English) text after it, marked as git's */
	switch (e ? e->klass : GIT_ERROR_NONE) {
	case GIT_ERROR_ODB:
	case GIT_ERROR_ZLIB:
		id = MSG_GIT_ODB;
		break;
	case GIT_ERROR_NET:
	case GIT_ERROR_HTTP:
	case GIT_ERROR_SSH:
	case GIT_ERROR_SSL:
		id = MSG_GIT_NET;
		break;
	case GIT_ERROR_OS:
		id = MSG_GIT_OS;
		break;
	default:
		break;
	}
	if (d)
		px_diag_add(d, what, 0, 0, PX_SEV_ERROR, "git", id, e && e->message ? e->message : "?");
}

void px_oid_hex(char out[PX_OID_HEXSZ + 1], const px_oid *id)
{
	static const char digits[] = "0123456789abcdef";
	size_t i;

	for (i = 0; i < PX_OID_RAWSZ; i++) {
		out[2 * i] = digits[id->id[i] >> 4];
		out[2 * i + 1] = digits[id->id[i] & 15];
	}
	out[PX_OID_HEXSZ] = '\0';
}

static int hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int px_oid_parse(px_oid *out, const char *hex)
{
	size_t i;

	if (strlen(hex) != PX_OID_HEXSZ)
		return -1;
	for (i = 0; i < PX_OID_RAWSZ; i++) {
		int hi = hex_digit(hex[2 * i]), lo = hex_digit(hex[2 * i + 1]);
		if (hi < 0 || lo < 0)
			return -1;
		out->id[i] = (unsigned char)(hi << 4 | lo);
	}
	return 0;
}

int px_oid_equal(const px_oid *a, const px_oid *b)
{
	return !memcmp(a->id, b->id, PX_OID_RAWSZ);
}

/* libgit2 is set up on first use, not at start: its start-up (with
 * mbedTLS, parsing the system's CA bundle: two thirds of a `praxis
 * --version`) is paid only by a command that opens a repository. */
static pthread_once_t live_once = PTHREAD_ONCE_INIT;
static int live_done;

PX_DL_SHARED_DEFINE(px_libgit2, "libgit2.so.1.5", "libgit2-1.5", PX_LIBGIT2_FNS);

static void live_init(void)
{
	git_libgit2_init();
	live_done = 1;
}

int px_store_live(px_diag *d)
{
	if (px_dl_load(&px_libgit2_lib, d) < 0)
		return -1;
	pthread_once(&live_once, live_init);
	return 0;
}

/* For the functions that have no diagnostics to give: 0, or -1 when
 * libgit2 cannot be loaded (their callers then meet it again, with its
 * message, at px_store_open). */
static int live_quiet(void)
{
	px_diag d = PX_DIAG_INIT;
	int rc = px_store_live(&d);

	px_diag_free(&d);
	return rc;
}

void px_store_global_init(void)
{
}

void px_store_global_shutdown(void)
{
	if (live_done)
		git_libgit2_shutdown();
}

void px_store_cache(int on)
{
	/* libgit2 maps a pack in windows of 1 GB and keeps up to 8 GB
	 * mapped: reading a whole 100,000-note pack leaves it all in the
	 * process' memory (118 MB). Read once, small windows do as well. */
	static const size_t window = (size_t)2 << 20, mapped = (size_t)8 << 20;
	static size_t old_window, old_mapped;

	if (live_quiet() < 0)
		return;
	git_libgit2_opts(GIT_OPT_ENABLE_CACHING, on);
	if (!on) {
		git_libgit2_opts(GIT_OPT_GET_MWINDOW_SIZE, &old_window);
		git_libgit2_opts(GIT_OPT_GET_MWINDOW_MAPPED_LIMIT, &old_mapped);
		git_libgit2_opts(GIT_OPT_SET_MWINDOW_SIZE, window);
		git_libgit2_opts(GIT_OPT_SET_MWINDOW_MAPPED_LIMIT, mapped);
	} else if (old_window) {
		git_libgit2_opts(GIT_OPT_SET_MWINDOW_SIZE, old_window);
		git_libgit2_opts(GIT_OPT_SET_MWINDOW_MAPPED_LIMIT, old_mapped);
	}
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
	px_buf p = PX_BUF_INIT, clean[2] = { PX_BUF_INIT, PX_BUF_INIT };
	static const char *const names[2] = { "communities.yaml", ".gitignore" };
	const char *texts[2] = { communities_template, gitignore_template };
	px_store_file files[2];
	struct stat st[2];
	px_commit_opts co = PX_COMMIT_OPTS_INIT;
	int i;
	px_oid oid;
	int rc = -1;

	if (px_store_live(d) < 0)
		return -1;
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
	for (i = 0; i < 2; i++) {
		px_buf_clear(&p);
		px_buf_printf(&p, "%s/%s", dir, names[i]);
		if (stat(p.ptr, &st[i]) < 0)
			goto io;
		if (px_store_clean(s, names[i], texts[i], strlen(texts[i]), &clean[i], d) < 0)
			goto cleanup;
		files[i].path = names[i];
		files[i].data = clean[i].ptr;
		files[i].len = clean[i].len;
		files[i].st = &st[i];
	}
	co.message = px_msg(MSG_INIT_COMMIT);
	co.fallback_name = "praxis";
	rc = px_store_commit(s, files, 2, &co, &oid, d) < 0 ? -1 : 0;
	goto cleanup;
io:
	px_diag_add(d, p.ptr, 0, 0, PX_SEV_ERROR, "io-error", MSG_IO, p.ptr, px_strerror(errno));
cleanup:
	px_store_free(s);
	git_repository_free(repo);
	px_buf_free(&p);
	px_buf_free(&clean[0]);
	px_buf_free(&clean[1]);
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

char *px_store_user_name(const char *root)
{
	git_repository *repo = NULL;
	git_config *cfg = NULL;
	git_buf b = { 0 };
	char *s = NULL;
	int err;

	if (live_quiet() < 0)
		return NULL;
	if (git_repository_open_ext(&repo, root, 0, NULL) == 0)
		err = git_repository_config_snapshot(&cfg, repo);
	else
		err = git_config_open_default(&cfg);
	if (err == 0 && git_config_get_string_buf(&b, cfg, "user.name") == 0 && b.ptr && *b.ptr)
		s = strdup(b.ptr);
	git_buf_dispose(&b);
	git_config_free(cfg);
	git_repository_free(repo);
	return s;
}

char *px_store_discover(const char *root)
{
	git_buf b = { 0 };
	px_buf p = PX_BUF_INIT;
	struct stat st;
	char *s = NULL;

	/* the usual place, the knowledge base's own .git folder, as libgit2
	 * would find it first: without starting libgit2 */
	px_buf_printf(&p, "%s/.git/HEAD", root);
	if (!px_buf_failed(&p) && lstat(p.ptr, &st) == 0 && S_ISREG(st.st_mode)) {
		p.ptr[p.len - strlen("/HEAD")] = '\0';
		if (lstat(p.ptr, &st) == 0 && S_ISDIR(st.st_mode))
			return px_buf_detach(&p);
	}
	px_buf_free(&p);
	if (live_quiet() < 0)
		return NULL;
	if (git_repository_discover(&b, root, 0, NULL) == 0) {
		s = strdup(b.ptr);
		if (s && strlen(s) > 1 && s[strlen(s) - 1] == '/')
			s[strlen(s) - 1] = '\0';
	}
	git_buf_dispose(&b);
	return s;
}

const char *px_store_gitdir(const px_store *s)
{
	return git_repository_path(s->repo);
}

int px_store_reader(px_store **out, const px_store *s, px_diag *d)
{
	px_store *r = calloc(1, sizeof *r);

	*out = NULL;
	if (!r || !(r->workdir = strdup(s->workdir)) || !(r->prefix = strdup(s->prefix))) {
		if (d)
			px_diag_add(d, NULL, 0, 0, PX_SEV_ERROR, "git", MSG_OOM);
		px_store_free(r);
		return -1;
	}
	if (git_repository_open(&r->repo, git_repository_path(s->repo)) < 0) {
		px_store_error(d, NULL);
		px_store_free(r);
		return -1;
	}
	*out = r;
	return 0;
}

int px_store_open(px_store **out, const char *root, px_diag *d)
{
	px_store *s = calloc(1, sizeof *s);
	char *abs = realpath(root, NULL);
	const char *wd;
	size_t wl;
	int err;

	*out = NULL;
	if (px_store_live(d) < 0)
		goto fail;
	if (!s) {
		px_diag_add(d, root, 0, 0, PX_SEV_ERROR, "git", MSG_OOM);
		goto fail;
	}
	if (!abs) {
		px_diag_add(d, root, 0, 0, PX_SEV_ERROR, "io-error", MSG_IO, root, px_strerror(errno));
		goto fail;
	}
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
		if (!p) {
			px_diag_add(d, root, 0, 0, PX_SEV_ERROR, "git", MSG_OOM);
			goto fail;
		}
		s->prefix = p;
		strcat(s->prefix, "/");
	}
	free(abs);
	/* a praxis commit killed half-way is finished before anything reads */
	px_store_reconcile(s, d);
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
	if (s->repo) /* NULL too when libgit2 could not be loaded */
		git_repository_free(s->repo);
	free(s->workdir);
	free(s->prefix);
	free(s);
}

/* HEAD's commit: 0, 1 when unborn, or -1 (libgit2's error is set). */
static int head_id(px_store *s, git_oid *out)
{
	int rc = git_reference_name_to_id(out, s->repo, "HEAD");

	if (rc == GIT_ENOTFOUND || rc == GIT_EUNBORNBRANCH)
		return 1;
	return rc < 0 ? -1 : 0;
}

int px_store_head(px_store *s, px_oid *out, px_diag *d)
{
	git_oid id;
	int rc = head_id(s, &id);

	if (rc < 0)
		px_store_error(d, NULL);
	else if (rc == 0)
		oid_from_git(out, &id);
	return rc;
}

/*
 * The record of HEAD, GITDIR/praxis/head.ok, lets a reading command
 * know HEAD without starting libgit2. HEAD's commit follows from the
 * files libgit2 reads to resolve it: GITDIR/HEAD, the branch's loose ref
 * and packed-refs (under the common dir). The record holds, with the
 * commit libgit2 resolved, each file's identity (present or not, size,
 * modification and change times in ns, inode, device) taken BEFORE
 * libgit2 read them, plus files whose presence means unfinished work
 * (index.lock, the branch's lock, a sync's checkout journal). Any
 * difference and the record is not used. A file changed within the
 * clock's coarse granularity after it was recorded could keep its
 * times: files changed less than PX_RACY_NS before the record is written
 * make no record (git's "racy" rule); the next command records them.
 */
#define HEAD_RECORD "praxis/head.ok"
#define HEAD_MAGIC "praxis head 1\n"

/* The identities of the files HEAD's commit depends on, into `out`;
 * -1 when they cannot be recorded soundly (HEAD pointing at a symbolic
 * ref, a path with a newline, a file changed just now). */
static int head_files(px_store *s, px_buf *out)
{
	const char *gitdir = git_repository_path(s->repo), *common = git_repository_commondir(s->repo);
	git_reference *head = NULL, *target = NULL;
	px_buf p = PX_BUF_INIT;
	long long t = px_now_ns();
	int rc = -1;

	if (!t || strchr(gitdir, '\n') || strchr(common, '\n'))
		return -1;
	if (git_reference_lookup(&head, s->repo, "HEAD") < 0)
		goto cleanup;
	px_buf_printf(&p, "%sHEAD", gitdir);
	if (px_file_identity(out, p.ptr, t))
		goto cleanup;
	if (git_reference_type(head) == GIT_REFERENCE_SYMBOLIC) {
		const char *name = git_reference_symbolic_target(head);
		/* a branch that is a symbolic ref itself: not recorded */
		if (strchr(name, '\n') || (git_reference_lookup(&target, s->repo, name) == 0 &&
					  git_reference_type(target) == GIT_REFERENCE_SYMBOLIC))
			goto cleanup;
		px_buf_clear(&p);
		px_buf_printf(&p, "%s%s", common, name);
		if (px_file_identity(out, p.ptr, t))
			goto cleanup;
		px_buf_puts(&p, ".lock");
		if (px_file_identity(out, p.ptr, t))
			goto cleanup;
	}
	px_buf_clear(&p);
	px_buf_printf(&p, "%spacked-refs", common);
	if (px_file_identity(out, p.ptr, t))
		goto cleanup;
	px_buf_clear(&p);
	px_buf_printf(&p, "%sindex.lock", gitdir);
	if (px_file_identity(out, p.ptr, t))
		goto cleanup;
	px_buf_clear(&p);
	px_buf_printf(&p, "%spraxis/checkout", gitdir);
	if (px_file_identity(out, p.ptr, t))
		goto cleanup;
	rc = px_buf_failed(out) || px_buf_failed(&p) ? -1 : 0;
cleanup:
	git_reference_free(target);
	git_reference_free(head);
	px_buf_free(&p);
	return rc;
}

int px_store_head_record(px_store *s, px_oid *out, px_diag *d)
{
	px_buf files = PX_BUF_INIT, rec = PX_BUF_INIT, path = PX_BUF_INIT, tmp = PX_BUF_INIT;
	char hex[PX_OID_HEXSZ + 1];
	int ok, rc;
	FILE *f;

	/* the files first, then what libgit2 reads from them: a change in
	 * between leaves a record that no longer matches */
	ok = head_files(s, &files) == 0;
	rc = px_store_head(s, out, d);
	px_buf_printf(&path, "%s%s", git_repository_path(s->repo), HEAD_RECORD);
	if (rc >= 0 && ok) {
		if (rc == 0)
			px_oid_hex(hex, out);
		px_buf_printf(&rec, "%s%s\n%s", HEAD_MAGIC, rc == 0 ? hex : "-", files.ptr);
		px_buf_printf(&tmp, "%s.%ld", path.ptr, (long)getpid());
		f = px_buf_failed(&rec) || px_buf_failed(&tmp) ? NULL : fopen(tmp.ptr, "w");
		/* may fail (a full disk): the next command asks libgit2 again */
		if (f) {
			/* closed once, whether the write went through or not */
			int written = fwrite(rec.ptr, 1, rec.len, f) == rec.len;
			if (fclose(f) == 0 && written)
				rename(tmp.ptr, path.ptr);
		}
		if (tmp.len)
			unlink(tmp.ptr);
	} else if (!px_buf_failed(&path)) {
		unlink(path.ptr);
	}
	px_buf_free(&files);
	px_buf_free(&rec);
	px_buf_free(&path);
	px_buf_free(&tmp);
	return rc;
}

/* Whether `gitdir` and the folder holding it belong to this user. */
static int owned_by_me(const char *gitdir)
{
	px_buf p = PX_BUF_INIT;
	struct stat st;
	char *slash;
	int mine;

	px_buf_puts(&p, gitdir);
	mine = !px_buf_failed(&p) && stat(p.ptr, &st) == 0 && st.st_uid == geteuid();
	slash = mine ? strrchr(p.ptr, '/') : NULL;
	if (slash && slash != p.ptr) {
		*slash = '\0';
		mine = stat(p.ptr, &st) == 0 && st.st_uid == geteuid();
	} else {
		mine = 0;
	}
	px_buf_free(&p);
	return mine;
}

int px_store_head_recorded(const char *gitdir, char hex[PX_OID_HEXSZ + 1])
{
	px_buf path = PX_BUF_INIT, rec = PX_BUF_INIT, line = PX_BUF_INIT;
	const char *p, *nl;
	int ok = 0, n;

	/* a repository owned by another user is libgit2's to refuse or
	 * allow (safe.directory): the record is not used for it */
	if (!owned_by_me(gitdir))
		goto cleanup;
	px_buf_printf(&path, "%s/%s", gitdir, HEAD_RECORD);
	if (px_buf_failed(&path) || px_buf_read_file(&rec, path.ptr, 1 << 16) < 0 ||
	    strncmp(rec.ptr, HEAD_MAGIC, strlen(HEAD_MAGIC)))
		goto cleanup;
	p = rec.ptr + strlen(HEAD_MAGIC);
	nl = strchr(p, '\n');
	if (!nl)
		goto cleanup;
	if (nl - p == 1 && *p == '-') {
		hex[0] = '\0';
	} else {
		px_oid id;
		if (nl - p != PX_OID_HEXSZ)
			goto cleanup;
		memcpy(hex, p, PX_OID_HEXSZ);
		hex[PX_OID_HEXSZ] = '\0';
		if (px_oid_parse(&id, hex) < 0)
			goto cleanup;
	}
	/* every file as it was: the same line again, from stat() now; the
	 * racy rule does not apply (now is later than the record). The
	 * first is HEAD's, and there are at least four (head_files). */
	for (p = nl + 1, n = 0; *p; p = nl + 1, n++) {
		const char *name;
		int field;
		nl = strchr(p, '\n');
		if (!nl)
			goto cleanup;
		for (name = p, field = 0; field < 6 && name < nl; name++)
			if (*name == ' ')
				field++;
		if (field < 6 || name >= nl)
			goto cleanup;
		px_buf_clear(&line);
		px_buf_printf(&line, "%.*s", (int)(nl - name), name);
		if (px_buf_failed(&line))
			goto cleanup;
		if (!n && (line.len < 5 || strcmp(line.ptr + line.len - 5, "/HEAD") ||
			   strncmp(line.ptr, gitdir, strlen(gitdir))))
			goto cleanup;
		{
			px_buf again = PX_BUF_INIT;
			int same = px_file_identity(&again, line.ptr, LLONG_MAX) == 0 &&
				   !px_buf_failed(&again) &&
				   again.len == (size_t)(nl - p + 1) && !memcmp(again.ptr, p, again.len);
			px_buf_free(&again);
			if (!same)
				goto cleanup;
		}
	}
	ok = n >= 4;
cleanup:
	px_buf_free(&path);
	px_buf_free(&rec);
	px_buf_free(&line);
	return ok;
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

/* The commit protocol, as git's own: every lock is taken before anything
 * changes. praxis commits are serialised by GITDIR/praxis/commit.lock (a
 * kernel lock, gone with its process); git's index.lock is then created
 * as git does, so no git program commits from an index that is about to
 * change. While praxis holds index.lock the file names what it is doing
 * (LOCK_MARK, HEAD before the commit, the paths, "end"). The index is
 * written before HEAD moves (git reads both before it takes index.lock,
 * HEAD first), so the next praxis process finds a commit killed between
 * the two, or after, and makes the journal's paths in the index HEAD's
 * again: see reconcile(). */
#define LOCK_MARK "praxis commit\n"
#define LOCK_END "end"
#define LOCK_WAIT_TRIES 20 /* x 50 ms: git holds index.lock for moments */

static void git_file(px_buf *b, px_store *s, const char *name)
{
	px_buf_clear(b);
	px_buf_printf(b, "%s%s", git_repository_path(s->repo), name);
}

int px_store_lock(px_store *s, const char *name, int wait, px_diag *d)
{
	px_buf p = PX_BUF_INIT;
	struct flock fl;
	int fd;

	git_file(&p, s, "praxis");
	mkdir(p.ptr, 0777);
	px_buf_printf(&p, "/%s", name);
	fd = open(p.ptr, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
	if (fd < 0) {
		if (d)
			px_diag_add(d, p.ptr, 0, 0, PX_SEV_ERROR, "io-error", MSG_IO, p.ptr,
				    px_strerror(errno));
		px_buf_free(&p);
		return -1;
	}
	memset(&fl, 0, sizeof fl);
	fl.l_type = F_WRLCK;
	fl.l_whence = SEEK_SET;
	while (fcntl(fd, wait ? F_SETLKW : F_SETLK, &fl) < 0) {
		if (errno == EINTR)
			continue;
		if (!wait && (errno == EACCES || errno == EAGAIN)) {
			close(fd);
			px_buf_free(&p);
			return -2;
		}
		if (d)
			px_diag_add(d, p.ptr, 0, 0, PX_SEV_ERROR, "io-error", MSG_IO, p.ptr,
				    px_strerror(errno));
		close(fd);
		px_buf_free(&p);
		return -1;
	}
	px_buf_free(&p);
	return fd;
}

/* The repository's index, opened from a copy of its file (extensions
 * and all) that write_index puts back: the index is changed while we
 * hold index.lock, so libgit2 must not take that lock itself. Called
 * holding commit.lock. */
static int open_index(git_index **out, px_store *s, px_diag *d)
{
	px_buf src = PX_BUF_INIT, tmp = PX_BUF_INIT, bytes = PX_BUF_INIT;
	FILE *f = NULL;
	int rc = -1;

	*out = NULL;
	git_file(&src, s, "index");
	/* the copy's own lock, libgit2's, left by a process killed while
	 * writing it: we hold commit.lock, so no live praxis holds it */
	git_file(&tmp, s, "praxis/index.new.lock");
	unlink(tmp.ptr);
	git_file(&tmp, s, "praxis/index.new");
	unlink(tmp.ptr);
	if (px_buf_read_file(&bytes, src.ptr, PX_BUF_MAX) < 0) {
		if (errno != ENOENT) {
			px_diag_add(d, src.ptr, 0, 0, PX_SEV_ERROR, "io-error", MSG_IO, src.ptr,
				    px_strerror(errno));
			goto cleanup;
		}
	} else {
		f = fopen(tmp.ptr, "wbx");
		if (!f || fwrite(bytes.ptr, 1, bytes.len, f) != bytes.len) {
			px_diag_add(d, tmp.ptr, 0, 0, PX_SEV_ERROR, "io-error", MSG_WRITE_FILE, tmp.ptr,
				    px_strerror(errno ? errno : EIO));
			goto cleanup;
		}
		if (fclose(f) != 0) {
			f = NULL;
			px_diag_add(d, tmp.ptr, 0, 0, PX_SEV_ERROR, "io-error", MSG_WRITE_FILE, tmp.ptr,
				    px_strerror(errno));
			goto cleanup;
		}
		f = NULL;
	}
	if (git_index_open(out, tmp.ptr) < 0) {
		px_store_error(d, NULL);
		goto cleanup;
	}
	rc = 0;
cleanup:
	if (f)
		fclose(f);
	if (rc < 0)
		unlink(tmp.ptr);
	px_buf_free(&src);
	px_buf_free(&tmp);
	px_buf_free(&bytes);
	return rc;
}

/* Writes an index from open_index over GITDIR/index while we hold
 * index.lock: an atomic rename, as git's own of index.lock. */
static int write_index(px_store *s, git_index *idx, px_diag *d)
{
	px_buf tmp = PX_BUF_INIT, dst = PX_BUF_INIT;
	int rc = -1;

	git_file(&tmp, s, "praxis/index.new");
	git_file(&dst, s, "index");
	if (git_index_write(idx) < 0) {
		px_store_error(d, NULL);
		goto cleanup;
	}
	if (rename(tmp.ptr, dst.ptr) < 0) {
		px_diag_add(d, dst.ptr, 0, 0, PX_SEV_ERROR, "io-error", MSG_WRITE_FILE, dst.ptr,
			    px_strerror(errno));
		goto cleanup;
	}
	rc = 0;
cleanup:
	if (rc < 0)
		unlink(tmp.ptr);
	px_buf_free(&tmp);
	px_buf_free(&dst);
	return rc;
}

/* The index entry of a file as `git add` makes it: the blob, the mode as
 * core.filemode says, and the file's status when it was read. */
static void index_entry(git_index_entry *e, const char *gp, const git_oid *id, uint32_t mode,
			const struct stat *st)
{
	memset(e, 0, sizeof *e);
	e->path = gp;
	e->mode = mode;
	git_oid_cpy(&e->id, id);
	if (!st)
		return;
	e->ctime.seconds = (int32_t)st->st_ctim.tv_sec;
	e->ctime.nanoseconds = (uint32_t)st->st_ctim.tv_nsec;
	e->mtime.seconds = (int32_t)st->st_mtim.tv_sec;
	e->mtime.nanoseconds = (uint32_t)st->st_mtim.tv_nsec;
	e->dev = (uint32_t)st->st_dev;
	e->ino = (uint32_t)st->st_ino;
	e->uid = (uint32_t)st->st_uid;
	e->gid = (uint32_t)st->st_gid;
	e->file_size = (uint32_t)st->st_size;
}

/* HEAD's entries for the journalled paths, put into the index. */
static int reconcile_index(px_store *s, git_tree *tree, char **gp, size_t n, px_diag *d)
{
	/* tree NULL: an unborn branch, the paths leave the index */
	git_index *idx = NULL;
	size_t i;
	int rc = -1;

	if (open_index(&idx, s, d) < 0)
		goto cleanup;
	for (i = 0; i < n; i++) {
		git_tree_entry *te = NULL;
		const git_index_entry *ie = git_index_get_bypath(idx, gp[i], 0);
		if (tree && git_tree_entry_bypath(&te, tree, gp[i]) == 0) {
			git_index_entry e;
			if (!ie || !git_oid_equal(&ie->id, git_tree_entry_id(te)) ||
			    ie->mode != (uint32_t)git_tree_entry_filemode(te)) {
				index_entry(&e, gp[i], git_tree_entry_id(te),
					    (uint32_t)git_tree_entry_filemode(te), NULL);
				if (git_index_add(idx, &e) < 0) {
					git_tree_entry_free(te);
					goto git;
				}
			}
			git_tree_entry_free(te);
		} else if (ie && git_index_remove(idx, gp[i], 0) < 0) {
			goto git;
		}
	}
	rc = write_index(s, idx, d);
	goto cleanup;
git:
	px_store_error(d, NULL);
cleanup:
	git_index_free(idx);
	return rc;
}

/* The index entries of the paths GP (as the journal names them) made
 * HEAD's: the entries of HEAD's tree, or none on an unborn branch. */
static int index_to_head(px_store *s, char **gp, size_t n, px_diag *d)
{
	git_oid head;
	git_commit *c = NULL;
	git_tree *t = NULL;
	int unborn = head_id(s, &head), rc = -1;

	if (unborn < 0 || (!unborn && (git_commit_lookup(&c, s->repo, &head) < 0 ||
				       git_commit_tree(&t, c) < 0))) {
		px_store_error(d, NULL);
		goto cleanup;
	}
	rc = reconcile_index(s, t, gp, n, d);
cleanup:
	git_tree_free(t);
	git_commit_free(c);
	return rc;
}

/* Called holding commit.lock, with index.lock present. Returns 1 when
 * the lock is not praxis' own (a git program's), else 0 once a killed
 * praxis commit was finished (the index brought in line with the HEAD
 * it made) and the stale lock removed; -1 on error. */
/* The branch HEAD names ("refs/heads/main"), malloc'd, or NULL. */
static char *head_branch(px_store *s)
{
	git_reference *h = NULL;
	char *name = NULL;

	if (git_reference_lookup(&h, s->repo, "HEAD") == 0 &&
	    git_reference_type(h) == GIT_REFERENCE_SYMBOLIC)
		name = strdup(git_reference_symbolic_target(h));
	git_reference_free(h);
	return name;
}

void px_store_drop_lock_of(const char *path, const char *hex)
{
	px_buf got = PX_BUF_INIT;
	size_t n;

	if (strlen(hex) == GIT_OID_HEXSZ && px_buf_read_file(&got, path, 256) == 0) {
		n = got.len < GIT_OID_HEXSZ ? got.len : GIT_OID_HEXSZ;
		if (got.len <= GIT_OID_HEXSZ + 1 && !memcmp(got.ptr, hex, n) &&
		    (got.len <= GIT_OID_HEXSZ || got.ptr[GIT_OID_HEXSZ] == '\n'))
			unlink(path);
	}
	px_buf_free(&got);
}

void px_store_drop_branch_lock(px_store *s, const char *next_hex)
{
	px_buf p = PX_BUF_INIT;
	char *name = head_branch(s);

	if (name) {
		git_file(&p, s, name);
		px_buf_puts(&p, ".lock");
		px_store_drop_lock_of(p.ptr, next_hex);
	}
	free(name);
	px_buf_free(&p);
}

static int reconcile(px_store *s, px_diag *d)
{
	px_buf lock = PX_BUF_INIT, j = PX_BUF_INIT;
	char **gp = NULL;
	size_t ml = strlen(LOCK_MARK), n = 0, off;
	int rc = -1, complete = 0;

	git_file(&lock, s, "index.lock");
	if (px_buf_read_file(&j, lock.ptr, PX_BUF_MAX) < 0) {
		rc = errno == ENOENT ? 0 : 1;
		goto cleanup;
	}
	if (j.len < ml || memcmp(j.ptr, LOCK_MARK, ml)) {
		rc = 1;
		goto cleanup;
	}
	/* NUL-separated records: the old HEAD, the paths, "end" */
	gp = calloc(j.len / 2 + 2, sizeof *gp);
	if (!gp) {
		px_diag_add(d, NULL, 0, 0, PX_SEV_ERROR, "git", MSG_OOM);
		goto cleanup;
	}
	for (off = ml; off < j.len;) {
		const char *rec = j.ptr + off;
		size_t l = strnlen(rec, j.len - off);
		if (off + l == j.len)
			break; /* cut short: the process died while writing it */
		if (!strcmp(rec, LOCK_END)) {
			complete = n > 0;
			break;
		}
		gp[n++] = (char *)rec;
		off += l + 1;
	}
	/* the branch moves only after a complete journal (old HEAD, the new
	 * commit, the paths): a lock on it holding nothing yet or the new
	 * commit is the one the killed process took, and goes */
	if (complete && n >= 2)
		px_store_drop_branch_lock(s, gp[1]);
	/* the index is written after a complete journal and before HEAD
	 * moves: its entries for the journal's paths become HEAD's, the new
	 * commit's if HEAD moved (that commit finished), else the old */
	if (complete && n >= 2 && index_to_head(s, gp + 2, n - 2, d) < 0)
		goto cleanup;
	if (unlink(lock.ptr) < 0 && errno != ENOENT) {
		px_diag_add(d, lock.ptr, 0, 0, PX_SEV_ERROR, "io-error", MSG_WRITE_FILE, lock.ptr,
			    px_strerror(errno));
		goto cleanup;
	}
	rc = 0;
cleanup:
	free(gp);
	px_buf_free(&lock);
	px_buf_free(&j);
	return rc;
}

int px_store_reconcile(px_store *s, px_diag *d)
{
	px_buf lock = PX_BUF_INIT;
	int fd, rc = 0;

	/* a sync killed inside its checkout: the work tree back to HEAD */
	if (px_store_checkout_recover(s, d) < 0)
		rc = -1;
	git_file(&lock, s, "index.lock");
	if (access(lock.ptr, F_OK) == 0) {
		/* a live praxis commit holds commit.lock: nothing is stale */
		fd = px_store_lock(s, "commit.lock", 0, NULL);
		if (fd >= 0) {
			if (reconcile(s, d) < 0)
				rc = -1;
			close(fd);
		}
	}
	px_buf_free(&lock);
	return rc;
}

/* Creates index.lock already holding LOCK_MARK: the mark is written to a
 * file of our own, which is then linked as index.lock (link(2) fails if
 * it exists, as O_EXCL does). A kill at any moment leaves no index.lock,
 * or one that says it is praxis'. Returns an fd on index.lock, -1 with a
 * diagnostic, or -2 with errno when index.lock could not be created. */
static int create_marked(px_store *s, const char *lock, px_diag *d)
{
	px_buf tmp = PX_BUF_INIT;
	int fd, err;

	git_file(&tmp, s, "praxis");
	mkdir(tmp.ptr, 0777);
	px_buf_printf(&tmp, "/index.lock.%ld", (long)getpid());
	unlink(tmp.ptr);
	fd = open(tmp.ptr, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
	if (fd < 0 || write(fd, LOCK_MARK, strlen(LOCK_MARK)) != (ssize_t)strlen(LOCK_MARK)) {
		px_diag_add(d, tmp.ptr, 0, 0, PX_SEV_ERROR, "io-error", MSG_WRITE_FILE, tmp.ptr,
			    px_strerror(errno ? errno : ENOSPC));
		if (fd >= 0)
			close(fd);
		unlink(tmp.ptr);
		px_buf_free(&tmp);
		return -1;
	}
	if (link(tmp.ptr, lock) < 0) {
		err = errno;
		close(fd);
		unlink(tmp.ptr);
		px_buf_free(&tmp);
		if (err != EEXIST) {
			px_diag_add(d, lock, 0, 0, PX_SEV_ERROR, "io-error", MSG_WRITE_FILE, lock,
				    px_strerror(err));
			return -1;
		}
		errno = err;
		return -2;
	}
	unlink(tmp.ptr);
	px_buf_free(&tmp);
	return fd;
}

/* Creates index.lock as git does. A lock left by a killed praxis commit
 * is finished and removed; a git program's lock is waited for a moment,
 * then reported by name with what to do. Returns an fd, or -1. */
static int lock_index(px_store *s, px_diag *d)
{
	px_buf p = PX_BUF_INIT;
	struct timespec pause = { 0, 50 * 1000 * 1000 };
	int fd = -1, tries;

	git_file(&p, s, "index.lock");
	for (tries = 0;; tries++) {
		int r;
		fd = create_marked(s, p.ptr, d);
		if (fd >= 0 || fd == -1)
			break;
		if (errno != EEXIST) {
			px_diag_add(d, p.ptr, 0, 0, PX_SEV_ERROR, "io-error", MSG_WRITE_FILE, p.ptr,
				    px_strerror(errno));
			break;
		}
		r = reconcile(s, d);
		if (r < 0)
			break;
		if (r == 0)
			continue;
		if (tries == LOCK_WAIT_TRIES) {
			px_diag_add(d, NULL, 0, 0, PX_SEV_ERROR, "git", MSG_INDEX_LOCKED, p.ptr);
			break;
		}
		nanosleep(&pause, NULL);
	}
	px_buf_free(&p);
	return fd;
}

/* Records in index.lock what is about to happen: HEAD before the commit
 * and the paths whose index entries follow it. */
static int journal(int fd, const git_oid *head, const git_oid *next, char **gp, size_t n,
		   px_diag *d)
{
	px_buf j = PX_BUF_INIT;
	char hex[GIT_OID_HEXSZ + 1];
	size_t i;
	int rc = 0;

	if (head)
		git_oid_tostr(hex, sizeof hex, head);
	else
		memset(hex, '0', GIT_OID_HEXSZ), hex[GIT_OID_HEXSZ] = '\0';
	px_buf_puts(&j, LOCK_MARK);
	px_buf_put(&j, hex, GIT_OID_HEXSZ + 1);
	git_oid_tostr(hex, sizeof hex, next);
	px_buf_put(&j, hex, GIT_OID_HEXSZ + 1);
	for (i = 0; i < n; i++)
		px_buf_put(&j, gp[i], strlen(gp[i]) + 1);
	px_buf_put(&j, LOCK_END, sizeof LOCK_END);
	/* written over the mark (the same bytes first), then cut: the file
	 * never stops saying it is praxis' */
	if (pwrite(fd, j.ptr, j.len, 0) != (ssize_t)j.len || ftruncate(fd, (off_t)j.len) < 0) {
		px_diag_add(d, "index.lock", 0, 0, PX_SEV_ERROR, "io-error", MSG_WRITE_FILE,
			    "index.lock", px_strerror(errno ? errno : ENOSPC));
		rc = -1;
	}
	px_buf_free(&j);
	return rc;
}

int px_store_clean(px_store *s, const char *rel, const char *raw, size_t len, px_buf *out,
		   px_diag *d)
{
	git_filter_list *fl = NULL;
	git_buf conv = { 0 };
	px_buf gp = PX_BUF_INIT;
	int rc = -1;

	px_buf_printf(&gp, "%s%s", s->prefix, rel);
	/* core.autocrlf, core.eol and .gitattributes, as `git add` applies them */
	if (git_filter_list_load(&fl, s->repo, NULL, gp.ptr, GIT_FILTER_TO_ODB, GIT_FILTER_DEFAULT) < 0)
		goto git;
	if (!fl)
		rc = px_buf_put(out, raw, len);
	else if (git_filter_list_apply_to_buffer(&conv, fl, raw, len) < 0)
		goto git;
	else
		rc = px_buf_put(out, conv.ptr, conv.size);
	if (rc < 0)
		px_diag_add(d, rel, 0, 0, PX_SEV_ERROR, "git", MSG_OOM);
	goto cleanup;
git:
	px_store_error(d, rel);
cleanup:
	git_buf_dispose(&conv);
	git_filter_list_free(fl);
	px_buf_free(&gp);
	return rc;
}

static int filemode_trusted(px_store *s)
{
	git_config *c = NULL;
	int v = 1;

	if (git_repository_config_snapshot(&c, s->repo) == 0 &&
	    git_config_get_bool(&v, c, "core.filemode") < 0)
		v = 1;
	git_config_free(c);
	return v;
}

/* The mode `git add` gives a regular file: the owner's executable bit
 * when core.filemode is true, else the mode the index already has. */
static uint32_t file_mode(git_index *idx, const char *gp, const struct stat *st, int trusted)
{
	const git_index_entry *ie;

	if (trusted)
		return st && (st->st_mode & S_IXUSR) ? GIT_FILEMODE_BLOB_EXECUTABLE : GIT_FILEMODE_BLOB;
	ie = git_index_get_bypath(idx, gp, 0);
	if (ie && (ie->mode == GIT_FILEMODE_BLOB || ie->mode == GIT_FILEMODE_BLOB_EXECUTABLE))
		return ie->mode;
	return GIT_FILEMODE_BLOB;
}

/* HEAD's tree with the files replaced: only the trees on those paths are
 * rewritten, the rest of the repository is not read. */
static int build_tree(px_store *s, git_commit *parent, const git_oid *merge_tree,
		      const px_store_file *f, char **gp, const git_oid *ids, const uint32_t *modes,
		      size_t n, git_oid *tree_oid, px_diag *d)
{
	git_tree *base = NULL;
	git_index *first = NULL;
	git_tree_update *u = NULL;
	size_t i, nu = 0;
	int rc = -1;

	if (!parent) {
		/* a first commit: no tree to start from */
		if (git_index_new(&first) < 0)
			goto git;
		for (i = 0; i < n; i++) {
			git_index_entry e;
			if (!f[i].data)
				continue;
			index_entry(&e, gp[i], &ids[i], modes[i], NULL);
			if (git_index_add(first, &e) < 0)
				goto git;
		}
		if (git_index_write_tree_to(tree_oid, first, s->repo) < 0)
			goto git;
		rc = 0;
		goto cleanup;
	}
	u = calloc(n + 1, sizeof *u);
	if (!u || (merge_tree ? git_tree_lookup(&base, s->repo, merge_tree)
			      : git_commit_tree(&base, parent)) < 0)
		goto git;
	for (i = 0; i < n; i++) {
		if (f[i].data) {
			git_oid_cpy(&u[nu].id, &ids[i]);
			u[nu].action = GIT_TREE_UPDATE_UPSERT;
			u[nu].filemode = (git_filemode_t)modes[i];
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
	free(u);
	git_index_free(first);
	git_tree_free(base);
	return rc;
}

/* Holding both locks: HEAD moves, then the index follows under the same
 * index.lock, as `git commit -- PATHS` does. */
/* Moves HEAD's branch from `from` (NULL: unborn) to `to`, as `git commit`
 * does, with its reflog line. GIT_EMODIFIED when another process moved
 * it first, GIT_ELOCKED when its lock is held. */
static int move_branch(px_store *s, const git_oid *from, const git_oid *to, const char *message,
		       int unborn)
{
	git_reference *ref = NULL;
	px_buf log = PX_BUF_INIT;
	char *name = head_branch(s);
	const char *nl;
	int err;

	if (!name)
		return GIT_ERROR;
	nl = strchr(message, '\n');
	px_buf_printf(&log, "commit%s: %.*s", unborn ? " (initial)" : "",
		      (int)(nl ? (size_t)(nl - message) : strlen(message)), message);
	if (unborn)
		err = git_reference_create(&ref, s->repo, name, to, 0, log.ptr);
	else
		err = git_reference_create_matching(&ref, s->repo, name, to, 1, from, log.ptr);
	if (err == GIT_EEXISTS)
		err = GIT_EMODIFIED;
	git_reference_free(ref);
	free(name);
	px_buf_free(&log);
	return err;
}

/* The index entries of a commit's files, in IDX (memory only). */
static int stage(git_index *idx, const px_store_file *f, char **gp, const git_oid *ids,
		 const uint32_t *modes, size_t n)
{
	git_index_entry e;
	size_t i;

	for (i = 0; i < n; i++) {
		if (f[i].data) {
			index_entry(&e, gp[i], &ids[i], modes[i], f[i].st);
			if (git_index_add(idx, &e) < 0)
				return -1;
		} else if (git_index_get_bypath(idx, gp[i], 0) && git_index_remove(idx, gp[i], 0) < 0) {
			return -1;
		}
	}
	return 0;
}

static int commit_locked(px_store *s, int ilock, const px_store_file *f, char **gp,
			 const git_oid *ids, size_t n, const px_commit_opts *o, git_signature *sig,
			 const px_merge_state *ms, git_oid *out, px_diag *d)
{
	git_index *idx = NULL;
	git_commit *parent = NULL, *other = NULL;
	git_tree *tree = NULL;
	uint32_t *modes = calloc(n + 1, sizeof *modes);
	struct timespec pause = { 0, 20 * 1000 * 1000 };
	size_t i;
	int attempt, rc = -1, err = 0, trusted = filemode_trusted(s), moved = 0, written = 0;
	int had = 0;
	px_buf ip = PX_BUF_INIT, keep = PX_BUF_INIT;

	if (!modes || open_index(&idx, s, d) < 0)
		goto cleanup;
	if (git_index_has_conflicts(idx)) {
		px_diag_add(d, NULL, 0, 0, PX_SEV_ERROR, "git", MSG_UNMERGED);
		goto cleanup;
	}
	for (i = 0; i < n; i++)
		modes[i] = file_mode(idx, gp[i], f[i].st, trusted);
	if (ms && git_commit_lookup(&other, s->repo, &ms->theirs) < 0)
		goto git;
	if (stage(idx, f, gp, ids, modes, n) < 0)
		goto git;
	git_file(&ip, s, "index");
	git_file(&keep, s, "praxis/index.old");
	unlink(keep.ptr);
	for (attempt = 0; attempt < RETRIES; attempt++) {
		git_oid head, tree_oid;
		const git_commit *parents[2];
		int unborn = head_id(s, &head);

		if (unborn < 0)
			goto git;
		if (ms && (unborn || !git_oid_equal(&head, &ms->ours))) {
			/* the merge was recorded on another HEAD */
			px_diag_add(d, NULL, 0, 0, PX_SEV_ERROR, "sync", MSG_SYNC_MERGE_STALE);
			goto cleanup;
		}
		if (!unborn && git_commit_lookup(&parent, s->repo, &head) < 0)
			goto git;
		if (build_tree(s, parent, ms ? &ms->tree : NULL, f, gp, ids, modes, n, &tree_oid, d) < 0)
			goto cleanup;
		/* a merge is committed even when its tree is HEAD's: both
		 * laptops then share one history */
		if (!ms && parent && git_oid_equal(&tree_oid, git_commit_tree_id(parent))) {
			rc = 1; /* nothing changed; the index is still brought in line */
			break;
		}
		if (git_tree_lookup(&tree, s->repo, &tree_oid) < 0)
			goto git;
		parents[0] = parent;
		parents[1] = other;
		if (git_commit_create(out, s->repo, NULL, sig, sig, NULL, o->message, tree,
				      parent ? (other ? 2 : 1) : 0, parents) < 0)
			goto git;
		if (journal(ilock, unborn ? NULL : &head, out, gp, n, d) < 0)
			goto cleanup;
		/* the index before HEAD: git reads HEAD, then the index,
		 * before it takes index.lock, so a git commit that sees the
		 * new HEAD sees the new index too (the other order let it
		 * commit the old index on top of ours: our notes gone) */
		if (!written) {
			/* the index as it was, kept by a second name for
			 * a failure below */
			had = link(ip.ptr, keep.ptr) == 0;
			if (!had && errno != ENOENT) {
				px_diag_add(d, keep.ptr, 0, 0, PX_SEV_ERROR, "io-error",
					    MSG_WRITE_FILE, keep.ptr, px_strerror(errno));
				goto cleanup;
			}
			if (write_index(s, idx, d) < 0)
				goto cleanup;
			written = 1;
		}
		err = move_branch(s, unborn ? NULL : &head, out, o->message, unborn);
		git_tree_free(tree);
		tree = NULL;
		git_commit_free(parent);
		parent = NULL;
		if (err == 0) {
			moved = 1;
			rc = 0;
			break;
		}
		/* another process moved HEAD: build again on top of its commit */
		if (err != GIT_EMODIFIED && err != GIT_ELOCKED)
			goto git;
		nanosleep(&pause, NULL);
	}
	if (attempt == RETRIES) {
		char *name = err == GIT_ELOCKED ? head_branch(s) : NULL;
		if (name) {
			/* a branch lock that stays is no race: name the file */
			px_buf lock = PX_BUF_INIT, rel = PX_BUF_INIT;
			px_buf_printf(&rel, "%s.lock", name);
			git_file(&lock, s, rel.ptr);
			px_diag_add(d, NULL, 0, 0, PX_SEV_ERROR, "git", MSG_INDEX_LOCKED, lock.ptr);
			px_buf_free(&lock);
			px_buf_free(&rel);
			free(name);
		} else {
			px_diag_add(d, NULL, 0, 0, PX_SEV_ERROR, "git", MSG_COMMIT_BUSY);
		}
		goto cleanup;
	}
	/* nothing to commit: the index is brought in line all the same */
	if (!written && write_index(s, idx, d) < 0)
		goto cleanup;
	goto cleanup;
git:
	px_store_error(d, NULL);
	rc = -1;
cleanup:
	/* the index was written and HEAD did not move: the index as it
	 * was, byte for byte; failing that, the journal in index.lock
	 * stays, so that no git program commits from this index and the
	 * next praxis command puts its entries back to HEAD's (reconcile) */
	if (written && !moved && rc < 0 &&
	    (had ? rename(keep.ptr, ip.ptr) : unlink(ip.ptr)) < 0)
		rc = -2;
	unlink(keep.ptr);
	px_buf_free(&ip);
	px_buf_free(&keep);
	git_tree_free(tree);
	git_commit_free(parent);
	git_commit_free(other);
	git_index_free(idx);
	free(modes);
	return rc;
}

int px_store_commit(px_store *s, const px_store_file *f, size_t n, const px_commit_opts *o,
		    px_oid *out, px_diag *d)
{
	git_oid made;
	git_signature *sig = NULL;
	git_oid *ids = calloc(n + 1, sizeof *ids);
	char **gp = calloc(n + 1, sizeof *gp);
	px_buf lockp = PX_BUF_INIT, mmsg = PX_BUF_INIT;
	px_merge_state ms;
	px_commit_opts mo = *o;
	size_t i, j;
	int lock = -1, ilock = -1, rc = -1, merging = 0;

	if (!ids || !gp) {
		px_diag_add(d, NULL, 0, 0, PX_SEV_ERROR, "git", MSG_OOM);
		goto cleanup;
	}
	for (i = 0; i < n; i++) {
		px_buf g = PX_BUF_INIT;
		px_buf_printf(&g, "%s%s", s->prefix, f[i].path);
		gp[i] = px_buf_detach(&g);
	}
	memset(&ms, 0, sizeof ms);
	/* a merge waiting for its edited notes: all of them, or nothing */
	if ((merging = px_store_merge_state(s, &ms, d)) < 0)
		goto cleanup;
	for (j = 0; merging && j < ms.n; j++) {
		for (i = 0; i < n && strcmp(gp[i], ms.paths[j]); i++)
			;
		if (i == n) {
			const char *rel = ms.paths[j] + strlen(s->prefix);
			px_diag_add(d, rel, 0, 0, PX_SEV_ERROR, "sync", MSG_SYNC_MERGE_NEEDS, rel, rel);
		}
	}
	if (merging && d->errors)
		goto cleanup;
	if (merging) {
		px_buf_printf(&mmsg, "%s\n\n%s", px_msg_in(MSG_SYNC_MERGE_MSG, PX_LANG_EN),
			      o->message ? o->message : "");
		if (px_buf_failed(&mmsg)) {
			px_diag_add(d, NULL, 0, 0, PX_SEV_ERROR, "git", MSG_OOM);
			goto cleanup;
		}
		mo.message = mmsg.ptr;
	}
	o = &mo;
	if (make_signature(&sig, s, o, d) < 0)
		goto cleanup;
	/* every lock before anything changes, objects included */
	lock = px_store_lock(s, "commit.lock", 1, d);
	if (lock < 0)
		goto cleanup;
	ilock = lock_index(s, d);
	if (ilock < 0)
		goto cleanup;
	git_file(&lockp, s, "index.lock");
	for (i = 0; i < n; i++) {
		if (f[i].data && git_blob_create_from_buffer(&ids[i], s->repo, f[i].data, f[i].len) < 0) {
			px_store_error(d, f[i].path);
			unlink(lockp.ptr);
			goto cleanup;
		}
	}
	rc = commit_locked(s, ilock, f, gp, ids, n, o, sig, merging ? &ms : NULL, &made, d);
	if (rc == 0)
		oid_from_git(out, &made);
	if (rc == 0 && merging)
		px_store_merge_done(s);
	if (rc != -2)
		unlink(lockp.ptr);
	else
		rc = -1;
cleanup:
	if (ilock >= 0)
		close(ilock);
	if (lock >= 0)
		close(lock);
	for (i = 0; gp && i < n; i++)
		free(gp[i]);
	free(gp);
	free(ids);
	git_signature_free(sig);
	px_buf_free(&lockp);
	px_buf_free(&mmsg);
	px_store_merge_state_free(&ms);
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
		px_diag_add(d, NULL, 0, 0, PX_SEV_ERROR, "git", MSG_OOM);
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
		if (!(v[cnt++] = strdup(path + pl))) {
			px_diag_add(d, NULL, 0, 0, PX_SEV_ERROR, "git", MSG_OOM);
			git_status_list_free(list);
			while (cnt)
				free(v[--cnt]);
			free(v);
			return -1;
		}
	}
	git_status_list_free(list);
	*out = v;
	return (long)cnt;
}
