"""The openness evaluation: the three criteria with evidence, lineage through
base models and datasets, the MOF class, policy gates and reports."""

from __future__ import annotations

import copy
import ctypes
import json
import os
from ctypes import POINTER, byref, c_size_t, c_void_p
from typing import (Any, Callable, Dict, Iterable, List, Mapping, Optional, Sequence,
                    Union)

from . import _lib, errors
from . import report as _report
from ._handle import Handle
from ._lib import lib
from .context import Context, PathLike, context_from
from .hub import Hub, is_hub_ref
from .release import Artifact, BytesLike, Release
from .report import (CRITERIA, Criterion, Dataset, LicenseStatement, LineageStep, Mof,
                     PolicyOutcome, ReleaseInfo, ReportFinding)
_KINDS = ("model", "dataset")

#: resolver(kind, id) -> Release, {path: bytes}, or None when unknown
Resolver = Callable[[str, str], Union[Release, Mapping[str, BytesLike], None]]


class Catalog(Handle):
    """Offline catalogs (a tro_catalog): folders laid out as
    DIR/models/ORG/NAME/ and DIR/datasets/ORG/NAME/, or Hugging Face caches
    (DIR/models--ORG--NAME/snapshots/REV/). Base models and datasets a card
    names are looked up there. Resolved entries are cached in the catalog.

    Thread safety: a Catalog may be shared by checks running in several
    threads; close() frees it once the checks using it have returned.
    TrulyOpenIOError when a folder cannot be opened."""

    _free_name = "tro_catalog_free"

    def __init__(self, dirs: Union[PathLike, Iterable[PathLike]],
                 ctx: Optional[Context] = None, **ctx_options: Any) -> None:
        super().__init__(None)
        ctx, own = context_from(ctx, ctx_options)
        try:
            handle = ctx._acquire()
        finally:
            if own:
                ctx.close()
        self._open(dirs, ctx, handle)

    @classmethod
    def _for_release(cls, dirs: Any, ctx: Context) -> "Catalog":
        """A catalog for checking a release made with ctx, which the release
        keeps alive even when its owner closed it."""
        self = cls.__new__(cls)
        Handle.__init__(self, None)
        self._open(dirs, ctx, ctx._acquire(closing_ok=True))
        return self

    def _open(self, dirs: Any, ctx: Context, handle: int) -> None:
        """Creates the C catalog; ctx is acquired (handle) for the catalog."""
        self._ctx = ctx
        try:
            if isinstance(dirs, (str, bytes, os.PathLike)):
                dirs = [dirs]
            paths = [_lib.fsencode(d) for d in dirs]
        except BaseException:
            ctx._release_user()
            raise
        out = c_void_p()
        try:
            lib().tro_catalog_new(byref(out), handle, _lib.c_strings(paths), len(paths),
                                  _lib.error_struct())
        except BaseException:
            ctx._release_user()
            raise
        self._ptr = out.value

    def _free(self, ptr: int) -> None:
        lib().tro_catalog_free(ptr)
        self._ctx._release_user()


class Policy(Handle):
    """A release gate (a tro_policy): required statuses, licence allow and
    deny lists, a minimum MOF class, finding codes or severities that fail
    or are ignored (trulyopen-policy(5)). source is JSON text (str or bytes),
    a dict, or the path of a JSON file; None gives the default policy
    (verdict truly-open and no error finding). ParseError / FormatError name
    the offending key and byte offset. Read-only: share it between threads."""

    _free_name = "tro_policy_free"

    def __init__(self, source: Union[None, str, bytes, PathLike, Mapping[str, Any]] = None
                 ) -> None:
        super().__init__(None)
        text = None if source is None else _json_source(source)
        out = c_void_p()
        lib().tro_policy_new(byref(out), text, len(text) if text is not None else 0,
                             _lib.error_struct())
        self._ptr = out.value


