/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* libarchive over a trop_src for the PyTorch reader: the archive is read
 * through callbacks (pread on a file descriptor, or straight from memory),
 * never extracted. Zip archives whose whole content is at hand are read
 * from the central directory, as PyTorch's own reader does. */
#include "pytorch.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PT_BUF 65536

static la_ssize_t la_read(struct archive *ar, void *ud, const void **out)
{
    trop_pt_src *s = ud;
    if (s->pos >= s->limit) {
        if (s->limit < s->src->size)
            s->err = TRO_ELIMIT; /* the rest of a streamed entry was not kept */
        return 0;
    }
    uint64_t left = s->limit - s->pos;
    size_t n = left < PT_BUF ? (size_t)left : PT_BUF;
    if (!trop_src_random(s->src)) {
        *out = s->src->data + s->pos;
    } else {
        int rc = trop_src_read(s->src, s->pos, s->buf, n);
        if (rc) {
            s->err = rc == TRO_EIO ? TRO_EIO : 0;
            archive_set_error(ar, -1, "read failed at byte %llu", (unsigned long long)s->pos);
            return ARCHIVE_FATAL;
        }
        *out = s->buf;
    }
    s->pos += n;
    return (la_ssize_t)n;
}

static la_int64_t la_seek(struct archive *ar, void *ud, la_int64_t off, int whence)
{
    trop_pt_src *s = ud;
    int64_t base = whence == SEEK_SET   ? 0
                   : whence == SEEK_CUR ? (int64_t)s->pos
                                        : (int64_t)s->src->size;
    (void)ar;
    if ((off < 0 && -off > base) || (off > 0 && off > INT64_MAX - base))
        return ARCHIVE_FATAL;
    int64_t np = base + off;
    if ((uint64_t)np > s->src->size)
        np = (int64_t)s->src->size;
    s->pos = (uint64_t)np;
    return np;
}

static la_int64_t la_skip(struct archive *ar, void *ud, la_int64_t request)
{
    trop_pt_src *s = ud;
    (void)ar;
    if (request <= 0)
        return 0;
    uint64_t left = s->limit > s->pos ? s->limit - s->pos : 0;
    uint64_t n = (uint64_t)request < left ? (uint64_t)request : left;
    s->pos += n;
    return (la_int64_t)n;
}

trop_pt_walk *trop_pt_walk_new(const tro_ctx *ctx, tro_artifact *a, const char *kind, int *rc)
{
    trop_pt_walk *w = calloc(1, sizeof *w);
    if (!w)
        return NULL;
    w->ctx = ctx;
    w->a = a;
    w->kind = kind;
    *rc = trop_pkl_job_init(&w->job, ctx, a);
    return w;
}

void trop_pt_walk_free(trop_pt_walk *w)
{
    trop_pt_close(w);
    trop_pkl_job_fini(&w->job);
    free(w);
}

const char *trop_pt_code(const trop_pt_walk *w, const char *what, char *buf)
{
    snprintf(buf, 64, "%s-%s", w->kind ? w->kind : "pytorch", what);
    return buf;
}

int trop_pt_report_ran_out(trop_pt_walk *w)
{
    char code[64];
    trop_pt_code(w, "scan-incomplete", code);
    if (w->ran_out == TROP_PT_OUT_ENTRY)
        return trop_pkl_finding(&w->job, TRO_SEVERITY_ERROR, code, -1,
                                "%s: entry '%s' is past the bytes available here (streamed "
                                "content); it and what follows were not checked",
                                w->a->path, w->name);
    return trop_pkl_finding(&w->job, TRO_SEVERITY_ERROR, code, -1,
                            "%s: only the first %llu bytes of this archive are "
                            "available here (streamed content); the rest was not checked",
                            w->a->path, (unsigned long long)w->in.limit);
}

