/*
 * store_sync.c - sharing the repository through a remote: fetch,
 * ahead/behind, merge, fast-forward, push (store.h). The steps stay
 * separate so that a caller decides what to do between them.
 */
#include "store_int.h"

#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "out.h"

struct px_remote {
	px_store *s;
	git_remote *remote;
	char *name;
};

/* libgit2's message for an error quoted inside a sentence of ours. */
static const char *last_message(void)
{
	const git_error *e = git_error_last();

	return e && e->message ? e->message : "?";
}

/*
 * Credentials, as git users expect them (doc/sync.md): an SSH agent for
 * ssh:// and user@host: remotes, and for HTTPS the token in
 * PRAXIS_GIT_TOKEN (user PRAXIS_GIT_USER, else the URL's, else "git").
 * Each kind is offered once: a server that refuses it ends the attempt
 * with one message (MSG_SYNC_AUTH), never a loop of retries.
 */
typedef struct {
	unsigned tried;   /* the kinds of credential already offered */
	int refused;      /* we had nothing (more) to offer */
	int no_agent;     /* an SSH key was asked for and no agent runs */
	char *rejected;   /* the remote's reason for refusing a pushed branch */
	int untrusted;    /* the server's identity failed libgit2's check:
			   * its GIT_CERT_ kind (SSH host key, TLS certificate) */
	/* the watchdog (transfer_begin): the last sign of life, seconds */
	_Atomic long alive;
	int watching, stop;
	long timeout;
	_Atomic int timed_out;
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t cv;
} auth_state;

static int sign_of_life(auth_state *a);

static int credentials(git_credential **out, const char *url, const char *user_from_url,
		       unsigned int allowed, void *payload)
{
	auth_state *a = payload;
	const char *user = user_from_url && *user_from_url ? user_from_url : NULL;

	(void)url;
	sign_of_life(a);
	if ((allowed & GIT_CREDENTIAL_SSH_KEY) && !(a->tried & GIT_CREDENTIAL_SSH_KEY)) {
		a->tried |= GIT_CREDENTIAL_SSH_KEY;
		if (getenv("SSH_AUTH_SOCK") && *getenv("SSH_AUTH_SOCK"))
			return git_credential_ssh_key_from_agent(out, user ? user : "git");
		a->no_agent = 1;
	}
	if ((allowed & GIT_CREDENTIAL_USERPASS_PLAINTEXT) &&
	    !(a->tried & GIT_CREDENTIAL_USERPASS_PLAINTEXT) && getenv("PRAXIS_GIT_TOKEN") &&
	    *getenv("PRAXIS_GIT_TOKEN")) {
		const char *u = getenv("PRAXIS_GIT_USER");
		a->tried |= GIT_CREDENTIAL_USERPASS_PLAINTEXT;
		return git_credential_userpass_plaintext_new(out, u && *u ? u : user ? user : "git",
							     getenv("PRAXIS_GIT_TOKEN"));
	}
	if ((allowed & GIT_CREDENTIAL_USERNAME) && !(a->tried & GIT_CREDENTIAL_USERNAME)) {
		a->tried |= GIT_CREDENTIAL_USERNAME;
		return git_credential_username_new(out, user ? user : "git");
	}
	a->refused = 1;
	return GIT_EAUTH;
}

/* A branch the remote refused to update (someone pushed meanwhile):
 * libgit2's push succeeds all the same, so it is noted here. */
static int push_update(const char *refname, const char *status, void *payload)
{
	auth_state *a = payload;

	(void)refname;
	if (status && !a->rejected)
		a->rejected = strdup(status);
	return 0;
}

/*
 * A server that accepts the connection and never answers would hold a
 * sync forever: libgit2 1.5 has no network timeout. A watchdog thread
 * watches fetch, push and clone: when the transfer shows no sign of life
 * (a callback from libgit2) for PRAXIS_NET_TIMEOUT seconds (default 60),
 * it shuts the process' sockets down (during a transfer they are the
 * transfer's, and an SSH agent's that is asked again next time), so the
 * blocked read fails and libgit2 returns its error through the usual
 * path: the clone's folder is removed, nothing half-done stays, and the
 * error says what happened.
 */
static void shut_sockets(void)
{
	DIR *dir = opendir("/proc/self/fd");
	struct dirent *e;
	struct stat st;

	if (!dir)
		return;
	while ((e = readdir(dir))) {
		int fd = atoi(e->d_name);
		if (e->d_name[0] != '.' && fd != dirfd(dir) && fstat(fd, &st) == 0 &&
		    S_ISSOCK(st.st_mode))
			shutdown(fd, SHUT_RDWR);
	}
	closedir(dir);
}

static long now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long)ts.tv_sec;
}

static void *watchdog(void *p)
{
	auth_state *a = p;
	struct timespec until;

	pthread_mutex_lock(&a->mu);
	while (!a->stop) {
		if (!atomic_load(&a->timed_out) && now_s() - atomic_load(&a->alive) >= a->timeout) {
			atomic_store(&a->timed_out, 1);
			shut_sockets();
		}
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_sec += 1;
		pthread_cond_timedwait(&a->cv, &a->mu, &until);
	}
	pthread_mutex_unlock(&a->mu);
	return NULL;
}

static void transfer_begin(auth_state *a)
{
	const char *env = getenv("PRAXIS_NET_TIMEOUT");
	char *end;
	long t = env && *env ? strtol(env, &end, 10) : 0;

	a->timeout = env && *env && !*end && t > 0 ? t : 60;
	atomic_store(&a->alive, now_s());
	pthread_mutex_init(&a->mu, NULL);
	pthread_cond_init(&a->cv, NULL);
	a->watching = pthread_create(&a->thread, NULL, watchdog, a) == 0;
}

static void transfer_end(auth_state *a)
{
	if (a->watching) {
		pthread_mutex_lock(&a->mu);
		a->stop = 1;
		pthread_cond_signal(&a->cv);
		pthread_mutex_unlock(&a->mu);
		pthread_join(a->thread, NULL);
		a->watching = 0;
	}
	pthread_mutex_destroy(&a->mu);
	pthread_cond_destroy(&a->cv);
	free(a->rejected);
	a->rejected = NULL;
}

static int sign_of_life(auth_state *a)
{
	atomic_store(&a->alive, now_s());
	return 0;
}

static int on_transfer(const git_indexer_progress *stats, void *payload)
{
	(void)stats;
	return sign_of_life(payload);
}

static int on_sideband(const char *str, int len, void *payload)
{
	(void)str;
	(void)len;
	return sign_of_life(payload);
}

static int on_pack(int stage, uint32_t current, uint32_t total, void *payload)
{
	(void)stage;
	(void)current;
	(void)total;
	return sign_of_life(payload);
}

static int on_push_transfer(unsigned int current, unsigned int total, size_t bytes, void *payload)
{
	(void)current;
	(void)total;
	(void)bytes;
	return sign_of_life(payload);
}

/* ~/.ssh/known_hosts exists (the file libgit2 reads, under $HOME). */
static int known_hosts_file(void)
{
	const char *home = getenv("HOME");
	px_buf p = PX_BUF_INIT;
	int ok;

	if (!home || !*home)
		return 0;
	px_buf_printf(&p, "%s/.ssh/known_hosts", home);
	ok = access(p.ptr, R_OK) == 0;
	px_buf_free(&p);
	return ok;
}

/* An SSH remote (ssh://, git+ssh://, ssh+git://, or user@host:path)
 * asked for from a machine with no known_hosts file: refused before
 * connecting (libgit2 1.5 would take any key, and leaks while finding
 * that out). 0 to go on, -1 with the diagnostic. */
static int ssh_without_known_hosts(const char *url, const char *name, px_diag *d)
{
	const char *colon = strchr(url, ':'), *slash = strchr(url, '/');
	int ssh = !strncmp(url, "ssh://", 6) || !strncmp(url, "git+ssh://", 10) ||
		  !strncmp(url, "ssh+git://", 10) ||
		  (colon && strchr(url, '@') && strchr(url, '@') < colon && (!slash || colon < slash));

	if (!ssh || known_hosts_file())
		return 0;
	px_diag_add(d, name, 0, 0, PX_SEV_ERROR, "sync-auth", MSG_SYNC_HOSTKEY, url);
	return -1;
}

/* The server's identity: libgit2 checks it (known_hosts for SSH, the
 * system's CAs for HTTPS) and decides; a failed check is noted so that
 * the error can say what it means. */
