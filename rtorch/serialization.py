"""``torch_save`` / ``torch_load`` / ``torch_serialize``: PyTorch's file format, safely.

* Files are written atomically: to a temporary file in the same folder, flushed to
  disk, then renamed over the target, so a crash mid-write leaves the old file intact.
* Loading never runs code from the file: PyTorch's ``weights_only`` unpickler, which
  only rebuilds tensors, numbers, strings and containers.
* rtorch objects are saved as the PyTorch objects they stand for, so PyTorch can load
  rtorch's files and rtorch loads PyTorch's (tensors, lists, dicts, state dicts).
* A module is saved as its state dict (no code, no class): ``torch_load(path, module =
  model)`` loads it into a module the user makes; ``torch_load(path)`` alone gives the state
  dict as a named list.
"""
from __future__ import annotations

import io
import os
import pickle
import tempfile
import zipfile
from collections import OrderedDict

import torch

from .tensor import unwrap, wrap_all


class TorchLoadError(RuntimeError):
    """A file that is not a readable torch file (truncated, corrupt, or not a torch file)."""


def _to_torch(obj):
    if isinstance(obj, torch.nn.Module):
        return torch.nn.Module.state_dict(obj)       # PyTorch's OrderedDict (with _metadata)
    if isinstance(obj, dict):
        return {k: _to_torch(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return type(obj)(_to_torch(v) for v in obj)
    return unwrap(obj)


def _from_torch(obj):
    if isinstance(obj, OrderedDict) and hasattr(obj, "_metadata"):   # a module's state dict
        from .nn_module import ModuleMembers
        return ModuleMembers({k: _from_torch(v) for k, v in obj.items()}, None, obj._metadata)
    if isinstance(obj, dict):
        return type(obj)((k, _from_torch(v)) for k, v in obj.items())
    if isinstance(obj, list):
        return [_from_torch(v) for v in obj]
    return wrap_all(obj)


def atomic_write(path: str | os.PathLike, write) -> None:
    """Call ``write(file)`` on a temporary file next to ``path``, then rename it to ``path``."""
    path = os.fspath(path)
    folder = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=folder)
    try:
        with os.fdopen(fd, "wb") as f:
            write(f)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def torch_save(obj, path) -> None:
    """R's ``torch_save(obj, path)``: tensors, lists and dicts of them, state dicts; a module
    is saved as its state dict (PyTorch's format: ``torch.load`` + ``load_state_dict`` read
    it). Load it back into a module with ``torch_load(path, module = model)`` or
    ``model.load_state_dict(torch_load(path))``."""
    data = _to_torch(obj)
    if hasattr(path, "write"):                       # a connection: rawConnection(), io.BytesIO
        torch.save(data, path)
        return
    atomic_write(path, lambda f: torch.save(data, f))


def torch_serialize(obj) -> bytes:
    """R's ``torch_serialize(obj)``: the bytes ``torch_save`` would write."""
    buf = io.BytesIO()
    torch.save(_to_torch(obj), buf)
    return buf.getvalue()


def torch_load(path, device=None, module=None):
    """R's ``torch_load(path, device = "cpu")``: never executes code from the file, so a saved
    module comes back as its state dict (a named list of tensors). Given ``module`` (a module
    of the saved kind, e.g. ``net(3, 1)``), loads that state into it and returns the module:
    R's ``model <- torch_load(path)`` is ``model = torch_load(path, module = net(3, 1))``."""
    from .devices import as_torch_device
    source = io.BytesIO(path) if isinstance(path, (bytes, bytearray)) else path
    if hasattr(source, "getvalue") and hasattr(source, "seek") and \
            source.tell() == len(source.getvalue()):
        source.seek(0)                                # a raw connection just written to
    try:
        obj = torch.load(source, map_location=as_torch_device(device), weights_only=True)
    except (pickle.UnpicklingError, zipfile.BadZipFile, EOFError, RuntimeError, ValueError) as e:
        name = ("the bytes given" if isinstance(path, (bytes, bytearray)) else "the connection"
                if hasattr(path, "read") else repr(os.fspath(path)))
        raise TorchLoadError(f"{name} is not a readable torch file (truncated, corrupt, or "
                             f"holding objects other than tensors and containers): {e}") from None
    if module is not None:
        return module.load_state_dict(_from_torch(obj))
    return _from_torch(obj)


def load_state_dict(path, *args, **kwargs) -> dict:
    """R's ``load_state_dict(path)``: a state dict saved by PyTorch (``torch.save``), as a dict
    of rtorch tensors; never executes code from the file."""
    return torch_load(path)


R_SERIALIZATION = {"torch_save": torch_save, "torch_load": torch_load,
                   "torch_serialize": torch_serialize, "load_state_dict": load_state_dict}
