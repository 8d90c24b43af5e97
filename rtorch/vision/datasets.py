"""R torchvision's image-classification datasets, reading the standard files from a local
``root``.

Every data set is an rtorch :class:`~rtorch.dataset.Dataset` (``ds[1]``, ``length(ds)``,
``dataloader(ds, batch_size = 32)``); an item is R's named list ``list(x = , y = )``:
``ds[1].x`` is the image and ``ds[1].y`` the class, an R integer ``1 .. length(ds.classes)``
(``ds.classes[y]`` names it: ``classes`` is an R character vector, 1-based). ``transform`` is
applied to ``x`` and ``target_transform`` to ``y``, as in R.

What ``x`` is, as in R: for MNIST-like sets an integer array ``1 x 28 x 28`` (values
``0 .. 255``), for CIFAR an integer array ``32 x 32 x 3``, for image files the
:func:`~rtorch.vision.io.base_loader` array ``H x W x 3`` of doubles in ``[0, 1]`` (R reads
JPEGs so; a grayscale file gets three channels). ``transform_to_tensor()`` turns all of them
into ``C x H x W`` float tensors in ``[0, 1]``, so ``transform = transform_to_tensor`` is the
usual start.

Files: rtorch never downloads. Each data set looks for the files of the original archives,
extracted under ``root`` (the folders R torchvision extracts to, and those of Python's
torchvision where they differ; each class's docstring lists them). When they are missing,
``download = FALSE`` fails with R's "Dataset not found" and the place to put them;
``download = TRUE`` fails saying that rtorch does not download, with the source address.
"""
from __future__ import annotations

import gzip
import json
import lzma
import os
import re
import warnings
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

import numpy as np

from ..dataset import Dataset, scalar_index
from ..lazy import require
from ..named_list import NamedList
from ..rbase import RVector
from ..safe_load import read_array_pickle
from .convert import py_value, r_chr, r_int, r_ints
from .io import IMG_EXTENSIONS, base_loader, image_array, read_image, read_mat

__all__ = ["R_DATASETS", "VisionDataset", "DatasetNotFound", "find", "idx_array"]


class DatasetNotFound(RuntimeError):
    """A data set's files are not under ``root`` (rtorch never downloads them)."""


# -- the base class ----------------------------------------------------------------------------

class VisionDataset(Dataset):
    """What R torchvision's data sets share: ``transform`` / ``target_transform``, items as
    named lists ``list(x = , y = )``, R's errors when files are missing."""

    #: where the original files come from (said when they are missing)
    source: str = ""

    def _init(self, root: Any, transform: Callable | None, target_transform: Callable | None,
              download: Any = False) -> None:
        self.root = str(Path(os.path.expanduser(os.fspath(root))))
        self.transform = transform
        self.target_transform = target_transform
        self.download = bool(py_value(download))

    def _init_train(self, root: Any, train: Any, transform: Callable | None,
                    target_transform: Callable | None, download: Any) -> None:
        """``_init`` for the data sets with R's ``root = tempdir(), train = TRUE`` arguments."""
        self._init(_root(root), transform, target_transform, download)
        self.train = bool(py_value(train))

    def _not_found(self, where: Any, what: str = "") -> DatasetNotFound:
        need = f" ({what})" if what else ""
        get = f" from {self.source}" if self.source else ""
        if self.download:
            return DatasetNotFound(
                f"`download = TRUE`: rtorch does not download. Get the files of "
                f"<{type(self).__name__}>{get} and extract them under {where}{need}.")
        return DatasetNotFound(
            f"Dataset not found under {where}{need}. rtorch does not download (`download = "
            f"TRUE` fails): get the files{get} and extract them there.")

    def _item(self, x: Any, y: Any, kind: type = NamedList) -> NamedList:
        if self.transform is not None:
            x = self.transform(x)
        if self.target_transform is not None:
            y = self.target_transform(y)
        return kind(x=x, y=y)

    def _position(self, index: Any) -> int:
        """The 0-based position of R's 1-based ``index`` (one item at a time, as in R)."""
        i = scalar_index(index)
        if i is None:
            raise TypeError(f"<{type(self).__name__}> gets one item at a time: use ds[i]")
        return i - 1 if i > 0 else len(self) + i

    def length(self) -> RVector:
        return r_int(self._n())

    def _n(self) -> int:
        raise NotImplementedError


def find(root: Any, candidates: Iterable[str], marker: str | None = None) -> Path | None:
    """The first of ``root/<candidate>`` that exists (holding ``marker`` when given)."""
    for c in candidates:
        p = Path(root) / c
        if (p / marker).exists() if marker else p.exists():
            return p
    return None


def _classes(names: Sequence[str]) -> tuple[RVector, RVector]:
    """R's ``classes`` and ``class_to_idx`` (a named integer vector ``1 .. n``)."""
    names = list(names)
    return r_chr(names), RVector(np.arange(1, len(names) + 1, dtype=np.int32), names=names)


# -- files of images with labels -----------------------------------------------------------------

class ImageListDataset(VisionDataset):
    """Images read from files, one label each: ``img_path`` (paths) and ``labels`` (1-based)."""

    def read(self, path: str) -> Any:
        """How an image file is read: R's array in ``[0, 1]`` (:func:`base_loader`)."""
        return base_loader(path)

    def getitem(self, index: Any) -> NamedList:
        i = self._position(index)
        return self._item(self.read(self.img_path[i]), r_int(int(self.labels[i])))

    def _n(self) -> int:
        return len(self.img_path)


class image_folder_dataset(ImageListDataset):
    """R torchvision's ``image_folder_dataset(root, transform = NULL, target_transform = NULL,
    loader = NULL, is_valid_file = NULL)``: one sub-folder of ``root`` per class (sorted names
    are classes ``1 .. n``), images anywhere below it (jpg, jpeg, png, tif, tiff, or those
    ``is_valid_file(path)`` accepts). ``loader`` reads a file (default
    :func:`~rtorch.vision.io.base_loader`). Fields: ``classes``, ``class_to_idx``,
    ``samples`` (``list(paths, targets)``), ``targets``, ``imgs``."""

    def initialize(self, root: Any, transform: Callable | None = None,
                   target_transform: Callable | None = None, loader: Callable | None = None,
                   is_valid_file: Callable | None = None) -> None:
        self._init(root, transform, target_transform)
        self.loader = loader or base_loader
        self.extensions = None if is_valid_file is not None else r_chr(IMG_EXTENSIONS)
        valid = is_valid_file or (lambda p: p.rsplit(".", 1)[-1].lower() in IMG_EXTENSIONS)
        names = sorted(d.name for d in Path(self.root).iterdir() if d.is_dir()) \
            if Path(self.root).is_dir() else []
        self.classes, self.class_to_idx = _classes(names)
        paths, targets = [], []
        for k, name in enumerate(names, 1):
            files = sorted(str(p) for p in (Path(self.root) / name).rglob("*")
                           if p.is_file() and valid(str(p)))
            paths += files
            targets += [k] * len(files)
        if not paths:
            msg = f"Found 0 files in subfolders of {self.root}"
            if self.extensions is not None:
                msg += f"\nSupported extensions are {','.join(IMG_EXTENSIONS)}"
            raise RuntimeError(msg)
        self.img_path, self.labels = paths, targets
        self.samples = [r_chr(paths), r_ints(targets)]
        self.targets = self.samples[1]
        self.imgs = self.samples

    def read(self, path: str) -> Any:
        return self.loader(path)


