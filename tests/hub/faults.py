#!/usr/bin/env python3
"""What goes wrong on a network, against the fake Hub: a 429 with
Retry-After, a 500, a truncated body and a stalled answer are tried again
and the check succeeds; an oversized answer, a file that keeps failing and
an answer that never comes give their message or finding and exit status,
never a crash; a server with only the Hub's three API calls (no ETags, no
pagination, no redirects, no error codes) is enough."""

import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import hubtest  # noqa: E402
from hubtest import (APACHE, DATA_CARD, OPEN_CARD, FakeHub, Failures, check_json,  # noqa: E402
                     safetensors)

hubtest.require()
t = Failures()

WEIGHTS = safetensors({"w": ("F32", [4, 4])}, {"format": "pt"})
FILES = {"README.md": OPEN_CARD, "LICENSE": APACHE, "config.json": '{"model_type": "llama"}',
         "model.safetensors": WEIGHTS}
DATA = {"kind": "dataset", "id": "openorg/open-data", "files": {"README.md": DATA_CARD}}

REPOS = [
    {"id": "flaky/model", "lfs": ["model.safetensors"], "files": FILES,
     "faults": {"revision": ["429"], "tree": ["500"], "file:README.md": ["truncate"],
                "file:config.json": ["stall"]}},
    {"id": "oversize/model", "files": FILES, "faults": {"tree": ["oversize"]}},
    {"id": "broken/model", "lfs": ["model.safetensors"],
     "files": {k: v for k, v in FILES.items() if k != "LICENSE"},
     "faults": {"file:README.md": ["500"] * 3, "file:model.safetensors": ["stall"] * 3}},
    {"id": "patient/model", "files": FILES, "faults": {"revision": ["429"]}},
    DATA,
]

with FakeHub(REPOS, page_size=100) as hub:
    # -- retried, then fine -------------------------------------------------------
    start = time.time()
    rc, doc, err = check_json(hub, "hf://flaky/model", HF_HUB_DOWNLOAD_TIMEOUT="0.4")
    took = time.time() - start
    t.check(rc == 0 and doc and doc["verdict"] == "truly-open",
            "429, 500, truncated and stalled answers are tried again", (rc, err))
    log = hub.log()
    faults = sorted(e["fault"] for e in log if e["fault"])
    t.check(faults == ["429", "500", "stall", "truncate"], "each fault was served", faults)
    t.check(any(e["status"] == 429 for e in log) and took >= 1.0,
            "Retry-After: 1 was honoured", took)
    t.check(took < 20, "retries stay short", took)

    # -- an answer larger than the limit ------------------------------------------------
    rc, out, err = hub.run("check", "hf://oversize/model")
    t.check(rc == 2 and "larger than" in err, "oversized tree answer: exit 2 and why", err)

    # -- a file that keeps failing: its finding, the criterion unknown -------------------
    import pyt_hub  # noqa: E402  (the bindings, when they can be loaded)
    if pyt_hub.trulyopen is None:
        print("SKIP (part): %s" % pyt_hub.why)
    else:
        tro = pyt_hub.trulyopen
        with tro.Hub(endpoint=hub.endpoint, token="", cache_dir=os.path.join(hub.tmp, "c2"),
                     hf_cache_dir="", use_env=False, max_tries=2, retry_base=0.05,
                     stall_timeout=0.3, max_retry_wait=0.5) as client:
            start = time.time()
            with tro.check("hf://broken/model", hub=client) as rep:
                codes = [(f.code, f.path) for f in rep.findings]
                t.check(("hub-fetch-failed", "README.md") in codes and
                        ("hub-fetch-failed", "model.safetensors") in codes,
                        "files that keep failing give hub-fetch-failed", codes)
                t.check(rep.criteria["use_freedom"].status == "unknown" and
                        not rep.truly_open, "and the criterion is unknown, not passed",
                        rep.criteria["use_freedom"].status)
                msg = [f.message for f in rep.findings if f.path == "README.md"]
                t.check(msg and "HTTP 500" in msg[0] and "2 tries" in msg[0],
                        "the finding says what failed and how often", msg)
                msg = [f.message for f in rep.findings if f.path == "model.safetensors"]
                t.check(msg and "nothing received" in msg[0], "a stall is a timeout", msg)
            t.check(time.time() - start < 10, "bounded in time", time.time() - start)
            # a Retry-After longer than the time left fails at once
            with tro.Hub(endpoint=hub.endpoint, token="", cache_dir="", hf_cache_dir="",
                         use_env=False, max_retry_wait=0.5) as strict:
                try:
                    strict.open("hf://patient/model")
                    t.check(False, "a Retry-After beyond the budget fails")
                except tro.NetworkError as e:
                    t.check("Retry-After" in str(e), "Retry-After beyond the budget", str(e))
            st = client.stats
            t.check(st["requests"] > 0 and st["bytes_received"] > 0, "statistics", st)

with FakeHub([dict(r, faults={}) for r in REPOS[:1]] + [DATA], plain=True) as hub:
    # -- a server with the three API calls only -------------------------------------------
    rc, doc, err = check_json(hub, "hf://flaky/model")
    t.check(rc == 0 and doc and doc["verdict"] == "truly-open",
            "a plain server (no ETag, pagination, redirect, error codes)", (rc, err))
    arts = {a["path"]: a for a in doc["artifacts"]} if doc else {}
    t.check(arts.get("model.safetensors", {}).get("sha256_source") == "hub-lfs",
            "plain server: LFS hashes from the tree", arts)
    hub.clear_log()
    rc, doc, err = check_json(hub, "hf://flaky/model")
    log = hub.log()
    t.check(rc == 0 and len(log) == 2 and all(e["status"] == 200 for e in log),
            "plain server: a second check asks for the revision once per repository", log)
    rc, out, err = hub.run("check", "hf://nobody/nothing")
    t.check(rc == 2 and "nobody/nothing" in err, "plain server: 404 without error codes", err)

t.finish()
