"""R's ``[`` and ``[<-`` on tensors, translated to PyTorch indexing.

======================================  ============================================
R (rtorch spelling)                     meaning
======================================  ============================================
``x[2]``, ``x[-1]``                     element 2, the last one; the dim is dropped
``x[2:4]``, ``x[slc(2, 4)]``            2, 3, 4 (both ends included); dim kept
``x[3:1]``, ``x[-1:-3]``                R's ``3:1``: 3, 2, 1 (a descending range counts down)
``x[m]`` (a numeric matrix/array)       indexes dim 1, keeps the index's shape
``x[c(2)]``                             a length-1 R vector is a scalar (dim dropped)
``x[1:10:2]``, ``x[5:N]``, ``x[5:]``    steps; ``N`` and an open end go to the end
``x[-3:-1]``                            the last three
``x[:, 2]``                             a missing index is a full slice
``x[1, :, drop(False)]``                keep the dims scalars would drop
``x[c(1, 3), c(1, 3)]``                 vectors select per dim (R's outer rule)
``x[x > 0]``, ``x[c(True, False)]``     masks
``x[None]``, ``x[newaxis]``, ``x[...]`` new axis, fill the remaining dims
======================================  ============================================

Index 0 is an error that says indexing starts at 1; out-of-range indices are
reported 1-based. An index object is never modified.
"""
from __future__ import annotations

import sys

import numpy as np
import torch

from .dims import whole
from .errors import translated
from .input_checks import check_na_index
from .na import LOGICAL_NA, NA_INT
from .tensor import Tensor
from .values import scalar_or_tensor

#: R's ``N``: "to the end" in a slice (``x[5:N]``).
N = sys.maxsize
#: R's ``newaxis`` (``None`` works too).
newaxis = None

ZERO_MESSAGE = "Indexing in R is 1-based and found a 0."
ZERO_TENSOR_MESSAGE = "Indexing starts at 1 but found a 0."


class drop:
    """``drop(False)`` inside ``[ ]`` is R's ``drop = FALSE``: scalar indices keep their dim."""

    __slots__ = ("value",)

    def __init__(self, value: bool = True):
        self.value = bool(value)

    def __repr__(self) -> str:
        return f"drop({self.value})"


def slc(start, end, step: int = 1) -> slice:
    """R's ``slc(start, end, step)``: the slice ``start:end:step``, both ends included."""
    return slice(start, end, step)


_FULL = slice(None)


def _descending(s: slice) -> bool:
    """R's ``a:b`` with ``a > b`` (same sign, no step) counts down (``3:1`` is 3, 2, 1)."""
    a, b = s.start, s.stop
    return (s.step is None and isinstance(a, (int, np.integer)) and isinstance(b, (int, np.integer))
            and a > b and (b > 0 or a < 0))


def _countdown(s: slice, size: int, dim: int, device) -> torch.Tensor:
    """The positions of a descending ``a:b`` as a 0-based long index (range-checked)."""
    a, b = int(s.start), int(s.stop)
    return torch.tensor([_scalar(i, size, dim) for i in range(a, b - 1, -1)],
                        dtype=torch.int64, device=device)


def _slice(s: slice) -> slice:
    start, end, step = s.start, s.stop, s.step
    if step is None:
        if start is None and end is None:           # R's missing index
            return _FULL
        if type(start) is int and type(end) is int and 0 < start <= end:
            return slice(start - 1, end)            # the common a:b
    step = 1 if s.step is None else whole(s.step, "step")
    if step < 0:
        raise ValueError("step must be greater than zero")
    if step == 0:
        raise ValueError("slice step cannot be zero")
    start = s.start
    if start is not None:
        start = whole(start, "start")
        if start == 0:
            raise IndexError(ZERO_MESSAGE)
        start = start - 1 if start > 0 else start
    end = s.stop
    if end is not None:
        end = end if end == float("inf") else whole(end, "end")
        if end == -1 or end == float("inf") or end >= N:
            end = None
        elif end < -1:
            end = end + 1
    return slice(start, end, None if step == 1 else step)


def _scalar(i: int, size: int, dim: int) -> int:
    if i > 0:
        if i > size:
            raise IndexError(f"index {i} is out of bounds for dimension {dim + 1} with size {size}")
        return i - 1
    if i == 0:
        raise IndexError(ZERO_MESSAGE)
    if -i > size:
        raise IndexError(f"index {i} is out of bounds for dimension {dim + 1} with size {size}")
    return i


