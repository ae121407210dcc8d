/* Reports: ownership and the accessors the public API offers. */
#include "report.h"

#include <stdlib.h>
#include <string.h>

static const char *const status_names[] = {"unknown", "fail", "partial", "pass"};
static const char *const criterion_names[] = {"use_freedom", "method_transparency",
                                              "data_access"};

const char *tro_status_name(tro_status status)
{
    if ((int)status < 0 || status > TRO_STATUS_PASS)
        return "unknown";
    return status_names[status];
}

tro_status trop_status_parse(const char *name)
{
    for (int i = 0; i <= TRO_STATUS_PASS; i++)
        if (name && !strcmp(name, status_names[i]))
            return (tro_status)i;
    return TRO_STATUS_UNKNOWN;
}

const char *tro_criterion_name(tro_criterion criterion)
{
    if ((int)criterion < 0 || criterion > TRO_CRITERION_DATA_ACCESS)
        return "unknown";
    return criterion_names[criterion];
}

json_t *trop_report_skeleton(void)
{
    json_t *doc = json_object();
    if (!doc ||
        json_object_set_new_nocheck(doc, "format", json_string_nocheck(TROP_REPORT_FORMAT)) ||
        json_object_set_new_nocheck(doc, "format_version",
                                    json_integer(TROP_REPORT_FORMAT_VERSION)) ||
        json_object_set_new_nocheck(doc, "tool",
                                    json_string_nocheck("trulyopen " TRO_VERSION_STRING))) {
        json_decref(doc);
        return NULL;
    }
    return doc;
}

static tro_report *report_alloc(void)
{
    tro_report *r = calloc(1, sizeof *r);
    if (r) {
        r->mof_class = -1;
        r->policy = -1;
    }
    return r;
}

tro_report *trop_report_new(void)
{
    tro_report *r = report_alloc();
    if (r && !(r->doc = trop_report_skeleton())) {
        free(r);
        r = NULL;
    }
    return r;
}

tro_report *trop_report_new_pending(trop_pending *p)
{
    tro_report *r = report_alloc();
    if (r)
        r->pending = p;
    else
        trop_pending_free(p);
    return r;
}

void tro_report_free(tro_report *report)
{
    if (!report)
        return;
    json_decref(report->doc);
    trop_pending_free(report->pending);
    free(report);
}

int tro_report_truly_open(const tro_report *r)
{
    if (!r)
        return 0;
    for (int i = 0; i < 3; i++)
        if (r->status[i] != TRO_STATUS_PASS)
            return 0;
    return 1;
}

const char *tro_report_verdict(const tro_report *r)
{
    return tro_report_truly_open(r) ? "truly-open" : "not-truly-open";
}

tro_status tro_report_status(const tro_report *r, tro_criterion c)
{
    if (!r || (int)c < 0 || c > TRO_CRITERION_DATA_ACCESS)
        return TRO_STATUS_UNKNOWN;
    return r->status[c];
}

int tro_report_mof_class(const tro_report *r)
{
    return r ? r->mof_class : -1;
}
