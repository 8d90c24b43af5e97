"""R torch's ``dataloader()``: batches from a dataset, in one process or several.

    dl = dataloader(ds, batch_size = 32, shuffle = True)
    for b in dl: ...                         # R: coro::loop(for (b in dl) { ... })
    it = dataloader_make_iter(dl)            # R: dataloader_make_iter(dl)
    b = dataloader_next(it)                  # None (R's NULL) once exhausted

What a step does is R torch's: the index sampler (:mod:`rtorch.samplers`) hands out 1-based
indices; a dataset with ``getbatch`` gets each batch's whole index vector in one call and its
result is only converted (:func:`rtorch.collate.default_convert`); otherwise ``getitem`` is
called per index and the items are stacked (:func:`rtorch.collate.default_collate`). Batches
that are named lists read as ``batch.x`` or ``batch["x"]``.

``num_workers > 0`` runs the same fetch in PyTorch's multi-process ``DataLoader`` machinery
(``batch_size=None`` over rtorch's batch sampler, worker processes started with ``fork`` where
the platform has it, so datasets made by ``dataset()`` need no pickling): batches come back in
order, none is lost, a worker's exception is raised in the main process with its message, and
``torch_manual_seed()`` fixes the shuffling and each worker's seed (PyTorch seeds worker ``k``
with a base seed drawn from the main generator; rtorch's ``sample()`` is seeded from it too).
``worker_init_fn`` is called with R's 1-based worker id; ``worker_globals`` (a dict, or names
looked up where ``dataloader()`` is called) are put in each worker's ``__main__``;
``worker_packages`` are imported in each worker; ``timeout`` is in milliseconds, as in R. As in
R, an iterable dataset with ``num_workers > 0`` is an error once iteration starts.

A plain PyTorch dataset (``torch.utils.data.Dataset``, 0-based) is accepted too: rtorch's
1-based indices are translated for it.
"""
from __future__ import annotations

import builtins
import functools
import importlib
import itertools
import multiprocessing
import re
import sys
import warnings
from typing import Any, Callable, Iterable, Iterator

import numpy as np
import torch
import torch.utils.data as tud

from . import rbase
from .collate import default_collate, default_convert
from .dataset import (Dataset, IterableDataset, bracket, defines, has_getbatch, index_vector,
                      is_na, scalar_index)
from .input_checks import positive_count, r_show, whole_count
from .iterators import EXHAUSTED, RIterator
from .named_list import NamedList
from .pipes import Stage
from .rbase import RVector
from .samplers import BatchSampler, InfiniteSampler, RandomSampler, SequentialSampler
from .tensor import Tensor, wrap

ITERABLE_WORKERS_MESSAGE = "Multi-process dataloader not implemented yet for Iterable datasets."


# ---- PyTorch datasets (0-based) ----------------------------------------------------------------

class _TorchMapDataset(Dataset):
    """A PyTorch map-style dataset seen with rtorch's 1-based indices."""

    def initialize(self, ds: tud.Dataset) -> None:
        self.ds = ds

    def getitem(self, i: int) -> Any:
        return self.ds[i - 1]

    def length(self) -> int:
        return len(self.ds)


class _TorchIterableDataset(IterableDataset):
    """A PyTorch iterable dataset."""

    def initialize(self, ds: tud.IterableDataset) -> None:
        self.ds = ds

    def iter(self) -> Iterator[Any]:
        return iter(self.ds)


def _source(dataset: Any) -> Dataset | IterableDataset:
    if isinstance(dataset, (Dataset, IterableDataset)):
        return dataset
    if isinstance(dataset, tud.IterableDataset):
        return _TorchIterableDataset(dataset)
    if isinstance(dataset, tud.Dataset):
        return _TorchMapDataset(dataset)
    raise TypeError(f"Unknown dataset type with class <{type(dataset).__name__}>")


# ---- fetching one batch -------------------------------------------------------------------------

def _index_list(index: Any) -> list[int]:
    if isinstance(index, np.ndarray):
        return index.tolist()
    return [int(i) for i in (index if isinstance(index, Iterable) else [index])]


