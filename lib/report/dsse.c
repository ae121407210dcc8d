/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/*
 * DSSE (Dead Simple Signing Envelope, secure-systems-lab/dsse v1.0): what
 * is signed is the pre-authentication encoding of the payload type and the
 * payload, never the envelope's JSON, so that no JSON canonicalisation is
 * needed. Keys are Ed25519 (signed as is) or ECDSA on P-256 (SHA-256,
 * DER-encoded signatures), the two algorithms in-toto and sigstore
 * verifiers all accept, through OpenSSL's EVP interface.
 */
#include "dsse.h"

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Keys are read without a passphrase: an encrypted one is refused. */
static int no_passphrase(char *buf, int size, int rwflag, void *u)
{
    (void)buf;
    (void)size;
    (void)rwflag;
    (void)u;
    return -1;
}

/* The curve of an EC key is P-256. */
static bool is_p256(EVP_PKEY *key)
{
    char name[64];
    size_t n = 0;
    return EVP_PKEY_get_utf8_string_param(key, "group", name, sizeof name, &n) == 1 &&
           (!strcmp(name, "prime256v1") || !strcmp(name, "P-256"));
}

int trop_dsse_key(const char *pem, size_t len, bool private_key, EVP_PKEY **out, tro_error *err)
{
    *out = NULL;
    const char *what = private_key ? "private" : "public";
    if (len > INT32_MAX)
        return trop_error_set(err, TRO_ELIMIT, -1, "%s key: too large", what);
    BIO *b = BIO_new_mem_buf(pem, (int)len);
    if (!b)
        return trop_error_set(err, TRO_ENOMEM, -1, "out of memory");
    EVP_PKEY *k = private_key ? PEM_read_bio_PrivateKey(b, NULL, no_passphrase, NULL)
                              : PEM_read_bio_PUBKEY(b, NULL, no_passphrase, NULL);
    BIO_free(b);
    ERR_clear_error(); /* the queue is per thread; leave it as found */
    if (!k)
        return trop_error_set(err, TRO_EFORMAT, -1,
                              "%s key: not a PEM %s key (or an encrypted one; write it "
                              "unencrypted, e.g. with openssl pkey)",
                              what, what);
    if (!EVP_PKEY_is_a(k, "ED25519") && !(EVP_PKEY_is_a(k, "EC") && is_p256(k))) {
        EVP_PKEY_free(k);
        return trop_error_set(err, TRO_EFORMAT, -1,
                              "%s key: not Ed25519 or ECDSA P-256 (the algorithms DSSE "
                              "verifiers accept)",
                              what);
    }
    *out = k;
    return 0;
}

int trop_dsse_keyid(EVP_PKEY *key, char out[65])
{
    unsigned char *der = NULL;
    int n = i2d_PUBKEY(key, &der);
    if (n <= 0)
        return TRO_ENOMEM;
    unsigned char md[32];
    unsigned int mdn = 0;
    int ok = EVP_Digest(der, (size_t)n, md, &mdn, EVP_sha256(), NULL) == 1 && mdn == 32;
    OPENSSL_free(der);
    if (!ok)
        return TRO_ENOMEM;
    trop_hex(md, 32, out);
    return 0;
}

unsigned char *trop_dsse_pae(const char *type, const unsigned char *body, size_t n, size_t *len)
{
    size_t tn = strlen(type);
    char head[96];
    int k = snprintf(head, sizeof head, "DSSEv1 %zu ", tn);
    char mid[48];
    int m = snprintf(mid, sizeof mid, " %zu ", n);
    if (k < 0 || m < 0 || n > SIZE_MAX - tn - 200)
        return NULL;
    *len = (size_t)k + tn + (size_t)m + n;
    unsigned char *p = malloc(*len ? *len : 1);
    if (!p)
        return NULL;
    memcpy(p, head, (size_t)k);
    memcpy(p + k, type, tn);
    memcpy(p + k + tn, mid, (size_t)m);
    if (n)
        memcpy(p + k + tn + m, body, n);
    return p;
}

