/* Restrictive terms in licence texts: non-commercial, research-only, no
 * derivatives, use restrictions, user caps, bans on improving other models,
 * remote restriction, EU exclusion. The phrases are data (license-clauses.tsv);
 * vetoes keep free licences ("commercial or non-commercial use") free. */
#include "internal.h"
#include "license.h"

#include <string.h>

#define VETO_WINDOW 8
#define MAX_VETOES 24

/* A veto overlapping words [start, end) cancels the hit; only a window around
 * the hit is searched, so the work stays linear in the text. */
static bool vetoed(const trop_words *w, const trop_phrase *vetoes, size_t nv, size_t start,
                   size_t end)
{
    size_t from = start > VETO_WINDOW ? start - VETO_WINDOW : 0;
    for (size_t i = from; i < end && i < w->n; i++)
        for (size_t v = 0; v < nv; v++) {
            size_t e = trop_phrase_match(w, i, &vetoes[v]);
            if (e > start)
                return true;
        }
    return false;
}

/* First unvetoed occurrence of any phrase of rule r that accept (when not
 * NULL) takes. */
static bool rule_hit(const trop_words *w, const trop_clause_rule *r, trop_clause_accept_fn accept,
                     void *ctx, size_t *start, size_t *end)
{
    trop_phrase vetoes[MAX_VETOES];
    size_t nv = 0;
    for (size_t v = 0; r->vetoes[v] && nv < MAX_VETOES; v++)
        if (trop_phrase_compile(r->vetoes[v], &vetoes[nv]))
            nv++;
    bool found = false;
    for (size_t p = 0; r->phrases[p]; p++) {
        trop_phrase ph;
        if (!trop_phrase_compile(r->phrases[p], &ph))
            continue;
        size_t at = 0, s, e;
        while ((!found || at < *start) && trop_phrase_next(w, at, &ph, &s, &e)) {
            if (found && s >= *start)
                break;
            if (!vetoed(w, vetoes, nv, s, e) && (!accept || accept(s, e, r, ctx))) {
                *start = s;
                *end = e;
                found = true;
                break;
            }
            at = s + 1;
        }
    }
    return found;
}

size_t trop_clauses_find(const trop_words *w, bool added, trop_clause_accept_fn accept, void *ctx,
                         trop_clause_hit *hits, size_t max)
{
    size_t n = 0;
    for (size_t i = 0; i < trop_clause_count && n < max; i++) {
        size_t s, e;
        if ((added || !trop_clause_table[i].added_only) &&
            rule_hit(w, &trop_clause_table[i], accept, ctx, &s, &e))
            hits[n++] = (trop_clause_hit){&trop_clause_table[i], s, e};
    }
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
