"""Audit of the R6 objects R torch returns: every public method and field R defines on them
(R torch's R/*.R class definitions: ``public``/``active`` lists, plus R6's ``clone()``), checked
present on rtorch's object, or listed in ABSENT with the reason.

R's leading dots become ``_`` (PORTING: ``.apply`` is ``_apply``); R's ``print()`` is Python's
``repr()`` (every object below prints as R prints it), so ``print`` is checked as ``__repr__``
defined by the class itself (not ``object``'s).
"""
from __future__ import annotations

import pytest
import torch

from rtorch import *  # noqa: F403


def _packed():
    return nn_utils_rnn_pack_sequence([torch_randn(3, 2), torch_randn(2, 2)])


def _context():
    seen = {}

    def fwd(ctx, x):
        seen["ctx"] = ctx
        ctx.save_for_backward(x=x)
        return x * 2

    def bwd(ctx, grad):
        return {"x": grad * 2}

    f = autograd_function(forward=fwd, backward=bwd)
    f(torch_ones(2, requires_grad=True))
    return seen["ctx"]


def _hook():
    x = torch_ones(2, requires_grad=True)
    return x.register_hook(lambda g: g)


def _node():
    x = torch_ones(2, requires_grad=True)
    return (x * 2).grad_fn


def _optimizer():
    return optim_sgd(nn_linear(2, 1).parameters, lr=0.1)


def _scheduler():
    return lr_step(_optimizer(), step_size=1)


FACTORIES = {
    "torch_generator": torch_generator,
    "torch_device": lambda: torch_device("cpu"),
    "torch_dtype": torch_float,
    "PackedSequence": _packed,
    "torch_autograd_context": _context,
    "torch_hook": _hook,
    "autograd_node": _node,
    "torch_optimizer": _optimizer,
    "lr_scheduler": _scheduler,
    "distribution": lambda: distr_normal(0, 1),
    "nn_module": lambda: nn_linear(2, 2),
}

#: R class -> (R's methods, R's fields), from R torch's class definitions.
R_MEMBERS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "torch_generator": (("current_seed", "set_current_seed", "print"), ("ptr",)),
    "torch_device": (("print",), ("type", "index", "ptr")),
    "torch_dtype": (("print", "_type"), ("is_floating_point", "ptr")),
    "PackedSequence": ((), ("data", "batch_sizes", "sorted_indices", "unsorted_indices")),
    "torch_autograd_context": (("save_for_backward", "mark_non_differentiable", "mark_dirty"),
                               ("needs_input_grad", "saved_variables", "ptr")),
    "torch_hook": (("remove", "print"), ("x", "pos")),
    "autograd_node": (("print",), ("next_functions", "ptr")),
    "torch_optimizer": (("add_param_group", "zero_grad", "state_dict", "load_state_dict",
                         "step", "clone"), ("param_groups", "state", "defaults")),
    "lr_scheduler": (("step", "state_dict", "load_state_dict", "get_last_lr", "get_lr",
                      "print_lr", "clone"),
                     ("optimizer", "base_lrs", "last_epoch", "verbose")),
    "distribution": (("expand", "sample", "rsample", "log_prob", "cdf", "icdf",
                      "enumerate_support", "entropy", "perplexity", "print"),
                     ("batch_shape", "event_shape", "support", "mean", "variance", "stddev",
                      "has_rsample", "has_enumerate_support")),
    "nn_module": (("forward", "add_module", "register_module", "register_parameter",
                   "register_buffer", "train", "eval", "_apply", "cuda", "cpu", "to", "print",
                   "_save_to_state_dict", "state_dict", "_load_from_state_dict",
                   "load_state_dict", "zero_grad", "apply", "named_parameters", "named_buffers",
                   "clone"),
                  ("training", "parameters", "buffers", "modules", "children")),
}

#: (R class, member) -> why rtorch's object has no such member.
ABSENT: dict[tuple[str, str], str] = {
    ("torch_generator", "ptr"): "R's pointer to the libtorch object; the object is the "
                                "torch.Generator itself",
    ("torch_device", "ptr"): "R's pointer; the PyTorch device is `.torch`",
    ("torch_dtype", "ptr"): "R's pointer; the PyTorch dtype is `.torch`",
    ("torch_autograd_context", "ptr"): "R's pointer; PyTorch's context is `.torch`",
    ("torch_hook", "x"): "R's internal reference to the hooked tensor",
    ("torch_hook", "pos"): "R's internal hook position (PyTorch's handle is `.handle`)",
    ("autograd_node", "ptr"): "R's pointer; PyTorch's node is `.torch`",
}

#: Python spellings of R's members where they differ (R's ``print`` is ``__repr__``).
SPELLING = {"print": "__repr__"}


