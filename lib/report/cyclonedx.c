/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/*
 * The report as a CycloneDX 1.6 JSON bill of materials (an "ML-BOM"):
 *  - metadata.component: the release, a machine-learning-model (a dataset
 *    release: data) with its declared licences, its base models as
 *    pedigree.ancestors, a modelCard (the datasets it names, and as
 *    considerations what limits its openness) and the verdict, the
 *    criteria, the MOF class and the policy outcome as properties;
 *  - components: every artifact as a file with its SHA-256, then every
 *    dataset as a data component with its licence.
 * Names of properties start with "trulyopen:" (trulyopen-report(5) lists
 * them). The same report and options give the same bytes: the serial
 * number is derived from what is described, and the time is the caller's.
 */
#include "sbom.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void prop(trop_jw *w, const char *name, const char *value)
{
    trop_jw_item(w);
    trop_jw_open(w, '{');
    trop_jw_kstr(w, "name", name);
    trop_jw_kstr(w, "value", value ? value : "");
    trop_jw_close(w, '}');
}

/* licenses[]: one expression as {expression}; several, each as {license:
 * {id}} when it is one listed licence, else {license: {name}}. */
static void licenses(trop_jw *w, const char *const *v, size_t n)
{
    trop_jw_key(w, "licenses");
    trop_jw_open(w, '[');
    for (size_t i = 0; i < n; i++) {
        trop_jw_item(w);
        trop_jw_open(w, '{');
        if (n == 1 && !trop_sbom_is_spdx_id(v[i])) {
            trop_jw_kstr(w, "expression", v[i]);
            trop_jw_kstr(w, "acknowledgement", "declared");
        } else {
            trop_jw_key(w, "license");
            trop_jw_open(w, '{');
            trop_jw_kstr(w, trop_sbom_is_spdx_id(v[i]) ? "id" : "name", v[i]);
            trop_jw_kstr(w, "acknowledgement", "declared");
            trop_jw_close(w, '}');
        }
        trop_jw_close(w, '}');
    }
    trop_jw_close(w, ']');
}

static void ancestors(trop_jw *w, const trop_steps *ss)
{
    trop_jw_key(w, "pedigree");
    trop_jw_open(w, '{');
    trop_jw_key(w, "ancestors");
    trop_jw_open(w, '[');
    for (size_t i = 0; i < ss->n; i++) {
        const trop_step *s = &ss->v[i];
        char ref[32], depth[16];
        snprintf(ref, sizeof ref, "base-%zu", i + 1);
        snprintf(depth, sizeof depth, "%u", s->depth);
        trop_jw_item(w);
        trop_jw_open(w, '{');
        trop_jw_kstr(w, "type", "machine-learning-model");
        trop_jw_kstr(w, "bom-ref", ref);
        trop_jw_kstrn(w, "name", s->id.s, s->id.n);
        const char *lics[64];
        size_t n = 0;
        for (const char *e; n < 64 && (e = trop_sbom_nth(s->licenses, n)) != NULL;)
            lics[n++] = e;
        if (s->known && n)
            licenses(w, lics, n);
        trop_jw_key(w, "properties");
        trop_jw_open(w, '[');
        prop(w, "trulyopen:depth", depth);
        if (s->relation.s)
            prop(w, "trulyopen:relation", s->relation.s);
        prop(w, "trulyopen:resolved", s->resolved ? "true" : "false");
        if (s->source.s)
            prop(w, "trulyopen:source", s->source.s);
        if (s->known) {
            bool open = true;
            for (int c = 0; c < 3; c++) {
                char name[64];
                snprintf(name, sizeof name, "trulyopen:criterion:%s",
                         tro_criterion_name((tro_criterion)c));
                prop(w, name, tro_status_name(s->status[c]));
                open &= s->status[c] == TRO_STATUS_PASS;
            }
            prop(w, "trulyopen:verdict", open ? "truly-open" : "not-truly-open");
        }
        trop_jw_close(w, ']');
        trop_jw_close(w, '}');
    }
    trop_jw_close(w, ']');
    trop_jw_close(w, '}');
}

/* What keeps the release from being truly open, as the model card's
 * technical limitations: the reasons of each criterion that does not pass. */
static void considerations(trop_jw *w, const trop_judgement *jd)
{
    trop_jw_key(w, "considerations");
    trop_jw_open(w, '{');
    trop_jw_key(w, "technicalLimitations");
    trop_jw_open(w, '[');
    for (int c = 0; c < 3; c++) {
        const trop_crit *cr = &jd->crit[c];
        for (size_t i = 0; cr->status != TRO_STATUS_PASS && i < cr->reasons.n; i++) {
            char *t = trop_asprintf("%s (%s): %s", tro_criterion_name((tro_criterion)c),
                                    tro_status_name(cr->status), cr->reasons.v[i].s);
            trop_jw_item(w);
            if (t)
                trop_jw_str(w, t);
            else
                w->err = TRO_ENOMEM;
            free(t);
        }
    }
    trop_jw_close(w, ']');
    trop_jw_close(w, '}');
}

