"""R torchvision's transforms of whole dataset items and of detection targets, and SAHI
(slicing an image into overlapping crops).

Items: detection and segmentation data sets return named lists of the R classes
``image_with_bounding_box``, ``image_with_segmentation_mask`` and ``image_with_rotated_box``
(:class:`NamedList` subclasses of those names); a plain ``dict(x = , y = )`` is read by its
content (``y$boxes`` with 4 or 5 columns, or ``y$masks``).

* ``item_transform_hflip(x)``, ``item_transform_vflip(x)``, ``item_transform_center_crop(x,
  size)``: the image and its boxes (torchvision's ``transforms.v2`` box functions) or masks
  together; boxes cropped away are dropped with their ``labels``, ``area``, ``iscrowd``.
  Given a data set, they wrap its ``getitem`` (as R does) and return it.
* ``item_transform_rotate(x, angle, interpolation = 2, expand = TRUE, fill = 0)``: the image
  turned, its boxes become R's rotated boxes (``box_xyxy_to_xyxyr``).
* ``target_transform_resize(target, size)``, ``target_transform_rotate(target, angle = 0)``,
  ``target_transform_coco_masks(y)`` (COCO polygons drawn as masks with Pillow),
  ``target_transform_trimap_masks(y)``: targets (``y``) only, as R.
* ``prepare_sahi_split(x, size = c(512, 512), overlap_size_ratio = c(0.2, 0.2))`` computes
  overlapping crop windows (1-based ``top``/``left``, as R) for an image size ``c(h, w)``, an
  image or a data set; ``transform_sahi_crop(x, sahi_split)`` crops a tensor into a stack
  ``N x C x h x w`` (a Pillow image into a list of images); ``target_transform_sahi_crop(y,
  sahi_split, min_area_ratio = 0.1)`` cuts the boxes to each window.
"""
from __future__ import annotations

import math
import numbers
from typing import Any, Callable

import numpy as np
import torch
import torchvision.transforms.v2.functional as F2
from PIL import Image, ImageDraw
from torchvision.tv_tensors import BoundingBoxFormat

from ..dataset import Dataset
from ..named_list import NamedList
from ..pipes import pipeable
from ..rbase import RVector
from ..tensor import Tensor, wrap
from .convert import as_torch_tensor, is_image, py_ints, py_value
from .ops import box_xyxy_to_xyxyr, rotated_corner_offsets
from .transforms import R_TRANSFORMS, image_size

__all__ = ["R_ITEMS", "image_with_bounding_box", "image_with_segmentation_mask",
           "image_with_rotated_box", "sahi_split"]

_XYXY = BoundingBoxFormat.XYXY


class image_with_bounding_box(NamedList):
    """R's class of a detection item: ``x`` the image, ``y$boxes`` ``N x 4`` (x1, y1, x2, y2)."""

    __slots__ = ()


class image_with_segmentation_mask(NamedList):
    """R's class of a segmentation item: ``x`` the image, ``y$masks`` ``K x H x W``."""

    __slots__ = ()


class image_with_rotated_box(NamedList):
    """R's class of an item with rotated boxes ``N x 5`` (x1, y1, x2, y2, angle)."""

    __slots__ = ()


class sahi_split(NamedList):
    """What ``prepare_sahi_split()`` returns: ``crop_windows`` (named lists ``top``, ``left``,
    ``height``, ``width``, 1-based), ``size``, ``overlap_size_ratio``, ``image_height``,
    ``image_width``."""

    __slots__ = ()


def _kind(item: Any, fn: str) -> type:
    for cls in (image_with_rotated_box, image_with_bounding_box, image_with_segmentation_mask):
        if isinstance(item, cls):
            return cls
    y = item.get("y") if isinstance(item, dict) and "x" in item else None
    if isinstance(y, dict) and "boxes" in y:
        return image_with_rotated_box if as_torch_tensor(y["boxes"]).shape[-1] == 5 \
            else image_with_bounding_box
    if isinstance(y, dict) and "masks" in y:
        return image_with_segmentation_mask
    raise TypeError(f"`{fn}()` requires a dataset item (a list with `x` and `y` fields), not "
                    f"{type(item).__name__}. To transform a raw image use `transform_"
                    f"{fn.removeprefix('item_transform_')}()` instead.")


