"""luz's ``ctx``: the object that training loop, callbacks, metrics and model methods share.

A callback reaches it as ``self.ctx``; any code running inside ``fit()``, ``predict()`` or
``evaluate()`` (callbacks, metrics, a model's ``step()``/``loss()``) also reaches it as
:data:`ctx`, imported from ``rtorch.luz``: R's free variable ``ctx``. Its fields are luz's:

``verbose``, ``accelerator`` (and ``device``), ``model``, ``optimizers`` (a named list; ``opt``
and ``opt_name`` the current one), ``loss_fn``, ``data`` / ``train_data`` / ``valid_data``,
``min_epochs``, ``max_epochs``, ``epoch``, ``iter``, ``training``, ``callbacks``, ``batch``
(``input`` and ``target`` are its first and second elements), ``pred``, ``loss`` (a named list
of detached losses, one per optimizer), ``loss_grad``, ``metrics`` (the metric objects of the
epoch), ``records`` (logged values: ``records.metrics.train`` holds one named list per epoch,
a Python list, so ``[0]`` is epoch 1), ``handlers`` and ``epoch_handlers``
(:mod:`rtorch.luz.conditions`), ``step_opt``, ``buffers``, ``hparams``, ``opt_hparams``.

Methods: ``log(what, set, value, index = None, append = True)``, ``log_metric(name, value)``,
``get_log(what, set, index)``, ``get_metrics(set, epoch)``, ``get_metric(name, set, epoch)``,
``get_formatted_metrics(set, epoch)``, ``get_metrics_df()``, ``call_callbacks(name)``,
``state_dict()``, ``unsafe_set_records(records)``, ``clean()``. Indices and epochs given to
them count from 1, as in R.
"""
from __future__ import annotations

import contextlib
import contextvars
import warnings
from typing import Any, Iterator

import torch

from ..named_list import NamedList, as_named
from .conditions import LuzCallbackError, LuzCondition, LuzError, LuzValueError

__all__ = ["Context", "FitContext", "PredictContext", "EvaluateContext", "ctx", "using",
           "active_context", "batch_item", "with_batch_item", "context_of"]


# -- the batch: R's list(input, target) -------------------------------------------------------

def batch_item(batch: Any, i: int) -> Any:
    """Element ``i`` (0-based) of a batch: a named list, a list/tuple, or a bare tensor
    (element 0); ``None`` when there is no such element."""
    if isinstance(batch, dict):
        it = iter(batch.values())
        for _ in range(i):
            next(it, None)
        return next(it, None)
    if isinstance(batch, (list, tuple)):
        return batch[i] if len(batch) > i else None
    return batch if i == 0 else None


def with_batch_item(batch: Any, i: int, value: Any) -> Any:
    """``batch`` with element ``i`` (0-based) replaced (R's ``ctx$batch[[i + 1]] <- value``)."""
    if isinstance(batch, dict):
        batch[list(batch.keys())[i]] = value
        return batch
    if isinstance(batch, (list, tuple)):
        out = list(batch)
        out.extend([None] * (i + 1 - len(out)))
        out[i] = value
        return out
    return value if i == 0 else [batch, value]


class _RepeatedName(str):
    """A name already in an R list: R's ``append()`` keeps both elements (``$name`` finds the
    first). Equal to the plain name, but a distinct ``dict`` key."""

    __slots__ = ()
    __hash__ = object.__hash__


def _r_append(current: Any, value: Any) -> Any:
    """R's ``append(current, value)`` for logged records (repeated names kept, as in R)."""
    if current is None:
        return as_named(value) if isinstance(value, dict) else value
    if isinstance(current, dict) and isinstance(value, dict):
        new = as_named(value)
        return NamedList({**current, **{(_RepeatedName(k) if k in current else k): v
                                        for k, v in new.items()}})
    head = list(current) if isinstance(current, list) else [current]
    return head + (list(value) if isinstance(value, list) else [value])


def _integerish(x: Any) -> bool:
    try:
        return float(x) == int(x)
    except (TypeError, ValueError):
        return False


#: fields that only mean something while a process runs (``clean()`` drops them)
TRANSIENT = ("_callbacks", "train_data", "valid_data", "accelerator", "_optimizers", "handlers",
             "epoch_handlers", "metrics", "training", "batch", "iter", "pred", "_opt",
             "_opt_name", "data", "loss_fn", "loss", "loss_grad", "epoch", "step_opt")


