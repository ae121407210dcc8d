/*
 * HTTP on libcurl's multi interface. One thread per client (started on the
 * first request) drives every transfer, so the requests of a release run
 * in parallel on shared connections, at most max_parallel at once, whichever
 * threads asked for them; callers block in trop_http_wait().
 *
 * What the network may do is bounded here, for every request:
 *   - bodies: a limit checked against Content-Length and while receiving;
 *     a range answer is cut at the length asked for;
 *   - time: a connect timeout, a stall timeout (nothing received for that
 *     long, checked by the driving thread), and a total timeout for
 *     bounded requests;
 *   - retries: answers 429 and 5xx, timeouts, refused or broken connections
 *     and truncated bodies are tried again, max_tries in all, after a wait
 *     doubled each time or given by Retry-After, max_wait_ms in all;
 *   - redirects are followed by hand, at most MAX_HOPS, only to http and
 *     https URLs; the Authorization header goes only to the endpoint's
 *     origin (scheme, host and port), never to a redirect's other host;
 *   - TLS peers and host names are always verified (libcurl's defaults,
 *     set again so that no option can turn them off).
 */
#include "hub.h"

#include <curl/curl.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
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

static uint64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

TROP_PRINTF(2, 3)
static void fail(trop_http_req *r, const char *fmt, ...)
{
    xfer *x = r->priv;
    int n = snprintf(r->err, sizeof r->err, "%s: ", x && x->url ? x->url : r->url);
    va_list ap;
    va_start(ap, fmt);
    if (n > 0 && (size_t)n < sizeof r->err)
        vsnprintf(r->err + n, sizeof r->err - (size_t)n, fmt, ap);
    va_end(ap);
}

/* ---- Callbacks (on the driving thread) ------------------------------------ */

static void copy_value(char *dst, size_t cap, const char *v, size_t n, bool unquote)
{
    while (n && (v[n - 1] == '\r' || v[n - 1] == '\n' || v[n - 1] == ' '))
        n--;
    if (unquote && n >= 2 && v[0] == 'W' && v[1] == '/') { /* a weak ETag */
        v += 2;
        n -= 2;
    }
    if (unquote && n >= 2 && v[0] == '"' && v[n - 1] == '"') {
        v++;
        n -= 2;
    }
    if (n >= cap)
        n = cap - 1;
    memcpy(dst, v, n);
    dst[n] = '\0';
}

static size_t on_header(char *p, size_t size, size_t nmemb, void *ud)
{
    trop_http_req *r = ud;
    xfer *x = r->priv;
    size_t n = size * nmemb;
    x->last_ns = now_ns();
    if (n >= 5 && !strncmp(p, "HTTP/", 5)) { /* a new answer: forget the last */
        r->etag[0] = r->linked_etag[0] = r->error_code[0] = '\0';
        x->link_len = 0;
        return n;
    }
    const char *colon = memchr(p, ':', n);
    if (!colon)
        return n;
    size_t k = (size_t)(colon - p);
    const char *v = colon + 1;
    size_t vn = n - k - 1;
    while (vn && (*v == ' ' || *v == '\t'))
        v++, vn--;
    if (k == 4 && !strncasecmp(p, "etag", 4))
        copy_value(r->etag, sizeof r->etag, v, vn, true);
    else if (k == 13 && !strncasecmp(p, "x-linked-etag", 13))
        copy_value(r->linked_etag, sizeof r->linked_etag, v, vn, true);
    else if (k == 12 && !strncasecmp(p, "x-error-code", 12))
        copy_value(r->error_code, sizeof r->error_code, v, vn, false);
    else if (k == 4 && !strncasecmp(p, "link", 4) && x->link_len + vn + 2 < LINK_MAX) {
        if (!x->link && !(x->link = malloc(LINK_MAX)))
            return 0;
        if (x->link_len)
            x->link[x->link_len++] = ',';
        memcpy(x->link + x->link_len, v, vn);
        x->link_len += vn;
        x->link[x->link_len] = '\0';
    } else if (k == 14 && !strncasecmp(p, "content-length", 14)) {
        unsigned long long cl = strtoull(v, NULL, 10);
        long st = 0;
        curl_easy_getinfo(x->easy, CURLINFO_RESPONSE_CODE, &st);
        if (st >= 200 && st < 300 && !r->range_len && cl > r->max_body) {
            x->oversize = true;
            return 0;
        }
    }
    return n;
}

