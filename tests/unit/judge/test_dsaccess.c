/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* A dataset's access (lib/judge/dsaccess.c): what its own licence says,
 * bounded by what the built-in table knows of it; datasets known only from
 * the table; which dataset a Hub id names. Cards (gates, withdrawals,
 * listed parts) are tested end to end by tests/data/check/cases/dscard-*. */
#include "dataset.h"
#include "test.h"

#include <stdlib.h>
#include <string.h>

typedef struct access_case {
    const char *license; /* the dataset's own licence, NULL: none stated */
    int free;            /* as trop_dataset_judge() says it */
    const char *table;   /* the Hub id of its row in the table, NULL: not known */
    tro_status want;
    const char *problem; /* part of the problem, NULL: none */
} access_case;

static const access_case access_cases[] = {
    /* alone: the licence decides */
    {"odc-by", 1, NULL, TRO_STATUS_PASS, NULL},
    {"cc0-1.0", 1, NULL, TRO_STATUS_PASS, NULL},
    {NULL, -1, NULL, TRO_STATUS_UNKNOWN, NULL},
    {"other", -1, NULL, TRO_STATUS_UNKNOWN, NULL},
    {"cc-by-nc-4.0", 0, NULL, TRO_STATUS_FAIL, "not free for data"},
    {"cc-by-nd-4.0", 0, NULL, TRO_STATUS_FAIL, "not free for data"},
    /* terms that restrict use without forbidding commercial use */
    {"AI2 ImpACT License for Medium Risk Artifacts", 0, NULL, TRO_STATUS_PARTIAL, "restricts use"},
    /* with the table: a card that says nothing new leaves its verdict */
    {NULL, -1, "EleutherAI/pile", TRO_STATUS_PARTIAL, "DMCA"},
    {NULL, -1, "bigcode/starcoderdata", TRO_STATUS_PARTIAL, "Terms of Use"},
    {"odc-by", 1, "allenai/c4", TRO_STATUS_PASS, NULL},
    {"cc-by-nc-sa-4.0", 0, "OpenLLM-France/Lucie-Training-Dataset", TRO_STATUS_PARTIAL,
     "non-commercial"},
    {NULL, -1, "microsoft/ms_marco", TRO_STATUS_FAIL, "non-commercial"},
    /* the card lowers the table's verdict */
    {"cc-by-nc-4.0", 0, "allenai/c4", TRO_STATUS_FAIL, "not free for data"},
    {"AI2 ImpACT License for Medium Risk Artifacts", 0, "allenai/dolma", TRO_STATUS_PARTIAL,
     "restricts use"},
    /* but never raises it: a withdrawal, a publisher's terms */
    {"mit", 1, "the_pile_books3", TRO_STATUS_FAIL, "DMCA"},
    {"apache-2.0", 1, "microsoft/ms_marco", TRO_STATUS_FAIL, "non-commercial"},
    {"apache-2.0", 1, "tiiuae/falcon-refinedweb", TRO_STATUS_PARTIAL, "extract"},
};

static void check_access(const access_case *c)
{
    trop_dataset d = {.free = c->free};
    if (c->license)
        d.license = strdup(c->license);
    const trop_builtin_dataset *b = c->table ? trop_builtin_dataset_find(c->table) : NULL;
    CHECK(!c->table || b);
    CHECK_INT(trop_dataset_access(&d, NULL, b), 0);
    if (d.access != c->want)
        fprintf(stderr, "case %s / %s: got %s\n", c->license ? c->license : "-",
                c->table ? c->table : "-", tro_status_name(d.access));
    CHECK_INT(d.access, c->want);
    if (c->problem)
        CHECK(d.problem && strstr(d.problem, c->problem));
    else
        CHECK(!d.problem);
    free(d.license);
    free(d.problem);
}

static void check_builtin(void)
{
    trop_dataset *d = NULL;
    const trop_builtin_dataset *b = trop_builtin_dataset_find("allenai/dolma");
    CHECK_INT(trop_dataset_from_builtin(b, &d), 0);
    CHECK(d && d->builtin && d->free == 1 && d->access == TRO_STATUS_PASS && !d->problem);
    CHECK(d && d->license && !strcmp(d->license, "ODC-By-1.0"));
    CHECK(d && d->reason && strstr(d->reason, "https://huggingface.co/datasets/allenai/dolma"));
    trop_dataset_free(d);
    /* a row without a Hub id: only its prose names find it */
    trop_ds_match m[1];
    CHECK_INT(trop_builtin_datasets_in("WebText", 7, m, 1), 1);
    CHECK_INT(trop_dataset_from_builtin(m[0].ds, &d), 0);
    CHECK(d && d->access == TRO_STATUS_FAIL && d->problem && strstr(d->problem, "never"));
    trop_dataset_free(d);
}

static void check_identify(void)
{
    CHECK_STR(trop_dataset_identify(NULL, "the_pile", NULL)->id, "EleutherAI/pile");
    CHECK_STR(trop_dataset_identify(NULL, NULL, "allenai/C4")->id, "allenai/c4");
    CHECK_STR(
        trop_dataset_identify(NULL, "https://huggingface.co/datasets/allenai/dolma", NULL)->id,
        "allenai/dolma");
    CHECK(trop_dataset_identify(NULL, "example-org/nothing", "release-folder") == NULL);
    CHECK(trop_dataset_identify(NULL, NULL, NULL) == NULL);
}

TRO_TEST(dsaccess)
{
    for (size_t i = 0; i < sizeof access_cases / sizeof access_cases[0]; i++)
        check_access(&access_cases[i]);
    CHECK_INT(trop_ds_access_status(TROP_DS_ACCESS_YES), TRO_STATUS_PASS);
    CHECK_INT(trop_ds_access_status(TROP_DS_ACCESS_PARTIAL), TRO_STATUS_PARTIAL);
    CHECK_INT(trop_ds_access_status(TROP_DS_ACCESS_NO), TRO_STATUS_FAIL);
    check_builtin();
    check_identify();
}
