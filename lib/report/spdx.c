/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/*
 * The report as an SPDX 3.0.1 JSON-LD document (profiles core, software,
 * simpleLicensing, ai, dataset). One @graph holds:
 *  - the release: an ai_AIPackage (a dataset release: a
 *    dataset_DatasetPackage), the document's root element;
 *  - each artifact as a software_File with its sha256, which the release
 *    "contains";
 *  - each dataset as a dataset_DatasetPackage the release is "trainedOn"
 *    (evaluation data: "testedOn");
 *  - each base model as an ai_AIPackage that is "ancestorOf" what it is
 *    the base of;
 *  - each licence expression as a simplelicensing_LicenseExpression, tied
 *    by "hasDeclaredLicense" to what declares it;
 *  - the verdict, each criterion and the policy outcome as review
 *    Annotations of the release.
 * Element ids are "urn:uuid:UUID#NAME", the UUID derived from what the
 * document describes (sbom.c), so the same report and options give the
 * same bytes.
 */
#include "sbom.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CONTEXT "https://spdx.org/rdf/3.0.1/spdx-context.jsonld"
#define CREATION "_:creationinfo"

typedef struct doc {
    trop_jw *w;
    const tro_report *r;
    const tro_render_options *o;
    char base[64];   /* "urn:uuid:UUID#" */
    size_t rels;     /* relationships written */
    size_t notes;    /* annotations written */
    const char **lics; /* distinct expressions, their index + 1 is their id */
    size_t nlics, caplics;
} doc;

/* Writes the id base + name + (n > 0 ? "-n" : ""). */
static void kid(doc *d, const char *key, const char *name, size_t n)
{
    char id[128];
    if (n)
        snprintf(id, sizeof id, "%s%s-%zu", d->base, name, n);
    else
        snprintf(id, sizeof id, "%s%s", d->base, name);
    if (key)
        trop_jw_kstr(d->w, key, id);
    else
        trop_jw_str(d->w, id);
}

/* Opens an element of the graph: type, spdxId, creationInfo. */
static void element(doc *d, const char *type, const char *name, size_t n)
{
    trop_jw_item(d->w);
    trop_jw_open(d->w, '{');
    trop_jw_kstr(d->w, "type", type);
    kid(d, "spdxId", name, n);
    trop_jw_kstr(d->w, "creationInfo", CREATION);
}

/* The number (1...) of a licence expression's element, added when new. */
static size_t license_of(doc *d, const char *expr)
{
    for (size_t i = 0; i < d->nlics; i++)
        if (!strcmp(d->lics[i], expr))
            return i + 1;
    if (d->nlics == d->caplics) {
        size_t cap = d->caplics ? d->caplics * 2 : 8;
        const char **v = realloc(d->lics, cap * sizeof *v);
        if (!v) {
            d->w->err = TRO_ENOMEM;
            return 0;
        }
        d->lics = v;
        d->caplics = cap;
    }
    d->lics[d->nlics++] = expr;
    return d->nlics;
}

/* A relationship from one element to a list of others, named as kid()
 * does (to_n[i] 0: the name alone). */
static void relationship(doc *d, const char *from, size_t from_n, const char *type,
                         const char *to, const size_t *to_n, size_t count)
{
    if (!count)
        return;
    element(d, "Relationship", "relationship", ++d->rels);
    kid(d, "from", from, from_n);
    trop_jw_kstr(d->w, "relationshipType", type);
    trop_jw_key(d->w, "to");
    trop_jw_open(d->w, '[');
    for (size_t i = 0; i < count; i++) {
        trop_jw_item(d->w);
        kid(d, NULL, to, to_n ? to_n[i] : i + 1);
    }
    trop_jw_close(d->w, ']');
    trop_jw_close(d->w, '}');
}

/* hasDeclaredLicense from an element to the expressions given. */
static void declared(doc *d, const char *from, size_t from_n, const char *const *exprs, size_t n)
{
    size_t ids[64];
    size_t k = 0;
    for (size_t i = 0; i < n && k < 64; i++)
        if ((ids[k] = license_of(d, exprs[i])) != 0)
            k++;
    relationship(d, from, from_n, "hasDeclaredLicense", "license", ids, k);
}

static void annotation(doc *d, const char *text)
{
    element(d, "Annotation", "annotation", ++d->notes);
    trop_jw_kstr(d->w, "annotationType", "review");
    kid(d, "subject", "release", 0);
    trop_jw_kstr(d->w, "statement", text);
    trop_jw_close(d->w, '}');
}

