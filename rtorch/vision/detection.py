"""R torchvision's detection and segmentation datasets (COCO, PASCAL VOC, Oxford-IIIT Pet,
Cityscapes, RF100 "peixos"), reading the standard files from a local ``root``.

Items are R's named lists of the classes ``image_with_bounding_box`` (``y`` holds ``boxes``,
``N x 4`` in pixels ``(x1, y1, x2, y2)``, and ``labels``) or ``image_with_segmentation_mask``
(``y$masks``, ``K x H x W`` booleans), as R torchvision builds them, so that
``draw_bounding_boxes(item)``, ``draw_segmentation_masks(item)`` and the ``item_transform_*``
functions take them. ``x`` is the :func:`~rtorch.vision.io.base_loader` array (``H x W x 3``
in ``[0, 1]``; Cityscapes: a Pillow image, as R's magick image). Files are never downloaded
(see :mod:`rtorch.vision.datasets`).
"""
from __future__ import annotations

import json
import warnings
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any, Callable

import numpy as np
import torch

from ..named_list import NamedList
from ..tensor import wrap
from .classes import pascal_voc_classes
from .convert import py_value, r_chr, r_int, r_ints
from .datasets import ImageListDataset, VisionDataset, _choice, _classes, _lines, _root, find
from .io import base_loader, magick_loader, read_image
from .items import image_with_bounding_box, image_with_segmentation_mask, polygon_mask

__all__ = ["R_DETECTION"]


# -- COCO ---------------------------------------------------------------------------------------

class coco_detection_dataset(VisionDataset):
    """R torchvision's ``coco_detection_dataset(root = tempdir(), train = TRUE, year =
    c("2017", "2014"), download = FALSE, transform = NULL, target_transform = NULL)``: COCO
    images in ``root/coco<year>/<split><year>/`` with
    ``root/coco<year>/annotations/instances_<split><year>.json`` (split "train" or "val").
    ``y``: ``boxes`` (float, ``x1, y1, x2, y2``), ``labels`` (category names), ``area``,
    ``iscrowd``, ``image_height``, ``image_width``."""

    source = "https://cocodataset.org/#download"
    notes = "instances"

    def initialize(self, root: Any = None, train: Any = True, year: Any = ("2017", "2014"),
                   download: Any = False, transform: Callable | None = None,
                   target_transform: Callable | None = None) -> None:
        self._init(_root(root), transform, target_transform, download)
        year = year[0] if isinstance(year, (list, tuple)) else py_value(year)
        self.year = _choice(str(year), ("2017", "2014"), "year")
        self.split = "train" if bool(py_value(train)) else "val"
        self._locate(Path(self.root) / f"coco{self.year}", self.year)
        self.load_annotations()

    def _locate(self, data_dir: Path, year: str) -> None:
        self.data_dir = data_dir
        self.image_dir = data_dir / f"{self.split}{year}"
        self.annotation_file = data_dir / "annotations" / f"{self.notes}_{self.split}{year}.json"
        if not (self.annotation_file.exists() and self.image_dir.is_dir()):
            raise self._not_found(data_dir, f"{self.image_dir.name}/, "
                                             f"annotations/{self.annotation_file.name}")

    def load_annotations(self) -> None:
        data = json.loads(self.annotation_file.read_text())
        self.image_metadata = {im["id"]: im for im in data["images"]}
        cats = data.get("categories", [])
        self.classes = r_chr([c["name"] for c in cats])
        self.category_ids = r_ints([c["id"] for c in cats])
        self.category_names = {c["id"]: c["name"] for c in cats}
        self.annotations: dict[int, list[dict]] = {}
        for ann in data["annotations"]:
            self.annotations.setdefault(ann["image_id"], []).append(ann)
        self.image_ids = [i for i, im in self.image_metadata.items()
                          if (self.image_dir / im["file_name"]).exists()]

    def _image(self, index: Any) -> tuple[np.ndarray, list[dict], int, int]:
        image_id = self.image_ids[self._position(index)]
        x = base_loader(self.image_dir / self.image_metadata[image_id]["file_name"])
        return x, self.annotations.get(image_id, []), x.shape[0], x.shape[1]

    def getitem(self, index: Any) -> NamedList:
        x, anns, h, w = self._image(index)
        boxes = torch.tensor([a["bbox"] for a in anns], dtype=torch.float32).reshape(-1, 4)
        boxes[:, 2:] += boxes[:, :2]
        y = NamedList(boxes=wrap(boxes),
                      labels=r_chr([self.category_names[a["category_id"]] for a in anns]),
                      area=wrap(torch.tensor([float(a["area"]) for a in anns])),
                      iscrowd=wrap(torch.tensor([bool(a.get("iscrowd", 0)) for a in anns],
                                                dtype=torch.bool)),
                      image_height=h, image_width=w)
        return self._item(x, y, image_with_bounding_box)

    def _n(self) -> int:
        return len(self.image_ids)


