/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/*
 * Legacy tar checkpoints (PyTorch before 0.1.10): members sys_info and
 * pickle are pickles; storages holds a count pickle, then per storage a
 * (key, location, storage_type) pickle followed by an 8-byte element count
 * and the raw elements, then a storage_views pickle; tensors holds a count
 * pickle, then per tensor a pickle followed by its raw shape and strides.
 * All these pickles are loaded by torch.load, so all are scanned.
 */
#include "pytorch.h"

#include <stdio.h>
#include <string.h>

#define MAX_NDIM 1024

typedef struct tar_state {
    uint64_t storages, tensors;
    bool has_pickle;
} tar_state;

static int problem(trop_pt_walk *w, const trop_pkl_in *in, const char *what)
{
    return trop_pkl_finding(&w->job, TRO_SEVERITY_ERROR, "pytorch-malformed", -1,
                            "%s: entry '%s', byte %llu: %s; the rest of this entry was not "
                            "checked",
                            w->a->path, w->name, (unsigned long long)in->off, what);
}

/* Scans the next pickle; *ok when it reached STOP. */
static int next_pickle(trop_pt_walk *w, trop_pkl_in *in, bool *ok)
{
    trop_pkl_status st;
    uint64_t at = in->off;
    int rc = trop_pkl_scan_one(&w->job, in, w->name, -1, &st);
    *ok = !rc && st == TROP_PKL_STOPPED;
    if (rc || st == TROP_PKL_STOPPED || st == TROP_PKL_BROKEN)
        return rc;
    trop_pkl_in tmp = *in;
    tmp.off = at;
    return problem(w, &tmp, "a pickle was expected here");
}

/* The count pickle that opens storages and tensors. */
static int read_count(trop_pt_walk *w, trop_pkl_in *in, uint64_t *count, bool *ok)
{
    int rc = next_pickle(w, in, ok);
    if (rc || !*ok)
        return rc;
    const trop_pkl_item *top = &w->job.result.top;
    if (top->kind != TROP_PKL_K_INT || top->big || top->i < 0) {
        *ok = false;
        return problem(w, in, "the count pickle does not hold a non-negative integer");
    }
    *count = (uint64_t)top->i;
    if (*count > w->ctx->limits.max_entries) {
        *ok = false;
        return trop_pkl_finding(&w->job, TRO_SEVERITY_ERROR, "pytorch-scan-incomplete", -1,
                                "%s: entry '%s': %llu records (limit %llu); they were not "
                                "checked",
                                w->a->path, w->name, (unsigned long long)*count,
                                (unsigned long long)w->ctx->limits.max_entries);
    }
    return TRO_OK;
}

/* Skips raw bytes between pickles, reporting a short entry. */
static int skip_raw(trop_pt_walk *w, trop_pkl_in *in, uint64_t n, bool *ok)
{
    *ok = trop_pkl_in_skip(in, n);
    if (*ok)
        return TRO_OK;
    if (in->err == TRO_EIO)
        return TRO_EIO;
    return problem(w, in, "the entry ends inside raw tensor data");
}

static int one_storage(trop_pt_walk *w, trop_pkl_in *in, bool *ok)
{
    int rc = next_pickle(w, in, ok);
    if (rc || !*ok)
        return rc;
    const trop_pkl_result *r = &w->job.result;
    unsigned elem = r->n >= 3 && r->items[2].kind == TROP_PKL_K_GLOBAL
                        ? trop_pkl_storage_elem_size(r->items[2].text)
                        : 0;
    *ok = false;
    if (!elem)
        return problem(w, in, "the storage record does not name a known storage type");
    uint64_t count = 0, bytes;
    unsigned char b[8];
    if (!trop_pkl_in_read(in, b, 8))
        return in->err == TRO_EIO ? TRO_EIO : problem(w, in, "the entry ends inside a storage");
    for (int i = 7; i >= 0; i--)
        count = (count << 8) | b[i];
    if (count > (uint64_t)INT64_MAX || !trop_mul_u64(count, elem, &bytes))
        return problem(w, in, "a storage's element count is out of range");
    return skip_raw(w, in, bytes, ok);
}

