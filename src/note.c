#include "note.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>

#include "cycle.h"
#include "fold.h"
#include "opt.h"
#include "text.h"
#include "yaml.h"

#define HEADING_LEVELS 6

/* ---------------------------------------------------------------- keys */

enum key { K_COMMUNITY, K_CYCLE, K_SESSION, K_DATE, K_LANG, K_AUTHOR, K_MODERATORS,
	   K_ATTENDANCE, K_METHODS, K_THEMES, K_TITLE, K_SUMMARY, K_ALLOW, K_COUNT };

static const char *const key_names[K_COUNT] = {
	"community", "cycle", "session", "date", "lang", "author", "moderators",
	"attendance", "methods", "themes", "title", "summary", "allow"
};
static const int key_required[K_COUNT] = { 1, 1, 1, 1, 1, 1 };

const char *px_seg_kind_name(px_seg_kind k)
{
	static const char *const names[] = { "paragraph", "item", "row", "quote" };
	return names[k];
}

/* ------------------------------------------------------------- helpers */

typedef struct {
	const char *path;
	const char *src;
	size_t len;
	const px_codebook *cb;
	px_diag *d;
	px_note *n;
	yaml_document_t *doc;
	int line0;  /* file line of YAML line 0 */
	px_lines lines;
	int hints;  /* "did you mean" suggestions made so far */
	size_t body_off; /* byte offset of the body in src */
	size_t shown_cap;
	int no_shown; /* the shown texts are not kept (px_note_opts) */
	int oom;    /* an allocation failed: the parse fails (never a
		     * note with a value, a segment or a code missing) */
} ctx;

/* Suggestions cost a fold and an edit distance per codebook name: after
 * this many in one note, unknown codes are reported without one, so that
 * a note of thousands of unknown tags still checks in linear time. */
#define HINTS_MAX 64

/* The note's language as PX_LANG_NL or PX_LANG_FR, -1 when not (yet) known:
 * suggestions prefer it. */
static int note_lang(const ctx *c)
{
	const char *l = c->n ? c->n->lang.s : NULL;
	return !l ? -1 : !strcmp(l, "nl") ? PX_LANG_NL : !strcmp(l, "fr") ? PX_LANG_FR : -1;
}

static const char *suggest_code(ctx *c, const char *tag)
{
	if (c->hints >= HINTS_MAX)
		return NULL;
	c->hints++;
	return px_codebook_suggest_in(c->cb, tag, note_lang(c));
}

static void set_val(ctx *c, px_val *v, const yaml_node_t *node, const char *s, int line0)
{
	free(v->s);
	v->s = strdup(s);
	if (!v->s)
		c->oom = 1;
	v->line = px_yaml_line(node, line0);
	v->col = px_yaml_col(node);
}

static void err_at(ctx *c, const yaml_node_t *node, const char *rule, px_msgid msg, ...);
static void check_value(ctx *c, const yaml_node_t *node, const char *key, const char *s);

static void err_at(ctx *c, const yaml_node_t *node, const char *rule, px_msgid msg, ...)
{
	va_list ap;

	va_start(ap, msg);
	px_diag_vadd(c->d, c->path, px_yaml_line(node, c->line0), px_yaml_col(node),
		     PX_SEV_ERROR, rule, msg, ap);
	va_end(ap);
}

/* A whole number as a reader sees it: 4, or "4" in quotes (YAML makes
 * that a text, but nobody means a text by it). */
static int parse_int(const yaml_node_t *node, int lo, int hi, int *out)
{
	long v;

	if (px_whole_number(px_yaml_str(node), lo, hi, &v) < 0)
		return -1;
	*out = (int)v;
	return 0;
}

static int valid_id(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (!(islower((unsigned char)*s) || isdigit((unsigned char)*s) || *s == '-'))
			return 0;
	return 1;
}

static void read_list(ctx *c, const yaml_node_t *node, const char *key, px_vals *out)
{
	yaml_node_item_t *it;
	size_t n;

	if (node->type != YAML_SEQUENCE_NODE) {
		err_at(c, node, "invalid-value", MSG_NOT_LIST, key);
		return;
	}
	n = (size_t)(node->data.sequence.items.top - node->data.sequence.items.start);
	out->v = calloc(n ? n : 1, sizeof *out->v);
	if (!out->v) {
		c->oom = 1;
		return;
	}
	for (it = node->data.sequence.items.start; it < node->data.sequence.items.top; it++) {
		yaml_node_t *e = yaml_document_get_node(c->doc, *it);
		const char *s = px_yaml_str(e);
		if (!e)
			continue;
		if (!s) {
			err_at(c, e, "invalid-value", MSG_NOT_STRING_ITEM, key);
			continue;
		}
		set_val(c, &out->v[out->n], e, s, c->line0);
		if (out->v[out->n].s) /* else out of memory: the parse fails */
			out->n++;
		check_value(c, e, key, s);
	}
}

static void read_key(ctx *c, enum key k, yaml_node_t *v)
{
	px_note *n = c->n;
	const char *s = px_yaml_str(v);
	int y, m, d;

	switch (k) {
	case K_MODERATORS: read_list(c, v, key_names[k], &n->moderators); return;
	case K_METHODS: read_list(c, v, key_names[k], &n->methods); return;
	case K_THEMES: read_list(c, v, key_names[k], &n->themes); return;
	case K_ALLOW: read_list(c, v, key_names[k], &n->allow); return;
	default: break;
	}
	if (!s) {
		err_at(c, v, "invalid-value", MSG_NOT_SCALAR, key_names[k]);
		return;
	}
	check_value(c, v, key_names[k], s);
	switch (k) {
	case K_COMMUNITY:
		set_val(c, &n->community, v, s, c->line0);
		if (!valid_id(s))
			err_at(c, v, "invalid-value", MSG_BAD_COMMUNITY_ID, s);
		break;
	case K_CYCLE:
		set_val(c, &n->cycle, v, s, c->line0);
		if (px_cycle_parse(s, &n->cycle_year) < 0)
			err_at(c, v, "invalid-value", MSG_BAD_CYCLE, s);
		break;
	case K_SESSION:
		set_val(c, &n->session_v, v, s, c->line0);
		if (parse_int(v, PX_SESSION_MIN, PX_SESSION_MAX, &n->session) < 0) {
			n->session = 0;
			err_at(c, v, "invalid-value", MSG_BAD_INT, "session", PX_SESSION_MIN, PX_SESSION_MAX,
			       s);
		}
		break;
	case K_ATTENDANCE:
		set_val(c, &n->attendance_v, v, s, c->line0);
		if (parse_int(v, 0, 1000, &n->attendance) < 0) {
			n->attendance = -1;
			err_at(c, v, "invalid-value", MSG_BAD_INT, "attendance", 0, 1000, s);
		}
		break;
	case K_DATE:
		set_val(c, &n->date, v, s, c->line0);
		if (px_date_parse(s, &y, &m, &d) < 0)
			err_at(c, v, "invalid-value", MSG_BAD_DATE, s);
		break;
	case K_LANG:
		set_val(c, &n->lang, v, s, c->line0);
		if (strcmp(s, "nl") && strcmp(s, "fr"))
			err_at(c, v, "invalid-value", MSG_BAD_LANG, s);
		break;
	case K_AUTHOR:
		set_val(c, &n->author, v, s, c->line0);
		if (!*s)
			err_at(c, v, "invalid-value", MSG_EMPTY_VALUE, "author");
		break;
	case K_TITLE:
		set_val(c, &n->title, v, s, c->line0);
		/* `praxis new` writes title: "" for the lead to fill in */
		if (!s[strspn(s, " \t")])
			err_at(c, v, "invalid-value", MSG_EMPTY_TITLE);
		break;
	case K_SUMMARY: set_val(c, &n->summary, v, s, c->line0); break;
	default: break;
	}
}

static void check_date_in_cycle(ctx *c)
{
	px_note *n = c->n;
	int y, m, d;

	if (!n->date.s || !n->cycle_year || px_date_parse(n->date.s, &y, &m, &d) < 0)
		return;
	if (px_cycle_holds(n->cycle_year, y, m))
		return;
	px_diag_add(c->d, c->path, n->date.line, n->date.col, PX_SEV_ERROR, "date-outside-cycle",
		    MSG_DATE_OUTSIDE, n->date.s, n->cycle.s, n->cycle_year, n->cycle_year + 1);
}