coco_detection_dataset.__name__ = "coco_detection_dataset"


class coco_segmentation_dataset(coco_detection_dataset):
    """R torchvision's ``coco_segmentation_dataset(...)`` (arguments as
    ``coco_detection_dataset``): ``y`` holds ``labels``, ``iscrowd``, ``segmentation`` (the
    COCO polygons; ``target_transform_coco_masks`` draws them as ``masks``),
    ``image_height``, ``image_width``."""

    def getitem(self, index: Any) -> NamedList:
        x, anns, h, w = self._image(index)
        y = NamedList(labels=r_chr([self.category_names[a["category_id"]] for a in anns]),
                      iscrowd=wrap(torch.tensor([bool(a.get("iscrowd", 0)) for a in anns],
                                                dtype=torch.bool)),
                      segmentation=[a.get("segmentation") for a in anns],
                      image_height=h, image_width=w)
        return self._item(x, y, image_with_bounding_box)


coco_segmentation_dataset.__name__ = "coco_segmentation_dataset"


class coco_caption_dataset(coco_detection_dataset):
    """R torchvision's ``coco_caption_dataset(root = tempdir(), train = TRUE, year = "2014",
    download = FALSE, transform = NULL, target_transform = NULL)``: one item per caption of
    ``root/coco2014/annotations/captions_<split>2014.json``; ``y`` is the caption."""

    notes = "captions"

    def initialize(self, root: Any = None, train: Any = True, year: Any = "2014",
                   download: Any = False, transform: Callable | None = None,
                   target_transform: Callable | None = None) -> None:
        self._init(_root(root), transform, target_transform, download)
        self.year = _choice(str(py_value(year)), ("2014",), "year")
        self.split = "train" if bool(py_value(train)) else "val"
        self._locate(Path(self.root) / f"coco{self.year}", self.year)
        self.annotations = json.loads(self.annotation_file.read_text())["annotations"]
        self.image_ids = list(dict.fromkeys(a["image_id"] for a in self.annotations))

    def getitem(self, index: Any) -> NamedList:
        ann = self.annotations[self._position(index)]
        name = f"COCO_{self.split}2014_{ann['image_id']:012d}.jpg"
        return self._item(base_loader(self.image_dir / name), ann["caption"])

    def _n(self) -> int:
        return len(self.annotations)


coco_caption_dataset.__name__ = "coco_caption_dataset"


# -- PASCAL VOC -------------------------------------------------------------------------------

def _voc_dir(year: str) -> list[str]:
    raw = f"pascal_voc_{year}/raw"
    sub = f"VOCdevkit/VOC{year}"
    return [f"{raw}/TrainVal/{sub}", f"{raw}/{sub}", sub, f"VOC{year}"]


