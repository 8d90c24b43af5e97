"""R torchvision's box operations: ``<name>`` is ``torchvision.ops.<name>``.

Boxes are ``N x 4`` tensors ``(x1, y1, x2, y2)`` in pixels (``box_convert`` also knows
``"xywh"`` and ``"cxcywh"``); R matrices and vectors are accepted and become float tensors.
Results are rtorch tensors. Where R returns positions they are 1-based, as R's
(:data:`RESULT_POSITIONS`): ``nms`` and ``batched_nms`` return the 1-based indices of the kept
boxes by decreasing score, ``remove_small_boxes`` those of the boxes it keeps, so
``boxes[nms(boxes, scores, 0.5), ]`` selects them. ``batched_nms``'s ``idxs`` are category
labels, not positions (any integers). ``clip_boxes_to_image(boxes, size)`` takes
``size = c(height, width)``.

``box_xyxy_to_xyxyr`` (R only: R's rotated boxes, the axis-aligned box around a box turned
by ``angle`` degrees, then the angle) is written with PyTorch operations.
"""
from __future__ import annotations

import inspect
import math
from typing import Any, Callable

import torch
import torchvision.ops as tvo

from ..pipes import pipeable
from ..tensor import Tensor, wrap
from .convert import as_torch_tensor, is_image, py_ints, py_value

__all__ = ["R_OPS", "RESULT_POSITIONS", "box_xyxy_to_xyxyr", "rotated_corner_offsets"]

R_NAMES = ("box_area", "box_convert", "box_iou", "generalized_box_iou", "nms", "batched_nms",
           "clip_boxes_to_image", "remove_small_boxes")

#: Functions whose result is positions (R returns them 1-based).
RESULT_POSITIONS = frozenset({"nms", "batched_nms", "remove_small_boxes"})

_TENSORS = frozenset({"boxes", "boxes1", "boxes2", "scores", "idxs"})


def _argument(name: str, value: Any) -> Any:
    if name in _TENSORS:
        t = as_torch_tensor(value)
        return t if name == "idxs" or t.is_floating_point() else t.to(torch.float32)
    if name == "size":
        return tuple(py_ints(value))
    return py_value(value)


def _derived(name: str) -> Callable:
    fn = getattr(tvo, name)
    sig = inspect.signature(fn)
    shift = name in RESULT_POSITIONS

    def op(*args: Any, **kwargs: Any) -> Tensor:
        bound = sig.bind(*args, **kwargs).arguments
        out = fn(**{k: _argument(k, v) for k, v in bound.items()})
        return wrap(out + 1 if shift else out)

    op.__name__ = op.__qualname__ = name
    op.__signature__ = sig.replace(parameters=[p.replace(annotation=p.empty)
                                               for p in sig.parameters.values()],
                                   return_annotation=sig.empty)
    op.__doc__ = (f"R torchvision's ``{name}{op.__signature__}``: ``torchvision.ops.{name}``"
                  + (", returning 1-based positions." if shift else "."))
    return op


def box_xyxy_to_xyxyr(boxes: Any, angle: Any = 0) -> Tensor:
    """R torchvision's ``box_xyxy_to_xyxyr(boxes, angle = 0)``: boxes turned by ``angle``
    degrees about their centres, as R's rotated boxes ``(x1, y1, x2, y2, angle)``: the
    axis-aligned box around the turned box, then the total angle. Boxes that already have an
    angle (5 columns) are turned further."""
    b = as_torch_tensor(boxes)
    b = b if b.is_floating_point() else b.to(torch.float32)
    a = as_torch_tensor(angle).to(b.dtype).reshape(-1, 1)
    if b.shape[0] == 0:
        return wrap(torch.cat([b[:, :4], b.new_zeros(0, 1)], dim=-1))
    x1, y1, x2, y2 = b[:, 0:1], b[:, 1:2], b[:, 2:3], b[:, 3:4]
    cx, cy = (x1 + x2) * 0.5, (y1 + y2) * 0.5
    hw, hh = (x2 - x1) * 0.5, (y2 - y1) * 0.5
    current = torch.zeros_like(cx)
    if b.shape[1] == 5:                 # undo the current turn: the box's own half sizes
        current = b[:, 4:5]
        c, s = _abs_cos_sin(current)
        det = c * c - s * s
        det = torch.sign(det) * det.abs().clamp(min=1e-6)
        hw, hh = ((c * hw - s * hh) / det).clamp(min=0), ((-s * hw + c * hh) / det).clamp(min=0)
    total = current + a.expand(b.shape[0], 1) if a.shape[0] == 1 else current + a
    c, s = _abs_cos_sin(total)
    new_hw, new_hh = hw * c + hh * s, hw * s + hh * c
    return wrap(torch.cat([cx - new_hw, cy - new_hh, cx + new_hw, cy + new_hh, total], dim=-1))


def _abs_cos_sin(degrees: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    rad = degrees * (math.pi / 180)
    return torch.cos(rad).abs(), torch.sin(rad).abs()


def rotated_corner_offsets(boxes: torch.Tensor, degrees: torch.Tensor) -> tuple[torch.Tensor, ...]:
    """``cx, cy, hw, hh, dx, dy``: the centres and half sizes (``N x 1``) of boxes ``(x1, y1,
    x2, y2, ...)``, and the offsets from the centre (``N x 4``) of their 4 corners once turned
    by ``degrees`` (``N x 1``) about it."""
    cx, cy = ((boxes[:, 0] + boxes[:, 2]) / 2)[:, None], ((boxes[:, 1] + boxes[:, 3]) / 2)[:, None]
    hw, hh = ((boxes[:, 2] - boxes[:, 0]) / 2)[:, None], ((boxes[:, 3] - boxes[:, 1]) / 2)[:, None]
    rad = degrees * (math.pi / 180)
    c, s = torch.cos(rad), torch.sin(rad)
    dx = torch.cat([-hw * c + hh * s, hw * c + hh * s, hw * c - hh * s, -hw * c - hh * s], -1)
    dy = torch.cat([-hw * s - hh * c, hw * s - hh * c, hw * s + hh * c, -hw * s + hh * c], -1)
    return cx, cy, hw, hh, dx, dy


R_OPS: dict[str, Callable] = {
    **{n: pipeable(_derived(n), accepts=is_image) for n in R_NAMES},
    "box_xyxy_to_xyxyr": pipeable(box_xyxy_to_xyxyr, accepts=is_image),
}
