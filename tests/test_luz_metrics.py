"""luz's metrics against hand computations, inside and outside ``fit()``; custom metrics; no
device-to-host sync per batch."""
from __future__ import annotations

import math

import numpy as np
import pytest
import torch

from rtorch import *  # noqa: F403
from rtorch.luz import *  # noqa: F403
from rtorch.luz.metrics import LuzMetricSet, luz_metric_loss_average
from test_luz_support import classification, linear, loader, mlp, regression


def batches(preds, targets, size = 4):
    n = preds.shape[0]
    return [(preds[i:i + size], targets[i:i + size]) for i in range(0, n, size)]


def computed(generator, preds, targets, size = 4):
    m = generator.new()
    for p, t in batches(preds, targets, size):
        m.update(torch_tensor(p), torch_tensor(t))
    return m.compute()


def test_accuracy_metrics_match_hand_computations():
    torch.manual_seed(0)
    logits = torch.randn(30, 4)
    target = torch.randint(1, 5, (30,))
    hand = ((logits.argmax(1) + 1) == target).float().mean().item()
    assert computed(luz_metric_accuracy(), logits, target) == pytest.approx(hand)
    probs = torch.rand(30)
    labels = torch.randint(0, 2, (30,)).float()
    for threshold in (0.5, 0.3):
        hand = ((probs > threshold).float() == labels).float().mean().item()
        assert computed(luz_metric_binary_accuracy(threshold = threshold), probs, labels) == \
            pytest.approx(hand)
    raw = torch.randn(30)
    hand = ((torch.sigmoid(raw) > 0.5).float() == labels).float().mean().item()
    assert computed(luz_metric_binary_accuracy_with_logits(), raw, labels) == pytest.approx(hand)


def test_regression_metrics_match_hand_computations():
    torch.manual_seed(1)
    pred, target = torch.randn(25, 2), torch.randn(25, 2)
    err = (pred - target).double()
    assert computed(luz_metric_mae(), pred, target) == pytest.approx(err.abs().mean().item())
    assert computed(luz_metric_mse(), pred, target) == pytest.approx((err ** 2).mean().item())
    assert computed(luz_metric_rmse(), pred, target) == pytest.approx(
        math.sqrt((err ** 2).mean().item()))


def test_binary_auroc_matches_the_exact_auc_on_its_thresholds():
    actual = c(1, 1, 1, 0, 0, 0)
    predicted = c(0.9, 0.8, 0.4, 0.5, 0.3, 0.2)
    m = luz_metric_binary_auroc(thresholds = predicted).new()
    y_true, y_pred = torch_tensor(actual), torch_tensor(predicted)
    m.update(y_pred[1:2], y_true[1:2])
    m.update(y_pred[3:4], y_true[3:4])
    m.update(y_pred[5:6], y_true[5:6])
    assert m.compute() == pytest.approx(8 / 9)
    logits = torch.logit(torch.tensor([0.9, 0.8, 0.4, 0.5, 0.3, 0.2]))
    m = luz_metric_binary_auroc(thresholds = predicted, from_logits = True).new()
    m.update(logits, y_true)
    assert m.compute() == pytest.approx(8 / 9, rel = 1e-5)


def luz_auc_reference(preds: np.ndarray, onehot: np.ndarray, thresholds: np.ndarray) -> np.ndarray:
    """luz's interpolated AUC per column, written with numpy."""
    above = preds[:, :, None] > thresholds[None, None, :]
    hits = above == (onehot[:, :, None] == 1)
    tp = (hits & (onehot[:, :, None] == 1)).sum(0)
    tn = (hits & (onehot[:, :, None] == 0)).sum(0)
    tpr = tp / (onehot == 1).sum(0)[:, None]
    fpr = tn / (onehot == 0).sum(0)[:, None]
    mult = np.diff(fpr, axis = 1, prepend = 0)
    mult = np.concatenate([mult, np.zeros((mult.shape[0], 1))], axis = 1)
    return ((tpr * mult[:, :-1]).sum(1) + (tpr * mult[:, 1:]).sum(1)) / 2


