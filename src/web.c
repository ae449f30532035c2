/*
 * web.c - the request helpers of web.h (the server's side: serve.c).
 */
#include "web.h"

#include <string.h>

const char *px_web_arg(const px_web_request *rq, const char *name)
{
	size_t i;

	for (i = 0; i < rq->nparams; i++)
		if (!strcmp(rq->params[i].name, name))
			return rq->params[i].value;
	return NULL;
}
