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

# Kinds of 1-based arguments of nn layers and nnf functions (see NN_INDEX_ARGUMENTS).
POSITION, CLASS, IGNORE = "position", "class", "ignore"

#: ``nn_*`` layers and ``nnf_*`` functions (R name without its prefix) -> the arguments R
#: gives 1-based (constructor or forward arguments of a layer, arguments of a function), by
#: kind: ``POSITION`` (index tensors), ``CLASS`` (class targets), ``IGNORE`` (``ignore_index``).
#: Arguments named ``index``/``indices`` are 1-based everywhere (``INDEX_NAMES``).
NN_INDEX_ARGUMENTS: dict[str, dict[str, str]] = {
    "cross_entropy": {"target": CLASS, "ignore_index": IGNORE},
    "cross_entropy_loss": {"target": CLASS, "ignore_index": IGNORE},
    "nll_loss": {"target": CLASS, "ignore_index": IGNORE},
    "multi_margin_loss": {"target": CLASS},
    "multilabel_margin_loss": {"target": CLASS},
    "adaptive_log_softmax_with_loss": {"target_": CLASS},
    "linear_cross_entropy": {"target": CLASS, "ignore_index": IGNORE},
    "linear_cross_entropy_loss": {"target": CLASS, "ignore_index": IGNORE},
    "one_hot": {"tensor": POSITION},
    "embedding": {"input": POSITION},
    "embedding_bag": {"input": POSITION},
}

#: ``nn_*`` layers and ``nnf_*`` functions whose results hold 1-based positions (as
#: :data:`RESULT_INDICES`): max pooling's ``return_indices = TRUE`` indices.
NN_RESULT_INDICES: dict[str, str | int] = {"max_pool1d": 1, "max_pool2d": 1, "max_pool3d": 1}

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
IGNORE_INDEX_MESSAGE = ("`ignore_index` is a 1 based class index, so it cannot be 0. Use a negative "
                        "value (e.g. the default -100) for a target value that never occurs.")


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


def class_target_in(t) -> torch.Tensor:
    """A tensor of 1-based class targets (any integer dtype) -> PyTorch's 0-based Long targets;
    float targets fail as in R (``expected scalar type Long but found Float``)."""
    if not isinstance(t, torch.Tensor):
        t = torch.as_tensor(np.asarray(t))
    if t.dtype.is_floating_point or t.dtype.is_complex:
        from .dtypes import scalar_type_name
        raise RuntimeError(f"expected scalar type Long but found {scalar_type_name(t.dtype)}")
    return index_tensor_in(t)


def ignore_index_in(v):
    """R's 1-based ``ignore_index`` -> PyTorch's (negatives, the default ``-100``, unchanged)."""
    if v is None:
        return v
    v = whole(v, "ignore_index")
    if v == 0:
        raise ValueError(IGNORE_INDEX_MESSAGE)
    return v - 1 if v > 0 else v


#: How each kind of :data:`NN_INDEX_ARGUMENTS` is converted.
NN_CONVERTERS = {POSITION: index_in, CLASS: class_target_in, IGNORE: ignore_index_in}
