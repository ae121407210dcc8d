/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/*
 * Frames (protocol 4+), and opcodes that disagree with them.
 *
 * CPython's pickler writes a FRAME, then opcodes that end exactly where
 * the frame does; large byte strings go between frames. Readers handle a
 * frame whose opcodes run past its end differently:
 *   - pickle.loads() on bytes, and the C unpickler over a file with peek()
 *     while its buffer holds the bytes: frames only group opcodes, reading
 *     goes on (TROP_PKL_READ_CONTINUOUS);
 *   - the C unpickler over a file without peek() (io.BytesIO: torch.load
 *     reads a zip member so, and a buffered file once its buffer ran dry)
 *     has read the frame into a buffer of its own; a read of an opcode or
 *     argument past the buffer's end takes its bytes from the file where
 *     the frame ends, dropping the rest of the frame (TROP_PKL_READ_DROP);
 *     _Unpickler_ReadInto (byte strings) copies the rest first;
 *   - the pure-Python unpickler stops ("pickle exhausted before end of
 *     frame").
 * So such a pickle can run opcodes that a continuous reading never sees
 * (CPython issue 154848). The first reading (continuous) reports every
 * disagreement as pickle-frame-mismatch; when the readings can diverge,
 * pickle.c reads the pickle again the DROP way and reports what that
 * reading imports and calls from the first disagreement on.
 */
#include "vm.h"

#include <string.h>

enum { V_STRADDLE, V_NESTED, V_PAST_STOP };

static int violation(trop_pkl_vm *vm, int kind, uint64_t at, uint64_t n)
{
    trop_pkl_framing *f = &vm->frame;
    uint64_t e0 = f->end;
    bool first = !f->violated;
    if (first) {
        f->violated = true;
        f->first_violation = at;
    }
    f->open = false;
    if (!first || f->reading == TROP_PKL_READ_DROP)
        return TRO_OK;
    unsigned long long s = (unsigned long long)f->start, e = (unsigned long long)e0;
    switch (kind) {
    case V_STRADDLE:
        return trop_pkl_report_at(
            vm, at, TRO_SEVERITY_ERROR, "pickle-frame-mismatch",
            "%s runs past the end of the frame at byte %llu (opened at byte "
            "%llu): pickle.loads reads on, CPython's unpickler over io.BytesIO "
            "(torch.load, a file once its buffer is spent) drops the rest of the "
            "frame and reads other bytes, the pure-Python unpickler stops; the "
            "scan cannot vouch for one reading",
            vm->op, e, s);
    case V_NESTED:
        return trop_pkl_report_at(
            vm, at, TRO_SEVERITY_ERROR, "pickle-frame-mismatch",
            "FRAME: a frame opens before the end (byte %llu) of the one "
            "opened at byte %llu; no pickler writes this, and readers disagree "
            "on which bytes come next",
            e, s);
    default:
        return trop_pkl_report_at(
            vm, at, TRO_SEVERITY_ERROR, "pickle-frame-mismatch",
            "STOP: the frame opened at byte %llu claims %llu bytes more, past "
            "STOP; no pickler writes this, and CPython's unpickler refuses a "
            "frame longer than its input",
            s, (unsigned long long)n);
    }
}

/* Before a read of n bytes (n == 0: a line of unknown length). */
static void before(trop_pkl_vm *vm, uint64_t n, bool into)
{
    trop_pkl_framing *f = &vm->frame;
    trop_pkl_in *in = vm->in;
    uint64_t p = in->off;
    if (f->reading == TROP_PKL_READ_CONTINUOUS) {
        /* an opcode that starts inside the frame must end inside it */
        if (n && f->open && vm->op_off < f->end && p + n > f->end) {
            f->diverges |= !into && p < f->end;
            f->pending = V_STRADDLE + 1;
        }
        return;
    }
    if (into || p >= f->buf_end)
        return;
    bool drop = n ? p + n > f->buf_end
                  : !memchr(f->data + (p - f->data_base), '\n', (size_t)(f->buf_end - p));
    if (drop)
        trop_pkl_in_skip(in, f->buf_end - p);
}

