"""luz's callbacks: ``luz_callback()`` and the built-in ``luz_callback_*``.

A callback is an object whose methods named after a *breakpoint* run there:

    on_fit_begin
      on_epoch_begin
        on_train_begin
          on_train_batch_begin
            on_train_batch_after_pred, on_train_batch_after_loss,
            on_train_batch_before_backward, on_train_batch_before_step, on_train_batch_after_step
          on_train_batch_end
        on_train_end
        on_valid_begin
          on_valid_batch_begin
            on_valid_batch_after_pred, on_valid_batch_after_loss
          on_valid_batch_end
        on_valid_end
      on_epoch_end
    on_fit_end

(``predict()``: ``on_predict_begin``, ``on_predict_batch_begin``, ``on_predict_batch_end``,
``on_predict_end``; ``on_early_stopping`` and ``on_interrupt`` when training stops.) Callbacks
run in the order given to ``fit()`` after the default ones (profile, train/valid, metrics,
progress, interrupt), ordered by their ``weight`` (default 0; early stopping and auto-resume:
``Inf``, last). They run without autograd; an error inside one is re-raised as
:class:`~rtorch.luz.conditions.LuzCallbackError` naming the callback and the breakpoint.

    print_callback = luz_callback(
        name = "print_callback",
        initialize = initialize,           # def initialize(self, message): self.message = message
        on_train_batch_end = batch_end,    # def batch_end(self): cat("Iteration ", ctx.iter, "\\n")
        on_epoch_end = epoch_end,          # def epoch_end(self): cat(self.message, "\\n")
    )
    fit(..., callbacks = [print_callback(message = "Done!")])

Inside a callback R's ``ctx`` is ``self.ctx`` or ``ctx`` (from ``rtorch.luz``). Callbacks that
hold state for checkpoints implement ``state_dict()`` and ``load_state_dict(state)``.
"""
from __future__ import annotations

import inspect
import math
import os
import tempfile
import time
import uuid
import warnings
import weakref
from typing import Any, Callable

import torch

from ..generator import Generator
from ..named_list import NamedList
from ..tensor import unwrap, wrap
from .conditions import LuzError, LuzValueError, signal
from .distributed import all_reduce_mean, barrier, is_main_process, reduce_metric
from .progress import ProgressBar, inform, r_number
from .context import context_of
from .r6 import R6Object, r6_generator
from .serialization import luz_checkpoint, luz_load_checkpoint

__all__ = [
    "LuzCallback", "luz_callback", "assert_is_callback", "default_callbacks",
    "default_predict_callbacks", "default_evaluate_callbacks", "luz_callback_progress",
    "luz_callback_metrics", "luz_callback_train_valid", "luz_callback_lr_scheduler",
    "luz_callback_csv_logger", "luz_callback_gradient_clip", "luz_callback_early_stopping",
    "luz_callback_model_checkpoint", "luz_callback_keep_best_model", "luz_callback_interrupt",
    "luz_callback_mixed_precision", "luz_callback_profile", "luz_callback_auto_resume",
    "luz_callback_resume_from_checkpoint"]


class CallbackClass(Generator):
    """The type of callback classes (R's callback generators)."""

    r_kind = "luz_callback_generator"


class LuzCallback(R6Object, metaclass=CallbackClass):
    """Base of luz's callbacks (R's ``LuzCallback``). ``self.ctx`` is the context of the process
    the callback is attached to."""

    @property
    def ctx(self) -> Any:
        """The context of the process running the callback: the one it was attached to, or,
        for one callback object given to fits running at once (threads, asyncio tasks), the
        fit of the calling thread or task (:func:`rtorch.luz.context.context_of`)."""
        return context_of(self, self.__dict__.get("_ctx"))

    @ctx.setter
    def ctx(self, value: Any) -> None:
        self.__dict__["_ctx"] = value

    def set_ctx(self, ctx: Any) -> None:
        """Attach the callback to a context."""
        self.ctx = ctx

    def call(self, callback_nm: str) -> None:
        """Run the method named ``callback_nm`` if the callback has one."""
        f = getattr(self, callback_nm, None)
        if callable(f):
            f()

    def __repr__(self) -> str:
        return f"<{type(self).__name__}> luz callback"


