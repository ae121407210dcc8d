/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/*
 * Model Openness Framework classes, computed as the Model Openness Tool
 * computes them, from the facts of a MOF release file (lib/read/facts.h):
 *  - a component counts for a class when it is listed and its license is
 *    open; the license is the component's own, else the release's license
 *    for the component's content type, else the distribution license;
 *  - classes are cumulative (III needs its 6 required components, II adds
 *    4, I adds 4 more), and a class's progress is 0 unless every more basic
 *    class is complete;
 *  - a research paper stands in for an absent technical report (and class I
 *    then needs one component fewer).
 * "Open" is decided by the caller (OSI-approved, FSF-libre, the MOF open
 * data list or OpenMDW), so this file only encodes the tool's arithmetic.
 */
#include "judge.h"

#include <string.h>

enum cstat { CS_MISSING = 0, CS_OPEN, CS_NOT_OPEN, CS_UNLICENSED };

#define TECHNICAL_REPORT "Technical report"
#define RESEARCH_PAPER "Research paper"

typedef struct comp_state {
    const trop_mof_component *c;
    enum cstat status;
    const char *license;        /* resolved, borrowed from the facts; NULL if none */
} comp_state;

/* Component license, else type-specific global, else distribution. */
static const char *resolve_license(const trop_mof_fact_component *comp, const trop_mof_facts *m,
                                   trop_mof_content content)
{
    if (comp->license.s)
        return comp->license.s; /* "" = included without a license */
    const trop_str *g = content == TROP_MOF_CODE   ? &m->code
                        : content == TROP_MOF_DATA ? &m->data
                                                   : &m->document;
    if (g->s && *g->s)
        return g->s;
    return m->distribution.s && *m->distribution.s ? m->distribution.s : NULL;
}

static void collect(const trop_mof_facts *m, comp_state st[TROP_MOF_COMPONENT_COUNT],
                    trop_license_open_fn is_open, void *ud)
{
    const trop_mof_component *all = trop_mof_components();
    for (size_t i = 0; i < TROP_MOF_COMPONENT_COUNT; i++)
        st[i] = (comp_state){.c = &all[i], .status = CS_MISSING};
    for (size_t k = 0; k < m->components.n; k++) {
        const trop_mof_fact_component *comp = &m->components.v[k];
        const trop_mof_component *c =
            comp->name.s ? trop_mof_component_find(comp->name.s, comp->name.n) : NULL;
        if (!c)
            continue;
        comp_state *s = &st[c - all];
        if (s->status != CS_MISSING)
            continue; /* listed twice: the first entry stands */
        s->license = resolve_license(comp, m, c->content);
        if (!s->license || !*s->license)
            s->status = CS_UNLICENSED;
        else
            s->status = is_open(s->license, ud) ? CS_OPEN : CS_NOT_OPEN;
    }
}

static const comp_state *find_state(const comp_state st[], const char *name)
{
    for (size_t i = 0; i < TROP_MOF_COMPONENT_COUNT; i++)
        if (!strcmp(st[i].c->name, name))
            return &st[i];
    return NULL;
}

static int required_in(int cls)
{
    const trop_mof_component *all = trop_mof_components();
    int n = 0;
    for (size_t i = 0; i < TROP_MOF_COMPONENT_COUNT; i++)
        if (all[i].required && all[i].mof_class == cls)
            n++;
    return n;
}

/* Open required components counted for class `cls` (cumulative), with the
 * research paper counted at classes III and II when it replaces the report. */
static int open_count(const comp_state st[], int cls, bool paper_replaces)
{
    int n = 0;
    for (size_t i = 0; i < TROP_MOF_COMPONENT_COUNT; i++) {
        const trop_mof_component *c = st[i].c;
        if (c->required && c->mof_class >= cls && st[i].status == CS_OPEN)
            n++;
    }
    if (paper_replaces && cls > 1 && find_state(st, RESEARCH_PAPER)->status == CS_OPEN)
        n++;
    return n;
}

static double progress(const comp_state st[], int cls, bool paper_replaces)
{
    int total = 0, open = 0, i;
    for (i = 3; i >= cls; i--) {
        total += required_in(i);
        open = open_count(st, i, paper_replaces);
        if (open < total)
            break;
    }
    if (i > cls)
        return 0.0;
    if (cls == 1 && find_state(st, TECHNICAL_REPORT)->status != CS_OPEN &&
        find_state(st, RESEARCH_PAPER)->status == CS_OPEN)
        total--;
    double p = total ? 100.0 * open / total : 0.0;
    return p > 100.0 ? 100.0 : p;
}

static const char *status_name(enum cstat s)
{
    switch (s) {
    case CS_OPEN: return "open";
    case CS_NOT_OPEN: return "not-open";
    case CS_UNLICENSED: return "unlicensed";
    default: return "missing";
    }
}

const char *trop_mof_class_label(int cls)
{
    switch (cls) {
    case 1: return "Class I - Open Science Model";
    case 2: return "Class II - Open Tooling Model";
    case 3: return "Class III - Open Model";
    default: return "Unclassified";
    }
}

static int rows(const comp_state st[], trop_mof *out)
{
    for (size_t i = 0; i < TROP_MOF_COMPONENT_COUNT; i++) {
        const trop_mof_component *c = st[i].c;
        trop_mof_row *r = trop_vec_add(&out->rows);
        if (!r)
            return TRO_ENOMEM;
        *r = (trop_mof_row){.name = c->name,
                            .content_type = trop_mof_content_name(c->content),
                            .status = status_name(st[i].status),
                            .cls = c->mof_class,
                            .required = c->required};
        if (st[i].license && !trop_arena_cstr(&out->texts, st[i].license, &r->license))
            return TRO_ENOMEM;
    }
    return 0;
}

int trop_mof_classify(const trop_mof_facts *mof, trop_license_open_fn is_open, void *ud,
                      trop_mof *out)
{
    comp_state st[TROP_MOF_COMPONENT_COUNT];
    collect(mof, st, is_open, ud);
    /* The tool lets the paper replace the report when the report is not open
     * and the paper is listed at all. */
    bool paper_replaces = find_state(st, TECHNICAL_REPORT)->status != CS_OPEN &&
                          find_state(st, RESEARCH_PAPER)->status != CS_MISSING;
    int cls = 0;
    for (int c = 3; c >= 1; c--) {
        out->progress[c - 1] = progress(st, c, paper_replaces);
        if (out->progress[c - 1] == 100.0)
            cls = c;
    }
    out->has_file = true;
    out->cls = cls;
    out->label = trop_mof_class_label(cls);
    return rows(st, out);
}
