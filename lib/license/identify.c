/* Identifying a licence text. In order of strength: the SPDX-License-Identifier
 * lines it carries; full-text matches against the SPDX License List (every
 * licence, standard header and exception, compiled in), repeated on what a
 * match leaves over so that a file holding several licences, or a licence and
 * an exception, yields each; reference texts the caller loaded; then the
 * title, characteristic sentences and URLs. Restrictive clauses are looked
 * for in what no template explains: a free licence with a restriction added
 * is "LICENCE AND LicenseRef-trulyopen-added-restriction", with the clause and
 * its offset; an unrecognised text with one takes the restriction's category.
 * Nothing unrecognised is free. */
#include "internal.h"
#include "identify.h"
#include "license.h"
#include "tmatch.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MAX_MATCHES 4
#define MAX_HITS 32
#define QUOTE_MAX 320
#define RESIDUE_MIN 12      /* words left over worth another match */
#define TAKE_RUN 12         /* a match's run of words at least this long is its text */
#define EXACT 0.995         /* a match this close is the licence's text */
#define ADDED_WORDS_MIN 50  /* unexplained words that make a matched text unknown */
#define ADDED_SHARE_MIN 0.4 /* ... when also this share of the matched words */
#define HINT_TEXT_MAX 120   /* words beyond which a title alone never makes a text free */

typedef struct ident {
    const char *text;
    size_t len; /* analysed length */
    const tro_license_db *db;
    trop_toks tk;        /* words for matching (normal.c) */
    trop_tbigrams big;   /* their bigrams, looked up in the index */
    uint8_t *covered;    /* per tk word: explained by a template */
    uint8_t *bigram_in;  /* per tk word i: the bigram of words i, i + 1 is a template's */
    size_t ncovered;
    trop_tbest m[MAX_MATCHES];
    size_t nm;
    trop_tbest first; /* the first pass, for its closest template */
    bool db_won;      /* a reference text of the caller's matched best */
    trop_found clauses[MAX_HITS]; /* restrictive clauses in added text */
    size_t nclauses;
    tro_license_result *r;
} ident;

/* ---- Full-text matches ------------------------------------------------------ */

