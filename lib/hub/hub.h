/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* Private to lib/hub: the Hugging Face Hub client. It sits at the scan
 * level: it fetches the bytes that the readers then read, and builds
 * releases like tro_scan() does; it never judges.
 *
 *   ref.c       hf:// references and Hub web URLs
 *   link.c      the Link header (tree pagination)
 *   api.c       the revision and tree API answers
 *   http.c      HTTP on libcurl's multi interface: the driving thread
 *   http_xfer.c one request's transfer (http_none.c replaces both without libcurl)
 *   cache.c     the cache, in huggingface_hub's layout
 *   remote.c    a remote file as a byte source (HTTP ranges)
 *   zipplan.c   what of a remote PyTorch zip its reader needs
 *   fetch.c     one file: from a cache, else the network
 *   revision.c  the commit a branch or tag names
 *   open.c      a repository as a release (tro_hub_open)
 *   readfile.c  one file of it, as its readers need
 *   resolve.c   ids resolved online (tro_hub_resolve)
 *   hub.c       the client: options, environment, URLs, statistics
 */
#ifndef TROP_HUB_H
#define TROP_HUB_H

#include "../scan/scan.h"

#include <pthread.h>
#include <stdatomic.h>

/* ---- References (ref.c) ------------------------------------------------- */
#define TROP_HUB_ID_LEN 200 /* "org/name" at most, with its NUL */
#define TROP_HUB_REV_LEN 256

typedef struct trop_hub_ref {
    tro_ref_kind kind;
    char id[TROP_HUB_ID_LEN];   /* "org/name" or "name" */
    char rev[TROP_HUB_REV_LEN]; /* "main" when not given */
} trop_hub_ref;

/* Whether id is a repository id the Hub could have: one or two segments of
 * letters, digits, '.', '_', '-' (no "--", "..", nor a leading or trailing
 * '.' or '-'), at most 96 characters each. */
bool trop_hub_id_ok(const char *id);
/* Whether rev is a revision name that can go into a URL path: a branch,
 * tag or commit, '/' allowed between non-empty segments, no "..". */
bool trop_hub_rev_ok(const char *rev);
/* Parses s: hf://[models/|datasets/]ID[@REV], or a web URL under endpoint
 * (which may be NULL) or https://huggingface.co / https://hf.co:
 * .../ID, .../ID/tree/REV[/...], .../ID/blob/REV/..., .../datasets/ID...
 * 1 with *out filled, 0 when s is not a Hub reference at all, -1 when it is
 * one but malformed (*why: a static reason). */
int trop_hub_ref_parse(const char *s, const char *endpoint, trop_hub_ref *out, const char **why);
/* "models" or "datasets". */
const char *trop_hub_kind_dir(tro_ref_kind kind);
/* Appends s to buf percent-encoded for a URL path (keep_slash: '/' kept). */
bool trop_hub_url_escape(char *buf, size_t cap, const char *s, bool keep_slash);

/* ---- The Link header (link.c) ------------------------------------------- */
/* The target of the link with rel="next" in a Link header value (len
 * bytes): 1 with *out (free()), 0 when there is none, TRO_ENOMEM. Targets
 * longer than 8 KiB are ignored. */
int trop_link_next(const char *value, size_t len, char **out);

/* ---- API answers (api.c) ------------------------------------------------ */
typedef struct trop_hub_revision {
    char sha[41];    /* the commit, 40 lowercase hex digits */
    bool gated;      /* "gated": "auto" or "manual" (or true) */
    bool priv;       /* "private": true */
    char **siblings; /* "siblings"[].rfilename, NULL when absent */
    size_t nsiblings;
} trop_hub_revision;

/* Parses GET /api/{models,datasets}/ID/revision/REV. 0, TRO_EFORMAT (why
 * filled in: what is wrong, with the byte offset for JSON errors),
 * TRO_ELIMIT (more than max_entries siblings), TRO_ENOMEM. */
int trop_hub_parse_revision(const char *body, size_t len, uint64_t max_entries,
                            trop_hub_revision *out, char *why, size_t whysz);
