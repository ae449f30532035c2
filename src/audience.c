#include "audience.h"

#include <stddef.h>

const char *const px_audience_names[] = {
	[PX_AUDIENCE_PUBLIC] = "public",
	[PX_AUDIENCE_INTERNAL] = "internal",
	[PX_AUDIENCE_INTERNAL + 1] = NULL,
};
