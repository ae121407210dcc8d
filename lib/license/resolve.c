/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* Resolution of parsed SPDX expressions against the tables: canonical case,
 * deprecated ids replaced, Hugging Face ids, names and ScanCode keys mapped,
 * "+" turned into -or-later where that id exists, and what follows WITH
 * sorted out. An exception on the SPDX list stays an exception (it only adds
 * permissions); a licence or a known restriction written after WITH (the
 * Commons Clause, "CC-BY-NC-4.0", "research-only") applies as well, so the
 * leaf becomes "licence AND restriction"; an AdditionRef- nobody knows is kept
 * and makes its licence unknown; anything else is marked for the classifier
 * to refuse. */
#include "internal.h"
#include "license.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* How sure each way of resolving a licence is (trop_expr.conf). */
#define CONF_EXACT 1.0   /* an SPDX id, a trulyopen key, a Hugging Face id */
#define CONF_SCANCODE 0.95
#define CONF_NAME 0.9
#define CONF_UNKNOWN 0.1 /* not recognised: says nothing */

static bool has_prefix(const char *s, size_t n, const char *prefix)
{
    size_t l = strlen(prefix);
    return n >= l && !strncasecmp(s, prefix, l);
}

/* "GPL-2.0-only+" means GPL-2.0-or-later. */
static int or_later(trop_expr *x)
{
    size_t n = strlen(x->id);
    if (!x->plus || n < 5 || strcmp(x->id + n - 5, "-only"))
        return 0;
    char *later = trop_asprintf("%.*s-or-later", (int)(n - 5), x->id);
    if (!later)
        return TRO_ENOMEM;
    const trop_lic *lic = trop_lic_find(later, strlen(later));
    if (lic) {
        free(x->id);
        x->id = later;
        x->lic = lic;
        x->plus = false;
        return 0;
    }
    free(later);
    return 0;
}

void trop_expr_set_conf(trop_expr *e, double c)
{
    if (e->kind != TROP_EX_LICENSE) {
        trop_expr_set_conf(e->left, c);
        trop_expr_set_conf(e->right, c);
    } else if (e->conf > c) {
        e->conf = c;
    }
}

/* Replaces leaf *e by the expression expr from the tables (a deprecated id's
 * replacement, a Hugging Face id's or a name's meaning). */
static int substitute(trop_expr **e, const char *expr, const char *note, double conf,
                      unsigned depth)
{
    trop_expr *sub;
    int rc = trop_spdx_parse(expr, strlen(expr), &sub, NULL);
    if (rc)
        return rc == TRO_ENOMEM ? rc : 0; /* a bad table entry stays unknown */
    if ((rc = trop_expr_resolve(&sub, depth + 1)) != 0) {
        trop_expr_free(sub);
        return rc;
    }
    if (sub->kind == TROP_EX_LICENSE) {
        /* "+" belongs to listed ids; a LicenseRef cannot carry it */
        sub->plus = (sub->plus || (*e)->plus) && strncmp(sub->id, "LicenseRef-", 11) &&
                    strncmp(sub->id, "DocumentRef-", 12);
        if (!sub->note)
            sub->note = note;
        if ((rc = or_later(sub)) != 0) {
            trop_expr_free(sub);
            return rc;
        }
    }
    trop_expr_set_conf(sub, conf < (*e)->conf ? conf : (*e)->conf);
    trop_expr_set_covers(sub, (*e)->covers);
    trop_expr_free(*e);
    *e = sub;
    return 0;
}

static int resolve_ref(trop_expr **e, unsigned depth)
{
    trop_expr *x = *e;
    const char *id = x->id;
    size_t n = strlen(id);
    memcpy(x->id, "LicenseRef-", 11); /* canonical case of the prefix */
    const trop_lic *lic = trop_lic_find(id, n);
    if (lic) {
        memcpy(x->id, lic->id, n);
        x->lic = lic;
        return 0;
    }
    if (has_prefix(id, n, "LicenseRef-scancode-")) {
        const char *expr = trop_scancode_find(id + 20, n - 20);
        if (expr)
            return substitute(e, expr, "ScanCode licence key", CONF_SCANCODE, depth);
    }
    x->note = "a licence reference that trulyopen does not know";
    x->conf = CONF_UNKNOWN;
    return 0;
}

