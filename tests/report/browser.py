# SPDX-FileCopyrightText: The trulyopen authors
# SPDX-License-Identifier: Apache-2.0
"""A headless Chromium driven over the DevTools protocol on a pipe
(--remote-debugging-pipe: commands on the browser's fd 3, answers and
events on its fd 4, each a JSON message ended by a NUL byte), with the
standard library only.

Used by the HTML report tests to load a page with the network cut off and
to learn what it did: every request it made, every console message and
every security (CSP) message, what its DOM holds after load, and a
screenshot.
"""

import base64
import json
import os
import select
import shutil
import subprocess
import tempfile
import time


def find_chromium():
    """The Chromium binary ($CHROMIUM, else one on PATH), or None."""
    env = os.environ.get("CHROMIUM")
    if env:
        return env if shutil.which(env) else None
    for name in ("chromium", "chromium-browser", "google-chrome", "chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


class BrowserError(Exception):
    pass


class Browser:
    """One headless browser with one page. Use as a context manager."""

    def __init__(self, binary, timeout=60.0):
        self.timeout = timeout
        self.profile = tempfile.mkdtemp(prefix="trobrowser.")
        to_browser_r, self._to_browser = os.pipe()
        self._from_browser, from_browser_w = os.pipe()
        args = [binary, "--headless", "--remote-debugging-pipe", "--disable-gpu",
                "--no-first-run", "--no-default-browser-check", "--disable-extensions",
                "--disable-background-networking", "--disable-sync",
                "--disable-component-update", "--hide-scrollbars", "--mute-audio",
                "--user-data-dir=" + self.profile,
                # the network is cut off: no name resolves and every proxied
                # request goes to a port nothing listens on
                "--host-resolver-rules=MAP * ~NOTFOUND", "--proxy-server=127.0.0.1:9",
                "--window-size=1100,1400", "about:blank"]
        if os.geteuid() == 0:
            args.insert(1, "--no-sandbox")

        def fds():
            # through copies: dup2 onto the same number would keep close-on-exec
            r, w = os.dup(to_browser_r), os.dup(from_browser_w)
            os.dup2(r, 3)
            os.dup2(w, 4)

        self.proc = subprocess.Popen(args, stdin=subprocess.DEVNULL,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                     preexec_fn=fds, close_fds=False)
        os.close(to_browser_r)
        os.close(from_browser_w)
        self._buf = b""
        self._id = 0
        self.events = []
        self.session = None

    def __enter__(self):
        try:
            targets = self.call("Target.getTargets")["targetInfos"]
            page = next(t for t in targets if t["type"] == "page")
            self.session = self.call("Target.attachToTarget", targetId=page["targetId"],
                                     flatten=True)["sessionId"]
        except Exception:
            self.close()
            raise
        return self

    def __exit__(self, *exc):
        self.close()

    def close(self):
        if self.proc.poll() is None:
            try:
                self._send("Browser.close", {}, None)
                self.proc.wait(timeout=10)
            except Exception:
                self.proc.kill()
                self.proc.wait()
        for fd in (self._to_browser, self._from_browser):
            try:
                os.close(fd)
            except OSError:
                pass
        shutil.rmtree(self.profile, ignore_errors=True)

    # ---- the protocol ---------------------------------------------------------

    def _send(self, method, params, session):
        self._id += 1
        msg = {"id": self._id, "method": method, "params": params}
        if session:
            msg["sessionId"] = session
        os.write(self._to_browser, json.dumps(msg).encode() + b"\0")
        return self._id

    def _read(self, deadline):
        """The next message, or None when the deadline has passed."""
        while b"\0" not in self._buf:
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            ready, _, _ = select.select([self._from_browser], [], [], left)
            if not ready:
                return None
            chunk = os.read(self._from_browser, 1 << 16)
            if not chunk:
                raise BrowserError("the browser closed its pipe")
            self._buf += chunk
        raw, self._buf = self._buf.split(b"\0", 1)
        return json.loads(raw)

    def call(self, method, session=None, **params):
        """Sends a command and returns its result; events met meanwhile are
        kept in self.events."""
        wanted = self._send(method, params, session)
        deadline = time.monotonic() + self.timeout
        while True:
            msg = self._read(deadline)
            if msg is None:
                raise BrowserError(f"{method}: no answer in {self.timeout} s")
            if msg.get("id") == wanted:
                if "error" in msg:
                    raise BrowserError(f"{method}: {msg['error']}")
                return msg.get("result", {})
            if "method" in msg:
                self.events.append(msg)

    def page(self, method, **params):
        return self.call(method, self.session, **params)

    def wait_event(self, name, seconds):
        """Waits for an event of the page (kept with the others); False when
        it did not come."""
        deadline = time.monotonic() + seconds
        if any(e["method"] == name for e in self.events):
            return True
        while True:
            msg = self._read(deadline)
            if msg is None:
                return False
            if "method" in msg:
                self.events.append(msg)
                if msg["method"] == name:
                    return True

    def settle(self, seconds):
        """Collects events for a while (timers a page might have set)."""
        deadline = time.monotonic() + seconds
        while True:
            msg = self._read(deadline)
            if msg is None:
                return
            if "method" in msg:
                self.events.append(msg)

    # ---- what the tests use ---------------------------------------------------

    def load(self, url, settle=0.5):
        """Loads url with every request recorded; returns when it has loaded
        and settled."""
        self.events = []
        for domain in ("Page", "Runtime", "Network", "Log"):
            self.page(domain + ".enable")
        self.page("Page.navigate", url=url)
        if not self.wait_event("Page.loadEventFired", self.timeout):
            raise BrowserError(f"{url}: did not load")
        self.settle(settle)

    def requests(self):
        return [e["params"]["request"]["url"] for e in self.events
                if e["method"] == "Network.requestWillBeSent"]

    def console(self):
        """Console calls and uncaught exceptions of the page."""
        out = [" ".join(str(a.get("value", a.get("description", ""))) for a in e["params"]["args"])
               for e in self.events if e["method"] == "Runtime.consoleAPICalled"]
        out += [e["params"]["exceptionDetails"].get("text", "exception")
                for e in self.events if e["method"] == "Runtime.exceptionThrown"]
        return out

    def log(self):
        """Browser log entries (security: a script or a load the page's
        Content-Security-Policy refused)."""
        return [(e["params"]["entry"]["source"], e["params"]["entry"]["text"])
                for e in self.events if e["method"] == "Log.entryAdded"]

    def evaluate(self, expression):
        """The JSON value of an expression evaluated in the page."""
        res = self.page("Runtime.evaluate", expression=expression, returnByValue=True)
        if "exceptionDetails" in res:
            raise BrowserError(f"evaluate: {res['exceptionDetails']}")
        return res["result"].get("value")

    def screenshot(self, path, full=True):
        """A PNG of the page (the whole of it when full) written to path."""
        params = {"format": "png"}
        if full:
            m = self.page("Page.getLayoutMetrics")["cssContentSize"]
            params.update(captureBeyondViewport=True,
                          clip={"x": 0, "y": 0, "width": m["width"], "height": m["height"],
                                "scale": 1})
        data = self.page("Page.captureScreenshot", **params)["data"]
        with open(path, "wb") as f:
            f.write(base64.b64decode(data))
