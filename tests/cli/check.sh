#!/bin/sh
# SPDX-FileCopyrightText: The trulyopen authors
# SPDX-License-Identifier: Apache-2.0
# trulyopen check: verdicts, exit statuses, JSON and text reports.
. "$top_srcdir/tests/cli/lib.sh"
PY=${PYTHON3:-python3}
ex="$top_srcdir/examples"

# The README's main command: the bundled open example is truly open.
run 0 "$TRULYOPEN" check --catalog "$ex/catalog" "$ex/releases/open-model"
head -n 1 "$T/out" >"$T/first"
has "$T/first" 'truly-open'
lacks "$T/first" 'not-truly-open'
lacks "$T/out" "$(printf '\033')"   # not a terminal: no colours
has "$T/out" 'use freedom'
has "$T/out" 'method transparency'
has "$T/out" 'data access'
has "$T/out" 'wikimedia/wikipedia'

# The relabelled fine-tune is not, with or without the catalog.
run 1 "$TRULYOPEN" check --catalog "$ex/catalog" "$ex/releases/restricted-finetune"
has "$T/out" 'not-truly-open'
has "$T/out" 'license-laundering'
has "$T/out" 'To pass:'
run 1 "$TRULYOPEN" check "$ex/releases/restricted-finetune"
has "$T/out" 'built-in knowledge'

# Without the catalog the built-in table knows the open example's dataset.
run 0 "$TRULYOPEN" check -f json "$ex/releases/open-model"
has "$T/out" '"source": "builtin"'

# A dataset that neither a catalog nor the table knows is unresolved: exit 1.
priv="$T/private-data"
mkdir -p "$priv"
cp "$ex/releases/open-model/"* "$priv/"
sed 's|wikimedia/wikipedia|example-org/private-corpus|g' "$ex/releases/open-model/README.md" \
    >"$priv/README.md"
run 1 "$TRULYOPEN" check "$priv"
has "$T/out" 'dataset-unresolved'
has "$T/out" 'example-org/private-corpus'

# JSON: the documented document, keys in order, one trailing newline.
run 0 "$TRULYOPEN" check -f json -c "$ex/catalog" "$ex/releases/open-model"
"$PY" - "$T/out" "$ex/releases/open-model" <<'PYEOF' || fail "JSON report"
import hashlib, json, os, sys
text = open(sys.argv[1]).read()
assert text.endswith("}\n") and not text.endswith("\n\n"), "one trailing newline"
doc = json.loads(text)
assert list(doc) == ["format", "format_version", "tool", "release", "verdict", "criteria",
                     "licenses", "artifacts", "findings", "lineage", "datasets", "mof",
                     "to_pass", "policy"], list(doc)
assert doc["policy"] == {"passed": True, "failures": []}, doc["policy"]
assert doc["format"] == "trulyopen-report" and doc["format_version"] == 1
assert doc["verdict"] == "truly-open"
assert list(doc["criteria"]) == ["use_freedom", "method_transparency", "data_access"]
for c in doc["criteria"].values():
    assert c["status"] == "pass" and c["evidence"] and list(c) == ["status", "evidence", "reasons"]
    for e in c["evidence"]:
        assert list(e)[:3] == ["kind", "text", "path"], e
for a in doc["artifacts"]:
    data = open(os.path.join(sys.argv[2], a["path"]), "rb").read()
    assert a["sha256"] == hashlib.sha256(data).hexdigest() and a["size"] == len(data)
assert doc["release"]["card"] == "README.md"
assert doc["mof"]["class"] is None and "Model card" in doc["mof"]["evidence_components"]
assert doc["to_pass"] == []
lic = doc["licenses"][0]
assert list(lic) == ["source", "path", "statement", "expression", "category", "known", "free",
                     "free_for_data", "reason"], list(lic)
PYEOF

# --no-hash, -o FILE (nothing on stdout), -j, -q
run 0 "$TRULYOPEN" check --no-hash -j 2 -q -f json -o "$T/rep.json" -c "$ex/catalog" "$ex/releases/open-model"
lines "$T/out" 0
"$PY" -c 'import json,sys; d=json.load(open(sys.argv[1])); assert all(a["sha256"] is None for a in d["artifacts"])' \
    "$T/rep.json" || fail "--no-hash still hashed"