static void check_methods_themes(ctx *c)
{
	px_note *n = c->n;
	size_t i;

	for (i = 0; i < n->methods.n; i++) {
		px_val *v = &n->methods.v[i];
		const px_method *m = px_codebook_resolve_method(c->cb, v->s);
		const char *hint;
		if (m) {
			/* written as a label or alias: the model keeps the id */
			char *id = strdup(m->id);
			if (id) {
				free(v->s);
				v->s = id;
			} else {
				c->oom = 1;
			}
			continue;
		}
		hint = px_codebook_suggest_method(c->cb, v->s, note_lang(c));
		if (hint)
			px_diag_add(c->d, c->path, v->line, v->col, PX_SEV_ERROR, "unknown-method",
				    MSG_UNKNOWN_METHOD_HINT, v->s, hint);
		else
			px_diag_add(c->d, c->path, v->line, v->col, PX_SEV_ERROR, "unknown-method",
				    MSG_UNKNOWN_METHOD, v->s);
	}
	n->theme_codes = calloc(n->themes.n ? n->themes.n : 1, sizeof *n->theme_codes);
	if (!n->theme_codes) {
		c->oom = 1;
		return;
	}
	for (i = 0; i < n->themes.n; i++) {
		px_val *v = &n->themes.v[i];
		const char *t = v->s[0] == '#' ? v->s + 1 : v->s;
		const px_code *code = px_codebook_resolve(c->cb, t, strlen(t));
		const char *hint;
		size_t k;
		if (code) {
			for (k = 0; k < n->ntheme_codes && n->theme_codes[k] != code; k++)
				;
			if (k == n->ntheme_codes)
				n->theme_codes[n->ntheme_codes++] = code;
			continue;
		}
		hint = suggest_code(c, t);
		if (hint)
			px_diag_add(c->d, c->path, v->line, v->col, PX_SEV_ERROR, "unknown-code",
				    MSG_UNKNOWN_CODE_HINT, t, hint);
		else
			px_diag_add(c->d, c->path, v->line, v->col, PX_SEV_ERROR, "unknown-code",
				    MSG_UNKNOWN_CODE, t);
	}
}

/* libyaml 0.2.5 takes more than quadratic time on nested flow
 * collections ("[[[[..." of 40,000 took 18 s). Their depth is bounded
 * by their number, which is counted without trying to follow quotes (a
 * scanner that did could be fooled into missing some): past
 * YAML_FLOW_MAX '[' and '{' the front matter is refused before libyaml
 * sees it. A front matter has a handful ([a, b] lists). 0, or -1 with an
 * error at the bracket. */
#define YAML_FLOW_MAX 64

static int check_yaml_bounds(ctx *c, const char *y, size_t len)
{
	size_t i, ls = 0;
	int line = c->line0, n = 0;

	for (i = 0; i < len; i++) {
		if (y[i] == '\n') {
			line++;
			ls = i + 1;
		} else if ((y[i] == '[' || y[i] == '{') && ++n > YAML_FLOW_MAX) {
			px_diag_add_at(c->d, c->path, line, i - ls, PX_SEV_ERROR, "too-deep",
				       MSG_YAML_TOO_DEEP, YAML_FLOW_MAX);
			return -1;
		}
	}
	return 0;
}

/* `themes: [#tijd, #overleg]` and `- #tijd`: the '#' a lead types by
 * habit starts a YAML comment, so libyaml sees an unclosed list or an
 * empty item. Found in the source of the themes key (a '#' where an item
 * starts: after '[', ',' or '- '), it is reported once at the first such
 * '#' with the list written right, and blanked (same length, so lines and
 * columns hold) so that the rest of the front matter is still read. */
static void themes_hash(ctx *c, char *y, size_t len)
{
	px_buf fix = PX_BUF_INIT, first = PX_BUF_INIT;
	size_t off = 0, at_off = 0, at_ls = 0;
	int line = 0, at_line = -1, in_themes = 0, flow = 0, item = 0;

	while (off < len) {
		size_t e = off, i;
		while (e < len && y[e] != '\n')
			e++;
		i = off;
		if (!in_themes && e - off >= 7 && !memcmp(y + off, "themes:", 7)) {
			in_themes = 1;
			i = off + 7;
			while (i < e && (y[i] == ' ' || y[i] == '\t'))
				i++;
			flow = i < e && y[i] == '[';
			if (flow)
				i++;
			else if (i < e && y[i] != '#')
				break; /* a single value: nothing to look for */
			item = flow;
		} else if (in_themes && !flow) {
			/* the block form: "- item" lines */
			while (i < e && y[i] == ' ')
				i++;
			if (i < e && y[i] != '-' && i == off)
				break; /* the next key */
			item = i < e && y[i] == '-';
			i = item ? i + 1 : e;
		} else if (!in_themes) {
			off = e + 1;
			line++;
			continue;
		}
		for (; i < e; i++) {
			char ch = y[i];
			if (ch == ' ' || ch == '\t')
				continue;
			if (item && ch != ',' && ch != ']') {
				/* an item starts: kept for the list as it should read */
				size_t st = ch == '#' ? i + 1 : i, w = st, t;
				while (w < e && !strchr(flow ? ",]#" : "#", y[w]))
					w++;
				for (t = w; t > st && (y[t - 1] == ' ' || y[t - 1] == '\t'); t--)
					;
				if (t > st)
					px_buf_printf(&fix, "%s%.*s", fix.len ? ", " : "", (int)(t - st),
						      y + st);
				item = 0;
				if (ch == '#') {
					if (at_line < 0) {
						size_t k = i + 1;
						while (k < e && !strchr(" \t,]#", y[k]))
							k++;
						at_line = line;
						at_off = i;
						at_ls = off;
						px_buf_put(&first, y + i, k - i);
					}
					y[i] = ' ';
				}
				i = w - 1;
				continue;
			}
			if (ch == '#')
				break; /* a real comment */
			if (flow && ch == ']') {
				in_themes = 0;
				break;
			}
			item = flow && ch == ',';
		}
		off = e + 1;
		line++;
		if (!in_themes)
			break;
	}
	if (at_line >= 0)
		px_diag_add_at(c->d, c->path, c->line0 + at_line, at_off - at_ls, PX_SEV_ERROR,
			       "yaml-comment", MSG_THEMES_HASH, first.ptr, fix.ptr);
	px_buf_free(&fix);
	px_buf_free(&first);
}

static void parse_front_matter(ctx *c, const char *yaml, size_t ylen)
{
	yaml_document_t doc;
	yaml_node_t *root;
	yaml_node_pair_t *pair;
	int seen[K_COUNT] = { 0 };
	int k;

	if (check_yaml_bounds(c, yaml, ylen) < 0 ||
	    px_yaml_load(&doc, yaml, ylen, c->path, c->line0, c->d) < 0)
		return; /* the syntax error is reported; required keys would only add noise */
	c->doc = &doc;
	/* every value as libyaml decoded it, for the privacy guard */
	if (!c->no_shown && px_yaml_shown(&c->n->shown, &c->n->nshown, &c->shown_cap, &doc,
					  c->src, c->len, &c->lines, c->line0) < 0)
		c->n->shown_incomplete = 1;
	root = yaml_document_get_root_node(&doc);
	if (root && root->type != YAML_MAPPING_NODE) {
		err_at(c, root, "front-matter", MSG_FM_NOT_MAP);
		goto done;
	}
	for (pair = root ? root->data.mapping.pairs.start : NULL;
	     root && pair < root->data.mapping.pairs.top; pair++) {
		yaml_node_t *kn = yaml_document_get_node(&doc, pair->key);
		yaml_node_t *vn = yaml_document_get_node(&doc, pair->value);
		const char *key = px_yaml_str(kn);
		int found = -1;

		if (!kn || !vn)
			continue;
		if (!key) {
			err_at(c, kn, "unknown-key", MSG_UNKNOWN_KEY, "?");
			continue;
		}
		for (k = 0; k < K_COUNT; k++)
			if (!strcmp(key, key_names[k]))
				found = k;
		if (found < 0) {
			const char *hint = px_suggest(key, key_names, K_COUNT);
			if (hint)
				err_at(c, kn, "unknown-key", MSG_UNKNOWN_KEY_HINT, key, hint);
			else
				err_at(c, kn, "unknown-key", MSG_UNKNOWN_KEY, key);
			continue;
		}
		if (seen[found]++) {
			err_at(c, kn, "duplicate-key", MSG_DUP_KEY, key);
			continue;
		}
		read_key(c, (enum key)found, vn);
	}
	for (k = 0; k < K_COUNT; k++)
		if (key_required[k] && !seen[k])
			px_diag_add(c->d, c->path, 1, 1, PX_SEV_ERROR, "missing-key",
				    MSG_MISSING_KEY, key_names[k]);
	check_date_in_cycle(c);
	check_methods_themes(c);
done:
	c->doc = NULL;
	yaml_document_delete(&doc);
}

