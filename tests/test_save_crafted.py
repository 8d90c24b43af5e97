"""Crafted files run no code and allocate nothing large: pickle payloads in every format rtorch
reads (torch files from a path or from bytes, luz files, checkpoints, CIFAR batches; with and
without a valid checksum), records naming classes and functions that must not be used, and
files declaring sizes they don't hold. The tests run under an address-space limit a few GiB
above what the process already uses, so an attempt to allocate a large declared size fails
loudly instead of passing unnoticed."""
from __future__ import annotations

import io
import os
import pickle
import resource
import struct
import sys
import zipfile

import numpy as np
import pytest
import torch

from rtorch import *  # noqa: F403
from rtorch.luz import *  # noqa: F403
from rtorch.luz import LuzError
from rtorch.safe_load import MAGIC, TorchLoadError, read_array_pickle
from rtorch.serialization import MARK
from rtorch.vision import cifar10_dataset
import hashlib

from test_luz_support import linear, regression

EVIL_MODULE = "rtorch_test_evil_mod"


# -- the environment: a marker file any payload would create, a module any import would run ------

@pytest.fixture(scope="module")
def env(tmp_path_factory):
    folder = tmp_path_factory.mktemp("crafted")
    marker = folder / "marker"
    (folder / f"{EVIL_MODULE}.py").write_text(
        f"open({str(marker)!r}, 'w').write('imported')\n"
        "class Boom:\n    pass\n"
        "def boom(*a, **k):\n    open(" + repr(str(marker)) + ", 'w').write('called')\n")
    sys.path.insert(0, str(folder))
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    with open("/proc/self/status") as f:
        vm = int(f.read().split("VmSize:")[1].split()[0]) * 1024
    resource.setrlimit(resource.RLIMIT_AS, (vm + (3 << 30), hard))
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    try:
        yield folder, marker
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
        sys.path.remove(str(folder))
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss < 512 * 1024   # KiB


def _clean(env):
    folder, marker = env
    assert not marker.exists(), f"a payload ran: {marker.read_text()}"
    assert EVIL_MODULE not in sys.modules, "a module named by a file was imported"


# -- pickle payloads ------------------------------------------------------------------------------

def _g(module: str, name: str) -> bytes:
    return b"c" + module.encode() + b"\n" + name.encode() + b"\n"


def _s(text: str) -> bytes:
    b = text.encode()
    return b"X" + struct.pack("<I", len(b)) + b


def _payloads(marker: str) -> dict[str, bytes]:
    cmd = f"touch {marker}"
    code = f"open({marker!r}, 'w').write('x')"
    call = lambda g, arg: g + b"(" + _s(arg) + b"tR"         # noqa: E731  (f(arg) by REDUCE)
    return {
        "os.system": b"\x80\x02" + call(_g("os", "system"), cmd) + b".",
        "posix.system": b"\x80\x02" + call(_g("posix", "system"), cmd) + b".",
        "builtins.exec": b"\x80\x02" + call(_g("builtins", "exec"), code) + b".",
        "builtins.eval": b"\x80\x02" + call(_g("builtins", "eval"), code) + b".",
        "subprocess.call": b"\x80\x02" + _g("subprocess", "call") + b"((" + _s("touch") +
                           _s(marker) + b"ltR.",
        "import_module": b"\x80\x02" + call(_g("importlib", "import_module"), EVIL_MODULE) + b".",
        "evil_module_global": b"\x80\x02" + call(_g(EVIL_MODULE, "boom"), "x") + b".",
        "__import__": b"\x80\x02" + call(_g("builtins", "__import__"), EVIL_MODULE) + b".",
        "INST": b"(" + _s(cmd) + b"ios\nsystem\n.",
        "OBJ": b"\x80\x02(" + _g("os", "system") + _s(cmd) + b"o.",
        "NEWOBJ": b"\x80\x02" + _g(EVIL_MODULE, "Boom") + b")\x81.",
        "numpy_runstring": b"\x80\x02" + _g("numpy.testing._private.utils", "runstring") +
                           b"(" + _s(code) + b"}tR.",
        "torch_save_gadget": b"\x80\x02" + _g("torch", "save") + b"(" + _s("x") + _s(marker) +
                             b"tR.",
        "EXT1": b"\x80\x02\x82\x01.",
    }


