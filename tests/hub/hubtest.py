"""Shared by the Hub tests: fixture repositories built at test time (their
cards are written here), the fake Hub (fakehub.py) started on loopback
addresses with random ports, and a runner for the CLI with an environment
that points it at the fake Hub and at caches of its own.

Tests that use it exit 77 (skip) when the library was built without
libcurl or 127.0.0.2 cannot be bound.
"""

import hashlib
import json
import os
import shutil
import socket
import struct
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SRCDIR = os.environ.get("top_srcdir") or os.path.dirname(os.path.dirname(HERE))
BUILDDIR = os.environ.get("top_builddir") or SRCDIR
TRULYOPEN = os.environ.get("TRULYOPEN") or os.path.join(BUILDDIR, "trulyopen")
TOKEN = "hf_fake_token_for_tests"
SKIP = 77


def skip(why):
    print("SKIP: %s" % why)
    sys.exit(SKIP)


def unavailable():
    """Why the Hub client cannot be tested here, or None."""
    config = os.path.join(BUILDDIR, "config.h")
    if os.path.exists(config) and "define TRO_HAVE_CURL 1" not in open(config).read():
        return "built without libcurl"
    try:
        s = socket.socket()
        s.bind(("127.0.0.2", 0))
        s.close()
    except OSError:
        return "127.0.0.2 cannot be bound here"
    return None


def require():
    """Skips the test when the Hub client cannot run here."""
    why = unavailable()
    if why:
        skip(why)


def sha_of(name):
    return hashlib.sha1(name.encode()).hexdigest()


def safetensors(tensors, metadata=None, data_size=None):
    """A safetensors file: {name: (dtype, shape)}; data zero-filled. With
    data_size, returns (header bytes, total size) for a sparse file."""
    header, off = {}, 0
    width = {"F32": 4, "F16": 2, "BF16": 2, "I64": 8}
    for name, (dtype, shape) in tensors.items():
        n = width[dtype]
        for d in shape:
            n *= d
        header[name] = {"dtype": dtype, "shape": shape, "data_offsets": [off, off + n]}
        off += n
    if metadata:
        header["__metadata__"] = metadata
    text = json.dumps(header).encode()
    text += b" " * (-len(text) % 8)
    head = struct.pack("<Q", len(text)) + text
    if data_size is not None:
        return head, len(head) + off
    return head + b"\0" * off


# ---- Cards ------------------------------------------------------------------

OPEN_CARD = """---
license: apache-2.0
datasets:
- openorg/open-data
library_name: transformers
pipeline_tag: text-generation
---
# Open Model

Trained with the code at https://github.com/openorg/open-trainer and described in
the paper https://arxiv.org/abs/2401.00001.

## Training procedure

The model was pre-trained from scratch for three epochs on the open-data corpus with
the AdamW optimiser, a cosine learning-rate schedule peaking at three in ten thousand,
a batch of one million tokens and a context of four thousand tokens, on sixty-four
accelerators over nine days; the full configuration files are in the trainer
repository, and every checkpoint was evaluated on held-out data.
"""

DATA_CARD = """---
license: cc-by-4.0
task_categories:
- text-generation
pretty_name: Open Data
---
# Open Data

A corpus of public-domain books and permissively licensed web text.
"""

LLAMA_CARD = """---
license: llama2
library_name: transformers
---
# Llama 2

The Llama 2 Community License applies.
"""

LAUNDER_CARD = """---
license: mit
base_model: meta-llama/Llama-2-7b-hf
library_name: transformers
---
# A fine-tune

Fine-tuned from Llama 2, released under MIT.
"""

APACHE = "Apache License\nVersion 2.0, January 2004\nhttp://www.apache.org/licenses/\n"


