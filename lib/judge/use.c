/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/*
 * Use freedom: the licence statements a release makes about itself, and
 * whether a model under them may be used, studied, modified and shared for
 * any purpose.
 *
 * Statements come from the card (license, license_name, license_link), the
 * LICENSE files shipped, GGUF general.license, safetensors __metadata__
 * licence keys and a MOF release file (distribution licence and the final
 * parameters' licence). When there is none, the licences the card's text
 * links to are read too, but only restrictive ones count (text_only). A dataset's statements are its card's, its LICENSE
 * files' and its Croissant or datapackage licences, judged as data licences.
 *
 * A statement is identified when its licence is recognised (any category but
 * unknown). fail: an identified statement is not free; pass: at least one is
 * identified, all are free and none is unrecognised; otherwise unknown.
 */
#include "../license/license.h"
#include "terms.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef struct stmt {
    const char *source;    /* "card", "license-file", "gguf", ... */
    const char *path;      /* artifact path */
    char *text;            /* the statement as written */
    tro_license_result *r; /* NULL when it did not parse */
    char *error;           /* why it did not parse */
    int64_t offset;        /* of the decisive evidence in a licence text */
    int64_t line;          /* where the card states it, 0 unknown */
    const char *why;       /* static: why the card's text counts as a term, or NULL */
} stmt;

typedef struct stmts {
    stmt v[32];
    size_t n;
    size_t dropped;
} stmts;

static bool identified(const stmt *s)
{
    return s->r && tro_license_result_category(s->r) != TRO_LICENSE_UNKNOWN;
}

static void stmts_free(stmts *ss)
{
    for (size_t i = 0; i < ss->n; i++) {
        free(ss->v[i].text);
        free(ss->v[i].error);
        tro_license_result_free(ss->v[i].r);
    }
    ss->n = 0;
}

/* Takes over r and text. */
static int push(stmts *ss, const char *source, const char *path, char *text, tro_license_result *r,
                const tro_error *e)
{
    if (!text) {
        tro_license_result_free(r);
        return TRO_ENOMEM;
    }
    if (ss->n == sizeof ss->v / sizeof *ss->v) {
        ss->dropped++;
        free(text);
        tro_license_result_free(r);
        return 0;
    }
    stmt *s = &ss->v[ss->n++];
    *s = (stmt){.source = source, .path = path, .text = text, .r = r, .offset = -1};
    if (!r && e && !(s->error = trop_strdup(e->message)))
        return TRO_ENOMEM;
    if (r && tro_license_result_evidence_count(r)) {
        const char *k, *t;
        tro_license_result_evidence(r, 0, &k, &t, &s->offset);
    }
    return 0;
}

/* Classifies a string statement; a parse error is kept as unrecognised. */
static int classify(stmts *ss, const char *source, const char *path, const char *lic,
                    const char *name, const char *link, bool hf)
{
    tro_license_result *r = NULL;
    tro_error e = {0};
    int rc =
        hf ? tro_license_classify_hf(lic, name, link, &r, &e) : tro_license_classify(lic, &r, &e);
    if (rc == TRO_ENOMEM)
        return rc;
    char *text;
    if (hf && (name || link || !lic))
        text =
            trop_asprintf("%s%s%s%s%s", lic ? lic : "(no license)", name ? ", license_name: " : "",
                          name ? name : "", link ? ", license_link: " : "", link ? link : "");
    else
        text = trop_strdup(lic ? lic : "");
    return push(ss, source, path, text, rc ? NULL : r, &e);
}

static int identify(stmts *ss, const char *source, const tro_artifact *a)
{
    const trop_facts *f = trop_facts_of(a);
    const trop_str *t = f && f->type == TRO_TYPE_LICENSE ? &f->u.license_file.text : NULL;
    if (!t || !t->s)
        return 0;
    tro_license_result *r = NULL;
    tro_error e = {0};
    int rc = tro_license_identify(NULL, t->s, t->n, &r, &e);
    if (rc == TRO_ENOMEM)
        return rc;
    return push(ss, source, a->path, trop_strdup(a->path), rc ? NULL : r, &e);
}