class pascal_segmentation_dataset(ImageListDataset):
    """R torchvision's ``pascal_segmentation_dataset(root = tempdir(), year = "2012", split =
    "train", transform = NULL, target_transform = NULL, download = FALSE)``: PASCAL VOC's
    ``VOCdevkit/VOC<year>`` (under ``root/pascal_voc_<year>/raw``, as R extracts it, or
    ``root``), images listed in ``ImageSets/Segmentation/<split>.txt``. ``y``: ``masks``
    (21 bool masks, class ``k`` is mask ``k``, background first) and ``labels`` (the
    1-based classes present)."""

    source = "http://host.robots.ox.ac.uk/pascal/VOC/"
    years = ("2007", "2008", "2009", "2010", "2011", "2012")
    image_sets = "Segmentation"

    def initialize(self, root: Any = None, year: Any = "2012", split: str = "train",
                   transform: Callable | None = None, target_transform: Callable | None = None,
                   download: Any = False) -> None:
        self._init(_root(root), transform, target_transform, download)
        self.year = _choice(str(py_value(year)), self.years, "year")
        self.split = _choice(split, ("train", "val", "trainval", "test"), "split")
        self.classes = pascal_voc_classes()
        folders = _voc_dir(self.year)
        split_file = f"ImageSets/{self.image_sets}/{self.split}.txt"
        self.voc_dir = find(self.root, folders, split_file)
        if self.voc_dir is None:
            raise self._not_found(Path(self.root) / folders[1], split_file)
        ids = _lines(self.voc_dir / "ImageSets" / self.image_sets / f"{self.split}.txt")
        self.img_path = [str(self.voc_dir / "JPEGImages" / f"{i.strip()}.jpg") for i in ids]
        self._targets(ids)

    def _targets(self, ids: list[str]) -> None:
        self.mask_paths = [str(self.voc_dir / "SegmentationClass" / f"{i.strip()}.png")
                           for i in ids]

    def getitem(self, index: Any) -> NamedList:
        i = self._position(index)
        classes = torch.from_numpy(_voc_class_ids(self.mask_paths[i]))
        masks = torch.arange(21).view(21, 1, 1) == classes.unsqueeze(0)
        labels = torch.nonzero(masks.flatten(1).any(1)).reshape(-1) + 1
        y = NamedList(labels=r_ints(labels.numpy()), masks=wrap(masks))
        return self._item(base_loader(self.img_path[i]), y, image_with_segmentation_mask)


pascal_segmentation_dataset.__name__ = "pascal_segmentation_dataset"

_VOC_COLORS = np.array([[0, 0, 0], [128, 0, 0], [0, 128, 0], [128, 128, 0], [0, 0, 128],
                        [128, 0, 128], [0, 128, 128], [128, 128, 128], [64, 0, 0], [192, 0, 0],
                        [64, 128, 0], [192, 128, 0], [64, 0, 128], [192, 0, 128],
                        [64, 128, 128], [192, 128, 128], [0, 64, 0], [128, 64, 0],
                        [0, 192, 0], [128, 192, 0], [0, 64, 128]])


def _voc_class_ids(path: str) -> np.ndarray:
    """The class (0 .. 20, other values for borders) of each pixel of a VOC mask: the palette
    index of a palette PNG, else the class of the VOC colour."""
    img = read_image(path)
    if img.mode == "P":
        return np.asarray(img, dtype=np.int64)
    rgb = np.asarray(img.convert("RGB"), dtype=np.int64)
    code = rgb[..., 0] * 65536 + rgb[..., 1] * 256 + rgb[..., 2]
    table = _VOC_COLORS[:, 0] * 65536 + _VOC_COLORS[:, 1] * 256 + _VOC_COLORS[:, 2]
    out = np.full(code.shape, 255, dtype=np.int64)
    for k, c in enumerate(table):
        out[code == c] = k
    return out


class pascal_detection_dataset(pascal_segmentation_dataset):
    """R torchvision's ``pascal_detection_dataset(...)`` (arguments as
    ``pascal_segmentation_dataset``): images of ``ImageSets/Main/<split>.txt`` with their
    ``Annotations/<id>.xml``; ``y``: ``labels`` (class names) and ``boxes`` (a long tensor
    ``xmin, ymin, xmax, ymax``)."""

    image_sets = "Main"

    def _targets(self, ids: list[str]) -> None:
        self.annotation_paths = [str(self.voc_dir / "Annotations" / f"{i.strip()}.xml")
                                 for i in ids]

    def getitem(self, index: Any) -> NamedList:
        i = self._position(index)
        return self._item(base_loader(self.img_path[i]),
                          self.parse_voc_xml(self.annotation_paths[i]), image_with_bounding_box)

    @staticmethod
    def parse_voc_xml(path: str) -> NamedList:
        """R's ``parse_voc_xml``: the objects' names and boxes of a VOC annotation file."""
        objects = ET.parse(path).getroot().findall(".//object")
        boxes = [[int(float(o.find(f"bndbox/{k}").text)) for k in ("xmin", "ymin", "xmax", "ymax")]
                 for o in objects]
        return NamedList(labels=r_chr([o.find("name").text for o in objects]),
                         boxes=wrap(torch.tensor(boxes, dtype=torch.long).reshape(-1, 4)))


