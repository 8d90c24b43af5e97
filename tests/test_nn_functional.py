"""``nnf_*``, ``nn_init_*``, ``nn_utils_*``: derived by rule from PyTorch, R's 1-based
arguments checked against 0-based PyTorch; coverage of R torch's nn names."""
from __future__ import annotations

import inspect

import pytest
import torch
import torch.nn.functional as F

import rtorch
from rtorch import (as_integer, c, nn_linear, nnf_cross_entropy, nnf_embedding, nnf_max_pool2d,
                    nnf_max_unpool2d, nnf_nll_loss, nnf_one_hot, torch_int, torch_randn,
                    torch_tensor)
from rtorch.tensor import Tensor
from test_coverage import r_names


def L(*values):
    return torch_tensor(as_integer(c(*values)))


def test_nn_and_nnf_coverage():
    names = r_names("torch-exports.txt")
    groups = {
        "nn_": [n for n in names if n.startswith("nn_") or n.startswith(("is_nn_", "clone_module"))],
        "nnf_": [n for n in names if n.startswith("nnf_")],
    }
    for prefix, want in groups.items():
        have = [n for n in want if hasattr(rtorch, n)]
        print(f"\n{prefix} names: {len(have)}/{len(want)} ({100 * len(have) / len(want):.1f}%); "
              f"missing: {sorted(set(want) - set(have))}")
        assert len(have) / len(want) >= 0.95
    for n in sum(groups.values(), []):
        assert n in rtorch.__all__


def test_every_r_nnf_name_is_callable_with_r_argument_order():
    for n in [n for n in r_names("torch-exports.txt") if n.startswith("nnf_")]:
        f = getattr(rtorch, n)
        params = list(inspect.signature(f).parameters)
        assert "size_average" not in params and "reduce" not in params, n


# -- values: nnf against F -------------------------------------------------------------------------

def test_dims_are_1_based():
    x = torch_randn(2, 3, 4)
    torch.testing.assert_close(rtorch.nnf_softmax(x, dim=2).torch, F.softmax(x.torch, 1))
    torch.testing.assert_close(rtorch.nnf_log_softmax(x, 3).torch, F.log_softmax(x.torch, 2))
    torch.testing.assert_close(rtorch.nnf_normalize(x).torch, F.normalize(x.torch))       # dim = 2
    torch.testing.assert_close(rtorch.nnf_normalize(x, dim=3).torch, F.normalize(x.torch, dim=2))
    a, b = torch_randn(3, 4), torch_randn(3, 4)
    torch.testing.assert_close(rtorch.nnf_cosine_similarity(a, b).torch, F.cosine_similarity(a.torch, b.torch))
    torch.testing.assert_close(rtorch.nnf_glu(torch_randn(2, 4), dim=1).shape, (1, 4))
    with pytest.raises(IndexError, match="Indexing starts at 1"):
        rtorch.nnf_softmax(x, dim=0)
    with pytest.raises(IndexError, match=r"Dimension out of range \(expected to be in range of \[-3, 3\], but got 4\)"):
        rtorch.nnf_softmax(x, dim=4)


def test_class_targets_are_1_based():
    x = torch_randn(3, 4)
    t0 = torch.tensor([0, 3, 1])
    assert nnf_cross_entropy(x, L(1, 4, 2)).item() == pytest.approx(F.cross_entropy(x.torch, t0).item())
    assert nnf_nll_loss(x, L(1, 4, 2)).item() == pytest.approx(F.nll_loss(x.torch, t0).item())
    assert nnf_cross_entropy(x, torch_tensor(c(1, 4, 2), dtype=torch_int())).item() == \
        pytest.approx(F.cross_entropy(x.torch, t0).item())
    assert nnf_cross_entropy(x, L(1, 4, 2), ignore_index=4).item() == \
        pytest.approx(F.cross_entropy(x.torch, t0, ignore_index=3).item())
    assert nnf_cross_entropy(x, L(1, 4, 2), None, -100, "sum").item() == \
        pytest.approx(F.cross_entropy(x.torch, t0, reduction="sum").item())     # R's positions
    assert rtorch.nnf_multi_margin_loss(x, L(1, 4, 2)).item() == \
        pytest.approx(F.multi_margin_loss(x.torch, t0).item())
    with pytest.raises(IndexError, match="Indexing starts at 1 but found a 0."):
        nnf_cross_entropy(x, L(0, 1, 2))
    with pytest.raises(RuntimeError, match="expected scalar type Long but found Float"):
        nnf_cross_entropy(x, torch_tensor(c(1, 2, 3)))
    with pytest.raises(ValueError, match="`ignore_index` is a 1 based class index, so it cannot be 0."):
        nnf_cross_entropy(x, L(1, 2, 3), ignore_index=0)
    with pytest.raises(IndexError, match="Target 5 is out of bounds."):
        nnf_nll_loss(x, L(5, 1, 1))


def test_one_hot_classes_from_1():
    out = nnf_one_hot(L(1, 3))
    assert repr(out) == "torch_tensor\n 1  0  0\n 0  0  1\n[ CPULongType{2,3} ]"
    assert tuple(nnf_one_hot(L(1, 3), num_classes=5).shape) == (2, 5)
    with pytest.raises(IndexError, match="Indexing starts at 1 but found a 0."):
        nnf_one_hot(L(0, 3))


