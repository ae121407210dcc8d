# SPDX-FileCopyrightText: The trulyopen authors
# SPDX-License-Identifier: Apache-2.0
"""Licences: classify expressions, names, URLs and Hugging Face ids, and
identify licence texts. Nothing that is not recognised is ever called free.

The answers are plain values copied out of the library: they own no handle
and may be shared between threads. A LicenseDB (reference texts) is read-only
once loaded and may be shared between threads too.
"""

from __future__ import annotations

import json
from ctypes import byref, c_char_p, c_double, c_int, c_int64, c_size_t, c_uint, c_void_p
from dataclasses import dataclass, field
from typing import Any, Dict, Optional, Tuple, Union

from . import _lib
from ._handle import Handle
from ._lib import lib
from .context import PathLike
from .errors import NotFoundError

# TRO_LICENSE_* flags (include/trulyopen/license.h)
_FLAGS = (("spdx", 1 << 0), ("osi_approved", 1 << 1), ("fsf_libre", 1 << 2),
          ("deprecated", 1 << 3), ("mof_open_data", 1 << 4), ("mof_open", 1 << 5),
          ("free", 1 << 6), ("free_for_data", 1 << 7), ("free_for_software", 1 << 8),
          ("exception", 1 << 9))
# TRO_LICENSE_COVERS_*: what a licence of a statement applies to
COVERS = {"code": 1 << 0, "weights": 1 << 1, "data": 1 << 2, "documentation": 1 << 3}


def _covers(bits: int) -> Tuple[str, ...]:
    names = tuple(name for name, bit in COVERS.items() if bits & bit)
    return names or ("unspecified",)


@dataclass(frozen=True)
class LicenseInfo:
    """One licence of an expression (or of tro_license_lookup()): its id
    ("MIT", "LicenseRef-..."), full name, category ("permissive",
    "use-restricted", ...), reason, and the facts of the licence table; in a
    result also the SPDX exception or AdditionRef- after WITH
    (with_exception) and what the statement says the licence covers
    ("code", "weights", "data", "documentation", or "unspecified")."""

    id: str
    name: str
    category: str
    reason: str = ""
    spdx: bool = False
    osi_approved: bool = False
    fsf_libre: bool = False
    deprecated: bool = False
    mof_open_data: bool = False
    mof_open: bool = False
    free: bool = False
    free_for_data: bool = False
    free_for_software: bool = False
    exception: bool = False
    with_exception: Optional[str] = None
    covers: Tuple[str, ...] = ("unspecified",)

    @staticmethod
    def _flags(flags: int) -> Dict[str, bool]:
        return {name: bool(flags & bit) for name, bit in _FLAGS}


@dataclass(frozen=True)
class Evidence:
    """Why a licence text was identified so: kind ("spdx-identifier",
    "title", "fingerprint", "url", "template", "clause"), the quoted text and
    its byte offset in the input (None when not applicable)."""

    kind: str
    text: str
    offset: Optional[int]


@dataclass(frozen=True)
class Match:
    """The reference text an identified licence text matched: its id (an
    SPDX licence, notice or exception), the word-bigram Dice score and the
    share of the reference's words found in the text."""

    template: str
    score: float
    coverage: float


@dataclass(frozen=True)
class Part:
    """The verdict on the part of a statement that covers one thing (code,
    weights, data, documentation): the licences that say so, with those that
    say nothing of what they cover. present is False when none applies."""

    present: bool
    category: str
    free: bool
    free_for_data: bool
    free_for_software: bool


