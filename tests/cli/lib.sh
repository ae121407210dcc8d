# SPDX-FileCopyrightText: The trulyopen authors
# SPDX-License-Identifier: Apache-2.0
# Shared by the CLI tests: a scratch folder, and checks that count failures.
# Usage: . "$top_srcdir/tests/cli/lib.sh" at the top of a test.
set -u
: "${TRULYOPEN:?}" "${top_srcdir:?}"
T=$(mktemp -d "${TMPDIR:-/tmp}/trocli.XXXXXX")
trap 'rm -rf "$T"' EXIT
failures=0
checks=0

fail() {
    failures=$((failures + 1))
    echo "FAIL: $*" >&2
}

# run EXPECTED_STATUS CMD...: runs CMD with stdout in $T/out, stderr in
# $T/err, and checks the exit status.
run() {
    want=$1
    shift
    checks=$((checks + 1))
    "$@" >"$T/out" 2>"$T/err"
    got=$?
    if [ "$got" -ne "$want" ]; then
        fail "exit $got, expected $want: $*"
        sed 's/^/  stderr: /' "$T/err" >&2
    fi
}

# has FILE TEXT: FILE contains the fixed string TEXT.
has() {
    checks=$((checks + 1))
    grep -qF -- "$2" "$1" || { fail "$1 lacks: $2"; sed 's/^/  | /' "$1" | head -n 20 >&2; }
}

# lacks FILE TEXT
lacks() {
    checks=$((checks + 1))
    ! grep -qF -- "$2" "$1" || fail "$1 should not contain: $2"
}

# same FILE1 FILE2: byte-identical.
same() {
    checks=$((checks + 1))
    cmp -s "$1" "$2" || { fail "$1 and $2 differ"; diff "$1" "$2" | head -n 20 >&2; }
}

# lines FILE N: exactly N lines.
lines() {
    checks=$((checks + 1))
    n=$(wc -l <"$1")
    [ "$n" -eq "$2" ] || { fail "$1 has $n lines, expected $2"; sed 's/^/  | /' "$1" >&2; }
}

finish() {
    echo "$(basename "$0"): $checks checks, $failures failed"
    [ "$failures" -eq 0 ]
    exit $?
}

sha256_of() {
    sha256sum "$1" | cut -d' ' -f1
}
