"""luz's callbacks and metrics, ``optim_*``, ``lr_*`` and ``nn_init_*`` bind by R's formals:
positional arguments in R's order, R's names (``lambda_`` for R's ``lambda``), R's ``...``,
and R's errors. Values are checked against the objects' fields and against plain PyTorch."""
from __future__ import annotations

import copy
import inspect

import pytest
import torch

from rtorch import *  # noqa: F403
from rtorch.formals import BindError
from rtorch.luz import *  # noqa: F403


def _params(seed: int = 0) -> list[torch.nn.Parameter]:
    torch.manual_seed(seed)
    return list(torch.nn.Linear(3, 2).parameters())


def _options(opt: torch.optim.Optimizer) -> list[dict]:
    """The parameter groups without their tensors (what the optimizer was built with)."""
    return [{k: v for k, v in g.items() if k != "params"} for g in opt.param_groups]


# -- luz callbacks ----------------------------------------------------------------------------

def test_early_stopping_binds_positionally_in_r_order():
    cb = luz_callback_early_stopping("valid_loss", 0.01, 3)
    assert (cb.monitor, cb.min_delta, cb.patience, cb.mode) == ("valid_loss", 0.01, 3, "min")
    cb = luz_callback_early_stopping("train_acc", 0, 2, "max", 0.5)
    assert (cb.monitor, cb.patience, cb.mode, cb.baseline, cb.current_best) == \
        ("train_acc", 2, "max", 0.5, 0.5)
    cb = luz_callback_early_stopping(0.5, 4, monitor = "train_loss")   # R: named first, then
    assert (cb.monitor, cb.min_delta, cb.patience) == ("train_loss", 0.5, 4)   # positional fill
                                                                               # the rest
    assert str(inspect.signature(luz_callback_early_stopping)) == \
        "(monitor='valid_loss', min_delta=0, patience=0, mode='min', baseline=None)"


def test_other_callbacks_bind_positionally(tmp_path):
    cb = luz_callback_model_checkpoint(str(tmp_path / "m.pt"), "train_loss", True, "max", 0.1)
    assert (cb.monitor, cb.save_best_only, cb.mode, cb.min_delta) == \
        ("train_loss", True, "max", 0.1)
    cb = luz_callback_keep_best_model("train_loss", "max", 0.2)
    assert (cb.monitor, cb.mode, cb.min_delta, cb.save_best_only) == \
        ("train_loss", "max", 0.2, True)
    cb = luz_callback_gradient_clip(0.5, 1)
    assert (cb.max_norm, cb.norm_type) == (0.5, 1.0)
    cb = luz_callback_csv_logger(str(tmp_path / "log.csv"))
    assert cb.path == str(tmp_path / "log.csv")
    cb = luz_callback_tfevents(str(tmp_path / "logs"), True)
    assert (cb.logdir, cb.histograms) == (str(tmp_path / "logs"), True)
    cb = luz_callback_mixup(0.2, run_valid = True)
    assert (cb.alpha, cb.run_valid, cb.auto_loss) == (0.2, True, False)
    cb = luz_callback_auto_resume(str(tmp_path / "state.pt"))
    assert cb.path == str(tmp_path / "state.pt")


def test_lr_scheduler_callback_passes_dots_to_the_scheduler():
    # R: luz_callback_lr_scheduler(lr_step, 2, 0.5): 2 and 0.5 go to `...`, then lr_step
    cb = luz_callback_lr_scheduler(lr_step, 2, 0.5, call_on = "on_batch_end")
    opt = optim_sgd(_params(), lr = 0.1)
    sched = cb.lr_scheduler_fn(opt)
    ref = torch.optim.lr_scheduler.StepLR(torch.optim.SGD(_params(), lr = 0.1), 2, 0.5)
    assert (sched.step_size, sched.gamma) == (ref.step_size, ref.gamma) == (2, 0.5)
    assert cb.on_batch_end == cb._step and cb.opt_name is None
    cb = luz_callback_lr_scheduler(lr_reduce_on_plateau, factor = 0.5, patience = 2)
    sched = cb.lr_scheduler_fn(optim_adam(_params()))
    assert (sched.factor, sched.patience, sched.mode) == (0.5, 2, "min")


def test_callback_errors_are_r_errors():
    with pytest.raises(BindError, match = r"^unused argument \(patiense = 3\)$"):
        luz_callback_early_stopping(patiense = 3)
    with pytest.raises(BindError, match = r"^unused argument \(7\)$"):
        luz_callback_early_stopping("valid_loss", 0, 3, "min", None, 7)
    with pytest.raises(BindError, match = r"^unused argument \(1\)$"):
        luz_callback_gradient_clip(1, 2, 1)
    with pytest.raises(BindError, match = r'^argument "path" is missing, with no default$'):
        luz_callback_csv_logger()


