/*
 * guid.c - name-based (version 5) UUIDs through libuuid.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <uuid/uuid.h>

#include "buf.h"
#include "guid.h"

int px_guid(char out[PX_GUID_LEN + 1], const char *kind, const char *key)
{
	uuid_t ns, u;
	px_buf name = PX_BUF_INIT;

	out[0] = '\0';
	px_buf_printf(&name, "%s:%s", kind, key);
	if (px_buf_failed(&name)) {
		px_buf_free(&name);
		return -1;
	}
	uuid_parse(PX_GUID_NAMESPACE, ns);
	uuid_generate_sha1(u, ns, name.ptr, name.len);
	uuid_unparse_upper(u, out);
	px_buf_free(&name);
	return 0;
}

int px_guid_is(const char *s, const char *kind, const char *key)
{
	char want[PX_GUID_LEN + 1];
	size_t len = strlen(s), i;

	if (len == PX_GUID_LEN + 2 && s[0] == '{' && s[len - 1] == '}') {
		s++;
		len -= 2;
	}
	if (len != PX_GUID_LEN)
		return 0;
	if (px_guid(want, kind, key) < 0)
		return 0;
	for (i = 0; i < PX_GUID_LEN; i++)
		if (toupper((unsigned char)s[i]) != want[i])
			return 0;
	return 1;
}
