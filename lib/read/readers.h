/* Private to lib/read: one entry point per format reader. */
#ifndef TROP_READERS_H
#define TROP_READERS_H

#include "internal.h"

/* Weights and their companions (safetensors.c, index.c, gguf.c, config.c). */
int trop_read_safetensors(const tro_ctx *ctx, const trop_src *src, tro_artifact *a);
int trop_read_shard_index(const tro_ctx *ctx, const trop_src *src, tro_artifact *a);
int trop_read_gguf(const tro_ctx *ctx, const trop_src *src, tro_artifact *a);
int trop_read_config(const tro_ctx *ctx, const trop_src *src, tro_artifact *a);

/* Dataset manifests (croissant.c, datapackage.c). */
int trop_read_croissant(const tro_ctx *ctx, const trop_src *src, tro_artifact *a);
int trop_read_datapackage(const tro_ctx *ctx, const trop_src *src, tro_artifact *a);

#endif
