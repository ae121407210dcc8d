/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* License results: evaluation of an expression (an OR is free when one branch
 * is, an AND when all parts are; WITH is judged on its licence, since
 * exceptions only add permissions), accessors and the JSON form. */
#include "internal.h"
#include "license.h"

#include <stdlib.h>
#include <string.h>

typedef struct res_lic {
    char *id, *name, *reason;
    tro_license_category category;
    unsigned flags;
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
    res_lic *lics;
    size_t nlics;
    res_ev *evs;
    size_t nevs, evcap;
};

/* Verdict of a subexpression. */
typedef struct verdict {
    unsigned flags;
    tro_license_category category;
    const trop_expr *why; /* the leaf whose reason explains the verdict */
} verdict;

static verdict leaf_verdict(const trop_expr *e)
{
    verdict v = {0, TRO_LICENSE_UNKNOWN, e};
    if (e->lic) {
        v.category = (tro_license_category)e->lic->category;
        v.flags = trop_lic_flags(e->lic) &
                  (TRO_LICENSE_FREE | TRO_LICENSE_FREE_FOR_DATA | TRO_LICENSE_FREE_FOR_SOFTWARE);
    }
    return v;
}

static verdict evaluate(const trop_expr *e)
{
    if (e->kind == TROP_EX_LICENSE)
        return leaf_verdict(e);
    verdict l = evaluate(e->left), r = evaluate(e->right), v;
    int rl = trop_category_rank(l.category), rr = trop_category_rank(r.category);
    if (e->kind == TROP_EX_AND) {
        v.flags = l.flags & r.flags;
        v = rl <= rr ? (verdict){v.flags, l.category, l.why}
                     : (verdict){v.flags, r.category, r.why};
        /* explain by the part that is not free */
        if (!(l.flags & TRO_LICENSE_FREE) && (r.flags & TRO_LICENSE_FREE))
            v.why = l.why;
        else if (!(r.flags & TRO_LICENSE_FREE) && (l.flags & TRO_LICENSE_FREE))
            v.why = r.why;
    } else {
        v.flags = l.flags | r.flags;
        bool pick_l = (l.flags & TRO_LICENSE_FREE) != (r.flags & TRO_LICENSE_FREE)
                          ? (l.flags & TRO_LICENSE_FREE) != 0
                          : rl >= rr;
        v = pick_l ? (verdict){v.flags, l.category, l.why} : (verdict){v.flags, r.category, r.why};
    }
    return v;
}

static int add_lic(tro_license_result *r, const trop_expr *e)
{
    for (size_t i = 0; i < r->nlics; i++)
        if (!strcmp(r->lics[i].id, e->id))
            return 0;
    res_lic *v = realloc(r->lics, (r->nlics + 1) * sizeof *v);
    if (!v)
        return TRO_ENOMEM;
    r->lics = v;
    res_lic *l = &v[r->nlics];
    memset(l, 0, sizeof *l);
    l->id = trop_strdup(e->id);
    l->name = trop_strdup(e->lic && e->lic->name[0] ? e->lic->name : e->id);
    l->category = e->lic ? (tro_license_category)e->lic->category : TRO_LICENSE_UNKNOWN;
    l->flags = trop_lic_flags(e->lic);
    l->reason = trop_strdup(e->lic ? e->lic->reason : e->note ? e->note : "not recognised");
    r->nlics++;
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
    const char *why = w->lic ? w->lic->reason : w->note ? w->note : "not recognised";
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
    int rc = r ? 0 : TRO_ENOMEM;
    if (!rc) {
        verdict v = evaluate(e);
        r->category = v.category;
        r->flags = v.flags;
        r->confidence = 1.0;
        r->input = trop_strdup(input ? input : "");
        r->kind = trop_strdup(kind ? kind : "expression");
        r->expression = trop_expr_print(e);
        r->reason = overall_reason(e, v);
        if (!r->input || !r->kind || !r->expression || !r->reason)
            rc = TRO_ENOMEM;
    }
    if (!rc)
        rc = collect(r, e);
    trop_expr_free(e);
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
    if (r->nevs == r->evcap) {
        size_t cap = r->evcap ? r->evcap * 2 : 8;
        res_ev *v = realloc(r->evs, cap * sizeof *v);
        if (!v)
            return TRO_ENOMEM;
        r->evs = v;
        r->evcap = cap;
    }
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
    r->evs[r->nevs++] = (res_ev){k, t, offset};
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
    /* An unrecognised text: its one licence takes the category found. */
    if (r->nlics == 1 && r->lics[0].category == TRO_LICENSE_UNKNOWN) {
        char *lr = trop_strdup(reason);
        if (!lr)
            return TRO_ENOMEM;
        free(r->lics[0].reason);
        r->lics[0].reason = lr;
        r->lics[0].category = cat;
    }
    return 0;
}