/* ---- the card ------------------------------------------------------------- */

/* The LICENSE artifact a card's license_link names ("LICENSE", "./LICENSE.md",
 * or the file in a huggingface.co blob/resolve URL), or NULL. */
static const tro_artifact *link_target(const tro_release *rel, const char *link)
{
    if (!link)
        return NULL;
    const char *p = link;
    if (strstr(link, "://")) {
        const char *q = strstr(link, "huggingface.co/");
        if (!q)
            return NULL;
        const char *b = strstr(q, "/blob/");
        if (!b)
            b = strstr(q, "/resolve/");
        if (!b || !(b = strchr(b + 1, '/')) || !(b = strchr(b + 1, '/')))
            return NULL;
        p = b + 1;
    }
    while (p[0] == '.' && p[1] == '/')
        p += 2;
    const tro_artifact *a = tro_release_find(rel, p);
    return a && a->type == TRO_TYPE_LICENSE ? a : NULL;
}

static bool has_license_files(const tro_release *rel)
{
    for (size_t i = 0; i < rel->n; i++)
        if (rel->arts[i]->type == TRO_TYPE_LICENSE)
            return true;
    return false;
}

/* "a, b" from the card's license list; NULL when empty. */
static char *license_list(const trop_card_facts *c)
{
    size_t n = c->license.n, len = 1;
    if (!n)
        return NULL;
    for (size_t i = 0; i < n; i++)
        len += c->license.v[i].n + 2;
    char *s = malloc(len), *p = s;
    if (!s)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        if (i) {
            memcpy(p, ", ", 2);
            p += 2;
        }
        memcpy(p, c->license.v[i].s, c->license.v[i].n);
        p += c->license.v[i].n;
    }
    *p = '\0';
    return s;
}

static int card_statement(const tro_release *rel, const tro_artifact *card, stmts *ss,
                          trop_crit *evidence)
{
    const trop_card_facts *c = trop_card_facts_of(card);
    if (!c)
        return 0;
    const char *name = c->license_name.s, *link = c->license_link.s;
    if (!c->license.n && !name && !link)
        return 0;
    char *lic = license_list(c);
    if (c->license.n && !lic)
        return TRO_ENOMEM;
    size_t before = ss->n;
    int rc = classify(ss, "card", card->path, lic, name, link, true);
    free(lic);
    if (rc || ss->n == before || identified(&ss->v[before]))
        return rc;
    /* "other" pointing at (or beside) a licence file: the file speaks for it */
    const tro_artifact *target = link_target(rel, link);
    if (!target && (name || link || !has_license_files(rel)))
        return 0;
    char *msg = trop_asprintf("the card's licence (%s) defers to %s", ss->v[before].text,
                              target ? target->path : "the LICENSE files shipped");
    rc = msg ? trop_evidence_add(evidence, "license", msg, card->path, NULL, 0, -1) : TRO_ENOMEM;
    free(msg);
    free(ss->v[before].text);
    free(ss->v[before].error);
    tro_license_result_free(ss->v[before].r);
    ss->n = before;
    return rc;
}

static bool mentioned(const stmts *ss, const char *expr)
{
    for (size_t k = 0; k < ss->n; k++)
        if (!strcmp(tro_license_result_expression(ss->v[k].r), expr))
            return true;
    return false;
}

/* Adds the licence s is recognised as (a link's text or URL) to out unless
 * it is there already; at most 8. */
static int mention(stmts *out, const char *path, const char *s, bool url)
{
    tro_license_result *r = NULL;
    int rc = url ? tro_license_classify_hf(NULL, NULL, s, &r, NULL)
                 : tro_license_classify_hf(NULL, s, NULL, &r, NULL);
    if (rc == TRO_ENOMEM)
        return rc;
    if (!r || tro_license_result_category(r) == TRO_LICENSE_UNKNOWN || out->n >= 8 ||
        mentioned(out, tro_license_result_expression(r))) {
        tro_license_result_free(r);
        return 0;
    }
    return push(out, "card-text", path, trop_strdup(s), r, NULL);
}

