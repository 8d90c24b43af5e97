"""Optimizers read and print as R torch's: parameter groups as R's named lists (their
``params`` R's list of tensors, named as given), ``state_dict()`` as R's nested named list
numbered from 1, and R6's print of the optimizer. Expected texts are R's recorded output
(tests/data/port/scripts/course-optimizer.out, blog-torch-optim.out) or what R torch's source
makes R6 print; values are checked against plain PyTorch."""
from __future__ import annotations

import copy

import pytest
import torch

from rtorch import (lr_step, nn_linear, optim_adam, optim_adamw, optim_asgd, optim_ignite_adam,
                    optim_lbfgs, optim_sgd, optimizer, torch_load, torch_save,
                    torch_tensor)
from rtorch.optim import ParamGroup, ParamList
from rtorch.optim_print import r_function_line
from rtorch.tensor import Tensor, wrap


def _linear(w: float = 0.5, b: float = -0.25) -> object:
    m = nn_linear(1, 1)
    with torch.no_grad():
        m.weight.torch.fill_(w)
        m.bias.torch.fill_(b)
    return m


def _grads(m, x: float = 2.0, y: float = 3.0) -> None:
    """One squared-error loss's gradients on the plain PyTorch parameters of ``m``."""
    w, b = (p.torch if hasattr(p, "torch") else p for p in m.parameters.values())
    loss = ((w * x + b - y) ** 2).sum()
    loss.backward()


# -- param_groups ------------------------------------------------------------------------------

def test_param_group_prints_r_named_list_after_a_scheduler():
    """course-optimizer: state_dict$param_groups[[1L]] after lr_step's two steps (R's lines;
    PyTorch's own options, foreach and the like, are kept but not printed)."""
    m = _linear()
    opt = optim_adamw(m.parameters, lr=0.2)
    sched = lr_step(opt, step_size=2, gamma=0.1)
    sched.step()
    sched.step()
    assert opt.param_groups[0]["lr"] == pytest.approx(0.02)
    group = opt.state_dict()["param_groups"][0]
    assert repr(group) == (
        "$params\n[1] 1 2\n\n$lr\n[1] 0.02\n\n$betas\n[1] 0.900 0.999\n\n$eps\n[1] 1e-08\n\n"
        "$weight_decay\n[1] 0.01\n\n$amsgrad\n[1] FALSE\n\n$initial_lr\n[1] 0.2\n")
    assert "foreach" in group and "maximize" in opt.param_groups[0]     # PyTorch's, unshown


def test_param_group_params_print_as_r_list_of_tensors_with_their_names():
    """blog-torch-optim: optimizer$param_groups[[1]]$params is model$parameters' named list."""
    m = _linear()
    opt = optim_adam(m.parameters, lr=0.01)
    params = opt.param_groups[0]["params"]
    assert type(params) is ParamList and params.names == ["weight", "bias"]
    lines = repr(params).splitlines()
    assert lines[:4] == ["$weight", "torch_tensor", " 0.5000",
                         "[ CPUFloatType{1,1} ][ requires_grad = TRUE ]"]
    assert lines[5:9] == ["$bias", "torch_tensor", "-0.2500",
                          "[ CPUFloatType{1} ][ requires_grad = TRUE ]"]
    # PyTorch's own update rules still see PyTorch's tensors
    assert all(type(p) is torch.nn.Parameter for p in params)
    assert params[0] is m.weight.torch
    # R's group$params: rtorch tensors, named
    assert [type(p) for p in opt.param_groups[0].params] == [Tensor, Tensor]
    assert list(opt.param_groups[0].params.keys()) == ["weight", "bias"]


def test_unnamed_params_print_as_r_positional_list():
    x = torch_tensor(1.0, requires_grad=True)
    opt = optim_sgd(x, lr=0.1)
    assert repr(opt.param_groups[0]["params"]) == f"[[1]]\n{wrap(x.torch)!r}\n"
    o2 = optim_adamw([dict(params=torch_tensor(1), lr=1), dict(params=torch_tensor(2), lr=2)])
    assert [g["lr"] for g in o2.param_groups] == [1, 2]          # course-optimizer's [1] 1, [1] 2
    assert repr(o2.param_groups[1]).startswith("$params\n$params[[1]]\ntorch_tensor\n 2\n")


def test_asgd_prints_r_name_lambda():
    group = optim_asgd(_linear().parameters).param_groups[0]
    assert "$lambda\n[1] 1e-04\n" in repr(group) and "lambd" in group


# -- state_dict ----------------------------------------------------------------------------------

