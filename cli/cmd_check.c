/* trulyopen check: is a release truly open, why, and exactly what was judged. */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>


#include "cli.h"

#define TRC_OPT_CATALOG 0x200
#define TRC_OPT_MAX_DEPTH 0x201
#define TRC_OPT_POLICY 0x202
#define TRC_OPT_COMPACT 0x204
#define TRC_OPT_NO_ARTIFACTS 0x205

static void check_usage(FILE *out)
{
    fprintf(out,
            "Usage: trulyopen check [OPTIONS] PATH|REF\n"
            "Tell whether a release is truly open: free to use for any purpose, with a\n"
            "public training method and training data under free licences. PATH is a\n"
            "model folder, an archive, or a single file (a model card, a MOF release\n"
            "YAML, a weights file); a Hugging Face cache snapshot\n"
            "(.../models--ORG--NAME/snapshots/REV) is read through its links into the\n"
            "repository's blobs/. The report gives the verdict, each criterion with\n"
            "its evidence, the licences, every artifact with its SHA-256, the findings,\n"
            "the lineage through base models, the datasets, the MOF class and what\n"
            "would make the release pass.\n"
            "REF is a release on the Hugging Face Hub, checked without downloading its\n"
            "weights: hf://ORG/NAME[@REV], hf://datasets/ORG/NAME[@REV] or a Hub URL;\n"
            "the base models and datasets its card names are then resolved on the Hub\n"
            "too (HF_ENDPOINT, HF_TOKEN, HF_HUB_OFFLINE as huggingface_hub reads them).\n\n"
            "  -c, --catalog DIR       resolve base models and datasets named by Hub id\n"
            "                          offline from DIR: DIR/models/ORG/NAME/ and\n"
            "                          DIR/datasets/ORG/NAME/ (a card inside), or a\n"
            "                          Hugging Face cache (DIR/models--ORG--NAME/...);\n"
            "                          ids match ignoring case; repeatable, searched\n"
            "                          in order\n"
            "  -f, --format FMT        output format: text (default; coloured on a\n"
            "                          terminal unless NO_COLOR is set), json (the\n"
            "                          trulyopen-report document, trulyopen-report(5))\n"
            "                          or sarif (SARIF 2.1.0, for code-scanning UIs)\n"
            "      --compact           json, sarif: the document on one line\n"
            "      --no-artifacts      json, sarif: leave the artifact list out\n"
            "      --max-depth N       follow base models at most N steps (default 8)\n"
            "      --no-hash           do not compute SHA-256 of the artifacts\n"
            "  -o, --output FILE       write the report to FILE instead of standard output\n"
            "                          (a regular FILE is replaced atomically; a device,\n"
            "                          named pipe or symbolic link is written through)\n"
            "      --policy FILE       the release gate to apply (JSON, see\n"
            "                          trulyopen-policy(5)); default: the verdict must\n"
            "                          be truly-open and no finding may be an error\n"
            "%s"
            "  -h, --help              show this help\n\n"
            "Exit status: 0 the policy is met (by default: the release is truly open\n"
            "and has no error finding); 1 it is not; 2 usage error, unreadable PATH,\n"
            "catalog or policy file, or a REF the Hub cannot give (missing, private,\n"
            "network failure, offline and not cached).\n",
            trc_scan_opts_help);
}

typedef struct check_opts {
    trc_scan_opts scan;
    const char **catalogs;
    size_t ncatalogs;
    const char *output;
    const char *policy;
    enum { FMT_TEXT, FMT_JSON, FMT_SARIF } format;
    unsigned render_flags; /* TRO_RENDER_* */
    unsigned long max_depth;
} check_opts;

static int add_catalog(check_opts *o, const char *dir)
{
    const char **v = realloc(o->catalogs, (o->ncatalogs + 1) * sizeof *v);
    if (!v) {
        trc_error(NULL, "out of memory");
        return -1;
    }
    v[o->ncatalogs++] = dir;
    o->catalogs = v;
    return 0;
}

/* 1 to go on, 0 after --help, -1 on a usage error (message printed). */
static int parse(int argc, char **argv, check_opts *o)
{
    static const struct option longopts[] = {
        {"catalog", required_argument, NULL, 'c'},
        {"format", required_argument, NULL, 'f'},
        {"max-depth", required_argument, NULL, TRC_OPT_MAX_DEPTH},
        {"no-hash", no_argument, NULL, TRC_OPT_NO_HASH},
        {"policy", required_argument, NULL, TRC_OPT_POLICY},
        {"compact", no_argument, NULL, TRC_OPT_COMPACT},
        {"no-artifacts", no_argument, NULL, TRC_OPT_NO_ARTIFACTS},
        {"output", required_argument, NULL, 'o'},
        {"help", no_argument, NULL, 'h'},
        TRC_SCAN_LONGOPTS,
        {NULL, 0, NULL, 0},
    };
    int ch;
    opterr = 0;
    while ((ch = getopt_long(argc, argv, ":c:f:o:j:qh", longopts, NULL)) != -1) {
        int r = trc_scan_opt(&o->scan, ch, optarg);
        if (r < 0)
            return -1;
        if (r > 0)
            continue;
        switch (ch) {
        case 'c':
            if (add_catalog(o, optarg))
                return -1;
            break;
        case 'f':
            if (!strcmp(optarg, "text"))
                o->format = FMT_TEXT;
            else if (!strcmp(optarg, "json"))
                o->format = FMT_JSON;
            else if (!strcmp(optarg, "sarif"))
                o->format = FMT_SARIF;
            else {
                trc_error(NULL, "check: --format: expected text, json or sarif, got '%s'",
                          optarg);
                return -1;
            }
            break;
        case TRC_OPT_POLICY:
            o->policy = optarg;
            break;
        case TRC_OPT_COMPACT:
            o->render_flags |= TRO_RENDER_COMPACT;
            break;
        case TRC_OPT_NO_ARTIFACTS:
            o->render_flags |= TRO_RENDER_NO_ARTIFACTS;
            break;
        case TRC_OPT_MAX_DEPTH:
            if (!trc_parse_uint("--max-depth", optarg, 64, &o->max_depth))
                return -1;
            break;
        case TRC_OPT_NO_HASH:
            o->scan.flags |= TRO_SCAN_NO_HASH;
            break;
        case 'o':
            o->output = optarg;
            break;
        case 'h':
            check_usage(stdout);
            return 0;
        default:
            trc_bad_option("check", ch, argv);
            return -1;
        }
    }
    if (argc - optind != 1) {
        trc_error(NULL, "check: expected one PATH (try 'trulyopen check --help')");
        return -1;
    }
    if ((o->render_flags & TRO_RENDER_COMPACT) && o->format == FMT_TEXT) {
        trc_error(NULL, "check: --compact applies to --format json and sarif");
        return -1;
    }
    return 1;
}

