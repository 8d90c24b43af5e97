"""luz's errors and conditions: how a training loop is stopped or an epoch skipped.

R's luz runs the epochs inside ``rlang::try_fetch(..., !!!ctx$handlers)`` and each epoch inside
``ctx$epoch_handlers``: a handler, found by the class of a signalled condition, ends the
guarded block and fit goes on after it. The same here:

* ``ctx.handlers`` / ``ctx.epoch_handlers`` are named lists ``{class: function(condition)}``;
* R's ``rlang::signal("Early stopping", class = "early_stopping")`` is
  ``signal("Early stopping", "early_stopping")`` (this module; as in R it does nothing when no
  handler for that class is active);
* R's ``rlang::interrupt()`` (or Ctrl+C) is ``raise KeyboardInterrupt``: its class is
  ``"interrupt"``; an error's classes are ``"error"`` and its Python class name.

So a callback stops training early with ``signal("Early stopping", "early_stopping")``
(with :func:`~rtorch.luz.luz_callback_early_stopping` attached, which handles that class) or
``raise KeyboardInterrupt`` (handled by the default ``luz_callback_interrupt``): fit then
calls ``on_fit_end`` and returns the fitted model.
"""
from __future__ import annotations

import contextvars
from typing import Any, Callable, Mapping

__all__ = ["LuzError", "LuzValueError", "LuzCallbackError", "LuzCondition", "signal",
           "condition_classes", "Handling", "check_data"]


class LuzError(RuntimeError):
    """An error raised by luz's training loop (R: ``rlang::abort()``)."""


class LuzValueError(LuzError, ValueError):
    """A wrong value given to luz (R's condition class ``value_error``)."""


class LuzCallbackError(LuzError):
    """An error raised inside a callback; the original error is its ``__cause__``."""


class LuzCondition(Exception):
    """A condition signalled with :func:`signal` (R's ``rlang::signal(message, class)``)."""

    def __init__(self, message: str, classes: tuple[str, ...]):
        super().__init__(message)
        self.message = message
        self.classes = classes


#: the handler lists that guard the code running now, innermost last: a tuple per thread /
#: asyncio task (``contextvars``), so a condition signalled in one fit never reaches another's
_active: contextvars.ContextVar[tuple[Mapping[str, Callable], ...]] = contextvars.ContextVar(
    "rtorch_luz_handlers", default=())


def condition_classes(e: BaseException) -> tuple[str, ...]:
    """The R classes of a raised condition (what handlers are looked up by)."""
    if isinstance(e, LuzCondition):
        return e.classes + ("condition",)
    if isinstance(e, KeyboardInterrupt):
        return ("interrupt", "condition")
    if isinstance(e, Exception):
        return (type(e).__name__, "error", "condition")
    return ()


def _handler_for(handlers: Mapping[str, Callable], e: BaseException) -> Callable | None:
    for cls in condition_classes(e):
        h = handlers.get(cls)
        if h is not None:
            return h
    return None


def signal(message: str, class_: str | list[str] | tuple[str, ...]) -> None:
    """R's ``rlang::signal(message, class)``: raises a condition of class ``class_`` to the
    innermost active handler for it (``ctx.handlers``, ``ctx.epoch_handlers``); with no such
    handler it returns ``None`` and the code goes on, as in R."""
    classes = (class_,) if isinstance(class_, str) else tuple(class_)
    cond = LuzCondition(message, classes)
    if any(_handler_for(h, cond) is not None for h in _active.get()):
        raise cond
    return None


class Handling:
    """``with Handling(handlers): ...``: R's ``rlang::try_fetch(expr, !!!handlers)``. A raised
    condition with a handler in ``handlers`` ends the block; the handler is called with it."""

    __slots__ = ("handlers", "_token")

    def __init__(self, handlers: Mapping[str, Callable] | None):
        self.handlers = dict(handlers or {})         # R evaluates the list when entering
        self._token: contextvars.Token | None = None

    def __enter__(self) -> "Handling":
        self._token = _active.set(_active.get() + (self.handlers,))
        return self

    def __exit__(self, tp: Any, e: BaseException | None, tb: Any) -> bool:
        _active.reset(self._token)
        if e is None or not self.handlers:
            return False
        h = _handler_for(self.handlers, e)
        if h is None:
            return False
        h(e)
        return True


# -- data given to fit(), predict(), evaluate() ---------------------------------------------------

def _is_frame(x: Any) -> bool:
    return type(x).__name__ == "DataFrame" and type(x).__module__.startswith("pandas")


def check_data(x: Any, arg: str, verb: str, required: bool = True) -> None:
    """A clear error for data luz can't take, raised before anything runs: ``NULL`` where data
    is required, a data frame, or a list holding something other than tensors, arrays or R
    vectors (named by its 1-based position or its name)."""
    where = f"{verb}(): `{arg}`"
    if x is None:
        if required:
            raise LuzValueError(f"{where} is NULL: give the data as a dataloader, a dataset, or "
                                f"list(x, y) of tensors")
        return
    fix = ("convert it with torch_tensor() (numeric and factor columns) or write a dataset() "
           "that returns tensors")
    if _is_frame(x):
        raise LuzValueError(f"{where} is a data frame; luz takes tensors: {fix}")
    if isinstance(x, (list, tuple, dict)):
        if not len(x):
            raise LuzValueError(f"{where} is an empty list: give list(x, y) of tensors")
        items = x.items() if isinstance(x, dict) else ((k + 1, v) for k, v in enumerate(x))
        for key, v in items:
            label = f"element `{key}`" if isinstance(x, dict) else f"element {key}"
            if _is_frame(v):
                raise LuzValueError(f"{where}: {label} is a data frame; luz takes tensors: {fix}")
            if v is None or isinstance(v, (str, bytes, list, tuple, dict)) or \
                    not hasattr(v, "__array__") and not hasattr(v, "shape"):
                raise LuzValueError(f"{where}: {label} is <{type(v).__name__}>, not a tensor, "
                                    f"array or R vector; give list(x, y) of tensors")
