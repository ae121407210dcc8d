/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* Private to lib/scan: hashing, the per-artifact pipeline, and the pieces of
 * tro_scan() (walk, archive, pool) that talk to each other. */
#ifndef TROP_SCAN_H
#define TROP_SCAN_H

#include "internal.h"

#include "../read/facts.h"

#include <stdatomic.h>
#include <sys/stat.h>

typedef struct evp_md_ctx_st EVP_MD_CTX;
typedef struct evp_md_st EVP_MD;

typedef struct trop_sha256 {
    EVP_MD_CTX *md; /* NULL when not set up: update and final then fail */
} trop_sha256;

/* Initialises OpenSSL and fetches SHA-256 once, for threads to share (free
 * with trop_sha256_md_free). TRO_ENOMEM with OpenSSL's reason in why. */
int trop_sha256_fetch(EVP_MD **out, char *why, size_t n);
void trop_sha256_md_free(EVP_MD *md);
/* With a fetched digest (md NULL: OpenSSL's built-in lookup, for callers
 * that hash on one thread). TRO_ENOMEM; h->md is NULL on failure. */
int trop_sha256_init_md(trop_sha256 *h, const EVP_MD *md);
int trop_sha256_init(trop_sha256 *h);
int trop_sha256_update(trop_sha256 *h, const void *data, size_t len);
/* Writes lowercase hex and frees the state. */
int trop_sha256_final(trop_sha256 *h, char hex[65]);
void trop_sha256_abort(trop_sha256 *h);
int trop_sha256_buf(const void *data, size_t len, char hex[65]);

/* Types artifact a from src and runs its reader (unless TRO_SCAN_NO_READERS).
 * Content problems become findings on a; returns <0 only for ENOMEM/EIO. */
int trop_artifact_read(const tro_ctx *ctx, tro_artifact *a, const trop_src *src);

/* Rejects absolute names, "..", empty components and NUL; 0 if fine, else
 * a static reason. */
const char *trop_path_problem(const char *name);

/* ---- Progress pacing (scan.c) -------------------------------------------
 * Every phase of a scan reports through one ticker, on the calling thread,
 * so the user's callback sees at most about ten calls a second. */
typedef struct trop_ticker {
    const tro_ctx *ctx;
    uint64_t next_ns; /* monotonic time of the next report */
} trop_ticker;

void trop_ticker_init(trop_ticker *t, const tro_ctx *ctx);
/* Reports done/total when due (or always when force); TRO_ECANCELED when
 * the callback asks to stop, else 0. */
int trop_tick(trop_ticker *t, uint64_t done, uint64_t total, bool force);

/* A copy of name safe to print: invalid UTF-8 bytes and control characters
 * become \xNN. NULL on allocation failure; free with free(). */
char *trop_name_printable(const char *name);

/* ---- What to skip (ignore.c) -------------------------------------------- */
typedef struct trop_ignore_pattern {
    char *glob;
    bool dir_only; /* written with a trailing '/' */
} trop_ignore_pattern;

typedef struct trop_ignore {
    bool vcs; /* skip .git, .hg, .svn, .bzr, CVS, _darcs */
    trop_ignore_pattern *pats;
    size_t n;
} trop_ignore;

/* From ctx's flags and patterns; free with trop_ignore_free() even on error. */
int trop_ignore_init(trop_ignore *ig, const tro_ctx *ctx);
void trop_ignore_free(trop_ignore *ig);
/* Whether the entry rel (last component name) is skipped. */
bool trop_ignore_match(const trop_ignore *ig, const char *rel, const char *name, bool is_dir);
/* Whether rel or one of its folders is skipped: 1, 0, or TRO_ENOMEM. */
int trop_ignore_path(const trop_ignore *ig, const char *rel);

/* ---- Files waiting to be read and hashed (pool.c) ----------------------- */
typedef struct trop_job {
    tro_artifact *a; /* owned by the release; a->fs_path is set */
    uint64_t size;   /* from the walk's stat: ordering, progress */
    bool failed;     /* set by a worker: could not be read */
} trop_job;

