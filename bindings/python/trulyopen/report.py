# SPDX-FileCopyrightText: The trulyopen authors
# SPDX-License-Identifier: Apache-2.0
"""The parts of a check report as typed objects, read through the library's
accessors (include/trulyopen/report.h), never by parsing JSON.

Each class has the field names of the report document (trulyopen-report(5)),
so ``report.licenses[0].expression`` is ``doc["licenses"][0]["expression"]``.
Two names differ: the document's ``class`` is ``class_`` (a Python keyword),
and a few fields the document does not carry are added where the library
knows more (the licences an expression names, a finding's line). A key the document writes only when it applies (an
evidence URL, a finding's offset) is None when it does not.

The objects are plain values copied out of the library: they own no
handle, outlive their Report, and may be shared between threads.
"""

from __future__ import annotations

import functools
import warnings
from dataclasses import dataclass, field, fields
from typing import Any, Callable, Dict, List, Optional, Tuple

from . import _lib
from .licenses import LicenseInfo
from .release import Artifact, Finding

CRITERIA = ("use_freedom", "method_transparency", "data_access")


class _Keys:
    """Reading a part as the dict it used to be (part["expression"],
    part.get("class")): deprecated, the attributes are the interface."""

    __slots__ = ()

    def __getitem__(self, key: str) -> Any:
        warnings.warn(f"{type(self).__name__}[{key!r}] is deprecated: use the attribute",
                      DeprecationWarning, stacklevel=2)
        name = "class_" if key == "class" else key
        if name.startswith("_") or name not in {f.name for f in fields(self)}:  # type: ignore
            raise KeyError(key)
        return getattr(self, name)

    def get(self, key: str, default: Any = None) -> Any:
        """Deprecated: the attribute of that document key, or default."""
        try:
            return self[key]
        except KeyError:
            return default


@dataclass(frozen=True)
class ReleaseInfo:
    """What was judged: the release's name or path, and the card it was
    judged by (None when it has none)."""

    name: str
    card: Optional[str]


@dataclass(frozen=True)
class EvidenceItem(_Keys):
    """One piece of evidence a criterion's status rests on.

    kind: "license", "base-model", "training-code", "paper",
    "training-procedure" or "dataset"; text: the words or value quoted;
    path: the artifact it was found in ("" when not one file); url: the URL
    it names; why: why it counted (None when the check does not say); line:
    1-based line in the artifact; offset: byte offset in it."""

    kind: str
    text: str
    path: str
    url: Optional[str] = None
    why: Optional[str] = None
    line: Optional[int] = None
    offset: Optional[int] = None


@dataclass(frozen=True)
class Criterion:
    """One criterion of a report: its name ("use_freedom",
    "method_transparency", "data_access"), status ("pass", "partial",
    "fail", "unknown"), the evidence items and the reasons, in words."""

    name: str
    status: str
    evidence: List[EvidenceItem] = field(default_factory=list)
    reasons: List[str] = field(default_factory=list)


@dataclass(frozen=True)
class LicenseStatement(_Keys):
    """A licence statement of the release.

    source: where it was stated ("card", "license-file", "gguf",
    "safetensors", "mof", "mof-component", "card-text", "croissant",
    "datapackage"); path: the artifact stating it; statement: as written;
    expression: its normalised SPDX expression (None when not understood);
    category: "permissive", "use-restricted", ...; known: recognised; free:
    a model under it may be used for any purpose; free_for_data: data under
    it is free for training; reason: why, in words. licenses (not in the
    document): each licence the expression names, as LicenseInfo."""

    source: str
    path: str
    statement: str
    expression: Optional[str]
    category: str
    known: bool
    free: bool
    free_for_data: bool
    reason: str
    licenses: Tuple[LicenseInfo, ...] = ()


@dataclass(frozen=True)
class ReportFinding(Finding):
    """A finding as the report keeps it (a Finding): severity, code,
    message, path ("" for the whole release), offset; waived and waiver:
    whether a waiver of the policy applied accepted it, and the waiver's
    reason; line (not in the document): the 1-based line, when known."""

    waived: bool = False
    waiver: Optional[str] = None
    line: Optional[int] = None


