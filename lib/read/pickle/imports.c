/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/*
 * The opcodes that import (GLOBAL, INST, STACK_GLOBAL, EXT1/2/4), call
 * (REDUCE, NEWOBJ, NEWOBJ_EX, OBJ, INST, BUILD) or hand objects to the
 * loader (PERSID, BINPERSID). Imports are judged from the simulated values,
 * never from neighbouring opcodes, so names routed through the memo are
 * resolved exactly and names that are not literal strings are dangerous.
 */
#include "vm.h"

#include <stdio.h>
#include <string.h>

static const char R_DYNAMIC[] = "takes its module or name from values that are not literal strings";
static const char R_LONG[] = "has a name too long to check";
static const char R_EXT[] = "loads a global from the copyreg extension registry";

/* Counts a new record; an unknown global is reported at once (a dangerous
 * one once the pickle ends: trop_pkl_report_records() names how it is called). */
static int report_import(trop_pkl_vm *vm, uint8_t verdict, const char *module, const char *name,
                         const char *resolved)
{
    char also[700] = "";
    if (resolved)
        snprintf(also, sizeof also, " (imported as %s)", resolved);
    if (verdict == TROP_PKL_DANGEROUS) {
        vm->dangerous++;
        return TRO_OK;
    }
    if (verdict == TROP_PKL_UNKNOWN) {
        vm->unknown++;
        if (vm->first)
            return TRO_OK;
        return trop_pkl_report(vm, TRO_SEVERITY_WARNING, "pickle-unknown-global",
                               "%s imports %s.%s%s, which is not on the allowlist of weights-only "
                               "globals; %s runs whatever it does",
                               vm->op, module, name, also, vm->job->loader);
    }
    return TRO_OK;
}

/* Judges the import of module.name (both NUL-terminated, n bytes long) and
 * makes the global value *out. */
static int import(trop_pkl_vm *vm, const char *m, size_t ml, const char *n, size_t nl, bool trunc,
                  trop_pkl_val *out)
{
    char pm[300], pn[300], resolved[600];
    const char *why = NULL;
    bool renamed = false, bad_text = false;
    uint8_t verdict;
    trop_pkl_printable(m, ml, pm, sizeof pm);
    trop_pkl_printable(n, nl, pn, sizeof pn);
    if (trunc) {
        verdict = TROP_PKL_DANGEROUS;
        why = R_LONG;
    } else if (memchr(m, 0, ml) || memchr(n, 0, nl) || !trop_pkl_utf8_ok(m, ml, false) ||
               !trop_pkl_utf8_ok(n, nl, false)) {
        verdict = TROP_PKL_UNKNOWN; /* not importable: Python refuses such names */
        bad_text = true;
    } else {
        const char *rm = m, *rn = n;
        renamed = trop_pkl_rename(&rm, &rn, vm->proto < 3, vm->job->torch);
        verdict = (uint8_t)trop_pkl_judge(rm, rn, &why);
        if (renamed)
            snprintf(resolved, sizeof resolved, "%s.%s", rm, rn);
    }
    uint32_t rec;
    bool is_new;
    int rc = trop_pkl_record(vm, pm, pn, renamed ? resolved : NULL, vm->op, verdict, why, false,
                             &rec, &is_new);
    if (!rc && is_new)
        rc = report_import(vm, verdict, pm, pn, renamed ? resolved : NULL);
    if (!rc && bad_text)
        rc = trop_pkl_semantic(vm, "the module or name is not valid text");
    *out = trop_pkl_simple(TROP_PKL_K_GLOBAL);
    out->verdict = verdict;
    out->rec = rec;
    return rc;
}

/* An import whose target the scanner cannot know: always dangerous. */
static int import_dynamic(trop_pkl_vm *vm, const char *mdesc, const char *ndesc, const char *why,
                          trop_pkl_val *out)
{
    uint32_t rec;
    bool is_new;
    int rc = trop_pkl_record(vm, mdesc, ndesc, NULL, vm->op, TROP_PKL_DANGEROUS, why, true, &rec,
                             &is_new);
    if (!rc && is_new)
        vm->dangerous++;
    *out = trop_pkl_simple(TROP_PKL_K_GLOBAL);
    out->verdict = TROP_PKL_DANGEROUS;
    out->rec = rec;
    return rc;
}

/* Verdict of calling c. Calling an object (not an imported callable) is at
 * best unknown. */
static uint8_t callee_verdict(const trop_pkl_val *c)
{
    if (c->kind == TROP_PKL_K_GLOBAL)
        return c->verdict;
    if (c->kind == TROP_PKL_K_OBJECT && c->verdict == TROP_PKL_DANGEROUS)
        return TROP_PKL_DANGEROUS;
    return TROP_PKL_UNKNOWN;
}

