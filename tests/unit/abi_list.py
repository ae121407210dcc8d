#!/usr/bin/env python3
# SPDX-FileCopyrightText: The trulyopen authors
# SPDX-License-Identifier: Apache-2.0
"""The binary interface the public headers define, and whether it changed
incompatibly since tests/unit/abi.txt was recorded.

    abi_list.py record  TOP_SRCDIR CC OUT    write the interface to OUT
    abi_list.py compare TOP_SRCDIR CC LIST   compare it with LIST: exit 1 when
                                        something recorded changed

The interface is read from include/trulyopen/*.h: the size of every public
struct and the offset of each member (measured by a C program generated
here and built with CC), the value of every enum constant and of every
*_VERSION macro, and each TRO_API function's prototype and each callback
type with the parameter names left out. Lines are "KIND NAME VALUE".

Incompatible, and failures: a recorded line gone, or its value changed.
Two exceptions: a *_VERSION macro may grow, and an options struct whose
first member is `version` may grow when its *_VERSION macro grows too, its
members keeping their offsets (the library reads such a struct by its
version, and still takes the older ones). New lines are compatible; they
are listed, and `make abi-update` records them. Sizes and offsets are
compared only on the kind of platform the list was recorded on (pointer and
long sizes, int64_t alignment), and enums, macros and prototypes on every one.
"""

import os
import re
import subprocess
import sys
import tempfile

HEADERS = ["common.h", "ctx.h", "release.h", "manifest.h", "license.h", "check.h", "report.h"]
TYPE_WORDS = {"int", "char", "short", "long", "unsigned", "signed", "double", "float", "void",
              "const", "struct", "enum", "size_t", "int64_t", "uint64_t", "uint32_t"}


def headers(top):
    """The text of the public headers, in the umbrella header's order (any
    header it includes that the list above lacks comes last)."""
    inc = os.path.join(top, "include", "trulyopen")
    names = list(HEADERS)
    umbrella = open(os.path.join(top, "include", "trulyopen.h"), encoding="utf-8").read()
    for name in re.findall(r'#include "trulyopen/([a-z_]+\.h)"', umbrella):
        if name not in names:
            names.append(name)
    return "\n".join(open(os.path.join(inc, n), encoding="utf-8").read()
                     for n in names if os.path.exists(os.path.join(inc, n)))


def strip(text):
    text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)
    return re.sub(r"//[^\n]*", " ", text)


def squash(s):
    s = re.sub(r"\s+", " ", s).strip()
    s = re.sub(r"\s*\*\s*", " *", s)
    while "* *" in s:
        s = s.replace("* *", "**")
    return re.sub(r"\s*([(),])\s*", r"\1", s).replace(",", ", ")


def param_type(p):
    """A parameter without its name: "const char *const *dirs" -> "const char *const *"."""
    p = squash(p)
    m = re.match(r"^(.*[\s*])([A-Za-z_]\w*)(\[\d*\])?$", p)
    if m and m.group(2) not in TYPE_WORDS and m.group(1).strip():
        return squash(m.group(1) + (m.group(3) or ""))
    return p


def signature(ret, params):
    ps = [param_type(p) for p in split_params(params)]
    return squash(ret) + " (" + ", ".join(ps) + ")"


def split_params(params):
    out, depth, cur = [], 0, ""
    for ch in params:
        if ch == "," and depth == 0:
            out.append(cur)
            cur = ""
            continue
        depth += ch == "("
        depth -= ch == ")"
        cur += ch
    if cur.strip():
        out.append(cur)
    return out


def parse(text):
    """(structs {name: [members]}, enum constants, macros, functions)."""
    code = strip(text)
    macros = sorted(set(re.findall(r"#\s*define\s+(TRO_\w*_VERSION)\s+\d+", code)))
    body = re.sub(r"^\s*#[^\n]*(\\\n[^\n]*)*", " ", code, flags=re.M)
    structs = {}
    for name, members, alias in re.findall(r"typedef\s+struct\s+(\w+)\s*\{(.*?)\}\s*(\w+)\s*;",
                                           body, flags=re.S):
        fields = []
        for decl in members.split(";"):
            m = re.search(r"([A-Za-z_]\w*)\s*(\[[^\]]*\])?\s*$", decl.strip())
            if decl.strip() and m:
                fields.append(m.group(1))
        structs[alias] = fields
    enums = []
    for block in re.findall(r"enum\s*\w*\s*\{(.*?)\}", body, flags=re.S):
        for item in block.split(","):
            m = re.match(r"\s*(TRO_\w+)", item)
            if m and "__" not in m.group(1):
                enums.append(m.group(1))
    funcs = {}
    for ret, name, params in re.findall(r"TRO_API\s+([^;(]*?)\b(tro_\w+)\s*\(([^;]*?)\)\s*;",
                                        body, flags=re.S):
        funcs["func " + name] = signature(ret, params)
    for ret, name, params in re.findall(r"typedef\s+([^;(]*?)\(\s*\*\s*(tro_\w+)\s*\)\s*\(([^;]*?)\)\s*;",
                                        body, flags=re.S):
        funcs["callback " + name] = signature(ret, params)
    return structs, enums, macros, funcs


