"""luz's verbs: setup / set_hparams / set_opt_hparams / fit / predict / evaluate / get_metrics /
as_dataloader, piped with ``>>``; the seed's luz block; printing; bad input."""
from __future__ import annotations

import os
import re
import warnings

import numpy as np
import pytest
import torch

from rtorch import *  # noqa: F403
from rtorch.luz import *  # noqa: F403
from rtorch.luz import LuzCallbackError, LuzError, LuzValueError
from rtorch.luz.module import LuzModuleGenerator
from tutorial import SEED, namespace, run_chunks
from test_luz_support import captured, classification, linear, linear_model, loader, recorder, regression


def fitted_linear(epochs: int = 3, **kwargs):
    x, y = regression()
    model = (linear >> setup(loss = nn_mse_loss(), optimizer = optim_adam)
             >> set_hparams(d_in = 4) >> set_opt_hparams(lr = 0.05))
    return model >> fit(loader(x, y), epochs = epochs, verbose = False, **kwargs), x, y


def test_seed_luz_block_reports_train_and_valid_loss_per_epoch():
    """The tutorial's "调用luz" block, ported (fewer epochs)."""
    torch_manual_seed(1)
    ns = namespace("rtorch.luz")
    run_chunks(SEED, "模型设定", ns, since="数据准备")        # the data and the model, as ported
    net, train_dl, valid_dl = ns["net"], ns["train_dl"], ns["valid_dl"]
    d_in, d_hidden, d_out = ns["d_in"], ns["d_hidden"], ns["d_out"]
    with captured() as out:
        fitted = (net >>
                  setup(loss = nn_mse_loss(), optimizer = optim_adam) >>
                  set_hparams(d_in = d_in, d_hidden = d_hidden, d_out = d_out) >>
                  fit(train_dl, epochs = 20, valid_data = valid_dl, verbose = True))
    lines = out.getvalue().splitlines()
    assert lines[:3] == ["Epoch 1/20", lines[1], lines[2]] and len(lines) == 60
    number = r"\d+(\.\d{1,4})?"
    for i in range(20):
        assert lines[3 * i] == f"Epoch {i + 1}/20"
        assert re.fullmatch(f"Train metrics: Loss: {number}", lines[3 * i + 1]), lines[3 * i + 1]
        assert re.fullmatch(f"Valid metrics: Loss: {number}", lines[3 * i + 2]), lines[3 * i + 2]
    m = get_metrics(fitted)
    train = m[m.set == "train"].value.tolist()
    assert train[-1] < train[0]
    assert list(m.columns) == ["set", "metric", "epoch", "value"] and len(m) == 40


def test_setup_returns_a_luz_module_generator_that_prints_and_makes_models():
    mod = linear >> setup(loss = nn_mse_loss(), optimizer = optim_adam)
    assert isinstance(mod, LuzModuleGenerator) and repr(mod) == "<luz_module_generator>"
    model = mod(4)
    assert isinstance(model, linear) and type(model).__name__ == "luz_module"
    assert model.device == torch_device("cpu")
    direct = setup(linear, loss = nn_mse_loss(), optimizer = optim_adam)
    assert isinstance(direct, LuzModuleGenerator)
    with_hp = mod >> set_hparams(4) >> set_opt_hparams(lr = 0.1)
    assert dict(with_hp.hparams) == {"d_in": 4} and dict(with_hp.opt_hparams) == {"lr": 0.1}
    assert mod.hparams is None          # set_hparams returns a copy, as R does


def test_fit_trains_and_returns_a_fitted_object_that_prints_like_luz():
    fitted, x, y = fitted_linear(epochs = 2, valid_data = loader(*regression(seed = 3)))
    assert dict(fitted.ctx.hparams) == {"d_in": 4} and fitted.ctx.opt_hparams.lr == 0.05
    text = repr(fitted)
    lines = text.splitlines()
    assert lines[0] == "A `luz_module_fitted`"
    assert lines[1].startswith("── Time ─") and len(lines[1]) == 80
    assert re.fullmatch(r"• Total time: \d+(ms|\.\ds|s)", lines[2])
    assert lines[3].startswith("• Avg time per training epoch: ")
    assert lines[4].startswith("• Avg time per validation epoch ")
    assert "Metrics observed in the last epoch." in lines
    i = lines.index("ℹ Training:")
    assert re.fullmatch(r"loss: \d+(\.\d+)?", lines[i + 1]) and lines[i + 2] == "ℹ Validation:"
    assert "An `nn_module` containing 5 parameters." in text


