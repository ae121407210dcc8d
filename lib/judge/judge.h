/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* Private to lib/judge: the openness evaluation's internal interfaces.
 *
 * A check judges one release (the "root") and, through lineage, the base
 * models it names, each with the same code (trop_judge_release()). What a
 * judgement finds goes into a trop_judgement (judgement.h): per criterion a
 * status, evidence and reasons, plus the licences, datasets, lineage steps
 * and the judge's own findings. The root's judgement is the judge's output;
 * a base model's is summarised into a lineage step (trop_base). */
#ifndef TROP_JUDGE_H
#define TROP_JUDGE_H

#include "judgement.h"

#include "../read/facts.h"

#include <pthread.h>

/* Is this license id open in the Model Openness Framework's sense? */
typedef bool (*trop_license_open_fn)(const char *license_id, void *userdata);

/* The Model Openness Tool's test: OSI-approved, FSF-libre, on its open-data
 * list, or OpenMDW-1.0, by exact SPDX id. */
bool trop_mof_license_open(const char *license_id, void *userdata);

/* MOF class of a MOF release file's meta into out (has_file, cls, label,
 * progress, rows; texts in out->texts). 0 or TRO_ENOMEM. */
int trop_mof_classify(const trop_mof_facts *mof, trop_license_open_fn is_open, void *userdata,
                      trop_mof *out);
/* "Class I - Open Science Model" ... "Unclassified". Static. */
const char *trop_mof_class_label(int cls);

/* ---- Building a judgement's parts (crit.c, lics.c) ------------------------------- */

/* Texts are copied; NULL text or path is "", url NULL leaves it out. */
int trop_evidence_add(trop_crit *c, const char *kind, const char *text, const char *path,
                      const char *url, int64_t line, int64_t offset);
/* The same with the text formatted. */
int trop_evidence_addf(trop_crit *c, const char *kind, const char *path, const char *url,
                       int64_t line, int64_t offset, const char *fmt, ...) TROP_PRINTF(7, 8);
int trop_reason_add(trop_crit *c, const char *fmt, ...) TROP_PRINTF(2, 3);
/* Says why the last evidence item of c counted. */
int trop_evidence_why(trop_crit *c, const char *why);
/* Frees the evidence and reasons (the status stays). */
void trop_crit_clear(trop_crit *c);
int trop_judge_finding(trop_judgement *jd, tro_severity sev, const char *code, const char *path,
                       const char *fmt, ...) TROP_PRINTF(5, 6);
/* Adds a copy of f (its texts copied into fs). */
int trop_jfinding_copy(trop_jfindings *fs, tro_severity sev, const char *code,
                       const char *message, const char *path, int64_t offset);
void trop_jfindings_free(trop_jfindings *f);
/* Adds l with these texts copied (expression NULL: none). */
int trop_licstmt_add(trop_licstmts *ls, const trop_licstmt *l, const char *path, const char *statement,
                 const char *expression, const char *reason);
void trop_licstmts_free(trop_licstmts *ls);
/* Is r free for what a criterion judges (TRO_LICENSE_COVERS_WEIGHTS: the
 * model, TRO_LICENSE_COVERS_DATA: a dataset)? Judged on the licences of r that
 * cover it or do not say what they cover; on all of them when none does. */
bool trop_license_free_for(const tro_license_result *r, unsigned covers);
/* Is id a restriction the licence layer reads in words ("research only",
 * "All rights reserved": LicenseRef-trulyopen-research-only...) rather than
 * a licence by its name? */
bool trop_license_is_stated(const char *id);
/* Adds r with these texts copied (by: bylen bytes as trop_dsrow.by holds
 * them; source, license, problem NULL: none). */
int trop_dsrow_add(trop_dsrows *rs, const trop_dsrow *r, const char *id, const char *by,
                   size_t bylen, const char *source, const char *license, const char *problem);
void trop_dsrows_free(trop_dsrows *rs);
/* Adds a lineage step with these texts copied (relation, source NULL:
 * none; licenses: lic_len bytes as trop_step.licenses holds them). */
int trop_step_add(trop_steps *ss, const trop_step *st, const char *id, const char *relation,
                  const char *source, const char *licenses, size_t lic_len);
void trop_steps_free(trop_steps *ss);
void trop_mof_free(trop_mof *m);

/* What a lineage step keeps of a base model's judgement. Immutable once
 * made: the catalog shares them between threads. */
typedef struct trop_base {
    tro_status status[3];
    trop_str licenses;    /* distinct expressions, NUL-terminated one after the other,
                           * those that are not free first */
    trop_arena texts;     /* licenses */
    trop_steps lineage;   /* its own steps, depth 1 = its bases */
    trop_dsrows datasets; /* its datasets, its own bases' among them */
    bool truncated;       /* a cycle or the depth limit cut its lineage */
    trop_jfindings cut;   /* the lineage-cycle / lineage-depth-limit findings below it */
} trop_base;
void trop_base_free(void *base);

