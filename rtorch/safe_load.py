"""Reading files without running code from them, and checking that they are intact.

Every file rtorch reads goes through here: torch files (``torch_load``, ``luz_load``,
checkpoints; PyTorch's zip format), and the pickled batches of the CIFAR data sets.

**Torch files** (:func:`read_torch`):

1. *Integrity*: files rtorch writes end with a checksum record: the zip archive's comment holds
   ``rtorch-sha256:<hex>``, the SHA-256 of every byte before it (tensor data, the pickled
   structure, the zip directory). A changed or truncated file is an error naming the file.
   Files written by PyTorch's ``torch.save`` carry no checksum and load as before.
2. *Shape*: the file must be a well-formed zip archive of PyTorch's format with uncompressed
   records (no legacy format, no compressed records whose size only the file declares).
3. *Declared sizes*: the pickled structure is first read by an inert reader that builds nothing
   (every class or function it names becomes a placeholder) and collects the tensor storages it
   declares; each must be exactly as large as the record that holds its bytes. Only then does
   PyTorch's ``weights_only`` loader run, so a file can't make it allocate more than the file
   holds.
4. *No code*: PyTorch's ``weights_only`` loader rebuilds tensors, numbers, strings and
   containers only; nothing a file names is imported or called.

**Pickles of arrays** (:func:`read_array_pickle`): a pure-Python unpickler that knows only
numpy's array and dtype rebuilders (object arrays refused) and checks each array's declared
size against the bytes it is given.
"""
from __future__ import annotations

import hashlib
import io
import os
import pickle
import struct
import warnings
import zipfile
from typing import IO, Any, BinaryIO

import numpy as np
import torch

__all__ = ["TorchLoadError", "CorruptFileError", "TaggedWriter", "read_torch",
           "read_array_pickle", "MAGIC"]

MAGIC = b"rtorch-sha256:"
_DIGEST = 64                                  # hex characters of a SHA-256
_COMMENT = len(MAGIC) + _DIGEST
_EOCD = b"PK\x05\x06"
_EOCD_SIZE = 22
_CHUNK = 1 << 24


class TorchLoadError(RuntimeError):
    """A file that is not a readable torch file (truncated, corrupt, or not a torch file)."""


class CorruptFileError(TorchLoadError):
    """A file whose contents do not match the checksum saved with it."""


# -- writing: the checksum record -------------------------------------------------------------------

class TaggedWriter:
    """A file-like that passes PyTorch's zip output through to ``file`` and, on
    :meth:`finish`, ends the archive with the checksum record. PyTorch writes the archive
    sequentially, ending with the 22-byte end-of-directory record, whose comment length this
    sets before hashing it."""

    def __init__(self, file: IO[bytes]):
        self.file = file
        self.hash = hashlib.sha256()
        self.tail = b""

    def write(self, data: Any) -> int:
        data = memoryview(data).cast("B")
        n = len(data)
        if n >= _EOCD_SIZE:
            self._emit(self.tail)
            self._emit(data[:-_EOCD_SIZE])
            self.tail = bytes(data[-_EOCD_SIZE:])
        else:
            joined = self.tail + bytes(data)
            self._emit(joined[:-_EOCD_SIZE])
            self.tail = joined[-_EOCD_SIZE:]
        return n

    def _emit(self, data: Any) -> None:
        if len(data):
            self.hash.update(data)
            self.file.write(data)

    def flush(self) -> None:
        self.file.flush()

    def finish(self) -> None:
        """Write the end record (with the comment's length) and the checksum comment."""
        tail = self.tail
        if len(tail) != _EOCD_SIZE or tail[:4] != _EOCD or tail[-2:] != b"\0\0":
            raise RuntimeError("torch.save() did not end its archive as expected")
        tail = tail[:-2] + struct.pack("<H", _COMMENT)
        self._emit(tail)
        self.file.write(MAGIC + self.hash.hexdigest().encode("ascii"))


def write_tagged(obj: Any, file: IO[bytes]) -> None:
    """``torch.save(obj)`` into ``file``, ending with the checksum record."""
    w = TaggedWriter(file)
    torch.save(obj, w)
    w.finish()


# -- reading torch files --------------------------------------------------------------------------

