/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* Base models and datasets resolved online (tro_hub_resolve, a
 * tro_resolve_fn): the main branch's card and top-level metadata files,
 * read as a catalog entry is, from the caches first. */
#include "hub.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MAX_FILES 64

/* The files of an entry a judge reads: cards, licences, manifests, MOF. */
static bool metadata_name(const char *n)
{
    if (strchr(n, '/') || n[0] == '.')
        return false;
    if (!strncasecmp(n, "license", 7) || !strncasecmp(n, "licence", 7) ||
        !strncasecmp(n, "copying", 7))
        return true;
    return trop_str_iendswith(n, ".md") || trop_str_iendswith(n, ".markdown") ||
           trop_str_iendswith(n, ".yml") || trop_str_iendswith(n, ".yaml") ||
           !strcasecmp(n, "config.json") || !strcasecmp(n, "adapter_config.json") ||
           !strcasecmp(n, "datapackage.json") || strcasestr(n, "croissant");
}


/* Offline: the names a cached snapshot holds (the user's, else ours). */
static int cached_names(tro_hub *hub, const trop_hub_ref *ref, const char *sha,
                        trop_hub_revision *rv)
{
    const char *roots[] = {hub->hf_cache_dir, hub->cache_dir};
    int rc = 0;
    for (size_t k = 0; k < 2 && !rc && !rv->nsiblings; k++) {
        char *repo = roots[k] ? trop_hub_repo_dir(roots[k], ref) : NULL;
        char *dir = repo ? trop_asprintf("%s/snapshots/%s", repo, sha) : NULL;
        DIR *d = dir ? opendir(dir) : NULL;
        struct dirent *de;
        if (d && !rv->siblings && !(rv->siblings = calloc(MAX_FILES, sizeof *rv->siblings)))
            rc = TRO_ENOMEM;
        while (!rc && d && (de = readdir(d)) && rv->nsiblings < MAX_FILES)
            if (metadata_name(de->d_name) &&
                !(rv->siblings[rv->nsiblings++] = trop_strdup(de->d_name)))
                rc = TRO_ENOMEM;
        if (d)
            closedir(d);
        free(dir);
        free(repo);
    }
    return rc ? rc : rv->nsiblings ? 0 : TRO_ENOTFOUND;
}

/* A release standing for an answer that cannot be had: its finding says
 * why (the judge carries it into the report). */
static int unavailable(const tro_hub *hub, tro_ctx *ctx, int rc, const trop_hub_ref *ref,
                       const char *why, tro_release **out)
{
    const char *what = ref->kind == TRO_REF_DATASET ? "dataset" : "base model";
    const char *ds = ref->kind == TRO_REF_DATASET ? "datasets/" : "";
    int code = rc == TRO_EACCESS ? TRO_EACCESS : TRO_ENETWORK;
    int f = tro_release_new(out, ctx, ref->id);
    if (!f && code == TRO_EACCESS)
        f = trop_release_finding(*out, TRO_SEVERITY_WARNING, "hub-gated", "", -1,
                                 "%s %s is gated or private, so it could not be resolved: set "
                                 "HF_TOKEN to a token of an account that accepted its terms on "
                                 "%s/%s%s (%s)",
                                 what, ref->id, hub->endpoint, ds, ref->id, why);
    else if (!f)
        f = trop_release_finding(*out, TRO_SEVERITY_WARNING, "hub-unreachable", "", -1,
                                 "%s %s could not be resolved on the Hub: %s", what, ref->id, why);
    if (f) {
        tro_release_free(*out);
        *out = NULL;
        return TRO_ENOMEM;
    }
    return code;
}

static int build(tro_hub *hub, tro_ctx *ctx, const trop_hub_ref *ref, const char *sha,
                 trop_hub_revision *rv, tro_release **out)
{
    char **names = rv->siblings;
    size_t n = 0;
    for (size_t i = 0; i < rv->nsiblings; i++) { /* keep the metadata, in front */
        char *s = rv->siblings[i];
        rv->siblings[i] = NULL;
        if (s && metadata_name(s) && n < MAX_FILES)
            names[n++] = s;
        else
            free(s);
    }
    rv->nsiblings = n;
    qsort(names, n, sizeof *names, trop_cmp_str);
    int rc = tro_release_new(out, ctx, ref->id);
    if (!rc && !((*out)->origin = trop_asprintf("hub:%s@%s", ref->id, sha)))
        rc = TRO_ENOMEM;
    char why[512] = "";
    for (size_t i = 0; !rc && i < n; i++) {
        trop_hub_blob b;
        int f = trop_hub_fetch_file(hub, ref, sha, names[i], ctx->limits.max_text_bytes, &b, why,
                                    sizeof why);
        if (f == TRO_ENOTFOUND || f == TRO_ELIMIT)
            continue; /* listed but gone, or too big to be metadata */
        if (f) {
            tro_release_free(*out);
            *out = NULL;
            return f == TRO_ENOMEM ? f : unavailable(hub, ctx, f, ref, why, out);
        }
        rc = tro_release_add_buffer(*out, names[i], b.data, b.len);
        free(b.data);
        free(b.local);
    }
    if (!rc)
        rc = trop_release_finish(*out);
    if (rc) {
        tro_release_free(*out);
        *out = NULL;
    }
    return rc;
}

int tro_hub_resolve(tro_ctx *ctx, tro_ref_kind kind, const char *id, tro_release **out,
                    void *userdata)
{
    tro_hub *hub = userdata;
    if (!out)
        return TRO_EINVAL;
    *out = NULL;
    if (!ctx || !hub || !id)
        return TRO_EINVAL;
    trop_hub_ref ref = {.kind = kind == TRO_REF_DATASET ? TRO_REF_DATASET : TRO_REF_MODEL};
    if (strlen(id) >= sizeof ref.id || !trop_hub_id_ok(id))
        return TRO_ENOTFOUND;
    strcpy(ref.id, id);
    strcpy(ref.rev, "main");
    char sha[41], why[512] = "";
    bool cached;
    trop_hub_revision rv;
    int rc = trop_hub_commit(hub, &ref, sha, &rv, &cached, why, sizeof why);
    bool offline = hub->flags & TRO_HUB_OFFLINE;
    if (rc == TRO_ENETWORK && offline) {
        rc = TRO_ENOTFOUND; /* offline, and not cached: as a catalog without it */
    } else if (rc && rc != TRO_ENOTFOUND && rc != TRO_ENOMEM) {
        rc = unavailable(hub, ctx, rc, &ref, why, out);
    } else if (!rc) {
        if (offline)
            rc = cached_names(hub, &ref, sha, &rv);
        if (!rc)
            rc = build(hub, ctx, &ref, sha, &rv, out);
    }
    trop_hub_revision_clear(&rv);
    return rc;
}
