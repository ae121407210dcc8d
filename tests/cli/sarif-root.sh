#!/bin/sh
# SPDX-FileCopyrightText: The trulyopen authors
# SPDX-License-Identifier: Apache-2.0
# SARIF for a release in a folder of a repository (models/foo): with
# --sarif-root the locations name the files from the repository's root,
# which SRCROOT names as a file: URI; the run's category is the release's
# folder, so two releases keep their alerts apart; fingerprints do not
# change between runs. A release outside the root is a usage error.
. "$top_srcdir/tests/cli/lib.sh"
command -v python3 >/dev/null 2>&1 || { echo "sarif-root: no python3: skip"; exit 77; }
repo=$T/repo
mkdir -p "$repo/models"
cp -R "$top_srcdir/examples/releases/restricted-finetune" "$repo/models/foo"
cp -R "$top_srcdir/examples/releases/open-model" "$repo/models/bar"
catalog=$top_srcdir/examples/catalog

(cd "$repo" && "$TRULYOPEN" check -q --catalog "$catalog" --sarif-root . models/foo \
    --output-sarif "$T/foo.sarif" >/dev/null)
status=$?
checks=$((checks + 1))
[ $status -eq 1 ] || fail "check models/foo: exit $status, expected 1"
run 1 "$TRULYOPEN" check -q --catalog "$catalog" --sarif-root "$repo" "$repo/models/foo/" \
    -f sarif -o "$T/foo2.sarif"
run 0 "$TRULYOPEN" check -q --catalog "$catalog" --sarif-root "$repo" "$repo/models/bar" \
    -f sarif -o "$T/bar.sarif"

checks=$((checks + 1))
python3 - "$repo" "$T/foo.sarif" "$T/bar.sarif" "$T/foo2.sarif" <<'PY' || fail "SARIF locations"
import json, os, sys, urllib.parse
repo, foo, bar, foo2 = sys.argv[1:5]
bad = []
# the same alerts whichever way the paths are written
a, b = (json.load(open(p))["runs"][0] for p in (foo, foo2))
for key in ("results", "artifacts", "automationDetails", "originalUriBaseIds"):
    if a[key] != b[key]:
        bad.append(f"{key} differ between two spellings of the paths")
for path, category in ((foo, "trulyopen/models/foo/"), (bar, "trulyopen/models/bar/")):
    run = json.load(open(path))["runs"][0]
    root = run["originalUriBaseIds"]["SRCROOT"]["uri"]
    if root != "file://" + urllib.parse.quote(os.path.realpath(repo)) + "/":
        bad.append(f"SRCROOT {root}")
    if run["automationDetails"]["id"] != category:
        bad.append(f"category {run['automationDetails']['id']}")
    locs = [l["physicalLocation"]["artifactLocation"] for r in run["results"]
            for l in r["locations"] + r.get("relatedLocations", [])]
    locs += [a["location"] for a in run["artifacts"]]
    for l in locs:
        f = os.path.join(repo, urllib.parse.unquote(l["uri"]))
        if l.get("uriBaseId") != "SRCROOT" or not os.path.isfile(f):
            bad.append(f"{path}: {l['uri']} is not a file of the repository")
    fps = [r["partialFingerprints"]["trulyopen/v1"] for r in run["results"]]
    if len(set(fps)) != len(fps):
        bad.append("fingerprints repeat")
run = json.load(open(foo))["runs"][0]
# one result per problem: the laundering error once, not again as a policy failure
if [r["ruleId"] for r in run["results"]].count("license-laundering") != 1 or \
        any(r["ruleId"] == "policy" for r in run["results"]):
    bad.append("a problem reported twice")
if "models/foo/README.md" not in {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                                  for r in run["results"]}:
    bad.append("no result at models/foo/README.md")
print("\n".join(bad))
sys.exit(1 if bad else 0)
PY

# Without --sarif-root: relative to the release itself, no folder prefix.
run 1 "$TRULYOPEN" check -q --catalog "$catalog" "$repo/models/foo" -f sarif
has "$T/out" '"uri": "README.md"'
# A release outside the root.
run 2 "$TRULYOPEN" check -q --sarif-root "$repo/models/bar" "$repo/models/foo" -f sarif
has "$T/err" "the release is not inside"
finish
