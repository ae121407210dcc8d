/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* A judgement's life: starting one, freeing what it holds. */
#include "prose.h"

#include <stdlib.h>
#include <string.h>

void trop_judgement_init(trop_judgement *j, const tro_release *rel)
{
    memset(j, 0, sizeof *j);
    j->rel = rel;
    for (int i = 0; i < 3; i++)
        j->crit[i].status = TRO_STATUS_UNKNOWN;
}

void trop_judgement_release_parts(trop_judgement *j)
{
    trop_vec_free(&j->links);
    if (j->view) {
        trop_cardview_free(j->view);
        free(j->view);
        j->view = NULL;
    }
    j->rel = NULL;
    j->card = NULL;
}

void trop_judgement_clear(trop_judgement *j)
{
    trop_judgement_release_parts(j);
    trop_vec_free(&j->arts);
    trop_jfindings_free(&j->rfindings);
    trop_arena_free(&j->texts);
    for (int i = 0; i < 3; i++)
        trop_crit_clear(&j->crit[i]);
    trop_licstmts_free(&j->licenses);
    trop_dsrows_free(&j->datasets);
    trop_steps_free(&j->lineage);
    trop_jfindings_free(&j->findings);
    trop_mof_free(&j->mof);
    memset(j, 0, sizeof *j);
}

void trop_judgement_free(trop_judgement *jd)
{
    if (!jd)
        return;
    trop_judgement_clear(jd);
    free(jd);
}

bool trop_judgement_truly_open(const trop_judgement *jd)
{
    for (int i = 0; i < 3; i++)
        if (jd->crit[i].status != TRO_STATUS_PASS)
            return false;
    return true;
}

void trop_base_free(void *p)
{
    trop_base *b = p;
    if (!b)
        return;
    trop_arena_free(&b->texts);
    trop_steps_free(&b->lineage);
    trop_dsrows_free(&b->datasets);
    trop_jfindings_free(&b->cut);
    free(b);
}

void trop_dataset_free(void *p)
{
    trop_dataset *d = p;
    if (!d)
        return;
    free(d->license);
    free(d->reason);
    free(d->problem);
    free(d);
}