pascal_detection_dataset.__name__ = "pascal_detection_dataset"


# -- Oxford-IIIT Pet --------------------------------------------------------------------------

class oxfordiiitpet_segmentation_dataset(ImageListDataset):
    """R torchvision's ``oxfordiiitpet_segmentation_dataset(root = tempdir(), train = TRUE,
    target_type = "category", transform = NULL, target_transform = NULL, download = FALSE)``:
    ``images/`` and ``annotations/`` (``trainval.txt``, ``test.txt``, ``trimaps/``) in
    ``root/oxfordiiitpet/raw`` (R) or ``root/oxford-iiit-pet`` (Python's torchvision). ``y``:
    ``masks`` (3 bool masks from the trimap: pet, background, border) and ``label`` (the breed
    ``1 .. 37``, or ``1`` cat / ``2`` dog with ``target_type = "binary-category"``)."""

    source = "https://www.robots.ox.ac.uk/~vgg/data/pets/"

    def initialize(self, root: Any = None, train: Any = True, target_type: str = "category",
                   transform: Callable | None = None, target_transform: Callable | None = None,
                   download: Any = False) -> None:
        self._load(root, train, transform, target_transform, download)
        self.target_type = _choice(target_type, ("category", "binary-category"), "target_type")
        if self.target_type != "category":
            self.classes = r_chr(["Cat", "Dog"])

    def _load(self, root: Any, train: Any, transform: Callable | None,
              target_transform: Callable | None, download: Any) -> None:
        self._init(_root(root), transform, target_transform, download)
        self.train = bool(py_value(train))
        self.split = "train" if self.train else "test"
        self.raw_folder = find(self.root, ("oxfordiiitpet/raw", "oxford-iiit-pet", "."),
                               "annotations/trainval.txt")
        if self.raw_folder is None:
            raise self._not_found(Path(self.root) / "oxfordiiitpet/raw", "images/, annotations/")
        rows = [line.split() for line in _lines(self.raw_folder / "annotations" /
                                                ("trainval.txt" if self.train else "test.txt"))
                if not line.startswith("#")]
        rows = [r for r in rows if (self.raw_folder / "images" / f"{r[0]}.jpg").exists()
                and (self.raw_folder / "annotations" / "trimaps" / f"{r[0]}.png").exists()]
        names = list(dict.fromkeys(r[0].rsplit("_", 1)[0].replace("_", " ") for r in rows))
        self.classes, self.class_to_idx = _classes(names)
        self.img_path = [str(self.raw_folder / "images" / f"{r[0]}.jpg") for r in rows]
        self.labels = [int(r[1]) for r in rows]
        self._species = [1 if r[0][0].isupper() else 2 for r in rows]

    def _masks(self, i: int) -> Any:
        name = Path(self.img_path[i]).stem + ".png"
        trimap = torch.from_numpy(np.asarray(read_image(self.raw_folder / "annotations" /
                                                        "trimaps" / name), dtype=np.int64))
        return wrap(torch.stack([trimap == 1, trimap == 2, trimap == 3]))

    def getitem(self, index: Any) -> NamedList:
        i = self._position(index)
        label = self._species[i] if self.target_type != "category" else self.labels[i]
        y = NamedList(masks=self._masks(i), label=r_int(label))
        return self._item(base_loader(self.img_path[i]), y, image_with_segmentation_mask)


oxfordiiitpet_segmentation_dataset.__name__ = "oxfordiiitpet segmentation"


