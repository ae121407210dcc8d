"""Exceptions raised by the bindings.

Every failing call of the C library returns a negative ``TRO_E*`` code; the
bindings turn it into an instance of the subclass of :class:`Error` that
matches the code, carrying the library's message (from the ``tro_error``
out-parameter or from the handle's last error) and, where the library gave
one, the byte offset of the problem.
"""

from __future__ import annotations

from typing import Dict, Optional, Type

# The stable codes of include/trulyopen/common.h.
OK = 0
ENOMEM = -1
EINVAL = -2
EIO = -3
EFORMAT = -4
ELIMIT = -5
ENOTFOUND = -6
EPARSE = -7
EVERSION = -8
ECANCELED = -9
EUNSUPPORTED = -10
ENETWORK = -11
EACCESS = -12


class Error(Exception):
    """Base class of every error the library reports.

    ``code`` is the library's negative ``TRO_E*`` code (None for errors that
    come from the bindings themselves), ``message`` the library's message
    ("PATH: what went wrong [at byte N]") and ``offset`` the byte offset of
    the problem in the input when the library knows it, else None.
    """

    code: Optional[int] = None

    def __init__(self, message: str, code: Optional[int] = None,
                 offset: Optional[int] = None) -> None:
        super().__init__(message)
        if code is not None:
            self.code = code
        self.message = message
        self.offset = offset


class NoMemoryError(Error, MemoryError):
    """TRO_ENOMEM: an allocation failed inside the library."""
    code = ENOMEM


class InvalidArgumentError(Error, ValueError):
    """TRO_EINVAL: an invalid argument (bad name, unhashed release, ...)."""
    code = EINVAL


class TrulyOpenIOError(Error, OSError):
    """TRO_EIO: a file or folder could not be opened, read or written."""
    code = EIO


class FormatError(Error, ValueError):
    """TRO_EFORMAT: the input is not in the expected format."""
    code = EFORMAT


class LimitError(Error):
    """TRO_ELIMIT: the input exceeds a limit of the context."""
    code = ELIMIT


class NotFoundError(Error, LookupError):
    """TRO_ENOTFOUND: a named path, entry, licence or key does not exist."""
    code = ENOTFOUND


class ParseError(Error, ValueError):
    """TRO_EPARSE: text did not parse; ``offset`` is the byte where it failed."""
    code = EPARSE


class VersionError(Error):
    """TRO_EVERSION: an options struct or file format version is not supported."""
    code = EVERSION


class CanceledError(Error):
    """TRO_ECANCELED: a callback (progress, resolver) asked to stop."""
    code = ECANCELED


class UnsupportedError(Error, NotImplementedError):
    """TRO_EUNSUPPORTED: the library was built without what this needs
    (libcurl, for the Hugging Face Hub); also raised, with ``code`` None,
    when the loaded library lacks a function these bindings need (an older
    build)."""
    code = EUNSUPPORTED


class NetworkError(Error, ConnectionError):
    """TRO_ENETWORK: a network request failed (after its retries), or
    offline mode forbids the network and the cache does not have it."""
    code = ENETWORK


class AccessError(Error, PermissionError):
    """TRO_EACCESS: the server refused access (a private or gated
    repository: set HF_TOKEN)."""
    code = EACCESS


class LibraryNotFoundError(Error, OSError):
    """libtrulyopen could not be found or loaded; ``code`` is None."""


_BY_CODE: Dict[int, Type[Error]] = {
    cls.code: cls
    for cls in (NoMemoryError, InvalidArgumentError, TrulyOpenIOError, FormatError,
                LimitError, NotFoundError, ParseError, VersionError, CanceledError,
                UnsupportedError, NetworkError, AccessError)
    if cls.code is not None
}


def error_class(code: int) -> Type[Error]:
    """The exception class for a ``TRO_E*`` code (:class:`Error` if unknown)."""
    return _BY_CODE.get(code, Error)


def make_error(code: int, message: str, offset: Optional[int] = None) -> Error:
    """An exception instance for a failing call's code and message."""
    cls = error_class(code)
    if offset is not None and offset < 0:
        offset = None
    return cls(message, code, offset)


def code_for(exc: BaseException) -> int:
    """The ``TRO_E*`` code to hand back to the library for an exception raised
    in a Python callback: its own code for library errors, TRO_ENOMEM for
    MemoryError, TRO_ECANCELED for anything else."""
    if isinstance(exc, Error) and exc.code is not None and exc.code < 0:
        return exc.code
    if isinstance(exc, MemoryError):
        return ENOMEM
    return ECANCELED
