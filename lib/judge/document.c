/*
 * The report document (lib/judge/report.h), built when it is first asked
 * for (a writer, a policy) rather than by tro_check(): a registry that only
 * reads the verdict and statuses never pays for the JSON tree. tro_check()
 * keeps what the document needs in a trop_pending: the judgement's parts,
 * and a copy of what it shows of the release (which may be freed before the
 * report is rendered).
 */
#include "pending.h"

#include <stdlib.h>
#include <string.h>

void trop_pending_free(trop_pending *p)
{
    if (!p)
        return;
    for (int i = 0; i < 3; i++) {
        trop_crit_clear(&p->crit[i]);
    }
    trop_lics_free(&p->licenses);
    trop_dsrows_free(&p->datasets);
    json_decref(p->lineage);
    trop_jfindings_free(&p->findings);
    json_decref(p->mof);
    free(p);
}

/* ---- taking a copy ------------------------------------------------------------- */

static size_t str_size(const char *s)
{
    return (s ? strlen(s) : 0) + 1;
}

/* A copy of s (NULL: ""), its bytes that are not UTF-8 replaced as the
 * report shows them (trop_jtext). */
static char *copy_str(char **at, const char *s)
{
    size_t n = s ? strlen(s) : 0;
    char *d = *at;
    if (n)
        memcpy(d, s, n);
    d[n] = '\0';
    trop_utf8_patch(d, n);
    *at += n + 1;
    return d;
}

/* Bytes for the release's strings and arrays after the struct. */
static size_t snapshot_size(const tro_release *rel, const tro_artifact *card)
{
    size_t n = sizeof(trop_pending) + rel->n * sizeof(snap_art) +
               rel->findings.n * sizeof(tro_finding) + str_size(rel->name) +
               str_size(card ? card->path : NULL);
    for (size_t i = 0; i < rel->n; i++)
        n += str_size(rel->arts[i]->path);
    for (size_t i = 0; i < rel->findings.n; i++) {
        const tro_finding *f = &rel->findings.v[i];
        n += str_size(f->code) + str_size(f->message) + str_size(f->path);
    }
    return n;
}

static void snapshot(trop_pending *p, const tro_release *rel, const tro_artifact *card)
{
    p->arts = (snap_art *)(p + 1);
    p->finds = (tro_finding *)(p->arts + rel->n);
    char *at = (char *)(p->finds + rel->findings.n);
    p->name = copy_str(&at, rel->name);
    p->card = card ? copy_str(&at, card->path) : NULL;
    p->nart = rel->n;
    for (size_t i = 0; i < rel->n; i++) {
        const tro_artifact *a = rel->arts[i];
        snap_art *s = &p->arts[i];
        s->path = copy_str(&at, a->path);
        s->size = a->size;
        s->type = a->type;
        s->hashed = a->hashed;
        memcpy(s->sha256, a->sha256, sizeof s->sha256);
        s->sha256_source = tro_artifact_sha256_source(a);
    }
    p->nfind = rel->findings.n;
    for (size_t i = 0; i < rel->findings.n; i++) {
        const tro_finding *f = &rel->findings.v[i];
        p->finds[i] = (tro_finding){.severity = f->severity,
                                    .code = copy_str(&at, f->code),
                                    .message = copy_str(&at, f->message),
                                    .path = copy_str(&at, f->path),
                                    .offset = f->offset};
    }
}

/* The MOF release file's classification (the first one), with the
 * components the evidence shows; *cls its class, -1 without one. */
static int mof_json(const tro_release *rel, const trop_judgement *jd, json_t **out, int *cls)
{
    *out = NULL;
    *cls = -1;
    for (size_t i = 0; i < rel->n; i++) {
        if (rel->arts[i]->type != TRO_TYPE_MOF)
            continue;
        json_t *m = NULL;
        if (trop_mof_classify(rel->arts[i]->meta, trop_mof_license_open, NULL, &m))
            return TRO_ENOMEM;
        *cls = (int)json_integer_value(json_object_get(m, "class"));
        if (json_object_set_new_nocheck(m, "path", json_string(rel->arts[i]->path)) ||
            json_object_set_new_nocheck(m, "evidence_components",
                                        trop_mof_evidence_json(jd->mof_shown))) {
            json_decref(m);
            return TRO_ENOMEM;
        }
        *out = m;
        return 0;
    }
    return 0;
}

