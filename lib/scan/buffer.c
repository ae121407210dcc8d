/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* Releases built from memory, for callers that hold bytes in a database. */
#include "scan.h"

#include <string.h>

int tro_release_add_buffer(tro_release *rel, const char *name,
                           const void *data, size_t len)
{
    if (!rel)
        return TRO_EINVAL;
    if (!data && len)
        return trop_release_fail(rel, TRO_EINVAL, "%s: data is NULL", name ? name : "(null)");
    const char *why = trop_path_problem(name);
    if (why)
        return trop_release_fail(rel, TRO_EINVAL, "%s: invalid artifact name (%s)",
                                 name ? name : "(null)", why);
    if (trop_release_finish(rel))
        return trop_release_fail(rel, TRO_ENOMEM, "%s: out of memory", name);
    if (trop_release_lookup(rel, name, NULL))
        return trop_release_fail(rel, TRO_EINVAL, "%s: already in the release", name);
    if (rel->n >= rel->ctx->limits.max_entries)
        return trop_release_fail(rel, TRO_ELIMIT, "%s: more than %llu artifacts", name,
                                 (unsigned long long)rel->ctx->limits.max_entries);

    tro_artifact *a = trop_release_add(rel, name, len);
    if (!a)
        return trop_release_fail(rel, TRO_ENOMEM, "%s: out of memory", name);
    trop_src src = {.name = a->path, .size = len, .fd = -1, .data = data, .avail = len};
    int rc = trop_artifact_read(rel->ctx, a, &src);
    if (!rc && !(rel->ctx->flags & TRO_SCAN_NO_HASH)) {
        rc = trop_sha256_buf(data, len, a->sha256);
        a->hashed = rc == 0;
    }
    if (!rc)
        rc = trop_release_crosscheck(rel);
    if (!rc)
        rc = trop_release_finish(rel);
    if (rc)
        return trop_release_fail(rel, rc, "%s: %s", name, tro_strerror(rc));
    return 0;
}
