"""R's atomic vectors: types, NA, the RVector class, coercion, subscripts, constants and as.*/is.*.

Part of :mod:`rtorch.rbase` (see its docstring for the R semantics and porting rules).
"""
from __future__ import annotations

import builtins
import math

import sys
import warnings
from typing import Any, Iterable, Iterator, Sequence
import numpy as np


# --------------------------------------------------------------------------------------
# R types and NA
# --------------------------------------------------------------------------------------

#: R's atomic types from lowest to highest (``c()`` and arithmetic promote upwards).
TYPES = ("logical", "integer", "double", "complex", "character")
_RANK = {t: i for i, t in enumerate(TYPES)}
_DTYPE = {"logical": np.bool_, "integer": np.int64, "double": np.float64,
          "complex": np.complex128, "character": object}
_KIND_TYPE = {"b": "logical", "i": "integer", "f": "double", "c": "complex", "O": "character"}
_EMPTY = {"logical": "logical(0)", "integer": "integer(0)", "double": "numeric(0)",
          "complex": "complex(0)", "character": "character(0)"}

from ..na import NA_INT, NA_LGL, LOGICAL_NA as _LGL_NA  # noqa: E402  (how R's NAs are stored)
_NA_PAYLOAD = 1954                                   # R marks its NA NaN with this low word
NA_DOUBLE = float(np.array([0x7FF8000000000000 | _NA_PAYLOAD], dtype=np.uint64).view(np.float64)[0])
_INT_MAX = 2**31 - 1                                 # R's integers are 32-bit: ``:`` checks this
_WIDTH = 80                                          # getOption("width")
_DIGITS = 7                                          # getOption("digits")

def _warn(message: str) -> None:
    """R's ``warning()``, attributed to the first caller outside this module."""
    frame, level = sys._getframe(1), 2
    while frame is not None and frame.f_globals.get("__name__", "").startswith(__package__):
        frame, level = frame.f_back, level + 1
    warnings.warn(message, stacklevel=level)



def _rtype_of(values: np.ndarray) -> str:
    """The R type of a normalized values array (int8 is a logical holding NA)."""
    return "logical" if values.dtype is _LGL_NA else _KIND_TYPE[values.dtype.kind]


def _logical(truth: np.ndarray, na: np.ndarray) -> np.ndarray:
    """A logical values array: ``truth`` (bool) with NA where ``na``."""
    if not na.any():
        return np.asarray(truth, dtype=bool)
    out = np.asarray(truth, dtype=np.int8).copy()
    out[na] = NA_LGL
    return out


def _true(values: np.ndarray) -> np.ndarray:
    """Where a logical values array is TRUE (not NA)."""
    return values == 1 if values.dtype is _LGL_NA else values


def _na_mask(values: np.ndarray) -> np.ndarray:
    """Where ``values`` hold R's NA (not NaN)."""
    kind = values.dtype.kind
    if values.dtype is _LGL_NA:
        return values == NA_LGL
    if kind == "f":
        bits = np.ascontiguousarray(values).view(np.uint64)
        return np.isnan(values) & ((bits & 0xFFFFFFFF) == _NA_PAYLOAD)
    if kind == "c":
        return _na_mask(np.ascontiguousarray(values.real))
    if kind == "i":
        return values == NA_INT
    if kind == "O":
        return np.frompyfunc(lambda v: v is None, 1, 1)(values).astype(bool)
    return np.zeros(values.shape, dtype=bool)


def _na_array(rtype: str, size: int) -> np.ndarray:
    """``size`` NAs of one R type."""
    if rtype == "logical":
        return np.full(size, NA_LGL, dtype=np.int8) if size else np.zeros(0, dtype=bool)
    fill = {"integer": NA_INT, "double": NA_DOUBLE, "complex": complex(NA_DOUBLE, 0.0),
            "character": None}[rtype]
    return np.full(size, fill, dtype=_DTYPE[rtype])


# --------------------------------------------------------------------------------------
# The vector class
# --------------------------------------------------------------------------------------

