/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/*
 * The pickle opcode scanner: decodes every opcode of protocols 0-5 and
 * simulates the unpickler's stack, marks and memo as CPython's _pickle does
 * (MEMOIZE stores the top under len(memo), PUT overwrites, GET pushes the
 * stored object, nothing pops below the last mark). Nothing is executed.
 * This file holds the loop and the data opcodes; imports.c the
 * opcodes that import, call or load.
 */
#include "vm.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Each opcode's name, and the protocol that introduced it. */
static const char *const op_names[256] = {
#define OP_NAME(name, byte, proto) [byte] = #name,
    TROP_PKL_OPCODES(OP_NAME)
#undef OP_NAME
};

static const unsigned char op_protos[256] = {
#define OP_PROTO(name, byte, proto) [byte] = proto,
    TROP_PKL_OPCODES(OP_PROTO)
#undef OP_PROTO
};

bool trop_pkl_is_opcode(unsigned char c)
{
    return op_names[c] != NULL;
}

/* ---- Reporting ---------------------------------------------------------- */

static int report_v(trop_pkl_vm *vm, uint64_t at, tro_severity sev, const char *code,
                    const char *fmt, va_list ap)
{
    char msg[1200], where[400] = "";
    vsnprintf(msg, sizeof msg, fmt, ap);
    if (vm->entry)
        snprintf(where, sizeof where, "entry '%s', ", vm->entry);
    int64_t off = vm->base >= 0 ? vm->base + (int64_t)at : -1;
    return trop_pkl_finding(vm->job, sev, code, off, "%s: %sbyte %llu: %s", vm->job->a->path, where,
                            (unsigned long long)at, msg);
}

int trop_pkl_report(trop_pkl_vm *vm, tro_severity sev, const char *code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int rc = report_v(vm, vm->op_off, sev, code, fmt, ap);
    va_end(ap);
    return rc;
}

int trop_pkl_report_at(trop_pkl_vm *vm, uint64_t off, tro_severity sev, const char *code,
                       const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int rc = report_v(vm, off, sev, code, fmt, ap);
    va_end(ap);
    return rc;
}

static void degrade(trop_pkl_vm *vm)
{
    trop_pkl_vm_drop_state(vm);
    vm->degraded = true;
}

int trop_pkl_semantic(trop_pkl_vm *vm, const char *fmt, ...)
{
    char msg[600];
    if (vm->degraded)
        return TROP_PKL_STEP_CONT;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    degrade(vm);
    vm->reported_error = true;
    if (vm->first)
        return TROP_PKL_STEP_CONT; /* the second reading reports imports only */
    int rc = trop_pkl_report(vm, TRO_SEVERITY_ERROR, "pickle-malformed",
                             "%s: %s; Python's unpickler stops here (the rest was checked for "
                             "imports only)",
                             vm->op, msg);
    return rc ? rc : TROP_PKL_STEP_CONT;
}

int trop_pkl_underflow(trop_pkl_vm *vm)
{
    return trop_pkl_semantic(vm, "stack underflow (nothing to pop above the last MARK)");
}

static const char *const limit_names[] = {
    [TROP_PKL_LIM_STACK] = "the stack",
    [TROP_PKL_LIM_MARKS] = "the MARK nesting",
    [TROP_PKL_LIM_MEMO] = "the memo",
    [TROP_PKL_LIM_VALUES] = "the memory for values",
};

int trop_pkl_check(trop_pkl_vm *vm, int rc, trop_pkl_limit what)
{
    if (rc != TRO_ELIMIT)
        return rc;
    if (vm->degraded)
        return TROP_PKL_STEP_CONT;
    const char *then;
    if ((what == TROP_PKL_LIM_MEMO || what == TROP_PKL_LIM_VALUES) && !vm->memo_dropped) {
        trop_pkl_vm_drop_memo(vm);
        vm->memo_dropped = true;
        then = "objects fetched from the memo are not followed (STACK_GLOBAL on them counts "
               "as dangerous)";
    } else {
        degrade(vm);
        then = "the pickle is checked for imports only, and STACK_GLOBAL counts as dangerous";
    }
    if (vm->first)
        return TROP_PKL_STEP_CONT;
    rc = trop_pkl_report(vm, TRO_SEVERITY_WARNING, "pickle-limit",
                         "%s: %s exceeds the scan limits; from here %s", vm->op, limit_names[what],
                         then);
    return rc ? rc : TROP_PKL_STEP_CONT;
}