/* Calls callee (released) and pushes the opaque result. */
static int call(trop_pkl_vm *vm, trop_pkl_val *callee, const char *op)
{
    uint8_t v = callee_verdict(callee);
    int rc = TRO_OK;
    if (v != TROP_PKL_ALLOWED) {
        char desc[700];
        bool is_new;
        trop_pkl_describe(vm, callee, desc, sizeof desc);
        rc = trop_pkl_call_note(vm, op, desc, v, &is_new);
    }
    trop_pkl_val obj = trop_pkl_simple(TROP_PKL_K_OBJECT);
    obj.verdict = v;
    if (callee->kind == TROP_PKL_K_GLOBAL || callee->kind == TROP_PKL_K_OBJECT) {
        obj.rec = callee->rec;
        trop_pkl_record_called(vm, callee->rec);
    }
    trop_pkl_release(vm, callee);
    return rc ? rc : trop_pkl_vpush(vm, obj);
}

int trop_pkl_op_global(trop_pkl_vm *vm, bool inst)
{
    size_t mk, nk;
    uint64_t mt, nt;
    if (!trop_pkl_line(vm, vm->line, &mk, &mt) || !trop_pkl_line(vm, vm->line2, &nk, &nt))
        return trop_pkl_truncated(vm);
    trop_pkl_val g;
    int rc = import(vm, vm->line, mk, vm->line2, nk, mk < mt || nk < nt, &g);
    if (rc || vm->degraded)
        return rc;
    if (!inst)
        return trop_pkl_vpush(vm, g);
    size_t from;
    if (!trop_pkl_pop_mark(vm, &from))
        return trop_pkl_semantic(vm, "no MARK to pop");
    trop_pkl_drop_from(vm, from);
    return call(vm, &g, vm->op);
}

int trop_pkl_op_stack_global(trop_pkl_vm *vm)
{
    trop_pkl_val g, name, module;
    int rc;
    if (vm->degraded) {
        rc = import_dynamic(vm, "<not followed>", "<not followed>",
                            "takes operands the scanner stopped following", &g);
        return rc;
    }
    if (!trop_pkl_pop(vm, &name))
        return trop_pkl_underflow(vm);
    if (!trop_pkl_pop(vm, &module)) {
        trop_pkl_release(vm, &name);
        return trop_pkl_underflow(vm);
    }
    if (module.kind == TROP_PKL_K_STR && name.kind == TROP_PKL_K_STR && module.u.box &&
        name.u.box) {
        rc = import(vm, trop_pkl_box_text(module.u.box), module.u.box->n,
                    trop_pkl_box_text(name.u.box), name.u.box->n,
                    ((module.flags | name.flags) & TROP_PKL_V_TRUNC) != 0, &g);
    } else {
        char md[300], nd[300];
        trop_pkl_describe(vm, &module, md, sizeof md);
        trop_pkl_describe(vm, &name, nd, sizeof nd);
        rc = import_dynamic(vm, md, nd, R_DYNAMIC, &g);
    }
    trop_pkl_release(vm, &name);
    trop_pkl_release(vm, &module);
    return rc ? rc : trop_pkl_vpush(vm, g);
}

int trop_pkl_op_ext(trop_pkl_vm *vm, unsigned nbytes)
{
    uint64_t code;
    if (!trop_pkl_read_le(vm, nbytes, &code))
        return trop_pkl_truncated(vm);
    long long c =
        nbytes == 4 && (code & 0x80000000u) ? (long long)code - 0x100000000ll : (long long)code;
    char nd[40];
    snprintf(nd, sizeof nd, "<code %lld>", c);
    trop_pkl_val g;
    int rc = import_dynamic(vm, "<copyreg extension>", nd, R_EXT, &g);
    return rc ? rc : trop_pkl_vpush(vm, g);
}

int trop_pkl_op_reduce(trop_pkl_vm *vm)
{
    trop_pkl_val args, fn;
    int64_t dtype = 0;
    if (vm->degraded)
        return TROP_PKL_STEP_CONT;
    if (!trop_pkl_pop(vm, &args))
        return trop_pkl_underflow(vm);
    if (!trop_pkl_pop(vm, &fn)) {
        trop_pkl_release(vm, &args);
        return trop_pkl_underflow(vm);
    }
    int rc = trop_pkl_jl_dtype(vm, &fn, &args, &dtype); /* a dtype joblib may size arrays by */
    trop_pkl_release(vm, &args);
    if (!rc)
        rc = call(vm, &fn, vm->op);
    if (!rc && !vm->degraded && dtype && vm->sn && vm->stack[vm->sn - 1].kind == TROP_PKL_K_OBJECT)
        vm->stack[vm->sn - 1].u.i = dtype;
    return rc;
}

