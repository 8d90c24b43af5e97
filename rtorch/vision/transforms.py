"""R torchvision's image transforms: ``transform_<name>(img, ...)``, computed by torchvision.

The rule (R torchvision's transforms were ported from Python's, so names, arguments and
defaults line up):

* ``transform_<f>`` is ``torchvision.transforms.functional.<f>`` when that exists
  (``transform_resize`` is ``F.resize``, ``transform_adjust_hue`` is ``F.adjust_hue``);
* otherwise ``transform_<random_x>`` is the transform class of the camel-cased name, built
  with the arguments and applied once: ``transform_random_crop(img, size)`` is
  ``torchvision.transforms.RandomCrop(size)(img)``, ``transform_color_jitter`` is
  ``ColorJitter``.

The signature is torchvision's, its first argument named ``img`` as in R. Arguments are
translated by name (:data:`ARGUMENTS`): R vectors become numbers or lists, ``interpolation``
takes R's codes (``0`` nearest, ``2`` bilinear, ``3`` bicubic; also ``1`` lanczos, ``4`` box,
``5`` hamming) or mode names, ``dtype`` takes rtorch dtypes, and where R counts differently:

* ``top`` and ``left`` (``transform_crop``, ``transform_resized_crop``) are 1-based rows and
  columns, as in R (``img[.., top:(top + height - 1), left:(left + width - 1)]``);
* ``startpoints`` / ``endpoints`` of ``transform_perspective`` are 1-based pixel positions
  ``c(x, y)`` (R's random perspective uses ``c(1, 1)`` for the top-left corner);
* a 4-number ``padding`` is R's order ``c(left, right, top, bottom)`` (Python's is
  left, top, right, bottom).

Images: rtorch or PyTorch tensors (``[..., H, W]``) come back as rtorch tensors; Pillow images
(R's magick images, see :func:`~rtorch.vision.io.magick_loader`) come back as Pillow images;
``transform_five_crop`` / ``transform_ten_crop`` return a list. R's deprecated ``resample`` and
``fillcolor`` arguments still work, with a warning.

Written out (:data:`EXCEPTIONS`): ``transform_to_tensor`` (R's rules for arrays),
``transform_grayscale`` (``F.rgb_to_grayscale``), ``transform_random_apply`` /
``transform_random_choice`` / ``transform_random_order`` (they take R functions).

Differences from R torchvision, by choice (Python torchvision's results are the reference):
tensor ``transform_resize`` antialiases when shrinking (R's does not); ``transform_center_crop``
and ``transform_five_crop`` crop exactly at the centre (R's tensor method starts one pixel up
and left when the margins are odd); random draws come from PyTorch's generator
(``torch_manual_seed()`` makes them reproducible), not R's.

Every transform is pipeable: ``img >> transform_to_tensor() >> transform_resize(c(32, 32))``
(R's ``img %>% transform_to_tensor() %>% transform_resize(c(32, 32))``).
"""
from __future__ import annotations

import inspect
import re
import warnings
from typing import Any, Callable

import numpy as np
import torch
import torchvision.transforms as T
import torchvision.transforms.functional as F
from PIL import Image
from torchvision.transforms import InterpolationMode

from ..dtypes import as_torch_dtype
from ..input_checks import at_least
from ..pipes import pipeable
from ..rbase import RVector
from ..tensor import Tensor, wrap
from ..values import from_r
from .convert import apply_to_image, as_torch_tensor, is_image, py_ints, py_value

__all__ = ["R_TRANSFORMS", "ARGUMENTS", "EXCEPTIONS", "interpolation_mode", "image_size"]

#: R torchvision's ``transform_*`` functions (those of SAHI are in :mod:`rtorch.vision.items`).
R_NAMES = (
    "adjust_brightness", "adjust_contrast", "adjust_gamma", "adjust_hue", "adjust_saturation",
    "affine", "center_crop", "color_jitter", "convert_image_dtype", "crop", "five_crop",
    "grayscale", "hflip", "linear_transformation", "normalize", "pad", "perspective",
    "random_affine", "random_apply", "random_choice", "random_crop", "random_erasing",
    "random_grayscale", "random_horizontal_flip", "random_order", "random_perspective",
    "random_resized_crop", "random_rotation", "random_vertical_flip", "resize", "resized_crop",
    "rgb_to_grayscale", "rotate", "ten_crop", "to_tensor", "vflip",
)