static bool names_licence(const char *s)
{
    for (; *s; s++)
        if ((*s | 0x20) == 'l' && !strncasecmp(s, "licen", 5))
            return true;
    return false;
}

/* Licences the card's text links to, when its metadata states none: each
 * distinct licence a link's text or URL is recognised as ("card-text"
 * statements). Which of them applies the text does not say in a way a
 * program can read, so they may only make use freedom fail (text_only). */
static int text_mentions(const tro_artifact *card, stmts *out)
{
    const trop_card_facts *c = trop_card_facts_of(card);
    const trop_card_body *b = c ? c->body : NULL;
    int rc = 0;
    for (size_t i = 0; b && !rc && i < b->nlinks; i++) {
        const trop_card_href *l = &b->links[i];
        /* a text naming a licence says so ("MIT License", "the Model
         * Licence"); other texts ("LLaMA", a paper's name) are not read */
        if (l->text_len && l->text_len < 200 && !memchr(l->text, '\0', l->text_len) &&
            names_licence(l->text))
            rc = mention(out, card->path, l->text, false);
        /* a URL no licence is known by is passed over cheaply (a card has
         * dozens of links; a relative one names a file, never recognised
         * as a licence by its name), and so is one already mentioned */
        const char *ue = rc ? NULL : trop_license_url_expr(l->url, l->url_len);
        if (ue && !mentioned(out, ue))
            rc = mention(out, card->path, l->url, true);
    }
    return rc;
}

/* No statement in the release: what the card's text links to. Only
 * non-free licences become statements (use freedom fails); with a free one
 * among them the text does not say which applies and use freedom stays
 * unknown. Either way a license-in-text-only finding lists them. */
static int text_only(trop_judgement *jd, stmts *ss, trop_crit *c, bool *linked)
{
    stmts t = {.n = 0};
    int rc = text_mentions(jd->card, &t);
    bool any_free = false;
    char list[512] = "";
    size_t len = 0;
    for (size_t i = 0; !rc && i < t.n; i++) {
        any_free |= trop_license_free_for(t.v[i].r, TRO_LICENSE_COVERS_WEIGHTS);
        int w = snprintf(list + len, sizeof list - len, "%s%s", i ? ", " : "",
                         tro_license_result_expression(t.v[i].r));
        len = w < 0 || (size_t)w >= sizeof list - len ? sizeof list - 1 : len + (size_t)w;
    }
    if (!rc && t.n)
        rc = trop_judge_finding(jd, TRO_SEVERITY_WARNING, "license-in-text-only", jd->card->path,
                                "%s states no licence in its metadata, but its text links to %s; "
                                "state the licence as license: in the front matter",
                                jd->card->path, list);
    if (!rc && t.n && any_free)
        rc = trop_reason_add(c, "the card's text links to %s: which applies is not stated, so "
                                "it is not taken as a statement", list);
    *linked = t.n > 0;
    if (!rc && t.n && !any_free) {
        *ss = t; /* every licence linked is restrictive: they are the statements */
        t.n = 0;
    }
    stmts_free(&t);
    return rc;
}

/* ---- other artifacts -------------------------------------------------------- */

static int gguf_statement(const tro_artifact *a, stmts *ss)
{
    const trop_facts *f = trop_facts_of(a);
    if (!f)
        return 0;
    const char *lic = f->u.gguf.license.s, *name = f->u.gguf.license_name.s,
               *link = f->u.gguf.license_link.s;
    if (!lic && !name && !link)
        return 0;
    return classify(ss, "gguf", a->path, lic, name, link, true);
}

static int safetensors_statements(const tro_artifact *a, stmts *ss)
{
    const trop_facts *f = trop_facts_of(a);
    for (size_t i = 0; f && i < f->u.safetensors.licenses.n; i++) {
        int rc = classify(ss, "safetensors", a->path, f->u.safetensors.licenses.v[i].value.s,
                          NULL, NULL, true);
        if (rc)
            return rc;
    }
    return 0;
}

static const char *mof_name(const trop_str *s)
{
    return s->s && *s->s ? s->s : NULL;
}

