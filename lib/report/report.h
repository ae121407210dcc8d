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
 *                 evidence: [{kind, text, path, url?, line?, offset?}],
 *                 reasons: [string]}
 *   licenses     [{source, path, statement, expression, category, known,
 *                  free, free_for_data, reason}]
 *   artifacts    [{path, type, size, sha256}]
 *   findings     [{severity, code, message, path, offset?}]: the release's
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

struct tro_report {
    trop_judgement *jd;        /* owned */
    int policy;                /* -1: not applied; 0: not met; 1: met */
    trop_strs policy_failures; /* texts in policy_texts */
    trop_arena policy_texts;
};

/* A report of jd (taken over, also on failure); NULL on ENOMEM. */
tro_report *trop_report_new(trop_judgement *jd);

/* What would make the release pass, for a writer: *out (texts in *texts;
 * free both) or TRO_ENOMEM. */
int trop_report_to_pass(const tro_report *r, trop_strs *out, trop_arena *texts);

#endif