def _name(source: Any) -> str:
    """How a torch file's source is named in errors: a path, the bytes, or a connection."""
    if isinstance(source, (bytes, bytearray, memoryview)):
        return "the bytes given"
    if hasattr(source, "read"):
        return "the connection"
    return repr(os.fspath(source))


def _open(source: Any) -> tuple[BinaryIO, int]:
    if hasattr(source, "read"):                     # a connection: all that was written to it
        source = source.getvalue() if hasattr(source, "getvalue") else source.read()
    if isinstance(source, (bytes, bytearray, memoryview)):
        data = bytes(source)
        return io.BytesIO(data), len(data)
    f = open(os.fspath(source), "rb")
    return f, os.fstat(f.fileno()).st_size


def _kind(f: BinaryIO, size: int, name: str) -> bool:
    """Whether the file carries rtorch's checksum record (``False``: a plain PyTorch archive);
    anything else is an error."""
    end = min(size, _EOCD_SIZE + _COMMENT)
    f.seek(size - end)
    tail = f.read(end)
    f.seek(0)
    head = f.read(4)
    if len(tail) == _EOCD_SIZE + _COMMENT and tail[:4] == _EOCD \
            and tail[_EOCD_SIZE - 2:_EOCD_SIZE] == struct.pack("<H", _COMMENT):
        if tail[_EOCD_SIZE:_EOCD_SIZE + len(MAGIC)] != MAGIC:
            raise CorruptFileError(f"{name} is corrupt: its checksum record is damaged")
        return True
    if len(tail) >= _EOCD_SIZE and tail[-_EOCD_SIZE:-_EOCD_SIZE + 4] == _EOCD \
            and tail[-2:] == b"\0\0":
        return False
    if head[:1] == b"\x80" or head[:2] == b"\x8a\x0a":
        raise TorchLoadError(f"{name} is in PyTorch's legacy format (before PyTorch 1.6), which "
                             "rtorch does not read: load it in PyTorch and save it again")
    if head == b"PK\x03\x04":
        raise TorchLoadError(f"{name} is truncated or damaged: its archive has no end record")
    raise TorchLoadError(f"{name} is not a readable torch file: it was not written by "
                         "torch_save() or PyTorch's torch.save()")


def _verify(f: BinaryIO, size: int, name: str) -> None:
    h = hashlib.sha256()
    f.seek(0)
    left = size - _COMMENT
    buf = memoryview(bytearray(min(_CHUNK, max(left, 1))))
    while left > 0:
        n = f.readinto(buf[:min(len(buf), left)])        # type: ignore[attr-defined]
        if not n:
            break
        h.update(buf[:n])
        left -= n
    stored = f.read(_COMMENT)[len(MAGIC):]
    if left or h.hexdigest().encode("ascii") != stored:
        raise CorruptFileError(f"{name} is corrupt: its contents do not match the checksum "
                               "saved with it (the file was changed or damaged after saving)")


class _Placeholder:
    """What the inert reader builds for anything a file names: records nothing, runs nothing."""

    __slots__ = ()

    def __call__(self, *args: Any, **kwargs: Any) -> "_Placeholder":
        return _PLACEHOLDER

    def __setstate__(self, state: Any) -> None:
        pass

    def __setitem__(self, key: Any, value: Any) -> None:
        pass

    def append(self, value: Any) -> None:
        pass

    def extend(self, values: Any) -> None:
        pass


_PLACEHOLDER = _Placeholder()


def _storage_dtypes() -> dict[str, torch.dtype]:
    """PyTorch's storage class names (as files name them) and their element types."""
    out = {"UntypedStorage": torch.uint8}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for name in dir(torch):
            cls = getattr(torch, name)
            dtype = getattr(cls, "dtype", None) if name.endswith("Storage") \
                and isinstance(cls, type) and name != "UntypedStorage" else None
            if isinstance(dtype, torch.dtype):
                out[name] = dtype
    return out


_STORAGE_DTYPES = _storage_dtypes()


class _StorageType:
    __slots__ = ("dtype",)

    def __init__(self, dtype: torch.dtype):
        self.dtype = dtype


