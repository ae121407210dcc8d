/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/*
 * Private to the pickle scanner (pickle.c, vm.c): the simulated
 * unpickler. Values are small structs held by value on the stack and in
 * the memo; strings, big integers and tuples share a reference-counted box.
 * Tuples keep only their first items, and never a tuple's items, so no
 * structure is deeper than two levels and freeing never recurses.
 */
#ifndef TROP_PICKLE_VM_H
#define TROP_PICKLE_VM_H

#include "pickle.h"

#define TROP_PKL_NOREC UINT32_MAX
#define TROP_PKL_KEEP_TEXT 256 /* string bytes kept per value */
#define TROP_PKL_KEEP_ITEMS TROP_PKL_RESULT_ITEMS
#define TROP_PKL_LINE 1024        /* bytes kept of a text argument line */
#define TROP_PKL_MAX_RECORDS 1024 /* distinct globals / calls listed per pickle */
#define TROP_PKL_MAX_PICKLES 1000 /* pickles listed per artifact */

enum {
    TROP_PKL_V_TRUNC = 1, /* text only partly kept (or tuple items not kept) */
    TROP_PKL_V_BIG = 2    /* integer wider than 64 bits: the box holds hex digits */
};

typedef struct trop_pkl_box trop_pkl_box;

typedef struct trop_pkl_val {
    uint8_t kind;    /* trop_pkl_kind */
    uint8_t verdict; /* GLOBAL / OBJECT: verdict of what made it */
    uint8_t flags;
    uint32_t rec; /* GLOBAL / OBJECT: record of the import behind it */
    union {
        int64_t i;
        trop_pkl_box *box; /* STR, big INT, TUPLE (NULL if items not kept) */
    } u;
} trop_pkl_val;

struct trop_pkl_box {
    uint32_t refs;
    uint32_t n;      /* items, or text bytes, kept */
    uint64_t len;    /* tuple length, or text length */
    size_t size;     /* bytes allocated, for the memory budget */
    trop_pkl_val items[]; /* strings keep their bytes here instead */
};

static inline char *trop_pkl_box_text(trop_pkl_box *b)
{
    return (char *)b->items;
}

/* A distinct import (or an import-like event) of one pickle. */
typedef struct trop_pkl_rec {
    char *module, *name; /* printable copies, as written */
    char *resolved;      /* "module.name" after renames, or NULL */
    const char *op;
    const char *why; /* reason for a dangerous verdict */
    uint64_t offset, count;
    const char *call_op; /* first opcode that called it (or its result), or NULL */
    uint64_t call_off;
    uint8_t verdict;
    bool dynamic; /* operands were not literal strings */
} trop_pkl_rec;

/* A distinct call of something not allowed (REDUCE, BUILD, ...). */
typedef struct trop_pkl_call {
    const char *op;
    char *callee;
    uint64_t offset, count;
    uint8_t verdict;
} trop_pkl_call;

/* What a dict holds of joblib's NumpyArrayWrapper state (joblib.c). */
typedef struct trop_pkl_jl {
    uint64_t count; /* elements: product of the shape */
    int64_t dtype;  /* item size + 1, TROP_PKL_JL_OBJECT, or 0 (unknown) */
    bool has_shape;
    bool align; /* numpy_array_alignment_bytes is set: a padding byte */
} trop_pkl_jl;
#define TROP_PKL_JL_OBJECT (-1)

typedef struct trop_pkl_memo_slot {
    uint64_t key;
    trop_pkl_val v;
    bool used;
} trop_pkl_memo_slot;

/* How a reading of the stream treats frames (see frame.c). */
typedef enum trop_pkl_reading {
    TROP_PKL_READ_CONTINUOUS = 0, /* frames only group opcodes: pickle.loads(bytes) */
    TROP_PKL_READ_DROP = 1        /* CPython's C unpickler over a file without peek()
                                (io.BytesIO, as torch.load reads a zip member):
                                a read past the frame's end drops its rest */
} trop_pkl_reading;

