/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* What the safetensors and shard-index readers keep on their artifacts
 * (tro_artifact.aux) for trop_release_crosscheck(). Private to lib/read. */
#ifndef TROP_READ_SHARDS_H
#define TROP_READ_SHARDS_H

#include "../facts.h"

#define TROP_SHARD_TENSOR_LIST_MAGIC 0x54534c31u /* "TSL1" */
#define TROP_SHARD_MAP_MAGIC 0x53484d31u   /* "SHM1" */

/* The tensors a safetensors header declares. */
typedef struct trop_shard_tensor_list {
    uint32_t magic;
    size_t n;
    const char **names;     /* sorted by strcmp, unique; point into pool */
    char *pool;
    uint64_t tensor_bytes;  /* end of the last tensor's data */
    bool valid;             /* the header passed every check */
} trop_shard_tensor_list;

/* One weight_map entry: tensor name -> index in trop_shard_map.shards. */
typedef struct trop_shard_entry {
    const char *name;       /* points into the map's pool */
    size_t shard;           /* SIZE_MAX: the file name was unusable */
} trop_shard_entry;

/* What a shard index (model.safetensors.index.json) declares. */
typedef struct trop_shard_map {
    uint32_t magic;
    size_t nshards;
    char **shards;          /* usable file names relative to the index's
                             * folder, sorted, unique */
    size_t n;
    trop_shard_entry *entries; /* sorted by name */
    char *pool;
    bool has_total;
    uint64_t total_size;    /* metadata.total_size */
} trop_shard_map;

/* The aux data of a, if a reader of this module attached it. */
const trop_shard_tensor_list *trop_shard_tensor_list_of(const tro_artifact *a);
const trop_shard_map *trop_shard_map_of(const tro_artifact *a);

#endif
