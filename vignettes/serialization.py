# %% [markdown]
# # Serialization
#
# Saving tensors, modules and optimizer state to disk with `torch_save()` and reading them
# back with `torch_load()`, and loading weights that PyTorch saved. rtorch writes PyTorch's
# own file format and never runs code from a file it loads, so a saved module comes back as
# its weights, to be put into a module you make.
#
# Run it as a script with R's auto-print:
# `python -m rtorch.rscript --echo vignettes/serialization.py`.

# %% library
from rtorch import *

# %% [markdown]
# ## Saving tensors
#
# The R article writes `tensor.pt` into the working folder; here the files go to a
# temporary folder, named with R's `tempfile()`. `torch_allclose()` answers with one
# logical value.

# %% saving tensors
x = torch_randn(10, 10)
path = tempfile(fileext = ".pt")
torch_save(x, path)
x_ = torch_load(path)

torch_allclose(x, x_)

# %% [markdown]
# ## Saving modules
#
# `torch_save()` on a module writes its parameters, buffers and other fields, not its code.
# `torch_load()` rebuilds the module from its generator, which must be defined in the
# session (rtorch never runs code from a file). `torch_load(path, module = module())`, used
# below, is rtorch's other spelling: it loads the saved state into a module you make.

# %% saving modules
def initialize(self):
    self.fc1 = nn_linear(10, 10)
    self.fc2 = nn_linear(10, 1)

def forward(self, x):
    return (x >>
      self.fc1() >>
      self.fc2())

module = nn_module(
  "my_module",
  initialize = initialize,
  forward = forward
)

model = module()
path = tempfile(fileext = ".pt")
torch_save(model, path)
model_ = torch_load(path, module = module())

# input tensor
x = torch_randn(50, 10)
torch_allclose(model(x), model_(x))

# %% [markdown]
# ## Loading models saved in Python
#
# The architecture is written again with rtorch, with the same parameter names, and the
# weights PyTorch saved are loaded into it. The R article shows the Python side as a code
# listing; here it runs: a plain PyTorch module with the same layers saves its
# `state_dict()` (the weights only: a file holding a pickled module could only be read by
# running code, which rtorch's loader refuses).

# %% the Python side (PyTorch)
import torch

class PyModel(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = torch.nn.Linear(10, 10)
        self.fc2 = torch.nn.Linear(10, 1)

    def forward(self, x):
        return self.fc2(self.fc1(x))

py_model = PyModel()
fpath = tempfile(fileext = ".pt")
torch.save(py_model.state_dict(), fpath, _use_new_zipfile_serialization=True)

# %% [markdown]
# The same architecture, rewritten with rtorch (the R article leaves `Model` to the
# reader):

# %% the architecture in rtorch
Model = module

# %% [markdown]
# `load_state_dict(fpath)` reads the file into a named list of tensors; the module's
# `load_state_dict()` copies them into its parameters and returns the module. R returns it
# invisibly; Python has no invisible results, so here the module's summary is printed.

# %% loading the state dict
state_dict = load_state_dict(fpath)
model = Model()
model.load_state_dict(state_dict)

# %% [markdown]
# A check that is not in the R article: both models now compute the same function (the
# PyTorch module takes the rtorch tensor as it is).

# %% same outputs
torch_allclose(model(x), py_model(x))

# %% [markdown]
# ## Saving optimizer state
#
# An optimizer's `state_dict()` (Adam's step counts and moment estimates, and the
# hyper-parameters of each parameter group) is saved and loaded the same way, so that
# training can resume where it stopped. `loss.backward()` prints nothing and `opt.step()`
# R's `NULL` (the loss it returns without a closure), as in R.

# %% saving optimizer state
model = nn_linear(1, 1)
opt = optim_adam(model.parameters)

train_x = torch_randn(100, 1)
train_y = torch_randn(100, 1)

loss = nnf_mse_loss(model(train_x), train_y)
loss.backward()
opt.step()

# Now let's save the optimizer state
tmp = tempfile()
torch_save(opt.state_dict(), tmp)

# And now let's create a new optimizer and load back
opt2 = optim_adam(model.parameters)
opt2.load_state_dict(torch_load(tmp))