static int match_templates(ident *id)
{
    size_t n = id->tk.n;
    uint8_t *use = malloc(n + 1), *mark = malloc(n + 1);
    id->covered = calloc(n + 1, 1);
    id->bigram_in = calloc(n + 1, 1);
    int rc = use && mark && id->covered && id->bigram_in ? 0 : TRO_ENOMEM;
    if (!rc)
        memset(use, 1, n);
    size_t left = n;
    for (size_t pass = 0; !rc && pass < MAX_MATCHES && left >= RESIDUE_MIN; pass++) {
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

static int templates_expr(const ident *id, trop_expr **out)
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

/* ---- Evidence ------------------------------------------------------------- */

static int evidence(ident *id, const trop_found *f)
{
    size_t len = f->len < QUOTE_MAX ? f->len : QUOTE_MAX;
    return trop_result_add_evidence(id->r, f->kind, id->text + f->off, len, (int64_t)f->off);
}

static int64_t first_covered_offset(const ident *id)
{
    for (size_t i = 0; i < id->tk.n; i++)
        if (id->covered[i])
            return id->tk.v[i].off;
    return -1;
}

static int match_evidence(ident *id)
{
    char buf[240];
    int rc = 0;
    for (size_t k = 0; !rc && k < id->nm; k++) {
        const trop_tbest *b = &id->m[k];
        const trop_template *tp = &trop_template_table[b->t];
        static const char *const kinds[] = {"licence text", "licence notice", "exception text"};
        int n = snprintf(buf, sizeof buf, "%s of %s: score %.3f, coverage %.3f", kinds[tp->kind],
                         tp->id, b->dice, b->coverage);
        rc = trop_result_add_evidence(id->r, "template", buf, (size_t)n,
                                      k == 0 ? first_covered_offset(id) : -1);
        if (!rc && b->coverage < 0.98) {
            n = snprintf(buf, sizeof buf, "%.0f%% of the words of %s are not in the text",
                         100.0 * (1.0 - b->coverage), tp->id);
            rc = trop_result_add_evidence(id->r, "removed", buf, (size_t)n, -1);
        }
    }
    if (!rc && !id->nm && id->first.closest >= 0) {
        int n = snprintf(buf, sizeof buf,
                         "closest reference text %s: score %.3f, coverage %.3f (not accepted)",
                         trop_template_table[id->first.closest].id, id->first.closest_dice,
                         id->first.closest_coverage);
        rc = trop_result_add_evidence(id->r, "template", buf, (size_t)n, -1);
    }
    return rc;
}

/* ---- Restrictions ---------------------------------------------------------- */

/* Whether a clause at words [s, e) is the text's own rather than
 * the matched licence's: for the generic rules, most of its words are
 * unexplained; for the others, one of its bigrams (or the one joining it to
 * the word before) is not the licence's, so a licence's own "commercial or
 * non-commercial" never counts but "in any forms without modification"
 * where BSD says "with or without modification" does. */
static bool departs(size_t s, size_t e, const trop_clause_rule *r, void *ctx)
{
    const ident *id = ctx;
    if (id->db_won)
        return false;
    if (!id->nm)
        return true;
    if (r->added_only) {
        size_t out = 0;
        for (size_t i = s; i < e; i++)
            out += !id->covered[i];
        return 2 * out > e - s;
    }
    for (size_t i = s ? s - 1 : 0; i + 1 < id->tk.n && i < e; i++)
        if (!id->bigram_in[i])
            return true;
    return false;
}

static bool stop_at(const ident *id, size_t i) /* a sentence ends at i */
{
    const char *t = id->text;
    if (t[i] == ';' || (t[i] == '\n' && i + 1 < id->len && t[i + 1] == '\n'))
        return true;
    return t[i] == '.' && (i + 1 == id->len || strchr(" \t\r\n", t[i + 1]));
}

/* The sentence around bytes [from, to): back to the previous full stop or
 * blank line (at most 100 bytes), on to the next one (at most 200). */
static trop_found sentence(const ident *id, size_t from, size_t to)
{
    size_t s = from, e = to;
    while (s > 0 && from - s < 100 && !stop_at(id, s - 1))
        s--;
    while (s < from && strchr(" \t\r\n", id->text[s]))
        s++;
    while (e < id->len && e - to < 200 && !stop_at(id, e))
        e++;
    if (e < id->len && id->text[e] == '.')
        e++;
    return (trop_found){NULL, "clause", s, e - s, 0};
}

/* The restrictive clauses in added text: quoted as evidence; their category
 * (TRO_LICENSE_UNKNOWN: none) and the reasons, with byte offsets. */
static int added_clauses(ident *id, tro_license_category *cat, const char **first_reason,
                         char *reasons, size_t rsz)
{
    trop_clause_hit hits[MAX_HITS], kept[MAX_HITS];
    /* the generic rules only where a free licence was recognised */
    bool added = false;
    for (size_t k = 0; k < id->nm; k++)
        added |= trop_category_free(
            (tro_license_category)trop_lic_category_of(trop_template_table[id->m[k].t].id));
    size_t n = trop_clauses_find(&id->tk, added, departs, id, hits, MAX_HITS), nk = 0, rl = 0;
    int rc = 0;
    reasons[0] = '\0';
    *first_reason = NULL;
    for (size_t i = 0; i < n && !rc; i++) {
        const trop_tok *a = &id->tk.v[hits[i].start], *b = &id->tk.v[hits[i].end - 1];
        kept[nk++] = hits[i];
        trop_found f = sentence(id, a->off, b->off + b->len);
        /* two rules in one sentence: quoted once */
        if (!id->nclauses || id->clauses[id->nclauses - 1].off != f.off)
            id->clauses[id->nclauses++] = f;
        if (rl < rsz)
            rl += (size_t)snprintf(reasons + rl, rsz - rl, "%s%s (byte %u)", nk > 1 ? "; " : "",
                                   hits[i].rule->reason, a->off);
    }
    *cat = trop_clauses_category(kept, nk);
    for (size_t i = 0; i < nk && !*first_reason; i++)
        if (kept[i].rule->category == *cat)
            *first_reason = kept[i].rule->reason;
    return rc;
}

/* Joins an extra licence leaf (id from the tables) to *e with AND. */
static int add_leaf(trop_expr **e, const char *lid, tro_license_category cat, const char *note)
{
    trop_expr *x = trop_expr_leaf(lid, strlen(lid));
    if (!x)
        return TRO_ENOMEM;
    x->lic = trop_lic_find(lid, strlen(lid));
    x->cat_set = true;
    x->cat = (uint8_t)cat;
    x->note = note;
    return (*e = trop_expr_join(TROP_EX_AND, *e, x)) ? 0 : TRO_ENOMEM;
}

/* ---- Putting it together ----------------------------------------------------------- */

typedef struct pick {
    trop_expr *spdx;
    trop_found spdx_ev[TROP_HINT_MAX_SPDX];
    size_t nspdx;
    trop_found title;
    trop_found fps[TROP_HINT_MAX_FPS];
    size_t nfps;
    trop_found urls[TROP_HINT_MAX_URLS];
    size_t nurls;
    trop_match dbm; /* the caller's reference texts */
} pick;

static bool db_accepted(const pick *p)
{
    return p->dbm.id && p->dbm.score >= TROP_MATCH_THRESHOLD && p->dbm.order >= TROP_ORDER_THRESHOLD;
}

static bool urls_agree(const pick *p)
{
    for (size_t i = 1; i < p->nurls; i++)
        if (strcmp(p->urls[i].expr, p->urls[0].expr))
            return false;
    return p->nurls > 0;
}

static bool confirmed(const pick *p, const char *expr)
{
    for (size_t i = 0; i < p->nfps; i++)
        if (!strcmp(p->fps[i].expr, expr))
            return true;
    for (size_t i = 0; i < p->nurls; i++)
        if (!strcmp(p->urls[i].expr, expr))
            return true;
    return false;
}

/* The identification from the weaker hints, when no template matched. */
static int from_hints(const pick *p, trop_expr **e, const char **how, double *conf)
{
    const char *expr = NULL;
    if (p->title.expr) {
        expr = p->title.expr;
        *how = "title";
        *conf = confirmed(p, expr) ? 0.9 : 0.8;
    } else if (p->nfps) {
        trop_expr *acc = NULL;
        for (size_t i = 0; i < p->nfps; i++) {
            trop_expr *x;
            int rc = trop_expr_from_table(p->fps[i].expr, &x);
            if (!rc && !(acc = acc ? trop_expr_join(TROP_EX_AND, acc, x) : x))
                rc = TRO_ENOMEM;
            if (rc) {
                trop_expr_free(acc);
                return rc;
            }
        }
        *e = acc;
        *how = "characteristic sentences";
        *conf = 0.85;
        return 0;
    } else if (urls_agree(p)) {
        expr = p->urls[0].expr;
        *how = "licence URL";
        *conf = 0.6;
    }
    return expr ? trop_expr_from_table(expr, e) : 0;
}

/* The identification, strongest first. *how names it (NULL: unrecognised). */
static int choose(ident *id, pick *p, trop_expr **e, const char **how, double *conf)
{
    *e = NULL;
    *how = NULL;
    *conf = 0;
    const trop_tbest *b = id->nm ? &id->m[0] : NULL;
    if (p->spdx) {
        *how = "SPDX-License-Identifier";
        *conf = 1.0;
        *e = p->spdx;
        p->spdx = NULL;
        return 0;
    }
    if (db_accepted(p) && (!b || p->dbm.score > b->dice)) {
        id->db_won = true; /* the caller's reference text explains it all */
        *how = "full text";
        *conf = p->dbm.score;
        return trop_expr_from_table(p->dbm.id, e);
    }
    if (b) {
        *how = "full text";
        *conf = b->dice >= EXACT && b->coverage >= EXACT ? 1.0
                : b->dice < b->coverage                  ? b->dice
                                                         : b->coverage;
        return templates_expr(id, e);
    }
    int rc = from_hints(p, e, how, conf);
    if (!rc && *e && id->tk.n > HINT_TEXT_MAX && trop_expr_is_free(*e)) {
        /* a long text that names a free licence but is not its text */
        trop_expr_free(*e);
        *e = NULL;
        *how = NULL;
        *conf = 0;
    }
    return rc;
}

static int add_all_evidence(ident *id, const pick *p)
{
    int rc = 0;
    for (size_t i = 0; !rc && i < p->nspdx; i++)
        rc = evidence(id, &p->spdx_ev[i]);
    if (!rc && p->title.expr)
        rc = evidence(id, &p->title);
    for (size_t i = 0; !rc && i < p->nfps; i++)
        rc = evidence(id, &p->fps[i]);
    for (size_t i = 0; !rc && i < p->nurls && i < 8; i++)
        rc = evidence(id, &p->urls[i]);
    if (!rc)
        rc = match_evidence(id);
    for (size_t i = 0; !rc && i < id->nclauses; i++)
        rc = evidence(id, &id->clauses[i]);
    if (!rc && p->dbm.id) {
        char buf[200];
        int n = snprintf(buf, sizeof buf, "closest reference text %s: score %.3f, order %.3f%s",
                         p->dbm.id, p->dbm.score, p->dbm.order, db_accepted(p) ? "" : " (not accepted)");
        rc = trop_result_add_evidence(id->r, "template", buf, (size_t)n, -1);
    }
    return rc;
}

/* Restrictions in what the licence does not explain, and text nobody knows:
 * *e gains "AND LicenseRef-trulyopen-added-restriction" (or "-custom");
 * *cat is the restriction's category, reasons what was found. */
static int verdict(ident *id, trop_expr **e, tro_license_category *cat, char *reasons,
                   size_t rsz)
{
    const char *first;
    int rc = added_clauses(id, cat, &first, reasons, rsz);
    if (rc || !*e)
        return rc;
    if (!trop_expr_is_free(*e)) { /* its restrictions are its own terms: evidence */
        *cat = TRO_LICENSE_UNKNOWN;
        return 0;
    }
    if (*cat != TRO_LICENSE_UNKNOWN)
        return add_leaf(e, "LicenseRef-trulyopen-added-restriction", *cat, first);
    size_t added = id->tk.n - id->ncovered;
    if (id->nm && added >= ADDED_WORDS_MIN && added >= ADDED_SHARE_MIN * (double)id->ncovered)
        return add_leaf(e, "LicenseRef-trulyopen-custom", TRO_LICENSE_UNKNOWN,
                        "the text adds words to the licence that trulyopen does not recognise");
    return 0;
}

/* Records what the full-text match found (tro_license_result_match()). */
static int set_match(ident *id)
{
    if (!id->nm)
        return 0;
    const trop_tbest *b = &id->m[0];
    const trop_template *tp = &trop_template_table[b->t];
    trop_match_info mi = {(char *)tp->id, b->dice, b->coverage, (uint32_t)(id->tk.n - id->ncovered),
                          (uint32_t)((1.0 - b->coverage) * tp->nwords + 0.5)};
    return trop_result_set_match(id->r, &mi);
}

/* The result, and its reason when restrictions were found. */
static int finish(ident *id, trop_expr *e, const char *how, double conf, const pick *p)
{
    char reasons[1024];
    tro_license_category cat = TRO_LICENSE_UNKNOWN;
    char *named = e ? trop_expr_print(e) : NULL;
    int rc = e && !named ? TRO_ENOMEM : verdict(id, &e, &cat, reasons, sizeof reasons);
    if (!rc && !e) {
        if (!(e = trop_expr_leaf("LicenseRef-trulyopen-custom", 27)))
            rc = TRO_ENOMEM;
        else
            e->note = "the licence text was not recognised";
    }
    if (rc) {
        trop_expr_free(e);
        free(named);
        return rc;
    }
    rc = trop_result_from_expr(e, "", "text", &id->r);
    if (!rc) {
        trop_result_set_confidence(id->r, conf);
        rc = add_all_evidence(id, p);
    }
    if (!rc)
        rc = set_match(id);
    if (!rc && cat != TRO_LICENSE_UNKNOWN) {
        char *why = named ? trop_asprintf("identified as %s by its %s, but the text adds "
                                          "restrictive terms: %s",
                                          named, how, reasons)
                          : trop_asprintf("unrecognised licence text with restrictive terms: %s",
                                          reasons);
        rc = !why ? TRO_ENOMEM
             : named ? trop_result_set_reason(id->r, why)
                     : trop_result_restrict(id->r, cat, why);
        if (!rc && !named)
            trop_result_set_confidence(id->r, 0.5);
        free(why);
    }
    free(named);
    return rc;
}

static int identify(ident *id)
{
    pick p;
    memset(&p, 0, sizeof p);
    int rc = trop_hint_spdx(id->text, id->len, &p.spdx, p.spdx_ev, &p.nspdx);
    if (!rc)
        rc = trop_norm_split(id->text, id->len, true, &id->tk);
    if (!rc)
        rc = trop_tmatch_prepare(&id->tk, &id->big);
    if (!rc)
        rc = match_templates(id);
    if (!rc && id->db)
        rc = trop_db_best(id->db, id->text, id->len, &p.dbm);
    trop_expr *e = NULL;
    const char *how = NULL;
    double conf = 0;
    if (!rc) {
        p.title = trop_hint_title(id->text, id->len);
        p.nfps = trop_hint_fingerprints(&id->tk, p.fps, TROP_HINT_MAX_FPS);
        p.nurls = trop_hint_urls(id->text, id->len, p.urls, TROP_HINT_MAX_URLS);
        rc = choose(id, &p, &e, &how, &conf);
    }
    trop_expr_free(p.spdx);
    return rc ? rc : finish(id, e, how, conf, &p);
}

int tro_license_identify(const tro_license_db *db, const void *text, size_t len,
                         tro_license_result **out, tro_error *err)
{
    if (!out || (!text && len))
        return trop_error_set(err, TRO_EINVAL, -1, "licence text: invalid argument");
    *out = NULL;
    if (len > TROP_TEXT_MAX_LEN)
        return trop_error_set(err, TRO_ELIMIT, -1, "licence text: %zu bytes, more than %u", len,
                              TROP_TEXT_MAX_LEN);
    ident id = {.text = text ? text : "", .db = db};
    id.len = len < TROP_TEXT_SCAN_LEN ? len : TROP_TEXT_SCAN_LEN;
    int rc = identify(&id);
    trop_toks_free(&id.tk);
    trop_tmatch_release(&id.big);
    free(id.covered);
    free(id.bigram_in);
    if (rc) {
        tro_license_result_free(id.r);
        return trop_error_set(err, rc, -1, "licence text: %s", tro_strerror(rc));
    }
    *out = id.r;
    return 0;
}
