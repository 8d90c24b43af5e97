"""luz under ``torch.distributed``: the process group, sharded data, rank-0 helpers.

An unchanged luz script trains data-parallel when PyTorch's launcher starts it::

    torchrun --nproc_per_node 2 script.py                    # one machine, 2 processes
    torchrun --nnodes 2 --node_rank 0 --master_addr host --nproc_per_node 4 script.py

``accelerator()`` (which ``fit()``, ``evaluate()`` and ``predict()`` make when given none)
joins the process group already initialised, or initialises it from torchrun's environment
(``RANK``, ``WORLD_SIZE``, ``LOCAL_RANK``, ``MASTER_ADDR``, ``MASTER_PORT``): ``"nccl"`` on
CUDA (device ``cuda:<LOCAL_RANK>``), ``"gloo"`` on the CPU. A process group rtorch opened is
closed when the script ends. Without that environment nothing changes. Then:

* **Model**: PyTorch's ``DistributedDataParallel`` (DDP) drives the model's forward passes
  while gradients are enabled (:func:`attach_ddp`): the weights start as rank 0's, gradients
  are averaged across ranks in ``backward()``, so every rank ends with the same weights.
  ``ctx.model`` stays the user's module (its methods, ``step()``, state dict and the fitted
  object are unchanged).
* **Data**: every data loader is re-made over :class:`DistributedSampler`, which keeps R's
  sampler semantics: ``shuffle = TRUE`` gives a new permutation each epoch, reproducible
  under ``torch_manual_seed()`` and the same on every rank; rank ``r`` (1-based ``r + 1``)
  takes positions ``r + 1, r + 1 + W, ...`` of it (``W`` the world size). Training loaders
  give every rank as many rows (PyTorch's rule: the order is padded with its first indices,
  or cut with ``drop_last``), as DDP needs; validation, ``evaluate()`` and ``predict()`` take
  every row exactly once. A PyTorch ``DataLoader`` is re-made over PyTorch's
  ``DistributedSampler`` (training) or every ``W``-th row (the rest). Not sharded (an error
  says so): iterable-style datasets and custom batch samplers. Custom samplers are
  sharded as they are and must give the same order on every rank.
* **Values**: metrics are reduced across ranks before they are logged (the built-in metrics
  sum their counts, so a metric is the one of the whole data; other metrics are averaged),
  so records, early stopping and learning rate schedulers agree on every rank. (The loss is
  luz's mean of batch losses: the single-process value when batches are full.) A custom
  metric can name its additive fields, ``distributed_sum = c("sum", "n")``, to be summed.
  ``predict()`` returns every row in the original order, on every rank.
* **One voice**: messages, progress bars and files (checkpoints, ``luz_save()``, csv and
  tfevents logs, auto-resume's state) come from rank 0 only (:func:`is_main_process`); every
  rank keeps the same records. ``luz_save()`` returns on every rank once the file is written.
  Auto-resume reads its state on every rank: it must be on a file system they all see.

rtorch tensors and modules also work with ``torch.distributed`` directly: ``dist.all_reduce(x)``
on an rtorch tensor, ``DistributedDataParallel(net)`` on an ``nn_module``.
"""
from __future__ import annotations

import atexit
import datetime
import gc
import os
from typing import Any, Callable, Iterator

import numpy as np
import torch
import torch.distributed as dist

__all__ = ["is_distributed", "rank", "world_size", "local_rank", "is_main_process", "barrier",
           "env_has_process_group", "init_process_group", "default_backend", "DistributedSampler",
           "shard_dataloader", "attach_ddp", "detach_ddp", "all_reduce_mean", "reduce_metric",
           "gather_rows", "broadcast_seed", "broadcast_object"]

#: torchrun's variables that say a process group can be initialised from the environment
ENV_VARS = ("RANK", "WORLD_SIZE", "MASTER_ADDR", "MASTER_PORT")

_opened_here = False


# -- the process group ----------------------------------------------------------------------------

def is_distributed() -> bool:
    """Whether a ``torch.distributed`` process group is initialised."""
    return dist.is_available() and dist.is_initialized()


def rank() -> int:
    """This process's rank (0-based, PyTorch's numbering; 0 without a process group)."""
    return dist.get_rank() if is_distributed() else 0


def world_size() -> int:
    """The number of processes (1 without a process group)."""
    return dist.get_world_size() if is_distributed() else 1


def local_rank() -> int:
    """The rank within this machine (torchrun's ``LOCAL_RANK``; 0 when unset)."""
    return int(os.environ.get("LOCAL_RANK", "0"))


