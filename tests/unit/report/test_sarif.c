/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* SARIF 2.1.0 output of synthetic reports: what each result, rule and
 * artifact holds. With TRO_TEST_SARIF_DIR set it also writes each log there as
 * NAME.sarif, for tests/report/sarif_validate.py to check the structure. */
#include "report_fixture.h"
#include "test.h"

#include <pthread.h>
#include <stdio.h>

#define SHA_A "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
#define SHA_B "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

/* Renders r as SARIF, checks the text's basics, and parses it back. */
static json_t *sarif_of(const tro_report *r, const char *name)
{
    char *text = NULL, *again = NULL;
    size_t len = 0, len2 = 0;
    CHECK_INT(tro_report_sarif(r, &text, &len), TRO_OK);
    CHECK(text && len == strlen(text) && len > 0 && text[len - 1] == '\n');
    /* deterministic: the same report gives the same bytes */
    CHECK_INT(tro_report_sarif(r, &again, &len2), TRO_OK);
    CHECK(again && len2 == len && !memcmp(text, again, len));
    json_error_t e;
    json_t *log = text ? json_loads(text, JSON_REJECT_DUPLICATES, &e) : NULL;
    CHECK(log != NULL);
    const char *outdir = getenv("TRO_TEST_SARIF_DIR");
    if (outdir && text) {
        char path[1024];
        snprintf(path, sizeof path, "%s/%s.sarif", outdir, name);
        FILE *f = fopen(path, "wb");
        CHECK(f && fwrite(text, 1, len, f) == len);
        if (f)
            fclose(f);
    }
    tro_free(text);
    tro_free(again);
    return log;
}

static json_t *run0(const json_t *log)
{
    return json_array_get(json_object_get(log, "runs"), 0);
}

static json_t *result(const json_t *log, size_t i)
{
    return json_array_get(json_object_get(run0(log), "results"), i);
}

/* "runs/0/results/2/locations/0/physicalLocation/region/byteOffset" style
 * lookups, for short checks. */
static json_t *at(const json_t *v, const char *path)
{
    char buf[256];
    snprintf(buf, sizeof buf, "%s", path);
    for (char *tok = strtok(buf, "/"); tok && v; tok = strtok(NULL, "/")) {
        if (json_is_array(v))
            v = json_array_get(v, strtoul(tok, NULL, 10));
        else
            v = json_object_get(v, tok);
    }
    return (json_t *)v;
}

static const char *s_at(const json_t *v, const char *path)
{
    return json_string_value(at(v, path));
}

static long long i_at(const json_t *v, const char *path)
{
    const json_t *x = at(v, path);
    return json_is_integer(x) ? (long long)json_integer_value(x) : -999;
}

static json_t *artifact(const char *path, const char *type, long long size, const char *sha)
{
    return json_pack("{s:s, s:s, s:I, s:s?}", "path", path, "type", type, "size", (json_int_t)size,
                     "sha256", sha);
}

/* Truly open, no findings: no results, but the rules and artifacts. */
TRO_TEST(sarif_clean)
{
    trt_rep d = {.name = "open-model",
                 .card = "README.md",
                 .criteria = trt_statuses("pass", "pass", "pass"),
                 .licenses = json_pack("[o]", trt_license("README.md", "Apache-2.0", "permissive")),
                 .artifacts = json_pack("[o, o]", artifact("README.md", "model-card", 120, SHA_A),
                                        artifact("model.safetensors", "safetensors", 0, SHA_B)),
                 .mof_class = 1};
    tro_report *r = trt_report(&d);
    json_t *log = sarif_of(r, "clean");
    CHECK_STR(s_at(log, "version"), "2.1.0");
    CHECK_STR(s_at(log, "$schema"), "https://json.schemastore.org/sarif-2.1.0.json");
    CHECK_INT(json_array_size(json_object_get(log, "runs")), 1);
    CHECK_STR(s_at(log, "runs/0/tool/driver/name"), "trulyopen");
    CHECK_STR(s_at(log, "runs/0/tool/driver/version"), tro_version_string());
    CHECK_INT(json_array_size(at(log, "runs/0/tool/driver/rules")), 3);
    CHECK_STR(s_at(log, "runs/0/tool/driver/rules/0/id"), "criterion/use_freedom");
    CHECK_STR(s_at(log, "runs/0/tool/driver/rules/2/id"), "criterion/data_access");
    CHECK_STR(s_at(log, "runs/0/tool/driver/rules/1/defaultConfiguration/level"), "error");
    CHECK_INT(json_array_size(at(log, "runs/0/results")), 0);
    CHECK_STR(s_at(log, "runs/0/artifacts/0/location/uri"), "README.md");
    CHECK_STR(s_at(log, "runs/0/artifacts/0/location/uriBaseId"), "SRCROOT");
    CHECK_STR(s_at(log, "runs/0/artifacts/0/hashes/sha-256"), SHA_A);
    CHECK_INT(i_at(log, "runs/0/artifacts/1/length"), 0);
    CHECK_STR(s_at(log, "runs/0/artifacts/1/properties/type"), "safetensors");
    CHECK_STR(s_at(log, "runs/0/properties/verdict"), "truly-open");
    CHECK(json_is_true(at(log, "runs/0/properties/truly_open")));
    CHECK_INT(i_at(log, "runs/0/properties/mof_class"), 1);
    CHECK_STR(s_at(log, "runs/0/properties/release"), "open-model");
    CHECK(at(log, "runs/0/originalUriBaseIds/SRCROOT/description/text") != NULL);
    json_decref(log);
    tro_report_free(r);
}

