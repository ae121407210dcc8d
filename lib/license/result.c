/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* License results: evaluation of an expression (an OR is free when one branch
 * is, an AND when all parts are; WITH an SPDX exception is judged on its
 * licence, since exceptions only add permissions, while WITH an addition
 * nobody knows makes the licence unknown), the verdict on the part of an
 * expression that covers code, weights or data, and the accessors. The JSON
 * form is in result_json.c. */
#include "internal.h"
#include "license.h"
#include "result.h"

#include <stdlib.h>
#include <string.h>

/* Verdict of a subexpression. */
typedef struct verdict {
    unsigned flags;
    tro_license_category category;
    const trop_expr *why; /* the leaf whose reason explains the verdict */
} verdict;

#define FREE_FLAGS (TRO_LICENSE_FREE | TRO_LICENSE_FREE_FOR_DATA | TRO_LICENSE_FREE_FOR_SOFTWARE)

static bool unknown_addition(const trop_expr *e)
{
    return e->exc_state == TROP_EXC_UNKNOWN_ADDITION || e->exc_state == TROP_EXC_BAD;
}

static tro_license_category leaf_category(const trop_expr *e)
{
    if (e->cat_set)
        return (tro_license_category)e->cat;
    if (!e->lic || unknown_addition(e))
        return TRO_LICENSE_UNKNOWN;
    return (tro_license_category)e->lic->category;
}

static unsigned leaf_flags(const trop_expr *e)
{
    if (unknown_addition(e) || (e->cat_set && !trop_category_free((tro_license_category)e->cat)))
        return trop_lic_flags(e->lic) & ~FREE_FLAGS;
    return trop_lic_flags(e->lic);
}

static verdict leaf_verdict(const trop_expr *e)
{
    return (verdict){leaf_flags(e) & FREE_FLAGS, leaf_category(e), e};
}

static verdict combine(trop_ex_kind kind, verdict l, verdict r)
{
    int rl = trop_category_rank(l.category), rr = trop_category_rank(r.category);
    verdict v;
    if (kind == TROP_EX_AND) {
        v = rl <= rr ? l : r;
        v.flags = l.flags & r.flags;
        /* explain by the part that is not free */
        if (!(l.flags & TRO_LICENSE_FREE) && (r.flags & TRO_LICENSE_FREE))
            v.why = l.why;
        else if (!(r.flags & TRO_LICENSE_FREE) && (l.flags & TRO_LICENSE_FREE))
            v.why = r.why;
    } else {
        bool pick_l = (l.flags & TRO_LICENSE_FREE) != (r.flags & TRO_LICENSE_FREE)
                          ? (l.flags & TRO_LICENSE_FREE) != 0
                          : rl >= rr;
        v = pick_l ? l : r;
        v.flags = l.flags | r.flags;
    }
    return v;
}

/* The verdict on the licences of e that cover something in mask or say
 * nothing of what they cover (mask 0: all of them); *present is false when
 * no licence of e is left. */
static verdict evaluate(const trop_expr *e, unsigned mask, bool *present)
{
    if (e->kind == TROP_EX_LICENSE) {
        *present = !mask || !e->covers || (e->covers & mask);
        return leaf_verdict(e);
    }
    bool pl, pr;
    verdict l = evaluate(e->left, mask, &pl), r = evaluate(e->right, mask, &pr);
    *present = pl || pr;
    if (pl && pr)
        return combine(e->kind, l, r);
    return pl ? l : r;
}

static const char *leaf_reason(const trop_expr *e)
{
    if (e->cat_set && e->note)
        return e->note;
    if (unknown_addition(e))
        return "the addition after WITH is not an SPDX exception trulyopen knows: it may "
               "restrict the licence, which is therefore not known to be free";
    return e->lic ? e->lic->reason : e->note ? e->note : "not recognised";
}

static int add_lic(tro_license_result *r, const trop_expr *e)
{
    for (size_t i = 0; i < r->nlics; i++) {
        res_lic *l = &r->lics[i];
        bool same_exc = (!l->exception && !e->exception) ||
                        (l->exception && e->exception && !strcmp(l->exception, e->exception));
        if (!strcmp(l->id, e->id) && same_exc && l->category == leaf_category(e)) {
            l->covers = (!l->covers || !e->covers) ? 0 : l->covers | e->covers;
            return 0;
        }
    }
    res_lic *v = realloc(r->lics, (r->nlics + 1) * sizeof *v);
    if (!v)
        return TRO_ENOMEM;
    r->lics = v;
    res_lic *l = &v[r->nlics];
    memset(l, 0, sizeof *l);
    r->nlics++;
    l->id = trop_strdup(e->id);
    l->name = trop_strdup(e->lic && e->lic->name[0] ? e->lic->name : e->id);
    l->category = leaf_category(e);
    l->flags = leaf_flags(e);
    l->covers = e->covers;
    l->reason = trop_strdup(leaf_reason(e));
    if (e->exception && !(l->exception = trop_strdup(e->exception)))
        return TRO_ENOMEM;
    return l->id && l->name && l->reason ? 0 : TRO_ENOMEM;
}

