"""Converters: one bound R argument -> the value PyTorch takes, by the parameter's *kind*.

A mirrored call (:mod:`rtorch.mirror`) binds its arguments by R's formals, then converts each
bound value by the kind of the PyTorch parameter it lands on, calls PyTorch and wraps the
result. The kind is a set of bits decided once per parameter, from its PyTorch name and stub
type (:func:`kind_of`, R torch's own rule); what each bit does to an R value:

==========  =========================================  ======================================
kind        R value                                    PyTorch gets
==========  =========================================  ======================================
``TENSOR``  a number, an R vector, a list of numbers    a new tensor (:func:`rtorch.values.from_r`,
            where only a tensor is taken                R's dtype rules: a number is float32)
``TENSORS`` a list / R named list of tensors            a list of PyTorch tensors
``NUMBER``  an R number (a Python ``int`` too)         a Python ``float`` (R's double)
``INT``     a logical (``diagonal = FALSE``)           ``0`` / ``1``
``DIM``     a 1-based dim, or a vector of them         0-based (:func:`rtorch.dims.dim_in`)
``INDEX``   1-based index data (number, tensor, ...)   0-based (:mod:`rtorch.index_data`)
``SIZE``    a number or an R vector (``c(2, 3)``)      an int or a tuple of ints
``INTLIST`` a number where only a list of ints is      a one-element tuple (``torch_flip(x, 1)``)
            taken
``DTYPE``   ``"float32"``, ``torch_float()``           a ``torch.dtype``
``DEVICE``  ``"cpu"``, ``torch_device("cpu")``         a ``torch.device``
==========  =========================================  ======================================

Everywhere: an rtorch tensor is its PyTorch tensor, rtorch dtypes and devices are PyTorch's,
and an R length-1 vector where a scalar is wanted is that scalar (``as_integer(-1)``,
``std = sqrt(2)``). :func:`convert` is the whole rule; :func:`converter` gives, once per kind,
a function doing the same with the common cases first (the table the mirror looks up when it
builds a call, never per call).

This module sits below :mod:`rtorch.tensor`: it knows rtorch's ``Tensor`` class because
``rtorch.tensor`` registers it (:func:`register_tensor_class`) when it defines it.
"""
from __future__ import annotations

import numbers
import re
from typing import Any, Callable

import numpy as np
import torch

from . import dtypes as _dtypes
from . import devices as _devices
from .dims import DIM_NAMES, SIZE_NAMES, dim_in, ints, whole
from .index_data import INDEX_NAMES, index_in, index_tensor_in
from .values import from_r

_TT = torch.Tensor

# -- the kinds --------------------------------------------------------------------------------
DIM, INDEX, SIZE, TENSOR, TENSORS, NUMBER, DTYPE, DEVICE = 1, 2, 4, 8, 16, 32, 64, 128
#: only a list of ints (never one int): R's number there is a length-1 vector (``torch_flip(x, 1)``)
INTLIST = 256
#: one int (``_int``): R's logical there is 0 or 1 (``torch_tril(x, diagonal = FALSE)``)
INT = 512
#: the kinds beside TENSOR that let a plain number through (only TENSOR: R's length-1 tensor)
_TENSOR_ONLY = TENSOR | NUMBER | INT | DIM | INDEX | SIZE
#: while deciding a kind: some overload takes one int there, so a number stays a number
INT_OK = 1 << 20


class _NoTensorClassYet:
    """Stands for rtorch's ``Tensor`` until :mod:`rtorch.tensor` registers the class."""


#: rtorch's tensor class (set by :func:`register_tensor_class`).
Tensor: type = _NoTensorClassYet


def register_tensor_class(cls: type) -> None:
    """Called once by :mod:`rtorch.tensor` when it defines ``Tensor`` (the class sits above
    this module, which only needs to recognise it and read its ``_t``)."""
    global Tensor
    Tensor = cls


