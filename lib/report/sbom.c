/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* Pieces of the bills of materials (sbom.h). */
#include "sbom.h"

#include "../license/license.h"

#include <openssl/evp.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

void trop_sbom_time(int64_t t, char out[21])
{
    time_t tt = (time_t)t;
    struct tm tm;
    if (!gmtime_r(&tt, &tm) || tm.tm_year + 1900 > 9999 || tm.tm_year + 1900 < 0) {
        memcpy(out, "1970-01-01T00:00:00Z", 21);
        return;
    }
    char buf[80]; /* the compiler cannot see that the fields are in range */
    snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02dZ", tm.tm_year + 1900, tm.tm_mon + 1,
             tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
    memcpy(out, buf, 20);
    out[20] = '\0';
}

/* The namespace of trulyopen's name-based UUIDs (a random UUID, fixed
 * once: changing it changes every document's id). */
static const unsigned char uuid_ns[16] = {0x4f, 0x1c, 0x8e, 0x2a, 0x93, 0x57, 0x4b, 0x0d,
                                          0xa6, 0x21, 0x5e, 0xc3, 0x7d, 0x90, 0x1b, 0x64};

static bool feed(EVP_MD_CTX *md, const char *s)
{
    /* each field ends with a NUL, so that "ab"+"c" differs from "a"+"bc" */
    return EVP_DigestUpdate(md, s ? s : "", s ? strlen(s) + 1 : 1) == 1;
}

int trop_sbom_uuid(const tro_report *r, const tro_render_options *o, const char *kind,
                   char out[37])
{
    const trop_judgement *jd = r->jd;
    unsigned char d[EVP_MAX_MD_SIZE];
    unsigned int dn = 0;
    char when[32];
    snprintf(when, sizeof when, "%lld", (long long)o->created);
    EVP_MD_CTX *md = EVP_MD_CTX_new();
    /* version 5 is SHA-1 by definition; the digest only names, it does not protect */
    bool ok = md && EVP_DigestInit_ex(md, EVP_sha1(), NULL) == 1 &&
              EVP_DigestUpdate(md, uuid_ns, sizeof uuid_ns) == 1 && feed(md, kind) &&
              feed(md, jd->name.s) && feed(md, when);
    for (size_t i = 0; ok && i < jd->arts.n; i++)
        ok = feed(md, jd->arts.v[i].path.s) &&
             feed(md, jd->arts.v[i].hashed ? jd->arts.v[i].sha256 : "");
    ok = ok && EVP_DigestFinal_ex(md, d, &dn) == 1 && dn >= 16;
    EVP_MD_CTX_free(md);
    if (!ok)
        return TRO_ENOMEM;
    d[6] = (unsigned char)((d[6] & 0x0F) | 0x50); /* version 5 */
    d[8] = (unsigned char)((d[8] & 0x3F) | 0x80); /* the RFC variant */
    static const char hex[] = "0123456789abcdef";
    char *p = out;
    for (int i = 0; i < 16; i++) {
        if (i == 4 || i == 6 || i == 8 || i == 10)
            *p++ = '-';
        *p++ = hex[d[i] >> 4];
        *p++ = hex[d[i] & 15];
    }
    *p = '\0';
    return 0;
}

void trop_sbom_expressions(const trop_judgement *jd, const char **v, size_t *n)
{
    *n = 0;
    for (size_t i = 0; i < jd->licenses.n; i++) {
        const char *e = jd->licenses.v[i].expression.s;
        if (!e || !*e)
            continue;
        bool seen = false;
        for (size_t k = 0; k < *n && !seen; k++)
            seen = !strcmp(v[k], e);
        if (!seen)
            v[(*n)++] = e;
    }
}

bool trop_sbom_is_spdx_id(const char *expr)
{
    if (!expr || !*expr || strchr(expr, ' ') || strchr(expr, '(') ||
        !strncmp(expr, "LicenseRef-", 11))
        return false;
    const trop_lic *l = trop_lic_find(expr, strlen(expr));
    /* the canonical case too: CycloneDX checks ids against the list */
    return l && (l->flags & TRO_LICENSE_SPDX) && !strcmp(l->id, expr) && !l->replaced_by;
}

const char *trop_sbom_nth(trop_str list, size_t i)
{
    for (size_t at = 0; at < list.n; at += strlen(list.s + at) + 1)
        if (!i--)
            return list.s + at;
    return NULL;
}
