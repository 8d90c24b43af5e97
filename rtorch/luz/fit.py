"""luz's training loop: ``fit()``, ``evaluate()``, ``predict()``.

``fit()`` makes the model (``set_hparams()``) and its optimizers (``set_opt_hparams()``), places
them and the data with the accelerator, then runs the epochs, calling the callbacks at each
breakpoint (:mod:`rtorch.luz.callbacks`). Each training batch does, per optimizer: ``pred =
model(input)``, ``loss = loss_fn(pred, target)``, ``model.backward(loss)``, ``step_opt(opt)``,
``opt.zero_grad()``; validation runs the model and the loss without autograd. A model with a
``step()`` method does its own steps (``ctx`` gives it the batch and the optimizers).

Data may be a data loader, a dataset, R's ``list(x, y)`` of tensors / arrays, or one tensor
(:mod:`rtorch.luz.data`); ``valid_data`` may also be a fraction in (0, 1) of a dataset or list
``data``, split off at random (``sample()``). Made data loaders use ``batch_size = 32`` and, for
training, ``shuffle = TRUE`` and ``drop_last = TRUE``, unless ``dataloader_options`` says
otherwise.

Under ``torchrun`` the same calls train data-parallel (:mod:`rtorch.luz.distributed`): the
accelerator shards the data loaders (training: as many batches on every rank) and drives the
model through DistributedDataParallel; ``predict()`` gathers every rank's rows in order.
"""
from __future__ import annotations

import numbers
import warnings
from typing import Any, Callable

import numpy as np
import torch

from ..dataset import dataset_subset
from ..named_list import NamedList
from ..pipes import pipeable
from ..rbase import sample, seq_len, setdiff
from ..tensor import unwrap, wrap
from . import distributed as _distributed
from .accelerator import is_dataloader
from .callbacks import (LuzCallback, default_callbacks, default_evaluate_callbacks,
                        default_predict_callbacks)
from ..dataloader import no_batches_message
from .conditions import Handling, LuzError, LuzValueError, check_data
from .context import Context, EvaluateContext, FitContext, PredictContext, using
from .data import as_dataloader, as_dataset
from .metrics import LuzMetricSet, luz_metric_set
from .module import LuzModuleEvaluation, LuzModuleFitted, is_module_like, _luz_module

__all__ = ["fit", "evaluate", "predict", "valid_loop", "default_step"]


# -- one batch ------------------------------------------------------------------------------------

def _shape(x: Any) -> str:
    t = unwrap(x)
    return str(list(t.shape)) if isinstance(t, torch.Tensor) else f"<{type(x).__name__}>"


def _loss(ctx: Context) -> Any:
    """``ctx.loss_fn(ctx.pred, ctx.target)``, its failure explained."""
    try:
        return ctx.loss_fn(ctx.pred, ctx.target)
    except Exception as e:
        raise LuzError(f"The loss function failed on the model's output (shape "
                       f"{_shape(ctx.pred)}) and the target (shape {_shape(ctx.target)}): does "
                       f"the loss match the model's output?\nCaused by error: {e}") from e


def fit_one_batch(ctx: Context) -> None:
    """luz's training step, once per optimizer."""
    call = ctx.call_callbacks
    for name, opt in ctx.optimizers.items():
        ctx.pred = ctx.model(ctx.input)
        call("on_train_batch_after_pred")
        ctx.opt = opt
        ctx.opt_name = name
        ctx.loss_grad = loss = _loss(ctx)
        ctx.loss[name] = wrap(unwrap(loss).detach())
        call("on_train_batch_after_loss")
        call("on_train_batch_before_backward")
        ctx.model.backward(ctx.loss_grad)
        call("on_train_batch_before_step")
        ctx.step_opt(ctx.opt)
        ctx.opt.zero_grad()
        call("on_train_batch_after_step")


