/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
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
#define TRC_OPT_BATCH 0x203
#define TRC_OPT_COMPACT 0x204
#define TRC_OPT_NO_ARTIFACTS 0x205
#define TRC_OPT_REPORT 0x206
#define TRC_OPT_SARIF_ROOT 0x207
#define TRC_OPT_FRAGMENT 0x208
#define TRC_OPT_OUTPUT_AS 0x210 /* + the tro_format of --output-FMT, up to 0x21f */

static void check_usage(FILE *out)
{
    fprintf(out,
            "Usage: trulyopen check [OPTIONS] PATH|REF\n"
            "       trulyopen check --batch FILE [OPTIONS]\n"
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
            "      --batch FILE        check every release listed in FILE ('-': standard\n"
            "                          input), one PATH per line (empty lines skipped),\n"
            "                          in parallel, with one catalog and policy for all;\n"
            "                          writes one JSON line per release, in input order:\n"
            "                          {\"line\":N,\"input\":PATH,\"report\":{...}} or\n"
            "                          {\"line\":N,\"input\":PATH,\"error\":MESSAGE};\n"
            "                          -j N checks N releases at once (default: one per\n"
            "                          CPU); a summary goes to stderr unless -q;\n"
            "                          --no-artifacts applies, the lines are compact\n"
            "  -c, --catalog DIR       resolve base models and datasets named by Hub id\n"
            "                          offline from DIR: DIR/models/ORG/NAME/ and\n"
            "                          DIR/datasets/ORG/NAME/ (a card inside), or a\n"
            "                          Hugging Face cache (DIR/models--ORG--NAME/...);\n"
            "                          ids match ignoring case; repeatable, searched\n"
            "                          in order\n"
            "  -f, --format FMT        output format: text (default; coloured on a\n"
            "                          terminal unless NO_COLOR is set), json (the\n"
            "                          trulyopen-report document, trulyopen-report(5)),\n"
            "                          sarif (SARIF 2.1.0, for code-scanning UIs),\n"
            "                          cyclonedx (CycloneDX 1.6 ML-BOM) or spdx (SPDX\n"
            "                          3.0.1 JSON-LD with the AI and Dataset profiles);\n"
            "                          for people: html (one self-contained page),\n"
            "                          markdown (a summary for a pull request or a CI\n"
            "                          job), badge-svg (an SVG badge) or shields (the\n"
            "                          badge as shields.io endpoint JSON)\n"
            "      --report FMT=FILE   also write the report in format FMT to FILE, from\n"
            "                          the same scan (repeatable)\n"
            "      --output-FMT FILE   the same as --report FMT=FILE, for FMT json, sarif,\n"
            "                          cyclonedx, spdx, html, markdown, badge-svg, shields\n"
            "      --sarif-root DIR    SARIF: the folder locations are relative to (the\n"
            "                          repository root in CI); PATH must be inside it.\n"
            "                          Default: the release's own folder\n"
            "      --compact           json, sarif, cyclonedx, spdx, shields: on one line\n"
            "      --no-artifacts      json, sarif, cyclonedx, spdx, html: leave the\n"
            "                          artifact list out\n"
            "      --fragment          html: a <div> to embed in a page, without\n"
            "                          <html>, <head> and <body>\n"
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
            "catalog or policy file, a REF the Hub cannot give (missing, private,\n"
            "network failure, offline and not cached), or an output that cannot be\n"
            "written. SBOM time stamps are SOURCE_DATE_EPOCH when it is set, else the\n"
            "time now. With --batch: 0 every release meets the policy, 1 some do\n"
            "not, 2 some could not be checked (or a usage error).\n",
            trc_scan_opts_help);
}

/* An output: a format and a file ("-" or NULL: standard output). */
typedef struct check_output {
    tro_format format;
    const char *file;
} check_output;

typedef struct check_opts {
    trc_scan_opts scan;
    const char **catalogs;
    size_t ncatalogs;
    const char *output;
    const char *policy;
    tro_format format;
    check_output *reports; /* --report and --output-FMT */
    size_t nreports;
    const char *sarif_root;
    const char *batch;
    bool format_set; /* --format given */
    unsigned render_flags; /* TRO_RENDER_* */
    unsigned long max_depth;
} check_opts;