typedef struct trop_jobs {
    TROP_VEC(trop_job) list;
    uint64_t bytes; /* sum of sizes, the progress total */
} trop_jobs;

/* Adds artifact path with its disk location fs_path to rel and to js. */
int trop_jobs_add(trop_jobs *js, tro_release *rel, const char *path, const char *fs_path,
                  uint64_t size);
void trop_jobs_free(trop_jobs *js);

/* ---- Hashing one file (hashfile.c) ---------------------------------------- */
#ifndef TROP_HASH_READ
#define TROP_HASH_READ (128u << 10) /* bytes per read: measured, see hashfile.c */
#endif
#define TROP_HASH_SLOTS 8           /* buffers between a reader thread and the hasher */
/* A file is sparse when it is at least TROP_SPARSE_MIN bytes and less than
 * 1/TROP_SPARSE_RATIO of it is allocated on disk (small files may live in
 * their inode with no block; compressing filesystems save far less than 8x
 * on weights). */
#define TROP_SPARSE_MIN (1ull << 20)
#define TROP_SPARSE_RATIO 8u

/* What a pool worker lends to trop_hash_file(). */
typedef struct trop_hashio {
    const EVP_MD *md;             /* fetched once by the pool */
    unsigned char *buf;           /* TROP_HASH_READ bytes */
    unsigned char *ring;          /* TROP_HASH_SLOTS * TROP_HASH_READ bytes, for
                                   * a reader thread, or NULL */
    const atomic_bool *cancel;    /* the pool gave up: stop early */
    atomic_uint_fast64_t *done;   /* bytes hashed, for progress */
    char why[256];                /* set with a fatal error: what failed */
    uint64_t hashed;              /* out: bytes of the last file hashed */
} trop_hashio;

enum {
    TROP_HASHED = 0,    /* a->sha256 set */
    TROP_HASH_DROP = 1, /* unreadable: finding added, drop the artifact */
    TROP_HASH_KEPT = 2  /* changed while read: finding added, kept unhashed */
};

/* Whether st describes a sparse file (see TROP_SPARSE_MIN). */
bool trop_sparse(const struct stat *st);
/* Hashes the file open on fd from its start; before is its fstat. With
 * overlap, a reader thread reads ahead while this thread hashes. Returns a
 * TROP_HASH* value, or TRO_ENOMEM (io->why says what failed); canceled: 0
 * with nothing hashed. overlap needs io->ring; without a thread for it the
 * file is read on this thread. */
int trop_hash_file(trop_hashio *io, int fd, tro_artifact *a, const struct stat *before,
                   bool overlap);

/* Reads and hashes every job on min(ctx->threads, jobs) workers; artifacts
 * that could not be read are dropped from rel (their findings stay).
 * Errors: TRO_ENOMEM, TRO_ECANCELED (err filled in). */
int trop_pool_run(tro_release *rel, trop_jobs *js, trop_ticker *tick, tro_error *err);

/* ---- Directory walk (walk.c) --------------------------------------------
 * Lists the files under root into js (artifacts added to rel), applying the
 * VCS and ignore rules, symlink containment and the limits. Problems with
 * single entries become findings. Errors: TRO_EIO (root unreadable),
 * TRO_ELIMIT, TRO_ENOMEM, TRO_ECANCELED. */
int trop_walk(tro_release *rel, const char *root, trop_jobs *js, trop_ticker *tick, tro_error *err);

/* ---- Hugging Face cache folders (hfcache.c) ------------------------------ */
/* For a cache repository folder (.../models--ORG--NAME), its current
 * snapshot folder: the one refs/main names, else the one of the greatest
 * name (never the order a folder lists them in); NULL for any other folder,
 * when there is none, or out of memory, which also sets *oom (oom may be
 * NULL). Owned (free()). */
