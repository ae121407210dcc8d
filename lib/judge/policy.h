/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/*
 * Private to lib/judge: a parsed release gate (policy_parse.c reads it,
 * policy.c applies it). README.md, "Release gates: policy files", documents
 * the file format; a policy is immutable once parsed, so one policy may be
 * applied to reports on any number of threads.
 */
#ifndef TROP_POLICY_H
#define TROP_POLICY_H

#include "judgement.h"

#define TROP_POLICY_FORMAT "trulyopen-policy"
#define TROP_POLICY_FORMAT_VERSION 1
/* Bounds on what a policy file may hold: real policies are a few hundred
 * bytes, so anything near these is a mistake or hostile. */
#define TROP_POLICY_MAX_BYTES (1u << 20)
#define TROP_POLICY_MAX_DEPTH 32u
#define TROP_POLICY_MAX_LIST 4096u

/* Fail-on-severity threshold meaning "no finding fails by its severity". */
#define TROP_POLICY_SEVERITY_NONE 3

/* One entry of licenses.allow / licenses.deny. */
typedef struct trop_lic_entry {
    bool is_category;
    tro_license_category category; /* when is_category */
    char *id;                      /* canonical licence id, else the text */
} trop_lic_entry;

/* One entry of fail_on_codes / ignore_codes: an exact code, or a prefix
 * when the entry ended in '*'. */
typedef struct trop_code_entry {
    char *code; /* without the '*' */
    bool prefix;
} trop_code_entry;

typedef struct trop_lic_list {
    trop_lic_entry *v;
    size_t n;
    bool set; /* the key was present (an allow list that is set restricts) */
} trop_lic_list;

typedef struct trop_code_list {
    trop_code_entry *v;
    size_t n;
} trop_code_list;

/* One entry of waivers (policy_waivers.c): findings it accepts, why, and
 * until when. Patterns are fnmatch(3) globs ('*' also matches '/'). */
typedef struct trop_waiver {
    trop_code_entry code; /* as in the code lists: exact, or a prefix ("lfs-*") */
    char *path;           /* glob over the artifact path; NULL: every path */
    char *release;        /* glob over the release name or its last parts; NULL: any */
    char *reason;         /* required, not empty */
    int64_t expires;      /* last valid day, in days since 1970-01-01; INT64_MAX: never */
    char expires_text[11]; /* "YYYY-MM-DD", "" when not set */
} trop_waiver;

typedef struct trop_waiver_list {
    trop_waiver *v;
    size_t n;
} trop_waiver_list;

struct tro_policy {
    bool require_truly_open;
    /* Accepted statuses of each criterion: bit (1 << tro_status). */
    unsigned accept[3];
    /* The minimum status when written as one name, -1 when written as a
     * list; only for messages. */
    int minimum[3];
    trop_lic_list allow, deny;
    int min_mof_class; /* 0: no minimum */
    int fail_severity; /* a tro_severity, or TROP_POLICY_SEVERITY_NONE */
    trop_code_list fail_codes, ignore_codes;
    trop_waiver_list waivers;
};

/* All statuses accepted. */
#define TROP_POLICY_ACCEPT_ALL 0xFu

/* The default policy: verdict truly-open and no error finding. */
void trop_policy_default(tro_policy *p);
/* Releases what p holds (not p itself). */
void trop_policy_clear(tro_policy *p);
/* Parses the file format into p (already zeroed); err is filled on failure. */
int trop_policy_parse(tro_policy *p, const char *json, size_t len, tro_error *err);
/* Does code match one entry of list? */
bool trop_policy_code_listed(const trop_code_list *list, const char *code);
/* Where an application of a policy adds its failure sentences; each
 * failure is recorded with o->cur, what it is about (judgement.h). */
typedef struct trop_policy_out {
    trop_policy_outcome *res;
    trop_policy_why cur;
} trop_policy_out;
int trop_policy_fail(trop_policy_out *o, const char *fmt, ...) TROP_PRINTF(2, 3);
/* Adds a failure sentence per licence statement of the judgement that the
 * allow / deny lists refuse (policy_licenses.c). */
int trop_policy_check_licenses(const trop_judgement *jd, const tro_policy *pol,
                               trop_policy_out *o);
/* ---- Waivers (policy_waivers.c) ---- */
/* "waivers": [{code, path, release, reason, expires}, ...] */
struct trop_jp;
int trop_policy_read_waivers(struct trop_jp *p, tro_policy *pol);
void trop_policy_waivers_clear(trop_waiver_list *l);
/* Days since 1970-01-01 of "YYYY-MM-DD" (a real calendar date), or -1. */
int64_t trop_date_days(const char *s, size_t n);
/* Marks the findings of jd that a waiver in force on day `today` accepts
 * (res->waived), and adds a warning finding per waiver that has expired
 * (res->findings): 0 or TRO_ENOMEM. */
int trop_policy_apply_waivers(const tro_policy *pol, const trop_judgement *jd, int64_t today,
                              trop_policy_outcome *res);
/* Is finding i (in the order of trop_judgement_finding()) waived? */
bool trop_policy_is_waived(const trop_policy_outcome *res, size_t i);

/* Rank used for "at least": fail < unknown < partial < pass. */
int trop_status_rank(tro_status s);

#endif
