/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* The zip side of the PyTorch reader (pytorch.c, pytorch_archive.c,
 * pytorch_cd.c) on zips built here, byte by byte: whole archives read
 * through libarchive, and streamed ones (a memory prefix plus the kept
 * tail) whose entries past the prefix are listed from the central
 * directory. Each malformed directory must give a pytorch-malformed
 * finding that names the file and the byte offset of the fault. */
#include "read_test.h"
#include "readers.h"

#include <stdint.h>

/* ---- A small zip writer ------------------------------------------------- */

typedef struct zbuf {
    unsigned char b[16384];
    size_t n;
} zbuf;

static void put(zbuf *z, const void *p, size_t n)
{
    if (z->n + n > sizeof z->b)
        abort(); /* a fixture bigger than the buffer is a bug in this test */
    memcpy(z->b + z->n, p, n);
    z->n += n;
}

static void put16(zbuf *z, unsigned v)
{
    unsigned char b[2] = {v & 0xff, (v >> 8) & 0xff};
    put(z, b, 2);
}

static void put32(zbuf *z, uint32_t v)
{
    put16(z, v & 0xffff);
    put16(z, v >> 16);
}

static void put64(zbuf *z, uint64_t v)
{
    put32(z, (uint32_t)v);
    put32(z, (uint32_t)(v >> 32));
}

static void set16(zbuf *z, size_t at, unsigned v)
{
    z->b[at] = v & 0xff;
    z->b[at + 1] = (v >> 8) & 0xff;
}

static void set32(zbuf *z, size_t at, uint32_t v)
{
    set16(z, at, v & 0xffff);
    set16(z, at + 2, v >> 16);
}

static uint32_t crc32(const unsigned char *p, size_t n)
{
    uint32_t c = 0xffffffffu;
    for (size_t i = 0; i < n; i++) {
        c ^= p[i];
        for (int k = 0; k < 8; k++)
            c = (c >> 1) ^ (0xedb88320u & (0u - (c & 1)));
    }
    return ~c;
}

typedef struct member {
    const char *name;
    const void *data;
    size_t len;
    bool deflate; /* method 8, as one stored deflate block */
} member;

/* Where the parts of a built zip are, for the tests that break them. */
typedef struct layout {
    size_t lho[8]; /* local header of each member */
    size_t cdh[8]; /* its central directory record */
    size_t cd_off; /* start of the central directory */
    size_t eocd;   /* end of central directory record */
} layout;

/* Writes the members, their central directory, and the end records; with
 * zip64, the directory's sizes and offsets go through zip64 extra fields
 * and a zip64 end record, as a writer of big checkpoints does. */