/* Reports why the archive cannot be read; stops the walk. */
static int archive_problem(trop_pt_walk *w, const char *when)
{
    w->stopped = true;
    if (w->in.err == TRO_EIO)
        return TRO_EIO;
    if (w->in.err == TRO_ELIMIT) {
        w->ran_out = TROP_PT_OUT_ARCHIVE;
        return w->in.src->tail ? TRO_OK : trop_pt_report_ran_out(w);
    }
    const char *why = archive_error_string(w->ar);
    char pw[300], code[64];
    trop_pkl_printable(why ? why : "unreadable", why ? strlen(why) : 10, pw, sizeof pw);
    return trop_pkl_finding(&w->job, TRO_SEVERITY_ERROR, trop_pt_code(w, "malformed", code), -1,
                            "%s: the archive %s (%s); what follows was not checked", w->a->path,
                            when, pw);
}

int trop_pt_open(trop_pt_walk *w, const trop_src *src, bool zip)
{
    bool whole = trop_src_random(src) || src->avail >= src->size;
    w->in.src = src;
    w->in.pos = 0;
    w->in.limit = whole ? src->size : src->avail;
    w->names.max = 0; /* no bound */
    if (trop_src_random(src) && !(w->in.buf = malloc(PT_BUF)))
        return TRO_ENOMEM;
    if (!(w->ar = archive_read_new()))
        return TRO_ENOMEM;
    if (zip && whole)
        archive_read_support_format_zip_seekable(w->ar);
    else if (zip)
        archive_read_support_format_zip_streamable(w->ar);
    else
        archive_read_support_format_tar(w->ar);
    /* PyTorch's reader does not check CRCs: neither may we stop at them. */
    if (zip)
        archive_read_set_options(w->ar, "zip:ignorecrc32");
    archive_read_set_read_callback(w->ar, la_read);
    if (whole)
        archive_read_set_seek_callback(w->ar, la_seek);
    archive_read_set_skip_callback(w->ar, la_skip);
    archive_read_set_callback_data(w->ar, &w->in);
    if (archive_read_open1(w->ar) != ARCHIVE_OK) {
        int rc = archive_problem(w, "cannot be opened");
        return rc < 0 ? rc : TRO_EFORMAT;
    }
    return TRO_OK;
}

void trop_pt_close(trop_pt_walk *w)
{
    if (w->ar)
        archive_read_free(w->ar);
    w->ar = NULL;
    free(w->in.buf);
    w->in.buf = NULL;
    trop_strset_free(&w->names);
}

int trop_pt_next(trop_pt_walk *w, struct archive_entry **e)
{
    if (w->stopped)
        return 0;
    int r = archive_read_next_header(w->ar, e);
    if (r == ARCHIVE_EOF)
        return 0;
    if (r == ARCHIVE_OK || r == ARCHIVE_WARN)
        return 1;
    int rc = archive_problem(w, "cannot be read further");
    return rc < 0 ? rc : 0;
}

/* Why a member name is unsafe to extract, or NULL. */
static const char *path_problem(const char *name)
{
    if (!*name)
        return "empty name";
    if (name[0] == '/' || name[0] == '\\')
        return "absolute path";
    if (((name[0] | 0x20) >= 'a' && (name[0] | 0x20) <= 'z') && name[1] == ':')
        return "drive letter";
    for (const char *p = name; *p;) {
        size_t len = strcspn(p, "/\\");
        if (len == 2 && p[0] == '.' && p[1] == '.')
            return "'..' component";
        p += len;
        if (*p)
            p++;
    }
    return NULL;
}

int trop_pt_entry_name(trop_pt_walk *w, struct archive_entry *e, const char **raw)
{
    const char *name = archive_entry_pathname(e);
    if (!name)
        name = archive_entry_pathname_utf8(e);
    bool undecodable = !name;
    if (!name)
        name = "";
    *raw = name;
    trop_pkl_printable(name, strlen(name), w->name, sizeof w->name);
    if (++w->entries > w->ctx->limits.max_entries) {
        w->entries--;
        w->stopped = true;
        int rc = trop_pkl_finding(&w->job, TRO_SEVERITY_ERROR, "pytorch-scan-incomplete", -1,
                                  "%s: more than %llu entries (limit); the rest were not "
                                  "checked",
                                  w->a->path, (unsigned long long)w->ctx->limits.max_entries);
        return rc < 0 ? rc : 0;
    }
    w->cur_done = false;
    return trop_pt_name_checks(w, undecodable ? NULL : name);
}

