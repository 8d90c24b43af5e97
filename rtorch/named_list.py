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

Users' own ``dict(x = ...)`` values (R's ``list(x = ...)``) become named lists when rtorch hands
them back (``ds[i]``, batches from a data loader).
"""
from __future__ import annotations

from typing import Any


class NamedList(dict):
    """R's named list: a ``dict`` with attribute access to its elements."""

    __slots__ = ()

    def __getattribute__(self, name: str) -> Any:
        if not name.startswith("__"):
            try:
                return dict.__getitem__(self, name)
            except KeyError:
                pass
        return object.__getattribute__(self, name)

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