def _long_index(t: torch.Tensor, size: int | None, dim: int) -> torch.Tensor:
    """A tensor of 1-based positions (negatives from the end) -> 0-based, range-checked."""
    if t.numel():
        lo, hi = torch.aminmax(t)
        lo, hi = int(lo), int(hi)
        if lo == 0 or hi == 0 or (lo < 0 < hi and bool((t == 0).any())):
            raise IndexError(ZERO_TENSOR_MESSAGE)
        if size is not None:
            for v in (lo, hi):
                if v > size or -v > size:
                    raise IndexError(f"index {v} is out of bounds for dimension {dim + 1} with size {size}")
    return torch.where(t > 0, t - 1, t)


_SMALL = 64


def _vector(v, size: int | None, dim: int, device) -> torch.Tensor:
    """An R vector index (RVector, numpy array, list) -> 0-based long or bool tensor,
    checked on the host (no device round trip)."""
    arr = np.asarray(v)
    kind = arr.dtype.kind
    if kind == "b":
        return torch.from_numpy(np.ascontiguousarray(arr)).to(device)
    if kind not in "iuf":
        raise TypeError("Unsupported index.")
    if arr.ndim > 1:                                # a numeric matrix/array: a long tensor
        return _long_index(torch.from_numpy(_whole_array(arr)).to(device), size, dim)
    if arr.size <= _SMALL:                          # small vectors: plain Python is faster
        vals = arr.reshape(-1).tolist()
        out = []
        for x in vals:
            if x != int(x):
                raise TypeError("Only long and boolean tensors are supported.")
            out.append(_scalar(int(x), size, dim) if size is not None else
                       (int(x) - 1 if x > 0 else _nonzero(int(x))))
        return torch.tensor(out, dtype=torch.int64, device=device)
    if kind == "f" and not np.all(arr == np.trunc(arr)):
        raise TypeError("Only long and boolean tensors are supported.")
    arr = arr.astype(np.int64).reshape(-1)
    if not arr.all():
        raise IndexError(ZERO_MESSAGE)
    if size is not None:
        for x in (int(arr.min()), int(arr.max())):
            if x > size or -x > size:
                raise IndexError(f"index {x} is out of bounds for dimension {dim + 1} with size {size}")
    return torch.from_numpy(np.where(arr > 0, arr - 1, arr)).to(device)


def _whole_array(arr: np.ndarray) -> np.ndarray:
    if arr.dtype.kind == "f" and not np.all(arr == np.trunc(arr)):
        raise TypeError("Only long and boolean tensors are supported.")
    return np.ascontiguousarray(arr.astype(np.int64))


def _r_scalar(e):
    """A length-1 numeric R vector (no dims) as the int R sees (``c(2)`` is ``2``), R's single
    logical NA as the full slice R torch makes it, else None."""
    arr = getattr(e, "values", None)                # an RVector's data, without a copy
    if not isinstance(arr, np.ndarray):
        if type(e) is Tensor or isinstance(e, (torch.Tensor, str, bytes, dict, set)) \
                or not hasattr(e, "__array__") and not isinstance(e, (list, tuple)):
            return None
        arr = np.asarray(e)
    if arr.dtype is LOGICAL_NA:                     # a logical holding NA: a single NA is
        return slice(None) if arr.size == 1 else None   # R torch's empty subscript, all
    if arr.size != 1 or arr.ndim > 1 or arr.dtype.kind not in "iuf":
        return None
    if arr.dtype.kind == "f" and np.isnan(arr).any() or arr.dtype == np.int64 and arr.min() == NA_INT:
        return None                                 # NA: the vector path says so
    return whole(arr.reshape(-1)[0].item(), "index")


def _nonzero(i: int) -> int:
    if i == 0:
        raise IndexError(ZERO_MESSAGE)
    return i


