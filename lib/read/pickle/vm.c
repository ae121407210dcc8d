/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* The simulated unpickler's state: values, stack, marks, memo, and the
 * records of imports and calls that become metadata and findings. Every
 * allocation is charged to a memory budget checked before allocating. */
#include "vm.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- Memory budget ------------------------------------------------------ */

static bool charge(trop_pkl_vm *vm, uint64_t bytes)
{
    uint64_t total;
    if (!trop_add_u64(vm->value_bytes, bytes, &total) || total > vm->job->lim.max_value_bytes)
        return false;
    vm->value_bytes = total;
    return true;
}

static void refund(trop_pkl_vm *vm, uint64_t bytes)
{
    vm->value_bytes = bytes > vm->value_bytes ? 0 : vm->value_bytes - bytes;
}

/* Grows an array of *cap elements of size sz to hold need; charged. */
static int grow(trop_pkl_vm *vm, void **arr, size_t *cap, size_t need, size_t sz)
{
    if (need <= *cap)
        return TRO_OK;
    size_t ncap = *cap ? *cap : 16;
    while (ncap < need)
        ncap *= 2;
    if (!charge(vm, (uint64_t)(ncap - *cap) * sz))
        return TRO_ELIMIT;
    void *p = realloc(*arr, ncap * sz);
    if (!p) {
        refund(vm, (uint64_t)(ncap - *cap) * sz);
        return TRO_ENOMEM;
    }
    *arr = p;
    *cap = ncap;
    return TRO_OK;
}

/* ---- Values ------------------------------------------------------------- */

static bool has_box(const trop_pkl_val *v)
{
    return (v->kind == TROP_PKL_K_STR || v->kind == TROP_PKL_K_TUPLE ||
            (v->kind == TROP_PKL_K_INT && (v->flags & TROP_PKL_V_BIG))) &&
           v->u.box;
}

static void box_unref(trop_pkl_vm *vm, trop_pkl_box *b, bool tuple)
{
    if (--b->refs > 0)
        return;
    if (tuple)
        for (uint32_t i = 0; i < b->n; i++)
            if (has_box(&b->items[i]) && --b->items[i].u.box->refs == 0) {
                /* items never hold tuples with boxes: no deeper level */
                refund(vm, b->items[i].u.box->size);
                free(b->items[i].u.box);
            }
    refund(vm, b->size);
    free(b);
}

void trop_pkl_release(trop_pkl_vm *vm, trop_pkl_val *v)
{
    if (has_box(v))
        box_unref(vm, v->u.box, v->kind == TROP_PKL_K_TUPLE);
    v->kind = TROP_PKL_K_NONE;
    v->u.box = NULL;
}

trop_pkl_val trop_pkl_copy(const trop_pkl_val *v)
{
    if (has_box(v))
        v->u.box->refs++;
    return *v;
}

trop_pkl_val trop_pkl_simple(trop_pkl_kind kind)
{
    trop_pkl_val v = {.kind = (uint8_t)kind, .rec = TROP_PKL_NOREC};
    return v;
}

/* A box of payload bytes: TRO_ELIMIT over the budget, TRO_ENOMEM. */
static int box_new(trop_pkl_vm *vm, size_t payload, trop_pkl_box **out)
{
    size_t size = sizeof(trop_pkl_box) + payload;
    *out = NULL;
    if (!charge(vm, size))
        return TRO_ELIMIT;
    trop_pkl_box *b = calloc(1, size);
    if (!b) {
        refund(vm, size);
        return TRO_ENOMEM;
    }
    b->refs = 1;
    b->size = size;
    *out = b;
    return TRO_OK;
}

int trop_pkl_text(trop_pkl_vm *vm, trop_pkl_kind kind, const char *text, size_t n, uint64_t len,
                  uint8_t flags, trop_pkl_val *out)
{
    *out = trop_pkl_simple(kind);
    if (n > TROP_PKL_KEEP_TEXT) {
        n = TROP_PKL_KEEP_TEXT;
        flags |= TROP_PKL_V_TRUNC;
    }
    if (len > n)
        flags |= TROP_PKL_V_TRUNC;
    trop_pkl_box *b;
    int rc = box_new(vm, n + 1, &b);
    if (rc)
        return rc;
    memcpy(trop_pkl_box_text(b), text, n);
    b->n = (uint32_t)n;
    b->len = len;
    out->flags = flags;
    out->u.box = b;
    return TRO_OK;
}

