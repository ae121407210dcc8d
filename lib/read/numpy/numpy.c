/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/*
 * Reader of NumPy files (TRO_TYPE_NUMPY), as np.load opens them:
 *   - a .npy array: "\x93NUMPY", a version, a header (the Python literal of
 *     a dict: descr, fortran_order, shape), then the data. When the dtype
 *     holds Python objects the data is a pickle, which
 *     np.load(allow_pickle=True) unpickles: it is scanned;
 *   - a file without that magic: np.load(allow_pickle=True) unpickles it
 *     whole (pickle.load): scanned as a pickle stream;
 *   - a .npz zip: each member NAME.npy is an array read as above (np.load
 *     hands out the others as raw bytes, never unpickled).
 * Nothing is executed or extracted.
 *
 * Metadata (a->meta), besides the pickle keys of pickle/reader.c:
 *   "format"   "npy" | "npz" | "pickle"
 *   npy:       "version" ("1.0"), "descr" (as in the header: a type string
 *              or a list of fields), "shape", "fortran_order", "object"
 *              (true when the dtype holds Python objects)
 *   npz:       "arrays": [{"name", "version", "descr", "shape",
 *              "fortran_order", "object"}] (at most 1000 listed),
 *              "members" (all members read)
 */
#include "numpy.h"
#include "../pytorch/pytorch.h"
#include "../readers.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NPY_MAGIC "\x93NUMPY"
#define NPY_MAX_LISTED 1000
static const char LOADER[] = "numpy.load(allow_pickle=True)";

static int bad(trop_pkl_job *job, const char *entry, const char *fmt, ...) TROP_PRINTF(3, 4);
static int bad(trop_pkl_job *job, const char *entry, const char *fmt, ...)
{
    char msg[600], where[420] = "";
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (entry)
        snprintf(where, sizeof where, "entry '%s': ", entry);
    return trop_pkl_finding(job, TRO_SEVERITY_ERROR, "numpy-malformed", -1,
                            "%s: %s%s; np.load fails on it", job->a->path, where, msg);
}

/* Checks the parsed header; stores its keys in arr. 1 when the data is a
 * pickle, 0 when raw, or <0 (TRO_EFORMAT after a finding, TRO_ENOMEM). */
static int header_keys(trop_pkl_job *job, const char *entry, json_t *hdr, json_t *arr)
{
    json_t *descr = json_object_get(hdr, "descr"), *shape = json_object_get(hdr, "shape");
    json_t *fortran = json_object_get(hdr, "fortran_order");
    int obj = descr ? trop_npy_descr_object(descr, 0) : -1;
    if (obj < 0 || !json_is_array(shape) || !json_is_boolean(fortran)) {
        int rc = bad(job, entry, "the header lacks a valid descr, shape or fortran_order");
        return rc ? rc : TRO_EFORMAT;
    }
    for (size_t i = 0; i < json_array_size(shape); i++) {
        json_t *dim = json_array_get(shape, i);
        if (!json_is_integer(dim) || json_integer_value(dim) < 0) {
            int rc = bad(job, entry, "the shape holds something other than sizes");
            return rc ? rc : TRO_EFORMAT;
        }
    }
    if (json_object_set(arr, "descr", descr) || json_object_set(arr, "shape", shape) ||
        json_object_set(arr, "fortran_order", fortran) ||
        json_object_set_new(arr, "object", json_boolean(obj)))
        return TRO_ENOMEM;
    return obj;
}

/* The input ended inside the header: only a prefix was kept (streamed
 * content), the data cannot be read, or the file is truncated. */