static int collect(tro_license_result *r, const trop_expr *e)
{
    if (e->kind != TROP_EX_LICENSE) {
        int rc = collect(r, e->left);
        return rc ? rc : collect(r, e->right);
    }
    return add_lic(r, e);
}

static char *overall_reason(const trop_expr *root, verdict v)
{
    const trop_expr *w = v.why;
    const char *why = leaf_reason(w);
    if (root->kind == TROP_EX_LICENSE)
        return trop_strdup(why);
    if (root->kind == TROP_EX_OR && (v.flags & TRO_LICENSE_FREE))
        return trop_asprintf("free under %s: %s", w->id, why);
    return trop_asprintf("%s: %s", w->id, why);
}

int trop_result_from_expr(trop_expr *e, const char *input, const char *kind,
                          tro_license_result **out)
{
    *out = NULL;
    tro_license_result *r = calloc(1, sizeof *r);
    if (!r) {
        trop_expr_free(e);
        return TRO_ENOMEM;
    }
    r->tree = e;
    bool present;
    verdict v = evaluate(e, 0, &present);
    r->category = v.category;
    r->flags = v.flags;
    r->confidence = trop_expr_conf(e);
    r->input = trop_strdup(input ? input : "");
    r->kind = trop_strdup(kind ? kind : "expression");
    r->expression = trop_expr_print(e);
    r->reason = overall_reason(e, v);
    int rc = r->input && r->kind && r->expression && r->reason ? 0 : TRO_ENOMEM;
    if (!rc)
        rc = collect(r, e);
    if (rc) {
        tro_license_result_free(r);
        return rc;
    }
    *out = r;
    return 0;
}

int trop_result_add_evidence(tro_license_result *r, const char *kind, const char *text, size_t len,
                             int64_t offset)
{
    if (trop_vec_reserve(&r->evs, 1))
        return TRO_ENOMEM;
    /* Quote on one line: runs of white space become one space. */
    char *t = malloc(len + 1);
    char *k = trop_strdup(kind);
    if (!t || !k) {
        free(t);
        free(k);
        return TRO_ENOMEM;
    }
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)text[i];
        bool sp = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
        if (sp && (n == 0 || t[n - 1] == ' '))
            continue;
        t[n++] = sp ? ' ' : (c < 0x20 || c == 0x7f ? '?' : (char)c);
    }
    while (n && t[n - 1] == ' ')
        n--;
    t[n] = '\0';
    r->evs.v[r->evs.n++] = (res_ev){k, t, offset};
    return 0;
}

int trop_result_restrict(tro_license_result *r, tro_license_category cat, const char *reason)
{
    char *s = trop_strdup(reason);
    if (!s)
        return TRO_ENOMEM;
    free(r->reason);
    r->reason = s;
    r->category = cat;
    r->flags = 0;
    /* An unrecognised text: its one licence takes the category found, and the
     * tree says so too, so that every answer agrees. */
    if (r->nlics == 1 && r->lics[0].category == TRO_LICENSE_UNKNOWN) {
        char *lr = trop_strdup(reason);
        if (!lr)
            return TRO_ENOMEM;
        free(r->lics[0].reason);
        r->lics[0].reason = lr;
        r->lics[0].category = cat;
        r->lics[0].flags &= ~FREE_FLAGS;
    }
    if (r->tree->kind == TROP_EX_LICENSE) {
        r->tree->cat_set = true;
        r->tree->cat = (uint8_t)cat;
    }
    return 0;
}

int trop_result_set_reason(tro_license_result *r, const char *reason)
{
    char *s = trop_strdup(reason);
    if (!s)
        return TRO_ENOMEM;
    free(r->reason);
    r->reason = s;
    return 0;
}

void trop_result_set_confidence(tro_license_result *r, double c)
{
    r->confidence = c;
}

int trop_result_set_match(tro_license_result *r, const trop_match_info *m)
{
    char *id = trop_strdup(m->template_id);
    if (!id)
        return TRO_ENOMEM;
    free(r->match.template_id);
    r->match = *m;
    r->match.template_id = id;
    return 0;
}

/* ---- Public accessors --------------------------------------------------------- */

