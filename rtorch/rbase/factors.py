"""R's factors: ``factor()``, ``levels()``, ``nlevels()``, ``as.factor()``, ``is.factor()``,
``droplevels()``, ``table()``.

Part of :mod:`rtorch.rbase`. A :class:`Factor` is an R integer vector of codes (1-based, NA
for missing) with ``levels``: it indexes like any R vector (``y[-in_val]``, ``y[in_val]``,
``y[y == "a"]``, logical masks) and stays a factor; ``==`` compares its labels;
``as_integer(f)`` / ``as_numeric(f)`` are the codes and ``as_character(f)`` the labels, as in
R; ``torch_tensor(f)`` is the Long tensor of codes (R's ``as.integer(f)``). It prints as R
prints a factor. pandas ``category`` columns convert to factors (``df.r.Species``).
"""
from __future__ import annotations

from typing import Any, Sequence

import numpy as np

from .vectors import NA_INT, RVector, _as_rvector, _na_mask, _to_character, _WIDTH
from .arithmetic import _scalar


class Factor(RVector):
    """An R factor: integer codes (``.values``, 1-based) and ``.levels`` (see the module)."""

    __slots__ = ("levels", "ordered")

    def __init__(self, codes: Any, levels: Sequence[str], ordered: bool = False,
                 names: Sequence[str] | None = None) -> None:
        super().__init__(np.asarray(codes, dtype=np.int64), names)
        self.levels: list[str] = [str(v) for v in levels]
        self.ordered: bool = bool(ordered)

    def _like(self, codes: Any, names: Any = None) -> Factor:
        return Factor(codes, self.levels, self.ordered, names)

    def r_class(self) -> list[str]:
        """R's ``class(f)``."""
        return ["ordered", "factor"] if self.ordered else ["factor"]

    def labels(self) -> list[str | None]:
        """Each element's label (None for NA): R's ``as.character(f)``."""
        return [None if c == NA_INT else self.levels[c - 1] for c in self._flat().tolist()]

    _r_labels = labels

    def copy(self) -> Factor:
        return self._like(self.values.copy(), None if self.names is None else list(self.names))

    def __getitem__(self, key: Any) -> Factor:
        out = RVector(self.values, self.names)[key]
        return self._like(out.values, out.names)

    def __setitem__(self, key: Any, value: Any) -> None:
        v = value if isinstance(value, Factor) else _as_rvector(value)
        labels = v.labels() if isinstance(v, Factor) else [
            None if t is None else str(t) for t in _to_character(v._flat(), v.rtype).tolist()]
        bad = [t for t in labels if t is not None and t not in self.levels]
        if bad:
            raise ValueError(f"invalid factor level, NA generated: {bad[0]!r} is not a level")
        codes = np.array([NA_INT if t is None else self.levels.index(t) + 1 for t in labels],
                         dtype=np.int64)
        plain = RVector(self.values, self.names)
        plain[key] = RVector(codes)
        self.values = plain.values

    def _compare_labels(self, other: Any, equal: bool) -> RVector:
        if isinstance(other, Factor):
            other = RVector(np.array(other.labels(), dtype=object))
        mine = RVector(np.array(self.labels(), dtype=object), self.names)
        return (mine == other) if equal else (mine != other)

    def __eq__(self, other: Any) -> RVector:        # type: ignore[override]
        return self._compare_labels(other, True)

    def __ne__(self, other: Any) -> RVector:        # type: ignore[override]
        return self._compare_labels(other, False)

    __hash__ = RVector.__hash__

    def __iter__(self):
        return iter(RString_or_na(t) for t in self.labels())

    def tolist(self) -> list:
        """The labels, as Python strings (None for NA)."""
        return self.labels()

    def _lines(self, digits: int) -> list[str]:
        labels = ["<NA>" if t is None else t for t in self.labels()]
        n = len(labels)
        sep = " < " if self.ordered else " "
        level_line = "Levels: " + sep.join(self.levels)
        if n == 0:
            return ["factor(0)", level_line]
        w = max(len(t) for t in labels)
        labw = len(f"[{n}]")
        lines, line, width = [], "[1]".rjust(labw), labw
        for i, cell in enumerate(labels):
            if i > 0 and width + w + 1 > _WIDTH:
                lines.append(line)
                head = f"[{i + 1}]".rjust(labw)
                line, width = head, labw
            line += " " + cell.ljust(w)
            width += w + 1
        lines.append(line)
        return lines + [level_line]

    def str(self) -> str:
        codes = " ".join(str(c) if c != NA_INT else "NA" for c in self._flat().tolist()[:10])
        levels = " ".join(f'"{v}"' for v in self.levels[:5])
        return f" Factor w/ {len(self.levels)} level{'s' if len(self.levels) != 1 else ''} " \
               f"{levels}{',..' if len(self.levels) > 5 else ''}: {codes}"


def RString_or_na(t: str | None) -> Any:
    from .vectors import RString
    return None if t is None else RString(t)


