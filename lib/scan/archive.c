/* Archives (tar in any compression, zip, 7z, whatever libarchive reads),
 * scanned as one release: streamed once, never extracted. Each entry is
 * hashed as it streams; the readers get a bounded in-memory prefix of it,
 * sized for the entry's type (trop_src.avail < trop_src.size). */
#include "scan.h"

#include <archive.h>
#include <archive_entry.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define READ_BLOCK (1u << 20)
/* libarchive may fail entry after entry without moving on; stop then. */
#define MAX_FAILED_IN_A_ROW 16
#define PREFIX_KEEP_CAP (1u << 20) /* a bigger prefix buffer is freed after use */
/* A zip's index (its central directory) sits at its end. For a PyTorch
 * checkpoint bigger than its prefix, the last TAIL_MAX bytes are kept too
 * (where the archive declares the entry's size, as tar, zip and 7z do), so
 * that its reader can list the entries the prefix does not reach. A
 * central directory entry takes ~100 bytes: 1 MiB holds ~10,000 of them,
 * far more than torch.save writes (one per storage). */
#define TAIL_MAX (1u << 20)
#define STOP 1                     /* internal: the archive cannot be read further */

typedef struct prefix {
    unsigned char *data;
    size_t len, cap, limit;
    bool sized; /* limit set from the entry's type */
} prefix;

/* The last bytes of an entry of declared size: [from, from + cap). */
typedef struct tailbuf {
    unsigned char *data; /* cap bytes, allocated at the first byte kept */
    size_t cap;          /* 0: no tail kept for this entry */
    uint64_t from;       /* stream position of the first byte kept */
    size_t len;          /* bytes kept, from `from` on */
    bool over;           /* the entry ran past its declared size: none kept */
} tailbuf;

typedef struct arscan {
    tro_release *rel;
    const tro_ctx *ctx;
    struct archive *ar;
    int fd;
    struct archive_entry *entry; /* each header is read into it */
    trop_ticker *tick;
    tro_error *err;
    uint64_t size;     /* of the archive file: the progress total */
    uint64_t expanded; /* bytes streamed out so far */
    char bomb[160];    /* why reading stopped, when it expanded too much */
    trop_nameset seen;
    char *top;   /* first name component shared by all entries */
    bool single; /* every entry so far sits under top/ */
    uint64_t entries;
    char *last;           /* raw name of the current entry, escaped */
    trop_findings unsafe; /* kept apart: their raw names are never stripped */
    prefix pre;
    tailbuf tail;
} arscan;

static const unsigned char zeros[65536];

static int nomem(arscan *s)
{
    return trop_error_set(s->err, TRO_ENOMEM, -1, "%s: out of memory", s->rel->name);
}

static int add_finding(arscan *s, tro_severity sev, const char *code, const char *path,
                       const char *what, const char *detail)
{
    char *d = trop_name_printable(detail ? detail : "");
    int rc = d ? trop_release_finding(s->rel, sev, code, path, -1, "%s: %s%s%s",
                                      *path ? path : s->rel->name, what, *d ? ": " : "", d)
               : TRO_ENOMEM;
    free(d);
    return rc ? nomem(s) : 0;
}

/* How many leading bytes of an entry its reader may need, from its type. */
static void size_prefix(arscan *s, const char *name, uint64_t declared)
{
    prefix *p = &s->pre;
    const tro_limits *l = &s->ctx->limits;
    p->sized = true;
    if (s->ctx->flags & TRO_SCAN_NO_READERS)
        return;
    uint64_t size = declared > p->len ? declared : p->len;
    uint64_t limit = TROP_DETECT_HEAD;
    switch (trop_detect_type(name, p->data, p->len, size)) {
    case TRO_TYPE_OTHER:
        break;
    case TRO_TYPE_SAFETENSORS: {
        uint64_t n = trop_le64(p->data);
        if (n <= l->max_header_bytes)
            limit = 8 + n;
        break;
    }
    case TRO_TYPE_GGUF:
        limit = l->max_header_bytes;
        break;
    case TRO_TYPE_PYTORCH:
        limit = l->max_text_bytes;
        if (size > limit && size != UINT64_MAX) { /* declared bigger than kept */
            uint64_t rest = size - p->len;
            s->tail.cap = rest < TAIL_MAX ? (size_t)rest : TAIL_MAX;
            s->tail.from = size - s->tail.cap;
        }
        break;
    default: /* text, JSON, YAML, pickle */
        limit = l->max_text_bytes;
        break;
    }
    p->limit = limit > SIZE_MAX ? SIZE_MAX : (size_t)limit;
}

