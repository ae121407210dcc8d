#!/usr/bin/env python3
# SPDX-FileCopyrightText: The trulyopen authors
# SPDX-License-Identifier: Apache-2.0
"""trulyopen check|inspect|hash on releases of a fake Hub (fakehub.py):
verdicts with datasets and base models resolved online, the hashes taken
from the LFS metadata, what is transferred, the token kept from the LFS
host, the cache reused, offline mode, gated repositories and 404s."""

import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import hubtest  # noqa: E402
from hubtest import (APACHE, DATA_CARD, LAUNDER_CARD, LLAMA_CARD, OPEN_CARD, TOKEN,  # noqa: E402
                     FakeHub, Failures, check_json, safetensors)

hubtest.require()
t = Failures()

WEIGHTS = safetensors({"model.embed.weight": ("F32", [8, 4]), "lm_head.weight": ("F16", [4, 8])},
                      {"format": "pt", "license": "apache-2.0"})


def torch_zip(pickle_bytes, storage=4 << 20):
    """A checkpoint as torch.save lays it out: data.pkl first, then a storage."""
    import io
    import zipfile
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as z:
        z.writestr("archive/data.pkl", pickle_bytes)
        z.writestr("archive/byteorder", "little")
        z.writestr("archive/data/0", b"\0" * storage)
        z.writestr("archive/version", "3\n")
    return buf.getvalue()


def gguf(n=1024 * 768):
    """A GGUF v3 file: licence and architecture metadata, one F32 tensor of n."""
    import struct

    def s(text):
        b = text.encode()
        return struct.pack("<Q", len(b)) + b
    kv = [("general.architecture", "llama"), ("general.license", "apache-2.0")]
    out = b"GGUF" + struct.pack("<IQQ", 3, 1, len(kv))
    for k, v in kv:
        out += s(k) + struct.pack("<I", 8) + s(v)
    out += s("token_embd.weight") + struct.pack("<IQIQ", 1, n, 0, 0)
    out += b"\0" * (-len(out) % 32)
    return out + b"\0" * (4 * n)


EVIL = b"\x80\x02cposix\nsystem\nq\x00X\x02\x00\x00\x00lsq\x01\x85q\x02Rq\x03."


def corpus(path, skip=0):
    """A sample of the fuzz corpus (a seed past its first skip bytes)."""
    with open(os.path.join(hubtest.SRCDIR, "tests", "fuzz", "corpus", path), "rb") as fh:
        return fh.read()[skip:]


# files whose loading runs code, each read by range: a name of its own
# for each, the finding its reader gives
UNSAFE = {"model.joblib": (EVIL, "pickle-dangerous-global"),
          "arrays.npy": (corpus("numpy/unsafe_numpy-npy"), "pickle-dangerous-global"),
          "tf_model.h5": (corpus("hdf5/unsafe-h5"), "keras-lambda"),
          # the seed's first byte picks the file name the fuzzer gives it
          "saved_model.pb": (corpus("saved_model/graph-unsafe", 1), "tf-dangerous-op")}
REPOS = [
    {"id": "openorg/open-model", "lfs": ["model.safetensors"],
     "files": {"README.md": OPEN_CARD, "LICENSE": APACHE, "config.json": '{"model_type": "llama"}',
               "model.safetensors": WEIGHTS, "tokenizer.json": '{"version": "1.0"}',
               "extra/notes.txt": "not read\n"}},
    {"kind": "dataset", "id": "openorg/open-data", "files": {"README.md": DATA_CARD}},
    {"id": "meta-llama/Llama-2-7b-hf", "gated": True, "lfs": ["model.safetensors"],
     "files": {"README.md": LLAMA_CARD, "model.safetensors": WEIGHTS}},
    {"id": "launder/llama-mit", "lfs": ["model.safetensors"],
     "files": {"README.md": LAUNDER_CARD, "model.safetensors": WEIGHTS}},
    {"id": "gguf/model", "lfs": ["model.gguf"], "files": {"README.md": OPEN_CARD, "model.gguf": gguf()}},
    {"id": "torch/model", "lfs": ["pytorch_model.bin"],
     "files": {"README.md": OPEN_CARD, "pytorch_model.bin": torch_zip(EVIL)}},
    {"id": "unsafe/model", "lfs": sorted(UNSAFE),
     "files": dict({"README.md": OPEN_CARD, "odd\\x41name.txt": "a backslash\n"},
                   **{name: data for name, (data, _) in UNSAFE.items()})},
    {"id": "tamper/model", "lfs": ["model.safetensors"],
     "sha256": {"model.safetensors": "0" * 64},
     "files": {"README.md": OPEN_CARD, "model.safetensors": WEIGHTS}},
]