static int certificate_check(git_cert *cert, int valid, const char *host, void *payload)
{
	auth_state *a = payload;

	(void)host;
	sign_of_life(a);
	if (!valid) {
		a->untrusted = cert ? (int)cert->cert_type : GIT_CERT_NONE;
		return GIT_ECERTIFICATE; /* libgit2's decision stands */
	}
	if (cert && cert->cert_type == GIT_CERT_HOSTKEY_LIBSSH2 && !known_hosts_file()) {
		/* libgit2 takes any host key when there is no known_hosts
		 * file at all; ssh would ask, so praxis refuses */
		a->untrusted = GIT_CERT_HOSTKEY_LIBSSH2;
		return -1;
	}
	return 0;
}

static void remote_callbacks(git_remote_callbacks *cb, auth_state *a)
{
	memset(a, 0, sizeof *a);
	git_remote_init_callbacks(cb, GIT_REMOTE_CALLBACKS_VERSION);
	cb->credentials = credentials;
	cb->push_update_reference = push_update;
	cb->certificate_check = certificate_check;
	cb->transfer_progress = on_transfer;
	cb->sideband_progress = on_sideband;
	cb->pack_progress = on_pack;
	cb->push_transfer_progress = on_push_transfer;
	cb->payload = a;
}

/* One diagnostic for a failed transfer: a refused authentication said
 * as such, anything else as `msg` with libgit2's text. */
static void transfer_error(px_diag *d, const auth_state *a, int err, const char *url,
			   px_msgid msg, const char *name)
{
	if (atomic_load(&a->timed_out))
		px_diag_add(d, name, 0, 0, PX_SEV_ERROR, "sync", MSG_SYNC_NO_ANSWER, url, a->timeout);
	else if (a->untrusted == GIT_CERT_HOSTKEY_LIBSSH2)
		px_diag_add(d, name, 0, 0, PX_SEV_ERROR, "sync-auth", MSG_SYNC_HOSTKEY, url);
	else if (a->untrusted)
		px_diag_add(d, name, 0, 0, PX_SEV_ERROR, "sync-auth", MSG_SYNC_CERT, url);
	else if (a->no_agent && (a->refused || err == GIT_EAUTH))
		px_diag_add(d, name, 0, 0, PX_SEV_ERROR, "sync-auth", MSG_SYNC_NO_AGENT, url);
	else if (a->refused || err == GIT_EAUTH)
		px_diag_add(d, name, 0, 0, PX_SEV_ERROR, "sync-auth", MSG_SYNC_AUTH, url);
	else
		px_diag_add(d, name, 0, 0, PX_SEV_ERROR, "sync", msg, name, last_message());
}

int px_store_remote(px_remote **out, px_store *s, const char *name, px_diag *d)
{
	px_remote *r = calloc(1, sizeof *r);

	*out = NULL;
	if (!r || !(r->name = strdup(name))) {
		px_diag_add(d, NULL, 0, 0, PX_SEV_ERROR, "git", MSG_OOM);
		free(r);
		return -1;
	}
	r->s = s;
	if (git_remote_lookup(&r->remote, s->repo, name) < 0) {
		px_diag_add(d, NULL, 0, 0, PX_SEV_ERROR, "sync", MSG_SYNC_NO_REMOTE, name, name);
		px_remote_free(r);
		return -1;
	}
	*out = r;
	return 0;
}

void px_remote_free(px_remote *r)
{
	if (!r)
		return;
	git_remote_free(r->remote);
	free(r->name);
	free(r);
}

/*
 * A fetch or push killed half-way can leave git's lock on a
 * remote-tracking branch (refs/remotes/NAME/BRANCH.lock) or on
 * FETCH_HEAD, and every later fetch would fail on it. Transfers hold
 * GITDIR/praxis/transfer.lock (so two syncs take turns), whose content
 * is a record while one runs and nothing after: found non-empty by the
 * next transfer, it means the last one was killed, and the locks it left
 * go. (A plain `git fetch` running at that very moment could lose its
 * lock; git then fails that fetch, and nothing is lost.)
 *
 * The record is lines: the remote's name; then, for a push to a
 * repository on this machine (a path or a file:// URL), the remote's
 * branch lock and the commit pushed. libgit2's local transport updates
 * the remote's branch in this process, through the remote's own
 * refs/heads/BRANCH.lock, which a kill leaves behind; every later push
 * would fail on it. It goes when it holds nothing or (a start of) the
 * commit this laptop pushed (px_store_drop_lock_of): any other content
 * is another writer's. (Over git://, ssh:// and http the
 * server's receive-pack owns that lock and removes it itself.)
 */
static void drop_locks_under(const char *dir)
{
	DIR *dp = opendir(dir);
	struct dirent *e;
	px_buf p = PX_BUF_INIT;
	struct stat st;
	size_t l;

	if (!dp)
		return;
	while ((e = readdir(dp))) {
		if (e->d_name[0] == '.')
			continue;
		px_buf_clear(&p);
		px_buf_printf(&p, "%s/%s", dir, e->d_name);
		if (lstat(p.ptr, &st) < 0)
			continue;
		l = strlen(e->d_name);
		if (S_ISDIR(st.st_mode))
			drop_locks_under(p.ptr);
		else if (S_ISREG(st.st_mode) && l > 5 && !strcmp(e->d_name + l - 5, ".lock"))
			unlink(p.ptr);
	}
	closedir(dp);
	px_buf_free(&p);
}

/* What a kill during the last transfer left, as its record WAS says. */
static void drop_stale_locks(px_remote *r, char *was)
{
	const char *gd = git_repository_path(r->s->repo);
	char *name = was, *lock = NULL, *hex = NULL, *nl;
	px_buf p = PX_BUF_INIT;

	if ((nl = strchr(name, '\n'))) {
		*nl = 0;
		lock = nl + 1;
		if ((nl = strchr(lock, '\n'))) {
			*nl = 0;
			hex = nl + 1;
			if ((nl = strchr(hex, '\n')))
				*nl = 0;
		}
	}
	if (*name && !strchr(name, '/') && strcmp(name, "..") && strcmp(name, ".")) {
		px_buf_printf(&p, "%srefs/remotes/%s", gd, name);
		drop_locks_under(p.ptr);
		px_buf_clear(&p);
		px_buf_printf(&p, "%sFETCH_HEAD.lock", gd);
		unlink(p.ptr);
	}
	if (lock && hex && lock[0] == '/')
		px_store_drop_lock_of(lock, hex);
	px_buf_free(&p);
}

/* The branch lock a push of BRANCH to R takes in the remote's own git
 * folder, when R is a repository on this machine; NULL otherwise. */
static char *local_branch_lock(px_remote *r, const char *branch)
{
	const char *url = git_remote_url(r->remote);
	git_repository *there = NULL;
	px_buf p = PX_BUF_INIT;
	char *dir = NULL, *out = NULL;
	struct stat st;

	if (!url)
		return NULL;
	if (!strncmp(url, "file://", 7))
		url += 7;
	else if (strstr(url, "://") || stat(url, &st) < 0 || !S_ISDIR(st.st_mode))
		return NULL;
	if (git_repository_open_ext(&there, url, GIT_REPOSITORY_OPEN_NO_SEARCH, NULL) < 0 ||
	    !(dir = realpath(git_repository_path(there), NULL))) {
		git_error_clear();
		goto cleanup;
	}
	px_buf_printf(&p, "%s/refs/heads/%s.lock", dir, branch);
	if (!px_buf_failed(&p) && !strchr(p.ptr, '\n'))
		out = px_buf_detach(&p);
cleanup:
	git_repository_free(there);
	free(dir);
	px_buf_free(&p);
	return out;
}

/* Takes transfer.lock for a transfer with R; for a push of BRANCH to a
 * local R, the record names the remote's branch lock RLOCK (above). */
static int transfer_lock(px_remote *r, const char *branch, const char *rlock, px_diag *d)
{
	px_buf was = PX_BUF_INIT, rec = PX_BUF_INIT;
	int fd = px_store_lock(r->s, "transfer.lock", 1, d);
	char hex[GIT_OID_HEXSZ + 1];
	px_buf ref = PX_BUF_INIT;
	git_oid id;
	ssize_t n;
	char c[256];

	if (fd < 0)
		return -1;
	while ((n = read(fd, c, sizeof c)) > 0)
		px_buf_put(&was, c, (size_t)n);
	if (was.len && !px_buf_failed(&was))
		drop_stale_locks(r, was.ptr);
	px_buf_puts(&rec, r->name);
	if (branch && rlock) {
		px_buf_printf(&ref, "refs/heads/%s", branch);
		if (git_reference_name_to_id(&id, r->s->repo, ref.ptr) == 0) {
			git_oid_tostr(hex, sizeof hex, &id);
			px_buf_printf(&rec, "\n%s\n%s\n", rlock, hex);
		}
		git_error_clear();
	}
	/* the record only helps the next transfer clean up: a failure to
	 * write it is not this transfer's */
	if (!px_buf_failed(&rec) && ftruncate(fd, 0) == 0 &&
	    pwrite(fd, rec.ptr, rec.len, 0) > 0)
		(void)fsync(fd);
	px_buf_free(&ref);
	px_buf_free(&was);
	px_buf_free(&rec);
	return fd;
}

