/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* Manifests: the exact text, determinism, escapes, verification (incl. Git
 * LFS pointers on either side) and malformed input, through the public API. */
#include <trulyopen.h>

#include "fixture.h"
#include "test.h"

#define SHA_ABC "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
#define SHA_XYZ "3608bca1e44ea6c4d268eb6db02260269892c0b42b86bbf1e77a6fa16c3c9282"
#define PTR_ABC                                                                                    \
    "version https://git-lfs.github.com/spec/v1\n"                                                 \
    "oid sha256:" SHA_ABC "\n"                                                                     \
    "size 3\n"

static tro_ctx *ctx;

/* A release from (name, content) pairs, NULL-terminated. */
static tro_release *mem_release(const char *const *files)
{
    tro_release *rel;
    if (tro_release_new(&rel, ctx, "mem"))
        exit(99);
    for (size_t i = 0; files[i]; i += 2)
        CHECK_INT(tro_release_add_buffer(rel, files[i], files[i + 1], strlen(files[i + 1])), 0);
    return rel;
}

static char *manifest(const tro_release *rel)
{
    char *text = NULL;
    size_t len = 0;
    CHECK_INT(tro_release_manifest(rel, &text, &len), 0);
    CHECK(text && strlen(text) == len);
    return text;
}

static void test_text(void)
{
    const char *files[] = {"z.txt", "xyz", "a.txt", "abc", "big.bin", PTR_ABC, NULL};
    tro_release *rel = mem_release(files);
    char *text = manifest(rel);
    /* the exact layout: stable key order, one artifact per line */
    CHECK_STR(text,
              "{\n"
              "  \"format\": \"trulyopen-manifest\",\n"
              "  \"format_version\": 1,\n"
              "  \"tool\": \"trulyopen " TRO_VERSION_STRING "\",\n"
              "  \"artifacts\": [\n"
              "    {\"path\": \"a.txt\", \"size\": 3, \"sha256\": \"" SHA_ABC
              "\", \"type\": \"other\"},\n"
              "    {\"path\": \"big.bin\", \"size\": 126, \"sha256\": "
              "\"a65e33e282142553e6b80ccf633fa27b096dc0dce718c2b053aa53313d79a9b8\", \"type\": "
              "\"lfs-pointer\", \"lfs\": {\"oid\": \"" SHA_ABC "\", \"size\": 3}},\n"
              "    {\"path\": \"z.txt\", \"size\": 3, \"sha256\": \"" SHA_XYZ
              "\", \"type\": \"other\"}\n"
              "  ]\n"
              "}\n");
    tro_free(text);
    tro_release_free(rel);

    const char *none[] = {NULL};
    rel = mem_release(none);
    text = manifest(rel);
    CHECK_CONTAINS(text, "\"artifacts\": []\n}\n");
    tro_free(text);
    CHECK_INT(tro_release_manifest(rel, NULL, NULL), TRO_EINVAL);
    CHECK_INT(tro_release_manifest(NULL, &text, NULL), TRO_EINVAL);
    tro_release_free(rel);
}

