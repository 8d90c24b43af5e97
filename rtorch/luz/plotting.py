"""R's ``plot()`` for luz's results, drawn with matplotlib (``pip install rtorch[luz]``).

* ``plot(fitted)``: each metric's value per epoch, one row of panels per metric and one column
  per set (``train``, ``valid``), points and lines, each row on its own y scale (luz's
  ``facet_grid(metric ~ set, scales = "free_y")``);
* ``plot(lr_finder(...))``: the loss (dotted) and its smoothed curve (bias-corrected moving
  average, ``beta = 0.9``) against the learning rate, on a log scale.

Both return a ``matplotlib.figure.Figure`` that Jupyter shows by itself (:mod:`rtorch.figure`;
no extension or ``%matplotlib inline`` needed); elsewhere ``fig.savefig(path)``.
"""
from __future__ import annotations

from typing import Any

from ..rbase import plot as base_plot
from .lr_finder import LrRecordsMethods
from .module import LuzModuleFitted, metrics_frame

__all__ = ["plot"]


def _figure(**kwargs: Any) -> Any:
    from ..figure import figure
    return figure(**kwargs)


def _plot_fitted(x: LuzModuleFitted) -> Any:
    frame = metrics_frame(x["records"])
    metrics = list(dict.fromkeys(frame["metric"]))
    sets = list(dict.fromkeys(frame["set"]))
    fig = _figure(figsize=(3.2 * len(sets) + 1, 2.2 * len(metrics) + 0.6), layout="constrained")
    axes = fig.subplots(len(metrics), len(sets), squeeze=False, sharex=True, sharey="row")
    value = "value" if "value" in frame else [c for c in frame if c.startswith("value")][0]
    for i, metric in enumerate(metrics):
        for j, set_name in enumerate(sets):
            ax = axes[i][j]
            part = frame[(frame["metric"] == metric) & (frame["set"] == set_name)]
            ax.plot(part["epoch"], part[value], marker="o", color="black", markersize=3)
            if i == 0:
                ax.set_title(set_name)
            if j == len(sets) - 1:
                ax.yaxis.set_label_position("right")
                ax.set_ylabel(metric)
            if i == len(metrics) - 1:
                ax.set_xlabel("epoch")
    fig.supylabel("value")
    return fig


def _plot_lr(x: LrRecordsMethods) -> Any:
    smoothed, avg, beta = [], 0.0, 0.9
    for i, loss in enumerate(x["loss"], 1):
        avg = beta * avg + (1 - beta) * loss
        smoothed.append(avg / (1 - beta ** i))
    fig = _figure(figsize=(6, 4), layout="constrained")
    ax = fig.subplots()
    ax.plot(x["lr"], x["loss"], linestyle="dotted", color="black", linewidth=0.7)
    ax.plot(x["lr"], smoothed, color="cyan", linewidth=1)
    ax.set_xscale("log")
    ax.set_xlabel("Learning Rate")
    ax.set_ylabel("Loss")
    return fig


def plot(x: Any, *args: Any, **kwargs: Any) -> Any:
    """R's ``plot()`` for a fitted luz model or ``lr_finder()`` records: a matplotlib figure
    (see the module docstring); anything else goes to base R's ``plot()``
    (:func:`rtorch.rbase.plot`)."""
    if isinstance(x, LrRecordsMethods):
        return _plot_lr(x)
    if isinstance(x, LuzModuleFitted):
        return _plot_fitted(x)
    return base_plot(x, *args, **kwargs)            # R's plot() of numeric vectors
