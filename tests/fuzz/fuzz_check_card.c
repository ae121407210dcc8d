/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* A release of one card, judged: the judge's reading of a card's prose
 * (licence terms, base models, method evidence, the training data it names,
 * a dataset card's gate and parts) on arbitrary bytes, without a catalog.
 * The check must succeed or run out of memory, its JSON report must parse,
 * every dataset must have a known role, and data access may pass only with
 * a dataset of the release's own counted. */
#include "fuzz.h"

#include <jansson.h>
#include <string.h>

static bool known_role(const char *role)
{
    static const char *const roles[] = {"training", "fine-tuning", "base", "evaluation", NULL};
    for (size_t i = 0; role && roles[i]; i++)
        if (!strcmp(role, roles[i]))
            return true;
    return false;
}

static void verify(const tro_report *rep)
{
    size_t own = 0;
    for (size_t i = 0; i < tro_report_dataset_count(rep); i++) {
        const tro_dataset *d = tro_report_dataset(rep, i);
        tro_data_role role = tro_dataset_role(d);
        if (!tro_dataset_id(d) || !known_role(tro_data_role_name(role)))
            abort();
        own += role == TRO_ROLE_TRAINING || role == TRO_ROLE_FINE_TUNING;
    }
    if (tro_report_status(rep, TRO_CRITERION_DATA_ACCESS) == TRO_STATUS_PASS && !own)
        abort();
    char *text = NULL;
    if (tro_report_render(rep, NULL, &text, NULL) == TRO_OK) {
        json_t *doc = json_loads(text, 0, NULL);
        if (!doc)
            abort();
        json_decref(doc);
    }
    tro_free(text);
}

TROF_ENTRY(check_card)
{
    tro_ctx *ctx;
    tro_release *rel = NULL;
    tro_report *rep = NULL;
    tro_ctx_options o = TRO_CTX_OPTIONS_INIT;
    o.threads = 1;
    if (tro_ctx_new(&ctx, &o, NULL))
        return 0;
    if (tro_release_new(&rel, ctx, "fuzz") == TRO_OK &&
        tro_release_add_buffer(rel, "README.md", data, size) == TRO_OK) {
        tro_check_options co = TRO_CHECK_OPTIONS_INIT;
        int rc = tro_check(ctx, rel, &co, &rep, NULL);
        if (rc != TRO_OK && rc != TRO_ENOMEM)
            abort();
        if (rep)
            verify(rep);
    }
    tro_report_free(rep);
    tro_release_free(rel);
    tro_ctx_free(ctx);
    return 0;
}
