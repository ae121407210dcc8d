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

/* Where the release says it could not read a part: the finding's path,
 * or the release's name for what has none (an archive's unread rest). */
static const char *unread_path(const tro_release *rel, const tro_finding *f)
{
    return *f->path ? f->path : rel->name;
}

/* Whether the release could not read path[0..len) (findings are sorted by
 * path). */
static bool unread_at(const tro_release *rel, const char *path, size_t len)
{
    size_t lo = 0, hi = tro_release_finding_count(rel);
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strncmp(tro_release_finding(rel, mid)->path, path, len) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (; lo < tro_release_finding_count(rel); lo++) {
        const tro_finding *f = tro_release_finding(rel, lo);
        if (strncmp(f->path, path, len) != 0 || f->path[len])
            return false;
        if (trop_finding_unread(rel, f))
            return true;
    }
    return false;
}

/* Whether path, or a folder it is in, could not be read. */
static bool unread(const tro_release *rel, const char *path)
{
    for (const char *p = path; (p = strchr(p, '/')); p++)
        if (unread_at(rel, path, (size_t)(p - path)))
            return true;
    return unread_at(rel, path, strlen(path));
}

/* One difference per path the release could not read. */
static int add_unread(tro_verify_result *r, const tro_release *rel)
{
    const char *last = NULL;
    int rc = TRO_OK;
    for (size_t i = 0; !rc && i < tro_release_finding_count(rel); i++) {
        const tro_finding *f = tro_release_finding(rel, i);
        if (!trop_finding_unread(rel, f) || (last && !strcmp(last, unread_path(rel, f))))
            continue;
        last = unread_path(rel, f);
        rc = add(r, TRO_DIFF_UNREADABLE, last, trop_strdup(trop_finding_text(f)));
    }
    return rc;
}

static int cmp_diff(const void *pa, const void *pb)
{
    const diff *a = pa, *b = pb;
    int c = strcmp(a->path, b->path);
    return c ? c : (int)a->kind - (int)b->kind;
}

/* Merges the two sorted lists; what could not be read is reported as such,
 * not as missing. */
static int diff_all(tro_verify_result *r, const trop_manifest *m, const tro_release *rel)
{
    size_t i = 0, j = 0, n = tro_release_artifact_count(rel);
    int rc = TRO_OK;
    while (!rc && (i < m->n || j < n)) {
        const tro_artifact *a = j < n ? tro_release_artifact(rel, j) : NULL;
        int c = i >= m->n ? 1 : !a ? -1 : strcmp(m->v[i].path, a->path);
        if (c < 0 && unread(rel, m->v[i].path))
            i++;
        else if (c < 0)
            rc = add(r, TRO_DIFF_MISSING, m->v[i++].path, trop_strdup(""));
        else if (c > 0)
            rc = add(r, TRO_DIFF_EXTRA, a->path, trop_strdup(""));
        else
            rc = compare(r, &m->v[i++], a);
        if (c >= 0)
            j++;
    }
    size_t before = r->n;
    if (!rc && !(rc = add_unread(r, rel)) && r->n > before)
        qsort(r->v, r->n, sizeof *r->v, cmp_diff);
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
                                  "%s: not hashed (the release was scanned with TRO_SCAN_NO_HASH)",
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
