"""Reading images: R torchvision's ``base_loader`` and ``magick_loader``, with Pillow.

* ``base_loader(path)`` is R's ``jpeg::readJPEG`` / ``png::readPNG`` / ``tiff::readTIFF``: an
  ``H x W x C`` numpy array of doubles in ``[0, 1]`` (R's array, ``float64``); grayscale images
  get three identical channels, an alpha channel is kept (4 channels), as in R.
  ``transform_to_tensor()`` makes it a ``C x H x W`` float tensor.
* ``magick_loader(path)`` stands for R's ``magick::image_read``: a Pillow image in RGB (what
  R's magick methods of ``transform_to_tensor()`` read); the ``transform_*`` functions work on
  it and return Pillow images.

Only local files: a URL is an error (rtorch never downloads).
"""
from __future__ import annotations

import io
import os
import re
from typing import Any

import numpy as np
from PIL import Image

__all__ = ["base_loader", "magick_loader", "read_image", "image_array", "R_IO"]

#: The file extensions R's image folders read.
IMG_EXTENSIONS = ("jpg", "jpeg", "png", "tif", "tiff")

_URL = re.compile(r"^((http|ftp)s?|sftp)://", re.IGNORECASE)


def _check_local(path: Any) -> str:
    path = os.fspath(path) if isinstance(path, os.PathLike) else str(path)
    if _URL.match(path):
        raise RuntimeError(f"{path} is a URL: rtorch does not download, read a local file")
    if not os.path.exists(path):
        raise RuntimeError(f"File not found: {path}")
    return path


def read_image(source: Any) -> Image.Image:
    """A Pillow image from a path or from the bytes of an encoded image (fully read)."""
    if isinstance(source, (bytes, bytearray, memoryview)):
        img = Image.open(io.BytesIO(bytes(source)))
    else:
        img = Image.open(_check_local(source))
    img.load()
    return img


def image_array(img: Image.Image) -> np.ndarray:
    """R's reading of an image: ``H x W x C`` doubles in ``[0, 1]``; gray becomes 3 channels,
    alpha is kept."""
    if img.mode in ("I;16", "I;16B", "I;16L", "I"):
        a = np.asarray(img, dtype=np.float64) / (65535.0 if img.mode.startswith("I;16") else 1.0)
    else:
        if img.mode not in ("L", "LA", "RGB", "RGBA"):
            img = img.convert("RGBA" if "A" in img.getbands() or "transparency" in img.info
                              else "RGB")
        a = np.asarray(img, dtype=np.float64) / 255.0
    if a.ndim == 2:
        a = np.stack([a, a, a], axis=-1)
    return a


def base_loader(path: Any) -> np.ndarray:
    """R torchvision's ``base_loader(path)``: the image at ``path`` (jpg, jpeg, png, tif, tiff)
    as an ``H x W x C`` array of doubles in ``[0, 1]`` (read with Pillow)."""
    path = _check_local(path)
    ext = os.path.splitext(path)[1].lower().lstrip(".")
    if ext not in IMG_EXTENSIONS:
        raise RuntimeError(f"unknown extension {ext} in path {path}")
    return image_array(read_image(path))


def magick_loader(path: Any) -> Image.Image:
    """R torchvision's ``magick_loader(path)``: the image as a Pillow image in RGB (R: a magick
    image); transforms on it return Pillow images, ``transform_to_tensor()`` makes a tensor."""
    return read_image(path).convert("RGB")


R_IO = {"base_loader": base_loader, "magick_loader": magick_loader}


# -- MATLAB files (Flowers102's labels) --------------------------------------------------------

_MAT_TYPES = {1: "i1", 2: "u1", 3: "i2", 4: "u2", 5: "i4", 6: "u4", 7: "f4", 9: "f8",
              12: "i8", 13: "u8"}
_MI_MATRIX, _MI_COMPRESSED = 14, 15


def _mat_elements(buf: bytes, endian: str):
    """The (type, payload) data elements of a MATLAB 5 stream."""
    pos = 0
    while pos + 8 <= len(buf):
        word = int.from_bytes(buf[pos:pos + 4], "little" if endian == "<" else "big")
        if word >> 16:                                   # small element: 4 bytes of data
            dtype, n = word & 0xFFFF, word >> 16
            yield dtype, buf[pos + 4:pos + 4 + n]
            pos += 8
            continue
        n = int.from_bytes(buf[pos + 4:pos + 8], "little" if endian == "<" else "big")
        yield word, buf[pos + 8:pos + 8 + n]
        pos += 8 + n + (-n % 8 if word != _MI_COMPRESSED else 0)


def _mat_matrix(payload: bytes, endian: str) -> tuple[str, np.ndarray]:
    parts = list(_mat_elements(payload, endian))
    dims = np.frombuffer(parts[1][1], dtype=endian + "i4")
    name = parts[2][1].decode("ascii")
    dtype, data = parts[3]
    values = np.frombuffer(data, dtype=endian + _MAT_TYPES[dtype])
    return name, values.reshape(tuple(dims), order="F")


def read_mat(path: Any) -> dict[str, np.ndarray]:
    """The numeric matrices of a MATLAB 5 ``.mat`` file (what ``R.matlab::readMat`` reads for
    Flowers102): ``scipy.io.loadmat`` when scipy is installed, else a small reader of
    MATLAB 5's numeric matrices (compressed or not)."""
    path = _check_local(path)
    try:
        from scipy.io import loadmat
    except ImportError:
        loadmat = None
    if loadmat is not None:
        return {k: v for k, v in loadmat(path).items() if not k.startswith("__")}
    with open(path, "rb") as f:
        raw = f.read()
    endian = "<" if raw[126:128] == b"IM" else ">"
    out = {}
    for dtype, payload in _mat_elements(raw[128:], endian):
        if dtype == _MI_COMPRESSED:
            import zlib
            dtype, payload = next(_mat_elements(zlib.decompress(payload), endian))
        if dtype == _MI_MATRIX:
            name, value = _mat_matrix(payload, endian)
            out[name] = value
    return out
