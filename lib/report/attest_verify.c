/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/*
 * Checking an attestation (include/trulyopen/attest.h): the envelope is
 * read with jansson within bounds, its signatures checked over the DSSE
 * pre-authentication encoding, then the statement's subjects compared with
 * the artifacts of a scanned release, as tro_verify() compares a manifest.
 * A malformed envelope is an error; a signature that does not verify or a
 * digest that differs is an answer (the caller decides what it means).
 */
#include "dsse.h"

#include <stdlib.h>
#include <string.h>

#define ENVELOPE_MAX (256u << 20)
#define STATEMENT_V01 "https://in-toto.io/Statement/v0.1"

typedef struct diff {
    tro_diff_kind kind;
    trop_str path, detail;
} diff;

struct tro_attestation {
    bool sig_ok;
    trop_str predicate_type, predicate; /* predicate.s NULL unless sig_ok */
    size_t subjects;
    TROP_VEC(diff) diffs;
    trop_arena texts;
};

typedef struct subject {
    const char *name, *sha256;
} subject;

static int cmp_subject(const void *a, const void *b)
{
    return strcmp(((const subject *)a)->name, ((const subject *)b)->name);
}

static int add_diff(tro_attestation *a, tro_diff_kind kind, const char *path, const char *detail)
{
    diff *d = trop_vec_add(&a->diffs);
    if (!d || !trop_arena_text(&a->texts, path, strlen(path), &d->path) ||
        !trop_arena_cstr(&a->texts, detail, &d->detail))
        return TRO_ENOMEM;
    d->kind = kind;
    return 0;
}

/* Both lists sorted by path: one pass, as a merge. */
static int compare(tro_attestation *a, const tro_release *rel, const subject *s, size_t n)
{
    size_t na = tro_release_artifact_count(rel), i = 0, k = 0;
    while (i < na || k < n) {
        const tro_artifact *art = i < na ? tro_release_artifact(rel, i) : NULL;
        int c = !art ? 1 : k == n ? -1 : strcmp(tro_artifact_path(art), s[k].name);
        int rc;
        if (c < 0) {
            rc = add_diff(a, TRO_DIFF_EXTRA, tro_artifact_path(art), "");
            i++;
        } else if (c > 0) {
            rc = add_diff(a, TRO_DIFF_MISSING, s[k].name, "");
            k++;
        } else {
            const char *have = tro_artifact_sha256(art);
            rc = 0;
            if (strcmp(have, s[k].sha256)) {
                char *d = trop_asprintf("sha256 %s != %s", s[k].sha256, have);
                rc = d ? add_diff(a, TRO_DIFF_CHANGED, s[k].name, d) : TRO_ENOMEM;
                free(d);
            }
            i++;
            k++;
        }
        if (rc)
            return rc;
    }
    return 0;
}

static bool is_sha256(const char *h)
{
    size_t n = 0;
    for (; h[n]; n++)
        if (!((h[n] >= '0' && h[n] <= '9') || (h[n] >= 'a' && h[n] <= 'f')))
            return false;
    return n == 64;
}

/* The statement's subjects, checked and sorted, into *out (free()). */
static int subjects(const json_t *st, uint64_t max, subject **out, size_t *n, tro_error *err)
{
    const json_t *list = json_object_get(st, "subject");
    *out = NULL;
    *n = 0;
    if (!json_is_array(list))
        return trop_error_set(err, TRO_EFORMAT, -1, "attestation: the statement has no subject list");
    size_t count = json_array_size(list);
    if (count > max)
        return trop_error_set(err, TRO_ELIMIT, -1, "attestation: more than %llu subjects",
                              (unsigned long long)max);
    subject *s = calloc(count ? count : 1, sizeof *s);
    if (!s)
        return trop_error_set(err, TRO_ENOMEM, -1, "out of memory");
    for (size_t i = 0; i < count; i++) {
        const json_t *e = json_array_get(list, i);
        s[i].name = json_string_value(json_object_get(e, "name"));
        s[i].sha256 = json_string_value(json_object_get(json_object_get(e, "digest"), "sha256"));
        if (!s[i].name || !s[i].sha256 || !is_sha256(s[i].sha256)) {
            free(s);
            return trop_error_set(err, TRO_EFORMAT, -1,
                                  "attestation: subject[%zu] has no name or no sha256 digest "
                                  "(64 lower-case hex digits)",
                                  i);
        }
    }
    qsort(s, count, sizeof *s, cmp_subject);
    for (size_t i = 1; i < count; i++)
        if (!strcmp(s[i - 1].name, s[i].name)) {
            int rc = trop_error_set(err, TRO_EFORMAT, -1, "attestation: subject %s appears twice",
                                    s[i].name);
            free(s);
            return rc;
        }
    *out = s;
    *n = count;
    return 0;
}

