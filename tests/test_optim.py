"""Optimizers and learning-rate schedulers: R's arguments, defaults and messages; the numbers
are PyTorch's (each compared with plain ``torch.optim`` on the same model)."""
from __future__ import annotations

import copy
import inspect
import io
from contextlib import redirect_stderr

import pytest
import torch

import rtorch
from rtorch import (c, is_optimizer, lr_cosine_annealing, lr_lambda, lr_multiplicative,
                    lr_one_cycle, lr_reduce_on_plateau, lr_scheduler, lr_step, optim_adagrad,
                    optim_adam, optim_ignite_adam, optim_lbfgs, optim_required, optim_sgd,
                    optimizer, torch_tensor)
from rtorch.optim import OPTIMIZERS, Optimizer, ParamGroup
from rtorch.tensor import Tensor, wrap
from test_coverage import r_names

Sched = torch.optim.lr_scheduler


def _model(seed: int = 0) -> torch.nn.Module:
    torch.manual_seed(seed)
    return torch.nn.Sequential(torch.nn.Linear(3, 4), torch.nn.Tanh(), torch.nn.Linear(4, 1))


def _train(model: torch.nn.Module, opt, steps: int = 5) -> list[torch.Tensor]:
    torch.manual_seed(1)
    x, y = torch.randn(16, 3), torch.randn(16, 1)
    for _ in range(steps):
        def closure():
            opt.zero_grad()
            loss = ((model(x) - y) ** 2).mean()
            loss.backward()
            return loss
        opt.step(closure)
    return [p.detach().clone() for p in model.parameters()]


def _same_training(r_opt, torch_opt, r_kwargs: dict, torch_kwargs: dict) -> None:
    m1 = _model()
    m2 = copy.deepcopy(m1)
    start = [p.detach().clone() for p in m1.parameters()]
    r = _train(m1, r_opt([wrap(p) for p in m1.parameters()], **r_kwargs))
    t = _train(m2, torch_opt(m2.parameters(), **torch_kwargs))
    for a, b in zip(r, t):
        assert torch.equal(a, b)
    assert not torch.equal(r[0], start[0])


# R's defaults, written out from R torch's sources (independent of the table under test)
R_DEFAULTS = {
    "optim_sgd": dict(lr=0.1, momentum=0, dampening=0, weight_decay=0, nesterov=False),
    "optim_adam": dict(lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0, amsgrad=False),
    "optim_adamw": dict(lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=1e-2, amsgrad=False),
    "optim_rmsprop": dict(lr=1e-2, alpha=0.99, eps=1e-8, weight_decay=0, momentum=0, centered=False),
    "optim_adagrad": dict(lr=1e-2, lr_decay=0, weight_decay=0, initial_accumulator_value=0, eps=1e-10),
    "optim_adadelta": dict(lr=1.0, rho=0.9, eps=1e-6, weight_decay=0),
    "optim_asgd": dict(lr=1e-2, lambd=1e-4, alpha=0.75, t0=1e6, weight_decay=0),
    "optim_lbfgs": dict(lr=1, max_iter=20, max_eval=None, tolerance_grad=1e-7, tolerance_change=1e-9,
                        history_size=100, line_search_fn=None),
    "optim_rprop": dict(lr=1e-2, etas=(0.5, 1.2), step_sizes=(1e-6, 50)),
}
R_DEFAULTS.update({f"optim_ignite_{n}": R_DEFAULTS[f"optim_{n}"]
                   for n in ("sgd", "adam", "adamw", "rmsprop", "adagrad")})

