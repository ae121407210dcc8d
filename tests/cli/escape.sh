#!/bin/sh
# Names and texts from a release never reach a terminal raw: control
# characters (C0, DEL, C1, escape sequences, CR, BEL, line feeds) and
# bidirectional overrides and isolates are escaped in every text output
# (check, inspect, hash and verify messages, license), so a hostile release
# can neither rewrite the terminal nor forge a line of the report.
. "$top_srcdir/tests/cli/lib.sh"

PY=${PYTHON3:-python3}
command -v "$PY" >/dev/null 2>&1 || { echo "no python3: skip"; exit 77; }

# raw: no byte a terminal would act on, and no line that starts with a
# forged finding
raw() {
    checks=$((checks + 1))
    "$PY" - "$1" <<'EOF' || fail "$1 holds raw control or bidirectional characters"
import re, sys
data = open(sys.argv[1], "rb").read()
bad = re.compile(rb"[\x00-\x08\x0b-\x1f\x7f]|\xc2[\x80-\x9f]|\xd8\x9c|\xe2\x80[\x8e\x8f\xa8-\xae]"
                 rb"|\xe2\x81[\xa6-\xa9]")
hits = [m.start() for m in bad.finditer(data)]
forged = [l for l in data.split(b"\n") if re.match(rb"\s*(trulyopen: )?error fake-finding", l)]
for h in hits[:5]:
    print("  raw byte at", h, data[max(0, h - 20):h + 20], file=sys.stderr)
for l in forged:
    print("  forged line:", l, file=sys.stderr)
sys.exit(1 if hits or forged else 0)
EOF
}

# One name per class of character, and what it must print as.
r="$T/release"
mkdir -p "$r"
printf -- '---\nlicense: "mit\\e[2J\\rcr"\n---\n# A model\n' >"$r/README.md"
classes='esc csi cr bel nl del c1 rlo lri forged'
name() {
    case $1 in
    esc) printf 'esc\033[2Jx' ;;
    csi) printf 'csi\033]0;title\007x' ;;
    cr) printf 'cr\rx' ;;
    bel) printf 'bel\007x' ;;
    nl) printf 'nl\nx' ;;
    del) printf 'del\177x' ;;
    c1) printf 'c1\302\233x' ;;
    rlo) printf 'rlo\342\200\256x' ;;
    lri) printf 'lri\342\201\246x' ;;
    forged) printf 'ok\nerror fake-finding: all is fine' ;;
    esac
}
shown() {
    case $1 in
    esc) printf 'esc\\x1b[2Jx' ;;
    csi) printf 'csi\\x1b]0;title\\x07x' ;;
    cr) printf 'cr\\rx' ;;
    bel) printf 'bel\\x07x' ;;
    nl) printf 'nl\\nx' ;;
    del) printf 'del\\x7fx' ;;
    c1) printf 'c1\\u009bx' ;;
    rlo) printf 'rlo\\u202ex' ;;
    lri) printf 'lri\\u2066x' ;;
    forged) printf 'ok\\nerror fake-finding: all is fine' ;;
    esac
}
for c in $classes; do
    printf 'x' >"$r/f-$(name "$c")"
    ln -s "missing-$(name "$c")" "$r/l-$(name "$c")" # a warning that names it
done

# hash: the warnings on stderr
run 0 "$TRULYOPEN" hash -o "$T/m.json" "$r"
raw "$T/err"
for c in $classes; do
    has "$T/err" "trulyopen: l-$(shown "$c"): warning: symbolic link does not resolve"
done

# inspect: artifacts and findings
run 0 "$TRULYOPEN" inspect --no-hash "$r"
raw "$T/out"
for c in $classes; do
    has "$T/out" "f-$(shown "$c")"
    has "$T/out" "  warning symlink-dangling: l-$(shown "$c"): symbolic link"
done

# check: the text report's findings and the card's licence
run 1 "$TRULYOPEN" check "$r"
raw "$T/out"
for c in $classes; do
    has "$T/out" "warning symlink-dangling: l-$(shown "$c"): symbolic link"
done
has "$T/out" "mit\\x1b[2J\\rcr"

# verify: one line per difference
printf '{"format": "trulyopen-manifest", "format_version": 1, "artifacts": []}' >"$T/empty.json"
run 1 "$TRULYOPEN" verify "$r" "$T/empty.json"
raw "$T/out"
raw "$T/err"
for c in $classes; do
    has "$T/out" "extra f-$(shown "$c")"
done
lines "$T/out" 11

# errors naming a path given by the user
run 2 "$TRULYOPEN" hash "$T/$(name esc)"
raw "$T/err"
has "$T/err" "trulyopen: $T/$(shown esc): No such file or directory"

# license: evidence quoted from a licence text
printf 'MIT License\n\nPermission is granted. Non-commercial use only \342\200\256evil\302\233\n' \
    >"$T/LICENSE"
run 0 "$TRULYOPEN" license --file "$T/LICENSE"
raw "$T/out"
has "$T/out" '\u202eevil\u009b'

finish
