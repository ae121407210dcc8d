/*
 * The report as SARIF 2.1.0, for code-scanning interfaces: every finding
 * and every criterion that does not pass becomes a result, located at the
 * artifact concerned (relative to the release root, uriBaseId SRCROOT), and
 * the artifacts carry their SHA-256. The output depends only on the report:
 * no time stamps, no absolute paths, keys and results in a fixed order.
 */
#include "../judge/report.h"
#include "sarif.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SARIF_SCHEMA "https://json.schemastore.org/sarif-2.1.0.json"
/* Evidence shown as related locations of one criterion result, at most. */
#define MAX_RELATED 20

typedef struct sarif {
    const json_t *doc;
    trop_sarif_rules rules;
    json_t *artifact_index; /* path -> position in run.artifacts */
    json_t *results;
} sarif;

/* A relative URI reference for a release path: every byte but unreserved
 * characters and '/' percent-encoded (spaces, '#', '%', ':' and non-ASCII
 * would otherwise change its meaning). Owned by the caller. */
static char *path_uri(const char *path)
{
    size_t n = strlen(path);
    char *out = malloc(n * 3 + 1), *o = out;
    if (!out)
        return NULL;
    for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
        unsigned char c = *p;
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
            c == '-' || c == '.' || c == '_' || c == '~' || c == '/') {
            *o++ = (char)c;
        } else {
            static const char hex[] = "0123456789ABCDEF";
            *o++ = '%';
            *o++ = hex[c >> 4];
            *o++ = hex[c & 15];
        }
    }
    *o = '\0';
    return out;
}

/* {uri, uriBaseId[, index]} for a release path; "" is the release root. */
static json_t *artifact_location(const sarif *s, const char *path)
{
    char *uri = path_uri(path && *path ? path : ".");
    json_t *loc = uri ? json_pack("{s:s, s:s}", "uri", uri, "uriBaseId", TROP_SARIF_ROOT) : NULL;
    free(uri);
    json_t *index = path ? json_object_get(s->artifact_index, path) : NULL;
    if (loc && index && json_object_set(loc, "index", index)) {
        json_decref(loc);
        return NULL;
    }
    return loc;
}

/* A physicalLocation with a region when a line or an offset is known. */
static json_t *location(const sarif *s, const char *path, const json_t *line, const json_t *offset)
{
    json_t *al = artifact_location(s, path), *region = json_object();
    if (!al || !region)
        goto fail;
    /* copies, not references: the report may be shared between threads */
    if (json_is_integer(line) && json_integer_value(line) >= 1 &&
        json_object_set_new(region, "startLine", json_integer(json_integer_value(line))))
        goto fail;
    if (json_is_integer(offset) && json_integer_value(offset) >= 0 &&
        json_object_set_new(region, "byteOffset", json_integer(json_integer_value(offset))))
        goto fail;
    json_t *pl = json_pack("{s:o}", "artifactLocation", al); /* al taken, even on failure */
    al = NULL;
    if (!pl || !json_object_size(region)) {
        json_decref(region);
    } else if (json_object_set_new(pl, "region", region)) { /* region taken */
        json_decref(pl);
        return NULL;
    }
    return pl ? json_pack("{s:o}", "physicalLocation", pl) : NULL;
fail:
    json_decref(al);
    json_decref(region);
    return NULL;
}

/* Appends a result; loc, related (may be NULL) and props are taken. */
static int add_result(sarif *s, const char *rule, const char *level, const char *text, json_t *loc,
                      json_t *related, json_t *props)
{
    json_t *r = NULL;
    /* json_pack takes "o" arguments even when it fails (jansson >= 2.11) */
    if (loc && props)
        r = json_pack("{s:s, s:i, s:s, s:{s:s}, s:[o]}", "ruleId", rule, "ruleIndex",
                      trop_sarif_rule_index(&s->rules, rule), "level", level, "message", "text",
                      text, "locations", loc);
    else
        json_decref(loc);
    int rc = r ? 0 : TRO_ENOMEM;
    if (!rc && related && json_array_size(related))
        rc = json_object_set(r, "relatedLocations", related) ? TRO_ENOMEM : 0;
    if (!rc)
        rc = json_object_set(r, "properties", props) ? TRO_ENOMEM : 0;
    if (!rc)
        rc = json_array_append(s->results, r) ? TRO_ENOMEM : 0;
    json_decref(r);
    json_decref(related);
    json_decref(props);
    return rc;
}

