"""R torch's ``x$data()`` method, and traced functions as R torch prints them.

Expected texts are R's: the recorded output of the Posit AI Blog posts "Using torch modules"
and "Using torch just-in-time compilation (JIT)" (``tests/data/port/scripts/blog-torch-*.out``)
and R torch's print methods (``<script_function>``, ``<script_method>``,
``<torch_compilation_unit>``). Values are checked against the same computation in PyTorch.
"""
from __future__ import annotations

import inspect
import re

import pytest
import torch
import torch.nn.functional as F

from rtorch import (Tensor, c, jit_compile, jit_load, jit_save, jit_trace, nn_linear,
                    torch_randn, torch_tensor)
from rtorch.formals_table import FORMALS


# -- x$data() ----------------------------------------------------------------------------------

def test_data_is_a_method_without_formals_as_in_r():
    assert list(inspect.signature(Tensor.data).parameters) == ["self"]
    x = torch_tensor(c(1, 2))
    assert callable(x.data)
    assert isinstance(x.torch.data, torch.Tensor)                  # PyTorch's property
    with pytest.raises(AttributeError):                          # never PyTorch's by mistake
        x.data.fill_(0)
    assert torch.equal(x.torch, torch.tensor([1.0, 2.0]))


def test_data_is_the_values_without_history_sharing_memory():
    x = torch_tensor(c(1.5, -2, 3), requires_grad=True)
    y = x * 2
    d = y.data()
    assert type(d) is Tensor
    assert d.requires_grad is False and d.grad_fn is None
    assert torch.equal(d.torch, torch.tensor([3.0, -4.0, 6.0]))
    assert d.torch.data_ptr() == y.torch.data_ptr()
    d.torch.fill_(7)                               # same memory: y sees it, as PyTorch's .data
    assert torch.equal(y.torch.detach(), torch.full((3,), 7.0))


def test_data_of_a_linear_layers_output_prints_without_grad_fn():
    """The blog post's ``out$data()``: R printed ``[ CPUFloatType{10,1} ]``, no grad_fn."""
    l = nn_linear(3, 1)
    data = torch_randn(10, 3)
    out = l(data)
    assert repr(out).splitlines()[-1] == "[ CPUFloatType{10,1} ][ grad_fn = <AddmmBackward0> ]"
    shown = repr(out.data()).splitlines()
    assert shown[0] == "torch_tensor" and shown[-1] == "[ CPUFloatType{10,1} ]"
    expected = F.linear(data.torch, l.weight.torch.detach(), l.bias.torch.detach())
    assert torch.allclose(out.data().torch, expected)


def test_data_of_a_parameter_writes_through():
    l = nn_linear(2, 1)
    w = l.weight.data()
    assert w.requires_grad is False
    w.fill_(0.5)
    assert torch.equal(l.weight.torch.detach(), torch.full((1, 2), 0.5))


def test_print_of_data_is_rs():
    assert repr(torch_tensor(c(1, 2)).data()) == "torch_tensor\n 1\n 2\n[ CPUFloatType{2} ]"


# -- traced functions ----------------------------------------------------------------------------

def _sum(x):
    from rtorch import torch_sum
    return torch_sum(x)


def test_a_traced_function_prints_as_r(capsys):
    f_t = jit_trace(_sum, torch_tensor(c(2, 2)))
    assert repr(f_t) == "<script_function>"
    print(f_t)
    assert capsys.readouterr().out == "<script_function>\n"
    x = torch_randn(3, 3)
    assert torch.allclose(f_t(x).torch, x.torch.sum())


def test_a_compilation_unit_and_its_function_print_as_r():
    cu = jit_compile("def twice(x):\n    return x * 2\n")
    assert repr(cu) == "<torch_compilation_unit>"
    assert repr(cu.twice) == "<script_function>"
    assert torch.equal(cu.twice(torch_tensor(c(1, 2))).torch, torch.tensor([2.0, 4.0]))


def test_a_traced_modules_method_prints_as_r():
    m = nn_linear(3, 1)
    tm = jit_trace(m, torch_randn(2, 3))
    assert repr(tm.trainforward) == "<script_method>"
    x = torch_randn(4, 3)
    expected = F.linear(x.torch, m.weight.torch, m.bias.torch)
    assert torch.allclose(tm.trainforward(x).torch, expected)


