#!/usr/bin/env bash
# SPDX-FileCopyrightText: The trulyopen authors
# SPDX-License-Identifier: Apache-2.0
# trulyopen-gate.sh: a continuous-integration step that lets a model release
# through only when it meets a trulyopen policy.
#
# It runs `trulyopen check` once: the release is scanned and hashed once,
# and that one check writes the SARIF log for code scanning (locations
# relative to the repository, so that alerts land on the right files), the
# optional JSON report and bills of materials, a short summary on standard
# output and, on GitHub Actions, the Markdown report in $GITHUB_STEP_SUMMARY.
# It exits with the check's status: 0 the policy is met, 1 it is not, 2
# usage error or unusable input. `make install` installs it as trulyopen-gate.
set -u

usage() {
    cat <<'USAGE'
Usage: trulyopen-gate.sh [OPTIONS] RELEASE
Gate a model release (a folder, an archive or a file) with `trulyopen check`.

  --policy FILE      policy to apply (see trulyopen-policy(5)); default:
                     verdict truly-open and no error finding
  --catalog DIR      resolve base models and datasets offline from DIR
                     (repeatable)
  --ignore PATTERN   skip files and folders matching PATTERN (repeatable)
  --sarif FILE       where to write the SARIF log (default: trulyopen.sarif)
  --sarif-root DIR   the folder SARIF locations are relative to (default:
                     $GITHUB_WORKSPACE when set, else the release itself)
  --json FILE        also write the complete JSON report to FILE
  --cyclonedx FILE   also write a CycloneDX 1.6 bill of materials to FILE
  --spdx FILE        also write an SPDX 3.0.1 document to FILE
  --no-hash          do not hash the artifacts (faster; the reports then
                     record no SHA-256)
  --trulyopen PROG   the trulyopen program (default: $TRULYOPEN, else
                     trulyopen from PATH)
  -h, --help         show this help

Exit status: 0 policy met, 1 policy not met, 2 usage error or unusable input.
USAGE
}

die() {
    echo "trulyopen-gate: $*" >&2
    exit 2
}

trulyopen=${TRULYOPEN:-trulyopen}
sarif=trulyopen.sarif
sarif_root=${GITHUB_WORKSPACE:-}
json=
outputs=()
release=
opts=()
hash_opts=()
while [ $# -gt 0 ]; do
    case $1 in
    --policy | --catalog | --ignore)
        [ $# -ge 2 ] || die "$1 needs an argument (try --help)"
        opts+=("$1" "$2")
        shift 2 ;;
    --sarif | --json | --trulyopen | --sarif-root | --cyclonedx | --spdx)
        if [ $# -lt 2 ] || [ -z "$2" ]; then
            die "$1 needs an argument (try --help)"
        fi
        case $1 in
        --sarif) sarif=$2 ;;
        --sarif-root) sarif_root=$2 ;;
        --json) json=$2 ;;
        --cyclonedx) outputs+=(--output-cyclonedx "$2") ;;
        --spdx) outputs+=(--output-spdx "$2") ;;
        --trulyopen) trulyopen=$2 ;;
        esac
        shift 2 ;;
    --no-hash)
        hash_opts=(--no-hash)
        shift ;;
    -h | --help)
        usage
        exit 0 ;;
    --)
        shift
        break ;;
    -*)
        die "unknown option '$1' (try --help)" ;;
    *)
        break ;;
    esac
done
[ $# -eq 1 ] || { usage >&2; exit 2; }
release=$1

if ! "$trulyopen" check --help >/dev/null 2>&1; then
    die "'$trulyopen check' is not available: install a trulyopen that has the check command"
fi

# One check, hashed unless --no-hash: the record (SARIF, and the other
# reports asked for) and the summary for people. Its status is the gate's.
[ -n "$json" ] && outputs+=(--output-json "$json")
if [ -n "$sarif_root" ]; then
    # locations relative to the repository, when the release is inside it
    case $(cd -- "$(dirname -- "$release")" 2>/dev/null && pwd -P)/ in
    "$(cd -- "$sarif_root" 2>/dev/null && pwd -P)"/*) outputs+=(--sarif-root "$sarif_root") ;;
    esac
fi
rm -f -- "$sarif"
summary_file=$(mktemp "${TMPDIR:-/tmp}/trulyopen-gate.XXXXXX") || die "cannot create a temporary file"
markdown_file=
trap 'rm -f -- "$summary_file" ${markdown_file:+"$markdown_file"}' EXIT
if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
    # the job summary gets the Markdown report, from the same check
    markdown_file=$(mktemp "${TMPDIR:-/tmp}/trulyopen-gate.XXXXXX") ||
        die "cannot create a temporary file"
    outputs+=(--output-markdown "$markdown_file")
fi
NO_COLOR=1 "$trulyopen" check "${opts[@]}" "${hash_opts[@]}" -q --format text -o "$summary_file" \
    --output-sarif "$sarif" "${outputs[@]}" -- "$release"
status=$?
case $status in
0 | 1) ;;
*) die "trulyopen check failed (status $status)" ;;
esac
[ -s "$sarif" ] || die "trulyopen check wrote no SARIF to $sarif"
summary=$(cat -- "$summary_file")
if [ "$status" -eq 0 ]; then
    outcome="policy met: $release may pass"
else
    outcome="policy NOT met: $release does not pass"
fi
printf '%s\n\ntrulyopen-gate: %s (SARIF: %s)\n' "$summary" "$outcome" "$sarif"
if [ -n "$markdown_file" ]; then
    { printf '### trulyopen: %s\n\n' "$outcome" && cat -- "$markdown_file" && printf '\n'; } \
        >>"$GITHUB_STEP_SUMMARY"
fi
exit "$status"
