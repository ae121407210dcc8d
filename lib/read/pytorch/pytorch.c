/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/*
 * Reader of PyTorch checkpoints (TRO_TYPE_PYTORCH): the zip layout written
 * by torch.save since 1.6 (and torch.jit.save), the legacy tar layout, and
 * the legacy pickle stream. Every pickle PyTorch would load is scanned by
 * the pickle scanner; nothing is executed or extracted.
 *
 * Metadata (a->meta), besides the pickle keys described in
 * pickle/reader.c ("pickles", "pickle_count", "dangerous", "unknown"):
 *   "format"      "zip" | "tar" | "legacy" | "pickle"
 *   zip:
 *     "prefix"      the archive's top folder (from its first entry), or null
 *     "entries"     entries read
 *     "storages"    distinct storage keys named by ('storage', type, key,
 *                   location, numel) persistent ids
 *     "byteorder"   content of <prefix>/byteorder, or null when absent
 *     "version"     <prefix>/version (or .data/version): a number, or the
 *                   text when not numeric, or null
 *     "torchscript" true when <prefix>/code/ holds TorchScript sources
 *     "unreadable"  entries whose data could not be read (when any)
 *     "storages_not_read", "storage_bytes_not_read"  (streamed only, below)
 *   tar:
 *     "entries", "storages" (count from the storages member),
 *     "tensors" (count from the tensors member)
 *   legacy / pickle: as for pickle artifacts.
 * Scanned members: <prefix>/data.pkl, any member named *.pkl, and any
 * member whose data starts with PROTO 2..5 (0x80 0x02-0x05) except the
 * storages <prefix>/data/KEY: torch.load reads those as raw bytes.
 *
 * A checkpoint streamed out of an archive comes as a memory prefix (16 MiB
 * by default) and, when bigger, its last bytes (trop_src.tail). The walk
 * from the start stops where the prefix ends; the entries it did not read
 * are then listed from the central directory in the tail (cd.c):
 *   - a pickle torch.load would unpickle (data.pkl, *.pkl): an error,
 *     pytorch-scan-incomplete, naming it: it was not checked;
 *   - a storage <prefix>/data/KEY: its key counts for missing storages;
 *     storages are raw bytes to torch.load, never unpickled, so they are
 *     only counted (info pytorch-storages-not-read);
 *   - version, byteorder: read from the tail when stored there;
 *   - anything else: fine when its bytes are in the tail and do not start
 *     like a pickle, else an unreadable entry (warning).
 * Without a usable directory in the tail (none kept, too short, malformed:
 * pytorch-malformed), the walk's pytorch-scan-incomplete error stands.
 */
#include "pytorch.h"
#include "../readers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct zip_state {
    char prefix[256];
    size_t plen;
    bool have_prefix, no_folder, data_pkl;
    uint64_t code_entries;
    char version[TROP_PT_SMALL_ENTRY], byteorder[TROP_PT_SMALL_ENTRY];
    bool has_version, has_byteorder;
    trop_strset data_keys;
    char first_unreadable[520];
    bool listed;         /* the central directory in the tail was used */
    uint64_t not_read;   /* storages past the prefix, listed there */
    uint64_t not_read_bytes;
} zip_state;

static void take_prefix(zip_state *z, const char *name)
{
    const char *slash = strchr(name, '/');
    z->have_prefix = true;
    if (!slash || (size_t)(slash - name) >= sizeof z->prefix) {
        z->no_folder = true; /* torch.load: "not in a subdirectory" */
        return;
    }
    z->plen = (size_t)(slash - name);
    memcpy(z->prefix, name, z->plen);
    z->prefix[z->plen] = '\0';
}

/* What a member is to torch.load, by its name (the first member's folder
 * is the archive's prefix). */
typedef struct role {
    const char *rel; /* the name inside the prefix folder, or NULL */
    bool is_data;    /* <prefix>/data.pkl */
    bool named;      /* a pickle torch.load unpickles: data.pkl, any *.pkl */
} role;

static role role_of(zip_state *z, const char *raw)
{
    role r = {NULL, false, false};
    if (!z->have_prefix)
        take_prefix(z, raw);
    if (!z->no_folder && strncmp(raw, z->prefix, z->plen) == 0 && raw[z->plen] == '/')
        r.rel = raw + z->plen + 1;
    r.is_data = r.rel && strcmp(r.rel, "data.pkl") == 0;
    r.named = r.is_data || trop_str_iendswith(raw, ".pkl");
    return r;
}

