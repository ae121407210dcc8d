/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* Licence strings and what trulyopen must answer for them, read from
 * tests/data/license/strings.tsv: the expression (or the byte offset of the
 * error), the category, whether it is free, what each licence covers, and
 * how sure the answer is. Then the verdict on the parts a statement names. */
#include "internal.h"
#include "license.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test.h"

/* The covers of licence i as the TSV writes them: "-" or "code,weights". */
static void covers_text(const tro_license_result *r, size_t i, char *buf, size_t sz)
{
    unsigned c = tro_license_result_covers(r, i);
    size_t n = 0;
    buf[0] = '\0';
    if (!c) {
        snprintf(buf, sz, "-");
        return;
    }
    for (unsigned bit = 1; bit <= TRO_LICENSE_COVERS_DOCS; bit <<= 1)
        if (c & bit)
            n += (size_t)snprintf(buf + n, sz - n, "%s%s", n ? "," : "",
                                  tro_license_covers_name(bit));
}

static void check_line(const char *input, char **col, int ncol, int lineno)
{
    tro_license_result *r = NULL;
    tro_error err = {0, "", -1};
    int rc = tro_license_classify(input, &r, &err);
    char got[2048];
    if (!strncmp(col[0], "ERROR:", 6)) {
        long long want = atoll(col[0] + 6);
        if (rc != TRO_EPARSE || err.offset != want) {
            fprintf(stderr, "line %d: '%s': rc %d offset %lld (%s), expected an error at %lld\n",
                    lineno, input, rc, (long long)err.offset, err.message, want);
            CHECK(0);
        }
        CHECK(r == NULL);
        tro_license_result_free(r);
        return;
    }
    if (rc) {
        fprintf(stderr, "line %d: '%s': rc %d (%s)\n", lineno, input, rc, err.message);
        CHECK(0);
        return;
    }
    CHECK(ncol >= 5);
    const char *cat = tro_license_category_name(tro_license_result_category(r));
    int free_ = tro_license_result_is_free(r);
    size_t n = 0;
    got[0] = '\0';
    for (size_t i = 0; i < tro_license_result_count(r); i++) {
        char c[64];
        covers_text(r, i, c, sizeof c);
        n += (size_t)snprintf(got + n, sizeof got - n, "%s%s", i ? "|" : "", c);
    }
    double conf = tro_license_result_confidence(r);
    bool conf_ok = !strcmp(col[4], "-") || (!strcmp(col[4], "exact") && conf == 1.0) ||
                   (!strcmp(col[4], "name") && conf > 0.85 && conf < 1.0) ||
                   (!strcmp(col[4], "low") && conf < 0.5);
    if (strcmp(tro_license_result_expression(r), col[0]) || strcmp(cat, col[1]) ||
        free_ != (col[2][0] == 'y') || strcmp(got, col[3]) || !conf_ok) {
        fprintf(stderr, "line %d: '%s': %s, %s, free %d, covers %s, confidence %.2f; "
                        "expected %s, %s, free %s, covers %s, confidence %s\n",
                lineno, input, tro_license_result_expression(r), cat, free_, got, conf, col[0],
                col[1], col[2], col[3], col[4]);
        CHECK(0);
    }
    /* one answer everywhere: the expression's licences are those listed,
     * and the whole is free only when the result's licences allow it */
    bool all_free = true;
    for (size_t i = 0; i < tro_license_result_count(r); i++) {
        CHECK(strstr(tro_license_result_expression(r), tro_license_result_id(r, i)) != NULL);
        all_free &= (tro_license_result_flags(r, i) & TRO_LICENSE_FREE) != 0;
    }
    if (all_free)
        CHECK(free_);
    if (!strstr(tro_license_result_expression(r), " OR ") && free_)
        CHECK(all_free);
    tro_license_result_free(r);
}

TRO_TEST(strings_table)
{
    const char *top = getenv("top_srcdir");
    char path[4096];
    snprintf(path, sizeof path, "%s/tests/data/license/strings.tsv", top ? top : ".");
    FILE *f = fopen(path, "r");
    CHECK(f != NULL);
    if (!f)
        return;
    char line[4096];
    int lineno = 0, cases = 0;
    while (fgets(line, sizeof line, f)) {
        lineno++;
        line[strcspn(line, "\n")] = '\0';
        if (!line[0] || line[0] == '#')
            continue;
        char *col[8] = {0};
        int ncol = 0;
        char *input = line, *p = strchr(line, '\t');
        while (p && ncol < 8) {
            *p = '\0';
            col[ncol++] = p + 1;
            p = strchr(p + 1, '\t');
        }
        CHECK(ncol >= 1);
        if (ncol >= 1) {
            check_line(input, col, ncol, lineno);
            cases++;
        }
    }
    fclose(f);
    CHECK(cases > 60);
}