/* Findings with and without offsets and lines, every non-passing status,
 * evidence, an applied policy, paths needing percent-encoding. */
static tro_report *mixed_report(void)
{
    json_t *crit = json_pack(
        "{s:{s:s, s:[{s:s, s:s, s:s, s:i}, {s:s, s:s, s:s}], s:[s, s]},"
        " s:{s:s, s:[], s:[s]}, s:{s:s}}",
        "use_freedom", "status", "fail", "evidence", "kind", "license", "text", "license: llama3.1",
        "path", "README.md", "line", 3, "kind", "url", "text", "https://example.org/policy", "path",
        "", "reasons", "the licence has an acceptable-use policy",
        "more than 700 million users need a licence", "method_transparency", "status", "partial",
        "evidence", "reasons", "no training code is linked", "data_access", "status", "unknown");
    json_t *fs =
        json_pack("[o, o, o, o, o]",
                  trt_finding("error", "pickle-dangerous-global", "weights/model.bin", 812,
                              "weights/model.bin: calls os.system at byte 812"),
                  trt_finding("warning", "lfs-pointer",
                              "donn\xC3\xA9"
                              "es/mod\xC3\xA8le 1#a.bin",
                              -1, "content absent"),
                  trt_finding("info", "card-partial", "README.md", 0, "read partially"),
                  trt_finding("warning", "pickle-dangerous-global", "other.pkl", -1, "second"),
                  trt_finding("error", "archive-bomb", "", -1, "the archive expands too much"));
    json_object_set_new(json_array_get(fs, 2), "line", json_integer(12));
    trt_rep d = {.card = "README.md",
                 .criteria = crit,
                 .artifacts = json_pack("[o, o, o]", artifact("README.md", "model-card", 9, SHA_A),
                                        artifact("donn\xC3\xA9"
                                                 "es/mod\xC3\xA8le 1#a.bin",
                                                 "lfs-pointer", 130, SHA_B),
                                        artifact("weights/model.bin", "pickle", 4096, NULL)),
                 .findings = fs,
                 .mof_class = 3};
    tro_report *r = trt_report(&d);
    const char *failed[] = {"verdict is not-truly-open", "MOF class 3 is less open"};
    const trop_policy_why why[] = {{TROP_FAIL_VERDICT, -1}, {TROP_FAIL_MOF, -1}};
    for (int i = 0; i < 2; i++) {
        trop_str *t = trop_vec_add(&r->pol.failures);
        if (!t || !trop_arena_cstr(&r->pol.texts, failed[i], t) || trop_vec_push(&r->pol.why, why[i]))
            abort();
    }
    r->policy = 0;
    return r;
}