int trop_pkl_truncated(trop_pkl_vm *vm)
{
    trop_pkl_in *in = vm->in;
    unsigned long long at = (unsigned long long)in->off;
    int rc;
    if (in->err == TRO_EIO)
        return TRO_EIO;
    if (vm->first)
        return TROP_PKL_STEP_BROKEN;
    if (in->limited)
        rc = trop_pkl_report(vm, TRO_SEVERITY_ERROR, "pickle-scan-incomplete",
                             "%s: the scan stopped after %llu bytes (limit); the rest was not "
                             "checked",
                             vm->op, at);
    else if (in->err == TRO_ELIMIT)
        rc = trop_pkl_report(vm, TRO_SEVERITY_ERROR, "pickle-scan-incomplete",
                             "%s: only the first %llu bytes are available here (streamed "
                             "content); the rest was not checked",
                             vm->op, at);
    else if (in->err)
        rc = trop_pkl_report(vm, TRO_SEVERITY_ERROR, "pickle-malformed",
                             "%s: the data cannot be read at byte %llu (%s)", vm->op, at,
                             in->io.errmsg ? in->io.errmsg(in->io.ud) : tro_strerror(in->err));
    else if (vm->op_off == in->off)
        rc = trop_pkl_report(vm, TRO_SEVERITY_ERROR, "pickle-malformed",
                             "the input ends before STOP (truncated pickle)");
    else
        rc = trop_pkl_report(vm, TRO_SEVERITY_ERROR, "pickle-malformed",
                             "%s: the input ends at byte %llu, inside this opcode's argument "
                             "(truncated pickle)",
                             vm->op, at);
    return rc ? rc : TROP_PKL_STEP_BROKEN;
}

/* ---- Values ------------------------------------------------------------- */

int trop_pkl_vpush(trop_pkl_vm *vm, trop_pkl_val v)
{
    int rc = vm->degraded ? TROP_PKL_STEP_CONT : trop_pkl_push(vm, v);
    if (rc == TRO_ELIMIT && vm->sn < vm->job->lim.max_stack && !vm->memo_dropped) {
        /* the memory budget: give up the memo first, then try again */
        rc = trop_pkl_check(vm, rc, TROP_PKL_LIM_VALUES);
        if (!rc)
            rc = trop_pkl_push(vm, v);
    }
    if (rc == TRO_ELIMIT)
        rc = trop_pkl_check(
            vm, rc, vm->sn >= vm->job->lim.max_stack ? TROP_PKL_LIM_STACK : TROP_PKL_LIM_VALUES);
    if (rc || vm->degraded)
        trop_pkl_release(vm, &v);
    return rc;
}

/* A value that could not be kept within the budget: after the limit is
 * reported, a placeholder of the same kind (without content) stands in. */
int trop_pkl_vplaceholder(trop_pkl_vm *vm, int rc, trop_pkl_kind kind, uint8_t flags)
{
    if (rc != TRO_ELIMIT)
        return rc;
    rc = trop_pkl_check(vm, rc, TROP_PKL_LIM_VALUES);
    if (rc)
        return rc;
    trop_pkl_val v = trop_pkl_simple(kind);
    v.flags = flags | TROP_PKL_V_TRUNC;
    return trop_pkl_vpush(vm, v);
}

static int push_kind(trop_pkl_vm *vm, trop_pkl_kind kind)
{
    return trop_pkl_vpush(vm, trop_pkl_simple(kind));
}

static int push_int(trop_pkl_vm *vm, int64_t i)
{
    trop_pkl_val v = trop_pkl_simple(TROP_PKL_K_INT);
    v.u.i = i;
    return trop_pkl_vpush(vm, v);
}

/* A big integer kept as decimal text. */
static int push_big(trop_pkl_vm *vm, const char *digits, size_t n, bool trunc)
{
    trop_pkl_val v;
    if (vm->degraded)
        return TROP_PKL_STEP_CONT;
    int rc = trop_pkl_text(vm, TROP_PKL_K_INT, digits, n, n,
                           TROP_PKL_V_BIG | (trunc ? TROP_PKL_V_TRUNC : 0), &v);
    return rc ? trop_pkl_vplaceholder(vm, rc, TROP_PKL_K_INT, TROP_PKL_V_BIG)
              : trop_pkl_vpush(vm, v);
}

static int push_text(trop_pkl_vm *vm, const char *s, size_t n, uint64_t len, bool trunc)
{
    trop_pkl_val v;
    if (vm->degraded)
        return TROP_PKL_STEP_CONT;
    int rc = trop_pkl_text(vm, TROP_PKL_K_STR, s, n, len, trunc ? TROP_PKL_V_TRUNC : 0, &v);
    return rc ? trop_pkl_vplaceholder(vm, rc, TROP_PKL_K_STR, 0) : trop_pkl_vpush(vm, v);
}

/* ---- Numbers ------------------------------------------------------------ */

/* Decimal text of a little-endian two's complement integer of n <= 32 bytes. */
static size_t le_decimal(const unsigned char *le, size_t n, char *out, size_t cap)
{
    unsigned char mag[32];
    bool neg = n && (le[n - 1] & 0x80);
    for (size_t i = 0; i < n; i++) /* big-endian magnitude */
        mag[i] = neg ? (unsigned char)~le[n - 1 - i] : le[n - 1 - i];
    if (neg) /* two's complement: magnitude = ~x + 1 */
        for (size_t i = n; i-- > 0;)
            if (++mag[i] != 0)
                break;
    char rev[80];
    size_t k = 0;
    bool nonzero = true;
    while (nonzero && k < sizeof rev) {
        unsigned rem = 0;
        nonzero = false;
        for (size_t i = 0; i < n; i++) {
            unsigned cur = rem * 256 + mag[i];
            mag[i] = (unsigned char)(cur / 10);
            rem = cur % 10;
            nonzero |= mag[i] != 0;
        }
        rev[k++] = (char)('0' + rem);
    }
    size_t o = 0;
    if (neg && o + 1 < cap)
        out[o++] = '-';
    while (k > 0 && o + 1 < cap)
        out[o++] = rev[--k];
    out[o] = '\0';
    return o;
}