static void transfer_unlock(int fd)
{
	if (fd < 0)
		return;
	(void)!ftruncate(fd, 0); /* else the next transfer cleans up for nothing */
	close(fd);
}

int px_remote_fetch(px_remote *r, px_diag *d)
{
	git_fetch_options fo;
	auth_state a;
	int err, lock;

	if (ssh_without_known_hosts(git_remote_url(r->remote), r->name, d) < 0 ||
	    (lock = transfer_lock(r, NULL, NULL, d)) < 0)
		return -1;
	git_fetch_options_init(&fo, GIT_FETCH_OPTIONS_VERSION);
	remote_callbacks(&fo.callbacks, &a);
	transfer_begin(&a);
	if ((err = git_remote_fetch(r->remote, NULL, &fo, "praxis sync")) < 0)
		transfer_error(d, &a, err, git_remote_url(r->remote), MSG_SYNC_FETCH, r->name);
	transfer_end(&a);
	transfer_unlock(lock);
	return err < 0 ? -1 : 0;
}

int px_remote_push(px_remote *r, const char *branch, px_diag *d)
{
	git_push_options po;
	px_buf spec = PX_BUF_INIT;
	char *specs[1];
	git_strarray refspecs = { specs, 1 };
	auth_state a;
	int err, rc = -1, lock;
	char *rlock = NULL;

	if (ssh_without_known_hosts(git_remote_url(r->remote), r->name, d) < 0)
		return -1;
	rlock = local_branch_lock(r, branch);
	if ((lock = transfer_lock(r, branch, rlock, d)) < 0)
		goto cleanup;
	px_buf_printf(&spec, "refs/heads/%s:refs/heads/%s", branch, branch);
	specs[0] = spec.ptr;
	git_push_options_init(&po, GIT_PUSH_OPTIONS_VERSION);
	remote_callbacks(&po.callbacks, &a);
	transfer_begin(&a);
	err = git_remote_push(r->remote, &refspecs, &po);
	if ((err < 0 || a.rejected) && rlock && access(rlock, F_OK) == 0)
		/* a local remote's branch lock that is not ours (libgit2
		 * removes its own when the push fails): named */
		px_diag_add(d, r->name, 0, 0, PX_SEV_ERROR, "sync", MSG_SYNC_REMOTE_LOCKED, r->name,
			    rlock);
	else if (err < 0)
		transfer_error(d, &a, err, git_remote_url(r->remote), MSG_SYNC_PUSH, r->name);
	else if (a.rejected)
		px_diag_add(d, r->name, 0, 0, PX_SEV_ERROR, "sync", MSG_SYNC_PUSH, r->name,
			    a.rejected);
	else
		rc = 0;
	transfer_end(&a);
	transfer_unlock(lock);
cleanup:
	free(rlock);
	px_buf_free(&spec);
	return rc;
}

int px_remote_set_upstream(px_remote *r, const char *branch, px_diag *d)
{
	git_reference *ref = NULL;
	px_buf up = PX_BUF_INIT, key = PX_BUF_INIT;
	git_config *cfg = NULL;
	const char *have = NULL;
	int rc = -1;

	/* an upstream the lead chose stays */
	px_buf_printf(&key, "branch.%s.remote", branch);
	if (git_repository_config(&cfg, r->s->repo) < 0)
		goto git;
	if (git_config_get_string(&have, cfg, key.ptr) == 0) {
		rc = 0;
		goto cleanup;
	}
	px_buf_printf(&up, "%s/%s", r->name, branch);
	if (git_branch_lookup(&ref, r->s->repo, branch, GIT_BRANCH_LOCAL) < 0 ||
	    git_branch_set_upstream(ref, up.ptr) < 0)
		goto git;
	rc = 0;
	goto cleanup;
git:
	px_store_error(d, NULL);
cleanup:
	git_config_free(cfg);
	git_reference_free(ref);
	px_buf_free(&up);
	px_buf_free(&key);
	return rc;
}

/* Whether `dir` is missing (1), an empty folder (2), or anything else (0). */
static int free_place(const char *dir)
{
	struct stat st;
	int r;

	if (lstat(dir, &st) < 0)
		return errno == ENOENT ? 1 : 0;
	if (!S_ISDIR(st.st_mode))
		return 0;
	r = rmdir(dir) == 0; /* empty: gone, and made again by init */
	return r ? 2 : 0;
}

int px_store_init_bare(const char *dir, px_diag *d)
{
	git_repository_init_options opts;
	git_repository *repo = NULL;

	if (px_store_live(d) < 0)
		return -1;
	if (!free_place(dir)) {
		px_diag_add(d, dir, 0, 0, PX_SEV_ERROR, "init", MSG_INIT_EXISTS, dir);
		return -1;
	}
	git_repository_init_options_init(&opts, GIT_REPOSITORY_INIT_OPTIONS_VERSION);
	opts.flags = GIT_REPOSITORY_INIT_MKPATH | GIT_REPOSITORY_INIT_BARE;
	opts.initial_head = "main";
	if (git_repository_init_ext(&repo, dir, &opts) < 0) {
		px_store_error(d, dir);
		return -1;
	}
	git_repository_free(repo);
	return 0;
}

/* The branch a clone takes from the fetched refs/remotes/origin/: main,
 * else the only one, else the one the remote's HEAD names. Returns 0
 * with *out malloc'd, 1 when the remote has no branch, 2 when it has
 * several and none of them is main or its HEAD. */
static int pick_branch(git_repository *repo, git_remote *remote, char **out)
{
	git_branch_iterator *it = NULL;
	git_reference *ref = NULL, *main_ref = NULL;
	git_branch_t type;
	git_buf def = { 0 };
	char *only = NULL;
	size_t n = 0;
	const char *prefix = "origin/";

	*out = NULL;
	if (git_branch_lookup(&main_ref, repo, "origin/main", GIT_BRANCH_REMOTE) == 0) {
		git_reference_free(main_ref);
		*out = strdup("main");
		return *out ? 0 : -1;
	}
	if (git_branch_iterator_new(&it, repo, GIT_BRANCH_REMOTE) < 0)
		return -1;
	while (git_branch_next(&ref, &type, it) == 0) {
		const char *name = NULL;
		if (git_branch_name(&name, ref) == 0 && !strncmp(name, prefix, strlen(prefix)) &&
		    strcmp(name + strlen(prefix), "HEAD")) {
			n++;
			free(only);
			only = strdup(name + strlen(prefix));
		}
		git_reference_free(ref);
	}
	git_branch_iterator_free(it);
	if (n == 1) {
		*out = only;
		return only ? 0 : -1;
	}
	free(only);
	if (n == 0)
		return 1;
	/* several: the remote's HEAD, when it names one of them */
	if (git_remote_default_branch(&def, remote) == 0 &&
	    !strncmp(def.ptr, "refs/heads/", 11)) {
		px_buf rb = PX_BUF_INIT;
		px_buf_printf(&rb, "origin/%s", def.ptr + 11);
		if (git_branch_lookup(&ref, repo, rb.ptr, GIT_BRANCH_REMOTE) == 0) {
			git_reference_free(ref);
			*out = strdup(def.ptr + 11);
		}
		px_buf_free(&rb);
	}
	git_buf_dispose(&def);
	return *out ? 0 : 2;
}

