/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* Licence text identification (SPDX lines, full-text matching against the
 * compiled-in SPDX texts, titles, sentences, URLs, clauses) and matching
 * against a small reference set made on first use. */
#include "fuzz.h"

#include "license.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

static tro_license_db *reference_db(void)
{
    static tro_license_db *db; /* harness state, kept for the whole run */
    static int tried;
    if (tried)
        return db;
    tried = 1;
    char dir[] = "/tmp/trulyopen-fuzz-XXXXXX";
    if (!mkdtemp(dir))
        return NULL;
    static const char *const texts[][2] = {
        {"MIT", "Permission is granted to deal in the work without restriction, provided this "
                "notice is kept. The work is provided as is, without warranty of any kind."},
        {"GPL-3", "You may convey verbatim copies of the program's source code as you receive it, "
                  "in any medium, provided that you conspicuously publish a copyright notice."},
    };
    for (size_t i = 0; i < 2; i++) {
        char path[64];
        snprintf(path, sizeof path, "%s/%s", dir, texts[i][0]);
        FILE *f = fopen(path, "w");
        if (f) {
            fputs(texts[i][1], f);
            fclose(f);
        }
    }
    tro_license_db_load(&db, dir, NULL);
    for (size_t i = 0; i < 2; i++) {
        char path[64];
        snprintf(path, sizeof path, "%s/%s", dir, texts[i][0]);
        unlink(path);
    }
    rmdir(dir);
    return db;
}

TROF_ENTRY(license_text)
{
    const tro_license_db *db = size && (data[0] & 1) ? reference_db() : NULL;
    tro_license_result *r = NULL;
    if (tro_license_identify(db, data, size, &r, NULL) == 0) {
        /* strict never calls free what the default reading does not */
        tro_license_result *strict = NULL;
        if (tro_license_identify_ex(db, data, size, TRO_IDENTIFY_STRICT, &strict, NULL) == 0 &&
            tro_license_result_is_free(strict) && !tro_license_result_is_free(r))
            abort();
        tro_license_result_free(strict);
        char *json;
        if (tro_license_result_json(r, &json, NULL) == 0)
            tro_free(json);
        /* the expression is valid and agrees with the licences listed */
        const char *expr = tro_license_result_expression(r);
        trop_expr *e = NULL;
        if (trop_spdx_parse(expr, strlen(expr), &e, NULL) != 0)
            abort();
        trop_expr_free(e);
        for (size_t i = 0; i < tro_license_result_count(r); i++)
            if (!strstr(expr, tro_license_result_id(r, i)))
                abort();
        double score, coverage;
        if (tro_license_result_match(r, NULL, &score, &coverage) == 0 &&
            (score < 0 || score > 1 || coverage < 0 || coverage > 1))
            abort();
        for (size_t i = 0; i < tro_license_result_evidence_count(r); i++) {
            int64_t off;
            tro_license_result_evidence(r, i, NULL, NULL, &off);
            if (off > (int64_t)size)
                abort(); /* evidence points inside the text */
        }
        tro_license_result_free(r);
    }
    return 0;
}