static int short_read(trop_pkl_job *job, trop_pkl_in *in, const char *entry, const char *what)
{
    if (in->err == TRO_EIO)
        return TRO_EIO;
    int rc = in->err == TRO_ELIMIT
                 ? trop_pkl_finding(job, TRO_SEVERITY_ERROR, "numpy-scan-incomplete", -1,
                                    "%s: %s%s%sonly the first %llu bytes are available here "
                                    "(streamed content); the array was not checked",
                                    job->a->path, entry ? "entry '" : "", entry ? entry : "",
                                    entry ? "': " : "", (unsigned long long)in->off)
                 : bad(job, entry, "%s", what);
    return rc ? rc : TRO_EFORMAT;
}

/* Reads one .npy from in, magic included: header into arr, then the
 * pickle of an object array. */
static int read_npy(trop_pkl_job *job, trop_pkl_in *in, const char *entry, json_t *arr)
{
    unsigned char pre[12];
    if (!trop_pkl_in_read(in, pre, 8))
        return short_read(job, in, entry, "truncated magic");
    unsigned major = pre[6], minor = pre[7], lenbytes = major == 1 ? 2 : 4;
    if (major < 1 || major > 3) {
        int rc = bad(job, entry, "unsupported format version %u.%u", major, minor);
        return rc ? rc : TRO_EFORMAT;
    }
    if (!trop_pkl_in_read(in, pre + 8, lenbytes))
        return short_read(job, in, entry, "truncated header length");
    uint64_t hlen = lenbytes == 2 ? trop_le16(pre + 8) : trop_le32(pre + 8);
    char version[16];
    snprintf(version, sizeof version, "%u.%u", major, minor);
    if (json_object_set_new(arr, "version", json_string(version)))
        return TRO_ENOMEM;
    if (hlen > job->ctx->limits.max_text_bytes) {
        int rc = trop_pkl_finding(job, TRO_SEVERITY_ERROR, "numpy-scan-incomplete", -1,
                                  "%s: %s%s%sthe header is %llu bytes (limit %llu); the array "
                                  "was not checked",
                                  job->a->path, entry ? "entry '" : "", entry ? entry : "",
                                  entry ? "': " : "", (unsigned long long)hlen,
                                  (unsigned long long)job->ctx->limits.max_text_bytes);
        return rc ? rc : TRO_EFORMAT;
    }
    char *text = malloc(hlen ? (size_t)hlen : 1);
    if (!text)
        return TRO_ENOMEM;
    const char *why = NULL;
    if (!trop_pkl_in_read(in, text, (size_t)hlen)) {
        free(text);
        return short_read(job, in, entry, "truncated header");
    }
    json_t *hdr = trop_npy_header_parse(text, (size_t)hlen, &why);
    free(text);
    if (!hdr && !why)
        return TRO_ENOMEM;
    if (!hdr) {
        int rc = bad(job, entry, "the header holds %s", why);
        return rc ? rc : TRO_EFORMAT;
    }
    int obj = header_keys(job, entry, hdr, arr);
    json_decref(hdr);
    if (obj <= 0)
        return obj;
    trop_pkl_status st;
    int rc = trop_pkl_scan_one(job, in, entry, entry ? -1 : 0, &st);
    if (!rc && (st == TROP_PKL_EMPTY || st == TROP_PKL_NOT_PICKLE))
        rc = bad(job, entry, "an object array whose data is not a pickle");
    return rc;
}

