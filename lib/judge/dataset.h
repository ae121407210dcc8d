/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* Private to lib/judge: the parts of the data access criterion (data.c).
 *
 * dsaccess.c: what can be had of a dataset, from what its own card says (a
 * licence, a gate, a withdrawal, components that are withdrawn or not
 * free) bounded by what the built-in table knows of it.
 *
 * datatext.c: the training data a model card names outside its front
 * matter: links to datasets on the Hub and dataset names in training-data
 * sections and training sentences, statements that the data is not
 * released, and whether the card says the model was fine-tuned. */
#ifndef TROP_DATASET_H
#define TROP_DATASET_H

#include "builtin.h"
#include "prose.h"

/* ---- A dataset's own access (dsaccess.c) ------------------------------------------- */

/* The rubric's status of one of the table's access values. */
tro_status trop_ds_access_status(trop_ds_access a);

/* The built-in entry of the dataset that card v describes (v may be NULL):
 * by its Hub id (id, then rel_name; either may be NULL), its pretty_name,
 * its title. NULL when the table does not know it. */
const trop_builtin_dataset *trop_dataset_identify(const trop_cardview *v, const char *id,
                                                  const char *rel_name);

/* Sets d->access and d->problem of a dataset whose licence is judged (d,
 * from trop_dataset_judge()): what its card v (may be NULL) states of a
 * gate, a withdrawal or components that are withdrawn or not free decides,
 * but only below what the table knows of it (b, may be NULL): a card cannot
 * undo a withdrawal or a publisher's terms it does not mention. 0 or
 * TRO_ENOMEM. */
int trop_dataset_access(trop_dataset *d, const trop_cardview *v, const trop_builtin_dataset *b);

/* A dataset known only from the table: *out owned (trop_dataset_free). 0 or
 * TRO_ENOMEM. */
int trop_dataset_from_builtin(const trop_builtin_dataset *b, trop_dataset **out);

/* ---- Training data a model card names in its prose (datatext.c) ---------------------- */

typedef struct trop_ds_mention {
    const char *id;                 /* a Hub dataset id (link), or NULL */
    const trop_builtin_dataset *bi; /* its entry in the table, or NULL */
    const char *why;                /* static: why the mention is training data */
    int64_t line;
} trop_ds_mention;

/* A sentence of the card that speaks of its training data. */
typedef struct trop_ds_quote {
    const char *text; /* at most 200 bytes, valid UTF-8; NULL: none */
    const char *why;  /* static */
    int64_t line;
} trop_ds_quote;

typedef struct trop_ds_text {
    TROP_VEC(trop_ds_mention);
    trop_arena texts;
    trop_ds_quote undisclosed; /* "publicly available sources", "has not been released" */
    trop_ds_quote finetuned;   /* "we fine-tune ... on", "fine-tuned on" */
    bool pretraining_named;    /* a mention stands where pretraining is spoken of */
} trop_ds_text;

/* The training data the card v (a model's) names in its body, in order of
 * blocks. 0 or TRO_ENOMEM. */
int trop_card_training_data(const trop_cardview *v, trop_ds_text *out);
void trop_ds_text_free(trop_ds_text *t);

#endif
