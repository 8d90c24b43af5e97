"""R's base values: atomic vectors, matrices, arrays and the base-R helpers around them.

An :class:`RVector` is an R atomic vector (or matrix, or array). It holds ``.values``, a
numpy array whose shape is R's ``dim`` (1-D for a plain vector) and whose element
``[i, j]`` is R's ``m[i + 1, j + 1]``. The R type follows the numpy dtype:

============  ==================  ===========================================
R type        numpy dtype         R's NA stored as
============  ==================  ===========================================
logical       ``bool``            (not representable, see below)
integer       ``int64``           ``NA_integer_`` = the smallest int64
double        ``float64``         R's own NA bit pattern (a NaN, payload 1954)
complex       ``complex128``      NA in the real part
character     ``object`` (str)    ``None``
============  ==================  ===========================================

Porting (R -> Python): names with ``.`` take ``_`` (``seq_len``, ``as_integer``,
``is_na``, ``set_seed``); ``1:5`` is ``seq(1, 5)`` (an integer vector, as in R);
``5L`` is ``as_integer(5)``; a Python ``int`` or ``float`` is an R double, a ``bool`` an
R logical and a ``str`` an R character string. Operators: ``^`` -> ``**``,
``%%`` -> ``%``, ``%/%`` -> ``//``, ``%*%`` -> ``@``, ``!`` -> ``~``; ``&``, ``|``,
comparisons and arithmetic recycle and promote types as in R. Indexing is 1-based:
``x[2]``, ``x[c(1, 3)]``, ``x[-1]`` (drops the first), ``x[x > 2]``, ``m[1, :]`` (``:`` is
R's empty subscript), ``m[1, :, drop(False)]``; a slice ``a:b`` includes both ends.
``print(x)`` and ``repr(x)`` show what R's ``print(x)`` shows; ``x.print(digits = 3)``
is R's ``print(x, digits = 3)``; ``x.str()`` is R's ``str(x)``.

numpy and PyTorch see the plain array: ``np.asarray(x)`` is ``x.values`` (int64, float64,
bool, complex128 or object), ``torch.as_tensor(x)`` goes through DLPack, numpy ufuncs
(``np.exp(x)``) return RVectors and numpy operands follow R's rules. ``len(x)`` and
iteration cover all elements in R's column-major order; a length-1 vector converts with
``float()``, ``int()``, ``bool()`` and works as a Python index.

``sample``, ``rnorm`` and ``runif`` share one numpy generator; ``set_sample_seed(seed)``
(R's ``set.seed`` is ``set_seed``) reseeds it, and is the hook other modules call to tie it
to a global seed.

``sum``, ``prod``, ``max``, ``min``, ``abs``, ``round``, ``all`` and ``any`` are Python
builtins too: given an :class:`RVector` or a numpy array they do what R does (and return
a length-1 :class:`RVector`); given anything else they are the Python builtin, unchanged.

Where this differs from R:

* Logical vectors cannot hold NA. ``c(TRUE, NA)`` is the double vector ``1 NA``;
  comparisons and ``&``/``|`` involving NA or NaN give ``FALSE``/``TRUE`` the numpy way
  instead of NA; ``as_logical()`` of NA raises.
* Integers are 64-bit and never overflow to NA.
* Python names bind, R names copy: after ``y = x``, ``y[1] = 0`` changes ``x`` too;
  use ``y = x.copy()``. ``RVector(array)`` shares the array's memory.
* No ``dimnames``: ``cbind(a = x)`` has no column names, ``tail()`` of a matrix numbers
  its rows from 1. ``x.names`` (named vectors) is supported.
* Strings sort and compare by code point, not by the locale's collation.
* ``sample()``, ``rnorm()`` and ``runif()`` draw from numpy's generator, not R's Mersenne
  Twister: ``set_seed(1)`` makes a run reproducible, not R's numbers.
* Printing does not stop at ``getOption("max.print")``; complex numbers print with each
  part formatted on its own.
"""
from __future__ import annotations

import builtins
import math
import re
import sys
import warnings
from typing import Any, Callable, Iterable, Iterator, Sequence

import numpy as np

__all__ = [
    "RVector", "NA", "NA_integer_", "NA_real_", "NA_character_", "pi", "LETTERS", "letters",
    # construction
    "c", "seq", "seq_len", "seq_along", "rep", "rep_len", "matrix", "array", "numeric",
    "integer", "logical", "character", "vector", "cbind", "rbind",
    # functional
    "outer", "apply", "sapply", "lapply",
    # shape and selection
    "length", "dim", "nrow", "ncol", "names", "rev", "head", "tail", "unique", "setdiff",
    "union", "intersect", "match", "is_element", "which", "sort", "order",
    # arithmetic helpers
    "cumsum", "cumprod", "is_na", "sum", "prod", "max", "min", "mean", "var", "sd", "abs",
    "round", "all", "any", "exp", "log", "sqrt", "floor", "ceiling",
    # randomness and densities
    "sample", "set_seed", "set_sample_seed", "rnorm", "runif", "dnorm",
    # text and output
    "paste", "paste0", "sprintf", "cat", "plot", "stop",
    # conversion
    "as_integer", "as_numeric", "as_double", "as_logical", "as_character", "as_vector",
    "as_matrix", "is_numeric", "is_integer", "is_double", "is_logical", "is_character",
    "is_null",
    # temporary files
    "tempdir", "tempfile",
]

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