def _normalize(values: Any) -> np.ndarray:
    """Any array-like -> a numpy array of one of R's five dtypes, at least 1-D."""
    arr = values.values if isinstance(values, RVector) else np.asarray(values)
    kind = arr.dtype.kind
    if kind == "f":
        arr = arr.astype(np.float64, copy=False)
    elif arr.dtype == np.int8 and np.isin(arr, (0, 1, NA_LGL)).all():
        if not (arr == NA_LGL).any():                    # a logical vector (NA or not)
            arr = arr.astype(bool)
    elif kind in "iu":
        arr = arr.astype(np.int64, copy=False)
    elif kind == "c":
        arr = arr.astype(np.complex128, copy=False)
    elif kind in "US":
        arr = arr.astype(str).astype(object)
    elif kind == "O":
        arr = _infer_objects(arr)
    elif kind != "b":
        raise TypeError(f"numpy dtype {arr.dtype} has no R type")
    return arr.reshape(1) if arr.ndim == 0 else arr


def _infer_objects(arr: np.ndarray) -> np.ndarray:
    items = arr.ravel().tolist()
    if builtins.all(v is None or isinstance(v, str) for v in items):
        return arr
    typed = np.asarray(items)
    if typed.dtype.kind == "O":
        raise TypeError("cannot make an R vector from a mixed object array")
    return _normalize(typed).reshape(arr.shape)