/* Does one of the signatures verify the payload with key? */
static bool signed_by(const json_t *sigs, EVP_PKEY *key, const unsigned char *payload, size_t n)
{
    for (size_t i = 0; i < json_array_size(sigs); i++) {
        const json_t *sv = json_object_get(json_array_get(sigs, i), "sig");
        unsigned char *sig = NULL;
        size_t siglen = 0;
        bool ok = json_is_string(sv) &&
                  !trop_unbase64(json_string_value(sv), json_string_length(sv), &sig, &siglen) &&
                  trop_dsse_verify(key, TRO_ATTEST_PAYLOAD_TYPE, payload, n, sig, siglen);
        free(sig);
        if (ok)
            return true;
    }
    return false;
}

/* The envelope's fields: the payload decoded into *payload (free()). */
static int open_envelope(const json_t *env, const json_t **sigs, unsigned char **payload,
                         size_t *n, tro_error *err)
{
    const char *type = json_string_value(json_object_get(env, "payloadType"));
    const json_t *p = json_object_get(env, "payload");
    *sigs = json_object_get(env, "signatures");
    if (!json_is_object(env) || !type || !json_is_string(p) || !json_is_array(*sigs))
        return trop_error_set(err, TRO_EFORMAT, -1,
                              "attestation: not a DSSE envelope (payloadType, payload, "
                              "signatures)");
    if (strcmp(type, TRO_ATTEST_PAYLOAD_TYPE))
        return trop_error_set(err, TRO_EFORMAT, -1,
                              "attestation: payloadType \"%.80s\" is not " TRO_ATTEST_PAYLOAD_TYPE,
                              type);
    int rc = trop_unbase64(json_string_value(p), json_string_length(p), payload, n);
    if (rc)
        return trop_error_set(err, rc, -1, "attestation: %s",
                              rc == TRO_EPARSE ? "the payload is not base64" : "out of memory");
    return 0;
}

/* Reads the statement and fills a: signature, type, predicate, differences. */
static int read_statement(tro_attestation *a, const tro_release *rel, const json_t *st,
                          tro_error *err)
{
    const char *type = json_string_value(json_object_get(st, "_type"));
    const char *ptype = json_string_value(json_object_get(st, "predicateType"));
    if (!type || (strcmp(type, TRO_ATTEST_STATEMENT_TYPE) && strcmp(type, STATEMENT_V01)))
        return trop_error_set(err, TRO_EFORMAT, -1,
                              "attestation: the payload is not an in-toto statement (_type)");
    if (ptype && !trop_arena_cstr(&a->texts, ptype, &a->predicate_type))
        return trop_error_set(err, TRO_ENOMEM, -1, "out of memory");
    if (a->sig_ok && json_object_get(st, "predicate")) {
        char *text = json_dumps(json_object_get(st, "predicate"), JSON_COMPACT | JSON_ENCODE_ANY);
        bool ok = text && trop_arena_cstr(&a->texts, text, &a->predicate);
        free(text);
        if (!ok)
            return trop_error_set(err, TRO_ENOMEM, -1, "out of memory");
    }
    subject *s = NULL;
    int rc = subjects(st, rel->ctx->limits.max_entries, &s, &a->subjects, err);
    if (!rc && (rc = compare(a, rel, s, a->subjects)) != 0)
        trop_error_set(err, rc, -1, "out of memory");
    free(s);
    return rc;
}

