/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* Release gates: parsing policy files (every kind of mistake gives its code,
 * a message naming the key path, and the byte offset), and applying them to
 * synthetic reports (each rule passing and failing). */
#include "policy.h"
#include "report_fixture.h"
#include "test.h"

#include <dirent.h>
#include <stdio.h>

#define S(x) x, sizeof(x) - 1

/* ---- parsing ---------------------------------------------------------------- */

static tro_policy *parse_ok(const char *text)
{
    tro_policy *p = NULL;
    tro_error err = {0};
    int rc = tro_policy_new(&p, text, strlen(text), &err);
    if (rc)
        fprintf(stderr, "unexpected error %d: %s\n", rc, err.message);
    CHECK_INT(rc, TRO_OK);
    return p;
}

TRO_TEST(policy_parse_valid)
{
    tro_policy *p = parse_ok(
        "{\"format\": \"trulyopen-policy\", \"format_version\": 1,\n"
        " \"description\": \"strict \\u00e9 gate\", \"require_truly_open\": true,\n"
        " \"criteria\": {\"use_freedom\": \"pass\", \"method_transparency\": \"partial\",\n"
        "              \"data_access\": [\"pass\", \"unknown\"]},\n"
        " \"licenses\": {\"allow\": [\"permissive\", \"apache-2.0\", \"LicenseRef-acme-1\"],\n"
        "              \"deny\": [\"GPL-3.0\", \"non-commercial\"]},\n"
        " \"min_mof_class\": 2, \"fail_on_severity\": \"warning\",\n"
        " \"fail_on_codes\": [\"pickle-dangerous-global\"], \"ignore_codes\": [\"lfs-*\", \"*\"]}");
    CHECK(p != NULL);
    if (!p)
        return;
    CHECK(p->require_truly_open);
    CHECK_INT(p->accept[TRO_CRITERION_USE_FREEDOM], 1u << TRO_STATUS_PASS);
    CHECK_INT(p->accept[TRO_CRITERION_METHOD_TRANSPARENCY],
              (1u << TRO_STATUS_PASS) | (1u << TRO_STATUS_PARTIAL));
    CHECK_INT(p->minimum[TRO_CRITERION_METHOD_TRANSPARENCY], TRO_STATUS_PARTIAL);
    CHECK_INT(p->accept[TRO_CRITERION_DATA_ACCESS],
              (1u << TRO_STATUS_PASS) | (1u << TRO_STATUS_UNKNOWN));
    CHECK_INT(p->minimum[TRO_CRITERION_DATA_ACCESS], -1);
    CHECK_INT(p->allow.n, 3);
    CHECK(p->allow.v[0].is_category && p->allow.v[0].category == TRO_LICENSE_PERMISSIVE);
    CHECK_STR(p->allow.v[1].id, "Apache-2.0"); /* a Hugging Face id, made canonical */
    CHECK_STR(p->allow.v[2].id, "LicenseRef-acme-1");
    CHECK_STR(p->deny.v[0].id, "GPL-3.0-only"); /* deprecated ids replaced, as in reports */
    CHECK_INT(p->min_mof_class, 2);
    CHECK_INT(p->fail_severity, TRO_SEVERITY_WARNING);
    CHECK(p->ignore_codes.v[0].prefix && !strcmp(p->ignore_codes.v[0].code, "lfs-"));
    CHECK(p->ignore_codes.v[1].prefix && !strcmp(p->ignore_codes.v[1].code, ""));
    tro_policy_free(p);

    /* the smallest policy: nothing but "no error finding" */
    p = parse_ok("\xEF\xBB\xBF  {\"format_version\": 1}\n");
    CHECK(p && !p->require_truly_open && p->fail_severity == TRO_SEVERITY_ERROR &&
          p->accept[0] == TROP_POLICY_ACCEPT_ALL && !p->allow.set && !p->min_mof_class);
    tro_policy_free(p);
    p = parse_ok("{\"min_mof_class\": null, \"format_version\": 1, \"licenses\": {}}");
    CHECK(p && !p->min_mof_class && !p->allow.set && !p->deny.n);
    tro_policy_free(p);

    /* NULL text: the default policy */
    CHECK_INT(tro_policy_new(&p, NULL, 0, NULL), TRO_OK);
    CHECK(p && p->require_truly_open && p->fail_severity == TRO_SEVERITY_ERROR);
    tro_policy_free(p);
    tro_policy_free(NULL);
    CHECK_INT(tro_policy_new(NULL, "{}", 2, NULL), TRO_EINVAL);
}

