/* Synthetic check reports for tests of what consumes them (policies, SARIF):
 * a judgement record (lib/judge/judgement.h) built from a JSON description
 * laid out as the report document is, wrapped in a report. Needs
 * TRO_BUILDING and -I lib/judge -I lib/report. */
#ifndef TRO_REPORT_FIXTURE_H
#define TRO_REPORT_FIXTURE_H

#include "internal.h"
#include "judge.h"
#include "report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct trt_rep {
    const char *name;  /* "model" when NULL */
    const char *card;  /* release.card; NULL gives null */
    json_t *criteria;  /* {use_freedom: {status, evidence?, reasons?}, ...}; taken */
    json_t *licenses;  /* taken; NULL gives [] */
    json_t *artifacts; /* taken; NULL gives [] */
    json_t *findings;  /* taken; NULL gives [] */
    int mof_class;     /* -1: no MOF release file (class null) */
} trt_rep;

/* {"use_freedom": {"status": uf}, ...} */
static inline json_t *trt_statuses(const char *uf, const char *mt, const char *da)
{
    return json_pack("{s:{s:s}, s:{s:s}, s:{s:s}}", "use_freedom", "status", uf,
                     "method_transparency", "status", mt, "data_access", "status", da);
}

static inline const char *trt_str(const json_t *o, const char *key)
{
    return json_string_value(json_object_get(o, key));
}

static inline int64_t trt_int(const json_t *o, const char *key, int64_t dflt)
{
    const json_t *v = json_object_get(o, key);
    return json_is_integer(v) ? (int64_t)json_integer_value(v) : dflt;
}

/* A string kept by the record (the description is freed). */
static inline const char *trt_keep(trop_judgement *jd, const char *s)
{
    return s ? trop_arena_copy(&jd->texts, s, strlen(s)) : NULL;
}

static inline tro_type trt_type(const char *name)
{
    for (int t = 0; t < TRO_TYPE__COUNT; t++)
        if (name && !strcmp(tro_type_name((tro_type)t), name))
            return (tro_type)t;
    return TRO_TYPE_OTHER;
}

/* The record's static source of a hash: as described, "computed" when
 * hashed and not described, NULL when not hashed. */
static inline const char *trt_sha256_source(const char *name, bool hashed)
{
    static const char *const known[] = {"computed", "hub-lfs"};
    for (size_t i = 0; hashed && name && i < sizeof known / sizeof *known; i++)
        if (!strcmp(name, known[i]))
            return known[i];
    return hashed ? "computed" : NULL;
}

static inline tro_severity trt_severity(const char *name)
{
    return !name ? TRO_SEVERITY_WARNING
           : !strcmp(name, "error") ? TRO_SEVERITY_ERROR
           : !strcmp(name, "info")  ? TRO_SEVERITY_INFO
                                    : TRO_SEVERITY_WARNING;
}

static inline void trt_criterion(trop_judgement *jd, trop_crit *c, const json_t *in)
{
    const char *st = trt_str(in, "status");
    size_t i;
    const json_t *v;
    c->status = trop_status_parse(st ? st : "unknown");
    json_array_foreach(json_object_get(in, "evidence"), i, v)
    {
        const char *kind = trt_keep(jd, trt_str(v, "kind") ? trt_str(v, "kind") : "");
        if (trop_evidence_add(c, kind, trt_str(v, "text"), trt_str(v, "path"), trt_str(v, "url"),
                              trt_int(v, "line", 0), trt_int(v, "offset", -1)))
            abort();
    }
    json_array_foreach(json_object_get(in, "reasons"), i, v)
    {
        if (trop_reason_add(c, "%s", json_string_value(v)))
            abort();
    }
}

/* The record the description gives, wrapped in a report. */
static inline tro_report *trt_report(trt_rep *d)
{
    trop_judgement *jd = calloc(1, sizeof *jd);
    if (!jd || !trop_arena_cstr(&jd->texts, d->name ? d->name : "model", &jd->name) ||
        (d->card && !trop_arena_cstr(&jd->texts, d->card, &jd->card_path)))
        abort();
    for (int c = 0; c < 3; c++) /* a criterion left out is unknown */
        trt_criterion(jd, &jd->crit[c],
                      json_object_get(d->criteria, tro_criterion_name((tro_criterion)c)));
    size_t i;
    const json_t *v;
    json_array_foreach(d->licenses, i, v)
    {
        trop_licstmt l = {.source = trt_keep(jd, trt_str(v, "source") ? trt_str(v, "source") : "card"),
                          .category = trt_keep(jd, trt_str(v, "category")),
                          .known = json_is_true(json_object_get(v, "known")),
                          .free = json_is_true(json_object_get(v, "free")),
                          .free_for_data = json_is_true(json_object_get(v, "free_for_data"))};
        if (trop_licstmt_add(&jd->licenses, &l, trt_str(v, "path"), trt_str(v, "statement"),
                             trt_str(v, "expression"), trt_str(v, "reason")))
            abort();
    }
    json_array_foreach(d->artifacts, i, v)
    {
        trop_art *a = trop_vec_add(&jd->arts);
        const char *sha = trt_str(v, "sha256");
        if (!a || !trop_arena_cstr(&jd->texts, trt_str(v, "path"), &a->path))
            abort();
        a->size = (uint64_t)trt_int(v, "size", 0);
        a->type = trt_type(trt_str(v, "type"));
        a->hashed = sha != NULL;
        snprintf(a->sha256, sizeof a->sha256, "%s", sha ? sha : "");
        a->sha256_source = trt_sha256_source(trt_str(v, "sha256_source"), a->hashed);
    }
    json_array_foreach(d->findings, i, v)
    {
        if (trop_jfinding_copy(&jd->rfindings, trt_severity(trt_str(v, "severity")),
                               trt_str(v, "code"), trt_str(v, "message"), trt_str(v, "path"),
                               trt_int(v, "offset", -1)))
            abort();
        jd->rfindings.v[jd->rfindings.n - 1].line = trt_int(v, "line", 0);
    }
    jd->mof.has_file = d->mof_class >= 0;
    jd->mof.cls = d->mof_class >= 0 ? d->mof_class : 0;
    jd->mof.label = trop_mof_class_label(jd->mof.cls);
    json_decref(d->criteria);
    json_decref(d->licenses);
    json_decref(d->artifacts);
    json_decref(d->findings);
    tro_report *r = trop_report_new(jd);
    if (!r)
        abort();
    return r;
}

/* A finding object as the report holds it; offset < 0 leaves it out. */
static inline json_t *trt_finding(const char *sev, const char *code, const char *path,
                                  long long offset, const char *message)
{
    json_t *f = json_pack("{s:s, s:s, s:s, s:s}", "severity", sev, "code", code, "message", message,
                          "path", path);
    if (offset >= 0)
        json_object_set_new(f, "offset", json_integer(offset));
    return f;
}

/* A licence statement as the report holds it (expression may be NULL). */
static inline json_t *trt_license(const char *path, const char *expression, const char *category)
{
    return json_pack("{s:s, s:s, s:s?, s:s?, s:s, s:b, s:b, s:b, s:s}", "source", "card", "path",
                     path, "statement", expression, "expression", expression, "category", category,
                     "known", expression != NULL, "free", 0, "free_for_data", 0, "reason", "");
}

#endif
