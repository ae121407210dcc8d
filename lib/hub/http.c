/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
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
#include "http_priv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void unlink_active(trop_http *h, trop_http_req *r)
{
    for (trop_http_req **p = &h->active; *p; p = &(*p)->next)
        if (*p == r) {
            *p = r->next;
            break;
        }
    r->next = NULL;
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
        int rc = trop_http_begin(h, rev);
        if (rc)
            trop_http_complete(h, rev, rc);
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
        int rc = trop_http_begin(h, r);
        if (rc)
            trop_http_complete(h, r, rc);
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
        trop_http_ended(h, r, res);
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
        trop_http_ended(h, r, CURLE_OPERATION_TIMEDOUT);
    }
}

static void *drive(void *arg)
{
    trop_http *h = arg;
    while (take(h)) {
        int running;
        curl_multi_perform(h->multi, &running);
        reap(h);
        uint64_t now = trop_now_ns();
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

/* Frees what trop_http_new() allocated besides the thread and its locks
 * (already gone), then h itself, and leaves libcurl. */
static void release(trop_http *h)
{
    curl_multi_cleanup(h->multi);
    free((char *)h->o.user_agent);
    free((char *)h->o.auth_origin);
    free(h->auth_header);
    free(h);
    curl_global_cleanup();
}

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
    h->o.auth_origin = o->auth_origin ? trop_http_origin(o->auth_origin) : NULL;
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
        release(h);
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
    release(h);
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