void trop_hub_revision_clear(trop_hub_revision *r);

typedef struct trop_hub_file {
    char *path;
    uint64_t size;
    char oid[41]; /* git blob id, "" when not given */
    bool lfs;
    char lfs_sha256[65]; /* lfs.oid */
    uint64_t lfs_size;
} trop_hub_file;

typedef TROP_VEC(trop_hub_file) trop_hub_tree;

/* Appends the files of one page of GET /api/.../tree/SHA?recursive=true (a
 * JSON array; folders skipped) to t. Paths are checked (relative, no "..",
 * UTF-8). Same errors as trop_hub_parse_revision(). */
int trop_hub_parse_tree(const char *body, size_t len, uint64_t max_entries, trop_hub_tree *t,
                        char *why, size_t whysz);
void trop_hub_tree_clear(trop_hub_tree *t);
/* The tree as a JSON array in the Hub's own form, for the cache (read back
 * with trop_hub_parse_tree()). *out owned (free()). */
int trop_hub_tree_json(const trop_hub_tree *t, char **out, size_t *len);

/* ---- HTTP (http.c, http_none.c) ----------------------------------------- */
typedef struct trop_http trop_http;

typedef struct trop_http_opts {
    const char *user_agent;
    const char *auth_origin; /* "scheme://host:port" the token may go to */
    const char *token;       /* NULL: none */
    unsigned max_parallel;
    unsigned connect_ms, stall_ms, total_ms;
    unsigned max_tries, retry_base_ms, max_wait_ms;
} trop_http_opts;

/* A streaming consumer of a response body (instead of a buffer): returns
 * 0 to go on. restart is called before the body is sent again. */
typedef struct trop_http_sink {
    int (*write)(void *ud, const void *p, size_t n);
    void (*restart)(void *ud);
    void *ud;
} trop_http_sink;

typedef struct trop_http_req trop_http_req;
struct trop_http_req {
    /* set by the caller */
    const char *url;
    uint64_t range_off, range_len; /* range_len 0: the whole body */
    uint64_t max_body;             /* larger bodies fail with TRO_ELIMIT */
    const char *if_none_match;     /* an ETag, or NULL */
    const trop_http_sink *sink;    /* NULL: the body is kept in body */
    bool no_total_timeout;         /* whole-file downloads */
    /* the outcome */
    int rc;      /* 0 (2xx, 304), TRO_ENOTFOUND (404), TRO_EACCESS (401,
                    403), TRO_ELIMIT, TRO_ENETWORK, TRO_ENOMEM */
    long status; /* HTTP status of the last answer, 0 if none */
    char *body;  /* NUL-terminated (free()); NULL with a sink */
    size_t body_len;
    char etag[130], linked_etag[130]; /* unquoted */
    char error_code[64];              /* X-Error-Code, "" if none */
    char *link_next;                  /* Link: rel="next" target (free()) */
    char err[384];                    /* why it failed: "URL: what" */
    /* private to http.c */
    trop_http_req *next;
    void *priv;
    bool done;
};

/* The client. Errors: TRO_EUNSUPPORTED (built without libcurl), TRO_ENOMEM. */
int trop_http_new(trop_http **out, const trop_http_opts *o, char *why, size_t whysz);
void trop_http_free(trop_http *h);
/* Sends r (r->url etc. set, the rest zeroed) and returns at once. */
void trop_http_start(trop_http *h, trop_http_req *r);
/* Waits for r; returns r->rc. */
int trop_http_wait(trop_http *h, trop_http_req *r);
/* Frees what r holds (body, link_next, private state); r may be reused. */
void trop_http_req_clear(trop_http_req *r);
void trop_http_counts(trop_http *h, uint64_t *requests, uint64_t *in, uint64_t *out);