/* ------------------------------------------------------------- bounds */

/* cmark-gfm 0.29.0.gfm.6 takes quadratic time on some inputs (deep
 * container nesting followed by many lines, GHSA-66g8-4hjf-77xh; rows
 * with many cells, CVE-2023-37463; many "www." in one word). A body is
 * scanned for them in linear time before the parser sees it, and one
 * that goes past a bound of note.h is refused with an error at the line. */

/* An upper bound of the container nesting (block quotes and list items)
 * on a line, without parsing: each '>' and list marker of the line's
 * prefix opens or continues one level; indentation continues at most one
 * list level per two columns, and never more than were open (`open`).
 * *where: the offset where the bound first passes `max`, else len. */
static int line_depth(const char *s, size_t len, int open, int max, size_t *where)
{
	size_t i = 0, ws = 0;
	int marks = 0, depth = 0;

	*where = len;
	while (i < len) {
		size_t j = i;
		if (s[i] == ' ' || s[i] == '\t') {
			ws += s[i] == '\t' ? 4 : 1;
			i++;
			continue;
		}
		if (s[i] == '>') {
			j = i + 1;
		} else if (s[i] == '-' || s[i] == '+' || s[i] == '*') {
			j = i + 1;
		} else {
			while (j < len && j - i < 9 && s[j] >= '0' && s[j] <= '9')
				j++;
			if (j == i || j == len || (s[j] != '.' && s[j] != ')'))
				break;
			j++;
		}
		if (s[i] != '>' && j < len && s[j] != ' ' && s[j] != '\t')
			break; /* "-x", "1.5": text, not a marker */
		marks++;
		depth = marks + (int)(ws / 2 < (size_t)open ? ws / 2 : (size_t)open);
		if (depth > max && *where == len)
			*where = i;
		i = j;
	}
	depth = marks + (int)(ws / 2 < (size_t)open ? ws / 2 : (size_t)open);
	if (depth > max && *where == len)
		*where = i < len ? i : 0;
	return depth;
}

static int domain_char(unsigned char ch)
{
	return isalnum(ch) || ch == '.' || ch == '-' || ch == '_' || ch >= 0x80;
}

/* Checks body[0..blen) (which starts on line `line`) against the bounds;
 * 0, or -1 with one error at the first place that passes one. */
static int check_bounds(ctx *c, const char *body, size_t blen, int line)
{
	size_t off = 0;
	int open = 0;

	while (off < blen) {
		const char *s = body + off;
		const char *nl = memchr(s, '\n', blen - off);
		size_t len = nl ? (size_t)(nl - s) : blen - off, i, where;
		size_t pipes = 0, www = 0;
		int depth;

		if (len > (size_t)PX_NOTE_LINE_MAX) {
			px_diag_add_at(c->d, c->path, line, (size_t)PX_NOTE_LINE_MAX, PX_SEV_ERROR,
				       "line-too-long", MSG_LINE_TOO_LONG, PX_NOTE_LINE_MAX >> 10);
			return -1;
		}
		depth = line_depth(s, len, open, PX_NOTE_NEST_MAX, &where);
		if (depth > PX_NOTE_NEST_MAX) {
			px_diag_add_at(c->d, c->path, line, where, PX_SEV_ERROR, "too-deep",
				       MSG_TOO_DEEP, PX_NOTE_NEST_MAX);
			return -1;
		}
		if (depth > open)
			open = depth;
		for (i = 0; i < len; i++) {
			unsigned char ch = (unsigned char)s[i];
			if (ch == '|' && ++pipes > (size_t)PX_NOTE_COLS_MAX + 1) {
				px_diag_add_at(c->d, c->path, line, i, PX_SEV_ERROR, "table-too-wide",
					       MSG_TABLE_TOO_WIDE, PX_NOTE_COLS_MAX + 1, PX_NOTE_COLS_MAX);
				return -1;
			}
			if (!domain_char(ch)) {
				www = 0;
			} else if ((ch | 0x20) == 'w' && len - i >= 4 && (s[i + 1] | 0x20) == 'w' &&
				   (s[i + 2] | 0x20) == 'w' && s[i + 3] == '.' &&
				   ++www > (size_t)PX_NOTE_WWW_MAX) {
				px_diag_add_at(c->d, c->path, line, i, PX_SEV_ERROR, "autolink-run",
					       MSG_WWW_RUN, PX_NOTE_WWW_MAX);
				return -1;
			}
		}
		off += len + 1;
		line++;
	}
	return 0;
}

/* The parsed tree must not be deeper than PX_NOTE_TREE_MAX (nested
 * emphasis and links parse in linear time, but a page of the site or a
 * report embeds the tree in XML, whose parser stops at 256 levels, and
 * the stylesheets recurse over it). 0, or -1 with an error at the node
 * that goes past it. */
