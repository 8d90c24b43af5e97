"""R torch devices: ``torch_device()``, printed ``torch_device(type='cpu')``.

An rtorch device is an immutable handle on a ``torch.device`` (``.torch``);
it compares equal to rtorch and PyTorch devices of the same type and index.
"""
from __future__ import annotations

import torch

from .dtypes import TorchHandle


class device(TorchHandle):
    """R torch's ``torch_device``: ``.type``, ``.index`` and ``.torch`` (the PyTorch device)."""

    __slots__ = ()
    __hash__ = TorchHandle.__hash__             # defining __eq__ would otherwise unset it

    @property
    def type(self) -> str:
        return self.torch.type

    @property
    def index(self) -> int | None:
        return self.torch.index

    def __repr__(self) -> str:
        if self.torch.index is None:
            return f"torch_device(type='{self.torch.type}')"
        return f"torch_device(type='{self.torch.type}', index={self.torch.index})"

    __str__ = __repr__

    def __eq__(self, other) -> bool:
        if isinstance(other, device):
            other = other.torch
        if not isinstance(other, torch.device):
            raise TypeError("y is not a torch_device")
        return self.torch.type == other.type and self.torch.index == other.index

    def __reduce__(self):
        return (_of, (self.torch,))

    def __array__(self, dtype=None, copy=None):
        """R's ``as.character(device)`` (and every R coercion): ``"cpu"``, ``"cuda:0"``."""
        import numpy as np
        return np.array([str(self.torch)], dtype=object)


_CACHE: dict[torch.device, device] = {}


def _of(torch_device: torch.device) -> device:
    """The rtorch device standing for ``torch_device`` (cached)."""
    r = _CACHE.get(torch_device)
    if r is None:
        r = _CACHE[torch_device] = device(torch_device)
    return r


def torch_device(type: str, index: int | None = None) -> device:
    """R's ``torch_device(type, index = NULL)`` (PyTorch ``torch.device``)."""
    if isinstance(type, device):
        return type
    if index is not None and ":" in type:
        raise ValueError(
            f"type {type} should not include any index because index was passed explicitly.")
    return _of(torch.device(type) if index is None else torch.device(type, int(index)))


def as_torch_device(x) -> torch.device | None:
    """Any device spelling R torch accepts (rtorch device, ``torch.device``, string) -> ``torch.device``."""
    if x is None or isinstance(x, torch.device):
        return x
    if isinstance(x, device):
        return x.torch
    if isinstance(x, str):
        return torch.device(x)
    raise TypeError(f"Expected a torch_device, got {x!r}")


def is_torch_device(x) -> bool:
    """R's ``is_torch_device()``."""
    return isinstance(x, (device, torch.device))


def cuda_is_available() -> bool:
    """R's ``cuda_is_available()`` (PyTorch ``torch.cuda.is_available()``)."""
    return torch.cuda.is_available()


def cuda_device_count() -> int:
    """R's ``cuda_device_count()`` (PyTorch ``torch.cuda.device_count()``)."""
    return torch.cuda.device_count()


def backends_mps_is_available() -> bool:
    """R's ``backends_mps_is_available()``."""
    return torch.backends.mps.is_available()


__all__ = ["device", "torch_device", "is_torch_device", "cuda_is_available",
           "cuda_device_count", "backends_mps_is_available"]