image_folder_dataset.__name__ = "image_folder"


class tiny_imagenet_dataset(image_folder_dataset):
    """R torchvision's ``tiny_imagenet_dataset(root, split = "train", download = FALSE, ...)``:
    an image folder on ``root/tiny-imagenet-200/<split>`` (``...`` as for
    ``image_folder_dataset``). The validation split is read either organised in class folders
    (as R leaves it) or as extracted from the archive (``val/images`` with
    ``val_annotations.txt``)."""

    source = "http://cs231n.stanford.edu/tiny-imagenet-200.zip"

    def initialize(self, root: Any, split: str = "train", download: Any = False,
                   **kwargs: Any) -> None:
        self.download = bool(py_value(download))
        base = Path(os.path.expanduser(os.fspath(root))) / "tiny-imagenet-200"
        folder = base / split
        if not folder.is_dir():
            raise self._not_found(base, f"folder `{split}`")
        notes = folder / "val_annotations.txt"
        if notes.exists() and (folder / "images").is_dir():
            self._init(folder, kwargs.get("transform"), kwargs.get("target_transform"))
            self.loader = kwargs.get("loader") or base_loader
            rows = [line.split("\t")[:2] for line in notes.read_text().splitlines() if line]
            names = sorted({wnid for _, wnid in rows})
            self.classes, self.class_to_idx = _classes(names)
            index = {n: k for k, n in enumerate(names, 1)}
            self.img_path = [str(folder / "images" / f) for f, _ in rows]
            self.labels = [index[w] for _, w in rows]
            self.samples = [r_chr(self.img_path), r_ints(self.labels)]
            self.targets = self.imgs = self.samples[1]
            return
        image_folder_dataset.initialize(self, folder, **kwargs)


tiny_imagenet_dataset.__name__ = "tiny_imagenet"


# -- MNIST and friends (IDX files) --------------------------------------------------------------

_IDX_TYPES = {0x08: ">u1", 0x09: ">i1", 0x0B: ">i2", 0x0C: ">i4", 0x0D: ">f4", 0x0E: ">f8"}


def idx_array(path: Any) -> np.ndarray:
    """An IDX file (MNIST's format: ``train-images-idx3-ubyte``, optionally ``.gz`` or
    ``.xz``) as a numpy array."""
    path = str(path)
    opener = gzip.open if path.endswith(".gz") else lzma.open if path.endswith(".xz") else open
    with opener(path, "rb") as f:
        raw = f.read()
    kind, ndim = raw[2], raw[3]
    dims = np.frombuffer(raw, dtype=">i4", count=ndim, offset=4)
    data = np.frombuffer(raw, dtype=_IDX_TYPES[kind], offset=4 + 4 * ndim)
    return data.reshape(tuple(int(d) for d in dims)).astype(_IDX_TYPES[kind][1:])


def _idx_file(folders: Sequence[Path], name: str) -> Path | None:
    for folder in folders:
        for suffix in ("", ".gz", ".xz"):
            p = folder / (name + suffix)
            if p.exists():
                return p
    return None


class mnist_dataset(VisionDataset):
    """R torchvision's ``mnist_dataset(root = tempdir(), train = TRUE, transform = NULL,
    target_transform = NULL, download = FALSE)``: MNIST's IDX files
    (``train-images-idx3-ubyte``, ``train-labels-idx1-ubyte``, ``t10k-...``, plain or ``.gz``)
    in ``root/mnist/raw`` (R), ``root/MNIST/raw`` (Python's torchvision) or ``root``. Items:
    ``x`` an integer array ``1 x 28 x 28`` (``0 .. 255``), ``y`` the digit's class
    ``1 .. 10``. Fields ``data`` (``n x 28 x 28``), ``targets``, ``classes``."""

    source = "https://yann.lecun.com/exdb/mnist/ (or torchvision's mirrors)"
    folders = ("mnist/raw", "MNIST/raw", "mnist", "MNIST", ".")
    files = {"train": ("train-images-idx3-ubyte", "train-labels-idx1-ubyte"),
             "test": ("t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte")}
    classes = r_chr(['0 - zero', '1 - one', '2 - two', '3 - three', '4 - four', '5 - five',
                     '6 - six', '7 - seven', '8 - eight', '9 - nine'])

    def initialize(self, root: Any = None, train: Any = True,
                   transform: Callable | None = None, target_transform: Callable | None = None,
                   download: Any = False) -> None:
        self._init_train(root, train, transform, target_transform, download)
        self.split = "train" if self.train else "test"
        self._load(*self.files[self.split])

    def _load(self, images: str, labels: str) -> None:
        folders = [Path(self.root) / f for f in self.folders]
        found = [_idx_file(folders, images), _idx_file(folders, labels)]
        if None in found:
            raise self._not_found(Path(self.root) / self.folders[0], f"{images}, {labels}")
        self.data = idx_array(found[0]).astype(np.uint8)
        self.targets = r_ints(self._labels(idx_array(found[1])) + 1)

    def _labels(self, raw: np.ndarray) -> np.ndarray:
        return raw.reshape(-1).astype(np.int32)

    def getitem(self, index: Any) -> NamedList:
        i = self._position(index)
        return self._item(self.data[i:i + 1].astype(np.int32),
                          r_int(int(self.targets.values[i])))

    def _n(self) -> int:
        return int(self.data.shape[0])


mnist_dataset.__name__ = "mnist"


