/* Reading manifests: the grammar over the pull parser (json_pull.c). Two
 * passes: the first finds "format" and "format_version" wherever they sit,
 * so a newer manifest is reported as TRO_EVERSION rather than as whatever
 * its new fields would look like to this version; the second reads the
 * artifacts. */
#include "json_pull.h"
#include "scan.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { K_FORMAT = 1, K_VERSION = 2, K_TOOL = 4, K_ARTIFACTS = 8 };
enum { A_PATH = 1, A_SIZE = 2, A_SHA = 4, A_TYPE = 8, A_LFS = 16 };

/* Which of names[] the key in p->buf is (its bit), 0 if none; a repeated
 * key is an error. */
static int key_bit(trop_jp *p, const char *const *names, size_t n, unsigned *seen, unsigned *bit)
{
    *bit = 0;
    for (size_t i = 0; i < n; i++) {
        if (strlen(names[i]) != p->blen || memcmp(p->buf, names[i], p->blen) != 0)
            continue;
        if (*seen & (1u << i))
            return trop_jp_fail(p, TRO_EFORMAT, p->key_pos, "key \"%s\" appears twice", names[i]);
        *seen |= 1u << i;
        *bit = 1u << i;
    }
    return 0;
}

/* Offset of the next token. */
static size_t at(trop_jp *p)
{
    trop_jp_peek(p);
    return p->pos;
}

typedef struct header {
    bool format_ok;
    uint64_t version;
    unsigned seen;
} header;

static int read_header(trop_jp *p, header *h)
{
    static const char *const keys[] = {"format", "format_version", "tool", "artifacts"};
    bool first = true, done = false;
    int rc = trop_jp_open(p, '{');
    while (!rc && !(rc = trop_jp_next(p, true, &first, &done)) && !done) {
        unsigned bit;
        if ((rc = key_bit(p, keys, 4, &h->seen, &bit)))
            break;
        if (bit == K_FORMAT && !(rc = trop_jp_text(p, "format")))
            h->format_ok = !strcmp(p->buf, TRO_MANIFEST_FORMAT) && p->blen == strlen(p->buf);
        else if (bit == K_VERSION)
            rc = trop_jp_whole(p, "format_version", &h->version);
        else if (bit != K_FORMAT)
            rc = trop_jp_skip(p);
    }
    if (!rc && trop_jp_peek(p) >= 0)
        rc = trop_jp_fail(p, TRO_EPARSE, p->pos, "text after the end of the manifest");
    if (rc)
        return rc;
    if (!(h->seen & K_FORMAT) || !h->format_ok)
        return trop_jp_fail(p, TRO_EFORMAT, 0,
                            "not a trulyopen manifest (\"format\" is not \"%s\")",
                            TRO_MANIFEST_FORMAT);
    if (!(h->seen & K_VERSION) || h->version < 1)
        return trop_jp_fail(p, TRO_EFORMAT, 0, "no valid \"format_version\"");
    if (h->version > TRO_MANIFEST_FORMAT_VERSION)
        return trop_jp_fail(p, TRO_EVERSION, 0,
                            "manifest format_version %llu is newer than this trulyopen reads (%d)",
                            (unsigned long long)h->version, TRO_MANIFEST_FORMAT_VERSION);
    if (!(h->seen & K_ARTIFACTS))
        return trop_jp_fail(p, TRO_EFORMAT, 0, "no \"artifacts\" list");
    return 0;
}

static int read_lfs(trop_jp *p, trop_mentry *e, const char *where)
{
    static const char *const keys[] = {"oid", "size"};
    unsigned seen = 0;
    char what[64];
    size_t start = at(p);
    if (trop_jp_peek(p) != '{') {
        int rc = trop_jp_skip(p);
        return rc ? rc : trop_jp_fail(p, TRO_EFORMAT, start, "%s.lfs: expected an object", where);
    }
    bool first = true, done = false;
    int rc = trop_jp_open(p, '{');
    while (!rc && !(rc = trop_jp_next(p, true, &first, &done)) && !done) {
        unsigned bit;
        if ((rc = key_bit(p, keys, 2, &seen, &bit)))
            break;
        snprintf(what, sizeof what, "%s.lfs.%s", where, bit == 1 ? "oid" : "size");
        rc = bit == 1   ? trop_jp_sha256(p, what, e->lfs_oid)
             : bit == 2 ? trop_jp_whole(p, what, &e->lfs_size)
                        : trop_jp_skip(p);
    }
    if (!rc && seen != 3)
        rc = trop_jp_fail(p, TRO_EFORMAT, start, "%s.lfs: needs \"oid\" and \"size\"", where);
    e->lfs = true;
    return rc;
}

static int read_path(trop_jp *p, trop_mentry *e, const char *what)
{
    size_t where = at(p);
    int rc = trop_jp_text(p, what);
    if (rc)
        return rc;
    const char *why = strlen(p->buf) != p->blen ? "NUL character" : trop_path_problem(p->buf);
    int canon = why ? 1 : trop_path_canonical(p->buf, p->blen);
    if (canon < 0)
        return trop_error_set(p->err, TRO_ENOMEM, -1, "out of memory");
    if (!canon) /* each path stands for one file name, and each name has one path */
        why = "a backslash escape trulyopen does not write: \\xHH only for a byte that "
              "is not UTF-8, \\\\ only before x or \\";
    if (why)
        return trop_jp_fail(p, TRO_EFORMAT, where, "%s: not a relative path (%s)", what, why);
    free(e->path);
    if (!(e->path = trop_strdup(p->buf)))
        return trop_error_set(p->err, TRO_ENOMEM, -1, "out of memory");
    return 0;
}

