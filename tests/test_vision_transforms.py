"""rtorch.vision transforms: R's names and conventions, Python torchvision's results."""
import inspect

import numpy as np
import pytest
import torch
import torchvision.transforms as T
import torchvision.transforms.functional as F
from PIL import Image
from torchvision.transforms import InterpolationMode

from rtorch import Tensor, c, matrix, seq, torch_float, torch_manual_seed, torch_uint8
from rtorch.pipes import PipeError
from rtorch.vision import *  # noqa: F403
from rtorch.vision import R_TRANSFORMS

torch.manual_seed(0)
IMG = torch.rand(3, 20, 30)
U8 = (torch.rand(3, 20, 30) * 255).to(torch.uint8)

# (R call, the same through Python's torchvision); R values in, results compared exactly
SAME = [
    (lambda x: transform_resize(x, c(10, 12)), lambda x: F.resize(x, [10, 12])),
    (lambda x: transform_resize(x, 8), lambda x: F.resize(x, 8)),
    (lambda x: transform_resize(x, c(10, 12), interpolation=0),
     lambda x: F.resize(x, [10, 12], InterpolationMode.NEAREST)),
    (lambda x: transform_resize(x, c(10, 12), interpolation="bicubic"),
     lambda x: F.resize(x, [10, 12], InterpolationMode.BICUBIC)),
    (lambda x: transform_center_crop(x, c(8, 10)), lambda x: F.center_crop(x, [8, 10])),
    (lambda x: transform_center_crop(x, 50), lambda x: F.center_crop(x, 50)),
    (lambda x: transform_hflip(x), F.hflip),
    (lambda x: transform_vflip(x), F.vflip),
    (lambda x: transform_adjust_brightness(x, 1.5), lambda x: F.adjust_brightness(x, 1.5)),
    (lambda x: transform_adjust_contrast(x, 0.5), lambda x: F.adjust_contrast(x, 0.5)),
    (lambda x: transform_adjust_saturation(x, 2), lambda x: F.adjust_saturation(x, 2)),
    (lambda x: transform_adjust_hue(x, 0.2), lambda x: F.adjust_hue(x, 0.2)),
    (lambda x: transform_adjust_gamma(x, 2, gain=0.9), lambda x: F.adjust_gamma(x, 2, 0.9)),
    (lambda x: transform_rotate(x, 30), lambda x: F.rotate(x, 30)),
    (lambda x: transform_rotate(x, 30, interpolation=2),        # expand = TRUE sizes the
     lambda x: F.rotate(x, 30, InterpolationMode.BILINEAR)),       # canvas as R: test_vision_r
    (lambda x: transform_affine(x, 10, c(1, 2), 1.2, c(5, 0)),
     lambda x: F.affine(x, 10, [1, 2], 1.2, [5.0, 0.0])),
    (lambda x: transform_grayscale(x, 3), lambda x: F.rgb_to_grayscale(x, 3)),
    (lambda x: transform_rgb_to_grayscale(x), F.rgb_to_grayscale),
    (lambda x: transform_pad(x, c(1, 2), padding_mode="reflect"),
     lambda x: F.pad(x, [1, 2], padding_mode="reflect")),
    (lambda x: transform_normalize(x, c(0.5, 0.4, 0.3), c(0.2, 0.2, 0.1)),
     lambda x: F.normalize(x, [0.5, 0.4, 0.3], [0.2, 0.2, 0.1])),
    (lambda x: transform_resized_crop(x, 3, 4, 10, 12, c(5, 6)),
     lambda x: F.resized_crop(x, 2, 3, 10, 12, [5, 6])),
]


@pytest.mark.parametrize("k", range(len(SAME)))
def test_functional_transforms_match_torchvision(k):
    r, py = SAME[k]
    for img in (IMG, U8):
        try:
            ref = py(img.clone())
        except TypeError:                           # float-only transforms fail the same way
            with pytest.raises(TypeError):
                r(_r(img))
            continue
        out = r(_r(img))
        assert type(out) is Tensor
        assert torch.equal(out.torch, ref)


def _r(t):
    from rtorch.tensor import wrap
    return wrap(t.clone())


def test_images_of_every_kind():
    pil = F.to_pil_image(U8)
    assert transform_resize(pil, c(10, 12)).size == (12, 10)          # Pillow in, Pillow out
    assert isinstance(transform_hflip(U8), Tensor)                       # PyTorch in, rtorch out
    with pytest.raises(TypeError, match="transform_to_tensor"):
        transform_hflip(np.zeros((4, 4, 3)))


def test_crop_is_one_based():
    x = _r(IMG)
    assert torch.equal(transform_crop(x, 1, 1, 5, 6).torch, IMG[:, 0:5, 0:6])
    assert torch.equal(transform_crop(x, 3, 4, 5, 6).torch, IMG[:, 2:7, 3:9])


def test_pad_uses_r_order():
    # R: c(left, right, top, bottom); Python: left, top, right, bottom
    out = transform_pad(_r(IMG), c(1, 2, 3, 4))
    assert out.shape == (3, 27, 33)
    assert torch.equal(out.torch, F.pad(IMG, [1, 3, 2, 4]))


def test_perspective_points_are_one_based():
    h, w = 20, 30
    start = [c(1, 1), c(w, 1), c(w, h), c(1, h)]
    end = [c(2, 2), c(w - 1, 1), c(w, h), c(1, h - 1)]
    out = transform_perspective(_r(IMG), start, end)
    ref = F.perspective(IMG, [[0, 0], [w - 1, 0], [w - 1, h - 1], [0, h - 1]],
                        [[1, 1], [w - 2, 0], [w - 1, h - 1], [0, h - 2]])
    assert torch.equal(out.torch, ref)