def _copy(item: Any, cls: type) -> NamedList:
    return cls(x=item["x"], y=NamedList(item["y"]), **{k: v for k, v in item.items()
                                                      if k not in ("x", "y")})


def _on_dataset(ds: Dataset, f: Callable[[Any], Any]) -> Dataset:
    """R's ``<item transform>.dataset``: ``ds``'s ``getitem`` followed by ``f``."""
    original = ds.getitem
    ds.getitem = lambda index: f(original(index))
    return ds


def _select(values: Any, keep: torch.Tensor) -> Any:
    """``values[keep]`` for tensors, R vectors and lists (``keep`` a boolean mask)."""
    if values is None:
        return None
    if type(values) is Tensor or isinstance(values, torch.Tensor):
        return wrap(as_torch_tensor(values)[keep])
    positions = (torch.nonzero(keep).reshape(-1) + 1).tolist()
    if isinstance(values, RVector):
        return values[RVector(np.array(positions, dtype=np.int32))]
    return [values[i - 1] for i in positions]


def _boxes(y: Any) -> torch.Tensor:
    b = as_torch_tensor(y["boxes"])
    return b if b.is_floating_point() else b.to(torch.float32)


def _flip(item: Any, fn: str, horizontal: bool) -> Any:
    if isinstance(item, Dataset):
        return _on_dataset(item, lambda it: _flip(it, fn, horizontal))
    cls = _kind(item, fn)
    out = _copy(item, cls)
    h, w = image_size(item["x"])
    flip_image = R_TRANSFORMS["transform_hflip" if horizontal else "transform_vflip"]
    out.x = flip_image(item["x"])
    if cls is image_with_segmentation_mask:
        out.y.masks = flip_image(out.y["masks"])
        return out
    b = _boxes(out.y).clone()
    flip = F2.horizontal_flip_bounding_boxes if horizontal else F2.vertical_flip_bounding_boxes
    b[:, :4] = flip(b[:, :4], format=_XYXY, canvas_size=(h, w))
    if cls is image_with_rotated_box:
        b[:, 4] = -b[:, 4]
    out.y.boxes = wrap(b)
    return out


def item_transform_hflip(x: Any) -> Any:
    """R torchvision's ``item_transform_hflip(x)``: the item's image and boxes (or masks) flipped
    left-right; on a data set, every item."""
    return _flip(x, "item_transform_hflip", True)


def item_transform_vflip(x: Any) -> Any:
    """R torchvision's ``item_transform_vflip(x)``: the item's image and boxes (or masks) flipped
    upside down; on a data set, every item."""
    return _flip(x, "item_transform_vflip", False)


def item_transform_center_crop(x: Any, size: Any) -> Any:
    """R torchvision's ``item_transform_center_crop(x, size)``: the image cropped at its centre
    (``transform_center_crop``), boxes moved and clipped (torchvision's
    ``center_crop_bounding_boxes``), empty ones dropped with their labels; masks cropped."""
    if isinstance(x, Dataset):
        return _on_dataset(x, lambda it: item_transform_center_crop(it, size))
    cls = _kind(x, "item_transform_center_crop")
    s = py_ints(size)
    ch, cw = (s, s) if not isinstance(s, list) else (s[0], s[-1])
    out = _copy(x, cls)
    h, w = image_size(x["x"])
    out.x = R_TRANSFORMS["transform_center_crop"](x["x"], [ch, cw])
    if cls is image_with_segmentation_mask:
        out.y.masks = R_TRANSFORMS["transform_center_crop"](out.y["masks"], [ch, cw])
    else:
        b = _boxes(out.y).clone()
        b[:, :4], _ = F2.center_crop_bounding_boxes(b[:, :4], format=_XYXY, canvas_size=(h, w),
                                                    output_size=[ch, cw])
        keep = (b[:, 2] > b[:, 0]) & (b[:, 3] > b[:, 1])
        out.y.boxes = wrap(b[keep])
        for field in ("labels", "area", "iscrowd"):
            if field in out.y:
                out.y[field] = _select(out.y[field], keep)
    out.y.image_height, out.y.image_width = ch, cw
    return out


