# %% [markdown]
# # Image classification with rtorch.vision and rtorch.luz
#
# A small convnet learns to tell three kinds of images apart — a bright horizontal bar, a
# vertical bar, a square — read from an image folder the way R torchvision reads one
# (`image_folder_dataset()`), transformed with `transform_*()` pipes and trained with luz.
# Nothing is downloaded: the first cells draw the images.
#
# Run it as a script: `python -m rtorch.rscript --echo vignettes/image_classification.py`.

# %% library
from rtorch import *
from rtorch.vision import *
from rtorch.luz import *

# %% [markdown]
# ## The images
#
# `root/<class>/<i>.png`, 40 grey 28×28 images per class: noise plus a shape whose position
# varies. numpy and Pillow draw them; any folder of images laid out this way will do.

# %% image folder
import os

import numpy as np
from PIL import Image

classes = c("horizontal", "square", "vertical")
root = tempfile()                       # R's tempfile(): a fresh name
rng = np.random.default_rng(1)
for name in classes:
    os.makedirs(os.path.join(root, name))
    for i in seq(1, 40):
        img = rng.uniform(0, 60, (28, 28))
        a, b = rng.integers(4, 16, 2)
        if name == "horizontal":
            img[a:a + 3, 2:26] = 255
        elif name == "vertical":
            img[2:26, b:b + 3] = 255
        else:
            img[a:a + 8, b:b + 8] = 255
        Image.fromarray(img.astype(np.uint8)).save(os.path.join(root, name, f"{i}.png"))

# %% [markdown]
# ## The data set
#
# `image_folder_dataset()` lists the classes in alphabetical order; targets are their
# 1-based positions, as in R. Its loader reads RGB images, so the input has 3 channels.
# R's `sample(1:n)` and the 1-based, inclusive `ids[1:90]` split the items.

# %% data set
torch_manual_seed(1)
def to_input(img):
    return img >> transform_to_tensor() >> transform_normalize(0.1, 0.3)

ds = image_folder_dataset(root, transform = to_input)
ds.classes
n = length(ds)
n
ids = sample(seq(1, n))
train_ds = dataset_subset(ds, ids[1:90])
valid_ds = dataset_subset(ds, ids[91:n])
train_dl = dataloader(train_ds, batch_size = 16, shuffle = True)
valid_dl = dataloader(valid_ds, batch_size = 30)

# %% one batch
batch = dataloader_next(dataloader_make_iter(train_dl))
batch.x.shape
batch.y

# %% [markdown]
# ## The model
#
# Two convolutions, each followed by a ReLU and a 2×2 max-pooling, then a linear layer:
# 28 → 26 → 13 → 11 → 5, so the flattened size is 16 × 5 × 5.

# %% model
def initialize(self, n_classes):
    self.conv1 = nn_conv2d(3, 8, 3)
    self.conv2 = nn_conv2d(8, 16, 3)
    self.output = nn_linear(16 * 5 * 5, n_classes)

def forward(self, x):
    return (x >>
      self.conv1() >> nnf_relu() >> nnf_max_pool2d(2) >>
      self.conv2() >> nnf_relu() >> nnf_max_pool2d(2) >>
      torch_flatten(start_dim = 2) >>
      self.output())

convnet = nn_module("convnet", initialize = initialize, forward = forward)

# %% [markdown]
# ## Training with luz
#
# `nn_cross_entropy_loss()` takes the 1-based class targets as they come from the data set.

# %% fit
fitted = (convnet >>
  setup(
    loss = nn_cross_entropy_loss(),
    optimizer = optim_adam,
    metrics = [luz_metric_accuracy()]
  ) >>
  set_hparams(n_classes = length(classes)) >>
  set_opt_hparams(lr = 0.01) >>
  fit(train_dl, epochs = 6, valid_data = valid_dl))

# %% metrics tags=["random"]
metrics = get_metrics(fitted)
metrics[metrics.set == "valid"]

# %% [markdown]
# The validation accuracy after the last epoch (the tests require at least 0.8):

# %% accuracy
accuracy = as_numeric(metrics[(metrics.set == "valid") & (metrics.metric == "acc")].value.iloc[-1])
accuracy >= 0.8

# %% [markdown]
# ## Predictions
#
# `predict()` returns the scores; `torch_argmax(dim = 2)` gives 1-based class numbers,
# which index `classes` directly.

# %% predict tags=["random"]
preds = predict(fitted, valid_dl)
preds.shape
predicted = as_integer(torch_argmax(preds[1:10, :], dim = 2))
classes[predicted]

# %% clean up
import shutil
shutil.rmtree(root)
