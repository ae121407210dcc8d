/* Private to lib/judge: the openness evaluation's internal interfaces.
 *
 * A check judges one release (the "root") and, through lineage, the base
 * models it names, each with the same code (trop_judge_release()). What a
 * judgement finds goes into a trop_judgement: per criterion a status,
 * evidence and reasons, plus the licences, datasets, lineage steps and the
 * judge's own findings, already shaped as the report document wants them
 * (lib/judge/report.h). The root's judgement becomes the report; a base
 * model's is summarised into a lineage step (trop_base). */
#ifndef TROP_JUDGE_H
#define TROP_JUDGE_H

#include "internal.h"

#include <pthread.h>

/* Is this license id open in the Model Openness Framework's sense? */
typedef bool (*trop_license_open_fn)(const char *license_id, void *userdata);

/* The Model Openness Tool's test: OSI-approved, FSF-libre, on its open-data
 * list, or OpenMDW-1.0, by exact SPDX id. */
bool trop_mof_license_open(const char *license_id, void *userdata);

/* MOF class of a MOF release file's meta: *out = {class, label, progress
 * {"1","2","3"}, components[]} (owned by the caller). */
int trop_mof_classify(const json_t *meta, trop_license_open_fn is_open, void *userdata,
                      json_t **out);
/* "Class I - Open Science Model" ... "Unclassified". Static. */
const char *trop_mof_class_label(int cls);

/* ---- Judgements ----------------------------------------------------------- */

/* A text of a criterion: valid UTF-8, NUL-terminated, n bytes. */
typedef struct trop_str {
    const char *s;
    size_t n;
} trop_str;

/* An evidence item: report {kind, text, path, url?, line?, offset?}. */
typedef struct trop_evidence {
    const char *kind; /* static */
    trop_str text, path, url; /* url.s NULL: none */
    int64_t line;             /* > 0 when known */
    int64_t offset;           /* >= 0 when known */
} trop_evidence;

/* Texts kept for the report, in chunks (texts.c). Zero-initialised: empty. */
typedef struct trop_chunk trop_chunk;
typedef struct trop_texts {
    trop_chunk *chunks;
} trop_texts;
/* Copies n bytes of s (NULL: "") into *out, bytes that are not UTF-8
 * replaced by '?' as trop_jtext() does; false on ENOMEM. */
bool trop_texts_put(trop_texts *t, const char *s, size_t n, trop_str *out);
bool trop_texts_str(trop_texts *t, const char *s, trop_str *out); /* NUL-terminated s */
bool trop_texts_vfmt(trop_texts *t, trop_str *out, const char *fmt, va_list ap) TROP_PRINTF(3, 0);
void trop_texts_free(trop_texts *t);

/* A finding of the judge: report {severity, code, message, path}. */
typedef struct trop_jfinding {
    tro_severity sev;
    trop_str code, message, path;
} trop_jfinding;
typedef struct trop_jfindings {
    trop_jfinding *v;
    size_t n, cap;
    trop_texts texts;
} trop_jfindings;
void trop_jfindings_free(trop_jfindings *f);
/* One as the report shows it; NULL on ENOMEM. */
json_t *trop_jfinding_json(const trop_jfinding *f);

/* A licence statement: report licenses[] {source, path, statement,
 * expression, category, known, free, free_for_data, reason} (lics.c). */
typedef struct trop_lic {
    const char *source, *category;              /* static */
    trop_str path, statement, expression, reason; /* expression.s NULL: null */
    bool known, free, free_for_data;
} trop_lic;
typedef struct trop_lics {
    trop_lic *v;
    size_t n, cap;
    trop_texts texts;
} trop_lics;
/* Adds l with these texts copied (expression NULL: null). */
int trop_lic_add(trop_lics *ls, const trop_lic *l, const char *path, const char *statement,
                 const char *expression, const char *reason);
void trop_lics_free(trop_lics *ls);
json_t *trop_lics_json(const trop_lics *ls); /* NULL on ENOMEM */

/* A dataset: report datasets[] {id, declared_by, resolved, source, license,
 * free_for_data} (lics.c). */
typedef struct trop_dsrow {
    trop_str id;
    trop_str by;           /* declared_by: NUL-terminated strings one after the other */
    trop_str source, license; /* s NULL: null */
    bool resolved;
    int free; /* free for data: 1, 0, -1 unknown (null) */
} trop_dsrow;
typedef struct trop_dsrows {
    trop_dsrow *v;
    size_t n, cap;
    trop_texts texts;
} trop_dsrows;
/* Adds r with these texts copied (by: bylen bytes as trop_dsrow.by holds
 * them; source, license NULL: null). TRO_ENOMEM also for a text that is not
 * UTF-8, as the JSON entry made at once used to fail. */
int trop_dsrow_add(trop_dsrows *rs, const trop_dsrow *r, const char *id, const char *by,
                   size_t bylen, const char *source, const char *license);
void trop_dsrows_free(trop_dsrows *rs);
json_t *trop_dsrows_json(const trop_dsrows *rs); /* NULL on ENOMEM */

