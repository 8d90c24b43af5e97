"""luz fits running at once (threads, a thread pool, asyncio tasks) are independent: each
custom ``step()``, callback and metric sees its own fit's ``ctx``, and each model ends trained
on its own data only, exactly as when the fits run one after another."""
from __future__ import annotations

import asyncio
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
import torch

from rtorch import (dataloader, nn_linear, nn_module, nnf_mse_loss, optim_sgd, tensor_dataset,
                    torch_tensor)
from rtorch.luz import (ctx, fit, luz_callback, luz_metric_mae, set_hparams, set_opt_hparams,
                        setup)
from rtorch.luz.conditions import signal
from rtorch.luz.context import active_context

N_FITS = 4
ROUNDS = 10


def _problem(k: int) -> tuple[Any, Any]:
    """Data set ``k``: 24 rows, ``y = x %*% w_k`` with a weight vector of its own."""
    g = torch.Generator().manual_seed(100 + k)
    x = torch.randn(24, 3, generator=g)
    w = torch.tensor([[k + 1.0], [-(k + 1.0)], [0.5 * k]])
    return torch_tensor(x), torch_tensor(x @ w)


def _init(self, d_in: int) -> None:
    self.fc = nn_linear(d_in, 1)
    with torch.no_grad():                           # the same start for every fit
        self.fc.weight.torch.zero_()
        self.fc.bias.torch.zero_()


def _forward(self, x: Any) -> Any:
    return self.fc(x)


def _step(self: Any) -> None:
    """A custom step that goes through the free variable ``ctx`` for everything."""
    assert ctx.model is self, "ctx.model is another fit's model"
    time.sleep(0)                                   # let the other threads run here
    opt = ctx.optimizers.opt
    pred = ctx.pred = self(ctx.input)
    time.sleep(0)
    ctx.loss = dict(opt=nnf_mse_loss(pred, ctx.target))
    if ctx.training:
        opt.zero_grad()
        ctx.loss["opt"].backward()
        time.sleep(0)
        opt.step()


_model = nn_module("concurrent_linear", initialize=_init, forward=_forward, step=_step)


#: one prepared module shared by every fit (a hyper-parameter search reuses it), with a metric
PREPARED = (_model >> setup(optimizer=optim_sgd, metrics=[luz_metric_mae()])
            >> set_hparams(d_in=3) >> set_opt_hparams(lr=0.05))


def _prepared() -> Any:
    return PREPARED


def _checker():
    """A callback that checks, at every batch, that its own ``self.ctx`` is the ``ctx`` the
    free variable stands for, and signals a condition no handler takes (a no-op)."""
    def on_train_batch_end(self):
        assert active_context() is self.ctx
        assert ctx.iter == self.ctx.iter
        self.batches += 1
        signal("nothing", "not_handled_anywhere")
    return luz_callback("checker", batches=0, on_train_batch_end=on_train_batch_end)()


def _fit_one(k: int, barrier: threading.Barrier | None = None) -> tuple[torch.Tensor, int]:
    """Fit on data set ``k``: the model's parameters (with the last epoch's training loss and
    MAE appended) and how many batches the callback saw."""
    x, y = _problem(k)
    dl = dataloader(tensor_dataset(x, y), batch_size=6, shuffle=False)
    checker = _checker()
    prepared = _prepared()
    if barrier is not None:
        barrier.wait()
    fitted = fit(prepared, dl, epochs=3, verbose=False, callbacks=[checker])
    last = fitted.records.metrics.train[-1]
    w = torch.cat([fitted.model.fc.weight.torch.detach().flatten(),
                   fitted.model.fc.bias.torch.detach().flatten(),
                   torch.tensor([last["loss"], last["mae"]], dtype=torch.float32)])
    return w, checker.batches


@pytest.fixture(scope="module")
def sequential() -> list[torch.Tensor]:
    out = [_fit_one(k)[0] for k in range(N_FITS)]
    for a in range(N_FITS):                         # the four problems give four models
        for b in range(a + 1, N_FITS):
            assert not torch.allclose(out[a], out[b])
    return out


