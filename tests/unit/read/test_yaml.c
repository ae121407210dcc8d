/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* The bounded YAML to JSON converter (lib/read/yaml/yaml.c). */
#include "read_test.h"
#include "yaml/yaml.h"

typedef struct warned {
    int n;
    char kind[32];
    int64_t offset;
    uint64_t line;
    char message[256];
    int fail;           /* returned by the callback */
} warned;

static int on_warn(void *ud, const char *kind, int64_t offset, uint64_t line, const char *msg)
{
    warned *w = ud;
    if (w->n++ == 0) {
        snprintf(w->kind, sizeof w->kind, "%s", kind);
        snprintf(w->message, sizeof w->message, "%s", msg);
        w->offset = offset;
        w->line = line;
    }
    return w->fail;
}

static void opts(trop_yaml_opts *o)
{
    memset(o, 0, sizeof *o);
    o->max_bytes = 1 << 20;
    o->max_depth = 64;
    o->max_aliases = 1000;
    o->max_nodes = TROP_YAML_DEFAULT_MAX_NODES;
}

/* Converts text with default bounds; returns the JSON text (or NULL). */
static char *conv(const char *text, trop_yaml_error *err)
{
    trop_yaml_opts o;
    opts(&o);
    json_t *v;
    trop_yaml_error e;
    if (trop_yaml_to_json(text, strlen(text), &o, &v, err ? err : &e))
        return NULL;
    char *s = rt_json(v);
    json_decref(v);
    return s;
}

#define CONV(text, want)                                                    \
    do {                                                                    \
        char *trt_s = conv(text, NULL);                                     \
        CHECK_STR(trt_s, want);                                             \
        free(trt_s);                                                        \
    } while (0)

/* Expects the conversion to fail with this code and kind. */
static void expect_error(const char *text, size_t len, const trop_yaml_opts *o, int code,
                         const char *kind, int line)
{
    json_t *v = NULL;
    trop_yaml_error e;
    int rc = trop_yaml_to_json(text, len, o, &v, &e);
    CHECK_INT(rc, code);
    CHECK(v == NULL);
    CHECK_INT(e.code, code);
    CHECK_STR(e.kind, kind);
    CHECK(e.message[0] != '\0');
    if (line)
        CHECK_INT(e.line, line);
    if (rc != code)
        fprintf(stderr, "  for input: %.60s\n", text);
    json_decref(v);
}

TRO_TEST(yaml_scalars)
{
    CONV("a: ~\nb: null\nc:\nd: Null\ne: NULL\nf: nULL\n",
         "{\"a\":null,\"b\":null,\"c\":null,\"d\":null,\"e\":null,\"f\":\"nULL\"}");
    CONV("t: true\nf: FALSE\nT: True\ny: yes\nn: no\no: on\nN: No\n",
         "{\"N\":\"No\",\"T\":true,\"f\":false,\"n\":\"no\",\"o\":\"on\",\"t\":true,\"y\":\"yes\"}");
    CONV("a: 12\nb: -7\nc: +3\nd: 0o17\ne: 0x1F\nf: 007\ng: 99999999999999999999\n"
         "h: -9223372036854775808\ni: 9223372036854775808\nj: 0x\nk: 1_000\n",
         "{\"a\":12,\"b\":-7,\"c\":3,\"d\":15,\"e\":31,\"f\":7,\"g\":\"99999999999999999999\","
         "\"h\":-9223372036854775808,\"i\":\"9223372036854775808\",\"j\":\"0x\",\"k\":\"1_000\"}");
    CONV("a: 1.5\nb: .5\nc: 1e3\nd: -2.5E-1\ne: .inf\nf: .nan\ng: 1.\nh: 1e400\ni: 1e\nj: .\n",
         "{\"a\":1.5,\"b\":0.5,\"c\":1000.0,\"d\":-0.25,\"e\":\".inf\",\"f\":\".nan\","
         "\"g\":1.0,\"h\":\"1e400\",\"i\":\"1e\",\"j\":\".\"}");
    CONV("a: '12'\nb: \"true\"\nc: !!str 12\nd: |\n  x\n  y\ne: >\n  x\n  y\nf: ''\n",
         "{\"a\":\"12\",\"b\":\"true\",\"c\":\"12\",\"d\":\"x\\ny\\n\",\"e\":\"x y\\n\",\"f\":\"\"}");
    CONV("d: 2024-12-15\nt: 12:30\nu: https://x.org/a#b\n",
         "{\"d\":\"2024-12-15\",\"t\":\"12:30\",\"u\":\"https://x.org/a#b\"}");
    /* version labels keep their text */
    CONV("version: 1.0\nfw_version: 2\nVersion: 1.10\nx: 1.50\nversion_date: 1.0\n",
         "{\"Version\":\"1.10\",\"fw_version\":\"2\",\"version\":\"1.0\",\"version_date\":1.0,"
         "\"x\":1.5}");
    CONV("version: true\nversion: null\n", "{\"version\":null}");
    CONV("s: \"tab\\there \\u00e9 \\0 end\"\n", "{\"s\":\"tab\\there \xC3\xA9 \\u0000 end\"}");
}

