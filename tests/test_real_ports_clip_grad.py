"""A real R file ported line for line: mlverse/torch, R/nn-utils-clip-grad.R (Daniel Falbel
and the torch authors), the R implementation of gradient clipping. Idioms it exercises:
``Filter`` and ``lapply``/``sapply`` over ``model$parameters`` (a named list of tensors),
``list(x)``, ``length``, ``parameters[[1]]``, ``is.infinite``, ``max`` of an R vector,
``invisible(NULL)``, ``for (p in parameters)``.

Each ported function is checked against PyTorch's own ``torch.nn.utils.clip_grad_*``.
"""
import torch

from rtorch import *  # noqa: F403


# ---- the port (R's lines in comments where the spelling changes) --------------------------------

def r_nn_utils_clip_grad_norm_(parameters, max_norm, norm_type=2):
    if is_torch_tensor(parameters):
        parameters = [parameters]                                  # list(parameters)

    parameters = Filter(lambda x: not is_undefined_tensor(x.grad), parameters)

    if length(parameters) == 0:
        return torch_tensor(0)

    device = list(parameters)[0].grad.device                        # parameters[[1]]$grad$device

    if is_infinite(norm_type):
        total_norm = max(sapply(parameters, lambda p: p.grad.detach().abs().max().item()))
        total_norm = torch_tensor(total_norm, device=device)
    else:
        total_norm = torch_norm(torch_stack(lapply(parameters, lambda p:
                                                   torch_norm(p.grad.detach(), norm_type)
                                                   .to(device=device))), norm_type)

    clip_coef = max_norm / (total_norm + 1e-6)

    if clip_coef.item() < 1:
        lapply(parameters, lambda p: p.grad.detach().mul_(clip_coef.to(device=p.grad.device)))

    return total_norm


def r_nn_utils_clip_grad_value_(parameters, clip_value):
    if is_torch_tensor(parameters):
        parameters = [parameters]

    parameters = Filter(lambda x: not is_undefined_tensor(x.grad), parameters)

    for p in parameters:
        p.grad.data().clamp_(min=-clip_value, max=clip_value)    # R: p$grad$data()$clamp_(...)

    return invisible(None)


# ---- checks against PyTorch ----------------------------------------------------------------------

def _model_with_grads(seed):
    torch_manual_seed(seed)
    model = nn_sequential(nn_linear(4, 8), nn_relu(), nn_linear(8, 2))
    nnf_mse_loss(model(torch_randn(16, 4)) * 10, torch_zeros(16, 2)).backward()
    return model


def _grads(model):
    return [p.grad.clone() for p in torch.nn.Module.parameters(model)]


def test_clip_grad_norm_matches_pytorch():
    for norm_type in (2, 1, float("inf")):
        ours, theirs = _model_with_grads(1), _model_with_grads(1)
        total = r_nn_utils_clip_grad_norm_(ours.parameters, max_norm=0.5, norm_type=norm_type)
        expected = torch.nn.utils.clip_grad_norm_(torch.nn.Module.parameters(theirs), 0.5,
                                                  norm_type=norm_type)
        torch.testing.assert_close(torch.as_tensor(total).reshape(()).float(),
                                   expected.float(), rtol=1e-5, atol=1e-6)
        for a, b in zip(_grads(ours), _grads(theirs)):
            torch.testing.assert_close(a, b, rtol=1e-5, atol=1e-6)


def test_clip_grad_norm_of_one_tensor_and_of_no_gradients():
    x = torch_tensor(c(3, 4), requires_grad=True)
    (x * x).sum().backward()                                       # grad = 2x = (6, 8), norm 10
    total = r_nn_utils_clip_grad_norm_(x, max_norm=5)
    assert abs(total.item() - 10) < 1e-5
    assert [round(v, 4) for v in x.grad.torch.tolist()] == [3.0, 4.0]
    fresh = nn_linear(2, 2)                                          # no backward yet
    assert r_nn_utils_clip_grad_norm_(fresh.parameters, 1).item() == 0


def test_clip_grad_value_matches_pytorch():
    ours, theirs = _model_with_grads(2), _model_with_grads(2)
    assert r_nn_utils_clip_grad_value_(ours.parameters, 0.1) is None
    torch.nn.utils.clip_grad_value_(torch.nn.Module.parameters(theirs), 0.1)
    for a, b in zip(_grads(ours), _grads(theirs)):
        torch.testing.assert_close(a, b)
