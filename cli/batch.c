/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* trulyopen check --batch: one release per input line, checked in parallel
 * through the library's batch API, one JSON line out per release in input
 * order, a summary on stderr. */
#include "config.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

#define LINE_MAX_BYTES 65536 /* a path, an archive or a Hub id: far less */

typedef struct counts {
    uint64_t met, not_met, failed, truly_open;
    int status; /* the worst of the checks */
} counts;

/* Reads one line (without its '\n' and a '\r' before it) into buf.
 * 1 read, 0 end of input, -1 read error; *too_long when the line was
 * longer than the buffer (the rest is skipped). */
static int read_line(FILE *in, char *buf, size_t cap, size_t *len, bool *too_long)
{
    size_t n = 0;
    int c;
    *too_long = false;
    while ((c = getc_unlocked(in)) != EOF && c != '\n') {
        if (n + 1 < cap)
            buf[n++] = (char)c;
        else
            *too_long = true;
    }
    if (c == EOF && (ferror(in) || (n == 0 && !*too_long)))
        return ferror(in) ? -1 : 0;
    if (n && buf[n - 1] == '\r')
        n--;
    buf[n] = '\0';
    *len = n;
    return 1;
}

/* A JSON string of the bytes s: invalid UTF-8 becomes U+FFFD. */
static void put_string(FILE *out, const char *s)
{
    putc_unlocked('"', out);
    for (const unsigned char *p = (const unsigned char *)s; *p;) {
        unsigned c = *p;
        size_t k = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3
                                : (c & 0xF8) == 0xF0 ? 4 : 0;
        bool ok = k > 0 && (k == 1 || c >= 0xC2);
        for (size_t i = 1; ok && i < k; i++)
            ok = (p[i] & 0xC0) == 0x80;
        if (!ok) {
            fputs("\xEF\xBF\xBD", out);
            p++;
        } else if (c == '"' || c == '\\') {
            fprintf(out, "\\%c", c);
            p++;
        } else if (c < 0x20) {
            fprintf(out, "\\u%04x", c);
            p++;
        } else {
            fwrite(p, 1, k, out);
            p += k;
        }
    }
    putc_unlocked('"', out);
}

/* Writes the line of a finished item; updates the counts. */
static void emit(FILE *out, tro_batch_item *it, counts *c)
{
    uint64_t line = (uint64_t)(uintptr_t)tro_batch_item_tag(it);
    const char *msg;
    int code = tro_batch_item_error(it, &msg);
    fprintf(out, "{\"line\":%llu,\"input\":", (unsigned long long)line);
    put_string(out, tro_batch_item_input(it));
    if (code) {
        fputs(",\"error\":", out);
        put_string(out, msg);
        fputs("}\n", out);
        c->failed++;
        c->status = TRC_EXIT_USAGE;
        return;
    }
    size_t len;
    const char *json = tro_batch_item_json(it, &len);
    fputs(",\"report\":", out);
    fwrite(json, 1, len && json[len - 1] == '\n' ? len - 1 : len, out);
    fputs("}\n", out);
    if (tro_batch_item_policy_met(it) == 1) {
        c->met++;
    } else {
        c->not_met++;
        if (c->status < TRC_EXIT_FAIL)
            c->status = TRC_EXIT_FAIL;
    }
    c->truly_open += tro_report_truly_open(tro_batch_item_report(it)) == 1;
}

/* Takes one finished item (waiting for it) and writes it. */
static void drain_one(tro_batch *b, FILE *out, counts *c)
{
    tro_batch_item *it;
    if (tro_batch_next(b, 1, &it) == TRO_OK) {
        emit(out, it, c);
        tro_batch_item_free(it);
    }
}

static tro_ctx *batch_ctx(const trc_batch_args *a)
{
    tro_ctx_options co = TRO_CTX_OPTIONS_INIT;
    co.threads = 1; /* the releases are the parallel work */
    co.flags = a->scan->flags;
    co.ignore = a->scan->ignore;
    co.ignore_count = a->scan->nignore;
    tro_ctx *ctx = NULL;
    tro_error err;
    if (tro_ctx_new(&ctx, &co, &err))
        trc_error(NULL, "%s", err.message);
    return ctx;
}

/* A line that is not submitted (too long): its error line, after every
 * line before it. */
static void emit_unread(tro_batch *b, FILE *out, uint64_t line, const char *what, counts *c)
{
    while (tro_batch_pending(b))
        drain_one(b, out, c);
    fprintf(out, "{\"line\":%llu,\"input\":null,\"error\":", (unsigned long long)line);
    put_string(out, what);
    fputs("}\n", out);
    c->failed++;
    c->status = TRC_EXIT_USAGE;
}