# -- deciding a parameter's kind from PyTorch's stubs ---------------------------------------
_KW_KINDS = {"dtype": DTYPE, "device": DEVICE}
_SEQUENCE = re.compile(r"(Sequence|list|tuple)\[[^\[\]]*(\[[^\[\]]*\][^\[\]]*)*\]")
_INT_TYPE = re.compile(r"(?<![\w.])(_int|int|SymInt)(?!\w)")


def _is_int_list(t: str) -> bool:
    """A stub type that is a list of ints (``_size``, ``Sequence[Union[_int, SymInt]]``)."""
    s = _SEQUENCE.search(t)
    return "_size" in t or s is not None and bool(_INT_TYPE.search(s.group(0)))


def _is_int(t: str) -> bool:
    """A stub type that also takes one int (``Union[_int, _size]``)."""
    rest = _SEQUENCE.sub("", t.replace("_size", ""))
    return bool(_INT_TYPE.search(rest)) or "Number" in rest


def kind_of(name: str, type_: str, index_names: frozenset[str] = frozenset()) -> int:
    """Kind bits of one PyTorch parameter, from its name and its type in PyTorch's stubs
    (``index_names``: the names that hold 1-based indices for this function beyond
    :data:`rtorch.index_data.INDEX_NAMES`). May carry :data:`INT_OK`; see :func:`settled`."""
    k = _KW_KINDS.get(name, 0)
    if name in DIM_NAMES:
        k |= DIM
    if name in INDEX_NAMES or name in index_names:
        k |= INDEX
    t = type_.replace(" ", "")
    if "Tensor" in t:
        k |= TENSORS if ("[Tensor" in t or "Tensor," in t) else TENSOR
    if ("_size" in t or "Sequence[_int" in t or "list[int]" in t or "_int|SymInt" in t
            or name in SIZE_NAMES and "Tensor" not in t):
        k |= SIZE
    if "Number" in t or "_float" in t or "_complex" in t:
        k |= NUMBER
    if _is_int_list(t):
        k |= INTLIST | SIZE
    if _is_int(t):
        k |= INT_OK
        if "_bool" not in t and "Number" not in t and "_float" not in t:
            k |= INT
    if t == "" and name in ("self", "input", "other", "tensor", "x", "A", "B"):
        k |= TENSOR
    return k


def settled(k: int) -> int:
    """The final kind of a parameter whose bits were OR-ed over overloads: where some overload
    takes one int, a number stays a number (no :data:`INTLIST`)."""
    return k & ~(INTLIST | INT_OK) if k & INT_OK else k


# -- converting a value ----------------------------------------------------------------------
def unwrap(x):
    """rtorch objects -> the PyTorch objects they stand for (tensors, dtypes, devices), through
    lists, tuples and dicts. R's ``as_torch()``-free interop: PyTorch code gets these."""
    tp = type(x)
    if tp is Tensor:
        return x._t
    if tp is list or tp is tuple:
        return tp(unwrap(v) for v in x)
    if tp is dict:
        return {k: unwrap(v) for k, v in x.items()}
    if tp is _dtypes.dtype or tp is _devices.device:
        return x.torch
    return x