static void build(zbuf *z, layout *l, const member *m, size_t n, bool zip64)
{
    uint32_t csize[8], crc[8];
    memset(z, 0, sizeof *z);
    memset(l, 0, sizeof *l);
    for (size_t i = 0; i < n; i++) {
        size_t nlen = strlen(m[i].name);
        crc[i] = crc32(m[i].data, m[i].len);
        csize[i] = (uint32_t)(m[i].len + (m[i].deflate ? 5 : 0));
        l->lho[i] = z->n;
        put(z, "PK\3\4", 4);
        put16(z, 20);
        put16(z, 0);
        put16(z, m[i].deflate ? 8 : 0);
        put16(z, 0);
        put16(z, 0x21); /* 1980-01-01 */
        put32(z, crc[i]);
        put32(z, csize[i]);
        put32(z, (uint32_t)m[i].len);
        put16(z, (unsigned)nlen);
        put16(z, 0);
        put(z, m[i].name, nlen);
        if (m[i].deflate) {
            unsigned char blk[5] = {1, m[i].len & 0xff, (m[i].len >> 8) & 0xff, ~m[i].len & 0xff,
                                    (~m[i].len >> 8) & 0xff};
            put(z, blk, sizeof blk);
        }
        put(z, m[i].data, m[i].len);
    }
    l->cd_off = z->n;
    for (size_t i = 0; i < n; i++) {
        size_t nlen = strlen(m[i].name);
        l->cdh[i] = z->n;
        put(z, "PK\1\2", 4);
        put16(z, zip64 ? 45 : 20);
        put16(z, zip64 ? 45 : 20);
        put16(z, 0);
        put16(z, m[i].deflate ? 8 : 0);
        put16(z, 0);
        put16(z, 0x21);
        put32(z, crc[i]);
        put32(z, zip64 ? 0xffffffffu : csize[i]);
        put32(z, zip64 ? 0xffffffffu : (uint32_t)m[i].len);
        put16(z, (unsigned)nlen);
        put16(z, zip64 ? 28 : 0);
        put16(z, 0); /* comment */
        put16(z, 0); /* disk */
        put16(z, 0);
        put32(z, 0);
        put32(z, zip64 ? 0xffffffffu : (uint32_t)l->lho[i]);
        put(z, m[i].name, nlen);
        if (zip64) {
            put16(z, 1);
            put16(z, 24);
            put64(z, m[i].len);
            put64(z, csize[i]);
            put64(z, l->lho[i]);
        }
    }
    size_t cd_size = z->n - l->cd_off;
    if (zip64) {
        size_t rec = z->n;
        put(z, "PK\6\6", 4);
        put64(z, 44);
        put16(z, 45);
        put16(z, 45);
        put32(z, 0);
        put32(z, 0);
        put64(z, n);
        put64(z, n);
        put64(z, cd_size);
        put64(z, l->cd_off);
        put(z, "PK\6\7", 4);
        put32(z, 0);
        put64(z, rec);
        put32(z, 1);
    }
    l->eocd = z->n;
    put(z, "PK\5\6", 4);
    put16(z, 0);
    put16(z, 0);
    put16(z, zip64 ? 0xffff : (unsigned)n);
    put16(z, zip64 ? 0xffff : (unsigned)n);
    put32(z, zip64 ? 0xffffffffu : (uint32_t)cd_size);
    put32(z, zip64 ? 0xffffffffu : (uint32_t)l->cd_off);
    put16(z, 0);
}

/* ---- Running the reader ------------------------------------------------- */

/* Reads z as model.pt: whole when prefix is 0, else streamed: only the
 * first `prefix` bytes and the last `tail` bytes are at hand. */
static json_t *read_zip(rt *r, const zbuf *z, size_t prefix, size_t tail)
{
    tro_ctx_options o = TRO_CTX_OPTIONS_INIT;
    memset(r, 0, sizeof *r);
    o.threads = 1;
    if (tro_ctx_new(&r->ctx, &o, NULL) || tro_release_new(&r->rel, r->ctx, "test") ||
        !(r->a = trop_release_add(r->rel, "model.pt", z->n)))
        return NULL;
    r->a->type = TRO_TYPE_PYTORCH;
    trop_src src = {
        .name = "model.pt", .size = z->n, .fd = -1, .data = z->b, .avail = prefix ? prefix : z->n};
    if (tail) {
        src.tail = z->b + z->n - tail;
        src.tail_len = tail;
    }
    r->rc = trop_read_pytorch(r->ctx, &src, r->a);
    return rt_meta(r);
}

static long long meta_int(json_t *m, const char *key)
{
    json_t *v = json_object_get(m, key);
    return json_is_integer(v) ? (long long)json_integer_value(v) : -1;
}

/* The only pytorch-malformed finding names the file and byte `at`, its
 * offset is `at`, and its message says `why`. */
static void check_malformed(const rt *r, uint64_t at, const char *why)
{
    const tro_finding *f = rt_finding(r, "pytorch-malformed");
    CHECK(f != NULL);
    if (!f) {
        rt_dump_findings(r);
        return;
    }
    char where[64];
    snprintf(where, sizeof where, "model.pt: byte %llu: ", (unsigned long long)at);
    CHECK_CONTAINS(f->message, where);
    CHECK_CONTAINS(f->message, why);
    CHECK_CONTAINS(f->message, "the central directory was not used");
    CHECK_INT(f->offset, (long long)at);
    CHECK_INT(f->severity, TRO_SEVERITY_WARNING);
    CHECK_INT(rt_count(r, "pytorch-malformed"), 1);
    /* without a usable directory the streamed walk's error stands */
    CHECK(rt_finding(r, "pytorch-scan-incomplete") != NULL);
    CHECK(rt_finding(r, "pytorch-storages-not-read") == NULL);
}

/* ---- The fixtures ------------------------------------------------------- */

