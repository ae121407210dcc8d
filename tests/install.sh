#!/bin/sh
# SPDX-FileCopyrightText: The trulyopen authors
# SPDX-License-Identifier: Apache-2.0
# `make install DESTDIR=...` gives a usable tree: the library, the headers,
# trulyopen.pc, the CLI and the man pages (with the links to section-3
# pages); a C program builds against the installed copy with pkg-config and
# runs with it; and the Python package, when one is installed, imports.
set -u
: "${top_srcdir:?}" "${top_builddir:?}"
MAKE=${MAKE:-make}
CC=${CC:-cc}
PKG_CONFIG=${PKG_CONFIG:-pkg-config}
MANDOC=${MANDOC:-mandoc}
for tool in "$MAKE" "$PKG_CONFIG"; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "install: $tool not found: skip"
        exit 77
    fi
done

T=$(mktemp -d "${TMPDIR:-/tmp}/troinst.XXXXXX")
trap 'rm -rf "$T"' EXIT
D=$T/dest
failures=0
checks=0
fail() { failures=$((failures + 1)); echo "FAIL: $*" >&2; }
# found DESCRIPTION FIND-ARGS...: an installed file matches; F is the first.
found() {
    what=$1
    shift
    checks=$((checks + 1))
    F=$(find "$D" "$@" | LC_ALL=C sort | head -n 1)
    [ -n "$F" ] || fail "no $what installed"
}

# The make running this test must not hand its jobserver to this one.
if ! (cd "$top_builddir" && env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL \
    "$MAKE" -s install DESTDIR="$D" >"$T/install.log" 2>&1); then
    cat "$T/install.log" >&2
    echo "FAIL: make install DESTDIR=$D failed"
    exit 1
fi

found "public header" -name trulyopen.h -path '*/include/*'
header=$F
found "family header" -name release.h -path '*/include/trulyopen/*'
found "pkg-config file" -name trulyopen.pc
pc=$F
found "CLI" -type f -name trulyopen -path '*/bin/*'
cli=$F
found "CI gate" -type f -name trulyopen-gate -path '*/bin/*'
lib=$(find "$D" \( -name 'libtrulyopen.so.*' -o -name libtrulyopen.a \) | head -n 1)
checks=$((checks + 1))
[ -n "$lib" ] || fail "no library installed"
for page in man1/trulyopen.1 man3/libtrulyopen.3 man3/tro_ctx_new.3 man3/tro_scan.3 \
    man3/tro_release_manifest.3 man3/tro_license_classify.3 man3/tro_check.3 \
    man3/tro_report_evidence.3 man3/tro_report_license.3 man3/tro_report_finding.3 \
    man3/tro_report_lineage.3 man3/tro_report_mof.3 man3/tro_report_render.3 \
    man5/trulyopen-policy.5 man5/trulyopen-report.5 man7/trulyopen-criteria.7; do
    found "man page $page" -path "*/$page"
done
[ -n "$header" ] && [ -n "$pc" ] && [ -n "$cli" ] && [ -n "$lib" ] || {
    echo "install.sh: $checks checks, $failures failed"
    exit 1
}
libdir=$(dirname "$lib")
# A shared library exports its symbols with their version nodes (where the
# linker writes them), under the soname of its -version-info.
case $lib in
*.so.*)
    if ${NM:-nm} -D --defined-only "$lib" | grep -q '@@TRULYOPEN_'; then
        checks=$((checks + 1))
        ${NM:-nm} -D --defined-only "$lib" | grep -q ' tro_check@@TRULYOPEN_0\.1$' ||
            fail "tro_check is not exported as tro_check@@TRULYOPEN_0.1"
    fi
    if command -v objdump >/dev/null 2>&1; then
        checks=$((checks + 1))
        objdump -p "$lib" | grep -q 'SONAME *libtrulyopen\.so\.1$' ||
            fail "the soname is not libtrulyopen.so.1: $(objdump -p "$lib" | grep SONAME)"
    fi ;;
esac
found "man page" -path '*/man1/trulyopen.1'
mandir=$(dirname "$(dirname "$F")")

