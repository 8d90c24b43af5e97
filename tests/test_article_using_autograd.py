"""The "Using autograd" article: walking the graph with ``grad_fn$next_functions`` prints and
indexes as in R torch, and ``tensor <op> number`` records libtorch's Scalar-overload nodes."""
import pytest
import torch

from rtorch import *


def _chain():
    x1 = torch_ones(2, 2, requires_grad=True)
    x2 = torch_tensor(1.1, requires_grad=True)
    y = x1 * (x2 + 2)
    y.retain_grad()
    z = y.pow(2) * 3
    z.retain_grad()
    return x1, x2, y, z, z.mean()


def test_next_functions_print_as_r():
    # R torch's output for the article's chunk (knitr drops the last blank line)
    out = _chain()[-1]
    assert repr(out.grad_fn) == "MeanBackward0"
    assert repr(out.grad_fn.next_functions) == "[[1]]\nMulBackward1\n"
    n1 = out.grad_fn.next_functions[1]
    assert repr(n1.next_functions) == "[[1]]\nPowBackward0\n"
    n3 = n1.next_functions[1].next_functions[1]
    assert repr(n3) == "MulBackward0"
    assert repr(n3.next_functions) == (
        "[[1]]\ntorch::autograd::AccumulateGrad\n\n[[2]]\nAddBackward1\n")
    assert repr(n3.next_functions[2].next_functions) == "[[1]]\ntorch::autograd::AccumulateGrad\n"


def test_next_functions_is_one_based():
    out = _chain()[-1]
    nodes = out.grad_fn.next_functions[1].next_functions[1].next_functions[1].next_functions
    assert len(nodes) == 2
    assert nodes[1].torch is nodes[-2].torch
    assert nodes[2].name() == "AddBackward1" and nodes[-1].name() == "AddBackward1"
    with pytest.raises(IndexError, match="Indexing starts at 1 but found a 0."):
        nodes[0]
    with pytest.raises(IndexError, match="subscript out of bounds"):
        nodes[3]
    # PyTorch's face is unchanged: (node, input_nr) pairs, 0-based
    assert out.grad_fn.torch.next_functions[0][0].name() == "MulBackward1"


def test_gradients_match_r():
    x1, x2, y, z, out = _chain()
    out.backward()
    assert repr(z.grad) == "torch_tensor\n 0.2500  0.2500\n 0.2500  0.2500\n[ CPUFloatType{2,2} ]"
    assert repr(y.grad) == "torch_tensor\n 4.6500  4.6500\n 4.6500  4.6500\n[ CPUFloatType{2,2} ]"
    assert repr(x2.grad) == "torch_tensor\n 18.6000\n[ CPUFloatType{1} ]"
    assert repr(x1.grad) == "torch_tensor\n 14.4150  14.4150\n 14.4150  14.4150\n[ CPUFloatType{2,2} ]"


@pytest.mark.parametrize("op, node, ref", [
    (lambda a: a + 2, "AddBackward1", lambda t: t + 2.0),
    (lambda a: a - 2, "SubBackward1", lambda t: t - 2.0),
    (lambda a: a * 2, "MulBackward1", lambda t: t * 2.0),
    (lambda a: a / 2, "DivBackward1", lambda t: t / 2.0),
    (lambda a: a ** 2, "PowBackward0", lambda t: t ** 2.0),
    (lambda a: 2 * a, "MulBackward0", lambda t: 2.0 * t),      # R: torch_tensor(2) * x
    (lambda a: a * a, "MulBackward0", lambda t: t * t),
])
def test_number_on_the_right_uses_scalar_overload(op, node, ref):
    x = torch_tensor(c(1.5, -2, 3), requires_grad=True)
    r = op(x)
    assert r.grad_fn.name() == node
    assert repr(r).endswith(f"[ grad_fn = <{node}> ]")
    t = x.torch.detach().clone().requires_grad_(True)
    expected = ref(t)
    assert torch.equal(r.torch, expected) and r.dtype.torch == expected.dtype
    r.sum().backward()
    expected.sum().backward()
    assert torch.equal(x.grad.torch, t.grad)


def test_scalar_overload_keeps_values_and_dtypes_without_grad():
    v = torch_tensor(seq(1, 3))
    assert (v * 2).dtype.torch == torch.float32 and (v * as_integer(2)).dtype.torch == torch.int64
    assert torch.equal((v / 2).torch, torch.tensor([0.5, 1.0, 1.5]))
    h = torch_ones(2, dtype=torch_half(), requires_grad=True)
    assert (h * 2).dtype.torch == torch.float16 and (h * 2).grad_fn.name() == "MulBackward1"
