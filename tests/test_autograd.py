"""Autograd the R way: autograd_grad / autograd_backward / autograd_function, hooks, grad modes,
and the tutorial's "函数最优化" loop printing what R printed."""
from __future__ import annotations

import pytest
import torch

from rtorch import (autograd_backward, autograd_function, autograd_grad,
                    autograd_set_grad_mode, c, local_enable_grad, local_no_grad, torch_exp,
                    torch_sin, torch_tensor, with_enable_grad, with_no_grad)
from rtorch.autograd import TorchHook
from seed_r_output import R_OUTPUT
from tutorial import SEED, namespace, run_chunks
from rtorch.tensor import Tensor


def _leaf(*values: float) -> Tensor:
    return torch_tensor(c(*values), requires_grad=True)


def test_autograd_grad_equals_the_analytic_gradient():
    x = _leaf(0.5, -1.0, 2.0)
    y = (x ** 3 + torch_sin(x)).sum()
    (g,) = autograd_grad(y, x)
    assert isinstance(g, Tensor)
    torch.testing.assert_close(g.torch, (3 * x.torch ** 2 + torch.cos(x.torch)).detach())


def test_autograd_grad_second_derivative_and_grad_outputs():
    x = _leaf(1.0, 2.0)
    y = x ** 3
    (g,) = autograd_grad(y, x, grad_outputs=torch_tensor(c(1, 1)), create_graph=True)
    (h,) = autograd_grad(g.sum(), x)
    assert h.torch.tolist() == [6.0, 12.0]


def test_autograd_grad_unused_input():
    x, w = _leaf(1.0, 2.0), _leaf(3.0)
    with pytest.raises(RuntimeError, match="not have been used in the graph"):
        autograd_grad((x ** 2).sum(), [x, w])
    gx, gw = autograd_grad((x ** 2).sum(), [x, w], allow_unused=True)
    assert gx.torch.tolist() == [2.0, 4.0] and gw is None


def test_autograd_grad_through_a_freed_graph():
    x = _leaf(1.0)
    y = x * x
    autograd_grad(y, x)
    with pytest.raises(RuntimeError, match="graph a second time"):
        autograd_grad(y, x)


def test_autograd_backward_accumulates_into_leaves():
    a = _leaf(1.0, 2.0)
    b = a * 2
    assert autograd_backward(b, torch_tensor(c(1, 10))) is None
    assert a.grad.torch.tolist() == [2.0, 20.0]
    autograd_backward([(a ** 2).sum()])
    assert a.grad.torch.tolist() == [4.0, 24.0]


def test_autograd_set_grad_mode():
    try:
        autograd_set_grad_mode(False)
        assert not torch.is_grad_enabled()
        assert not (_leaf(1.0) * 2).requires_grad
    finally:
        autograd_set_grad_mode(True)
    assert torch.is_grad_enabled()


def test_grad_mode_helpers():
    a = _leaf(1.0)
    with with_no_grad():
        assert not (a * 2).requires_grad
        with with_enable_grad():
            assert (a * 2).requires_grad
    handle = local_no_grad()
    assert not torch.is_grad_enabled()
    handle.restore()
    with local_no_grad():
        with local_enable_grad():
            assert torch.is_grad_enabled()
        assert not torch.is_grad_enabled()
    assert torch.is_grad_enabled()


# -- autograd_function ------------------------------------------------------------------------

def _exp_forward(ctx, i):
    result = i.exp()
    ctx.save_for_backward(result=result)
    return result


def _exp_backward(ctx, grad_output):
    return dict(i=grad_output * ctx.saved_variables.result)


def test_autograd_function_exp_with_saved_output():
    exp2 = autograd_function(forward=_exp_forward, backward=_exp_backward)
    x = _leaf(0.5, 1.0, -2.0)
    y = exp2(x)
    assert isinstance(y, Tensor)
    torch.testing.assert_close(y.torch.detach(), torch.exp(x.torch).detach())
    y.sum().backward()
    torch.testing.assert_close(x.grad.torch, torch_exp(x).torch.detach())
    xd = torch.randn(4, dtype=torch.float64, requires_grad=True)
    assert torch.autograd.gradcheck(lambda t: exp2(t).torch, (xd,))