class oxfordiiitpet_dataset(oxfordiiitpet_segmentation_dataset):
    """R torchvision's ``oxfordiiitpet_dataset(root = tempdir(), train = TRUE, transform = NULL,
    target_transform = NULL, download = FALSE)``: the pets' breeds, ``y`` in ``1 .. 37``."""

    def initialize(self, root: Any = None, train: Any = True, transform: Callable | None = None,
                   target_transform: Callable | None = None, download: Any = False) -> None:
        self._load(root, train, transform, target_transform, download)

    def getitem(self, index: Any) -> NamedList:
        return ImageListDataset.getitem(self, index)


oxfordiiitpet_dataset.__name__ = "oxfordiiitpet"


class oxfordiiitpet_binary_dataset(oxfordiiitpet_dataset):
    """R torchvision's ``oxfordiiitpet_binary_dataset(...)`` (arguments as
    ``oxfordiiitpet_dataset``): ``y`` is ``1`` (cat) or ``2`` (dog)."""

    def initialize(self, *args: Any, **kwargs: Any) -> None:
        oxfordiiitpet_dataset.initialize(self, *args, **kwargs)
        self.classes = r_chr(["Cat", "Dog"])
        self.labels = self._species


oxfordiiitpet_binary_dataset.__name__ = "oxfordiiitpet binary"


# -- Cityscapes -------------------------------------------------------------------------------

_CITYSCAPES_SUFFIX = {"instance": "instanceIds.png", "semantic": "labelIds.png",
                      "color": "color.png", "polygon": "polygons.json"}


class cityscapes_dataset(VisionDataset):
    """R torchvision's ``cityscapes_dataset(root = tempdir(), split = "train", mode = "fine",
    target_type = "instance", transform = NULL, target_transform = NULL)``:
    ``root/leftImg8bit/<split>/<city>/*_leftImg8bit.png`` with ``root/gtFine`` (or
    ``gtCoarse``) annotations. ``x`` is a Pillow image (R's magick image); ``y`` is a named
    list with one element per ``target_type``: ``instance`` / ``semantic`` ids as
    ``1 x H x W`` integer arrays, ``color`` as ``3 x H x W``, ``polygon`` the parsed JSON.
    Cityscapes needs a login to download: get ``leftImg8bit_trainvaltest.zip`` and
    ``gtFine_trainvaltest.zip`` from https://www.cityscapes-dataset.com/downloads/."""

    source = "https://www.cityscapes-dataset.com/downloads/"
    classes = r_chr(["road", "sidewalk", "building", "wall", "fence", "pole", "traffic light",
                     "traffic sign", "vegetation", "terrain", "sky", "person", "rider", "car",
                     "truck", "bus", "train", "motorcycle", "bicycle"])
    class_ids = r_ints(range(19))

    def initialize(self, root: Any = None, split: str = "train", mode: str = "fine",
                   target_type: Any = "instance", transform: Callable | None = None,
                   target_transform: Callable | None = None) -> None:
        self._init(_root(root), transform, target_transform)
        self.split = _choice(split, ("train", "val", "test"), "split")
        self.mode = _choice(mode, ("fine", "coarse"), "mode")
        types = py_value(target_type)
        self.target_type = types if isinstance(types, list) else [types]
        bad = [t for t in self.target_type if t not in _CITYSCAPES_SUFFIX]
        if bad:
            raise ValueError(f"target_type must be one or more of: instance, semantic, polygon, "
                             f"color. Got invalid types: {', '.join(bad)}")
        self.images_dir = Path(self.root) / "leftImg8bit"
        self.targets_dir = Path(self.root) / ("gtFine" if self.mode == "fine" else "gtCoarse")
        if not (self.images_dir.is_dir() and self.targets_dir.is_dir()):
            raise self._not_found(self.root, f"leftImg8bit/, {self.targets_dir.name}/")
        self.images = sorted(str(p) for p in (self.images_dir / self.split)
                             .glob("*/*_leftImg8bit.png"))
        if not self.images:
            raise RuntimeError(f"No images found for split \"{self.split}\" in "
                               f"{self.images_dir}")

    def target_path(self, img_path: str, target_type: str) -> Path:
        p = Path(img_path)
        gt = "gtFine" if self.mode == "fine" or target_type == "polygon" else "gtCoarse"
        stem = p.name.replace("_leftImg8bit.png", "")
        return self.targets_dir / self.split / p.parent.name / \
            f"{stem}_{gt}_{_CITYSCAPES_SUFFIX[target_type]}"

    def getitem(self, index: Any) -> NamedList:
        path = self.images[self._position(index)]
        y = NamedList()
        for t in self.target_type:
            target = self.target_path(path, t)
            if not target.exists():
                warnings.warn(f"Target file not found: {target.name}", stacklevel=2)
                continue
            if t == "polygon":
                y[t] = json.loads(target.read_text())
            else:
                img = read_image(target)
                a = np.asarray(img.convert("RGB") if t == "color" else img).astype(np.int32)
                y[t] = a.transpose(2, 0, 1) if a.ndim == 3 else a[None]
        return self._item(magick_loader(path), y, image_with_segmentation_mask)

    def _n(self) -> int:
        return len(self.images)


