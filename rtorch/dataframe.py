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
from .rbase.factors import Factor, factor, levels

from .lazy import LazyModule, installed, when_imported

pd: Any = LazyModule("pandas", extra="data", what="rtorch's data frames")   # imported when used


def is_frame(x: Any) -> bool:
    """Whether ``x`` is a pandas DataFrame or Series (never imports pandas)."""
    m = sys.modules.get("pandas")
    return m is not None and isinstance(x, (m.DataFrame, m.Series))


def _is_df(x: Any) -> bool:
    """Whether ``x`` is a pandas DataFrame (never imports pandas)."""
    m = sys.modules.get("pandas")
    return m is not None and isinstance(x, m.DataFrame)


# ---- factors -----------------------------------------------------------------------------------

def _as_factor(s: "pd.Series") -> "pd.Series":
    """A column as a pandas ``category`` Series with R's levels (sorted unique values)."""
    if isinstance(s.dtype, pd.CategoricalDtype):
        return s
    return s.astype(pd.CategoricalDtype(sorted(s.dropna().unique())))


def _is_factor_like(s: "pd.Series") -> bool:
    return isinstance(s.dtype, pd.CategoricalDtype) or s.dtype.kind in "OSUT" or \
        pd.api.types.is_string_dtype(s.dtype)


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
    if s.dtype.kind == "b":                         # logical; pandas' nullable boolean too
        return rbase.vectors._logical(s.to_numpy(dtype=bool, na_value=False), missing)
    if s.dtype.kind in "iu":                        # integer; pandas' nullable Int64 too
        return np.array(s.to_numpy(dtype=np.int64, na_value=rbase.NA_INT))
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
    parts = [RVector(_numbers(c)) for c in cols]
    top = rbase.vectors._top_type(p.rtype for p in parts)       # R's type for all of them
    return RVector(np.column_stack([rbase.vectors._coerce(p.values, p.rtype, top) for p in parts])
                   if parts else np.zeros((len(x), 0)))


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
    if callable(x) or not (isinstance(x, (RVector, list, tuple)) or hasattr(x, "__array__")):
        return x                                # R: what is not a vector comes back as it is
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


def column(s: "pd.Series") -> Any:
    """A pandas column as the R vector R's ``df$col`` gives: a :class:`Factor` for a
    ``category`` or string column (levels sorted, as R's ``factor()`` makes them, so
    ``as_integer(df.r.species)`` is R's codes), a double / integer / logical :class:`RVector`
    otherwise (NA for missing values)."""
    if isinstance(s.dtype, pd.CategoricalDtype) or s.dtype.kind in "OSUT" or \
            pd.api.types.is_string_dtype(s.dtype):
        return factor(_as_factor(s))                    # strings read as R's factor() makes them
    return RVector(_numbers(s))


def _as_column(value: Any, n: int) -> Any:
    """An R value to store as a column of ``n`` rows (recycled; factors as categories)."""
    if isinstance(value, Factor):
        return pd.Categorical.from_codes(np.where(value.values == rbase.NA_INT, -1,
                                                  value.values - 1), value.levels)
    if isinstance(value, (RVector, str, int, float, bool)):
        v = rbase.vectors._as_rvector(value)
        flat = v._flat()
        if flat.size not in (1, n) and n:
            raise ValueError(f"replacement has {flat.size} rows, data has {n}")
        values = np.resize(flat, n) if n else flat
        na = rbase.vectors._na_mask(values)
        if values.dtype.kind == "f":
            values = np.where(na, np.nan, values)
        elif v.rtype == "logical" and na.any():       # pandas' nullable types hold R's NA
            values = pd.arrays.BooleanArray(values == 1, na)
        elif v.rtype == "integer" and na.any():
            values = pd.arrays.IntegerArray(np.where(na, 0, values), na)
        return values
    if hasattr(value, "numpy") and hasattr(value, "dim"):           # a tensor
        return np.asarray(value).reshape(-1)
    return value


def _matrix_column(value: Any, k: int, n_columns: int) -> Any:
    """What ``df[, j] <- value`` puts in the ``k``-th of ``n_columns`` columns: a matrix with
    that many columns gives its ``k``-th (``x[, idx] <- sapply(idx, f)``), else the value."""
    if isinstance(value, RVector) and value.ndim == 2 and value.shape[1] == n_columns > 1:
        return RVector(value.values[:, k])
    return value


