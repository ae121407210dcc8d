/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* Deferred values of the YAML converter (yaml.h: opts->defer): what stays
 * unbuilt, that the checks and warnings are those of the eager conversion,
 * and that filling gives the eager result. */
#include "read_test.h"
#include "yaml/yaml.h"
#include "../../fuzz/yaml_diff.h"

static bool keep_license(const char *key, size_t len)
{
    return len == 7 && memcmp(key, "license", 7) == 0;
}

static bool keep_hgs(const char *s, size_t len)
{
    return len && (s[0] == 'h' || s[0] == 'g' || s[0] == 's');
}

static void opts(trop_yaml_opts *o, trop_yaml_defer *d)
{
    memset(o, 0, sizeof *o);
    o->max_bytes = 1 << 20;
    o->max_depth = 64;
    o->max_aliases = 100;
    o->max_nodes = TROP_YAML_DEFAULT_MAX_NODES;
    o->defer = d;
    o->defer_keep = keep_license;
    o->defer_keep_string = keep_hgs;
}

static char *eager(const char *text)
{
    trop_yaml_opts o;
    opts(&o, NULL);
    json_t *v = NULL;
    if (trop_yaml_to_json(text, strlen(text), &o, &v, NULL))
        return NULL;
    char *s = rt_json(v);
    json_decref(v);
    return s;
}

/* Converts text deferring, checks the stand-ins (want) and the number of
 * records, then fills from a copy of only the span the records cover. */
static void deferred(const char *text, const char *want, size_t records)
{
    trop_yaml_defer d = {0};
    trop_yaml_opts o;
    opts(&o, &d);
    json_t *v = NULL;
    CHECK_INT(trop_yaml_to_json(text, strlen(text), &o, &v, NULL), 0);
    if (want)
        CHECK_JSON(v, want);
    CHECK_INT(d.n, records);
    if (v && d.n) {
        size_t base = d.v[0].start, end = d.v[d.n - 1].end;
        CHECK(base <= end && end <= strlen(text));
        char *span = strndup(text + base, end - base);
        CHECK_INT(trop_yaml_fill(v, span, base, end - base, &d, &o), 0);
        free(span);
    }
    char *want_full = eager(text), *got = rt_json(v);
    CHECK_STR(got, want_full);
    free(want_full);
    free(got);
    trop_yaml_defer_clear(&d);
    CHECK(d.v == NULL && d.n == 0);
    json_decref(v);
}

static const char card[] =
    "license:\n- mit\n- x: 1\nmodel-index:\n- name: m\n  results:\n  - task:\n      type: t\n"
    "url: https://h.example/a\nrepo: github.com/a/b\nn: 5\nf: 1.5\nb: true\nnothing:\n"
    "s: text\nq: 'quoted'\nm:\n  k: v\n  deep:\n    x: [1]\n"
    "tags:\n- a\n- https://x\n- 3\n- null\n- false\n- say\n# a trailing comment\n";

TRO_TEST(yaml_defer_stand_ins)
{
    trop_yaml_opts o;
    bool fast;
    opts(&o, NULL);
    CHECK_INT(tyd_diff(card, strlen(card), &o, &fast), 0);
    CHECK(fast); /* deferring needs the fast path */
    /* kept: license (its nested mapping is still a stand-in), the strings
     * starting with h, g or s, nulls and booleans */
    deferred(
        card,
        "{\"b\":true,\"f\":\"\",\"license\":[\"mit\",{}],\"m\":{},\"model-index\":[{}],"
        "\"n\":\"\",\"nothing\":null,\"q\":\"\",\"repo\":\"github.com/a/b\",\"s\":\"\","
        "\"tags\":[\"\",\"https://x\",\"\",null,false,\"say\"],\"url\":\"https://h.example/a\"}",
        8);
    /* nothing to defer */
    deferred("license: mit\nurl: http://x\nb: false\n",
             "{\"b\":false,\"license\":\"mit\",\"url\":\"http://x\"}", 0);
    deferred("", "null", 0);
    /* a root that is not a mapping at column 0 is built in full */
    deferred("- a:\n    b: 1\n- c\n", "[{\"a\":{\"b\":1}},\"c\"]", 0);
    deferred("  a:\n    b: {}\n  c: d\n", "{\"a\":{\"b\":{}},\"c\":\"d\"}", 0);
    /* a key given twice: the later value wins, deferred or not */
    deferred("a: 1\na:\n  b: 2\nc:\n  d: 1\nc: 3\ne: x\ne: y\n", "{\"a\":{},\"c\":\"\",\"e\":\"\"}",
             6);
    /* the text of each entry reaches the next top-level key: kept blank
     * lines of a block scalar, comments */
    deferred("a: |+\n  keep\n\n\n# c\nb:\n  c: >+\n    more\n\n\n", "{\"a\":\"\",\"b\":{}}", 2);
}