typedef struct trop_crit {
    tro_status status;
    trop_evidence *ev; /* nev of them */
    size_t nev, evcap;
    trop_str *reasons; /* nreasons of them */
    size_t nreasons, rcap;
    trop_texts texts;
} trop_crit;
/* Frees the evidence and reasons (the status stays). */
void trop_crit_clear(trop_crit *c);
/* Moves src's evidence and reasons (and status) to dst; src keeps its
 * status only. */
void trop_crit_move(trop_crit *dst, trop_crit *src);
/* {status, evidence, reasons} of the report; NULL on ENOMEM. */
json_t *trop_crit_json(const trop_crit *c);

/* What a lineage step keeps of a base model's judgement. Immutable once
 * made: the catalog shares them between threads. */
typedef struct trop_base {
    tro_status status[3];
    json_t *licenses; /* [expression] */
    json_t *lineage;  /* its own steps, depth 1 = its bases */
    bool truncated;   /* a cycle or the depth limit cut its lineage */
    json_t *cut;      /* the lineage-cycle / lineage-depth-limit findings below it */
} trop_base;
void trop_base_free(void *base);

/* A dataset as the judge sees it once resolved. Immutable once made. */
typedef struct trop_dataset {
    char *license; /* expression of the licence that decides, or NULL */
    int free;      /* free for training data: 1 yes, 0 no (identified), -1 unknown */
    char *reason;  /* why, for reasons[] */
    bool has_card; /* documented by a dataset card */
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
#define TROP_CARD_LINKS_INLINE 32 /* most cards: no allocation */

typedef struct trop_judgement {
    const tro_release *rel;
    trop_card_link *links; /* the card's links, classified once: links_inline or heap */
    size_t nlinks;
    trop_card_link links_inline[TROP_CARD_LINKS_INLINE];
    const tro_artifact *card; /* the card judged, or NULL */
    bool dataset;             /* the release is a dataset, not a model */
    bool quantized;           /* repackages its base's weights */
    trop_crit crit[3];
    tro_status own_use;   /* use freedom from its own statements only */
    trop_lics licenses;   /* report licenses[] */
    trop_dsrows datasets; /* report datasets[] */
    json_t *lineage;      /* report lineage[] */
    trop_jfindings findings; /* the judge's own findings */
    uint32_t mof_shown;   /* bit i: MOF component i (trop_mof_components()) shown */
    json_t *to_pass;      /* [string]: only while the document is built */
    bool truncated;
    bool has_code, has_paper, has_procedure;
    bool has_datasets, has_data_card; /* a dataset resolved; documented by a card */
} trop_judgement;

int trop_judgement_init(trop_judgement *j, const tro_release *rel);
void trop_judgement_clear(trop_judgement *j);

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
/* mof_evidence.c: the MOF components the evidence shows (jd->mof_shown),
 * and those as the report lists them ([name]; NULL on ENOMEM). */
int trop_judge_mof_evidence(trop_judgement *jd);
json_t *trop_mof_evidence_json(uint32_t shown);
/* document.c: keeps what the report document needs of a judged root
 * release (taking over jd's JSON parts; jd is still to be cleared), and
 * classifies its MOF release file (*mof_class, -1 without one). */
typedef struct trop_pending trop_pending;
int trop_pending_new(trop_pending **out, const tro_release *rel, trop_judgement *jd,
                     int *mof_class);
/* topass.c: to_pass[] (into jd->to_pass) from the criteria, the release's
 * findings rf (nrf of them, texts valid UTF-8) and the judge's. */
int trop_judge_to_pass(trop_judgement *jd, const tro_finding *rf, size_t nrf);

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

/* ---- Small helpers (util.c) ------------------------------------------------- */
/* vsnprintf() for the judge's texts: fast for %s %d %u %zu %lld %llu %%,
 * vsnprintf() itself for anything else (fmt.c). */
int trop_vfmt(char *buf, size_t cap, const char *fmt, va_list ap) TROP_PRINTF(3, 0);
/* Texts are copied; NULL text or path is "", url NULL leaves it out. */
int trop_evidence_add(trop_crit *c, const char *kind, const char *text, const char *path,
                      const char *url, int64_t line, int64_t offset);
/* The same with the text formatted. */
int trop_evidence_addf(trop_crit *c, const char *kind, const char *path, const char *url,
                       int64_t line, int64_t offset, const char *fmt, ...) TROP_PRINTF(7, 8);
int trop_reason_add(trop_crit *c, const char *fmt, ...) TROP_PRINTF(2, 3);
int trop_judge_finding(trop_judgement *jd, tro_severity sev, const char *code, const char *path,
                       const char *fmt, ...) TROP_PRINTF(5, 6);
int trop_to_pass_add(trop_judgement *jd, const char *fmt, ...) TROP_PRINTF(2, 3);
/* A JSON string of s (NULL: ""), bytes that are not UTF-8 replaced by '?':
 * artifact names added from memory may be any bytes. NULL on ENOMEM. */
json_t *trop_jtext(const char *s);
json_t *trop_jtextn(const char *s, size_t n); /* the same for n bytes */
/* String member of an object, or NULL. */
const char *trop_jstr(const json_t *obj, const char *key);
int64_t trop_jint(const json_t *obj, const char *key, int64_t dflt);

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

#endif