const char *tro_license_result_expression(const tro_license_result *r)
{
    return r ? r->expression : NULL;
}

tro_license_category tro_license_result_category(const tro_license_result *r)
{
    return r ? r->category : TRO_LICENSE_UNKNOWN;
}

const char *tro_license_result_reason(const tro_license_result *r)
{
    return r ? r->reason : NULL;
}

int tro_license_result_is_free(const tro_license_result *r)
{
    return r && (r->flags & TRO_LICENSE_FREE);
}

int tro_license_result_is_free_for_data(const tro_license_result *r)
{
    return r && (r->flags & TRO_LICENSE_FREE_FOR_DATA);
}

int tro_license_result_is_free_for_software(const tro_license_result *r)
{
    return r && (r->flags & TRO_LICENSE_FREE_FOR_SOFTWARE);
}

double tro_license_result_confidence(const tro_license_result *r)
{
    return r ? r->confidence : 0.0;
}

size_t tro_license_result_count(const tro_license_result *r)
{
    return r ? r->nlics : 0;
}

const char *tro_license_result_id(const tro_license_result *r, size_t i)
{
    return r && i < r->nlics ? r->lics[i].id : NULL;
}

const char *tro_license_result_name(const tro_license_result *r, size_t i)
{
    return r && i < r->nlics ? r->lics[i].name : NULL;
}

const char *tro_license_result_license_reason(const tro_license_result *r, size_t i)
{
    return r && i < r->nlics ? r->lics[i].reason : NULL;
}

tro_license_category tro_license_result_license_category(const tro_license_result *r, size_t i)
{
    return r && i < r->nlics ? r->lics[i].category : TRO_LICENSE_UNKNOWN;
}

unsigned int tro_license_result_flags(const tro_license_result *r, size_t i)
{
    return r && i < r->nlics ? r->lics[i].flags : 0;
}

const char *tro_license_result_exception(const tro_license_result *r, size_t i)
{
    return r && i < r->nlics ? r->lics[i].exception : NULL;
}

unsigned int tro_license_result_covers(const tro_license_result *r, size_t i)
{
    return r && i < r->nlics ? r->lics[i].covers : 0;
}

unsigned int tro_license_result_part_flags(const tro_license_result *r, unsigned int covers,
                                           tro_license_category *category)
{
    if (category)
        *category = TRO_LICENSE_UNKNOWN;
    if (!r || !r->tree)
        return 0;
    bool present;
    verdict v = evaluate(r->tree, covers, &present);
    if (!present)
        return 0;
    if (!covers) /* the whole: what the result says, text analysis included */
        v = (verdict){r->flags, r->category, v.why};
    if (category)
        *category = v.category;
    return v.flags;
}

int tro_license_result_match(const tro_license_result *r, const char **template_id,
                             double *score, double *coverage)
{
    if (!r || !r->match.template_id)
        return TRO_ENOTFOUND;
    if (template_id)
        *template_id = r->match.template_id;
    if (score)
        *score = r->match.score;
    if (coverage)
        *coverage = r->match.coverage;
    return TRO_OK;
}

const char *tro_license_covers_name(unsigned int cover)
{
    switch (cover) {
    case TRO_LICENSE_COVERS_CODE:
        return "code";
    case TRO_LICENSE_COVERS_WEIGHTS:
        return "weights";
    case TRO_LICENSE_COVERS_DATA:
        return "data";
    case TRO_LICENSE_COVERS_DOCS:
        return "documentation";
    default:
        return "unspecified";
    }
}

size_t tro_license_result_evidence_count(const tro_license_result *r)
{
    return r ? r->evs.n : 0;
}

int tro_license_result_evidence(const tro_license_result *r, size_t i, const char **kind,
                                const char **text, int64_t *offset)
{
    if (!r || i >= r->evs.n)
        return TRO_EINVAL;
    if (kind)
        *kind = r->evs.v[i].kind;
    if (text)
        *text = r->evs.v[i].text;
    if (offset)
        *offset = r->evs.v[i].offset;
    return TRO_OK;
}

void tro_license_result_free(tro_license_result *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->nlics; i++) {
        free(r->lics[i].id);
        free(r->lics[i].name);
        free(r->lics[i].reason);
        free(r->lics[i].exception);
    }
    for (size_t i = 0; i < r->evs.n; i++) {
        free(r->evs.v[i].kind);
        free(r->evs.v[i].text);
    }
    trop_expr_free(r->tree);
    free(r->match.template_id);
    free(r->lics);
    trop_vec_free(&r->evs);
    free(r->input);
    free(r->kind);
    free(r->expression);
    free(r->reason);
    free(r);
}
