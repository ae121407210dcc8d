#!/bin/sh
# SPDX-FileCopyrightText: The trulyopen authors
# SPDX-License-Identifier: Apache-2.0
# The library's layers are used one way only, lowest first:
#   core <- read, license <- scan, hub <- judge <- report <- batch <- cli
# A file may include a header of its own layer, the shared core headers, and
# the one interface header of each layer below it (read/facts.h,
# license/license.h, scan/scan.h, judge/judgement.h; batch, above report, uses
# the layers below through the public API only). Inside lib/read, each folder
# is one reader component: files of another folder include only its one
# header (pickle/pickle.h, yaml/yaml.h, safetensors/shards.h ...); its other
# headers (card/bytes.h, pickle/vm.h, yaml/event.h, yaml/fast.h) are private
# to the folder. Layers of the same rank
# do not use each other, but for hub, which makes releases with the scan's
# detection, ignore rules and hashing: it uses core, read and scan only
# (and scan never uses hub). When the library's objects are built, the symbols
# each layer's objects use must be defined in its own layer or below, and the
# CLI must use nothing but the public API (tro_* symbols).
# Usage: tests/unit/layers.sh (from make check, or with top_srcdir and
# top_builddir set; without objects only the includes are checked).
set -u
top_srcdir=${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
top_builddir=${top_builddir:-$top_srcdir}
NM=${NM:-nm}
PYTHON3=${PYTHON3:-python3}
command -v "$PYTHON3" >/dev/null 2>&1 || { echo "layers.sh: no python3"; exit 77; }

exec "$PYTHON3" - "$top_srcdir" "$top_builddir" "$NM" <<'PYEOF'
import glob, os, re, subprocess, sys

src, build, nm = sys.argv[1:4]
RANK = {'core': 0, 'read': 1, 'license': 1, 'scan': 2, 'hub': 2, 'judge': 3, 'report': 4,
        'batch': 5}
# What a layer offers the layers above it; core is shared whole.
INTERFACE = {'read': {'facts.h'}, 'license': {'license.h'}, 'scan': {'scan.h'},
             'hub': {'hub.h'}, 'judge': {'judgement.h'}, 'report': set(),
             'batch': set()}
# The reader components of lib/read: the one header a folder offers the rest
# of the layer; any other header in the folder is private to it.
COMPONENT_HEADER = {'card': 'card.h', 'yaml': 'yaml.h', 'pickle': 'pickle.h',
                    'pytorch': 'pytorch.h', 'gguf': 'gguf.h', 'numpy': 'numpy.h',
                    'keras': 'keras.h', 'safetensors': 'shards.h', 'text': 'text.h',
                    'json': 'json.h', 'manifest': None}
# A layer that also uses one of its own rank, and is limited to these (and core).
USES = {'hub': {'read', 'scan'}}
CORE_HEADERS = {os.path.basename(p) for p in glob.glob(os.path.join(src, 'lib/core/*.h'))}
problems = []


def layer_of(path):
    rel = os.path.relpath(os.path.normpath(path), src)
    parts = rel.split(os.sep)
    return parts[1] if len(parts) > 2 and parts[0] == 'lib' and parts[1] in RANK else None


def component_of(path):
    """The lib/read folder path is in, or None at the layer's top."""
    parts = os.path.relpath(os.path.normpath(path), src).split(os.sep)
    return parts[2] if len(parts) > 3 and parts[:2] == ['lib', 'read'] else None


def may_use(me, them):
    """Whether layer me may use layer them (core aside)."""
    if me in USES:
        return them in USES[me]
    return RANK[them] < RANK[me]


def resolve(name, here):
    """The file an #include "name" in directory here reads, or None."""
    for d in (here, os.path.join(src, 'include'), os.path.join(src, 'lib/core')):
        p = os.path.join(d, name)
        if os.path.exists(p):
            return os.path.normpath(p)
    return None


for d in sorted(glob.glob(os.path.join(src, 'lib/read/*/'))):
    if os.path.basename(os.path.dirname(d)) not in COMPONENT_HEADER:
        problems.append(f'{os.path.relpath(d, src)}: a reader folder layers.sh does not know '
                        f'(add it to COMPONENT_HEADER)')

inc = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)
for path in sorted(glob.glob(os.path.join(src, 'lib/*/**/*.[ch]'), recursive=True)):
    me = layer_of(path)
    if me is None:
        continue
    for name in inc.findall(open(path, encoding='utf-8', errors='replace').read()):
        target = resolve(name, os.path.dirname(path))
        them = layer_of(target) if target else None
        where = os.path.relpath(path, src)
        if them == me == 'read':
            comp, mine = component_of(target), component_of(path)
            if comp not in (None, mine) and os.path.basename(target) != COMPONENT_HEADER.get(comp):
                problems.append(f'{where}: includes {name}, private to lib/read/{comp} '
                                f'(its header: {COMPONENT_HEADER.get(comp)})')
        if them is None or them == me or them == 'core':
            continue
        base = os.path.relpath(target, os.path.join(src, 'lib', them))
        if not may_use(me, them):
            problems.append(f'{where}: includes {name}, of layer {them}, which {me} may not use')
        elif base not in INTERFACE[them]:
            problems.append(f'{where}: includes {name}, a private header of {them} '
                            f'(its interface: {", ".join(sorted(INTERFACE[them]))})')

for path in sorted(glob.glob(os.path.join(src, 'cli/*.[ch]'))):
    for name in inc.findall(open(path, encoding='utf-8', errors='replace').read()):
        if name not in ('cli.h', 'config.h'):
            problems.append(f'{os.path.relpath(path, src)}: includes {name}; the CLI uses '
                            f'<trulyopen.h> only')


def symbols(obj):
    out = subprocess.run(nm.split() + [obj], capture_output=True, text=True).stdout
    defined, used = set(), set()
    for line in out.splitlines():
        f = line.split()
        if len(f) == 3 and f[1] in 'TDBRCGSV':
            defined.add(f[2])
        elif len(f) == 2 and f[0] == 'U':
            used.add(f[1])
    return defined, used


objects = {}
for obj in glob.glob(os.path.join(build, 'lib/*/**/*.o'), recursive=True):
    layer = os.path.relpath(obj, build).split(os.sep)[1]
    if layer in RANK:
        objects[obj] = layer
checked = 0
if objects:
    owner, uses = {}, []
    for obj, layer in objects.items():
        d, u = symbols(obj)
        for s in d:
            owner[s] = layer
        uses.append((obj, layer, u))
    for obj, layer, used in uses:
        for s in sorted(used):
            them = owner.get(s)
            if them and them != layer and them != 'core' and not may_use(layer, them):
                problems.append(f'{os.path.relpath(obj, build)}: calls {s} of layer {them}, '
                                f'which {layer} may not use')
        checked += 1
    for obj in glob.glob(os.path.join(build, 'cli/*.o')):
        _, used = symbols(obj)
        for s in sorted(used):
            if s in owner and not s.startswith('tro_'):
                problems.append(f'{os.path.relpath(obj, build)}: calls {s}, which is not '
                                f'public API')
        checked += 1

for p in problems:
    print(p)
print(f'layers: {len(problems)} problems ({checked} objects checked)')
sys.exit(1 if problems else 0)
PYEOF