/* Names with characters JSON must escape survive the round trip. */
static void test_escapes(void)
{
    const char *files[] = {"q\"uote",
                           "a",
                           "back\\slash",
                           "b",
                           "new\nline",
                           "c",
                           "tab\there",
                           "d",
                           "ctl\x01",
                           "e",
                           "caf\xc3\xa9/\xe2\x82\xac",
                           "f",
                           NULL};
    tro_release *rel = mem_release(files);
    char *text = manifest(rel);
    CHECK_CONTAINS(text, "\"q\\\"uote\"");
    CHECK_CONTAINS(text, "\"back\\\\slash\"");
    CHECK_CONTAINS(text, "\"new\\nline\"");
    CHECK_CONTAINS(text, "\"tab\\there\"");
    CHECK_CONTAINS(text, "\"ctl\\u0001\"");
    CHECK_CONTAINS(text, "\"caf\xc3\xa9/\xe2\x82\xac\"");
    tro_verify_result *res = NULL;
    tro_error err;
    CHECK_INT(tro_verify(rel, text, strlen(text), &res, &err), 0);
    CHECK_INT(tro_verify_result_count(res), 0);
    tro_verify_result_free(res);
    /* \u escapes and surrogate pairs decode to the same names */
    const char *esc = "{\"format\": \"trulyopen-manifest\", \"format_version\": 1, \"artifacts\": ["
                      "{\"path\": \"\\u0063af\\u00e9\\/\\u20ac\", \"size\": 1, \"sha256\": "
                      "\"252f10c83610ebca1a059c0bae8255eba2f95be4d1d7bcfa89d7248a82d9f111\"},"
                      "{\"path\": \"\\ud83d\\ude00\", \"size\": 1, \"sha256\": "
                      "\"252f10c83610ebca1a059c0bae8255eba2f95be4d1d7bcfa89d7248a82d9f111\"}]}";
    CHECK_INT(tro_verify(rel, esc, strlen(esc), &res, &err), 0);
    /* "caf\u00e9/\u20ac" holds "f": it matches; the emoji is missing; the
     * five other names are extra */
    size_t n = tro_verify_result_count(res);
    CHECK_INT(n, 6);
    for (size_t i = 0; i < n; i++) {
        tro_diff_kind kind;
        const char *p = NULL;
        CHECK_INT(tro_verify_result_get(res, i, &kind, &p, NULL), 0);
        CHECK(strcmp(p, "caf\xc3\xa9/\xe2\x82\xac") != 0);
        CHECK_INT(kind, strcmp(p, "\xf0\x9f\x98\x80") ? TRO_DIFF_EXTRA : TRO_DIFF_MISSING);
    }
    tro_verify_result_free(res);
    tro_free(text);
    tro_release_free(rel);
}

/* The same content in two places gives the same bytes, free of the paths. */
static void test_determinism(void)
{
    char *d1 = fx_tempdir(), *d2 = fx_tempdir();
    const char *names[] = {"README.md", "w/model.bin", "w/a.bin", "z", "config.json"};
    for (size_t i = 0; i < 5; i++) {
        fx_text(fx_path(d1, "%s", names[i]), names[i]);
        fx_text(fx_path(d2, "%s", names[4 - i]), names[4 - i]); /* other creation order */
    }
    tro_release *r1, *r2;
    tro_error err;
    CHECK_INT(tro_scan(ctx, d1, &r1, &err), 0);
    CHECK_INT(tro_scan(ctx, d2, &r2, &err), 0);
    char *m1 = manifest(r1), *m2 = manifest(r2);
    CHECK_STR(m1, m2);
    CHECK(strstr(m1, d1) == NULL);
    CHECK(strstr(m1, "/tmp") == NULL);
    char *again = manifest(r1);
    CHECK_STR(m1, again);
    tro_free(again);
    tro_free(m1);
    tro_free(m2);
    tro_release_free(r1);
    tro_release_free(r2);
    fx_rmtree(d1);
    fx_rmtree(d2);
    free(d1);
    free(d2);
}

static void check_diff(const tro_verify_result *res, size_t i, tro_diff_kind kind, const char *path,
                       const char *detail_part)
{
    tro_diff_kind k;
    const char *p, *d;
    CHECK_INT(tro_verify_result_get(res, i, &k, &p, &d), 0);
    CHECK_INT(k, kind);
    CHECK_STR(p, path);
    CHECK_CONTAINS(d, detail_part);
}

static void test_verify(void)
{
    const char *before[] = {"same", "abc", "gone", "abc", "grown", "abc", "edited", "abc", NULL};
    const char *after[] = {"same", "abc", "grown", "abcd", "edited", "xyz", "new", "n", NULL};
    tro_release *r1 = mem_release(before), *r2 = mem_release(after);
    char *m = manifest(r1);
    tro_verify_result *res;
    tro_error err;
    CHECK_INT(tro_verify(r2, m, strlen(m), &res, &err), 0);
    CHECK_INT(tro_verify_result_count(res), 4);
    check_diff(res, 0, TRO_DIFF_CHANGED, "edited", "sha256 " SHA_ABC " != " SHA_XYZ);
    check_diff(res, 1, TRO_DIFF_MISSING, "gone", "");
    check_diff(res, 2, TRO_DIFF_CHANGED, "grown", "size 3 != 4, sha256 " SHA_ABC " != ");
    check_diff(res, 3, TRO_DIFF_EXTRA, "new", "");
    CHECK_INT(tro_verify_result_get(res, 4, NULL, NULL, NULL), TRO_EINVAL);
    CHECK_INT(tro_verify_result_get(NULL, 0, NULL, NULL, NULL), TRO_EINVAL);
    tro_verify_result_free(res);
    CHECK_INT(tro_verify(r1, m, strlen(m), &res, &err), 0);
    CHECK_INT(tro_verify_result_count(res), 0);
    tro_verify_result_free(res);
    CHECK_INT(tro_verify(NULL, m, strlen(m), &res, &err), TRO_EINVAL);
    CHECK_INT(tro_verify(r1, m, strlen(m), NULL, &err), TRO_EINVAL);
    CHECK_INT(tro_verify(r1, NULL, 3, &res, &err), TRO_EINVAL);
    tro_verify_result_free(NULL);
    tro_free(m);
    tro_release_free(r1);
    tro_release_free(r2);
}

