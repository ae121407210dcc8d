/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* Private to lib/report: DSSE envelopes (dsse.c) for attestations
 * (attest.c, attest_verify.c): keys, the pre-authentication encoding,
 * signing and verifying, base64. */
#ifndef TROP_DSSE_H
#define TROP_DSSE_H

#include "report.h"

#include <openssl/evp.h>

/* A PEM private (private true) or public key, Ed25519 or ECDSA P-256:
 * 0 with *out (EVP_PKEY_free()), or TRO_EFORMAT / TRO_ENOMEM with err. */
int trop_dsse_key(const char *pem, size_t len, bool private_key, EVP_PKEY **out, tro_error *err);
/* Hex SHA-256 of the key's SubjectPublicKeyInfo DER: 0 or TRO_ENOMEM. */
int trop_dsse_keyid(EVP_PKEY *key, char out[65]);
/* "DSSEv1 LEN TYPE LEN BODY" (owned, free()), or NULL on ENOMEM. */
unsigned char *trop_dsse_pae(const char *type, const unsigned char *body, size_t n, size_t *len);
/* Signs the PAE of (type, body): 0 with *sig (free()) and *siglen. */
int trop_dsse_sign(EVP_PKEY *key, const char *type, const unsigned char *body, size_t n,
                   unsigned char **sig, size_t *siglen);
/* Does sig verify the PAE of (type, body) with key? */
bool trop_dsse_verify(EVP_PKEY *key, const char *type, const unsigned char *body, size_t n,
                      const unsigned char *sig, size_t siglen);
/* Standard base64 with padding (owned, free()), or NULL on ENOMEM. */
char *trop_base64(const unsigned char *in, size_t n);
/* Standard or URL-safe base64, padding optional, no spaces: 0 with *out
 * (free()) and *len, TRO_EPARSE when not base64, TRO_ENOMEM. */
int trop_unbase64(const char *in, size_t n, unsigned char **out, size_t *len);

#endif
