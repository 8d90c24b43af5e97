"""luz's ``as_dataloader()``: what ``fit()``, ``predict()`` and ``evaluate()`` accept as data.

==============================================  ===============================================
data                                            becomes
==============================================  ===============================================
a data loader (rtorch's or PyTorch's)           itself
a dataset (rtorch's, or a PyTorch one)          ``dataloader(x, batch_size = 32, ...)``
a list/tuple of tensors, arrays or R vectors    ``tensor_dataset(...)``, then a data loader
(R's ``list(x, y)``); a dict (``list(x = ,      (named elements stay named)
y = )``)
one tensor, array or R vector                   the same as ``list(x)``, but the options are
                                                ignored, as luz's are (``batch_size`` is 32)
``None``                                        ``None``
==============================================  ===============================================

R's S3 methods for new classes are ``as_dataloader.register(MyClass)`` here
(:func:`functools.singledispatch`): the registered function gets ``(x, **options)``.
"""
from __future__ import annotations

import functools
from typing import Any

import numpy as np
import torch
import torch.utils.data as tud

from ..dataloader import DataLoader, dataloader
from ..dataset import Dataset, IterableDataset, TensorDataset
from ..pipes import pipeable
from ..rbase import RVector
from ..tensor import Tensor
from .accelerator import DeviceDataLoader
from .conditions import LuzValueError

__all__ = ["as_dataloader", "as_dataset"]

_ARRAY = (Tensor, torch.Tensor, np.ndarray, RVector)


class _TensorDataset(TensorDataset):
    """``tensor_dataset()`` whose batches (``getbatch``, what data loaders call with the
    sampler's positions, always valid) are one PyTorch indexing per tensor."""

    def getbatch(self, index: Any) -> Any:
        values = index.values if isinstance(index, RVector) else index
        pos = torch.as_tensor(np.asarray(values), dtype=torch.long) - 1
        return self._pack([t[pos.to(t.device)] for t in self._torch])


_TensorDataset.__name__ = _TensorDataset.__qualname__ = "tensor_dataset"


def as_dataset(x: Any) -> Any:
    """luz's ``as_dataset()``: a dataset from data given to ``fit()`` (see the module table)."""
    if isinstance(x, (Dataset, IterableDataset, tud.Dataset)):
        return x
    if isinstance(x, dict):
        return _TensorDataset(**x)
    if isinstance(x, (list, tuple)) and x and all(isinstance(v, _ARRAY) for v in x):
        return _TensorDataset(*x)
    if isinstance(x, _ARRAY):
        return _TensorDataset(x)
    raise LuzValueError(f"Can't convert object with class '{type(x).__name__}' to a torch dataset.")


@functools.singledispatch
def _as_dataloader(x: Any, **options: Any) -> Any:
    if x is None:
        return None
    if isinstance(x, (list, tuple, dict)):
        return _from_dataset(as_dataset(x), **options)
    if isinstance(x, _ARRAY):                     # luz's matrix/array/tensor method drops `...`
        return _from_dataset(as_dataset(x))
    raise LuzValueError(f"Unsupported object with class '{type(x).__name__}'.")


@_as_dataloader.register(DataLoader)
@_as_dataloader.register(DeviceDataLoader)
@_as_dataloader.register(tud.DataLoader)
def _loader(x: Any, **options: Any) -> Any:
    return x


@_as_dataloader.register(Dataset)
@_as_dataloader.register(IterableDataset)
@_as_dataloader.register(tud.Dataset)
def _from_dataset(x: Any, batch_size: int = 32, **options: Any) -> DataLoader:
    return dataloader(x, batch_size=batch_size, **options)


def _anything(x: Any) -> bool:
    return True


@pipeable(accepts=_anything)
def as_dataloader(x: Any, **options: Any) -> Any:
    """R's ``as_dataloader(x, ...)``: a data loader from ``x`` (see the module table);
    ``options`` go to ``dataloader()`` (``batch_size = 32`` by default)."""
    return _as_dataloader(x, **options)


as_dataloader.register = _as_dataloader.register