int trop_pkl_tuple_from_stack(trop_pkl_vm *vm, size_t from, trop_pkl_val *out)
{
    size_t count = vm->sn - from;
    size_t keep = count < TROP_PKL_KEEP_ITEMS ? count : TROP_PKL_KEEP_ITEMS;
    *out = trop_pkl_simple(TROP_PKL_K_TUPLE);
    trop_pkl_box *b = NULL;
    if (keep) {
        int rc = box_new(vm, keep * sizeof(trop_pkl_val), &b);
        if (rc) {
            trop_pkl_drop_from(vm, from);
            return rc;
        }
        b->len = count;
        for (size_t i = 0; i < keep; i++) {
            trop_pkl_val *it = &vm->stack[from + i];
            if (it->kind == TROP_PKL_K_TUPLE && it->u.box) {
                trop_pkl_val flat = trop_pkl_simple(TROP_PKL_K_TUPLE);
                flat.flags = TROP_PKL_V_TRUNC;
                trop_pkl_release(vm, it);
                *it = flat;
            }
            b->items[i] = *it; /* moves the reference */
            *it = trop_pkl_simple(TROP_PKL_K_NONE);
        }
        b->n = (uint32_t)keep;
    }
    trop_pkl_drop_from(vm, from);
    out->u.box = b;
    out->flags = count > keep ? TROP_PKL_V_TRUNC : 0;
    return TRO_OK;
}

/* ---- Stack and marks ---------------------------------------------------- */

size_t trop_pkl_fence(const trop_pkl_vm *vm)
{
    return vm->mn ? vm->marks[vm->mn - 1] : 0;
}

int trop_pkl_push(trop_pkl_vm *vm, trop_pkl_val v)
{
    if (vm->sn >= vm->job->lim.max_stack)
        return TRO_ELIMIT;
    int rc = grow(vm, (void **)&vm->stack, &vm->scap, vm->sn + 1, sizeof *vm->stack);
    if (rc)
        return rc;
    vm->stack[vm->sn++] = v;
    return TRO_OK;
}

bool trop_pkl_pop(trop_pkl_vm *vm, trop_pkl_val *out)
{
    if (vm->sn <= trop_pkl_fence(vm))
        return false;
    *out = vm->stack[--vm->sn];
    return true;
}

trop_pkl_val *trop_pkl_top(trop_pkl_vm *vm)
{
    return vm->sn > trop_pkl_fence(vm) ? &vm->stack[vm->sn - 1] : NULL;
}

int trop_pkl_mark(trop_pkl_vm *vm)
{
    if (vm->mn >= vm->job->lim.max_stack)
        return TRO_ELIMIT;
    int rc = grow(vm, (void **)&vm->marks, &vm->mcap, vm->mn + 1, sizeof *vm->marks);
    if (rc)
        return rc;
    vm->marks[vm->mn++] = vm->sn;
    return TRO_OK;
}

bool trop_pkl_pop_mark(trop_pkl_vm *vm, size_t *from)
{
    if (vm->mn == 0)
        return false;
    *from = vm->marks[--vm->mn];
    return true;
}

void trop_pkl_drop_from(trop_pkl_vm *vm, size_t from)
{
    while (vm->sn > from)
        trop_pkl_release(vm, &vm->stack[--vm->sn]);
}

/* ---- Memo: an open-addressing table, as sparse as PUT keys are ---------- */

/* Fibonacci hashing: the top bits of key * 2^64/phi spread consecutive
 * keys (the usual memo indexes) evenly. cap is a power of two >= 2. */
static size_t memo_slot(const trop_pkl_memo_slot *t, size_t cap, uint64_t key)
{
    unsigned bits = (unsigned)__builtin_ctzll((unsigned long long)cap);
    size_t i = (size_t)((key * 0x9E3779B97F4A7C15ull) >> (64 - bits));
    while (t[i].used && t[i].key != key)
        i = (i + 1) & (cap - 1);
    return i;
}

trop_pkl_val *trop_pkl_memo_get(trop_pkl_vm *vm, uint64_t key)
{
    if (!vm->memo_cap)
        return NULL;
    trop_pkl_memo_slot *s = &vm->memo[memo_slot(vm->memo, vm->memo_cap, key)];
    return s->used ? &s->v : NULL;
}

