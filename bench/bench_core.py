"""Per-call cost of rtorch's tensor core against the same operation in plain PyTorch.

Run: python bench/bench_core.py   (prints a Markdown table; ratios are rtorch / PyTorch,
measured in the same run, interleaved, best of several repeats)."""
from __future__ import annotations

import timeit

import torch

import rtorch
from rtorch import c, torch_tensor

torch.set_num_threads(1)

x, y = torch.randn(3), torch.randn(3)
rx, ry = torch_tensor(x), torch_tensor(y)
m = torch.randn(10, 10)
rm = torch_tensor(m)
big = torch.randn(100, 100)
rbig = torch_tensor(big)
idx_r = c(1, 3)
values = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0]

CASES = [
    # (what, PyTorch, rtorch)
    ("small `x + y`", lambda: x + y, lambda: rx + ry),
    ("small `x + 1`", lambda: x + 1.0, lambda: rx + 1),
    ("`x$add(y)`", lambda: x.add(y), lambda: rx.add(ry)),
    ("`x$add(y, alpha = 2)`", lambda: x.add(y, alpha=2), lambda: rx.add(ry, alpha=2)),
    ("`torch_exp(x)`", lambda: torch.exp(x), lambda: rtorch.torch_exp(rx)),
    ("`x$flip(1)`", lambda: x.flip(0), lambda: rx.flip(1)),
    ("`x$unsqueeze(1)`", lambda: x.unsqueeze(0), lambda: rx.unsqueeze(1)),
    ("`matmul` 10x10", lambda: m.matmul(m), lambda: rm.matmul(rm)),
    ("`m @ m` 10x10", lambda: m @ m, lambda: rm @ rm),
    ("`sum(dim=)`", lambda: m.sum(dim=0), lambda: rm.sum(dim=1)),
    ("`torch_add(x, y)`", lambda: torch.add(x, y), lambda: rtorch.torch_add(rx, ry)),
    ("2-index slice `m[1:2, 3:4]`", lambda: m[0:2, 2:4], lambda: rm[1:2, 3:4]),
    ("scalar index `m[2, 3]`", lambda: m[1, 2], lambda: rm[2, 3]),
    ("row `m[2, :]` (PyTorch: `m[1]`)", lambda: m[1], lambda: rm[2, :]),
    ("vector index `m[c(1, 3)]`", lambda: m[[0, 2]], lambda: rm[idx_r]),
    ("`torch_tensor(list)` (8 numbers)", lambda: torch.tensor(values), lambda: torch_tensor(values)),
    ("print 100x100", lambda: repr(big), lambda: repr(rbig)),
]


def best(fn, number: int) -> float:
    return min(timeit.repeat(fn, number=number, repeat=7)) / number * 1e6


def main() -> None:
    print("| operation | PyTorch (µs) | rtorch (µs) | ratio |")
    print("|---|---:|---:|---:|")
    for name, raw, ours in CASES:
        n = 200 if name.startswith("print") else 5000
        a, b = [], []
        for _ in range(3):          # interleave to share machine noise
            a.append(best(raw, n))
            b.append(best(ours, n))
        ta, tb = min(a), min(b)
        print(f"| {name} | {ta:.2f} | {tb:.2f} | {tb / ta:.2f}x |")


if __name__ == "__main__":
    main()
