"""luz's metrics: ``luz_metric()``, ``luz_metric_set()`` and the built-in ``luz_metric_*``.

As in R, ``luz_metric_mae()`` returns a *metric generator*; luz calls its ``new()`` at the start
of every training and validation epoch, then ``update(preds, target)`` after each batch and
``compute()`` once per epoch (and when the progress bar is redrawn):

    m = luz_metric_accuracy().new()
    m.update(preds, target)
    m.compute()

A custom metric is ``luz_metric(abbrev = "Acc", initialize = f, update = g, compute = h)`` with
``def f(self, ...)``, or the class form ``class Acc(LuzMetric)``; ``inherit =`` extends one
(R's ``super$update()`` is ``self.super.update()``); ``self.ctx`` is the running context.

Every built-in metric keeps its state in tensors on the metric's device and adds to them
without reading them back: no device-to-host sync per batch (luz's own accuracy metrics call
``$item()`` per batch; here the count stays on the device until ``compute()``). Values are
luz's: ``luz_metric_accuracy`` compares the 1-based ``argmax(preds, dim = 2)`` with 1-based
targets; the AUROC metrics use luz's thresholds and its interpolation.
"""
from __future__ import annotations

import math
from typing import Any

import numpy as np
import torch

from ..generator import Generator
from ..named_list import NamedList
from ..tensor import Tensor, unwrap
from .r6 import R6Object, r6_generator
from .progress import r_number

__all__ = ["LuzMetric", "MetricGenerator", "luz_metric", "luz_metric_set", "LuzMetricSet",
           "luz_metric_accuracy", "luz_metric_binary_accuracy",
           "luz_metric_binary_accuracy_with_logits", "luz_metric_binary_auroc",
           "luz_metric_multiclass_auroc", "luz_metric_mae", "luz_metric_mse", "luz_metric_rmse",
           "luz_metric_loss_average", "formatted_metrics", "format_value"]


def format_value(v: Any) -> str:
    """luz's default metric format: ``round(v, 4)``; a list as ``a: 1.2 | b: 3.4``."""
    if isinstance(v, dict):
        return " | ".join(f"{k}: {r_number(round(x, 4))}" for k, x in v.items())
    if isinstance(v, (list, tuple)):
        return " | ".join(f"{i}: {r_number(round(x, 4))}" for i, x in enumerate(v, 1))
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return r_number(round(v, 4))
    return str(v)


class MetricClass(Generator):
    """The type of metric classes: calling one with arguments gives a metric generator (R's
    ``luz_metric_mae()``), whose ``new()`` makes the metric object."""

    r_kind = "luz_metric_generator"

    def __call__(cls, *args: Any, **kwargs: Any) -> "MetricGenerator":
        binder = getattr(cls.initialize, "__r_binder__", None)
        if binder is not None:      # R's matching now (R's errors at the call, as in R), the
            binder.bind(args, kwargs)   # arguments kept as given for ``initialize``
        return MetricGenerator(cls, args, kwargs)


class LuzMetric(R6Object, metaclass=MetricClass):
    """Base of luz's metrics (R's ``LuzMetric``). Implement ``initialize``, ``update(preds,
    target)`` and ``compute()``; ``abbrev`` names the metric in output and records."""

    abbrev: str | None = None
    ctx: Any = None

    def update(self, preds: Any, target: Any) -> None:
        raise NotImplementedError("`update()` is not implemented for this metric")

    def compute(self) -> Any:
        raise NotImplementedError("`compute()` is not implemented for this metric")

    def format(self, v: Any) -> str:
        """How a computed value is shown (``round(v, 4)``)."""
        return format_value(v)

    def to(self, device: Any) -> "LuzMetric":
        """Move the metric's tensors to ``device`` (float64 becomes float32 on MPS)."""
        dev = torch.device(str(device))
        for name, value in list(vars(self).items()):
            t = unwrap(value)
            if isinstance(t, torch.Tensor):
                if dev.type == "mps" and t.dtype == torch.float64:
                    t = t.to(torch.float32)
                moved = t.to(dev)
                setattr(self, name, moved if type(value) is not Tensor else Tensor(moved))
        return self

    def __repr__(self) -> str:
        return f"<{type(self).__name__}> luz metric ({self.abbrev or type(self).__name__})"