class _Inert(pickle._Unpickler):  # type: ignore[name-defined]
    """Reads a pickle's structure building nothing: every global is a placeholder, and the
    tensor storages it declares are collected (a pure-Python unpickler: its memo is a dict, so
    a file can't make it allocate a large table)."""

    dispatch = dict(pickle._Unpickler.dispatch)  # type: ignore[attr-defined]

    def __init__(self, data: bytes):
        super().__init__(io.BytesIO(data))
        self.storages: list[tuple[str, int]] = []

    def find_class(self, module: str, name: str) -> Any:
        if module in ("torch", "torch.storage") and name in _STORAGE_DTYPES:
            return _StorageType(_STORAGE_DTYPES[name])
        return _PLACEHOLDER

    def persistent_load(self, pid: Any) -> Any:
        if not (isinstance(pid, tuple) and len(pid) == 5 and pid[0] == "storage"
                and isinstance(pid[1], _StorageType) and isinstance(pid[2], str)
                and type(pid[4]) is int and pid[4] >= 0):
            raise pickle.UnpicklingError(f"unexpected persistent id {pid!r:.80}")
        self.storages.append((pid[2], pid[4] * torch.empty((), dtype=pid[1].dtype)
                              .element_size()))
        return _PLACEHOLDER

    def _new(self) -> None:
        self.stack.pop()
        self.stack[-1] = _PLACEHOLDER

    def _new_ex(self) -> None:
        self.stack.pop()
        self.stack.pop()
        self.stack[-1] = _PLACEHOLDER

    dispatch[pickle.NEWOBJ[0]] = _new
    dispatch[pickle.NEWOBJ_EX[0]] = _new_ex


def _check_archive(f: BinaryIO, size: int, name: str) -> None:
    """PyTorch's zip layout, uncompressed records, and storages exactly as large as declared."""
    try:
        z = zipfile.ZipFile(f)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as e:
        raise TorchLoadError(f"{name} is truncated or damaged ({e})") from None
    infos = z.infolist()
    pkls = [i for i in infos if i.filename.endswith("/data.pkl")
            and i.filename.count("/") == 1]
    if len(pkls) != 1:
        raise TorchLoadError(f"{name} is not a readable torch file: it has no data.pkl record")
    prefix = pkls[0].filename[:-len("data.pkl")]
    records = {}
    for i in infos:
        if i.compress_type != zipfile.ZIP_STORED or i.file_size != i.compress_size \
                or i.file_size > size:
            raise TorchLoadError(f"{name} is not a readable torch file: record {i.filename!r} "
                                 "is compressed or larger than the file")
        records[i.filename] = i.file_size
    try:
        structure = z.read(pkls[0])
        inert = _Inert(structure)
        inert.load()
    except (pickle.UnpicklingError, zipfile.BadZipFile, EOFError, ValueError, TypeError,
            IndexError, KeyError, AttributeError, struct.error, OSError) as e:
        raise TorchLoadError(f"{name} is damaged or not a torch file ({type(e).__name__}: "
                             f"{e})") from None
    for key, nbytes in inert.storages:
        stored = records.get(f"{prefix}data/{key}")
        if stored is None:
            raise TorchLoadError(f"{name} is damaged: tensor data record {key!r} is missing")
        if stored != nbytes:
            raise TorchLoadError(f"{name} is damaged: a tensor declares {nbytes} bytes of data "
                                 f"but the file stores {stored}; nothing was allocated")


def read_torch(source: Any, map_location: Any = None) -> tuple[Any, bool]:
    """A torch file (path or bytes) read safely (see the module docstring): ``(object,
    tagged)``, ``tagged`` telling whether rtorch wrote it (and its checksum matched)."""
    name = _name(source)
    try:
        f, size = _open(source)
    except IsADirectoryError:
        raise IsADirectoryError(f"{name} is a folder, not a torch file") from None
    except FileNotFoundError:
        raise FileNotFoundError(f"{name} does not exist") from None
    with f:
        tagged = _kind(f, size, name)
        if tagged:
            _verify(f, size, name)
        _check_archive(f, size, name)
        f.seek(0)
        try:
            obj = torch.load(f, map_location=map_location, weights_only=True)
        except (pickle.UnpicklingError, zipfile.BadZipFile, EOFError, RuntimeError,
                ValueError) as e:
            raise TorchLoadError(f"{name} is not a readable torch file (damaged, or holding "
                                 "objects other than tensors and data, which only code could "
                                 "rebuild: save a PyTorch module's state_dict() instead of the "
                                 f"module): {e}") from None
    return obj, tagged


# -- pickles of numpy arrays (CIFAR's batches) -------------------------------------------------------

