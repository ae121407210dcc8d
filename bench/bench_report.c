/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/*
 * Cost of the release gate and of SARIF on large reports: builds a report
 * with N findings (spread over 40 codes), N artifacts and 20 licence
 * statements, then times parsing a policy, applying it, and rendering the
 * report as SARIF (one thread).
 *
 *   bench/bench_report [N]   default N = 100000
 */
#include "../tests/unit/report_fixture.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static const char policy[] =
    "{\"format_version\": 1, \"require_truly_open\": true,"
    " \"criteria\": {\"use_freedom\": \"pass\", \"data_access\": \"unknown\"},"
    " \"licenses\": {\"allow\": [\"permissive\", \"open-data\"], \"deny\": [\"non-commercial\"]},"
    " \"min_mof_class\": 2, \"fail_on_severity\": \"warning\", \"ignore_codes\": [\"code-1*\"]}";

static tro_report *big_report(size_t n)
{
    static const char *const sev[] = {"info", "warning", "error"};
    static const char *const lic[] = {"MIT", "Apache-2.0 OR CC-BY-NC-4.0", "CC-BY-4.0 AND MIT",
                                      "LicenseRef-x"};
    json_t *arts = json_array(), *fs = json_array(), *lics = json_array();
    char path[64], code[32], msg[128];
    for (size_t i = 0; i < n; i++) {
        snprintf(path, sizeof path, "shards/model-%06zu.safetensors", i);
        snprintf(code, sizeof code, "code-%zu", i % 40);
        snprintf(msg, sizeof msg, "%s: something odd at byte %zu", path, i * 8);
        json_array_append_new(arts, json_pack("{s:s, s:s, s:I, s:s}", "path", path, "type",
                                              "safetensors", "size", (json_int_t)i, "sha256",
                                              "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb"
                                              "410ff61f20015ad"));
        json_array_append_new(fs, json_pack("{s:s, s:s, s:s, s:s, s:I}", "severity", sev[i % 3],
                                            "code", code, "message", msg, "path", path, "offset",
                                            (json_int_t)(i * 8)));
    }
    for (size_t i = 0; i < 20; i++)
        json_array_append_new(lics, json_pack("{s:s, s:s, s:s}", "path", "README.md", "expression",
                                              lic[i % 4], "category", "permissive"));
    trt_rep d = {.name = "big",
                 .card = "README.md",
                 .criteria = json_pack("{s:{s:s}, s:{s:s, s:[s]}, s:{s:s}}", "use_freedom",
                                       "status", "pass", "method_transparency", "status",
                                       "partial", "reasons", "no code", "data_access", "status",
                                       "unknown"),
                 .licenses = lics,
                 .artifacts = arts,
                 .findings = fs,
                 .mof_class = 3};
    return trt_report(&d);
}

int main(int argc, char **argv)
{
    size_t n = argc > 1 ? strtoul(argv[1], NULL, 10) : 100000;
    tro_report *r = big_report(n);
    tro_policy *p = NULL;
    double t0 = now();
    for (int i = 0; i < 1000; i++) {
        tro_policy_free(p);
        if (tro_policy_new(&p, policy, sizeof policy - 1, NULL))
            return 1;
    }
    double t1 = now();
    int met = tro_report_apply_policy(r, p);
    double t2 = now();
    char *sarif = NULL;
    size_t len = 0;
    if (tro_report_sarif(r, &sarif, &len))
        return 1;
    double t3 = now();
    printf("policy parse: %.1f us\n", (t1 - t0) * 1e6 / 1000);
    printf("apply to %zu findings, %zu artifacts: %.1f ms (met: %d, failures: %zu)\n", n, n,
           (t2 - t1) * 1e3, met, r->pol.failures.n);
    printf("SARIF: %.1f ms, %.1f MB\n", (t3 - t2) * 1e3, (double)len / 1e6);
    tro_free(sarif);
    tro_policy_free(p);
    tro_report_free(r);
    return 0;
}
