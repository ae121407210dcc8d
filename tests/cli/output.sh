#!/bin/sh
# Output files and write errors: -o replaces only regular files (atomically),
# writes through devices, named pipes and symbolic links, and every command
# whose output could not be written fails with exit 2 and a message.
. "$top_srcdir/tests/cli/lib.sh"

r="$top_srcdir/examples/releases/open-model"
"$TRULYOPEN" hash -q "$r" >"$T/manifest.json" || fail "hash to a file"

# a regular file: replaced atomically, its mode kept; a new one gets the umask's
printf 'old\n' >"$T/m.json"
chmod 640 "$T/m.json"
run 0 "$TRULYOPEN" hash -q -o "$T/m.json" "$r"
same "$T/m.json" "$T/manifest.json"
checks=$((checks + 1))
[ "$(stat -c %a "$T/m.json")" = 640 ] || fail "mode of a replaced file: $(stat -c %a "$T/m.json")"
(umask 027 && "$TRULYOPEN" hash -q -o "$T/new.json" "$r") || fail "hash -o a new file"
checks=$((checks + 1))
[ "$(stat -c %a "$T/new.json")" = 640 ] || fail "mode of a new file: $(stat -c %a "$T/new.json")"
checks=$((checks + 1))
[ -z "$(find "$T" -name '*.tmp*')" ] || fail "temporary files left: $(find "$T" -name '*.tmp*')"

# a symbolic link: its target is written, the link stays a link
printf 'old\n' >"$T/target.json"
ln -s target.json "$T/link.json"
run 0 "$TRULYOPEN" hash -q -o "$T/link.json" "$r"
checks=$((checks + 1))
[ -L "$T/link.json" ] || fail "the symbolic link was replaced"
same "$T/target.json" "$T/manifest.json"
# ... a dangling one is refused, not replaced by a file
ln -s nowhere/x.json "$T/dangling.json"
run 2 "$TRULYOPEN" hash -q -o "$T/dangling.json" "$r"
has "$T/err" "trulyopen: $T/dangling.json: cannot open: No such file or directory"
checks=$((checks + 1))
[ -L "$T/dangling.json" ] || fail "the dangling link was replaced"

# a named pipe: written through to its reader
mkfifo "$T/pipe"
timeout 60 cat "$T/pipe" >"$T/from-pipe" &
reader=$!
run 0 timeout 60 "$TRULYOPEN" inspect -f json -o "$T/pipe" "$r"
wait $reader || fail "the reader of the pipe"
checks=$((checks + 1))
[ -p "$T/pipe" ] || fail "the named pipe was replaced"
has "$T/from-pipe" '"path": "model.safetensors"'

# a folder: refused
run 2 "$TRULYOPEN" check -o "$T" "$r"
has "$T/err" "trulyopen: $T: cannot write: Is a directory"

# devices (made here, as root: /dev/null is never risked): written through,
# never replaced; a full device is an error
if mknod "$T/null" c 1 3 2>/dev/null && mknod "$T/full" c 1 7 2>/dev/null; then
    for cmd in "hash -q" "inspect -q" "check -q --catalog $top_srcdir/examples/catalog"; do
        # shellcheck disable=SC2086
        run 0 "$TRULYOPEN" $cmd -o "$T/null" "$r"
        checks=$((checks + 1))
        [ -c "$T/null" ] || fail "$cmd -o: the device was replaced by a file"
        # shellcheck disable=SC2086
        run 2 "$TRULYOPEN" $cmd -o "$T/full" "$r"
        has "$T/err" "$T/full: cannot write: No space left on device"
        checks=$((checks + 1))
        [ -c "$T/full" ] || fail "$cmd -o: the full device was replaced by a file"
    done
else
    echo "not root: devices not tested"
fi

# standard output full: exit 2 and a message, whatever the command
full() {
    want=$1
    shift
    checks=$((checks + 1))
    "$@" >/dev/full 2>"$T/err"
    got=$?
    [ "$got" -eq "$want" ] || fail "exit $got, expected $want, stdout full: $*"
    has "$T/err" "trulyopen: standard output: cannot write: No space left on device"
}
full 2 "$TRULYOPEN" --help
full 2 "$TRULYOPEN" --version
full 2 "$TRULYOPEN" help check
full 2 "$TRULYOPEN" hash --help
full 2 "$TRULYOPEN" license MIT
full 2 "$TRULYOPEN" license --format json MIT
full 2 "$TRULYOPEN" license --help
full 2 "$TRULYOPEN" hash -q "$r"
full 2 "$TRULYOPEN" inspect -q "$r"
full 2 "$TRULYOPEN" inspect -q -f json "$r"
full 2 "$TRULYOPEN" check -q --catalog "$top_srcdir/examples/catalog" "$r"
full 2 "$TRULYOPEN" check -q -f json "$r"
run 0 sh -c '"$1" verify -q "$2" "$3" >/dev/full' sh "$TRULYOPEN" "$r" "$T/manifest.json"
lines "$T/err" 0 # no difference: nothing written, nothing lost
printf '{"format": "trulyopen-manifest", "format_version": 1, "artifacts": []}' >"$T/empty.json"
full 2 "$TRULYOPEN" verify -q "$r" "$T/empty.json" # differences it could not print: not 1

# standard output closed: the same
closed() {
    want=$1
    shift
    checks=$((checks + 1))
    "$@" >&- 2>"$T/err"
    got=$?
    [ "$got" -eq "$want" ] || fail "exit $got, expected $want, stdout closed: $*"
}
closed 2 "$TRULYOPEN" --version
has "$T/err" "trulyopen: standard output: cannot write: Bad file descriptor"
closed 2 "$TRULYOPEN" license MIT
closed 2 "$TRULYOPEN" check -q "$r"
closed 2 "$TRULYOPEN" hash -q "$r"
# nothing to write there: no error, and the file opened next is not mistaken
# for standard output
closed 0 "$TRULYOPEN" hash -q -o "$T/closed.json" "$r"
same "$T/closed.json" "$T/manifest.json"

finish