class FakeHub:
    """The fake Hub with the given repositories (dicts: kind, id, files
    {path: bytes | (head bytes, total size)}, lfs [paths], gated, faults,
    refs). Use as a context manager."""

    def __init__(self, repos, page_size=2, plain=False, token=TOKEN):
        self.tmp = tempfile.mkdtemp(prefix="trulyopen-hub-")
        self.spec = {"token": token, "page_size": page_size, "repos": []}
        self.plain = plain
        for r in repos:
            self.add(r)
        self.proc = None

    def add(self, r):
        sha = r.get("sha") or sha_of(r["id"] + r.get("salt", ""))
        files = []
        for path, data in r["files"].items():
            local = os.path.join(self.tmp, "repos", r["id"].replace("/", "--"), path)
            os.makedirs(os.path.dirname(local), exist_ok=True)
            with open(local, "wb") as fh:
                if isinstance(data, tuple):  # sparse: the head, then a hole
                    fh.write(data[0])
                    fh.truncate(data[1])
                else:
                    fh.write(data.encode() if isinstance(data, str) else data)
            f = {"path": path, "file": local, "lfs": path in r.get("lfs", ())}
            if path in r.get("sha256", {}):
                f["sha256"] = r["sha256"][path]
            files.append(f)
        self.spec["repos"].append({"kind": r.get("kind", "model"), "id": r["id"], "sha": sha,
                                   "refs": r.get("refs", {"main": sha}),
                                   "gated": r.get("gated", False),
                                   "faults": r.get("faults", {}), "files": files})
        return sha

    def __enter__(self):
        spec = os.path.join(self.tmp, "spec.json")
        with open(spec, "w") as fh:
            json.dump(self.spec, fh)
        self.ports = os.path.join(self.tmp, "ports")
        self.logfile = os.path.join(self.tmp, "requests.log")
        args = [sys.executable, os.path.join(HERE, "fakehub.py"), spec, self.ports, self.logfile]
        if self.plain:
            args.append("--plain")
        self.proc = subprocess.Popen(args)
        deadline = time.time() + 20
        while not os.path.exists(self.ports):
            if time.time() > deadline or self.proc.poll() is not None:
                self.__exit__()
                raise RuntimeError("the fake Hub did not start")
            time.sleep(0.05)
        self.port, self.lfs_port = map(int, open(self.ports).read().split())
        self.endpoint = "http://127.0.0.1:%d" % self.port
        self.cache = os.path.join(self.tmp, "cache")
        self.hf_home = os.path.join(self.tmp, "hf-home")
        return self

    def __exit__(self, *exc):
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        shutil.rmtree(self.tmp, ignore_errors=True)

    def sha(self, rid):
        return next(r["sha"] for r in self.spec["repos"] if r["id"] == rid)

    def log(self):
        if not os.path.exists(self.logfile):
            return []
        with open(self.logfile) as fh:
            return [json.loads(line) for line in fh if line.strip()]

    def clear_log(self):
        open(self.logfile, "w").close()

    def env(self, token=False, **extra):
        env = {k: v for k, v in os.environ.items()
               if not k.startswith("HF_") and k not in ("TRULYOPEN_CACHE", "XDG_CACHE_HOME")}
        env.update({"HF_ENDPOINT": self.endpoint, "TRULYOPEN_CACHE": self.cache,
                    "HF_HOME": self.hf_home, "HF_HUB_ETAG_TIMEOUT": "2",
                    "HF_HUB_DOWNLOAD_TIMEOUT": "2", "NO_COLOR": "1"})
        if token:
            env["HF_TOKEN"] = TOKEN
        env.update(extra)
        return env

    def run(self, *args, token=False, env=None, **extra):
        e = self.env(token, **extra)
        e.update(env or {})
        p = subprocess.run([TRULYOPEN] + list(args), env=e, capture_output=True, text=True,
                           timeout=120)
        return p.returncode, p.stdout, p.stderr


def check_json(hub, ref, *args, **kw):
    """`trulyopen check -f json` of ref: (status, report dict or None, stderr)."""
    rc, out, err = hub.run("check", "-f", "json", *args, ref, **kw)
    try:
        doc = json.loads(out) if out.strip() else None
    except ValueError:
        doc = None
    return rc, doc, err


class Failures:
    """Collects assertion failures so that one run reports them all."""

    def __init__(self):
        self.n = 0
        self.checked = 0

    def check(self, cond, what, detail=""):
        self.checked += 1
        if not cond:
            self.n += 1
            print("FAIL: %s%s" % (what, ("\n  " + str(detail)[:2000]) if detail else ""))

    def finish(self):
        print("%d checks, %d failed" % (self.checked, self.n))
        sys.exit(1 if self.n else 0)
