/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/*
 * Checks across artifacts, once the release's files are read: every shard a
 * shard index names is present, and the tensors the safetensors shards
 * declare are exactly the ones the index maps to them.
 *
 * It may run many times on one release (after a tro_release_add_buffer()
 * once the release holds a shard index) so it first removes the findings
 * of its previous run, and it stays O((artifacts + tensors) log) per run:
 * sorted arrays and merges, no pairwise comparisons.
 *
 * Findings (release-level, on the index's path):
 *   index-missing-shard        error    a shard named in weight_map is absent
 *                                       (an LFS pointer standing for it counts
 *                                       as present, but unread)
 *   index-tensor-missing       error    mapped to a shard that does not declare it
 *   index-tensor-wrong-shard   error    mapped to one shard, declared by another
 *   index-tensor-unlisted      error    declared by a shard, absent from weight_map
 *   index-tensor-duplicate     error    declared by two shards
 *   index-total-size-mismatch  warning  metadata.total_size differs from the
 *                                       shards' tensor bytes
 *   index-total-size-file-sizes info    it equals the shards' file sizes instead
 */
#include "readers.h"
#include "safetensors/shards.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PER_KIND 20 /* findings of one kind per index before "... and N more" */

static const char *const codes[] = {
    "index-missing-shard",     "index-tensor-missing",   "index-tensor-wrong-shard",
    "index-tensor-unlisted",   "index-tensor-duplicate", "index-total-size-mismatch",
    "index-total-size-file-sizes",
};
enum { K_MISSING_SHARD, K_MISSING, K_WRONG, K_UNLISTED, K_DUP, K_KINDS };

typedef enum { SHARD_ABSENT, SHARD_UNREAD, SHARD_READ } shard_state;

typedef struct check {
    tro_release *rel;
    const tro_artifact *index;
    const trop_shard_map *map;
    shard_state *state;
    const trop_shard_tensor_list **lists; /* per shard, when read */
    const tro_artifact **arts;       /* per shard, when present */
    unsigned long long count[K_KINDS];
} check;

typedef struct placed {
    const char *name;
    size_t shard;
} placed;

static bool is_ours(const char *code)
{
    for (size_t i = 0; i < sizeof codes / sizeof *codes; i++)
        if (strcmp(code, codes[i]) == 0)
            return true;
    return false;
}

/* Removes the findings an earlier run made, so that runs do not pile up. */
static void drop_previous(tro_release *rel)
{
    trop_findings *fs = &rel->findings;
    size_t keep = 0;
    for (size_t i = 0; i < fs->n; i++) {
        if (is_ours(fs->v[i].code)) {
            free(fs->v[i].code);
            free(fs->v[i].path);
            free(fs->v[i].message);
        } else {
            fs->v[keep++] = fs->v[i];
        }
    }
    if (keep != fs->n)
        rel->findings_done = 0; /* sorted again as a whole by trop_release_finish() */
    fs->n = keep;
}

static int report(check *c, int kind, const char *fmt, ...) TROP_PRINTF(3, 4);
static int report(check *c, int kind, const char *fmt, ...)
{
    if (++c->count[kind] > PER_KIND)
        return TRO_OK;
    va_list ap;
    va_start(ap, fmt);
    int rc = trop_findings_addv(&c->rel->findings, TRO_SEVERITY_ERROR, codes[kind],
                                c->index->path, -1, fmt, ap);
    va_end(ap);
    return rc;
}

static int report_overflow(check *c)
{
    for (int k = 0; k < K_KINDS; k++) {
        if (c->count[k] <= PER_KIND)
            continue;
        int rc = trop_release_finding(c->rel, TRO_SEVERITY_ERROR, codes[k], c->index->path, -1,
                                      "%s: ... and %llu more like the above", c->index->path,
                                      c->count[k] - PER_KIND);
        if (rc)
            return rc;
    }
    return TRO_OK;
}