class RVector:
    """An R atomic vector, matrix or array (see the module docstring)."""

    __slots__ = ("values", "names")

    def __init__(self, values: Any, names: Sequence[str] | None = None) -> None:
        self.values: np.ndarray = _normalize(values)
        if names is not None:
            names = [str(n) for n in names]
            if len(names) != self.values.size:
                raise ValueError(f"'names' attribute [{len(names)}] must be the same length "
                                 f"as the vector [{self.values.size}]")
        self.names: list[str] | None = names

    # ---- what it is ------------------------------------------------------------------
    @property
    def rtype(self) -> str:
        """R's ``typeof()``: logical, integer, double, complex or character."""
        return _rtype_of(self.values)

    @property
    def shape(self) -> tuple[int, ...]:
        return self.values.shape

    @property
    def ndim(self) -> int:
        return self.values.ndim

    def _flat(self) -> np.ndarray:
        """The elements in R's (column-major) order; a view for plain vectors."""
        return self.values.reshape(-1, order="F")

    def copy(self) -> RVector:
        return RVector(self.values.copy(), self.names)

    def __fspath__(self) -> str:
        """A file path, as R takes one: a single string (``open(files[1])`` works)."""
        if self.rtype != "character" or self.values.size != 1 or self.values.flat[0] is None:
            raise TypeError("a file path must be a single string (a character vector of "
                            f"length 1), not a {self.rtype} vector of length {self.values.size}")
        return str(self.values.flat[0])

    def tolist(self) -> list:
        """The elements as Python scalars, in R's order (NA -> ``None``; NaN stays NaN)."""
        flat = self._flat()
        items = flat.tolist()
        if flat.dtype is _LGL_NA:
            return [None if v == NA_LGL else bool(v) for v in items]
        if self.rtype in ("integer", "double", "complex"):
            for i in np.flatnonzero(_na_mask(flat)):
                items[i] = None
        return items

    # ---- Python protocols --------------------------------------------------------------
    def __len__(self) -> int:
        return self.values.size

    def __iter__(self) -> Iterator[Any]:
        return iter(self.tolist())

    def __reversed__(self) -> Iterator[Any]:
        return iter(self.tolist()[::-1])

    def __array__(self, dtype: Any = None, copy: bool | None = None) -> np.ndarray:
        """``.values`` as numpy and PyTorch see them: a logical NA is TRUE there, as R torch
        makes it (R stores it as a non-zero integer)."""
        values = self.values
        if values.dtype is _LGL_NA:
            values = values != 0
        out = values if dtype is None else values.astype(dtype)
        return out.copy() if copy else out

    def __dlpack__(self, *args: Any, **kwargs: Any) -> Any:
        """DLPack export of ``.values``: ``torch.tensor(x)`` / ``torch.as_tensor(x)`` see the
        array (PyTorch would otherwise walk ``x`` as a 0-based sequence)."""
        return self.__array__().__dlpack__(*args, **kwargs)

    def __dlpack_device__(self) -> tuple[int, int]:
        return self.values.__dlpack_device__()

    def __array_ufunc__(self, ufunc: np.ufunc, method: str, *inputs: Any, **kwargs: Any) -> Any:
        if method == "__call__" and not kwargs and len(inputs) == 2 and ufunc in _UFUNC_OPS:
            return _binary(_UFUNC_OPS[ufunc], *inputs)
        if "out" in kwargs:
            return NotImplemented
        raw = [(_coerce(x.values, "logical", "double") if x.values.dtype is _LGL_NA else x.values)
               if isinstance(x, RVector) else x for x in inputs]
        result = getattr(ufunc, method)(*raw, **kwargs)
        return _wrap_numpy(result, self.names if method == "__call__" else None)

    def _one(self, what: str) -> Any:
        if self.values.size != 1:
            raise TypeError(f"only a length-1 vector converts to {what} "
                            f"(this one has length {self.values.size})")
        values = self.values
        value = values.reshape(-1)[0].item() if values.dtype.kind != "O" else \
            values.reshape(-1)[0]
        if value is None or _na_mask(values).any():
            raise ValueError(f"cannot convert NA to {what}")
        return bool(value) if values.dtype is _LGL_NA else value

    def __float__(self) -> float:
        return float(self._one("float"))

    def __int__(self) -> int:
        return int(self._one("int"))

    def __complex__(self) -> complex:
        return complex(self._one("complex"))

    def __index__(self) -> int:
        value = self._one("an index")
        if isinstance(value, float) and value.is_integer():
            return int(value)
        if isinstance(value, (bool, int)):
            return int(value)
        raise TypeError(f"{value!r} is not a whole number")

    def __bool__(self) -> bool:
        n = self.values.size
        if n != 1:
            raise ValueError("argument is of length zero" if n == 0 else
                             "the condition has length > 1")
        if _na_mask(self.values).any():
            raise ValueError("missing value where TRUE/FALSE needed")
        if self.rtype == "character":
            return bool(as_logical(self))
        return bool(self.values.reshape(-1)[0])

    def __round__(self, ndigits: int | None = None) -> RVector:
        return _round(self, 0 if ndigits is None else ndigits)

    def __hash__(self) -> int:
        """A length-1 vector hashes as its value, so it is a dict key (``globals()[x]``) that
        finds the entry made with the plain value (``==`` is elementwise, as in R)."""
        return hash(self._one("a dict key"))

    def __format__(self, spec: str) -> str:
        """f-strings and ``format()``: a length-1 vector formats as its value (``f"{x:.2f}"``);
        with no spec, as R's ``as.character`` writes it (``f"{sqrt(2)}"`` is ``1.4142135623731``,
        as ``paste0`` gives); a longer vector with no spec as ``paste(x, collapse = " ")``."""
        if spec:
            return format(self._one("a formatted value"), spec)
        texts = ["NA" if t is None else t for t in _to_character(self._flat(), self.rtype).tolist()]
        return " ".join(texts)

    # ---- unary operators ---------------------------------------------------------------
    def __neg__(self) -> RVector:
        return _unary(self, np.negative)

    def __pos__(self) -> RVector:
        return _unary(self, np.positive)

    def __abs__(self) -> RVector:
        return _unary(self, np.abs)

    def __invert__(self) -> RVector:
        """R's ``!x``."""
        if self.rtype == "character":
            raise TypeError("invalid argument type")
        values = _coerce(self.values, self.rtype, "logical")
        return RVector(_logical(~_true(values), _na_mask(values)), self.names)

    # ---- indexing ------------------------------------------------------------------------
    def __getitem__(self, key: Any) -> RVector:
        key, keep_dims = _split_drop(key)
        if isinstance(key, tuple) and len(key) == 1:
            key = key[0]
        if isinstance(key, tuple):
            return self._subset_dims(_dim_positions(key, self.values.shape), not keep_dims)
        if _is_coordinate_matrix(key, self.values.ndim):
            return self._subset_coords(key)
        out = self._subset_flat(key)
        return _character_result(out) if out.values.dtype.kind == "O" else out

    def _subset_flat(self, key: Any) -> RVector:
        flat = self._flat()
        n = flat.size
        pos = _positions(key, n, self.names)
        inside = pos < n
        if inside.all():
            values = flat[pos]
        else:                                # past the end, or an NA subscript: NA
            values = _na_array(self.rtype, pos.size)
            values[inside] = flat[pos[inside]]
        names = None
        if self.names is not None:
            names = [self.names[p] if p < n else "<NA>" for p in pos.tolist()]
        return RVector(values, names)

    def _subset_dims(self, pos: list[np.ndarray], drop: bool) -> RVector:
        sub = self.values[np.ix_(*pos)]
        if drop:
            kept = [d for d in sub.shape if d != 1]
            sub = sub.reshape(-1, order="F") if len(kept) <= 1 else sub.reshape(kept, order="F")
        return RVector(sub)

    def _subset_coords(self, key: RVector) -> RVector:
        coords = _coordinate_positions(key, self.values.shape)
        return RVector(self.values[coords])

    def __setitem__(self, key: Any, value: Any) -> None:
        key, _ = _split_drop(key)
        if isinstance(key, tuple) and len(key) == 1:
            key = key[0]
        new = _as_rvector(value)
        target = _top_type((self.rtype, new.rtype))
        if target != self.rtype:
            self.values = _coerce(self.values, self.rtype, target)
        if isinstance(key, tuple):
            pos = _dim_positions(key, self.values.shape)
            shape = tuple(p.size for p in pos)
            fill = _replacement(new, target, math.prod(shape))
            self.values[np.ix_(*pos)] = fill.reshape(shape, order="F")
        elif _is_coordinate_matrix(key, self.values.ndim):
            coords = _coordinate_positions(key, self.values.shape)
            self.values[coords] = _replacement(new, target, coords[0].size)
        else:
            self._assign_flat(key, _coerce(new._flat(), new.rtype, target))

    def _assign_flat(self, key: Any, new: np.ndarray) -> None:
        flat = self._flat()
        n = flat.size
        if isinstance(key, RVector) and key.values.dtype is _LGL_NA and new.size > 1:
            raise IndexError("NAs are not allowed in subscripted assignments")
        pos = _positions(key, n, self.names)
        fill = _recycle_replacement(new, pos.size)
        if pos.size and pos.max() >= n:
            if self.values.ndim > 1:
                raise IndexError("subscript out of bounds")
            grown = np.concatenate([flat, _na_array(self.rtype, int(pos.max()) + 1 - n)])
            if self.names is not None:
                self.names = self.names + [""] * (grown.size - n)
            flat = grown
        flat[pos] = fill
        self.values = flat.reshape(self.values.shape if flat.size == n else flat.shape, order="F")

    # ---- printing ------------------------------------------------------------------------
    def _lines(self, digits: int) -> list[str]:
        v = self.values
        if v.ndim == 1:
            return _vector_lines(v, self.rtype, digits, self.names)
        if v.ndim == 2:
            return _matrix_lines(v, self.rtype, digits)
        return _array_lines(v, self.rtype, digits)

    def __repr__(self) -> str:
        return "\n".join(self._lines(_DIGITS))

    def __str__(self) -> str:
        """``str(x)``: what R prints, except that a length-1 character vector is the string
        itself (``str(paste0("nn_", act))`` is ``"nn_relu"``)."""
        if self.values.size == 1 and self.values.dtype.kind == "O" and self.names is None:
            value = self.values.reshape(-1)[0]
            if value is not None:
                return value
        return self.__repr__()

    def print(self, digits: int | None = None) -> RVector:
        """R's ``print(x, digits = )``; returns ``x`` (invisibly, in R)."""
        sys.stdout.write("\n".join(self._lines(_DIGITS if digits is None else int(digits))) + "\n")
        return self

    def str(self) -> str:
        """R's ``str(x)`` line, e.g. `` int [1:5] 1 2 3 4 5``."""
        return _str_line(self)


