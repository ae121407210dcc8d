/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* The SPDX expression parser and its resolution, check and printing, then
 * the classifier on the same bytes (names, prose, covers): nothing may
 * crash, leak or loop; a printed expression must parse again to the same
 * text; a result's answers must agree (a licence listed is in the
 * expression; an AND of free licences is free). */
#include "fuzz.h"

#include "license.h"

#include <string.h>

static void check_result(const tro_license_result *r)
{
    const char *expr = tro_license_result_expression(r);
    trop_expr *again = NULL;
    tro_error err;
    /* what the classifier prints is a valid, resolvable expression */
    if (trop_spdx_parse(expr, strlen(expr), &again, &err) != 0)
        abort();
    if (trop_expr_resolve(&again, 0) != 0 || trop_expr_check(again, 0, &err) != 0)
        abort();
    trop_expr_free(again);
    bool all_free = true;
    for (size_t i = 0; i < tro_license_result_count(r); i++) {
        if (!strstr(expr, tro_license_result_id(r, i)))
            abort();
        all_free &= (tro_license_result_flags(r, i) & TRO_LICENSE_FREE) != 0;
    }
    if (all_free && tro_license_result_count(r) && !tro_license_result_is_free(r))
        abort();
    double c = tro_license_result_confidence(r);
    if (c < 0 || c > 1)
        abort();
    for (unsigned bit = 0; bit <= TRO_LICENSE_COVERS_DOCS; bit = bit ? bit << 1 : 1)
        (void)tro_license_result_part_flags(r, bit, NULL);
}

TROF_ENTRY(spdx)
{
    trop_expr *e = NULL;
    tro_error err;
    if (trop_spdx_parse((const char *)data, size, &e, &err) == 0) {
        if (trop_expr_resolve(&e, 0) == 0) {
            (void)trop_expr_check(e, 0, &err);
            char *s = trop_expr_print(e);
            if (s) {
                trop_expr *again = NULL;
                /* the canonical form is itself a valid expression */
                if (trop_spdx_parse(s, strlen(s), &again, &err) != 0)
                    abort();
                trop_expr_free(again);
                free(s);
            }
        }
        trop_expr_free(e);
    } else if (e || err.offset < 0 || (size_t)err.offset > size) {
        abort(); /* errors carry a position inside the input */
    }
    char *text = malloc(size + 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    tro_license_result *r = NULL;
    int rc = tro_license_classify(text, &r, &err);
    if (rc == 0) {
        check_result(r);
        char *json;
        if (tro_license_result_json(r, &json, NULL) == 0)
            tro_free(json);
        tro_license_result_free(r);
    } else if (rc == TRO_EPARSE && (err.offset < 0 || (size_t)err.offset > strlen(text))) {
        abort();
    }
    free(text);
    return 0;
}
