"""R's named list, as rtorch returns it (dataset items, batches).

R code reads a named list with ``$``: ``batch$x``. A :class:`NamedList` is a ``dict`` whose
elements are also attributes, so the port reads ``batch.x`` or ``batch["x"]``. An element
wins over a ``dict`` method of the same name (``batch.values`` is the element ``values`` when
there is one). It prints as R prints a list:

    $x
    torch_tensor
    ...

R's positional ``batch[[1]]`` is ``batch[0]``: an integer that is not a name picks by position,
counted from 0 as in the Python lists rtorch returns for unnamed R lists, so ``batch[0]`` is
the first element whichever of the two a data set gives.

As R's lists do, a named list iterates its **values** (``for (x in l)``, ``a, b = l`` for R's
``c(a, b) %<-% l``, ``list(l)``); ``names(l)`` gives the names (``l.keys()`` too), ``k in l``
asks for a name, and ``dict(l)`` and ``**l`` still see the names. R's ``[`` with a vector
subscript gives a named list: ``l[c(1, 3)]`` (1-based), ``l[-c(1)]`` (R's ``l[-1]``: all but
the first), ``l[c("a", "b")]``, ``l[!is_bias]`` (a logical vector).

Users' own ``dict(x = ...)`` values (R's ``list(x = ...)``) become named lists when rtorch hands
them back (``ds[i]``, batches from a data loader).
"""
from __future__ import annotations

import re
from typing import Any, Iterator

import numpy as np

from .rbase import RString, RVector


class NamedList(dict):
    """R's named list: a ``dict`` with attribute access to its elements, iterating its values."""

    __slots__ = ()

    def __iter__(self) -> Iterator[Any]:
        return iter(dict.values(self))

    def __getitem__(self, key: Any) -> Any:
        if is_vector_subscript(key):
            return subset(self, key)
        return dict.__getitem__(self, key)

    def __getattribute__(self, name: str) -> Any:
        if not name.startswith("__"):
            try:
                return dict.__getitem__(self, name)
            except KeyError:
                pass
        try:
            return object.__getattribute__(self, name)
        except AttributeError:
            key = dotted_name(self, name)
            if key is None:
                raise
            return dict.__getitem__(self, key)

    def __missing__(self, key: Any) -> Any:
        """An integer that is not a name: the element at that position (from 0, as in a list)."""
        if type(key) is int:
            values = list(self.values())
            if -len(values) <= key < len(values):
                return values[key]
            raise IndexError(f"position {key} is out of range for a named list of length "
                             f"{len(values)} (positions count from 0: R's [[1]] is [0])")
        raise KeyError(key)

    def __setattr__(self, name: str, value: Any) -> None:
        self[name] = value

    def __delattr__(self, name: str) -> None:
        try:
            del self[name]
        except KeyError:
            raise AttributeError(name) from None

    def __dir__(self) -> list[str]:
        return sorted(set(super().__dir__()) | {k for k in self if isinstance(k, str)})

    def copy(self) -> "NamedList":
        """A shallow copy, still a named list."""
        return type(self)(dict.items(self)) if type(self) is NamedList else dict.copy(self)

    def __repr__(self) -> str:
        if not self:
            return "named list()"
        return "\n".join(f"${k}\n{v!r}\n" for k, v in self.items())

    __str__ = __repr__


def as_named(x: Any) -> Any:
    """``x`` with every plain ``dict`` inside (through lists and tuples) made a
    :class:`NamedList`, as rtorch returns R's named lists."""
    tp = type(x)
    if tp is dict or tp is NamedList:
        return NamedList({k: as_named(v) for k, v in x.items()})
    if tp is list or tp is tuple:
        return tp(as_named(v) for v in x)
    return x


