/* Synthetic check reports for tests of what consumes them (policies, SARIF):
 * a document laid out as lib/judge/report.h describes, built with
 * trop_report_new() and json_pack(), with the C fields the accessors read
 * kept in step. Needs TRO_BUILDING and -I lib/judge. */
#ifndef TRO_REPORT_FIXTURE_H
#define TRO_REPORT_FIXTURE_H

#include "internal.h"
#include "report.h"

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

/* Fills in what the description leaves out, in report.h's key order. */
static inline tro_report *trt_report(trt_rep *d)
{
    tro_report *r = trop_report_new();
    json_t *crit = json_object();
    if (!r || !crit)
        abort();
    for (int c = 0; c < 3; c++) { /* a criterion left out is unknown */
        const char *name = tro_criterion_name((tro_criterion)c);
        json_t *in = json_object_get(d->criteria, name);
        const char *st = json_string_value(json_object_get(in, "status"));
        json_t *ev = json_object_get(in, "evidence"), *why = json_object_get(in, "reasons");
        r->status[c] = trop_status_parse(st ? st : "unknown");
        json_object_set_new(crit, name,
                            json_pack("{s:s, s:o, s:o}", "status", st ? st : "unknown", "evidence",
                                      ev ? json_incref(ev) : json_array(), "reasons",
                                      why ? json_incref(why) : json_array()));
    }
    json_decref(d->criteria);
    r->mof_class = d->mof_class;
    json_t *mof = d->mof_class >= 0 ? json_integer(d->mof_class) : json_null();
    json_t *rest = json_pack(
        "{s:{s:s, s:s?}, s:s, s:o, s:o, s:o, s:o, s:[], s:[], s:{s:o, s:s, s:n, s:[], s:[]}, s:[]}",
        "release", "name", d->name ? d->name : "model", "card", d->card, "verdict",
        tro_report_verdict(r), "criteria", crit, "licenses",
        d->licenses ? d->licenses : json_array(), "artifacts",
        d->artifacts ? d->artifacts : json_array(), "findings",
        d->findings ? d->findings : json_array(), "lineage", "datasets", "mof", "class", mof,
        "label", d->mof_class > 0 ? "Class" : "Unclassified", "progress", "components",
        "evidence_components", "to_pass");
    if (!rest || json_object_update(r->doc, rest))
        abort();
    json_decref(rest);
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
