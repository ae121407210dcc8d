/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/*
 * Reader of raw pickle files (TRO_TYPE_PICKLE), and the scan jobs shared
 * with the PyTorch reader.
 *
 * Metadata (a->meta) of a pickle artifact:
 *   "format"      "pickle": one or more pickles one after another;
 *                 "compressed": zlib, gzip, bz2, xz, lzma or lz4 data, as
 *                 joblib.dump(compress=...) writes (not checked: an error,
 *                 pickle-scan-incomplete; "compression" names it);
 *                 "legacy": a torch < 1.6 checkpoint stream (pickles of the
 *                 magic number, protocol version, sys_info, the object and
 *                 the storage keys, then raw storage bytes)
 *   "pickles"     one object per pickle scanned (at most 1000):
 *       "entry"      archive member, or null for a plain file
 *       "offset"     where the pickle starts in the file or member
 *       "protocol"   PROTO's argument, else the highest protocol its
 *                    opcodes need
 *       "opcodes"    opcodes decoded
 *       "complete"   true when STOP was reached
 *       "simulation" "full"; "no-memo" when the memo outgrew the limits
 *                    (objects fetched from it were not followed); or
 *                    "imports-only" after a stack limit or an error Python
 *                    would stop at (imports are still judged)
 *       "globals"    [{"module", "name", "offset" (first use), "count",
 *                     "opcode", "verdict": "allowed"|"unknown"|"dangerous",
 *                     "resolved"? (module.name after find_class renames),
 *                     "reason"? (why dangerous), "dynamic"? (true when the
 *                     target is computed: STACK_GLOBAL operands that are not
 *                     literal strings, EXT codes)}]
 *       "calls"      [{"opcode", "callable", "offset", "count", "verdict"}]:
 *                    calls (REDUCE, NEWOBJ, OBJ, INST, BUILD, container
 *                    methods) of something not on the allowlist
 *       "lists_truncated"? true when more than 1024 entries were seen
 *       "reading"?   "frame-rest-dropped" for the second reading of a pickle
 *                    whose opcodes disagree with its frames: the opcodes
 *                    CPython's unpickler reads over io.BytesIO (see
 *                    frame.c); only what it adds is reported
 *   "pickle_count" pickles scanned (also those beyond the 1000 listed)
 *   "dangerous"   dangerous events: distinct dangerous globals per pickle,
 *                 computed imports, extension codes, mutated imports
 *   "unknown"     distinct globals outside the allowlist, summed per pickle
 *   legacy only: "storages" (distinct storage keys of persistent ids),
 *   "legacy_protocol" (the second pickle's integer), "storage_bytes"
 *   (raw bytes after the pickles; not checked).
 */
#include "pickle.h"
#include "../readers.h"

#include <stdio.h>
#include <string.h>

/* 0x1950a86a20f9469cfc6c, the first pickle of a legacy torch stream. */
#define TORCH_MAGIC "119547037146038801333356"
#define LEGACY_PICKLES 5

static uint64_t sat_mul(uint64_t a, uint64_t b)
{
    uint64_t r;
    return trop_mul_u64(a, b, &r) ? r : UINT64_MAX;
}

int trop_pkl_job_init(trop_pkl_job *job, const tro_ctx *ctx, tro_artifact *a)
{
    memset(job, 0, sizeof *job);
    job->ctx = ctx;
    job->a = a;
    job->pickles = json_array();
    job->lim.max_ops = sat_mul(ctx->limits.max_entries, 100);
    job->lim.max_stack = ctx->limits.max_entries;
    job->lim.max_memo = ctx->limits.max_entries;
    job->lim.max_value_bytes = sat_mul(ctx->limits.max_text_bytes, 4);
    job->lim.max_record = ctx->limits.max_text_bytes;
    job->lim.max_findings = 200;
    job->loader = trop_pkl_loader_for(a->path);
    job->storage_keys.max =
        (size_t)(ctx->limits.max_entries < SIZE_MAX / 8 ? ctx->limits.max_entries : SIZE_MAX / 8);
    return job->pickles ? TRO_OK : TRO_ENOMEM;
}

/* clang-format off */
static const struct {
    const char *ext, *loader;
} loaders[] = {
    {".bin", "torch.load"}, {".pt", "torch.load"}, {".pth", "torch.load"},
    {".ckpt", "torch.load"}, {".joblib", "joblib.load"}, {".dill", "dill.load"},
    {".npy", "numpy.load(allow_pickle=True)"},
};
/* clang-format on */

const char *trop_pkl_loader_for(const char *path)
{
    for (size_t i = 0; i < sizeof loaders / sizeof *loaders; i++)
        if (trop_str_iendswith(path, loaders[i].ext))
            return loaders[i].loader;
    return "pickle.load";
}

void trop_pkl_job_fini(trop_pkl_job *job)
{
    json_decref(job->pickles);
    job->pickles = NULL;
    trop_strset_free(&job->storage_keys);
}