class Context:
    """luz's context object (R's ``luz_context``); see the module docstring."""

    kind = "luz_context"

    def __init__(self, verbose: bool | None, accelerator: Any, callbacks: list, training: bool):
        from .accelerator import accelerator as _accelerator
        self.buffers = NamedList()
        self._records = NamedList(metrics=NamedList(train=[], valid=[]))
        self.hparams: NamedList | None = None
        self.opt_hparams: NamedList | None = None
        self._min_epochs, self._max_epochs = 0, 999999999
        self.model: Any = None
        self._callbacks: list = []
        self._dispatch: dict[str, list] = {}
        self.train_data = self.valid_data = self.data = None
        self._optimizers: NamedList | None = None
        self.handlers = NamedList()
        self.epoch_handlers = NamedList()
        self.metrics = NamedList()
        self.step_opt: Any = None
        self.training = training
        self.batch: Any = None
        self.iter: int | None = None
        self.pred: Any = None
        self._opt = self._opt_name = None
        self.loss_fn: Any = None
        self.loss: Any = NamedList()
        self.loss_grad: Any = None
        self.epoch: int | None = None
        self.set_verbose(verbose)
        self.accelerator = accelerator if accelerator is not None else _accelerator()
        self.callbacks = initialize_callbacks(callbacks, self)

    # -- fields with rules ------------------------------------------------------------------
    @property
    def records(self) -> NamedList:
        """Logged values (``ctx.log()``, ``ctx.log_metric()``); read-only."""
        return self._records

    @records.setter
    def records(self, value: Any) -> None:
        raise LuzError("Not allowed to modify records manually. Use ctx.log() or ctx.log_metric()")

    @property
    def device(self) -> str:
        """The accelerator's device, as luz gives it (``"cpu"``, ``"cuda:0"``)."""
        if self.accelerator is None:
            raise LuzError("Context doesn't have an accelerator attached.")
        return self.accelerator.device

    @device.setter
    def device(self, value: Any) -> None:
        raise LuzError("Not allowed to modify the device manually. Modify the ctx.accelerator")

    @property
    def verbose(self) -> bool:
        return self._verbose

    @verbose.setter
    def verbose(self, value: bool | None) -> None:
        self.set_verbose(value)

    @property
    def callbacks(self) -> list:
        """The callbacks, in the order they are called."""
        return self._callbacks

    @callbacks.setter
    def callbacks(self, new: list) -> None:
        from .callbacks import LuzCallback
        for i, cb in enumerate(new, 1):
            if not isinstance(cb, LuzCallback):
                raise LuzError(f"Expected a LuzCallback but got an object with class "
                               f"'{type(cb).__name__}' at index {i}.")
        self._callbacks = list(new)
        self._dispatch = {}

    @property
    def input(self) -> Any:
        """The first element of the batch."""
        return batch_item(self.batch, 0)

    @input.setter
    def input(self, value: Any) -> None:
        self.batch = with_batch_item(self.batch, 0, value)

    @property
    def target(self) -> Any:
        """The second element of the batch."""
        return batch_item(self.batch, 1)

    @target.setter
    def target(self, value: Any) -> None:
        self.batch = with_batch_item(self.batch, 1, value)

    @property
    def min_epochs(self) -> int:
        return self._min_epochs

    @min_epochs.setter
    def min_epochs(self, new: Any) -> None:
        _check_epochs(new, self._max_epochs)
        self._min_epochs = int(new)

    @property
    def max_epochs(self) -> int:
        return self._max_epochs

    @max_epochs.setter
    def max_epochs(self, new: Any) -> None:
        _check_epochs(self._min_epochs, new)
        self._max_epochs = int(new)

    @property
    def optimizers(self) -> NamedList | None:
        """A named list of optimizers (one optimizer is named ``opt``)."""
        return self._optimizers

    @optimizers.setter
    def optimizers(self, new: Any) -> None:
        self._optimizers = _check_optimizers(new)

    @property
    def opt(self) -> Any:
        """The optimizer being used (the only one, when there is one)."""
        if self._opt is not None:
            return self._opt
        if self._optimizers is not None and len(self._optimizers) == 1:
            return next(iter(self._optimizers.values()))
        raise LuzError("`ctx.opt` not set.")

    @opt.setter
    def opt(self, value: Any) -> None:
        self._opt = value

    @property
    def opt_name(self) -> str:
        """The name of the optimizer being used."""
        if self._opt_name is not None:
            return self._opt_name
        if self._optimizers is not None and len(self._optimizers) == 1:
            return next(iter(self._optimizers.keys()))
        raise LuzError("`ctx.opt_name` not set.")

    @opt_name.setter
    def opt_name(self, value: str) -> None:
        self._opt_name = value

    # -- methods ----------------------------------------------------------------------------
    def set_verbose(self, verbose: bool | None = None) -> None:
        """``verbose = None`` follows R's ``interactive()`` (see :func:`rtorch.luz.progress.interactive`)."""
        from .progress import interactive
        self._verbose = interactive() if verbose is None else bool(verbose)

    def log(self, what: str, set: str, value: Any, index: int | None = None,
            append: bool = True) -> "Context":
        """Log ``value`` under ``records[what][set]`` at ``index`` (1-based; default: a new
        last entry), appended to what is there unless ``append = False``."""
        slot = self._records.get(what)
        if slot is None:
            slot = self._records[what] = NamedList()
        entries = slot.get(set)
        if entries is None:
            entries = slot[set] = []
        if index is None:
            index = len(entries) + 1
        index = int(index)
        current = entries[index - 1] if append and len(entries) >= index else None
        entries.extend([None] * (index - len(entries)))
        entries[index - 1] = _r_append(current, value)
        return self

    def log_metric(self, name: str, value: Any) -> "Context":
        """Log a metric value for the current epoch in the current set (train/valid)."""
        return self.log("metrics", "train" if self.training else "valid", {name: value},
                        index=self.epoch)

    def get_log(self, what: str, set: str, index: int | None = None) -> Any:
        """The value logged under ``records[what][set]`` at ``index`` (1-based; default: the
        last), or ``None``."""
        entries = (self._records.get(what) or {}).get(set) or []
        if index is None:
            index = len(entries)
        return entries[index - 1] if 1 <= index <= len(entries) else None

    def get_metrics(self, set: str, epoch: int | None = None) -> NamedList | None:
        """All metrics of ``set`` at ``epoch`` (1-based; default: the last)."""
        return self.get_log("metrics", set, epoch)

    def get_metric(self, name: str, set: str, epoch: int | None = None) -> Any:
        """One metric's value."""
        return (self.get_metrics(set, epoch) or {}).get(name)

    def get_formatted_metrics(self, set: str, epoch: int | None = None) -> NamedList:
        """The metrics of ``set`` at ``epoch`` as the metrics format them (``round(v, 4)``)."""
        from .metrics import formatted_metrics
        return formatted_metrics(self.get_metrics(set, epoch), self.model, set)

    def get_metrics_df(self):
        """All metrics as a data frame (``get_metrics(ctx)``)."""
        from .module import metrics_frame
        return metrics_frame(self._records)

    def call_callbacks(self, name: str) -> None:
        """Run every callback's ``name`` method (e.g. ``"on_epoch_end"``), without grad."""
        fns = self._dispatch.get(name)
        if fns is None:
            fns = self._dispatch[name] = [
                (cb, f) for cb in self._callbacks
                if callable(f := getattr(cb, name, None))]
        if not fns:
            return
        with torch.no_grad():
            for cb, f in fns:
                try:
                    f()
                except (LuzCondition, LuzCallbackError, KeyboardInterrupt):
                    raise
                except Exception as e:
                    raise LuzCallbackError(
                        f"Error while calling callback with class <{callback_class(cb)}> at "
                        f"{name}.\nCaused by error: {e}") from e

    def state_dict(self) -> NamedList:
        """What a fitted object keeps: the model, the records, the hyper-parameters."""
        return NamedList(model=self.model, records=self._records,
                         ctx=NamedList(hparams=self.hparams, opt_hparams=self.opt_hparams))

    def unsafe_set_records(self, records: Any) -> None:
        """Replace the records (used when resuming); warns when there are some already."""
        if self._records["metrics"].get("train"):
            warnings.warn("You are unsafe setting records and it's overriding current data.",
                          stacklevel=2)
        self._records = as_named(records)

    def clean(self) -> None:
        """Drop what only mattered while the process ran."""
        for name in TRANSIENT:
            setattr(self, name, None)
        self._dispatch = {}
        self._verbose = None
        self.buffers = None

    def __repr__(self) -> str:
        where = "" if self.epoch is None else (
            f"\n  epoch {self.epoch}/{self._max_epochs}, iter {self.iter}, "
            f"{'training' if self.training else 'validating'}")
        return f"<{self.kind}>{where}"