static int op_int_line(trop_pkl_vm *vm, bool is_long)
{
    size_t n;
    uint64_t total;
    if (!trop_pkl_line(vm, vm->line, &n, &total))
        return trop_pkl_truncated(vm);
    if (vm->degraded)
        return TROP_PKL_STEP_CONT;
    const char *s = vm->line;
    if (!is_long && total == 2 && s[0] == '0' && (s[1] == '0' || s[1] == '1')) {
        trop_pkl_val v = trop_pkl_simple(TROP_PKL_K_BOOL);
        v.u.i = s[1] == '1';
        return trop_pkl_vpush(vm, v);
    }
    bool whole = n == total;
    if (is_long && n > 0 && s[n - 1] == 'L')
        n--;
    int64_t i;
    if (whole && trop_pkl_parse_int(s, n, &i))
        return push_int(vm, i);
    /* Base-0 forms and huge values: only their text matters here. */
    return push_big(vm, s, n, !whole);
}

static int op_long_bin(trop_pkl_vm *vm, unsigned lenbytes)
{
    uint64_t n = 0;
    unsigned char b[32];
    if (!trop_pkl_read_le(vm, lenbytes, &n))
        return trop_pkl_truncated(vm);
    if (lenbytes == 4 && (n & 0x80000000u)) {
        trop_pkl_report(vm, TRO_SEVERITY_ERROR, "pickle-malformed",
                        "LONG4 has a negative byte count; the rest cannot be decoded");
        return TROP_PKL_STEP_BROKEN;
    }
    bool big = n > sizeof b;
    if (!trop_pkl_content(vm, b, big ? 0 : (size_t)n, n, false))
        return trop_pkl_truncated(vm);
    if (big)
        return push_big(vm, "?", 1, true);
    if (n <= 8) {
        uint64_t u = 0;
        for (size_t i = (size_t)n; i-- > 0;)
            u = (u << 8) | b[i];
        if (n > 0 && n < 8 && (b[n - 1] & 0x80))
            u |= ~0ull << (8 * n); /* sign-extend */
        int64_t s;
        memcpy(&s, &u, sizeof s);
        return push_int(vm, s);
    }
    char dec[80];
    size_t k = le_decimal(b, (size_t)n, dec, sizeof dec);
    return push_big(vm, dec, k, false);
}

static int op_binint(trop_pkl_vm *vm, unsigned nbytes, bool is_signed)
{
    uint64_t u;
    if (!trop_pkl_read_le(vm, nbytes, &u))
        return trop_pkl_truncated(vm);
    int64_t v = (int64_t)u;
    if (is_signed && (u & 0x80000000u))
        v = (int64_t)u - 0x100000000ll;
    return push_int(vm, v);
}

/* ---- Strings and bytes -------------------------------------------------- */

static int op_string_line(trop_pkl_vm *vm, bool unicode)
{
    size_t n = 0, len = 0;
    uint64_t total;
    bool trunc, ok;
    char out[TROP_PKL_KEEP_TEXT + 1];
    if (!trop_pkl_line(vm, vm->line, &n, &total))
        return trop_pkl_truncated(vm);
    if (vm->degraded)
        return TROP_PKL_STEP_CONT;
    const char *s = vm->line;
    bool whole = n == total;
    if (unicode) {
        ok = trop_pkl_unescape_unicode(s, n, out, sizeof out, &len, &trunc);
    } else {
        if (whole && !(n >= 2 && s[0] == s[n - 1] && (s[0] == '\'' || s[0] == '"')))
            return trop_pkl_semantic(vm, "the argument is not quoted");
        if (n < 1)
            return trop_pkl_semantic(vm, "the argument is not quoted");
        ok = trop_pkl_unescape_string(s + 1, whole ? n - 2 : n - 1, out, sizeof out, &len, &trunc);
    }
    if (!ok && whole)
        return trop_pkl_semantic(vm, "invalid escape sequence in the argument");
    return push_text(vm, out, len, whole && !trunc ? len : (uint64_t)total, !whole || trunc);
}

/* Reads a length prefix of nbytes; signed lengths must not be negative and
 * no length may exceed what a Python object can hold. */
static int read_len(trop_pkl_vm *vm, unsigned nbytes, bool is_signed, uint64_t *n)
{
    if (!trop_pkl_read_le(vm, nbytes, n))
        return trop_pkl_truncated(vm);
    bool negative = is_signed && nbytes == 4 && (*n & 0x80000000u);
    if (negative || *n > (uint64_t)INT64_MAX) {
        trop_pkl_report(
            vm, TRO_SEVERITY_ERROR, "pickle-malformed",
            "%s: length %s%llu is %s; the rest cannot be decoded", vm->op, negative ? "-" : "",
            negative ? (unsigned long long)(0x100000000ull - *n) : (unsigned long long)*n,
            negative ? "negative" : "beyond any object's maximum size");
        return TROP_PKL_STEP_BROKEN;
    }
    return TROP_PKL_STEP_CONT;
}