class RString(str):
    """A length-1 R character vector that is also a Python ``str``: what R's string functions
    (``paste0``, ``sprintf``, ``tolower``, ``sub`` ...) return when the answer has length 1, so
    it works as an attribute name (``getattr(obj, paste0("nn_", act))``), a dict key, a path or
    a format argument, and every Python library that takes a string (``glob``, ``re``,
    ``pathlib``) sees one. R's ways stay where they cannot be taken for Python's: ``repr()``
    is R's ``[1] "x"``, ``length(x)`` is 1, an R vector subscript indexes it as R does
    (``x[c(1)]``, ``x[seq(1, 1)]``); a Python ``int`` or slice indexes its characters and
    iteration gives them, as for any ``str`` (``len()`` is R's ``nchar``)."""

    __slots__ = ()

    @property
    def values(self) -> np.ndarray:
        """The R vector's data: a one-element object array."""
        return np.array([str(self)], dtype=object)

    names = None
    rtype = "character"

    def as_vector(self) -> RVector:
        """This string as a plain :class:`RVector`."""
        return RVector(self.values)

    def __getattr__(self, name: str) -> Any:
        """The rest of :class:`RVector`'s interface (``tolist()``, ``copy()``, ``str()`` ...)."""
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(self.as_vector(), name)

    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, (int, slice)):             # Python's: the characters
            return str.__getitem__(self, key)
        return _character_result(self.as_vector()[key])

    def __repr__(self) -> str:
        return repr(self.as_vector())

    def print(self, digits: int | None = None) -> RString:
        """R's ``print(x)``."""
        self.as_vector().print(digits)
        return self

    def __array__(self, dtype: Any = None, copy: Any = None) -> np.ndarray:
        return self.values if dtype is None else self.values.astype(dtype)


