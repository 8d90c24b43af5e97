"""Tensors -> R values, and R's base functions that R torch extends to tensors.

``as_array``, ``as_numeric``, ``as_integer``, ``as_logical``, ``as_matrix``: a tensor
becomes an R vector/matrix/array (:class:`rtorch.rbase.RVector`) holding the same
element positions; ``as_numeric`` & co. flatten in R's column-major order.
``sum``, ``max``, ``min``, ``mean``, ``prod`` (with ``dim =``, ``keepdim =``), ``all``, ``any``,
``round``, ``log`` (with ``base =``), R's Math functions (:data:`MATH`: ``abs``, ``sign``,
``sqrt``, ``exp``, ``expm1``, ``log2``, ``log10``, ``log1p``, ``floor``, ``ceiling``, ``trunc``
and the trigonometric and hyperbolic ones), ``length``, ``dim``, ``rev``, ``cumsum``, ``head``,
``tail`` act on tensors as R torch's S3 methods do; anything else goes to :mod:`rtorch.rbase`,
where R vectors and Python numbers get R's behaviour (``sum(1)`` is ``1``) and, for the names
Python has as builtins, Python's containers the builtin's (``sum([1, 2])`` is ``3``).
"""
from __future__ import annotations

import functools

import numpy as np
import torch

from . import dataframe, rbase
from .dims import dim_in, whole
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
        return rbase.c(*[str(k) for k in dict.keys(x)]) if x else None
    return rbase.names(x)


def dim(x):
    """R's ``dim(x)``: the shape as an R integer vector."""
    if _is_tensor(x):
        return rbase.RVector(np.asarray(unwrap(x).shape, dtype=np.int64))
    return rbase.dim(x)


_MISSING = object()


def _reduction(name: str, torch_fn, with_dim: bool):
    """R torch's ``sum``/``prod``/``max``/``min``/``mean``/``all``/``any`` method: over all
    elements of each tensor argument, combined across arguments; ``dim =`` (1-based) and
    ``keepdim =`` where R torch takes them."""
    fallback = getattr(rbase, name)

    def f(*args, dim=_MISSING, keepdim: bool = False, na_rm: bool = False, **kwargs):
        tensors = [a for a in args if _is_tensor(a)]
        if not tensors:
            if dim is not _MISSING:
                raise TypeError(f"{name}(): 'dim' is for tensors (R torch's {name} method)")
            return fallback(*args, **kwargs) if not na_rm else fallback(*args, na_rm=na_rm, **kwargs)
        if na_rm:
            raise ValueError("Torch tensors do not have NAs!")
        if dim is not _MISSING:
            if len(args) != 1:
                raise ValueError(f"{name}(): 'dim' is taken with one tensor only")
            d = dim_in(dim)
            out = torch_fn(unwrap(args[0]), d, keepdim=bool(keepdim))
            return wrap(out[0] if isinstance(out, tuple) else out)
        parts = [torch_fn(unwrap(a)) if _is_tensor(a) else
                 torch_fn(torch.as_tensor(np.asarray(a, dtype=np.float64), dtype=torch.float32))
                 for a in args]
        if len(parts) == 1:
            return wrap(parts[0])
        if name == "sum":
            return wrap(functools.reduce(torch.add, parts))
        if name == "prod":
            return wrap(functools.reduce(torch.mul, parts))
        return wrap(torch_fn(torch.stack(parts)))

    f.__name__ = f.__qualname__ = name
    f.__doc__ = (f"R's ``{name}(...)``: on tensors, ``torch.{torch_fn.__name__}`` over all elements "
                 f"(R torch's ``{name}.torch_tensor``)"
                 + (", or along ``dim`` (1-based) with ``keepdim``" if with_dim else "") +
                 f"; otherwise R's ``{name}`` for R vectors and numbers (``{name}(1)``), and "
                 "Python's builtin where it applies (a Python list or iterable).")
    return f