def _json_source(source: Any) -> bytes:
    if isinstance(source, Mapping):
        return json.dumps(dict(source)).encode("utf-8")
    if isinstance(source, (bytes, bytearray, memoryview)):
        return bytes(source)
    if isinstance(source, str) and source.lstrip().startswith("{"):
        return source.encode("utf-8")
    if isinstance(source, (str, os.PathLike)):
        with open(source, "rb") as f:
            return f.read()
    raise TypeError(f"expected JSON text, a dict or a path, not {type(source).__name__}")


class Report(Handle):
    """The result of a check (a tro_report). Every part is a typed object
    read through the library's accessors, never by parsing JSON: criteria
    (Criterion, with EvidenceItem lists), licenses (LicenseStatement),
    artifacts (Artifact), findings (ReportFinding), lineage (LineageStep),
    datasets (Dataset), mof (Mof), to_pass and policy (PolicyOutcome). Field
    names are those of the report document (trulyopen-report(5)), which
    to_dict() and to_json() give whole.

    The parts are copied out once and cached (a report does not change,
    but for the policy outcome, read anew); they stay valid after close().

    Thread safety: a Report may be read from several threads (methods
    serialise on an internal lock)."""

    _free_name = "tro_report_free"

    def __init__(self) -> None:
        raise TypeError("use trulyopen.check()")

    @classmethod
    def _adopt(cls, ptr: int, keep: Sequence[Context]) -> "Report":
        """Wraps a report; keep are contexts (acquired) released with it."""
        self = cls.__new__(cls)
        Handle.__init__(self, ptr)
        self._keep = list(keep)
        self._parts: Dict[str, Any] = {}
        return self

    def _free(self, ptr: int) -> None:
        lib().tro_report_free(ptr)
        keep, self._keep = self._keep, []
        for ctx in keep:
            ctx._release_user()

    def _part(self, name: str, read: Callable[["_report.Reader", Dict[str, Dict[int, str]]], Any]
              ) -> Any:
        """A part, read through the accessors on first use; a list or dict
        is handed out as a copy of the cached one (its objects are frozen)."""
        with self._lock:
            if name not in self._parts:
                self._parts[name] = read(_report.Reader(self._handle()), _report.name_tables())
            part = self._parts[name]
        return copy.copy(part) if isinstance(part, (list, dict)) else part

    # ---- the verdict ---------------------------------------------------------

    @property
    def truly_open(self) -> bool:
        """True when all three criteria pass."""
        with self._lock:
            return bool(lib().tro_report_truly_open(self._handle()))

    @property
    def verdict(self) -> str:
        """"truly-open" or "not-truly-open"."""
        with self._lock:
            return _lib.text(lib().tro_report_verdict(self._handle()))

    def status(self, criterion: str) -> str:
        """Status of a criterion ("use_freedom", "method_transparency",
        "data_access"): "pass", "partial", "fail" or "unknown"."""
        try:
            index = CRITERIA.index(criterion)
        except ValueError:
            raise KeyError(criterion) from None
        with self._lock:
            code = lib().tro_report_status(self._handle(), index)
        return _lib.text(lib().tro_status_name(code))

    @property
    def mof_class(self) -> Optional[int]:
        """MOF class 1, 2 or 3; 0 when unclassified; None when the release
        has no MOF release file."""
        with self._lock:
            value = int(lib().tro_report_mof_class(self._handle()))
        return None if value < 0 else value

    # ---- the parts -----------------------------------------------------------

    @property
    def release(self) -> ReleaseInfo:
        """What was judged: name and card."""
        return self._part("release", lambda r, n: r.release())

    @property
    def criteria(self) -> Dict[str, Criterion]:
        """The three criteria by name, with status, evidence and reasons."""
        return self._part("criteria", lambda r, n: r.criteria(n["status"]))

    @property
    def licenses(self) -> List[LicenseStatement]:
        """The licence statements found, with the licences each names."""
        return self._part("licenses", lambda r, n: r.licenses(n["category"]))

    @property
    def artifacts(self) -> List[Artifact]:
        """The artifacts judged (path, type, size, sha256, sha256_source;
        no metadata)."""
        return self._part("artifacts", lambda r, n: r.artifacts(n["type"]))

    @property
    def findings(self) -> List[ReportFinding]:
        """Findings of the release judged, then of the check itself."""
        return self._part("findings", lambda r, n: r.findings(n["severity"]))

    @property
    def lineage(self) -> List[LineageStep]:
        """Base models followed, nearest first."""
        return self._part("lineage", lambda r, n: r.lineage(n["status"]))

    @property
    def datasets(self) -> List[Dataset]:
        """The datasets the release declares."""
        return self._part("datasets", lambda r, n: r.datasets())

    @property
    def mof(self) -> Mof:
        """The Model Openness Framework class and components."""
        return self._part("mof", lambda r, n: r.mof())

    @property
    def to_pass(self) -> List[str]:
        """What would make the release pass, one step per problem."""
        return self._part("to_pass", lambda r, n: r.to_pass())

    @property
    def policy(self) -> Optional[PolicyOutcome]:
        """The outcome of the policy applied by check() or apply_policy()
        (None before any)."""
        with self._lock:
            return _report.Reader(self._handle()).policy()

    @property
    def policy_passed(self) -> Optional[bool]:
        """Whether the policy applied is met (None before any policy)."""
        outcome = self.policy
        return outcome.passed if outcome is not None else None

    @property
    def policy_failures(self) -> List[str]:
        """Why the policy is not met (empty when it is)."""
        outcome = self.policy
        return list(outcome.failures) if outcome is not None else []

    def apply_policy(self, policy: Union[None, "Policy", str, bytes, PathLike,
                                         Mapping[str, Any]] = None) -> bool:
        """Applies a policy (None: the default one), records the outcome in
        the report and returns whether it is met."""
        own = not isinstance(policy, Policy) and policy is not None
        pol = Policy(policy) if own else policy
        try:
            ptr = pol._acquire() if isinstance(pol, Policy) else None
            try:
                with self._lock:
                    met = lib().tro_report_apply_policy(self._handle(), ptr)
            finally:
                if isinstance(pol, Policy):
                    pol._release_user()
        finally:
            if own and isinstance(pol, Policy):
                pol.close()
        return bool(met)

    # ---- outputs -------------------------------------------------------------

    def render(self, format: str = "json", *, compact: bool = False, artifacts: bool = True,
               color: bool = False) -> str:
        """The report as text in a format: "json" (the document of
        trulyopen-report(5)), "sarif" (SARIF 2.1.0) or "text" (a summary
        for people). compact: JSON and SARIF on one line (for logs and JSON
        lines); artifacts=False leaves the artifact list out (releases of
        many files); color: ANSI colours in text. An option the format does
        not have raises InvalidArgumentError."""
        try:
            fmt = _FORMATS[format]
        except KeyError:
            raise ValueError(f"format must be one of {', '.join(_FORMATS)}, "
                             f"not {format!r}") from None
        if compact and fmt == _lib.FORMAT_TEXT:
            raise ValueError("compact applies to the json and sarif formats")
        if color and fmt != _lib.FORMAT_TEXT:
            raise ValueError("color applies to the text format")
        opts = _lib.TroRenderOptions(version=_lib.RENDER_OPTIONS_VERSION, format=fmt,
                                     flags=(_lib.RENDER_COMPACT if compact else 0)
                                     | (0 if artifacts else _lib.RENDER_NO_ARTIFACTS)
                                     | (_lib.RENDER_COLOR if color else 0))
        out, length = c_void_p(), c_size_t()
        with self._lock:
            lib().tro_report_render(self._handle(), byref(opts), byref(out), byref(length))
        return _lib.take_string(out, length)

    def to_dict(self) -> Dict[str, Any]:
        """The report document (trulyopen-report(5)) as a dict (a copy)."""
        return json.loads(self.to_json())

    def to_json(self, compact: bool = False, artifacts: bool = True) -> str:
        """The report as JSON text (trulyopen-report(5)); compact: one line."""
        return self.render("json", compact=compact, artifacts=artifacts)

    def to_sarif(self, compact: bool = False, artifacts: bool = True) -> str:
        """The report as SARIF 2.1.0 JSON text, for code-scanning tools."""
        return self.render("sarif", compact=compact, artifacts=artifacts)

    def to_text(self, color: bool = False) -> str:
        """A short human report; color adds ANSI colours."""
        return self.render("text", color=color)

    def __repr__(self) -> str:
        if self.closed:
            return "<trulyopen.Report closed>"
        return f"<trulyopen.Report {self.verdict}>"


