"""rtorch.vision: R's ``torchvision`` in Python. ``from rtorch.vision import *`` is R's
``library(torchvision)``: R torchvision's names, arguments and 1-based conventions, computed
by Python's ``torchvision``.

=========================  ==================================================================
module                     R names
=========================  ==================================================================
:mod:`.transforms`         ``transform_*`` (the rule: ``torchvision.transforms.functional``)
:mod:`.models`             ``model_*`` (the rule: ``torchvision.models`` builders)
:mod:`.datasets`           classification data sets (MNIST, CIFAR, image folders, ...)
:mod:`.detection`          detection / segmentation data sets (COCO, VOC, pets, ...)
:mod:`.catalog`            parquet collections (RF100, WHOI) and their catalog
:mod:`.items`              ``item_transform_*``, ``target_transform_*``, SAHI
:mod:`.ops`                box operations (``torchvision.ops``)
:mod:`.utils`              ``draw_*``, ``vision_make_grid``, ``tensor_image_*``
:mod:`.io`                 ``base_loader``, ``magick_loader``
:mod:`.classes`            ``imagenet_classes``, ``coco_classes``, ``pascal_voc_classes``
=========================  ==================================================================

:data:`NOT_PROVIDED` lists R torchvision's names that are not here, and why.
"""
from __future__ import annotations

from ..lazy import require as _require

for _module in ("torchvision", "PIL"):       # one clear line when the extra is not installed
    _require(_module, "vision", "rtorch.vision")

from .catalog import R_CATALOG
from .classes import R_CLASSES
from .datasets import R_DATASETS
from .detection import R_DETECTION
from .io import R_IO
from .items import R_ITEMS
from .models import R_MODELS
from .ops import R_OPS
from .transforms import R_TRANSFORMS
from .utils import R_UTILS

R_VISION = {**R_TRANSFORMS, **R_ITEMS, **R_MODELS, **R_DATASETS, **R_DETECTION, **R_CATALOG,
            **R_OPS, **R_UTILS, **R_IO, **R_CLASSES}

_NO_TORCHVISION = "no counterpart in Python's torchvision (an architecture only R torchvision has)"

#: R torchvision's exports that rtorch.vision does not provide, and why.
NOT_PROVIDED: dict[str, str] = {
    **{f"model_rfdetr_{v}": _NO_TORCHVISION
       for v in ("nano", "small", "medium", "base", "base_2", "base_o365", "large")},
    **{f"model_lw_detr_{v}": _NO_TORCHVISION for v in ("tiny", "small", "medium", "large")},
    **{f"model_convnext_{v}_upernet": _NO_TORCHVISION for v in ("tiny", "small", "base")},
    "model_facenet_inception_resnet_v1": _NO_TORCHVISION,
    "model_mtcnn": _NO_TORCHVISION + " (its three stages are provided)",
    "imagenet_21k_classes": "R downloads the ImageNet-21k class list; not shipped offline",
    "imagenet_21k_df": "R downloads the ImageNet-21k class list; not shipped offline",
    "caltech_classes": "R downloads the Caltech-256 class list; not shipped offline "
                       "(caltech256_dataset()$classes has the names)",
}

globals().update(R_VISION)

__all__ = sorted(R_VISION)