int trop_pkl_op_newobj(trop_pkl_vm *vm, bool ex)
{
    trop_pkl_val v, cls;
    if (vm->degraded)
        return TROP_PKL_STEP_CONT;
    for (int i = ex ? 2 : 1; i > 0; i--) { /* kwargs (NEWOBJ_EX), args */
        if (!trop_pkl_pop(vm, &v))
            return trop_pkl_underflow(vm);
        trop_pkl_release(vm, &v);
    }
    if (!trop_pkl_pop(vm, &cls))
        return trop_pkl_underflow(vm);
    return call(vm, &cls, vm->op);
}

int trop_pkl_op_obj(trop_pkl_vm *vm)
{
    size_t from;
    if (vm->degraded)
        return TROP_PKL_STEP_CONT;
    if (!trop_pkl_pop_mark(vm, &from))
        return trop_pkl_semantic(vm, "no MARK to pop");
    if (vm->sn - from < 1)
        return trop_pkl_underflow(vm);
    trop_pkl_val cls = vm->stack[from];
    vm->stack[from] = trop_pkl_simple(TROP_PKL_K_NONE);
    trop_pkl_drop_from(vm, from);
    return call(vm, &cls, vm->op);
}

/* Setting attributes on, or filling, an imported object changes module
 * state other code relies on (BUILD can even replace a function's code). */
static int mutation(trop_pkl_vm *vm, const trop_pkl_val *target, const char *what)
{
    char desc[700];
    bool is_new;
    trop_pkl_describe(vm, target, desc, sizeof desc);
    int rc = trop_pkl_call_note(vm, vm->op, desc, TROP_PKL_DANGEROUS, &is_new);
    if (rc || !is_new || (vm->first && vm->op_off < vm->alt_from))
        return rc;
    vm->dangerous++;
    return trop_pkl_report(vm, TRO_SEVERITY_ERROR, "pickle-global-mutation",
                           "%s -> %s %s the imported object itself (%s): it can replace functions "
                           "or data that other code uses",
                           vm->job->loader, vm->op, what, desc);
}

static int note_method(trop_pkl_vm *vm, const trop_pkl_val *target)
{
    if (target->kind != TROP_PKL_K_OBJECT && target->kind != TROP_PKL_K_PERSID &&
        target->kind != TROP_PKL_K_BUFFER)
        return TRO_OK;
    if (target->kind == TROP_PKL_K_OBJECT && target->verdict == TROP_PKL_ALLOWED)
        return TRO_OK;
    char desc[700];
    bool is_new;
    trop_pkl_describe(vm, target, desc, sizeof desc);
    uint8_t v = target->kind == TROP_PKL_K_OBJECT && target->verdict == TROP_PKL_DANGEROUS
                    ? TROP_PKL_DANGEROUS
                    : TROP_PKL_UNKNOWN;
    return trop_pkl_call_note(vm, vm->op, desc, v, &is_new);
}

int trop_pkl_note_target(trop_pkl_vm *vm, const trop_pkl_val *target, trop_pkl_kind expect)
{
    if (target->kind == expect)
        return TRO_OK;
    if (target->kind == TROP_PKL_K_GLOBAL)
        return mutation(vm, target, "adds items to");
    return note_method(vm, target);
}

int trop_pkl_op_build(trop_pkl_vm *vm)
{
    trop_pkl_val state;
    if (vm->degraded)
        return TROP_PKL_STEP_CONT;
    if (!trop_pkl_pop(vm, &state))
        return trop_pkl_underflow(vm);
    trop_pkl_val *inst = trop_pkl_top(vm);
    int rc;
    if (!inst)
        rc = trop_pkl_underflow(vm);
    else if (inst->kind == TROP_PKL_K_GLOBAL)
        rc = mutation(vm, inst, "sets attributes of");
    else if (trop_pkl_jl_wrapper(vm, inst)) /* joblib.load reads the array's bytes here */
        rc = trop_pkl_jl_array(vm, &state);
    else
        rc = note_method(vm, inst);
    trop_pkl_release(vm, &state);
    return rc;
}

