"""R torch's datasets: ``dataset()``, ``iterable_dataset()``, ``tensor_dataset()``,
``dataset_subset()``.

A map-style dataset knows how to hand out item ``i`` (1-based) and how many there are:

    penguins_dataset = dataset(
        name = "penguins_dataset",
        initialize = initialize,        # def initialize(self, df): self.x = ...
        getitem = getitem,              # def getitem(self, i): return dict(x = self.x[i, :], ...)
        length = length_,               # def length_(self): return dim(self.x)[1]
    )
    ds = penguins_dataset(penguins)

``dataset()`` returns a generator (a class, see :mod:`rtorch.generator`); subclassing
:class:`Dataset` is the same in Python's class form. R's ``.getitem``, ``.getbatch`` and
``.length`` are ``getitem``, ``getbatch`` and ``length``.

* ``ds[i]`` with one number is R's ``ds[[i]]``: ``getitem(i)`` with ``i`` a Python ``int``
  (R passes an integer; here a Python ``int`` returned as data collates as an R double, see
  PORTING §2). With a vector (``ds[c(1, 5)]``, ``ds[seq(1, 4)]``, a list) it is R's
  ``ds[c(1, 5)]``: ``getbatch(i)`` with ``i`` an R integer vector when there is a ``getbatch``,
  else ``getitem(i)`` with that vector (as R does: ``getitem`` should then handle vectors).
  Index 0 and indices past ``length(ds)`` are errors; ``ds["field"]`` is R's ``ds[["field"]]``.
* ``len(ds)`` is a Python ``int``; ``length(ds)`` is what ``length()`` returns (R's value).
* Named lists returned by ``getitem`` (``dict(x = ...)``) come back as
  :class:`~rtorch.named_list.NamedList`: ``ds[1].x`` or ``ds[1]["x"]``.
* Iterating a map dataset (``for item in ds``) gives its items in order (Python's meaning).

``dataset_subset(ds, indices)`` keeps R's rule that an item of a subset is fetched with
``ds[indices[i]]`` -- through the parent's ``getbatch`` when it has one, so an item of a subset
of a ``tensor_dataset`` keeps a leading dimension of size 1, exactly as in R.
"""
from __future__ import annotations

from typing import Any, Callable, Iterator

import numpy as np
import torch

from . import rbase
from .dims import whole
from .generator import R6, Generator, create_class
from .indexing import drop as _drop
from .input_checks import whole_count
from .indexing import getitem as _r_getitem
from .iterators import iterate
from .named_list import NamedList, as_named
from .rbase import RVector
from .tensor import Tensor, unwrap, wrap
from .values import from_r


class DatasetGenerator(Generator):
    r_kind = "dataset_generator"


class IterableDatasetGenerator(Generator):
    r_kind = "iterable_dataset_generator"


# ---- indices ------------------------------------------------------------------------------------

def scalar_index(i: Any) -> int | None:
    """One R index as an ``int``; ``None`` when ``i`` is a vector."""
    if type(i) is int:
        return i
    if isinstance(i, (float, np.integer, np.floating)) and not isinstance(i, (bool, np.bool_)):
        return whole(i, "index")
    return None


def index_vector(i: Any) -> RVector:
    """Indices as an R integer vector (R's ``as.integer(i)``)."""
    if isinstance(i, RVector) and i.rtype == "integer":
        return i
    if isinstance(i, slice):                      # R's ds[1:2]: both ends included
        if i.step is not None or not all(isinstance(b, (int, np.integer)) for b in (i.start, i.stop)):
            raise TypeError("a dataset takes R's a:b (whole numbers) or a vector of indices")
        a, b = int(i.start), int(i.stop)
        return RVector(np.arange(a, b + 1) if a <= b else np.arange(a, b - 1, -1))
    arr = np.asarray(unwrap(i).detach().cpu() if isinstance(i, (Tensor, torch.Tensor)) else i)
    if arr.dtype.kind == "f":
        if not np.all(arr == np.trunc(arr)):
            raise TypeError("dataset indices must be whole numbers")
    elif arr.dtype.kind not in "iu":
        raise TypeError(f"dataset indices must be numbers, not {arr.dtype}")
    return RVector(arr.astype(np.int64).reshape(-1))


def check_indices(positions: np.ndarray, n: int | None) -> None:
    """1-based positions must not be 0 nor beyond a dataset of ``n`` items (negatives count
    from the end, as R torch's tensor indices do)."""
    if positions.size and not positions.all():
        raise IndexError("dataset indices start at 1 but found a 0")
    if n is not None and positions.size:
        bad = positions[(positions > n) | (positions < -n)]
        if bad.size:
            raise IndexError(f"index {int(bad[0])} is out of bounds for a dataset of length {n}")


