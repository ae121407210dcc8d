#!/bin/sh
# Hub references without any server: offline mode never touches the network
# and says what is missing; a library built without libcurl says so; bad
# references are usage errors. (The Hub itself is tested against a fake
# one in tests/hub.)
. "$top_srcdir/tests/cli/lib.sh"
export TRULYOPEN_CACHE="$T/cache" HF_HOME="$T/hf-home"
unset HF_TOKEN HF_HUB_CACHE HF_ENDPOINT XDG_CACHE_HOME
# a port nothing listens on: a request would fail, never leave the machine
HF_ENDPOINT=http://127.0.0.1:9
export HF_ENDPOINT

run 2 "$TRULYOPEN" check --offline hf://org/name
has "$T/err" "offline"
has "$T/err" "org/name"
HF_HUB_OFFLINE=1 run 2 "$TRULYOPEN" inspect hf://datasets/org/data@v1
has "$T/err" "revision 'v1'"
run 2 "$TRULYOPEN" check hf://org/na--me
has "$T/err" "not a repository id"
run 2 "$TRULYOPEN" check hf://spaces/org/app
has "$T/err" "Spaces"
run 2 "$TRULYOPEN" check --online --offline "$top_srcdir/examples/releases/open-model"
has "$T/err" "contradict"
HF_ENDPOINT=ftp://example run 2 "$TRULYOPEN" check hf://org/name
has "$T/err" "not an http or https URL"
if ! grep -q 'define TRO_HAVE_CURL 1' "$top_builddir/config.h"; then
    run 2 "$TRULYOPEN" check hf://org/name
    has "$T/err" "built without libcurl"
    # --online on a local release: its references stay unresolved, with why
    run 1 "$TRULYOPEN" check -f json --online "$top_srcdir/examples/releases/open-model"
    has "$T/out" "built without libcurl"
fi
echo "hub.sh: $checks checks, $failures failed"
[ "$failures" -eq 0 ]
