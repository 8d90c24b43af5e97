"""R's data frames, as pandas holds them: what ported data-loading code needs.

=====================================  ===============================================
R                                      Python with rtorch
=====================================  ===============================================
``df$species``, ``df[["species"]]``    ``df.species``, ``df["species"]`` (pandas)
``df[, 3:6]``, ``df[1:10, ]``          ``df.r[:, 3:6]``, ``df.r[1:10, :]``
``df[df$x > 3, c("a", "b")]``          ``df.r[df.x > 3, c("a", "b")]``
``df[3:6]`` (columns, as a list)       ``df.r[3:6]``
``x[i]`` on a column                   ``df.species.r[i]``
``na.omit(df)``                        ``na_omit(df)``
``factor(x)``, ``levels(f)``           ``factor(x)``, ``levels(f)``
``as.numeric(df$species)``             ``as_numeric(df.species)`` (factor codes 1, 2, ...)
``as.matrix(df)``                      ``as_matrix(df)``
=====================================  ===============================================

``.r`` is an R-style indexer that rtorch adds to pandas frames and series: positions are
1-based, ``a:b`` includes both ends, negative positions drop, names and logical masks select,
``:`` is R's empty subscript; as in R a single selected column comes back as a vector (a pandas
Series) unless ``drop(False)`` is given.

**Factors.** pandas keeps R's factors as ``category`` columns. Most loaders (``palmerpenguins``'
``load_penguins()``, ``read_csv``) give plain string columns instead, so rtorch reads a string
column as R's ``factor()`` would make it: levels sorted, codes 1, 2, ... . ``as_numeric()`` and
``as_integer()`` of a factor or string column are those codes (R's ``as.numeric(f)``), so
``as_numeric(penguins.species)`` is 1 for Adelie, 2 for Chinstrap, 3 for Gentoo, as in R.
Missing values (``NaN``, ``None``, ``pd.NA``) are R's ``NA``.
"""
from __future__ import annotations

import sys
from typing import Any

import numpy as np

from . import rbase
from .rbase import RVector

from .lazy import LazyModule, installed, when_imported

pd: Any = LazyModule("pandas", extra="data", what="rtorch's data frames")   # imported when used


def is_frame(x: Any) -> bool:
    """Whether ``x`` is a pandas DataFrame or Series (never imports pandas)."""
    m = sys.modules.get("pandas")
    return m is not None and isinstance(x, (m.DataFrame, m.Series))


# ---- factors -----------------------------------------------------------------------------------

def _as_factor(s: "pd.Series") -> "pd.Series":
    return s if isinstance(s.dtype, pd.CategoricalDtype) else factor(s)


def _is_factor_like(s: "pd.Series") -> bool:
    return isinstance(s.dtype, pd.CategoricalDtype) or s.dtype.kind in "OSUT" or \
        pd.api.types.is_string_dtype(s.dtype)


def factor(x: Any, levels: Any = None, labels: Any = None) -> "pd.Series":
    """R's ``factor(x, levels, labels = levels)``: a pandas ``category`` Series whose
    categories are R's levels (sorted unique values by default)."""
    s = x if isinstance(x, pd.Series) else pd.Series(list(x))
    cats = sorted(s.dropna().unique()) if levels is None else list(levels)
    f = s.astype(pd.CategoricalDtype(cats))
    return f.cat.rename_categories(list(labels)) if labels is not None else f


def levels(x: Any) -> RVector:
    """R's ``levels(f)`` of a factor (or string) column."""
    return RVector(np.array([str(c) for c in _as_factor(x).cat.categories], dtype=object))


def _codes(s: "pd.Series") -> np.ndarray:
    """1-based factor codes as doubles, NA for missing."""
    codes = _as_factor(s).cat.codes.to_numpy().astype(np.float64) + 1
    codes[codes == 0] = rbase.NA_DOUBLE
    return codes


# ---- conversion ---------------------------------------------------------------------------------

