"""A long ``fit()`` keeps its memory flat: recorded losses and metrics are numbers, not tensors
holding an autograd graph, and nothing accumulates from one epoch to the next but the records
(a few hundred bytes of numbers per epoch, as in R)."""
from __future__ import annotations

import gc
import tracemalloc

import torch

from rtorch import *  # noqa: F403
from rtorch.tensor import unwrap
from rtorch.luz import *  # noqa: F403
from test_luz_support import loader, mlp, regression

EPOCHS = 30


def _tensors() -> int:
    return sum(1 for o in gc.get_objects() if issubclass(type(o), torch.Tensor))


def test_memory_is_flat_across_epochs_of_a_long_fit():
    tensors, peaks = {}, []

    def epoch_end(self):
        peaks.append(tracemalloc.get_traced_memory()[1])
        tracemalloc.reset_peak()
        kept = [*ctx.loss.values(), *(s for m in ctx.metrics.train + ctx.metrics.valid
                                      for s in getattr(m, "sums", []))]
        assert kept and all(unwrap(t).grad_fn is None for t in kept)
        if ctx.epoch % 10 == 0:
            gc.collect()
            tensors[ctx.epoch] = _tensors()
            if torch.cuda.is_available():
                tensors[-ctx.epoch] = torch.cuda.memory_allocated()

    spy = luz_callback("memory", weight = 1, on_epoch_end = epoch_end)
    x, y = regression(n = 64)
    model = (mlp >> setup(loss = nn_mse_loss(), optimizer = optim_adam,
                          metrics = [luz_metric_mae(), luz_metric_rmse()])
             >> set_hparams(d_in = 4))
    model >> fit(loader(x, y), epochs = 1, verbose = False)     # PyTorch's one-time imports
    tracemalloc.start()
    try:
        fitted = model >> fit(loader(x, y), epochs = EPOCHS, valid_data = loader(x, y),
                              verbose = False, callbacks = [spy()])
    finally:
        tracemalloc.stop()
    counts = [n for e, n in tensors.items() if e > 0]
    assert counts == [counts[0]] * len(counts), tensors          # no tensor kept per epoch
    cuda = [n for e, n in tensors.items() if e < 0]
    assert cuda == [cuda[0]] * len(cuda) if cuda else True
    early, late = max(peaks[3:10]), max(peaks[-7:])
    per_epoch = (late - early) / (len(peaks) - 10)
    assert per_epoch < 4096, (early, late)                       # the records, nothing more
    print(f"live tensors {tensors}; traced peak {early} -> {late} bytes ({per_epoch:.0f} B/epoch)")
    for set_name in ("train", "valid"):
        for record in fitted.records.metrics[set_name]:
            assert all(type(v) is float for v in record.values())
    assert all(type(t) is float for t in fitted.records.profile.epoch)