class FitContext(Context):
    """The context of ``fit()`` (R's ``luz_fit_context``)."""

    kind = "luz_fit_context"


class PredictContext(Context):
    """The context of ``predict()`` (R's ``luz_predict_context``)."""

    kind = "luz_predict_context"


class EvaluateContext(PredictContext):
    """The context of ``evaluate()`` (R's ``luz_evaluate_context``)."""

    kind = "luz_evaluate_context"


def callback_class(cb: Any) -> str:
    """R's class vector of a callback, as luz prints it (``metrics_callback/LuzCallback``)."""
    names = []
    for klass in type(cb).__mro__:
        names.append(klass.__name__)
        if klass.__name__ == "LuzCallback":
            break
    return "/".join(names)


def initialize_callbacks(callbacks: list, context: Context) -> list:
    """Bind each callback to ``context``, then order them by ``weight`` (default 0; stable)."""
    from .callbacks import assert_is_callback
    for cb in callbacks:
        assert_is_callback(cb)
        cb.set_ctx(context)
    return sorted(callbacks, key=lambda cb: getattr(cb, "weight", None) or 0)


def _check_epochs(low: Any, high: Any) -> None:
    if not _integerish(low):
        raise LuzValueError(f"Expected `min_epochs` to be a scalar integer, got {low!r}.")
    if not _integerish(high):
        raise LuzValueError(f"Expected `max_epochs` to be a scalar integer, got {high!r}.")
    if low > high:
        raise LuzValueError("`min_epochs` is higher than `max_epochs` and that's not allowed.")


