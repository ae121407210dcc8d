#!/bin/sh
# examples/registry_ingest: every upload gets the verdict, statuses and policy
# outcome its card calls for (resolved from the program's own store), the
# program exits 0, and the output does not depend on the number of threads.
. "$top_srcdir/tests/cli/lib.sh"
prog=$top_builddir/examples/registry_ingest

cat >"$T/want" <<'WANT'
{"id":"alice/open-7b","verdict":"truly-open","use_freedom":"pass","method_transparency":"pass","data_access":"pass","policy":"accepted"}
{"id":"bob/llama-mit","verdict":"not-truly-open","use_freedom":"fail","method_transparency":"pass","data_access":"partial","policy":"rejected"}
{"id":"carol/nc-captioner","verdict":"not-truly-open","use_freedom":"pass","method_transparency":"pass","data_access":"fail","policy":"rejected"}
{"id":"dave/open-base-ft","verdict":"truly-open","use_freedom":"pass","method_transparency":"pass","data_access":"pass","policy":"accepted"}
{"id":"erin/mystery-data","verdict":"not-truly-open","use_freedom":"pass","method_transparency":"pass","data_access":"unknown","policy":"accepted"}
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
# The stored reports are the full JSON documents, policy outcome included.
mkdir "$T/store"
run 0 "$prog" 2 "$T/store"
same "$T/out" "$T/want"
has "$T/store/0.json" '"format": "trulyopen-report"'
has "$T/store/0.json" '"sha256": "a06ccadd01057a4ceb1433dfacf4f1fdee9afa1ad6b953de1ef1337ef938fe8f"'
has "$T/store/0.json" '"passed": true'
has "$T/store/1.json" '"code": "license-laundering"'
has "$T/store/1.json" '"passed": false'
has "$T/store/2.json" '"code": "dataset-not-free"'
has "$T/store/4.json" '"code": "dataset-unresolved"'
run 1 "$prog" 1 "$T/no-such-dir"
has "$T/err" "cannot write a report"
run 2 "$prog" 0
has "$T/err" "usage:"
finish