static int cmp_art(const void *pa, const void *pb)
{
    const tro_artifact *a = *(const tro_artifact *const *)pa;
    const tro_artifact *b = *(const tro_artifact *const *)pb;
    return strcmp(a->path, b->path);
}

static const tro_artifact *find(const tro_artifact **sorted, size_t n, const char *path)
{
    tro_artifact key = {.path = (char *)path};
    const tro_artifact *kp = &key;
    const tro_artifact **hit = bsearch(&kp, sorted, n, sizeof *sorted, cmp_art);
    return hit ? *hit : NULL;
}

/* Locates each shard relative to the index's folder. */
static int locate_shards(check *c, const tro_artifact **sorted, size_t n)
{
    const char *slash = strrchr(c->index->path, '/');
    int dir = slash ? (int)(slash - c->index->path + 1) : 0;
    for (size_t i = 0; i < c->map->nshards; i++) {
        char *path = trop_asprintf("%.*s%s", dir, c->index->path, c->map->shards[i]);
        if (!path)
            return TRO_ENOMEM;
        const tro_artifact *s = find(sorted, n, path);
        free(path);
        c->arts[i] = s;
        c->lists[i] = trop_shard_tensor_list_of(s);
        c->state[i] = !s ? SHARD_ABSENT : c->lists[i] ? SHARD_READ : SHARD_UNREAD;
        if (!s && report(c, K_MISSING_SHARD, "%s: shard '%s' named in weight_map is not in the "
                                             "release", c->index->path, c->map->shards[i]))
            return TRO_ENOMEM;
    }
    return TRO_OK;
}

static int cmp_placed(const void *pa, const void *pb)
{
    const placed *x = pa, *y = pb;
    int r = strcmp(x->name, y->name);
    if (r)
        return r;
    return x->shard < y->shard ? -1 : x->shard > y->shard;
}

static const char *shard_name(const check *c, size_t s)
{
    return s == SIZE_MAX ? "(unusable name)" : c->map->shards[s];
}

/* One tensor name: the run of shards declaring it (maybe empty) against its
 * weight_map entry (maybe NULL). */
static int judge_name(check *c, const placed *run, size_t k, const trop_shard_entry *e)
{
    const char *name = k ? run[0].name : e->name;
    int rc = TRO_OK;
    if (k >= 2)
        rc = report(c, K_DUP, "%s: tensor '%s' is declared by shards '%s' and '%s'",
                    c->index->path, name, shard_name(c, run[0].shard), shard_name(c, run[1].shard));
    if (rc)
        return rc;
    if (!e)
        return report(c, K_UNLISTED, "%s: tensor '%s' of shard '%s' is not in weight_map",
                      c->index->path, name, shard_name(c, run[0].shard));
    for (size_t i = 0; i < k; i++)
        if (run[i].shard == e->shard)
            return TRO_OK;
    if (k)
        return report(c, K_WRONG, "%s: tensor '%s' is mapped to '%s' but declared by '%s'",
                      c->index->path, name, shard_name(c, e->shard), shard_name(c, run[0].shard));
    if (e->shard != SIZE_MAX && c->state[e->shard] == SHARD_READ)
        return report(c, K_MISSING, "%s: tensor '%s' is mapped to '%s', which does not declare it",
                      c->index->path, name, shard_name(c, e->shard));
    return TRO_OK;
}

/* Merges the sorted (name, shard) pairs of the read shards with the sorted
 * weight_map. */
static int match_tensors(check *c)
{
    size_t total = 0;
    for (size_t i = 0; i < c->map->nshards; i++)
        if (c->lists[i])
            total += c->lists[i]->n;
    if (!total)
        return TRO_OK;
    placed *p = malloc(total * sizeof *p);
    if (!p)
        return TRO_ENOMEM;
    size_t np = 0;
    for (size_t i = 0; i < c->map->nshards; i++)
        for (size_t j = 0; c->lists[i] && j < c->lists[i]->n; j++)
            p[np++] = (placed){c->lists[i]->names[j], i};
    qsort(p, np, sizeof *p, cmp_placed);
    const trop_shard_entry *m = c->map->entries;
    size_t i = 0, j = 0, nm = c->map->n;
    int rc = TRO_OK;
    while (!rc && (i < np || j < nm)) {
        int order = i == np ? 1 : j == nm ? -1 : strcmp(p[i].name, m[j].name);
        size_t k = 0;
        if (order <= 0)
            while (i + k < np && strcmp(p[i + k].name, p[i].name) == 0)
                k++;
        rc = judge_name(c, p + i, k, order >= 0 ? &m[j] : NULL);
        i += k;
        j += order >= 0;
    }
    free(p);
    return rc;
}

