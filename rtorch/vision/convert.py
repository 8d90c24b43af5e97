"""Values between R code and torchvision: images in and out, R vectors as Python numbers.

R code hands ``rtorch.vision`` rtorch tensors, R vectors (``c(32, 32)``), numpy arrays (R
arrays, as :func:`~rtorch.vision.io.base_loader` returns them) and Pillow images (R's magick
images); torchvision wants PyTorch tensors, Python numbers and lists. Results go back the R
way: tensors as rtorch tensors, lists of tensors as Python lists, labels as R integers,
class names as R character vectors (1-based to index, as in R).
"""
from __future__ import annotations

import numbers
from typing import Any, Callable, Sequence

import numpy as np
import torch
from PIL import Image

from ..named_list import NamedList
from ..rbase import RVector
from ..tensor import Tensor, unwrap, wrap
from ..values import from_r

__all__ = ["is_image", "as_torch_tensor", "py_value", "py_ints", "r_int", "r_ints",
           "r_chr", "r_out", "apply_to_image"]


def is_image(x: Any) -> bool:
    """Whether ``x`` is an image a transform works on: an rtorch or PyTorch tensor, a Pillow
    image, a numpy array or R matrix/array, or a list of those (never an R vector of sizes
    such as ``c(32, 32)``)."""
    if type(x) is Tensor or isinstance(x, (torch.Tensor, Image.Image, np.ndarray)):
        return True
    if isinstance(x, RVector):
        return x.values.ndim >= 2                       # an R matrix or array
    return isinstance(x, (list, tuple)) and bool(x) and all(is_image(v) for v in x)


def as_torch_tensor(x: Any, dtype: torch.dtype | None = None) -> torch.Tensor:
    """A PyTorch tensor from an rtorch tensor, a PyTorch tensor or R data (R's dtype rules)."""
    if type(x) is Tensor:
        return x._t if dtype is None else x._t.to(dtype)
    if isinstance(x, torch.Tensor):
        return x if dtype is None else x.to(dtype)
    return from_r(x, dtype)


def py_value(v: Any) -> Any:
    """An R value as torchvision takes it: length-1 vectors as Python scalars, longer vectors,
    arrays and 1-d tensors as lists; lists walked; strings, ``None`` and callables as they
    are."""
    if v is None or isinstance(v, (str, bool)) or callable(v):
        return v
    if isinstance(v, RVector):
        flat = v.values.reshape(-1).tolist()
        if len(flat) == 1:
            return flat[0]
        return flat if v.values.ndim <= 1 else v.values.tolist()
    if type(v) is Tensor or isinstance(v, torch.Tensor):
        t = unwrap(v)
        return t.item() if t.numel() == 1 else t.tolist()
    if isinstance(v, np.ndarray):
        return v.item() if v.size == 1 else v.tolist()
    if isinstance(v, np.generic):
        return v.item()
    if isinstance(v, (list, tuple)):
        return [py_value(e) for e in v]
    return v


def py_ints(v: Any) -> Any:
    """Whole numbers: a scalar stays a scalar, a vector becomes a list of ``int``."""
    v = py_value(v)
    if v is None:
        return None
    if isinstance(v, list):
        return [py_ints(e) for e in v]
    return int(v)


def r_int(k: int) -> RVector:
    """An R integer scalar (``5L``): collates to a Long tensor, prints ``[1] 5``."""
    return RVector(np.array([k], dtype=np.int32))


def r_ints(ks: Sequence[int] | np.ndarray) -> RVector:
    """An R integer vector."""
    return RVector(np.asarray(ks, dtype=np.int32).reshape(-1))


def r_chr(xs: Sequence[str], names: Sequence[str] | None = None) -> RVector:
    """An R character vector (1-based to index: ``classes[y]``)."""
    return RVector(np.array(list(xs), dtype=object).astype(str), names=names)


def r_out(x: Any) -> Any:
    """PyTorch results the R way: tensors wrapped, dicts as named lists, lists and tuples as
    lists (R lists), everything else as it is."""
    if isinstance(x, torch.Tensor):
        return wrap(x)
    if isinstance(x, dict):
        return NamedList({k: r_out(v) for k, v in x.items()})
    if isinstance(x, (list, tuple)) and not isinstance(x, torch.Size):
        return [r_out(v) for v in x]
    return x


def apply_to_image(img: Any, f: Callable[[Any], Any], r_name: str) -> Any:
    """``f`` on the torchvision form of ``img`` (PyTorch tensor or Pillow image); tensors come
    back as rtorch tensors, Pillow images as Pillow images, tuples of images as lists."""
    if type(img) is Tensor:
        return r_out(f(img._t))
    if isinstance(img, (torch.Tensor, Image.Image)):
        return r_out(f(img))
    if isinstance(img, np.ndarray):
        raise TypeError(f"`{r_name}()` is not implemented for arrays: convert the image with "
                        "`transform_to_tensor()` first")
    if isinstance(img, numbers.Number) or img is None:
        raise TypeError(f"`{r_name}()` needs an image (a tensor or a Pillow image), got "
                        f"{type(img).__name__}")
    raise TypeError(f"`{r_name}()` is not implemented for {type(img).__name__}")
