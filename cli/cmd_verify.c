/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* trulyopen verify: compare a release with a manifest. */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli.h"

/* A manifest lists about 200 bytes per artifact: this allows millions. */
#define MANIFEST_MAX (1ul << 30)

#define KEY_MAX (64u << 10)
#define OPT_ATTESTATION 'a'
#define OPT_PUBKEY 'p'

static void usage(FILE *out)
{
    fprintf(out,
            "Usage: trulyopen verify [OPTIONS] PATH|REF MANIFEST\n"
            "       trulyopen verify [OPTIONS] PATH|REF --attestation FILE --pubkey PUB.pem\n"
            "Check that the release at PATH (folder, archive or file) has exactly the\n"
            "artifacts MANIFEST records ('trulyopen hash' writes it; '-' reads it from\n"
            "standard input). Prints one line per difference on standard output:\n"
            "  missing PATH            in the manifest, not in the release\n"
            "  extra PATH              in the release, not in the manifest\n"
            "  changed PATH: DETAIL    different size or SHA-256 (DETAIL: manifest != release)\n"
            "  unreadable PATH: WHY    the release could not be read there (a file, a\n"
            "                          folder too deep, the rest of an archive)\n"
            "A Git LFS pointer, on either side, stands for the content it declares.\n"
            "Use the same --ignore options as when the manifest was made.\n"
            "With --attestation, the release is checked against a DSSE envelope that\n"
            "'trulyopen attest' (or another in-toto signer) wrote: a signature must\n"
            "verify with PUB.pem, and the statement's subjects must be exactly the\n"
            "release's artifacts, with their SHA-256 (a 'signature' line says which).\n\n"
            "  -a, --attestation FILE  a DSSE envelope of an in-toto statement\n"
            "  -p, --pubkey PUB.pem    its public key (Ed25519 or ECDSA P-256, PEM)\n"
            "  -f, --format FMT        text (default) or json: {format, format_version,\n"
            "                          release, manifest or attestation, signature,\n"
            "                          predicate_type, matches, differences: [{kind, path,\n"
            "                          detail}]}\n"
            "%s"
            "  -h, --help              show this help\n\n"
            "Exit status: 0 the release matches the manifest (the attestation: signed\n"
            "with the key, same artifacts); 1 it differs, part of it cannot be read,\n"
            "or the signature does not verify; 2 usage error, PATH, MANIFEST, FILE or\n"
            "key unreadable or malformed, or standard output not writable.\n",
            trc_scan_opts_help);
}

/* Reads a whole file, bounded; NULL after printing why. */
static char *slurp(const char *path, size_t *len)
{
    bool std = !strcmp(path, "-");
    FILE *f = std ? stdin : fopen(path, "rb");
    if (!f) {
        trc_error(path, "%s", strerror(errno));
        return NULL;
    }
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    while (buf) {
        if (n == cap) {
            char *v = cap >= MANIFEST_MAX ? NULL : realloc(buf, cap *= 2);
            if (!v) {
                trc_error(path, n >= MANIFEST_MAX ? "larger than 1 GiB" : "out of memory");
                free(buf);
                buf = NULL;
                break;
            }
            buf = v;
        }
        size_t r = fread(buf + n, 1, cap - n, f);
        n += r;
        if (r == 0) {
            if (ferror(f)) {
                trc_error(path, "%s", strerror(errno));
                free(buf);
                buf = NULL;
            }
            break;
        }
    }
    if (!std)
        fclose(f);
    *len = n;
    return buf;
}

static const char *const kinds[] = {"missing", "extra", "changed", "unreadable"};

/* Checks the manifest before the (perhaps long) scan. */
static bool precheck(const char *manifest, const char *text, size_t len)
{
    tro_ctx *ctx = NULL;
    tro_release *empty = NULL;
    tro_verify_result *res = NULL;
    tro_error err;
    bool ok = tro_ctx_new(&ctx, NULL, NULL) == 0 && tro_release_new(&empty, ctx, "") == 0;
    int rc = ok ? tro_verify(empty, text, len, &res, &err) : TRO_ENOMEM;
    if (rc)
        trc_error(manifest, "%s", rc == TRO_ENOMEM && !ok ? "out of memory" : err.message);
    tro_verify_result_free(res);
    tro_release_free(empty);
    tro_ctx_free(ctx);
    return rc == 0;
}

