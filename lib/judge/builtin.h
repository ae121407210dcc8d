/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* Private to lib/judge: built-in knowledge of the most used training
 * datasets (data/datasets.tsv, compiled into datasets-table.c by
 * gen-datasets.py), and the lookups on it (builtin_datasets.c).
 *
 * The table answers offline what a card alone cannot: which licence a named
 * dataset is under, whether it can still be had, and whether it is training
 * data at all (evaluation sets often appear in a card's `datasets:`). A
 * catalog or the Hub, when the caller has them, know better and come first.
 * Everything here is immutable: the lookups can run from any thread. */
#ifndef TROP_BUILTIN_H
#define TROP_BUILTIN_H

#include <stddef.h>
#include <stdint.h>

/* Can the data be had, and how. */
typedef enum trop_ds_avail {
    TROP_DS_PUBLIC,        /* downloadable without accepting terms */
    TROP_DS_GATED,         /* only after accepting terms or applying */
    TROP_DS_WITHDRAWN,     /* taken down: no longer distributed by its publisher */
    TROP_DS_METADATA_ONLY, /* only URLs, ids or metadata; the content is fetched elsewhere */
    TROP_DS_UNDISCLOSED    /* never released */
} trop_ds_avail;

/* The rubric's data access for this dataset taken alone. */
typedef enum trop_ds_access {
    TROP_DS_ACCESS_NO,
    TROP_DS_ACCESS_PARTIAL,
    TROP_DS_ACCESS_YES
} trop_ds_access;

/* What the data is used for. Evaluation sets are never training data. */
typedef enum trop_ds_role {
    TROP_DS_PRETRAINING,
    TROP_DS_INSTRUCTION, /* supervised fine-tuning on instructions or chats */
    TROP_DS_PREFERENCE,  /* preference pairs or ratings (RLHF, DPO) */
    TROP_DS_SUPERVISED,  /* labelled task data (images, speech, retrieval) */
    TROP_DS_EVALUATION, /* a benchmark: training data only where a card declares it so */
    TROP_DS_MIXED,
    TROP_DS_RESULTS /* a model's evaluation outputs (leaderboard details): never training */
} trop_ds_role;

typedef struct trop_builtin_dataset {
    const char *id;         /* canonical Hub id; NULL when it has none */
    const char *const *hub; /* other Hub ids, mirrors and fnmatch patterns; NULL-terminated */
    const char *label;      /* how messages name it: its first prose name, else an id */
    const char *license;    /* licence expression, as tro_license_* take it */
    signed char free;       /* licence free for training data: 1 yes, 0 no, -1 unknown */
    trop_ds_avail avail;
    trop_ds_access access;
    trop_ds_role role;
    const char *problem; /* the known problem that limits access; NULL: none */
    const char *source;  /* URL of the facts */
} trop_builtin_dataset;

extern const trop_builtin_dataset trop_builtin_datasets[];
extern const size_t trop_builtin_dataset_count;

/* A name prose may use for a dataset (generated; sorted by folded text). */
#define TROP_DS_NAME_CASED 1u /* counts only in this exact case ("C4", "the Pile") */
#define TROP_DS_NAME_ID 2u    /* a Hub id written in prose (owner/name) */
typedef struct trop_builtin_ds_name {
    const char *text;   /* ASCII; a space matches any run of white space */
    const char *folded; /* text in lower case: what the names are sorted by */
    unsigned short len;
    unsigned char flags;
    unsigned short row; /* index in trop_builtin_datasets */
} trop_builtin_ds_name;
extern const trop_builtin_ds_name trop_builtin_ds_names[];
extern const size_t trop_builtin_ds_name_count;
/* The names whose folded text begins with a byte c (< 128) are
 * trop_builtin_ds_names[from, to) of trop_builtin_ds_leads[c]; second has
 * the bit of each byte that follows c in one of them (generated). */
typedef struct trop_builtin_ds_lead {
    unsigned short from, to;
    uint64_t second[2];
} trop_builtin_ds_lead;
extern const trop_builtin_ds_lead trop_builtin_ds_leads[128];

/* The entry of a Hub dataset id (case-insensitive): the canonical ids and
 * the listed mirrors first, then the patterns in table order. NULL when
 * none, or id is NULL. The entry is static. */
const trop_builtin_dataset *trop_builtin_dataset_find(const char *id);

/* A dataset named in prose: text[offset, offset + len) names ds. */
typedef struct trop_ds_match {
    const trop_builtin_dataset *ds; /* static */
    size_t offset, len;
} trop_ds_match;

/* Finds the datasets that text[0, n) names, in order of offset: whole
 * words ("C4" is not found in "mC4", "C4AI" or "C4.5"; a hyphen or a dot
 * between letters joins words, so "RedPajama-INCITE" is not "RedPajama"),
 * the longest name at each place ("FineWeb-Edu", not "FineWeb"), names
 * marked cased only in their case, and nothing within a github.com link
 * (a repository of code, such as a dataset's build tools, is not the data).
 * Writes at most max matches to out and returns how many it wrote; when
 * that is max, more may follow text[out[max-1].offset + out[max-1].len].
 * Work is linear in n (each place tries the few names that share its first
 * two letters). text need not be NUL-terminated nor UTF-8. */
size_t trop_builtin_datasets_in(const char *text, size_t n, trop_ds_match *out, size_t max);

#endif