typedef struct bad_case {
    const char *text;
    int code;
    const char *message; /* a part of it */
    long long offset;
} bad_case;

static const bad_case bad_cases[] = {
    /* syntax: TRO_EPARSE with line, column and byte */
    {"", TRO_EPARSE, "empty policy", 0},
    {"   \n ", TRO_EPARSE, "empty policy (line 2, column 2, byte 5)", 5},
    {"{", TRO_EPARSE, "unexpected end of the text", 1},
    {"{\"format_version\": 1,}", TRO_EPARSE, "expected a string key", 21},
    {"{\"format_version\": 1} x", TRO_EPARSE, "text after the end of the policy", 22},
    {"{\"format_version\": 1,\n \"criteria\": {\"use_freedom\": pass}}", TRO_EPARSE,
     "expected a value (line 2, column 30, byte 51)", 51},
    {"{\"format_version\": 01}", TRO_EPARSE, "bad number (leading zero)", 19},
    {"{\"description\": \"\xC3\x28\", \"format_version\": 1}", TRO_EPARSE, "not valid UTF-8", 16},
    {"{\"description\": \"a\nb\", \"format_version\": 1}", TRO_EPARSE, "control character", 18},
    {"{\"description\": \"\\ud800\", \"format_version\": 1}", TRO_EPARSE, "surrogate", 17},
    {"{\"format_version\": 1, \"x\": tru}", TRO_EPARSE, "expected a value", 27},
    /* versions */
    {"{\"format_version\": 2}", TRO_EVERSION,
     "format_version 2 is newer than this trulyopen "
     "reads (1)",
     0},
    {"{\"future_key\": {\"x\": 1}, \"format_version\": 18446744073709551615}", TRO_EVERSION,
     "newer", 0},
    {"{\"format_version\": 18446744073709551616}", TRO_EFORMAT, "format_version: number too large",
     19},
    {"{}", TRO_EFORMAT, "format_version: missing", 0},
    {"{\"format_version\": 0}", TRO_EFORMAT, "format_version: must be 1 or more", 0},
    {"{\"format_version\": \"1\"}", TRO_EFORMAT, "format_version: expected a whole number", 19},
    {"{\"format_version\": 1.0}", TRO_EFORMAT, "format_version: expected a whole number", 19},
    {"{\"format_version\": 1, \"format_version\": 1}", TRO_EFORMAT,
     "format_version: key appears twice", 22},
    {"{\"format\": \"trulyopen-manifest\", \"format_version\": 1}", TRO_EFORMAT,
     "format: not a policy (expected \"trulyopen-policy\")", 11},
    {"[{\"format_version\": 1}]", TRO_EFORMAT, "a policy is a JSON object", 0},
    /* keys and types, with their paths */
    {"{\"format_version\": 1, \"fail_on_severty\": \"error\"}", TRO_EFORMAT,
     "fail_on_severty: unknown key", 22},
    {"{\"format_version\": 1, \"criteria\": {}, \"criteria\": {}}", TRO_EFORMAT,
     "criteria: key appears twice", 38},
    {"{\"format_version\": 1, \"require_truly_open\": \"yes\"}", TRO_EFORMAT,
     "require_truly_open: expected true or false", 44},
    {"{\"format_version\": 1, \"description\": 3}", TRO_EFORMAT, "description: expected a string",
     37},
    {"{\"format_version\": 1, \"description\": \"a\\u0000b\"}", TRO_EFORMAT,
     "description: NUL character", 37},
    {"{\"format_version\": 1, \"criteria\": [\"pass\"]}", TRO_EFORMAT,
     "criteria: expected an object", 34},
    {"{\"format_version\": 1, \"criteria\": {\"data\": \"pass\"}}", TRO_EFORMAT,
     "criteria: unknown criterion \"data\"", 35},
    {"{\"format_version\": 1, \"criteria\": {\"use_freedom\": \"passs\"}}", TRO_EFORMAT,
     "criteria.use_freedom: unknown status \"passs\" (expected fail, unknown, partial or pass)",
     50},
    {"{\"format_version\": 1, \"criteria\": {\"use_freedom\": \"Pass\"}}", TRO_EFORMAT,
     "unknown status \"Pass\"", 50},
    {"{\"format_version\": 1, \"criteria\": {\"data_access\": []}}", TRO_EFORMAT,
     "criteria.data_access: an empty list accepts no status", 50},
    {"{\"format_version\": 1, \"criteria\": {\"data_access\": [\"pass\", 3]}}", TRO_EFORMAT,
     "criteria.data_access[1]: expected a string", 59},
    {"{\"format_version\": 1, \"criteria\": {\"data_access\": 3}}", TRO_EFORMAT,
     "criteria.data_access: expected a status name or a list of status names", 50},
    {"{\"format_version\": 1, \"criteria\": {\"use_freedom\": \"pass\", \"use_freedom\": "
     "\"fail\"}}",
     TRO_EFORMAT, "criteria.use_freedom: key appears twice", 58},
    {"{\"format_version\": 1, \"licenses\": {\"alow\": []}}", TRO_EFORMAT,
     "licenses: unknown key \"alow\" (expected allow or deny)", 35},
    {"{\"format_version\": 1, \"licenses\": [\"MIT\"]}", TRO_EFORMAT,
     "licenses: expected an object", 34},
    {"{\"format_version\": 1, \"licenses\": {\"allow\": []}}", TRO_EFORMAT,
     "licenses.allow: an empty list", 44},
    {"{\"format_version\": 1, \"licenses\": {\"allow\": \"MIT\"}}", TRO_EFORMAT,
     "licenses.allow: expected a list of strings", 44},
    {"{\"format_version\": 1, \"licenses\": {\"deny\": [\"MIT\", \"MIT2\"]}}", TRO_EFORMAT,
     "licenses.deny[1]: \"MIT2\" is neither a known licence id, a LicenseRef- id nor a category",
     51},
    {"{\"format_version\": 1, \"licenses\": {\"deny\": [\"MIT OR Apache-2.0\"]}}", TRO_EFORMAT,
     "licenses.deny[0]: \"MIT OR Apache-2.0\" stands for several licences", 44},
    {"{\"format_version\": 1, \"licenses\": {\"deny\": [\"GPL-2.0-only WITH "
     "Classpath-exception-2.0\"]}}",
     TRO_EFORMAT, "has a WITH exception", 44},
    {"{\"format_version\": 1, \"licenses\": {\"deny\": [\"use restricted\"]}}", TRO_EFORMAT,
     "\"use restricted\" is neither", 44},
    {"{\"format_version\": 1, \"licenses\": {\"deny\": [\"LicenseRef-\"]}}", TRO_EFORMAT,
     "\"LicenseRef-\" is neither", 44},
    {"{\"format_version\": 1, \"licenses\": {\"deny\": [\"MIT\"], \"deny\": []}}", TRO_EFORMAT,
     "licenses.deny: key appears twice", 52},
    {"{\"format_version\": 1, \"min_mof_class\": 4}", TRO_EFORMAT,
     "min_mof_class: class 4 does not exist (expected 1, 2, 3 or null)", 39},
    {"{\"format_version\": 1, \"min_mof_class\": 0}", TRO_EFORMAT, "class 0 does not exist", 39},
    {"{\"format_version\": 1, \"min_mof_class\": \"1\"}", TRO_EFORMAT,
     "min_mof_class: expected 1, 2, 3 or null", 39},
    {"{\"format_version\": 1, \"min_mof_class\": -1}", TRO_EFORMAT,
     "min_mof_class: expected 1, 2, 3 or null", 39},
    {"{\"format_version\": 1, \"min_mof_class\": 1.5}", TRO_EFORMAT,
     "min_mof_class: expected a whole number", 39},
    /* waivers */
    {"{\"format_version\": 1, \"waivers\": {}}", TRO_EFORMAT,
     "waivers: expected a list of waiver objects", 33},
    {"{\"format_version\": 1, \"waivers\": [\"x\"]}", TRO_EFORMAT,
     "waivers[0]: expected an object {code, reason, path, release, expires}", 34},
    {"{\"format_version\": 1, \"waivers\": [{\"code\": \"lfs-pointer\"}]}", TRO_EFORMAT,
     "waivers[0]: no reason (say why the finding is accepted)", 34},
    {"{\"format_version\": 1, \"waivers\": [{\"reason\": \"r\"}]}", TRO_EFORMAT,
     "waivers[0]: no code (the finding code it waives)", 34},
    {"{\"format_version\": 1, \"waivers\": [{\"code\": \"Bad Code\", \"reason\": \"r\"}]}", TRO_EFORMAT,
     "waivers[0].code: \"Bad Code\" is not a finding code", 43},
    {"{\"format_version\": 1, \"waivers\": [{\"code\": \"a\", \"reason\": \"r\", \"expires\": \"2026-02-30\"}]}", TRO_EFORMAT,
     "waivers[0].expires: \"2026-02-30\" is not a date written YYYY-MM-DD", 74},
    {"{\"format_version\": 1, \"waivers\": [{\"code\": \"a\", \"reason\": \"r\", \"expires\": \"31/12/2026\"}]}", TRO_EFORMAT,
     "is not a date written YYYY-MM-DD", 74},
    {"{\"format_version\": 1, \"waivers\": [{\"code\": \"a\", \"reason\": \"r\", \"expires\": \"2100-02-29\"}]}", TRO_EFORMAT,
     "\"2100-02-29\" is not a date", 74},
    {"{\"format_version\": 1, \"waivers\": [{\"code\": \"a\", \"reson\": \"r\"}]}", TRO_EFORMAT,
     "waivers[0]: unknown key \"reson\" (expected code, path, release, reason or expires)", 48},
    {"{\"format_version\": 1, \"waivers\": [{\"code\": \"a\", \"reason\": \"\"}]}", TRO_EFORMAT,
     "waivers[0].reason: empty", 58},
    {"{\"format_version\": 1, \"waivers\": [{\"code\": \"a\", \"code\": \"b\", \"reason\": \"r\"}]}", TRO_EFORMAT,
     "waivers[0]: key code appears twice", 48},
    {"{\"format_version\": 1, \"waivers\": [{\"code\": \"a\", \"reason\": \"r\"}, {\"code\": \"b\", \"reason\": \"r\", \"path\": 3}]}", TRO_EFORMAT,
     "waivers[1].path: expected a string", 101},
    {"{\"format_version\": 1, \"waivers\": [{\"code\": \"a\", \"reason\": \"r\", \"release\": \"x\\u0000\"}]}", TRO_EFORMAT,
     "waivers[0].release: NUL character in a string", 74},
    {"{\"format_version\": 1, \"fail_on_severity\": \"fatal\"}", TRO_EFORMAT,
     "fail_on_severity: unknown severity \"fatal\" (expected error, warning, info or none)", 42},
    {"{\"format_version\": 1, \"fail_on_severity\": 2}", TRO_EFORMAT,
     "fail_on_severity: expected \"error\", \"warning\", \"info\" or \"none\"", 42},
    {"{\"format_version\": 1, \"fail_on_codes\": [\"Pickle-x\"]}", TRO_EFORMAT,
     "fail_on_codes[0]: \"Pickle-x\" is not a finding code", 40},
    {"{\"format_version\": 1, \"fail_on_codes\": [\"a--b\"]}", TRO_EFORMAT, "is not a finding code",
     40},
    {"{\"format_version\": 1, \"ignore_codes\": [\"ok\", \"-a\"]}", TRO_EFORMAT,
     "ignore_codes[1]: \"-a\" is not a finding code", 45},
    {"{\"format_version\": 1, \"ignore_codes\": [\"a-\"]}", TRO_EFORMAT, "not a finding code", 39},
    {"{\"format_version\": 1, \"ignore_codes\": [\"a*b\"]}", TRO_EFORMAT, "not a finding code", 39},
    {"{\"format_version\": 1, \"ignore_codes\": [\"\"]}", TRO_EFORMAT, "not a finding code", 39},
    {"{\"format_version\": 1, \"ignore_codes\": {}}", TRO_EFORMAT,
     "ignore_codes: expected a list of strings", 38},
    {"{\"format_version\": 1, \"fail_on_codes\": [\"x-y\"], \"ignore_codes\": [\"z\", \"x-y\"]}",
     TRO_EFORMAT, "ignore_codes: \"x-y\" is also in fail_on_codes", 70},
};

