/* One request's transfer (see http.c for what is bounded and why): the
 * libcurl callbacks that keep the answer, an attempt's set-up, and what its
 * end means: an answer, a redirect to follow, a retry to schedule, a
 * failure to report. Runs on the client's driving thread. */
#include "http_priv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
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
    x->last_ns = trop_now_ns();
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
    x->last_ns = trop_now_ns();
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

char *trop_http_origin(const char *url)
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
    char *o = trop_http_origin(url);
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
int trop_http_begin(trop_http *h, trop_http_req *r)
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
    x->last_ns = trop_now_ns();
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

void trop_http_complete(trop_http *h, trop_http_req *r, int rc)
{
    xfer *x = r->priv;
    r->rc = rc;
    r->body_len = r->body ? (size_t)x->got : 0;
    pthread_mutex_lock(&h->mu);
    r->done = true;
    pthread_cond_broadcast(&h->cv);
    pthread_mutex_unlock(&h->mu);
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
    x->due_ns = trop_now_ns() + wait * 1000000ull;
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
        trop_http_complete(h, r, TRO_ENETWORK);
    } else if (++x->hops > MAX_HOPS) {
        fail(r, "more than %d redirects", MAX_HOPS);
        trop_http_complete(h, r, TRO_ENETWORK);
    } else if (!http_url(loc)) {
        fail(r, "redirect to a URL that is not http or https refused");
        trop_http_complete(h, r, TRO_ENETWORK);
    } else {
        char *u = trop_strdup(loc);
        if (!u) {
            trop_http_complete(h, r, TRO_ENOMEM);
            return;
        }
        free(x->url);
        x->url = u;
        int rc = trop_http_begin(h, r);
        if (rc)
            trop_http_complete(h, r, rc);
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
        trop_http_complete(h, r, rc < 0 ? rc : 0);
        return;
    }
    if (st != 429 && st < 500)
        fail(r, "%s", what);
    trop_http_complete(h, r,
                       st == 404                ? TRO_ENOTFOUND
                       : st == 401 || st == 403 ? TRO_EACCESS
                                                : TRO_ENETWORK);
}

/* An attempt ended (removed from the multi handle). */
void trop_http_ended(trop_http *h, trop_http_req *r, CURLcode res)
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
            trop_http_complete(h, r, TRO_ENETWORK);
    } else if (res == CURLE_OK || (res == CURLE_WRITE_ERROR && x->enough)) {
        answered(h, r);
    } else if (x->oversize) {
        fail(r, "the answer is larger than %llu bytes", (unsigned long long)r->max_body);
        trop_http_complete(h, r, TRO_ELIMIT);
    } else if (x->ignored_range) {
        fail(r, "the server ignored the Range header (HTTP 200 instead of 206)");
        trop_http_complete(h, r, TRO_ENETWORK);
    } else if (x->sink_failed) {
        fail(r, "the download was stopped");
        trop_http_complete(h, r, TRO_ENETWORK);
    } else {
        snprintf(what, sizeof what, "%s", curl_easy_strerror(res));
        if (!transient(res) || !retry(h, r, what)) {
            if (!transient(res))
                fail(r, "%s", what);
            trop_http_complete(h, r, TRO_ENETWORK);
        }
    }
}
