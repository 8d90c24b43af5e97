"""Cost of luz's ``fit()`` against the same training loop written by hand.

The model is a small MLP (``d_in`` → ``hidden`` → ``hidden`` → 1, ReLU, MSE loss, Adam), trained
for a fixed number of epochs on in-memory tensors in shuffled mini-batches (last short batch
dropped, as luz does), the epoch's mean loss kept on the device and read once per epoch:

* **luz**: ``net >> setup(loss = nn_mse_loss(), optimizer = optim_adam) >> fit(list(x, y), ...)``
  (rtorch's model, optimizer and data loader, luz's callbacks and metrics);
* **PyTorch**: the loop in plain PyTorch (``torch.nn.Sequential``, ``torch.optim.Adam`` with R's
  zero-filling ``zero_grad``, a ``DataLoader`` fetching each batch with one index);
* **rtorch loop**: the same loop with rtorch's model, optimizer and data loader, without luz
  (what luz itself adds is luz / rtorch loop);
* **Lightning**: PyTorch Lightning's ``Trainer`` on the PyTorch model, when it is installed.

Run: python bench/bench_luz.py   (Markdown table; one run, cases interleaved, best of repeats,
CPU, 1 thread, seconds per fit and ratios to PyTorch)."""
from __future__ import annotations

import time
from typing import Callable

import torch
import torch.utils.data as tud

from rtorch import (dataloader, nn_linear, nn_module, nn_mse_loss, nn_relu, nn_sequential,
                    optim_adam, tensor_dataset, torch_tensor)
from rtorch.luz import fit, set_hparams, setup

torch.set_num_threads(1)
N, D_IN, HIDDEN, BATCH, EPOCHS = 4096, 32, 128, 64, 3
X, Y = torch.randn(N, D_IN), torch.randn(N, 1)


def _init(self, d_in: int, hidden: int) -> None:
    self.net = nn_sequential(nn_linear(d_in, hidden), nn_relu(), nn_linear(hidden, hidden),
                             nn_relu(), nn_linear(hidden, 1))


def _forward(self, x):
    return self.net(x)


net = nn_module("mlp", initialize=_init, forward=_forward)
model = net >> setup(loss=nn_mse_loss(), optimizer=optim_adam) >> set_hparams(d_in=D_IN,
                                                                              hidden=HIDDEN)


def luz_fit() -> None:
    torch.manual_seed(0)
    fit(model, [torch_tensor(X), torch_tensor(Y)], epochs=EPOCHS, verbose=False,
        dataloader_options=dict(batch_size=BATCH))


def _loop(model, opt, batches: Callable, loss_fn: Callable, unwrap: Callable) -> None:
    for _ in range(EPOCHS):
        model.train()
        total, steps = None, 0
        for x, y in batches():
            loss = loss_fn(model(x), y)
            loss.backward()
            opt.step()
            opt.zero_grad()
            d = unwrap(loss).detach()
            total = d if total is None else total + d
            steps += 1
        (total / steps).item()


def pytorch_loop() -> None:
    torch.manual_seed(0)
    model = torch.nn.Sequential(torch.nn.Linear(D_IN, HIDDEN), torch.nn.ReLU(),
                                torch.nn.Linear(HIDDEN, HIDDEN), torch.nn.ReLU(),
                                torch.nn.Linear(HIDDEN, 1))
    opt = torch.optim.Adam(model.parameters())
    opt.zero_grad = lambda z=opt.zero_grad: z(set_to_none=False)     # R's zero-filling
    ds = tud.TensorDataset(X, Y)
    sampler = tud.BatchSampler(tud.RandomSampler(ds), BATCH, drop_last=True)
    loader = tud.DataLoader(ds, sampler=sampler, batch_size=None)
    _loop(model, opt, lambda: loader, torch.nn.functional.mse_loss, lambda t: t)


def rtorch_loop() -> None:
    torch.manual_seed(0)
    model = net(D_IN, HIDDEN)
    opt = optim_adam(model.parameters)
    loader = dataloader(tensor_dataset(torch_tensor(X), torch_tensor(Y)), batch_size=BATCH,
                        shuffle=True, drop_last=True)
    _loop(model, opt, lambda: loader, nn_mse_loss(), lambda t: t.torch)


def lightning_fit() -> Callable[[], None] | None:
    try:
        import lightning.pytorch as pl
    except ImportError:
        try:
            import pytorch_lightning as pl
        except ImportError:
            return None

    class Module(pl.LightningModule):
        def __init__(self) -> None:
            super().__init__()
            self.net = torch.nn.Sequential(torch.nn.Linear(D_IN, HIDDEN), torch.nn.ReLU(),
                                           torch.nn.Linear(HIDDEN, HIDDEN), torch.nn.ReLU(),
                                           torch.nn.Linear(HIDDEN, 1))

        def training_step(self, batch, _):
            x, y = batch
            loss = torch.nn.functional.mse_loss(self.net(x), y)
            self.log("loss", loss, on_epoch=True, on_step=False)
            return loss

        def configure_optimizers(self):
            return torch.optim.Adam(self.parameters())

    def run() -> None:
        torch.manual_seed(0)
        ds = tud.TensorDataset(X, Y)
        sampler = tud.BatchSampler(tud.RandomSampler(ds), BATCH, drop_last=True)
        trainer = pl.Trainer(max_epochs=EPOCHS, accelerator="cpu", logger=False,
                             enable_checkpointing=False, enable_progress_bar=False,
                             enable_model_summary=False)
        trainer.fit(Module(), tud.DataLoader(ds, sampler=sampler, batch_size=None))
    return run


def best(fn: Callable[[], None], repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def main(rounds: int = 9) -> None:
    cases = {"PyTorch loop": pytorch_loop, "rtorch loop": rtorch_loop, "luz fit()": luz_fit}
    lightning = lightning_fit()
    if lightning is not None:
        cases["Lightning Trainer"] = lightning
    for fn in cases.values():
        fn()                                     # warm up (first optimizer step imports)
    times: dict[str, list[float]] = {k: [] for k in cases}
    for _ in range(rounds):                      # interleaved: cases share machine noise
        for name, fn in cases.items():
            times[name].append(best(fn))
    base = min(times["PyTorch loop"])
    print(f"MLP {D_IN}-{HIDDEN}-{HIDDEN}-1, {N} rows, batch {BATCH}, {EPOCHS} epochs "
          f"({N // BATCH} steps each); CPU, 1 thread")
    print("| loop | seconds | ratio to PyTorch |")
    print("|---|---:|---:|")
    for name, ts in times.items():
        print(f"| {name} | {min(ts):.3f} | {min(ts) / base:.3f}x |")
    if lightning is None:
        print("(PyTorch Lightning is not installed: no Lightning row)")
    luz, loop = min(times["luz fit()"]), min(times["rtorch loop"])
    print(f"luz's own cost over the same rtorch loop: {luz / loop:.3f}x")


if __name__ == "__main__":
    main()
