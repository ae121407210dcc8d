/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* What a text does to the sentences of the free licence it matched: its
 * grant with a word changed, dropped or put in, or the words naming its
 * licensees left out; words put into any of its sentences as an aside
 * (added.h). */
#include "internal.h"
#include "added.h"
#include "identify.h"
#include "license.h"
#include "tmatch.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Grant words: a sentence of the licence's own that holds one is its grant,
 * where one word changed ("to any natural person") narrows it. */
bool trop_grant_word(const trop_ident *id, size_t k)
{
    static const char *const words[] = {"granted", "grants", "grant", "hereby", "permitted", NULL};
    const trop_tok *t = &id->tk.v[k];
    return id->covered[k] && trop_word_in(id->text + t->off, t->len, words);
}

#define GRANT_REACH 60 /* words a grant's sentence runs on after its grant word */

int trop_in_grant(const trop_ident *id, size_t k0, size_t k1)
{
    for (size_t k = k0; k < k1; k++)
        if (trop_grant_word(id, k))
            return 1;
    /* back to the grant word of the sentence, which may be long ("Permission
     * is hereby granted ... to deal in the Software (on two machines) ...") */
    for (size_t k = k0; k > 0 && k0 - k < GRANT_REACH; k--) {
        const trop_tok *a = &id->tk.v[k - 1], *b = &id->tk.v[k];
        if (b->off - (a->off + a->len) > 64)
            return 0; /* a long gap: not one sentence */
        for (size_t i = a->off + a->len; i < b->off; i++)
            if ((id->text[i] == '.' || id->text[i] == ';') ||
                (id->text[i] == '\n' && i + 1 < b->off && id->text[i + 1] == '\n'))
                return 0; /* another sentence */
        if (trop_grant_word(id, k - 1))
            return 2;
    }
    return 0;
}

/* Bigrams of a grant a text may lack: one is a word written otherwise
 * ("freely, subject to"); a word changed, dropped or put in takes two. */
#define GRANT_MISSING_MIN 2

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

/* The sentence of the text's grant, to quote: the first with a grant word. */
static trop_found grant_sentence(const trop_ident *id)
{
    for (size_t i = 0; i < id->tk.n; i++)
        if (trop_grant_word(id, i)) {
            const trop_tok *t = &id->tk.v[i];
            return trop_ident_sentence(id, t->off, t->off + t->len);
        }
    return (trop_found){NULL, "clause", 0, 0, 0};
}

/* Words of a grant before and after the word that marks it, as
 * gen-templates.py takes them, and a few more: words put in push it apart. */
#define GRANT_BEFORE 25
#define GRANT_AFTER 55
#define GRANT_SLACK 12

/* Whether word i of the text marks a grant, as gen-templates.py reads the
 * licences: "hereby", "is/are granted", "are permitted provided",
 * "exercising permissions", "licensees and". */
static bool grant_mark(const trop_ident *id, size_t i)
{
    bool prev_is =
        i && (trop_ident_word_is(id, i - 1, "is") || trop_ident_word_is(id, i - 1, "are"));
    bool last = i + 1 >= id->tk.n;
    return trop_ident_word_is(id, i, "hereby") ||
           (trop_ident_word_is(id, i, "granted") && prev_is) ||
           (trop_ident_word_is(id, i, "permitted") && prev_is && !last &&
            trop_ident_word_is(id, i + 1, "provided")) ||
           (trop_ident_word_is(id, i, "exercising") && !last &&
            trop_ident_word_is(id, i + 1, "permissions")) ||
           (trop_ident_word_is(id, i, "licensees") && !last &&
            trop_ident_word_is(id, i + 1, "and"));
}

/* The bigrams of the text around its grant marks, into out (room for
 * id->big.n), each once: how many. */
static size_t grant_windows(const trop_ident *id, uint32_t *out)
{
    size_t n = 0, upto = 0; /* bigrams before upto are in already */
    for (size_t i = 0; i < id->tk.n; i++) {
        if (!grant_mark(id, i))
            continue;
        size_t from = i > GRANT_BEFORE + GRANT_SLACK ? i - GRANT_BEFORE - GRANT_SLACK : 0;
        size_t to = i + GRANT_AFTER + GRANT_SLACK;
        if (to > id->big.n)
            to = id->big.n;
        for (size_t k = from > upto ? from : upto; k < to; k++)
            out[n++] = id->big.h[k];
        if (to > upto)
            upto = to;
    }
    return n;
}

/* The words a grant names its licensees with. */
static bool licensee_word(const trop_ident *id, size_t k)
{
    static const char *const words[] = {
        "anyone",       "person",        "persons", "individual", "individuals",
        "organization", "organizations", "entity",  "entities",   "legal",
        "licensee",     "licensees",     NULL};
    return trop_word_in(id->text + id->tk.v[k].off, id->tk.v[k].len, words);
}

/* A seam in a grant's sentence by a word naming its licensees: two words of
 * the licence side by side that it does not have side by side, words left
 * out between them ("shall mean an individual exercising" for "an
 * individual or Legal Entity exercising"). The sentence, or off 0 and len 0. */
static trop_found licensee_seam(const trop_ident *id)
{
    for (size_t k = 0; k + 1 < id->tk.n; k++) {
        if (!id->covered[k] || !id->covered[k + 1] || id->bigram_in[k] ||
            !(licensee_word(id, k) || licensee_word(id, k + 1)))
            continue;
        trop_found f = trop_ident_sentence(id, id->tk.v[k].off, id->tk.v[k].off + 1);
        size_t s0 = k, s1 = k;
        while (s0 > 0 && id->tk.v[s0 - 1].off >= f.off)
            s0--;
        while (s1 < id->tk.n && id->tk.v[s1].off < f.off + f.len)
            s1++;
        if (trop_in_grant(id, s0, s1) == 1)
            return f;
    }
    return (trop_found){NULL, "clause", 0, 0, 0};
}