static void model_card(trop_jw *w, const trop_judgement *jd)
{
    trop_jw_key(w, "modelCard");
    trop_jw_open(w, '{');
    trop_jw_key(w, "modelParameters");
    trop_jw_open(w, '{');
    trop_jw_key(w, "datasets");
    trop_jw_open(w, '[');
    for (size_t i = 0; i < jd->datasets.n; i++) {
        char ref[32];
        snprintf(ref, sizeof ref, "dataset-%zu", i + 1);
        trop_jw_item(w);
        trop_jw_open(w, '{');
        trop_jw_kstr(w, "ref", ref);
        trop_jw_close(w, '}');
    }
    trop_jw_close(w, ']');
    trop_jw_close(w, '}');
    considerations(w, jd);
    trop_jw_close(w, '}');
}

static void release_properties(trop_jw *w, const tro_report *r)
{
    const trop_judgement *jd = r->jd;
    char buf[32];
    trop_jw_key(w, "properties");
    trop_jw_open(w, '[');
    prop(w, "trulyopen:verdict", tro_report_verdict(r));
    for (int c = 0; c < 3; c++) {
        char name[64];
        snprintf(name, sizeof name, "trulyopen:criterion:%s", tro_criterion_name((tro_criterion)c));
        prop(w, name, tro_status_name(jd->crit[c].status));
    }
    if (jd->card_path.s)
        prop(w, "trulyopen:card", jd->card_path.s);
    if (jd->mof.has_file) {
        snprintf(buf, sizeof buf, "%d", jd->mof.cls);
        prop(w, "trulyopen:mof_class", buf);
    }
    size_t counts[3] = {0, 0, 0}, waived = 0;
    for (size_t i = 0; i < trop_report_finding_count(r); i++) {
        const trop_jfinding *f = trop_report_finding(r, i);
        counts[f->sev]++;
        waived += f->waived;
    }
    static const char *const sev[] = {"trulyopen:findings:info", "trulyopen:findings:warning",
                                      "trulyopen:findings:error"};
    for (int s = 2; s >= 0; s--) {
        snprintf(buf, sizeof buf, "%zu", counts[s]);
        prop(w, sev[s], buf);
    }
    if (waived) {
        snprintf(buf, sizeof buf, "%zu", waived);
        prop(w, "trulyopen:findings:waived", buf);
    }
    if (r->policy >= 0) {
        prop(w, "trulyopen:policy", r->policy == 1 ? "met" : "not met");
        for (size_t i = 0; i < r->pol.failures.n; i++)
            prop(w, "trulyopen:policy:failure", r->pol.failures.v[i].s);
    }
    trop_jw_close(w, ']');
}

static void release(trop_jw *w, const tro_report *r)
{
    const trop_judgement *jd = r->jd;
    trop_jw_open(w, '{');
    trop_jw_kstr(w, "type", jd->dataset ? "data" : "machine-learning-model");
    trop_jw_kstr(w, "bom-ref", "release");
    trop_jw_kstrn(w, "name", jd->name.s, jd->name.n);
    const char **exprs = jd->licenses.n ? calloc(jd->licenses.n, sizeof *exprs) : NULL;
    size_t n = 0;
    if (jd->licenses.n && !exprs)
        w->err = TRO_ENOMEM;
    else if (exprs)
        trop_sbom_expressions(jd, exprs, &n);
    if (n)
        licenses(w, exprs, n);
    free(exprs);
    if (jd->lineage.n)
        ancestors(w, &jd->lineage);
    if (!jd->dataset)
        model_card(w, jd);
    release_properties(w, r);
    trop_jw_close(w, '}');
}

