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

/* Text view of one metadata value, on one line, shortened (at a character
 * boundary). false when memory ran out. */
static bool print_value(FILE *out, json_t *v)
{
    char *s = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
    if (!s)
        return false;
    size_t n = strlen(s);
    if (n > 160) {
        n = 157;
        while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
            n--;
        memcpy(s + n, "...", 4);
    }
    trc_put(out, s);
    free(s);
    return true;
}

/* The artifact's metadata as a JSON object (new reference), or NULL when
 * memory ran out. */
static json_t *metadata(const tro_artifact *a)
{
    const char *text = tro_artifact_metadata_json(a);
    return text ? json_loads(text, 0, NULL) : NULL;
}

static bool print_artifact_text(FILE *out, const tro_artifact *a)
{
    const char *sha = tro_artifact_sha256(a);
    trc_put(out, tro_artifact_path(a));
    fprintf(out, "\n  type: %s\n  size: %llu\n", tro_type_name(tro_artifact_type(a)),
            (unsigned long long)tro_artifact_size(a));
    if (sha)
        fprintf(out, "  sha256: %s\n", sha);
    json_t *meta = metadata(a);
    const char *key;
    json_t *v;
    bool ok = meta != NULL;
    json_object_foreach(meta, key, v) {
        fputs("  ", out);
        trc_put(out, key);
        fputs(": ", out);
        if (!(ok = print_value(out, v)))
            break;
        fputc('\n', out);
    }
    json_decref(meta);
    return ok;
}

static json_t *artifact_json(const tro_artifact *a)
{
    const char *sha = tro_artifact_sha256(a);
    json_t *meta = metadata(a);
    if (!meta)
        return NULL;
    return json_pack("{s:s, s:s, s:I, s:o, s:o}", "path", tro_artifact_path(a), "type",
                     tro_type_name(tro_artifact_type(a)), "size",
                     (json_int_t)tro_artifact_size(a), "sha256",
                     sha ? json_string(sha) : json_null(), "metadata", meta);
}

static json_t *finding_json(const tro_finding *f)
{
    json_t *o = json_pack("{s:s, s:s, s:s, s:s}", "severity",
                          tro_severity_name(tro_finding_severity(f)), "code", tro_finding_code(f),
                          "message", tro_finding_message(f), "path", tro_finding_path(f));
    if (o && tro_finding_offset(f) >= 0 &&
        json_object_set_new(o, "offset", json_integer(tro_finding_offset(f)))) {
        json_decref(o);
        return NULL;
    }
    return o;
}

/* The JSON document, NULL when memory ran out (a part left out would make
 * it look complete). */
static json_t *document(const tro_release *rel)
{
    json_t *arts = json_array(), *finds = json_array();
    bool ok = arts && finds;
    for (size_t i = 0; ok && i < tro_release_artifact_count(rel); i++)
        ok = json_array_append_new(arts, artifact_json(tro_release_artifact(rel, i))) == 0;
    for (size_t i = 0; ok && i < tro_release_finding_count(rel); i++)
        ok = json_array_append_new(finds, finding_json(tro_release_finding(rel, i))) == 0;
    if (!ok) {
        json_decref(arts);
        json_decref(finds);
        return NULL;
    }
    return json_pack("{s:s, s:o, s:o}", "tool", "trulyopen " TRO_VERSION_STRING, "artifacts",
                     arts, "findings", finds);
}

static char *render_json(const tro_release *rel)
{
    json_t *doc = document(rel);
    char *s = doc ? json_dumps(doc, JSON_INDENT(2) | JSON_SORT_KEYS) : NULL;
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

static char *render_text(const tro_release *rel)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    if (!out)
        return NULL;
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
    ok = !ferror(out) && ok;
    if (fclose(out) != 0 || !ok) {
        free(buf);
        return NULL;
    }
    return buf;
}

static char *render(const tro_release *rel, bool json)
{
    return json ? render_json(rel) : render_text(rel);
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
