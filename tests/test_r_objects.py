"""R torch's own objects and results: generators, R-only tensor methods, 1-based names,
full results, smaller R rules (R torch's tests and documented values)."""
from __future__ import annotations

import pytest
import torch

from rtorch import *  # noqa: F403


# -- torch_generator() ----------------------------------------------------------------------
def test_generator_seeds_as_r_test_suite():
    g = torch_generator()
    assert repr(g) == "torch_generator()"
    g.set_current_seed(as_integer(12345678))
    assert g.current_seed() == 12345678
    g.set_current_seed(123456789101112)          # bit64::as.integer64(123456789101112)
    assert g.current_seed() == 123456789101112


def test_generator_rejects_a_double_as_r_does():
    g = torch_generator()
    with pytest.raises(TypeError, match="Seed must be integer or integer64."):
        g.set_current_seed(1.5)
    with pytest.raises(TypeError, match="Seed must be integer or integer64."):
        g.set_current_seed(c(1, 2))


def test_generator_is_usable_as_generator_everywhere():
    g = torch_generator()
    ref = torch.Generator().manual_seed(7)
    g.set_current_seed(as_integer(7))
    assert torch.equal(torch_randn(3, generator=g).torch, torch.randn(3, generator=ref))
    g.set_current_seed(as_integer(7)); ref.manual_seed(7)
    x = torch_empty(5).uniform_(0, 1, generator=g)
    assert torch.equal(x.torch, torch.empty(5).uniform_(0, 1, generator=ref))
    g.set_current_seed(as_integer(7)); ref.manual_seed(7)
    assert torch.equal(torch_randperm(6, generator=g).torch, torch.randperm(6, generator=ref))  # 0-based, as R's


# -- R-only tensor methods ---------------------------------------------------------------------
def test_narrow_copy_is_one_based():
    x = torch_tensor(matrix(seq(1, 12), nrow=3))
    y = x.narrow_copy(2, 2, 2)
    assert torch.equal(y.torch, x.torch[:, 1:3])
    assert y.torch.data_ptr() != x.torch.data_ptr()


def test_is_sparse_and_friends_are_methods():
    x = torch_randn(2, 2)
    assert x.is_sparse() is False and x.is_sparse_csr() is False and x.is_quantized() is False
    assert not x.is_sparse                       # PyTorch's field reading still works
    assert x.to_sparse().is_sparse() is True
    q = torch_quantize_per_tensor(torch_randn(3), 0.1, 10, torch_quint8())
    assert q.is_quantized() is True


def test_as_character_of_device_and_dtype():
    assert as_character(torch_device("cpu")).tolist() == ["cpu"]
    assert as_character(torch_device("cuda", 0)).tolist() == ["cuda:0"]
    assert as_character(torch_float()).tolist() == ["Float"]
    assert as_character(torch_long()).tolist() == ["Long"]
