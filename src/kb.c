#include "kb.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cache.h"
#include "data.h"
#include "fold.h"
#include "out.h"
#include "store.h"
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

int px_kb_valid_id(const char *s)
{
	size_t n = 0;

	for (; s[n]; n++)
		if (!((s[n] >= 'a' && s[n] <= 'z') || (s[n] >= '0' && s[n] <= '9') || s[n] == '-'))
			return 0;
	return n > 0 && n <= PX_ID_MAX;
}

/* ------------------------------------------------ communities.yaml */

/* communities.yaml is checked like a note: every problem at its line
 * and column, with a rule name, a suggestion where one helps, and the
 * whole file read (not stopped at the first problem). */

enum ckey { C_ID, C_NAME, C_ZONE, C_LANG, C_MODERATORS, C_COUNT };
static const char *const ckey_names[C_COUNT] = { "id", "name", "zone", "lang", "moderators" };

typedef struct {
	const char *file;
	yaml_document_t *doc;
	px_diag *d;
	int rc;
	int oom;  /* an allocation failed: the file is refused, never a
		   * community with a value missing */
} cload;

/* strdup that notes a failure in the loader. */
static char *cdup(cload *l, const char *s)
{
	char *r = strdup(s);

	if (!r)
		l->oom = 1;
	return r;
}

static void cerr(cload *l, const yaml_node_t *n, const char *rule, px_msgid msg, ...);

static void cerr(cload *l, const yaml_node_t *n, const char *rule, px_msgid msg, ...)
{
	va_list ap;

	va_start(ap, msg);
	px_diag_vadd(l->d, l->file, n ? px_yaml_line(n, 1) : 1, n ? px_yaml_col(n) : 1,
		     PX_SEV_ERROR, rule, msg, ap);
	va_end(ap);
	l->rc = -1;
}

/* The id a lead meant by `s` ("Centre" -> "centre", "Zuid Oost" ->
 * "zuid-oost"), malloc'd, or NULL when there is no such valid id. */
static char *id_hint(const char *s)
{
	char *f = px_fold(s, strlen(s)), *p;

	if (!f)
		return NULL;
	for (p = f; *p; p++)
		if (*p == ' ' || *p == '_')
			*p = '-';
	if (!px_kb_valid_id(f)) {
		free(f);
		return NULL;
	}
	return f;
}

static void read_id(cload *l, px_community *pc, const yaml_node_t *v)
{
	const char *id = px_yaml_str(v);
	char *hint;

	if (!id) {
		cerr(l, v, "invalid-value", MSG_NOT_SCALAR, "id");
		return;
	}
	if (px_kb_valid_id(id)) {
		pc->id = cdup(l, id);
		return;
	}
	if (!*id) {
		cerr(l, v, "invalid-value", MSG_EMPTY_VALUE, "id");
		return;
	}
	/* the id becomes file names (CYCLE/ID/, the site's pages) and links */
	if (strlen(id) > PX_ID_MAX && strspn(id, "abcdefghijklmnopqrstuvwxyz0123456789-") == strlen(id))
		cerr(l, v, "invalid-value", MSG_COMMUNITY_ID_LONG, id, PX_ID_MAX);
	else
		cerr(l, v, "invalid-value", MSG_BAD_COMMUNITY_ID, id);
	hint = id_hint(id);
	if (hint && strcmp(hint, id))
		px_diag_hint(l->d, MSG_COMMUNITY_ID_HINT, hint);
	free(hint);
}

/* The keys of a { nl: ..., fr: ... } mapping: anything else is an
 * unknown key, with a did-you-mean. */
static void lang_keys(cload *l, yaml_node_t *v)
{
	yaml_node_pair_t *pair;

	for (pair = v->data.mapping.pairs.start; pair < v->data.mapping.pairs.top; pair++) {
		yaml_node_t *kn = yaml_document_get_node(l->doc, pair->key);
		const char *k = px_yaml_str(kn);
		if (!k || (strcmp(k, "nl") && strcmp(k, "fr"))) {
			const char *hint = k ? px_suggest(k, px_lang_codes, PX_CONTENT_LANGS) : NULL;
			if (hint)
				cerr(l, kn, "unknown-key", MSG_UNKNOWN_KEY_HINT, k, hint);
			else
				cerr(l, kn, "unknown-key", MSG_UNKNOWN_KEY, k ? k : "?");
		}
	}
}

