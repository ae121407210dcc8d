/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/*
 * Private to lib/read: the pickle opcode scanner shared by the pickle and
 * PyTorch readers.
 *
 * The scanner never executes anything. It decodes every opcode of protocols
 * 0 to 5 and simulates the unpickler's stack, mark stack and memo the way
 * CPython's _pickle does, with symbolic values (strings keep a bounded
 * prefix of their text, imports are "global" values, calls give opaque
 * objects). Every import (GLOBAL, INST, STACK_GLOBAL, EXT1/2/4) is resolved
 * from the simulated values and judged against the table in
 * globals.c; a dangerous one is reported once the pickle ends, with
 * the loader that would run it and the opcode that calls it. Frames are
 * read as CPython reads them, twice when opcodes disagree with a frame
 * (frame.c).
 */
#ifndef TROP_PICKLE_H
#define TROP_PICKLE_H

#include "../facts.h"

/* ---- Opcodes ------------------------------------------------------------ */

/* The pickle opcodes, named as Python's pickletools names them. One list
 * gives each opcode's byte and the protocol that introduced it; the enum,
 * the scanner's name table and its protocol table are made from it, so an
 * opcode is spelled by its name everywhere in the pickle readers. */
/* clang-format off */
#define TROP_PKL_OPCODES(X)                                                 \
    /* protocol 0 */                                                        \
    X(MARK, '(', 0) X(STOP, '.', 0) X(POP, '0', 0) X(DUP, '2', 0)           \
    X(FLOAT, 'F', 0) X(INT, 'I', 0) X(LONG, 'L', 0) X(NONE, 'N', 0)         \
    X(PERSID, 'P', 0) X(REDUCE, 'R', 0) X(STRING, 'S', 0)                   \
    X(UNICODE, 'V', 0) X(APPEND, 'a', 0) X(BUILD, 'b', 0)                   \
    X(GLOBAL, 'c', 0) X(DICT, 'd', 0) X(GET, 'g', 0) X(INST, 'i', 0)        \
    X(LIST, 'l', 0) X(PUT, 'p', 0) X(SETITEM, 's', 0) X(TUPLE, 't', 0)      \
    /* protocol 1 */                                                        \
    X(POP_MARK, '1', 1) X(BINFLOAT, 'G', 1) X(BININT, 'J', 1)               \
    X(BININT1, 'K', 1) X(BININT2, 'M', 1) X(BINPERSID, 'Q', 1)              \
    X(BINSTRING, 'T', 1) X(SHORT_BINSTRING, 'U', 1) X(BINUNICODE, 'X', 1)   \
    X(APPENDS, 'e', 1) X(BINGET, 'h', 1) X(LONG_BINGET, 'j', 1)             \
    X(OBJ, 'o', 1) X(BINPUT, 'q', 1) X(LONG_BINPUT, 'r', 1)                 \
    X(SETITEMS, 'u', 1) X(EMPTY_DICT, '}', 1) X(EMPTY_LIST, ']', 1)         \
    X(EMPTY_TUPLE, ')', 1)                                                  \
    /* protocol 2 */                                                        \
    X(PROTO, 0x80, 2) X(NEWOBJ, 0x81, 2) X(EXT1, 0x82, 2)                   \
    X(EXT2, 0x83, 2) X(EXT4, 0x84, 2) X(TUPLE1, 0x85, 2)                    \
    X(TUPLE2, 0x86, 2) X(TUPLE3, 0x87, 2) X(NEWTRUE, 0x88, 2)               \
    X(NEWFALSE, 0x89, 2) X(LONG1, 0x8a, 2) X(LONG4, 0x8b, 2)                \
    /* protocol 3 */                                                        \
    X(BINBYTES, 'B', 3) X(SHORT_BINBYTES, 'C', 3)                           \
    /* protocol 4 */                                                        \
    X(SHORT_BINUNICODE, 0x8c, 4) X(BINUNICODE8, 0x8d, 4)                    \
    X(BINBYTES8, 0x8e, 4) X(EMPTY_SET, 0x8f, 4) X(ADDITEMS, 0x90, 4)        \
    X(FROZENSET, 0x91, 4) X(NEWOBJ_EX, 0x92, 4) X(STACK_GLOBAL, 0x93, 4)    \
    X(MEMOIZE, 0x94, 4) X(FRAME, 0x95, 4)                                   \
    /* protocol 5 */                                                        \
    X(BYTEARRAY8, 0x96, 5) X(NEXT_BUFFER, 0x97, 5)                          \
    X(READONLY_BUFFER, 0x98, 5)