def valid_one_batch(ctx: Context) -> None:
    """luz's validation step, once per optimizer."""
    call = ctx.call_callbacks
    for name in ctx.optimizers.keys():
        ctx.opt_name = name
        ctx.pred = ctx.model(ctx.input)
        call("on_valid_batch_after_pred")
        ctx.loss[name] = _loss(ctx)
        call("on_valid_batch_after_loss")


def default_step(ctx: Context) -> None:
    """One batch: training or validation, as ``ctx.training`` says."""
    if ctx.training:
        fit_one_batch(ctx)
    else:
        valid_one_batch(ctx)


def _get_step(ctx: Context) -> Callable[[], None]:
    step = getattr(ctx.model, "step", None)
    if callable(step):
        return step
    return lambda: default_step(ctx)


def _default_step_opt(opt: torch.optim.Optimizer) -> None:
    opt.step()


# -- loops ----------------------------------------------------------------------------------------

def _batches(ctx: Context, step: Callable[[], None], split: str) -> None:
    begin, end = f"on_{split}_batch_begin", f"on_{split}_batch_end"
    call = ctx.call_callbacks
    ctx.iter = 0
    for batch in ctx.data:
        ctx.batch = batch
        ctx.iter += 1
        call(begin)
        step()
        call(end)


def valid_loop(ctx: Context, step: Callable[[], None]) -> None:
    """The validation pass, without autograd."""
    with torch.no_grad():
        ctx.call_callbacks("on_valid_begin")
        _batches(ctx, step, "valid")
        ctx.call_callbacks("on_valid_end")


def _epoch(ctx: Context, epoch: int, step: Callable[[], None]) -> None:
    ctx.epoch = epoch
    ctx.iter = 0
    ctx.data = ctx.train_data
    ctx.call_callbacks("on_epoch_begin")
    ctx.call_callbacks("on_train_begin")
    _batches(ctx, step, "train")
    ctx.call_callbacks("on_train_end")
    if ctx.valid_data is not None:
        ctx.data = ctx.valid_data
        valid_loop(ctx, step)
    ctx.call_callbacks("on_epoch_end")


# -- data -------------------------------------------------------------------------------------------

def _is_fraction(x: Any) -> bool:
    return isinstance(x, numbers.Real) and not isinstance(x, (bool, np.bool_))


def create_valid_data(data: Any, valid_data: float) -> tuple[Any, Any]:
    """luz's split of ``data`` into training and validation subsets (``valid_data`` of it,
    drawn with ``sample()``)."""
    if not 0 < valid_data < 1:
        raise LuzValueError(f"valid_data must be a value between 0 and 1 (exclusive), got "
                            f"{valid_data:f}")
    if is_dataloader(data):
        raise LuzValueError("Can't create a validation set from the training dataloader.\n"
                            "Supply a torch dataset instead.")
    data = as_dataset(data)
    n = len(data)
    id_valid = _distributed.broadcast_object(sample(n, size=int(n * valid_data)))
    id_train = setdiff(seq_len(n), id_valid)
    return dataset_subset(data, id_train), dataset_subset(data, id_valid)


def apply_dataloader_options(data: Any, valid_data: Any,
                             dataloader_options: dict | None) -> tuple[Any, Any]:
    """Data loaders from ``data`` and ``valid_data`` with luz's defaults (see the module
    docstring)."""
    if is_dataloader(data) and dataloader_options is not None:
        raise LuzError("`dataloader_options` won't be used because `data` is already a "
                       "dataloader.")
    if is_dataloader(valid_data) and dataloader_options is not None:
        warnings.warn("`dataloader_options` will be ignored for `valid_data` since it's already "
                      "a dataloader", stacklevel=3)
    options = dict(dataloader_options or {})
    options.setdefault("batch_size", 32)
    if not is_dataloader(data) and data is not None:
        data = as_dataloader(data, **{"shuffle": True, "drop_last": True, **options})
    if not is_dataloader(valid_data):
        if data is None and options.get("shuffle"):
            warnings.warn("`shuffle=TRUE` will be ignored for predictions.", stacklevel=3)
        valid_data = as_dataloader(valid_data, **{**options, "shuffle": False})
    return data, valid_data