typedef struct trop_pkl_framing {
    trop_pkl_reading reading;
    bool open;                 /* a frame was opened and its end not reached */
    uint64_t start, end;       /* stream offsets of the open frame */
    uint64_t buf_end;          /* DROP: end of the unpickler's buffer */
    const unsigned char *data; /* DROP: the pickle's bytes, from stream offset base */
    uint64_t data_base, data_len;
    bool violated; /* an opcode disagreed with its frame */
    bool diverges; /* ... so that the DROP reading can differ */
    int pending;   /* a disagreement noticed while reading (kind + 1) */
    uint64_t first_violation;
} trop_pkl_framing;

typedef struct trop_pkl_vm {
    trop_pkl_job *job;
    trop_pkl_in *in;
    const char *entry; /* archive member, or NULL */
    int64_t base;      /* artifact offset of stream byte 0, or -1 */
    uint64_t start;    /* stream offset of this pickle */
    uint64_t op_off;   /* stream offset of the current opcode */
    const char *op;    /* its name */
    trop_pkl_val *stack;
    size_t sn, scap;
    size_t *marks;
    size_t mn, mcap;
    trop_pkl_memo_slot *memo;
    size_t memo_n, memo_cap;
    trop_pkl_rec *recs;
    size_t nrec, caprec;
    trop_pkl_call *calls;
    size_t ncall, capcall;
    bool lists_full; /* some globals or calls were not listed */
    uint64_t value_bytes;
    uint64_t ops;
    int proto;           /* the unpickler's protocol (PROTO sets it) */
    int first_proto;     /* argument of a leading PROTO, or -1 */
    int implied_proto;   /* highest protocol of the opcodes used */
    bool memo_dropped;   /* memo abandoned: GET gives unknown values */
    bool degraded;       /* simulation abandoned: imports judged alone */
    bool reported_error; /* a semantic error was reported */
    bool pid_warned;
    uint64_t dangerous, unknown;
    char *line, *line2; /* TROP_PKL_LINE bytes each */
    trop_pkl_framing frame;
    bool misplaced_proto_noted;
    /* The second reading (TROP_PKL_READ_DROP) of a pickle whose frames were
     * violated: only what it finds from `alt_from` on, and not found by the
     * first reading (`first`), is reported. */
    const struct trop_pkl_vm *first;
    uint64_t alt_from;
    /* joblib: dicts that hold array state (a DICT value's u.i is its index
     * + 1), and whether this is the pickle of an object array's data */
    trop_pkl_jl *jl;
    size_t njl, capjl;
    bool nested;
} trop_pkl_vm;

/* ---- vm.c ---------------------------------------------------------------- */
void trop_pkl_release(trop_pkl_vm *vm, trop_pkl_val *v);
trop_pkl_val trop_pkl_copy(const trop_pkl_val *v);
trop_pkl_val trop_pkl_simple(trop_pkl_kind kind);
/* New string value keeping min(n, TROP_PKL_KEEP_TEXT) bytes of text, whose full
 * length is len. TRO_ENOMEM, or TRO_ELIMIT when over the memory budget. */
int trop_pkl_text(trop_pkl_vm *vm, trop_pkl_kind kind, const char *text, size_t n, uint64_t len,
                  uint8_t flags, trop_pkl_val *out);
/* New tuple from vm->stack[from..sn), which it pops (also on failure:
 * TRO_ELIMIT over the memory budget, TRO_ENOMEM). */
int trop_pkl_tuple_from_stack(trop_pkl_vm *vm, size_t from, trop_pkl_val *out);
/* Push takes ownership on success; on TRO_ELIMIT (stack full or memory
 * budget) or TRO_ENOMEM, v stays the caller's. */
