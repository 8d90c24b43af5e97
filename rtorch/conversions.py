"""Tensors -> R values, and R's base functions that R torch extends to tensors.

``as_array``, ``as_numeric``, ``as_integer``, ``as_logical``, ``as_matrix``: a tensor
becomes an R vector/matrix/array (:class:`rtorch.rbase.RVector`) holding the same
element positions; ``as_numeric`` & co. flatten in R's column-major order.
``sum``, ``max``, ``min``, ``mean``, ``prod``, ``all``, ``any``, ``abs``, ``round``, ``exp``,
``log``, ``sqrt``, ``length``, ``dim``, ``cumsum``, ``head``, ``tail`` act on tensors as in R
torch; anything else goes to :mod:`rtorch.rbase`, where R vectors get R's behaviour and
every other value the Python builtin's.
"""
from __future__ import annotations

import numpy as np
import torch

from . import dataframe, rbase
from .dims import whole
from .tensor import wrap, unwrap, is_torch_tensor as _is_tensor

_AS_ARRAY = {torch.float32: np.float64, torch.float64: np.float64, torch.float16: np.float64,
             torch.int64: np.int64, torch.int32: np.int64, torch.bool: np.bool_,
             torch.uint8: np.uint8, torch.complex64: np.complex128, torch.complex128: np.complex128}


def _numpy(x) -> np.ndarray:
    """A tensor's values as numpy with R's types (double, integer, logical, complex)."""
    t = unwrap(x)
    if t.is_sparse:
        raise TypeError("Sparse tensors are not supported for as_array conversion. "
                        "Use `as_array(x$to_dense())` to convert to a dense tensor first.")
    np_type = _AS_ARRAY.get(t.dtype)
    if np_type is None:
        from .dtypes import scalar_type_name
        raise TypeError(f"dtype '{scalar_type_name(t.dtype)}' not handled")
    return t.detach().cpu().resolve_conj().numpy().astype(np_type)


def as_array(x):
    """R's ``as_array(x)``: an R vector (0-d and 1-D), matrix (2-D) or array."""
    if not _is_tensor(x):
        if isinstance(x, rbase.RVector) and x.ndim > 1:
            return x                                  # R's as.array keeps a matrix's dims
        return rbase.as_vector(x) if hasattr(rbase, "as_vector") else rbase.RVector(np.asarray(x))
    a = _numpy(x)
    return rbase.RVector(a.reshape(1) if a.ndim == 0 else a)


def _flat(x) -> np.ndarray:
    return _numpy(x).reshape(-1, order="F")


def as_numeric(x):
    """R's ``as.numeric(x)``: a double vector, column-major for matrices."""
    if dataframe.is_frame(x):
        return dataframe.as_numeric(x)
    if not _is_tensor(x):
        return rbase.as_numeric(x)
    return rbase.RVector(_flat(x).astype(np.float64))


as_double = as_numeric


def as_integer(x):
    """R's ``as.integer(x)``: an R integer vector (``as_integer(5)`` is R's ``5L``)."""
    if dataframe.is_frame(x):
        return dataframe.as_integer(x)
    if not _is_tensor(x):
        return rbase.as_integer(x)
    a = _flat(x)
    return rbase.RVector(np.trunc(a).astype(np.int64) if a.dtype.kind == "f" else a.astype(np.int64))


def as_logical(x):
    """R's ``as.logical(x)``."""
    if not _is_tensor(x):
        return rbase.as_logical(x)
    return rbase.RVector(_flat(x).astype(np.bool_))


def as_matrix(x):
    """R's ``as.matrix(x)``: 2-D stays, everything else becomes one column."""
    if dataframe.is_frame(x):
        return dataframe.as_matrix(x)
    if not _is_tensor(x):
        return rbase.as_matrix(x)
    a = _numpy(x)
    return rbase.RVector(a if a.ndim == 2 else a.reshape(-1, 1, order="F"))


def length(x):
    """R's ``length(x)``: the number of elements of a tensor, as an R integer (``[1] 6``)."""
    if _is_tensor(x):
        return rbase.as_integer(unwrap(x).numel())
    if dataframe.is_frame(x):                        # a data frame is a list of its columns
        return rbase.as_integer(x.shape[1] if x.ndim == 2 else len(x))
    r_length = getattr(x, "_r_length", None)        # datasets, data loaders, samplers
    if r_length is None:
        return rbase.length(x)
    n = r_length()
    return n if isinstance(n, rbase.RVector) else rbase.c(n)     # an R value, as R returns it


