/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/*
 * What the readers tell the layers above them: typed facts per artifact.
 * This is lib/read's one interface header; the judge reads artifacts only
 * through it (never their metadata JSON, which is for people and tools:
 * tro_artifact_metadata()).
 *
 * A reader fills the facts of the artifact it reads, in the artifact's own
 * arena (tro_artifact.mem), while the release is built; once tro_scan() or
 * tro_release_add_buffer() has returned, nothing writes them again, so any
 * number of threads may read them. Strings are NUL-terminated, valid UTF-8
 * unless said otherwise, and a trop_str with s NULL means "not given".
 */
#ifndef TROP_READ_FACTS_H
#define TROP_READ_FACTS_H

#include "internal.h"

/* ---- The Model Openness Framework's components ----------------------------------
 * Facts from the Model Openness Tool's mof.settings.yml (component ids,
 * classes, content types, required flags). */

/* What kind of license suits a component (code, data or document). */
typedef enum trop_mof_content {
    TROP_MOF_CODE = 0,
    TROP_MOF_DATA = 1,
    TROP_MOF_DOCUMENT = 2
} trop_mof_content;

typedef struct trop_mof_component {
    const char *name; /* exact string used in MOF YAML files */
    int id;           /* the Model Openness Tool's component id */
    int mof_class;    /* 3 = Open Model, 2 = Open Tooling, 1 = Open Science */
    trop_mof_content content;
    bool required; /* needed for its class (else optional) */
} trop_mof_component;

#define TROP_MOF_COMPONENT_COUNT 17

/* The 17 components, most basic class (III) first. Static, read-only. */
const trop_mof_component *trop_mof_components(void);
/* The component with exactly this name, or NULL (names are never guessed). */
const trop_mof_component *trop_mof_component_find(const char *name, size_t len);
/* "code", "data" or "document". */
const char *trop_mof_content_name(trop_mof_content c);

/* ---- Cards -------------------------------------------------------------------------- */

/* A section of a card's Markdown body. Strings have their lengths (they may
 * hold U+0000); the titles are NUL-terminated copies, the texts slices of
 * one copy of the body (text_len bytes, no NUL after). */
typedef struct trop_card_section {
    const char *title, *text; /* title with whitespace collapsed; text trimmed */
    size_t title_len, text_len;
    uint64_t line, words, subtree_words;
    uint8_t level; /* 0: the text before the first heading */
    bool has_table, placeholder, text_truncated;
} trop_card_section;

/* A link of the body (images too). */
typedef struct trop_card_href {
    const char *url, *text, *title; /* title NULL when none */
    size_t url_len, text_len, title_len;
    uint64_t line;
    uint8_t kind; /* index into "inline", "reference", "autolink", "bare", "html" */
    bool image;
    /* where its text stands in the plain text of its block (below); block
     * TROP_CARD_NO_BLOCK when it was not found there (an image, a link in
     * a comment) */
    uint32_t block;
    uint32_t at, len;
} trop_card_href;

#define TROP_CARD_NO_BLOCK UINT32_MAX

/* The blocks of the body in order, as plain text: Markdown and HTML markup
 * removed (emphasis, code spans, link syntax, tags, entities), a link
 * replaced by its text, an image dropped. Paragraphs and list items are one
 * line of text (soft breaks become spaces; HTML breaks, paragraphs and
 * table rows inside them become '\n'); a table row's cells, GFM or HTML,
 * are joined by " | "; code keeps its lines as written. */
typedef enum trop_block_kind {
    TROP_BLOCK_PARA = 0, /* a paragraph (also a block quote's, HTML outside tables) */
    TROP_BLOCK_ITEM,     /* a list item (its marker removed) */
    TROP_BLOCK_ROW,      /* a row of a GFM table */
    TROP_BLOCK_HEADING,  /* an ATX or setext heading (opens section sec) */
    TROP_BLOCK_CODE      /* fenced code (info: the fence's info string) */
} trop_block_kind;