def _character_result(x: Any) -> Any:
    """An R character vector of length 1 with no names or dims as an :class:`RString`, any
    other value unchanged."""
    if (type(x) is RVector and x.values.shape == (1,) and x.values.dtype.kind == "O"
            and x.names is None):
        value = x.values[0]
        if value is not None:
            return RString(value)
    return x


def _wrap_numpy(result: Any, names: list[str] | None) -> Any:
    """A numpy result (array, scalar or tuple of them) as RVectors."""
    if isinstance(result, tuple):
        return tuple(_wrap_numpy(r, names) for r in result)
    if isinstance(result, (np.ndarray, np.generic)):
        out = RVector(result)
        if names is not None and len(names) == out.values.size:
            out.names = names
        return out
    return result


# --------------------------------------------------------------------------------------
# Conversion of Python values and type coercion
# --------------------------------------------------------------------------------------

def _tensor_values(x: Any) -> np.ndarray:
    """A tensor-like (``detach``/``cpu``) as numpy, without importing any tensor library."""
    t = x.detach().cpu()
    try:
        return np.asarray(t)
    except (TypeError, RuntimeError):        # e.g. bfloat16 has no numpy dtype
        return np.asarray(t.float())


def _as_rvector(x: Any) -> RVector:
    """Any R-like value -> RVector (a Python int/float is an R double, a bool a logical)."""
    if isinstance(x, RVector):
        return x
    if x is None:
        return RVector(np.zeros(0, dtype=bool))
    if isinstance(x, (bool, np.bool_)):
        return RVector(np.array([bool(x)]))
    if hasattr(x, "__fspath__") and not isinstance(x, str):     # a path is a character string
        return RVector(np.array([str(x.__fspath__())], dtype=object))
    if isinstance(x, (int, float)):
        return RVector(np.array([float(x)]))
    if isinstance(x, complex):
        return RVector(np.array([x]))
    if isinstance(x, str):
        return RVector(np.array([x], dtype=object))
    if isinstance(x, (np.ndarray, np.generic)):
        return RVector(x)
    if isinstance(x, (list, tuple, range)) and not hasattr(x, "__array__"):
        out = c(*x)
        return out if out is not None else RVector(np.zeros(0, dtype=bool))
    if hasattr(x, "detach") and hasattr(x, "cpu"):
        return RVector(_tensor_values(x))
    if hasattr(x, "__array__"):
        return RVector(np.asarray(x))
    raise TypeError(f"an object of type '{type(x).__name__}' is not an R vector")


def _top_type(types: Iterable[str]) -> str:
    return builtins.max(types, key=_RANK.__getitem__, default="logical")