def test_threads_each_train_their_own_model(sequential):
    for _ in range(ROUNDS):
        results: dict[int, Any] = {}
        barrier = threading.Barrier(N_FITS)

        def run(k: int) -> None:
            try:
                results[k] = _fit_one(k, barrier)
            except BaseException as e:              # reported below, with the thread's number
                results[k] = e

        threads = [threading.Thread(target=run, args=(k,)) for k in range(N_FITS)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        for k in range(N_FITS):
            got = results[k]
            assert not isinstance(got, BaseException), f"fit {k + 1} failed: {got!r}"
            w, batches = got
            assert batches == 3 * 4
            torch.testing.assert_close(w, sequential[k], rtol=0, atol=0)
    with pytest.raises(Exception, match="only available while luz runs"):
        ctx.epoch


def test_thread_pool_search(sequential):
    with ThreadPoolExecutor(max_workers=N_FITS) as pool:
        for _ in range(3):
            results = list(pool.map(_fit_one, range(N_FITS)))
            for k, (w, _) in enumerate(results):
                torch.testing.assert_close(w, sequential[k], rtol=0, atol=0)


def test_asyncio_tasks_each_train_their_own_model(sequential):
    async def one(k: int) -> torch.Tensor:
        await asyncio.sleep(0)
        w, _ = await asyncio.to_thread(_fit_one, k)
        await asyncio.sleep(0)
        return w

    async def in_loop(k: int) -> torch.Tensor:          # a fit run inside the task itself
        await asyncio.sleep(0.001 * (N_FITS - k))
        return _fit_one(k)[0]

    async def main() -> list[torch.Tensor]:
        threaded = await asyncio.gather(*(one(k) for k in range(N_FITS)))
        inline = await asyncio.gather(*(in_loop(k) for k in range(N_FITS)))
        return list(threaded) + list(inline)

    for _ in range(ROUNDS):
        got = asyncio.run(main())
        for i, w in enumerate(got):
            torch.testing.assert_close(w, sequential[i % N_FITS], rtol=0, atol=0)


def test_a_task_started_during_a_fit_sees_that_fit():
    """Code a fit's callback hands to another task sees that fit's ``ctx`` (contextvars are
    copied into tasks), and the fit's condition handlers do not leak out after it ends."""
    seen: list[Any] = []

    def on_epoch_end(self):
        async def peek():
            return ctx.epoch, active_context() is self.ctx
        seen.append(asyncio.run(peek()))
    cb = luz_callback("peek", on_epoch_end=on_epoch_end)()
    x, y = _problem(0)
    fit(_prepared(), [x, y], epochs=2, dataloader_options=dict(batch_size=6),
        verbose=False, callbacks=[cb])
    assert seen == [(1, True), (2, True)]
    assert signal("after the fit", "early_stopping") is None


def test_one_callback_object_shared_by_concurrent_fits(sequential):
    """The same callback object given to 4 fits at once: inside each fit its ``self.ctx`` is
    that fit's context (R's callbacks read ``ctx``; a shared object must not see another
    thread's)."""
    seen: list[tuple[int, int, int]] = []

    def on_train_batch_end(self):
        seen.append((id(self.ctx), id(active_context()), id(self.ctx.model)))
        time.sleep(0)
    shared = luz_callback("shared", on_train_batch_end=on_train_batch_end)()
    barrier = threading.Barrier(N_FITS)
    results: dict[int, Any] = {}

    def run(k: int) -> None:
        x, y = _problem(k)
        barrier.wait()
        fitted = fit(_prepared(), [x, y], epochs=2, verbose=False, callbacks=[shared],
                     dataloader_options=dict(batch_size=6, shuffle=False))
        results[k] = torch.cat([fitted.model.fc.weight.torch.detach().flatten(),
                                fitted.model.fc.bias.torch.detach().flatten()])

    threads = [threading.Thread(target=run, args=(k,)) for k in range(N_FITS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(seen) == N_FITS * 2 * 4
    assert all(own == active for own, active, _ in seen)
    assert len({model for _, _, model in seen}) == N_FITS
    for k in range(N_FITS):                     # trained as the same fit alone (2 of 3 epochs)
        x, y = _problem(k)
        alone = fit(_prepared(), [x, y], epochs=2, verbose=False,
                    dataloader_options=dict(batch_size=6, shuffle=False))
        torch.testing.assert_close(results[k], torch.cat([
            alone.model.fc.weight.torch.detach().flatten(),
            alone.model.fc.bias.torch.detach().flatten()]), rtol=0, atol=0)
