/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* Hub references (lib/hub/ref.c): hf:// and web URLs on arbitrary text; an
 * accepted one has a valid id and revision, which escape into a URL. */
#include "fuzz.h"
#include "hub.h"

#include <string.h>

TROF_ENTRY(hub_ref)
{
    char *s = malloc(size + 1);
    if (!s)
        return 0;
    memcpy(s, data, size);
    s[size] = '\0';
    trop_hub_ref ref;
    const char *why;
    int rc = trop_hub_ref_parse(s, "http://127.0.0.1:8080", &ref, &why);
    if (rc == 1) {
        char esc[TROP_HUB_REV_LEN * 3 + 1] = "";
        if (!trop_hub_id_ok(ref.id) || !trop_hub_rev_ok(ref.rev) ||
            !trop_hub_url_escape(esc, sizeof esc, ref.rev, false) || strchr(esc, '/'))
            abort();
    } else if (rc == -1 && !why) {
        abort();
    }
    free(s);
    return 0;
}
