"""Byte layouts for the unsafe-model suite, written with the standard library
only: pickles of callables that cannot (or must not) be imported here, zips
with bent flags, 7z archives, NumPy .npy/.npz files, protobuf messages
(TensorFlow SavedModel, Keras metadata), Keras .keras zips and HDF5 files
holding a Keras model_config attribute."""

import collections
import io
import json
import pickle
import struct
import sys
import types
import zipfile
import zlib

# ---- callables by name --------------------------------------------------------

_SAFE_TO_IMPORT = {
    "builtins", "os", "posix", "subprocess", "socket", "sys", "runpy", "bdb", "pdb",
    "timeit", "cProfile", "profile", "trace", "doctest", "code", "pkgutil", "pty",
    "ctypes", "uuid", "imaplib", "smtplib", "ftplib", "poplib", "marshal", "types",
    "operator", "_operator", "functools", "logging", "io", "_io", "pickle", "_pickle",
    "urllib.request", "http.client", "ssl", "venv", "collections", "decimal", "pathlib",
    "ast", "asyncio.unix_events", "multiprocessing.util", "importlib", "pydoc", "shutil",
    "codecs", "_codecs", "copyreg", "_osx_support", "_aix_support",
}


def _real(module, qualname):
    if module not in _SAFE_TO_IMPORT:
        return None
    try:
        obj = __import__(module, fromlist=["_"])
        for part in qualname.split("."):
            obj = getattr(obj, part)
        return obj
    except (ImportError, AttributeError):
        return None


def _fake_module(name):
    mod = sys.modules.get(name)
    if mod is None:
        mod = types.ModuleType(name)
        mod.__fake__ = True
        sys.modules[name] = mod
        if "." in name:
            parent, _, leaf = name.rpartition(".")
            setattr(_fake_module(parent), leaf, mod)
    return mod


def named(module, qualname, kind="function"):
    """The object module.qualname: the real one when importing it is harmless,
    else a stand-in that pickle writes under that name (kind "class" makes a
    class, for NEWOBJ and BUILD targets)."""
    real = _real(module, qualname)
    if real is not None:
        return real
    holder = _fake_module(module)
    parts = qualname.split(".")
    for i, part in enumerate(parts[:-1]):
        if not hasattr(holder, part):
            cls = type(part, (), {})
            cls.__module__ = module
            cls.__qualname__ = ".".join(parts[: i + 1])
            setattr(holder, part, cls)
        holder = getattr(holder, part)
    leaf = parts[-1]
    if not hasattr(holder, leaf):
        if kind == "class":
            obj = type(leaf, (), {})
        else:
            def obj(*args, **kwargs):
                return None
        obj.__module__ = module
        obj.__qualname__ = qualname
        obj.__name__ = leaf
        setattr(holder, leaf, obj)
    return getattr(holder, leaf)


class Call:
    """Pickles as func(*args) (with state applied by BUILD when given)."""

    def __init__(self, func, *args, state=None):
        self.func, self.args, self.state = func, args, state

    def __reduce__(self):
        if self.state is None:
            return self.func, self.args
        return self.func, self.args, self.state


def dumps(obj, protocol=4):
    return pickle.dumps(obj, protocol=protocol)


def call_pickle(module, qualname, *args, protocol=4):
    return dumps(Call(named(module, qualname), *args), protocol)


# ---- hand-assembled opcodes ---------------------------------------------------

def su(s):
    """SHORT_BINUNICODE."""
    b = s.encode()
    return b"\x8c" + bytes([len(b)]) + b


def glob(module, name):
    return b"c" + module.encode() + b"\n" + name.encode() + b"\n"


def stack_global(module, name, memo=True):
    m = b"\x94" if memo else b""
    return su(module) + m + su(name) + m + b"\x93" + m


def frame(body):
    return b"\x95" + struct.pack("<Q", len(body)) + body


# ---- torch-like objects (also in pkltest.py, kept apart to stay standalone) ----

class Storage:
    def __init__(self, key, numel, kind="FloatStorage"):
        self.key, self.numel, self.kind = key, numel, kind


class TorchPickler(pickle.Pickler):
    legacy = False

    def persistent_id(self, obj):
        if isinstance(obj, Storage):
            t = ("storage", named("torch", obj.kind, "class"), obj.key, "cpu", obj.numel)
            return t + (None,) if self.legacy else t
        return None


def torch_state_dict(n=2, extra=None):
    rebuild = named("torch._utils", "_rebuild_tensor_v2")
    sd = collections.OrderedDict()
    for i in range(n):
        sd[f"layer{i}.weight"] = Call(rebuild, Storage(str(i), 4), 0, (2, 2), (2, 1), False,
                                      collections.OrderedDict())
    sd.update(extra or {})
    return sd


