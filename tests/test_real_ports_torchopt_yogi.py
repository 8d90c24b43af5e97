"""Real R files ported line for line: e-sensing/torchopt (CRAN package torchopt; Gilberto
Camara, Rolf Simoes, Daniel Falbel, Felipe Souza, Alber Sanchez; Apache License >= 2.0),
``R/yogi.R`` (commit 20fd71742b7c3cd4f5733f0aab5c6dc6b2b4c1ad), ``R/utils-state.R`` (commit
159b328cd8d513b42468cec728975ea84c691e34), ``beale``/``domain_beale`` from ``R/utils-testopt.R``
(commit d09df980559dcf113fae0035f13c254fffc9df96), and the yogi part of
``tests/testthat/test-optimizers.R`` (commit 080ed8cfa197cf4683468d81061fba41725a01e2) with the
``test_optim_valid()`` helper an earlier version of that file defines (later ones call
``torchopt::test_optim_valid``).

Idioms it exercises: ``torch::optimizer(classname = ..., initialize = ..., step = ...)`` with
``super$initialize(params, defaults)`` and ``private$step_helper(closure, loop_fun)``; state
kept as an R attribute on the parameter tensor (``attr(self, "state") <- value`` through a
replacement function ``state<-``); ``group[['betas']][[1]]``; ``nn_init_constant_`` of
``torch_empty_like(param, memory_format = torch_preserve_format())``; ``addcmul_``/``addcdiv_``
with ``value =``; ``stop(..., call. = FALSE)``; ``do.call(optim, c(list(params = ...), hp))``.

Every edit beyond the mechanical rules of the porting guide is marked ``# R:`` with R's line.
Values are checked against Yogi written directly in plain 0-based PyTorch below.
"""
import math

import pytest
import torch

from rtorch import *  # noqa: F403
from rtorch.testthat import expect_error, expect_true


# ---- R/utils-state.R ------------------------------------------------------------------------------

def state(self):
    return attr(self, "state")


def state_set(self, value):                                  # R: `state<-` <- function(self, value)
    setattr(self, "state", value)                            # R: attr(self, "state") <- value
    return self


# ---- R/yogi.R -------------------------------------------------------------------------------------

def initialize(self, params,
               lr = 0.01,
               betas = c(0.9, 0.999),
               eps = 0.001,
               initial_accumulator = 1e-6,
               weight_decay = 0):
    if (lr <= 0.0):
        stop("Learning rate must be positive.", call_ = False)
    if (eps < 0.0):
        stop("eps must be non-negative.", call_ = False)
    if ((betas[1] > 1.0) | (betas[1] <= 0.0)):                 # R: betas[1] > 1.0 | betas[1] <= 0.0
        stop("Invalid beta parameter.", call_ = False)
    if ((betas[2] > 1.0) | (betas[1] <= 0.0)):                 # R: betas[2] > 1.0 | betas[1] <= 0.0
        stop("Invalid beta parameter.", call_ = False)
    if (weight_decay < 0):
        stop("Invalid weight_decay value.", call_ = False)

    defaults = dict(
        lr                  = lr,
        betas               = betas,
        eps                 = eps,
        weight_decay        = weight_decay,
        initial_accumulator = initial_accumulator
    )
    self.super.initialize(params, defaults)


