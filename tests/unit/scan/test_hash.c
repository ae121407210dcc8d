/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* Hashing files (lib/scan/hashfile.c, pool.c): the same digest on one
 * thread and with a reader thread, files that change while they are
 * hashed, sparse files, big files through the pool, and OpenSSL failing to
 * allocate in the hashing threads. */
#include "internal.h"
#include "scan.h"
#include "fixture.h"
#include "test.h"

#include <errno.h>
#include <openssl/crypto.h>
#include <stdatomic.h>
#include <sys/stat.h>
#include <sys/time.h>

/* ---- OpenSSL's allocations, failing on demand ----------------------------- */
static atomic_long ossl_budget = -1; /* allocations left; -1: unlimited */
static atomic_long ossl_failed;

static bool ossl_fail(void)
{
    long b = atomic_load(&ossl_budget);
    while (b >= 0) {
        if (b == 0) {
            atomic_fetch_add(&ossl_failed, 1);
            return true;
        }
        if (atomic_compare_exchange_weak(&ossl_budget, &b, b - 1))
            return false;
    }
    return false;
}
static void *t_malloc(size_t n, const char *f, int l)
{
    return ossl_fail() ? NULL : malloc(n);
}
static void *t_realloc(void *p, size_t n, const char *f, int l)
{
    return ossl_fail() ? NULL : realloc(p, n);
}
static void t_free(void *p, const char *f, int l)
{
    free(p);
}

/* OpenSSL takes an allocator only before its first allocation, and the
 * library sets OpenSSL up in a constructor of its own (lib/scan/sha256.c):
 * this one, of a higher priority in the same program, comes first. Until
 * a case sets a budget the functions only pass the calls on. */
static bool ossl_hooked;
__attribute__((constructor(101))) static void hook_openssl(void)
{
    ossl_hooked = CRYPTO_set_mem_functions(t_malloc, t_realloc, t_free) == 1;
}

/* ---- helpers ------------------------------------------------------------------ */
static tro_ctx *make_ctx(unsigned threads, unsigned flags)
{
    tro_ctx_options o = TRO_CTX_OPTIONS_INIT;
    tro_ctx *ctx = NULL;
    o.threads = threads;
    o.flags = flags;
    if (tro_ctx_new(&ctx, &o, NULL))
        exit(99);
    return ctx;
}

static const tro_finding *finding(const tro_release *rel, const char *code)
{
    for (size_t i = 0; i < tro_release_finding_count(rel); i++)
        if (!strcmp(tro_finding_code(tro_release_finding(rel, i)), code))
            return tro_release_finding(rel, i);
    return NULL;
}

/* Pseudo-random bytes, the same every run. */
static void fill(unsigned char *p, size_t n, uint32_t seed)
{
    for (size_t i = 0; i < n; i++) {
        seed = seed * 1103515245u + 12345u;
        p[i] = (unsigned char)(seed >> 16);
    }
}

typedef struct one {
    tro_release *rel;
    tro_artifact *a;
    trop_hashio io;
    atomic_bool cancel;
    atomic_uint_fast64_t done;
    int fd;
    struct stat st;
} one;

static void one_open(one *o, tro_ctx *ctx, const char *path)
{
    memset(o, 0, sizeof *o);
    if (tro_release_new(&o->rel, ctx, "t") || !(o->a = trop_release_add(o->rel, "f.bin", 0)))
        exit(99);
    o->io.buf = malloc(TROP_HASH_READ);
    o->io.ring = malloc(TROP_HASH_SLOTS * TROP_HASH_READ);
    o->io.cancel = &o->cancel;
    o->io.done = &o->done;
    o->fd = open(path, O_RDONLY);
    if (!o->io.buf || !o->io.ring || o->fd < 0 || fstat(o->fd, &o->st))
        exit(99);
}

static void one_close(one *o)
{
    close(o->fd);
    free(o->io.buf);
    free(o->io.ring);
    tro_release_free(o->rel);
}

/* ---- tests -------------------------------------------------------------------- */

/* One thread and a reader thread give the digest of the bytes, for sizes
 * around the read and ring sizes. */
static void test_same_digest(const char *dir, tro_ctx *ctx)
{
    static const size_t sizes[] = {0, 1, TROP_HASH_READ - 1, TROP_HASH_READ, TROP_HASH_READ + 1,
                                   TROP_HASH_SLOTS * TROP_HASH_READ + 7, 3u << 20};
    size_t max = 3u << 20;
    unsigned char *data = malloc(max);
    if (!data)
        exit(99);
    fill(data, max, 7);
    for (size_t i = 0; i < sizeof sizes / sizeof *sizes; i++) {
        const char *path = fx_path(dir, "same-%zu.bin", i);
        fx_write(path, data, sizes[i]);
        char want[65];
        CHECK_INT(trop_sha256_buf(data, sizes[i], want), 0);
        for (int overlap = 0; overlap < 2; overlap++) {
            one o;
            one_open(&o, ctx, path);
            CHECK_INT(trop_hash_file(&o.io, o.fd, o.a, &o.st, overlap), TROP_HASHED);
            CHECK_STR(o.a->sha256, want);
            CHECK_INT(o.io.hashed, sizes[i]);
            CHECK_INT(atomic_load(&o.done), sizes[i]);
            one_close(&o);
        }
    }
    free(data);
}