def test_autograd_function_context():
    seen = {}

    def forward(ctx, x, w, k=2):
        ctx.save_for_backward(x, w, k)
        seen["needs"] = dict(ctx.needs_input_grad)
        return x * w * k

    def backward(ctx, grad_output):
        x, w, k = ctx.saved_variables
        assert isinstance(x, Tensor) and k == 3
        return dict(x=grad_output * w * k, w=grad_output * x * k)

    f = autograd_function(forward, backward)
    x, w = _leaf(1.0, 2.0), torch_tensor(c(3, 4))
    f(x, w, k=3).sum().backward()
    assert seen["needs"] == {"x": True, "w": False, "k": False}
    assert x.grad.torch.tolist() == [9.0, 12.0]


def test_autograd_function_several_outputs_and_mark_non_differentiable():
    def forward(ctx, x):
        idx = x.argmax()
        ctx.mark_non_differentiable(idx)
        ctx.save_for_backward(x)
        return [x * 2, idx]

    def backward(ctx, grad_outputs):
        g, _ = grad_outputs
        return dict(x=g * 2)

    f = autograd_function(forward, backward)
    x = _leaf(1.0, 5.0, 3.0)
    y, idx = f(x)
    assert idx.torch.item() == 2 and not idx.requires_grad       # R's argmax is 1-based
    y.sum().backward()
    assert x.grad.torch.tolist() == [2.0, 2.0, 2.0]


def test_autograd_function_mark_dirty():
    def forward(ctx, x):
        x.mul_(3)
        ctx.mark_dirty(x)
        return x

    f = autograd_function(forward, lambda ctx, g: dict(x=g * 3))
    a = _leaf(1.0, 2.0)
    y = f(a * 1)
    y.sum().backward()
    assert a.grad.torch.tolist() == [3.0, 3.0]


# -- tensor methods ------------------------------------------------------------------------------

def test_register_hook_gets_and_returns_rtorch_tensors():
    x = _leaf(1.0, 2.0)
    got = []

    def hook(grad):
        got.append(type(grad))
        return grad * 10

    h = x.register_hook(hook)
    assert isinstance(h, TorchHook) and repr(h) == "<torch_hook>"
    (x * 2).sum().backward()
    assert got == [Tensor] and x.grad.torch.tolist() == [20.0, 20.0]
    h.remove()
    x.grad = None
    (x * 2).sum().backward()
    assert x.grad.torch.tolist() == [2.0, 2.0]


def test_register_hook_returning_nothing_keeps_the_gradient():
    x = _leaf(1.0)
    x.register_hook(lambda g: None)
    (x * 4).sum().backward()
    assert x.grad.torch.tolist() == [4.0]


def test_backward_retain_grad_detach_requires_grad():
    x = _leaf(1.0, 2.0)
    y = x * 3
    y.retain_grad()
    y.sum().backward(retain_graph=True)
    assert y.grad.torch.tolist() == [1.0, 1.0] and x.grad.torch.tolist() == [3.0, 3.0]
    y.backward(gradient=torch_tensor(c(1, 2)))
    assert x.grad.torch.tolist() == [6.0, 9.0]
    d = y.detach()
    assert isinstance(d, Tensor) and not d.requires_grad
    z = torch_tensor(c(1, 2))
    assert z.requires_grad_() is z and z.requires_grad
    with pytest.raises(RuntimeError, match="only for scalar outputs"):
        (x * 2).backward()
    with pytest.raises(RuntimeError, match="leaf Variable that requires grad"):
        x.add_(1)


# -- the tutorial's function optimisation ---------------------------------------------------------

def test_seed_function_optimisation_prints_what_r_printed():
    out = run_chunks(SEED, "函数最优化", namespace(), since="函数最优化: function")
    assert out == R_OUTPUT["函数最优化"]


def test_autograd_function_node_prints_as_r_torch_names_it():
    """R torch: ``y$grad_fn`` of an ``autograd_function()`` result prints
    ``torch::autograd::LanternNode`` (R's output); built-in nodes print their own names."""
    from rtorch import autograd_function, torch_tensor
    mul2 = autograd_function(
        forward=lambda ctx, x: x * 2,
        backward=lambda ctx, grad_output: {"x": grad_output * 2})
    x = torch_tensor([1.0, 2.0], requires_grad=True)
    y = mul2(x)
    assert repr(y.grad_fn) == "torch::autograd::LanternNode"
    assert repr((x * 2).grad_fn) == "MulBackward1"        # R: x * 2 is mul.Scalar