def step(self, closure = None):
    def loop_fun(group, param, g, p):
        if (is_null(param.grad)):
            return                                           # R: next
        grad = param.grad

        # get value of initial accumulator
        init_acc = group["initial_accumulator"]

        # State initialization
        if (length(state(param)) == 0):
            param = state_set(param, named_list())           # R: state(param) <- list()
            state(param)["step"] = 0
            # Exponential moving average of gradient values
            state(param)["exp_avg"] = nn_init_constant_(
                torch_empty_like(
                    param,
                    memory_format = torch_preserve_format()
                ),
                init_acc
            )
            # Exponential moving average of squared gradient values
            state(param)["exp_avg_sq"] = nn_init_constant_(
                torch_empty_like(
                    param,
                    memory_format = torch_preserve_format()
                ),
                init_acc
            )
        # Define variables for optimization function
        exp_avg      = state(param)["exp_avg"]
        exp_avg_sq   = state(param)["exp_avg_sq"]
        beta1        = group['betas'][1]
        beta2        = group['betas'][2]
        weight_decay = group['weight_decay']
        eps          = group["eps"]
        lr           = group['lr']

        # take one step
        state(param)["step"] = state(param)["step"] + 1
        # bias correction
        bias_correction1 = 1 - beta1**state(param)['step']
        bias_correction2 = 1 - beta2**state(param)['step']

        # L2 correction
        if (weight_decay != 0):
            grad = grad.add(p, alpha = weight_decay)

        # Decay the first moment
        exp_avg.mul_(beta1).add_(grad, alpha = 1 - beta1)
        # Decay the second moment
        grad_squared = grad.mul(grad)
        exp_avg_sq.addcmul_(
            torch_sign(exp_avg_sq - grad_squared),
            grad_squared,
            value = -(1 - beta2)
        )

        # calculate denominator
        denom = (exp_avg_sq.sqrt() / sqrt(bias_correction2)).add_(eps)

        # calculate step size
        step_size = lr / bias_correction1
        # go to next step
        param.addcdiv_(exp_avg, denom, value = -step_size)

    return self.step_helper(closure, loop_fun)               # R: private$step_helper(...)


optim_yogi = optimizer(
    classname = "optim_yogi",
    initialize = initialize,
    step = step
)


# ---- R/utils-testfunctions.R and the test helper --------------------------------------------------

def beale(x, y):
    return log((1.5 - x + x * y)**2 + (2.25 - x - x * y**2)**2 + (2.625 - x + x * y**3)**2)


def domain_beale():
    x0 = runif(1, -4.5, 4.5)
    y0 = runif(1, -4.5, 4.5)
    return c(x0 = x0, y0 = y0, xmax = 4.5, xmin = -4.5, ymax = 4.5, ymin = -4.5)


def test_optim_valid(optim,
                     opt_hparams = dict(lr = 0.01),
                     test_fn = "beale",
                     steps = 100):

    # get starting points
    domain_fn = globals()[paste0("domain_", test_fn)]        # R: get(paste0("domain_", test_fn), envir = asNamespace("torchopt"), inherits = FALSE)
    # get gradient function
    test_fn = globals()[test_fn]                             # R: get(test_fn, envir = asNamespace("torchopt"), inherits = FALSE)

    # starting point
    dom = domain_fn()
    x0 = dom["x0"]
    y0 = dom["y0"]

    # create tensor
    x = torch_tensor(x0, requires_grad = True)
    y = torch_tensor(y0, requires_grad = True)

    # instantiate optimizer
    optim = do_call(optim, c(dict(params = [x, y]), opt_hparams))

    # run optimizer
    x_steps = numeric(steps)
    y_steps = numeric(steps)
    for i in seq_len(steps):
        x_steps[i] = as_numeric(x)
        y_steps[i] = as_numeric(y)
        optim.zero_grad()
        z = test_fn(x, y)
        z.backward()
        optim.step()
    return dict(x_steps = x_steps,
                y_steps = y_steps)


test_optim_valid.__test__ = False                           # R: (a helper, not a test for pytest)


# ---- Yogi written directly in plain 0-based PyTorch (the reference) -------------------------------

