"""Provenance manifests: record what a release contains, and prove it unchanged."""

from __future__ import annotations

import json
import os
from ctypes import byref, c_char_p, c_int, c_void_p
from dataclasses import dataclass
from typing import Any, Dict, List, Optional, Union

from . import _lib
from ._lib import lib
from .context import Context, PathLike
from .release import ManifestArg, Release, scan

FORMAT = "trulyopen-manifest"
FORMAT_VERSION = 1
_KINDS = ("missing", "extra", "changed", "unreadable")


@dataclass(frozen=True)
class Difference:
    """One difference between a release and a manifest: kind "missing" (in
    the manifest, not in the release), "extra" (the other way round),
    "changed" (different size or SHA-256; detail gives the manifest's value
    first: "size 10 != 12, sha256 abc... != def...") or "unreadable" (the
    release could not be read there: a file, a folder deeper than max_depth,
    the rest of an archive; detail says why)."""

    kind: str
    path: str
    detail: str


def hash(path: PathLike, ctx: Optional[Context] = None, **ctx_options: Any) -> Dict[str, Any]:
    """The manifest of a file, folder or archive, as a dict (format,
    format_version, tool, artifacts). Options as trulyopen.scan()."""
    with scan(path, ctx, **ctx_options) as rel:
        return json.loads(rel.manifest())


def verify(path: Union[PathLike, Release], manifest: ManifestArg,
           ctx: Optional[Context] = None, **ctx_options: Any) -> List[Difference]:
    """Compares a release (a path scanned with ctx / ctx_options, or a
    Release) with a manifest given as a path, JSON text (str or bytes) or a
    dict. Returns the differences sorted by path: an empty list means the
    release is unchanged. ParseError / FormatError (with .offset) for a
    malformed manifest, VersionError for a newer format."""
    if isinstance(path, Release):
        if ctx is not None or ctx_options:
            raise TypeError("context options apply to paths, not to a Release")
        return verify_release(path, manifest)
    text = manifest_bytes(manifest)  # fail on a bad manifest before scanning
    with scan(path, ctx, **ctx_options) as rel:
        return verify_release(rel, text)


def manifest_bytes(manifest: ManifestArg) -> bytes:
    """Manifest text from a dict, JSON text (str or bytes, starting with
    "{") or a path."""
    if isinstance(manifest, dict):
        return json.dumps(manifest).encode("utf-8")
    if isinstance(manifest, (bytes, bytearray, memoryview)):
        return bytes(manifest)
    if isinstance(manifest, str) and manifest.lstrip().startswith("{"):
        return manifest.encode("utf-8")
    if isinstance(manifest, (str, os.PathLike)):
        with open(manifest, "rb") as f:
            return f.read()
    raise TypeError(f"manifest must be a path, JSON text or a dict, not "
                    f"{type(manifest).__name__}")


def verify_release(rel: Release, manifest: ManifestArg) -> List[Difference]:
    """Differences between an open Release and a manifest (see verify())."""
    text = manifest if isinstance(manifest, bytes) else manifest_bytes(manifest)
    L = lib()
    out = c_void_p()
    with rel._lock:
        L.tro_verify(rel._handle(), text, len(text), byref(out), _lib.error_struct())
    try:
        diffs = []
        kind, path, detail = c_int(), c_char_p(), c_char_p()
        for i in range(L.tro_verify_result_count(out)):
            L.tro_verify_result_get(out, i, byref(kind), byref(path), byref(detail))
            name = _KINDS[kind.value] if 0 <= kind.value < len(_KINDS) else str(kind.value)
            diffs.append(Difference(name, _lib.path_text(path.value), _lib.text(detail.value)))
        return diffs
    finally:
        L.tro_verify_result_free(out)