class kmnist_dataset(mnist_dataset):
    """R torchvision's ``kmnist_dataset(...)`` (arguments as ``mnist_dataset``): Kuzushiji-MNIST,
    IDX files in ``root/kmnist/raw``, ``root/KMNIST/raw`` or ``root``."""

    source = "http://codh.rois.ac.jp/kmnist/dataset/kmnist/"
    folders = ("kmnist/raw", "KMNIST/raw", "kmnist", ".")
    classes = r_chr(['o', 'ki', 'su', 'tsu', 'na', 'ha', 'ma', 'ya', 're', 'wo'])


kmnist_dataset.__name__ = "kmnist_dataset"


class fashion_mnist_dataset(mnist_dataset):
    """R torchvision's ``fashion_mnist_dataset(...)`` (arguments as ``mnist_dataset``):
    Fashion-MNIST, IDX files in ``root/fashion_mnist/raw``, ``root/FashionMNIST/raw`` or
    ``root``."""

    source = "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/"
    folders = ("fashion_mnist/raw", "FashionMNIST/raw", "fashion_mnist", ".")
    classes = r_chr(["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt",
                     "Sneaker", "Bag", "Ankle boot"])


fashion_mnist_dataset.__name__ = "fashion_mnist_dataset"


class qmnist_dataset(mnist_dataset):
    """R torchvision's ``qmnist_dataset(root = tempdir(), split = "train", transform = NULL,
    target_transform = NULL, download = FALSE)``: QMNIST (``split`` "train", "test" or
    "nist"), IDX files (``qmnist-train-images-idx3-ubyte``, ``qmnist-train-labels-idx2-int``,
    ``xnist-...``, plain, ``.gz`` or ``.xz``) in ``root/qmnist/raw``, ``root/QMNIST/raw`` or
    ``root``; the class is the first label column, plus 1."""

    source = "https://github.com/facebookresearch/qmnist"
    folders = ("qmnist/raw", "QMNIST/raw", "qmnist", ".")
    files = {"train": ("qmnist-train-images-idx3-ubyte", "qmnist-train-labels-idx2-int"),
             "test": ("qmnist-test-images-idx3-ubyte", "qmnist-test-labels-idx2-int"),
             "nist": ("xnist-images-idx3-ubyte", "xnist-labels-idx2-int")}

    def initialize(self, root: Any = None, split: str = "train",
                   transform: Callable | None = None, target_transform: Callable | None = None,
                   download: Any = False) -> None:
        self._init(_root(root), transform, target_transform, download)
        self.split = _choice(split, self.files, "split")
        self._load(*self.files[self.split])

    def _labels(self, raw: np.ndarray) -> np.ndarray:
        return raw.reshape(raw.shape[0], -1)[:, 0].astype(np.int32)


qmnist_dataset.__name__ = "qmnist_dataset"


_EMNIST_CLASSES = {
    "byclass": [*"0123456789", *"ABCDEFGHIJKLMNOPQRSTUVWXYZ", *"abcdefghiklnqt"],
    "bymerge": [*"0123456789", *"ABCDEFGHIJKLMNOPQRSTUVWXYZ", *"abdefgjmpsuvxyz"],
    "balanced": [*"0123456789", *"ABCDEFGHIJKLMNOPQRSTUVWXYZ", *"abcdefghiklnqt"],
    "letters": [*"abcdefghijklmnopqrstuvwxyz"],
    "digits": [*"0123456789"], "mnist": [*"0123456789"],
}


class emnist_collection(mnist_dataset):
    """R torchvision's ``emnist_collection(root = tempdir(), split = "test", dataset =
    "balanced", transform = NULL, target_transform = NULL, download = FALSE)``: EMNIST's IDX
    files ``emnist-<dataset>-<split>-images-idx3-ubyte.gz`` (and labels) from its ``gzip``
    folder, in ``root/emnist_collection/raw/unzipped/gzip`` (R), ``root/EMNIST/raw`` (Python's
    torchvision) or ``root``. ``dataset``: byclass, bymerge, balanced, letters, digits,
    mnist."""

    source = "https://biometrics.nist.gov/cs_links/EMNIST/gzip.zip"
    folders = ("emnist_collection/raw/unzipped/gzip", "EMNIST/raw", "EMNIST/raw/gzip", "gzip",
               ".")

    def initialize(self, root: Any = None, split: str = "test", dataset: str = "balanced",
                   transform: Callable | None = None, target_transform: Callable | None = None,
                   download: Any = False) -> None:
        self._init(_root(root), transform, target_transform, download)
        self.split = _choice(split, ("train", "test"), "split")
        self.dataset = _choice(dataset, _EMNIST_CLASSES, "dataset")
        self.classes = self.class_ = r_chr(_EMNIST_CLASSES[self.dataset])
        stem = f"emnist-{self.dataset}-{self.split}"
        self._load(f"{stem}-images-idx3-ubyte", f"{stem}-labels-idx1-ubyte")


emnist_collection.__name__ = "emnist_collection"


def emnist_dataset(kind: str, *args: Any, **kwargs: Any) -> emnist_collection:
    """R torchvision's deprecated ``emnist_dataset(kind, ...)``: ``emnist_collection(dataset =
    kind, ...)``."""
    warnings.warn("'emnist_dataset' is deprecated. Use 'emnist_collection' instead.",
                  DeprecationWarning, stacklevel=2)
    return emnist_collection(*args, dataset=kind, **kwargs)


def _root(root: Any) -> Any:
    """R's ``root = tempdir()``."""
    if root is None:
        import tempfile
        return tempfile.gettempdir()
    return root


def _choice(value: Any, choices: Iterable[str], what: str) -> str:
    """R's ``match.arg(value, choices)`` (exact names)."""
    choices = list(choices)
    value = py_value(value)
    if value not in choices:
        raise ValueError(f"'{what}' should be one of " + ", ".join(f'"{c}"' for c in choices))
    return value


# -- CIFAR ----------------------------------------------------------------------------------

