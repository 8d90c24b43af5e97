"""R torchvision's image utilities: grids, drawing boxes / masks / keypoints, showing images.

* ``vision_make_grid(tensor, scale = TRUE, num_rows = 8, padding = 2, pad_value = 0)`` is
  ``torchvision.utils.make_grid`` (``num_rows`` images per row, ``scale`` min-max scales the
  whole batch to ``[0, 1]``).
* ``draw_bounding_boxes(x, boxes, labels = NULL, colors = NULL, fill = FALSE, width = 1, font =
  NULL, font_size = 10)``, ``draw_segmentation_masks(x, masks, alpha = 0.8, colors = NULL)``,
  ``draw_keypoints(image, keypoints, connectivity = NULL, colors = NULL, radius = 2, width =
  3)`` are ``torchvision.utils``'s functions; they return a ``uint8`` image tensor
  ``3 x H x W``. Float images in ``[0, 1]`` are accepted (as R does). ``x`` may also be a
  dataset item (``draw_bounding_boxes(ds[1])`` takes ``x$x``, ``x$y$boxes`` and
  ``x$y$labels``; ``draw_segmentation_masks(item)`` takes ``x$y$masks``, alpha 0.5, as R).
  Labels may be a character vector or a tensor; ``connectivity`` pairs are 1-based keypoint
  numbers, as in R. Float masks are turned into one mask per class by ``argmax`` over their
  first dimension, as R does. R's ``font = c("serif", "plain")`` (a Hershey font name) has no
  counterpart: a ``font`` naming a TrueType file is used, anything else means the default
  font. Rotated boxes (5 columns) are drawn as their corners' polygon. Labels and colours are
  recycled over the boxes (masks) as R recycles them (the count must be a multiple), ``fill =
  TRUE`` fills opaquely, as R does. Every colour argument takes R's colours: names from R's
  ``colors()`` (``"navyblue"``, ``"orange3"``), ``"#RRGGBB[AA]"``, palette numbers
  (:mod:`rtorch.vision.colors`).
* There is no display here: ``tensor_image_display(image)`` returns the image as a Pillow image
  (Jupyter shows it), and ``tensor_image_browse(image, browser = NULL)`` writes it to a PNG
  file (``file =``, a temporary file by default) and returns the path.
"""
from __future__ import annotations

import os
import tempfile
import warnings
from typing import Any, Callable

import torch
import torchvision.transforms.functional as F
import torchvision.utils as tvu
from PIL import Image, ImageDraw

from ..pipes import pipeable
from ..tensor import Tensor, wrap
from .colors import hcl_colors, r_colors
from .convert import as_torch_tensor, is_image, py_ints, py_value
from .ops import rotated_corner_offsets

__all__ = ["R_UTILS"]


def _item_parts(x: Any) -> tuple[Any, Any] | None:
    """``(x$x, x$y)`` of a dataset item, ``None`` for a plain image."""
    if isinstance(x, dict) and "x" in x and "y" in x:
        return x["x"], x["y"]
    return None


def _uint8_image(x: Any, what: str = "x") -> torch.Tensor:
    t = as_torch_tensor(x)
    if t.dim() == 4 and t.shape[0] == 1:
        t = t[0]
    if t.dim() != 3:
        raise ValueError(f"Pass an individual image as `{what}`, not a batch")
    if t.shape[0] not in (1, 3):
        raise ValueError("Only grayscale and RGB images are supported")
    if t.dtype == torch.uint8:
        return t
    if t.is_floating_point():
        return (t.clamp(0, 1) * 255).round().to(torch.uint8)
    raise TypeError(f"`{what}` should be torch_uint8 or torch_float")


def _rgb(img: torch.Tensor) -> torch.Tensor:
    """A grayscale image with its channel repeated three times (torchvision draws on RGB)."""
    return img.expand(3, -1, -1).contiguous() if img.shape[0] == 1 else img


def _labels(labels: Any) -> list[str] | None:
    if labels is None:
        return None
    v = py_value(labels)
    return [str(s) for s in (v if isinstance(v, list) else [v])]


def _colors(colors: Any) -> list[tuple[int, int, int]] | None:
    """R colours (names from R's ``colors()``, hex codes, palette numbers) as RGB tuples."""
    return r_colors(py_value(colors))


def _recycled(values: list, n: int, message: str) -> list:
    """R's recycling of ``values`` over ``n`` objects: ``n`` must be a multiple of its length."""
    if not values or n % len(values):
        raise ValueError(message)
    return [values[k % len(values)] for k in range(n)]


