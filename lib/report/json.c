/* The report as JSON: the report document itself, keys in their documented
 * order (lib/judge/report.h), indented by two spaces, with a final newline. */
#include "report.h"

#include <stdlib.h>
#include <string.h>

int tro_report_json(const tro_report *report, char **out, size_t *len)
{
    if (out)
        *out = NULL;
    if (!report || !out)
        return TRO_EINVAL;
    /* jansson keeps the insertion order of keys: the document's order */
    char *s = json_dumps(report->doc, JSON_INDENT(2));
    if (!s)
        return TRO_ENOMEM;
    size_t n = strlen(s);
    char *t = realloc(s, n + 2);
    if (!t) {
        free(s);
        return TRO_ENOMEM;
    }
    t[n] = '\n';
    t[n + 1] = '\0';
    *out = t;
    if (len)
        *len = n + 1;
    return 0;
}
