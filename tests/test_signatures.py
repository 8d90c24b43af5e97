"""Calls bind by R torch's formals and take R's values (PORTING §7): every documented example
of the contract, checked against the value R gives (or the same computation in 0-based PyTorch)."""
from __future__ import annotations

import inspect
import math

import numpy as np
import pytest
import torch

from rtorch import *  # noqa: F403
from rtorch import Tensor
from rtorch.formals import BindError
from rtorch.pipes import Composed, Stage


def T(x) -> torch.Tensor:
    if isinstance(x, Tensor):
        x = x.torch
    return x.detach() if isinstance(x, torch.Tensor) else torch.as_tensor(np.asarray(x))


def same(a, b) -> None:
    a, b = T(a), T(b)
    assert tuple(a.shape) == tuple(b.shape), (a.shape, b.shape)
    assert torch.equal(a.to(b.dtype), b), (a, b)


X = torch_tensor(c(1, -1, 2))
M = torch_tensor([[1, 2, 3], [4, 5, 6]])


# -- 1. binding by R's formals --------------------------------------------------------------------

def test_nonzero_as_list():
    r = torch_nonzero(X, as_list=True)
    assert len(r) == 1
    same(r[0], torch.tensor([1, 2, 3]))          # R's 1-based positions (no zero in X)
    same(torch_nonzero(torch_tensor(c(0, 3, 0, 4))), torch.tensor([[2], [4]]))


def test_flip_positional_and_named():
    same(torch_flip(X, 1), torch.tensor([2., -1., 1.]))
    same(torch_flip(X, dims=1), torch.tensor([2., -1., 1.]))
    same(torch_flip(M, c(1, 2)), torch.flip(T(M), (0, 1)))


def test_expand_positional_implicit():
    same(torch_ones(2, 1).expand(c(2, 3), False), torch.ones(2, 3))
    same(torch_ones(1).expand(size=c(2, 2), implicit=True), torch.ones(2, 2))


def test_result_type_by_r_names():
    assert repr(torch_result_type(tensor1=X, tensor2=1)) == "torch_Float"
    assert repr(torch_result_type(tensor1=torch_tensor(seq(1, 2)), tensor2=X)) == "torch_Float"


def test_normal_r_default_mean():
    torch_manual_seed(1)
    a = torch_normal(std=2)
    assert a.shape == (1,)                       # R's length-1 vectors in, length-1 out
    torch_manual_seed(1)
    b = torch.normal(torch.tensor([0.0]), 2.0)
    same(a, b)
    big = torch_normal(std=2, size=c(20000))
    assert abs(float(big.mean())) < 0.1 and abs(float(big.std()) - 2) < 0.1
    torch_manual_seed(3)
    c_ = torch_normal(mean=5, std=1, size=c(2, 2))
    torch_manual_seed(3)
    same(c_, torch.normal(5.0, 1.0, (2, 2)))


def test_multihead_attention_avg_weights():
    torch_manual_seed(1)
    m = nn_multihead_attention(embed_dim=4, num_heads=2)
    q = torch_randn(3, 2, 4)
    out, w = m(q, q, q, avg_weights=False)
    assert w.shape == (2, 2, 3, 3)               # one weight matrix per head
    out2, w2 = m(q, q, q)
    assert w2.shape == (2, 3, 3)
    same(w2, T(w).mean(1))


def test_layer_norm_number_shape():
    x = torch_randn(2, 3)
    same(nnf_layer_norm(x, 3), torch.nn.functional.layer_norm(T(x), (3,)))


def test_tril_logical_diagonal():
    same(torch_tril(torch_ones(3, 3), diagonal=False), torch.tril(torch.ones(3, 3), 0))
    same(torch_tril(torch_ones(3, 3), diagonal=True), torch.tril(torch.ones(3, 3), 1))


def test_r_errors_for_unknown_and_extra_arguments():
    with pytest.raises(BindError, match=r"unused argument \(foo = 1\)"):
        torch_flip(X, 1, foo=1)
    with pytest.raises(BindError, match="unused argument"):
        torch_square(X, 1)
    with pytest.raises(TypeError, match="missing"):
        Tensor.flip(X)


def test_named_before_positional_as_r_matches():
    same(torch_flip(X, dims=1), torch_flip(dims=1, self=X))
    same(torch_sum(dim=2, self=M), T(M).sum(1))
    same(torch_transpose(M, 1, 2), T(M).t())
    same(M.transpose(dim1=2, dim0=1), T(M).t())


# -- 2. signatures and docstrings are R's -------------------------------------------------------------

