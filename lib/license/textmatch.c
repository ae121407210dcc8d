/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* Full-text matches of a licence text against the compiled-in SPDX
 * templates (tmatch.c): the best template the text covers, then again on
 * what it leaves over, so that a file holding several licences, or a
 * licence and its exception, yields each; and the expression they make,
 * with the notice deciding between ids that share one licence text
 * (-only/-or-later, the GFDL variants). */
#include "internal.h"
#include "identify.h"
#include "license.h"
#include "tmatch.h"

#include <stdlib.h>
#include <string.h>

#define RESIDUE_MIN 12 /* words left over worth another match */
#define TAKE_RUN 12    /* a match's run of words at least this long is its text */

int trop_ident_match(trop_ident *id)
{
    size_t n = id->tk.n;
    uint8_t *use = malloc(n + 1), *mark = malloc(n + 1);
    id->covered = calloc(n + 1, 1);
    id->bigram_in = calloc(n + 1, 1);
    int rc = use && mark && id->covered && id->bigram_in ? 0 : TRO_ENOMEM;
    if (!rc)
        memset(use, 1, n);
    size_t left = n;
    for (size_t pass = 0; !rc && pass < TROP_IDENT_MAX_MATCHES && left >= RESIDUE_MIN; pass++) {
        trop_tbest b;
        if ((rc = trop_tmatch_best(&id->big, use, TROP_TMATCH_PART, &b)) != 0 ||
            (pass == 0 && (id->first = b, 0)))
            break;
        /* below full coverage, only a stretch of the template, not one with
         * text cut out of its middle (a grant narrowed, a clause dropped) */
        if (b.t < 0 && b.part >= 0 && trop_tmatch_seams(&id->big, use, b.part) == 0) {
            b.t = b.part;
            b.dice = b.part_dice;
            b.coverage = b.part_coverage;
        }
        if (b.t < 0)
            break;
        memset(mark, 0, n);
        trop_tmatch_cover(&id->big, use, b.t, mark, id->bigram_in);
        /* the next pass reads what this match leaves over; runs of its
         * words too short to be its text ("without warranty of any kind" in
         * another licence) are left to it */
        size_t got = 0;
        for (size_t i = 0; i < n;) {
            size_t j = i;
            while (j < n && mark[j])
                j++;
            for (size_t k = i; k < j; k++) {
                got += !id->covered[k];
                id->covered[k] = 1;
                if (j - i >= TAKE_RUN && use[k])
                    use[k] = 0, left--;
            }
            i = j > i ? j : i + 1;
        }
        if (!got)
            break;
        id->m[id->nm++] = b;
        id->ncovered += got;
    }
    free(use);
    free(mark);
    return rc;
}

/* "X-only" and "X-or-later" are the same licence text; the notice decides. */
static bool or_later_of(const char *later, const char *only)
{
    size_t a = strlen(later), b = strlen(only);
    return a > 9 && b > 5 && !strcmp(later + a - 9, "-or-later") &&
           !strcmp(only + b - 5, "-only") && a - 9 == b - 5 && !strncmp(later, only, a - 9);
}

static trop_expr *find_leaf(trop_expr *e, const char *id)
{
    if (e->kind != TROP_EX_LICENSE) {
        trop_expr *l = find_leaf(e->left, id);
        return l ? l : find_leaf(e->right, id);
    }
    return !id || !strcmp(e->id, id) || or_later_of(e->id, id) || or_later_of(id, e->id) ? e
                                                                                        : NULL;
}

/* Adds the licence of template t (a licence text: the variant its notice
 * names, when several ids share it) to *acc. */
static int add_template(trop_expr **acc, int t, const trop_tbigrams *big)
{
    const trop_template *tp = &trop_template_table[t];
    const char *lid = tp->kind == TROP_TMPL_LICENSE ? trop_tmatch_variant(t, big) : NULL;
    trop_template var;
    if (lid) {
        var = *tp;
        var.id = lid;
        tp = &var;
    }
    trop_expr *same = *acc ? find_leaf(*acc, tp->kind == TROP_TMPL_EXCEPTION ? NULL : tp->id) : NULL;
    if (tp->kind == TROP_TMPL_EXCEPTION) {
        /* an exception text: it belongs to the licence found with it */
        if (same && same->kind == TROP_EX_LICENSE && !same->exception && same->lic) {
            const trop_exc *ex = trop_exc_find(tp->id, strlen(tp->id));
            if (ex && !(same->exception = trop_strdup(ex->id)))
                return TRO_ENOMEM;
            same->exc_state = TROP_EXC_KNOWN;
        }
        return 0;
    }
    if (same) {
        /* the "or later" notice beside the licence text */
        if (or_later_of(tp->id, same->id)) {
            const trop_lic *lic = trop_lic_find(tp->id, strlen(tp->id));
            char *id = trop_strdup(tp->id);
            if (!id)
                return TRO_ENOMEM;
            free(same->id);
            same->id = id;
            same->lic = lic;
        }
        return 0;
    }
    trop_expr *x;
    int rc = trop_expr_from_table(tp->id, &x);
    if (rc)
        return rc;
    *acc = *acc ? trop_expr_join(TROP_EX_AND, *acc, x) : x;
    return *acc ? 0 : TRO_ENOMEM;
}

int trop_ident_templates_expr(const trop_ident *id, trop_expr **out)
{
    *out = NULL;
    int rc = 0;
    for (size_t k = 0; !rc && k < id->nm; k++)
        rc = add_template(out, id->m[k].t, &id->big);
    if (rc) {
        trop_expr_free(*out);
        *out = NULL;
    }
    return rc;
}