int trop_pkl_push(trop_pkl_vm *vm, trop_pkl_val v);
/* Pops above the current mark; false on underflow. */
bool trop_pkl_pop(trop_pkl_vm *vm, trop_pkl_val *out);
/* Top of the stack above the current mark, or NULL. */
trop_pkl_val *trop_pkl_top(trop_pkl_vm *vm);
/* Pops back to the last mark; *from is where its items start. */
bool trop_pkl_pop_mark(trop_pkl_vm *vm, size_t *from);
void trop_pkl_drop_from(trop_pkl_vm *vm, size_t from);
int trop_pkl_mark(trop_pkl_vm *vm);
size_t trop_pkl_fence(const trop_pkl_vm *vm);
/* Memo: get returns a borrowed value or NULL; put copies v. */
trop_pkl_val *trop_pkl_memo_get(trop_pkl_vm *vm, uint64_t key);
int trop_pkl_memo_put(trop_pkl_vm *vm, uint64_t key, const trop_pkl_val *v);
/* Frees the memo (its values are no longer followed). */
void trop_pkl_vm_drop_memo(trop_pkl_vm *vm);
/* Frees stack, marks and memo (simulation is abandoned). */
void trop_pkl_vm_drop_state(trop_pkl_vm *vm);
void trop_pkl_vm_free(trop_pkl_vm *vm);
/* Short description of a value for messages ("str 'os'", "global os.system"). */
void trop_pkl_describe(trop_pkl_vm *vm, const trop_pkl_val *v, char *out, size_t cap);
/* Record lookup/creation: returns the record index (TROP_PKL_NOREC when the
 * table is full) and whether it is new. */
int trop_pkl_record(trop_pkl_vm *vm, const char *module, const char *name, const char *resolved,
                    const char *op, uint8_t verdict, const char *why, bool dynamic, uint32_t *rec,
                    bool *is_new);
int trop_pkl_call_note(trop_pkl_vm *vm, const char *op, const char *callee, uint8_t verdict,
                       bool *is_new);
/* Notes that record rec (or a value made from it) was called by the
 * current opcode, if it is the first call. */
void trop_pkl_record_called(trop_pkl_vm *vm, uint32_t rec);
/* The findings for the dangerous records of the pickle, each naming the
 * loader, the call that runs it and where (made once the pickle ends). */
int trop_pkl_report_records(trop_pkl_vm *vm);
/* The JSON object describing this pickle (new reference). */
json_t *trop_pkl_vm_json(trop_pkl_vm *vm, bool complete);
/* Summarises v into *item. */
void trop_pkl_summarise(trop_pkl_vm *vm, const trop_pkl_val *v, trop_pkl_item *item);

/* ---- pickle.c: shared by the opcode handlers ---------------------------- */

/* What an opcode handler returns besides negative TRO_* codes. */
enum { TROP_PKL_STEP_CONT = 0, TROP_PKL_STEP_STOP = 1, TROP_PKL_STEP_BROKEN = 2 };

/* A finding about the current opcode ("PATH: [entry 'E', ]byte N: ..."). */
int trop_pkl_report(trop_pkl_vm *vm, tro_severity sev, const char *code, const char *fmt, ...)
    TROP_PRINTF(4, 5);
/* The same about the opcode at stream offset off. */
int trop_pkl_report_at(trop_pkl_vm *vm, uint64_t off, tro_severity sev, const char *code,
                       const char *fmt, ...) TROP_PRINTF(5, 6);
/* Where CPython's unpickler raises: reported once, then the simulation is
 * abandoned and the rest is checked for imports only. Returns TROP_PKL_STEP_CONT or
 * TRO_ENOMEM. */
int trop_pkl_semantic(trop_pkl_vm *vm, const char *fmt, ...) TROP_PRINTF(2, 3);
int trop_pkl_underflow(trop_pkl_vm *vm);
/* Input ended inside an opcode: reports why; TROP_PKL_STEP_BROKEN or TRO_EIO. */
int trop_pkl_truncated(trop_pkl_vm *vm);
/* Which bound a state helper hit. */
typedef enum trop_pkl_limit {
    TROP_PKL_LIM_STACK,
    TROP_PKL_LIM_MARKS,
    TROP_PKL_LIM_MEMO,
    TROP_PKL_LIM_VALUES
} trop_pkl_limit;
/* Maps TRO_ELIMIT from the state helpers to a "pickle-limit" warning and a
 * lesser simulation: memory or memo bounds first drop the memo (values
 * fetched from it become unknown); stack bounds, or a second memory bound,
 * abandon the simulation. Returns TROP_PKL_STEP_CONT, or rc when it is not ELIMIT. */
