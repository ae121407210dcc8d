/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* Reading a report part by part, and rendering it with options: everything
 * the JSON document of trulyopen-report(5) holds, reachable without JSON. */
#ifndef TRULYOPEN_REPORT_H
#define TRULYOPEN_REPORT_H

#ifndef TRULYOPEN_H_INSIDE
#error "include <trulyopen.h>, not the headers under trulyopen/"
#endif

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Conventions of every accessor below:
 *  - The parts of a report are opaque and borrowed from it: a pointer (and
 *    every string read from it) is valid until tro_report_free(). The
 *    outcome of a policy is the exception: tro_report_apply_policy()
 *    replaces it, and with it the strings read from it.
 *  - Lists are read as a count and an index: an index out of range gives
 *    NULL. Every accessor accepts NULL (a report, a part) and then returns
 *    NULL, 0, or the value documented for "not known".
 *  - Strings are UTF-8. Those said to be static are the library's own
 *    constants; names of kinds, sources and statuses are stable, as in the
 *    JSON document, whose key is given in brackets.
 *  - A report is only read by these functions: several threads may read
 *    one report at once.
 */

/* ---- The release ------------------------------------------------------------ */

/** Name or path of the release judged [release.name]. */
TRO_API const char *tro_report_release_name(const tro_report *report);
/** Path of the card it was judged by, or NULL when it has none [release.card]. */
TRO_API const char *tro_report_card_path(const tro_report *report);

/* ---- Criteria: evidence and reasons --------------------------------------------- */

/** One piece of evidence a criterion's status rests on. */
typedef struct tro_evidence tro_evidence;

/** Number of evidence items of a criterion [criteria.NAME.evidence]. */
TRO_API size_t tro_report_evidence_count(const tro_report *report, tro_criterion criterion);
/** Evidence item i of a criterion, or NULL. */
TRO_API const tro_evidence *tro_report_evidence(const tro_report *report,
                                                tro_criterion criterion, size_t i);
/** What sort of evidence: "license", "base-model", "training-code",
 *  "paper", "training-procedure", "dataset" [kind]. Static. */
TRO_API const char *tro_evidence_kind(const tro_evidence *e);
/** The words or value quoted [text]. */
TRO_API const char *tro_evidence_text(const tro_evidence *e);
/** The artifact it was found in, "" when it is not one file [path]. */
TRO_API const char *tro_evidence_path(const tro_evidence *e);
/** The URL it names, or NULL [url]. */
TRO_API const char *tro_evidence_url(const tro_evidence *e);
/** Why it counted, or NULL when the judge does not say [why]. */
TRO_API const char *tro_evidence_why(const tro_evidence *e);
/** 1-based line in the artifact, or 0 when not known [line]. */
TRO_API int64_t tro_evidence_line(const tro_evidence *e);
/** Byte offset in the artifact, or -1 when not known [offset]. */
TRO_API int64_t tro_evidence_offset(const tro_evidence *e);

/** Number of reasons given for a criterion's status [criteria.NAME.reasons]. */
TRO_API size_t tro_report_reason_count(const tro_report *report, tro_criterion criterion);
/** Reason i, a sentence, or NULL. */
TRO_API const char *tro_report_reason(const tro_report *report, tro_criterion criterion,
                                      size_t i);

/* ---- Licence statements ----------------------------------------------------------- */

/** One licence statement of the release: where it was found, as written,
 *  and what it was understood as. */
typedef struct tro_statement tro_statement;

/** Number of licence statements [licenses]. */
TRO_API size_t tro_report_license_count(const tro_report *report);
/** Statement i, or NULL. */
TRO_API const tro_statement *tro_report_license(const tro_report *report, size_t i);
/** Where it was stated: "card", "license-file", "gguf", "safetensors",
 *  "mof", "mof-component", "card-text", "croissant", "datapackage"
 *  [source]. Static. */