def convert(a, k: int):
    """One argument of a translated call, given its kind bits (the table in this module's
    docstring)."""
    tp = type(a)
    if tp is Tensor:
        return index_tensor_in(a._t) if k & INDEX else a._t
    if tp is int:
        if k & INTLIST:
            return (convert(a, k ^ INTLIST),)
        if k & DIM:
            return a - 1 if a > 0 else dim_in(a)
        if k & INDEX:
            return index_in(a)
        if k & NUMBER:
            return float(a)
        return from_r(a) if k & _TENSOR_ONLY == TENSOR else a   # R: a number where only a Tensor is wanted
    if tp is float:
        if k & (DIM | INDEX | SIZE):
            return convert(whole(a), k)
        return from_r(a) if k & _TENSOR_ONLY == TENSOR else a
    if tp is bool and k & (INT | TENSOR):
        if k & INT and not k & (DIM | INDEX):
            return int(a)
        if k & _TENSOR_ONLY == TENSOR:
            return from_r(a)
    if a is None or tp is bool or tp is str and not k & (DTYPE | DEVICE):
        return a
    if tp is _dtypes.dtype or tp is _devices.device:
        return a.torch
    if k & DTYPE and tp is str:
        return _dtypes.as_torch_dtype(a)
    if k & DEVICE and tp is str:
        return _devices.as_torch_device(a)
    if isinstance(a, _TT):
        return index_tensor_in(a) if k & INDEX else a
    if isinstance(a, numbers.Number):
        return convert(a.item() if hasattr(a, "item") else a, k)
    if (k & (DIM | INT | NUMBER) or not k & (TENSOR | TENSORS | SIZE)) and not k & INTLIST \
            and tp is not list and tp is not tuple and hasattr(a, "__array__") and np.size(a) == 1:
        return convert(np.asarray(a).reshape(()).item(), k)     # R's length-1 vector is a scalar
    if k & DIM:
        return dim_in(a)
    if k & INDEX:
        return index_in(unwrap(a))
    if k & SIZE and not (tp is list and a and isinstance(a[0], (Tensor, _TT))):
        size = ints(a)
        return size[0] if len(size) == 1 and not isinstance(a, (list, tuple)) and not k & INTLIST \
            else size
    if k & TENSORS and isinstance(a, dict) and tp is not dict:     # R's named list of tensors
        return [_list_tensor(v) for v in a.values()]
    if tp is list or tp is tuple:
        if k & TENSORS:                                 # R values in it are made tensors
            return tp(_list_tensor(v) for v in a)
        if a and isinstance(a[0], (Tensor, _TT)):
            return tp(unwrap(v) for v in a)
        if k & TENSOR:
            return from_r(a)
        return unwrap(a)
    if hasattr(a, "__array__"):
        if k & TENSOR:
            return from_r(a)
        if np.size(a) == 1:                   # an R scalar is a length-1 vector
            return convert(np.asarray(a).reshape(()).item(), k)
    return a


def _list_tensor(v):
    """An element of a list of tensors: a tensor as it is, an R value (a matrix, a vector, a
    number) made one, as R torch's converter of tensor lists does."""
    if type(v) is Tensor:
        return v._t
    if isinstance(v, _TT) or v is None:
        return v
    return from_r(v)


#: the historical name of :func:`convert`
conv = convert


# -- one converter per kind ------------------------------------------------------------------
Converter = Callable[[Any], Any]
_CONVERTERS: dict[int, Converter] = {}


def converter(k: int) -> Converter:
    """The converter of kind ``k``: ``converter(k)(a) == convert(a, k)`` for every ``a``, with
    the common R values of that kind (an rtorch tensor, a positive dim, a number) answered
    first. Built once per kind and shared."""
    c = _CONVERTERS.get(k)
    if c is None:
        c = _CONVERTERS[k] = _build(k)
    return c


def _build(k: int) -> Converter:
    if k & DIM and not k & (INTLIST | INDEX):
        def dim(a, k=k):
            if type(a) is int and a > 0:
                return a - 1                            # R's 1-based dim
            return convert(a, k)
        return dim
    if k & INDEX:
        return lambda a, k=k: convert(a, k)
    if k & NUMBER and not k & (INTLIST | SIZE | TENSOR):
        def number(a, k=k):
            tp = type(a)
            if tp is float:
                return a
            if tp is int:
                return float(a)                         # R's number is a double
            return convert(a, k)
        return number
    if k & (TENSOR | TENSORS):
        def tensor(a, k=k):
            if type(a) is Tensor:
                return a._t
            return convert(a, k)
        return tensor
    return lambda a, k=k: convert(a, k)
