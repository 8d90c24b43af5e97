"""What the ported article "Serialization" needs: ``torch_allclose()`` answering with R's
logical (``[1] TRUE``), an optimizer loading the state dict ``torch_load()`` returns, and
R's ``tempfile()`` for the files."""
from __future__ import annotations

import os

import torch

from rtorch import *  # noqa: F403
from rtorch.rbase import RVector


def test_bool_results_are_r_logicals():
    x = torch_randn(10, 10)
    r = torch_allclose(x, x.clone())
    assert type(r) is RVector and repr(r) == "[1] TRUE" and r
    assert repr(torch_allclose(x, x + 1)) == "[1] FALSE" and not torch_allclose(x, x + 1)
    assert repr(x.allclose(x)) == "[1] TRUE"
    assert repr(torch_equal(x, x + 1)) == "[1] FALSE"
    assert bool(x.is_contiguous()) is True and bool(x.t().is_contiguous()) is False
    assert torch_numel(x) == 100                            # numbers are unchanged


def test_saved_tensor_and_module_round_trip():
    x = torch_randn(10, 10)
    path = tempfile(fileext = ".pt")
    torch_save(x, path)
    assert repr(torch_allclose(x, torch_load(path))) == "[1] TRUE"
    model = nn_sequential(nn_linear(10, 10), nn_linear(10, 1))
    torch_save(model, path)
    model_ = torch_load(path, module = nn_sequential(nn_linear(10, 10), nn_linear(10, 1)))
    x = torch_randn(50, 10)
    assert torch.equal(model(x).torch, model_(x).torch)


def test_optimizer_loads_the_state_dict_torch_load_returns():
    model = nn_linear(1, 1)
    opt = optim_adam(model.parameters)
    loss = nnf_mse_loss(model(torch_randn(100, 1)), torch_randn(100, 1))
    loss.backward()
    opt.step()
    tmp = tempfile()
    torch_save(opt.state_dict(), tmp)
    loaded = torch_load(tmp)
    assert type(loaded["state"][1]["exp_avg"]) is Tensor     # rtorch tensors, as R gets them
    opt2 = optim_adam(model.parameters)
    assert opt2.load_state_dict(loaded) is None             # R: invisible
    # the same state as plain PyTorch's load of the same file
    plain = torch.optim.Adam([p.torch if hasattr(p, "torch") else p for p in model.parameters])
    plain.load_state_dict(torch.load(tmp, weights_only=True))
    for k in ("step", "exp_avg", "exp_avg_sq"):
        for a, b in zip(opt2.state_dict()["state"].values(), plain.state_dict()["state"].values()):
            assert torch.equal(a[k], b[k])
    ours, theirs = opt2.state_dict()["param_groups"], plain.state_dict()["param_groups"]
    assert [g["params"] for g in ours] == [(1, 2)]          # R numbers from 1
    assert [{**g, "params": None} for g in ours] == [{**g, "params": None} for g in theirs]
    os.remove(tmp)