def _column_name(cols: list[str], name: str) -> str | None:
    """The column ``df.r.<name>`` means: ``name`` itself, or the R name with dots that a port
    spells with ``_`` (``iris.r.Sepal_Length`` is ``iris$Sepal.Length``)."""
    if name in cols:
        return name
    dotted = [c for c in cols if c.replace(".", "_") == name]
    return dotted[0] if len(dotted) == 1 else None


class RIndexer:
    """``x.r[...]``: R's ``[`` on a pandas DataFrame or Series (1-based, see the module
    docstring); ``df.r.col`` is R's ``df$col`` (always the column, never a pandas member) and
    ``df.r.col = v`` / ``df.r[:, "col"] = v`` assign as R does."""

    __slots__ = ("_obj",)

    def __init__(self, obj: Any) -> None:
        object.__setattr__(self, "_obj", obj)

    def __getattr__(self, name: str) -> Any:
        obj = object.__getattribute__(self, "_obj")
        if _is_df(obj):
            cols = [str(c) for c in obj.columns]
            found = _column_name(cols, name)
            if found is not None:
                return column(obj.iloc[:, cols.index(found)])
            raise AttributeError(f"the data frame has no column `{name}` (columns: "
                                 f"{', '.join(cols)})")
        raise AttributeError(name)

    def __setattr__(self, name: str, value: Any) -> None:
        obj = self._obj
        found = _column_name([str(c) for c in obj.columns], name) if \
            _is_df(obj) else None
        obj[found or name] = _as_column(value, len(obj))

    def __setitem__(self, key: Any, value: Any) -> None:
        obj = self._obj
        if isinstance(key, str):
            obj[key] = _as_column(value, len(obj))
            return
        if isinstance(key, tuple) and len(key) == 2 and _is_df(obj):
            rows, col = key
            cols = [str(c) for c in obj.columns]
            names = [str(v) for v in rbase.vectors._as_rvector(col).tolist()] \
                if isinstance(col, str) or isinstance(col, RVector) and \
                col.rtype == "character" else None
            if isinstance(rows, slice) and rows == slice(None):    # whole columns: replaced
                targets = names if names is not None else \
                    [cols[j] for j in _positions(col, obj.shape[1], cols)]
                for k, name in enumerate(targets):
                    obj[name] = _as_column(_matrix_column(value, k, len(targets)), len(obj))
                return
            r = _positions(rows, obj.shape[0], list(map(str, obj.index)))
            c = ([cols.index(n) for n in names] if names is not None
                 else _positions(col, obj.shape[1], cols))
            v = _as_column(value, len(r))
            for j in c:
                obj.iloc[r, j] = v
            return
        pos = _positions(key, len(obj), list(map(str, obj.index)))
        obj.iloc[pos] = _as_column(value, len(pos))

    def __getitem__(self, key: Any) -> Any:
        obj = self._obj
        key, keep = rbase._split_drop(key)
        if isinstance(obj, pd.Series):
            return self._vector(obj, key)
        if isinstance(key, str):                    # df[["col"]] / df$col: the column
            return getattr(self, key)
        if not isinstance(key, tuple):             # df[j]: columns, always a frame
            return obj.iloc[:, _positions(key, obj.shape[1], list(map(str, obj.columns)))]
        if len(key) != 2:
            raise IndexError("a data frame takes [i, j]")
        rows = _positions(key[0], obj.shape[0], list(map(str, obj.index)))
        cols = _positions(key[1], obj.shape[1], list(map(str, obj.columns)))
        out = obj.iloc[rows, cols]
        return column(out.iloc[:, 0]) if not keep and len(cols) == 1 else out

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


def _frame_columns(x: Any) -> "tuple[list, list[str]] | None":
    """A data frame as R's list of columns (R vectors and factors) and their names."""
    if not _is_df(x):
        return None
    return [column(x.iloc[:, j]) for j in range(x.shape[1])], [str(c) for c in x.columns]


rbase.frames.set_reader(_frame_columns, _is_df)    # lapply/sapply over a frame, is.na(df)

# ---- printing ----------------------------------------------------------------------------------

_WIDTH = 80                                     # getOption("width")


def _row_names(x: "pd.DataFrame") -> list[str]:
    """R's row names: pandas' default index (0, 1, ...) or data_frame()'s (1, 2, ...) is R's
    automatic 1, 2, ...; any other index is its labels (``mtcars``' car names)."""
    index = x.index
    if isinstance(index, pd.RangeIndex) and index.start in (0, 1) and index.step == 1:
        return [str(i) for i in range(1, len(x) + 1)]
    return [str(v) for v in index]


