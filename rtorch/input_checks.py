"""Checks on what a user hands to rtorch, so that no wrong input gives a silent wrong answer.

PyTorch takes some R inputs without complaint and answers wrongly (a 64-bit NA integer, a
double too large for an ``Int`` tensor, a 0-based ``axis =``), or rejects them with a message in
0-based or internal terms (``index out of range in self``, ``at entry 0``). The functions here
are called at those few places; each error names the argument, counts from 1 and says what to
write instead. Nothing here is on a hot path: the checks run on conversion of R data, on a
data pipeline's construction, or after PyTorch has already failed.

* R's ``NA_integer_`` (rtorch stores it as the int64 minimum) becomes ``-2147483648`` in a
  tensor, as in R torch (R's own NA integer bit pattern); logical NA (pandas nullable
  booleans) is ``TRUE``; double NA is ``NaN``.
* a value outside an integer dtype's range (``torch_tensor(1e10, dtype = torch_int())``) is an
  error naming the value and the range (PyTorch would wrap it around).
* pandas text columns, ragged lists: an error naming the column or the element.
* ``axis =``: an error pointing to R's 1-based ``dim =``.
"""
from __future__ import annotations

import re
from typing import Any

import numpy as np
import torch

from .na import NA_INT as _NA_INT64

__all__ = ["r_integer_na", "check_integer_range", "text_column_error", "ragged_error",
           "axis_error", "embedding_index_error", "add_hint", "whole_count", "positive_count",
           "check_na_index"]

#: what R torch puts in a tensor for R's NA integer (rtorch's: the int64 minimum, ``NA_INT``)
R_NA_INTEGER = int(np.iinfo(np.int32).min)


def r_integer_na(arr: np.ndarray) -> np.ndarray:
    """An int64 array with R's NA integers as R torch stores them (``-2147483648``)."""
    if arr.dtype == np.int64 and arr.size and (arr == _NA_INT64).any():
        arr = np.where(arr == _NA_INT64, R_NA_INTEGER, arr)
    return arr


def _r_number(v: float) -> str:
    """A number as R prints it in a message: fixed or scientific, whichever is shorter
    (``1e+10``, ``3``, ``2.5``, ``123456``)."""
    v = float(v)
    if v != v:
        return "NaN"
    fixed = str(int(v)) if v.is_integer() and abs(v) < 1e300 else repr(v)
    mant, exp = f"{v:.15e}".split("e")
    mant = mant.rstrip("0").rstrip(".")
    e = int(exp)
    sci = f"{mant}e{'-' if e < 0 else '+'}{abs(e):02d}"
    return fixed if len(fixed) <= len(sci) else sci


def r_show(x: Any) -> str:
    """A value as R would show it in a message: ``TRUE``, ``"a"``, ``NA``, ``2.5``."""
    if isinstance(x, (bool, np.bool_)):
        return "TRUE" if x else "FALSE"
    if isinstance(x, str):
        return '"' + x + '"'
    if hasattr(x, "rtype") and hasattr(x, "values") and np.size(x.values) == 1:
        text = str(x).strip()
        return text[4:] if text.startswith("[1] ") else text
    if isinstance(x, (int, float, np.number)):
        return _r_number(float(x))
    return repr(x)