def _rotated_corners(boxes: torch.Tensor) -> torch.Tensor:
    """The 4 corners ``(N, 4, 2)`` of R's rotated boxes ``(x1, y1, x2, y2, angle)``."""
    cx, cy, _, _, dx, dy = rotated_corner_offsets(boxes, boxes[:, 4:5])
    return torch.stack([cx + dx, cy + dy], dim=-1)


def _draw_polygons(img: torch.Tensor, corners: torch.Tensor, colors: Any, width: int,
                   labels: list[str] | None) -> torch.Tensor:
    pil = F.to_pil_image(img)
    draw = ImageDraw.Draw(pil)
    n = corners.shape[0]
    cols = colors or [(255, 0, 0)]
    for k in range(n):
        pts = [tuple(p) for p in corners[k].tolist()]
        color = cols[k % len(cols)]
        draw.polygon(pts, outline=color, width=int(width))
        if labels:
            draw.text(pts[0], labels[k % len(labels)], fill=color)
    return F.pil_to_tensor(pil)


def draw_bounding_boxes(x: Any, boxes: Any = None, labels: Any = None, colors: Any = None,
                        fill: Any = False, width: Any = 1, font: Any = None,
                        font_size: Any = 10, **kwargs: Any) -> Tensor:
    """R torchvision's ``draw_bounding_boxes(x, boxes, labels = NULL, colors = NULL, fill =
    FALSE, width = 1, font = c("serif", "plain"), font_size = 10)``:
    ``torchvision.utils.draw_bounding_boxes`` (see the module docstring)."""
    parts = _item_parts(x)
    if parts is not None:
        x, y = parts
        boxes = y["boxes"] if boxes is None else boxes
        labels = y.get("labels") if labels is None else labels
    img = _uint8_image(x)
    b = as_torch_tensor(boxes).to(torch.float32)
    if b.shape[0] == 0:
        warnings.warn("boxes doesn't contain any box. No box was drawn", stacklevel=2)
        return wrap(img)
    img = _rgb(img)
    n = b.shape[0]
    if type(labels) is Tensor or isinstance(labels, torch.Tensor):
        labels = as_torch_tensor(labels).cpu().tolist()
    labels = _labels(labels)
    if labels is not None:
        labels = _recycled(labels, n, f"Number of labels {len(labels)} cannot be broadcasted on "
                                      f"number of boxes {n}")
    cols = _colors(colors) or hcl_colors(n)          # R's default: hcl.colors(n)
    cols = _recycled(cols, n, "colors vector cannot be broadcasted on boxes")
    if b.shape[1] == 5:
        return wrap(_draw_polygons(img, _rotated_corners(b), cols, py_ints(width), labels))
    if ((b[:, 0] >= b[:, 2]) | (b[:, 1] >= b[:, 3])).any():
        raise ValueError("Boxes must be in c(xmin, ymin, xmax, ymax) format")
    if bool(py_value(fill)):                    # R fills opaquely (torchvision: alpha 100/255)
        img = img.clone()
        fills = cols or [(255, 0, 0)] * n
        h, w = img.shape[-2:]
        for (x1, y1, x2, y2), col in zip(b.to(torch.int64).tolist(), fills):
            img[:, max(y1, 0):min(y2 + 1, h), max(x1, 0):min(x2 + 1, w)] = \
                torch.tensor(col, dtype=torch.uint8).view(3, 1, 1)
    ttf = py_value(font)
    ttf = ttf if isinstance(ttf, str) and ttf.lower().endswith((".ttf", ".otf")) else None
    return wrap(tvu.draw_bounding_boxes(img, b, labels, cols, False, py_ints(width), ttf,
                                        py_ints(font_size) if ttf else None, **kwargs))