TRO_TEST(sarif_mixed)
{
    tro_report *r = mixed_report();
    json_t *log = sarif_of(r, "mixed");
    json_t *rules = at(log, "runs/0/tool/driver/rules");
    /* criteria, then finding codes sorted, then the gate */
    static const char *const ids[] = {"criterion/use_freedom",
                                      "criterion/method_transparency",
                                      "criterion/data_access",
                                      "archive-bomb",
                                      "card-partial",
                                      "lfs-pointer",
                                      "pickle-dangerous-global",
                                      "policy"};
    CHECK_INT(json_array_size(rules), 8);
    for (size_t i = 0; i < 8; i++)
        CHECK_STR(json_string_value(json_object_get(json_array_get(rules, i), "id")), ids[i]);
    CHECK_STR(s_at(rules, "6/name"), "PickleDangerousGlobal");
    CHECK_STR(s_at(rules, "6/shortDescription/text"), "Pickle dangerous global");
    CHECK_STR(s_at(rules, "6/defaultConfiguration/level"), "error"); /* the worst seen */
    CHECK_STR(s_at(rules, "4/defaultConfiguration/level"), "note");

    /* the verdict's failure is carried by the criteria, the MOF's is a result */
    CHECK_INT(json_array_size(at(log, "runs/0/results")), 3 + 5 + 1);
    /* criteria first */
    json_t *uf = result(log, 0);
    CHECK_STR(s_at(uf, "ruleId"), "criterion/use_freedom");
    CHECK_INT(i_at(uf, "ruleIndex"), 0);
    CHECK_STR(s_at(uf, "level"), "error");
    CHECK_STR(s_at(uf, "message/text"), "use_freedom is fail: the licence has an acceptable-use "
                                        "policy; more than 700 million users need a licence");
    CHECK_STR(s_at(uf, "locations/0/physicalLocation/artifactLocation/uri"), "README.md");
    CHECK_INT(i_at(uf, "locations/0/physicalLocation/artifactLocation/index"), 0);
    CHECK_INT(i_at(uf, "locations/0/physicalLocation/region/startLine"), 3);
    CHECK_INT(json_array_size(json_object_get(uf, "relatedLocations")), 1);
    CHECK_INT(i_at(uf, "relatedLocations/0/id"), 1);
    CHECK_STR(s_at(uf, "relatedLocations/0/message/text"), "license: llama3.1");
    CHECK_STR(s_at(result(log, 1), "level"), "error"); /* partial, but it fails the gate */
    CHECK_STR(s_at(result(log, 1), "properties/policy/0"), "verdict is not-truly-open");
    CHECK_STR(s_at(result(log, 1), "message/text"),
              "method_transparency is partial: no training code is linked");
    CHECK(at(result(log, 1), "locations/0/physicalLocation/region") == NULL);
    CHECK_STR(s_at(result(log, 2), "message/text"),
              "data_access is unknown: no evidence either way");
    CHECK_STR(s_at(result(log, 2), "properties/status"), "unknown");

    /* findings in report order */
    json_t *f = result(log, 3);
    CHECK_STR(s_at(f, "ruleId"), "pickle-dangerous-global");
    CHECK_INT(i_at(f, "ruleIndex"), 6);
    CHECK_STR(s_at(f, "level"), "error");
    CHECK_STR(s_at(f, "message/text"), "weights/model.bin: calls os.system at byte 812");
    CHECK_INT(i_at(f, "locations/0/physicalLocation/region/byteOffset"), 812);
    CHECK(at(f, "locations/0/physicalLocation/region/startLine") == NULL);
    CHECK_INT(i_at(f, "locations/0/physicalLocation/artifactLocation/index"), 2);
    f = result(log, 4);
    CHECK_STR(s_at(f, "locations/0/physicalLocation/artifactLocation/uri"),
              "donn%C3%A9es/mod%C3%A8le%201%23a.bin");
    CHECK_INT(i_at(f, "locations/0/physicalLocation/artifactLocation/index"), 1);
    CHECK(at(f, "locations/0/physicalLocation/region") == NULL);
    f = result(log, 5);
    CHECK_STR(s_at(f, "level"), "note");
    CHECK_INT(i_at(f, "locations/0/physicalLocation/region/startLine"), 12);
    CHECK_INT(i_at(f, "locations/0/physicalLocation/region/byteOffset"), 0);
    f = result(log, 6);
    CHECK_STR(s_at(f, "level"), "warning"); /* the finding's own severity, not the rule's */
    CHECK(at(f, "locations/0/physicalLocation/artifactLocation/index") == NULL);
    f = result(log, 7); /* of the whole release: at its card */
    CHECK_STR(s_at(f, "locations/0/physicalLocation/artifactLocation/uri"), "README.md");
    /* the gate: only what no other result carries */
    f = result(log, 8);
    CHECK_STR(s_at(f, "ruleId"), "policy");
    CHECK_INT(i_at(f, "ruleIndex"), 7);
    CHECK_STR(s_at(f, "message/text"), "MOF class 3 is less open");
    /* every result has a fingerprint of its own */
    json_t *seen = json_object();
    for (size_t i = 0; i < 9; i++) {
        const char *fp = json_string_value(
            json_object_get(json_object_get(result(log, i), "partialFingerprints"), "trulyopen/v1"));
        CHECK(fp != NULL && strlen(fp) == 32);
        CHECK(fp && !json_object_get(seen, fp));
        if (fp)
            json_object_set_new(seen, fp, json_true());
    }
    json_decref(seen);
    CHECK_STR(s_at(log, "runs/0/automationDetails/id"), "trulyopen/model/");
    CHECK(at(log, "runs/0/originalUriBaseIds/SRCROOT/uri") == NULL);
    CHECK(json_is_false(at(log, "runs/0/properties/policy/passed")));
    CHECK_STR(s_at(log, "runs/0/properties/criteria/use_freedom"), "fail");
    CHECK_STR(s_at(log, "runs/0/properties/verdict"), "not-truly-open");
    /* an artifact without a hash has no hashes */
    CHECK(at(log, "runs/0/artifacts/2/hashes") == NULL);
    CHECK_INT(i_at(log, "runs/0/artifacts/2/length"), 4096);
    json_decref(log);
    tro_report_free(r);
}

