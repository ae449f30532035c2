/*
 * data.h - where praxis finds its own files (schema/, xslt/, site/).
 *
 * In order: $PRAXIS_DATADIR; DIR/../share/praxis next to the executable
 * (an installed praxis); the executable's own directory (a build in the
 * source tree). px_data_path returns a malloc'd path or NULL.
 */
#ifndef PX_DATA_H
#define PX_DATA_H

char *px_data_path(const char *rel);

#endif
