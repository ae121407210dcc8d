#!/usr/bin/env python3
# SPDX-FileCopyrightText: The trulyopen authors
# SPDX-License-Identifier: Apache-2.0
"""Structural check of trulyopen's SARIF output against SARIF 2.1.0.

tests/unit/report/test_sarif.c writes SARIF logs of synthetic reports (clean,
mixed findings, no card, unicode) into a temporary folder; this script
checks each one against the parts of the SARIF 2.1.0 specification that
the writer uses: required properties and their types, the level and kind
enumerations, ruleId / ruleIndex agreement, location and region shapes,
artifact indexes and hashes, property bags, and that no object carries a
property the specification does not define (a misspelt name would be
silently ignored by every consumer). Python standard library only."""

import json
import os
import re
import subprocess
import sys
import tempfile

ALLOWED = {
    "sarifLog": {"$schema", "version", "runs", "inlineExternalProperties", "properties"},
    "run": {"tool", "invocations", "conversion", "language", "versionControlProvenance",
            "originalUriBaseIds", "artifacts", "logicalLocations", "graphs", "results",
            "automationDetails", "runAggregates", "baselineGuid", "redactionTokens",
            "defaultEncoding", "defaultSourceLanguage", "newlineSequences", "columnKind",
            "externalPropertyFileReferences", "threadFlowLocations", "taxonomies", "addresses",
            "translations", "policies", "webRequests", "webResponses", "specialLocations",
            "properties"},
    "tool": {"driver", "extensions", "properties"},
    "toolComponent": {"guid", "name", "organization", "product", "productSuite",
                      "shortDescription", "fullDescription", "fullName", "version",
                      "semanticVersion", "dottedQuadFileVersion", "releaseDateUtc", "downloadUri",
                      "informationUri", "globalMessageStrings", "notifications", "rules", "taxa",
                      "locations", "language", "contents", "isComprehensive",
                      "localizedDataSemanticVersion",
                      "minimumRequiredLocalizedDataSemanticVersion", "associatedComponent",
                      "translationMetadata", "supportedTaxonomies", "properties"},
    "reportingDescriptor": {"id", "deprecatedIds", "guid", "deprecatedGuids", "name",
                            "deprecatedNames", "shortDescription", "fullDescription",
                            "messageStrings", "defaultConfiguration", "helpUri", "help",
                            "relationships", "properties"},
    "reportingConfiguration": {"enabled", "level", "rank", "parameters", "properties"},
    "multiformatMessageString": {"text", "markdown", "properties"},
    "message": {"text", "markdown", "id", "arguments", "properties"},
    "result": {"ruleId", "ruleIndex", "rule", "kind", "level", "message", "analysisTarget",
               "locations", "guid", "correlationGuid", "occurrenceCount", "partialFingerprints",
               "fingerprints", "stacks", "codeFlows", "graphs", "graphTraversals",
               "relatedLocations", "suppressions", "baselineState", "rank", "attachments",
               "hostedViewerUri", "workItemUris", "provenance", "fixes", "taxa", "webRequest",
               "webResponse", "properties"},
    "location": {"id", "physicalLocation", "logicalLocations", "message", "annotations",
                 "relationships", "properties"},
    "physicalLocation": {"address", "artifactLocation", "region", "contextRegion", "properties"},
    "artifactLocation": {"uri", "uriBaseId", "index", "description", "properties"},
    "region": {"startLine", "startColumn", "endLine", "endColumn", "charOffset", "charLength",
               "byteOffset", "byteLength", "snippet", "message", "sourceLanguage", "properties"},
    "artifact": {"location", "parentIndex", "offset", "length", "roles", "mimeType", "contents",
                 "encoding", "sourceLanguage", "hashes", "lastModifiedTimeUtc", "description",
                 "properties"},
}

LEVELS = {"none", "note", "warning", "error"}
KINDS = {"notApplicable", "pass", "fail", "review", "open", "informational"}
# RFC 3986 URI reference: unreserved, reserved and percent-encoded octets only
URI_REF = re.compile(r"^(?:[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*$")


