#include "json.h"
#include "i18n.h"

#include <math.h>
#include <string.h>

void px_json_init(px_json *j, px_buf *out)
{
	memset(j, 0, sizeof *j);
	j->out = out;
	j->first[0] = 1;
}

static void indent(px_json *j, int depth)
{
	px_buf_putc(j->out, '\n');
	while (depth-- > 0)
		px_buf_putc(j->out, ' ');
}

/* Whether the members of the container at depth d start lines: the
 * outermost object's and an array's, unless it is inside a record (an
 * object inside an array), which stays on one line. */
static int breaks(const px_json *j, int d)
{
	return d == 1 || (j->array[d] && !j->inline_[d]);
}

/* Before a value (or a key): the separator and line break it needs. */
static void before(px_json *j)
{
	int d = j->depth;

	if (j->after_key) {
		j->after_key = 0;
		return;
	}
	if (d > 0 && !j->first[d])
		px_buf_putc(j->out, ',');
	if (d > 0 && breaks(j, d))
		indent(j, d);
	else if (d > 0 && !j->first[d])
		px_buf_putc(j->out, ' ');
	j->first[d] = 0;
}

static void open(px_json *j, char c, int array)
{
	if (j->depth + 1 >= PX_JSON_DEPTH) {
		/* a bug of the caller: fail the document, never write half of it */
		if (!j->out->err)
			j->out->err = PX_BUF_TOOBIG;
		return;
	}
	before(j);
	px_buf_putc(j->out, c);
	j->depth++;
	j->first[j->depth] = 1;
	j->array[j->depth] = (unsigned char)array;
	j->inline_[j->depth] = (unsigned char)(j->inline_[j->depth - 1] ||
					      (!array && j->depth > 1 && j->array[j->depth - 1]));
}

void px_json_object(px_json *j) { open(j, '{', 0); }
void px_json_array(px_json *j) { open(j, '[', 1); }

void px_json_end(px_json *j)
{
	int d = j->depth;

	if (d <= 0)
		return;
	/* a container whose members started lines closes on its own line */
	if (!j->first[d] && breaks(j, d))
		indent(j, d - 1);
	px_buf_putc(j->out, j->array[d] ? ']' : '}');
	j->depth--;
	if (!j->depth)
		px_buf_putc(j->out, '\n');
}

void px_json_key(px_json *j, const char *key)
{
	before(j);
	px_buf_putc(j->out, '"');
	px_buf_json_str(j->out, key);
	px_buf_puts(j->out, "\": ");
	j->after_key = 1;
}

void px_json_str(px_json *j, const char *s)
{
	before(j);
	if (!s) {
		px_buf_puts(j->out, "null");
		return;
	}
	px_buf_putc(j->out, '"');
	px_buf_json_str(j->out, s);
	px_buf_putc(j->out, '"');
}

void px_json_int(px_json *j, long long v)
{
	before(j);
	px_buf_printf(j->out, "%lld", v);
}

void px_json_num(px_json *j, double v, int decimals)
{
	before(j);
	px_buf_printf(j->out, "%.*f", decimals, isfinite(v) ? v : 0.0);
}

void px_json_bool(px_json *j, int v)
{
	before(j);
	px_buf_puts(j->out, v ? "true" : "false");
}

void px_json_null(px_json *j)
{
	before(j);
	px_buf_puts(j->out, "null");
}

void px_json_kstr(px_json *j, const char *key, const char *s) { px_json_key(j, key); px_json_str(j, s); }
void px_json_kint(px_json *j, const char *key, long long v) { px_json_key(j, key); px_json_int(j, v); }
void px_json_knum(px_json *j, const char *key, double v, int decimals) { px_json_key(j, key); px_json_num(j, v, decimals); }
void px_json_kbool(px_json *j, const char *key, int v) { px_json_key(j, key); px_json_bool(j, v); }

_Static_assert(PX_LANG_NL == 0 && PX_LANG_FR == 1, "px_json_kbilingual indexes by px_lang");

void px_json_kbilingual(px_json *j, const char *key, char *const *v)
{
	px_json_key(j, key);
	px_json_object(j);
	px_json_kstr(j, "nl", v[0]);
	px_json_kstr(j, "fr", v[1]);
	px_json_end(j);
}
