/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* Release gates applied to synthetic reports: every rule passing and
 * failing, ignore_codes against fail_on_codes, deny winning over allow,
 * categories, and what is recorded in the report. */
#include "failalloc.h"
#include "policy.h"
#include "report_fixture.h"
#include "test.h"

#include <stdio.h>

/* The failures recorded by the last application, joined by " | ". */
static char failures[8192];

static const char *record(const tro_report *r)
{
    size_t n = 0;
    failures[0] = '\0';
    for (size_t i = 0; i < r->pol.failures.n; i++) {
        n += (size_t)snprintf(failures + n, sizeof failures - n, "%s%s", i ? " | " : "",
                              r->pol.failures.v[i].s);
        if (n >= sizeof failures)
            break;
    }
    return failures;
}

/* The report's JSON document, parsed back. */
static json_t *document(const tro_report *r)
{
    char *text = NULL;
    CHECK_INT(tro_report_json(r, &text, NULL), 0);
    json_t *doc = text ? json_loads(text, 0, NULL) : NULL;
    tro_free(text);
    CHECK(doc != NULL);
    return doc;
}

/* Applies the policy text (NULL: the default policy) and checks that what
 * it returned, the C fields and the JSON document agree. */
static int gate(tro_report *r, const char *text)
{
    tro_policy *p = NULL;
    tro_error err = {0};
    int rc = text ? tro_policy_new(&p, text, strlen(text), &err) : 0;
    if (rc) {
        fprintf(stderr, "policy does not parse: %s\n", err.message);
        CHECK_INT(rc, TRO_OK);
        return -100;
    }
    rc = tro_report_apply_policy(r, p);
    tro_policy_free(p);
    json_t *doc = document(r);
    const json_t *rec = json_object_get(doc, "policy");
    CHECK(json_is_object(rec) && json_object_size(rec) == 2);
    CHECK_INT(json_is_true(json_object_get(rec, "passed")), rc == 1);
    CHECK_INT(json_array_size(json_object_get(rec, "failures")) == 0, rc == 1);
    CHECK_INT(json_array_size(json_object_get(rec, "failures")), r->pol.failures.n);
    json_decref(doc);
    CHECK_INT(r->policy, rc);
    record(r);
    return rc;
}

static tro_report *statuses(const char *uf, const char *mt, const char *da, json_t *findings)
{
    trt_rep d = {.card = "README.md",
                 .criteria = trt_statuses(uf, mt, da),
                 .findings = findings,
                 .mof_class = -1};
    return trt_report(&d);
}

#define V1 "{\"format_version\": 1, "

TRO_TEST(policy_apply_default)
{
    tro_report *r = statuses("pass", "pass", "pass", NULL);
    CHECK_INT(gate(r, NULL), 1);
    CHECK_STR(record(r), "");
    tro_report_free(r);

    r = statuses("pass", "partial", "unknown", NULL);
    CHECK_INT(gate(r, NULL), 0);
    CHECK_STR(failures, "verdict is not-truly-open (use_freedom pass, method_transparency "
                        "partial, data_access unknown); the policy requires truly-open");
    /* a second application replaces the first record */
    CHECK_INT(gate(r, V1 "\"criteria\": {\"data_access\": \"unknown\"}}"), 1);
    tro_report_free(r);

    json_t *fs = json_pack("[o, o]", trt_finding("warning", "lfs-pointer", "w.bin", -1, "w"),
                           trt_finding("info", "card-partial", "README.md", 3, "i"));
    r = statuses("pass", "pass", "pass", fs);
    CHECK_INT(gate(r, NULL), 1); /* warnings and notes do not fail the default gate */
    tro_report_free(r);

    fs = json_pack("[o]", trt_finding("error", "pickle-dangerous-global", "model.bin", 812,
                                      "model.bin: calls os.system at byte 812"));
    r = statuses("pass", "pass", "pass", fs);
    CHECK_INT(gate(r, NULL), 0);
    CHECK_STR(failures, "finding pickle-dangerous-global (error) in model.bin at byte 812: "
                        "model.bin: calls os.system at byte 812");
    tro_report_free(r);
    CHECK_INT(tro_report_apply_policy(NULL, NULL), TRO_EINVAL);
}