# non-default settings, R's way -> PyTorch's way
SETTINGS = {
    "optim_sgd": (dict(lr=0.05, momentum=0.9, nesterov=True, weight_decay=0.01),
                  dict(lr=0.05, momentum=0.9, nesterov=True, weight_decay=0.01)),
    "optim_adam": (dict(lr=0.01, betas=c(0.8, 0.99), amsgrad=True, weight_decay=0.1),
                   dict(lr=0.01, betas=(0.8, 0.99), amsgrad=True, weight_decay=0.1)),
    "optim_adamw": (dict(lr=0.01, betas=c(0.85, 0.995), weight_decay=0.05),
                    dict(lr=0.01, betas=(0.85, 0.995), weight_decay=0.05)),
    "optim_rmsprop": (dict(lr=0.005, momentum=0.5, centered=True), dict(lr=0.005, momentum=0.5, centered=True)),
    "optim_adagrad": (dict(lr=0.1, lr_decay=0.01, initial_accumulator_value=0.1),
                      dict(lr=0.1, lr_decay=0.01, initial_accumulator_value=0.1)),
    "optim_adadelta": (dict(lr=0.5, rho=0.8), dict(lr=0.5, rho=0.8)),
    "optim_asgd": (dict(lr=0.05, t0=2, **{"lambda": 1e-3}), dict(lr=0.05, t0=2, lambd=1e-3)),
    "optim_lbfgs": (dict(lr=0.5, history_size=5, line_search_fn="strong_wolfe"),
                    dict(lr=0.5, history_size=5, line_search_fn="strong_wolfe")),
    "optim_rprop": (dict(lr=0.02, etas=c(0.4, 1.3), step_sizes=c(1e-5, 10)),
                    dict(lr=0.02, etas=(0.4, 1.3), step_sizes=(1e-5, 10))),
}
SETTINGS.update({f"optim_ignite_{n}": SETTINGS[f"optim_{n}"]
                 for n in ("sgd", "adam", "adamw", "rmsprop", "adagrad")})


@pytest.mark.parametrize("name", sorted(OPTIMIZERS))
def test_optimizer_defaults_match_r(name):
    spec = OPTIMIZERS[name]
    r_kwargs = {"lr": 0.1} if name.endswith("_sgd") else {}
    _same_training(getattr(rtorch, name), spec.torch_class, r_kwargs, R_DEFAULTS[name])


@pytest.mark.parametrize("name", sorted(OPTIMIZERS))
def test_optimizer_steps_equal_pytorch(name):
    r_kwargs, torch_kwargs = SETTINGS[name]
    _same_training(getattr(rtorch, name), OPTIMIZERS[name].torch_class, r_kwargs, torch_kwargs)


def test_optimizers_are_pytorch_optimizers_with_pytorch_steps():
    for name, spec in OPTIMIZERS.items():
        cls = getattr(rtorch, name)
        assert issubclass(cls, torch.optim.Optimizer) and issubclass(cls, spec.torch_class)
        # no update rule rewritten: the step is PyTorch's (under PyTorch's profiling wrapper)
        assert inspect.unwrap(cls.step) is inspect.unwrap(spec.torch_class.step), name
    opt = optim_adam([torch_tensor(1, requires_grad=True)])
    assert is_optimizer(opt) and not is_optimizer(optim_adam) and not is_optimizer(3)
    assert Sched.StepLR(opt, 2).get_last_lr() == [1e-3]               # PyTorch takes it as is


def _params() -> list[Tensor]:
    return [wrap(p) for p in _model().parameters()]


def test_parameter_forms():
    m = _model()
    ps = list(m.parameters())
    forms = [[wrap(p) for p in ps], ps, m.parameters(), dict(zip("abcd", (wrap(p) for p in ps))),
             tuple(wrap(p) for p in ps)]
    for form in forms:
        group = optim_adam(form).param_groups[0]
        assert all(a is b for a, b in zip(group["params"], ps)) and len(group["params"]) == 4
    named = optim_sgd(dict(params=wrap(ps[0]), bias=wrap(ps[1])), lr=0.1)   # a module's members
    assert len(named.param_groups) == 1 and len(named.param_groups[0]["params"]) == 2
    one = optim_sgd(wrap(ps[0]), lr=0.1)
    assert one.param_groups[0]["params"][0] is ps[0]
    groups = optim_sgd([dict(params=[wrap(ps[0]), wrap(ps[1])]), dict(params=wrap(ps[2]), lr=0.5)],
                       lr=0.1, momentum=0.9)
    assert [g["lr"] for g in groups.param_groups] == [0.1, 0.5]
    assert groups.param_groups[1]["momentum"] == 0.9