/* A dataset as the judge sees it once resolved. Immutable once made. */
typedef struct trop_dataset {
    char *license; /* expression of the licence that decides, or NULL */
    int free;      /* free for training data: 1 yes, 0 no (identified), -1 unknown */
    char *reason;  /* why, for reasons[] */
    bool has_card; /* documented by a dataset card */
    /* What can be had of it (dataset.h): the rubric's data access for this
     * dataset alone (UNKNOWN until judged), and what keeps it below pass
     * (NULL: nothing known). */
    tro_status access;
    char *problem;
    bool builtin; /* known from the built-in table alone */
} trop_dataset;
void trop_dataset_free(void *ds);

/* A link of the card that matters to the judge: code, paper, Hub dataset
 * (Hub model links are not used: left out). */
typedef struct trop_card_link {
    const char *url; /* borrowed from the card's body (trop_card_body_of) */
    int64_t line;
    uint32_t hash; /* code and paper links: of the URL, to find duplicates */
    uint8_t kind;  /* trop_link_kind: CODE, PAPER or HF_DATASET */
    bool dup;      /* code and paper links: an earlier one has the same URL */
} trop_card_link;

/* Status name -> value (unknown for any other name). */
tro_status trop_status_parse(const char *name);

/* Starts an empty judgement of rel (statuses unknown). */
void trop_judgement_init(trop_judgement *j, const tro_release *rel);
/* Frees what j holds (not j itself). */
void trop_judgement_clear(trop_judgement *j);
/* Frees the parts only judging needs (links, the card view) and forgets the
 * release: what is left is the record. */
void trop_judgement_release_parts(trop_judgement *j);

/* The state of one tro_check() call. */
#define TROP_MAX_LINEAGE_DEPTH 64u
typedef struct trop_memo trop_memo;
typedef struct trop_judge {
    tro_ctx *ctx;
    tro_catalog *cat;
    tro_resolve_fn resolve;
    void *resolve_ud;
    unsigned max_depth;
    const char *stack[TROP_MAX_LINEAGE_DEPTH + 1]; /* model ids being judged */
    unsigned depth;
    trop_memo *memo; /* this check's resolver answers */
    /* Why a resolver could not answer (TRO_ENETWORK, TRO_EACCESS): findings
     * added to the report of the release checked (resolve.c, check.c). */
    trop_findings notes;
    tro_error *err;
} trop_judge;

/* Judges rel (a release at lineage depth j->depth) into out (initialised
 * here; clear it with trop_judgement_clear()). Returns 0 or a TRO_E* code
 * (ENOMEM, or a resolver's error with j->err filled in). */
int trop_judge_release(trop_judge *j, const tro_release *rel, trop_judgement *out);

/* ---- The parts (one file each) -------------------------------------------- */

/* use.c: licence statements and use freedom (crit[USE]); for a dataset
 * release also whether its data is free (*ds, may be NULL). */
int trop_judge_use(trop_judge *j, trop_judgement *jd);
/* Licence of a dataset release whose card (may be NULL) is card, or with
 * only set, of that one manifest (a dataset card, Croissant or datapackage)
 * shipped in rel: *out owned (trop_dataset_free). */
int trop_dataset_judge(const tro_release *rel, const tro_artifact *card, const tro_artifact *only,
                       trop_dataset **out);
/* check.c: the card a release is judged by (NULL if none), and whether it
 * describes a dataset rather than a model. */
const tro_artifact *trop_release_card(const tro_release *rel, bool *dataset);
bool trop_card_is_dataset(const tro_artifact *card);
/* method.c: method transparency (crit[METHOD]). */
int trop_judge_method(trop_judge *j, trop_judgement *jd);
/* data.c: data access (crit[DATA]) and datasets[]. */
int trop_judge_data(trop_judge *j, trop_judgement *jd);
/* lineage.c: base models, lineage[], and the criteria combined with the bases'. */
int trop_judge_lineage(trop_judge *j, trop_judgement *jd);
/* links.c: classifies the card's links into jd->links (images and Hub
 * model links left out). */
int trop_card_links(trop_judgement *jd);
/* mof_evidence.c: the MOF components the evidence shows (jd->mof.shown). */
int trop_judge_mof_evidence(trop_judgement *jd);
/* weights.c: does a hold a model's weights (safetensors, GGUF, PyTorch,
 * Keras, an HDF5 Keras model, a TensorFlow SavedModel)? */
bool trop_holds_weights(const tro_artifact *a);

/* Resolves (resolver, then catalog) a base model or dataset. Returns 1 with
 * *base / *ds set (borrowed: from the catalog or this check's memo, valid
 * until the check ends), 0 when not found, or a negative TRO_E* code.
 * *source says where it came from (borrowed likewise). */
