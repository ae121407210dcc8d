/* Releases built from memory, for callers that hold bytes in a database.
 * Adding a buffer costs its own bytes, not the release's size: duplicates
 * are found in a set of the paths, and the checks across artifacts (shard
 * indexes) wait until the release is read. */
#include "scan.h"

#include <stdlib.h>
#include <string.h>

/* The set of the release's paths, made once (a release may hold scanned
 * artifacts before its first buffer). */
static int paths_of(tro_release *rel, trop_nameset **out)
{
    if (rel->paths && rel->paths->n == rel->n) {
        *out = rel->paths;
        return TRO_OK;
    }
    if (!rel->paths && !(rel->paths = calloc(1, sizeof *rel->paths)))
        return TRO_ENOMEM;
    trop_nameset_free(rel->paths);
    for (size_t i = 0; i < rel->n; i++)
        if (trop_nameset_add(rel->paths, rel->arts[i]->path) < 0) {
            trop_nameset_free(rel->paths);
            return TRO_ENOMEM;
        }
    *out = rel->paths;
    return TRO_OK;
}

static int read_buffer(tro_release *rel, tro_artifact *a, const void *data, size_t len)
{
    trop_src src = {.name = a->path, .size = len, .fd = -1, .data = data, .avail = len};
    int rc = trop_artifact_read(rel->ctx, a, &src);
    if (!rc && !(rel->ctx->flags & TRO_SCAN_NO_HASH)) {
        rc = trop_sha256_buf(data, len, a->sha256);
        a->hashed = rc == 0;
    }
    return rc;
}

int tro_release_add_buffer(tro_release *rel, const char *name, const void *data, size_t len)
{
    if (!rel)
        return TRO_EINVAL;
    if (!data && len)
        return trop_release_fail(rel, TRO_EINVAL, "%s: data is NULL", name ? name : "(null)");
    const char *why = trop_path_problem(name);
    if (why)
        return trop_release_fail(rel, TRO_EINVAL, "%s: invalid artifact name (%s)",
                                 name ? name : "(null)", why);
    if (rel->n >= rel->ctx->limits.max_entries)
        return trop_release_fail(rel, TRO_ELIMIT, "%s: more than %llu artifacts", name,
                                 (unsigned long long)rel->ctx->limits.max_entries);
    trop_nameset *paths;
    char *path = trop_path_escape(name, strlen(name)); /* as a scan names the file */
    int rc = path ? paths_of(rel, &paths) : TRO_ENOMEM;
    int added = rc ? rc : trop_nameset_add(paths, path);
    tro_artifact *a = added > 0 ? trop_release_add(rel, path, len) : NULL;
    free(path);
    if (added == 0)
        return trop_release_fail(rel, TRO_EINVAL, "%s: already in the release", name);
    if (!a) {
        if (added > 0) /* the set no longer mirrors the artifacts: remade next time */
            trop_nameset_free(paths);
        return trop_release_fail(rel, TRO_ENOMEM, "%s: out of memory", name);
    }
    if ((rc = read_buffer(rel, a, data, len))) {
        trop_release_pop(rel); /* a failed call leaves the release as it was */
        trop_nameset_free(paths);
        return trop_release_fail(rel, rc, "%s: %s", name, tro_strerror(rc));
    }
    rel->pending = trop_release_crosscheck;
    return TRO_OK;
}