def test_signatures_show_r_usage():
    assert str(inspect.signature(torch_flip)) == "(self, dims)"
    assert str(inspect.signature(torch_tril)) == "(self, diagonal=0)"
    assert str(inspect.signature(nnf_softmax)) == "(input, dim, dtype=None)"
    assert str(inspect.signature(Tensor.split)) == "(self, split_size, dim=1)"
    assert str(inspect.signature(nn_conv2d)).startswith("(in_channels, out_channels, kernel_size, stride=1")
    assert str(inspect.signature(nn_multihead_attention)).endswith("batch_first=False)")
    assert torch_tril.__doc__.startswith("R usage: ``torch_tril(self, diagonal = 0)``")


# -- 3. R values as R torch's converters take them ------------------------------------------------------

def test_numbers_where_tensors_are_wanted():
    same(torch_max(X, other=0), torch.tensor([1., 0., 2.]))
    same(X.min(other=9), T(X))
    same(X & 0, torch.tensor([False, False, False]))
    same(X | 0, torch.tensor([True, True, True]))
    same(2 % X, torch.fmod(torch.tensor([2.]), T(X)))
    same(torch_square(2), torch.tensor([4.]))


def test_int_lists_from_numbers_and_vectors():
    y = torch_arange(1, 5)
    parts = y.split(c(2, 3))
    assert [p.shape for p in parts] == [(2,), (3,)]
    same(parts[1], torch.tensor([3., 4., 5.]))
    assert list(torch_broadcast_shapes(c(2, 2), c(2))) == [2, 2]
    same(y.tile(2), T(y).tile((2,)))
    same(M.permute(c(2, 1)), T(M).t())


def test_r_integers_and_length_one_vectors_as_ints():
    y = torch_tensor(c(3, 1, 2))
    same(y.sort(dim=as_integer(-1))[0], torch.tensor([1., 2., 3.]))
    same(y.topk(as_integer(2))[0], torch.tensor([3., 2.]))
    same(M.cumsum(as_integer(2)), T(M).cumsum(1))
    same(M.cumsum(dim=c(1)), T(M).cumsum(0))
    idx = torch_tensor([[2, 1], [1, 3]], dtype=torch_long())
    same(M.gather(as_integer(2), idx), T(M).gather(1, T(idx) - 1))
    same(M.transpose(as_integer(1), as_integer(2)), T(M).t())
    assert M.unsqueeze(as_integer(1)).shape == (1, 2, 3)
    same(nnf_softmax(M, dim=as_integer(2)), torch.softmax(T(M), 1))
    same(torch_cat([M, M], dim=as_integer(2)), torch.cat([T(M), T(M)], 1))
    same(torch_cat([M, M], dim=c(1)), torch.cat([T(M), T(M)], 0))


def test_init_scalars_from_r_vectors():
    torch_manual_seed(7)
    w = torch_empty(200, 200)
    nn_init_normal_(w, std=sqrt(2))
    assert abs(float(w.std()) - math.sqrt(2)) < 0.02
    torch_manual_seed(7)
    v = torch.empty(200, 200)
    torch.nn.init.normal_(v, std=math.sqrt(2))
    same(w, v)
    torch_manual_seed(2)
    u = nn_init_xavier_uniform_(torch_empty(3, 4), gain=c(0.5))
    torch_manual_seed(2)
    same(u, torch.nn.init.xavier_uniform_(torch.empty(3, 4), gain=0.5))


def test_module_sizes_pair_rule():
    m = nn_conv2d(1, 2, kernel_size=c(3), padding=c(1))
    assert m.weight.shape == (2, 1, 3, 3)
    assert m(torch_ones(1, 1, 5, 5)).shape == (1, 2, 5, 5)
    m3 = nn_conv3d(1, 1, kernel_size=c(2), stride=c(2))
    assert m3.weight.shape == (1, 1, 2, 2, 2)
    assert nn_layer_norm(c(3)).weight.shape == (3,)


# -- 4. pipes decided by the formals --------------------------------------------------------------------

def test_stage_exactly_when_a_required_formal_is_unbound():
    assert not isinstance(torch_square(2), Stage)
    assert isinstance(nnf_pad(c(6, 12, 12, 6)), Stage)
    assert isinstance(nnf_relu(), Stage)
    assert isinstance(nnf_max_pool2d(2), Stage)
    assert not isinstance(torch_sum(M), Stage)       # R's dim has no default yet is optional
    x = torch_ones(1, 2, 2)
    same(x >> nnf_pad(c(6, 12, 12, 6)), torch.nn.functional.pad(T(x), (6, 12, 12, 6)))
    same(torch_eye(6) >> nnf_pad(c(1, 1)), torch.nn.functional.pad(torch.eye(6), (1, 1)))
    same(M >> torch_flatten(start_dim=1), T(M).flatten())


