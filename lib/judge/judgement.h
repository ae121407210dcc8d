/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/*
 * What the judge concludes about a release: a judgement record, the judge's
 * whole output. lib/report builds the report from it (tro_report holds one)
 * and renders it; nothing below the judge sees it.
 *
 * A record is self-contained and immutable once trop_judge() has returned:
 * it holds copies of what it shows of the release (name, card, artifacts
 * with their hashes, the release's findings), so the release may be freed
 * first, and every text is valid UTF-8 (bytes that are not were replaced by
 * '?'). Threads may read one record at once.
 */
#ifndef TROP_JUDGEMENT_H
#define TROP_JUDGEMENT_H

#include "internal.h"

/* ---- The parts ------------------------------------------------------------------
 * Lists are a TROP_VEC (items v[0..n)) with an arena for their texts. */


/* An evidence item of a criterion. */
typedef struct trop_evidence {
    const char *kind;         /* static: "license", "training-code", ... */
    trop_str text, path, url; /* url.s NULL: none */
    trop_str why;             /* why it counted; s NULL: not said */
    int64_t line;             /* > 0 when known */
    int64_t offset;           /* >= 0 when known */
} trop_evidence;

/* A criterion: status, evidence and reasons, texts in its own arena. */
typedef struct trop_crit {
    tro_status status;
    TROP_VEC(trop_evidence) ev;
    trop_strs reasons;
    trop_arena texts;
    bool short_of_memory; /* an item could not be added: judging fails (check.c) */
} trop_crit;

/* A finding: the release's (copied) or the judge's own. */
typedef struct trop_jfinding {
    tro_severity sev;
    trop_str code, message, path;
    int64_t offset; /* -1 when not applicable */
    int64_t line;   /* > 0 when known */
    bool waived;    /* accepted by a waiver of the policy applied */
    trop_str waiver; /* the waiver's reason; s NULL: none */
} trop_jfinding;
typedef struct trop_jfindings {
    TROP_VEC(trop_jfinding);
    trop_arena texts;
} trop_jfindings;

/* A licence statement of the release. */
typedef struct trop_licstmt {
    const char *source, *category;                /* static */
    trop_str path, statement, expression, reason; /* expression.s NULL: none */
    bool known, free, free_for_data;
} trop_licstmt;
typedef struct trop_licstmts {
    TROP_VEC(trop_licstmt);
    trop_arena texts;
} trop_licstmts;

/* A dataset the release declares, or its base model's. */
typedef struct trop_dsrow {
    trop_str id;
    trop_str by;              /* declared_by: NUL-terminated strings one after the other */
    trop_str source, license; /* s NULL: none */
    trop_str problem;         /* what keeps its access below pass; s NULL: none known */
    bool resolved;
    int free;           /* free for training data: 1, 0, -1 unknown */
    tro_status access;  /* the rubric's data access for it alone */
    tro_data_role role; /* evaluation rows never count */
} trop_dsrow;
typedef struct trop_dsrows {
    TROP_VEC(trop_dsrow);
    trop_arena texts;
} trop_dsrows;

/* A step of the lineage: a base model, its bases one level deeper. */
typedef struct trop_step {
    trop_str id, relation, source; /* relation.s, source.s NULL: none */
    unsigned depth;                /* 1: a base of the release */
    bool resolved;                 /* its release was judged */
    bool known;                    /* source set: status and licences known */
    tro_status status[3];
    trop_str licenses; /* NUL-terminated expressions one after the other */
} trop_step;
typedef struct trop_steps {
    TROP_VEC(trop_step);
    trop_arena texts;
} trop_steps;

/* The Model Openness Framework: the class of a MOF release file, and the
 * components the evidence shows. */
typedef struct trop_mof_row {
    const char *name, *content_type, *status; /* static */
    int cls;
    bool required;
    trop_str license; /* s NULL: none */
} trop_mof_row;
typedef struct trop_mof {
    bool has_file;         /* a MOF release file was classified */
    trop_str path;         /* of that file */
    int cls;               /* 0-3 */
    const char *label;     /* static */
    double progress[3];    /* classes I, II, III, in percent */
    TROP_VEC(trop_mof_row) rows;
    uint32_t shown;        /* bit i: component i of the framework is shown by the evidence */
    trop_arena texts;
} trop_mof;

/* An artifact as the record shows it. */
typedef struct trop_art {
    trop_str path;
    uint64_t size;
    tro_type type;
    bool hashed;
    char sha256[65];
    const char *sha256_source; /* static: tro_artifact_sha256_source(); NULL when not hashed */
} trop_art;

/* ---- The record ------------------------------------------------------------------- */

