"""Shape, selection and sets: length, dim, names, head, unique, match, which, sort, order.

Part of :mod:`rtorch.rbase` (see its docstring for the R semantics and porting rules).
"""
from __future__ import annotations

import builtins
import math

from typing import Any, Callable
import numpy as np

from .vectors import (  # noqa: F401
    NA_INT, RVector, _as_rvector, _as_type, _coerce, _na_array, _na_mask, _top_type, _true)
from . import frames
from .sequences import c, logical  # noqa: F401

# --------------------------------------------------------------------------------------
# Shape, selection and sets
# --------------------------------------------------------------------------------------

def _n_elements(x: Any) -> int:
    if isinstance(x, (RVector, np.ndarray)):
        return int(np.size(x.values if isinstance(x, RVector) else x))
    if x is None:
        return 0
    if isinstance(x, (bool, int, float, complex, str, np.generic)):
        return 1
    if hasattr(x, "numel"):
        return int(x.numel())
    return len(x) if hasattr(x, "__len__") else 1


def length(x: Any) -> RVector:
    """R's ``length(x)``: the number of elements, as an integer vector."""
    return RVector(np.array([_n_elements(x)], dtype=np.int64))


def dim(x: Any) -> RVector | None:
    """R's ``dim(x)``: an integer vector for matrices/arrays (and shaped objects), else NULL."""
    if isinstance(x, np.ndarray):
        x = RVector(x)
    if isinstance(x, RVector):
        shape = x.values.shape if x.values.ndim > 1 else None
    else:
        shape = getattr(x, "shape", None)
    return None if shape is None else RVector(np.array(tuple(shape), dtype=np.int64))


def _dim_at(x: Any, i: int) -> RVector | None:
    d = dim(x)
    return None if d is None or d.values.size <= i else d[i + 1]


def nrow(x: Any) -> RVector | None:
    """R's ``nrow(x)``: ``dim(x)[1]`` (NULL for a plain vector)."""
    return _dim_at(x, 0)


def ncol(x: Any) -> RVector | None:
    """R's ``ncol(x)``: ``dim(x)[2]`` (NULL for a plain vector)."""
    return _dim_at(x, 1)


def names(x: Any) -> RVector | None:
    """R's ``names(x)`` (NULL when there are none). Set them with ``x.names = [...]``."""
    if isinstance(x, tuple):          # named results (PyTorch's return types): their fields
        nm = getattr(type(x), "__match_args__", None) or getattr(type(x), "_fields", None)
    else:
        nm = getattr(x, "names", None) if isinstance(x, RVector) else None
    return None if nm is None else RVector(np.array(nm, dtype=object))


def _plain(x: Any) -> RVector:
    """``x`` as a plain vector (R's ``as.vector``), names kept."""
    v = _as_rvector(x)
    return v if v.values.ndim == 1 else RVector(v._flat())


def rev(x: Any) -> RVector:
    """R's ``rev(x)``: the elements in reverse order (dims dropped); a list reversed (a named
    list keeps its names)."""
    if isinstance(x, (list, tuple, dict)):
        return _list_part(x, lambda items: items[::-1])
    v = _plain(x)
    return RVector(v.values[::-1].copy(), None if v.names is None else v.names[::-1])


def _list_part(x: Any, pick: Callable) -> Any:
    """Part of a list, as the same kind of list (a named list keeps its names)."""
    if isinstance(x, dict):
        return type(x)(pick(list(dict.items(x)))) if type(x) is not dict else dict(
            pick(list(x.items())))
    return type(x)(pick(list(x)))


def _edge(x: Any, n: Any, first: bool) -> RVector:
    if isinstance(x, (list, tuple, dict)):
        total, k = len(x), int(n)
        k = builtins.min(k, total) if k >= 0 else builtins.max(total + k, 0)
        return _list_part(x, (lambda items: items[:k]) if first else
                          (lambda items: items[total - k:]))
    v = _as_rvector(x)
    total = v.values.shape[0] if v.values.ndim > 1 else v.values.size
    k = int(n)
    k = builtins.min(k, total) if k >= 0 else builtins.max(total + k, 0)
    rows = np.arange(k) if first else np.arange(total - k, total)
    if v.values.ndim > 1:
        return RVector(v.values[rows])
    return RVector(v.values[rows], None if v.names is None else [v.names[i] for i in rows.tolist()])


def head(x: Any, n: Any = 6) -> RVector:
    """R's ``head(x, n = 6)``: the first ``n`` elements (rows of a matrix); negative ``n``
    drops the last ``-n``."""
    return _edge(x, n, True)