static int op_counted(trop_pkl_vm *vm, unsigned nbytes, bool is_signed, trop_pkl_kind kind,
                      bool utf8)
{
    uint64_t n = 0;
    char keep[TROP_PKL_KEEP_TEXT];
    int rc = read_len(vm, nbytes, is_signed, &n);
    if (rc)
        return rc;
    size_t k = kind == TROP_PKL_K_STR ? (n < sizeof keep ? (size_t)n : sizeof keep) : 0;
    /* CPython reads byte strings with _Unpickler_ReadInto, text with _Unpickler_Read */
    if (!trop_pkl_content(vm, keep, k, n, kind != TROP_PKL_K_STR))
        return trop_pkl_truncated(vm);
    if (kind != TROP_PKL_K_STR)
        return push_kind(vm, kind);
    if (utf8 && !trop_pkl_utf8_ok(keep, k, k < n))
        return trop_pkl_semantic(vm, "the text is not valid UTF-8");
    return push_text(vm, keep, k, n, k < n);
}

/* ---- Containers --------------------------------------------------------- */

static int op_tuple_n(trop_pkl_vm *vm, size_t n)
{
    if (vm->degraded)
        return TROP_PKL_STEP_CONT;
    if (vm->sn - trop_pkl_fence(vm) < n)
        return trop_pkl_underflow(vm);
    trop_pkl_val t;
    int rc = trop_pkl_tuple_from_stack(vm, vm->sn - n, &t);
    return rc ? trop_pkl_vplaceholder(vm, rc, TROP_PKL_K_TUPLE, 0) : trop_pkl_vpush(vm, t);
}

/* LIST, DICT, FROZENSET, TUPLE, POP_MARK: consume items back to the mark. */
static int op_from_mark(trop_pkl_vm *vm, trop_pkl_kind kind)
{
    size_t from;
    if (vm->degraded)
        return TROP_PKL_STEP_CONT;
    if (!trop_pkl_pop_mark(vm, &from))
        return trop_pkl_semantic(vm, "no MARK to pop");
    if (kind == TROP_PKL_K_TUPLE) {
        trop_pkl_val t;
        int rc = trop_pkl_tuple_from_stack(vm, from, &t);
        return rc ? trop_pkl_vplaceholder(vm, rc, TROP_PKL_K_TUPLE, 0) : trop_pkl_vpush(vm, t);
    }
    size_t count = vm->sn - from;
    trop_pkl_val d = trop_pkl_simple(kind);
    int rc = kind == TROP_PKL_K_DICT ? trop_pkl_jl_items(vm, &d, from, vm->sn) : TRO_OK;
    trop_pkl_drop_from(vm, from);
    if (rc)
        return rc;
    if (kind == TROP_PKL_K_DICT && count % 2)
        return trop_pkl_semantic(vm, "odd number of items for a dict");
    return kind == TROP_PKL_K_UNKNOWN ? TROP_PKL_STEP_CONT : trop_pkl_vpush(vm, d);
}

/* APPEND / SETITEM: pop n items, then the container must be on top. */
static int op_add_one(trop_pkl_vm *vm, size_t n, trop_pkl_kind expect)
{
    if (vm->degraded)
        return TROP_PKL_STEP_CONT;
    if (vm->sn - trop_pkl_fence(vm) < n + 1)
        return trop_pkl_underflow(vm);
    int rc = n == 2 ? trop_pkl_jl_items(vm, &vm->stack[vm->sn - 3], vm->sn - 2, vm->sn) : TRO_OK;
    trop_pkl_drop_from(vm, vm->sn - n);
    return rc ? rc : trop_pkl_note_target(vm, &vm->stack[vm->sn - 1], expect);
}

/* APPENDS / SETITEMS / ADDITEMS: items back to the mark go into the value
 * just below the mark. */
static int op_add_many(trop_pkl_vm *vm, trop_pkl_kind expect)
{
    size_t from;
    if (vm->degraded)
        return TROP_PKL_STEP_CONT;
    if (!trop_pkl_pop_mark(vm, &from))
        return trop_pkl_semantic(vm, "no MARK to pop");
    if (from <= trop_pkl_fence(vm) || from > vm->sn)
        return trop_pkl_underflow(vm);
    size_t count = vm->sn - from;
    int rc = expect == TROP_PKL_K_DICT ? trop_pkl_jl_items(vm, &vm->stack[from - 1], from, vm->sn)
                                       : TRO_OK;
    trop_pkl_drop_from(vm, from);
    if (rc)
        return rc;
    if (count == 0)
        return TROP_PKL_STEP_CONT; /* nothing is called */
    if (expect == TROP_PKL_K_DICT && count % 2)
        return trop_pkl_semantic(vm, "odd number of items for SETITEMS");
    return trop_pkl_note_target(vm, &vm->stack[from - 1], expect);
}

/* ---- Stack and memo ----------------------------------------------------- */

