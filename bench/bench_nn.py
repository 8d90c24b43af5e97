"""Cost of rtorch's modules against the same model in plain PyTorch: a small MLP (the
tutorial's ``nn_sequential(nn_linear(3, 32), nn_relu(), nn_linear(32, 1))``), forward only
and a whole training step (forward, ``nnf_mse_loss``, ``zero_grad``, ``backward``, Adam step).

Run: python bench/bench_nn.py   (Markdown table; ratio = rtorch / PyTorch, both measured in
the same run, interleaved, best of many repeats, CPU, 1 thread)."""
from __future__ import annotations

import time

import torch
import torch.nn.functional as F

from rtorch import nn_linear, nn_relu, nn_sequential, nnf_mse_loss, optim_adam, torch_tensor

torch.set_num_threads(1)
X, Y = torch.randn(100, 3), torch.randn(100, 1)


def rtorch_model():
    torch.manual_seed(0)
    net = nn_sequential(nn_linear(3, 32), nn_relu(), nn_linear(32, 1))
    return net, torch_tensor(X), torch_tensor(Y), optim_adam(net.parameters), nnf_mse_loss


def pytorch_model():
    torch.manual_seed(0)
    net = torch.nn.Sequential(torch.nn.Linear(3, 32), torch.nn.ReLU(), torch.nn.Linear(32, 1))
    opt = torch.optim.Adam(net.parameters())
    opt.zero_grad = lambda z=opt.zero_grad: z(set_to_none=False)    # R's zero-filling, both sides
    return net, X, Y, opt, F.mse_loss


def forward(make):
    net, x, _, _, _ = make()
    return lambda: net(x)


def train_step(make):
    net, x, y, opt, loss_fn = make()

    def step():
        loss = loss_fn(net(x), y)
        opt.zero_grad()
        loss.backward()
        opt.step()
    return step


def best(fn, number: int = 200, repeat: int = 5) -> float:
    out = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        for _ in range(number):
            fn()
        out.append((time.perf_counter() - t0) / number)
    return min(out) * 1e6


def main(rounds: int = 15) -> None:
    print("| operation | PyTorch (µs) | rtorch (µs) | ratio |")
    print("|---|---:|---:|---:|")
    for name, case in (("MLP forward", forward), ("MLP training step", train_step)):
        ours, raw = case(rtorch_model), case(pytorch_model)
        for _ in range(100):
            ours(), raw()
        a, b = [], []
        for _ in range(rounds):          # interleave to share machine noise
            a.append(best(raw))
            b.append(best(ours))
        ta, tb = min(a), min(b)
        print(f"| {name} | {ta:.1f} | {tb:.1f} | {tb / ta:.3f}x |")


if __name__ == "__main__":
    main()