#: R's ``NA_integer_`` inside an int64 vector.
NA_INT = int(np.iinfo(np.int64).min)
_NA_PAYLOAD = 1954                                   # R marks its NA NaN with this low word
NA_DOUBLE = float(np.array([0x7FF8000000000000 | _NA_PAYLOAD], dtype=np.uint64).view(np.float64)[0])
_INT_MAX = 2**31 - 1                                 # R's integers are 32-bit: ``:`` checks this
_WIDTH = 80                                          # getOption("width")
_DIGITS = 7                                          # getOption("digits")

def _warn(message: str) -> None:
    """R's ``warning()``, attributed to the first caller outside this module."""
    frame, level = sys._getframe(1), 2
    while frame is not None and frame.f_globals.get("__name__") == __name__:
        frame, level = frame.f_back, level + 1
    warnings.warn(message, stacklevel=level)



def _na_mask(values: np.ndarray) -> np.ndarray:
    """Where ``values`` hold R's NA (not NaN)."""
    kind = values.dtype.kind
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
        if size == 0:
            return np.zeros(0, dtype=bool)
        raise ValueError("a logical vector cannot hold NA here; use a double or integer vector")
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
    __hash__ = None  # type: ignore[assignment]  # == is elementwise, as in R

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
        return _KIND_TYPE[self.values.dtype.kind]

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
        out = self.values if dtype is None else self.values.astype(dtype)
        return out.copy() if copy else out

    def __dlpack__(self, *args: Any, **kwargs: Any) -> Any:
        """DLPack export of ``.values``: ``torch.tensor(x)`` / ``torch.as_tensor(x)`` see the
        array (PyTorch would otherwise walk ``x`` as a 0-based sequence)."""
        return self.values.__dlpack__(*args, **kwargs)

    def __dlpack_device__(self) -> tuple[int, int]:
        return self.values.__dlpack_device__()

    def __array_ufunc__(self, ufunc: np.ufunc, method: str, *inputs: Any, **kwargs: Any) -> Any:
        if method == "__call__" and not kwargs and len(inputs) == 2 and ufunc in _UFUNC_OPS:
            return _binary(_UFUNC_OPS[ufunc], *inputs)
        if "out" in kwargs:
            return NotImplemented
        raw = [x.values if isinstance(x, RVector) else x for x in inputs]
        result = getattr(ufunc, method)(*raw, **kwargs)
        return _wrap_numpy(result, self.names if method == "__call__" else None)

    def _one(self, what: str) -> Any:
        if self.values.size != 1:
            raise TypeError(f"only a length-1 vector converts to {what} "
                            f"(this one has length {self.values.size})")
        value = self.tolist()[0]
        if value is None:
            raise ValueError(f"cannot convert NA to {what}")
        return value

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
        return RVector(~_coerce(self.values, self.rtype, "logical"), self.names)

    # ---- indexing ------------------------------------------------------------------------
    def __getitem__(self, key: Any) -> RVector:
        key, keep_dims = _split_drop(key)
        if isinstance(key, tuple) and len(key) == 1:
            key = key[0]
        if isinstance(key, tuple):
            return self._subset_dims(_dim_positions(key, self.values.shape), not keep_dims)
        if _is_coordinate_matrix(key, self.values.ndim):
            return self._subset_coords(key)
        return self._subset_flat(key)

    def _subset_flat(self, key: Any) -> RVector:
        flat = self._flat()
        n = flat.size
        pos = _positions(key, n, self.names)
        inside = pos < n
        if inside.all():
            values = flat[pos]
        else:
            if self.rtype == "logical":
                raise IndexError("subscript out of bounds")
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

    __str__ = __repr__

    def print(self, digits: int | None = None) -> RVector:
        """R's ``print(x, digits = )``; returns ``x`` (invisibly, in R)."""
        sys.stdout.write("\n".join(self._lines(_DIGITS if digits is None else int(digits))) + "\n")
        return self

    def str(self) -> str:
        """R's ``str(x)`` line, e.g. `` int [1:5] 1 2 3 4 5``."""
        return _str_line(self)


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
    if isinstance(x, (int, float)):
        return RVector(np.array([float(x)]))
    if isinstance(x, complex):
        return RVector(np.array([x]))
    if isinstance(x, str):
        return RVector(np.array([x], dtype=object))
    if isinstance(x, (np.ndarray, np.generic)):
        return RVector(x)
    if isinstance(x, (list, tuple, range)):
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
        out = values != 0
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
        if dst == "logical":
            raise ValueError("a logical vector cannot hold NA here; use a double or integer vector")
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
    if dst == "logical":
        if builtins.any(v not in _TRUE_TEXT and v not in _FALSE_TEXT for v in flat):
            raise ValueError("a logical vector cannot hold NA here; use a double or integer vector")
        out = np.array([v in _TRUE_TEXT for v in flat], dtype=bool)
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
        return np.flatnonzero(np.resize(flat, n)) if flat.size else np.zeros(0, dtype=np.int64)
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
# Operators
# --------------------------------------------------------------------------------------

_ARITH: dict[str, Callable] = {"+": np.add, "-": np.subtract, "*": np.multiply,
                               "/": np.true_divide, "^": np.power, "%%": np.mod,
                               "%/%": np.floor_divide}
_COMPARE: dict[str, Callable] = {"==": np.equal, "!=": np.not_equal, "<": np.less,
                                 "<=": np.less_equal, ">": np.greater, ">=": np.greater_equal}
_LOGIC: dict[str, Callable] = {"&": np.logical_and, "|": np.logical_or}
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
    out = np.asarray(_COMPARE[op](xv, yv), dtype=bool)
    out[bad] = False
    return out


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
# Formatting numbers the way R does (formatReal, scientific, EncodeReal0)
# --------------------------------------------------------------------------------------

