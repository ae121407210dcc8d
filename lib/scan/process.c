/* The per-artifact pipeline shared by every way of building a release. */
#include "scan.h"

#include <string.h>

int trop_artifact_read(const tro_ctx *ctx, tro_artifact *a, const trop_src *src)
{
    unsigned char head[TROP_DETECT_HEAD];
    size_t n = src->size < sizeof head ? (size_t)src->size : sizeof head;
    if (!trop_src_random(src) && n > src->avail)
        n = (size_t)src->avail;
    int rc = trop_src_read(src, 0, head, n);
    if (rc == TRO_EIO) {
        trop_artifact_finding(a, TRO_SEVERITY_ERROR, "read-error", -1,
                              "%s: cannot read the file", a->path);
        return TRO_EIO;
    }
    if (rc)
        n = 0;
    a->type = trop_detect_type(a->path, head, n, src->size);
    if (ctx->flags & TRO_SCAN_NO_READERS)
        return TRO_OK;
    return trop_read(ctx, src, a);
}

const char *trop_path_problem(const char *name)
{
    if (!name || !*name)
        return "empty name";
    if (name[0] == '/')
        return "absolute path";
    const char *p = name;
    for (;;) {
        const char *slash = strchr(p, '/');
        size_t len = slash ? (size_t)(slash - p) : strlen(p);
        if (len == 0)
            return "empty path component";
        if (len == 2 && p[0] == '.' && p[1] == '.')
            return "'..' component";
        if (len == 1 && p[0] == '.')
            return "'.' component";
        if (!slash)
            break;
        p = slash + 1;
    }
    return NULL;
}
