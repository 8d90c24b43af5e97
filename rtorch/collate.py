"""How a data loader turns items into a batch: R torch's ``utils_data_default_collate`` and
``utils_data_default_convert``.

:func:`default_collate` (items fetched one by one with ``getitem``) stacks along a new first
dimension, the same way at every level of nesting:

==========================================================  =================================
item element                                                batch element
==========================================================  =================================
tensor                                                      ``torch_stack(items, dim = 1)``
R vector longer than 1, matrix, array (RVector, numpy)      converted, then stacked
R integer scalar (``as_integer(1)``, numpy integer)         Long tensor
Python number, numpy float, R double scalar                 Float tensor (R's doubles)
``True``/``False``, R logical scalar                        Bool tensor
string                                                      an R character vector
named list (``dict(x = ...)``)                              named list of collated elements
list / tuple                                                list / tuple of collated elements
==========================================================  =================================

Items whose tensors differ in shape raise an error that names the element
(``batch$x``, ``batch[[2]]``) and the first two items that disagree (1-based).

:func:`default_convert` (batches from ``getbatch``, or ``batch_size = NULL``) only converts:
tensors stay, lists are walked, anything else goes through ``torch_tensor()``.
"""
from __future__ import annotations

import numbers
from typing import Any

import numpy as np
import torch

from . import rbase
from .named_list import NamedList
from .rbase import RVector
from .tensor import Tensor, wrap
from .values import from_r

_R_CLASS = {"function": "function", "builtin_function_or_method": "function",
            "method": "function", "str": "character", "NoneType": "NULL", "dict": "list",
            "NamedList": "list", "list": "list", "tuple": "list"}


def r_class(x: Any) -> str:
    """The R class a Python value stands for, for messages."""
    return _R_CLASS.get(type(x).__name__, type(x).__name__)


def _shape(t: torch.Tensor) -> str:
    return "{" + ",".join(map(str, t.shape)) + "}"


def _stack(tensors: list[torch.Tensor], path: str) -> Tensor:
    try:
        return wrap(torch.stack(tensors))
    except TypeError:                       # not every item is a tensor there
        for k, t in enumerate(tensors):
            if not isinstance(t, torch.Tensor):
                raise TypeError(f"Can't collate `{path}`: item 1 is a tensor, item {k + 1} is "
                                f"<{r_class(t)}>") from None
        raise
    except RuntimeError:
        first = tensors[0]
        for k, t in enumerate(tensors):
            if t.shape != first.shape:
                raise RuntimeError(
                    f"Can't collate `{path}`: items have different shapes: item 1 is "
                    f"{_shape(first)}, item {k + 1} is {_shape(t)}") from None
        raise


def _rtype(x: Any) -> str | None:
    """R's type of a scalar (length-1) value, or None when it is not one."""
    if isinstance(x, (bool, np.bool_)):
        return "logical"
    if isinstance(x, np.integer):
        return "integer"
    if isinstance(x, numbers.Real):
        return "double"
    if isinstance(x, str):
        return "character"
    if isinstance(x, RVector) and x.values.size == 1 and x.values.ndim <= 1:
        return x.rtype
    return None


def _is_tensor_like(x: Any) -> bool:
    """R's ``is_tensor_like``: non-character vectors longer than 1, matrices and arrays."""
    if isinstance(x, RVector):
        return x.rtype != "character" and (x.values.size > 1 or x.values.ndim > 1)
    return isinstance(x, np.ndarray) and x.dtype.kind in "biufc" and (x.size > 1 or x.ndim > 1)


_SCALAR_DTYPE = {"integer": torch.int64, "double": torch.float32, "logical": torch.bool}


_SCALAR_VALUE = {"integer": int, "double": float, "logical": bool}


def _scalars(batch: list, rtype: str) -> Any:
    if rtype == "character":
        return rbase.c(*batch)
    convert = _SCALAR_VALUE[rtype]
    return wrap(torch.tensor([convert(v) for v in batch], dtype=_SCALAR_DTYPE[rtype]))


def _transpose(batch: list, key: Any, path: str) -> list:
    try:
        return [item[key] for item in batch]
    except (KeyError, IndexError):
        raise RuntimeError(f"Can't collate `{path}`: not every item has it") from None


def default_collate(batch: list, path: str = "batch") -> Any:
    """R torch's ``utils_data_default_collate(batch)`` (see the module docstring)."""
    elem = batch[0]
    if type(elem) is Tensor:
        return _stack([x._t if type(x) is Tensor else x for x in batch], path)
    if isinstance(elem, torch.Tensor):
        return _stack(batch, path)          # PyTorch unwraps any rtorch tensor among them
    if _is_tensor_like(elem):
        return _stack([from_r(x) for x in batch], path)
    rtype = _rtype(elem)
    if rtype is not None:
        return _scalars(batch, rtype)
    if isinstance(elem, dict):
        return NamedList({k: default_collate(_transpose(batch, k, f"{path}${k}"), f"{path}${k}")
                          for k in elem.keys()})
    if isinstance(elem, (list, tuple)):
        parts = [default_collate(_transpose(batch, i, f"{path}[[{i + 1}]]"), f"{path}[[{i + 1}]]")
                 for i in range(len(elem))]
        return type(elem)(parts) if type(elem) is tuple else parts
    raise ValueError(f"Can't collate data of class: '{r_class(elem)}'")


def default_convert(data: Any) -> Any:
    """R torch's ``utils_data_default_convert(data)``: tensors as they are, lists walked
    (named lists become :class:`NamedList`), anything else through ``torch_tensor()``."""
    if type(data) is Tensor:
        return data
    if isinstance(data, torch.Tensor):
        return wrap(data)
    if isinstance(data, dict):
        return NamedList({k: default_convert(v) for k, v in data.items()})
    if isinstance(data, (list, tuple)):
        return type(data)(default_convert(v) for v in data) if type(data) is tuple else \
            [default_convert(v) for v in data]
    try:
        return wrap(from_r(data))
    except (TypeError, ValueError, RuntimeError):
        raise ValueError(f"Can't convert data of class: '{r_class(data)}'") from None

