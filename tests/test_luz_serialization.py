"""luz's saving and loading: luz_save / luz_load, model weights, checkpoints, resuming (to the
same weights as an uninterrupted run), atomic writes, and files that never hold code."""
from __future__ import annotations

import os

import pytest
import torch

from rtorch import *  # noqa: F403
from rtorch.luz import *  # noqa: F403
from rtorch.luz import LuzCallbackError, LuzError
from test_luz_support import mlp, regression

MODEL = (mlp >> setup(loss = nn_mse_loss(), optimizer = optim_adam,
                      metrics = [luz_metric_mae()])
         >> set_hparams(d_in = 4, d_hidden = 6) >> set_opt_hparams(lr = 0.02))


def fitted_mlp(epochs = 2):
    x, y = regression()
    return MODEL >> fit([x, y], epochs = epochs, verbose = False), x, y


def test_luz_save_and_luz_load_round_trip(tmp_path):
    fitted, x, y = fitted_mlp()
    path = str(tmp_path / "model.pt")
    luz_save(fitted, path)
    raw = torch.load(path, weights_only = True)            # data only: no code in the file
    assert raw["generator"] == "test_luz_serialization:MODEL" and "model" in raw
    assert torch.equal(raw["model"]["net.0.weight"], fitted.model.net[1].weight.torch)
    loaded = luz_load(path)
    assert torch.equal(predict(loaded, x).torch, predict(fitted, x).torch)
    assert dict(loaded.ctx.hparams) == {"d_in": 4, "d_hidden": 6}
    assert loaded.ctx.opt_hparams.lr == 0.02
    assert loaded.records.metrics.train[1].mae == fitted.records.metrics.train[1].mae
    assert get_metrics(evaluate(loaded, [x, y])).metric.tolist() == ["loss", "mae"]
    assert repr(loaded).startswith("A `luz_module_fitted`")
    plain = luz_load(path, module = mlp)                 # the bare generator rebuilds the model
    assert torch.equal(plain.model(x).torch, fitted.model(x).torch)
    into = mlp(4, 6)
    assert luz_load(path, module = into).model is into


def test_luz_load_finds_a_generator_defined_inside_a_function(tmp_path):
    local = nn_module("local_net", initialize = lambda self: setattr(self, "fc", nn_linear(4, 1)),
                      forward = lambda self, x: self.fc(x))
    x, y = regression()
    fitted = (local >> setup(loss = nn_mse_loss(), optimizer = optim_adam)
              >> fit([x, y], epochs = 1, verbose = False))
    path = str(tmp_path / "m.pt")
    luz_save(fitted, path)
    loaded = luz_load(path)
    assert isinstance(loaded.model, local) and type(loaded.model).__name__ == "luz_module"
    assert torch.equal(loaded.model.fc.weight.torch, fitted.model.fc.weight.torch)
    assert torch.equal(luz_load(path, module = local).model.fc.weight.torch,
                       fitted.model.fc.weight.torch)
    with pytest.raises(LuzError, match = "luz_save only works"):
        luz_save(fitted.model, path)
    with pytest.raises(LuzError, match = "not written by luz_save"):
        torch_save(torch_randn(2), path)
        luz_load(path)


def test_hyper_parameters_must_be_data_and_nothing_is_written_otherwise(tmp_path):
    def init(self, d_in, act):
        self.fc = nn_linear(d_in, 1)
        self.act = act

    net = nn_module(initialize = init, forward = lambda self, x: self.act(self.fc(x)))
    x, y = regression()
    fitted = (net >> setup(loss = nn_mse_loss(), optimizer = optim_adam)
              >> set_hparams(d_in = 4, act = nnf_relu) >> fit([x, y], epochs = 1, verbose = False))
    path = tmp_path / "m.pt"
    with pytest.raises(LuzError, match = r"Can't save `ctx\$hparams\$act`"):
        luz_save(fitted, str(path))
    assert os.listdir(tmp_path) == []


def test_model_weights_save_and_load(tmp_path):
    fitted, x, y = fitted_mlp()
    path = str(tmp_path / "w.pt")
    fitted >> luz_save_model_weights(path)
    other, _, _ = fitted_mlp(epochs = 1)
    assert luz_load_model_weights(other, path) is None
    assert torch.equal(other.model(x).torch, fitted.model(x).torch)


def test_writes_are_atomic(tmp_path, monkeypatch):
    fitted, _, _ = fitted_mlp(epochs = 1)
    path = tmp_path / "m.pt"
    path.write_bytes(b"old")

    def broken_save(obj, f, *args, **kwargs):
        f.write(b"partial")
        raise OSError("disk full")

    monkeypatch.setattr(torch, "save", broken_save)
    with pytest.raises(OSError, match = "disk full"):
        luz_save(fitted, str(path))
    with pytest.raises(OSError, match = "disk full"):
        luz_save_model_weights(fitted, str(path))
    assert path.read_bytes() == b"old" and os.listdir(tmp_path) == ["m.pt"]


class _FailOnce:
    """A callback that raises once, at the end of epoch ``at``."""

    def __new__(cls, at):
        def on_epoch_end(self):
            if ctx.epoch == at and not self.failed:
                self.failed = True
                raise RuntimeError(f"Error on epoch {at}")
        return luz_callback("fail_once", failed = False, on_epoch_end = on_epoch_end)()


