# SPDX-FileCopyrightText: The trulyopen authors
# SPDX-License-Identifier: Apache-2.0
"""The bindings against the C API: every public function of the headers is
declared with matching types, the structures have the C layout, constants
agree, and the library is found in the documented order."""

import ctypes
import ctypes.util
import glob
import os
import re
import shutil
import subprocess
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pyt  # noqa: E402  (sets up the environment, skips when it must)
from pyt import trulyopen  # noqa: E402
from trulyopen import _lib, errors, licenses  # noqa: E402
from trulyopen import manifest as manifest_mod  # noqa: E402

P = ctypes.POINTER
HEADERS = sorted(glob.glob(os.path.join(pyt.SRCDIR, "include", "trulyopen", "*.h")))


def header_text():
    text = ""
    for path in HEADERS:
        with open(path, encoding="utf-8") as f:
            text += f.read() + "\n"
    text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)
    return re.sub(r"//[^\n]*", " ", text)


def parse_headers():
    """(functions {name: (return type, [param types])}, opaque handle types,
    enum types, struct types with bodies, function pointer types)."""
    text = re.sub(r"^[ \t]*#(?:[^\n]*\\\n)*[^\n]*", " ", header_text(), flags=re.M)
    opaque = set(re.findall(r"typedef\s+struct\s+(\w+)\s+\1\s*;", text))
    enums = set(re.findall(r"typedef\s+enum\s+(\w+)\s*\{", text))
    structs = set(re.findall(r"typedef\s+struct\s+(\w+)\s*\{", text))
    fnptrs = set(re.findall(r"typedef\s+\w+\s*\(\s*\*\s*(\w+)\s*\)", text))
    funcs = {}
    for m in re.finditer(r"TRO_API\s+([^;]*?)\b(tro_\w+)\s*\(([^)]*)\)\s*;", text, re.S):
        ret, name, params = " ".join(m.group(1).split()), m.group(2), m.group(3)
        types = []
        for param in params.split(","):
            param = " ".join(param.split())
            if param in ("void", ""):
                continue
            # drop the parameter name: the last identifier not part of the type
            pm = re.match(r"(.*?[\s*])(\w+)$", param)
            types.append(" ".join(pm.group(1).split()) if pm else param)
        funcs[name] = (ret, types)
    return funcs, opaque, enums, structs, fnptrs


FUNCS, OPAQUE, ENUMS, STRUCTS, FNPTRS = parse_headers()
STRUCT_CLASSES = {"tro_error": _lib.TroError, "tro_limits": _lib.TroLimits,
                  "tro_ctx_options": _lib.TroCtxOptions,
                  "tro_check_options": _lib.TroCheckOptions,
                  "tro_render_options": _lib.TroRenderOptions,
                  "tro_hub_options": _lib.TroHubOptions, "tro_hub_stats": _lib.TroHubStats,
                  "tro_batch_options": _lib.TroBatchOptions, "tro_cell": _lib.TroCell}
SCALARS = {"int": ctypes.c_int, "unsigned int": ctypes.c_uint, "size_t": ctypes.c_size_t,
           "uint64_t": ctypes.c_uint64, "int64_t": ctypes.c_int64,
           "double": ctypes.c_double}


def expected_ctype(ctype, is_return=False):
    """The ctypes type a C type must be declared as."""
    t = " ".join(ctype.replace("*", " * ").split())
    const_target = t.startswith("const ")
    t = t.replace("const ", "").replace(" const", "").strip()
    stars = t.count("*")
    base = t.replace("*", "").strip()
    if stars == 0:
        if base == "void":
            return None
        if base in ENUMS:
            return ctypes.c_int
        return SCALARS[base]
    if stars == 1:
        if base == "char":
            return ctypes.c_char_p  # borrowed strings in, static/borrowed out
        if base in OPAQUE or base == "void":
            return ctypes.c_void_p
        if base in STRUCT_CLASSES:
            return P(STRUCT_CLASSES[base])
        if base in ENUMS:
            return P(ctypes.c_int)
        return P(SCALARS[base])
    if stars == 2:
        if base == "char" and const_target:
            return P(ctypes.c_char_p)  # borrowed strings out, or arrays of them in
        if base == "char":
            return P(ctypes.c_void_p)  # owned strings: freed with tro_free()
        if base in OPAQUE:
            return P(ctypes.c_void_p)
    raise AssertionError(f"no rule for C type {ctype!r}")


