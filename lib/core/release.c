/* Releases and their artifacts: ownership, ordering and accessors. */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const type_names[TRO_TYPE__COUNT] = {
    [TRO_TYPE_OTHER] = "other",
    [TRO_TYPE_MODEL_CARD] = "model-card",
    [TRO_TYPE_SAFETENSORS] = "safetensors",
    [TRO_TYPE_SAFETENSORS_INDEX] = "safetensors-index",
    [TRO_TYPE_GGUF] = "gguf",
    [TRO_TYPE_PYTORCH] = "pytorch",
    [TRO_TYPE_PICKLE] = "pickle",
    [TRO_TYPE_CONFIG] = "config",
    [TRO_TYPE_LICENSE] = "license",
    [TRO_TYPE_CROISSANT] = "croissant",
    [TRO_TYPE_DATAPACKAGE] = "datapackage",
    [TRO_TYPE_MOF] = "mof",
    [TRO_TYPE_LFS_POINTER] = "lfs-pointer",
    [TRO_TYPE_PYTORCH_INDEX] = "pytorch-index",
    [TRO_TYPE_MARKDOWN] = "markdown",
    [TRO_TYPE_NUMPY] = "numpy",
    [TRO_TYPE_KERAS] = "keras",
    [TRO_TYPE_HDF5] = "hdf5",
    [TRO_TYPE_SAVED_MODEL] = "saved-model",
};

const char *tro_type_name(tro_type type)
{
    if ((int)type < 0 || type >= TRO_TYPE__COUNT)
        return "other";
    return type_names[type];
}

int tro_release_new(tro_release **out, tro_ctx *ctx, const char *name)
{
    if (!out)
        return TRO_EINVAL;
    *out = NULL;
    if (!ctx)
        return TRO_EINVAL;
    tro_release *rel = calloc(1, sizeof *rel);
    if (!rel)
        return TRO_ENOMEM;
    rel->ctx = ctx;
    rel->name = trop_strdup(name ? name : "");
    if (!rel->name) {
        free(rel);
        return TRO_ENOMEM;
    }
    *out = rel;
    return TRO_OK;
}

static void artifact_free(tro_artifact *a)
{
    if (!a)
        return;
    free(a->path);
    free(a->fs_path);
    json_decref(a->meta);
    trop_findings_clear(&a->findings);
    trop_arena_free(&a->mem);
    free(a);
}

void tro_release_free(tro_release *rel)
{
    if (!rel)
        return;
    for (size_t i = 0; i < rel->n; i++)
        artifact_free(rel->arts[i]);
    free(rel->arts);
    trop_findings_clear(&rel->findings);
    free(rel->name);
    free(rel->origin);
    free(rel);
}

tro_artifact *trop_release_add(tro_release *rel, const char *path, uint64_t size)
{
    if (rel->n == rel->cap) {
        size_t cap = rel->cap ? rel->cap * 2 : 16;
        tro_artifact **v = realloc(rel->arts, cap * sizeof *v);
        if (!v)
            return NULL;
        rel->arts = v;
        rel->cap = cap;
    }
    tro_artifact *a = calloc(1, sizeof *a);
    if (!a)
        return NULL;
    a->path = trop_strdup(path);
    a->meta = json_object();
    if (!a->path || !a->meta) {
        artifact_free(a);
        return NULL;
    }
    a->size = size;
    rel->arts[rel->n++] = a;
    return a;
}

void trop_release_pop(tro_release *rel)
{
    if (rel->n > rel->arts_done) /* not yet sorted in: still the last one */
        artifact_free(rel->arts[--rel->n]);
}

int trop_release_finding(tro_release *rel, tro_severity sev, const char *code,
                         const char *path, int64_t offset, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int rc = trop_findings_addv(&rel->findings, sev, code, path, offset, fmt, ap);
    va_end(ap);
    return rc;
}

int trop_release_fail(tro_release *rel, int code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(rel->errbuf, sizeof rel->errbuf, fmt, ap);
    va_end(ap);
    return code;
}

static int cmp_ptr(const void *pa, const void *pb)
{
    uintptr_t a = (uintptr_t) * (void *const *)pa, b = (uintptr_t) * (void *const *)pb;
    return a < b ? -1 : a > b;
}

/* Moves the findings of af to the end of the release's list. */
static int adopt_findings(tro_release *rel, trop_findings *af)
{
    if (!af->n)
        return TRO_OK;
    size_t need = rel->findings.n + af->n;
    if (need > rel->findings.cap) {
        tro_finding *v = realloc(rel->findings.v, need * sizeof *v);
        if (!v)
            return TRO_ENOMEM;
        rel->findings.v = v;
        rel->findings.cap = need;
    }
    memcpy(rel->findings.v + rel->findings.n, af->v, af->n * sizeof *af->v);
    rel->findings.n = need;
    free(af->v);
    af->v = NULL;
    af->n = af->cap = 0;
    return TRO_OK;
}

