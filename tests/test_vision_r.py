"""rtorch.vision against R torchvision's own tests and rules."""
from __future__ import annotations

import numpy as np
import pytest
import torch

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