static bool use_color(const check_opts *o)
{
    const char *nc = getenv("NO_COLOR");
    if (o->format != FMT_TEXT || (o->output && strcmp(o->output, "-")) || (nc && *nc))
        return false;
    return isatty(STDOUT_FILENO) != 0;
}

/* Reads and parses the policy file; NULL for the default policy. */
static int load_policy(const check_opts *o, tro_policy **out)
{
    *out = NULL;
    if (!o->policy)
        return 0;
    FILE *f = fopen(o->policy, "rb");
    if (!f) {
        trc_error(o->policy, "cannot open: %s", strerror(errno));
        return -1;
    }
    char buf[1 << 16];
    size_t cap = 0, n = 0;
    char *text = NULL;
    size_t r;
    while ((r = fread(buf, 1, sizeof buf, f)) > 0) {
        if (n + r > (1u << 20)) { /* policies are small; the parser refuses more */
            trc_error(o->policy, "larger than 1 MiB");
            goto fail;
        }
        if (n + r > cap) {
            char *t = realloc(text, cap = (n + r) * 2);
            if (!t)
                goto fail;
            text = t;
        }
        memcpy(text + n, buf, r);
        n += r;
    }
    if (ferror(f)) {
        trc_error(o->policy, "cannot read: %s", strerror(errno));
        goto fail;
    }
    fclose(f);
    tro_error err;
    int rc = tro_policy_new(out, text ? text : "", n, &err);
    free(text);
    if (rc) {
        trc_error(o->policy, "%s", err.message);
        return -1;
    }
    return 0;
fail:
    fclose(f);
    free(text);
    return -1;
}

static int render(const check_opts *o, const tro_report *rep, char **out, size_t *len)
{
    tro_render_options ro = TRO_RENDER_OPTIONS_INIT;
    ro.format = o->format == FMT_JSON    ? TRO_FORMAT_JSON
                : o->format == FMT_SARIF ? TRO_FORMAT_SARIF
                                         : TRO_FORMAT_TEXT;
    ro.flags = o->render_flags | (use_color(o) ? TRO_RENDER_COLOR : 0);
    return tro_report_render(rep, &ro, out, len);
}

/* Checks the scanned release, applies the policy and writes the report;
 * returns the exit status. */
static int report(const check_opts *o, tro_ctx *ctx, const tro_release *rel, const char *path)
{
    tro_catalog *cat = NULL;
    tro_policy *policy = NULL;
    tro_report *rep = NULL;
    tro_error err;
    char *text = NULL;
    size_t len = 0;
    int status = TRC_EXIT_USAGE;
    if (load_policy(o, &policy))
        goto done;
    if (o->ncatalogs &&
        tro_catalog_new(&cat, ctx, (const char *const *)o->catalogs, o->ncatalogs, &err)) {
        trc_error(NULL, "%s", err.message);
        goto done;
    }
    tro_check_options copts = TRO_CHECK_OPTIONS_INIT;
    copts.catalog = cat;
    if (o->scan.hub) { /* --online, or a release on the Hub */
        copts.resolve = tro_hub_resolve;
        copts.resolve_userdata = o->scan.hub;
    }
    copts.max_lineage_depth = (unsigned)o->max_depth;
    if (tro_check(ctx, rel, &copts, &rep, &err)) {
        trc_error(path, "%s", err.message);
        goto done;
    }
    int met = tro_report_apply_policy(rep, policy);
    if (met < 0 || render(o, rep, &text, &len)) {
        trc_error(path, "%s", tro_strerror(met < 0 ? met : TRO_ENOMEM));
        goto done;
    }
    if (trc_write_output(o->output, text, len) == 0)
        status = met ? TRC_EXIT_OK : TRC_EXIT_FAIL;
    trc_hub_summary(&o->scan, tro_release_name(rel));
done:
    tro_free(text);
    tro_report_free(rep);
    tro_catalog_free(cat);
    tro_policy_free(policy);
    return status;
}

int trc_cmd_check(int argc, char **argv)
{
    check_opts o = {.scan = {.own_findings = true}};
    int status = TRC_EXIT_USAGE, r = parse(argc, argv, &o);
    if (r <= 0) {
        status = r == 0 ? TRC_EXIT_OK : TRC_EXIT_USAGE;
        goto done;
    }
    tro_ctx *ctx;
    tro_release *rel = trc_scan(argv[optind], &o.scan, &ctx);
    if (!rel)
        goto done;
    status = report(&o, ctx, rel, argv[optind]);
    tro_release_free(rel);
    tro_ctx_free(ctx);
done:
    tro_hub_free(o.scan.hub);
    free(o.scan.ignore);
    free(o.catalogs);
    return status;
}
