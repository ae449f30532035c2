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
	/* the rest of what libyaml 0.2.5 can say (reader.c, scanner.c, parser.c, loader.c) */
	{ "did not find expected alphabetic or numeric character", "letter of cijfer verwacht (na '&', '*' of '!'; zet de waarde tussen aanhalingstekens)", "lettre ou chiffre attendu (après '&', '*' ou '!' ; mettez la valeur entre guillemets)", "expected a letter or digit (after '&', '*' or '!'; quote the value)" },
	{ "did not find the expected '>'", "'>' verwacht (zet de waarde tussen aanhalingstekens)", "'>' attendu (mettez la valeur entre guillemets)", "expected '>' (quote the value)" },
	{ "did not find expected hexdecimal number", "hexadecimaal cijfer verwacht na '\\x', '\\u' of '\\U'", "chiffre hexadécimal attendu après '\\x', '\\u' ou '\\U'", "expected a hexadecimal digit after '\\x', '\\u' or '\\U'" },
	{ "found invalid Unicode character escape code", "ongeldige Unicode-code na '\\u' of '\\U'", "code Unicode invalide après '\\u' ou '\\U'", "invalid Unicode code after '\\u' or '\\U'" },
	{ "did not find URI escaped octet", "'%' moet gevolgd worden door twee hexadecimale cijfers", "'%' doit être suivi de deux chiffres hexadécimaux", "'%' must be followed by two hexadecimal digits" },
	{ "found an incorrect leading UTF-8 octet", "ongeldige UTF-8 in een '%'-code", "UTF-8 invalide dans un code '%'", "invalid UTF-8 in a '%' code" },
	{ "found an incorrect trailing UTF-8 octet", "ongeldige UTF-8 in een '%'-code", "UTF-8 invalide dans un code '%'", "invalid UTF-8 in a '%' code" },
	{ "did not find expected tag URI", "tag verwacht na '!'", "étiquette attendue après '!'", "expected a tag after '!'" },
	{ "did not find expected '!'", "'!' verwacht", "'!' attendu", "expected '!'" },
	{ "did not find expected whitespace", "spatie verwacht", "espace attendue", "expected a space" },
	{ "did not find expected whitespace or line break", "spatie of regeleinde verwacht", "espace ou fin de ligne attendue", "expected a space or line break" },
	{ "did not find expected comment or line break", "regeleinde verwacht (of een opmerking met '#')", "fin de ligne attendue (ou un commentaire avec '#')", "expected a line break (or a comment with '#')" },
	{ "did not find expected '-' indicator", "lijstelement ('-') verwacht (controleer de inspringing)", "élément de liste ('-') attendu (vérifiez l'indentation)", "expected a list item ('-') (check the indentation)" },
	{ "did not find expected <document start>", "begin van het document ('---') verwacht", "début de document ('---') attendu", "expected the start of a document ('---')" },
	{ "did not find expected <stream-start>", "begin van de tekst verwacht", "début du texte attendu", "expected the start of the text" },
	{ "did not find expected directive name", "naam van een '%'-opdracht verwacht", "nom de directive '%' attendu", "expected the name of a '%' directive" },
	{ "did not find expected digit or '.' character", "cijfer of '.' verwacht in het versienummer", "chiffre ou '.' attendu dans le numéro de version", "expected a digit or '.' in the version number" },
	{ "did not find expected version number", "versienummer verwacht", "numéro de version attendu", "expected a version number" },
	{ "found extremely long version number", "versienummer is te lang", "numéro de version trop long", "the version number is too long" },
	{ "found unknown directive name", "onbekende '%'-opdracht", "directive '%' inconnue", "unknown '%' directive" },
	{ "found duplicate %YAML directive", "'%YAML' komt twee keer voor", "'%YAML' en double", "'%YAML' appears twice" },
	{ "found duplicate %TAG directive", "'%TAG' komt twee keer voor", "'%TAG' en double", "'%TAG' appears twice" },
	{ "found incompatible YAML document", "onbekende YAML-versie", "version YAML inconnue", "unknown YAML version" },
	{ "second occurrence", "anker ('&') komt twee keer voor", "ancre ('&') en double", "an anchor ('&') appears twice" }, /* the context: "found duplicate anchor; first occurrence" */
	{ "found duplicate anchor; first occurrence", "anker ('&') komt twee keer voor", "ancre ('&') en double", "an anchor ('&') appears twice" },
	{ "found unexpected ':'", "onverwachte ':' (zet de waarde tussen aanhalingstekens)", "':' inattendu (mettez la valeur entre guillemets)", "unexpected ':' (quote the value)" },
	{ "found unexpected document indicator", "'---' of '...' binnen een waarde tussen aanhalingstekens", "'---' ou '...' dans une valeur entre guillemets", "'---' or '...' inside a quoted value" },
	{ "found unexpected non-alphabetical character", "onverwacht teken (zet de waarde tussen aanhalingstekens)", "caractère inattendu (mettez la valeur entre guillemets)", "unexpected character (quote the value)" },
	{ "found an indentation indicator equal to 0", "inspringing 0 na '|' of '>' mag niet", "une indentation de 0 après '|' ou '>' n'est pas permise", "an indentation of 0 after '|' or '>' is not allowed" },
	{ "mapping keys are not allowed in this context", "hier mag geen sleutel ('?') staan", "une clé ('?') n'est pas permise ici", "a key ('?') is not allowed here" },
	{ "control characters are not allowed", "stuurtekens zijn niet toegestaan", "les caractères de contrôle ne sont pas permis", "control characters are not allowed" },
	{ "invalid leading UTF-8 octet", "ongeldige UTF-8", "UTF-8 invalide", "invalid UTF-8" },
	{ "invalid trailing UTF-8 octet", "ongeldige UTF-8", "UTF-8 invalide", "invalid UTF-8" },
	{ "invalid length of a UTF-8 sequence", "ongeldige UTF-8", "UTF-8 invalide", "invalid UTF-8" },
	{ "incomplete UTF-8 octet sequence", "onvolledige UTF-8", "UTF-8 incomplet", "incomplete UTF-8" },
	{ "invalid Unicode character", "ongeldig Unicode-teken", "caractère Unicode invalide", "invalid Unicode character" },
	{ "incomplete UTF-16 character", "onvolledige UTF-16", "UTF-16 incomplet", "incomplete UTF-16" },
	{ "incomplete UTF-16 surrogate pair", "onvolledige UTF-16", "UTF-16 incomplet", "incomplete UTF-16" },
	{ "unexpected low surrogate area", "ongeldige UTF-16", "UTF-16 invalide", "invalid UTF-16" },
	{ "input is too long", "de tekst is te lang", "le texte est trop long", "the text is too long" },
	{ "input error", "leesfout", "erreur de lecture", "read error" },
};

static const char *translate(const char *problem)
{
	size_t i;
	px_lang l = px_ui_lang();

	for (i = 0; problem && i < sizeof problems / sizeof *problems; i++)
		if (!strcmp(problem, problems[i].problem))
			return l == PX_LANG_NL ? problems[i].nl : l == PX_LANG_FR ? problems[i].fr : problems[i].en;
	return NULL;
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
		else if (translate(p.problem))
			px_diag_add(d, file, line0 + (int)m.line, (int)m.column + 1, PX_SEV_ERROR,
				    "yaml-syntax", MSG_YAML, translate(p.problem));
		else {
			/* never libyaml's English inside a translated sentence */
			px_diag_add(d, file, line0 + (int)m.line, (int)m.column + 1, PX_SEV_ERROR,
				    "yaml-syntax", MSG_YAML_OTHER);
			if (p.problem)
				px_diag_hint(d, MSG_YAML_DETAIL, p.problem);
		}
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
