#!/bin/sh
# SPDX-FileCopyrightText: The trulyopen authors
# SPDX-License-Identifier: Apache-2.0
# trulyopen license: text and JSON output, and exit codes (0 answered, 2 errors).
set -u
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
check() { # description, expected exit status, command...
    desc=$1 want=$2
    shift 2
    "$@" >"$tmp/out" 2>"$tmp/err"
    got=$?
    if [ "$got" -ne "$want" ]; then
        echo "FAIL: $desc: exit $got, expected $want"; cat "$tmp/out" "$tmp/err"; fail=1
    fi
}
expect() { # file, text that must appear
    if ! grep -F -q -- "$2" "$1"; then
        echo "FAIL: '$2' not in:"; cat "$1"; fail=1
    fi
}

check "expression" 0 "$TRULYOPEN" license 'Apache-2.0 OR LicenseRef-Commercial'
expect "$tmp/out" "expression:        Apache-2.0 OR LicenseRef-Commercial"
expect "$tmp/out" "free:              yes"
expect "$tmp/out" "LicenseRef-Commercial (LicenseRef-Commercial): unknown"

check "hf id" 0 "$TRULYOPEN" license llama3.1
expect "$tmp/out" "category:          use-restricted"
expect "$tmp/out" "free:              no"
expect "$tmp/out" "700 million monthly active users"

check "name" 0 "$TRULYOPEN" license 'Apache License, Version 2.0'
expect "$tmp/out" "expression:        Apache-2.0"
expect "$tmp/out" "OSI-approved"

check "url" 0 "$TRULYOPEN" license 'https://creativecommons.org/licenses/by-nc/4.0/'
expect "$tmp/out" "category:          non-commercial"

check "json" 0 "$TRULYOPEN" license --format json cc-by-nc-sa-4.0
expect "$tmp/out" '"expression": "CC-BY-NC-SA-4.0"'
expect "$tmp/out" '"free": false'
expect "$tmp/out" '"free_for_data": false'
expect "$tmp/out" '"category": "non-commercial"'
if [ -n "${PYTHON3:-}" ]; then
    "$PYTHON3" -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["licenses"][0]["id"]=="CC-BY-NC-SA-4.0" and d["free_for_software"] is False' "$tmp/out" \
        || { echo "FAIL: json does not parse or lacks fields"; fail=1; }
fi

check "hf other" 0 "$TRULYOPEN" license other --license-name deepseek \
    --license-link https://github.com/deepseek-ai/DeepSeek-V2/blob/main/LICENSE-MODEL
expect "$tmp/out" "LicenseRef-trulyopen-deepseek-1.0"

check "parse error" 2 "$TRULYOPEN" license 'MIT OR (Apache-2.0'
expect "$tmp/err" "at byte 18"
expect "$tmp/err" "close the '(' of byte 7"
check "parse error json" 2 "$TRULYOPEN" license --format json 'MIT AND'
expect "$tmp/err" "at byte 7"
check "mixed-case operator" 2 "$TRULYOPEN" license 'MIT And Apache-2.0'
expect "$tmp/err" "upper or all lower case"

cat >"$tmp/LICENSE" <<'TXT'
Acme Model Licence

You may use the model for research purposes only. You agree not to use
the model for military purposes.
TXT
check "file" 0 "$TRULYOPEN" license --file "$tmp/LICENSE"
expect "$tmp/out" "category:          research-only"
expect "$tmp/out" "clause at byte 20"
expect "$tmp/out" "confidence:"
check "file json" 0 "$TRULYOPEN" license --format json --file "$tmp/LICENSE"
expect "$tmp/out" '"evidence": ['
expect "$tmp/out" '"confidence": 0.5'
expect "$tmp/out" '"offset": 20'

check "with restriction" 0 "$TRULYOPEN" license 'Apache-2.0 WITH Commons-Clause'
expect "$tmp/out" "expression:        Apache-2.0 AND LicenseRef-trulyopen-commons-clause"
expect "$tmp/out" "free:              no"
check "with unknown" 2 "$TRULYOPEN" license 'MIT WITH Foo'
expect "$tmp/err" "at byte 9"
check "unbalanced" 2 "$TRULYOPEN" license '(MIT'
check "name with parentheses" 0 "$TRULYOPEN" license 'Open Database License (ODbL)'
expect "$tmp/out" "expression:        ODbL-1.0"
check "prose" 0 "$TRULYOPEN" license --format json 'MIT License (code), CC BY-NC 4.0 (weights)'
expect "$tmp/out" '"expression": "MIT AND CC-BY-NC-4.0"'
if [ -n "${PYTHON3:-}" ]; then
    "$PYTHON3" -c 'import json,sys; d=json.load(open(sys.argv[1])); assert [l["covers"] for l in d["licenses"]]==[["code"],["weights"]] and d["confidence"] < 1 and not d["free"]' "$tmp/out" \
        || { echo "FAIL: covers not in the json"; fail=1; }
