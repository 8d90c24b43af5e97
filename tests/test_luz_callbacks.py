"""luz's callbacks: custom ones with ``ctx``, breakpoint order, weights, stopping early, and every
built-in ``luz_callback_*`` on small synthetic problems."""
from __future__ import annotations

import math
import os

import pytest
import torch

from rtorch import *  # noqa: F403
from rtorch.luz import *  # noqa: F403
from rtorch.luz import LuzCallbackError, LuzError, signal
from rtorch.luz.progress import OPTIONS
from rtorch.luz.tfevents import collect_events
from test_luz_support import captured, classification, linear_model, loader, mlp, recorder, regression

TRAIN_STEP = ["on_train_batch_begin", "on_train_batch_after_pred", "on_train_batch_after_loss",
              "on_train_batch_before_backward", "on_train_batch_before_step",
              "on_train_batch_after_step", "on_train_batch_end"]
VALID_STEP = ["on_valid_batch_begin", "on_valid_batch_after_pred", "on_valid_batch_after_loss",
              "on_valid_batch_end"]
ALL = (["on_fit_begin", "on_epoch_begin", "on_train_begin"] + TRAIN_STEP
       + ["on_train_end", "on_valid_begin"] + VALID_STEP + ["on_valid_end", "on_epoch_end",
                                                             "on_fit_end"])


def run(callbacks, epochs = 3, data = None, valid = None, verbose = False, mod = None, **kw):
    data = data if data is not None else loader(*regression())
    return (mod or linear_model()) >> fit(data, epochs = epochs, valid_data = valid,
                                          verbose = verbose, callbacks = callbacks, **kw)


def test_breakpoints_run_in_luz_order():
    cb = recorder(*set(ALL))
    x, y = regression(n = 32)
    run([cb], epochs = 1, data = loader(x, y), valid = loader(x[1:16, :], y[1:16, :]))
    expected = (["on_fit_begin", "on_epoch_begin", "on_train_begin"] + TRAIN_STEP * 2
                + ["on_train_end", "on_valid_begin"] + VALID_STEP
                + ["on_valid_end", "on_epoch_end", "on_fit_end"])
    assert cb.calls == expected


def test_custom_callback_sees_luz_ctx_fields_as_self_ctx_and_ctx():
    seen = {}

    def after_loss(self):
        if ctx.iter == 2 and ctx.epoch == 1:
            seen.update(iter = self.ctx.iter, training = ctx.training, pred = ctx.pred,
                        target = ctx.target, loss = ctx.loss.opt, grad = ctx.loss_grad,
                        opt = ctx.opt, name = ctx.opt_name, model = ctx.model, same = ctx.model is self.ctx.model,
                        max_epochs = ctx.max_epochs, handlers = set(ctx.handlers.keys()),
                        device = ctx.device, data = ctx.data, batch = ctx.batch)

    def init(self, message):
        self.message = message

    spy = luz_callback("spy", initialize = init, on_train_batch_after_loss = after_loss)
    cb = spy(message = "hi")
    fitted = run([cb], epochs = 2)
    assert cb.message == "hi" and seen["iter"] == 2 and seen["training"] is True
    assert tuple(seen["pred"].shape) == (16, 1) and tuple(seen["target"].shape) == (16, 1)
    assert not seen["loss"].requires_grad and seen["grad"].requires_grad
    assert isinstance(seen["opt"], torch.optim.Adam) and seen["name"] == "opt"
    assert seen["same"] and seen["max_epochs"] == 2 and seen["handlers"] == {"interrupt"}
    assert seen["device"] == "cpu" and len(seen["batch"]) == 2
    assert fitted.model is seen["model"]
    with pytest.raises(LuzError, match = "only available while luz runs"):
        ctx.epoch


def test_callbacks_are_ordered_by_weight_then_position():
    late = recorder("on_epoch_end", weight = 10)
    early = recorder("on_epoch_end", weight = -1)
    order = []
    for cb, name in ((late, "late"), (early, "early")):
        cb.on_epoch_end = (lambda n: lambda: order.append(n))(name)
    middle = luz_callback("middle", on_epoch_end = lambda self: order.append("middle"))()
    run([late, middle, early], epochs = 1)
    assert order == ["early", "middle", "late"]


