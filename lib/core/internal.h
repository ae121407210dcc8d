/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/*
 * Private interfaces shared by the library's modules. Never installed.
 * Data flows one way: scan (lib/scan) -> read (lib/read) -> know
 * (lib/license) -> judge (lib/judge) -> report (lib/report).
 */
#ifndef TROP_INTERNAL_H
#define TROP_INTERNAL_H

#ifndef TRO_BUILDING
#error "lib/core/internal.h is private to libtrulyopen"
#endif

#include "config.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include <trulyopen.h>

#include "toolkit.h"

/* ---- Defaults for tro_limits (0 in the options means these) ------------- */
#define TROP_DEFAULT_MAX_TEXT_BYTES (16ull << 20)
#define TROP_DEFAULT_MAX_HEADER_BYTES 100000000ull
#define TROP_DEFAULT_MAX_ENTRIES 1000000ull
#define TROP_DEFAULT_MAX_DEPTH 64u
#define TROP_DEFAULT_MAX_ALIASES 1000u
#define TROP_DEFAULT_MAX_EXPAND_BYTES (1ull << 40)
#define TROP_DEFAULT_MAX_EXPAND_RATIO 100u
/* What an archive may expand to before max_expand_ratio applies: small
 * archives of text compress well, and their expansion is cheap to read. */
#define TROP_EXPAND_FLOOR (64ull << 20)

/* ---- Context ------------------------------------------------------------ */
struct tro_ctx {
    unsigned int threads;
    unsigned int flags;
    tro_limits limits;          /* defaults filled in, never 0 */
    char **ignore;
    size_t ignore_count;
    tro_progress_fn progress;
    void *progress_userdata;
};

/* ---- Findings ----------------------------------------------------------- */
struct tro_finding {
    tro_severity severity;
    char *code;
    char *message;
    char *path;                 /* "" for the whole release */
    int64_t offset;             /* -1 when not applicable */
};

typedef TROP_VEC(tro_finding) trop_findings;

int trop_findings_addv(trop_findings *fs, tro_severity sev, const char *code,
                       const char *path, int64_t offset, const char *fmt,
                       va_list ap) TROP_PRINTF(6, 0);
int trop_findings_add(trop_findings *fs, tro_severity sev, const char *code,
                      const char *path, int64_t offset, const char *fmt, ...)
    TROP_PRINTF(6, 7);
void trop_findings_clear(trop_findings *fs);
/* Whether f, a finding of the finished release rel, says that part of it
 * was not read (so that a manifest of it would be incomplete). */
bool trop_finding_unread(const tro_release *rel, const tro_finding *f);
/* f's message without the "PATH: " it starts with. Borrowed from f. */
const char *trop_finding_text(const tro_finding *f);

/* ---- Artifacts ---------------------------------------------------------- */
struct tro_artifact {
    char *path;                 /* relative, '/'-separated */
    uint64_t size;
    tro_type type;
    bool hashed;
    char sha256[65];
    bool sha256_hub;            /* sha256 is the Hub's LFS oid, not computed */
    bool is_lfs;
    char lfs_oid[65];
    uint64_t lfs_size;
    json_t *meta;               /* the reader's metadata (a JSON object, never NULL) but
                                 * for cards, whose metadata is rendered from their facts */
    trop_findings findings;     /* this artifact's, merged into the release */
    char *fs_path;              /* where to read it on disk; NULL otherwise */
    /* What the reader tells the judge (lib/read/facts.h: a trop_facts), or
     * NULL; it and everything it points to live in mem, freed with the
     * artifact. */
    void *facts;
    trop_arena mem;
};

/* Adds a finding about artifact a (path filled in). */
int trop_artifact_finding(tro_artifact *a, tro_severity sev, const char *code,
                          int64_t offset, const char *fmt, ...)
    TROP_PRINTF(5, 6);

/* ---- Releases -----------------------------------------------------------
 * A release is built (tro_scan(), tro_release_add_buffer()) and then only
 * read: trop_release_finish() ends every building step, so readers of a
 * release never sort or merge anything. */
struct tro_release {
    tro_ctx *ctx;
    char *name;
    /* Where a release made by the library came from, for reports
     * ("hub:ORG/NAME@SHA"); NULL for scans and releases built by callers. */
    char *origin;
    tro_artifact **arts;
    size_t n, cap;
    size_t arts_done;           /* arts[0..arts_done) are sorted, their findings adopted */
    trop_findings findings;     /* release-level, then adopted from the artifacts */
    size_t findings_done;       /* findings.v[0..findings_done) are sorted */
    size_t shard_indexes;       /* how many the last cross-check found (lib/read) */
    char errbuf[512];
};

