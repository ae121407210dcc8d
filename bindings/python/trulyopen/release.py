"""Releases: the artifacts a model release ships, their hashes, types, what
the format readers extracted, and the findings made on them."""

from __future__ import annotations

import json
from ctypes import byref, c_char_p, c_size_t, c_uint64, c_void_p
from dataclasses import dataclass, field
from typing import (TYPE_CHECKING, Any, Dict, Iterator, List, Mapping, NamedTuple, Optional,
                    Union)

from . import _lib, errors
from ._handle import Handle
from ._lib import lib
from .context import Context, PathLike, context_from

if TYPE_CHECKING:
    from .manifest import Difference

BytesLike = Union[bytes, bytearray, memoryview, str]


class LFS(NamedTuple):
    """What a Git LFS pointer declares about the absent content."""
    oid: str   #: lowercase hex SHA-256
    size: int  #: bytes


@dataclass(frozen=True)
class Artifact:
    """One file of a release. ``path`` is relative to the release root,
    ``size`` in bytes, ``type`` the stable type name ("model-card",
    "safetensors", "lfs-pointer", ...), ``sha256`` None when the release was
    scanned without hashing, ``lfs`` set for Git LFS pointers,
    ``sha256_source`` where the hash came from ("computed", or "hub-lfs" for
    the Hub's value of an LFS file of a remote release). ``metadata`` is
    what the format reader extracted (a dict parsed on first access; it needs
    the Release still open then; None for artifacts listed in a Report)."""

    path: str
    size: int
    sha256: Optional[str]
    type: str
    lfs: Optional[LFS] = None
    sha256_source: Optional[str] = None
    _release: Optional["Release"] = field(default=None, repr=False, compare=False)

    @property
    def metadata(self) -> Optional[Dict[str, Any]]:
        cached = self.__dict__.get("_metadata")
        if cached is None and self._release is not None:
            cached = json.loads(self._release._metadata_json(self.path))
            object.__setattr__(self, "_metadata", cached)
        return cached


@dataclass(frozen=True)
class Finding:
    """A problem noticed in a release: severity ("info", "warning", "error"),
    a stable kebab-case code, a message, the artifact path ("" for the whole
    release) and the byte offset in that artifact (None when not applicable)."""

    severity: str
    code: str
    message: str
    path: str
    offset: Optional[int]