#: torchvision's first-argument and other names that R spells otherwise.
R_ARGUMENT_NAMES = {"tensor": "img", "image": "img", "pic": "img", "output_size": "size"}

#: R's deprecated arguments and the ones that replace them.
DEPRECATED = {"resample": "interpolation", "fillcolor": "fill"}

#: R's integer interpolation codes (PIL's filter numbers).
INTERPOLATION_CODES = {0: InterpolationMode.NEAREST, 1: InterpolationMode.LANCZOS,
                       2: InterpolationMode.BILINEAR, 3: InterpolationMode.BICUBIC,
                       4: InterpolationMode.BOX, 5: InterpolationMode.HAMMING}


_R_CODES = {mode: code for code, mode in INTERPOLATION_CODES.items()}


def interpolation_mode(x: Any) -> InterpolationMode:
    """R's ``interpolation`` (``0``, ``2``, ``3``, ... or ``"bilinear"``, ``"nearest-exact"``)
    as torchvision's ``InterpolationMode``."""
    if isinstance(x, InterpolationMode):
        return x
    v = py_value(x)
    if isinstance(v, str):
        key = re.sub(r"^interpolationmode\.", "", v.lower()).replace("_", "-")
        try:
            return InterpolationMode(key)
        except ValueError:
            raise ValueError(f"Unsupported interpolation mode {v!r}") from None
    try:
        return INTERPOLATION_CODES[int(v)]
    except (KeyError, TypeError, ValueError):
        raise ValueError(f"Unsupported interpolation mode {v!r}: use 0 (nearest), 2 (bilinear), "
                         "3 (bicubic) or a mode name") from None


def _one_based(v: Any, what: str = "top") -> int:
    return at_least(py_ints(v), what) - 1


def _sizes(what: str) -> Callable[[Any], Any]:
    return lambda v: at_least(py_ints(v), what)


def _points(v: Any) -> list[list[int]]:
    return [[int(c) - 1 for c in py_value(p)] for p in v]


def _padding(v: Any) -> Any:
    p = py_ints(v)
    if isinstance(p, list) and len(p) == 4:         # R: left, right, top, bottom
        return [p[0], p[2], p[1], p[3]]
    return p


#: How each R argument becomes torchvision's, by name (others: :func:`py_value`).
ARGUMENTS: dict[str, Callable[[Any], Any]] = {
    "size": _sizes("size"), "height": _sizes("height"), "width": _sizes("width"),
    "num_output_channels": py_ints, "padding": _padding,
    "top": _one_based, "left": lambda v: _one_based(v, "left"),
    "startpoints": _points, "endpoints": _points,
    "interpolation": interpolation_mode, "dtype": as_torch_dtype,
    "transformation_matrix": as_torch_tensor, "mean_vector": as_torch_tensor,
}


#: torchvision's error messages that R torchvision words otherwise (pattern, R's text).
R_MESSAGES: tuple[tuple[str, str], ...] = (
    (r"Interpolation mode '?([\w-]+)'? is unsupported with Tensor input",
     r"Unsupported interpolation mode '\1' with Tensor input"),
)


def r_message(message: str) -> str:
    """A torchvision error message in R torchvision's words (:data:`R_MESSAGES`)."""
    for pattern, replacement in R_MESSAGES:
        message = re.sub(pattern, replacement, message)
    return message


def _convert(name: str, value: Any) -> Any:
    return ARGUMENTS.get(name, py_value)(value)


# -- the rule ------------------------------------------------------------------------------------

def _camel(name: str) -> str:
    return "".join(part.capitalize() for part in name.split("_"))