/* name: { nl: ..., fr: ... } and zone: the same; a missing or empty
 * language is said precisely */
static void read_pair(cload *l, const char *who, const yaml_node_t *at, yaml_node_t *v,
		      enum ckey k, char *out[2])
{
	static const px_msgid missing[2][2] = {
		{ MSG_COMMUNITY_NAME_NL, MSG_COMMUNITY_NAME_FR },
		{ MSG_COMMUNITY_ZONE_NL, MSG_COMMUNITY_ZONE_FR },
	};
	int i;

	if (v && v->type != YAML_MAPPING_NODE) {
		cerr(l, v, "invalid-value", MSG_COMMUNITY_PAIR, ckey_names[k]);
		return;
	}
	if (!v && k == C_NAME) {
		cerr(l, at, "missing-key", MSG_COMMUNITY_NO_NAME, who);
		return;
	}
	if (v)
		lang_keys(l, v);
	for (i = 0; i < 2; i++) {
		yaml_node_t *t = px_yaml_get(l->doc, v, px_lang_code(i));
		const char *s = px_yaml_str(t);
		if (t && !s) {
			cerr(l, t, "invalid-value", MSG_NOT_SCALAR, px_lang_code(i));
			continue;
		}
		if (s && *s) {
			out[i] = cdup(l, s);
			continue;
		}
		if (k == C_ZONE && !v)
			continue; /* a zone is optional, but given, it is given in both */
		cerr(l, t ? t : v ? v : at, "missing-key", missing[k == C_ZONE][i], who);
	}
}

static void read_lang(cload *l, px_community *pc, const yaml_node_t *v)
{
	const char *s = px_yaml_str(v);
	char *f;

	if (s && (!strcmp(s, "nl") || !strcmp(s, "fr"))) {
		pc->lang = cdup(l, s);
		return;
	}
	if (!s) {
		cerr(l, v, "invalid-value", MSG_NOT_SCALAR, "lang");
		return;
	}
	/* "français", "Frans", "nederlands", "NL": the language meant */
	f = px_fold(s, strlen(s));
	if (f && (!strncmp(f, "fr", 2) || !strncmp(f, "nl", 2) || !strncmp(f, "ned", 3) ||
		  !strncmp(f, "dutch", 5) || !strncmp(f, "neer", 4) || !strncmp(f, "vla", 3)))
		cerr(l, v, "invalid-value", MSG_BAD_LANG_HINT, s, !strncmp(f, "fr", 2) ? "fr" : "nl");
	else
		cerr(l, v, "invalid-value", MSG_BAD_LANG, s);
	free(f);
}

static void read_moderators(cload *l, px_community *pc, const yaml_node_t *v)
{
	yaml_node_item_t *m;
	const char *s = px_yaml_str(v);

	if (s) {
		/* moderators: "A, B" is one text: say how to write the list */
		px_buf list = PX_BUF_INIT;
		const char *p = s;
		while (*p) {
			const char *comma = strchr(p, ',');
			size_t n = comma ? (size_t)(comma - p) : strlen(p);
			while (n && (*p == ' ' || *p == '\t')) {
				p++;
				n--;
			}
			while (n && (p[n - 1] == ' ' || p[n - 1] == '\t'))
				n--;
			if (n)
				px_buf_printf(&list, "%s\"%.*s\"", list.len ? ", " : "", (int)n, p);
			p += n;
			p = comma ? comma + 1 : p + strlen(p);
		}
		cerr(l, v, "invalid-value", MSG_MODERATORS_NOT_LIST, list.ptr);
		px_buf_free(&list);
		return;
	}
	if (v->type != YAML_SEQUENCE_NODE) {
		cerr(l, v, "invalid-value", MSG_NOT_LIST, "moderators");
		return;
	}
	pc->moderators = calloc((size_t)(v->data.sequence.items.top - v->data.sequence.items.start) + 1,
				sizeof *pc->moderators);
	if (!pc->moderators)
		l->oom = 1;
	for (m = v->data.sequence.items.start; pc->moderators && m < v->data.sequence.items.top; m++) {
		yaml_node_t *e = yaml_document_get_node(l->doc, *m);
		const char *name = px_yaml_str(e);
		if (!name || !*name) {
			cerr(l, e, "invalid-value", name ? MSG_EMPTY_VALUE : MSG_NOT_STRING_ITEM,
			     "moderators");
			continue;
		}
		if (!(pc->moderators[pc->nmoderators] = cdup(l, name)))
			continue;
		pc->nmoderators++;
	}
}

