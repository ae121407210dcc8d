/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* SHA-256 through OpenSSL's EVP interface (uses SHA-NI where the CPU has it).
 *
 * The hashing pool fetches the digest once, on the calling thread, before its
 * workers start (trop_sha256_fetch), and hands it to each of them: no worker
 * ever sets OpenSSL up, and a digest that cannot be had fails the scan once,
 * with OpenSSL's reason, instead of in each thread. Every call checks what
 * OpenSSL returns; a state whose set-up failed is never used. */
#include "internal.h"
#include "scan.h"

#include <stdio.h>

#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>

/* OpenSSL's first queued reason on this thread, or "unknown reason". */
static void reason(char *why, size_t n)
{
    unsigned long e = ERR_get_error();
    if (!why || !n)
        return;
    if (e)
        ERR_error_string_n(e, why, n);
    else
        snprintf(why, n, "unknown reason");
    ERR_clear_error();
}

/* OpenSSL 3 sets up its library context (locks, the provider store) the
 * first time it is used; when an allocation fails in the middle of that, it
 * can keep a lock it never made and crash on a later call (seen failing each
 * allocation of a check in turn: a NULL rwlock in EVP_MD_fetch). Setting it
 * up when the library is loaded, and fetching the digest once there, leaves
 * only allocations whose failure OpenSSL reports for the scans themselves.
 * The state is OpenSSL's own, made once per process as it would be anyway. */
__attribute__((constructor)) static void openssl_setup(void)
{
    if (OPENSSL_init_crypto(OPENSSL_INIT_LOAD_CRYPTO_STRINGS, NULL) == 1)
        EVP_MD_free(EVP_MD_fetch(NULL, "SHA256", NULL));
    ERR_clear_error();
}

int trop_sha256_fetch(EVP_MD **out, char *why, size_t n)
{
    *out = NULL;
    if (OPENSSL_init_crypto(OPENSSL_INIT_LOAD_CRYPTO_STRINGS, NULL) != 1) {
        reason(why, n);
        return TRO_ENOMEM;
    }
    if (!(*out = EVP_MD_fetch(NULL, "SHA256", NULL))) {
        reason(why, n);
        return TRO_ENOMEM;
    }
    return TRO_OK;
}

void trop_sha256_md_free(EVP_MD *md)
{
    EVP_MD_free(md);
}

int trop_sha256_init_md(trop_sha256 *h, const EVP_MD *md)
{
    h->md = EVP_MD_CTX_new();
    if (!h->md)
        return TRO_ENOMEM;
    if (EVP_DigestInit_ex(h->md, md ? md : EVP_sha256(), NULL) != 1) {
        ERR_clear_error();
        EVP_MD_CTX_free(h->md);
        h->md = NULL;
        return TRO_ENOMEM;
    }
    return TRO_OK;
}

int trop_sha256_init(trop_sha256 *h)
{
    return trop_sha256_init_md(h, NULL);
}

int trop_sha256_update(trop_sha256 *h, const void *data, size_t len)
{
    if (!h->md)
        return TRO_EINVAL;
    if (EVP_DigestUpdate(h->md, data, len) == 1)
        return TRO_OK;
    ERR_clear_error();
    return TRO_ENOMEM;
}

int trop_sha256_final(trop_sha256 *h, char hex[65])
{
    if (!h->md)
        return TRO_EINVAL;
    unsigned char md[32];
    unsigned int n = 0;
    int ok = EVP_DigestFinal_ex(h->md, md, &n) == 1 && n == 32;
    EVP_MD_CTX_free(h->md);
    h->md = NULL;
    if (!ok) {
        ERR_clear_error();
        return TRO_ENOMEM;
    }
    trop_hex(md, 32, hex);
    return TRO_OK;
}

void trop_sha256_abort(trop_sha256 *h)
{
    EVP_MD_CTX_free(h->md);
    h->md = NULL;
}

int trop_sha256_buf(const void *data, size_t len, char hex[65])
{
    trop_sha256 h;
    int rc = trop_sha256_init(&h);
    if (rc)
        return rc;
    if ((rc = trop_sha256_update(&h, data, len))) {
        trop_sha256_abort(&h);
        return rc;
    }
    return trop_sha256_final(&h, hex);
}