/* Creates an artifact owned by rel; NULL on allocation failure. */
tro_artifact *trop_release_add(tro_release *rel, const char *path, uint64_t size);
/* Removes and frees the artifact trop_release_add() added last, when the
 * release was not finished since. */
void trop_release_pop(tro_release *rel);
/* Release-level finding (path may be "" or an artifact path). */
int trop_release_finding(tro_release *rel, tro_severity sev, const char *code,
                         const char *path, int64_t offset, const char *fmt, ...)
    TROP_PRINTF(6, 7);
/* Removes the artifacts in drop[0..n) from rel and frees them. Their
 * findings move to the release when keep_findings (an artifact that could
 * not be read), else go with them (an artifact that is ignored). */
int trop_release_drop(tro_release *rel, tro_artifact *const *drop, size_t n, bool keep_findings);
/* Ends a building step: moves the findings of the artifacts added since
 * the last call to the release and sorts artifacts by path and findings by
 * path, offset and code (new ones are merged in). Idempotent. */
int trop_release_finish(tro_release *rel);
/* The artifact at path in a finished release, or NULL; *at gets the index
 * where it is or would be. */
tro_artifact *trop_release_lookup(const tro_release *rel, const char *path, size_t *at);
/* Records the message of a failed call; returns code. */
int trop_release_fail(tro_release *rel, int code, const char *fmt, ...)
    TROP_PRINTF(3, 4);

/* ---- Errors ------------------------------------------------------------- */
/* Fills err (if not NULL) and returns code. */
int trop_error_set(tro_error *err, int code, int64_t offset, const char *fmt, ...)
    TROP_PRINTF(4, 5);

/* ---- Byte sources: what readers read from -------------------------------
 * A reader sees an artifact as `size` bytes. They come from a file
 * descriptor (random access) or from memory. Memory sources may hold only a
 * prefix of the artifact (archive entries are streamed once; the scanner
 * keeps the first bytes the type needs): reading past `avail` fails with
 * TRO_ELIMIT so the reader can report "not read: streamed".
 */
typedef struct trop_src {
    const char *name;           /* artifact path, for messages */
    uint64_t size;              /* full size of the artifact */
    int fd;                     /* >= 0: read with pread */
    const unsigned char *data;  /* else: memory */
    uint64_t avail;             /* bytes available in data */
    /* Optional, memory sources only: the LAST tail_len bytes of the
     * artifact, [size - tail_len, size). The scanner keeps them for
     * entries whose index sits at their end (a zip's central directory). */
    const unsigned char *tail;
    size_t tail_len;
    /* Optional: random access through a callback instead of fd or data (a
     * remote file read by HTTP ranges, lib/hub): fd is then -1 and data
     * NULL. It returns 0 or a TRO_E* code (TRO_EIO when the bytes could not
     * be had). */
    int (*read_at)(void *ud, uint64_t off, void *buf, size_t len);
    void *read_ud;
} trop_src;

/* Whether src is read at any offset through trop_src_read() (a file or a
 * callback) rather than from a memory prefix. */
static inline bool trop_src_random(const trop_src *src)
{
    return src->fd >= 0 || src->read_at != NULL;
}

/* Reads exactly len bytes at off. TRO_EFORMAT if off+len > size (truncated
 * input), TRO_ELIMIT if beyond a memory prefix (and not wholly inside its
 * tail), TRO_EIO on read errors. */
int trop_src_read(const trop_src *src, uint64_t off, void *buf, size_t len);
/* For memory sources: a pointer to bytes [off, off+len) when they lie
 * wholly in the prefix or wholly in the tail (borrowed from src), else
 * NULL. Always NULL for file descriptors. */
const unsigned char *trop_src_mem(const trop_src *src, uint64_t off, size_t len);
/* Reads the whole source (bounded by max) into a new NUL-terminated buffer
 * (free with free()). TRO_ELIMIT when size > max. */
int trop_src_slurp(const trop_src *src, uint64_t max, char **out, size_t *len);

/* ---- Type detection (lib/scan/detect.c) --------------------------------- */
/* head: the first min(size, TROP_DETECT_HEAD) bytes. */
#define TROP_DETECT_HEAD 4096
tro_type trop_detect_type(const char *path, const unsigned char *head,
                                   size_t head_len, uint64_t size);

/* ---- Licence URLs (lib/license/lookup.c) -------------------------------- */
/* The licence expression an absolute URL is known as, NULL if none (a
 * static string): tro_license_classify_hf's URL table without building a
 * result, for callers that read many links. */
const char *trop_license_url_expr(const char *url, size_t len);

