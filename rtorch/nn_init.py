"""R torch's ``nn_init_*``: ``torch.nn.init``'s functions, by rule.

``nn_init_<f>(tensor, ...)`` is ``torch.nn.init.<f>`` with the same arguments, run on the
PyTorch tensor behind an rtorch tensor (a module's parameter: ``nn_init_xavier_uniform_(
model.fc.weight)``). The in-place initialisers (names ending in ``_``) fill the tensor
without recording gradients and return it (R returns it invisibly);
``nn_init_calculate_gain(nonlinearity, param = NULL)`` returns the gain.

A call binds by R's formals (:mod:`rtorch.formals`): R's names, order and defaults
(``nn_init_normal_(w, 0, sqrt(2))``), R's ``unused argument`` error for a name neither R nor
PyTorch has; PyTorch's own additions (``generator``) are taken by name.
"""
from __future__ import annotations

import inspect
from typing import Any, Callable

import torch

from .formals import bind_callable
from .nn_module import to_torch
from .tensor import wrap_all
from .values import r_scalar


def _initializer(r_name: str, fn: Callable) -> Callable:
    inplace = r_name.endswith("_")

    def f(tensor: Any, *args: Any, **kwargs: Any) -> Any:
        r = fn(to_torch(tensor), *[r_scalar(to_torch(a)) for a in args],
               **{k: r_scalar(to_torch(v)) for k, v in kwargs.items()})
        if inplace:
            return tensor
        return wrap_all(r)

    f.__name__ = f.__qualname__ = r_name
    f.__doc__ = (f"R torch's ``{r_name}()``: PyTorch's ``torch.nn.init.{fn.__name__}``"
                 + (" (in place; returns ``tensor``)." if inplace else ".")
                 + "\n\n" + (fn.__doc__ or ""))
    try:
        f.__signature__ = inspect.signature(fn)     # what the binder maps R's formals onto
    except (TypeError, ValueError):
        pass
    return bind_callable(f, "function", r_name, force=True)


def init_namespace() -> dict[str, Callable]:
    """``nn_init_<f>`` for every public function of ``torch.nn.init`` (its deprecated aliases
    without the trailing ``_`` left out, as R has none)."""
    names = torch.nn.init.__all__
    return {"nn_init_" + n: _initializer("nn_init_" + n, getattr(torch.nn.init, n))
            for n in names if n.endswith("_") or n + "_" not in names}


R_NN_INIT = init_namespace()
