/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* The layout of a licence result, shared by result.c (evaluation, accessors)
 * and result_json.c (its JSON form). Private to lib/license. */
#ifndef TROP_LICENSE_RESULT_H
#define TROP_LICENSE_RESULT_H

#ifndef TRO_BUILDING
#error "lib/license/result.h is private to libtrulyopen"
#endif

#include "license.h"

typedef struct res_lic {
    char *id, *name, *reason;
    char *exception; /* the SPDX exception or addition after WITH, or NULL */
    tro_license_category category;
    unsigned flags;
    unsigned covers; /* TRO_LICENSE_COVERS_*, 0 = unspecified */
} res_lic;

typedef struct res_ev {
    char *kind, *text;
    int64_t offset;
} res_ev;

struct tro_license_result {
    char *input, *kind, *expression, *reason;
    tro_license_category category;
    unsigned flags; /* TRO_LICENSE_FREE* of the whole expression */
    double confidence;
    trop_expr *tree; /* the expression, for the verdict on a part */
    res_lic *lics;
    size_t nlics;
    TROP_VEC(res_ev) evs;
    trop_match_info match; /* template_id NULL: no full-text match */
};

#endif /* TROP_LICENSE_RESULT_H */