@dataclass(frozen=True)
class License:
    """The answer about a licence string or text: the normalised SPDX
    expression, the overall category (of the freest branch of an OR, the most
    restrictive part of an AND), whether it is free for model weights, for
    training data and for software, the reason, a confidence (below 1 only
    for identified texts), the licences it names and the evidence."""

    expression: str
    category: str
    free: bool
    free_for_data: bool
    free_for_software: bool
    reason: str
    confidence: float
    licenses: Tuple[LicenseInfo, ...]
    evidence: Tuple[Evidence, ...]
    match: Optional[Match] = None
    parts: Dict[str, Part] = field(default_factory=dict, compare=False)
    _json: str = field(default="{}", repr=False, compare=False)

    def part(self, covers: str) -> Part:
        """The verdict on what covers names ("code", "weights", "data",
        "documentation"): for a release, its model is judged on
        part("weights") and its training data on part("data")."""
        return self.parts[covers]

    def to_dict(self) -> Dict[str, Any]:
        """The JSON object `trulyopen license --format json` prints."""
        return json.loads(self._json)

    def to_json(self) -> str:
        """The same, as the library's JSON text."""
        return self._json


def _category(code: int) -> str:
    return _lib.text(lib().tro_license_category_name(code))


def _from_result(ptr: int) -> License:
    """Copies a tro_license_result into a License, then frees it."""
    L = lib()
    try:
        infos = []
        for i in range(L.tro_license_result_count(ptr)):
            exc = L.tro_license_result_exception(ptr, i)
            infos.append(LicenseInfo(
                id=_lib.text(L.tro_license_result_id(ptr, i)),
                name=_lib.text(L.tro_license_result_name(ptr, i)),
                category=_category(L.tro_license_result_license_category(ptr, i)),
                reason=_lib.text(L.tro_license_result_license_reason(ptr, i)),
                with_exception=_lib.text(exc) if exc else None,
                covers=_covers(L.tro_license_result_covers(ptr, i)),
                **LicenseInfo._flags(L.tro_license_result_flags(ptr, i))))
        parts = {}
        for name, bit in COVERS.items():
            cat = c_int()
            flags = L.tro_license_result_part_flags(ptr, bit, byref(cat))
            present = any(bit & COVERS.get(c, 0) or c == "unspecified"
                          for info in infos for c in info.covers)
            f = LicenseInfo._flags(flags)
            parts[name] = Part(present, _category(cat.value), f["free"], f["free_for_data"],
                               f["free_for_software"])
        tmpl, score, coverage = c_char_p(), c_double(), c_double()
        try:
            L.tro_license_result_match(ptr, byref(tmpl), byref(score), byref(coverage))
            match: Optional[Match] = Match(_lib.text(tmpl.value), score.value, coverage.value)
        except NotFoundError:
            match = None  # no reference text matched
        evidence = []
        kind, text, offset = c_char_p(), c_char_p(), c_int64()
        for i in range(L.tro_license_result_evidence_count(ptr)):
            L.tro_license_result_evidence(ptr, i, byref(kind), byref(text), byref(offset))
            evidence.append(Evidence(_lib.text(kind.value), _lib.text(text.value),
                                     offset.value if offset.value >= 0 else None))
        out, length = c_void_p(), c_size_t()
        L.tro_license_result_json(ptr, byref(out), byref(length))
        return License(
            expression=_lib.text(L.tro_license_result_expression(ptr)),
            category=_category(L.tro_license_result_category(ptr)),
            free=bool(L.tro_license_result_is_free(ptr)),
            free_for_data=bool(L.tro_license_result_is_free_for_data(ptr)),
            free_for_software=bool(L.tro_license_result_is_free_for_software(ptr)),
            reason=_lib.text(L.tro_license_result_reason(ptr)),
            confidence=float(L.tro_license_result_confidence(ptr)),
            licenses=tuple(infos), evidence=tuple(evidence), match=match, parts=parts,
            _json=_lib.take_string(out, length))
    finally:
        L.tro_license_result_free(ptr)


def _utf8(value: Optional[str]) -> Optional[bytes]:
    return value.encode("utf-8") if value is not None else None


