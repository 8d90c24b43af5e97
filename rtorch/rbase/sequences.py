"""Building vectors: c(), seq(), rep(), matrix(), array(), vector(), cbind(), rbind().

Part of :mod:`rtorch.rbase` (see its docstring for the R semantics and porting rules).
"""
from __future__ import annotations

import builtins
import math

import sys

from typing import Any
import numpy as np

from .vectors import (  # noqa: F401
    NA, RVector, _DTYPE, _INT_MAX, _as_rvector, _coerce, _na_array, _top_type, _warn,
    as_integer)

# --------------------------------------------------------------------------------------
# Construction
# --------------------------------------------------------------------------------------

def _is_plain_number(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def _parts(x: Any, name: str | None, out: list[tuple[np.ndarray, str, list[str] | None]]) -> None:
    """Collect ``c()``'s pieces: flat values, R type and names."""
    if x is None:
        return
    if isinstance(x, (list, tuple)) and not builtins.all(_is_plain_number(v) for v in x):
        for item in x:
            _parts(item, name, out)
        return
    if isinstance(x, (list, tuple)):
        v = RVector(np.array(x, dtype=np.float64))
    else:
        v = _as_rvector(x)
    rtype = v.rtype
    names = v.names
    if name is not None:
        n = v.values.size
        names = ([f"{name}.{own}" for own in v.names] if v.names is not None
                 else [name] if n == 1 else [f"{name}{i + 1}" for i in range(n)])
    out.append((v._flat(), rtype, names))


def c(*args: Any, **named: Any) -> RVector | None:
    """R's ``c(...)``: concatenate (matrices column by column); ``c()`` is NULL (``None``).
    Named lists (dicts) concatenate into a named list, R's ``c(list(params = p), hparams)``."""
    if args and not named and builtins.all(_is_plain_number(a) for a in args):
        return RVector(np.array(args, dtype=np.float64))
    if args and isinstance(args[0], dict) and builtins.all(isinstance(a, dict) for a in args):
        return _c_named_lists(args, named)
    parts: list[tuple[np.ndarray, str, list[str] | None]] = []
    for a in args:
        _parts(a, None, parts)
    for key, a in named.items():
        _parts(a, key, parts)
    if not parts:
        return None
    rtype = _top_type(t for _, t, _ in parts)
    chunks = [_coerce(v, t, rtype) for v, t, _ in parts]
    names = None
    if builtins.any(nm is not None for _, _, nm in parts):
        names = [s for (v, _, nm) in parts for s in (nm if nm is not None else [""] * v.size)]
    return RVector(np.concatenate(chunks) if chunks else np.zeros(0, dtype=_DTYPE[rtype]), names)


def _c_named_lists(args: tuple, named: dict) -> Any:
    """``c()`` of R named lists: one named list, elements in order (R keeps a repeated name
    twice, which a Python mapping cannot: that is an error here)."""
    from ..named_list import NamedList
    out = NamedList()
    for part in (*args, named):
        for key, value in part.items():
            if key in out:
                raise ValueError(f"c() of named lists: the name '{key}' appears twice")
            dict.__setitem__(out, key, value)
    return out


def _number(x: Any, what: str) -> float:
    """A length-1 numeric argument as a float."""
    v = _as_rvector(x)
    if v.values.size < 1 or v.rtype == "character":
        raise ValueError(f"'{what}' must be a number")
    return float(_coerce(v._flat()[:1], v.rtype, "double")[0])


def _count(x: Any, what: str) -> int:
    """A length-1 non-negative size argument, truncated like R's ``as.integer``."""
    value = _number(x, what)
    if not math.isfinite(value) or value < 0:
        raise ValueError(f"invalid '{what}' argument")
    return int(value)


def _is_logint(x: Any) -> bool:
    """R's ``is.integer(x) || is.logical(x)`` for seq()'s type rules."""
    if isinstance(x, RVector):
        return x.rtype in ("integer", "logical")
    return isinstance(x, (bool, np.bool_, np.integer))


def seq_len(length_out: Any) -> RVector:
    """R's ``seq_len(n)``: the integer vector 1..n."""
    return RVector(np.arange(1, _count(length_out, "length.out") + 1, dtype=np.int64))


def seq_along(along_with: Any) -> RVector:
    """R's ``seq_along(x)``: the integer vector 1..length(x)."""
    return seq_len(_n_elements(along_with))


def _colon(start: float, end: float) -> RVector:
    """R's ``from:to``: integer when ``from`` is a whole number in R's integer range."""
    n = int(builtins.abs(end - start) + 1 + 1.1920929e-07)      # FLT_EPSILON
    step = 1 if start <= end else -1
    whole = start == int(start) and -_INT_MAX <= start <= _INT_MAX
    if whole and -_INT_MAX <= start + step * (n - 1) <= _INT_MAX:
        return RVector(int(start) + step * np.arange(n, dtype=np.int64))
    return RVector(start + step * np.arange(n, dtype=np.float64))


_MISSING: Any = object()


def seq(from_: Any = _MISSING, to: Any = _MISSING, by: Any = _MISSING,
        length_out: Any = None, along_with: Any = None, *, length: Any = None) -> RVector:
    """R's ``seq()`` (``seq.default``), including its integer/double rules.

    ``seq(1, 5)`` is R's ``1:5`` (integer); ``seq(0, 1, by = 0.1)`` and
    ``seq(0, 1, length_out = 11)`` are doubles; ``seq(5)`` is ``1:5``; ``seq(x)`` for a
    longer ``x`` is ``seq_along(x)``. ``length =`` is accepted for ``length_out =``.
    """
    if length_out is None:
        length_out = length
    given = [a is not _MISSING for a in (from_, to, by)] + [length_out is not None,
                                                            along_with is not None]
    one = builtins.sum(given) == 1
    if one and from_ is not _MISSING:
        f = _as_rvector(from_)
        if f.values.size == 1 and f.rtype in ("integer", "double"):
            return _colon(1.0, _number(f, "from"))
        return seq_len(f.values.size)
    intn1 = False
    if along_with is not None:
        length_out = _n_elements(along_with)
        if one:
            return seq_len(length_out)
        intn1 = True
    elif length_out is not None:
        intn1 = _is_logint(length_out)
        length_out = math.ceil(_number(length_out, "length.out"))
    for value, what in ((from_, "from"), (to, "to")):
        if value is not _MISSING and not math.isfinite(_number(value, what)):
            raise ValueError(f"'{what}' must be a finite number")
    if length_out is None:
        if by is _MISSING:
            start = 1.0 if from_ is _MISSING else _number(from_, "from")
            return _colon(start, 1.0 if to is _MISSING else _number(to, "to"))
        return _seq_by(1.0 if from_ is _MISSING else from_, 1.0 if to is _MISSING else to, by)
    return _seq_length(from_, to, by, length_out, intn1, one)


def _seq_by(from_: Any, to: Any, by: Any) -> RVector:
    """``seq(from, to, by = )``."""
    f, t, b = _number(from_, "from"), _number(to, "to"), _number(by, "by")
    delta = t - f
    if delta == 0 and t == 0:
        return _as_rvector(to)
    n = delta / b if b != 0 else math.copysign(math.inf, delta) if delta else math.nan
    if not math.isfinite(n):
        if b == 0 and delta == 0:
            return _as_rvector(from_)
        raise ValueError("invalid '(to - from)/by' in seq(.)")
    if n < 0:
        raise ValueError("wrong sign in 'by' argument")
    scale = builtins.max(builtins.abs(t), builtins.abs(f))
    if builtins.abs(delta) / scale < 100 * sys.float_info.epsilon:
        return _as_rvector(from_)
    if _is_logint(from_) and _is_logint(to):
        return _seq_int(0, int(n)) * by + from_
    out = from_ + _seq_int(0, int(n + 1e-10)) * by
    bound = np.minimum if b > 0 else np.maximum
    return RVector(bound(out.values, t)) if out.rtype == "double" else out


def _seq_int(start: int, end: int) -> RVector:
    """R's ``start:end`` for whole numbers (an integer vector, either direction)."""
    return _colon(float(start), float(end))


def _seq_length(from_: Any, to: Any, by: Any, n: int, intn1: bool, one: bool) -> RVector:
    """``seq()`` with ``length.out``."""
    if n < 0:
        raise ValueError("'length.out' must be a non-negative number")
    if n == 0:
        return integer(0)
    if one:
        return seq_len(n)
    if by is _MISSING:
        return _seq_length_spread(from_, to, n, intn1)
    if to is _MISSING:
        return (1.0 if from_ is _MISSING else from_) + _seq_int(0, n - 1) * by
    if from_ is _MISSING:
        return to - _seq_int(n - 1, 0) * by
    raise ValueError("too many arguments")


def _seq_length_spread(from_: Any, to: Any, n: int, intn1: bool) -> RVector:
    """``seq(from, to, length.out = n)`` (R computes ``by = (to - from)/(n - 1)``)."""
    if to is _MISSING:
        start = 1.0 if from_ is _MISSING else from_
        end = start + (n - 1)
        intdel = intn1 and _is_logint(start) and _number(end, "to") <= _INT_MAX
        end = as_integer(end) if intdel else end
    else:
        end, intdel = to, _is_logint(to)
    if from_ is _MISSING:
        start = end - (n - 1)
        intdel = intdel and intn1 and _number(start, "from") >= -_INT_MAX
        start = as_integer(start) if intdel else start
    else:
        start = from_
        intdel = intdel and _is_logint(start)
    if n <= 2:
        return c(start, end)[seq_len(n)]
    f, t = _number(start, "from"), _number(end, "to")
    if f == t:
        return rep(start, n)
    n1 = n - 1
    if intdel and intn1 and f % n1 == t % n1:
        step = as_integer(t // n1 - f // n1)
        return c(start, start + seq_len(n1 - 1) * step, end)
    return c(start, start + seq_len(n - 2) * ((t - f) / n1), end)


def rep(x: Any, times: Any = 1, each: Any = 1, length_out: Any = None) -> RVector:
    """R's ``rep(x, times, each, length.out)``; ``times`` may give one count per element."""
    v = _as_rvector(x)
    k = _count(each, "each")
    flat = np.repeat(v._flat(), k)
    names = None if v.names is None else [nm for nm in v.names for _ in range(k)]
    if length_out is not None:
        n = _count(length_out, "length.out")
        idx = np.resize(np.arange(flat.size), n) if flat.size else np.zeros(0, dtype=np.int64)
    else:
        counts = _as_rvector(times)._flat()
        if counts.size == 1:
            idx = np.tile(np.arange(flat.size), _count(counts[0], "times"))
        elif counts.size == flat.size:
            idx = np.repeat(np.arange(flat.size), [_count(k, "times") for k in counts.tolist()])
        else:
            raise ValueError("invalid 'times' argument")
    return RVector(flat[idx], None if names is None else [names[i] for i in idx.tolist()])


def rep_len(x: Any, length_out: Any) -> RVector:
    """R's ``rep_len(x, length.out)``."""
    return rep(x, length_out=length_out)


def _fill(data: Any, size: int) -> np.ndarray:
    """``data`` recycled to ``size`` elements (NA when ``data`` is empty)."""
    v = _as_rvector(data)
    flat = v._flat()
    if flat.size == 0:
        return _na_array(v.rtype, size)
    return np.resize(flat, size)


def matrix(data: Any = NA, nrow: Any = None, ncol: Any = None, byrow: bool = False,
           dimnames: Any = None) -> RVector:
    """R's ``matrix(data, nrow, ncol, byrow = FALSE, dimnames = NULL)``: column-major fill,
    recycling ``data``; ``dimnames`` is accepted and not kept (no dimnames here: the matrix
    prints ``[1,]``, ``[,1]``)."""
    n = _as_rvector(data).values.size
    if nrow is None and ncol is None:
        nr, nc = n, 1
    elif ncol is None:
        nr = _count(nrow, "nrow")
        nc = math.ceil(n / nr) if nr else 0
    elif nrow is None:
        nc = _count(ncol, "ncol")
        nr = math.ceil(n / nc) if nc else 0
    else:
        nr, nc = _count(nrow, "nrow"), _count(ncol, "ncol")
    if n > 1 and nr * nc % n:
        if (n > nr and n % nr) or (n < nr and nr % n):
            _warn(f"data length [{n}] is not a sub-multiple or multiple of the number "
                          f"of rows [{nr}]")
        elif (n > nc and n % nc) or (n < nc and nc % n):
            _warn(f"data length [{n}] is not a sub-multiple or multiple of the number "
                          f"of columns [{nc}]")
        else:
            _warn(f"data length differs from size of matrix: [{n} != {nr} x {nc}]")
    values = _fill(data, nr * nc)
    return RVector(values.reshape((nr, nc)) if byrow else values.reshape((nr, nc), order="F"))


def array(data: Any = NA, dim: Any = None) -> RVector:
    """R's ``array(data, dim)``: column-major fill, recycling ``data``."""
    shape = ((_as_rvector(data).values.size,) if dim is None
             else tuple(_count(d, "dim") for d in _as_rvector(dim).tolist()))
    values = _fill(data, math.prod(shape))
    return RVector(values.reshape(shape, order="F"))


def vector(mode: str = "logical", length: Any = 0) -> Any:
    """R's ``vector(mode, length)``: zeros, FALSE or "" (``mode = "list"`` gives a list of None)."""
    n = _count(length, "length")
    if mode == "list":
        return [None] * n
    rtype = {"numeric": "double"}.get(mode, mode)
    if rtype not in _DTYPE:
        raise ValueError(f"vector: cannot make a vector of mode '{mode}'.")
    return RVector(np.full(n, "", dtype=object) if rtype == "character"
                   else np.zeros(n, dtype=_DTYPE[rtype]))


def numeric(length: Any = 0) -> RVector:
    """R's ``numeric(n)``: ``n`` zeros (double)."""
    return vector("double", length)


def integer(length: Any = 0) -> RVector:
    """R's ``integer(n)``: ``n`` integer zeros."""
    return vector("integer", length)


def logical(length: Any = 0) -> RVector:
    """R's ``logical(n)``: ``n`` FALSEs."""
    return vector("logical", length)


def character(length: Any = 0) -> RVector:
    """R's ``character(n)``: ``n`` empty strings."""
    return vector("character", length)


def _bind(args: tuple, by_column: bool) -> RVector | None:
    """``cbind`` (``by_column``) / ``rbind``: vectors become columns (rows) recycled to fit."""
    pieces = [_as_rvector(a) for a in args if a is not None]
    pieces = [p for p in pieces if p.values.ndim == 2 or p.values.size > 0]
    if not pieces:
        return None
    what = "rows" if by_column else "columns"
    mats = [p.values if by_column else p.values.T for p in pieces if p.values.ndim == 2]
    n = mats[0].shape[0] if mats else builtins.max(p.values.size for p in pieces)
    rtype = _top_type(p.rtype for p in pieces)
    cols = []
    for p in pieces:
        if p.values.ndim == 2:
            m = p.values if by_column else p.values.T
            if m.shape[0] != n:
                raise ValueError(f"number of {what} of matrices must match")
            cols.append(_coerce(m, p.rtype, rtype))
        else:
            if n % p.values.size:
                _warn(f"number of {what} of result is not a multiple of vector length")
            cols.append(_coerce(np.resize(p._flat(), n), p.rtype, rtype)[:, None])
    out = np.concatenate(cols, axis=1)
    return RVector(out if by_column else out.T)


def cbind(*args: Any, **named: Any) -> RVector | None:
    """R's ``cbind(...)``: vectors and matrices side by side; named arguments
    (``cbind(a = x)``) bind in their order, without R's column names (no dimnames here)."""
    return _bind(args + tuple(named.values()), True)


def rbind(*args: Any, **named: Any) -> RVector | None:
    """R's ``rbind(...)``: vectors and matrices stacked; named arguments bind in their
    order, without R's row names (no dimnames here)."""
    return _bind(args + tuple(named.values()), False)


# names defined by later modules of the package, used at call time
from .sets import _n_elements, dim, length, names, ncol, nrow  # noqa: E402,F401