def test_fields_are_per_object():
    a, b = recorder("on_fit_begin"), recorder("on_fit_begin")
    run([a], epochs = 1)
    assert a.calls == ["on_fit_begin"] and b.calls == []


def test_inherit_and_super():
    def base_init(self, n):
        self.n = n

    def child_init(self, n):
        self.super.initialize(n * 2)

    base = luz_callback("base", initialize = base_init)
    child = luz_callback("child", inherit = base, initialize = child_init)
    assert child(3).n == 6 and isinstance(child(1), base)


def test_early_stopping_stops_before_the_epoch_limit():
    with captured() as out:
        fitted = run([luz_callback_early_stopping(monitor = "train_loss", patience = 1,
                                                  min_delta = 100)], epochs = 25, verbose = True)
    assert len(fitted.records.metrics.train) == 2
    assert out.getvalue().splitlines()[-1] == "Early stopping at epoch 2 of 25"
    fitted = run([luz_callback_early_stopping(monitor = "train_loss", patience = 2,
                                              baseline = 0.0001)], epochs = 25)
    assert len(fitted.records.metrics.train) == 2
    fitted = run([luz_callback_early_stopping(monitor = "train_loss", mode = "max")], epochs = 25)
    assert len(fitted.records.metrics.train) == 2
    x, y = regression()
    fitted = run([luz_callback_early_stopping(patience = 2, min_delta = 0.01)], epochs = 50,
                 mod = linear_model() >> set_opt_hparams(lr = 1e-5), valid = loader(x, y))
    assert len(fitted.records.metrics.valid) == 3


def test_stopping_from_a_callback_by_signal_or_interrupt():
    stop_at_3 = luz_callback("stop3", on_epoch_end = lambda self: signal(
        "Early stopping", "early_stopping") if ctx.epoch == 3 else None)
    fitted = run([stop_at_3(), luz_callback_early_stopping(monitor = "train_loss", patience = 99)],
                 epochs = 10)
    assert len(fitted.records.metrics.train) == 3
    fitted = run([stop_at_3()], epochs = 5)          # no handler: signal() does nothing
    assert len(fitted.records.metrics.train) == 5

    def interrupt(self):
        if ctx.epoch == 2 and ctx.iter == 2:
            raise KeyboardInterrupt

    cb = recorder("on_interrupt", "on_fit_end")
    kinds = []
    fitted = run([luz_callback("ctrl_c", on_train_batch_end = interrupt,
                               on_fit_begin = lambda self: kinds.extend(map(type, ctx.callbacks)))(),
                  cb], epochs = 10)
    assert cb.calls == ["on_interrupt", "on_fit_end"] and luz_callback_interrupt in kinds
    assert len(fitted.records.metrics.train) == 1 and fitted.records.profile.fit


def test_model_checkpoint_files_appear_and_reload(tmp_path):
    weights = []
    keep = luz_callback("keep", weight = 1, on_epoch_end = lambda self: weights.append(
        ctx.model.fc.weight.torch.clone()))()
    x, y = regression()
    folder = str(tmp_path / "ckpt") + "/"
    fitted = run([luz_callback_model_checkpoint(folder), keep], epochs = 3, valid = loader(x, y))
    files = sorted(os.listdir(folder))
    valid = [v.loss for v in fitted.records.metrics.valid]
    assert files == [f"epoch-{e:02d}-valid_loss-{v:.3f}.pt" for e, v in zip((1, 2, 3), valid)]
    luz_load_checkpoint(fitted, folder + files[0])
    assert torch.equal(fitted.model.fc.weight.torch, weights[0])
    fitted >> luz_load_checkpoint(folder + files[2])
    assert torch.equal(fitted.model.fc.weight.torch, weights[2])
    run([luz_callback_model_checkpoint(str(tmp_path / "e{ctx.epoch}-{epoch:03d}.pt"),
                                       monitor = "train_loss")], epochs = 2)
    assert {"e1-001.pt", "e2-002.pt"} <= set(os.listdir(tmp_path))
    best = str(tmp_path / "best.pt")
    run([luz_callback_model_checkpoint(best, monitor = "train_loss", save_best_only = True)],
        epochs = 2)
    assert os.path.exists(best)