/* A file written, truncated or touched between the stat and the end of the
 * hash is an error finding, and no digest. */
static void test_changed(const char *dir, tro_ctx *ctx)
{
    static const char *const how[] = {"grown", "shrunk", "touched"};
    unsigned char data[300000];
    fill(data, sizeof data, 3);
    for (size_t k = 0; k < 3; k++)
        for (int overlap = 0; overlap < 2; overlap++) {
            const char *path = fx_path(dir, "changed-%zu.bin", k);
            fx_write(path, data, sizeof data);
            one o;
            one_open(&o, ctx, path);
            if (k == 0) {
                FILE *f = fopen(path, "ab");
                CHECK(f && fputs("more", f) >= 0 && fclose(f) == 0);
            } else if (k == 1) {
                CHECK_INT(truncate(path, 1000), 0);
            } else {
                struct timeval tv[2] = {{1000000000, 0}, {1000000000, 0}};
                CHECK_INT(utimes(path, tv), 0);
            }
            CHECK_INT(trop_hash_file(&o.io, o.fd, o.a, &o.st, overlap), TROP_HASH_KEPT);
            CHECK(!o.a->hashed);
            CHECK_INT(o.a->findings.n, 1);
            if (o.a->findings.n) {
                CHECK_STR(o.a->findings.v[0].code, "file-changed");
                CHECK_INT(o.a->findings.v[0].severity, TRO_SEVERITY_ERROR);
                CHECK_CONTAINS(o.a->findings.v[0].message, "changed while it was hashed");
                if (k == 0)
                    CHECK_CONTAINS(o.a->findings.v[0].message, "size changed");
                if (k == 2)
                    CHECK_CONTAINS(o.a->findings.v[0].message, "modification time changed");
            }
            if (o.a->findings.n != 1)
                fprintf(stderr, "  (%s, overlap %d)\n", how[k], overlap);
            one_close(&o);
        }
}

/* Sparse files: found from their allocated blocks, refused before hashing
 * unless TRO_SCAN_HASH_SPARSE; small or dense files are not sparse. */
static void test_sparse(const char *dir)
{
    const char *sub = fx_path(dir, "sparse");
    const char *holes = fx_path(dir, "sparse/holes.bin");
    fx_text(fx_path(dir, "sparse/README.md"), "# small\n");
    fx_text(holes, "head");
    CHECK_INT(truncate(holes, 64 << 20), 0);
    struct stat st;
    CHECK_INT(stat(holes, &st), 0);
    CHECK(trop_sparse(&st));
    struct stat small = st, dense = st;
    small.st_size = 4096, small.st_blocks = 0;
    dense.st_blocks = dense.st_size / 512;
    CHECK(!trop_sparse(&small));
    CHECK(!trop_sparse(&dense));
    dense.st_blocks = dense.st_size / 512 / 8 + 1; /* just over an eighth */
    CHECK(!trop_sparse(&dense));

    for (unsigned threads = 1; threads <= 2; threads++) {
        tro_ctx *ctx = make_ctx(threads, 0);
        tro_release *rel = NULL;
        CHECK_INT(tro_scan(ctx, sub, &rel, NULL), 0);
        const tro_artifact *a = rel ? tro_release_find(rel, "holes.bin") : NULL;
        CHECK(a && !tro_artifact_sha256(a));
        CHECK(a && tro_artifact_size(a) == 64u << 20);
        const tro_finding *f = rel ? finding(rel, "sparse-file") : NULL;
        CHECK(f && tro_finding_severity(f) == TRO_SEVERITY_ERROR);
        CHECK(f && !strcmp(tro_finding_path(f), "holes.bin"));
        CHECK_CONTAINS(f ? tro_finding_message(f) : NULL, "sparse file: 67108864 bytes, of which");
        CHECK(rel && tro_artifact_sha256(tro_release_find(rel, "README.md")));
        char *m = NULL;
        CHECK_INT(tro_release_manifest(rel, &m, NULL), TRO_EINVAL);
        CHECK_CONTAINS(tro_release_last_error(rel), "holes.bin: not hashed");
        tro_release_free(rel);
        tro_ctx_free(ctx);

        ctx = make_ctx(threads, TRO_SCAN_HASH_SPARSE);
        rel = NULL;
        CHECK_INT(tro_scan(ctx, sub, &rel, NULL), 0);
        a = rel ? tro_release_find(rel, "holes.bin") : NULL;
        CHECK(a && tro_artifact_sha256(a) && rel && !finding(rel, "sparse-file"));
        tro_release_free(rel);
        tro_ctx_free(ctx);
    }
}

