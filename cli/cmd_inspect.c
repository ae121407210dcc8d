/* trulyopen inspect: every artifact of a release with what was read from it. */
#include "config.h"

#include <getopt.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static void inspect_usage(FILE *out)
{
    fprintf(out,
            "Usage: trulyopen inspect [OPTIONS] PATH|REF\n"
            "Print every artifact of a release (a folder, an archive or a single\n"
            "file) with its type, size, SHA-256 and what its format reader read from\n"
            "it, then the findings (problems noticed, with their byte offsets).\n\n"
            "  -f, --format FMT        text (default) or json\n"
            "      --no-hash           do not compute SHA-256: only the bytes the\n"
            "                          readers need are read (a weights header, not\n"
            "                          the tensors)\n"
            "  -o, --output FILE       write to FILE instead of standard output\n"
            "                          (a regular FILE is replaced atomically; a device,\n"
            "                          named pipe or symbolic link is written through)\n"
            "%s"
            "  -h, --help              show this help\n\n"
            "Exit status: 0 printed; 2 usage error or PATH unreadable.\n",
            trc_scan_opts_help);
}

/* One metadata member on one line, its value shortened (at a character
 * boundary). */
static int print_member(const char *key, size_t key_len, const char *value, size_t value_len,
                        void *userdata)
{
    FILE *out = userdata;
    char *k = strndup(key, key_len), *v = strndup(value, value_len > 160 ? 157 : value_len);
    if (!k || !v) {
        free(k);
        free(v);
        return -1;
    }
    if (value_len > 160) {
        size_t n = strlen(v);
        while (n > 0 && ((unsigned char)v[n] & 0xC0) == 0x80)
            n--;
        v[n] = '\0';
    }
    fputs("  ", out);
    trc_put(out, k);
    fputs(": ", out);
    trc_put(out, v);
    fputs(value_len > 160 ? "...\n" : "\n", out);
    free(k);
    free(v);
    return 0;
}

/* The artifact's metadata as JSON text (free with tro_free()), NULL when
 * memory ran out: "{}" would say the reader found nothing. */
static char *metadata(const tro_artifact *a, size_t *len)
{
    char *text = NULL;
    return tro_artifact_metadata(a, &text, len) ? NULL : text;
}

static bool print_artifact_text(FILE *out, const tro_artifact *a)
{
    const char *sha = tro_artifact_sha256(a);
    trc_put(out, tro_artifact_path(a));
    fprintf(out, "\n  type: %s\n  size: %llu\n", tro_type_name(tro_artifact_type(a)),
            (unsigned long long)tro_artifact_size(a));
    if (sha)
        fprintf(out, "  sha256: %s (%s)\n", sha, tro_artifact_sha256_source(a));
    char *meta = metadata(a, NULL);
    bool ok = meta && trc_json_members(meta, print_member, out) == 0;
    tro_free(meta);
    return ok;
}

/* {"metadata": ..., "path": ..., "sha256": ..., "sha256_source": ..., "size": ...,
 *  "type": ...},
 * keys sorted and indented as jansson writes them. */
static bool print_artifact_json(FILE *out, const tro_artifact *a)
{
    const char *sha = tro_artifact_sha256(a);
    const char *src = tro_artifact_sha256_source(a);
    size_t len;
    char *meta = metadata(a, &len);
    if (!meta)
        return false;
    fputs("    {\n      \"metadata\": ", out);
    trc_json_indent(out, meta, len, 3);
    tro_free(meta);
    fputs(",\n      \"path\": ", out);
    trc_json_string(out, tro_artifact_path(a));
    fprintf(out, ",\n      \"sha256\": ");
    if (sha)
        trc_json_string(out, sha);
    else
        fputs("null", out);
    fprintf(out, ",\n      \"sha256_source\": ");
    if (src)
        trc_json_string(out, src);
    else
        fputs("null", out);
    fprintf(out, ",\n      \"size\": %llu,\n      \"type\": ",
            (unsigned long long)tro_artifact_size(a));
    trc_json_string(out, tro_type_name(tro_artifact_type(a)));
    fputs("\n    }", out);
    return true;
}

static void print_finding_json(FILE *out, const tro_finding *f)
{
    fputs("    {\n      \"code\": ", out);
    trc_json_string(out, tro_finding_code(f));
    fputs(",\n      \"message\": ", out);
    trc_json_string(out, tro_finding_message(f));
    if (tro_finding_offset(f) >= 0)
        fprintf(out, ",\n      \"offset\": %lld", (long long)tro_finding_offset(f));
    fputs(",\n      \"path\": ", out);
    trc_json_string(out, tro_finding_path(f));
    fputs(",\n      \"severity\": ", out);
    trc_json_string(out, tro_severity_name(tro_finding_severity(f)));
    fputs("\n    }", out);
}

/* The JSON document, as json_dumps(JSON_INDENT(2) | JSON_SORT_KEYS) wrote
 * it when it was built as a tree. */
static bool print_json(FILE *out, const tro_release *rel)
{
    size_t na = tro_release_artifact_count(rel), nf = tro_release_finding_count(rel);
    bool ok = true;
    fputs(na ? "{\n  \"artifacts\": [\n" : "{\n  \"artifacts\": [],\n", out);
    for (size_t i = 0; ok && i < na; i++) {
        ok = print_artifact_json(out, tro_release_artifact(rel, i));
        fputs(i + 1 < na ? ",\n" : "\n  ],\n", out);
    }
    fputs(nf ? "  \"findings\": [\n" : "  \"findings\": [],\n", out);
    for (size_t i = 0; i < nf; i++) {
        print_finding_json(out, tro_release_finding(rel, i));
        fputs(i + 1 < nf ? ",\n" : "\n  ],\n", out);
    }
    fputs("  \"tool\": \"trulyopen " TRO_VERSION_STRING "\"\n}\n", out);
    return ok;
}

static bool print_text(FILE *out, const tro_release *rel)
{
    bool ok = true;
    for (size_t i = 0; ok && i < tro_release_artifact_count(rel); i++)
        ok = print_artifact_text(out, tro_release_artifact(rel, i));
    size_t nf = tro_release_finding_count(rel);
    fprintf(out, "\n%zu artifact%s, %zu finding%s\n", tro_release_artifact_count(rel),
            tro_release_artifact_count(rel) == 1 ? "" : "s", nf, nf == 1 ? "" : "s");
    for (size_t i = 0; i < nf; i++) {
        const tro_finding *f = tro_release_finding(rel, i);
        fprintf(out, "  %s ", tro_severity_name(tro_finding_severity(f)));
        trc_printf(out, "%s: %s", tro_finding_code(f), tro_finding_message(f));
        fputc('\n', out);
    }
    return ok;
}

/* The whole output in memory (it goes to a file atomically), NULL when
 * memory ran out: a part left out would make it look complete. */
static char *render(const tro_release *rel, bool json)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    if (!out)
        return NULL;
    bool ok = json ? print_json(out, rel) : print_text(out, rel);
    ok = !ferror(out) && ok;
    if (fclose(out) != 0 || !ok) {
        free(buf);
        return NULL;
    }
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
    trc_hub_summary(&o, tro_release_name(rel));
    free(text);
    tro_release_free(rel);
    tro_ctx_free(ctx);
done:
    tro_hub_free(o.hub);
    free(o.ignore);
    return status;
}