/* Keeps the bytes of b (at stream position pos) that lie in the tail. */
static int keep_tail(tailbuf *t, const unsigned char *b, size_t len, uint64_t pos)
{
    if (!t->cap || t->over || pos + len <= t->from)
        return TRO_OK;
    if (pos < t->from) {
        b += t->from - pos;
        len -= (size_t)(t->from - pos);
        pos = t->from;
    }
    if (pos - t->from + len > t->cap) { /* longer than declared */
        t->over = true;
        return TRO_OK;
    }
    if (!t->data && !(t->data = malloc(t->cap)))
        return TRO_ENOMEM;
    memcpy(t->data + (pos - t->from), b, len);
    t->len = (size_t)(pos - t->from) + len;
    return TRO_OK;
}

static int keep(arscan *s, const char *name, const unsigned char *b, size_t len, uint64_t declared)
{
    prefix *p = &s->pre;
    while (len && p->len < p->limit) {
        size_t take = p->limit - p->len < len ? p->limit - p->len : len;
        if (p->len + take > p->cap) {
            size_t cap = p->cap ? p->cap : TROP_DETECT_HEAD;
            while (cap < p->len + take)
                cap = cap > SIZE_MAX / 2 ? SIZE_MAX : cap * 2;
            if (cap > p->limit)
                cap = p->limit;
            unsigned char *v = realloc(p->data, cap);
            if (!v)
                return TRO_ENOMEM;
            p->data = v;
            p->cap = cap;
        }
        memcpy(p->data + p->len, b, take);
        p->len += take;
        b += take;
        len -= take;
        if (!p->sized && p->len >= TROP_DETECT_HEAD)
            size_prefix(s, name, declared);
    }
    return TRO_OK;
}

/* Decompression bombs (deflate alone expands up to 1032 times, sparse tar
 * entries without bound): what an archive expands to is bounded in all,
 * and beyond its first TROP_EXPAND_FLOOR bytes by max_expand_ratio times
 * the bytes of the archive read so far. Checked as it streams, so a bomb
 * stops soon after the floor, whatever sizes it declares. True (with
 * s->bomb set) when len more bytes would go past a limit. */
static bool too_much(arscan *s, uint64_t len)
{
    const tro_limits *l = &s->ctx->limits;
    uint64_t total, allowed;
    if (!trop_add_u64(s->expanded, len, &total) || total > l->max_expand_bytes) {
        snprintf(s->bomb, sizeof s->bomb,
                 "archive expands to more than %llu bytes (limits.max_expand_bytes)",
                 (unsigned long long)l->max_expand_bytes);
        return true;
    }
    la_int64_t got = archive_filter_bytes(s->ar, -1);
    uint64_t read = got > 0 ? (uint64_t)got : 0;
    if (total <= TROP_EXPAND_FLOOR || !trop_mul_u64(read, l->max_expand_ratio, &allowed) ||
        !trop_add_u64(allowed, TROP_EXPAND_FLOOR, &allowed) || total <= allowed)
        return false;
    snprintf(s->bomb, sizeof s->bomb,
             "archive expands to over %u times the %llu bytes read of it "
             "(limits.max_expand_ratio)",
             l->max_expand_ratio, (unsigned long long)read);
    return true;
}

