/*
 * json.h - the one JSON writer (RFC 8259), as git's json-writer.h: the
 * writer tracks nesting and commas; callers say what comes next.
 *
 *     px_json j;
 *     px_json_init(&j, &out);
 *     px_json_object(&j);
 *     px_json_key(&j, "codes"); px_json_array(&j);
 *     ...
 *     px_json_end(&j);  // the array
 *     px_json_end(&j);  // the object
 *
 * Layout, the same for every command: each element of an array and each
 * member of the outermost object starts a line, indented by its depth;
 * objects inside arrays stay on one line, arrays inside them included,
 * so a listing can be read (and grepped) one record per line. Strings go through px_buf_json_str
 * (control characters and noncharacters escaped). Errors are the
 * buffer's (buf.h). Nesting deeper than PX_JSON_DEPTH is a programming
 * error: the writer marks the buffer failed (px_buf_failed), so its
 * consumer refuses the document instead of printing a broken one.
 */
#ifndef PX_JSON_H
#define PX_JSON_H

#include "buf.h"

#define PX_JSON_DEPTH 16

typedef struct {
	px_buf *out;
	int depth;
	unsigned char first[PX_JSON_DEPTH]; /* nothing written yet at this depth */
	unsigned char array[PX_JSON_DEPTH];
	unsigned char inline_[PX_JSON_DEPTH]; /* inside a record: on its line */
	int after_key; /* a key was written: the value follows it */
} px_json;

void px_json_init(px_json *j, px_buf *out);
/* Open a container as the next value. */
void px_json_object(px_json *j);
void px_json_array(px_json *j);
/* Close the innermost container; closing the outermost ends the document
 * with a newline. */
void px_json_end(px_json *j);
/* The next member's key, inside an object. */
void px_json_key(px_json *j, const char *key);
/* Values; px_json_str(NULL) writes null. */
void px_json_str(px_json *j, const char *s);
void px_json_int(px_json *j, long long v);
/* A number with `decimals` digits after the point (never NaN: 0). */
void px_json_num(px_json *j, double v, int decimals);
void px_json_bool(px_json *j, int v);
void px_json_null(px_json *j);

/* key + value in one call */
void px_json_kstr(px_json *j, const char *key, const char *s);
void px_json_kint(px_json *j, const char *key, long long v);
void px_json_knum(px_json *j, const char *key, double v, int decimals);
void px_json_kbool(px_json *j, const char *key, int v);
/* key + {"nl": v[0], "fr": v[1]}: a text in the two content languages,
 * indexed as px_lang (PX_LANG_NL, PX_LANG_FR) */
void px_json_kbilingual(px_json *j, const char *key, char *const *v);

#endif