/* A pointer on either side stands for the content it declares. */
static void test_verify_lfs(void)
{
    const char *clone[] = {"big.bin", PTR_ABC, "small", "abc", NULL};
    const char *real[] = {"big.bin", "abc", "small", "abc", NULL};
    const char *wrong[] = {"big.bin", "xyz", "small", "abc", NULL};
    tro_release *rc = mem_release(clone), *rr = mem_release(real), *rw = mem_release(wrong);
    char *mc = manifest(rc), *mr = manifest(rr);
    tro_verify_result *res;
    tro_error err;
    CHECK_INT(tro_verify(rr, mc, strlen(mc), &res, &err), 0);
    CHECK_INT(tro_verify_result_count(res), 0);
    tro_verify_result_free(res);
    CHECK_INT(tro_verify(rc, mr, strlen(mr), &res, &err), 0);
    CHECK_INT(tro_verify_result_count(res), 0);
    tro_verify_result_free(res);
    CHECK_INT(tro_verify(rc, mc, strlen(mc), &res, &err), 0);
    CHECK_INT(tro_verify_result_count(res), 0);
    tro_verify_result_free(res);
    CHECK_INT(tro_verify(rw, mc, strlen(mc), &res, &err), 0);
    CHECK_INT(tro_verify_result_count(res), 1);
    check_diff(res, 0, TRO_DIFF_CHANGED, "big.bin", "the manifest records an LFS pointer");
    check_diff(res, 0, TRO_DIFF_CHANGED, "big.bin", "sha256 " SHA_ABC " != " SHA_XYZ);
    tro_verify_result_free(res);
    /* a pointer declaring other content than the manifest's real file */
    const char *other[] = {
        "big.bin", "version https://git-lfs.github.com/spec/v1\noid sha256:" SHA_XYZ "\nsize 3\n",
        "small", "abc", NULL};
    tro_release *ro = mem_release(other);
    CHECK_INT(tro_verify(ro, mr, strlen(mr), &res, &err), 0);
    CHECK_INT(tro_verify_result_count(res), 1);
    check_diff(res, 0, TRO_DIFF_CHANGED, "big.bin", "the release has an LFS pointer");
    tro_verify_result_free(res);
    tro_release_free(ro);
    tro_free(mc);
    tro_free(mr);
    tro_release_free(rc);
    tro_release_free(rr);
    tro_release_free(rw);
}

#define HEAD "{\"format\":\"trulyopen-manifest\",\"format_version\":1,"
#define ART(path, size, sha) "{\"path\":" path ",\"size\":" size ",\"sha256\":" sha "}"
#define GOOD_SHA "\"" SHA_ABC "\""

static const char END[] = "(end)"; /* the expected offset is the end of the text */

typedef struct bad_case {
    const char *text;
    int code;
    const char *at; /* the expected offset is where this first occurs */
    const char *message;
} bad_case;

