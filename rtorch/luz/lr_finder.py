"""luz's ``lr_finder()``: the loss along a sweep of learning rates, to pick one.

The model is trained from ``start_lr`` with the learning rate multiplied every batch (log-spaced
steps up to ``end_lr`` in ``steps`` batches; ``log_spaced_intervals = FALSE``: luz's linear
rule), recording the rate and the batch's loss; training stops after ``steps`` batches. The
result is a data frame (``lr``, ``loss``); ``plot()`` draws the loss and its smoothed curve
against the rate on a log scale.
"""
from __future__ import annotations

import re
import warnings
from typing import Any

from ..lr_schedulers import LRScheduler
from ..pipes import pipeable
from ..tensor import unwrap
from .callbacks import LuzCallback, luz_callback_lr_scheduler
from .fit import fit
from .module import _luz_module, is_module_like, set_opt_hparams
from .progress import ProgressBar, interactive

__all__ = ["lr_finder", "LrRecords", "LrRecordsMethods", "lr_anneal"]


class lr_anneal(LRScheduler):
    """luz's ``lr_anneal`` scheduler: from ``start_lr``, multiplies the rate by
    ``(end_lr / start_lr) ^ (1 / n_iters)`` each step (log-spaced), or luz's linear rule."""

    def initialize(self, optimizer: Any, start_lr: float = 1e-7, end_lr: float = 1e-1,
                   n_iters: int = 100, log_spaced_intervals: bool = True,
                   last_epoch: int = -1, verbose: bool = False) -> None:
        self.end_lr = end_lr
        self.iters = n_iters
        self.multiplier = (end_lr / start_lr) ** (1 / n_iters)
        self.log_spaced_intervals = log_spaced_intervals
        self.start_lr = start_lr
        super().initialize(optimizer, last_epoch, verbose)

    def get_lr(self) -> list[float]:
        groups = self.optimizer.param_groups
        if self.last_epoch <= 0:
            return [self.start_lr for _ in groups]
        if self.log_spaced_intervals:
            return [g["lr"] * self.multiplier for g in groups]
        return [g["lr"] * (self.end_lr / g["lr"]) ** (self.last_epoch / self.iters) for g in groups]


class _RecordLr(LuzCallback):
    """Logs the rate and the loss of each batch; stops training after ``steps`` batches."""

    def initialize(self, steps: int, verbose: bool | None) -> None:
        self.total_steps = steps
        self.steps = 0
        self.verbose = interactive() if verbose is None else verbose
        self.pb = ProgressBar(steps) if self.verbose else None

    def on_train_batch_end(self) -> None:
        ctx = self.ctx
        ctx.log("lr_finder", "lr", ctx.opt.param_groups[0]["lr"])
        ctx.log("lr_finder", "loss", unwrap(ctx.loss[ctx.opt_name]).item())
        self.steps += 1
        if self.pb is not None:
            self.pb.tick()
        if self.steps >= self.total_steps:
            if self.pb is not None:
                self.pb.done()
            raise KeyboardInterrupt


class LrRecordsMethods:
    """What ``lr_finder()`` returns, :data:`LrRecords`, adds to a pandas data frame (columns
    ``lr`` and ``loss``; ``plot(records)`` draws it). The class itself is made on first use,
    so that importing luz does not import pandas."""

    @property
    def _constructor(self) -> type:
        return type(self)

    def str(self) -> None:
        """R's ``str(records)`` (Python's ``str`` is not shadowed): the classes, the size and
        one line per column, printed as R prints them; returns ``None`` (R's invisible
        ``NULL``)."""
        import numpy as np

        from ..rbase import RVector, _str_line
        p = self.shape[1]
        lines = ["Classes \u2018lr_records\u2019 and 'data.frame':\t"
                 f"{self.shape[0]} obs. of  {p} variable{'s' if p != 1 else ''}"
                 f"{':' if p > 0 else ''}"]
        width = max((len(str(c)) for c in self.columns), default=0)
        for col in self.columns:
            values = RVector(np.asarray(self[col], dtype=np.float64))
            lines.append(f" $ {str(col):<{width}}:{_str_line(values, give_length=False)}")
        print("\n".join(lines))


@pipeable(accepts=is_module_like)
def lr_finder(object: Any, data: Any, steps: int = 100, start_lr: float = 1e-7,
              end_lr: float = 1e-1, log_spaced_intervals: bool = True, *,
              verbose: bool | None = None, **fit_args: Any) -> LrRecords:
    """R's ``lr_finder(object, data, steps = 100, start_lr = 1e-7, end_lr = 1e-1,
    log_spaced_intervals = TRUE, ..., verbose = NULL)``: see the module docstring; ``...``
    (``fit_args``) go to ``fit()``."""
    module = _luz_module(object, "lr_finder")
    scheduler = luz_callback_lr_scheduler(
        lr_anneal, verbose=False, start_lr=start_lr, end_lr=end_lr, n_iters=steps,
        log_spaced_intervals=log_spaced_intervals, call_on="on_train_batch_begin")
    with warnings.catch_warnings():      # the rate is set before each batch's step, on purpose
        warnings.filterwarnings("ignore", re.escape("Detected call of `lr_scheduler.step()`"))
        fitted = fit(set_opt_hparams(module, lr=start_lr), data, epochs=999999,
                     callbacks=[scheduler, _RecordLr(steps, verbose)], verbose=False, **fit_args)
    records = fitted["records"]["lr_finder"]
    return __getattr__("LrRecords")({"lr": [float(v) for v in records["lr"]],
                      "loss": [float(v) for v in records["loss"]]})


def __getattr__(name: str) -> Any:
    """``LrRecords``, the pandas data frame class of ``lr_finder()``'s result, made (and pandas
    imported) on first access."""
    if name != "LrRecords":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    if "LrRecords" in globals():
        return globals()["LrRecords"]
    from ..lazy import require
    pd = require("pandas", "luz", "lr_finder()")
    cls = globals()["LrRecords"] = type(
        "LrRecords", (LrRecordsMethods, pd.DataFrame),
        {"__module__": __name__, "__doc__": LrRecordsMethods.__doc__})
    return cls
