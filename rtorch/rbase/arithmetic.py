"""R's operators on vectors and R's summaries and maths (sum, max, round, exp, ...).

Part of :mod:`rtorch.rbase` (see its docstring for the R semantics and porting rules).
"""
from __future__ import annotations

import builtins
import math

from typing import Any, Callable, Iterable
import numpy as np

from .vectors import (  # noqa: F401
    NA, NA_DOUBLE, NA_INT, RVector, _DTYPE, _KIND_TYPE, _as_rvector, _coerce, _na_array,
    _logical, _na_mask, _rtype_of, _top_type, _true, _warn)
from .sequences import _number, c  # noqa: F401
from .sets import _plain, is_na, names  # noqa: F401

# --------------------------------------------------------------------------------------
# Operators
# --------------------------------------------------------------------------------------

_ARITH: dict[str, Callable] = {"+": np.add, "-": np.subtract, "*": np.multiply,
                               "/": np.true_divide, "^": np.power, "%%": np.mod,
                               "%/%": np.floor_divide}
_COMPARE: dict[str, Callable] = {"==": np.equal, "!=": np.not_equal, "<": np.less,
                                 "<=": np.less_equal, ">": np.greater, ">=": np.greater_equal}
def _and(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """R's ``&`` of two logical arrays: FALSE wins over NA."""
    false = (x == 0) | (y == 0)
    return _logical(_true(x) & _true(y), (_na_mask(x) | _na_mask(y)) & ~false)


def _or(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """R's ``|`` of two logical arrays: TRUE wins over NA."""
    true = _true(x) | _true(y)
    return _logical(true, (_na_mask(x) | _na_mask(y)) & ~true)


_LOGIC: dict[str, Callable] = {"&": _and, "|": _or}
_UFUNC_OPS = {np.add: "+", np.subtract: "-", np.multiply: "*", np.true_divide: "/",
              np.power: "^", np.mod: "%%", np.floor_divide: "%/%", np.equal: "==",
              np.not_equal: "!=", np.less: "<", np.less_equal: "<=", np.greater: ">",
              np.greater_equal: ">=", np.logical_and: "&", np.logical_or: "|",
              np.matmul: "%*%"}


_OPERAND_TYPES = (RVector, bool, int, float, complex, str, np.ndarray, np.generic, list, tuple)


def _operand(x: Any) -> RVector | None:
    """An operator's other side as an RVector, or None when it is not R data."""
    if isinstance(x, _OPERAND_TYPES):
        return _as_rvector(x)
    return None


def _result_frame(x: RVector, y: RVector) -> tuple[int, tuple[int, ...] | None, list[str] | None]:
    """Length, dim and names of ``x op y`` under R's recycling rules."""
    nx, ny = x.values.size, y.values.size
    n = 0 if nx == 0 or ny == 0 else builtins.max(nx, ny)
    shaped = [side.values.shape for side in (x, y) if side.values.ndim >= 2]
    if len(shaped) == 2 and shaped[0] != shaped[1]:
        raise ValueError("non-conformable arrays")
    dims = shaped[0] if shaped else None
    if dims is not None and n and math.prod(dims) != n:
        raise ValueError(f"dims [product {math.prod(dims)}] do not match the length of "
                         f"object [{n}]")
    if n and n % nx + n % ny:
        _warn("longer object length is not a multiple of shorter object length")
    names = next((s.names for s in (x, y) if s.names is not None and s.values.size == n), None)
    return n, dims, names


def _binary(op: str, a: Any, b: Any) -> Any:
    """R's ``a op b``: recycling, type promotion, dims and names."""
    x, y = _operand(a), _operand(b)
    if x is None or y is None:
        return NotImplemented
    if op == "%*%":
        return _matmul(x, y)
    n, dims, names = _result_frame(x, y)
    xs, ys = np.resize(x._flat(), n), np.resize(y._flat(), n)
    if op in _ARITH:
        out = _arith(op, xs, x.rtype, ys, y.rtype)
    elif op in _COMPARE:
        out = _compare(op, xs, x.rtype, ys, y.rtype)
    else:
        if "character" in (x.rtype, y.rtype):
            raise TypeError("operations are possible only for numeric, logical or complex types")
        out = _LOGIC[op](_coerce(xs, x.rtype, "logical"), _coerce(ys, y.rtype, "logical"))
    if dims is not None:
        out = out.reshape(dims, order="F")
    return RVector(out, names)


def _arith(op: str, xs: np.ndarray, xt: str, ys: np.ndarray, yt: str) -> np.ndarray:
    if "character" in (xt, yt):
        raise TypeError("non-numeric argument to binary operator")
    rtype = _top_type((xt, yt, "integer"))
    if op in ("/", "^") and rtype == "integer":
        rtype = "double"                                   # R's / and ^ always give doubles
    xv, yv = _coerce(xs, xt, rtype), _coerce(ys, yt, rtype)
    with np.errstate(all="ignore"):
        out = _ARITH[op](xv, yv)
    if rtype == "integer":
        bad = _na_mask(xv) | _na_mask(yv)
        if op in ("%%", "%/%"):
            bad |= yv == 0
        out[bad] = NA_INT
    return out


def _compare(op: str, xs: np.ndarray, xt: str, ys: np.ndarray, yt: str) -> np.ndarray:
    rtype = _top_type((xt, yt))
    xv, yv = _coerce(xs, xt, rtype), _coerce(ys, yt, rtype)
    bad = _na_mask(xv) | _na_mask(yv)
    if rtype == "character" and bad.any():
        xv, yv = np.where(bad, "", xv), np.where(bad, "", yv)
    if rtype in ("double", "complex"):
        bad = bad | np.isnan(xv) | np.isnan(yv)          # NaN compares as NA, as in R
    return _logical(np.asarray(_COMPARE[op](xv, yv), dtype=bool), bad)


def _matmul(x: RVector, y: RVector) -> RVector:
    """R's ``x %*% y``: vectors become a row or a column as needed; the result is a double
    matrix."""
    rtype = "complex" if "complex" in (x.rtype, y.rtype) else "double"
    xm, ym = _coerce(x.values, x.rtype, rtype), _coerce(y.values, y.rtype, rtype)
    if xm.ndim == 1 and ym.ndim == 1:
        xm, ym = xm[None, :], ym[:, None]
    elif xm.ndim == 1:
        xm = xm[None, :] if xm.size == ym.shape[0] else xm[:, None]
    elif ym.ndim == 1:
        ym = ym[:, None] if ym.size == xm.shape[1] else ym[None, :]
    if xm.ndim != 2 or ym.ndim != 2 or xm.shape[1] != ym.shape[0]:
        raise ValueError("non-conformable arguments")
    return RVector(xm @ ym)


def _unary(x: RVector, fn: Callable) -> RVector:
    if x.rtype == "character":
        raise TypeError("invalid argument to unary operator")
    rtype = "integer" if x.rtype == "logical" else x.rtype
    values = _coerce(x.values, x.rtype, rtype)
    out = fn(values)
    if rtype == "integer":
        out[_na_mask(values)] = NA_INT
    return RVector(out, x.names)


def _install_operators() -> None:
    """Python's operator methods, each mapped to one R operator (``__r*__`` swap sides)."""
    table = {"add": "+", "sub": "-", "mul": "*", "truediv": "/", "pow": "^", "mod": "%%",
             "floordiv": "%/%", "and": "&", "or": "|", "matmul": "%*%"}
    for name, op in table.items():
        setattr(RVector, f"__{name}__", lambda self, other, op=op: _binary(op, self, other))
        setattr(RVector, f"__r{name}__", lambda self, other, op=op: _binary(op, other, self))
    for name, op in {"eq": "==", "ne": "!=", "lt": "<", "le": "<=", "gt": ">", "ge": ">="}.items():
        setattr(RVector, f"__{name}__", lambda self, other, op=op: _binary(op, self, other))


_install_operators()


# --------------------------------------------------------------------------------------
# R's summaries and maths (the names Python also has fall back to the builtins)
# --------------------------------------------------------------------------------------

def _is_r_data(args: Iterable[Any]) -> bool:
    return builtins.any(isinstance(a, (RVector, np.ndarray)) for a in args)


_SCALARS = (bool, int, float, complex, str, np.generic)


def _builtin_or_r(builtin: Callable, args: tuple, kwargs: dict) -> tuple[bool, Any]:
    """Python's builtin where it works; ``(False, None)`` where it raises a ``TypeError`` on
    R scalars (``sum(1)``, ``max(5)``, ``all(TRUE)``), so R's meaning applies instead."""
    try:
        return True, builtin(*args, **kwargs)
    except TypeError:
        if kwargs or not args or not builtins.all(isinstance(a, _SCALARS) or a is None
                                                   for a in args):
            raise
        return False, None


def _combined(args: tuple, na_rm: bool) -> tuple[np.ndarray, str]:
    """All arguments as one flat vector (R's summary group does ``c(...)``)."""
    v = c(*args)
    if v is None:
        return np.zeros(0, dtype=np.int64), "integer"
    flat = v._flat()
    if na_rm and flat.size:
        flat = flat[~is_na(RVector(flat)).values]
    return flat, v.rtype


def _scalar(value: Any, rtype: str) -> RVector:
    return RVector(np.array([value], dtype=_DTYPE[rtype]))


def _na_result(flat: np.ndarray, rtype: str) -> RVector | None:
    """NA (or NaN) when the data hold one, as R's summaries propagate them."""
    if _na_mask(flat).any():
        return RVector(_na_array(rtype, 1))
    if rtype in ("double", "complex") and np.isnan(flat).any():
        return _scalar(math.nan, rtype)
    return None


def sum(*args: Any, na_rm: bool = False, **kwargs: Any) -> Any:
    """R's ``sum(...)`` for R vectors and numpy arrays (integer for integer/logical input);
    Python's builtin ``sum`` for anything else."""
    if not _is_r_data(args):
        done, value = _builtin_or_r(builtins.sum, args, kwargs)
        if done:
            return value
    flat, rtype = _combined(args, na_rm)
    if rtype == "character":
        raise TypeError("invalid 'type' (character) of argument")
    rtype = "integer" if rtype == "logical" else rtype
    flat = _coerce(flat, _rtype_of(flat), rtype)
    missing = _na_result(flat, rtype)
    if missing is not None:
        return missing
    if rtype == "double":
        return _scalar(math.fsum(flat.tolist()), rtype)
    return _scalar(flat.sum(), rtype)


def prod(*args: Any, na_rm: bool = False) -> RVector:
    """R's ``prod(...)`` (always double, or complex)."""
    flat, rtype = _combined(args, na_rm)
    rtype = "complex" if rtype == "complex" else "double"
    flat = _coerce(flat, _rtype_of(flat), rtype)
    missing = _na_result(flat, rtype)
    return missing if missing is not None else _scalar(np.prod(flat), rtype)


def _extreme(args: tuple, na_rm: bool, pick: Callable, name: str, empty: float) -> RVector:
    flat, rtype = _combined(args, na_rm)
    if rtype == "complex":
        raise TypeError("invalid 'type' (complex) of argument")
    rtype = "integer" if rtype == "logical" else rtype
    flat = _coerce(flat, _rtype_of(flat), rtype)
    if flat.size == 0:
        _warn(f"no non-missing arguments to {name}; returning {'-' if empty < 0 else ''}Inf")
        return _scalar(empty, "double")
    missing = _na_result(flat, rtype) if rtype != "character" else (
        RVector(_na_array("character", 1)) if _na_mask(flat).any() else None)
    if missing is not None:
        return missing
    return _scalar(pick(flat.tolist()), rtype)


def max(*args: Any, na_rm: bool = False, **kwargs: Any) -> Any:
    """R's ``max(...)`` for R vectors and numpy arrays; Python's builtin otherwise."""
    if not _is_r_data(args):
        done, value = _builtin_or_r(builtins.max, args, kwargs)
        if done:
            return value
    return _extreme(args, na_rm, builtins.max, "max", -math.inf)


def min(*args: Any, na_rm: bool = False, **kwargs: Any) -> Any:
    """R's ``min(...)`` for R vectors and numpy arrays; Python's builtin otherwise."""
    if not _is_r_data(args):
        done, value = _builtin_or_r(builtins.min, args, kwargs)
        if done:
            return value
    return _extreme(args, na_rm, builtins.min, "min", math.inf)


def range_(*args: Any, na_rm: bool = False) -> RVector:
    """R's ``range(..., na.rm = FALSE)``: ``c(min(...), max(...))`` (Python's ``range`` is
    the builtin: ``rtorch.port`` writes R's as ``range_``)."""
    return c(_extreme(args, na_rm, builtins.min, "min", math.inf),
             _extreme(args, na_rm, builtins.max, "max", -math.inf))


def _numeric_values(x: Any, na_rm: bool, what: str) -> np.ndarray:
    v = _plain(x)
    if v.rtype == "character":
        raise TypeError(f"argument is not numeric or logical: {what}")
    flat = _coerce(v._flat(), v.rtype, "complex" if v.rtype == "complex" else "double")
    return flat[~np.isnan(flat)] if na_rm else flat


def mean(x: Any, na_rm: bool = False) -> RVector:
    """R's ``mean(x)``: a double (R's two-pass algorithm)."""
    flat = _numeric_values(x, na_rm, "returning NA")
    rtype = _rtype_of(flat)
    missing = _na_result(flat, rtype)
    if missing is not None:
        return missing
    if flat.size == 0:
        return _scalar(math.nan, rtype)
    m = flat.sum() / flat.size
    return _scalar(m + (flat - m).sum() / flat.size, rtype)


def var(x: Any, na_rm: bool = False) -> RVector:
    """R's ``var(x)``: sample variance (denominator n - 1); the covariance matrix of a matrix."""
    v = _as_rvector(x)
    if v.values.ndim == 2:
        return RVector(np.atleast_2d(np.cov(_coerce(v.values, v.rtype, "double"), rowvar=False)))
    flat = _numeric_values(v, na_rm, "var")
    missing = _na_result(flat, "double")
    if missing is not None:
        return missing
    return _scalar(np.var(flat, ddof=1) if flat.size > 1 else NA_DOUBLE, "double")


def sd(x: Any, na_rm: bool = False) -> RVector:
    """R's ``sd(x)``: the sample standard deviation."""
    return sqrt(var(_plain(x), na_rm))


def _truth(args: tuple, na_rm: bool) -> np.ndarray:
    flat, rtype = _combined(args, na_rm)
    if rtype == "character":
        raise TypeError("invalid 'type' (character) of argument")
    return _coerce(flat, _rtype_of(flat), "logical")


def all(*args: Any, na_rm: bool = False, **kwargs: Any) -> Any:
    """R's ``all(...)`` for R vectors and numpy arrays; Python's builtin otherwise (NA when
    no element is FALSE and one is NA)."""
    if not _is_r_data(args):
        done, value = _builtin_or_r(builtins.all, args, kwargs)
        if done:
            return value
    truth = _truth(args, na_rm)
    false = bool((truth == 0).any())
    return RVector(_logical(np.array([not false]), np.array([not false and _na_mask(truth).any()])))


def any(*args: Any, na_rm: bool = False, **kwargs: Any) -> Any:
    """R's ``any(...)`` for R vectors and numpy arrays; Python's builtin otherwise."""
    if not _is_r_data(args):
        done, value = _builtin_or_r(builtins.any, args, kwargs)
        if done:
            return value
    truth = _truth(args, na_rm)
    found = bool(_true(truth).any())
    return RVector(_logical(np.array([found]), np.array([not found and _na_mask(truth).any()])))


def abs(x: Any) -> Any:
    """R's ``abs(x)`` for R vectors and numpy arrays (integer stays integer); Python's builtin
    otherwise."""
    if not _is_r_data((x,)):
        return builtins.abs(x)
    return _unary(_as_rvector(x), np.abs)


def _round(v: RVector, digits: int) -> RVector:
    """R 4's ``round(x, digits)``: the nearer of the two candidates, ties to even."""
    if v.rtype in ("integer", "logical") and digits >= 0:
        return RVector(_coerce(v.values, v.rtype, "integer"), v.names)
    if v.rtype == "character":
        raise TypeError("non-numeric argument to mathematical function")
    x = _coerce(v.values, v.rtype, "double")
    with np.errstate(all="ignore"):
        if digits == 0:
            return RVector(np.where(np.isfinite(x), np.rint(x), x), v.names)
        ax = np.abs(x)
        p = 10.0 ** builtins.abs(digits)
        scaled = ax * p if digits > 0 else ax / p
        low, high = np.floor(scaled), np.ceil(scaled)
        down, up = (low / p, high / p) if digits > 0 else (low * p, high * p)
        pick_up = (up - ax < ax - down) | ((up - ax == ax - down) & (np.fmod(low, 2) == 1))
        rounded = np.copysign(np.where(pick_up, up, down), x)
        precise = np.log10(2) * (0.5 + np.floor(np.log2(np.where(ax > 0, ax, 1)))) + digits > 15
    keep = ~np.isfinite(x) | (x == 0) | precise
    return RVector(np.where(keep, x, rounded), v.names)


def round(x: Any, digits: Any = None) -> Any:
    """R's ``round(x, digits = 0)`` for R vectors and numpy arrays; Python's builtin
    (``round(x, digits)``) otherwise."""
    if not _is_r_data((x,)):
        return builtins.round(x) if digits is None else builtins.round(x, int(digits))
    return _round(_as_rvector(x), 0 if digits is None else int(digits))


def _math(x: Any, fn: Callable) -> RVector:
    """A double-valued elementwise function over an R vector (or number), keeping dims."""
    v = _as_rvector(x)
    if v.rtype == "character":
        raise TypeError("non-numeric argument to mathematical function")
    values = _coerce(v.values, v.rtype, "complex" if v.rtype == "complex" else "double")
    with np.errstate(all="ignore"):
        out = fn(values)
    if (np.isnan(out) & ~np.isnan(values)).any():
        _warn("NaNs produced")
    return RVector(out, v.names)


def log(x: Any, base: Any = None) -> RVector:
    """R's ``log(x, base = exp(1))``."""
    if base is None:
        return _math(x, np.log)
    b = _number(base, "base")
    return _math(x, lambda v: np.log(v) / np.log(b))


def _math_function(name: str, fn: Callable) -> Callable:
    """R's Math function ``name`` over R vectors and numbers: numpy's ``fn`` (see :func:`_math`)."""
    def f(x: Any) -> RVector:
        return _math(x, fn)
    f.__name__ = f.__qualname__ = name
    f.__doc__ = f"R's ``{name}(x)`` (numpy's ``{fn.__name__}``), elementwise, keeping dims."
    return f


#: R's one-argument Math functions (their results are doubles) and numpy's function behind each.
MATH = {"exp": np.exp, "log2": np.log2, "log10": np.log10, "log1p": np.log1p,
        "expm1": np.expm1, "sign": np.sign, "trunc": np.trunc, "sqrt": np.sqrt,
        "floor": np.floor, "ceiling": np.ceil, "cos": np.cos, "sin": np.sin, "tan": np.tan,
        "acos": np.arccos, "asin": np.arcsin, "atan": np.arctan, "cosh": np.cosh,
        "sinh": np.sinh, "tanh": np.tanh}
(exp, log2, log10, log1p, expm1, sign, trunc, sqrt, floor, ceiling, cos, sin, tan, acos, asin,
 atan, cosh, sinh, tanh) = (_math_function(name, fn) for name, fn in MATH.items())


def atan2(y: Any, x: Any) -> RVector:
    """R's ``atan2(y, x)``, recycled."""
    return _binary_numeric(y, x, np.arctan2)


def _binary_numeric(a: Any, b: Any, fn: Callable) -> RVector:
    va, vb = _as_rvector(a), _as_rvector(b)
    n = builtins.max(va.values.size, vb.values.size) if va.values.size and vb.values.size else 0
    xa = _coerce(va._flat(), va.rtype, "double")
    xb = _coerce(vb._flat(), vb.rtype, "double")
    return RVector(fn(np.resize(xa, n), np.resize(xb, n)))


def _finite_test(name: str, test: Callable) -> Callable:
    def f(x: Any) -> RVector:
        v = _as_rvector(x)
        if v.rtype in ("double", "complex"):
            out = test(v.values)
        elif v.rtype == "character":
            out = np.zeros(v.values.shape, dtype=bool)
        else:
            out = (np.zeros(v.values.shape, dtype=bool) if name != "is.finite"
                   else ~_na_mask(v.values))
        return RVector(out, v.names)
    f.__name__ = f.__qualname__ = name.replace(".", "_")
    f.__doc__ = f"R's ``{name}(x)``, elementwise, keeping dims and names."
    return f


is_nan = _finite_test("is.nan", lambda v: np.isnan(v) & ~_na_mask(v))
is_finite = _finite_test("is.finite", np.isfinite)
is_infinite = _finite_test("is.infinite", np.isinf)