/* What the eager conversion handles on its own: the deferring one gives up
 * and converts eagerly (no records), with the same result. */
TRO_TEST(yaml_defer_gives_up)
{
    size_t n = 0;
    char big[4096];
    n += (size_t)snprintf(big + n, sizeof big - n, "m:\n");
    for (int i = 0; i < 70; i++)
        n += (size_t)snprintf(big + n, sizeof big - n, "  k%d: %d\n", i, i);
    deferred(big, NULL, 0);
    char *e = eager(big);
    CHECK(e != NULL);
    free(e);
    /* an escaped key inside a skipped mapping is no slice of the text */
    deferred("m:\n  \"a\\tb\": 1\n", "{\"m\":{\"a\\tb\":1}}", 0);
}

/* Findings do not depend on deferring: warnings inside stand-ins, limits,
 * errors (tyd_lazy compares everything with the eager conversion). */
TRO_TEST(yaml_defer_same_findings)
{
    trop_yaml_opts o;
    opts(&o, NULL);
    const char *dups = "m:\n  k: 1\n  deep:\n    x: 1\n    x: 2\n  k: 2\nl:\n- a: 1\n  a: 2\n";
    CHECK_INT(tyd_lazy(dups, strlen(dups), &o), 0);
    tyd_run r;
    trop_yaml_defer d = {0};
    o.defer = &d;
    o.defer_keep = keep_license;
    tyd_convert(dups, strlen(dups), &o, TROP_YAML_AUTO, &r);
    CHECK_INT(r.rc, 0);
    CHECK_INT(r.w.n, 3);
    CHECK_STR(r.w.message[0], "duplicate key 'x' (the later value wins)");
    CHECK_INT(r.w.line[0], 5);
    CHECK_STR(r.w.message[1], "duplicate key 'k' (the later value wins)");
    CHECK_INT(r.w.line[1], 6);
    CHECK_STR(r.w.message[2], "duplicate key 'a' (the later value wins)");
    CHECK_INT(d.n, 2);
    json_decref(r.v);
    trop_yaml_defer_clear(&d);
    opts(&o, NULL);
    o.max_depth = 3;
    const char *deep = "m:\n  a:\n    b:\n      c: 1\n";
    CHECK_INT(tyd_lazy(deep, strlen(deep), &o), 0);
    o.max_depth = 64;
    o.max_nodes = 6;
    const char *many = "m:\n  a: 1\n  b: 2\n  c: 3\n  d: 4\n";
    CHECK_INT(tyd_lazy(many, strlen(many), &o), 0);
    opts(&o, NULL);
    const char *bad[] = {"m:\n  k: \xff\n", "m:\n  k: [a\n", "m:\n  k: v\n x: 1\n",
                         "m:\n  \"k\": \"\\ud800\"\n", "m:\n  - a\n  b: 1\n"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        CHECK_INT(tyd_lazy(bad[i], strlen(bad[i]), &o), 0);
}

/* A text that no longer holds one entry where a record says. */
TRO_TEST(yaml_defer_changed_text)
{
    trop_yaml_defer d = {0};
    trop_yaml_opts o;
    opts(&o, &d);
    const char *t = "m:\n  k: v\n";
    json_t *v = NULL;
    CHECK_INT(trop_yaml_to_json(t, strlen(t), &o, &v, NULL), 0);
    CHECK_INT(d.n, 1);
    const char *other = "- x\n- y\n- z\n";
    CHECK_INT(trop_yaml_fill(v, other, 0, strlen(other), &d, &o), TRO_EFORMAT);
    CHECK_INT(trop_yaml_fill(v, t, 0, 5, &d, &o), TRO_EFORMAT); /* shorter than the record */
    CHECK_INT(trop_yaml_fill(v, t + 3, 3, strlen(t) - 3, &d, &o), TRO_EFORMAT); /* starts at 0 */
    CHECK_INT(trop_yaml_fill(v, t, 0, strlen(t), &d, &o), 0);
    CHECK_JSON(v, "{\"m\":{\"k\":\"v\"}}");
    trop_yaml_defer_clear(&d);
    trop_yaml_defer_clear(NULL);
    json_decref(v);
}
