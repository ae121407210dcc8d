#!/bin/sh
# SPDX-FileCopyrightText: The trulyopen authors
# SPDX-License-Identifier: Apache-2.0
# Waivers from the command line: a policy whose waiver accepts the licence
# laundering of examples/releases/restricted-finetune turns its exit status
# from 1 into 0, with the waiver shown in every format; once the waiver has
# expired the finding counts again (exit 1) and the expiry is a warning.
# Dates are written relative to today, so that the test holds every day.
. "$top_srcdir/tests/cli/lib.sh"
release=$top_srcdir/examples/releases/restricted-finetune
catalog=$top_srcdir/examples/catalog
day() { date -u -d "@$(($(date -u +%s) + $1 * 86400))" +%Y-%m-%d; }

policy() { # policy EXPIRES [EXTRA-WAIVER-KEYS]
    cat >"$T/policy.json" <<JSON
{"format_version": 1, "require_truly_open": false,
 "criteria": {"method_transparency": "pass"},
 "waivers": [{"code": "license-laundering", "path": "README.md",
              "release": "restricted-finetune", "reason": "agreed with the licensor, LR-2041",
              "expires": "$1"${2:-}}]}
JSON
}

# Without the waiver the error fails the gate.
run 1 "$TRULYOPEN" check -q --catalog "$catalog" --policy "$top_srcdir/examples/policies/default.json" "$release"
policy "$(day 1)" ', "release": "other-model"'
sed -i 's/"release": "restricted-finetune", //' "$T/policy.json"
run 1 "$TRULYOPEN" check -q --catalog "$catalog" --policy "$T/policy.json" "$release"
has "$T/out" "finding license-laundering (error) in README.md"

# In force: exit 0, and the waiver is shown.
policy "$(day 0)"
run 0 "$TRULYOPEN" check -q --catalog "$catalog" --policy "$T/policy.json" "$release" \
    --output-json "$T/r.json" --output-sarif "$T/r.sarif"
has "$T/out" "error license-laundering"
has "$T/out" "waived: agreed with the licensor, LR-2041"
has "$T/out" "Policy: met"
has "$T/r.json" '"waived": true'
has "$T/r.json" '"waiver": "agreed with the licensor, LR-2041"'
has "$T/r.sarif" '"justification": "agreed with the licensor, LR-2041"'
has "$T/r.sarif" '"kind": "external"'
# the example policy of examples/policies/ does the same
run 0 "$TRULYOPEN" check -q --catalog "$catalog" --policy "$top_srcdir/examples/policies/waiver.json" "$release"
has "$T/out" "waived: Relicensing agreed"

# Expired yesterday: exit 1, the finding is no longer waived, the waiver is a warning.
policy "$(day -1)"
run 1 "$TRULYOPEN" check -q --catalog "$catalog" --policy "$T/policy.json" "$release" -f json
has "$T/out" '"code": "waiver-expired"'
has "$T/out" "expired on $(day -1)"
lacks "$T/out" '"waived": true'
has "$T/out" "finding license-laundering (error) in README.md"

# A malformed waiver is a usage error naming where it is.
policy "2026-02-30"
run 2 "$TRULYOPEN" check -q --catalog "$catalog" --policy "$T/policy.json" "$release"
has "$T/err" 'waivers[0].expires: "2026-02-30" is not a date written YYYY-MM-DD'
finish