sum = _reduction("sum", torch.sum, True)
prod = _reduction("prod", torch.prod, True)
max = _reduction("max", torch.amax, True)
min = _reduction("min", torch.amin, True)
mean = _reduction("mean", torch.mean, True)
all = _reduction("all", torch.all, False)
any = _reduction("any", torch.any, False)


def _elementwise(name: str, torch_fn):
    fallback = getattr(rbase, name)

    def f(x, *args, **kwargs):
        if _is_tensor(x):
            return wrap(torch_fn(unwrap(x), *args, **kwargs))
        return fallback(x, *args, **kwargs)

    f.__name__ = f.__qualname__ = name
    f.__doc__ = (f"R's ``{name}(x)``: ``torch.{torch_fn.__name__}`` on tensors (R torch's method); "
                 f"R's ``{name}`` on R vectors and numbers; Python's builtin (where there is one) "
                 "for anything else.")
    return f


#: R's Math functions that R torch extends to tensors, and the torch function behind each.
MATH = {"abs": torch.abs, "sign": torch.sign, "sqrt": torch.sqrt, "exp": torch.exp,
        "expm1": torch.expm1, "log2": torch.log2, "log10": torch.log10, "log1p": torch.log1p,
        "floor": torch.floor, "ceiling": torch.ceil, "trunc": torch.trunc,
        "cos": torch.cos, "sin": torch.sin, "tan": torch.tan, "acos": torch.acos,
        "asin": torch.asin, "atan": torch.atan, "cosh": torch.cosh, "sinh": torch.sinh,
        "tanh": torch.tanh}
_MATH_FUNCTIONS = {name: _elementwise(name, fn) for name, fn in MATH.items()}
abs = _MATH_FUNCTIONS["abs"]
exp = _MATH_FUNCTIONS["exp"]
sqrt = _MATH_FUNCTIONS["sqrt"]
floor = _MATH_FUNCTIONS["floor"]
ceiling = _MATH_FUNCTIONS["ceiling"]


def log(x, base=None):
    """R's ``log(x, base = exp(1))``: ``torch.log(x)`` on tensors, divided by ``log(base)``
    when a base is given (R torch's ``log.torch_tensor``); R's ``log`` otherwise."""
    if _is_tensor(x):
        t = unwrap(x)
        if base is None:
            return wrap(torch.log(t))
        b = unwrap(base) if _is_tensor(base) else torch.as_tensor(float(base), dtype=t.dtype
                                                                  if t.is_floating_point() else None)
        return wrap(torch.log(t) / torch.log(b))
    return rbase.log(x, base)


def rev(x):
    """R's ``rev(x)``: a 1-D tensor reversed (``torch.flip``); R's ``rev`` otherwise."""
    if _is_tensor(x):
        t = unwrap(x)
        if t.dim() != 1:
            raise ValueError("rev() of a tensor takes a 1-D tensor (use torch_flip(x, dims))")
        return wrap(torch.flip(t, (0,)))
    return rbase.rev(x)


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
    """R's ``head(x, n = 6)``: the first ``n`` entries along the first dim (a data frame's
    first rows)."""
    if dataframe.is_frame(x) and x.ndim == 2:
        return dataframe.head(x, n)
    if _is_tensor(x):
        t = unwrap(x)
        return wrap(t[: n if n >= 0 else t.shape[0] + n])
    return rbase.head(x, n)


def tail(x, n: int = 6):
    """R's ``tail(x, n = 6)``: the last ``n`` entries along the first dim (a data frame's last
    rows)."""
    if dataframe.is_frame(x) and x.ndim == 2:
        return dataframe.tail(x, n)
    if _is_tensor(x):
        t = unwrap(x)
        return wrap(t[t.shape[0] - n:] if n >= 0 else t[-n:])
    return rbase.tail(x, n)


R_GENERICS = {f.__name__: f for f in (
    as_array, as_numeric, as_integer, as_logical, as_matrix, length, names, dim, sum, prod, max, min,
    mean, all, any, log, round, cumsum, head, tail, rev)}
R_GENERICS.update(_MATH_FUNCTIONS)
R_GENERICS["as_double"] = as_numeric
