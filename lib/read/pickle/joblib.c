/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/*
 * joblib's arrays. joblib.dump pickles a NumpyArrayWrapper (a class, a
 * state dict with the array's shape, dtype and alignment) in place of each
 * NumPy array, and writes the array's bytes into the file right after the
 * wrapper: they are not opcodes. joblib.load's unpickler, at the BUILD of a
 * wrapper, reads them from the file: with numpy_array_alignment_bytes set
 * (joblib >= 1.2), a byte giving a padding length and that many bytes of
 * padding, then product(shape) * itemsize bytes; for an object dtype, a
 * whole pickle instead (pickle.load), scanned as one.
 *
 * So the scan follows the values joblib computes them from: the dtype made
 * by numpy.dtype(code, ...) (its item size is in the code: "f8", "U10"
 * holds 10 characters of 4 bytes, "O8" objects), the shape tuple and the
 * alignment of the dict given to BUILD. A wrapper whose size cannot be
 * worked out exactly stops the scan with pickle-scan-incomplete: reading on
 * from a guess would let a file hide opcodes from the scan.
 */
#include "vm.h"

#include <stdlib.h>
#include <string.h>

#define PKL_JL_MAX 4096 /* dicts followed per pickle */

/* A dtype code: its item size + 1, TROP_PKL_JL_OBJECT, or 0 when unknown. */
int64_t trop_pkl_jl_dtype_code(const char *code, size_t n)
{
    if (n < 2 || n > 12)
        return 0;
    char kind = code[0];
    int64_t size = 0;
    for (size_t i = 1; i < n; i++) {
        if (code[i] < '0' || code[i] > '9')
            return 0;
        size = size * 10 + (code[i] - '0');
    }
    if (kind == 'O')
        return TROP_PKL_JL_OBJECT;
    if (kind == 'U')
        size *= 4;
    /* V: a structured dtype, whose fields (maybe objects) come in its state */
    return strchr("biufcSUMm", kind) ? size + 1 : 0;
}

int trop_pkl_jl_dtype(trop_pkl_vm *vm, const trop_pkl_val *fn, const trop_pkl_val *args,
                      int64_t *desc)
{
    *desc = 0;
    if (fn->kind != TROP_PKL_K_GLOBAL || fn->rec == TROP_PKL_NOREC || fn->rec >= vm->nrec)
        return TRO_OK;
    const trop_pkl_rec *r = &vm->recs[fn->rec];
    if (r->dynamic || strcmp(r->module, "numpy") != 0 || strcmp(r->name, "dtype") != 0)
        return TRO_OK;
    if (args->kind != TROP_PKL_K_TUPLE || !args->u.box || args->u.box->n < 1)
        return TRO_OK;
    const trop_pkl_val *code = &args->u.box->items[0];
    if (code->kind == TROP_PKL_K_STR && code->u.box && !(code->flags & TROP_PKL_V_TRUNC))
        *desc = trop_pkl_jl_dtype_code(trop_pkl_box_text(code->u.box), code->u.box->n);
    return TRO_OK;
}

static bool key_is(const trop_pkl_val *k, const char *s)
{
    return k->kind == TROP_PKL_K_STR && k->u.box && !(k->flags & TROP_PKL_V_TRUNC) &&
           k->u.box->n == strlen(s) && memcmp(trop_pkl_box_text(k->u.box), s, k->u.box->n) == 0;
}

/* The number of elements of a shape tuple, or false. */
static bool shape_count(const trop_pkl_val *t, uint64_t *count)
{
    *count = 1;
    if (t->kind != TROP_PKL_K_TUPLE || (t->flags & TROP_PKL_V_TRUNC))
        return false;
    if (!t->u.box)
        return true; /* () */
    for (uint32_t i = 0; i < t->u.box->n; i++) {
        const trop_pkl_val *d = &t->u.box->items[i];
        if (d->kind != TROP_PKL_K_INT || (d->flags & TROP_PKL_V_BIG) || d->u.i < 0 ||
            !trop_mul_u64(*count, (uint64_t)d->u.i, count))
            return false;
    }
    return t->u.box->len == t->u.box->n;
}