def _cells(s: "pd.Series") -> list[str]:
    """A column's cells as R's ``format.data.frame`` writes them: numbers with the column's
    common 7 significant digits, factors and strings as their labels, ``<NA>`` for a missing
    label and ``NA`` for a missing number or logical."""
    from .rbase.printing import _cells as vector_cells
    v = column(s)
    if isinstance(v, Factor):
        return ["<NA>" if label is None else label for label in v.labels()]
    return vector_cells(v._flat(), v.rtype, 7, quote=False)[0]


def r_print(x: "pd.DataFrame") -> str:
    """What R's ``print(df)`` shows: row names left-aligned, each column right-aligned under
    its name, one blank between columns, columns that pass the console's 80 characters in
    further blocks (as R wraps a wide data frame)."""
    nrow, ncol = x.shape
    names = [str(c) for c in x.columns]
    if ncol == 0:
        return f"data frame with 0 columns and {nrow} rows"
    if nrow == 0:
        return "[1] " + " ".join(n.ljust(max(map(len, names))) for n in names) + \
            "\n<0 rows> (or 0-length row.names)"
    rows = _row_names(x)
    rw = max(len(r) for r in rows)
    columns = []
    for j, name in enumerate(names):
        cells = _cells(x.iloc[:, j])
        width = max([len(name)] + [len(c) for c in cells])
        columns.append([name.rjust(width)] + [c.rjust(width) for c in cells])
    blocks: list[list[list[str]]] = []
    used = _WIDTH
    for col in columns:
        if used + 1 + len(col[0]) > _WIDTH and (not blocks or used > rw):
            blocks.append([])
            used = rw
        blocks[-1].append(col)
        used += 1 + len(col[0])
    lines = []
    for block in blocks:
        lines.append(" " * rw + "".join(" " + col[0] for col in block))
        lines.extend(r.ljust(rw) + "".join(" " + col[i + 1] for col in block)
                     for i, r in enumerate(rows))
    return "\n".join(lines)


# ---- R's data-frame functions ----------------------------------------------------------------

def data_frame(*args: Any, stringsAsFactors: bool = False, check_names: bool = True,
               **columns: Any) -> "pd.DataFrame":
    """R's ``data.frame(a = x, b = y)``: a pandas DataFrame, columns recycled to the longest;
    factors become ``category`` columns, tensors and R vectors their values. Unnamed data
    frames given positionally are bound by column."""
    parts = [a for a in args if _is_df(a)]
    named = dict(columns)
    for i, a in enumerate(a for a in args if not _is_df(a)):
        named[f"V{i + 1}"] = a
    n = max([len(p) for p in parts] + [rbase.length(v).values[0] if not isinstance(v, str) else 1
                                        for v in named.values()] + [0])
    out = pd.DataFrame({k: _as_column(v, int(n)) for k, v in named.items()})
    if stringsAsFactors:
        for k in out.columns:
            if out[k].dtype.kind == "O":
                out[k] = _as_factor(out[k])
    frame = pd.concat(parts + [out], axis=1) if parts else out
    frame.index = pd.RangeIndex(1, len(frame) + 1)
    return frame


def as_data_frame(x: Any, **kwargs: Any) -> "pd.DataFrame":
    """R's ``as.data.frame(x)``: a matrix's columns ``V1``, ``V2`` ...; a named list's
    elements as columns; a data frame as it is."""
    if _is_df(x):
        return x
    if isinstance(x, dict):
        return data_frame(**{str(k): v for k, v in x.items()})
    v = x if isinstance(x, RVector) else rbase.as_matrix(x) if not hasattr(x, "dim") else \
        RVector(np.asarray(x))
    values = v.values if v.values.ndim == 2 else v.values.reshape(-1, 1)
    frame = pd.DataFrame({f"V{j + 1}": values[:, j] for j in range(values.shape[1])})
    frame.index = pd.RangeIndex(1, len(frame) + 1)
    return frame


def is_data_frame(x: Any) -> RVector:
    """R's ``is.data.frame(x)``."""
    return rbase.arithmetic._scalar(_is_df(x), "logical")


def colnames(x: Any) -> Any:
    """R's ``colnames(x)``: a data frame's column names (NULL for a matrix without them)."""
    if _is_df(x):
        return RVector(np.array([str(c) for c in x.columns], dtype=object))
    return None


