# SPDX-FileCopyrightText: The trulyopen authors
# SPDX-License-Identifier: Apache-2.0
"""Finding and loading libtrulyopen, and the ctypes declaration of every
public function of include/trulyopen.h.

Functions are bound on first use: a library built before a family of
functions existed still loads, and only calling a missing function fails
(with UnsupportedError). Every int-returning function that reports errors
goes through one hook, :func:`_errcheck`, which turns negative codes into
the exception classes of :mod:`trulyopen.errors` with the library's message.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import glob
import os
import threading
from ctypes import (CFUNCTYPE, POINTER, Structure, c_char, c_char_p, c_double, c_int,
                    c_int64, c_size_t, c_uint, c_uint32, c_uint64, c_void_p)
from typing import Any, Callable, Dict, List, Optional, Sequence, Tuple

from . import errors

ENV_VAR = "TRULYOPEN_LIBRARY"
_NAMES = ("libtrulyopen.so", "libtrulyopen.dylib")


# ---- Structures and callback types (include/trulyopen/*.h) -----------------

class TroError(Structure):
    """tro_error: code, message and byte offset of a failure."""
    _fields_ = [("code", c_int), ("message", c_char * 512), ("offset", c_int64)]


class TroLimits(Structure):
    _fields_ = [("max_text_bytes", c_uint64), ("max_header_bytes", c_uint64),
                ("max_entries", c_uint64), ("max_depth", c_uint32),
                ("max_aliases", c_uint32), ("max_expand_bytes", c_uint64),
                ("max_expand_ratio", c_uint32)]


PROGRESS_FN = CFUNCTYPE(c_int, c_uint64, c_uint64, c_void_p)
RESOLVE_FN = CFUNCTYPE(c_int, c_void_p, c_int, c_char_p, POINTER(c_void_p), c_void_p)


class TroCtxOptions(Structure):
    _fields_ = [("version", c_uint), ("threads", c_uint), ("flags", c_uint),
                ("limits", TroLimits), ("ignore", POINTER(c_char_p)),
                ("ignore_count", c_size_t), ("progress", PROGRESS_FN),
                ("progress_userdata", c_void_p)]


class TroCheckOptions(Structure):
    _fields_ = [("version", c_uint), ("catalog", c_void_p), ("resolve", RESOLVE_FN),
                ("resolve_userdata", c_void_p), ("max_lineage_depth", c_uint)]


class TroRenderOptions(Structure):
    _fields_ = [("version", c_uint), ("format", c_int), ("flags", c_uint),
                ("root_uri", c_char_p), ("release_path", c_char_p), ("created", c_int64)]


class TroCell(Structure):
    _fields_ = [("type", c_int), ("text", c_char_p), ("integer", c_int64), ("real", c_double)]


class TroHubOptions(Structure):
    _fields_ = [("version", c_uint), ("flags", c_uint), ("endpoint", c_char_p),
                ("token", c_char_p), ("cache_dir", c_char_p), ("hf_cache_dir", c_char_p),
                ("max_parallel", c_uint), ("connect_timeout_ms", c_uint),
                ("stall_timeout_ms", c_uint), ("total_timeout_ms", c_uint),
                ("max_tries", c_uint), ("retry_base_ms", c_uint),
                ("max_retry_wait_ms", c_uint), ("max_response_bytes", c_uint64)]


class TroHubStats(Structure):
    _fields_ = [("requests", c_uint64), ("bytes_received", c_uint64),
                ("bytes_sent", c_uint64), ("cache_reads", c_uint64)]


CTX_OPTIONS_VERSION = 2
HUB_OPTIONS_VERSION = 1
HUB_OFFLINE = 1 << 0
HUB_NO_ENV = 1 << 1
HUB_DOWNLOAD_HASH = 1 << 0
HUB_HASH_ALL = 1 << 1


BATCH_OPEN_FN = CFUNCTYPE(c_int, c_void_p, c_char_p, POINTER(c_void_p), POINTER(TroError),
                          c_void_p)


class TroBatchOptions(Structure):
    _fields_ = [("version", c_uint), ("threads", c_uint), ("flags", c_uint),
                ("catalog", c_void_p), ("policy", c_void_p), ("max_lineage_depth", c_uint),
                ("open", BATCH_OPEN_FN), ("open_userdata", c_void_p)]


BATCH_OPTIONS_VERSION = 1
BATCH_JSON = 1 << 0
BATCH_COMPACT = 1 << 1
BATCH_IN_ORDER = 1 << 2
BATCH_CALLER_WORKS = 1 << 3
BATCH_NO_ARTIFACTS = 1 << 4
CHECK_OPTIONS_VERSION = 1
RENDER_OPTIONS_VERSION = 2
FORMAT_JSON, FORMAT_TEXT, FORMAT_SARIF, FORMAT_CYCLONEDX, FORMAT_SPDX = 0, 1, 2, 3, 4
FORMAT_HTML, FORMAT_MARKDOWN, FORMAT_BADGE_SVG, FORMAT_SHIELDS = 5, 6, 7, 8
RENDER_COMPACT = 1 << 0
RENDER_NO_ARTIFACTS = 1 << 1
RENDER_COLOR = 1 << 2
RENDER_FRAGMENT = 1 << 3
SCAN_NO_HASH = 1 << 0
SCAN_NO_READERS = 1 << 1
SCAN_NO_DEFAULT_IGNORES = 1 << 2
SCAN_HASH_SPARSE = 1 << 3
TEXT_COLOR = 1 << 0


# ---- The error hook ---------------------------------------------------------

def _decode(raw: Optional[bytes]) -> str:
    return raw.decode("utf-8", "replace") if raw else ""


def _raise(code: int, message: str, offset: Optional[int] = None) -> None:
    if not message:
        message = _decode(lib().tro_strerror(code))
    raise errors.make_error(code, message, offset)


def _errcheck(kind: str) -> Callable[[int, Any, Tuple[Any, ...]], int]:
    """The hook for one function: "err" when its last argument is a tro_error,
    "rel" when its first is the release whose last error explains the failure,
    "code" when only the code is known."""
    def check(result: int, func: Any, args: Tuple[Any, ...]) -> int:
        if result >= 0:
            return result
        if kind == "err" and isinstance(args[-1], TroError) and args[-1].code == result:
            _raise(result, _decode(args[-1].message), args[-1].offset)
        if kind == "rel" and args[0]:
            _raise(result, _decode(lib().tro_release_last_error(args[0])))
        _raise(result, "")
        return result  # not reached
    return check


# ---- Declarations ------------------------------------------------------------
# name: (restype, argtypes, error kind or None). Handles are c_void_p; strings
# the library hands over (free with tro_free) are c_void_p out-parameters,
# never c_char_p, so that the pointer survives to be freed.

_P = POINTER
_VP = c_void_p
_S = c_char_p
_OUT = _P(c_void_p)

_FUNCS: Dict[str, Tuple[Any, List[Any], Optional[str]]] = {
    # common.h
    "tro_version_string": (_S, [], None),
    "tro_version_number": (c_int, [], None),
    "tro_strerror": (_S, [c_int], None),
    "tro_free": (None, [_VP], None),
    "tro_text_escape": (c_int, [_S, _OUT], "code"),
    # ctx.h
    "tro_ctx_new": (c_int, [_OUT, _P(TroCtxOptions), _P(TroError)], "err"),
    "tro_ctx_free": (None, [_VP], None),
    "tro_ctx_threads": (c_uint, [_VP], None),
    # release.h
    "tro_type_name": (_S, [c_int], None),
    "tro_severity_name": (_S, [c_int], None),
    "tro_scan": (c_int, [_VP, _S, _OUT, _P(TroError)], "err"),
    "tro_release_new": (c_int, [_OUT, _VP, _S], "code"),
    "tro_release_add_buffer": (c_int, [_VP, _S, _VP, c_size_t], "rel"),
    "tro_release_free": (None, [_VP], None),
    "tro_release_last_error": (_S, [_VP], None),
    "tro_release_name": (_S, [_VP], None),
    "tro_release_artifact_count": (c_size_t, [_VP], None),
    "tro_release_artifact": (_VP, [_VP, c_size_t], None),
    "tro_release_find": (_VP, [_VP, _S], None),
    "tro_artifact_path": (_S, [_VP], None),
    "tro_artifact_size": (c_uint64, [_VP], None),
    "tro_artifact_sha256": (_S, [_VP], None),
    "tro_artifact_sha256_source": (_S, [_VP], None),
    "tro_artifact_type": (c_int, [_VP], None),
    "tro_artifact_lfs": (c_int, [_VP, _P(_S), _P(c_uint64)], None),
    "tro_artifact_metadata": (c_int, [_VP, _OUT, _P(c_size_t)], "code"),
    "tro_release_finding_count": (c_size_t, [_VP], None),
    "tro_release_finding": (_VP, [_VP, c_size_t], None),
    "tro_finding_severity": (c_int, [_VP], None),
    "tro_finding_code": (_S, [_VP], None),
    "tro_finding_message": (_S, [_VP], None),
    "tro_finding_path": (_S, [_VP], None),
    "tro_finding_offset": (c_int64, [_VP], None),
    # manifest.h
    "tro_release_manifest": (c_int, [_VP, _OUT, _P(c_size_t)], "rel"),
    "tro_verify": (c_int, [_VP, _S, c_size_t, _OUT, _P(TroError)], "err"),
    "tro_verify_result_count": (c_size_t, [_VP], None),
    "tro_verify_result_get": (c_int, [_VP, c_size_t, _P(c_int), _P(_S), _P(_S)], "code"),
    "tro_verify_result_free": (None, [_VP], None),
    # license.h
    "tro_license_category_name": (_S, [c_int], None),
    "tro_license_list_version": (_S, [], None),
    "tro_license_lookup": (c_int, [_S, _P(_S), _P(_S), _P(c_int), _P(c_uint)], "code"),
    "tro_license_classify": (c_int, [_S, _OUT, _P(TroError)], "err"),
    "tro_license_classify_hf": (c_int, [_S, _S, _S, _OUT, _P(TroError)], "err"),
    "tro_license_db_load": (c_int, [_OUT, _S, _P(TroError)], "err"),
    "tro_license_db_count": (c_size_t, [_VP], None),
    "tro_license_db_free": (None, [_VP], None),
    "tro_license_identify": (c_int, [_VP, _VP, c_size_t, _OUT, _P(TroError)], "err"),
    "tro_license_identify_ex": (c_int, [_VP, _VP, c_size_t, c_uint, _OUT, _P(TroError)], "err"),
    "tro_license_result_expression": (_S, [_VP], None),
    "tro_license_result_category": (c_int, [_VP], None),
    "tro_license_result_reason": (_S, [_VP], None),
    "tro_license_result_is_free": (c_int, [_VP], None),
    "tro_license_result_is_free_for_data": (c_int, [_VP], None),
    "tro_license_result_is_free_for_software": (c_int, [_VP], None),
    "tro_license_result_confidence": (c_double, [_VP], None),
    "tro_license_result_count": (c_size_t, [_VP], None),
    "tro_license_result_id": (_S, [_VP, c_size_t], None),
    "tro_license_result_name": (_S, [_VP, c_size_t], None),
    "tro_license_result_license_reason": (_S, [_VP, c_size_t], None),
    "tro_license_result_license_category": (c_int, [_VP, c_size_t], None),
    "tro_license_result_flags": (c_uint, [_VP, c_size_t], None),
    "tro_license_result_exception": (_S, [_VP, c_size_t], None),
    "tro_license_result_covers": (c_uint, [_VP, c_size_t], None),
    "tro_license_result_part_flags": (c_uint, [_VP, c_uint, _P(c_int)], None),
    "tro_license_result_match": (c_int, [_VP, _P(_S), _P(c_double), _P(c_double)], "code"),
    "tro_license_covers_name": (_S, [c_uint], None),
    "tro_license_result_evidence_count": (c_size_t, [_VP], None),
    "tro_license_result_evidence": (c_int, [_VP, c_size_t, _P(_S), _P(_S), _P(c_int64)],
                                    "code"),
    "tro_license_result_json": (c_int, [_VP, _OUT, _P(c_size_t)], "code"),
    "tro_license_result_free": (None, [_VP], None),
    # check.h
    "tro_status_name": (_S, [c_int], None),
    "tro_criterion_name": (_S, [c_int], None),
    "tro_catalog_new": (c_int, [_OUT, _VP, _P(_S), c_size_t, _P(TroError)], "err"),
    "tro_catalog_free": (None, [_VP], None),
    "tro_check": (c_int, [_VP, _VP, _P(TroCheckOptions), _OUT, _P(TroError)], "err"),
    "tro_report_free": (None, [_VP], None),
    "tro_report_truly_open": (c_int, [_VP], None),
    "tro_report_verdict": (_S, [_VP], None),
    "tro_report_status": (c_int, [_VP, c_int], None),
    "tro_report_mof_class": (c_int, [_VP], None),
    "tro_policy_new": (c_int, [_OUT, _S, c_size_t, _P(TroError)], "err"),
    "tro_policy_free": (None, [_VP], None),
    "tro_report_apply_policy": (c_int, [_VP, _VP], "code"),
    "tro_report_apply_policy_at": (c_int, [_VP, _VP, c_int64], "code"),
    "tro_report_json": (c_int, [_VP, _OUT, _P(c_size_t)], "code"),
    "tro_report_sarif": (c_int, [_VP, _OUT, _P(c_size_t)], "code"),
    "tro_report_text": (c_int, [_VP, c_uint, _OUT, _P(c_size_t)], "code"),
    # report.h: the parts of a report (borrowed), and rendering with options
    "tro_report_release_name": (_S, [_VP], None),
    "tro_report_card_path": (_S, [_VP], None),
    "tro_report_evidence_count": (c_size_t, [_VP, c_int], None),
    "tro_report_evidence": (_VP, [_VP, c_int, c_size_t], None),
    "tro_evidence_kind": (_S, [_VP], None),
    "tro_evidence_text": (_S, [_VP], None),
    "tro_evidence_path": (_S, [_VP], None),
    "tro_evidence_url": (_S, [_VP], None),
    "tro_evidence_why": (_S, [_VP], None),
    "tro_evidence_line": (c_int64, [_VP], None),
    "tro_evidence_offset": (c_int64, [_VP], None),
    "tro_report_reason_count": (c_size_t, [_VP, c_int], None),
    "tro_report_reason": (_S, [_VP, c_int, c_size_t], None),
    "tro_report_license_count": (c_size_t, [_VP], None),
    "tro_report_license": (_VP, [_VP, c_size_t], None),
    "tro_statement_source": (_S, [_VP], None),
    "tro_statement_path": (_S, [_VP], None),
    "tro_statement_text": (_S, [_VP], None),
    "tro_statement_expression": (_S, [_VP], None),
    "tro_statement_category": (c_int, [_VP], None),
    "tro_statement_known": (c_int, [_VP], None),
    "tro_statement_free": (c_int, [_VP], None),
    "tro_statement_free_for_data": (c_int, [_VP], None),
    "tro_statement_reason": (_S, [_VP], None),
    "tro_statement_license_count": (c_size_t, [_VP], None),
    "tro_statement_license_id": (_S, [_VP, c_size_t], None),
    "tro_statement_license_name": (_S, [_VP, c_size_t], None),
    "tro_statement_license_category": (c_int, [_VP, c_size_t], None),
    "tro_statement_license_flags": (c_uint, [_VP, c_size_t], None),
    "tro_statement_license_reason": (_S, [_VP, c_size_t], None),
    "tro_report_finding_count": (c_size_t, [_VP], None),
    "tro_report_finding": (_VP, [_VP, c_size_t], None),
    "tro_judged_finding_severity": (c_int, [_VP], None),
    "tro_judged_finding_code": (_S, [_VP], None),
    "tro_judged_finding_message": (_S, [_VP], None),
    "tro_judged_finding_path": (_S, [_VP], None),
    "tro_judged_finding_offset": (c_int64, [_VP], None),
    "tro_judged_finding_line": (c_int64, [_VP], None),
    "tro_judged_finding_waived": (c_int, [_VP], None),
    "tro_judged_finding_waiver": (_S, [_VP], None),
    "tro_report_artifact_count": (c_size_t, [_VP], None),
    "tro_report_artifact": (_VP, [_VP, c_size_t], None),
    "tro_judged_artifact_path": (_S, [_VP], None),
    "tro_judged_artifact_type": (c_int, [_VP], None),
    "tro_judged_artifact_size": (c_uint64, [_VP], None),
    "tro_judged_artifact_sha256": (_S, [_VP], None),
    "tro_judged_artifact_sha256_source": (_S, [_VP], None),
    "tro_report_lineage_count": (c_size_t, [_VP], None),
    "tro_report_lineage": (_VP, [_VP, c_size_t], None),
    "tro_lineage_step_id": (_S, [_VP], None),
    "tro_lineage_step_relation": (_S, [_VP], None),
    "tro_lineage_step_depth": (c_uint, [_VP], None),
    "tro_lineage_step_resolved": (c_int, [_VP], None),
    "tro_lineage_step_source": (_S, [_VP], None),
    "tro_lineage_step_known": (c_int, [_VP], None),
    "tro_lineage_step_status": (c_int, [_VP, c_int], None),
    "tro_lineage_step_verdict": (_S, [_VP], None),
    "tro_lineage_step_license_count": (c_size_t, [_VP], None),
    "tro_lineage_step_license": (_S, [_VP, c_size_t], None),
    "tro_data_role_name": (_S, [c_int], None),
    "tro_report_dataset_count": (c_size_t, [_VP], None),
    "tro_report_dataset": (_VP, [_VP, c_size_t], None),
    "tro_dataset_id": (_S, [_VP], None),
    "tro_dataset_declared_by_count": (c_size_t, [_VP], None),
    "tro_dataset_declared_by": (_S, [_VP, c_size_t], None),
    "tro_dataset_resolved": (c_int, [_VP], None),
    "tro_dataset_source": (_S, [_VP], None),
    "tro_dataset_license": (_S, [_VP], None),
    "tro_dataset_free_for_data": (c_int, [_VP], None),
    "tro_dataset_role": (c_int, [_VP], None),
    "tro_report_mof_label": (_S, [_VP], None),
    "tro_report_mof_progress": (c_double, [_VP, c_int], None),
    "tro_report_mof_path": (_S, [_VP], None),
    "tro_report_mof_component_count": (c_size_t, [_VP], None),
    "tro_report_mof_component": (_VP, [_VP, c_size_t], None),
    "tro_mof_component_name": (_S, [_VP], None),
    "tro_mof_component_class": (c_int, [_VP], None),
    "tro_mof_component_content_type": (_S, [_VP], None),
    "tro_mof_component_required": (c_int, [_VP], None),
    "tro_mof_component_status": (_S, [_VP], None),
    "tro_mof_component_license": (_S, [_VP], None),
    "tro_report_mof_evidence_count": (c_size_t, [_VP], None),
    "tro_report_mof_evidence": (_S, [_VP, c_size_t], None),
    "tro_report_to_pass_count": (c_size_t, [_VP], None),
    "tro_report_to_pass": (_S, [_VP, c_size_t], None),
    "tro_table_name": (_S, [c_int], None),
    "tro_table_columns": (_S, [c_int], None),
    "tro_table_column_count": (c_size_t, [c_int], None),
    "tro_table_column_name": (_S, [c_int, c_size_t], None),
    "tro_table_column_type": (c_int, [c_int, c_size_t], None),
    "tro_report_row_count": (c_size_t, [_VP, c_int], None),
    "tro_report_cell": (c_int, [_VP, c_int, c_size_t, c_size_t, _P(TroCell)], "code"),
    "tro_report_policy_passed": (c_int, [_VP], None),
    "tro_report_policy_failure_count": (c_size_t, [_VP], None),
    "tro_report_policy_failure": (_S, [_VP, c_size_t], None),
    "tro_report_render": (c_int, [_VP, _P(TroRenderOptions), _OUT, _P(c_size_t)], "code"),
    "tro_report_json_flags": (c_int, [_VP, c_uint, _OUT, _P(c_size_t)], "code"),
    # hub.h
    "tro_hub_new": (c_int, [_OUT, _P(TroHubOptions), _P(TroError)], "err"),
    "tro_hub_free": (None, [_VP], None),
    "tro_hub_is_ref": (c_int, [_VP, _S], None),
    "tro_hub_open": (c_int, [_VP, _VP, _S, c_uint, _OUT, _P(TroError)], "err"),
    # a resolver: its codes are answers (not found, unavailable), not errors
    "tro_hub_resolve": (c_int, [_VP, c_int, _S, _OUT, _VP], None),
    "tro_hub_stats_get": (None, [_VP, _P(TroHubStats)], None),
    # attest.h
    "tro_attest_sign": (c_int, [_VP, _S, c_size_t, _OUT, _P(c_size_t), _P(TroError)], "err"),
    "tro_attest_verify": (c_int, [_VP, _S, c_size_t, _S, c_size_t, _OUT, _P(TroError)], "err"),
    "tro_attestation_signature_ok": (c_int, [_VP], "code"),
    "tro_attestation_predicate_type": (_S, [_VP], None),
    "tro_attestation_subject_count": (c_size_t, [_VP], None),
    "tro_attestation_difference_count": (c_size_t, [_VP], None),
    "tro_attestation_difference": (c_int, [_VP, c_size_t, _P(c_int), _P(_S), _P(_S)], "code"),
    "tro_attestation_predicate": (_S, [_VP], None),
    "tro_attestation_free": (None, [_VP], None),
    # batch.h
    "tro_batch_new": (c_int, [_OUT, _VP, _P(TroBatchOptions), _P(TroError)], "err"),
    "tro_batch_submit": (c_int, [_VP, _S, _VP], "code"),
    "tro_batch_submit_release": (c_int, [_VP, _VP, _VP], "code"),
    "tro_batch_pending": (c_size_t, [_VP], None),
    "tro_batch_next": (c_int, [_VP, c_int, _OUT], "code"),
    "tro_batch_free": (None, [_VP], None),
    "tro_batch_item_index": (c_uint64, [_VP], None),
    "tro_batch_item_tag": (_VP, [_VP], None),
    "tro_batch_item_input": (_S, [_VP], None),
    "tro_batch_item_error": (c_int, [_VP, _P(_S)], None),
    "tro_batch_item_report": (_VP, [_VP], None),
    "tro_batch_item_take_report": (_VP, [_VP], None),
    "tro_batch_item_policy_met": (c_int, [_VP], None),
    "tro_batch_item_json": (_S, [_VP, _P(c_size_t)], None),
    "tro_batch_item_free": (None, [_VP], None),
}


def declarations() -> Dict[str, Tuple[Any, List[Any], Optional[str]]]:
    """A copy of the declaration table (restype, argtypes, error kind), for tests."""
    return dict(_FUNCS)


# ---- Finding the library -----------------------------------------------------

def _in_dir(folder: str) -> Optional[str]:
    for name in _NAMES:
        path = os.path.join(folder, name)
        if os.path.isfile(path):
            return path
    versioned = sorted(glob.glob(os.path.join(folder, "libtrulyopen.so.*")), key=len)
    return versioned[0] if versioned else None


def build_tree_library(start: Optional[str] = None) -> Optional[str]:
    """The library of a build tree holding the package: .libs/ in start (by
    default this package's folder) or any folder above it."""
    folder = os.path.abspath(start or os.path.dirname(__file__))
    while True:
        found = _in_dir(os.path.join(folder, ".libs"))
        if found:
            return found
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent


def _configured_libdir() -> Optional[str]:
    try:
        from ._config import LIBDIR  # written by `make install`
    except ImportError:
        return None
    return str(LIBDIR) if LIBDIR else None


def find_library() -> Tuple[Optional[str], List[str]]:
    """Where the library is, in order: $TRULYOPEN_LIBRARY, a build tree above
    the package, the libdir the package was installed for by `make install`,
    then the system's search (ctypes.util.find_library). Returns the path (or
    None) and the places tried."""
    tried: List[str] = []
    env = os.environ.get(ENV_VAR)
    if env:
        return env, [ENV_VAR + "=" + env]
    tried.append(ENV_VAR + " (unset)")
    found = build_tree_library()
    tried.append("build tree above " + os.path.dirname(os.path.abspath(__file__)))
    if found:
        return found, tried
    libdir = _configured_libdir()
    if libdir:
        tried.append(libdir)
        found = _in_dir(libdir)
        if found:
            return found, tried
    tried.append("ctypes.util.find_library('trulyopen')")
    return ctypes.util.find_library("trulyopen"), tried


class Library:
    """A loaded libtrulyopen. Attribute access binds a function on first use
    (declared argtypes, restype and error hook). Thread-safe."""

    def __init__(self, path: str) -> None:
        self.path = path
        try:
            self._cdll = ctypes.CDLL(path)
        except OSError as exc:
            raise errors.LibraryNotFoundError(f"cannot load {path}: {exc}") from exc
        self._lock = threading.Lock()

    def has(self, name: str) -> bool:
        """Whether the library exports the function name."""
        try:
            getattr(self._cdll, name)
        except AttributeError:
            return False
        return True

    def __getattr__(self, name: str) -> Any:
        spec = _FUNCS.get(name)
        if spec is None:
            raise AttributeError(name)
        with self._lock:
            bound = self.__dict__.get(name)
            if bound is not None:
                return bound
            try:
                func = getattr(self._cdll, name)
            except AttributeError:
                missing = errors.UnsupportedError(
                    f"{self.path} does not provide {name}() (a build of libtrulyopen "
                    "older than these bindings)")
                missing.code = None  # not a code the library returned
                raise missing from None
            func.restype, func.argtypes = spec[0], spec[1]
            if spec[2]:
                func.errcheck = _errcheck(spec[2])
            self.__dict__[name] = func
            return func


_loaded: Optional[Library] = None
_load_lock = threading.Lock()


def lib() -> Library:
    """The library, loaded on first use (see find_library())."""
    global _loaded
    if _loaded is None:
        with _load_lock:
            if _loaded is None:
                path, tried = find_library()
                if not path:
                    raise errors.LibraryNotFoundError(
                        "libtrulyopen not found; tried " + ", ".join(tried)
                        + "; set " + ENV_VAR + " to its path")
                _loaded = Library(path)
    return _loaded


# ---- Helpers shared by the modules -------------------------------------------

def fsencode(path: "os.PathLike[str] | str | bytes") -> bytes:
    """A path argument as the bytes the C library takes."""
    return os.fsencode(path)


def text(raw: Optional[bytes]) -> str:
    """A borrowed C string (message, code, name) as str; "" for NULL."""
    return _decode(raw)


def path_text(raw: Optional[bytes]) -> str:
    """A path from the library, as os.fsdecode would: undecodable bytes are
    kept as surrogates so the path round-trips back to the library."""
    return raw.decode("utf-8", "surrogateescape") if raw else ""


def take_string(ptr: c_void_p, length: c_size_t) -> str:
    """Copies a string the library handed over, then frees it with tro_free()."""
    if not ptr.value:
        return ""
    try:
        return ctypes.string_at(ptr.value, length.value).decode("utf-8", "replace")
    finally:
        lib().tro_free(ptr)


def error_struct() -> TroError:
    err = TroError()
    err.offset = -1
    return err


def buffer_arg(data: Any) -> Tuple[Any, int]:
    """A bytes-like object (or str, as UTF-8) as (pointer argument, length),
    without copying bytes or writable buffers."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    if isinstance(data, bytes):
        return data, len(data)
    view = memoryview(data)
    if not view.c_contiguous:
        data = view.tobytes()
        return data, len(data)
    if view.readonly:
        data = view.tobytes()
        return data, len(data)
    view = view.cast("B")
    array = (c_char * view.nbytes).from_buffer(view)
    return array, view.nbytes


def c_strings(items: Sequence[bytes]) -> Any:
    """A C array of char * for a sequence of bytes."""
    array_type = c_char_p * max(len(items), 1)
    return array_type(*items)
