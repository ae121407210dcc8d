#!/bin/sh
# SPDX-FileCopyrightText: The trulyopen authors
# SPDX-License-Identifier: Apache-2.0
# The EXAMPLES program of every section-3 page compiles without warnings,
# links against the library of the build tree, runs on the example release
# and prints what the page says it prints.
#
# A page may use functions the library does not export yet (the evaluation
# API of trulyopen/check.h, declared before it is implemented): such a page
# is only compiled, and the output says so. Only the pages in COMPILE_ONLY may
# do that; once the library has every function they call, they are linked
# and run like the others.
set -u
: "${top_srcdir:?}" "${top_builddir:?}"
CC=${CC:-cc}
NM=${NM:-nm}
LIBTOOL=${LIBTOOL:-$top_builddir/libtool}
COMPILE_ONLY="tro_check.3"
# Examples run offline: nothing here may reach the network.
HF_HUB_OFFLINE=1; export HF_HUB_OFFLINE
release=$top_srcdir/examples/releases/open-model

T=$(mktemp -d "${TMPDIR:-/tmp}/troman.XXXXXX")
trap 'rm -rf "$T"' EXIT
failures=0
checks=0
fail() { failures=$((failures + 1)); echo "FAIL: $*" >&2; }

# Exported symbols of the built library (shared, else static).
if [ -f "$top_builddir/.libs/libtrulyopen.so" ]; then
    $NM -D --defined-only "$top_builddir/.libs/libtrulyopen.so"
else
    $NM --defined-only "$top_builddir/.libs/libtrulyopen.a"
fi 2>/dev/null | awk '$2 ~ /^[TDBR]$/ {sub(/@.*/, "", $3); print $3}' | LC_ALL=C sort -u >"$T/exported"
if [ ! -s "$T/exported" ]; then
    echo "examples: no library in $top_builddir/.libs: skip"
    exit 77
fi

# The bundled catalog, in which the example release's dataset resolves.
catalog="$top_srcdir/examples/catalog"

# args PAGE: the arguments its example runs with; expect PAGE: lines its
# output must contain (one fixed string per line).
args() {
    case $1 in
    tro_license_classify.3) set -- "Apache-2.0 OR MIT" "llama3.1" "CC-BY-NC-4.0" ;;
    tro_check.3) set -- "$release" "$catalog" ;;
    tro_report_evidence.3) set -- "$release" "$catalog" ;;
    tro_report_lineage.3) set -- "$top_srcdir/examples/releases/restricted-finetune" "$catalog" ;;
    tro_batch_new.3) set -- "$catalog" "$release" "$top_srcdir/examples/releases/restricted-finetune" \
        "$release/missing" ;;
    *) set -- "$release" ;;
    esac
    for a in "$@"; do printf '%s\n' "$a"; done
}
expect() {
    case $1 in
    libtrulyopen.3)
        echo "754721c76ab1c4a7923a5813a9bfce7e6d98708849334aedf3ad55d73e00f893  safetensors  model.safetensors"
        echo "model-card  README.md" ;;
    tro_ctx_new.3)
        echo "2 hashing threads"
        echo "4 artifacts" ;;
    tro_scan.3)
        echo "model.safetensors  safetensors  200  754721c76ab1c4a7923a5813a9bfce7e6d98708849334aedf3ad55d73e00f893"
        echo "README.md  model-card  1440"
        echo "4 artifacts, 0 findings"
        echo "memory: notes.txt  other  5"
        echo "memory: refused ../escape: " ;;
    tro_release_manifest.3)
        echo '"format": "trulyopen-manifest"'
        echo "verified: 0 differences"
        echo "changed README.md: size 1440 != 1441" ;;
    tro_license_classify.3)
        echo "Apache-2.0 OR MIT: permissive, free"
        echo "LicenseRef-trulyopen-llama-3.1: use-restricted, not free"
        echo "CC-BY-NC-4.0: non-commercial, not free" ;;
    tro_batch_new.3)
        echo "$release: truly-open, policy met"
        echo "restricted-finetune: not-truly-open, policy not met"
        echo "$release/missing: not checked: $release/missing: No such file" ;;
    tro_check.3)
        echo "use_freedom: pass"
        echo "verdict: truly-open"
        echo "policy: met" ;;
    tro_report_evidence.3)
        echo "examples/releases/open-model (card: README.md)"
        echo "method_transparency: pass"
        echo "  + training-code: https://github.com/karpathy/nanoGPT (README.md:33)"
        echo "  - card licence Apache-2.0 (README.md) is free: permissive" ;;
    tro_report_license.3)
        echo "card README.md: 'apache-2.0' is Apache-2.0 (permissive, free)"
        echo "  Apache-2.0: Apache License 2.0 (OSI approved)"
        echo "license-file LICENSE: 'LICENSE' is Apache-2.0 (permissive, free)" ;;
    tro_report_finding.3)
        echo "model.safetensors  safetensors  200  754721c76ab1c4a7923a5813a9bfce7e6d98708849334aedf3ad55d73e00f893 (computed)"
        echo "README.md  model-card  1440  " ;;
    tro_attest_sign.3)
        echo "signature verified, 4 subjects, 0 differences"
        echo "predicate: https://trulyopen.dev/attestation/report/v1" ;;
    tro_report_lineage.3)
        echo "base 1: meta-llama/Llama-2-7b-hf (finetune) from catalog:"
        echo "Llama-2-7b-hf: not-truly-open, use freedom fail"
        echo "  licence LicenseRef-trulyopen-llama-2"
        echo "fine-tuning data wikimedia/wikipedia: CC-BY-SA-4.0 AND LicenseRef-trulyopen-gfdl-family, free"
        echo "  declared by card datasets"
        echo "  declared by card link (line 26)" ;;
    tro_report_mof.3)
        echo "no MOF release file"
        echo "evidence of: Model parameters (Final)" ;;
    tro_report_cell.3)
        echo "# criteria: criterion, status"
        printf 'criteria\tuse_freedom\tpass\n'
        printf 'report\t%s\tREADME.md\ttruly-open\t-\n' "$release"
        printf 'datasets\twikimedia/wikipedia\ttraining\t1\tbuiltin\tCC-BY-SA-3.0 AND\n'
        printf 'licenses\tlicense-file\tLICENSE\tLICENSE\tApache-2.0\tpermissive\t1\t1\t1\t\n' ;;
    tro_report_render.3)
        echo "lines: 1"
        echo '{"format":"trulyopen-report","format_version":1,'
        echo "artifacts left out: yes"
        echo "text with --compact: refused (invalid argument)" ;;
    tro_hub_new.3) # a local release, its dataset not cached (offline): the
        # built-in table of datasets knows it
        echo "754721c76ab1c4a7923a5813a9bfce7e6d98708849334aedf3ad55d73e00f893  computed  model.safetensors"
        echo "open-model: truly-open"
        echo "0 requests, 0 bytes received" ;;
    esac
}

