"""The figures R's ``plot()`` draws (``plot(x)``, luz's ``plot(fitted)``), as matplotlib figures
that Jupyter shows by themselves, as R's plots appear in a notebook.

:func:`figure` makes a ``matplotlib.figure.Figure`` (matplotlib is imported then, not with
rtorch; the ``luz`` extra installs it) whose ``_repr_png_`` renders it: IPython and Jupyter
display it without ``%matplotlib inline`` or rtorch's extension; elsewhere
``fig.savefig(path)`` writes it.
"""
from __future__ import annotations

import functools
import io
from typing import Any

__all__ = ["figure"]


@functools.cache
def _figure_class() -> type:
    from .lazy import require
    base = require("matplotlib.figure", "luz", "plot()").Figure

    class Figure(base):
        """A matplotlib figure that IPython shows as a PNG image (named ``Figure``, as it
        prints: ``<Figure size 600x450 with 1 Axes>``)."""

        def _repr_png_(self) -> bytes:
            buf = io.BytesIO()
            self.savefig(buf, format="png", bbox_inches="tight")
            return buf.getvalue()

    Figure.__module__, Figure.__qualname__ = __name__, "Figure"
    return Figure


def figure(**kwargs: Any) -> Any:
    """A new figure (``matplotlib.figure.Figure`` arguments: ``figsize``, ``layout``, ...)."""
    return _figure_class()(**kwargs)