def test_loss_decreases_and_model_keeps_its_training():
    fitted, x, y = fitted_linear(epochs = 30)
    loss = get_metrics(fitted).value.tolist()
    assert loss[-1] < 0.2 * loss[0]
    mse = nnf_mse_loss(fitted.model(x), y).item()
    assert mse == pytest.approx(loss[-1], rel = 0.5)


def test_data_can_be_a_dataset_a_list_arrays_or_named_tensors():
    x, y = regression(n = 40)
    model = linear_model()
    sources = [tensor_dataset(x, y), [x, y], (np.asarray(x), np.asarray(y)),
               dict(x = x, y = y), [x.torch, y.torch]]
    for data in sources:
        cb = recorder("on_train_batch_end")
        fitted = model >> fit(data, epochs = 1, verbose = False, callbacks = cb)
        assert len(cb.calls) == 1                   # 40 rows, batch 32, last batch dropped
        assert isinstance(fitted.records.metrics.train[0].loss, float)


def test_valid_data_fraction_splits_the_data():
    x, y = regression(n = 100)
    model = (linear >> setup(loss = nn_mse_loss(), optimizer = optim_adam) >> set_hparams(d_in = 4)
             >> set_opt_hparams(lr = 0.001))
    cb = recorder("on_train_batch_end", "on_valid_batch_end")
    fitted = model >> fit([x, y], epochs = 1, valid_data = 0.1, verbose = False, callbacks = cb,
                          dataloader_options = dict(batch_size = 2, shuffle = False))
    assert cb.calls.count("on_train_batch_end") == 45 and cb.calls.count("on_valid_batch_end") == 5
    assert "valid" in set(get_metrics(fitted).set)


def test_dataloader_options_rules():
    x, y = regression(n = 40)
    model = linear_model()
    with pytest.raises(LuzError, match = "already a dataloader"):
        model >> fit(loader(x, y), epochs = 1, verbose = False,
                     dataloader_options = dict(batch_size = 2))
    with pytest.warns(UserWarning, match = "already a dataloader"):
        fitted = model >> fit([x, y], epochs = 1, verbose = False, valid_data = loader(x, y),
                              dataloader_options = dict(batch_size = 8))
    pred = predict(fitted, [x, y], dataloader_options = dict(batch_size = 15, drop_last = True))
    assert tuple(pred.shape) == (30, 1)
    with pytest.warns(UserWarning, match = "ignored for predictions"):
        predict(fitted, [x, y], dataloader_options = dict(shuffle = True))


def test_as_dataloader_converts_data_like_luz():
    x, y = regression(n = 40)
    dl = as_dataloader([x, y])
    assert is_dataloader(dl) and dl.batch_size == 32 and len(dl) == 2
    assert as_dataloader(dl) is dl and as_dataloader(None) is None
    assert len(as_dataloader(tensor_dataset(x), batch_size = 10)) == 4
    assert len(x >> as_dataloader(batch_size = 20)) == 2
    with pytest.raises(LuzValueError, match = "Unsupported object with class 'str'"):
        as_dataloader("data")
    model = linear_model()
    fitted = model >> fit([x, y] >> as_dataloader(batch_size = 8, shuffle = True), epochs = 2,
                          verbose = False)
    assert len(fitted.records.metrics.train) == 2


def test_predict_returns_stacked_predictions_deterministically():
    fitted, x, y = fitted_linear()
    p1 = fitted >> predict(loader(x, y))
    p2 = predict(fitted, x)
    assert tuple(p1.shape) == (64, 1) and torch.equal(p1.torch, p2.torch)
    assert torch.allclose(p1.torch, fitted.model(x).torch)
    parts = predict(fitted, x, stack = False, dataloader_options = dict(batch_size = 10))
    assert len(parts) == 2 and tuple(parts[-1].shape) == (32, 1)   # luz: a bare tensor's
    parts = predict(fitted, [x], stack = False, dataloader_options = dict(batch_size = 10))
    assert len(parts) == 7 and tuple(parts[-1].shape) == (4, 1)     # options are ignored


def test_predict_uses_a_model_predict_method():
    def predict_method(self, x):
        return self(x) * 0 + 7
    x, y = regression()
    model = (nn_module(inherit = linear, predict = predict_method)
             >> setup(loss = nn_mse_loss(), optimizer = optim_adam) >> set_hparams(d_in = 4))
    fitted = model >> fit([x, y], epochs = 1, verbose = False)
    assert torch.all(predict(fitted, x).torch == 7)