TRO_TEST(policy_apply_criteria)
{
    const char *mins = V1 "\"criteria\": {\"use_freedom\": \"pass\", \"method_transparency\": "
                          "\"partial\", \"data_access\": \"unknown\"}}";
    tro_report *r = statuses("pass", "partial", "unknown", NULL);
    CHECK_INT(gate(r, mins), 1);
    tro_report_free(r);
    r = statuses("pass", "pass", "partial", NULL);
    CHECK_INT(gate(r, mins), 1); /* better than the minimum */
    tro_report_free(r);

    r = statuses("partial", "unknown", "fail", NULL);
    CHECK_INT(gate(r, mins), 0);
    CHECK_STR(failures, "use_freedom is partial; the policy requires pass or better | "
                        "method_transparency is unknown; the policy requires partial or better | "
                        "data_access is fail; the policy requires unknown or better");
    tro_report_free(r);

    /* the order is fail < unknown < partial < pass */
    r = statuses("fail", "fail", "fail", NULL);
    CHECK_INT(gate(r, V1 "\"criteria\": {\"use_freedom\": \"fail\"}}"), 1);
    CHECK_INT(gate(r, V1 "\"criteria\": {\"use_freedom\": \"unknown\"}}"), 0);
    tro_report_free(r);

    /* a list accepts exactly its statuses */
    const char *list = V1 "\"criteria\": {\"data_access\": [\"pass\", \"unknown\"]}}";
    r = statuses("pass", "pass", "unknown", NULL);
    CHECK_INT(gate(r, list), 1);
    tro_report_free(r);
    r = statuses("pass", "pass", "partial", NULL);
    CHECK_INT(gate(r, list), 0);
    CHECK_STR(failures, "data_access is partial; the policy accepts only pass, unknown");
    tro_report_free(r);

    /* require_truly_open in a file */
    r = statuses("pass", "pass", "partial", NULL);
    CHECK_INT(gate(r, V1 "\"require_truly_open\": false}"), 1);
    CHECK_INT(gate(r, V1 "\"require_truly_open\": true}"), 0);
    CHECK_CONTAINS(failures, "verdict is not-truly-open");
    tro_report_free(r);
}

static tro_report *licensed(json_t *licenses)
{
    trt_rep d = {.card = "README.md",
                 .criteria = trt_statuses("pass", "pass", "pass"),
                 .licenses = licenses,
                 .mof_class = -1};
    return trt_report(&d);
}

/* The canonical expression the library gives a licence string. */
static char canon[256];
static const char *canonical(const char *text)
{
    tro_license_result *res = NULL;
    CHECK_INT(tro_license_classify(text, &res, NULL), TRO_OK);
    snprintf(canon, sizeof canon, "%s", res ? tro_license_result_expression(res) : "?");
    tro_license_result_free(res);
    return canon;
}

