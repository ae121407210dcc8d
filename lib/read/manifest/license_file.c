/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/*
 * License files (TRO_TYPE_LICENSE: LICENSE, LICENCE.md, COPYING, ...): the
 * text is kept for the license identifier (lib/license), which is not this
 * reader's job.
 *
 * Meta keys:
 *   text        the text read (at most limits.max_text_bytes, cut at a
 *               character boundary), without a leading UTF-8 BOM; invalid
 *               UTF-8 bytes are replaced by U+FFFD
 *   bytes       size of the file
 *   lines       lines in the text read
 *   truncated   true when the text is only the first part of the file
 *   utf8_valid  false when invalid bytes were replaced
 */
#include "../readers.h"
#include "../text/text.h"

#include <stdlib.h>
#include <string.h>

static int problems(tro_artifact *a, const trop_text *t)
{
    if (t->over_limit)
        return trop_artifact_finding(a, TRO_SEVERITY_WARNING, "license-too-large",
                                     (int64_t)t->len,
                                     "%s: %llu bytes is over the %zu-byte text limit; only the "
                                     "first %zu bytes were kept", a->path,
                                     (unsigned long long)t->size, t->len, t->len);
    if (t->partial)
        return trop_artifact_finding(a, TRO_SEVERITY_WARNING, "license-partial", (int64_t)t->len,
                                     "%s: only the first %zu of %llu bytes were available",
                                     a->path, t->len, (unsigned long long)t->size);
    if (t->size == 0)
        return trop_artifact_finding(a, TRO_SEVERITY_WARNING, "license-empty", -1,
                                     "%s: the license file is empty", a->path);
    return 0;
}

static int store(tro_artifact *a, const trop_text *t, const char *text, size_t len, bool valid)
{
    json_t *m = a->meta;
    int bad = json_object_set_new_nocheck(m, "text", json_stringn_nocheck(text, len));
    bad |= json_object_set_new_nocheck(m, "bytes", json_integer((json_int_t)t->size));
    bad |= json_object_set_new_nocheck(m, "lines",
                                       json_integer((json_int_t)trop_text_count_lines(text, len)));
    bad |= json_object_set_new_nocheck(m, "truncated", json_boolean(t->over_limit || t->partial));
    bad |= json_object_set_new_nocheck(m, "utf8_valid", json_boolean(valid));
    return bad ? TRO_ENOMEM : 0;
}

int trop_read_license_file(const tro_ctx *ctx, const trop_src *src, tro_artifact *a)
{
    trop_text t;
    int rc = trop_text_read(src, ctx->limits.max_text_bytes, &t);
    if (rc == TRO_EFORMAT || rc == TRO_EIO) {
        int frc = trop_artifact_finding(a, TRO_SEVERITY_ERROR, "license-read-error", -1,
                                        "%s: the file could not be read (%s)", a->path,
                                        tro_strerror(rc));
        return frc ? frc : rc == TRO_EIO ? rc : 0;
    }
    if (rc)
        return rc;
    char *lossy = NULL;
    size_t start = t.len >= 3 && memcmp(t.data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    const char *text = t.data + start;
    size_t len = t.len - start, bad = trop_utf8_check(text, len);
    if ((rc = problems(a, &t)))
        goto done;
    if (bad < len) {
        rc = trop_artifact_finding(a, TRO_SEVERITY_WARNING, "license-invalid-utf8",
                                   (int64_t)(start + bad),
                                   "%s: invalid UTF-8 at byte %zu; the text keeps U+FFFD in "
                                   "place of such bytes", a->path, start + bad);
        if (rc || (rc = trop_utf8_lossy(text, len, &lossy, &len)))
            goto done;
        text = lossy;
    }
    rc = store(a, &t, text, len, bad >= t.len - start);
done:
    free(lossy);
    trop_text_free(&t);
    return rc;
}
