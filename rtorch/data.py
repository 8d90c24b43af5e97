"""R torch's data-loading API, as ``from rtorch import *`` exports it.

``R_DATA`` holds R's names (star-imported): datasets (:mod:`rtorch.dataset`), samplers
(:mod:`rtorch.samplers`), data loaders (:mod:`rtorch.dataloader`), coro's iteration helpers
(:mod:`rtorch.iterators`), data-frame helpers (:mod:`rtorch.dataframe`) and R's built-in data
sets (:mod:`rtorch.rdatasets`). ``PYTHON_DATA`` holds the Python class forms and R torch's
internal samplers: attributes of ``rtorch`` (``rtorch.Dataset``, ``rtorch.RandomSampler``), not
star-imported, so that they never shadow PyTorch's classes of the same names; so is
``rtorch.enumerate`` (R torch's ``enumerate(dl)``), which would shadow Python's builtin.
"""
from __future__ import annotations

from . import dataframe, rdatasets
from .dataloader import (DataLoader, DataLoaderIter, dataloader, dataloader_make_iter,
                         dataloader_next, enumerate, is_dataloader)
from .dataset import (Dataset, IterableDataset, dataset, dataset_subset, iterable_dataset,
                      tensor_dataset)
from .iterators import as_iterator, exhausted, is_exhausted, loop
from .named_list import NamedList
from .samplers import (BatchSampler, InfiniteSampler, RandomSampler, Sampler, SequentialSampler,
                       sampler)

R_DATA = {
    **{f.__name__: f for f in (dataset, iterable_dataset, dataloader, dataloader_make_iter,
                               dataloader_next, is_dataloader, sampler, as_iterator, loop,
                               exhausted, is_exhausted)},
    "tensor_dataset": tensor_dataset, "dataset_subset": dataset_subset,
    **{name: getattr(dataframe, name) for name in dataframe.__all__},
    **{name: getattr(rdatasets, name) for name in rdatasets.__all__},
}

PYTHON_DATA = {c.__name__: c for c in (Dataset, IterableDataset, Sampler, SequentialSampler,
                                         RandomSampler, BatchSampler, InfiniteSampler,
                                         DataLoaderIter, NamedList)}
PYTHON_DATA.update(DataLoader=DataLoader, enumerate=enumerate)