fi
check "prose text" 0 "$TRULYOPEN" license 'MIT License (code), CC BY-NC 4.0 (weights)'
expect "$tmp/out" "for weights"
check "hub slug" 0 "$TRULYOPEN" license other --license-name hunyuan-community
expect "$tmp/out" "category:          use-restricted"

# REUSE-IgnoreStart (a licence tag the test writes, not this file's)
printf 'SPDX-License-Identifier: MIT\n' >"$tmp/spdx"
# REUSE-IgnoreEnd
check "spdx line" 0 "$TRULYOPEN" license --file "$tmp/spdx"
expect "$tmp/out" "expression:        MIT"

mkdir "$tmp/dir"
check "directory as file" 2 "$TRULYOPEN" license --file "$tmp/dir"
expect "$tmp/err" "not a regular file"
ln -s "$tmp/nowhere" "$tmp/dangling"
check "dangling symlink" 2 "$TRULYOPEN" license --file "$tmp/dangling"
check "missing license dir" 2 "$TRULYOPEN" license --file "$tmp/spdx" --license-dir "$tmp/nowhere"
check "no argument" 2 "$TRULYOPEN" license
check "two arguments" 2 "$TRULYOPEN" license MIT ISC
check "bad format" 2 "$TRULYOPEN" license --format xml MIT
check "dir without file" 2 "$TRULYOPEN" license --license-dir "$tmp" MIT
cat >"$tmp/MIT-capped" <<'TXT'
MIT License

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

The Software may not be used by any company with more than 1,000,000 monthly
active users without a separate licence.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.
TXT
check "added restriction" 0 "$TRULYOPEN" license --file "$tmp/MIT-capped"
expect "$tmp/out" "expression:        MIT AND LicenseRef-trulyopen-added-restriction"
expect "$tmp/out" "matched:           MIT"
expect "$tmp/out" "free:              no"
expect "$tmp/out" "clause at byte 575: \"The Software may not be used by any company"
# the same licence, with a title that makes it a variant: unknown; with
# its own title and a thanks note: MIT, but for --strict, which reads every
# word the licence lacks
sed -e '/may not be used by any company/,/active users without/d' \
    -e 's/^MIT License$/Hobbyist MIT License/' "$tmp/MIT-capped" >"$tmp/variant"
check "title variant" 0 "$TRULYOPEN" license --file "$tmp/variant"
expect "$tmp/out" "expression:        MIT AND LicenseRef-trulyopen-custom"
expect "$tmp/out" "clause at byte 0: \"Hobbyist MIT License"
sed 's/^Hobbyist MIT License$/The MIT License (MIT)/' "$tmp/variant" >"$tmp/plain"
printf '\nThanks to Wayne Enterprises for sponsoring this work.\n' >>"$tmp/plain"
check "title and thanks" 0 "$TRULYOPEN" license --file "$tmp/plain"
expect "$tmp/out" "free:              yes"
check "strict" 0 "$TRULYOPEN" license --strict --format json --file "$tmp/plain"
expect "$tmp/out" '"expression": "MIT AND LicenseRef-trulyopen-custom"'
expect "$tmp/out" '"free": false'
expect "$tmp/out" 'Thanks to Wayne Enterprises'
# a licence issued to someone, and words put into the grant as an aside:
# unknown, quoted with their byte
sed 's/^The MIT License (MIT)$/Licensed to: Hooli Inc. (single site)/' "$tmp/plain" >"$tmp/issued"
check "issued to" 0 "$TRULYOPEN" license --file "$tmp/issued"
expect "$tmp/out" "expression:        MIT AND LicenseRef-trulyopen-custom"
expect "$tmp/out" "clause at byte 0: \"Licensed to: Hooli Inc."
sed 's/^in the Software without restriction/in the Software (on Acme boards) without restriction/' \
    "$tmp/variant" | sed 's/^Hobbyist MIT License$/MIT License/' >"$tmp/aside"
check "aside in the grant" 0 "$TRULYOPEN" license --file "$tmp/aside"
expect "$tmp/out" "expression:        MIT AND LicenseRef-trulyopen-custom"
expect "$tmp/out" "(on Acme boards)"
check "strict needs a file" 2 "$TRULYOPEN" license --strict MIT
expect "$tmp/err" "--strict needs --file"
check "help" 0 "$TRULYOPEN" license --help
expect "$tmp/out" "--license-dir"
expect "$tmp/out" "Exit status"
check "top-level help" 0 "$TRULYOPEN" --help
expect "$tmp/out" "license"
[ $fail -eq 0 ] && echo "license CLI: all checks passed"
exit $fail
