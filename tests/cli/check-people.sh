#!/bin/sh
# SPDX-FileCopyrightText: The trulyopen authors
# SPDX-License-Identifier: Apache-2.0
# trulyopen check --format html|markdown|badge-svg|shields, --fragment, and
# trulyopen badge: what each writes, the exit status (the check's for
# check, 0 for a badge written), the options each format refuses, the
# mode of a file written with -o, and these formats among the other
# outputs of one check (--report, --output-FMT).
. "$top_srcdir/tests/cli/lib.sh"
rel=$top_srcdir/examples/releases
cat=$top_srcdir/examples/catalog
umask 022

run 0 "$TRULYOPEN" check -c "$cat" -f html "$rel/open-model"
has "$T/out" '<!DOCTYPE html>'
has "$T/out" '<h1>Truly open</h1>'
has "$T/out" "Content-Security-Policy"
lacks "$T/out" '<script'
run 1 "$TRULYOPEN" check -c "$cat" -f html -o "$T/report.html" "$rel/restricted-finetune"
lines "$T/out" 0
has "$T/report.html" '<h1>Not truly open</h1>'
has "$T/report.html" 'license-laundering'
has "$T/report.html" 'meta-llama/Llama-2-7b-hf'
checks=$((checks + 1))
[ "$(stat -c %a "$T/report.html")" = 644 ] || fail "report.html has mode $(stat -c %a "$T/report.html")"
run 1 "$TRULYOPEN" check -c "$cat" -f html --fragment --no-artifacts "$rel/restricted-finetune"
lacks "$T/out" '<!DOCTYPE'
lacks "$T/out" '<body'
lacks "$T/out" 'id="tro-art-'
has "$T/out" '<div class="tro-report">'
run 1 "$TRULYOPEN" check -c "$cat" -f markdown "$rel/restricted-finetune"
has "$T/out" '## ✗ Not truly open: '
has "$T/out" '| Use freedom | ✗ **fail** |'
has "$T/out" '<details>'
run 0 "$TRULYOPEN" check -c "$cat" -f shields --compact "$rel/open-model"
lines "$T/out" 1
has "$T/out" '{"schemaVersion":1,"label":"trulyopen","message":"truly open","color":"brightgreen"}'
run 1 "$TRULYOPEN" check -c "$cat" -f badge-svg "$rel/restricted-finetune"
has "$T/out" '<title>trulyopen: not truly open: use ✗ method ✓ data ~</title>'

# options a format does not have, and formats that do not exist
run 2 "$TRULYOPEN" check --fragment "$rel/open-model"
has "$T/err" "--fragment applies to --format html"
run 2 "$TRULYOPEN" check -f markdown --fragment "$rel/open-model"
has "$T/err" "--fragment applies to --format html"
run 2 "$TRULYOPEN" check -f html --compact "$rel/open-model"
has "$T/err" "--compact applies to --format json, sarif, cyclonedx, spdx and shields"
run 2 "$TRULYOPEN" check -f pdf "$rel/open-model"
has "$T/err" "expected text, json, sarif, cyclonedx, spdx, html, markdown, badge-svg or shields, got 'pdf'"

# one scan, several outputs (--report, --output-FMT): the bills of materials
# and the formats for people side by side, each flag given to the outputs
# whose format has it
run 1 "$TRULYOPEN" check -c "$cat" -f json --compact --fragment --no-artifacts \
    --report html="$T/m.html" --output-markdown "$T/m.md" --output-shields "$T/m.json" \
    --output-cyclonedx "$T/m.cdx.json" --report badge-svg="$T/m.svg" "$rel/restricted-finetune"
lines "$T/out" 1
has "$T/out" '"verdict":"not-truly-open"'
has "$T/m.html" '<div class="tro-report">'
lacks "$T/m.html" '<!DOCTYPE'
lacks "$T/m.html" 'id="tro-art-'
has "$T/m.md" '| Use freedom | ✗ **fail** |'
lines "$T/m.json" 1
has "$T/m.json" '"message":"not truly open: use ✗ method ✓ data ~"'
lines "$T/m.cdx.json" 1
has "$T/m.cdx.json" '"bomFormat":"CycloneDX"'
lacks "$T/m.cdx.json" '"hashes"'
has "$T/m.svg" '<title>trulyopen: not truly open: use ✗ method ✓ data ~</title>'
# text takes none of --compact: the flag goes to the report that has it
run 0 "$TRULYOPEN" check -c "$cat" --compact --report shields="$T/s.json" "$rel/open-model"
lines "$T/s.json" 1
has "$T/out" 'truly-open'
run 2 "$TRULYOPEN" check --fragment --report markdown="$T/x.md" --output-spdx "$T/x.spdx" "$rel/open-model"
has "$T/err" "--fragment applies to --format html"
run 2 "$TRULYOPEN" check --report pdf="$T/x.pdf" "$rel/open-model"
has "$T/err" "check: --report: expected text, json, sarif, cyclonedx, spdx, html, markdown, badge-svg or shields, got 'pdf'"

# trulyopen badge: 0 whenever the badge is written, whatever the verdict
run 0 "$TRULYOPEN" badge -c "$cat" "$rel/restricted-finetune"
has "$T/out" '<svg xmlns="http://www.w3.org/2000/svg"'
has "$T/out" 'not truly open: use ✗ method ✓ data ~'
run 0 "$TRULYOPEN" badge -c "$cat" -o "$T/badge.svg" "$rel/open-model"
has "$T/badge.svg" '<title>trulyopen: truly open</title>'
checks=$((checks + 1))
[ "$(stat -c %a "$T/badge.svg")" = 644 ] || fail "badge.svg has mode $(stat -c %a "$T/badge.svg")"
run 0 "$TRULYOPEN" badge --shields "$rel/restricted-finetune"
has "$T/out" '"message": "not truly open: use ✗ method ✓ data ~"'
has "$T/out" '"color": "red"'
run 0 "$TRULYOPEN" badge --help
has "$T/out" "Usage: trulyopen badge [OPTIONS] PATH"
run 2 "$TRULYOPEN" badge
has "$T/err" "badge: expected one PATH"
run 2 "$TRULYOPEN" badge --compact "$rel/open-model"
has "$T/err" "badge: unknown option '--compact'"
run 2 "$TRULYOPEN" badge "$T/absent"
run 2 "$TRULYOPEN" badge -c "$T/absent" "$rel/open-model"
run 0 "$TRULYOPEN" --help
has "$T/out" "badge"
finish