static int op_pop(trop_pkl_vm *vm)
{
    if (vm->degraded)
        return TROP_PKL_STEP_CONT;
    /* An empty frame pops its mark instead, as CPython does. */
    if (vm->mn && vm->marks[vm->mn - 1] == vm->sn) {
        vm->mn--;
        return TROP_PKL_STEP_CONT;
    }
    trop_pkl_val v;
    if (!trop_pkl_pop(vm, &v))
        return trop_pkl_underflow(vm);
    trop_pkl_release(vm, &v);
    return TROP_PKL_STEP_CONT;
}

static int op_dup(trop_pkl_vm *vm)
{
    if (vm->degraded)
        return TROP_PKL_STEP_CONT;
    trop_pkl_val *t = trop_pkl_top(vm);
    return t ? trop_pkl_vpush(vm, trop_pkl_copy(t)) : trop_pkl_underflow(vm);
}

/* Reads the memo index of GET/PUT (text) or their binary forms. */
static int memo_index(trop_pkl_vm *vm, unsigned nbytes, uint64_t *key, bool *bad)
{
    *bad = false;
    if (nbytes)
        return trop_pkl_read_le(vm, nbytes, key) ? TROP_PKL_STEP_CONT : trop_pkl_truncated(vm);
    size_t n;
    uint64_t total;
    int64_t v;
    if (!trop_pkl_line(vm, vm->line, &n, &total))
        return trop_pkl_truncated(vm);
    if (n != total || !trop_pkl_parse_int(vm->line, n, &v) || v < 0) {
        *bad = true;
        return TROP_PKL_STEP_CONT;
    }
    *key = (uint64_t)v;
    return TROP_PKL_STEP_CONT;
}

static int op_get(trop_pkl_vm *vm, unsigned nbytes)
{
    uint64_t key = 0;
    bool bad;
    int rc = memo_index(vm, nbytes, &key, &bad);
    if (rc || vm->degraded)
        return rc;
    if (vm->memo_dropped) /* not followed any more */
        return trop_pkl_vpush(vm, trop_pkl_simple(TROP_PKL_K_UNKNOWN));
    if (bad)
        return trop_pkl_semantic(vm, "the memo index is not a valid integer");
    trop_pkl_val *v = trop_pkl_memo_get(vm, key);
    if (!v)
        return trop_pkl_semantic(vm, "the memo has no entry %llu", (unsigned long long)key);
    return trop_pkl_vpush(vm, trop_pkl_copy(v));
}

static int op_put(trop_pkl_vm *vm, unsigned nbytes, bool memoize)
{
    uint64_t key = 0;
    bool bad = false;
    int rc = memoize ? TROP_PKL_STEP_CONT : memo_index(vm, nbytes, &key, &bad);
    if (rc || vm->degraded)
        return rc;
    if (bad)
        return trop_pkl_semantic(vm, "the memo index is not a non-negative integer");
    trop_pkl_val *t = trop_pkl_top(vm);
    if (!t)
        return trop_pkl_underflow(vm);
    if (vm->memo_dropped)
        return TROP_PKL_STEP_CONT;
    if (memoize)
        key = vm->memo_n; /* CPython: memo[len(memo)] = top */
    return trop_pkl_check(vm, trop_pkl_memo_put(vm, key, t), TROP_PKL_LIM_MEMO);
}

/* ---- Protocol framing --------------------------------------------------- */

static int op_proto_op(trop_pkl_vm *vm)
{
    unsigned char p;
    if (!trop_pkl_read(vm, &p, 1))
        return trop_pkl_truncated(vm);
    if (vm->ops == 1)
        vm->first_proto = p;
    else if (!vm->misplaced_proto_noted && !vm->first) {
        /* Picklers write PROTO first; one further on is a pickle edited
         * after it was written (as code-injection tools do). */
        vm->misplaced_proto_noted = true;
        int rc = trop_pkl_report(vm, TRO_SEVERITY_ERROR, "pickle-misplaced-proto",
                                 "PROTO %u after %llu opcodes: no pickler writes this; the pickle "
                                 "was edited after it was written",
                                 p, (unsigned long long)(vm->ops - 1));
        if (rc)
            return rc;
    }
    if (p > 5)
        return trop_pkl_semantic(vm, "unsupported protocol %u", p);
    vm->proto = p;
    return TROP_PKL_STEP_CONT;
}

static int op_stop(trop_pkl_vm *vm)
{
    trop_pkl_val v;
    int frc = trop_pkl_frame_end(vm);
    if (frc)
        return frc;
    memset(&vm->job->result, 0, sizeof vm->job->result);
    vm->job->result.top.kind = TROP_PKL_K_UNKNOWN;
    if (vm->degraded)
        return TROP_PKL_STEP_STOP;
    if (!trop_pkl_pop(vm, &v)) {
        int rc = trop_pkl_underflow(vm);
        return rc < 0 ? rc : TROP_PKL_STEP_STOP;
    }
    trop_pkl_result *r = &vm->job->result;
    trop_pkl_summarise(vm, &v, &r->top);
    if (v.kind == TROP_PKL_K_TUPLE && v.u.box) {
        r->count = v.u.box->len;
        r->n = v.u.box->n;
        for (size_t i = 0; i < r->n; i++)
            trop_pkl_summarise(vm, &v.u.box->items[i], &r->items[i]);
    }
    trop_pkl_release(vm, &v);
    return TROP_PKL_STEP_STOP;
}

