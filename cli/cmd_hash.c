/* trulyopen hash: write the manifest of a release. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static void usage(FILE *out)
{
    fprintf(out,
            "Usage: trulyopen hash [OPTIONS] PATH|REF\n"
            "Record the size and SHA-256 of every artifact of a release in a manifest.\n"
            "PATH is a folder, an archive (tar, tar.gz, tar.bz2, tar.xz, tar.zst, zip,\n"
            "7z: read as one release, never extracted) or a single file. REF is a\n"
            "release on the Hugging Face Hub (hf://ORG/NAME[@REV]): files in Git LFS\n"
            "carry the Hub's SHA-256 (\"sha256_source\": \"hub-lfs\"), unless\n"
            "--download-hash; the others are downloaded and hashed.\n\n"
            "  -o, --output FILE       write the manifest to FILE (default: standard\n"
            "                          output); a regular FILE is replaced atomically,\n"
            "                          a device, named pipe or symbolic link written\n"
            "                          through\n"
            "%s"
            "  -h, --help              show this help\n\n"
            "A file name that is not UTF-8 is recorded with those bytes written \\xHH.\n"
            "Warnings about the release (Git LFS pointers, symbolic links leaving it,\n"
            "unsafe archive entries) go to stderr; they do not change the exit status.\n"
            "What cannot be read (a file, a folder deeper than the nesting limit, the\n"
            "rest of a corrupt archive or of a decompression bomb) is an error: no\n"
            "manifest is written, as it would leave that out.\n\n"
            "Exit status: 0 manifest written; 2 usage error, PATH or part of it\n"
            "unreadable, FILE or standard output not writable.\n",
            trc_scan_opts_help);
}

int trc_cmd_hash(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"output", required_argument, NULL, 'o'},
        {"help", no_argument, NULL, 'h'},
        TRC_SCAN_LONGOPTS,
        {NULL, 0, NULL, 0},
    };
    trc_scan_opts o = {.hub_flags = TRO_HUB_HASH_ALL};
    const char *output = NULL;
    int c, status = TRC_EXIT_USAGE;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":o:j:qh", longopts, NULL)) != -1) {
        int r = trc_scan_opt(&o, c, optarg);
        if (r < 0)
            goto done;
        if (r > 0)
            continue;
        if (c == 'o') {
            output = optarg;
        } else if (c == 'h') {
            usage(stdout);
            status = TRC_EXIT_OK;
            goto done;
        } else {
            status = trc_bad_option("hash", c, argv);
            goto done;
        }
    }
    if (argc - optind != 1) {
        trc_error(NULL, "hash: expected one PATH (try 'trulyopen hash --help')");
        goto done;
    }
    tro_ctx *ctx;
    tro_release *rel = trc_scan(argv[optind], &o, &ctx);
    if (!rel)
        goto done;
    char *text = NULL;
    size_t len = 0;
    int rc = tro_release_manifest(rel, &text, &len);
    if (rc)
        trc_error(argv[optind], "%s", tro_release_last_error(rel));
    else if (trc_write_output(output, text, len) == 0)
        status = TRC_EXIT_OK;
    tro_free(text);
    tro_release_free(rel);
    tro_ctx_free(ctx);
done:
    tro_hub_free(o.hub);
    free(o.ignore);
    return status;
}
