# %% [markdown]
# # TorchScript
#
# Turning R-style functions and modules into TorchScript programs by tracing them with
# `jit_trace()`, where tracing falls short, compiling TorchScript source with `jit_compile()`,
# and writing programs to disk and reading them back with `jit_save()` / `jit_load()`.
# PyTorch's `torch.jit` records and runs the programs; they take and return rtorch tensors.
#
# Run it as a script with R's auto-print:
# `python -m rtorch.rscript --echo vignettes/torchscript.py`.

# %% library
from rtorch import *

# %% [markdown]
# ## Tracing
#
# `jit_trace()` runs the function once on the example inputs and records the tensor
# operations it performs. R's `c(-1, 0, 1)` is a double vector, so the example is a Float
# tensor, as it is in R.

# %% tracing a function
def fn(x):
    return torch_relu(x)

traced_fn = jit_trace(fn, torch_tensor(c(-1, 0, 1)))

# %% [markdown]
# `$graph` is `.graph`: the recorded program, printed as R prints it. The input is `%0`
# because the traced function is called with positional values only.

# %% graph
traced_fn.graph

# %% [markdown]
# The traced program is called like the function it came from.

# %% calling the traced function tags=["random"]
traced_fn(torch_randn(3))

# %% [markdown]
# A module is traced through its `forward`. The functions given to `nn_module()` take `self`
# first, and the `%>%` pipe is `>>`: `x >> self.linear1()` calls `self.linear1(x)`.
# As in R torch (and unlike PyTorch), `forward` is traced twice by default, once in training
# mode and once in evaluation mode (`respect_mode = True`).

# %% tracing a module
def initialize(self):
    self.linear1 = nn_linear(10, 10)
    self.linear2 = nn_linear(10, 1)

def forward(self, x):
    return (x >>
      self.linear1() >>
      nnf_relu() >>
      self.linear2())

module = nn_module(
  initialize = initialize,
  forward = forward
)
traced_module = jit_trace(module(), torch_randn(10, 10))

# %% calling the traced module tags=["random"]
traced_module(torch_randn(3, 10))

# %% [markdown]
# ### Limitations of tracing
#
# Loops and `if`s are not recorded, only the operations they led to. Here `torch_unbind()`
# splits the example into 10 tensors, `lapply()` (piped: `x >> lapply(f)` is `lapply(x, f)`)
# sums each one, and the trace remembers the count 10. `dim = 1` is the first dim, as in R.
# The article shows the error the traced program raises for 11 slices; Python shows an
# error with `try`/`except`, printing its message.

# %% control flow is not recorded
# fn does does an operation for each dimension of a tensor
def fn(x):
    return (x >>
      torch_unbind(dim = 1) >>
      lapply(lambda x: x.sum()) >>
      torch_stack(dim = 1))

# we trace using as an example a tensor with size (10, 5, 5)
traced_fn = jit_trace(fn, torch_randn(10, 5, 5))
# applying it with a tensor with different size returns an error.
try:
    traced_fn(torch_randn(11, 5, 5))
except Exception as e:
    print(e)

# %% [markdown]
# A traced layer keeps the behaviour of the mode it was traced in. Because R torch traces a
# module's `forward` in both modes, `$eval()` does switch this traced dropout off, and the
# second call returns the ones unchanged, as in R. (R's `traced_dropout$eval()` prints
# `[1] FALSE`; here `eval()` returns the traced module, which prints as `<script ...>`.)

# %% modes tags=["random"]
traced_dropout = jit_trace(nn_dropout(), torch_ones(5,5))
traced_dropout(torch_ones(3,3))
traced_dropout.eval()
# even after setting to eval mode, dropout is applied
traced_dropout(torch_ones(3,3))

# %% [markdown]
# Inputs must be tensors or lists of tensors. R's `1` is a double, so the error names a
# `float`, as R torch's does (without libtorch's C++ stack trace, which R also prints).

# %% only tensors can be traced
def fn(x, y):
    return x + y

try:
    jit_trace(fn, torch_tensor(1), 1)
except Exception as e:
    print(e)

# %% [markdown]
# ## Compiling TorchScript
#
# `jit_compile()` compiles TorchScript source text; each function it defines is a field of
# the result (`tr$fn` is `tr.fn`).

# %% jit_compile
tr = jit_compile("""
def fn (x: Tensor):
  return torch.relu(x)

""")
tr.fn(torch_tensor(c(-1, 0, 1)))

# %% [markdown]
# ## Serializing and loading
#
# The article writes `path.pt` into the working folder; here the file goes to a temporary
# one, named with R's `tempfile()`. `jit_save()` returns nothing to print.

# %% jit_save and jit_load
def fn(x):
    return torch_relu(x)

tr_fn = jit_trace(fn, torch_tensor(1))
path = tempfile(fileext = ".pt")
jit_save(tr_fn, path)
loaded = jit_load(path)

# %% calling the loaded program
loaded(torch_tensor(c(-1, 0, 1)))