int px_store_clone(char **branch, const char *url, const char *dir, px_diag *d)
{
	git_repository_init_options opts;
	git_repository *repo = NULL;
	git_remote *remote = NULL;
	git_fetch_options fo;
	git_checkout_options co;
	git_reference *local = NULL, *up = NULL;
	git_commit *commit = NULL;
	px_buf b = PX_BUF_INIT;
	auth_state a;
	char *abs = NULL;
	int made, err, rc = -1;

	*branch = NULL;
	if (px_store_live(d) < 0)
		return -1;
	if (ssh_without_known_hosts(url, url, d) < 0)
		return -1;
	made = free_place(dir);
	if (!made) {
		px_diag_add(d, dir, 0, 0, PX_SEV_ERROR, "clone", MSG_CLONE_EXISTS, dir);
		return -1;
	}
	/* a folder is remembered by its absolute path, as git does, so that
	 * the remote still works from inside the clone */
	if (!strstr(url, "://") && (abs = realpath(url, NULL)) != NULL)
		url = abs;
	git_repository_init_options_init(&opts, GIT_REPOSITORY_INIT_OPTIONS_VERSION);
	opts.flags = GIT_REPOSITORY_INIT_MKPATH;
	opts.initial_head = "main";
	if (git_repository_init_ext(&repo, dir, &opts) < 0 ||
	    git_remote_create(&remote, repo, "origin", url) < 0)
		goto git;
	git_fetch_options_init(&fo, GIT_FETCH_OPTIONS_VERSION);
	remote_callbacks(&fo.callbacks, &a);
	transfer_begin(&a);
	if ((err = git_remote_fetch(remote, NULL, &fo, "praxis clone")) < 0)
		transfer_error(d, &a, err, url, MSG_SYNC_FETCH, url);
	transfer_end(&a);
	if (err < 0)
		goto cleanup;
	err = pick_branch(repo, remote, branch);
	if (err < 0)
		goto git;
	if (err == 1) {
		px_diag_add(d, url, 0, 0, PX_SEV_ERROR, "clone", MSG_CLONE_EMPTY, url);
		goto cleanup;
	}
	if (err == 2) {
		px_diag_add(d, url, 0, 0, PX_SEV_ERROR, "clone", MSG_CLONE_WHICH, url);
		goto cleanup;
	}
	px_buf_printf(&b, "origin/%s", *branch);
	if (git_branch_lookup(&up, repo, b.ptr, GIT_BRANCH_REMOTE) < 0 ||
	    git_commit_lookup(&commit, repo, git_reference_target(up)) < 0 ||
	    git_branch_create(&local, repo, *branch, commit, 0) < 0 ||
	    git_branch_set_upstream(local, b.ptr) < 0 ||
	    git_repository_set_head(repo, git_reference_name(local)) < 0)
		goto git;
	git_checkout_options_init(&co, GIT_CHECKOUT_OPTIONS_VERSION);
	co.checkout_strategy = GIT_CHECKOUT_SAFE | GIT_CHECKOUT_RECREATE_MISSING;
	if (git_checkout_head(repo, &co) < 0)
		goto git;
	rc = 0;
	goto cleanup;
git:
	px_store_error(d, NULL);
cleanup:
	git_commit_free(commit);
	git_reference_free(local);
	git_reference_free(up);
	git_remote_free(remote);
	git_repository_free(repo);
	px_buf_free(&b);
	free(abs);
	if (rc < 0) {
		/* nothing half-made stays: the folder was ours */
		px_out_rmtree(dir);
		if (made == 2)
			mkdir(dir, 0777);
		free(*branch);
		*branch = NULL;
	}
	return rc;
}

int px_store_branch(px_store *s, char **out, px_diag *d)
{
	git_reference *head = NULL;
	int rc = -1;

	*out = NULL;
	if (git_repository_head(&head, s->repo) < 0) {
		px_store_error(d, NULL);
		return -1;
	}
	*out = strdup(git_reference_shorthand(head));
	if (*out)
		rc = 0;
	else
		px_diag_add(d, NULL, 0, 0, PX_SEV_ERROR, "git", MSG_OOM);
	git_reference_free(head);
	return rc;
}

int px_store_ref(px_store *s, const char *name, px_oid *out, px_diag *d)
{
	git_reference *ref = NULL;
	git_commit *c = NULL;
	int rc = -1;

	if (git_reference_lookup(&ref, s->repo, name) < 0)
		return 1;
	/* the reference must name a commit */
	if (git_commit_lookup(&c, s->repo, git_reference_target(ref)) < 0) {
		px_store_error(d, NULL);
		goto cleanup;
	}
	oid_from_git(out, git_commit_id(c));
	rc = 0;
cleanup:
	git_commit_free(c);
	git_reference_free(ref);
	return rc;
}

int px_store_ahead_behind(px_store *s, size_t *ahead, size_t *behind, const px_oid *local,
			  const px_oid *upstream, px_diag *d)
{
	git_oid l, u;

	oid_to_git(&l, local);
	oid_to_git(&u, upstream);
	if (git_graph_ahead_behind(ahead, behind, s->repo, &l, &u) < 0) {
		px_store_error(d, NULL);
		return -1;
	}
	return 0;
}

/*
 * Checkouts that a kill cannot turn into a lead's edits.
 *
 * A sync's checkout writes the incoming notes one by one, and only then
 * does HEAD move (or MERGE_HEAD record the merge). Killed in between,
 * the work tree holds incoming files that HEAD does not: the next sync
 * would take them for uncommitted edits. So the checkout is journalled
 * first, as a commit's index.lock is: GITDIR/praxis/checkout holds a
 * mark line, the commit HEAD was on, the commit the branch moves to
 * (zeros: it does not move, a merge to finish by editing), and per path
 * that the checkout changes its repository path and the incoming blob
 * (zeros: removed), then "end". The journal is written whole (a temporary file renamed)
 * under commit.lock, which the checkout holds until HEAD has moved.
 * px_store_checkout_recover puts back what a killed one wrote.
 */
#define CHECKOUT_JOURNAL "praxis/checkout"
#define CHECKOUT_MARK "praxis checkout 1"

static int write_state_file(px_store *s, const char *name, const px_buf *b, px_diag *d);

static void journal_path(px_buf *b, px_store *s)
{
	px_buf_printf(b, "%s%s", git_repository_path(s->repo), CHECKOUT_JOURNAL);
}

/* Ends a checkout: the journal goes, then the lock. */
static void checkout_end(px_store *s, int *lock)
{
	px_buf p = PX_BUF_INIT;

	journal_path(&p, s);
	unlink(p.ptr);
	px_buf_free(&p);
	if (*lock >= 0)
		close(*lock);
	*lock = -1;
}

/* 1 when the work tree file at `gp` holds what a checkout from `head` to
 * `target` wrote or had not yet touched: nothing, HEAD's version, the
 * incoming version, or the start of it (a write cut short); 0 when it
 * holds anything else (a lead's edit); -1 on error. */
static int checkout_wrote(px_store *s, const char *gp, const git_oid *head, const git_oid *target)
{
	px_buf path = PX_BUF_INIT, text = PX_BUF_INIT;
	git_oid id;
	git_blob *blob = NULL;
	git_buf filtered = GIT_BUF_INIT;
	git_blob_filter_options fo = GIT_BLOB_FILTER_OPTIONS_INIT;
	struct stat st;
	int rc = 0;

	px_buf_printf(&path, "%s%s", s->workdir, gp);
	if (lstat(path.ptr, &st) < 0) {
		rc = errno == ENOENT || errno == ENOTDIR ? 1 : -1;
		goto cleanup;
	}
	if (!S_ISREG(st.st_mode))
		goto cleanup;
	if (git_repository_hashfile(&id, s->repo, path.ptr, GIT_OBJECT_BLOB, gp) < 0) {
		rc = -1;
		goto cleanup;
	}
	if ((head && git_oid_equal(&id, head)) || (target && git_oid_equal(&id, target))) {
		rc = 1;
		goto cleanup;
	}
	if (!target || git_blob_lookup(&blob, s->repo, target) < 0 ||
	    git_blob_filter(&filtered, blob, gp, &fo) < 0 ||
	    px_buf_read_file(&text, path.ptr, filtered.size) < 0)
		goto cleanup; /* longer than the incoming version: not a part of it */
	rc = !memcmp(text.ptr, filtered.ptr, text.len);
cleanup:
	git_buf_dispose(&filtered);
	git_blob_free(blob);
	px_buf_free(&text);
	px_buf_free(&path);
	return rc;
}

