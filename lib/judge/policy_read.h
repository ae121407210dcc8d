/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* Private to the policy reader (policy_parse.c, policy_lists.c): helpers
 * over the byte-offset pull parser of lib/scan. Every error they return
 * reads "PATH: problem at byte N"; trop_policy_parse() turns that into the
 * message the caller sees, with line and column. */
#ifndef TROP_POLICY_READ_H
#define TROP_POLICY_READ_H

#include "policy.h"

#include "json_pull.h"

/* A structural problem (TRO_EFORMAT) with the value at off, named path. */
int trop_policy_bad(trop_jp *p, size_t off, const char *path, const char *fmt, ...)
    TROP_PRINTF(4, 5);
/* Skips a value of the wrong kind and reports what was expected instead. */
int trop_policy_wrong(trop_jp *p, const char *path, const char *expected);
/* Offset of the next token. */
size_t trop_policy_at(trop_jp *p);
/* Is the string last read (p->buf) exactly name? */
bool trop_policy_key_is(const trop_jp *p, const char *name);
/* Refuses a string last read that holds a NUL (\u0000). */
int trop_policy_no_nul(trop_jp *p, size_t off, const char *path);

/* "licenses": {"allow": [...], "deny": [...]} */
int trop_policy_read_licenses(trop_jp *p, tro_policy *pol);
/* A finding code or prefix: the string last read (p->buf), at off, into *e. */
int trop_policy_code_entry(trop_jp *p, size_t off, const char *path, trop_code_entry *e);
/* A list of finding codes; *offs (free()) receives where each entry sits. */
int trop_policy_read_codes(trop_jp *p, const char *path, trop_code_list *l, size_t **offs);

#endif
