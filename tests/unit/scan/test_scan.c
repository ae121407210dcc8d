/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* tro_scan() on folders and single files: order, ignores, symlinks, special
 * files, limits, threads, progress and cancellation. */
#include "internal.h"
#include "fixture.h"
#include "test.h"

#include <errno.h>

#define SHA_EMPTY "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
#define SHA_ABC "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"

static tro_ctx *make_ctx(unsigned threads, unsigned flags, const char *const *ign, size_t n)
{
    tro_ctx_options o = TRO_CTX_OPTIONS_INIT;
    tro_ctx *ctx = NULL;
    o.threads = threads;
    o.flags = flags;
    o.ignore = ign;
    o.ignore_count = n;
    if (tro_ctx_new(&ctx, &o, NULL))
        exit(99);
    return ctx;
}

static tro_release *scan(tro_ctx *ctx, const char *path)
{
    tro_release *rel = NULL;
    tro_error err;
    int rc = tro_scan(ctx, path, &rel, &err);
    if (rc) {
        fprintf(stderr, "scan %s: %s\n", path, err.message);
        CHECK_INT(rc, 0);
    }
    return rel;
}

/* "a,b,c": the artifact paths in order. */
static char *paths(const tro_release *rel)
{
    static char buf[4096];
    buf[0] = '\0';
    for (size_t i = 0; i < tro_release_artifact_count(rel); i++) {
        if (i)
            strcat(buf, ",");
        strncat(buf, tro_artifact_path(tro_release_artifact(rel, i)), 200);
    }
    return buf;
}

static const tro_finding *finding(const tro_release *rel, const char *code, const char *path)
{
    for (size_t i = 0; i < tro_release_finding_count(rel); i++) {
        const tro_finding *f = tro_release_finding(rel, i);
        if (!strcmp(tro_finding_code(f), code) && (!path || !strcmp(tro_finding_path(f), path)))
            return f;
    }
    return NULL;
}

TRO_TEST(scan_tree)
{
    char *d = fx_tempdir();
    fx_text(fx_path(d, "b.txt"), "abc");
    fx_text(fx_path(d, "a/z.txt"), "");
    fx_text(fx_path(d, "a/b/c.txt"), "abc");
    fx_text(fx_path(d, "B.txt"), "x");
    fx_text(fx_path(d, "a-b.txt"), "x");
    fx_text(fx_path(d, "README.md"), "---\nlicense: mit\n---\n# Model\n");
    mkdir(fx_path(d, "empty"), 0755);
    tro_ctx *ctx = make_ctx(2, 0, NULL, 0);
    tro_release *rel = scan(ctx, d);
    /* byte order: uppercase before lowercase, '-' before '/' */
    CHECK_STR(paths(rel), "B.txt,README.md,a-b.txt,a/b/c.txt,a/z.txt,b.txt");
    const tro_artifact *a = tro_release_find(rel, "a/b/c.txt");
    CHECK(a != NULL);
    CHECK_INT(tro_artifact_size(a), 3);
    CHECK_STR(tro_artifact_sha256(a), SHA_ABC);
    CHECK_STR(tro_artifact_sha256(tro_release_find(rel, "a/z.txt")), SHA_EMPTY);
    CHECK_INT(tro_artifact_type(tro_release_find(rel, "README.md")), TRO_TYPE_MODEL_CARD);
    CHECK_INT(tro_release_finding_count(rel), 0);
    CHECK_STR(tro_release_name(rel), d);
    tro_release_free(rel);

    /* the same folder given with a trailing slash */
    char slash[4200];
    snprintf(slash, sizeof slash, "%s/", d);
    rel = scan(ctx, slash);
    CHECK_STR(paths(rel), "B.txt,README.md,a-b.txt,a/b/c.txt,a/z.txt,b.txt");
    tro_release_free(rel);

    /* a single file: one artifact named by its basename */
    rel = scan(ctx, fx_path(d, "a/b/c.txt"));
    CHECK_STR(paths(rel), "c.txt");
    CHECK_STR(tro_artifact_sha256(tro_release_artifact(rel, 0)), SHA_ABC);
    tro_release_free(rel);
    tro_ctx_free(ctx);
    fx_rmtree(d);
    free(d);
}

