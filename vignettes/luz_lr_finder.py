# %% [markdown]
# # Using the learning rate finder — in Python with rtorch
#
# luz's article on `lr_finder()`: a small LeNet-style convnet is trained for 100 batches
# while the learning rate grows from 1e-6 to 1, the loss of each batch is recorded, and the
# records are plotted to pick a rate. The article reads MNIST, which it downloads; here a
# stand-in with MNIST's files and shapes is written to a temporary folder first, and the
# luz code is the article's.
#
# Run it as a script with R's auto-print: `python -m rtorch.rscript --echo vignettes/luz_lr_finder.py`.

# %% library
from rtorch import *
from rtorch.luz import *
from rtorch.vision import *
set_seed(1)
torch_manual_seed(1703)

# %% [markdown]
# R loads luz before torch; here `rtorch` comes first, so that luz's `plot()` (which draws
# `lr_finder()` records) is not hidden by base R's `plot()` that `rtorch` also exports.
# R's `set.seed(1)` is `set_seed(1)`; `torch::torch_manual_seed()` drops the `torch::`.
#
# ## Data
#
# Not part of the article. Nothing is downloaded: this cell writes MNIST's two training
# files (`train-images-idx3-ubyte`, `train-labels-idx1-ubyte`, gzipped, in MNIST's IDX
# format) into a fresh temporary folder, 640 grey 28×28 images of 10 classes, each class a
# random blot plus noise. `mnist_dataset()` then reads them as it would read MNIST.

# %% MNIST stand-in (not in the article)
import gzip
import os
import struct

import numpy as np

def write_idx(path, a):
    with gzip.open(path + ".gz", "wb") as f:
        f.write(struct.pack(">BBBB", 0, 0, 0x08, a.ndim) + struct.pack(f">{a.ndim}i", *a.shape))
        f.write(a.astype(np.uint8).tobytes())

rng = np.random.default_rng(1)
labels = rng.integers(0, 10, 640)
blots = rng.uniform(0, 255, (10, 28, 28))
images = np.clip(0.6 * blots[labels] + rng.normal(0, 60, (640, 28, 28)), 0, 255)

mnist_dir = tempfile()
os.makedirs(os.path.join(mnist_dir, "mnist", "raw"))
write_idx(os.path.join(mnist_dir, "mnist", "raw", "train-images-idx3-ubyte"), images)
write_idx(os.path.join(mnist_dir, "mnist", "raw", "train-labels-idx1-ubyte"), labels)

# %% [markdown]
# ## The data set
#
# The article's chunk, with the folder made above in place of `"~/Downloads/mnist"`.
# `download = True` is kept: the files are there, so nothing is fetched (with the files
# missing rtorch says where to put them, as it never downloads). `transform_to_tensor`
# turns each `1×28×28` integer array into a Float tensor in `[0, 1]`, and the classes count
# from 1. The name `dir` hides Python's builtin `dir()` from here on, harmlessly.

# %% mnist_dataset
dir = mnist_dir # caching directory

train_ds = mnist_dataset(
  dir,
  download = True,
  transform = transform_to_tensor
)

# %% [markdown]
# ## The model
#
# `nn_sequential()` blocks in a module; `nn_flatten()` keeps the first (batch) dim as in R,
# and `1600` is `64 * 5 * 5`, what is left of a 28×28 image after two convolutions and two
# poolings. The pipe `x >> self.features()` calls the block on `x`.

# %% net
def initialize(self):
    self.features = nn_sequential(
      nn_conv2d(1, 32, 3, 1),
      nn_relu(),
      nn_max_pool2d(2),
      nn_conv2d(32, 64, 3, 1),
      nn_relu(),
      nn_max_pool2d(2),
      nn_dropout(0.1),
      nn_flatten()
    )
    self.classifier = nn_sequential(
      nn_linear(1600, 128),
      nn_dropout(0.1),
      nn_linear(128, 10)
    )

def forward(self, x):
    return (x >>
      self.features() >>
      self.classifier())

net = nn_module(
  "net",
  initialize = initialize,
  forward = forward
)

# %% [markdown]
# ## Finding the learning rate
#
# `lr_finder()` takes the set-up model and the data set; R's
# `dataloader_options = list(batch_size = 32)` is a `dict`. It trains 100 batches (its
# `steps`), multiplying the rate by the same factor before each, so the rates run from
# `1e-6 * 1e6^(1/100)` to 1, and stops. 640 images give 20 batches per epoch, so the
# 100 batches take five passes over them.
#
# R's `str(records)` is `records.str()`: Python's `str()` is a builtin rtorch does not hide.
# It prints what R prints, the classes, the size and a line per column; the rates are
# the same as R's, the losses are random draws.

# %% lr_finder tags=["random"]
model = net >> setup(
  loss = nn_cross_entropy_loss(),
  optimizer = optim_adam
)

records = lr_finder(
  object = model,
  data = train_ds,
  verbose = False,
  dataloader_options = dict(batch_size = 32),
  start_lr = 1e-6, # the smallest value that will be tried
  end_lr = 1 # the largest value to be experimented with
)

records.str()

# %% [markdown]
# ## The plot
#
# `plot(records)` is a matplotlib figure (printed, it shows its size; `fig.savefig()` saves it): the
# loss of each batch dotted, its smoothed curve in cyan, against the rate on a log scale, as
# luz draws it with ggplot2. ggplot2's `+ coord_cartesian(ylim = c(NA, 5))`, which caps the
# y axis at 5 and leaves its lower end free, has no counterpart on a figure: the same cap is
# `set_ybound(upper = 5)` on the figure's axes (it returns nothing, so nothing is printed).

# %% plot
fig = plot(records)
fig.axes[0].set_ybound(upper = 5)
fig
