/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* Restrictive terms in licence texts: non-commercial, research-only, no
 * derivatives, use restrictions, user caps, bans on improving other models,
 * competing use, ethical conditions... The phrases are data
 * (license-clauses.tsv, compiled into trop_clause_set); vetoes keep free
 * licences ("commercial or non-commercial use") free. */
#include "internal.h"
#include "license.h"

#include <string.h>

#define VETO_WINDOW 8
#define MAX_RULES 64

/* A veto of rule r overlapping words [start, end) cancels the hit; only a
 * window around the hit is searched, so the work stays linear in the text. */
static bool vetoed(const trop_toks *w, unsigned r, size_t start, size_t end)
{
    const trop_phrase_set *set = &trop_clause_set;
    size_t from = start > VETO_WINDOW ? start - VETO_WINDOW : 0;
    for (size_t p = 0; p < set->nphrases; p++) {
        if (!set->phrases[p].flag || set->phrases[p].group != r)
            continue;
        for (size_t i = from; i < end && i < w->n; i++)
            if (trop_phrase_at(set, p, w, i) > start)
                return true;
    }
    return false;
}

typedef struct scan {
    const trop_toks *w;
    bool added;
    trop_clause_accept_fn accept;
    void *ctx;
    trop_clause_hit found[MAX_RULES];
    bool have[MAX_RULES];
    size_t left;
} scan;

/* The first unvetoed, accepted place of each rule's phrases. */
static bool on_phrase(size_t p, size_t start, size_t end, void *arg)
{
    scan *sc = arg;
    unsigned r = trop_clause_set.phrases[p].group;
    const trop_clause_rule *rule = &trop_clause_table[r];
    if (r >= MAX_RULES || sc->have[r] || (rule->added_only && !sc->added) ||
        vetoed(sc->w, r, start, end) || (sc->accept && !sc->accept(start, end, rule, sc->ctx)))
        return true;
    sc->found[r] = (trop_clause_hit){rule, start, end};
    sc->have[r] = true;
    return --sc->left > 0;
}

size_t trop_clauses_find(const trop_toks *w, bool added, trop_clause_accept_fn accept, void *ctx,
                         trop_clause_hit *hits, size_t max)
{
    scan sc = {.w = w, .added = added, .accept = accept, .ctx = ctx};
    size_t rules = trop_clause_count < MAX_RULES ? trop_clause_count : MAX_RULES;
    sc.left = rules;
    if (rules)
        trop_phrases_scan(&trop_clause_set, w, on_phrase, &sc);
    size_t n = 0; /* in the table's order */
    for (size_t r = 0; r < rules && n < max; r++)
        if (sc.have[r])
            hits[n++] = sc.found[r];
    return n;
}

tro_license_category trop_clauses_category(const trop_clause_hit *hits, size_t n)
{
    static const tro_license_category order[] = {
        TRO_LICENSE_RESEARCH_ONLY, TRO_LICENSE_NON_COMMERCIAL, TRO_LICENSE_NO_DERIVATIVES,
        TRO_LICENSE_USE_RESTRICTED, TRO_LICENSE_PROPRIETARY};
    for (size_t o = 0; o < sizeof order / sizeof order[0]; o++)
        for (size_t i = 0; i < n; i++)
            if (hits[i].rule->category == order[o])
                return order[o];
    return TRO_LICENSE_UNKNOWN;
}