class Declarations(unittest.TestCase):
    def test_headers_parsed(self):
        self.assertGreater(len(FUNCS), 70)
        self.assertIn("tro_scan", FUNCS)
        self.assertIn("tro_check", FUNCS)
        self.assertEqual(FUNCS["tro_scan"][1],
                         ["tro_ctx *", "const char *", "tro_release **", "tro_error *"])

    def test_every_public_function_is_declared(self):
        declared = _lib.declarations()
        self.assertEqual(sorted(set(FUNCS) - set(declared)), [], "functions not bound")
        self.assertEqual(sorted(set(declared) - set(FUNCS)), [], "bound but not in headers")

    def test_types_match_the_headers(self):
        declared = _lib.declarations()
        for name, (ret, params) in sorted(FUNCS.items()):
            restype, argtypes, _kind = declared[name]
            with self.subTest(function=name):
                self.assertIs(restype, expected_ctype(ret, True), f"{name} return type")
                self.assertEqual(len(argtypes), len(params), f"{name} arity")
                for i, (have, want) in enumerate(zip(argtypes, params)):
                    if want in FNPTRS:
                        continue
                    self.assertIs(have, expected_ctype(want), f"{name} parameter {i}: {want}")

    def test_owned_strings_are_never_c_char_p(self):
        # every char ** out-parameter (owned: tro_free) must keep the raw pointer
        for name, (_ret, params) in FUNCS.items():
            for i, p in enumerate(params):
                if p == "char **":
                    self.assertIs(_lib.declarations()[name][1][i], P(ctypes.c_void_p), name)

    def test_error_hooks(self):
        # functions taking a tro_error report through it; those returning an
        # int code all have a hook; nothing else has one
        declared = _lib.declarations()
        code_returning = {n for n, (ret, params) in FUNCS.items() if ret == "int"} - {
            "tro_version_number", "tro_artifact_lfs", "tro_report_truly_open",
            "tro_hub_is_ref", "tro_hub_resolve",
            "tro_report_mof_class", "tro_license_result_is_free",
            "tro_license_result_is_free_for_data", "tro_license_result_is_free_for_software",
            # the report's accessors return values (flags, classes, -1 for
            # "not known"), never error codes
            "tro_statement_known", "tro_statement_free", "tro_statement_free_for_data",
            "tro_judged_finding_waived", "tro_lineage_step_resolved", "tro_lineage_step_known",
            "tro_dataset_resolved", "tro_dataset_free_for_data", "tro_mof_component_class",
            "tro_mof_component_required", "tro_report_policy_passed",
            "tro_batch_item_error", "tro_batch_item_policy_met"}
        for name, (ret, params) in FUNCS.items():
            kind = declared[name][2]
            with self.subTest(function=name):
                if params and params[-1] == "tro_error *":
                    self.assertEqual(kind, "err")
                elif name in code_returning:
                    self.assertIn(kind, ("rel", "code"))
                else:
                    self.assertIsNone(kind)

    def test_callback_types(self):
        self.assertEqual(FNPTRS, {"tro_progress_fn", "tro_resolve_fn", "tro_batch_open_fn"})
        self.assertIs(_lib.PROGRESS_FN._restype_, ctypes.c_int)
        self.assertEqual(_lib.PROGRESS_FN._argtypes_,
                         (ctypes.c_uint64, ctypes.c_uint64, ctypes.c_void_p))
        self.assertEqual(_lib.RESOLVE_FN._argtypes_,
                         (ctypes.c_void_p, ctypes.c_int, ctypes.c_char_p,
                          P(ctypes.c_void_p), ctypes.c_void_p))


