"""luz's ``accelerator()``: where the model, the optimizers and each batch live.

``fit()``, ``predict()`` and ``evaluate()`` use ``accelerator()`` unless given one: the model
goes to the first CUDA device when PyTorch sees one (then Apple's MPS, unless the environment
variable ``LUZ_DISABLE_MPS`` is set), the CPU otherwise, and every batch is moved to the same
device as it is drawn (``non_blocking``), so user code never names a device. ``cpu = True``
keeps everything on the CPU; ``device_placement = False`` leaves the model where it is.
"""
from __future__ import annotations

import os
import platform
from typing import Any, Iterator

import torch

from ..dataloader import DataLoader
from ..named_list import NamedList
from ..tensor import Tensor, wrap
from . import distributed as _dist

__all__ = ["accelerator", "LuzAccelerator", "DeviceDataLoader", "to_device", "is_dataloader"]


def can_use_mps() -> bool:
    """luz's rule for Apple's GPU: an arm64 Mac with MPS, and ``LUZ_DISABLE_MPS`` unset."""
    mps = getattr(torch.backends, "mps", None)
    return (os.environ.get("LUZ_DISABLE_MPS", "FALSE") == "FALSE"
            and platform.machine() == "arm64" and mps is not None and mps.is_available())


def to_device(batch: Any, device: torch.device) -> Any:
    """``batch`` with its tensors (through named lists, dicts, lists and tuples) on ``device``;
    PyTorch tensors come back as rtorch tensors."""
    tp = type(batch)
    if tp is Tensor:
        t = batch._t
        return batch if t.device == device else wrap(t.to(device, non_blocking=True))
    if isinstance(batch, torch.Tensor):
        return wrap(batch if batch.device == device else batch.to(device, non_blocking=True))
    if tp is list or tp is tuple:
        return tp(to_device(v, device) for v in batch)
    if isinstance(batch, dict):
        return (NamedList if tp is dict else tp)({k: to_device(v, device) for k, v in batch.items()})
    return batch


def is_dataloader(x: Any) -> bool:
    """A data loader luz can iterate: rtorch's, PyTorch's, or one placed on a device."""
    return isinstance(x, (DataLoader, DeviceDataLoader, torch.utils.data.DataLoader))


class DeviceDataLoader:
    """A data loader whose batches arrive on ``device`` (R's ``device_dataloader``). Everything
    else (``length()``, ``dataset``, ``batch_size``, ...) is the wrapped loader's."""

    def __init__(self, loader: Any, device: torch.device):
        self.loader = loader.loader if isinstance(loader, DeviceDataLoader) else loader
        self.device = device

    def __iter__(self) -> Iterator[Any]:
        device = self.device
        for batch in self.loader:
            yield to_device(batch, device)

    def __len__(self) -> int:
        return len(self.loader)

    def length(self) -> Any:
        """The number of batches (R's ``length(dl)``; NA when unknown)."""
        f = getattr(self.loader, "length", None)
        return f() if callable(f) else len(self.loader)

    _r_length = length

    def __getattr__(self, name: str) -> Any:
        return getattr(self.loader, name)

    def __repr__(self) -> str:
        return f"{self.loader!r} on {self.device}"