/* clang-format on */

/* TROP_PKL_OP_MARK = '(', ... */
typedef enum trop_pkl_op {
#define TROP_PKL_OP_ENUM(name, byte, proto) TROP_PKL_OP_##name = (byte),
    TROP_PKL_OPCODES(TROP_PKL_OP_ENUM)
#undef TROP_PKL_OP_ENUM
} trop_pkl_op;

/* ---- Judgement of imported globals (globals.c) -------------------------- */

typedef enum trop_pkl_verdict {
    TROP_PKL_ALLOWED = 0,  /* accepted by torch.load(weights_only=True) or inert */
    TROP_PKL_UNKNOWN = 1,  /* not on the allowlist */
    TROP_PKL_DANGEROUS = 2 /* can run code, import, reach files or the network */
} trop_pkl_verdict;

/* "allowed", "unknown" or "dangerous". */
const char *trop_pkl_verdict_name(trop_pkl_verdict v);

/* Judges module.name as find_class would import it (dotted names are walked
 * component by component). *why (if not NULL) receives a static reason for
 * a dangerous verdict, else NULL. */
trop_pkl_verdict trop_pkl_judge(const char *module, const char *name, const char **why);

/* The renames find_class applies for protocols < 3 (py2: Python 2 names),
 * and torch.load's own module renames (torch). module and name are
 * replaced by static strings when a rename applies; returns true then. */
bool trop_pkl_rename(const char **module, const char **name, bool py2, bool torch);

/* Element size in bytes of a legacy storage class ("FloatStorage" -> 4), or 0. */
unsigned trop_pkl_storage_elem_size(const char *name);

/* ---- Input: a buffered byte stream -------------------------------------- */

/* Where the scanner's bytes come from. read() fills up to len bytes and sets
 * *got (0 at the end of the input); it returns 0, TRO_EIO, TRO_ELIMIT (the
 * rest of the input is not available) or TRO_EFORMAT (damaged container).
 * skip() is optional (else bytes are read and dropped). errmsg() optionally
 * describes the last failure; its string is borrowed. */
typedef struct trop_pkl_io {
    int (*read)(void *ud, void *buf, size_t len, size_t *got);
    int (*skip)(void *ud, uint64_t n, uint64_t *skipped);
    const char *(*errmsg)(void *ud);
    void *ud;
} trop_pkl_io;

#define TROP_PKL_INBUF 65536

typedef struct trop_pkl_in {
    trop_pkl_io io;
    unsigned char *buf; /* TROP_PKL_INBUF bytes */
    size_t pos, len;    /* unread bytes are buf[pos..len) */
    uint64_t off;       /* stream offset of buf[pos] */
    uint64_t max;       /* bytes that may be consumed in all */
    int err;            /* sticky: 0, or the io error that ended input */
    bool limited;       /* input ended because `max` was reached */
    bool eof;
    /* A copy of the bytes consumed since trop_pkl_in_record(), up to
     * rec_max, so that one pickle can be read a second way. */
    unsigned char *rec;
    size_t rec_len, rec_cap, rec_max;
    bool recording, rec_full;
} trop_pkl_in;

/* Sets up in over io, consuming at most max bytes. TRO_ENOMEM on failure;
 * release with trop_pkl_in_fini(). */
int trop_pkl_in_init(trop_pkl_in *in, const trop_pkl_io *io, uint64_t max);
void trop_pkl_in_fini(trop_pkl_in *in);
/* True when no byte is left (or input failed). */
bool trop_pkl_in_at_end(trop_pkl_in *in);
/* The next byte without consuming it; false at the end of input. */
bool trop_pkl_in_peek(trop_pkl_in *in, unsigned char *c);
/* Reads exactly n bytes; false at the end of input. */
bool trop_pkl_in_read(trop_pkl_in *in, void *buf, size_t n);
/* Drops exactly n bytes; false at the end of input. */
bool trop_pkl_in_skip(trop_pkl_in *in, uint64_t n);
/* Reads one line: up to cap-1 bytes are kept in out (NUL-terminated), the
 * rest is dropped. *total is the line length without '\n'. False when the
 * input ends before '\n'. */
