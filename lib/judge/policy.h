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
/* Where an application of a policy adds its failure sentences. */
typedef struct trop_policy_out {
    trop_strs *failures;
    trop_arena *texts;
} trop_policy_out;
int trop_policy_fail(trop_policy_out *o, const char *fmt, ...) TROP_PRINTF(2, 3);
/* Adds a failure sentence per licence statement of the judgement that the
 * allow / deny lists refuse (policy_licenses.c). */
int trop_policy_check_licenses(const trop_judgement *jd, const tro_policy *pol,
                               trop_policy_out *o);
/* Rank used for "at least": fail < unknown < partial < pass. */
int trop_status_rank(tro_status s);

#endif