def tail(x: Any, n: Any = 6) -> RVector:
    """R's ``tail(x, n = 6)``: the last ``n`` elements (rows, renumbered from 1)."""
    return _edge(x, n, False)


def _key(value: Any, na: bool) -> Any:
    """A hashable key under which equal R values (and all NaNs, all NAs) meet."""
    if na:
        return ("NA",)
    if isinstance(value, float) and math.isnan(value):
        return ("NaN",)
    return value


def _keys(v: RVector, values: np.ndarray | None = None) -> list:
    flat = v._flat() if values is None else values
    return [_key(x, m) for x, m in zip(flat.tolist(), _na_mask(flat).tolist())]


def _first_positions(keys: list) -> list[int]:
    seen: dict = {}
    for i, k in enumerate(keys):
        seen.setdefault(k, i)
    return list(seen.values())


def unique(x: Any) -> RVector:
    """R's ``unique(x)``: first occurrences in order (unique rows of a matrix; a factor stays
    a factor with its levels)."""
    if hasattr(x, "_r_labels") and isinstance(x, RVector):
        codes = x._flat()
        keep = np.array(_first_positions(codes.tolist()), dtype=np.int64)
        return x[RVector(keep + 1)]
    v = _as_rvector(x)
    if v.values.ndim == 2:
        rows = [tuple(_keys(RVector(r))) for r in v.values]
        return RVector(v.values[_first_positions(rows)])
    flat = v._flat()
    return RVector(flat[np.array(_first_positions(_keys(v)), dtype=np.int64)])


def _match_positions(x: RVector, table: RVector) -> np.ndarray:
    rtype = _top_type((x.rtype, table.rtype))
    lookup: dict = {}
    for i, k in enumerate(_keys(table, _coerce(table._flat(), table.rtype, rtype))):
        lookup.setdefault(k, i)
    keys = _keys(x, _coerce(x._flat(), x.rtype, rtype))
    return np.array([lookup.get(k, -1) for k in keys], dtype=np.int64)


def match(x: Any, table: Any) -> RVector:
    """R's ``match(x, table)``: 1-based position of each ``x`` in ``table``, NA if absent."""
    pos = _match_positions(_as_rvector(x), _as_rvector(table))
    return RVector(np.where(pos >= 0, pos + 1, NA_INT))


def is_element(el: Any, table: Any) -> RVector:
    """R's ``is.element(el, table)`` (``el %in% table``)."""
    return RVector(_match_positions(_as_rvector(el), _as_rvector(table)) >= 0)


def _set_result(x: Any, keep: Callable[[np.ndarray], np.ndarray]) -> RVector:
    u = RVector(_plain(x)._flat())
    uniq = unique(u)
    return uniq[keep(uniq)] if uniq.values.size else uniq


def union(x: Any, y: Any) -> RVector:
    """R's ``union(x, y)``: ``unique(c(x, y))``."""
    both = c(RVector(_plain(x)._flat()), RVector(_plain(y)._flat()))
    return unique(both) if both is not None else logical(0)


def intersect(x: Any, y: Any) -> RVector:
    """R's ``intersect(x, y)``: unique elements of ``x`` also in ``y``, in ``x``'s order
    (of the common type of ``x`` and ``y``)."""
    table = _as_rvector(y)
    found = _set_result(x, lambda u: RVector(_match_positions(u, table) >= 0))
    return _as_type(found, _top_type((found.rtype, table.rtype)))


def setdiff(x: Any, y: Any) -> RVector:
    """R's ``setdiff(x, y)``: unique elements of ``x`` not in ``y``, in ``x``'s order."""
    table = _as_rvector(y)
    return _set_result(x, lambda u: RVector(_match_positions(u, table) < 0))


def which(x: Any) -> RVector:
    """R's ``which(x)``: 1-based positions of the TRUE elements (column-major)."""
    v = _as_rvector(x)
    if v.rtype != "logical":
        raise TypeError("argument to 'which' is not logical")
    pos = np.flatnonzero(_true(v._flat()))              # NA is not TRUE
    return RVector(pos + 1, None if v.names is None else [v.names[i] for i in pos.tolist()])


def _sort_key(v: RVector) -> list:
    flat = v._flat()
    if v.rtype == "complex":
        return list(zip(flat.real.tolist(), flat.imag.tolist()))
    return flat.tolist()


