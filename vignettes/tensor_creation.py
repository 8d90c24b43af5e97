# %% [markdown]
# # Creating tensors
#
# The ways R torch makes a tensor: from R vectors, matrices and arrays with
# `torch_tensor()`, with a chosen `dtype` and `device`, from the bulk-creation functions
# (`torch_randn()`, `torch_ones()`, ...), and by converting an existing tensor with `$to()`.
# Every R chunk is here in order, ported line for line.
#
# Run it as a script with R's auto-print: `python -m rtorch.rscript --echo vignettes/tensor_creation.py`.

# %% library
from rtorch import *

# %% [markdown]
# ## From R values
#
# `c(1, 2, 3)` holds R doubles, so the tensor is Float; `1:10` is an R integer vector,
# written `seq(1, 10)`, so its tensor is Long. `matrix()` and `array()` fill column by
# column as in R (`byrow = True` fills row by row), and `runif()` draws R doubles.

# %% from R objects (random) tags=["random"]
torch_tensor(c(1,2,3))

# conform to row-major indexing used in torch
torch_tensor(matrix(seq(1, 10), ncol = 5, nrow = 2, byrow = True))
torch_tensor(array(runif(12), dim = c(2, 2, 3)))

# %% [markdown]
# A Python number is an R double: `torch_tensor(1)` has shape `{1}` and would be Float,
# unless `dtype =` says otherwise.

# %% dtype and device
torch_tensor(1, dtype = torch_long())
torch_tensor(1, device = "cpu", dtype = torch_float64())

# %% [markdown]
# ## Creation functions
#
# The sizes go in as separate arguments, as in R.

# %% torch_randn (random) tags=["random"]
x = torch_randn(5, 3)
x

# %% torch_ones
x = torch_ones(2, 4, dtype = torch_int64(), device = "cpu")
x

# %% [markdown]
# ## Converting
#
# `$to()` is `.to()`; R's `dtype =` argument keeps its name.

# %% conversion
x = torch_tensor(1)
y = x.to(dtype = torch_int32())
x
y

# %% [markdown]
# Copying to a GPU needs one, so the cell runs only where CUDA is available. (The R
# chunk, which is not evaluated there, has an extra closing parenthesis; it is dropped
# here.)

# %% to the GPU (only applicable if you have a GPU)
if cuda_is_available():
    x = torch_tensor(1)
    y = x.cuda()