def _callback_list(callbacks: Any) -> list:
    if callbacks is None:
        return []
    if isinstance(callbacks, LuzCallback) or not isinstance(callbacks, (list, tuple)):
        return [callbacks]
    return list(callbacks)


def _epochs(epochs: Any) -> tuple[int, int]:
    values = [epochs] if not isinstance(epochs, (list, tuple)) and not hasattr(epochs, "__len__") \
        else list(epochs)
    if len(values) == 1:
        values = [0, values[0]]
    if len(values) != 2:
        raise LuzValueError("`epochs` is the maximum number of epochs, or c(min, max)")
    return values[0], values[1]


# -- the verbs --------------------------------------------------------------------------------------

@pipeable(accepts=is_module_like)
def fit(object: Any, data: Any, epochs: Any = 10, callbacks: Any = None, valid_data: Any = None,
        accelerator: Any = None, verbose: bool | None = None, *,
        dataloader_options: dict | None = None) -> LuzModuleFitted:
    """R's ``fit(object, data, epochs = 10, callbacks = NULL, valid_data = NULL, accelerator =
    NULL, verbose = NULL, ..., dataloader_options = NULL)``: trains a module prepared with
    ``setup()`` and returns the fitted model (see the module docstring). ``epochs`` is the
    maximum number of epochs or ``c(min, max)``; ``verbose = None`` reports progress when the
    session is interactive (:func:`rtorch.luz.progress.interactive`)."""
    module = _luz_module(object, "fit")
    check_data(data, "data", "fit")
    if not _is_fraction(valid_data):
        check_data(valid_data, "valid_data", "fit", required=False)
    low, high = _epochs(epochs)
    if _is_fraction(valid_data) and not 0 < valid_data < 1:
        create_valid_data(data, valid_data)
    ctx = FitContext(verbose, accelerator, default_callbacks() + _callback_list(callbacks),
                     training=True)
    with using(ctx):
        ctx.hparams = NamedList(module.hparams or {})
        ctx.opt_hparams = NamedList(module.opt_hparams or {})
        ctx.model = module(**ctx.hparams)
        ctx.optimizers = ctx.model.set_optimizers(**ctx.opt_hparams)
        ctx.loss_fn = getattr(ctx.model, "loss", None)
        ctx.step_opt = _default_step_opt
        if _is_fraction(valid_data):
            data, valid_data = create_valid_data(data, valid_data)
        data, valid_data = apply_dataloader_options(data, valid_data, dataloader_options)
        if (empty := no_batches_message(data)) is not None:
            warnings.warn(empty, stacklevel=3)
        ctx.model, ctx.optimizers, data = ctx.accelerator.prepare(
            ctx.model, ctx.optimizers, data, even=True)
        valid_data, = ctx.accelerator.prepare(valid_data)
        ctx.accelerator.prepare_training(ctx.model)
        ctx.data = ctx.train_data = data
        ctx.valid_data = valid_data
        ctx.max_epochs = high
        ctx.min_epochs = low
        step = _get_step(ctx)
        ctx.call_callbacks("on_fit_begin")
        with Handling(ctx.handlers):
            for epoch in range(1, ctx.max_epochs + 1):
                with Handling(ctx.epoch_handlers):
                    _epoch(ctx, epoch, step)
        ctx.call_callbacks("on_fit_end")
        ctx.accelerator.finish_training()
    fitted = LuzModuleFitted(ctx.state_dict())
    ctx.clean()
    return fitted


def _is_fitted(x: Any) -> bool:
    """The object of ``predict()`` / ``evaluate()`` (a model too, to say it must be fitted)."""
    return isinstance(x, (LuzModuleFitted, torch.nn.Module)) or is_module_like(x)


