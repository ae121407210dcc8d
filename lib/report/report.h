/*
 * Private to lib/report: a check's report is the judgement record the judge
 * made (lib/judge/judgement.h) and, once a policy is applied, its outcome.
 * Every writer renders from these records; the JSON document they describe
 * is documented in trulyopen-report(5).
 *
 * Report document, format "trulyopen-report" version 1 (keys in this order):
 *   format, format_version, tool
 *   release      {name, card: path of the card judged or null}
 *   verdict      "truly-open" | "not-truly-open"
 *   criteria     {use_freedom, method_transparency, data_access}: each
 *                {status: "pass"|"partial"|"fail"|"unknown",
 *                 evidence: [{kind, text, path, url?, why?, line?, offset?}],
 *                 reasons: [string]}
 *   licenses     [{source, path, statement, expression, category, known,
 *                  free, free_for_data, reason}]
 *   artifacts    [{path, type, size, sha256, sha256_source}]   (left out
 *                with TRO_RENDER_NO_ARTIFACTS)
 *   findings     [{severity, code, message, path, offset?, waived?,
 *                  waiver?}]: the release's
 *                (sorted by path, offset, code), then the judge's
 *   lineage      [{id, relation, depth, resolved, source, verdict?,
 *                  criteria?: {use_freedom, method_transparency, data_access},
 *                  licenses?: [expression]}]
 *   datasets     [{id, declared_by: [string], resolved, source, license,
 *                  free_for_data}]
 *   mof          {class: 0-3 or null, label, progress: {"1","2","3"} or null,
 *                 components: [...], path (of the MOF file, when there is
 *                 one), evidence_components: [name]}
 *   to_pass      [string]: what would make the release pass
 *   policy       {passed, failures: [string]}   (after tro_report_apply_policy)
 */
#ifndef TROP_REPORT_H
#define TROP_REPORT_H

#include "../judge/judgement.h"

#define TROP_REPORT_FORMAT "trulyopen-report"
#define TROP_REPORT_FORMAT_VERSION 1

/* A licence an expression names, for the accessors (access.c). */
struct trop_lic;
typedef struct trop_rlic {
    const char *id;             /* as the expression writes it */
    const struct trop_lic *lic; /* the licence table's entry; NULL: not recognised */
} trop_rlic;

/* A licence statement as the accessors hand it out: the record's statement
 * and the licences of its expression. */
struct tro_statement {
    const trop_licstmt *l;
    const trop_rlic *lics;
    size_t n;
};

struct tro_report {
    trop_judgement *jd;        /* owned */
    int policy;                /* -1: not applied; 0: not met; 1: met */
    trop_strs policy_failures; /* texts in policy_texts */
    trop_arena policy_texts;
    /* Made with the report, so that the accessors only read (index.c). */
    trop_strs to_pass;           /* what would make the release pass */
    struct tro_statement *stmts; /* one per jd->licenses.v[i] */
    trop_arena texts;            /* to_pass, stmts and their licences */
};

/* Where an artifact's SHA-256 came from (static), NULL when not hashed. */
static inline const char *trop_sha256_source(const trop_art *a)
{
    return a->hashed ? a->sha256_source : NULL;
}

/* A report of jd (taken over, also on failure); NULL on ENOMEM. */
tro_report *trop_report_new(trop_judgement *jd);

/* What report.c makes from the record besides it (index.c): 0 or
 * TRO_ENOMEM. Freed with the report's texts. */
int trop_report_index(tro_report *r);

/* Rendering flags TRO_RENDER_* each writer takes (render.c checks them
 * against the format first). */
int trop_report_json(const tro_report *r, unsigned flags, char **out, size_t *len);
int trop_report_sarif(const tro_report *r, unsigned flags, char **out, size_t *len);
int trop_report_text(const tro_report *r, unsigned flags, char **out, size_t *len);

#endif