/* The recovery, with commit.lock held. */
static int checkout_recover_locked(px_store *s, px_diag *d)
{
	px_buf p = PX_BUF_INIT, j = PX_BUF_INIT;
	git_oid base, head, blob, hblob;
	git_commit *c = NULL;
	git_tree *t = NULL;
	git_tree_entry *te = NULL;
	git_strarray paths = { NULL, 0 };
	char *line, *next, *tab;
	int complete = 0, rc = -1;

	journal_path(&p, s);
	if (px_buf_read_file(&j, p.ptr, PX_BUF_MAX) < 0) {
		rc = errno == ENOENT ? 0 : -1;
		if (rc < 0)
			px_diag_add(d, p.ptr, 0, 0, PX_SEV_ERROR, "io-error", MSG_IO, p.ptr,
				    px_strerror(errno));
		goto cleanup;
	}
	line = j.ptr;
	next = strchr(line, '\n');
	if (!next || strncmp(line, CHECKOUT_MARK "\n", next - line + 1))
		goto done; /* not ours to read: dropped */
	line = next + 1;
	if (!(next = strchr(line, '\n')) || (*next = '\0', git_oid_fromstr(&base, line) < 0))
		goto done;
	line = next + 1;
	if (!(next = strchr(line, '\n')) || next - line != GIT_OID_HEXSZ)
		goto done;
	*next = '\0';
	/* a branch lock the killed sync took while moving the branch, and
	 * the lock libgit2 takes to write git's index after the files */
	px_store_drop_branch_lock(s, line);
	px_buf_clear(&p);
	px_buf_printf(&p, "%sindex.lock", git_repository_path(s->repo));
	unlink(p.ptr);
	px_buf_clear(&p);
	journal_path(&p, s);
	line = next + 1;
	/* HEAD moved, or the merge is recorded: the checkout was finished */
	if (git_reference_name_to_id(&head, s->repo, "HEAD") < 0 || !git_oid_equal(&head, &base) ||
	    git_repository_state(s->repo) != GIT_REPOSITORY_STATE_NONE)
		goto done;
	if (git_commit_lookup(&c, s->repo, &head) < 0 || git_commit_tree(&t, c) < 0)
		goto git;
	paths.strings = calloc(j.len / 2 + 1, sizeof *paths.strings);
	if (!paths.strings) {
		px_diag_add(d, NULL, 0, 0, PX_SEV_ERROR, "git", MSG_OOM);
		goto cleanup;
	}
	for (; (next = strchr(line, '\n')); line = next + 1) {
		int w;
		*next = '\0';
		if (!strcmp(line, "end")) {
			complete = 1;
			break;
		}
		if (!(tab = strchr(line, '\t')) || git_oid_fromstr(&blob, tab + 1) < 0)
			goto done;
		*tab = '\0';
		git_tree_entry_free(te);
		te = NULL;
		if (git_tree_entry_bypath(&te, t, line) < 0)
			git_error_clear();
		if (te)
			git_oid_cpy(&hblob, git_tree_entry_id(te));
		w = checkout_wrote(s, line, te ? &hblob : NULL, git_oid_is_zero(&blob) ? NULL : &blob);
		if (w < 0)
			goto git;
		if (w)
			paths.strings[paths.count++] = line;
	}
	if (!complete || !paths.count)
		goto done;
	{
		/* git's index, then the files, as HEAD has them */
		git_checkout_options co;
		git_checkout_options_init(&co, GIT_CHECKOUT_OPTIONS_VERSION);
		co.checkout_strategy = GIT_CHECKOUT_FORCE | GIT_CHECKOUT_REMOVE_UNTRACKED |
				       GIT_CHECKOUT_DISABLE_PATHSPEC_MATCH;
		co.paths = paths;
		if (git_reset_default(s->repo, (const git_object *)c, &paths) < 0 ||
		    git_checkout_tree(s->repo, (const git_object *)c, &co) < 0)
			goto git;
	}
done:
	if (unlink(p.ptr) < 0 && errno != ENOENT) {
		px_diag_add(d, p.ptr, 0, 0, PX_SEV_ERROR, "io-error", MSG_WRITE_FILE, p.ptr,
			    px_strerror(errno));
		goto cleanup;
	}
	rc = 0;
	goto cleanup;
git:
	px_store_error(d, NULL);
cleanup:
	free(paths.strings);
	git_tree_entry_free(te);
	git_tree_free(t);
	git_commit_free(c);
	px_buf_free(&j);
	px_buf_free(&p);
	return rc;
}

int px_store_checkout_recover(px_store *s, px_diag *d)
{
	px_buf p = PX_BUF_INIT;
	int fd, rc = 0;

	journal_path(&p, s);
	if (access(p.ptr, F_OK) == 0) {
		/* a live sync holds the lock: its checkout is not stale */
		fd = px_store_lock(s, "commit.lock", 0, NULL);
		if (fd >= 0) {
			rc = checkout_recover_locked(s, d);
			close(fd);
		}
	}
	px_buf_free(&p);
	return rc;
}

/* The work tree files a safe checkout refused to overwrite. */
typedef struct {
	px_store *s;
	px_diag *d;
	size_t n;
} dirty_state;

static int checkout_notify(git_checkout_notify_t why, const char *path,
			   const git_diff_file *baseline, const git_diff_file *target,
			   const git_diff_file *workdir, void *payload)
{
	dirty_state *ds = payload;
	size_t pl = strlen(ds->s->prefix);
	const char *rel = strncmp(path, ds->s->prefix, pl) ? path : path + pl;

	(void)baseline;
	(void)target;
	(void)workdir;
	if (why == GIT_CHECKOUT_NOTIFY_CONFLICT) {
		px_diag_add(ds->d, rel, 0, 0, PX_SEV_ERROR, "sync-uncommitted", MSG_SYNC_UNCOMMITTED,
			    rel, rel);
		ds->n++;
	}
	return 0;
}

/* Checks `tree` out over HEAD's work tree safely (uncommitted edits are
 * never overwritten: then nothing changes and each note is named), with
 * the journal above (`next`: the commit the branch will move to, or
 * NULL). On 0, *lock holds commit.lock and the journal is in
 * place: the caller records the checkout (moves HEAD, or writes
 * MERGE_HEAD), then calls checkout_end. -1 with a diagnostic, nothing
 * changed and nothing held. */
static int safe_checkout(px_store *s, git_tree *tree, const git_oid *next, int *lock, px_diag *d)
{
	git_checkout_options co;
	git_commit *hc = NULL;
	git_tree *ht = NULL;
	git_diff *diff = NULL;
	git_oid head;
	px_buf j = PX_BUF_INIT;
	char hex[GIT_OID_HEXSZ + 1];
	dirty_state ds = { s, d, 0 };
	size_t i;

	*lock = px_store_lock(s, "commit.lock", 1, d);
	if (*lock < 0)
		return -1;
	/* a journal left by a killed sync is dealt with first */
	if (checkout_recover_locked(s, d) < 0)
		goto fail;
	if (git_reference_name_to_id(&head, s->repo, "HEAD") < 0 ||
	    git_commit_lookup(&hc, s->repo, &head) < 0 || git_commit_tree(&ht, hc) < 0 ||
	    git_diff_tree_to_tree(&diff, s->repo, ht, tree, NULL) < 0) {
		px_store_error(d, NULL);
		goto fail;
	}
	git_oid_tostr(hex, sizeof hex, &head);
	px_buf_printf(&j, "%s\n%s\n", CHECKOUT_MARK, hex);
	if (next)
		git_oid_tostr(hex, sizeof hex, next);
	else
		memset(hex, '0', GIT_OID_HEXSZ);
	px_buf_printf(&j, "%s\n", hex);
	for (i = 0; i < git_diff_num_deltas(diff); i++) {
		const git_diff_delta *dd = git_diff_get_delta(diff, i);
		git_oid_tostr(hex, sizeof hex, &dd->new_file.id);
		px_buf_printf(&j, "%s\t%s\n",
			      dd->status == GIT_DELTA_DELETED ? dd->old_file.path : dd->new_file.path,
			      hex);
	}
	px_buf_puts(&j, "end\n");
	if (px_buf_failed(&j)) {
		px_diag_add(d, NULL, 0, 0, PX_SEV_ERROR, "git", MSG_OOM);
		goto fail;
	}
	if (write_state_file(s, CHECKOUT_JOURNAL, &j, d) < 0)
		goto fail;
	git_checkout_options_init(&co, GIT_CHECKOUT_OPTIONS_VERSION);
	co.checkout_strategy = GIT_CHECKOUT_SAFE;
	co.notify_flags = GIT_CHECKOUT_NOTIFY_CONFLICT;
	co.notify_cb = checkout_notify;
	co.notify_payload = &ds;
	if (git_checkout_tree(s->repo, (const git_object *)tree, &co) < 0) {
		/* each note named, in the user's words; libgit2's own text
		 * only when it named none, marked as its */
		if (ds.n)
			px_diag_add(d, NULL, 0, 0, PX_SEV_ERROR, "sync-uncommitted",
				    MSG_SYNC_NOTHING_CHANGED);
		else
			px_diag_add(d, NULL, 0, 0, PX_SEV_ERROR, "sync", MSG_SYNC_DIRTY,
				    last_message());
		/* a refused checkout wrote nothing; any other failure may
		 * have written some: put it back */
		checkout_recover_locked(s, NULL);
		goto fail;
	}
	git_diff_free(diff);
	git_tree_free(ht);
	git_commit_free(hc);
	px_buf_free(&j);
	return 0;
fail:
	checkout_end(s, lock);
	git_diff_free(diff);
	git_tree_free(ht);
	git_commit_free(hc);
	px_buf_free(&j);
	return -1;
}