/* The verdict on a part: the weights' licence, the data's. */
TRO_TEST(strings_parts)
{
    tro_license_result *r;
    tro_license_category c;
    CHECK_INT(tro_license_classify("MIT License (code), CC BY-NC 4.0 (weights)", &r, NULL), 0);
    CHECK(tro_license_result_part_flags(r, TRO_LICENSE_COVERS_CODE, &c) & TRO_LICENSE_FREE);
    CHECK_INT(c, TRO_LICENSE_PERMISSIVE);
    CHECK(!(tro_license_result_part_flags(r, TRO_LICENSE_COVERS_WEIGHTS, &c) & TRO_LICENSE_FREE));
    CHECK_INT(c, TRO_LICENSE_NON_COMMERCIAL);
    CHECK_INT(tro_license_result_part_flags(r, TRO_LICENSE_COVERS_DATA, &c), 0);
    CHECK_INT(c, TRO_LICENSE_UNKNOWN);
    CHECK_INT(tro_license_result_part_flags(r, 0, &c), 0); /* the whole: not free */
    CHECK_INT(c, TRO_LICENSE_NON_COMMERCIAL);
    char *json;
    CHECK_INT(tro_license_result_json(r, &json, NULL), 0);
    CHECK_CONTAINS(json, "\"covers\": [\n        \"weights\"\n      ]");
    tro_free(json);
    tro_license_result_free(r);

    /* a licence that says nothing of what it covers applies to every part */
    CHECK_INT(tro_license_classify("CC-BY-NC-4.0 (weights), Apache-2.0", &r, NULL), 0);
    CHECK(!(tro_license_result_part_flags(r, TRO_LICENSE_COVERS_WEIGHTS, NULL) & TRO_LICENSE_FREE));
    CHECK(tro_license_result_part_flags(r, TRO_LICENSE_COVERS_CODE, NULL) & TRO_LICENSE_FREE);
    tro_license_result_free(r);

    /* data judged as data: free for data, CC BY of every version alike */
    CHECK_INT(tro_license_classify("Apache-2.0 (code), CC-BY-2.0 (data)", &r, NULL), 0);
    unsigned f = tro_license_result_part_flags(r, TRO_LICENSE_COVERS_DATA, NULL);
    CHECK((f & TRO_LICENSE_FREE_FOR_DATA) && !(f & TRO_LICENSE_FREE_FOR_SOFTWARE));
    tro_license_result_free(r);
    CHECK(tro_license_result_part_flags(NULL, TRO_LICENSE_COVERS_DATA, NULL) == 0);
    CHECK_STR(tro_license_covers_name(0), "unspecified");
    CHECK_STR(tro_license_covers_name(TRO_LICENSE_COVERS_DOCS), "documentation");
    CHECK_STR(tro_license_covers_name(3), "unspecified");

    /* the exception of a licence, by accessor and in JSON */
    CHECK_INT(tro_license_classify("GPL-2.0-only WITH Classpath-exception-2.0", &r, NULL), 0);
    CHECK_STR(tro_license_result_exception(r, 0), "Classpath-exception-2.0");
    CHECK(tro_license_result_exception(r, 1) == NULL);
    CHECK_INT(tro_license_result_json(r, &json, NULL), 0);
    CHECK_CONTAINS(json, "\"exception\": \"Classpath-exception-2.0\"");
    tro_free(json);
    CHECK_INT(tro_license_result_match(r, NULL, NULL, NULL), TRO_ENOTFOUND);
    tro_license_result_free(r);
}

/* free_for_software and free_for_data: one rule per family, every version. */
TRO_TEST(strings_family_rules)
{
    static const char *const data_only[] = {"CC-BY-1.0", "CC-BY-2.0", "CC-BY-2.5", "CC-BY-3.0",
                                            "CC-BY-4.0", "CC-BY-SA-3.0", "CC-BY-SA-4.0",
                                            "ODbL-1.0", "ODC-By-1.0", "CDLA-Permissive-2.0"};
    for (size_t i = 0; i < sizeof data_only / sizeof data_only[0]; i++) {
        unsigned f = 0;
        CHECK_INT(tro_license_lookup(data_only[i], NULL, NULL, NULL, &f), 0);
        if (!(f & TRO_LICENSE_FREE_FOR_DATA) || (f & TRO_LICENSE_FREE_FOR_SOFTWARE)) {
            fprintf(stderr, "%s: flags %#x\n", data_only[i], f);
            CHECK(0);
        }
    }
    /* every id of a family (name up to its version) has one category */
    for (size_t i = 1; i < trop_lic_count; i++) {
        const trop_lic *a = &trop_lic_table[i - 1], *b = &trop_lic_table[i];
        if (strncmp(a->id, "CC-BY-", 6) || strncmp(b->id, "CC-BY-", 6))
            continue;
        const char *va = strpbrk(a->id + 6, "0123456789"), *vb = strpbrk(b->id + 6, "0123456789");
        if (va && vb && va - a->id == vb - b->id && !strncmp(a->id, b->id, (size_t)(va - a->id)) &&
            !(a->flags & TRO_LICENSE_DEPRECATED) && !(b->flags & TRO_LICENSE_DEPRECATED))
            CHECK_INT(a->category, b->category);
    }
}

/* A free licence's name (and id) followed by a restriction's initials
 * ("... NC", "... ND", "... Non-Commercial") is never free: the words are
 * not read as initials of the licence's name, nor dropped as noise. */
TRO_TEST(strings_restriction_added)
{
    static const char *const added[] = {" NC", " ND", " Non-Commercial", " Research Only"};
    size_t tried = 0, failed = 0;
    for (size_t i = 0; i < trop_lic_count; i++) {
        const trop_lic *l = &trop_lic_table[i];
        unsigned f = 0;
        if (tro_license_lookup(l->id, NULL, NULL, NULL, &f) != 0 || !(f & TRO_LICENSE_FREE))
            continue;
        for (size_t k = 0; k < sizeof added / sizeof *added; k++) {
            for (int which = 0; which < 2; which++) {
                char s[512];
                snprintf(s, sizeof s, "%s%s", which ? l->id : l->name, added[k]);
                tro_license_result *r = NULL;
                int free_ = tro_license_classify(s, &r, NULL) == 0 && tro_license_result_is_free(r);
                tried++;
                if (free_) {
                    failed++;
                    fprintf(stderr, "'%s' is called free (%s)\n", s,
                            tro_license_result_expression(r));
                }
                tro_license_result_free(r);
            }
        }
    }
    CHECK(tried > 1000);
    CHECK_INT(failed, 0);
}
