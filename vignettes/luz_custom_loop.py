# %% [markdown]
# # Custom loops with luz — in Python with rtorch
#
# luz's article on taking control of the training loop: a model that brings its own
# optimizers (`set_optimizers()`) and its own `loss()`, one optimizer per layer, and then the
# same model with a `step()` method that runs backward and the optimizer steps itself. The
# article trains on data it does not show; here the loaders are generated in a cell with the
# shapes the model expects, and the luz code is the article's.
#
# Run it as a script with R's auto-print: `python -m rtorch.rscript --echo vignettes/luz_custom_loop.py`.

# %% library
from rtorch import *
from rtorch.luz import *

# %% [markdown]
# ## Data
#
# Not part of the article, which assumes loaders named `train_dl` and `test_dl`. The model
# below takes 100 features and scores 10 classes, so each class gets a random centre in 100
# dimensions and every example is its centre plus noise. Targets are Long and count from 1,
# as `nnf_cross_entropy()` wants them in R; `torch_randint()` excludes its upper end, so `11`
# gives the classes `1` to `10`. Nothing is downloaded.

# %% data (made here)
centres = torch_randn(10, 100)

def classes(n):
    y = torch_randint(1, 11, size = n, dtype = torch_long())
    x = centres[y, :] + torch_randn(n, 100)
    return tensor_dataset(x, y)

train_dl = dataloader(classes(640), batch_size = 32, shuffle = True)
test_dl = dataloader(classes(320), batch_size = 32)

# %% [markdown]
# ## The model
#
# A two-layer net. The article assigns `self$fc1` twice and never defines `fc2`, so its
# `forward()` cannot run; the second layer is named `fc2` here, the one change to the chunk.
# The pipe `x >> self.fc1()` calls the layer with `x` as its input, as `%>%` does.

# %% net
def initialize(self):
    self.fc1 = nn_linear(100, 50)
    self.fc2 = nn_linear(50, 10)

def forward(self, x):
    return (x >>
      self.fc1() >>
      nnf_relu() >>
      self.fc2())

net = nn_module(
  "Net",
  initialize = initialize,
  forward = forward
)

# %% [markdown]
# Fitting with luz's highest level: a loss, an optimizer generator and metrics. R's
# `list(luz_metric_accuracy)` passes the metric generator uncalled, which luz refuses
# (`Expected an object with class <luz_metric_generator>`); the metric is called here,
# `luz_metric_accuracy()`, inside a Python list. luz is silent in a script or a notebook, as
# in R's non-interactive sessions.

# %% fit
fitted = (net >>
  setup(
    loss = nn_cross_entropy_loss(),
    optimizer = optim_adam,
    metrics = [
      luz_metric_accuracy()
    ]
  ) >>
  fit(train_dl, epochs = 10, valid_data = test_dl))

# %% [markdown]
# ## Several optimizers
#
# Two more methods on the module: `set_optimizers()` returns R's named list of optimizers,
# a `dict` here, one Adam per layer with its own learning rate (`self.fc1.parameters` is the
# layer's parameter list, as `self$fc1$parameters` is in R); `loss()` adds an L1 penalty on
# the first layer's weights when the first optimizer is the current one. R's free `ctx` is
# the `ctx` imported from luz.
#
# The article's `loss()` runs `ctx$model(input)`, but luz calls `loss()` with the model's
# *output* as `input` (`ctx$loss_fn(ctx$pred, ctx$target)`), and feeding 10 scores to a
# layer that takes 100 features fails in R as here. The fix keeps the article's shape:
# `pred` is the model run on the batch's input, `ctx.model(ctx.input)`. The second layer is
# `fc2`, as above. An R `if` / `else if` without `else` returns
# `NULL` when neither holds; the Python function returns `None` then too.

# %% net with set_optimizers() and loss()
def initialize(self):
    self.fc1 = nn_linear(100, 50)
    self.fc2 = nn_linear(50, 10)

def forward(self, x):
    return (x >>
      self.fc1() >>
      nnf_relu() >>
      self.fc2())

def set_optimizers(self, lr_fc1 = 0.1, lr_fc2 = 0.01):
    return dict(
      opt_fc1 = optim_adam(self.fc1.parameters, lr = lr_fc1),
      opt_fc2 = optim_adam(self.fc2.parameters, lr = lr_fc2)
    )

def loss(self, input, target):
    pred = ctx.model(ctx.input)

    if ctx.opt_name == "opt_fc1":
        return nnf_cross_entropy(pred, target) + torch_norm(self.fc1.weight, p = 1)
    elif ctx.opt_name == "opt_fc2":
        return nnf_cross_entropy(pred, target)

net = nn_module(
  "Net",
  initialize = initialize,
  forward = forward,
  set_optimizers = set_optimizers,
  loss = loss
)

# %% [markdown]
# `setup()` now needs neither a loss nor an optimizer: the module has both. The metric is
# called, as above.

# %% fit with set_optimizers() and loss()
fitted = (net >>
  setup(metrics = [luz_metric_accuracy()]) >>
  fit(train_dl, epochs = 10, valid_data = test_dl))

# %% [markdown]
# ## A step of your own
#
# With a `step()` method the module runs each batch itself, for training and validation:
# it must store the predictions in `ctx.pred` (metrics read them) and one detached loss per
# optimizer in `ctx.loss`. R's `ctx$loss <- list()` followed by `ctx$loss[[opt_name]] <- ...`
# is a named list, so `dict()` here; `names(ctx.optimizers)` gives the optimizers' names
# as in R.
#
# Besides `fc2`, the article's `step()` computes `nnf_cross_entropy(pred, target)` with
# `pred` and `target` undefined (an error in R and in Python): they are `ctx.pred` and
# `ctx.target`, the prediction just stored and the batch's target.

# %% net with step()
def initialize(self):
    self.fc1 = nn_linear(100, 50)
    self.fc2 = nn_linear(50, 10)

def forward(self, x):
    return (x >>
      self.fc1() >>
      nnf_relu() >>
      self.fc2())

def set_optimizers(self, lr_fc1 = 0.1, lr_fc2 = 0.01):
    return dict(
      opt_fc1 = optim_adam(self.fc1.parameters, lr = lr_fc1),
      opt_fc2 = optim_adam(self.fc2.parameters, lr = lr_fc2)
    )

def step(self):
    ctx.loss = dict()
    for opt_name in names(ctx.optimizers):

        ctx.pred = ctx.model(ctx.input)
        opt = ctx.optimizers[opt_name]
        loss = nnf_cross_entropy(ctx.pred, ctx.target)

        if opt_name == "opt_fc1":
            # we have L1 regularization in layer 1
            loss = nnf_cross_entropy(ctx.pred, ctx.target) + \
              torch_norm(self.fc1.weight, p = 1)

        if ctx.training:
            opt.zero_grad()
            loss.backward()
            opt.step()

        ctx.loss[opt_name] = loss.detach()

net = nn_module(
  "Net",
  initialize = initialize,
  forward = forward,
  set_optimizers = set_optimizers,
  step = step
)

# %% [markdown]
# The article stops at the definition. Fitting it works as before; not in the article.

# %% fit with step() (not in the article)
fitted = (net >>
  setup(metrics = [luz_metric_accuracy()]) >>
  fit(train_dl, epochs = 10, valid_data = test_dl))
