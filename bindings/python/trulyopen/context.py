"""Contexts: the options and limits shared by every scan."""

from __future__ import annotations

import os
import threading
import warnings
from ctypes import byref, c_void_p
from typing import TYPE_CHECKING, Any, Callable, Iterable, Optional, Union

from . import _lib, errors
from ._handle import Handle
from ._lib import lib

if TYPE_CHECKING:
    from .release import Release

PathLike = Union[str, bytes, "os.PathLike[str]", "os.PathLike[bytes]"]
#: progress(bytes_done, bytes_total) -> truthy to cancel the scan
ProgressCallback = Callable[[int, int], Any]


class Context(Handle):
    """Options and limits for scanning releases (a ``tro_ctx``).

    threads: hashing workers (None: one per online CPU); no_hash: do not
    compute SHA-256 (no manifest can then be written); no_readers: only list
    and type artifacts; no_default_ignores: also read .git/ and other VCS
    folders; ignore: glob patterns of files to skip; max_*: the limits that
    protect against hostile input (0: the library's default): max_text_bytes
    (a card, JSON, YAML or licence file read whole), max_header_bytes (a
    safetensors header, GGUF metadata), max_entries (artifacts, archive
    entries), max_nesting_depth (nesting of JSON, YAML, archives, pickles;
    not the lineage, which check(max_lineage_depth=) bounds) and
    max_aliases (YAML alias references); max_depth is the former,
    deprecated name of max_nesting_depth; progress: a
    callable progress(bytes_done, bytes_total) called on the scanning thread
    about ten times a second during long scans, which cancels the scan
    (CanceledError) by returning a true value. An exception it raises
    cancels the scan and is re-raised by scan().

    Thread safety: a Context is immutable and may be shared by any number of
    threads, each scanning its own releases (the GIL is released while the
    library works). close() frees the C context once every Release, Catalog
    and Report made with it has been closed too.
    """

    _free_name = "tro_ctx_free"

    def __init__(self, threads: Optional[int] = None, no_hash: bool = False,
                 ignore: Iterable[str] = (), *, no_readers: bool = False,
                 no_default_ignores: bool = False, max_text_bytes: int = 0,
                 max_header_bytes: int = 0, max_entries: int = 0, max_nesting_depth: int = 0,
                 max_aliases: int = 0, max_expand_bytes: int = 0, max_expand_ratio: int = 0,
                 progress: Optional[ProgressCallback] = None,
                 max_depth: Optional[int] = None) -> None:
        super().__init__(None)
        if max_depth is not None:
            warnings.warn("Context(max_depth=) is now max_nesting_depth= (the nesting of "
                          "files, not the lineage: see check(max_lineage_depth=))",
                          DeprecationWarning, stacklevel=2)
            if max_nesting_depth and max_nesting_depth != max_depth:
                raise TypeError("max_depth and max_nesting_depth disagree")
            max_nesting_depth = max_depth
        self._tls = threading.local()
        opts = _lib.TroCtxOptions()
        opts.version = _lib.CTX_OPTIONS_VERSION
        opts.threads = _nonneg("threads", threads or 0)
        opts.flags = ((_lib.SCAN_NO_HASH if no_hash else 0)
                      | (_lib.SCAN_NO_READERS if no_readers else 0)
                      | (_lib.SCAN_NO_DEFAULT_IGNORES if no_default_ignores else 0))
        for name, value in (("max_text_bytes", max_text_bytes),
                            ("max_header_bytes", max_header_bytes),
                            ("max_entries", max_entries), ("max_depth", max_nesting_depth),
                            ("max_aliases", max_aliases),
                            ("max_expand_bytes", max_expand_bytes),
                            ("max_expand_ratio", max_expand_ratio)):
            setattr(opts.limits, name, _nonneg(name, value))
        if isinstance(ignore, (str, bytes)):
            ignore = [ignore]  # type: ignore[list-item]
        patterns = [os.fsencode(p) for p in ignore]
        array = _lib.c_strings(patterns)
        opts.ignore, opts.ignore_count = array, len(patterns)
        self._progress_fn = None
        if progress is not None:
            self._progress_fn = _progress_trampoline(progress, self._tls)
            opts.progress = self._progress_fn
        out = c_void_p()
        lib().tro_ctx_new(byref(out), byref(opts), _lib.error_struct())
        self._ptr = out.value

    @property
    def threads(self) -> int:
        """Number of hashing workers (never 0)."""
        with self._lock:
            return int(lib().tro_ctx_threads(self._handle()))

    def scan(self, path: PathLike) -> "Release":
        """Scans a file, folder or archive into a new Release (see
        trulyopen.scan())."""
        from .release import Release
        handle = self._acquire()
        out = c_void_p()
        try:
            self._tls.pending = None
            try:
                lib().tro_scan(handle, _lib.fsencode(path), byref(out), _lib.error_struct())
            except errors.Error:
                if self._tls.pending is None:
                    raise
            pending, self._tls.pending = self._tls.pending, None
            if pending is not None:  # the callback's exception, not CanceledError
                if out.value:
                    lib().tro_release_free(out.value)
                raise pending
        except BaseException:
            self._release_user()
            raise
        return Release._adopt(out.value, self)

    def new_release(self, name: Optional[str] = None) -> "Release":
        """An empty Release to fill with Release.add_buffer()."""
        from .release import Release
        return Release.new(self, name)

    def __repr__(self) -> str:
        state = "closed" if self.closed else f"threads={self.threads}"
        return f"<trulyopen.Context {state}>"


def _nonneg(name: str, value: Any) -> int:
    value = int(value)
    if value < 0:
        raise ValueError(f"{name} must not be negative")
    return value


def _progress_trampoline(progress: ProgressCallback, tls: threading.local) -> Any:
    """The C callback around a Python progress callable. It holds no reference
    to the Context, so a Context is freed as soon as it is unused."""
    def trampoline(done: int, total: int, _userdata: Optional[int]) -> int:
        try:
            return 1 if progress(int(done), int(total)) else 0
        except BaseException as exc:  # re-raised by Context.scan()
            tls.pending = exc
            return 1
    return _lib.PROGRESS_FN(trampoline)


def context_from(ctx: Optional[Context], options: dict) -> "tuple[Context, bool]":
    """The context to use for a call: ctx itself, or a new one made from
    options (then True: the caller closes it)."""
    if ctx is not None:
        if options:
            raise TypeError("pass either ctx or context options, not both: "
                            + ", ".join(sorted(options)))
        return ctx, False
    return Context(**options), True
