"""R's apply family: lapply, sapply, apply, outer.

Part of :mod:`rtorch.rbase` (see its docstring for the R semantics and porting rules).
"""
from __future__ import annotations

import builtins
import math

import sys

from typing import Any, Callable
import numpy as np

from .vectors import (NA_INT, RVector, _RANK, _as_rvector, _character_result, _coerce,
                      _na_array)  # noqa: F401
from . import frames
from .sequences import c  # noqa: F401

# --------------------------------------------------------------------------------------
# Functional helpers
# --------------------------------------------------------------------------------------

_OPERATOR_NAMES = {"**": "^", "%": "%%", "//": "%/%"}

import operator as _operator  # noqa: E402

#: R's operators given by name (``Reduce("+", l)``) on values other than R vectors.
_PYTHON_OPERATORS = {"+": _operator.add, "-": _operator.sub, "*": _operator.mul,
                     "/": _operator.truediv, "^": _operator.pow, "%%": _operator.mod,
                     "%/%": _operator.floordiv, "==": _operator.eq, "!=": _operator.ne,
                     "<": _operator.lt, "<=": _operator.le, ">": _operator.gt,
                     ">=": _operator.ge, "&": _operator.and_, "|": _operator.or_}
_R_OPERANDS = (RVector, bool, int, float, complex, str, np.ndarray, np.generic)


def _function(fun: Any) -> Callable:
    """A FUN argument: a callable, an R operator (``"*"``) or the name of an R function here."""
    if callable(fun):
        return fun
    op = _OPERATOR_NAMES.get(fun, fun)
    if op in _ARITH or op in _COMPARE or op in _LOGIC:
        python_op = _PYTHON_OPERATORS[op]

        def apply_op(a: Any, b: Any) -> Any:
            if isinstance(a, _R_OPERANDS) and isinstance(b, _R_OPERANDS):
                return _binary(op, a, b)
            return python_op(a, b)                   # tensors: their own (R torch's) operator
        return apply_op
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


def _is_data(x: Any) -> bool:
    """Whether ``x`` is the data of an apply-family call rather than its function: anything
    that is not a plain function (R lists, modules and ``model.parameters`` are data)."""
    return not callable(x) or isinstance(x, (dict, list, tuple, RVector, np.ndarray)) or \
        type(x).__module__.startswith("torch") or hasattr(x, "parameters")


def _stage(fn: Callable, label: str, *args: Any, **kwargs: Any) -> Any:
    """``x >> fn(...)``: a pipe stage that calls ``fn(x, ...)`` (the data left out)."""
    from ..pipes import Stage
    return Stage(fn, args, kwargs, label)


def _elements(X: Any) -> tuple[list, list[str] | None]:
    """What the apply family iterates over, and the names it keeps."""
    if isinstance(X, dict):
        return list(dict.values(X)), [str(k) for k in dict.keys(X)]
    if isinstance(X, (list, tuple)):
        return list(X), None
    if isinstance(X, str):
        X = RVector(np.array([X], dtype=object))
    frame = frames.columns(X)                         # a data frame: its columns, named
    if frame is not None:
        return frame
    if not isinstance(X, (RVector, np.ndarray, bool, int, float, complex)) and \
            hasattr(X, "__iter__") and not hasattr(X, "__array__"):
        return list(X), None                          # modules lists, datasets, generators
    v = _as_rvector(X)
    flat = v._flat()
    items = [_character_result(RVector(flat[i:i + 1])) for i in range(flat.size)]
    if v.names is not None:
        return items, v.names
    return items, (flat.tolist() if v.rtype == "character" else None)


def _named(results: list, names: list[str] | None) -> Any:
    """A list of results, named (R's named list) when the input had names."""
    if names is None:
        return results
    from ..named_list import NamedList
    return NamedList(zip(names, results))


def lapply(X: Any, FUN: Any = None, *args: Any, **kwargs: Any) -> Any:
    """R's ``lapply(X, FUN, ...)``: ``FUN`` on each element of ``X``, a list of the results (a
    named list when ``X`` has names, as ``model.parameters`` and named lists have). Called with
    only a function, ``lapply(f)``, it is the pipe stage ``x >> lapply(f)``."""
    if FUN is None and not _is_data(X):
        return _stage(lapply, "lapply()", X, *args, **kwargs)
    items, names = _elements(X)
    fun = _function(FUN)
    results = [fun(item, *args, **kwargs) for item in items]
    if isinstance(X, dict) or frames.is_frame(X):
        return _named(results, names)
    return results


