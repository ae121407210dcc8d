# SPDX-FileCopyrightText: The trulyopen authors
# SPDX-License-Identifier: Apache-2.0
"""The base of every object that owns a handle of the C library."""

from __future__ import annotations

import threading
from typing import Any, Optional


class Handle:
    """Owns one C handle, freed by close(), by leaving a ``with`` block, or
    (as a safety net) when the object is garbage collected. close() is
    idempotent.

    Objects that other objects depend on (a Context used by Releases, a
    Catalog or Policy used by a running check) count their users with
    _acquire() / _release_user(): close() then marks the object closed at
    once but frees the C handle only when the last user is done, so closing
    in the wrong order never frees memory still in use. Methods hold
    ``self._lock`` while they use the handle.
    """

    _free_name = ""  # the tro_*_free function of the handle

    def __init__(self, ptr: Optional[int]) -> None:
        self._ptr = ptr
        self._users = 0
        self._closing = False
        self._lock = threading.RLock()

    @property
    def closed(self) -> bool:
        """True once close() was called (or the handle was given away)."""
        return self._closing or not self._ptr

    def _handle(self) -> int:
        """The pointer, or ValueError when closed (callers hold self._lock)."""
        if self._closing or not self._ptr:
            raise ValueError(f"{type(self).__name__} is closed")
        return self._ptr

    def _acquire(self, closing_ok: bool = False) -> int:
        """Registers one more user of the handle; returns the pointer.
        closing_ok lets an object derived from a live user (a report of a
        release) keep using a handle whose owner already called close()."""
        with self._lock:
            if closing_ok and self._ptr:
                ptr = self._ptr
            else:
                ptr = self._handle()
            self._users += 1
            return ptr

    def _release_user(self) -> None:
        with self._lock:
            self._users -= 1
            if self._closing and self._users == 0:
                self._finish()

    def _finish(self) -> None:
        ptr, self._ptr = self._ptr, None
        if ptr:
            self._free(ptr)

    def _free(self, ptr: int) -> None:
        from ._lib import lib
        getattr(lib(), self._free_name)(ptr)

    def close(self) -> None:
        """Frees the C handle (once its users are done). Idempotent."""
        lock = getattr(self, "_lock", None)
        if lock is None:  # __init__ did not get that far
            return
        with lock:
            if self._closing:
                return
            self._closing = True
            if self._users == 0:
                self._finish()

    def __enter__(self: Any) -> Any:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __del__(self) -> None:
        try:
            self.close()
        except Exception:  # interpreter shutdown: modules may be gone
            pass
