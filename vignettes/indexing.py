# %% [markdown]
# # Indexing tensors
#
# R torch's `[` operator on tensors: single elements, slices with steps, `N` and `slc()`,
# empty indices, `drop = FALSE`, new axes, `..`, and indexing with vectors, boolean
# vectors and boolean tensors. Indices count from 1 and slices include their end, exactly
# as in R torch; each R chunk is ported in order.
#
# Run it as a script with R's auto-print: `python -m rtorch.rscript --echo vignettes/indexing.py`.

# %% library
from rtorch import *

# %% [markdown]
# ## One element
#
# `1:10` becomes `seq(1, 10)`, a Long tensor. The first element is `x[1]`, and a negative
# index counts from the end (`-1` is the last), which is not R's meaning of a negative
# index for vectors. A single integer index drops its dimension, leaving a 0-d tensor.

# %% single element
x = torch_tensor(seq(1, 10))
x[1]
x[-1]

# %% [markdown]
# `$reshape(shape = ...)` keeps its argument name; the tensor fills row by row, as
# PyTorch stores it.

# %% matrices
x = x.reshape(shape = c(2,5))
x
x[1,3]
x[1,-1]

# %% [markdown]
# With fewer indices than dimensions the rest are taken whole, so `x[1]` is the first
# row — an R matrix would give its first element instead.

# %% fewer indices
x[1]

# %% [markdown]
# ## Slices and steps
#
# Inside `[...]` a Python slice keeps R's spelling and meaning: `2:5` takes elements 2 to 5
# *including* 5 (Python's own slices would stop before it), and `1:(-7)` ends at the
# seventh element from the end.

# %% slicing
x = torch_tensor(seq(1, 10))
x
x[2:5]
x[1:(-7)]

# %% [markdown]
# A third number is the step: `1:5:2` is elements 1, 3 and 5.

# %% striding
x[1:5:2]

# %% [markdown]
# `N` stands for the size of the dimension being indexed.

# %% N
x[5:N]

# %% [markdown]
# `slc()` builds the same slice from values computed at run time.

# %% slc: literal
x[1:5:2]

# %% slc
x[slc(start = 1, end = 5, step = 2)]

# %% [markdown]
# ## Whole dimensions
#
# R leaves an index empty (`x[1, ]`); Python cannot, so an empty index is written `:`.

# %% a matrix (random) tags=["random"]
x = torch_randn(2, 3)
x

# %% first row (random) tags=["random"]
x[1,:]

# %% first two columns (random) tags=["random"]
x[:,1:2]

# %% [markdown]
# ## Keeping dimensions
#
# `drop = FALSE` cannot be a keyword inside Python's brackets; it is the index item
# `drop(False)`. Shapes print as R prints a vector.

# %% dropping
x = torch_randn(2, 3)
x[1,:].shape

# %% drop(False)
x[1,:,drop(False)].shape

# %% [markdown]
# ## New dimensions
#
# `newaxis` adds a dimension of size 1 where it stands; `c(10)` is a Float tensor of
# one element.

# %% newaxis
x = torch_tensor(c(10))
x.shape
x[:, newaxis].shape
x[:, newaxis, newaxis].shape

# %% [markdown]
# R's `NULL` is Python's `None`, which also adds an axis.

# %% NULL
x[:,None].shape

# %% [markdown]
# ## Any number of dimensions
#
# R's `..` (all the remaining dimensions) is Python's `...`.

# %% ellipsis
z = torch_tensor(seq(1, 125)).reshape(c(5,5,5))
z[1,...]
z[...,1]

# %% [markdown]
# ## Vectors as indices
#
# A vector selects per dimension, as R does: `x[c(1, 3), c(1, 3)]` is a 2×2 sub-matrix,
# not the pairwise pick NumPy's advanced indexing would make.

# %% vector indices (random) tags=["random"]
x = torch_randn(4,4)
x[c(1,3), c(1,3)]

# %% [markdown]
# Logical vectors (`TRUE` is `True`) select the positions where they are true.

# %% boolean vectors (random) tags=["random"]
x[c(True, False, True, False), c(True, False, True, False)]

# %% [markdown]
# A boolean tensor with the tensor's own shape picks the matching elements, in row-major
# order, as a 1-d tensor. `rbind()` is R's; its doubles make a Float tensor.

# %% boolean tensors
x = torch_tensor(rbind(
  c(1,2,3),
  c(4,5,6)
))
x[x>3]