def length_count(ds: Any, n: Any) -> int:
    """What a dataset's ``length()`` returned, checked: a whole number of items, not negative
    (a ``length()`` of 2.7 is an error, never 2 items)."""
    try:
        return whole_count(n, "length()")
    except (TypeError, ValueError) as e:
        raise type(e)(f"dataset '{type(ds).__name__}': {e}") from None


def known_length(ds: Any) -> int | None:
    """``len(ds)`` when the dataset can tell it, else ``None``."""
    try:
        return len(ds)
    except (TypeError, ValueError, NotImplementedError, OverflowError):
        return None


def _zero_based(positions: np.ndarray) -> np.ndarray:
    return np.where(positions > 0, positions - 1, positions)


# ---- map-style datasets -----------------------------------------------------------------------

def defines(ds: Any, method: str) -> bool:
    """Whether the dataset has its own ``method`` (not the base class's)."""
    return method in vars(ds) or getattr(type(ds), method) is not getattr(Dataset, method)


def has_getbatch(ds: Any) -> bool:
    """Whether the dataset fetches whole batches (R: ``!is.null(ds$.getbatch)``)."""
    return callable(getattr(ds, "getbatch", None))


def bracket(ds: Any, index: Any) -> Any:
    """R's ``ds[index]``: ``getbatch(index)`` (an R integer vector) when the dataset has one,
    else ``getitem(index)``."""
    if has_getbatch(ds):
        return ds.getbatch(index_vector([index] if scalar_index(index) is not None else index))
    return ds.getitem(index)


class Dataset(R6, metaclass=DatasetGenerator):
    """R torch's ``dataset`` base class (the Python class form of ``dataset()``): subclass it
    with ``initialize``, ``getitem`` (or ``getbatch``) and ``length`` methods."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.initialize(*args, **kwargs)

    def initialize(self) -> None:
        pass

    def getitem(self, index: Any) -> Any:
        raise NotImplementedError(f"dataset '{type(self).__name__}' has no `getitem` method "
                                  "(R's `.getitem`)")

    def length(self) -> Any:
        raise TypeError(f"dataset '{type(self).__name__}' has no `length` method (R's `.length`)")

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, str):
            return getattr(self, index)
        i = scalar_index(index)
        if i is None:
            v = index_vector(index)
            check_indices(v.values, known_length(self))
            return as_named(bracket(self, v))
        check_indices(np.array([i]), known_length(self))
        if defines(self, "getitem") or not has_getbatch(self):
            return as_named(self.getitem(i))
        return as_named(self.getbatch(index_vector([i])))

    def __len__(self) -> int:
        return length_count(self, self.length())

    def _r_length(self) -> Any:
        return self.length()

    def __iter__(self) -> Iterator[Any]:
        return (as_named(self.getitem(i)) for i in range(1, len(self) + 1))

    def state_dict(self) -> NamedList:
        """R torch's ``state_dict()``: the tensors among the dataset's fields (not recursive)."""
        return NamedList({k: v for k, v in vars(self).items()
                          if isinstance(v, (Tensor, torch.Tensor))})

    def load_state_dict(self, x: dict, *args: Any, refer_to_state_dict: bool = False,
                        **kwargs: Any) -> None:
        """R torch's ``load_state_dict(x, ..., .refer_to_state_dict = FALSE)``."""
        if not refer_to_state_dict:
            raise NotImplementedError("Loading the state_dict is only implemented when "
                                      "`refer_to_state_dict` is True")
        for name, value in x.items():
            setattr(self, name, value)

    def __repr__(self) -> str:
        return f"<{type(self).__name__}> (dataset)"


def dataset(name: str | None = None, inherit: type | None = None, *,
            private: dict[str, Any] | None = None, active: dict[str, Callable] | None = None,
            parent_env: Any = None, **members: Any) -> type:
    """R torch's ``dataset(name = NULL, inherit = Dataset, ..., private = NULL, active = NULL)``:
    a dataset generator; call it to make a dataset. Members: ``initialize``, ``getitem``,
    ``getbatch``, ``length`` and any other methods or fields (R's ``.getitem`` & co.)."""
    return create_class(Dataset, name, inherit, members, private, active)


# ---- iterable datasets --------------------------------------------------------------------------

def is_na(x: Any) -> bool:
    """Whether a length is R's NA (or ``None``)."""
    if x is None:
        return True
    if isinstance(x, RVector):
        return bool(rbase.is_na(x).values.any())
    return isinstance(x, float) and x != x