def _numbers(s: "pd.Series") -> np.ndarray:
    """A column's values as R numbers (doubles, integers or logicals), NA for missing."""
    if _is_factor_like(s):
        return _codes(s)
    missing = s.isna().to_numpy()
    if s.dtype.kind == "b" and not missing.any():
        return np.array(s.to_numpy(dtype=bool))
    if s.dtype.kind in "iu":
        return np.array(s.to_numpy(dtype=np.int64))
    values = np.array(s.to_numpy(dtype=np.float64, na_value=np.nan))
    values[missing] = rbase.NA_DOUBLE
    return values


def _labels(s: "pd.Series") -> np.ndarray:
    """A column as R's ``as.matrix()`` writes it into a character matrix."""
    return np.array([None if pd.isna(v) else str(v) for v in s], dtype=object)


def _columns(x: Any) -> list["pd.Series"]:
    return [x] if isinstance(x, pd.Series) else [x.iloc[:, j] for j in range(x.shape[1])]


def as_matrix(x: Any) -> RVector:
    """R's ``as.matrix(df)``: a numeric matrix when every column is numeric or logical, else a
    character matrix (factors as their labels)."""
    cols = _columns(x)
    if any(_is_factor_like(c) for c in cols):
        return RVector(np.column_stack([_labels(c) for c in cols]))
    parts = [_numbers(c) for c in cols]
    return RVector(np.column_stack(parts) if parts else np.zeros((len(x), 0)))


def as_numeric(x: Any) -> RVector:
    """R's ``as.numeric(x)`` of a column (factor and string columns: their codes) or of a frame
    (all values, column by column)."""
    cols = _columns(x)
    flat = np.concatenate([_numbers(c).astype(np.float64) for c in cols]) if cols else np.zeros(0)
    return RVector(flat)


def as_integer(x: Any) -> RVector:
    """R's ``as.integer(x)`` of a column or a frame (see :func:`as_numeric`)."""
    return rbase.as_integer(as_numeric(x))


def na_omit(x: Any) -> Any:
    """R's ``na.omit(x)``: a frame without the rows that have a missing value, a column or R
    vector without its missing values."""
    if is_frame(x):
        return x.dropna()
    v = x if isinstance(x, RVector) else RVector(np.asarray(x))
    return v[~rbase.is_na(v)]


# ---- R-style indexing: df.r[i, j] ---------------------------------------------------------------

def _positions(key: Any, n: int, names: list[str]) -> np.ndarray:
    if isinstance(key, slice) and key == slice(None):
        return np.arange(n)
    if is_frame(key):
        key = key.to_numpy()
    pos = rbase._positions(key, n, names)
    if pos.size and pos.max() >= n:
        raise IndexError(f"position {int(pos.max()) + 1} is out of range: there are only {n}")
    return pos


class RIndexer:
    """``x.r[...]``: R's ``[`` on a pandas DataFrame or Series (1-based, see the module
    docstring)."""

    def __init__(self, obj: Any) -> None:
        self._obj = obj

    def __getitem__(self, key: Any) -> Any:
        obj = self._obj
        key, keep = rbase._split_drop(key)
        if isinstance(obj, pd.Series):
            return self._vector(obj, key)
        if not isinstance(key, tuple):             # df[j]: columns, always a frame
            return obj.iloc[:, _positions(key, obj.shape[1], list(map(str, obj.columns)))]
        if len(key) != 2:
            raise IndexError("a data frame takes [i, j]")
        rows = _positions(key[0], obj.shape[0], list(map(str, obj.index)))
        cols = _positions(key[1], obj.shape[1], list(map(str, obj.columns)))
        out = obj.iloc[rows, cols]
        return out.iloc[:, 0] if not keep and len(cols) == 1 else out

    @staticmethod
    def _vector(s: "pd.Series", key: Any) -> Any:
        pos = _positions(key, len(s), list(map(str, s.index)))
        single = isinstance(key, (int, float, np.integer, np.floating)) and len(pos) == 1
        return s.iloc[int(pos[0])] if single and key > 0 else s.iloc[pos]


def _register_accessor() -> None:
    for register in (pd.api.extensions.register_dataframe_accessor,
                     pd.api.extensions.register_series_accessor):
        register("r")(RIndexer)


when_imported("pandas", lambda _: _register_accessor())    # df.r[...] once pandas is there

__all__ = ["na_omit", "factor", "levels"] if installed("pandas") else []