/* One community; 0 when it may be used (its id is valid), -1 not. */
static int read_community(cload *l, yaml_node_t *c, px_community *pc)
{
	yaml_node_t *val[C_COUNT] = { NULL };
	yaml_node_pair_t *pair;
	const char *who;
	int k;

	if (c->type != YAML_MAPPING_NODE) {
		cerr(l, c, "invalid-value", MSG_COMMUNITY_NOT_MAP);
		return -1;
	}
	for (pair = c->data.mapping.pairs.start; pair < c->data.mapping.pairs.top; pair++) {
		yaml_node_t *kn = yaml_document_get_node(l->doc, pair->key);
		yaml_node_t *vn = yaml_document_get_node(l->doc, pair->value);
		const char *key = px_yaml_str(kn);
		int found = -1;
		if (!kn || !vn)
			continue;
		for (k = 0; key && k < C_COUNT; k++)
			if (!strcmp(key, ckey_names[k]))
				found = k;
		if (found < 0) {
			const char *hint = key ? px_suggest(key, ckey_names, C_COUNT) : NULL;
			if (hint)
				cerr(l, kn, "unknown-key", MSG_UNKNOWN_KEY_HINT, key, hint);
			else
				cerr(l, kn, "unknown-key", MSG_UNKNOWN_KEY, key ? key : "?");
			continue;
		}
		if (val[found]) {
			cerr(l, kn, "duplicate-key", MSG_DUP_KEY, key);
			continue;
		}
		val[found] = vn;
	}
	if (val[C_ID])
		read_id(l, pc, val[C_ID]);
	else
		cerr(l, c, "missing-key", MSG_COMMUNITY_NO_ID);
	who = pc->id ? pc->id : px_yaml_str(val[C_ID]) ? px_yaml_str(val[C_ID]) : "?";
	read_pair(l, who, c, val[C_NAME], C_NAME, pc->name);
	read_pair(l, who, c, val[C_ZONE], C_ZONE, pc->zone);
	if (val[C_LANG])
		read_lang(l, pc, val[C_LANG]);
	else
		cerr(l, c, "missing-key", MSG_COMMUNITY_NO_LANG, who);
	if (val[C_MODERATORS])
		read_moderators(l, pc, val[C_MODERATORS]);
	if (!pc->lang && !l->oom)
		pc->lang = cdup(l, "nl");
	for (k = 0; k < 2 && !l->oom; k++) {
		if (!pc->zone[k])
			pc->zone[k] = cdup(l, "");
		if (!pc->name[k])
			pc->name[k] = cdup(l, pc->id ? pc->id : "");
	}
	return pc->id && !l->oom ? 0 : -1;
}

static void free_community(px_community *c)
{
	free(c->id);
	free(c->name[0]);
	free(c->name[1]);
	free(c->zone[0]);
	free(c->zone[1]);
	free(c->lang);
	px_strv_free(c->moderators, c->nmoderators);
	memset(c, 0, sizeof *c);
}

static int load_communities(px_kb *kb, const char *path, px_diag *d)
{
	const char *file = "communities.yaml";
	px_buf src = PX_BUF_INIT;
	int rc;

	rc = px_buf_read_file(&src, path, PX_COMMUNITIES_MAX);
	if (rc < 0) {
		px_diag_add(d, file, 0, 0, PX_SEV_ERROR, "io-error", MSG_IO, file,
			    px_strerror(rc == -2 ? EFBIG : errno));
		px_buf_free(&src);
		return -1;
	}
	rc = px_kb_read_communities(kb, src.ptr, src.len, d);
	px_buf_free(&src);
	return rc;
}