# Every function documented in a section-3 page has its link page, and the
# link resolves to the page that documents it.
sh "$top_srcdir/man/mlinks.sh" "$top_srcdir"/man/*.3 >"$T/links"
nlinks=0
while read -r page link; do
    checks=$((checks + 1))
    nlinks=$((nlinks + 1))
    if [ "$(cat "$mandir/man3/$link" 2>/dev/null)" != ".so man3/$page" ]; then
        fail "man3/$link is not a link to $page"
    fi
done <"$T/links"
checks=$((checks + 1))
[ "$nlinks" -ge 70 ] || fail "only $nlinks section-3 links listed"
if command -v "$MANDOC" >/dev/null 2>&1; then
    checks=$((checks + 1))
    (cd "$mandir" && "$MANDOC" -Tascii man3/tro_release_free.3) >"$T/page" 2>&1
    grep -q 'tro_release_free' "$T/page" && grep -q 'TRO_SCAN(3)' "$T/page" ||
        fail "man3/tro_release_free.3 does not render tro_scan(3)"
fi

# The installed CLI runs with the installed library.
checks=$((checks + 1))
LD_LIBRARY_PATH=$libdir${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH} "$cli" --version >"$T/version" 2>&1 ||
    fail "installed trulyopen --version failed: $(cat "$T/version")"

# A program built with the installed pkg-config file. PKG_CONFIG_SYSROOT_DIR
# relocates -I and -L into DESTDIR whatever the prefix and libdir.
static=
case $lib in *.a) static=--static ;; esac
if ! flags=$(PKG_CONFIG_PATH=$(dirname "$pc") PKG_CONFIG_SYSROOT_DIR=$D "$PKG_CONFIG" $static --cflags --libs trulyopen 2>"$T/pc.err"); then
    fail "pkg-config --cflags --libs trulyopen: $(cat "$T/pc.err")"
fi
checks=$((checks + 1))
case " $flags " in
*" -I$D"*) ;;
*) fail "pkg-config flags do not point into DESTDIR: $flags" ;;
esac
cat >"$T/prog.c" <<'PROG'
#include <stdio.h>
#include <string.h>
#include <trulyopen.h>

int main(int argc, char **argv)
{
    tro_ctx *ctx;
    tro_release *rel;
    tro_error err;
    if (argc != 2 || tro_ctx_new(&ctx, NULL, &err) != TRO_OK)
        return 2;
    if (strcmp(tro_version_string(), TRO_VERSION_STRING) != 0) {
        fprintf(stderr, "header %s, library %s\n", TRO_VERSION_STRING, tro_version_string());
        tro_ctx_free(ctx);
        return 1;
    }
    if (tro_scan(ctx, argv[1], &rel, &err) != TRO_OK) {
        fprintf(stderr, "%s\n", err.message);
        tro_ctx_free(ctx);
        return 1;
    }
    const tro_artifact *a = tro_release_find(rel, "model.safetensors");
    printf("%s %s\n", tro_version_string(), a ? tro_artifact_sha256(a) : "missing");
    tro_release_free(rel);
    tro_ctx_free(ctx);
    return 0;
}
PROG
checks=$((checks + 1))
# shellcheck disable=SC2086
if ! $CC ${TRO_SAN_CFLAGS:-} -std=c99 -Wall -Werror -o "$T/prog" "$T/prog.c" $flags \
    ${TRO_SAN_LDFLAGS:-} 2>"$T/cc.err"; then
    fail "cannot build against the installed library: $(cat "$T/cc.err")"
else
    checks=$((checks + 1))
    LD_LIBRARY_PATH=$libdir${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH} \
        "$T/prog" "$top_srcdir/examples/releases/open-model" >"$T/prog.out" 2>&1 ||
        fail "program built against the installed library failed: $(cat "$T/prog.out")"
    grep -q ' 754721c76ab1c4a7923a5813a9bfce7e6d98708849334aedf3ad55d73e00f893$' "$T/prog.out" ||
        fail "unexpected output: $(cat "$T/prog.out")"
    # It must have loaded the installed copy, not the build tree's.
    if [ -z "$static" ] && command -v ldd >/dev/null 2>&1; then
        checks=$((checks + 1))
        LD_LIBRARY_PATH=$libdir ldd "$T/prog" | grep 'libtrulyopen' | grep -qF "$D" ||
            fail "the program does not load the library from DESTDIR: $(LD_LIBRARY_PATH=$libdir ldd "$T/prog" | grep trulyopen)"
    fi
fi

# The Python bindings, once a package is installed: it imports from DESTDIR
# with the installed library.
python_import() {
    pydir=$(dirname "$(dirname "$1")")
    shlib=$(find "$libdir" -name 'libtrulyopen.so*' | LC_ALL=C sort | head -n 1)
    preload=
    if [ -n "${TRO_SAN_CFLAGS:-}" ]; then
        # An instrumented library needs its runtime loaded first.
        preload=$($CC -print-file-name=libasan.so)
        case $preload in
        /*) ;;
        *) echo "install: no ASan runtime to preload into python3: import not tested"
           return ;;
        esac
    fi
    checks=$((checks + 1))
    if ! (cd "$T" && ASAN_OPTIONS=detect_leaks=0 LD_PRELOAD=$preload PYTHONPATH=$pydir \
        TRULYOPEN_LIBRARY=$shlib LD_LIBRARY_PATH=$libdir \
        "${PYTHON3:-python3}" -c 'import os, trulyopen; print(trulyopen.__file__); print(trulyopen.library_path()); print(trulyopen.license("MIT").expression); print(os.path.exists(os.path.join(os.path.dirname(trulyopen.__file__), "py.typed")), trulyopen.LicenseStatement.__module__)') \
        >"$T/py.out" 2>&1; then
        fail "python3 cannot import the installed package: $(cat "$T/py.out")"
        return
    fi
    checks=$((checks + 1))
    grep -qF "$D" "$T/py.out" || fail "imported trulyopen from outside DESTDIR: $(cat "$T/py.out")"
    checks=$((checks + 1))
    [ "$(sed -n 3p "$T/py.out")" = MIT ] || fail "the installed package cannot call the library: $(cat "$T/py.out")"
    checks=$((checks + 1))
    [ "$(sed -n 4p "$T/py.out")" = "True trulyopen.report" ] ||
        fail "the installed package lacks py.typed or the report module: $(cat "$T/py.out")"
    echo "install: the installed Python package imports and calls $(sed -n 2p "$T/py.out")"
}
pkg=$(find "$D" -path '*/trulyopen/__init__.py' | head -n 1)
if [ -z "$pkg" ]; then
    echo "install: no Python package installed: import not tested"
elif ! command -v "${PYTHON3:-python3}" >/dev/null 2>&1; then
    echo "install: no python3: import not tested"
else
    python_import "$pkg"
fi

echo "install.sh: $checks checks, $failures failed"
[ "$failures" -eq 0 ]
