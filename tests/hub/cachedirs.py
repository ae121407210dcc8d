#!/usr/bin/env python3
"""Hugging Face cache folders as users have them: a repository folder is
checked as its current snapshot, the cache root is refused with the
repositories to choose from, a blob whose content does not match its
SHA-256 name is an error, a copy made with `cp -rL` is a plain release; and
the Hub client reads the user's cache before the network."""

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import hubtest  # noqa: E402
from hubtest import (APACHE, DATA_CARD, OPEN_CARD, TRULYOPEN, FakeHub, Failures,  # noqa: E402
                     check_json, safetensors)

t = Failures()
WEIGHTS = safetensors({"w": ("F32", [4, 4])}, {"format": "pt"})


def git_oid(data):
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


def make_repo(root, rid, sha, files, lfs=(), old=None, kind="models"):
    """A cache repository as huggingface_hub writes it."""
    repo = os.path.join(root, "%s--%s" % (kind, rid.replace("/", "--")))
    for rev, content in [(sha, files)] + ([old] if old else []):
        for path, data in content.items():
            data = data.encode() if isinstance(data, str) else data
            name = hashlib.sha256(data).hexdigest() if path in lfs else git_oid(data)
            blob = os.path.join(repo, "blobs", name)
            os.makedirs(os.path.dirname(blob), exist_ok=True)
            with open(blob, "wb") as fh:
                fh.write(data)
            link = os.path.join(repo, "snapshots", rev, path)
            os.makedirs(os.path.dirname(link), exist_ok=True)
            os.symlink(os.path.relpath(blob, os.path.dirname(link)), link)
    os.makedirs(os.path.join(repo, "refs"), exist_ok=True)
    with open(os.path.join(repo, "refs", "main"), "w") as fh:
        fh.write(sha)
    return repo


def run(*args, env=None):
    p = subprocess.run([TRULYOPEN] + list(args), capture_output=True, text=True, timeout=120,
                       env=env)
    return p.returncode, p.stdout, p.stderr


tmp = tempfile.mkdtemp(prefix="trulyopen-hfcache-")
try:
    cache = os.path.join(tmp, "hub")
    files = {"README.md": OPEN_CARD, "LICENSE": APACHE, "model.safetensors": WEIGHTS}
    repo = make_repo(cache, "openorg/open-model", "a" * 40, files, lfs={"model.safetensors"},
                     old=("b" * 40, {"README.md": "---\nlicense: other\n---\nold\n",
                                     "old.bin": b"\x80\x02N."}))
    make_repo(cache, "openorg/open-data", "c" * 40, {"README.md": DATA_CARD}, kind="datasets")

    # -- a repository folder is its current snapshot --------------------------------
    rc, out, err = run("hash", repo)
    man = json.loads(out) if rc == 0 else {}
    paths = [a["path"] for a in man.get("artifacts", [])]
    t.check(rc == 0 and paths == ["LICENSE", "README.md", "model.safetensors"],
            "a repository folder is hashed as refs/main's snapshot", (rc, err, paths))
    rc, out, err = run("check", "-f", "json", "--catalog", cache, repo)
    doc = json.loads(out) if out.strip() else {}
    t.check(rc == 0 and doc.get("verdict") == "truly-open",
            "a repository folder is checked (its dataset from the same cache)", (rc, err))

    # -- the cache root is many releases ---------------------------------------------------
    rc, out, err = run("check", cache)
    t.check(rc == 2 and "2 repositories" in err and "datasets--openorg--open-data" in err,
            "the cache root is refused, naming a repository", err)

    # -- cp -rL of a snapshot ----------------------------------------------------------------
    copy = os.path.join(tmp, "copy")
    subprocess.run(["cp", "-rL", os.path.join(repo, "snapshots", "a" * 40), copy], check=True)
    rc, out2, err = run("hash", copy)
    t.check(rc == 0 and json.loads(out2)["artifacts"] == man.get("artifacts"),
            "a cp -rL copy of the snapshot has the same manifest", err)

    # -- a blob that does not match its name -------------------------------------------------
    blob = os.path.join(repo, "blobs", hashlib.sha256(WEIGHTS).hexdigest())
    with open(blob, "r+b") as fh:
        fh.seek(20)
        fh.write(b"X")
    rc, out, err = run("check", "-f", "json", repo)
    doc = json.loads(out) if out.strip() else {}
    bad = [f for f in doc.get("findings", []) if f["code"] == "hf-blob-mismatch"]
    t.check(rc == 1 and bad and bad[0]["path"] == "model.safetensors",
            "a corrupt blob is an error finding", (rc, doc.get("findings")))

    # -- the Hub client reads the user's cache first ----------------------------------------
    if hubtest.unavailable():
        print("SKIP (part): %s" % hubtest.unavailable())
        t.finish()
    with FakeHub([{"id": "openorg/open-model", "sha": "a" * 40, "lfs": ["model.safetensors"],
                   "files": files},
                  {"kind": "dataset", "id": "openorg/open-data", "files": {"README.md": DATA_CARD}}
                  ]) as hub:
        with open(blob, "r+b") as fh:  # mended
            fh.seek(20)
            fh.write(WEIGHTS[20:21])
        rc, doc, err = check_json(hub, "hf://openorg/open-model", HF_HUB_CACHE=cache)
        log = hub.log()
        t.check(rc == 0 and doc and doc["verdict"] == "truly-open", "remote check", (rc, err))
        t.check(not [e for e in log if "/resolve/" in e["path"] and "open-model" in e["path"]]
                and not [e for e in log if e["host"] == "lfs"],
                "files in the user's cache are not downloaded", [e["path"] for e in log])
finally:
    shutil.rmtree(tmp, ignore_errors=True)

t.finish()