int px_kb_read_communities(px_kb *kb, const char *src, size_t len, px_diag *d)
{
	static const char *const top[] = { "communities" };
	const char *file = "communities.yaml";
	yaml_document_t doc;
	yaml_node_t *root, *list = NULL;
	yaml_node_item_t *it;
	yaml_node_pair_t *pair;
	int *lines = NULL, loaded = 0;
	cload l = { file, &doc, d, 0, 0 };

	if (len > PX_COMMUNITIES_MAX) {
		px_diag_add(d, file, 0, 0, PX_SEV_ERROR, "io-error", MSG_IO, file, px_strerror(EFBIG));
		l.rc = -1;
		goto cleanup;
	}
	px_diag_source(d, file, src, len);
	if (px_yaml_load(&doc, src, len, file, 1, d) < 0) {
		l.rc = -1;
		goto cleanup;
	}
	loaded = 1;
	root = yaml_document_get_root_node(&doc);
	for (pair = root && root->type == YAML_MAPPING_NODE ? root->data.mapping.pairs.start : NULL;
	     pair && pair < root->data.mapping.pairs.top; pair++) {
		yaml_node_t *kn = yaml_document_get_node(&doc, pair->key);
		const char *key = px_yaml_str(kn);
		if (key && !strcmp(key, "communities")) {
			list = yaml_document_get_node(&doc, pair->value);
		} else if (kn) {
			const char *hint = key ? px_suggest(key, top, 1) : NULL;
			if (hint)
				cerr(&l, kn, "unknown-key", MSG_UNKNOWN_KEY_HINT, key, hint);
			else
				cerr(&l, kn, "unknown-key", MSG_UNKNOWN_KEY, key ? key : "?");
		}
	}
	if (!list || list->type != YAML_SEQUENCE_NODE) {
		cerr(&l, list ? list : root, "communities-invalid", MSG_COMMUNITIES_SHAPE);
		goto cleanup;
	}
	kb->communities = calloc((size_t)(list->data.sequence.items.top -
					  list->data.sequence.items.start) + 1,
				 sizeof *kb->communities);
	lines = calloc((size_t)(list->data.sequence.items.top - list->data.sequence.items.start) + 1,
		       sizeof *lines);
	if (!kb->communities || !lines) {
		l.oom = 1;
		goto cleanup;
	}
	for (it = list->data.sequence.items.start; it < list->data.sequence.items.top; it++) {
		yaml_node_t *c = yaml_document_get_node(&doc, *it);
		px_community *pc = &kb->communities[kb->ncommunities];
		yaml_node_t *idn;
		size_t k;

		if (!c)
			continue;
		if (read_community(&l, c, pc) < 0) {
			free_community(pc);
			continue;
		}
		/* ids must be unique: both places are named */
		idn = px_yaml_get(&doc, c, "id");
		for (k = 0; k < kb->ncommunities; k++)
			if (!strcmp(kb->communities[k].id, pc->id))
				break;
		if (k < kb->ncommunities) {
			cerr(&l, idn, "duplicate-community", MSG_COMMUNITY_DUP, pc->id, lines[k],
			     px_yaml_line(idn, 1));
			free_community(pc);
			continue;
		}
		lines[kb->ncommunities++] = px_yaml_line(idn, 1);
	}
cleanup:
	if (l.oom) {
		px_diag_add(d, file, 0, 0, PX_SEV_ERROR, "out-of-memory", MSG_OOM);
		l.rc = -1;
	}
	free(lines);
	if (loaded)
		yaml_document_delete(&doc);
	px_diag_source(d, NULL, NULL, 0);
	return l.rc;
}

/* ------------------------------------------------ publication.yaml */

const char *const px_pub_keys[PX_PUB_FIELDS] = {
	[PX_PUB_TITLE] = "title", [PX_PUB_SUBTITLE] = "subtitle", [PX_PUB_PUBLISHER] = "publisher",
	[PX_PUB_ABOUT] = "about", [PX_PUB_CONTACT] = "contact", [PX_PUB_LICENCE] = "licence",
};