def torch_pickle(obj, protocol=2, legacy=False):
    b = io.BytesIO()
    p = TorchPickler(b, protocol=protocol)
    p.legacy = legacy
    p.dump(obj)
    return b.getvalue()


def torch_zip(data_pkl, prefix="archive", storages=2, extra=(), deflate=False):
    """A checkpoint laid out as torch.save writes it."""
    b = io.BytesIO()
    comp = zipfile.ZIP_DEFLATED if deflate else zipfile.ZIP_STORED
    with zipfile.ZipFile(b, "w", comp) as z:
        z.writestr(f"{prefix}/data.pkl", data_pkl)
        z.writestr(f"{prefix}/.format_version", "1")
        z.writestr(f"{prefix}/.storage_alignment", "64")
        z.writestr(f"{prefix}/byteorder", "little")
        for i in range(storages):
            z.writestr(f"{prefix}/data/{i}", struct.pack("<4f", 1, 2, 3, 4))
        z.writestr(f"{prefix}/version", "3\n")
        z.writestr(f"{prefix}/.data/serialization_id", "0" * 40)
        for name, data in extra:
            z.writestr(name, data)
    return b.getvalue()


TORCH_MAGIC = 0x1950A86A20F9469CFC6C


def legacy_stream(obj_pickle, keys=("0", "1"), numel=4, magic=None):
    """torch < 1.6 stream: magic, protocol, sys_info, object, keys, data."""
    out = magic if magic is not None else pickle.dumps(TORCH_MAGIC, protocol=2)
    out += pickle.dumps(1001, protocol=2)
    out += pickle.dumps({"protocol_version": 1001, "little_endian": True,
                         "type_sizes": {"short": 2, "int": 4, "long": 4}}, protocol=2)
    out += obj_pickle
    out += pickle.dumps(list(keys), protocol=2)
    for _ in keys:
        out += struct.pack("<q", numel) + b"\0" * (4 * numel)
    return out


# ---- zips ------------------------------------------------------------------------

def zip_of(entries, deflate=False):
    b = io.BytesIO()
    comp = zipfile.ZIP_DEFLATED if deflate else zipfile.ZIP_STORED
    with zipfile.ZipFile(b, "w", comp) as z:
        for name, data in entries:
            z.writestr(name, data)
    return b.getvalue()


def zip_set_flags(data, flags):
    """Sets the general purpose flags of every local and central header."""
    out = bytearray(data)
    for sig, at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        i = out.find(sig)
        while i >= 0:
            out[i + at:i + at + 2] = struct.pack("<H", flags)
            i = out.find(sig, i + 4)
    return bytes(out)


def zipcrypto_entry(name, plain):
    """A zip whose one stored entry is encrypted the traditional PKWARE way
    (its 12-byte header and data are random-looking bytes here: what matters
    is that no reader can see the plaintext without the password)."""
    enc = bytes((i * 197 + 89) % 256 for i in range(12 + len(plain)))
    n = name.encode()
    crc = zlib.crc32(plain)
    local = struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 1, 0, 0, 0, crc, len(enc), len(plain),
                        len(n), 0) + n + enc
    central = struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 1, 0, 0, 0, crc, len(enc),
                          len(plain), len(n), 0, 0, 0, 0, 0x20, 0) + n
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 1, 1, len(central), len(local), 0)
    return local + central + end


# ---- 7z (header not encoded, Copy coder) --------------------------------------------

def _7z_num(n):
    if n < 0x80:
        return bytes([n])
    if n < 0x4000:
        return bytes([0x80 | (n >> 8), n & 0xFF])
    return b"\xff" + struct.pack("<Q", n)


ATTR_WINDOWS = 0x20                                  # FILE_ATTRIBUTE_ARCHIVE only
ATTR_UNIX_NO_TYPE = 0x8020 | (0o644 << 16)           # permission bits, no file type
ATTR_UNIX_REGULAR = 0x8020 | (0o100644 << 16)


