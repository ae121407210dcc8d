#!/bin/sh
# SPDX-FileCopyrightText: The trulyopen authors
# SPDX-License-Identifier: Apache-2.0
# The project's licensing is complete: every source file has an SPDX header
# (build-aux/spdx-headers --check), and `reuse lint` (Debian: reuse) finds
# copyright and licence for every file, with REUSE.toml. Runs on the files
# git knows of, copied apart, so that build products are not linted; skips
# (77) without reuse or outside a git work tree. A reuse older than 3 reads
# .reuse/dep5 only: the copy then gets one written from REUSE.toml, and the
# SPDX tags inside the files that an "override" annotation covers (fixtures
# that are licence texts) are neutralised in the copy, as reuse 3 ignores
# them.
set -u
: "${top_srcdir:?}"
PYTHON3=${PYTHON3:-python3}
command -v reuse >/dev/null 2>&1 || { echo "reuse: not installed (Debian: reuse): skip"; exit 77; }
# the top of a git work tree (a distribution unpacked inside one is not)
top=$(command -v git >/dev/null 2>&1 && git -C "$top_srcdir" rev-parse --show-toplevel 2>/dev/null)
[ -n "$top" ] && [ "$(cd "$top" && pwd -P)" = "$(cd "$top_srcdir" && pwd -P)" ] ||
    { echo "reuse: $top_srcdir is not the top of a git work tree: skip"; exit 77; }
"$PYTHON3" -c 'import tomllib' 2>/dev/null || { echo "reuse: python3 without tomllib: skip"; exit 77; }
T=$(mktemp -d "${TMPDIR:-/tmp}/troreuse.XXXXXX")
trap 'rm -rf "$T"' EXIT
status=0

"$PYTHON3" "$top_srcdir/build-aux/spdx-headers" --check "$top_srcdir" >"$T/headers" || {
    echo "FAIL: source files without an SPDX header (run build-aux/spdx-headers):"
    sed 's/^/  /' "$T/headers" | head -n 40
    status=1
}

(cd "$top_srcdir" && git ls-files -z --cached --others --exclude-standard) |
    (cd "$top_srcdir" && xargs -0 sh -c 'for f; do [ -f "$f" ] && [ ! -L "$f" ] && printf "%s\n" "$f"; done' sh) \
    >"$T/list"
mkdir "$T/tree"
(cd "$top_srcdir" && tar cf - -T "$T/list") | (cd "$T/tree" && tar xf -) || { echo "FAIL: copy"; exit 1; }

major=$(reuse --version 2>/dev/null | sed -n 's/^reuse \([0-9]*\).*/\1/p')
if [ "${major:-0}" -lt 3 ]; then
    mkdir -p "$T/tree/.reuse"
    "$PYTHON3" - "$T/tree/REUSE.toml" >"$T/tree/.reuse/dep5" <<'PY' || { echo "FAIL: REUSE.toml"; exit 1; }
import sys, tomllib
doc = tomllib.load(open(sys.argv[1], "rb"))
print("Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/")
print("Upstream-Name:", doc.get("SPDX-PackageName", ""))
for a in doc["annotations"]:
    paths = a["path"] if isinstance(a["path"], list) else [a["path"]]
    who = a["SPDX-FileCopyrightText"]
    who = who if isinstance(who, list) else [who]
    print()
    print("Files:", " ".join(p.replace("**", "*") for p in paths))
    print("Copyright:", "\n ".join(who))
    print("License:", a["SPDX-License-Identifier"])
PY
    "$PYTHON3" - "$T/tree" <<'PY' || { echo "FAIL: override"; exit 1; }
import fnmatch, os, sys, tomllib
top = sys.argv[1]
doc = tomllib.load(open(os.path.join(top, "REUSE.toml"), "rb"))
pats = [p.replace("**", "*") for a in doc["annotations"] if a.get("precedence") == "override"
        for p in (a["path"] if isinstance(a["path"], list) else [a["path"]])]
for root, dirs, names in os.walk(top):
    for n in names:
        full = os.path.join(root, n)
        rel = os.path.relpath(full, top)
        if any(fnmatch.fnmatch(rel, p) for p in pats):
            data = open(full, "rb").read()
            for tag in (b"SPDX-License-Identifier", b"SPDX-FileCopyrightText"):
                data = data.replace(tag, tag.lower().replace(b"-", b"_"))
            open(full, "wb").write(data)
PY
    rm "$T/tree/REUSE.toml"
fi
if ! reuse --root "$T/tree" lint >"$T/lint" 2>&1; then
    echo "FAIL: reuse lint"
    sed 's/^/  | /' "$T/lint" | head -n 60
    status=1
fi
[ $status -eq 0 ] && echo "reuse: $(wc -l <"$T/list") files, every one with its copyright and licence"
exit $status
