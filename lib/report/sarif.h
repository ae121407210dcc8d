/* Private to lib/report: pieces of the SARIF writer (sarif.c) that the rule
 * catalogue (sarif_rules.c) shares. */
#ifndef TROP_SARIF_H
#define TROP_SARIF_H

#include "internal.h"

/* The uriBaseId every artifact location is relative to: the release root. */
#define TROP_SARIF_ROOT "SRCROOT"

/* The rules of a run, built once per call, in the order they are added. */
typedef struct trop_sarif_rules {
    json_t *list;  /* reportingDescriptor[] */
    json_t *index; /* id -> position in list */
} trop_sarif_rules;

int trop_sarif_rules_init(trop_sarif_rules *r);
void trop_sarif_rules_clear(trop_sarif_rules *r);
/* The three criteria's rules ("criterion/use_freedom" ...), always present. */
int trop_sarif_add_criteria_rules(trop_sarif_rules *r);
/* A rule for a finding code; level is the most severe level seen for it. */
int trop_sarif_add_code_rule(trop_sarif_rules *r, const char *code, const char *level);
/* The rule of release-gate failures ("policy"). */
int trop_sarif_add_policy_rule(trop_sarif_rules *r);
/* Position of rule id in the list, -1 if absent. */
int trop_sarif_rule_index(const trop_sarif_rules *r, const char *id);

/* SARIF level of a finding severity name: error, warning, or note. */
const char *trop_sarif_level(const char *severity);

#endif