/* key: { nl: ..., fr: ... }, both given and not empty */
static void read_pub_pair(cload *l, const char *key, yaml_node_t *v, char *out[2])
{
	static const px_msgid missing[2] = { MSG_PUBLICATION_NL, MSG_PUBLICATION_FR };
	int i;

	if (v->type != YAML_MAPPING_NODE) {
		cerr(l, v, "invalid-value", MSG_COMMUNITY_PAIR, key);
		return;
	}
	lang_keys(l, v);
	for (i = 0; i < 2; i++) {
		yaml_node_t *t = px_yaml_get(l->doc, v, px_lang_code(i));
		const char *str = px_yaml_str(t);
		if (t && !str)
			cerr(l, t, "invalid-value", MSG_NOT_SCALAR, px_lang_code(i));
		else if (str && *str)
			out[i] = cdup(l, str);
		else
			cerr(l, t ? t : v, "missing-key", missing[i], key);
	}
}

static void read_pub_allow(cload *l, px_publication *pub, yaml_node_t *v)
{
	yaml_node_item_t *m;

	if (v->type != YAML_SEQUENCE_NODE) {
		cerr(l, v, "invalid-value", MSG_NOT_LIST, "allow");
		return;
	}
	pub->allow = calloc((size_t)(v->data.sequence.items.top - v->data.sequence.items.start) + 1,
			    sizeof *pub->allow);
	if (!pub->allow)
		l->oom = 1;
	for (m = v->data.sequence.items.start; pub->allow && m < v->data.sequence.items.top; m++) {
		yaml_node_t *e = yaml_document_get_node(l->doc, *m);
		const char *t = px_yaml_str(e);
		if (!t || !*t) {
			cerr(l, e, "invalid-value", t ? MSG_EMPTY_VALUE : MSG_NOT_STRING_ITEM, "allow");
			continue;
		}
		if ((pub->allow[pub->nallow] = cdup(l, t)))
			pub->nallow++;
	}
}

static void free_publication(px_publication *pub)
{
	int f, i;

	for (f = 0; f < PX_PUB_FIELDS; f++)
		for (i = 0; i < PX_CONTENT_LANGS; i++)
			free(pub->text[f][i]);
	px_strv_free(pub->allow, pub->nallow);
	memset(pub, 0, sizeof *pub);
}

int px_kb_read_publication(px_kb *kb, const char *src, size_t len, px_diag *d)
{
	static const char *const keys[PX_PUB_FIELDS + 1] = {
		"title", "subtitle", "publisher", "about", "contact", "licence", "allow",
	};
	const char *file = "publication.yaml";
	yaml_document_t doc;
	yaml_node_t *root;
	yaml_node_pair_t *pair;
	int loaded = 0;
	cload l = { file, &doc, d, 0, 0 };

	kb->pub.present = 1;
	if (len > PX_PUBLICATION_MAX) {
		px_diag_add(d, file, 0, 0, PX_SEV_ERROR, "io-error", MSG_IO, file, px_strerror(EFBIG));
		l.rc = -1;
		goto cleanup;
	}
	px_diag_source(d, file, src, len);
	if (px_yaml_load(&doc, src, len, file, 1, d) < 0) {
		l.rc = -1;
		goto cleanup;
	}
	loaded = 1;
	root = yaml_document_get_root_node(&doc);
	if (!root) /* an empty file: nothing said, the defaults apply */
		goto cleanup;
	if (root->type != YAML_MAPPING_NODE) {
		cerr(&l, root, "invalid-value", MSG_PUBLICATION_SHAPE);
		goto cleanup;
	}
	for (pair = root->data.mapping.pairs.start; pair < root->data.mapping.pairs.top; pair++) {
		yaml_node_t *kn = yaml_document_get_node(&doc, pair->key);
		yaml_node_t *v = yaml_document_get_node(&doc, pair->value);
		const char *key = px_yaml_str(kn);
		int f;

		for (f = 0; key && f <= PX_PUB_FIELDS; f++)
			if (!strcmp(key, keys[f]))
				break;
		if (!key || f > PX_PUB_FIELDS) {
			const char *hint = key ? px_suggest(key, keys, PX_PUB_FIELDS + 1) : NULL;
			if (hint)
				cerr(&l, kn, "unknown-key", MSG_UNKNOWN_KEY_HINT, key, hint);
			else
				cerr(&l, kn, "unknown-key", MSG_UNKNOWN_KEY, key ? key : "?");
		} else if (!v) {
			continue;
		} else if (f == PX_PUB_FIELDS) {
			read_pub_allow(&l, &kb->pub, v);
		} else {
			read_pub_pair(&l, key, v, kb->pub.text[f]);
		}
	}
cleanup:
	if (l.oom) {
		px_diag_add(d, file, 0, 0, PX_SEV_ERROR, "out-of-memory", MSG_OOM);
		l.rc = -1;
	}
	if (loaded)
		yaml_document_delete(&doc);
	px_diag_source(d, NULL, NULL, 0);
	return l.rc;
}