def luz_callback(name: str | None = None, *, private: dict | None = None,
                 active: dict | None = None, parent_env: Any = None, inherit: Any = None,
                 **members: Any) -> type:
    """R's ``luz_callback(name = NULL, ..., private, active, parent_env, inherit)``: a new
    callback class; call it (with ``initialize``'s arguments) to make the callback.
    ``members`` are methods (``def f(self)``, named after breakpoints or not) and fields
    (``weight = 10``)."""
    return r6_generator(LuzCallback, name, inherit, members, private, active, "luz_callback")


def assert_is_callback(cb: Any) -> None:
    """luz's check of an element of ``callbacks``."""
    if isinstance(cb, LuzCallback):
        return
    message = f"Callbacks must have class <LuzCallback> but got <{type(cb).__name__}>"
    if callable(cb):
        message += "\nPerhaps you forgot to initialize the callback?"
    raise TypeError(message)


# -- the default callbacks --------------------------------------------------------------------

class luz_callback_profile(LuzCallback):
    """R's ``luz_callback_profile()``: times (seconds) of the whole fit, each epoch, each
    training and validation pass, in ``ctx.records.profile`` (``fit``, ``epoch``, ``train``,
    ``valid``). Always attached."""

    def initialize(self) -> None:
        self.tics: dict[str, float] = {}

    def tic(self, name: str) -> None:
        self.tics[name] = time.perf_counter()

    def toc(self, name: str) -> float | None:
        start = self.tics.pop(name, None)
        return None if start is None else time.perf_counter() - start

    def _log(self, name: str) -> None:
        elapsed = self.toc(name)
        if elapsed is not None:
            self.ctx.log("profile", name, elapsed)

    def on_fit_begin(self) -> None:
        self.tic("fit")

    def on_fit_end(self) -> None:
        self._log("fit")

    def on_epoch_begin(self) -> None:
        self.tic("epoch")

    def on_epoch_end(self) -> None:
        self._log("epoch")

    def on_train_begin(self) -> None:
        self.tic("train")

    def on_train_end(self) -> None:
        self._log("train")

    def on_valid_begin(self) -> None:
        self.tic("valid")

    def on_valid_end(self) -> None:
        self._log("valid")


class luz_callback_train_valid(LuzCallback):
    """R's ``luz_callback_train_valid()``: the model in ``train()`` / ``eval()`` mode,
    ``ctx.training``, and ``ctx.loss`` reset, as training and validation begin. Always
    attached."""

    def _begin(self, training: bool) -> None:
        ctx = self.ctx
        ctx.model.train(training)
        ctx.training = training
        ctx.loss = NamedList()

    def on_train_begin(self) -> None:
        self._begin(True)

    def on_valid_begin(self) -> None:
        self._begin(False)


class luz_callback_metrics(LuzCallback):
    """R's ``luz_callback_metrics()``: makes the model's metrics at the start of each
    training / validation pass (``ctx.metrics.train``, ``ctx.metrics.valid``), updates them
    after each batch and logs their values in ``ctx.records.metrics`` at the end. Always
    attached."""

    def on_fit_begin(self) -> None:
        self.ctx.metrics = NamedList(train=None, valid=None)

    def _begin(self, set: str) -> None:
        ctx = self.ctx
        specs = (getattr(ctx.model, "metrics", None) or {}).get(set) or []
        ctx.metrics[set] = [self.initialize_metric(m) for m in specs]

    def initialize_metric(self, x: Any) -> Any:
        obj = x.new().to(device=self.ctx.device)
        obj.ctx = self.ctx
        return obj

    def _failed(self, method: str, m: Any, e: Exception) -> LuzError:
        """luz's error for a metric whose ``method`` (``update``, ``compute``) failed."""
        ctx = self.ctx
        return LuzError(f"Error when evaluating {method} for metric with abbrev \"{m.abbrev}\" "
                        f"and class <{type(m).__name__}>\nThe error happened at iter {ctx.iter} "
                        f"of epoch {ctx.epoch}.\nThe model was "
                        f"{'' if ctx.training else 'not '}in training mode.\nCaused by error: {e}")

    def _update(self, set: str) -> None:
        ctx = self.ctx
        pred, target = ctx.pred, ctx.target
        for m in ctx.metrics[set]:
            try:
                m.update(pred, target)
            except Exception as e:
                raise self._failed("update", m, e) from e

    def _log_all(self, set: str) -> None:
        ctx = self.ctx
        for m in ctx.metrics[set]:
            try:
                value = reduce_metric(m)()
            except Exception as e:
                raise self._failed("compute", m, e) from e
            ctx.log_metric((m.abbrev or type(m).__name__).lower(), value)

    def on_train_begin(self) -> None:
        self._begin("train")

    def on_train_batch_end(self) -> None:
        self._update("train")

    def on_train_end(self) -> None:
        self._log_all("train")

    def on_valid_begin(self) -> None:
        self._begin("valid")

    def on_valid_batch_end(self) -> None:
        self._update("valid")

    def on_valid_end(self) -> None:
        self._log_all("valid")


