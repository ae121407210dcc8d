/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* Private to lib/read: one entry point per format reader. */
#ifndef TROP_READERS_H
#define TROP_READERS_H

#include "facts.h"

/* Git LFS pointer (manifest/lfs.c): declared oid and size into a->is_lfs/lfs_oid/
 * lfs_size and meta {"lfs": {"oid", "size"}}. */
int trop_read_lfs(const tro_ctx *ctx, const trop_src *src, tro_artifact *a);
/* Model and dataset cards, and any Markdown (card/card.c). */
int trop_read_card(const tro_ctx *ctx, const trop_src *src, tro_artifact *a);
/* Model Openness Framework release YAML (manifest/mof.c). */
int trop_read_mof(const tro_ctx *ctx, const trop_src *src, tro_artifact *a);
/* LICENSE / COPYING files (manifest/license_file.c). */
int trop_read_license_file(const tro_ctx *ctx, const trop_src *src, tro_artifact *a);
/* Weights and their companions (safetensors/safetensors.c, safetensors/index.c,
 * gguf/gguf.c, manifest/config.c). */
int trop_read_safetensors(const tro_ctx *ctx, const trop_src *src, tro_artifact *a);
int trop_read_shard_index(const tro_ctx *ctx, const trop_src *src, tro_artifact *a);
int trop_read_gguf(const tro_ctx *ctx, const trop_src *src, tro_artifact *a);
int trop_read_config(const tro_ctx *ctx, const trop_src *src, tro_artifact *a);

/* Dataset manifests (manifest/croissant.c, manifest/datapackage.c). */
int trop_read_croissant(const tro_ctx *ctx, const trop_src *src, tro_artifact *a);
int trop_read_datapackage(const tro_ctx *ctx, const trop_src *src, tro_artifact *a);
/* Raw pickle files and legacy torch streams (pickle/reader.c). */
int trop_read_pickle(const tro_ctx *ctx, const trop_src *src, tro_artifact *a);
/* PyTorch checkpoints: zip, legacy tar, legacy stream (pytorch/pytorch.c). */
int trop_read_pytorch(const tro_ctx *ctx, const trop_src *src, tro_artifact *a);
/* NumPy .npy arrays and .npz zips of them (numpy/numpy.c). */
int trop_read_numpy(const tro_ctx *ctx, const trop_src *src, tro_artifact *a);
/* Keras .keras zips (keras/keras.c), HDF5 files such as Keras .h5
 * (keras/hdf5.c), TensorFlow SavedModel and Keras metadata protobufs (keras/saved_model.c). */
int trop_read_keras(const tro_ctx *ctx, const trop_src *src, tro_artifact *a);
int trop_read_hdf5(const tro_ctx *ctx, const trop_src *src, tro_artifact *a);
int trop_read_saved_model(const tro_ctx *ctx, const trop_src *src, tro_artifact *a);

#endif