# A single card file, and a tarball of the release.
run 1 "$TRULYOPEN" check "$ex/releases/restricted-finetune/README.md"
has "$T/out" 'license-laundering'
(cd "$ex/releases" && tar czf "$T/open-model.tar.gz" open-model)
run 0 "$TRULYOPEN" check -c "$ex/catalog" "$T/open-model.tar.gz"
has "$T/out" 'truly-open'

# Colours: only on a terminal (script(1) gives one) and never with NO_COLOR.
if command -v script >/dev/null 2>&1; then
    script -qec "\"$TRULYOPEN\" check -c \"$ex/catalog\" \"$ex/releases/open-model\"" /dev/null >"$T/tty" 2>&1
    has "$T/tty" "$(printf '\033[32m')"
    NO_COLOR=1 script -qec "\"$TRULYOPEN\" check -c \"$ex/catalog\" \"$ex/releases/open-model\"" /dev/null >"$T/tty" 2>&1
    lacks "$T/tty" "$(printf '\033[')"
fi

# Usage errors and unreadable input: exit 2.
run 2 "$TRULYOPEN" check
has "$T/err" 'expected one PATH'
run 2 "$TRULYOPEN" check a b
run 2 "$TRULYOPEN" check --format xml "$ex/releases/open-model"
has "$T/err" 'expected text, json, sarif, cyclonedx, spdx, html, markdown, badge-svg or shields'

# SARIF 2.1.0: the failed criteria and findings of a restricted release
run 1 "$TRULYOPEN" check --format sarif -c "$ex/catalog" "$ex/releases/restricted-finetune"
"$PY" - "$T/out" <<'PYEOF' || fail "SARIF report"
import json, sys
log = json.load(open(sys.argv[1]))
assert log["version"] == "2.1.0"
run = log["runs"][0]
assert run["tool"]["driver"]["name"] == "trulyopen"
ids = {r["ruleId"] for r in run["results"]}
assert "license-laundering" in ids, ids
assert any(i.startswith("criterion/") for i in ids), ids
PYEOF

# Policies: a file that requires less passes the restricted release; a
# malformed one is a usage error naming the file and the byte.
cat >"$T/lenient.json" <<'JSON'
{"format_version": 1, "criteria": {"method_transparency": "partial"},
 "fail_on_severity": "none"}
JSON
run 0 "$TRULYOPEN" check --policy "$T/lenient.json" -c "$ex/catalog" "$ex/releases/restricted-finetune"
has "$T/out" 'Policy: met'
printf '{"format_version": 1, "criteria": {"data_access": "pass"}}' >"$T/data.json"
run 1 "$TRULYOPEN" check --policy "$T/data.json" "$priv"
has "$T/out" 'Policy: not met'
run 0 "$TRULYOPEN" check --policy "$T/data.json" -c "$ex/catalog" "$ex/releases/open-model"
printf '{"format_version": 1, "criteria": {"use_freedom": "great"}}' >"$T/bad.json"
run 2 "$TRULYOPEN" check --policy "$T/bad.json" "$ex/releases/open-model"
has "$T/err" "trulyopen: $T/bad.json: policy:"
has "$T/err" 'byte'
run 2 "$TRULYOPEN" check --policy "$T/missing.json" "$ex/releases/open-model"
has "$T/err" 'missing.json: cannot open'
run 2 "$TRULYOPEN" check --bogus "$ex/releases/open-model"
run 2 "$TRULYOPEN" check --catalog
run 2 "$TRULYOPEN" check "$T/does-not-exist"
run 2 "$TRULYOPEN" check --catalog "$T/no-catalog" "$ex/releases/open-model"
has "$T/err" 'no-catalog'
run 2 "$TRULYOPEN" check --catalog "$ex/releases/open-model/README.md" "$ex/releases/open-model"
has "$T/err" 'must be a folder'
run 2 "$TRULYOPEN" check --max-depth 0 "$ex/releases/open-model"
run 2 "$TRULYOPEN" check -o "$T/no/such/dir/out.json" "$ex/releases/open-model"

# Help: the formats, the exit statuses; listed by trulyopen --help.
run 0 "$TRULYOPEN" check --help
has "$T/out" 'text (default'
has "$T/out" 'json'
has "$T/out" 'Exit status: 0'
run 0 "$TRULYOPEN" --help
has "$T/out" 'check'

finish
