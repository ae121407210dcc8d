# SPDX-FileCopyrightText: The trulyopen authors
# SPDX-License-Identifier: Apache-2.0
# The CI gate: examples/ci-gate/trulyopen-gate.sh installed as
# trulyopen-gate, the steps of the GitHub Actions composite action
# (action.yml, gate/action.sh) and the container image's entry point
# (Containerfile, gate/entrypoint.sh), each tested without GitHub or a
# container engine.
bin_SCRIPTS = trulyopen-gate
CLEANFILES += trulyopen-gate
trulyopen-gate: $(srcdir)/examples/ci-gate/trulyopen-gate.sh
	$(AM_V_GEN)cp $(srcdir)/examples/ci-gate/trulyopen-gate.sh $@-t && chmod +x $@-t && mv -f $@-t $@
EXTRA_DIST += action.yml Containerfile .containerignore gate/action.sh gate/entrypoint.sh
TESTS += tests/supply/action.sh tests/supply/entrypoint.sh
EXTRA_DIST += tests/supply/action.sh tests/supply/entrypoint.sh