TRO_TEST(yaml_structure)
{
    CONV("", "null");
    CONV("# only a comment\n", "null");
    CONV("hello", "\"hello\"");
    CONV("- a\n- [b, c]\n- {d: 1}\n", "[\"a\",[\"b\",\"c\"],{\"d\":1}]");
    CONV("a:\n  b:\n    - 1\n    - x: y\n", "{\"a\":{\"b\":[1,{\"x\":\"y\"}]}}");
    /* keys are always strings: a scalar key is its text */
    CONV("1: a\ntrue: b\nnull: c\n~: d\n1.50: e\n",
         "{\"1\":\"a\",\"1.50\":\"e\",\"null\":\"c\",\"true\":\"b\",\"~\":\"d\"}");
    CONV("[1, 2]: e\n{b: 1, a: 2}: f\n", "{\"[1,2]\":\"e\",\"{\\\"a\\\":2,\\\"b\\\":1}\":\"f\"}");
    CONV("? |\n  block\n: v\n", "{\"block\\n\":\"v\"}");
    CONV("\"a\\0b\": 1\n", "{\"a\\u0000b\":1}");
    /* anchors are copied; "<<" is an ordinary key */
    CONV("base: &b {x: 1, y: [1, 2]}\ncopy: *b\n",
         "{\"base\":{\"x\":1,\"y\":[1,2]},\"copy\":{\"x\":1,\"y\":[1,2]}}");
    CONV("a: &a {x: 1}\nb:\n  <<: *a\n", "{\"a\":{\"x\":1},\"b\":{\"<<\":{\"x\":1}}}");
    CONV("k: &k key\n*k : v\n", "{\"k\":\"key\",\"key\":\"v\"}");
    CONV("&s s: 1\nt: *s\n", "{\"s\":1,\"t\":\"s\"}");
    CONV("a: &x 1\nb: &x 2\nc: *x\n", "{\"a\":1,\"b\":2,\"c\":2}");
    /* only the first document */
    CONV("a: 1\n---\nb: 2\n", "{\"a\":1}");
    CONV("a: 1\n---\n[: \n", "{\"a\":1}");
    CONV("---\na: 1\n...\n", "{\"a\":1}");
    CONV("\xEF\xBB\xBF" "a: 1\n", "{\"a\":1}");
    CONV("a: \"\xC3\xA9t\xC3\xA9\"\n", "{\"a\":\"\xC3\xA9t\xC3\xA9\"}");
}

TRO_TEST(yaml_duplicates)
{
    trop_yaml_opts o;
    warned w = {0};
    opts(&o);
    o.warn = on_warn;
    o.warn_ud = &w;
    o.offset_base = 100;
    o.line_base = 1;
    const char *t = "a: 1\nb: 2\na: 3\n";
    json_t *v;
    trop_yaml_error e;
    CHECK_INT(trop_yaml_to_json(t, strlen(t), &o, &v, &e), 0);
    CHECK_JSON(v, "{\"a\":3,\"b\":2}");
    json_decref(v);
    CHECK_INT(w.n, 1);
    CHECK_STR(w.kind, "duplicate-key");
    CHECK_CONTAINS(w.message, "'a'");
    CHECK_INT(w.line, 4);          /* line 3 of the text, after 1 line */
    CHECK_INT(w.offset, 100 + 10); /* the second "a" */

    /* many duplicates: warnings are capped, the value is still the last */
    char big[4096];
    size_t n = 0;
    for (int i = 0; i < 40; i++)
        n += (size_t)snprintf(big + n, sizeof big - n, "k: %d\n", i);
    memset(&w, 0, sizeof w);
    CHECK_INT(trop_yaml_to_json(big, n, &o, &v, &e), 0);
    CHECK_JSON(v, "{\"k\":39}");
    json_decref(v);
    CHECK_INT(w.n, TROP_YAML_MAX_WARNINGS);

    /* a callback that fails stops the conversion */
    memset(&w, 0, sizeof w);
    w.fail = TRO_ENOMEM;
    v = NULL;
    CHECK_INT(trop_yaml_to_json(t, strlen(t), &o, &v, &e), TRO_ENOMEM);
    CHECK(v == NULL);
}

static char *repeat(const char *unit, int times, const char *tail)
{
    size_t ul = strlen(unit), tl = strlen(tail);
    char *s = malloc(ul * (size_t)times + tl + 1);
    for (int i = 0; i < times; i++)
        memcpy(s + ul * (size_t)i, unit, ul);
    memcpy(s + ul * (size_t)times, tail, tl + 1);
    return s;
}