def test_five_and_ten_crop_return_lists():
    five = transform_five_crop(_r(IMG), c(4, 5))
    assert isinstance(five, list) and len(five) == 5
    assert all(torch.equal(a.torch, b) for a, b in zip(five, F.five_crop(IMG, [4, 5])))
    assert len(transform_ten_crop(_r(IMG), c(4, 5), vertical_flip=True)) == 10


RANDOM = [
    (lambda x: transform_random_crop(x, c(5, 7), padding=2), T.RandomCrop([5, 7], padding=2)),
    (lambda x: transform_random_horizontal_flip(x, p=0.5), T.RandomHorizontalFlip(0.5)),
    (lambda x: transform_random_vertical_flip(x), T.RandomVerticalFlip()),
    (lambda x: transform_random_resized_crop(x, c(8, 8)), T.RandomResizedCrop([8, 8])),
    (lambda x: transform_color_jitter(x, 0.4, 0.4, 0.4, 0.1), T.ColorJitter(0.4, 0.4, 0.4, 0.1)),
    (lambda x: transform_random_rotation(x, 20), T.RandomRotation(20)),
    (lambda x: transform_random_affine(x, 10, translate=c(0.1, 0.1), scale=c(0.9, 1.1)),
     T.RandomAffine(10, translate=(0.1, 0.1), scale=(0.9, 1.1))),
    (lambda x: transform_random_grayscale(x, p=0.5), T.RandomGrayscale(0.5)),
    (lambda x: transform_random_perspective(x, p=1), T.RandomPerspective(p=1)),
    (lambda x: transform_random_erasing(x, p=1, value="random"),
     T.RandomErasing(p=1, value="random")),
]


@pytest.mark.parametrize("k", range(len(RANDOM)))
def test_random_transforms_match_torchvision_under_the_same_seed(k):
    r, py = RANDOM[k]
    for seed in (1, 2, 3):
        torch_manual_seed(seed)
        a = r(_r(IMG))
        torch.manual_seed(seed)
        assert torch.equal(a.torch, py(IMG.clone()))


def test_to_tensor_follows_r_rules_for_arrays():
    hwc = (np.random.rand(8, 9, 3) * 255).astype(np.uint8)
    t = transform_to_tensor(hwc)
    assert t.shape == (3, 8, 9) and t.dtype == torch_float()
    assert torch.allclose(t.torch, F.to_tensor(hwc))
    assert transform_to_tensor(np.random.rand(8, 9)).shape == (1, 8, 9)           # H x W
    chw = np.random.randint(0, 255, (1, 28, 28)).astype(np.int32)                  # MNIST's x
    t = transform_to_tensor(chw)
    assert t.shape == (1, 28, 28) and float(t.torch.max()) <= 1
    doubles = np.random.rand(5, 6, 3)                                              # base_loader
    assert torch.allclose(transform_to_tensor(doubles).torch,
                          torch.tensor(doubles, dtype=torch.float32).permute(2, 0, 1))
    assert transform_to_tensor(matrix(seq(1, 30), nrow=5)).shape == (1, 5, 6)
    pil = Image.fromarray(hwc)
    assert torch.equal(transform_to_tensor(pil).torch, F.to_tensor(pil))
    assert transform_to_tensor([hwc, hwc]).shape == (2, 3, 8, 9)


def test_other_arguments():
    x = _r(U8)
    assert transform_convert_image_dtype(_r(IMG), torch_uint8()).dtype == torch_uint8()
    assert torch.equal(transform_convert_image_dtype(x).torch, F.convert_image_dtype(U8))
    m = torch.eye(4)
    out = transform_linear_transformation(_r(torch.ones(1, 2, 2)), m, torch.zeros(4))
    assert out.shape == (1, 2, 2)
    with pytest.warns(DeprecationWarning, match="resample"):
        transform_rotate(x, 10, resample=2)


def test_combining_transforms_take_r_functions():
    x = _r(IMG)
    assert torch.equal(transform_random_apply(x, [transform_hflip], p=1).torch, F.hflip(IMG))
    assert torch.equal(transform_random_apply(x, [transform_hflip], p=0).torch, IMG)
    picked = transform_random_choice(x, [transform_hflip, transform_vflip])
    assert any(torch.equal(picked.torch, f(IMG)) for f in (F.hflip, F.vflip))
    both = transform_random_order(x, [transform_hflip, transform_vflip])
    assert torch.equal(both.torch, F.vflip(F.hflip(IMG)))


def test_transforms_pipe():
    hwc = (np.random.rand(40, 50, 3) * 255).astype(np.uint8)
    out = hwc >> transform_to_tensor() >> transform_resize(c(32, 32)) >> transform_hflip()
    assert type(out) is Tensor and out.shape == (3, 32, 32)
    stage = transform_resize(c(32, 32))
    with pytest.raises(PipeError):
        repr(stage)


def test_signatures_are_r_s():
    sig = inspect.signature(R_TRANSFORMS["transform_resize"])
    assert list(sig.parameters)[:3] == ["img", "size", "interpolation"]
    assert sig.parameters["interpolation"].default == 2
    assert "transform_random_crop(img, size" in R_TRANSFORMS["transform_random_crop"].__doc__
