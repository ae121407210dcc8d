/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* Where each node of a converted YAML document started (see yaml.h). */
#include "yaml.h"
#include "event.h"

#include <stdlib.h>

struct mark {
    const json_t *node;
    uint64_t offset;    /* bytes, in the text */
    uint64_t line;      /* 0-based */
    size_t seq;         /* later records win when an address is reused */
};

struct trop_yaml_marks {
    TROP_VEC(struct mark) list;
    bool sorted;
    uint64_t offset_base, line_base;
};

trop_yaml_marks *trop_yaml_marks_new(void)
{
    return calloc(1, sizeof(trop_yaml_marks));
}

void trop_yaml_marks_free(trop_yaml_marks *m)
{
    if (!m)
        return;
    trop_vec_free(&m->list);
    free(m);
}

void trop_yaml_marks_reset(trop_yaml_marks *m, uint64_t offset_base, uint64_t line_base)
{
    m->list.n = 0;
    m->sorted = false;
    m->offset_base = offset_base;
    m->line_base = line_base;
}

int trop_yaml_marks_add(trop_yaml_marks *m, const json_t *node, const trop_yaml_ev_mark *at)
{
    if (trop_vec_reserve(&m->list, 1))
        return TRO_ENOMEM;
    m->list.v[m->list.n] = (struct mark){node, at->offset, at->line, m->list.n};
    m->list.n++;
    m->sorted = false;
    return 0;
}

static int cmp_mark(const void *pa, const void *pb)
{
    const struct mark *a = pa, *b = pb;
    if (a->node != b->node)
        return (uintptr_t)a->node < (uintptr_t)b->node ? -1 : 1;
    return a->seq < b->seq ? -1 : a->seq > b->seq;
}

bool trop_yaml_mark_find(trop_yaml_marks *m, const json_t *node, int64_t *offset,
                         uint64_t *line)
{
    *offset = -1;
    *line = 0;
    if (!m || !node || !m->list.n)
        return false;
    if (!m->sorted) {
        qsort(m->list.v, m->list.n, sizeof *m->list.v, cmp_mark);
        m->sorted = true;
    }
    size_t lo = 0, hi = m->list.n;
    while (lo < hi) { /* first record after node's last */
        size_t mid = lo + (hi - lo) / 2;
        if ((uintptr_t)m->list.v[mid].node <= (uintptr_t)node)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == 0 || m->list.v[lo - 1].node != node)
        return false;
    *offset = (int64_t)(m->offset_base + m->list.v[lo - 1].offset);
    *line = m->line_base + m->list.v[lo - 1].line + 1;
    return true;
}
