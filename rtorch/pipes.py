"""R's pipe ``x %>% f(a)``, written ``x >> f(a)``: it means ``f(x, a)``.

The rule, decided by R's formals (never by inspecting the caller's source): a function
R torch has is a pipe stage exactly when a call leaves one of its **required** formals
unbound (no R default, and required by PyTorch too: R's ``torch_sum(self, dim)`` computes
without ``dim``); ``x >> stage`` calls the function with ``x`` put first. So
``torch_square(2)`` computes, ``x >> nnf_max_pool2d(2)`` is ``nnf_max_pool2d(x, 2)``,
``torch_eye(6) >> nnf_pad(c(1, 1))`` pads, and ``x >> torch_flatten(start_dim = 2)`` is
``torch_flatten(x, start_dim = 2)``. Names R does not have keep the older rule by type: no
data argument, or a first positional argument that cannot be the data.

Stages compose: ``stage_a >> stage_b`` is a :class:`Composed` function (magrittr's
``. %>% a() %>% b()``), called as ``f(x)`` or ``x >> f`` (a dataset transform, say).

What is pipeable:

* every ``torch_*``, ``linalg_*`` and ``nnf_*`` function whose first argument is a tensor,
* R torch's functions written by hand whose first argument is the data (``torch_tensor``,
  ``as_array``, ...),
* every module call: ``x >> self.conv1()`` is ``self.conv1(x)``,
* anything decorated with :func:`pipeable` (the ``luz`` verbs ``setup``, ``fit``, ...).

The left side may be an rtorch tensor, a PyTorch tensor, a numpy array, an R vector,
a module or generator, or any object that does not define ``>>`` itself.

A stage used anywhere but on the right of ``>>`` fails loudly: printing it, reading an
attribute, converting it, or using it in arithmetic raises ``PipeError`` ("`nnf_relu()`
was called without its input: use it on the right of `>>`").
"""
from __future__ import annotations

import functools
import inspect
import numbers
from typing import Any, Callable

import numpy as np
import torch

__all__ = ["Stage", "Composed", "PipeError", "pipeable", "is_data", "not_a_function",
           "register_data_type"]


class PipeError(TypeError):
    """A pipe stage (a call missing its data argument) used outside a pipe."""


#: Types that are data for sure (checked first, by exact type); rtorch's tensor class is
#: added by :mod:`rtorch.mirror` (:func:`register_data_type`): this module needs nothing of rtorch.
_DATA_TYPES = {torch.Tensor, torch.nn.Parameter, np.ndarray, list, tuple}


def register_data_type(tp: type) -> None:
    """Count instances of ``tp`` as data (the fast exact-type check of :func:`is_data`)."""
    _DATA_TYPES.add(tp)


def is_data(x: Any) -> bool:
    """Whether ``x`` can be the data argument of a tensor function: tensors (rtorch or
    PyTorch), arrays, R vectors and other array-likes, lists and tuples."""
    if type(x) in _DATA_TYPES or isinstance(x, (torch.Tensor, np.ndarray, list, tuple)):
        return True
    if isinstance(x, dict) and type(x) is not dict:      # R's named lists (rtorch's NamedList)
        return True
    if x is None or isinstance(x, (numbers.Number, str, bytes)):
        return False
    return hasattr(x, "__array__")          # rtorch tensors, R vectors, other array-likes


class Stage:
    """``fn(<data>, *args, **kwargs)`` waiting for its data on the left of ``>>``."""

    __slots__ = ("fn", "args", "kwargs", "label")
    __array_ufunc__ = None              # numpy arrays on the left defer to __rrshift__
    __array_priority__ = 1e9

    def __init__(self, fn: Callable, args: tuple = (), kwargs: dict | None = None,
                 label: str | None = None):
        object.__setattr__(self, "fn", fn)
        object.__setattr__(self, "args", args)
        object.__setattr__(self, "kwargs", kwargs or {})
        object.__setattr__(self, "label", label or f"{getattr(fn, '__name__', 'f')}()")

    def __rrshift__(self, data: Any) -> Any:
        return self.fn(data, *self.args, **self.kwargs)

    def __rshift__(self, other: Any) -> "Composed":
        """``stage_a >> stage_b``: magrittr's functional sequence ``. %>% a() %>% b()``."""
        if isinstance(other, (Stage, Composed)):
            return Composed((self,)) >> other
        self._misuse()

    def _misuse(self, *args: Any, **kwargs: Any):
        raise PipeError(f"`{self.label}` was called without its input: use it on the right of "
                        f"`>>` (`x >> {self.label}`), or give it its input")

    def __getattr__(self, name: str):
        if name.startswith("__") and name.endswith("__"):
            raise AttributeError(name)
        self._misuse()

    __setattr__ = __repr__ = __str__ = __bool__ = __len__ = __iter__ = __getitem__ = _misuse
    __float__ = __int__ = __index__ = __complex__ = __array__ = __call__ = _misuse
    __add__ = __radd__ = __sub__ = __rsub__ = __mul__ = __rmul__ = _misuse
    __truediv__ = __rtruediv__ = __pow__ = __rpow__ = __matmul__ = __rmatmul__ = _misuse
    __neg__ = __lt__ = __le__ = __gt__ = __ge__ = _misuse
    __hash__ = object.__hash__