static int check_tree_depth(ctx *c, cmark_node *doc)
{
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	int depth = 0, rc = 0;

	while (it && (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		if (!cmark_node_first_child(n))
			continue; /* a leaf, or an empty container: no deeper */
		if (ev == CMARK_EVENT_EXIT) {
			depth--;
			continue;
		}
		if (++depth > PX_NOTE_TREE_MAX) {
			int col = cmark_node_get_start_column(n);
			px_diag_add_at(c->d, c->path, cmark_node_get_start_line(n) + c->n->body_line - 1,
				       col > 0 ? (size_t)col - 1 : 0, PX_SEV_ERROR, "markup-too-deep",
				       MSG_TREE_TOO_DEEP, PX_NOTE_TREE_MAX);
			rc = -1;
			break;
		}
	}
	cmark_iter_free(it);
	return rc;
}

/* ------------------------------------------------------------- the body */

typedef struct {
	size_t start, end;
} range;

typedef struct {
	px_buf text;
	range *r;       /* byte ranges of `text` where hashtags count */
	size_t nr, cap;
	int muted;      /* >0 inside autolinks, images, headings, code */
	ctx *c;         /* NULL: no map is kept */
	px_srcmap map;  /* where each byte of `text` is in the note's source */
	size_t cursor;  /* the source offset the next text is looked for at */
	int oom;        /* text or a range could not be kept */
} collector;

#define COLLECTOR_INIT(c) { PX_BUF_INIT, NULL, 0, 0, 0, (c), PX_SRCMAP_INIT, 0, 0 }

/* U+000B and U+000C, the line and page breaks word processors paste,
 * are line breaks in the note model (check warns about them). */
static void normalise_breaks(char *s, size_t len)
{
	for (; len; s++, len--)
		if (*s == '\v' || *s == '\f')
			*s = '\n';
}

/* A note's own HTML is dropped everywhere, except a line break:
 * <br>, <br/>, <br /> in any case. */
static int is_br(const char *html)
{
	if (!html || html[0] != '<' || (html[1] | 0x20) != 'b' || (html[2] | 0x20) != 'r')
		return 0;
	html += 3;
	while (*html == ' ' || *html == '\t' || *html == '\n')
		html++;
	if (*html == '/')
		html++;
	return html[0] == '>' && !html[1];
}

static void add_text(collector *k, const char *s, int eligible)
{
	size_t start = k->text.len;

	if (!s || !*s)
		return;
	if (px_buf_puts(&k->text, s) < 0) {
		k->map.oom = 1; /* the guard says it could not read all */
		k->oom = 1;
	}
	normalise_breaks(k->text.ptr + start, k->text.len - start);
	if (k->c)
		px_srcmap_align(&k->map, start, k->text.ptr + start, k->text.len - start,
				k->c->src, &k->cursor, k->c->len);
	if (!eligible || k->muted)
		return;
	if (k->nr && k->r[k->nr - 1].end == start) {
		k->r[k->nr - 1].end = k->text.len;
		return;
	}
	if (k->nr == k->cap) {
		size_t cap = k->cap ? k->cap * 2 : 8;
		range *p = realloc(k->r, cap * sizeof *p);
		if (!p) {
			k->oom = 1;
			return;
		}
		k->r = p;
		k->cap = cap;
	}
	k->r[k->nr].start = start;
	k->r[k->nr].end = k->text.len;
	k->nr++;
}

static void separate(collector *k, const char *sep)
{
	if (k->text.len && k->text.ptr[k->text.len - 1] != '\n')
		add_text(k, sep, 0);
}

static int is_type(cmark_node *n, const char *t)
{
	return !strcmp(cmark_node_get_type_string(n), t);
}

static int is_autolink(cmark_node *link)
{
	cmark_node *ch = cmark_node_first_child(link);
	const char *url = cmark_node_get_url(link), *lit;

	if (!ch || cmark_node_next(ch) || cmark_node_get_type(ch) != CMARK_NODE_TEXT || !url)
		return 0;
	lit = cmark_node_get_literal(ch);
	if (!lit)
		return 0;
	if (!strcmp(url, lit))
		return 1;
	if (!strncmp(url, "mailto:", 7) && !strcmp(url + 7, lit))
		return 1;
	if (!strncmp(url, "http://", 7) && !strcmp(url + 7, lit))
		return 1;
	return 0;
}

/* Where a node starts in the note's source, from cmark's source
 * positions (relative to the body; a node without them keeps the
 * cursor where the text before it ended). */
static void node_cursor(collector *k, cmark_node *n)
{
	const ctx *c = k->c;
	int line = cmark_node_get_start_line(n), col = cmark_node_get_start_column(n);
	size_t off;

	if (line <= 0 || col <= 0)
		return;
	if (line == 1)
		off = c->body_off;
	else
		off = px_lines_offset(&c->lines, line + c->n->body_line - 1);
	off += (size_t)col - 1;
	if (off <= c->len)
		k->cursor = off;
}

static void keep_shown_text(ctx *c, const char *t, size_t from);

/* A link's or image's destination and title are not part of the text,
 * but the site and the reports show them: the privacy guard sees them
 * as decoded, from the link's place on. */
static void keep_url(collector *k, cmark_node *n)
{
	if (!k->c)
		return;
	keep_shown_text(k->c, cmark_node_get_url(n), k->cursor);
	keep_shown_text(k->c, cmark_node_get_title(n), k->cursor);
}

/* Collects the plain text of `root`. With `own_only`, nested lists, block
 * quotes and tables are left out (they are segments of their own). */
static void collect(collector *k, cmark_node *root, int own_only)
{
	cmark_iter *it = cmark_iter_new(root);
	cmark_event_type ev;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		cmark_node_type t = cmark_node_get_type(n);
		int enter = ev == CMARK_EVENT_ENTER;

		if (enter && k->c)
			node_cursor(k, n);
		if (n != root && own_only && enter &&
		    (t == CMARK_NODE_LIST || t == CMARK_NODE_BLOCK_QUOTE || is_type(n, "table"))) {
			cmark_iter_reset(it, n, CMARK_EVENT_EXIT);
			continue;
		}
		switch (t) {
		case CMARK_NODE_TEXT:
			add_text(k, cmark_node_get_literal(n), 1);
			break;
		case CMARK_NODE_CODE:
		case CMARK_NODE_CODE_BLOCK:
			/* what the lead wrote, kept as text (and escaped on output) */
			if (t == CMARK_NODE_CODE_BLOCK)
				separate(k, "\n");
			add_text(k, cmark_node_get_literal(n), 0);
			break;
		case CMARK_NODE_HTML_INLINE:
			/* a note's own HTML: <br> is a line break, the rest is dropped */
			if (is_br(cmark_node_get_literal(n)))
				add_text(k, "\n", 0);
			break;
		case CMARK_NODE_SOFTBREAK:
			add_text(k, " ", 1);
			break;
		case CMARK_NODE_LINEBREAK:
			add_text(k, "\n", 0);
			break;
		case CMARK_NODE_LINK:
			if (enter && !is_autolink(n)) /* an autolink's is its text */
				keep_url(k, n);
			if (is_autolink(n))
				k->muted += enter ? 1 : -1;
			break;
		case CMARK_NODE_IMAGE:
		case CMARK_NODE_HEADING:
			if (enter && t == CMARK_NODE_IMAGE)
				keep_url(k, n);
			if (enter && t == CMARK_NODE_HEADING)
				separate(k, "\n");
			k->muted += enter ? 1 : -1;
			break;
		case CMARK_NODE_PARAGRAPH:
		case CMARK_NODE_ITEM:
			if (enter)
				separate(k, "\n");
			break;
		default:
			if (enter && is_type(n, "table_cell") && cmark_node_previous(n))
				add_text(k, " | ", 0);
			else if (enter && is_type(n, "table_row"))
				separate(k, "\n");
			break;
		}
	}
	cmark_iter_free(it);
	/* trim trailing newlines */
	while (k->text.len && k->text.ptr[k->text.len - 1] == '\n')
		px_buf_truncate(&k->text, k->text.len - 1);
	if (k->nr && k->r[k->nr - 1].end > k->text.len)
		k->r[k->nr - 1].end = k->text.len;
}

static int tag_char(const char *s, size_t len)
{
	return *s == '-' || *s == '_' || *s == '.' || px_utf8_is_alnum(s, len);
}

/* Start of the code point before offset i. */
static size_t prev_cp(const char *s, size_t i)
{
	do
		i--;
	while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80);
	return i;
}

static int tag_boundary_before(const char *s, size_t i)
{
	size_t p;

	if (i == 0)
		return 1;
	p = prev_cp(s, i);
	if (strchr("/#&@_-.=?:+", s[p]) && (unsigned char)s[p] < 0x80)
		return 0;
	return !px_utf8_is_alnum(s + p, i - p);
}

/* Finds "#tag" in the source from *cursor on, as a whole word; returns
 * the offset of '#' or (size_t)-1. */
static size_t find_in_source(const ctx *c, size_t *cursor, size_t limit, const char *tag, size_t tl)
{
	size_t i = *cursor;

	while (i + tl < limit) {
		const char *p = memchr(c->src + i, '#', limit - i);
		size_t at, after;
		if (!p)
			break;
		at = (size_t)(p - c->src);
		after = at + 1 + tl;
		if (after <= limit && !memcmp(c->src + at + 1, tag, tl) &&
		    tag_boundary_before(c->src, at) &&
		    (after == c->len || !tag_char(c->src + after, c->len - after) ||
		     (c->src[after] == '.' && (after + 1 == c->len ||
					       !tag_char(c->src + after + 1, c->len - after - 1))))) {
			*cursor = after;
			return at;
		}
		i = at + 1;
	}
	return (size_t)-1;
}

static int line_of(const ctx *c, size_t off, size_t *line_start)
{
	int line = px_lines_find(&c->lines, off);

	*line_start = px_lines_offset(&c->lines, line);
	return line;
}

static void add_code(px_segment *s, const px_code *code)
{
	size_t i;

	for (i = 0; i < s->ncodes; i++)
		if (s->codes[i] == code)
			return;
	s->codes[s->ncodes++] = code;
}

/* Finds the next hashtag in t[i..end) by the note model's rules; sets
 * *at and *stop around "#tag" (trailing '.', '-', '_' excluded). */
static int next_tag(const char *t, size_t i, size_t end, size_t *at, size_t *stop)
{
	while (i < end) {
		size_t j;
		if (t[i] != '#' || !tag_boundary_before(t, i)) {
			i++;
			continue;
		}
		j = i + 1;
		if (j >= end || !px_utf8_is_alnum(t + j, end - j) || (t[j] >= '0' && t[j] <= '9')) {
			i++;
			continue;
		}
		while (j < end && tag_char(t + j, end - j))
			j += px_utf8_next(t + j, end - j);
		while (j > i + 1 && strchr(".-_", t[j - 1]))
			j--;
		*at = i;
		*stop = j;
		return 1;
	}
	return 0;
}