static bool hashed(const tro_release *rel)
{
    for (size_t i = 0; i < tro_release_artifact_count(rel); i++)
        if (!tro_artifact_sha256(tro_release_artifact(rel, i)))
            return false;
    return true;
}

int tro_attest_verify(const tro_release *rel, const char *envelope, size_t len,
                      const char *pub_pem, size_t pub_len, tro_attestation **out, tro_error *err)
{
    if (out)
        *out = NULL;
    if (err)
        err->code = 0;
    if (!rel || !envelope || !pub_pem || !out)
        return trop_error_set(err, TRO_EINVAL, -1,
                              "attestation: release, envelope, key and out are required");
    if (!hashed(rel))
        return trop_error_set(err, TRO_EINVAL, -1,
                              "attestation: the release was scanned without hashing");
    if (len > ENVELOPE_MAX)
        return trop_error_set(err, TRO_ELIMIT, -1, "attestation: larger than %u bytes",
                              ENVELOPE_MAX);
    EVP_PKEY *key = NULL;
    int rc = trop_dsse_key(pub_pem, pub_len, false, &key, err);
    if (rc)
        return rc;
    json_error_t je;
    json_t *env = json_loadb(envelope, len, JSON_REJECT_DUPLICATES, &je), *st = NULL;
    unsigned char *payload = NULL;
    size_t n = 0;
    const json_t *sigs = NULL;
    tro_attestation *a = calloc(1, sizeof *a);
    if (!a)
        rc = trop_error_set(err, TRO_ENOMEM, -1, "out of memory");
    else if (!env)
        rc = trop_error_set(err, TRO_EPARSE, je.position, "attestation: %s at byte %d", je.text,
                            je.position);
    else
        rc = open_envelope(env, &sigs, &payload, &n, err);
    if (!rc) {
        a->sig_ok = signed_by(sigs, key, payload, n);
        st = json_loadb((const char *)payload, n, JSON_REJECT_DUPLICATES, &je);
        rc = st ? read_statement(a, rel, st, err)
                : trop_error_set(err, TRO_EPARSE, je.position,
                                 "attestation: the payload: %s at byte %d", je.text, je.position);
        /* what no key signed is not worth an error: the answer is "not signed" */
        if (!a->sig_ok && (rc == TRO_EPARSE || rc == TRO_EFORMAT || rc == TRO_ELIMIT)) {
            a->diffs.n = 0;
            a->subjects = 0;
            rc = 0;
            if (err)
                err->code = 0;
        }
    }
    json_decref(st);
    json_decref(env);
    free(payload);
    EVP_PKEY_free(key);
    if (rc) {
        tro_attestation_free(a);
        return rc;
    }
    *out = a;
    return 0;
}

int tro_attestation_signature_ok(const tro_attestation *a)
{
    return a && a->sig_ok;
}

const char *tro_attestation_predicate_type(const tro_attestation *a)
{
    return a ? a->predicate_type.s : NULL;
}

size_t tro_attestation_subject_count(const tro_attestation *a)
{
    return a ? a->subjects : 0;
}

size_t tro_attestation_difference_count(const tro_attestation *a)
{
    return a ? a->diffs.n : 0;
}

int tro_attestation_difference(const tro_attestation *a, size_t i, tro_diff_kind *kind,
                               const char **path, const char **detail)
{
    if (!a || i >= a->diffs.n)
        return TRO_EINVAL;
    if (kind)
        *kind = a->diffs.v[i].kind;
    if (path)
        *path = a->diffs.v[i].path.s;
    if (detail)
        *detail = a->diffs.v[i].detail.s;
    return 0;
}

const char *tro_attestation_predicate(const tro_attestation *a)
{
    return a ? a->predicate.s : NULL;
}

void tro_attestation_free(tro_attestation *a)
{
    if (!a)
        return;
    trop_vec_free(&a->diffs);
    trop_arena_free(&a->texts);
    free(a);
}
