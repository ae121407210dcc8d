/* trulyopen check: is a release truly open, why, and exactly what was judged. */
#include "config.h"

#include <getopt.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "cli.h"

#define TRC_OPT_CATALOG 0x200
#define TRC_OPT_MAX_DEPTH 0x201

static void check_usage(FILE *out)
{
    fprintf(out,
            "Usage: trulyopen check [OPTIONS] PATH\n"
            "Tell whether a release is truly open: free to use for any purpose, with a\n"
            "public training method and training data under free licences. PATH is a\n"
            "model folder, an archive, or a single file (a model card, a MOF release\n"
            "YAML, a weights file). The report gives the verdict, each criterion with\n"
            "its evidence, the licences, every artifact with its SHA-256, the findings,\n"
            "the lineage through base models, the datasets, the MOF class and what\n"
            "would make the release pass.\n\n"
            "  -c, --catalog DIR       resolve base models and datasets named by Hub id\n"
            "                          offline from DIR: DIR/models/ORG/NAME/ and\n"
            "                          DIR/datasets/ORG/NAME/ (a card inside), or a\n"
            "                          Hugging Face cache (DIR/models--ORG--NAME/...);\n"
            "                          repeatable, searched in order\n"
            "  -f, --format FMT        output format: text (default; coloured on a\n"
            "                          terminal unless NO_COLOR is set) or json (the\n"
            "                          trulyopen-report document, see README.md)\n"
            "      --max-depth N       follow base models at most N steps (default 8)\n"
            "      --no-hash           do not compute SHA-256 of the artifacts\n"
            "  -o, --output FILE       write the report to FILE instead of standard output\n"
            "%s"
            "  -h, --help              show this help\n\n"
            "Exit status: 0 the release is truly open and has no error finding;\n"
            "1 it is not; 2 usage error, unreadable PATH or catalog.\n",
            trc_scan_opts_help);
}

typedef struct check_opts {
    trc_scan_opts scan;
    const char **catalogs;
    size_t ncatalogs;
    const char *output;
    bool json;
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
            if (strcmp(optarg, "json") && strcmp(optarg, "text")) {
                trc_error(NULL, "check: --format: expected text or json, got '%s'", optarg);
                return -1;
            }
            o->json = !strcmp(optarg, "json");
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
    return 1;
}

/* The default policy: truly open, and no error finding. (The report's own
 * policy support replaces this once policies are available.) */
static bool default_policy_met(const tro_report *report, const char *json)
{
    if (!tro_report_truly_open(report))
        return false;
    json_t *doc = json_loads(json, 0, NULL);
    size_t i;
    json_t *f;
    bool ok = doc != NULL;
    json_array_foreach(json_object_get(doc, "findings"), i, f)
    {
        const char *sev = json_string_value(json_object_get(f, "severity"));
        if (sev && !strcmp(sev, "error"))
            ok = false;
    }
    json_decref(doc);
    return ok;
}

static bool use_color(const check_opts *o)
{
    const char *nc = getenv("NO_COLOR");
    if (o->json || (o->output && strcmp(o->output, "-")) || (nc && *nc))
        return false;
    return isatty(STDOUT_FILENO) != 0;
}

/* Checks the scanned release and writes the report; the exit status. */
static int report(const check_opts *o, tro_ctx *ctx, tro_release *rel, const char *path)
{
    tro_catalog *cat = NULL;
    tro_report *rep = NULL;
    tro_error err;
    char *json = NULL, *text = NULL;
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
    if (tro_report_json(rep, &json, &len) ||
        (!o->json && tro_report_text(rep, use_color(o) ? TRO_TEXT_COLOR : 0, &text, &len))) {
        trc_error(path, "out of memory");
        goto done;
    }
    if (trc_write_output(o->output, o->json ? json : text, len) == 0)
        status = default_policy_met(rep, json) ? TRC_EXIT_OK : TRC_EXIT_FAIL;
done:
    tro_free(json);
    tro_free(text);
    tro_report_free(rep);
    tro_catalog_free(cat);
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
    free(o.scan.ignore);
    free(o.catalogs);
    return status;
}
