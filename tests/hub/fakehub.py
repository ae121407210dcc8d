#!/usr/bin/env python3
"""A fake Hugging Face Hub for the tests: the three API calls the client
uses, as the Hub answers them, on 127.0.0.1, and a Git LFS file host on
127.0.0.2 that the Hub redirects LFS downloads to.

    fakehub.py SPEC.json PORTS_FILE LOG_FILE [--plain]

SPEC.json describes the repositories (built by the test that starts the
server; see tests/hub/hubtest.py). Both servers bind random ports, written
as "HUB_PORT LFS_PORT" to PORTS_FILE once they listen. Every request is
logged to LOG_FILE as a JSON line: host, method, path, range, whether an
Authorization header came and with which token, status, body bytes sent.

The Hub's behaviours: Link-header pagination of the tree, ETag and 304 on
the revision API, Range (206), LFS files redirected to the second host
(X-Linked-Etag, X-Linked-Size), gated repositories (401 without the token),
404 with X-Error-Code; and injected faults, consumed in order per
repository and endpoint: "429" (Retry-After: 1), "500", "stall" (headers,
then nothing), "truncate" (half the body promised), "oversize" (a
Content-Length of 64 MiB). --plain turns off everything the client must
not depend on: ETags, pagination, redirects (LFS files are served by the
Hub itself), X-Error-Code and X-Linked-* headers.

The server stops by itself after 600 seconds.
"""

import hashlib
import json
import os
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LIFETIME = 600
STALL_SECONDS = 5


class Repo:
    def __init__(self, spec):
        self.kind = spec.get("kind", "model")
        self.id = spec["id"]
        self.sha = spec["sha"]
        self.refs = spec.get("refs", {"main": self.sha})
        self.gated = spec.get("gated", False)
        self.faults = {k: list(v) for k, v in spec.get("faults", {}).items()}
        self.files = []
        for f in spec["files"]:
            size = os.path.getsize(f["file"])
            entry = {"path": f["path"], "file": f["file"], "size": size,
                     "lfs": bool(f.get("lfs"))}
            if entry["lfs"]:
                entry["sha256"] = f.get("sha256") or sha256_file(f["file"])
                entry["oid"] = hashlib.sha1(b"lfs " + entry["sha256"].encode()).hexdigest()
            else:
                with open(f["file"], "rb") as fh:
                    data = fh.read()
                entry["oid"] = hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()
            self.files.append(entry)
        self.files.sort(key=lambda e: e["path"])
        self.lock = threading.Lock()

    def fault(self, key):
        with self.lock:
            todo = self.faults.get(key)
            return todo.pop(0) if todo else None

    def tree(self):
        out, dirs = [], set()
        for f in self.files:
            parts = f["path"].split("/")
            for i in range(1, len(parts)):
                d = "/".join(parts[:i])
                if d not in dirs:
                    dirs.add(d)
                    out.append({"type": "directory", "oid": "0" * 40, "size": 0, "path": d})
            e = {"type": "file", "oid": f["oid"], "size": f["size"], "path": f["path"]}
            if f["lfs"]:
                e["lfs"] = {"oid": f["sha256"], "size": f["size"], "pointerSize": 134}
            out.append(e)
        return out


def sha256_file(path):
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