def check_integer_range(data: Any, dtype: torch.dtype | None) -> None:
    """An error when ``data`` holds a value that the integer ``dtype`` cannot hold (PyTorch
    would wrap it around); also NaN into an integer dtype. No-op for other dtypes."""
    if dtype is None or dtype.is_floating_point or dtype.is_complex or dtype is torch.bool:
        return
    if isinstance(data, torch.Tensor):
        if data.dtype.is_complex or data.dtype is torch.bool or not data.numel():
            return
        lo, hi = torch.aminmax(data.detach().double()) if data.dtype.is_floating_point else \
            torch.aminmax(data.detach())
        lo, hi, has_nan = float(lo), float(hi), bool(torch.isnan(data).any()) \
            if data.dtype.is_floating_point else False
    else:
        try:
            arr = np.asarray(data)
            if arr.dtype.kind not in "biuf":
                return
            arr = r_integer_na(arr).astype(np.float64)
        except (TypeError, ValueError):
            return
        if not arr.size:
            return
        has_nan = bool(np.isnan(arr).any())
        finite = arr[~np.isnan(arr)]
        if not finite.size:
            lo = hi = 0.0
        else:
            lo, hi = float(finite.min()), float(finite.max())
    from .dtypes import scalar_type_name
    name = scalar_type_name(dtype)
    if has_nan:
        raise ValueError(f"torch_tensor(): `data` has NA/NaN, which a {name} tensor cannot "
                         f"hold; use a floating dtype or remove the missing values first")
    info = torch.iinfo(dtype)
    bad = lo if lo < info.min else hi if hi > info.max else None
    if bad is not None:
        raise ValueError(f"torch_tensor(): value {_r_number(bad)} in `data` is out of range for "
                         f"dtype {name} ({info.min} to {info.max}); use a wider dtype "
                         f"({'torch_double()' if info.bits == 64 else 'torch_long()'})")


def text_column_error(name: Any, position: int | None, dtype: Any) -> TypeError:
    """The error for a pandas text / object column given to ``torch_tensor()``."""
    where = "`data`" if position is None else f"column {position} (`{name}`) of `data`"
    return TypeError(
        f"torch_tensor(): {where} holds text ({dtype}), which a tensor cannot hold. As in R, "
        f"convert it first: as_numeric() for numbers stored as text, or make it a factor "
        f"(pandas 'category' dtype: codes 1, 2, ...).")


def ragged_error(data: Any) -> ValueError:
    """The error for a list whose elements have different lengths (``list(c(1, 2), 3)``)."""
    lengths = []
    for x in data:
        try:
            lengths.append(len(x))
        except TypeError:
            lengths.append(1)
    first = lengths[0]
    j = next((k for k, n in enumerate(lengths) if n != first), 1)
    return ValueError(
        f"torch_tensor(): the elements of `data` have different lengths (element 1 has "
        f"{first}, element {j + 1} has {lengths[j]}); a tensor needs equal lengths: pad them, "
        f"or keep them as a list of tensors")


def axis_error(axis: Any) -> TypeError:
    """``axis =`` (NumPy's and PyTorch's 0-based name) is refused: R torch calls it ``dim``."""
    try:
        hint = f" (`axis = {int(axis)}` counts from 0: write `dim = {int(axis) + 1}`)"
    except (TypeError, ValueError):
        hint = ""
    return TypeError(f"unused argument `axis`: R torch's argument is `dim`, counted from 1{hint}")


def embedding_index_error(input: torch.Tensor, rows: int, layer: str = "nn_embedding") -> IndexError:
    """The error for an embedding lookup outside the table; ``input`` is 0-based (what PyTorch
    got), the message 1-based (what the user wrote)."""
    bad = input[(input >= rows) | (input < 0)]
    i = int(bad.flatten()[0]) if bad.numel() else None
    if i is None:
        return IndexError(f"index out of range for {layer} with {rows} rows")
    shown = i + 1 if i >= 0 else i
    return IndexError(f"index {shown} is out of range for {layer} with {rows} rows "
                      f"(indices count from 1 to {rows})")


#: hints added to PyTorch messages that otherwise leave a user guessing
_HINTS: list[tuple[re.Pattern, str]] = [
    (re.compile(r"Target -?\d+ is out of bounds"),
     "`target` holds classes counted from 1 to the number of classes (R's factor codes)"),
    (re.compile(r"^index out of range in self"),
     "an index is below 1 or above the size of the dimension it indexes"),
]


def add_hint(msg: str) -> str:
    """``msg`` with a hint appended when it matches one of :data:`_HINTS`."""
    for pattern, hint in _HINTS:
        if pattern.search(msg) and hint not in msg:
            return f"{msg} ({hint})"
    return msg


def whole_count(x: Any, what: str, fn: str = "", minimum: int = 0) -> int:
    """A whole number ``>= minimum`` given for the argument ``what`` of the function ``fn``
    (R's error otherwise)."""
    try:
        return _whole_count(x, what, minimum)
    except (TypeError, ValueError) as e:
        if not fn:
            raise
        raise type(e)(f"{fn}(): {e}") from None


