"""Text and output: paste, sprintf, cat, stop, plot.

Part of :mod:`rtorch.rbase` (see its docstring for the R semantics and porting rules).
"""
from __future__ import annotations

import builtins

import re
import sys

from typing import Any, Iterable, Iterator
import numpy as np

from .vectors import (  # noqa: F401
    _character_result, RVector, _DIGITS, _WIDTH, _as_rvector, _coerce)
from .printing import _cells  # noqa: F401
from .arithmetic import _scalar  # noqa: F401
from .sequences import character  # noqa: F401

# --------------------------------------------------------------------------------------
# Text and output
# --------------------------------------------------------------------------------------

def _strings(x: Any) -> list[str | None]:
    """``as.character`` of one argument (NA -> None; a factor's labels)."""
    labels = getattr(x, "_r_labels", None)
    if labels is not None:
        return list(labels())
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
    return _character_result(
        RVector(np.array([collapse.join(out)] if collapse is not None else out, dtype=object)))


def paste0(*args: Any, collapse: str | None = None) -> RVector:
    """R's ``paste0(...)``: ``paste`` with ``sep = ""``."""
    return paste(*args, sep="", collapse=collapse)


def stop(*args: Any, call_: Any = True, domain: Any = None) -> None:
    """R's ``stop(..., call. = TRUE, domain = NULL)``: an error (Python's ``RuntimeError``)
    whose message is the arguments pasted together, as R's ``stop("Error on epoch ", 5)``
    makes ``Error on epoch 5``. ``call_`` (R's ``call.``) and ``domain`` are accepted; the
    message is the same either way (Python's traceback shows the call)."""
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
    return _character_result(RVector(np.array(out, dtype=object)))


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
    from ..figure import figure                     # shown by Jupyter without an extension
    fig = figure(figsize=(6, 4.5), layout="constrained")
    ax = fig.subplots()
    ax.scatter(xs, ys, facecolors="none", edgecolors="black", s=18)
    ax.set_xlabel(xlab or ("Index" if y is None else ""))
    ax.set_ylabel(ylab)
    ax.set_title(main)
    return fig