def test_multiclass_auroc_matches_a_numpy_reference():
    rng = np.random.default_rng(3)
    probs = rng.dirichlet(np.ones(3), size = 40).astype(np.float32)
    target = rng.integers(1, 4, size = 40)
    onehot = np.eye(3)[target - 1]
    n = 50
    thresholds = np.concatenate([[-np.finfo(np.float32).eps],
                                 np.arange(2, n) / (n - 2), [1 + np.finfo(np.float32).eps]])
    per_class = luz_auc_reference(probs, onehot, thresholds.astype(np.float32))
    micro = luz_auc_reference(probs.T.reshape(-1, 1), onehot.T.reshape(-1, 1),
                              thresholds.astype(np.float32))[0]
    weights = onehot.sum(0) / onehot.sum()
    expected = {"micro": micro, "macro": per_class.mean(), "weighted": (weights * per_class).sum(),
                "none": list(per_class)}
    for average, value in expected.items():
        got = computed(luz_metric_multiclass_auroc(num_thresholds = n, average = average),
                       torch.from_numpy(probs), torch.from_numpy(target), size = 8)
        assert got == pytest.approx(value, rel = 1e-5), average
    with pytest.raises(ValueError, match = "`average` must be one of"):
        luz_metric_multiclass_auroc(average = "mean").new()


def test_accuracy_recorded_by_fit_matches_the_batches_it_saw():
    x, y = classification()
    seen = []
    spy = luz_callback("spy", on_train_batch_end = lambda self: seen.append(
        (ctx.pred.torch.clone(), ctx.target.torch.clone())))
    model = (mlp >> setup(loss = nn_cross_entropy_loss(), optimizer = optim_adam,
                          metrics = [luz_metric_accuracy()])
             >> set_hparams(d_in = 4, d_out = 3) >> set_opt_hparams(lr = 0.05))
    fitted_callbacks = []
    who = luz_callback("who", on_fit_begin = lambda self: fitted_callbacks.extend(ctx.callbacks))
    fitted = model >> fit(loader(x, y, shuffle = True), epochs = 3, verbose = False,
                          callbacks = [spy(), who()])
    last = seen[-6:]
    hand = (sum(((p.argmax(1) + 1) == t).sum().item() for p, t in last)
            / sum(t.numel() for _, t in last))
    loss = np.mean([torch.nn.functional.cross_entropy(p, t - 1).item() for p, t in last])
    record = fitted.records.metrics.train[2]
    assert record.acc == pytest.approx(hand) and record.loss == pytest.approx(loss, rel = 1e-5)
    assert fitted.records.metrics.train[2].acc > 0.8
    assert [m.cls for m in fitted.model.metrics.train] == [luz_metric_loss_average,
                                                             luz_metric_accuracy]
    assert luz_callback_metrics in map(type, fitted_callbacks)


def test_binary_metrics_recorded_by_fit_match_the_batches_they_saw():
    torch_manual_seed(4)
    x = torch_randn(96, 3)
    y = (x.torch[:, 0] + 0.5 * x.torch[:, 1] > 0).float().unsqueeze(1)
    seen = []
    spy = luz_callback("spy", on_valid_batch_end = lambda self: seen.append(
        (ctx.pred.torch.clone(), ctx.target.torch.clone())))
    logits = (linear >> setup(loss = nn_bce_with_logits_loss(), optimizer = optim_adam,
                              metrics = [luz_metric_binary_accuracy_with_logits(),
                                         luz_metric_binary_auroc(from_logits = True)])
              >> set_hparams(d_in = 3) >> set_opt_hparams(lr = 0.05))
    fitted = logits >> fit(loader(x, Tensor(y)), epochs = 3, valid_data = loader(x, Tensor(y)),
                           verbose = False, callbacks = [spy()])
    p = torch.cat([a for a, _ in seen[-6:]]).reshape(-1)
    t = torch.cat([b for _, b in seen[-6:]]).reshape(-1)
    record = fitted.records.metrics.valid[2]
    assert record.acc == pytest.approx(((torch.sigmoid(p) > 0.5).float() == t).float().mean().item())
    pos, neg = torch.sigmoid(p)[t == 1], torch.sigmoid(p)[t == 0]
    exact = (pos[:, None] > neg[None, :]).float().mean().item()
    assert record.auc == pytest.approx(exact, abs = 0.02) and record.auc > 0.9

    def sigmoid_forward(self, x):
        return torch_sigmoid(self.fc(x))
    probs = (nn_module(inherit = linear, forward = sigmoid_forward)
             >> setup(loss = nn_bce_loss(), optimizer = optim_adam,
                      metrics = [luz_metric_binary_accuracy(threshold = 0.5)])
             >> set_hparams(d_in = 3) >> set_opt_hparams(lr = 0.05))
    fitted = probs >> fit([x, Tensor(y)], epochs = 4, verbose = False)
    assert fitted.records.metrics.train[3].acc > 0.8