def yogi_reference(params, grads_fn, steps, lr=0.01, betas=(0.9, 0.999), eps=1e-3,
                   init_acc=1e-6, weight_decay=0.0):
    """Zaheer et al.'s Yogi with torchopt's bias corrections: m <- b1 m + (1-b1) g;
    v <- v - (1-b2) sign(v - g^2) g^2; p <- p - lr/(1-b1^t) * m / (sqrt(v)/sqrt(1-b2^t) + eps).
    ``weight_decay`` adds ``weight_decay * k`` with k the parameter's 1-based position, as the
    R source does (it passes the loop's index ``p`` to ``grad$add``)."""
    b1, b2 = betas
    m = [torch.full_like(q, init_acc) for q in params]
    v = [torch.full_like(q, init_acc) for q in params]
    history = []
    for t in range(1, steps + 1):
        history.append([q.detach().clone() for q in params])
        grads = grads_fn(params)
        with torch.no_grad():
            for k, (q, gr) in enumerate(zip(params, grads)):
                if weight_decay != 0:
                    gr = gr + weight_decay * (k + 1)
                m[k] = b1 * m[k] + (1 - b1) * gr
                g2 = gr * gr
                v[k] = v[k] - (1 - b2) * torch.sign(v[k] - g2) * g2
                denom = v[k].sqrt() / math.sqrt(1 - b2 ** t) + eps
                q -= lr / (1 - b1 ** t) * m[k] / denom
    return history


def _beale_grads(params):
    x, y = [q.detach().requires_grad_(True) for q in params]
    z = torch.log((1.5 - x + x * y) ** 2 + (2.25 - x - x * y ** 2) ** 2
                  + (2.625 - x + x * y ** 3) ** 2)
    return torch.autograd.grad(z.sum(), [x, y])


# ---- tests ----------------------------------------------------------------------------------------

def test_yogi_optimizer_package_test():
    # tests/testthat/test-optimizers.R, "yogi optimizer" (skip_on_cran() has no meaning here)
    set_seed(66)
    xy = test_optim_valid(
        optim = optim_yogi,
        opt_hparams = dict(lr = 0.1),
        steps = 400,
        test_fn = "beale"
    )
    xy = list(xy.values())                                   # R: xy[[1]] of a named list
    test_fn0 = beale(xy[0][1], xy[1][1])                     # R: beale(xy[[1]][1], xy[[2]][1])
    test_fn400 = beale(xy[0][400], xy[1][400])               # R: beale(xy[[1]][400], xy[[2]][400])

    expect_true(test_fn0 > test_fn400)


def test_yogi_matches_plain_pytorch_reference_on_beale():
    torch.manual_seed(1)
    x = torch_tensor(1.2, requires_grad = True)
    y = torch_tensor(-0.7, requires_grad = True)
    opt = optim_yogi(params = [x, y], lr = 0.1)
    xs = []
    for i in seq_len(50):
        xs.append((float(as_numeric(x)), float(as_numeric(y))))
        opt.zero_grad()
        z = beale(x, y)
        z.backward()
        opt.step()
    ref = yogi_reference([torch.tensor([1.2]), torch.tensor([-0.7])], _beale_grads, 51, lr=0.1)
    got = torch.tensor(xs + [(float(as_numeric(x)), float(as_numeric(y)))])
    want = torch.tensor([[h[0].item(), h[1].item()] for h in ref])
    torch.testing.assert_close(got, want, rtol=1e-5, atol=1e-6)
    assert got[-1, 0].item() != pytest.approx(1.2)          # it moved


def test_yogi_state_lives_on_the_parameter_as_r_attribute():
    x = torch_tensor(c(1, 2, 3), requires_grad = True)
    opt = optim_yogi([x], lr = 0.5)
    for _ in range(3):
        opt.zero_grad()
        (x * x).sum().backward()
        opt.step()
    st = state(x)
    assert st["step"] == 3
    assert opt.classname == "optim_yogi"     # R's `classname =` falls into optimizer()'s `...`: a field
    assert st["exp_avg"].shape == (3,)