class cifar10_dataset(VisionDataset):
    """R torchvision's ``cifar10_dataset(root = tempdir(), train = TRUE, transform = NULL,
    target_transform = NULL, download = FALSE)``: CIFAR-10 from the binary version
    (``root/cifar-10-batches-bin``: ``data_batch_1.bin`` ... ``test_batch.bin``,
    ``batches.meta.txt``; R's) or the Python version (``root/cifar-10-batches-py``: the pickled
    ``data_batch_1`` ... ``test_batch``, ``batches.meta``). Items: ``x`` an integer array
    ``32 x 32 x 3`` (``0 .. 255``), ``y`` the class ``1 .. 10``. Fields ``x`` (``n x 32 x 32 x
    3``), ``y``, ``classes``, ``class_to_idx``."""

    source = "https://www.cs.toronto.edu/~kriz/cifar.html"
    bin_folder, py_folder = "cifar-10-batches-bin", "cifar-10-batches-py"
    bin_files = {"train": [f"data_batch_{i}.bin" for i in range(1, 6)],
                 "test": ["test_batch.bin"]}
    py_files = {"train": [f"data_batch_{i}" for i in range(1, 6)], "test": ["test_batch"]}
    bin_meta, py_meta, label_key = "batches.meta.txt", "batches.meta", "labels"

    def initialize(self, root: Any = None, train: Any = True,
                   transform: Callable | None = None, target_transform: Callable | None = None,
                   download: Any = False) -> None:
        self._init_train(root, train, transform, target_transform, download)
        self.split = "train" if self.train else "test"
        binary, python = Path(self.root) / self.bin_folder, Path(self.root) / self.py_folder
        if all((binary / f).exists() for f in self.bin_files[self.split]):
            images, labels = zip(*(self._read_bin(binary / f) for f in self.bin_files[self.split]))
            names = (binary / self.bin_meta).read_text().split("\n")
        elif all((python / f).exists() for f in self.py_files[self.split]):
            images, labels = zip(*(self._read_py(python / f) for f in self.py_files[self.split]))
            names = _unpickle(python / self.py_meta)[self.label_key[:-1] + "_names"]
        else:
            raise self._not_found(self.root, f"{self.bin_folder} or {self.py_folder}")
        self.x = np.concatenate(images)
        self.y = r_ints(np.concatenate(labels).astype(np.int32) + 1)
        self.classes, self.class_to_idx = _classes([n for n in names if n])

    def _read_bin(self, path: Path) -> tuple[np.ndarray, np.ndarray]:
        skip = 2 if self.label_key == "fine_labels" else 1
        rows = np.fromfile(path, dtype=np.uint8).reshape(-1, skip + 3072)
        return _hwc(rows[:, skip:]), rows[:, skip - 1]

    def _read_py(self, path: Path) -> tuple[np.ndarray, np.ndarray]:
        d = _unpickle(path)
        return _hwc(np.asarray(d["data"], dtype=np.uint8)), np.asarray(d[self.label_key])

    def getitem(self, index: Any) -> NamedList:
        i = self._position(index)
        return self._item(self.x[i].astype(np.int32), r_int(int(self.y.values[i])))

    def _n(self) -> int:
        return int(self.x.shape[0])


cifar10_dataset.__name__ = "cifar10_dataset"


class cifar100_dataset(cifar10_dataset):
    """R torchvision's ``cifar100_dataset(...)`` (arguments as ``cifar10_dataset``): CIFAR-100's
    fine labels (``1 .. 100``), from ``root/cifar-100-binary`` (``train.bin``, ``test.bin``,
    ``fine_label_names.txt``) or ``root/cifar-100-python`` (``train``, ``test``, ``meta``)."""

    bin_folder, py_folder = "cifar-100-binary", "cifar-100-python"
    bin_files = {"train": ["train.bin"], "test": ["test.bin"]}
    py_files = {"train": ["train"], "test": ["test"]}
    bin_meta, py_meta, label_key = "fine_label_names.txt", "meta", "fine_labels"


cifar100_dataset.__name__ = "cifar100_dataset"


def _unpickle(path: Path) -> dict:
    """A CIFAR batch: arrays and data only, never code (:func:`read_array_pickle`)."""
    d = read_array_pickle(path, encoding="latin1")
    if not isinstance(d, dict):
        raise ValueError(f"{str(path)!r} is not a CIFAR batch (a pickled dict)")
    return {k.decode() if isinstance(k, bytes) else k: v for k, v in d.items()}


def _hwc(rows: np.ndarray) -> np.ndarray:
    """CIFAR's rows (1024 red, 1024 green, 1024 blue values) as ``n x 32 x 32 x 3``."""
    return rows.reshape(-1, 3, 32, 32).transpose(0, 2, 3, 1).copy()


# -- folders of class folders: Caltech, LFW --------------------------------------------------

def _class_folders(folder: Path, pattern: str, skip: Sequence[str] = ()) -> tuple[list, list,
                                                                                    list]:
    names = sorted(d.name for d in folder.iterdir() if d.is_dir() and d.name not in skip)
    paths, labels = [], []
    for k, name in enumerate(names, 1):
        files = sorted(str(p) for p in (folder / name).glob(pattern))
        paths += files
        labels += [k] * len(files)
    return names, paths, labels


class caltech101_dataset(ImageListDataset):
    """R torchvision's ``caltech101_dataset(root = tempdir(), transform = NULL,
    target_transform = NULL, download = FALSE)``: ``101_ObjectCategories`` (one folder of
    ``*.jpg`` per class, ``BACKGROUND_Google`` left out) under ``root/caltech-101/caltech-101``
    (R), ``root/caltech101`` (Python's torchvision) or ``root``."""

    source = "https://data.caltech.edu/records/mzrjq-6wc02/files/caltech-101.zip"
    subname = "101_ObjectCategories"
    folders = ("caltech-101/caltech-101", "caltech101", "caltech-101", ".")

    def initialize(self, root: Any = None, transform: Callable | None = None,
                   target_transform: Callable | None = None, download: Any = False) -> None:
        self._init(_root(root), transform, target_transform, download)
        base = find(self.root, self.folders, self.subname)
        if base is None:
            raise self._not_found(Path(self.root) / self.folders[0], self.subname)
        names, self.img_path, self.labels = _class_folders(base / self.subname, "*.jpg",
                                                           ("BACKGROUND_Google",))
        self.classes = r_chr(self._class_names(names))

    def _class_names(self, folders: list[str]) -> list[str]:
        return folders


caltech101_dataset.__name__ = "caltech-101"


class caltech256_dataset(caltech101_dataset):
    """R torchvision's ``caltech256_dataset(...)`` (arguments as ``caltech101_dataset``):
    ``256_ObjectCategories`` under ``root/caltech256``, ``root/caltech256/caltech256`` or
    ``root``; class names without their number prefix (``001.ak47`` is ``ak47``)."""

    source = "https://data.caltech.edu/records/nyy15-4j048/files/256_ObjectCategories.tar"
    subname = "256_ObjectCategories"
    folders = ("caltech256", "caltech256/caltech256", ".")

    def _class_names(self, folders: list[str]) -> list[str]:
        return [re.sub(r"^\d+\.", "", f) for f in folders]


