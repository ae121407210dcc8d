"""Contexts, scans, releases from memory, artifacts, findings, manifests and
verification through the bindings."""

import gc
import hashlib
import json
import os
import sys
import threading
import unittest
import weakref

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pyt  # noqa: E402
from pyt import trulyopen  # noqa: E402

OID = "4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393"
LFS_POINTER = (f"version https://git-lfs.github.com/spec/v1\noid sha256:{OID}\n"
               "size 4932501504\n")
CARD = pyt.card("apache-2.0", "# Model\n\nA model.\n", datasets=["org/corpus"])


def sha(data):
    return hashlib.sha256(data.encode() if isinstance(data, str) else data).hexdigest()


class Scanning(pyt.TempDirCase):
    def setUp(self):
        super().setUp()
        self.files = {"README.md": CARD, "config.json": '{"model_type": "llama"}\n',
                      "sub/notes.txt": "notes\n", "model.safetensors": LFS_POINTER,
                      ".git/HEAD": "ref: refs/heads/main\n", "cache/x.tmp": "tmp\n"}
        self.root = self.tree("release", self.files)

    def test_artifacts(self):
        with trulyopen.scan(self.root, ignore=["*.tmp"]) as rel:
            arts = rel.artifacts
            self.assertEqual([a.path for a in arts],
                             ["README.md", "config.json", "model.safetensors", "sub/notes.txt"])
            by = {a.path: a for a in arts}
            self.assertEqual(by["README.md"].type, "model-card")
            self.assertEqual(by["config.json"].type, "config")
            self.assertEqual(by["sub/notes.txt"].size, 6)
            self.assertEqual(by["sub/notes.txt"].sha256, sha("notes\n"))
            self.assertIsNone(by["README.md"].lfs)
            self.assertEqual(by["model.safetensors"].type, "lfs-pointer")
            self.assertEqual(by["model.safetensors"].lfs, trulyopen.LFS(OID, 4932501504))
            self.assertEqual(len(rel), 4)
            self.assertEqual([a.path for a in rel], [a.path for a in arts])
            self.assertEqual(rel.name, self.root)
            self.assertEqual(rel.find("config.json"), by["config.json"])
            self.assertIsNone(rel.find("nope"))

    def test_metadata(self):
        with trulyopen.scan(self.root) as rel:
            readme = rel.find("README.md")
            meta = readme.metadata
            self.assertEqual(meta["license"], ["apache-2.0"])
            self.assertEqual(meta["datasets"], ["org/corpus"])
            self.assertIs(readme.metadata, meta, "parsed once")
            self.assertEqual(rel.find("config.json").metadata.get("model_type"), "llama")
            self.assertEqual(rel.find("sub/notes.txt").metadata, {})
            late = rel.find("config.json")
        with self.assertRaises(ValueError):
            late.metadata  # the release is closed: nothing to read from
        self.assertEqual(readme.metadata["license"], ["apache-2.0"], "cached value survives")

    def test_findings(self):
        os.symlink("/etc/hostname", os.path.join(self.root, "escape"))
        with trulyopen.scan(self.root) as rel:
            found = {(f.code, f.path): f for f in rel.findings}
        lfs = found[("lfs-pointer", "model.safetensors")]
        self.assertEqual(lfs.severity, "warning")
        self.assertIn("model.safetensors", lfs.message)
        self.assertIsNone(lfs.offset)
        self.assertEqual(found[("symlink-escape", "escape")].severity, "warning")

    def test_finding_offsets(self):
        rel = trulyopen.Release.from_buffers(
            {"README.md": "---\nlicense: [mit\n---\n# x\n"})
        with rel:
            offsets = [f.offset for f in rel.findings if f.path == "README.md"]
        self.assertTrue(offsets, "a malformed front matter gives a finding")
        self.assertTrue(all(o is None or o >= 0 for o in offsets))
        self.assertTrue(any(isinstance(o, int) for o in offsets), offsets)

    def test_default_ignores(self):
        with trulyopen.scan(self.root, no_default_ignores=True) as rel:
            self.assertIn(".git/HEAD", [a.path for a in rel.artifacts])

    def test_no_hash_and_no_readers(self):
        with trulyopen.scan(self.root, no_hash=True) as rel:
            self.assertTrue(all(a.sha256 is None for a in rel.artifacts))
            with self.assertRaises(trulyopen.InvalidArgumentError):
                rel.manifest()
        with trulyopen.scan(self.root, no_readers=True) as rel:
            self.assertEqual(rel.find("README.md").metadata, {})

    def test_single_file_and_archive(self):
        with trulyopen.scan(os.path.join(self.root, "config.json")) as rel:
            self.assertEqual([a.path for a in rel.artifacts], ["config.json"])
        import tarfile
        tgz = os.path.join(self.tmp, "release.tar.gz")
        with tarfile.open(tgz, "w:gz") as tar:
            tar.add(self.root, arcname="release-1.0")
        with trulyopen.scan(tgz) as a, trulyopen.scan(self.root) as b:
            self.assertEqual(json.loads(a.manifest())["artifacts"],
                             json.loads(b.manifest())["artifacts"])

    def test_context(self):
        with trulyopen.Context(threads=3, ignore="*.tmp", max_text_bytes=1 << 20) as ctx:
            self.assertEqual(ctx.threads, 3)
            rel = ctx.scan(self.root)
            self.assertIs(rel.context, ctx)
            self.assertNotIn("cache/x.tmp", [a.path for a in rel.artifacts])
            rel2 = ctx.new_release("mem")
            rel2.add_buffer("a.txt", b"a")
            self.assertEqual(rel2.name, "mem")
        # the context is closed but stays alive for its releases
        self.assertTrue(ctx.closed)
        self.assertEqual(len(rel.artifacts), 4)
        with self.assertRaises(ValueError):
            ctx.scan(self.root)
        rel.close()
        rel2.close()
        rel.close()  # idempotent
        self.assertTrue(rel.closed)
        with self.assertRaises(ValueError):
            rel.artifacts
        self.assertIsNone(ctx._ptr, "freed with its last release")
        with self.assertRaises(ValueError):
            trulyopen.Context(threads=-1)
        with self.assertRaises(TypeError):
            trulyopen.scan(self.root, ctx=trulyopen.Context(), threads=2)

    def test_release_objects_cannot_be_made_directly(self):
        with self.assertRaises(TypeError):
            trulyopen.Release()

    def test_threads_share_a_context(self):
        expected = trulyopen.hash(self.root)
        results, errors = [], []
        with trulyopen.Context(threads=2) as ctx:
            def work():
                try:
                    for _ in range(20):
                        with ctx.scan(self.root) as rel:
                            results.append(json.loads(rel.manifest()))
                except Exception as exc:  # reported below
                    errors.append(exc)
            threads = [threading.Thread(target=work) for _ in range(4)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
        self.assertEqual(errors, [])
        self.assertEqual(len(results), 80)
        self.assertTrue(all(r == expected for r in results))


class Progress(pyt.TempDirCase):
    def setUp(self):
        super().setUp()
        self.root = self.tree("big", {f"f{i}.bin": os.urandom(256 << 10) for i in range(8)})

    def test_called_with_totals(self):
        calls = []
        with trulyopen.scan(self.root, progress=lambda d, t: calls.append((d, t))) as rel:
            self.assertEqual(len(rel.artifacts), 8)
        self.assertTrue(calls)
        self.assertEqual(calls[-1], (8 * (256 << 10), 8 * (256 << 10)))
        self.assertTrue(all(0 <= d <= t for d, t in calls))

    def test_cancel(self):
        with self.assertRaises(trulyopen.CanceledError) as cm:
            trulyopen.scan(self.root, progress=lambda d, t: True)
        self.assertEqual(cm.exception.code, -9)

    def test_exception_propagates(self):
        class Stop(Exception):
            pass

        def boom(done, total):
            raise Stop("from the callback")
        with trulyopen.Context(progress=boom) as ctx:
            with self.assertRaises(Stop):
                ctx.scan(self.root)
            # the context is still usable: the next scan raises again
            with self.assertRaises(Stop):
                ctx.scan(self.root)

    def test_freed_without_the_cycle_collector(self):
        # no reference cycles: handles are freed as soon as they are unused
        gc.disable()
        try:
            ctx = trulyopen.Context(progress=lambda d, t: None)
            ref = weakref.ref(ctx)
            rel = ctx.scan(self.root)
            del ctx
            self.assertIsNotNone(ref(), "a release keeps its context")
            arts = rel.artifacts
            rel_ref = weakref.ref(rel)
            del rel
            self.assertIsNotNone(rel_ref(), "artifacts keep their release for metadata")
            self.assertEqual(arts[0].metadata, {})
            del arts
            self.assertIsNone(rel_ref())
            self.assertIsNone(ref())
        finally:
            gc.enable()


class FromMemory(unittest.TestCase):
    def test_from_buffers(self):
        files = {"README.md": CARD.encode(), "weights/model.safetensors": LFS_POINTER.encode(),
                 "data.bin": bytearray(b"\x00\x01\x02"), "view.bin": memoryview(b"xyz")}
        with trulyopen.Release.from_buffers(files, name="org/model") as rel:
            self.assertEqual(rel.name, "org/model")
            by = {a.path: a for a in rel.artifacts}
            self.assertEqual(sorted(by), sorted(files))
            self.assertEqual(by["README.md"].type, "model-card")
            self.assertEqual(by["data.bin"].sha256, sha(b"\x00\x01\x02"))
            self.assertEqual(by["view.bin"].size, 3)
            self.assertEqual(by["weights/model.safetensors"].lfs.size, 4932501504)
            self.assertEqual(by["README.md"].metadata["datasets"], ["org/corpus"])

    def test_add_buffer(self):
        with trulyopen.Release.new(name="r") as rel:
            rel.add_buffer("a.txt", b"one")
            self.assertEqual([a.path for a in rel.artifacts], ["a.txt"])
            rel.add_buffer("LICENSE", b"MIT License\n\nPermission is hereby granted")
            self.assertEqual([a.path for a in rel.artifacts], ["LICENSE", "a.txt"])
            self.assertEqual(rel.find("LICENSE").type, "license")
            for bad in ("/abs", "../up", "a/../b", "a.txt"):
                with self.assertRaises(trulyopen.InvalidArgumentError) as cm:
                    rel.add_buffer(bad, b"x")
                self.assertIn(bad, str(cm.exception))
            self.assertIn("already in the release", str(cm.exception))
            self.assertEqual(len(rel), 2)
            manifest = json.loads(rel.manifest())
            self.assertEqual([a["path"] for a in manifest["artifacts"]], ["LICENSE", "a.txt"])
        with self.assertRaises(ValueError):
            rel.add_buffer("b.txt", b"")

    def test_bytes_are_not_retained(self):
        data = bytearray(b"original")
        with trulyopen.Release.from_buffers({"x.bin": data}) as rel:
            data[:] = b"changed!"
            self.assertEqual(rel.find("x.bin").sha256, sha(b"original"))


class Manifests(pyt.TempDirCase):
    def setUp(self):
        super().setUp()
        self.root = self.tree("release", {"w/a.bin": "abc", "keep.txt": "keep",
                                          "gone.txt": "gone", "README.md": CARD})

    def test_hash(self):
        m = trulyopen.hash(self.root, threads=1)
        self.assertEqual(m["format"], "trulyopen-manifest")
        self.assertEqual(m["format_version"], 1)
        self.assertEqual(m["tool"], "trulyopen " + trulyopen.version())
        self.assertEqual([a["path"] for a in m["artifacts"]],
                         ["README.md", "gone.txt", "keep.txt", "w/a.bin"])
        self.assertEqual(m["artifacts"][3], {"path": "w/a.bin", "size": 3,
                                             "sha256": sha("abc"), "type": "other"})
        with trulyopen.scan(self.root, threads=4) as rel:
            self.assertEqual(json.loads(rel.manifest()), m, "independent of threads")

    def test_verify_unchanged_in_every_form(self):
        with trulyopen.scan(self.root) as rel:
            text = rel.manifest()
        path = os.path.join(self.tmp, "m.json")
        with open(path, "w") as f:
            f.write(text)
        import pathlib
        for manifest in (text, text.encode(), json.loads(text), path, pathlib.Path(path)):
            with self.subTest(kind=type(manifest).__name__):
                self.assertEqual(trulyopen.verify(self.root, manifest), [])

    def test_verify_differences(self):
        manifest = trulyopen.hash(self.root)
        with open(os.path.join(self.root, "w", "a.bin"), "w") as f:
            f.write("abd")
        with open(os.path.join(self.root, "new.txt"), "w") as f:
            f.write("new")
        os.remove(os.path.join(self.root, "gone.txt"))
        diffs = trulyopen.verify(self.root, manifest)
        self.assertEqual([(d.kind, d.path) for d in diffs],
                         [("missing", "gone.txt"), ("extra", "new.txt"), ("changed", "w/a.bin")])
        self.assertEqual(diffs[0].detail, "")
        self.assertEqual(diffs[2].detail, f"sha256 {sha('abc')} != {sha('abd')}")
        with trulyopen.scan(self.root) as rel:
            self.assertEqual(rel.verify(manifest), diffs)
            self.assertEqual(trulyopen.verify(rel, manifest), diffs)

    def test_lfs_pointer_verifies_real_content(self):
        content = b"the real weights"
        pointer = (f"version https://git-lfs.github.com/spec/v1\noid sha256:{sha(content)}\n"
                   f"size {len(content)}\n")
        with trulyopen.Release.from_buffers({"m.bin": pointer}) as bare:
            manifest = bare.manifest()
        with trulyopen.Release.from_buffers({"m.bin": content}) as full:
            self.assertEqual(full.verify(manifest), [])
        with trulyopen.Release.from_buffers({"m.bin": b"other weights"}) as wrong:
            self.assertEqual([d.kind for d in wrong.verify(manifest)], ["changed"])

    def test_bad_manifests(self):
        with self.assertRaises(trulyopen.ParseError) as cm:
            trulyopen.verify(self.root, '{"format": ')
        self.assertIsNotNone(cm.exception.offset)
        with self.assertRaises(trulyopen.FormatError):
            trulyopen.verify(self.root, {"format": "something-else"})
        with self.assertRaises(trulyopen.VersionError):
            trulyopen.verify(self.root, {"format": "trulyopen-manifest", "format_version": 99,
                                         "artifacts": []})
        with self.assertRaises(FileNotFoundError):
            trulyopen.verify(self.root, os.path.join(self.tmp, "absent.json"))
        with self.assertRaises(TypeError):
            trulyopen.verify(self.root, 42)


class Integrity(pyt.TempDirCase):
    """Names that are not UTF-8, what cannot be read, archive bombs and
    printing names from a release, through the bindings."""

    def test_names_not_utf8(self):
        root = os.path.join(self.tmp, "r")
        os.mkdir(root)
        with open(os.path.join(os.fsencode(root), b"bad\xff.txt"), "wb") as f:
            f.write(b"abc")
        m = trulyopen.hash(root)
        self.assertEqual([a["path"] for a in m["artifacts"]], ["bad\\xff.txt"])
        self.assertEqual(trulyopen.verify(root, m), [])
        with open(os.path.join(os.fsencode(root), b"new\xfe"), "wb") as f:
            f.write(b"x")
        self.assertEqual([(d.kind, d.path) for d in trulyopen.verify(root, m)],
                         [("extra", "new\\xfe")])

    def test_unreadable(self):
        root = os.path.join(self.tmp, "r")
        os.mkdir(root)
        with open(os.path.join(root, "ok.txt"), "w") as f:
            f.write("abc")
        m = trulyopen.hash(root)
        here = os.getcwd()
        try:  # a path longer than PATH_MAX: even root cannot open it
            os.chdir(root)
            for _ in range(24):
                os.mkdir("n" * 200)
                os.chdir("n" * 200)
            with open("deep.txt", "w") as f:
                f.write("abc")
        finally:
            os.chdir(here)
        with self.assertRaises(trulyopen.TrulyOpenIOError) as cm:
            trulyopen.hash(root)
        self.assertIn("a manifest would leave out what was not", str(cm.exception))
        diffs = trulyopen.verify(root, m)
        self.assertEqual([d.kind for d in diffs], ["unreadable"])
        self.assertTrue(diffs[0].path.startswith("n" * 200))
        self.assertIn("too long", diffs[0].detail)

    def test_expansion_limits(self):
        import zipfile
        path = os.path.join(self.tmp, "zeros.zip")
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr("zeros.bin", bytes(4 << 20))
        with trulyopen.scan(path) as rel:  # under the defaults: read
            self.assertEqual([a.path for a in rel.artifacts], ["zeros.bin"])
        with trulyopen.scan(path, max_expand_bytes=1 << 20) as rel:
            self.assertEqual(rel.artifacts, [])
            self.assertIn("archive-bomb", [f.code for f in rel.findings])
            with self.assertRaises(trulyopen.TrulyOpenIOError):
                rel.manifest()

    def test_text_escape(self):
        for raw, shown in (("esc\x1b[2J", "esc\\x1b[2J"), ("cr\r", "cr\\r"), ("bel\x07", "bel\\x07"),
                           ("nl\nerror fake-finding: x", "nl\\nerror fake-finding: x"),
                           ("del\x7f", "del\\x7f"), ("c1\x9b", "c1\\u009b"),
                           ("rlo\u202e", "rlo\\u202e"), ("lri\u2066", "lri\\u2066"),
                           (b"bad\xff", "bad\\xff"), ("caf\u00e9 \\ ok", "caf\u00e9 \\ ok")):
            with self.subTest(raw=raw):
                self.assertEqual(trulyopen.text_escape(raw), shown)
        with self.assertRaises(ValueError):
            trulyopen.text_escape("a\0b")


if __name__ == "__main__":
    pyt.main()