def test_stages_compose_into_a_function():
    f = nnf_pad(c(1, 1)) >> torch_square() >> nnf_relu()
    assert isinstance(f, Composed) and callable(f)
    expected = torch.relu(torch.nn.functional.pad(T(M), (1, 1)) ** 2)
    same(f(M), expected)
    same(M >> f, expected)
    g = f >> torch_flatten()
    same(g(M), expected.flatten())
    items = [f(M[i]) for i in (1, 2)]          # as a transform, item by item
    same(items[0], torch.relu(torch.nn.functional.pad(T(M)[0], (1, 1)) ** 2))


def test_docstrings_give_an_r_example_with_one_based_dims():
    doc = torch_cumsum.__doc__
    assert doc.startswith("R usage: ``torch_cumsum(self, dim, dtype = NULL)``")
    assert "R example: ``torch_cumsum(x, dim = 2)``" in doc
    assert "R example: ``x$transpose(dim0 = 1, dim1 = 2)``" in Tensor.transpose.__doc__
    x = torch_tensor([[1, 2], [3, 4]])
    same(torch_cumsum(x, dim=2), torch.cumsum(T(x), 1))      # the example computes R's value


def test_an_optional_r_formal_never_lands_on_another_pytorch_argument():
    # R's ``batch_first`` sits where PyTorch has ``is_causal``: matched by name only
    b = nnf_multi_head_attention_forward.__r_binder__
    assert b.to_impl["batch_first"] != "is_causal"
    # a required one maps by position: R's tensor1/tensor2 are PyTorch's tensor/other
    assert torch_result_type.__r_binder__.to_impl == {"tensor1": "tensor", "tensor2": "other"}


def test_pytorch_style_varargs_sizes_still_bind():
    x = torch_randn(3, 4)
    assert x.view(2, 6).shape == (2, 6) and x.view(c(2, 6)).shape == (2, 6)
    same(x.permute(2, 1), T(x).t())
    assert x.repeat(2, 1).shape == (6, 4)
    with pytest.raises(BindError, match=r"unused argument \(1\)"):
        torch_square(x, 1)


def test_r_self_lands_on_pytorch_input_among_deprecated_overloads():
    m, a, b = torch_randn(2, 3), torch_randn(2, 4), torch_randn(4, 3)
    expected = torch.addmm(T(m), T(a), T(b), beta=2)
    same(torch_addmm(m, a, b, beta=2), expected)
    x = torch_randn(3, 4)                       # a Python-level method: R's p, dim in place
    same(x.norm(2, 2), torch.linalg.vector_norm(T(x), 2, dim=1))


def test_multi_head_attention_forward_batch_first():
    torch_manual_seed(3)
    m = nn_multihead_attention(4, 2)
    q = torch_randn(3, 2, 4)                      # (seq, batch, feature)
    args = dict(embed_dim_to_check=4, num_heads=2, in_proj_weight=m.in_proj_weight,
                in_proj_bias=m.in_proj_bias, bias_k=None, bias_v=None, add_zero_attn=False,
                dropout_p=0, out_proj_weight=m.out_proj.weight, out_proj_bias=m.out_proj.bias)
    seq_first = nnf_multi_head_attention_forward(q, q, q, **args)
    qb = q.transpose(1, 2)                        # (batch, seq, feature)
    batch_first = nnf_multi_head_attention_forward(qb, qb, qb, **args, batch_first=True)
    assert batch_first[0].shape == (2, 3, 4)
    assert torch.allclose(T(batch_first[0]), T(seq_first[0]).transpose(0, 1), atol=1e-6)


def test_options_list_of_new_methods():
    x = torch_randn(2)
    z = x.new_zeros(c(2, 3), options=dict(dtype=torch_long()))
    assert z.shape == (2, 3) and repr(z.dtype) == "torch_Long"
    f = x.new_full(c(2), 5, dict(dtype=torch_double()))
    same(f, torch.full((2,), 5, dtype=torch.float64))


def test_nnf_formals_without_default_are_required():
    x = torch_randn(2, 3)
    assert isinstance(nnf_softmax(2), Stage)            # R's dim has no default: x >> ...
    same(x >> nnf_softmax(2), torch.softmax(T(x), 1))