static const bad_case bad[] = {
    {"", TRO_EPARSE, NULL, "expected '{'"},
    {"{", TRO_EPARSE, END, "end of the text"},
    {"{\"format\":\"trulyopen-manifest\",", TRO_EPARSE, END, "end of the text"},
    {"[]", TRO_EPARSE, NULL, "expected '{'"},
    {"\xef\xbb\xbf{}", TRO_EPARSE, NULL, "expected '{'"},
    {"{\"format\":\"other\",\"format_version\":1,\"artifacts\":[]}", TRO_EFORMAT, NULL,
     "not a trulyopen manifest"},
    {"{\"format_version\":1,\"artifacts\":[]}", TRO_EFORMAT, NULL, "not a trulyopen manifest"},
    {"{\"format\":\"trulyopen-manifest\",\"format_version\":2,\"artifacts\":\"new\"}", TRO_EVERSION,
     NULL, "newer"},
    {"{\"artifacts\":[1],\"format_version\":99,\"format\":\"trulyopen-manifest\"}", TRO_EVERSION,
     NULL, "format_version 99"},
    {"{\"format\":\"trulyopen-manifest\",\"format_version\":\"1\",\"artifacts\":[]}", TRO_EFORMAT,
     "\"1\"", "format_version: expected a whole number"},
    {"{\"format\":\"trulyopen-manifest\",\"format_version\":1.0,\"artifacts\":[]}", TRO_EFORMAT,
     "1.0", "expected a whole number"},
    {"{\"format\":\"trulyopen-manifest\",\"format_version\":0,\"artifacts\":[]}", TRO_EFORMAT, NULL,
     "format_version"},
    {HEAD "\"tool\":1}", TRO_EFORMAT, NULL, "no \"artifacts\""},
    {HEAD "\"artifacts\":{}}", TRO_EFORMAT, "{}", "artifacts: expected a list"},
    {HEAD "\"artifacts\":[5]}", TRO_EFORMAT, "5]", "artifacts[0]: expected an object"},
    {HEAD "\"artifacts\":[{\"path\":\"a\",\"size\":1}]}", TRO_EFORMAT, "{\"path", "needs"},
    {HEAD "\"artifacts\":[" ART("\"a\"", "1", "\"abc\"") "]}", TRO_EFORMAT, "\"abc\"",
     "artifacts[0].sha256: expected 64 lowercase hex digits"},
    {HEAD "\"artifacts\":[" ART(
         "\"a\"", "1", "\"BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD\"") "]}",
     TRO_EFORMAT, "\"BA78", "lowercase"},
    {HEAD "\"artifacts\":[" ART("\"a\"", "-1", GOOD_SHA) "]}", TRO_EFORMAT, "-1",
     "artifacts[0].size: expected a whole number"},
    {HEAD "\"artifacts\":[" ART("\"a\"", "18446744073709551616", GOOD_SHA) "]}", TRO_EFORMAT,
     "1844", "too large"},
    {HEAD "\"artifacts\":[" ART("\"a\"", "1e3", GOOD_SHA) "]}", TRO_EFORMAT, "1e3",
     "expected a whole number"},
    {HEAD "\"artifacts\":[" ART("\"a\"", "01", GOOD_SHA) "]}", TRO_EPARSE, "01", "leading zero"},
    {HEAD "\"artifacts\":[{\"path\":\"a\",\"path\":\"b\",\"size\":1,\"sha256\":" GOOD_SHA "}]}",
     TRO_EFORMAT, "\"path\":\"b\"", "\"path\" appears twice"},
    {HEAD "\"artifacts\":[" ART("\"a\"", "1", GOOD_SHA) "," ART("\"a\"", "2", GOOD_SHA) "]}",
     TRO_EFORMAT, "{\"path\":\"a\",\"size\":2", "\"a\" listed twice"},
    {HEAD "\"artifacts\":[" ART("\"../x\"", "1", GOOD_SHA) "]}", TRO_EFORMAT, "\"../x\"",
     "not a relative path"},
    {HEAD "\"artifacts\":[" ART("\"/etc/passwd\"", "1", GOOD_SHA) "]}", TRO_EFORMAT, "\"/etc",
     "absolute"},
    {HEAD "\"artifacts\":[" ART("\"a\\u0000b\"", "1", GOOD_SHA) "]}", TRO_EFORMAT, "\"a\\u", "NUL"},
    {HEAD "\"artifacts\":[" ART("\"a\xff\"", "1", GOOD_SHA) "]}", TRO_EPARSE, "\"a\xff", "UTF-8"},
    {HEAD "\"artifacts\":[" ART("\"a\\qb\"", "1", GOOD_SHA) "]}", TRO_EPARSE, "\\q", "bad escape"},
    {HEAD "\"artifacts\":[" ART("\"\\udc00\"", "1", GOOD_SHA) "]}", TRO_EPARSE, "\\udc00",
     "surrogate"},
    {HEAD "\"artifacts\":[" ART("\"\\ud800x\"", "1", GOOD_SHA) "]}", TRO_EPARSE, "\\ud800",
     "surrogate"},
    {HEAD "\"artifacts\":[" ART("\"\\u12\"", "1", GOOD_SHA) "]}", TRO_EPARSE, "\\u12",
     "bad \\u escape"},
    {HEAD "\"artifacts\":[" ART("\"a\nb\"", "1", GOOD_SHA) "]}", TRO_EPARSE, "\nb",
     "control character"},
    /* a path escapes a byte that is not UTF-8, and nothing else */
    {HEAD "\"artifacts\":[" ART("\"a\\\\x41\"", "1", GOOD_SHA) "]}", TRO_EFORMAT, "\"a\\\\x41",
     "backslash escape trulyopen does not write"},
    {HEAD "\"artifacts\":[" ART("\"a\\\\xFF\"", "1", GOOD_SHA) "]}", TRO_EFORMAT, "\"a\\\\xFF",
     "backslash escape trulyopen does not write"},
    {HEAD "\"artifacts\":[" ART("\"a\\\\x00\"", "1", GOOD_SHA) "]}", TRO_EFORMAT, "\"a\\\\x00",
     "backslash escape trulyopen does not write"},
    {HEAD "\"artifacts\":[" ART("\"a\\\\\\\\b\"", "1", GOOD_SHA) "]}", TRO_EFORMAT,
     "\"a\\\\\\\\b", "backslash escape trulyopen does not write"},
    {HEAD "\"artifacts\":[]} x", TRO_EPARSE, "x", "text after"},
    {HEAD "\"artifacts\":[]}\n\n#", TRO_EPARSE, "#", "text after"},
    {HEAD "\"artifacts\":[],\"x\":\"abc", TRO_EPARSE, "\"abc", "unterminated"},
    {HEAD "\"artifacts\":[],\"x\":tru}", TRO_EPARSE, "tru}", "expected a value"},
    {HEAD "\"artifacts\":[],\"x\":[1,]}", TRO_EPARSE, "]}", "expected a value"},
    {HEAD "\"artifacts\":[],\"x\":-}", TRO_EPARSE, "-}", "expected a value"},
    {HEAD "\"artifacts\":[],\"x\":1.}", TRO_EPARSE, "1.}", "bad number"},
    {HEAD "\"artifacts\":[],\"x\":{1:2}}", TRO_EPARSE, "1:2", "string key"},
    {HEAD "\"artifacts\":[],\"x\":{\"a\" 2}}", TRO_EPARSE, "2}}", "expected ':'"},
    {HEAD "\"artifacts\":[] \"x\":1}", TRO_EPARSE, "\"x\"", "expected ',' or '}'"},
    {"{\"format_version\":1,\"format\":\"trulyopen-manifest\",\"format\":\"x\",\"artifacts\":[]}",
     TRO_EFORMAT, "\"format\":\"x\"", "\"format\" appears twice"},
    {HEAD "\"artifacts\":[{\"path\":\"a\",\"size\":3,\"sha256\":" GOOD_SHA
          ",\"lfs\":{\"oid\":" GOOD_SHA "}}]}",
     TRO_EFORMAT, "{\"oid", "needs \"oid\" and \"size\""},
    {HEAD "\"artifacts\":[{\"path\":\"a\",\"size\":3,\"sha256\":" GOOD_SHA ",\"lfs\":true}]}",
     TRO_EFORMAT, "true", "lfs: expected an object"},
    {HEAD "\"artifacts\":[{\"path\":\"a\",\"size\":3,\"sha256\":" GOOD_SHA
          ",\"lfs\":{\"oid\":\"x\",\"size\":1}}]}",
     TRO_EFORMAT, "\"x\"", "artifacts[0].lfs.oid: expected 64"},
    {HEAD "\"artifacts\":[{\"path\":5,\"size\":3,\"sha256\":" GOOD_SHA "}]}", TRO_EFORMAT, "5,",
     "artifacts[0].path: expected a string"},
    {HEAD "\"artifacts\":[" ART("\"a\"", "1", GOOD_SHA) "," ART("\"b\"", "1", GOOD_SHA) "," ART(
         "\"c\"", "1", GOOD_SHA) "]}",
     TRO_ELIMIT, "{\"path\":\"c\"", "more than 2 artifacts"},
};