PAYLOADS = list(_payloads("/m"))


# -- containers: torch zip files, tagged or not ----------------------------------------------------

def _torch_zip(data_pkl: bytes, records: dict[str, bytes] | None = None,
               compress: bool = False) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED) as z:
        z.writestr("archive/data.pkl", data_pkl)
        z.writestr("archive/byteorder", b"little")
        for k, v in (records or {}).items():
            z.writestr(f"archive/data/{k}", v)
        z.writestr("archive/version", b"3\n")
    return buf.getvalue()


def _tag(data: bytes) -> bytes:
    """Gives a crafted archive a valid checksum record (as an attacker can)."""
    assert data[-22:-18] == b"PK\x05\x06" and data[-2:] == b"\0\0"
    body = data[:-2] + struct.pack("<H", len(MAGIC) + 64)
    return body + MAGIC + hashlib.sha256(body).hexdigest().encode()


def _wrap(payload: bytes, shape: str) -> bytes:
    """The payload inside a pickled dict of the shape a luz file or checkpoint has."""
    body = payload[2:-1] if payload.startswith(b"\x80\x02") else None
    if body is None:                                          # protocol 0 payloads stand alone
        return payload
    keys = {"luz": [("format", "luz_module_fitted"), ("version", 2)],
            "checkpoint": [("epoch", 1)]}[shape]
    head = b"\x80\x02}(" + b"".join(_s(k) + (_s(v) if isinstance(v, str) else b"K" + bytes([v]))
                                    for k, v in keys)
    return head + _s("model") + body + b"u."


def _save_load(path):
    return torch_load(str(path))


def _luz_load(path):
    return luz_load(str(path))


def _checkpoint_load(path):
    x, y = regression()
    fitted = (linear >> setup(loss = nn_mse_loss(), optimizer = optim_adam)
              >> set_hparams(d_in = 4) >> fit([x, y], epochs = 1, verbose = False))
    return luz_load_checkpoint(fitted, str(path))


@pytest.mark.parametrize("tagged", [False, True], ids=["pytorch", "checksummed"])
@pytest.mark.parametrize("name", PAYLOADS)
def test_payloads_in_torch_files_run_nothing(env, name, tagged):
    folder, marker = env
    data = _torch_zip(_payloads(str(marker))[name])
    data = _tag(data) if tagged else data
    path = folder / f"{name}.pt"
    path.write_bytes(data)
    with pytest.raises(TorchLoadError):
        torch_load(str(path))
    with pytest.raises(TorchLoadError):
        torch_load(data)                                      # torch_serialize()'s bytes
    _clean(env)


@pytest.mark.parametrize("shape, load", [("luz", _luz_load), ("checkpoint", _checkpoint_load)])
@pytest.mark.parametrize("name", PAYLOADS)
def test_payloads_in_luz_files_and_checkpoints_run_nothing(env, name, shape, load):
    folder, marker = env
    path = folder / f"{shape}-{name}.pt"
    path.write_bytes(_tag(_torch_zip(_wrap(_payloads(str(marker))[name], shape))))
    with pytest.raises((TorchLoadError, LuzError)):
        load(path)
    _clean(env)


@pytest.mark.parametrize("name", PAYLOADS)
def test_payloads_in_cifar_batches_run_nothing(env, name):
    folder, marker = env
    root = folder / f"cifar-{name}"
    (root / "cifar-10-batches-py").mkdir(parents=True)
    for f in [f"data_batch_{i}" for i in range(1, 6)] + ["test_batch", "batches.meta"]:
        (root / "cifar-10-batches-py" / f).write_bytes(_payloads(str(marker))[name])
    with pytest.raises(TorchLoadError, match="not a pickle of arrays rtorch reads"):
        cifar10_dataset(str(root))
    _clean(env)


def test_a_pickled_object_with_reduce_in_a_torch_file(env):
    folder, marker = env

    class Evil:
        def __reduce__(self):
            return (os.system, (f"touch {marker}",))

    buf = io.BytesIO()
    torch.save({"weights": torch.ones(2), "evil": Evil()}, buf)   # PyTorch's writer, plain pickle
    for data in (buf.getvalue(), _tag(buf.getvalue())):
        with pytest.raises(TorchLoadError, match="objects other than tensors"):
            torch_load(data)
    _clean(env)


# -- records naming things that must not be used ------------------------------------------------