static void header(doc *d)
{
    char when[21];
    trop_sbom_time(d->o->created, when);
    trop_jw *w = d->w;
    trop_jw_item(w);
    trop_jw_open(w, '{');
    trop_jw_kstr(w, "type", "CreationInfo");
    trop_jw_kstr(w, "@id", CREATION);
    trop_jw_kstr(w, "specVersion", "3.0.1");
    trop_jw_kstr(w, "created", when);
    trop_jw_key(w, "createdBy");
    trop_jw_open(w, '[');
    trop_jw_item(w);
    kid(d, NULL, "agent", 0);
    trop_jw_close(w, ']');
    trop_jw_key(w, "createdUsing");
    trop_jw_open(w, '[');
    trop_jw_item(w);
    kid(d, NULL, "tool", 0);
    trop_jw_close(w, ']');
    trop_jw_close(w, '}');
    element(d, "SoftwareAgent", "agent", 0);
    trop_jw_kstr(w, "name", "trulyopen");
    trop_jw_close(w, '}');
    element(d, "Tool", "tool", 0);
    trop_jw_kstr(w, "name", "trulyopen " TRO_VERSION_STRING);
    trop_jw_close(w, '}');
    element(d, "SpdxDocument", "document", 0);
    char *name = trop_asprintf("trulyopen report of %s", d->r->jd->name.s);
    trop_jw_kstr(w, "name", name ? name : "trulyopen report");
    free(name);
    trop_jw_key(w, "profileConformance");
    trop_jw_open(w, '[');
    static const char *const profiles[] = {"core", "software", "simpleLicensing", "ai",
                                           "dataset"};
    for (size_t i = 0; i < sizeof profiles / sizeof *profiles; i++) {
        trop_jw_item(w);
        trop_jw_str(w, profiles[i]);
    }
    trop_jw_close(w, ']');
    trop_jw_key(w, "rootElement");
    trop_jw_open(w, '[');
    trop_jw_item(w);
    kid(d, NULL, "release", 0);
    trop_jw_close(w, ']');
    trop_jw_close(w, '}');
}

static void release(doc *d)
{
    const trop_judgement *jd = d->r->jd;
    trop_jw *w = d->w;
    element(d, jd->dataset ? "dataset_DatasetPackage" : "ai_AIPackage", "release", 0);
    trop_jw_kstrn(w, "name", jd->name.s, jd->name.n);
    trop_jw_kstr(w, "software_primaryPurpose", jd->dataset ? "data" : "model");
    if (jd->dataset) {
        trop_jw_key(w, "dataset_datasetType");
        trop_jw_open(w, '[');
        trop_jw_item(w);
        trop_jw_str(w, "noAssertion");
        trop_jw_close(w, ']');
    }
    trop_jw_close(w, '}');
}

static void files(doc *d)
{
    const trop_judgement *jd = d->r->jd;
    trop_jw *w = d->w;
    for (size_t i = 0; i < jd->arts.n; i++) {
        const trop_art *a = &jd->arts.v[i];
        element(d, "software_File", "file", i + 1);
        trop_jw_kstrn(w, "name", a->path.s, a->path.n);
        trop_jw_kstr(w, "software_fileKind", "file");
        if (a->hashed) {
            trop_jw_key(w, "verifiedUsing");
            trop_jw_open(w, '[');
            trop_jw_item(w);
            trop_jw_open(w, '{');
            trop_jw_kstr(w, "type", "Hash");
            trop_jw_kstr(w, "algorithm", "sha256");
            trop_jw_kstr(w, "hashValue", a->sha256);
            trop_jw_close(w, '}');
            trop_jw_close(w, ']');
        }
        trop_jw_close(w, '}');
    }
    relationship(d, "release", 0, "contains", "file", NULL, jd->arts.n);
}

static void datasets(doc *d)
{
    const trop_judgement *jd = d->r->jd;
    size_t *train = jd->datasets.n ? calloc(jd->datasets.n, sizeof *train) : NULL;
    size_t *test = jd->datasets.n ? calloc(jd->datasets.n, sizeof *test) : NULL;
    size_t ntrain = 0, ntest = 0;
    if (jd->datasets.n && (!train || !test))
        d->w->err = TRO_ENOMEM;
    for (size_t i = 0; train && test && i < jd->datasets.n; i++) {
        const trop_dsrow *ds = &jd->datasets.v[i];
        element(d, "dataset_DatasetPackage", "dataset", i + 1);
        trop_jw_kstrn(d->w, "name", ds->id.s, ds->id.n);
        trop_jw_kstr(d->w, "software_primaryPurpose", "data");
        trop_jw_key(d->w, "dataset_datasetType");
        trop_jw_open(d->w, '[');
        trop_jw_item(d->w);
        trop_jw_str(d->w, "noAssertion");
        trop_jw_close(d->w, ']');
        trop_jw_close(d->w, '}');
        if (ds->license.s && *ds->license.s) {
            const char *one[] = {ds->license.s};
            declared(d, "dataset", i + 1, one, 1);
        }
        if (tro_dataset_role(tro_report_dataset(d->r, i)) == TRO_ROLE_EVALUATION)
            test[ntest++] = i + 1;
        else
            train[ntrain++] = i + 1;
    }
    relationship(d, "release", 0, "trainedOn", "dataset", train, ntrain);
    relationship(d, "release", 0, "testedOn", "dataset", test, ntest);
    free(train);
    free(test);
}