class luz_callback_progress(LuzCallback):
    """R's ``luz_callback_progress()``: ``Epoch 1/10`` when an epoch begins, a live progress
    bar during long passes, and ``Train metrics: Loss: 1.2345`` / ``Valid metrics: ...`` when
    the epoch ends; only when ``ctx.verbose``. Always attached."""

    def initialize(self) -> None:
        self.pb: ProgressBar | None = None

    def on_epoch_begin(self) -> None:
        inform(self.ctx, f"Epoch {int(self.ctx.epoch)}/{int(self.ctx.max_epochs)}")

    def get_abbrevs(self, metrics: list) -> list[str]:
        """The metrics' abbreviations (their class names when they have none)."""
        return [m.abbrev or type(m).__name__ for m in metrics]

    def get_metrics(self, split: str, live: bool = False) -> dict[str, str]:
        """The split's metrics, formatted, by abbreviation: the values logged for the epoch, or
        (``live``, or not logged yet) computed now."""
        ctx = self.ctx
        metrics = (ctx.metrics or {}).get(split) or []
        if not metrics:
            return {}
        values = None if live else ctx.get_metrics(split, ctx.epoch)
        values = list(values.values()) if values is not None else [m.compute() for m in metrics]
        return {k: m.format(v) for k, m, v in zip(self.get_abbrevs(metrics), metrics, values)}

    def inform_metrics(self, split: str, name: str) -> None:
        metrics = self.get_metrics(split)
        if metrics:
            text = " - ".join(f"{k}: {v}" for k, v in metrics.items())
            inform(self.ctx, f"{name} metrics: {text}")

    def on_epoch_end(self) -> None:
        self.inform_metrics("train", "Train")
        self.inform_metrics("valid", "Valid")

    def initialize_progress_bar(self, split: str) -> None:
        """A bar over the current data loader (``ctx.data``), when verbose."""
        self.close_progress_bar()
        if self.ctx.verbose:
            self.pb = ProgressBar(_length(self.ctx.data))

    def tick_progress_bar(self, split: str) -> None:
        """One batch done; the metrics are computed only if the bar is redrawn."""
        if self.pb is not None:
            self.pb.tick(lambda: self.get_metrics(split, live=True))

    def close_progress_bar(self) -> None:
        if self.pb is not None:
            self.pb.done()
            self.pb = None

    def on_train_begin(self) -> None:
        self.initialize_progress_bar("train")

    def on_valid_begin(self) -> None:
        self.initialize_progress_bar("valid")

    def on_predict_begin(self) -> None:
        self.initialize_progress_bar("predict")

    on_train_end = on_valid_end = on_predict_end = close_progress_bar

    def on_train_batch_end(self) -> None:
        self.tick_progress_bar("train")

    def on_valid_batch_end(self) -> None:
        self.tick_progress_bar("valid")

    def on_predict_batch_end(self) -> None:
        self.tick_progress_bar("predict")


def _length(loader: Any) -> int | None:
    f = getattr(loader, "length", None)
    try:
        n = f() if callable(f) else len(loader)
        n = float(n)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(n) else int(n)


class luz_callback_interrupt(LuzCallback):
    """R's ``luz_callback_interrupt()``: an interrupt (Ctrl+C, ``raise KeyboardInterrupt``)
    ends training cleanly: ``on_interrupt`` callbacks run, then ``on_fit_end``, and ``fit()``
    returns the model trained so far. Always attached."""

    def on_fit_begin(self) -> None:
        ctx = self.ctx
        ctx.handlers["interrupt"] = lambda err: ctx.call_callbacks("on_interrupt")