TRO_TEST(yaml_depth_limits)
{
    trop_yaml_opts o;
    opts(&o);
    /* 64 levels of flow sequences are fine, 65 are not */
    char *ok = malloc(200), *bad = malloc(200);
    memset(ok, '[', 64);
    memset(ok + 64, ']', 64);
    ok[128] = '\0';
    memset(bad, '[', 65);
    memset(bad + 65, ']', 65);
    bad[130] = '\0';
    json_t *v;
    trop_yaml_error e;
    CHECK_INT(trop_yaml_to_json(ok, strlen(ok), &o, &v, &e), 0);
    json_decref(v);
    expect_error(bad, strlen(bad), &o, TRO_ELIMIT, "too-deep", 1);
    free(ok);
    free(bad);

    /* block mappings nested by indentation */
    char block[8192];
    size_t n = 0;
    for (int i = 0; i < 70; i++)
        n += (size_t)snprintf(block + n, sizeof block - n, "%*sk%d:\n", i, "", i);
    expect_error(block, n, &o, TRO_ELIMIT, "too-deep", 65); /* level d opens on line d */

    /* an unclosed deep input fails on depth before it fails on syntax */
    char *open = repeat("[", 100000, "");
    expect_error(open, strlen(open), &o, TRO_ELIMIT, "too-deep", 1);
    free(open);

    /* an alias that would nest deeper than the bound */
    o.max_depth = 4;
    const char *t = "a: &a [[[1]]]\nb: {c: *a}\n";
    expect_error(t, strlen(t), &o, TRO_ELIMIT, "too-deep", 2);
    t = "a: &a [[[1]]]\nb: *a\n";
    CHECK_INT(trop_yaml_to_json(t, strlen(t), &o, &v, &e), 0);
    json_decref(v);
}

TRO_TEST(yaml_alias_limits)
{
    trop_yaml_opts o;
    opts(&o);
    /* billion laughs: 10^9 nodes if expanded */
    const char *bomb =
        "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
        "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
        "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
        "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\n"
        "f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n"
        "g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]\n"
        "h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g, *g]\n"
        "i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h, *h]\n";
    expect_error(bomb, strlen(bomb), &o, TRO_ELIMIT, "too-many-nodes", 0);
    /* the same with a small node bound fails early */
    o.max_nodes = 1000;
    trop_yaml_error e;
    json_t *v;
    CHECK_INT(trop_yaml_to_json(bomb, strlen(bomb), &o, &v, &e), TRO_ELIMIT);
    CHECK_INT(e.line, 3); /* c: 1 + 10 * 111 nodes, the first level over 1000 */
    CHECK_CONTAINS(e.message, "alias");
    o.max_nodes = TROP_YAML_DEFAULT_MAX_NODES;

    /* more alias references than allowed */
    char *many = repeat("- *x\n", 1001, "");
    char *doc = malloc(strlen(many) + 16);
    sprintf(doc, "- &x 1\n%s", many);
    expect_error(doc, strlen(doc), &o, TRO_ELIMIT, "too-many-aliases", 1002);
    o.max_aliases = 2000;
    CHECK_INT(trop_yaml_to_json(doc, strlen(doc), &o, &v, &e), 0);
    CHECK_INT(json_array_size(v), 1002);
    json_decref(v);
    free(many);
    free(doc);

    /* node bound without aliases */
    opts(&o);
    o.max_nodes = 10;
    const char *list = "[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]";
    expect_error(list, strlen(list), &o, TRO_ELIMIT, "too-many-nodes", 1);
}

