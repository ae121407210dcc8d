# SPDX-FileCopyrightText: The trulyopen authors
# SPDX-License-Identifier: Apache-2.0
"""Signed attestations: checking a DSSE envelope of an in-toto statement
against a public key and a release (Report.attest() makes one)."""

from __future__ import annotations

import os
from ctypes import byref, c_char_p, c_int, c_void_p
from dataclasses import dataclass
from typing import Any, Optional, Tuple, Union

from . import _lib
from ._lib import lib
from .context import Context, PathLike
from .manifest import Difference
from .release import Release, scan

PREDICATE_TYPE = "https://trulyopen.dev/attestation/report/v1"
_KINDS = ("missing", "extra", "changed")


@dataclass(frozen=True)
class Attestation:
    """What verify_attestation() found: whether a signature verified with
    the key, the statement's predicate type and subject count, and the
    differences between its subjects and the release (kind "missing",
    "extra" or "changed"). It holds when ok is True."""

    signature_ok: bool
    predicate_type: Optional[str]
    subjects: int
    differences: Tuple[Difference, ...]
    predicate: Optional[str]

    @property
    def ok(self) -> bool:
        return self.signature_ok and not self.differences


def _bytes(arg: Union[str, bytes, PathLike], what: str) -> bytes:
    if isinstance(arg, (bytes, bytearray, memoryview)):
        return bytes(arg)
    if isinstance(arg, str) and arg.lstrip().startswith(("{", "-----BEGIN")):
        return arg.encode("utf-8")
    if isinstance(arg, (str, os.PathLike)):
        with open(arg, "rb") as f:
            return f.read()
    raise TypeError(f"{what} must be a path, text or bytes, not {type(arg).__name__}")


def verify_attestation(path: Union[PathLike, Release], envelope: Union[str, bytes, PathLike],
                       pubkey: Union[str, bytes, PathLike], ctx: Optional[Context] = None,
                       **ctx_options: Any) -> Attestation:
    """Checks a DSSE envelope (a path, JSON text or bytes) with a PEM public
    key (a path, PEM text or bytes) against a release (a path scanned with
    ctx / ctx_options, hashing, or a Release)."""
    env = _bytes(envelope, "envelope")
    key = _bytes(pubkey, "pubkey")
    if isinstance(path, Release):
        return _verify(path, env, key)
    with scan(path, ctx, **ctx_options) as rel:
        return _verify(rel, env, key)


def _verify(rel: Release, env: bytes, key: bytes) -> Attestation:
    L = lib()
    out = c_void_p()
    with rel._lock:
        L.tro_attest_verify(rel._handle(), env, len(env), key, len(key), byref(out),
                            _lib.error_struct())
    try:
        diffs = []
        kind, p, detail = c_int(), c_char_p(), c_char_p()
        for i in range(L.tro_attestation_difference_count(out)):
            L.tro_attestation_difference(out, i, byref(kind), byref(p), byref(detail))
            name = _KINDS[kind.value] if 0 <= kind.value < len(_KINDS) else str(kind.value)
            diffs.append(Difference(name, _lib.path_text(p.value), _lib.text(detail.value)))
        ptype = L.tro_attestation_predicate_type(out)
        pred = L.tro_attestation_predicate(out)
        return Attestation(bool(L.tro_attestation_signature_ok(out)),
                           _lib.text(ptype) if ptype is not None else None,
                           int(L.tro_attestation_subject_count(out)), tuple(diffs),
                           _lib.text(pred) if pred is not None else None)
    finally:
        L.tro_attestation_free(out)