def _coerce(values: np.ndarray, src: str, dst: str) -> np.ndarray:
    """Values of R type ``src`` as R type ``dst`` (same shape), NA kept as NA."""
    if src == dst:
        return values
    if dst == "character":
        return _to_character(values, src)
    if src == "character":
        return _from_character(values, dst)
    na = _na_mask(values)
    if dst == "logical":
        if src in ("double", "complex"):            # NaN is NA as a logical, as in R
            na = na | np.isnan(values)
        return _logical(values != 0, na)
    elif dst == "integer":
        with np.errstate(invalid="ignore"):
            real = values.real if src == "complex" else values
            bad = na | ~np.isfinite(real) | (np.abs(real) >= 2.0**63) if src != "logical" else na
            whole = np.trunc(real) if real.dtype.kind == "f" else real
            out = np.where(bad, 0, whole).astype(np.int64)
        na = bad
    elif dst == "double":
        out = (values.real if src == "complex" else values).astype(np.float64)
    else:
        out = values.astype(np.complex128)
    if na.any():
        out[na] = _na_array(dst, 1)[0]
    return out


def _to_character(values: np.ndarray, src: str) -> np.ndarray:
    flat = values.reshape(-1, order="F")
    na = _na_mask(flat)
    if src == "double":
        texts = [_format_reals(np.array([v]), 15)[0][0] for v in flat.tolist()]
    elif src == "logical":
        texts = ["TRUE" if v else "FALSE" for v in flat.tolist()]
    elif src == "complex":
        texts = [_complex_cells(np.array([v]), 15)[0][0] for v in flat.tolist()]
    else:
        texts = [str(v) for v in flat.tolist()]
    out = np.array([None if m else t for t, m in zip(texts, na.tolist())] or [], dtype=object)
    return out.reshape(values.shape, order="F")


_TRUE_TEXT = {"TRUE", "true", "T", "True"}
_FALSE_TEXT = {"FALSE", "false", "F", "False"}


def _parse_number(text: str | None) -> float | None:
    if text is None:
        return None
    s = text.strip()
    try:
        return float(s) if s not in ("NA", "") else None
    except ValueError:
        try:
            return float(int(s, 16)) if s.lower().startswith(("0x", "-0x")) else None
        except ValueError:
            return None


def _from_character(values: np.ndarray, dst: str) -> np.ndarray:
    flat = values.reshape(-1, order="F").tolist()
    if dst == "logical":                             # anything else is NA, as in R
        out = _logical(np.array([v in _TRUE_TEXT for v in flat], dtype=bool),
                       np.array([v not in _TRUE_TEXT and v not in _FALSE_TEXT for v in flat],
                                dtype=bool))
        return out.reshape(values.shape, order="F")
    numbers = [_parse_number(v) for v in flat]
    if builtins.any(n is None and v is not None and v.strip() != "NA"
                    for n, v in zip(numbers, flat)):
        _warn("NAs introduced by coercion")
    doubles = np.array([NA_DOUBLE if n is None else n for n in numbers], dtype=np.float64)
    return _coerce(doubles, "double", dst).reshape(values.shape, order="F")


# --------------------------------------------------------------------------------------
# Subscripts
# --------------------------------------------------------------------------------------

ZERO_MESSAGE = "index 0 is out of range: R indices start at 1"


def _split_drop(key: Any) -> tuple[Any, bool]:
    """Strip a trailing ``drop(False)`` (any object of a class named ``drop`` with ``.value``)."""
    if isinstance(key, tuple) and key:
        last = key[-1]
        if type(last).__name__ == "drop" and hasattr(last, "value"):
            return key[:-1], not last.value
    return key, False


def _slice_bound(b: Any, n: int) -> int:
    k = int(b)
    if k == 0:
        raise IndexError(ZERO_MESSAGE)
    return n + k + 1 if k < 0 else k


def _slice_positions(s: slice, n: int) -> np.ndarray:
    """``a:b:s`` with both ends included; negative ends count from the end."""
    start = 1 if s.start is None else _slice_bound(s.start, n)
    stop = n if s.stop is None else _slice_bound(s.stop, n)
    step = int(s.step) if s.step is not None else (1 if start <= stop else -1)
    if step == 0:
        raise IndexError("slice step cannot be zero")
    return np.arange(start, stop + (1 if step > 0 else -1), step, dtype=np.int64) - 1