caltech256_dataset.__name__ = "caltech256"


class lfw_people_dataset(ImageListDataset):
    """R torchvision's ``lfw_people_dataset(root = tempdir(), transform = NULL, split =
    "original", target_transform = NULL, download = FALSE)``: Labeled Faces in the Wild, one
    folder per person in ``root/lfw`` (``split = "original"``) or ``root/lfw_funneled``
    (``"funneled"``); ``y`` is the person (``classes``)."""

    source = "https://huggingface.co/datasets/DerrickUnleashed/LFW"

    def initialize(self, root: Any = None, transform: Callable | None = None,
                   split: str = "original", target_transform: Callable | None = None,
                   download: Any = False) -> None:
        self._init(_root(root), transform, target_transform, download)
        self.split = _choice(split, ("original", "funneled"), "split")
        self.split_name = "lfw" if self.split == "original" else "lfw_funneled"
        folder = Path(self.root) / self.split_name
        if not folder.is_dir():
            raise self._not_found(folder)
        names, self.img_path, self.labels = _class_folders(folder, "*.jpg")
        self.classes, self.class_to_idx = _classes(names)


lfw_people_dataset.__name__ = "lfw_people"


class lfw_pairs_dataset(VisionDataset):
    """R torchvision's ``lfw_pairs_dataset(root = tempdir(), train = TRUE, transform = NULL,
    split = "original", target_transform = NULL, download = FALSE)``: pairs of faces listed in
    ``root/pairsDevTrain.txt`` / ``pairsDevTest.txt``, images in ``root/lfw`` or
    ``root/lfw_funneled``. ``x`` is a list of the two images (``transform`` gets the list),
    ``y`` is ``1`` ("Same") or ``2`` ("Different")."""

    source = "https://huggingface.co/datasets/DerrickUnleashed/LFW"
    classes = r_chr(["Same", "Different"])

    def initialize(self, root: Any = None, train: Any = True,
                   transform: Callable | None = None, split: str = "original",
                   target_transform: Callable | None = None, download: Any = False) -> None:
        self._init_train(root, train, transform, target_transform, download)
        self.split = _choice(split, ("original", "funneled"), "split")
        self.split_name = "lfw" if self.split == "original" else "lfw_funneled"
        pairs = Path(self.root) / ("pairsDevTrain.txt" if self.train else "pairsDevTest.txt")
        if not pairs.exists() or not (Path(self.root) / self.split_name).is_dir():
            raise self._not_found(self.root, f"{self.split_name}/, {pairs.name}")
        self.pairs = [self._pair(line.split()) for line in pairs.read_text().splitlines()[1:]
                      if line.strip()]

    @staticmethod
    def _pair(parts: list[str]) -> tuple[str, str, int]:
        if len(parts) == 3:
            name, a, b = parts
            return f"{name}/{name}_{int(a):04d}.jpg", f"{name}/{name}_{int(b):04d}.jpg", 1
        n1, a, n2, b = parts
        return f"{n1}/{n1}_{int(a):04d}.jpg", f"{n2}/{n2}_{int(b):04d}.jpg", 2

    def getitem(self, index: Any) -> NamedList:
        a, b, label = self.pairs[self._position(index)]
        folder = Path(self.root) / self.split_name
        return self._item([base_loader(folder / a), base_loader(folder / b)], r_int(label))

    def _n(self) -> int:
        return len(self.pairs)


lfw_pairs_dataset.__name__ = "lfw_pairs"


# -- lists of files with labels: EuroSAT, FGVC, Flowers, Places, VGGFace2, Oxford pets -------

def _tiff_chw(path: str) -> np.ndarray:
    """A (multi-band) TIFF as R's ``readTIFF() %>% aperm(c(3, 1, 2))``: ``C x H x W`` doubles.
    Multi-band files need the ``tifffile`` package."""
    try:
        import tifffile
    except ImportError:
        tifffile = None
    if tifffile is not None:
        a = np.asarray(tifffile.imread(path), dtype=np.float64)
        a = a if a.ndim == 3 else a[..., None]
        return np.moveaxis(a, -1, 0) if a.shape[-1] < a.shape[0] else a
    try:
        return np.moveaxis(image_array(read_image(path)), -1, 0)
    except Exception as e:
        raise RuntimeError(f"cannot read {path} with Pillow ({e}); multi-band TIFF files need "
                           "the `tifffile` package") from None


class eurosat_dataset(ImageListDataset):
    """R torchvision's ``eurosat_dataset(root = tempdir(), split = "val", download = FALSE,
    transform = NULL, target_transform = NULL)``: EuroSAT images (``.jpg`` or ``.tif``, in any
    sub-folder of ``root/eurosat/images``, ``root/eurosat`` or ``root/EuroSAT``) listed in
    the split file ``root/eurosat-<split>.txt`` (torchgeo's lists; also without ``.txt``);
    classes are the file-name prefixes, in order of appearance. TIFF images come as
    ``C x H x W`` arrays (R's ``aperm``), JPEGs as ``H x W x 3``."""

    source = "https://huggingface.co/datasets/torchgeo/eurosat"
    folder_name, split_stem = "eurosat", "eurosat-{split}"

    def initialize(self, root: Any = None, split: str = "val", download: Any = False,
                   transform: Callable | None = None,
                   target_transform: Callable | None = None) -> None:
        self._init(_root(root), transform, target_transform, download)
        self.split = _choice(split, ("train", "val", "test"), "split")
        stem = self.split_stem.format(split=self.split)
        split_file = find(self.root, (stem + ".txt", stem))
        images = find(self.root, (f"{self.folder_name}/images", self.folder_name,
                                  type(self).__name__, "EuroSAT"))
        files = {} if images is None else {
            p.stem: str(p) for p in images.rglob("*") if p.suffix.lower() in (".jpg", ".tif")}
        if split_file is None or len(files) < 2:
            raise self._not_found(self.root, f"{stem}.txt and {self.folder_name}/images")
        self.data = [line.strip() for line in split_file.read_text().splitlines() if line.strip()]
        names = list(dict.fromkeys(n.split("_")[0] for n in self.data))
        self.classes = r_chr(names)
        self.class_to_idx = RVector(np.arange(len(names), dtype=np.float64), names=names)
        index = {n: k for k, n in enumerate(names, 1)}
        stems = [os.path.splitext(n)[0] for n in self.data]
        missing = [s for s in stems if s not in files]
        if missing:
            raise ValueError(f"Image file `{missing[0]}` not found.")
        self.img_path = [files[s] for s in stems]
        self.labels = [index[s.split("_")[0]] for s in stems]

    def read(self, path: str) -> Any:
        return _tiff_chw(path) if path.lower().endswith(".tif") else base_loader(path)


