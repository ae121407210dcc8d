/* Private to http.c and http_xfer.c: the state of the HTTP client and of
 * one request's transfer. Only with libcurl. */
#ifndef TROP_HTTP_PRIV_H
#define TROP_HTTP_PRIV_H

#include "hub.h"

#include <curl/curl.h>
#include <time.h>

#define MAX_HOPS 5
#define LINK_MAX 16384
#define POLL_MS 100

typedef struct xfer {
    CURL *easy;
    struct curl_slist *headers;
    char *url; /* the current URL (after redirects) */
    char range[48];
    unsigned tries, hops;
    uint64_t waited_ms;
    uint64_t due_ns;  /* when a delayed retry may start */
    uint64_t last_ns; /* when something was last received */
    uint64_t got;     /* body bytes accepted */
    uint64_t recv;    /* body bytes received, kept or not */
    size_t cap;
    char *link; /* Link header values, joined */
    size_t link_len;
    long status; /* of the answer being received */
    bool enough; /* a 200 to a range asked from 0: its start was kept */
    bool oversize, stalled, sink_failed, ignored_range;
    int delay_rc; /* why a retry was scheduled */
} xfer;

struct trop_http {
    CURLM *multi;
    trop_http_opts o;
    char *auth_header;
    pthread_t thread;
    bool started, stop;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    trop_http_req *queue; /* submitted, not yet taken by the thread (under mu) */
    /* owned by the driving thread */
    trop_http_req *active, *delayed;
    atomic_uint_fast64_t requests, bytes_in, bytes_out;
};

static inline uint64_t trop_now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

/* One attempt of r (http_xfer.c), on the driving thread: begins it at its
 * current URL (0, or TRO_ENOMEM), and handles its end (res: how libcurl
 * ended it): a redirect or a retry starts again, anything else completes
 * r. */
int trop_http_begin(trop_http *h, trop_http_req *r);
void trop_http_ended(trop_http *h, trop_http_req *r, CURLcode res);
/* Marks r done with rc and wakes its waiter. */
void trop_http_complete(trop_http *h, trop_http_req *r, int rc);
/* "scheme://host:port" of url in lower case, or NULL. Owned (free()). */
char *trop_http_origin(const char *url);

#endif