int px_store_fast_forward(px_store *s, const px_oid *to, const char *reflog, px_diag *d)
{
	git_reference *branch = NULL, *moved = NULL;
	git_commit *commit = NULL;
	git_tree *tree = NULL;
	git_oid target;
	int lock = -1, rc = -1;

	oid_to_git(&target, to);
	if (git_repository_head(&branch, s->repo) < 0 ||
	    git_commit_lookup(&commit, s->repo, &target) < 0 || git_commit_tree(&tree, commit) < 0) {
		px_store_error(d, NULL);
		goto cleanup;
	}
	if (safe_checkout(s, tree, &target, &lock, d) < 0)
		goto cleanup;
	if (git_reference_set_target(&moved, branch, &target, reflog) < 0) {
		px_store_error(d, NULL);
		checkout_recover_locked(s, NULL);
		goto cleanup;
	}
	rc = 0;
cleanup:
	if (lock >= 0)
		checkout_end(s, &lock);
	git_reference_free(moved);
	git_reference_free(branch);
	git_tree_free(tree);
	git_commit_free(commit);
	return rc;
}

/* The paths in conflict in a merged index, each once. */
static int conflict_paths(git_index *idx, char ***out, size_t *n, px_diag *d)
{
	git_index_conflict_iterator *it = NULL;
	const git_index_entry *a, *o, *t;
	char **v = NULL;
	size_t cap = 0;
	int rc = -1;

	*out = NULL;
	*n = 0;
	if (git_index_conflict_iterator_new(&it, idx) < 0) {
		px_store_error(d, NULL);
		return -1;
	}
	while (git_index_conflict_next(&a, &o, &t, it) == 0) {
		const char *p = o ? o->path : t ? t->path : a ? a->path : "?";
		if (*n + 1 >= cap) {
			size_t nc = cap ? cap * 2 : 8;
			char **q = realloc(v, nc * sizeof *q);
			if (!q)
				goto oom;
			v = q;
			cap = nc;
		}
		if (!(v[*n] = strdup(p)))
			goto oom;
		(*n)++;
		v[*n] = NULL;
	}
	*out = v;
	v = NULL;
	rc = 0;
	goto cleanup;
oom:
	px_diag_add(d, NULL, 0, 0, PX_SEV_ERROR, "git", MSG_OOM);
cleanup:
	if (v) {
		while (*n)
			free(v[--*n]);
		free(v);
	}
	git_index_conflict_iterator_free(it);
	return rc;
}

int px_store_merge(px_store *s, px_oid *out, const px_oid *ours, const px_oid *theirs,
		   const char *message, char ***conflicts, size_t *nconflicts, px_diag *d)
{
	git_commit *c[2] = { NULL, NULL };
	git_index *idx = NULL;
	git_tree *tree = NULL;
	git_signature *sig = NULL;
	git_oid o, t, tree_id, id;
	int rc = -1;

	*conflicts = NULL;
	*nconflicts = 0;
	oid_to_git(&o, ours);
	oid_to_git(&t, theirs);
	if (git_commit_lookup(&c[0], s->repo, &o) < 0 || git_commit_lookup(&c[1], s->repo, &t) < 0 ||
	    git_merge_commits(&idx, s->repo, c[0], c[1], NULL) < 0)
		goto git;
	if (git_index_has_conflicts(idx)) {
		size_t i, pl = strlen(s->prefix);
		rc = conflict_paths(idx, conflicts, nconflicts, d) < 0 ? -1 : 1;
		/* relative to the knowledge base, as every path of store.h */
		for (i = 0; rc == 1 && i < *nconflicts; i++)
			if (!strncmp((*conflicts)[i], s->prefix, pl))
				memmove((*conflicts)[i], (*conflicts)[i] + pl,
					strlen((*conflicts)[i] + pl) + 1);
		goto cleanup;
	}
	if (git_index_write_tree_to(&tree_id, idx, s->repo) < 0 ||
	    git_tree_lookup(&tree, s->repo, &tree_id) < 0)
		goto git;
	if (git_signature_default(&sig, s->repo) < 0 && git_signature_now(&sig, "praxis", "") < 0)
		goto git;
	if (git_commit_create(&id, s->repo, NULL, sig, sig, NULL, message, tree, 2,
			      (const git_commit **)c) < 0)
		goto git;
	oid_from_git(out, &id);
	rc = 0;
	goto cleanup;
git:
	px_store_error(d, NULL);
cleanup:
	git_signature_free(sig);
	git_tree_free(tree);
	git_index_free(idx);
	git_commit_free(c[0]);
	git_commit_free(c[1]);
	return rc;
}

/* ---- conflicts a lead resolves ---- */

/* The repository path of `rel` (malloc'd into b). */
static void repo_path(px_buf *b, px_store *s, const char *rel)
{
	px_buf_clear(b);
	px_buf_printf(b, "%s%s", s->prefix, rel);
}

/* The blob id at `gp` in commit `c`'s tree: 0, 1 when absent, -1. */
static int blob_at(git_oid *out, git_commit *c, const char *gp)
{
	git_tree *t = NULL;
	git_tree_entry *e = NULL;
	int rc;

	if (git_commit_tree(&t, c) < 0)
		return -1;
	rc = git_tree_entry_bypath(&e, t, gp);
	if (rc == 0)
		git_oid_cpy(out, git_tree_entry_id(e));
	git_tree_entry_free(e);
	git_tree_free(t);
	return rc == 0 ? 0 : rc == GIT_ENOTFOUND ? 1 : -1;
}

/* The newest commit from `tip` (not reachable from `base`) that changed
 * `gp` against its first parent: its author into *side. */
static int last_change(px_store *s, px_conflict_side *side, const git_oid *tip, const git_oid *base,
		       const char *gp, px_diag *d)
{
	git_revwalk *w = NULL;
	git_commit *c = NULL, *p = NULL, *found = NULL;
	git_oid id, mine, before;
	int rc = -1;

	if (git_revwalk_new(&w, s->repo) < 0 || git_revwalk_sorting(w, GIT_SORT_TIME) < 0 ||
	    git_revwalk_push(w, tip) < 0 || (base && git_revwalk_hide(w, base) < 0))
		goto git;
	while (!found && git_revwalk_next(&id, w) == 0) {
		int r1, r2 = 1;
		if (git_commit_lookup(&c, s->repo, &id) < 0)
			goto git;
		r1 = blob_at(&mine, c, gp);
		if (git_commit_parentcount(c) > 0) {
			if (git_commit_parent(&p, c, 0) < 0)
				goto git;
			r2 = blob_at(&before, p, gp);
			git_commit_free(p);
			p = NULL;
		}
		if (r1 < 0 || r2 < 0)
			goto git;
		if (r1 != r2 || (r1 == 0 && !git_oid_equal(&mine, &before)))
			found = c;
		else
			git_commit_free(c);
		c = NULL;
	}
	if (!found && git_commit_lookup(&found, s->repo, tip) < 0)
		goto git;
	{
		const git_signature *a = git_commit_author(found);
		side->name = strdup(a->name ? a->name : "?");
		side->time = (int64_t)a->when.time;
		side->offset = a->when.offset;
		if (!side->name) {
			px_diag_add(d, NULL, 0, 0, PX_SEV_ERROR, "git", MSG_OOM);
			goto cleanup;
		}
	}
	rc = 0;
	goto cleanup;
git:
	px_store_error(d, NULL);
cleanup:
	git_commit_free(found);
	git_commit_free(c);
	git_commit_free(p);
	git_revwalk_free(w);
	return rc;
}

int px_store_conflict(px_store *s, px_conflict *out, const px_oid *ours, const px_oid *theirs,
		      const char *rel, px_diag *d)
{
	git_oid o, t, base;
	px_buf gp = PX_BUF_INIT;
	int has_base, r, rc = -1;

	memset(out, 0, sizeof *out);
	out->mine.text = (px_buf)PX_BUF_INIT;
	out->theirs.text = (px_buf)PX_BUF_INIT;
	oid_to_git(&o, ours);
	oid_to_git(&t, theirs);
	repo_path(&gp, s, rel);
	has_base = git_merge_base(&base, s->repo, &o, &t) == 0;
	if (last_change(s, &out->mine, &o, has_base ? &base : NULL, gp.ptr, d) < 0 ||
	    last_change(s, &out->theirs, &t, has_base ? &base : NULL, gp.ptr, d) < 0)
		goto cleanup;
	if ((r = px_store_read(s, ours, rel, &out->mine.text, d)) < 0)
		goto cleanup;
	out->mine.gone = r == 1;
	if ((r = px_store_read(s, theirs, rel, &out->theirs.text, d)) < 0)
		goto cleanup;
	out->theirs.gone = r == 1;
	rc = 0;
cleanup:
	if (rc < 0)
		px_conflict_free(out);
	px_buf_free(&gp);
	return rc;
}