def named_list(*args: Any, **kwargs: Any) -> NamedList:
    """R's ``list(a = 1, b = 2)`` as a named list (``named_list(a = 1, b = 2)``); with no
    arguments the empty list that R code grows by assignment (``x <- NULL; x$a <- v`` is
    ``x = named_list(); x.a = v``). A dict or pairs given positionally are taken as they are."""
    return NamedList(*args, **kwargs)


def is_vector_subscript(key: Any) -> bool:
    """Whether ``key`` is an R vector subscript (an R vector, a numpy array, or a Python list
    of logicals or strings) rather than one name or one position."""

    if isinstance(key, (str, int, RString)) or key is None:
        return False
    if isinstance(key, RVector):
        return True
    if isinstance(key, np.ndarray):
        return key.ndim > 0
    if isinstance(key, list):
        return bool(key) and all(isinstance(k, (bool, np.bool_, str)) for k in key)
    return False


def subset_positions(names: list[str], key: Any) -> list[int]:
    """R's ``[`` on a list of ``len(names)`` elements: the 0-based positions ``key`` picks
    (1-based numbers, negative numbers drop, a logical vector recycles, names select)."""

    values = key.values.reshape(-1, order="F") if isinstance(key, RVector) else np.asarray(key).ravel()
    n = len(names)
    if values.dtype.kind == "b":
        if values.size > n:
            raise IndexError(f"(subscript) logical subscript too long: {values.size} for a list "
                             f"of length {n}")
        mask = np.resize(values, n) if values.size else np.zeros(n, dtype=bool)
        return [i for i in range(n) if mask[i]]
    if values.dtype.kind in "OUS":
        where = {k: i for i, k in reversed(list(enumerate(names)))}
        missing = [str(v) for v in values.tolist() if v not in where]
        if missing:
            raise KeyError(f"no element named {', '.join(missing)} in this list (names: "
                           f"{', '.join(names)})")
        return [where[v] for v in values.tolist()]
    numbers = [int(v) for v in values.tolist() if v == v]
    if any(v != int(v) for v in values.tolist()):
        raise TypeError("list subscripts must be whole numbers")
    if any(v < 0 for v in numbers):
        if any(v > 0 for v in numbers):
            raise IndexError("can't mix positive and negative subscripts")
        drop = {-v - 1 for v in numbers}
        return [i for i in range(n) if i not in drop]
    out = []
    for v in numbers:
        if v == 0:
            continue
        if v > n:
            raise IndexError(f"subscript out of bounds: position {v} in a list of length {n}")
        out.append(v - 1)
    return out


def subset(x: dict, key: Any) -> NamedList:
    """R's ``x[key]`` on a named list: a named list of the picked elements."""
    names = [str(k) for k in dict.keys(x)]
    keys = list(dict.keys(x))
    return NamedList((keys[i], dict.__getitem__(x, keys[i])) for i in subset_positions(names, key))


def dotted_name(items: dict, name: str) -> str | None:
    """The one name of ``items`` that R spells with dots where Python's attribute has ``_``
    (R's ``pars$fc.weight`` is ``pars.fc_weight``, PORTING §7), or None."""
    if "_" not in name:
        return None
    hits = [k for k in dict.keys(items) if isinstance(k, str) and "." in k
            and k.replace(".", "_") == name]
    return hits[0] if len(hits) == 1 else None


_SYNTACTIC = re.compile(r"^((([A-Za-z]|[.][._A-Za-z])[._A-Za-z0-9]*)|[.])$")
_RESERVED = frozenset({"if", "else", "repeat", "while", "function", "for", "next", "break",
                       "TRUE", "FALSE", "NULL", "Inf", "NaN", "NA", "NA_integer_", "NA_real_",
                       "NA_character_", "in"})


def r_name(name: Any) -> str:
    """A list element's name as R's print labels it after ``$``: backquoted unless it is a
    syntactic name (``$fc.weight``, ``` $`1` ```, ``` $`0.weight` ```)."""
    name = str(name)
    return name if _SYNTACTIC.match(name) and name not in _RESERVED else f"`{name}`"

