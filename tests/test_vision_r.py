"""rtorch.vision against R torchvision's own tests and rules."""
from __future__ import annotations

import numpy as np
import pytest

from rtorch import *  # noqa: F403
from rtorch.vision import *  # noqa: F403


def test_rotate_a_rectangle_with_expand_as_r():
    img = torch_tensor(matrix(seq(1, 20))).view(c(1, 4, 5))   # R's test-transforms-tensor
    out = transform_rotate(img, 90, expand=True)
    assert out.shape == (1, 5, 4)
    assert out[1, :, 1].tolist() == [5, 4, 3, 2, 1]
    assert out[1, :, 4].tolist() == [20, 19, 18, 17, 16]
    outb = transform_rotate(img.unsqueeze(1), 90, expand=True)
    assert outb.shape == (1, 1, 5, 4)


def test_rotate_a_square_as_r():
    img = torch_tensor(matrix(seq(1, 16))).view(c(1, 4, 4))
    assert transform_rotate(img, 90).shape == (1, 4, 4)
    assert transform_rotate(img, 90)[1, :, 1].tolist() == [4, 3, 2, 1]
    out = transform_rotate(img, 45, expand=True)
    assert out[1, :, 2].tolist() == [0, 0, 2, 5, 0, 0]
    assert out[1, :, 3].tolist() == [0, 3, 7, 10, 9, 0]


def test_normalize_error_names_the_dtype_as_r():
    with pytest.raises(ValueError, match="after conversion to Float, leading"):
        transform_normalize(torch_randn(3, 4, 4), c(0, 0, 0), c(0, 1, 1))


def test_to_tensor_of_a_list_of_4d_arrays_is_r_error():
    with pytest.raises(ValueError, match="Expected a list of 2D or 3D arrays."):
        transform_to_tensor([np.zeros((2, 3, 4, 5)), np.zeros((2, 3, 4, 5))])
    out = transform_to_tensor([np.zeros((4, 5, 3), dtype=np.int64)] * 2)
    assert out.shape == (2, 3, 4, 5)


def test_r_colour_names_and_codes():
    from rtorch.vision.colors import R_COLORS, col2rgb
    assert len(R_COLORS) == 657                                  # length(colors()) in R
    assert col2rgb("navyblue") == (0, 0, 128)                    # R: col2rgb("navyblue")
    assert col2rgb("orange3") == (205, 133, 0)
    assert col2rgb("Navy Blue") == (0, 0, 128)                   # case and blanks ignored
    assert col2rgb("gray62") == (158, 158, 158)
    assert col2rgb("green") == (0, 255, 0) and col2rgb("maroon") == (176, 48, 96)
    assert col2rgb("#FF000080", alpha=True) == (255, 0, 0, 128)
    assert col2rgb(2) == (223, 83, 107)                          # palette()[2]
    with pytest.raises(ValueError, match="invalid color name 'notacolour'"):
        col2rgb("notacolour")


def _image():
    return torch_randint(low=1, high=240, size=c(3, 360, 360)).to(torch_uint8())


def test_draw_bounding_boxes_fills_opaquely_as_r():
    boxes = torch_tensor(c(0, 0, 360, 360)).unsqueeze(1)        # R's "mask a complete image"
    assert draw_bounding_boxes(_image(), boxes, colors="black", fill=True).sum().item() <= 3000
    image_float = 1 - (torch_randn(c(3, 360, 360)) / 20)
    out = draw_bounding_boxes(image_float, boxes, colors="black", fill=True)
    assert out.dtype == torch_uint8() and out.sum().item() <= 3000


def test_draw_bounding_boxes_recycles_labels_and_colours():
    img = torch_zeros(3, 120, 120).to(torch_uint8())
    b = torch_tensor(rbind(c(10, 10, 30, 30), c(40, 40, 60, 60), c(70, 70, 90, 90),
                           c(95, 5, 115, 25)))
    out = draw_bounding_boxes(img, b, labels=c("a", "b"), colors=c("navyblue", "orange3"),
                              fill=True)
    assert out[:, 20, 20].tolist() == [0, 0, 128]                # box 1: navyblue
    assert out[:, 50, 50].tolist() == [205, 133, 0]              # box 2: orange3
    assert out[:, 80, 80].tolist() == [0, 0, 128]                # box 3: recycled
    with pytest.raises(ValueError, match="Number of labels 3 cannot be broadcasted on number "
                                         "of boxes 4"):
        draw_bounding_boxes(img, b, labels=c("a", "b", "c"))
    with pytest.raises(ValueError, match="colors vector cannot be broadcasted on boxes"):
        draw_bounding_boxes(img, b, colors=c("red", "blue", "green"))


def test_draw_segmentation_masks_takes_r_colour_names():
    img = torch_zeros(3, 8, 8).to(torch_uint8())
    lower = torch_tril(torch_ones(8, 8)) > 0
    masks = torch_stack([lower, lower.logical_not()])
    out = draw_segmentation_masks(img, masks, colors=c("navyblue", "orange3"), alpha=1)
    assert out[:, 8, 1].tolist() == [0, 0, 128]
    assert out[:, 1, 8].tolist() == [205, 133, 0]


def test_default_colours_are_r_hcl_colors():
    from rtorch.vision.colors import hcl_colors
    # R: hcl.colors(5) is "#4B0055" "#00588B" "#009B95" "#53CC67" "#FDE333"
    assert ["#%02X%02X%02X" % c for c in hcl_colors(5)] == \
        ["#4B0055", "#00588B", "#009B95", "#53CC67", "#FDE333"]
    img = torch_zeros(3, 40, 40).to(torch_uint8())
    b = torch_tensor(rbind(c(2, 2, 12, 12), c(20, 20, 30, 30)))
    out = draw_bounding_boxes(img, b, fill=True)
    first, last = hcl_colors(2)
    assert tuple(out[:, 8, 8].tolist()) == first and tuple(out[:, 25, 25].tolist()) == last


def test_affine_errors_in_r_words():
    x = torch_eye(8).view(c(1, 1, 8, 8))                       # R's "affine validates ..."
    with pytest.raises(ValueError, match="positive"):
        transform_affine(x, 0, c(0, 0), 0, 0)
    with pytest.raises(ValueError, match="Unsupported interpolation mode"):
        transform_affine(x, 0, c(0, 0), 1, 0, interpolation="bicubic")
