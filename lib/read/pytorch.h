/* Private to the PyTorch reader (pytorch*.c): libarchive over a byte
 * source, and the state of one checkpoint walk. */
#ifndef TROP_PYTORCH_H
#define TROP_PYTORCH_H

#include "pickle.h"

#include <archive.h>
#include <archive_entry.h>

#define PT_SMALL_ENTRY 64 /* bytes read of version / byteorder entries */

/* libarchive's view of a trop_src. */
typedef struct pt_src {
    const trop_src *src;
    uint64_t pos;
    uint64_t limit;     /* readable bytes: the size, or a memory prefix */
    unsigned char *buf; /* read buffer for file descriptors */
    int err;            /* 0, TRO_EIO, or TRO_ELIMIT (prefix exhausted) */
} pt_src;

/* One walk over a checkpoint archive. */
typedef struct pt_walk {
    const tro_ctx *ctx;
    tro_artifact *a;
    trop_pkl_job job;
    pt_src in;
    struct archive *ar;
    uint64_t entries;
    uint64_t unreadable;
    trop_strset names; /* entry names seen, for duplicates */
    char name[400];    /* printable name of the current entry */
    bool stopped;      /* the archive could not be read further */
} pt_walk;

/* Opens src as a zip (seekable when the whole content is at hand) or a
 * tar. Returns 0, TRO_ENOMEM, or TRO_EFORMAT after a finding. */
int pt_open(pt_walk *w, const trop_src *src, bool zip);
void pt_close(pt_walk *w);
/* Next entry: 1 with *e set, 0 at the end, <0 on ENOMEM/EIO. Problems
 * reading the archive become findings (and end the walk). */
int pt_next(pt_walk *w, struct archive_entry **e);
/* Checks the name of entry e (unsafe paths, duplicates, count limit) and
 * fills w->name. Returns 1 to go on, 0 to stop the walk, <0 on ENOMEM. */
int pt_entry_name(pt_walk *w, struct archive_entry *e, const char **raw);

/* A pickle input over the current entry's data. The first bytes read by
 * pt_entry_head() are handed out again. */
typedef struct pt_entry_io {
    pt_walk *w;
    unsigned char head[8];
    size_t hn, hpos;
    char msg[200];
} pt_entry_io;
void pt_entry_io_init(trop_pkl_io *io, pt_entry_io *st, pt_walk *w);
/* Reads up to 8 first bytes of the entry (kept for the pickle input).
 * Returns the count, or <0 when the data cannot be read (message in
 * st->msg; TRO_EIO for I/O errors). */
int pt_entry_head(pt_entry_io *st);
/* Reads a small entry whole (up to PT_SMALL_ENTRY - 1 bytes, trimmed). */
int pt_entry_small(pt_walk *w, char *out, size_t cap);

/* Scans the current entry as consecutive pickles. */
int pt_scan_entry(pt_walk *w, trop_pkl_io *io);
/* Legacy tar checkpoints (pytorch_tar.c). */
int pt_read_tar(pt_walk *w, const trop_src *src);

#endif /* TROP_PYTORCH_H */