/* Keeps n bytes of body (or hands them to the sink). */
static size_t keep(trop_http_req *r, xfer *x, const char *p, size_t n)
{
    if (r->sink) {
        if (r->sink->write(r->sink->ud, p, n)) {
            x->sink_failed = true;
            return 0;
        }
        x->got += n;
        return n;
    }
    if (x->got + n + 1 > x->cap) {
        size_t cap = x->cap ? x->cap : 16384;
        while (cap < x->got + n + 1)
            cap *= 2;
        char *b = realloc(r->body, cap);
        if (!b)
            return 0;
        r->body = b;
        x->cap = cap;
    }
    memcpy(r->body + x->got, p, n);
    x->got += n;
    r->body[x->got] = '\0';
    return n;
}

static size_t on_body(char *p, size_t size, size_t nmemb, void *ud)
{
    trop_http_req *r = ud;
    xfer *x = r->priv;
    size_t n = size * nmemb;
    x->last_ns = now_ns();
    x->recv += n;
    if (!x->status)
        curl_easy_getinfo(x->easy, CURLINFO_RESPONSE_CODE, &x->status);
    if (x->status < 200 || x->status >= 300)
        return n; /* the body of a redirect or an error: counted, not kept */
    uint64_t want = r->range_len ? r->range_len : r->max_body;
    if (r->range_len && x->status == 200 && r->range_off > 0) {
        x->ignored_range = true; /* the whole file from byte 0: not what was asked */
        return 0;
    }
    if (x->got + n > want) {
        if (!r->range_len) {
            x->oversize = true;
            return 0;
        }
        size_t part = (size_t)(want - x->got);
        if (part)
            keep(r, x, p, part);
        x->enough = true; /* cut at the length asked for */
        return 0;
    }
    return keep(r, x, p, n);
}

/* ---- One attempt ------------------------------------------------------------ */

/* "scheme://host:port" of url in lower case, or NULL. Owned (free()). */
static char *origin(const char *url)
{
    CURLU *u = curl_url();
    char *scheme = NULL, *host = NULL, *port = NULL, *o = NULL;
    if (u && !curl_url_set(u, CURLUPART_URL, url, 0) &&
        !curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) &&
        !curl_url_get(u, CURLUPART_HOST, &host, 0) &&
        !curl_url_get(u, CURLUPART_PORT, &port, CURLU_DEFAULT_PORT) &&
        (o = trop_asprintf("%s://%s:%s", scheme, host, port)))
        for (char *p = o; *p; p++)
            if (*p >= 'A' && *p <= 'Z')
                *p = (char)(*p - 'A' + 'a');
    curl_free(scheme);
    curl_free(host);
    curl_free(port);
    curl_url_cleanup(u);
    return o;
}

static bool http_url(const char *url)
{
    return !strncasecmp(url, "http://", 7) || !strncasecmp(url, "https://", 8);
}

static bool may_send_token(const trop_http *h, const char *url)
{
    if (!h->auth_header || !h->o.auth_origin)
        return false;
    char *o = origin(url);
    bool same = o && !strcmp(o, h->o.auth_origin);
    free(o);
    return same;
}

static int add_header(xfer *x, const char *line)
{
    struct curl_slist *l = curl_slist_append(x->headers, line);
    if (!l)
        return TRO_ENOMEM;
    x->headers = l;
    return 0;
}