def rownames(x: Any) -> Any:
    """R's ``rownames(x)``: a data frame's row names ("1", "2", ... by default)."""
    if _is_df(x):
        return RVector(np.array([str(i) for i in x.index], dtype=object))
    return None


def _frame_bind(frames: list, axis: int) -> "pd.DataFrame":
    if axis == 1:
        out = pd.concat([f.reset_index(drop=True) for f in frames], axis=1)
    else:
        out = pd.concat(frames, axis=0, ignore_index=True)
    out.index = pd.RangeIndex(1, len(out) + 1)
    return out


def cbind(*args: Any, **kwargs: Any) -> Any:
    """R's ``cbind(...)``: data frames (with vectors as new columns) bound by column into a
    data frame; R vectors into a matrix."""
    if not any(_is_df(a) for a in args):
        return rbase.cbind(*args, **kwargs)
    n = next(len(a) for a in args if _is_df(a))
    frames = [a if _is_df(a) else
              pd.DataFrame({f"V{i + 1}": _as_column(a, n)}) for i, a in enumerate(args)]
    frames += [pd.DataFrame({k: _as_column(v, n)}) for k, v in kwargs.items()]
    return _frame_bind(frames, 1)


def rbind(*args: Any, **kwargs: Any) -> Any:
    """R's ``rbind(...)``: data frames stacked (columns matched by name) into a data frame;
    R vectors into a matrix."""
    if not any(_is_df(a) for a in args):
        return rbase.rbind(*args, **kwargs)
    return _frame_bind([a for a in args if a is not None], 0)


def head(x: Any, n: int = 6) -> Any:
    """R's ``head(x, n = 6)``: a data frame's first ``n`` rows (``n < 0``: all but the last)."""
    if _is_df(x):
        n = int(n)
        return x.iloc[:n] if n >= 0 else x.iloc[:len(x) + n]
    from .conversions import head as r_head
    return r_head(x, n)


def tail(x: Any, n: int = 6) -> Any:
    """R's ``tail(x, n = 6)``: a data frame's last ``n`` rows."""
    if _is_df(x):
        n = int(n)
        return x.iloc[len(x) - n:] if n >= 0 else x.iloc[-n:]
    from .conversions import tail as r_tail
    return r_tail(x, n)


def subset(x: "pd.DataFrame", subset: Any = None, select: Any = None) -> "pd.DataFrame":
    """R's ``subset(df, subset = <logical>, select = <columns>)``: rows where ``subset`` is
    TRUE (NA counts as FALSE), the ``select``ed columns (names or 1-based positions)."""
    out = x
    if subset is not None:
        values = rbase.vectors._as_rvector(subset).values
        mask = np.asarray(rbase.vectors._true(values), dtype=bool).reshape(-1)
        out = out.iloc[np.flatnonzero(mask)]
    if select is not None:
        out = out.iloc[:, _positions(select, out.shape[1], [str(c) for c in out.columns])]
    return out


def merge(x: "pd.DataFrame", y: "pd.DataFrame", by: Any = None, all: bool = False,
          all_x: bool | None = None, all_y: bool | None = None) -> "pd.DataFrame":
    """R's ``merge(x, y, by = intersect(names(x), names(y)), all = FALSE)``: rows sorted by
    the key columns, as R sorts them."""
    keys = ([str(v) for v in rbase.vectors._as_rvector(by).tolist()] if by is not None
            else [c for c in x.columns if c in set(y.columns)])
    left = all if all_x is None else all_x
    right = all if all_y is None else all_y
    how = "outer" if left and right else "left" if left else "right" if right else "inner"
    out = pd.merge(x, y, on=keys, how=how, sort=True)
    out.index = pd.RangeIndex(1, len(out) + 1)
    return out


def complete_cases(*args: Any) -> RVector:
    """R's ``complete.cases(...)``: for each row (of data frames, or element of vectors),
    whether it has no missing value."""
    masks = []
    for a in args:
        if _is_df(a):
            masks.append(~a.isna().any(axis=1).to_numpy())
        else:
            masks.append(~rbase.is_na(a).values.reshape(-1))
    return RVector(np.logical_and.reduce(masks) if masks else np.zeros(0, dtype=bool))


__all__ = (["na_omit", "factor", "levels", "data_frame", "as_data_frame", "is_data_frame",
            "colnames", "rownames", "cbind", "rbind", "head", "tail", "subset", "merge",
            "complete_cases"]
           )
