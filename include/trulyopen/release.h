/* Releases: the artifacts a model release ships, their hashes, types and findings. */
#ifndef TRULYOPEN_RELEASE_H
#define TRULYOPEN_RELEASE_H

#ifndef TRULYOPEN_H_INSIDE
#error "include <trulyopen.h>, not the headers under trulyopen/"
#endif

#ifdef __cplusplus
extern "C" {
#endif

/** One scanned release: a set of artifacts and the findings made on them. */
typedef struct tro_release tro_release;
/** One file of a release. Borrowed from its release. */
typedef struct tro_artifact tro_artifact;
/** One problem noticed in a release. Borrowed from its release. */
typedef struct tro_finding tro_finding;

/** What an artifact is, detected from its content and its name. Stable values. */
typedef enum tro_type {
    TRO_TYPE_OTHER = 0,
    TRO_TYPE_MODEL_CARD = 1,        /**< Markdown with YAML front matter (README.md) */
    TRO_TYPE_SAFETENSORS = 2,
    TRO_TYPE_SAFETENSORS_INDEX = 3, /**< model.safetensors.index.json */
    TRO_TYPE_GGUF = 4,
    TRO_TYPE_PYTORCH = 5,           /**< zip or legacy tar checkpoint */
    TRO_TYPE_PICKLE = 6,            /**< raw pickle stream */
    TRO_TYPE_CONFIG = 7,            /**< config.json */
    TRO_TYPE_LICENSE = 8,           /**< LICENSE, LICENCE, COPYING files */
    TRO_TYPE_CROISSANT = 9,         /**< Croissant JSON-LD */
    TRO_TYPE_DATAPACKAGE = 10,      /**< Frictionless datapackage.json */
    TRO_TYPE_MOF = 11,              /**< Model Openness Framework release YAML */
    TRO_TYPE_LFS_POINTER = 12,      /**< Git LFS pointer standing for absent content */
    TRO_TYPE_PYTORCH_INDEX = 13,    /**< pytorch_model.bin.index.json */
    TRO_TYPE_MARKDOWN = 14,         /**< Markdown without front matter */
    TRO_TYPE_NUMPY = 15,            /**< NumPy .npy array or .npz zip of arrays */
    TRO_TYPE_KERAS = 16,            /**< Keras .keras zip (config.json, weights) */
    TRO_TYPE_HDF5 = 17,             /**< HDF5 file, such as a Keras .h5 model */
    TRO_TYPE_SAVED_MODEL = 18,      /**< TensorFlow saved_model.pb, keras_metadata.pb */
    TRO_TYPE__COUNT
} tro_type;

/** Stable lowercase name of a type ("safetensors", "model-card"); never NULL. */
TRO_API const char *tro_type_name(tro_type type);

typedef enum tro_severity {
    TRO_SEVERITY_INFO = 0,
    TRO_SEVERITY_WARNING = 1,
    TRO_SEVERITY_ERROR = 2
} tro_severity;

/** "info", "warning" or "error". Static string. */
TRO_API const char *tro_severity_name(tro_severity severity);

/* ---- Building a release ------------------------------------------------- */

/**
 * Scans a path: a single file, a directory (walked in sorted order, VCS
 * folders and ignore patterns skipped, symlinks leaving the root not
 * followed), or an archive libarchive reads (streamed, never extracted).
 * Artifacts are typed, read and (unless TRO_SCAN_NO_HASH) hashed with SHA-256
 * by the context's worker threads. Problems in the content become findings;
 * only an unusable path fails the call.
 *
 * - Directories: symlinks are followed only when their target stays inside
 *   the root (files are listed under the link's path); others give the
 *   findings "symlink-escape", "symlink-dangling" or "symlink-loop". FIFOs,
 *   sockets and devices are never opened ("not-regular-file"); unreadable
 *   files give "read-error" and are left out; folders deeper than
 *   limits.max_depth give "depth-limit".
 * - Archives are recognised by extension (.tar .tar.gz .tgz .tar.bz2 .tbz2
 *   .tar.xz .txz .tar.zst .tzst .zip .7z) or by content (tar, gzip, bzip2,
 *   xz, zstd, 7z; a compressed file holding no archive stays one artifact,
 *   and .bin/.pt/.pth/.ckpt files are PyTorch checkpoints, not archives).
 *   Entries with unsafe names ("archive-unsafe-path"), repeated names
 *   ("archive-duplicate-entry", the first is kept) and links are skipped;
 *   corruption gives "archive-corrupt". When every entry sits in one
 *   top-level folder, paths are given relative to that folder. The ignore
 *   rules apply to the entries' final paths.
 * - Results never depend on the number of threads.
 *
 * On success *out is a release owned by the caller (tro_release_free()).
 * Errors: TRO_EINVAL, TRO_EIO (path unreadable), TRO_ELIMIT (more than
 * limits.max_entries entries), TRO_ECANCELED (progress callback),
 * TRO_ENOMEM.
 */
TRO_API int tro_scan(tro_ctx *ctx, const char *path, tro_release **out,
                     tro_error *err);

/**
 * Creates an empty release, to be filled from memory with
 * tro_release_add_buffer() (for registries that hold bytes in a database).
 * name labels the release in messages (may be NULL). Owned by the caller.
 */
TRO_API int tro_release_new(tro_release **out, tro_ctx *ctx, const char *name);

/**
 * Adds one artifact from memory under the relative path name ("README.md",
 * "weights/model.safetensors"). The bytes are typed, read and hashed during
 * the call and not retained. A name that is absolute, contains "..", or was
 * already added is refused with TRO_EINVAL (message on the release).
 */
TRO_API int tro_release_add_buffer(tro_release *rel, const char *name,
                                   const void *data, size_t len);

/** Frees a release and everything borrowed from it. NULL is allowed. */
TRO_API void tro_release_free(tro_release *rel);

/** Message of the last failed call on this release; "" if none. Borrowed. */
TRO_API const char *tro_release_last_error(const tro_release *rel);

/** Root path or name the release was made from. Borrowed from rel. */
TRO_API const char *tro_release_name(const tro_release *rel);

/* ---- Artifacts ---------------------------------------------------------- */

/** Number of artifacts, sorted by path. */
TRO_API size_t tro_release_artifact_count(const tro_release *rel);
/** Artifact i (0-based), or NULL when out of range. Borrowed from rel. */
TRO_API const tro_artifact *tro_release_artifact(const tro_release *rel, size_t i);
/** Artifact with this relative path, or NULL. Borrowed from rel. */
TRO_API const tro_artifact *tro_release_find(const tro_release *rel, const char *path);

/** Path relative to the release root, '/'-separated. Borrowed. */
TRO_API const char *tro_artifact_path(const tro_artifact *a);
/** Size in bytes of the content present (of the pointer file for LFS pointers). */
TRO_API uint64_t tro_artifact_size(const tro_artifact *a);
/** Lowercase hex SHA-256 (64 chars), or NULL when not hashed. Borrowed. */
TRO_API const char *tro_artifact_sha256(const tro_artifact *a);
/**
 * Where the SHA-256 came from: "computed" (trulyopen hashed the bytes) or
 * "hub-lfs" (the Hugging Face Hub's tree API gave it for a Git LFS file of
 * a remote release, see tro_hub_open()); NULL when not hashed. Static.
 */
TRO_API const char *tro_artifact_sha256_source(const tro_artifact *a);
TRO_API tro_type tro_artifact_type(const tro_artifact *a);
/**
 * For an LFS pointer: the declared SHA-256 (hex, borrowed) and size of the
 * absent content; returns 1. Returns 0 for any other artifact.
 */
TRO_API int tro_artifact_lfs(const tro_artifact *a, const char **oid_sha256,
                             uint64_t *size);

/**
 * What the format reader extracted from the artifact, as the text of a JSON
 * object with sorted keys ("{}" when the type has no reader), rendered on
 * each call: *out is owned by the caller (free with tro_free()), *len (may
 * be NULL) its length. Returns 0, TRO_EINVAL or TRO_ENOMEM (never an empty
 * object in place of what memory could not hold). Thread-safe: the release
 * is not changed.
 */
TRO_API int tro_artifact_metadata(const tro_artifact *a, char **out, size_t *len);

/* ---- Findings ----------------------------------------------------------- */

/** Number of findings, sorted by path, then offset, then code. */
TRO_API size_t tro_release_finding_count(const tro_release *rel);
/** Finding i, or NULL when out of range. Borrowed from rel. */
TRO_API const tro_finding *tro_release_finding(const tro_release *rel, size_t i);

TRO_API tro_severity tro_finding_severity(const tro_finding *f);
/** Stable kebab-case code ("symlink-escape", "lfs-pointer"). Borrowed. */
TRO_API const char *tro_finding_code(const tro_finding *f);
/** Human message. Borrowed. */
TRO_API const char *tro_finding_message(const tro_finding *f);
/** Artifact path the finding is about, or "" for the whole release. Borrowed. */
TRO_API const char *tro_finding_path(const tro_finding *f);
/** Byte offset in that artifact, or -1 when not applicable. */
TRO_API int64_t tro_finding_offset(const tro_finding *f);

#ifdef __cplusplus
}
#endif

#endif /* TRULYOPEN_RELEASE_H */