# -- optional callbacks -----------------------------------------------------------------------

class luz_callback_lr_scheduler(LuzCallback):
    """R's ``luz_callback_lr_scheduler(lr_scheduler, ..., call_on = "on_epoch_end", opt_name =
    NULL)``: makes ``lr_scheduler(optimizer, ...)`` when fit begins and steps it at ``call_on``
    (with the current loss, for schedulers whose ``step`` takes ``metrics``:
    ``lr_reduce_on_plateau``)."""

    def initialize(self, lr_scheduler: Callable, *args: Any, call_on: str = "on_epoch_end",
                   opt_name: str | None = None, **kwargs: Any) -> None:
        self.lr_scheduler_fn = lambda optimizer: lr_scheduler(optimizer, *args, **kwargs)
        self.opt_name = opt_name
        self.scheduler: Any = None
        self.takes_metrics = False
        setattr(self, call_on, self._step)

    def _step(self) -> None:
        if self.takes_metrics:
            self.scheduler.step(all_reduce_mean(unwrap(self.ctx.loss[self.opt_name])))
        else:
            self.scheduler.step()

    def on_fit_begin(self) -> None:
        optimizers = self.ctx.optimizers
        if self.opt_name is None:
            if len(optimizers) != 1:
                raise LuzError("An optimizer name was not supplied and your model has multiple "
                               "optimizers")
            self.opt_name = next(iter(optimizers.keys()))
        if self.opt_name not in optimizers:
            raise LuzError(f"opt_name '{self.opt_name}' not found in ctx.optimizers.")
        self.scheduler = self.lr_scheduler_fn(optimizers[self.opt_name])
        self.takes_metrics = _takes_metrics(self.scheduler)

    def state_dict(self) -> Any:
        return self.scheduler.state_dict()

    def load_state_dict(self, state_dict: Any) -> None:
        self.scheduler.load_state_dict(dict(state_dict))


def _takes_metrics(scheduler: Any) -> bool:
    """Whether ``scheduler.step()`` takes the monitored value (R: ``"metrics" %in%
    names(formals(step))``), looking through wrappers to the class that defines it."""
    if isinstance(scheduler, torch.optim.lr_scheduler.ReduceLROnPlateau):
        return True
    try:
        return "metrics" in inspect.signature(scheduler.step).parameters
    except (TypeError, ValueError):
        return False


