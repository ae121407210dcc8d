/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* Archives scanned as one release: names, the single top folder, unsafe and
 * duplicate entries, special entries, corruption, limits, cancellation. The
 * tars are written here byte by byte; tests/cli/archive.sh covers the
 * compressions, zip and 7z with the real tools. */
#include "internal.h"
#include "fixture.h"
#include "test.h"

#define SHA_ABC "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
#define SHA_XYZ "3608bca1e44ea6c4d268eb6db02260269892c0b42b86bbf1e77a6fa16c3c9282"
#define LFS_PTR                                                                                    \
    "version https://git-lfs.github.com/spec/v1\n"                                                 \
    "oid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\n"                \
    "size 12345\n"

static char *dir;

static const char *write_tar(const char *name, fx_tar *t)
{
    const char *p = fx_path(dir, "%s", name);
    fx_write(p, t->p, t->len);
    free(t->p);
    *t = (fx_tar){0};
    return p;
}

static tro_release *scan_opts(const char *path, const tro_ctx_options *o, int want)
{
    tro_ctx *ctx;
    tro_release *rel = NULL;
    tro_error err;
    if (tro_ctx_new(&ctx, o, NULL))
        exit(99);
    int rc = tro_scan(ctx, path, &rel, &err);
    CHECK_INT(rc, want);
    if (rc != want)
        fprintf(stderr, "  %s: %s\n", path, err.message);
    if (!rel)
        tro_ctx_free(ctx);
    return rel;
}

static tro_release *scan(const char *path)
{
    return scan_opts(path, NULL, 0);
}

static void done(tro_release *rel)
{
    if (!rel)
        return;
    tro_ctx *ctx = rel->ctx;
    tro_release_free(rel);
    tro_ctx_free(ctx);
}

static char *paths(const tro_release *rel)
{
    static char buf[4096];
    buf[0] = '\0';
    for (size_t i = 0; rel && i < tro_release_artifact_count(rel); i++) {
        if (i)
            strcat(buf, ",");
        strncat(buf, tro_artifact_path(tro_release_artifact(rel, i)), 200);
    }
    return buf;
}

static const tro_finding *finding(const tro_release *rel, const char *code, const char *path)
{
    for (size_t i = 0; rel && i < tro_release_finding_count(rel); i++) {
        const tro_finding *f = tro_release_finding(rel, i);
        if (!strcmp(tro_finding_code(f), code) && (!path || !strcmp(tro_finding_path(f), path)))
            return f;
    }
    return NULL;
}

static void test_top_folder(void)
{
    fx_tar t = {0};
    fx_tar_add(&t, "./", '5', NULL, 0);
    fx_tar_add(&t, "./model-1.0/", '5', NULL, 0);
    fx_tar_add(&t, "./model-1.0/README.md", '0', "---\nlicense: mit\n---\n", 21);
    fx_tar_add(&t, "./model-1.0/weights/", '5', NULL, 0);
    fx_tar_add(&t, "./model-1.0/weights/w.bin", '0', "abc", 3);
    fx_tar_add(&t, "./model-1.0/big.bin", '0', LFS_PTR, strlen(LFS_PTR));
    fx_tar_end(&t);
    tro_release *rel = scan(write_tar("release.tar", &t));
    CHECK_STR(paths(rel), "README.md,big.bin,weights/w.bin");
    CHECK_INT(tro_artifact_type(tro_release_find(rel, "README.md")), TRO_TYPE_MODEL_CARD);
    CHECK_STR(tro_artifact_sha256(tro_release_find(rel, "weights/w.bin")), SHA_ABC);
    /* the LFS pointer was read from the in-memory prefix; its finding's path
     * and message lost the top folder too */
    const tro_artifact *a = tro_release_find(rel, "big.bin");
    const char *oid;
    uint64_t size;
    CHECK_INT(tro_artifact_lfs(a, &oid, &size), 1);
    CHECK_INT(size, 12345);
    const tro_finding *f = finding(rel, "lfs-pointer", "big.bin");
    CHECK(f != NULL);
    CHECK(f && !strncmp(tro_finding_message(f), "big.bin: ", 9));
    CHECK_INT(tro_release_finding_count(rel), 1); /* "./" is no unsafe name */
    done(rel);

    /* two top folders, or a file at the top: names are kept */
    fx_tar_add(&t, "a/x.txt", '0', "abc", 3);
    fx_tar_add(&t, "b/y.txt", '0', "xyz", 3);
    fx_tar_end(&t);
    rel = scan(write_tar("two.tar", &t));
    CHECK_STR(paths(rel), "a/x.txt,b/y.txt");
    done(rel);
    fx_tar_add(&t, "a/x.txt", '0', "abc", 3);
    fx_tar_add(&t, "a", '2', "a/x.txt", 7);
    fx_tar_end(&t);
    rel = scan(write_tar("linktop.tar", &t));
    CHECK_STR(paths(rel), "a/x.txt");
    done(rel);
}