static int memo_grow(trop_pkl_vm *vm)
{
    size_t cap = vm->memo_cap ? vm->memo_cap * 2 : 64;
    if (!charge(vm, (uint64_t)cap * sizeof(trop_pkl_memo_slot)))
        return TRO_ELIMIT;
    trop_pkl_memo_slot *t = calloc(cap, sizeof *t);
    if (!t) {
        refund(vm, (uint64_t)cap * sizeof(trop_pkl_memo_slot));
        return TRO_ENOMEM;
    }
    for (size_t i = 0; i < vm->memo_cap; i++)
        if (vm->memo[i].used)
            t[memo_slot(t, cap, vm->memo[i].key)] = vm->memo[i];
    refund(vm, (uint64_t)vm->memo_cap * sizeof(trop_pkl_memo_slot));
    free(vm->memo);
    vm->memo = t;
    vm->memo_cap = cap;
    return TRO_OK;
}

int trop_pkl_memo_put(trop_pkl_vm *vm, uint64_t key, const trop_pkl_val *v)
{
    trop_pkl_val *old = trop_pkl_memo_get(vm, key);
    if (old) {
        trop_pkl_val copy = trop_pkl_copy(v);
        trop_pkl_release(vm, old);
        *old = copy;
        return TRO_OK;
    }
    if (vm->memo_n >= vm->job->lim.max_memo)
        return TRO_ELIMIT;
    if ((vm->memo_n + 1) * 4 > vm->memo_cap * 3) {
        int rc = memo_grow(vm);
        if (rc)
            return rc;
    }
    trop_pkl_memo_slot *s = &vm->memo[memo_slot(vm->memo, vm->memo_cap, key)];
    s->used = true;
    s->key = key;
    s->v = trop_pkl_copy(v);
    vm->memo_n++;
    return TRO_OK;
}

void trop_pkl_vm_drop_memo(trop_pkl_vm *vm)
{
    for (size_t i = 0; i < vm->memo_cap; i++)
        if (vm->memo[i].used)
            trop_pkl_release(vm, &vm->memo[i].v);
    refund(vm, (uint64_t)vm->memo_cap * sizeof(trop_pkl_memo_slot));
    free(vm->memo);
    vm->memo = NULL;
    vm->memo_n = vm->memo_cap = 0;
}

void trop_pkl_vm_drop_state(trop_pkl_vm *vm)
{
    trop_pkl_vm_drop_memo(vm);
    trop_pkl_drop_from(vm, 0);
    refund(vm, (uint64_t)vm->scap * sizeof(trop_pkl_val) + (uint64_t)vm->mcap * sizeof(size_t));
    free(vm->stack);
    free(vm->marks);
    vm->stack = NULL;
    vm->marks = NULL;
    vm->sn = vm->scap = vm->mn = vm->mcap = 0;
}

void trop_pkl_vm_free(trop_pkl_vm *vm)
{
    trop_pkl_vm_drop_state(vm);
    for (size_t i = 0; i < vm->nrec; i++) {
        free(vm->recs[i].module);
        free(vm->recs[i].name);
        free(vm->recs[i].resolved);
    }
    free(vm->recs);
    for (size_t i = 0; i < vm->ncall; i++)
        free(vm->calls[i].callee);
    free(vm->calls);
    free(vm->line);
    free(vm->line2);
    free(vm->jl);
}

/* ---- Descriptions and summaries ----------------------------------------- */

/* clang-format off */
static const char *const kind_names[] = {
    [TROP_PKL_K_NONE] = "None", [TROP_PKL_K_BOOL] = "bool", [TROP_PKL_K_INT] = "int",
    [TROP_PKL_K_FLOAT] = "float", [TROP_PKL_K_STR] = "str", [TROP_PKL_K_BYTES] = "bytes",
    [TROP_PKL_K_BYTEARRAY] = "bytearray", [TROP_PKL_K_TUPLE] = "tuple",
    [TROP_PKL_K_LIST] = "list", [TROP_PKL_K_DICT] = "dict", [TROP_PKL_K_SET] = "set",
    [TROP_PKL_K_FROZENSET] = "frozenset", [TROP_PKL_K_GLOBAL] = "global",
    [TROP_PKL_K_OBJECT] = "object", [TROP_PKL_K_PERSID] = "persistent object",
    [TROP_PKL_K_BUFFER] = "buffer", [TROP_PKL_K_UNKNOWN] = "unknown value",
};
/* clang-format on */

