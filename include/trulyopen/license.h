/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* Licences: classify licence expressions, names, URLs and Hugging Face ids, and
 * identify licence texts. Answers whether a licence is free for model weights,
 * for data and for software. Nothing that is not recognised is ever called free. */
#ifndef TRULYOPEN_LICENSE_H
#define TRULYOPEN_LICENSE_H

#ifndef TRULYOPEN_H_INSIDE
#error "include <trulyopen.h>, not the headers under trulyopen/"
#endif

#ifdef __cplusplus
extern "C" {
#endif

/** What kind of licence it is. Stable values. */
typedef enum tro_license_category {
    TRO_LICENSE_UNKNOWN = 0, /**< not recognised, or a family spanning free and non-free */
    TRO_LICENSE_PERMISSIVE = 1,
    TRO_LICENSE_COPYLEFT = 2,
    TRO_LICENSE_WEAK_COPYLEFT = 3,
    TRO_LICENSE_PUBLIC_DOMAIN = 4,
    TRO_LICENSE_OPEN_DATA =
        5, /**< free licences written for data and content (CC BY, ODbL, CDLA) */
    TRO_LICENSE_USE_RESTRICTED =
        6, /**< use-based restrictions, AUPs, user caps (Llama, Gemma, RAIL) */
    TRO_LICENSE_NON_COMMERCIAL = 7,
    TRO_LICENSE_NO_DERIVATIVES = 8,
    TRO_LICENSE_RESEARCH_ONLY = 9,
    TRO_LICENSE_PROPRIETARY = 10 /**< source-available and other non-free terms */
} tro_license_category;

/** Stable lowercase name ("permissive", "use-restricted"); never NULL. */
TRO_API const char *tro_license_category_name(tro_license_category category);

/** Facts about one licence (tro_license_lookup() flags, tro_license_result_flags()). */
enum {
    TRO_LICENSE_SPDX = 1u << 0, /**< on the SPDX License List */
    TRO_LICENSE_OSI_APPROVED = 1u << 1,
    TRO_LICENSE_FSF_LIBRE = 1u << 2,
    TRO_LICENSE_DEPRECATED = 1u << 3,    /**< a deprecated SPDX id */
    TRO_LICENSE_MOF_OPEN_DATA = 1u << 4, /**< on the Model Openness Framework's open-data list */
    TRO_LICENSE_MOF_OPEN =
        1u << 5, /**< open for the MOF: OSI, FSF, open-data list or OpenMDW-1.0 */
    TRO_LICENSE_FREE =
        1u << 6, /**< a model under it may be used, studied, modified, shared for any purpose */
    TRO_LICENSE_FREE_FOR_DATA = 1u << 7,     /**< free for training data */
    TRO_LICENSE_FREE_FOR_SOFTWARE = 1u << 8, /**< a free licence suited to software */
    TRO_LICENSE_EXCEPTION = 1u << 9          /**< an SPDX licence exception (right of WITH) */
};

/** What a licence in a result applies to, when the statement says
 *  (tro_license_result_covers()): "MIT (code), CC-BY-NC-4.0 (weights)". */
enum {
    TRO_LICENSE_COVERS_CODE = 1u << 0,    /**< source code, software, scripts */
    TRO_LICENSE_COVERS_WEIGHTS = 1u << 1, /**< the model: weights, checkpoints, parameters */
    TRO_LICENSE_COVERS_DATA = 1u << 2,    /**< data sets, training data */
    TRO_LICENSE_COVERS_DOCS = 1u << 3     /**< documentation */
};

/** Name of one TRO_LICENSE_COVERS_* bit ("code", "weights", "data",
 *  "documentation"); "unspecified" for 0 or anything else. Static. */
TRO_API const char *tro_license_covers_name(unsigned int cover);

/** Version of the SPDX License List the compiled-in table reflects ("3.28.0"). Static. */
TRO_API const char *tro_license_list_version(void);

/**
 * Looks up one licence or exception id: an SPDX id (any case), a LicenseRef-trulyopen-*
 * key, or a deprecated SPDX id (reported as itself, with TRO_LICENSE_DEPRECATED).
 * Any out-parameter may be NULL. *canonical_id and *name are static strings.
 * Returns 0, or TRO_ENOTFOUND (outputs untouched), TRO_EINVAL (id NULL).
 */
TRO_API int tro_license_lookup(const char *id, const char **canonical_id, const char **name,
                               tro_license_category *category, unsigned int *flags);

/** The answer about a licence string or text. Opaque; immutable once made. */
typedef struct tro_license_result tro_license_result;

/**
 * Classifies what someone wrote as a licence: an SPDX expression ("Apache-2.0 OR
 * MIT", operators all upper or all lower case, ids in any case, "+", WITH,
 * LicenseRef-), a Hugging Face licence id ("llama3.1"), a name ("Apache License,
 * Version 2.0", "GPLv3"), a URL, or a list of those separated by "," or ";" (all
 * of which apply). "", "unknown" and "none" give an unknown licence.
 * On success *out is owned by the caller (tro_license_result_free()).
 * Errors: TRO_EPARSE when the text looks like an expression (operators or
 * parentheses) but does not parse: err->offset is the byte position;
 * TRO_ELIMIT (longer than 65,536 bytes or nested deeper than 64); TRO_EINVAL; TRO_ENOMEM.
 */
TRO_API int tro_license_classify(const char *text, tro_license_result **out, tro_error *err);

/**
 * Classifies a Hugging Face card's licence fields: license (may be a list as
 * above), and for license "other" the license_name and license_link fields
 * (each may be NULL). Ownership and errors as tro_license_classify().
 */
TRO_API int tro_license_classify_hf(const char *license, const char *license_name,
                                    const char *license_link, tro_license_result **out,
                                    tro_error *err);

/** A set of reference licence texts for full-text matching. Read-only once
 *  loaded: share it between threads freely. */
typedef struct tro_license_db tro_license_db;

/**
 * Loads the licence texts in directory dir, one file per licence named by its SPDX
 * id (SPDX license-list-data "text/" folder: MIT.txt) or as in Debian's
 * /usr/share/common-licenses (GPL-3, Apache-2.0, BSD). Files whose name is not a
 * known licence, and files over 1 MiB, are skipped. On success *out is owned by the
 * caller (tro_license_db_free()).
 * Errors: TRO_EIO (dir unreadable), TRO_ENOTFOUND (no usable text), TRO_ENOMEM.
 */
TRO_API int tro_license_db_load(tro_license_db **out, const char *dir, tro_error *err);

/** Number of licence texts loaded (0 for NULL). */
TRO_API size_t tro_license_db_count(const tro_license_db *db);

/** Frees a database. NULL is allowed. */
TRO_API void tro_license_db_free(tro_license_db *db);

/**
 * Identifies a licence text (a LICENSE file's bytes; need not be NUL-terminated),
 * from SPDX-License-Identifier lines, its title, characteristic sentences, URLs,
 * and, when db is not NULL, full-text matching against db (bigram Dice score
 * >= 0.9, in the reference order). Restrictive terms (non-commercial, research
 * only, use restrictions, user caps...) are reported as evidence and make an
 * otherwise unrecognised text restricted rather than unknown.
 * Ownership as tro_license_classify(). Errors: TRO_ELIMIT (over 16 MiB), TRO_EINVAL,
 * TRO_ENOMEM.
 */
TRO_API int tro_license_identify(const tro_license_db *db, const void *text, size_t len,
                                 tro_license_result **out, tro_error *err);

/** Flags of tro_license_identify_ex(). */
typedef enum tro_identify_flags {
    /** A free licence's text stays free only when every word it adds to the
     *  licence is explained: a copyright statement, a number, an address, an
     *  SPDX tag, a word about the document ("see", "version", "authors"), a
     *  name that is no word of any licence, a placeholder to fill in, a part
     *  of the licence by its number or heading, the licence's own title. Any
     *  other word makes it unknown, and so does what the default reading
     *  finds: for release gates, which would rather have a person read a
     *  modified licence. */
    TRO_IDENTIFY_STRICT = 1u << 0
} tro_identify_flags;

/**
 * tro_license_identify() with flags (tro_identify_flags, ORed; 0 is
 * tro_license_identify()). Errors: those of tro_license_identify(); TRO_EINVAL
 * for an unknown flag.
 */
TRO_API int tro_license_identify_ex(const tro_license_db *db, const void *text, size_t len,
                                    unsigned int flags, tro_license_result **out, tro_error *err);

/* ---- Results ------------------------------------------------------------ */

/** Normalised SPDX expression ("Apache-2.0 OR LicenseRef-Commercial"). Borrowed from r. */
TRO_API const char *tro_license_result_expression(const tro_license_result *r);
/** Overall category: of the freest branch of an OR, the most restrictive part of an AND. */
TRO_API tro_license_category tro_license_result_category(const tro_license_result *r);
/** Overall reason ("use restrictions in Attachment A"). Borrowed from r. */
TRO_API const char *tro_license_result_reason(const tro_license_result *r);
/** Nonzero when a model under the expression may be used, studied, modified and
 *  shared for any purpose. */
TRO_API int tro_license_result_is_free(const tro_license_result *r);
/** Nonzero when data under the expression may be used to train models and shared
 *  (free data licences such as CC0, CC BY, ODbL, CDLA, and free software licences). */
TRO_API int tro_license_result_is_free_for_data(const tro_license_result *r);
/** Nonzero when the expression is a free licence suited to software (data-only
 *  licences that neither OSI nor the FSF approve are not). */
TRO_API int tro_license_result_is_free_for_software(const tro_license_result *r);
/** For text identification, how sure the identification is (0..1); 1 for strings. */
TRO_API double tro_license_result_confidence(const tro_license_result *r);

/** Number of distinct licences in the expression. */
TRO_API size_t tro_license_result_count(const tro_license_result *r);
/** Id of licence i in the order of the expression ("MIT", "LicenseRef-x"), borrowed
 *  from r; NULL when i is out of range. */
TRO_API const char *tro_license_result_id(const tro_license_result *r, size_t i);
/** Full name of licence i (its id when it has none), borrowed from r; NULL when out of range. */
TRO_API const char *tro_license_result_name(const tro_license_result *r, size_t i);
/** Why licence i has its category, borrowed from r; NULL when out of range. */
TRO_API const char *tro_license_result_license_reason(const tro_license_result *r, size_t i);
/** Category of licence i (TRO_LICENSE_UNKNOWN when out of range). */
TRO_API tro_license_category tro_license_result_license_category(const tro_license_result *r,
                                                                 size_t i);
/** TRO_LICENSE_* flags of licence i (0 when out of range). */
TRO_API unsigned int tro_license_result_flags(const tro_license_result *r, size_t i);
/** The SPDX exception or AdditionRef- after WITH on licence i, borrowed from r;
 *  NULL when it has none or i is out of range. */
TRO_API const char *tro_license_result_exception(const tro_license_result *r, size_t i);
/** What licence i applies to: TRO_LICENSE_COVERS_* bits, 0 when the statement
 *  does not say (the licence then applies to everything) or i is out of range. */
TRO_API unsigned int tro_license_result_covers(const tro_license_result *r, size_t i);
/**
 * The verdict on the part of the expression that applies to what covers names
 * (TRO_LICENSE_COVERS_* bits): the licences that cover one of those, or that
 * do not say what they cover, combined as in the expression. "MIT (code),
 * CC-BY-NC-4.0 (weights)" is free for TRO_LICENSE_COVERS_CODE and not for
 * TRO_LICENSE_COVERS_WEIGHTS. covers 0 gives the verdict on the whole, as
 * tro_license_result_is_free() and its siblings do.
 * Returns TRO_LICENSE_FREE, TRO_LICENSE_FREE_FOR_DATA and
 * TRO_LICENSE_FREE_FOR_SOFTWARE bits; 0 when no licence applies to that part
 * (*category is then TRO_LICENSE_UNKNOWN). category may be NULL.
 */
TRO_API unsigned int tro_license_result_part_flags(const tro_license_result *r, unsigned int covers,
                                                   tro_license_category *category);
/**
 * For an identified text: the reference text that matched best (an SPDX id, or
 * the id of a header or exception template), its score (word-bigram Dice of
 * the text and the template, 0..1) and coverage (share of the template's words
 * found in the text). Outputs may be NULL; *template_id is borrowed from r.
 * Returns 0, or TRO_ENOTFOUND when no reference text matched.
 */
TRO_API int tro_license_result_match(const tro_license_result *r, const char **template_id,
                                     double *score, double *coverage);

/** Number of pieces of evidence (text identification). */
TRO_API size_t tro_license_result_evidence_count(const tro_license_result *r);
/**
 * Evidence i: its kind ("spdx-identifier", "title", "fingerprint", "url",
 * "template", "clause"), the quoted text and its byte offset in the input (-1
 * when not applicable). Strings are borrowed from r. TRO_EINVAL when out of range.
 */
TRO_API int tro_license_result_evidence(const tro_license_result *r, size_t i, const char **kind,
                                        const char **text, int64_t *offset);

/**
 * The result as the JSON object `trulyopen license --format json` prints: input,
 * expression, category, free, free_for_data, free_for_software, reason,
 * confidence, licenses[] (id, name, category, reason, spdx, osi_approved,
 * fsf_libre, deprecated, mof_open, free, free_for_data) and evidence[] (kind,
 * text, offset).
 * *out is owned by the caller (tro_free()); *len (may be NULL) its length.
 * Errors: TRO_EINVAL, TRO_ENOMEM.
 */
TRO_API int tro_license_result_json(const tro_license_result *r, char **out, size_t *len);

/** Frees a result. NULL is allowed. */
TRO_API void tro_license_result_free(tro_license_result *r);

#ifdef __cplusplus
}
#endif

#endif /* TRULYOPEN_LICENSE_H */