static void files(trop_jw *w, const trop_judgement *jd)
{
    for (size_t i = 0; i < jd->arts.n; i++) {
        const trop_art *a = &jd->arts.v[i];
        char size[32];
        snprintf(size, sizeof size, "%llu", (unsigned long long)a->size);
        char *ref = trop_asprintf("file:%s", a->path.s);
        trop_jw_item(w);
        trop_jw_open(w, '{');
        trop_jw_kstr(w, "type", "file");
        if (ref)
            trop_jw_kstr(w, "bom-ref", ref);
        else
            w->err = TRO_ENOMEM;
        free(ref);
        trop_jw_kstrn(w, "name", a->path.s, a->path.n);
        if (a->hashed) {
            trop_jw_key(w, "hashes");
            trop_jw_open(w, '[');
            trop_jw_item(w);
            trop_jw_open(w, '{');
            trop_jw_kstr(w, "alg", "SHA-256");
            trop_jw_kstr(w, "content", a->sha256);
            trop_jw_close(w, '}');
            trop_jw_close(w, ']');
        }
        trop_jw_key(w, "properties");
        trop_jw_open(w, '[');
        prop(w, "trulyopen:type", tro_type_name(a->type));
        prop(w, "trulyopen:size", size);
        trop_jw_close(w, ']');
        trop_jw_close(w, '}');
    }
}

static void datasets(trop_jw *w, const tro_report *r)
{
    const trop_judgement *jd = r->jd;
    for (size_t i = 0; i < jd->datasets.n; i++) {
        const trop_dsrow *d = &jd->datasets.v[i];
        char ref[32];
        snprintf(ref, sizeof ref, "dataset-%zu", i + 1);
        trop_jw_item(w);
        trop_jw_open(w, '{');
        trop_jw_kstr(w, "type", "data");
        trop_jw_kstr(w, "bom-ref", ref);
        trop_jw_kstrn(w, "name", d->id.s, d->id.n);
        if (d->license.s && *d->license.s) {
            const char *one[] = {d->license.s};
            licenses(w, one, 1);
        }
        trop_jw_key(w, "data");
        trop_jw_open(w, '[');
        trop_jw_item(w);
        trop_jw_open(w, '{');
        trop_jw_kstr(w, "type", "dataset");
        trop_jw_kstrn(w, "name", d->id.s, d->id.n);
        trop_jw_close(w, '}');
        trop_jw_close(w, ']');
        trop_jw_key(w, "properties");
        trop_jw_open(w, '[');
        prop(w, "trulyopen:role", tro_data_role_name(tro_dataset_role(tro_report_dataset(r, i))));
        prop(w, "trulyopen:resolved", d->resolved ? "true" : "false");
        if (d->source.s)
            prop(w, "trulyopen:source", d->source.s);
        prop(w, "trulyopen:free_for_data", d->free < 0 ? "unknown" : d->free ? "true" : "false");
        const char *by;
        for (size_t k = 0; (by = trop_sbom_nth(d->by, k)) != NULL; k++)
            prop(w, "trulyopen:declared_by", by);
        trop_jw_close(w, ']');
        trop_jw_close(w, '}');
    }
}

int trop_report_cyclonedx(const tro_report *r, const tro_render_options *o, char **out,
                          size_t *len)
{
    char uuid[37], serial[64], when[21];
    if (trop_sbom_uuid(r, o, "cyclonedx", uuid))
        return TRO_ENOMEM;
    snprintf(serial, sizeof serial, "urn:uuid:%s", uuid);
    trop_jw w = {.compact = (o->flags & TRO_RENDER_COMPACT) != 0};
    trop_jw_open(&w, '{');
    trop_jw_kstr(&w, "$schema", "http://cyclonedx.org/schema/bom-1.6.schema.json");
    trop_jw_kstr(&w, "bomFormat", "CycloneDX");
    trop_jw_kstr(&w, "specVersion", "1.6");
    trop_jw_kstr(&w, "serialNumber", serial);
    trop_jw_kint(&w, "version", 1);
    trop_jw_key(&w, "metadata");
    trop_jw_open(&w, '{');
    if (o->created) {
        trop_sbom_time(o->created, when);
        trop_jw_kstr(&w, "timestamp", when);
    }
    trop_jw_key(&w, "tools");
    trop_jw_open(&w, '{');
    trop_jw_key(&w, "components");
    trop_jw_open(&w, '[');
    trop_jw_item(&w);
    trop_jw_open(&w, '{');
    trop_jw_kstr(&w, "type", "application");
    trop_jw_kstr(&w, "name", "trulyopen");
    trop_jw_kstr(&w, "version", tro_version_string());
    trop_jw_close(&w, '}');
    trop_jw_close(&w, ']');
    trop_jw_close(&w, '}');
    trop_jw_key(&w, "component");
    release(&w, r);
    trop_jw_close(&w, '}');
    trop_jw_key(&w, "components");
    trop_jw_open(&w, '[');
    if (!(o->flags & TRO_RENDER_NO_ARTIFACTS))
        files(&w, r->jd);
    datasets(&w, r);
    trop_jw_close(&w, ']');
    trop_jw_close(&w, '}');
    return trop_jw_finish(&w, out, len);
}
