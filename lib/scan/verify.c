/* Verification: a release against a manifest, artifact by artifact. What is
 * compared is the content an artifact stands for: its own SHA-256 and size,
 * or for a Git LFS pointer the oid and size it declares. So a manifest made
 * from a clone without LFS content matches the real files once downloaded,
 * and the other way round. */
#include "scan.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct diff {
    tro_diff_kind kind;
    char *path;
    char *detail;
} diff;

struct tro_verify_result {
    diff *v;
    size_t n, cap;
};

/* The content an entry stands for. */
typedef struct identity {
    const char *sha256;
    uint64_t size;
    bool lfs;
} identity;

static int add(tro_verify_result *r, tro_diff_kind kind, const char *path, char *detail)
{
    if (!detail)
        return TRO_ENOMEM;
    if (r->n == r->cap) {
        size_t cap = r->cap ? r->cap * 2 : 16;
        diff *v = realloc(r->v, cap * sizeof *v);
        if (!v) {
            free(detail);
            return TRO_ENOMEM;
        }
        r->v = v;
        r->cap = cap;
    }
    diff *d = &r->v[r->n];
    if (!(d->path = trop_strdup(path))) {
        free(detail);
        return TRO_ENOMEM;
    }
    d->kind = kind;
    d->detail = detail;
    r->n++;
    return TRO_OK;
}

static char *describe(identity m, identity r)
{
    char size[64] = "", sha[160] = "";
    if (m.size != r.size)
        snprintf(size, sizeof size, "size %" PRIu64 " != %" PRIu64, m.size, r.size);
    if (strcmp(m.sha256, r.sha256) != 0)
        snprintf(sha, sizeof sha, "sha256 %s != %s", m.sha256, r.sha256);
    const char *note = m.lfs && r.lfs ? " (LFS pointers on both sides)"
                       : m.lfs        ? " (the manifest records an LFS pointer)"
                       : r.lfs        ? " (the release has an LFS pointer)"
                                      : "";
    return trop_asprintf("%s%s%s%s", size, *size && *sha ? ", " : "", sha, note);
}

static int compare(tro_verify_result *r, const trop_mentry *e, const tro_artifact *a)
{
    identity m =
        e->lfs ? (identity){e->lfs_oid, e->lfs_size, true} : (identity){e->sha256, e->size, false};
    identity g = a->is_lfs ? (identity){a->lfs_oid, a->lfs_size, true}
                           : (identity){a->sha256, a->size, false};
    if (m.size == g.size && strcmp(m.sha256, g.sha256) == 0)
        return TRO_OK;
    return add(r, TRO_DIFF_CHANGED, a->path, describe(m, g));
}

/* Merges the two sorted lists. */
static int diff_all(tro_verify_result *r, const trop_manifest *m, const tro_release *rel)
{
    size_t i = 0, j = 0, n = tro_release_artifact_count(rel);
    int rc = TRO_OK;
    while (!rc && (i < m->n || j < n)) {
        const tro_artifact *a = j < n ? tro_release_artifact(rel, j) : NULL;
        int c = i >= m->n ? 1 : !a ? -1 : strcmp(m->v[i].path, a->path);
        if (c < 0)
            rc = add(r, TRO_DIFF_MISSING, m->v[i++].path, trop_strdup(""));
        else if (c > 0)
            rc = add(r, TRO_DIFF_EXTRA, a->path, trop_strdup(""));
        else
            rc = compare(r, &m->v[i++], a);
        if (c >= 0)
            j++;
    }
    return rc;
}

int tro_verify(const tro_release *rel, const char *manifest_json, size_t len,
               tro_verify_result **out, tro_error *err)
{
    if (out)
        *out = NULL;
    if (!rel || !out || (!manifest_json && len))
        return trop_error_set(err, TRO_EINVAL, -1, "tro_verify: NULL argument");
    size_t n = tro_release_artifact_count(rel);
    for (size_t i = 0; i < n; i++)
        if (!tro_release_artifact(rel, i)->hashed)
            return trop_error_set(err, TRO_EINVAL, -1,
                                  "%s: not hashed (changed while it was read, sparse, or "
                                  "scanned with TRO_SCAN_NO_HASH)",
                                  tro_release_artifact(rel, i)->path);
    trop_manifest m;
    int rc =
        trop_manifest_parse(manifest_json ? manifest_json : "", len, &rel->ctx->limits, &m, err);
    if (rc)
        return rc;
    tro_verify_result *r = calloc(1, sizeof *r);
    if (!r || (rc = diff_all(r, &m, rel))) {
        tro_verify_result_free(r);
        trop_manifest_clear(&m);
        return trop_error_set(err, TRO_ENOMEM, -1, "tro_verify: out of memory");
    }
    trop_manifest_clear(&m);
    *out = r;
    return TRO_OK;
}

size_t tro_verify_result_count(const tro_verify_result *res)
{
    return res ? res->n : 0;
}

int tro_verify_result_get(const tro_verify_result *res, size_t i, tro_diff_kind *kind,
                          const char **path, const char **detail)
{
    if (!res || i >= res->n)
        return TRO_EINVAL;
    if (kind)
        *kind = res->v[i].kind;
    if (path)
        *path = res->v[i].path;
    if (detail)
        *detail = res->v[i].detail;
    return TRO_OK;
}

void tro_verify_result_free(tro_verify_result *res)
{
    if (!res)
        return;
    for (size_t i = 0; i < res->n; i++) {
        free(res->v[i].path);
        free(res->v[i].detail);
    }
    free(res->v);
    free(res);
}