class Invalid(Exception):
    pass


def need(cond, where, what):
    if not cond:
        raise Invalid("%s: %s" % (where, what))


def is_int(v):
    return isinstance(v, int) and not isinstance(v, bool)


def obj(v, kind, where, required=()):
    need(isinstance(v, dict), where, "%s must be an object" % kind)
    extra = set(v) - ALLOWED[kind]
    need(not extra, where, "%s has properties SARIF does not define: %s" % (kind, sorted(extra)))
    for key in required:
        need(key in v, where, "%s lacks required property %r" % (kind, key))
    if "properties" in v:
        bag(v["properties"], where + ".properties")


def bag(v, where):
    need(isinstance(v, dict), where, "a property bag must be an object")
    if "tags" in v:
        tags = v["tags"]
        need(isinstance(tags, list) and all(isinstance(t, str) for t in tags), where,
             "tags must be an array of strings")
        need(len(set(tags)) == len(tags), where, "tags must be unique")


def text(v, where):
    need(isinstance(v, str), where, "must be a string")


def mfm(v, where):
    obj(v, "multiformatMessageString", where, ("text",))
    text(v["text"], where + ".text")


def message(v, where):
    obj(v, "message", where)
    need("text" in v or "id" in v, where, "a message needs text or id")
    if "text" in v:
        text(v["text"], where + ".text")
        need(v["text"] != "", where, "empty message text")


def uri(v, where):
    text(v, where)
    need(URI_REF.match(v) is not None, where, "not a valid URI reference: %r" % v)


def artifact_location(v, where, run, base_ids):
    obj(v, "artifactLocation", where)
    if "uri" in v:
        uri(v["uri"], where + ".uri")
        need(not re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", v["uri"]), where,
             "a uri with a uriBaseId must be relative")
    if "uriBaseId" in v:
        text(v["uriBaseId"], where + ".uriBaseId")
        need(v["uriBaseId"] in base_ids, where,
             "uriBaseId %r is not described in originalUriBaseIds" % v["uriBaseId"])
    if "index" in v:
        idx = v["index"]
        arts = run.get("artifacts", [])
        need(is_int(idx) and -1 <= idx < len(arts), where, "index out of range")
        if idx >= 0:
            loc = arts[idx]["location"]
            need(loc.get("uri") == v.get("uri") and loc.get("uriBaseId") == v.get("uriBaseId"),
                 where, "index %d names another artifact" % idx)
    if "description" in v:
        message(v["description"], where + ".description")


def region(v, where):
    obj(v, "region", where)
    need(any(k in v for k in ("startLine", "charOffset", "byteOffset")), where,
         "a region needs startLine, charOffset or byteOffset")
    for key, low in (("startLine", 1), ("startColumn", 1), ("endLine", 1), ("endColumn", 1),
                     ("charOffset", 0), ("charLength", 0), ("byteOffset", 0), ("byteLength", 0)):
        if key in v:
            need(is_int(v[key]) and v[key] >= low, where, "%s must be an integer >= %d" %
                 (key, low))
    if "endLine" in v:
        need("startLine" in v and v["endLine"] >= v["startLine"], where, "endLine < startLine")


def location(v, where, run, base_ids):
    obj(v, "location", where)
    if "id" in v:
        need(is_int(v["id"]) and v["id"] >= -1, where, "id must be an integer >= -1")
    if "message" in v:
        message(v["message"], where + ".message")
    if "physicalLocation" in v:
        pl = v["physicalLocation"]
        obj(pl, "physicalLocation", where + ".physicalLocation")
        need("artifactLocation" in pl or "address" in pl, where,
             "a physicalLocation needs artifactLocation or address")
        if "artifactLocation" in pl:
            artifact_location(pl["artifactLocation"], where + ".artifactLocation", run, base_ids)
        if "region" in pl:
            region(pl["region"], where + ".region")