TRO_TEST(scan_errors)
{
    tro_ctx *ctx = make_ctx(1, 0, NULL, 0);
    tro_release *rel = (tro_release *)1;
    tro_error err;
    CHECK_INT(tro_scan(ctx, "/nonexistent/trulyopen", &rel, &err), TRO_EIO);
    CHECK(rel == NULL);
    CHECK_CONTAINS(err.message, "/nonexistent/trulyopen");
    CHECK_INT(tro_scan(ctx, "", &rel, &err), TRO_EINVAL);
    CHECK_INT(tro_scan(ctx, NULL, &rel, &err), TRO_EINVAL);
    CHECK_INT(tro_scan(NULL, "/tmp", &rel, &err), TRO_EINVAL);
    CHECK_INT(tro_scan(ctx, "/tmp", NULL, &err), TRO_EINVAL);
    /* a FIFO given as the path is refused without opening it */
    char *d = fx_tempdir();
    CHECK_INT(mkfifo(fx_path(d, "p"), 0644), 0);
    CHECK_INT(tro_scan(ctx, fx_path(d, "p"), &rel, &err), TRO_EIO);
    CHECK_CONTAINS(err.message, "not a regular file");
    fx_rmtree(d);
    free(d);
    tro_ctx_free(ctx);
}

TRO_TEST(scan_ignores)
{
    char *d = fx_tempdir();
    fx_text(fx_path(d, "keep.txt"), "k");
    fx_text(fx_path(d, ".git/config"), "[core]");
    fx_text(fx_path(d, "sub/.git"), "gitdir: ../.git/modules/sub");
    fx_text(fx_path(d, "sub/.hg/store"), "x");
    fx_text(fx_path(d, ".svn/entries"), "x");
    fx_text(fx_path(d, "CVS/Root"), "x");
    fx_text(fx_path(d, "_darcs/x"), "x");
    fx_text(fx_path(d, ".bzr/x"), "x");
    fx_text(fx_path(d, "x.tmp"), "t");
    fx_text(fx_path(d, "deep/y.tmp"), "t");
    fx_text(fx_path(d, "cache/c.bin"), "c");
    fx_text(fx_path(d, "nested/cache/c.bin"), "c");
    fx_text(fx_path(d, "cachefile"), "file named like the folder pattern");
    fx_text(fx_path(d, "docs/a.md"), "a");
    fx_text(fx_path(d, "docs/in/b.md"), "b");
    fx_text(fx_path(d, ".hg"), "a file named .hg is not a VCS folder");

    tro_ctx *ctx = make_ctx(2, 0, NULL, 0);
    tro_release *rel = scan(ctx, d);
    CHECK_STR(paths(rel), ".hg,cache/c.bin,cachefile,deep/y.tmp,docs/a.md,docs/in/b.md,keep.txt,"
                          "nested/cache/c.bin,x.tmp");
    tro_release_free(rel);
    tro_ctx_free(ctx);

    const char *pats[] = {"*.tmp", "cache/", "docs/*.md"};
    ctx = make_ctx(2, 0, pats, 3);
    rel = scan(ctx, d);
    /* the docs pattern does not cross '/'; "cache/" matches only folders */
    CHECK_STR(paths(rel), ".hg,cachefile,docs/in/b.md,keep.txt");
    tro_release_free(rel);
    tro_ctx_free(ctx);

    ctx = make_ctx(2, TRO_SCAN_NO_DEFAULT_IGNORES, pats, 1);
    rel = scan(ctx, d);
    CHECK(tro_release_find(rel, ".git/config") != NULL);
    CHECK(tro_release_find(rel, "sub/.git") != NULL);
    CHECK(tro_release_find(rel, "sub/.hg/store") != NULL);
    CHECK(tro_release_find(rel, "CVS/Root") != NULL);
    CHECK(tro_release_find(rel, "x.tmp") == NULL);
    CHECK_INT(tro_release_artifact_count(rel), 14);
    tro_release_free(rel);
    tro_ctx_free(ctx);
    fx_rmtree(d);
    free(d);
}