/* The licence id of a leaf (its WITH part aside). */
static int resolve_id(trop_expr **e, unsigned depth)
{
    trop_expr *x = *e;
    size_t n = strlen(x->id);
    if (has_prefix(x->id, n, "DocumentRef-")) {
        x->note = "a licence defined in another SPDX document";
        x->conf = CONF_UNKNOWN;
        return 0;
    }
    if (has_prefix(x->id, n, "LicenseRef-"))
        return resolve_ref(e, depth);
    const trop_lic *lic = NULL;
    if (x->plus) { /* "GPL-2.0+" is an id of its own (deprecated) */
        char *withplus = trop_asprintf("%s+", x->id);
        if (!withplus)
            return TRO_ENOMEM;
        lic = trop_lic_find(withplus, n + 1);
        free(withplus);
        if (lic)
            x->plus = false;
    }
    if (!lic)
        lic = trop_lic_find(x->id, n);
    if (lic && lic->replaced_by)
        return substitute(e, lic->replaced_by, "deprecated SPDX id replaced", CONF_EXACT, depth);
    if (lic) {
        memcpy(x->id, lic->id, n);
        x->lic = lic;
        return or_later(x);
    }
    const char *expr = trop_hf_find(x->id, n);
    if (expr)
        return substitute(e, expr, "Hugging Face licence id", CONF_EXACT, depth);
    if ((expr = trop_name_find(x->id, n)) != NULL)
        return substitute(e, expr, "licence name", CONF_NAME, depth);
    x->note = "not on the SPDX License List";
    x->conf = CONF_UNKNOWN;
    return 0;
}

static bool known(const trop_expr *e)
{
    if (e->kind != TROP_EX_LICENSE)
        return known(e->left) && known(e->right);
    return e->lic != NULL;
}

/* The part after WITH, when it is not an SPDX exception: a licence or a
 * restriction known to the tables (kept, to be joined with AND), or NULL. */
static int addition_as_licence(const char *exc, unsigned depth, trop_expr **out)
{
    *out = NULL;
    size_t n = strlen(exc);
    const char *colon = has_prefix(exc, n, "DocumentRef-") ? strchr(exc, ':') : NULL;
    const char *name = colon ? colon + 1 : exc;
    size_t nn = strlen(name);
    if (has_prefix(name, nn, "AdditionRef-")) {
        /* "AdditionRef-Commons-Clause": a restriction the tables know by name */
        const char *expr = trop_name_find(name + 12, nn - 12);
        if (!expr)
            return 0;
        trop_expr *sub;
        int rc = trop_expr_from_table(expr, &sub);
        if (rc)
            return rc;
        trop_expr_set_conf(sub, CONF_NAME);
        *out = sub;
        return 0;
    }
    bool plus = nn > 1 && name[nn - 1] == '+';
    trop_expr *x = trop_expr_leaf(name, plus ? nn - 1 : nn);
    if (!x)
        return TRO_ENOMEM;
    x->plus = plus;
    int rc = resolve_id(&x, depth);
    if (rc || !known(x) || colon) { /* DocumentRef licences are never known */
        trop_expr_free(x);
        return rc;
    }
    *out = x;
    return 0;
}

