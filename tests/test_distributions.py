"""distr_*: R torch's API over torch.distributions; values equal PyTorch's."""
from __future__ import annotations

import pytest
import torch
from torch import distributions as D

import rtorch
from rtorch import (c, distr_bernoulli, distr_categorical, distr_chi2, distr_gamma,
                    distr_mixture_same_family, distr_multivariate_normal, distr_normal,
                    distr_poisson, seq, torch_eye, torch_manual_seed, torch_ones, torch_tensor)
from rtorch.distributions import DISTRIBUTIONS, Categorical, Distribution
from rtorch.tensor import Tensor

COV = torch.tensor([[2.0, 0.3], [0.3, 1.0]])

# (rtorch distribution, the same PyTorch one, values to score)
CASES = [
    (lambda: distr_normal(c(0, 1), c(1, 2)), lambda: D.Normal(torch.tensor([0.0, 1.0]), torch.tensor([1.0, 2.0])),
     torch.tensor([[0.5, -1.0], [2.0, 0.0]])),
    (lambda: distr_bernoulli(probs=c(0.3, 0.9)), lambda: D.Bernoulli(probs=torch.tensor([0.3, 0.9])),
     torch.tensor([1.0, 0.0])),
    (lambda: distr_bernoulli(logits=torch_tensor(c(-1, 2))), lambda: D.Bernoulli(logits=torch.tensor([-1.0, 2.0])),
     torch.tensor([1.0, 1.0])),
    (lambda: distr_chi2(c(2, 5)), lambda: D.Chi2(torch.tensor([2.0, 5.0])), torch.tensor([0.5, 3.0])),
    (lambda: distr_gamma(c(2, 3), c(1, 0.5)), lambda: D.Gamma(torch.tensor([2.0, 3.0]), torch.tensor([1.0, 0.5])),
     torch.tensor([1.5, 4.0])),
    (lambda: distr_poisson(c(1, 4)), lambda: D.Poisson(torch.tensor([1.0, 4.0])), torch.tensor([0.0, 3.0])),
    (lambda: distr_multivariate_normal(torch_tensor(c(0, 1)), covariance_matrix=torch_tensor(COV)),
     lambda: D.MultivariateNormal(torch.tensor([0.0, 1.0]), covariance_matrix=COV),
     torch.tensor([[0.5, 0.5], [1.0, -1.0]])),
    (lambda: distr_multivariate_normal(torch_tensor(c(0, 1)), scale_tril=torch_tensor(torch.linalg.cholesky(COV))),
     lambda: D.MultivariateNormal(torch.tensor([0.0, 1.0]), scale_tril=torch.linalg.cholesky(COV)),
     torch.tensor([0.2, 0.1])),
]


@pytest.mark.parametrize("make,make_torch,values", CASES)
def test_log_prob_and_moments_equal_pytorch(make, make_torch, values):
    d, t = make(), make_torch()
    lp = d.log_prob(values)
    assert isinstance(lp, Tensor)
    torch.testing.assert_close(lp.torch, t.log_prob(values))
    torch.testing.assert_close(d.log_prob(torch_tensor(values)).torch, t.log_prob(values))
    for field in ("mean", "variance", "stddev"):
        torch.testing.assert_close(getattr(d, field).torch, getattr(t, field), equal_nan=True)
    if not isinstance(t, D.Poisson):
        torch.testing.assert_close(d.entropy().torch, t.entropy())
    assert tuple(d.batch_shape) == tuple(t.batch_shape) and tuple(d.event_shape) == tuple(t.event_shape)


@pytest.mark.parametrize("make,make_torch,values", CASES)
def test_samples_are_pytorchs_draws(make, make_torch, values):
    d, t = make(), make_torch()
    torch.manual_seed(3)
    s = d.sample(c(4, 2))
    torch.manual_seed(3)
    assert isinstance(s, Tensor) and torch.equal(s.torch, t.sample((4, 2)))
    assert tuple(d.sample().shape) == tuple(t.batch_shape + t.event_shape)
    assert tuple(d.sample(3).shape) == (3, *t.batch_shape, *t.event_shape)


def test_numbers_are_r_vectors():
    d = distr_normal(0, 1)                 # R: torch_tensor(0) has shape {1}
    assert tuple(d.batch_shape) == (1,) and tuple(d.sample().shape) == (1,)
    assert d.loc.dtype == rtorch.torch_float()
    torch.testing.assert_close(d.log_prob(0.5).torch, D.Normal(0.0, 1.0).log_prob(torch.tensor([0.5])))
    torch.testing.assert_close(d.cdf(0).torch, torch.tensor([0.5]))
    torch.testing.assert_close(d.icdf(0.5).torch, torch.tensor([0.0]))