static void test_unsafe(void)
{
    fx_tar t = {0};
    fx_tar_add(&t, "top/ok.txt", '0', "abc", 3);
    fx_tar_add(&t, "../evil.txt", '0', "x", 1);
    fx_tar_add(&t, "/etc/evil", '0', "x", 1);
    fx_tar_add(&t, "top/../../evil", '0', "x", 1);
    fx_tar_add(&t, "top\\..\\..\\win", '0', "x", 1);
    fx_tar_add(&t, "top/a//b", '0', "x", 1);
    fx_tar_add(&t, "top/ok.txt", '0', "xyz", 3);
    fx_tar_add(&t, "top/link", '2', "/etc/passwd", 11);
    fx_tar_add(&t, "top/hard", '1', "top/ok.txt", 10);
    fx_tar_add(&t, "top/bad\xff", '0', "x", 1);
    fx_tar_add(&t, "../bad\xfe", '0', "x", 1);
    fx_tar_end(&t);
    tro_release *rel = scan(write_tar("unsafe.tar", &t));
    /* unsafe entries are left out of the top-folder decision; a name that
     * is not UTF-8 is kept, its bytes escaped */
    CHECK_STR(paths(rel), "bad\\xff,ok.txt");
    CHECK_STR(tro_artifact_sha256(tro_release_find(rel, "ok.txt")), SHA_ABC); /* first kept */
    const char *unsafe[] = {"../evil.txt", "/etc/evil", "top/../../evil", "top\\..\\..\\win",
                            "top/a//b",    "../bad\\xfe"};
    for (size_t i = 0; i < sizeof unsafe / sizeof *unsafe; i++) {
        const tro_finding *f = finding(rel, "archive-unsafe-path", unsafe[i]);
        CHECK(f != NULL);
        if (!f)
            fprintf(stderr, "  no archive-unsafe-path for %s\n", unsafe[i]);
        else
            CHECK_INT(tro_finding_severity(f), TRO_SEVERITY_ERROR);
    }
    const tro_finding *f = finding(rel, "archive-duplicate-entry", "ok.txt");
    CHECK(f != NULL);
    CHECK_INT(tro_finding_severity(f), TRO_SEVERITY_WARNING);
    f = finding(rel, "not-regular-file", "link");
    CHECK(f != NULL);
    CHECK_CONTAINS(f ? tro_finding_message(f) : "", "symbolic link");
    f = finding(rel, "not-regular-file", "hard");
    CHECK_CONTAINS(f ? tro_finding_message(f) : "", "hard link");
    done(rel);
}

static void test_corrupt(void)
{
    static unsigned char big[20000];
    memset(big, 'b', sizeof big);
    fx_tar t = {0};
    fx_tar_add(&t, "first.txt", '0', "abc", 3);
    fx_tar_add(&t, "second.bin", '0', big, sizeof big);
    fx_tar_end(&t);
    t.len = 512 + 512 + 512 + 4000; /* cut inside the second entry's data */
    tro_release *rel = scan(write_tar("cut.tar", &t));
    CHECK_STR(paths(rel), "first.txt");
    const tro_finding *f = finding(rel, "archive-corrupt", "second.bin");
    CHECK(f != NULL);
    CHECK_INT(f ? tro_finding_severity(f) : 0, TRO_SEVERITY_ERROR);
    done(rel);

    /* not an archive at all, but named like one */
    fx_text(fx_path(dir, "junk.tar.gz"), "this is not gzip");
    rel = scan(fx_path(dir, "junk.tar.gz"));
    CHECK_INT(tro_release_artifact_count(rel), 0);
    CHECK(finding(rel, "archive-corrupt", "") != NULL);
    done(rel);

    /* gzip magic without an archive name or content: one plain artifact */
    fx_write(fx_path(dir, "data"), "\x1f\x8b\x08\x00junk", 8);
    rel = scan(fx_path(dir, "data"));
    CHECK_STR(paths(rel), "data");
    CHECK_INT(tro_release_finding_count(rel), 0);
    done(rel);

    /* a tar named like a PyTorch checkpoint stays one artifact */
    fx_tar_add(&t, "pickle", '0', "\x80\x02", 2);
    fx_tar_end(&t);
    rel = scan(write_tar("model.pt", &t));
    CHECK_STR(paths(rel), "model.pt");
    done(rel);

    /* tar magic without an archive name: read as an archive */
    fx_tar_add(&t, "inside.txt", '0', "abc", 3);
    fx_tar_end(&t);
    rel = scan(write_tar("noname", &t));
    CHECK_STR(paths(rel), "inside.txt");
    done(rel);

    /* an empty archive */
    fx_tar_end(&t);
    rel = scan(write_tar("empty.tar", &t));
    CHECK_INT(tro_release_artifact_count(rel), 0);
    done(rel);
}

static int cancel_now(uint64_t done_, uint64_t total, void *ud)
{
    (void)done_;
    (void)total;
    ++*(int *)ud;
    return 1;
}

static void test_limits(void)
{
    fx_tar t = {0};
    for (int i = 0; i < 10; i++) {
        char name[32];
        snprintf(name, sizeof name, "f%d", i);
        fx_tar_add(&t, name, '0', "abc", 3);
    }
    fx_tar_end(&t);
    const char *p = write_tar("ten.tar", &t);
    tro_ctx_options o = TRO_CTX_OPTIONS_INIT;
    o.limits.max_entries = 9;
    CHECK(scan_opts(p, &o, TRO_ELIMIT) == NULL);
    o.limits.max_entries = 10;
    done(scan_opts(p, &o, 0));

    int calls = 0;
    o.progress = cancel_now;
    o.progress_userdata = &calls;
    CHECK(scan_opts(p, &o, TRO_ECANCELED) == NULL);
    CHECK_INT(calls, 1);

    o = (tro_ctx_options)TRO_CTX_OPTIONS_INIT;
    o.flags = TRO_SCAN_NO_HASH;
    tro_release *rel = scan_opts(p, &o, 0);
    CHECK_INT(tro_release_artifact_count(rel), 10);
    CHECK(tro_artifact_sha256(tro_release_artifact(rel, 0)) == NULL);
    done(rel);
}

TRO_TEST(archive)
{
    dir = fx_tempdir();
    test_top_folder();
    test_unsafe();
    test_corrupt();
    test_limits();
    fx_rmtree(dir);
    free(dir);
}
