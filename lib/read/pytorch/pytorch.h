/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* Private to the PyTorch reader (pytorch*.c): libarchive over a byte
 * source, and the state of one checkpoint walk. */
#ifndef TROP_PYTORCH_H
#define TROP_PYTORCH_H

#include "../pickle/pickle.h"

#include <archive.h>
#include <archive_entry.h>

#define TROP_PT_SMALL_ENTRY 64 /* bytes read of version / byteorder entries */

/* libarchive's view of a trop_src. */
typedef struct trop_pt_src {
    const trop_src *src;
    uint64_t pos;
    uint64_t limit;     /* readable bytes: the size, or a memory prefix */
    unsigned char *buf; /* read buffer for file descriptors */
    int err;            /* 0, TRO_EIO, or TRO_ELIMIT (prefix exhausted) */
} trop_pt_src;

/* One walk over a checkpoint archive (or another zip a reader walks the
 * same way: .npz, .keras). */
typedef struct trop_pt_walk {
    const tro_ctx *ctx;
    const char *kind; /* finding codes' prefix: "pytorch" (NULL), "numpy", "keras" */
    tro_artifact *a;
    trop_pkl_job job;
    trop_pt_src in;
    struct archive *ar;
    uint64_t entries;
    uint64_t unreadable;
    trop_strset names; /* entry names seen, for duplicates */
    char name[400];    /* printable name of the current entry */
    bool stopped;      /* the archive could not be read further */
    bool cur_done;     /* the current entry's data was read to its end */
    /* The walk ran out of a memory prefix (PT_OUT_*). With a tail in the
     * source, its finding waits: the central directory may tell what the
     * rest holds (trop_pt_report_ran_out() makes it when it cannot). */
    int ran_out;
} trop_pt_walk;

enum { TROP_PT_OUT_NONE, TROP_PT_OUT_ARCHIVE, TROP_PT_OUT_ENTRY };

/* The pytorch-scan-incomplete error for a walk that ran out of its prefix
 * (w->ran_out): in the archive structure, or in entry w->name. */
int trop_pt_report_ran_out(trop_pt_walk *w);
/* A new walk over artifact a whose findings have codes prefixed by kind
 * (NULL: "pytorch"); *rc gets what initialising its pickle job returned.
 * NULL when out of memory. Free with trop_pt_walk_free(). */
trop_pt_walk *trop_pt_walk_new(const tro_ctx *ctx, tro_artifact *a, const char *kind, int *rc);
void trop_pt_walk_free(trop_pt_walk *w);
/* "KIND-what" for w's kind, in buf (64 bytes). */
const char *trop_pt_code(const trop_pt_walk *w, const char *what, char *buf);

/* Opens src as a zip (seekable when the whole content is at hand) or a
 * tar. Returns 0, TRO_ENOMEM, or TRO_EFORMAT after a finding. */
int trop_pt_open(trop_pt_walk *w, const trop_src *src, bool zip);
void trop_pt_close(trop_pt_walk *w);
/* Next entry: 1 with *e set, 0 at the end, <0 on ENOMEM/EIO. Problems
 * reading the archive become findings (and end the walk). */
int trop_pt_next(trop_pt_walk *w, struct archive_entry **e);
/* Checks the name of entry e (unsafe paths, duplicates, count limit) and
 * fills w->name. Returns 1 to go on, 0 to stop the walk, <0 on ENOMEM. */
int trop_pt_entry_name(trop_pt_walk *w, struct archive_entry *e, const char **raw);
/* The unsafe-path and duplicate checks of trop_pt_entry_name() for a name
 * (NULL: undecodable) already in w->name. Returns 1, or <0 on ENOMEM. */
int trop_pt_name_checks(trop_pt_walk *w, const char *name);

/* A pickle input over the current entry's data. The first bytes read by
 * trop_pt_entry_head() are handed out again. */
typedef struct trop_pt_entry_io {
    trop_pt_walk *w;
    unsigned char head[8];
    size_t hn, hpos;
    char msg[200];
} trop_pt_entry_io;
void trop_pt_entry_io_init(trop_pkl_io *io, trop_pt_entry_io *st, trop_pt_walk *w);
/* Reads up to 8 first bytes of the entry (kept for the pickle input).
 * Returns the count, or <0 when the data cannot be read (message in
 * st->msg; TRO_EIO for I/O errors). */
int trop_pt_entry_head(trop_pt_entry_io *st);
/* Reads a small entry whole (up to TROP_PT_SMALL_ENTRY - 1 bytes, trimmed). */
int trop_pt_entry_small(trop_pt_walk *w, char *out, size_t cap);
/* Copies up to cap - 1 bytes of b into out, trailing blanks trimmed. */
void trop_pt_small_copy(char *out, size_t cap, const unsigned char *b, size_t n);

/* Scans the current entry as consecutive pickles. */
int trop_pt_scan_entry(trop_pt_walk *w, trop_pkl_io *io);
/* ---- The central directory of a streamed zip (cd.c) -------------------- */

/* One central directory entry, zip64 sizes and offsets applied. */
typedef struct trop_pt_cd_entry {
    const char *name; /* NUL-terminated, in trop_pt_cd.pool */
    size_t name_len;
    uint64_t lho; /* offset of its local header */
    uint64_t csize, usize;
    uint64_t at; /* offset of this record in the file, for messages */
    uint16_t method, flags;
} trop_pt_cd_entry;

typedef struct trop_pt_cd {
    trop_pt_cd_entry *v; /* sorted by local header offset */
    size_t n;
    char *pool;
    size_t walked; /* v[0..walked): entries the prefix walk read whole */
    bool ok;       /* listed, and consistent with the prefix walk */
} trop_pt_cd;

/* Lists the entries of the zip in w's source from the central directory in
 * its tail, and matches them with what the prefix walk read. cd->ok is
 * false when the tail holds no usable directory (malformed: after a
 * pytorch-malformed finding). Returns 0 or TRO_ENOMEM. */
int trop_pt_cd_read(trop_pt_walk *w, trop_pt_cd *cd);
/* The data of stored entry e when it lies wholly in memory (its local
 * header checked), with its length; NULL otherwise. Borrowed from the
 * source. */
const unsigned char *trop_pt_cd_data(trop_pt_walk *w, const trop_pt_cd_entry *e, size_t *len);
void trop_pt_cd_free(trop_pt_cd *cd);

/* Legacy tar checkpoints (tar.c). */
int trop_pt_read_tar(trop_pt_walk *w, const trop_src *src);

#endif /* TROP_PYTORCH_H */