TRO_TEST(policy_apply_licenses)
{
    tro_report *r =
        licensed(json_pack("[o]", trt_license("README.md", "CC-BY-NC-4.0", "non-commercial")));
    CHECK_INT(gate(r, V1 "\"licenses\": {\"deny\": [\"non-commercial\"]}}"), 0);
    CHECK_STR(failures, "license \"CC-BY-NC-4.0\" in README.md is denied: CC-BY-NC-4.0 (by its "
                        "category) matches \"non-commercial\" in licenses.deny");
    CHECK_INT(gate(r, V1 "\"licenses\": {\"deny\": [\"cc-by-nc-4.0\"]}}"), 0);
    CHECK_CONTAINS(failures, "matches \"CC-BY-NC-4.0\" in licenses.deny");
    CHECK_INT(gate(r, V1 "\"licenses\": {\"deny\": [\"use-restricted\", \"MIT\"]}}"), 1);
    CHECK_INT(gate(r, V1 "\"licenses\": {\"allow\": [\"permissive\"]}}"), 0);
    CHECK_STR(failures, "license \"CC-BY-NC-4.0\" in README.md is not allowed: CC-BY-NC-4.0 "
                        "matches no entry of licenses.allow");
    tro_report_free(r);

    /* deny wins over allow, whether by id or by category */
    r = licensed(json_pack("[o]", trt_license("LICENSE", "MIT", "permissive")));
    CHECK_INT(gate(r, V1 "\"licenses\": {\"allow\": [\"permissive\"]}}"), 1);
    CHECK_INT(gate(r, V1 "\"licenses\": {\"allow\": [\"permissive\"], \"deny\": [\"MIT\"]}}"), 0);
    CHECK_CONTAINS(failures, "is denied: MIT matches \"MIT\"");
    CHECK_INT(gate(r, V1 "\"licenses\": {\"allow\": [\"MIT\"], \"deny\": [\"permissive\"]}}"), 0);
    CHECK_CONTAINS(failures, "matches \"permissive\" in licenses.deny");
    tro_report_free(r);

    /* OR: one acceptable choice suffices; AND: every part must be acceptable */
    const char *llama = canonical("llama3.1");
    CHECK(!strncmp(llama, "LicenseRef-", 11));
    char expr[300];
    snprintf(expr, sizeof expr, "MIT OR %s", llama);
    r = licensed(json_pack("[o]", trt_license("README.md", expr, "permissive")));
    CHECK_INT(gate(r, V1 "\"licenses\": {\"deny\": [\"use-restricted\"]}}"), 1);
    CHECK_INT(gate(r, V1 "\"licenses\": {\"deny\": [\"llama3.1\"]}}"), 1);
    CHECK_INT(gate(r, V1 "\"licenses\": {\"deny\": [\"llama3.1\", \"MIT\"]}}"), 0);
    tro_report_free(r);
    snprintf(expr, sizeof expr, "MIT AND %s", llama);
    r = licensed(json_pack("[o]", trt_license("README.md", expr, "use-restricted")));
    CHECK_INT(gate(r, V1 "\"licenses\": {\"allow\": [\"MIT\"]}}"), 0);
    char want[400];
    snprintf(want, sizeof want, "is not allowed: %s matches no entry", llama);
    CHECK_CONTAINS(failures, want);
    CHECK_INT(gate(r, V1 "\"licenses\": {\"allow\": [\"MIT\", \"use-restricted\"]}}"), 1);
    /* the statement's own category is denied too */
    CHECK_INT(gate(r, V1 "\"licenses\": {\"deny\": [\"use-restricted\"]}}"), 0);
    tro_report_free(r);

    /* one licence whose text analysis found restrictions: its category counts */
    r = licensed(json_pack("[o]", trt_license("LICENSE", "Apache-2.0", "use-restricted")));
    CHECK_INT(gate(r, V1 "\"licenses\": {\"deny\": [\"use-restricted\"]}}"), 0);
    CHECK_CONTAINS(failures, "denied: Apache-2.0 (by its category) matches \"use-restricted\"");
    CHECK_INT(gate(r, V1 "\"licenses\": {\"allow\": [\"permissive\"]}}"), 0);
    CHECK_INT(gate(r, V1 "\"licenses\": {\"allow\": [\"Apache-2.0\"]}}"), 1);
    tro_report_free(r);

    /* unknown licences: no expression, or one that is not SPDX */
    r = licensed(json_pack("[o, o]", trt_license("README.md", NULL, "unknown"),
                           trt_license("", "some words", "unknown")));
    CHECK_INT(gate(r, V1 "\"licenses\": {\"deny\": [\"unknown\"]}}"), 0);
    CHECK_STR(failures, "license \"(none)\" in README.md is denied: the licence (by its "
                        "category) matches \"unknown\" in licenses.deny | license \"some words\" "
                        "in the release is denied: some words (by its category) matches "
                        "\"unknown\" in licenses.deny");
    CHECK_INT(gate(r, V1 "\"licenses\": {\"allow\": [\"MIT\"]}}"), 0);
    CHECK_CONTAINS(failures, "license \"(none)\" in README.md is not allowed: an unknown licence");
    CHECK_INT(gate(r, V1 "\"licenses\": {\"deny\": [\"MIT\"]}}"), 1);
    tro_report_free(r);

    /* no licence at all: an allow list wants one, a deny list does not care */
    r = licensed(NULL);
    CHECK_INT(gate(r, V1 "\"licenses\": {\"allow\": [\"MIT\"]}}"), 0);
    CHECK_STR(failures, "no licence found; licenses.allow requires an allowed one");
    CHECK_INT(gate(r, V1 "\"licenses\": {\"deny\": [\"MIT\"]}}"), 1);
    tro_report_free(r);
}