static void test_malformed(void)
{
    tro_ctx_options o = TRO_CTX_OPTIONS_INIT;
    o.limits.max_entries = 2;
    o.limits.max_depth = 8;
    tro_ctx *small;
    tro_release *rel;
    CHECK_INT(tro_ctx_new(&small, &o, NULL), 0);
    CHECK_INT(tro_release_new(&rel, small, "empty"), 0);
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        const bad_case *c = &bad[i];
        tro_verify_result *res = (tro_verify_result *)1;
        tro_error err = {0};
        int rc = tro_verify(rel, c->text, strlen(c->text), &res, &err);
        const char *hit = c->at == END ? c->text + strlen(c->text)
                          : c->at      ? strstr(c->text, c->at)
                                       : c->text;
        int64_t off = hit ? hit - c->text : -2;
        if (rc != c->code || err.offset != off || !strstr(err.message, c->message)) {
            fprintf(stderr, "case %zu: %s\n  got %d at %lld: %s\n", i, c->text, rc,
                    (long long)err.offset, err.message);
        }
        CHECK_INT(rc, c->code);
        CHECK_INT(err.code, c->code);
        CHECK_INT(err.offset, off);
        CHECK_CONTAINS(err.message, c->message);
        char at[48];
        snprintf(at, sizeof at, "at byte %lld", (long long)off);
        CHECK_CONTAINS(err.message, at);
        CHECK(res == NULL);
    }

    /* nesting beyond max_depth in a value nobody reads */
    char deep[256] = HEAD "\"artifacts\":[],\"x\":";
    size_t n = strlen(deep), start = n;
    for (int i = 0; i < 20; i++)
        deep[n++] = '[';
    deep[n] = '\0';
    tro_verify_result *res;
    tro_error err;
    CHECK_INT(tro_verify(rel, deep, n, &res, &err), TRO_ELIMIT);
    CHECK_INT(err.offset, (int64_t)start + 7); /* the ninth '[' overall */
    CHECK_CONTAINS(err.message, "nested deeper than 8");

    /* unknown keys are ignored, wherever they are (forward compatibility) */
    const char *future = "{\"artifacts\":[{\"path\":\"a\",\"size\":3,\"sha256\":" GOOD_SHA
                         ",\"type\":\"other\",\"new\":{\"x\":[1,2.5e-3,true,null]}}],"
                         "\"format_version\":1,\"extra\":[],\"format\":\"trulyopen-manifest\","
                         "\"tool\":\"another tool 9\"}";
    CHECK_INT(tro_verify(rel, future, strlen(future), &res, &err), 0);
    CHECK_INT(tro_verify_result_count(res), 1);
    check_diff(res, 0, TRO_DIFF_MISSING, "a", "");
    tro_verify_result_free(res);
    tro_release_free(rel);
    tro_ctx_free(small);
}

