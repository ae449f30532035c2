/*
 * audience.h - who an output is for.
 *
 * Public (the default of every command that publishes: report, site) is
 * what may leave the organisation: no note bodies, no follow-ups, no
 * file paths or line numbers, no code ids, no personal names (authors,
 * moderators), and only the quotes the analysts chose. Internal is the
 * evidence-rich version for the team, marked as internal on every page.
 */
#ifndef PX_AUDIENCE_H
#define PX_AUDIENCE_H

typedef enum { PX_AUDIENCE_PUBLIC, PX_AUDIENCE_INTERNAL } px_audience;

/* "public", "internal", NULL: the choices of --audience, in enum order
 * (px_opt_choice returns the index). */
extern const char *const px_audience_names[];

#endif