def is_main_process() -> bool:
    """True on rank 0, and in every plain (non-distributed) run: where output and files
    come from."""
    return not is_distributed() or dist.get_rank() == 0


def barrier() -> None:
    """Wait until every rank gets here (nothing without a process group)."""
    if is_distributed():
        dist.barrier()


def env_has_process_group() -> bool:
    """Whether torchrun's environment (``RANK``, ``WORLD_SIZE``, ``MASTER_ADDR``,
    ``MASTER_PORT``) is set, so that a process group can be initialised from it."""
    return dist.is_available() and all(os.environ.get(v) for v in ENV_VARS)


def default_backend(device: torch.device) -> str:
    """``"nccl"`` for a CUDA device, ``"gloo"`` otherwise."""
    return "nccl" if device.type == "cuda" else "gloo"


def init_process_group(backend: str, device: torch.device | None = None) -> None:
    """``torch.distributed.init_process_group(backend)`` from the environment (with
    ``device_id`` on CUDA); the group is destroyed when the interpreter exits."""
    global _opened_here
    if is_distributed():
        return
    kwargs: dict[str, Any] = {}
    if device is not None and device.type == "cuda":
        torch.cuda.set_device(device)
        kwargs["device_id"] = device
    dist.init_process_group(backend=backend, **kwargs)
    if not _opened_here:
        _opened_here = True
        atexit.register(_teardown)


def _teardown() -> None:
    """At exit: once every rank is done with the group (a rank that closed its connections
    while another still used them made gloo abort), drop what still holds it, then close it."""
    if not is_distributed():
        return
    try:
        if dist.get_backend() == "gloo":
            dist.monitored_barrier(timeout=datetime.timedelta(seconds=60))
        else:
            dist.barrier()
    except RuntimeError:
        pass                    # a rank is gone: close anyway
    gc.collect()
    dist.destroy_process_group()


def _collective_device() -> torch.device:
    """Where tensors must live for the group's collectives (CUDA for NCCL)."""
    if dist.get_backend() == "nccl":
        return torch.device("cuda", torch.cuda.current_device())
    return torch.device("cpu")


def broadcast_seed() -> int:
    """A seed drawn from PyTorch's generator on every rank (so their generators stay in
    step), rank 0's value given to all: under ``torch_manual_seed()`` it is reproducible."""
    seed = torch.randint(0, 2 ** 62, (1,), dtype=torch.int64)
    if is_distributed():
        seed = seed.to(_collective_device())
        dist.broadcast(seed, src=0)
    return int(seed.item())


# -- data ----------------------------------------------------------------------------------------

