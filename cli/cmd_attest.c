/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* trulyopen attest: check a release and sign the report as an in-toto
 * statement about its artifacts, in a DSSE envelope. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#define KEY_MAX (64u << 10)
#define POLICY_MAX (1u << 20)
#define OPT_POLICY 0x300
#define OPT_MAX_DEPTH 0x301

static void usage(FILE *out)
{
    fprintf(out,
            "Usage: trulyopen attest [OPTIONS] PATH --key KEY.pem [-o FILE]\n"
            "Check the release at PATH (as 'trulyopen check' does, hashing every\n"
            "artifact) and write a signed attestation of the result: an in-toto\n"
            "Statement v1 whose subjects are the artifacts (path and SHA-256) and whose\n"
            "predicate is the report (predicateType %s),\n"
            "in a DSSE envelope signed with KEY.pem. 'trulyopen verify PATH\n"
            "--attestation FILE --pubkey PUB.pem' checks it, and so do DSSE and\n"
            "in-toto verifiers such as 'cosign verify-blob-attestation' (see\n"
            "trulyopen(1)).\n\n"
            "  -k, --key KEY.pem       the signing key: a PEM private key, Ed25519 or\n"
            "                          ECDSA P-256, unencrypted ('openssl genpkey\n"
            "                          -algorithm ed25519 -out key.pem'; the public key:\n"
            "                          'openssl pkey -in key.pem -pubout -out pub.pem')\n"
            "  -o, --output FILE       write the envelope to FILE (default: standard output)\n"
            "  -c, --catalog DIR       resolve base models and datasets offline, as for check\n"
            "      --policy FILE       apply this policy; its outcome is in the predicate\n"
            "      --max-depth N       follow base models at most N steps (default 8)\n"
            "%s"
            "  -h, --help              show this help\n\n"
            "Exit status: 0 the attestation was written (whatever the verdict: it is in\n"
            "the predicate); 2 usage error, unreadable PATH, key, catalog or policy.\n",
            TRO_ATTEST_PREDICATE_TYPE, trc_scan_opts_help);
}

typedef struct opts {
    trc_scan_opts scan;
    const char *key, *output, *policy;
    const char **catalogs;
    size_t ncatalogs;
    unsigned long max_depth;
} opts;

/* 1 to go on, 0 after --help, -1 on a usage error (message printed). */
static int parse(int argc, char **argv, opts *o)
{
    static const struct option longopts[] = {
        {"key", required_argument, NULL, 'k'},
        {"output", required_argument, NULL, 'o'},
        {"catalog", required_argument, NULL, 'c'},
        {"policy", required_argument, NULL, OPT_POLICY},
        {"max-depth", required_argument, NULL, OPT_MAX_DEPTH},
        {"help", no_argument, NULL, 'h'},
        TRC_SCAN_LONGOPTS,
        {NULL, 0, NULL, 0},
    };
    int ch;
    opterr = 0;
    while ((ch = getopt_long(argc, argv, ":k:o:c:j:qh", longopts, NULL)) != -1) {
        int r = trc_scan_opt(&o->scan, ch, optarg);
        if (r < 0)
            return -1;
        if (r > 0)
            continue;
        switch (ch) {
        case 'k':
            o->key = optarg;
            break;
        case 'o':
            o->output = optarg;
            break;
        case 'c':
            if (trc_push_arg(&o->catalogs, &o->ncatalogs, optarg))
                return -1;
            break;
        case OPT_POLICY:
            o->policy = optarg;
            break;
        case OPT_MAX_DEPTH:
            if (!trc_parse_uint("--max-depth", optarg, 64, &o->max_depth))
                return -1;
            break;
        case 'h':
            usage(stdout);
            return 0;
        default:
            trc_bad_option("attest", ch, argv);
            return -1;
        }
    }
    if (argc - optind != 1) {
        trc_error(NULL, "attest: expected one PATH (try 'trulyopen attest --help')");
        return -1;
    }
    if (!o->key) {
        trc_error(NULL, "attest: --key KEY.pem is required");
        return -1;
    }
    return 1;
}

/* Checks the release and applies the policy: the report, or NULL. */
static tro_report *judge(const opts *o, tro_ctx *ctx, const tro_release *rel, const char *path)
{
    tro_catalog *cat = NULL;
    tro_policy *policy = NULL;
    tro_report *rep = NULL;
    tro_error err;
    char *text = NULL;
    size_t len = 0;
    if (o->policy && trc_read_file(o->policy, POLICY_MAX, &text, &len))
        goto done;
    if (text && tro_policy_new(&policy, text, len, &err)) {
        trc_error(o->policy, "%s", err.message);
        goto done;
    }
    if (o->ncatalogs &&
        tro_catalog_new(&cat, ctx, (const char *const *)o->catalogs, o->ncatalogs, &err)) {
        trc_error(NULL, "%s", err.message);
        goto done;
    }
    tro_check_options copts = TRO_CHECK_OPTIONS_INIT;
    copts.catalog = cat;
    copts.max_lineage_depth = (unsigned)o->max_depth;
    if (tro_check(ctx, rel, &copts, &rep, &err)) {
        trc_error(path, "%s", err.message);
        goto done;
    }
    int met = tro_report_apply_policy(rep, policy);
    if (met < 0) {
        trc_error(path, "%s", tro_strerror(met));
        tro_report_free(rep);
        rep = NULL;
    }
done:
    free(text);
    tro_policy_free(policy);
    tro_catalog_free(cat);
    return rep;
}

static int attest(const opts *o, tro_ctx *ctx, const tro_release *rel, const char *path)
{
    char *key = NULL, *env = NULL;
    size_t klen = 0, elen = 0;
    int status = TRC_EXIT_USAGE;
    if (trc_read_file(o->key, KEY_MAX, &key, &klen))
        return status;
    tro_report *rep = judge(o, ctx, rel, path);
    tro_error err;
    if (rep && tro_attest_sign(rep, key, klen, &env, &elen, &err))
        trc_error(err.code == TRO_EFORMAT ? o->key : path, "%s", err.message);
    else if (rep && trc_write_output(o->output, env, elen) == 0)
        status = TRC_EXIT_OK;
    if (key)
        memset(key, 0, klen); /* do not leave the private key in freed memory */
    free(key);
    tro_free(env);
    tro_report_free(rep);
    return status;
}

int trc_cmd_attest(int argc, char **argv)
{
    opts o = {.scan = {.own_findings = true}};
    int status = TRC_EXIT_USAGE, r = parse(argc, argv, &o);
    if (r <= 0) {
        status = r == 0 ? TRC_EXIT_OK : TRC_EXIT_USAGE;
        goto done;
    }
    tro_ctx *ctx;
    tro_release *rel = trc_scan(argv[optind], &o.scan, &ctx);
    if (!rel)
        goto done;
    status = attest(&o, ctx, rel, argv[optind]);
    tro_release_free(rel);
    tro_ctx_free(ctx);
done:
    free(o.scan.ignore);
    free(o.catalogs);
    return status;
}