@dataclass(frozen=True)
class LineageStep(_Keys):
    """A base model followed.

    id: its Hub id; relation: "finetune", "adapter", "quantized", "merge"
    or None; depth: 1 for a base of the release, 2 for a base of that base;
    resolved: its release was found and judged; source: where it was known
    from ("catalog:PATH", "resolver", "builtin" or None). When something is
    known of it: verdict ("truly-open", "not-truly-open"), criteria (the
    status of each, {"use_freedom": "fail", ...}) and licenses (its licence
    expressions); those three are None otherwise."""

    id: str
    relation: Optional[str]
    depth: int
    resolved: bool
    source: Optional[str]
    verdict: Optional[str] = None
    criteria: Optional[Dict[str, str]] = None
    licenses: Optional[List[str]] = None


@dataclass(frozen=True)
class Dataset(_Keys):
    """A dataset the release declares.

    id: its Hub id or name; role: "training", "fine-tuning" (a derivative's
    own data), "base" (a base model's data, counted through the lineage) or
    "evaluation" (declared, never counted); declared_by: where it was
    declared ("card datasets", "card link (line 12)", "card text (line 30)",
    "base model ORG/NAME"...); resolved: it was found; source: where
    ("catalog:PATH", "resolver", "release:PATH", "mof", "builtin" or None);
    license: its licence expression or None; free_for_data: True, False, or
    None when not known."""

    id: str
    role: str
    declared_by: List[str]
    resolved: bool
    source: Optional[str]
    license: Optional[str]
    free_for_data: Optional[bool]


@dataclass(frozen=True)
class MofComponent(_Keys):
    """A component of the Model Openness Framework as the release's MOF
    file lists it: name, class_ (the document's "class": 1-3), content_type
    ("code", "data", "document"), required, status ("open", "not-open",
    "unlicensed", "missing") and license."""

    name: str
    class_: int
    content_type: str
    required: bool
    status: str
    license: Optional[str]


@dataclass(frozen=True)
class Mof(_Keys):
    """The Model Openness Framework: with a MOF release file, class_ (the
    document's "class": 1, 2, 3, or 0 unclassified), label, progress
    ({"1": percent, "2": ..., "3": ...}), components and path; without one
    those are None and []. evidence_components: the components the evidence
    shows, either way."""

    class_: Optional[int]
    label: Optional[str]
    progress: Optional[Dict[str, float]]
    components: List[MofComponent]
    evidence_components: List[str]
    path: Optional[str] = None


@dataclass(frozen=True)
class PolicyOutcome:
    """The outcome of the policy applied. passed: whether it is met;
    failures: one sentence per requirement not met."""

    passed: bool
    failures: List[str]


# ---- Reading them -------------------------------------------------------------

def _s(raw: Optional[bytes]) -> Optional[str]:
    return raw.decode("utf-8", "replace") if raw is not None else None


def _p(raw: Optional[bytes]) -> Optional[str]:
    return raw.decode("utf-8", "surrogateescape") if raw is not None else None


def _names(name_fn: Callable[[int], bytes], count: int) -> Dict[int, str]:
    return {i: _lib.text(name_fn(i)) for i in range(count)}