/* Base models; a step's child is the release at depth 1, else the closest
 * step before it one level up. */
static void lineage(doc *d)
{
    const trop_steps *ss = &d->r->jd->lineage;
    for (size_t i = 0; i < ss->n; i++) {
        const trop_step *s = &ss->v[i];
        element(d, "ai_AIPackage", "base", i + 1);
        trop_jw_kstrn(d->w, "name", s->id.s, s->id.n);
        trop_jw_kstr(d->w, "software_primaryPurpose", "model");
        trop_jw_close(d->w, '}');
        size_t child = 0;
        for (size_t k = i; s->depth > 1 && k-- > 0;)
            if (ss->v[k].depth == s->depth - 1) {
                child = k + 1;
                break;
            }
        size_t one[] = {child};
        if (child)
            relationship(d, "base", i + 1, "ancestorOf", "base", one, 1);
        else
            relationship(d, "base", i + 1, "ancestorOf", "release", one, 1);
        const char *lics[64];
        size_t n = 0;
        for (const char *e; n < 64 && (e = trop_sbom_nth(s->licenses, n)) != NULL;)
            lics[n++] = e;
        if (s->known)
            declared(d, "base", i + 1, lics, n);
    }
}

static void verdict_notes(doc *d)
{
    const tro_report *r = d->r;
    const trop_judgement *jd = r->jd;
    char *t = trop_asprintf("trulyopen verdict: %s (use_freedom %s, method_transparency %s, "
                            "data_access %s)",
                            tro_report_verdict(r), tro_status_name(jd->crit[0].status),
                            tro_status_name(jd->crit[1].status),
                            tro_status_name(jd->crit[2].status));
    if (t)
        annotation(d, t);
    free(t);
    for (int c = 0; t && c < 3; c++) {
        const trop_crit *cr = &jd->crit[c];
        size_t n = 64;
        for (size_t i = 0; i < cr->reasons.n; i++)
            n += cr->reasons.v[i].n + 2;
        char *s = malloc(n);
        if (!s) {
            d->w->err = TRO_ENOMEM;
            return;
        }
        int k = snprintf(s, n, "%s: %s", tro_criterion_name((tro_criterion)c),
                         tro_status_name(cr->status));
        for (size_t i = 0; i < cr->reasons.n; i++)
            k += snprintf(s + k, n - (size_t)k, "%s%s", i ? "; " : ": ", cr->reasons.v[i].s);
        annotation(d, s);
        free(s);
    }
    for (size_t i = 0; r->policy >= 0 && i <= r->pol.failures.n; i++) {
        char *p = i == 0 ? trop_asprintf("policy: %s", r->policy == 1 ? "met" : "not met")
                         : trop_asprintf("policy failure: %s", r->pol.failures.v[i - 1].s);
        if (p)
            annotation(d, p);
        else
            d->w->err = TRO_ENOMEM;
        free(p);
    }
}

static void licences(doc *d)
{
    const trop_judgement *jd = d->r->jd;
    const char **exprs = jd->licenses.n ? calloc(jd->licenses.n, sizeof *exprs) : NULL;
    size_t n = 0;
    if (jd->licenses.n && !exprs)
        d->w->err = TRO_ENOMEM;
    else if (exprs)
        trop_sbom_expressions(jd, exprs, &n);
    declared(d, "release", 0, exprs, n);
    free(exprs);
}

/* The elements of the licence expressions referred to so far. */
static void licence_elements(doc *d)
{
    for (size_t i = 0; i < d->nlics; i++) {
        element(d, "simplelicensing_LicenseExpression", "license", i + 1);
        trop_jw_kstr(d->w, "simplelicensing_licenseExpression", d->lics[i]);
        trop_jw_close(d->w, '}');
    }
}

int trop_report_spdx(const tro_report *r, const tro_render_options *o, char **out, size_t *len)
{
    char uuid[37];
    if (trop_sbom_uuid(r, o, "spdx", uuid))
        return TRO_ENOMEM;
    trop_jw w = {.compact = (o->flags & TRO_RENDER_COMPACT) != 0};
    doc d = {.w = &w, .r = r, .o = o};
    snprintf(d.base, sizeof d.base, "urn:uuid:%s#", uuid);
    trop_jw_open(&w, '{');
    trop_jw_kstr(&w, "@context", CONTEXT);
    trop_jw_key(&w, "@graph");
    trop_jw_open(&w, '[');
    header(&d);
    release(&d);
    if (!(o->flags & TRO_RENDER_NO_ARTIFACTS))
        files(&d);
    licences(&d);
    datasets(&d);
    lineage(&d);
    licence_elements(&d);
    verdict_notes(&d);
    trop_jw_close(&w, ']');
    trop_jw_close(&w, '}');
    free(d.lics);
    return trop_jw_finish(&w, out, len);
}
