/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* Git LFS pointer files: the small text a clone holds in place of a large
 * file whose content was not downloaded. It declares the SHA-256 and size of
 * the real content, which is what verification compares against. */
#include "../readers.h"

#include <stdlib.h>
#include <string.h>

/* git-lfs treats only blobs under 1024 bytes as pointer candidates. */
#define LFS_POINTER_MAX 1023

static const char *const versions[] = {
    "https://git-lfs.github.com/spec/v1",
    "https://hawser.github.com/spec/v1", /* the pre-release name of git-lfs */
};

typedef struct lfs_pointer {
    bool have_oid, have_size;
    char oid[65];
    uint64_t size;
} lfs_pointer;

static int malformed(tro_artifact *a, size_t off, const char *why)
{
    return trop_artifact_finding(a, TRO_SEVERITY_WARNING, "lfs-pointer-malformed", (int64_t)off,
                                 "%s: malformed Git LFS pointer at byte %zu: %s", a->path, off,
                                 why);
}

static bool key_ok(const char *k, size_t n)
{
    if (n == 0)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!((k[i] >= 'a' && k[i] <= 'z') || (k[i] >= '0' && k[i] <= '9') || k[i] == '.' ||
              k[i] == '-'))
            return false;
    return true;
}

static bool is(const char *s, size_t n, const char *lit)
{
    return n == strlen(lit) && memcmp(s, lit, n) == 0;
}

/* "sha256:" and 64 lowercase hex digits. NULL if fine, else why not. */
static const char *parse_oid(const char *v, size_t n, char out[65])
{
    if (n < 7 || memcmp(v, "sha256:", 7) != 0)
        return "oid is not 'sha256:' followed by the hash (only SHA-256 is defined)";
    if (n != 7 + 64)
        return "oid is not 64 hex digits";
    for (size_t i = 7; i < n; i++)
        if (!((v[i] >= '0' && v[i] <= '9') || (v[i] >= 'a' && v[i] <= 'f')))
            return "oid is not 64 lowercase hex digits";
    memcpy(out, v + 7, 64);
    out[64] = '\0';
    return NULL;
}

static const char *parse_size(const char *v, size_t n, uint64_t *out)
{
    if (n == 0 || (n > 1 && v[0] == '0'))
        return "size is not a decimal number without leading zeros";
    uint64_t x = 0;
    for (size_t i = 0; i < n; i++) {
        if (v[i] < '0' || v[i] > '9')
            return "size is not a decimal number";
        if (!trop_mul_u64(x, 10, &x) || !trop_add_u64(x, (uint64_t)(v[i] - '0'), &x) ||
            x > INT64_MAX)
            return "size is too large";
    }
    *out = x;
    return NULL;
}

/* One "key value" line; NULL if fine, else why not. */
static const char *parse_line(lfs_pointer *p, const char *s, size_t n, bool first)
{
    const char *sp = memchr(s, ' ', n);
    if (!sp)
        return "line is not 'key value'";
    size_t kn = (size_t)(sp - s);
    const char *v = sp + 1;
    size_t vn = n - kn - 1;
    if (!key_ok(s, kn))
        return "key is not made of a-z, 0-9, '.' and '-'";
    if (first) {
        if (!is(s, kn, "version"))
            return "the first line is not 'version'";
        for (size_t i = 0; i < sizeof versions / sizeof *versions; i++)
            if (is(v, vn, versions[i]))
                return NULL;
        return "unknown pointer version";
    }
    if (is(s, kn, "version"))
        return "'version' appears twice";
    if (is(s, kn, "oid")) {
        if (p->have_oid)
            return "'oid' appears twice";
        p->have_oid = true;
        return parse_oid(v, vn, p->oid);
    }
    if (is(s, kn, "size")) {
        if (p->have_size)
            return "'size' appears twice";
        p->have_size = true;
        return parse_size(v, vn, &p->size);
    }
    return NULL; /* extension keys are allowed and kept as they are */
}

/* Returns NULL when the pointer is well formed, else why not, at *bad. */
static const char *parse(lfs_pointer *p, const char *buf, size_t len, size_t *bad)
{
    const char *nul = memchr(buf, '\0', len);
    if (nul) {
        *bad = (size_t)(nul - buf);
        return "NUL byte in a text pointer";
    }
    if (!trop_utf8_valid(buf, len)) {
        *bad = 0;
        return "not valid UTF-8";
    }
    size_t off = 0;
    for (bool first = true; off < len; first = false) {
        const char *line = buf + off;
        const char *nl = memchr(line, '\n', len - off);
        size_t n = nl ? (size_t)(nl - line) : len - off;
        if (n && line[n - 1] == '\r')
            n--; /* tolerated: a checkout with CRLF line ends */
        const char *why = n ? parse_line(p, line, n, first) : "empty line";
        if (why) {
            *bad = off;
            return why;
        }
        off = nl ? (size_t)(nl - buf) + 1 : len;
    }
    *bad = off;
    if (off == 0)
        return "empty pointer";
    if (!p->have_oid)
        return "no 'oid' line";
    if (!p->have_size)
        return "no 'size' line";
    return NULL;
}

int trop_read_lfs(const tro_ctx *ctx, const trop_src *src, tro_artifact *a)
{
    (void)ctx;
    char *buf = NULL;
    size_t len = 0;
    int rc = trop_src_slurp(src, LFS_POINTER_MAX, &buf, &len);
    if (rc == TRO_ENOMEM || rc == TRO_EIO)
        return rc;
    if (rc)
        return malformed(a, 0, "larger than a pointer file can be (1023 bytes)");
    lfs_pointer p = {0};
    size_t bad = 0;
    const char *why = parse(&p, buf, len, &bad);
    free(buf);
    if (why)
        return malformed(a, bad, why);

    json_t *lfs = json_pack("{s:s, s:I}", "oid", p.oid, "size", (json_int_t)p.size);
    if (!lfs || json_object_set_new(a->meta, "lfs", lfs) != 0)
        return TRO_ENOMEM;
    a->is_lfs = true;
    memcpy(a->lfs_oid, p.oid, sizeof a->lfs_oid);
    a->lfs_size = p.size;
    return trop_artifact_finding(a, TRO_SEVERITY_WARNING, "lfs-pointer", -1,
                                 "%s: content not present: Git LFS pointer to %llu bytes, "
                                 "sha256 %s",
                                 a->path, (unsigned long long)p.size, p.oid);
}