def item_transform_rotate(x: Any, angle: Any, interpolation: Any = 2, expand: Any = True,
                          fill: Any = 0) -> Any:
    """R torchvision's ``item_transform_rotate(x, angle, interpolation = 2, expand = TRUE, fill
    = 0)``: the image turned by ``angle`` degrees (``transform_rotate``), its boxes moved with
    the grown canvas and turned into R's rotated boxes; the item becomes an
    ``image_with_rotated_box``."""
    cls = _kind(x, "item_transform_rotate")
    if cls is image_with_segmentation_mask:
        raise TypeError("`item_transform_rotate()` works on items with boxes")
    h, w = image_size(x["x"])
    img = R_TRANSFORMS["transform_rotate"](x["x"], angle, interpolation=interpolation,
                                           expand=expand, fill=fill)
    nh, nw = image_size(img)
    b = _boxes(x["y"]).clone()
    b[:, [0, 2]] += (nw - w) / 2
    b[:, [1, 3]] += (nh - h) / 2
    out = _copy(x, image_with_rotated_box)
    out.x = img
    out.y.boxes = box_xyxy_to_xyxyr(b, angle)
    out.y.image_height, out.y.image_width = nh, nw
    return out


# -- targets ------------------------------------------------------------------------------------

def target_transform_resize(target: Any, size: Any) -> NamedList:
    """R torchvision's ``target_transform_resize(target, size)``: boxes scaled from
    ``image_height x image_width`` to ``size = c(h, w)`` (one number: the longer side, as R)."""
    if "image_height" not in target or "image_width" not in target:
        raise ValueError("Target must contain both 'image_height' and 'image_width' fields")
    h, w = float(py_value(target["image_height"])), float(py_value(target["image_width"]))
    s = py_value(size)
    if isinstance(s, list) and len(s) == 2:
        nh, nw = float(s[0]), float(s[1])
    else:
        k = float(s[0] if isinstance(s, list) else s) / max(h, w)
        nh, nw = float(round(h * k)), float(round(w * k))
    b = _boxes(target).clone()
    b[:, [0, 2]] *= nw / w
    b[:, [1, 3]] *= nh / h
    out = NamedList(target)
    out.boxes, out.image_height, out.image_width = wrap(b), nh, nw
    return out


def target_transform_rotate(target: Any, angle: Any = 0) -> Any:
    """R torchvision's ``target_transform_rotate(target, angle = 0)``: the boxes turned by
    ``angle`` degrees into R's rotated boxes, shrunk (about their centres) to stay inside
    ``image_height x image_width``; on a data set, every item's ``y``."""
    if isinstance(target, Dataset):
        def rotate_y(item: Any) -> Any:
            item = NamedList(item)
            item.y = target_transform_rotate(item["y"], angle)
            return item
        return _on_dataset(target, rotate_y)
    if not all(k in target for k in ("boxes", "image_height", "image_width")):
        raise TypeError("The provided target is not supported by `target_transform_rotate()`: "
                        "it needs `boxes`, `image_height` and `image_width`.")
    b = _boxes(target)
    rotated = box_xyxy_to_xyxyr(b, angle)._t
    cx, cy, hw, hh, dx, dy = rotated_corner_offsets(b, rotated[:, 4:5])
    h, w = float(py_value(target["image_height"])), float(py_value(target["image_width"]))
    reach = [cx / (-dx).clamp(min=0).amax(-1, keepdim=True).clamp(min=1e-8),
             (w - cx) / dx.clamp(min=0).amax(-1, keepdim=True).clamp(min=1e-8),
             cy / (-dy).clamp(min=0).amax(-1, keepdim=True).clamp(min=1e-8),
             (h - cy) / dy.clamp(min=0).amax(-1, keepdim=True).clamp(min=1e-8)]
    k = torch.cat(reach, -1).amin(-1, keepdim=True).clamp(0, 1)
    out = NamedList(target)
    out.boxes = wrap(torch.cat([cx - hw * k, cy - hh * k, cx + hw * k, cy + hh * k,
                                rotated[:, 4:5]], -1))
    return out


