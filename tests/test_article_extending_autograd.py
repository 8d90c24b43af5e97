"""The "Extending autograd" article: R's ``is.null()`` and the two ``autograd_function``s."""
import torch

from rtorch import *


def test_is_null():
    assert is_null(None).rtype == "logical" and bool(is_null(None)) is True
    assert bool(is_null(torch_tensor(1))) is False and bool(is_null(0)) is False
    assert not is_null(torch_tensor(1))
    assert repr(is_null(None)) == "[1] TRUE"


def test_linear_without_bias_matches_pytorch():
    def forward(ctx, input, weight, bias=None):
        ctx.save_for_backward(input=input, weight=weight, bias=bias)
        output = input.mm(weight.t())
        if not is_null(bias):
            output = output + bias.unsqueeze(1).expand_as(output)
        return output

    def backward(ctx, grad_output):
        s = ctx.saved_variables
        grads = dict(input=None, weight=None, bias=None)
        if ctx.needs_input_grad.input:
            grads["input"] = grad_output.mm(s.weight)
        if ctx.needs_input_grad.weight:
            grads["weight"] = grad_output.t().mm(s.input)
        if not is_null(s.bias) and ctx.needs_input_grad.bias:
            grads["bias"] = grad_output.sum(dim=1)
        return grads

    linear = autograd_function(forward=forward, backward=backward)
    inp = torch.randn(3, 2, requires_grad=True)
    w = torch.randn(4, 2, requires_grad=True)
    b = torch.randn(4, requires_grad=True)
    x, wt, bt = (torch_tensor(t.detach().clone(), requires_grad=True) for t in (inp, w, b))
    for args, ref in (((x, wt), (inp, w)), ((x, wt, bt), (inp, w, b))):
        out = linear(*args)
        expected = torch.nn.functional.linear(*ref)
        assert torch.allclose(out.torch, expected)
        out.sum().backward()
        expected.sum().backward()
    for mine, theirs in ((x, inp), (wt, w), (bt, b)):
        assert torch.allclose(mine.grad.torch, theirs.grad)


def test_mul_constant_gradient_prints_as_r():
    def forward(ctx, tensor, constant):
        ctx.save_for_backward(constant=constant)
        return tensor * constant

    def backward(ctx, grad_output):
        v = ctx.saved_variables
        return dict(tensor=grad_output * v.constant)

    mul_constant = autograd_function(forward=forward, backward=backward)
    x = torch_tensor(1, requires_grad=True)
    o = mul_constant(x, 2)
    o.backward()
    assert repr(x.grad) == "torch_tensor\n 2\n[ CPUFloatType{1} ]"
