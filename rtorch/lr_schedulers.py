"""R torch's learning-rate schedulers: PyTorch's ``torch.optim.lr_scheduler`` classes with R's
arguments, defaults and messages.

Each ``lr_*`` **is** a ``torch.optim.lr_scheduler.LRScheduler`` subclass: the learning
rates are PyTorch's. A call binds by R's formals (R's names, order and defaults,
``lr_step(opt, 2, 0.5)``; R's ``unused argument`` error), PyTorch's further keyword arguments
by name (``three_phase``); R's defaults as PyTorch values are one table (:data:`SCHEDULERS`).

=========================  =====================================  ==============================
R torch                    PyTorch                                R's differences
=========================  =====================================  ==============================
``lr_lambda``              ``LambdaLR``                           ``verbose``
``lr_multiplicative``      ``MultiplicativeLR``                   ``verbose``
``lr_step``                ``StepLR``
``lr_one_cycle``           ``OneCycleLR``                         two phases, ``verbose``
``lr_cosine_annealing``    ``CosineAnnealingLR``                  ``verbose``
``lr_reduce_on_plateau``   ``ReduceLROnPlateau``                  ``verbose``
=========================  =====================================  ==============================

``verbose = TRUE`` writes R's messages (``Adjusting learning rate of group 1 to 0.1000``) to
standard error, as R's ``inform()`` does. ``sched.get_last_lr()`` is PyTorch's list.

Custom schedulers: R's ``lr_scheduler("name", initialize = ..., get_lr = ...)`` returns a class;
R's ``super$initialize(optimizer, last_epoch, verbose)`` is
``self.super.initialize(optimizer, last_epoch, verbose)``; ``self.optimizer.param_groups``,
``self.base_lrs`` and ``self.last_epoch`` are PyTorch's (0-based Python lists).
"""
from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import Any

from torch.optim import lr_scheduler as _L

from .generator import R6, create_class

from .optim import NO_DEFAULT, Check, RBinding, check, is_optimizer, r_defaults, run_checks

__all__ = ["LRScheduler", "lr_scheduler"]


def check_optimizer(optimizer: Any) -> None:
    """R's check that a scheduler is given an optimizer."""
    if not is_optimizer(optimizer):
        raise TypeError("not an optimizer")


class LRScheduler(R6, _L.LRScheduler):
    """R's scheduler base class (``LRScheduler``): a PyTorch ``LRScheduler`` built by
    ``initialize(optimizer, last_epoch = -1, verbose = FALSE)``.

    Derive from it (or use :func:`lr_scheduler`) for a custom scheduler: set its fields in
    ``initialize`` and then call the base ``initialize``; ``get_lr(self)`` returns one learning
    rate per parameter group."""

    verbose: bool = False
    #: R's verbose message: every step (most schedulers) or when a rate is reduced (plateau).
    _reports_reductions: bool = False

    def __init__(self, *args: Any, **kwargs: Any):
        self.initialize(*args, **kwargs)

    def initialize(self, optimizer: Any, last_epoch: int = -1, verbose: bool = False) -> None:
        """R's ``super$initialize(optimizer, last_epoch, verbose)``."""
        check_optimizer(optimizer)
        self.verbose = verbose
        _L.LRScheduler.__init__(self, optimizer, last_epoch)

    def step(self, *args: Any, **kwargs: Any) -> None:
        """R's ``sched$step()`` (``sched$step(metrics)`` for ``lr_reduce_on_plateau``)."""
        before = [g["lr"] for g in self.optimizer.param_groups] if self.verbose else None
        super().step(*args, **kwargs)
        if self.verbose:
            self._inform(before)

    def print_lr(self, is_verbose: bool, group: int, lr: float) -> None:
        """R's ``sched$print_lr(is_verbose, group, lr)``: the verbose message of one group."""
        if is_verbose:
            print(f"Adjusting learning rate of group {group} to {float(lr):.4f}", file=sys.stderr)

    def _inform(self, before: list) -> None:
        for i, (old, g) in enumerate(zip(before, self.optimizer.param_groups), 1):
            lr = float(g["lr"])
            if not self._reports_reductions:
                self.print_lr(True, i, lr)
            elif lr != old:
                print(f"Epoch {self.last_epoch}: reducing learning rate of group {i} to {lr:.4e}",
                      file=sys.stderr)


def _lambdas_match(a: dict) -> "str | None":
    f = a["lr_lambda"]
    if isinstance(f, (list, tuple)) and len(f) != len(a["optimizer"].param_groups):
        return f"lr_lambda length ({len(f)}) is different from the number of"   # R: first piece
    return None