class Release(Handle):
    """A scanned release (a ``tro_release``): artifacts sorted by path and
    findings. Made by trulyopen.scan(), Context.scan(), Release.new() or
    Release.from_buffers(). Strings are copied out of the library, so the
    lists stay valid after close(); only Artifact.metadata needs the release
    open when first read.

    Thread safety: a Release may be passed between threads; its methods
    serialise on an internal lock (the C library allows one thread at a time
    per release). The Context it was made with stays open until it is closed.
    """

    _free_name = "tro_release_free"

    def __init__(self) -> None:
        raise TypeError("use trulyopen.scan(), Release.new() or Release.from_buffers()")

    @classmethod
    def _adopt(cls, ptr: Optional[int], ctx: Context) -> "Release":
        """Wraps a release the caller owns, made with ctx (already acquired)."""
        self = cls.__new__(cls)
        Handle.__init__(self, ptr)
        self._ctx = ctx
        self._findings: Optional[List[Finding]] = None
        return self

    @classmethod
    def new(cls, ctx: Optional[Context] = None, name: Optional[str] = None,
            **ctx_options: Any) -> "Release":
        """An empty release, filled from memory with add_buffer() (for
        registries that hold the bytes in a database). name labels the release
        in messages. Without ctx, a context is made from ctx_options (see
        Context) and closed with the release."""
        ctx, own = context_from(ctx, ctx_options)
        try:
            handle = ctx._acquire()
        finally:
            if own:
                ctx.close()  # freed with the release
        out = c_void_p()
        try:
            lib().tro_release_new(byref(out), handle,
                                  name.encode("utf-8") if name is not None else None)
        except BaseException:
            ctx._release_user()
            raise
        return cls._adopt(out.value, ctx)

    @classmethod
    def from_buffers(cls, buffers: Mapping[str, BytesLike], name: Optional[str] = None,
                     ctx: Optional[Context] = None, **ctx_options: Any) -> "Release":
        """A release of in-memory files: {relative path: bytes}."""
        rel = cls.new(ctx, name, **ctx_options)
        try:
            for path, data in buffers.items():
                rel.add_buffer(path, data)
        except BaseException:
            rel.close()
            raise
        return rel

    def add_buffer(self, name: str, data: BytesLike) -> None:
        """Adds one artifact from memory under the relative path name
        ("README.md", "weights/model.safetensors"); the bytes (a str is
        encoded as UTF-8) are typed, read and hashed now and not retained. InvalidArgumentError for an absolute
        name, one containing "..", or one already added; LimitError past
        max_entries."""
        arg, length = _lib.buffer_arg(data)
        with self._lock:
            lib().tro_release_add_buffer(self._handle(), _lib.fsencode(name), arg, length)
            self._findings = None

    def _free(self, ptr: int) -> None:
        lib().tro_release_free(ptr)
        self._ctx._release_user()

    def _detach(self) -> "tuple[int, Context]":
        """Gives the C release away (its new owner frees it): returns the
        pointer and the context, whose user count the caller now holds."""
        with self._lock:
            ptr = self._handle()
            self._ptr, self._closing = None, True
            return ptr, self._ctx

    @property
    def context(self) -> Context:
        """The Context the release was made with."""
        return self._ctx

    @property
    def name(self) -> str:
        """Root path or name the release was made from."""
        with self._lock:
            return _lib.path_text(lib().tro_release_name(self._handle()))

    @property
    def artifacts(self) -> List[Artifact]:
        """The artifacts, sorted by path (built anew on each access: each
        Artifact keeps the release alive for its metadata)."""
        with self._lock:
            handle = self._handle()
            count = lib().tro_release_artifact_count(handle)
            return [self._artifact(lib().tro_release_artifact(handle, i))
                    for i in range(count)]

    def find(self, path: str) -> Optional[Artifact]:
        """The artifact with this relative path, or None."""
        with self._lock:
            ptr = lib().tro_release_find(self._handle(), _lib.fsencode(path))
            return self._artifact(ptr) if ptr else None

    def _artifact(self, ptr: int) -> Artifact:
        L = lib()
        oid, size = c_char_p(), c_uint64()
        lfs = LFS(_lib.text(oid.value), int(size.value)) \
            if L.tro_artifact_lfs(ptr, byref(oid), byref(size)) == 1 else None
        sha = L.tro_artifact_sha256(ptr)
        source = L.tro_artifact_sha256_source(ptr) if sha and L.has("tro_artifact_sha256_source") \
            else None
        return Artifact(path=_lib.path_text(L.tro_artifact_path(ptr)),
                        size=int(L.tro_artifact_size(ptr)),
                        sha256=sha.decode("ascii") if sha else None,
                        type=_lib.text(L.tro_type_name(L.tro_artifact_type(ptr))),
                        lfs=lfs, sha256_source=_lib.text(source) if source else None,
                        _release=self)

    def _metadata_json(self, path: str) -> str:
        with self._lock:
            ptr = lib().tro_release_find(self._handle(), _lib.fsencode(path))
            if not ptr:
                raise KeyError(path)
            out, length = c_void_p(), c_size_t()
            lib().tro_artifact_metadata(ptr, byref(out), byref(length))
        return _lib.take_string(out, length)

    @property
    def findings(self) -> List[Finding]:
        """The findings, sorted by path, then offset, then code."""
        with self._lock:
            if self._findings is None:
                handle, L = self._handle(), lib()
                found = []
                for i in range(L.tro_release_finding_count(handle)):
                    f = L.tro_release_finding(handle, i)
                    offset = int(L.tro_finding_offset(f))
                    found.append(Finding(
                        severity=_lib.text(L.tro_severity_name(L.tro_finding_severity(f))),
                        code=_lib.text(L.tro_finding_code(f)),
                        message=_lib.text(L.tro_finding_message(f)),
                        path=_lib.path_text(L.tro_finding_path(f)),
                        offset=offset if offset >= 0 else None))
                self._findings = found
            return list(self._findings)

    def manifest(self) -> str:
        """The provenance manifest (JSON text, deterministic). Needs a hashed
        release: InvalidArgumentError after a scan with no_hash."""
        out, length = c_void_p(), c_size_t()
        with self._lock:
            lib().tro_release_manifest(self._handle(), byref(out), byref(length))
        return _lib.take_string(out, length)

    def verify(self, manifest: "ManifestArg") -> "List[Difference]":
        """Compares the release with a manifest (see trulyopen.verify())."""
        from .manifest import verify_release
        return verify_release(self, manifest)

    def __len__(self) -> int:
        with self._lock:
            return int(lib().tro_release_artifact_count(self._handle()))

    def __iter__(self) -> Iterator[Artifact]:
        return iter(self.artifacts)

    def __repr__(self) -> str:
        if self.closed:
            return "<trulyopen.Release closed>"
        return f"<trulyopen.Release {self.name!r} artifacts={len(self)}>"


ManifestArg = Union[str, bytes, "PathLike", Dict[str, Any]]


def scan(path: PathLike, ctx: Optional[Context] = None, **ctx_options: Any) -> Release:
    """Scans a file, a folder (sorted walk, VCS folders and ignore patterns
    skipped, symlinks leaving the root not followed except a Hugging Face
    cache snapshot's links into its blobs) or an archive (streamed,
    never extracted): every artifact typed, read and hashed. Problems in the
    content become findings; only an unusable path raises (TrulyOpenIOError,
    LimitError, CanceledError). Without ctx, a context is made from
    ctx_options (threads, no_hash, ignore, max_*, progress: see Context) and
    closed with the release."""
    ctx, own = context_from(ctx, ctx_options)
    try:
        return ctx.scan(path)
    finally:
        if own:
            ctx.close()
