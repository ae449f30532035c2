/*
 * brief.h - what a community's moderators want before its next session,
 * as XML data (schema/brief.rng), gathered from the index at HEAD.
 */
#ifndef PX_BRIEF_H
#define PX_BRIEF_H

#include "buf.h"
#include "diag.h"
#include "index.h"

/* Appends the brief of `community` (its latest cycle), written for
 * `lang` ("nl" or "fr"), to `out`. Returns 0, 1 when the community has
 * no committed notes, -1 on error. */
int px_brief_xml(px_index *ix, const px_community *community, const char *lang, px_buf *out,
		 px_diag *d);

/* The brief's JSON (doc/json.md, "brief") from its XML data `xml`,
 * appended to `out` through the one JSON writer. Returns 0, or -1 with a
 * diagnostic. */
int px_brief_json(const px_buf *xml, px_buf *out, px_diag *d);

#endif
