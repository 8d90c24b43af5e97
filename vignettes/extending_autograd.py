# %% [markdown]
# # Extending autograd — in Python with rtorch
#
# R torch's article on writing your own differentiable operations with
# `autograd_function(forward, backward)`: `forward` computes the result and saves what the
# gradient needs in `ctx`, `backward` turns the gradient of the output into gradients of the
# inputs. It defines a linear function and a multiplication by a constant, then
# differentiates the latter. Run it as a script with R's auto-print:
# `python -m rtorch.rscript --echo vignettes/extending_autograd.py`.

# %% library
from rtorch import *

# %% [markdown]
# ## A linear function
#
# `forward` and `backward` are plain functions whose first argument is R's `ctx`; the
# result is called with `forward`'s other arguments. In `forward`,
# `ctx.save_for_backward(input = input, ...)` keeps tensors and other values by name, and
# `backward` reads them back as `ctx.saved_variables` (an R named list: `s.weight`).
# `ctx.needs_input_grad` is a named list of logicals, one per argument of `forward`.
#
# Porting notes: `!is.null(bias)` is `not is_null(bias)`. R's `list(input = NULL, ...)` is a
# Python `dict(...)`, so R's `grads$input <- ...` is written `grads["input"] = ...` (a dict
# has no `$`-style fields); `backward` returns the dict, R's named list of gradients by
# argument name. The article's `unsqueeze(0)` and `sum(dim = 0)` are kept as written: dims
# count from 1 in R torch and in rtorch, so a dim of 0 is an error in both; the article
# defines `linear` without calling it, and so does this port.

# %% linear
def forward(ctx, input, weight, bias = None):
    ctx.save_for_backward(input = input, weight = weight, bias = bias)
    output = input.mm(weight.t())
    if not is_null(bias):
        output = output + bias.unsqueeze(0).expand_as(output)

    return output

def backward(ctx, grad_output):

    s = ctx.saved_variables

    grads = dict(
      input = None,
      weight = None,
      bias = None
    )

    if ctx.needs_input_grad.input:
        grads["input"] = grad_output.mm(s.weight)

    if ctx.needs_input_grad.weight:
        grads["weight"] = grad_output.t().mm(s.input)

    if not is_null(s.bias) and ctx.needs_input_grad.bias:
        grads["bias"] = grad_output.sum(dim = 0)

    return grads

linear = autograd_function(
  forward = forward,
  backward = backward
)

# %% [markdown]
# ## A function with a non-tensor argument
#
# `constant` is a number, not a tensor: `save_for_backward` keeps it as it is, and
# `backward` returns a gradient only for `tensor`.

# %% mul_constant
def forward(ctx, tensor, constant):
    ctx.save_for_backward(constant = constant)
    return tensor * constant

def backward(ctx, grad_output):
    v = ctx.saved_variables
    return dict(
      tensor = grad_output * v.constant
    )

mul_constant = autograd_function(
  forward = forward,
  backward = backward
)

# %% [markdown]
# Using it: `torch_tensor(1)` is a Float tensor of shape `{1}`, and the gradient of
# `2 * x` with respect to `x` is 2.

# %% using mul_constant
x = torch_tensor(1, requires_grad = True)
o = mul_constant(x, 2)
o.backward()
x.grad