int trop_pending_new(trop_pending **out, const tro_release *rel, trop_judgement *jd, int *mof_class)
{
    json_t *mof;
    *out = NULL;
    int rc = mof_json(rel, jd, &mof, mof_class);
    trop_pending *p = rc ? NULL : malloc(snapshot_size(rel, jd->card));
    if (!p) {
        json_decref(mof);
        return TRO_ENOMEM;
    }
    *p = (trop_pending){.own_use = jd->own_use,
                        .lineage = jd->lineage,
                        .mof_shown = jd->mof_shown,
                        .has_code = jd->has_code,
                        .has_paper = jd->has_paper,
                        .has_procedure = jd->has_procedure,
                        .mof = mof};
    /* taken over: the judgement no longer holds them */
    for (int i = 0; i < 3; i++)
        trop_crit_move(&p->crit[i], &jd->crit[i]);
    jd->lineage = NULL;
    p->datasets = jd->datasets;
    memset(&jd->datasets, 0, sizeof jd->datasets);
    p->licenses = jd->licenses;
    memset(&jd->licenses, 0, sizeof jd->licenses);
    p->findings = jd->findings;
    memset(&jd->findings, 0, sizeof jd->findings);
    snapshot(p, rel, jd->card);
    *out = p;
    return 0;
}

/* ---- building ------------------------------------------------------------------ */

static json_t *criteria_json(const trop_pending *p)
{
    json_t *o = json_object();
    for (int i = 0; o && i < 3; i++)
        if (json_object_set_new_nocheck(o, tro_criterion_name((tro_criterion)i),
                                        trop_crit_json(&p->crit[i]))) {
            json_decref(o);
            return NULL;
        }
    return o;
}

static json_t *artifacts_json(const trop_pending *p)
{
    json_t *arr = json_array();
    for (size_t i = 0; arr && i < p->nart; i++) {
        const snap_art *a = &p->arts[i];
        json_t *o = json_object();
        if (!o || json_array_append_new(arr, o) ||
            json_object_set_new_nocheck(o, "path", json_string_nocheck(a->path)) ||
            json_object_set_new_nocheck(o, "type", json_string_nocheck(tro_type_name(a->type))) ||
            json_object_set_new_nocheck(o, "size", json_integer((json_int_t)a->size)) ||
            json_object_set_new_nocheck(o, "sha256",
                                        a->hashed ? json_string_nocheck(a->sha256) : json_null()) ||
            json_object_set_new_nocheck(o, "sha256_source",
                                        a->sha256_source ? json_string_nocheck(a->sha256_source)
                                                         : json_null())) {
            json_decref(arr);
            return NULL;
        }
    }
    return arr;
}

/* The release's findings, then the judge's. */
static json_t *findings_json(const trop_pending *p)
{
    json_t *arr = json_array();
    for (size_t i = 0; arr && i < p->nfind; i++) {
        const tro_finding *f = &p->finds[i];
        json_t *o = json_object();
        int bad = !o || json_array_append_new(arr, o);
        bad = bad || json_object_set_new_nocheck(
                         o, "severity", json_string_nocheck(tro_severity_name(f->severity)));
        bad = bad || json_object_set_new_nocheck(o, "code", json_string_nocheck(f->code));
        bad = bad || json_object_set_new_nocheck(o, "message", json_string_nocheck(f->message));
        bad = bad || json_object_set_new_nocheck(o, "path", json_string_nocheck(f->path));
        if (!bad && f->offset >= 0)
            bad = json_object_set_new_nocheck(o, "offset", json_integer(f->offset));
        if (bad) {
            json_decref(arr);
            return NULL;
        }
    }
    for (size_t i = 0; arr && i < p->findings.n; i++)
        if (json_array_append_new(arr, trop_jfinding_json(&p->findings.v[i]))) {
            json_decref(arr);
            return NULL;
        }
    return arr;
}

