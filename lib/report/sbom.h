/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* Private to lib/report: what the two bills of materials (cyclonedx.c,
 * spdx.c) share: time stamps, name-based identifiers, and the release's
 * licences as their formats want them. */
#ifndef TROP_SBOM_H
#define TROP_SBOM_H

#include "report.h"

#include "jw.h"

/* "2026-01-31T12:00:00Z" for seconds since 1970 UTC. */
void trop_sbom_time(int64_t t, char out[21]);

/* A name-based UUID (RFC 9562 version 5) of what a document describes:
 * the release's name, its artifacts' paths and digests, the time and the
 * document kind, so that the same report and options give the same id
 * and another release or time another. 0 or TRO_ENOMEM. */
int trop_sbom_uuid(const tro_report *r, const tro_render_options *o, const char *kind,
                   char out[37]);

/* The distinct licence expressions the release states (known or not), in
 * the order of the statements, into v[0..*n) (borrowed from the record);
 * v has room for the statement count. */
void trop_sbom_expressions(const trop_judgement *jd, const char **v, size_t *n);

/* Is expr one licence of the SPDX License List (no operator, no
 * LicenseRef-)? */
bool trop_sbom_is_spdx_id(const char *expr);

/* A list of NUL-terminated strings one after the other: the i-th or NULL. */
const char *trop_sbom_nth(trop_str list, size_t i);

#endif
