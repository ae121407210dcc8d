/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/*
 * Attestations of a check (include/trulyopen/attest.h): an in-toto
 * Statement v1 whose subjects are the artifacts judged, by path and
 * SHA-256, and whose predicate is the report, signed in a DSSE envelope.
 * A verifier that trusts the key then knows which bytes the verdict is
 * about; the manifest alone (trulyopen hash) says so without a signature.
 */
#include "dsse.h"

#include "jw.h"

#include <stdlib.h>
#include <string.h>

/* The statement, compact, without the final newline: 0 with *out (free()). */
static int statement(const tro_report *r, char **out, size_t *len, tro_error *err)
{
    const trop_judgement *jd = r->jd;
    for (size_t i = 0; i < jd->arts.n; i++)
        if (!jd->arts.v[i].hashed)
            return trop_error_set(err, TRO_EINVAL, -1,
                                  "attest: %s has no SHA-256 (the release was scanned without "
                                  "hashing)",
                                  jd->arts.v[i].path.s);
    char *report = NULL;
    size_t rlen = 0;
    int rc = trop_report_json(r, TRO_RENDER_COMPACT, &report, &rlen);
    json_t *predicate = rc ? NULL : json_loadb(report, rlen, 0, NULL);
    free(report);
    json_t *subjects = json_array();
    for (size_t i = 0; predicate && subjects && i < jd->arts.n; i++) {
        const trop_art *a = &jd->arts.v[i];
        if (json_array_append_new(subjects, json_pack("{s:s, s:{s:s}}", "name", a->path.s,
                                                      "digest", "sha256", a->sha256))) {
            json_decref(subjects);
            subjects = NULL;
        }
    }
    json_t *st = predicate && subjects
                     ? json_pack("{s:s, s:O, s:s, s:O}", "_type", TRO_ATTEST_STATEMENT_TYPE,
                                 "subject", subjects, "predicateType", TRO_ATTEST_PREDICATE_TYPE,
                                 "predicate", predicate)
                     : NULL;
    json_decref(subjects);
    json_decref(predicate);
    trop_jw w = {.compact = true};
    if (st)
        trop_jw_json(&w, st);
    else
        w.err = TRO_ENOMEM;
    json_decref(st);
    rc = trop_jw_finish(&w, out, len);
    if (rc)
        return trop_error_set(err, rc, -1, "attest: %s", tro_strerror(rc));
    (*out)[--*len] = '\0'; /* the newline is not part of the payload */
    return 0;
}

static int envelope(EVP_PKEY *key, const char *payload, size_t n, char **out, size_t *len)
{
    unsigned char *sig = NULL;
    size_t siglen = 0;
    char keyid[65];
    int rc = trop_dsse_keyid(key, keyid);
    if (!rc)
        rc = trop_dsse_sign(key, TRO_ATTEST_PAYLOAD_TYPE, (const unsigned char *)payload, n, &sig,
                            &siglen);
    char *b64 = rc ? NULL : trop_base64((const unsigned char *)payload, n);
    char *sig64 = rc ? NULL : trop_base64(sig, siglen);
    free(sig);
    trop_jw w = {.compact = false};
    if (!b64 || !sig64)
        w.err = TRO_ENOMEM;
    trop_jw_open(&w, '{');
    trop_jw_kstr(&w, "payloadType", TRO_ATTEST_PAYLOAD_TYPE);
    trop_jw_kstr(&w, "payload", b64);
    trop_jw_key(&w, "signatures");
    trop_jw_open(&w, '[');
    trop_jw_item(&w);
    trop_jw_open(&w, '{');
    trop_jw_kstr(&w, "keyid", keyid);
    trop_jw_kstr(&w, "sig", sig64);
    trop_jw_close(&w, '}');
    trop_jw_close(&w, ']');
    trop_jw_close(&w, '}');
    free(b64);
    free(sig64);
    return trop_jw_finish(&w, out, len);
}

int tro_attest_sign(const tro_report *report, const char *key_pem, size_t key_len, char **out,
                    size_t *len, tro_error *err)
{
    if (out)
        *out = NULL;
    if (len)
        *len = 0;
    if (err)
        err->code = 0;
    if (!report || !key_pem || !out)
        return trop_error_set(err, TRO_EINVAL, -1, "attest: report, key and out are required");
    EVP_PKEY *key = NULL;
    int rc = trop_dsse_key(key_pem, key_len, true, &key, err);
    char *payload = NULL;
    size_t n = 0, elen = 0;
    if (!rc)
        rc = statement(report, &payload, &n, err);
    if (!rc && (rc = envelope(key, payload, n, out, &elen)) != 0)
        trop_error_set(err, rc, -1, "attest: %s", tro_strerror(rc));
    if (!rc && len)
        *len = elen;
    free(payload);
    EVP_PKEY_free(key);
    return rc;
}