static int load_publication(px_kb *kb, const char *path, px_diag *d)
{
	const char *file = "publication.yaml";
	px_buf src = PX_BUF_INIT;
	int rc;

	if (!is_file(path))
		return 0; /* optional */
	rc = px_buf_read_file(&src, path, PX_PUBLICATION_MAX);
	if (rc < 0) {
		px_diag_add(d, file, 0, 0, PX_SEV_ERROR, "io-error", MSG_IO, file,
			    px_strerror(rc == -2 ? EFBIG : errno));
		px_buf_free(&src);
		return -1;
	}
	rc = px_kb_read_publication(kb, src.ptr, src.len, d);
	px_buf_free(&src);
	return rc;
}

/* ------------------------------------------------ the parsed copy (cache.h) */

/*
 * GITDIR/praxis/kb.cache: communities.yaml, publication.yaml and the
 * codebook as parsed, for the commands that only read them. It is made
 * only from files that loaded without a single diagnostic, so using it
 * hides nothing; it depends on the knowledge base's three files and on
 * the default codebook and its schema in the data directory (present or
 * not, each). Raise the version in KB_CACHE_MAGIC when px_community,
 * px_publication or px_codebook change.
 */
#define KB_CACHE "kb.cache"
#define KB_CACHE_MAGIC "praxis kb 1\n"
#define KB_CACHE_FILES 5

/* the most of anything a cache may claim (a damaged count must not
 * become a huge allocation) */
#define PACK_MAX ((unsigned long long)PX_COMMUNITIES_MAX)

static void pack_kb(px_buf *b, const px_kb *kb)
{
	size_t i, k;
	int f;

	px_pack_num(b, kb->ncommunities);
	for (i = 0; i < kb->ncommunities; i++) {
		const px_community *c = &kb->communities[i];
		px_pack_str(b, c->id);
		for (k = 0; k < PX_CONTENT_LANGS; k++) {
			px_pack_str(b, c->name[k]);
			px_pack_str(b, c->zone[k]);
		}
		px_pack_str(b, c->lang);
		px_pack_num(b, c->nmoderators);
		for (k = 0; k < c->nmoderators; k++)
			px_pack_str(b, c->moderators[k]);
	}
	px_pack_num(b, (unsigned long long)kb->pub.present);
	for (f = 0; f < PX_PUB_FIELDS; f++)
		for (k = 0; k < PX_CONTENT_LANGS; k++)
			px_pack_str(b, kb->pub.text[f][k]);
	px_pack_num(b, kb->pub.nallow);
	for (k = 0; k < kb->pub.nallow; k++)
		px_pack_str(b, kb->pub.allow[k]);
	px_codebook_pack(b, kb->cb);
}

/* A list of strings, none NULL. */
static char **unpack_strv(px_unpack *u, size_t *n)
{
	size_t want = (size_t)px_unpack_num(u, PACK_MAX), i;
	char **v = u->bad ? NULL : calloc(want ? want : 1, sizeof *v);

	if (!v) {
		u->bad = 1;
		return NULL;
	}
	for (i = 0; i < want && !u->bad; i++)
		if (!(v[(*n)++] = px_unpack_str(u)))
			u->bad = 1;
	return v;
}

/* The knowledge base's parsed files from a cache's payload: 0, or -1
 * with kb as it was (empty). */
