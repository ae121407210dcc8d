/* Test driver for the pickle and PyTorch readers: runs one reader on each
 * file named on the command line and prints one JSON object per file:
 *   {"path", "meta", "findings": [{"severity", "code", "offset", "message"}]}
 * Options: --type pickle|pytorch (default: detected), --mem (read from
 * memory instead of a file descriptor), --prefix N (memory holding only the
 * first N bytes, as for streamed archive entries), --tail N (with --prefix:
 * the last N bytes kept too, as the scanner keeps a checkpoint's end),
 * --max-entries N and --max-text N (context limits), --scan (scan each path
 * with tro_scan, e.g. a tarball, and print one object per artifact, with
 * "root" the path scanned; findings about no artifact, such as skipped
 * archive entries, come as objects whose "path" is the finding's).
 * Exit status 2 on usage or reader failure.
 */
#include "internal.h"
#include "facts.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct opts {
    int type; /* -1: detect */
    bool mem;
    long long prefix; /* -1: whole */
    long long tail;   /* -1: none */
    bool scan;
    tro_ctx_options co;
} opts;

static unsigned char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 16, n = 0;
    unsigned char *buf = malloc(cap);
    while (buf) {
        size_t r = fread(buf + n, 1, cap - n, f);
        n += r;
        if (r == 0)
            break;
        if (n == cap) {
            unsigned char *nb = realloc(buf, cap * 2);
            if (!nb) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = nb;
            cap *= 2;
        }
    }
    fclose(f);
    *len = n;
    return buf;
}

static json_t *findings_json(const tro_artifact *a)
{
    json_t *arr = json_array();
    for (size_t i = 0; i < a->findings.n; i++) {
        const tro_finding *f = &a->findings.v[i];
        json_array_append_new(arr,
                              json_pack("{s:s, s:s, s:I, s:s}", "severity",
                                        tro_severity_name(f->severity), "code", f->code, "offset",
                                        (json_int_t)f->offset, "message", f->message));
    }
    return arr;
}

static int run_one(tro_ctx *ctx, const opts *o, const char *path)
{
    struct stat sb;
    unsigned char *data = NULL;
    size_t len = 0;
    int fd = -1, rc = 2;
    tro_release *rel = NULL;
    if (stat(path, &sb) != 0 || tro_release_new(&rel, ctx, "dump"))
        goto done;
    if (o->mem) {
        data = slurp(path, &len);
        if (!data)
            goto done;
    } else {
        fd = open(path, O_RDONLY);
        if (fd < 0)
            goto done;
    }
    const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
    uint64_t size = (uint64_t)sb.st_size;
    tro_artifact *a = trop_release_add(rel, base, size);
    if (!a)
        goto done;
    trop_src src = {.name = a->path, .size = size, .fd = fd, .data = data, .avail = len};
    if (o->mem && o->prefix >= 0 && (uint64_t)o->prefix < len)
        src.avail = (uint64_t)o->prefix;
    if (o->mem && o->tail >= 0) {
        src.tail_len = (uint64_t)o->tail < len ? (size_t)o->tail : len;
        src.tail = data + len - src.tail_len;
    }
    unsigned char head[TROP_DETECT_HEAD];
    size_t hn = size < sizeof head ? (size_t)size : sizeof head;
    if (hn > src.avail && fd < 0)
        hn = (size_t)src.avail;
    if (trop_src_read(&src, 0, head, hn))
        hn = 0;
    a->type = o->type >= 0 ? (tro_type)o->type : trop_detect_type(a->path, head, hn, size);
    trop_reader_fn reader = trop_reader_for(a->type);
    int rrc = reader ? reader(ctx, &src, a) : 0;
    json_t *out =
        json_pack("{s:s, s:s, s:O, s:o, s:i}", "path", path, "type", tro_type_name(a->type), "meta",
                  a->meta, "findings", findings_json(a), "rc", rrc);
    char *text = json_dumps(out, JSON_COMPACT | JSON_ENSURE_ASCII);
    if (text)
        puts(text);
    free(text);
    json_decref(out);
    rc = rrc < 0 ? 2 : 0;
done:
    if (fd >= 0)
        close(fd);
    free(data);
    tro_release_free(rel);
    if (rc == 2)
        fprintf(stderr, "pickle_dump: %s: failed\n", path);
    return rc;
}