/* Where hashtags are in the source, as line and character column,
 * found in linear time: the tags of a segment come in source order, so
 * each column is counted on from the previous one on the same line, and
 * after a few tags that are not in the source (written as entities) the
 * rest are not looked for. */
typedef struct {
	size_t cursor, limit;
	int line;       /* line of the last tag found, 0: none */
	size_t at, col; /* its offset and 0-based character column */
	int misses;
} tag_locator;

#define TAG_MISSES_MAX 16

static void locate_tag(ctx *c, tag_locator *l, const char *tag, size_t tl, int *line, int *col)
{
	size_t at = (size_t)-1, ls;
	int ln;

	if (l->misses < TAG_MISSES_MAX) {
		at = find_in_source(c, &l->cursor, l->limit, tag, tl);
		if (at == (size_t)-1)
			l->misses++;
	}
	if (at == (size_t)-1) {
		*line = 0;
		*col = -1;
		return;
	}
	ln = line_of(c, at, &ls);
	if (ln == l->line && at >= l->at)
		l->col += px_utf8_width(c->src + l->at, at - l->at);
	else
		l->col = px_utf8_width(c->src + ls, at - ls);
	l->line = ln;
	l->at = at;
	*line = ln;
	*col = (int)l->col;
}

static void scan_tags(ctx *c, px_segment *seg, const collector *k)
{
	const char *t = k->text.ptr;
	tag_locator loc;
	size_t r, cap = 0;

	memset(&loc, 0, sizeof loc);
	loc.cursor = px_lines_offset(&c->lines, seg->first_line);
	loc.limit = px_lines_offset(&c->lines, seg->last_line + 1);
	for (r = 0; r < k->nr; r++) {
		size_t i = k->r[r].start, end = k->r[r].end, j;
		while (next_tag(t, i, end, &i, &j)) {
			size_t tl;
			const px_code *code;
			char *tag;
			int line, col;

			tl = j - i - 1;
			tag = strndup(t + i + 1, tl);
			i = j;
			if (!tag) {
				c->oom = 1;
				return;
			}
			locate_tag(c, &loc, tag, tl, &line, &col);
			if (col < 0)
				line = seg->first_line;
			code = px_codebook_resolve(c->cb, tag, tl);
			if (!code) {
				const char *hint = suggest_code(c, tag);
				px_buf a = PX_BUF_INIT, b = PX_BUF_INIT;
				px_buf_printf(&a, "#%s", tag);
				if (hint)
					px_buf_printf(&b, "#%s", hint);
				/* col is in characters already: px_diag_add, not _at */
				px_diag_add(c->d, c->path, line, col + 1, PX_SEV_ERROR, "unknown-code",
					    hint ? MSG_UNKNOWN_CODE_HINT : MSG_UNKNOWN_CODE, a.ptr, b.ptr);
				px_buf_free(&a);
				px_buf_free(&b);
				free(tag);
				continue;
			}
			if (seg->ntags == cap) {
				size_t nc = cap ? cap * 2 : 4;
				px_tag *p = realloc(seg->tags, nc * sizeof *p);
				const px_code **q = realloc(seg->codes, nc * sizeof *q);
				if (p)
					seg->tags = p;
				if (q)
					seg->codes = q;
				if (!p || !q) {
					free(tag);
					c->oom = 1;
					return;
				}
				cap = nc;
			}
			seg->tags[seg->ntags].code = code;
			seg->tags[seg->ntags].tag = tag;
			seg->tags[seg->ntags].line = line;
			seg->tags[seg->ntags].col = col + 1;
			seg->ntags++;
			add_code(seg, code);
		}
	}
}

/* ---------------------------------------------- table rows cut short */

static cmark_parser *new_parser(void);

/* Offsets in line[0..len) of the '|' that separate a GFM table row's
 * cells, as cmark-gfm splits them: every '|' not escaped by '\', also
 * inside a code span. The leading and trailing pipes are left out.
 * Returns how many separators there are (up to max). */
static size_t row_pipes(const char *line, size_t len, size_t *at, size_t max)
{
	size_t i = 0, n = 0, end = len;

	while (i < len && (line[i] == ' ' || line[i] == '\t'))
		i++;
	if (i < len && line[i] == '|')
		i++;
	while (end > i && (line[end - 1] == ' ' || line[end - 1] == '\t' || line[end - 1] == '\r'))
		end--;
	if (end > i && line[end - 1] == '|' && !(end >= 2 && line[end - 2] == '\\'))
		end--;
	for (; i < end && n < max; i++) {
		if (line[i] == '\\') {
			i++;
			continue;
		}
		if (line[i] == '|')
			at[n++] = i;
	}
	return n;
}

/* cmark-gfm drops the cells of a row beyond its header's columns (a '|'
 * in a code span starts a new cell). The note model drops nothing: check
 * warns at the first such '|', and the text of the dropped cells is kept
 * as the end of the row's text, where its hashtags code the row. */
static void add_piece(collector *k, const char *s, size_t len, int eligible)
{
	char *t = strndup(s, len);

	if (!t)
		k->oom = 1;
	add_text(k, t, eligible);
	free(t);
}

static void keep_dropped_cells(ctx *c, cmark_node *row, collector *k)
{
	cmark_node *table = cmark_node_parent(row);
	size_t at[256], np, off, end, i;
	int ncols, line;
	px_buf rest = PX_BUF_INIT;
	cmark_parser *p;
	cmark_node *doc;

	if (!table || !is_type(table, "table"))
		return;
	ncols = cmark_gfm_extensions_get_table_columns(table);
	line = cmark_node_get_start_line(row) + c->n->body_line - 1;
	off = px_lines_offset(&c->lines, line);
	if (ncols <= 0 || off >= c->len)
		return;
	end = off;
	while (end < c->len && c->src[end] != '\n')
		end++;
	np = row_pipes(c->src + off, end - off, at, sizeof at / sizeof *at);
	if (np < (size_t)ncols)
		return;
	px_diag_add_at(c->d, c->path, line, at[ncols - 1], PX_SEV_WARNING, "table-cells",
		       MSG_TABLE_CELLS, (int)np + 1, ncols);
	/* the dropped cells, their separators made the row's " | " */
	for (i = (size_t)ncols - 1; i < np; i++) {
		size_t from = at[i] + 1, to = i + 1 < np ? at[i + 1] : end - off;
		const char *cell = c->src + off + from;
		size_t cl = to - from;
		if (i + 1 == np) { /* the last: without its trailing pipe */
			while (cl && strchr(" \t\r", cell[cl - 1]))
				cl--;
			if (cl && cell[cl - 1] == '|' && !(cl >= 2 && cell[cl - 2] == '\\'))
				cl--;
		}
		if (rest.len)
			px_buf_puts(&rest, " | ");
		px_buf_put(&rest, cell, cl);
	}
	/* read as the inline Markdown it is */
	p = new_parser();
	if (!p || px_buf_failed(&rest)) {
		k->oom = 1;
		cmark_parser_free(p);
		goto done;
	}
	cmark_parser_feed(p, rest.ptr, rest.len);
	doc = cmark_parser_finish(p);
	if (doc) {
		collector k2 = COLLECTOR_INIT(NULL);
		size_t pos = 0, r;
		collect(&k2, doc, 0);
		add_text(k, " | ", 0);
		/* appended with the same ranges where hashtags count */
		for (r = 0; r <= k2.nr; r++) {
			size_t st = r < k2.nr ? k2.r[r].start : k2.text.len;
			if (st > pos)
				add_piece(k, k2.text.ptr + pos, st - pos, 0);
			if (r < k2.nr) {
				add_piece(k, k2.text.ptr + st, k2.r[r].end - st, 1);
				pos = k2.r[r].end;
			}
		}
		if (k2.oom || px_buf_failed(&k2.text))
			k->oom = 1;
		px_buf_free(&k2.text);
		free(k2.r);
		cmark_node_free(doc);
	}
	cmark_parser_free(p);
done:
	px_buf_free(&rest);
}

static void keep_shown_text(ctx *c, const char *t, size_t from)
{
	px_srcmap map = PX_SRCMAP_INIT;
	size_t tl = t ? strlen(t) : 0;

	if (!tl)
		return;
	px_srcmap_align(&map, 0, t, tl, c->src, &from, c->len);
	if (px_shown_push(&c->n->shown, &c->n->nshown, &c->shown_cap, t, tl, &map) < 0)
		c->n->shown_incomplete = 1;
	px_srcmap_free(&map);
}

