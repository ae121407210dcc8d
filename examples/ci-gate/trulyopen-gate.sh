#!/usr/bin/env bash
# trulyopen-gate.sh: a continuous-integration step that lets a model release
# through only when it meets a trulyopen policy.
#
# It runs `trulyopen check` once for the record (SARIF for code scanning,
# hashed so that the report names the exact bytes judged) and once more,
# cheaply, without hashing, for a short summary on standard output (and in
# $GITHUB_STEP_SUMMARY on GitHub Actions). It exits with the check's status:
# 0 the policy is met, 1 it is not, 2 usage error or unusable input.
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
  --json FILE        also write the complete JSON report to FILE
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
json=
release=
opts=()
hash_opts=()
while [ $# -gt 0 ]; do
    case $1 in
    --policy | --catalog | --ignore)
        [ $# -ge 2 ] || die "$1 needs an argument (try --help)"
        opts+=("$1" "$2")
        shift 2 ;;
    --sarif | --json | --trulyopen)
        if [ $# -lt 2 ] || [ -z "$2" ]; then
            die "$1 needs an argument (try --help)"
        fi
        case $1 in
        --sarif) sarif=$2 ;;
        --json) json=$2 ;;
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

# The record: SARIF, hashed unless --no-hash. Its status is the gate's.
rm -f -- "$sarif"
"$trulyopen" check "${opts[@]}" "${hash_opts[@]}" --format sarif -o "$sarif" -- "$release"
status=$?
case $status in
0 | 1) ;;
*) die "trulyopen check failed (status $status)" ;;
esac
[ -s "$sarif" ] || die "trulyopen check wrote no SARIF to $sarif"

if [ -n "$json" ]; then
    "$trulyopen" check "${opts[@]}" "${hash_opts[@]}" -q --format json -o "$json" -- "$release"
    [ $? -le 1 ] || die "trulyopen check could not write the JSON report $json"
fi

# The summary for people: the same check without hashing, without colours.
summary=$(NO_COLOR=1 "$trulyopen" check "${opts[@]}" --no-hash -q --format text -- "$release")
if [ "$status" -eq 0 ]; then
    outcome="policy met: $release may pass"
else
    outcome="policy NOT met: $release does not pass"
fi
printf '%s\n\ntrulyopen-gate: %s (SARIF: %s)\n' "$summary" "$outcome" "$sarif"
if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
    fence='```'
    printf '### trulyopen: %s\n\n%s\n%s\n%s\n' "$outcome" "$fence" "$summary" "$fence" \
        >>"$GITHUB_STEP_SUMMARY"
fi
exit "$status"