/* A file appended to while the pool hashes it (from the progress callback,
 * on the scanning thread): file-changed, no digest. */
typedef struct grow {
    const char *path;
    bool grown;
} grow;

static int grow_cb(uint64_t done, uint64_t total, void *ud)
{
    grow *g = ud;
    if (!g->grown && done > 0 && done < total) {
        FILE *f = fopen(g->path, "ab");
        g->grown = f && fputs("x", f) >= 0 && fclose(f) == 0;
    }
    return 0;
}

static void test_pool_changed(const char *dir)
{
    const char *sub = fx_path(dir, "grow");
    const char *big = fx_path(dir, "grow/big.bin");
    fx_text(big, "g");
    CHECK_INT(truncate(big, 512ll << 20), 0); /* holes: hashed at memory speed */
    grow g = {.path = big};
    for (unsigned threads = 1; threads <= 2; threads++) {
        tro_ctx_options o = TRO_CTX_OPTIONS_INIT;
        o.threads = threads;
        o.flags = TRO_SCAN_HASH_SPARSE;
        o.progress = grow_cb;
        o.progress_userdata = &g;
        tro_ctx *ctx;
        if (tro_ctx_new(&ctx, &o, NULL))
            exit(99);
        g.grown = false;
        tro_release *rel = NULL;
        CHECK_INT(tro_scan(ctx, sub, &rel, NULL), 0);
        if (!g.grown) {
            printf("pool: the file was hashed before a progress report; not checked\n");
        } else {
            const tro_artifact *a = rel ? tro_release_find(rel, "big.bin") : NULL;
            CHECK(a && !tro_artifact_sha256(a));
            CHECK(rel && finding(rel, "file-changed"));
        }
        tro_release_free(rel);
        tro_ctx_free(ctx);
        CHECK_INT(truncate(big, 512ll << 20), 0);
    }
}

/* OpenSSL failing its n-th allocation, for every n until a scan needs no
 * more: the scan either hashes everything or fails with a message; it never
 * crashes or leaves a digest unset without saying so. */
static void test_openssl_fails(const char *dir)
{
    const char *sub = fx_path(dir, "ossl");
    for (int i = 0; i < 6; i++) {
        unsigned char b[200000];
        fill(b, sizeof b, (uint32_t)i);
        fx_write(fx_path(dir, "ossl/f%d.bin", i), b, sizeof b);
    }
    fx_write(fx_path(dir, "ossl/big.bin"), "", 0);
    CHECK_INT(truncate(fx_path(dir, "ossl/big.bin"), 20 << 20), 0);
    int failures = 0, successes = 0;
    for (long n = 0; n < 400; n++) {
        tro_ctx *ctx = make_ctx(2, TRO_SCAN_HASH_SPARSE);
        tro_release *rel = NULL;
        tro_error err;
        atomic_store(&ossl_failed, 0);
        atomic_store(&ossl_budget, n);
        int rc = tro_scan(ctx, sub, &rel, &err);
        atomic_store(&ossl_budget, -1);
        if (rc) {
            failures++;
            CHECK_INT(rc, TRO_ENOMEM);
            CHECK(err.message[0] != '\0');
            CHECK(rel == NULL);
        } else {
            successes++;
            for (size_t i = 0; i < tro_release_artifact_count(rel); i++)
                CHECK(tro_artifact_sha256(tro_release_artifact(rel, i)) != NULL);
        }
        tro_release_free(rel);
        tro_ctx_free(ctx);
        if (!rc && atomic_load(&ossl_failed) == 0)
            break; /* n allocations were enough: every earlier one was failed in turn */
    }
    printf("OpenSSL allocations failed in turn: %d scans failed cleanly, %d succeeded\n",
           failures, successes);
    CHECK(failures > 0);
    CHECK(successes > 0);
}

TRO_TEST(hash)
{
    bool hooked = ossl_hooked;
    char *dir = fx_tempdir();
    tro_ctx *ctx = make_ctx(1, 0);
    test_same_digest(dir, ctx);
    test_changed(dir, ctx);
    tro_ctx_free(ctx);
    test_sparse(dir);
    test_pool_changed(dir);
    if (hooked && !getenv("TRO_SANITIZERS"))
        test_openssl_fails(dir);
    else
        printf("OpenSSL's allocator could not be replaced: allocation failures not tested\n");
    fx_rmtree(dir);
    free(dir);
}
