"""Dimensions: R's 1-based dims -> PyTorch's 0-based ones.

The rule (R torch's code generator uses the same one): an argument whose
*name* is in :data:`DIM_NAMES` is a dimension. A positive dim ``d`` becomes
``d - 1``; a negative dim counts from the end and is passed unchanged;
``0`` is an error, because R counts from 1. Defaults are PyTorch's own, which
name the same dimensions (PyTorch's ``dim=0`` *is* R's ``dim=1``).
"""
from __future__ import annotations

import numbers

import numpy as np

#: Argument names that hold dimensions, in every function and method.
DIM_NAMES = frozenset({
    "dim", "dim0", "dim1", "dim2", "dims", "start_dim", "end_dim", "dims_self",
    "dims_other", "source", "destination", "dimension",
})

#: Argument names that hold sizes (whole numbers, one or a vector of them): R vectors given
#: there become tuples of ints (``nnf_max_pool2d(x, c(2, 2))``, ``nn_upsample(size = c(4, 4))``).
SIZE_NAMES = frozenset({
    "kernel_size", "stride", "padding", "dilation", "output_size", "output_padding", "size",
    "normalized_shape", "pad", "unflattened_size", "cutoffs", "shapes",
})

ZERO_DIM_MESSAGE = "Indexing starts at 1 but found a 0."


class DimError(IndexError):
    """A dimension given as 0 or out of range, reported in the user's 1-based terms."""


def dim_in(d, message: str = ZERO_DIM_MESSAGE):
    """One R dim (int, whole float, or a vector of them) -> PyTorch's 0-based dim(s)."""
    if type(d) is int:
        if d > 0:
            return d - 1
        if d == 0:
            raise DimError(message)
        return d
    if d is None or isinstance(d, str):
        return d
    if isinstance(d, (bool, np.bool_)):
        raise TypeError(f"a dimension must be a number, got {d!r}")
    if isinstance(d, numbers.Number):
        return dim_in(whole(d, "dimension"), message)
    return tuple(dim_in(whole(x, "dimension"), message) for x in _flat(d))


def whole(x, what: str = "value") -> int:
    """A number R accepts as an integer (``2``, ``2.0``, ``np.int64(2)``) -> ``int``."""
    if isinstance(x, (bool, np.bool_)):
        raise TypeError(f"{what} must be a number, got {x!r}")
    try:
        i = int(x)
    except (TypeError, ValueError):
        raise TypeError(f"{what} must be a whole number, got {x!r}") from None
    if i != x:
        raise TypeError(f"{what} must be a whole number, got {x!r}")
    return i


def position_in(i, n: int) -> int:
    """A 1-based position among ``n`` items (negative: from the end) -> 0-based, R's errors."""
    i = whole(i, "index")
    if i == 0:
        raise IndexError(ZERO_DIM_MESSAGE)
    if not -n <= i <= n:
        raise IndexError("subscript out of bounds")
    return i - 1 if i > 0 else n + i


def _flat(v):
    """Elements of a vector-like (RVector, numpy array, list, tuple, tensor) as Python scalars."""
    if hasattr(v, "tolist"):
        v = v.tolist()
        return v if isinstance(v, list) else [v]
    if hasattr(v, "__array__"):
        return np.asarray(v).ravel().tolist()
    return list(v)


def ints(v, what: str = "size") -> tuple[int, ...]:
    """A size-like vector (R's ``c(2, 3)`` is a double vector) -> tuple of ints."""
    if isinstance(v, numbers.Number) and not isinstance(v, (bool, np.bool_)):
        return (whole(v, what),)
    return tuple(whole(x, what) for x in _flat(v))