int trop_pkl_finding(trop_pkl_job *job, tro_severity sev, const char *code, int64_t offset,
                     const char *fmt, ...)
{
    if (job->findings >= job->lim.max_findings) {
        job->findings_capped = true;
        return TRO_OK;
    }
    job->findings++;
    va_list ap;
    va_start(ap, fmt);
    int rc = trop_findings_addv(&job->a->findings, sev, code, job->a->path, offset, fmt, ap);
    va_end(ap);
    return rc;
}

int trop_pkl_job_meta(trop_pkl_job *job, json_t *meta)
{
    if (json_object_set(meta, "pickles", job->pickles) ||
        json_object_set_new(meta, "pickle_count", json_integer((json_int_t)job->pickle_count)) ||
        json_object_set_new(meta, "dangerous", json_integer((json_int_t)job->dangerous)) ||
        json_object_set_new(meta, "unknown", json_integer((json_int_t)job->unknown)))
        return TRO_ENOMEM;
    if (job->findings_capped)
        return trop_artifact_finding(job->a, TRO_SEVERITY_INFO, "pickle-findings-truncated", -1,
                                     "%s: only the first %u pickle findings are listed; the "
                                     "metadata counts all of them",
                                     job->a->path, job->lim.max_findings);
    return TRO_OK;
}

/* A finding about the stream at offset off ("PATH: [entry 'E', ]byte N: "). */
static int stream_finding(trop_pkl_job *job, tro_severity sev, const char *code, const char *entry,
                          int64_t base, uint64_t off, const char *msg)
{
    char where[400] = "";
    if (entry)
        snprintf(where, sizeof where, "entry '%s', ", entry);
    return trop_pkl_finding(job, sev, code, base >= 0 ? base + (int64_t)off : -1,
                            "%s: %sbyte %llu: %s", job->a->path, where, (unsigned long long)off,
                            msg);
}

/* Scans pickles after the first until the input ends. */
static int scan_rest(trop_pkl_job *job, trop_pkl_in *in, const char *entry, int64_t base,
                     bool first)
{
    for (uint64_t count = 0;; count++) {
        trop_pkl_status st;
        uint64_t at = in->off;
        if (count >= job->ctx->limits.max_entries && !trop_pkl_in_at_end(in))
            return stream_finding(job, TRO_SEVERITY_ERROR, "pickle-scan-incomplete", entry, base,
                                  at,
                                  "more pickles follow than the entry limit allows; the "
                                  "rest was not checked");
        unsigned char c = 0;
        trop_pkl_in_peek(in, &c);
        int rc = trop_pkl_scan_one(job, in, entry, base, &st);
        if (rc)
            return rc;
        if (st == TROP_PKL_EMPTY) {
            if (first && in->err == TRO_ELIMIT)
                return stream_finding(job, TRO_SEVERITY_ERROR, "pickle-scan-incomplete", entry,
                                      base, at,
                                      "the content is not available here (streamed); "
                                      "it was not checked");
            if (first)
                return stream_finding(job, TRO_SEVERITY_ERROR, "pickle-malformed", entry, base, at,
                                      "empty: there is no pickle to load");
            return TRO_OK;
        }
        if (st == TROP_PKL_NOT_PICKLE) {
            char msg[200];
            snprintf(msg, sizeof msg,
                     first ? "byte 0x%02x is not a pickle opcode: this is not a pickle"
                           : "the data after the last pickle (first byte 0x%02x) is not a "
                             "pickle; loaders ignore it and it was not checked",
                     c);
            return stream_finding(job, first ? TRO_SEVERITY_ERROR : TRO_SEVERITY_WARNING,
                                  first ? "pickle-malformed" : "pickle-trailing-data", entry, base,
                                  at, msg);
        }
        if (st == TROP_PKL_BROKEN)
            return TRO_OK;
        first = false;
    }
}

int trop_pkl_scan_all(trop_pkl_job *job, trop_pkl_in *in, const char *entry, int64_t base)
{
    return scan_rest(job, in, entry, base, true);
}

static bool is_magic(const trop_pkl_item *it)
{
    return it->kind == TROP_PKL_K_INT && it->big && strcmp(it->text, TORCH_MAGIC) == 0;
}

