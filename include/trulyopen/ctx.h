/* The context: options and limits shared by every scan. */
#ifndef TRULYOPEN_CTX_H
#define TRULYOPEN_CTX_H

#ifndef TRULYOPEN_H_INSIDE
#error "include <trulyopen.h>, not the headers under trulyopen/"
#endif

#ifdef __cplusplus
extern "C" {
#endif

/** Opaque context. Immutable once created: share it between threads freely. */
typedef struct tro_ctx tro_ctx;

/**
 * Progress report for long scans. Called on the thread that called tro_scan(),
 * at most about ten times a second, never from worker threads. Return nonzero
 * to cancel the scan (it then fails with TRO_ECANCELED).
 */
typedef int (*tro_progress_fn)(uint64_t bytes_done, uint64_t bytes_total,
                               void *userdata);

/** Scan flags (tro_ctx_options.flags). */
enum {
    TRO_SCAN_NO_HASH = 1u << 0,    /**< do not compute SHA-256 of artifacts */
    TRO_SCAN_NO_READERS = 1u << 1, /**< only list and type artifacts */
    TRO_SCAN_NO_DEFAULT_IGNORES = 1u << 2 /**< do not skip .git/ and other VCS folders */
};

/**
 * Bounds that protect the library from hostile input. Zero means "the
 * default" given in brackets.
 */
typedef struct tro_limits {
    uint64_t max_text_bytes;     /**< card, JSON, YAML or license file read whole [16 MiB] */
    uint64_t max_header_bytes;   /**< safetensors header, GGUF metadata [100,000,000] */
    uint64_t max_entries;        /**< artifacts in one release, archive entries [1,000,000] */
    uint32_t max_depth;          /**< nesting of JSON, YAML, archives, pickles [64] */
    uint32_t max_aliases;        /**< YAML alias references in one document [1,000] */
    /** Bytes expanded from one archive, all entries together [1 TiB]. Since
     *  version 2. */
    uint64_t max_expand_bytes;
    /** Bytes expanded from an archive per byte of it read so far, beyond
     *  its first 64 MiB expanded, checked as it streams [100]. Since
     *  version 2. */
    uint32_t max_expand_ratio;
} tro_limits;

/** Version 2 added max_expand_bytes and max_expand_ratio to tro_limits;
 *  tro_ctx_new() still accepts version 1 options (with the old layout). */
#define TRO_CTX_OPTIONS_VERSION 2

/** Context options. Initialise with TRO_CTX_OPTIONS_INIT, then set fields. */
typedef struct tro_ctx_options {
    unsigned int version;        /**< TRO_CTX_OPTIONS_VERSION */
    unsigned int threads;        /**< hashing workers; 0 = online CPUs */
    unsigned int flags;          /**< TRO_SCAN_* */
    tro_limits limits;
    /** Glob patterns (fnmatch, matched against the path relative to the
     *  release root and against its last component) of files to skip. The
     *  array and strings are copied by tro_ctx_new(). */
    const char *const *ignore;
    size_t ignore_count;
    tro_progress_fn progress;    /**< optional */
    void *progress_userdata;
} tro_ctx_options;

#define TRO_CTX_OPTIONS_INIT \
    { TRO_CTX_OPTIONS_VERSION, 0, 0, { 0, 0, 0, 0, 0, 0, 0 }, NULL, 0, NULL, NULL }

/**
 * Creates a context. opts may be NULL for defaults. On failure *out is NULL
 * and err (if not NULL) says why. Free with tro_ctx_free().
 * Errors: TRO_EINVAL (out is NULL), TRO_EVERSION (opts->version neither
 * 1 nor TRO_CTX_OPTIONS_VERSION),
 * TRO_ENOMEM.
 */
TRO_API int tro_ctx_new(tro_ctx **out, const tro_ctx_options *opts,
                        tro_error *err);

/** Frees a context. NULL is allowed. Releases made with it must be freed first. */
TRO_API void tro_ctx_free(tro_ctx *ctx);

/** Number of hashing workers this context uses (never 0). */
TRO_API unsigned int tro_ctx_threads(const tro_ctx *ctx);

#ifdef __cplusplus
}
#endif

#endif /* TRULYOPEN_CTX_H */
