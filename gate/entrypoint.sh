#!/bin/sh
# SPDX-FileCopyrightText: The trulyopen authors
# SPDX-License-Identifier: Apache-2.0
# Entry point of the container image (Containerfile): the image is the CLI.
#   IMAGE check|hash|verify|attest|inspect|license ...   trulyopen COMMAND ...
#   IMAGE gate [OPTIONS] RELEASE                         trulyopen-gate ...
#   IMAGE PATH [OPTIONS]                                 trulyopen check PATH ...
#   IMAGE (nothing), --help, --version                   trulyopen's own
# Mount the release, e.g. podman run --rm -v "$PWD:/work:ro" IMAGE check /work
set -u
trulyopen=${TRULYOPEN:-trulyopen}
gate=${TRULYOPEN_GATE:-trulyopen-gate}
[ $# -gt 0 ] || exec "$trulyopen" --help
case $1 in
check | hash | verify | attest | inspect | license | help | -h | --help | -V | --version)
    exec "$trulyopen" "$@" ;;
gate)
    shift
    exec "$gate" "$@" ;;
-*)
    echo "trulyopen-entrypoint: unknown option '$1' (try --help)" >&2
    exit 2 ;;
*)
    if [ -e "$1" ]; then
        exec "$trulyopen" check "$@"
    fi
    echo "trulyopen-entrypoint: '$1' is neither a command nor a path (try --help)" >&2
    exit 2 ;;
esac
