#include "yaml.h"

#include <string.h>

#include "fold.h"

/* libyaml speaks English only; its usual complaints get translations. */
static const struct {
	const char *problem;
	const char *nl, *fr, *en;
} problems[] = {
	{ "did not find expected ',' or ']'", "',' of ']' verwacht", "',' ou ']' attendu", "expected ',' or ']'" },
	{ "did not find expected ',' or '}'", "',' of '}' verwacht", "',' ou '}' attendu", "expected ',' or '}'" },
	{ "did not find expected key", "sleutel verwacht (controleer de inspringing)", "clé attendue (vérifiez l'indentation)", "expected a key (check the indentation)" },
	{ "mapping values are not allowed in this context", "hier mag geen ':' staan (zet de waarde tussen aanhalingstekens)", "':' n'est pas permis ici (mettez la valeur entre guillemets)", "':' is not allowed here (quote the value)" },
	{ "found character that cannot start any token", "teken dat hier niet mag staan (zet de waarde tussen aanhalingstekens)", "caractère interdit ici (mettez la valeur entre guillemets)", "a character that cannot start a value (quote the value)" },
	{ "found unexpected end of stream", "onverwacht einde (een aanhalingsteken of haakje wordt niet gesloten)", "fin inattendue (un guillemet ou un crochet n'est pas fermé)", "unexpected end (a quote or bracket is never closed)" },
	{ "could not find expected ':'", "':' verwacht", "':' attendu", "expected ':'" },
	{ "did not find expected node content", "waarde verwacht", "valeur attendue", "expected a value" },
	{ "block sequence entries are not allowed in this context", "hier mag geen lijstelement ('-') staan", "un élément de liste ('-') n'est pas permis ici", "a list item ('-') is not allowed here" },
	{ "found a tab character that violates indentation", "tab in de inspringing: gebruik spaties", "tabulation dans l'indentation : utilisez des espaces", "a tab in the indentation: use spaces" },
	{ "found a tab character where an indentation space is expected", "tab in de inspringing: gebruik spaties", "tabulation dans l'indentation : utilisez des espaces", "a tab in the indentation: use spaces" },
	{ "found unknown escape character", "onbekende escape-reeks", "séquence d'échappement inconnue", "unknown escape sequence" },
	{ "found undefined tag handle", "onbekende tag", "étiquette inconnue", "unknown tag" },
	{ "found undefined alias", "onbekende alias", "alias inconnu", "unknown alias" },
};

static const char *translate(const char *problem)
{
	size_t i;
	px_lang l = px_ui_lang();

	for (i = 0; problem && i < sizeof problems / sizeof *problems; i++)
		if (!strcmp(problem, problems[i].problem))
			return l == PX_LANG_NL ? problems[i].nl : l == PX_LANG_FR ? problems[i].fr : problems[i].en;
	return problem ? problem : "?";
}

int px_yaml_load(yaml_document_t *doc, const char *src, size_t len, const char *file,
		 int line0, px_diag *d)
{
	yaml_parser_t p;
	int ok;

	if (!yaml_parser_initialize(&p))
		return -1;
	yaml_parser_set_input_string(&p, (const unsigned char *)src, len);
	yaml_parser_set_encoding(&p, YAML_UTF8_ENCODING);
	ok = yaml_parser_load(&p, doc);
	if (!ok) {
		yaml_mark_t m = p.problem_mark;
		if (p.error == YAML_MEMORY_ERROR)
			px_diag_add(d, file, 0, 0, PX_SEV_ERROR, "yaml-syntax", MSG_OOM);
		else
			px_diag_add(d, file, line0 + (int)m.line, (int)m.column + 1, PX_SEV_ERROR,
				    "yaml-syntax", MSG_YAML, translate(p.problem));
	}
	yaml_parser_delete(&p);
	return ok ? 0 : -1;
}

const char *px_yaml_str(const yaml_node_t *n)
{
	return n && n->type == YAML_SCALAR_NODE ? (const char *)n->data.scalar.value : NULL;
}

int px_yaml_plain(const yaml_node_t *n)
{
	return n && n->type == YAML_SCALAR_NODE && n->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
}

int px_yaml_line(const yaml_node_t *n, int line0)
{
	return line0 + (int)n->start_mark.line;
}

int px_yaml_col(const yaml_node_t *n)
{
	return (int)n->start_mark.column + 1;
}

yaml_node_t *px_yaml_get(yaml_document_t *doc, yaml_node_t *map, const char *key)
{
	yaml_node_pair_t *pair;

	if (!map || map->type != YAML_MAPPING_NODE)
		return NULL;
	for (pair = map->data.mapping.pairs.start; pair < map->data.mapping.pairs.top; pair++) {
		const char *k = px_yaml_str(yaml_document_get_node(doc, pair->key));
		if (k && !strcmp(k, key))
			return yaml_document_get_node(doc, pair->value);
	}
	return NULL;
}

/* The byte offset in src of a libyaml mark (0-based line and column;
 * the column counts characters). */
static size_t mark_offset(const yaml_mark_t *m, const char *src, size_t len,
			  const px_lines *lines, int line0)
{
	size_t off = px_lines_offset(lines, line0 + (int)m->line), k;

	for (k = 0; k < m->column && off < len && src[off] != '\n'; k++)
		off += px_utf8_next(src + off, len - off);
	return off < len ? off : len;
}

int px_yaml_shown(px_shown **v, size_t *n, size_t *cap, yaml_document_t *doc, const char *src,
		  size_t len, const px_lines *lines, int line0)
{
	yaml_node_t *node;
	int rc = 0;

	for (node = doc->nodes.start; node < doc->nodes.top; node++) {
		px_srcmap map = PX_SRCMAP_INIT;
		const char *val = px_yaml_str(node);
		size_t vl, from, to;

		/* a value's own length: "\0" decodes to a NUL inside it */
		if (!val || !(vl = node->data.scalar.length))
			continue;
		from = mark_offset(&node->start_mark, src, len, lines, line0);
		to = mark_offset(&node->end_mark, src, len, lines, line0);
		if (to <= from)
			to = len;
		px_srcmap_align(&map, 0, val, vl, src, &from, to);
		if (px_shown_push(v, n, cap, val, vl, &map) < 0)
			rc = -1;
		px_srcmap_free(&map);
	}
	return rc;
}