def _one_index(index: Any) -> Any:
    i = scalar_index(index)
    if i is not None:
        return i
    v = index_vector(index)
    return int(v.values[0]) if v.values.size == 1 else v


class _MapFetcher:
    """R torch's ``MapDatasetFetcher``: one index-sampler step -> one batch."""

    def __init__(self, dataset: Dataset, auto_collation: bool, collate_fn: Callable) -> None:
        self.dataset = dataset
        self.auto_collation = auto_collation
        self.getbatch = has_getbatch(dataset)
        self.collate_fn = collate_fn

    def __call__(self, index: Any) -> Any:
        ds = self.dataset
        if self.auto_collation:
            getitem = ds.getitem
            return self.collate_fn([getitem(i) for i in _index_list(index)])
        if self.getbatch:
            index = RVector(index) if isinstance(index, np.ndarray) else index
            return self.collate_fn(bracket(ds, index))
        return self.collate_fn(ds.getitem(_one_index(index)))


def _iterable_batches(items: Iterator[Any], steps: Iterable[Any], auto_collation: bool,
                      drop_last: bool, collate_fn: Callable) -> Iterator[Any]:
    """R torch's ``IterableDatasetFetcher``: each step takes as many items as its index
    vector is long (one item without batching); a short last batch only without
    ``drop_last``."""
    for index in steps:
        if not auto_collation:
            item = next(items, EXHAUSTED)
            if item is EXHAUSTED:
                return
            yield collate_fn(item)
            continue
        chunk = list(itertools.islice(items, len(index)))
        if not chunk or (len(chunk) < len(index) and drop_last):
            return
        yield collate_fn(chunk)


def _pin(x: Any) -> Any:
    if type(x) is Tensor:
        return wrap(x._t.pin_memory())
    if isinstance(x, torch.Tensor):
        return x.pin_memory()
    return _walk(x, _pin)


def _walk(x: Any, leaf: Callable[[Any], Any]) -> Any:
    """``leaf`` applied through named lists, dicts, lists and tuples."""
    tp = type(x)
    if tp is NamedList or tp is dict:
        return tp({k: leaf(v) for k, v in x.items()})
    if tp is list or tp is tuple:
        return tp(leaf(v) for v in x)
    return x


def _to_torch(x: Any) -> Any:
    return x._t if type(x) is Tensor else _walk(x, _to_torch)


def _to_rtorch(x: Any) -> Any:
    return wrap(x) if isinstance(x, torch.Tensor) else _walk(x, _to_rtorch)


# ---- worker processes (PyTorch's DataLoader) ---------------------------------------------------

class _WorkerDataset(tud.Dataset):
    """What PyTorch's workers index: one rtorch batch per sampler step, as plain tensors."""

    def __init__(self, fetch: _MapFetcher) -> None:
        self.fetch = fetch

    def __getitem__(self, index: Any) -> Any:
        return _to_torch(self.fetch(index))


def _identity(x: Any) -> Any:
    return x


def _init_worker(init_fn: Callable | None, globals_: dict | None, packages: list[str],
                 worker_id: int) -> None:
    """R's worker set-up: seeds (PyTorch's seed for this worker also seeds ``sample()``),
    packages, globals, then ``worker_init_fn(id)`` with a 1-based id."""
    rbase.set_sample_seed(torch.initial_seed())
    for name in packages:
        importlib.import_module(name)
    if globals_:
        vars(sys.modules["__main__"]).update(globals_)
    if init_fn is not None:
        init_fn(worker_id + 1)


def _start_method() -> str | None:
    return "fork" if "fork" in multiprocessing.get_all_start_methods() else None


def _from_workers(batches: Iterator[Any]) -> Iterator[Any]:
    """PyTorch's worker batches as rtorch's; the workers are shut down as soon as iteration
    ends, fails or is abandoned (not whenever the garbage collector gets to the iterator)."""
    try:
        while True:
            try:
                batch = next(batches)
            except StopIteration:
                return
            except RuntimeError as e:
                if "DataLoader timed out" in str(e):
                    raise RuntimeError("dataloader worker timed out.") from e
                raise _worker_numbered(e) from None
            except Exception as e:
                raise _worker_numbered(e) from None
            yield _to_rtorch(batch)
    finally:
        shutdown = getattr(batches, "_shutdown_workers", None)
        if shutdown is not None:
            shutdown()


