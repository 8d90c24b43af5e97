"""R's apply family: lapply, sapply, apply, outer.

Part of :mod:`rtorch.rbase` (see its docstring for the R semantics and porting rules).
"""
from __future__ import annotations

import builtins
import math
import re
import sys
import warnings
from typing import Any, Callable, Iterable, Iterator, Sequence
import numpy as np

from .vectors import (RVector, _as_rvector)  # noqa: F401
from .sequences import (c)  # noqa: F401

# --------------------------------------------------------------------------------------
# Functional helpers
# --------------------------------------------------------------------------------------

_OPERATOR_NAMES = {"**": "^", "%": "%%", "//": "%/%"}


def _function(fun: Any) -> Callable:
    """A FUN argument: a callable, an R operator (``"*"``) or the name of an R function here."""
    if callable(fun):
        return fun
    op = _OPERATOR_NAMES.get(fun, fun)
    if op in _ARITH or op in _COMPARE or op in _LOGIC:
        return lambda a, b: _binary(op, a, b)
    found = getattr(sys.modules[__package__], str(fun).replace(".", "_"), None)
    if callable(found):
        return found
    raise ValueError(f"could not find function \"{fun}\"")


def outer(X: Any, Y: Any, FUN: Any = "*", *args: Any, **kwargs: Any) -> RVector:
    """R's ``outer(X, Y, FUN = "*")``: ``FUN`` over all pairs; dim = c(dim(X), dim(Y))."""
    x, y = _as_rvector(X), _as_rvector(Y)
    nx, ny = x.values.size, y.values.size
    xs = RVector(np.tile(x._flat(), ny))
    ys = RVector(np.repeat(y._flat(), nx))
    out = _as_rvector(_function(FUN)(xs, ys, *args, **kwargs))
    if out.values.size != nx * ny:
        raise ValueError(f"dims [product {nx * ny}] do not match the length of object "
                         f"[{out.values.size}]")
    shape = ((x.values.shape if x.values.ndim > 1 else (nx,))
             + (y.values.shape if y.values.ndim > 1 else (ny,)))
    return RVector(out._flat().reshape(shape, order="F"))


def _simplify(results: list, outer_shape: tuple[int, ...], names: list[str] | None = None) -> Any:
    """sapply/apply's simplification: equal lengths become a vector, matrix or array."""
    try:
        vectors = [_as_rvector(r) for r in results]
    except TypeError:
        return results
    sizes = {v.values.size for v in vectors}
    if not vectors or len(sizes) != 1 or 0 in sizes:
        return results
    k = sizes.pop()
    combined = c(*[RVector(v._flat()) for v in vectors])
    if k == 1 and len(outer_shape) == 1:
        combined.names = names
        return combined
    shape = outer_shape if k == 1 else (k,) + outer_shape
    return RVector(combined.values.reshape(shape, order="F"))


def apply(X: Any, MARGIN: Any, FUN: Callable, *args: Any, **kwargs: Any) -> Any:
    """R's ``apply(X, MARGIN, FUN)``: MARGIN 1 = rows, 2 = columns (``c(1, 2)`` = cells)."""
    x = _as_rvector(X)
    values = x.values
    if values.ndim < 2:
        raise ValueError("dim(X) must have a positive length")
    margins = [int(m) - 1 for m in _as_rvector(MARGIN).tolist()]
    if builtins.any(m < 0 or m >= values.ndim for m in margins):
        raise ValueError("'MARGIN' does not match dim(X)")
    rest = [d for d in range(values.ndim) if d not in margins]
    moved = np.transpose(values, rest + margins)
    outer_shape = tuple(values.shape[m] for m in margins)
    fun = _function(FUN)
    results = []
    for k in range(math.prod(outer_shape)):
        idx = np.unravel_index(k, outer_shape, order="F")
        results.append(fun(RVector(moved[(Ellipsis,) + tuple(idx)]), *args, **kwargs))
    return _simplify(results, outer_shape)


def _elements(X: Any) -> tuple[list, list[str] | None]:
    """What lapply/sapply iterate over, and the names they keep."""
    if isinstance(X, dict):
        return list(X.values()), [str(k) for k in X]
    if isinstance(X, (list, tuple)):
        return list(X), None
    v = _as_rvector(X)
    flat = v._flat()
    items = [RVector(flat[i:i + 1]) for i in range(flat.size)]
    if v.names is not None:
        return items, v.names
    return items, (flat.tolist() if v.rtype == "character" else None)


def lapply(X: Any, FUN: Callable, *args: Any, **kwargs: Any) -> list | dict:
    """R's ``lapply``: a list of results (a dict when ``X`` is a dict, R's named list)."""
    items, _ = _elements(X)
    fun = _function(FUN)
    results = [fun(item, *args, **kwargs) for item in items]
    return dict(zip(X.keys(), results)) if isinstance(X, dict) else results


def sapply(X: Any, FUN: Callable, *args: Any, simplify: bool = True, USE_NAMES: bool = True,
           **kwargs: Any) -> Any:
    """R's ``sapply``: like lapply, simplified to a vector or matrix when the lengths agree."""
    items, names = _elements(X)
    fun = _function(FUN)
    results = [fun(item, *args, **kwargs) for item in items]
    if not simplify:
        return results
    return _simplify(results, (len(items),), names if USE_NAMES else None)


# names defined by later modules of the package, used at call time
from .arithmetic import (_ARITH, _COMPARE, _LOGIC, _binary)  # noqa: E402,F401
from .sets import (names)  # noqa: E402,F401