static int unpack_kb(px_kb *kb, const px_buf *payload)
{
	px_unpack u = { payload->ptr, payload->ptr + payload->len, 0 };
	size_t i, k, n = (size_t)px_unpack_num(&u, PACK_MAX);
	int f;

	kb->communities = u.bad ? NULL : calloc(n + 1, sizeof *kb->communities);
	if (!kb->communities)
		u.bad = 1;
	for (i = 0; i < n && !u.bad; i++) {
		px_community *c = &kb->communities[kb->ncommunities++];
		c->id = px_unpack_str(&u);
		for (k = 0; k < PX_CONTENT_LANGS; k++) {
			c->name[k] = px_unpack_str(&u);
			c->zone[k] = px_unpack_str(&u);
		}
		c->lang = px_unpack_str(&u);
		c->moderators = unpack_strv(&u, &c->nmoderators);
		if (!c->id)
			u.bad = 1;
	}
	kb->pub.present = (int)px_unpack_num(&u, 1);
	for (f = 0; f < PX_PUB_FIELDS; f++)
		for (k = 0; k < PX_CONTENT_LANGS; k++)
			kb->pub.text[f][k] = px_unpack_str(&u);
	kb->pub.allow = unpack_strv(&u, &kb->pub.nallow);
	if (!u.bad)
		kb->cb = px_codebook_unpack(&u);
	if (!u.bad && u.p == u.end)
		return 0;
	for (i = 0; i < kb->ncommunities; i++)
		free_community(&kb->communities[i]);
	free(kb->communities);
	kb->communities = NULL;
	kb->ncommunities = 0;
	free_publication(&kb->pub);
	px_codebook_free(kb->cb);
	kb->cb = NULL;
	return -1;
}

/* The files the cache depends on, malloc'd; -1 when they cannot be
 * named (no data directory: the load below says so). */
static int cache_files(const px_kb *kb, char *paths[KB_CACHE_FILES])
{
	static const char *const own[] = { "communities.yaml", "publication.yaml", "codebook.xml" };
	px_buf p = PX_BUF_INIT;
	size_t i;

	for (i = 0; i < 3; i++) {
		px_buf_clear(&p);
		px_buf_printf(&p, "%s/%s", kb->root, own[i]);
		paths[i] = px_buf_failed(&p) ? NULL : strdup(p.ptr);
	}
	px_buf_free(&p);
	paths[3] = px_data_path("schema/codebook.xml");
	paths[4] = px_data_path("schema/codebook.rng");
	for (i = 0; i < KB_CACHE_FILES; i++)
		if (!paths[i])
			return -1;
	return 0;
}