TRO_TEST(policy_parse_invalid)
{
    for (size_t i = 0; i < sizeof bad_cases / sizeof *bad_cases; i++) {
        const bad_case *c = &bad_cases[i];
        tro_policy *p = (tro_policy *)1;
        tro_error err = {0};
        int rc = tro_policy_new(&p, c->text, strlen(c->text), &err);
        if (rc != c->code || !strstr(err.message, c->message) || err.offset != c->offset)
            fprintf(stderr, "case %zu: %s\n  got %d, offset %lld: %s\n", i, c->text, rc,
                    (long long)err.offset, err.message);
        CHECK_INT(rc, c->code);
        CHECK_INT(err.code, c->code);
        CHECK(p == NULL);
        CHECK_CONTAINS(err.message, c->message);
        CHECK_INT(err.offset, c->offset);
        CHECK(!strncmp(err.message, "policy: ", 8));
        char at[48];
        snprintf(at, sizeof at, "byte %lld)", c->offset);
        CHECK_CONTAINS(err.message, at);
    }
}

TRO_TEST(policy_parse_limits)
{
    /* deep nesting in a value the first pass skips: bounded, not a stack overflow */
    char deep[400];
    int n = snprintf(deep, sizeof deep, "{\"format_version\": 1, \"x\": ");
    for (int i = 0; i < 100; i++)
        deep[n++] = '[';
    deep[n] = '\0';
    tro_policy *p = NULL;
    tro_error err;
    CHECK_INT(tro_policy_new(&p, deep, strlen(deep), &err), TRO_ELIMIT);
    CHECK_CONTAINS(err.message, "nested deeper than 32 levels");

    size_t big = TROP_POLICY_MAX_BYTES + 1;
    char *text = malloc(big);
    memset(text, ' ', big);
    CHECK_INT(tro_policy_new(&p, text, big, &err), TRO_ELIMIT);
    CHECK_CONTAINS(err.message, "larger than");
    /* too many entries in one list */
    size_t cap = 16 + 6 * (TROP_POLICY_MAX_LIST + 1) + 64;
    text = realloc(text, cap);
    size_t k = (size_t)snprintf(text, cap, "{\"format_version\": 1, \"ignore_codes\": [");
    for (unsigned i = 0; i <= TROP_POLICY_MAX_LIST; i++)
        k += (size_t)snprintf(text + k, cap - k, "%s\"a\"", i ? "," : "");
    k += (size_t)snprintf(text + k, cap - k, "]}");
    CHECK_INT(tro_policy_new(&p, text, k, &err), TRO_EFORMAT);
    CHECK_CONTAINS(err.message, "ignore_codes: more than 4096 entries");
    free(text);
    /* err may be NULL */
    CHECK_INT(tro_policy_new(&p, S("{"), NULL), TRO_EPARSE);
    /* text need not be NUL-terminated: only len bytes are read */
    CHECK_INT(tro_policy_new(&p, "{\"format_version\": 1}garbage", 21, &err), TRO_OK);
    tro_policy_free(p);
}