# The post's f: R numbers added up in R, then added to the tensor; R's recorded graph.
POST_GRAPH = """\
graph(%0 : Float(1, strides=[1], requires_grad=0, device=cpu)):
  %1 : float = prim::Constant[value=20.]()
  %2 : int = prim::Constant[value=1]()
  %3 : Float(1, strides=[1], requires_grad=0, device=cpu) = aten::add(%0, %1, %2)
  return (%3)"""


def _post_f(x):
    a = 7
    b = 11
    c_ = 2
    d = a + b + c_
    return x + d


def test_the_posts_traced_graph_is_rs(capsys):
    f_t = jit_trace(_post_f, torch_tensor(0))
    assert repr(f_t.graph) == POST_GRAPH
    print(f_t.graph)
    assert capsys.readouterr().out == POST_GRAPH + "\n"
    x = torch_tensor(c(1, -2.5))
    assert torch.equal(f_t(x).torch, x.torch + 20)


def _chain(x):
    return (x * 2 + 1).relu() / 4 - 0.5


def test_traced_values_are_numbered_and_r_numbers_are_scalars():
    g = jit_trace(_chain, torch_tensor(c(1, -2)))
    text = repr(g.graph)
    assert re.findall(r"%([^\s:,)]+)", text) == [
        "0", "1", "2", "0", "1", "3", "4", "5", "2", "3", "4", "6", "5", "7", "8", "6", "7",
        "9", "10", "11", "8", "9", "10", "11"]
    assert [m for m in re.findall(r"(\w+) = prim::Constant\[value=([^\]]+)\]", text)] == [
        ("float", "2."), ("float", "1."), ("int", "1"), ("float", "4."), ("float", "0.5"),
        ("int", "1")]
    assert "Double" not in text
    x = torch.randn(7)
    expected = (x * 2 + 1).relu() / 4 - 0.5
    assert torch.allclose(g(Tensor(x)).torch, expected)


def test_a_traced_function_with_scalars_differentiates_and_reloads(tmp_path):
    g = jit_trace(_chain, torch_tensor(c(1, -2)))
    x = torch.tensor([0.5, -3.0, 2.0], requires_grad=True)
    g(Tensor(x)).sum().backward()
    assert torch.equal(x.grad, torch.tensor([0.5, 0.0, 0.5]))       # d/dx relu(2x+1)/4
    path = str(tmp_path / "g.pt")
    jit_save(g, path)
    again = jit_load(path)
    y = torch.randn(5)
    assert torch.allclose(again(Tensor(y)).torch, (y * 2 + 1).relu() / 4 - 0.5)


def test_tracing_leaves_no_mode_behind():
    from torch.overrides import _get_current_function_mode_stack
    jit_trace(_post_f, torch_tensor(0))
    with pytest.raises(Exception):
        jit_trace(lambda x: x.nonexistent_method(), torch_tensor(0))
    assert _get_current_function_mode_stack() == []
    x = torch_tensor(c(1, 2), requires_grad=True)
    assert repr((x + 20).grad_fn) == "AddBackward1"              # R's Scalar overload
    assert (torch_tensor(c(1, 2)) + 20).grad_fn is None


def _net():
    from rtorch import nn_module

    def initialize(self):
        self.l = nn_linear(2, 2)

    def forward(self, x):
        return (x[:, 2] + 1) * self.l(x)[:, 1]

    return nn_module(initialize=initialize, forward=forward)()


@pytest.mark.parametrize("respect_mode", [True, False])
def test_a_traced_modules_r_code_runs_on_rtorch_tensors(respect_mode):
    """The forward's R code indexes from 1 when traced too (it ran on PyTorch's tensors,
    0-based, before), and its R numbers are Scalar constants."""
    from rtorch import jit_trace_module
    m = _net()
    x = torch_randn(4, 2)
    tm = jit_trace_module(m, forward=list([x]), respect_mode=respect_mode)
    w, b = m.l.weight.torch.detach(), m.l.bias.torch.detach()
    expected = (x.torch[:, 1] + 1) * F.linear(x.torch, w, b)[:, 0]
    y = torch_randn(3, 2)
    assert torch.allclose(tm(x).torch, expected)
    assert torch.allclose(tm(y).torch, m(y).torch)
    assert "float = prim::Constant[value=1.]" in repr(tm.graph)


def test_rs_formals_of_data_are_none():
    assert FORMALS["method"]["data"] == ()