static json_t *mof_placeholder(const trop_pending *p)
{
    json_t *m = json_object();
    if (!m || json_object_set_new_nocheck(m, "class", json_null()) ||
        json_object_set_new_nocheck(m, "label", json_null()) ||
        json_object_set_new_nocheck(m, "progress", json_null()) ||
        json_object_set_new_nocheck(m, "components", json_array()) ||
        json_object_set_new_nocheck(m, "evidence_components",
                                    trop_mof_evidence_json(p->mof_shown))) {
        json_decref(m);
        return NULL;
    }
    return m;
}

json_t *trop_pending_to_pass(const trop_pending *p)
{
    trop_judgement t;
    memset(&t, 0, sizeof t);
    for (int i = 0; i < 3; i++)
        t.crit[i].status = p->crit[i].status;
    t.own_use = p->own_use;
    t.licenses = p->licenses;
    t.datasets = p->datasets;
    t.lineage = p->lineage;
    t.findings = p->findings;
    t.has_code = p->has_code;
    t.has_paper = p->has_paper;
    t.has_procedure = p->has_procedure;
    t.to_pass = json_array();
    if (t.to_pass && trop_judge_to_pass(&t, p->finds, p->nfind)) {
        json_decref(t.to_pass);
        return NULL;
    }
    return t.to_pass;
}

static json_t *release_json(const trop_pending *p)
{
    json_t *o = json_object();
    if (o && (json_object_set_new_nocheck(o, "name", json_string_nocheck(p->name)) ||
              json_object_set_new_nocheck(o, "card",
                                          p->card ? json_string_nocheck(p->card) : json_null()))) {
        json_decref(o);
        o = NULL;
    }
    return o;
}

static json_t *build(const tro_report *r, const trop_pending *p)
{
    json_t *doc = trop_report_skeleton(), *findings = findings_json(p);
    json_t *to_pass = trop_pending_to_pass(p);
    if (!doc || !to_pass || json_object_set_new_nocheck(doc, "release", release_json(p)) ||
        json_object_set_new_nocheck(doc, "verdict", json_string_nocheck(tro_report_verdict(r))) ||
        json_object_set_new_nocheck(doc, "criteria", criteria_json(p)) ||
        json_object_set_new_nocheck(doc, "licenses", trop_lics_json(&p->licenses)) ||
        json_object_set_new_nocheck(doc, "artifacts", artifacts_json(p)) ||
        json_object_set_nocheck(doc, "findings", findings) ||
        json_object_set_nocheck(doc, "lineage", p->lineage) ||
        json_object_set_new_nocheck(doc, "datasets", trop_dsrows_json(&p->datasets)) ||
        json_object_set_new_nocheck(doc, "mof", p->mof ? json_incref(p->mof) : mof_placeholder(p)) ||
        json_object_set_nocheck(doc, "to_pass", to_pass)) {
        json_decref(doc);
        doc = NULL;
    }
    json_decref(findings);
    json_decref(to_pass);
    return doc;
}

json_t *trop_report_doc(const tro_report *r)
{
    json_t *doc = __atomic_load_n(&r->doc, __ATOMIC_ACQUIRE);
    if (doc || !r->pending)
        return doc;
    json_t *made = build(r, r->pending), *none = NULL;
    if (!made)
        return NULL;
    /* a report may be rendered by several threads at once: the first
     * document stored is the one; the others are dropped */
    if (__atomic_compare_exchange_n(&((tro_report *)r)->doc, &none, made, false, __ATOMIC_ACQ_REL,
                                    __ATOMIC_ACQUIRE))
        return made;
    json_decref(made);
    return none;
}