TRO_TEST(policy_apply_mof)
{
    const char *min2 = V1 "\"min_mof_class\": 2}";
    static const struct {
        int cls, passed;
        const char *why;
    } cases[] = {
        {1, 1, ""},
        {2, 1, ""},
        {3, 0, "MOF class 3 is less open than the required class 2 (class 1 is the most open)"},
        {0, 0, "the release is unclassified by the MOF; the policy requires class 2 or better"},
        {-1, 0,
         "no MOF class (the release has no MOF release file); the policy requires class 2 "
         "or better"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        trt_rep d = {.criteria = trt_statuses("pass", "pass", "pass"), .mof_class = cases[i].cls};
        tro_report *r = trt_report(&d);
        CHECK_INT(gate(r, min2), cases[i].passed);
        CHECK_STR(failures, cases[i].why);
        CHECK_INT(gate(r, V1 "\"min_mof_class\": null}"), 1);
        tro_report_free(r);
    }
}

TRO_TEST(policy_apply_findings)
{
    json_t *fs = json_pack("[o, o, o, o, o, o]",
                           trt_finding("info", "card-partial", "README.md", -1, "note"),
                           trt_finding("warning", "lfs-pointer", "a.bin", -1, "a.bin: pointer"),
                           trt_finding("error", "pickle-malformed", "m.pkl", 4, "m.pkl: bad"),
                           trt_finding("error", "pickle-malformed", "n.pkl", 9, "n.pkl: bad"),
                           trt_finding("warning", "pickle-malformed", "o.pkl", 1, "o.pkl: odd"),
                           trt_finding("error", "pickle-dangerous-global", "", -1, "os.system"));
    tro_report *r = statuses("pass", "pass", "pass", fs);
    CHECK_INT(gate(r, V1 "\"fail_on_severity\": \"error\"}"), 0);
    /* grouped by code, in order of first appearance */
    CHECK_STR(failures, "2 findings pickle-malformed (error), the first in m.pkl at byte 4: "
                        "m.pkl: bad | finding pickle-dangerous-global (error) in the release: "
                        "os.system");
    CHECK_INT(gate(r, V1 "\"fail_on_severity\": \"warning\"}"), 0);
    CHECK_CONTAINS(failures, "finding lfs-pointer (warning) in a.bin: a.bin: pointer | 3 findings "
                             "pickle-malformed (error), the first in m.pkl");
    CHECK_INT(gate(r, V1 "\"fail_on_severity\": \"info\"}"), 0);
    CHECK_CONTAINS(failures, "finding card-partial (info) in README.md: note");
    CHECK_INT(gate(r, V1 "\"fail_on_severity\": \"none\"}"), 1);

    /* ignore_codes takes codes out of the severity rule, exactly or by prefix */
    CHECK_INT(gate(r, V1 "\"ignore_codes\": [\"pickle-malformed\"]}"), 0);
    CHECK_STR(failures, "finding pickle-dangerous-global (error) in the release: os.system");
    CHECK_INT(gate(r, V1 "\"ignore_codes\": [\"pickle-*\"]}"), 1);
    CHECK_INT(gate(r, V1 "\"ignore_codes\": [\"*\"], \"fail_on_severity\": \"info\"}"), 1);
    /* ... but fail_on_codes wins: a listed code fails whatever its severity */
    CHECK_INT(gate(r, V1 "\"ignore_codes\": [\"pickle-*\"], \"fail_on_codes\": "
                         "[\"pickle-dangerous-global\"]}"),
              0);
    CHECK_STR(failures, "finding pickle-dangerous-global (error, listed in fail_on_codes) in the "
                        "release: os.system");
    CHECK_INT(gate(r, V1 "\"fail_on_severity\": \"none\", \"fail_on_codes\": [\"card-*\"]}"), 0);
    CHECK_STR(failures, "finding card-partial (info, listed in fail_on_codes) in README.md: note");
    CHECK_INT(gate(r, V1 "\"fail_on_severity\": \"none\", \"fail_on_codes\": [\"card\"]}"), 1);
    tro_report_free(r);
}

/* Applies a policy as of a time; the outcome as gate() records it. */
static int gate_at(tro_report *r, const char *text, int64_t when)
{
    tro_policy *p = NULL;
    tro_error err = {0};
    int rc = tro_policy_new(&p, text, strlen(text), &err);
    if (rc) {
        fprintf(stderr, "policy does not parse: %s\n", err.message);
        CHECK_INT(rc, TRO_OK);
        return -100;
    }
    rc = tro_report_apply_policy_at(r, p, when);
    tro_policy_free(p);
    record(r);
    return rc;
}

/* Waivers: in force through their date (UTC), matched by code, path and
 * release; a waived finding fails no rule and says why; an expired waiver
 * waives nothing and is a warning; the next application replaces all. */
TRO_TEST(policy_apply_waivers)
{
    json_t *fs = json_pack(
        "[o, o]", trt_finding("error", "license-laundering", "README.md", -1, "relabelled"),
        trt_finding("warning", "lfs-pointer", "a.bin", -1, "a.bin: pointer"));
    trt_rep d = {.name = "/srv/models/org/model",
                 .card = "README.md",
                 .criteria = trt_statuses("fail", "pass", "pass"),
                 .findings = fs,
                 .mof_class = -1};
    tro_report *r = trt_report(&d);
    const int64_t last_second = 1782863999, next_day = 1782864000; /* 2026-06-30/07-01 */
#define WAIVER_HEAD                                                                                \
    V1 "\"require_truly_open\": false, \"fail_on_codes\": [\"license-laundering\"], "              \
       "\"waivers\": [{\"code\": \"license-laundering\", \"reason\": \"relicensed, ticket 7\", "  \
       "\"expires\": \"2026-06-30\""
#define WAIVER(extra) WAIVER_HEAD extra "}]}"
    CHECK_INT(gate_at(r, WAIVER(""), last_second), 1);
    CHECK_STR(failures, "");
    const tro_judged_finding *f = tro_report_finding(r, 0);
    CHECK_INT(tro_judged_finding_waived(f), 1);
    CHECK_STR(tro_judged_finding_waiver(f), "relicensed, ticket 7");
    CHECK_INT(tro_judged_finding_waived(tro_report_finding(r, 1)), 0);
    CHECK_INT(tro_report_finding_count(r), 2);
    json_t *doc = document(r);
    CHECK(json_is_true(json_object_get(json_array_get(json_object_get(doc, "findings"), 0),
                                       "waived")));
    CHECK_STR(json_string_value(json_object_get(
                  json_array_get(json_object_get(doc, "findings"), 0), "waiver")),
              "relicensed, ticket 7");
    CHECK(!json_object_get(json_array_get(json_object_get(doc, "findings"), 1), "waived"));
    json_decref(doc);

    /* the day after: the finding counts again and the waiver is a warning */
    CHECK_INT(gate_at(r, WAIVER(""), next_day), 0);
    CHECK_CONTAINS(failures, "finding license-laundering (error, listed in fail_on_codes)");
    CHECK_INT(tro_judged_finding_waived(f), 0);
    CHECK(tro_judged_finding_waiver(f) == NULL);
    CHECK_INT(tro_report_finding_count(r), 3);
    const tro_judged_finding *w = tro_report_finding(r, 2);
    CHECK_STR(tro_judged_finding_code(w), "waiver-expired");
    CHECK_INT(tro_judged_finding_severity(w), TRO_SEVERITY_WARNING);
    CHECK_CONTAINS(tro_judged_finding_message(w),
                   "the waiver of license-laundering (relicensed, ticket 7) expired on "
                   "2026-06-30");
    /* ... which fails a policy that refuses warnings */
    CHECK_INT(gate_at(r, V1 "\"require_truly_open\": false, \"fail_on_severity\": \"warning\", "
                         "\"waivers\": [{\"code\": \"l*\", \"reason\": \"r\", "
                         "\"expires\": \"2000-01-01\"}]}",
                      last_second),
              0);
    CHECK_CONTAINS(failures, "finding waiver-expired (warning) in the release");

    /* matching: path and release globs, code prefixes */
    static const struct {
        const char *extra;
        int waived;
    } match[] = {
        {", \"path\": \"README.md\"", 1},
        {", \"path\": \"*.md\"", 1},
        {", \"path\": \"docs/*\"", 0},
        {", \"release\": \"org/model\"", 1},
        {", \"release\": \"model\"", 1},
        {", \"release\": \"models/org/*\"", 1},
        {", \"release\": \"/srv/models/org/model\"", 1},
        {", \"release\": \"org\"", 0},
        {", \"release\": \"other/model\"", 0},
    };
    for (size_t i = 0; i < sizeof match / sizeof match[0]; i++) {
        char full[1200];
        snprintf(full, sizeof full, "%s%s}]}", WAIVER_HEAD, match[i].extra);
        CHECK_INT(gate_at(r, full, last_second), match[i].waived);
        CHECK_INT(tro_judged_finding_waived(f), match[i].waived);
    }
    CHECK_INT(gate_at(r, V1 "\"require_truly_open\": false, \"fail_on_severity\": \"warning\", "
                         "\"waivers\": [{\"code\": \"l*\", \"reason\": \"both\"}]}",
                      0),
              1); /* a prefix, and no expiry */
    CHECK_STR(tro_judged_finding_waiver(tro_report_finding(r, 1)), "both");
    /* another application replaces the marks */
    CHECK_INT(gate(r, NULL), 0);
    CHECK_INT(tro_judged_finding_waived(f), 0);
    CHECK_INT(tro_report_finding_count(r), 2);
#undef WAIVER
#undef WAIVER_HEAD
    tro_report_free(r);
}

/* Several rules failing at once are all reported, in a fixed order. */
TRO_TEST(policy_apply_everything)
{
    trt_rep d = {.card = "README.md",
                 .criteria = trt_statuses("fail", "pass", "unknown"),
                 .licenses =
                     json_pack("[o]", trt_license("README.md", "CC-BY-NC-4.0", "non-commercial")),
                 .findings = json_pack("[o]", trt_finding("error", "gguf-truncated", "m.gguf", 7,
                                                          "m.gguf: truncated")),
                 .mof_class = 3};
    tro_report *r = trt_report(&d);
    CHECK_INT(gate(r, V1 "\"require_truly_open\": true, \"criteria\": {\"use_freedom\": "
                         "\"pass\"}, \"licenses\": {\"deny\": [\"non-commercial\"]}, "
                         "\"min_mof_class\": 1}"),
              0);
    json_t *doc = document(r);
    const json_t *f = json_object_get(json_object_get(doc, "policy"), "failures");
    CHECK_INT(json_array_size(f), 5);
    CHECK(!strncmp(json_string_value(json_array_get(f, 0)), "verdict", 7));
    CHECK(!strncmp(json_string_value(json_array_get(f, 1)), "use_freedom is fail", 19));
    CHECK(!strncmp(json_string_value(json_array_get(f, 2)), "license", 7));
    CHECK(!strncmp(json_string_value(json_array_get(f, 3)), "MOF class 3", 11));
    CHECK(!strncmp(json_string_value(json_array_get(f, 4)), "finding gguf-truncated", 22));
    /* the record is the report's last key, as report.h lays it out */
    const char *last = NULL, *key;
    json_t *v;
    json_object_foreach(doc, key, v)
    {
        last = key;
    }
    CHECK_STR(last, "policy");
    json_decref(doc);
    tro_report_free(r);
}

/* Allocations fail one after the other while a policy is applied:
 * TRO_ENOMEM and the earlier outcome kept, or the right answer; nothing
 * leaks. */
TRO_TEST(policy_apply_oom)
{
    tro_policy *p = NULL;
    const char *text = V1 "\"require_truly_open\": true, \"licenses\": {\"deny\": [\"MIT\"]}, "
                          "\"min_mof_class\": 1, \"fail_on_severity\": \"info\"}";
    CHECK_INT(tro_policy_new(&p, text, strlen(text), NULL), TRO_OK);
    json_t *fs =
        json_pack("[o, o, o]", trt_finding("error", "a-b", "x", 1, "m"),
                  trt_finding("info", "c", "", -1, "n"), trt_finding("error", "a-b", "y", -1, "o"));
    trt_rep d = {.criteria = trt_statuses("pass", "fail", "pass"),
                 .findings = fs,
                 .licenses = json_pack("[o]", trt_license("L", "MIT OR Apache-2.0", "permissive")),
                 .mof_class = 2};
    tro_report *r = trt_report(&d);
    int enomem = 0, done = 0;
    for (long n = 0; n < 10000 && !done; n++) {
        trt_fail_in = n;
        int rc = tro_report_apply_policy(r, p);
        done = trt_fail_in > 0 || (trt_fail_in == 0 && rc >= 0);
        trt_fail_in = -1;
        if (rc == TRO_ENOMEM) {
            enomem++;
            CHECK_INT(r->policy, -1); /* no outcome recorded */
        } else {
            CHECK_INT(rc, 0);
            CHECK_INT(r->pol.failures.n, 4);
        }
    }
    CHECK(done && enomem >= 5); /* each allocation of an application failed once */
    CHECK_INT(tro_report_apply_policy(r, p), 0);
    CHECK_INT(r->pol.failures.n, 4);
    tro_report_free(r);
    tro_policy_free(p);
}