int trop_release_drop(tro_release *rel, tro_artifact *const *drop, size_t n, bool keep_findings)
{
    if (!n)
        return TRO_OK;
    tro_artifact **set = malloc(n * sizeof *set);
    if (!set)
        return TRO_ENOMEM;
    memcpy(set, drop, n * sizeof *set);
    qsort(set, n, sizeof *set, cmp_ptr);
    int rc = TRO_OK;
    size_t kept = 0;
    for (size_t i = 0; i < rel->n; i++) {
        tro_artifact *a = rel->arts[i];
        if (bsearch(&a, set, n, sizeof *set, cmp_ptr) &&
            (!keep_findings || adopt_findings(rel, &a->findings) == 0)) {
            artifact_free(a);
            continue;
        }
        if (bsearch(&a, set, n, sizeof *set, cmp_ptr))
            rc = TRO_ENOMEM; /* kept, so its findings are not lost */
        rel->arts[kept++] = a;
    }
    rel->n = kept;
    rel->arts_done = 0; /* kept in order, but their findings are to be adopted again */
    free(set);
    return rc;
}

static int cmp_artifact(const void *pa, const void *pb)
{
    const tro_artifact *a = *(tro_artifact *const *)pa;
    const tro_artifact *b = *(tro_artifact *const *)pb;
    return strcmp(a->path, b->path);
}

static int cmp_finding(const void *pa, const void *pb)
{
    const tro_finding *a = pa, *b = pb;
    int c = strcmp(a->path, b->path);
    if (c)
        return c;
    if (a->offset != b->offset)
        return a->offset < b->offset ? -1 : 1;
    if ((c = strcmp(a->code, b->code)))
        return c;
    if (a->severity != b->severity)
        return a->severity > b->severity ? -1 : 1;
    return strcmp(a->message, b->message);
}

/* Puts the items v[done..n) (sorted among themselves or not) in order
 * among the sorted v[0..done): one new item is inserted where a binary
 * search puts it (a release built one buffer at a time), more are sorted
 * with the rest. */
static void merge_new(void *v, size_t n, size_t done, size_t size,
                      int (*cmp)(const void *, const void *))
{
    if (n == done)
        return;
    if (n - done > 1 || done == 0) {
        qsort(v, n, size, cmp);
        return;
    }
    char *base = v, item[sizeof(tro_finding) > sizeof(void *) ? sizeof(tro_finding)
                                                                : sizeof(void *)];
    memcpy(item, base + done * size, size);
    size_t lo = 0, hi = done;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (cmp(base + mid * size, item) <= 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    memmove(base + (lo + 1) * size, base + lo * size, (done - lo) * size);
    memcpy(base + lo * size, item, size);
}

int trop_release_finish(tro_release *rel)
{
    for (size_t i = rel->arts_done; i < rel->n; i++)
        if (adopt_findings(rel, &rel->arts[i]->findings))
            return TRO_ENOMEM;
    merge_new(rel->arts, rel->n, rel->arts_done, sizeof *rel->arts, cmp_artifact);
    rel->arts_done = rel->n;
    merge_new(rel->findings.v, rel->findings.n, rel->findings_done, sizeof *rel->findings.v,
              cmp_finding);
    rel->findings_done = rel->findings.n;
    return TRO_OK;
}

tro_artifact *trop_release_lookup(const tro_release *rel, const char *path, size_t *at)
{
    size_t lo = 0, hi = rel->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(rel->arts[mid]->path, path);
        if (c == 0) {
            if (at)
                *at = mid;
            return rel->arts[mid];
        }
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (at)
        *at = lo;
    return NULL;
}

const char *tro_release_last_error(const tro_release *rel)
{
    return rel ? rel->errbuf : "";
}

const char *tro_release_name(const tro_release *rel)
{
    return rel ? rel->name : "";
}

size_t tro_release_artifact_count(const tro_release *rel)
{
    return rel ? rel->n : 0;
}

const tro_artifact *tro_release_artifact(const tro_release *rel, size_t i)
{
    if (!rel || i >= rel->n)
        return NULL;
    return rel->arts[i];
}

const tro_artifact *tro_release_find(const tro_release *rel, const char *path)
{
    return rel && path ? trop_release_lookup(rel, path, NULL) : NULL;
}

size_t tro_release_finding_count(const tro_release *rel)
{
    return rel ? rel->findings.n : 0;
}

const tro_finding *tro_release_finding(const tro_release *rel, size_t i)
{
    if (!rel || i >= rel->findings.n)
        return NULL;
    return &rel->findings.v[i];
}

const char *tro_artifact_path(const tro_artifact *a)
{
    return a ? a->path : "";
}

uint64_t tro_artifact_size(const tro_artifact *a)
{
    return a ? a->size : 0;
}

const char *tro_artifact_sha256(const tro_artifact *a)
{
    return a && a->hashed ? a->sha256 : NULL;
}

const char *tro_artifact_sha256_source(const tro_artifact *a)
{
    if (!a || !a->hashed)
        return NULL;
    return a->sha256_hub ? "hub-lfs" : "computed";
}

tro_type tro_artifact_type(const tro_artifact *a)
{
    return a ? a->type : TRO_TYPE_OTHER;
}

int tro_artifact_lfs(const tro_artifact *a, const char **oid_sha256, uint64_t *size)
{
    if (!a || !a->is_lfs)
        return 0;
    if (oid_sha256)
        *oid_sha256 = a->lfs_oid;
    if (size)
        *size = a->lfs_size;
    return 1;
}