static tro_release *scan_dir(const char *d)
{
    tro_release *rel = NULL;
    tro_error err;
    CHECK_INT(tro_scan(ctx, d, &rel, &err), 0);
    return rel;
}

static char *paths_of(const tro_release *rel)
{
    static char buf[1024];
    buf[0] = '\0';
    for (size_t i = 0; i < tro_release_artifact_count(rel); i++) {
        strcat(buf, i ? "," : "");
        strncat(buf, tro_artifact_path(tro_release_artifact(rel, i)), 100);
    }
    return buf;
}

/* A file name that is not UTF-8 is an artifact like any other: its path
 * escapes the bytes, the manifest records it, and verify sees it come, go
 * or change. Names that look like escapes keep apart from the escapes. */
static void test_names_not_utf8(void)
{
    char *d = fx_tempdir();
    fx_text(fx_path(d, "ok.txt"), "abc");
    fx_text(fx_path(d, "bad\xff.txt"), "abc");
    fx_text(fx_path(d, "lit\\xff.txt"), "abc"); /* a backslash, then "xff" */
    fx_text(fx_path(d, "d\xfe/in.txt"), "abc");
    tro_release *rel = scan_dir(d);
    CHECK_STR(paths_of(rel), "bad\\xff.txt,d\\xfe/in.txt,lit\\\\xff.txt,ok.txt");
    char *m = manifest(rel);
    CHECK_CONTAINS(m, "{\"path\": \"bad\\\\xff.txt\", \"size\": 3, \"sha256\": \"" SHA_ABC "\"");
    CHECK_CONTAINS(m, "\"lit\\\\\\\\xff.txt\"");
    tro_verify_result *res;
    tro_error err;
    CHECK_INT(tro_verify(rel, m, strlen(m), &res, &err), 0);
    CHECK_INT(tro_verify_result_count(res), 0);
    tro_verify_result_free(res);
    tro_release_free(rel);

    /* a file added, one changed, one gone: each named */
    fx_text(fx_path(d, "new\xfe\x80.bin"), "x");
    fx_text(fx_path(d, "bad\xff.txt"), "xyz");
    CHECK_INT(unlink(fx_path(d, "d\xfe/in.txt")), 0);
    rel = scan_dir(d);
    CHECK_INT(tro_verify(rel, m, strlen(m), &res, &err), 0);
    CHECK_INT(tro_verify_result_count(res), 3);
    check_diff(res, 0, TRO_DIFF_CHANGED, "bad\\xff.txt", SHA_ABC " != " SHA_XYZ);
    check_diff(res, 1, TRO_DIFF_MISSING, "d\\xfe/in.txt", "");
    check_diff(res, 2, TRO_DIFF_EXTRA, "new\\xfe\\x80.bin", "");
    tro_verify_result_free(res);
    tro_release_free(rel);
    tro_free(m);
    fx_rmtree(d);
    free(d);
}