class luz_callback_csv_logger(LuzCallback):
    """R's ``luz_callback_csv_logger(path)``: each epoch appends its training and validation
    metrics to the CSV file ``path`` (columns ``epoch``, ``set``, then the metrics; written as
    R's ``write.table(sep = ",")`` writes: strings and header quoted)."""

    def initialize(self, path: str) -> None:
        self.path = os.path.expanduser(os.fspath(path))
        self.append = False

    def _rows(self, set: str) -> list[dict]:
        values = self.ctx.get_metrics(set, self.ctx.epoch)
        if values is None:
            return []
        row: dict[str, Any] = {"epoch": self.ctx.epoch, "set": set}
        for k, v in values.items():
            if isinstance(v, dict):
                row.update({f"{k}.{n}": x for n, x in v.items()})
            else:
                row[k] = v
        return [row]

    def on_epoch_end(self) -> None:
        rows = self._rows("train") + self._rows("valid")
        if not rows or not is_main_process():
            return
        columns = list(dict.fromkeys(k for r in rows for k in r.keys()))
        lines = [] if self.append else [",".join(_csv_cell(c) for c in columns)]
        lines += [",".join(_csv_cell(r.get(c)) for c in columns) for r in rows]
        with open(self.path, "a" if self.append else "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
        self.append = True


def _csv_cell(v: Any) -> str:
    if v is None:
        return "NA"
    if isinstance(v, str):
        return '"' + v.replace('"', '""') + '"'
    return r_number(v)


class luz_callback_gradient_clip(LuzCallback):
    """R's ``luz_callback_gradient_clip(max_norm = 1, norm_type = 2)``: gradients clipped to a
    total ``norm_type``-norm of at most ``max_norm`` before each optimizer step
    (``nn_utils_clip_grad_norm_``)."""

    def initialize(self, max_norm: float = 1, norm_type: float = 2) -> None:
        for name, v in (("max_norm", max_norm), ("norm_type", norm_type)):
            if isinstance(v, bool) or not isinstance(v, (int, float)):
                raise TypeError(f"`{name}` should be a numeric scalar value.\nGot "
                                f"<{type(v).__name__}>")
        self.max_norm = float(max_norm)
        self.norm_type = float(norm_type)

    def on_train_batch_before_step(self) -> None:
        torch.nn.utils.clip_grad_norm_(torch.nn.Module.parameters(self.ctx.model),
                                       max_norm=self.max_norm, norm_type=self.norm_type)


class _MonitorMetrics(LuzCallback):
    """luz's ``monitor_metrics``: finds the monitored quantity (``"<set>_<metric>"``, or
    ``"<set>_<metric>_<optimizer>"``) and compares values by ``mode``."""

    def initialize(self, monitor: str, mode: str, min_delta: float) -> None:
        if mode not in ("min", "max", "zero"):
            raise LuzValueError(f'`mode` must be "min", "max" or "zero", not "{mode}"')
        self.monitor = monitor
        self.mode = mode
        self.min_delta = min_delta
        self.current_best: Any = None

    def find_quantity(self) -> float:
        parts = self.monitor.split("_")
        if len(parts) < 2:
            raise LuzValueError(f"`monitor` must look like 'valid_loss' (<set>_<metric>), got "
                                f"'{self.monitor}'")
        set_name, qty = parts[0], parts[1]
        out = self.ctx.get_metric(qty.lower(), set_name, self.ctx.epoch)
        if len(parts) >= 3 and isinstance(out, dict):
            out = out.get(parts[2])
        if out is None or isinstance(out, (dict, list, tuple)):
            n = 0 if out is None else len(out)
            raise LuzError(f"Expected monitored metric to be length 1, got {n}")
        return float(out)

    def compare(self, new: float, old: float) -> bool:
        """Whether ``new`` is better than ``old`` (by more than ``min_delta``)."""
        if self.mode == "min":
            return (old - self.min_delta) > new
        if self.mode == "max":
            return (new - self.min_delta) > old
        return (abs(old) - self.min_delta) > abs(new)


class luz_callback_early_stopping(_MonitorMetrics):
    """R's ``luz_callback_early_stopping(monitor = "valid_loss", min_delta = 0, patience = 0,
    mode = "min", baseline = NULL)``: stops training when ``monitor`` has not improved by more
    than ``min_delta`` for ``patience`` epochs (never before ``ctx.min_epochs``); runs the
    ``on_early_stopping`` callbacks and says ``Early stopping at epoch 5 of 25``."""

    weight = math.inf

    def initialize(self, monitor: str = "valid_loss", min_delta: float = 0, patience: int = 0,
                   mode: str = "min", baseline: float | None = None) -> None:
        super().initialize(monitor, mode, min_delta)
        self.patience = patience
        self.baseline = baseline
        if baseline is not None:
            self.current_best = baseline
        self.patience_counter = 0

    def on_fit_begin(self) -> None:
        ctx = self.ctx
        ctx.handlers["early_stopping"] = lambda err: ctx.call_callbacks("on_early_stopping")

    def on_epoch_end(self) -> None:
        qty = self.find_quantity()
        if self.current_best is None:
            self.current_best = qty
            return
        if self.compare(qty, self.current_best):
            self.current_best = qty
            self.patience_counter = 0
        else:
            self.patience_counter += 1
        if self.patience_counter >= self.patience and self.ctx.epoch >= self.ctx.min_epochs:
            signal("Early stopping", "early_stopping")

    def on_early_stopping(self) -> None:
        inform(self.ctx, f"Early stopping at epoch {self.ctx.epoch} of {self.ctx.max_epochs}")

    def state_dict(self) -> dict:
        return {"current_best": self.current_best, "patience_counter": self.patience_counter}

    def load_state_dict(self, state: Any) -> None:
        self.current_best = state["current_best"]
        self.patience_counter = state["patience_counter"]


class luz_callback_model_checkpoint(_MonitorMetrics):
    """R's ``luz_callback_model_checkpoint(path, monitor = "valid_loss", save_best_only =
    FALSE, mode = "min", min_delta = 0)``: saves a checkpoint (``luz_load_checkpoint()`` reads
    it) each epoch, or only when ``monitor`` improved. ``path`` is a template filled with
    Python's ``str.format`` (R's glue): ``{epoch}``, ``{monitor}``, ``{self.monitor}``,
    ``{ctx.epoch}`` and formats like ``{epoch:02d}``, ``{monitor:.3f}``; a path ending with
    ``/`` is a folder receiving ``epoch-{epoch:02d}-{self.monitor}-{monitor:.3f}.pt``. Files
    are written atomically."""

    main_process_only = True    # under torch.distributed the file comes from rank 0

    def initialize(self, path: str, monitor: str = "valid_loss", save_best_only: bool = False,
                   mode: str = "min", min_delta: float = 0) -> None:
        path = os.fspath(path)
        if path.endswith(("/", "\\")):
            path = path + "epoch-{epoch:02d}-{self.monitor}-{monitor:.3f}.pt"
        self.path = path
        self.save_best_only = save_best_only
        super().initialize(monitor, mode, min_delta)

    def fmt_path(self, path: str, **values: Any) -> str:
        return path.format(self=self, ctx=self.ctx, **values)

    def _save(self, path: str) -> None:
        if self.main_process_only and not is_main_process():
            return
        folder = os.path.dirname(path)
        if folder:
            os.makedirs(folder, exist_ok=True)
        luz_checkpoint(self.ctx, path)

    def on_epoch_end(self) -> None:
        qty = self.find_quantity()
        if self.current_best is None:
            self.current_best = qty
        epoch = self.ctx.epoch
        path = self.fmt_path(self.path, epoch=epoch, monitor=qty, qty=qty)
        if not self.save_best_only:
            self._save(path)
        elif self.compare(qty, self.current_best) or epoch == 1:
            self.current_best = qty
            self._save(path)


class luz_callback_keep_best_model(luz_callback_model_checkpoint):
    """R's ``luz_callback_keep_best_model(monitor = "valid_loss", mode = "min", min_delta =
    0)``: keeps the weights of the best epoch in a temporary file and loads them back when
    training ends (the file is then removed)."""

    main_process_only = False   # each rank keeps its own temporary file

    def initialize(self, monitor: str = "valid_loss", mode: str = "min",
                   min_delta: float = 0) -> None:
        path = os.path.join(tempfile.gettempdir(), f"luz-best-{uuid.uuid4().hex}.pt")
        super().initialize(path, monitor=monitor, mode=mode, min_delta=min_delta,
                           save_best_only=True)
        self._cleanup = weakref.finalize(self, _remove, path)

    def on_fit_end(self) -> None:
        if os.path.exists(self.path):
            luz_load_checkpoint(self.ctx, self.path, restore_records=False)
            _remove(self.path)


def _remove(path: str) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass


class luz_callback_mixed_precision(LuzCallback):
    """R's ``luz_callback_mixed_precision(...)``: the forward pass and the loss under autocast
    (``float16`` on CUDA, ``bfloat16`` on the CPU), the loss scaled before ``backward()`` and
    the optimizer stepped through a gradient scaler (``...``: PyTorch's ``GradScaler``
    arguments, R's ``cuda_amp_grad_scaler()``; scaling only on CUDA)."""

    def initialize(self, **scaler_args: Any) -> None:
        self.scaler_args = scaler_args
        self.scaler: Any = None
        self.autocast_context: Any = None

    def _device_type(self) -> str:
        return torch.device(self.ctx.device).type

    def on_fit_begin(self) -> None:
        device_type = self._device_type()
        args = {"enabled": device_type == "cuda", **self.scaler_args}
        self.scaler = torch.amp.GradScaler(device_type, **args)
        scaler = self.scaler

        def step_opt(opt: Any) -> None:
            scaler.step(opt)
            scaler.update()
        self.ctx.step_opt = step_opt

    def on_train_batch_begin(self) -> None:
        self.autocast_context = torch.autocast(device_type=self._device_type())
        self.autocast_context.__enter__()

    def _unset(self) -> None:
        if self.autocast_context is not None:
            self.autocast_context.__exit__(None, None, None)
            self.autocast_context = None

    on_train_batch_after_loss = on_fit_end = _unset

    def on_train_batch_before_backward(self) -> None:
        ctx = self.ctx
        with torch.enable_grad():
            ctx.loss_grad = wrap(self.scaler.scale(unwrap(ctx.loss_grad)))

    def state_dict(self) -> Any:
        return self.scaler.state_dict()

    def load_state_dict(self, state: Any) -> None:
        self.scaler.load_state_dict(dict(state))


class luz_callback_auto_resume(LuzCallback):
    """R's ``luz_callback_auto_resume(path = "./state.pt")``: a checkpoint of the whole training
    state (model, optimizers, records, callbacks, random number generators) is written to
    ``path`` after each epoch; when ``fit()`` runs again with this callback and the file exists
    (the previous run failed), training resumes after the last saved epoch and ends with the
    weights an uninterrupted run would have. The file is removed when training completes."""

    weight = math.inf

    def initialize(self, path: str = "./state.pt") -> None:
        self.path = os.fspath(path)
        folder = os.path.dirname(self.path)
        if folder:
            os.makedirs(folder, exist_ok=True)
        self.current_epoch: int | None = None

    def on_fit_begin(self) -> None:
        ctx = self.ctx
        ctx.epoch_handlers["break_epoch"] = lambda err: None
        exists = os.path.exists(self.path)
        barrier()               # every rank has looked before rank 0 writes the next one
        if not exists:
            return
        inform(ctx, "! Resuming model training with of `luz_callback_auto_resume()`\n"
                    f"i State will be reloaded from: {self.path}")
        luz_load_checkpoint(ctx, self.path)

    def state_dict(self) -> dict:
        return {"current_epoch": self.ctx.epoch}

    def load_state_dict(self, state: Any) -> None:
        self.current_epoch = state["current_epoch"]

    def on_epoch_begin(self) -> None:
        if self.current_epoch is not None and self.current_epoch >= self.ctx.epoch:
            signal("Break epoch", "break_epoch")

    def on_epoch_end(self) -> None:
        if is_main_process():
            luz_checkpoint(self.ctx, self.path)

    def on_fit_end(self) -> None:
        if is_main_process():
            _remove(self.path)
        self.current_epoch = None


class luz_callback_resume_from_checkpoint(LuzCallback):
    """R's ``luz_callback_resume_from_checkpoint(path, ..., restore_model_state = TRUE,
    restore_records = FALSE, restore_optimizer_state = FALSE, restore_callbacks_state =
    FALSE)``: loads a checkpoint when fit begins (a folder: its last file in name order).
    ``restore_rng_state`` (rtorch's addition, default ``FALSE``) also restores the random
    number generators saved with it."""

    def initialize(self, path: str, *, restore_model_state: bool = True,
                   restore_records: bool = False, restore_optimizer_state: bool = False,
                   restore_callbacks_state: bool = False,
                   restore_rng_state: bool = False) -> None:
        path = os.fspath(path)
        if os.path.isdir(path):
            files = sorted(os.path.join(path, f) for f in os.listdir(path))
            path = files[-1] if files else ""
        self.path = path
        self.path_exists = bool(path) and os.path.exists(path)
        if not self.path_exists:
            warnings.warn(f"The checkpoint path {path!r} does not exist.\nWill start with state "
                          "initialized with default methods.", stacklevel=4)
        self.params = dict(restore_records=restore_records,
                           restore_optimizer_state=restore_optimizer_state,
                           restore_callbacks_state=restore_callbacks_state,
                           restore_model_state=restore_model_state,
                           restore_rng_state=restore_rng_state)

    def on_fit_begin(self) -> None:
        if self.path_exists:
            luz_load_checkpoint(self.ctx, self.path, **self.params)


def default_callbacks() -> list[LuzCallback]:
    """The callbacks every ``fit()`` has."""
    return [luz_callback_profile(), luz_callback_train_valid(), luz_callback_metrics(),
            luz_callback_progress(), luz_callback_interrupt()]


def default_predict_callbacks() -> list[LuzCallback]:
    """The callbacks every ``predict()`` has."""
    return [luz_callback_progress(), luz_callback_interrupt()]


def default_evaluate_callbacks() -> list[LuzCallback]:
    """The callbacks every ``evaluate()`` has."""
    return [luz_callback_profile(), luz_callback_metrics(), luz_callback_progress(),
            luz_callback_interrupt()]