class DistributedSampler:
    """One rank's share of a sampler's 1-based indices (an R torch sampler: iterating gives
    indices, ``length()`` their number).

    Each epoch (each iteration) the order is drawn as R's samplers draw it: ``1:n`` in order,
    or, with ``shuffle``, a permutation, here from a generator seeded with ``seed + epoch`` so
    that every rank draws the same one (``seed`` comes from :func:`broadcast_seed`). Another
    ``sampler`` gives the order (it must give the same order on every rank). Inside ``fit()``
    the epoch is luz's (so a resumed run draws what the interrupted one would have).
    ``even``: every
    rank gets ``ceil(n / W)`` indices (the order padded with its first indices), or ``floor(n
    / W)`` with ``drop_last`` (PyTorch's ``DistributedSampler`` rule); otherwise rank ``r``
    takes positions ``r, r + W, ...`` and every index is used exactly once."""

    def __init__(self, data_source: Any, num_replicas: int, rank: int, *, shuffle: bool = False,
                 seed: int = 0, even: bool = True, drop_last: bool = False,
                 sampler: Any = None):
        if not 0 <= rank < num_replicas:
            raise ValueError(f"rank {rank + 1} (1-based) is not in 1..{num_replicas}")
        self.data_source = data_source
        self.num_replicas = int(num_replicas)
        self.rank = int(rank)
        self.shuffle = bool(shuffle)
        self.seed = int(seed)
        self.even = bool(even)
        self.drop_last = bool(drop_last)
        self.sampler = sampler
        self.epoch = 0

    def set_epoch(self, epoch: int) -> None:
        """Use ``epoch`` (0-based count of iterations) for the next order."""
        self.epoch = int(epoch)

    def _n(self) -> int:
        return len(self.sampler) if self.sampler is not None else len(self.data_source)

    def _order(self) -> np.ndarray:
        if self.sampler is not None:
            return np.fromiter((int(i) for i in self.sampler), dtype=np.int64)
        n = len(self.data_source)
        if not self.shuffle:
            return np.arange(1, n + 1, dtype=np.int64)
        g = torch.Generator().manual_seed(self.seed + self.epoch)
        return (torch.randperm(n, generator=g) + 1).numpy()

    def indices(self) -> np.ndarray:
        """This rank's indices for the current epoch (1-based)."""
        order = self._order()
        w = self.num_replicas
        if self.even:
            n = len(order)
            total = (n // w) * w if self.drop_last else -(-n // w) * w
            if total > n:
                reps = -(-(total - n) // max(n, 1))
                order = np.concatenate([order] + [order] * reps)
            order = order[:total]
        return order[self.rank::w]

    def length(self) -> int:
        n, w = self._n(), self.num_replicas
        if not self.even:
            return len(range(self.rank, n, w))
        return n // w if self.drop_last else -(-n // w)

    def __len__(self) -> int:
        return self.length()

    _r_length = length

    def iter_batch(self, batch_size: int) -> Iterator[np.ndarray]:
        """Whole batches of indices (what ``BatchSampler`` slices)."""
        idx = self._next_indices()
        return (idx[i:i + batch_size] for i in range(0, len(idx), batch_size))

    def __iter__(self) -> Iterator[int]:
        return iter(self._next_indices().tolist())

    iter = __iter__

    def _next_indices(self) -> np.ndarray:
        epoch = _luz_epoch()
        if epoch is not None:       # inside fit(): the epoch luz is in (right after a resume)
            self.epoch = epoch - 1
        idx = self.indices()
        self.epoch += 1
        return idx

    def __repr__(self) -> str:
        return (f"<DistributedSampler> rank {self.rank + 1} of {self.num_replicas}, "
                f"{'shuffled' if self.shuffle else 'in order'}")


def _luz_epoch() -> int | None:
    """The 1-based epoch of the running ``fit()``, if any."""
    from .conditions import LuzError
    from .context import active_context
    try:
        epoch = active_context().epoch
    except LuzError:
        return None
    return int(epoch) if isinstance(epoch, int) else None


def shard_dataloader(loader: Any, *, even: bool) -> Any:
    """``loader`` re-made so that this rank draws its share of the rows (see
    :class:`DistributedSampler`); the same data loader without a process group. ``even``:
    every rank gets as many batches (training); otherwise every row is used exactly once."""
    if not is_distributed():
        return loader
    from ..dataloader import DataLoader
    from ..samplers import BatchSampler, RandomSampler, SequentialSampler
    from .conditions import LuzError
    if not isinstance(loader, (DataLoader, torch.utils.data.DataLoader)):
        return loader
    n = _rows(loader)
    if not even and n is not None and n < world_size():
        raise LuzError(f"{n} rows can't be shared by {world_size()} processes: under "
                       "torch.distributed every rank needs at least one row of validation, "
                       "evaluate() and predict() data.")
    if isinstance(loader, torch.utils.data.DataLoader):
        return _shard_torch_loader(loader, even=even)
    if loader._kind == "iterable":
        raise LuzError("An iterable-style dataset can't be sharded across processes: give each "
                       "rank its own share of the data (rank(), world_size() from "
                       "rtorch.luz.distributed), or use a map-style dataset.")
    sampler, batch_sampler = loader.sampler, loader.batch_sampler
    user_batches = batch_sampler is not None and not isinstance(batch_sampler, BatchSampler)
    if user_batches:
        raise LuzError("A data loader with a custom `batch_sampler` can't be sharded across "
                       "processes: give it a `sampler` and a `batch_size` instead.")
    if isinstance(sampler, RandomSampler) and (sampler.replacement or
                                               sampler._num_samples is not None):
        own = sampler       # draws from the global generator: the same on every rank once seeded
    elif isinstance(sampler, (RandomSampler, SequentialSampler)):
        own = None
    else:
        own = sampler
    shard = DistributedSampler(loader._source, world_size(), rank(),
                               shuffle=isinstance(sampler, RandomSampler),
                               seed=broadcast_seed(), even=even, drop_last=loader.drop_last,
                               sampler=own)
    return DataLoader(loader.dataset, batch_size=loader.batch_size, sampler=shard,
                      num_workers=loader.num_workers, collate_fn=loader.collate_fn,
                      pin_memory=loader.pin_memory, drop_last=loader.drop_last,
                      timeout=loader.timeout, worker_init_fn=loader.worker_init_fn,
                      worker_globals=loader.worker_globals,
                      worker_packages=loader.worker_packages or None)


def _rows(loader: Any) -> int | None:
    """The number of rows of a data loader's dataset (None when it has no length)."""
    try:
        return len(loader.dataset)
    except (TypeError, AttributeError, NotImplementedError):
        return None


class _EpochLoader:
    """A PyTorch data loader over ``torch.utils.data.DistributedSampler`` whose epoch advances
    with each iteration."""

    def __init__(self, loader: torch.utils.data.DataLoader, sampler: Any):
        self.loader, self.sampler, self.epoch = loader, sampler, 0

    def __iter__(self) -> Iterator[Any]:
        self.sampler.set_epoch(self.epoch)
        self.epoch += 1
        return iter(self.loader)

    def __len__(self) -> int:
        return len(self.loader)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.loader, name)


class _Strided(torch.utils.data.Sampler):
    """PyTorch's 0-based positions ``rank, rank + W, ...`` of ``0:(n - 1)``: every row once."""

    def __init__(self, n: int, rank: int, num_replicas: int):
        self.positions = range(rank, n, num_replicas)

    def __iter__(self) -> Iterator[int]:
        return iter(self.positions)

    def __len__(self) -> int:
        return len(self.positions)


def _shard_torch_loader(loader: torch.utils.data.DataLoader, *, even: bool) -> Any:
    tud = torch.utils.data
    if not even:
        sampler: Any = _Strided(len(loader.dataset), rank(), world_size())
        return tud.DataLoader(loader.dataset, batch_size=loader.batch_size, sampler=sampler,
                              num_workers=loader.num_workers, collate_fn=loader.collate_fn,
                              pin_memory=loader.pin_memory, drop_last=loader.drop_last,
                              timeout=loader.timeout, worker_init_fn=loader.worker_init_fn)
    sampler = tud.DistributedSampler(
        loader.dataset, num_replicas=world_size(), rank=rank(),
        shuffle=isinstance(loader.sampler, tud.RandomSampler), seed=broadcast_seed() % 2 ** 31,
        drop_last=loader.drop_last)
    new = tud.DataLoader(loader.dataset, batch_size=loader.batch_size, sampler=sampler,
                         num_workers=loader.num_workers, collate_fn=loader.collate_fn,
                         pin_memory=loader.pin_memory, drop_last=loader.drop_last,
                         timeout=loader.timeout, worker_init_fn=loader.worker_init_fn)
    return _EpochLoader(new, sampler)


# -- the model -------------------------------------------------------------------------------------

def attach_ddp(model: torch.nn.Module, device: torch.device, **ddp_args: Any) -> Any:
    """Wrap ``model`` in ``DistributedDataParallel`` (rank 0's weights go to every rank) and
    route the model's own forward passes through it while gradients are enabled, so that
    ``backward()`` averages the gradients across ranks; ``ctx.model`` and code that calls the
    model (a custom ``step()``) are unchanged. Returns a handle for :func:`detach_ddp`."""
    from torch.nn.parallel import DistributedDataParallel
    device_ids = [device] if device.type == "cuda" else None
    ddp = DistributedDataParallel(model, device_ids=device_ids, **ddp_args)

    # DDP's own forward is _pre_forward, the module, _post_forward: the same steps, as hooks
    def pre(module: Any, args: tuple, kwargs: dict) -> Any:
        if torch.is_grad_enabled():
            return ddp._pre_forward(*args, **kwargs)
        return None

    def post(module: Any, args: tuple, output: Any) -> Any:
        if torch.is_grad_enabled():
            return ddp._post_forward(output)
        return None

    handles = [model.register_forward_pre_hook(pre, with_kwargs=True),
               model.register_forward_hook(post)]
    return ddp, handles


def detach_ddp(handle: Any) -> None:
    """Undo :func:`attach_ddp`: the model's forward is its own again."""
    if handle is None:
        return
    _, handles = handle
    for h in handles:
        h.remove()


# -- values ------------------------------------------------------------------------------------

def all_reduce_mean(value: Any) -> Any:
    """The mean over ranks of a number or tensor (the value itself without a process
    group)."""
    if not is_distributed():
        return value
    from ..tensor import unwrap
    t = unwrap(value)
    is_tensor = isinstance(t, torch.Tensor)
    x = (t.detach().to(torch.float64) if is_tensor else torch.tensor(float(t), dtype=torch.float64))
    x = x.to(_collective_device())
    dist.all_reduce(x)
    x = x / world_size()
    if is_tensor:
        return x.to(t.device, t.dtype)
    return x.item()


#: the additive state (summed across ranks) of the built-in metrics, by class name
_ADDITIVE = {
    "luz_metric_loss_average": ("sums", "steps"),
    "_Accuracy": ("correct", "total"),
    "luz_metric_mse": ("sum_error", "n"),
    "_AucBase": ("true_positives", "false_positives", "n_pos", "n_neg"),
}


def _additive_fields(metric: Any) -> tuple[str, ...] | None:
    declared = getattr(metric, "distributed_sum", None)
    if declared is not None:
        return tuple([declared] if isinstance(declared, str) else declared)
    for klass in type(metric).__mro__:
        fields = _ADDITIVE.get(klass.__name__)
        if fields is not None and klass.__module__ == "rtorch.luz.metrics":
            return fields
    return None


def _sum_over_ranks(values: list) -> list:
    """Each value (number or tensor; a list of them) summed over ranks."""
    flat, where = [], []
    for i, v in enumerate(values):
        items = v if isinstance(v, list) else [v]
        for j, x in enumerate(items):
            t = x if isinstance(x, torch.Tensor) else torch.tensor(float(x), dtype=torch.float64)
            flat.append(t)
            where.append((i, j, x))
    if not flat:
        return values
    device = _collective_device()
    shapes = [t.shape for t in flat]
    packed = torch.cat([t.detach().reshape(-1).to(device, torch.float64) for t in flat])
    dist.all_reduce(packed)
    out: list = [list(v) if isinstance(v, list) else None for v in values]
    start = 0
    for (i, j, orig), shape in zip(where, shapes):
        n = int(np.prod(shape)) if len(shape) else 1
        part = packed[start:start + n].reshape(shape)
        start += n
        if isinstance(orig, torch.Tensor):
            new: Any = part.to(orig.device, orig.dtype)
        else:
            new = type(orig)(part.item()) if isinstance(orig, (int, float)) else part.item()
        if isinstance(out[i], list):
            out[i][j] = new
        else:
            out[i] = new
    return out


def reduce_metric(metric: Any) -> Callable[[], Any]:
    """A function giving the metric's value over every rank's data: for the built-in metrics
    (and metrics naming their additive fields in ``distributed_sum``) the counts are summed
    across ranks first, then ``compute()`` runs; other metrics' values are averaged across
    ranks. Without a process group: ``metric.compute``."""
    if not is_distributed():
        return metric.compute
    fields = _additive_fields(metric)
    if fields is None or not all(hasattr(metric, f) for f in fields):
        return lambda: _mean_value(metric.compute())
    state = vars(metric)

    def compute() -> Any:
        saved = {f: state[f] for f in fields}
        summed = _sum_over_ranks([saved[f] for f in fields])
        state.update(zip(fields, summed))
        try:
            return metric.compute()
        finally:
            state.update(saved)
    return compute


def _mean_value(value: Any) -> Any:
    if isinstance(value, dict):
        return type(value)({k: all_reduce_mean(v) for k, v in value.items()})
    if isinstance(value, (list, tuple)):
        return type(value)(all_reduce_mean(v) for v in value)
    return all_reduce_mean(value)


def gather_rows(x: torch.Tensor) -> torch.Tensor:
    """Every rank's rows put back in the original order, on every rank, when rank ``r`` holds
    rows ``r, r + W, ...`` of the whole (as the unpadded shards of :class:`DistributedSampler`
    give them)."""
    if not is_distributed():
        return x
    w = world_size()
    device = _collective_device()
    n_local = torch.tensor([x.shape[0]], device=device)
    counts = [torch.zeros_like(n_local) for _ in range(w)]
    dist.all_gather(counts, n_local)
    counts_ = [int(c.item()) for c in counts]
    most = max(counts_)
    padded = torch.zeros((most, *x.shape[1:]), dtype=x.dtype, device=device)
    padded[:x.shape[0]] = x.to(device)
    parts = [torch.empty_like(padded) for _ in range(w)]
    dist.all_gather(parts, padded)
    total = sum(counts_)
    out = torch.empty((total, *x.shape[1:]), dtype=x.dtype, device=device)
    for r, (part, n) in enumerate(zip(parts, counts_)):
        out[r::w] = part[:n]
    return out.to(x.device)


def broadcast_object(x: Any) -> Any:
    """Rank 0's ``x`` on every rank (``x`` itself without a process group): what must agree
    across ranks though drawn on each (the rows ``valid_data = 0.2`` splits off)."""
    if not is_distributed():
        return x
    box = [x]
    dist.broadcast_object_list(box, src=0)
    return box[0]
