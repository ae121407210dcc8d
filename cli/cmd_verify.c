/* trulyopen verify: compare a release with a manifest. */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* A manifest lists about 200 bytes per artifact: this allows millions. */
#define MANIFEST_MAX (1ul << 30)

static void usage(FILE *out)
{
    fprintf(out,
            "Usage: trulyopen verify [OPTIONS] PATH|REF MANIFEST\n"
            "Check that the release at PATH (folder, archive or file) has exactly the\n"
            "artifacts MANIFEST records ('trulyopen hash' writes it; '-' reads it from\n"
            "standard input). Prints one line per difference on standard output:\n"
            "  missing PATH            in the manifest, not in the release\n"
            "  extra PATH              in the release, not in the manifest\n"
            "  changed PATH: DETAIL    different size or SHA-256 (DETAIL: manifest != release)\n"
            "  unreadable PATH: WHY    the release could not be read there (a file, a\n"
            "                          folder too deep, the rest of an archive)\n"
            "A Git LFS pointer, on either side, stands for the content it declares.\n"
            "Use the same --ignore options as when the manifest was made.\n\n"
            "%s"
            "  -h, --help              show this help\n\n"
            "Exit status: 0 the release matches the manifest; 1 it differs (or part of\n"
            "it cannot be read); 2 usage error, PATH or MANIFEST unreadable, MANIFEST\n"
            "malformed, or standard output not writable.\n",
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

static int report(const char *path, const char *manifest, tro_release *rel, const char *text,
                  size_t len, bool quiet)
{
    tro_verify_result *res;
    tro_error err;
    if (tro_verify(rel, text, len, &res, &err) != TRO_OK) {
        trc_error(manifest, "%s", err.message);
        return TRC_EXIT_USAGE;
    }
    size_t n = tro_verify_result_count(res);
    for (size_t i = 0; i < n; i++) {
        tro_diff_kind kind;
        const char *p, *detail;
        tro_verify_result_get(res, i, &kind, &p, &detail);
        fputs(kind < sizeof kinds / sizeof *kinds ? kinds[kind] : "different", stdout);
        fputc(' ', stdout);
        trc_printf(stdout, "%s%s%s", p, *detail ? ": " : "", detail);
        fputc('\n', stdout);
    }
    if (!quiet && n)
        trc_error(path, "%zu difference%s from %s", n, n == 1 ? "" : "s", manifest);
    else if (!quiet)
        trc_error(path, "all %zu artifacts match %s", tro_release_artifact_count(rel), manifest);
    tro_verify_result_free(res);
    return n ? TRC_EXIT_FAIL : TRC_EXIT_OK; /* lost output: main() says so, exit 2 */
}

int trc_cmd_verify(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"help", no_argument, NULL, 'h'},
        TRC_SCAN_LONGOPTS,
        {NULL, 0, NULL, 0},
    };
    trc_scan_opts o = {.hub_flags = TRO_HUB_HASH_ALL};
    int c, status = TRC_EXIT_USAGE;
    char *text = NULL;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":j:qh", longopts, NULL)) != -1) {
        int r = trc_scan_opt(&o, c, optarg);
        if (r < 0)
            goto done;
        if (r > 0)
            continue;
        if (c == 'h') {
            usage(stdout);
            status = TRC_EXIT_OK;
        } else {
            status = trc_bad_option("verify", c, argv);
        }
        goto done;
    }
    if (argc - optind != 2) {
        trc_error(NULL, "verify: expected PATH and MANIFEST (try 'trulyopen verify --help')");
        goto done;
    }
    const char *path = argv[optind], *manifest = argv[optind + 1];
    size_t len;
    if (!(text = slurp(manifest, &len)) || !precheck(manifest, text, len))
        goto done;
    tro_ctx *ctx;
    tro_release *rel = trc_scan(path, &o, &ctx);
    if (!rel)
        goto done;
    status = report(path, manifest, rel, text, len, o.quiet);
    tro_release_free(rel);
    tro_ctx_free(ctx);
done:
    free(text);
    tro_hub_free(o.hub);
    free(o.ignore);
    return status;
}