def _items(t: torch.Tensor, index) -> tuple[list, bool]:
    """Translate each element of an R index to a PyTorch index element.

    Returns the list (ints, slices, None, Ellipsis, 0-based long tensors, bool masks)
    and whether R's ``drop = FALSE`` was given."""
    if type(index) is not tuple:
        index = (index,)
    keep = False
    elems = []
    for e in index:
        if type(e) is drop:
            keep = not e.value
        else:
            elems.append(e)
    consumed = sum(map(_consumes, elems)) if any(e is Ellipsis for e in elems) else 0
    out: list = []
    dim = 0
    shape = t.shape
    for e in elems:
        tp = type(e)
        if tp is not int and tp is not slice and e is not None and e is not Ellipsis \
                and tp is not Tensor:
            r = _r_scalar(e)
            if r is not None:
                e, tp = r, type(r)
        if tp is int or tp is float or isinstance(e, (np.integer, np.floating)) and not isinstance(e, np.bool_):
            out.append(_scalar(whole(e, "index"), shape[dim] if dim < len(shape) else 0, dim)
                       if dim < len(shape) else _too_many(t))
            if keep:
                out.append(None)
            dim += 1
        elif tp is slice:
            if _descending(e):
                if dim >= len(shape):
                    _too_many(t)
                out.append(_countdown(e, shape[dim], dim, t.device))
            else:
                out.append(_slice(e))
            dim += 1
        elif e is None:
            out.append(None)
        elif e is Ellipsis:
            out.append(Ellipsis)
            dim += t.dim() - consumed
        else:
            if tp is Tensor:
                e = e._t
            if isinstance(e, torch.Tensor):
                if e.dtype is torch.bool:
                    out.append(e)
                    dim += max(e.dim(), 1)
                    continue
                if e.dtype.is_floating_point or e.dtype.is_complex or e.dtype is not torch.int64:
                    raise TypeError("Only long and boolean tensors are supported.")
                size = shape[dim] if dim < len(shape) else None
                out.append(_long_index(e.to(t.device), size, dim))
                dim += 1
                continue
            if isinstance(e, (bool, np.bool_)):
                out.append(torch.tensor([bool(e)], device=t.device))
                dim += 1
                continue
            if isinstance(e, (str, dict, set)):
                raise TypeError("Unsupported index.")
            try:
                v = _vector(e, shape[dim] if dim < len(shape) else None, dim, t.device)
            except (TypeError, ValueError, IndexError):
                check_na_index(e, dim)           # NA among the indices: say so
                raise
            out.append(v)
            dim += max(v.dim(), 1) if v.dtype is torch.bool else 1
    if dim > t.dim():
        _too_many(t)
    return out, keep


def _consumes(e) -> int:
    """How many dims of the indexed tensor one R index element uses (a k-dim mask uses k)."""
    if e is None or e is Ellipsis:
        return 0
    if type(e) is Tensor:
        e = e._t
    if isinstance(e, torch.Tensor):
        return max(e.dim(), 1) if e.dtype is torch.bool else 1
    if hasattr(e, "__array__"):
        a = np.asarray(e)
        return max(a.ndim, 1) if a.dtype.kind == "b" else 1
    return 1


def _too_many(t: torch.Tensor):
    raise IndexError(f"too many indices for tensor of dimension {t.dim()}")


def _is_advanced(e) -> bool:
    return isinstance(e, torch.Tensor)


def getitem(t: torch.Tensor, index) -> torch.Tensor:
    """``t[index]`` with R semantics (see the module docstring)."""
    tp = type(index)
    if tp is int:                                   # fast path: one scalar
        if not t.dim():
            _too_many(t)
        return t[_scalar(index, t.shape[0], 0)]
    if tp is slice and not _descending(index):
        return t[_slice(index)]
    if tp is not tuple and tp is not Tensor and hasattr(index, "__array__") \
            and not isinstance(index, torch.Tensor) and t.dim():   # fast path: one R vector
        r = _r_scalar(index)
        if type(r) is slice:                        # a single logical NA: all of t
            return t[r]
        if r is not None:                           # c(2) is 2: the dim is dropped
            return t[_scalar(r, t.shape[0], 0)]
        try:
            v = _vector(index, t.shape[0], 0, t.device)
        except (TypeError, ValueError, IndexError):
            check_na_index(index, 0)                # NA among the indices: say so
            raise
        try:
            return t[v]
        except IndexError as e:                     # a mask of the wrong shape
            raise translated(e) from None
    if tp is tuple and len(index) <= t.dim():       # fast path: scalars and slices only
        shape = t.shape
        out = []
        for d, e in enumerate(index):
            te = type(e)
            if te is int:
                out.append(_scalar(e, shape[d], d))
            elif te is slice and not _descending(e):
                out.append(_slice(e))
            else:
                break
        else:
            while out and out[-1] is _FULL:         # x[i, :] is x[i]: PyTorch's fastest path
                out.pop()
            return t[out[0]] if len(out) == 1 else t[tuple(out)]
    items, _ = _items(t, index)
    try:
        if sum(map(_is_advanced, items)) <= 1:
            return t[tuple(items)]
        return _outer_get(t, items)
    except (IndexError, RuntimeError) as e:
        raise translated(e) from None


def _dims_used(e) -> int:
    """How many dims of the indexed tensor one translated index element uses."""
    if e is None or e is Ellipsis:
        return 0
    if isinstance(e, torch.Tensor) and e.dtype is torch.bool:
        return max(e.dim(), 1)
    return 1


def _expand_ellipsis(t: torch.Tensor, items: list) -> list:
    k = next((i for i, e in enumerate(items) if e is Ellipsis), None)
    if k is None:
        return items
    fill = t.dim() - sum(map(_dims_used, items))
    return items[:k] + [slice(None)] * fill + items[k + 1:]


def _outer_get(t: torch.Tensor, items: list) -> torch.Tensor:
    """Several vector indices: R selects per dimension; apply them one after the other."""
    items = _expand_ellipsis(t, items)
    result = t
    produced = 0            # dims of the result already final
    chunk: list = []
    for e in items:
        chunk.append(e)
        if _is_advanced(e):
            result = result[tuple([slice(None)] * produced + chunk)]
            produced += sum(_produces(x) for x in chunk)
            chunk = []
    if chunk:
        result = result[tuple([slice(None)] * produced + chunk)]
    return result


