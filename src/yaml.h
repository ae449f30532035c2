/*
 * yaml.h - reading YAML (front matter, communities.yaml) with libyaml.
 *
 * px_yaml_load parses a whole document tree and turns libyaml's errors
 * into diagnostics at the right file line (yaml line 0 is file line
 * `line0`). Nodes are borrowed from the document; yaml_document_delete
 * frees them all.
 */
#ifndef PX_YAML_H
#define PX_YAML_H

#include <stddef.h>
#include <yaml.h>

#include "diag.h"
#include "srcmap.h"

int px_yaml_load(yaml_document_t *doc, const char *src, size_t len, const char *file,
		 int line0, px_diag *d);

/* The scalar's text, or NULL if `n` is not a scalar. */
const char *px_yaml_str(const yaml_node_t *n);
/* True for a plain (unquoted) scalar. */
int px_yaml_plain(const yaml_node_t *n);
int px_yaml_line(const yaml_node_t *n, int line0);
int px_yaml_col(const yaml_node_t *n);
/* Appends every scalar of `doc` (keys and values) as libyaml decoded it
 * to the array *v (*n used, *cap allocated), each with a map to the
 * bytes of `src`, the text the document was read from: YAML line 0 is
 * line `line0` of `lines` (built over src/len). Returns 0, or -1 when
 * memory ran out (then some scalars are missing). */
int px_yaml_shown(px_shown **v, size_t *n, size_t *cap, yaml_document_t *doc, const char *src,
		  size_t len, const px_lines *lines, int line0);

/* The value under `key` in mapping `map`, or NULL. */
yaml_node_t *px_yaml_get(yaml_document_t *doc, yaml_node_t *map, const char *key);

#endif