class State:
    def __init__(self, spec, log_path, plain):
        self.repos = {(r.kind, r.id.lower()): r for r in map(Repo, spec["repos"])}
        self.token = spec.get("token")
        self.page_size = spec.get("page_size", 1000)
        self.plain = plain
        self.log = open(log_path, "a", buffering=1)
        self.log_lock = threading.Lock()
        self.hub_port = self.lfs_port = 0
        self.by_sha256 = {}
        for r in self.repos.values():
            for f in r.files:
                if f["lfs"]:
                    self.by_sha256[f["sha256"]] = f

    def record(self, **kw):
        with self.log_lock:
            self.log.write(json.dumps(kw) + "\n")


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    state = None  # set per server
    host_name = ""

    def log_message(self, fmt, *args):  # quiet
        pass

    # ---- sending -------------------------------------------------------------

    def send(self, status, body=b"", headers=None, fault=None):
        headers = dict(headers or {})
        if fault == "oversize":
            headers["Content-Length"] = str(64 << 20)
        elif fault == "stall":  # a body is promised, never sent
            headers["Content-Length"] = str(len(body) + 1)
        elif "Content-Length" not in headers:
            headers["Content-Length"] = str(len(body))
        sent = {"stall": 0, "truncate": len(body) // 2,
                "oversize": min(len(body), 1 << 16)}.get(fault, len(body))
        # logged first: a stalled answer is seen while it stalls
        self.state.record(host=self.host_name, method=self.command, path=self.path,
                          range=self.headers.get("Range"),
                          auth=self.headers.get("Authorization"),
                          inm=self.headers.get("If-None-Match"),
                          agent=self.headers.get("User-Agent"),
                          status=status, bytes=sent, fault=fault)
        self.send_response(status)
        for k, v in headers.items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body[:sent])
        if fault in ("stall", "truncate", "oversize"):
            self.wfile.flush()
            if fault == "stall":
                time.sleep(STALL_SECONDS)
            self.close_connection = True

    def send_json(self, status, obj, headers=None, fault=None):
        body = json.dumps(obj).encode()
        h = {"Content-Type": "application/json"}
        h.update(headers or {})
        self.send(status, body, h, fault)

    def error(self, status, code, message):
        h = {} if self.state.plain else {"X-Error-Code": code, "X-Error-Message": message}
        self.send_json(status, {"error": message}, h)

    def serve_fault(self, fault):
        if fault == "429":
            self.send_json(429, {"error": "slow down"}, {"Retry-After": "1"}, fault="429")
            return True
        if fault == "500":
            self.send_json(500, {"error": "internal error"}, fault="500")
            return True
        return False

    def serve_file(self, entry, extra=None, fault=None):
        size = entry["size"]
        headers = dict(extra or {})
        rng = self.headers.get("Range")
        start, end, status = 0, size - 1, 200
        if rng and rng.startswith("bytes="):
            a, _, b = rng[6:].partition("-")
            start = int(a)
            end = min(int(b), size - 1) if b else size - 1
            if start >= size:
                self.send(416, b"", {"Content-Range": "bytes */%d" % size})
                return
            status = 206
            headers["Content-Range"] = "bytes %d-%d/%d" % (start, end, size)
        length = end - start + 1
        if length > (256 << 20):  # the tests never download more than this whole
            self.send(500, b"too big for the fake hub")
            return
        with open(entry["file"], "rb") as fh:
            fh.seek(start)
            body = fh.read(length)
        headers["Accept-Ranges"] = "bytes"
        self.send(status, body, headers, fault)

    # ---- routing ---------------------------------------------------------------

    def authorised(self, repo):
        return not repo.gated or self.headers.get("Authorization") == "Bearer %s" % self.state.token

    def find(self, kind, rid):
        return self.state.repos.get((kind, rid.lower()))

    def do_GET(self):
        try:
            if self.host_name == "lfs":
                return self.lfs_get()
            url = urllib.parse.urlsplit(self.path)
            parts = [urllib.parse.unquote(p) for p in url.path.split("/")[1:]]
            if parts[:1] == ["api"] and len(parts) >= 6:
                return self.api(parts, urllib.parse.parse_qs(url.query))
            return self.resolve(parts)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def api(self, parts, query):
        kind = {"models": "model", "datasets": "dataset"}.get(parts[1])
        repo = self.find(kind, "/".join(parts[2:4])) if kind else None
        what, rev = parts[4], "/".join(parts[5:])
        if repo is None:
            return self.error(404, "RepoNotFound", "Repository not found")
        key = what
        fault = repo.fault(key)
        if self.serve_fault(fault):
            return
        sha = repo.refs.get(rev, rev if rev == repo.sha else None)
        if sha is None:
            return self.error(404, "RevisionNotFound", "Invalid rev id: %s" % rev)
        if what == "revision":
            doc = {"id": repo.id, "sha": sha, "private": False,
                   "gated": "manual" if repo.gated else False,
                   "siblings": [{"rfilename": f["path"]} for f in repo.files]}
            body = json.dumps(doc).encode()
            etag = '"%s"' % hashlib.sha1(body).hexdigest()
            if not self.state.plain and self.headers.get("If-None-Match") == etag:
                return self.send(304, b"", {"ETag": etag})
            h = {"Content-Type": "application/json"}
            if not self.state.plain:
                h["ETag"] = etag
            return self.send(200, body, h, fault)
        if what == "tree":
            entries = repo.tree()
            size = len(entries) if self.state.plain else self.state.page_size
            cursor = int(query.get("cursor", ["0"])[0])
            page = entries[cursor:cursor + size]
            h = {}
            if cursor + size < len(entries):
                nxt = "http://127.0.0.1:%d%s?recursive=true&cursor=%d" % (
                    self.state.hub_port, urllib.parse.quote(urllib.parse.urlsplit(self.path).path),
                    cursor + size)
                h["Link"] = '<%s>; rel="next"' % nxt
            return self.send_json(200, page, h, fault)
        return self.error(404, "EntryNotFound", "no such API")

    def resolve(self, parts):
        kind = "model"
        if parts[:1] == ["datasets"]:
            kind, parts = "dataset", parts[1:]
        if len(parts) < 5 or parts[2] != "resolve":
            return self.error(404, "EntryNotFound", "not found")
        repo = self.find(kind, "/".join(parts[:2]))
        if repo is None:
            return self.error(404, "RepoNotFound", "Repository not found")
        rev, path = parts[3], "/".join(parts[4:])
        if rev not in (repo.sha,) and repo.refs.get(rev) is None:
            return self.error(404, "RevisionNotFound", "Invalid rev id: %s" % rev)
        if not self.authorised(repo):
            return self.error(401, "GatedRepo", "Access to this repository is restricted")
        entry = next((f for f in repo.files if f["path"] == path), None)
        if entry is None:
            return self.error(404, "EntryNotFound", "%s does not exist" % path)
        fault = repo.fault("file:" + path)
        if self.serve_fault(fault):
            return
        if entry["lfs"] and not self.state.plain:
            target = "http://127.0.0.2:%d/lfs/%s?sig=fake" % (self.state.lfs_port,
                                                              entry["sha256"])
            return self.send(302, b"", {"Location": target, "X-Linked-Etag": '"%s"' % entry["sha256"],
                                        "X-Linked-Size": str(entry["size"])}, fault)
        etag = entry["sha256"] if entry["lfs"] else entry["oid"]
        return self.serve_file(entry, {"ETag": '"%s"' % etag}, fault)

    def lfs_get(self):
        path = urllib.parse.urlsplit(self.path).path
        entry = self.state.by_sha256.get(path.rsplit("/", 1)[-1])
        if entry is None:
            return self.send(404, b"no such object")
        return self.serve_file(entry, {"ETag": '"%s"' % entry["sha256"]})


def serve(state, host, name):
    handler = type("H" + name, (Handler,), {"state": state, "host_name": name})
    server = ThreadingHTTPServer((host, 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server.server_address[1]


def main():
    spec_path, ports_path, log_path = sys.argv[1:4]
    plain = "--plain" in sys.argv[4:]
    with open(spec_path) as fh:
        spec = json.load(fh)
    state = State(spec, log_path, plain)
    state.hub_port = serve(state, "127.0.0.1", "hub")
    state.lfs_port = serve(state, "127.0.0.2", "lfs")
    with open(ports_path + ".tmp", "w") as fh:
        fh.write("%d %d\n" % (state.hub_port, state.lfs_port))
    os.rename(ports_path + ".tmp", ports_path)
    time.sleep(LIFETIME)


if __name__ == "__main__":
    main()