TRO_API const char *tro_statement_source(const tro_statement *s);
/** The artifact that states it [path]. */
TRO_API const char *tro_statement_path(const tro_statement *s);
/** The statement as written [statement]. */
TRO_API const char *tro_statement_text(const tro_statement *s);
/** Its normalised SPDX expression, or NULL when it did not parse [expression]. */
TRO_API const char *tro_statement_expression(const tro_statement *s);
/** Its category (of the whole expression) [category]. */
TRO_API tro_license_category tro_statement_category(const tro_statement *s);
/** 1 when the licence was recognised, else 0 [known]. */
TRO_API int tro_statement_known(const tro_statement *s);
/** 1 when a model under it is free to use for any purpose [free]. */
TRO_API int tro_statement_free(const tro_statement *s);
/** 1 when data under it is free for training [free_for_data]. */
TRO_API int tro_statement_free_for_data(const tro_statement *s);
/** Why it has its category, a sentence [reason]. */
TRO_API const char *tro_statement_reason(const tro_statement *s);
/** Number of distinct licences its expression names (0 without one). */
TRO_API size_t tro_statement_license_count(const tro_statement *s);
/** Id of licence i, in the order of the expression ("Apache-2.0",
 *  "LicenseRef-trulyopen-llama-2"), or NULL. */
TRO_API const char *tro_statement_license_id(const tro_statement *s, size_t i);
/** Full name of licence i (its id when it has none), or NULL. */
TRO_API const char *tro_statement_license_name(const tro_statement *s, size_t i);
/** Category of licence i (TRO_LICENSE_UNKNOWN when not recognised or out
 *  of range). */
TRO_API tro_license_category tro_statement_license_category(const tro_statement *s, size_t i);
/** TRO_LICENSE_* flags of licence i, as tro_license_result_flags() gives
 *  them (0 when not recognised or out of range). */
TRO_API unsigned int tro_statement_license_flags(const tro_statement *s, size_t i);
/** Why licence i has its category, or NULL when out of range. */
TRO_API const char *tro_statement_license_reason(const tro_statement *s, size_t i);

/* ---- Findings ------------------------------------------------------------------------ */

/** A finding as the report keeps it: the release's own, then the check's. */
typedef struct tro_judged_finding tro_judged_finding;

/** Number of findings: the release's (sorted by path, offset, code), then
 *  the check's [findings]. */
TRO_API size_t tro_report_finding_count(const tro_report *report);
/** Finding i, or NULL. */
TRO_API const tro_judged_finding *tro_report_finding(const tro_report *report, size_t i);
/** [severity] */
TRO_API tro_severity tro_judged_finding_severity(const tro_judged_finding *f);
/** Stable kebab-case code ("license-laundering") [code]. */
TRO_API const char *tro_judged_finding_code(const tro_judged_finding *f);
/** [message] */
TRO_API const char *tro_judged_finding_message(const tro_judged_finding *f);
/** The artifact concerned, "" for the whole release [path]. */
TRO_API const char *tro_judged_finding_path(const tro_judged_finding *f);
/** Byte offset in that artifact, or -1 when not applicable [offset]. */
TRO_API int64_t tro_judged_finding_offset(const tro_judged_finding *f);
/** 1-based line in that artifact, or 0 when not known. */
TRO_API int64_t tro_judged_finding_line(const tro_judged_finding *f);
/** 1 when a waiver of the policy applied accepted it, else 0 [waived]. */
TRO_API int tro_judged_finding_waived(const tro_judged_finding *f);
/** The waiver's reason, or NULL [waiver]. */
TRO_API const char *tro_judged_finding_waiver(const tro_judged_finding *f);

/* ---- Artifacts ------------------------------------------------------------------------ */

/** A file of the release as the report records it (its provenance). */
typedef struct tro_judged_artifact tro_judged_artifact;

/** Number of artifacts judged, sorted by path [artifacts]. */
TRO_API size_t tro_report_artifact_count(const tro_report *report);
/** Artifact i, or NULL. */
TRO_API const tro_judged_artifact *tro_report_artifact(const tro_report *report, size_t i);
/** Path relative to the release root [path]. */
TRO_API const char *tro_judged_artifact_path(const tro_judged_artifact *a);
/** [type] (tro_type_name() gives its name) */
TRO_API tro_type tro_judged_artifact_type(const tro_judged_artifact *a);
/** Size in bytes [size]. */
TRO_API uint64_t tro_judged_artifact_size(const tro_judged_artifact *a);
/** Lowercase hex SHA-256, or NULL when not hashed [sha256]. */
TRO_API const char *tro_judged_artifact_sha256(const tro_judged_artifact *a);
/** Where the SHA-256 came from: "computed" (trulyopen hashed the bytes) or
 *  "hub-lfs" (the Hugging Face Hub's value for a Git LFS file of a release
 *  opened with tro_hub_open()); other sources may be added. NULL when not
 *  hashed [sha256_source]. Static. */
TRO_API const char *tro_judged_artifact_sha256_source(const tro_judged_artifact *a);

/* ---- Lineage --------------------------------------------------------------------------- */