def sapply(X: Any, FUN: Any = None, *args: Any, simplify: bool = True, USE_NAMES: bool = True,
           **kwargs: Any) -> Any:
    """R's ``sapply``: like lapply, simplified to a vector or matrix when the lengths agree."""
    if FUN is None and not _is_data(X):
        return _stage(sapply, "sapply()", X, *args, simplify=simplify, USE_NAMES=USE_NAMES,
                      **kwargs)
    items, names = _elements(X)
    fun = _function(FUN)
    results = [fun(item, *args, **kwargs) for item in items]
    if not simplify:
        return _named(results, names if USE_NAMES else None)
    out = _simplify(results, (len(items),), names if USE_NAMES else None)
    return _named(out, names if USE_NAMES else None) if out is results else out


def vapply(X: Any, FUN: Any = None, FUN_VALUE: Any = None, *args: Any, USE_NAMES: bool = True,
           **kwargs: Any) -> Any:
    """R's ``vapply(X, FUN, FUN.VALUE)``: sapply whose every result must have ``FUN.VALUE``'s
    length and type (``numeric(1)``, ``character(1)``, ``logical(1)`` ...)."""
    if FUN is None and not _is_data(X):
        return _stage(vapply, "vapply()", X, FUN_VALUE, *args, USE_NAMES=USE_NAMES, **kwargs)
    if FUN_VALUE is None:
        raise TypeError('argument "FUN.VALUE" is missing, with no default')
    template = _as_rvector(FUN_VALUE)
    items, names = _elements(X)
    fun = _function(FUN)
    results = []
    for i, item in enumerate(items, 1):
        r = _as_rvector(fun(item, *args, **kwargs))
        if r.values.size != template.values.size:
            raise ValueError(f"values must be length {template.values.size},\n but FUN(X[[{i}]]) "
                             f"result is length {r.values.size}")
        if _RANK[r.rtype] > _RANK[template.rtype] or (
                template.rtype != r.rtype and template.rtype in ("logical", "character")):
            raise TypeError(f"values must be type '{template.rtype}',\n but FUN(X[[{i}]]) result "
                            f"is type '{r.rtype}'")
        results.append(RVector(_coerce(r._flat(), r.rtype, template.rtype)))
    if not results:
        return RVector(_na_array(template.rtype, 0)) if template.rtype != "logical" else \
            RVector(np.zeros(0, dtype=bool))
    return _simplify(results, (len(items),), names if USE_NAMES else None)


def mapply(FUN: Any, *args: Any, MoreArgs: dict | None = None, SIMPLIFY: bool = True,
           USE_NAMES: bool = True, **kwargs: Any) -> Any:
    """R's ``mapply(FUN, ..., MoreArgs = NULL, SIMPLIFY = TRUE)``: ``FUN`` over the arguments
    in parallel (recycled to the longest); named arguments are vectors too."""
    fun = _function(FUN)
    columns = [_elements(a) for a in args]
    named = {k: _elements(v) for k, v in kwargs.items()}
    lengths = [len(items) for items, _ in columns] + [len(items) for items, _ in named.values()]
    n = builtins.max(lengths) if lengths and builtins.min(lengths) > 0 else 0
    more = MoreArgs or {}
    results = [fun(*[items[i % len(items)] for items, _ in columns],
                   **{k: items[i % len(items)] for k, (items, _) in named.items()}, **more)
               for i in range(n)]
    names = None
    if USE_NAMES and columns:
        items, names = columns[0]
        if names is None and args and isinstance(args[0], (RVector, str)) and \
                _as_rvector(args[0]).rtype == "character":
            names = [str(v) for v in items]
    if not SIMPLIFY:
        return _named(results, names)
    out = _simplify(results, (n,), names)
    return _named(out, names) if out is results else out


def Map(f: Any, *args: Any, **kwargs: Any) -> Any:
    """R's ``Map(f, ...)``: ``mapply(f, ..., SIMPLIFY = FALSE)``, a list."""
    return mapply(f, *args, SIMPLIFY=False, **kwargs)