/* Hashes and keeps len bytes (b NULL: zeros of a sparse hole). */
static int feed(arscan *s, trop_sha256 *h, const char *name, const void *b, uint64_t len,
                uint64_t declared, uint64_t *pos)
{
    if (too_much(s, len))
        return STOP;
    s->expanded += len;
    while (len) {
        size_t n = b ? (size_t)len : (len < sizeof zeros ? (size_t)len : sizeof zeros);
        const unsigned char *p = b ? b : zeros;
        if ((h->md && trop_sha256_update(h, p, n)) || keep(s, name, p, n, declared) ||
            keep_tail(&s->tail, p, n, *pos))
            return TRO_ENOMEM;
        *pos += n;
        len -= n;
    }
    return TRO_OK;
}

static int tick(arscan *s)
{
    la_int64_t done = archive_filter_bytes(s->ar, -1);
    if (trop_tick(s->tick, done > 0 ? (uint64_t)done : 0, s->size, false))
        return trop_error_set(s->err, TRO_ECANCELED, -1, "%s: canceled", s->rel->name);
    return 0;
}

/* Streams the data of a regular entry: STOP, an error code, or 0. */
static int stream(arscan *s, struct archive_entry *e, const char *name, trop_sha256 *h,
                  uint64_t *pos)
{
    la_int64_t dsz = archive_entry_size(e);
    uint64_t declared = archive_entry_size_is_set(e) && dsz >= 0 ? (uint64_t)dsz : UINT64_MAX;
    for (;;) {
        const void *blk;
        size_t len;
        la_int64_t off;
        int r = archive_read_data_block(s->ar, &blk, &len, &off);
        if (r == ARCHIVE_EOF)
            break;
        if ((r != ARCHIVE_OK && r != ARCHIVE_WARN) || off < 0 || (uint64_t)off < *pos ||
            (len && !blk))
            return r != ARCHIVE_FATAL ? TRO_EFORMAT
                   : archive_errno(s->ar) == ENOMEM ? TRO_ENOMEM /* not the archive's fault */
                                                    : STOP;
        int rc = (uint64_t)off > *pos ? feed(s, h, name, NULL, (uint64_t)off - *pos, declared, pos)
                                      : TRO_OK;
        if (rc || (rc = feed(s, h, name, blk, len, declared, pos)) || (rc = tick(s)))
            return rc;
    }
    /* a sparse entry may end in a hole that no block covers */
    if (archive_entry_sparse_count(e) > 0 && declared != UINT64_MAX && declared > *pos)
        return feed(s, h, name, NULL, declared - *pos, declared, pos);
    return TRO_OK;
}

/* An entry whose data libarchive cannot read for want of a passphrase. A
 * zip entry that only claims to be encrypted (stored, no room for an
 * encryption header) is read from the archive as PyTorch's reader reads it:
 * 0 then. A truly encrypted one gives archive-entry-encrypted: it cannot be
 * checked, which only a policy counts against the release; SKIPPED then. */
#define SKIPPED 2
static int encrypted(arscan *s, struct archive_entry *e, const char *name, trop_sha256 *h,
                     uint64_t *pos)
{
    uint64_t off = 0, len = 0, done = 0;
    const char *raw = archive_entry_pathname(e);
    bool zip = (archive_format(s->ar) & ARCHIVE_FORMAT_BASE_MASK) == ARCHIVE_FORMAT_ZIP;
    if (!zip || !raw ||
        !trop_zip_plain_stored(s->fd, s->size, (uint64_t)archive_read_header_position(s->ar), raw,
                               &off, &len)) {
        int rc = add_finding(s, TRO_SEVERITY_WARNING, "archive-entry-encrypted", name,
                             "encrypted: its content cannot be read without the password and "
                             "was not checked",
                             NULL);
        return rc ? rc : SKIPPED;
    }
    unsigned char buf[65536];
    while (done < len) {
        size_t n = len - done < sizeof buf ? (size_t)(len - done) : sizeof buf;
        if (pread(s->fd, buf, n, (off_t)(off + done)) != (ssize_t)n)
            return TRO_EFORMAT;
        int rc = feed(s, h, name, buf, n, len, pos);
        if (rc)
            return rc;
        done += n;
    }
    return add_finding(s, TRO_SEVERITY_WARNING, "archive-entry-encrypted", name,
                       "flagged as encrypted but stored as plain data, which readers that "
                       "ignore the flag (PyTorch's) read as it is: checked as such",
                       NULL);
}

