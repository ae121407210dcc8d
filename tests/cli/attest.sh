#!/bin/sh
# SPDX-FileCopyrightText: The trulyopen authors
# SPDX-License-Identifier: Apache-2.0
# trulyopen attest and verify --attestation, with Ed25519 and ECDSA P-256
# keys: the envelope verifies with trulyopen and with an independent DSSE
# implementation (tests/report/dsse_check.py, Python `cryptography`), and
# an envelope that implementation signs verifies with trulyopen; a changed,
# missing or extra file, another key, a tampered payload and malformed
# input are refused with the documented exit status.
. "$top_srcdir/tests/cli/lib.sh"
command -v openssl >/dev/null 2>&1 || { echo "attest: no openssl command: skip"; exit 77; }
PY=${PYTHON3:-python3}
check_py=$top_srcdir/tests/report/dsse_check.py
catalog=$top_srcdir/examples/catalog
rel=$T/release
cp -R "$top_srcdir/examples/releases/open-model" "$rel"
have_crypto=0
"$PY" -c 'import cryptography' 2>/dev/null && have_crypto=1

for alg in ed25519 p256; do
    if [ $alg = ed25519 ]; then
        openssl genpkey -algorithm ed25519 -out "$T/$alg.pem" 2>/dev/null
    else
        openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$T/$alg.pem" 2>/dev/null
    fi
    openssl pkey -in "$T/$alg.pem" -pubout -out "$T/$alg.pub" 2>/dev/null
    run 0 "$TRULYOPEN" attest -q -c "$catalog" --key "$T/$alg.pem" -o "$T/$alg.dsse" "$rel"
    has "$T/$alg.dsse" '"payloadType": "application/vnd.in-toto+json"'
    run 0 "$TRULYOPEN" verify -q "$rel" --attestation "$T/$alg.dsse" --pubkey "$T/$alg.pub"
    has "$T/out" "signature verified"
    if [ $have_crypto = 1 ]; then
        run 0 "$PY" "$check_py" verify "$T/$alg.dsse" "$T/$alg.pub" "$rel"
    fi
done

# The independent implementation signs; trulyopen verifies (URL-safe base64, no padding).
if [ $have_crypto = 1 ]; then
    "$PY" -c 'import base64, json, sys
env = json.load(open(sys.argv[1]))
open(sys.argv[2], "wb").write(base64.b64decode(env["payload"]))' "$T/p256.dsse" "$T/statement.json"
    for alg in ed25519 p256; do
        run 0 "$PY" "$check_py" sign "$T/statement.json" "$T/$alg.pem" "$T/py-$alg.dsse"
        run 0 "$TRULYOPEN" verify -q "$rel" --attestation "$T/py-$alg.dsse" --pubkey "$T/$alg.pub"
    done
else
    echo "attest: python3-cryptography not installed: the independent checks are skipped"
fi

# The other key, a changed payload: the signature does not verify (exit 1).
run 1 "$TRULYOPEN" verify -q "$rel" --attestation "$T/ed25519.dsse" --pubkey "$T/p256.pub"
has "$T/out" "signature NOT verified"
sed 's/"payload": "e/"payload": "f/' "$T/ed25519.dsse" >"$T/tampered.dsse"
run 1 "$TRULYOPEN" verify -q "$rel" --attestation "$T/tampered.dsse" --pubkey "$T/ed25519.pub"
# A file changed, one added, one removed: each a difference (exit 1).
printf 'more\n' >>"$rel/config.json"
echo extra >"$rel/NOTES.txt"
rm "$rel/LICENSE"
run 1 "$TRULYOPEN" verify -q "$rel" --attestation "$T/ed25519.dsse" --pubkey "$T/ed25519.pub" -f json
has "$T/out" '"format": "trulyopen-verify"'
has "$T/out" '"format_version": 1'
has "$T/out" '"signature": "verified"'
has "$T/out" '"kind": "changed"'
has "$T/out" '"path": "NOTES.txt"'
has "$T/out" '"kind": "missing"'
has "$T/out" '"matches": false'
if [ $have_crypto = 1 ]; then
    run 1 "$PY" "$check_py" verify "$T/ed25519.dsse" "$T/ed25519.pub" "$rel"
fi

# Usage errors and malformed input: exit 2.
run 2 "$TRULYOPEN" attest "$rel"
has "$T/err" "--key KEY.pem is required"
run 2 "$TRULYOPEN" attest --no-hash --key "$T/ed25519.pem" "$rel"
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$T/rsa.pem" 2>/dev/null
run 2 "$TRULYOPEN" attest -q --key "$T/rsa.pem" "$rel"
has "$T/err" "not Ed25519 or ECDSA P-256"
run 2 "$TRULYOPEN" attest -q --key "$T/ed25519.pub" "$rel"
has "$T/err" "not a PEM private key"
echo '{"payloadType": "application/vnd.in-toto+json", "payload": "!!", "signatures": []}' >"$T/bad.dsse"
run 2 "$TRULYOPEN" verify -q "$rel" --attestation "$T/bad.dsse" --pubkey "$T/ed25519.pub"
has "$T/err" "the payload is not base64"
echo '{"payloadType": ' >"$T/bad.dsse"
run 2 "$TRULYOPEN" verify -q "$rel" --attestation "$T/bad.dsse" --pubkey "$T/ed25519.pub"
has "$T/err" "at byte"
run 2 "$TRULYOPEN" verify -q "$rel" --attestation "$T/ed25519.dsse"
has "$T/err" "--attestation and --pubkey go together"
# verify --format json against a manifest carries its format too
"$TRULYOPEN" hash -q -o "$T/m.json" "$rel"
run 0 "$TRULYOPEN" verify -q -f json "$rel" "$T/m.json"
has "$T/out" '"manifest": '
has "$T/out" '"matches": true'
finish
