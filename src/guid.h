/*
 * guid.h - the stable GUIDs of a REFI-QDA export (qda.h).
 *
 * A GUID is a name-based UUID, version 5 (SHA-1, RFC 4122 §4.3, computed
 * by libuuid), of "KIND:KEY" under praxis' own namespace UUID
 * PX_GUID_NAMESPACE: the same thing always gets the same GUID, in every
 * export of every knowledge base (doc/refi-qda.md lists the kinds):
 *
 *     char g[PX_GUID_LEN + 1];
 *     px_guid(g, "code", "role.openness");
 */
#ifndef PX_GUID_H
#define PX_GUID_H

/* Chosen once (a random version 4 UUID); never change it: every GUID of
 * every export depends on it. */
#define PX_GUID_NAMESPACE "a5692344-a936-4292-b188-7ab9be219618"
#define PX_GUID_LEN 36

/* The GUID of `kind`:`key` as 36 upper-case characters 8-4-4-4-12 and a
 * NUL in out: 0, or -1 when memory ran out (out is "" then). */
int px_guid(char out[PX_GUID_LEN + 1], const char *kind, const char *key);

/* Whether `s` is a GUID in either form the schemas allow (braces or
 * not), and whether it names kind:key (case and braces ignored). */
int px_guid_is(const char *s, const char *kind, const char *key);

#endif