def test_subclass_inherits_r_binding():
    # luz_callback(inherit = ...) without its own initialize takes the parent's formals
    my_stop = luz_callback("my_stop", inherit = luz_callback_early_stopping)
    cb = my_stop("train_loss", 0.5, 7)
    assert (cb.monitor, cb.min_delta, cb.patience) == ("train_loss", 0.5, 7)
    with pytest.raises(BindError, match = "unused argument"):
        my_stop(foo = 1)


# -- luz metrics ------------------------------------------------------------------------------

def test_metrics_bind_positionally_and_fail_at_the_call():
    m = luz_metric_binary_accuracy(0.3).new()
    assert m.threshold == 0.3
    m = luz_metric_multiclass_auroc(10, None, True, "macro").new()
    assert (m.num_thresholds, m.from_logits, m.average) == (10, True, "macro")
    m = luz_metric_binary_auroc(5).new()
    assert m.num_thresholds == 5 and m.thresholds.shape[0] == 5
    with pytest.raises(BindError, match = r"^unused argument \(2\)$"):
        luz_metric_binary_accuracy(0.3, 2)               # R's error at the call, not at new()
    with pytest.raises(BindError, match = r"^unused argument \(treshold = 0.3\)$"):
        luz_metric_binary_accuracy(treshold = 0.3)
    with pytest.raises(BindError, match = r"^unused argument \(1\)$"):
        luz_metric_accuracy(1)


def test_binary_accuracy_threshold_given_positionally_computes_r_value():
    m = luz_metric_binary_accuracy(0.7).new()
    m.update(torch_tensor(c(0.6, 0.8, 0.2, 0.9)), torch_tensor(c(1, 1, 0, 0)))
    # 0.6 < 0.7 counts as 0 (wrong), 0.8 right, 0.2 right, 0.9 wrong: 2 of 4
    assert m.compute() == 0.5


# -- optimizers -------------------------------------------------------------------------------

def test_adam_positional_betas_as_plain_pytorch():
    opt = optim_adam(_params(), 0.01, c(0.9, 0.99))
    ref = torch.optim.Adam(_params(), lr = 0.01, betas = (0.9, 0.99))
    assert _options(opt) == _options(ref)
    opt = optim_adam(_params(), 0.01, c(0.8, 0.9), 1e-6, 0.1, True)
    ref = torch.optim.Adam(_params(), 0.01, (0.8, 0.9), 1e-6, 0.1, True)
    assert _options(opt) == _options(ref)


def test_sgd_positional_order_is_r():
    # optim_sgd(params, lr, momentum, dampening, weight_decay, nesterov)
    opt = optim_sgd(_params(), 0.1, 0.9, 0, 0.01, True)
    ref = torch.optim.SGD(_params(), lr = 0.1, momentum = 0.9, dampening = 0,
                          weight_decay = 0.01, nesterov = True)
    assert _options(opt) == _options(ref)
    opt = optim_sgd(_params(), 0.5, lr = 0.2)        # named first, then params, momentum
    assert (opt.param_groups[0]["lr"], opt.param_groups[0]["momentum"]) == (0.2, 0.5)


def test_sgd_positional_trains_as_pytorch():
    m1 = torch.nn.Linear(3, 1)
    m2 = copy.deepcopy(m1)
    x, y = torch.randn(8, 3), torch.randn(8, 1)
    o1 = optim_sgd(m1.parameters(), 0.05, 0.9, 0, 0, True)
    o2 = torch.optim.SGD(m2.parameters(), lr = 0.05, momentum = 0.9, nesterov = True)
    for _ in range(5):
        for m, o in ((m1, o1), (m2, o2)):
            o.zero_grad()
            torch.nn.functional.mse_loss(m(x), y).backward()
            o.step()
    for a, b in zip(m1.parameters(), m2.parameters()):
        assert torch.equal(a, b)


def test_asgd_lambda_spellings():
    ref = _options(torch.optim.ASGD(_params(), lr = 0.01, lambd = 1e-3))
    assert _options(optim_asgd(_params(), lr = 0.01, lambda_ = 1e-3)) == ref   # PORTING §7
    assert _options(optim_asgd(_params(), 0.01, 1e-3)) == ref                  # positional
    assert _options(optim_asgd(_params(), lr = 0.01, **{"lambda": 1e-3})) == ref  # R's own name
    assert _options(optim_asgd(_params(), lr = 0.01, lambd = 1e-3)) == ref     # PyTorch's
    assert list(inspect.signature(optim_asgd).parameters)[:3] == ["params", "lr", "lambda_"]
    with pytest.raises(BindError, match = r'^formal argument "lambda_" matched by multiple '
                                          r"actual arguments$"):
        optim_asgd(_params(), lambda_ = 1e-3, lambd = 1e-4)


