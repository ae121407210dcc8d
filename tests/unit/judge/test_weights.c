/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* Which files the judge takes for a model's weights (weights.c): the MOF
 * component "Model parameters (Final)" they show, and whether a release
 * with GGUF files only repackages its base (lineage.c). Each case is a
 * release of a card naming a base model and the files of the table. */
#include "judge.h"

#include "test.h"

/* A Keras model saved as HDF5 (its root group has a model_config), from
 * the fuzz corpus; *plain gets the same file with that attribute renamed,
 * an HDF5 file of data. */
static char *keras_h5, *plain_h5;
static size_t h5_len;

static bool load_h5(void)
{
    const char *top = getenv("top_srcdir");
    char path[4096];
    snprintf(path, sizeof path, "%s/tests/fuzz/corpus/hdf5/safe-h5", top ? top : ".");
    FILE *f = fopen(path, "rb");
    if (!f)
        return false;
    keras_h5 = malloc(1 << 16);
    plain_h5 = malloc(1 << 16);
    if (!keras_h5 || !plain_h5)
        exit(99);
    h5_len = fread(keras_h5, 1, 1 << 16, f);
    fclose(f);
    memcpy(plain_h5, keras_h5, h5_len);
    for (size_t i = 0; i + 12 <= h5_len; i++)
        if (!memcmp(plain_h5 + i, "model_config", 12))
            plain_h5[i + 11] = 'q';
    return h5_len > 0 && memcmp(plain_h5, keras_h5, h5_len) != 0;
}

/* "GGUF", version 3, no tensors, no metadata. */
static const char gguf[] = "GGUF\3\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0";
static const char npy[] = "\x93NUMPY\1\0v\0{'descr': '<f4', 'fortran_order': False, "
                          "'shape': (2,), }                                          "
                          "                \n\0\0\0\0\0\0\0\0";
static const char lfs_keras[] =
    "version https://git-lfs.github.com/spec/v1\n"
    "oid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\n"
    "size 12345\n";
/* Only the zip signature: the Keras reader finds it malformed, the type
 * is by name and signature. */
static const char keras_zip[] = "PK\3\4 not a whole zip";

typedef struct file {
    const char *path; /* NULL: the end of the list */
    const char *data;
    size_t len;
    char *const *h5; /* set: one of the HDF5 files above instead of data */
} file;

typedef struct wcase {
    const char *name;
    file files[3];
    bool parameters; /* "Model parameters (Final)" is shown */
    bool quantized;  /* the release repackages its base's weights */
} wcase;

#define F(p, d)                                                                                    \
    {                                                                                              \
        p, d, sizeof d - 1, NULL                                                                   \
    }
#define H5(p, d)                                                                                   \
    {                                                                                              \
        p, NULL, 0, &d                                                                             \
    }

static const wcase cases[] = {
    {"gguf only", {F("model-q4.gguf", gguf)}, true, true},
    {"gguf and keras", {F("model-q4.gguf", gguf), F("model.keras", keras_zip)}, true, false},
    {"gguf and a keras hdf5", {F("model-q4.gguf", gguf), H5("tf_model.h5", keras_h5)}, true, false},
    {"gguf and a data hdf5", {F("model-q4.gguf", gguf), H5("data.h5", plain_h5)}, true, true},
    {"gguf and a savedmodel",
     {F("model-q4.gguf", gguf), F("saved_model.pb", "\x08\x01")},
     true,
     false},
    {"gguf and numpy", {F("model-q4.gguf", gguf), F("arrays.npy", npy)}, true, true},
    {"keras", {F("model.keras", keras_zip)}, true, false},
    {"keras hdf5", {H5("tf_model.h5", keras_h5)}, true, false},
    {"data hdf5", {H5("data.h5", plain_h5)}, false, false},
    {"savedmodel", {F("saved_model.pb", "\x08\x01")}, true, false},
    {"numpy", {F("arrays.npy", npy)}, false, false},
    {"keras lfs pointer", {F("model.keras", lfs_keras)}, true, false},
};

static const char card[] = "---\nlicense: apache-2.0\nbase_model: test-org/base\n---\n\n# Model\n";

static bool shows_parameters(uint32_t shown)
{
    const char *names[32];
    size_t n = trop_mof_shown_names(shown, names);
    for (size_t i = 0; i < n; i++)
        if (!strcmp(names[i], "Model parameters (Final)"))
            return true;
    return false;
}

static void run(tro_ctx *ctx, const wcase *c)
{
    tro_release *rel;
    if (tro_release_new(&rel, ctx, c->name) ||
        tro_release_add_buffer(rel, "README.md", card, sizeof card - 1))
        exit(99);
    for (const file *f = c->files; f < c->files + 3 && f->path; f++) {
        const char *data = f->h5 ? *f->h5 : f->data;
        size_t len = f->h5 ? h5_len : f->len;
        if (tro_release_add_buffer(rel, f->path, data, len))
            exit(99);
    }
    trop_judge_opts o = {0};
    trop_judgement *jd = NULL;
    tro_error err;
    int rc = trop_judge_run(ctx, rel, &o, &jd, &err);
    CHECK_INT(rc, 0);
    if (!rc) {
        if (shows_parameters(jd->mof.shown) != c->parameters || jd->quantized != c->quantized)
            fprintf(stderr, "case '%s': parameters %d (expected %d), quantized %d (expected %d)\n",
                    c->name, shows_parameters(jd->mof.shown), c->parameters, jd->quantized,
                    c->quantized);
        CHECK(shows_parameters(jd->mof.shown) == c->parameters);
        CHECK(jd->quantized == c->quantized);
    }
    trop_judgement_free(jd);
    tro_release_free(rel);
}

TRO_TEST(weights)
{
    if (!load_h5()) {
        TRO_SKIP("no tests/fuzz/corpus/hdf5/safe-h5");
    }
    tro_ctx *ctx;
    if (tro_ctx_new(&ctx, NULL, NULL))
        TRO_FAIL("tro_ctx_new");
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
        run(ctx, &cases[i]);
    tro_ctx_free(ctx);
    free(keras_h5);
    free(plain_h5);
}