def test_auto_resume_ends_at_the_weights_of_an_uninterrupted_run(tmp_path):
    x, y = regression(n = 80)
    schedule = lambda: luz_callback_lr_scheduler(lr_step, step_size = 2, gamma = 0.5)  # noqa: E731
    torch_manual_seed(7)
    straight = MODEL >> fit([x, y], epochs = 6, verbose = False, callbacks = [
        luz_callback_auto_resume(str(tmp_path / "a" / "state.pt")), schedule(), _FailOnce(99)])
    path = str(tmp_path / "b" / "state.pt")
    failing = _FailOnce(3)
    torch_manual_seed(7)
    with pytest.raises(LuzCallbackError, match = "Error on epoch 3"):
        MODEL >> fit([x, y], epochs = 6, verbose = False,
                     callbacks = [luz_callback_auto_resume(path), schedule(), failing])
    assert os.path.exists(path)
    torch_manual_seed(12345)                      # a different start: the state file decides
    resumed = MODEL >> fit([x, y], epochs = 6, verbose = False,
                           callbacks = [luz_callback_auto_resume(path), schedule(), failing])
    for a, b in zip(torch.nn.Module.parameters(straight.model),
                    torch.nn.Module.parameters(resumed.model)):
        assert torch.equal(a, b)
    assert get_metrics(resumed).equals(get_metrics(straight))
    assert not os.path.exists(path)


def test_resume_from_checkpoint_restores_the_model(tmp_path):
    x, y = regression()
    folder = str(tmp_path / "ckpt") + "/"
    first = MODEL >> fit([x, y], epochs = 2, verbose = False, callbacks = [
        luz_callback_model_checkpoint(folder, monitor = "train_loss")])
    start = []
    spy = luz_callback("spy", weight = 1, on_fit_begin = lambda self: start.append(
        [p.clone() for p in torch.nn.Module.parameters(ctx.model)]))
    MODEL >> fit([x, y], epochs = 1, verbose = False, callbacks = [
        luz_callback_resume_from_checkpoint(folder), spy()])
    for a, b in zip(start[0], torch.nn.Module.parameters(first.model)):
        assert torch.equal(a, b)
    with pytest.warns(UserWarning, match = "does not exist"):
        cb = luz_callback_resume_from_checkpoint(str(tmp_path / "nothing.pt"))
    MODEL >> fit([x, y], epochs = 1, verbose = False, callbacks = [cb])


def test_checkpoint_callbacks_must_match_when_resuming(tmp_path):
    x, y = regression()
    path = str(tmp_path / "state.pt")
    with pytest.raises(LuzCallbackError):
        MODEL >> fit([x, y], epochs = 3, verbose = False,
                     callbacks = [luz_callback_auto_resume(path), _FailOnce(2)])
    with pytest.raises(LuzCallbackError, match = "the same callbacks"):
        MODEL >> fit([x, y], epochs = 3, verbose = False,
                     callbacks = [luz_callback_auto_resume(path)])


def test_a_model_with_code_in_its_fields_is_saved_as_weights_only(tmp_path):
    x, y = regression()
    fitted = (mlp >> setup(loss = lambda input, target: nnf_mse_loss(input, target),
                           optimizer = optim_adam)
              >> set_hparams(d_in = 4, d_hidden = 3) >> fit([x, y], epochs = 1, verbose = False))
    path = str(tmp_path / "m.pt")
    luz_save(fitted, path)
    with pytest.raises(LuzError, match=r"holds its weights only \(Can't save `setup\(\)\$loss` "
                                       r"\(a function not defined at the top level"):
        luz_load(path)
    gen = mlp >> setup(loss = nn_mse_loss(), optimizer = optim_adam)
    loaded = luz_load(path, module = gen)
    assert torch.equal(predict(loaded, x).torch, predict(fitted, x).torch)


def _scaled_mse(input, target):
    return nnf_mse_loss(input, target) * 2


def _abs_init(self, scale = 1):
    self.total = 0.0
    self.n = 0
    self.scale = scale


def _abs_update(self, preds, target):
    self.total += float((preds - target).abs().sum().item())
    self.n += int(target.numel())


abs_error = luz_metric("abs_error", abbrev = "AbsErr", initialize = _abs_init,
                       update = _abs_update,
                       compute = lambda self: self.scale * self.total / self.n)


def test_user_losses_metrics_and_pytorch_optimizers_are_rebuilt_by_name(tmp_path):
    x, y = regression()
    fitted = (mlp >> setup(loss = _scaled_mse, optimizer = torch.optim.SGD,
                           metrics = luz_metric_set([abs_error(scale = 3)],
                                                    valid_metrics = [luz_metric_rmse()]))
              >> set_hparams(d_in = 4, d_hidden = 5) >> set_opt_hparams(lr = 0.05)
              >> fit([x, y], epochs = 1, verbose = False, valid_data = 0.25))
    path = str(tmp_path / "m.pt")
    luz_save(fitted, path)
    loaded = luz_load(path)
    model = loaded.model
    assert type(model).__name__ == "luz_module" and isinstance(model, mlp)
    assert model.loss(model(x), y).item() == pytest.approx(_scaled_mse(model(x), y).item())
    assert isinstance(model.set_optimizers(lr = 0.1), torch.optim.SGD)
    metrics, saved = type(model).metrics, type(fitted.model).metrics
    assert [m.cls for m in metrics["train"]] == [m.cls for m in saved["train"]]
    assert [m.cls for m in metrics["train"]][-1:] == [abs_error]
    assert metrics["train"][-1].kwargs == {"scale": 3}
    assert [m.cls for m in metrics["valid"]] == [m.cls for m in saved["valid"]]
    assert [m.cls for m in metrics["valid"]][-2:] == [abs_error, luz_metric_rmse]
    ev = evaluate(loaded, [x, y])
    assert get_metrics(ev).metric.tolist() == ["loss", "abserr", "rmse"]
    assert get_metrics(ev).value.tolist() == get_metrics(evaluate(fitted, [x, y])).value.tolist()