with FakeHub(REPOS, page_size=2) as hub:
    sha = hub.sha("openorg/open-model")
    data_sha = hub.sha("openorg/open-data")

    # -- an open release, its dataset resolved online ---------------------------
    rc, doc, err = check_json(hub, "hf://openorg/open-model", token=True)
    t.check(rc == 0 and doc and doc["verdict"] == "truly-open", "open release is truly-open",
            (rc, err, doc and doc["criteria"]))
    if doc:
        t.check(doc["release"]["name"] == "hf://openorg/open-model@" + sha,
                "the report records the commit", doc["release"])
        ds = doc["datasets"][0] if doc["datasets"] else {}
        t.check(ds.get("source") == "hub:openorg/open-data@" + data_sha and ds.get("resolved"),
                "the dataset resolved online, hub:ORG/NAME@SHA", ds)
        arts = {a["path"]: a for a in doc["artifacts"]}
        w = arts.get("model.safetensors", {})
        lfs_sha = next(f for r in hub.spec["repos"] if r["id"] == "openorg/open-model"
                       for f in r["files"] if f["path"] == "model.safetensors")
        import hashlib
        t.check(w.get("sha256") == hashlib.sha256(WEIGHTS).hexdigest() and
                w.get("sha256_source") == "hub-lfs", "weights hashed from LFS metadata", w)
        t.check(arts.get("README.md", {}).get("sha256_source") == "computed",
                "the card is downloaded and hashed", arts.get("README.md"))
        t.check(arts.get("tokenizer.json", {}).get("sha256") is None,
                "files no reader needs are listed, not downloaded", arts.get("tokenizer.json"))
        t.check("extra/notes.txt" in arts, "pagination: every page of the tree listed",
                sorted(arts))
    log = hub.log()
    trees = [e for e in log if "/tree/" in e["path"]]
    t.check(len(trees) >= 3 and any("cursor=" in e["path"] for e in trees),
            "the tree is paginated by Link headers", [e["path"] for e in trees])
    t.check(not any("tokenizer.json" in e["path"] or "notes.txt" in e["path"] for e in log),
            "unneeded files are not requested", [e["path"] for e in log])
    ranged = [e for e in log if "model.safetensors" in e["path"] or e["host"] == "lfs"]
    t.check(ranged and all(e["range"] for e in ranged), "weights are read by Range", ranged)
    t.check(all(e["agent"] == "trulyopen/0.1.0" for e in log), "User-Agent", log[:1])
    hub_auth = [e for e in log if e["host"] == "hub" and e["auth"]]
    lfs = [e for e in log if e["host"] == "lfs"]
    t.check(hub_auth and all(e["auth"] == "Bearer " + TOKEN for e in hub_auth),
            "the token goes to the endpoint", hub_auth[:1])
    t.check(lfs and not any(e["auth"] for e in lfs), "the token never goes to the LFS host", lfs)

    # -- the cache: a branch costs one revalidation per repository, a sha none ---
    hub.clear_log()
    rc2, doc2, err = check_json(hub, "hf://openorg/open-model", token=True)
    log = hub.log()
    t.check(rc2 == 0 and doc2 and doc2["verdict"] == "truly-open", "second check", err)
    t.check(len(log) == 2 and all("/revision/main" in e["path"] for e in log),
            "second check: one revalidation per repository", log)
    t.check(all(e["status"] == 304 for e in log), "revalidation answered 304 (ETag)", log)
    hub.clear_log()
    rc3, doc3, err = check_json(hub, "hf://openorg/open-model@" + sha, token=True)
    log = hub.log()
    t.check(rc3 == 0 and not [e for e in log if "open-model" in e["path"]],
            "a pinned sha in the cache makes no request for its repository", log)

    # -- offline: from the cache, or a clear refusal ------------------------------
    hub.clear_log()
    rc, doc, err = check_json(hub, "hf://openorg/open-model", HF_HUB_OFFLINE="1")
    t.check(rc == 0 and doc and doc["verdict"] == "truly-open" and hub.log() == [],
            "offline check from the cache: no request", (rc, err, hub.log()))
    rc, out, err = hub.run("check", "--offline", "hf://launder/llama-mit")
    t.check(rc == 2 and "offline" in err and hub.log() == [],
            "offline and not cached: exit 2, no request", (rc, err))

    # -- a Llama fine-tune relabelled MIT ------------------------------------------
    rc, doc, err = check_json(hub, "hf://launder/llama-mit", token=True)
    t.check(rc == 1 and doc and doc["verdict"] == "not-truly-open", "relabelled Llama fails",
            (rc, err))
    if doc:
        step = doc["lineage"][0] if doc["lineage"] else {}
        t.check(step.get("source", "").startswith("hub:meta-llama/Llama-2-7b-hf@"),
                "the gated base resolved with the token", step)
        t.check(doc["criteria"]["use_freedom"]["status"] == "fail", "use freedom fails")
        t.check(any(f["code"] == "license-laundering" for f in doc["findings"]),
                "license-laundering", [f["code"] for f in doc["findings"]])
    # no token, and a cache of its own (the first check's holds the base's card)
    rc, doc, err = check_json(hub, "hf://launder/llama-mit",
                              TRULYOPEN_CACHE=os.path.join(hub.tmp, "cache-no-token"))
    t.check(rc == 1 and doc and doc["criteria"]["use_freedom"]["status"] == "fail",
            "without a token the built-in table still fails it", (rc, err))
    if doc:
        gated = [f for f in doc["findings"] if f["code"] == "hub-gated"]
        t.check(gated and "HF_TOKEN" in gated[0]["message"],
                "a gated base says to set HF_TOKEN", doc["findings"])

    # -- a gated release --------------------------------------------------------------
    hub.clear_log()
    rc, doc, err = check_json(hub, "hf://meta-llama/Llama-2-7b-hf")
    t.check(rc == 1 and doc, "gated release without a token: exit 1", (rc, err))
    if doc:
        gated = [f for f in doc["findings"] if f["code"] == "hub-gated"]
        t.check(gated and gated[0]["severity"] == "error" and "HF_TOKEN" in gated[0]["message"]
                and "accept" in gated[0]["message"], "gated finding", doc["findings"])
    rc, doc, err = check_json(hub, "hf://meta-llama/Llama-2-7b-hf", token=True)
    t.check(doc and not any(f["code"] == "hub-gated" for f in doc["findings"]) and
            doc["criteria"]["use_freedom"]["status"] == "fail",
            "gated release with the token is read", (rc, err))

    # -- 404s ----------------------------------------------------------------------------
    rc, out, err = hub.run("check", "hf://nobody/nothing")
    t.check(rc == 2 and "nobody/nothing" in err and "no model" in err, "404 repository", err)
    rc, out, err = hub.run("check", "hf://openorg/open-model@no-such-branch")
    t.check(rc == 2 and "no-such-branch" in err and "no revision" in err, "404 revision", err)
    rc, out, err = hub.run("inspect", "hf://datasets/openorg/open-model")
    t.check(rc == 2 and "no dataset" in err, "404: a model is not a dataset", err)

    # -- URLs, inspect, hash ------------------------------------------------------------
    rc, out, err = hub.run("inspect", "-f", "json", hub.endpoint + "/openorg/open-model/tree/main")
    t.check(rc == 0 and '"hub-lfs"' in out, "inspect a Hub web URL", (rc, err))
    rc, out, err = hub.run("hash", "hf://datasets/openorg/open-data")
    try:
        man = json.loads(out)
    except ValueError:
        man = {}
    t.check(rc == 0 and [a["path"] for a in man.get("artifacts", [])] == ["README.md"],
            "hash of a dataset on the Hub", (rc, out, err))
    rc, out, err = hub.run("hash", "hf://openorg/open-model", token=True)
    man = json.loads(out) if rc == 0 else {}
    arts = {a["path"]: a for a in man.get("artifacts", [])}
    t.check(rc == 0 and len(arts) == 6 and arts["model.safetensors"].get("sha256_source")
            == "hub-lfs" and "sha256_source" not in arts["tokenizer.json"],
            "hash: every file hashed, LFS from the Hub", (rc, err, arts))
    manifest = os.path.join(hub.tmp, "open-model.manifest.json")
    with open(manifest, "w") as fh:
        fh.write(out)
    rc, out, err = hub.run("verify", "hf://openorg/open-model@" + sha, manifest, token=True)
    t.check(rc == 0 and out == "", "verify a Hub release against its manifest", (rc, out, err))

    # -- a PyTorch zip: its central directory and pickles, not its storages ----------
    hub.clear_log()
    rc, out, err = hub.run("inspect", "-f", "json", "hf://torch/model")
    doc = json.loads(out) if rc == 0 else {}
    arts = {a["path"]: a for a in doc.get("artifacts", [])}
    meta = arts.get("pytorch_model.bin", {}).get("metadata", {})
    codes = [f["code"] for f in doc.get("findings", [])]
    t.check(meta.get("format") == "zip" and meta.get("storages_not_read") == 1,
            "remote PyTorch zip: listed from its central directory", (err, meta))
    t.check("pickle-dangerous-global" in codes and "pytorch-scan-incomplete" not in codes,
            "remote PyTorch zip: its pickle scanned", codes)
    got = sum(e["bytes"] for e in hub.log() if e["host"] == "lfs")
    t.check(0 < got < 200 << 10, "remote PyTorch zip: %d bytes of 4 MiB read" % got, got)

    # -- GGUF: its header and metadata by range ----------------------------------------
    hub.clear_log()
    rc, out, err = hub.run("inspect", "-f", "json", "hf://gguf/model")
    doc = json.loads(out) if rc == 0 else {}
    meta = {a["path"]: a for a in doc.get("artifacts", [])}.get("model.gguf", {}).get("metadata", {})
    t.check("apache-2.0" in json.dumps(meta) and meta.get("tensor_count") == 1,
            "remote GGUF: metadata and tensor infos read", (err, meta))
    got = sum(e["bytes"] for e in hub.log() if e["host"] == "lfs")
    t.check(0 < got < 100 << 10, "remote GGUF: %d bytes of 3 MiB read" % got, got)

    # -- files whose loading runs code: read by range as a local scan reads them --------
    rc, out, err = hub.run("inspect", "-f", "json", "hf://unsafe/model")
    doc = json.loads(out) if rc == 0 else {}
    for name, (_, code) in sorted(UNSAFE.items()):
        found = [f["code"] for f in doc.get("findings", []) if f["path"] == name]
        t.check(code in found, "remote %s: %s" % (name, code), (err, found))
    # a name with a backslash is escaped as a scan of the files would name it
    paths = [a["path"] for a in doc.get("artifacts", [])]
    t.check("odd\\\\x41name.txt" in paths, "remote path escaped as a scan's", paths)

    # -- --download-hash: the Hub's value checked -------------------------------------
    hub.clear_log()
    rc, doc, err = check_json(hub, "--download-hash", "hf://openorg/open-model", token=True)
    arts = {a["path"]: a for a in doc["artifacts"]} if doc else {}
    t.check(rc == 0 and arts.get("model.safetensors", {}).get("sha256_source") == "computed",
            "--download-hash computes and agrees", (rc, err))
    rc, doc, err = check_json(hub, "--download-hash", "hf://tamper/model")
    t.check(rc == 1 and doc and any(f["code"] == "hub-sha256-mismatch" for f in doc["findings"]),
            "--download-hash: a mismatch is an error finding", (rc, err))

    # -- online resolution for a local release -------------------------------------------
    local = os.path.join(hub.tmp, "local-release")
    os.makedirs(local)
    with open(os.path.join(local, "README.md"), "w") as fh:
        fh.write(OPEN_CARD)
    rc, doc, err = check_json(hub, local)
    t.check(rc == 1 and doc and doc["criteria"]["data_access"]["status"] != "pass",
            "local release offline: dataset unresolved", (rc, err))
    rc, doc, err = check_json(hub, "--online", local)
    t.check(rc == 0 and doc and doc["verdict"] == "truly-open", "--online resolves it", (rc, err))
    hub.clear_log()
    rc, doc, err = check_json(hub, "--online", "--offline", local)
    t.check(rc == 2 and "contradict" in err and hub.log() == [], "--online --offline", err)

    # -- the Python bindings: trulyopen.check("hf://ORG/NAME") -------------------------
    import pyt_hub  # noqa: E402
    if pyt_hub.trulyopen is None:
        print("SKIP (part): %s" % pyt_hub.why)
    else:
        tro = pyt_hub.trulyopen
        library = os.environ.get("TRULYOPEN_LIBRARY")  # set by pyt_hub: keep it
        os.environ.clear()
        os.environ.update(hub.env(token=True))
        if library:
            os.environ["TRULYOPEN_LIBRARY"] = library
        with tro.check("hf://openorg/open-model") as rep:
            t.check(rep.verdict == "truly-open", "Python: check of a Hub reference", rep.verdict)
            t.check(rep.datasets and rep.datasets[0]["source"].startswith("hub:openorg/open-data@"),
                    "Python: resolved online", rep.datasets)
            arts = {a.path: a for a in rep.artifacts}
            t.check(arts["model.safetensors"].sha256_source == "hub-lfs", "Python: provenance")
        asked = []

        def mine(kind, ident):  # asked first; the Hub answers what it does not know
            asked.append(ident)
            return None
        with tro.check(local, resolver=mine, online=True) as rep:
            t.check(asked == ["openorg/open-data"] and rep.verdict == "truly-open",
                    "Python: a resolver, then the Hub", (asked, rep.verdict))
        with tro.Hub(offline=True) as client:
            rel = client.open("hf://openorg/open-model")
            t.check(rel.name.startswith("hf://openorg/open-model@") and
                    client.stats["requests"] == 0, "Python: Hub.open offline from the cache",
                    client.stats)
            rel.close()
            try:
                client.open("hf://launder/llama-mit@" + "0" * 40)
                t.check(False, "Python: offline and not cached raises")
            except tro.NetworkError as e:
                t.check("offline" in str(e), "Python: NetworkError says offline", str(e))

t.finish()
