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
                 cuda_index: int | None = None):
        self.device_placement = bool(device_placement)
        if cpu:
            device = "cpu"
        elif torch.cuda.is_available():
            index = torch.cuda.current_device() if cuda_index is None else int(cuda_index)
            device = f"cuda:{index}"
        elif can_use_mps():
            device = "mps"
        else:
            device = "cpu"
        self._device = device
        self._torch_device = torch.device(device)

    @property
    def device(self) -> str:
        """The device, as luz names it: ``"cpu"``, ``"cuda:0"``, ``"mps"``."""
        return self._device

    def prepare(self, *objs: Any) -> list:
        """Each object placed: modules moved (optimizers keep pointing at their parameters),
        data loaders made to yield batches on the device, lists handled element-wise."""
        return [self.prepare_one(o) for o in objs]

    def prepare_one(self, obj: Any) -> Any:
        if isinstance(obj, torch.nn.Module):
            return self.prepare_model(obj)
        if isinstance(obj, torch.optim.Optimizer):
            return self.prepare_optimizer(obj)
        if is_dataloader(obj):
            return self.prepare_dataloader(obj)
        if isinstance(obj, dict):
            return type(obj)({k: self.prepare_one(v) for k, v in obj.items()})
        if isinstance(obj, (list, tuple)):
            return type(obj)(self.prepare_one(v) for v in obj)
        if obj is None:
            return None
        raise TypeError(f"Unhandled object with class {type(obj).__name__}\n"
                        "Only nn_modules, optimizers and dataloaders are supported.")

    def prepare_model(self, model: torch.nn.Module) -> torch.nn.Module:
        if self.device_placement:
            torch.nn.Module.to(model, self._torch_device)
            loss = getattr(type(model), "_luz_loss", None)
            if isinstance(loss, torch.nn.Module):
                torch.nn.Module.to(loss, self._torch_device)
        return model

    def prepare_optimizer(self, optimizer: torch.optim.Optimizer) -> torch.optim.Optimizer:
        return optimizer

    def prepare_dataloader(self, loader: Any) -> DeviceDataLoader:
        return DeviceDataLoader(loader, self._torch_device)

    def __repr__(self) -> str:
        return f"<LuzAccelerator> device: {self._device}"


def accelerator(device_placement: bool = True, cpu: bool = False,
                cuda_index: int | None = None) -> LuzAccelerator:
    """R's ``accelerator(device_placement = TRUE, cpu = FALSE, cuda_index =
    torch::cuda_current_device())``: ``cuda_index`` counts from 0, as R torch's CUDA indices do
    (default: PyTorch's current CUDA device)."""
    return LuzAccelerator(device_placement=device_placement, cpu=cpu, cuda_index=cuda_index)