def _positions(key: Any, n: int, names: list[str] | None = None) -> np.ndarray:
    """0-based positions that one R subscript selects from ``n`` elements (some may be >= n)."""
    if isinstance(key, slice):
        return _slice_positions(key, n)
    if key is Ellipsis:
        return np.arange(n)
    sub = _as_rvector(key)
    flat = sub._flat()
    if sub.rtype == "logical":
        if flat.size > n:
            raise IndexError(f"(subscript) logical subscript too long: {flat.size} > {n}")
        if not flat.size:
            return np.zeros(0, dtype=np.int64)
        flat = np.resize(flat, n)
        pos = np.flatnonzero(flat)                   # TRUE and NA; an NA selects NA (past n)
        return np.where(flat[pos] == NA_LGL, n, pos) if flat.dtype is _LGL_NA else pos
    if sub.rtype == "character":
        return _name_positions(flat, names)
    if sub.rtype == "complex" or _na_mask(flat).any() or np.isnan(flat).any():
        raise IndexError("invalid subscript (NA or complex)")
    ints = np.trunc(flat).astype(np.int64)
    if ints.size == 0:
        return ints
    if (ints == 0).any():
        raise IndexError(ZERO_MESSAGE)
    if (ints < 0).all():
        keep = np.ones(n, dtype=bool)
        drop = -ints - 1
        keep[drop[drop < n]] = False
        return np.flatnonzero(keep)
    if (ints < 0).any():
        raise IndexError("can't mix positive and negative subscripts")
    return ints - 1


def _name_positions(wanted: np.ndarray, names: list[str] | None) -> np.ndarray:
    lookup: dict[str, int] = {}
    for i, nm in enumerate(names or []):
        lookup.setdefault(nm, i)
    missing = [w for w in wanted.tolist() if w not in lookup]
    if missing:
        raise IndexError(f"subscript out of bounds: no element named {missing[0]!r}")
    return np.array([lookup[w] for w in wanted.tolist()], dtype=np.int64)


def _dim_positions(keys: tuple, shape: tuple[int, ...]) -> list[np.ndarray]:
    if len(keys) != len(shape):
        raise IndexError(f"incorrect number of dimensions: {len(keys)} subscripts for "
                         f"{len(shape)} dimension{'s' if len(shape) != 1 else ''}")
    pos = [_positions(k, ext) for k, ext in zip(keys, shape)]
    for p, ext in zip(pos, shape):
        if p.size and p.max() >= ext:
            raise IndexError("subscript out of bounds")
    return pos


def _is_coordinate_matrix(key: Any, ndim: int) -> bool:
    """R's ``m[cbind(i, j)]``: a numeric matrix with one column per dimension."""
    return (isinstance(key, RVector) and ndim >= 2 and key.values.ndim == 2
            and key.values.shape[1] == ndim and key.rtype in ("integer", "double"))


def _coordinate_positions(key: RVector, shape: tuple[int, ...]) -> tuple[np.ndarray, ...]:
    idx = np.trunc(key.values).astype(np.int64)
    if (idx == 0).any():
        raise IndexError(ZERO_MESSAGE)
    if (idx < 0).any() or (idx > np.array(shape)).any():
        raise IndexError("subscript out of bounds")
    return tuple((idx - 1).T)


def _recycle_replacement(values: np.ndarray, count: int) -> np.ndarray:
    if count == 0:
        return values[:0]
    if values.size == 0:
        raise ValueError("replacement has length zero")
    if count % values.size:
        _warn("number of items to replace is not a multiple of replacement length")
    return np.resize(values, count)


def _replacement(new: RVector, rtype: str, count: int) -> np.ndarray:
    return _recycle_replacement(_coerce(new._flat(), new.rtype, rtype), count)


# --------------------------------------------------------------------------------------
# Constants
# --------------------------------------------------------------------------------------

#: R's ``NA``: a logical NA (``c(1, NA)`` is a double vector, ``c(TRUE, NA)`` a logical one).
NA = RVector(np.array([NA_LGL], dtype=np.int8))
NA_integer_ = RVector(np.array([NA_INT], dtype=np.int64))
NA_real_ = RVector(np.array([NA_DOUBLE]))
NA_character_ = RVector(np.array([None], dtype=object))
pi = RVector(np.array([math.pi]))
LETTERS = RVector(np.array([chr(65 + i) for i in range(26)], dtype=object))
letters = RVector(np.array([chr(97 + i) for i in range(26)], dtype=object))
#: R's ``month.name`` and ``month.abb``.
month_name = RVector(np.array(["January", "February", "March", "April", "May", "June", "July",
                               "August", "September", "October", "November", "December"],
                              dtype=object))
