"""Data loading: rtorch's ``dataloader()`` against PyTorch's ``DataLoader`` on the same data.

Run: python bench/bench_data.py   (prints a Markdown table; time of one epoch, best of a few
repeats, interleaved; ratio = PyTorch / rtorch for speed-ups, rtorch / PyTorch for overheads).

1. ``tensor_dataset`` of 1,000,000 x 10 floats, ``batch_size = 1024``: rtorch fetches each
   batch with one indexing call per tensor (``getbatch``); PyTorch's ``TensorDataset`` is
   indexed item by item and the items stacked.
2. A ``dataset()`` with only ``getitem`` (20,000 items, ``batch_size = 32``) against the
   equivalent PyTorch ``Dataset``:
   a. the same per-item work in both (the item read from a plain PyTorch tensor): what the data
      loader itself costs;
   b. the idiomatic port, ``dict(x = self.x[i, :], y = self.y[i])`` on rtorch tensors (R's
      1-based indexing on every item) against ``dict(x=self.x[i], y=self.y[i])``.
"""
from __future__ import annotations

import time
from typing import Callable

import torch
import torch.utils.data as tud

from rtorch import dataloader, dataset, tensor_dataset, torch_tensor

torch.set_num_threads(1)


def epoch(loader) -> float:
    start = time.perf_counter()
    for _ in loader:
        pass
    return time.perf_counter() - start


def best_pair(torch_loader, rtorch_loader, repeat: int) -> tuple[float, float]:
    a, b = [], []
    for _ in range(repeat):            # interleaved, to share the machine's noise
        a.append(epoch(torch_loader))
        b.append(epoch(rtorch_loader))
    return min(a), min(b)


class _TorchItems(tud.Dataset):
    def __init__(self, x: torch.Tensor, y: torch.Tensor) -> None:
        self.x, self.y = x, y

    def __getitem__(self, i: int) -> dict:
        return dict(x=self.x[i], y=self.y[i])

    def __len__(self) -> int:
        return len(self.y)


def _rtorch_items(body: Callable) -> type:
    def initialize(self, x, y):
        self.x, self.y = x, y

    return dataset("items", initialize=initialize, getitem=body,
                   length=lambda self: self.y.shape[0])


def _same_work(self, i):                       # the item read as PyTorch reads it
    return dict(x=self.x.torch[i - 1], y=self.y.torch[i - 1])


def _idiomatic(self, i):                       # R's dict(x = self$x[i, ], y = self$y[i])
    return dict(x=self.x[i, :], y=self.y[i])


def main() -> None:
    rows = []
    big = torch.randn(1_000_000, 10)
    ta, tb = best_pair(tud.DataLoader(tud.TensorDataset(big), batch_size=1024),
                       dataloader(tensor_dataset(torch_tensor(big)), batch_size=1024), repeat=2)
    rows.append(("`tensor_dataset` 1e6 x 10, batch 1024", ta, tb, f"{ta / tb:.1f}x faster"))

    x, y = torch.randn(20_000, 10), torch.randn(20_000)
    rx, ry = torch_tensor(x), torch_tensor(y)
    torch_dl = tud.DataLoader(_TorchItems(x, y), batch_size=32)
    for label, body in (("same per-item work", _same_work), ("idiomatic port", _idiomatic)):
        ta, tb = best_pair(torch_dl, dataloader(_rtorch_items(body)(rx, ry), batch_size=32),
                           repeat=7)
        rows.append((f"`dataset()` with `getitem`, {label}", ta, tb, f"{tb / ta:.2f}x the time"))

    print("| case | PyTorch (s) | rtorch (s) | rtorch vs PyTorch |")
    print("|---|---:|---:|---:|")
    for name, ta, tb, ratio in rows:
        print(f"| {name} | {ta:.3f} | {tb:.3f} | {ratio} |")


if __name__ == "__main__":
    main()