def measure(top, cc, structs, enums, macros):
    """Runs the generated C program: its lines, platform first."""
    lines = ["#include <stdalign.h>", "#include <stddef.h>", "#include <stdio.h>",
             "#include <trulyopen.h>", "int main(void) {",
             '  printf("platform ptr=%zu long=%zu int64_align=%zu\\n", sizeof(void *), '
             "sizeof(long), alignof(int64_t));"]
    for name, fields in sorted(structs.items()):
        lines.append(f'  printf("sizeof {name} %zu\\n", sizeof({name}));')
        for f in fields:
            lines.append(f'  printf("offsetof {name}.{f} %zu\\n", offsetof({name}, {f}));')
    for e in enums:
        lines.append(f'  printf("enum {e} %lld\\n", (long long)({e}));')
    for m in macros:
        lines.append(f'  printf("macro {m} %lld\\n", (long long)({m}));')
    lines.append("  return 0;\n}")
    with tempfile.TemporaryDirectory() as d:
        src, exe = os.path.join(d, "abi.c"), os.path.join(d, "abi")
        with open(src, "w") as f:
            f.write("\n".join(lines) + "\n")
        cmd = cc.split() + ["-std=c11", "-I" + os.path.join(top, "include"), src, "-o", exe]
        subprocess.run(cmd, check=True)
        return subprocess.run([exe], check=True, capture_output=True, text=True).stdout.splitlines()


def interface(top, cc):
    structs, enums, macros, funcs = parse(headers(top))
    out = measure(top, cc, structs, enums, macros)
    platform, rest = out[0], out[1:]
    rest += [f"{k} {v}" for k, v in sorted(funcs.items())]
    return platform, sorted(rest)


def as_map(lines):
    m = {}
    for line in lines:
        kind, name, value = line.split(" ", 2)
        m[kind + " " + name] = value
    return m


def compare(old_platform, old, new_platform, new):
    """Failures (incompatible changes) and additions."""
    same_platform = old_platform == new_platform
    failures, added = [], sorted(k for k in new if k not in old)
    for key, value in sorted(old.items()):
        kind, name = key.split(" ", 1)
        if kind in ("sizeof", "offsetof") and not same_platform:
            continue
        if key not in new:
            failures.append(f"{key}: removed (was {value})")
        elif new[key] != value and not grown(key, value, new[key], old, new) \
                and not (kind == "macro" and int(new[key]) > int(value)):
            failures.append(f"{key}: {value} -> {new[key]}")
    return failures, added


def grown(key, before, after, old, new):
    """An options struct that grew with its version."""
    kind, name = key.split(" ", 1)
    if kind != "sizeof" or int(after) < int(before):
        return False
    if new.get(f"offsetof {name}.version") != "0":
        return False
    macro = "macro " + name.upper() + "_VERSION"
    return macro in old and macro in new and int(new[macro]) > int(old[macro])


def main(argv):
    if len(argv) != 5 or argv[1] not in ("record", "compare"):
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    mode, top, cc, path = argv[1:]
    platform, lines = interface(top, cc)
    if mode == "record":
        with open(path, "w") as f:
            f.write("# The binary interface of libtrulyopen's public headers, as recorded by\n"
                    "# `make abi-update` (tests/unit/abi_list.py). tests/unit/abi.sh fails when a\n"
                    "# line below changes or goes. Sizes and offsets hold for:\n")
            f.write(f"# {platform}\n")
            f.write("\n".join(lines) + "\n")
        print(f"abi: recorded {len(lines)} lines in {path}")
        return 0
    recorded = open(path, encoding="utf-8").read().splitlines()
    old_platform = next((l[2:] for l in recorded if l.startswith("# platform ")), "")
    old = as_map(l for l in recorded if l and not l.startswith("#"))
    failures, added = compare(old_platform, old, platform, as_map(lines))
    if old_platform != platform:
        print(f"abi: recorded on {old_platform}, this is {platform}: "
              "sizes and offsets not compared")
    for key in added:
        print(f"abi: new, compatible: {key} (record it with make abi-update)")
    for f in failures:
        print(f"abi: INCOMPATIBLE: {f}")
    print(f"abi: {len(old)} recorded lines compared, {len(failures)} incompatible, "
          f"{len(added)} new")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