static int mof_statements(const tro_artifact *a, stmts *ss)
{
    const trop_facts *f = trop_facts_of(a);
    if (!f)
        return 0;
    const trop_mof_facts *m = &f->u.mof;
    const char *dist = mof_name(&m->distribution);
    int rc = dist ? classify(ss, "mof", a->path, dist, NULL, NULL, false) : 0;
    for (size_t i = 0; !rc && i < m->components.n; i++) {
        const trop_mof_fact_component *c = &m->components.v[i];
        if (strcmp(c->name.s ? c->name.s : "", "Model parameters (Final)"))
            continue;
        /* resolved as the MOF does: own, else the data licence, else distribution */
        const char *own = mof_name(&c->license);
        if (!own)
            own = mof_name(&m->data);
        if (own && (!dist || strcmp(own, dist)))
            rc = classify(ss, "mof-component", a->path, own, NULL, NULL, false);
        break;
    }
    return rc;
}

static int manifest_statements(const tro_artifact *a, stmts *ss)
{
    const trop_facts *f = trop_facts_of(a);
    if (!f || (f->type != TRO_TYPE_CROISSANT && f->type != TRO_TYPE_DATAPACKAGE))
        return 0;
    const char *source = a->type == TRO_TYPE_CROISSANT ? "croissant" : "datapackage";
    int rc = 0;
    for (size_t i = 0; f && !rc && i < f->u.manifest.licenses.n; i++)
        rc = classify(ss, source, a->path, f->u.manifest.licenses.v[i].s, NULL, NULL, true);
    return rc;
}

/* ---- what the card's prose states -------------------------------------------- */

/* The front matter fields some cards use beside license: license_details, and
 * "commercial: false". */
static int field_statements(const tro_artifact *card, stmts *ss)
{
    const trop_card_facts *c = trop_card_facts_of(card);
    int rc = 0;
    if (c && c->license_details.s && c->license_details.n)
        rc = classify(ss, "card", card->path, NULL, c->license_details.s, NULL, true);
    if (!rc && c && c->commercial == 0) {
        size_t before = ss->n;
        rc = classify(ss, "card", card->path, "LicenseRef-trulyopen-terms-non-commercial", NULL,
                      NULL, false);
        if (!rc && ss->n > before) {
            free(ss->v[before].text);
            if (!(ss->v[before].text = trop_strdup("commercial: false")))
                rc = TRO_ENOMEM;
            ss->v[before].why = "the front matter says commercial: false";
        }
    }
    return rc;
}

/* Is expr already stated (the same licence said twice is one statement)? */
static bool stated(const stmts *ss, const tro_license_result *r)
{
    for (size_t i = 0; i < ss->n; i++)
        if (ss->v[i].r && !strcmp(tro_license_result_expression(ss->v[i].r),
                                  tro_license_result_expression(r)))
            return true;
    return false;
}

/* Licence terms the card's prose and gate state (terms.c): each identified
 * one is a statement; an unrecognised phrase says nothing. */
static int prose_statements(trop_judgement *jd, const tro_release *rel, const tro_artifact *card,
                            bool dataset, stmts *ss)
{
    trop_cardview own, *v = jd && jd->view && jd->card == card ? jd->view : &own;
    trop_terms t = {.n = 0};
    int rc = v == &own ? trop_cardview_init(&own, card, dataset, tro_release_name(rel)) : 0;
    if (!rc)
        rc = trop_card_terms(v, &t);
    for (size_t i = 0; !rc && i < t.n; i++) {
        const trop_term *term = &t.v[i];
        tro_license_result *r = NULL;
        tro_error e = {0};
        int crc = tro_license_classify_hf(NULL, term->expr, term->url, &r, &e);
        if (crc == TRO_ENOMEM) {
            rc = crc;
            break;
        }
        if (crc || tro_license_result_category(r) == TRO_LICENSE_UNKNOWN || stated(ss, r)) {
            tro_license_result_free(r);
            continue;
        }
        size_t before = ss->n;
        rc = push(ss, term->source, card->path, trop_strdup(term->text), r, NULL);
        if (!rc && ss->n > before) {
            ss->v[before].line = term->line;
            ss->v[before].why = term->why;
        }
    }
    if (!rc && t.advice_line && jd)
        rc = trop_judge_finding(jd, TRO_SEVERITY_INFO, "license-advice",
                                card->path,
                                "%s:%lld: the card restricts use in a section of advice (uses, "
                                "limitations), not as a licence term; it does not change the "
                                "licence",
                                card->path, (long long)t.advice_line);
    trop_terms_free(&t);
    if (v == &own)
        trop_cardview_free(&own);
    return rc;
}