bool trop_pkl_in_line(trop_pkl_in *in, char *out, size_t cap, size_t *kept, uint64_t *total);
/* Starts keeping a copy of what is consumed from here (at most max bytes;
 * rec_full is set when more was consumed). */
void trop_pkl_in_record(trop_pkl_in *in, size_t max);

/* io over bytes in memory (borrowed). */
typedef struct trop_pkl_memio {
    const unsigned char *data;
    size_t len, pos;
} trop_pkl_memio;
void trop_pkl_memio_init(trop_pkl_io *io, trop_pkl_memio *st, const void *data, size_t len);

/* io over a trop_src from byte `start`. */
typedef struct trop_pkl_srcio {
    const trop_src *src;
    uint64_t pos;
} trop_pkl_srcio;
void trop_pkl_srcio_init(trop_pkl_io *io, trop_pkl_srcio *st, const trop_src *src, uint64_t start);

/* ---- Scanning ----------------------------------------------------------- */

/* Bounds of one scan; trop_pkl_job_init() derives them from the context. */
typedef struct trop_pkl_limits {
    uint64_t max_ops;         /* opcodes in one pickle */
    uint64_t max_stack;       /* stack entries, and open marks */
    uint64_t max_memo;        /* memo entries */
    uint64_t max_value_bytes; /* memory held by symbolic values */
    uint64_t max_record;      /* bytes of a pickle kept for a second reading */
    unsigned max_findings;    /* findings one artifact gets from scans */
} trop_pkl_limits;

/* How persistent ids are checked. */
typedef enum trop_pkl_pid_mode {
    TROP_PKL_PID_NONE = 0,    /* plain pickle.load: any persistent id is noted */
    TROP_PKL_PID_STORAGE = 1, /* torch: ('storage', ...) or ('module', ...) tuples */
    TROP_PKL_PID_ANY = 2      /* legacy tar: keys and tuples */
} trop_pkl_pid_mode;

/* Kinds of symbolic values (also what a pickle's STOP returned). */
typedef enum trop_pkl_kind {
    TROP_PKL_K_NONE,
    TROP_PKL_K_BOOL,
    TROP_PKL_K_INT,
    TROP_PKL_K_FLOAT,
    TROP_PKL_K_STR,
    TROP_PKL_K_BYTES,
    TROP_PKL_K_BYTEARRAY,
    TROP_PKL_K_TUPLE,
    TROP_PKL_K_LIST,
    TROP_PKL_K_DICT,
    TROP_PKL_K_SET,
    TROP_PKL_K_FROZENSET,
    TROP_PKL_K_GLOBAL,
    TROP_PKL_K_OBJECT,
    TROP_PKL_K_PERSID,
    TROP_PKL_K_BUFFER,
    TROP_PKL_K_UNKNOWN
} trop_pkl_kind;

/* A summary of one value, for readers that need what a pickle returned. */
typedef struct trop_pkl_item {
    trop_pkl_kind kind;
    bool big; /* int beyond 64 bits: text holds its hex digits */
    int64_t i;
    char text[80]; /* str prefix; "module.name" of a global */
} trop_pkl_item;

#define TROP_PKL_RESULT_ITEMS 6

typedef struct trop_pkl_result {
    trop_pkl_item top; /* the value STOP returned */
    uint64_t count;    /* tuple length */
    size_t n;          /* items kept */
    trop_pkl_item items[TROP_PKL_RESULT_ITEMS];
} trop_pkl_result;

/* How one trop_pkl_scan_one() call ended. */
typedef enum trop_pkl_status {
    TROP_PKL_STOPPED = 0,   /* reached STOP */
    TROP_PKL_EMPTY = 1,     /* no byte left: nothing scanned */
    TROP_PKL_BROKEN = 2,    /* unreadable from here on (finding made) */
    TROP_PKL_NOT_PICKLE = 3 /* first byte is not an opcode (no finding) */
} trop_pkl_status;