def rules_of(driver, where):
    rules = driver.get("rules", [])
    need(isinstance(rules, list), where, "rules must be an array")
    seen = set()
    for i, r in enumerate(rules):
        w = "%s.rules[%d]" % (where, i)
        obj(r, "reportingDescriptor", w, ("id",))
        text(r["id"], w + ".id")
        need(r["id"] not in seen, w, "duplicate rule id %r" % r["id"])
        seen.add(r["id"])
        for key in ("shortDescription", "fullDescription", "help"):
            if key in r:
                mfm(r[key], w + "." + key)
        if "name" in r:
            text(r["name"], w + ".name")
            need("/" not in r["name"], w, "a rule name should not look like an id")
        if "defaultConfiguration" in r:
            dc = r["defaultConfiguration"]
            obj(dc, "reportingConfiguration", w + ".defaultConfiguration")
            if "level" in dc:
                need(dc["level"] in LEVELS, w, "bad default level %r" % dc.get("level"))
            if "enabled" in dc:
                need(isinstance(dc["enabled"], bool), w, "enabled must be a boolean")
    return rules


def result(v, where, rules, run, base_ids):
    obj(v, "result", where, ("message",))
    message(v["message"], where + ".message")
    if "ruleIndex" in v:
        need(is_int(v["ruleIndex"]) and -1 <= v["ruleIndex"] < len(rules), where,
             "ruleIndex out of range")
    if "ruleId" in v:
        text(v["ruleId"], where + ".ruleId")
        if v.get("ruleIndex", -1) >= 0:
            need(rules[v["ruleIndex"]]["id"] == v["ruleId"], where,
                 "ruleId %r disagrees with rules[%d]" % (v["ruleId"], v["ruleIndex"]))
        else:
            need(any(r["id"] == v["ruleId"] for r in rules), where, "ruleId without a rule")
    if "level" in v:
        need(v["level"] in LEVELS, where, "bad level %r" % v["level"])
    if "kind" in v:
        need(v["kind"] in KINDS, where, "bad kind %r" % v["kind"])
        need(v["kind"] == "fail" or v.get("level", "none") == "none", where,
             "a level other than none needs kind fail")
    locs = v.get("locations", [])
    need(isinstance(locs, list), where, "locations must be an array")
    for i, loc in enumerate(locs):
        location(loc, "%s.locations[%d]" % (where, i), run, base_ids)
    related = v.get("relatedLocations", [])
    need(isinstance(related, list), where, "relatedLocations must be an array")
    ids = [loc.get("id") for loc in related if "id" in loc]
    need(len(ids) == len(set(ids)), where, "relatedLocations ids must be unique")
    for i, loc in enumerate(related):
        location(loc, "%s.relatedLocations[%d]" % (where, i), run, base_ids)


def artifacts(run, where, base_ids):
    arts = run.get("artifacts", [])
    need(isinstance(arts, list), where, "artifacts must be an array")
    for i, a in enumerate(arts):
        w = "%s.artifacts[%d]" % (where, i)
        obj(a, "artifact", w)
        if "location" in a:
            loc = dict(a["location"])
            loc.pop("index", None)
            artifact_location(loc, w + ".location", run, base_ids)
        if "length" in a:
            need(is_int(a["length"]) and a["length"] >= -1, w, "length must be an integer >= -1")
        if "hashes" in a:
            h = a["hashes"]
            need(isinstance(h, dict) and h, w, "hashes must be a non-empty object")
            need(all(isinstance(x, str) for x in h.values()), w, "hash values must be strings")
            if "sha-256" in h:
                need(re.match(r"^[0-9a-f]{64}$", h["sha-256"]) is not None, w,
                     "sha-256 must be 64 lowercase hex digits")


