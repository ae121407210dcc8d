/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/*
 * Licence allow / deny lists. A licence statement of a judgement is an SPDX
 * expression, and the lists are applied to it as the licensee would: one
 * acceptable licence of an OR suffices, every licence of an AND must be
 * acceptable. A licence is acceptable when no deny entry matches it (deny
 * wins) and, if there is an allow list, an allow entry does. An entry
 * matches a licence by id (case-insensitively, ignoring "+" and WITH) or by
 * category. A statement whose overall category is denied is refused even if
 * its ids look harmless: that is how restrictive clauses found in a LICENSE
 * text (which make "Apache-2.0 plus an acceptable-use policy" use-restricted)
 * reach the gate.
 */
#include "policy.h"

#include "../license/license.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Why a statement was refused: the first licence that failed. */
typedef struct why {
    const char *id;               /* the licence */
    const trop_lic_entry *denied; /* the deny entry that matched, or NULL: not allowed */
} why;

static const char *entry_text(const trop_lic_entry *e)
{
    return e->is_category ? tro_license_category_name(e->category) : e->id;
}

static const trop_lic_entry *match(const trop_lic_list *l, const char *id, tro_license_category cat)
{
    for (size_t i = 0; i < l->n; i++) {
        const trop_lic_entry *e = &l->v[i];
        if (e->is_category ? e->category == cat : !strcasecmp(e->id, id))
            return e;
    }
    return NULL;
}

static bool licence_ok(const tro_policy *pol, const char *id, tro_license_category cat, why *w)
{
    const trop_lic_entry *d = match(&pol->deny, id, cat);
    if (!d && (!pol->allow.set || match(&pol->allow, id, cat)))
        return true;
    if (!w->id) {
        w->id = id;
        w->denied = d;
    }
    return false;
}

/* cat_override >= 0: the statement is this one licence and the report
 * gives its category (which text analysis may have made stricter). */
static bool expr_ok(const tro_policy *pol, const trop_expr *x, int cat_override, why *w)
{
    if (x->kind == TROP_EX_AND)
        return expr_ok(pol, x->left, -1, w) && expr_ok(pol, x->right, -1, w);
    if (x->kind == TROP_EX_OR)
        return expr_ok(pol, x->left, -1, w) || expr_ok(pol, x->right, -1, w);
    tro_license_category cat = cat_override >= 0 ? (tro_license_category)cat_override
                               : x->lic          ? (tro_license_category)x->lic->category
                                                 : TRO_LICENSE_UNKNOWN;
    return licence_ok(pol, x->lic ? x->lic->id : x->id, cat, w);
}

static int category_named(const char *name)
{
    for (int c = TRO_LICENSE_UNKNOWN; c <= TRO_LICENSE_PROPRIETARY; c++)
        if (name && !strcmp(name, tro_license_category_name((tro_license_category)c)))
            return c;
    return -1;
}

static int refuse(trop_policy_out *o, const char *expr, const char *path, const why *w)
{
    char *s;
    const char *where = path && *path ? path : "the release";
    if (w->denied)
        s = trop_asprintf("license \"%s\" in %s is denied: %s%s matches \"%s\" in licenses.deny",
                          expr, where, *w->id ? w->id : "the licence",
                          w->denied->is_category ? " (by its category)" : "",
                          entry_text(w->denied));
    else
        s = trop_asprintf("license \"%s\" in %s is not allowed: %s matches no entry of "
                          "licenses.allow",
                          expr, where, *w->id ? w->id : "an unknown licence");
    int rc = s ? trop_policy_fail(o, "%s", s) : TRO_ENOMEM;
    free(s);
    return rc;
}

/* One licence statement. */
static int check_statement(const tro_policy *pol, const trop_licstmt *lic, trop_policy_out *o)
{
    const char *expr = lic->expression.s;
    const char *path = lic->path.s;
    int cat = category_named(lic->category);
    trop_expr *x = NULL;
    tro_error err;
    int rc = expr && *expr ? trop_spdx_parse(expr, strlen(expr), &x, &err) : TRO_EPARSE;
    if (!rc)
        rc = trop_expr_resolve(&x, 0);
    if (rc == TRO_ENOMEM)
        goto done;
    if (rc) {
        /* no expression, or not SPDX: one licence nobody knows */
        trop_expr_free(x);
        x = trop_expr_leaf(expr && *expr ? expr : "", expr ? strlen(expr) : 0);
        rc = x ? 0 : TRO_ENOMEM;
        if (rc)
            goto done;
    }
    why w = {0};
    bool ok = expr_ok(pol, x, x->kind == TROP_EX_LICENSE ? cat : -1, &w);
    const trop_lic_entry *d = cat >= 0 ? match(&pol->deny, "", (tro_license_category)cat) : NULL;
    if (ok && d && d->is_category) {
        w = (why){.id = "", .denied = d};
        ok = false;
    }
    if (!ok)
        rc = refuse(o, expr && *expr ? expr : "(none)", path, &w);
done:
    trop_expr_free(x);
    return rc;
}

int trop_policy_check_licenses(const trop_judgement *jd, const tro_policy *pol,
                               trop_policy_out *o)
{
    if (!pol->allow.set && !pol->deny.n)
        return 0;
    o->cur = (trop_policy_why){TROP_FAIL_LICENSE, -1};
    if (pol->allow.set && jd->licenses.n == 0)
        return trop_policy_fail(o, "no licence found; licenses.allow requires an allowed one");
    for (size_t i = 0; i < jd->licenses.n; i++) {
        o->cur.ref = (int64_t)i;
        int rc = check_statement(pol, &jd->licenses.v[i], o);
        if (rc)
            return rc;
    }
    return 0;
}