def test_pytorch_additions_by_name_only():
    opt = optim_adam(_params(), 0.01, foreach = False, maximize = True)
    assert opt.param_groups[0]["foreach"] is False and opt.param_groups[0]["maximize"] is True
    sig = inspect.signature(optim_sgd)
    assert sig.parameters["maximize"].kind is inspect.Parameter.KEYWORD_ONLY
    assert str(sig).startswith("(params, lr=optim_required(), momentum=0, dampening=0, "
                               "weight_decay=0, nesterov=False, *, ")


def test_optimizer_errors_are_r_errors():
    with pytest.raises(BindError, match = r"^unused argument \(momentun = 0.9\)$"):
        optim_sgd(_params(), lr = 0.1, momentun = 0.9)
    with pytest.raises(BindError, match = r"^unused argument \(3\)$"):
        optim_sgd(_params(), 0.1, 0.9, 0, 0, True, 3)
    with pytest.raises(BindError, match = r'^argument "params" is missing, with no default$'):
        optim_adam(lr = 0.1)
    with pytest.raises(ValueError, match = "^Need to specify a learning rate$"):
        optim_sgd(_params())


# -- schedulers -------------------------------------------------------------------------------

def _lrs(sched, opt, n: int = 6) -> list[float]:
    out = []
    for _ in range(n):
        opt.step()
        sched.step()
        out.append(opt.param_groups[0]["lr"])
    return out


def test_schedulers_bind_positionally_as_pytorch():
    opt = optim_sgd(_params(), 0.1)
    ref_opt = torch.optim.SGD(_params(), lr = 0.1)
    got = _lrs(lr_step(opt, 2, 0.5), opt)
    want = _lrs(torch.optim.lr_scheduler.StepLR(ref_opt, 2, 0.5), ref_opt)
    assert got == want == pytest.approx([0.1, 0.05, 0.05, 0.025, 0.025, 0.0125])
    opt = optim_sgd(_params(), 0.1, 0.9)
    ref_opt = torch.optim.SGD(_params(), lr = 0.1, momentum = 0.9)
    # lr_one_cycle(optimizer, max_lr, total_steps, epochs, steps_per_epoch, pct_start, ...)
    got = _lrs(lr_one_cycle(opt, 1, 10, None, None, 0.5, "linear"), opt, 9)
    want = _lrs(torch.optim.lr_scheduler.OneCycleLR(ref_opt, 1, 10, pct_start = 0.5,
                                                    anneal_strategy = "linear"), ref_opt, 9)
    assert got == pytest.approx(want)
    s = lr_reduce_on_plateau(optim_adam(_params()), "max", 0.5, 2)
    assert (s.mode, s.factor, s.patience) == ("max", 0.5, 2)
    s = lr_cosine_annealing(optim_adam(_params()), 10, 0.001)
    assert (s.T_max, s.eta_min) == (10, 0.001)


def test_scheduler_errors_are_r_errors():
    opt = optim_sgd(_params(), 0.1)
    with pytest.raises(BindError, match = r'^argument "step_size" is missing, with no default$'):
        lr_step(opt)
    with pytest.raises(BindError, match = r"^unused argument \(gama = 0.5\)$"):
        lr_step(opt, 2, gama = 0.5)
    with pytest.raises(BindError, match = r"^unused argument \(True\)$"):
        lr_step(opt, 2, 0.5, -1, True)               # lr_step has no `verbose` in R


# -- nn_init ----------------------------------------------------------------------------------

def test_nn_init_binds_by_r_formals():
    w = torch_empty(200, 10)
    nn_init_normal_(w, 5, 0)                          # mean = 5, std = 0: every value is 5
    assert torch.equal(w.torch, torch.full((200, 10), 5.0))
    nn_init_uniform_(w, 2, 3)
    assert 2 <= w.min().item() and w.max().item() <= 3
    nn_init_trunc_normal_(w, 0, 1, -0.5, 0.5)
    assert -0.5 <= w.min().item() and w.max().item() <= 0.5
    nn_init_constant_(w, 3)
    assert w.sum().item() == 6000
    assert nn_init_calculate_gain("leaky_relu", 0.2) == \
        torch.nn.init.calculate_gain("leaky_relu", 0.2)
    with pytest.raises(BindError, match = r"^unused argument \(sd = 2\)$"):
        nn_init_normal_(w, 0, sd = 2)
    with pytest.raises(BindError, match = r"^unused argument \(3\)$"):
        nn_init_normal_(w, 1, 2, 3)