def test_param_groups_read_and_write_the_r_way():
    opt = optim_adam(_params(), lr=0.01)
    g = opt.param_groups[0]
    assert isinstance(g, ParamGroup) and g.lr == g["lr"] == 0.01
    g.lr = 0.5
    assert opt.param_groups[0]["lr"] == 0.5
    g["betas"] = c(0.5, 0.6)
    assert g["betas"] == (0.5, 0.6)
    assert all(isinstance(p, Tensor) for p in g.params)
    assert all(isinstance(p, torch.Tensor) for p in g["params"])
    opt.add_param_group(dict(params=[torch_tensor(c(1, 2), requires_grad=True)], lr=0.2))
    assert opt.param_groups[1].lr == 0.2 and opt.param_groups[1].betas == (0.9, 0.999)


def test_zero_grad_r_default_keeps_zero_gradients():
    ps = _params()
    for p in ps:
        p.grad = torch.ones_like(p.torch)
    optim_adam(ps).zero_grad()
    assert all(p.grad is not None and not p.grad.torch.any() for p in ps)
    optim_ignite_adam(ps).zero_grad()                   # libtorch's optimizers: set to none
    assert all(p.grad is None for p in ps)


def test_state_dict_roundtrip_and_pytorch_interop():
    m = _model()
    opt = optim_adam([wrap(p) for p in m.parameters()], lr=0.01)
    _train(m, opt, 2)
    sd = opt.state_dict()
    assert sorted(sd["state"]) == [1, 2, 3, 4]                 # R numbers from 1
    fresh = optim_adam([wrap(p) for p in m.parameters()], lr=0.5)
    fresh.load_state_dict(sd)
    assert fresh.param_groups[0].lr == 0.01 and isinstance(fresh.param_groups[0], ParamGroup)
    plain = torch.optim.Adam(m.parameters())
    plain.load_state_dict(sd)
    assert torch.equal(plain.state[list(m.parameters())[0]]["exp_avg"],
                       opt.state[list(m.parameters())[0]]["exp_avg"])


def test_ignite_load_state_dict_checks_states():
    lin = torch.nn.Linear(2, 1)
    opt = optim_ignite_adam([wrap(p) for p in lin.parameters()])
    lin(torch.randn(3, 2)).sum().backward()
    opt.step()
    sd = opt.state_dict()
    del sd["state"]["2"]
    with pytest.raises(ValueError, match=r"^To-be loaded state dict is missing states for parameters 2\.$"):
        opt.load_state_dict(sd)


def _error(fn) -> tuple[type, str]:
    with pytest.raises(Exception) as e:
        fn()
    return e.type, str(e.value)


def test_r_messages():
    ps = _params()
    cases = [
        (lambda: optim_sgd(ps), ValueError, "Need to specify a learning rate"),
        (lambda: optim_sgd(ps, lr=-1), ValueError, "Invalid learning rate: -1"),
        (lambda: optim_adam(ps, lr=-1), ValueError, "Invalid learning rate: -1"),
        (lambda: optim_adam(ps, betas=c(1.5, 0.9)), ValueError, "Invalid beta parameter at index 1"),
        (lambda: optim_adam(ps, betas=c(0.9, -0.1)), ValueError, "Invalid beta parameter at index 2"),
        (lambda: optim_adam(ps, eps=-1e-4), ValueError, "Invalid eps: -1e-04"),
        (lambda: optim_sgd(ps, lr=0.1, momentum=-1), ValueError, "Invalid momentum value: -1"),
        (lambda: optim_sgd(ps, lr=0.1, nesterov=True), ValueError,
         "Nesterov momentum requires a momentum and zero dampening"),
        (lambda: optim_adagrad(ps, weight_decay=-0.5), ValueError, "Invalid weight_decay value: -0.5"),
        (lambda: rtorch.optim_rprop(ps, etas=c(0.5, 0.9)), ValueError, "Invalid eta values: 0.5, 0.9"),
        (lambda: rtorch.optim_adadelta(ps, rho=2), ValueError, "Invalid rho value: 2"),
        (lambda: optim_sgd([1, 2], lr=0.1), ValueError, "optimizer can only optimize Tensors, "),
        (lambda: optim_sgd([torch_tensor(1, requires_grad=True) * 2], lr=0.1), ValueError,
         "can't optimize a non-leaf Tensor"),
        (lambda: optim_lbfgs([dict(params=ps[:2]), dict(params=ps[2:])]), ValueError,
         "LBFGS doesn't support per-parameter options "),
        (lambda: lr_step("adam", step_size=1), TypeError, "not an optimizer"),
        (lambda: lr_cosine_annealing(torch.nn.Linear(1, 1), T_max=3), TypeError, "not an optimizer"),
        (lambda: lr_one_cycle(optim_adam(ps), max_lr=0.1), ValueError,
         "You must define either total_steps OR (epochs AND steps_per_epoch)"),
        (lambda: lr_one_cycle(optim_adagrad(ps), max_lr=0.1, total_steps=10), ValueError,
         "optimizer must support momentum with `cycle momentum` enabled"),
        (lambda: lr_lambda(optim_adam(ps), lr_lambda=[lambda e: 1, lambda e: 2]), ValueError,
         "lr_lambda length (2) is different from the number of"),
        (lambda: lr_reduce_on_plateau(optim_adam(ps), factor=1.5), ValueError, "Factor should be < 1.0"),
    ]
    for fn, kind, message in cases:
        assert _error(fn) == (kind, message)