/* ---- Little-endian integers, as the binary formats store them ------------ */
static inline uint16_t trop_le16(const unsigned char *p)
{
    return (uint16_t)(p[0] | p[1] << 8);
}

static inline uint32_t trop_le32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static inline uint64_t trop_le64(const unsigned char *p)
{
    return (uint64_t)trop_le32(p) | (uint64_t)trop_le32(p + 4) << 32;
}

/* ---- Small utilities (lib/core/util.c) ---------------------------------- */
char *trop_strdup(const char *s);
char *trop_strndup(const char *s, size_t n);
char *trop_asprintf(const char *fmt, ...) TROP_PRINTF(1, 2);
char *trop_vasprintf(const char *fmt, va_list ap) TROP_PRINTF(1, 0);
void trop_hex(const unsigned char *in, size_t n, char *out /* 2n+1 */);
/* lib/core/hf_ref.c: the revision a Hugging Face cache repository folder's
 * refs/main names, into rev (cap bytes, NUL-terminated, trailing blanks
 * dropped). 1 when it is a plain folder name, 0 when there is none or it
 * is not, TRO_ENOMEM. */
int trop_hf_main_ref(const char *repo, char *rev, size_t cap);
/* lib/core/utf8.c */
bool trop_utf8_valid(const char *s, size_t n);
/* Offset of the first byte that is not part of valid UTF-8 (strict: no
 * overlongs, surrogates or code points above U+10FFFF), or n if valid. */
size_t trop_utf8_check(const char *s, size_t n);

/* Length of the valid UTF-8 sequence at s[0..avail) (1 to 4), its code
 * point in *cp; 0 when the bytes there are not valid UTF-8. */
size_t trop_utf8_decode(const char *s, size_t avail, uint32_t *cp);

/* Largest m <= n such that s[0..m) does not end inside a UTF-8 sequence
 * that continues past n. Used to cut texts at a limit. */
size_t trop_utf8_floor(const char *s, size_t n, size_t m);

/* Replaces each byte of s that is not part of valid UTF-8 with '?', in
 * place, so offsets stay exact. Returns how many bytes were replaced. */
size_t trop_utf8_patch(char *s, size_t n);

/* A copy of s where each invalid byte becomes U+FFFD. *out is owned by the
 * caller (free()). Returns 0 or TRO_ENOMEM. */
int trop_utf8_lossy(const char *s, size_t n, char **out, size_t *out_len);

/* lib/core/escape.c: paths from file names, and text safe to display. */
/* The path of a file named s[0..n) (any bytes): valid UTF-8 as is,
 * other bytes as \xHH, a backslash doubled where it would start an escape.
 * NULL on allocation failure; free with free(). */
char *trop_path_escape(const char *s, size_t n);
/* The bytes a path stands for (*len of them, NUL-terminated); NULL on
 * allocation failure; free with free(). */
char *trop_path_unescape(const char *s, size_t n, size_t *len);
/* 1 if trop_path_escape() writes s[0..n) for some name, 0 if it never does
 * (a stray escape), TRO_ENOMEM. */
int trop_path_canonical(const char *s, size_t n);
/* s made safe to display (tro_text_escape()): s itself when nothing needs
 * escaping (*buf NULL), else a copy in *buf (free with free()); NULL on
 * allocation failure. NULL s gives "". */
const char *trop_text_display(const char *s, char **buf);

/* lib/core/nameset.c: a set of strings (duplicate names), O(1) expected
 * per operation whatever the names: the hash is keyed at random per set,
 * so names chosen to collide cannot make it quadratic. Zero-initialise. */
typedef struct trop_nameset {
    char **slot;
    uint64_t *hash; /* of each slot's name */
    size_t cap, n;
    uint64_t key[2];
} trop_nameset;
/* 1 if name was added (copied), 0 if already present, TRO_ENOMEM. */
int trop_nameset_add(trop_nameset *s, const char *name);
/* Whether name is in the set. */
bool trop_nameset_has(const trop_nameset *s, const char *name);
void trop_nameset_free(trop_nameset *s);

bool trop_str_endswith(const char *s, const char *suffix);
bool trop_str_iendswith(const char *s, const char *suffix);
/* Checked arithmetic: return false on overflow. */
static inline bool trop_add_u64(uint64_t a, uint64_t b, uint64_t *r)
{
    return !__builtin_add_overflow(a, b, r);
}
static inline bool trop_mul_u64(uint64_t a, uint64_t b, uint64_t *r)
{
    return !__builtin_mul_overflow(a, b, r);
}

#endif /* TROP_INTERNAL_H */
