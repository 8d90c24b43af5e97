"""What the ported article "TorchScript" needs: a traced graph printed as R prints it, modules
traced in both modes (R's ``respect_mode = TRUE``), R's message for an input that is no tensor,
``x >> lapply(f)``, and no PyTorch deprecation notice."""
from __future__ import annotations

import os
import warnings

import pytest
import torch

from rtorch import *  # noqa: F403

R_GRAPH = """graph(%0 : Float(3, strides=[1], requires_grad=0, device=cpu)):
  %1 : Float(3, strides=[1], requires_grad=0, device=cpu) = aten::relu(%0)
  return (%1)"""


def test_graph_prints_as_in_r():
    def fn(x):
        return torch_relu(x)
    traced_fn = jit_trace(fn, torch_tensor(c(-1, 0, 1)))
    assert repr(traced_fn.graph) == R_GRAPH                  # no Python source locations
    x = torch_randn(3)
    assert torch.equal(traced_fn(x).torch, torch.relu(x.torch))


def test_a_module_is_traced_in_both_modes():
    traced_dropout = jit_trace(nn_dropout(), torch_ones(5, 5))
    assert traced_dropout.torch.training
    out = traced_dropout(torch_ones(30, 30)).torch
    assert set(out.unique().tolist()) == {0.0, 2.0}          # training: dropout applied
    assert traced_dropout.eval() is traced_dropout
    assert torch.equal(traced_dropout(torch_ones(3, 3)).torch, torch.ones(3, 3))   # as in R
    traced_dropout.train()
    assert 0.0 in traced_dropout(torch_ones(30, 30)).torch
    # respect_mode = FALSE is PyTorch's behaviour: the mode of the trace is kept
    fixed = jit_trace(nn_dropout(), torch_ones(5, 5), respect_mode = False)
    fixed.eval()
    assert 0.0 in fixed(torch_ones(30, 30)).torch


def test_traced_module_computes_the_module_and_survives_saving(tmp_path):
    def initialize(self):
        self.linear1 = nn_linear(10, 10)
        self.linear2 = nn_linear(10, 1)

    def forward(self, x):
        return x >> self.linear1() >> nnf_relu() >> self.linear2()

    module = nn_module(initialize = initialize, forward = forward)
    m = module()
    m.eval()
    traced_module = jit_trace(m, torch_randn(10, 10))
    assert not traced_module.torch.training and not m.training      # the mode is kept
    assert sorted(dict(traced_module.torch.named_parameters())) == \
        ["linear1.bias", "linear1.weight", "linear2.bias", "linear2.weight"]
    x = torch_randn(3, 10)
    expected = torch.nn.functional.linear(
        torch.relu(torch.nn.functional.linear(x.torch, m.linear1.weight.torch,
                                              m.linear1.bias.torch)),
        m.linear2.weight.torch, m.linear2.bias.torch)
    assert torch.allclose(traced_module(x).torch, expected)
    path = os.path.join(tmp_path, "m.pt")
    jit_save(traced_module, path)
    loaded = jit_load(path)
    assert torch.allclose(loaded(x).torch, expected)
    drop = jit_unserialize(jit_serialize(jit_trace(nn_dropout(), torch_ones(2, 2))))
    drop.eval()                                      # a reloaded module keeps both modes
    assert torch.equal(drop(torch_ones(3, 3)).torch, torch.ones(3, 3))


def test_inputs_that_are_no_tensors_fail_with_r_message():
    def fn(x, y):
        return x + y
    with pytest.raises(RuntimeError, match=r"inputs to traced functions\. Got float$"):
        jit_trace(fn, torch_tensor(1), 1)


def test_lapply_pipes_and_control_flow_is_not_recorded():
    def fn(x):
        return (x >>
          torch_unbind(dim = 1) >>
          lapply(lambda x: x.sum()) >>
          torch_stack(dim = 1))

    x = torch_randn(10, 5, 5)
    assert torch.allclose(fn(x).torch, x.torch.sum(dim=(1, 2)))
    traced_fn = jit_trace(fn, x)
    y = torch_randn(10, 5, 5)
    assert torch.allclose(traced_fn(y).torch, y.torch.sum(dim=(1, 2)))
    with pytest.raises(RuntimeError, match="Expected 10 elements in a list but found 11"):
        traced_fn(torch_randn(11, 5, 5))
    assert lapply(c(1, 2), lambda v: v * 2) == c(1, 2) >> lapply(lambda v: v * 2)
    assert repr(c(1, 4) >> sapply(sqrt)) == "[1] 1 2"
    assert lapply(X = c(1, 2), FUN = lambda v: v + 1)[1] == 3


def test_no_pytorch_deprecation_notice(tmp_path):
    def fn(x):
        return torch_relu(x)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        tr_fn = jit_trace(fn, torch_tensor(1))
        jit_trace(nn_dropout(), torch_ones(5, 5))
        path = os.path.join(tmp_path, "path.pt")
        jit_save(tr_fn, path)
        loaded = jit_load(path)
    assert loaded(torch_tensor(c(-1, 0, 1))).torch.tolist() == [0.0, 0.0, 1.0]
