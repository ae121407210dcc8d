#!/usr/bin/env python3
# SPDX-FileCopyrightText: The trulyopen authors
# SPDX-License-Identifier: Apache-2.0
"""An independent DSSE implementation for the attestation tests: written
from the DSSE v1.0 and in-toto Statement v1 specifications with Python's
`cryptography` (Debian python3-cryptography), sharing no code with
trulyopen.

  dsse_check.py verify ENVELOPE PUBKEY.pem RELEASE-DIR
      the envelope's signature verifies over PAE(payloadType, payload),
      its statement is in-toto v1 with trulyopen's predicate type, and its
      subjects are exactly the files of RELEASE-DIR with their SHA-256
  dsse_check.py sign STATEMENT.json KEY.pem OUT
      signs a statement the same way, for trulyopen to verify
Exit 0 when it holds, 1 when not, 77 without `cryptography`."""

import base64
import hashlib
import json
import os
import sys

try:
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec, ed25519
except ImportError:
    print("dsse_check: python3-cryptography is not installed; skipped")
    sys.exit(77)

PAYLOAD_TYPE = "application/vnd.in-toto+json"
PREDICATE_TYPE = "https://trulyopen.dev/attestation/report/v1"


def pae(payload_type, body):
    t = payload_type.encode()
    return b"DSSEv1 %d %s %d %s" % (len(t), t, len(body), body)


def b64decode(s):
    s = s.replace("-", "+").replace("_", "/")
    return base64.b64decode(s + "=" * (-len(s) % 4), validate=True)


def verify(envelope_path, pub_path, release):
    env = json.load(open(envelope_path))
    key = serialization.load_pem_public_key(open(pub_path, "rb").read())
    body = b64decode(env["payload"])
    if env["payloadType"] != PAYLOAD_TYPE:
        return "payloadType " + env["payloadType"]
    message = pae(env["payloadType"], body)
    good = False
    for s in env["signatures"]:
        try:
            if isinstance(key, ed25519.Ed25519PublicKey):
                key.verify(b64decode(s["sig"]), message)
            else:
                key.verify(b64decode(s["sig"]), message, ec.ECDSA(hashes.SHA256()))
            good = True
        except InvalidSignature:
            pass
    if not good:
        return "no signature verifies"
    st = json.loads(body)
    if st["_type"] != "https://in-toto.io/Statement/v1":
        return "statement type " + st["_type"]
    if st["predicateType"] != PREDICATE_TYPE:
        return "predicateType " + st["predicateType"]
    if st["predicate"].get("format") != "trulyopen-report":
        return "the predicate is not a trulyopen report"
    files = {}
    for root, dirs, names in os.walk(release):
        for n in names:
            p = os.path.join(root, n)
            files[os.path.relpath(p, release)] = hashlib.sha256(open(p, "rb").read()).hexdigest()
    subjects = {s["name"]: s["digest"]["sha256"] for s in st["subject"]}
    if subjects != files:
        return f"subjects {sorted(subjects.items())} != files {sorted(files.items())}"
    return None


def sign(statement_path, key_path, out):
    body = open(statement_path, "rb").read()
    key = serialization.load_pem_private_key(open(key_path, "rb").read(), password=None)
    if isinstance(key, ed25519.Ed25519PrivateKey):
        sig = key.sign(pae(PAYLOAD_TYPE, body))
    else:
        sig = key.sign(pae(PAYLOAD_TYPE, body), ec.ECDSA(hashes.SHA256()))
    env = {"payloadType": PAYLOAD_TYPE,
           "payload": base64.b64encode(body).decode(),
           "signatures": [{"keyid": "", "sig": base64.urlsafe_b64encode(sig).decode().rstrip("=")}]}
    json.dump(env, open(out, "w"))


def main(argv):
    if len(argv) == 5 and argv[1] == "verify":
        problem = verify(*argv[2:5])
        if problem:
            print("dsse_check:", problem)
            return 1
        return 0
    if len(argv) == 5 and argv[1] == "sign":
        sign(*argv[2:5])
        return 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