/* What a verification found, for either output. */
typedef struct outcome {
    const char *path, *against, *against_key; /* "manifest" or "attestation" */
    int signature;                            /* -1: none (a manifest), 0 bad, 1 verified */
    const char *predicate_type;
    size_t count;
    tro_diff_kind *kinds;
    const char **paths, **details;
} outcome;

static int print_json(const outcome *v)
{
    json_t *diffs = json_array();
    for (size_t i = 0; diffs && i < v->count; i++)
        json_array_append_new(diffs, json_pack("{s:s, s:s, s:s}", "kind", kinds[v->kinds[i]],
                                               "path", v->paths[i], "detail", v->details[i]));
    json_t *doc = json_pack("{s:s, s:i, s:s, s:s, s:s}", "format", "trulyopen-verify",
                            "format_version", 1, "tool", "trulyopen " TRO_VERSION_STRING,
                            "release", v->path, v->against_key, v->against);
    bool ok = doc && diffs;
    if (ok && v->signature >= 0)
        ok = !json_object_set_new(doc, "signature",
                                  json_string(v->signature ? "verified" : "not-verified")) &&
             !json_object_set_new(doc, "predicate_type", v->predicate_type
                                                             ? json_string(v->predicate_type)
                                                             : json_null());
    ok = ok && !json_object_set_new(doc, "matches", json_boolean(!v->count && v->signature != 0));
    ok = ok && !json_object_set(doc, "differences", diffs);
    char *text = ok ? json_dumps(doc, JSON_INDENT(2)) : NULL;
    json_decref(doc);
    json_decref(diffs);
    if (!text) {
        trc_error(NULL, "out of memory");
        return -1;
    }
    int rc = trc_write_output(NULL, text, strlen(text)) || trc_write_output(NULL, "\n", 1);
    free(text);
    return rc ? -1 : 0;
}

static int print_outcome(const outcome *v, bool json, bool quiet, size_t artifacts)
{
    if (json) {
        if (print_json(v))
            return TRC_EXIT_USAGE;
    } else {
        for (size_t i = 0; i < v->count; i++)
        {
            fputs(kinds[v->kinds[i]], stdout);
            fputc(' ', stdout);
            trc_printf(stdout, "%s%s%s", v->paths[i], *v->details[i] ? ": " : "", v->details[i]);
            fputc('\n', stdout);
        }
        if (v->signature >= 0)
            printf("signature %s\n", v->signature ? "verified" : "NOT verified");
        if (fflush(stdout) != 0) {
            trc_error("standard output", "cannot write: %s", strerror(errno));
            return TRC_EXIT_USAGE;
        }
    }
    if (!quiet && v->signature == 0)
        trc_error(v->path, "no signature of %s verifies with the key", v->against);
    if (!quiet && v->count)
        trc_error(v->path, "%zu difference%s from %s", v->count, v->count == 1 ? "" : "s",
                  v->against);
    else if (!quiet && v->signature != 0)
        trc_error(v->path, "all %zu artifacts match %s", artifacts, v->against);
    return v->count || v->signature == 0 ? TRC_EXIT_FAIL : TRC_EXIT_OK;
}

static bool alloc_diffs(outcome *v, size_t n)
{
    v->count = n;
    v->kinds = calloc(n ? n : 1, sizeof *v->kinds);
    v->paths = calloc(n ? n : 1, sizeof *v->paths);
    v->details = calloc(n ? n : 1, sizeof *v->details);
    if (v->kinds && v->paths && v->details)
        return true;
    trc_error(NULL, "out of memory");
    return false;
}

static void free_diffs(outcome *v)
{
    free(v->kinds);
    free(v->paths);
    free(v->details);
}

static int report(const char *path, const char *manifest, tro_release *rel, const char *text,
                  size_t len, bool quiet, bool json)
{
    tro_verify_result *res;
    tro_error err;
    if (tro_verify(rel, text, len, &res, &err) != TRO_OK) {
        trc_error(manifest, "%s", err.message);
        return TRC_EXIT_USAGE;
    }
    outcome v = {.path = path, .against = manifest, .against_key = "manifest", .signature = -1};
    int status = TRC_EXIT_USAGE;
    if (alloc_diffs(&v, tro_verify_result_count(res))) {
        for (size_t i = 0; i < v.count; i++)
            tro_verify_result_get(res, i, &v.kinds[i], &v.paths[i], &v.details[i]);
        status = print_outcome(&v, json, quiet, tro_release_artifact_count(rel));
    }
    free_diffs(&v);
    tro_verify_result_free(res);
    return status;
}

