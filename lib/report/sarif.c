/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/*
 * The report as SARIF 2.1.0, for code-scanning interfaces: every finding
 * and every criterion that does not pass becomes a result, located at the
 * artifact concerned (relative to SRCROOT: the release root, or the folder
 * the options name with the release's path under it), and the artifacts
 * carry their SHA-256. One problem is one result: a policy failure about
 * findings or a criterion is carried by that result (sarif_gate.c), the
 * others are located where their cause is. Results carry a
 * partialFingerprint so that alerts keep their identity between runs, and
 * waived findings a suppression with the waiver's reason. The output
 * depends only on the report and the options: no time stamps.
 */
#include "report.h"
#include "sarif.h"

#include "jw.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SARIF_SCHEMA "https://json.schemastore.org/sarif-2.1.0.json"
/* Evidence shown as related locations of one criterion result, at most. */
#define MAX_RELATED 20


/* A relative URI reference for a release path under the release's folder
 * (prefix, "" or ending in '/'): every byte but unreserved characters and
 * '/' percent-encoded (spaces, '#', '%', ':' and non-ASCII would otherwise
 * change its meaning). Owned by the caller. */
static char *path_uri(const char *prefix, const char *path)
{
    size_t n = strlen(prefix) + strlen(path);
    char *out = malloc(n * 3 + 2), *o = out;
    if (!out)
        return NULL;
    /* "" is the root itself */
    char *joined = *prefix || *path ? trop_asprintf("%s%s", prefix, path) : trop_strdup(".");
    if (!joined) {
        free(out);
        return NULL;
    }
    for (const unsigned char *p = (const unsigned char *)joined; *p; p++) {
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
    free(joined);
    return out;
}

/* {uri, uriBaseId[, index]} for a release path; "" is the release itself:
 * its card when it has one (a location must be a file for most viewers),
 * else its folder. */
static json_t *artifact_location(const sarif *s, const char *path)
{
    if (!path || !*path)
        path = s->jd->card_path.n ? s->jd->card_path.s : "";
    char *uri = path_uri(s->prefix, path);
    json_t *loc = uri ? json_pack("{s:s, s:s}", "uri", uri, "uriBaseId", TROP_SARIF_ROOT) : NULL;
    free(uri);
    json_t *index = json_object_get(s->artifact_index, path);
    if (loc && index && json_object_set(loc, "index", index)) {
        json_decref(loc);
        return NULL;
    }
    return loc;
}

/* A physicalLocation with a region when a line or an offset is known. */
static json_t *location(const sarif *s, const char *path, int64_t line, int64_t offset)
{
    json_t *al = artifact_location(s, path), *region = json_object();
    if (!al || !region)
        goto fail;
    if (line >= 1 && json_object_set_new(region, "startLine", json_integer(line)))
        goto fail;
    if (offset >= 0 && json_object_set_new(region, "byteOffset", json_integer(offset)))
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

/* Appends a result; loc, related (may be NULL) and props are taken. Its
 * fingerprint is made of the rule, the location's URI and key (what tells
 * results of one rule and file apart, not the message: offsets and
 * counts in it change from run to run). */
static int add_result(sarif *s, const char *rule, const char *level, const char *text, json_t *loc,
                      json_t *related, json_t *props, const char *key)
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
        rc = trop_sarif_fingerprint(s, r, rule, key);
    if (!rc)
        rc = json_object_set(r, "properties", props) ? TRO_ENOMEM : 0;
    if (!rc)
        rc = json_array_append(s->results, r) ? TRO_ENOMEM : 0;
    if (!rc)
        s->last = r;
    json_decref(r);
    json_decref(related);
    json_decref(props);
    return rc;
}

/* ---- findings ------------------------------------------------------------ */

static const char *level_of(tro_severity sev)
{
    return trop_sarif_level(tro_severity_name(sev));
}

static int rank(const char *level)
{
    return !strcmp(level, "error") ? 2 : !strcmp(level, "warning") ? 1 : 0;
}

/* The most severe level of each code in fs, into levels (code -> level). */
static int code_levels(const trop_jfindings *fs, json_t *levels)
{
    for (size_t i = 0; i < fs->n; i++) {
        const char *code = fs->v[i].code.s, *lv = level_of(fs->v[i].sev);
        const char *old = json_string_value(json_object_get(levels, code));
        if ((!old || rank(lv) > rank(old)) && json_object_set_new(levels, code, json_string(lv)))
            return TRO_ENOMEM;
    }
    return 0;
}

/* One rule per finding code, sorted, at the most severe level seen. */
static int code_rules(sarif *s)
{
    json_t *levels = json_object();
    size_t n = 0;
    const char **codes = NULL;
    int rc = levels ? 0 : TRO_ENOMEM;
    if (!rc)
        rc = code_levels(&s->jd->rfindings, levels);
    if (!rc)
        rc = code_levels(&s->jd->findings, levels);
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
        qsort(codes, n, sizeof *codes, trop_cmp_str);
    for (size_t i = 0; !rc && i < n; i++)
        rc = trop_sarif_add_code_rule(&s->rules, codes[i],
                                      json_string_value(json_object_get(levels, codes[i])));
    free(codes);
    json_decref(levels);
    return rc;
}

static int finding_results(sarif *s)
{
    for (size_t i = 0; i < trop_report_finding_count(s->r); i++) {
        const trop_jfinding *f = trop_report_finding(s->r, i);
        const char *sev = tro_severity_name(f->sev);
        const char *gate = trop_sarif_gate_finding(s, f);
        json_t *loc = location(s, f->path.s, f->line, f->offset);
        json_t *props = json_pack("{s:s}", "severity", sev);
        if (props && gate && json_object_set_new(props, "policy", json_pack("[s]", gate))) {
            json_decref(props);
            props = NULL;
        }
        int rc = add_result(s, f->code.s, gate ? "error" : level_of(f->sev),
                            f->message.n ? f->message.s : f->code.s, loc, NULL, props, f->code.s);
        if (!rc && f->waived)
            rc = json_object_set_new(s->last, "suppressions",
                                     json_pack("[{s:s, s:s, s:s}]", "kind", "external", "status",
                                               "accepted", "justification",
                                               f->waiver.s ? f->waiver.s : ""))
                     ? TRO_ENOMEM
                     : 0;
        if (rc)
            return rc;
    }
    return 0;
}

/* ---- criteria ------------------------------------------------------------- */

/* "use_freedom is fail: reason; reason" */
static char *criterion_text(const char *name, const char *status, const trop_strs *reasons)
{
    size_t n = strlen(name) + strlen(status) + 64;
    for (size_t i = 0; i < reasons->n; i++)
        n += reasons->v[i].n + 2;
    char *text = malloc(n);
    if (!text)
        return NULL;
    int k = snprintf(text, n, "%s is %s", name, status);
    const char *sep = ": ";
    for (size_t i = 0; i < reasons->n; i++) {
        if (reasons->v[i].n) {
            k += snprintf(text + k, n - (size_t)k, "%s%s", sep, reasons->v[i].s);
            sep = "; ";
        }
    }
    if (!strcmp(sep, ": ") && !strcmp(status, "unknown"))
        snprintf(text + k, n - (size_t)k, ": no evidence either way");
    return text;
}

/* The evidence that points into the release, as relatedLocations. */
static json_t *related(const sarif *s, const trop_crit *c)
{
    json_t *out = json_array();
    for (size_t i = 0; out && i < c->ev.n; i++) {
        const trop_evidence *ev = &c->ev.v[i];
        if (!ev->path.n)
            continue;
        if (json_array_size(out) >= MAX_RELATED)
            break;
        json_t *loc = location(s, ev->path.s, ev->line, ev->offset);
        /* ids 1, 2, ... so that messages could link to them ("[text](1)") */
        json_int_t id = (json_int_t)json_array_size(out) + 1;
        if (!loc || json_object_set_new(loc, "id", json_integer(id)) ||
            json_object_set_new(loc, "message", json_pack("{s:s}", "text", ev->text.s))) {
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
static int64_t card_line(const trop_crit *c, const char *card)
{
    for (size_t i = 0; i < c->ev.n; i++)
        if (!strcmp(c->ev.v[i].path.s, card) && c->ev.v[i].line > 0)
            return c->ev.v[i].line;
    return 0;
}

static int criterion_result(sarif *s, tro_criterion c, const char *card)
{
    const char *name = tro_criterion_name(c);
    const trop_crit *crit = &s->jd->crit[c];
    const char *status = tro_status_name(crit->status);
    if (crit->status == TRO_STATUS_PASS)
        return 0;
    json_t *gate = trop_sarif_gate_criterion(s, c);
    char rule[64];
    snprintf(rule, sizeof rule, "criterion/%s", name);
    char *text = criterion_text(name, status, &crit->reasons);
    json_t *rel = related(s, crit);
    json_t *loc = location(s, card, card ? card_line(crit, card) : 0, -1);
    json_t *props = json_pack("{s:s, s:s}", "criterion", name, "status", status);
    int rc = TRO_ENOMEM;
    bool fails = crit->status == TRO_STATUS_FAIL || json_array_size(gate);
    if (props && gate && json_array_size(gate) && json_object_set(props, "policy", gate)) {
        json_decref(props);
        props = NULL;
    }
    if (text && rel) {
        rc = add_result(s, rule, fails ? "error" : "warning", text, loc, rel, props, "");
        loc = rel = props = NULL; /* taken by add_result */
    }
    json_decref(gate);
    json_decref(loc);
    json_decref(props);
    json_decref(rel);
    free(text);
    return rc;
}

/* ---- release gate, artifacts, run ------------------------------------------------ */

/* A result of the rule "policy" (sarif_gate.c): the failures that no
 * other result carries, at the file their cause is in. */
int trop_sarif_policy_result(sarif *s, const char *text, const char *path)
{
    json_t *props = json_pack("{s:s}", "gate", "policy");
    return add_result(s, "policy", "error", text, location(s, path, 0, -1), NULL, props, text);
}

static int artifacts(sarif *s, json_t **out)
{
    json_t *list = json_array();
    *out = list;
    if (!list)
        return TRO_ENOMEM;
    for (size_t i = 0; i < s->jd->arts.n; i++) {
        const trop_art *a = &s->jd->arts.v[i];
        const char *path = a->path.s;
        if (json_object_get(s->artifact_index, path))
            continue; /* already listed */
        json_t *loc = artifact_location(s, path);
        json_t *art = loc ? json_pack("{s:o}", "location", loc) : NULL;
        int bad = !art;
        if (!bad)
            bad = json_object_set_new(art, "length", json_integer((json_int_t)a->size));
        if (!bad && a->hashed && *a->sha256)
            bad = json_object_set_new(art, "hashes", json_pack("{s:s}", "sha-256", a->sha256));
        if (!bad)
            bad = json_object_set_new(art, "properties",
                                      json_pack("{s:s}", "type", tro_type_name(a->type)));
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

static json_t *strs_json(const trop_strs *v)
{
    json_t *arr = json_array();
    for (size_t i = 0; arr && i < v->n; i++)
        if (json_array_append_new(arr, json_stringn(v->v[i].s, v->v[i].n))) {
            json_decref(arr);
            return NULL;
        }
    return arr;
}

/* The verdict and what the report concluded, for consumers that read more
 * than results. */
static json_t *run_properties(const sarif *s, const trop_strs *to_pass)
{
    const trop_judgement *jd = s->jd;
    json_t *statuses = json_object();
    for (int c = 0; statuses && c < 3; c++) {
        if (json_object_set_new(statuses, tro_criterion_name((tro_criterion)c),
                                json_string(tro_status_name(jd->crit[c].status)))) {
            json_decref(statuses);
            return NULL;
        }
    }
    int cls = tro_report_mof_class(s->r);
    json_t *p = statuses ? json_pack("{s:s, s:s, s:b, s:o, s:o, s:o}", "release", jd->name.s,
                                     "verdict", tro_report_verdict(s->r), "truly_open",
                                     tro_report_truly_open(s->r), "criteria", statuses,
                                     "mof_class", cls >= 0 ? json_integer(cls) : json_null(),
                                     "to_pass", strs_json(to_pass))
                         : NULL;
    if (p && s->r->policy >= 0 &&
        json_object_set_new(p, "policy",
                            json_pack("{s:b, s:o}", "passed", s->r->policy == 1, "failures",
                                      strs_json(&s->r->pol.failures)))) {
        json_decref(p);
        return NULL;
    }
    return p;
}

/* {SRCROOT: {uri?, description}} */
static json_t *base_ids(const sarif *s)
{
    json_t *root = json_pack("{s:{s:s}}", "description", "text",
                             "The folder that artifact paths are relative to: the root of the "
                             "release trulyopen judged, or the folder holding it.");
    if (root && s->o->root_uri && *s->o->root_uri &&
        json_object_set_new(root, "uri", json_string(s->o->root_uri))) {
        json_decref(root);
        return NULL;
    }
    return root ? json_pack("{s:o}", TROP_SARIF_ROOT, root) : NULL;
}

/* "trulyopen/models/foo/": a category per release (the part before the
 * last '/'), so that the analyses of several releases of one repository
 * do not replace one another. */
static json_t *automation(const sarif *s)
{
    const char *what = *s->prefix ? s->prefix : s->jd->name.s;
    char *id = trop_asprintf("trulyopen/%s%s", what,
                             *what && what[strlen(what) - 1] == '/' ? "" : "/");
    json_t *v = id ? json_pack("{s:s}", "id", id) : NULL;
    free(id);
    return v;
}

static json_t *build(sarif *s)
{
    json_t *arts = NULL, *run = NULL, *log = NULL;
    const char *card = s->jd->card_path.n ? s->jd->card_path.s : NULL;
    /* without the list, locations name their artifact by its URI only */
    int rc = s->flags & TRO_RENDER_NO_ARTIFACTS ? 0 : artifacts(s, &arts);
    if (!rc)
        rc = trop_sarif_add_criteria_rules(&s->rules);
    if (!rc)
        rc = code_rules(s);
    if (!rc && trop_sarif_gate_has_results(s))
        rc = trop_sarif_add_policy_rule(&s->rules);
    for (int c = 0; !rc && c < 3; c++)
        rc = criterion_result(s, (tro_criterion)c, card);
    if (!rc)
        rc = finding_results(s);
    if (!rc)
        rc = trop_sarif_gate_results(s);
    json_t *props = rc ? NULL : run_properties(s, &s->r->to_pass);
    if (!props)
        goto done;
    run = json_pack("{s:{s:{s:s, s:s, s:s, s:O}}, s:o, s:o, s:O, s:O, s:o}", "tool", "driver",
                    "name", "trulyopen", "version", tro_version_string(), "semanticVersion",
                    tro_version_string(), "rules", s->rules.list, "automationDetails",
                    automation(s), "originalUriBaseIds", base_ids(s), "artifacts",
                    arts ? arts : json_null(), "results", s->results, "properties", props);
    if (run && !arts)
        json_object_del(run, "artifacts");
    if (run)
        log = json_pack("{s:s, s:s, s:[o]}", "$schema", SARIF_SCHEMA, "version", "2.1.0", "runs",
                        run);
done:
    json_decref(arts);
    return log;
}

/* The release's folder under the root as a path prefix: "" or "a/b/". */
static char *prefix_of(const char *release_path)
{
    const char *p = release_path ? release_path : "";
    while (p[0] == '.' && p[1] == '/')
        p += 2;
    if (!strcmp(p, "."))
        p = "";
    size_t n = strlen(p);
    while (n && p[n - 1] == '/')
        n--;
    return n ? trop_asprintf("%.*s/", (int)n, p) : trop_strdup("");
}

int trop_report_sarif_opts(const tro_report *report, const tro_render_options *o, char **out,
                           size_t *len)
{
    sarif s = {.r = report, .o = o, .flags = o->flags, .jd = report->jd};
    int rc = trop_sarif_rules_init(&s.rules);
    s.artifact_index = json_object();
    s.results = json_array();
    s.fingerprints = json_object();
    s.prefix = prefix_of(o->release_path);
    json_t *log = NULL;
    if (!rc && s.artifact_index && s.results && s.fingerprints && s.prefix)
        log = build(&s);
    trop_jw w = {.compact = (o->flags & TRO_RENDER_COMPACT) != 0};
    if (log)
        trop_jw_json(&w, log);
    else
        w.err = TRO_ENOMEM;
    json_decref(log);
    json_decref(s.artifact_index);
    json_decref(s.results);
    json_decref(s.fingerprints);
    free(s.prefix);
    trop_sarif_rules_clear(&s.rules);
    return trop_jw_finish(&w, out, len);
}

int trop_report_sarif(const tro_report *report, unsigned flags, char **out, size_t *len)
{
    tro_render_options o = TRO_RENDER_OPTIONS_INIT;
    o.format = TRO_FORMAT_SARIF;
    o.flags = flags;
    return trop_report_sarif_opts(report, &o, out, len);
}
