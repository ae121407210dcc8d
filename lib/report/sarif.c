/*
 * The report as SARIF 2.1.0, for code-scanning interfaces: every finding
 * and every criterion that does not pass becomes a result, located at the
 * artifact concerned (relative to the release root, uriBaseId SRCROOT), and
 * the artifacts carry their SHA-256. The output depends only on the report:
 * no time stamps, no absolute paths, keys and results in a fixed order.
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

typedef struct sarif {
    const tro_report *r;
    unsigned flags; /* TRO_RENDER_* */
    const trop_judgement *jd;
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

static int finding_results(sarif *s, const trop_jfindings *fs)
{
    for (size_t i = 0; i < fs->n; i++) {
        const trop_jfinding *f = &fs->v[i];
        const char *sev = tro_severity_name(f->sev);
        json_t *loc = location(s, f->path.s, f->line, f->offset);
        json_t *props = json_pack("{s:s}", "severity", sev);
        int rc = add_result(s, f->code.s, level_of(f->sev), f->message.n ? f->message.s : f->code.s,
                            loc, NULL, props);
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
    char rule[64];
    snprintf(rule, sizeof rule, "criterion/%s", name);
    char *text = criterion_text(name, status, &crit->reasons);
    json_t *rel = related(s, crit);
    json_t *loc = location(s, card, card ? card_line(crit, card) : 0, -1);
    json_t *props = json_pack("{s:s, s:s}", "criterion", name, "status", status);
    int rc = TRO_ENOMEM;
    if (text && rel) {
        rc = add_result(s, rule, crit->status == TRO_STATUS_FAIL ? "error" : "warning", text, loc,
                        rel, props);
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
    for (size_t i = 0; s->r->policy >= 0 && i < s->r->policy_failures.n; i++) {
        const trop_str *f = &s->r->policy_failures.v[i];
        json_t *props = json_pack("{s:s}", "gate", "policy");
        int rc = add_result(s, "policy", "error", f->n ? f->s : "policy not met",
                            location(s, "", 0, -1), NULL, props);
        if (rc)
            return rc;
    }
    return 0;
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
                                      strs_json(&s->r->policy_failures)))) {
        json_decref(p);
        return NULL;
    }
    return p;
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
    if (!rc && s->r->policy >= 0 && s->r->policy_failures.n)
        rc = trop_sarif_add_policy_rule(&s->rules);
    for (int c = 0; !rc && c < 3; c++)
        rc = criterion_result(s, (tro_criterion)c, card);
    if (!rc)
        rc = finding_results(s, &s->jd->rfindings);
    if (!rc)
        rc = finding_results(s, &s->jd->findings);
    if (!rc)
        rc = policy_results(s);
    json_t *props = rc ? NULL : run_properties(s, &s->r->to_pass);
    if (!props)
        goto done;
    run = json_pack("{s:{s:{s:s, s:s, s:s, s:O}}, s:{s:{s:{s:s}}}, s:O, s:O, s:o}", "tool",
                    "driver", "name", "trulyopen", "version", tro_version_string(),
                    "semanticVersion", tro_version_string(), "rules", s->rules.list,
                    "originalUriBaseIds", TROP_SARIF_ROOT, "description", "text",
                    "The root of the release that trulyopen judged; artifact paths are "
                    "relative to it.",
                    "artifacts", arts ? arts : json_null(), "results", s->results,
                    "properties", props);
    if (run && !arts)
        json_object_del(run, "artifacts");
    if (run)
        log = json_pack("{s:s, s:s, s:[o]}", "$schema", SARIF_SCHEMA, "version", "2.1.0", "runs",
                        run);
done:
    json_decref(arts);
    return log;
}

int trop_report_sarif(const tro_report *report, unsigned flags, char **out, size_t *len)
{
    sarif s = {.r = report, .flags = flags, .jd = report->jd};
    int rc = trop_sarif_rules_init(&s.rules);
    s.artifact_index = json_object();
    s.results = json_array();
    json_t *log = NULL;
    if (!rc && s.artifact_index && s.results)
        log = build(&s);
    trop_jw w = {.compact = (flags & TRO_RENDER_COMPACT) != 0};
    if (log)
        trop_jw_json(&w, log);
    else
        w.err = TRO_ENOMEM;
    json_decref(log);
    json_decref(s.artifact_index);
    json_decref(s.results);
    trop_sarif_rules_clear(&s.rules);
    return trop_jw_finish(&w, out, len);
}
