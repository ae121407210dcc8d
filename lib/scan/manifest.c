/* Writing manifests. The text is built by hand rather than through a JSON
 * library so that it is byte-for-byte stable (key order, spacing, escapes)
 * across versions of the library and its dependencies, and so that a
 * million artifacts cost one output buffer, not a tree. */
#include "scan.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct sbuf {
    char *p;
    size_t len, cap;
    bool oom;
} sbuf;

static void sb_put(sbuf *b, const char *s, size_t n)
{
    if (b->oom)
        return;
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 4096;
        while (cap < b->len + n + 1)
            cap *= 2;
        char *v = realloc(b->p, cap);
        if (!v) {
            b->oom = true;
            return;
        }
        b->p = v;
        b->cap = cap;
    }
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
}

static void sb_str(sbuf *b, const char *s)
{
    sb_put(b, s, strlen(s));
}

TROP_PRINTF(2, 3)
static void sb_printf(sbuf *b, const char *fmt, ...)
{
    char tmp[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n >= sizeof tmp)
        b->oom = true; /* only short fixed fields go through here */
    else
        sb_put(b, tmp, (size_t)n);
}

/* A JSON string. The input is valid UTF-8, copied as is; only quotes,
 * backslashes and control characters are escaped. */
static void sb_json(sbuf *b, const char *s)
{
    sb_put(b, "\"", 1);
    const char *run = s;
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c >= 0x20 && c != '"' && c != '\\' && c != 0x7f)
            continue;
        sb_put(b, run, (size_t)(s - run));
        run = s + 1;
        if (c == '"' || c == '\\') {
            char e[2] = {'\\', (char)c};
            sb_put(b, e, 2);
        } else if (c == '\n') {
            sb_str(b, "\\n");
        } else if (c == '\t') {
            sb_str(b, "\\t");
        } else {
            sb_printf(b, "\\u%04x", c);
        }
    }
    sb_put(b, run, (size_t)(s - run));
    sb_put(b, "\"", 1);
}

static void artifact_line(sbuf *b, const tro_artifact *a, bool last)
{
    sb_str(b, "    {\"path\": ");
    sb_json(b, a->path);
    sb_printf(b, ", \"size\": %llu, \"sha256\": \"%s\"", (unsigned long long)a->size,
              a->sha256);
    /* a hash trulyopen did not compute says so; absent means "computed",
     * which keeps the manifests of local releases as they were */
    if (a->sha256_hub)
        sb_str(b, ", \"sha256_source\": \"hub-lfs\"");
    sb_printf(b, ", \"type\": \"%s\"", tro_type_name(a->type));
    if (a->is_lfs)
        sb_printf(b, ", \"lfs\": {\"oid\": \"%s\", \"size\": %llu}", a->lfs_oid,
                  (unsigned long long)a->lfs_size);
    sb_str(b, last ? "}\n" : "},\n");
}

/* A manifest that left out what could not be read would look whole: none
 * is written then, and the message names the first part not read. */
static int refuse_unread(const tro_release *rel)
{
    const tro_finding *first = NULL;
    size_t n = 0;
    for (size_t i = 0; i < tro_release_finding_count(rel); i++) {
        const tro_finding *f = tro_release_finding(rel, i);
        if (trop_finding_unread(rel, f) && !n++)
            first = f;
    }
    if (!first)
        return TRO_OK;
    char more[64] = "";
    if (n > 1)
        snprintf(more, sizeof more, " (%zu parts, the first:)", n);
    return trop_release_fail((tro_release *)rel, TRO_EIO,
                             "not all of the release could be read, and a manifest would leave "
                             "out what was not%s: %s: %s",
                             more, *first->path ? first->path : rel->name,
                             trop_finding_text(first));
}

int tro_release_manifest(const tro_release *rel, char **out, size_t *len)
{
    if (out)
        *out = NULL;
    if (len)
        *len = 0;
    if (!rel || !out)
        return TRO_EINVAL;
    tro_release *mrel = (tro_release *)rel; /* only its error buffer is written */
    size_t n = tro_release_artifact_count(rel);
    for (size_t i = 0; i < n; i++) {
        const tro_artifact *a = tro_release_artifact(rel, i);
        if (!a->hashed)
            return trop_release_fail(mrel, TRO_EINVAL,
                                     "%s: not hashed (scanned with "
                                     "TRO_SCAN_NO_HASH?)",
                                     a->path);
        if (!trop_utf8_valid(a->path, strlen(a->path)))
            return trop_release_fail(mrel, TRO_EINVAL, "an artifact path is not valid UTF-8");
    }
    int rc = refuse_unread(rel);
    if (rc)
        return rc;
    sbuf b = {0};
    sb_printf(&b,
              "{\n  \"format\": \"%s\",\n  \"format_version\": %d,\n"
              "  \"tool\": \"trulyopen %s\",\n  \"artifacts\": [",
              TRO_MANIFEST_FORMAT, TRO_MANIFEST_FORMAT_VERSION, TRO_VERSION_STRING);
    sb_str(&b, n ? "\n" : "");
    for (size_t i = 0; i < n; i++)
        artifact_line(&b, tro_release_artifact(rel, i), i + 1 == n);
    sb_str(&b, n ? "  ]\n}\n" : "]\n}\n");
    if (b.oom) {
        free(b.p);
        return trop_release_fail(mrel, TRO_ENOMEM, "manifest: out of memory");
    }
    *out = b.p;
    if (len)
        *len = b.len;
    return TRO_OK;
}
