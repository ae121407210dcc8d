/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* Private to lib/read: the check of a Keras model configuration, shared by
 * the readers of .keras zips (keras.c), HDF5 files (hdf5*.c) and
 * TensorFlow SavedModel metadata (saved_model.c). */
#ifndef TROP_KERAS_H
#define TROP_KERAS_H

#include "internal.h"
#include "../json/json.h"

/* One configuration to check, and what was found in it. */
typedef struct trop_keras_scan {
    tro_artifact *a;
    const char *loader; /* "keras.models.load_model", for messages */
    const char *where;  /* "config.json", "attribute model_config", ... */
    uint64_t layers;    /* objects that look like layers (class_name + config) */
    uint64_t lambdas;   /* Lambda layers and serialized lambdas */
    uint64_t custom;    /* objects from modules outside Keras */
    trop_json_budget budget; /* findings of each scan are capped */
} trop_keras_scan;

/* Sets up k for findings on a ("where" names the part of a checked). */
void trop_keras_init(trop_keras_scan *k, tro_artifact *a, const char *loader, const char *where);

/* Walks a parsed configuration: a Lambda layer or serialized lambda is a
 * keras-lambda error, an object or function from a module outside Keras
 * (or a dangerous builtin) a keras-custom-object error. Returns 0 or
 * TRO_ENOMEM. */
int trop_keras_check(trop_keras_scan *k, const json_t *config);

/* Parses text (len bytes of JSON) and checks it; malformed JSON becomes
 * findings with the given code prefix. */
int trop_keras_check_text(const tro_ctx *ctx, trop_keras_scan *k, const char *text, size_t len,
                          const char *prefix);

/* Stores "layers", "lambda_layers", "custom_objects" into meta (and says
 * how many findings the cap dropped). */
int trop_keras_meta(trop_keras_scan *k, json_t *meta);

#endif