/* Whether the grant of a free licence the text matched lost one of its
 * bigrams: a word of it changed ("to any Canadian obtaining"), dropped
 * ("to use, copy, merge") or put between two ("to any person (other than a
 * competitor) obtaining"), or words naming its licensees were left out.
 * Quoted in id->clauses. */
int trop_grant_changed(trop_ident *id, bool *changed)
{
    *changed = false;
    if (!id->nm || id->big.n == 0)
        return 0;
    trop_found seam = licensee_seam(id);
    if (seam.len) {
        *changed = true;
        trop_ident_quote(id, seam, (int64_t)seam.off);
        return 0;
    }
    /* the text's bigrams around its own grant words, where the licence's
     * grant bigrams must be: "an individual or Legal Entity" elsewhere in
     * Apache does not stand for the one defining "You" */
    uint32_t *h = malloc(id->big.n * sizeof *h);
    if (!h)
        return TRO_ENOMEM;
    size_t nh = grant_windows(id, h);
    if (!nh) { /* a grant worded otherwise ("grants" with no "hereby"): the whole text */
        memcpy(h, id->big.h, id->big.n * sizeof *h);
        nh = id->big.n;
    }
    qsort(h, nh, sizeof *h, cmp_u32);
    for (size_t m = 0; m < id->nm && !*changed; m++) {
        int t = id->m[m].t;
        if (!trop_category_free(
                (tro_license_category)trop_lic_category_of(trop_template_table[t].id)))
            continue;
        unsigned missing = 0;
        for (uint32_t g = trop_grant_start[t]; g < trop_grant_start[t + 1]; g++) {
            /* as often as the licence has it: Apache's copyright and patent
             * grants share "perpetual, worldwide, non-exclusive" */
            unsigned want = trop_grant_count[g], have = 0;
            const uint32_t *at = bsearch(&trop_grant_bigram[g], h, nh, sizeof *h, cmp_u32);
            if (at) {
                while (at > h && at[-1] == trop_grant_bigram[g])
                    at--;
                while (at + have < h + nh && at[have] == trop_grant_bigram[g] && have < want)
                    have++;
            }
            missing += have < want ? want - have : 0;
        }
        *changed = missing >= GRANT_MISSING_MIN;
    }
    free(h);
    if (*changed) {
        trop_found f = grant_sentence(id);
        trop_ident_quote(id, f, (int64_t)f.off);
    }
    return 0;
}

#define INSERT_MAX 12 /* words a run put into a sentence of the licence may have */

/* Whether a run of words starting at word a is put in as an aside: after a
 * parenthesis or a dash ("forms (on Acme boards), with", "to any person --
 * a student -- obtaining"), not after a comma, which real texts put their
 * own words after. */
static bool aside(const trop_ident *id, size_t a)
{
    const trop_tok *p = &id->tk.v[a - 1], *q = &id->tk.v[a];
    for (size_t i = p->off + p->len; i < q->off; i++)
        if (id->text[i] == '(' || id->text[i] == '-' || (unsigned char)id->text[i] == 0xE2)
            return true; /* 0xE2: the first byte of an en or em dash */
    return false;
}

/* Words put into a sentence of the licence, between two words it has side
 * by side, as an aside or into its grant: "free of charge (for the first
 * year), to any", "Each licensee (a subscriber) is addressed", "in the
 * Licensed Material without modification to". Two words or more, one of
 * them of terms or limiting. Quoted in id->clauses. */
int trop_insertion(trop_ident *id, bool *found)
{
    *found = false;
    for (size_t a = 1; a < id->tk.n && !*found; a++) {
        if (id->covered[a] || !id->covered[a - 1])
            continue;
        size_t b = a;
        while (b < id->tk.n && !id->covered[b] && b - a <= INSERT_MAX)
            b++;
        if (b >= id->tk.n || b - a > INSERT_MAX || b - a < 2) {
            a = b;
            continue;
        }
        /* one sentence: no stop and no blank line before the run */
        bool joins = true;
        const trop_tok *p = &id->tk.v[a - 1], *q = &id->tk.v[a];
        for (size_t i = p->off + p->len; i < q->off && joins; i++)
            joins = !(id->text[i] == '.' || id->text[i] == ';' || id->text[i] == ':' ||
                      (id->text[i] == '\n' && i + 1 < q->off && id->text[i + 1] == '\n'));
        uint32_t h = trop_norm_bigram(id->tk.v[a - 1].h, id->tk.v[b].h);
        bool side_by_side = false;
        for (size_t m = 0; m < id->nm && joins && !side_by_side; m++)
            side_by_side = trop_category_free((tro_license_category)trop_lic_category_of(
                               trop_template_table[id->m[m].t].id)) &&
                           trop_tmatch_count(h, id->m[m].t) > 0;
        if (side_by_side && (aside(id, a) || trop_in_grant(id, a, b))) {
            for (size_t k = a; k < b && !*found; k++) {
                const trop_tok *t = &id->tk.v[k];
                *found =
                    !trop_spdx_line(id->text, id->len, t->off) &&
                    !trop_on_copyright_line(id, t->off) &&
                    (trop_terms_word(id, k, a, b) || trop_limiting_word(id->text + t->off, t->len));
            }
        }
        if (*found) {
            trop_found f = trop_ident_sentence(id, id->tk.v[a].off, id->tk.v[b - 1].off);
            trop_ident_quote(id, f, (int64_t)f.off);
        }
        a = b;
    }
    return 0;
}
