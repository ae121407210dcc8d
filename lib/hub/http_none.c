/* The HTTP client of a library built without libcurl (configure
 * --without-curl): whatever needs the network says so; the caches are
 * still read. */
#include "hub.h"

#include <stdio.h>

int trop_http_new(trop_http **out, const trop_http_opts *o, char *why, size_t whysz)
{
    (void)o;
    *out = NULL;
    snprintf(why, whysz,
             "this trulyopen was built without libcurl (configure --without-curl): it cannot "
             "reach the Hugging Face Hub; only what its cache holds can be read "
             "(HF_HUB_OFFLINE=1)");
    return TRO_EUNSUPPORTED;
}

void trop_http_free(trop_http *h)
{
    (void)h;
}

void trop_http_start(trop_http *h, trop_http_req *r)
{
    (void)h;
    r->rc = TRO_EUNSUPPORTED;
    r->done = true;
}

int trop_http_wait(trop_http *h, trop_http_req *r)
{
    (void)h;
    return r->rc;
}

void trop_http_req_clear(trop_http_req *r)
{
    (void)r;
}

void trop_http_counts(trop_http *h, uint64_t *requests, uint64_t *in, uint64_t *out)
{
    (void)h;
    *requests = *in = *out = 0;
}
