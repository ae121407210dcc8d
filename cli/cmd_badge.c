/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* trulyopen badge: the verdict of a release as a badge for a README or a
 * registry's page. The same check as `trulyopen check`, without hashing
 * (a badge shows no artifact), rendered as TRO_FORMAT_BADGE_SVG or
 * TRO_FORMAT_SHIELDS. */
#include "config.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#define TRB_OPT_MAX_DEPTH 0x300
#define TRB_OPT_SHIELDS 0x301

static void badge_usage(FILE *out)
{
    fprintf(out,
            "Usage: trulyopen badge [OPTIONS] PATH\n"
            "Check a release as 'trulyopen check' does and write its verdict as a badge:\n"
            "an SVG image reading 'truly open' (green), or 'not truly open' with the\n"
            "status of each criterion, such as 'use \xE2\x9C\x97 method \xE2\x9C\x93 data ?'\n"
            "(red when a criterion fails, orange otherwise).\n\n"
            "  -c, --catalog DIR       resolve base models and datasets from DIR, as for\n"
            "                          'trulyopen check' (repeatable)\n"
            "      --shields           write the shields.io endpoint JSON (schemaVersion,\n"
            "                          label, message, color) instead of SVG, for a\n"
            "                          server that serves a live badge\n"
            "      --max-depth N       follow base models at most N steps (default 8)\n"
            "  -o, --output FILE       write the badge to FILE instead of standard output\n"
            "%s"
            "  -h, --help              show this help\n\n"
            "Exit status: 0 the badge was written (whatever the verdict); 2 usage\n"
            "error, unreadable PATH or catalog.\n",
            trc_scan_opts_help);
}

typedef struct badge_opts {
    trc_scan_opts scan;
    const char **catalogs;
    size_t ncatalogs;
    const char *output;
    tro_format format;
    unsigned long max_depth;
} badge_opts;

/* 1 to go on, 0 after --help, -1 on a usage error (message printed). */
static int parse(int argc, char **argv, badge_opts *o)
{
    static const struct option longopts[] = {
        {"catalog", required_argument, NULL, 'c'},
        {"shields", no_argument, NULL, TRB_OPT_SHIELDS},
        {"max-depth", required_argument, NULL, TRB_OPT_MAX_DEPTH},
        {"output", required_argument, NULL, 'o'},
        {"help", no_argument, NULL, 'h'},
        TRC_SCAN_LONGOPTS,
        {NULL, 0, NULL, 0},
    };
    int ch;
    opterr = 0;
    while ((ch = getopt_long(argc, argv, ":c:o:j:qh", longopts, NULL)) != -1) {
        int r = trc_scan_opt(&o->scan, ch, optarg);
        if (r < 0)
            return -1;
        if (r > 0)
            continue;
        switch (ch) {
        case 'c':
            if (trc_push_arg(&o->catalogs, &o->ncatalogs, optarg))
                return -1;
            break;
        case TRB_OPT_SHIELDS:
            o->format = TRO_FORMAT_SHIELDS;
            break;
        case TRB_OPT_MAX_DEPTH:
            if (!trc_parse_uint("--max-depth", optarg, 64, &o->max_depth))
                return -1;
            break;
        case 'o':
            o->output = optarg;
            break;
        case 'h':
            badge_usage(stdout);
            return 0;
        default:
            trc_bad_option("badge", ch, argv);
            return -1;
        }
    }
    if (argc - optind != 1) {
        trc_error(NULL, "badge: expected one PATH (try 'trulyopen badge --help')");
        return -1;
    }
    return 1;
}

/* Checks the scanned release and writes its badge; returns the exit status. */
static int write_badge(const badge_opts *o, tro_ctx *ctx, tro_release *rel, const char *path)
{
    tro_catalog *cat = NULL;
    tro_report *rep = NULL;
    tro_error err;
    char *text = NULL;
    size_t len = 0;
    int status = TRC_EXIT_USAGE;
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
    tro_render_options ro = TRO_RENDER_OPTIONS_INIT;
    ro.format = o->format;
    int rc = tro_report_render(rep, &ro, &text, &len);
    if (rc) {
        trc_error(path, "%s", tro_strerror(rc));
        goto done;
    }
    if (trc_write_output(o->output, text, len) == 0)
        status = TRC_EXIT_OK;
done:
    tro_free(text);
    tro_report_free(rep);
    tro_catalog_free(cat);
    return status;
}

int trc_cmd_badge(int argc, char **argv)
{
    badge_opts o = {.scan = {.own_findings = true, .flags = TRO_SCAN_NO_HASH},
                    .format = TRO_FORMAT_BADGE_SVG};
    int status = TRC_EXIT_USAGE, r = parse(argc, argv, &o);
    if (r <= 0) {
        status = r == 0 ? TRC_EXIT_OK : TRC_EXIT_USAGE;
        goto done;
    }
    tro_ctx *ctx;
    tro_release *rel = trc_scan(argv[optind], &o.scan, &ctx);
    if (!rel)
        goto done;
    status = write_badge(&o, ctx, rel, argv[optind]);
    tro_release_free(rel);
    tro_ctx_free(ctx);
done:
    free(o.scan.ignore);
    free(o.catalogs);
    return status;
}