/* Notes code/ and data/KEY members; true for a storage (data/KEY). */
static int note_member(zip_state *z, const char *rel, bool count_code, bool *storage)
{
    *storage = false;
    if (count_code && strncmp(rel, "code/", 5) == 0)
        z->code_entries++;
    if (strncmp(rel, "data/", 5) == 0 && rel[5]) {
        *storage = true;
        if (trop_strset_add(&z->data_keys, rel + 5, strlen(rel + 5)) == TRO_ENOMEM)
            return TRO_ENOMEM;
    }
    return TRO_OK;
}

/* Where the text of a small member PyTorch reads goes (version,
 * byteorder), *has set with it; NULL for other members. */
static char *small_slot(zip_state *z, const char *rel, bool **has, size_t *cap)
{
    *cap = TROP_PT_SMALL_ENTRY;
    if (strcmp(rel, "version") == 0 || strcmp(rel, ".data/version") == 0) {
        *has = &z->has_version;
        return z->version;
    }
    if (strcmp(rel, "byteorder") == 0) {
        *has = &z->has_byteorder;
        return z->byteorder;
    }
    return NULL;
}

static bool pickle_start(const unsigned char *b, size_t n)
{
    return n >= 2 && b[0] == TROP_PKL_OP_PROTO && b[1] >= 2 && b[1] <= 5;
}

static int not_read(trop_pt_walk *w, zip_state *z, const char *msg);

static int unreadable(trop_pt_walk *w, zip_state *z, bool named, int why, const char *msg)
{
    if (why == TRO_EIO)
        return why;
    if (why == TRO_ELIMIT) {
        w->stopped = true;
        w->ran_out = TROP_PT_OUT_ENTRY;
        return w->in.src->tail ? TRO_OK : trop_pt_report_ran_out(w);
    }
    if (named)
        return trop_pkl_finding(&w->job, TRO_SEVERITY_ERROR, "pytorch-unreadable-entry", -1,
                                "%s: entry '%s' cannot be read (%s); this pickle was not "
                                "checked",
                                w->a->path, w->name, msg);
    return not_read(w, z, msg);
}

static int not_read(trop_pt_walk *w, zip_state *z, const char *msg)
{
    if (w->unreadable++ == 0)
        snprintf(z->first_unreadable, sizeof z->first_unreadable, "%.300s (%.200s)", w->name, msg);
    return TRO_OK;
}

/* An entry of the central directory that the prefix walk did not read. */
static int listed_entry(trop_pt_walk *w, zip_state *z, const trop_pt_cd_entry *e, bool seen)
{
    role r = role_of(z, e->name);
    if (e->name[e->name_len - 1] == '/')
        return TRO_OK; /* a folder */
    z->data_pkl |= r.is_data;
    if (r.named)
        return trop_pkl_finding(&w->job, TRO_SEVERITY_ERROR, "pytorch-scan-incomplete", -1,
                                "%s: entry '%s' is past the bytes available here (streamed "
                                "content): torch.load would unpickle it, and it was not "
                                "checked",
                                w->a->path, w->name);
    bool storage = false, *has;
    size_t len, cap;
    if (r.rel && note_member(z, r.rel, !seen, &storage))
        return TRO_ENOMEM;
    if (storage) {
        z->not_read++;
        z->not_read_bytes += e->csize; /* stored data: entries never overlap in the file */
        return TRO_OK;
    }
    const unsigned char *b = trop_pt_cd_data(w, e, &len);
    char *slot = r.rel ? small_slot(z, r.rel, &has, &cap) : NULL;
    if (b && slot) {
        trop_pt_small_copy(slot, cap, b, len);
        *has = true;
    } else if (!b) {
        return not_read(w, z, "past the bytes available here");
    } else if (pickle_start(b, len)) {
        return not_read(w, z, "starts like a pickle, past the bytes available here");
    }
    return TRO_OK;
}

/* After the walk ran out of the prefix: the entries it did not reach, from
 * the central directory the scanner kept in the source's tail. Without a
 * usable one, the walk's pytorch-scan-incomplete error stands. */
static int zip_listed(trop_pt_walk *w, zip_state *z)
{
    trop_pt_cd cd;
    int rc = trop_pt_cd_read(w, &cd);
    for (size_t i = cd.walked; !rc && cd.ok && i < cd.n; i++) {
        const trop_pt_cd_entry *e = &cd.v[i];
        trop_pkl_printable(e->name, e->name_len, w->name, sizeof w->name);
        /* the entry the prefix ran out in was seen: its name is checked */
        bool seen = i < w->entries;
        rc = seen ? 1 : trop_pt_name_checks(w, e->name);
        rc = rc == 1 ? listed_entry(w, z, e, seen) : rc;
    }
    if (!rc && cd.ok) {
        z->listed = true;
        w->entries = cd.n;
        if (z->not_read)
            rc = trop_pkl_finding(
                &w->job, TRO_SEVERITY_INFO, "pytorch-storages-not-read", -1,
                "%s: %llu storage entries (%llu bytes) reach past the first %llu bytes kept of "
                "this streamed archive entry and were not read; torch.load reads storages as "
                "raw bytes, it does not unpickle them",
                w->a->path, (unsigned long long)z->not_read,
                (unsigned long long)z->not_read_bytes, (unsigned long long)w->in.limit);
    } else if (!rc) {
        rc = trop_pt_report_ran_out(w);
    }
    trop_pt_cd_free(&cd);
    return rc;
}

