/* The SPDX expression parser and its resolution and printing, then the
 * classifier on the same bytes: nothing may crash, leak or loop; a printed
 * expression must parse again to the same text. */
#include "fuzz.h"

#include "license.h"

#include <string.h>

TROF_ENTRY(spdx)
{
    trop_expr *e = NULL;
    tro_error err;
    if (trop_spdx_parse((const char *)data, size, &e, &err) == 0) {
        if (trop_expr_resolve(&e, 0) == 0) {
            char *s = trop_expr_print(e);
            if (s) {
                trop_expr *again = NULL;
                /* the canonical form is itself a valid expression */
                if (trop_spdx_parse(s, strlen(s), &again, &err) != 0)
                    abort();
                trop_expr_free(again);
                free(s);
            }
        }
        trop_expr_free(e);
    } else if (e || err.offset < 0 || (size_t)err.offset > size) {
        abort(); /* errors carry a position inside the input */
    }
    char *text = malloc(size + 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    tro_license_result *r = NULL;
    if (tro_license_classify(text, &r, &err) == 0) {
        char *json;
        if (tro_license_result_json(r, &json, NULL) == 0)
            tro_free(json);
        tro_license_result_free(r);
    }
    free(text);
    return 0;
}