def Filter(f: Any, x: Any = None) -> Any:
    """R's ``Filter(f, x)``: the elements of ``x`` for which ``f`` is TRUE (a list stays a list,
    a named list keeps its names, a vector stays a vector). ``x >> Filter(f)`` pipes."""
    if x is None:
        return _stage(lambda data, fn: Filter(fn, data), "Filter()", f)
    fun = _function(f)
    items, names = _elements(x)
    keep = [bool(fun(item)) for item in items]
    if isinstance(x, dict):
        return _named([v for v, k in zip(items, keep) if k], [n for n, k in zip(names, keep) if k])
    if isinstance(x, (list, tuple)):
        return type(x)(v for v, k in zip(items, keep) if k)
    return _as_rvector(x)[RVector(np.array(keep, dtype=bool))]


def Reduce(f: Any, x: Any = None, init: Any = None, right: bool = False,
           accumulate: bool = False) -> Any:
    """R's ``Reduce(f, x, init, right = FALSE, accumulate = FALSE)``: combine the elements of
    ``x`` with ``f`` from the left (or the right); ``accumulate`` keeps every step."""
    if x is None:
        return _stage(lambda data, fn, **kw: Reduce(fn, data, **kw), "Reduce()", f,
                      init=init, right=right, accumulate=accumulate)
    fun = _function(f)
    items, _ = _elements(x)
    if right:
        items = items[::-1]
    if init is not None:
        items = [init] + items
    if not items:
        return None
    acc, steps = items[0], [items[0]]
    for item in items[1:]:
        acc = fun(item, acc) if right else fun(acc, item)
        steps.append(acc)
    if not accumulate:
        return acc
    steps = steps[::-1] if right else steps
    out = _simplify(steps, (len(steps),))
    return out


def Find(f: Any, x: Any) -> Any:
    """R's ``Find(f, x)``: the first element for which ``f`` is TRUE, or NULL."""
    fun = _function(f)
    for item in _elements(x)[0]:
        if bool(fun(item)):
            return item
    return None


def Position(f: Any, x: Any) -> Any:
    """R's ``Position(f, x)``: the 1-based position of the first element for which ``f`` is
    TRUE, or NA."""
    fun = _function(f)
    for i, item in enumerate(_elements(x)[0], 1):
        if bool(fun(item)):
            return RVector(np.array([i], dtype=np.int64))
    return RVector(np.array([NA_INT], dtype=np.int64))


def do_call(what: Any, args: Any = None, quote: bool = False, envir: Any = None) -> Any:
    """R's ``do.call(what, args)``: call ``what`` (a function or its name) with the elements
    of ``args`` as arguments: unnamed ones positional, named ones by name (a Python list, a
    dict / named list, or an R vector)."""
    fun = _function(what)
    if args is None:
        return fun()
    if isinstance(args, dict):
        positional = [v for k, v in dict.items(args) if not isinstance(k, str) or k == ""]
        named = {k: v for k, v in dict.items(args) if isinstance(k, str) and k != ""}
        return fun(*positional, **named)
    items, names = _elements(args)
    if names is not None and isinstance(args, RVector) and args.names is not None:
        return fun(**dict(zip(names, items)))
    return fun(*items)


def match_fun(FUN: Any) -> Callable:
    """R's ``match.fun(FUN)``: a function, or the R function of that name."""
    return _function(FUN)


def identity(x: Any) -> Any:
    """R's ``identity(x)``: ``x``."""
    return x


def invisible(x: Any = None) -> Any:
    """R's ``invisible(x)``: ``x`` (Python prints nothing for a value that is not shown)."""
    return x


def force(x: Any) -> Any:
    """R's ``force(x)``: ``x`` (Python's arguments are never lazy)."""
    return x


def tryCatch(expr: Any, *, error: Callable | None = None, warning: Callable | None = None,
             finally_: Callable | None = None, **handlers: Callable) -> Any:
    """R's ``tryCatch(expr, error = function(e) ..., warning = ..., finally = ...)``: ``expr``
    is a function of no arguments (``lambda: ...``) as R's lazy expression is; ``error``
    gets the exception, ``warning`` a warning raised by ``expr``; ``finally_`` runs last."""
    import warnings as _warnings
    try:
        if warning is None:
            return expr() if callable(expr) else expr
        with _warnings.catch_warnings():
            _warnings.simplefilter("error")
            try:
                return expr() if callable(expr) else expr
            except Warning as w:                      # noqa: B014
                return warning(w)
    except Exception as e:
        if error is None:
            raise
        return error(e)
    finally:
        if finally_ is not None:
            finally_()


# names defined by later modules of the package, used at call time
from .arithmetic import _ARITH, _COMPARE, _LOGIC, _binary  # noqa: E402,F401
from .sets import names  # noqa: E402,F401