def _module_record(cls: dict, fields: dict | None = None) -> dict:
    return {MARK: "module", "id": 0, "class": cls, "training": True, "parameters": {},
            "buffers": {}, "non_persistent": [], "modules": {}, "fields": fields or {}}


def _saved(obj) -> bytes:
    buf = io.BytesIO()
    torch.save(obj, buf)
    return _tag(buf.getvalue())


@pytest.mark.parametrize("record, message", [
    (_module_record({"name": "Boom", "module": EVIL_MODULE, "qualname": "Boom"}),
     "class <Boom>.*not defined in this session"),
    (_module_record({"name": "system", "module": "os", "qualname": "system"}),
     "class <system>"),
    (_module_record({"name": "torch_save", "module": "rtorch.serialization",
                     "qualname": "torch_save"}), "class <torch_save>"),
    (_module_record({"name": "Boom", "module": "torch", "qualname": "Boom",
                     "base": {"module": EVIL_MODULE, "qualname": "Boom"}}), "class <Boom>"),
    (_module_record({"name": "nn_linear", "module": "rtorch.nn_layers",
                     "qualname": "nn_linear"},
                    {"f": {MARK: "function", "module": "os", "qualname": "system"}}),
     "function `os.system`"),
    (_module_record({"name": "nn_linear", "module": "rtorch.nn_layers",
                     "qualname": "nn_linear"},
                    {"f": {MARK: "function", "module": "builtins", "qualname": "exec"}}),
     "function `builtins.exec`"),
    (_module_record({"name": "nn_linear", "module": "rtorch.nn_layers",
                     "qualname": "nn_linear"},
                    {"f": {MARK: "function", "module": EVIL_MODULE, "qualname": "boom"}}),
     f"function `{EVIL_MODULE}.boom`"),
    (_module_record({"name": "nn_linear", "module": "rtorch.nn_layers",
                     "qualname": "nn_linear"},
                    {"c": {MARK: "class", "name": "Popen", "module": "subprocess",
                           "qualname": "Popen"}}), "class <Popen>"),
    ({MARK: "rvector", "values": [1], "dtype": "|O", "shape": [1], "names": None},
     "object vectors"),
    ({MARK: "tensor", "id": 0, "value": "not a tensor"}, "holds no tensor"),
    ({MARK: "ref", "id": 7}, "does not hold"),
    ({MARK: "something_new"}, "unknown record"),
])
def test_records_never_reach_what_they_name(env, record, message):
    with pytest.raises(TorchLoadError, match=message):
        torch_load(_saved(record))
    _clean(env)


def test_a_luz_file_naming_a_foreign_generator(env):
    folder, marker = env
    data = {"format": "luz_module_fitted", "version": 2, "setup": {},
            "module": _module_record({"name": "Boom", "module": EVIL_MODULE,
                                      "qualname": "Boom"}),
            "model": {}, "records": {}, "ctx": {"hparams": {}, "opt_hparams": {}}}
    path = folder / "luz-foreign.pt"
    path.write_bytes(_saved(data))
    with pytest.raises(LuzError, match="class <Boom>"):
        luz_load(str(path))
    _clean(env)


# -- sizes a file declares but doesn't hold --------------------------------------------------------

def _int(n: int) -> bytes:
    return pickle.dumps(n, protocol=2)[2:-1]


def _tensor_pkl(numel: int, size: tuple, stride: tuple, offset: int = 0,
                storage: str = "FloatStorage") -> bytes:
    tup = lambda t: b"(" + b"".join(_int(v) for v in t) + b"t"       # noqa: E731
    return (b"\x80\x02" + _g("torch._utils", "_rebuild_tensor_v2") + b"((" + _s("storage") +
            _g("torch", storage) + _s("0") + _s("cpu") + _int(numel) + b"tQ" + _int(offset) +
            tup(size) + tup(stride) + b"\x89" + _g("collections", "OrderedDict") + b")Rt" +
            b"R.")


def _big_record(data: bytes) -> bytes:
    """The central directory's sizes of ``archive/data/0`` set to 2 GiB."""
    i = 0
    while True:
        i = data.index(b"PK\x01\x02", i)
        name_len = int.from_bytes(data[i + 28:i + 30], "little")
        if data[i + 46:i + 46 + name_len] == b"archive/data/0":
            break
        i += 4
    big = struct.pack("<I", 1 << 31)
    return data[:i + 20] + big + big + data[i + 28:]


