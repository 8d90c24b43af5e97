"""A data frame as rbase's functions see one: R's list of columns.

rbase knows no pandas. :mod:`rtorch.dataframe` installs its reader with :func:`set_reader`
when it is imported; until then nothing is a data frame here. ``lapply``/``sapply`` iterate a
frame's columns (named, as R's list of columns is), ``is.na(df)`` is R's logical matrix and
``df[[i]]`` (``pluck``) the ``i``-th column.
"""
from __future__ import annotations

from typing import Any, Callable

_reader: Callable[[Any], "tuple[list, list[str]] | None"] | None = None
_is_frame: Callable[[Any], bool] = lambda x: False


def set_reader(reader: Callable[[Any], "tuple[list, list[str]] | None"],
               is_frame: Callable[[Any], bool]) -> None:
    """Install the function that gives a data frame's columns (as R vectors) and names, and
    ``None`` for anything that is not a data frame, and the test of what is one."""
    global _reader, _is_frame
    _reader, _is_frame = reader, is_frame


def is_frame(x: Any) -> bool:
    """Whether ``x`` is a data frame."""
    return _is_frame(x)


def columns(x: Any) -> "tuple[list, list[str]] | None":
    """``x``'s columns as R vectors and their names when ``x`` is a data frame, else None."""
    return None if _reader is None or isinstance(x, (list, tuple, dict, str)) else _reader(x)