def test_metrics_accumulate_on_the_device_without_a_sync_per_batch(monkeypatch):
    calls = []
    item = torch.Tensor.item

    def counting_item(self):
        calls.append(1)
        return item(self)

    def item_calls(metrics):
        x, y = classification(n = 96)
        model = (mlp >> setup(loss = nn_cross_entropy_loss(), optimizer = optim_adam,
                              metrics = metrics) >> set_hparams(d_in = 4, d_out = 3))
        calls.clear()
        model >> fit(loader(x, y, batch_size = 8), epochs = 2,
                     valid_data = loader(x, y, batch_size = 8), verbose = False)
        return len(calls)

    monkeypatch.setattr(torch.Tensor, "item", counting_item)
    baseline = item_calls(None)                  # the loss, and PyTorch's own (Adam's step count)
    tracked = item_calls([luz_metric_accuracy(), luz_metric_multiclass_auroc(),
                          luz_metric_multiclass_auroc(average = "macro")])
    batches_seen = 2 * (12 + 12)
    assert tracked - baseline == 3 * 2 * 2 < batches_seen   # one per metric, set and epoch


def test_custom_metric_with_inherit_super_and_format():
    def init(self):
        self.total = torch_zeros(1)
        self.n = 0

    def update(self, preds, target):
        self.total = self.total + (preds - target).abs().sum()
        self.n = self.n + target.numel()

    def compute(self):
        return (self.total / self.n).item()

    my_mae = luz_metric("my_mae", abbrev = "MyMAE", initialize = init, update = update,
                        compute = compute)
    doubled = luz_metric("doubled", inherit = my_mae, abbrev = "Twice",
                         compute = lambda self: 2 * self.super.compute())
    pred, target = torch.randn(12, 1), torch.randn(12, 1)
    hand = (pred - target).abs().mean().item()
    assert computed(my_mae(), pred, target) == pytest.approx(hand)
    assert computed(doubled(), pred, target) == pytest.approx(2 * hand)
    assert my_mae().new().format(1.234567) == "1.2346"
    assert luz_metric_mae().new().format(dict(a = 1.0, b = 0.123456)) == "a: 1 | b: 0.1235"
    x, y = regression()
    fitted = (linear >> setup(loss = nn_mse_loss(), optimizer = optim_adam, metrics = [my_mae()])
              >> set_hparams(d_in = 4) >> fit([x, y], epochs = 1, verbose = False))
    assert set(fitted.records.metrics.train[0].keys()) == {"loss", "mymae"}


def test_metric_sets():
    s = luz_metric_set(luz_metric_mae(), train_metrics = luz_metric_rmse())
    assert isinstance(s, LuzMetricSet)
    assert [m.abbrev for m in s.train] == ["Loss", "MAE", "RMSE"]
    assert [m.abbrev for m in s.valid] == ["Loss", "MAE"]
    with pytest.raises(TypeError, match = "luz_metric_generator"):
        luz_metric_set(metrics = ["mae"])


def test_two_metrics_with_one_abbreviation_are_two_records():
    torch_manual_seed(4)
    x = torch_randn(64, 3)
    y = Tensor((x.torch[:, 0] > 0).float().unsqueeze(1))
    model = (linear >> setup(loss = nn_bce_with_logits_loss(), optimizer = optim_adam,
                             metrics = [luz_metric_binary_accuracy_with_logits(),
                                        luz_metric_binary_auroc(from_logits = True),
                                        luz_metric_binary_accuracy_with_logits(threshold = 0.9)])
             >> set_hparams(d_in = 3) >> set_opt_hparams(lr = 0.05))
    fitted = model >> fit([x, y], epochs = 1, verbose = False)
    frame = get_metrics(fitted)
    assert list(frame["metric"]) == ["loss", "acc", "auc", "acc"]
    record = fitted.records.metrics.train[0]
    assert list(record.keys()) == ["loss", "acc", "auc", "acc"]
    assert record.acc is list(record.values())[1]            # `$acc` is the first, as in R


def test_as_dataloader_of_a_bare_tensor_ignores_options():
    dl = as_dataloader(torch_randn(100, 2), batch_size = 10)
    assert length(dl).tolist() == [4]                        # luz: batch size 32
    dl = as_dataloader([torch_randn(100, 2)], batch_size = 10)
    assert length(dl).tolist() == [10]