static int op_readonly_buffer(trop_pkl_vm *vm)
{
    return vm->degraded || trop_pkl_top(vm) ? TROP_PKL_STEP_CONT : trop_pkl_underflow(vm);
}

/* ---- Dispatch ----------------------------------------------------------- */

/* One case per opcode: the switch is over the whole enum, so the compiler
 * names any opcode left without a handler. */
/* clang-format off */
static int step(trop_pkl_vm *vm, unsigned char op)
{
    switch ((trop_pkl_op)op) {
    /* numbers, strings, bytes and constants */
    case TROP_PKL_OP_INT: return op_int_line(vm, false);
    case TROP_PKL_OP_LONG: return op_int_line(vm, true);
    case TROP_PKL_OP_BININT: return op_binint(vm, 4, true);
    case TROP_PKL_OP_BININT1: return op_binint(vm, 1, false);
    case TROP_PKL_OP_BININT2: return op_binint(vm, 2, false);
    case TROP_PKL_OP_LONG1: return op_long_bin(vm, 1);
    case TROP_PKL_OP_LONG4: return op_long_bin(vm, 4);
    case TROP_PKL_OP_FLOAT: {
        size_t n;
        uint64_t t;
        bool ok = trop_pkl_line(vm, vm->line, &n, &t);
        return ok ? push_kind(vm, TROP_PKL_K_FLOAT) : trop_pkl_truncated(vm);
    }
    case TROP_PKL_OP_BINFLOAT: {
        unsigned char b[8];
        return trop_pkl_read(vm, b, 8) ? push_kind(vm, TROP_PKL_K_FLOAT) : trop_pkl_truncated(vm);
    }
    case TROP_PKL_OP_STRING: return op_string_line(vm, false);
    case TROP_PKL_OP_UNICODE: return op_string_line(vm, true);
    case TROP_PKL_OP_BINSTRING: return op_counted(vm, 4, true, TROP_PKL_K_STR, false);
    case TROP_PKL_OP_SHORT_BINSTRING: return op_counted(vm, 1, false, TROP_PKL_K_STR, false);
    case TROP_PKL_OP_BINUNICODE: return op_counted(vm, 4, false, TROP_PKL_K_STR, true);
    case TROP_PKL_OP_SHORT_BINUNICODE: return op_counted(vm, 1, false, TROP_PKL_K_STR, true);
    case TROP_PKL_OP_BINUNICODE8: return op_counted(vm, 8, false, TROP_PKL_K_STR, true);
    case TROP_PKL_OP_BINBYTES: return op_counted(vm, 4, false, TROP_PKL_K_BYTES, false);
    case TROP_PKL_OP_SHORT_BINBYTES: return op_counted(vm, 1, false, TROP_PKL_K_BYTES, false);
    case TROP_PKL_OP_BINBYTES8: return op_counted(vm, 8, false, TROP_PKL_K_BYTES, false);
    case TROP_PKL_OP_BYTEARRAY8: return op_counted(vm, 8, false, TROP_PKL_K_BYTEARRAY, false);
    case TROP_PKL_OP_NEXT_BUFFER: return push_kind(vm, TROP_PKL_K_BUFFER);
    case TROP_PKL_OP_READONLY_BUFFER: return op_readonly_buffer(vm);
    case TROP_PKL_OP_NONE: return push_kind(vm, TROP_PKL_K_NONE);
    case TROP_PKL_OP_NEWTRUE:
    case TROP_PKL_OP_NEWFALSE: {
        trop_pkl_val v = trop_pkl_simple(TROP_PKL_K_BOOL);
        v.u.i = op == TROP_PKL_OP_NEWTRUE;
        return trop_pkl_vpush(vm, v);
    }
    /* containers, marks, the stack and the memo */
    case TROP_PKL_OP_EMPTY_TUPLE: return push_kind(vm, TROP_PKL_K_TUPLE);
    case TROP_PKL_OP_TUPLE: return op_from_mark(vm, TROP_PKL_K_TUPLE);
    case TROP_PKL_OP_TUPLE1: return op_tuple_n(vm, 1);
    case TROP_PKL_OP_TUPLE2: return op_tuple_n(vm, 2);
    case TROP_PKL_OP_TUPLE3: return op_tuple_n(vm, 3);
    case TROP_PKL_OP_EMPTY_LIST: return push_kind(vm, TROP_PKL_K_LIST);
    case TROP_PKL_OP_LIST: return op_from_mark(vm, TROP_PKL_K_LIST);
    case TROP_PKL_OP_APPEND: return op_add_one(vm, 1, TROP_PKL_K_LIST);
    case TROP_PKL_OP_APPENDS: return op_add_many(vm, TROP_PKL_K_LIST);
    case TROP_PKL_OP_EMPTY_DICT: return push_kind(vm, TROP_PKL_K_DICT);
    case TROP_PKL_OP_DICT: return op_from_mark(vm, TROP_PKL_K_DICT);
    case TROP_PKL_OP_SETITEM: return op_add_one(vm, 2, TROP_PKL_K_DICT);
    case TROP_PKL_OP_SETITEMS: return op_add_many(vm, TROP_PKL_K_DICT);
    case TROP_PKL_OP_EMPTY_SET: return push_kind(vm, TROP_PKL_K_SET);
    case TROP_PKL_OP_ADDITEMS: return op_add_many(vm, TROP_PKL_K_SET);
    case TROP_PKL_OP_FROZENSET: return op_from_mark(vm, TROP_PKL_K_FROZENSET);
    case TROP_PKL_OP_MARK:
        return vm->degraded ? TROP_PKL_STEP_CONT
                            : trop_pkl_check(vm, trop_pkl_mark(vm), TROP_PKL_LIM_MARKS);
    case TROP_PKL_OP_POP_MARK: return op_from_mark(vm, TROP_PKL_K_UNKNOWN);
    case TROP_PKL_OP_POP: return op_pop(vm);
    case TROP_PKL_OP_DUP: return op_dup(vm);
    case TROP_PKL_OP_GET: return op_get(vm, 0);
    case TROP_PKL_OP_BINGET: return op_get(vm, 1);
    case TROP_PKL_OP_LONG_BINGET: return op_get(vm, 4);
    case TROP_PKL_OP_PUT: return op_put(vm, 0, false);
    case TROP_PKL_OP_BINPUT: return op_put(vm, 1, false);
    case TROP_PKL_OP_LONG_BINPUT: return op_put(vm, 4, false);
    case TROP_PKL_OP_MEMOIZE: return op_put(vm, 0, true);
    /* protocol, frames, and the opcodes that import, call or load */
    case TROP_PKL_OP_PROTO: return op_proto_op(vm);
    case TROP_PKL_OP_FRAME: return trop_pkl_op_frame(vm);
    case TROP_PKL_OP_STOP: return op_stop(vm);
    case TROP_PKL_OP_GLOBAL: return trop_pkl_op_global(vm, false);
    case TROP_PKL_OP_INST: return trop_pkl_op_global(vm, true);
    case TROP_PKL_OP_STACK_GLOBAL: return trop_pkl_op_stack_global(vm);
    case TROP_PKL_OP_EXT1: return trop_pkl_op_ext(vm, 1);
    case TROP_PKL_OP_EXT2: return trop_pkl_op_ext(vm, 2);
    case TROP_PKL_OP_EXT4: return trop_pkl_op_ext(vm, 4);
    case TROP_PKL_OP_REDUCE: return trop_pkl_op_reduce(vm);
    case TROP_PKL_OP_NEWOBJ: return trop_pkl_op_newobj(vm, false);
    case TROP_PKL_OP_NEWOBJ_EX: return trop_pkl_op_newobj(vm, true);
    case TROP_PKL_OP_OBJ: return trop_pkl_op_obj(vm);
    case TROP_PKL_OP_BUILD: return trop_pkl_op_build(vm);
    case TROP_PKL_OP_PERSID: return trop_pkl_op_persid(vm, false);
    case TROP_PKL_OP_BINPERSID: return trop_pkl_op_persid(vm, true);
    }
    return TROP_PKL_STEP_BROKEN; /* not reached: unknown opcodes stop earlier */
}
/* clang-format on */