def test_keep_best_model_restores_the_best_epoch():
    weights = []
    keep = luz_callback("keep", weight = 1, on_epoch_end = lambda self: weights.append(
        ctx.model.fc.weight.torch.clone()))()
    best = luz_callback_keep_best_model(monitor = "train_loss")
    diverging = linear_model(optimizer = optim_sgd) >> set_opt_hparams(lr = 1.2)
    fitted = run([best, keep], epochs = 5, mod = diverging)
    losses = [v.loss for v in fitted.records.metrics.train]
    i = min(range(5), key = losses.__getitem__)
    assert i < 4 and torch.equal(fitted.model.fc.weight.torch, weights[i])
    assert not os.path.exists(best.path)


def test_lr_scheduler_steps_the_optimizer():
    lrs = []
    spy = luz_callback("lr", on_epoch_begin = lambda self: lrs.append(ctx.opt.param_groups[0]["lr"]))
    run([spy(), luz_callback_lr_scheduler(lr_step, step_size = 1, gamma = 0.5)], epochs = 3,
        mod = linear_model() >> set_opt_hparams(lr = 0.1))
    assert lrs == pytest.approx([0.1, 0.05, 0.025])
    lrs.clear()
    run([spy(), luz_callback_lr_scheduler(lr_reduce_on_plateau, patience = 0, threshold = 10)],
        epochs = 3, mod = linear_model() >> set_opt_hparams(lr = 0.1))
    assert lrs[0] == 0.1 and lrs[-1] < lrs[0]
    with pytest.raises(LuzCallbackError, match = "not found in ctx.optimizers"):
        run([luz_callback_lr_scheduler(lr_step, step_size = 1, opt_name = "other")], epochs = 1)


def test_csv_logger_writes_one_line_per_epoch_and_set(tmp_path):
    path = tmp_path / "log.csv"
    x, y = regression()
    fitted = run([luz_callback_csv_logger(str(path))], epochs = 2, valid = loader(x, y),
                 mod = linear_model(metrics = [luz_metric_mae()]))
    lines = path.read_text().splitlines()
    assert lines[0] == '"epoch","set","loss","mae"' and len(lines) == 5
    epoch, set_, loss, mae = lines[4].split(",")
    assert (epoch, set_) == ("2", '"valid"')
    assert float(loss) == pytest.approx(fitted.records.metrics.valid[1].loss, rel = 1e-12)


def test_gradient_clip_bounds_the_gradient_norm():
    norms = []

    def measure(self):
        grads = [p.grad for p in torch.nn.Module.parameters(ctx.model)]
        norms.append(torch.linalg.vector_norm(torch.cat([g.reshape(-1) for g in grads])).item())

    spy = luz_callback("norm", weight = 1, on_train_batch_before_step = measure)
    run([luz_callback_gradient_clip(max_norm = 0.01), spy()], epochs = 2)
    assert norms and max(norms) <= 0.01 + 1e-6
    with pytest.raises(TypeError, match = "`max_norm` should be a numeric scalar value"):
        luz_callback_gradient_clip(max_norm = "1")


def test_mixed_precision_autocasts_the_forward_pass():
    dtypes = []
    spy = luz_callback("dt", on_train_batch_after_pred = lambda self: dtypes.append(ctx.pred.dtype))
    fitted = run([luz_callback_mixed_precision(), spy()], epochs = 2)
    assert str(dtypes[0]) == "torch_BFloat16"
    assert all(math.isfinite(v.loss) for v in fitted.records.metrics.train)
    assert not torch.is_autocast_enabled("cpu")


