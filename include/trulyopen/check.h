/* The openness evaluation: three criteria with evidence, lineage, MOF class,
 * policy gates and reports. */
#ifndef TRULYOPEN_CHECK_H
#define TRULYOPEN_CHECK_H

#ifndef TRULYOPEN_H_INSIDE
#error "include <trulyopen.h>, not the headers under trulyopen/"
#endif

#ifdef __cplusplus
extern "C" {
#endif

/** Status of one criterion. Stable values. */
typedef enum tro_status {
    TRO_STATUS_UNKNOWN = 0,  /**< not enough evidence either way */
    TRO_STATUS_FAIL = 1,
    TRO_STATUS_PARTIAL = 2,
    TRO_STATUS_PASS = 3
} tro_status;

/** The three criteria of a truly open release. */
typedef enum tro_criterion {
    TRO_CRITERION_USE_FREEDOM = 0,         /**< use, study, modify, share for any purpose */
    TRO_CRITERION_METHOD_TRANSPARENCY = 1, /**< training code + paper or procedure */
    TRO_CRITERION_DATA_ACCESS = 2          /**< training data under a free license */
} tro_criterion;

/** "pass", "partial", "fail" or "unknown". Static. */
TRO_API const char *tro_status_name(tro_status status);
/** "use_freedom", "method_transparency" or "data_access". Static. */
TRO_API const char *tro_criterion_name(tro_criterion criterion);

/* ---- Resolving base models and datasets ------------------------------- */

/** What a card refers to by Hub id. */
typedef enum tro_ref_kind {
    TRO_REF_MODEL = 0,   /**< a base model ("org/name") */
    TRO_REF_DATASET = 1  /**< a dataset ("org/name" or "name") */
} tro_ref_kind;

/**
 * A caller's resolver: given a Hub id, build the release it names (for
 * instance with tro_release_new() + tro_release_add_buffer() from a
 * database) and store it in *out. Ownership of *out passes to the library.
 * Return 0 when found, TRO_ENOTFOUND when unknown, TRO_ENETWORK or
 * TRO_EACCESS when the answer cannot be had now (a network failure, a
 * gated repository): the id then stays unresolved, the catalog is asked,
 * and the report gets a finding saying why (the findings of *out when the
 * resolver set it, else a "resolve-failed" warning). Any other TRO_E* code
 * aborts the check. May be called from the thread that called tro_check()
 * only, and several times for different ids. The report's "source" of an
 * answer is "resolver", or for releases the library builds (tro_hub_resolve())
 * where they came from ("hub:ORG/NAME@SHA").
 */
typedef int (*tro_resolve_fn)(tro_ctx *ctx, tro_ref_kind kind, const char *id,
                              tro_release **out, void *userdata);

/**
 * Offline catalogs: folders laid out as DIR/models/ORG/NAME/ and
 * DIR/datasets/ORG/NAME/ (a card, Croissant or datapackage inside), and
 * Hugging Face caches (DIR/models--ORG--NAME/snapshots/REV/,
 * DIR/datasets--ORG--NAME/snapshots/REV/). Resolved entries are cached in
 * the handle, which is thread-safe: share one catalog between threads.
 */
typedef struct tro_catalog tro_catalog;

/** Opens catalogs (dirs are copied). Owned by the caller; free with
 * tro_catalog_free() after every check using it has returned. Errors:
 * TRO_EIO when a folder cannot be opened, TRO_EINVAL, TRO_ENOMEM. */
TRO_API int tro_catalog_new(tro_catalog **out, tro_ctx *ctx,
                            const char *const *dirs, size_t count, tro_error *err);
TRO_API void tro_catalog_free(tro_catalog *cat);

/* ---- Checking ----------------------------------------------------------- */

#define TRO_CHECK_OPTIONS_VERSION 1

typedef struct tro_check_options {
    unsigned int version;       /**< TRO_CHECK_OPTIONS_VERSION */
    tro_catalog *catalog;       /**< may be NULL */
    tro_resolve_fn resolve;     /**< asked before the catalog; may be NULL */
    void *resolve_userdata;
    unsigned int max_lineage_depth; /**< base models followed; 0 = 8 */
} tro_check_options;

#define TRO_CHECK_OPTIONS_INIT { TRO_CHECK_OPTIONS_VERSION, NULL, NULL, NULL, 0 }

/** The result of a check. Opaque; read it with the accessors or as JSON. */
typedef struct tro_report tro_report;

/**
 * Judges a scanned release: the three criteria with their evidence, the
 * licenses found, lineage through base models, datasets, the MOF class and
 * findings. opts may be NULL. *out is owned by the caller (tro_report_free()).
 * The release must stay alive only during the call.
 * Errors: TRO_EINVAL, TRO_ENOMEM, or a resolver's own error code.
 */
TRO_API int tro_check(tro_ctx *ctx, const tro_release *rel,
                      const tro_check_options *opts, tro_report **out,
                      tro_error *err);

TRO_API void tro_report_free(tro_report *report);

/** 1 when all three criteria pass ("truly-open"), else 0. */
TRO_API int tro_report_truly_open(const tro_report *report);
/** "truly-open" or "not-truly-open". Static. */
TRO_API const char *tro_report_verdict(const tro_report *report);
TRO_API tro_status tro_report_status(const tro_report *report, tro_criterion criterion);
/** MOF class: 1, 2 or 3, 0 when unclassified, -1 when not computable
 * (the release has no MOF release file). */
TRO_API int tro_report_mof_class(const tro_report *report);

/* ---- Policy --------------------------------------------------------------- */

/** A release gate: required statuses, license allow/deny lists, minimum MOF
 * class, finding codes or severities that fail or are ignored. */
typedef struct tro_policy tro_policy;

/**
 * Parses a policy from len bytes of JSON text (format "trulyopen-policy",
 * documented in trulyopen-policy(5) and in README.md, "Release gates:
 * policy files"); json NULL gives the default policy (verdict truly-open
 * and no error finding). On success
 * *out is owned by the caller (tro_policy_free()); a policy is immutable,
 * so one may be applied from any number of threads.
 * Errors (err->message reads "policy: PATH: problem (line L, column C,
 * byte N)", err->offset = N): TRO_EPARSE (not JSON), TRO_EFORMAT (unknown
 * key, wrong type, bad status, licence, severity or code name),
 * TRO_EVERSION (format_version newer than this library reads), TRO_ELIMIT
 * (over 1 MiB, or nested deeper than 32 levels), TRO_EINVAL (out NULL),
 * TRO_ENOMEM.
 */
TRO_API int tro_policy_new(tro_policy **out, const char *json, size_t len,
                           tro_error *err);
/** Frees a policy. NULL is allowed. */
TRO_API void tro_policy_free(tro_policy *policy);

/**
 * Applies a policy to a report (NULL = the default policy) and records the
 * outcome in it: the "policy" key of the JSON report, {"passed": bool,
 * "failures": [one sentence per unmet requirement]}, replacing an earlier
 * record. Returns 1 when the policy is met, 0 when not, or a negative
 * TRO_E* code (TRO_EINVAL, TRO_ENOMEM).
 */
TRO_API int tro_report_apply_policy(tro_report *report, const tro_policy *policy);

/* ---- Output ----------------------------------------------------------------- */

/** Text report flags. */
enum { TRO_TEXT_COLOR = 1u << 0 /**< ANSI colours */ };

/**
 * The report as JSON (trulyopen-report(5)), SARIF 2.1.0, or a short human
 * text. *out is owned by the caller (tro_free()); *len (may be NULL) its
 * length. The report is only read: several threads may render one report.
 * Errors: TRO_ENOMEM, TRO_EINVAL.
 *
 * SARIF: one run; a rule per criterion ("criterion/use_freedom"), per
 * finding code and, once a policy failed, "policy"; a result per finding,
 * per criterion that does not pass (error for fail, warning for partial
 * and unknown) and per policy failure. Locations are relative to the
 * release root (uriBaseId "SRCROOT"), with byteOffset / startLine where
 * known; run.artifacts carry the SHA-256 and run.properties the verdict.
 * The same report always gives the same bytes.
 */
TRO_API int tro_report_json(const tro_report *report, char **out, size_t *len);
TRO_API int tro_report_sarif(const tro_report *report, char **out, size_t *len);
TRO_API int tro_report_text(const tro_report *report, unsigned int flags,
                            char **out, size_t *len);

#ifdef __cplusplus
}
#endif

#endif /* TRULYOPEN_CHECK_H */
