# %% [markdown]
# # Loading data
#
# How data reaches a model in rtorch: a `dataset()` generator that knows how to return one
# item (or a whole batch), a `dataloader()` that draws batches from it, and a training loop
# over those batches, using the Palmer penguins. The last cells show two faster variants:
# `getbatch` instead of `getitem`, and batches cut by hand from one tensor.
#
# Run it as a script with R's auto-print:
# `python -m rtorch.rscript --echo vignettes/loading_data.py`.

# %% library
from rtorch import *

# %% [markdown]
# ## Datasets and data loaders
#
# The first example uses a ready-made image dataset. Nothing is downloaded here: the next
# cell writes a small stand-in for MNIST (64 random 28×28 images with random digits, in
# MNIST's own IDX file format) under a temporary folder `dir` named by R's `tempfile()`,
# where `mnist_dataset()` finds it; with its files present, `download = True` has nothing
# to fetch. `mnist_dataset()` comes from torchvision, so that cell also loads
# `rtorch.vision`.

# %% stand-in MNIST files
from rtorch.vision import *
import os
import numpy as np

dir = tempfile()
os.makedirs(os.path.join(dir, "mnist", "raw"))
rng = np.random.default_rng(1)
images = rng.integers(0, 256, (64, 28, 28), dtype = np.uint8)
labels = rng.integers(0, 10, 64, dtype = np.uint8)
with open(os.path.join(dir, "mnist", "raw", "train-images-idx3-ubyte"), "wb") as f:
    f.write(np.array([0x803, 64, 28, 28], dtype = ">i4").tobytes() + images.tobytes())
with open(os.path.join(dir, "mnist", "raw", "train-labels-idx1-ubyte"), "wb") as f:
    f.write(np.array([0x801, 64], dtype = ">i4").tobytes() + labels.tobytes())

# %% [markdown]
# The transform receives each image. Today's `mnist_dataset()` hands it an integer array
# (`1 x 28 x 28`), in R as in rtorch, not a tensor, so `x$to()` alone would fail; the
# port wraps it in `torch_tensor()` first. The anonymous `function(x) {...}` becomes a named
# `def`; R's `x[newaxis, ..]` is `x[newaxis, ...]`. R's `coro::loop(for (b in dl) {...})` is a
# plain `for` loop.

# %% mnist dataset and loader
# Create a dataset from included data
def transform(x):
    x = torch_tensor(x).to(dtype = torch_float())/256
    return x[newaxis, ...]

ds = mnist_dataset(
  dir,
  download = True,
  transform = transform
)

# Create the loader to query the data in batches
dl = dataloader(ds, batch_size = 32, shuffle = True)

for b in dl:
    # use the data from each batch `b` here
    # ...
    pass

# %% [markdown]
# ## A custom dataset: the penguins
#
# `palmerpenguins` ships the data frame, as the R package does. R's `library(magrittr)`
# has no counterpart: rtorch's pipe `>>` is always there. pandas prints the data frame its
# own way, not as a tibble.

# %% penguins tags=["varies"]
from palmerpenguins import load_penguins
penguins = load_penguins()

penguins

# %% [markdown]
# R's `.getitem` and `.length` are written `getitem` and `length`; every function takes
# `self` first, and a helper such as `prepare_penguin_data` is passed by name like the
# others. Gotchas in the port:
#
# * `2:-1` inside `[...]` is a 1-based, inclusive slice from the second column to the last,
#   as in R torch.
# * R's `list(x, y)` is a Python list `[x, y]`: a Python container, so it stays 0-based.
# * `x$size()` is the shape, a Python tuple (0-based), so R's `x$size()[[1]]` is written
#   `x.size(1)` (1-based dim).
# * `na_omit()`, `as_numeric()` (factor codes from 1) and `as_matrix()` are R's, on the
#   pandas data frame; assigning `input.species = ...` replaces the column.

# %% penguins_dataset
def initialize(self):
    self.data = self.prepare_penguin_data()

def getitem(self, index):

    x = self.data[index, 2:-1]
    y = self.data[index, 1].to(torch_long())

    return [x, y]

def length_(self):
    return self.data.size(1)

def prepare_penguin_data(self):

    input = na_omit(penguins)
    # conveniently, the categorical data are already factors
    input.species = as_numeric(input.species)
    input.island = as_numeric(input.island)
    input.sex = as_numeric(input.sex)

    input = as_matrix(input)
    return torch_tensor(input)

penguins_dataset = dataset(

  name = "penguins_dataset",

  initialize = initialize,

  getitem = getitem,

  length = length_,

  prepare_penguin_data = prepare_penguin_data
)

# %% [markdown]
# Make the dataset, ask for its length and its first item. Numbers from R's `as.matrix()`
# are doubles, so the tensor is Float; the target is made Long for the loss. The item is a
# Python list, printed the Python way.

# %% tuxes
tuxes = penguins_dataset()
tuxes.length()
tuxes.getitem(1)