def _whole_count(x: Any, what: str, minimum: int) -> int:
    if isinstance(x, (bool, np.bool_)) or isinstance(x, (str, bytes)):
        raise TypeError(f"`{what}` must be a whole number, not {r_show(x)}")
    if hasattr(x, "__len__") and not isinstance(x, torch.Tensor):
        if len(x) != 1:
            raise TypeError(f"`{what}` must be a single whole number, got {len(x)} values")
        x = np.asarray(x).reshape(-1)[0]
    try:
        v = float(x)
    except (TypeError, ValueError):
        raise TypeError(f"`{what}` must be a whole number, not {r_show(x)}") from None
    if v != v or not v.is_integer():
        raise ValueError(f"`{what}` must be a whole number, not {_r_number(v)}")
    if v < minimum:
        raise ValueError(f"`{what}` must be {'positive' if minimum == 1 else f'>= {minimum}'}, "
                         f"not {_r_number(v)}")
    return int(v)


def positive_count(x: Any, what: str, fn: str = "") -> int:
    """A whole number ``>= 1`` given for the argument ``what`` of ``fn``."""
    return whole_count(x, what, fn, 1)


def check_na_index(index: Any, dim: int) -> None:
    """An error when the R index vector ``index`` (for dim ``dim``, 0-based) holds NA: R
    torch has no missing index (PyTorch would fail on NaN or read R's NA integer as a huge
    negative position)."""
    try:
        arr = np.asarray(index)
    except (TypeError, ValueError):
        return
    if arr.dtype.kind == "f":
        na = np.isnan(arr)
    elif arr.dtype == np.int64:
        na = arr == _NA_INT64
    else:
        return
    if na.any():
        k = int(np.flatnonzero(na.reshape(-1))[0]) + 1
        raise IndexError(f"the index for dimension {dim + 1} is NA at position {k}: a tensor "
                         f"cannot be indexed with missing values; drop them first "
                         f"(`i[!is.na(i)]`)")


#: functions whose ``dim`` R requires (PyTorch would pick one implicitly, 0-based, and warn)
DIM_REQUIRED = frozenset({"softmax", "softmin", "log_softmax"})


def _missing_dim(fn: str) -> TypeError:
    return TypeError(f'{fn}(): argument "dim" is missing, with no default: give the dimension '
                     f'to normalize over, counted from 1 (`dim = 2` normalizes each row of a matrix)')


def require_dim(f: Any, fn: str) -> Any:
    """``f`` (an ``nnf_`` function ``(input, dim, ...)``) refusing a call without ``dim``, as
    R's ``nnf_softmax()``, ``nnf_softmin()`` and ``nnf_log_softmax()`` do."""
    def g(*args: Any, **kwargs: Any) -> Any:
        if len(args) < 2 and kwargs.get("dim") is None:
            raise _missing_dim(fn)
        if not args and "input" not in kwargs:  # x >> nnf_softmax(dim = 2)
            from .pipes import Stage
            return Stage(g, args, kwargs, f"{fn}()")
        return f(*args, **kwargs)
    g.__name__ = g.__qualname__ = fn
    g.__doc__ = f.__doc__
    if hasattr(f, "__signature__"):
        g.__signature__ = f.__signature__
    return g


def require_dim_arg(fn: str) -> Any:
    """An ``nn_`` layer's argument check: ``dim`` given (R's ``nn_softmax(dim)``)."""
    def check(args: dict) -> dict:
        if args.get("dim") is None:
            raise _missing_dim(fn)
        return args
    return check


def at_least(v: Any, what: str, minimum: int = 1) -> Any:
    """``v`` (an ``int`` or a list of them) unchanged when every value is ``>= minimum``;
    else an error naming the argument (``size``, ``top`` of an image transform: 1-based)."""
    for x in v if isinstance(v, list) else [v]:
        if x is not None and x < minimum:
            raise ValueError(f"`{what}` must be {minimum} or more"
                             f"{' (rows and columns count from 1)' if minimum == 1 else ''}, "
                             f"not {x}")
    return v