/* Ed25519 signs the message itself; ECDSA a SHA-256 digest of it. */
static const EVP_MD *digest_of(EVP_PKEY *key)
{
    return EVP_PKEY_is_a(key, "ED25519") ? NULL : EVP_sha256();
}

int trop_dsse_sign(EVP_PKEY *key, const char *type, const unsigned char *body, size_t n,
                   unsigned char **sig, size_t *siglen)
{
    *sig = NULL;
    size_t plen;
    unsigned char *pae = trop_dsse_pae(type, body, n, &plen);
    EVP_MD_CTX *md = EVP_MD_CTX_new();
    int rc = TRO_ENOMEM;
    if (pae && md && EVP_DigestSignInit(md, NULL, digest_of(key), NULL, key) == 1 &&
        EVP_DigestSign(md, NULL, siglen, pae, plen) == 1 && (*sig = malloc(*siglen)) != NULL &&
        EVP_DigestSign(md, *sig, siglen, pae, plen) == 1)
        rc = 0;
    if (rc) {
        free(*sig);
        *sig = NULL;
    }
    ERR_clear_error();
    EVP_MD_CTX_free(md);
    free(pae);
    return rc;
}

bool trop_dsse_verify(EVP_PKEY *key, const char *type, const unsigned char *body, size_t n,
                      const unsigned char *sig, size_t siglen)
{
    size_t plen;
    unsigned char *pae = trop_dsse_pae(type, body, n, &plen);
    EVP_MD_CTX *md = EVP_MD_CTX_new();
    bool ok = pae && md && EVP_DigestVerifyInit(md, NULL, digest_of(key), NULL, key) == 1 &&
              EVP_DigestVerify(md, sig, siglen, pae, plen) == 1;
    ERR_clear_error();
    EVP_MD_CTX_free(md);
    free(pae);
    return ok;
}

char *trop_base64(const unsigned char *in, size_t n)
{
    if (n > (SIZE_MAX / 4 - 4) * 3 || n > INT32_MAX)
        return NULL;
    char *out = malloc(4 * ((n + 2) / 3) + 1);
    if (out && EVP_EncodeBlock((unsigned char *)out, in, (int)n) < 0) {
        free(out);
        return NULL;
    }
    return out;
}

static int sextet(unsigned char c)
{
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 26;
    if (c >= '0' && c <= '9')
        return c - '0' + 52;
    return c == '+' || c == '-' ? 62 : c == '/' || c == '_' ? 63 : -1;
}

int trop_unbase64(const char *in, size_t n, unsigned char **out, size_t *len)
{
    *out = NULL;
    *len = 0;
    while (n && in[n - 1] == '=' && n % 4 != 1) /* at most two, checked below */
        n--;
    if (n % 4 == 1)
        return TRO_EPARSE;
    unsigned char *o = malloc(n / 4 * 3 + 3);
    if (!o)
        return TRO_ENOMEM;
    size_t k = 0;
    uint32_t acc = 0;
    for (size_t i = 0; i < n; i++) {
        int v = sextet((unsigned char)in[i]);
        if (v < 0) {
            free(o);
            return TRO_EPARSE;
        }
        acc = acc << 6 | (uint32_t)v;
        if (i % 4 == 3) {
            o[k++] = (unsigned char)(acc >> 16);
            o[k++] = (unsigned char)(acc >> 8);
            o[k++] = (unsigned char)acc;
            acc = 0;
        }
    }
    if (n % 4 == 2)
        o[k++] = (unsigned char)(acc >> 4);
    else if (n % 4 == 3) {
        o[k++] = (unsigned char)(acc >> 10);
        o[k++] = (unsigned char)(acc >> 2);
    }
    *out = o;
    *len = k;
    return 0;
}