def names(x):
    """R's ``names(x)``: a data frame's column names, a named list's names, R vector names."""
    if dataframe.is_frame(x) and x.ndim == 2:
        return rbase.c(*[str(c) for c in x.columns])
    if isinstance(x, dict):
        return rbase.c(*[str(k) for k in x])
    return rbase.names(x)


def dim(x):
    """R's ``dim(x)``: the shape as an R integer vector."""
    if _is_tensor(x):
        return rbase.RVector(np.asarray(unwrap(x).shape, dtype=np.int64))
    return rbase.dim(x)


def _reduction(name: str, torch_fn):
    fallback = getattr(rbase, name)

    def f(*args, na_rm: bool = False, **kwargs):
        tensors = [a for a in args if _is_tensor(a)]
        if not tensors:
            return fallback(*args, **kwargs) if not na_rm else fallback(*args, na_rm=na_rm, **kwargs)
        if na_rm:
            raise ValueError("Torch tensors do not have NAs!")
        parts = [torch_fn(unwrap(a)) if _is_tensor(a) else
                 torch_fn(torch.as_tensor(np.asarray(a, dtype=np.float64), dtype=torch.float32))
                 for a in args]
        return wrap(parts[0] if len(parts) == 1 else torch_fn(torch.stack(parts)))

    f.__name__ = f.__qualname__ = name
    f.__doc__ = (f"R's ``{name}(...)``: on tensors, ``torch.{torch_fn.__name__}`` over all elements "
                 f"(R torch's meaning); otherwise R's ``{name}`` for R vectors and Python's builtin "
                 "for anything else.")
    return f


sum = _reduction("sum", torch.sum)
prod = _reduction("prod", torch.prod)
max = _reduction("max", torch.max)
min = _reduction("min", torch.min)
mean = _reduction("mean", torch.mean)
all = _reduction("all", torch.all)
any = _reduction("any", torch.any)


def _elementwise(name: str, torch_fn):
    fallback = getattr(rbase, name)

    def f(x, *args, **kwargs):
        if _is_tensor(x):
            return wrap(torch_fn(unwrap(x), *args, **kwargs))
        return fallback(x, *args, **kwargs)

    f.__name__ = f.__qualname__ = name
    f.__doc__ = (f"R's ``{name}(x)``: ``torch.{torch_fn.__name__}`` on tensors; R's ``{name}`` on R "
                 "vectors; Python's builtin (where there is one) for anything else.")
    return f


abs = _elementwise("abs", torch.abs)
exp = _elementwise("exp", torch.exp)
log = _elementwise("log", torch.log)
sqrt = _elementwise("sqrt", torch.sqrt)
floor = _elementwise("floor", torch.floor)
ceiling = _elementwise("ceiling", torch.ceil)


def round(x, digits: int = 0):
    """R's ``round(x, digits = 0)``: ``torch.round(x, decimals=digits)`` on tensors."""
    if _is_tensor(x):
        return wrap(torch.round(unwrap(x), decimals=whole(digits)))
    return rbase.round(x, digits)


def cumsum(x):
    """R's ``cumsum(x)``: ``torch.cumsum(x, dim=0)`` on tensors."""
    if _is_tensor(x):
        return wrap(torch.cumsum(unwrap(x), 0))
    return rbase.cumsum(x)


def head(x, n: int = 6):
    """R's ``head(x, n = 6)``: the first ``n`` entries along the first dim."""
    if _is_tensor(x):
        t = unwrap(x)
        return wrap(t[: n if n >= 0 else t.shape[0] + n])
    return rbase.head(x, n)


def tail(x, n: int = 6):
    """R's ``tail(x, n = 6)``: the last ``n`` entries along the first dim."""
    if _is_tensor(x):
        t = unwrap(x)
        return wrap(t[t.shape[0] - n:] if n >= 0 else t[-n:])
    return rbase.tail(x, n)


R_GENERICS = {f.__name__: f for f in (
    as_array, as_numeric, as_integer, as_logical, as_matrix, length, names, dim, sum, prod, max, min,
    mean, all, any, abs, exp, log, sqrt, floor, ceiling, round, cumsum, head, tail)}
R_GENERICS["as_double"] = as_numeric
