"""Image classification with rtorch.vision and rtorch.luz: a small convnet learns to tell
three kinds of generated images apart (a bright horizontal bar, a vertical bar, a square),
read from an image folder as R torchvision reads one.

Run: python vignettes/image_classification.py [folder]   (writes the images to ``folder``, a
temporary folder by default; a few epochs on the CPU)
"""
from __future__ import annotations

import os
import sys
import tempfile

import numpy as np
from PIL import Image

from rtorch import *  # noqa: F403
from rtorch.luz import *  # noqa: F403
from rtorch.vision import *  # noqa: F403

CLASSES = ("horizontal", "square", "vertical")


def make_image_folder(root: str, per_class: int = 40, size: int = 28, seed: int = 1) -> None:
    """``root/<class>/<i>.png``: noise plus a shape whose position varies."""
    rng = np.random.default_rng(seed)
    for name in CLASSES:
        os.makedirs(os.path.join(root, name), exist_ok=True)
        for i in range(per_class):
            img = rng.uniform(0, 60, (size, size))
            a, b = rng.integers(4, size - 12, 2)
            if name == "horizontal":
                img[a:a + 3, 2:size - 2] = 255
            elif name == "vertical":
                img[2:size - 2, b:b + 3] = 255
            else:
                img[a:a + 8, b:b + 8] = 255
            Image.fromarray(img.astype(np.uint8), mode="L").save(os.path.join(root, name, f"{i}.png"))


def main(root: str, epochs: int = 6) -> dict:
    torch_manual_seed(1)
    make_image_folder(root)

    def to_input(img):
        return img >> transform_to_tensor() >> transform_normalize(0.1, 0.3)

    ds = image_folder_dataset(root, transform = to_input)
    n = length(ds)
    ids = sample(seq(1, n))
    train_ds = dataset_subset(ds, ids[seq(1, 90)])
    valid_ds = dataset_subset(ds, ids[seq(91, n)])
    train_dl = dataloader(train_ds, batch_size = 16, shuffle = True)
    valid_dl = dataloader(valid_ds, batch_size = 30)

    def initialize(self, n_classes):
        self.conv1 = nn_conv2d(3, 8, 3)          # base_loader reads RGB, as R's magick
        self.conv2 = nn_conv2d(8, 16, 3)
        self.output = nn_linear(16 * 5 * 5, n_classes)

    def forward(self, x):
        return (x >>
          self.conv1() >> nnf_relu() >> nnf_max_pool2d(2) >>
          self.conv2() >> nnf_relu() >> nnf_max_pool2d(2) >>
          torch_flatten(start_dim = 2) >>
          self.output())

    convnet = nn_module("convnet", initialize = initialize, forward = forward)

    fitted = (convnet >>
      setup(
        loss = nn_cross_entropy_loss(),
        optimizer = optim_adam,
        metrics = list((luz_metric_accuracy(),))
      ) >>
      set_hparams(n_classes = length(CLASSES)) >>
      set_opt_hparams(lr = 0.01) >>
      fit(train_dl, epochs = epochs, valid_data = valid_dl))

    metrics = get_metrics(fitted)
    print(metrics.tail(4))
    last = metrics[(metrics.set == "valid") & (metrics.metric == "acc")].value.iloc[-1]
    print(f"validation accuracy after {epochs} epochs: {last:.3f}")
    preds = predict(fitted, valid_dl)
    print("predicted classes (1-based) of the first 10 validation images:",
          as_integer(torch_argmax(preds[seq(1, 10), :], dim = 2)))
    return {"accuracy": float(last), "classes": ds.classes}


if __name__ == "__main__":
    os.environ.setdefault("RTORCH_INTERACTIVE", "1")
    if len(sys.argv) > 1:
        main(sys.argv[1])
    else:
        with tempfile.TemporaryDirectory() as folder:
            main(folder)
