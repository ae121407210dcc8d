/* Private to lib/read: one entry point per format reader. */
#ifndef TROP_READERS_H
#define TROP_READERS_H

#include "internal.h"

/* Raw pickle files and legacy torch streams (pickle_reader.c). */
int trop_read_pickle(const tro_ctx *ctx, const trop_src *src, tro_artifact *a);
/* PyTorch checkpoints: zip, legacy tar, legacy stream (pytorch.c). */
int trop_read_pytorch(const tro_ctx *ctx, const trop_src *src, tro_artifact *a);

#endif