void px_conflict_free(px_conflict *c)
{
	free(c->mine.name);
	free(c->theirs.name);
	px_buf_free(&c->mine.text);
	px_buf_free(&c->theirs.text);
	c->mine.name = c->theirs.name = NULL;
}

int px_store_diff_text(px_buf *out, const px_buf *a, const px_buf *b, px_diag *d)
{
	git_patch *p = NULL;
	git_diff_options o;
	size_t h, nh, l, nl;
	int rc = -1;

	if (px_store_live(d) < 0)
		return -1;
	git_diff_options_init(&o, GIT_DIFF_OPTIONS_VERSION);
	o.context_lines = 2;
	if (git_patch_from_buffers(&p, a->ptr, a->len, NULL, b->ptr, b->len, NULL, &o) < 0)
		goto git;
	nh = git_patch_num_hunks(p);
	for (h = 0; h < nh; h++) {
		const git_diff_hunk *hunk;
		if (git_patch_get_hunk(&hunk, &nl, p, h) < 0)
			goto git;
		px_buf_printf(out, "@@ -%d,%d +%d,%d @@\n", hunk->old_start, hunk->old_lines,
			      hunk->new_start, hunk->new_lines);
		for (l = 0; l < nl; l++) {
			const git_diff_line *line;
			if (git_patch_get_line_in_hunk(&line, p, h, l) < 0)
				goto git;
			if (line->origin != GIT_DIFF_LINE_CONTEXT && line->origin != GIT_DIFF_LINE_ADDITION &&
			    line->origin != GIT_DIFF_LINE_DELETION)
				continue; /* "no newline at end of file" */
			px_buf_putc(out, line->origin);
			px_buf_put(out, line->content, line->content_len);
			if (!line->content_len || line->content[line->content_len - 1] != '\n')
				px_buf_putc(out, '\n');
		}
	}
	rc = 0;
	goto cleanup;
git:
	px_store_error(d, NULL);
cleanup:
	git_patch_free(p);
	return rc;
}

/* GITDIR/praxis/sync-merge: a merge a lead is finishing by editing notes.
 * Lines: the commit HEAD was on, the remote's commit, the tree of the
 * merge with the edited notes as they were here, then those notes'
 * repository paths. Git's own MERGE_HEAD names the remote's commit too,
 * so that git status and git commit see a merge. */
#define MERGE_STATE "praxis/sync-merge"

static int write_state_file(px_store *s, const char *name, const px_buf *b, px_diag *d)
{
	px_buf path = PX_BUF_INIT, tmp = PX_BUF_INIT;
	FILE *f;
	int rc = -1;

	px_buf_printf(&path, "%s%s", git_repository_path(s->repo), name);
	px_buf_printf(&tmp, "%s.tmp", path.ptr);
	f = fopen(tmp.ptr, "wb");
	if (!f || fwrite(b->ptr, 1, b->len, f) != b->len || fflush(f) != 0 || fsync(fileno(f)) != 0) {
		px_diag_add(d, tmp.ptr, 0, 0, PX_SEV_ERROR, "io-error", MSG_WRITE_FILE, tmp.ptr,
			    px_strerror(errno ? errno : EIO));
		if (f)
			fclose(f);
		unlink(tmp.ptr);
		goto cleanup;
	}
	if (fclose(f) != 0 || rename(tmp.ptr, path.ptr) < 0) {
		px_diag_add(d, path.ptr, 0, 0, PX_SEV_ERROR, "io-error", MSG_WRITE_FILE, path.ptr,
			    px_strerror(errno));
		unlink(tmp.ptr);
		goto cleanup;
	}
	rc = 0;
cleanup:
	px_buf_free(&path);
	px_buf_free(&tmp);
	return rc;
}

/* A note with both sides' versions in it, conflicting lines marked the
 * way git marks them, written over the work tree file. */
static int write_marked(px_store *s, const git_index_entry *anc, const git_index_entry *our,
			const git_index_entry *their, const char *our_label, const char *their_label,
			px_diag *d)
{
	git_merge_file_options mo;
	git_merge_file_result res;
	px_buf path = PX_BUF_INIT, tmp = PX_BUF_INIT;
	FILE *f = NULL;
	int rc = -1;

	memset(&res, 0, sizeof res);
	git_merge_file_options_init(&mo, GIT_MERGE_FILE_OPTIONS_VERSION);
	mo.our_label = our_label;
	mo.their_label = their_label;
	mo.ancestor_label = "base";
	if (git_merge_file_from_index(&res, s->repo, anc, our, their, &mo) < 0) {
		px_store_error(d, NULL);
		goto cleanup;
	}
	px_buf_printf(&path, "%s%s", s->workdir, our->path);
	px_buf_printf(&tmp, "%s.praxis-merge", path.ptr);
	f = fopen(tmp.ptr, "wb");
	if (!f || fwrite(res.ptr, 1, res.len, f) != res.len || fclose(f) != 0) {
		px_diag_add(d, path.ptr, 0, 0, PX_SEV_ERROR, "io-error", MSG_WRITE_FILE, path.ptr,
			    px_strerror(errno ? errno : EIO));
		unlink(tmp.ptr);
		f = NULL;
		goto cleanup;
	}
	f = NULL;
	if (rename(tmp.ptr, path.ptr) < 0) {
		px_diag_add(d, path.ptr, 0, 0, PX_SEV_ERROR, "io-error", MSG_WRITE_FILE, path.ptr,
			    px_strerror(errno));
		unlink(tmp.ptr);
		goto cleanup;
	}
	rc = 0;
cleanup:
	git_merge_file_result_free(&res);
	px_buf_free(&path);
	px_buf_free(&tmp);
	return rc;
}

static const px_resolution *choice_for(const px_resolution *r, size_t n, px_store *s,
				       const char *gp)
{
	size_t i, pl = strlen(s->prefix);

	if (strncmp(gp, s->prefix, pl))
		return NULL;
	for (i = 0; i < n; i++)
		if (!strcmp(r[i].path, gp + pl))
			return &r[i];
	return NULL;
}