/* A .npz: each NAME.npy member, read from the zip without extracting it. */
static int read_npz(trop_pt_walk *w, const trop_src *src, json_t *arrays)
{
    struct archive_entry *e;
    int rc = trop_pt_open(w, src, true);
    while (!rc && (rc = trop_pt_next(w, &e)) == 1) {
        const char *raw = archive_entry_pathname(e);
        rc = 0;
        if (!raw || archive_entry_filetype(e) == AE_IFDIR || !trop_str_iendswith(raw, ".npy"))
            continue;
        trop_pkl_printable(raw, strlen(raw), w->name, sizeof w->name);
        if (++w->entries > w->ctx->limits.max_entries) {
            rc = bad(&w->job, NULL, "more than %llu members",
                     (unsigned long long)w->ctx->limits.max_entries);
            break;
        }
        json_t *arr = json_pack("{s:s}", "name", w->name);
        trop_pkl_io io;
        trop_pt_entry_io st;
        trop_pkl_in in;
        trop_pt_entry_io_init(&io, &st, w);
        int n = arr ? trop_pt_entry_head(&st) : TRO_ENOMEM;
        if (n == TRO_ELIMIT) {
            w->ran_out = TROP_PT_OUT_ENTRY;
            w->stopped = true;
            rc = trop_pt_report_ran_out(w);
        } else if (n == TRO_EIO || n == TRO_ENOMEM) {
            rc = n;
        } else if (n < 0) {
            rc = trop_pkl_finding(&w->job, TRO_SEVERITY_WARNING, "numpy-unreadable-member", -1,
                                  "%s: member '%s' cannot be read (%s); np.load fails on it too, "
                                  "and it was not checked",
                                  w->a->path, w->name, st.msg);
        } else if (n >= 6 && memcmp(st.head, NPY_MAGIC, 6) == 0) {
            rc = trop_pkl_in_init(&in, &io, w->ctx->limits.max_header_bytes);
            if (!rc)
                rc = read_npy(&w->job, &in, w->name, arr);
            trop_pkl_in_fini(&in);
        } /* else np.load hands the bytes out as they are */
        if (rc == TRO_EFORMAT)
            rc = 0;
        if (!rc && json_array_size(arrays) < NPY_MAX_LISTED)
            rc = json_array_append(arrays, arr) ? TRO_ENOMEM : 0;
        json_decref(arr);
    }
    return rc == TRO_EFORMAT ? TRO_OK : rc;
}

static int read_file(trop_pt_walk *w, const trop_src *src)
{
    json_t *m = w->a->meta;
    unsigned char head[6];
    size_t n = src->size < 6 ? (size_t)src->size : 6;
    if (!trop_src_random(src) && n > src->avail)
        n = (size_t)src->avail;
    int rc = trop_src_read(src, 0, head, n);
    if (rc == TRO_EIO)
        return rc;
    if (n >= 4 && memcmp(head, "PK\3\4", 4) == 0) {
        json_t *arrays = json_array();
        if (!arrays || json_object_set_new(m, "format", json_string("npz")) ||
            json_object_set_new(m, "arrays", arrays))
            return TRO_ENOMEM;
        w->kind = "numpy";
        rc = read_npz(w, src, arrays);
        return rc ? rc : json_object_set_new(m, "members", json_integer((json_int_t)w->entries));
    }
    if (n < 6 || memcmp(head, NPY_MAGIC, 6) != 0) /* not an array: np.load unpickles it */
        return trop_pkl_read_src(&w->job, src, m);
    trop_pkl_in in;
    trop_pkl_io io;
    trop_pkl_srcio st;
    trop_pkl_srcio_init(&io, &st, src, 0);
    rc = trop_pkl_in_init(&in, &io, src->size);
    if (!rc && json_object_set_new(m, "format", json_string("npy")))
        rc = TRO_ENOMEM;
    if (!rc)
        rc = read_npy(&w->job, &in, NULL, m);
    trop_pkl_in_fini(&in);
    return rc == TRO_EFORMAT ? TRO_OK : rc;
}

int trop_read_numpy(const tro_ctx *ctx, const trop_src *src, tro_artifact *a)
{
    int rc;
    trop_pt_walk *w = trop_pt_walk_new(ctx, a, NULL, &rc);
    if (!w)
        return TRO_ENOMEM;
    w->job.loader = LOADER;
    if (!rc)
        rc = read_file(w, src);
    if (!rc && w->job.pickle_count) /* the pickle keys only where there were pickles */
        rc = trop_pkl_job_meta(&w->job, a->meta);
    trop_pt_walk_free(w);
    return rc == TRO_EFORMAT ? TRO_OK : rc;
}