/* The text as the note stores and shows it, for the privacy guard. */
static void keep_shown(ctx *c, collector *k)
{
	px_note *n = c->n;

	if (!k->text.len || c->no_shown)
		return;
	if (px_shown_push(&n->shown, &n->nshown, &c->shown_cap, k->text.ptr, k->text.len,
			  &k->map) < 0)
		n->shown_incomplete = 1;
}

typedef struct {
	ctx *c;
	char *heading[HEADING_LEVELS];
	size_t cap;
	size_t hcap;
	long head; /* the innermost heading so far, -1: none */
} walker;

static char *heading_path(walker *w)
{
	px_buf b = PX_BUF_INIT;
	int i;

	for (i = 0; i < HEADING_LEVELS; i++) {
		if (!w->heading[i])
			continue;
		if (b.len)
			px_buf_puts(&b, " > ");
		px_buf_puts(&b, w->heading[i]);
	}
	return px_buf_detach(&b);
}

static void add_segment(walker *w, cmark_node *node, px_seg_kind kind, int own_only, int task)
{
	ctx *c = w->c;
	px_note *n = c->n;
	collector k = COLLECTOR_INIT(c->no_shown ? NULL : c);
	px_segment *s;

	collect(&k, node, own_only);
	if (kind == PX_SEG_ROW)
		keep_dropped_cells(c, node, &k);
	keep_shown(c, &k);
	if (k.oom || px_buf_failed(&k.text)) {
		c->oom = 1;
		goto done;
	}
	if (!k.text.len && task < 0)
		goto done;
	if (n->nsegs == w->cap) {
		size_t cap = w->cap ? w->cap * 2 : 32;
		px_segment *p = realloc(n->segs, cap * sizeof *p);
		if (!p) {
			c->oom = 1; /* never a segment dropped in silence */
			goto done;
		}
		n->segs = p;
		w->cap = cap;
	}
	s = &n->segs[n->nsegs++];
	memset(s, 0, sizeof *s);
	s->kind = kind;
	s->task = task;
	s->heading = heading_path(w);
	s->head = w->head;
	s->first_line = cmark_node_get_start_line(node) + n->body_line - 1;
	s->last_line = cmark_node_get_end_line(node) + n->body_line - 1;
	if (s->last_line < s->first_line)
		s->last_line = s->first_line;
	scan_tags(c, s, &k);
	s->text = px_buf_detach(&k.text);
	if (!s->heading || !s->text)
		c->oom = 1;
done:
	px_buf_free(&k.text);
	px_srcmap_free(&k.map);
	free(k.r);
}

/* The one way a note's body is parsed: CommonMark with the GFM table,
 * tasklist, strikethrough and autolink extensions, source positions on. */
static cmark_parser *new_parser(void)
{
	static const char *const exts[] = { "table", "tasklist", "strikethrough", "autolink" };
	cmark_parser *p = cmark_parser_new(CMARK_OPT_SOURCEPOS | CMARK_OPT_FOOTNOTES);
	size_t i;

	for (i = 0; p && i < sizeof exts / sizeof *exts; i++) {
		cmark_syntax_extension *e = cmark_find_syntax_extension(exts[i]);
		if (e)
			cmark_parser_attach_syntax_extension(p, e);
	}
	return p;
}

/* An HTML block is not part of the note's text (doc/check.md): its
 * content would be lost without a word, so check says so. A comment
 * (the guidance `praxis new` writes) is meant to be left out. */
static void warn_html_block(ctx *c, cmark_node *n)
{
	const char *lit = cmark_node_get_literal(n);

	if (!lit)
		return;
	lit += strspn(lit, " \t");
	if (!strncmp(lit, "<!--", 4))
		return;
	px_diag_add(c->d, c->path, cmark_node_get_start_line(n) + c->n->body_line - 1, 1,
		    PX_SEV_WARNING, "raw-html", MSG_HTML_BLOCK);
}

static void walk_body(ctx *c, const char *body, size_t blen)
{
	cmark_parser *p = new_parser();
	cmark_node *doc = NULL;
	cmark_iter *it = NULL;
	cmark_event_type ev;
	walker w;
	size_t i;

	memset(&w, 0, sizeof w);
	w.c = c;
	w.head = -1;
	if (check_bounds(c, body, blen, c->n->body_line) < 0) {
		c->n->body_refused = 1;
		cmark_parser_free(p);
		return;
	}
	if (!p) {
		c->oom = 1;
		return;
	}
	cmark_parser_feed(p, body, blen);
	doc = cmark_parser_finish(p);
	if (!doc) {
		c->oom = 1;
		goto cleanup;
	}
	if (check_tree_depth(c, doc) < 0) {
		c->n->body_refused = 1;
		goto cleanup;
	}
	it = cmark_iter_new(doc);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		cmark_node_type t = cmark_node_get_type(n);
		cmark_node *parent;

		if (ev != CMARK_EVENT_ENTER)
			continue;
		switch (t) {
		case CMARK_NODE_HEADING: {
			int level = cmark_node_get_heading_level(n), l;
			collector k = COLLECTOR_INIT(c->no_shown ? NULL : c);
			collect(&k, n, 0);
			keep_shown(c, &k);
			if (k.oom || px_buf_failed(&k.text))
				c->oom = 1;
			px_srcmap_free(&k.map);
			for (l = level - 1; l < HEADING_LEVELS; l++) {
				free(w.heading[l]);
				w.heading[l] = NULL;
			}
			w.heading[level - 1] = px_buf_detach(&k.text);
			if (!w.heading[level - 1])
				c->oom = 1;
			free(k.r);
			if (w.heading[level - 1] && c->n->nheadings == w.hcap) {
				size_t cap = w.hcap ? w.hcap * 2 : 16;
				px_heading *hp = realloc(c->n->headings, cap * sizeof *hp);
				if (!hp)
					c->oom = 1;
				else {
					c->n->headings = hp;
					w.hcap = cap;
				}
			}
			if (w.heading[level - 1] && c->n->nheadings < w.hcap) {
				px_heading *h = &c->n->headings[c->n->nheadings];
				h->text = strdup(w.heading[level - 1]);
				h->level = level;
				h->line = cmark_node_get_start_line(n) + c->n->body_line - 1;
				if (!h->text)
					c->oom = 1;
				else
					w.head = (long)c->n->nheadings++;
			}
			cmark_iter_reset(it, n, CMARK_EVENT_EXIT);
			break;
		}
		case CMARK_NODE_HTML_BLOCK:
			warn_html_block(c, n);
			break;
		case CMARK_NODE_BLOCK_QUOTE:
			add_segment(&w, n, PX_SEG_QUOTE, 0, -1);
			cmark_iter_reset(it, n, CMARK_EVENT_EXIT);
			break;
		case CMARK_NODE_ITEM:
			add_segment(&w, n, PX_SEG_ITEM, 1,
				    is_type(n, "tasklist") ?
				    (int)cmark_gfm_extensions_get_tasklist_item_checked(n) : -1);
			break;
		case CMARK_NODE_PARAGRAPH:
			parent = cmark_node_parent(n);
			if (!parent || cmark_node_get_type(parent) != CMARK_NODE_ITEM)
				add_segment(&w, n, PX_SEG_PARAGRAPH, 0, -1);
			cmark_iter_reset(it, n, CMARK_EVENT_EXIT);
			break;
		default:
			if (is_type(n, "table_row")) {
				if (!cmark_gfm_extensions_get_table_row_is_header(n))
					add_segment(&w, n, PX_SEG_ROW, 0, -1);
				cmark_iter_reset(it, n, CMARK_EVENT_EXIT);
			}
			break;
		}
	}
cleanup:
	for (i = 0; i < HEADING_LEVELS; i++)
		free(w.heading[i]);
	if (it) /* cmark's _free functions do not take NULL */
		cmark_iter_free(it);
	if (doc)
		cmark_node_free(doc);
	cmark_parser_free(p);
}

/* ------------------------------------------------ unsafe characters */

#define CTRL_SHOWN 100 /* diagnostics per note; the rest are counted */

