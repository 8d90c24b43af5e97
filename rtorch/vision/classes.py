"""R torchvision's class-name lists, read offline from torchvision's weights metadata.

``imagenet_classes(class_id = 1:1000)`` (and ``imagenet_1k_classes``), ``coco_classes(class_id
= 1:90)``, ``pascal_voc_classes(class_id = 1:21)``: R character vectors of the names of the
1-based ``class_id`` (``imagenet_classes()[1]`` is "tench"), as R's functions return them. A
``class_id`` past the end warns, as in R, and gives ``NA``.

The names are those of torchvision's weights (``ResNet18_Weights.IMAGENET1K_V1``'s
categories for ImageNet, Faster R-CNN's COCO categories, FCN's VOC categories); R spells four
VOC classes differently (:data:`VOC_R_NAMES`).
"""
from __future__ import annotations

import functools
import warnings
from typing import Any

import numpy as np
from torchvision.models import ResNet18_Weights
from torchvision.models.detection import FasterRCNN_ResNet50_FPN_Weights
from torchvision.models.segmentation import FCN_ResNet50_Weights

from ..rbase import RVector
from .convert import py_ints, r_chr

__all__ = ["R_CLASSES", "VOC_R_NAMES"]

#: torchvision's VOC names that R torchvision spells otherwise.
VOC_R_NAMES = {"__background__": "background", "diningtable": "dining table",
               "pottedplant": "potted plant", "tvmonitor": "tv/monitor"}


@functools.cache
def _names(which: str) -> tuple[str, ...]:
    if which == "imagenet":
        return tuple(ResNet18_Weights.IMAGENET1K_V1.meta["categories"])
    if which == "coco":
        return tuple(FasterRCNN_ResNet50_FPN_Weights.COCO_V1.meta["categories"][1:])
    return tuple(VOC_R_NAMES.get(n, n)
                 for n in FCN_ResNet50_Weights.COCO_WITH_VOC_LABELS_V1.meta["categories"])


def _pick(which: str, label: str, class_id: Any) -> RVector:
    names = _names(which)
    ids = np.atleast_1d(np.asarray(py_ints(class_id)))
    if (ids > len(names)).any():
        warnings.warn(f"{label} `class_id` cannot be > {len(names)}", stacklevel=3)
    return r_chr(names)[RVector(ids.astype(np.int32))]


def imagenet_classes(class_id: Any = None) -> RVector:
    """R torchvision's ``imagenet_classes(class_id = 1:1000)`` (and ``imagenet_1k_classes``):
    ImageNet-1k class names."""
    return _pick("imagenet", "Imagenet", np.arange(1, 1001) if class_id is None else class_id)


def coco_classes(class_id: Any = None) -> RVector:
    """R torchvision's ``coco_classes(class_id = 1:90)``: COCO category names by category id
    (unused ids are "N/A"), the labels of the detection models."""
    return _pick("coco", "MS COCO", np.arange(1, 91) if class_id is None else class_id)


def pascal_voc_classes(class_id: Any = None) -> RVector:
    """R torchvision's ``pascal_voc_classes(class_id = 1:21)``: "background" then the 20 VOC
    classes."""
    return _pick("voc", "PASCAL VOC", np.arange(1, 22) if class_id is None else class_id)


R_CLASSES = {"imagenet_classes": imagenet_classes, "imagenet_1k_classes": imagenet_classes,
             "coco_classes": coco_classes, "pascal_voc_classes": pascal_voc_classes}