/* The format named name (length n), or NULL with a message. */
static const trc_format_info *format_named(const char *opt, const char *name, size_t n)
{
    const trc_format_info *f = trc_format_named(name, n);
    if (!f)
        trc_error(NULL, "check: %s: expected %s, got '%.*s'", opt, trc_format_names, (int)n, name);
    return f;
}

static int add_report(check_opts *o, tro_format format, const char *file)
{
    check_output *v = realloc(o->reports, (o->nreports + 1) * sizeof *v);
    if (!v) {
        trc_error(NULL, "out of memory");
        return -1;
    }
    v[o->nreports++] = (check_output){format, file};
    o->reports = v;
    return 0;
}

/* --report FMT=FILE */
static int report_opt(check_opts *o, const char *arg)
{
    const char *eq = strchr(arg, '=');
    if (!eq || !eq[1]) {
        trc_error(NULL, "check: --report: expected FORMAT=FILE, got '%s'", arg);
        return -1;
    }
    const trc_format_info *f = format_named("--report", arg, (size_t)(eq - arg));
    return f ? add_report(o, f->format, eq + 1) : -1;
}

/* Whether the main output or a --report takes the flag. */
static bool any_output_has(const check_opts *o, unsigned flag)
{
    if (trc_format_flags(o->format) & flag)
        return true;
    for (size_t i = 0; i < o->nreports; i++)
        if (trc_format_flags(o->reports[i].format) & flag)
            return true;
    return false;
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
        {"report", required_argument, NULL, TRC_OPT_REPORT},
        {"sarif-root", required_argument, NULL, TRC_OPT_SARIF_ROOT},
        {"fragment", no_argument, NULL, TRC_OPT_FRAGMENT},
        {"output-json", required_argument, NULL, TRC_OPT_OUTPUT_AS + TRO_FORMAT_JSON},
        {"output-sarif", required_argument, NULL, TRC_OPT_OUTPUT_AS + TRO_FORMAT_SARIF},
        {"output-cyclonedx", required_argument, NULL, TRC_OPT_OUTPUT_AS + TRO_FORMAT_CYCLONEDX},
        {"output-spdx", required_argument, NULL, TRC_OPT_OUTPUT_AS + TRO_FORMAT_SPDX},
        {"output-html", required_argument, NULL, TRC_OPT_OUTPUT_AS + TRO_FORMAT_HTML},
        {"output-markdown", required_argument, NULL, TRC_OPT_OUTPUT_AS + TRO_FORMAT_MARKDOWN},
        {"output-badge-svg", required_argument, NULL, TRC_OPT_OUTPUT_AS + TRO_FORMAT_BADGE_SVG},
        {"output-shields", required_argument, NULL, TRC_OPT_OUTPUT_AS + TRO_FORMAT_SHIELDS},
        {"batch", required_argument, NULL, TRC_OPT_BATCH},
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
        if (ch >= TRC_OPT_OUTPUT_AS && ch < TRC_OPT_OUTPUT_AS + 0x10) {
            if (add_report(o, (tro_format)(ch - TRC_OPT_OUTPUT_AS), optarg))
                return -1;
            continue;
        }
        switch (ch) {
        case 'c':
            if (trc_push_arg(&o->catalogs, &o->ncatalogs, optarg))
                return -1;
            break;
        case 'f': {
            const trc_format_info *f = format_named("--format", optarg, strlen(optarg));
            if (!f)
                return -1;
            o->format = f->format;
            o->format_set = true;
            break;
        }
        case TRC_OPT_REPORT:
            if (report_opt(o, optarg))
                return -1;
            break;
        case TRC_OPT_SARIF_ROOT:
            o->sarif_root = optarg;
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
        case TRC_OPT_FRAGMENT:
            o->render_flags |= TRO_RENDER_FRAGMENT;
            break;
        case TRC_OPT_BATCH:
            o->batch = optarg;
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
    if (o->batch &&
        (argc != optind || (o->format_set && o->format != TRO_FORMAT_JSON) || o->nreports)) {
        trc_error(NULL, "check: --batch takes no PATH and writes JSON lines only (try "
                        "'trulyopen check --help')");
        return -1;
    }
    if (!o->batch && argc - optind != 1) {
        trc_error(NULL, "check: expected one PATH (try 'trulyopen check --help')");
        return -1;
    }
    if ((o->render_flags & TRO_RENDER_COMPACT) && !o->batch &&
        !any_output_has(o, TRO_RENDER_COMPACT)) {
        trc_error(NULL,
                  "check: --compact applies to --format json, sarif, cyclonedx, spdx and shields");
        return -1;
    }
    if ((o->render_flags & TRO_RENDER_FRAGMENT) && !any_output_has(o, TRO_RENDER_FRAGMENT)) {
        trc_error(NULL, "check: --fragment applies to --format html");
        return -1;
    }
    return 1;
}

static bool use_color(const check_opts *o)
{
    const char *nc = getenv("NO_COLOR");
    if (o->format != TRO_FORMAT_TEXT || (o->output && strcmp(o->output, "-")) || (nc && *nc))
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

/* Renders the report in one format: the flags given apply to the formats
 * that have them, colour only to text on a terminal. */
static int render(const check_opts *o, const trc_where *where, const tro_report *rep,
                  tro_format format, bool main_output, char **out, size_t *len)
{
    tro_render_options ro = TRO_RENDER_OPTIONS_INIT;
    ro.format = format;
    ro.flags = o->render_flags & trc_format_flags(format);
    if (format == TRO_FORMAT_TEXT && main_output && use_color(o))
        ro.flags |= TRO_RENDER_COLOR;
    ro.root_uri = where->root_uri;
    ro.release_path = where->release_path;
    ro.created = where->created;
    return tro_report_render(rep, &ro, out, len);
}

/* Writes the main output, then each --report: 0, or -1 after a message. */
static int write_outputs(const check_opts *o, const trc_where *where, const tro_report *rep,
                         const char *path)
{
    for (size_t i = 0; i <= o->nreports; i++) {
        bool main_output = i == o->nreports;
        tro_format f = main_output ? o->format : o->reports[i].format;
        const char *file = main_output ? o->output : o->reports[i].file;
        char *text = NULL;
        size_t len = 0;
        int rc = render(o, where, rep, f, main_output, &text, &len);
        if (rc) {
            trc_error(path, "%s", tro_strerror(rc));
            return -1;
        }
        rc = trc_write_output(file, text, len);
        tro_free(text);
        if (rc)
            return -1;
    }
    return 0;
}

/* Checks the scanned release, applies the policy and writes the reports;
 * returns the exit status. */
static int report(const check_opts *o, tro_ctx *ctx, const tro_release *rel, const char *path)
{
    tro_catalog *cat = NULL;
    tro_policy *policy = NULL;
    tro_report *rep = NULL;
    tro_error err;
    trc_where where = {0};
    int status = TRC_EXIT_USAGE;
    if (load_policy(o, &policy))
        goto done;
    if (o->scan.remote && o->sarif_root) {
        trc_error(path, "--sarif-root: a release on the Hub has no local folder");
        goto done;
    }
    /* A release on the Hub has no folder here: SARIF paths stay relative to
     * the repository, and only the SBOMs' time stamp is needed. */
    if (o->scan.remote ? trc_where_remote(&where) : trc_where_init(&where, path, o->sarif_root))
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
    if (met < 0) {
        trc_error(path, "%s", tro_strerror(met));
        goto done;
    }
    if (write_outputs(o, &where, rep, path) == 0)
        status = met ? TRC_EXIT_OK : TRC_EXIT_FAIL;
    trc_hub_summary(&o->scan, tro_release_name(rel));
done:
    trc_where_clear(&where);
    tro_report_free(rep);
    tro_catalog_free(cat);
    tro_policy_free(policy);
    return status;
}

static int run_batch(const check_opts *o)
{
    tro_policy *policy;
    if (load_policy(o, &policy))
        return TRC_EXIT_USAGE;
    trc_batch_args a = {.input = o->batch, .output = o->output, .scan = &o->scan,
                        .catalogs = o->catalogs, .ncatalogs = o->ncatalogs,
                        .policy = policy, .max_depth = (unsigned)o->max_depth,
                        .no_artifacts = (o->render_flags & TRO_RENDER_NO_ARTIFACTS) != 0};
    int status = trc_check_batch(&a);
    tro_policy_free(policy);
    return status;
}

int trc_cmd_check(int argc, char **argv)
{
    check_opts o = {.scan = {.own_findings = true}, .format = TRO_FORMAT_TEXT};
    int status = TRC_EXIT_USAGE, r = parse(argc, argv, &o);
    if (r <= 0) {
        status = r == 0 ? TRC_EXIT_OK : TRC_EXIT_USAGE;
        goto done;
    }
    if (o.batch) {
        status = run_batch(&o);
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
    free(o.reports);
    return status;
}