eurosat_dataset.__name__ = "eurosat"


class eurosat_all_bands_dataset(eurosat_dataset):
    """R torchvision's ``eurosat_all_bands_dataset(...)`` (arguments as ``eurosat_dataset``): the
    13-band TIFF images (``root/eurosat_all_bands/images``), read with ``tifffile``."""

    folder_name = "eurosat_all_bands"


eurosat_all_bands_dataset.__name__ = "eurosat_all_bands"


class eurosat100_dataset(eurosat_dataset):
    """R torchvision's ``eurosat100_dataset(...)`` (arguments as ``eurosat_dataset``): the
    100-image subset (``root/eurosat100/images``, split files ``eurosat-100-<split>.txt``)."""

    folder_name, split_stem = "eurosat100", "eurosat-100-{split}"


eurosat100_dataset.__name__ = "eurosat100"


class fer_dataset(VisionDataset):
    """R torchvision's ``fer_dataset(root = tempdir(), train = TRUE, transform = NULL,
    target_transform = NULL, download = FALSE)``: FER-2013's ``root/fer2013/fer2013.csv``
    (columns ``emotion``, ``pixels``, ``Usage``). ``x`` is a ``48 x 48`` integer matrix,
    ``y`` the emotion ``1 .. 7`` (``classes``)."""

    source = "https://huggingface.co/datasets/DerrickUnleashed/FER-2013"
    classes = r_chr(["Angry", "Disgust", "Fear", "Happy", "Sad", "Surprise", "Neutral"])

    def initialize(self, root: Any = None, train: Any = True,
                   transform: Callable | None = None, target_transform: Callable | None = None,
                   download: Any = False) -> None:
        pd = require("pandas", "vision", "this data set")
        self._init_train(root, train, transform, target_transform, download)
        self.split = "Train" if self.train else "Test"
        self.folder_name = "fer2013"
        self.class_to_idx = _classes(list(self.classes.values))[1]
        csv = Path(self.root) / self.folder_name / "fer2013.csv"
        if not csv.exists():
            raise self._not_found(csv.parent, csv.name)
        df = pd.read_csv(csv)
        keep = df["Usage"] == "Training" if self.train else df["Usage"].isin(
            ["PublicTest", "PrivateTest"])
        df = df[keep]
        self.x = [np.array(p.split(), dtype=np.int32).reshape(48, 48) for p in df["pixels"]]
        self.y = r_ints(df["emotion"].to_numpy() + 1)

    def getitem(self, index: Any) -> NamedList:
        i = self._position(index)
        return self._item(self.x[i], r_int(int(self.y.values[i])))

    def _n(self) -> int:
        return len(self.x)


fer_dataset.__name__ = "fer_dataset"


class fgvc_aircraft_dataset(ImageListDataset):
    """R torchvision's ``fgvc_aircraft_dataset(root = tempdir(), split = "train",
    annotation_level = "variant", transform = NULL, target_transform = NULL, download =
    FALSE)``: ``root/fgvc-aircraft-2013b/data`` (``images/``, ``variants.txt``, ...,
    ``images_<level>_<split>.txt``). ``y`` is the class at ``annotation_level``
    ("manufacturer", "family", "variant"), or all three (``"all"``). As in R, ``x`` is
    in ``[0, 255]`` (R multiplies the JPEG's values by 255)."""

    source = "https://www.robots.ox.ac.uk/~vgg/data/fgvc-aircraft/"
    levels = ("manufacturer", "family", "variant")
    level_files = {"manufacturer": "manufacturers.txt", "family": "families.txt",
                   "variant": "variants.txt"}

    def initialize(self, root: Any = None, split: str = "train",
                   annotation_level: str = "variant", transform: Callable | None = None,
                   target_transform: Callable | None = None, download: Any = False) -> None:
        self._init(_root(root), transform, target_transform, download)
        self.split = py_value(split)
        self.annotation_level = _choice(annotation_level, (*self.levels, "all"),
                                        "annotation_level")
        self.base_dir = Path(self.root) / "fgvc-aircraft-2013b"
        self.data_dir = self.base_dir / "data"
        if not self.data_dir.is_dir():
            raise self._not_found(self.base_dir)
        self.classes = NamedList({lvl: r_chr(_lines(self.data_dir / f))
                                  for lvl, f in self.level_files.items()})
        labels: dict[str, dict[str, int]] = {}
        for lvl in self.levels:
            index = {n: k for k, n in enumerate(self.classes[lvl].values.tolist(), 1)}
            rows = _lines(self.data_dir / f"images_{lvl}_{self.split}.txt")
            labels[lvl] = {r[:7]: index.get(r[7:].strip()) for r in rows}
        ids = sorted(i for i in labels["variant"]
                     if all(labels[lvl].get(i) is not None for lvl in self.levels))
        self.img_path = [str(self.data_dir / "images" / f"{i}.jpg") for i in ids]
        self.labels_df = {lvl: [labels[lvl][i] for i in ids] for lvl in self.levels}

    def getitem(self, index: Any) -> NamedList:
        i = self._position(index)
        if self.annotation_level == "all":
            y = r_ints([self.labels_df[lvl][i] for lvl in self.levels])
        else:
            y = r_int(self.labels_df[self.annotation_level][i])
        return self._item(base_loader(self.img_path[i]) * 255, y)


fgvc_aircraft_dataset.__name__ = "fgvc_aircraft"


def _lines(path: Path) -> list[str]:
    return [line for line in path.read_text().splitlines() if line.strip()]


