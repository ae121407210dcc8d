"""The Hugging Face Hub: releases opened by their Hub id without downloading
their weights (Hub.open), and base models and datasets resolved online (a
Hub given to trulyopen.check())."""

from __future__ import annotations

from ctypes import byref, c_void_p
from typing import Any, Dict, Optional

from . import _lib
from ._handle import Handle
from ._lib import lib
from .context import Context, context_from
from .release import Release


def _ms(seconds: Optional[float]) -> int:
    return int(round(seconds * 1000)) if seconds else 0


def _text(value: Optional[str]) -> Optional[bytes]:
    return None if value is None else value.encode("utf-8")


class Hub(Handle):
    """A client of the Hub (a ``tro_hub``): endpoint, token, caches and
    connections. Arguments left None come from the environment as
    huggingface_hub reads it (HF_ENDPOINT, HF_TOKEN or the token file,
    HF_HUB_CACHE or HF_HOME, HF_HUB_OFFLINE, TRULYOPEN_CACHE), unless
    use_env is False; "" means none (no token, no cache). Timeouts are in
    seconds. A Hub may be shared between threads."""

    _free_name = "tro_hub_free"

    def __init__(self, endpoint: Optional[str] = None, token: Optional[str] = None,
                 cache_dir: Optional[str] = None, hf_cache_dir: Optional[str] = None, *,
                 offline: bool = False, use_env: bool = True, max_parallel: int = 0,
                 connect_timeout: float = 0, stall_timeout: float = 0,
                 total_timeout: float = 0, max_tries: int = 0, retry_base: float = 0,
                 max_retry_wait: float = 0, max_response_bytes: int = 0) -> None:
        super().__init__(None)
        opts = _lib.TroHubOptions(
            version=_lib.HUB_OPTIONS_VERSION,
            flags=(_lib.HUB_OFFLINE if offline else 0) | (0 if use_env else _lib.HUB_NO_ENV),
            endpoint=_text(endpoint), token=_text(token), cache_dir=_text(cache_dir),
            hf_cache_dir=_text(hf_cache_dir), max_parallel=max_parallel,
            connect_timeout_ms=_ms(connect_timeout), stall_timeout_ms=_ms(stall_timeout),
            total_timeout_ms=_ms(total_timeout), max_tries=max_tries,
            retry_base_ms=_ms(retry_base), max_retry_wait_ms=_ms(max_retry_wait),
            max_response_bytes=max_response_bytes)
        out = c_void_p()
        lib().tro_hub_new(byref(out), byref(opts), _lib.error_struct())
        self._ptr = out.value

    def is_ref(self, ref: str) -> bool:
        """Whether ref names a Hub repository (hf://ORG/NAME[@REV],
        hf://datasets/..., a Hub URL) rather than a local path."""
        with self._lock:
            return bool(lib().tro_hub_is_ref(self._handle(), ref.encode("utf-8")))

    def open(self, ref: str, ctx: Optional[Context] = None, *, download_hash: bool = False,
             hash_all: bool = False, **ctx_options: Any) -> Release:
        """The repository ref names as a Release, without downloading its
        weights: files listed by the tree API (LFS files with the Hub's
        SHA-256, Artifact.sha256_source "hub-lfs"), metadata downloaded
        whole, weights read by HTTP range. download_hash streams each LFS
        file through SHA-256 and compares it with the Hub's value; hash_all
        also downloads the files stored outside LFS, so that every artifact
        has a hash. Raises NotFoundError, AccessError, NetworkError,
        UnsupportedError (built without libcurl)."""
        ctx, own = context_from(ctx, ctx_options)
        try:
            handle = ctx._acquire()
            out = c_void_p()
            flags = (_lib.HUB_DOWNLOAD_HASH if download_hash else 0) | \
                (_lib.HUB_HASH_ALL if hash_all else 0)
            hub = self._acquire()  # the client is thread-safe: no lock held
            try:
                lib().tro_hub_open(hub, handle, ref.encode("utf-8"), flags, byref(out),
                                   _lib.error_struct())
            except BaseException:
                ctx._release_user()
                raise
            finally:
                self._release_user()
            return Release._adopt(out.value, ctx)
        finally:
            if own:
                ctx.close()

    @property
    def stats(self) -> Dict[str, int]:
        """What the client did so far: requests, bytes_received, bytes_sent,
        cache_reads."""
        st = _lib.TroHubStats()
        with self._lock:
            lib().tro_hub_stats_get(self._handle(), byref(st))
        return {name: int(getattr(st, name)) for name, _ in _lib.TroHubStats._fields_}


def is_hub_ref(ref: Any) -> bool:
    """Whether ref (a str) names a repository on the Hub: hf://ORG/NAME,
    hf://datasets/ORG/NAME (with @REV), https://huggingface.co/ORG/NAME..."""
    if not isinstance(ref, str):
        return False
    return bool(lib().tro_hub_is_ref(None, ref.encode("utf-8")))