int px_kb_open(px_kb **out, const char *root, int flags, px_diag *d)
{
	px_kb *kb = calloc(1, sizeof *kb);
	px_buf p = PX_BUF_INIT, cache = PX_BUF_INIT, stamp = PX_BUF_INIT, packed = PX_BUF_INIT;
	px_buf cpath = PX_BUF_INIT;
	char *def = NULL, *files[KB_CACHE_FILES] = { NULL };
	size_t seen = d->n, i;
	int rc = -1, stamped = -1;

	*out = NULL;
	if (!kb)
		return -1;
	kb->root = realpath(root, NULL);
	if (!kb->root)
		goto cleanup;
	kb->gitdir = px_store_discover(kb->root);
	if (kb->gitdir && cache_files(kb, files) == 0) {
		/* the files' identities before they are read (cache.h) */
		px_buf_printf(&cpath, "%s/praxis/" KB_CACHE, kb->gitdir);
		stamped = px_buf_failed(&cpath) ? -1 : px_cache_stamp(&stamp, (const char *const *)files,
									KB_CACHE_FILES);
		if (stamped >= 0 && px_cache_read(&packed, cpath.ptr, KB_CACHE_MAGIC, &stamp) &&
		    unpack_kb(kb, &packed) == 0)
			goto parsed;
	}
	px_buf_printf(&p, "%s/communities.yaml", kb->root);
	if (load_communities(kb, p.ptr, d) < 0 && !(flags & PX_KB_KEEP_GOING))
		goto cleanup;
	px_buf_clear(&p);
	px_buf_printf(&p, "%s/publication.yaml", kb->root);
	if (load_publication(kb, p.ptr, d) < 0 && !(flags & PX_KB_KEEP_GOING))
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
	/* a cache only of what loaded without a word to say, from files
	 * that did not change just now */
	if (stamped == 0 && d->n == seen && !d->lost) {
		px_buf_clear(&packed);
		pack_kb(&packed, kb);
		px_cache_write(cpath.ptr, KB_CACHE_MAGIC, &stamp, &packed);
	} else if (stamped >= 0) {
		px_cache_write(cpath.ptr, KB_CACHE_MAGIC, &stamp, NULL);
	}
parsed:
	if (kb->gitdir) {
		px_buf_clear(&p);
		px_buf_printf(&p, "%s/praxis/denylist", kb->gitdir);
		if (px_denylist_load(&kb->deny, p.ptr, d) < 0)
			goto cleanup;
	}
	rc = 0;
	*out = kb;
	kb = NULL;
cleanup:
	free(def);
	for (i = 0; i < KB_CACHE_FILES; i++)
		free(files[i]);
	px_buf_free(&p);
	px_buf_free(&cache);
	px_buf_free(&stamp);
	px_buf_free(&packed);
	px_buf_free(&cpath);
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
	for (i = 0; i < kb->ncommunities; i++)
		free_community(&kb->communities[i]);
	free(kb->communities);
	free_publication(&kb->pub);
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

/* Whether no part of `rel` starts with '.' (hidden files and folders,
 * ".git" among them, hold no notes). */
static int visible_path(const char *rel)
{
	const char *p;

	for (p = rel; p; p = strchr(p, '/')) {
		if (*p == '/')
			p++;
		if (*p == '.')
			return 0;
	}
	return 1;
}

int px_kb_is_note_path(const char *rel)
{
	const char *base = strrchr(rel, '/');
	size_t n = strlen(rel);

	if (!base || n < 4 || strcmp(rel + n - 3, ".md"))
		return 0;
	base++;
	if (!strcmp(base, "synthesis.nl.md") || !strcmp(base, "synthesis.fr.md"))
		return 0;
	return visible_path(rel);
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
				if (!(l->v[l->n] = px_buf_detach(&r))) {
					rc = -1;
					px_buf_free(&full);
					break;
				}
				l->n++;
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
	const char *base = strrchr(rel, '/');

	if (!base || (strcmp(base, "/synthesis.nl.md") && strcmp(base, "/synthesis.fr.md")))
		return 0;
	return visible_path(rel);
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

char *px_kb_note_arg(const px_kb *kb, const char *arg)
{
	char *rel = px_kb_relpath(kb, arg);
	const char *p = rel ? rel : arg;

	while (p[0] == '.' && p[1] == '/')
		p += 2;
	if (px_kb_is_note_path(p)) {
		char *r = strdup(p);
		free(rel);
		if (!r)
			px_error(MSG_OOM);
		return r;
	}
	free(rel);
	px_error(MSG_NOT_NOTE_PATH, arg);
	return NULL;
}

const char *px_kb_community_hint(const px_kb *kb, const char *id)
{
	const char **ids;
	const char *hint;
	size_t i;

	if (!kb || !kb->ncommunities)
		return NULL;
	ids = malloc(kb->ncommunities * sizeof *ids);
	if (!ids)
		return NULL;
	for (i = 0; i < kb->ncommunities; i++)
		ids[i] = kb->communities[i].id;
	hint = px_suggest(id, ids, kb->ncommunities);
	free(ids);
	return hint;
}

void px_kb_unknown_community(const px_kb *kb, const char *id)
{
	const char *hint = px_kb_community_hint(kb, id);

	if (hint)
		px_error(MSG_UNKNOWN_COMMUNITY_HINT, id, hint);
	else
		px_error(MSG_UNKNOWN_COMMUNITY, id);
}

const px_code *px_kb_code_arg(const px_kb *kb, const char *s)
{
	const char *tag = *s == '#' ? s + 1 : s;
	const px_code *c = *tag ? px_codebook_resolve(kb->cb, tag, strlen(tag)) : NULL;
	const char *hint;

	if (c)
		return c;
	hint = *tag ? px_codebook_suggest(kb->cb, tag) : NULL;
	if (hint)
		px_error(MSG_UNKNOWN_CODE_HINT, s, hint);
	else
		px_error(MSG_UNKNOWN_CODE, s);
	return NULL;
}
