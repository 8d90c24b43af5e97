"""R's ``x[[i]]`` on any object (``pluck``): 1-based positions and names, whichever of
Python's 0-based lists or R's 1-based objects ``x`` is."""
from __future__ import annotations

import pytest
import torch

from rtorch import c, named_list, nn_linear, nn_sequential, pluck, torch_max, torch_tensor


def test_lists_and_multi_results_count_from_one():
    m = torch.tensor([[1.0, 5.0], [3.0, 2.0]])
    values, indices = torch.max(m, dim=0)
    r = torch_max(torch_tensor(m), dim=1)
    assert torch.equal(pluck(r, 1).torch, values)
    assert torch.equal(pluck(r, 2).torch, indices + 1)     # R's indices are 1-based too
    assert pluck(["a", "b"], 2) == "b"
    assert pluck(("a", "b"), 1) == "a"


def test_named_lists_by_position_and_name_and_nested():
    item = named_list(x=torch_tensor(c(1, 2)), y=named_list(z=7))
    assert pluck(item, "y", "z") == 7
    assert pluck(item, 2, 1) == 7
    assert float(pluck(item, "x", 2).item()) == 2.0


def test_r_objects_keep_their_own_one_based_subscript():
    assert float(pluck(c(7, 8, 9), 3)) == 9.0
    assert float(pluck(torch_tensor(c(3, 1, 2)), 1).item()) == 3.0
    model = nn_sequential(nn_linear(1, 2), nn_linear(2, 3))
    assert pluck(model, 2).out_features == 3
    assert tuple(pluck(model.parameters, 1).shape) == (2, 1)


def test_out_of_range_and_zero_are_r_errors():
    with pytest.raises(IndexError, match="subscript out of bounds"):
        pluck([1, 2], 3)
    with pytest.raises(IndexError, match="less than one"):
        pluck([1, 2], 0)
    with pytest.raises(KeyError, match="no element named 'w'"):
        pluck(named_list(a=1), "w")