static int add_artifact(arscan *s, const char *name, trop_sha256 *h, uint64_t size)
{
    tro_artifact *a = trop_release_add(s->rel, name, size);
    if (!a)
        return TRO_ENOMEM;
    trop_src src = {
        .name = a->path, .size = size, .fd = -1, .data = s->pre.data, .avail = s->pre.len};
    if (s->pre.len < size && !s->tail.over && s->tail.len) {
        src.tail = s->tail.data;
        src.tail_len = s->tail.len;
    }
    int rc = trop_artifact_read(s->ctx, a, &src);
    if (!rc && h->md && (rc = trop_sha256_final(h, a->sha256)) == 0)
        a->hashed = true;
    return rc;
}

static int read_regular(arscan *s, struct archive_entry *e, const char *name)
{
    trop_sha256 h = {NULL};
    uint64_t pos = 0;
    int rc = 0;
    s->pre.len = 0;
    s->pre.limit = TROP_DETECT_HEAD;
    s->pre.sized = false;
    s->tail.cap = 0;
    s->tail.len = 0;
    s->tail.over = false;
    if (!(s->ctx->flags & TRO_SCAN_NO_HASH) && trop_sha256_init(&h))
        return nomem(s);
    rc = stream(s, e, name, &h, &pos);
    if (rc == TRO_EFORMAT && pos == 0 && archive_entry_is_data_encrypted(e))
        rc = encrypted(s, e, name, &h, &pos);
    if (rc == SKIPPED) {
        rc = 0;
    } else if (!rc) {
        if ((rc = add_artifact(s, name, &h, pos)))
            rc = nomem(s);
    } else if (rc == STOP && *s->bomb) {
        if (!(rc = add_finding(s, TRO_SEVERITY_ERROR, "archive-bomb", name, s->bomb,
                               "reading stopped")))
            rc = STOP;
    } else if (rc == STOP) {
        if (!(rc = add_finding(s, TRO_SEVERITY_ERROR, "archive-corrupt", name,
                               "archive corrupt or truncated in this entry",
                               archive_error_string(s->ar))))
            rc = STOP;
    } else if (rc == TRO_EFORMAT) { /* this entry is lost; the next may be fine */
        rc = add_finding(s, TRO_SEVERITY_ERROR, "archive-entry-unreadable", name,
                         "cannot read this entry; skipped", archive_error_string(s->ar));
    } else if (rc == TRO_ENOMEM) {
        rc = nomem(s);
    }
    trop_sha256_abort(&h);
    free(s->tail.data); /* rare (big checkpoints): not worth keeping */
    s->tail.data = NULL;
    if (s->pre.cap > PREFIX_KEEP_CAP) {
        free(s->pre.data);
        s->pre.data = NULL;
        s->pre.cap = 0;
    }
    return rc;
}

/* Tracks whether every entry sits under one top-level folder. */
static int note_top(arscan *s, const char *name, bool is_dir)
{
    const char *slash = strchr(name, '/');
    if (!slash && !is_dir) {
        s->single = false;
        return 0;
    }
    size_t len = slash ? (size_t)(slash - name) : strlen(name);
    if (!s->top)
        return (s->top = trop_strndup(name, len)) ? 0 : nomem(s);
    if (strlen(s->top) != len || strncmp(s->top, name, len) != 0)
        s->single = false;
    return 0;
}

static const char *kind_name(struct archive_entry *e)
{
    if (archive_entry_hardlink(e))
        return "a hard link in the archive, not a regular file; skipped";
    switch (archive_entry_filetype(e)) {
    case AE_IFLNK:
        return "a symbolic link in the archive, not a regular file; skipped";
    case AE_IFIFO:
        return "a named pipe in the archive, not a regular file; skipped";
    case AE_IFSOCK:
        return "a socket in the archive, not a regular file; skipped";
    default:
        return "a device or special entry in the archive, not a regular file; skipped";
    }
}

