/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* Signed attestations: a check's report as an in-toto Statement whose
 * subjects are the release's artifacts, in a DSSE envelope, and the check
 * of such an envelope against a key and a release. */
#ifndef TRULYOPEN_ATTEST_H
#define TRULYOPEN_ATTEST_H

#ifndef TRULYOPEN_H_INSIDE
#error "include <trulyopen.h>, not the headers under trulyopen/"
#endif

#ifdef __cplusplus
extern "C" {
#endif

/** The predicateType of trulyopen's statements: the predicate is the
 *  report document of trulyopen-report(5). An identifier, not a page. */
#define TRO_ATTEST_PREDICATE_TYPE "https://trulyopen.dev/attestation/report/v1"
/** The in-toto statement type, and the DSSE payloadType of its envelope. */
#define TRO_ATTEST_STATEMENT_TYPE "https://in-toto.io/Statement/v1"
#define TRO_ATTEST_PAYLOAD_TYPE "application/vnd.in-toto+json"

/**
 * Signs a report: an in-toto Statement v1 with one subject per artifact
 * of the report ({"name": path, "digest": {"sha256": hex}}),
 * predicateType TRO_ATTEST_PREDICATE_TYPE and the report's JSON document
 * (tro_report_json(), with the policy outcome when one was applied) as
 * predicate, wrapped in a DSSE envelope ({"payloadType", "payload",
 * "signatures": [{"keyid", "sig"}]}, base64) signed over the DSSE
 * pre-authentication encoding with key_pem: a PEM private key, Ed25519 or
 * ECDSA on P-256 (signed with SHA-256, DER signature), unencrypted. The
 * keyid is the hex SHA-256 of the public key's DER (SubjectPublicKeyInfo).
 * *out (owned, tro_free()) is the envelope as indented JSON ending with a
 * newline, *len (may be NULL) its length.
 * Errors: TRO_EINVAL (NULL argument, or an artifact without SHA-256: the
 * release was scanned without hashing), TRO_EFORMAT (not a PEM private
 * key, encrypted, or of another algorithm or curve), TRO_ENOMEM; the
 * message is in err.
 */
TRO_API int tro_attest_sign(const tro_report *report, const char *key_pem, size_t key_len,
                            char **out, size_t *len, tro_error *err);

/** What tro_attest_verify() found. */
typedef struct tro_attestation tro_attestation;

/**
 * Checks an envelope: its signatures with pub_pem (a PEM public key,
 * Ed25519 or ECDSA P-256), then its statement's subjects against the
 * artifacts of rel, which must have been scanned with hashing. On success
 * *out (owned, tro_attestation_free()) says whether a signature verified
 * and lists the differences; the attestation holds for the release when
 * tro_attestation_signature_ok() is 1 and there is no difference.
 * The envelope is bounded: at most 256 MiB, its statement at most
 * limits.max_entries subjects.
 * Errors: TRO_EPARSE (the envelope or its payload is not JSON, or not
 * base64), TRO_EFORMAT (not a DSSE envelope of an in-toto statement, or
 * pub_pem not a supported public key), TRO_ELIMIT, TRO_EINVAL (NULL
 * argument, or rel scanned without hashing), TRO_ENOMEM; the message is
 * in err, with the byte offset for JSON errors.
 */
TRO_API int tro_attest_verify(const tro_release *rel, const char *envelope, size_t len,
                              const char *pub_pem, size_t pub_len, tro_attestation **out,
                              tro_error *err);

/** 1 when a signature of the envelope verified with the public key. */
TRO_API int tro_attestation_signature_ok(const tro_attestation *a);
/** The statement's predicateType, or NULL. Borrowed from a. */
TRO_API const char *tro_attestation_predicate_type(const tro_attestation *a);
/** Number of subjects of the statement. */
TRO_API size_t tro_attestation_subject_count(const tro_attestation *a);
/** Number of differences between the subjects and the release: subjects
 *  missing from it (TRO_DIFF_MISSING), artifacts no subject names
 *  (TRO_DIFF_EXTRA), different SHA-256 (TRO_DIFF_CHANGED). */
TRO_API size_t tro_attestation_difference_count(const tro_attestation *a);
/** Difference i, sorted by path; strings borrowed from a; any
 *  out-parameter may be NULL. TRO_EINVAL when i is out of range. */
TRO_API int tro_attestation_difference(const tro_attestation *a, size_t i, tro_diff_kind *kind,
                                       const char **path, const char **detail);
/** The predicate as compact JSON text when a signature verified, else
 *  NULL. Borrowed from a. */
TRO_API const char *tro_attestation_predicate(const tro_attestation *a);
/** Frees a. NULL is allowed. */
TRO_API void tro_attestation_free(tro_attestation *a);

#ifdef __cplusplus
}
#endif

#endif /* TRULYOPEN_ATTEST_H */
