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

#if defined(__GNUC__)
#define TROP_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define TROP_PRINTF(f, a)
#endif

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

typedef struct trop_findings {
    tro_finding *v;
    size_t n, cap;
} trop_findings;

int trop_findings_addv(trop_findings *fs, tro_severity sev, const char *code,
                       const char *path, int64_t offset, const char *fmt,
                       va_list ap) TROP_PRINTF(6, 0);
int trop_findings_add(trop_findings *fs, tro_severity sev, const char *code,
                      const char *path, int64_t offset, const char *fmt, ...)
    TROP_PRINTF(6, 7);
void trop_findings_clear(trop_findings *fs);
/* Whether f says that part of the release was not read (so that a
 * manifest of it would be incomplete). */
bool trop_finding_unread(const tro_finding *f);
/* f's message without the "PATH: " it starts with. Borrowed from f. */
const char *trop_finding_text(const tro_finding *f);

/* ---- Artifacts ---------------------------------------------------------- */
struct tro_artifact {
    char *path;                 /* relative, '/'-separated */
    uint64_t size;
    tro_type type;
    bool hashed;
    char sha256[65];
    bool is_lfs;
    char lfs_oid[65];
    uint64_t lfs_size;
    json_t *meta;               /* reader output: a JSON object, never NULL */
    char *meta_text;            /* cached serialisation of meta */
    trop_findings findings;     /* this artifact's, merged into the release */
    char *fs_path;              /* where to read it on disk; NULL otherwise */
    /* What a reader keeps for trop_release_crosscheck() beyond meta (e.g.
     * the tensor names of a shard, too many to show in meta); owned by the
     * artifact and released with aux_free(aux) when it is freed. */
    void *aux;
    void (*aux_free)(void *aux);
    /* Set by trop_artifact_read() before its reader runs: the reader may
     * leave parts of meta unbuilt (the card's "sections" and "links", which
     * only a user asking for the metadata needs) and set meta_fill, which
     * tro_artifact_metadata_json() calls once to complete meta. */
    bool lazy_meta;
    int (*meta_fill)(tro_artifact *a);
    /* What meta_fill needs besides aux (the card's front matter values left
     * unbuilt), owned by the artifact and released with lazy_free(lazy). */
    void *lazy;
    void (*lazy_free)(void *lazy);
};

/* ---- Card bodies (lib/read/card_body.c) ----------------------------------
 * What the card reader keeps of a Markdown body in a->aux, for the judge to
 * read without going through JSON. Strings are owned by the body, with
 * their lengths (they may hold U+0000): NUL-terminated copies, but for the
 * sections' texts, which are slices of one copy of the body. */
typedef struct trop_card_section {
    const char *title, *text;  /* title with whitespace collapsed; text trimmed,
                                  * a slice (text_len bytes, no NUL after) */
    size_t title_len, text_len;
    uint64_t line, words, subtree_words;
    uint8_t level;             /* 0: the text before the first heading */
    bool has_table, placeholder, text_truncated;
} trop_card_section;

typedef struct trop_card_href {
    const char *url, *text, *title; /* title NULL when none */
    size_t url_len, text_len, title_len;
    uint64_t line;
    uint8_t kind;              /* index into "inline", "reference", ... */
    bool image;
} trop_card_href;

typedef struct trop_card_body {
    trop_card_section *secs;
    size_t nsecs;
    trop_card_href *links;
    size_t nlinks;
    char *pool;                /* every string above */
} trop_card_body;

/* The body a card reader attached to a (borrowed), or NULL. */
const trop_card_body *trop_card_body_of(const tro_artifact *a);

/* Adds a finding about artifact a (path filled in). */
int trop_artifact_finding(tro_artifact *a, tro_severity sev, const char *code,
                          int64_t offset, const char *fmt, ...)
    TROP_PRINTF(5, 6);

/* ---- Releases ----------------------------------------------------------- */
struct tro_release {
    tro_ctx *ctx;
    char *name;
    tro_artifact **arts;
    size_t n, cap;
    bool sorted;
    trop_findings findings;     /* release-level, then merged per artifact */
    bool merged;
    char errbuf[512];
    /* Work put off until the release is next read (trop_release_finish()):
     * the cross-checks after buffers were added, which would cost the
     * whole release at every tro_release_add_buffer(). NULL when none. */
    int (*pending)(tro_release *rel);
    struct trop_nameset *paths; /* the artifact paths, for add_buffer's duplicates */
};

/* Creates an artifact owned by rel; NULL on allocation failure. */
tro_artifact *trop_release_add(tro_release *rel, const char *path, uint64_t size);
/* Removes and frees the artifact trop_release_add() added last. */
void trop_release_pop(tro_release *rel);
/* Release-level finding (path may be "" or an artifact path). */
int trop_release_finding(tro_release *rel, tro_severity sev, const char *code,
                         const char *path, int64_t offset, const char *fmt, ...)
    TROP_PRINTF(6, 7);
/* Removes the artifacts in drop[0..n) from rel and frees them. Their
 * findings move to the release when keep_findings (an artifact that could
 * not be read), else go with them (an artifact that is ignored). */
int trop_release_drop(tro_release *rel, tro_artifact *const *drop, size_t n, bool keep_findings);
/* Runs the pending work, sorts artifacts by path and collects every
 * finding, sorted. Idempotent. */
int trop_release_finish(tro_release *rel);
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
} trop_src;

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

/* ---- Readers (lib/read) -------------------------------------------------
 * A reader parses one artifact of its type from src, stores what it extracts
 * in a->meta (a JSON object) and reports problems with trop_artifact_finding().
 * It returns 0, or a negative code for failures that are not the content's
 * fault (TRO_ENOMEM, TRO_EIO). Malformed content is a finding, never a crash.
 * Readers run on worker threads: they touch only `a` and read-only ctx.
 */
typedef int (*trop_reader_fn)(const tro_ctx *ctx, const trop_src *src,
                              tro_artifact *a);
/* The reader for a type, or NULL. */
trop_reader_fn trop_reader_for(tro_type type);
/* Checks across artifacts (shard indexes vs shards), once all are read. */
int trop_release_crosscheck(tro_release *rel);

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
