# SPDX-FileCopyrightText: The trulyopen authors
# SPDX-License-Identifier: Apache-2.0
"""trulyopen: is an AI model release truly open?

Python bindings of libtrulyopen: a thin ctypes layer over its C API, with no
compile step. The library is found through $TRULYOPEN_LIBRARY (a path), then
a build tree above this package (.libs/libtrulyopen.so*), then the libdir
`make install` installed the package for, then ctypes.util.find_library().

    import trulyopen

    with trulyopen.scan("path/to/release") as rel:
        for a in rel.artifacts:
            print(a.sha256, a.type, a.path)
        manifest = rel.manifest()

    print(trulyopen.license("llama3.1").free)            # False
    report = trulyopen.check("path/to/release", catalogs=["~/catalog"])
    print(report.verdict, report.criteria["use_freedom"].status)
    for lic in report.licenses:                           # typed objects,
        print(lic.source, lic.expression, lic.free)       # no JSON parsed
    report = trulyopen.check("hf://ORG/NAME")   # on the Hub, weights not downloaded

    for report in trulyopen.check_many(paths, jobs=4, catalogs=["~/catalog"]):
        print(report.input, report.verdict)       # as they finish

Errors raise subclasses of trulyopen.Error carrying the library's code and
message. Objects owning C handles (Context, Release, Catalog, Policy,
Report, LicenseDB) are context managers; a Context may be shared between
threads, and each other object serialises calls on its own lock.
"""

from __future__ import annotations

import ctypes
from typing import Dict, Tuple

from . import _lib
from .context import Context
from .errors import (AccessError, CanceledError, Error, FormatError, InvalidArgumentError,
                     LimitError, LibraryNotFoundError, NetworkError, NoMemoryError,
                     NotFoundError, ParseError, TrulyOpenIOError, UnsupportedError,
                     VersionError)
from .hub import Hub, is_hub_ref
from .batch import check_many
from .judge import CRITERIA, Catalog, Policy, Report, check
from .licenses import (Evidence, License, LicenseDB, LicenseInfo, identify_license, license,
                       license_list_version, lookup_license)
from .manifest import Difference, hash, verify
from .attest import Attestation, verify_attestation
from .release import LFS, Artifact, Finding, Release, scan
from .report import (Criterion, Dataset, EvidenceItem, LicenseStatement, LineageStep, Mof,
                     MofComponent, PolicyOutcome, ReleaseInfo, ReportFinding)

__version__ = "0.1.0"

__all__ = [
    "AccessError", "Artifact", "Attestation", "CRITERIA", "CanceledError", "Catalog", "Context",
    "Criterion", "Dataset", "Difference", "Error", "Evidence", "EvidenceItem", "Finding",
    "FormatError", "Hub", "InvalidArgumentError", "LFS", "LibraryNotFoundError", "License",
    "LicenseDB",
    "LicenseInfo", "LicenseStatement", "LimitError", "LineageStep", "Mof", "MofComponent",
    "NetworkError", "NoMemoryError", "NotFoundError", "ParseError", "Policy", "PolicyOutcome",
    "Release", "ReleaseInfo", "Report", "ReportFinding", "TrulyOpenIOError", "UnsupportedError",
    "VersionError", "check", "check_many", "hash", "identify_license", "is_hub_ref", "library_has",
    "library_path", "license", "license_list_version", "lookup_license", "scan", "strerror",
    "tables", "text_escape", "verify", "verify_attestation", "version",
]


def version() -> str:
    """Version of the loaded libtrulyopen ("0.1.0")."""
    return _lib.text(_lib.lib().tro_version_string())


def library_path() -> str:
    """Path of the libtrulyopen these bindings loaded."""
    return _lib.lib().path


def library_has(function: str) -> bool:
    """Whether the loaded library exports a function ("tro_check"): a library
    older than the bindings lacks some, and calling those raises
    UnsupportedError."""
    return _lib.lib().has(function)


def text_escape(text: "str | bytes") -> str:
    """text made safe to print on a terminal or in a log line, as the text
    reports print every name and string taken from a release: control
    characters (C0, DEL, C1), bidirectional controls, U+2028, U+2029 and
    bytes that are not UTF-8 become \\t, \\n, \\r, \\xHH or \\uHHHH.
    A str is taken as UTF-8 (surrogate escapes as the bytes they stand for)."""
    raw = text if isinstance(text, bytes) else text.encode("utf-8", "surrogateescape")
    if b"\0" in raw:
        raise ValueError("text_escape: text holds a NUL character")
    out = ctypes.c_void_p()
    _lib.lib().tro_text_escape(raw, ctypes.byref(out))
    try:
        return ctypes.string_at(out.value).decode("utf-8")
    finally:
        _lib.lib().tro_free(out)


def tables() -> Dict[str, Tuple[str, ...]]:
    """The tables a report's parts make, as the library defines them for a
    program that stores reports in a database: each table's name (the JSON
    document's key: "report", "criteria", "evidence", "licenses", ...) and
    its column names (the keys of that part's objects, in a stable order).
    The typed objects of a Report carry the same names as attributes (a
    criterion's name is ``criterion`` here; ``report`` is the release name
    and card, the verdict and ``mof.class_``)."""
    L = _lib.lib()
    out = {}
    for t in range(64):
        name = L.tro_table_name(t)
        if not name:
            break
        out[_lib.text(name)] = tuple(_lib.text(L.tro_table_columns(t)).split(", "))
    return out


def strerror(code: int) -> str:
    """The library's short description of a TRO_E* code."""
    return _lib.text(_lib.lib().tro_strerror(code))