def _fitted(x: Any, verb: str) -> LuzModuleFitted:
    if not isinstance(x, LuzModuleFitted):
        raise TypeError(f"{verb}() takes a fitted model (what fit() returns), got "
                        f"<{type(x).__name__}>")
    return x


def _prepared(ctx: Context, model: Any, data: Any, dataloader_options: dict | None) -> None:
    _, data = apply_dataloader_options(None, data, dataloader_options)
    ctx.model, ctx.data = ctx.accelerator.prepare(model, data)
    ctx.model.eval()


@pipeable(accepts=_is_fitted)
def evaluate(object: Any, data: Any, *, metrics: Any = None, callbacks: Any = None,
             accelerator: Any = None, verbose: bool | None = None,
             dataloader_options: dict | None = None) -> LuzModuleEvaluation:
    """R's ``evaluate(object, data, ..., metrics = NULL, callbacks = list(), accelerator = NULL,
    verbose = NULL, dataloader_options = NULL)``: the loss and metrics of a fitted model on
    ``data`` (``metrics``: others than the model's, for this call only)."""
    model = _fitted(object, "evaluate")["model"]
    check_data(data, "data", "evaluate")
    had = "metrics" in vars(model)
    saved = vars(model).get("metrics")
    if metrics is not None:
        vars(model)["metrics"] = metrics if isinstance(metrics, LuzMetricSet) \
            else luz_metric_set(metrics)
    try:
        ctx = EvaluateContext(verbose, accelerator,
                              default_evaluate_callbacks() + _callback_list(callbacks),
                              training=False)
        with using(ctx):
            _prepared(ctx, model, data, dataloader_options)
            ctx.epoch = 1
            ctx.opt_hparams = object["ctx"].get("opt_hparams") or NamedList()
            ctx.optimizers = ctx.model.set_optimizers(**ctx.opt_hparams)
            ctx.loss_fn = getattr(ctx.model, "loss", None)
            valid_loop(ctx, _get_step(ctx))
        result = LuzModuleEvaluation(ctx.state_dict())
    finally:
        if metrics is not None:
            if had:
                vars(model)["metrics"] = saved
            else:
                vars(model).pop("metrics", None)
    ctx.clean()
    return result


@pipeable(accepts=_is_fitted)
def predict(object: Any, newdata: Any, *, callbacks: Any = None, accelerator: Any = None,
            verbose: bool | None = None, dataloader_options: dict | None = None,
            stack: bool = True) -> Any:
    """R's ``predict(object, newdata, ..., callbacks = list(), accelerator = NULL, verbose =
    NULL, dataloader_options = NULL)``: the model's output for each batch of ``newdata``
    (its first element), concatenated along the first dimension (``stack = FALSE``: a list).
    A model with a ``predict`` method is called through it."""
    model = _fitted(object, "predict")["model"]
    check_data(newdata, "newdata", "predict")
    ctx = PredictContext(verbose, accelerator,
                         default_predict_callbacks() + _callback_list(callbacks), training=False)
    with using(ctx), torch.no_grad():
        _prepared(ctx, model, newdata, dataloader_options)
        predict_fn = getattr(ctx.model, "predict", None) or ctx.model
        ctx.pred = []
        call = ctx.call_callbacks
        call("on_predict_begin")
        with Handling(ctx.handlers):
            for batch in ctx.data:
                ctx.batch = batch
                call("on_predict_batch_begin")
                ctx.pred.append(predict_fn(ctx.input))
                call("on_predict_batch_end")
        call("on_predict_end")
    preds, acc, size = ctx.pred, ctx.accelerator, getattr(ctx.data, "batch_size", None)
    ctx.clean()
    if stack:
        return acc.gather(wrap(torch.cat([unwrap(p) for p in preds])))
    return acc.gather(preds, size)


from ..formals import describe_luz as _describe_luz  # noqa: E402  (R's signatures on luz's exports)

_describe_luz()
