# %% [markdown]
# # Get started with luz — in Python with rtorch
#
# luz's introduction: a convnet for 28×28 digit images trained with `setup()`, `set_hparams()`,
# `set_opt_hparams()` and `fit()`, then predictions, metrics (luz's accuracy written out as a
# custom `luz_metric()`), `evaluate()`, and a custom callback built with `luz_callback()`.
# The article trains on MNIST, which is downloaded; here the images are generated in a cell,
# with MNIST's shapes, and the luz code is the article's.
#
# Run it as a script with R's auto-print: `python -m rtorch.rscript --echo vignettes/luz_get_started.py`.

# %% library
from rtorch import *
from rtorch.luz import *

# %% [markdown]
# ## Data
#
# Not part of the article, which assumes MNIST loaders named `train_dl` and `test_dl` (and
# `valid_dl` further down). Nothing is downloaded here: each of the ten classes gets a random
# template image and every example is its template plus noise, in tensors of MNIST's shape
# `{n,1,28,28}`. The labels are Long and count from 1, as `nn_cross_entropy_loss()` expects in
# R; `torch_randint()`'s upper end is excluded, so `11` gives classes `1` to `10`.

# %% data (made here instead of MNIST)
templates = torch_randn(10, 1, 28, 28)

def digits(n):
    y = torch_randint(1, 11, size = n, dtype = torch_long())
    x = 0.3 * templates[y, :, :, :] + torch_randn(n, 1, 28, 28)
    return tensor_dataset(x, y)

train_dl = dataloader(digits(256), batch_size = 32, shuffle = True)
test_dl = dataloader(digits(128), batch_size = 32)
valid_dl = dataloader(digits(128), batch_size = 32)

# %% [markdown]
# ## Training an `nn_module`
#
# The model is a plain `nn_module`; its functions take `self` first. `torch_flatten(x,
# start_dim = 2)` keeps the batch dim: dims count from 1, as in R.

# %% the network
def initialize(self, num_class):
    self.conv1 = nn_conv2d(1, 32, 3, 1)
    self.conv2 = nn_conv2d(32, 64, 3, 1)
    self.dropout1 = nn_dropout2d(0.25)
    self.dropout2 = nn_dropout2d(0.5)
    self.fc1 = nn_linear(9216, 128)
    self.fc2 = nn_linear(128, num_class)

def forward(self, x):
    x = self.conv1(x)
    x = nnf_relu(x)
    x = self.conv2(x)
    x = nnf_relu(x)
    x = nnf_max_pool2d(x, 2)
    x = self.dropout1(x)
    x = torch_flatten(x, start_dim = 2)
    x = self.fc1(x)
    x = nnf_relu(x)
    x = self.dropout2(x)
    x = self.fc2(x)
    return x

net = nn_module(
  "Net",
  initialize = initialize,
  forward = forward
)

# %% [markdown]
# luz's verbs are chained with `>>` (R's `%>%`), the whole chain in parentheses so that it can
# span lines. The article passes `list(luz_metric_accuracy)`, the metric uncalled: current luz
# rejects that (`Expected an object with class <luz_metric_generator>`), in R as here, so the
# metric is called, `luz_metric_accuracy()`. In a script or a notebook luz prints no progress,
# as in R's non-interactive sessions (`RTORCH_INTERACTIVE=1` turns the reports on). `nn_dropout2d`
# warns about its 2-D input after `fc1`, as R torch does.

# %% fit
fitted = (net >>
  setup(
    loss = nn_cross_entropy_loss(),
    optimizer = optim_adam,
    metrics = [
      luz_metric_accuracy()
    ]
  ) >>
  set_hparams(num_class = 10) >>
  set_opt_hparams(lr = 0.003) >>
  fit(train_dl, epochs = 10, valid_data = test_dl))

# %% [markdown]
# `predict()` stacks the model's outputs over the loader: one row of ten scores per image.

# %% predict
predictions = predict(fitted, test_dl)

# %% [markdown]
# ## The training loop
#
# The article's outline of what `fit()` does. A Python block cannot consist of comments only,
# so each loop body holds `pass`, and `epochs` is set as it was given to `fit()` above; the
# loops then run over the loaders without doing anything.

# %% the training loop (outline)
epochs = 10
# -> Initialize objects: model, optimizers.
# -> Select fitting device.
# -> Move data, model, optimizers to the selected device.
# -> Start training
for epoch in seq(1, epochs):
    # -> Training procedure
    for batch in train_dl:
        # -> Calculate model `forward` method.
        # -> Calculate the loss
        # -> Update weights
        # -> Update metrics and tracking loss
        pass
    # -> Validation procedure
    for batch in valid_dl:
        # -> Calculate model `forward` method.
        # -> Calculate the loss
        # -> Update metrics and tracking loss
        pass
# -> End training

