/*
 * Private: the report a check produces. The JSON document is the report
 * (trulyopen-report(5) documents it; the writers in lib/report render it);
 * the C fields cache what the accessors return.
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

#include "internal.h"

#define TROP_REPORT_FORMAT "trulyopen-report"
#define TROP_REPORT_FORMAT_VERSION 1

/* What tro_check() keeps to build the document when it is first asked
 * for (lib/judge/document.c). */
typedef struct trop_pending trop_pending;
void trop_pending_free(trop_pending *p);

struct tro_report {
    json_t *doc;           /* NULL until built from pending: use trop_report_doc() */
    trop_pending *pending; /* NULL when doc was made at once */
    tro_status status[3];
    int mof_class;         /* -1: no MOF release file */
    int policy;            /* -1: not applied; 0: not met; 1: met */
};

/* A new report with an empty document skeleton; NULL on ENOMEM. */
tro_report *trop_report_new(void);
/* A new report whose document will be built from p (taken over, also on
 * failure); NULL on ENOMEM. */
tro_report *trop_report_new_pending(trop_pending *p);
/* The document's first keys (format, format_version, tool); NULL on ENOMEM. */
json_t *trop_report_skeleton(void);
/* The report's document, built on first use (thread-safe); borrowed from
 * r, NULL on ENOMEM. */
json_t *trop_report_doc(const tro_report *r);
/* Writing the report's JSON text as it goes, formatted as the tree is
 * (lib/report/json.c): open/close containers, a key before each member of
 * an object, trop_jw_item() before each item of an array, then one value.
 * Errors are kept in err (TRO_ENOMEM); the text is in o.s (o.n bytes). */
typedef struct trop_jw_out {
    char *s;
    size_t n, cap;
    bool compact; /* TRO_JSON_COMPACT: no newlines or indentation */
} trop_jw_out;
typedef struct trop_jw {
    trop_jw_out o; /* first: the writer's buffer */
    unsigned depth;
    uint64_t items; /* bit d: the container at depth d has items */
    int err;
} trop_jw;
void trop_jw_open(trop_jw *w, char c); /* '{' or '[' */
void trop_jw_close(trop_jw *w, char c);
void trop_jw_key(trop_jw *w, const char *key);
void trop_jw_item(trop_jw *w);
void trop_jw_str(trop_jw *w, const char *s); /* NULL: null; s valid UTF-8 */
void trop_jw_strn(trop_jw *w, const char *s, size_t n);
void trop_jw_int(trop_jw *w, int64_t v);
void trop_jw_json(trop_jw *w, const json_t *v); /* also null, true, false */
/* Writes r's document from r->pending (lib/judge/document_json.c). */
int trop_pending_write(const tro_report *r, trop_jw *w);

/* Status name <-> value. */
tro_status trop_status_parse(const char *name);

#endif
