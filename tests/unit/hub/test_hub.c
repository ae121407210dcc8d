/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* The Hub client's pure parts (lib/hub): references, the Link header, the
 * API answers, the PyTorch zip plan, the cache layout. Tables of inputs and
 * what must come out; the network parts are tested against a fake Hub
 * (tests/hub). */
#include "hub.h"
#include "test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

TRO_TEST(hub_refs)
{
    static const struct {
        const char *in;
        int rc;
        tro_ref_kind kind;
        const char *id, *rev;
    } cases[] = {
        {"hf://org/name", 1, TRO_REF_MODEL, "org/name", "main"},
        {"hf://org/name@v1.0", 1, TRO_REF_MODEL, "org/name", "v1.0"},
        {"hf://models/org/name/", 1, TRO_REF_MODEL, "org/name", "main"},
        {"hf://datasets/org/data@refs/pr/1", 1, TRO_REF_DATASET, "org/data", "refs/pr/1"},
        {"hf://gpt2", 1, TRO_REF_MODEL, "gpt2", "main"},
        {"https://huggingface.co/org/name", 1, TRO_REF_MODEL, "org/name", "main"},
        {"https://huggingface.co/org/name/tree/dev/sub/dir", 1, TRO_REF_MODEL, "org/name", "dev"},
        {"https://hf.co/org/name/blob/abc/README.md", 1, TRO_REF_MODEL, "org/name", "abc"},
        {"https://huggingface.co/org/name/tree/refs%2Fpr%2F3", 1, TRO_REF_MODEL, "org/name",
         "refs/pr/3"},
        {"https://huggingface.co/datasets/org/data?x=1#y", 1, TRO_REF_DATASET, "org/data", "main"},
        {"http://127.0.0.1:9/org/name/tree/main", 1, TRO_REF_MODEL, "org/name", "main"},
        {"hf://spaces/org/app", -1, 0, NULL, NULL},
        {"hf://org/na--me", -1, 0, NULL, NULL},
        {"hf://org/.name", -1, 0, NULL, NULL},
        {"hf://org/name/file.txt", -1, 0, NULL, NULL},
        {"hf://org/name@../x", -1, 0, NULL, NULL},
        {"hf://org/name@", -1, 0, NULL, NULL},
        {"https://huggingface.co/docs/hub", -1, 0, NULL, NULL},
        {"https://huggingface.co/org/name/commits/main", -1, 0, NULL, NULL},
        {"https://huggingface.co/org/name/tree/%00", -1, 0, NULL, NULL},
        {"./models/org/name", 0, 0, NULL, NULL},
        {"https://example.com/org/name", 0, 0, NULL, NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        trop_hub_ref ref;
        const char *why = NULL;
        int rc = trop_hub_ref_parse(cases[i].in, "http://127.0.0.1:9", &ref, &why);
        CHECK_INT(rc, cases[i].rc);
        if (rc == 1) {
            CHECK_INT(ref.kind, cases[i].kind);
            CHECK_STR(ref.id, cases[i].id);
            CHECK_STR(ref.rev, cases[i].rev);
        }
        CHECK(rc != -1 || (why && *why));
    }
    CHECK_INT(tro_hub_is_ref(NULL, "hf://org/name"), 1);
    CHECK_INT(tro_hub_is_ref(NULL, "org/name"), 0);
    char esc[64] = "";
    CHECK(trop_hub_url_escape(esc, sizeof esc, "refs/pr/1 x", false));
    CHECK_STR(esc, "refs%2Fpr%2F1%20x");
    esc[0] = '\0';
    CHECK(trop_hub_url_escape(esc, sizeof esc, "a b/c", true));
    CHECK_STR(esc, "a%20b/c");
    esc[0] = '\0';
    CHECK(!trop_hub_url_escape(esc, 4, "abcd", true));
}

TRO_TEST(hub_link)
{
    static const struct {
        const char *in, *next;
    } cases[] = {
        {"<https://h/api?c=2>; rel=\"next\"", "https://h/api?c=2"},
        {"<https://h/l>; rel=\"last\", <https://h/n>; rel=\"next\"", "https://h/n"},
        {"<https://h/a>; title=\"a, b; rel=next\"; rel=prev, <https://h/b>;rel=next",
         "https://h/b"},
        {"<https://h/c>; rel=\"prefetch NEXT\"", "https://h/c"},
        {"https://h/a; rel=\"next\"", NULL},
        {"<https://h/a; rel=\"next\"", NULL},
        {"<>; rel=next", NULL},
        {"", NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char *next = NULL;
        int rc = trop_link_next(cases[i].in, strlen(cases[i].in), &next);
        CHECK_INT(rc, cases[i].next ? 1 : 0);
        if (cases[i].next && next)
            CHECK_STR(next, cases[i].next);
        free(next);
    }
}

TRO_TEST(hub_api)
{
    char why[256];
    trop_hub_revision r;
    const char *ok = "{\"sha\": \"ABCDEF0123456789abcdef0123456789abcdef01\", \"gated\": \"auto\","
                     " \"siblings\": [{\"rfilename\": \"README.md\"}, {\"rfilename\": \"a/b\"}]}";
    CHECK_INT(trop_hub_parse_revision(ok, strlen(ok), 10, &r, why, sizeof why), 0);
    CHECK_STR(r.sha, "abcdef0123456789abcdef0123456789abcdef01");
    CHECK(r.gated && !r.priv);
    CHECK_INT(r.nsiblings, 2);
    trop_hub_revision_clear(&r);
    CHECK_INT(trop_hub_parse_revision(ok, strlen(ok), 1, &r, why, sizeof why), TRO_ELIMIT);
    const char *bad[] = {"{\"sha\": 5}", "[1]", "{\"sha\": \"abc\"}", "nope",
                         "{\"sha\": \"0123456789abcdef0123456789abcdef01234567\", "
                         "\"siblings\": [{\"rfilename\": \"../x\"}]}"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        CHECK_INT(trop_hub_parse_revision(bad[i], strlen(bad[i]), 10, &r, why, sizeof why),
                  TRO_EFORMAT);
        CHECK(*why);
    }
    trop_hub_tree t = {0};
    const char *page = "[{\"type\": \"directory\", \"path\": \"d\"},"
                       " {\"type\": \"file\", \"path\": \"d/w.bin\", \"size\": 9,"
                       "  \"oid\": \"0123456789abcdef0123456789abcdef01234567\","
                       "  \"lfs\": {\"oid\": \"" /* 64 digits */
                       "00000000000000000000000000000000000000000000000000000000000000ff\","
                       "  \"size\": 9}}]";
    CHECK_INT(trop_hub_parse_tree(page, strlen(page), 10, &t, why, sizeof why), 0);
    CHECK_INT(t.n, 1);
    CHECK(t.n == 1 && t.v[0].lfs && t.v[0].size == 9 && !strcmp(t.v[0].path, "d/w.bin"));
    char *json;
    size_t len;
    CHECK_INT(trop_hub_tree_json(&t, &json, &len), 0);
    trop_hub_tree again = {0};
    CHECK_INT(trop_hub_parse_tree(json, len, 10, &again, why, sizeof why), 0);
    CHECK(again.n == 1 && !strcmp(again.v[0].lfs_sha256, t.v[0].lfs_sha256));
    free(json);
    trop_hub_tree_clear(&again);
    CHECK_INT(trop_hub_parse_tree(page, strlen(page), 1, &t, why, sizeof why), TRO_ELIMIT);
    trop_hub_tree_clear(&t);
    const char *mismatch = "[{\"type\": \"file\", \"path\": \"x\", \"size\": 1,"
                           " \"lfs\": {\"oid\": \"00000000000000000000000000000000000000000000"
                           "000000000000000000ff\", \"size\": 2}}]";
    CHECK_INT(trop_hub_parse_tree(mismatch, strlen(mismatch), 10, &t, why, sizeof why),
              TRO_EFORMAT);
    CHECK(strstr(why, "differ") != NULL);
    trop_hub_tree_clear(&t);
}

/* A stored zip: data.pkl first, storages, then the central directory. */
static size_t tiny_zip(unsigned char *out, size_t storages)
{
    size_t o = 0, cd_at, ncd = 0;
    struct {
        char name[32];
        size_t lho, size;
    } e[16];
    for (size_t i = 0; i <= storages; i++) {
        snprintf(e[i].name, sizeof e[i].name, i ? "arch/data/%zu" : "arch/data.pkl", i - 1);
        size_t nl = strlen(e[i].name);
        e[i].lho = o;
        e[i].size = i ? 100 : 40;
        memcpy(out + o, "PK\3\4", 4);
        memset(out + o + 4, 0, 26);
        out[o + 18] = (unsigned char)e[i].size; /* compressed size */
        out[o + 22] = (unsigned char)e[i].size;
        out[o + 26] = (unsigned char)nl;
        memcpy(out + o + 30, e[i].name, nl);
        o += 30 + nl;
        memset(out + o, i ? 0 : 0x80, e[i].size);
        o += e[i].size;
        ncd++;
    }
    cd_at = o;
    for (size_t i = 0; i < ncd; i++) {
        size_t nl = strlen(e[i].name);
        memcpy(out + o, "PK\1\2", 4);
        memset(out + o + 4, 0, 42);
        out[o + 20] = (unsigned char)e[i].size;
        out[o + 24] = (unsigned char)e[i].size;
        out[o + 28] = (unsigned char)nl;
        out[o + 42] = (unsigned char)(e[i].lho & 0xff);
        out[o + 43] = (unsigned char)(e[i].lho >> 8);
        memcpy(out + o + 46, e[i].name, nl);
        o += 46 + nl;
    }
    size_t cd_len = o - cd_at;
    memcpy(out + o, "PK\5\6", 4);
    memset(out + o + 4, 0, 18);
    out[o + 12] = (unsigned char)(cd_len & 0xff);
    out[o + 13] = (unsigned char)(cd_len >> 8);
    out[o + 16] = (unsigned char)(cd_at & 0xff);
    out[o + 17] = (unsigned char)(cd_at >> 8);
    return o + 22;
}

TRO_TEST(hub_zip)
{
    unsigned char z[4096];
    size_t n = tiny_zip(z, 5);
    uint64_t off = 0, len = 0;
    CHECK_INT(trop_zip_locate(z + n - 200, 200, n, &off, &len), 1);
    CHECK(off > 500 && off + len + 22 == n);
    /* the pickles end at data.pkl: 30 + 13 + 40, with the allowance */
    uint64_t end = trop_zip_pickles_end(z + off, (size_t)len, n);
    CHECK(end >= 30 + 13 + 40 && end <= n);
    CHECK_INT(trop_zip_locate(z, 10, n, &off, &len), 0);
    z[n - 22 + 16] = 0xff; /* the directory said to start past the end */
    z[n - 22 + 17] = 0x7f;
    CHECK_INT(trop_zip_locate(z + n - 200, 200, n, &off, &len), -1);
}

TRO_TEST(hub_cache)
{
    char root[] = "/tmp/trulyopen-hub-unit.XXXXXX";
    CHECK(mkdtemp(root) != NULL);
    trop_hub_ref ref = {.kind = TRO_REF_DATASET, .id = "org/data", .rev = "main"};
    const char *sha = "0123456789abcdef0123456789abcdef01234567";
    char got[41];
    CHECK_INT(trop_hub_cache_ref(root, &ref, "main", got), 0);
    trop_hub_cache_put_ref(root, &ref, "main", sha);
    CHECK_INT(trop_hub_cache_ref(root, &ref, "main", got), 1);
    CHECK_STR(got, sha);
    trop_hub_cache_put_file(root, &ref, sha, "sub/README.md", "", "hello", 5);
    char *p = trop_hub_cache_file(root, &ref, sha, "sub/README.md");
    CHECK(p != NULL);
    char *data;
    size_t len;
    CHECK_INT(p ? trop_hub_read_file(p, 100, &data, &len) : 0, 1);
    if (p && len == 5) {
        CHECK(!memcmp(data, "hello", 5));
        free(data);
    }
    CHECK_INT(p ? trop_hub_read_file(p, 4, &data, &len) : 0, TRO_ELIMIT);
    /* huggingface_hub's layout: a relative link into blobs/ */
    char *link = trop_asprintf("%s/datasets--org--data/snapshots/%s/sub/README.md", root, sha);
    char target[256] = "";
    ssize_t tn = link ? readlink(link, target, sizeof target - 1) : -1;
    CHECK(tn > 0 && !strncmp(target, "../../../blobs/", 15));
    free(link);
    free(p);
    char *cmd = trop_asprintf("rm -rf '%s'", root);
    CHECK(cmd && system(cmd) == 0);
    free(cmd);
}
