/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* The Hub client: options and the environment variables huggingface_hub
 * users already set (HF_ENDPOINT, HF_TOKEN, HF_HOME, HF_HUB_CACHE,
 * HF_HUB_OFFLINE...), URLs, the revision a name stands for, statistics. */
#include "hub.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define DEFAULT_ENDPOINT "https://huggingface.co"
#define TOKEN_MAX 4096

static const char *env(const tro_hub_options *o, const char *name)
{
    const char *v = o->flags & TRO_HUB_NO_ENV ? NULL : getenv(name);
    return v && *v ? v : NULL;
}

static bool env_true(const tro_hub_options *o, const char *name)
{
    const char *v = env(o, name);
    return v && (!strcmp(v, "1") || !strcasecmp(v, "on") || !strcasecmp(v, "yes") ||
                 !strcasecmp(v, "true"));
}

/* Milliseconds from a number of seconds in the environment, else dflt. */
static unsigned env_ms(const tro_hub_options *o, const char *name, unsigned dflt)
{
    const char *v = env(o, name);
    char *end;
    double s = v ? strtod(v, &end) : 0;
    if (!v || *end || s <= 0 || s > 86400)
        return dflt;
    return (unsigned)(s * 1000 + 0.5);
}

/* $XDG_CACHE_HOME, else $HOME/.cache: owned, or NULL. */
static char *cache_home(const tro_hub_options *o)
{
    const char *x = env(o, "XDG_CACHE_HOME"), *home = env(o, "HOME");
    return x ? trop_strdup(x) : home ? trop_asprintf("%s/.cache", home) : NULL;
}

/* $var when set, else sub inside the folder base(o) gives (NULL when
 * there is none); newly allocated. */
static char *env_or_under(const tro_hub_options *o, const char *var,
                          char *(*base)(const tro_hub_options *), const char *sub)
{
    const char *v = env(o, var);
    if (v)
        return trop_strdup(v);
    char *b = base(o);
    char *p = b ? trop_asprintf("%s/%s", b, sub) : NULL;
    free(b);
    return p;
}

/* $HF_HOME, else $XDG_CACHE_HOME/huggingface, as huggingface_hub does. */
static char *hf_home(const tro_hub_options *o)
{
    return env_or_under(o, "HF_HOME", cache_home, "huggingface");
}

/* A folder option: NULL asks the environment, "" means none. */
static int dir_option(const char *given, char *from_env, char **out)
{
    *out = NULL;
    if (given) {
        free(from_env);
        if (*given && !(*out = trop_strdup(given)))
            return TRO_ENOMEM;
        return 0;
    }
    *out = from_env;
    return 0;
}

static char *default_cache(const tro_hub_options *o)
{
    return env_or_under(o, "TRULYOPEN_CACHE", cache_home, "trulyopen/hub");
}

static char *default_hf_cache(const tro_hub_options *o)
{
    return env_or_under(o, "HF_HUB_CACHE", hf_home, "hub");
}

/* $HF_TOKEN, else the first line of the token file. */
static int token_option(const tro_hub_options *o, char **out)
{
    *out = NULL;
    if (o->token)
        return *o->token && !(*out = trop_strdup(o->token)) ? TRO_ENOMEM : 0;
    const char *t = env(o, "HF_TOKEN");
    if (t)
        return (*out = trop_strdup(t)) ? 0 : TRO_ENOMEM;
    char *path = NULL, *h = NULL;
    if (env(o, "HF_TOKEN_PATH"))
        path = trop_strdup(env(o, "HF_TOKEN_PATH"));
    else if ((h = hf_home(o)))
        path = trop_asprintf("%s/token", h);
    free(h);
    char *data = NULL;
    size_t len = 0;
    if (path && trop_hub_read_file(path, TOKEN_MAX, &data, &len) == 1) {
        data[strcspn(data, "\r\n")] = '\0';
        size_t n = strlen(data);
        while (n && (data[n - 1] == ' ' || data[n - 1] == '\t'))
            data[--n] = '\0';
        if (n)
            *out = data;
        else
            free(data);
    }
    free(path);
    return 0;
}

static unsigned pick(unsigned given, unsigned dflt)
{
    return given ? given : dflt;
}

static int configure(tro_hub *hub, const tro_hub_options *o, tro_error *err)
{
    const char *ep = o->endpoint ? o->endpoint : env(o, "HF_ENDPOINT");
    if (!ep)
        ep = DEFAULT_ENDPOINT;
    if (strncasecmp(ep, "http://", 7) && strncasecmp(ep, "https://", 8))
        return trop_error_set(err, TRO_EINVAL, -1, "hub: endpoint '%s' is not an http or https URL",
                              ep);
    size_t n = strlen(ep);
    while (n > 8 && ep[n - 1] == '/')
        n--;
    int rc = (hub->endpoint = trop_strndup(ep, n)) ? 0 : TRO_ENOMEM;
    if (!rc)
        rc = token_option(o, &hub->token);
    if (!rc)
        rc = dir_option(o->cache_dir, o->cache_dir ? NULL : default_cache(o), &hub->cache_dir);
    if (!rc)
        rc = dir_option(o->hf_cache_dir, o->hf_cache_dir ? NULL : default_hf_cache(o),
                        &hub->hf_cache_dir);
    if (rc)
        return trop_error_set(err, rc, -1, "hub: out of memory");
    hub->flags = o->flags | (env_true(o, "HF_HUB_OFFLINE") ? TRO_HUB_OFFLINE : 0);
    hub->http_opts = (trop_http_opts){
        .user_agent = "trulyopen/" TRO_VERSION_STRING,
        .auth_origin = hub->endpoint,
        .token = hub->token,
        .max_parallel = o->max_parallel > 64 ? 64 : pick(o->max_parallel, 8),
        .connect_ms = pick(o->connect_timeout_ms, env_ms(o, "HF_HUB_ETAG_TIMEOUT", 10000)),
        .stall_ms = pick(o->stall_timeout_ms, env_ms(o, "HF_HUB_DOWNLOAD_TIMEOUT", 10000)),
        .total_ms = pick(o->total_timeout_ms, 120000),
        .max_tries = pick(o->max_tries, 5),
        .retry_base_ms = pick(o->retry_base_ms, 500),
        .max_wait_ms = pick(o->max_retry_wait_ms, 30000),
    };
    hub->max_response = o->max_response_bytes ? o->max_response_bytes : 16u << 20;
    return 0;
}

