"""R's pipe ``x %>% f(a)`` as ``x >> f(a)``: which calls become stages, what may stand on the
left, and loud failures when a stage is used outside a pipe."""
from __future__ import annotations

import numpy as np
import pytest
import torch

from rtorch import (as_array, as_integer, c, nn_linear, nn_module, nn_relu, nnf_max_pool2d,
                    nnf_relu, pipeable, torch_flatten, torch_normal, torch_ones, torch_randn,
                    torch_sum, torch_tensor)
from rtorch.pipes import PipeError, Stage
from rtorch.tensor import Tensor


def test_missing_data_makes_a_stage():
    x = torch_randn(2, 3, 4)
    assert isinstance(nnf_relu(), Stage)
    assert isinstance(torch_flatten(start_dim=2), Stage)
    assert isinstance(nnf_max_pool2d(2), Stage)                  # a number cannot be the data
    assert tuple((x >> torch_flatten(start_dim=2)).shape) == (2, 12)
    assert torch.equal((x >> nnf_relu()).torch, torch.relu(x.torch))
    assert tuple((torch_randn(1, 1, 4, 4) >> nnf_max_pool2d(2)).shape) == (1, 1, 2, 2)
    assert (x >> torch_sum(dim=1)).shape == (3, 4)


def test_calls_with_data_are_unchanged():
    assert type(nnf_relu(torch_randn(2))) is Tensor
    assert type(torch_flatten(input=torch_randn(2, 2))) is Tensor
    assert tuple(torch_normal(0, 1, size=c(2, 3)).shape) == (2, 3)   # first argument may be a number
    assert as_integer(5).tolist() == [5]


def test_chains_and_modules():
    lin, relu = nn_linear(3, 2), nn_relu()
    x = torch_randn(4, 3)
    y = x >> lin() >> relu() >> torch_sum()
    torch.testing.assert_close(y.torch, torch.relu(lin(x).torch).sum())
    assert isinstance(lin(), Stage)


def test_left_side_kinds():
    assert type(torch.ones(2, 2) >> nnf_relu()) is Tensor                  # PyTorch tensor
    assert (np.ones((2, 2), dtype=np.float32) >> torch_sum()).item() == 4  # numpy array
    assert (c(1, 2, 3) >> torch_tensor()).shape == (3,)                    # R vector
    assert (torch_ones(2) >> as_array()).tolist() == [1.0, 1.0]
    assert (torch_ones(2) >> as_array()).__class__.__name__ in ("ndarray", "RVector")


def test_pipeable_decorator_for_other_verbs():
    class Fitted:
        pass

    @pipeable(accepts=lambda obj: isinstance(obj, type))
    def setup(module, loss=None):
        return (module, loss)

    net = nn_module(forward=lambda self, x: x)
    assert setup(net, "mse") == (net, "mse")
    assert isinstance(setup(loss="mse"), Stage)
    assert (net >> setup(loss="mse")) == (net, "mse")              # a generator on the left

    @pipeable
    def twice(x, k=2):
        return x * k

    assert (torch_ones(1) >> twice(k=3)).item() == 3


@pytest.mark.parametrize("use", [repr, str, bool, len, float, np.asarray,
                                 lambda s: s + 1, lambda s: s.shape, lambda s: s(1),
                                 lambda s: list(s), lambda s: s[1]])
def test_a_stage_outside_a_pipe_fails_loudly(use):
    with pytest.raises(PipeError, match=r"`nnf_relu\(\)` was called without its input: use it on "
                                        r"the right of `>>`"):
        use(nnf_relu())


def test_module_stage_message_names_the_layer():
    with pytest.raises(PipeError, match=r"`nn_relu\(\)` was called without its input"):
        str(nn_relu()())
