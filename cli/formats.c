/* The names of the report formats on the command line (--format). */
#include "config.h"

#include <string.h>

#include "cli.h"

static const struct {
    const char *name;
    tro_format format;
} formats[] = {
    {"text", TRO_FORMAT_TEXT},         {"json", TRO_FORMAT_JSON},
    {"sarif", TRO_FORMAT_SARIF},       {"html", TRO_FORMAT_HTML},
    {"markdown", TRO_FORMAT_MARKDOWN}, {"badge-svg", TRO_FORMAT_BADGE_SVG},
    {"shields", TRO_FORMAT_SHIELDS},
};

const char trc_format_names[] = "text, json, sarif, html, markdown, badge-svg or shields";

int trc_format_parse(const char *name, tro_format *out)
{
    for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++)
        if (!strcmp(name, formats[i].name)) {
            *out = formats[i].format;
            return 0;
        }
    return -1;
}