month_abb = RVector(np.array([m[:3] for m in month_name.values.tolist()], dtype=object))


# --------------------------------------------------------------------------------------
# Conversion
# --------------------------------------------------------------------------------------

def _as_type(x: Any, rtype: str) -> RVector:
    """R's ``as.<type>(x)``: a plain vector of that type (dims and names dropped)."""
    v = _as_rvector(x)
    return RVector(_coerce(v._flat(), v.rtype, rtype).copy())


def as_integer(x: Any) -> RVector:
    """R's ``as.integer(x)`` (truncates toward zero; ``as_integer(5)`` is R's ``5L``)."""
    return _as_type(x, "integer")


def as_numeric(x: Any) -> RVector:
    """R's ``as.numeric(x)``: a double vector, column-major for matrices."""
    return _as_type(x, "double")


as_double = as_numeric


def as_logical(x: Any) -> RVector:
    """R's ``as.logical(x)`` (0 is FALSE, any other number TRUE; "TRUE"/"T"/"true"...)."""
    return _as_type(x, "logical")


def as_character(x: Any) -> RVector:
    """R's ``as.character(x)`` (doubles with up to 15 significant digits; a factor's labels)."""
    labels = getattr(x, "_r_labels", None)
    if labels is not None and isinstance(x, RVector):
        return _character_result(RVector(np.array(labels(), dtype=object)))
    return _character_result(_as_type(x, "character"))


def as_vector(x: Any, mode: str = "any") -> RVector:
    """R's ``as.vector(x, mode = "any")``: dims and names dropped (a factor: its labels)."""
    if hasattr(x, "_r_labels") and mode in ("any", "character"):
        return as_character(x)
    v = _as_rvector(x)
    if mode == "any":
        return RVector(v._flat().copy())
    return _as_type(v, {"numeric": "double"}.get(mode, mode))


def as_matrix(x: Any) -> RVector:
    """R's ``as.matrix(x)``: a matrix stays, anything else becomes one column."""
    v = _as_rvector(x)
    return v if v.values.ndim == 2 else RVector(v._flat().reshape(-1, 1))


def _is_type(x: Any, types: tuple[str, ...]) -> RVector:
    if hasattr(x, "_r_labels"):                       # a factor is none of R's atomic types
        return _scalar(False, "logical")
    ok = isinstance(x, RVector) and x.rtype in types
    if not isinstance(x, RVector) and x is not None and not isinstance(x, (dict, set)):
        try:
            ok = _as_rvector(x).rtype in types
        except TypeError:
            ok = False
    return _scalar(ok, "logical")


def is_numeric(x: Any) -> RVector:
    """R's ``is.numeric(x)``: integer or double."""
    return _is_type(x, ("integer", "double"))


def is_integer(x: Any) -> RVector:
    """R's ``is.integer(x)`` (a Python ``int`` is an R double, so FALSE)."""
    return _is_type(x, ("integer",))


def is_double(x: Any) -> RVector:
    """R's ``is.double(x)``."""
    return _is_type(x, ("double",))


def is_logical(x: Any) -> RVector:
    """R's ``is.logical(x)``."""
    return _is_type(x, ("logical",))


def is_character(x: Any) -> RVector:
    """R's ``is.character(x)``."""
    return _is_type(x, ("character",))


def is_null(x: Any) -> RVector:
    """R's ``is.null(x)``: whether ``x`` is ``None`` (R's ``NULL``)."""
    return _scalar(x is None, "logical")


# names defined by later modules of the package, used at call time
from .arithmetic import _UFUNC_OPS, _binary, _round, _scalar, _unary  # noqa: E402,F401
from .printing import (  # noqa: E402,F401
    _array_lines, _complex_cells, _format_reals, _matrix_lines, _str_line, _vector_lines)
from .sequences import c  # noqa: E402,F401
from .sets import names  # noqa: E402,F401
from .strings import stop  # noqa: E402,F401