/* Prepares the next attempt of r at x->url and hands it to libcurl. */
static int begin(trop_http *h, trop_http_req *r)
{
    xfer *x = r->priv;
    CURL *e = x->easy;
    curl_easy_reset(e);
    curl_slist_free_all(x->headers);
    x->headers = NULL;
    x->got = x->recv = 0;
    x->status = 0;
    x->link_len = 0;
    x->enough = x->oversize = x->stalled = x->sink_failed = x->ignored_range = false;
    x->last_ns = now_ns();
    r->status = 0;
    r->body_len = 0;
    if (r->sink && r->sink->restart && (x->tries || x->hops))
        r->sink->restart(r->sink->ud);
    char inm[sizeof r->etag + 32];
    if (may_send_token(h, x->url) && add_header(x, h->auth_header))
        return TRO_ENOMEM;
    if (r->if_none_match && *r->if_none_match) {
        snprintf(inm, sizeof inm, "If-None-Match: \"%s\"", r->if_none_match);
        if (add_header(x, inm))
            return TRO_ENOMEM;
    }
    curl_easy_setopt(e, CURLOPT_URL, x->url);
#if LIBCURL_VERSION_NUM >= 0x075500
    curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
#else
    curl_easy_setopt(e, CURLOPT_PROTOCOLS, (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
#endif
    curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(e, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(e, CURLOPT_SSL_VERIFYHOST, 2L);
    curl_easy_setopt(e, CURLOPT_USERAGENT, h->o.user_agent);
    curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, (long)h->o.connect_ms);
    if (!r->no_total_timeout)
        curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, (long)h->o.total_ms);
    curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(e, CURLOPT_HEADERDATA, r);
    curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(e, CURLOPT_WRITEDATA, r);
    curl_easy_setopt(e, CURLOPT_PRIVATE, r);
    if (r->range_len) {
        snprintf(x->range, sizeof x->range, "%llu-%llu", (unsigned long long)r->range_off,
                 (unsigned long long)(r->range_off + r->range_len - 1));
        curl_easy_setopt(e, CURLOPT_RANGE, x->range);
    }
    if (x->headers)
        curl_easy_setopt(e, CURLOPT_HTTPHEADER, x->headers);
    if (curl_multi_add_handle(h->multi, e) != CURLM_OK)
        return TRO_ENOMEM;
    r->next = h->active;
    h->active = r;
    return 0;
}

static void complete(trop_http *h, trop_http_req *r, int rc)
{
    xfer *x = r->priv;
    r->rc = rc;
    r->body_len = r->body ? (size_t)x->got : 0;
    pthread_mutex_lock(&h->mu);
    r->done = true;
    pthread_cond_broadcast(&h->cv);
    pthread_mutex_unlock(&h->mu);
}

static void unlink_active(trop_http *h, trop_http_req *r)
{
    for (trop_http_req **p = &h->active; *p; p = &(*p)->next)
        if (*p == r) {
            *p = r->next;
            break;
        }
    r->next = NULL;
}

/* Schedules another attempt when tries and time are left: true if so. */
static bool retry(trop_http *h, trop_http_req *r, const char *what)
{
    xfer *x = r->priv;
    uint64_t wait = (uint64_t)h->o.retry_base_ms << (x->tries < 16 ? x->tries : 16);
    curl_off_t after = -1;
    bool told = curl_easy_getinfo(x->easy, CURLINFO_RETRY_AFTER, &after) == CURLE_OK &&
                after >= 0 && (x->status == 429 || x->status == 503);
    if (told)
        wait = (uint64_t)after * 1000;
    x->tries++;
    if (x->tries >= h->o.max_tries) {
        fail(r, "%s (%u tries)", what, x->tries);
        return false;
    }
    if (x->waited_ms + wait > h->o.max_wait_ms) {
        if (told)
            fail(r, "%s, and Retry-After %llu s is more than the %u ms left to wait", what,
                 (unsigned long long)after, h->o.max_wait_ms - (unsigned)x->waited_ms);
        else
            fail(r, "%s (%u tries in %llu ms)", what, x->tries, (unsigned long long)x->waited_ms);
        return false;
    }
    x->waited_ms += wait;
    x->due_ns = now_ns() + wait * 1000000ull;
    r->next = h->delayed;
    h->delayed = r;
    return true;
}

static bool transient(CURLcode c)
{
    switch (c) {
    case CURLE_COULDNT_CONNECT:
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_OPERATION_TIMEDOUT:
    case CURLE_PARTIAL_FILE:
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
        return true;
    default:
        return false;
    }
}

/* Follows a redirect: starts the next hop, or completes r with why not. */
static void redirect(trop_http *h, trop_http_req *r)
{
    xfer *x = r->priv;
    char *loc = NULL;
    curl_easy_getinfo(x->easy, CURLINFO_REDIRECT_URL, &loc);
    if (!loc) {
        fail(r, "HTTP %ld redirect without a Location", x->status);
        complete(h, r, TRO_ENETWORK);
    } else if (++x->hops > MAX_HOPS) {
        fail(r, "more than %d redirects", MAX_HOPS);
        complete(h, r, TRO_ENETWORK);
    } else if (!http_url(loc)) {
        fail(r, "redirect to a URL that is not http or https refused");
        complete(h, r, TRO_ENETWORK);
    } else {
        char *u = trop_strdup(loc);
        if (!u) {
            complete(h, r, TRO_ENOMEM);
            return;
        }
        free(x->url);
        x->url = u;
        int rc = begin(h, r);
        if (rc)
            complete(h, r, rc);
    }
}

static void answered(trop_http *h, trop_http_req *r)
{
    xfer *x = r->priv;
    long st = x->status;
    r->status = st;
    if (st >= 300 && st < 400 && st != 304) {
        redirect(h, r);
        return;
    }
    char what[96];
    snprintf(what, sizeof what, "HTTP %ld%s%s", st, r->error_code[0] ? " " : "", r->error_code);
    if ((st == 429 || st >= 500) && retry(h, r, what))
        return;
    if ((st >= 200 && st < 300) || st == 304) {
        int rc = x->link_len ? trop_link_next(x->link, x->link_len, &r->link_next) : 0;
        complete(h, r, rc < 0 ? rc : 0);
        return;
    }
    if (st != 429 && st < 500)
        fail(r, "%s", what);
    complete(h, r, st == 404 ? TRO_ENOTFOUND : st == 401 || st == 403 ? TRO_EACCESS : TRO_ENETWORK);
}

/* An attempt ended (removed from the multi handle). */
static void ended(trop_http *h, trop_http_req *r, CURLcode res, const char *cerr)
{
    xfer *x = r->priv;
    long hdr = 0, req = 0;
    curl_easy_getinfo(x->easy, CURLINFO_HEADER_SIZE, &hdr);
    curl_easy_getinfo(x->easy, CURLINFO_REQUEST_SIZE, &req);
    atomic_fetch_add(&h->requests, 1);
    atomic_fetch_add(&h->bytes_in, (uint64_t)hdr + x->recv);
    atomic_fetch_add(&h->bytes_out, (uint64_t)req);
    if (!x->status)
        curl_easy_getinfo(x->easy, CURLINFO_RESPONSE_CODE, &x->status);
    char what[160];
    if (x->stalled) {
        snprintf(what, sizeof what, "nothing received for %u ms", h->o.stall_ms);
        if (!retry(h, r, what))
            complete(h, r, TRO_ENETWORK);
    } else if (res == CURLE_OK || (res == CURLE_WRITE_ERROR && x->enough)) {
        answered(h, r);
    } else if (x->oversize) {
        fail(r, "the answer is larger than %llu bytes", (unsigned long long)r->max_body);
        complete(h, r, TRO_ELIMIT);
    } else if (x->ignored_range) {
        fail(r, "the server ignored the Range header (HTTP 200 instead of 206)");
        complete(h, r, TRO_ENETWORK);
    } else if (x->sink_failed) {
        fail(r, "the download was stopped");
        complete(h, r, TRO_ENETWORK);
    } else {
        snprintf(what, sizeof what, "%s%s%s", curl_easy_strerror(res), *cerr ? ": " : "", cerr);
        if (!transient(res) || !retry(h, r, what)) {
            if (!transient(res))
                fail(r, "%s", what);
            complete(h, r, TRO_ENETWORK);
        }
    }
}

/* ---- The driving thread ------------------------------------------------------ */

static size_t count(const trop_http_req *l)
{
    size_t n = 0;
    for (; l; l = l->next)
        n++;
    return n;
}

/* Takes submitted requests, up to max_parallel active; true to go on. */
static bool take(trop_http *h)
{
    pthread_mutex_lock(&h->mu);
    size_t room = h->o.max_parallel - count(h->active);
    trop_http_req *taken = NULL;
    /* the queue is newest first: take from its end */
    while (room && h->queue) {
        trop_http_req **p = &h->queue;
        while ((*p)->next)
            p = &(*p)->next;
        trop_http_req *r = *p;
        *p = NULL;
        r->next = taken;
        taken = r;
        room--;
    }
    bool go_on = !h->stop || h->queue || h->active || h->delayed || taken;
    pthread_mutex_unlock(&h->mu);
    /* oldest first */
    trop_http_req *rev = NULL;
    while (taken) {
        trop_http_req *n = taken->next;
        taken->next = rev;
        rev = taken;
        taken = n;
    }
    while (rev) {
        trop_http_req *n = rev->next;
        int rc = begin(h, rev);
        if (rc)
            complete(h, rev, rc);
        rev = n;
    }
    return go_on;
}

static void wake_delayed(trop_http *h, uint64_t now)
{
    for (trop_http_req **p = &h->delayed; *p;) {
        trop_http_req *r = *p;
        xfer *x = r->priv;
        if (x->due_ns > now) {
            p = &r->next;
            continue;
        }
        *p = r->next;
        int rc = begin(h, r);
        if (rc)
            complete(h, r, rc);
    }
}

static void reap(trop_http *h)
{
    CURLMsg *m;
    int left;
    while ((m = curl_multi_info_read(h->multi, &left))) {
        if (m->msg != CURLMSG_DONE)
            continue;
        CURL *e = m->easy_handle;
        CURLcode res = m->data.result;
        trop_http_req *r = NULL;
        curl_easy_getinfo(e, CURLINFO_PRIVATE, (char **)&r);
        curl_multi_remove_handle(h->multi, e);
        unlink_active(h, r);
        ended(h, r, res, "");
    }
}

static void check_stalls(trop_http *h, uint64_t now)
{
    for (trop_http_req *r = h->active, *next; r; r = next) {
        next = r->next;
        xfer *x = r->priv;
        if (now - x->last_ns <= (uint64_t)h->o.stall_ms * 1000000ull)
            continue;
        x->stalled = true;
        curl_multi_remove_handle(h->multi, x->easy);
        unlink_active(h, r);
        ended(h, r, CURLE_OPERATION_TIMEDOUT, "");
    }
}

static void *drive(void *arg)
{
    trop_http *h = arg;
    while (take(h)) {
        int running;
        curl_multi_perform(h->multi, &running);
        reap(h);
        uint64_t now = now_ns();
        check_stalls(h, now);
        wake_delayed(h, now);
        int timeout = POLL_MS;
        for (trop_http_req *r = h->delayed; r; r = r->next) {
            xfer *x = r->priv;
            uint64_t ms = x->due_ns > now ? (x->due_ns - now) / 1000000ull : 0;
            if (ms < (uint64_t)timeout)
                timeout = (int)ms;
        }
        curl_multi_poll(h->multi, NULL, 0, timeout, NULL);
    }
    return NULL;
}

/* ---- The client ------------------------------------------------------------------ */

int trop_http_new(trop_http **out, const trop_http_opts *o, char *why, size_t whysz)
{
    *out = NULL;
    trop_http *h = calloc(1, sizeof *h);
    if (!h)
        return TRO_ENOMEM;
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
        free(h);
        snprintf(why, whysz, "libcurl could not be initialised");
        return TRO_ENETWORK;
    }
    h->o = *o;
    h->o.user_agent = trop_strdup(o->user_agent);
    h->o.auth_origin = o->auth_origin ? origin(o->auth_origin) : NULL;
    h->o.token = NULL;
    if (o->token && *o->token)
        h->auth_header = trop_asprintf("Authorization: Bearer %s", o->token);
    h->multi = curl_multi_init();
    bool ok = h->o.user_agent && h->multi && (!o->token || !*o->token || h->auth_header) &&
              (!o->auth_origin || h->o.auth_origin) && !pthread_mutex_init(&h->mu, NULL);
    if (ok && pthread_cond_init(&h->cv, NULL)) {
        pthread_mutex_destroy(&h->mu);
        ok = false;
    }
    if (ok) {
        curl_multi_setopt(h->multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, (long)o->max_parallel);
        h->started = pthread_create(&h->thread, NULL, drive, h) == 0;
        if (!h->started) {
            pthread_cond_destroy(&h->cv);
            pthread_mutex_destroy(&h->mu);
            ok = false;
        }
    }
    if (!ok) {
        curl_multi_cleanup(h->multi);
        free((char *)h->o.user_agent);
        free((char *)h->o.auth_origin);
        free(h->auth_header);
        free(h);
        curl_global_cleanup();
        return TRO_ENOMEM;
    }
    *out = h;
    return 0;
}

