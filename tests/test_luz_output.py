"""luz's plots and learning-rate finder, and the accelerator (device placement)."""
from __future__ import annotations

import math

import pytest
import torch

from rtorch import *  # noqa: F403
from rtorch.luz import *  # noqa: F403
from rtorch.luz.accelerator import DeviceDataLoader, to_device
from rtorch.luz.lr_finder import LrRecords
from test_luz_support import linear, linear_model, loader, regression

pytest.importorskip("matplotlib")


def test_plot_of_a_fitted_model_has_a_panel_per_metric_and_set():
    x, y = regression()
    fitted = (linear >> setup(loss = nn_mse_loss(), optimizer = optim_adam,
                              metrics = [luz_metric_mae()])
              >> set_hparams(d_in = 4) >> fit([x, y], epochs = 3, valid_data = [x, y], verbose = False))
    fig = plot(fitted)
    axes = fig.get_axes()
    assert len(axes) == 4 and [a.get_title() for a in axes[:2]] == ["train", "valid"]
    xs, ys = axes[0].get_lines()[0].get_data()
    assert list(xs) == [1, 2, 3]
    assert list(ys) == pytest.approx([r.loss for r in fitted.records.metrics.train])
    with pytest.raises(TypeError, match = "plot\\(\\) draws"):
        plot(dict())


def test_lr_finder_sweeps_the_learning_rate_and_plots():
    x, y = regression(n = 128)
    records = linear_model() >> lr_finder([x, y], steps = 12, start_lr = 1e-4, end_lr = 1,
                                          dataloader_options = dict(batch_size = 8))
    assert isinstance(records, LrRecords) and list(records.columns) == ["lr", "loss"]
    assert len(records) == 12
    ratio = (1 / 1e-4) ** (1 / 12)
    assert records.lr[0] == pytest.approx(1e-4 * ratio) and records.lr[11] == pytest.approx(1)
    assert all(b / a == pytest.approx(ratio) for a, b in zip(records.lr, records.lr[1:]))
    assert all(math.isfinite(v) for v in records.loss)
    linear_sweep = lr_finder(linear_model(), [x, y], steps = 5, log_spaced_intervals = False,
                             verbose = False)
    assert len(linear_sweep) == 5 and linear_sweep.lr.is_monotonic_increasing
    fig = plot(records)
    ax = fig.get_axes()[0]
    assert ax.get_xscale() == "log" and ax.get_xlabel() == "Learning Rate"
    assert len(ax.get_lines()) == 2


def test_accelerator_places_model_and_batches():
    acc = accelerator(cpu = True)
    assert acc.device == "cpu" and repr(acc) == "<LuzAccelerator> device: cpu"
    expected = "cuda:0" if torch.cuda.is_available() else "cpu"
    assert accelerator().device == expected
    with pytest.raises(TypeError, match = "Unhandled object"):
        acc.prepare("data")
    batch = to_device(dict(x = torch.ones(2), y = [torch_ones(1)]), torch.device("cpu"))
    assert isinstance(batch.x, Tensor) and isinstance(batch.y[0], Tensor)
    x, y = regression()
    dl = DeviceDataLoader(loader(x, y), torch.device("cpu"))
    assert len(dl) == 4 and length(dl) == 4 and dl.batch_size == 16
    devices = []
    spy = luz_callback("dev", on_train_batch_begin = lambda self: devices.append(
        (ctx.input.device.type, ctx.model.device.type)))
    fitted = linear_model() >> fit([x, y], epochs = 1, verbose = False, accelerator = acc,
                                   callbacks = [spy()])
    assert set(devices) == {("cpu", "cpu")} and fitted.model.device == torch_device("cpu")


@pytest.mark.skipif(not torch.cuda.is_available(), reason = "needs a CUDA device")
def test_fit_runs_on_the_gpu_without_changes():
    devices = []
    spy = luz_callback("dev", on_train_batch_begin = lambda self: devices.append(
        (ctx.input.device.type, ctx.model.device.type)))
    x, y = regression()
    fitted = (linear >> setup(loss = nn_mse_loss(), optimizer = optim_adam,
                              metrics = [luz_metric_mae()])
              >> set_hparams(d_in = 4) >> fit([x, y], epochs = 2, valid_data = [x, y],
                                              verbose = False, callbacks = [spy()]))
    assert set(devices) == {("cuda", "cuda")}
    assert predict(fitted, x).device.type == "cuda"
    assert isinstance(fitted.records.metrics.valid[1].mae, float)