def test_mixup_functions_and_callback():
    x = torch_randn(6, 3)
    y = torch_tensor(c(1, 2, 3, 1, 2, 3)).to(dtype = torch_long())
    out = nnf_mixup(x, y, torch_ones(6))
    assert set(out.keys()) == {"x", "y"} and set(out.y.keys()) == {"ys", "weight"} and set(out.y.ys.keys()) == {"y1", "y2"}
    assert torch.allclose(out.x.torch[torch.argsort(out.y.ys.y2.torch, stable = True)].sum(),
                          x.torch.sum())
    logits = torch_randn(6, 3)
    loss = nn_mixup_loss(nn_cross_entropy_loss())
    assert loss(logits, y).item() == pytest.approx(nnf_cross_entropy(logits, y).item())
    target = out.y
    manual = torch.lerp(torch.nn.functional.cross_entropy(logits.torch, y.torch - 1, reduction = "none"),
                        torch.nn.functional.cross_entropy(logits.torch, target.ys.y2.torch - 1,
                                                          reduction = "none"),
                        target.weight.torch.reshape(-1)).mean()
    assert loss(logits, target).item() == pytest.approx(manual.item(), rel = 1e-6)
    xc, yc = classification()
    clf = (mlp >> setup(loss = nn_mixup_loss(nn_cross_entropy_loss()), optimizer = optim_adam)
           >> set_hparams(d_in = 4, d_out = 3) >> set_opt_hparams(lr = 0.05))
    fitted = clf >> fit(loader(xc, yc), epochs = 4, valid_data = loader(xc, yc), verbose = False,
                        callbacks = [luz_callback_mixup()])
    valid = [v.loss for v in fitted.records.metrics.valid]
    assert valid[-1] < valid[0]
    auto = (mlp >> setup(loss = nn_cross_entropy_loss(reduction = "none"), optimizer = optim_adam)
            >> set_hparams(d_in = 4, d_out = 3))
    fitted = auto >> fit(loader(xc, yc), epochs = 2, valid_data = loader(xc, yc), verbose = False,
                         callbacks = [luz_callback_mixup(auto_loss = True)])
    assert math.isfinite(fitted.records.metrics.valid[1].loss)


def test_profile_records_times_and_train_valid_sets_modes():
    modes = []
    spy = luz_callback("mode", on_train_batch_end = lambda self: modes.append(ctx.model.training),
                       on_valid_batch_end = lambda self: modes.append(ctx.model.training))
    x, y = regression(n = 32)
    fitted = run([spy()], epochs = 2, data = loader(x, y), valid = loader(x, y))
    defaults = [luz_callback_profile, luz_callback_train_valid]
    assert all(any(isinstance(cb, k) for cb in fitted_callbacks(x, y)) for k in defaults)
    profile = fitted.records.profile
    assert len(profile.fit) == 1 and len(profile.epoch) == len(profile.train) == len(profile.valid) == 2
    assert all(isinstance(t, float) and t >= 0 for t in profile.epoch)
    assert modes == [True, True, False, False] * 2


def fitted_callbacks(x, y):
    """The callbacks a fit runs with (the defaults come first)."""
    seen = []
    run([luz_callback("who", on_fit_begin = lambda self: seen.extend(ctx.callbacks))()], epochs = 1,
        data = loader(x, y))
    return seen


def test_metric_failures_name_the_metric():
    def bad(self, preds, target):
        raise ValueError("error in metric!")
    hello = luz_metric("hello", abbrev = "h", update = bad, compute = lambda self: 1)
    with pytest.raises(LuzCallbackError, match = "at on_train_batch_end") as err:
        run([], epochs = 1, mod = linear_model(metrics = [hello()]))
    text = str(err.value)
    assert 'abbrev "h" and class <hello>' in text and "iter 1 of epoch 1" in text
    assert "error in metric!" in text