/* Entries made on Windows (7z, zip) carry no Unix file type, or only
 * permission bits: libarchive gives them type 0. They are files. */
static bool is_regular(struct archive_entry *e)
{
    mode_t t = archive_entry_filetype(e);
    return !archive_entry_hardlink(e) &&
           (t == AE_IFREG || (t == 0 && !archive_entry_symlink(e)));
}

static int read_entry(arscan *s, struct archive_entry *e)
{
    const char *raw = archive_entry_pathname_utf8(e);
    if (!raw)
        raw = archive_entry_pathname(e);
    free(s->last);
    if (!(s->last = trop_path_escape(raw ? raw : "", raw ? strlen(raw) : 0)))
        return nomem(s);
    char *name;
    const char *why;
    if (trop_entry_name(raw, &name, &why))
        return nomem(s);
    if (!name && !why && archive_entry_filetype(e) == AE_IFDIR)
        return 0;
    if (!name)
        return trop_findings_add(&s->unsafe, TRO_SEVERITY_ERROR, "archive-unsafe-path", s->last, -1,
                                 "%s: unsafe entry name (%s); skipped", s->last,
                                 why ? why : "empty name")
                   ? nomem(s)
                   : 0;
    int rc = note_top(s, name, archive_entry_filetype(e) == AE_IFDIR);
    if (rc || archive_entry_filetype(e) == AE_IFDIR)
        goto done;
    if (!is_regular(e)) {
        rc = add_finding(s, TRO_SEVERITY_WARNING, "not-regular-file", name, kind_name(e), NULL);
        goto done;
    }
    int added = trop_nameset_add(&s->seen, name);
    if (added < 0)
        rc = nomem(s);
    else if (added == 0)
        rc = add_finding(s, TRO_SEVERITY_WARNING, "archive-duplicate-entry", name,
                         "appears again in the archive; the first copy is kept", NULL);
    else
        rc = read_regular(s, e, name);
done:
    free(name);
    return rc;
}

static int corrupt(arscan *s)
{
    int rc = add_finding(s, TRO_SEVERITY_ERROR, "archive-corrupt", s->last ? s->last : "",
                         s->last ? "archive corrupt or truncated after this entry"
                                 : "archive corrupt or truncated",
                         archive_error_string(s->ar));
    return rc ? rc : STOP;
}

static int read_all(arscan *s, trop_archive_kind kind, bool *not_archive)
{
    unsigned failed = 0;
    for (;;) {
        /* into an entry of ours: libarchive's own is allocated unchecked */
        struct archive_entry *e = s->entry;
        int r = archive_read_next_header2(s->ar, e);
        if (r == ARCHIVE_EOF)
            return 0;
        if (r == ARCHIVE_FATAL && archive_errno(s->ar) == ENOMEM)
            return nomem(s);
        if (r == ARCHIVE_FATAL || r == ARCHIVE_RETRY ||
            (r == ARCHIVE_FAILED && ++failed > MAX_FAILED_IN_A_ROW)) {
            if (s->entries == 0 && kind == TROP_ARCHIVE_BY_MAGIC) {
                *not_archive = true;
                return 0;
            }
            return corrupt(s);
        }
        if (++s->entries > s->ctx->limits.max_entries)
            return trop_error_set(s->err, TRO_ELIMIT, -1,
                                  "%s: more than %llu entries (limits.max_entries)", s->rel->name,
                                  (unsigned long long)s->ctx->limits.max_entries);
        int rc = r == ARCHIVE_FAILED
                     ? add_finding(s, TRO_SEVERITY_ERROR, "archive-entry-unreadable",
                                   s->last ? s->last : "", "cannot read the next entry",
                                   archive_error_string(s->ar))
                     : read_entry(s, e);
        if (rc)
            return rc;
        if (r != ARCHIVE_FAILED)
            failed = 0;
    }
}