static void report_char(ctx *c, int line, int col, px_char_kind k, unsigned long cp)
{
	px_diag_add(c->d, c->path, line, col, k == PX_CH_BREAK ? PX_SEV_WARNING : PX_SEV_ERROR,
		    "control-character",
		    k == PX_CH_BREAK ? MSG_CTRL_BREAK : k == PX_CH_NONCHAR ? MSG_NONCHAR : MSG_CTRL_CHAR,
		    cp);
}

/* Reports every control character and noncharacter of the note (text.h
 * says which) at its own line and column, front matter included. The
 * note is valid UTF-8 without NUL by now. */
static void check_chars(ctx *c, size_t from)
{
	const unsigned char *p = (const unsigned char *)c->src;
	size_t i = from, n, found = 0;
	unsigned long cp;
	int line = 1, col = 1;

	if (px_text_unsafe_at(c->src + from, c->len - from) == c->len - from)
		return;
	while (i < c->len) {
		px_char_kind k;

		if ((p[i] >= 0x20 && p[i] < 0x7F) || p[i] == '\t' || p[i] == '\r') {
			i++;
			col++;
			continue;
		}
		if (p[i] == '\n') {
			i++;
			line++;
			col = 1;
			continue;
		}
		k = px_char_at(c->src + i, c->len - i, &cp, &n);
		if (k != PX_CH_OK && k != PX_CH_INVALID && found++ < CTRL_SHOWN)
			report_char(c, line, col, k, cp);
		i += n;
		col++;
	}
	if (found > CTRL_SHOWN)
		px_diag_add(c->d, c->path, 0, 0, PX_SEV_ERROR, "control-character",
			    px_plural(MSG_CTRL_MORE_1, MSG_CTRL_MORE, (unsigned long)(found - CTRL_SHOWN)),
			    (unsigned long)(found - CTRL_SHOWN));
}

/* What libyaml reads: the front matter with its unsafe characters
 * replaced one for one (a break by a space, the others by U+FFFD), so
 * libyaml neither stops at them nor counts lines differently, and
 * check_chars has reported each where it is. */
static void yaml_input(px_buf *out, const char *y, size_t len)
{
	size_t i = 0, from = 0, n;
	unsigned long cp;

	while (i < len) {
		px_char_kind k;
		if ((unsigned char)y[i] >= 0x20 && (unsigned char)y[i] < 0x7F) {
			i++;
			continue;
		}
		k = px_char_at(y + i, len - i, &cp, &n);
		if (k == PX_CH_BREAK || k == PX_CH_CONTROL || k == PX_CH_NONCHAR) {
			px_buf_put(out, y + from, i - from);
			px_buf_puts(out, k == PX_CH_BREAK ? " " : "\xEF\xBF\xBD");
			from = i + n;
		}
		i += n;
	}
	px_buf_put(out, y + from, len - from);
}

/* A value can still hold such a character through a YAML escape
 * ("\e", "\x0b"): reported at the value. */
static void check_value(ctx *c, const yaml_node_t *node, const char *key, const char *s)
{
	/* the value's own length: "\0" decodes to a NUL inside it */
	size_t len = node->type == YAML_SCALAR_NODE ? node->data.scalar.length : strlen(s);
	size_t at = px_text_unsafe_at(s, len), n;
	unsigned long cp;
	px_char_kind k;

	if (at == len)
		return;
	k = px_char_at(s + at, len - at, &cp, &n);
	px_diag_add(c->d, c->path, px_yaml_line(node, c->line0), px_yaml_col(node),
		    k == PX_CH_BREAK ? PX_SEV_WARNING : PX_SEV_ERROR, "control-character",
		    MSG_CTRL_VALUE, key, cp);
}

/* --------------------------------------------------------------- entry */

static int line_is(const char *s, size_t len, const char *word)
{
	size_t wl = strlen(word);

	if (len < wl || memcmp(s, word, wl))
		return 0;
	for (s += wl, len -= wl; len; s++, len--)
		if (*s != ' ' && *s != '\t' && *s != '\r')
			return 0;
	return 1;
}

/* How many of the `len` bytes at `s` are white space; `s` need not be
 * terminated (strspn would read past its end). */
static size_t blank_span(const char *s, size_t len)
{
	size_t i = 0;

	while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n'))
		i++;
	return i;
}

static size_t line_end(const char *s, size_t len, size_t off)
{
	const char *nl = memchr(s + off, '\n', len - off);
	return nl ? (size_t)(nl - s) : len;
}

static int parse(px_note **out, const char *path, const char *src, size_t len,
		 const px_codebook *cb, const px_note_opts *o, px_diag *d, int body_only)
{
	ctx c;
	px_note *n = NULL;
	size_t bad, off, e, fm_start, fm_end = 0;
	int line, closed = 0;

	*out = NULL;
	memset(&c, 0, sizeof c);
	c.path = path;
	c.src = src;
	c.len = len;
	c.cb = cb;
	c.d = d;
	c.no_shown = o && !o->shown;
	px_diag_source(d, path, src, len);

	if (len > PX_NOTE_MAX) {
		px_diag_add(d, path, 1, 1, PX_SEV_ERROR, "too-large", MSG_TOO_LARGE,
			    (int)(PX_NOTE_MAX >> 20));
		return -1;
	}
	if (px_lines_build(&c.lines, src, len) < 0) {
		px_diag_add(d, path, 0, 0, PX_SEV_ERROR, "out-of-memory", MSG_NOTE_OOM);
		return -1;
	}
	{
		const char *nul = memchr(src, '\0', len);
		if (nul) {
			size_t ls;
			line = line_of(&c, (size_t)(nul - src), &ls);
			px_diag_add_at(d, path, line, (size_t)(nul - src) - ls, PX_SEV_ERROR, "binary",
				       MSG_BINARY);
			goto fail;
		}
	}
	bad = px_utf8_invalid_at(src, len);
	if (bad < len) {
		size_t ls;
		line = line_of(&c, bad, &ls);
		px_diag_add(d, path, line, (int)px_utf8_width(src + ls, bad - ls) + 1, PX_SEV_ERROR,
			    "encoding", MSG_ENCODING, (unsigned char)src[bad]);
		goto fail;
	}
	off = 0;
	if (len >= 3 && !memcmp(src, "\xEF\xBB\xBF", 3))
		off = 3;
	check_chars(&c, off);
	if (body_only) {
		n = calloc(1, sizeof *n);
		if (!n)
			goto oom;
		n->path = strdup(path);
		n->attendance = -1;
		n->body_line = 1;
		c.n = n;
		c.body_off = off;
		walk_body(&c, src + off, len - off);
		goto done;
	}
	if (blank_span(src + off, len - off) == len - off) {
		px_diag_add(d, path, 1, 1, PX_SEV_ERROR, "empty", MSG_EMPTY);
		goto fail;
	}
	e = line_end(src, len, off);
	if (!line_is(src + off, e - off, "---")) {
		px_diag_add(d, path, 1, 1, PX_SEV_ERROR, "front-matter", MSG_FM_MISSING);
		goto fail;
	}
	fm_start = e < len ? e + 1 : len;
	line = 2;
	for (off = fm_start; off < len; line++) {
		e = line_end(src, len, off);
		if (line_is(src + off, e - off, "---") || line_is(src + off, e - off, "...")) {
			fm_end = off;
			closed = 1;
			off = e < len ? e + 1 : len;
			break;
		}
		off = e < len ? e + 1 : len;
	}
	if (!closed) {
		px_diag_add(d, path, 1, 1, PX_SEV_ERROR, "front-matter", MSG_FM_UNCLOSED);
		goto fail;
	}

	n = calloc(1, sizeof *n);
	if (!n)
		goto oom;
	n->path = strdup(path);
	n->attendance = -1;
	n->body_line = line + 1;
	c.n = n;
	c.line0 = 2;
	c.body_off = off;
	{
		px_buf fm = PX_BUF_INIT;
		yaml_input(&fm, src + fm_start, fm_end - fm_start);
		if (px_buf_failed(&fm))
			c.oom = 1;
		else {
			themes_hash(&c, fm.ptr, fm.len);
			parse_front_matter(&c, fm.ptr, fm.len);
		}
		px_buf_free(&fm);
	}
	if (!o || o->body)
		walk_body(&c, src + off, len - off);
done:
	/* out of memory anywhere: the parse fails, with its reason, rather
	 * than return a note with something missing */
	if (!n->path || c.oom)
		goto oom;
	*out = n;
	px_lines_free(&c.lines);
	return 0;
oom:
	px_diag_add(d, path, 0, 0, PX_SEV_ERROR, "out-of-memory", MSG_NOTE_OOM);
	px_note_free(n);
fail:
	px_lines_free(&c.lines);
	return -1;
}