/** A base model followed from the release (depth 1), or from a base (2...). */
typedef struct tro_lineage_step tro_lineage_step;

/** Number of base models followed [lineage]. */
TRO_API size_t tro_report_lineage_count(const tro_report *report);
/** Step i, or NULL. */
TRO_API const tro_lineage_step *tro_report_lineage(const tro_report *report, size_t i);
/** Its Hub id [id]. */
TRO_API const char *tro_lineage_step_id(const tro_lineage_step *s);
/** The card's base_model_relation ("finetune", "adapter", "quantized",
 *  "merge"), or NULL [relation]. */
TRO_API const char *tro_lineage_step_relation(const tro_lineage_step *s);
/** 1 for a base of the release, 2 for a base of a base... [depth]. */
TRO_API unsigned int tro_lineage_step_depth(const tro_lineage_step *s);
/** 1 when its release was found and judged [resolved]. */
TRO_API int tro_lineage_step_resolved(const tro_lineage_step *s);
/** Where it was known from ("catalog:PATH", "resolver", "builtin"), or NULL
 *  when unknown [source]. */
TRO_API const char *tro_lineage_step_source(const tro_lineage_step *s);
/** 1 when something is known of it: its statuses, verdict and licences. */
TRO_API int tro_lineage_step_known(const tro_lineage_step *s);
/** Status of one of its criteria (TRO_STATUS_UNKNOWN when not known)
 *  [criteria]. */
TRO_API tro_status tro_lineage_step_status(const tro_lineage_step *s, tro_criterion criterion);
/** "truly-open" or "not-truly-open", NULL when not known [verdict]. Static. */
TRO_API const char *tro_lineage_step_verdict(const tro_lineage_step *s);
/** Number of its licence expressions [licenses]. */
TRO_API size_t tro_lineage_step_license_count(const tro_lineage_step *s);
/** Licence expression i, or NULL. */
TRO_API const char *tro_lineage_step_license(const tro_lineage_step *s, size_t i);

/* ---- Datasets ---------------------------------------------------------------------------- */

/** A dataset the release declares. */
typedef struct tro_dataset tro_dataset;

/** What a dataset was used for. Stable values. */
typedef enum tro_data_role {
    TRO_ROLE_TRAINING = 0,    /**< the release's training data: judged by data access */
    TRO_ROLE_EVALUATION = 1,  /**< evaluation data only: never counted */
    TRO_ROLE_FINE_TUNING = 2, /**< the data a derivative was fine-tuned on: counted */
    TRO_ROLE_BASE = 3         /**< a base model's data: counted through the lineage */
} tro_data_role;

/** "training", "evaluation", "fine-tuning" or "base". Static. */
TRO_API const char *tro_data_role_name(tro_data_role role);

/** Number of datasets declared [datasets]. */
TRO_API size_t tro_report_dataset_count(const tro_report *report);
/** Dataset i, or NULL. */
TRO_API const tro_dataset *tro_report_dataset(const tro_report *report, size_t i);
/** Its Hub id or name [id]. */
TRO_API const char *tro_dataset_id(const tro_dataset *d);
/** Number of places that declare it [declared_by]. */
TRO_API size_t tro_dataset_declared_by_count(const tro_dataset *d);
/** Place i, such as "card datasets" or "card link (line 12)", or NULL. */
TRO_API const char *tro_dataset_declared_by(const tro_dataset *d, size_t i);
/** 1 when it was resolved [resolved]. */
TRO_API int tro_dataset_resolved(const tro_dataset *d);
/** Where it was resolved ("catalog:PATH", "resolver", "release:PATH",
 *  "mof", "builtin" for the built-in table of datasets), or NULL [source]. */
TRO_API const char *tro_dataset_source(const tro_dataset *d);
/** Its licence expression, or NULL [license]. */
TRO_API const char *tro_dataset_license(const tro_dataset *d);
/** 1 when free for training data, 0 when not, -1 when not known
 *  [free_for_data]. */
TRO_API int tro_dataset_free_for_data(const tro_dataset *d);
/** What it was used for [role]: the release's own training or fine-tuning
 *  data, its base model's, or an evaluation set it declares (not counted). */
TRO_API tro_data_role tro_dataset_role(const tro_dataset *d);

/* ---- The Model Openness Framework -------------------------------------------------------- */

/** One component of the framework, as the release's MOF file gives it. */
typedef struct tro_mof_component tro_mof_component;

/* tro_report_mof_class() (check.h) gives the class. */
/** Label of the class ("Class I - Open Science Model"), or NULL without a
 *  MOF release file [mof.label]. Static. */
