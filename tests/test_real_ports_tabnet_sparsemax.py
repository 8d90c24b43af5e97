"""A real R file ported line for line: mlverse/tabnet, R/sparsemax.R (the tabnet authors, after
Yandex's NODE), the sparsemax activation as an ``autograd_function`` and an ``nn_module``.
Idioms it exercises: 1-based dims everywhere (``input$size(dim)``, ``transpose(1, dim)``,
``cumsum(dim)``, ``gather(dim, ...)``, ``dim = -1``), ``torch_arange(start = 1, end = d)``
(R's end is included), ``rep(1, n)`` then ``view[1] <- -1`` (an R vector as a shape),
``torch_sort(...)[[1]]`` and ``max(dim =, keepdim =)[[1]]`` (multi-result functions),
``ctx$save_for_backward(name = ...)`` with a non-tensor member and ``ctx$saved_variables$name``,
``grad[mask] <- 0``, ``torch_where``, and a backward returning a named list.

Checked against sparsemax's closed form (worked by hand below) and against the same
computation written in plain 0-based PyTorch, values and gradients.
"""
import torch

from rtorch import *  # noqa: F403


# ---- the port (R's lines in comments where the spelling changes) --------------------------------

def _make_ix_like(input, dim = 1):                           # .make_ix_like
    d = input.size(dim)
    rho = torch_arange(start = 1, end = d, device = input.device,
                       dtype = input.dtype)
    view = rep(1, input.dim())
    view[1] = -1
    return rho.view(view).transpose(1, dim)


def _threshold_and_support(input, dim):                      # .threshold_and_support
    input_srt = torch_sort(input, descending=True, dim=dim)[0]           # [[1]]
    input_cumsum = input_srt.cumsum(dim) - 1
    rhos = _make_ix_like(input, dim)
    support = rhos * input_srt > input_cumsum

    support_size = support.sum(dim=dim).unsqueeze(dim)
    tau = input_cumsum.gather(dim, support_size)
    tau.div_(support_size.to(dtype = input.dtype))
    return [tau, support_size]                                # list(tau, support_size)


def forward(ctx, input, dim = -1):
    max_val = input.max(dim=dim, keepdim=True)[0]                        # [[1]]
    input.sub_(max_val) # same numerical stability trick as for softmax
    tau_supp_size = _threshold_and_support(input, dim=dim)
    output = torch_clamp(input - tau_supp_size[0], min=0)                # [[1]]
    ctx.save_for_backward(supp_size = tau_supp_size[1], output = output, dim = dim)
    return output


def backward(ctx, grad_output):
    # supp_size, output = ctx$saved_variables
    saved = ctx.saved_variables
    dim = saved.dim
    grad_input = grad_output.clone()
    grad_input[saved.output == 0] = 0

    v_hat = grad_input.sum(dim=dim) / saved.supp_size.to(dtype = saved.output.dtype).squeeze()
    v_hat = v_hat.unsqueeze(dim)
    grad_input = torch_where(saved.output != 0, grad_input - v_hat, grad_input)

    return dict(input = grad_input, dim = None)               # list(input = ..., dim = NULL)


sparsemax_function = autograd_function(forward = forward, backward = backward)


def initialize(self, dim = -1):
    self.dim = dim


def forward_module(self, input):
    return sparsemax_function(input, self.dim)


sparsemax = nn_module("sparsemax", initialize = initialize, forward = forward_module)


# ---- the same computation in plain 0-based PyTorch ------------------------------------------------

def reference(z: torch.Tensor, dim: int) -> torch.Tensor:
    """Sparsemax along the 0-based ``dim``, differentiable by PyTorch's autograd."""
    srt = torch.sort(z, dim=dim, descending=True).values
    cums = srt.cumsum(dim) - 1
    shape = [1] * z.dim()
    shape[dim] = -1
    k = torch.arange(1, z.size(dim) + 1, dtype=z.dtype).view(shape)
    size = (k * srt > cums).sum(dim=dim, keepdim=True)
    tau = cums.gather(dim, size - 1) / size.to(z.dtype)
    return torch.clamp(z - tau, min=0)


X = [[1.0, 2.0, 3.0], [0.1, 0.2, 0.3], [-1.0, 0.5, 0.6]]


def test_sparsemax_gives_its_closed_form_along_the_last_dim():
    x = torch_tensor(rbind(c(1, 2, 3), c(0.1, 0.2, 0.3), c(-1, 0.5, 0.6)), requires_grad = True)
    y = sparsemax()(x * 1)
    # by hand: row 1 keeps one entry (tau = 2), row 2 all three (tau = -0.1333),
    # row 3 the last two (tau = 0.05)
    expected = torch.tensor([[0.0, 0.0, 1.0], [0.7 / 3, 1.0 / 3, 1.3 / 3], [0.0, 0.45, 0.55]])
    torch.testing.assert_close(torch.as_tensor(y).detach(), expected)
    torch.testing.assert_close(torch.as_tensor(y).detach(), reference(torch.tensor(X), 1))
    assert repr(y).splitlines()[1:4] == [" 0.0000  0.0000  1.0000", " 0.2333  0.3333  0.4333",
                                         " 0.0000  0.4500  0.5500"]
    y.sum().backward()                       # every row sums to 1: the gradient is 0
    torch.testing.assert_close(torch.as_tensor(x.grad), torch.zeros(3, 3))


def test_sparsemax_along_dim_1_and_its_gradient_equal_pytorchs():
    w = torch.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    z = torch_tensor(rbind(c(1, 2, 3), c(0.1, 0.2, 0.3)), requires_grad = True)
    out = sparsemax(dim = 1)(z * 1)                            # R's dim = 1: down the columns
    (out * torch_tensor(w)).sum().backward()

    zr = torch.tensor(X[:2], requires_grad=True)
    ref = reference(zr, 0)
    (ref * w).sum().backward()
    torch.testing.assert_close(torch.as_tensor(out).detach(), ref.detach())
    torch.testing.assert_close(torch.as_tensor(z.grad), zr.grad)
    # by hand: column 1 keeps both rows (0.95, 0.05), the gradient there is w - mean(w)
    torch.testing.assert_close(torch.as_tensor(z.grad)[:, 0], torch.tensor([-1.5, 1.5]))


def test_sparsemax_of_a_batch_matches_pytorch_on_random_inputs():
    torch_manual_seed(7)
    x = torch_randn(5, 4, 6)
    for dim, dim0 in ((-1, 2), (2, 1), (1, 0)):
        got = sparsemax(dim = dim)(x * 1)
        want = reference(torch.as_tensor(x).clone(), dim0)
        torch.testing.assert_close(torch.as_tensor(got), want)
        torch.testing.assert_close(torch.as_tensor(got).sum(dim0), torch.ones(want.sum(dim0).shape))
