"""R torch dtypes: ``torch_float()`` & co., printed the R way (``torch_Float``).

An rtorch dtype is a thin, immutable handle on a ``torch.dtype``: it prints as
R torch prints it, compares equal to the R constructor that made it *and* to
the ``torch.dtype`` it stands for, and hashes like that ``torch.dtype``.
``dtype.torch`` is the PyTorch object; every rtorch function accepts either.
"""
from __future__ import annotations

from typing import Any

import torch

# libtorch's scalar-type names: what R torch prints after ``torch_`` and inside
# tensor trailers (``[ CPUFloatType{3} ]``).
SCALAR_TYPE_NAMES: dict[torch.dtype, str] = {
    torch.float32: "Float",
    torch.float64: "Double",
    torch.float16: "Half",
    torch.bfloat16: "BFloat16",
    torch.int64: "Long",
    torch.int32: "Int",
    torch.int16: "Short",
    torch.int8: "Char",
    torch.uint8: "Byte",
    torch.bool: "Bool",
    torch.complex64: "ComplexFloat",
    torch.complex128: "ComplexDouble",
    torch.complex32: "ComplexHalf",
    torch.quint8: "QUInt8",
    torch.qint8: "QInt8",
    torch.qint32: "QInt32",
    torch.quint4x2: "QUInt4x2",
    torch.float8_e4m3fn: "Float8_e4m3fn",
    torch.float8_e5m2: "Float8_e5m2",
    torch.uint16: "UInt16",
    torch.uint32: "UInt32",
    torch.uint64: "UInt64",
}


def scalar_type_name(dtype: torch.dtype) -> str:
    """libtorch's name of a ``torch.dtype`` (``torch.float32`` -> ``"Float"``)."""
    try:
        return SCALAR_TYPE_NAMES[dtype]
    except KeyError:
        return str(dtype).replace("torch.", "")


class TorchHandle:
    """An immutable handle on one PyTorch object (``.torch``); base of rtorch's dtype and device."""

    __slots__ = ("torch",)

    def __init__(self, torch_object):
        object.__setattr__(self, "torch", torch_object)

    def __setattr__(self, name, value):
        raise AttributeError(f"{type(self).__name__} objects are immutable")

    def __hash__(self) -> int:
        return hash(self.torch)

    def __ne__(self, other) -> bool:
        return not self.__eq__(other)


class dtype(TorchHandle):
    """R torch's ``torch_dtype``: prints ``torch_Float``; ``.torch`` is the PyTorch dtype."""

    __slots__ = ()
    __hash__ = TorchHandle.__hash__             # defining __eq__ would otherwise unset it

    def __repr__(self) -> str:
        return "torch_" + scalar_type_name(self.torch)

    __str__ = __repr__

    def __eq__(self, other) -> bool:
        if isinstance(other, dtype):
            return self.torch is other.torch
        if isinstance(other, torch.dtype):
            return self.torch is other
        raise TypeError("One of the objects is not a dtype. Comparison is not possible.")

    def __reduce__(self):
        return (_of, (self.torch,))

    def _type(self) -> str:
        """R's ``dtype$.type()``: libtorch's name (``"Float"``)."""
        return scalar_type_name(self.torch)

    def __array__(self, dtype=None, copy=None):
        """R's ``as.character(dtype)`` (and every R coercion): the libtorch name, ``"Float"``."""
        import numpy as np
        return np.array([scalar_type_name(self.torch)], dtype=object)

    @property
    def is_floating_point(self) -> bool:
        return self.torch.is_floating_point

    @property
    def is_complex(self) -> bool:
        return self.torch.is_complex


_CANONICAL: dict[torch.dtype, dtype] = {d: dtype(d) for d in SCALAR_TYPE_NAMES}


def _of(torch_dtype: torch.dtype) -> dtype:
    """The canonical rtorch dtype standing for ``torch_dtype``."""
    r = _CANONICAL.get(torch_dtype)
    if r is None:
        r = _CANONICAL[torch_dtype] = dtype(torch_dtype)
    return r


