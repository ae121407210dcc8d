/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* What the commands that scan a release share: options, progress, findings. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

const char trc_scan_opts_help[] =
    "  -j, --jobs N            hash with N threads (default: one per CPU)\n"
    "      --ignore PATTERN    skip files and folders matching PATTERN, a glob\n"
    "                          matched against the path relative to the release\n"
    "                          and against the file name; a trailing '/' matches\n"
    "                          only folders (repeatable)\n"
    "      --no-default-ignores\n"
    "                          also read .git, .hg, .svn, .bzr, CVS and _darcs\n"
    "      --hash-sparse       also hash sparse files (1 MiB or more, less than an\n"
    "                          eighth allocated on disk), refused by default\n"
    "  -q, --quiet             no progress bar and no warnings on stderr\n"
    "      --online            also resolve the base models and datasets a card\n"
    "                          names on the Hugging Face Hub (always done for a\n"
    "                          release on the Hub)\n"
    "      --offline           never use the network (as HF_HUB_OFFLINE=1): a\n"
    "                          release on the Hub is read from the caches only\n"
    "      --download-hash     for a release on the Hub: stream every LFS file\n"
    "                          through SHA-256 and compare with the Hub's value\n"
    "                          (nothing is stored)\n";

int trc_scan_opt(trc_scan_opts *o, int opt, const char *arg)
{
    switch (opt) {
    case 'j':
        return trc_parse_uint("--jobs", arg, 256, &o->jobs) ? 1 : -1;
    case 'q':
        o->quiet = true;
        return 1;
    case TRC_OPT_NO_DEFAULT_IGNORES:
        o->flags |= TRO_SCAN_NO_DEFAULT_IGNORES;
        return 1;
    case TRC_OPT_ONLINE:
        o->online = true;
        return 1;
    case TRC_OPT_OFFLINE:
        o->offline = true;
        return 1;
    case TRC_OPT_DOWNLOAD_HASH:
        o->hub_flags |= TRO_HUB_DOWNLOAD_HASH;
        return 1;
    case TRC_OPT_HASH_SPARSE:
        o->flags |= TRO_SCAN_HASH_SPARSE;
        return 1;
    case TRC_OPT_IGNORE:
        return trc_push_arg(&o->ignore, &o->nignore, arg) ? -1 : 1;
    default:
        return 0;
    }
}

int trc_bad_option(const char *cmd, int opt, char **argv)
{
    const char *name = argv[optind - 1];
    if (opt == ':')
        trc_error(NULL, "%s: option '%s' needs a value (try 'trulyopen %s --help')", cmd, name,
                  cmd);
    else
        trc_error(NULL, "%s: unknown option '%s' (try 'trulyopen %s --help')", cmd, name, cmd);
    return TRC_EXIT_USAGE;
}

/* The message without the "PATH: " the library starts it with, since the
 * line already names the path. */
static const char *without_path(const char *msg, const char *path)
{
    size_t n = strlen(path);
    if (n && !strncmp(msg, path, n) && msg[n] == ':' && msg[n + 1] == ' ')
        return msg + n + 2;
    return msg;
}

static void print_findings(const tro_release *rel, const char *root)
{
    for (size_t i = 0; i < tro_release_finding_count(rel); i++) {
        const tro_finding *f = tro_release_finding(rel, i);
        tro_severity sev = tro_finding_severity(f);
        if (sev < TRO_SEVERITY_WARNING)
            continue;
        const char *path = tro_finding_path(f);
        trc_error(*path ? path : root, "%s: %s", tro_severity_name(sev),
                  without_path(tro_finding_message(f), *path ? path : root));
    }
}

/* Makes o->hub when the Hub is used: PATH names a repository (hf://, a
 * Hub URL) or --online. 0, or -1 after printing why. */
static int open_hub(const char *path, trc_scan_opts *o)
{
    bool url = !strncmp(path, "hf://", 5) || !strncmp(path, "http://", 7) ||
               !strncmp(path, "https://", 8);
    if (o->online && o->offline) {
        trc_error(NULL, "--online and --offline contradict each other");
        return -1;
    }
    if (!url && (!o->online || o->offline))
        return 0;
    tro_hub_options ho = TRO_HUB_OPTIONS_INIT;
    tro_error err;
    ho.flags = o->offline ? TRO_HUB_OFFLINE : 0;
    if (tro_hub_new(&o->hub, &ho, &err) != TRO_OK) {
        trc_error(NULL, "%s", err.message);
        return -1;
    }
    o->remote = url && tro_hub_is_ref(o->hub, path);
    if (!o->remote && !o->online) {
        tro_hub_free(o->hub);
        o->hub = NULL;
    }
    return 0;
}

void trc_hub_summary(const trc_scan_opts *o, const char *name)
{
    tro_hub_stats st;
    if (!o->hub || o->quiet)
        return;
    tro_hub_stats_get(o->hub, &st);
    fprintf(stderr, "trulyopen: %s: %llu requests, %llu bytes received, %llu answers from the "
                    "cache\n",
            name, (unsigned long long)st.requests, (unsigned long long)st.bytes_received,
            (unsigned long long)st.cache_reads);
}

tro_release *trc_scan(const char *path, trc_scan_opts *o, tro_ctx **ctx)
{
    tro_ctx_options opts = TRO_CTX_OPTIONS_INIT;
    tro_error err;
    tro_release *rel = NULL;
    opts.threads = (unsigned)o->jobs;
    opts.flags = o->flags;
    opts.ignore = o->ignore;
    opts.ignore_count = o->nignore;
    trc_progress *bar = trc_progress_new(o->quiet);
    if (bar) {
        opts.progress = trc_progress_cb;
        opts.progress_userdata = bar;
    }
    *ctx = NULL;
    if (open_hub(path, o))
        goto done;
    if (tro_ctx_new(ctx, &opts, &err) != TRO_OK) {
        trc_error(NULL, "%s", err.message);
        goto done;
    }
    if (o->remote ? tro_hub_open(o->hub, *ctx, path, o->hub_flags, &rel, &err) != TRO_OK
                  : tro_scan(*ctx, path, &rel, &err) != TRO_OK) {
        trc_progress_end(bar);
        bar = NULL;
        trc_error(NULL, "%s", err.message);
        tro_ctx_free(*ctx);
        *ctx = NULL;
        goto done;
    }
done:
    trc_progress_end(bar);
    if (rel && !o->quiet && !o->own_findings)
        print_findings(rel, path);
    if (rel && o->remote && !o->own_findings)
        trc_hub_summary(o, tro_release_name(rel));
    return rel;
}