def _cases():
    for cls, (methods, fields) in R_MEMBERS.items():
        for m in methods:
            yield cls, m, "method"
        for f in fields:
            yield cls, f, "field"


@pytest.fixture(scope="module")
def objects():
    torch.manual_seed(0)
    return {cls: make() for cls, make in FACTORIES.items()}


@pytest.mark.parametrize("cls,member,kind", list(_cases()))
def test_r6_member(objects, cls, member, kind):
    obj = objects[cls]
    if (cls, member) in ABSENT:
        assert not hasattr(obj, member), f"{cls}${member} exists now: drop it from ABSENT"
        return
    name = SPELLING.get(member, member)
    if name == "__repr__":
        assert type(obj).__repr__ is not object.__repr__, f"{cls} has no R print()"
        return
    assert hasattr(obj, name), f"{cls}${member} is missing"
    if kind == "method":
        assert callable(getattr(obj, name)), f"{cls}${member}() is not callable"


#: R's optimizers' ``param_groups[[1]]`` fields (each optimizer's ``defaults`` list in R torch,
#: plus ``params``).
R_PARAM_GROUPS = {
    "optim_sgd": ("lr", "momentum", "dampening", "weight_decay", "nesterov"),
    "optim_adam": ("lr", "betas", "eps", "weight_decay", "amsgrad"),
    "optim_adamw": ("lr", "betas", "eps", "weight_decay", "amsgrad"),
    "optim_adadelta": ("lr", "rho", "eps", "weight_decay"),
    "optim_adagrad": ("lr", "lr_decay", "weight_decay", "initial_accumulator_value", "eps"),
    "optim_asgd": ("lr", "lambda", "alpha", "t0", "weight_decay"),
    "optim_rmsprop": ("lr", "alpha", "eps", "weight_decay", "momentum", "centered"),
    "optim_rprop": ("lr", "etas", "step_sizes"),
}

#: (optimizer, group field) -> why the group spells it otherwise.
GROUP_SPELLING = {("optim_asgd", "lambda"): "lambd"}   # `lambda` is a Python keyword


@pytest.mark.parametrize("name", sorted(R_PARAM_GROUPS))
def test_optimizer_param_groups_hold_r_fields(name):
    import rtorch
    opt = getattr(rtorch, name)(nn_linear(2, 1).parameters, lr=0.1)
    group = opt.param_groups[0]
    assert len(group["params"]) == 2 and group["lr"] == 0.1
    for field in R_PARAM_GROUPS[name]:
        assert GROUP_SPELLING.get((name, field), field) in group, f"{name}: {field}"


#: Each R distribution's own members (R torch's R/distributions-*.R public and active lists),
#: beyond the Distribution base class's (audited above).
R_DISTRIBUTIONS = {
    "distr_bernoulli": (lambda: distr_bernoulli(probs=torch_tensor(0.3)),
                        "expand sample log_prob entropy enumerate_support mean variance logits "
                        "probs param_shape _natural_params _log_normalizer"),
    "distr_categorical": (lambda: distr_categorical(probs=torch_tensor(c(0.2, 0.8))),
                          "expand sample log_prob probs logits mean variance"),
    "distr_chi2": (lambda: distr_chi2(torch_tensor(2)), "expand df"),
    "distr_gamma": (lambda: distr_gamma(torch_tensor(2), torch_tensor(1)),
                    "expand rsample log_prob entropy _log_normalizer mean variance "
                    "_natural_params"),
    "distr_mixture_same_family": (
        lambda: distr_mixture_same_family(distr_categorical(probs=torch_ones(2)),
                                          distr_normal(torch_zeros(2), torch_ones(2))),
        "expand cdf log_prob sample _pad mixture_distribution component_distribution"),
    "distr_multivariate_normal": (
        lambda: distr_multivariate_normal(torch_zeros(2), torch_eye(2)),
        "expand rsample log_prob entropy scale_tril covariance_matrix precision_matrix mean "
        "variance"),
    "distr_normal": (lambda: distr_normal(0, 1),
                     "expand sample rsample log_prob cdf icdf entropy _log_normalizer mean "
                     "stddev variance _natural_params _mean_carrier_measure support"),
    "distr_poisson": (lambda: distr_poisson(torch_tensor(2)),
                      "expand sample log_prob _log_normalizer mean variance _natural_params"),
}


@pytest.mark.parametrize("name", sorted(R_DISTRIBUTIONS))
def test_distribution_members(name):
    make, members = R_DISTRIBUTIONS[name]
    d = make()
    missing = [m for m in members.split() if not hasattr(d, m)]
    assert not missing, f"{name} lacks R's {missing}"
