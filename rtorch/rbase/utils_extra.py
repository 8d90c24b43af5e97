"""R functions that translated R torch code calls and that no other family holds: R's
``str()`` (Python's ``str`` is a builtin rtorch does not hide, so the Python name is
``str_``) and ggplot2's ``coord_cartesian()`` added to a figure (``plot(records) +
coord_cartesian(ylim = c(NA, 5))``), which luz's articles write after ``plot()``."""
from __future__ import annotations

import math
from typing import Any

__all__ = ["str_", "coord_cartesian", "CoordCartesian"]


def str_(object: Any) -> None:
    """R's ``str(object)``: print the object's structure on one line (or one line per
    column of a data frame) and return ``None`` (R's invisible ``NULL``).

    A tensor prints as R torch prints it (``Float [1:2, 1:3]``); an R vector (or a Python
    number or string) as base R does (`` num [1:3] 1 2 3``); a list (Python's list or dict,
    R's list) as ``List of n`` and a line per element; an object with its own ``str()``
    method (a factor, luz's ``lr_finder()`` records) prints through it. Anything else raises an error rather than
    print Python's ``str()`` of it."""
    from .vectors import RVector
    if hasattr(object, "dtype") and hasattr(object, "shape") and hasattr(object, "detach"):
        from ..dtypes import tensor_str        # a tensor, rtorch's or PyTorch's
        print(tensor_str(object))
        return None
    if isinstance(object, (list, tuple, dict)):                 # R's list: a line per element
        print("\n".join(_list_lines(object, " $ ")) if len(object) else " list()")
        return None
    if isinstance(object, (bool, int, float, str)):
        from .vectors import c
        object = c(object)
    method = getattr(object, "str", None)
    if isinstance(object, RVector) or callable(method):
        text = method()
        if text is not None:
            print(text)
        return None
    raise TypeError(f"str() of a {type(object).__name__} is not supported: it prints the "
                    "structure of tensors, R vectors, factors and luz's lr_finder() records")


def _list_lines(x: Any, marker: str) -> list[str]:
    """R's ``str()`` of a list: ``List of n``, then `` $ name: `` and each element's line
    (nested lists one level deeper, ``  ..$ ``)."""
    from .vectors import RVector, c
    items = list(x.items()) if isinstance(x, dict) else [("", v) for v in x]
    lines = [f"List of {len(items)}"]
    width = max([len(str(k)) for k, _ in items] + [0])
    for name, value in items:
        label = f"{marker}{str(name).ljust(width)}:"
        if isinstance(value, (list, tuple, dict)):
            inner = _list_lines(value, "  .." + marker.strip() + " ")
            lines.append(f"{label}{inner[0]}")
            lines.extend(inner[1:])
            continue
        if isinstance(value, (bool, int, float, str)):
            value = c(value)
        method = getattr(value, "str", None)
        text = method() if isinstance(value, RVector) or callable(method) else None
        lines.append(f"{label}{text if text is not None else ' ' + type(value).__name__}")
    return lines


class CoordCartesian:
    """What ggplot2's ``coord_cartesian(xlim, ylim)`` gives: added to a matplotlib figure
    (``fig + coord_cartesian(...)``) it sets the view of the figure's axes and returns the
    figure; an ``NA`` (or ``None``) end of a limit stays as matplotlib drew it."""

    def __init__(self, xlim: Any = None, ylim: Any = None) -> None:
        self.xlim = _limits(xlim, "xlim")
        self.ylim = _limits(ylim, "ylim")

    def __radd__(self, figure: Any) -> Any:
        import matplotlib.figure
        if not isinstance(figure, matplotlib.figure.FigureBase):
            raise TypeError("coord_cartesian() is added to a figure (what plot() returns), "
                            f"not to a {type(figure).__name__}")
        for ax in figure.axes:
            if self.xlim is not None:
                ax.set_xbound(*self.xlim)
            if self.ylim is not None:
                ax.set_ybound(*self.ylim)
        return figure

    def __repr__(self) -> str:
        return f"<coord_cartesian xlim={self.xlim} ylim={self.ylim}>"


def _limits(value: Any, name: str) -> tuple[float | None, float | None] | None:
    """A limit as (lower, upper), an end that is R's NA as None; None for no limit."""
    if value is None:
        return None
    values = list(value.values if hasattr(value, "values") and not callable(value.values)
                  else value)
    if len(values) != 2:
        raise ValueError(f"{name} must have 2 values (lower, upper), not {len(values)}")
    ends = []
    for v in values:
        v = None if v is None else float(v)
        ends.append(None if v is None or math.isnan(v) else v)
    return ends[0], ends[1]


def coord_cartesian(xlim: Any = None, ylim: Any = None, expand: bool = True,
                    default: bool = False, clip: str = "on") -> CoordCartesian:
    """ggplot2's ``coord_cartesian(xlim = NULL, ylim = NULL)``: ``fig + coord_cartesian(ylim
    = c(NA, 5))`` shows the part of the plot with y up to 5, the lower end free, through
    matplotlib's ``Axes.set_xbound`` / ``set_ybound``. ``expand``, ``default`` and ``clip``
    are accepted for R's signature; matplotlib's view has no counterpart for them."""
    return CoordCartesian(xlim, ylim)