/* Every example policy shipped in examples/policies parses. */
TRO_TEST(policy_examples)
{
    const char *top = getenv("top_srcdir");
    char dir[1024];
    snprintf(dir, sizeof dir, "%s/examples/policies", top ? top : "..");
    DIR *d = opendir(dir);
    CHECK(d != NULL);
    if (!d)
        return;
    int count = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (!trop_str_endswith(e->d_name, ".json"))
            continue;
        char path[1400];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        FILE *f = fopen(path, "rb");
        char buf[8192];
        size_t n = f ? fread(buf, 1, sizeof buf, f) : 0;
        if (f)
            fclose(f);
        tro_policy *p = NULL;
        tro_error err = {0};
        int rc = tro_policy_new(&p, buf, n, &err);
        if (rc)
            fprintf(stderr, "%s: %s\n", path, err.message);
        CHECK_INT(rc, TRO_OK);
        tro_policy_free(p);
        count++;
    }
    closedir(d);
    CHECK(count >= 3);
}

/* The policy shown in README.md parses, and means what the text says. */
TRO_TEST(policy_readme)
{
    const char *top = getenv("top_srcdir");
    char path[1024];
    snprintf(path, sizeof path, "%s/README.md", top ? top : "..");
    FILE *f = fopen(path, "rb");
    CHECK(f != NULL);
    if (!f)
        return;
    static char buf[1 << 17];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    char *sec = strstr(buf, "## Release gates: policy files");
    char *start = sec ? strstr(sec, "```json\n") : NULL;
    char *end = start ? strstr(start + 8, "```") : NULL;
    CHECK(end != NULL);
    if (!end)
        return;
    tro_policy *p = NULL;
    tro_error err = {0};
    CHECK_INT(tro_policy_new(&p, start + 8, (size_t)(end - start - 8), &err), TRO_OK);
    if (p) {
        CHECK_INT(p->minimum[TRO_CRITERION_METHOD_TRANSPARENCY], TRO_STATUS_PARTIAL);
        CHECK_INT(p->allow.n, 5);
        CHECK_INT(p->deny.n, 3);
        CHECK_INT(p->min_mof_class, 2);
    }
    tro_policy_free(p);
}