/* tro_scan on path: each artifact with the findings about it. */
static int scan_one(tro_ctx *ctx, const char *path)
{
    tro_release *rel;
    tro_error err;
    int rc = tro_scan(ctx, path, &rel, &err);
    if (rc) {
        fprintf(stderr, "pickle_dump: %s: %s\n", path, err.message);
        return 2;
    }
    for (size_t i = 0; i < tro_release_artifact_count(rel); i++) {
        const tro_artifact *a = tro_release_artifact(rel, i);
        json_t *fs = json_array();
        for (size_t j = 0; j < tro_release_finding_count(rel); j++) {
            const tro_finding *f = tro_release_finding(rel, j);
            if (strcmp(tro_finding_path(f), a->path) == 0)
                json_array_append_new(fs, json_pack("{s:s, s:s, s:I, s:s}", "severity",
                                                    tro_severity_name(f->severity), "code", f->code,
                                                    "offset", (json_int_t)f->offset, "message",
                                                    f->message));
        }
        json_t *out =
            json_pack("{s:s, s:s, s:s, s:O, s:o, s:i}", "root", path, "path", a->path, "type",
                      tro_type_name(a->type), "meta", a->meta, "findings", fs, "rc", 0);
        char *text = json_dumps(out, JSON_COMPACT | JSON_ENSURE_ASCII);
        if (text)
            puts(text);
        free(text);
        json_decref(out);
    }
    for (size_t j = 0; j < tro_release_finding_count(rel); j++) {
        const tro_finding *f = tro_release_finding(rel, j);
        const char *fp = tro_finding_path(f);
        bool orphan = true;
        for (size_t i = 0; orphan && i < tro_release_artifact_count(rel); i++)
            orphan = strcmp(fp, tro_release_artifact(rel, i)->path) != 0;
        if (!orphan)
            continue;
        json_t *out = json_pack("{s:s, s:s, s:s, s:{}, s:[{s:s, s:s, s:I, s:s}], s:i}", "root",
                                path, "path", fp, "type", "none", "meta", "findings", "severity",
                                tro_severity_name(f->severity), "code", f->code, "offset",
                                (json_int_t)f->offset, "message", f->message, "rc", 0);
        char *text = json_dumps(out, JSON_COMPACT | JSON_ENSURE_ASCII);
        if (text)
            puts(text);
        free(text);
        json_decref(out);
    }
    tro_release_free(rel);
    return 0;
}

int main(int argc, char **argv)
{
    opts o = {.type = -1, .prefix = -1, .tail = -1};
    tro_ctx_options init = TRO_CTX_OPTIONS_INIT;
    o.co = init;
    o.co.threads = 1;
    int i = 1;
    for (; i < argc && strncmp(argv[i], "--", 2) == 0; i++) {
        if (!strcmp(argv[i], "--mem"))
            o.mem = true;
        else if (!strcmp(argv[i], "--type") && i + 1 < argc)
            o.type = !strcmp(argv[++i], "pytorch") ? TRO_TYPE_PYTORCH : TRO_TYPE_PICKLE;
        else if (!strcmp(argv[i], "--prefix") && i + 1 < argc)
            o.prefix = atoll(argv[++i]);
        else if (!strcmp(argv[i], "--tail") && i + 1 < argc)
            o.tail = atoll(argv[++i]);
        else if (!strcmp(argv[i], "--scan"))
            o.scan = true;
        else if (!strcmp(argv[i], "--max-entries") && i + 1 < argc)
            o.co.limits.max_entries = strtoull(argv[++i], NULL, 10);
        else if (!strcmp(argv[i], "--max-text") && i + 1 < argc)
            o.co.limits.max_text_bytes = strtoull(argv[++i], NULL, 10);
        else {
            fprintf(stderr, "pickle_dump: unknown option %s\n", argv[i]);
            return 2;
        }
    }
    if (o.prefix >= 0)
        o.mem = true;
    tro_ctx *ctx;
    if (tro_ctx_new(&ctx, &o.co, NULL))
        return 2;
    int status = 0;
    for (; i < argc; i++)
        if (o.scan ? scan_one(ctx, argv[i]) : run_one(ctx, &o, argv[i]))
            status = 2;
    tro_ctx_free(ctx);
    return status;
}