LAYOUT_PROGRAM = r"""
#include <stddef.h>
#include <stdio.h>
#include <trulyopen.h>
#define F(T, f) printf("%s.%s %zu %zu\n", #T, #f, offsetof(T, f), sizeof(((T *)0)->f))
#define S(T) printf("%s %zu\n", #T, sizeof(T))
#define C(c) printf("%s %lld\n", #c, (long long)(c))
int main(void)
{
    S(tro_error); F(tro_error, code); F(tro_error, message); F(tro_error, offset);
    S(tro_limits); F(tro_limits, max_text_bytes); F(tro_limits, max_header_bytes);
    F(tro_limits, max_entries); F(tro_limits, max_depth); F(tro_limits, max_aliases);
    F(tro_limits, max_expand_bytes); F(tro_limits, max_expand_ratio);
    S(tro_ctx_options); F(tro_ctx_options, version); F(tro_ctx_options, threads);
    F(tro_ctx_options, flags); F(tro_ctx_options, limits); F(tro_ctx_options, ignore);
    F(tro_ctx_options, ignore_count); F(tro_ctx_options, progress);
    F(tro_ctx_options, progress_userdata);
    S(tro_check_options); F(tro_check_options, version); F(tro_check_options, catalog);
    F(tro_check_options, resolve); F(tro_check_options, resolve_userdata);
    F(tro_check_options, max_lineage_depth);
    S(tro_render_options); F(tro_render_options, version); F(tro_render_options, format);
    F(tro_render_options, flags); F(tro_render_options, root_uri);
    F(tro_render_options, release_path); F(tro_render_options, created);
    C(TRO_RENDER_OPTIONS_VERSION); C(TRO_FORMAT_JSON); C(TRO_FORMAT_TEXT); C(TRO_FORMAT_SARIF);
    C(TRO_FORMAT_CYCLONEDX); C(TRO_FORMAT_SPDX);
    C(TRO_RENDER_COMPACT); C(TRO_RENDER_NO_ARTIFACTS); C(TRO_RENDER_COLOR);
    S(tro_hub_options); F(tro_hub_options, version); F(tro_hub_options, flags);
    F(tro_hub_options, endpoint); F(tro_hub_options, token); F(tro_hub_options, cache_dir);
    F(tro_hub_options, hf_cache_dir); F(tro_hub_options, max_parallel);
    F(tro_hub_options, connect_timeout_ms); F(tro_hub_options, stall_timeout_ms);
    F(tro_hub_options, total_timeout_ms); F(tro_hub_options, max_tries);
    F(tro_hub_options, retry_base_ms); F(tro_hub_options, max_retry_wait_ms);
    F(tro_hub_options, max_response_bytes);
    S(tro_hub_stats); F(tro_hub_stats, requests); F(tro_hub_stats, bytes_received);
    F(tro_hub_stats, bytes_sent); F(tro_hub_stats, cache_reads);
    C(TRO_HUB_OPTIONS_VERSION); C(TRO_HUB_OFFLINE); C(TRO_HUB_NO_ENV);
    C(TRO_HUB_DOWNLOAD_HASH); C(TRO_HUB_HASH_ALL);
    C(TRO_EUNSUPPORTED); C(TRO_ENETWORK); C(TRO_EACCESS);
    S(tro_batch_options); F(tro_batch_options, version); F(tro_batch_options, threads);
    F(tro_batch_options, flags); F(tro_batch_options, catalog); F(tro_batch_options, policy);
    F(tro_batch_options, max_lineage_depth); F(tro_batch_options, open);
    F(tro_batch_options, open_userdata);
    S(tro_cell); F(tro_cell, type); F(tro_cell, text); F(tro_cell, integer); F(tro_cell, real);
    C(TRO_BATCH_OPTIONS_VERSION); C(TRO_BATCH_JSON); C(TRO_BATCH_COMPACT);
    C(TRO_BATCH_IN_ORDER); C(TRO_BATCH_CALLER_WORKS); C(TRO_BATCH_NO_ARTIFACTS); C(TRO_SCAN_HASH_SPARSE);
    C(TRO_CTX_OPTIONS_VERSION); C(TRO_CHECK_OPTIONS_VERSION); C(TRO_SCAN_NO_HASH);
    C(TRO_SCAN_NO_READERS); C(TRO_SCAN_NO_DEFAULT_IGNORES); C(TRO_TEXT_COLOR);
    C(TRO_ENOMEM); C(TRO_EINVAL); C(TRO_EIO); C(TRO_EFORMAT); C(TRO_ELIMIT);
    C(TRO_ENOTFOUND); C(TRO_EPARSE); C(TRO_EVERSION); C(TRO_ECANCELED);
    C(TRO_LICENSE_SPDX); C(TRO_LICENSE_OSI_APPROVED); C(TRO_LICENSE_FSF_LIBRE);
    C(TRO_LICENSE_DEPRECATED); C(TRO_LICENSE_MOF_OPEN_DATA); C(TRO_LICENSE_MOF_OPEN);
    C(TRO_LICENSE_FREE); C(TRO_LICENSE_FREE_FOR_DATA); C(TRO_LICENSE_FREE_FOR_SOFTWARE);
    C(TRO_LICENSE_EXCEPTION); C(TRO_REF_MODEL); C(TRO_REF_DATASET);
    C(TRO_CRITERION_USE_FREEDOM); C(TRO_CRITERION_METHOD_TRANSPARENCY);
    C(TRO_CRITERION_DATA_ACCESS); C(TRO_DIFF_MISSING); C(TRO_DIFF_EXTRA);
    C(TRO_DIFF_CHANGED); C(TRO_DIFF_UNREADABLE); C(sizeof(tro_type)); C(sizeof(tro_status));
    return 0;
}
"""


