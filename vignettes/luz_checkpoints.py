# %% [markdown]
# # Checkpointing your models
#
# How luz keeps the state of a training run on disk: `luz_callback_auto_resume()` lets a run
# that failed pick up where it stopped, `luz_callback_model_checkpoint()` writes one file per
# epoch, `luz_load_checkpoint()` and `luz_callback_resume_from_checkpoint()` read them back,
# and a custom callback can keep its own state in checkpoints.
#
# Run it as a script with R's auto-print:
# `python -m rtorch.rscript --echo vignettes/luz_checkpoints.py`.

# %% [markdown]
# R loads luz before torch; here `rtorch` comes first, so that luz's `plot()` (which draws a
# fitted model's records) is not hidden by base R's `plot()` that `rtorch` also exports.
# The article seeds R's generator and torch's, and so does this port; `torch::` is dropped.

# %% library
from rtorch import *
from rtorch.luz import *
set_seed(1)
torch_manual_seed(1703)

# %% [markdown]
# The article writes `state.pt` and a `checkpoints/` folder into the working folder. So that
# its paths can stay as written, this port first moves to a fresh temporary folder (R's
# `tempfile()` names it; Python's `os` creates it and makes it the working folder).

# %% a temporary working folder
import os
wd = tempfile()
os.makedirs(wd)
os.chdir(wd)

# %% [markdown]
# ## Resuming a run that crashed
#
# The training data: random inputs and targets, generated in place.

# %% data
x = torch_randn(1000, 10)
y = torch_randn(1000, 1)

# %% [markdown]
# The model: `nn_linear` itself, set up with luz's verbs piped with `>>`.

# %% model
model = (nn_linear >>
  setup(optimizer = optim_sgd, loss = nnf_mse_loss) >>
  set_hparams(in_features = 10, out_features = 1) >>
  set_opt_hparams(lr = 0.01))

# %% [markdown]
# A callback that fails once, at the end of the 5th epoch. Fields such as `failed = False`
# are given to `luz_callback()` by name, next to the methods (each takes `self` first); R's
# free `ctx` is `ctx` from `rtorch.luz`, and `!` is `not`. R's `stop()` is rtorch's `stop()`,
# which raises a Python `RuntimeError` with the message.

# %% a failing callback
def on_epoch_end(self):
    if ctx.epoch == 5 and not self.failed:
        self.failed = True
        stop("Error on epoch 5")

interrupt = luz_callback(
  "interrupt",
  failed = False,
  on_epoch_end = on_epoch_end
)

# %% [markdown]
# The first run stops with the callback's error. R's `list(x, y)` as data is a Python list,
# `[x, y]`, and so is the list of callbacks. The article shows the error; here `try` /
# `except` prints its message, which names the callback and the moment, then the cause.

# %% a run that fails
autoresume = luz_callback_auto_resume(path = "state.pt")
inter = interrupt()

# An error will happen in the 5th epoch and the model will be stopped.
try:
    results = (model >> fit(
      [x, y],
      callbacks = [inter, autoresume],
      verbose = False
    ))
except Exception as e:
    print(e)

# %% [markdown]
# Fitting again with the same callbacks reloads `state.pt`, and training goes on from the
# 5th epoch to the 10th (luz's default number of epochs).

# %% resuming
results = (model >> fit(
  [x, y],
  callbacks = [inter, autoresume],
  verbose = False
))

# %% [markdown]
# The records are whole: epochs 1 to 10. `plot()` returns a matplotlib figure, which Jupyter
# draws (a script prints its size).

# %% plot
plot(results)

# %% [markdown]
# ## Checkpointing
#
# New data and the same model, as in the article.

# %% data again
x = torch_randn(1000, 10)
y = torch_randn(1000, 1)

# %% model again
model = (nn_linear >>
  setup(optimizer = optim_sgd, loss = nnf_mse_loss) >>
  set_hparams(in_features = 10, out_features = 1) >>
  set_opt_hparams(lr = 0.01))

# %% [markdown]
# A path ending in `/` is a folder: each epoch writes a file named after the epoch and the
# monitored loss.

# %% fit with model checkpoints
checkpoint = luz_callback_model_checkpoint(
  path = "checkpoints/",
  monitor = "train_loss"
)

results = (model >> fit(
  [x, y],
  callbacks = [checkpoint],
  verbose = False
))

# %% [markdown]
# The article lists the folder with `fs::dir_ls()`, from the `fs` package, which has no
# rtorch counterpart. A two-line `dir_ls()` gives the same sorted paths as an R character
# vector, which prints the R way (with quotes and `[1]`, where `fs` prints bare paths). The
# losses in the names are random draws.

# %% the checkpoint files tags=["random"]
def dir_ls(path):
    return c(*sorted(os.path.join(path, f) for f in os.listdir(path)))

dir_ls("checkpoints")

# %% [markdown]
# `luz_load_checkpoint()` puts a checkpoint's weights into the fitted model in place and
# returns nothing, as R's returns invisibly. `[1]` is the first path: R vectors index from 1.

# %% load a checkpoint
luz_load_checkpoint(results, dir_ls("checkpoints")[1])

# %% [markdown]
# `luz_callback_resume_from_checkpoint()` starts a new run from a checkpoint: given a folder,
# from its last file in name order; by default it restores the weights only.

# %% resume from a checkpoint
resume = luz_callback_resume_from_checkpoint(path = "checkpoints/")
results = (model >> fit(
  [x, y],
  callbacks = [resume],
  verbose = False
))
plot(results)

# %% [markdown]
# The article then removes the folder, in a chunk it hides (`fs::dir_delete()`); Python's
# `shutil.rmtree()` does the same.

# %% clean up
import shutil
shutil.rmtree("checkpoints")

# %% [markdown]
# ### A callback's own state
#
# A callback that collects weights each epoch. The article only defines it, and so does
# this port, written as the article writes it: `initialize` reads `self.track_weights`
# rather than setting it, and `gradients` is used as a free name rather than
# `self.gradients`; both would fail if the callback ran, in R as in Python. R's empty
# `list()` filled by name is a `dict()`; `self$model$parameters[[w]]` is
# `self.model.parameters[w]`.

# %% a callback with state
def initialize(self, track_weights):
    self.track_weights

def on_train_batch_before_step(self):
    gradients[ctx.epoch] = dict()
    for w in self.track_weights:
        gradients[ctx.epoch][w] = self.model.parameters[w]

cb_weight_grad = luz_callback(
  "weight_grad",
  gradients = dict(),
  initialize = initialize,
  on_train_batch_before_step = on_train_batch_before_step
)

# %% [markdown]
# To be checkpointed, its state goes out through `state_dict()` (R's named list is a
# `dict`) and comes back through `load_state_dict()`; luz calls both when it writes and
# reads checkpoints. `d$gradients` is `d["gradients"]`.

# %% a callback that saves its state
def initialize(self, track_weights):
    self.track_weights

def on_train_batch_before_step(self):
    gradients[ctx.epoch] = dict()
    for w in self.track_weights:
        gradients[ctx.epoch][w] = self.model.parameters[w]

def state_dict(self):
    return dict(gradients = self.gradients)

def load_state_dict(self, d):
    self.gradients = d["gradients"]

cb_weight_grad = luz_callback(
  "weight_grad",
  gradients = dict(),
  initialize = initialize,
  on_train_batch_before_step = on_train_batch_before_step,
  state_dict = state_dict,
  load_state_dict = load_state_dict
)
