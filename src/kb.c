#include "kb.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <git2.h>

#include "data.h"
#include "out.h"
#include "yaml.h"

static int is_file(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

char *px_kb_find(const char *start)
{
	char *dir = realpath(start, NULL);
	px_buf b = PX_BUF_INIT;

	while (dir) {
		char *slash;
		px_buf_clear(&b);
		px_buf_printf(&b, "%s/communities.yaml", dir);
		if (is_file(b.ptr))
			break;
		slash = strrchr(dir, '/');
		if (!slash || slash == dir) {
			free(dir);
			dir = NULL;
			break;
		}
		*slash = '\0';
	}
	px_buf_free(&b);
	return dir;
}

static int cmp_str(const void *a, const void *b);

int px_kb_valid_id(const char *s)
{
	size_t n = 0;

	for (; s[n]; n++)
		if (!((s[n] >= 'a' && s[n] <= 'z') || (s[n] >= '0' && s[n] <= '9') || s[n] == '-'))
			return 0;
	return n > 0 && n <= PX_ID_MAX;
}

static char *dup_or_null(const char *s)
{
	return s ? strdup(s) : NULL;
}

static void read_pair(yaml_document_t *doc, yaml_node_t *map, const char *key, char *out[2])
{
	yaml_node_t *v = px_yaml_get(doc, map, key);

	out[PX_NL] = dup_or_null(px_yaml_str(px_yaml_get(doc, v, "nl")));
	out[PX_FR] = dup_or_null(px_yaml_str(px_yaml_get(doc, v, "fr")));
}

static int load_communities(px_kb *kb, const char *path, px_diag *d)
{
	const char *file = "communities.yaml";
	px_buf src = PX_BUF_INIT;
	yaml_document_t doc;
	yaml_node_t *root, *list;
	yaml_node_item_t *it;
	int rc = -1, loaded = 0;

	if (px_buf_read_file(&src, path, 1 << 20) < 0) {
		px_diag_add(d, file, 0, 0, PX_SEV_ERROR, "io-error", MSG_IO, file, px_strerror(errno));
		goto cleanup;
	}
	px_diag_source(d, file, src.ptr, src.len);
	if (px_yaml_load(&doc, src.ptr, src.len, file, 1, d) < 0)
		goto cleanup;
	loaded = 1;
	root = yaml_document_get_root_node(&doc);
	list = px_yaml_get(&doc, root, "communities");
	if (!list || list->type != YAML_SEQUENCE_NODE) {
		px_diag_add(d, file, root ? px_yaml_line(root, 1) : 1, 1, PX_SEV_ERROR,
			    "communities-invalid", MSG_COMMUNITIES_SHAPE);
		goto cleanup;
	}
	kb->communities = calloc((size_t)(list->data.sequence.items.top -
					  list->data.sequence.items.start) + 1,
				 sizeof *kb->communities);
	if (!kb->communities)
		goto cleanup;
	rc = 0;
	for (it = list->data.sequence.items.start; it < list->data.sequence.items.top; it++) {
		yaml_node_t *c = yaml_document_get_node(&doc, *it);
		px_community *pc = &kb->communities[kb->ncommunities];
		yaml_node_t *idn = px_yaml_get(&doc, c, "id");
		const char *id = px_yaml_str(idn);
		const char *lang = px_yaml_str(px_yaml_get(&doc, c, "lang"));
		yaml_node_t *mods = px_yaml_get(&doc, c, "moderators");
		static const char *const need[] = { "id", "name", "lang" };
		size_t i;

		if (!c)
			continue;
		read_pair(&doc, c, "name", pc->name);
		read_pair(&doc, c, "zone", pc->zone);
		for (i = 0; i < 3; i++) {
			int missing = (i == 0 && (!id || !*id)) ||
				      (i == 1 && (!pc->name[0] || !pc->name[1])) ||
				      (i == 2 && (!lang || (strcmp(lang, "nl") && strcmp(lang, "fr"))));
			if (missing) {
				px_diag_add(d, file, px_yaml_line(c, 1), px_yaml_col(c), PX_SEV_ERROR,
					    "communities-invalid", MSG_COMMUNITY_FIELD, need[i]);
				rc = -1;
			}
		}
		/* the id becomes file names (CYCLE/ID/, the site's pages) and links */
		if (id && *id && !px_kb_valid_id(id)) {
			px_diag_add(d, file, px_yaml_line(idn, 1), px_yaml_col(idn), PX_SEV_ERROR,
				    "communities-invalid", MSG_BAD_COMMUNITY_ID, id);
			rc = -1;
		}
		pc->id = strdup(id ? id : "");
		pc->lang = strdup(lang ? lang : "nl");
		for (i = 0; i < 2; i++) {
			if (!pc->zone[i])
				pc->zone[i] = strdup("");
			if (!pc->name[i])
				pc->name[i] = strdup(pc->id);
		}
		if (mods && mods->type == YAML_SEQUENCE_NODE) {
			yaml_node_item_t *m;
			pc->moderators = calloc((size_t)(mods->data.sequence.items.top -
							  mods->data.sequence.items.start) + 1,
						sizeof *pc->moderators);
			for (m = mods->data.sequence.items.start;
			     pc->moderators && m < mods->data.sequence.items.top; m++) {
				const char *s = px_yaml_str(yaml_document_get_node(&doc, *m));
				if (s)
					pc->moderators[pc->nmoderators++] = strdup(s);
			}
		}
		kb->ncommunities++;
	}
	if (kb->ncommunities > 1) {
		/* ids must be unique: sorted copies meet their twins */
		const char **ids = malloc(kb->ncommunities * sizeof *ids);
		size_t i;
		for (i = 0; ids && i < kb->ncommunities; i++)
			ids[i] = kb->communities[i].id;
		if (ids)
			qsort(ids, kb->ncommunities, sizeof *ids, cmp_str);
		for (i = 1; ids && i < kb->ncommunities; i++) {
			if (*ids[i] && !strcmp(ids[i], ids[i - 1])) {
				px_diag_add(d, file, 0, 0, PX_SEV_ERROR, "communities-invalid",
					    MSG_COMMUNITY_DUP, ids[i]);
				rc = -1;
			}
		}
		free(ids);
	}
cleanup:
	if (loaded)
		yaml_document_delete(&doc);
	px_diag_source(d, NULL, NULL, 0);
	px_buf_free(&src);
	return rc;
}

static char *discover_gitdir(const char *root)
{
	git_buf b = { 0 };
	char *s = NULL;

	if (git_repository_discover(&b, root, 0, NULL) == 0) {
		s = strdup(b.ptr);
		if (s && strlen(s) > 1 && s[strlen(s) - 1] == '/')
			s[strlen(s) - 1] = '\0';
	}
	git_buf_dispose(&b);
	return s;
}

int px_kb_open(px_kb **out, const char *root, px_diag *d)
{
	px_kb *kb = calloc(1, sizeof *kb);
	px_buf p = PX_BUF_INIT, cache = PX_BUF_INIT;
	char *def = NULL;
	int rc = -1;

	*out = NULL;
	if (!kb)
		return -1;
	kb->root = realpath(root, NULL);
	if (!kb->root)
		goto cleanup;
	kb->gitdir = discover_gitdir(kb->root);
	px_buf_printf(&p, "%s/communities.yaml", kb->root);
	if (load_communities(kb, p.ptr, d) < 0)
		goto cleanup;
	if (kb->gitdir) {
		px_buf_printf(&cache, "%s/praxis", kb->gitdir);
		mkdir(cache.ptr, 0777);
		px_buf_puts(&cache, "/codebook-valid");
	}
	px_buf_clear(&p);
	px_buf_printf(&p, "%s/codebook.xml", kb->root);
	if (is_file(p.ptr)) {
		if (px_codebook_load_cached(&kb->cb, p.ptr, "codebook.xml",
					    cache.len ? cache.ptr : NULL, d) < 0)
			goto cleanup;
	} else {
		def = px_data_path("schema/codebook.xml");
		if (!def) {
			px_diag_add(d, "codebook.xml", 0, 0, PX_SEV_ERROR, "environment", MSG_NO_SCHEMA);
			goto cleanup;
		}
		if (px_codebook_load_cached(&kb->cb, def, def, cache.len ? cache.ptr : NULL, d) < 0)
			goto cleanup;
	}
	if (kb->gitdir) {
		px_buf_clear(&p);
		px_buf_printf(&p, "%s/praxis/denylist", kb->gitdir);
		if (px_denylist_load(&kb->deny, p.ptr) < 0) {
			px_diag_add(d, p.ptr, 0, 0, PX_SEV_ERROR, "io-error", MSG_IO, p.ptr,
				    px_strerror(errno));
			goto cleanup;
		}
	}
	rc = 0;
	*out = kb;
	kb = NULL;
cleanup:
	free(def);
	px_buf_free(&p);
	px_buf_free(&cache);
	px_kb_free(kb);
	return rc;
}

void px_strv_free(char **v, size_t n)
{
	size_t i;

	if (!v)
		return;
	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

void px_kb_free(px_kb *kb)
{
	size_t i;

	if (!kb)
		return;
	for (i = 0; i < kb->ncommunities; i++) {
		px_community *c = &kb->communities[i];
		free(c->id);
		free(c->name[0]);
		free(c->name[1]);
		free(c->zone[0]);
		free(c->zone[1]);
		free(c->lang);
		px_strv_free(c->moderators, c->nmoderators);
	}
	free(kb->communities);
	px_codebook_free(kb->cb);
	px_denylist_free(kb->deny);
	free(kb->root);
	free(kb->gitdir);
	free(kb);
}

const px_community *px_kb_community(const px_kb *kb, const char *id)
{
	size_t i;

	for (i = 0; i < kb->ncommunities; i++)
		if (kb->communities[i].id && !strcmp(kb->communities[i].id, id))
			return &kb->communities[i];
	return NULL;
}

int px_kb_is_note_path(const char *rel)
{
	const char *base = strrchr(rel, '/'), *p;
	size_t n = strlen(rel);

	if (!base || n < 4 || strcmp(rel + n - 3, ".md"))
		return 0;
	base++;
	if (!strcmp(base, "synthesis.nl.md") || !strcmp(base, "synthesis.fr.md"))
		return 0;
	for (p = rel; p; p = strchr(p, '/')) {
		if (*p == '/')
			p++;
		if (*p == '.')
			return 0;
	}
	return 1;
}

/* Whether a folder between the knowledge base's root and `path` (as
 * written, made absolute, not resolved) is a symbolic link: git would
 * store the link, not what lies behind it. */
static int link_inside(const px_kb *kb, const char *path)
{
	px_buf b = PX_BUF_INIT;
	char cwd[4096];
	size_t rl = strlen(kb->root), i;
	int found = 0;

	if (*path != '/' && getcwd(cwd, sizeof cwd))
		px_buf_printf(&b, "%s/", cwd);
	px_buf_puts(&b, path);
	if (b.len > rl && !strncmp(b.ptr, kb->root, rl) && b.ptr[rl] == '/') {
		for (i = rl + 1; i < b.len && !found; i++) {
			struct stat st;
			if (b.ptr[i] != '/')
				continue;
			b.ptr[i] = '\0';
			found = lstat(b.ptr, &st) == 0 && S_ISLNK(st.st_mode);
			b.ptr[i] = '/';
		}
	}
	px_buf_free(&b);
	return found;
}

int px_kb_read_file(px_buf *out, struct stat *st, const px_kb *kb, const char *fs_path,
		    const char *display, size_t max, px_diag *d)
{
	struct stat tmp, lst;
	char chunk[65536];
	ssize_t got;
	int fd, rc = PX_READ_REFUSED;

	if (!st)
		st = &tmp;
	if (kb && link_inside(kb, fs_path)) {
		px_diag_add(d, display, 0, 0, PX_SEV_ERROR, "not-a-file", MSG_NOTE_LINK, display);
		return PX_READ_REFUSED;
	}
	/* O_NOFOLLOW: a link is never read through, whatever it points at;
	 * O_NONBLOCK: a FIFO with a note's name does not hang the command */
	fd = open(fs_path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		int e = errno;
		if (e == ENOENT || e == ENOTDIR)
			return PX_READ_GONE;
		if (lstat(fs_path, &lst) == 0 && S_ISLNK(lst.st_mode))
			px_diag_add(d, display, 0, 0, PX_SEV_ERROR, "not-a-file", MSG_NOTE_LINK,
				    display);
		else
			px_diag_add(d, display, 0, 0, PX_SEV_ERROR, "io-error", MSG_IO, display,
				    px_strerror(e));
		return PX_READ_REFUSED;
	}
	if (fstat(fd, st) < 0) {
		px_diag_add(d, display, 0, 0, PX_SEV_ERROR, "io-error", MSG_IO, display, px_strerror(errno));
		goto done;
	}
	if (!S_ISREG(st->st_mode)) {
		px_diag_add(d, display, 0, 0, PX_SEV_ERROR, "not-a-file", MSG_NOT_REGULAR_FILE, display);
		goto done;
	}
	for (;;) {
		got = read(fd, chunk, sizeof chunk);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			px_diag_add(d, display, 0, 0, PX_SEV_ERROR, "io-error", MSG_IO, display,
				    px_strerror(errno));
			goto done;
		}
		if (got == 0)
			break;
		if (out->len + (size_t)got > max) {
			px_diag_add(d, display, 1, 1, PX_SEV_ERROR, "too-large", MSG_TOO_LARGE,
				    (int)(max >> 20));
			rc = PX_READ_TOO_LARGE;
			goto done;
		}
		if (px_buf_put(out, chunk, (size_t)got) < 0) {
			px_diag_add(d, display, 0, 0, PX_SEV_ERROR, "io-error", MSG_IO, display,
				    px_strerror(ENOMEM));
			goto done;
		}
	}
	rc = 0;
done:
	close(fd);
	return rc;
}

struct list {
	char **v;
	size_t n, cap;
};

static int walk(const char *root, const char *rel, struct list *l, int depth, int texts)
{
	px_buf dir = PX_BUF_INIT;
	DIR *dp;
	struct dirent *e;
	int rc = 0;

	if (depth > 16)
		return 0;
	px_buf_printf(&dir, "%s%s%s", root, *rel ? "/" : "", rel);
	dp = opendir(dir.ptr);
	px_buf_free(&dir);
	if (!dp)
		return -1;
	while ((e = readdir(dp))) {
		px_buf r = PX_BUF_INIT, full = PX_BUF_INIT;
		struct stat st;

		if (e->d_name[0] == '.')
			continue;
		px_buf_printf(&r, "%s%s%s", rel, *rel ? "/" : "", e->d_name);
		px_buf_printf(&full, "%s/%s", root, r.ptr);
		if (lstat(full.ptr, &st) == 0) {
			if (S_ISDIR(st.st_mode)) {
				rc |= walk(root, r.ptr, l, depth + 1, texts);
			} else if (px_kb_is_note_path(r.ptr) ||
				   (texts && px_kb_is_synthesis_path(r.ptr))) {
				/* not only regular files: check says what the others are */
				if (l->n == l->cap) {
					size_t cap = l->cap ? l->cap * 2 : 64;
					char **p = realloc(l->v, cap * sizeof *p);
					if (!p) {
						rc = -1;
						px_buf_free(&r);
						px_buf_free(&full);
						break;
					}
					l->v = p;
					l->cap = cap;
				}
				l->v[l->n++] = px_buf_detach(&r);
			}
		}
		px_buf_free(&r);
		px_buf_free(&full);
	}
	closedir(dp);
	return rc;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static long list(const px_kb *kb, char ***out, int texts)
{
	struct list l = { NULL, 0, 0 };

	*out = NULL;
	if (walk(kb->root, "", &l, 0, texts) < 0) {
		px_strv_free(l.v, l.n);
		return -1;
	}
	if (l.n)
		qsort(l.v, l.n, sizeof *l.v, cmp_str);
	*out = l.v;
	return (long)l.n;
}

long px_kb_list_notes(const px_kb *kb, char ***out)
{
	return list(kb, out, 0);
}

long px_kb_list_texts(const px_kb *kb, char ***out)
{
	return list(kb, out, 1);
}

int px_kb_is_synthesis_path(const char *rel)
{
	const char *base = strrchr(rel, '/'), *p;

	if (!base || (strcmp(base, "/synthesis.nl.md") && strcmp(base, "/synthesis.fr.md")))
		return 0;
	for (p = rel; p; p = strchr(p, '/')) {
		if (*p == '/')
			p++;
		if (*p == '.')
			return 0;
	}
	return 1;
}

char *px_kb_relpath(const px_kb *kb, const char *path)
{
	char *abs = realpath(path, NULL);
	size_t rl = strlen(kb->root);
	char *rel = NULL;

	if (abs && !strncmp(abs, kb->root, rl) && abs[rl] == '/')
		rel = strdup(abs + rl + 1);
	free(abs);
	return rel;
}