class Layout(unittest.TestCase):
    """Structures and constants compared with what a C compiler sees."""

    @classmethod
    def setUpClass(cls):
        cc = os.environ.get("CC") or shutil.which("cc")
        if not cc:
            raise unittest.SkipTest("no C compiler ($CC) to compare layouts with")
        cls.tmp = pyt.tempfile.mkdtemp(prefix="trulyopen-layout-")
        src, exe = os.path.join(cls.tmp, "layout.c"), os.path.join(cls.tmp, "layout")
        with open(src, "w") as f:
            f.write(LAYOUT_PROGRAM)
        subprocess.run(cc.split() + ["-std=c99", "-I", os.path.join(pyt.SRCDIR, "include"),
                                     "-o", exe, src], check=True)
        out = subprocess.run([exe], check=True, capture_output=True, text=True).stdout
        cls.c = {}
        for line in out.splitlines():
            key, *values = line.split()
            cls.c[key] = tuple(int(v) for v in values)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def test_structures(self):
        for cname, cls in STRUCT_CLASSES.items():
            self.assertEqual(ctypes.sizeof(cls), self.c[cname][0], f"sizeof({cname})")
            for field, _t in cls._fields_:
                desc = getattr(cls, field)
                self.assertEqual((desc.offset, desc.size), self.c[f"{cname}.{field}"],
                                 f"{cname}.{field}")

    def test_constants(self):
        pairs = {"TRO_CTX_OPTIONS_VERSION": _lib.CTX_OPTIONS_VERSION,
                 "TRO_CHECK_OPTIONS_VERSION": _lib.CHECK_OPTIONS_VERSION,
                 "TRO_SCAN_NO_HASH": _lib.SCAN_NO_HASH,
                 "TRO_SCAN_NO_READERS": _lib.SCAN_NO_READERS,
                 "TRO_SCAN_NO_DEFAULT_IGNORES": _lib.SCAN_NO_DEFAULT_IGNORES,
                 "TRO_TEXT_COLOR": _lib.TEXT_COLOR,
                 "TRO_RENDER_OPTIONS_VERSION": _lib.RENDER_OPTIONS_VERSION,
                 "TRO_FORMAT_JSON": _lib.FORMAT_JSON, "TRO_FORMAT_TEXT": _lib.FORMAT_TEXT,
                 "TRO_FORMAT_SARIF": _lib.FORMAT_SARIF,
                 "TRO_FORMAT_CYCLONEDX": _lib.FORMAT_CYCLONEDX,
                 "TRO_FORMAT_SPDX": _lib.FORMAT_SPDX,
                 "TRO_RENDER_COMPACT": _lib.RENDER_COMPACT,
                 "TRO_RENDER_NO_ARTIFACTS": _lib.RENDER_NO_ARTIFACTS,
                 "TRO_RENDER_COLOR": _lib.RENDER_COLOR,
                 "TRO_HUB_OPTIONS_VERSION": _lib.HUB_OPTIONS_VERSION,
                 "TRO_HUB_OFFLINE": _lib.HUB_OFFLINE, "TRO_HUB_NO_ENV": _lib.HUB_NO_ENV,
                 "TRO_HUB_DOWNLOAD_HASH": _lib.HUB_DOWNLOAD_HASH,
                 "TRO_HUB_HASH_ALL": _lib.HUB_HASH_ALL,
                 "TRO_BATCH_OPTIONS_VERSION": _lib.BATCH_OPTIONS_VERSION,
                 "TRO_BATCH_JSON": _lib.BATCH_JSON, "TRO_BATCH_COMPACT": _lib.BATCH_COMPACT,
                 "TRO_BATCH_IN_ORDER": _lib.BATCH_IN_ORDER,
                 "TRO_BATCH_CALLER_WORKS": _lib.BATCH_CALLER_WORKS,
                 "TRO_BATCH_NO_ARTIFACTS": _lib.BATCH_NO_ARTIFACTS,
                 "TRO_SCAN_HASH_SPARSE": _lib.SCAN_HASH_SPARSE}
        for code in ("ENOMEM", "EINVAL", "EIO", "EFORMAT", "ELIMIT", "ENOTFOUND",
                     "EPARSE", "EVERSION", "ECANCELED", "EUNSUPPORTED", "ENETWORK",
                     "EACCESS"):
            pairs["TRO_" + code] = getattr(errors, code)
        for name, bit in licenses._FLAGS:
            pairs["TRO_LICENSE_" + name.upper()] = bit
        for i, name in enumerate(trulyopen.CRITERIA):
            pairs["TRO_CRITERION_" + name.upper()] = i
        for i, name in enumerate(("model", "dataset")):
            pairs["TRO_REF_" + name.upper()] = i
        for i, name in enumerate(manifest_mod._KINDS):
            pairs["TRO_DIFF_" + name.upper()] = i
        for cname, value in pairs.items():
            self.assertEqual(self.c[cname], (value,), cname)
        # enums are passed as c_int
        self.assertEqual(self.c["sizeof(tro_type)"], (ctypes.sizeof(ctypes.c_int),))
        self.assertEqual(self.c["sizeof(tro_status)"], (ctypes.sizeof(ctypes.c_int),))

    def test_names_from_the_library(self):
        L = _lib.lib()
        self.assertEqual(tuple(_lib.text(L.tro_criterion_name(i)) for i in range(3)),
                         trulyopen.CRITERIA)
        self.assertEqual([_lib.text(L.tro_status_name(i)) for i in range(4)],
                         ["unknown", "fail", "partial", "pass"])
        self.assertEqual(_lib.text(L.tro_severity_name(2)), "error")
        self.assertEqual(_lib.text(L.tro_type_name(2)), "safetensors")
        self.assertEqual(_lib.text(L.tro_license_category_name(6)), "use-restricted")

    def test_error_classes_cover_every_code(self):
        for code in range(-9, 0):
            cls = errors.error_class(code)
            self.assertIsNot(cls, errors.Error, f"code {code}")
            self.assertEqual(cls.code, code)