_WORKER = re.compile(r"in DataLoader worker process (\d+)")


def _worker_numbered(e: Exception) -> Exception:
    """A worker's error with R's 1-based worker id (PyTorch's message counts from 0)."""
    msg = e.args[0] if e.args and isinstance(e.args[0], str) else None
    if msg is None or not _WORKER.search(msg):
        return e
    new = _WORKER.sub(lambda m: f"in dataloader worker {int(m.group(1)) + 1}", msg, count=1)
    try:
        out = type(e)(new)
    except Exception:
        return e
    return out.with_traceback(e.__traceback__)


def _names(x: Any) -> list[str]:
    if x is None:
        return []
    return [x] if isinstance(x, str) else [str(v) for v in x]


def _find_globals(names: list[str], frame: Any) -> dict[str, Any]:
    """R's ``worker_globals`` as names: looked up where ``dataloader()`` was called."""
    found = {}
    for name in names:
        for scope in (frame.f_locals, frame.f_globals, vars(builtins)):
            if name in scope:
                found[name] = scope[name]
                break
        else:
            raise RuntimeError(f"Could not find an object with name '{name}'.")
    return found


# ---- the data loader ----------------------------------------------------------------------------

def _flag(x: Any, what: str) -> bool:
    """A logical argument, as R's ``if (x)`` takes it: ``TRUE``/``FALSE`` (a Python or numpy
    bool, a length-1 R logical) or a number (non-zero is ``TRUE``); text, NA and vectors are
    errors."""
    if isinstance(x, (bool, np.bool_)):
        return bool(x)
    if isinstance(x, RVector) and x.rtype in ("logical", "integer", "double") \
            and len(x.values) == 1 and not bool(rbase.is_na(x).values.any()):
        return bool(x.values[0])
    if isinstance(x, (int, float, np.integer, np.floating)) and x == x:
        return bool(x)
    raise TypeError(f"dataloader(): `{what}` must be TRUE or FALSE, not {r_show(x)}")


def _number(x: Any, what: str) -> float:
    if isinstance(x, (bool, np.bool_, str, bytes)):
        raise TypeError(f"dataloader(): `{what}` must be a number, not {r_show(x)}")
    try:
        return float(np.asarray(x).reshape(-1)[0]) if not isinstance(x, (int, float)) else float(x)
    except (TypeError, ValueError, IndexError):
        raise TypeError(f"dataloader(): `{what}` must be a number, not {r_show(x)}") from None


def no_batches_message(loader: Any, what: str = "training data") -> str | None:
    """A message when ``loader`` (rtorch's or PyTorch's data loader) hands out no batch at all
    although its dataset has items: fewer items than ``batch_size`` with ``drop_last = TRUE``
    (what luz does by default for training). ``None`` otherwise, or when it can't be told."""
    if not getattr(loader, "drop_last", False):
        return None
    size = getattr(loader, "batch_size", None)
    ds = getattr(loader, "dataset", None)
    try:
        n = len(ds)
        if size is None or not 0 < n < int(size):
            return None
    except (TypeError, ValueError, NotImplementedError):
        return None
    return (f"The {what} has {n} rows, fewer than `batch_size` ({int(size)}), and the "
            f"incomplete last batch is dropped (`drop_last = TRUE`, luz's default for "
            f"training): no training step will be taken. Use a smaller batch size "
            f"(`dataloader_options = list(batch_size = {n})`) or `drop_last = FALSE`.")


