/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
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

#define QUOTE_MAX 320
#define EXACT 0.995         /* a match this close is the licence's text */
#define HINT_TEXT_MAX 120   /* words beyond which a title alone never makes a text free */

typedef trop_ident ident;

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
        return trop_ident_templates_expr(id, e);
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
    int rc = e && !named ? TRO_ENOMEM : trop_ident_verdict(id, &e, &cat, reasons, sizeof reasons);
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
    } else if (!rc && named && id->limiting_at >= 0) {
        char *why = trop_asprintf("identified as %s by its %s, but the text adds a sentence that "
                                  "may limit it (byte %lld): not free until a person has read it",
                                  named, how, (long long)id->limiting_at);
        rc = why ? trop_result_set_reason(id->r, why) : TRO_ENOMEM;
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
        rc = trop_ident_match(id);
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
    return tro_license_identify_ex(db, text, len, 0, out, err);
}

int tro_license_identify_ex(const tro_license_db *db, const void *text, size_t len,
                            unsigned int flags, tro_license_result **out, tro_error *err)
{
    if (!out || (!text && len) || (flags & ~(unsigned)TRO_IDENTIFY_STRICT))
        return trop_error_set(err, TRO_EINVAL, -1, "licence text: invalid argument");
    *out = NULL;
    if (len > TROP_TEXT_MAX_LEN)
        return trop_error_set(err, TRO_ELIMIT, -1, "licence text: %zu bytes, more than %u", len,
                              TROP_TEXT_MAX_LEN);
    ident id = {.text = text ? text : "",
                .db = db,
                .limiting_at = -1,
                .strict = (flags & TRO_IDENTIFY_STRICT) != 0};
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