/* ---- The cache (cache.c) -------------------------------------------------
 * ROOT/{models,datasets}--ORG--NAME/ as huggingface_hub lays it out:
 * blobs/ETAG (file contents), snapshots/SHA/PATH (relative links to the
 * blobs), refs/REV (the commit a branch or tag named); and trulyopen's
 * own, in the repository folder: .trulyopen/tree-SHA.json (the tree
 * listing) and .trulyopen/ranges/OID/OFFSET-LENGTH (byte ranges of
 * weights the readers read). Writes are atomic (temporary file, rename);
 * a cache that cannot be written is only slower. */
char *trop_hub_repo_dir(const char *root, const trop_hub_ref *ref);
/* refs/REV: 1 with sha, 0 if absent or malformed. */
int trop_hub_cache_ref(const char *root, const trop_hub_ref *ref, const char *rev, char sha[41]);
void trop_hub_cache_put_ref(const char *root, const trop_hub_ref *ref, const char *rev,
                            const char *sha);
/* The path of snapshots/SHA/PATH when it is a regular file (links
 * followed), else NULL. Owned (free()). */
char *trop_hub_cache_file(const char *root, const trop_hub_ref *ref, const char *sha,
                          const char *path);
/* Reads a regular file of at most max bytes: 1 with *data (NUL-terminated,
 * free()), 0 when absent, TRO_ELIMIT when larger, TRO_ENOMEM. */
int trop_hub_read_file(const char *path, uint64_t max, char **data, size_t *len);
/* Stores a file of snapshot SHA as blobs/ETAG (etag "" : its SHA-256). */
void trop_hub_cache_put_file(const char *root, const trop_hub_ref *ref, const char *sha,
                             const char *path, const char *etag, const void *data, size_t len);
/* .trulyopen/NAME: as trop_hub_read_file() / stored atomically. */
int trop_hub_cache_get_meta(const char *root, const trop_hub_ref *ref, const char *name,
                            uint64_t max, char **data, size_t *len);
void trop_hub_cache_put_meta(const char *root, const trop_hub_ref *ref, const char *name,
                             const void *data, size_t len);
/* Byte ranges of the file whose content id is oid. */
typedef int (*trop_hub_range_fn)(void *ud, uint64_t off, const void *data, size_t len);
int trop_hub_cache_get_ranges(const char *root, const trop_hub_ref *ref, const char *oid,
                              uint64_t size, uint64_t max_total, trop_hub_range_fn fn, void *ud);
void trop_hub_cache_put_range(const char *root, const trop_hub_ref *ref, const char *oid,
                              uint64_t off, const void *data, size_t len);

/* ---- The client (hub.c) ------------------------------------------------- */
struct tro_hub {
    unsigned flags;
    char *endpoint;     /* no trailing '/' */
    char *token;        /* NULL: none */
    char *cache_dir;    /* NULL: none */
    char *hf_cache_dir; /* NULL: none */
    trop_http_opts http_opts;
    uint64_t max_response;
    pthread_mutex_t lock; /* http below */
    trop_http *http;      /* made on first use */
    int http_rc;          /* why it could not be made */
    char http_why[256];
    atomic_uint_fast64_t cache_reads;
};

/* The HTTP client, made on first use: 0 with *out, TRO_ENETWORK when
 * offline, TRO_EUNSUPPORTED without libcurl (why filled in). */
int trop_hub_http(tro_hub *hub, trop_http **out, char *why, size_t whysz);
/* Runs one request to the end (r: url etc. set). */
int trop_hub_get(tro_hub *hub, trop_http_req *r);
/* "ENDPOINT/api/KINDS/ID/..." and "ENDPOINT[/datasets]/ID/resolve/SHA/PATH",
 * with the revision and path escaped. Owned (free()); NULL on ENOMEM. */
char *trop_hub_api_url(const tro_hub *hub, const trop_hub_ref *ref, const char *what,
                       const char *rev);
char *trop_hub_file_url(const tro_hub *hub, const trop_hub_ref *ref, const char *sha,
                        const char *path);
/* The commit a revision names: the caches, else the revision API (its
 * answer in *rv when asked, may be NULL). Pinned shas found in a cache are
 * not asked for; branch names always are, unless offline. Errors with why
 * filled in: as tro_hub_open(). */