/* A release in a folder of a repository: locations relative to the
 * repository's root, which SRCROOT names; the run's category is the
 * release's folder; a waived finding is suppressed with the waiver's
 * reason, and keeps its fingerprint. */
TRO_TEST(sarif_placed)
{
    tro_report *r = mixed_report();
    trop_jfinding *w = &r->jd->rfindings.v[0];
    w->waived = true;
    if (!trop_arena_cstr(&r->jd->texts, "accepted until the retrain, ticket 42", &w->waiver))
        abort();
    json_t *plain = sarif_of(r, "placed-plain");
    tro_render_options o = TRO_RENDER_OPTIONS_INIT;
    o.format = TRO_FORMAT_SARIF;
    o.root_uri = "file:///src/repo/";
    o.release_path = "./models/foo/";
    char *text = NULL;
    CHECK_INT(tro_report_render(r, &o, &text, NULL), TRO_OK);
    json_t *log = text ? json_loads(text, 0, NULL) : NULL;
    CHECK(log != NULL);
    CHECK_STR(s_at(log, "runs/0/originalUriBaseIds/SRCROOT/uri"), "file:///src/repo/");
    CHECK_STR(s_at(log, "runs/0/automationDetails/id"), "trulyopen/models/foo/");
    CHECK_STR(s_at(result(log, 0), "locations/0/physicalLocation/artifactLocation/uri"),
              "models/foo/README.md");
    CHECK_STR(s_at(result(log, 0), "locations/0/physicalLocation/artifactLocation/uriBaseId"),
              "SRCROOT");
    CHECK_STR(s_at(log, "runs/0/artifacts/1/location/uri"),
              "models/foo/donn%C3%A9es/mod%C3%A8le%201%23a.bin");
    json_t *f = result(log, 3);
    CHECK_STR(s_at(f, "ruleId"), "pickle-dangerous-global");
    CHECK_STR(s_at(f, "suppressions/0/kind"), "external");
    CHECK_STR(s_at(f, "suppressions/0/status"), "accepted");
    CHECK_STR(s_at(f, "suppressions/0/justification"), "accepted until the retrain, ticket 42");
    CHECK(at(result(log, 4), "suppressions") == NULL);
    /* the same problem in another folder is another alert */
    const char *a = json_string_value(
        json_object_get(json_object_get(result(plain, 3), "partialFingerprints"), "trulyopen/v1"));
    const char *b = json_string_value(
        json_object_get(json_object_get(f, "partialFingerprints"), "trulyopen/v1"));
    CHECK(a && b && strcmp(a, b) != 0);
    /* a version 1 options struct is still served, without the new fields */
    tro_render_options v1 = o;
    v1.version = 1;
    char *old = NULL;
    CHECK_INT(tro_report_render(r, &v1, &old, NULL), TRO_OK);
    CHECK(old && !strstr(old, "models/foo"));
    tro_free(old);
    old = NULL;
    v1.version = 3;
    CHECK_INT(tro_report_render(r, &v1, &old, NULL), TRO_EVERSION);
    tro_free(old);
    tro_free(text);
    json_decref(log);
    json_decref(plain);
    tro_report_free(r);
}

/* No card: criteria are located at the release root. No findings, no
 * artifacts, no MOF file. */