typedef struct trop_card_block {
    const char *text; /* plain text, len bytes, NUL-terminated */
    size_t len;
    const char *info; /* code: the info string ("python"), else "" */
    uint64_t line, last_line;
    uint32_t sec;   /* index into the body's sections */
    uint8_t kind;   /* trop_block_kind */
    uint8_t depth;  /* list items: nesting (0 outermost) */
    uint8_t bold;   /* the block is one bold span (a pseudo-heading): 1 */
    uint16_t table; /* rows: the table's number (1, 2, ...) */
    uint32_t row;   /* rows: 0 the header row, then 1, 2, ... */
    uint32_t key_len; /* a leading bold label ("**Paper**: ..."), as plain text; 0 none */
} trop_card_block;

typedef struct trop_card_body {
    trop_card_section *secs;
    size_t nsecs;
    trop_card_href *links;
    size_t nlinks;
    trop_card_block *blocks;
    size_t nblocks;
    uint64_t words, tables; /* of the whole body */
} trop_card_body;

/* A string value of a top-level front matter key that may be a URL (the
 * key's own value, or an item of its list), in document order. */
typedef struct trop_fm_url {
    trop_str key, url;
} trop_fm_url;

/* Which kinds of front matter keys a card has (trop_card_facts.keys). */
enum {
    TROP_FM_DATASET_KEYS = 1u << 0, /* task_categories, size_categories, configs... */
    TROP_FM_MODEL_KEYS = 1u << 1,   /* base_model, library_name, pipeline_tag... */
    TROP_FM_MODEL_INDEX = 1u << 2,  /* model-index */
    TROP_FM_QUANTIZED = 1u << 3     /* quantized_by, model_creator: a re-packaged model */
};

typedef struct trop_card_facts {
    /* the front matter's fields, as written (scalars given for strings
     * become their text; values of the wrong shape are left out) */
    trop_strs license, datasets, base_model, arxiv; /* arxiv: ids of arxiv: tags */
    trop_str license_name, license_link, base_model_relation;
    TROP_VEC(trop_fm_url) urls; /* at most TROP_FM_MAX_URLS a key, license* keys left out */
    unsigned keys;              /* TROP_FM_* */
    trop_str model_name, pretty_name; /* the names the card gives itself */
    trop_str license_details;         /* another licence field some cards use */
    trop_str gate;       /* the access gate's texts (extra_gated_prompt, _description and
                          * the labels of _fields), '\n' between them; s NULL: no gate */
    int commercial;      /* the front matter's "commercial": 0 false, 1 true, -1 not given */
    const trop_card_body *body; /* NULL when the file could not be read */
    /* what rendering the metadata takes (card_meta.c) */
    const char *fm_status; /* "ok", "none", "unterminated", "invalid", "not-mapping" */
    trop_str yaml;         /* the front matter's text when it parsed */
    uint64_t yaml_start;   /* its byte offset in the file */
    uint64_t bytes, lines, body_line;
    uint64_t max_depth, max_aliases, max_nodes; /* the limits it was parsed with */
} trop_card_facts;

#define TROP_FM_MAX_URLS 64

/* ---- Weights and their companions --------------------------------------------------- */

/* A key and its string value. */
typedef struct trop_kv {
    trop_str key, value;
} trop_kv;
typedef TROP_VEC(trop_kv) trop_kvs;

typedef struct trop_gguf_facts {
    trop_str license, license_name, license_link; /* general.license, ...license.name, .link */
    trop_strs base_model_urls;                    /* general.base_model.N.repo_url */
} trop_gguf_facts;

typedef struct trop_safetensors_facts {
    trop_kvs licenses; /* __metadata__ keys named license or *.license, non-empty */
    /* for the shard-index cross-check (safetensors/shards.h) */
    const struct trop_shard_tensor_list *tensors;
} trop_safetensors_facts;

typedef struct trop_index_facts {
    const struct trop_shard_map *map; /* safetensors/shards.h */
} trop_index_facts;

typedef struct trop_config_facts {
    trop_str quantization; /* quantization_config.quant_method */
    trop_str name_or_path; /* _name_or_path: where the model was loaded from when saved */
    trop_str base_model;   /* an adapter's base_model_name_or_path */
} trop_config_facts;

typedef struct trop_hdf5_facts {
    bool keras_model; /* the root group has a model_config attribute (read) */
} trop_hdf5_facts;