def sevenzip(files, attr=ATTR_WINDOWS):
    """A 7z archive of [(name, data)], each entry its own Copy folder."""
    packed = b"".join(d for _, d in files)
    n = len(files)
    h = b"\x01\x04"
    h += b"\x06" + _7z_num(0) + _7z_num(n) + b"\x09" + b"".join(_7z_num(len(d)) for _, d in files)
    h += b"\x00"
    h += b"\x07\x0b" + _7z_num(n) + b"\x00" + b"\x01\x01\x00" * n
    h += b"\x0c" + b"".join(_7z_num(len(d)) for _, d in files) + b"\x00"
    h += b"\x08\x0d" + _7z_num(1) * n  # one stream per folder, with its CRC
    h += b"\x0a\x01" + b"".join(struct.pack("<I", zlib.crc32(d)) for _, d in files) + b"\x00"
    h += b"\x00"  # end of streams info
    names = b"".join(name.encode("utf-16-le") + b"\0\0" for name, _ in files)
    h += b"\x05" + _7z_num(n)
    h += b"\x11" + _7z_num(len(names) + 1) + b"\x00" + names
    h += b"\x15" + _7z_num(2 + 4 * n) + b"\x01\x00" + struct.pack("<I", attr) * n
    h += b"\x00\x00"  # end of files info, end of header
    start = struct.pack("<QQI", len(packed), len(h), zlib.crc32(h))
    return b"7z\xbc\xaf\x27\x1c\x00\x04" + struct.pack("<I", zlib.crc32(start)) + start + packed + h


# ---- NumPy --------------------------------------------------------------------------

def npy_header(descr, shape, fortran=False, version=(1, 0)):
    d = "{'descr': %s, 'fortran_order': %s, 'shape': %s, }" % (
        repr(descr), fortran, repr(tuple(shape)))
    size = 4 if version[0] >= 2 else 2
    pad = (-(6 + 2 + size + len(d) + 1)) % 64
    body = (d + " " * pad + "\n").encode("latin1" if version[0] < 3 else "utf8")
    return b"\x93NUMPY" + bytes(version) + (len(body)).to_bytes(size, "little") + body


class _NpDtype:
    """Pickles as numpy.dtype(code) with its state, like numpy does."""

    def __init__(self, code, order="|", elsize=-1, align=-1, flags=0):
        self.code, self.state = code, (3, order, None, None, None, elsize, align, flags)

    def __reduce__(self):
        return named("numpy", "dtype", "class"), (self.code, False, True), self.state


def np_array_obj(items, shape=None, core="numpy.core.multiarray"):
    """An object that pickles as a NumPy object array holding items."""
    shape = tuple(shape or (len(items),))
    rec = named(core, "_reconstruct")
    return Call(rec, named("numpy", "ndarray", "class"), (0,), b"b",
                state=(1, shape, _NpDtype("O8", flags=63), False, list(items)))


def npy_object(items, shape=None, protocol=3, core="numpy.core.multiarray"):
    shape = tuple(shape or (len(items),))
    return npy_header("|O", shape) + dumps(np_array_obj(items, shape, core), protocol)


def npy_ints(values, shape=None):
    shape = tuple(shape or (len(values),))
    return npy_header("<i8", shape) + struct.pack("<%dq" % len(values), *values)


# ---- joblib -------------------------------------------------------------------------

class NpArray:
    """A NumPy array as joblib.dump sees it: dtype code, shape, raw bytes (or,
    for the object dtype "O8", the objects)."""

    def __init__(self, code, shape, data):
        self.code, self.shape, self.data = code, tuple(shape), data


def _wrapper(arr, align):
    """An object that pickles as joblib's NumpyArrayWrapper: NEWOBJ of the
    class, BUILD of its state dict."""
    size = -1 if arr.code.startswith("O") else int(arr.code[1:])
    cls = named("joblib.numpy_pickle", "NumpyArrayWrapper", "class")
    w = cls.__new__(cls)
    w.__dict__.update({"subclass": named("numpy", "ndarray", "class"), "shape": arr.shape,
                       "order": "C", "dtype": _NpDtype(arr.code, "<", size),
                       "allow_mmap": not arr.code.startswith("O")})
    if align != "absent":
        w.__dict__["numpy_array_alignment_bytes"] = align
    return w


class JoblibPickler(pickle._Pickler):
    """Writes as joblib.dump does: each NpArray becomes a wrapper followed by
    the array's bytes (padded to 16 bytes when align is 16), or by a pickle of
    the array for the object dtype."""

    def __init__(self, f, protocol, align=16):
        super().__init__(f, protocol)
        self.f, self.align = f, align

    def save(self, obj, save_persistent_id=True):
        if not isinstance(obj, NpArray):
            return super().save(obj, save_persistent_id)
        super().save(_wrapper(obj, self.align))
        if self.proto >= 4:
            self.framer.commit_frame(force=True)
        if obj.code.startswith("O"):
            pickle.dump(np_array_obj(obj.data, obj.shape), self.f, protocol=2)
            return None
        if isinstance(self.align, int):
            pad = self.align - (self.f.tell() + 1) % self.align
            self.f.write(bytes([pad]) + b"\xff" * pad)
        self.f.write(obj.data)
        return None