_FORMATS = {"json": _lib.FORMAT_JSON, "sarif": _lib.FORMAT_SARIF, "text": _lib.FORMAT_TEXT}


class _ResolveState:
    """What the resolver trampoline shares with check(): the first exception
    raised by the Python resolver, and the contexts of the Releases it gave
    to the library (kept open as long as the report)."""

    def __init__(self, target: Release) -> None:
        self.target = target
        self.pending: Optional[BaseException] = None
        self.keep: List[Context] = []


def _release_from_buffers(ctx_ptr: int, ident: bytes, files: Mapping[str, BytesLike]) -> int:
    """A C release made with the check's context from {path: bytes}."""
    L = lib()
    out = c_void_p()
    L.tro_release_new(byref(out), ctx_ptr, ident)
    try:
        for path, data in files.items():
            arg, length = _lib.buffer_arg(data)
            L.tro_release_add_buffer(out.value, _lib.fsencode(path), arg, length)
    except BaseException:
        L.tro_release_free(out.value)
        raise
    return int(out.value)


def _resolver_trampoline(resolver: Resolver, state: _ResolveState) -> Any:
    def trampoline(ctx_ptr: int, kind: int, ident: Optional[bytes],
                   out: "POINTER[c_void_p]", hub_ptr: Optional[int]) -> int:
        try:
            kind_name = _KINDS[kind] if 0 <= kind < len(_KINDS) else str(kind)
            found = resolver(kind_name, (ident or b"").decode("utf-8", "surrogateescape"))
            if found is None and hub_ptr:  # then the Hub, online
                return int(lib().tro_hub_resolve(ctx_ptr, kind, ident, out, hub_ptr))
            if found is None:
                return errors.ENOTFOUND
            if isinstance(found, Release):
                if found is state.target:
                    raise errors.InvalidArgumentError(
                        "the resolver returned the release being checked", errors.EINVAL)
                ptr, ctx = found._detach()
                state.keep.append(ctx)
            elif isinstance(found, Mapping):
                ptr = _release_from_buffers(ctx_ptr, ident or b"", found)
            else:
                raise TypeError("a resolver returns a Release, a dict of {path: bytes} "
                                f"or None, not {type(found).__name__}")
            out[0] = ptr
            return 0
        except errors.NotFoundError:
            return errors.ENOTFOUND
        except BaseException as exc:  # re-raised by check() once tro_check returns
            if state.pending is None:
                state.pending = exc
            return errors.code_for(exc)
    return _lib.RESOLVE_FN(trampoline)