TRO_TEST(scan_symlinks)
{
    char *d = fx_tempdir();
    char *outside = fx_tempdir();
    fx_text(fx_path(outside, "secret"), "s");
    char root[4200];
    snprintf(root, sizeof root, "%s/rel", d);
    fx_text(fx_path(root, "data/file.txt"), "abc");
    fx_text(fx_path(root, "weights/w.bin"), "w");
    CHECK_INT(symlink("data/file.txt", fx_path(root, "inside-file")), 0);
    CHECK_INT(symlink("weights", fx_path(root, "inside-dir")), 0);
    CHECK_INT(symlink(fx_path(outside, "secret"), fx_path(root, "escape-abs")), 0);
    CHECK_INT(symlink("../../", fx_path(root, "data/escape-rel")), 0);
    CHECK_INT(symlink("missing", fx_path(root, "dangling")), 0);
    CHECK_INT(symlink(".", fx_path(root, "data/loop")), 0);
    CHECK_INT(symlink("..", fx_path(root, "weights/up")), 0);
    CHECK_INT(mkfifo(fx_path(root, "pipe"), 0644), 0);

    tro_ctx *ctx = make_ctx(3, 0, NULL, 0);
    tro_release *rel = scan(ctx, root);
    CHECK_STR(paths(rel), "data/file.txt,inside-dir/w.bin,inside-file,weights/w.bin");
    CHECK_STR(tro_artifact_sha256(tro_release_find(rel, "inside-file")), SHA_ABC);
    CHECK(finding(rel, "symlink-escape", "escape-abs") != NULL);
    CHECK(finding(rel, "symlink-escape", "data/escape-rel") != NULL);
    CHECK(finding(rel, "symlink-dangling", "dangling") != NULL);
    CHECK(finding(rel, "symlink-loop", "data/loop") != NULL);
    CHECK(finding(rel, "symlink-loop", "weights/up") != NULL);
    CHECK(finding(rel, "symlink-loop", "inside-dir/up") != NULL);
    const tro_finding *f = finding(rel, "not-regular-file", "pipe");
    CHECK(f != NULL);
    CHECK_INT(tro_finding_severity(f), TRO_SEVERITY_WARNING);
    CHECK_CONTAINS(tro_finding_message(f), "pipe");
    f = finding(rel, "symlink-escape", "escape-abs");
    CHECK_INT(tro_finding_severity(f), TRO_SEVERITY_WARNING);
    CHECK_CONTAINS(tro_finding_message(f), "escape-abs");
    tro_release_free(rel);

    /* a root that is itself a symlink is resolved once, not an escape */
    char link[4200];
    snprintf(link, sizeof link, "%s/link-to-rel", d);
    CHECK_INT(symlink(root, link), 0);
    rel = scan(ctx, link);
    CHECK_STR(paths(rel), "data/file.txt,inside-dir/w.bin,inside-file,weights/w.bin");
    tro_release_free(rel);
    tro_ctx_free(ctx);
    fx_rmtree(d);
    fx_rmtree(outside);
    free(d);
    free(outside);
}

/* A Hugging Face cache snapshot: its files are links into the repository's
 * blobs, which are its own; links elsewhere, and blobs links from a folder
 * that is not a cache snapshot, still escape. */