class LuzAccelerator:
    """luz's accelerator object (made by :func:`accelerator`)."""

    def __init__(self, device_placement: bool = True, cpu: bool = False,
                 cuda_index: int | None = None, distributed: bool | None = None,
                 backend: str | None = None):
        self.device_placement = bool(device_placement)
        joins = _dist.is_distributed() or _dist.env_has_process_group()
        if distributed and not joins:
            from .conditions import LuzError
            raise LuzError("`distributed = TRUE` but no process group is initialised and "
                           "torchrun's environment (RANK, WORLD_SIZE, MASTER_ADDR, "
                           "MASTER_PORT) is not set: start the script with torchrun.")
        self.distributed = bool(joins if distributed is None else distributed)
        if cpu:
            device = "cpu"
        elif torch.cuda.is_available():
            if cuda_index is None:
                cuda_index = _dist.local_rank() if self.distributed else None
            index = torch.cuda.current_device() if cuda_index is None else int(cuda_index)
            device = f"cuda:{index}"
        elif can_use_mps():
            device = "mps"
        else:
            device = "cpu"
        self._device = device
        self._torch_device = torch.device(device)
        self._ddp: Any = None
        if self.distributed:
            _dist.init_process_group(backend or _dist.default_backend(self._torch_device),
                                     self._torch_device)

    @property
    def device(self) -> str:
        """The device, as luz names it: ``"cpu"``, ``"cuda:0"``, ``"mps"``."""
        return self._device

    @property
    def rank(self) -> int:
        """This process's rank, 1-based as R counts (1 in a plain run)."""
        return _dist.rank() + 1 if self.distributed else 1

    @property
    def world_size(self) -> int:
        """The number of processes training together (1 in a plain run)."""
        return _dist.world_size() if self.distributed else 1

    def prepare(self, *objs: Any, even: bool = False) -> list:
        """Each object placed: modules moved (optimizers keep pointing at their parameters),
        data loaders made to yield batches on the device, lists handled element-wise. Under
        a process group data loaders are sharded (``even``: as training needs, every rank
        with as many batches; otherwise every row once)."""
        return [self.prepare_one(o, even=even) for o in objs]

    def prepare_one(self, obj: Any, even: bool = False) -> Any:
        if isinstance(obj, torch.nn.Module):
            return self.prepare_model(obj)
        if isinstance(obj, torch.optim.Optimizer):
            return self.prepare_optimizer(obj)
        if is_dataloader(obj):
            return self.prepare_dataloader(obj, even=even)
        if isinstance(obj, dict):
            return type(obj)({k: self.prepare_one(v, even) for k, v in obj.items()})
        if isinstance(obj, (list, tuple)):
            return type(obj)(self.prepare_one(v, even) for v in obj)
        if obj is None:
            return None
        raise TypeError(f"Unhandled object with class {type(obj).__name__}\n"
                        "Only nn_modules, optimizers and dataloaders are supported.")

    def prepare_model(self, model: torch.nn.Module) -> torch.nn.Module:
        if self.device_placement:
            torch.nn.Module.to(model, self._torch_device)
            loss = getattr(type(model), "_luz_setup", {}).get("loss")
            if isinstance(loss, torch.nn.Module):
                torch.nn.Module.to(loss, self._torch_device)
        return model

    def prepare_optimizer(self, optimizer: torch.optim.Optimizer) -> torch.optim.Optimizer:
        return optimizer

    def prepare_dataloader(self, loader: Any, even: bool = False) -> DeviceDataLoader:
        if self.distributed:
            loader = _dist.shard_dataloader(loader, even=even)
        return DeviceDataLoader(loader, self._torch_device)

    def prepare_training(self, model: torch.nn.Module) -> None:
        """Under a process group: ``model``'s gradients are averaged across ranks from now on
        (DistributedDataParallel, see :func:`rtorch.luz.distributed.attach_ddp`)."""
        if self.distributed and self._ddp is None:
            self._ddp = _dist.attach_ddp(model, self._torch_device)

    def finish_training(self) -> None:
        """Undo :meth:`prepare_training`."""
        _dist.detach_ddp(self._ddp)
        self._ddp = None

    def gather(self, x: Any, batch_size: int | None = None) -> Any:
        """Predictions of every rank (rows sharded by :meth:`prepare_dataloader`) in the
        original order, on every rank; ``x`` itself in a plain run. A list of batches comes
        back as the batches of ``batch_size`` rows of the whole."""
        if not self.distributed:
            return x
        if isinstance(x, list):
            whole = _dist.gather_rows(torch.cat([p._t if type(p) is Tensor else p for p in x]))
            return [wrap(p) for p in torch.split(whole, int(batch_size or len(whole) or 1))]
        return wrap(_dist.gather_rows(x._t if type(x) is Tensor else x))

    def __repr__(self) -> str:
        where = f", rank {self.rank} of {self.world_size}" if self.distributed else ""
        return f"<LuzAccelerator> device: {self._device}{where}"


def accelerator(device_placement: bool = True, cpu: bool = False,
                cuda_index: int | None = None, *, distributed: bool | None = None,
                backend: str | None = None) -> LuzAccelerator:
    """R's ``accelerator(device_placement = TRUE, cpu = FALSE, cuda_index =
    torch::cuda_current_device())``: ``cuda_index`` counts from 0, as R torch's CUDA indices do
    (default: PyTorch's current CUDA device; under torchrun, ``LOCAL_RANK``). rtorch adds
    ``distributed = NULL`` and ``backend = NULL`` (see the module docstring)."""
    return LuzAccelerator(device_placement=device_placement, cpu=cpu, cuda_index=cuda_index,
                          distributed=distributed, backend=backend)