static int zip_entry(trop_pt_walk *w, zip_state *z, struct archive_entry *e, const char *raw)
{
    role r = role_of(z, raw);
    if (archive_entry_filetype(e) == AE_IFDIR)
        return TRO_OK;
    bool storage = false, *has;
    size_t cap;
    if (r.rel && note_member(z, r.rel, true, &storage))
        return TRO_ENOMEM;
    char *slot = r.rel ? small_slot(z, r.rel, &has, &cap) : NULL;
    if (slot) {
        trop_pt_entry_small(w, slot, cap);
        *has = true;
        return TRO_OK;
    }
    z->data_pkl |= r.is_data;
    if (storage && !r.named)
        return TRO_OK; /* raw tensor bytes to torch.load, never unpickled */
    trop_pkl_io io;
    trop_pt_entry_io st;
    trop_pt_entry_io_init(&io, &st, w);
    int n = trop_pt_entry_head(&st);
    if (n < 0)
        return unreadable(w, z, r.named, n, st.msg);
    if (!r.named && !pickle_start(st.head, (size_t)n))
        return TRO_OK;
    return trop_pt_scan_entry(w, &io);
}

/* Storage keys named by persistent ids but absent from <prefix>/data/. */
static int check_storages(trop_pt_walk *w, zip_state *z)
{
    const trop_strset *keys = &w->job.storage_keys;
    uint64_t missing = 0;
    const char *first = NULL;
    for (size_t i = 0; i < keys->cap; i++)
        if (keys->slot[i].s && !trop_strset_has(&z->data_keys, keys->slot[i].s, keys->slot[i].n)) {
            missing++;
            if (!first)
                first = keys->slot[i].s;
        }
    if (!missing)
        return TRO_OK;
    char pk[200];
    trop_pkl_printable(first, strlen(first), pk, sizeof pk);
    return trop_pkl_finding(&w->job, TRO_SEVERITY_WARNING, "pytorch-missing-storage", -1,
                            "%s: %llu storages named in the pickle have no entry under "
                            "'%s/data/' (first: '%s'); torch.load fails on them",
                            w->a->path, (unsigned long long)missing, z->prefix, pk);
}

static int zip_findings(trop_pt_walk *w, zip_state *z)
{
    const char *p = w->a->path;
    bool whole = !w->stopped || z->listed; /* every entry is known */
    int rc = TRO_OK;
    if (!z->have_prefix && whole)
        rc = trop_pkl_finding(&w->job, TRO_SEVERITY_ERROR, "pytorch-malformed", -1,
                              "%s: the archive has no entries", p);
    else if (z->no_folder)
        rc = trop_pkl_finding(&w->job, TRO_SEVERITY_WARNING, "pytorch-malformed", -1,
                              "%s: the first entry is not inside a folder; torch.load "
                              "refuses this archive",
                              p);
    else if (!z->data_pkl && whole)
        rc = trop_pkl_finding(&w->job, TRO_SEVERITY_WARNING, "pytorch-malformed", -1,
                              "%s: there is no '%s/data.pkl'; torch.load cannot load this "
                              "archive",
                              p, z->prefix);
    if (!rc && z->code_entries)
        rc = trop_pkl_finding(&w->job, TRO_SEVERITY_WARNING, "pytorch-torchscript", -1,
                              "%s: TorchScript archive: %llu entries under '%s/code/' hold "
                              "program source that torch.jit.load compiles and runs",
                              p, (unsigned long long)z->code_entries, z->prefix);
    if (!rc && w->unreadable)
        rc = trop_pkl_finding(&w->job, TRO_SEVERITY_WARNING, "pytorch-unreadable-entry", -1,
                              "%s: %llu entries could not be read and were not checked "
                              "(first: %s)",
                              p, (unsigned long long)w->unreadable, z->first_unreadable);
    if (!rc && whole)
        rc = check_storages(w, z);
    return rc;
}

static json_t *version_json(const zip_state *z)
{
    if (!z->has_version)
        return json_null();
    int64_t v;
    if (trop_pkl_parse_int(z->version, strlen(z->version), &v))
        return json_integer(v);
    char pv[TROP_PT_SMALL_ENTRY * 4];
    trop_pkl_printable(z->version, strlen(z->version), pv, sizeof pv);
    return json_string(pv);
}

