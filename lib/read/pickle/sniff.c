/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/*
 * Is this the start of a pickle? Protocol 2+ pickles open with PROTO; those
 * of protocols 0 and 1 have no magic, so their first opcodes are decoded
 * here, strictly: every argument as CPython writes it (decimal lines,
 * quoted strings, module and name lines that are dotted identifiers,
 * counted strings that fit the file). The head must reach STOP, or hold
 * at least MIN_OPCODES such opcodes, for a file to count as a pickle; the
 * scanner's VM then reads it whole. Text, and the raw tensors of other
 * formats, fail within a few bytes.
 */
#include "pickle.h"

#include <string.h>

#define MIN_OPCODES 16

enum {
    A_NONE,   /* no argument */
    A_FIXED,  /* n bytes */
    A_LEN,    /* n-byte little-endian length, then that many bytes */
    A_DEC,    /* decimal line (INT, LONG, GET, PUT; INT's 00/01 included) */
    A_FLOAT,  /* float line */
    A_QUOTED, /* 'text' or "text" line */
    A_TEXT,   /* raw-unicode-escape line */
    A_GLOBAL  /* module line, name line */
};

typedef struct sniff_op {
    unsigned char valid, arg, n;
    bool first; /* may open a protocol 0/1 pickle */
} sniff_op;

#define OP(arg, n, first)                                                                          \
    {                                                                                              \
        1, arg, n, first                                                                           \
    }
/* clang-format off */
static const sniff_op ops[256] = {
    [TROP_PKL_OP_MARK] = OP(A_NONE, 0, true),
    [TROP_PKL_OP_EMPTY_TUPLE] = OP(A_NONE, 0, true),
    [TROP_PKL_OP_EMPTY_LIST] = OP(A_NONE, 0, true),
    [TROP_PKL_OP_EMPTY_DICT] = OP(A_NONE, 0, true),
    [TROP_PKL_OP_NONE] = OP(A_NONE, 0, true),
    [TROP_PKL_OP_STOP] = OP(A_NONE, 0, false),
    [TROP_PKL_OP_POP] = OP(A_NONE, 0, false),
    [TROP_PKL_OP_POP_MARK] = OP(A_NONE, 0, false),
    [TROP_PKL_OP_DUP] = OP(A_NONE, 0, false),
    [TROP_PKL_OP_APPEND] = OP(A_NONE, 0, false),
    [TROP_PKL_OP_BUILD] = OP(A_NONE, 0, false),
    [TROP_PKL_OP_DICT] = OP(A_NONE, 0, false),
    [TROP_PKL_OP_APPENDS] = OP(A_NONE, 0, false),
    [TROP_PKL_OP_LIST] = OP(A_NONE, 0, false),
    [TROP_PKL_OP_OBJ] = OP(A_NONE, 0, false),
    [TROP_PKL_OP_REDUCE] = OP(A_NONE, 0, false),
    [TROP_PKL_OP_SETITEM] = OP(A_NONE, 0, false),
    [TROP_PKL_OP_TUPLE] = OP(A_NONE, 0, false),
    [TROP_PKL_OP_SETITEMS] = OP(A_NONE, 0, false),
    [TROP_PKL_OP_BINPERSID] = OP(A_NONE, 0, false),
    [TROP_PKL_OP_INT] = OP(A_DEC, 0, true),
    [TROP_PKL_OP_LONG] = OP(A_DEC, 0, true),
    [TROP_PKL_OP_FLOAT] = OP(A_FLOAT, 0, true),
    [TROP_PKL_OP_STRING] = OP(A_QUOTED, 0, true),
    [TROP_PKL_OP_UNICODE] = OP(A_TEXT, 0, true),
    [TROP_PKL_OP_PERSID] = OP(A_TEXT, 0, true),
    [TROP_PKL_OP_GET] = OP(A_DEC, 0, false),
    [TROP_PKL_OP_PUT] = OP(A_DEC, 0, false),
    [TROP_PKL_OP_GLOBAL] = OP(A_GLOBAL, 0, true),
    [TROP_PKL_OP_INST] = OP(A_GLOBAL, 0, false),
    [TROP_PKL_OP_BININT] = OP(A_FIXED, 4, true),
    [TROP_PKL_OP_BININT1] = OP(A_FIXED, 1, true),
    [TROP_PKL_OP_BININT2] = OP(A_FIXED, 2, true),
    [TROP_PKL_OP_BINFLOAT] = OP(A_FIXED, 8, true),
    [TROP_PKL_OP_BINGET] = OP(A_FIXED, 1, false),
    [TROP_PKL_OP_LONG_BINGET] = OP(A_FIXED, 4, false),
    [TROP_PKL_OP_BINPUT] = OP(A_FIXED, 1, false),
    [TROP_PKL_OP_LONG_BINPUT] = OP(A_FIXED, 4, false),
    [TROP_PKL_OP_BINSTRING] = OP(A_LEN, 4, true),
    [TROP_PKL_OP_SHORT_BINSTRING] = OP(A_LEN, 1, true),
    [TROP_PKL_OP_BINUNICODE] = OP(A_LEN, 4, true),
    [TROP_PKL_OP_BINBYTES] = OP(A_LEN, 4, true),
    [TROP_PKL_OP_SHORT_BINBYTES] = OP(A_LEN, 1, true),
};
/* clang-format on */