char *trop_hf_repo_snapshot(const char *dir, bool *oom);
/* How many repositories dir holds when it is a cache root (nothing but
 * repository folders, hidden entries and version.txt), else 0; example
 * gets the path of the first repository. */
int trop_hf_cache_root(const char *dir, char *example, size_t cap);
/* Error findings for artifacts read from a cache blob named by a SHA-256
 * that their content does not have. TRO_ENOMEM or 0. */
int trop_hf_blob_check(tro_release *rel);

/* ---- Archives (archive.c) ----------------------------------------------- */
typedef enum trop_archive_kind {
    TROP_NOT_ARCHIVE = 0,
    TROP_ARCHIVE_BY_NAME, /* archive extension: corrupt content is a finding */
    TROP_ARCHIVE_BY_MAGIC /* compressed/archive magic only: may be a plain file */
} trop_archive_kind;

/* Decides from the file name and its first bytes whether to read it as an
 * archive. head holds min(size, TROP_DETECT_HEAD) bytes. */
trop_archive_kind trop_archive_kind_of(const char *name, const unsigned char *head, size_t n,
                                       uint64_t size);

/* Streams the archive open on fd (size bytes) into rel: each entry becomes an
 * artifact, read from a bounded in-memory prefix and hashed as it streams.
 * With TROP_ARCHIVE_BY_MAGIC, content that libarchive does not recognise
 * sets *not_archive and adds nothing. Errors: TRO_ELIMIT, TRO_ENOMEM,
 * TRO_ECANCELED, TRO_EIO (err filled in). */
int trop_archive_scan(tro_release *rel, int fd, uint64_t size, trop_archive_kind kind,
                      trop_ticker *tick, bool *not_archive, tro_error *err);

/* ---- Zip entries flagged encrypted but stored plain (archive_plain.c) ---- */
/* Whether the zip entry whose local header is at byte `at` of the archive
 * open on fd (size bytes) and whose raw name is `name` claims encryption
 * but is stored with no room for it: 1 with the offset and length of its
 * (plain) data, else 0. */
int trop_zip_plain_stored(int fd, uint64_t size, uint64_t at, const char *name, uint64_t *off,
                          uint64_t *len);

/* ---- Archive entry names (archive_name.c) ------------------------------- */
/* Normalises an entry name: leading "./" and trailing "/" removed, bytes
 * that are not UTF-8 escaped (trop_path_escape()). *out is the new name
 * (free()), or NULL with *why set when the name is unsafe (absolute, "..",
 * empty), or NULL with *why NULL for "./", the root folder itself.
 * Returns TRO_ENOMEM or 0. */
int trop_entry_name(const char *raw, char **out, const char **why);

/* Removes prefix (e.g. "model-1.0/") from every artifact and finding path
 * of rel, and from messages that start with it. */
int trop_release_strip_prefix(tro_release *rel, const char *prefix);

/* ---- Manifests (manifest_parse.c, manifest.c, verify.c) ----------------- */
/* One artifact as a manifest records it. */
typedef struct trop_mentry {
    char *path;
    uint64_t size;
    char sha256[65];
    bool lfs; /* an LFS pointer: compare lfs_oid/lfs_size */
    char lfs_oid[65];
    uint64_t lfs_size;
    size_t offset; /* where its object starts in the text */
} trop_mentry;

typedef struct trop_manifest {
    trop_mentry *v;
    size_t n, cap;
} trop_manifest;

/* Parses manifest text into m (sorted by path, no duplicates), bounded by
 * lim (max_entries artifacts, max_depth nesting). Errors, with the byte
 * offset in err: TRO_EPARSE (not JSON), TRO_EFORMAT (not a manifest),
 * TRO_EVERSION (newer format), TRO_ELIMIT, TRO_ENOMEM. */
int trop_manifest_parse(const char *text, size_t len, const tro_limits *lim, trop_manifest *m,
                        tro_error *err);
void trop_manifest_clear(trop_manifest *m);

#endif