static const char *rec_path(trop_pkl_vm *vm, uint32_t rec, char *buf, size_t cap)
{
    if (rec == TROP_PKL_NOREC || rec >= vm->nrec)
        return "an unlisted global";
    const trop_pkl_rec *r = &vm->recs[rec];
    if (r->dynamic)
        return "a computed global";
    snprintf(buf, cap, "%s.%s", r->module, r->name);
    return buf;
}

void trop_pkl_describe(trop_pkl_vm *vm, const trop_pkl_val *v, char *out, size_t cap)
{
    char tmp[200], path[600];
    switch (v->kind) {
    case TROP_PKL_K_STR:
        if (!v->u.box) {
            snprintf(out, cap, "str");
            break;
        }
        trop_pkl_printable(trop_pkl_box_text(v->u.box), v->u.box->n, tmp, sizeof tmp);
        snprintf(out, cap, "str '%s'%s", tmp,
                 (v->flags & TROP_PKL_V_TRUNC) ? " (not kept whole)" : "");
        break;
    case TROP_PKL_K_GLOBAL:
        snprintf(out, cap, "global %s", rec_path(vm, v->rec, path, sizeof path));
        break;
    case TROP_PKL_K_OBJECT:
        if (v->rec != TROP_PKL_NOREC)
            snprintf(out, cap, "result of %s", rec_path(vm, v->rec, path, sizeof path));
        else
            snprintf(out, cap, "object");
        break;
    default:
        snprintf(out, cap, "%s",
                 v->kind < sizeof kind_names / sizeof *kind_names ? kind_names[v->kind] : "value");
        break;
    }
}

void trop_pkl_summarise(trop_pkl_vm *vm, const trop_pkl_val *v, trop_pkl_item *item)
{
    char path[600];
    memset(item, 0, sizeof *item);
    item->kind = (trop_pkl_kind)v->kind;
    switch (v->kind) {
    case TROP_PKL_K_INT:
    case TROP_PKL_K_BOOL:
        if ((v->flags & TROP_PKL_V_BIG) && v->u.box) {
            item->big = true;
            size_t n = v->u.box->n < sizeof item->text - 1 ? v->u.box->n : sizeof item->text - 1;
            memcpy(item->text, trop_pkl_box_text(v->u.box), n);
        } else {
            item->i = v->u.i;
        }
        break;
    case TROP_PKL_K_STR:
        if (v->u.box) {
            size_t n = v->u.box->n < sizeof item->text - 1 ? v->u.box->n : sizeof item->text - 1;
            memcpy(item->text, trop_pkl_box_text(v->u.box), n);
        }
        break;
    case TROP_PKL_K_GLOBAL:
        snprintf(item->text, sizeof item->text, "%.*s", (int)sizeof item->text - 1,
                 rec_path(vm, v->rec, path, sizeof path));
        break;
    default:
        break;
    }
}

/* ---- Records of imports and calls --------------------------------------- */

int trop_pkl_record(trop_pkl_vm *vm, const char *module, const char *name, const char *resolved,
                    const char *op, uint8_t verdict, const char *why, bool dynamic, uint32_t *rec,
                    bool *is_new)
{
    *is_new = false;
    for (size_t i = 0; i < vm->nrec; i++) {
        trop_pkl_rec *r = &vm->recs[i];
        if (r->dynamic == dynamic && strcmp(r->module, module) == 0 && strcmp(r->name, name) == 0) {
            r->count++;
            *rec = (uint32_t)i;
            return TRO_OK;
        }
    }
    *is_new = true;
    *rec = TROP_PKL_NOREC;
    if (vm->nrec >= TROP_PKL_MAX_RECORDS) {
        vm->lists_full = true;
        return TRO_OK;
    }
    if (vm->nrec == vm->caprec) {
        size_t cap = vm->caprec ? vm->caprec * 2 : 8;
        trop_pkl_rec *p = realloc(vm->recs, cap * sizeof *p);
        if (!p)
            return TRO_ENOMEM;
        vm->recs = p;
        vm->caprec = cap;
    }
    trop_pkl_rec *r = &vm->recs[vm->nrec];
    memset(r, 0, sizeof *r);
    r->module = trop_strdup(module);
    r->name = trop_strdup(name);
    r->resolved = resolved ? trop_strdup(resolved) : NULL;
    if (!r->module || !r->name || (resolved && !r->resolved)) {
        free(r->module);
        free(r->name);
        free(r->resolved);
        return TRO_ENOMEM;
    }
    r->op = op;
    r->why = why;
    r->offset = vm->op_off;
    r->count = 1;
    r->verdict = verdict;
    r->dynamic = dynamic;
    *rec = (uint32_t)vm->nrec++;
    return TRO_OK;
}

