"""R torch's ``nn_utils_*``: ``torch.nn.utils``'s functions, by rule.

``nn_utils_<f>`` is ``torch.nn.utils.<f>`` and ``nn_utils_rnn_<f>`` is
``torch.nn.utils.rnn.<f>``, with the same arguments; rtorch tensors go in as PyTorch's and
results come back as rtorch tensors. ``parameters`` may be given the R ways: one tensor,
a list of tensors, or ``model.parameters``.

``nn_utils_rnn_pack_padded_sequence()`` and friends return R's ``PackedSequence`` (a
PyTorch ``PackedSequence`` with rtorch tensors in its fields: ``p.data``, ``p.batch_sizes``,
and R's 1-based ``sorted_indices`` / ``unsorted_indices``; see :mod:`rtorch.nn_recurrent`);
``nn_lstm`` and the other recurrent layers take it.
"""
from __future__ import annotations

from typing import Any, Callable

import torch

from .nn_module import to_r, to_torch
from .tensor import Tensor


def _parameters_in(parameters: Any) -> Any:
    if type(parameters) is Tensor or isinstance(parameters, torch.Tensor):
        return to_torch(parameters)
    if isinstance(parameters, dict):
        parameters = dict.values(parameters)
    return [to_torch(p) for p in parameters]


def _sequences_in(sequences: Any) -> list:
    return [to_torch(s) for s in sequences]


#: How the first argument is read, by PyTorch's name for it.
_FIRST = {"parameters": _parameters_in, "sequences": _sequences_in}


def _utility(r_name: str, fn: Callable) -> Callable:
    import inspect
    first = next(iter(inspect.signature(fn).parameters), None)
    read_first = _FIRST.get(first, to_torch)

    def f(*args: Any, **kwargs: Any) -> Any:
        if args:
            args = (read_first(args[0]),) + tuple(to_torch(a) for a in args[1:])
        elif first in kwargs:
            kwargs[first] = read_first(kwargs[first])
        return to_r(fn(*args, **to_torch(kwargs)))

    f.__name__ = f.__qualname__ = r_name
    f.__doc__ = f"R torch's ``{r_name}()``: PyTorch's ``{fn.__module__}.{fn.__name__}``.\n\n" \
        + (fn.__doc__ or "")
    return f


def _public_functions(module) -> dict[str, Callable]:
    """A module's public functions (its ``__all__`` when it has one), less the deprecated
    aliases that lack the trailing ``_`` (R has only the ``_`` forms)."""
    names = getattr(module, "__all__", None) or [n for n in vars(module) if not n.startswith("_")]
    fns = {n: getattr(module, n) for n in names}
    return {n: f for n, f in fns.items()
            if callable(f) and not isinstance(f, type) and n + "_" not in fns
            and getattr(f, "__module__", "").startswith(module.__name__)}


def utils_namespace() -> dict[str, Callable]:
    """``nn_utils_<f>`` for ``torch.nn.utils``'s gradient clipping and parameter-vector
    functions, ``nn_utils_rnn_<f>`` for ``torch.nn.utils.rnn``'s."""
    import torch.nn.utils.clip_grad as clip
    import torch.nn.utils.convert_parameters as convert
    ns = {}
    for module, prefix in ((clip, "nn_utils_"), (convert, "nn_utils_"),
                           (torch.nn.utils.rnn, "nn_utils_rnn_")):
        for n, fn in _public_functions(module).items():
            ns[prefix + n] = _utility(prefix + n, fn)
    return ns


R_NN_UTILS = utils_namespace()