static int read_artifact(trop_jp *p, size_t i, trop_mentry *e)
{
    static const char *const keys[] = {"path", "size", "sha256", "type", "lfs"};
    static const char *const names[] = {"path", "size", "sha256", "type", "lfs"};
    char where[48], what[64];
    snprintf(where, sizeof where, "artifacts[%zu]", i);
    e->offset = at(p);
    if (trop_jp_peek(p) != '{') {
        int rc = trop_jp_skip(p);
        return rc ? rc : trop_jp_fail(p, TRO_EFORMAT, e->offset, "%s: expected an object", where);
    }
    unsigned seen = 0;
    bool first = true, done = false;
    int rc = trop_jp_open(p, '{');
    while (!rc && !(rc = trop_jp_next(p, true, &first, &done)) && !done) {
        unsigned bit;
        if ((rc = key_bit(p, keys, 5, &seen, &bit)))
            break;
        for (size_t k = 0; k < 5; k++)
            if (bit == 1u << k)
                snprintf(what, sizeof what, "%s.%s", where, names[k]);
        rc = bit == A_PATH   ? read_path(p, e, what)
             : bit == A_SIZE ? trop_jp_whole(p, what, &e->size)
             : bit == A_SHA  ? trop_jp_sha256(p, what, e->sha256)
             : bit == A_TYPE ? trop_jp_text(p, what)
             : bit == A_LFS  ? read_lfs(p, e, where)
                             : trop_jp_skip(p);
    }
    if (!rc && (seen & (A_PATH | A_SIZE | A_SHA)) != (A_PATH | A_SIZE | A_SHA))
        rc = trop_jp_fail(p, TRO_EFORMAT, e->offset, "%s: needs \"path\", \"size\" and \"sha256\"",
                          where);
    return rc;
}

static int read_artifacts(trop_jp *p, trop_manifest *m, uint64_t max)
{
    size_t start = at(p);
    if (trop_jp_peek(p) != '[') {
        int rc = trop_jp_skip(p);
        return rc ? rc : trop_jp_fail(p, TRO_EFORMAT, start, "artifacts: expected a list");
    }
    bool first = true, done = false;
    int rc = trop_jp_open(p, '[');
    while (!rc && !(rc = trop_jp_next(p, false, &first, &done)) && !done) {
        if (m->n >= max)
            return trop_jp_fail(p, TRO_ELIMIT, p->pos, "more than %llu artifacts",
                                (unsigned long long)max);
        if (m->n == m->cap) {
            size_t cap = m->cap ? m->cap * 2 : 64;
            trop_mentry *v = realloc(m->v, cap * sizeof *v);
            if (!v)
                return trop_error_set(p->err, TRO_ENOMEM, -1, "out of memory");
            m->v = v;
            m->cap = cap;
        }
        m->v[m->n] = (trop_mentry){0};
        rc = read_artifact(p, m->n, &m->v[m->n]);
        m->n++; /* even if incomplete: its path is freed with the rest */
    }
    return rc;
}

static int read_body(trop_jp *p, trop_manifest *m, uint64_t max)
{
    bool first = true, done = false;
    int rc = trop_jp_open(p, '{');
    while (!rc && !(rc = trop_jp_next(p, true, &first, &done)) && !done)
        rc = p->blen == 9 && !memcmp(p->buf, "artifacts", 9) ? read_artifacts(p, m, max)
                                                             : trop_jp_skip(p);
    return rc;
}

static int cmp_entry(const void *pa, const void *pb)
{
    const trop_mentry *a = pa, *b = pb;
    int c = strcmp(a->path, b->path);
    return c ? c : a->offset < b->offset ? -1 : a->offset > b->offset;
}

int trop_manifest_parse(const char *text, size_t len, const tro_limits *lim, trop_manifest *m,
                        tro_error *err)
{
    trop_jp p = {
        .s = (const unsigned char *)text, .len = len, .max_depth = lim->max_depth, .err = err};
    header h = {0};
    *m = (trop_manifest){0};
    int rc = read_header(&p, &h);
    if (!rc) {
        p.pos = 0;
        p.depth = 0;
        rc = read_body(&p, m, lim->max_entries);
    }
    free(p.buf);
    if (rc) {
        trop_manifest_clear(m);
        return rc;
    }
    if (m->n > 1)
        qsort(m->v, m->n, sizeof *m->v, cmp_entry);
    for (size_t i = 1; i < m->n; i++) {
        if (strcmp(m->v[i - 1].path, m->v[i].path) == 0) {
            rc = trop_error_set(err, TRO_EFORMAT, (int64_t)m->v[i].offset,
                                "artifact \"%s\" listed twice at byte %zu", m->v[i].path,
                                m->v[i].offset);
            trop_manifest_clear(m);
            return rc;
        }
    }
    return 0;
}

void trop_manifest_clear(trop_manifest *m)
{
    for (size_t i = 0; i < m->n; i++)
        free(m->v[i].path);
    free(m->v);
    *m = (trop_manifest){0};
}