def _adamw_after_one_step():
    m = _linear()
    opt = optim_adamw(m.parameters, lr=0.2)
    _grads(m)
    opt.step()
    plain_m = torch.nn.Linear(1, 1)
    with torch.no_grad():
        plain_m.weight.fill_(0.5)
        plain_m.bias.fill_(-0.25)
    plain = torch.optim.AdamW(plain_m.parameters(), lr=0.2)
    ((plain_m.weight * 2.0 + plain_m.bias - 3.0) ** 2).sum().backward()
    plain.step()
    return m, opt, plain_m, plain


def test_state_dict_is_r_named_list_numbered_from_1():
    m, opt, plain_m, plain = _adamw_after_one_step()
    sd = opt.state_dict()
    assert list(sd.keys()) == ["param_groups", "state"]
    assert list(sd["state"].keys()) == [1, 2]
    assert sd["param_groups"][0]["params"] == (1, 2)
    theirs = plain.state_dict()
    for i, k in ((1, 0), (2, 1)):
        for name in ("step", "exp_avg", "exp_avg_sq"):
            assert torch.equal(sd["state"][i][name].torch, theirs["state"][k][name])
    # R's names read too: state_dict$state$`1`$exp_avg, an rtorch tensor
    assert type(sd["state"]["1"]["exp_avg"]) is Tensor
    assert torch.equal(sd["state"]["2"]["exp_avg"].torch, theirs["state"][1]["exp_avg"])


def test_state_prints_as_r():
    """course-optimizer: state_dict$state, labelled $`1`, $`1`$step ... (R's lines)."""
    _, opt, _, _ = _adamw_after_one_step()
    state = opt.state_dict()["state"]
    text = repr(state)
    lines = text.splitlines()
    assert lines[:4] == ["$`1`", "$`1`$step", "torch_tensor", "1"]
    assert lines[4] == "[ CPUFloatType{} ]"
    st = state[1]
    expected = ("$`1`\n"
                f"$`1`$step\n{st['step']!r}\n\n"
                f"$`1`$exp_avg\n{st['exp_avg']!r}\n\n"
                f"$`1`$exp_avg_sq\n{st['exp_avg_sq']!r}\n\n\n"
                "$`2`\n")
    assert text.startswith(expected)
    for label in ("$`2`$step", "$`2`$exp_avg", "$`2`$exp_avg_sq"):
        assert label in lines
    assert repr(optim_adam(_linear().parameters).state_dict()["state"]) == "named list()"


def test_state_dict_loads_both_ways_with_pytorch():
    m, opt, plain_m, plain = _adamw_after_one_step()
    # R's state dict into a plain PyTorch optimizer: its numbers pair states with parameters
    fresh = torch.optim.AdamW(plain_m.parameters(), lr=0.5)
    fresh.load_state_dict(opt.state_dict())
    assert fresh.param_groups[0]["lr"] == 0.2
    w = plain_m.weight
    assert torch.equal(fresh.state[w]["exp_avg"], plain.state[w]["exp_avg"])
    # PyTorch's state dict (numbered from 0) into an rtorch optimizer
    opt2 = optim_adamw(m.parameters, lr=0.9)
    assert opt2.load_state_dict(plain.state_dict()) is None
    assert opt2.param_groups[0]["lr"] == 0.2
    ours, theirs = opt2.state[m.bias.torch], plain.state[plain_m.bias]
    assert torch.equal(ours["exp_avg_sq"], theirs["exp_avg_sq"])
    # R's load keeps copies (.refer_to_state_dict = FALSE): stepping one leaves the other
    assert ours["exp_avg"] is not theirs["exp_avg"]
    # the same step afterwards as PyTorch's
    _grads(m)
    opt2.step()
    ((plain_m.weight * 2.0 + plain_m.bias - 3.0) ** 2).sum().backward()
    plain.step()
    assert torch.allclose(m.weight.torch, plain_m.weight)


def test_torch_save_load_round_trip_of_r_state_dict(tmp_path):
    m, opt, _, _ = _adamw_after_one_step()
    path = str(tmp_path / "opt.pth")
    torch_save(opt.state_dict(), path)
    loaded = torch_load(path)
    opt2 = optim_adamw(m.parameters, lr=0.2)
    opt2.load_state_dict(loaded)
    a, b = opt.state_dict(), opt2.state_dict()
    assert list(b["state"].keys()) == [1, 2]
    for i in (1, 2):
        assert torch.equal(a["state"][i]["exp_avg"].torch, b["state"][i]["exp_avg"].torch)


def test_ignite_state_check_counts_from_1():
    m = _linear()
    opt = optim_ignite_adam(m.parameters)
    _grads(m)
    opt.step()
    sd = opt.state_dict()
    del sd["state"]["1"]
    msg = r"^To-be loaded state dict is missing states for parameters 1\.$"
    with pytest.raises(ValueError, match=msg):
        opt.load_state_dict(sd)


