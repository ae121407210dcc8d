#!/usr/bin/env python3
"""Checking a release on the Hub without downloading it: what is transferred
and how many requests are made for a release whose weights total 1 GiB (two
512 MiB safetensors shards in Git LFS, sparse files served by the fake Hub
of the tests, tests/hub/fakehub.py), against downloading the release, the
alternative; then the time of a second, cached check of the same branch
and of the pinned commit.

Usage: bench/hub.py [path/to/trulyopen]     (run from the source tree)
"""

import json
import os
import re
import subprocess
import sys
import time

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tests", "hub"))
if len(sys.argv) > 1:
    os.environ["TRULYOPEN"] = os.path.abspath(sys.argv[1])
os.environ.setdefault("top_builddir", os.getcwd())
import hubtest  # noqa: E402
from hubtest import APACHE, DATA_CARD, OPEN_CARD, FakeHub, safetensors  # noqa: E402

hubtest.require()
LAYERS = 24
HIDDEN = 1792  # two shards of 12 layers: just over 512 MiB each


def shard(first):
    """A safetensors shard of 12 transformer layers (names as Llama's)."""
    tensors = {}
    for layer in range(first, first + LAYERS // 2):
        for part in ("self_attn.q_proj", "self_attn.k_proj", "self_attn.v_proj",
                     "self_attn.o_proj", "mlp.gate_proj", "mlp.up_proj", "mlp.down_proj"):
            tensors["model.layers.%d.%s.weight" % (layer, part)] = ("BF16", [HIDDEN, HIDDEN])
        for norm in ("input_layernorm", "post_attention_layernorm"):
            tensors["model.layers.%d.%s.weight" % (layer, norm)] = ("BF16", [HIDDEN])
    head, size = safetensors(tensors, {"format": "pt"}, data_size=True)
    return (head, size), sorted(tensors)


shard1, names1 = shard(0)
shard2, names2 = shard(LAYERS // 2)
index = {"metadata": {"total_size": shard1[1] + shard2[1] - len(shard1[0]) - len(shard2[0])},
         "weight_map": dict([(n, "model-00001-of-00002.safetensors") for n in names1] +
                            [(n, "model-00002-of-00002.safetensors") for n in names2])}
FILES = {"README.md": OPEN_CARD, "LICENSE": APACHE,
         "config.json": json.dumps({"model_type": "llama", "num_hidden_layers": LAYERS}),
         "generation_config.json": "{}",
         "model.safetensors.index.json": json.dumps(index),
         "model-00001-of-00002.safetensors": shard1, "model-00002-of-00002.safetensors": shard2,
         "tokenizer.json": "x" * (2 << 20), "tokenizer_config.json": "{}"}
LFS = ["model-00001-of-00002.safetensors", "model-00002-of-00002.safetensors"]
REPOS = [{"id": "bench/one-gib", "files": FILES, "lfs": LFS,
          "sha256": {p: "%064x" % (i + 1) for i, p in enumerate(LFS)}},  # declared, not hashed
         {"kind": "dataset", "id": "openorg/open-data", "files": {"README.md": DATA_CARD}}]


def summary(err):
    m = re.search(r"(\d+) requests, (\d+) bytes received, (\d+) answers from the cache", err)
    return tuple(map(int, m.groups())) if m else (None, None, None)


def timed(hub, *args):
    start = time.perf_counter()
    rc, out, err = hub.run("check", "-f", "json", *args)
    return rc, time.perf_counter() - start, summary(err), out


with FakeHub(REPOS, page_size=1000) as hub:
    total = sum(len(v) if isinstance(v, str) else v[1] for v in FILES.values())
    weights = shard1[1] + shard2[1]
    rc, first, (req1, got1, _), out = timed(hub, "hf://bench/one-gib")
    served = sum(e["bytes"] for e in hub.log())
    doc = json.loads(out)
    print("release: %d files, %.2f GiB in all, weights %.2f GiB" % (len(FILES), total / 2**30,
                                                                      weights / 2**30))
    print("first check:  exit %d, %s, %d requests, %d bytes received by trulyopen "
          "(%.1f KiB), %d body bytes served by the fake Hub, %.3f s" %
          (rc, doc["verdict"], req1, got1, got1 / 1024, served, first))
    print("  = 1/%d of downloading the release (%d bytes)" % (total // max(got1, 1), total))
    hub.clear_log()
    times = []
    for _ in range(5):
        rc2, t2, (req2, got2, cached2), _ = timed(hub, "hf://bench/one-gib")
        times.append(t2)
    print("second check (branch main): exit %d, %d requests (one revalidation per repository),"
          " %d bytes, %d answers from the cache, median %.3f s of 5" %
          (rc2, req2, got2, cached2, sorted(times)[2], ))
    sha = hub.sha("bench/one-gib")
    times = []
    for _ in range(5):
        rc3, t3, (req3, got3, cached3), _ = timed(hub, "--offline", "hf://bench/one-gib@" + sha)
        times.append(t3)
    print("second check (commit %s, --offline): exit %d, %d requests, median %.3f s of 5" %
          (sha[:12], rc3, req3, sorted(times)[2]))
    print("  first/second time ratio: %.1f" % (first / sorted(times)[2]))