int px_store_resolve(px_store *s, px_oid *out, const px_oid *ours, const px_oid *theirs,
		     const px_resolution *r, size_t n, const char *message, px_diag *d)
{
	git_commit *c[2] = { NULL, NULL };
	git_index *idx = NULL;
	git_index_conflict_iterator *it = NULL;
	git_tree *tree = NULL;
	git_signature *sig = NULL;
	git_oid o, t, tree_id, id;
	const git_index_entry *a, *oe, *te;
	px_buf state = PX_BUF_INIT, edits = PX_BUF_INIT, gp = PX_BUF_INIT;
	char hex[GIT_OID_HEXSZ + 1];
	char **done = calloc(n + 1, sizeof *done);
	size_t i, nedit = 0, missing = 0;
	int lock = -1, rc = -1;

	oid_to_git(&o, ours);
	oid_to_git(&t, theirs);
	if (!done)
		goto oom;
	if (git_commit_lookup(&c[0], s->repo, &o) < 0 || git_commit_lookup(&c[1], s->repo, &t) < 0 ||
	    git_merge_commits(&idx, s->repo, c[0], c[1], NULL) < 0 ||
	    git_index_conflict_iterator_new(&it, idx) < 0)
		goto git;
	/* every conflicting note needs a choice, and every choice a conflict:
	 * otherwise nothing happens */
	while (git_index_conflict_next(&a, &oe, &te, it) == 0) {
		const char *p = oe ? oe->path : te ? te->path : a->path;
		const px_resolution *ch = choice_for(r, n, s, p);
		if (!ch) {
			size_t pl = strlen(s->prefix);
			px_diag_add(d, p, 0, 0, PX_SEV_ERROR, "sync-conflict", MSG_SYNC_NO_CHOICE,
				    strncmp(p, s->prefix, pl) ? p : p + pl);
			missing++;
			continue;
		}
		done[ch - r] = (char *)ch->path;
		if (ch->how == PX_KEEP_EDIT && (!oe || !te)) {
			px_diag_add(d, ch->path, 0, 0, PX_SEV_ERROR, "sync-conflict",
				    MSG_SYNC_EDIT_GONE, ch->path, ch->path, ch->path);
			missing++;
		}
	}
	git_index_conflict_iterator_free(it);
	it = NULL;
	for (i = 0; i < n; i++)
		if (!done[i]) {
			px_diag_add(d, r[i].path, 0, 0, PX_SEV_ERROR, "sync-conflict",
				    MSG_SYNC_NOT_CONFLICT, r[i].path);
			missing++;
		}
	if (missing) {
		rc = 1;
		goto cleanup;
	}
	/* the chosen side of each note; an edited one stays as it is here
	 * until the lead commits it */
	for (i = 0; i < n; i++) {
		const git_index_entry *keep;
		git_index_entry e;
		repo_path(&gp, s, r[i].path);
		if (git_index_conflict_get(&a, &oe, &te, idx, gp.ptr) < 0)
			goto git;
		keep = r[i].how == PX_KEEP_THEIRS ? te : oe;
		if (r[i].how == PX_KEEP_EDIT) {
			px_buf_put(&edits, gp.ptr, gp.len);
			px_buf_putc(&edits, '\n');
			nedit++;
		}
		if (keep)
			e = *keep;
		if (git_index_conflict_remove(idx, gp.ptr) < 0)
			goto git;
		if (keep) {
			/* the conflict's entries went with it: the path is ours */
			e.path = gp.ptr;
			e.flags = 0;
			e.flags_extended = 0;
			if (git_index_add(idx, &e) < 0)
				goto git;
		}
	}
	if (git_index_write_tree_to(&tree_id, idx, s->repo) < 0 ||
	    git_tree_lookup(&tree, s->repo, &tree_id) < 0)
		goto git;
	if (!nedit) {
		if (git_signature_default(&sig, s->repo) < 0 && git_signature_now(&sig, "praxis", "") < 0)
			goto git;
		if (git_commit_create(&id, s->repo, NULL, sig, sig, NULL, message, tree, 2,
				      (const git_commit **)c) < 0)
			goto git;
		oid_from_git(out, &id);
		rc = 0;
		goto cleanup;
	}
	/* the merge's other files and the chosen notes into the work tree
	 * and git's index (HEAD stays), then the edited notes with both
	 * versions marked */
	if (safe_checkout(s, tree, NULL, &lock, d) < 0)
		goto cleanup;
	git_oid_tostr(hex, sizeof hex, &o);
	px_buf_printf(&state, "%s\n", hex);
	git_oid_tostr(hex, sizeof hex, &t);
	px_buf_printf(&state, "%s\n", hex);
	git_oid_tostr(hex, sizeof hex, &tree_id);
	px_buf_printf(&state, "%s\n", hex);
	px_buf_put(&state, edits.ptr, edits.len);
	if (px_buf_failed(&state))
		goto oom;
	if (write_state_file(s, MERGE_STATE, &state, d) < 0)
		goto cleanup;
	px_buf_clear(&state);
	git_oid_tostr(hex, sizeof hex, &t);
	px_buf_printf(&state, "%s\n", hex);
	if (write_state_file(s, "MERGE_HEAD", &state, d) < 0)
		goto cleanup;
	checkout_end(s, &lock); /* the merge is recorded */
	{
		/* labels: whose version, as the conflict display names them */
		git_index *fresh = NULL;
		if (git_merge_commits(&fresh, s->repo, c[0], c[1], NULL) < 0)
			goto git;
		for (i = 0; i < n; i++) {
			if (r[i].how != PX_KEEP_EDIT)
				continue;
			repo_path(&gp, s, r[i].path);
			if (git_index_conflict_get(&a, &oe, &te, fresh, gp.ptr) < 0) {
				git_index_free(fresh);
				goto git;
			}
			if (write_marked(s, a, oe, te, r[i].mine_label, r[i].theirs_label, d) < 0) {
				git_index_free(fresh);
				goto cleanup;
			}
		}
		git_index_free(fresh);
	}
	rc = 2;
	goto cleanup;
oom:
	px_diag_add(d, NULL, 0, 0, PX_SEV_ERROR, "git", MSG_OOM);
	goto cleanup;
git:
	px_store_error(d, NULL);
cleanup:
	if (lock >= 0) {
		/* the checkout is not recorded: the work tree back to HEAD */
		checkout_recover_locked(s, NULL);
		checkout_end(s, &lock);
	}
	free(done);
	px_buf_free(&state);
	px_buf_free(&edits);
	px_buf_free(&gp);
	git_signature_free(sig);
	git_tree_free(tree);
	git_index_conflict_iterator_free(it);
	git_index_free(idx);
	git_commit_free(c[0]);
	git_commit_free(c[1]);
	return rc;
}

static void merge_state_drop(px_store *s)
{
	px_buf p = PX_BUF_INIT;

	px_buf_printf(&p, "%s%s", git_repository_path(s->repo), MERGE_STATE);
	unlink(p.ptr);
	px_buf_free(&p);
	git_repository_state_cleanup(s->repo);
}

int px_store_merge_state(px_store *s, px_merge_state *ms, px_diag *d)
{
	px_buf p = PX_BUF_INIT, text = PX_BUF_INIT;
	git_oid head, mh;
	char *line, *next;
	size_t k = 0, cap = 0;
	int rc = -1;

	memset(ms, 0, sizeof *ms);
	px_buf_printf(&p, "%s%s", git_repository_path(s->repo), MERGE_STATE);
	if (px_buf_read_file(&text, p.ptr, PX_BUF_MAX) < 0) {
		if (errno == ENOENT) {
			rc = 0;
		} else {
			px_diag_add(d, p.ptr, 0, 0, PX_SEV_ERROR, "io-error", MSG_IO, p.ptr,
				    px_strerror(errno));
		}
		goto cleanup;
	}
	for (line = text.ptr; *line; line = next) {
		next = strchr(line, '\n');
		if (!next)
			break;
		*next++ = '\0';
		if (k == 0 && git_oid_fromstr(&ms->ours, line) < 0)
			break;
		if (k == 1 && git_oid_fromstr(&ms->theirs, line) < 0)
			break;
		if (k == 2 && git_oid_fromstr(&ms->tree, line) < 0)
			break;
		if (k >= 3) {
			if (ms->n + 1 >= cap) {
				size_t nc = cap ? 2 * cap : 4;
				char **v = realloc(ms->paths, nc * sizeof *v);
				if (!v) {
					px_diag_add(d, NULL, 0, 0, PX_SEV_ERROR, "git", MSG_OOM);
					goto cleanup;
				}
				ms->paths = v;
				cap = nc;
			}
			if (!(ms->paths[ms->n] = strdup(line))) {
				px_diag_add(d, NULL, 0, 0, PX_SEV_ERROR, "git", MSG_OOM);
				goto cleanup;
			}
			ms->paths[++ms->n] = NULL;
		}
		k++;
	}
	/* a record that no longer fits what git has: the merge was abandoned
	 * (git merge --abort, git reset) or finished by git itself */
	if (k < 4 || git_reference_name_to_id(&head, s->repo, "HEAD") < 0 ||
	    !git_oid_equal(&head, &ms->ours) ||
	    git_reference_name_to_id(&mh, s->repo, "MERGE_HEAD") < 0 ||
	    !git_oid_equal(&mh, &ms->theirs)) {
		int merge_head = git_reference_name_to_id(&mh, s->repo, "MERGE_HEAD") == 0 &&
				 git_oid_equal(&mh, &ms->theirs);
		git_error_clear();
		px_store_merge_state_free(ms);
		unlink(p.ptr);
		if (merge_head)
			git_repository_state_cleanup(s->repo);
		rc = 0;
		goto cleanup;
	}
	rc = 1;
cleanup:
	if (rc < 0)
		px_store_merge_state_free(ms);
	px_buf_free(&p);
	px_buf_free(&text);
	return rc;
}

void px_store_merge_state_free(px_merge_state *ms)
{
	size_t i;

	for (i = 0; i < ms->n; i++)
		free(ms->paths[i]);
	free(ms->paths);
	ms->paths = NULL;
	ms->n = 0;
}

void px_store_merge_done(px_store *s)
{
	merge_state_drop(s);
}

long px_store_merge_pending(px_store *s, char ***out, px_diag *d)
{
	px_merge_state ms;
	size_t i, pl = strlen(s->prefix);
	int r = px_store_merge_state(s, &ms, d);

	*out = NULL;
	if (r <= 0)
		return r;
	for (i = 0; i < ms.n; i++)
		if (!strncmp(ms.paths[i], s->prefix, pl))
			memmove(ms.paths[i], ms.paths[i] + pl, strlen(ms.paths[i] + pl) + 1);
	*out = ms.paths;
	return (long)ms.n;
}