_KP_MAX = 27
_TEN = np.longdouble(10)
#: _POW10[k + 1] == 10**k exactly, k = -1..27 (R's ``tbl``).
_POW10 = [np.longdouble("0.1")] + [_TEN ** k for k in range(_KP_MAX + 1)]
_INT_MIN = -(2**31)


def _scientific(x: float, digits: int) -> tuple[bool, int, int, bool]:
    """R's ``scientific()``: sign, decimal exponent, significant digits (<= ``digits``) and
    whether rounding to ``digits`` widens the fixed-point form."""
    if x == 0.0:
        return False, 0, 1, False
    neg = x < 0
    r = -x if neg else x
    if digits >= 16:
        text = "%#.*e" % (digits - 1, r)
        i = digits
        while i >= 2 and text[i] == "0":
            i -= 1
        return neg, int(text[digits + 2:]), i, False
    kp = math.floor(math.log10(r)) - digits + 1
    r_prec = np.longdouble(r)
    if builtins.abs(kp) <= _KP_MAX:
        if kp > 0:
            r_prec /= _POW10[kp + 1]
        elif kp < 0:
            r_prec *= _POW10[-kp + 1]
    else:
        r_prec /= _TEN ** kp
    if r_prec < _POW10[digits]:
        r_prec *= 10
        kp -= 1
    alpha = float(np.rint(r_prec))
    nsig = digits
    for _ in range(digits):
        alpha /= 10.0
        if alpha != math.floor(alpha):
            break
        nsig -= 1
    if nsig == 0:
        nsig, kp = 1, kp + 1
    kpower = kp + digits - 1
    rgt = builtins.min(builtins.max(digits - kpower, 0), _KP_MAX)
    widens = 0 < kpower <= _KP_MAX and r < _POW10[kpower + 1] - 0.5 / _POW10[1 + rgt]
    return neg, kpower, nsig, bool(widens)


def _real_layout(xs: np.ndarray, digits: int) -> tuple[int, int, int]:
    """R's ``formatReal()``: common width ``w``, decimals ``d`` and exponent flag ``e``."""
    finite = xs[np.isfinite(xs)]
    rgt = mxl = mxsl = mxns = _INT_MIN
    mnl = -_INT_MIN
    neg = False
    for x in np.unique(finite).tolist():
        neg_i, kpower, nsig, widens = _scientific(x, digits)
        left = kpower + 1 - widens
        sleft = neg_i + (1 if left <= 0 else left)
        neg = neg or neg_i
        rgt = builtins.max(rgt, nsig - left)
        mxl, mnl = builtins.max(mxl, left), builtins.min(mnl, left)
        mxsl, mxns = builtins.max(mxsl, sleft), builtins.max(mxns, nsig)
    if mxl < 0:
        mxsl = 1 + neg
    rgt = builtins.max(rgt, 0)
    w_fixed = mxsl + rgt + (rgt != 0)
    e = 2 if (mxl > 100 or mnl <= -99) else 1
    if mxns != _INT_MIN:
        d = mxns - 1
        w = neg + (d > 0) + d + 4 + e
        if w_fixed <= w:                                   # R_print.scipen = 0
            e, d, w = 0, rgt, w_fixed
    else:
        w = d = e = 0
    na = _na_mask(xs)
    nan = np.isnan(xs) & ~na
    for flag, width in ((na.any(), 2), (nan.any(), 3), (np.isposinf(xs).any(), 3),
                        (np.isneginf(xs).any(), 4)):
        if flag:
            w = builtins.max(w, width)
    return w, d, e


def _encode_real(x: float, d: int, e: int) -> str:
    """R's ``EncodeReal0`` without the padding (NA is the caller's business)."""
    if math.isnan(x):
        return "NaN"
    if math.isinf(x):
        return "Inf" if x > 0 else "-Inf"
    if x == 0:
        x = 0.0                                            # R never prints -0
    if e:
        return ("%#.*e" if d else "%.*e") % (d, x)
    return "%.*f" % (d, x)


def _format_reals(xs: np.ndarray, digits: int) -> tuple[list[str], int]:
    w, d, e = _real_layout(xs, digits)
    na = _na_mask(xs).tolist()
    return ["NA" if m else _encode_real(x, d, e) for x, m in zip(xs.tolist(), na)], w


def _complex_cells(xs: np.ndarray, digits: int) -> tuple[list[str], int]:
    re_cells, wr = _format_reals(xs.real.copy(), digits)
    im_cells, wi = _format_reals(np.abs(xs.imag), digits)
    na = _na_mask(xs)
    cells = ["NA" if m else f"{r}{'-' if i < 0 else '+'}{im}i"
             for r, im, i, m in zip(re_cells, im_cells, xs.imag.tolist(), na.tolist())]
    return cells, builtins.max([wr + wi + 2] + [len(s) for s in cells])


def _quote(s: str) -> str:
    escaped = (s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
               .replace("\t", "\\t").replace("\r", "\\r"))
    return f'"{escaped}"'


def _cells(flat: np.ndarray, rtype: str, digits: int, quote: bool = True) -> tuple[list[str], int]:
    """Each element as R prints it (unpadded) and the common field width."""
    if rtype == "double":
        return _format_reals(flat, digits)
    if rtype == "complex":
        return _complex_cells(flat, digits)
    if rtype == "logical":
        cells = ["TRUE" if v else "FALSE" for v in flat.tolist()]
    elif rtype == "integer":
        cells = ["NA" if v == NA_INT else str(v) for v in flat.tolist()]
    else:
        cells = ["NA" if v is None else (_quote(v) if quote else v) for v in flat.tolist()]
    return cells, builtins.max((len(s) for s in cells), default=0)