class IterableDataset(R6, metaclass=IterableDatasetGenerator):
    """R torch's ``iterable_dataset`` base class: subclass it with ``initialize`` and ``iter``
    (R's ``.iter``: a Python iterator, or an R-style function returning items then
    ``exhausted()``) and optionally ``length`` (R's default is NA)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.initialize(*args, **kwargs)

    def initialize(self) -> None:
        pass

    def iter(self) -> Any:
        raise NotImplementedError(f"iterable dataset '{type(self).__name__}' has no `iter` "
                                  "method (R's `.iter`)")

    def length(self) -> Any:
        return rbase.NA_integer_

    def __iter__(self) -> Iterator[Any]:
        return (as_named(x) for x in iterate(self.iter()))

    def __len__(self) -> int:
        n = self.length()
        if is_na(n):
            raise TypeError(f"the length of iterable dataset '{type(self).__name__}' is unknown "
                            "(NA)")
        return length_count(self, n)

    def _r_length(self) -> Any:
        return self.length()

    def __repr__(self) -> str:
        return f"<{type(self).__name__}> (iterable_dataset)"


def iterable_dataset(name: str | None = None, inherit: type | None = None, *,
                     private: dict[str, Any] | None = None,
                     active: dict[str, Callable] | None = None, parent_env: Any = None,
                     **members: Any) -> type:
    """R torch's ``iterable_dataset(name, inherit = IterableDataset, ...)``: a generator of
    datasets that hand out items one after the other (``iter``) instead of by index."""
    return create_class(IterableDataset, name, inherit, members, private, active)


# ---- tensor_dataset -----------------------------------------------------------------------------

def _as_tensor(x: Any) -> Tensor:
    if type(x) is Tensor:
        return x
    return wrap(x if isinstance(x, torch.Tensor) else from_r(x))


def _check_rows(values: list[Tensor], names: list[str]) -> None:
    """R's rule: all tensors have the same size in the first dimension; the error names the
    first two that differ and their sizes (never a mid-epoch index error, nor dropped rows)."""
    def label(k: int) -> str:
        return f"`{names[k]}`" if names else f"tensor {k + 1}"
    for k, v in enumerate(values):
        if not v._t.dim():
            raise ValueError(f"all tensors must have the same size in the first dimension; "
                             f"{label(k)} is a scalar (0 dimensions)")
    rows = [v._t.shape[0] for v in values]
    j = next((k for k, n in enumerate(rows) if n != rows[0]), None)
    if j is not None:
        raise ValueError(f"all tensors must have the same size in the first dimension: "
                         f"{label(0)} has {rows[0]} rows, {label(j)} has {rows[j]}")


class TensorDataset(Dataset):
    """R torch's ``tensor_dataset(...)``: item ``i`` is ``x[i, .., drop = TRUE]`` of every
    tensor (a list, or a named list when the tensors are named); ``getbatch`` indexes each
    tensor once with the whole index vector (``drop = FALSE``)."""

    def initialize(self, *tensors: Any, **named: Any) -> None:
        if not tensors and not named:
            raise ValueError("all tensors must have the same size in the first dimension.")
        if tensors and named:
            raise ValueError("tensor_dataset(): name every tensor or none")
        values = [_as_tensor(t) for t in (tensors or named.values())]
        _check_rows(values, list(named))
        self.tensors = NamedList(zip(named, values)) if named else values
        self._torch = [t._t for t in values]

    def _pack(self, parts: list[torch.Tensor]) -> Any:
        out = [wrap(p) for p in parts]
        return NamedList(zip(self.tensors.keys(), out)) if type(self.tensors) is NamedList else out

    def getitem(self, index: Any, drop: bool = True) -> Any:
        if isinstance(index, list):
            index = index_vector(index)
        key = (index, Ellipsis) if drop else (index, Ellipsis, _drop(False))
        return self._pack([_r_getitem(t, key) for t in self._torch])

    def getbatch(self, index: Any) -> Any:
        return self.getitem(index, drop=False)

    def length(self) -> RVector:
        return rbase.as_integer(self._torch[0].shape[0])


TensorDataset.__name__ = TensorDataset.__qualname__ = "tensor_dataset"
tensor_dataset = TensorDataset


# ---- dataset_subset -----------------------------------------------------------------------------

class DatasetSubset(Dataset):
    """R torch's ``dataset_subset(dataset, indices)``: the items of ``dataset`` at the 1-based
    ``indices``; item ``i`` is ``dataset[indices[i]]`` (R's rule, see the module docstring)."""

    def initialize(self, dataset: Any, indices: Any) -> None:
        self.dataset = dataset
        self.indices = indices
        self._positions = index_vector(indices).values
        check_indices(self._positions, known_length(dataset))
        if has_getbatch(dataset):
            self.getbatch = self.getitem

    def getitem(self, idx: Any) -> Any:
        i = scalar_index(idx)
        wanted = np.array([i]) if i is not None else index_vector(idx).values
        check_indices(wanted, len(self._positions))
        picked = self._positions[_zero_based(wanted)]
        return bracket(self.dataset, int(picked[0]) if i is not None else RVector(picked))

    def length(self) -> RVector:
        return rbase.as_integer(len(self._positions))


DatasetSubset.__name__ = DatasetSubset.__qualname__ = "dataset_subset"
dataset_subset = DatasetSubset