TRO_API const char *tro_report_mof_label(const tro_report *report);
/** Progress towards class 1, 2 or 3, in percent; -1 without a MOF release
 *  file or for another class [mof.progress]. */
TRO_API double tro_report_mof_progress(const tro_report *report, int mof_class);
/** Path of the MOF release file, or NULL [mof.path]. */
TRO_API const char *tro_report_mof_path(const tro_report *report);
/** Number of components the MOF release file lists [mof.components]. */
TRO_API size_t tro_report_mof_component_count(const tro_report *report);
/** Component i, or NULL. */
TRO_API const tro_mof_component *tro_report_mof_component(const tro_report *report, size_t i);
/** Its name in the framework ("Training code") [name]. Static. */
TRO_API const char *tro_mof_component_name(const tro_mof_component *c);
/** The class (1-3) it counts towards [class]. */
TRO_API int tro_mof_component_class(const tro_mof_component *c);
/** "code", "data" or "document" [content_type]. Static. */
TRO_API const char *tro_mof_component_content_type(const tro_mof_component *c);
/** 1 when its class requires it [required]. */
TRO_API int tro_mof_component_required(const tro_mof_component *c);
/** "open", "not-open", "unlicensed" or "missing" [status]. Static. */
TRO_API const char *tro_mof_component_status(const tro_mof_component *c);
/** Its licence, or NULL [license]. */
TRO_API const char *tro_mof_component_license(const tro_mof_component *c);
/** Number of framework components the evidence shows, with or without a
 *  MOF file [mof.evidence_components]. */
TRO_API size_t tro_report_mof_evidence_count(const tro_report *report);
/** Name of component i, or NULL. Static. */
TRO_API const char *tro_report_mof_evidence(const tro_report *report, size_t i);

/* ---- What would make it pass, and the policy's outcome ----------------------------------- */

/** Number of steps that would make the release pass [to_pass]. */
TRO_API size_t tro_report_to_pass_count(const tro_report *report);
/** Step i, a sentence, or NULL. */
TRO_API const char *tro_report_to_pass(const tro_report *report, size_t i);

/** Outcome of the policy applied last (tro_report_apply_policy()): 1 met,
 *  0 not met, -1 when no policy was applied [policy.passed]. */
TRO_API int tro_report_policy_passed(const tro_report *report);
/** Number of requirements not met [policy.failures]. */
TRO_API size_t tro_report_policy_failure_count(const tro_report *report);
/** Failure i, a sentence, or NULL; valid until the report is freed or a
 *  policy applied again. */
TRO_API const char *tro_report_policy_failure(const tro_report *report, size_t i);

/* ---- Tables ---------------------------------------------------------------------------- */

/*
 * The same parts as rows and columns, for a program that keeps reports in a
 * database or a spreadsheet: one loop over the tables, their columns and a
 * report's rows stores everything the JSON document (trulyopen-report(5))
 * holds, where the accessors above need a loop per part. A table is named
 * after the document's key and a column after the key of that part's
 * objects, but where the document nests or keys otherwise: "release" and
 * "card" (release.name, release.card), "mof_class" (mof.class), "criterion"
 * (a key of criteria), "step" (an item of to_pass), "progress_N"
 * (mof.progress.N), "component" (an item of mof.evidence_components),
 * "failure" (an item of policy.failures); the tables of a list inside an
 * item (dataset_declarations, lineage_criteria, lineage_licenses) start
 * with the item's "id". The columns of a table, their order and their
 * types are stable; later versions only add tables at the end of tro_table
 * (TRO_TABLE_COUNT grows) and columns at the end of a table. Names are
 * plain lower-case words, some of them reserved in SQL dialects other than
 * SQLite's ("offset", "release"): quote them there.
 */