def polygon_mask(polygons: Any, height: int, width: int) -> torch.Tensor:
    """COCO polygons (lists of ``x1, y1, x2, y2, ...``) filled into an ``H x W`` bool mask
    (Pillow's polygon drawing)."""
    canvas = Image.new("L", (int(width), int(height)), 0)
    draw = ImageDraw.Draw(canvas)
    for poly in polygons:
        flat = [float(v) for v in np.asarray(py_value(poly), dtype=float).reshape(-1)]
        flat = flat[: len(flat) // 2 * 2]
        if len(flat) >= 6:
            draw.polygon(list(zip(flat[0::2], flat[1::2])), fill=1)
    return torch.from_numpy(np.asarray(canvas, dtype=bool).copy())


def target_transform_coco_masks(y: Any) -> NamedList:
    """R torchvision's ``target_transform_coco_masks(y)``: ``y$segmentation`` (COCO polygons)
    drawn as ``y$masks``, one ``H x W`` bool mask per annotation."""
    if "segmentation" not in y:
        raise ValueError("Target must contain 'segmentation' field")
    if "image_height" not in y or "image_width" not in y:
        raise ValueError("Target must contain both 'image_height' and 'image_width' fields")
    h, w = int(py_value(y["image_height"])), int(py_value(y["image_width"]))
    masks = [polygon_mask(seg, h, w) for seg in y["segmentation"]
             if isinstance(seg, (list, tuple)) and len(seg) > 0]
    out = NamedList(y)
    out.masks = wrap(torch.stack(masks) if masks else torch.zeros(0, h, w, dtype=torch.bool))
    return out


def target_transform_trimap_masks(y: Any) -> NamedList:
    """R torchvision's ``target_transform_trimap_masks(y)``: ``y$trimap`` (values 1, 2, 3) as
    three bool masks ``y$masks``."""
    if "trimap" not in y:
        raise ValueError("Target must contain 'trimap' field")
    t = as_torch_tensor(y["trimap"])
    if t.dim() != 2:
        raise ValueError("Trimap must be a 2D tensor")
    out = NamedList(y)
    out.masks = wrap(torch.stack([t == 1, t == 2, t == 3]))
    return out


# -- SAHI ---------------------------------------------------------------------------------------

def _windows(height: int, width: int, size: Any, overlap: Any) -> sahi_split:
    s, o = py_value(size), py_value(overlap)
    if not (isinstance(s, list) and len(s) == 2):
        raise ValueError("Please provide only 2 dimensions (h, w) for size.")
    if not (isinstance(o, list) and len(o) == 2):
        raise ValueError("Please provide only 2 overlap ratios (overlap_h, overlap_w).")
    ch, cw = int(s[0]), int(s[1])
    step_h = max(int(ch - round(ch * o[0])), 1)
    step_w = max(int(cw - round(cw * o[1])), 1)
    if ch >= height and cw >= width:
        windows = [NamedList(top=1, left=1, height=float(height), width=float(width))]
    else:
        n_h = max(math.ceil((height - ch) / step_h) + 1, 1)
        n_w = max(math.ceil((width - cw) / step_w) + 1, 1)
        tops = [min(i * step_h, height - ch) for i in range(n_h)]
        lefts = [min(j * step_w, width - cw) for j in range(n_w)]
        windows = [NamedList(top=float(t + 1), left=float(l + 1), height=float(ch),
                             width=float(cw)) for t in tops for l in lefts]
    return sahi_split(crop_windows=windows, size=size, overlap_size_ratio=overlap,
                      image_height=height, image_width=width)


def prepare_sahi_split(x: Any, size: Any = (512, 512),
                       overlap_size_ratio: Any = (0.2, 0.2)) -> sahi_split:
    """R torchvision's ``prepare_sahi_split(x, size = c(512L, 512L), overlap_size_ratio = c(0.2,
    0.2))``: the crop windows for ``x`` (``c(height, width)``, an image, or a data set whose
    first item is measured)."""
    if isinstance(x, Dataset):
        first = x.getitem(1)["x"]
        return prepare_sahi_split(first, size, overlap_size_ratio)
    if is_image(x):
        h, w = image_size(x)
    else:
        dims = py_ints(x)
        if not (isinstance(dims, list) and len(dims) == 2):
            raise ValueError("x must be a numeric vector of length 2: c(height, width).")
        h, w = dims
        if h <= 0 or w <= 0:
            raise ValueError("Image dimensions must be positive integers.")
    return _windows(h, w, list(size) if isinstance(size, tuple) else size,
                    list(overlap_size_ratio) if isinstance(overlap_size_ratio, tuple)
                    else overlap_size_ratio)


def transform_sahi_crop(x: Any, sahi_split: Any) -> Any:
    """R torchvision's ``transform_sahi_crop(x, sahi_split)``: ``x`` cut into the split's windows:
    a stack ``N x C x h x w`` for a tensor (a batch ``B x C x H x W`` gives ``B * N``
    crops), a list of Pillow images for a Pillow image."""
    crop = R_TRANSFORMS["transform_crop"]
    parts = [crop(x, int(w["top"]), int(w["left"]), int(w["height"]), int(w["width"]))
             for w in sahi_split["crop_windows"]]
    if isinstance(x, Image.Image):
        return parts
    out = torch.stack([p._t for p in parts])
    return wrap(out.flatten(0, 1) if out.dim() == 5 else out)


def target_transform_sahi_crop(y: Any, sahi_split: Any, min_area_ratio: Any = 0.1) -> list:
    """R torchvision's ``target_transform_sahi_crop(y, sahi_split, min_area_ratio = 0.1)``: one
    target per window: boxes clipped to it (in its coordinates), kept when at least
    ``min_area_ratio`` of their area remains; ``iscrowd`` is dropped."""
    if isinstance(y, list):
        return [target_transform_sahi_crop(t, sahi_split, min_area_ratio) for t in y]
    b = _boxes(y)
    ratio = float(py_value(min_area_ratio))
    area = (b[:, 2] - b[:, 0]) * (b[:, 3] - b[:, 1])
    out = []
    for win in sahi_split["crop_windows"]:
        top, left = float(win["top"]) - 1, float(win["left"]) - 1
        h, w = float(win["height"]), float(win["width"])
        c = torch.stack([b[:, 0].clamp(left, left + w), b[:, 1].clamp(top, top + h),
                         b[:, 2].clamp(left, left + w), b[:, 3].clamp(top, top + h)], -1)
        kept = (c[:, 2] - c[:, 0]) * (c[:, 3] - c[:, 1])
        keep = (kept > 0) & (kept / area >= ratio)
        t = NamedList({k: v for k, v in y.items() if k != "iscrowd"})
        t.boxes = wrap(c[keep] - torch.tensor([left, top, left, top]))
        t.labels = _select(y.get("labels"), keep)
        if "area" in y:
            t.area = wrap(kept[keep])
        if "image_height" in y:
            t.image_height = h
        if "image_width" in y:
            t.image_width = w
        out.append(t)
    return out


def _is_item(x: Any) -> bool:
    """Whether a first argument is the data of an item or target transform (an item, a target,
    a list of targets, a data set), not one of its parameters (a number, an R vector, a SAHI
    split): ``item >> item_transform_center_crop(c(10, 10))``."""
    return x is not None and not isinstance(x, (numbers.Number, str, RVector, sahi_split))


R_ITEMS: dict[str, Callable] = {
    **{f.__name__: pipeable(f, accepts=_is_item) for f in (
        item_transform_hflip, item_transform_vflip, item_transform_center_crop,
        item_transform_rotate, target_transform_resize, target_transform_rotate,
        target_transform_coco_masks, target_transform_trimap_masks,
        target_transform_sahi_crop)},
    "transform_sahi_crop": pipeable(transform_sahi_crop, accepts=is_image),
    "prepare_sahi_split": prepare_sahi_split,
}
