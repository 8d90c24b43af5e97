# %% [markdown]
# # Using autograd — in Python with rtorch
#
# R torch's article on automatic differentiation, every code chunk in order: a tensor created
# with `requires_grad = True` records what is done to it, `backward()` fills the `grad` of
# every leaf, and `grad_fn` / `next_functions` let us walk the recorded graph back to the
# leaves. The article ends by training a small two-layer network whose gradients come from
# autograd. Run it as a script with R's auto-print:
# `python -m rtorch.rscript --echo vignettes/using_autograd.py`.

# %% library
from rtorch import *

# %% [markdown]
# ## Automatic differentiation with autograd
#
# A tensor that gradients are wanted for is made with `requires_grad = True` (R's `TRUE`).

# %% requires_grad
x = torch_ones(2,2, requires_grad = True)

# %% an operation on x
y = x.mean()

# %% [markdown]
# The result knows the operation that made it: `y.grad_fn` prints the node's name, as R's
# `y$grad_fn` does.

# %% grad_fn
y.grad_fn

# %% [markdown]
# `backward()` returns nothing; R returns it invisibly, so neither prints.

# %% backward
y.backward()

# %% the gradient
x.grad

# %% [markdown]
# A longer chain. `retain_grad()` keeps the gradients of the intermediate tensors `y` and
# `z`. Note that `torch_tensor(1.1)` is a Float tensor of shape `{1}`: a Python number is
# an R double of length 1.

# %% a longer chain
x1 = torch_ones(2,2, requires_grad = True)
x2 = torch_tensor(1.1, requires_grad = True)
y = x1 * (x2 + 2)
y.retain_grad()
z = y.pow(2) * 3
z.retain_grad()
out = z.mean()

# %% [markdown]
# Walking the graph back from `out`. `next_functions` is R's list of nodes, so `[[1]]`
# becomes `[1]`: it counts from 1, like everything positional in rtorch (PyTorch's own
# `(node, input_nr)` pairs, 0-based, are `out.grad_fn.torch.next_functions`). A number on
# the right of `*` or `+` goes to libtorch's Scalar overload, as in R, so the nodes are
# `MulBackward1` and `AddBackward1`; the leaves are `AccumulateGrad` nodes.

# %% following the graph
# how to compute the gradient for mean, the last operation executed
out.grad_fn
# how to compute the gradient for the multiplication by 3 in z = y$pow(2) * 3
out.grad_fn.next_functions
# how to compute the gradient for pow in z = y.pow(2) * 3
out.grad_fn.next_functions[1].next_functions
# how to compute the gradient for the multiplication in y = x * (x + 2)
out.grad_fn.next_functions[1].next_functions[1].next_functions
# how to compute the gradient for the two branches of y = x * (x + 2),
# where the left branch is a leaf node (AccumulateGrad for x1)
out.grad_fn.next_functions[1].next_functions[1].next_functions[1].next_functions
# here we arrive at the other leaf node (AccumulateGrad for x2)
out.grad_fn.next_functions[1].next_functions[1].next_functions[1].next_functions[2].next_functions

# %% [markdown]
# After `out.backward()` every tensor on the way has its gradient; `x2` has shape `{1}`, so
# its gradient sums over the four elements of `y`.

# %% gradients
out.backward()
z.grad
y.grad
x2.grad
x1.grad

# %% [markdown]
# ## The simple network, now using autograd
#
# The forward pass and the weight updates are still written by hand; autograd computes the
# gradients. Porting notes: R's empty index `x[,1]` is `x[:, 1]` and `x[..,2]` is
# `x[..., 2]` (columns count from 1); `y$unsqueeze(dim = 1)` adds the first dim, so `y` is
# `{1,100}` and `y_pred - y` broadcasts to `{100,100}` — the article's own code, kept as it
# is. `with_no_grad({...})` is a `with` block. The data and weights are random draws, so the
# losses differ from R's from run to run.

# %% training loop tags=["random"]
### generate training data -----------------------------------------------------
# input dimensionality (number of input features)
d_in = 3
# output dimensionality (number of predicted features)
d_out = 1
# number of observations in training set
n = 100
# create random data
x = torch_randn(n, d_in)
y = x[:,1]*0.2 - x[...,2]*1.3 - x[...,3]*0.5 + torch_randn(n)
y = y.unsqueeze(dim = 1)
### initialize weights ---------------------------------------------------------
# dimensionality of hidden layer
d_hidden = 32
# weights connecting input to hidden layer
w1 = torch_randn(d_in, d_hidden, requires_grad = True)
# weights connecting hidden to output layer
w2 = torch_randn(d_hidden, d_out, requires_grad = True)
# hidden layer bias
b1 = torch_zeros(1, d_hidden, requires_grad = True)
# output layer bias
b2 = torch_zeros(1, d_out,requires_grad = True)
### network parameters ---------------------------------------------------------
learning_rate = 1e-4
### training loop --------------------------------------------------------------
for t in seq(1, 200):

    ### -------- Forward pass --------
    y_pred = x.mm(w1).add(b1).clamp(min = 0).mm(w2).add(b2)
    ### -------- compute loss --------
    loss = (y_pred - y).pow(2).mean()
    if t % 10 == 0: cat(t, as_array(loss), "\n")
    ### -------- Backpropagation --------
    # compute the gradient of loss with respect to all tensors with requires_grad = True.
    loss.backward()

    ### -------- Update weights --------

    # Wrap in torch.no_grad() because this is a part we DON'T want to record for automatic gradient computation
    with with_no_grad():

        w1.sub_(learning_rate * w1.grad)
        w2.sub_(learning_rate * w2.grad)
        b1.sub_(learning_rate * b1.grad)
        b2.sub_(learning_rate * b2.grad)

        # Zero the gradients after every pass, because they'd accumulate otherwise
        w1.grad.zero_()
        w2.grad.zero_()
        b1.grad.zero_()
        b2.grad.zero_()