/** Tables of a report. Stable values, but for TRO_TABLE_COUNT. */
typedef enum tro_table {
    TRO_TABLE_REPORT = 0,    /**< one row: release, card, verdict, mof_class */
    TRO_TABLE_CRITERIA = 1,  /**< one row per criterion: criterion, status */
    TRO_TABLE_EVIDENCE = 2,  /**< criterion, kind, text, path, url, why, line, offset */
    TRO_TABLE_REASONS = 3,   /**< criterion, reason */
    TRO_TABLE_LICENSES = 4,  /**< source, path, statement, expression, category, known, free,
                                  free_for_data, reason */
    TRO_TABLE_FINDINGS = 5,  /**< severity, code, message, path, offset, waived, waiver */
    TRO_TABLE_LINEAGE = 6,   /**< id, relation, depth, resolved, source, verdict */
    TRO_TABLE_DATASETS = 7,  /**< id, role, resolved, source, license, free_for_data */
    TRO_TABLE_ARTIFACTS = 8, /**< path, type, size, sha256, sha256_source */
    TRO_TABLE_TO_PASS = 9,   /**< step: what would make the release pass */
    TRO_TABLE_MOF = 10,      /**< with a MOF release file, one row: class, label, path,
                                  progress_1, progress_2, progress_3 */
    TRO_TABLE_MOF_COMPONENTS = 11, /**< name, class, content_type, required, status, license */
    TRO_TABLE_MOF_EVIDENCE = 12,   /**< component: one the release shows evidence of */
    TRO_TABLE_POLICY = 13,         /**< with a policy applied, one row: passed */
    TRO_TABLE_POLICY_FAILURES = 14,     /**< failure */
    TRO_TABLE_DATASET_DECLARATIONS = 15, /**< id (the dataset's), declared_by */
    TRO_TABLE_LINEAGE_CRITERIA = 16,     /**< id (the step's), criterion, status */
    TRO_TABLE_LINEAGE_LICENSES = 17,     /**< id (the step's), license */
    TRO_TABLE_COUNT = 18 /**< the number of tables of this version */
} tro_table;

/** The type of a column, and of a cell (a cell may also be NULL). */
typedef enum tro_cell_type {
    TRO_CELL_NULL = 0,   /**< no value: the document has null or leaves the key out
                              (but "waived", which is then 0) */
    TRO_CELL_TEXT = 1,   /**< UTF-8 text (tro_cell.text) */
    TRO_CELL_INTEGER = 2, /**< an integer (tro_cell.integer); booleans are 0 and 1 */
    TRO_CELL_REAL = 3     /**< a number (tro_cell.real): MOF progress, in percent */
} tro_cell_type;

/** One cell, filled by tro_report_cell(). */
typedef struct tro_cell {
    tro_cell_type type; /**< TRO_CELL_NULL, _TEXT, _INTEGER or _REAL */
    const char *text;   /**< TRO_CELL_TEXT: borrowed from the report (as the
                              accessors' strings: until tro_report_free(), or
                              for a finding's, the next policy applied); else NULL */
    int64_t integer;    /**< TRO_CELL_INTEGER: the value; else 0 */
    double real;        /**< TRO_CELL_REAL: the value; else 0 */
} tro_cell;

/** The table's name ("report", "criteria", ...), static; NULL when table
 *  is not a tro_table of this version. */
TRO_API const char *tro_table_name(tro_table table);
/** The table's column names joined by ", " ("release, card, verdict,
 *  mof_class"): the header of a CSV file, the column list of an SQL
 *  statement. Static; NULL for an unknown table. */
TRO_API const char *tro_table_columns(tro_table table);
/** The number of columns of the table (0 for an unknown table). */
TRO_API size_t tro_table_column_count(tro_table table);
/** The name of a column (static), NULL when out of range. */
TRO_API const char *tro_table_column_name(tro_table table, size_t column);
/** The type of a column's values: TRO_CELL_TEXT, TRO_CELL_INTEGER or
 *  TRO_CELL_REAL (a cell of the column may still be TRO_CELL_NULL);
 *  TRO_CELL_NULL when out of range. */
TRO_API tro_cell_type tro_table_column_type(tro_table table, size_t column);
/** The number of rows of the table in this report (TRO_TABLE_REPORT: 1;
 *  TRO_TABLE_CRITERIA: 3; 0 for a NULL report or an unknown table). */
TRO_API size_t tro_report_row_count(const tro_report *report, tro_table table);
/**
 * Fills *out with the cell at row and column of the table. A text is
 * borrowed from the report (see the conventions above). Returns 0, or
 * TRO_EINVAL (NULL report or out, unknown table, row or column out of
 * range; *out is then a NULL cell).
 */
TRO_API int tro_report_cell(const tro_report *report, tro_table table, size_t row,
                            size_t column, tro_cell *out);

/* ---- Rendering -------------------------------------------------------------------------- */