ran=0
compiled_only=0
for page in "$top_srcdir"/man/*.3; do
    name=$(basename "$page")
    base=${name%.3}
    sh "$top_srcdir/tests/man/extract.sh" "$page" >"$T/$base.c"
    [ -s "$T/$base.c" ] || continue
    checks=$((checks + 1))
    # Strict C99: the examples must build in any program that includes the header.
    if ! $CC ${TRO_SAN_CFLAGS:-} -std=c99 -pedantic -Wall -Wextra -Werror \
        -I"$top_srcdir/include" -c "$T/$base.c" -o "$T/$base.o" 2>"$T/cc.err"; then
        fail "$name: EXAMPLES does not compile:"
        sed 's/^/  /' "$T/cc.err" >&2
        continue
    fi
    $NM -u "$T/$base.o" | awk '{print $NF}' | grep '^tro_' | LC_ALL=C sort -u >"$T/used"
    missing=$(LC_ALL=C comm -23 "$T/used" "$T/exported" | tr '\n' ' ')
    if [ -n "$missing" ]; then
        case " $COMPILE_ONLY " in
        *" $name "*)
            echo "$name: compiled only, not linked: the library lacks $missing"
            compiled_only=$((compiled_only + 1))
            continue ;;
        esac
        fail "$name: the example calls functions the library does not export: $missing"
        continue
    fi
    if ! $LIBTOOL --silent --mode=link $CC ${TRO_SAN_LDFLAGS:-} -o "$T/$base" "$T/$base.o" \
        "$top_builddir/libtrulyopen.la" 2>"$T/ld.err"; then
        fail "$name: EXAMPLES does not link:"
        sed 's/^/  /' "$T/ld.err" >&2
        continue
    fi
    args "$name" >"$T/args"
    set --
    while IFS= read -r a; do set -- "$@" "$a"; done <"$T/args"
    (cd "$T" && $LIBTOOL --mode=execute "./$base" "$@") >"$T/out" 2>"$T/err"
    status=$?
    before=$failures
    ran=$((ran + 1))
    if [ "$status" -ne 0 ]; then
        fail "$name: the example exited with $status"
        sed 's/^/  stderr: /' "$T/err" >&2
    fi
    expect "$name" >"$T/expect"
    while IFS= read -r line; do
        checks=$((checks + 1))
        grep -qF -- "$line" "$T/out" || fail "$name: output lacks: $line"
    done <"$T/expect"
    if [ "$failures" -gt "$before" ]; then
        sed 's/^/  | /' "$T/out" >&2
    fi
    echo "$name: compiled, linked and ran"
done

[ "$ran" -gt 0 ] || fail "no example was run"
echo "examples.sh: $ran run, $compiled_only compiled only; $checks checks, $failures failed"
[ "$failures" -eq 0 ]