def test_evaluate_reports_loss_and_metrics():
    x, y = regression()
    model = (linear >> setup(loss = nn_mse_loss(), optimizer = optim_adam,
                             metrics = [luz_metric_mae(), luz_metric_mse(), luz_metric_rmse()])
             >> set_hparams(d_in = 4))
    fitted = model >> fit([x, y], epochs = 1, verbose = False)
    e = fitted >> evaluate([x, y])
    m = get_metrics(e)
    assert list(m.columns) == ["metric", "value"] and m.metric.tolist() == ["loss", "mae", "mse", "rmse"]
    pred = fitted.model(x).torch
    assert m.value[1] == pytest.approx((pred - y.torch).abs().mean().item(), rel = 1e-5)
    assert m.value[2] == pytest.approx(((pred - y.torch) ** 2).mean().item(), rel = 1e-5)
    lines = repr(e).splitlines()
    assert lines[0] == "A `luz_module_evaluation`" and lines[1].startswith("── Results ─")
    assert [ln.split(":")[0] for ln in lines[2:]] == ["loss", "mae", "mse", "rmse"]
    only = evaluate(fitted, [x, y], metrics = [luz_metric_mae()])
    assert get_metrics(only).metric.tolist() == ["loss", "mae"]
    assert len(fitted.model.metrics.valid) == 4          # the model's own metrics are back


def test_get_metrics_has_a_row_per_set_epoch_and_metric():
    x, y = regression()
    model = (linear >> setup(loss = nn_mse_loss(), optimizer = optim_adam,
                             metrics = luz_metric_set(metrics = [luz_metric_mae()],
                                                      valid_metrics = [luz_metric_rmse()]))
             >> set_hparams(d_in = 4))
    fitted = model >> fit([x, y], epochs = 3, valid_data = [x, y], verbose = False)
    m = get_metrics(fitted)
    assert len(m) == 3 * 2 + 3 * 3
    assert m[m.set == "train"].metric.tolist() == ["loss", "mae"] * 3
    assert m[m.set == "valid"].metric.tolist() == ["loss", "mae", "rmse"] * 3
    assert m.epoch.tolist()[:6] == [1, 1, 2, 2, 3, 3]


def test_custom_backward_step_and_multiple_optimizers():
    seen = []

    def backward(x):
        x.backward()
        seen.append(ctx.iter)

    x, y = regression()
    fitted = (linear >> setup(loss = nn_mse_loss(), optimizer = optim_adam, backward = backward)
              >> set_hparams(d_in = 4) >> fit([x, y], epochs = 1, verbose = False))
    assert seen == [1, 2]

    def two_initialize(self):
        self.a = linear(4)
        self.b = linear(4)

    def two_forward(self, x):
        return self.a(x) + self.b(x)

    def set_optimizers(self, lr = 0.01):
        return dict(one = optim_adam(self.a.parameters, lr = lr),
                    two = optim_sgd(self.b.parameters, lr = lr))

    two = nn_module(initialize = two_initialize, forward = two_forward,
                    set_optimizers = set_optimizers)
    fitted = two >> setup(loss = nn_mse_loss()) >> fit([x, y], epochs = 2, verbose = False)
    loss = fitted.records.metrics.train[1].loss
    assert set(loss.keys()) == {"one", "two"}
    m = get_metrics(fitted)
    assert {"value.one", "value.two"} <= set(m.columns)

    def step(self):
        opt = ctx.optimizers.opt
        ctx.loss = dict(opt = nnf_mse_loss(self(ctx.input), ctx.target))
        if ctx.training:
            opt.zero_grad()
            ctx.loss["opt"].backward()
            opt.step()
    custom = nn_module(inherit = linear, step = step)
    fitted = (custom >> setup(optimizer = optim_adam) >> set_hparams(d_in = 4)
              >> fit([x, y], epochs = 2, valid_data = [x, y], verbose = False))
    assert len(fitted.records.metrics.valid) == 2


def test_pytorch_optimizers_and_plain_pytorch_loaders_work():
    x, y = regression(n = 40)
    ds = torch.utils.data.TensorDataset(x.torch, y.torch)
    fitted = (linear >> setup(loss = nnf_mse_loss, optimizer = torch.optim.SGD) >> set_hparams(d_in = 4)
              >> set_opt_hparams(lr = 0.1)
              >> fit(torch.utils.data.DataLoader(ds, batch_size = 8), epochs = 2, verbose = False))
    assert len(fitted.records.metrics.train) == 2
    assert isinstance(fitted.model.fc.weight, Tensor)


