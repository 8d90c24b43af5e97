"""R's named list, as rtorch returns it (dataset items, batches).

R code reads a named list with ``$``: ``batch$x``. A :class:`NamedList` is a ``dict`` whose
elements are also attributes, so the port reads ``batch.x`` or ``batch["x"]``. An element
wins over a ``dict`` method of the same name (``batch.values`` is the element ``values`` when
there is one). It prints as R prints a list:

    $x
    torch_tensor
    ...

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