static int run(trop_pkl_vm *vm)
{
    for (;;) {
        unsigned char op;
        vm->op_off = vm->in->off;
        vm->op = "end of input";
        trop_pkl_frame_opcode(vm);
        if (!trop_pkl_read(vm, &op, 1))
            return trop_pkl_truncated(vm);
        vm->op = op_names[op];
        if (!vm->op) {
            vm->op = "?";
            if (vm->first)
                return TROP_PKL_STEP_BROKEN;
            int rc = trop_pkl_report(vm, TRO_SEVERITY_ERROR, "pickle-malformed",
                                     "byte 0x%02x is not a pickle opcode; the rest cannot be "
                                     "decoded",
                                     op);
            return rc ? rc : TROP_PKL_STEP_BROKEN;
        }
        if (++vm->ops > vm->job->lim.max_ops) {
            if (vm->first)
                return TROP_PKL_STEP_BROKEN;
            int rc = trop_pkl_report(vm, TRO_SEVERITY_ERROR, "pickle-scan-incomplete",
                                     "more than %llu opcodes (limit); the rest was not checked",
                                     (unsigned long long)vm->job->lim.max_ops);
            vm->ops--;
            return rc ? rc : TROP_PKL_STEP_BROKEN;
        }
        if (op_protos[op] > vm->implied_proto)
            vm->implied_proto = op_protos[op];
        int rc = step(vm, op);
        int frc = trop_pkl_frame_check(vm);
        if (frc && rc >= 0)
            rc = frc;
        if (rc != TROP_PKL_STEP_CONT)
            return rc;
    }
}

/* ---- One pickle --------------------------------------------------------- */

