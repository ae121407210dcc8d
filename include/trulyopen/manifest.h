/* Provenance manifests: record what a release contains, and prove it unchanged. */
#ifndef TRULYOPEN_MANIFEST_H
#define TRULYOPEN_MANIFEST_H

#ifndef TRULYOPEN_H_INSIDE
#error "include <trulyopen.h>, not the headers under trulyopen/"
#endif

#ifdef __cplusplus
extern "C" {
#endif

/** Name and version written in every manifest ("format" and "format_version"). */
#define TRO_MANIFEST_FORMAT "trulyopen-manifest"
#define TRO_MANIFEST_FORMAT_VERSION 1

/**
 * Serialises the manifest of a hashed release: format, format_version,
 * tool version, and one entry per artifact sorted by path (path, size,
 * sha256, type, and for LFS pointers the declared lfs oid and size).
 * Deterministic: the same content gives byte-identical text (no time stamps,
 * no absolute paths; one artifact per line, so manifests diff well).
 * *out is owned by the caller (tro_free()); *len (may be NULL) its length.
 * Paths are as tro_artifact_path() gives them: a file name that is not
 * UTF-8 has its other bytes written \xHH (see trulyopen-report(5)).
 * Errors (message in tro_release_last_error()): TRO_EINVAL (release scanned
 * with TRO_SCAN_NO_HASH, or an artifact path that is not UTF-8), TRO_EIO
 * (part of the release could not be read: a file, a folder beyond
 * limits.max_depth, the rest of an archive, an encrypted archive entry;
 * the findings "read-error", "depth-limit", "archive-bomb",
 * "archive-corrupt", "archive-entry-unreadable" and, for an entry left
 * out, "archive-entry-encrypted" say which: a manifest would leave it out),
 * TRO_ENOMEM.
 */
TRO_API int tro_release_manifest(const tro_release *rel, char **out, size_t *len);

/** One difference between a release and a manifest. */
typedef enum tro_diff_kind {
    TRO_DIFF_MISSING = 0,  /**< in the manifest, not in the release */
    TRO_DIFF_EXTRA = 1,    /**< in the release, not in the manifest */
    TRO_DIFF_CHANGED = 2,  /**< in both, different size or SHA-256 */
    TRO_DIFF_UNREADABLE = 3 /**< could not be read from the release (detail: why) */
} tro_diff_kind;

/** Result of tro_verify(): the list of differences, sorted by path. */
typedef struct tro_verify_result tro_verify_result;

/**
 * Compares a hashed release with a manifest given as JSON text. An LFS
 * pointer on either side is compared by the oid and size it declares, so a
 * manifest made from a clone without LFS content verifies the real files.
 * On success *out (owned, tro_verify_result_free()) lists the differences;
 * the release is unchanged when tro_verify_result_count() is 0. What the
 * release could not read (the findings tro_release_manifest() refuses for)
 * is a difference of kind TRO_DIFF_UNREADABLE, in the manifest or not,
 * under the path of the part not read (the release's name for an archive
 * that could not be read further).
 * The manifest is bounded by the release's context: at most
 * limits.max_entries artifacts, nesting at most limits.max_depth.
 * Errors: TRO_EPARSE (not JSON) or TRO_EFORMAT (not a manifest), with
 * err->offset and the message giving the byte; TRO_EVERSION (newer manifest
 * format), TRO_ELIMIT, TRO_EINVAL (NULL argument, or the release was scanned
 * with TRO_SCAN_NO_HASH), TRO_ENOMEM.
 */
TRO_API int tro_verify(const tro_release *rel, const char *manifest_json,
                       size_t len, tro_verify_result **out, tro_error *err);

/** Number of differences; 0 when the release matches (or res is NULL). */
TRO_API size_t tro_verify_result_count(const tro_verify_result *res);

/**
 * Difference i. path and detail are borrowed from res. detail is "" for
 * missing and extra artifacts; for changed ones it gives the manifest's
 * value first: "size 10 != 12, sha256 abc... != def..."; for unreadable
 * ones, why ("cannot open: Permission denied"). Any out-parameter
 * may be NULL. Returns TRO_EINVAL when i is out of range.
 */
TRO_API int tro_verify_result_get(const tro_verify_result *res, size_t i,
                                  tro_diff_kind *kind, const char **path,
                                  const char **detail);

/** Frees a result and the strings borrowed from it. NULL is allowed. */
TRO_API void tro_verify_result_free(tro_verify_result *res);

#ifdef __cplusplus
}
#endif

#endif /* TRULYOPEN_MANIFEST_H */