def test_embedding_input_1_based_padding_idx_as_given():
    w = torch_randn(5, 2)
    torch.testing.assert_close(nnf_embedding(L(1, 5), w).torch, w.torch[[0, 4]])
    out = rtorch.nnf_embedding_bag(L(1, 2, 5), w, L(0, 1), mode="sum")
    torch.testing.assert_close(out.torch, torch.stack([w.torch[0], w.torch[1] + w.torch[4]]))


def test_max_pool_indices_round_trip_1_based():
    x = torch_randn(1, 1, 4, 4)
    out, idx = nnf_max_pool2d(x, 2, return_indices=True)
    t_out, t_idx = F.max_pool2d(x.torch, 2, return_indices=True)
    assert torch.equal(idx.torch, t_idx + 1)
    torch.testing.assert_close(nnf_max_unpool2d(out, idx, 2).torch, F.max_unpool2d(t_out, t_idx, 2))
    _, a_idx = rtorch.nnf_adaptive_max_pool2d(x, 2, return_indices=True)   # R: 0-based
    assert torch.equal(a_idx.torch, F.adaptive_max_pool2d(x.torch, 2, return_indices=True)[1])
    with pytest.raises(IndexError, match="Indexing starts at 1 but found a 0."):
        nnf_max_unpool2d(out, idx * as_integer(0), 2)


def test_r_vectors_as_sizes_and_pad_is_not_dims():
    x = torch_randn(1, 1, 4, 6)
    assert tuple(nnf_max_pool2d(x, c(2, 3)).shape) == (1, 1, 2, 2)
    assert tuple(rtorch.nnf_pad(x, c(1, 1, 2, 2)).shape) == (1, 1, 8, 8)
    assert tuple(rtorch.nnf_interpolate(x, size=c(8, 12)).shape) == (1, 1, 8, 12)
    assert tuple(rtorch.nnf_layer_norm(x, c(4, 6)).shape) == (1, 1, 4, 6)


def test_gumbel_softmax_takes_r_order():
    torch.manual_seed(0)
    y = rtorch.nnf_gumbel_softmax(torch_randn(2, 3), 1, True, 2)       # dim is the 4th argument
    assert torch.equal(y.torch.sum(1), torch.ones(2))


def test_results_are_rtorch_tensors_with_grad_fn():
    x = torch_randn(2, 3, requires_grad=True)
    y = rtorch.nnf_linear(x, torch_randn(4, 3))
    assert type(y) is Tensor and y.grad_fn.name() == "MmBackward0"
    assert type(rtorch.nnf_relu(torch.randn(2))) is Tensor              # PyTorch tensors accepted


def test_bad_input_messages():
    with pytest.raises(RuntimeError, match="all elements of input should be between 0 and 1"):
        rtorch.nnf_binary_cross_entropy(torch_tensor(c(2, -1)), torch_tensor(c(1, 0)))
    with pytest.raises(RuntimeError, match="Expected 3D or 4D"):
        rtorch.nnf_unfold(torch_randn(1, 1, 1, 4, 4), 2)


# -- nn_init_ and nn_utils_ ---------------------------------------------------------------------

def test_nn_init_fills_in_place_and_returns_the_tensor():
    lin = nn_linear(3, 4)
    w = lin.weight
    assert rtorch.nn_init_zeros_(w) is w
    assert lin.weight.torch.abs().sum().item() == 0
    rtorch.nn_init_constant_(lin.bias, 0.5)
    assert torch.equal(lin.bias.torch, torch.full((4,), 0.5))
    rtorch.nn_init_xavier_uniform_(lin.weight)
    assert lin.weight.torch.abs().sum().item() > 0 and lin.weight.requires_grad
    assert rtorch.nn_init_calculate_gain("relu") == pytest.approx(2 ** 0.5)
    for n in [n for n in r_names("torch-exports.txt") if n.startswith("nn_init_")]:
        assert hasattr(rtorch, n), n


def test_nn_utils_clip_and_rnn_helpers():
    lin = nn_linear(3, 1)
    lin(torch_randn(5, 3)).sum().backward()
    total = rtorch.nn_utils_clip_grad_norm_(lin.parameters, 0.01)
    assert type(total) is Tensor
    assert torch.cat([p.grad.torch.reshape(-1) for p in lin.parameters]).norm().item() <= 0.0101
    rtorch.nn_utils_clip_grad_value_(lin.parameters, 0.001)
    assert max(p.grad.torch.abs().max().item() for p in lin.parameters) <= 0.001 + 1e-9
    seqs = [torch_randn(3, 2), torch_randn(1, 2)]
    padded = rtorch.nn_utils_rnn_pad_sequence(seqs, batch_first=True)
    assert tuple(padded.shape) == (2, 3, 2)
    packed = rtorch.nn_utils_rnn_pack_padded_sequence(padded, c(3, 1), batch_first=True)
    assert type(packed.data) is Tensor
    out, h = rtorch.nn_gru(2, 4, batch_first=True)(packed)
    assert type(out.data) is Tensor and type(h) is Tensor
    unpacked, lengths = rtorch.nn_utils_rnn_pad_packed_sequence(out, batch_first=True)
    assert tuple(unpacked.shape) == (2, 3, 4) and lengths.torch.tolist() == [3, 1]