/* ---- Licence texts, MOF release files, dataset manifests ------------------------------- */

typedef struct trop_license_file_facts {
    trop_str text; /* the text read (invalid UTF-8 replaced by '?') */
} trop_license_file_facts;

typedef struct trop_mof_fact_component {
    trop_str name;
    trop_str license; /* as written; s NULL: not given; "" included without a licence */
    trop_str path;    /* component_path */
} trop_mof_fact_component;

typedef struct trop_mof_facts {
    /* release.license: the names of the distribution licence and of the
     * code, data and document licences (s NULL: not given) */
    trop_str distribution, code, data, document;
    TROP_VEC(trop_mof_fact_component) components; /* in file order */
} trop_mof_facts;

typedef struct trop_manifest_facts {
    trop_strs licenses;          /* as written: Croissant strings; datapackage name, else
                                  * path, else title */
    trop_str url;                /* the dataset's own URL, if given */
} trop_manifest_facts;

/* ---- Per artifact ----------------------------------------------------------------------- */

typedef struct trop_facts {
    tro_type type; /* which member holds */
    union {
        trop_card_facts card; /* TRO_TYPE_MODEL_CARD, TRO_TYPE_MARKDOWN */
        trop_gguf_facts gguf;
        trop_safetensors_facts safetensors;
        trop_index_facts index; /* TRO_TYPE_SAFETENSORS_INDEX, TRO_TYPE_PYTORCH_INDEX */
        trop_config_facts config;
        trop_hdf5_facts hdf5;
        trop_license_file_facts license_file;
        trop_mof_facts mof;
        trop_manifest_facts manifest; /* TRO_TYPE_CROISSANT, TRO_TYPE_DATAPACKAGE */
    } u;
} trop_facts;

/* ---- Reading -----------------------------------------------------------------------------
 * A reader parses one artifact of its type from src, keeps its metadata in
 * a->meta (a JSON object) and its facts in a->facts, and reports problems
 * with trop_artifact_finding(). It returns 0, or a negative code for
 * failures that are not the content's fault (TRO_ENOMEM, TRO_EIO).
 * Malformed content is a finding, never a crash. Readers run on worker
 * threads: they touch only `a` and read-only ctx. */
typedef int (*trop_reader_fn)(const tro_ctx *ctx, const trop_src *src, tro_artifact *a);
/* The reader for a type, or NULL. */
trop_reader_fn trop_reader_for(tro_type type);
/* Reads a (its type set) with its type's reader and completes its facts:
 * 0 (also for malformed content and types without a reader), TRO_ENOMEM or
 * TRO_EIO. */
int trop_read(const tro_ctx *ctx, const trop_src *src, tro_artifact *a);
/* Checks across artifacts (shard indexes vs shards), once all are read. */
int trop_release_crosscheck(tro_release *rel);
/* The same after a was added to a release checked before: nothing to do
 * (O(1)) unless a or an artifact there already is a shard index. */
int trop_release_crosscheck_added(tro_release *rel, const tro_artifact *a);
/* Do head's first bytes (of a file of size bytes) open a pickle of
 * protocol 0 to 5? Protocols 0 and 1 have no magic: their first opcodes
 * are decoded strictly (pickle/sniff.c). For type detection. */
bool trop_pkl_sniff(const unsigned char *head, size_t n, uint64_t size);
/* The facts of a, created (zeroed, of a's type) when it has none; NULL on
 * ENOMEM. For readers. */
trop_facts *trop_facts_get(tro_artifact *a);

/* The facts of a, or NULL when its reader found nothing to tell (or it has
 * no reader). */
static inline const trop_facts *trop_facts_of(const tro_artifact *a)
{
    return a ? (const trop_facts *)a->facts : NULL;
}

/* The card facts of a card artifact, or NULL. */
static inline const trop_card_facts *trop_card_facts_of(const tro_artifact *a)
{
    const trop_facts *f = trop_facts_of(a);
    return f && (f->type == TRO_TYPE_MODEL_CARD || f->type == TRO_TYPE_MARKDOWN) ? &f->u.card
                                                                                 : NULL;
}

#endif