int trop_pkl_jl_items(trop_pkl_vm *vm, trop_pkl_val *dict, size_t from, size_t to)
{
    if (dict->kind != TROP_PKL_K_DICT)
        return TRO_OK;
    for (size_t i = from; i + 1 < to; i += 2) {
        const trop_pkl_val *k = &vm->stack[i], *v = &vm->stack[i + 1];
        bool shape = key_is(k, "shape"), dtype = key_is(k, "dtype");
        bool align = key_is(k, "numpy_array_alignment_bytes");
        if (!shape && !dtype && !align)
            continue;
        if (dict->u.i == 0) { /* the dict's first key that matters */
            if (vm->njl >= PKL_JL_MAX)
                return TRO_OK;
            if (vm->njl == vm->capjl) {
                size_t cap = vm->capjl ? vm->capjl * 2 : 16;
                trop_pkl_jl *p = realloc(vm->jl, cap * sizeof *p);
                if (!p)
                    return TRO_ENOMEM;
                vm->jl = p;
                vm->capjl = cap;
            }
            memset(&vm->jl[vm->njl], 0, sizeof *vm->jl);
            dict->u.i = (int64_t)++vm->njl;
        }
        trop_pkl_jl *j = &vm->jl[dict->u.i - 1];
        if (shape)
            j->has_shape = shape_count(v, &j->count);
        else if (dtype)
            j->dtype = v->kind == TROP_PKL_K_OBJECT ? v->u.i : 0;
        else
            j->align = v->kind == TROP_PKL_K_INT; /* None: no padding */
    }
    return TRO_OK;
}

bool trop_pkl_jl_wrapper(const trop_pkl_vm *vm, const trop_pkl_val *inst)
{
    static const char mod[] = "joblib.numpy_pickle";
    if (vm->nested || inst->kind != TROP_PKL_K_OBJECT || inst->rec == TROP_PKL_NOREC ||
        inst->rec >= vm->nrec)
        return false;
    const trop_pkl_rec *r = &vm->recs[inst->rec];
    size_t ml = strlen(r->module), n = sizeof mod - 1;
    /* joblib, or the copy scikit-learn once shipped (sklearn.externals.joblib) */
    return !r->dynamic && strcmp(r->name, "NumpyArrayWrapper") == 0 && ml >= n &&
           strcmp(r->module + ml - n, mod) == 0 && (ml == n || r->module[ml - n - 1] == '.');
}

/* Reads bytes outside the pickle's opcodes, as joblib does from the file. */
static bool raw(trop_pkl_vm *vm, unsigned char *buf, uint64_t n)
{
    bool ok = buf ? trop_pkl_in_read(vm->in, buf, (size_t)n) : trop_pkl_in_skip(vm->in, n);
    if (vm->frame.buf_end < vm->in->off)
        vm->frame.buf_end = vm->in->off;
    return ok;
}

static int incomplete(trop_pkl_vm *vm, const char *why)
{
    int rc =
        trop_pkl_report(vm, TRO_SEVERITY_ERROR, "pickle-scan-incomplete",
                        "%s: joblib.load reads the bytes of a NumpyArrayWrapper's array from the "
                        "file here, and %s; the rest was not checked",
                        vm->op, why);
    return rc ? rc : TROP_PKL_STEP_BROKEN;
}

int trop_pkl_jl_array(trop_pkl_vm *vm, const trop_pkl_val *state)
{
    const trop_pkl_jl *j =
        state->kind == TROP_PKL_K_DICT && state->u.i > 0 && (size_t)state->u.i <= vm->njl
            ? &vm->jl[state->u.i - 1]
            : NULL;
    if (!j || !j->has_shape || j->dtype == 0)
        return incomplete(vm, "its shape or dtype could not be worked out");
    if (vm->frame.open && vm->in->off < vm->frame.end)
        return incomplete(vm, "the pickle's frame goes on over them (no pickler writes this)");
    if (strcmp(vm->job->loader, "pickle.load") == 0)
        vm->job->loader = "joblib.load"; /* only joblib reads such a file */
    if (j->dtype == TROP_PKL_JL_OBJECT) {
        int rc = trop_pkl_scan_nested(vm);
        return rc < 0 ? rc : rc == TROP_PKL_STEP_STOP ? TROP_PKL_STEP_CONT : TROP_PKL_STEP_BROKEN;
    }
    uint64_t bytes;
    if (!trop_mul_u64(j->count, (uint64_t)(j->dtype - 1), &bytes))
        return incomplete(vm, "its size is beyond any file's");
    unsigned char pad = 0;
    if ((j->align && !raw(vm, &pad, 1)) || !raw(vm, NULL, pad) || !raw(vm, NULL, bytes))
        return trop_pkl_truncated(vm);
    return TROP_PKL_STEP_CONT;
}