class MetricGenerator:
    """A metric with its arguments, waiting for ``new()`` (R's ``luz_metric_generator``)."""

    __slots__ = ("cls", "args", "kwargs")

    def __init__(self, cls: type, args: tuple, kwargs: dict):
        self.cls, self.args, self.kwargs = cls, args, kwargs

    def new(self) -> LuzMetric:
        """A fresh metric object (``initialize`` run with the generator's arguments)."""
        return type.__call__(self.cls, *self.args, **self.kwargs)

    @property
    def abbrev(self) -> str:
        return self.cls.abbrev or self.cls.__name__

    def __repr__(self) -> str:
        return f"<luz_metric_generator> {self.cls.__name__} ({self.abbrev})"


def luz_metric(name: str | None = None, *, private: dict | None = None,
               active: dict | None = None, parent_env: Any = None, inherit: Any = None,
               **members: Any) -> type:
    """R's ``luz_metric(name = NULL, ..., private, active, parent_env, inherit)``: a new metric
    class; ``members`` are its methods (``initialize``, ``update``, ``compute``; ``def f(self,
    ...)``) and fields (``abbrev = "Acc"``). Call the class with the ``initialize`` arguments to
    get a metric generator (``luz_metric_accuracy()``)."""
    return r6_generator(LuzMetric, name, inherit, members, private, active, "luz_metric")


# -- metric sets ------------------------------------------------------------------------------

class LuzMetricSet(NamedList):
    """R's ``luz_metric_set``: the metric generators of training (``train``) and validation
    (``valid``)."""

    __slots__ = ()


def _generators(x: Any) -> list:
    if x is None:
        return []
    items = [x] if isinstance(x, (MetricGenerator, type)) else list(x)
    for m in items:
        assert_is_metric(m)
    return items


def assert_is_metric(x: Any) -> None:
    """luz's check that ``x`` is a metric generator."""
    if isinstance(x, MetricGenerator):
        return
    hint = (f" Did you forget to call it: `{x.__name__}()`?"
            if isinstance(x, type) and issubclass(x, LuzMetric) else "")
    raise TypeError(f"Expected an object with class <luz_metric_generator>. Got an object with "
                    f"class <{type(x).__name__}>.{hint}")


def luz_metric_set(metrics: Any = None, train_metrics: Any = None,
                   valid_metrics: Any = None) -> LuzMetricSet:
    """R's ``luz_metric_set(metrics = NULL, train_metrics = NULL, valid_metrics = NULL)``:
    ``metrics`` are tracked in training and validation (after the loss, always first),
    ``train_metrics`` / ``valid_metrics`` in one of them only."""
    both = [luz_metric_loss_average()] + _generators(metrics)
    return LuzMetricSet(train=both + _generators(train_metrics),
                        valid=both + _generators(valid_metrics))


def formatted_metrics(values: Any, model: Any, set: str) -> NamedList:
    """A record of metric values formatted by the model's metrics (luz's
    ``get_formatted_metrics``)."""
    out = NamedList()
    specs = list(((getattr(model, "metrics", None) or {}).get(set)) or [])
    for i, (name, v) in enumerate((values or {}).items()):
        fmt = specs[i].cls.format if i < len(specs) else None
        out[name] = format_value(v) if fmt is None or fmt is LuzMetric.format else \
            specs[i].new().format(v)
    return out


# -- the built-in metrics ---------------------------------------------------------------------

def _t(x: Any) -> torch.Tensor:
    t = unwrap(x)
    return t if isinstance(t, torch.Tensor) else torch.as_tensor(t)


def _item(t: torch.Tensor) -> float:
    return t.item()


class luz_metric_loss_average(LuzMetric):
    """luz's internal loss metric: the mean over the epoch's batches of ``ctx.loss`` (one
    value per optimizer; a named list when there are several)."""

    abbrev = "Loss"

    def initialize(self) -> None:
        self.steps = 0
        self.names: list[str] = []
        self.sums: list[torch.Tensor] = []

    def update(self, preds: Any, targets: Any) -> None:
        loss = self.ctx.loss
        if not isinstance(loss, dict):
            loss = {"": loss}
        if self.steps == 0:
            self.names = list(loss.keys())
            self.sums = [_t(v).detach().clone() for v in loss.values()]
        else:
            for s, v in zip(self.sums, loss.values()):
                s.add_(_t(v).detach())
        self.steps += 1

    def compute(self) -> Any:
        if not self.steps:                      # no batch this epoch (see fit's warning)
            return float("nan")
        values = [_item(s) / self.steps for s in self.sums]
        if len(values) == 1:
            return values[0]
        return NamedList(zip(self.names, values))