int trop_hub_commit(tro_hub *hub, const trop_hub_ref *ref, char sha[41], trop_hub_revision *rv,
                    bool *from_cache, char *why, size_t whysz);

/* ---- Fetching one file (fetch.c) ---------------------------------------- */
typedef struct trop_hub_blob {
    char *data; /* NUL-terminated; free() */
    size_t len;
    char *local; /* or a file on disk holding it (a cache); free() */
} trop_hub_blob;

/* The whole file PATH of commit sha, at most max bytes: from the user's
 * cache or ours, else downloaded (and cached). Errors as trop_http_req.rc,
 * with why filled in. */
int trop_hub_fetch_file(tro_hub *hub, const trop_hub_ref *ref, const char *sha, const char *path,
                        uint64_t max, trop_hub_blob *out, char *why, size_t whysz);

/* ---- Remote files as byte sources (remote.c) ------------------------------ */
typedef struct trop_remote trop_remote;
/* A source reading file f of commit sha by HTTP ranges (and the ranges
 * cache); at most max bytes of it are ever fetched. */
int trop_remote_new(trop_remote **out, tro_hub *hub, const trop_hub_ref *ref, const char *sha,
                    const trop_hub_file *f, uint64_t max);
void trop_remote_free(trop_remote *r);
/* The source (borrowed from r). */
const trop_src *trop_remote_src(trop_remote *r);
/* Why the last read failed ("" if none) and its code. */
const char *trop_remote_error(const trop_remote *r, int *rc);
/* Stores the ranges read in the cache. */
void trop_remote_keep(trop_remote *r);
/* A PyTorch zip: its start up to the end of its first entry and its end
 * from the central directory, as a memory source with a tail (what the
 * reader reads of a streamed checkpoint). 1 when it is one (*out set,
 * borrowed from r), 0 when not a zip, <0 when the bytes could not be had. */
int trop_remote_zip_src(trop_remote *r, trop_src *out);

/* ---- Opening a repository (open.c lists, readfile.c reads) -------------- */
#define TROP_HASH_ALL_MAX (64u << 20) /* a file outside LFS: the Hub puts bigger ones in LFS */
/* What the readers need of a file. */
typedef enum trop_hub_how { TROP_READ_NONE, TROP_READ_WHOLE, TROP_READ_RANGES } trop_hub_how;

typedef struct trop_hub_job {
    tro_artifact *a;
    const trop_hub_file *f;
    trop_hub_how how;
} trop_hub_job;

typedef struct trop_hub_opener {
    tro_hub *hub;
    tro_ctx *ctx;
    trop_hub_ref ref;
    char sha[41];
    unsigned flags;
    tro_release *rel;
    trop_hub_tree tree;
    trop_hub_job *jobs;
    size_t njobs;
    atomic_size_t next;
    pthread_mutex_t mu; /* release-level findings, fatal */
    bool gated_noted;
    int fatal;
} trop_hub_opener;

/* Reads job j's file: findings on its artifact (or, once, the release's
 * hub-gated). 0, or TRO_ENOMEM. Called from several threads, one per job. */
int trop_hub_read_one(trop_hub_opener *o, const trop_hub_job *j);
/* Gives a an LFS file's SHA-256 from the tree (sha256_source "hub-lfs"). */
void trop_hub_lfs_hash(tro_artifact *a, const trop_hub_file *f);

/* ---- PyTorch zips (zipplan.c) ------------------------------------------- */
/* The central directory of a size-byte zip from its last n bytes (tail):
 * 1 with *cd_off and *cd_size, 0 when there is no end record, -1 when it
 * is malformed. */
int trop_zip_locate(const unsigned char *tail, size_t n, uint64_t size, uint64_t *cd_off,
                    uint64_t *cd_size);
/* How much of the file's start holds the pickles (*.pkl) central directory
 * cd (n bytes) lists, their local headers included (at most size). */
uint64_t trop_zip_pickles_end(const unsigned char *cd, size_t n, uint64_t size);

#endif