/* ---- findings ------------------------------------------------------------ */

static int rank(const char *level)
{
    return !strcmp(level, "error") ? 2 : !strcmp(level, "warning") ? 1 : 0;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* One rule per finding code, sorted, at the most severe level seen. */
static int code_rules(sarif *s, const json_t *findings)
{
    json_t *levels = json_object(), *f;
    size_t i, n = 0;
    const char **codes = NULL;
    int rc = levels ? 0 : TRO_ENOMEM;
    json_array_foreach(findings, i, f)
    {
        const char *code = json_string_value(json_object_get(f, "code"));
        const char *lv = trop_sarif_level(json_string_value(json_object_get(f, "severity")));
        const char *old = json_string_value(json_object_get(levels, code ? code : ""));
        if (!rc && code && (!old || rank(lv) > rank(old)))
            rc = json_object_set_new(levels, code, json_string(lv)) ? TRO_ENOMEM : 0;
    }
    if (!rc && json_object_size(levels) &&
        !(codes = malloc(json_object_size(levels) * sizeof *codes)))
        rc = TRO_ENOMEM;
    const char *key;
    json_t *v;
    json_object_foreach(levels, key, v)
    {
        if (codes)
            codes[n++] = key;
    }
    if (n > 1)
        qsort(codes, n, sizeof *codes, cmp_str);
    for (i = 0; !rc && i < n; i++)
        rc = trop_sarif_add_code_rule(&s->rules, codes[i],
                                      json_string_value(json_object_get(levels, codes[i])));
    free(codes);
    json_decref(levels);
    return rc;
}

static int finding_results(sarif *s, const json_t *findings)
{
    json_t *f;
    size_t i;
    json_array_foreach(findings, i, f)
    {
        const char *code = json_string_value(json_object_get(f, "code"));
        const char *sev = json_string_value(json_object_get(f, "severity"));
        const char *msg = json_string_value(json_object_get(f, "message"));
        if (!code)
            continue; /* a finding without a code has no rule to report under */
        json_t *loc = location(s, json_string_value(json_object_get(f, "path")),
                               json_object_get(f, "line"), json_object_get(f, "offset"));
        json_t *props = json_pack("{s:s}", "severity", sev ? sev : "warning");
        int rc =
            add_result(s, code, trop_sarif_level(sev), msg && *msg ? msg : code, loc, NULL, props);
        if (rc)
            return rc;
    }
    return 0;
}

/* ---- criteria ------------------------------------------------------------- */

/* "use_freedom is fail: reason; reason" */
static char *criterion_text(const char *name, const char *status, const json_t *reasons)
{
    size_t n = strlen(name) + strlen(status) + 64, i;
    json_t *r;
    json_array_foreach(reasons, i, r)
    {
        n += strlen(json_string_value(r) ? json_string_value(r) : "") + 2;
    }
    char *text = malloc(n);
    if (!text)
        return NULL;
    int k = snprintf(text, n, "%s is %s", name, status);
    const char *sep = ": ";
    json_array_foreach(reasons, i, r)
    {
        if (json_string_value(r) && *json_string_value(r)) {
            k += snprintf(text + k, n - (size_t)k, "%s%s", sep, json_string_value(r));
            sep = "; ";
        }
    }
    if (!strcmp(sep, ": ") && !strcmp(status, "unknown"))
        snprintf(text + k, n - (size_t)k, ": no evidence either way");
    return text;
}

/* The evidence that points into the release, as relatedLocations. */
static json_t *related(const sarif *s, const json_t *evidence)
{
    json_t *out = json_array(), *ev;
    size_t i;
    json_array_foreach(evidence, i, ev)
    {
        const char *path = json_string_value(json_object_get(ev, "path"));
        const char *text = json_string_value(json_object_get(ev, "text"));
        if (!out || !path || !*path)
            continue;
        if (json_array_size(out) >= MAX_RELATED)
            break;
        json_t *loc = location(s, path, json_object_get(ev, "line"), json_object_get(ev, "offset"));
        /* ids 1, 2, ... so that messages could link to them ("[text](1)") */
        json_int_t id = (json_int_t)json_array_size(out) + 1;
        if (!loc || json_object_set_new(loc, "id", json_integer(id)) ||
            json_object_set_new(loc, "message", json_pack("{s:s}", "text", text ? text : path))) {
            json_decref(loc);
            json_decref(out);
            return NULL;
        }
        if (json_array_append_new(out, loc)) { /* loc released */
            json_decref(out);
            return NULL;
        }
    }
    return out;
}

/* The line of the first evidence that points into the card, if any. */
static const json_t *card_line(const json_t *evidence, const char *card)
{
    const json_t *ev;
    size_t i;
    json_array_foreach(evidence, i, ev)
    {
        const char *path = json_string_value(json_object_get(ev, "path"));
        if (path && !strcmp(path, card) && json_is_integer(json_object_get(ev, "line")))
            return json_object_get(ev, "line");
    }
    return NULL;
}

static int criterion_result(sarif *s, tro_criterion c, const char *card)
{
    const char *name = tro_criterion_name(c);
    const json_t *crit = json_object_get(json_object_get(s->doc, "criteria"), name);
    const char *status = json_string_value(json_object_get(crit, "status"));
    if (!status)
        status = "unknown";
    if (!strcmp(status, "pass"))
        return 0;
    const json_t *evidence = json_object_get(crit, "evidence");
    char rule[64];
    snprintf(rule, sizeof rule, "criterion/%s", name);
    char *text = criterion_text(name, status, json_object_get(crit, "reasons"));
    json_t *rel = related(s, evidence);
    json_t *loc = location(s, card, card ? card_line(evidence, card) : NULL, NULL);
    json_t *props = json_pack("{s:s, s:s}", "criterion", name, "status", status);
    int rc = TRO_ENOMEM;
    if (text && rel) {
        rc = add_result(s, rule, !strcmp(status, "fail") ? "error" : "warning", text, loc, rel,
                        props);
        loc = rel = props = NULL; /* taken by add_result */
    }
    json_decref(loc);
    json_decref(props);
    json_decref(rel);
    free(text);
    return rc;
}

/* ---- release gate, artifacts, run ------------------------------------------------ */

/* One result per requirement of an applied policy that was not met. */
static int policy_results(sarif *s)
{
    const json_t *pol = json_object_get(s->doc, "policy"), *f;
    size_t i;
    json_array_foreach(json_object_get(pol, "failures"), i, f)
    {
        const char *text = json_string_value(f);
        json_t *props = json_pack("{s:s}", "gate", "policy");
        int rc = add_result(s, "policy", "error", text && *text ? text : "policy not met",
                            location(s, "", NULL, NULL), NULL, props);
        if (rc)
            return rc;
    }
    return 0;
}

static int artifacts(sarif *s, json_t **out)
{
    json_t *list = json_array(), *a;
    size_t i;
    *out = list;
    if (!list)
        return TRO_ENOMEM;
    json_array_foreach(json_object_get(s->doc, "artifacts"), i, a)
    {
        const char *path = json_string_value(json_object_get(a, "path"));
        const char *sha = json_string_value(json_object_get(a, "sha256"));
        const char *type = json_string_value(json_object_get(a, "type"));
        const json_t *size = json_object_get(a, "size");
        if (!path || json_object_get(s->artifact_index, path))
            continue; /* nothing to locate, or already listed */
        json_t *loc = artifact_location(s, path);
        json_t *art = loc ? json_pack("{s:o}", "location", loc) : NULL;
        int bad = !art;
        if (!bad && json_is_integer(size) && json_integer_value(size) >= 0)
            bad = json_object_set_new(art, "length", json_integer(json_integer_value(size)));
        if (!bad && sha && *sha)
            bad = json_object_set_new(art, "hashes", json_pack("{s:s}", "sha-256", sha));
        if (!bad && type)
            bad = json_object_set_new(art, "properties", json_pack("{s:s}", "type", type));
        if (bad) {
            json_decref(art);
            return TRO_ENOMEM;
        }
        /* both calls release what they are given, even when they fail */
        json_int_t at = (json_int_t)json_array_size(list);
        if (json_array_append_new(list, art) ||
            json_object_set_new(s->artifact_index, path, json_integer(at)))
            return TRO_ENOMEM;
    }
    return 0;
}

/* The verdict and what the report concluded, for consumers that read more
 * than results. */
static json_t *run_properties(const sarif *s)
{
    const json_t *doc = s->doc, *crits = json_object_get(doc, "criteria");
    json_t *statuses = json_object(), *mof = json_object_get(json_object_get(doc, "mof"), "class");
    for (int c = 0; statuses && c < 3; c++) {
        const char *name = tro_criterion_name((tro_criterion)c);
        const char *st = json_string_value(json_object_get(json_object_get(crits, name), "status"));
        if (json_object_set_new(statuses, name, json_string(st ? st : "unknown"))) {
            json_decref(statuses);
            return NULL;
        }
    }
    const char *verdict = json_string_value(json_object_get(doc, "verdict"));
    json_t *p =
        statuses
            ? json_pack("{s:s?, s:s, s:b, s:o, s:o}", "release",
                        json_string_value(json_object_get(json_object_get(doc, "release"), "name")),
                        "verdict", verdict ? verdict : "not-truly-open", "truly_open",
                        verdict && !strcmp(verdict, "truly-open"), "criteria", statuses,
                        "mof_class",
                        json_is_integer(mof) ? json_integer(json_integer_value(mof)) : json_null())
            : NULL;
    const json_t *extra[] = {json_object_get(doc, "to_pass"), json_object_get(doc, "policy")};
    const char *names[] = {"to_pass", "policy"};
    for (int i = 0; p && i < 2; i++) {
        if (extra[i] && json_object_set_new(p, names[i], json_deep_copy(extra[i]))) {
            json_decref(p);
            return NULL;
        }
    }
    return p;
}

static json_t *build(sarif *s)
{
    json_t *arts = NULL, *run = NULL, *log = NULL;
    const json_t *findings = json_object_get(s->doc, "findings");
    const json_t *rel = json_object_get(s->doc, "release");
    const char *card = json_string_value(json_object_get(rel, "card"));
    int rc = artifacts(s, &arts);
    if (!rc)
        rc = trop_sarif_add_criteria_rules(&s->rules);
    if (!rc)
        rc = code_rules(s, findings);
    if (!rc && json_array_size(json_object_get(json_object_get(s->doc, "policy"), "failures")))
        rc = trop_sarif_add_policy_rule(&s->rules);
    for (int c = 0; !rc && c < 3; c++)
        rc = criterion_result(s, (tro_criterion)c, card && *card ? card : NULL);
    if (!rc)
        rc = finding_results(s, findings);
    if (!rc)
        rc = policy_results(s);
    json_t *props = rc ? NULL : run_properties(s);
    if (!props)
        goto done;
    run = json_pack("{s:{s:{s:s, s:s, s:s, s:O}}, s:{s:{s:{s:s}}}, s:O, s:O, s:o}", "tool",
                    "driver", "name", "trulyopen", "version", tro_version_string(),
                    "semanticVersion", tro_version_string(), "rules", s->rules.list,
                    "originalUriBaseIds", TROP_SARIF_ROOT, "description", "text",
                    "The root of the release that trulyopen judged; artifact paths are "
                    "relative to it.",
                    "artifacts", arts, "results", s->results, "properties", props);
    if (run)
        log = json_pack("{s:s, s:s, s:[o]}", "$schema", SARIF_SCHEMA, "version", "2.1.0", "runs",
                        run);
done:
    json_decref(arts);
    return log;
}

int tro_report_sarif(const tro_report *report, char **out, size_t *len)
{
    if (out)
        *out = NULL;
    if (len)
        *len = 0;
    if (!report || !out)
        return TRO_EINVAL;
    sarif s = {.doc = trop_report_doc(report)};
    if (!s.doc)
        return TRO_ENOMEM;
    int rc = trop_sarif_rules_init(&s.rules);
    s.artifact_index = json_object();
    s.results = json_array();
    json_t *log = NULL;
    if (!rc && s.artifact_index && s.results)
        log = build(&s);
    char *text = log ? json_dumps(log, JSON_INDENT(2)) : NULL;
    json_decref(log);
    json_decref(s.artifact_index);
    json_decref(s.results);
    trop_sarif_rules_clear(&s.rules);
    if (!text)
        return TRO_ENOMEM;
    /* a text file ends with a newline */
    size_t n = strlen(text);
    char *full = realloc(text, n + 2);
    if (!full) {
        free(text);
        return TRO_ENOMEM;
    }
    full[n] = '\n';
    full[n + 1] = '\0';
    *out = full;
    if (len)
        *len = n + 1;
    return 0;
}