class DataLoader:
    """R torch's data loader object (made by :func:`dataloader`)."""

    def __init__(self, dataset: Any, batch_size: int | None = 1, shuffle: bool = False,
                 sampler: Any = None, batch_sampler: Any = None, num_workers: int = 0,
                 collate_fn: Callable | None = None, pin_memory: bool = False,
                 drop_last: bool = False, timeout: float = -1,
                 worker_init_fn: Callable | None = None, worker_globals: dict | None = None,
                 worker_packages: Any = None) -> None:
        if batch_size is not None:
            batch_size = positive_count(batch_size, "batch_size", "dataloader")
        num_workers = whole_count(num_workers, "num_workers", "dataloader")
        shuffle, drop_last, pin_memory = (_flag(shuffle, "shuffle"), _flag(drop_last, "drop_last"),
                                          _flag(pin_memory, "pin_memory"))
        timeout = _number(timeout, "timeout")
        if sampler is not None and shuffle:
            raise ValueError("dataloader(): `sampler` and `shuffle = TRUE` can't be used "
                             "together: the sampler decides the order")
        if batch_sampler is not None and (batch_size not in (None, 1) or shuffle or
                                          sampler is not None or drop_last):
            raise ValueError("dataloader(): `batch_sampler` can't be used together with "
                             "`batch_size`, `shuffle`, `sampler` or `drop_last`")
        for name, fn in (("collate_fn", collate_fn), ("worker_init_fn", worker_init_fn)):
            if fn is not None and not callable(fn):
                raise TypeError(f"dataloader(): `{name}` must be a function, not "
                                f"<{type(fn).__name__}>")
        self.dataset = dataset
        self._source = _source(dataset)
        self._kind = "iterable" if isinstance(self._source, IterableDataset) else "map"
        if self._kind == "map" and isinstance(self._source, Dataset) \
                and defines(self._source, "length"):
            len(self._source)                   # a bad `length()` fails here, not mid-epoch
        if sampler is None:
            sampler = (InfiniteSampler() if self._kind == "iterable" else
                       RandomSampler(self._source) if shuffle else SequentialSampler(self._source))
        self._has_getbatch = self._kind == "map" and has_getbatch(self._source)
        if batch_size is not None and batch_sampler is None:
            batch_sampler = BatchSampler(sampler, batch_size, drop_last)
        self.batch_size = batch_size
        self.drop_last = bool(drop_last)
        self.sampler = sampler
        self.batch_sampler = batch_sampler
        self._auto_collation = batch_sampler is not None and not self._has_getbatch
        self.collate_fn = collate_fn or (default_collate if self._auto_collation else
                                         default_convert)
        self.num_workers = int(num_workers)
        self.pin_memory = bool(pin_memory)
        self.timeout = timeout
        self.worker_init_fn = worker_init_fn
        self.worker_globals = worker_globals
        self.worker_packages = _names(worker_packages)

    @property
    def _index_sampler(self) -> Any:
        return self.sampler if self.batch_sampler is None else self.batch_sampler

    # -- iteration ------------------------------------------------------------------------------
    def _batches(self) -> Iterator[Any]:
        if self._kind == "iterable":
            if self.num_workers > 0:
                raise NotImplementedError(ITERABLE_WORKERS_MESSAGE)
            return _iterable_batches(iter(self._source), iter(self._index_sampler),
                                     self._auto_collation, self.drop_last, self.collate_fn)
        fetch = _MapFetcher(self._source, self._auto_collation, self.collate_fn)
        if self.num_workers > 0:
            return _from_workers(iter(self._torch_loader(fetch)))
        batches = map(fetch, iter(self._index_sampler))
        return map(_pin, batches) if self.pin_memory and torch.cuda.is_available() else batches

    def _torch_loader(self, fetch: _MapFetcher) -> tud.DataLoader:
        init = functools.partial(_init_worker, self.worker_init_fn, self.worker_globals,
                                 self.worker_packages)
        return tud.DataLoader(_WorkerDataset(fetch), batch_size=None, sampler=self._index_sampler,
                              num_workers=self.num_workers, collate_fn=_identity,
                              pin_memory=self.pin_memory,
                              timeout=self.timeout / 1000 if self.timeout > 0 else 0,
                              worker_init_fn=init, multiprocessing_context=_start_method())

    def __iter__(self) -> "DataLoaderIter":
        return DataLoaderIter(self)

    def iter(self) -> "DataLoaderIter":
        """R's ``dl$.iter()``: a new iterator (``dataloader_make_iter(dl)``)."""
        return DataLoaderIter(self)

    # -- length ---------------------------------------------------------------------------------
    def length(self) -> Any:
        """R's ``dl$.length()``: the number of batches (NA for an iterable dataset of unknown
        length)."""
        if self._kind == "map":
            return rbase.as_integer(len(self._index_sampler))
        n = self._source.length()
        if is_na(n) or self.batch_size is None:
            return n
        n, size = int(n), int(self.batch_size)
        return rbase.as_integer(n // size if self.drop_last else -(-n // size))

    def __len__(self) -> int:
        n = self.length()
        if is_na(n):
            raise TypeError("the number of batches is unknown (NA): the dataset has no length")
        return int(n)

    def _r_length(self) -> Any:
        return self.length()

    def __repr__(self) -> str:
        return f"<dataloader> ({self._kind}-style dataset, batch_size = {self.batch_size})"


class DataLoaderIter(RIterator):
    """R torch's data loader iterator: ``next(it)`` / ``for``, R's ``it$.next()`` (the batch
    or ``exhausted()``), and callable like a coro iterator."""

    __slots__ = ("loader",)

    def __init__(self, loader: DataLoader) -> None:
        super().__init__(loader._batches())
        self.loader = loader

    def next(self) -> Any:
        """R's ``iter$.next()``: the next batch, or ``exhausted()``."""
        return next(self._it, EXHAUSTED)

    def length(self) -> Any:
        return self.loader.length()

    def __len__(self) -> int:
        return len(self.loader)


_NO_DATASET: Any = object()


def dataloader(dataset: Any = _NO_DATASET, batch_size: int | None = 1, shuffle: bool = False,
               sampler: Any = None, batch_sampler: Any = None, num_workers: int = 0,
               collate_fn: Callable | None = None, pin_memory: bool = False,
               drop_last: bool = False, timeout: float = -1,
               worker_init_fn: Callable | None = None, worker_globals: Any = None,
               worker_packages: Any = None) -> DataLoader:
    """R torch's ``dataloader(dataset, batch_size = 1, shuffle = FALSE, sampler = NULL,
    batch_sampler = NULL, num_workers = 0, collate_fn = NULL, pin_memory = FALSE,
    drop_last = FALSE, timeout = -1, worker_init_fn = NULL, worker_globals = NULL,
    worker_packages = NULL)`` (see the module docstring). Called without its dataset it is a
    pipe stage: ``ds >> dataloader(batch_size = 8)`` is R's ``ds %>% dataloader(batch_size = 8)``."""
    if worker_globals is not None and not isinstance(worker_globals, dict):
        worker_globals = _find_globals(_names(worker_globals), sys._getframe(1))
    args = (batch_size, shuffle, sampler, batch_sampler, num_workers, collate_fn, pin_memory,
            drop_last, timeout, worker_init_fn, worker_globals, worker_packages)
    if dataset is _NO_DATASET:
        return Stage(DataLoader, args, label="dataloader()")
    return DataLoader(dataset, *args)


def dataloader_make_iter(dataloader: DataLoader) -> DataLoaderIter:
    """R torch's ``dataloader_make_iter(dataloader)``: a new iterator over the batches."""
    return dataloader.iter()


def dataloader_next(iter: DataLoaderIter, completed: Any = None) -> Any:
    """R torch's ``dataloader_next(iter, completed = NULL)``: the next batch, or ``completed``
    once the iterator is exhausted."""
    batch = iter.next()
    return completed if batch is EXHAUSTED else batch


def is_dataloader(x: Any) -> bool:
    """R torch's ``is_dataloader(x)``."""
    return isinstance(x, DataLoader)


def enumerate(x: Any, *args: Any, **kwargs: Any) -> Any:
    """R torch's (deprecated) ``enumerate(dl)``: one element per batch of a data loader. Any
    other ``x`` gets Python's builtin ``enumerate`` (this name is not star-imported, so the
    builtin is never shadowed; call it as ``rtorch.enumerate``)."""
    if not isinstance(x, DataLoader):
        return builtins.enumerate(x, *args, **kwargs)
    warnings.warn("enumerate() over a data loader is deprecated in R torch: iterate the loader "
                  "itself (`for b in dl`)", DeprecationWarning, stacklevel=2)
    return iter(x)
