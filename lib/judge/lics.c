/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/*
 * The lists a judgement keeps beside its criteria: licence statements,
 * datasets and lineage steps, as C records whose texts live in the list's
 * arena.
 */
#include "judge.h"

#include <stdlib.h>
#include <string.h>

/* Copies s (NULL: none) into *out; false on ENOMEM. */
static bool opt(trop_arena *a, const char *s, trop_str *out)
{
    *out = (trop_str){NULL, 0};
    return !s || trop_arena_cstr(a, s, out);
}

int trop_licstmt_add(trop_licstmts *ls, const trop_licstmt *l, const char *path, const char *statement,
                 const char *expression, const char *reason)
{
    trop_licstmt *d = trop_vec_add(ls);
    if (!d)
        return TRO_ENOMEM;
    *d = *l;
    if (!trop_arena_cstr(&ls->texts, path, &d->path) ||
        !trop_arena_cstr(&ls->texts, statement, &d->statement) ||
        !trop_arena_cstr(&ls->texts, reason, &d->reason) ||
        !opt(&ls->texts, expression, &d->expression)) {
        ls->n--;
        return TRO_ENOMEM;
    }
    return 0;
}

/* The part of r a criterion judges: covers when a licence of r says what it
 * covers and one applies to covers (covers it, or says nothing of what it
 * covers); otherwise 0, the whole statement. */
static unsigned part_of(const tro_license_result *r, unsigned covers)
{
    bool says = false, applies = false;
    for (size_t i = 0; i < tro_license_result_count(r); i++) {
        unsigned c = tro_license_result_covers(r, i);
        says |= c != 0;
        applies |= !c || (c & covers);
    }
    return says && applies ? covers : 0;
}

/* The weights are a work like data, not software: a content or data licence
 * (CC BY, CC BY-SA, ODbL, ODC-By) that is free for data is free for them,
 * though it is no licence for software; one free for software is free for
 * them too. A statement naming no licence for the part asked about ("MIT
 * (code)") is judged as a whole. */
bool trop_license_free_for(const tro_license_result *r, unsigned covers)
{
    if (!r)
        return false;
    unsigned f = tro_license_result_part_flags(r, part_of(r, covers), NULL);
    unsigned want = covers & TRO_LICENSE_COVERS_DATA
                        ? TRO_LICENSE_FREE_FOR_DATA
                        : TRO_LICENSE_FREE_FOR_DATA | TRO_LICENSE_FREE_FOR_SOFTWARE;
    return (f & want) != 0;
}

bool trop_license_is_stated(const char *id)
{
    static const char *const stated[] = {
        "LicenseRef-trulyopen-research-only",  "LicenseRef-trulyopen-non-commercial",
        "LicenseRef-trulyopen-no-derivatives", "LicenseRef-trulyopen-use-restricted",
        "LicenseRef-trulyopen-proprietary",
    };
    for (size_t i = 0; id && i < sizeof stated / sizeof *stated; i++)
        if (!strcmp(id, stated[i]))
            return true;
    return false;
}

void trop_licstmts_free(trop_licstmts *ls)
{
    trop_vec_free(ls);
    trop_arena_free(&ls->texts);
}

int trop_dsrow_add(trop_dsrows *rs, const trop_dsrow *r, const char *id, const char *by,
                   size_t bylen, const char *source, const char *license, const char *problem)
{
    trop_dsrow *d = trop_vec_add(rs);
    if (!d)
        return TRO_ENOMEM;
    *d = *r;
    if (!trop_arena_cstr(&rs->texts, id, &d->id) ||
        !trop_arena_text(&rs->texts, by, bylen, &d->by) || !opt(&rs->texts, source, &d->source) ||
        !opt(&rs->texts, license, &d->license) || !opt(&rs->texts, problem, &d->problem)) {
        rs->n--;
        return TRO_ENOMEM;
    }
    return 0;
}

void trop_dsrows_free(trop_dsrows *rs)
{
    trop_vec_free(rs);
    trop_arena_free(&rs->texts);
}

int trop_step_add(trop_steps *ss, const trop_step *st, const char *id, const char *relation,
                  const char *source, const char *licenses, size_t lic_len)
{
    trop_step *d = trop_vec_add(ss);
    if (!d)
        return TRO_ENOMEM;
    *d = *st;
    if (!trop_arena_cstr(&ss->texts, id, &d->id) || !opt(&ss->texts, relation, &d->relation) ||
        !opt(&ss->texts, source, &d->source) ||
        !trop_arena_text(&ss->texts, licenses, lic_len, &d->licenses)) {
        ss->n--;
        return TRO_ENOMEM;
    }
    return 0;
}

void trop_steps_free(trop_steps *ss)
{
    trop_vec_free(ss);
    trop_arena_free(&ss->texts);
}

void trop_mof_free(trop_mof *m)
{
    trop_vec_free(&m->rows);
    trop_arena_free(&m->texts);
    memset(m, 0, sizeof *m);
}
