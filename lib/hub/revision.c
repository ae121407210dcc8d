/* The commit a revision stands for. A commit sha names itself: no request.
 * A branch or tag is asked for once per check (the revision API, with the
 * ETag of the last answer so that an unchanged one costs a 304); offline,
 * the refs/ of the caches answer. */
#include "hub.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool is_sha(const char *s)
{
    if (strlen(s) != 40)
        return false;
    for (; *s; s++)
        if (!((*s >= '0' && *s <= '9') || (*s >= 'a' && *s <= 'f')))
            return false;
    return true;
}

/* What a failed revision request means, in words for the user. */
static int explain(const tro_hub *hub, const trop_hub_ref *ref, const trop_http_req *q, char *why,
                   size_t whysz)
{
    const char *what = ref->kind == TRO_REF_DATASET ? "dataset" : "model";
    bool no_repo = !strcmp(q->error_code, "RepoNotFound");
    if (q->rc == TRO_ENOTFOUND && !strcmp(q->error_code, "RevisionNotFound")) {
        snprintf(why, whysz, "%s %s has no revision '%s' (%s)", what, ref->id, ref->rev, q->err);
        return TRO_ENOTFOUND;
    }
    if (q->rc == TRO_ENOTFOUND || (q->rc == TRO_EACCESS && no_repo)) {
        snprintf(why, whysz,
                 "no %s %s at revision '%s' on %s (or it is private: set HF_TOKEN) (%s)", what,
                 ref->id, ref->rev, hub->endpoint, q->err);
        return TRO_ENOTFOUND;
    }
    if (q->rc == TRO_EACCESS) {
        snprintf(why, whysz,
                 "%s %s is private or gated: set HF_TOKEN to a token of an account that has "
                 "access (and accept its terms on %s/%s%s) (%s)",
                 what, ref->id, hub->endpoint, ref->kind == TRO_REF_DATASET ? "datasets/" : "",
                 ref->id, q->err);
        return TRO_EACCESS;
    }
    snprintf(why, whysz, "%s", q->err);
    return q->rc;
}

static int offline(tro_hub *hub, const trop_hub_ref *ref, char sha[41], char *why, size_t whysz)
{
    if (trop_hub_cache_ref(hub->cache_dir, ref, ref->rev, sha) ||
        trop_hub_cache_ref(hub->hf_cache_dir, ref, ref->rev, sha)) {
        atomic_fetch_add(&hub->cache_reads, 1);
        return 0;
    }
    snprintf(why, whysz,
             "offline (HF_HUB_OFFLINE=1 or --offline) and no cache knows revision '%s' of %s",
             ref->rev, ref->id);
    return TRO_ENETWORK;
}

int trop_hub_commit(tro_hub *hub, const trop_hub_ref *ref, char sha[41], trop_hub_revision *rv,
                    bool *from_cache, char *why, size_t whysz)
{
    *from_cache = false;
    if (rv)
        memset(rv, 0, sizeof *rv);
    if (is_sha(ref->rev) && !rv) {
        memcpy(sha, ref->rev, 41);
        *from_cache = true;
        return 0;
    }
    if (hub->flags & TRO_HUB_OFFLINE) {
        *from_cache = true;
        return offline(hub, ref, sha, why, whysz);
    }
    char *etag_name = trop_asprintf("revision/%s.etag", ref->rev);
    char *body_name = trop_asprintf("revision/%s.json", ref->rev);
    char *url = trop_hub_api_url(hub, ref, "revision", ref->rev);
    char *etag = NULL, *cached = NULL;
    size_t elen = 0, clen = 0;
    int rc = etag_name && body_name && url ? 0 : TRO_ENOMEM;
    if (!rc && trop_hub_cache_get_meta(hub->cache_dir, ref, etag_name, 128, &etag, &elen) == 1)
        trop_hub_cache_get_meta(hub->cache_dir, ref, body_name, hub->max_response, &cached, &clen);
    trop_http_req q = {
        .url = url, .max_body = hub->max_response, .if_none_match = cached ? etag : NULL};
    if (!rc && (rc = trop_hub_get(hub, &q)))
        rc = explain(hub, ref, &q, why, whysz);
    const char *body = q.status == 304 && cached ? cached : q.body ? q.body : "";
    size_t len = q.status == 304 && cached ? clen : q.body_len;
    trop_hub_revision local;
    if (!rc && (rc = trop_hub_parse_revision(body, len, UINT64_MAX, rv ? rv : &local, why, whysz)))
        snprintf(why + strlen(why), whysz - strlen(why), " (%s)", url);
    if (!rc) {
        memcpy(sha, (rv ? rv : &local)->sha, 41);
        if (!rv)
            trop_hub_revision_clear(&local);
        trop_hub_cache_put_ref(hub->cache_dir, ref, ref->rev, sha);
        if (q.status != 304 && q.etag[0]) {
            trop_hub_cache_put_meta(hub->cache_dir, ref, body_name, body, len);
            trop_hub_cache_put_meta(hub->cache_dir, ref, etag_name, q.etag, strlen(q.etag));
        }
    }
    trop_http_req_clear(&q);
    free(etag);
    free(cached);
    free(url);
    free(etag_name);
    free(body_name);
    return rc;
}