/** Output formats of tro_report_render(). Stable values. */
typedef enum tro_format {
    TRO_FORMAT_JSON = 0,      /**< the document of trulyopen-report(5) */
    TRO_FORMAT_TEXT = 1,      /**< a short summary for people */
    TRO_FORMAT_SARIF = 2,     /**< SARIF 2.1.0 */
    TRO_FORMAT_CYCLONEDX = 3, /**< CycloneDX 1.6 JSON: an ML bill of materials */
    TRO_FORMAT_SPDX = 4,      /**< SPDX 3.0.1 JSON-LD, AI and Dataset profiles */
    TRO_FORMAT_HTML = 5,      /**< one self-contained HTML page, for browsers */
    TRO_FORMAT_MARKDOWN = 6,  /**< a GitHub-flavoured summary, for pull requests */
    TRO_FORMAT_BADGE_SVG = 7, /**< an SVG badge: "truly open" or not, and why */
    TRO_FORMAT_SHIELDS = 8    /**< the badge as shields.io endpoint JSON */
} tro_format;

/** Rendering flags (tro_render_options.flags). A flag a format does not
 *  have is refused (TRO_EINVAL). */
enum {
    /** JSON, SARIF, CycloneDX, SPDX, shields: the document on one line,
     *  ending with its only newline (for logs and NDJSON streams); the same
     *  keys and values in the same order as the indented text. */
    TRO_RENDER_COMPACT = 1u << 0,
    /** JSON, SARIF, CycloneDX, SPDX, HTML: leave the artifact list out
     *  (releases of many files); text, Markdown: no effect, they never
     *  list them. */
    TRO_RENDER_NO_ARTIFACTS = 1u << 1,
    /** Text: ANSI colours. */
    TRO_RENDER_COLOR = 1u << 2,
    /** HTML: a fragment to embed in a page (one <div> with its scoped
     *  <style>), without <html>, <head> and <body>. */
    TRO_RENDER_FRAGMENT = 1u << 3,
    /** tro_report_json_flags(): the same bit as TRO_RENDER_COMPACT. */
    TRO_JSON_COMPACT = TRO_RENDER_COMPACT
};

#define TRO_RENDER_OPTIONS_VERSION 2

/** Rendering options. Initialise with TRO_RENDER_OPTIONS_INIT, then set
 *  fields. Later versions add fields at the end; a program built with
 *  version 1 (the first three fields) is still served. */
typedef struct tro_render_options {
    unsigned int version; /**< TRO_RENDER_OPTIONS_VERSION */
    tro_format format;    /**< TRO_FORMAT_JSON by default */
    unsigned int flags;   /**< TRO_RENDER_* */
    /* Since version 2. */
    /** SARIF: the absolute URI of the folder that the base id SRCROOT
     *  stands for, ending in '/' ("file:///home/ci/repo/"), written as
     *  run.originalUriBaseIds.SRCROOT.uri; NULL: left out. */
    const char *root_uri;
    /** SARIF: the release's folder relative to that root ("models/foo"),
     *  put before every artifact path so that locations are relative to
     *  the root, and used in run.automationDetails.id so that several
     *  releases of one repository keep apart; NULL or "": the release is
     *  the root. */
    const char *release_path;
    /** CycloneDX, SPDX: when the document was made, in seconds since
     *  1970-01-01 UTC. 0: not said (CycloneDX leaves the timestamp out;
     *  SPDX, which requires one, writes 1970-01-01T00:00:00Z). The library
     *  never reads the clock here, so that the same options give the same
     *  bytes. */
    int64_t created;
} tro_render_options;

#define TRO_RENDER_OPTIONS_INIT { TRO_RENDER_OPTIONS_VERSION, TRO_FORMAT_JSON, 0, NULL, NULL, 0 }

/**
 * Renders the report in a format, with options; opts NULL gives the
 * indented JSON of tro_report_json(). tro_report_json(), tro_report_sarif()
 * and tro_report_text() are this function with no flags (text: with
 * TRO_TEXT_COLOR as TRO_RENDER_COLOR). *out is owned by the caller
 * (tro_free()), *len (may be NULL) its length. The same report and options
 * always give the same bytes.
 * Errors: TRO_EINVAL (NULL report or out, an unknown format, a flag the
 * format does not have), TRO_EVERSION (opts->version), TRO_ENOMEM.
 */
TRO_API int tro_report_render(const tro_report *report, const tro_render_options *opts,
                              char **out, size_t *len);

/** The JSON document with TRO_JSON_* flags (0: what tro_report_json()
 *  gives). Errors as tro_report_render(). */
TRO_API int tro_report_json_flags(const tro_report *report, unsigned int flags, char **out,
                                  size_t *len);

#ifdef __cplusplus
}
#endif

#endif /* TRULYOPEN_REPORT_H */