/* Sorts out the WITH part exc (taken over) of the resolved leaf or subtree *e. */
static int resolve_with(trop_expr **e, char *exc, uint32_t exc_off, unsigned depth)
{
    trop_expr *x = *e;
    bool attachable = x->kind == TROP_EX_LICENSE && !x->exception;
    const trop_exc *ex = trop_exc_find(exc, strlen(exc));
    trop_expr *lic = NULL;
    int rc = ex ? 0 : addition_as_licence(exc, depth, &lic);
    if (rc) {
        free(exc);
        return rc;
    }
    if (lic) {
        free(exc);
        trop_expr_set_covers(lic, x->covers);
        if (lic->kind == TROP_EX_LICENSE)
            lic->note = "written after WITH, but a licence or restriction, not an SPDX "
                        "exception: it applies as well (AND)";
        if (!(*e = trop_expr_join(TROP_EX_AND, x, lic)))
            return TRO_ENOMEM;
        return 0;
    }
    uint8_t state = ex                                       ? TROP_EXC_KNOWN
                    : has_prefix(exc, strlen(exc), "AdditionRef-") ||
                              (has_prefix(exc, strlen(exc), "DocumentRef-") &&
                               strstr(exc, ":AdditionRef-"))
                        ? TROP_EXC_UNKNOWN_ADDITION
                        : TROP_EXC_BAD;
    if (ex)
        memcpy(exc, ex->id, strlen(ex->id));
    if (!attachable) {
        /* the licence already has an exception (a deprecated id such as
         * eCos-2.0 carries one): the second one applies as well */
        trop_expr *y = trop_expr_leaf("LicenseRef-trulyopen-custom", 27);
        if (!y) {
            free(exc);
            return TRO_ENOMEM;
        }
        y->exception = exc;
        y->exc_off = exc_off;
        y->exc_state = state == TROP_EXC_KNOWN ? TROP_EXC_UNKNOWN_ADDITION : state;
        y->note = "a second WITH part, which cannot be attached to the licence";
        y->conf = CONF_UNKNOWN;
        y->covers = x->covers;
        return (*e = trop_expr_join(TROP_EX_AND, x, y)) ? 0 : TRO_ENOMEM;
    }
    x->exception = exc;
    x->exc_off = exc_off;
    x->exc_state = state;
    if (state != TROP_EXC_KNOWN)
        x->conf = CONF_UNKNOWN;
    return 0;
}

static int resolve_leaf(trop_expr **e, unsigned depth)
{
    trop_expr *x = *e;
    char *exc = x->exception;
    uint32_t exc_off = x->exc_off;
    if (x->exc_state != TROP_EXC_NONE) /* resolved before (a table expression) */
        return 0;
    x->exception = NULL;
    int rc = resolve_id(e, depth);
    if (rc || !exc) {
        free(exc);
        return rc;
    }
    return resolve_with(e, exc, exc_off, depth);
}

int trop_expr_resolve(trop_expr **e, unsigned depth)
{
    if (depth > 8) /* table substitutions never nest this deep */
        return 0;
    if ((*e)->kind != TROP_EX_LICENSE) {
        int rc = trop_expr_resolve(&(*e)->left, depth);
        return rc ? rc : trop_expr_resolve(&(*e)->right, depth);
    }
    return resolve_leaf(e, depth);
}

int trop_expr_from_table(const char *expr, trop_expr **out)
{
    *out = NULL;
    int rc = trop_spdx_parse(expr, strlen(expr), out, NULL);
    if (rc == TRO_ENOMEM)
        return rc;
    if (rc) { /* cannot happen for checked tables; keep it unknown */
        *out = trop_expr_leaf("LicenseRef-trulyopen-unknown", 28);
        return *out ? 0 : TRO_ENOMEM;
    }
    rc = trop_expr_resolve(out, 1);
    if (rc) {
        trop_expr_free(*out);
        *out = NULL;
    }
    return rc;
}

int trop_expr_check(const trop_expr *e, size_t base, tro_error *err)
{
    if (e->kind != TROP_EX_LICENSE) {
        int rc = trop_expr_check(e->left, base, err);
        return rc ? rc : trop_expr_check(e->right, base, err);
    }
    if (e->exc_state != TROP_EXC_BAD)
        return 0;
    size_t at = base + e->exc_off;
    return trop_error_set(err, TRO_EPARSE, (int64_t)at,
                          "licence expression: '%.100s' after WITH is neither an SPDX licence "
                          "exception, an AdditionRef- nor a known licence at byte %zu",
                          e->exception, at);
}

double trop_expr_conf(const trop_expr *e)
{
    if (e->kind == TROP_EX_LICENSE)
        return e->conf;
    double l = trop_expr_conf(e->left), r = trop_expr_conf(e->right);
    return l < r ? l : r;
}

void trop_expr_set_covers(trop_expr *e, unsigned covers)
{
    if (e->kind != TROP_EX_LICENSE) {
        trop_expr_set_covers(e->left, covers);
        trop_expr_set_covers(e->right, covers);
    } else if (!e->covers) {
        e->covers = (uint8_t)covers;
    }
}