/* The ignore rules, applied once the final paths are known. */
static int drop_ignored(tro_release *rel)
{
    trop_ignore ig;
    tro_artifact **drop = NULL;
    size_t n = 0;
    int rc = trop_ignore_init(&ig, rel->ctx);
    if (!rc && rel->n && !(drop = malloc(rel->n * sizeof *drop)))
        rc = TRO_ENOMEM;
    for (size_t i = 0; !rc && i < rel->n; i++) {
        int hit = trop_ignore_path(&ig, rel->arts[i]->path);
        if (hit < 0)
            rc = hit;
        else if (hit)
            drop[n++] = rel->arts[i];
    }
    if (!rc)
        rc = trop_release_drop(rel, drop, n, false);
    free(drop);
    trop_ignore_free(&ig);
    return rc;
}

/* Every archive format libarchive reads, except mtree (a text listing whose
 * entries may name files on this machine to read: never for untrusted
 * input) and raw (any file would be an "archive"), and every filter. */
static int (*const supports[])(struct archive *) = {
    archive_read_support_format_7zip,   archive_read_support_format_ar,
    archive_read_support_format_cab,    archive_read_support_format_cpio,
    archive_read_support_format_empty,  archive_read_support_format_iso9660,
    archive_read_support_format_lha,    archive_read_support_format_rar,
    archive_read_support_format_rar5,   archive_read_support_format_tar,
    archive_read_support_format_warc,   archive_read_support_format_xar,
    archive_read_support_format_zip,    archive_read_support_filter_all,
};

/* ARCHIVE_WARN says a filter needs an outside program; ARCHIVE_FATAL, that
 * memory ran out: a format left out would make its archives "corrupt". */
static int enable_formats(struct archive *ar)
{
    for (size_t i = 0; i < sizeof supports / sizeof *supports; i++)
        if (supports[i](ar) == ARCHIVE_FATAL)
            return TRO_ENOMEM;
    return TRO_OK;
}

int trop_archive_scan(tro_release *rel, int fd, uint64_t size, trop_archive_kind kind,
                      trop_ticker *tick, bool *not_archive, tro_error *err)
{
    arscan s = {
        .rel = rel, .ctx = rel->ctx, .tick = tick, .err = err, .size = size, .single = true};
    s.fd = fd;
    *not_archive = false;
    int rc;
    if (!(s.ar = archive_read_new())) {
        rc = nomem(&s);
        goto done;
    }
    if (enable_formats(s.ar) || !(s.entry = archive_entry_new())) {
        rc = nomem(&s);
        goto done;
    }
    if ((rc = trop_tick(tick, 0, size, true))) {
        trop_error_set(err, rc, -1, "%s: canceled", rel->name);
        goto done;
    }
    if (archive_read_open_fd(s.ar, fd, READ_BLOCK) != ARCHIVE_OK)
        rc = archive_errno(s.ar) == ENOMEM         ? nomem(&s)
             : kind == TROP_ARCHIVE_BY_MAGIC ? (*not_archive = true, 0)
                                             : corrupt(&s);
    else
        rc = read_all(&s, kind, not_archive);
    if (rc == STOP)
        rc = 0; /* the finding says what happened; keep what was read */
    if (!rc && !*not_archive && s.single && s.top && rel->n) {
        char *strip = trop_asprintf("%s/", s.top);
        rc = strip ? trop_release_strip_prefix(rel, strip) : TRO_ENOMEM;
        free(strip);
        if (rc)
            nomem(&s);
    }
    if (!rc && !*not_archive && (rc = drop_ignored(rel)))
        nomem(&s);
    for (size_t i = 0; !rc && i < s.unsafe.n; i++) {
        const tro_finding *f = &s.unsafe.v[i];
        if (trop_release_finding(rel, f->severity, f->code, f->path, -1, "%s", f->message))
            rc = nomem(&s);
    }
    if (!rc && !*not_archive)
        (void)trop_tick(tick, size, size, true); /* finished: cannot cancel now */
done:
    archive_read_free(s.ar);
    archive_entry_free(s.entry);
    trop_nameset_free(&s.seen);
    trop_findings_clear(&s.unsafe);
    free(s.top);
    free(s.last);
    free(s.pre.data);
    return rc;
}
