#!/bin/sh
# SPDX-FileCopyrightText: The trulyopen authors
# SPDX-License-Identifier: Apache-2.0
# The container image's entry point (gate/entrypoint.sh), run here with the
# build tree's programs: trulyopen commands, the gate, `check` on a path,
# and refusals; the Containerfile installs and uses it.
. "$top_srcdir/tests/cli/lib.sh"
entry=$top_srcdir/gate/entrypoint.sh
export TRULYOPEN TRULYOPEN_GATE="$top_srcdir/examples/ci-gate/trulyopen-gate.sh"
catalog=$top_srcdir/examples/catalog
run 0 sh "$entry" --version
has "$T/out" "trulyopen "
run 0 sh "$entry"
has "$T/out" "Usage: trulyopen COMMAND"
run 0 sh "$entry" check --help
has "$T/out" "Usage: trulyopen check"
run 0 sh "$entry" "$top_srcdir/examples/releases/open-model" -q --catalog "$catalog"
has "$T/out" "truly-open"
run 1 sh "$entry" check -q --catalog "$catalog" "$top_srcdir/examples/releases/restricted-finetune"
run 0 sh "$entry" gate --help
has "$T/out" "Usage: trulyopen-gate.sh"
run 2 sh "$entry" "$T/no-such-release"
has "$T/err" "neither a command nor a path"
run 2 sh "$entry" --bogus
run 0 sh "$entry" license MIT
has "$T/out" "expression:        MIT"
# The image: built from Debian packages, the entry point installed and used.
has "$top_srcdir/Containerfile" 'COPY gate/entrypoint.sh /usr/local/bin/trulyopen-entrypoint'
has "$top_srcdir/Containerfile" 'ENTRYPOINT ["/usr/local/bin/trulyopen-entrypoint"]'
has "$top_srcdir/Containerfile" 'libjansson-dev libarchive-dev libssl-dev libyaml-dev'
finish
