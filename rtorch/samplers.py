"""R torch's samplers: which 1-based indices a data loader fetches, in which order.

``sampler(name, initialize = f, iter = g, length = h)`` is R's generator for custom samplers
(R's ``.iter`` and ``.length``; PORTING §1 drops the dots). ``iter`` returns a Python iterator or
an R-style function giving one index per call, then ``exhausted()``; a *batch* sampler gives a
vector of indices per step. Indices are 1-based, as everywhere in rtorch.

The samplers ``dataloader()`` builds (R torch does not export them; here they are
``rtorch.SequentialSampler`` & co.):

* :class:`SequentialSampler` -- ``1, 2, ..., length(data_source)``;
* :class:`RandomSampler` -- a permutation from ``torch_randperm(n) + 1`` (``replacement = TRUE``:
  ``torch_randint``), drawn from PyTorch's generator when iteration starts, so
  ``torch_manual_seed()`` makes it reproducible;
* :class:`BatchSampler` -- groups another sampler's indices into vectors of ``batch_size``;
* :class:`InfiniteSampler` -- ``TRUE`` forever (what iterable datasets are batched with).

Sequential and random samplers also offer ``iter_batch(batch_size)``, which hands out whole
slices of their index vector: a batch costs one numpy slice, not ``batch_size`` Python steps.
"""
from __future__ import annotations

import itertools
import math
from typing import Any, Callable, Iterable, Iterator

import numpy as np
import torch

from .generator import R6, Generator, create_class
from .input_checks import positive_count
from .iterators import iterate


class SamplerGenerator(Generator):
    r_kind = "torch_sampler"


class Sampler(R6, metaclass=SamplerGenerator):
    """R torch's ``Sampler`` base class; subclass it (or use :func:`sampler`) with ``iter`` and
    ``length`` methods. Iterating a sampler gives its indices (``for i in s``)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.initialize(*args, **kwargs)

    def initialize(self, data_source: Any = None) -> None:
        pass

    def iter(self) -> Any:
        raise NotImplementedError(f"sampler '{type(self).__name__}' has no `iter` method")

    def length(self) -> Any:
        raise TypeError(f"sampler '{type(self).__name__}' has no `length` method")

    def __iter__(self) -> Iterator[Any]:
        return iterate(self.iter())

    def __len__(self) -> int:
        return int(self.length())

    def _r_length(self) -> Any:
        return self.length()

    def __repr__(self) -> str:
        return f"<{type(self).__name__}>"


def sampler(name: str | None = None, inherit: type | None = None, *,
            private: dict[str, Any] | None = None, active: dict[str, Callable] | None = None,
            parent_env: Any = None, **members: Any) -> type:
    """R torch's ``sampler(name = NULL, inherit = Sampler, ..., private = NULL, active = NULL)``:
    a sampler generator (call it to make a sampler). Give at least ``initialize``, ``iter``
    and ``length`` (R's ``.iter``, ``.length``). PyTorch's ``DataLoader`` accepts the result
    too (it is an iterable with a length) -- with rtorch's 1-based indices."""
    return create_class(Sampler, name, inherit, members, private, active)


def _slices(values: np.ndarray, batch_size: int) -> Iterator[np.ndarray]:
    """Consecutive slices of ``batch_size`` (R torch's ``as_batch_iterator``)."""
    return (values[i:i + batch_size] for i in range(0, len(values), batch_size))


class SequentialSampler(Sampler):
    """R torch's ``SequentialSampler(data_source)``: ``1:length(data_source)``."""

    def initialize(self, data_source: Any) -> None:
        self.data_source = data_source

    def iter_batch(self, batch_size: int) -> Iterator[np.ndarray]:
        return _slices(np.arange(1, len(self.data_source) + 1, dtype=np.int64), int(batch_size))

    def iter(self) -> Iterator[int]:
        return iter(range(1, len(self.data_source) + 1))

    def length(self) -> int:
        return len(self.data_source)


class RandomSampler(Sampler):
    """R torch's ``RandomSampler(data_source, replacement = FALSE, num_samples = NULL,
    generator = NULL)``: a random order of ``1:n`` (``torch.randperm``), or ``num_samples``
    draws with replacement (``torch.randint``). Without replacement, ``num_samples`` larger
    than ``n`` chains several permutations (PyTorch's rule; R ignores it there)."""

    def initialize(self, data_source: Any, replacement: bool = False, num_samples: Any = None,
                   generator: torch.Generator | None = None) -> None:
        self.data_source = data_source
        self.replacement = bool(replacement)
        self._num_samples = None if num_samples is None else \
            positive_count(num_samples, "num_samples", "RandomSampler")
        self.generator = generator

    @property
    def num_samples(self) -> int:
        n = self._num_samples
        return len(self.data_source) if n is None else int(n)

    def _draw(self) -> np.ndarray:
        n, k, g = len(self.data_source), self.num_samples, self.generator
        if self.replacement:
            return torch.randint(1, n + 1, (k,), generator=g).numpy()
        perms = [torch.randperm(n, generator=g) for _ in range(max(1, math.ceil(k / max(n, 1))))]
        return (torch.cat(perms)[:k] + 1).numpy()

    def iter_batch(self, batch_size: int) -> Iterator[np.ndarray]:
        return _slices(self._draw(), int(batch_size))

    def iter(self) -> Iterator[int]:
        return iter(self._draw().tolist())

    def length(self) -> int:
        return self.num_samples


def _groups(indices: Iterable[Any], size: int) -> Iterator[np.ndarray]:
    it = iter(indices)
    while chunk := list(itertools.islice(it, size)):
        yield np.asarray(chunk).astype(np.int64).reshape(-1)


def _complete(batches: Iterable[np.ndarray], size: int, drop_last: bool) -> Iterator[np.ndarray]:
    """Batches as R's BatchSampler hands them out: a short last batch only without
    ``drop_last``."""
    for batch in batches:
        if len(batch) != size and (drop_last or not len(batch)):
            return
        yield batch


class BatchSampler(Sampler):
    """R torch's ``BatchSampler(sampler, batch_size, drop_last)``: vectors of ``batch_size``
    1-based indices taken from ``sampler`` (its ``iter_batch`` when it has one)."""

    def initialize(self, sampler: Any, batch_size: int, drop_last: bool) -> None:
        self.sampler = sampler
        self.batch_size = positive_count(batch_size, "batch_size", "BatchSampler")
        self.drop_last = bool(drop_last)

    def iter(self) -> Iterator[np.ndarray]:
        by_batch = getattr(self.sampler, "iter_batch", None)
        batches = by_batch(self.batch_size) if by_batch else _groups(self.sampler, self.batch_size)
        return _complete(batches, self.batch_size, self.drop_last)

    def length(self) -> int:
        n = len(self.sampler)
        return n // self.batch_size if self.drop_last else -(-n // self.batch_size)


class InfiniteSampler(Sampler):
    """R torch's ``InfiniteSampler()``: ``TRUE`` forever (iterable datasets pull items)."""

    def iter(self) -> Iterator[bool]:
        return itertools.repeat(True)

    def length(self) -> float:
        return math.inf