TRO_TEST(scan_hf_snapshot)
{
    char *d = fx_tempdir();
    char repo[4200], snap[4300], plain[4300];
    snprintf(repo, sizeof repo, "%s/hub/models--org--name", d);
    snprintf(snap, sizeof snap, "%s/snapshots/0123abc", repo);
    fx_text(fx_path(repo, "blobs/b1"), "abc");
    fx_text(fx_path(repo, "blobs/b2"), "w");
    fx_text(fx_path(repo, "refs/main"), "0123abc");
    fx_text(fx_path(d, "hub/secret"), "s");
    fx_text(fx_path(snap, "own.txt"), "o");
    CHECK_INT(mkdir(fx_path(snap, "sub"), 0755), 0);
    CHECK_INT(symlink("../../blobs/b1", fx_path(snap, "README.md")), 0);
    CHECK_INT(symlink("../../../blobs/b2", fx_path(snap, "sub/w.bin")), 0);
    CHECK_INT(symlink("../../../secret", fx_path(snap, "escape")), 0);
    CHECK_INT(symlink("../../refs/main", fx_path(snap, "ref")), 0);
    CHECK_INT(symlink("../../blobs", fx_path(snap, "all-blobs")), 0);

    tro_ctx *ctx = make_ctx(2, 0, NULL, 0);
    tro_release *rel = scan(ctx, snap);
    CHECK_STR(paths(rel), "README.md,own.txt,sub/w.bin");
    CHECK_STR(tro_artifact_sha256(tro_release_find(rel, "README.md")), SHA_ABC);
    CHECK(finding(rel, "symlink-escape", "escape") != NULL);
    CHECK(finding(rel, "symlink-escape", "ref") != NULL);
    /* the blobs folder itself holds every revision's files: not followed */
    CHECK(finding(rel, "symlink-escape", "all-blobs") != NULL);
    tro_release_free(rel);

    /* the repository folder itself: its current snapshot; when refs/main
     * names none, the folder of the greatest name, never a file that sorts
     * after it */
    rel = scan(ctx, repo);
    CHECK_STR(paths(rel), "README.md,own.txt,sub/w.bin");
    tro_release_free(rel);
    fx_text(fx_path(repo, "refs/main"), "ffff");
    fx_text(fx_path(repo, "snapshots/zzz-notes.txt"), "n");
    rel = scan(ctx, repo);
    CHECK_STR(paths(rel), "README.md,own.txt,sub/w.bin");
    tro_release_free(rel);

    /* the same links under a folder not named like a cache repository */
    snprintf(plain, sizeof plain, "%s/hub/plain/snapshots/0123abc", d);
    fx_text(fx_path(d, "hub/plain/blobs/b1"), "abc");
    CHECK_INT(mkdir(fx_path(d, "hub/plain/snapshots"), 0755), 0);
    CHECK_INT(mkdir(plain, 0755), 0);
    CHECK_INT(symlink("../../blobs/b1", fx_path(plain, "README.md")), 0);
    rel = scan(ctx, plain);
    CHECK_STR(paths(rel), "");
    CHECK(finding(rel, "symlink-escape", "README.md") != NULL);
    tro_release_free(rel);
    tro_ctx_free(ctx);
    fx_rmtree(d);
    free(d);
}

/* A path longer than PATH_MAX cannot be read (even by root): read-error.
 * The folders are made with relative names, one level at a time. */
TRO_TEST(scan_unreadable)
{
    char *d = fx_tempdir();
    char cwd[4096], name[201];
    CHECK(getcwd(cwd, sizeof cwd) != NULL);
    memset(name, 'n', 200);
    name[200] = '\0';
    CHECK_INT(chdir(d), 0);
    for (int i = 0; i < 24; i++) {
        CHECK_INT(mkdir(name, 0755), 0);
        CHECK_INT(chdir(name), 0);
    }
    fx_text("deep.txt", "x");
    CHECK_INT(chdir(cwd), 0);
    fx_text(fx_path(d, "ok.txt"), "abc");
    tro_ctx *ctx = make_ctx(1, 0, NULL, 0);
    tro_release *rel = scan(ctx, d);
    CHECK_STR(paths(rel), "ok.txt");
    const tro_finding *f = finding(rel, "read-error", NULL);
    CHECK(f != NULL);
    CHECK_INT(tro_finding_severity(f), TRO_SEVERITY_ERROR);
    CHECK_CONTAINS(tro_finding_message(f), "too long");
    tro_release_free(rel);
    tro_ctx_free(ctx);
    fx_rmtree(d);
    free(d);
}