def joblib_dump(obj, protocol=4, align=16):
    b = io.BytesIO()
    JoblibPickler(b, protocol, align).dump(obj)
    return b.getvalue()


# ---- protobuf ----------------------------------------------------------------------

def pb_varint(n):
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        out.append(b | (0x80 if n else 0))
        if not n:
            return bytes(out)


def pb_bytes(field, data):
    if isinstance(data, str):
        data = data.encode()
    return pb_varint(field << 3 | 2) + pb_varint(len(data)) + data


def pb_int(field, n):
    return pb_varint(field << 3) + pb_varint(n)


def tf_node(name, op, inputs=()):
    """NodeDef: name = 1, op = 2, input = 3."""
    return pb_bytes(1, name) + pb_bytes(2, op) + b"".join(pb_bytes(3, i) for i in inputs)


def tf_saved_model(graph_ops, function_ops=()):
    """SavedModel (schema version 1 = 1, meta_graphs = 2) with one MetaGraphDef
    (graph_def = 2) whose GraphDef holds nodes (node = 1) and a library
    (library = 2) with one FunctionDef (node_def = 3)."""
    nodes = b"".join(pb_bytes(1, tf_node(f"n{i}", op)) for i, op in enumerate(graph_ops))
    lib = b""
    if function_ops:
        sig = pb_bytes(1, pb_bytes(1, "__inference_call_42"))
        body = b"".join(pb_bytes(3, tf_node(f"f{i}", op)) for i, op in enumerate(function_ops))
        lib = pb_bytes(2, pb_bytes(1, sig + body))
    meta_info = pb_bytes(1, pb_bytes(4, "2.15.0") + pb_bytes(5, "serve"))
    graph = pb_bytes(2, nodes + lib + pb_bytes(4, pb_int(1, 1766)))
    return pb_int(1, 1) + pb_bytes(2, meta_info + graph)


def keras_metadata(layers):
    """SavedMetadata (nodes = 1) of SavedObject (node_id = 2, node_path = 3,
    identifier = 4, metadata = 5)."""
    out = b""
    for i, cfg in enumerate(layers):
        obj = (pb_int(2, i + 1) + pb_bytes(3, f"root.layer-{i}") +
               pb_bytes(4, "_tf_keras_layer") + pb_bytes(5, json.dumps(cfg)))
        out += pb_bytes(1, obj)
    return out


# ---- Keras --------------------------------------------------------------------------

def keras_layer(cls, name, config=None, module="keras.layers"):
    cfg = {"name": name, "trainable": True, "dtype": "float32"}
    cfg.update(config or {})
    layer = {"class_name": cls, "config": cfg, "name": name, "inbound_nodes": []}
    if module is not None:
        layer["module"] = module
        layer["registered_name"] = None
    return layer


LAMBDA_CODE = "4wEAAAAAAAAAAAAAAAEAAAAEAAAAEwAAAHMMAAAAdABkAYMBfABCAFMAKQJOehxpbXBvcnQg"


def keras_lambda(name, keras3=True):
    if keras3:
        fn = {"class_name": "__lambda__", "config": {"value": [LAMBDA_CODE, None, None]}}
        return keras_layer("Lambda", name, {"function": fn, "arguments": {}})
    return keras_layer("Lambda", name, {"function": [LAMBDA_CODE, None, None],
                                        "function_type": "lambda", "module": "__main__",
                                        "output_shape": None, "arguments": {}}, module=None)


def keras_model_config(layers, keras3=True):
    cfg = {"class_name": "Functional",
           "config": {"name": "model", "trainable": True, "layers": layers,
                      "input_layers": [["input_1", 0, 0]], "output_layers": [["dense", 0, 0]]}}
    if keras3:
        cfg["module"] = "keras.src.models.functional"
        cfg["registered_name"] = "Functional"
    return cfg


def safe_layers(keras3=True):
    mod = "keras.layers" if keras3 else None
    return [keras_layer("InputLayer", "input_1", {"batch_shape": [None, 32]}, mod),
            keras_layer("Dense", "dense", {"units": 1, "activation": "linear",
                                           "kernel_initializer": {
                                               "module": "keras.initializers",
                                               "class_name": "GlorotUniform",
                                               "config": {"seed": None},
                                               "registered_name": None}}, mod)]


def keras_zip(config, weights=b"\x89HDF\r\n\x1a\n"):
    meta = json.dumps({"keras_version": "3.3.3", "date_saved": "2024-05-01@12:00:00"})
    return zip_of([("metadata.json", meta), ("config.json", json.dumps(config)),
                   ("model.weights.h5", weights)])