class Reader:
    """Copies the parts of one C report into typed objects (the caller
    holds the report's lock)."""

    def __init__(self, ptr: int) -> None:
        self.L = _lib.lib()
        self.ptr = ptr

    def _list(self, count: str, item: str) -> List[int]:
        L, ptr = self.L, self.ptr
        get = getattr(L, item)
        return [get(ptr, i) for i in range(getattr(L, count)(ptr))]

    def release(self) -> ReleaseInfo:
        return ReleaseInfo(_p(self.L.tro_report_release_name(self.ptr)) or "",
                           _p(self.L.tro_report_card_path(self.ptr)))

    def criteria(self, statuses: Dict[int, str]) -> Dict[str, Criterion]:
        L, ptr = self.L, self.ptr
        kind, text, path, url = (L.tro_evidence_kind, L.tro_evidence_text,
                                 L.tro_evidence_path, L.tro_evidence_url)
        why, line, offset = L.tro_evidence_why, L.tro_evidence_line, L.tro_evidence_offset
        out = {}
        for c, name in enumerate(CRITERIA):
            evidence = []
            for i in range(L.tro_report_evidence_count(ptr, c)):
                e = L.tro_report_evidence(ptr, c, i)
                ln, off = line(e), offset(e)
                evidence.append(EvidenceItem(
                    kind=_s(kind(e)) or "", text=_s(text(e)) or "", path=_p(path(e)) or "",
                    url=_s(url(e)), why=_s(why(e)), line=ln if ln > 0 else None,
                    offset=off if off >= 0 else None))
            reasons = [_s(L.tro_report_reason(ptr, c, i)) or ""
                       for i in range(L.tro_report_reason_count(ptr, c))]
            out[name] = Criterion(name, statuses[L.tro_report_status(ptr, c)], evidence, reasons)
        return out

    def licenses(self, categories: Dict[int, str]) -> List[LicenseStatement]:
        L = self.L
        out = []
        for s in self._list("tro_report_license_count", "tro_report_license"):
            infos = tuple(
                LicenseInfo(id=_s(L.tro_statement_license_id(s, k)) or "",
                            name=_s(L.tro_statement_license_name(s, k)) or "",
                            category=categories.get(L.tro_statement_license_category(s, k), ""),
                            reason=_s(L.tro_statement_license_reason(s, k)) or "",
                            **LicenseInfo._flags(L.tro_statement_license_flags(s, k)))
                for k in range(L.tro_statement_license_count(s)))
            out.append(LicenseStatement(
                source=_s(L.tro_statement_source(s)) or "", path=_p(L.tro_statement_path(s)) or "",
                statement=_s(L.tro_statement_text(s)) or "",
                expression=_s(L.tro_statement_expression(s)),
                category=categories.get(L.tro_statement_category(s), ""),
                known=bool(L.tro_statement_known(s)), free=bool(L.tro_statement_free(s)),
                free_for_data=bool(L.tro_statement_free_for_data(s)),
                reason=_s(L.tro_statement_reason(s)) or "", licenses=infos))
        return out

    def findings(self, severities: Dict[int, str]) -> List[ReportFinding]:
        L = self.L
        out = []
        for f in self._list("tro_report_finding_count", "tro_report_finding"):
            off, ln = L.tro_judged_finding_offset(f), L.tro_judged_finding_line(f)
            waived = bool(L.tro_judged_finding_waived(f))
            out.append(ReportFinding(
                severity=severities.get(L.tro_judged_finding_severity(f), ""),
                code=_s(L.tro_judged_finding_code(f)) or "",
                message=_s(L.tro_judged_finding_message(f)) or "",
                path=_p(L.tro_judged_finding_path(f)) or "",
                offset=off if off >= 0 else None, waived=waived,
                waiver=_s(L.tro_judged_finding_waiver(f)) if waived else None,
                line=ln if ln > 0 else None))
        return out

    def artifacts(self, types: Dict[int, str]) -> List[Artifact]:
        L = self.L
        out = []
        for a in self._list("tro_report_artifact_count", "tro_report_artifact"):
            sha = L.tro_judged_artifact_sha256(a)
            out.append(Artifact(path=_p(L.tro_judged_artifact_path(a)) or "",
                                size=int(L.tro_judged_artifact_size(a)),
                                sha256=sha.decode("ascii") if sha else None,
                                type=types.get(L.tro_judged_artifact_type(a), "other"),
                                sha256_source=_s(L.tro_judged_artifact_sha256_source(a))))
        return out

    def lineage(self, statuses: Dict[int, str]) -> List[LineageStep]:
        L = self.L
        out = []
        for s in self._list("tro_report_lineage_count", "tro_report_lineage"):
            known = bool(L.tro_lineage_step_known(s))
            out.append(LineageStep(
                id=_s(L.tro_lineage_step_id(s)) or "", relation=_s(L.tro_lineage_step_relation(s)),
                depth=int(L.tro_lineage_step_depth(s)),
                resolved=bool(L.tro_lineage_step_resolved(s)),
                source=_p(L.tro_lineage_step_source(s)),
                verdict=_s(L.tro_lineage_step_verdict(s)) if known else None,
                criteria={name: statuses[L.tro_lineage_step_status(s, c)]
                          for c, name in enumerate(CRITERIA)} if known else None,
                licenses=[_s(L.tro_lineage_step_license(s, k)) or ""
                          for k in range(L.tro_lineage_step_license_count(s))]
                if known else None))
        return out

    def datasets(self) -> List[Dataset]:
        L = self.L
        out = []
        for d in self._list("tro_report_dataset_count", "tro_report_dataset"):
            free = int(L.tro_dataset_free_for_data(d))
            out.append(Dataset(
                id=_s(L.tro_dataset_id(d)) or "",
                declared_by=[_s(L.tro_dataset_declared_by(d, k)) or ""
                             for k in range(L.tro_dataset_declared_by_count(d))],
                resolved=bool(L.tro_dataset_resolved(d)), source=_p(L.tro_dataset_source(d)),
                license=_s(L.tro_dataset_license(d)),
                free_for_data=None if free < 0 else bool(free),
                role=_s(L.tro_data_role_name(L.tro_dataset_role(d))) or "training"))
        return out

    def mof(self) -> Mof:
        L, ptr = self.L, self.ptr
        cls = int(L.tro_report_mof_class(ptr))
        components = [
            MofComponent(name=_s(L.tro_mof_component_name(c)) or "",
                         class_=int(L.tro_mof_component_class(c)),
                         content_type=_s(L.tro_mof_component_content_type(c)) or "",
                         required=bool(L.tro_mof_component_required(c)),
                         status=_s(L.tro_mof_component_status(c)) or "",
                         license=_s(L.tro_mof_component_license(c)))
            for c in self._list("tro_report_mof_component_count", "tro_report_mof_component")]
        shown = [_s(L.tro_report_mof_evidence(ptr, i)) or ""
                 for i in range(L.tro_report_mof_evidence_count(ptr))]
        if cls < 0:
            return Mof(None, None, None, components, shown)
        return Mof(cls, _s(L.tro_report_mof_label(ptr)),
                   {str(c): float(L.tro_report_mof_progress(ptr, c)) for c in (1, 2, 3)},
                   components, shown, _p(L.tro_report_mof_path(ptr)))

    def to_pass(self) -> List[str]:
        L, ptr = self.L, self.ptr
        return [_s(L.tro_report_to_pass(ptr, i)) or ""
                for i in range(L.tro_report_to_pass_count(ptr))]

    def policy(self) -> Optional[PolicyOutcome]:
        L, ptr = self.L, self.ptr
        passed = int(L.tro_report_policy_passed(ptr))
        if passed < 0:
            return None
        return PolicyOutcome(bool(passed), [_s(L.tro_report_policy_failure(ptr, i)) or ""
                                            for i in range(L.tro_report_policy_failure_count(ptr))])


@functools.lru_cache(maxsize=1)
def name_tables() -> Dict[str, Dict[int, str]]:
    """The library's names of statuses, severities, types and categories
    (read once: they are static)."""
    L = _lib.lib()
    return {"status": _names(L.tro_status_name, 4), "severity": _names(L.tro_severity_name, 3),
            "type": _names(L.tro_type_name, 64),
            "category": _names(L.tro_license_category_name, 11)}


__all__ = ["CRITERIA", "Criterion", "Dataset", "EvidenceItem", "LicenseStatement",
           "LineageStep", "Mof", "MofComponent", "PolicyOutcome", "ReleaseInfo",
           "ReportFinding"]