/* A path longer than PATH_MAX cannot be opened, even by root: made one
 * level at a time with relative names. Returns its path in the release. */
static char *unreadable_file(const char *d)
{
    char cwd[4096], name[201];
    static char rel[24 * 201 + 16];
    CHECK(getcwd(cwd, sizeof cwd) != NULL);
    memset(name, 'n', 200);
    name[200] = '\0';
    CHECK_INT(chdir(d), 0);
    rel[0] = '\0';
    for (int i = 0; i < 24; i++) {
        CHECK_INT(mkdir(name, 0755), 0);
        CHECK_INT(chdir(name), 0);
        strcat(strcat(rel, name), "/");
    }
    fx_text("deep.txt", "abc");
    strcat(rel, "deep.txt");
    CHECK_INT(chdir(cwd), 0);
    return rel;
}

/* What cannot be read is never left out in silence: no manifest is
 * written, and verify names it, whether the manifest lists it or not. */
static void test_unreadable(void)
{
    char *d = fx_tempdir();
    fx_text(fx_path(d, "ok.txt"), "abc");
    const char *deep = unreadable_file(d);
    tro_release *rel = scan_dir(d);
    CHECK_STR(paths_of(rel), "ok.txt");
    char *text = (char *)1;
    CHECK_INT(tro_release_manifest(rel, &text, NULL), TRO_EIO);
    CHECK(text == NULL);
    CHECK_CONTAINS(tro_release_last_error(rel), "not all of the release could be read, and a "
                                                "manifest would leave out what was not: nnnn");

    /* the manifest of the same release read whole, and of it without the
     * unreadable file: both differ from what can be read now */
    const char *whole[] = {"ok.txt", "abc", deep, "abc", NULL};
    const char *part[] = {"ok.txt", "abc", NULL};
    tro_release *rw = mem_release(whole), *rp = mem_release(part);
    char *mw = manifest(rw), *mp = manifest(rp);
    tro_verify_result *res;
    tro_error err;
    for (int k = 0; k < 2; k++) {
        const char *m = k ? mp : mw;
        CHECK_INT(tro_verify(rel, m, strlen(m), &res, &err), 0);
        CHECK_INT(tro_verify_result_count(res), 1);
        tro_diff_kind kind = TRO_DIFF_MISSING;
        const char *p = "", *detail = "";
        tro_verify_result_get(res, 0, &kind, &p, &detail);
        CHECK_INT(kind, TRO_DIFF_UNREADABLE);
        CHECK(strncmp(p, deep, strlen(p)) == 0); /* the file or a folder above it */
        CHECK_CONTAINS(detail, "too long");
        tro_verify_result_free(res);
    }
    tro_free(mw);
    tro_free(mp);
    tro_release_free(rw);
    tro_release_free(rp);
    tro_release_free(rel);
    fx_rmtree(d);
    free(d);
}

TRO_TEST(manifest)
{
    if (tro_ctx_new(&ctx, NULL, NULL))
        TRO_FAIL("tro_ctx_new");
    test_text();
    test_escapes();
    test_determinism();
    test_verify();
    test_verify_lfs();
    test_malformed();
    test_names_not_utf8();
    test_unreadable();
    tro_ctx_free(ctx);
}