def _r_signature(target: Callable, is_class: bool) -> inspect.Signature:
    params = list(inspect.signature(target).parameters.values())
    img = inspect.Parameter("img", inspect.Parameter.POSITIONAL_OR_KEYWORD)
    if not is_class:
        params = params[1:]
    params = [p.replace(name=R_ARGUMENT_NAMES.get(p.name, p.name), annotation=p.empty,
                        default=_R_CODES.get(p.default, p.default)
                        if isinstance(p.default, InterpolationMode) else p.default)
              for p in params]
    return inspect.Signature([img] + params)


def _deprecated(r_name: str, kwargs: dict) -> None:
    for old, new in DEPRECATED.items():
        if old in kwargs:
            warnings.warn(f"`{old}` is deprecated in `{r_name}()`, use `{new}` instead",
                          DeprecationWarning, stacklevel=3)
            kwargs[new] = kwargs.pop(old)


def _derived(r_name: str, target: Callable, is_class: bool) -> Callable:
    """``transform_<name>``: ``target`` (a functional transform, or a transform class built with
    the arguments) on the image, arguments translated by name."""
    sig = _r_signature(target, is_class)
    py_names = {R_ARGUMENT_NAMES.get(n, n): n
                for n in list(inspect.signature(target).parameters)}
    label = f"transform_{r_name}"

    def transform(*args: Any, **kwargs: Any) -> Any:
        _deprecated(label, kwargs)
        bound = sig.bind(*args, **kwargs).arguments
        img = bound.pop("img")
        a = {py_names[k]: _convert(k, v) for k, v in bound.items()}
        try:
            if is_class:
                tf = target(**a)
                return apply_to_image(img, tf, label)
            return apply_to_image(img, lambda im: target(im, **a), label)
        except ValueError as e:
            raise ValueError(r_message(str(e))) from None

    kind = "class" if is_class else "function"
    where = f"torchvision.transforms.{target.__name__}" if is_class else \
        f"torchvision.transforms.functional.{target.__name__}"
    transform.__name__ = transform.__qualname__ = label
    transform.__signature__ = sig
    transform.__doc__ = (f"R torchvision's ``{label}{_r_text(sig)}``: the {kind} ``{where}`` "
                         "on the image, R's arguments translated (see "
                         ":mod:`rtorch.vision.transforms`).")
    return transform


def _r_text(sig: inspect.Signature) -> str:
    return str(sig).replace("None", "NULL").replace("False", "FALSE").replace("True", "TRUE")


# -- exceptions -------------------------------------------------------------------------------

def _array_to_chw(t: torch.Tensor) -> torch.Tensor:
    """R's layout rule for arrays: ``H x W`` and ``H x W x C`` become ``C x H x W``; 3-d arrays
    that already look channel-first (``C <= 4``, ``W > 4``) and 4-d batches are kept."""
    if t.dim() == 2:
        t = t.unsqueeze(-1)
    if t.dim() not in (3, 4):
        raise ValueError("Expected a 2D (grayscale), 3D (image) or 4D (batch) array.")
    chw = t.dim() == 4 or (t.shape[0] <= 4 and t.shape[2] > 4)
    return t if chw else t.permute(2, 0, 1)


def transform_to_tensor(img: Any) -> Any:
    """R torchvision's ``transform_to_tensor(img)``: an image as a float tensor ``C x H x W``.

    * Pillow images (R's magick images): ``torchvision.transforms.functional.to_tensor``
      (values in ``[0, 1]``);
    * arrays (numpy, R vectors with dims) with R's rules: ``H x W x C`` (or ``H x W``)
      becomes ``C x H x W``, channel-first 3-d and 4-d arrays are kept; integer values are
      divided by 255, doubles are kept as they are (``base_loader()`` reads them in
      ``[0, 1]``);
    * a list of images: each converted, then stacked (a batch);
    * tensors are returned as they are.
    """
    if type(img) is Tensor or isinstance(img, torch.Tensor):
        return img if type(img) is Tensor else wrap(img)
    if isinstance(img, Image.Image):
        return wrap(F.to_tensor(img))
    if isinstance(img, (list, tuple)):
        if img and isinstance(img[0], (np.ndarray, RVector)) and np.ndim(img[0]) > 3:
            raise ValueError("Expected a list of 2D or 3D arrays.")     # R checks the first
        return wrap(torch.stack([transform_to_tensor(i)._t for i in img]))
    if isinstance(img, (np.ndarray, RVector)):
        t = _array_to_chw(from_r(img))
        if not t.is_floating_point():
            t = t.to(torch.float32) / 255
        return wrap(t.contiguous())
    raise TypeError(f"`transform_to_tensor()` is not implemented for {type(img).__name__}")