class Loading(pyt.TempDirCase):
    def run_child(self, code, **env):
        e = pyt.subprocess_env(**env)
        for key in [k for k, v in env.items() if v is None]:
            e.pop(key, None)
        return subprocess.run([sys.executable, "-c", code], env=e, capture_output=True,
                              text=True, cwd=self.tmp)

    def copy_package(self, dest):
        shutil.copytree(os.path.join(pyt.PACKAGE_DIR, "trulyopen"),
                        os.path.join(dest, "trulyopen"),
                        ignore=shutil.ignore_patterns("__pycache__", "_config.py"))
        return dest

    def test_loaded_from_the_environment(self):
        self.assertEqual(os.path.realpath(trulyopen.library_path()),
                         os.path.realpath(pyt.LIBRARY))
        self.assertEqual(trulyopen.version(), trulyopen.__version__)

    def test_build_tree_walk(self):
        deep = os.path.join(self.tmp, "tree", "bindings", "python", "trulyopen")
        os.makedirs(deep)
        libs = os.path.join(self.tmp, "tree", ".libs")
        os.makedirs(libs)
        with open(os.path.join(libs, "libtrulyopen.so.0.0.0"), "wb"):
            pass
        with open(os.path.join(libs, "libtrulyopen.so.0"), "wb"):
            pass
        self.assertEqual(_lib.build_tree_library(deep), os.path.join(libs, "libtrulyopen.so.0"))
        with open(os.path.join(libs, "libtrulyopen.so"), "wb"):
            pass
        self.assertEqual(_lib.build_tree_library(deep), os.path.join(libs, "libtrulyopen.so"))
        self.assertEqual(_lib.build_tree_library(libs),
                         os.path.join(libs, "libtrulyopen.so"), "from .libs's parent")

    def test_lookup_order(self):
        probe = "import trulyopen; print(trulyopen.library_path()); print(trulyopen.version())"
        # 1. a build tree above the package, when TRULYOPEN_LIBRARY is unset
        tree = os.path.join(self.tmp, "tree")
        pkg = self.copy_package(os.path.join(tree, "bindings", "python"))
        os.makedirs(os.path.join(tree, ".libs"))
        tree_lib = os.path.join(tree, ".libs", "libtrulyopen.so")
        os.symlink(os.path.realpath(pyt.LIBRARY), tree_lib)
        r = self.run_child(probe, TRULYOPEN_LIBRARY=None, PYTHONPATH=pkg)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stdout.split("\n")[:2], [tree_lib, trulyopen.version()])
        # 2. the environment wins over the build tree
        other = os.path.join(self.tmp, "other.so")
        os.symlink(os.path.realpath(pyt.LIBRARY), other)
        r = self.run_child(probe, TRULYOPEN_LIBRARY=other, PYTHONPATH=pkg)
        self.assertEqual(r.stdout.split("\n")[0], other, r.stderr)
        # 3. the libdir `make install` recorded, when there is no build tree
        inst = self.copy_package(os.path.join(self.tmp, "site"))
        libdir = os.path.join(self.tmp, "prefix", "lib")
        os.makedirs(libdir)
        os.symlink(os.path.realpath(pyt.LIBRARY), os.path.join(libdir, "libtrulyopen.so.0"))
        with open(os.path.join(inst, "trulyopen", "_config.py"), "w") as f:
            f.write(f"LIBDIR = {libdir!r}\n")
        r = self.run_child(probe, TRULYOPEN_LIBRARY=None, PYTHONPATH=inst)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stdout.split("\n")[0], os.path.join(libdir, "libtrulyopen.so.0"))
        # 4. then the system's search: found installed, or a clear error
        os.remove(os.path.join(inst, "trulyopen", "_config.py"))
        r = self.run_child(probe, TRULYOPEN_LIBRARY=None, PYTHONPATH=inst)
        if ctypes.util.find_library("trulyopen"):
            self.assertEqual(r.returncode, 0, r.stderr)
        else:
            self.assertNotEqual(r.returncode, 0)
            self.assertIn("LibraryNotFoundError", r.stderr)
            self.assertIn("find_library", r.stderr)
            self.assertIn("TRULYOPEN_LIBRARY", r.stderr)

    def test_import_needs_no_library(self):
        r = self.run_child("import trulyopen; print('imported')",
                           TRULYOPEN_LIBRARY=os.path.join(self.tmp, "missing.so"))
        self.assertEqual(r.returncode, 0, r.stderr)
        r = self.run_child("import trulyopen; trulyopen.version()",
                           TRULYOPEN_LIBRARY=os.path.join(self.tmp, "missing.so"))
        self.assertNotEqual(r.returncode, 0)
        self.assertIn("LibraryNotFoundError: cannot load", r.stderr)

    def test_missing_functions_fail_only_when_called(self):
        libc = ctypes.util.find_library("c")
        if not libc:
            self.skipTest("no libc to stand in for an old library")
        old = _lib.Library(libc)
        self.assertFalse(old.has("tro_scan"))
        with self.assertRaises(trulyopen.UnsupportedError) as cm:
            old.tro_scan
        self.assertIn("tro_scan", str(cm.exception))
        self.assertIsNone(cm.exception.code)
        with self.assertRaises(AttributeError):
            old.not_a_tro_function
        # the whole package on a library lacking everything: imports, and
        # fails with UnsupportedError on use
        r = self.run_child("import trulyopen\n"
                           "try:\n    trulyopen.license('MIT')\n"
                           "except trulyopen.UnsupportedError as e:\n    print('unsupported', e)",
                           TRULYOPEN_LIBRARY=libc)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("unsupported", r.stdout)
        self.assertIn("tro_license_classify", r.stdout)

    def test_library_has(self):
        self.assertTrue(trulyopen.library_has("tro_scan"))
        self.assertFalse(trulyopen.library_has("tro_no_such_function"))
        if not pyt.HAVE_CHECK:
            with self.assertRaises(trulyopen.UnsupportedError):
                trulyopen.check(self.tmp)

    def test_strerror_and_versions(self):
        self.assertEqual(trulyopen.strerror(errors.ENOMEM), "out of memory")
        self.assertEqual(trulyopen.strerror(errors.ENOTFOUND), "not found")
        self.assertEqual(trulyopen.version(), "%d.%d.%d" % tuple(
            int(x) for x in re.findall(r"#define TRO_VERSION_(?:MAJOR|MINOR|PATCH) (\d+)",
                                       header_text())))
        with open(os.path.join(pyt.PACKAGE_DIR, "pyproject.toml")) as f:
            self.assertIn(f'version = "{trulyopen.__version__}"', f.read())
        self.assertRegex(trulyopen.license_list_version(), r"^\d+\.\d+")


if __name__ == "__main__":
    pyt.main()