@pytest.mark.parametrize("tagged", [False, True], ids=["pytorch", "checksummed"])
@pytest.mark.parametrize("data, message", [
    (_torch_zip(_tensor_pkl(90_000_000_000, (90_000_000_000,), (1,)), {"0": bytes(12)}),
     "declares 360000000000 bytes of data but the file stores 12; nothing was allocated"),
    (_torch_zip(_tensor_pkl(2 ** 40, (3,), (1,), storage="DoubleStorage"), {"0": bytes(24)}),
     "declares 8796093022208 bytes"),
    (_torch_zip(_tensor_pkl(3, (3,), (1,)), {}), "record '0' is missing"),
    (_torch_zip(_tensor_pkl(3, (3,), (1,)), {"0": bytes(12)}, compress=True), "compressed"),
    (_big_record(_torch_zip(_tensor_pkl(3, (3,), (1,)), {"0": bytes(12)})),
     "damaged|larger than the file"),
    (_torch_zip(_tensor_pkl(3, (10 ** 6, 10 ** 6), (1, 1)), {"0": bytes(12)}),
     "not a readable torch file"),
    (_torch_zip(_tensor_pkl(3, (3,), (1,), offset=10 ** 12), {"0": bytes(12)}),
     "not a readable torch file"),
    (_torch_zip(b"\x80\x02" + b"\x8e" + struct.pack("<Q", 1 << 40) + b"abc" + b"."),
     "damaged or not a torch file"),                               # BINBYTES8, 1 TiB long
])
def test_declared_sizes_are_checked_before_anything_is_allocated(env, data, message, tagged):
    with pytest.raises(TorchLoadError, match=message):
        torch_load(_tag(data) if tagged else data)
    _clean(env)


def _array_pickle(shape: tuple, nbytes: int) -> bytes:
    """An array pickle (``_reconstruct(...)`` then ``BUILD(state)``) declaring ``shape``."""
    state = (1, shape, np.dtype(np.uint8), False, bytes(nbytes))
    rec = b"\x80\x02" + _g("numpy.core.multiarray", "_reconstruct") + \
        _g("numpy", "ndarray") + b"(K\x00\x85" + _s("b") + b"tR"
    return rec + pickle.dumps(state, protocol=2)[2:-1] + b"b."


@pytest.mark.parametrize("data, message", [
    (_array_pickle((10 ** 6, 10 ** 6), 10), "declares shape"),
    (_array_pickle((-1,), 10), "unexpected array state"),
    (b"\x80\x02" + b"\x8e" + struct.pack("<Q", 1 << 40) + b"abc.", "not a pickle of arrays"),
    (b"\x80\x02" + _g("numpy", "dtype") + b"(" + _s("O8") + b"\x89\x88tR.", "object arrays"),
    (b"\x80\x02" + _g("numpy.core.numeric", "_frombuffer") + b"(C\x04abcd" + _g("numpy", "dtype")
     + b"(" + _s("u1") + b"\x89\x88tR(J\x00\xe1\xf5\x05t" + _s("C") + b"tR.", "declares shape"),
    (b"\x80\x02Q.", "not a pickle of arrays"),                        # a persistent id
])
def test_array_pickles_check_declared_sizes(env, data, message):
    folder, _ = env
    path = folder / "batch"
    path.write_bytes(data)
    with pytest.raises(TorchLoadError, match=message):
        read_array_pickle(path)
    _clean(env)


def test_real_array_pickles_still_read(env):
    folder, _ = env
    path = folder / "ok"
    a = np.arange(24, dtype=np.uint8).reshape(2, 12)
    for protocol in (2, 4, 5):
        path.write_bytes(pickle.dumps({b"data": a, b"labels": [1, 2]}, protocol=protocol))
        got = read_array_pickle(path)
        assert np.array_equal(got[b"data"], a) and got[b"labels"] == [1, 2]