TRO_TEST(yaml_syntax_errors)
{
    trop_yaml_opts o;
    opts(&o);
    trop_yaml_error e;
    json_t *v;
    const char *t = "a: [1, 2\nb: 3\n";
    expect_error(t, strlen(t), &o, TRO_EPARSE, "syntax", 0);
    t = "a: b: c\n";
    expect_error(t, strlen(t), &o, TRO_EPARSE, "syntax", 1);
    CHECK_INT(trop_yaml_to_json(t, strlen(t), &o, &v, &e), TRO_EPARSE);
    CHECK_INT(e.column, 5);
    CHECK_INT(e.offset, 4);
    /* positions count bytes even after multi-byte characters */
    t = "\xC3\xA9\xC3\xA9: b: c\n";
    CHECK_INT(trop_yaml_to_json(t, strlen(t), &o, &v, &e), TRO_EPARSE);
    CHECK_INT(e.offset, 7); /* the second ':', character 6 */
    CHECK_INT(e.column, 6);
    /* tabs may not indent */
    t = "a:\n\tb: 1\n";
    expect_error(t, strlen(t), &o, TRO_EPARSE, "syntax", 2);
    t = "a: *nope\n";
    expect_error(t, strlen(t), &o, TRO_EPARSE, "syntax", 1);
    CHECK_INT(trop_yaml_to_json(t, strlen(t), &o, &v, &e), TRO_EPARSE);
    CHECK_CONTAINS(e.message, "nope");
    /* invalid UTF-8 and control characters: byte offsets */
    t = "ab: \xFF\n";
    expect_error(t, strlen(t), &o, TRO_EPARSE, "syntax", 0);
    CHECK_INT(trop_yaml_to_json(t, strlen(t), &o, &v, &e), TRO_EPARSE);
    CHECK_INT(e.offset, 4);
    expect_error("a: b\0c", 6, &o, TRO_EPARSE, "syntax", 0);
    t = "a: '\xC0\x80'\n"; /* overlong NUL */
    expect_error(t, strlen(t), &o, TRO_EPARSE, "syntax", 0);
    t = "a: \"\\ud800\"\n";
    expect_error(t, strlen(t), &o, TRO_EPARSE, "syntax", 0);
    t = "- a\nb: c\n";
    expect_error(t, strlen(t), &o, TRO_EPARSE, "syntax", 2);
    t = "a: 'unterminated\n";
    expect_error(t, strlen(t), &o, TRO_EPARSE, "syntax", 0);
    t = "%YAML 9.9\n--- a\n";
    expect_error(t, strlen(t), &o, TRO_EPARSE, "syntax", 1);
    /* bases shift positions into the caller's file */
    o.offset_base = 1000;
    o.line_base = 10;
    t = "a: b: c\n";
    CHECK_INT(trop_yaml_to_json(t, strlen(t), &o, &v, &e), TRO_EPARSE);
    CHECK_INT(e.offset, 1004);
    CHECK_INT(e.line, 11);
    /* size bound, checked before parsing */
    opts(&o);
    o.max_bytes = 8;
    t = "a: 123456";
    expect_error(t, strlen(t), &o, TRO_ELIMIT, "too-big", 0);
}

TRO_TEST(yaml_marks)
{
    trop_yaml_opts o;
    opts(&o);
    o.marks = trop_yaml_marks_new();
    o.offset_base = 4;
    o.line_base = 1;
    const char *t = "a:\n  b: [1, 2]\n  c: &x z\n  d: *x\n";
    json_t *v;
    trop_yaml_error e;
    CHECK_INT(trop_yaml_to_json(t, strlen(t), &o, &v, &e), 0);
    int64_t off;
    uint64_t line;
    const json_t *a = json_object_get(v, "a");
    CHECK(trop_yaml_mark_find(o.marks, json_object_get(a, "b"), &off, &line));
    CHECK_INT(off, 4 + 8);
    CHECK_INT(line, 3);
    CHECK(trop_yaml_mark_find(o.marks, json_object_get(a, "c"), &off, &line));
    CHECK_INT(off, 4 + 20); /* an anchored node starts at its anchor */
    CHECK_INT(line, 4);
    /* copies made for aliases have no position of their own */
    CHECK(!trop_yaml_mark_find(o.marks, json_object_get(a, "d"), &off, &line));
    CHECK_INT(off, -1);
    CHECK(!trop_yaml_mark_find(o.marks, NULL, &off, &line));
    json_decref(v);
    trop_yaml_marks_free(o.marks);
    trop_yaml_marks_free(NULL);
}

TRO_TEST(yaml_ctx_defaults)
{
    tro_ctx *ctx;
    tro_ctx_options co = TRO_CTX_OPTIONS_INIT;
    co.limits.max_depth = 3;
    CHECK_INT(tro_ctx_new(&ctx, &co, NULL), 0);
    trop_yaml_opts o;
    trop_yaml_opts_init(&o, ctx);
    CHECK_INT(o.max_depth, 3);
    CHECK_INT(o.max_aliases, TROP_DEFAULT_MAX_ALIASES);
    CHECK_INT(o.max_bytes, TROP_DEFAULT_MAX_TEXT_BYTES);
    CHECK_INT(o.max_nodes, TROP_YAML_DEFAULT_MAX_NODES);
    CHECK(o.warn == NULL && o.marks == NULL);
    tro_ctx_free(ctx);
}

/* A folded block scalar's value, nested in a mapping. */
TRO_TEST(yaml_block_scalar)
{
    trop_yaml_opts o;
    opts(&o);
    const char *t = "k:\n  v: >\n    one\n    two\n\n    three\n";
    json_t *v;
    trop_yaml_error e;
    CHECK_INT(trop_yaml_to_json(t, strlen(t), &o, &v, &e), 0);
    CHECK_JSON(v, "{\"k\":{\"v\":\"one two\\nthree\\n\"}}");
    json_decref(v);
}