static int read_storages(trop_pt_walk *w, trop_pkl_in *in, tar_state *t)
{
    uint64_t count = 0;
    bool ok;
    int rc = read_count(w, in, &count, &ok);
    if (rc || !ok)
        return rc;
    t->storages = count;
    for (uint64_t i = 0; i < count; i++) {
        rc = one_storage(w, in, &ok);
        if (rc || !ok)
            return rc;
    }
    return next_pickle(w, in, &ok); /* storage_views */
}

static int read_tensors(trop_pt_walk *w, trop_pkl_in *in, tar_state *t)
{
    uint64_t count = 0;
    bool ok;
    int rc = read_count(w, in, &count, &ok);
    if (rc || !ok)
        return rc;
    t->tensors = count;
    for (uint64_t i = 0; i < count; i++) {
        unsigned char b[8];
        rc = next_pickle(w, in, &ok);
        if (rc || !ok)
            return rc;
        if (!trop_pkl_in_read(in, b, 8)) /* ndim (4 bytes) and 4 unused bytes */
            return in->err == TRO_EIO ? TRO_EIO : problem(w, in, "the entry ends inside a tensor");
        uint32_t ndim = trop_le32(b);
        if (ndim > MAX_NDIM)
            return problem(w, in, "a tensor has an impossible number of dimensions");
        rc = skip_raw(w, in, 16ull * ndim + 8, &ok); /* sizes, strides, offset */
        if (rc || !ok)
            return rc;
    }
    return TRO_OK;
}

static int tar_entry(trop_pt_walk *w, tar_state *t, struct archive_entry *e, const char *raw)
{
    if (archive_entry_filetype(e) == AE_IFDIR)
        return TRO_OK;
    bool storages = strcmp(raw, "storages") == 0, tensors = strcmp(raw, "tensors") == 0;
    bool named = strcmp(raw, "pickle") == 0 || strcmp(raw, "sys_info") == 0 ||
                 trop_str_iendswith(raw, ".pkl");
    t->has_pickle |= strcmp(raw, "pickle") == 0;
    trop_pkl_io io;
    trop_pt_entry_io st;
    trop_pkl_in in;
    trop_pt_entry_io_init(&io, &st, w);
    if (!storages && !tensors && !named) {
        int n = trop_pt_entry_head(&st);
        if (n < 0)
            return n == TRO_EIO ? n : TRO_OK;
        if (n < 2 || st.head[0] != TROP_PKL_OP_PROTO || st.head[1] < 2 || st.head[1] > 5)
            return TRO_OK;
    }
    if (named || (!storages && !tensors))
        return trop_pt_scan_entry(w, &io);
    int rc = trop_pkl_in_init(&in, &io, UINT64_MAX);
    if (!rc)
        rc = storages ? read_storages(w, &in, t) : read_tensors(w, &in, t);
    trop_pkl_in_fini(&in);
    return rc;
}

int trop_pt_read_tar(trop_pt_walk *w, const trop_src *src)
{
    tar_state t = {0};
    int rc = trop_pt_open(w, src, false);
    struct archive_entry *e;
    while (!rc && (rc = trop_pt_next(w, &e)) == 1) {
        const char *raw;
        rc = trop_pt_entry_name(w, e, &raw);
        if (rc == 1)
            rc = tar_entry(w, &t, e, raw);
    }
    if ((rc == 0 || rc == TRO_EFORMAT) && !t.has_pickle && !w->stopped)
        rc = trop_pkl_finding(&w->job, TRO_SEVERITY_WARNING, "pytorch-malformed", -1,
                              "%s: the tar has no 'pickle' member; torch.load cannot load it",
                              w->a->path);
    if (rc && rc != TRO_EFORMAT)
        return rc;
    json_t *m = w->a->meta;
    if (json_object_set_new(m, "format", json_string("tar")) ||
        json_object_set_new(m, "entries", json_integer((json_int_t)w->entries)) ||
        json_object_set_new(m, "storages", json_integer((json_int_t)t.storages)) ||
        json_object_set_new(m, "tensors", json_integer((json_int_t)t.tensors)))
        return TRO_ENOMEM;
    return rc;
}