static int zip_meta(trop_pt_walk *w, zip_state *z)
{
    char pb[TROP_PT_SMALL_ENTRY * 4], pp[sizeof z->prefix * 4];
    json_t *m = w->a->meta;
    trop_pkl_printable(z->byteorder, strlen(z->byteorder), pb, sizeof pb);
    trop_pkl_printable(z->prefix, z->plen, pp, sizeof pp);
    if (json_object_set_new(m, "format", json_string("zip")) ||
        json_object_set_new(m, "prefix", z->plen ? json_string(pp) : json_null()) ||
        json_object_set_new(m, "entries", json_integer((json_int_t)w->entries)) ||
        json_object_set_new(m, "storages", json_integer((json_int_t)w->job.storage_keys.n)) ||
        json_object_set_new(m, "byteorder", z->has_byteorder ? json_string(pb) : json_null()) ||
        json_object_set_new(m, "version", version_json(z)) ||
        json_object_set_new(m, "torchscript", json_boolean(z->code_entries > 0)))
        return TRO_ENOMEM;
    if (w->unreadable &&
        json_object_set_new(m, "unreadable", json_integer((json_int_t)w->unreadable)))
        return TRO_ENOMEM;
    if (z->listed &&
        (json_object_set_new(m, "storages_not_read", json_integer((json_int_t)z->not_read)) ||
         json_object_set_new(m, "storage_bytes_not_read",
                             json_integer((json_int_t)z->not_read_bytes))))
        return TRO_ENOMEM;
    return TRO_OK;
}

static int read_zip(trop_pt_walk *w, const trop_src *src)
{
    zip_state *z = calloc(1, sizeof *z);
    if (!z)
        return TRO_ENOMEM;
    z->data_keys.max = w->job.storage_keys.max;
    int rc = trop_pt_open(w, src, true);
    struct archive_entry *e;
    while (!rc && (rc = trop_pt_next(w, &e)) == 1) {
        const char *raw;
        rc = trop_pt_entry_name(w, e, &raw);
        if (rc == 1)
            rc = zip_entry(w, z, e, raw);
    }
    if ((rc == TRO_EFORMAT || rc == 0) && w->ran_out && w->in.src->tail)
        rc = zip_listed(w, z);
    if (rc == TRO_EFORMAT || rc == 0)
        rc = zip_findings(w, z);
    if (!rc)
        rc = zip_meta(w, z);
    trop_strset_free(&z->data_keys);
    free(z);
    return rc;
}

/* What a checkpoint starting with these bytes is. */
static const char *sniff(const unsigned char *h, size_t n)
{
    if (n >= 4 && h[0] == 'P' && h[1] == 'K' && h[2] < 9 && h[3] < 9)
        return "zip";
    if (n >= 262 && memcmp(h + 257, "ustar", 5) == 0)
        return "tar";
    if (n >= 1 && trop_pkl_is_opcode(h[0]))
        return "stream";
    return NULL;
}

int trop_read_pytorch(const tro_ctx *ctx, const trop_src *src, tro_artifact *a)
{
    unsigned char head[512];
    size_t n = src->size < sizeof head ? (size_t)src->size : sizeof head;
    if (!trop_src_random(src) && n > src->avail)
        n = (size_t)src->avail;
    int rc;
    trop_pt_walk *w = trop_pt_walk_new(ctx, a, NULL, &rc);
    if (!w)
        return TRO_ENOMEM;
    if (!rc)
        rc = trop_src_read(src, 0, head, n) == TRO_EIO ? TRO_EIO : TRO_OK;
    const char *kind = sniff(head, n);
    w->job.pid_mode = TROP_PKL_PID_STORAGE;
    w->job.torch = true;
    if (rc) {
        /* nothing read */
    } else if (!kind) {
        rc = trop_pkl_finding(&w->job, TRO_SEVERITY_ERROR, "pytorch-malformed", 0,
                              "%s: %s: this is neither a zip, a tar nor a pickle stream", a->path,
                              src->size ? "unknown content" : "empty file");
    } else if (strcmp(kind, "zip") == 0) {
        rc = read_zip(w, src);
    } else if (strcmp(kind, "tar") == 0) {
        w->job.pid_mode = TROP_PKL_PID_ANY;
        rc = trop_pt_read_tar(w, src);
    } else {
        w->job.pid_mode = TROP_PKL_PID_NONE; /* set again once the magic is seen */
        w->job.torch = false;
        rc = trop_pkl_read_src(&w->job, src, a->meta);
    }
    if (!rc)
        rc = trop_pkl_job_meta(&w->job, a->meta);
    trop_pt_walk_free(w);
    return rc == TRO_EFORMAT ? TRO_OK : rc;
}