def _values_of(x: Any) -> tuple[list, str]:
    """Elements of ``x`` (an R vector, a pandas Series, a list) and their R type."""
    if isinstance(x, Factor):
        return x.labels(), "character"
    if type(x).__name__ == "Series":
        if hasattr(x, "cat"):
            return [None if v != v or v is None else str(v) for v in x.tolist()], "character"
        x = np.asarray(x.to_numpy())
    if isinstance(x, (list, tuple)) and all(v is None or isinstance(v, str) for v in x):
        return list(x), "character"
    v = _as_rvector(x)
    values = [None if e is None or (isinstance(e, float) and e != e) else e for e in v.tolist()]
    return values, v.rtype


def _sort_levels(values: list, rtype: str) -> list:
    unique = {v for v in values if v is not None}
    return sorted(unique)


def factor(x: Any = None, levels: Any = None, labels: Any = None, exclude: Any = None,
           ordered: bool = False) -> Factor:
    """R's ``factor(x = character(), levels, labels = levels, exclude = NA, ordered = FALSE)``:
    levels are the sorted unique values unless given; values not among the levels are NA."""
    if x is None:
        x = []
    if type(x).__name__ == "Series" and levels is None and hasattr(x, "cat") and \
            str(x.dtype) == "category":
        levels = [str(c) for c in x.cat.categories]
        ordered = ordered or bool(x.cat.ordered)
    values, rtype = _values_of(x)
    if levels is None:
        lv = _sort_levels(values, rtype)
    else:
        lv, _ = _values_of(levels)
    keys = [_key(v) for v in lv]
    where = {k: i + 1 for i, k in enumerate(keys)}
    codes = [NA_INT if v is None else where.get(_key(v), NA_INT) for v in values]
    level_text = [_label(v) for v in lv]
    if labels is not None:
        lab, _ = _values_of(labels)
        if len(lab) == 1 and len(level_text) > 1:
            lab = [f"{lab[0]}{i}" for i in range(1, len(level_text) + 1)]
        if len(lab) != len(level_text):
            raise ValueError(f"invalid 'labels'; length {len(lab)} should be 1 or "
                             f"{len(level_text)}")
        level_text = [str(v) for v in lab]
    names = x.names if isinstance(x, RVector) else None
    return Factor(codes, level_text, ordered, names)


def _key(v: Any) -> Any:
    return float(v) if isinstance(v, (int, float, bool)) and not isinstance(v, str) else str(v)


def _label(v: Any) -> str:
    if isinstance(v, float):
        return _to_character(np.array([v]), "double").tolist()[0]
    if isinstance(v, bool):
        return "TRUE" if v else "FALSE"
    return str(v)


def as_factor(x: Any) -> Factor:
    """R's ``as.factor(x)``: ``x`` if it is a factor, else ``factor(x)``."""
    return x if isinstance(x, Factor) else factor(x)


def is_factor(x: Any) -> RVector:
    """R's ``is.factor(x)`` (a pandas ``category`` column counts)."""
    ok = isinstance(x, Factor) or (type(x).__name__ == "Series" and str(x.dtype) == "category")
    return _scalar(ok, "logical")


def levels(x: Any) -> Any:
    """R's ``levels(x)``: a factor's levels (a character vector); NULL for other values."""
    if not isinstance(x, Factor):
        if type(x).__name__ == "Series":
            x = factor(x)
        else:
            return None
    return RVector(np.array(x.levels, dtype=object))


def nlevels(x: Any) -> RVector:
    """R's ``nlevels(x)``: the number of levels (0 for a non-factor)."""
    lv = levels(x)
    return RVector(np.array([0 if lv is None else lv.values.size], dtype=np.int64))


def droplevels(x: Any) -> Factor:
    """R's ``droplevels(f)``: the levels that no element uses dropped."""
    f = as_factor(x)
    used = sorted({c for c in f._flat().tolist() if c != NA_INT})
    remap = {old: new for new, old in enumerate(used, 1)}
    codes = [NA_INT if c == NA_INT else remap[c] for c in f._flat().tolist()]
    return Factor(codes, [f.levels[c - 1] for c in used], f.ordered, f.names)


class Table(RVector):
    """R's 1-D ``table``: integer counts named by level, printed as R prints a table (a blank
    line for the empty dimnames header, then the names and counts)."""

    __slots__ = ()

    def r_class(self) -> list[str]:
        return ["table"]

    def _lines(self, digits: int) -> list[str]:
        return [""] + super()._lines(digits)


def table(*args: Any) -> RVector:
    """R's ``table(x)`` of one vector or factor: counts per level (sorted values), named."""
    if len(args) != 1:
        raise NotImplementedError("table() of one vector or factor")
    f = as_factor(args[0])
    counts = np.bincount([c - 1 for c in f._flat().tolist() if c != NA_INT],
                         minlength=len(f.levels)).astype(np.int64)
    return Table(counts, f.levels)
