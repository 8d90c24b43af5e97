"""Values in: R data -> PyTorch tensors and scalars, with R's dtype rules.

R numbers are doubles unless they are integers, so:

=====================================================  ==============
input                                                  tensor dtype
=====================================================  ==============
Python ``int``/``float`` (R numeric literals), lists,  ``torch_float``
numpy / pandas float data (R doubles)
``seq()``, ``as_integer()``, numpy/pandas integers     ``torch_long``
``bool``, numpy bool (R logicals)                      ``torch_bool``
``complex``                                            ``torch_cfloat``
pandas categorical (R factors)                         ``torch_long``, codes 1, 2, ...
=====================================================  ==============

A Python scalar is a length-1 R vector (``torch_tensor(1)`` has shape ``{1}``).
On the right of an operator a Python number is an R double scalar.
"""
from __future__ import annotations

import numbers

import numpy as np
import torch

from .input_checks import check_integer_range, r_integer_na, ragged_error, text_column_error

NOT_HANDLED = "R type not handled"

_NUMPY_KIND_TO_DTYPE = {"f": torch.float32, "i": torch.int64, "u": torch.int64,
                        "b": torch.bool, "c": torch.complex64}


def _first_leaf(x):
    while isinstance(x, (list, tuple)):
        if not x:
            return None
        x = x[0]
    return x


def _from_numpy(arr: np.ndarray, dtype: torch.dtype | None) -> torch.Tensor:
    if arr.dtype.kind == "u" and arr.dtype.itemsize == 1 and dtype is None:
        natural = torch.uint8                   # R raw vectors
    else:
        natural = _NUMPY_KIND_TO_DTYPE.get(arr.dtype.kind)
    if natural is None:
        raise TypeError(NOT_HANDLED)
    if arr.dtype.kind == "c":
        arr = arr.astype(np.complex128)
    elif arr.dtype.kind == "i":
        arr = r_integer_na(arr)                 # R's NA integer, as R torch stores it
    return torch.tensor(arr, dtype=dtype or natural)


def _pandas_to_numpy(data) -> np.ndarray:
    """A pandas Series/DataFrame as R's ``as.matrix()`` would see it: factors as 1-based codes."""
    import pandas as pd

    def column(s: "pd.Series", i: int | None = None) -> np.ndarray:
        if isinstance(s.dtype, pd.CategoricalDtype):
            codes = s.cat.codes.to_numpy().astype(np.int64)
            return np.where(codes >= 0, codes + 1, np.iinfo(np.int32).min)
        if not isinstance(s.dtype, np.dtype) and hasattr(s.dtype, "numpy_dtype"):
            kind = s.dtype.numpy_dtype.kind     # nullable Int64, Float64, boolean: R's NAs
            na = np.nan if kind == "f" else (True if kind == "b" else np.iinfo(np.int32).min)
            return s.to_numpy(dtype=s.dtype.numpy_dtype, na_value=na)
        if s.dtype.kind in "biufc":
            return s.to_numpy()
        raise text_column_error(s.name, i, s.dtype)

    if not isinstance(data, pd.DataFrame):      # a Series, or a pandas array
        return column(pd.Series(data))
    cols = [column(data.iloc[:, i], i + 1) for i in range(data.shape[1])]
    return np.column_stack(cols) if cols else np.zeros((len(data), 0))


def _is_pandas(x) -> bool:
    return type(x).__module__.startswith("pandas")


def from_r(data, dtype: torch.dtype | None = None, device: torch.device | None = None) -> torch.Tensor:
    """R data -> a new ``torch.Tensor`` (never sharing the caller's memory), R dtype rules."""
    tp = type(data)
    if dtype is not None and not dtype.is_floating_point:
        check_integer_range(data, dtype)
    if tp is float or tp is int:
        t = torch.tensor([data], dtype=dtype or torch.float32)
    elif tp is bool or tp is np.bool_:
        t = torch.tensor([bool(data)], dtype=dtype or torch.bool)
    elif tp is complex:
        t = torch.tensor([data], dtype=dtype or torch.complex64)
    elif tp is list or tp is tuple:
        leaf = _first_leaf(data)
        if leaf is None or isinstance(leaf, (float, int)) and not isinstance(leaf, bool):
            try:
                t = torch.tensor(data, dtype=dtype or torch.float32)
            except (TypeError, RuntimeError, ValueError):
                try:
                    arr = np.asarray(data)
                except ValueError:
                    raise ragged_error(data) from None
                return from_r(arr, dtype, device)
        elif isinstance(leaf, torch.Tensor):
            t = torch.stack([from_r(x) for x in data]).to(dtype) if dtype else torch.stack([from_r(x) for x in data])
        else:
            try:
                arr = np.asarray(data)
            except ValueError:
                raise ragged_error(data) from None
            return from_r(arr, dtype, device)
    elif isinstance(data, torch.Tensor):
        t = data.detach().clone() if dtype is None or dtype == data.dtype else data.detach().to(dtype)
    elif data is None:
        t = torch.zeros(0, dtype=dtype or torch.bool)
    elif isinstance(data, np.ndarray):
        t = _from_numpy(data, dtype)
    elif isinstance(data, numbers.Number):          # numpy scalars
        return from_r(np.asarray(data).reshape(1), dtype, device)
    elif _is_pandas(data):
        t = _from_numpy(_pandas_to_numpy(data), dtype)
    elif hasattr(data, "__array__"):                # R vectors and other array-likes
        t = _from_numpy(np.asarray(data), dtype)
    else:
        raise TypeError(NOT_HANDLED)
    if device is not None and t.device != device:
        t = t.to(device)
    return t


def scalar_or_tensor(v, device: torch.device | None = None):
    """An R value on the right of an operator: a length-1 vector is a scalar (Python ints are
    R doubles; R integers stay integers), a longer vector a tensor on ``device``."""
    tp = type(v)
    if tp is int:
        return float(v)
    if tp is float or tp is bool or isinstance(v, torch.Tensor):
        return v
    if isinstance(v, np.generic):
        return v.item()
    if isinstance(v, numbers.Number):
        return v
    if tp is list or tp is tuple:
        if len(v) == 1 and isinstance(v[0], numbers.Number):
            return scalar_or_tensor(v[0])
        return from_r(v, device=device)
    if hasattr(v, "__array__"):
        arr = np.asarray(v)
        if arr.size == 1 and arr.ndim <= 1 and arr.dtype.kind in "biufc":
            return arr.reshape(()).item()
        return from_r(arr, device=device)
    return NotImplemented          # not an R value: let Python try the other operand


def r_scalar(v):
    """An R length-1 vector where a scalar is wanted (``std = sqrt(2)``, ``gain = c(0.5)``,
    ``as_integer(-1)``): its one value as a Python number; anything else unchanged."""
    if type(v) in (int, float, bool, str) or v is None or isinstance(v, (list, tuple, torch.Tensor)):
        return v
    if hasattr(v, "__array__") and not hasattr(v, "_t"):
        a = np.asarray(v)
        if a.size == 1 and a.dtype.kind in "biufcU":
            return a.reshape(()).item()
    return v