def license(expression: str, license_name: Optional[str] = None,
            license_link: Optional[str] = None) -> License:
    """Classifies what someone wrote as a licence: a URL, an exact id (SPDX,
    Hugging Face, LicenseRef-), a whole licence name ("Open Database License
    (ODbL)"), an SPDX expression ("Apache-2.0 OR MIT"), or prose naming
    several licences and what each covers ("MIT (code), CC BY-NC 4.0
    (weights)"). With license_name or license_link, classifies a Hugging
    Face card's licence fields (license "other" plus its name and link).
    ParseError (with .offset) for an expression that does not parse, for
    unbalanced parentheses and for a WITH naming neither an SPDX exception,
    an AdditionRef- nor a known licence; LimitError past 65,536 bytes."""
    out = c_void_p()
    if license_name is None and license_link is None:
        lib().tro_license_classify(_utf8(expression), byref(out), _lib.error_struct())
    else:
        lib().tro_license_classify_hf(_utf8(expression), _utf8(license_name),
                                      _utf8(license_link), byref(out), _lib.error_struct())
    return _from_result(out.value)


def lookup_license(license_id: str) -> LicenseInfo:
    """Facts about one licence or exception id (SPDX id in any case, a
    LicenseRef-trulyopen-* key, or a deprecated id). NotFoundError if unknown."""
    canonical, name, category, flags = c_char_p(), c_char_p(), c_int(), c_uint()
    lib().tro_license_lookup(_utf8(license_id), byref(canonical), byref(name),
                             byref(category), byref(flags))
    return LicenseInfo(id=_lib.text(canonical.value), name=_lib.text(name.value),
                       category=_category(category.value),
                       **LicenseInfo._flags(flags.value))


def license_list_version() -> str:
    """Version of the SPDX License List the library's table reflects."""
    return _lib.text(lib().tro_license_list_version())


class LicenseDB(Handle):
    """Reference licence texts for full-text matching (a tro_license_db),
    loaded from a folder of files named by SPDX id (SPDX license-list-data
    text/) or as in /usr/share/common-licenses. TrulyOpenIOError when the
    folder cannot be read, NotFoundError when it holds no usable text.
    Read-only once loaded: share it between threads."""

    _free_name = "tro_license_db_free"

    def __init__(self, folder: PathLike) -> None:
        super().__init__(None)
        out = c_void_p()
        lib().tro_license_db_load(byref(out), _lib.fsencode(folder), _lib.error_struct())
        self._ptr = out.value

    def __len__(self) -> int:
        with self._lock:
            return int(lib().tro_license_db_count(self._handle()))

    def identify(self, text: Union[str, bytes], strict: bool = False) -> License:
        """identify_license() against these reference texts."""
        return identify_license(text, self, strict)


STRICT = 1  # TRO_IDENTIFY_STRICT


def identify_license(text: Union[str, bytes, bytearray, memoryview],
                     license_dir: Union[None, PathLike, LicenseDB] = None,
                     strict: bool = False) -> License:
    """Identifies a licence text (a LICENSE file's content): from its
    SPDX-License-Identifier lines, by full-text matching against the SPDX
    License List (compiled in) and, with license_dir (a folder or a
    LicenseDB), the reference texts given, then from its title,
    characteristic sentences and URLs. Restrictive clauses are reported as
    evidence; one added to a free licence's text makes it "LICENCE AND
    LicenseRef-trulyopen-added-restriction", and a sentence of its own that
    may limit it "LICENCE AND LicenseRef-trulyopen-custom". With strict, a
    free licence's text stays free only when every word it adds is
    explained (a copyright statement, a number, an address, a word about
    the document, a name no licence uses, a placeholder to fill in, a part
    of the licence by its number or heading, the licence's own title), and
    what the default reading finds makes it unknown too: for release gates.
    LimitError past 16 MiB."""
    if isinstance(text, str):
        text = text.encode("utf-8")
    flags = STRICT if strict else 0
    if license_dir is None or isinstance(license_dir, LicenseDB):
        return _identify(license_dir, text, flags)
    with LicenseDB(license_dir) as db:
        return _identify(db, text, flags)


def _identify(db: Optional[LicenseDB], text: Any, flags: int = 0) -> License:
    arg, length = _lib.buffer_arg(text)
    out = c_void_p()
    if db is None:
        lib().tro_license_identify_ex(None, arg, length, flags, byref(out),
                                      _lib.error_struct())
    else:
        with db._lock:
            lib().tro_license_identify_ex(db._handle(), arg, length, flags, byref(out),
                                          _lib.error_struct())
    return _from_result(out.value)
