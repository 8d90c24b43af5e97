"""Indices as data: R's 1-based element and class indices <-> PyTorch's 0-based.

One table drives every function that takes or returns positions:

* **in**: an argument named in :data:`INDEX_NAMES` (``index``, ``indices``) is
  1-based; a tensor of indices loses 1 where positive (negatives count from
  the end), a ``0`` is an error. Functions whose index argument has another
  name are listed in :data:`INDEX_ARGUMENTS`.
* **out**: :data:`RESULT_INDICES` says which results carry positions that
  R torch returns 1-based.
* :data:`ZERO_BASED_RESULTS` lists what R torch itself still returns 0-based;
  rtorch returns the same values so ported code keeps its meaning.
"""
from __future__ import annotations

import numbers

import numpy as np
import torch

from .dims import whole

#: Argument names holding 1-based indices (a tensor of them, a list of tensors, or one int).
INDEX_NAMES = frozenset({"index", "indices"})

#: Functions and methods whose 1-based index argument carries another name.
INDEX_ARGUMENTS: dict[str, frozenset[str]] = {
    "bincount": frozenset({"input", "self"}),      # R torch treats the counted values as indices
}

ALL = "all"
#: name -> which results are 1-based positions: ``ALL`` (every tensor returned) or the
#: position in a returned tuple (only when a tuple is returned, e.g. ``max(dim=)``).
RESULT_INDICES: dict[str, str | int] = {
    "argmax": ALL, "argmin": ALL, "argsort": ALL, "nonzero": ALL, "argwhere": ALL,
    "max": 1, "min": 1, "sort": 1, "topk": 1,
    "indices": ALL,                                  # sparse tensors' indices()
}
#: Results shifted by the ``torch_`` function but not by the method of the same name.
FUNCTION_RESULT_INDICES: dict[str, str | int] = {
    "multinomial": ALL, "tril_indices": ALL, "triu_indices": ALL,
}

#: What R torch (and so rtorch) still returns 0-based; see the docs' "0-based leaks" page.
ZERO_BASED_RESULTS = (
    "cummax", "cummin", "kthvalue", "mode", "median", "nanmedian",
    "unique_consecutive", "unique", "searchsorted", "bucketize", "randperm",
    "multinomial (the method)", "adaptive/fractional max-pool indices",
)

ZERO_INDEX_MESSAGE = "Indexing starts at 1 but found a 0."


def index_tensor_in(t: torch.Tensor) -> torch.Tensor:
    """A tensor of 1-based indices -> 0-based (positives minus 1; any 0 is an error)."""
    if t.dtype is torch.bool:
        return t
    if t.dtype.is_floating_point or t.dtype.is_complex:
        raise TypeError("Only long and boolean tensors are supported.")
    if t.dtype is not torch.int64:
        t = t.long()
    if t.numel() and bool((t == 0).any()):
        raise IndexError(ZERO_INDEX_MESSAGE)
    return torch.where(t > 0, t - 1, t)


def index_in(v):
    """One 1-based index argument (int, tensor, vector, list of tensors) -> 0-based."""
    if isinstance(v, torch.Tensor):
        return index_tensor_in(v)
    if isinstance(v, numbers.Integral) and not isinstance(v, (bool, np.bool_)):
        if v == 0:
            raise IndexError(ZERO_INDEX_MESSAGE)
        return int(v) - 1 if v > 0 else int(v)
    if isinstance(v, float):
        return index_in(whole(v, "index"))
    if isinstance(v, (list, tuple)) and v and all(isinstance(x, torch.Tensor) or x is None for x in v):
        return type(v)(None if x is None else index_tensor_in(x) for x in v)
    return index_tensor_in(torch.as_tensor(np.asarray(v)).long())


def shift_out(t):
    """0-based positions PyTorch returned -> 1-based (tensors, or tuples of them)."""
    if isinstance(t, torch.Tensor):
        return t + 1
    if isinstance(t, tuple):
        return type(t)(tuple(shift_out(x) for x in t))   # plain tuples and torch.return_types
    if isinstance(t, list):
        return [shift_out(x) for x in t]
    return t


def result_out(rule, r):
    """Apply a :data:`RESULT_INDICES` rule to what PyTorch returned."""
    if rule == ALL:
        return shift_out(r)
    if isinstance(r, tuple):
        items = list(r)
        items[rule] = shift_out(items[rule])
        return type(r)(tuple(items))
    return r