static void after(trop_pkl_vm *vm, uint64_t start)
{
    trop_pkl_framing *f = &vm->frame;
    uint64_t p = vm->in->off;
    if (f->reading == TROP_PKL_READ_DROP) {
        if (p > f->buf_end)
            f->buf_end = p;
        return;
    }
    if (f->open && vm->op_off < f->end && start <= f->end && p > f->end && !f->pending) {
        f->diverges |= start < f->end;
        f->pending = V_STRADDLE + 1;
    }
}

bool trop_pkl_read(trop_pkl_vm *vm, void *buf, size_t n)
{
    before(vm, n, false);
    bool ok = trop_pkl_in_read(vm->in, buf, n);
    after(vm, vm->in->off);
    return ok;
}

bool trop_pkl_read_le(trop_pkl_vm *vm, unsigned n, uint64_t *out)
{
    unsigned char b[8];
    if (!trop_pkl_read(vm, b, n))
        return false;
    *out = 0;
    for (unsigned i = n; i-- > 0;)
        *out = (*out << 8) | b[i];
    return true;
}

bool trop_pkl_skip(trop_pkl_vm *vm, uint64_t n, bool into)
{
    before(vm, n, into);
    bool ok = trop_pkl_in_skip(vm->in, n);
    after(vm, vm->in->off);
    return ok;
}

bool trop_pkl_content(trop_pkl_vm *vm, void *keep, size_t k, uint64_t n, bool into)
{
    before(vm, n, into);
    bool ok = trop_pkl_in_read(vm->in, keep, k) && trop_pkl_in_skip(vm->in, n - k);
    after(vm, vm->in->off);
    return ok;
}

bool trop_pkl_line(trop_pkl_vm *vm, char *buf, size_t *kept, uint64_t *total)
{
    before(vm, 0, false);
    uint64_t start = vm->in->off;
    bool ok = trop_pkl_in_line(vm->in, buf, TROP_PKL_LINE, kept, total);
    after(vm, start);
    return ok;
}

void trop_pkl_frame_opcode(trop_pkl_vm *vm)
{
    trop_pkl_framing *f = &vm->frame;
    if (f->open && vm->in->off >= f->end)
        f->open = false; /* the frame was read to its end */
}

int trop_pkl_frame_check(trop_pkl_vm *vm)
{
    trop_pkl_framing *f = &vm->frame;
    int kind = f->pending - 1;
    if (!f->pending)
        return TRO_OK;
    f->pending = 0;
    return violation(vm, kind, vm->op_off, 0);
}

int trop_pkl_op_frame(trop_pkl_vm *vm)
{
    trop_pkl_framing *f = &vm->frame;
    uint64_t n = 0;
    if (!trop_pkl_read_le(vm, 8, &n))
        return trop_pkl_truncated(vm);
    if (n > (uint64_t)INT64_MAX)
        return trop_pkl_semantic(vm, "frame length %llu is beyond any object's maximum size",
                                 (unsigned long long)n);
    uint64_t p = vm->in->off;
    if (f->reading == TROP_PKL_READ_DROP) {
        /* _Unpickler_Read(frame_len): within the buffer it only rewinds */
        if (p + n <= f->buf_end)
            return TROP_PKL_STEP_CONT;
        if (p < f->buf_end && !trop_pkl_in_skip(vm->in, f->buf_end - p))
            return trop_pkl_truncated(vm);
        p = vm->in->off;
        if (p + n > f->data_base + f->data_len)
            return TROP_PKL_STEP_BROKEN; /* CPython stops here: the frame is not there */
        f->buf_end = p + n;
        return TROP_PKL_STEP_CONT;
    }
    int rc = TRO_OK;
    if (f->open && p < f->end) {
        f->diverges = true;
        rc = violation(vm, V_NESTED, vm->op_off, 0);
    }
    f->open = true;
    f->start = p;
    f->end = p + n;
    return rc ? rc : TROP_PKL_STEP_CONT;
}

int trop_pkl_frame_end(trop_pkl_vm *vm)
{
    trop_pkl_framing *f = &vm->frame;
    if (f->reading == TROP_PKL_READ_DROP || !f->open || vm->in->off >= f->end)
        return TRO_OK;
    return violation(vm, V_PAST_STOP, vm->op_off, f->end - vm->in->off);
}