int tro_hub_new(tro_hub **out, const tro_hub_options *opts, tro_error *err)
{
    static const tro_hub_options defaults = TRO_HUB_OPTIONS_INIT;
    if (!out)
        return trop_error_set(err, TRO_EINVAL, -1, "hub: out is NULL");
    *out = NULL;
    if (!opts)
        opts = &defaults;
    if (opts->version != TRO_HUB_OPTIONS_VERSION)
        return trop_error_set(err, TRO_EVERSION, -1, "hub: options version %u is not %u",
                              opts->version, TRO_HUB_OPTIONS_VERSION);
    tro_hub *hub = calloc(1, sizeof *hub);
    if (!hub)
        return trop_error_set(err, TRO_ENOMEM, -1, "hub: out of memory");
    atomic_init(&hub->cache_reads, 0);
    int rc = configure(hub, opts, err);
    if (!rc && pthread_mutex_init(&hub->lock, NULL))
        rc = trop_error_set(err, TRO_ENOMEM, -1, "hub: out of memory");
    if (rc) {
        free(hub->endpoint);
        free(hub->token);
        free(hub->cache_dir);
        free(hub->hf_cache_dir);
        free(hub);
        return rc;
    }
    *out = hub;
    return 0;
}

void tro_hub_free(tro_hub *hub)
{
    if (!hub)
        return;
    trop_http_free(hub->http);
    pthread_mutex_destroy(&hub->lock);
    if (hub->token) /* not left in freed memory */
        memset(hub->token, 0, strlen(hub->token));
    free(hub->token);
    free(hub->endpoint);
    free(hub->cache_dir);
    free(hub->hf_cache_dir);
    free(hub);
}

int tro_hub_is_ref(const tro_hub *hub, const char *s)
{
    trop_hub_ref ref;
    const char *why;
    return trop_hub_ref_parse(s, hub ? hub->endpoint : NULL, &ref, &why) != 0;
}

void tro_hub_stats_get(const tro_hub *hub, tro_hub_stats *out)
{
    if (!out)
        return;
    memset(out, 0, sizeof *out);
    if (!hub)
        return;
    tro_hub *h = (tro_hub *)hub; /* the lock only */
    pthread_mutex_lock(&h->lock);
    if (h->http)
        trop_http_counts(h->http, &out->requests, &out->bytes_received, &out->bytes_sent);
    pthread_mutex_unlock(&h->lock);
    out->cache_reads = atomic_load(&h->cache_reads);
}

int trop_hub_http(tro_hub *hub, trop_http **out, char *why, size_t whysz)
{
    *out = NULL;
    if (hub->flags & TRO_HUB_OFFLINE) {
        snprintf(why, whysz,
                 "offline (HF_HUB_OFFLINE=1 or --offline): the network is not used, "
                 "and the cache does not hold this");
        return TRO_ENETWORK;
    }
    pthread_mutex_lock(&hub->lock);
    if (!hub->http && !hub->http_rc)
        hub->http_rc =
            trop_http_new(&hub->http, &hub->http_opts, hub->http_why, sizeof hub->http_why);
    int rc = hub->http_rc;
    *out = hub->http;
    if (rc)
        snprintf(why, whysz, "%s", hub->http_why[0] ? hub->http_why : tro_strerror(rc));
    pthread_mutex_unlock(&hub->lock);
    return rc;
}

int trop_hub_get(tro_hub *hub, trop_http_req *r)
{
    trop_http *h;
    char why[256];
    int rc = trop_hub_http(hub, &h, why, sizeof why);
    if (rc) {
        snprintf(r->err, sizeof r->err, "%s: %s", r->url, why);
        return r->rc = rc;
    }
    trop_http_start(h, r);
    return trop_http_wait(h, r);
}

char *trop_hub_api_url(const tro_hub *hub, const trop_hub_ref *ref, const char *what,
                       const char *rev)
{
    char esc[TROP_HUB_REV_LEN * 3 + 1] = "";
    if (!trop_hub_url_escape(esc, sizeof esc, rev, false))
        return NULL;
    return trop_asprintf("%s/api/%s/%s/%s/%s", hub->endpoint, trop_hub_kind_dir(ref->kind), ref->id,
                         what, esc);
}

char *trop_hub_file_url(const tro_hub *hub, const trop_hub_ref *ref, const char *sha,
                        const char *path)
{
    size_t cap = strlen(path) * 3 + 1;
    char *esc = calloc(1, cap);
    char *url =
        esc && trop_hub_url_escape(esc, cap, path, true)
            ? trop_asprintf("%s/%s%s/resolve/%s/%s", hub->endpoint,
                            ref->kind == TRO_REF_DATASET ? "datasets/" : "", ref->id, sha, esc)
            : NULL;
    free(esc);
    return url;
}