static bool is_ident(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '.';
}

/* The line at h[i..): its length up to '\n' (excluded), or -1 when the head
 * ends first; *cut is set when the head ends inside it. */
static long line_len(const unsigned char *h, size_t n, size_t i, bool *cut)
{
    const unsigned char *nl = i < n ? memchr(h + i, '\n', n - i) : NULL;
    *cut = !nl;
    return nl ? (long)(nl - (h + i)) : (long)(n - i);
}

/* Checks a line argument of kind arg; false when no pickler writes it. */
static bool line_ok(int arg, const unsigned char *s, size_t len, bool cut)
{
    size_t i = 0;
    switch (arg) {
    case A_DEC:
        if (i < len && (s[i] == '-' || s[i] == '+'))
            i++;
        if (i == len && !cut)
            return false;
        for (; i < len; i++)
            if ((s[i] < '0' || s[i] > '9') && !(s[i] == 'L' && i + 1 == len))
                return false;
        return true;
    case A_FLOAT:
        for (; i < len; i++)
            if (!strchr("0123456789+-.eEinfatyINFATY", s[i]))
                return false;
        return len > 0 || cut;
    case A_QUOTED:
        if (len == 0)
            return cut;
        if (s[0] != '\'' && s[0] != '"')
            return false;
        for (i = 1; i < len; i++)
            if (s[i] < 0x20 || s[i] >= 0x7F)
                return false;
        return cut || (len >= 2 && s[len - 1] == s[0]);
    default: /* A_TEXT */
        for (; i < len; i++)
            if (s[i] < 0x20 && s[i] != '\t')
                return false;
        return true;
    }
}

bool trop_pkl_sniff(const unsigned char *h, size_t n, uint64_t size)
{
    if (n >= 2 && h[0] == TROP_PKL_OP_PROTO)
        return h[1] <= 5;
    if (n == 0 || !ops[h[0]].first)
        return false;
    size_t i = 0;
    for (unsigned count = 0;; count++) {
        if (i >= n)
            return count >= MIN_OPCODES;
        unsigned char op = h[i++];
        const sniff_op *o = &ops[op];
        if (op == TROP_PKL_OP_STOP)
            return count >= 1;
        if (!o->valid)
            return false; /* not an opcode of protocols 0 and 1 (B and C of 3) */
        bool cut = false;
        if (o->arg == A_FIXED || o->arg == A_LEN) {
            if (n - i < o->n)
                return count >= MIN_OPCODES;
            uint64_t len = 0;
            for (unsigned k = o->n; k-- > 0;)
                len = len << 8 | h[i + k];
            i += o->n;
            if (o->arg == A_LEN) {
                if (len > size - i || (o->n == 4 && len > 0x7fffffffu))
                    return false;
                if (len >= n - i)
                    return count >= MIN_OPCODES;
                i += (size_t)len;
            }
        } else if (o->arg == A_GLOBAL) {
            for (int part = 0; part < 2; part++) {
                long len = line_len(h, n, i, &cut);
                for (long k = 0; k < len; k++)
                    if (!is_ident(h[i + (size_t)k]))
                        return false;
                if (cut)
                    return count >= MIN_OPCODES;
                if (len == 0)
                    return false;
                i += (size_t)len + 1;
            }
        } else if (o->arg != A_NONE) {
            long len = line_len(h, n, i, &cut);
            if (!line_ok(o->arg, h + i, (size_t)len, cut))
                return false;
            if (cut)
                return count >= MIN_OPCODES;
            i += (size_t)len + 1;
        }
    }
}