/* Every statement of rel; dataset: also manifests', and no weights'. */
/* What a card states: its licence fields, then its prose. */
static int card_statements(trop_judgement *jd, const tro_release *rel, const tro_artifact *card,
                           bool dataset, stmts *ss, trop_crit *evidence)
{
    int rc = card_statement(rel, card, ss, evidence);
    if (!rc)
        rc = field_statements(card, ss);
    return rc ? rc : prose_statements(jd, rel, card, dataset, ss);
}

static int collect(trop_judgement *jd, const tro_release *rel, const tro_artifact *card,
                   bool dataset, stmts *ss, trop_crit *evidence)
{
    int rc = card ? card_statements(jd, rel, card, dataset, ss, evidence) : 0;
    for (size_t i = 0; !rc && i < rel->n; i++) {
        const tro_artifact *a = rel->arts[i];
        switch (a->type) {
        case TRO_TYPE_LICENSE:
            rc = identify(ss, "license-file", a);
            break;
        case TRO_TYPE_GGUF:
            rc = dataset ? 0 : gguf_statement(a, ss);
            break;
        case TRO_TYPE_SAFETENSORS:
            rc = dataset ? 0 : safetensors_statements(a, ss);
            break;
        case TRO_TYPE_MOF:
            rc = dataset ? 0 : mof_statements(a, ss);
            break;
        case TRO_TYPE_CROISSANT:
        case TRO_TYPE_DATAPACKAGE:
            rc = dataset ? manifest_statements(a, ss) : 0;
            break;
        default:
            break;
        }
    }
    return rc;
}

/* ---- judging ------------------------------------------------------------------ */

static int license_add(trop_licstmts *ls, const stmt *s)
{
    const tro_license_result *r = s->r;
    tro_license_category cat = r ? tro_license_result_category(r) : TRO_LICENSE_UNKNOWN;
    trop_licstmt l = {.source = s->source,
                  .category = tro_license_category_name(cat),
                  .known = cat != TRO_LICENSE_UNKNOWN,
                  .free = trop_license_free_for(r, TRO_LICENSE_COVERS_WEIGHTS),
                  .free_for_data = trop_license_free_for(r, TRO_LICENSE_COVERS_DATA)};
    return trop_licstmt_add(ls, &l, s->path, s->text, r ? tro_license_result_expression(r) : NULL,
                        r          ? tro_license_result_reason(r)
                        : s->error ? s->error
                                   : "not parsed");
}

static int explain(trop_crit *c, const stmt *s, bool data)
{
    const tro_license_result *r = s->r;
    if (!identified(s))
        return trop_reason_add(c, "%s licence '%s' (%s) is not recognised%s%s", s->source, s->text,
                               s->path, s->error ? ": " : "", s->error ? s->error : "");
    bool ok = trop_license_free_for(r, data ? TRO_LICENSE_COVERS_DATA : TRO_LICENSE_COVERS_WEIGHTS);
    return trop_reason_add(c, "%s licence %s (%s) is %s%s: %s", s->source,
                           tro_license_result_expression(r), s->path, ok ? "free" : "not free",
                           data ? " for data" : "",
                           tro_license_category_name(tro_license_result_category(r)));
}