def _produces(e) -> int:
    """How many dims of the result one translated index element makes."""
    if type(e) is int or isinstance(e, torch.Tensor) and e.dim() == 0 and e.dtype is not torch.bool:
        return 0
    return 1


def setitem(t: torch.Tensor, index, value) -> None:
    """``t[index] = value`` with R semantics, in place."""
    if type(value) is Tensor:
        value = value._t
    elif not isinstance(value, torch.Tensor):
        value = scalar_or_tensor(value, t.device)
        if value is NotImplemented or value is None:
            raise TypeError("rhs must be a torch_tensor or scalar value.")
    if isinstance(value, torch.Tensor) and value.dtype != t.dtype:
        value = value.to(t.dtype)
    items, keep = _items(t, index)
    if keep:
        items = [e for e in items if e is not None]
    try:
        if sum(map(_is_advanced, items)) <= 1:
            t[tuple(items)] = value
        else:
            _outer_set(t, items, value)
    except (IndexError, RuntimeError) as e:
        raise translated(e) from None


def _outer_set(t: torch.Tensor, items: list, value) -> None:
    """Several vector indices in an assignment: every selected combination (R's outer rule),
    written with broadcast index tensors through PyTorch's ``index_put_``."""
    items = [e for e in _expand_ellipsis(t, items) if e is not None]
    items += [slice(None)] * (t.dim() - sum(map(_dims_used, items)))
    axes: list[list[torch.Tensor]] = []     # index tensors per result axis
    scalars: dict[int, torch.Tensor] = {}   # position in the index -> 0-d index
    order: list[tuple[str, int]] = []
    dim = 0
    for e in items:
        if type(e) is int:
            order.append(("scalar", len(scalars)))
            scalars[len(scalars)] = torch.tensor(e, device=t.device)
            dim += 1
            continue
        if type(e) is slice:
            group = [torch.arange(t.shape[dim], device=t.device)[e]]
        elif e.dtype is torch.bool:
            group = list(e.nonzero(as_tuple=True)) if e.dim() else [torch.arange(int(e), device=t.device)]
        else:
            group = [e.reshape(-1)]
        dim += _dims_used(e)
        order.append(("axis", len(axes)))
        axes.append(group)
    k = len(axes)
    index: list[torch.Tensor] = []
    for kind, i in order:
        if kind == "scalar":
            index.append(scalars[i])
            continue
        shape = [1] * k
        shape[i] = -1
        index.extend(x.reshape(shape) for x in axes[i])
    if not isinstance(value, torch.Tensor):
        value = torch.tensor(value, dtype=t.dtype, device=t.device)
    t.index_put_(tuple(index), value)


# -- R's ``x[...]`` and ``x[...] <- value`` on rtorch's Tensor -------------------------------
_new = object.__new__


def _simple(e):
    """A positive position or a step-less slice of positive positions, 0-based (R's ``a:b``
    includes ``b``); None for anything else."""
    te = type(e)
    if te is int:
        return e - 1 if e > 0 else None
    if te is slice and e.step is None:
        a, b = e.start, e.stop
        if type(a) is int and type(b) is int and 0 < a <= b:
            return slice(a - 1, b)
    return None


def tensor_getitem(self: Tensor, index) -> Tensor:
    """R's ``x[index]`` (``Tensor.__getitem__``): fast paths for one position, ``m[i, j]``,
    ``m[a:b, c:d]`` and a row ``m[i, ]``; everything else through :func:`getitem`."""
    t = self._t
    r = _new(Tensor)
    if type(index) is tuple and len(index) == 2:
        a, b = index
        if type(b) is slice and b == _FULL and t.dim() > 1:
            index = a                            # x[i, :] (a row) is x[i]
        else:                                    # fast path: m[i, j], m[a:b, c:d]
            a, b = _simple(a), _simple(b)
            if a is not None and b is not None:
                try:
                    r._t = t[a, b]
                    return r
                except IndexError:               # the general path says why
                    pass
    if type(index) is int and index:             # fast path: one position (-1: the last)
        try:
            r._t = t[index - 1 if index > 0 else index]
            return r
        except IndexError:                       # out of range or 0-d: the general path
            pass                                 # says why, in 1-based terms
    r._t = getitem(t, index)
    return r


def tensor_setitem(self: Tensor, index, value) -> None:
    """R's ``x[index] <- value`` (``Tensor.__setitem__``)."""
    setitem(self._t, index, value)


Tensor.__getitem__ = tensor_getitem
Tensor.__setitem__ = tensor_setitem