def test_custom_optimizer_required_parameter():
    custom = optimizer("needs_lr", initialize=lambda self, params: self.super.initialize(
        params, dict(lr=optim_required())))
    assert _error(lambda: custom(_params())) == (
        ValueError, "parameter group didn't specify a value of required ")


def test_lbfgs_minimises_a_quadratic_with_a_closure():
    x = torch_tensor(c(3, -2), requires_grad=True)
    opt = optim_lbfgs(x, line_search_fn="strong_wolfe")

    def calc_loss():
        opt.zero_grad()
        value = ((x - torch_tensor(c(1, 2))) ** 2).sum() + 1
        value.backward()
        return value

    for _ in range(3):
        loss = opt.step(calc_loss)
    assert isinstance(loss, Tensor)
    torch.testing.assert_close(x.torch.detach(), torch.tensor([1.0, 2.0]))
    assert abs(calc_loss().item() - 1) < 1e-6


def test_custom_optimizer_r_example():
    # R's documentation example of optimizer(), ported
    def initialize(self, params, learning_rate):
        defaults = dict(learning_rate=learning_rate)
        self.super.initialize(params, defaults)

    def step(self):
        with rtorch.with_no_grad():
            for group in self.param_groups:
                for param in group.params:
                    if param.grad is None:
                        continue
                    param.add_(param.grad, alpha=-group.learning_rate)

    optim_sgd2 = optimizer(initialize=initialize, step=step)
    x = rtorch.torch_randn(1, requires_grad=True)
    opt = optim_sgd2(x, learning_rate=0.1)
    for _ in range(100):
        opt.zero_grad()
        y = x ** 2
        y.backward()
        opt.step()
    assert abs(x.item()) < 1e-9 and is_optimizer(opt) and isinstance(opt, Optimizer)


def test_custom_optimizer_state_step_helper_and_inheritance():
    def step(self, closure=None):
        def loop_fun(group, param, g, p):
            assert isinstance(param, Tensor) and (g, p) == (1, 1)
            if self.state.get(param) is None:
                self.state.set(param, dict(steps=0))
            self.state.get(param)["steps"] += 1
            param.sub_(param.grad * group.lr)
        return self.step_helper(closure, loop_fun)

    counting = optimizer("counting", initialize=lambda self, params, lr=0.1:
                         self.super.initialize(params, dict(lr=lr)), step=step)
    x = torch_tensor(c(1, 2), requires_grad=True)
    opt = counting([x])
    for _ in range(3):
        opt.zero_grad()
        (x ** 2).sum().backward()
        opt.step()
    assert opt.state_dict()["state"] == {1: {"steps": 3}}
    assert torch.allclose(x.torch.detach(), torch.tensor([1.0, 2.0]) * 0.8 ** 3)

    def init_sgd(self, params, lr=0.3):
        self.super.initialize(params, lr=lr, momentum=0.5)

    halfway = optimizer("halfway", inherit=optim_sgd, initialize=init_sgd)
    h = halfway([x])
    assert isinstance(h, optim_sgd) and h.param_groups[0].momentum == 0.5


# -- schedulers ---------------------------------------------------------------------------------

def _lrs(sched, opt, n: int = 12, metrics=None) -> list[list[float]]:
    out = []
    for i in range(n):
        opt.step()
        sched.step(*([] if metrics is None else [metrics[i]]))
        out.append(list(sched.get_last_lr()))
    return out