@pytest.mark.filterwarnings("ignore:Detected pickle protocol")
@pytest.mark.parametrize("pkl, torch_refuses", [
    (b"\x80\x04\x95" + struct.pack("<Q", 1 << 40) + b"N.", True),    # a frame of 1 TiB
    (b"\x80\x02Nr" + struct.pack("<I", 0xFFFFFFF0) + b".", False),    # memo index 2**32
])
def test_huge_frames_and_memo_indexes_allocate_nothing(env, pkl, torch_refuses):
    folder, _ = env
    for data in (_torch_zip(pkl), _tag(_torch_zip(pkl))):
        if torch_refuses:                    # PyTorch's weights_only reader has no frames
            with pytest.raises(TorchLoadError, match="Unsupported operand 149"):
                torch_load(data)
        else:
            assert torch_load(data) is None
    path = folder / "batch"
    path.write_bytes(pkl)
    assert read_array_pickle(path) is None
    _clean(env)


def test_the_guards_can_fail(env):
    """The payloads do run under a plain unpickler, and the address-space limit does stop a
    large allocation: the tests above would notice."""
    import subprocess
    folder, marker = env
    with pytest.raises(RuntimeError, match="allocate"):
        torch.empty(90_000_000_000, dtype=torch.float32)
    for name in ("os.system", "builtins.exec", "evil_module_global", "NEWOBJ"):
        path = folder / f"{name}.pkl"
        path.write_bytes(_payloads(str(marker))[name])
        subprocess.run([sys.executable, "-c", "import pickle, sys; sys.path.insert(0, sys.argv[1]);"
                        " pickle.loads(open(sys.argv[2], 'rb').read())", str(folder), str(path)],
                       capture_output=True, timeout=60)
        assert marker.exists(), name
        marker.unlink()
    _clean(env)


@pytest.mark.parametrize("record", [
    {MARK: "array", "value": "not a tensor"},
    {MARK: "module", "id": 0},
    {MARK: "module", "id": 0, "class": {"name": "nn_linear", "module": "rtorch.nn_layers",
                                          "qualname": "nn_linear"}, "training": True,
     "parameters": [1, 2], "buffers": {}, "modules": {}, "fields": {}},
    {MARK: "rvector", "values": [1, 2], "dtype": "<f8", "shape": [10 ** 9], "names": None},
    {MARK: "size", "value": ["x"]},
    {MARK: "dtype", "name": "__class__"},
])
def test_malformed_records_are_clear_errors(env, record):
    with pytest.raises(TorchLoadError, match="damaged: a record in it is malformed|unknown dtype"):
        torch_load(_saved(record))
    data = {"format": "luz_module_fitted", "version": 2, "setup": {}, "module": record,
            "model": {}, "records": {}, "ctx": {}}
    folder, _ = env
    (folder / "luz.pt").write_bytes(_saved(data))
    with pytest.raises(LuzError):
        luz_load(str(folder / "luz.pt"))
    _clean(env)


def test_deeply_nested_files_are_clear_errors(env):
    pkl = b"\x80\x02" + b"]" * 100_000 + b"a" * 99_999 + b"."     # EMPTY_LIST ... APPEND
    with pytest.raises(TorchLoadError, match="malformed.*RecursionError"):
        torch_load(_tag(_torch_zip(pkl)))
    _clean(env)


@pytest.mark.parametrize("shape, load", [("luz", _luz_load), ("checkpoint", _checkpoint_load)])
def test_oversized_tensors_in_luz_files_and_checkpoints(env, shape, load):
    folder, _ = env
    pkl = _wrap(_tensor_pkl(90_000_000_000, (90_000_000_000,), (1,)), shape)
    path = folder / f"{shape}-big.pt"
    path.write_bytes(_tag(_torch_zip(pkl, {"0": bytes(12)})))
    with pytest.raises(TorchLoadError, match="declares 360000000000 bytes of data but the file "
                                             "stores 12; nothing was allocated"):
        load(path)
    _clean(env)


@pytest.mark.parametrize("cls", [
    {"name": "Popen", "module": "subprocess", "qualname": "Popen"},
    {"name": "Generator", "module": "torch", "qualname": "Generator"},
    {"name": "Linear", "module": "torch.nn.modules.linear", "qualname": "Linear"},
    {"name": "Boom", "module": EVIL_MODULE, "qualname": "Boom"},
])
def test_object_records_rebuild_plain_rtorch_and_pytorch_helpers_only(env, cls):
    with pytest.raises(TorchLoadError, match="which rtorch does not rebuild"):
        torch_load(_saved({MARK: "object", "class": cls, "state": {}}))
    _clean(env)