def test_epochs_min_and_max():
    x, y = regression()
    model = linear_model()
    fitted = model >> fit([x, y], epochs = c(4, 6), verbose = False, callbacks = [
        luz_callback_early_stopping(monitor = "train_loss", patience = 0, min_delta = 100)])
    assert len(fitted.records.metrics.train) == 4
    with pytest.raises(LuzValueError, match = "higher than"):
        model >> fit([x, y], epochs = c(5, 2), verbose = False)


def test_verbose_false_is_silent_and_verbose_true_reports():
    x, y = regression()
    model = linear_model()
    with captured() as out:
        model >> fit([x, y], epochs = 2, verbose = False)
    assert out.getvalue() == ""
    with captured() as out:
        model >> fit([x, y], epochs = 2, verbose = True)
    assert out.getvalue().splitlines()[0] == "Epoch 1/2"


def test_fit_without_setup_is_a_clear_error():
    x, y = regression()
    with pytest.raises(LuzError, match = r"`fit\(\)` needs a module prepared with `setup\(\)`"):
        linear >> fit([x, y], epochs = 1)
    with pytest.raises(LuzError, match = "setup"):
        fit(linear(4), [x, y])
    with pytest.raises(LuzError, match = "No loss function"):
        linear >> setup(optimizer = optim_adam)
    with pytest.raises(LuzError, match = "No optimizer"):
        linear >> setup(loss = nn_mse_loss())
    with pytest.raises(TypeError, match = r"nn_mse_loss\(\)"):
        linear >> setup(loss = nn_mse_loss, optimizer = optim_adam)
    with pytest.raises(TypeError, match = "not a module made from one"):
        linear(4) >> setup(loss = nn_mse_loss(), optimizer = optim_adam)


def test_loss_not_matching_the_model_output_is_a_clear_error():
    x, y = classification()
    model = (linear >> setup(loss = nn_mse_loss(), optimizer = optim_adam)
             >> set_hparams(d_in = 4, d_out = 3))
    with pytest.raises(LuzError, match = r"shape \[16, 3\]\) and the target \(shape \[16\]\)"):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            model >> fit(loader(x, y), epochs = 1, verbose = False)
    wrong = (linear >> setup(loss = nn_cross_entropy_loss(), optimizer = optim_adam)
             >> set_hparams(d_in = 4, d_out = 1))
    with pytest.raises(LuzError, match = "does the loss match the model's output"):
        wrong >> fit(loader(*regression()), epochs = 1, verbose = False)


@pytest.mark.parametrize("fraction", [2, -1, 0, 1.0])
def test_valid_data_fraction_outside_0_1_is_a_value_error(fraction, tmp_path):
    x, y = regression()
    model = linear_model()
    path = str(tmp_path) + "/"
    with pytest.raises(LuzValueError, match = f"between 0 and 1.*got {float(fraction):f}"):
        model >> fit([x, y], valid_data = fraction, verbose = False,
                     callbacks = [luz_callback_model_checkpoint(path, monitor = "train_loss")])
    assert os.listdir(tmp_path) == []
    with pytest.raises(LuzValueError, match = "from the training dataloader"):
        model >> fit(loader(x, y), valid_data = 0.2, verbose = False)


def test_a_callback_that_raises_names_itself_and_leaves_no_partial_checkpoint(tmp_path):
    def boom(self):
        if ctx.epoch == 2:
            raise RuntimeError("boom at epoch 2")
    failing = luz_callback("failing", on_epoch_end = boom)
    x, y = regression()
    model = linear_model()
    with pytest.raises(LuzCallbackError) as err:
        model >> fit([x, y], epochs = 5, verbose = False, callbacks = [
            failing(), luz_callback_model_checkpoint(str(tmp_path) + "/", monitor = "train_loss")])
    assert str(err.value).startswith(
        "Error while calling callback with class <failing/LuzCallback> at on_epoch_end.")
    assert "boom at epoch 2" in str(err.value) and isinstance(err.value.__cause__, Exception)
    files = sorted(os.listdir(tmp_path))
    assert len(files) == 1 and files[0].startswith("epoch-01-train_loss-")
    assert torch.load(tmp_path / files[0], weights_only = True)["epoch"] == 1


def test_an_uninitialized_callback_or_metric_is_a_clear_error():
    x, y = regression()
    model = linear_model()
    with pytest.raises(TypeError, match = "Perhaps you forgot to initialize the callback"):
        model >> fit([x, y], epochs = 1, verbose = False, callbacks = [luz_callback_early_stopping])
    with pytest.raises(TypeError, match = r"forget to call it: `luz_metric_mae\(\)`"):
        linear >> setup(loss = nn_mse_loss(), optimizer = optim_adam, metrics = [luz_metric_mae])