_FLOWERS = [
    "pink primrose", "hard-leaved pocket orchid", "canterbury bells", "sweet pea",
    "english marigold", "tiger lily", "moon orchid", "bird of paradise", "monkshood",
    "globe thistle", "snapdragon", "colt's foot", "king protea", "spear thistle", "yellow iris",
    "globe-flower", "purple coneflower", "peruvian lily", "balloon flower",
    "giant white arum lily", "fire lily", "pincushion flower", "fritillary", "red ginger",
    "grape hyacinth", "corn poppy", "prince of wales feathers", "stemless gentian", "artichoke",
    "sweet william", "carnation", "garden phlox", "love in the mist", "mexican aster",
    "alpine sea holly", "ruby-lipped cattleya", "cape flower", "great masterwort", "siam tulip",
    "lenten rose", "barbeton daisy", "daffodil", "sword lily", "poinsettia", "bolero deep blue",
    "wallflower", "marigold", "buttercup", "oxeye daisy", "common dandelion", "petunia",
    "wild pansy", "primula", "sunflower", "pelargonium", "bishop of llandaff", "gaura",
    "geranium", "orange dahlia", "pink-yellow dahlia?", "cautleya spicata", "japanese anemone",
    "black-eyed susan", "silverbush", "californian poppy", "osteospermum", "spring crocus",
    "bearded iris", "windflower", "tree poppy", "gazania", "azalea", "water lily", "rose",
    "thorn apple", "morning glory", "passion flower", "lotus", "toad lily", "anthurium",
    "frangipani", "clematis", "hibiscus", "columbine", "desert-rose", "tree mallow", "magnolia",
    "cyclamen", "watercress", "canna lily", "hippeastrum", "bee balm", "ball moss", "foxglove",
    "bougainvillea", "camellia", "mallow", "mexican petunia", "bromelia", "blanket flower",
    "trumpet creeper", "blackberry lily"]


class flowers102_dataset(ImageListDataset):
    """R torchvision's ``flowers102_dataset(root = tempdir(), split = "train", transform = NULL,
    target_transform = NULL, download = FALSE)``: Oxford 102 Flowers: ``jpg/`` with
    ``imagelabels.mat`` and ``setid.mat`` in ``root/flowers102/raw`` (R),
    ``root/flowers-102`` (Python's torchvision) or ``root/flowers102``; ``split`` "train",
    "val" or "test"."""

    source = "https://www.robots.ox.ac.uk/~vgg/data/flowers/102/"
    classes = r_chr(_FLOWERS)
    folders = ("flowers102/raw", "flowers-102", "flowers102", ".")

    def initialize(self, root: Any = None, split: str = "train",
                   transform: Callable | None = None, target_transform: Callable | None = None,
                   download: Any = False) -> None:
        self._init(_root(root), transform, target_transform, download)
        self.split = _choice(split, ("train", "val", "test"), "split")
        base = find(self.root, self.folders, "setid.mat")
        if base is None or not (base / "imagelabels.mat").exists():
            raise self._not_found(Path(self.root) / self.folders[0],
                                  "jpg/, imagelabels.mat, setid.mat")
        labels = read_mat(base / "imagelabels.mat")["labels"].reshape(-1)
        key = {"train": "trnid", "val": "valid", "test": "tstid"}[self.split]
        ids = read_mat(base / "setid.mat")[key].reshape(-1).astype(int)
        self.img_path = [str(base / "jpg" / f"image_{i:05d}.jpg") for i in ids]
        self.labels = [int(labels[i - 1]) for i in ids]


flowers102_dataset.__name__ = "flowers102"


class places365_dataset(ImageListDataset):
    """R torchvision's ``places365_dataset(root = tempdir(), split = c("train", "val",
    "test"), transform = NULL, target_transform = NULL, download = FALSE, loader =
    magick_loader)``: Places365-Standard (256 x 256) in ``root/places365``:
    ``categories_places365.txt``, ``places365_train_standard.txt`` with ``data_256/``,
    ``places365_val.txt`` with ``val_256/``, ``test_256/``. ``y`` is the scene ``1 .. 365``
    (``NA`` for the unlabelled test split); images are read by ``loader`` (a Pillow image by
    default, R's magick image)."""

    source = "http://data.csail.mit.edu/places/places365/"
    dirs = {"train": "data_256", "val": "val_256", "test": "test_256"}
    notes = {"train": "places365_train_standard.txt", "val": "places365_val.txt"}

    def initialize(self, root: Any = None, split: Any = ("train", "val", "test"),
                   transform: Callable | None = None, target_transform: Callable | None = None,
                   download: Any = False, loader: Callable | None = None) -> None:
        from .io import magick_loader
        self._init(_root(root), transform, target_transform, download)
        split = split[0] if isinstance(split, (list, tuple)) else split
        self.split = _choice(split, self.dirs, "split")
        self.loader = loader or magick_loader
        self.base_dir = find(self.root, ("places365", "."), self.dirs[self.split]) \
            or Path(self.root) / "places365"
        folder = self.base_dir / self.dirs[self.split]
        if self.split == "test":
            if not folder.is_dir():
                raise self._not_found(self.base_dir, self.dirs[self.split])
            self.img_path = sorted(str(p) for p in folder.glob("*.jpg"))
            self.labels = [None] * len(self.img_path)
            return
        notes = self.base_dir / self.notes[self.split]
        if not (notes.exists() and folder.is_dir()):
            raise self._not_found(self.base_dir, f"{notes.name}, {folder.name}/")
        cats = _lines(self.base_dir / "categories_places365.txt")
        self.classes, self.class_to_idx = _classes([c.split()[0].rsplit("/", 1)[-1]
                                                    for c in cats])
        rows = [line.rsplit(" ", 1) for line in _lines(notes)]
        items = [(str(folder / p.lstrip("/")), int(k) + 1) for p, k in rows]
        items = [(p, k) for p, k in items if os.path.exists(p)]
        self.img_path = [p for p, _ in items]
        self.labels = [k for _, k in items]

    def read(self, path: str) -> Any:
        return self.loader(path)

    def getitem(self, index: Any) -> NamedList:
        i = self._position(index)
        k = self.labels[i]
        if k is None:
            from ..rbase import NA_integer_
            x = self.read(self.img_path[i])
            return NamedList(x=self.transform(x) if self.transform else x, y=NA_integer_)
        return self._item(self.read(self.img_path[i]), r_int(k))


places365_dataset.__name__ = "places365_dataset"


class places365_dataset_large(places365_dataset):
    """R torchvision's ``places365_dataset_large(...)`` (arguments as ``places365_dataset``): the
    high-resolution images (``data_large/``, ``val_large/``, ``test_large/``)."""

    dirs = {"train": "data_large", "val": "val_large", "test": "test_large"}


places365_dataset_large.__name__ = "places365_dataset_large"


