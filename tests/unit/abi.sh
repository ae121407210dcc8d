#!/bin/sh
# SPDX-FileCopyrightText: The trulyopen authors
# SPDX-License-Identifier: Apache-2.0
# The binary interface of the public headers has not changed incompatibly
# since tests/unit/abi.txt was recorded (tests/unit/abi_list.py says what is
# compared). Then the comparison itself is tested on altered copies of the
# headers: an enum value changed, a member moved and a prototype changed
# must fail; an enum constant added and an options struct grown with its
# version must not.
set -u
: "${top_srcdir:?}"
CC=${CC:-cc}
PYTHON3=${PYTHON3:-python3}
command -v "$PYTHON3" >/dev/null 2>&1 || { echo "abi: no python3: skip"; exit 77; }
T=$(mktemp -d "${TMPDIR:-/tmp}/troabi.XXXXXX")
trap 'rm -rf "$T"' EXIT
abi() { "$PYTHON3" "$top_srcdir/tests/unit/abi_list.py" "$@"; }
status=0
abi compare "$top_srcdir" "$CC" "$top_srcdir/tests/unit/abi.txt" || {
    echo "FAIL: the interface changed incompatibly; if that is meant, raise the"
    echo "      -version-info as configure.ac says and run make abi-update"
    status=1
}

# expect STATUS WHAT SED-SCRIPT FILE: the headers altered so give STATUS.
expect() {
    rm -rf "$T/top" && mkdir -p "$T/top" && cp -R "$top_srcdir/include" "$T/top/"
    sed -i -e "$3" "$T/top/include/trulyopen/$4"
    if cmp -s "$T/top/include/trulyopen/$4" "$top_srcdir/include/trulyopen/$4"; then
        echo "FAIL: the alteration '$2' did not apply"; status=1; return
    fi
    abi compare "$T/top" "$CC" "$T/recorded" >"$T/out" 2>&1
    got=$?
    if [ "$got" -ne "$1" ]; then
        echo "FAIL: $2: exit $got, expected $1"; sed 's/^/  | /' "$T/out"; status=1
    fi
}
abi record "$top_srcdir" "$CC" "$T/recorded" >/dev/null || exit 1
expect 1 "an enum value changed" 's/TRO_EIO = -3/TRO_EIO = -30/' common.h
expect 1 "a member moved" 's/    int code;            \/\*\*< same/    int64_t pad; int code; \/\*\*< same/' common.h
expect 1 "a parameter type changed" 's/TRO_API int tro_ctx_new(tro_ctx \*\*out/TRO_API int tro_ctx_new(tro_ctx **out, int extra/' ctx.h
expect 1 "a function removed" '/^TRO_API size_t tro_report_to_pass_count/d' report.h
expect 0 "an enum constant added" 's/TRO_FORMAT_SHIELDS = 8 /TRO_FORMAT_SHIELDS = 8, TRO_FORMAT_SBOM = 9 /' report.h
expect 0 "an options struct grown with its version" \
    's/#define TRO_RENDER_OPTIONS_VERSION 2/#define TRO_RENDER_OPTIONS_VERSION 3/; s/    int64_t created;/&\n    void *more;/' report.h
expect 1 "an options struct grown without its version" \
    's/    int64_t created;/&\n    void *more;/' report.h
[ $status -eq 0 ] && echo "abi: compatible with tests/unit/abi.txt; the comparison tested on 7 alterations"
exit $status