def _dtype(spec: Any, align: Any = False, copy: Any = False) -> np.dtype:
    d = np.dtype(spec, bool(align), bool(copy))
    if d.hasobject:
        raise pickle.UnpicklingError("object arrays are refused")
    return d


def _reconstruct(cls: Any, shape: Any, typecode: Any) -> np.ndarray:
    if cls is not np.ndarray:
        raise pickle.UnpicklingError("only plain numpy arrays are read")
    return np.ndarray((0,), dtype=np.uint8)


def _frombuffer(buf: Any, dtype: Any, shape: Any, order: Any = "C") -> np.ndarray:
    dtype = _dtype(dtype)
    raw = bytes(buf)
    if not (isinstance(shape, tuple) and all(type(n) is int and n >= 0 for n in shape)) \
            or int(np.prod(shape, dtype=object)) * dtype.itemsize != len(raw):
        raise pickle.UnpicklingError(f"an array declares shape {shape!r:.40} of {dtype} but "
                                     f"holds {len(raw)} bytes")
    return np.frombuffer(raw, dtype=dtype).reshape(shape, order="F" if order == "F" else "C").copy()


def _encode(text: str, encoding: str = "latin1") -> bytes:
    return text.encode(encoding)


_ARRAY_GLOBALS = {
    ("numpy.core.multiarray", "_reconstruct"): _reconstruct,
    ("numpy._core.multiarray", "_reconstruct"): _reconstruct,
    ("numpy.core.numeric", "_frombuffer"): _frombuffer,
    ("numpy._core.numeric", "_frombuffer"): _frombuffer,
    ("numpy", "ndarray"): np.ndarray,
    ("numpy", "dtype"): _dtype,
    ("_codecs", "encode"): _encode,
}


class _ArrayUnpickler(pickle._Unpickler):  # type: ignore[name-defined]
    """numpy arrays, numbers, strings and containers only."""

    dispatch = dict(pickle._Unpickler.dispatch)  # type: ignore[attr-defined]

    def find_class(self, module: str, name: str) -> Any:
        try:
            return _ARRAY_GLOBALS[(module, name)]
        except KeyError:
            raise pickle.UnpicklingError(f"the file names {module}.{name}, which is not read "
                                         "(only numpy arrays and data)") from None

    def persistent_load(self, pid: Any) -> Any:
        raise pickle.UnpicklingError("persistent ids are not read")

    def _build(self) -> None:
        state = self.stack.pop()
        inst = self.stack[-1]
        if isinstance(inst, np.ndarray):
            if not (isinstance(state, tuple) and len(state) == 5
                    and isinstance(state[2], np.dtype) and isinstance(state[4], (bytes, str))
                    and isinstance(state[1], tuple)
                    and all(type(n) is int and n >= 0 for n in state[1])):
                raise pickle.UnpicklingError("unexpected array state")
            _, shape, dtype, fortran, raw = state
            raw = raw.encode("latin1") if isinstance(raw, str) else raw    # Python 2's pickles
            if int(np.prod(shape, dtype=object)) * dtype.itemsize != len(raw):
                raise pickle.UnpicklingError(f"an array declares shape {shape} of {dtype} but "
                                             f"holds {len(raw)} bytes")
            arr = np.frombuffer(raw, dtype=dtype).reshape(shape, order="F" if fortran else "C")
            self.stack[-1] = arr.copy(order="K")
            return
        if isinstance(inst, np.dtype):
            inst.__setstate__(state)
            return
        raise pickle.UnpicklingError(f"can't set the state of <{type(inst).__name__}>")

    dispatch[pickle.BUILD[0]] = _build


def read_array_pickle(path: Any, encoding: str = "latin1") -> Any:
    """A pickle of numpy arrays and plain data (CIFAR's Python batches), read without running
    code from it; anything else in it is an error naming the file."""
    with open(path, "rb") as f:
        data = f.read()
    try:
        return _ArrayUnpickler(io.BytesIO(data), encoding=encoding).load()
    except (pickle.UnpicklingError, EOFError, ValueError, TypeError, IndexError, KeyError,
            AttributeError, struct.error, MemoryError) as e:
        raise TorchLoadError(f"{os.fspath(path)!r} is not a pickle of arrays rtorch reads "
                             f"({type(e).__name__}: {e})") from None
