# SPDX-FileCopyrightText: The trulyopen authors
# SPDX-License-Identifier: Apache-2.0
"""Checking many releases at once (tro_batch): check_many()."""

from __future__ import annotations

import os
from ctypes import byref, c_char_p, c_void_p
from typing import Any, Dict, Iterable, Iterator, List, Mapping, Optional, Union

from . import _lib, errors
from ._handle import Handle
from ._lib import lib
from .context import Context, PathLike, context_from
from .judge import Catalog, Policy, Report, _catalog
from .release import Release

Item = Union[PathLike, Release]


def check_many(items: Iterable[Item], jobs: Optional[int] = None, *,
               catalogs: Union[None, Catalog, PathLike, Iterable[PathLike]] = None,
               policy: Union[None, Policy, str, bytes, PathLike, Mapping[str, Any]] = None,
               ctx: Optional[Context] = None, max_lineage_depth: int = 0,
               errors: str = "raise", pending: Optional[int] = None,
               **ctx_options: Any) -> Iterator[Union[Report, "errors.Error"]]:
    """Checks releases in parallel and yields their reports as they finish.

    items are paths (folders, archives, files; what check() takes) or
    Release objects, which are given to the library (do not use them
    afterwards). jobs releases are checked at once (None: one per CPU), by
    the library's threads, with one catalog (a Catalog, or folders) and one
    policy (None: the default) shared by all, so a base model or dataset
    named by many releases is judged once. Each yielded Report carries
    ``input`` (the item) and ``index`` (its position in items) and has the
    policy applied (Report.policy_passed).

    items is read lazily and at most ``pending`` releases (default 16 per
    job) are in flight, so memory does not grow with the number of items. A
    release that cannot be checked raises its trulyopen.Error (with
    ``input`` and ``index``) and stops the iteration; with errors="yield"
    the Error is yielded in its place instead. Without ctx, a context is made
    from ctx_options (see Context; threads defaults to 1: the releases are
    the parallel work)."""
    if errors not in ("raise", "yield"):
        raise ValueError('errors must be "raise" or "yield"')
    if jobs is not None and int(jobs) < 1:
        raise ValueError("jobs must be at least 1")
    if ctx is None:
        ctx_options.setdefault("threads", 1)
    return _Run(items, jobs, catalogs, policy, ctx, max_lineage_depth, errors == "yield",
                pending, ctx_options).results()


class _Run:
    """One check_many() call: owns the batch and what it borrows."""

    def __init__(self, items: Iterable[Item], jobs: Optional[int], catalogs: Any,
                 policy: Any, ctx: Optional[Context], depth: int, yield_errors: bool,
                 pending: Optional[int], ctx_options: Dict[str, Any]) -> None:
        self.items = iter(items)
        self.yield_errors = yield_errors
        self.closers: List[Handle] = []
        self.ctx, own = context_from(ctx, ctx_options)
        if own:
            self.closers.append(self.ctx)
        self.cat = _catalog(catalogs, self.ctx, self.closers)
        self.pol = policy if isinstance(policy, Policy) or policy is None else Policy(policy)
        if self.pol is not None and self.pol is not policy:
            self.closers.append(self.pol)
        self.window = int(pending) if pending else 16 * (int(jobs) if jobs else
                                                          (os.cpu_count() or 1))
        self.jobs = int(jobs or 0)
        self.depth = depth
        self.inputs: Dict[int, Item] = {}
        self.detached: List[Context] = []

    def results(self) -> Iterator[Union[Report, errors.Error]]:
        held = []  # handles acquired for the batch's lifetime
        batch = c_void_p()
        try:
            ctx_ptr = self.ctx._acquire()
            held.append(self.ctx)
            opts = _lib.TroBatchOptions(version=_lib.BATCH_OPTIONS_VERSION, threads=self.jobs,
                                        max_lineage_depth=self.depth)
            if self.cat is not None:
                opts.catalog = self.cat._acquire()
                held.append(self.cat)
            if self.pol is not None:
                opts.policy = self.pol._acquire()
                held.append(self.pol)
            lib().tro_batch_new(byref(batch), ctx_ptr, byref(opts), _lib.error_struct())
            index = 0
            for item in self.items:
                while lib().tro_batch_pending(batch) >= self.window:
                    yield self._take(batch)
                self._submit(batch, item, index)
                index += 1
            while lib().tro_batch_pending(batch):
                yield self._take(batch)
        finally:
            if batch.value:
                lib().tro_batch_free(batch)
            for h in held:
                h._release_user()
            for ctx in self.detached:
                ctx._release_user()
            for h in self.closers:
                h.close()

    def _submit(self, batch: c_void_p, item: Item, index: int) -> None:
        self.inputs[index] = item
        if isinstance(item, Release):
            ptr, ctx = item._detach()
            self.detached.append(ctx)
            lib().tro_batch_submit_release(batch, ptr, index)
        else:
            lib().tro_batch_submit(batch, _lib.fsencode(item), index)

    def _take(self, batch: c_void_p) -> Union[Report, errors.Error]:
        out = c_void_p()
        lib().tro_batch_next(batch, 1, byref(out))  # releases the GIL while it waits
        try:
            index = int(lib().tro_batch_item_tag(out) or 0)
            item = self.inputs.pop(index)
            msg = c_char_p()
            code = lib().tro_batch_item_error(out, byref(msg))
            if code:
                exc = errors.make_error(code, _lib.text(msg.value))
                exc.input, exc.index = item, index  # type: ignore[attr-defined]
                if not self.yield_errors:
                    raise exc
                return exc
            ptr = lib().tro_batch_item_take_report(out)
            report = Report._adopt(ptr, [self.ctx])
            self.ctx._acquire(closing_ok=True)  # released with the report
            report.input, report.index = item, index  # type: ignore[attr-defined]
            return report
        finally:
            lib().tro_batch_item_free(out)