# -- R6's print ------------------------------------------------------------------------------------

ADAM_R6 = """<optim_adam>
  Inherits from: <torch_optimizer>
  Public:
    add_param_group: function (param_group) 
    clone: function (deep = FALSE) 
    defaults: list
    initialize: function (params, lr = 0.001, betas = c(0.9, 0.999), eps = 1e-08, 
    load_state_dict: function (state_dict, ..., .refer_to_state_dict = FALSE) 
    param_groups: list
    state: State, R6
    state_dict: function () 
    step: function (closure = NULL) 
    zero_grad: function (set_to_none = FALSE) 
  Private:
    deep_clone: function (name, value) 
    step_helper: function (closure, loop_fun) """


def test_optimizer_prints_r6():
    """R6's default print of optim_adam (R torch's R/optim.R, R/optim-adam.R; the 2020 post
    recorded the same first line, initialize's line and the members it had then)."""
    assert repr(optim_adam(_linear().parameters, lr=0.01)) == ADAM_R6
    text = repr(optim_adamw(_linear().parameters))
    assert "    loop_fun: function (group, param, g, p) " in text.splitlines()
    assert "    step: function (closure) " in repr(optim_lbfgs(_linear().parameters)).splitlines()


def test_custom_optimizer_prints_its_own_methods():
    def init(self, params, learning_rate):
        self.super.initialize(params, dict(learning_rate=learning_rate))

    def step(self):
        pass

    optim_sgd2 = optimizer("optim_sgd2", initialize=init, step=step)
    text = repr(optim_sgd2(torch_tensor(1.0, requires_grad=True), learning_rate=0.1)).splitlines()
    assert text[:3] == ["<optim_sgd2>", "  Inherits from: <torch_optimizer>", "  Public:"]
    assert "    initialize: function (params, learning_rate) " in text
    assert "    step: function () " in text


def test_deparse_breaks_lines_as_r():
    """R's deparse(args(f)) breaks after the argument whose comma passes 60 characters."""
    assert r_function_line([("a", 1), ("b", None)]) == "function (a = 1, b = NULL) "
    assert r_function_line([("params", inspect_empty()), ("lr", 1), ("max_iter", 20),
                            ("max_eval", None), ("tolerance_grad", 1e-7), ("x", 1)]) == \
        "function (params, lr = 1, max_iter = 20, max_eval = NULL, tolerance_grad = 1e-07, "


def inspect_empty():
    import inspect
    return inspect.Parameter.empty


# -- PyTorch still sees PyTorch's objects ----------------------------------------------------------

def test_steps_match_pytorch_and_copies_work():
    m = _linear()
    opt = optim_adam(m.parameters, lr=0.1)
    plain_m = torch.nn.Linear(1, 1)
    with torch.no_grad():
        plain_m.weight.fill_(0.5)
        plain_m.bias.fill_(-0.25)
    plain = torch.optim.Adam(plain_m.parameters(), lr=0.1)
    for _ in range(3):
        opt.zero_grad()
        _grads(m)
        opt.step()
        plain.zero_grad()
        ((plain_m.weight * 2.0 + plain_m.bias - 3.0) ** 2).sum().backward()
        plain.step()
    assert torch.equal(m.weight.torch, plain_m.weight) and torch.equal(m.bias.torch, plain_m.bias)
    clone = copy.deepcopy(opt)
    assert type(clone.param_groups[0]) is ParamGroup
    assert clone.param_groups[0]["params"].names == ["weight", "bias"]
    sched = torch.optim.lr_scheduler.StepLR(opt, step_size=1, gamma=0.5)   # PyTorch's scheduler
    sched.step()
    assert opt.param_groups[0]["lr"] == pytest.approx(0.05)


def test_param_groups_print_as_r_list_of_groups():
    """print(opt$param_groups): R's list, each group labelled [[1]]$params, [[1]]$lr ..."""
    x = torch_tensor(1.0, requires_grad=True)
    opt = optim_sgd(x, lr=0.1)
    assert isinstance(opt.param_groups, list)                 # PyTorch's list still
    lines = repr(opt.param_groups).splitlines()
    assert lines[:2] == ["[[1]]", "[[1]]$params"]
    assert lines[2] == "[[1]]$params[[1]]"
    assert "[[1]]$lr" in lines and "[[1]]$nesterov" in lines and "[[1]]$maximize" not in lines
    opt.add_param_group(dict(params=torch_tensor(2.0, requires_grad=True), lr=0.5))
    assert "[[2]]$lr" in repr(opt.param_groups).splitlines()
    assert repr(copy.deepcopy(opt).param_groups) == repr(opt.param_groups)