# R constructor name -> PyTorch dtype (reference/dtypes.md §3).
CONSTRUCTORS: dict[str, torch.dtype] = {
    "torch_float": torch.float32, "torch_float32": torch.float32,
    "torch_double": torch.float64, "torch_float64": torch.float64,
    "torch_half": torch.float16, "torch_float16": torch.float16,
    "torch_bfloat16": torch.bfloat16,
    "torch_float8_e4m3fn": torch.float8_e4m3fn, "torch_float8_e5m2": torch.float8_e5m2,
    "torch_long": torch.int64, "torch_int64": torch.int64,
    "torch_int": torch.int32, "torch_int32": torch.int32,
    "torch_short": torch.int16, "torch_int16": torch.int16,
    "torch_int8": torch.int8,
    "torch_uint8": torch.uint8,
    "torch_bool": torch.bool,
    "torch_cfloat": torch.complex64, "torch_cfloat64": torch.complex64,
    "torch_cdouble": torch.complex128, "torch_cfloat128": torch.complex128,
    "torch_chalf": torch.complex32, "torch_cfloat32": torch.complex32,
    "torch_quint8": torch.quint8, "torch_qint8": torch.qint8, "torch_qint32": torch.qint32,
}

# dtype strings R torch accepts (``dtype = "float32"``).
STRINGS: dict[str, torch.dtype] = {
    "float": torch.float32, "float32": torch.float32,
    "float64": torch.float64, "double": torch.float64,
    "float16": torch.float16, "half": torch.float16,
    "bfloat16": torch.bfloat16,
    "complex32": torch.complex32, "chalf": torch.complex32,
    "complex64": torch.complex64, "cfloat": torch.complex64,
    "complex128": torch.complex128, "cdouble": torch.complex128,
    "uint8": torch.uint8, "int8": torch.int8,
    "int16": torch.int16, "short": torch.int16,
    "int32": torch.int32, "int": torch.int32,
    "int64": torch.int64, "long": torch.int64,
    "bool": torch.bool,
    "quint8": torch.quint8, "qint8": torch.qint8, "qint32": torch.qint32,
    "quint4x2": torch.quint4x2,
    "float8_e4m3fn": torch.float8_e4m3fn, "float8_e5m2": torch.float8_e5m2,
}


def _make_constructor(name: str, torch_dtype: torch.dtype):
    d = _of(torch_dtype)

    def constructor() -> dtype:
        return d

    constructor.__name__ = constructor.__qualname__ = name
    constructor.__doc__ = f"R torch's ``{name}()``: the dtype ``{d!r}`` (PyTorch ``{torch_dtype}``)."
    return constructor


for _name, _td in CONSTRUCTORS.items():
    globals()[_name] = _make_constructor(_name, _td)
del _name, _td


def as_torch_dtype(x) -> torch.dtype | None:
    """Any dtype spelling R torch accepts (rtorch dtype, ``torch.dtype``, string) -> ``torch.dtype``."""
    if x is None:
        return None
    if isinstance(x, dtype):
        return x.torch
    if isinstance(x, torch.dtype):
        return x
    if isinstance(x, str):
        try:
            return STRINGS[x]
        except KeyError:
            raise ValueError(f"Error unknown type {x}") from None
    raise TypeError("Expected a torch_dtype")


def is_torch_dtype(x) -> bool:
    """R's ``is_torch_dtype()``: True for rtorch and PyTorch dtypes."""
    return isinstance(x, (dtype, torch.dtype))


def torch_get_default_dtype() -> dtype:
    """R's ``torch_get_default_dtype()`` (PyTorch ``torch.get_default_dtype()``)."""
    return _of(torch.get_default_dtype())


def torch_set_default_dtype(d) -> None:
    """R's ``torch_set_default_dtype(d)`` (PyTorch ``torch.set_default_dtype``)."""
    torch.set_default_dtype(as_torch_dtype(d))


__all__ = ["dtype", "is_torch_dtype", "torch_get_default_dtype", "torch_set_default_dtype",
           "as_torch_dtype", *CONSTRUCTORS]


def tensor_str(t: Any) -> str:
    """R's ``str(x)`` of a tensor: ``Float [1:10, 1:10]``."""
    dims = ", ".join(f"1:{d}" for d in t.shape)
    return f"{scalar_type_name(t.dtype)} [{dims or '1:'}]"