static int evidence(trop_crit *c, const stmt *s)
{
    const char *expr = s->r ? tro_license_result_expression(s->r) : "not parsed";
    const char *cat =
        tro_license_category_name(s->r ? tro_license_result_category(s->r) : TRO_LICENSE_UNKNOWN);
    const char *freeness = !identified(s)                     ? "not recognised"
                           : trop_license_free_for(s->r, TRO_LICENSE_COVERS_WEIGHTS) ? "free"
                                                                                      : "not free";
    if (!strcmp(s->source, "license-file"))
        return trop_evidence_addf(c, "license", s->path, NULL, 0, s->offset,
                                  "licence text identified as %s (%s, %s)", expr, cat, freeness);
    int rc = trop_evidence_addf(c, "license", s->path, NULL, s->line, s->offset,
                                "%s licence '%s': %s (%s, %s)", s->source, s->text, expr, cat,
                                freeness);
    return rc || !s->why ? rc : trop_evidence_why(c, s->why);
}

/* pass/fail/unknown over the statements (data: free_for_data). */
static tro_status decide(const stmts *ss, bool data, size_t *nonfree_first)
{
    size_t ident = 0, unrec = 0;
    *nonfree_first = ss->n;
    for (size_t i = 0; i < ss->n; i++) {
        const stmt *s = &ss->v[i];
        if (!identified(s)) {
            unrec++;
            continue;
        }
        ident++;
        bool ok = trop_license_free_for(s->r, data ? TRO_LICENSE_COVERS_DATA
                                                   : TRO_LICENSE_COVERS_WEIGHTS);
        if (!ok && *nonfree_first == ss->n)
            *nonfree_first = i;
    }
    if (*nonfree_first < ss->n)
        return TRO_STATUS_FAIL;
    return ident && !unrec ? TRO_STATUS_PASS : TRO_STATUS_UNKNOWN;
}

/* Terms stated in words rather than a licence named: the judge's own
 * (LicenseRef-trulyopen-terms-*) and the restrictions the licence layer reads
 * in a sentence ("for research use only"). */
static bool is_terms(const char *expr)
{
    return !strncmp(expr, "LicenseRef-trulyopen-terms-", 27) || trop_license_is_stated(expr);
}

static int conflicts(trop_judgement *jd, const stmts *ss)
{
    for (size_t i = 0; i < ss->n; i++) {
        if (!identified(&ss->v[i]))
            continue;
        for (size_t k = i + 1; k < ss->n; k++) {
            if (!identified(&ss->v[k]))
                continue;
            const char *a = tro_license_result_expression(ss->v[i].r);
            const char *b = tro_license_result_expression(ss->v[k].r);
            if (!strcmp(a, b))
                continue;
            bool fa = trop_license_free_for(ss->v[i].r, TRO_LICENSE_COVERS_WEIGHTS);
            bool fb = trop_license_free_for(ss->v[k].r, TRO_LICENSE_COVERS_WEIGHTS);
            /* terms the prose states beside a licence that is not free either
             * restate it ("use is subject to the acceptable-use policy") */
            if (!fa && !fb && (is_terms(a) || is_terms(b)))
                continue;
            /* a family named without its version and one of its versions
             * ("CC-BY-NC" and CC-BY-NC-4.0) agree */
            if (trop_license_family_member(a, b) || trop_license_family_member(b, a))
                continue;
            return trop_judge_finding(jd, TRO_SEVERITY_WARNING, "license-conflict", ss->v[k].path,
                                      "%s says %s (%s) but %s says %s (%s)%s", ss->v[i].path, a,
                                      fa ? "free" : "not free", ss->v[k].path, b,
                                      fb ? "free" : "not free",
                                      fa != fb ? "; the most restrictive applies" : "");
        }
    }
    return 0;
}

/* Every statement comes from the card's prose or gate: the metadata states
 * no licence, which registries and the Hub read first. */
static int prose_only(trop_judgement *jd, const stmts *ss)
{
    char list[512] = "";
    size_t len = 0;
    for (size_t i = 0; i < ss->n; i++) {
        const char *src = ss->v[i].source;
        if (strcmp(src, "card-body") && strcmp(src, "card-gate"))
            return 0;
        int w = snprintf(list + len, sizeof list - len, "%s%s", i ? ", " : "",
                         tro_license_result_expression(ss->v[i].r));
        len = w < 0 || (size_t)w >= sizeof list - len ? sizeof list - 1 : len + (size_t)w;
    }
    if (!ss->n)
        return 0;
    return trop_judge_finding(jd, TRO_SEVERITY_WARNING, "license-in-text-only", jd->card->path,
                              "%s states no licence in its metadata, only in its text (%s); "
                              "state the licence as license: in the front matter",
                              jd->card->path, list);
}