/* Feeds every line of in to the batch, keeping at most window pending, and
 * writes every item. -1 when in could not be read (message printed). */
static int feed(tro_batch *b, FILE *in, const char *name, FILE *out, size_t window, counts *c)
{
    char *buf = malloc(LINE_MAX_BYTES + 1);
    if (!buf) {
        trc_error(NULL, "out of memory");
        return -1;
    }
    size_t len;
    bool too_long;
    int r;
    uint64_t line = 0;
    char what[96];
    while ((r = read_line(in, buf, LINE_MAX_BYTES + 1, &len, &too_long)) == 1) {
        line++;
        if (too_long) {
            snprintf(what, sizeof what, "line %llu is longer than %d bytes; not read",
                     (unsigned long long)line, LINE_MAX_BYTES);
            emit_unread(b, out, line, what, c);
            continue;
        }
        if (!len)
            continue;
        while (tro_batch_pending(b) >= window)
            drain_one(b, out, c);
        if (tro_batch_submit(b, buf, (void *)(uintptr_t)line)) {
            trc_error(NULL, "out of memory");
            r = -2;
            break;
        }
    }
    int e = errno;
    free(buf);
    if (r == -1)
        trc_error(name, "cannot read: %s", strerror(e));
    while (tro_batch_pending(b))
        drain_one(b, out, c);
    return r < 0 ? -1 : 0;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void summary(const counts *c, double secs)
{
    uint64_t n = c->met + c->not_met + c->failed;
    fprintf(stderr,
            "trulyopen: batch: %llu release%s: %llu met the policy, %llu did not, %llu could "
            "not be checked; %llu truly open; %.1f s, %.0f releases/s\n",
            (unsigned long long)n, n == 1 ? "" : "s", (unsigned long long)c->met,
            (unsigned long long)c->not_met, (unsigned long long)c->failed,
            (unsigned long long)c->truly_open, secs, secs > 0 ? (double)n / secs : 0.0);
}

int trc_check_batch(const trc_batch_args *a)
{
    bool std_in = !strcmp(a->input, "-");
    FILE *in = std_in ? stdin : fopen(a->input, "r");
    bool std_out = !a->output || !strcmp(a->output, "-");
    FILE *out = std_out ? stdout : fopen(a->output, "w");
    tro_ctx *ctx = batch_ctx(a);
    tro_catalog *cat = NULL;
    tro_batch *b = NULL;
    tro_error err;
    counts c = {0};
    int status = TRC_EXIT_USAGE;
    if (!in || !out) {
        trc_error(!in ? a->input : a->output, "cannot open: %s", strerror(errno));
        goto done;
    }
    if (!ctx)
        goto done;
    if (a->ncatalogs && tro_catalog_new(&cat, ctx, a->catalogs, a->ncatalogs, &err)) {
        trc_error(NULL, "%s", err.message);
        goto done;
    }
    tro_batch_options bo = TRO_BATCH_OPTIONS_INIT;
    bo.threads = (unsigned)a->scan->jobs;
    /* this thread checks too while it waits: -j N is N threads in all */
    bo.flags = TRO_BATCH_COMPACT | TRO_BATCH_IN_ORDER | TRO_BATCH_CALLER_WORKS |
               (a->no_artifacts ? TRO_BATCH_NO_ARTIFACTS : 0);
    bo.catalog = cat;
    bo.policy = a->policy;
    bo.max_lineage_depth = a->max_depth;
    bo.open = a->open;
    bo.open_userdata = a->open_userdata;
    if (tro_batch_new(&b, ctx, &bo, &err)) {
        trc_error(NULL, "%s", err.message);
        goto done;
    }
    /* room for every worker to stay busy while a slow release holds the
     * order; memory stays bounded by it whatever the number of lines */
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    size_t window = 16 * (size_t)(a->scan->jobs ? (long)a->scan->jobs : cpus > 0 ? cpus : 1);
    double t0 = now();
    int r = feed(b, in, std_in ? "stdin" : a->input, out, window, &c);
    if (fflush(out) != 0 || ferror(out)) {
        trc_error(std_out ? "stdout" : a->output, "cannot write: %s", strerror(errno));
        r = -1;
    }
    if (!a->scan->quiet)
        summary(&c, now() - t0);
    status = r < 0 ? TRC_EXIT_USAGE : c.status;
done:
    tro_batch_free(b);
    tro_catalog_free(cat);
    tro_ctx_free(ctx);
    if (in && !std_in)
        fclose(in);
    if (out && !std_out && fclose(out) != 0 && status != TRC_EXIT_USAGE) {
        trc_error(a->output, "cannot write: %s", strerror(errno));
        status = TRC_EXIT_USAGE;
    }
    return status;
}
