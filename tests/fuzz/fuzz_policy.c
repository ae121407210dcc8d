/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* tro_policy_new() on arbitrary bytes. A failure must say where (an offset
 * inside the input) and never leave a policy behind; a policy that parses
 * is applied to a fixed report with licences, findings and a MOF class, and
 * the report is then rendered as SARIF, so that every rule runs. */
#include "fuzz.h"

#include "../unit/report_fixture.h"

#include <string.h>

static tro_report *fixed_report(void)
{
    trt_rep d = {
        .name = "fuzz",
        .card = "README.md",
        .criteria = json_pack("{s:{s:s}, s:{s:s, s:[s]}, s:{s:s}}", "use_freedom", "status",
                              "pass", "method_transparency", "status", "partial", "reasons",
                              "no code", "data_access", "status", "unknown"),
        .licenses = json_pack(
            "[{s:s, s:s, s:s, s:s}, {s:s, s:s, s:s, s:s}, {s:s, s:s, s:n, s:s},"
            " {s:s, s:s, s:s, s:s}]",
            "path", "README.md", "source", "card", "expression",
            "MIT OR LicenseRef-trulyopen-llama3.1", "category", "permissive", "path", "LICENSE",
            "source", "file", "expression", "CC-BY-NC-4.0 AND Apache-2.0", "category",
            "non-commercial", "path", "x", "source", "card", "expression", "category", "unknown",
            "path", "", "source", "card", "expression", "not ( spdx", "category", "unknown"),
        .artifacts = json_pack("[{s:s, s:s, s:I, s:s}]", "path", "README.md", "type", "model-card",
                               "size", (json_int_t)10, "sha256",
                               "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        .findings = json_pack(
            "[{s:s, s:s, s:s, s:s, s:i}, {s:s, s:s, s:s, s:s}, {s:s, s:s, s:s, s:s}]", "severity",
            "error", "code", "pickle-dangerous-global", "path", "m.bin", "message", "os.system",
            "offset", 9, "severity", "warning", "code", "lfs-pointer", "path", "w.bin", "message",
            "absent", "severity", "info", "code", "card-partial", "path", "", "message", "partial"),
        .mof_class = 2};
    return trt_report(&d);
}

TROF_ENTRY(policy)
{
    tro_policy *p = (tro_policy *)&size; /* must be reset to NULL on failure */
    tro_error err;
    memset(&err, 0x55, sizeof err);
    int rc = tro_policy_new(&p, (const char *)data, size, &err);
    if (rc) {
        if (p || err.code != rc || !memchr(err.message, '\0', sizeof err.message) ||
            strncmp(err.message, "policy: ", 8) || err.offset < -1 || err.offset > (int64_t)size)
            abort();
        return 0;
    }
    tro_report *r = fixed_report();
    if (r) {
        int met = tro_report_apply_policy(r, p);
        if (met == 0 || met == 1) {
            /* the record agrees with the answer */
            if (r->policy != met || (r->pol.failures.n == 0) != met)
                abort();
        } else if (met != TRO_ENOMEM) {
            abort();
        }
        char *sarif = NULL;
        if (tro_report_sarif(r, &sarif, NULL) == 0)
            tro_free(sarif);
        tro_report_free(r);
    }
    tro_policy_free(p);
    return 0;
}