TRO_TEST(scan_limits)
{
    char *d = fx_tempdir();
    for (int i = 0; i < 5; i++)
        fx_text(fx_path(d, "f%d", i), "x");
    fx_text(fx_path(d, "a/b/c/d/e.txt"), "deep");
    tro_ctx_options o = TRO_CTX_OPTIONS_INIT;
    tro_ctx *ctx;
    tro_release *rel = NULL;
    tro_error err;
    o.limits.max_entries = 5;
    CHECK_INT(tro_ctx_new(&ctx, &o, NULL), 0);
    CHECK_INT(tro_scan(ctx, d, &rel, &err), TRO_ELIMIT);
    CHECK(rel == NULL);
    CHECK_CONTAINS(err.message, "max_entries");
    tro_ctx_free(ctx);

    o.limits.max_entries = 0;
    o.limits.max_depth = 2;
    CHECK_INT(tro_ctx_new(&ctx, &o, NULL), 0);
    CHECK_INT(tro_scan(ctx, d, &rel, &err), 0);
    CHECK(tro_release_find(rel, "a/b/c/d/e.txt") == NULL);
    CHECK(tro_release_find(rel, "f4") != NULL);
    const tro_finding *f = finding(rel, "depth-limit", "a/b/c");
    CHECK(f != NULL);
    CHECK_CONTAINS(tro_finding_message(f), "max_depth");
    tro_release_free(rel);
    tro_ctx_free(ctx);
    fx_rmtree(d);
    free(d);
}

/* The manifest (and the findings) must not depend on the thread count. */
static char *manifest_with(const char *dir, unsigned threads, size_t *nfind)
{
    tro_ctx *ctx = make_ctx(threads, 0, NULL, 0);
    tro_release *rel = scan(ctx, dir);
    char *text = NULL;
    CHECK_INT(tro_release_manifest(rel, &text, NULL), 0);
    *nfind = tro_release_finding_count(rel);
    tro_release_free(rel);
    tro_ctx_free(ctx);
    return text;
}

TRO_TEST(scan_threads)
{
    char *d = fx_tempdir();
    static unsigned char big[3 << 20];
    for (size_t i = 0; i < sizeof big; i++)
        big[i] = (unsigned char)(i * 7 + (i >> 12));
    for (int i = 0; i < 40; i++)
        fx_write(fx_path(d, "dir%d/file%02d.bin", i % 4, i), big, (size_t)i * 40000 + 1);
    fx_write(fx_path(d, "large.bin"), big, sizeof big);
    CHECK_INT(symlink("/", fx_path(d, "escape")), 0);
    size_t n1, n4, n9;
    char *m1 = manifest_with(d, 1, &n1);
    char *m4 = manifest_with(d, 4, &n4);
    char *m9 = manifest_with(d, 9, &n9);
    CHECK(m1 && m4 && m9);
    CHECK_STR(m1, m4);
    CHECK_STR(m1, m9);
    CHECK_INT(n1, 1);
    CHECK_INT(n4, 1);
    CHECK_INT(n9, 1);
    tro_free(m1);
    tro_free(m4);
    tro_free(m9);
    fx_rmtree(d);
    free(d);
}

typedef struct progress_log {
    int calls;
    uint64_t last_done, last_total;
    bool monotonic, bounded;
    int cancel_at;      /* cancel on this call (1-based), 0 never */
    const char *remove; /* a file to delete when the hashing starts */
    uint64_t remove_at_total;
} progress_log;

static int on_progress(uint64_t done, uint64_t total, void *ud)
{
    progress_log *p = ud;
    p->calls++;
    if (done < p->last_done)
        p->monotonic = false;
    if (done > total)
        p->bounded = false;
    p->last_done = done;
    p->last_total = total;
    if (p->remove && total == p->remove_at_total) {
        unlink(p->remove);
        p->remove = NULL;
    }
    return p->cancel_at && p->calls >= p->cancel_at;
}