int trop_pkl_check(trop_pkl_vm *vm, int rc, trop_pkl_limit what);
/* Pushes v (owned) unless the simulation was abandoned (then v is dropped). */
int trop_pkl_vpush(trop_pkl_vm *vm, trop_pkl_val v);
/* After rc from making a value: TRO_ELIMIT pushes a contentless value of
 * kind instead (reporting the limit); other codes are returned. */
int trop_pkl_vplaceholder(trop_pkl_vm *vm, int rc, trop_pkl_kind kind, uint8_t flags);
/* Reads of the opcode's arguments, through the frame model
 * (frame.c): trop_pkl_read / trop_pkl_read_le / trop_pkl_line as CPython's
 * _Unpickler_Read and _Unpickler_Readline, pkl_skip_into (bytes content)
 * as _Unpickler_ReadInto. Each returns false at the end of input. */
bool trop_pkl_read(trop_pkl_vm *vm, void *buf, size_t n);
bool trop_pkl_read_le(trop_pkl_vm *vm, unsigned n, uint64_t *out);
bool trop_pkl_line(trop_pkl_vm *vm, char *buf, size_t *kept, uint64_t *total);
bool trop_pkl_skip(trop_pkl_vm *vm, uint64_t n, bool into);
/* One argument of n bytes whose first k are kept in keep. */
bool trop_pkl_content(trop_pkl_vm *vm, void *keep, size_t k, uint64_t n, bool into);

/* ---- frame.c: FRAME, and opcodes that disagree with frames --------------- */
/* Called before each opcode: notes the end of the open frame. */
void trop_pkl_frame_opcode(trop_pkl_vm *vm);
/* Called after each opcode: reports a disagreement its reads noticed. */
int trop_pkl_frame_check(trop_pkl_vm *vm);
/* The FRAME opcode. */
int trop_pkl_op_frame(trop_pkl_vm *vm);
/* At STOP: a frame that goes on past it is a violation. */
int trop_pkl_frame_end(trop_pkl_vm *vm);

/* Scans the pickle that starts at the input's position (the data of a
 * joblib object array) as a pickle of its own; returns TROP_PKL_STEP_STOP when it
 * reached its STOP, another PKL_* code, or <0. */
int trop_pkl_scan_nested(trop_pkl_vm *vm);

/* ---- joblib.c: joblib's arrays ------------------------------------------- */
/* The item size + 1 of a NumPy dtype code ("f8"), TROP_PKL_JL_OBJECT, or 0. */
int64_t trop_pkl_jl_dtype_code(const char *code, size_t n);
/* When fn is numpy.dtype called with args: *desc for the result. */
int trop_pkl_jl_dtype(trop_pkl_vm *vm, const trop_pkl_val *fn, const trop_pkl_val *args,
                      int64_t *desc);
/* Notes the items stack[from..to) (key, value pairs) set into dict. */
int trop_pkl_jl_items(trop_pkl_vm *vm, trop_pkl_val *dict, size_t from, size_t to);
/* Is inst a joblib NumpyArrayWrapper (whose BUILD reads array bytes)? */
bool trop_pkl_jl_wrapper(const trop_pkl_vm *vm, const trop_pkl_val *inst);
/* Reads past the array bytes joblib.load reads after BUILD with state. */
int trop_pkl_jl_array(trop_pkl_vm *vm, const trop_pkl_val *state);

/* ---- imports.c: opcodes that import, call or load ------------------------ */
int trop_pkl_op_global(trop_pkl_vm *vm, bool inst);
int trop_pkl_op_stack_global(trop_pkl_vm *vm);
int trop_pkl_op_ext(trop_pkl_vm *vm, unsigned nbytes);
int trop_pkl_op_reduce(trop_pkl_vm *vm);
int trop_pkl_op_newobj(trop_pkl_vm *vm, bool ex);
int trop_pkl_op_obj(trop_pkl_vm *vm);
int trop_pkl_op_build(trop_pkl_vm *vm);
int trop_pkl_op_persid(trop_pkl_vm *vm, bool binary);
/* Notes a container method (append, __setitem__, add) called on target
 * when target is not the container kind the opcode expects. */
int trop_pkl_note_target(trop_pkl_vm *vm, const trop_pkl_val *target, trop_pkl_kind expect);

#endif /* TROP_PICKLE_VM_H */