def test_rsample_carries_gradients():
    loc = torch_tensor(0.5, requires_grad=True)
    scale = torch_tensor(2, requires_grad=True)
    distr_normal(loc, scale).rsample(c(10)).sum().backward()
    assert loc.grad.torch.tolist() == [10.0] and scale.grad is not None
    s = distr_gamma(2, 1).rsample(5)
    assert tuple(s.shape) == (5, 1)


def test_categorical_is_one_based():
    probs = c(0.2, 0.3, 0.5)
    d = distr_categorical(probs=probs)
    t = D.Categorical(probs=torch.tensor([0.2, 0.3, 0.5]))
    assert isinstance(d, Categorical)
    torch.manual_seed(0)
    s = d.sample(c(1000))
    torch.manual_seed(0)
    assert torch.equal(s.torch, t.sample((1000,)) + 1)
    assert s.dtype == rtorch.torch_long() and set(s.torch.unique().tolist()) == {1, 2, 3}
    torch.testing.assert_close(d.log_prob(torch_tensor(seq(1, 3))).torch, t.log_prob(torch.arange(3)))
    torch.testing.assert_close(d.log_prob(c(3, 1)).torch, t.log_prob(torch.tensor([2, 0])))
    assert d.mode.torch.item() == 3
    assert d.enumerate_support().torch.tolist() == [1, 2, 3]
    with pytest.raises(IndexError, match="Indexing starts at 1 but found a 0."):
        d.log_prob(torch_tensor(0))
    torch.testing.assert_close(distr_categorical(logits=torch_tensor(c(1, 2, 3))).probs.torch,
                               torch.softmax(torch.tensor([1.0, 2.0, 3.0]), 0))


def test_mixture_same_family():
    mix = distr_categorical(probs=torch_ones(3))
    comp = distr_normal(torch_tensor(c(-1, 0, 2)), torch_tensor(c(1, 0.5, 2)))
    d = distr_mixture_same_family(mix, comp)
    t = D.MixtureSameFamily(D.Categorical(probs=torch.ones(3)),
                            D.Normal(torch.tensor([-1.0, 0.0, 2.0]), torch.tensor([1.0, 0.5, 2.0])))
    x = torch.tensor([0.3, -2.0, 4.0])
    torch.testing.assert_close(d.log_prob(x).torch, t.log_prob(x))
    torch.testing.assert_close(d.mean.torch, t.mean)
    assert tuple(d.sample(c(5)).shape) == (5,)
    assert isinstance(d.mixture_distribution, Categorical)
    assert isinstance(d.component_distribution, Distribution)
    with pytest.raises(ValueError, match="^Mixture distribution must be distr_categorical.$"):
        distr_mixture_same_family(distr_normal(0, 1), comp)
    with pytest.raises(ValueError, match="^Component distribution must be an instance of torch_Distribution.$"):
        distr_mixture_same_family(mix, torch_ones(3))


def test_r_messages_and_printing():
    with pytest.raises(ValueError, match=r"^Either `probs` or `logits` must be specified, but not both.$"):
        distr_bernoulli()
    with pytest.raises(ValueError, match=r"^Either `probs` or `logits` must be specified, but not both.$"):
        distr_categorical(probs=c(0.5, 0.5), logits=c(0, 0))
    with pytest.raises(ValueError, match="^Exactly one of covariance_matrix or precision_matrix or scale_tril"):
        distr_multivariate_normal(torch_tensor(c(0, 0)))
    assert repr(distr_normal(0, 1)) == "torch_Normal ()"          # as R torch prints it
    assert repr(distr_poisson(c(1, 2))) == "torch_Poisson ()"
    with pytest.raises(ValueError):             # validate_args = TRUE checks values, as in R
        distr_normal(0, -1, validate_args=True)
    distr_normal(0, -1)                          # R's default: no validation


def test_expand_and_torch_interop():
    d = distr_normal(0, 1).expand(c(3))
    assert tuple(d.batch_shape) == (3,) and tuple(d.sample().shape) == (3,)
    assert isinstance(d.torch, D.Normal)
    kl = D.kl_divergence(distr_normal(0, 1).torch, distr_normal(1, 1).torch)
    torch.testing.assert_close(kl, torch.tensor([0.5]))
    assert distr_bernoulli(probs=0.3).has_enumerate_support


def test_every_distribution_in_the_table_is_exported():
    for name in DISTRIBUTIONS:
        assert callable(getattr(rtorch, name)) and name in rtorch.__all__
    torch_manual_seed(1)
    assert tuple(distr_multivariate_normal(torch_tensor(c(0, 0)), precision_matrix=torch_eye(2))
                 .sample(2).shape) == (2, 2)