int trop_resolve_model(trop_judge *j, const char *id, const trop_base **base, const char **source);
int trop_resolve_dataset(trop_judge *j, const char *id, const trop_dataset **ds,
                         const char **source);
void trop_memo_free(trop_memo *m);

/* ---- Catalogs (catalog.c) ----------------------------------------------------
 * Entries are found on disk, read once (readers only, no hashing) and cached
 * with what was judged of them. All functions are thread-safe. */
typedef struct trop_cat_entry trop_cat_entry;
/* Looks id up: 1 with *e (borrowed from cat), 0 when absent, <0 on error. */
int trop_catalog_lookup(tro_catalog *cat, tro_ref_kind kind, const char *id, trop_cat_entry **e);
const tro_release *trop_cat_entry_release(const trop_cat_entry *e);
const char *trop_cat_entry_source(const trop_cat_entry *e);
/* The judgement cached on an entry, or NULL. */
const void *trop_cat_entry_result(trop_cat_entry *e);
/* Stores a judgement unless one is there; returns the one kept (result is
 * freed with free_fn when it lost, or when the catalog is freed). */
const void *trop_cat_entry_set_result(trop_cat_entry *e, void *result, void (*free_fn)(void *));

/* ---- Built-in knowledge of base model families (builtin.c) ----------------- */
typedef struct trop_builtin_model {
    const char *pattern; /* fnmatch pattern on the Hub id, case-insensitive */
    const char *license; /* licence expression */
    const char *note;
} trop_builtin_model;
extern const trop_builtin_model trop_builtin_models[];
extern const size_t trop_builtin_model_count;
/* The first entry whose pattern matches id, or NULL. */
const trop_builtin_model *trop_builtin_find(const char *id);

/* A name prose uses for a family (data/model-names.tsv). */
typedef struct trop_builtin_name {
    const char *name; /* folded: lower case, separators as one space */
    const char *id;   /* the family's representative Hub id */
    int row;          /* the row of trop_builtin_models its id matches */
    int data;         /* the family's training data: 2 yes, 1 partial, 0 no, -1 unknown */
} trop_builtin_name;
extern const trop_builtin_name trop_builtin_names[];
extern const size_t trop_builtin_name_count;
/* The names are sorted by their first byte; those of byte c are
 * [trop_builtin_name_first[c], trop_builtin_name_first[c + 1]). */
extern const unsigned short trop_builtin_name_first[129];
/* The family named at the start of s[0..n) (whole words; sizes and
 * variants may follow), the longest that matches, or NULL; *used gets the
 * bytes its name took. */
const trop_builtin_name *trop_builtin_name_at(const char *s, size_t n, size_t *used);
/* The training data of the family whose row of the table matches id: 2
 * yes, 1 partial, 0 no, -1 unknown. */
int trop_builtin_family_data(const char *id);

/* URLs (links.c). */
typedef enum trop_link_kind {
    TROP_LINK_OTHER = 0,
    TROP_LINK_CODE,       /* a source repository */
    TROP_LINK_PAPER,      /* arXiv, DOI, OpenReview, ACL Anthology */
    TROP_LINK_HF_DATASET, /* huggingface.co/datasets/ORG/NAME */
    TROP_LINK_HF_MODEL    /* huggingface.co/ORG/NAME */
} trop_link_kind;
/* What url points at; for Hub links the id goes to id (idsz bytes). */
trop_link_kind trop_link_classify(const char *url, char *id, size_t idsz);
/* Is s a Hub id ("org/name" or "name": letters, digits, '.', '_', '-')? */
bool trop_hub_id_valid(const char *s);
/* Normalises a Hub reference (an id, or a huggingface.co URL of the given
 * kind) into out; false when it is neither. */
bool trop_hub_id_normalise(const char *s, tro_ref_kind kind, char *out, size_t outsz);
#define TROP_HUB_ID_MAX 200

/* A repository on a forge (GitHub, GitLab, Codeberg, Bitbucket), or a file
 * or folder in one, as a link names it. */
typedef struct trop_repo {
    char owner[128], name[128]; /* as written */
    const char *rest;           /* the path after owner/name ("" none), up to '?' or '#' */
    size_t rest_len;
    bool license;    /* a LICENSE/COPYING file */
    bool page;       /* issues, pull requests, discussions, wiki, releases... */
    bool document;   /* a picture or a document (.md, .txt, .html...) */
    bool pdf;        /* a PDF (a paper kept in the repository) */
    bool dependency; /* a library or tool cards link as a dependency */
} trop_repo;
/* Fills r when url is a repository on a forge; false otherwise. */
bool trop_repo_parse(const char *url, trop_repo *r);

#endif