class _Accuracy(LuzMetric):
    """Shared state of the accuracy metrics: correct predictions (a tensor) and a count."""

    abbrev = "Acc"

    def initialize(self) -> None:
        self.correct = torch.zeros((), dtype=torch.float64)
        self.total = 0

    def _add(self, hits: torch.Tensor) -> None:
        self.correct = self.correct + hits.sum(dtype=torch.float64).to(self.correct.device)
        self.total += hits.numel()

    def compute(self) -> float:
        return _item(self.correct) / self.total


class luz_metric_accuracy(_Accuracy):
    """R's ``luz_metric_accuracy()``: multi-class accuracy, ``argmax(preds, dim = 2)`` (1-based)
    against 1-based integer targets."""

    def update(self, preds: Any, target: Any) -> None:
        pred = _t(preds).argmax(dim=1) + 1
        self._add(pred == _t(target))


class luz_metric_binary_accuracy(_Accuracy):
    """R's ``luz_metric_binary_accuracy(threshold = 0.5)``: accuracy of probabilities
    (``preds > threshold``) against 0/1 targets."""

    def initialize(self, threshold: float = 0.5) -> None:
        super().initialize()
        self.threshold = threshold

    def update(self, preds: Any, targets: Any) -> None:
        p = (_t(preds) > self.threshold).to(torch.float32)
        self._add(p == _t(targets))


class luz_metric_binary_accuracy_with_logits(luz_metric_binary_accuracy):
    """R's ``luz_metric_binary_accuracy_with_logits(threshold = 0.5)``: logits go through
    ``sigmoid`` first."""

    def update(self, preds: Any, targets: Any) -> None:
        super().update(torch.sigmoid(_t(preds)), targets)


class luz_metric_mse(LuzMetric):
    """R's ``luz_metric_mse()``: mean squared error (accumulated in float64)."""

    abbrev = "MSE"

    def initialize(self) -> None:
        self.sum_error = torch.zeros((), dtype=torch.float64)
        self.n = 0

    def _error(self, d: torch.Tensor) -> torch.Tensor:
        return d.pow(2)

    def update(self, preds: Any, targets: Any) -> None:
        t = _t(targets)
        err = self._error(_t(preds) - t).sum()
        self.sum_error = self.sum_error + err.to(self.sum_error.device, torch.float64)
        self.n += t.numel()

    def compute(self) -> float:
        return _item(self.sum_error) / self.n


class luz_metric_mae(luz_metric_mse):
    """R's ``luz_metric_mae()``: mean absolute error (accumulated in float64)."""

    abbrev = "MAE"

    def _error(self, d: torch.Tensor) -> torch.Tensor:
        return d.abs()


class luz_metric_rmse(luz_metric_mse):
    """R's ``luz_metric_rmse()``: root mean squared error."""

    abbrev = "RMSE"

    def compute(self) -> float:
        return math.sqrt(super().compute())


class _AucBase(LuzMetric):
    """luz's AUC state: confusion counts at fixed thresholds (luz's grid: ``(2:(n-1))/(n-2)``
    plus one threshold below 0 and one above 1)."""

    abbrev = "AUC"

    def initialize(self, num_thresholds: int = 200, thresholds: Any = None,
                   from_logits: bool = False) -> None:
        if thresholds is not None:
            t = unwrap(thresholds)
            arr = t.detach().cpu().numpy() if isinstance(t, torch.Tensor) else np.asarray(t)
            values = sorted(arr.astype(float).reshape(-1).tolist())
            self.num_thresholds = len(values) + 2
        else:
            if num_thresholds <= 1:
                raise ValueError("num_thresholds must be > 1")
            self.num_thresholds = int(num_thresholds)
            values = [i / (num_thresholds - 2) for i in range(2, int(num_thresholds))]
        eps = torch.finfo(torch.float32).eps
        self.thresholds = torch.tensor([0.0 - eps, *values, 1.0 + eps], dtype=torch.float32)
        self.from_logits = from_logits
        self.initialize_state()

    def initialize_state(self, *args: Any) -> None:
        raise NotImplementedError("not implemented")