def transform_grayscale(img: Any, num_output_channels: int) -> Any:
    """R torchvision's ``transform_grayscale(img, num_output_channels)``:
    ``torchvision.transforms.functional.rgb_to_grayscale`` (1 or 3 output channels)."""
    n = py_ints(num_output_channels)
    return apply_to_image(img, lambda im: F.rgb_to_grayscale(im, n), "transform_grayscale")


def _functions(transforms: Any) -> list[Callable]:
    fs = list(transforms) if isinstance(transforms, (list, tuple)) else [transforms]
    if not all(callable(f) for f in fs):
        raise TypeError("`transforms` must be a list of functions")
    return fs


def _chain(img: Any, fs: list[Callable]) -> Any:
    for f in fs:
        img = f(img)
    return img


def transform_random_apply(img: Any, transforms: Any, p: float = 0.5) -> Any:
    """R torchvision's ``transform_random_apply(img, transforms, p = 0.5)``: with probability
    ``p``, the functions in ``transforms`` one after the other (torchvision's ``RandomApply``
    rule, drawn from PyTorch's generator)."""
    fs = _functions(transforms)
    if float(py_value(p)) < torch.rand(1).item():
        return img
    return _chain(img, fs)


def transform_random_choice(img: Any, transforms: Any) -> Any:
    """R torchvision's ``transform_random_choice(img, transforms)``: one of the functions, picked
    uniformly (torchvision's ``RandomChoice``)."""
    fs = _functions(transforms)
    return fs[int(torch.randint(len(fs), (1,)).item())](img)


def transform_random_order(img: Any, transforms: Any) -> Any:
    """R torchvision's ``transform_random_order(img, transforms)``: all the functions, in a random
    order (torchvision's ``RandomOrder``)."""
    fs = _functions(transforms)
    return _chain(img, [fs[i] for i in torch.randperm(len(fs)).tolist()])


def _r_expanded_rotation(img: torch.Tensor, angle: float, mode: str, center: Any,
                         fill: Any) -> torch.Tensor:
    """R torchvision's ``rotate_impl(expand = TRUE)`` on a tensor: the canvas is
    ``ceiling(extent - 1e-4)`` of the rotated corners (torchvision rounds each end outwards, so
    a 90-degree turn of a 4x5 image gives 6x5 there and 5x4 in R); the grid and the sampling
    are torchvision's."""
    import torchvision.transforms._functional_tensor as FT
    h, w = img.shape[-2:]
    center_f = [0.0, 0.0] if center is None else \
        [float(c) - s * 0.5 for c, s in zip(py_value(center), (w, h))]
    m = F._get_inverse_affine_matrix(center_f, -angle, [0.0, 0.0], 1.0, [0.0, 0.0])
    dtype = img.dtype if img.is_floating_point() else torch.float32
    theta = torch.tensor(m, dtype=dtype, device=img.device).reshape(1, 2, 3)
    corners = torch.tensor([[-0.5 * w, -0.5 * h, 1.0], [-0.5 * w, 0.5 * h, 1.0],
                            [0.5 * w, 0.5 * h, 1.0], [0.5 * w, -0.5 * h, 1.0]],
                           dtype=dtype, device=img.device)
    turned = corners.view(1, 4, 3).bmm(theta.transpose(1, 2)).view(4, 2)
    ow, oh = torch.ceil(turned.max(0).values - turned.min(0).values - 1e-4).int().tolist()
    grid = FT._gen_affine_grid(theta, w=w, h=h, ow=ow, oh=oh)
    return FT._apply_grid_transform(img, grid, mode, fill)


