"""Real R files ported line for line: mlverse/torchdatasets (Daniel Falbel, Athos Damiani
and the torchdatasets authors), ``R/spam-dataset.R`` and ``R/guess-the-correlation.R``.

Idioms: ``tempfile(fileext = ".data")``, ``read.table(path, header = FALSE)``,
``as.matrix(df[, -ncol(df)])``, ``as.numeric(df[, ncol(df)])``, fields that default to NULL
(``transform``) tested with ``is.null``; ``self$images[index, ]`` then ``sample$id`` and
``paste0(sample$id, ".png")`` on a one-row data frame, ``self$images$corr <- NA_real_``,
``file.path``, ``force(index)``, ``torch_scalar_tensor(sample$corr)``, a pipe of transforms.

The download steps (``download.file``, torchdatasets' ``maybe_download``) are replaced by
files written into a temporary folder, the same layout the real data set has.
"""
import numpy as np
import pandas as pd
import pytest
from PIL import Image

from rtorch import *  # noqa: F403
from rtorch.vision import base_loader, transform_rgb_to_grayscale, transform_to_tensor


# ---- R/spam-dataset.R ------------------------------------------------------------------------------

def _spam_initialize(self, url="https://hastie.su.domains/ElemStatLearn/datasets/spam.data",
                     download=False, transform=None, target_transform=None):
    data_path = tempfile(fileext=".data")

    if download:
        download_file(url, data_path, mode="wb")
    else:
        data_path = url

    raw_spam_data = read_table(data_path, header=False)

    self.x_data = as_matrix(raw_spam_data.r[:, -ncol(raw_spam_data)])
    self.y_data = as_numeric(raw_spam_data.r[:, ncol(raw_spam_data)])

    self.transform = transform
    self.target_transform = target_transform


def _spam_getitem(self, index):
    x = self.x_data[index, :]
    y = self.y_data[index]

    if not is_null(self.transform):
        x = self.transform(x)

    if not is_null(self.target_transform):
        y = self.target_transform(y)

    return dict(
        x=torch_tensor(x, dtype=torch_float()),
        y=torch_tensor(y, dtype=torch_long())
    )


spam_dataset = dataset(
    name="spam_dataset",
    initialize=_spam_initialize,
    getitem=_spam_getitem,
    length=lambda self: nrow(self.x_data)
)


# ---- R/guess-the-correlation.R (after the download) ------------------------------------------------

def _gtc_initialize(self, root, split="train", transform=None, target_transform=None,
                    indexes=None, download=False):

    self.transform = transform
    self.target_transform = target_transform

    data_path = root                                   # maybe_download(...) gives the folder

    if split == "train":
        self.images = read_csv(file_path(data_path, "train.csv"))
        if not is_null(indexes):
            self.images = self.images.r[indexes, :]
        self._path = file_path(data_path, "train_imgs")
    elif split == "submission":
        self.images = read_csv(file_path(data_path, "example_submition.csv"))
        self.images.r.corr = NA_real_
        self._path = file_path(data_path, "test_imgs")


def _gtc_getitem(self, index):

    force(index)

    sample = self.images.r[index, :]
    id = sample.r.id
    x = base_loader(file_path(self._path, paste0(sample.r.id, ".png")))
    x = transform_to_tensor(x) >> transform_rgb_to_grayscale()

    if not is_null(self.transform):
        x = self.transform(x)

    y = torch_scalar_tensor(sample.r.corr)
    if not is_null(self.target_transform):
        y = self.target_transform(y)

    return dict(x=x, y=y, id=id)


guess_the_correlation_dataset = dataset(
    "GuessTheCorrelation",
    initialize=_gtc_initialize,
    getitem=_gtc_getitem,
    length=lambda self: nrow(self.images)
)


# ---- checks --------------------------------------------------------------------------------------

def test_spam_dataset(tmp_path):
    rows = ["0 0.64 1.5 278 1", "0.21 0.28 0 1028 1", "0.06 0 3.1 2259 0"]
    path = tmp_path / "spam.data"
    path.write_text("\n".join(rows) + "\n")
    ds = spam_dataset(url=str(path))
    assert int(length(ds)) == 3 and ds.x_data.shape == (3, 4)
    item = ds[2]
    assert item.x.torch.tolist() == pytest.approx([0.21, 0.28, 0, 1028])
    assert item.y.torch.tolist() == [1] and item.y.dtype == torch_long()
    doubled = spam_dataset(url=str(path), transform=lambda x: x * 2)
    assert doubled[3].x.torch.tolist() == pytest.approx([0.12, 0, 6.2, 4518])
    batch = next(iter(dataloader(ds, batch_size=3)))
    assert batch.x.shape == (3, 4) and batch.y.torch.reshape(-1).tolist() == [1, 1, 0]


def _gtc_folder(tmp_path):
    (tmp_path / "train_imgs").mkdir()
    (tmp_path / "test_imgs").mkdir()
    ids = ["a1", "b2", "c3"]
    for k, i in enumerate(ids):
        img = np.full((6, 6, 3), 40 * (k + 1), dtype=np.uint8)
        Image.fromarray(img).save(tmp_path / "train_imgs" / f"{i}.png")
        Image.fromarray(img).save(tmp_path / "test_imgs" / f"{i}.png")
    pd.DataFrame({"id": ids, "corr": [0.5, -0.25, 0.75]}).to_csv(tmp_path / "train.csv",
                                                                 index=False)
    pd.DataFrame({"id": ids, "corr": [0, 0, 0]}).to_csv(tmp_path / "example_submition.csv",
                                                        index=False)
    return tmp_path


def test_guess_the_correlation(tmp_path):
    root = _gtc_folder(tmp_path)
    ds = guess_the_correlation_dataset(str(root))
    assert int(length(ds)) == 3
    item = ds[2]
    assert item.id == "b2" and item.y.item() == -0.25
    assert item.x.shape == (1, 6, 6) and abs(item.x.torch.max().item() - 80 / 255) < 1e-3
    some = guess_the_correlation_dataset(str(root), indexes=c(3, 1))
    assert int(length(some)) == 2 and some[1].id == "c3"
    sub = guess_the_correlation_dataset(str(root), split="submission")
    assert np.isnan(sub[1].y.item())
