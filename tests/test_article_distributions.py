"""What the distributions article needs from rtorch, checked against R torch's printed output
(the article's rendered outputs) or the same computation in plain PyTorch."""
from __future__ import annotations

import math

import pytest
import torch

from rtorch import *
from rtorch import rbase


def test_a_distribution_prints_as_r_torch_prints_it():
    # R torch's print() lists private$.arg_constraints, always empty: "torch_Normal ()"
    assert repr(distr_normal(loc = 0, scale = 1)) == "torch_Normal ()"
    assert repr(distr_bernoulli(probs = torch_tensor(c(0.25, 0.5, 0.75)))) == "torch_Bernoulli ()"
    assert repr(distr_categorical(probs = c(0.5, 0.5))) == "torch_Categorical ()"


def test_seeded_draws_are_the_articles():
    torch_manual_seed(1)
    n = distr_normal(loc = 0, scale = 1)
    assert str(n.sample()) == "torch_tensor\n 0.6614\n[ CPUFloatType{1} ]"
    assert str(n.sample(3)) == "torch_tensor\n 0.2669\n 0.0617\n 0.6213\n[ CPUFloatType{3,1} ]"


def test_dnorm_is_rs_normal_density():
    assert repr(log(dnorm(0))) == "[1] -0.9189385"               # the article's output
    assert float(dnorm(0)) == pytest.approx(1 / math.sqrt(2 * math.pi), rel = 1e-15)
    got = dnorm(c(-1, 0, 2.5), mean = 1, sd = 2)
    d = torch.distributions.Normal(torch.tensor(1.0, dtype = torch.float64),
                                   torch.tensor(2.0, dtype = torch.float64))
    want = d.log_prob(torch.tensor([-1.0, 0.0, 2.5], dtype = torch.float64)).exp()
    assert list(got) == pytest.approx(want.tolist(), rel = 1e-12)
    assert list(dnorm(c(0, 1), log = True)) == pytest.approx([-0.9189385332046727, -1.4189385332046727])
    assert repr(dnorm(1, 2, 3)) == "[1] 0.1257944"                # R: dnorm(1, 2, 3)


def test_plot_draws_a_scatter_of_numeric_vectors():
    x, y = c(1, 2, 3), c(2, 4, 5)
    fig = plot(x, y)
    offsets = fig.get_axes()[0].collections[0].get_offsets()
    assert offsets.tolist() == [[1, 2], [2, 4], [3, 5]]
    fig = plot(torch_tensor(c(3, 1)))                          # one vector: against 1, 2, ...
    assert fig.get_axes()[0].collections[0].get_offsets().tolist() == [[1, 3], [2, 1]]
    with pytest.raises(ValueError, match = "lengths differ"):
        plot(c(1, 2), c(1, 2, 3))
    with pytest.raises(TypeError, match = r"plot\(\) draws numeric vectors"):
        plot("a")


def test_luz_plot_leaves_vectors_to_base_plot():
    from rtorch.luz import plot as luz_plot
    fig = luz_plot(c(1, 2), c(3, 4))
    assert fig.get_axes()[0].collections[0].get_offsets().tolist() == [[1, 3], [2, 4]]
    assert "plot" in rbase.__all__ and "dnorm" in rbase.__all__