/* PROTO 2, EMPTY_DICT, BINPUT 0, STOP: a state dict with no tensors. */
static const unsigned char pkl[] = {0x80, 2, '}', 'q', 0, '.'};
static unsigned char storage[3000];

/* data.pkl deflated, the rest stored, in the order torch.save writes. */
static const member torch_members[] = {
    {"archive/data.pkl", pkl, sizeof pkl, true},
    {"archive/byteorder", "little", 6, false},
    {"archive/data/0", storage, sizeof storage, false},
    {"archive/version", "3\n", 2, false},
};
#define N_TORCH (sizeof torch_members / sizeof *torch_members)

/* A prefix ending inside the storage, a tail holding the version entry
 * and the whole directory. */
static size_t cut(const layout *l)
{
    return l->lho[2] + 100;
}
static size_t tail_of(const zbuf *z, const layout *l)
{
    return z->n - l->lho[3];
}

static void test_whole(bool zip64)
{
    zbuf z;
    layout l;
    rt r;
    build(&z, &l, torch_members, N_TORCH, zip64);
    json_t *m = read_zip(&r, &z, 0, 0);
    CHECK(m != NULL);
    CHECK_INT(r.rc, TRO_OK);
    CHECK_STR(json_string_value(json_object_get(m, "format")), "zip");
    CHECK_STR(json_string_value(json_object_get(m, "prefix")), "archive");
    CHECK_STR(json_string_value(json_object_get(m, "byteorder")), "little");
    CHECK_INT(meta_int(m, "version"), 3);
    CHECK_INT(meta_int(m, "entries"), 4);
    CHECK(json_object_get(m, "storages_not_read") == NULL); /* no directory needed */
    CHECK_INT(rt_count_sev(&r, TRO_SEVERITY_WARNING), 0);
    if (rt_count_sev(&r, TRO_SEVERITY_WARNING))
        rt_dump_findings(&r);
    rt_free(&r);
}

/* Past the prefix, the storage and the version come from the directory. */
static void test_streamed(bool zip64)
{
    zbuf z;
    layout l;
    rt r;
    build(&z, &l, torch_members, N_TORCH, zip64);
    json_t *m = read_zip(&r, &z, cut(&l), tail_of(&z, &l));
    CHECK_INT(r.rc, TRO_OK);
    CHECK_INT(meta_int(m, "entries"), 4);
    CHECK_INT(meta_int(m, "version"), 3);
    CHECK_INT(meta_int(m, "storages_not_read"), 1);
    CHECK_INT(meta_int(m, "storage_bytes_not_read"), sizeof storage);
    const tro_finding *f = rt_finding(&r, "pytorch-storages-not-read");
    CHECK(f != NULL);
    if (f)
        CHECK_CONTAINS(f->message, "model.pt: 1 storage entries (3000 bytes)");
    CHECK_INT(rt_count_sev(&r, TRO_SEVERITY_WARNING), 0);
    if (rt_count_sev(&r, TRO_SEVERITY_WARNING))
        rt_dump_findings(&r);
    rt_free(&r);
}

/* Without the directory in the tail, nothing past the prefix is known. */
static void test_tail_too_short(void)
{
    zbuf z;
    layout l;
    rt r;
    build(&z, &l, torch_members, N_TORCH, false);
    read_zip(&r, &z, cut(&l), 10);
    CHECK_INT(r.rc, TRO_OK);
    const tro_finding *f = rt_finding(&r, "pytorch-scan-incomplete");
    CHECK(f != NULL);
    if (f)
        CHECK_CONTAINS(f->message, "model.pt: ");
    CHECK(rt_finding(&r, "pytorch-malformed") == NULL);
    rt_free(&r);
}