cityscapes_dataset.__name__ = "cityscapes"


# -- RF100 "peixos" (COCO polygons) -----------------------------------------------------------

class rf100_peixos_segmentation_dataset(VisionDataset):
    """R torchvision's ``rf100_peixos_segmentation_dataset(split = c("train", "test", "valid"),
    root = tempdir(), download = FALSE, transform = NULL, target_transform = NULL)``: the
    Roboflow-100 fish data set, ``root/rf100_peixos_segmentation_dataset/<split>/`` with its
    images and ``_annotations.coco.json``. ``y``: ``masks`` (``1 x H x W``, the number of
    fish polygons covering each pixel) and ``labels`` (``1``, "fish")."""

    source = "https://huggingface.co/datasets/Francesco/peixos-fish"
    classes = r_chr(["fish"])

    def initialize(self, split: Any = ("train", "test", "valid"), root: Any = None,
                   download: Any = False, transform: Callable | None = None,
                   target_transform: Callable | None = None) -> None:
        self._init(_root(root), transform, target_transform, download)
        split = split[0] if isinstance(split, (list, tuple)) else split
        self.dataset = "peixos"
        self.split = _choice(split, ("train", "test", "valid"), "split")
        self.data_dir = Path(self.root) / type(self).__name__
        self.image_dir = self.data_dir / self.split
        self.annotation_file = self.image_dir / "_annotations.coco.json"
        if not self.annotation_file.exists():
            raise self._not_found(self.image_dir, "_annotations.coco.json and images")
        data = json.loads(self.annotation_file.read_text())
        files = {im["id"]: self.image_dir / im["file_name"] for im in data["images"]}
        present = {i for i, f in files.items() if f.exists()}
        polygons: dict[int, list] = {}
        for ann in data["annotations"]:
            if ann["image_id"] in present:
                polygons.setdefault(ann["image_id"], []).append(ann.get("segmentation") or [])
        self.image_ids = sorted(polygons)
        self.files, self.polygons = files, polygons

    def getitem(self, index: Any) -> NamedList:
        image_id = self.image_ids[self._position(index)]
        x = base_loader(self.files[image_id])
        h, w = x.shape[:2]
        masks = [polygon_mask(seg if isinstance(seg[0], (list, tuple)) else [seg], h, w)
                 for seg in self.polygons[image_id] if len(seg)]
        total = torch.stack(masks).sum(0, keepdim=True) if masks else \
            torch.zeros(1, h, w, dtype=torch.long)
        y = NamedList(masks=wrap(total), labels=r_int(1))
        return self._item(x, y, image_with_segmentation_mask)

    def _n(self) -> int:
        return len(self.image_ids)


rf100_peixos_segmentation_dataset.__name__ = "rf100_peixos_segmentation_dataset"


R_DETECTION: dict[str, Any] = {c.__qualname__: c for c in (
    coco_detection_dataset, coco_segmentation_dataset, coco_caption_dataset,
    pascal_segmentation_dataset, pascal_detection_dataset, oxfordiiitpet_segmentation_dataset,
    oxfordiiitpet_dataset, oxfordiiitpet_binary_dataset, cityscapes_dataset,
    rf100_peixos_segmentation_dataset)}