typedef struct trop_judgement {
    /* What was judged (copies). */
    trop_str name;
    trop_str card_path; /* s NULL: no card */
    TROP_VEC(trop_art) arts;
    trop_jfindings rfindings; /* the release's own, sorted */
    trop_arena texts;         /* name, card_path, artifact paths */
    /* What was concluded. */
    trop_crit crit[3];
    tro_status own_use; /* use freedom from its own statements only */
    trop_licstmts licenses;
    trop_dsrows datasets;
    trop_steps lineage;
    trop_jfindings findings; /* the judge's own */
    trop_mof mof;
    bool dataset;   /* the release is a dataset, not a model */
    bool quantized; /* repackages its base's weights */
    bool truncated; /* a cycle or the depth limit cut the lineage */
    bool has_code, has_paper, has_procedure;
    bool has_datasets, has_data_card;
    /* Only while judging: NULL once trop_judge() has returned. */
    const tro_release *rel;
    const tro_artifact *card;
    TROP_VEC(struct trop_card_link) links;
    struct trop_cardview *view; /* the card's view (prose.h), NULL without a card */
    int64_t finetune_line; /* > 0: the card says here that the model was fine-tuned, and
                            * names no pretraining data (data.c; lineage.c reads it) */
} trop_judgement;

/* ---- Judging ------------------------------------------------------------------------ */

typedef struct trop_judge_opts {
    tro_catalog *catalog;
    tro_resolve_fn resolve;
    void *resolve_userdata;
    unsigned max_lineage_depth; /* 0: the default (8) */
} trop_judge_opts;

/* Judges rel: 0 with *out (free with trop_judgement_free()), or a TRO_E*
 * code with err filled in. */
int trop_judge_run(tro_ctx *ctx, const tro_release *rel, const trop_judge_opts *o,
               trop_judgement **out, tro_error *err);
void trop_judgement_free(trop_judgement *jd);
/* Is every criterion passed? */
bool trop_judgement_truly_open(const trop_judgement *jd);

/* "What would make the release pass", one step per problem, in the order of
 * the criteria: adds them to *out (texts in out_texts). 0 or TRO_ENOMEM. */
int trop_judgement_to_pass(const trop_judgement *jd, trop_strs *out, trop_arena *out_texts);

/* The framework's components the evidence shows, by name, in order (static
 * strings): fills names[] (room for 32) and returns their count. */
size_t trop_mof_shown_names(uint32_t shown, const char *names[32]);

/* ---- Policies ------------------------------------------------------------------------ */

/* The findings of a judgement in one order: the release's, then the
 * judge's. */
size_t trop_judgement_finding_count(const trop_judgement *jd);
const trop_jfinding *trop_judgement_finding(const trop_judgement *jd, size_t i);

/* What a failure of a policy is about, so that a writer can place it where
 * the problem is (SARIF) rather than repeat it. */
typedef enum trop_fail_kind {
    TROP_FAIL_VERDICT,   /* require_truly_open */
    TROP_FAIL_CRITERION, /* ref: the tro_criterion */
    TROP_FAIL_LICENSE,   /* ref: index in jd->licenses, -1: no licence at all */
    TROP_FAIL_MOF,
    TROP_FAIL_FINDINGS   /* ref: the first finding of the group (trop_judgement_finding) */
} trop_fail_kind;
typedef struct trop_policy_why {
    trop_fail_kind kind;
    int64_t ref;
} trop_policy_why;

/* A finding a waiver accepted: its index (trop_judgement_finding()) and the
 * waiver's reason (in the outcome's texts). */
typedef struct trop_waived {
    size_t finding;
    trop_str reason;
} trop_waived;

/* The outcome of applying a policy. Zero initialised it is empty; free
 * with trop_policy_outcome_free(). */
typedef struct trop_policy_outcome {
    bool passed;
    trop_strs failures;                  /* one sentence each */
    TROP_VEC(trop_policy_why) why;       /* why[i]: what failures[i] is about */
    TROP_VEC(trop_waived) waived;        /* sorted by finding */
    trop_jfindings findings;             /* the policy's own (waiver-expired) */
    trop_arena texts;                    /* failures, reasons */
} trop_policy_outcome;
void trop_policy_outcome_free(trop_policy_outcome *o);

/* Applies policy (NULL: the default) to jd on day `today` (days since
 * 1970-01-01, for waivers' expiry): 0 with *out filled, or TRO_ENOMEM
 * (*out then freed). */
int trop_policy_apply(const tro_policy *policy, const trop_judgement *jd, int64_t today,
                      trop_policy_outcome *out);

#endif