int trop_pt_name_checks(trop_pt_walk *w, const char *name)
{
    const char *why = !name ? "name cannot be decoded" : path_problem(name);
    if (!name)
        name = "";
    if (why) {
        int rc = trop_pkl_finding(&w->job, TRO_SEVERITY_ERROR, "pytorch-unsafe-path", -1,
                                  "%s: entry '%s' has an unsafe name (%s): extracting the "
                                  "archive would write outside its folder",
                                  w->a->path, w->name, why);
        if (rc)
            return rc;
    }
    int added = trop_strset_add(&w->names, name, strlen(name));
    if (added < 0)
        return added;
    if (added == 0)
        return trop_pkl_finding(&w->job, TRO_SEVERITY_WARNING, "pytorch-duplicate-entry", -1,
                                "%s: entry '%s' appears more than once; loaders may pick "
                                "either copy%s",
                                w->a->path, w->name, w->ran_out ? "" : " (all copies were checked)")
                   ? TRO_ENOMEM
                   : 1;
    return 1;
}

/* ---- Entry data as a pickle input --------------------------------------- */

static int data_error(trop_pt_entry_io *st)
{
    trop_pt_walk *w = st->w;
    if (w->in.err == TRO_EIO || w->in.err == TRO_ELIMIT)
        return w->in.err;
    const char *why = archive_error_string(w->ar);
    trop_pkl_printable(why ? why : "unreadable data", why ? strlen(why) : 15, st->msg,
                       sizeof st->msg);
    return TRO_EFORMAT;
}

static int ent_read(void *ud, void *buf, size_t len, size_t *got)
{
    trop_pt_entry_io *st = ud;
    *got = 0;
    if (st->hpos < st->hn) {
        size_t n = st->hn - st->hpos < len ? st->hn - st->hpos : len;
        memcpy(buf, st->head + st->hpos, n);
        st->hpos += n;
        *got = n;
        return TRO_OK;
    }
    la_ssize_t r = archive_read_data(st->w->ar, buf, len);
    if (r < 0)
        return data_error(st);
    if (r == 0 && len)
        st->w->cur_done = true;
    *got = (size_t)r;
    return TRO_OK;
}

static const char *ent_errmsg(void *ud)
{
    return ((trop_pt_entry_io *)ud)->msg;
}

void trop_pt_entry_io_init(trop_pkl_io *io, trop_pt_entry_io *st, trop_pt_walk *w)
{
    memset(st, 0, sizeof *st);
    st->w = w;
    io->read = ent_read;
    io->skip = NULL;
    io->errmsg = ent_errmsg;
    io->ud = st;
}

int trop_pt_entry_head(trop_pt_entry_io *st)
{
    st->hn = st->hpos = 0;
    while (st->hn < sizeof st->head) {
        la_ssize_t r = archive_read_data(st->w->ar, st->head + st->hn, sizeof st->head - st->hn);
        if (r < 0)
            return data_error(st);
        if (r == 0) {
            st->w->cur_done = true;
            break;
        }
        st->hn += (size_t)r;
    }
    return (int)st->hn;
}

/* Cuts trailing blanks off out[0..n); returns the length left. */
static size_t trim(char *out, size_t n)
{
    while (n > 0 && (out[n - 1] == '\n' || out[n - 1] == '\r' || out[n - 1] == ' '))
        n--;
    out[n] = '\0';
    return n;
}

int trop_pt_entry_small(trop_pt_walk *w, char *out, size_t cap)
{
    size_t n = 0;
    while (n + 1 < cap) {
        la_ssize_t r = archive_read_data(w->ar, out + n, cap - 1 - n);
        w->cur_done |= r == 0;
        if (r <= 0)
            break;
        n += (size_t)r;
    }
    return (int)trim(out, n);
}

void trop_pt_small_copy(char *out, size_t cap, const unsigned char *b, size_t n)
{
    if (n > cap - 1)
        n = cap - 1;
    memcpy(out, b, n);
    trim(out, n);
}

int trop_pt_scan_entry(trop_pt_walk *w, trop_pkl_io *io)
{
    trop_pkl_in in;
    int rc = trop_pkl_in_init(&in, io, w->ctx->limits.max_header_bytes);
    if (!rc)
        rc = trop_pkl_scan_all(&w->job, &in, w->name, -1);
    trop_pkl_in_fini(&in);
    return rc;
}