# %% [markdown]
# ## Metrics
#
# Metrics go to `setup(metrics = ...)`, a Python list where R has `list()`. The article writes
# this chunk with `...` for the arguments seen before; they are filled in here with the first
# fit's loss, optimizer and hyper-parameter, and one epoch.

# %% metrics in setup()
fitted = (net >>
  setup(
    loss = nn_cross_entropy_loss(),
    optimizer = optim_adam,
    metrics = [
      luz_metric_accuracy()
    ]
  ) >>
  set_hparams(num_class = 10) >>
  fit(train_dl, epochs = 1, valid_data = test_dl))

# %% [markdown]
# A metric written with `luz_metric()`: the same three methods as R's, each taking `self` first.
# `torch_argmax(preds, dim = 2)` returns 1-based classes, so it compares directly with the
# 1-based targets. R's `$` chain broken across lines needs parentheses in Python. This
# definition replaces luz's `luz_metric_accuracy` in the session, as it would in R.

# %% a custom metric
def initialize(self):
    self.correct = 0
    self.total = 0

def update(self, preds, target):
    pred = torch_argmax(preds, dim = 2)
    self.correct = self.correct + (pred == target).\
      to(dtype = torch_float()).\
      sum().\
      item()
    self.total = self.total + pred.numel()

def compute(self):
    return self.correct/self.total

luz_metric_accuracy = luz_metric(
  # An abbreviation to be shown in progress bars, or
  # when printing progress
  abbrev = "Acc",
  # Initial setup for the metric. Metrics are initialized
  # every epoch, for both training and validation
  initialize = initialize,
  # Run at every training or validation step and updates
  # the internal state. The update function takes `preds`
  # and `target` as parameters.
  update = update,
  # Use the internal state to query the metric value
  compute = compute
)

# %% [markdown]
# ## Evaluate
#
# `evaluate()` computes the loss and the metrics of a fitted model on other data;
# `get_metrics()` gives them as a data frame.

# %% evaluate tags=["random"]
evaluation = fitted >> evaluate(data = valid_dl)
metrics = get_metrics(evaluation)
print(evaluation)

# %% [markdown]
# The article prints its example from a small regression model it fits out of sight, with
# the seed set; that hidden chunk is ported here (`torch::` prefixes dropped, R's `x$shape[1]`
# written `x.size(1)`), then the printing chunk. With the same seed the numbers are R's:
# `loss: 1.8892`, `mae: 1.0522`, `mse: 1.645`, `rmse: 1.2826`. R's
# `options(cli.unicode = FALSE)`, which draws the rule with `-`, has no counterpart: the
# rule is drawn as R draws it with Unicode on.

# %% evaluate: the article's hidden example
torch_manual_seed(1)
def get_model():
    def initialize(self, input_size, output_size):
        self.fc = nn_linear(prod(input_size), prod(output_size))
        self.output_size = output_size
    def forward(self, x):
        out = (x >>
          torch_flatten(start_dim = 2) >>
          self.fc())
        return out.view(c(x.size(1), self.output_size))
    return nn_module(
      initialize = initialize,
      forward = forward
    )

model = get_model()
model = (model >>
  setup(
    loss = nn_mse_loss(),
    optimizer = optim_adam,
    metrics = [
      luz_metric_mae(),
      luz_metric_mse(),
      luz_metric_rmse()
    ]
  ) >>
  set_hparams(input_size = 10, output_size = 1) >>
  set_opt_hparams(lr = 0.001))

x = [torch_randn(100,10), torch_randn(100, 1)]

fitted = model >> fit(
  x,
  epochs = 1,
  verbose = False,
  dataloader_options = dict(batch_size = 2, shuffle = False)
)

evaluation = fitted >> evaluate(data = x)

# %% evaluate: printed
metrics = get_metrics(evaluation)
print(evaluation)

# %% [markdown]
# ## Customizing with callbacks
#
# `luz_callback()` takes the moments as named functions, each with `self` first. R's free `ctx`
# is `ctx`, imported from luz (also `self.ctx`); `ctx.iter` counts the batches from 1.

# %% a custom callback
def initialize(self, message):
    self.message = message

def on_train_batch_end(self):
    cat("Iteration ", ctx.iter, "\n")

def on_epoch_end(self):
    cat(self.message, "\n")

print_callback = luz_callback(
  name = "print_callback",
  initialize = initialize,
  on_train_batch_end = on_train_batch_end,
  on_epoch_end = on_epoch_end
)

# %% [markdown]
# Callbacks go to `fit(callbacks = ...)`, a list of instances. As above, the article's `...`
# are filled in: the convnet, its loss and optimizer, and one epoch over the 8 training
# batches, so the callback prints eight iterations and its message.

# %% fit with the callback
fitted = (net >>
  setup(
    loss = nn_cross_entropy_loss(),
    optimizer = optim_adam
  ) >>
  set_hparams(num_class = 10) >>
  fit(train_dl, epochs = 1, valid_data = test_dl, callbacks = [
    print_callback(message = "Done!")
  ]))