TRO_TEST(scan_progress)
{
    char *d = fx_tempdir();
    static unsigned char buf[1 << 20];
    for (int i = 0; i < 6; i++)
        fx_write(fx_path(d, "f%d.bin", i), buf, sizeof buf);
    fx_text(fx_path(d, "vanishes.txt"), "gone before it is read");

    tro_ctx_options o = TRO_CTX_OPTIONS_INIT;
    char vanish[4200];
    snprintf(vanish, sizeof vanish, "%s", fx_path(d, "vanishes.txt"));
    progress_log log = {.monotonic = true,
                        .bounded = true,
                        .remove = vanish,
                        .remove_at_total = 6 * sizeof buf + 22};
    o.threads = 2;
    o.progress = on_progress;
    o.progress_userdata = &log;
    tro_ctx *ctx;
    tro_release *rel = NULL;
    tro_error err;
    CHECK_INT(tro_ctx_new(&ctx, &o, NULL), 0);
    CHECK_INT(tro_scan(ctx, d, &rel, &err), 0);
    CHECK(log.calls >= 2);
    CHECK(log.monotonic);
    CHECK(log.bounded);
    CHECK_INT(log.last_total, 6 * sizeof buf + 22);
    CHECK_INT(log.last_done, log.last_total);
    /* the file deleted after the walk listed it: a read error, not an artifact */
    CHECK_INT(tro_release_artifact_count(rel), 6);
    const tro_finding *f = finding(rel, "read-error", "vanishes.txt");
    CHECK(f != NULL);
    CHECK_INT(tro_finding_severity(f), TRO_SEVERITY_ERROR);
    tro_release_free(rel);
    tro_ctx_free(ctx);

    /* cancellation: during the walk (first call) and as hashing starts */
    for (int at = 1; at <= 2; at++) {
        log = (progress_log){.monotonic = true, .bounded = true, .cancel_at = at};
        CHECK_INT(tro_ctx_new(&ctx, &o, NULL), 0);
        rel = (tro_release *)1;
        CHECK_INT(tro_scan(ctx, d, &rel, &err), TRO_ECANCELED);
        CHECK(rel == NULL);
        CHECK_INT(err.code, TRO_ECANCELED);
        CHECK_INT(log.calls, at);
        tro_ctx_free(ctx);
    }
    fx_rmtree(d);
    free(d);
}

TRO_TEST(scan_no_hash)
{
    char *d = fx_tempdir();
    fx_text(fx_path(d, "a.txt"), "abc");
    tro_ctx *ctx = make_ctx(2, TRO_SCAN_NO_HASH, NULL, 0);
    tro_release *rel = scan(ctx, d);
    CHECK_INT(tro_release_artifact_count(rel), 1);
    CHECK(tro_artifact_sha256(tro_release_artifact(rel, 0)) == NULL);
    CHECK_INT(tro_artifact_size(tro_release_artifact(rel, 0)), 3);
    char *text = (char *)1;
    CHECK_INT(tro_release_manifest(rel, &text, NULL), TRO_EINVAL);
    CHECK(text == NULL);
    CHECK_CONTAINS(tro_release_last_error(rel), "not hashed");
    tro_verify_result *res = NULL;
    tro_error err;
    CHECK_INT(tro_verify(rel, "{}", 2, &res, &err), TRO_EINVAL);
    tro_release_free(rel);
    tro_ctx_free(ctx);
    fx_rmtree(d);
    free(d);
}

/* Names that are not UTF-8 are artifacts with their other bytes escaped
 * (tests/unit/scan/test_manifest.c: through manifests and verify). */
TRO_TEST(scan_bad_names)
{
    char *d = fx_tempdir();
    fx_text(fx_path(d, "ok.txt"), "abc");
    fx_text(fx_path(d, "bad\xff.txt"), "abc");
    tro_ctx *ctx = make_ctx(1, 0, NULL, 0);
    tro_release *rel = scan(ctx, d);
    CHECK_STR(paths(rel), "bad\\xff.txt,ok.txt");
    CHECK_INT(tro_release_finding_count(rel), 0);
    const tro_artifact *a = tro_release_find(rel, "bad\\xff.txt");
    CHECK_STR(a ? tro_artifact_sha256(a) : "", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    tro_release_free(rel);
    tro_ctx_free(ctx);
    fx_rmtree(d);
    free(d);
}
