/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* An artifact's metadata as JSON: what its reader extracted, for people and
 * tools (trulyopen inspect). Cards render theirs from their facts; the
 * other readers keep it as they read. */
#include "card/card.h"
#include "facts.h"

#include <stdlib.h>
#include <string.h>

int tro_artifact_metadata(const tro_artifact *a, char **out, size_t *len)
{
    if (out)
        *out = NULL;
    if (len)
        *len = 0;
    if (!a || !out)
        return TRO_EINVAL;
    const trop_card_facts *card = trop_card_facts_of(a);
    json_t *rendered = NULL;
    if (card && trop_card_meta(card, &rendered))
        return TRO_ENOMEM;
    char *text = json_dumps(card ? rendered : a->meta, JSON_SORT_KEYS | JSON_COMPACT);
    json_decref(rendered);
    if (!text)
        return TRO_ENOMEM;
    *out = text;
    if (len)
        *len = strlen(text);
    return 0;
}