# %% [markdown]
# A data loader over `tuxes`, piped as in R: `tuxes >> dataloader(batch_size = 8)`.

# %% dataloader
dl = tuxes >> dataloader(batch_size = 8)

# %% [markdown]
# On a data loader `length()` counts batches: 333 complete rows in batches of 8.

# %% dataloader length
dl.length()

# %% [markdown]
# R's `dl$.iter()` and `iter$.next()` are `dl.iter()` and `iter.next()`. The batch stacks
# the first 8 items: a Python list of an `8 x 7` input and 8 targets.

# %% first batch
iter = dl.iter()
b = iter.next()
b

# %% [markdown]
# ### Training with data loaders
#
# The network is written with `>>` pipes; `self.fc1()` in a pipe receives the piped
# value. `nnf_log_softmax(dim = 1)` keeps R's `dim = 1` (the batch dim, as the R article
# has it); dims are 1-based.

# %% network
def initialize(self):
    self.fc1 = nn_linear(7, 32)
    self.fc2 = nn_linear(32, 3)

def forward(self, x):
    return (x >>
      self.fc1() >>
      nnf_relu() >>
      self.fc2() >>
      nnf_log_softmax(dim = 1))

net = nn_module(
  "PenguinNet",
  initialize = initialize,
  forward = forward
)

model = net()

# %% optimizer
optimizer = optim_sgd(model.parameters, lr = 0.01)

# %% [markdown]
# R's `coro::loop(for (b in dl) {...})` is `for b in dl:`. The batch is the Python list the
# dataset returned, so R's `b[[1]]` and `b[[2]]` are `b[0]` and `b[1]` here (a named list,
# `dict(x = ..., y = ...)`, would be read `b.x`, `b.y` as in R). The species targets
# count from 1, as `nnf_nll_loss` expects in R. The losses depend on the random initial
# weights.

# %% training tags=["random"]
for epoch in seq(1, 10):

    l = c()

    for b in dl:
        optimizer.zero_grad()
        output = model(b[0])
        loss = nnf_nll_loss(output, b[1])
        loss.backward()
        optimizer.step()
        l = c(l, loss.item())

    cat(sprintf("Loss at epoch %d: %3f\n", epoch, mean(l)))

# %% [markdown]
# ## Notes on efficiency
#
# ### `getbatch` instead of `getitem`
#
# With `getbatch` the data loader asks for a whole batch at once, with a vector of
# indices; the same indexing code serves, since `self.data[index, 2:-1]` selects rows for
# a vector `index` as well.

# %% penguins_dataset_batching
def initialize(self):
    self.data = self.prepare_penguin_data()

# the only change is that this went from getitem to getbatch
def getbatch(self, index):

    x = self.data[index, 2:-1]
    y = self.data[index, 1].to(torch_long())

    return [x, y]

def length_(self):
    return self.data.size(1)

def prepare_penguin_data(self):

    input = na_omit(penguins)
    # conveniently, the categorical data are already factors
    input.species = as_numeric(input.species)
    input.island = as_numeric(input.island)
    input.sex = as_numeric(input.sex)

    input = as_matrix(input)
    return torch_tensor(input)

penguins_dataset_batching = dataset(

  name = "penguins_dataset_batching",

  initialize = initialize,

  getbatch = getbatch,

  length = length_,

  prepare_penguin_data = prepare_penguin_data
)

# %% [markdown]
# ### Without dataset and data loader
#
# The batches cut by hand. `torch_randperm()` returns 0-based positions in R torch and in
# rtorch, hence R's `+ 1L` (`+ as_integer(1)`, which keeps the tensor Long); a Long tensor
# used as an index is then 1-based. R's `a:b` with computed ends is `seq(a, b)`. The loop
# reuses `model`, `optimizer` and `l` from above, as the R code does (R does not run this
# chunk; here it runs).

# %% manual batches tags=["random"]
input = na_omit(penguins)
# conveniently, the categorical data are already factors
input.species = as_numeric(input.species)
input.island = as_numeric(input.island)
input.sex = as_numeric(input.sex)

input = as_matrix(input)
input = torch_tensor(input)

data_x = input[:, 2:-1]
data_y = input[:, 1].to(torch_long())

batch_size = 8
num_data_points = data_y.size(1)
num_batches = floor(num_data_points/batch_size)

for epoch in seq(1, 10):

    # rearrange the data each epoch
    permute = torch_randperm(num_data_points) + as_integer(1)
    data_x = data_x[permute]
    data_y = data_y[permute]

    # manually loop through the batches
    for batch_idx in seq(1, num_batches):

        # here index is a vector of the indices in the batch
        index = seq((batch_size*(batch_idx-1) + 1), (batch_idx*batch_size))

        x = data_x[index]
        y = data_y[index].to(torch_long())

        optimizer.zero_grad()
        output = model(x)
        loss = nnf_nll_loss(output, y)
        loss.backward()
        optimizer.step()
        l = c(l, loss.item())

    cat(sprintf("Loss at epoch %d: %3f\n", epoch, mean(l)))