/* What the scans of one artifact share: where findings and metadata go. */
typedef struct trop_pkl_job {
    const tro_ctx *ctx;
    tro_artifact *a;
    json_t *pickles;    /* array of per-pickle objects (owned) */
    uint64_t dangerous; /* events judged dangerous */
    uint64_t unknown;   /* distinct unknown globals, summed per pickle */
    uint64_t pickle_count;
    trop_pkl_pid_mode pid_mode;
    const char *loader;       /* what would unpickle it ("torch.load"), for messages */
    bool torch;               /* torch.load's module renames apply */
    trop_strset storage_keys; /* keys of ('storage', type, key, ...) ids */
    uint64_t storage_refs;    /* persistent ids that name a storage */
    unsigned findings;        /* findings made so far */
    bool findings_capped;
    trop_pkl_limits lim;
    trop_pkl_result result; /* of the last scanned pickle */
} trop_pkl_job;

/* Prepares a job writing findings on a (its loader from a's name).
 * TRO_ENOMEM on failure. */
int trop_pkl_job_init(trop_pkl_job *job, const tro_ctx *ctx, tro_artifact *a);
/* The loader that unpickles a file of this name: "torch.load" for .bin,
 * .pt, .pth, .ckpt; "joblib.load", "dill.load", "numpy.load(allow_pickle=
 * True)" for .joblib, .dill, .npy; else "pickle.load". Static string. */
const char *trop_pkl_loader_for(const char *path);
/* Frees what the job owns (pickles is released unless already taken). */
void trop_pkl_job_fini(trop_pkl_job *job);
/* Stores "pickles", "dangerous", "unknown" into meta. */
int trop_pkl_job_meta(trop_pkl_job *job, json_t *meta);

/* Adds a finding on the job's artifact, counting it against max_findings. */
int trop_pkl_finding(trop_pkl_job *job, tro_severity sev, const char *code, int64_t offset,
                     const char *fmt, ...) TROP_PRINTF(5, 6);

/* Is c an opcode (can a pickle start with it)? */
bool trop_pkl_is_opcode(unsigned char c);

/* Scans one pickle, from the input's position to its STOP. entry names the
 * archive member (NULL for a plain file); base is the artifact offset of
 * the stream's byte 0, or -1 when stream offsets are not artifact offsets.
 * Appends one object to job->pickles unless *status is EMPTY or
 * NOT_PICKLE. Returns 0 or TRO_ENOMEM / TRO_EIO. */
int trop_pkl_scan_one(trop_pkl_job *job, trop_pkl_in *in, const char *entry, int64_t base,
                      trop_pkl_status *status);

/* Scans pickles one after another until the input ends (a pickle file may
 * hold several; loaders read them in turn). Bytes after the last pickle
 * that are not a pickle get a "pickle-trailing-data" finding. */
int trop_pkl_scan_all(trop_pkl_job *job, trop_pkl_in *in, const char *entry, int64_t base);

/* Scans a whole stream that may be a legacy torch checkpoint (its first
 * pickle is the torch magic number) or one or more plain pickles; stores
 * "format" and the legacy keys in meta. size is the stream's length. */
int trop_pkl_scan_stream(trop_pkl_job *job, trop_pkl_in *in, json_t *meta, uint64_t size);

/* trop_pkl_scan_stream() over a whole byte source. */
int trop_pkl_read_src(trop_pkl_job *job, const trop_src *src, json_t *meta);

/* Printable, bounded copy of bytes for messages and JSON: invalid UTF-8 and
 * control bytes become \xNN; longer input ends in "...". out has cap bytes. */
void trop_pkl_printable(const char *s, size_t n, char *out, size_t cap);

/* Text decoders of protocol-0 arguments (text.c). Each writes at most
 * cap-1 bytes + NUL to out and returns false when CPython would reject the
 * input. *trunc is set when out could not hold everything. */
bool trop_pkl_unescape_string(const char *s, size_t n, char *out, size_t cap, size_t *len,
                              bool *trunc);
bool trop_pkl_unescape_unicode(const char *s, size_t n, char *out, size_t cap, size_t *len,
                               bool *trunc);
/* Is [s, s+n) UTF-8 as CPython's "surrogatepass" decoder accepts it? With
 * partial, an incomplete sequence at the very end is accepted too. */
bool trop_pkl_utf8_ok(const char *s, size_t n, bool partial);
/* Parses a decimal integer as int(text, 10) does (blanks, sign, '_'
 * between digits). Returns false if invalid or beyond int64. */
bool trop_pkl_parse_int(const char *s, size_t n, int64_t *out);

#endif /* TROP_PICKLE_H */