/* The directory claims more bytes than lie before its end record. */
static void test_truncated_directory(void)
{
    zbuf z;
    layout l;
    rt r;
    build(&z, &l, torch_members, N_TORCH, false);
    set32(&z, l.eocd + 12, (uint32_t)(l.eocd - l.cd_off + 46));
    read_zip(&r, &z, cut(&l), tail_of(&z, &l));
    check_malformed(&r, l.eocd, "runs past its end record");
    rt_free(&r);
    /* more entries than records fit in it */
    build(&z, &l, torch_members, N_TORCH, false);
    set16(&z, l.eocd + 8, 200);
    set16(&z, l.eocd + 10, 200);
    read_zip(&r, &z, cut(&l), tail_of(&z, &l));
    check_malformed(&r, l.eocd, "200 entries cannot fit");
    rt_free(&r);
    /* a zip64 locator pointing outside the file */
    build(&z, &l, torch_members, N_TORCH, true);
    size_t loc = l.eocd - 20;
    set32(&z, loc + 8, 0x7fffffff);
    read_zip(&r, &z, cut(&l), tail_of(&z, &l));
    check_malformed(&r, loc, "the zip64 locator points at byte 2147483647");
    rt_free(&r);
}

/* A name length running past the directory. */
static void test_name_too_long(void)
{
    zbuf z;
    layout l;
    rt r;
    build(&z, &l, torch_members, N_TORCH, false);
    set16(&z, l.cdh[1] + 28, 0xffff);
    read_zip(&r, &z, cut(&l), tail_of(&z, &l));
    check_malformed(&r, l.cdh[1], "central directory entry 1: the entry runs past");
    rt_free(&r);
}

/* An entry whose data would lie past the end of the entries, in the
 * directory itself. */
static void test_entry_past_end(void)
{
    zbuf z;
    layout l;
    rt r;
    build(&z, &l, torch_members, N_TORCH, false);
    set32(&z, l.cdh[3] + 42, (uint32_t)(z.n + 1000));
    read_zip(&r, &z, cut(&l), tail_of(&z, &l));
    char want[120];
    snprintf(want, sizeof want, "central directory entry 3: its data (local header at byte %zu",
             z.n + 1000);
    check_malformed(&r, l.cdh[3], want);
    rt_free(&r);
    /* a zip64 extra field that does not hold what the record asks for */
    build(&z, &l, torch_members, N_TORCH, true);
    set16(&z, l.cdh[0] + 46 + strlen(torch_members[0].name) + 2, 8);
    read_zip(&r, &z, cut(&l), tail_of(&z, &l));
    check_malformed(&r, l.cdh[0], "central directory entry 0: a bad or missing zip64 extra");
    rt_free(&r);
}

/* No data.pkl: whole, and streamed with the directory telling. */
static void test_no_data_pkl(void)
{
    static const member mem[] = {
        {"archive/byteorder", "little", 6, true},
        {"archive/data/0", storage, sizeof storage, false},
        {"archive/version", "3\n", 2, false},
    };
    zbuf z;
    layout l;
    rt r;
    for (int streamed = 0; streamed < 2; streamed++) {
        build(&z, &l, mem, 3, false);
        read_zip(&r, &z, streamed ? l.lho[1] + 100 : 0, streamed ? z.n - l.lho[2] : 0);
        CHECK_INT(r.rc, TRO_OK);
        const tro_finding *f = rt_finding(&r, "pytorch-malformed");
        CHECK(f != NULL);
        if (f)
            CHECK_STR(f->message, "model.pt: there is no 'archive/data.pkl'; torch.load cannot "
                                  "load this archive");
        CHECK(rt_finding(&r, "pytorch-scan-incomplete") == NULL);
        rt_free(&r);
    }
}

/* Damage to the end record of a whole zip is the archive's problem, not
 * the directory's: it is reported once, as unreadable. */
static void test_whole_bad_directory(void)
{
    zbuf z;
    layout l;
    rt r;
    build(&z, &l, torch_members, N_TORCH, false);
    set32(&z, l.eocd + 16, (uint32_t)(z.n + 5));
    read_zip(&r, &z, 0, 0);
    CHECK_INT(r.rc, TRO_OK);
    const tro_finding *f = rt_finding(&r, "pytorch-malformed");
    CHECK(f != NULL);
    if (f)
        CHECK_CONTAINS(f->message, "model.pt: the archive cannot be");
    rt_free(&r);
}

TRO_TEST(pytorch_cd)
{
    for (size_t i = 0; i < sizeof storage; i++)
        storage[i] = (unsigned char)(i * 7);
    test_whole(false);
    test_whole(true);
    test_streamed(false);
    test_streamed(true);
    test_tail_too_short();
    test_truncated_directory();
    test_name_too_long();
    test_entry_past_end();
    test_no_data_pkl();
    test_whole_bad_directory();
}