TRO_TEST(sarif_nocard)
{
    trt_rep d = {.criteria = trt_statuses("fail", "fail", "fail"), .mof_class = -1};
    tro_report *r = trt_report(&d);
    json_t *log = sarif_of(r, "nocard");
    CHECK_INT(json_array_size(at(log, "runs/0/results")), 3);
    for (size_t i = 0; i < 3; i++) {
        CHECK_STR(s_at(result(log, i), "locations/0/physicalLocation/artifactLocation/uri"), ".");
        CHECK_STR(s_at(result(log, i), "level"), "error");
    }
    CHECK_INT(json_array_size(at(log, "runs/0/artifacts")), 0);
    CHECK(json_is_null(at(log, "runs/0/properties/mof_class")));
    CHECK(at(log, "runs/0/properties/policy") == NULL);
    json_decref(log);
    tro_report_free(r);
}

/* Messages with quotes, newlines, non-Latin scripts and emoji survive. */
TRO_TEST(sarif_unicode)
{
    const char *msg = "\xE6\xA8\xA1\xE5\x9E\x8B \"card\"\n\tline 2 \xF0\x9F\x94\x92 \\ end";
    json_t *crit = json_pack("{s:{s:s, s:[s]}, s:{s:s}, s:{s:s}}", "use_freedom", "status",
                             "partial", "reasons", msg, "method_transparency", "status", "pass",
                             "data_access", "status", "pass");
    trt_rep d = {.card = "\xE8\xAF\xB4\xE6\x98\x8E.md",
                 .criteria = crit,
                 .findings = json_pack("[o]", trt_finding("warning", "card-field-invalid",
                                                          "\xE8\xAF\xB4\xE6\x98\x8E.md", 5, msg)),
                 .mof_class = 0};
    tro_report *r = trt_report(&d);
    json_t *log = sarif_of(r, "unicode");
    CHECK_STR(s_at(result(log, 1), "message/text"), msg);
    char want[256];
    snprintf(want, sizeof want, "use_freedom is partial: %s", msg);
    CHECK_STR(s_at(result(log, 0), "message/text"), want);
    CHECK_STR(s_at(result(log, 0), "locations/0/physicalLocation/artifactLocation/uri"),
              "%E8%AF%B4%E6%98%8E.md");
    CHECK_INT(i_at(log, "runs/0/properties/mof_class"), 0);
    json_decref(log);
    tro_report_free(r);
}

/* A report is read-only for the writer: threads may render it at once. */
static void *render(void *arg)
{
    char *text = NULL;
    if (tro_report_sarif(arg, &text, NULL) != TRO_OK)
        return (void *)1;
    tro_free(text);
    return NULL;
}

TRO_TEST(sarif_threads)
{
    tro_report *r = mixed_report();
    pthread_t t[4];
    for (int i = 0; i < 4; i++)
        CHECK_INT(pthread_create(&t[i], NULL, render, r), 0);
    for (int i = 0; i < 4; i++) {
        void *res = (void *)1;
        pthread_join(t[i], &res);
        CHECK(res == NULL);
    }
    tro_report_free(r);
    char *text = (char *)1;
    CHECK_INT(tro_report_sarif(NULL, &text, NULL), TRO_EINVAL);
    CHECK(text == NULL);
}

/* jansson allocations fail one after the other: every error path of the
 * writer returns TRO_ENOMEM and leaks nothing (the sanitizer build checks). */
static long fail_in = -1; /* allocations left before one fails; -1: never */

static void *failing_malloc(size_t n)
{
    if (fail_in == 0)
        return NULL;
    if (fail_in > 0)
        fail_in--;
    return malloc(n);
}

TRO_TEST(sarif_oom)
{
    tro_report *r = mixed_report();
    json_set_alloc_funcs(failing_malloc, free);
    int failures = 0, done = 0;
    for (long n = 0; n < 100000 && !done; n++) {
        char *text = NULL;
        fail_in = n;
        int rc = tro_report_sarif(r, &text, NULL);
        done = fail_in > 0 || (fail_in == 0 && rc == TRO_OK);
        if (rc == TRO_ENOMEM)
            failures++;
        else if (rc != TRO_OK)
            CHECK_INT(rc, TRO_ENOMEM);
        CHECK(rc == TRO_OK ? text != NULL : text == NULL);
        tro_free(text);
    }
    fail_in = -1;
    json_set_alloc_funcs(malloc, free);
    CHECK(done);
    CHECK(failures > 100); /* the mixed report needs hundreds of allocations */
    tro_report_free(r);
}