# ---- HDF5 (superblock 0, version 1 object headers) -----------------------------------

UNDEF = 0xFFFFFFFFFFFFFFFF


def _h5_msg(mtype, body, flags=0):
    body += b"\0" * (-len(body) % 8)
    return struct.pack("<HHB3x", mtype, len(body), flags) + body


def _h5_pad(b):
    return b + b"\0" * (-len(b) % 8)


def _h5_attr(name, value, heap_ref=None):
    """Attribute message (version 1) of a scalar string: fixed-length, or
    variable-length (heap_ref: (global heap collection address, index)) as
    h5py 3 stores both str and bytes."""
    n = name.encode() + b"\0"
    if heap_ref is None:
        dtype = struct.pack("<B3sI", 0x13, b"\x00\x00\x00", len(value))  # string, null-terminated
        data = value
    else:
        base = struct.pack("<B3sIHH", 0x10, b"\x00\x00\x00", 1, 0, 8)  # 8-bit integer
        dtype = struct.pack("<B3sI", 0x19, b"\x01\x00\x00", 16) + base  # vlen string
        data = struct.pack("<IQI", len(value), heap_ref[0], heap_ref[1])
    space = struct.pack("<BBB5x", 1, 0, 0)  # scalar
    body = struct.pack("<BxHHH", 1, len(n), len(dtype), len(space))
    return _h5_msg(0x0C, body + _h5_pad(n) + _h5_pad(dtype) + _h5_pad(space) + data)


def _h5_gcol(values):
    """A global heap collection holding values as objects 1.., then free space."""
    objs = b"".join(struct.pack("<HHIQ", i + 1, 0, 0, len(v)) + _h5_pad(v)
                    for i, v in enumerate(values))
    size = max(4096, 16 + len(objs) + 16)
    size += -size % 8
    free = size - 16 - len(objs)
    return (b"GCOL\x01\0\0\0" + struct.pack("<Q", size) + objs +
            struct.pack("<HHIQ", 0, 0, 0, free) + b"\0" * (free - 16))


def hdf5_with_attrs(attrs, continuation=False, vlen=False):
    """An HDF5 file whose root group carries string attributes. The root group
    has a symbol table (an empty B-tree node and an empty local heap), as the
    HDF5 library writes it for files made without libver settings. With
    continuation, the attributes sit in a continuation block of the root
    group's object header; with vlen, their values sit in a global heap."""
    sb_len = 8 + 8 + 4 + 4 + 4 * 8 + 40
    heap_addr = sb_len
    heap_data = b"\0" * 8 + struct.pack("<QQ", 1, 16)  # the empty name, one free block
    heap = b"HEAP\0\0\0\0" + struct.pack("<QQQ", len(heap_data), 8, heap_addr + 32)
    btree_addr = heap_addr + len(heap) + len(heap_data)
    btree = b"TREE\0\0" + struct.pack("<HQQ", 0, UNDEF, UNDEF)
    btree += b"\0" * (33 * 8 + 32 * 8)  # keys and children of a node of K = 16
    gcol_addr = btree_addr + len(btree)
    gcol = _h5_gcol([v for _, v in attrs]) if vlen else b""
    ohdr_addr = gcol_addr + len(gcol)
    stab = _h5_msg(0x11, struct.pack("<QQ", btree_addr, heap_addr))
    amsgs = b"".join(_h5_attr(k, v, (gcol_addr, i + 1) if vlen else None)
                     for i, (k, v) in enumerate(attrs))
    if continuation:
        cont_addr = ohdr_addr + 16 + len(stab) + 24
        msgs = stab + _h5_msg(0x10, struct.pack("<QQ", cont_addr, len(amsgs)))
        tail, count = amsgs, 2 + len(attrs)
    else:
        msgs, tail, count = stab + amsgs, b"", 1 + len(attrs)
    ohdr = struct.pack("<BxHII4x", 1, count, 1, len(msgs)) + msgs
    eof = ohdr_addr + len(ohdr) + len(tail)
    root_entry = struct.pack("<QQII", 0, ohdr_addr, 1, 0) + struct.pack("<QQ", btree_addr,
                                                                        heap_addr)
    sb = (b"\x89HDF\r\n\x1a\n" + bytes([0, 0, 0, 0, 0, 8, 8, 0]) + struct.pack("<HHI", 4, 16, 0) +
          struct.pack("<QQQQ", 0, UNDEF, eof, UNDEF) + root_entry)
    assert len(sb) == sb_len
    return sb + heap + heap_data + btree + gcol + ohdr + tail
