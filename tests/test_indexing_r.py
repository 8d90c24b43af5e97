"""R's indexing rules that R torch's own tests and R's vectors fix (values checked against
plain 0-based PyTorch on the same data)."""
from __future__ import annotations

import pytest
import torch

from rtorch import *  # noqa: F403

X = torch.arange(1, 17).reshape(4, 4)


def _x():
    return torch_tensor(matrix(seq(1, 16), 4, byrow=True))


def test_numeric_matrix_index_indexes_dim_one_and_keeps_its_shape():
    x = _x()
    y = rbind(c(1, 1), c(1, 2))                   # R's test-indexing "numeric /logic matrix"
    got = x[y]
    assert got.shape == (2, 2, 4)
    assert torch.equal(got.torch, X[torch.tensor([[0, 0], [0, 1]])])
    assert torch.equal(x[torch_tensor(y, dtype=torch_long())].torch, got.torch)


def test_logical_matrix_index_is_a_mask():
    x = torch_randn(4, 4)
    assert torch.equal(x[as_array(x > 0)].torch, x.torch[x.torch > 0])


def test_length_one_r_vector_is_a_scalar():
    x = _x()
    assert x[c(2)].shape == (4,)
    assert torch.equal(x[c(2)].torch, X[1])
    assert x[c(2), c(3)].item() == 7
    assert x[seq(2, 2)].shape == (4,)


def test_length_one_vector_picks_a_module_list_item():
    ml = nn_module_list([nn_linear(1, 2), nn_relu()])
    assert isinstance(ml[c(1)], torch.nn.Linear) and ml[c(1)] is ml[1]


def test_descending_range_counts_down():
    x = torch_tensor(seq(1, 10))
    assert x[3:1].tolist() == [3, 2, 1]            # R's 3:1
    assert x[-1:-3].tolist() == [10, 9, 8]         # R's -1:-3, from the end
    assert _x()[3:1, 2:1].tolist() == [[10, 9], [6, 5], [2, 1]]
    with pytest.raises(IndexError, match="out of bounds"):
        x[12:1]


def test_ascending_and_negative_ranges_keep_r_meaning():
    x = torch_tensor(seq(0, 9))
    assert x[-2:10].tolist() == [8, 9]
    assert x[2:N].tolist() == list(range(1, 10))
    y = torch_tensor(c(1, 2, 3))
    assert y[2:-1].tolist() == [2, 3]
    assert y[-2:-1].tolist() == [2, 3]
    assert y[-3:-2].tolist() == [1, 2]


def test_zero_start_is_the_index_zero_error():
    with pytest.raises(IndexError, match="1-based"):
        torch_tensor(seq(1, 10))[0:3]


def test_descending_range_assignment():
    x = torch_tensor(seq(1, 5))
    x[3:1] = torch_tensor(c(30, 20, 10))
    assert x.tolist() == [10, 20, 30, 4, 5]


def test_descending_range_of_a_sequential_counts_down():
    s = nn_sequential(nn_linear(1, 2), nn_relu(), nn_linear(2, 3))
    rev = s[3:2]
    assert [type(m).__name__ for m in rev] == ["nn_linear", "nn_relu"]
    assert rev[1].out_features == 3