_rotate_rule = _derived("rotate", F.rotate, is_class=False)


def transform_rotate(img: Any, angle: Any, interpolation: Any = 0, expand: Any = False,
                     center: Any = None, fill: Any = None, **deprecated: Any) -> Any:
    """R torchvision's ``transform_rotate(img, angle, interpolation = 0, expand = FALSE,
    center = NULL, fill = NULL)``: ``torchvision.transforms.functional.rotate``; with
    ``expand = TRUE`` a tensor's output is sized as R sizes it (:func:`_r_expanded_rotation`)."""
    if deprecated:
        _deprecated("transform_rotate", deprecated)
        interpolation = deprecated.pop("interpolation", interpolation)
        fill = deprecated.pop("fill", fill)
        if deprecated:
            raise TypeError(f"unused argument {next(iter(deprecated))!r}")
    if not py_value(expand) or not (type(img) is Tensor or isinstance(img, torch.Tensor)):
        return _rotate_rule(img, angle, interpolation, expand, center, fill)
    mode = interpolation_mode(interpolation).value
    mode = "nearest" if mode == "nearest-exact" else mode
    fill_v = None if fill is None else py_value(fill)
    fill_v = [float(v) for v in fill_v] if isinstance(fill_v, list) else \
        (None if fill_v is None else [float(fill_v)])
    return wrap(_r_expanded_rotation(as_torch_tensor(img), float(py_value(angle)), mode,
                                     center, fill_v))


_normalize_rule = _derived("normalize", F.normalize, is_class=False)


def transform_normalize(img: Any, mean: Any, std: Any, inplace: bool = False) -> Any:
    """R torchvision's ``transform_normalize(img, mean, std, inplace = FALSE)``
    (``torchvision.transforms.functional.normalize``); its errors name the dtype as R does
    (``Float``, not ``torch.float32``)."""
    try:
        return _normalize_rule(img, mean, std, inplace)
    except (ValueError, TypeError) as e:
        from ..dtypes import scalar_type_name
        msg = re.sub(r"torch\.(\w+)", lambda m: scalar_type_name(getattr(torch, m[1], None))
                     if isinstance(getattr(torch, m[1], None), torch.dtype) else m[0], str(e))
        raise type(e)(msg) from None


#: The transforms written out, and why: R's array rules (``to_tensor``), another torchvision
#: name (``grayscale``), R functions as arguments (``random_apply``/``_choice``/``_order``),
#: R's canvas size (``rotate``), R's dtype names in errors (``normalize``).
EXCEPTIONS: dict[str, Callable] = {
    "to_tensor": transform_to_tensor, "grayscale": transform_grayscale, "rotate": transform_rotate,
    "normalize": transform_normalize,
    "random_apply": transform_random_apply, "random_choice": transform_random_choice,
    "random_order": transform_random_order,
}


def _transform(r_name: str) -> Callable:
    if r_name in EXCEPTIONS:
        return EXCEPTIONS[r_name]
    if hasattr(F, r_name):
        return _derived(r_name, getattr(F, r_name), is_class=False)
    return _derived(r_name, getattr(T, _camel(r_name)), is_class=True)


def image_size(img: Any) -> tuple[int, int]:
    """R's ``get_image_size()`` reversed: ``(height, width)`` of a tensor, Pillow image or
    ``H x W (x C)`` array."""
    if isinstance(img, np.ndarray):
        return int(img.shape[0]), int(img.shape[1])
    if isinstance(img, Image.Image):
        return img.height, img.width
    t = as_torch_tensor(img)
    return int(t.shape[-2]), int(t.shape[-1])


R_TRANSFORMS: dict[str, Callable] = {
    f"transform_{n}": pipeable(_transform(n), accepts=is_image) for n in R_NAMES}
