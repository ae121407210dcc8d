/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* Private to lib/report: pieces of the SARIF writer (sarif.c) that the rule
 * catalogue (sarif_rules.c) shares. */
#ifndef TROP_SARIF_H
#define TROP_SARIF_H

#include "report.h"

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

/* One rendering (sarif.c). */
typedef struct sarif {
    const tro_report *r;
    const tro_render_options *o;
    unsigned flags; /* TRO_RENDER_* */
    const trop_judgement *jd;
    char *prefix; /* the release's folder under SRCROOT: "" or "a/b/" */
    trop_sarif_rules rules;
    json_t *artifact_index; /* path -> position in run.artifacts */
    json_t *results;
    json_t *fingerprints; /* key -> results seen with it, to number repeats */
    json_t *last;         /* the result added last (borrowed) */
} sarif;

/* Sets r.partialFingerprints from the rule, its first location's URI and
 * key (sarif_gate.c): 0 or TRO_ENOMEM. */
int trop_sarif_fingerprint(sarif *s, json_t *r, const char *rule, const char *key);
/* Where a failure of the applied policy goes (sarif_gate.c): a finding
 * that fails the gate gives its sentence (NULL: it does not fail it); a
 * criterion's result carries the sentences about it and the verdict (a
 * new list); the other failures become results of the rule "policy". */
const char *trop_sarif_gate_finding(const sarif *s, const trop_jfinding *f);
json_t *trop_sarif_gate_criterion(const sarif *s, tro_criterion c);
bool trop_sarif_gate_has_results(const sarif *s);
int trop_sarif_gate_results(sarif *s);
/* Appends a result of the rule "policy" located at path (sarif.c). */
int trop_sarif_policy_result(sarif *s, const char *text, const char *path);

#endif