def rank(x: Any, na_last: Any = True, ties_method: str = "average") -> RVector:
    """R's ``rank(x, na.last = TRUE, ties.method = "average")``: 1-based ranks, ties given
    their mean rank (a double) or ``"first"``, ``"min"``, ``"max"`` (integers); NA ranked
    last (``na_last = "keep"``: NA's rank is NA); names kept."""
    if na_last is not True and na_last != "keep":
        raise ValueError('rank(): na.last = TRUE or "keep" only')
    v = _plain(x)
    n = v.values.size
    perm = order(v).values - 1
    out = np.zeros(n, dtype=np.float64)
    keys = _sort_key(v)
    missing = is_na(v).values.reshape(-1, order="F")
    i = 0
    while i < n:
        j = i
        while j + 1 < n and not missing[perm[j + 1]] and not missing[perm[i]] and \
                keys[perm[j + 1]] == keys[perm[i]]:
            j += 1
        ranks = np.arange(i + 1, j + 2, dtype=np.float64)
        fill = {"average": np.full(j - i + 1, ranks.mean()), "first": ranks,
                "min": np.full(j - i + 1, float(i + 1)), "max": np.full(j - i + 1, float(j + 1))}
        if ties_method not in fill:
            raise ValueError(f"rank(): ties.method \"{ties_method}\" is not one of "
                             "\"average\", \"first\", \"min\", \"max\"")
        out[perm[i:j + 1]] = fill[ties_method]
        i = j + 1
    values = out if ties_method == "average" else out.astype(np.int64)
    if na_last == "keep" and missing.any():
        values[missing] = _na_array("double" if ties_method == "average" else "integer", 1)[0]
    return RVector(values, v.names)


def order(*args: Any, decreasing: bool = False) -> RVector:
    """R's ``order(...)``: the 1-based permutation that sorts (ties by later keys, stable);
    NA and NaN go last."""
    vectors = [_plain(a) for a in args]
    n = vectors[0].values.size
    columns = []
    for v in vectors:
        missing = is_na(v).values.tolist()
        columns.append(list(zip(missing, _sort_key(v))))

    def key(i: int) -> tuple:
        return tuple((m, _Reversed(val) if decreasing and not m else val)
                     for m, val in (col[i] for col in columns))

    perm = sorted(range(n), key=key)
    return RVector(np.array(perm, dtype=np.int64) + 1)


class _Reversed:
    """Sorts in the opposite order (for ``decreasing = TRUE`` on any comparable value)."""

    __slots__ = ("value",)

    def __init__(self, value: Any) -> None:
        self.value = value

    def __lt__(self, other: _Reversed) -> bool:
        return other.value < self.value

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Reversed) and other.value == self.value


def sort(x: Any, decreasing: bool = False) -> RVector:
    """R's ``sort(x)``: sorted values with NA and NaN removed (names follow)."""
    v = _plain(x)
    kept = v[~is_na(v)] if v.values.size else v
    return kept[order(kept, decreasing=decreasing)] if kept.values.size else kept


def _cumulative(x: Any, fn: Callable, rtype_of: Callable[[str], str]) -> RVector:
    v = _plain(x)
    if v.rtype == "character":
        raise TypeError("non-numeric argument")
    rtype = rtype_of(v.rtype)
    values = _coerce(v.values, v.rtype, rtype)
    na = np.maximum.accumulate(_na_mask(values)) if values.size else _na_mask(values)
    out = fn(np.where(na, 0, values) if rtype == "integer" else values)
    if na.any():
        out[na] = _na_array(rtype, 1)[0]
    return RVector(out, v.names)


def cumsum(x: Any) -> RVector:
    """R's ``cumsum(x)`` (integer for integer and logical input)."""
    return _cumulative(x, np.cumsum, lambda t: "integer" if t == "logical" else t)


def cumprod(x: Any) -> RVector:
    """R's ``cumprod(x)`` (always double, or complex)."""
    return _cumulative(x, np.cumprod, lambda t: "complex" if t == "complex" else "double")


def is_na(x: Any) -> RVector:
    """R's ``is.na(x)``: TRUE for NA and NaN, keeping dims and names; of a data frame, the
    logical matrix of its columns."""
    frame = frames.columns(x)
    if frame is not None:
        cols = [is_na(c).values.reshape(-1) for c in frame[0]]
        return RVector(np.column_stack(cols) if cols else np.zeros((0, 0), dtype=bool))
    v = _as_rvector(x)
    values = v.values
    mask = _na_mask(values)
    if values.dtype.kind in "fc":
        mask = mask | np.isnan(values)
    return RVector(mask, v.names)