class luz_metric_binary_auroc(_AucBase):
    """R's ``luz_metric_binary_auroc(num_thresholds = 200, thresholds = NULL, from_logits =
    FALSE)``: area under the ROC curve from confusion counts at fixed thresholds."""

    def initialize_state(self) -> None:
        n = self.num_thresholds
        self.true_positives = torch.zeros(n)
        self.false_positives = torch.zeros(n)
        self.n_pos = torch.zeros(1)
        self.n_neg = torch.zeros(1)

    def update(self, preds: Any, targets: Any) -> None:
        p, t = _t(preds), _t(targets)
        if self.from_logits:
            p = torch.sigmoid(p)
        p, t = p.reshape(-1), t.reshape(-1)
        dev = self.true_positives.device
        above = p.unsqueeze(1) > self.thresholds.to(p.device)
        comparisons = above == t.unsqueeze(1)
        pos = (t == 1).unsqueeze(1)
        neg = (t == 0).unsqueeze(1)
        self.true_positives.add_((comparisons & pos).sum(0).to(dev))
        self.false_positives.add_((comparisons & neg).sum(0).to(dev))
        self.n_pos.add_(t.sum().to(dev))
        self.n_neg.add_((t == 0).sum().to(dev))

    def compute(self) -> float:
        tpr = self.true_positives / self.n_pos
        fpr = self.false_positives / self.n_neg
        mult = torch.diff(fpr, n=1, prepend=torch.zeros(1, device=tpr.device))
        return _item(torch.sum(tpr * mult))


class luz_metric_multiclass_auroc(_AucBase):
    """R's ``luz_metric_multiclass_auroc(num_thresholds = 200, thresholds = NULL, from_logits =
    FALSE, average = c("micro", "macro", "weighted", "none"))``: 1-based integer targets, one
    prediction column per class; ``from_logits`` applies ``softmax`` over the classes."""

    AVERAGES = ("micro", "macro", "weighted", "none")

    def initialize(self, num_thresholds: int = 200, thresholds: Any = None,
                   from_logits: bool = False, average: Any = AVERAGES) -> None:
        average = average[0] if isinstance(average, (list, tuple)) else str(average)
        if average not in self.AVERAGES:
            raise ValueError(f'`average` must be one of "micro", "macro", "weighted" or "none", '
                             f'not "{average}".')
        self.average = average
        self.num_classes = None
        super().initialize(num_thresholds=num_thresholds, thresholds=thresholds,
                              from_logits=from_logits)

    def initialize_state(self, num_classes: int | None = None, device: Any = "cpu") -> None:
        if num_classes is None:
            return
        self.num_classes = num_classes
        size = (num_classes, self.num_thresholds)
        self.true_positives = torch.zeros(size, device=device)
        self.false_positives = torch.zeros(size, device=device)
        self.n_pos = torch.zeros(num_classes, 1, device=device)
        self.n_neg = torch.zeros(num_classes, 1, device=device)

    @staticmethod
    def _micro(x: torch.Tensor) -> torch.Tensor:
        return torch.cat(torch.unbind(x, dim=1), dim=0).unsqueeze(1)

    def update(self, preds: Any, targets: Any) -> None:
        p, t = _t(preds), _t(targets)
        if self.num_classes is None:
            self.initialize_state(1 if self.average == "micro" else p.shape[1], p.device)
        if self.from_logits:
            p = torch.softmax(p, dim=1)
        onehot = torch.nn.functional.one_hot(t.long() - 1, num_classes=p.shape[1])
        if self.average == "micro":
            p, onehot = self._micro(p), self._micro(onehot)
        p, onehot = p.unsqueeze(2), onehot.unsqueeze(2)
        comparisons = (p > self.thresholds.to(p.device)) == onehot
        self.true_positives.add_(torch.sum(comparisons * (onehot == 1), dim=0))
        self.false_positives.add_(torch.sum(comparisons * (onehot == 0), dim=0))
        self.n_pos.add_(torch.sum(onehot == 1, dim=0))
        self.n_neg.add_(torch.sum(onehot == 0, dim=0))

    def compute(self) -> Any:
        tpr = self.true_positives / self.n_pos
        fpr = self.false_positives / self.n_neg
        zeros = torch.zeros(self.num_classes, 1, device=tpr.device)
        mult = torch.cat([torch.diff(fpr, n=1, dim=1, prepend=zeros), zeros], dim=1)
        aucs = (torch.sum(tpr * mult[:, :-1], dim=1) + torch.sum(tpr * mult[:, 1:], dim=1)) / 2
        if self.average == "none":
            return [float(v) for v in aucs.cpu().tolist()]
        if self.average == "micro":
            return _item(aucs)
        if self.average == "macro":
            return _item(torch.mean(aucs))
        w = self.n_pos / torch.sum(self.n_pos)
        return _item(torch.sum(w.squeeze(1) * aucs))
