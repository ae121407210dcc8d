#!/usr/bin/env bash
# SPDX-FileCopyrightText: The trulyopen authors
# SPDX-License-Identifier: Apache-2.0
# The steps of the GitHub Actions composite action (action.yml at the top of
# the repository), in a script so that they run, and are tested, without
# GitHub (tests/supply/action.sh).
#
#   action.sh key                  print the cache key of a trulyopen build:
#                                  the runner's OS and a digest of the sources
#   action.sh install              install the Debian/Ubuntu build packages
#   action.sh build PREFIX         build and install trulyopen into PREFIX
#   action.sh run                  gate the release: inputs from INPUT_*
#                                  variables (INPUT_RELEASE, INPUT_POLICY,
#                                  INPUT_CATALOG, INPUT_SARIF, INPUT_JSON,
#                                  INPUT_CYCLONEDX, INPUT_NO_HASH), outputs
#                                  (status, sarif, report, category) appended
#                                  to $GITHUB_OUTPUT
# The source folder is this script's parent (GITHUB_ACTION_PATH in a job).
set -u
src=$(cd -- "$(dirname -- "$0")/.." && pwd)

die() {
    echo "trulyopen action: $*" >&2
    exit 2
}

key() {
    # what the build is made from: the sources git would ship, not build products
    digest=$(cd "$src" && find . -path ./.git -prune -o -type f \( -name '*.[ch]' -o -name '*.am' \
        -o -name '*.mk' -o -name '*.ac' -o -name '*.tsv' -o -name '*.py' -o -name bootstrap \
        -o -name '*.in' -o -name '*.awk' \) -print | LC_ALL=C sort | xargs -d '\n' sha256sum |
        sha256sum | cut -c1-16)
    echo "trulyopen-${RUNNER_OS:-$(uname -s)}-$digest"
}

install() {
    sudo=
    [ "$(id -u)" -eq 0 ] || sudo=sudo
    $sudo apt-get update -qq &&
        DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
            build-essential autoconf automake libtool pkg-config \
            libjansson-dev libarchive-dev libssl-dev libyaml-dev
}

build() {
    prefix=${1:?PREFIX}
    work=$(mktemp -d "${RUNNER_TEMP:-${TMPDIR:-/tmp}}/trulyopen-build.XXXXXX")
    # out of the source folder: the action's copy stays as it came
    (cd "$src" && tar cf - --exclude=.git .) | (cd "$work" && tar xf -) &&
        (cd "$work" && ./bootstrap && ./configure --prefix="$prefix" --disable-static &&
            make -j"$(nproc)" && make install) || die "the build failed"
    rm -rf "$work"
}

run() {
    release=${INPUT_RELEASE:-.}
    out=${RUNNER_TEMP:-${TMPDIR:-/tmp}}
    sarif=${INPUT_SARIF:-$out/trulyopen.sarif}
    json=${INPUT_JSON:-$out/trulyopen-report.json}
    gate=${TRULYOPEN_GATE:-$(command -v trulyopen-gate || echo "$src/examples/ci-gate/trulyopen-gate.sh")}
    set -- --sarif "$sarif" --json "$json"
    [ -n "${INPUT_POLICY:-}" ] && set -- "$@" --policy "$INPUT_POLICY"
    [ -n "${INPUT_CATALOG:-}" ] && set -- "$@" --catalog "$INPUT_CATALOG"
    [ -n "${INPUT_CYCLONEDX:-}" ] && set -- "$@" --cyclonedx "$INPUT_CYCLONEDX"
    [ "${INPUT_NO_HASH:-false}" = true ] && set -- "$@" --no-hash
    status=0
    bash "$gate" "$@" "$release" || status=$?
    # the category SARIF is uploaded under: one per release folder
    category=trulyopen/$(printf '%s' "$release" | sed 's|^\./||; s|/*$||')
    {
        echo "status=$status"
        [ -s "$sarif" ] && echo "sarif=$sarif"
        [ -s "$json" ] && echo "report=$json"
        echo "category=$category"
    } >>"${GITHUB_OUTPUT:-/dev/stdout}"
    return 0 # the action's last step fails the job, after the upload
}

case ${1:-} in
key) key ;;
install) install ;;
build) shift; build "$@" ;;
run) run ;;
*) sed -n '/^# The steps/,/^set -u/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 2 ;;
esac