void trop_pkl_record_called(trop_pkl_vm *vm, uint32_t rec)
{
    if (rec < vm->nrec && !vm->recs[rec].call_op) {
        vm->recs[rec].call_op = vm->op;
        vm->recs[rec].call_off = vm->op_off;
    }
}

int trop_pkl_call_note(trop_pkl_vm *vm, const char *op, const char *callee, uint8_t verdict,
                       bool *is_new)
{
    *is_new = false;
    for (size_t i = 0; i < vm->ncall; i++)
        if (vm->calls[i].op == op && strcmp(vm->calls[i].callee, callee) == 0) {
            vm->calls[i].count++;
            return TRO_OK;
        }
    *is_new = true;
    if (vm->ncall >= TROP_PKL_MAX_RECORDS) {
        vm->lists_full = true;
        return TRO_OK;
    }
    if (vm->ncall == vm->capcall) {
        size_t cap = vm->capcall ? vm->capcall * 2 : 8;
        trop_pkl_call *p = realloc(vm->calls, cap * sizeof *p);
        if (!p)
            return TRO_ENOMEM;
        vm->calls = p;
        vm->capcall = cap;
    }
    trop_pkl_call *c = &vm->calls[vm->ncall];
    c->callee = trop_strdup(callee);
    if (!c->callee)
        return TRO_ENOMEM;
    c->op = op;
    c->offset = vm->op_off;
    c->count = 1;
    c->verdict = verdict;
    vm->ncall++;
    return TRO_OK;
}

static json_t *rec_json(const trop_pkl_rec *r)
{
    json_t *o = json_pack("{s:s, s:s, s:I, s:I, s:s, s:s}", "module", r->module, "name", r->name,
                          "offset", (json_int_t)r->offset, "count", (json_int_t)r->count, "opcode",
                          r->op, "verdict", trop_pkl_verdict_name(r->verdict));
    if (o && r->resolved)
        json_object_set_new(o, "resolved", json_string(r->resolved));
    if (o && r->why)
        json_object_set_new(o, "reason", json_string(r->why));
    if (o && r->dynamic)
        json_object_set_new(o, "dynamic", json_true());
    return o;
}

json_t *trop_pkl_vm_json(trop_pkl_vm *vm, bool complete)
{
    int proto = vm->first_proto >= 0 ? vm->first_proto : vm->implied_proto;
    json_t *o = json_object();
    json_t *globals = json_array(), *calls = json_array();
    int bad = !o || !globals || !calls;
    if (!bad) /* o holds the arrays from here on; they stay borrowed below */
        bad = json_object_set(o, "globals", globals) | json_object_set(o, "calls", calls);
    json_decref(globals);
    json_decref(calls);
    if (bad)
        goto fail;
    for (size_t i = 0; i < vm->nrec; i++)
        if (json_array_append_new(globals, rec_json(&vm->recs[i])))
            goto fail;
    for (size_t i = 0; i < vm->ncall; i++) {
        const trop_pkl_call *c = &vm->calls[i];
        json_t *co = json_pack("{s:s, s:s, s:I, s:I, s:s}", "opcode", c->op, "callable", c->callee,
                               "offset", (json_int_t)c->offset, "count", (json_int_t)c->count,
                               "verdict", trop_pkl_verdict_name(c->verdict));
        if (json_array_append_new(calls, co))
            goto fail;
    }
    const char *sim = vm->degraded ? "imports-only" : vm->memo_dropped ? "no-memo" : "full";
    if (json_object_set_new(o, "entry", vm->entry ? json_string(vm->entry) : json_null()) ||
        json_object_set_new(o, "simulation", json_string(sim)) ||
        json_object_set_new(o, "offset", json_integer((json_int_t)vm->start)) ||
        json_object_set_new(o, "protocol", json_integer(proto)) ||
        json_object_set_new(o, "opcodes", json_integer((json_int_t)vm->ops)) ||
        json_object_set_new(o, "complete", json_boolean(complete)))
        goto fail;
    if (vm->lists_full && json_object_set_new(o, "lists_truncated", json_true()))
        goto fail;
    return o;
fail:
    json_decref(o);
    return NULL;
}