void trop_result_set_confidence(tro_license_result *r, double c)
{
    r->confidence = c;
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

size_t tro_license_result_evidence_count(const tro_license_result *r)
{
    return r ? r->nevs : 0;
}

int tro_license_result_evidence(const tro_license_result *r, size_t i, const char **kind,
                                const char **text, int64_t *offset)
{
    if (!r || i >= r->nevs)
        return TRO_EINVAL;
    if (kind)
        *kind = r->evs[i].kind;
    if (text)
        *text = r->evs[i].text;
    if (offset)
        *offset = r->evs[i].offset;
    return TRO_OK;
}

static json_t *lic_json(const res_lic *l)
{
    return json_pack("{s:s, s:s, s:s, s:s, s:b, s:b, s:b, s:b, s:b, s:b, s:b}", "id", l->id, "name",
                     l->name, "category", tro_license_category_name(l->category), "reason",
                     l->reason, "spdx", (l->flags & TRO_LICENSE_SPDX) != 0, "osi_approved",
                     (l->flags & TRO_LICENSE_OSI_APPROVED) != 0, "fsf_libre",
                     (l->flags & TRO_LICENSE_FSF_LIBRE) != 0, "deprecated",
                     (l->flags & TRO_LICENSE_DEPRECATED) != 0, "mof_open",
                     (l->flags & TRO_LICENSE_MOF_OPEN) != 0, "free",
                     (l->flags & TRO_LICENSE_FREE) != 0, "free_for_data",
                     (l->flags & TRO_LICENSE_FREE_FOR_DATA) != 0);
}

static json_t *result_json(const tro_license_result *r)
{
    json_t *lics = json_array(), *evs = json_array();
    /* format and format_version first, as in every JSON document trulyopen writes */
    json_t *o = json_pack("{s:s, s:i, s:s, s:s, s:s, s:s, s:b, s:b, s:b, s:s, s:f}", "format",
                          "trulyopen-license", "format_version", 1, "input", r->input,
                          "kind", r->kind, "expression", r->expression, "category",
                          tro_license_category_name(r->category), "free",
                          (r->flags & TRO_LICENSE_FREE) != 0, "free_for_data",
                          (r->flags & TRO_LICENSE_FREE_FOR_DATA) != 0, "free_for_software",
                          (r->flags & TRO_LICENSE_FREE_FOR_SOFTWARE) != 0, "reason", r->reason,
                          "confidence", r->confidence);
    bool ok = o && lics && evs;
    for (size_t i = 0; ok && i < r->nlics; i++)
        ok = json_array_append_new(lics, lic_json(&r->lics[i])) == 0;
    for (size_t i = 0; ok && i < r->nevs; i++)
        ok = json_array_append_new(evs, json_pack("{s:s, s:s, s:I}", "kind", r->evs[i].kind, "text",
                                                  r->evs[i].text, "offset",
                                                  (json_int_t)r->evs[i].offset)) == 0;
    if (ok)
        ok = json_object_set(o, "licenses", lics) == 0 && json_object_set(o, "evidence", evs) == 0;
    json_decref(lics);
    json_decref(evs);
    if (!ok) {
        json_decref(o);
        return NULL;
    }
    return o;
}

int tro_license_result_json(const tro_license_result *r, char **out, size_t *len)
{
    if (!r || !out)
        return TRO_EINVAL;
    json_t *o = result_json(r);
    char *s = o ? json_dumps(o, JSON_INDENT(2) | JSON_PRESERVE_ORDER) : NULL;
    json_decref(o);
    if (!s)
        return TRO_ENOMEM;
    /* json_dumps memory comes from jansson's allocator (malloc by default);
     * copy so the caller can release it with tro_free(). */
    char *copy = trop_strdup(s);
    free(s);
    if (!copy)
        return TRO_ENOMEM;
    *out = copy;
    if (len)
        *len = strlen(copy);
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
    }
    for (size_t i = 0; i < r->nevs; i++) {
        free(r->evs[i].kind);
        free(r->evs[i].text);
    }
    free(r->lics);
    free(r->evs);
    free(r->input);
    free(r->kind);
    free(r->expression);
    free(r->reason);
    free(r);
}