def validate(log):
    obj(log, "sarifLog", "log", ("version", "runs"))
    need(log["version"] == "2.1.0", "log", "version must be 2.1.0")
    if "$schema" in log:
        uri(log["$schema"], "log.$schema")
    need(isinstance(log["runs"], list), "log", "runs must be an array")
    for n, run in enumerate(log["runs"]):
        where = "runs[%d]" % n
        obj(run, "run", where, ("tool",))
        obj(run["tool"], "tool", where + ".tool", ("driver",))
        driver = run["tool"]["driver"]
        obj(driver, "toolComponent", where + ".tool.driver", ("name",))
        text(driver["name"], where + ".tool.driver.name")
        for key in ("version", "semanticVersion"):
            if key in driver:
                text(driver[key], where + ".tool.driver." + key)
        rules = rules_of(driver, where + ".tool.driver")
        bases = run.get("originalUriBaseIds", {})
        need(isinstance(bases, dict), where, "originalUriBaseIds must be an object")
        for key, loc in bases.items():
            obj(loc, "artifactLocation", "%s.originalUriBaseIds.%s" % (where, key))
            if "uri" in loc:
                need("uriBaseId" in loc or re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", loc["uri"]),
                     where, "a base URI without uriBaseId must be absolute")
                need(loc["uri"].endswith("/"), where, "a base URI must end with '/'")
        artifacts(run, where, set(bases))
        results = run.get("results", [])
        need(isinstance(results, list), where, "results must be an array")
        for i, r in enumerate(results):
            result(r, "%s.results[%d]" % (where, i), rules, run, set(bases))


def self_test():
    """The validator itself must catch what it claims to catch."""
    good = {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "t", "rules": [
        {"id": "a"}]}}, "results": [{"ruleId": "a", "ruleIndex": 0, "message": {"text": "m"}}]}]}
    validate(good)
    broken = [
        lambda l: l.update(version="2.0.0"),
        lambda l: l["runs"][0]["results"][0].update(ruleIndex=1),
        lambda l: l["runs"][0]["results"][0].update(ruleId="b"),
        lambda l: l["runs"][0]["results"][0].update(level="fatal"),
        lambda l: l["runs"][0]["results"][0].pop("message"),
        lambda l: l["runs"][0]["results"][0].update(locations=[{"physicalLocation": {
            "artifactLocation": {"uri": "a b"}}}]),
        lambda l: l["runs"][0]["results"][0].update(locations=[{"physicalLocation": {
            "artifactLocation": {"uri": "a"}, "region": {"startLine": 0}}}]),
        lambda l: l["runs"][0]["results"][0].update(locations=[{"physicalLocation": {
            "artifactLocation": {"uri": "a", "index": 0}}}]),
        lambda l: l["runs"][0]["tool"]["driver"]["rules"].append({"id": "a"}),
        lambda l: l["runs"][0]["tool"]["driver"].update(shortDescripton={"text": "x"}),
        lambda l: l["runs"][0].update(artifacts=[{"hashes": {"sha-256": "ABC"}}]),
    ]
    for n, breakit in enumerate(broken):
        log = json.loads(json.dumps(good))
        breakit(log)
        try:
            validate(log)
        except Invalid:
            continue
        raise SystemExit("validator self-test %d: a broken log passed" % n)


def main():
    self_test()
    build = os.environ.get("top_builddir", ".")
    prog = os.path.join(build, "tests", "unit", "runner")
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, TRO_TEST_SARIF_DIR=tmp)
        run = subprocess.run([prog, "report/sarif"], stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT, env=env)
        sys.stdout.write(run.stdout.decode("utf-8", "replace"))
        if run.returncode != 0:
            print("report/sarif failed with status %d" % run.returncode)
            return 1
        names = sorted(n for n in os.listdir(tmp) if n.endswith(".sarif"))
        if len(names) < 4:
            print("expected at least 4 SARIF logs, found %s" % names)
            return 1
        failed = 0
        for name in names:
            with open(os.path.join(tmp, name), "rb") as f:
                raw = f.read()
            try:
                log = json.loads(raw.decode("utf-8"))
                validate(log)
                print("%s: valid SARIF 2.1.0 (%d results, %d rules)" % (
                    name, len(log["runs"][0].get("results", [])),
                    len(log["runs"][0]["tool"]["driver"].get("rules", []))))
            except (Invalid, ValueError) as e:
                print("%s: INVALID: %s" % (name, e))
                failed += 1
        return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
