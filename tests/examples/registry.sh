#!/bin/sh
# SPDX-FileCopyrightText: The trulyopen authors
# SPDX-License-Identifier: Apache-2.0
# examples/registry_ingest: every upload gets the verdict, statuses and policy
# outcome its card calls for (resolved from the program's own store), the
# program exits 0, the output does not depend on the number of threads, and
# the rows it stores are read from the report's parts (no JSON).
. "$top_srcdir/tests/cli/lib.sh"
prog=$top_builddir/examples/registry_ingest

tab=$(printf '\t')
sed "s/|/$tab/g" >"$T/want" <<'WANT'
alice/open-7b|truly-open|pass|pass|pass|accepted
bob/llama-mit|not-truly-open|fail|pass|partial|rejected
carol/nc-captioner|not-truly-open|pass|pass|fail|rejected
dave/open-base-ft|truly-open|pass|pass|pass|accepted
erin/mystery-data|not-truly-open|pass|pass|unknown|accepted
WANT

for n in 1 4; do
    run 0 "$prog" "$n"
    cp "$T/out" "$T/out.$n"
    same "$T/out.$n" "$T/want"
    lines "$T/err" 0
done
same "$T/out.1" "$T/out.4"
# More threads than uploads: idle threads are harmless.
run 0 "$prog" 16
same "$T/out" "$T/want"
# The stored rows: licences, findings, lineage, datasets, artifacts with
# their SHA-256, and why a policy failed.
mkdir "$T/store"
run 0 "$prog" 2 "$T/store"
same "$T/out" "$T/want"
row() { has "$1" "$(printf '%s' "$2" | sed "s/|/$tab/g")"; }
row "$T/store/0.tsv" "license|card|README.md|Apache-2.0|permissive|free"
row "$T/store/0.tsv" "artifact|model.safetensors|safetensors|a06ccadd01057a4ceb1433dfacf4f1fdee9afa1ad6b953de1ef1337ef938fe8f"
row "$T/store/0.tsv" "dataset|wikimedia/wikipedia|resolver|CC-BY-SA-4.0|free"
lacks "$T/store/0.tsv" "policy$tab"
row "$T/store/1.tsv" "finding|error|license-laundering|README.md"
row "$T/store/1.tsv" "lineage|1|meta-llama/Llama-2-7b-hf|resolver|not-truly-open"
row "$T/store/1.tsv" "policy|"
row "$T/store/2.tsv" "finding|warning|dataset-not-free|"
row "$T/store/2.tsv" "dataset|acme/nc-captions|resolver|CC-BY-NC-4.0|not-free"
row "$T/store/3.tsv" "lineage|1|acme/open-base|resolver|truly-open"
row "$T/store/4.tsv" "finding|info|dataset-unresolved|"
row "$T/store/4.tsv" "dataset|nobody/secret-set|-|-|unknown"
lacks "$T/store/0.tsv" "{"
run 1 "$prog" 1 "$T/no-such-dir"
has "$T/err" "cannot write a report"
run 2 "$prog" 0
has "$T/err" "usage:"
finish
