/* Releases built from memory, for callers that hold bytes in a database.
 * A buffer is named as a scan names the file (trop_path_escape()), so the
 * escape of one name is never another name; a name already in the release
 * is refused (a binary search: the release is finished, hence sorted, after
 * every call); a failed read leaves the release as it was; the checks
 * across artifacts run again only when the release holds a shard index. */
#include "scan.h"

#include <stdlib.h>
#include <string.h>

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
    char *path = trop_path_escape(name, strlen(name));
    int rc = path ? trop_release_finish(rel) : TRO_ENOMEM;
    bool dup = !rc && trop_release_lookup(rel, path, NULL);
    tro_artifact *a = !rc && !dup ? trop_release_add(rel, path, len) : NULL;
    free(path);
    if (dup)
        return trop_release_fail(rel, TRO_EINVAL, "%s: already in the release", name);
    if (!a)
        return trop_release_fail(rel, TRO_ENOMEM, "%s: out of memory", name);
    if ((rc = read_buffer(rel, a, data, len))) {
        trop_release_pop(rel); /* a failed call leaves the release as it was */
        return trop_release_fail(rel, rc, "%s: %s", name, tro_strerror(rc));
    }
    if (!(rc = trop_release_crosscheck_added(rel, a)))
        rc = trop_release_finish(rel);
    if (rc)
        return trop_release_fail(rel, rc, "%s: %s", name, tro_strerror(rc));
    return 0;
}