int trop_judge_use(trop_judge *j, trop_judgement *jd)
{
    (void)j;
    stmts ss = {.n = 0};
    trop_crit *c = &jd->crit[TRO_CRITERION_USE_FREEDOM];
    int rc = collect(jd, jd->rel, jd->card, jd->dataset, &ss, c);
    bool text = false, linked = false;
    if (!rc && !ss.n && jd->card && !jd->dataset) {
        rc = text_only(jd, &ss, c, &linked);
        text = ss.n > 0;
    } else if (!rc && jd->card && !jd->dataset) {
        rc = prose_only(jd, &ss);
    }
    for (size_t i = 0; !rc && i < ss.n; i++) {
        const stmt *s = &ss.v[i];
        rc = license_add(&jd->licenses, s);
        if (!rc)
            rc = evidence(c, s);
        if (!rc)
            rc = explain(c, s, false);
        if (!rc && !identified(s))
            rc = trop_judge_finding(jd, TRO_SEVERITY_WARNING, "license-unrecognised", s->path,
                                    "%s: %s licence '%s' is not recognised, so it cannot be "
                                    "called free%s%s",
                                    s->path, s->source, s->text, s->error ? ": " : "",
                                    s->error ? s->error : "");
    }
    if (!rc)
        rc = conflicts(jd, &ss);
    size_t first;
    c->status = decide(&ss, false, &first);
    if (!rc && (!ss.n || text))
        rc = trop_reason_add(c, "no licence stated in the card's metadata, a LICENSE file or "
                                "the weights' metadata");
    if (!rc && !ss.n && !linked)
        rc = trop_judge_finding(jd, TRO_SEVERITY_WARNING, "license-missing", "",
                                "the release states no licence anywhere");
    if (!rc && ss.dropped)
        rc = trop_reason_add(c, "%zu more licence statements were not judged", ss.dropped);
    jd->own_use = c->status;
    stmts_free(&ss);
    return rc;
}

int trop_dataset_judge(const tro_release *rel, const tro_artifact *card, const tro_artifact *only,
                       trop_dataset **out)
{
    stmts ss = {.n = 0};
    trop_crit ev = {.status = TRO_STATUS_UNKNOWN}; /* what is said of a dataset is not kept */
    trop_dataset *d = calloc(1, sizeof *d);
    int rc = !d    ? TRO_ENOMEM
             : !only ? collect(NULL, rel, card, true, &ss, &ev)
             : only->type == TRO_TYPE_MODEL_CARD || only->type == TRO_TYPE_MARKDOWN
                 ? card_statements(NULL, rel, only, true, &ss, &ev)
                 : manifest_statements(only, &ss);
    if (only && (only->type == TRO_TYPE_MODEL_CARD || only->type == TRO_TYPE_MARKDOWN))
        card = only;
    if (rc)
        goto done;
    size_t first;
    tro_status st = decide(&ss, true, &first);
    d->free = st == TRO_STATUS_PASS ? 1 : st == TRO_STATUS_FAIL ? 0 : -1;
    d->has_card = card != NULL;
    const stmt *s = first < ss.n ? &ss.v[first] : ss.n ? &ss.v[0] : NULL;
    if (s && s->r && !(d->license = trop_strdup(tro_license_result_expression(s->r))))
        rc = TRO_ENOMEM;
    if (!rc && !s)
        d->reason = trop_strdup("no licence stated");
    else if (!rc)
        d->reason = trop_asprintf("%s licence '%s' (%s): %s", s->source, s->text, s->path,
                                  s->r ? tro_license_result_reason(s->r) : "not parsed");
    if (!rc && !d->reason)
        rc = TRO_ENOMEM;
done:
    stmts_free(&ss);
    trop_crit_clear(&ev);
    if (rc) {
        trop_dataset_free(d);
        d = NULL;
    }
    *out = d;
    return rc;
}
