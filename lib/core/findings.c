/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* Findings: problems noticed in a release, with a stable code. */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

int trop_findings_addv(trop_findings *fs, tro_severity sev, const char *code,
                       const char *path, int64_t offset, const char *fmt,
                       va_list ap)
{
    if (trop_vec_reserve(fs, 1))
        return TRO_ENOMEM;
    tro_finding *f = &fs->v[fs->n];
    f->severity = sev;
    f->offset = offset;
    f->code = trop_strdup(code);
    f->path = trop_strdup(path ? path : "");
    f->message = trop_vasprintf(fmt, ap);
    if (!f->code || !f->path || !f->message) {
        free(f->code);
        free(f->path);
        free(f->message);
        return TRO_ENOMEM;
    }
    fs->n++;
    return TRO_OK;
}

int trop_findings_add(trop_findings *fs, tro_severity sev, const char *code,
                      const char *path, int64_t offset, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int rc = trop_findings_addv(fs, sev, code, path, offset, fmt, ap);
    va_end(ap);
    return rc;
}

/* Codes of findings that say part of a release was not read: a file that
 * could not be, a folder past limits.max_depth, the rest of an archive after
 * a bomb or corruption, an archive entry lost. A manifest would leave that
 * part out and still look whole, so tro_release_manifest() refuses and
 * tro_verify() reports it. */
static const char *const unread_codes[] = {
    "read-error", "depth-limit", "archive-bomb", "archive-corrupt", "archive-entry-unreadable",
};
/* Codes that say so only when no artifact has the finding's path: an
 * encrypted archive entry is left out, but one stored as plain data is read
 * (and is in the release) under the same code. */
static const char *const unread_if_absent[] = {"archive-entry-encrypted"};

bool trop_finding_unread(const tro_release *rel, const tro_finding *f)
{
    for (size_t i = 0; i < sizeof unread_codes / sizeof *unread_codes; i++)
        if (!strcmp(f->code, unread_codes[i]))
            return true;
    for (size_t i = 0; i < sizeof unread_if_absent / sizeof *unread_if_absent; i++)
        if (!strcmp(f->code, unread_if_absent[i]))
            return !trop_release_lookup(rel, f->path, NULL);
    return false;
}

const char *trop_finding_text(const tro_finding *f)
{
    size_t n = strlen(f->path);
    if (n && !strncmp(f->message, f->path, n) && f->message[n] == ':' && f->message[n + 1] == ' ')
        return f->message + n + 2;
    return f->message;
}

void trop_findings_clear(trop_findings *fs)
{
    for (size_t i = 0; i < fs->n; i++) {
        free(fs->v[i].code);
        free(fs->v[i].path);
        free(fs->v[i].message);
    }
    trop_vec_free(fs);
}

int trop_artifact_finding(tro_artifact *a, tro_severity sev, const char *code,
                          int64_t offset, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int rc = trop_findings_addv(&a->findings, sev, code, a->path, offset, fmt, ap);
    va_end(ap);
    return rc;
}

const char *tro_severity_name(tro_severity severity)
{
    switch (severity) {
    case TRO_SEVERITY_ERROR: return "error";
    case TRO_SEVERITY_WARNING: return "warning";
    default: return "info";
    }
}

tro_severity tro_finding_severity(const tro_finding *f)
{
    return f ? f->severity : TRO_SEVERITY_INFO;
}

const char *tro_finding_code(const tro_finding *f)
{
    return f ? f->code : "";
}

const char *tro_finding_message(const tro_finding *f)
{
    return f ? f->message : "";
}

const char *tro_finding_path(const tro_finding *f)
{
    return f ? f->path : "";
}

int64_t tro_finding_offset(const tro_finding *f)
{
    return f ? f->offset : -1;
}
