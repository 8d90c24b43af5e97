"""luz's mixup: ``nnf_mixup()``, ``nn_mixup_loss()`` and ``luz_callback_mixup()``.

Mixup ("mixup: Beyond Empirical Risk Minimization") trains on convex combinations of pairs of
observations of a batch and of their targets' losses. As in luz, the partner of each
observation is drawn by a random permutation of the batch, its mixing weight ``w`` from
``Beta(alpha, alpha)`` and replaced by ``max(w, 1 - w)``; inputs are ``torch_lerp(x, x[perm],
w)`` and the loss ``mean(torch_lerp(loss(out, y), loss(out, y[perm]), w))``. The mixed target is
R's nested list ``list(ys = list(y1, y2), weight)``.

Each observation's weight multiplies its own loss (luz broadcasts the weight tensor, shaped for
the inputs, against the per-observation losses, which mixes every pair of observations; here
the weight is shaped for the losses).
"""
from __future__ import annotations

from typing import Any, Callable

import torch

from ..named_list import NamedList
from ..nn_module import nn_module
from ..tensor import unwrap, wrap
from .callbacks import LuzCallback
from .context import batch_item

__all__ = ["nnf_mixup", "nn_mixup_loss", "luz_callback_mixup"]


def nnf_mixup(x: Any, y: Any, weight: Any) -> NamedList:
    """R's ``nnf_mixup(x, y, weight)``: ``list(x = mixed inputs, y = list(ys = list(y1, y2),
    weight = weight))``, mixing each observation with one drawn by a random permutation."""
    tx, ty, tw = unwrap(x), unwrap(y), unwrap(weight)
    n = ty.shape[0]
    shuffle = torch.randperm(n, device=ty.device)
    tw = tw.reshape(n, *([1] * (tx.ndim - 1)))
    mixed = torch.lerp(tx, tx[shuffle], tw.to(tx.dtype))
    ys = NamedList(y1=wrap(ty), y2=wrap(ty[shuffle]))
    return NamedList(x=wrap(mixed), y=NamedList(ys=ys, weight=wrap(tw)))


def _mixed_loss(loss: Callable[[Any, Any], Any], input: Any, target: Any) -> Any:
    """``mean(torch_lerp(loss(input, y1), loss(input, y2), weight))`` for a mixup target."""
    ys, weight = batch_item(target, 0), unwrap(batch_item(target, 1))
    l1 = unwrap(loss(input, batch_item(ys, 0)))
    l2 = unwrap(loss(input, batch_item(ys, 1)))
    w = weight.reshape(weight.shape[0], *([1] * (l1.ndim - 1))) if l1.ndim else weight.mean()
    return wrap(torch.lerp(l1, l2, w.to(l1.dtype)).mean())


class nn_mixup_loss(nn_module):
    """R's ``nn_mixup_loss(loss)``: with a mixup target, the mixed loss of ``loss`` (a loss
    module with a ``reduction`` field, set to ``"none"`` meanwhile); otherwise ``loss``."""

    def initialize(self, loss: Any) -> None:
        if not isinstance(loss, torch.nn.Module):
            raise TypeError("Loss must be a `nn_module`.")
        if getattr(loss, "reduction", None) is None:
            raise TypeError("The `reduction` attribute must be supported by the `nn_module`.")
        self.loss = loss

    def forward(self, input: Any, target: Any) -> Any:
        if not isinstance(target, (list, tuple, dict)):
            return self.loss(input, target)
        inner = self.loss
        old = inner.reduction
        inner.reduction = "none"
        try:
            return _mixed_loss(inner, input, target)
        finally:
            inner.reduction = old


class luz_callback_mixup(LuzCallback):
    """R's ``luz_callback_mixup(alpha = 0.4, ..., run_valid = FALSE, auto_loss = FALSE)``: mixes
    each training batch (and validation batches with ``run_valid``); ``auto_loss`` wraps the
    loss function (which must then not reduce) to compute the mixed loss, and averages it in
    validation. Use it with :func:`nn_mixup_loss` otherwise."""

    def initialize(self, alpha: float = 0.4, *, run_valid: bool = False,
                   auto_loss: bool = False) -> None:
        self.alpha = alpha
        self.run_valid = run_valid
        self.auto_loss = auto_loss
        self.model_loss_fn: Any = None

    def on_train_begin(self) -> None:
        if self.auto_loss:
            self.model_loss_fn = self.ctx.loss_fn
            self.ctx.loss_fn = self.wrap_mixup_loss(self.model_loss_fn)

    def on_valid_begin(self) -> None:
        self.model_loss_fn = self.ctx.loss_fn
        if self.auto_loss:
            fn = self.model_loss_fn
            self.ctx.loss_fn = (self.wrap_mixup_loss(fn) if self.run_valid else
                                lambda input, target: wrap(unwrap(fn(input, target)).mean()))

    def _restore(self) -> None:
        if self.auto_loss:
            self.ctx.loss_fn = self.model_loss_fn

    on_train_end = on_valid_end = _restore

    def on_train_batch_begin(self) -> None:
        self.apply_transform()

    def on_valid_batch_begin(self) -> None:
        if self.run_valid:
            self.apply_transform()

    def apply_transform(self) -> None:
        ctx = self.ctx
        target = unwrap(ctx.target)
        n = target.shape[0]
        beta = torch.distributions.Beta(torch.tensor(float(self.alpha)),
                                        torch.tensor(float(self.alpha)))
        w = beta.sample((n,)).to(target.device)
        weight = torch.maximum(w, 1 - w)
        mixed = nnf_mixup(ctx.input, ctx.target, weight)
        ctx.input = mixed["x"]
        ctx.target = mixed["y"]

    @staticmethod
    def wrap_mixup_loss(loss_fn: Callable[[Any, Any], Any]) -> Callable[[Any, Any], Any]:
        """``loss_fn`` (not reducing) made a mixup loss."""
        return lambda input, target: _mixed_loss(loss_fn, input, target)
