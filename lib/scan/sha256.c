/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* SHA-256 through OpenSSL's EVP interface (uses SHA-NI where the CPU has it). */
#include "internal.h"
#include "scan.h"

#include <openssl/evp.h>

int trop_sha256_init(trop_sha256 *h)
{
    h->md = EVP_MD_CTX_new();
    if (!h->md)
        return TRO_ENOMEM;
    if (EVP_DigestInit_ex(h->md, EVP_sha256(), NULL) != 1) {
        EVP_MD_CTX_free(h->md);
        h->md = NULL;
        return TRO_ENOMEM;
    }
    return TRO_OK;
}

int trop_sha256_update(trop_sha256 *h, const void *data, size_t len)
{
    return EVP_DigestUpdate(h->md, data, len) == 1 ? TRO_OK : TRO_ENOMEM;
}

int trop_sha256_final(trop_sha256 *h, char hex[65])
{
    unsigned char md[32];
    unsigned int n = 0;
    int ok = EVP_DigestFinal_ex(h->md, md, &n) == 1 && n == 32;
    EVP_MD_CTX_free(h->md);
    h->md = NULL;
    if (!ok)
        return TRO_ENOMEM;
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