def check(target: Union[PathLike, Release],
          catalogs: Union[None, Catalog, PathLike, Iterable[PathLike]] = None,
          policy: Union[None, Policy, str, bytes, PathLike, Mapping[str, Any]] = None,
          resolver: Optional[Resolver] = None, *, ctx: Optional[Context] = None,
          max_lineage_depth: int = 0, hub: Optional["Hub"] = None, online: bool = False,
          offline: bool = False, download_hash: bool = False, **ctx_options: Any) -> Report:
    """Judges a release: a path (scanned first, with ctx or a context made
    from ctx_options) or a Release. Base models and datasets its card names
    are resolved by resolver(kind, id), then in catalogs (a Catalog, or one
    or more folders). resolver(kind, id) gets kind "model" or "dataset" and
    the Hub id, and returns a Release (given to the library: do not use it
    afterwards), a dict {path: bytes} of the files of that release, or None
    when it does not know the id; an exception it raises aborts the check
    and is re-raised here. The policy (a Policy or its source; None: the
    default policy) is applied: see Report.policy_passed.

    target may also name a repository on the Hugging Face Hub
    ("hf://ORG/NAME[@REV]", "hf://datasets/ORG/NAME", a Hub URL): it is
    then opened without downloading its weights (see Hub.open;
    download_hash applies), and what its card names is resolved on the Hub
    too (after resolver, before the catalogs). online=True does the same
    for a local release; offline=True forbids the network (the caches
    answer). hub is the client to use (default: one made from the
    environment, closed at the end)."""
    state: Optional[_ResolveState] = None
    closers: List[Handle] = []
    hub_ptr: Optional[int] = None
    try:
        remote = isinstance(target, str) and is_hub_ref(target) if hub is None else \
            isinstance(target, str) and hub.is_ref(target)
        if (remote or online) and hub is None:
            hub = Hub(offline=offline)
            closers.append(hub)
        if isinstance(target, Release):
            if ctx_options:
                raise TypeError("context options apply to paths, not to a Release")
            rel, ctx = target, ctx or target.context
        else:
            ctx, own = context_from(ctx, ctx_options)
            if own:
                closers.append(ctx)
            rel = hub.open(target, ctx, download_hash=download_hash) if remote \
                else ctx.scan(target)
            closers.insert(0, rel)
        cat = _catalog(catalogs, ctx, closers)
        pol = policy if isinstance(policy, Policy) or policy is None else Policy(policy)
        if pol is not None and pol is not policy:
            closers.append(pol)
        opts = _lib.TroCheckOptions(version=_lib.CHECK_OPTIONS_VERSION,
                                    max_lineage_depth=max_lineage_depth)
        state = _ResolveState(rel)
        if hub is not None and (remote or online):
            hub_ptr = hub._acquire()
            opts.resolve_userdata = hub_ptr
        if resolver is not None:
            opts.resolve = _resolver_trampoline(resolver, state)
        elif hub_ptr:
            opts.resolve = _lib.RESOLVE_FN(ctypes.cast(lib()._cdll.tro_hub_resolve,
                                                       ctypes.c_void_p).value)
        report = _run(ctx, rel, cat, opts, state)
        try:
            report.apply_policy(pol)
        except BaseException:
            report.close()
            raise
        return report
    finally:
        if hub_ptr:
            hub._release_user()
        for handle in closers:
            handle.close()