/* The pickles of a legacy torch stream after its magic number. */
static int scan_legacy(trop_pkl_job *job, trop_pkl_in *in, json_t *meta, uint64_t size)
{
    job->torch = true;
    job->pid_mode = TROP_PKL_PID_STORAGE;
    int done = 1, rc = TRO_OK;
    trop_pkl_status st = TROP_PKL_STOPPED;
    while (done < LEGACY_PICKLES && st == TROP_PKL_STOPPED) {
        uint64_t at = in->off;
        rc = trop_pkl_scan_one(job, in, NULL, 0, &st);
        if (rc)
            return rc;
        if (done == 1 && st == TROP_PKL_STOPPED && job->result.top.kind == TROP_PKL_K_INT &&
            !job->result.top.big)
            json_object_set_new(meta, "legacy_protocol", json_integer(job->result.top.i));
        if (st == TROP_PKL_EMPTY || st == TROP_PKL_NOT_PICKLE) {
            char msg[160];
            snprintf(msg, sizeof msg, "the legacy checkpoint ends after %d of its %d pickles", done,
                     LEGACY_PICKLES);
            return stream_finding(job, TRO_SEVERITY_ERROR, "pytorch-malformed", NULL, 0, at, msg);
        }
        done++;
    }
    if (json_object_set_new(meta, "storages", json_integer((json_int_t)job->storage_keys.n)) ||
        json_object_set_new(meta, "storage_bytes",
                            json_integer((json_int_t)(size > in->off ? size - in->off : 0))))
        return TRO_ENOMEM;
    return rc;
}

int trop_pkl_scan_stream(trop_pkl_job *job, trop_pkl_in *in, json_t *meta, uint64_t size)
{
    trop_pkl_status st;
    unsigned char c = 0;
    bool any = trop_pkl_in_peek(in, &c);
    if (!any || !trop_pkl_is_opcode(c)) {
        json_object_set_new(meta, "format", json_string("pickle"));
        return scan_rest(job, in, NULL, 0, true);
    }
    int rc = trop_pkl_scan_one(job, in, NULL, 0, &st);
    if (rc)
        return rc;
    bool legacy = st == TROP_PKL_STOPPED && is_magic(&job->result.top);
    if (json_object_set_new(meta, "format", json_string(legacy ? "legacy" : "pickle")))
        return TRO_ENOMEM;
    if (legacy)
        return scan_legacy(job, in, meta, size);
    return st == TROP_PKL_STOPPED ? scan_rest(job, in, NULL, 0, false) : TRO_OK;
}

int trop_pkl_read_src(trop_pkl_job *job, const trop_src *src, json_t *meta)
{
    trop_pkl_in in;
    trop_pkl_io io;
    trop_pkl_srcio st;
    trop_pkl_srcio_init(&io, &st, src, 0);
    int rc = trop_pkl_in_init(&in, &io, src->size);
    if (!rc)
        rc = trop_pkl_scan_stream(job, &in, meta, src->size);
    trop_pkl_in_fini(&in);
    return rc;
}

/* clang-format off */
/* What joblib.dump(compress=...) writes: joblib.load decompresses, then
 * unpickles. zlib's header is two bytes whose big-endian value is a
 * multiple of 31 (checked below). */
static const struct {
    const char *magic;
    size_t len;
    const char *name;
} compressed[] = {
    {"\x78", 1, "zlib"}, {"\x1f\x8b", 2, "gzip"}, {"BZh", 3, "bz2"},
    {"\xfd" "7zXZ", 5, "xz"}, {"\x5d\x00\x00", 3, "lzma"}, {"\x04\x22\x4d\x18", 4, "lz4"},
};
/* clang-format on */

/* A compressed pickle cannot be checked without decompressing it, which
 * the scanner does not do: an error, since its loader would unpickle it. */
static int compressed_pickle(trop_pkl_job *job, const trop_src *src, json_t *meta, bool *found)
{
    unsigned char h[6] = {0};
    size_t n = src->size < sizeof h ? (size_t)src->size : sizeof h;
    *found = false;
    if ((!trop_src_random(src) && n > src->avail) || trop_src_read(src, 0, h, n))
        return TRO_OK;
    for (size_t i = 0; i < sizeof compressed / sizeof *compressed; i++) {
        if (n < compressed[i].len || memcmp(h, compressed[i].magic, compressed[i].len) != 0)
            continue;
        if (compressed[i].len == 1 && (n < 2 || ((h[0] << 8) | h[1]) % 31 != 0))
            continue; /* not a zlib header */
        *found = true;
        if (json_object_set_new(meta, "format", json_string("compressed")) ||
            json_object_set_new(meta, "compression", json_string(compressed[i].name)))
            return TRO_ENOMEM;
        return trop_pkl_finding(job, TRO_SEVERITY_ERROR, "pickle-scan-incomplete", 0,
                                "%s: compressed with %s, as joblib.dump(compress=...) writes "
                                "it: %s decompresses it and unpickles the result, which was "
                                "not checked",
                                job->a->path, compressed[i].name,
                                strcmp(job->loader, "pickle.load") ? job->loader : "joblib.load");
    }
    return TRO_OK;
}

int trop_read_pickle(const tro_ctx *ctx, const trop_src *src, tro_artifact *a)
{
    trop_pkl_job job;
    bool packed = false;
    int rc = trop_pkl_job_init(&job, ctx, a);
    if (!rc)
        rc = compressed_pickle(&job, src, a->meta, &packed);
    if (!rc && !packed)
        rc = trop_pkl_read_src(&job, src, a->meta);
    if (!rc)
        rc = trop_pkl_job_meta(&job, a->meta);
    trop_pkl_job_fini(&job);
    return rc;
}