def _check_optimizers(new: Any) -> NamedList:
    if not isinstance(new, dict):
        new = {"opt": new}
    if not all(isinstance(k, str) and k for k in new.keys()):
        raise LuzError("List of optimizers is not named. When returning a list of optimizers, "
                       "the list must be named.")
    for opt in new.values():
        if not isinstance(opt, torch.optim.Optimizer):
            raise LuzError(f"Expected a torch optimizer but got an object with class "
                           f"'{type(opt).__name__}'.")
    return NamedList(new)



# -- the active context: R's free variable `ctx` ------------------------------------------------

#: the running processes' contexts, innermost last: a tuple per thread / asyncio task
#: (``contextvars``), so fits running at once in threads or tasks each see their own ``ctx``
_stack: contextvars.ContextVar[tuple[Context, ...]] = contextvars.ContextVar(
    "rtorch_luz_ctx", default=())


def active_context() -> Context:
    """The context of the innermost ``fit()`` / ``predict()`` / ``evaluate()`` running in this
    thread or asyncio task."""
    stack = _stack.get()
    if not stack:
        raise LuzError("`ctx` is only available while luz runs: in callbacks, metrics and model "
                       "methods called by fit(), predict() or evaluate()")
    return stack[-1]


@contextlib.contextmanager
def using(context: Context) -> Iterator[Context]:
    """Make ``context`` the active one (what :data:`ctx` stands for) while the block runs, in
    this thread or asyncio task only."""
    token = _stack.set(_stack.get() + (context,))
    try:
        yield context
    finally:
        _stack.reset(token)


def context_of(callback: Any, bound: Any) -> Any:
    """The context a callback's ``self.ctx`` stands for: ``bound`` (the one it was attached to)
    unless the calling thread / task runs another fit that has this callback among its own (one
    callback object given to several fits at once): then that fit's."""
    stack = _stack.get()
    if not stack or stack[-1] is bound:
        return bound
    for c in reversed(stack):
        if any(cb is callback for cb in c._callbacks):
            return c
    return bound


class _ActiveContext:
    """R's free variable ``ctx`` inside luz's callbacks, metrics and model methods: every field
    and method read or set here is the active context's (see :func:`active_context`)."""

    __slots__ = ()

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):               # Python's own probes (help(), copy, pickle)
            raise AttributeError(name)
        return getattr(active_context(), name)

    def __setattr__(self, name: str, value: Any) -> None:
        setattr(active_context(), name, value)

    def __repr__(self) -> str:
        stack = _stack.get()
        return repr(stack[-1]) if stack else "<ctx: no luz process is running>"


#: R's ``ctx``: the active luz context (``from rtorch.luz import ctx``)
ctx = _ActiveContext()