void trop_http_free(trop_http *h)
{
    if (!h)
        return;
    pthread_mutex_lock(&h->mu);
    h->stop = true;
    pthread_mutex_unlock(&h->mu);
    curl_multi_wakeup(h->multi);
    pthread_join(h->thread, NULL);
    pthread_cond_destroy(&h->cv);
    pthread_mutex_destroy(&h->mu);
    curl_multi_cleanup(h->multi);
    free((char *)h->o.user_agent);
    free((char *)h->o.auth_origin);
    free(h->auth_header);
    free(h);
    curl_global_cleanup();
}

void trop_http_start(trop_http *h, trop_http_req *r)
{
    xfer *x = calloc(1, sizeof *x);
    r->priv = x;
    r->done = false;
    r->rc = 0;
    r->err[0] = '\0';
    if (!x || !(x->easy = curl_easy_init()) || !(x->url = trop_strdup(r->url))) {
        snprintf(r->err, sizeof r->err, "%s: out of memory", r->url);
        r->rc = TRO_ENOMEM;
        r->done = true;
        return;
    }
    if (!r->max_body)
        r->max_body = r->range_len;
    pthread_mutex_lock(&h->mu);
    r->next = h->queue;
    h->queue = r;
    pthread_mutex_unlock(&h->mu);
    curl_multi_wakeup(h->multi);
}

int trop_http_wait(trop_http *h, trop_http_req *r)
{
    pthread_mutex_lock(&h->mu);
    while (!r->done)
        pthread_cond_wait(&h->cv, &h->mu);
    pthread_mutex_unlock(&h->mu);
    return r->rc;
}

void trop_http_req_clear(trop_http_req *r)
{
    xfer *x = r->priv;
    if (x) {
        if (x->easy)
            curl_easy_cleanup(x->easy);
        curl_slist_free_all(x->headers);
        free(x->url);
        free(x->link);
        free(x);
    }
    free(r->body);
    free(r->link_next);
    r->priv = NULL;
    r->body = NULL;
    r->link_next = NULL;
    r->body_len = 0;
}

void trop_http_counts(trop_http *h, uint64_t *requests, uint64_t *in, uint64_t *out)
{
    *requests = atomic_load(&h->requests);
    *in = atomic_load(&h->bytes_in);
    *out = atomic_load(&h->bytes_out);
}