/* metadata.total_size against the shards' tensor bytes, when all are read. */
static int check_total(check *c)
{
    uint64_t tensors = 0, files = 0;
    for (size_t i = 0; i < c->map->nshards; i++) {
        if (c->state[i] != SHARD_READ || !c->lists[i]->valid)
            return TRO_OK;
        tensors += c->lists[i]->tensor_bytes;
        files += c->arts[i]->size;
    }
    if (!c->map->nshards || c->map->total_size == tensors)
        return TRO_OK;
    const char *p = c->index->path;
    unsigned long long t = c->map->total_size;
    if (c->map->total_size == files)
        return trop_release_finding(c->rel, TRO_SEVERITY_INFO, codes[6], p, -1,
                                    "%s: metadata.total_size %llu is the sum of the shard file "
                                    "sizes, not of their tensor bytes (%llu), as some tools write it",
                                    p, t, (unsigned long long)tensors);
    return trop_release_finding(c->rel, TRO_SEVERITY_WARNING, codes[5], p, -1,
                                "%s: metadata.total_size is %llu but the shards' tensors take "
                                "%llu bytes", p, t, (unsigned long long)tensors);
}

static int check_index(tro_release *rel, const tro_artifact *idx, const tro_artifact **sorted,
                       size_t n)
{
    check c = {.rel = rel, .index = idx, .map = trop_shard_map_of(idx)};
    size_t ns = c.map->nshards ? c.map->nshards : 1;
    c.state = calloc(ns, sizeof *c.state);
    c.lists = calloc(ns, sizeof *c.lists);
    c.arts = calloc(ns, sizeof *c.arts);
    int rc = c.state && c.lists && c.arts ? TRO_OK : TRO_ENOMEM;
    if (!rc)
        rc = locate_shards(&c, sorted, n);
    if (!rc && idx->type == TRO_TYPE_SAFETENSORS_INDEX)
        rc = match_tensors(&c);
    if (!rc && c.map->has_total && idx->type == TRO_TYPE_SAFETENSORS_INDEX)
        rc = check_total(&c);
    if (!rc)
        rc = report_overflow(&c);
    free(c.state);
    free(c.lists);
    free(c.arts);
    return rc;
}

int trop_release_crosscheck(tro_release *rel)
{
    if (!rel)
        return TRO_EINVAL;
    drop_previous(rel);
    size_t nidx = 0;
    for (size_t i = 0; i < rel->n; i++)
        nidx += trop_shard_map_of(rel->arts[i]) != NULL;
    rel->shard_indexes = nidx;
    if (!nidx)
        return TRO_OK;
    const tro_artifact **sorted = malloc(rel->n * sizeof *sorted);
    if (!sorted)
        return TRO_ENOMEM;
    memcpy(sorted, rel->arts, rel->n * sizeof *sorted);
    qsort(sorted, rel->n, sizeof *sorted, cmp_art);
    int rc = TRO_OK;
    for (size_t i = 0; i < rel->n && !rc; i++)
        if (trop_shard_map_of(sorted[i]))
            rc = check_index(rel, sorted[i], sorted, rel->n);
    free(sorted);
    return rc;
}

int trop_release_crosscheck_added(tro_release *rel, const tro_artifact *a)
{
    if (!rel->shard_indexes && !trop_shard_map_of(a))
        return TRO_OK; /* nothing to check across: adding stays O(1) here */
    return trop_release_crosscheck(rel);
}