class vggface2_dataset(ImageListDataset):
    """R torchvision's ``vggface2_dataset(root = tempdir(), split = "train", transform = NULL,
    target_transform = NULL, download = FALSE)``: VGGFace2 images in
    ``root/vggface2/raw/<split>/<class_id>/*.jpg``, listed in ``<split>_list.txt`` (in
    ``root/vggface2/raw``, ``root/vggface2`` or ``root``); ``identity_meta.csv`` becomes
    ``identity_df`` when present. ``y`` is the identity, ``1 ..`` over the sorted class ids.
    (R's default ``split = "val"`` is not one of its choices; here it is "train".)"""

    source = "https://huggingface.co/datasets/ProgramComputer/VGGFace2"

    def initialize(self, root: Any = None, split: str = "train",
                   transform: Callable | None = None, target_transform: Callable | None = None,
                   download: Any = False) -> None:
        pd = require("pandas", "vision", "this data set")
        self._init(_root(root), transform, target_transform, download)
        self.split = _choice(split, ("train", "test"), "split")
        base = find(self.root, ("vggface2/raw", "vggface2", "."), f"{self.split}_list.txt")
        if base is None or not (base / self.split).is_dir():
            raise self._not_found(Path(self.root) / "vggface2/raw",
                                  f"{self.split}/, {self.split}_list.txt")
        rows = [line.split("/", 1) for line in _lines(base / f"{self.split}_list.txt")]
        ids = sorted({c for c, _ in rows})
        self.classes, self.class_to_idx = _classes(ids)
        index = {c: k for k, c in enumerate(ids, 1)}
        self.img_path = [str(base / self.split / c / f) for c, f in rows]
        self.labels = [index[c] for c, _ in rows]
        meta = base / "identity_meta.csv"
        self.identity_df = pd.read_csv(meta, skipinitialspace=True) if meta.exists() else None


vggface2_dataset.__name__ = "vggface2"


class flickr8k_caption_dataset(ImageListDataset):
    """R torchvision's ``flickr8k_caption_dataset(root = tempdir(), train = TRUE, transform =
    NULL, target_transform = NULL, download = FALSE)``: Flickr8k in ``root/flickr8k/raw``
    (``Flickr8k.token.txt``, ``Flickr_8k.trainImages.txt``, ``Flickr_8k.testImages.txt``,
    ``Flicker8k_Dataset/``). ``y`` is the image's captions (a character vector)."""

    source = "https://github.com/jbrownlee/Datasets/releases/tag/Flickr8k"

    def initialize(self, root: Any = None, train: Any = True,
                   transform: Callable | None = None, target_transform: Callable | None = None,
                   download: Any = False) -> None:
        self._init_train(root, train, transform, target_transform, download)
        self.split = "train" if self.train else "test"
        raw = Path(self.root) / "flickr8k" / "raw"
        needed = ["Flickr8k.token.txt", "Flickr_8k.trainImages.txt", "Flickr_8k.testImages.txt",
                  "Flicker8k_Dataset"]
        if not all((raw / n).exists() for n in needed):
            raise self._not_found(raw, ", ".join(needed))
        captions: dict[str, list[str]] = {}
        for line in _lines(raw / "Flickr8k.token.txt"):
            key, caption = line.split("\t", 1)
            captions.setdefault(key.split("#")[0].strip(), []).append(caption)
        ids = [i.strip() for i in _lines(raw / ("Flickr_8k.trainImages.txt" if self.train
                                                 else "Flickr_8k.testImages.txt"))]
        self._set(raw / "Flicker8k_Dataset", ids, captions)

    def _set(self, folder: Path, ids: list[str], captions: dict[str, list[str]]) -> None:
        ids = [i for i in ids if (folder / i).exists()]
        self.classes = NamedList({i: r_chr(captions[i]) for i in sorted(captions)})
        self.img_path = [str(folder / i) for i in ids]
        self.captions = ids

    def getitem(self, index: Any) -> NamedList:
        i = self._position(index)
        return self._item(base_loader(self.img_path[i]), self.classes[self.captions[i]])


flickr8k_caption_dataset.__name__ = "flickr8k"


class flickr30k_caption_dataset(flickr8k_caption_dataset):
    """R torchvision's ``flickr30k_caption_dataset(...)`` (arguments as
    ``flickr8k_caption_dataset``): ``root/flickr30k/raw`` with Karpathy's
    ``dataset_flickr30k.json`` and ``flickr30k-images/``."""

    source = "https://shannon.cs.illinois.edu/DenotationGraph/ (images), " \
             "https://cs.stanford.edu/people/karpathy/deepimagesent/ (captions)"

    def initialize(self, root: Any = None, train: Any = True,
                   transform: Callable | None = None, target_transform: Callable | None = None,
                   download: Any = False) -> None:
        self._init_train(root, train, transform, target_transform, download)
        self.split = "train" if self.train else "test"
        raw = Path(self.root) / "flickr30k" / "raw"
        notes = raw / "dataset_flickr30k.json"
        if not (notes.exists() and (raw / "flickr30k-images").is_dir()):
            raise self._not_found(raw, "dataset_flickr30k.json, flickr30k-images/")
        images = [im for im in json.loads(notes.read_text())["images"]
                  if im["split"] == self.split]
        captions = {im["filename"]: [s["raw"] for s in im["sentences"]] for im in images}
        self._set(raw / "flickr30k-images", [im["filename"] for im in images], captions)


flickr30k_caption_dataset.__name__ = "flickr30k"


R_DATASETS: dict[str, Any] = {
    "image_folder_dataset": image_folder_dataset, "tiny_imagenet_dataset": tiny_imagenet_dataset,
    "mnist_dataset": mnist_dataset, "kmnist_dataset": kmnist_dataset,
    "fashion_mnist_dataset": fashion_mnist_dataset, "qmnist_dataset": qmnist_dataset,
    "emnist_collection": emnist_collection, "emnist_dataset": emnist_dataset,
    "cifar10_dataset": cifar10_dataset, "cifar100_dataset": cifar100_dataset,
    "caltech101_dataset": caltech101_dataset, "caltech256_dataset": caltech256_dataset,
    "lfw_people_dataset": lfw_people_dataset, "lfw_pairs_dataset": lfw_pairs_dataset,
    "eurosat_dataset": eurosat_dataset, "eurosat_all_bands_dataset": eurosat_all_bands_dataset,
    "eurosat100_dataset": eurosat100_dataset, "fer_dataset": fer_dataset,
    "fgvc_aircraft_dataset": fgvc_aircraft_dataset, "flowers102_dataset": flowers102_dataset,
    "places365_dataset": places365_dataset, "places365_dataset_large": places365_dataset_large,
    "vggface2_dataset": vggface2_dataset, "flickr8k_caption_dataset": flickr8k_caption_dataset,
    "flickr30k_caption_dataset": flickr30k_caption_dataset,
}