SCHEDULES = [
    (lr_lambda, Sched.LambdaLR, dict(lr_lambda=lambda epoch: 0.95 ** epoch), {}),
    (lr_multiplicative, Sched.MultiplicativeLR, dict(lr_lambda=lambda epoch: 0.9), {}),
    (lr_step, Sched.StepLR, dict(step_size=3, gamma=0.5), {}),
    (lr_step, Sched.StepLR, dict(step_size=2), {}),
    (lr_one_cycle, Sched.OneCycleLR, dict(max_lr=0.1, total_steps=12), {}),
    (lr_one_cycle, Sched.OneCycleLR, dict(max_lr=c(0.1), epochs=3, steps_per_epoch=4,
                                          anneal_strategy="linear"), {"momentum": 0.9}),
    (lr_cosine_annealing, Sched.CosineAnnealingLR, dict(T_max=4, eta_min=0.001), {}),
    (lr_reduce_on_plateau, Sched.ReduceLROnPlateau, dict(patience=1, factor=0.5), {}),
]


@pytest.mark.parametrize("r_sched,t_sched,kwargs,opt_kwargs", SCHEDULES)
def test_scheduler_sequences_equal_pytorch(r_sched, t_sched, kwargs, opt_kwargs):
    metrics = [5, 4, 4, 4, 3, 3, 3, 3, 2, 2, 2, 2]
    opt_class = (optim_sgd, torch.optim.SGD) if opt_kwargs else (optim_adam, torch.optim.Adam)
    m1, m2 = _model(), _model()
    o1 = opt_class[0]([wrap(p) for p in m1.parameters()], lr=0.05, **opt_kwargs)
    o2 = opt_class[1](m2.parameters(), lr=0.05, **opt_kwargs)
    t_kwargs = {k: (0.1 if k == "max_lr" else v) for k, v in kwargs.items()}
    use_metrics = metrics if r_sched is lr_reduce_on_plateau else None
    r = _lrs(r_sched(o1, **kwargs), o1, metrics=use_metrics)
    t = _lrs(t_sched(o2, **t_kwargs), o2, metrics=use_metrics)
    assert r == t
    assert len({x[0] for x in r}) > 1
    key = "momentum" if opt_kwargs else "betas"
    assert o1.param_groups[0][key] == o2.param_groups[0][key]


def test_custom_scheduler_and_verbose():
    def initialize(self, optimizer, gamma=0.5, last_epoch=-1, verbose=False):
        self.gamma = gamma
        self.super.initialize(optimizer, last_epoch, verbose)

    def get_lr(self):
        return c(*[lr * self.gamma ** self.last_epoch for lr in self.base_lrs])

    halving = lr_scheduler("halving", initialize=initialize, get_lr=get_lr)
    opt = optim_sgd(_params(), lr=1)
    err = io.StringIO()
    with redirect_stderr(err):
        s = halving(opt, verbose=True)
        assert _lrs(s, opt, 3) == [[0.5], [0.25], [0.125]]
    assert err.getvalue().splitlines() == [f"Adjusting learning rate of group 1 to {v}"
                                           for v in ("1.0000", "0.5000", "0.2500", "0.1250")]
    assert type(s).__name__ == "halving" and isinstance(s, Sched.LRScheduler)
    plateau = lr_reduce_on_plateau(opt, patience=0, verbose=True)
    err = io.StringIO()
    with redirect_stderr(err):
        for m in (1, 2):
            plateau.step(m)
    assert err.getvalue() == "Epoch 2: reducing learning rate of group 1 to 1.2500e-02\n"


# -- coverage -----------------------------------------------------------------------------------

def test_modelling_names_coverage():
    names = r_names("torch-exports.txt")
    wanted = [n for n in names if n.startswith(("optim_", "lr_", "distr_", "autograd_"))
              or n in ("optimizer", "optimizer_ignite", "is_optimizer")]
    have = [n for n in wanted if hasattr(rtorch, n) and n in rtorch.__all__]
    for prefix in ("optim_", "lr_", "distr_", "autograd_"):
        group = [n for n in wanted if n.startswith(prefix)]
        print(f"\n{prefix}: {len([n for n in group if n in have])}/{len(group)}", end="")
    print(f"\nmodelling names: {len(have)}/{len(wanted)}; missing: {sorted(set(wanted) - set(have))}")
    assert len(have) / len(wanted) >= 0.95