def _catalog(catalogs: Any, ctx: Context, closers: List[Handle]) -> Optional[Catalog]:
    if catalogs is None or isinstance(catalogs, Catalog):
        return catalogs
    if not isinstance(catalogs, (str, bytes, os.PathLike)):
        catalogs = list(catalogs)
        if not catalogs:
            return None
    cat = Catalog._for_release(catalogs, ctx)
    closers.insert(0, cat)
    return cat


def _run(ctx: Context, rel: Release, cat: Optional[Catalog],
         opts: "_lib.TroCheckOptions", state: _ResolveState) -> Report:
    """Calls tro_check with every handle held; returns the Report."""
    ctx_ptr = ctx._acquire(closing_ok=True)  # released with the report
    cat_ptr = cat._acquire() if cat is not None else None
    out = c_void_p()
    # Scans made during the check may call a context's progress callback.
    progress_tls = [c._tls for c in {ctx, cat._ctx if cat is not None else ctx}]
    try:
        opts.catalog = cat_ptr
        for tls in progress_tls:
            tls.pending = None
        try:
            with rel._lock:
                lib().tro_check(ctx_ptr, rel._handle(), byref(opts), byref(out),
                                _lib.error_struct())
        except errors.Error:
            if state.pending is None and all(t.pending is None for t in progress_tls):
                raise
        for tls in progress_tls:
            if state.pending is None:
                state.pending = tls.pending
            tls.pending = None
        if state.pending is not None:
            if out.value:
                lib().tro_report_free(out.value)
            raise state.pending
    except BaseException:
        for kept in [ctx] + state.keep:
            kept._release_user()
        raise
    finally:
        if cat is not None:
            cat._release_user()
    return Report._adopt(out.value, [ctx] + state.keep)
