/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* The whole judge on a card of arbitrary bytes: the card view, the prose
 * rules of the three criteria (licence terms, base models, training code,
 * papers, hyperparameters, datasets), lineage and the report. Named
 * README.md, so the rules see it as the release's card; the release's name
 * comes from the first line when it looks like a Hub id, so the rules that
 * compare names with the card's own get exercised. The report must have a
 * status in range for every criterion and render as JSON and text. */
#include "fuzz.h"

#include <string.h>

TROF_ENTRY(judge)
{
    tro_ctx *ctx;
    tro_release *rel = NULL;
    tro_ctx_options o = TRO_CTX_OPTIONS_INIT;
    o.threads = 1;
    if (tro_ctx_new(&ctx, &o, NULL))
        return 0;
    char name[64] = "fuzz/model";
    size_t nl = 0;
    while (nl < size && nl < sizeof name - 1 && data[nl] != '\n' && data[nl] > ' ' &&
           data[nl] < 0x7f)
        nl++;
    if (nl && nl < size && data[nl] == '\n' && memchr(data, '/', nl)) {
        memcpy(name, data, nl);
        name[nl] = '\0';
    }
    tro_report *r = NULL;
    if (!tro_release_new(&rel, ctx, name) &&
        !tro_release_add_buffer(rel, "README.md", data, size) &&
        !tro_check(ctx, rel, NULL, &r, NULL)) {
        for (int c = TRO_CRITERION_USE_FREEDOM; c <= TRO_CRITERION_DATA_ACCESS; c++) {
            tro_status s = tro_report_status(r, (tro_criterion)c);
            if ((int)s < 0 || s > TRO_STATUS_PASS)
                abort();
        }
        char *json = NULL, *text = NULL;
        if (!tro_report_json(r, &json, NULL)) {
            json_t *doc = json_loads(json, 0, NULL);
            if (!doc)
                abort();
            json_decref(doc);
        }
        if (!tro_report_text(r, 0, &text, NULL) && !text)
            abort();
        tro_free(json);
        tro_free(text);
        tro_report_free(r);
    }
    tro_release_free(rel);
    tro_ctx_free(ctx);
    return 0;
}
