/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* trulyopen inspect: every artifact of a release with what was read from it. */
#include "config.h"

#include <getopt.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli.h"

static void inspect_usage(FILE *out)
{
    fprintf(out,
            "Usage: trulyopen inspect [OPTIONS] PATH\n"
            "Print every artifact of a release (a folder, an archive or a single\n"
            "file) with its type, size, SHA-256 and what its format reader read from\n"
            "it, then the findings (problems noticed, with their byte offsets).\n\n"
            "  -f, --format FMT        text (default) or json\n"
            "      --no-hash           do not compute SHA-256: only the bytes the\n"
            "                          readers need are read (a weights header, not\n"
            "                          the tensors)\n"
            "  -o, --output FILE       write to FILE instead of standard output\n"
            "%s"
            "  -h, --help              show this help\n\n"
            "Exit status: 0 printed; 2 usage error or PATH unreadable.\n",
            trc_scan_opts_help);
}

/* Text view of one metadata value, on one line, shortened. */
static void print_value(FILE *out, json_t *v)
{
    char *s = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
    if (!s)
        return;
    size_t n = strlen(s);
    if (n > 160)
        fprintf(out, "%.157s...", s);
    else
        fputs(s, out);
    free(s);
}

/* The artifact's metadata, parsed (an empty object when it cannot be had). */
static json_t *metadata(const tro_artifact *a)
{
    char *text = NULL;
    json_t *meta = tro_artifact_metadata(a, &text, NULL) ? NULL : json_loads(text, 0, NULL);
    tro_free(text);
    return meta ? meta : json_object();
}

static void print_artifact_text(FILE *out, const tro_artifact *a)
{
    const char *sha = tro_artifact_sha256(a);
    fprintf(out, "%s\n  type: %s\n  size: %llu\n", tro_artifact_path(a),
            tro_type_name(tro_artifact_type(a)),
            (unsigned long long)tro_artifact_size(a));
    if (sha)
        fprintf(out, "  sha256: %s\n", sha);
    json_t *meta = metadata(a);
    const char *key;
    json_t *v;
    json_object_foreach(meta, key, v) {
        fprintf(out, "  %s: ", key);
        print_value(out, v);
        fputc('\n', out);
    }
    json_decref(meta);
}

static json_t *artifact_json(const tro_artifact *a)
{
    const char *sha = tro_artifact_sha256(a);
    return json_pack("{s:s, s:s, s:I, s:o, s:o}", "path", tro_artifact_path(a),
                     "type", tro_type_name(tro_artifact_type(a)),
                     "size", (json_int_t)tro_artifact_size(a),
                     "sha256", sha ? json_string(sha) : json_null(),
                     "metadata", metadata(a));
}

static json_t *findings_json(const tro_release *rel)
{
    json_t *arr = json_array();
    for (size_t i = 0; i < tro_release_finding_count(rel); i++) {
        const tro_finding *f = tro_release_finding(rel, i);
        json_t *o = json_pack("{s:s, s:s, s:s, s:s}",
                              "severity", tro_severity_name(tro_finding_severity(f)),
                              "code", tro_finding_code(f), "message", tro_finding_message(f),
                              "path", tro_finding_path(f));
        if (tro_finding_offset(f) >= 0)
            json_object_set_new(o, "offset", json_integer(tro_finding_offset(f)));
        json_array_append_new(arr, o);
    }
    return arr;
}

static char *render(const tro_release *rel, bool json)
{
    if (json) {
        json_t *arts = json_array();
        for (size_t i = 0; i < tro_release_artifact_count(rel); i++)
            json_array_append_new(arts, artifact_json(tro_release_artifact(rel, i)));
        json_t *doc = json_pack("{s:s, s:i, s:s, s:o, s:o}", "format", "trulyopen-inspect",
                                "format_version", 1, "tool", "trulyopen " TRO_VERSION_STRING,
                                "artifacts", arts, "findings", findings_json(rel));
        char *s = json_dumps(doc, JSON_INDENT(2) | JSON_SORT_KEYS);
        json_decref(doc);
        if (!s)
            return NULL;
        size_t n = strlen(s);
        char *t = realloc(s, n + 2);
        if (!t) {
            free(s);
            return NULL;
        }
        t[n] = '\n';
        t[n + 1] = '\0';
        return t;
    }
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    if (!out)
        return NULL;
    for (size_t i = 0; i < tro_release_artifact_count(rel); i++)
        print_artifact_text(out, tro_release_artifact(rel, i));
    size_t nf = tro_release_finding_count(rel);
    fprintf(out, "\n%zu artifact%s, %zu finding%s\n", tro_release_artifact_count(rel),
            tro_release_artifact_count(rel) == 1 ? "" : "s", nf, nf == 1 ? "" : "s");
    for (size_t i = 0; i < nf; i++) {
        const tro_finding *f = tro_release_finding(rel, i);
        fprintf(out, "  %s %s: %s\n", tro_severity_name(tro_finding_severity(f)),
                tro_finding_code(f), tro_finding_message(f));
    }
    fclose(out);
    return buf;
}

int trc_cmd_inspect(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"format", required_argument, NULL, 'f'},
        {"no-hash", no_argument, NULL, TRC_OPT_NO_HASH},
        {"output", required_argument, NULL, 'o'},
        {"help", no_argument, NULL, 'h'},
        TRC_SCAN_LONGOPTS,
        {NULL, 0, NULL, 0},
    };
    trc_scan_opts o = {.own_findings = true};
    const char *output = NULL;
    bool json = false;
    int c, status = TRC_EXIT_USAGE;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":f:o:j:qh", longopts, NULL)) != -1) {
        int r = trc_scan_opt(&o, c, optarg);
        if (r < 0)
            goto done;
        if (r > 0)
            continue;
        if (c == 'f' && (!strcmp(optarg, "json") || !strcmp(optarg, "text"))) {
            json = !strcmp(optarg, "json");
        } else if (c == 'f') {
            trc_error(NULL, "inspect: --format: expected text or json, got '%s'", optarg);
            goto done;
        } else if (c == TRC_OPT_NO_HASH) {
            o.flags |= TRO_SCAN_NO_HASH;
        } else if (c == 'o') {
            output = optarg;
        } else if (c == 'h') {
            inspect_usage(stdout);
            status = TRC_EXIT_OK;
            goto done;
        } else {
            status = trc_bad_option("inspect", c, argv);
            goto done;
        }
    }
    if (argc - optind != 1) {
        trc_error(NULL, "inspect: expected one PATH (try 'trulyopen inspect --help')");
        goto done;
    }
    tro_ctx *ctx;
    tro_release *rel = trc_scan(argv[optind], &o, &ctx);
    if (!rel)
        goto done;
    char *text = render(rel, json);
    if (!text)
        trc_error(argv[optind], "out of memory");
    else if (trc_write_output(output, text, strlen(text)) == 0)
        status = TRC_EXIT_OK;
    free(text);
    tro_release_free(rel);
    tro_ctx_free(ctx);
done:
    free(o.ignore);
    return status;
}