def test_yogi_weight_decay_and_module_parameters_match_reference():
    torch.manual_seed(3)
    model = nn_linear(4, 2)
    w0 = [p.torch.detach().clone() for p in model.parameters]
    xb = torch_randn(8, 4)
    yb = torch_randn(8, 2)
    opt = optim_yogi(model.parameters, lr = 0.05, betas = c(0.8, 0.99), weight_decay = 0.01)
    for _ in range(5):
        opt.zero_grad()
        loss = nnf_mse_loss(model(xb), yb)
        loss.backward()
        opt.step()

    xt, yt = xb.torch, yb.torch

    def grads(params):
        w, b = [q.detach().requires_grad_(True) for q in params]
        out = torch.nn.functional.mse_loss(xt @ w.T + b, yt)
        return torch.autograd.grad(out, [w, b])

    ref = [q.clone() for q in w0]
    yogi_reference(ref, grads, 5, lr=0.05, betas=(0.8, 0.99), weight_decay=0.01)
    for p, q in zip(model.parameters, ref):
        torch.testing.assert_close(p.torch.detach(), q, rtol=1e-5, atol=1e-6)


def test_yogi_argument_checks_are_rs():
    x = torch_tensor(1, requires_grad = True)
    expect_error(lambda: optim_yogi([x], lr = 0), "Learning rate must be positive.")
    expect_error(lambda: optim_yogi([x], eps = -1), "eps must be non-negative.")
    expect_error(lambda: optim_yogi([x], betas = c(1.5, 0.9)), "Invalid beta parameter.")
    expect_error(lambda: optim_yogi([x], weight_decay = -1), "Invalid weight_decay value.")


def test_yogi_through_luz_matches_reference():
    from rtorch.luz import fit, set_opt_hparams, setup

    def init_(self):
        self.fc = nn_linear(3, 1)
        with with_no_grad():
            self.fc.weight.copy_(torch_tensor(matrix(c(0.3, -0.2, 0.1), nrow = 1)))
            self.fc.bias.copy_(torch_tensor(0.05))

    def forward_(self, x):
        return self.fc(x)

    net = nn_module("net", initialize = init_, forward = forward_)
    torch_manual_seed(7)
    x = torch_randn(16, 3)
    y = x @ torch_tensor(matrix(c(1, 2, -1), ncol = 1)) + 0.5
    dl = dataloader(tensor_dataset(x, y), batch_size = 16)     # one batch: order does not matter
    fitted = (net >> setup(loss = nn_mse_loss(), optimizer = optim_yogi)
              >> set_opt_hparams(lr = 0.05) >> fit(dl, epochs = 4, verbose = False))

    xt, yt = x.torch, y.torch

    def grads(params):
        w, b = [q.detach().requires_grad_(True) for q in params]
        out = torch.nn.functional.mse_loss(xt @ w.T + b, yt)
        return torch.autograd.grad(out, [w, b])

    ref = [torch.tensor([[0.3, -0.2, 0.1]]), torch.tensor([0.05])]
    yogi_reference(ref, grads, 4, lr=0.05)
    got = [p.torch.detach() for p in fitted.model.parameters]
    for p, q in zip(got, ref):
        torch.testing.assert_close(p, q, rtol=1e-5, atol=1e-6)
    assert not torch.allclose(got[0], torch.tensor([[0.3, -0.2, 0.1]]))   # it trained


def test_rtorch_pieces_the_port_needed():
    # attr(x, "state") <- v on a tensor is seen through every rtorch tensor of that tensor
    x = torch_tensor(c(1, 2))
    setattr(x, "state", named_list(step = 1))
    assert attr(Tensor(x.torch), "state")["step"] == 1
    assert attr(torch_tensor(1), "state") is None
    # c() of named lists is one named list, for do.call
    hp = c(dict(params = [x]), dict(lr = 0.1))
    assert list(names(hp)) == ["params", "lr"] and hp["lr"] == 0.1
    expect_error(lambda: c(dict(a = 1), dict(a = 2)), "appears twice")
    # stop(..., call. = FALSE)
    expect_error(lambda: stop("bad ", "value", call_ = False), "bad value")