def draw_segmentation_masks(x: Any, masks: Any = None, alpha: Any = None, colors: Any = None,
                            **kwargs: Any) -> Tensor:
    """R torchvision's ``draw_segmentation_masks(x, masks, alpha = 0.8, colors = NULL)``:
    ``torchvision.utils.draw_segmentation_masks`` (see the module docstring)."""
    parts = _item_parts(x)
    if parts is not None:
        x, y = parts
        masks = y["masks"] if masks is None else masks
        alpha = 0.5 if alpha is None else alpha
    img = _uint8_image(x)
    m = as_torch_tensor(masks)
    if m.dim() == 2:
        m = m.unsqueeze(0)
    if m.dim() != 3:
        raise ValueError("`masks` must be of shape (H, W) or (num_masks, H, W)")
    if m.is_floating_point():
        ids = m.argmax(dim=0)
        m = torch.stack([ids == k for k in range(int(ids.min()), int(ids.max()) + 1)])
    img = _rgb(img)
    cols = _colors(colors) or hcl_colors(m.shape[0])  # R's default: hcl.colors(n)
    cols = _recycled(cols, m.shape[0], f"colors vector of size {len(cols)} cannot be "
                                       f"broadcasted on {m.shape[0]} masks")
    return wrap(tvu.draw_segmentation_masks(img, m.to(torch.bool),
                                            float(py_value(0.8 if alpha is None else alpha)),
                                            cols))


def draw_keypoints(image: Any, keypoints: Any, connectivity: Any = None, colors: Any = None,
                   radius: Any = 2, width: Any = 3) -> Tensor:
    """R torchvision's ``draw_keypoints(image, keypoints, connectivity = NULL, colors = NULL,
    radius = 2, width = 3)``: ``torchvision.utils.draw_keypoints``; ``keypoints`` is
    ``num_instances x K x 2``, ``connectivity`` a list of 1-based keypoint pairs
    ``c(from, to)``."""
    img = _uint8_image(image, "image")
    img = _rgb(img)
    k = as_torch_tensor(keypoints).to(torch.float32)
    if k.dim() != 3:
        raise ValueError(f"`keypoints` must be of shape (num_instances, K, 2), but current "
                         f"shape is {tuple(k.shape)}")
    pairs = None if connectivity is None else [tuple(i - 1 for i in py_ints(c))
                                                for c in connectivity]
    col = _colors(colors)
    return wrap(tvu.draw_keypoints(img, k, pairs, col[0] if isinstance(col, list) else col,
                                   py_ints(radius), py_ints(width)))


def vision_make_grid(tensor: Any, scale: Any = True, num_rows: Any = 8, padding: Any = 2,
                     pad_value: Any = 0) -> Tensor:
    """R torchvision's ``vision_make_grid(tensor, scale = TRUE, num_rows = 8, padding = 2,
    pad_value = 0)``: ``torchvision.utils.make_grid(tensor, nrow = num_rows, padding,
    normalize = scale, pad_value)`` on a batch ``B x C x H x W``."""
    t = torch.stack([as_torch_tensor(i) for i in tensor]) \
        if isinstance(tensor, (list, tuple)) else as_torch_tensor(tensor)
    return wrap(tvu.make_grid(t, nrow=py_ints(num_rows), padding=py_ints(padding),
                              normalize=bool(py_value(scale)),
                              pad_value=float(py_value(pad_value))))


def _pil(image: Any) -> Image.Image:
    t = as_torch_tensor(image)
    if t.dim() != 3:
        raise ValueError("Pass individual `image`, not batches")
    if t.shape[0] not in (1, 3):
        raise ValueError("Only grayscale and RGB images are supported")
    return F.to_pil_image(t.detach().cpu() if t.dtype == torch.uint8 else
                          t.detach().cpu().clamp(0, 1))


def tensor_image_display(image: Any, animate: Any = True) -> Image.Image:
    """R torchvision's ``tensor_image_display(image, animate = TRUE)``. There is no display:
    the image (``C x H x W``, uint8 or float in ``[0, 1]``) is returned as a Pillow image,
    which Jupyter shows (``.show()`` opens a viewer where there is one)."""
    return _pil(image)


def tensor_image_browse(image: Any, browser: Any = None, file: Any = None) -> str:
    """R torchvision's ``tensor_image_browse(image, browser = getOption("browser"))``. There is
    no browser here: the image is written as PNG to ``file`` (a temporary file by default,
    an rtorch extension) and its path returned, to open with any viewer."""
    if file is None:
        fd, file = tempfile.mkstemp(suffix=".png", prefix="tensor_image_")
        os.close(fd)
    _pil(image).save(os.fspath(file), format="PNG")
    return os.fspath(file)


R_UTILS: dict[str, Callable] = {
    **{f.__name__: pipeable(f, accepts=is_image)       # img >> tensor_image_browse()
       for f in (vision_make_grid, tensor_image_display, tensor_image_browse)},
    **{f.__name__: f for f in (draw_bounding_boxes, draw_segmentation_masks, draw_keypoints)},
}