def _index_width(n: int) -> int:
    """R's ``IndexWidth``: digits needed to print ``n``."""
    return int(math.log10(n + 0.5) + 1)


def _pad(cell: str, width: int, left: bool) -> str:
    return cell.ljust(width) if left else cell.rjust(width)


def _vector_lines(flat: np.ndarray, rtype: str, digits: int, names: list[str] | None) -> list[str]:
    """R's ``printVector``: ``[k]`` prefixes, wrapped at width 80."""
    n = flat.size
    if n == 0:
        return [_EMPTY[rtype]]
    cells, w = _cells(flat, rtype, digits)
    if names is not None:
        return _named_lines(cells, w, names)
    left = rtype == "character"
    labw = _index_width(n) + 2
    lines, line, width = [], "[1]".rjust(labw), labw
    for i, cell in enumerate(cells):
        if i > 0 and width + w + 1 > _WIDTH:
            lines.append(line)
            line, width = f"[{i + 1}]".rjust(labw), labw
        line += " " + _pad(cell, w, left)
        width += w + 1
    return lines + [line]


def _named_lines(cells: list[str], w: int, names: list[str]) -> list[str]:
    """R's ``printNamedVector``: a row of names over a row of values, right-aligned."""
    w = builtins.max([w] + [len(nm) for nm in names])
    per = builtins.max(_WIDTH // (w + 1), 1)
    lines = []
    for start in range(0, len(cells), per):
        lines.append("".join(nm.rjust(w) + " " for nm in names[start:start + per]))
        lines.append("".join(cell.rjust(w) + " " for cell in cells[start:start + per]))
    return lines


def _matrix_lines(m: np.ndarray, rtype: str, digits: int) -> list[str]:
    """R's ``printMatrix``: ``[,j]`` headers, ``[i,]`` row labels, columns in blocks of width 80."""
    nr, nc = m.shape
    if nr == 0 and nc == 0:
        return ["<0 x 0 matrix>"]
    rlabw = _index_width(nr + 1) + 3
    row_labels = [f"[{i + 1},]".rjust(rlabw) for i in range(nr)]
    if nc == 0:
        return [" " * rlabw] + row_labels
    left = rtype == "character"
    columns = []
    for j in range(nc):
        cells, w = _cells(m[:, j], rtype, digits)
        columns.append((cells, builtins.max(w, _index_width(j + 1) + 3)))
    lines: list[str] = []
    jmin = 0
    while jmin < nc:
        jmax, width = jmin, rlabw
        while True:
            width += columns[jmax][1] + 1
            jmax += 1
            if not (jmax < nc and width + columns[jmax][1] + 1 < _WIDTH):
                break
        block = range(jmin, jmax)
        lines.append(" " * rlabw + "".join(
            " " + _pad(f"[,{j + 1}]", columns[j][1], left) for j in block))
        for i in range(nr):
            lines.append(row_labels[i] + "".join(
                " " + _pad(columns[j][0][i], columns[j][1], left) for j in block))
        jmin = jmax
    return lines


def _array_lines(a: np.ndarray, rtype: str, digits: int) -> list[str]:
    """R's ``printArray``: one ``, , k`` section per matrix slice."""
    outer_dims = a.shape[2:]
    count = math.prod(outer_dims)
    if count == 0:
        return ["<" + " x ".join(str(d) for d in a.shape) + f" array of {rtype}>"]
    lines: list[str] = []
    for k in range(count):
        idx = np.unravel_index(k, outer_dims, order="F")
        lines += [", , " + ", ".join(str(int(i) + 1) for i in idx), ""]
        lines += _matrix_lines(a[(slice(None), slice(None)) + idx], rtype, digits) + [""]
    return lines


def _drop0trailing(s: str) -> str:
    mantissa, sep, exponent = s.partition("e")
    if "." in mantissa:
        mantissa = mantissa.rstrip("0").rstrip(".")
    return mantissa if exponent in ("", "+00") else mantissa + sep + exponent


_STR_ABBREV = {"logical": "logi", "integer": "int", "double": "num", "complex": "cplx",
               "character": "chr"}


def _str_line(x: RVector, give_length: bool = True) -> str:
    """R's ``str()`` of an atomic vector, with R's defaults (``vec.len = 4``, 3 digits);
    ``give_length = False`` leaves out ``[1:n]``, as ``str()`` of a data frame's columns does."""
    rtype, n = x.rtype, x.values.size
    head_word = _STR_ABBREV[rtype]
    if n == 0:
        return f" {head_word}(0) "
    flat = x._flat()
    shown = {"logical": 6, "character": 4, "complex": 3}.get(rtype, 10)
    if rtype == "double":
        first = flat[:10]
        ok = first[np.isfinite(first)]
        nice = np.all((ok == 0) | ((np.abs(ok) > 1e-10) & (np.abs(ok) < 1e10)))
        signif3 = np.array([float(f"{v:.3g}") for v in ok.tolist()])
        nice = nice and np.all(np.abs(ok - signif3) <= 1e-10)
        shown = 10 if nice else 5
    part = flat[:shown]
    cells = _cells(part, rtype, 3)[0]
    if rtype in ("double", "complex"):
        cells = [_drop0trailing(s) for s in cells]
    dims = x.values.shape if x.values.ndim > 1 else ((n,) if n > 1 else ())
    dim_text = "[" + ", ".join(f"1:{d}" for d in dims) + "] " if dims else ""
    if not give_length and dims:
        dim_text = " "
    more = " ..." if n > shown else ""
    named = "Named " if x.names is not None else ""
    return f" {named}{head_word} {dim_text}{' '.join(cells)}{more}"


# --------------------------------------------------------------------------------------
# Constants
# --------------------------------------------------------------------------------------

#: R's ``NA`` (a logical NA in R; here a double NA that ``c()`` treats as the lowest type).
NA = RVector(np.array([NA_DOUBLE]))
NA_integer_ = RVector(np.array([NA_INT], dtype=np.int64))
NA_real_ = RVector(np.array([NA_DOUBLE]))
NA_character_ = RVector(np.array([None], dtype=object))
pi = RVector(np.array([math.pi]))
LETTERS = RVector(np.array([chr(65 + i) for i in range(26)], dtype=object))
letters = RVector(np.array([chr(97 + i) for i in range(26)], dtype=object))


# --------------------------------------------------------------------------------------
# Construction
# --------------------------------------------------------------------------------------

def _is_plain_number(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def _parts(x: Any, name: str | None, out: list[tuple[np.ndarray, str, list[str] | None]]) -> None:
    """Collect ``c()``'s pieces: flat values, R type (``"NA"`` for the bare NA) and names."""
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
    rtype = "NA" if v is NA else v.rtype
    names = v.names
    if name is not None:
        n = v.values.size
        names = ([f"{name}.{own}" for own in v.names] if v.names is not None
                 else [name] if n == 1 else [f"{name}{i + 1}" for i in range(n)])
    out.append((v._flat(), rtype, names))


def c(*args: Any, **named: Any) -> RVector | None:
    """R's ``c(...)``: concatenate (matrices column by column); ``c()`` is NULL (``None``)."""
    if args and not named and builtins.all(_is_plain_number(a) for a in args):
        return RVector(np.array(args, dtype=np.float64))
    parts: list[tuple[np.ndarray, str, list[str] | None]] = []
    for a in args:
        _parts(a, None, parts)
    for key, a in named.items():
        _parts(a, key, parts)
    if not parts:
        return None
    real_types = [t for _, t, _ in parts if t != "NA"]
    rtype = _top_type(real_types)
    if len(real_types) < len(parts) and rtype == "logical":
        rtype = "double"                                  # logical NA is not representable
    chunks = [_na_array(rtype, 1) if t == "NA" else _coerce(v, t, rtype) for v, t, _ in parts]
    names = None
    if builtins.any(nm is not None for _, _, nm in parts):
        names = [s for (v, _, nm) in parts for s in (nm if nm is not None else [""] * v.size)]
    return RVector(np.concatenate(chunks) if chunks else np.zeros(0, dtype=_DTYPE[rtype]), names)


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
        return _na_array("double" if v.rtype == "logical" else v.rtype, size)
    return np.resize(flat, size)


def matrix(data: Any = NA, nrow: Any = None, ncol: Any = None, byrow: bool = False) -> RVector:
    """R's ``matrix(data, nrow, ncol, byrow = FALSE)``: column-major fill, recycling ``data``."""
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


def cbind(*args: Any) -> RVector | None:
    """R's ``cbind(...)``: vectors and matrices side by side (no column names)."""
    return _bind(args, True)


def rbind(*args: Any) -> RVector | None:
    """R's ``rbind(...)``: vectors and matrices stacked (no row names)."""
    return _bind(args, False)


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
    found = globals().get(str(fun).replace(".", "_"))
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
    nm = getattr(x, "names", None) if isinstance(x, RVector) else None
    return None if nm is None else RVector(np.array(nm, dtype=object))


def _plain(x: Any) -> RVector:
    """``x`` as a plain vector (R's ``as.vector``), names kept."""
    v = _as_rvector(x)
    return v if v.values.ndim == 1 else RVector(v._flat())


def rev(x: Any) -> RVector:
    """R's ``rev(x)``: the elements in reverse order (dims dropped)."""
    v = _plain(x)
    return RVector(v.values[::-1].copy(), None if v.names is None else v.names[::-1])


def _edge(x: Any, n: Any, first: bool) -> RVector:
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
    """R's ``unique(x)``: first occurrences in order (unique rows of a matrix)."""
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
    pos = np.flatnonzero(v._flat())
    return RVector(pos + 1, None if v.names is None else [v.names[i] for i in pos.tolist()])


def _sort_key(v: RVector) -> list:
    flat = v._flat()
    if v.rtype == "complex":
        return list(zip(flat.real.tolist(), flat.imag.tolist()))
    return flat.tolist()


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
    """R's ``is.na(x)``: TRUE for NA and NaN, keeping dims and names."""
    v = _as_rvector(x)
    values = v.values
    mask = _na_mask(values)
    if values.dtype.kind in "fc":
        mask = mask | np.isnan(values)
    return RVector(mask, v.names)


# --------------------------------------------------------------------------------------
# R's summaries and maths (the names Python also has fall back to the builtins)
# --------------------------------------------------------------------------------------

def _is_r_data(args: Iterable[Any]) -> bool:
    return builtins.any(isinstance(a, (RVector, np.ndarray)) for a in args)


def _combined(args: tuple, na_rm: bool) -> tuple[np.ndarray, str]:
    """All arguments as one flat vector (R's summary group does ``c(...)``)."""
    v = c(*args)
    if v is None:
        return np.zeros(0, dtype=np.int64), "integer"
    flat = v._flat()
    if na_rm and flat.size:
        flat = flat[~is_na(RVector(flat)).values]
    return flat, ("double" if v is NA else v.rtype)


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
        return builtins.sum(*args, **kwargs)
    flat, rtype = _combined(args, na_rm)
    if rtype == "character":
        raise TypeError("invalid 'type' (character) of argument")
    rtype = "integer" if rtype == "logical" else rtype
    flat = _coerce(flat, _KIND_TYPE[flat.dtype.kind], rtype)
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
    flat = _coerce(flat, _KIND_TYPE[flat.dtype.kind], rtype)
    missing = _na_result(flat, rtype)
    return missing if missing is not None else _scalar(np.prod(flat), rtype)


def _extreme(args: tuple, na_rm: bool, pick: Callable, name: str, empty: float) -> RVector:
    flat, rtype = _combined(args, na_rm)
    if rtype == "complex":
        raise TypeError("invalid 'type' (complex) of argument")
    rtype = "integer" if rtype == "logical" else rtype
    flat = _coerce(flat, _KIND_TYPE[flat.dtype.kind], rtype)
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
        return builtins.max(*args, **kwargs)
    return _extreme(args, na_rm, builtins.max, "max", -math.inf)


def min(*args: Any, na_rm: bool = False, **kwargs: Any) -> Any:
    """R's ``min(...)`` for R vectors and numpy arrays; Python's builtin otherwise."""
    if not _is_r_data(args):
        return builtins.min(*args, **kwargs)
    return _extreme(args, na_rm, builtins.min, "min", math.inf)


def _numeric_values(x: Any, na_rm: bool, what: str) -> np.ndarray:
    v = _plain(x)
    if v.rtype == "character":
        raise TypeError(f"argument is not numeric or logical: {what}")
    flat = _coerce(v._flat(), v.rtype, "complex" if v.rtype == "complex" else "double")
    return flat[~np.isnan(flat)] if na_rm else flat


def mean(x: Any, na_rm: bool = False) -> RVector:
    """R's ``mean(x)``: a double (R's two-pass algorithm)."""
    flat = _numeric_values(x, na_rm, "returning NA")
    rtype = _KIND_TYPE[flat.dtype.kind]
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
    return _coerce(flat, _KIND_TYPE[flat.dtype.kind], "logical")


def all(*args: Any, na_rm: bool = False, **kwargs: Any) -> Any:
    """R's ``all(...)`` for R vectors and numpy arrays; Python's builtin otherwise."""
    if not _is_r_data(args):
        return builtins.all(*args, **kwargs)
    return _scalar(bool(_truth(args, na_rm).all()), "logical")


def any(*args: Any, na_rm: bool = False, **kwargs: Any) -> Any:
    """R's ``any(...)`` for R vectors and numpy arrays; Python's builtin otherwise."""
    if not _is_r_data(args):
        return builtins.any(*args, **kwargs)
    return _scalar(bool(_truth(args, na_rm).any()), "logical")


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


def exp(x: Any) -> RVector:
    """R's ``exp(x)``."""
    return _math(x, np.exp)


def log(x: Any, base: Any = None) -> RVector:
    """R's ``log(x, base = exp(1))``."""
    if base is None:
        return _math(x, np.log)
    b = _number(base, "base")
    return _math(x, lambda v: np.log(v) / np.log(b))


def sqrt(x: Any) -> RVector:
    """R's ``sqrt(x)``."""
    return _math(x, np.sqrt)


def floor(x: Any) -> RVector:
    """R's ``floor(x)`` (a double)."""
    return _math(x, np.floor)


def ceiling(x: Any) -> RVector:
    """R's ``ceiling(x)`` (a double)."""
    return _math(x, np.ceil)


# --------------------------------------------------------------------------------------
# Randomness
# --------------------------------------------------------------------------------------

_rng: np.random.Generator = np.random.default_rng()


def set_sample_seed(seed: Any) -> None:
    """Seed the generator behind ``sample``, ``rnorm`` and ``runif`` (``None``: fresh entropy).

    Other modules call this to tie it to one global seed (``torch_manual_seed`` does).
    """
    global _rng
    _rng = np.random.default_rng(None if seed is None else int(seed))


def set_seed(seed: Any) -> None:
    """R's ``set.seed(seed)``: reproducible ``sample``/``rnorm``/``runif`` (not R's numbers)."""
    set_sample_seed(seed)


def _generator(generator: np.random.Generator | None) -> np.random.Generator:
    return _rng if generator is None else generator


def sample(x: Any, size: Any = None, replace: bool = False, prob: Any = None,
           generator: np.random.Generator | None = None) -> RVector:
    """R's ``sample(x, size, replace = FALSE, prob = NULL)``; a single number ``n >= 1``
    samples from ``1:n`` (an integer vector), as in R."""
    v = _as_rvector(x)
    if v.values.size == 1 and v.rtype in ("integer", "double") and float(v) >= 1:
        v = seq_len(float(v))
    n = v.values.size
    k = n if size is None else _count(size, "size")
    if not replace and k > n:
        raise ValueError("cannot take a sample larger than the population when 'replace = FALSE'")
    p = None
    if prob is not None:
        weights = _coerce(_as_rvector(prob)._flat(), _as_rvector(prob).rtype, "double")
        if weights.size != n:
            raise ValueError("incorrect number of probabilities")
        p = weights / weights.sum()
    picks = _generator(generator).choice(n, size=k, replace=replace, p=p)
    return v[RVector(picks.astype(np.int64) + 1)] if k else v[integer(0)]


def _draw_count(n: Any) -> int:
    v = _as_rvector(n)
    return v.values.size if v.values.size > 1 else _count(v, "n")


def rnorm(n: Any, mean: Any = 0, sd: Any = 1,
          generator: np.random.Generator | None = None) -> RVector:
    """R's ``rnorm(n, mean = 0, sd = 1)`` (numpy's generator)."""
    draws = _generator(generator).standard_normal(_draw_count(n))
    return RVector(draws) * sd + mean


def runif(n: Any, min: Any = 0, max: Any = 1,
          generator: np.random.Generator | None = None) -> RVector:
    """R's ``runif(n, min = 0, max = 1)`` (numpy's generator)."""
    draws = _generator(generator).random(_draw_count(n))
    return RVector(draws) * (_as_rvector(max) - min) + min


def dnorm(x: Any, mean: Any = 0, sd: Any = 1, log: bool = False) -> RVector:
    """R's ``dnorm(x, mean = 0, sd = 1, log = FALSE)``: the normal density (its log with
    ``log = TRUE``)."""
    z = (_as_rvector(x) - mean) / sd
    log_density = z * z / -2 - (_math(sd, np.log) + math.log(2 * math.pi) / 2)
    return log_density if log else _math(log_density, np.exp)


# --------------------------------------------------------------------------------------
# Text and output
# --------------------------------------------------------------------------------------

def _strings(x: Any) -> list[str | None]:
    """``as.character`` of one argument (NA -> None)."""
    v = _as_rvector(x)
    return _coerce(v._flat(), v.rtype, "character").tolist()


def paste(*args: Any, sep: str = " ", collapse: str | None = None) -> RVector:
    """R's ``paste(..., sep = " ", collapse = NULL)``: vectorised, zero-length arguments dropped."""
    vectors = [s for s in (_strings(a) for a in args if a is not None) if s]
    if not vectors:
        return RVector(np.array([""] if collapse is not None else [], dtype=object))
    n = builtins.max(len(v) for v in vectors)
    out = [sep.join("NA" if v[i % len(v)] is None else v[i % len(v)] for v in vectors)
           for i in range(n)]
    return RVector(np.array([collapse.join(out)] if collapse is not None else out, dtype=object))


def paste0(*args: Any, collapse: str | None = None) -> RVector:
    """R's ``paste0(...)``: ``paste`` with ``sep = ""``."""
    return paste(*args, sep="", collapse=collapse)


def stop(*args: Any) -> None:
    """R's ``stop(...)``: an error (Python's ``RuntimeError``) whose message is the arguments
    pasted together, as R's ``stop("Error on epoch ", 5)`` makes ``Error on epoch 5``."""
    raise RuntimeError("".join("NA" if s is None else s
                               for a in args if a is not None for s in _strings(a)))


_SPEC = re.compile(r"%(?:(\d+)\$)?([-+ #0]*)(\d+)?(?:\.(\d+))?([a-zA-Z%])")


def _sprintf_one(fmt: str, row: list[tuple[Any, str]]) -> str:
    counter = iter(range(len(row)))

    def render(m: re.Match) -> str:
        position, flags, width, precision, conv = m.groups()
        if conv == "%":
            return "%"
        index = int(position) - 1 if position else next(counter, len(row))
        if index >= len(row):
            raise ValueError("too few arguments")
        value, rtype = row[index]
        spec = "%" + flags + (width or "") + ("." + precision if precision else "")
        if value is None:
            return ("%" + flags.replace("0", "") + (width or "") + "s") % "NA"
        if conv == "s":
            text = value if rtype == "character" else _strings(_scalar(value, rtype))[0]
            return (spec + "s") % text
        if conv in "di":
            if rtype == "double" and not float(value).is_integer():
                raise ValueError("invalid format '%d'; use format %f, %e, %g or %a for "
                                 "numeric objects")
            return (spec + "d") % int(value)
        if conv in "xXo":
            return (spec + conv) % int(value)
        return (spec + conv) % float(value)

    return _SPEC.sub(render, fmt)


def sprintf(fmt: Any, *args: Any) -> RVector:
    """R's ``sprintf(fmt, ...)``: C formats, vectorised over all arguments."""
    formats = _strings(fmt)
    vectors = [_as_rvector(a) for a in args]
    columns = [(v.tolist(), v.rtype) for v in vectors]
    lengths = [len(formats)] + [len(col) for col, _ in columns]
    if 0 in lengths:
        return character(0)
    n = builtins.max(lengths)
    out = [_sprintf_one(formats[i % len(formats)],
                        [(col[i % len(col)], rtype) for col, rtype in columns])
           for i in range(n)]
    return RVector(np.array(out, dtype=object))


def _cat_items(x: Any) -> list[str] | None:
    """One ``cat()`` argument as its printed pieces (each number formatted on its own)."""
    if x is None:
        return None
    if isinstance(x, str):
        return [x]
    v = _as_rvector(x)
    flat = v._flat()
    if v.rtype == "character":
        return ["NA" if s is None else s for s in flat.tolist()]
    return [_cells(flat[i:i + 1], v.rtype, _DIGITS)[0][0] for i in range(flat.size)]


def _cat_objects(args: Iterable[Any]) -> Iterator[Any]:
    """Python lists and tuples (R lists) contribute their elements as separate objects."""
    for a in args:
        if isinstance(a, (list, tuple)):
            yield from _cat_objects(a)
        else:
            yield a


def cat(*args: Any, sep: Any = " ", fill: Any = False, file: Any = None,
        append: bool = False) -> None:
    """R's ``cat(..., sep = " ", fill = FALSE, file = "")``: numbers with up to 7 significant
    digits, strings as they are, no newline unless asked (``fill``, or a ``sep`` with one)."""
    seps = [sep] if isinstance(sep, str) else _strings(sep)
    width_limit = (_WIDTH if fill is True else
                   int(fill) if fill is not False and float(fill) > 0 else None)
    pieces: list[str] = []
    width = nsep = 0

    def newline() -> None:
        nonlocal width
        pieces.append("\n")
        width = 0

    def too_wide(w: int) -> bool:
        return width_limit is not None and width + w + len(seps[nsep % len(seps)]) > width_limit

    for iobj, obj in enumerate(_cat_objects(args)):
        items = _cat_items(obj)
        if iobj and items is not None:
            pieces.append(seps[nsep % len(seps)])
            nsep += 1
        if not items:
            continue
        if iobj and too_wide(len(items[0])):
            newline()
        for i, item in enumerate(items):
            pieces.append(item)
            width += len(item) + len(seps[nsep % len(seps)])
            if i < len(items) - 1:
                pieces.append(seps[nsep % len(seps)])
                nsep += 1
                if too_wide(len(items[i + 1])):
                    newline()
    if width_limit is not None or builtins.any("\n" in s for s in seps):
        pieces.append("\n")
    _write("".join(pieces), file, append)


def _write(text: str, file: Any, append: bool) -> None:
    if file is None or file == "":
        sys.stdout.write(text)
    elif isinstance(file, str):
        with open(file, "a" if append else "w", encoding="utf-8") as handle:
            handle.write(text)
    else:
        file.write(text)


def plot(x: Any, y: Any = None, xlab: str = "", ylab: str = "", main: str = "") -> Any:
    """R's ``plot(x, y)`` of numeric vectors (``plot(y)``: against ``1, 2, ...``): a scatter of
    open circles, returned as a ``matplotlib.figure.Figure`` (Jupyter shows it). Python does
    not see the argument expressions R writes on the axes: give ``xlab`` and ``ylab``."""
    def numbers(v: Any) -> np.ndarray:
        r = _as_rvector(v) if isinstance(v, (RVector, int, float, list, tuple, np.ndarray)) \
            or hasattr(v, "detach") else None
        if r is None or r.rtype not in ("logical", "integer", "double"):
            raise TypeError(f"plot() draws numeric vectors, not <{type(v).__name__}>")
        return _coerce(r._flat(), r.rtype, "double")
    ys = numbers(x if y is None else y)
    xs = np.arange(1, ys.size + 1, dtype=np.float64) if y is None else numbers(x)
    if xs.size != ys.size:
        raise ValueError("'x' and 'y' lengths differ")
    from .figure import figure                      # shown by Jupyter without an extension
    fig = figure(figsize=(6, 4.5), layout="constrained")
    ax = fig.subplots()
    ax.scatter(xs, ys, facecolors="none", edgecolors="black", s=18)
    ax.set_xlabel(xlab or ("Index" if y is None else ""))
    ax.set_ylabel(ylab)
    ax.set_title(main)
    return fig


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
    """R's ``as.character(x)`` (doubles with up to 15 significant digits)."""
    return _as_type(x, "character")


def as_vector(x: Any, mode: str = "any") -> RVector:
    """R's ``as.vector(x, mode = "any")``: dims and names dropped."""
    v = _as_rvector(x)
    if mode == "any":
        return RVector(v._flat().copy())
    return _as_type(v, {"numeric": "double"}.get(mode, mode))


def as_matrix(x: Any) -> RVector:
    """R's ``as.matrix(x)``: a matrix stays, anything else becomes one column."""
    v = _as_rvector(x)
    return v if v.values.ndim == 2 else RVector(v._flat().reshape(-1, 1))


def _is_type(x: Any, types: tuple[str, ...]) -> RVector:
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


# --------------------------------------------------------------------------------------
# Temporary files
# --------------------------------------------------------------------------------------

_TEMPDIR: list[str] = []


def tempdir(check: bool = False) -> str:
    """R's ``tempdir()``: this session's temporary folder (made on first use, removed when
    Python exits); ``check = TRUE`` makes it again if it has gone."""
    import atexit
    import os
    import shutil
    import tempfile as _tempfile
    if not _TEMPDIR or (check and not os.path.isdir(_TEMPDIR[0])):
        if not _TEMPDIR:
            atexit.register(lambda: shutil.rmtree(_TEMPDIR[0], ignore_errors=True))
        _TEMPDIR[:] = [_tempfile.mkdtemp(prefix="Rtmp")]
    return _TEMPDIR[0]


def tempfile(pattern: Any = "file", tmpdir: Any = None, fileext: Any = "") -> Any:
    """R's ``tempfile(pattern = "file", tmpdir = tempdir(), fileext = "")``: names for
    temporary files (nothing is created), ``<tmpdir>/<pattern><random hex><fileext>``,
    vectorised over the arguments: a ``str`` for one name, a character vector for several."""
    import os
    import secrets
    parts = [_strings(pattern), _strings(tempdir() if tmpdir is None else tmpdir),
             _strings(fileext)]
    if builtins.min(len(p) for p in parts) == 0:
        return character(0)
    n = builtins.max(len(p) for p in parts)
    out: list[str] = []
    for i in range(n):
        p, d, e = (part[i % len(part)] for part in parts)
        path = os.path.join(d, f"{p}{secrets.token_hex(6)}{e}")
        while os.path.exists(path) or path in out:
            path = os.path.join(d, f"{p}{secrets.token_hex(6)}{e}")
        out.append(path)
    return out[0] if n == 1 else RVector(np.array(out, dtype=object))