@dataclass(frozen=True)
class SchedulerSpec:
    """One R scheduler: the PyTorch class behind it, R's arguments after ``optimizer`` with
    R's defaults (in R's order), R's checks in R's order."""
    torch_class: type
    args: tuple[tuple[str, Any], ...]
    checks: tuple[Check, ...] = ()
    reports_reductions: bool = False


_LAMBDA = (("lr_lambda", NO_DEFAULT), ("last_epoch", -1), ("verbose", False))

#: R name -> how it maps onto PyTorch.
SCHEDULERS: dict[str, SchedulerSpec] = {
    "lr_lambda": SchedulerSpec(_L.LambdaLR, _LAMBDA, (_lambdas_match,)),
    "lr_multiplicative": SchedulerSpec(_L.MultiplicativeLR, _LAMBDA, (_lambdas_match,)),
    "lr_step": SchedulerSpec(_L.StepLR, (("step_size", NO_DEFAULT), ("gamma", 0.1),
                                         ("last_epoch", -1))),
    "lr_one_cycle": SchedulerSpec(
        _L.OneCycleLR,
        (("max_lr", NO_DEFAULT), ("total_steps", None), ("epochs", None), ("steps_per_epoch", None),
         ("pct_start", 0.3), ("anneal_strategy", "cos"), ("cycle_momentum", True),
         ("base_momentum", 0.85), ("max_momentum", 0.95), ("div_factor", 25.0),
         ("final_div_factor", 1e4), ("last_epoch", -1), ("verbose", False)),
        (check(lambda a: not (a["total_steps"] is None and a["epochs"] is None
                              and a["steps_per_epoch"] is None),
               "You must define either total_steps OR (epochs AND steps_per_epoch)"),
         check(lambda a: not a["cycle_momentum"] or "momentum" in a["optimizer"].defaults
               or "betas" in a["optimizer"].defaults,
               "optimizer must support momentum with `cycle momentum` enabled"))),
    "lr_cosine_annealing": SchedulerSpec(
        _L.CosineAnnealingLR, (("T_max", NO_DEFAULT), ("eta_min", 0), ("last_epoch", -1),
                               ("verbose", False))),
    "lr_reduce_on_plateau": SchedulerSpec(
        _L.ReduceLROnPlateau,
        (("mode", "min"), ("factor", 0.1), ("patience", 10), ("threshold", 1e-4),
         ("threshold_mode", "rel"), ("cooldown", 0), ("min_lr", 0), ("eps", 1e-8),
         ("verbose", False)),
        (check(lambda a: a["factor"] < 1.0, "Factor should be < 1.0"),),
        reports_reductions=True),
}


def _scheduler_class(r_name: str, spec: SchedulerSpec) -> type:
    binding = RBinding(r_name, "optimizer", spec.args, spec.torch_class)
    torch_init = spec.torch_class.__init__

    def initialize(self, *args: Any, **kwargs: Any) -> None:
        optimizer, a, extra = binding(args, kwargs)
        check_optimizer(optimizer)
        run_checks(spec.checks, {"optimizer": optimizer, **a})
        self.verbose = a.pop("verbose", False)
        torch_init(self, optimizer, **a, **extra)

    initialize.__signature__ = binding.method_signature()
    initialize.__qualname__ = f"{r_name}.initialize"
    initialize.__doc__ = f"R's ``{r_name}$new(optimizer, ...)``: what calling ``{r_name}(...)`` runs."
    doc = (f"R's ``{r_name}(optimizer, {r_defaults(spec.args)})``: PyTorch's "
           f"``torch.optim.lr_scheduler.{spec.torch_class.__name__}`` with R's arguments (bound "
           "by R's names, order and defaults) and checks.")
    cls = type(r_name, (LRScheduler, spec.torch_class),
                {"initialize": initialize, "__doc__": doc, "__module__": __name__,
                 "_reports_reductions": spec.reports_reductions})
    cls.__signature__ = binding.signature
    return cls


R_SCHEDULERS: dict[str, type] = {n: _scheduler_class(n, s) for n, s in SCHEDULERS.items()}
globals().update(R_SCHEDULERS)
__all__ += list(R_SCHEDULERS)


def lr_scheduler(classname: "str | None" = None, inherit: type = LRScheduler, *,
                 parent_env: Any = None, **methods: Any) -> type:
    """R's ``lr_scheduler(classname, inherit = LRScheduler, ...)``: a custom scheduler class
    (call it with the optimizer to make one). ``methods`` are ``initialize``, ``get_lr`` and
    any others; ``inherit`` may be another scheduler class, a PyTorch one included."""
    return create_class(LRScheduler, classname, inherit, methods, foreign=_L.LRScheduler)


R_LR_SCHEDULERS = {**R_SCHEDULERS, "lr_scheduler": lr_scheduler}