static int finish(trop_pkl_vm *vm, bool complete)
{
    trop_pkl_job *job = vm->job;
    int rc = trop_pkl_report_records(vm);
    if (rc)
        return rc;
    job->dangerous += vm->dangerous;
    job->unknown += vm->unknown;
    job->pickle_count += !vm->first;
    if (json_array_size(job->pickles) >= TROP_PKL_MAX_PICKLES)
        return TRO_OK;
    json_t *o = trop_pkl_vm_json(vm, complete);
    if (o && vm->first && json_object_set_new(o, "reading", json_string("frame-rest-dropped")))
        rc = TRO_ENOMEM;
    return o && !rc && json_array_append_new(job->pickles, o) == 0 ? TRO_OK : TRO_ENOMEM;
}

static int vm_init(trop_pkl_vm *vm, trop_pkl_job *job, trop_pkl_in *in, const char *entry,
                   int64_t base)
{
    memset(vm, 0, sizeof *vm);
    vm->job = job;
    vm->in = in;
    vm->entry = entry;
    vm->base = base;
    vm->start = in->off;
    vm->first_proto = -1;
    vm->line = malloc(TROP_PKL_LINE);
    vm->line2 = malloc(TROP_PKL_LINE);
    return vm->line && vm->line2 ? TRO_OK : TRO_ENOMEM;
}

int trop_pkl_scan_nested(trop_pkl_vm *vm)
{
    trop_pkl_vm sub;
    int rc = vm_init(&sub, vm->job, vm->in, vm->entry, vm->base);
    if (!rc) {
        sub.nested = true;
        sub.first = vm->first;
        sub.alt_from = vm->alt_from;
        sub.frame.reading = vm->frame.reading;
        sub.frame.data = vm->frame.data;
        sub.frame.data_base = vm->frame.data_base;
        sub.frame.data_len = vm->frame.data_len;
        sub.frame.buf_end = vm->frame.buf_end;
        rc = run(&sub);
    }
    int frc = rc >= 0 ? finish(&sub, rc == TROP_PKL_STEP_STOP) : TRO_OK;
    if (sub.frame.buf_end > vm->frame.buf_end)
        vm->frame.buf_end = sub.frame.buf_end;
    trop_pkl_vm_free(&sub);
    return frc ? frc : rc;
}

/* Reads the pickle again from the copy kept of it, as CPython's unpickler
 * does over io.BytesIO: where a read runs past a frame's end, the rest of
 * the frame is dropped (frame.c). Reports what it imports from the
 * first disagreement on that the first reading did not. */
static int read_dropped(trop_pkl_vm *first)
{
    trop_pkl_job *job = first->job;
    trop_pkl_in *src = first->in;
    if (src->rec_full)
        return TRO_OK; /* not kept: the first reading's error stands alone */
    trop_pkl_io io;
    trop_pkl_memio mem;
    trop_pkl_in in;
    trop_pkl_vm vm;
    trop_pkl_result saved = job->result;
    memset(&vm, 0, sizeof vm);
    trop_pkl_memio_init(&io, &mem, src->rec, src->rec_len);
    int rc = trop_pkl_in_init(&in, &io, src->rec_len);
    in.off = first->start;
    if (!rc)
        rc = vm_init(&vm, job, &in, first->entry, first->base);
    if (!rc) {
        vm.first = first;
        vm.alt_from = first->frame.first_violation;
        vm.frame.reading = TROP_PKL_READ_DROP;
        vm.frame.data = src->rec;
        vm.frame.data_base = first->start;
        vm.frame.data_len = src->rec_len;
        vm.frame.buf_end = first->start;
        rc = run(&vm);
        if (rc >= 0)
            rc = finish(&vm, rc == TROP_PKL_STEP_STOP);
    }
    if (!rc || rc > 0)
        rc = TRO_OK;
    trop_pkl_vm_free(&vm);
    trop_pkl_in_fini(&in);
    job->result = saved;
    return rc;
}

int trop_pkl_scan_one(trop_pkl_job *job, trop_pkl_in *in, const char *entry, int64_t base,
                      trop_pkl_status *status)
{
    unsigned char first;
    if (!trop_pkl_in_peek(in, &first)) {
        *status = TROP_PKL_EMPTY;
        return in->err == TRO_EIO ? TRO_EIO : TRO_OK;
    }
    if (!op_names[first]) {
        *status = TROP_PKL_NOT_PICKLE;
        return TRO_OK;
    }
    trop_pkl_vm vm;
    trop_pkl_in_record(in,
                       (size_t)(job->lim.max_record < SIZE_MAX ? job->lim.max_record : SIZE_MAX));
    int rc = vm_init(&vm, job, in, entry, base);
    if (!rc)
        rc = run(&vm);
    in->recording = false;
    *status = rc == TROP_PKL_STEP_STOP ? TROP_PKL_STOPPED : TROP_PKL_BROKEN;
    if (rc >= 0)
        rc = finish(&vm, rc == TROP_PKL_STEP_STOP);
    if (rc >= 0 && vm.frame.diverges)
        rc = read_dropped(&vm);
    trop_pkl_vm_free(&vm);
    return rc;
}