/* Checks a persistent id against the convention of the loader. */
static int check_pid(trop_pkl_vm *vm, const trop_pkl_val *pid)
{
    trop_pkl_job *job = vm->job;
    const char *problem = NULL;
    if (job->pid_mode == TROP_PKL_PID_ANY)
        return TRO_OK;
    if (job->pid_mode == TROP_PKL_PID_NONE) {
        problem = "plain pickle.load refuses persistent ids; what this loads depends on the "
                  "loader's persistent_load";
    } else if (pid->kind != TROP_PKL_K_TUPLE ||
               (pid->u.box && pid->u.box->n >= 1 && pid->u.box->items[0].kind != TROP_PKL_K_STR)) {
        problem = "the persistent id is not a ('storage', ...) tuple: torch.load refuses it";
    } else if (pid->u.box && pid->u.box->n >= 1 && pid->u.box->items[0].u.box) {
        const trop_pkl_box *b = pid->u.box;
        const char *type = trop_pkl_box_text(b->items[0].u.box);
        if (strcmp(type, "storage") == 0) {
            job->storage_refs++;
            if (b->n >= 3 && b->items[2].kind == TROP_PKL_K_STR && b->items[2].u.box) {
                int rc = trop_strset_add(&job->storage_keys, trop_pkl_box_text(b->items[2].u.box),
                                         strlen(trop_pkl_box_text(b->items[2].u.box)));
                if (rc == TRO_ENOMEM)
                    return rc;
            }
        } else if (strcmp(type, "module") != 0) {
            problem = "the persistent id names neither a storage nor a module: torch.load "
                      "refuses it";
        }
    }
    if (!problem || vm->pid_warned || vm->first)
        return TRO_OK;
    vm->pid_warned = true;
    return trop_pkl_report(vm, TRO_SEVERITY_WARNING, "pickle-persistent-id", "%s: %s", vm->op,
                           problem);
}

int trop_pkl_op_persid(trop_pkl_vm *vm, bool binary)
{
    trop_pkl_val pid;
    if (!binary) {
        size_t n;
        uint64_t total;
        if (!trop_pkl_line(vm, vm->line, &n, &total))
            return trop_pkl_truncated(vm);
        if (vm->degraded)
            return TROP_PKL_STEP_CONT;
        int rc = trop_pkl_text(vm, TROP_PKL_K_STR, vm->line, n, total, 0, &pid);
        if (rc == TRO_ELIMIT) {
            rc = trop_pkl_check(vm, rc, TROP_PKL_LIM_VALUES);
            pid = trop_pkl_simple(TROP_PKL_K_STR);
        }
        if (rc || vm->degraded)
            return rc;
    } else {
        if (vm->degraded)
            return TROP_PKL_STEP_CONT;
        if (!trop_pkl_pop(vm, &pid))
            return trop_pkl_underflow(vm);
    }
    int rc = check_pid(vm, &pid);
    trop_pkl_release(vm, &pid);
    return rc ? rc : trop_pkl_vpush(vm, trop_pkl_simple(TROP_PKL_K_PERSID));
}

/* ---- The findings of dangerous imports ----------------------------------- */

/* Was this import already reported by the first reading of the pickle? */
static bool seen_first(const trop_pkl_vm *vm, const trop_pkl_rec *r)
{
    const trop_pkl_vm *f = vm->first;
    for (size_t i = 0; f && i < f->nrec; i++)
        if (f->recs[i].dynamic == r->dynamic && strcmp(f->recs[i].module, r->module) == 0 &&
            strcmp(f->recs[i].name, r->name) == 0)
            return true;
    return false;
}

static int report_record(trop_pkl_vm *vm, const trop_pkl_rec *r, const char *how)
{
    const char *loader = vm->job->loader;
    char target[700], call[200] = "";
    if (r->dynamic)
        snprintf(target, sizeof target, "a global chosen at load time (module: %s; name: %s)",
                 r->module, r->name);
    else
        snprintf(target, sizeof target, "%s", r->resolved ? r->resolved : "");
    if (!r->dynamic && !r->resolved)
        snprintf(target, sizeof target, "%s.%s", r->module, r->name);
    if (r->call_op)
        snprintf(call, sizeof call, " via %s at byte %llu", r->call_op,
                 (unsigned long long)r->call_off);
    if (r->verdict == TROP_PKL_UNKNOWN)
        return trop_pkl_report_at(
            vm, r->offset, TRO_SEVERITY_WARNING, "pickle-unknown-global",
            "%s%s -> %s%s (%s), which is not on the allowlist of weights-only "
            "globals",
            how, loader, target, call, r->op);
    return trop_pkl_report_at(vm, r->offset, TRO_SEVERITY_ERROR, "pickle-dangerous-global",
                              "%s%s -> %s%s (%s imports it here): it %s%s", how, loader, target,
                              call, r->op, r->why ? r->why : "is unsafe",
                              r->call_op ? ""
                                         : "; the import alone runs the module's code, and "
                                           "the object is handed to what the loader does next");
}

int trop_pkl_report_records(trop_pkl_vm *vm)
{
    const char *how = vm->first ? "as CPython's unpickler reads it over io.BytesIO (the rest of "
                                  "the frame dropped): "
                                : "";
    for (size_t i = 0; i < vm->nrec; i++) {
        const trop_pkl_rec *r = &vm->recs[i];
        bool report =
            r->verdict == TROP_PKL_DANGEROUS || (vm->first && r->verdict == TROP_PKL_UNKNOWN);
        if (!report || (vm->first && (r->offset < vm->alt_from || seen_first(vm, r))))
            continue;
        int rc = report_record(vm, r, how);
        if (rc)
            return rc;
    }
    return TRO_OK;
}