class Composed:
    """Stages composed with ``>>`` (magrittr's ``. %>% f() %>% g()``): a function of one
    argument, ``x >> composed`` or ``composed(x)`` (a dataset transform, for instance)."""

    __slots__ = ("stages",)
    __array_ufunc__ = None
    __array_priority__ = 1e9

    def __init__(self, stages: tuple):
        self.stages = tuple(stages)

    def __call__(self, x: Any) -> Any:
        for s in self.stages:
            x = s.fn(x, *s.args, **s.kwargs) if isinstance(s, Stage) else s(x)
        return x

    __rrshift__ = __call__

    def __rshift__(self, other: Any) -> "Composed":
        if isinstance(other, Composed):
            return Composed(self.stages + other.stages)
        if isinstance(other, Stage):
            return Composed(self.stages + (other,))
        return NotImplemented

    def __repr__(self) -> str:
        return "Functional sequence with the following components:\n\n" + "\n".join(
            f" {i}. {s.label if isinstance(s, Stage) else getattr(s, '__name__', s)}"
            for i, s in enumerate(self.stages, 1)) + "\n\nUse 'functions' to extract the individual functions. \n"


def _first_parameter(fn: Callable) -> str | None:
    try:
        params = list(inspect.signature(fn).parameters.values())
    except (TypeError, ValueError):
        return None
    if params and params[0].kind in (inspect.Parameter.POSITIONAL_ONLY,
                                     inspect.Parameter.POSITIONAL_OR_KEYWORD):
        return params[0].name
    return None


def pipeable(fn: Callable | None = None, *, data: str | None = None,
             accepts: Callable[[Any], bool] = is_data, label: str | None = None):
    """Decorator: ``fn`` called without its data argument (its first parameter, or ``data``)
    returns a :class:`Stage` for ``x >> fn(...)``. ``accepts(value)`` says whether a first
    positional value is the data (default :func:`is_data`); luz verbs pass their own test.
    """
    if fn is None:
        return functools.partial(pipeable, data=data, accepts=accepts, label=label)
    name = data or _first_parameter(fn)
    if name is None:
        return fn

    @functools.wraps(fn)
    def f(*args, **kwargs):
        if (args and accepts(args[0])) or name in kwargs:
            return fn(*args, **kwargs)
        return Stage(fn, args, kwargs, label or f"{fn.__name__}()")

    f.__wrapped_pipeable__ = fn
    return f


#: First-parameter names that make a hand-written function pipeable. Tensor-first ones are
#: read by type (``x >> torch_narrow(1, 1, 2)``); R-value ones (which also take numbers:
#: ``as_integer(5)``) only pipe when called with no data at all (``x >> as_array()``).
TENSOR_FIRST = frozenset({"self", "input", "condition", "a", "A", "query", "tensor"})
VALUE_FIRST = frozenset({"x", "data", "value"})


def _any(x: Any) -> bool:
    return True


def not_a_function(x: Any) -> bool:
    """Whether ``x`` can be the data of R's apply family (``lapply(X, FUN)``): anything but a
    function, so ``x >> lapply(f)`` is ``lapply(x, f)``. Modules are data (R lists)."""
    return not callable(x) or isinstance(x, torch.nn.Module)


def pipeable_table(table: dict[str, Callable]) -> dict[str, Callable]:
    """``table`` with its data-first functions made pipeable (see :data:`TENSOR_FIRST`)."""
    out = {}
    for name, fn in table.items():
        first = _first_parameter(fn) if callable(fn) and not isinstance(fn, type) else None
        if first in TENSOR_FIRST:
            out[name] = pipeable(fn)
        elif first in VALUE_FIRST:
            out[name] = pipeable(fn, accepts=_any)
        else:
            out[name] = fn
    return out