def test_progress_bar_is_drawn_when_forced_and_cleared(monkeypatch):
    monkeypatch.setitem(OPTIONS, "force_progress_bar", True)
    monkeypatch.setitem(OPTIONS, "show_progress_bar_eta", False)
    monkeypatch.setitem(OPTIONS, "width", 60)
    with captured() as out:
        run([], epochs = 1, verbose = True)
    text = out.getvalue()
    assert "\r1/4 [" + "=" * 8 + ">-" in text and "4/4 [" + "=" * 30 in text
    assert " - Loss: " in text
    frames = [f for f in text.split("\r") if f.startswith("2/4")]
    assert frames and len(frames[0]) == 59
    assert "\r" + " " * 59 + "\r" in text and text.endswith("Train metrics: Loss: " +
                                                            text.rsplit("Loss: ", 1)[1])
    monkeypatch.setitem(OPTIONS, "force_progress_bar", False)
    with captured() as out:
        run([], epochs = 1, verbose = True)
    assert "\r" not in out.getvalue()
    assert any(isinstance(cb, luz_callback_progress) for cb in fitted_callbacks(*regression()))


def test_tfevents_writes_scalars_and_histograms(tmp_path):
    x, y = regression()
    fitted = run([luz_callback_tfevents(str(tmp_path), histograms = True)], epochs = 2,
                 valid = loader(x, y))
    events = collect_events(str(tmp_path))
    scalars = {(e["run"], e["tag"], e["step"]): e["value"] for e in events if e["run"] != "weights"}
    assert scalars[("train", "loss", 2)] == pytest.approx(fitted.records.metrics.train[1].loss,
                                                          rel = 1e-6)
    assert scalars[("valid", "loss", 1)] == pytest.approx(fitted.records.metrics.valid[0].loss,
                                                          rel = 1e-6)
    hist = [e for e in events if e["run"] == "weights"]
    assert {e["tag"] for e in hist} == {"fc.weight", "fc.bias"} and len(hist) == 4
    assert {e["value"] for e in hist if e["tag"] == "fc.weight"} == {4.0}


def test_progress_bar_updates_in_place_in_jupyter(monkeypatch):
    import sys
    import types
    updates = []

    class Handle:
        def update(self, obj):
            updates.append(repr(obj))

    def display(obj, display_id = False):
        updates.append(repr(obj))
        return Handle()

    kernel = types.SimpleNamespace(kernel = object(), execution_count = 1)
    ipython = types.ModuleType("IPython")
    ipython.get_ipython = lambda: kernel
    shown = types.ModuleType("IPython.display")
    shown.display = display
    monkeypatch.delenv("RTORCH_INTERACTIVE", raising = False)
    monkeypatch.setitem(sys.modules, "IPython", ipython)
    monkeypatch.setitem(sys.modules, "IPython.display", shown)
    monkeypatch.setattr("rtorch.luz.progress.SHOW_AFTER", 0.0)
    monkeypatch.setattr("rtorch.luz.progress.REDRAW_EVERY", 0.0)
    with captured() as out:
        run([], epochs = 1, verbose = None)                  # verbose by default in Jupyter
    assert out.getvalue().startswith("Epoch 1/1\n")
    assert updates[0].startswith("1/4 [") and updates[-2].startswith("4/4 [")
    assert updates[-1].startswith("Train metrics: Loss: ")   # the report takes the bar's place


def test_python_class_forms_of_callbacks_and_metrics():
    from rtorch.luz import LuzCallback, LuzMetric

    class Count(LuzCallback):
        def initialize(self):
            self.n = 0

        def on_train_batch_end(self):
            self.n += 1

    class Seen(LuzMetric):
        abbrev = "Seen"

        def initialize(self):
            self.n = 0

        def update(self, preds, target):
            self.n += target.numel()

        def compute(self):
            return float(self.n)

    cb = Count()
    fitted = run([cb], epochs = 2, mod = linear_model(metrics = [Seen()]))
    assert cb.n == 8 and fitted.records.metrics.train[1].seen == 64.0


def test_ctx_outside_a_run_answers_help_and_says_why_it_is_empty():
    import pydoc
    from rtorch.luz import ctx
    assert "R's free variable ``ctx``" in pydoc.render_doc(ctx)
    with pytest.raises(LuzError, match="only available while luz runs"):
        ctx.model
