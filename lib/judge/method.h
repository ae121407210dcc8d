/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* Private to lib/judge: the rules of method transparency, read from a
 * card's prose (method_code.c, method_paper.c, method_proc.c); method.c
 * puts them together with the release's other evidence. */
#ifndef TROP_METHOD_H
#define TROP_METHOD_H

#include "prose.h"

/* One piece of evidence a rule found. */
typedef struct trop_mfound {
    const char *text; /* what the card says, at most 300 bytes */
    const char *url;  /* the link, or NULL */
    const char *why;  /* static: the rule that took it */
    int64_t line;
} trop_mfound;

typedef struct trop_mfounds {
    TROP_VEC(trop_mfound);
    trop_arena texts;
} trop_mfounds;

/* Adds a piece of evidence (text and url copied; url may be NULL). 0 or
 * TRO_ENOMEM. */
int trop_mfound_add(trop_mfounds *out, const char *text, size_t n, const char *url,
                    const char *why, int64_t line);
void trop_mfounds_free(trop_mfounds *f);

/* The card's links as the rules read them: each parsed once per card (the
 * rules of code and of papers both look at every link), its sentence found
 * when first asked for. */
typedef struct trop_mlink {
    trop_repo repo;
    bool is_repo;  /* repo is set: the link (not an image's) names a repository */
    bool has_sent; /* sent is known */
    trop_span sent;
} trop_mlink;

typedef struct trop_mlinks {
    const trop_cardview *v;
    trop_mlink *link; /* one per link of the card's body */
    size_t n;
} trop_mlinks;

/* Parses the links of the card v. 0 or TRO_ENOMEM. */
int trop_mlinks_init(trop_mlinks *l, const trop_cardview *v);
void trop_mlinks_free(trop_mlinks *l);
/* The sentence of link i in its block (the link lies within a block's
 * text). */
trop_span trop_mlink_sentence(trop_mlinks *l, size_t i);

/* The code that trains the model (for a dataset, builds it) the card v
 * links or shows; links are v's. */
int trop_method_code(const trop_cardview *v, trop_mlinks *links, trop_mfounds *out);
/* The model's (dataset's) own paper or technical report, linked or cited. */
int trop_method_papers(const trop_cardview *v, trop_mlinks *links, trop_mfounds *out);

/* The kinds of training hyperparameters (bits). */
enum {
    TROP_HP_OPTIMIZER = 1u << 0,
    TROP_HP_LR = 1u << 1,
    TROP_HP_BATCH = 1u << 2,
    TROP_HP_LENGTH = 1u << 3, /* steps, tokens or epochs */
    TROP_HP_SEQ = 1u << 4,    /* sequence (context) length */
    TROP_HP_PRECISION = 1u << 5
};
#define TROP_HP_KINDS 6
/* The name of kind bit k (0..TROP_HP_KINDS-1). */
const char *trop_hp_name(unsigned k);

/* The training hyperparameters stated for the model: one piece of evidence
 * per kind found, *kinds gets their bits. For a dataset card: its
 * processing steps with stated settings (*kinds 0 or 1). */
int trop_method_procedure(const trop_cardview *v, trop_mfounds *out, unsigned *kinds);

/* Shared by the rules. */
/* Does text[0..n) name a model or dataset other than the card's (a name
 * with a digit, or a family the built-in table knows)? */
bool trop_mentions_other(const trop_cardview *v, const char *text, size_t n);
/* Does text[0..n) name the card's own model (or dataset)? */
bool trop_mentions_self(const trop_cardview *v, const char *text, size_t n);

/* Link texts that are placeholders, not evidence (method_code.c). */
extern const char *const trop_method_placeholders[];

#endif