/* --attestation: the envelope against the key and the release. */
static int report_attestation(const char *path, const char *file, const char *pubkey,
                              tro_release *rel, const char *text, size_t len, bool quiet,
                              bool json)
{
    char *key = NULL;
    size_t klen = 0;
    if (trc_read_file(pubkey, KEY_MAX, &key, &klen))
        return TRC_EXIT_USAGE;
    tro_attestation *a = NULL;
    tro_error err;
    int rc = tro_attest_verify(rel, text, len, key, klen, &a, &err);
    free(key);
    if (rc) {
        trc_error(rc == TRO_EFORMAT && strstr(err.message, " key:") ? pubkey : file, "%s",
                  err.message);
        return TRC_EXIT_USAGE;
    }
    outcome v = {.path = path,
                 .against = file,
                 .against_key = "attestation",
                 .signature = tro_attestation_signature_ok(a),
                 .predicate_type = tro_attestation_predicate_type(a)};
    int status = TRC_EXIT_USAGE;
    if (alloc_diffs(&v, tro_attestation_difference_count(a))) {
        for (size_t i = 0; i < v.count; i++)
            tro_attestation_difference(a, i, &v.kinds[i], &v.paths[i], &v.details[i]);
        status = print_outcome(&v, json, quiet, tro_release_artifact_count(rel));
    }
    free_diffs(&v);
    tro_attestation_free(a);
    return status;
}

int trc_cmd_verify(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"attestation", required_argument, NULL, OPT_ATTESTATION},
        {"pubkey", required_argument, NULL, OPT_PUBKEY},
        {"format", required_argument, NULL, 'f'},
        {"help", no_argument, NULL, 'h'},
        TRC_SCAN_LONGOPTS,
        {NULL, 0, NULL, 0},
    };
    trc_scan_opts o = {.hub_flags = TRO_HUB_HASH_ALL};
    const char *attestation = NULL, *pubkey = NULL;
    bool json = false;
    int c, status = TRC_EXIT_USAGE;
    char *text = NULL;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":a:p:f:j:qh", longopts, NULL)) != -1) {
        int r = trc_scan_opt(&o, c, optarg);
        if (r < 0)
            goto done;
        if (r > 0)
            continue;
        if (c == OPT_ATTESTATION) {
            attestation = optarg;
        } else if (c == OPT_PUBKEY) {
            pubkey = optarg;
        } else if (c == 'f' && (!strcmp(optarg, "text") || !strcmp(optarg, "json"))) {
            json = !strcmp(optarg, "json");
        } else if (c == 'f') {
            trc_error(NULL, "verify: --format: expected text or json, got '%s'", optarg);
            goto done;
        } else if (c == 'h') {
            usage(stdout);
            status = TRC_EXIT_OK;
            goto done;
        } else {
            status = trc_bad_option("verify", c, argv);
            goto done;
        }
    }
    if (!attestation != !pubkey) {
        trc_error(NULL, "verify: --attestation and --pubkey go together");
        goto done;
    }
    if (argc - optind != (attestation ? 1 : 2)) {
        trc_error(NULL, attestation ? "verify: expected PATH (try 'trulyopen verify --help')"
                                    : "verify: expected PATH and MANIFEST (try 'trulyopen verify "
                                      "--help')");
        goto done;
    }
    const char *path = argv[optind], *manifest = attestation ? attestation : argv[optind + 1];
    size_t len;
    if (attestation ? trc_read_file(attestation, MANIFEST_MAX, &text, &len) != 0
                    : !(text = slurp(manifest, &len)) || !precheck(manifest, text, len))
        goto done;
    tro_ctx *ctx;
    tro_release *rel = trc_scan(path, &o, &ctx);
    if (!rel)
        goto done;
    status = attestation ? report_attestation(path, attestation, pubkey, rel, text, len, o.quiet,
                                              json)
                         : report(path, manifest, rel, text, len, o.quiet, json);
    tro_release_free(rel);
    tro_ctx_free(ctx);
done:
    free(text);
    tro_hub_free(o.hub);
    free(o.ignore);
    return status;
}