int px_note_parse(px_note **out, const char *path, const char *src, size_t len,
		  const px_codebook *cb, px_diag *d)
{
	return parse(out, path, src, len, cb, NULL, d, 0);
}

int px_note_parse_opts(px_note **out, const char *path, const char *src, size_t len,
		       const px_codebook *cb, const px_note_opts *o, px_diag *d)
{
	return parse(out, path, src, len, cb, o, d, 0);
}

int px_note_parse_body(px_note **out, const char *path, const char *src, size_t len,
		       const px_codebook *cb, px_diag *d)
{
	return parse(out, path, src, len, cb, NULL, d, 1);
}

char *px_text_without_tags(const char *text)
{
	px_buf b = PX_BUF_INIT;
	size_t i = 0, len = strlen(text), at, stop;

	while (next_tag(text, i, len, &at, &stop)) {
		px_buf_put(&b, text + i, at - i);
		/* "zin. #tijd #temps" keeps "zin." */
		if (stop == len || text[stop] == ' ' || text[stop] == '\n' || text[stop] == '.')
			while (b.len && b.ptr[b.len - 1] == ' ')
				px_buf_truncate(&b, b.len - 1);
		i = stop;
	}
	px_buf_puts(&b, text + i);
	while (b.len && strchr(" \n", b.ptr[b.len - 1]))
		px_buf_truncate(&b, b.len - 1);
	return px_buf_detach(&b);
}

/* Splits the text node `n` around its known hashtags, each becoming a
 * custom inline node whose on_enter is the code id. */
static int link_tags(cmark_node *n, const px_codebook *cb)
{
	const char *lit = cmark_node_get_literal(n);
	char *t = lit ? strdup(lit) : NULL;
	size_t len = t ? strlen(t) : 0, from = 0, at, stop;

	if (lit && !t)
		return -1;

	while (t && next_tag(t, from, len, &at, &stop)) {
		const px_code *code = px_codebook_resolve(cb, t + at + 1, stop - at - 1);
		cmark_node *before, *tag, *label;
		char *piece;

		if (!code) {
			from = stop;
			continue;
		}
		piece = strndup(t, at);
		if (!piece) {
			free(t);
			return -1;
		}
		before = cmark_node_new(CMARK_NODE_TEXT);
		cmark_node_set_literal(before, piece);
		free(piece);
		tag = cmark_node_new(CMARK_NODE_CUSTOM_INLINE);
		cmark_node_set_on_enter(tag, code->id);
		cmark_node_set_on_exit(tag, "");
		label = cmark_node_new(CMARK_NODE_TEXT);
		piece = strndup(t + at, stop - at);
		if (!piece) {
			cmark_node_free(before);
			cmark_node_free(tag);
			cmark_node_free(label);
			free(t);
			return -1;
		}
		cmark_node_set_literal(label, piece);
		free(piece);
		cmark_node_append_child(tag, label);
		/* some containers (table cells) accept no custom node: the tag
		 * stays text there */
		if (!cmark_node_insert_before(n, tag)) {
			cmark_node_free(tag);
			cmark_node_free(before);
			from = stop;
			continue;
		}
		cmark_node_insert_before(tag, before);
		memmove(t, t + stop, len - stop + 1);
		len -= stop;
		from = 0;
	}
	if (t)
		cmark_node_set_literal(n, t);
	free(t);
	return 0;
}

/* Replaces an inline <br> by the line break it means. */
static void br_to_linebreak(cmark_node *html)
{
	cmark_node *br = cmark_node_new(CMARK_NODE_LINEBREAK);

	if (br && cmark_node_insert_before(html, br))
		cmark_node_free(html);
	else
		cmark_node_free(br);
}

int px_note_body_xml(const px_note *n, const char *src, size_t len, const px_codebook *cb,
		     px_buf *out)
{
	cmark_parser *p = new_parser();
	cmark_node *doc = NULL;
	cmark_iter *it;
	cmark_event_type ev;
	px_lines lines = { NULL, 0, 0 };
	char *xml = NULL, *start;
	size_t off;
	int muted = 0, oom = 0, rc = -1;

	if (!p || px_lines_build(&lines, src, len) < 0)
		goto cleanup;
	if (n->body_refused) {
		/* past a bound (check_bounds): the body is not shown */
		px_buf_puts(out, "<document xmlns=\"http://commonmark.org/xml/1.0\"/>");
		rc = 0;
		goto cleanup;
	}
	off = px_lines_offset(&lines, n->body_line);
	cmark_parser_feed(p, src + off, len - off);
	doc = cmark_parser_finish(p);
	if (!doc)
		goto cleanup;
	/* collect first: splitting nodes while iterating would confuse the walk */
	it = cmark_iter_new(doc);
	{
		cmark_node **texts = NULL;
		size_t nt = 0, cap = 0, i;
		while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
			cmark_node *node = cmark_iter_get_node(it);
			cmark_node_type type = cmark_node_get_type(node);
			if (type == CMARK_NODE_HEADING || type == CMARK_NODE_IMAGE ||
			    (type == CMARK_NODE_LINK && is_autolink(node)))
				muted += ev == CMARK_EVENT_ENTER ? 1 : -1;
			if (type == CMARK_NODE_HTML_INLINE && !is_br(cmark_node_get_literal(node)))
				continue;
			if (type != CMARK_NODE_HTML_INLINE &&
			    (type != CMARK_NODE_TEXT || muted || !strchr(cmark_node_get_literal(node), '#')))
				continue;
			if (nt == cap) {
				cmark_node **q = realloc(texts, (cap = cap ? cap * 2 : 16) * sizeof *q);
				if (!q) {
					oom = 1;
					break;
				}
				texts = q;
			}
			texts[nt++] = node;
		}
		cmark_iter_free(it);
		for (i = 0; i < nt && !oom; i++)
			if (cmark_node_get_type(texts[i]) == CMARK_NODE_HTML_INLINE)
				br_to_linebreak(texts[i]);
			else if (link_tags(texts[i], cb) < 0)
				oom = 1;
		free(texts);
		if (oom)
			goto cleanup;
	}
	xml = cmark_render_xml(doc, CMARK_OPT_SOURCEPOS);
	if (!xml)
		goto cleanup;
	/* drop the XML declaration and the DOCTYPE: the caller embeds it */
	start = strstr(xml, "<document");
	/* cmark-gfm escapes markup but passes control characters through */
	if (start)
		px_buf_xml_text(out, start, strlen(start), 0);
	rc = px_buf_failed(out) ? -1 : 0;
cleanup:
	free(xml);
	px_lines_free(&lines);
	if (doc) /* cmark_node_free(NULL) crashes */
		cmark_node_free(doc);
	cmark_parser_free(p);
	return rc;
}

static void free_val(px_val *v) { free(v->s); }

static void free_vals(px_vals *v)
{
	size_t i;

	for (i = 0; i < v->n; i++)
		free(v->v[i].s);
	free(v->v);
}

void px_note_free(px_note *n)
{
	size_t i, k;

	if (!n)
		return;
	free(n->path);
	free_val(&n->community);
	free_val(&n->cycle);
	free_val(&n->date);
	free_val(&n->lang);
	free_val(&n->author);
	free_val(&n->title);
	free_val(&n->summary);
	free_val(&n->session_v);
	free_val(&n->attendance_v);
	free_vals(&n->moderators);
	free_vals(&n->methods);
	free_vals(&n->themes);
	free_vals(&n->allow);
	free(n->theme_codes);
	for (i = 0; i < n->nsegs; i++) {
		px_segment *s = &n->segs[i];
		for (k = 0; k < s->ntags; k++)
			free(s->tags[k].tag);
		free(s->tags);
		free(s->codes);
		free(s->heading);
		free(s->text);
	}
	free(n->segs);
	for (i = 0; i < n->nheadings; i++)
		free(n->headings[i].text);
	free(n->headings);
	px_shown_free(n->shown, n->nshown);
	free(n);
}
